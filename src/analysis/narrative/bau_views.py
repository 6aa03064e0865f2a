"""The BAU in words an analyst can defend: its assumptions sector by sector, the three views of it, and the
plausibility checks — in Vietnamese or English, from numbers the engines give (nothing is computed here).

Inputs: a province profile (``sector_drivers``, ``growth`` with ranges and sources), the three views of
:func:`analysis.emissions.compare.compare_views` and :func:`analysis.emissions.diagnostics.check_bau`.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.sectors import sector_keys
from analysis.emissions.bau_defaults import cited_documents
from analysis.i18n import fmt_mt, fmt_number, fmt_percent, has_text, sector_label, t
from analysis.narrative import MT
from analysis.narrative.figures import detail, mark


def driver_label(driver: str, lang: str) -> str:
    key = f"drv_{driver}"
    return t(key, lang) if has_text(key) else driver.replace("_", " ")


def _basis_cell(source: str, lang: str) -> str:
    """A language-neutral short basis: the status in words and the documents the source names."""
    status = source.split(":", 1)[0].strip() if ":" in source else "source"
    key = f"status_{status}" if status in ("cited", "derived", "assumption", "method") else "status_source"
    docs = cited_documents(source)
    if "GSO" in source or "Tổng cục Thống kê" in source:
        docs.append(t("bau_doc_gso", lang))
    if "thermal_power_plants" in source:
        docs.append(t("bau_doc_plant_list", lang))
    return t(key, lang) + (f": {', '.join(docs[:4])}" if docs else "")


def assumptions_table(profile, lang: str) -> pd.DataFrame:
    """One row per sector: its driver in words, the growth of the driver in each period (central and low–high,
    %/yr) and the basis (cited, derived or an assumption, with the documents)."""
    periods = ((2024, 2030), (2031, 2040), (2041, 2050))
    rows = []
    for sector in (s for s in sector_keys() if s in profile.sector_drivers):
        driver = profile.sector_drivers[sector]
        row = {
            t("bau_col_sector", lang): sector_label(sector, lang),
            t("bau_col_driver", lang): driver_label(driver, lang),
        }
        growth = sorted(profile.growth.get(driver, []))
        ranges = profile.growth_range.get(driver, [(None, None)] * len(growth))
        sources = profile.growth_sources.get(driver, [""] * len(growth))
        bases = []
        for a, b in periods:
            inside = [
                (r, rg, src)
                for (s0, e0, r), rg, src in zip(growth, ranges, sources, strict=True)
                if s0 <= b and e0 >= a
            ]
            if not inside:
                cell = "–"
            else:
                rate = sum(r for r, _, _ in inside) / len(inside)
                lo = min((rg[0] if rg[0] is not None else r) for r, rg, _ in inside)
                hi = max((rg[1] if rg[1] is not None else r) for r, rg, _ in inside)
                cell = t(
                    "bau_rate_cell",
                    lang,
                    c=fmt_number(100 * rate, lang, 2),
                    lo=fmt_number(100 * lo, lang, 2),
                    hi=fmt_number(100 * hi, lang, 2),
                )
                bases += [src for _, _, src in inside]
            row[t("bau_col_period", lang, a=max(a, profile.base_year + 1), b=b)] = cell
        row[t("bau_col_basis", lang)] = "; ".join(dict.fromkeys(_basis_cell(src, lang) for src in bases)) or t(
            "drv_none", lang
        )
        rows.append(row)
    return pd.DataFrame(rows)


SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _formula(gross: float, factor: str, removals: float, value: float, y0: int, lang: str) -> str:
    """``gross × factor [− sink] ≈ value`` with the base-year gross to two decimals, so that the printed figure can be
    redone by hand; the land sink (held at its base-year value) named when there is one."""
    base = fmt_number(gross / MT, lang, 2)
    shown = fmt_mt(value, lang, unit="t")
    if round(removals / MT, 2) == 0:
        return t("bau_formula", lang, base=base, factor=factor, value=shown)
    return t(
        "bau_formula_sink", lang, base=base, factor=factor, sink=fmt_mt(-removals, lang, unit="t"), value=shown, y0=y0
    )


def _statistical_view(views, year: int, lang: str) -> str:
    """The statistical view's sentence: the figure and how it is made, or why it is not quoted for ``year``."""
    outlook, row = views.outlook, views.table.set_index("year").loc[year]
    until = int(views.table.attrs.get("statistical_until") or outlook.last_year)
    if year > until or pd.isna(row["statistical"]):
        return t("bau_view_stat_beyond", lang, year=year, until=until)
    pace = views.pace
    n0, n1 = outlook.national_value(pace.base_year), outlook.national_value(year)
    values = {
        "value": fmt_mt(row["statistical"], lang, unit="t"),
        "y0": pace.base_year,
        "year": year,
        "n0": fmt_number(n0, lang, 1)
        if pace.base_year <= outlook.last_year
        else t("bau_value_forecast", lang, value=fmt_number(n0, lang, 1), last=outlook.last_year),
        "n1": fmt_number(n1, lang, 1),
        "first": int(outlook.series.index.min()),
        "y_last": outlook.last_year,
        "until": until,
        "formula": _formula(
            pace.gross,
            f"{fmt_number(n1, lang, 1)} / {fmt_number(n0, lang, 1)}",
            pace.removals,
            row["statistical"],
            pace.base_year,
            lang,
        ),
    }
    if outlook.baseline_only:
        return t("bau_view_stat_drift", lang, **values)
    return t("bau_view_stat", lang, **values)


def _national_view(views, year: int, lang: str) -> str:
    """The national-pace view's sentence: the rates, and the figure as base × (1 + rate)^years."""
    pace, value = views.pace, views.table.set_index("year").loc[year, "national_trajectory"]
    spans = pace.spans(year)
    rates = "; ".join(
        t("bau_pace_rate", lang, rate=fmt_percent(100 * rate, lang, 1), a=first, b=last) for first, last, rate in spans
    )
    factor = (
        " × ".join(
            fmt_number(1 + rate, lang, 3) + str(last - first + 1).translate(SUPERSCRIPT) for first, last, rate in spans
        )
        or "1"
    )
    return t(
        "bau_view_national",
        lang,
        value=fmt_mt(value, lang, unit="t"),
        y0=pace.base_year,
        rates=rates,
        formula=_formula(pace.gross, factor, pace.removals, value, pace.base_year, lang),
    )


def views_table(views, lang: str) -> pd.DataFrame:
    """The three views by year in Mt CO₂e, for the workbook: driver-based, statistical with its interval (empty after
    its skilful year) and national pace, headers in the reader's words."""
    table = views.table
    unit = t("mtco2e", lang)
    columns = {
        t("year", lang): table["year"],
        f"{t('fc_driver_based', lang)} ({unit})": table["driver_based"] / MT,
        f"{t('fc_statistical', lang)} ({unit})": table["statistical"] / MT,
        f"{t('bau_views_col_lower', lang)} ({unit})": table["lower"] / MT,
        f"{t('bau_views_col_upper', lang)} ({unit})": table["upper"] / MT,
        f"{t('fc_national_view', lang)} ({unit})": table["national_trajectory"] / MT,
    }
    return pd.DataFrame(columns)


def describe_views(views, year: int, lang: str) -> list[str]:
    """The three BAU views in ``year`` (:class:`analysis.emissions.compare.BauViews`): an opening sentence with their
    range, one sentence each on what it assumes and how its figure is made (each figure can be redone by hand from
    the sentence), and which view targets use. The statistical view is quoted only to its skilful year; where no
    model beats the drift baseline, the sentence says that the view is the baseline."""
    row = views.table.set_index("year").loc[year]
    quoted = pd.notna(row["statistical"])
    span = {"year": year, "low": fmt_mt(row["low"], lang, unit="t"), "high": fmt_mt(row["high"], lang, unit="t")}
    intro = detail("bau_views.range", t("bau_views_intro" if quoted else "bau_views_intro_two", lang, **span))
    driver = t("bau_view_driver", lang, value=mark("bau.stated", fmt_mt(row["driver_based"], lang, unit="t"), "mt"))
    rank = (
        ""
        if row["low"] < row["driver_based"] < row["high"]
        else t("bau_views_lowest" if row["driver_based"] <= row["low"] else "bau_views_highest", lang)
    )
    return [
        intro,
        "- " + driver,
        "- " + detail("bau_views.statistical", _statistical_view(views, year, lang)),
        "- " + detail("bau_views.national", _national_view(views, year, lang)),
        t("bau_views_use", lang) + rank,
    ]


def describe_diagnostics(checks: pd.DataFrame, end_year: int, lang: str) -> list[str]:
    """One sentence per plausibility check (flags in bold)."""
    c = checks.set_index("check")
    out = []
    g = c.loc["growth_vs_national"]
    out.append(
        detail(
            "bau_check.growth",
            t(
                "diag_growth",
                lang,
                own=fmt_percent(100 * g["value"], lang, 1),
                national=fmt_percent(100 * g["reference"], lang, 1),
                ratio=fmt_number(g["ratio"], lang, 1),
                flag=t("diag_growth_flag", lang) if g["flag"] else "",
            ),
        )
    )
    d = c.loc["doubling_year"]
    out.append(
        t("diag_double", lang, year=int(d["value"]))
        if pd.notna(d["value"])
        else t("diag_no_double", lang, end=end_year)
    )
    p = c.loc["power_vs_fleet"]
    if pd.notna(p["reference"]) and p["reference"] > 0:
        out.append(
            detail(
                "bau_check.power",
                t(
                    "diag_power",
                    lang,
                    power=fmt_number(p["value"] / MT, lang, 2),
                    max=fmt_number(p["reference"] / MT, lang, 2),
                    ratio=fmt_percent(100 * p["ratio"], lang, 0),
                    flag=t("diag_power_flag", lang) if p["flag"] else "",
                ),
            )
        )
    elif pd.notna(p["value"]):
        out.append(t("diag_no_fleet", lang))
    pp = c.loc["per_person"]
    out.append(
        t(
            "diag_per_person",
            lang,
            year=int(pp["year"]),
            own=mark("per_person", fmt_number(pp["value"], lang, 1), "tpp"),
            national=detail("bau_check.national_per_person", fmt_number(pp["reference"], lang, 1)),
        )
    )
    return out
