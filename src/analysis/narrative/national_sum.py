"""Does the nation add up? The implied national BAU in words and tables (vi/en), beside the national references.

Input: :func:`analysis.emissions.national_sum.implied_national_bau` and its comparisons
(:func:`~analysis.emissions.national_sum.compare_references`, :func:`~analysis.emissions.national_sum.compare_decision_896`).
Output: Markdown strings and tables in the reader's words. Every figure is the engine's; numbers go through
:func:`analysis.i18n.fmt_mt` and :func:`~analysis.i18n.fmt_pct`. One sentence per reference says why the sum
differs from it, on the reference's own basis (net, excluding LULUCF, energy only).
"""

from __future__ import annotations

import pandas as pd

from analysis.data.sectors import sector_keys
from analysis.i18n import fmt_mt, fmt_pct, sector_label, t
from analysis.narrative import MT
from analysis.narrative.figures import detail_paragraph

YEARS = (2023, 2025, 2030, 2035, 2040, 2045, 2050)


def _units(implied: pd.DataFrame, lang: str) -> str:
    return t(f"ov_units_{implied.attrs.get('map', 2025)}", lang)


def _range(low: float, high: float, lang: str) -> str:
    return fmt_mt(low, lang) if low == high else f"{fmt_mt(low, lang)}–{fmt_mt(high, lang)}"


def national_bau_table(implied: pd.DataFrame, lang: str, years: tuple[int, ...] = YEARS) -> pd.DataFrame:
    """The implied national BAU (Mt CO2e) by sector (rows: the places' sum of each sector, the line not allocated to
    a province, the total excluding LULUCF, the net total) and year (columns)."""
    from analysis.emissions.national_sum import basis_totals

    shown = [y for y in years if y in set(implied["year"])]
    wide = implied[implied["year"].isin(shown)].pivot(index="sector", columns="year", values="places_tco2e") / MT
    line = implied[implied["year"].isin(shown)].groupby("year")["not_allocated_tco2e"].sum() / MT
    totals = basis_totals(implied).set_index("year").loc[shown] / MT
    names = [sector_label(s, lang) for s in sector_keys() if s in wide.index]
    rows = [wide.loc[s].to_numpy() for s in sector_keys() if s in wide.index]
    names += [t("ov_row_not_allocated", lang), t("ov_row_excl_lulucf", lang), t("ov_row_net", lang)]
    rows += [line.to_numpy(), totals["excl_lulucf"].to_numpy(), totals["net"].to_numpy()]
    frame = pd.DataFrame(rows, columns=[str(y) for y in shown])
    frame.insert(0, t("inv_col_sector", lang), names)
    return frame


def national_bau_title(implied: pd.DataFrame, lang: str) -> str:
    return t("ov_nation_table", lang, units=_units(implied, lang))


def _gap_words(row, lang: str) -> str:
    if row.gap_mt == 0:
        return t("ov_gap_within", lang)
    key = "ov_gap_below" if row.gap_mt < 0 else "ov_gap_above"
    return t(key, lang, gap=fmt_mt(abs(row.gap_mt), lang), ratio=fmt_pct(100 * row.ratio, lang))


def describe_national_bau(implied: pd.DataFrame, compared: pd.DataFrame, lang: str, year: int = 2030) -> list[str]:
    """The sum in words (net, excluding LULUCF, energy; the offshore line and how it is projected), then one
    sentence per reference on why the sum differs from it."""
    from analysis.emissions.national_bau import decision_896_bau, national_total_growth
    from analysis.emissions.national_sum import basis_totals, growth_rate

    totals = basis_totals(implied).set_index("year") / MT
    first, last = int(totals.index.min()), int(totals.index.max())
    line0 = implied[implied["year"] == first]["not_allocated_tco2e"].sum() / MT
    out = [
        t(
            "ov_nation_intro",
            lang,
            units=_units(implied, lang),
            line=fmt_mt(line0, lang),
            y0=first,
            year=year,
            net=fmt_mt(totals.loc[year, "net"], lang),
            gross=fmt_mt(totals.loc[year, "excl_lulucf"], lang),
            energy=fmt_mt(totals.loc[year, "energy"], lang),
            net0=fmt_mt(totals.loc[first, "net"], lang),
            end=last,
            net_end=fmt_mt(totals.loc[last, "net"], lang),
        )
    ]
    d896 = decision_896_bau()
    d896_total = float(d896[d896["year"] == year]["bau_mtco2e"].sum())
    growth = {
        "sum_growth": fmt_pct(100 * growth_rate(implied, "excl_lulucf", first, year), lang),
        "nat_growth": fmt_pct(100 * national_total_growth(), lang),
    }
    for row in compared.itertuples():
        values = {
            "ref": _range(row.low_mt, row.high_mt, lang),
            "low": fmt_mt(row.low_mt, lang),
            "high": fmt_mt(row.high_mt, lang),
            "sum": fmt_mt(row.sum_mt, lang),
            "year": row.year,
            "gap_text": _gap_words(row, lang),
            "d896": fmt_mt(d896_total, lang),
            **growth,
        }
        if row.kind == "ceiling":
            key = (
                "ov_ceiling_within" if row.gap_mt == 0 else "ov_ceiling_below" if row.gap_mt < 0 else "ov_ceiling_above"
            )
            values["ceiling_text"] = t(key, lang, gap=fmt_mt(abs(row.gap_mt), lang))
        out.append(t(f"ov_gap_{row.id}", lang, **values))
    return [detail_paragraph(f"national_sum.{i}", paragraph) for i, paragraph in enumerate(out)]


def references_table(compared: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Each national reference, its basis and kind, the sum on the same basis and year, the difference (Mt): numbers
    as numbers (``frame.attrs["kinds"]``); a reference given as a range and a difference within it stay words."""
    value, gap = t("ov_ref_col_value", lang), t("ov_ref_col_gap", lang)
    single = [lo == hi for lo, hi in zip(compared["low_mt"], compared["high_mt"], strict=True)]
    within = [g == 0 for g in compared["gap_mt"]]
    out = pd.DataFrame(
        {
            t("ov_ref_col_reference", lang): [t(f"ov_ref_{i}", lang) for i in compared["id"]],
            t("ov_ref_col_year", lang): compared["year"].astype(int).to_numpy(),
            t("ov_ref_col_basis", lang): [t(f"ov_basis_{b}", lang) for b in compared["basis"]],
            t("ov_ref_col_kind", lang): [t(f"ov_refkind_{k}", lang) for k in compared["kind"]],
            value: [
                float(lo) if one else _range(lo, hi, lang)
                for lo, hi, one in zip(compared["low_mt"], compared["high_mt"], single, strict=True)
            ],
            t("ov_ref_col_compared", lang): [t(f"ov_sumkind_{k}", lang) for k in compared["sum_kind"]],
            t("ov_ref_col_sum", lang): compared["sum_mt"].astype(float).to_numpy(),
            gap: [
                t("ov_gap_cell_within", lang) if w else float(g)
                for g, w in zip(compared["gap_mt"], within, strict=True)
            ],
        },
    )
    out.attrs["kinds"] = {
        value: ["mt" if one else None for one in single],
        t("ov_ref_col_sum", lang): "mt",
        gap: [None if w else "mt+" for w in within],
    }
    return out


def decision_896_table(table: pd.DataFrame, lang: str, year: int = 2030) -> pd.DataFrame:
    """The sum by Decision 896 sector group against the strategy's derived sector BAU (Mt CO2e) and their ratio (in
    percent): numbers with their kinds (``frame.attrs["kinds"]``)."""
    out = pd.DataFrame(
        {
            t("ov_d896_col_group", lang): [t(f"ov_group_{g}", lang) for g in table["group"]],
            t("ov_d896_col_sum", lang, year=year): table["sum_mt"].astype(float).to_numpy(),
            t("ov_d896_col_bau", lang, year=year): table["d896_bau_mt"].astype(float).to_numpy(),
            t("ov_d896_col_ratio", lang): (100 * table["ratio"].astype(float)).to_numpy(),
        }
    )
    out.attrs["kinds"] = {
        t("ov_d896_col_sum", lang, year=year): "mt",
        t("ov_d896_col_bau", lang, year=year): "mt",
        t("ov_d896_col_ratio", lang): "pct",
    }
    return out
