"""The data overview in words and tables, in Vietnamese or English (from :mod:`analysis.data.overview`, and for the
territorial rule from :func:`analysis.inventory.territorial_moves` and :func:`analysis.inventory.reconciliation`)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.i18n import fmt_mt, fmt_number, sector_label, t
from analysis.narrative import MT
from analysis.narrative.figures import detail


def facts_table(facts, lang: str) -> pd.DataFrame:
    region = facts.region_vi if lang == "vi" else facts.region
    rows = [
        (t("province", lang), facts.name),
        (t("overview_name_en", lang), facts.name_en),
        (t("overview_code", lang), int(facts.code) if str(facts.code).isdigit() else facts.code),
        (t("region", lang), region),
    ]
    if facts.map == 2025:
        rows.append((t("overview_constituents", lang), ", ".join(facts.constituents)))
    else:
        rows.append((t("overview_successor", lang), facts.successor))
    out = pd.DataFrame(rows, columns=[t("overview_item", lang), t("overview_value", lang)])
    # GSO's code is a number of its digits (leading zeros kept, "01"); the other rows are words
    code = f"plain:{len(str(facts.code))}" if str(facts.code).isdigit() else None
    out.attrs["kinds"] = {t("overview_value", lang): [None, None, code, None, None]}
    return out


def pgi_table(facts, lang: str) -> pd.DataFrame:
    p = facts.pgi
    out = pd.DataFrame(
        {
            t("year", lang): p["year"].astype(int),
            "PGI": p["pgi_score"].astype(float).to_numpy(),
            t("rank", lang): p["pgi_rank"].astype(float).to_numpy(),
        }
    )
    if facts.map == 2025:
        out.insert(0, t("province", lang), p["province"].to_numpy())
    out.attrs["kinds"] = {"PGI": "number:2", t("rank", lang): "int"}  # VCCI's two decimals; a rank
    return out


def sources_table(facts, lang: str) -> pd.DataFrame:
    """The data sources in the reader's words: title (with its publisher), licence and access date; the file
    names, notes and checksums stay in the register (``data/raw/SOURCES.csv``)."""
    from analysis.i18n import fmt_date

    s = facts.sources
    english = s["title"] + " — " + s["publisher"]
    titles = s["title_vi"].where(s["title_vi"] != "", english) if lang == "vi" else english
    licences = s["licence_vi"].where(s["licence_vi"] != "", s["licence"]) if lang == "vi" else s["licence"]
    dates = [fmt_date(dt.date.fromisoformat(d), lang) if d else "" for d in s["date_accessed"]]
    return pd.DataFrame(
        {
            t("overview_title", lang): titles.to_numpy(),
            t("overview_licence", lang): licences.to_numpy(),
            t("overview_accessed", lang): dates,
        }
    )


def describe_overview(facts, lang: str, ranked: dict[int, int] | None = None) -> str:
    """PGI standing (published figures only), the 2025 merger, and the provenance rule.

    ``ranked`` maps a PGI year to the number of provinces VCCI ranked that year (omitted from the text when unknown).
    """
    ranked = ranked or {}
    region = facts.region_vi if lang == "vi" else facts.region
    parts = []
    for province, rows in facts.pgi.groupby("province", sort=False):
        scored = rows.dropna(subset=["pgi_score"])
        if scored.empty:
            continue
        last = scored.iloc[-1]
        year = int(last["year"])
        if pd.isna(last["pgi_rank"]):
            rank_text = t("overview_pgi_unranked", lang)
        elif year in ranked:
            rank_text = t("overview_pgi_rank", lang, rank=int(last["pgi_rank"]), n=ranked[year])
        else:
            rank_text = t("overview_pgi_rank_only", lang, rank=int(last["pgi_rank"]))
        parts.append(
            t(
                "overview_pgi_latest",
                lang,
                year=year,
                province=province,
                score=fmt_number(last["pgi_score"], lang, 2),
                rank_text=rank_text,
            )
        )
    if not parts:
        parts.append(t("overview_no_pgi", lang, province=facts.name))
    if facts.map == 2025:
        parts.append(t("overview_unit", lang, province=facts.name, parts=", ".join(facts.constituents)))
    elif facts.merged:
        parts.append(t("overview_merger", lang, province=facts.name, successor=facts.successor, region=region))
    else:
        parts.append(t("overview_unchanged", lang, province=facts.name, region=region))
    parts.append(t("overview_provenance", lang))
    return " ".join(parts)


def describe_territory(facts, moves: pd.DataFrame, reconciliation: pd.DataFrame, year: int, lang: str) -> str:
    """The territorial rule in words: what the inventory counts, the national line not allocated to a province, and
    what moved off this province or unit (if anything)."""
    line = float(reconciliation["not_allocated"].sum())
    text = [t("overview_territory", lang, year=year, line=fmt_mt(line / MT, lang))]
    mine = moves[moves["province"] == facts.name]
    for row in mine.itertuples():
        text.append(
            t(
                "overview_territory_moved",
                lang,
                province=facts.name,
                year=year,
                sector=sector_label(row.sector, lang),
                before=fmt_mt(row.before_tco2e / MT, lang),
                after=fmt_mt(row.after_tco2e / MT, lang),
                moved=fmt_mt(row.moved_tco2e / MT, lang),
            )
        )
    if mine.empty:
        text.append(t("overview_territory_unchanged", lang, province=facts.name))
    return detail("overview.territory", " ".join(text))


def reconciliation_table(reconciliation: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The national check by sector (Mt CO2e): national figure, sum of the provinces, the line not allocated to a
    province; the last two add up to the first."""
    return pd.DataFrame(
        {
            t("inv_col_sector", lang): [sector_label(s, lang) for s in reconciliation["sector"]],
            t("overview_col_national", lang): reconciliation["national"].to_numpy() / MT,
            t("overview_col_provinces", lang): reconciliation["provinces"].to_numpy() / MT,
            t("overview_col_not_allocated", lang): reconciliation["not_allocated"].to_numpy() / MT,
        }
    )
