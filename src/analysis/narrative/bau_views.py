"""The BAU in words an analyst can defend: its assumptions sector by sector, the three views of it, and the
plausibility checks — in Vietnamese or English, from numbers the engines give (nothing is computed here).

Inputs: a province profile (``sector_drivers``, ``growth`` with ranges and sources), the table of
:func:`analysis.emissions.compare.compare_bau` with the national view, and :func:`analysis.emissions.diagnostics.check_bau`.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.sectors import sector_keys
from analysis.emissions.bau_defaults import cited_documents
from analysis.i18n import fmt_number, fmt_percent, has_text, sector_label, t
from analysis.narrative import MT


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


def describe_views(table: pd.DataFrame, year: int, model: str, lang: str) -> str:
    """The three BAU views in ``year`` and why the targets use the driver-based one."""
    row = table[table["year"] == year].iloc[0]
    rank = (
        ""
        if row["low"] < row["driver_based"] < row["high"]
        else t("bau_views_lowest" if row["driver_based"] <= row["low"] else "bau_views_highest", lang)
    )
    return (
        t(
            "bau_views",
            lang,
            year=year,
            driver=fmt_number(row["driver_based"] / MT, lang, 1),
            stat=fmt_number(row["statistical"] / MT, lang, 1),
            model=model,
            national=fmt_number(row["national_trajectory"] / MT, lang, 1),
            low=fmt_number(row["low"] / MT, lang, 1),
            high=fmt_number(row["high"] / MT, lang, 1),
        )
        + rank
    )


def describe_diagnostics(checks: pd.DataFrame, end_year: int, lang: str) -> list[str]:
    """One sentence per plausibility check (flags in bold)."""
    c = checks.set_index("check")
    out = []
    g = c.loc["growth_vs_national"]
    out.append(
        t(
            "diag_growth",
            lang,
            own=fmt_percent(100 * g["value"], lang, 1),
            national=fmt_percent(100 * g["reference"], lang, 1),
            ratio=fmt_number(g["ratio"], lang, 1),
            flag=t("diag_growth_flag", lang) if g["flag"] else "",
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
            t(
                "diag_power",
                lang,
                power=fmt_number(p["value"] / MT, lang, 2),
                max=fmt_number(p["reference"] / MT, lang, 2),
                ratio=fmt_percent(100 * p["ratio"], lang, 0),
                flag=t("diag_power_flag", lang) if p["flag"] else "",
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
            own=fmt_number(pp["value"], lang, 1),
            national=fmt_number(pp["reference"], lang, 1),
        )
    )
    return out
