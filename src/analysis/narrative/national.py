"""The national overview in words (vi/en): where the province stands among all provinces or 2025 units, the
ranking table, and what the comparison rests on (estimates, official inventories, base years).

Input: :func:`analysis.emissions.national_table.national_table` and its :func:`~analysis.emissions.national_table.standing`.
Output: Markdown strings and a formatted table. Numbers are the table's; nothing is computed here but formatting.
"""

from __future__ import annotations

import pandas as pd

from analysis.emissions.national_table import missing_notes
from analysis.i18n import fmt_mt, fmt_number, fmt_pct, fmt_percent, sector_label, t
from analysis.narrative import MT
from analysis.narrative.figures import detail, mark


def _year(table: pd.DataFrame) -> str:
    return "/".join(str(y) for y in table.attrs.get("base_years", sorted(set(table["base_year"]))))


def describe_standing(table: pd.DataFrame, s, lang: str) -> list[str]:
    """Where the province stands: emissions, per person, growth, region; then what the comparison rests on."""
    units = t(f"ov_units_{table.attrs.get('map', 2024)}", lang)
    row = table[table["province"] == s.province].iloc[0]
    out = [
        t(
            "ov_standing",
            lang,
            year=int(row["base_year"]),
            province=s.province,
            net=mark("net_base", fmt_mt(s.net_tco2e / MT, lang), "mt"),
            rank=s.rank_net,
            of=s.of,
            units=units,
            share=detail("national.share", fmt_percent(s.share_pct, lang, 1)),
            pp=mark("per_person", fmt_number(s.t_per_person, lang, 1), "tpp")
            if s.rank_per_person
            else t("not_estimated", lang),
            rank_pp=s.rank_per_person or "–",
            national=detail("national.per_person", fmt_number(s.national_t_per_person, lang, 1)),
        )
    ]
    target = table.attrs.get("target_year", 2030)
    if s.rank_growth:
        change = t(
            "ov_rise" if s.bau_growth_pct >= 0 else "ov_fall",
            lang,
            # the place's own BAU change is a fact of its run (pathways.bau.change_pct), printed by the facts' rule
            pct=mark("pathways.bau.change_pct", fmt_pct(abs(s.bau_growth_pct), lang), "pct|abs"),
        )
        out.append(t("ov_growth", lang, target=target, change=change, rank=s.rank_growth, of=s.of))
    if s.region_rank:
        from analysis.data.provinces import get_registry

        region = get_registry().province(s.province)
        out.append(
            t(
                "ov_region",
                lang,
                region=region.region_vi if lang == "vi" else region.region,
                rank=s.region_rank,
                n=s.region_size,
            )
        )
    return out + describe_basis(table, lang)


def estimate_banner(table: pd.DataFrame, name: str, lang: str) -> dict:
    """What the report's title block says of the figures (``is_estimate``, ``running_note`` of
    :func:`analysis.report.excel.record_report_info`): estimates when any place's are; but a place whose own figures
    are its official inventory among the others' estimates is told so, instead of "this report's figures are
    estimates"."""
    estimated = table.set_index("province")["is_estimate"]
    own_official = bool(estimated.any()) and name in estimated.index and not bool(estimated[name])
    if own_official:
        return {"is_estimate": False, "running_note": t("ov_others_estimated", lang, province=name)}
    return {"is_estimate": bool(estimated.any()), "running_note": None}


def describe_basis(table: pd.DataFrame, lang: str) -> list[str]:
    """Estimates or official inventories, differing base years, missing values — in words."""
    official = table.loc[~table["is_estimate"], "province"].tolist()
    out = [t("ov_basis_official", lang, names=", ".join(official)) if official else t("ov_basis_estimates", lang)]
    years = sorted(set(table["base_year"]))
    if len(years) > 1:
        out.append(t("ov_mixed_years", lang, years=", ".join(map(str, years))))
    notes = []
    for place, year, row_notes in zip(table["province"], table["base_year"], table["notes"], strict=True):
        no_population, sectors = missing_notes(row_notes)
        if no_population:
            notes.append(t("ov_missing_population", lang, place=place, year=int(year), names=", ".join(no_population)))
        notes += [f"{place} — {sector_label(sector, lang)}: {reason}" for sector, reason in sectors.items()]
    if notes:
        out.append(t("ov_missing", lang, notes="; ".join(notes)))
    return out


def ranking_table(table: pd.DataFrame, province: str, lang: str, top: int = 10) -> pd.DataFrame:
    """The ``top`` largest emitters and ``province`` (if not among them), formatted for ``lang``."""
    target = table.attrs.get("target_year", 2030)
    shown = table.head(top)
    if province not in set(shown["province"]):
        shown = pd.concat([shown, table[table["province"] == province]])
    year = _year(table)
    kinds = [t("ov_kind_estimate" if e else "ov_kind_official", lang) for e in shown["is_estimate"]]
    out = pd.DataFrame(
        {
            t("ov_col_rank", lang): shown["rank_net"].astype(int).to_numpy(),
            t("ov_col_province", lang): shown["province"].to_numpy(),
            t("ov_col_net", lang, year=year): (shown["net_tco2e"] / MT).to_numpy(),
            t("ov_col_share", lang): shown["share_pct"].astype(float).to_numpy(),
            t("ov_col_pp", lang): shown["t_per_person"].to_numpy(),
            t("ov_col_bau", lang, year=target): (shown["bau_target_tco2e"] / MT).to_numpy(),
            t("ov_col_growth", lang, year=target): shown["bau_growth_pct"].astype(float).to_numpy(),
        }
    )
    if len(set(kinds)) > 1:
        out[t("ov_col_kind", lang)] = kinds
    out = out.reset_index(drop=True)
    out.attrs["kinds"] = {  # percent numbers (share of the country, growth with its sign), printed as before
        t("ov_col_share", lang): "percent:1",
        t("ov_col_growth", lang, year=target): "percent:0+",
    }
    return out


def table_note(table: pd.DataFrame, province: str, lang: str, top: int = 10) -> str:
    plus = "" if province in set(table.head(top)["province"]) else t("ov_table_plus", lang, province=province)
    return t("ov_table_note", lang, top=top, plus=plus)
