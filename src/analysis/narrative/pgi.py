"""Sentences about a province's Provincial Green Index, written from the numbers, in Vietnamese or English.

Inputs: the tables and objects of :mod:`analysis.index` (history, national and regional rank, sub-index
profile, drivers of change, what-if, improvement plan, rank intervals, statistics). Output: Markdown
strings for the notebooks. Nothing here computes an index value.

Rules: one headline rank — the national rank VCCI published, with the field it was ranked in — is the
only rank stated as the province's; anything computed on a subset of provinces says so; a regional rank
needs at least three scored provinces; changes across the 2022 pilot are not compared on the score.

What-if, robustness and statistics sentences are in :mod:`analysis.narrative.pgi_whatif`, the plan in
:mod:`analysis.narrative.pgi_plan`, section headings, coverage and the 2025 map in
:mod:`analysis.narrative.pgi_context`; all are re-exported here.
"""

from __future__ import annotations

import pandas as pd

from analysis.i18n import t, tn
from analysis.index.engine import MIN_REGION_SCORED
from analysis.index.spec import IndexSpec
from analysis.index.standing import NationalRank, RegionalRank
from analysis.narrative.pgi_context import describe_coverage, describe_merger, describe_unit_scores  # noqa: F401
from analysis.narrative.pgi_plan import describe_plan, describe_plan_bodies  # noqa: F401
from analysis.narrative.pgi_whatif import (  # noqa: F401
    describe_rank_meaning,
    describe_robustness,
    describe_statistics,
    describe_statistics_meaning,
    describe_whatif,
    describe_whatif_national,
)
from analysis.narrative.pgi_words import format_rank, ordinal, points, rank_phrase, region_name  # noqa: F401


def _history_row(history: pd.DataFrame, year: int | None) -> tuple[pd.Series | None, pd.DataFrame]:
    rows = history.sort_values("year")
    if year is not None:
        rows = rows[rows["year"] <= year]
    known = rows[rows["score"].notna() | rows["rank"].notna()]
    return (known.iloc[-1] if len(known) else None), rows


def national_from_history(row: pd.Series, province: str) -> NationalRank:
    """The :class:`~analysis.index.standing.NationalRank` held in one row of a history table."""
    n = row.get("n_provinces")
    if n is None or pd.isna(n):  # a history without the field size: the provinces of the index's (2024) map
        from analysis.data.provinces import get_registry

        n = len(get_registry().provinces)
    n = int(n)
    rank = None if pd.isna(row["rank"]) else int(row["rank"])

    def optional(col):
        return None if col not in row or pd.isna(row[col]) else int(row[col])

    return NationalRank(
        province=province,
        year=int(row["year"]),
        rank=rank,
        source=row["rank_source"] if rank else None,
        n_provinces=n,
        n_ranked=int(row.get("n_ranked", n)),
        score=None if pd.isna(row["score"]) else float(row["score"]),
        score_source=row["source"] if pd.notna(row["score"]) else None,
        rank_low=optional("rank_low"),
        rank_high=optional("rank_high"),
        outside=bool(row.get("outside_ranked", False)),
    )


def _regional_from_history(row: pd.Series, province: str) -> RegionalRank:
    n_members = int(row["region_n_provinces"]) if "region_n_provinces" in row else int(row["region_n_scored"])
    return RegionalRank(
        province=province,
        region=row["region"],
        year=int(row["year"]),
        rank=None if pd.isna(row["region_rank"]) else int(row["region_rank"]),
        n_scored=int(row["region_n_scored"]),
        n_members=n_members,
        min_scored=MIN_REGION_SCORED,
    )


def describe_national(national: NationalRank, lang: str, *, fact: bool = False) -> str:
    """The headline sentence: score and the published national rank with the field it was ranked in (``fact``: the
    score is the run's ``pgi.score`` fact — the place's own standing in its report year — and is marked so)."""
    values = {"year": national.year, "province": national.province, "rank_phrase": rank_phrase(national, lang)}
    if national.score is None:
        return t("pgi_standing_noscore", lang, **values)
    score = points(national.score, lang)
    if fact:
        from analysis.narrative.figures import mark

        score = mark("pgi.score", score, "pgi")
    return t("pgi_standing_score", lang, score=score, **values)


def describe_region(regional: RegionalRank, lang: str) -> str:
    """The regional rank, or why there is none (fewer than three scored provinces)."""
    values = {
        "region": region_name(regional.region, lang),
        "year": regional.year,
        "n_scored": regional.n_scored,
        "n_members": regional.n_members,
        "min": regional.min_scored,
        "n_missing": regional.n_members - regional.n_scored,
    }
    if regional.n_scored < regional.min_scored:
        return t("pgi_region_few", lang, **values)
    if not regional.complete:
        return tn("pgi_region_incomplete", values["n_missing"], lang, **values)
    if regional.rank is None:
        return ""
    return t("pgi_region_all", lang, rank=regional.rank, ord=ordinal(regional.rank, lang), **values)


def _describe_change(rows: pd.DataFrame, last: pd.Series, lang: str) -> str:
    before = rows[rows["year"] < last["year"]]
    if before.empty:
        return ""
    prev = before.iloc[-1]
    rank_text = ""
    if pd.notna(prev["rank"]) and pd.notna(last["rank"]):
        r0, r1 = int(prev["rank"]), int(last["rank"])
        key = "pgi_rank_up" if r1 < r0 else "pgi_rank_down" if r1 > r0 else "pgi_rank_same"
        values = {"steps": abs(r1 - r0), "r0": r0, "r1": r1, "o0": ordinal(r0, lang), "o1": ordinal(r1, lang)}
        rank_text = t(key, lang, **values) if r1 == r0 else tn(key, abs(r1 - r0), lang, **values)
    if not bool(last.get("comparable", True)) and pd.notna(prev["score"]):
        return t("pgi_change_pilot", lang, prev=int(prev["year"]), rank=rank_text) if rank_text else ""
    delta = last["score"] - prev["score"] if pd.notna(last["score"]) and pd.notna(prev["score"]) else float("nan")
    if pd.isna(delta):
        return ""
    score_key = "pgi_score_up" if delta > 0.005 else "pgi_score_down" if delta < -0.005 else "pgi_score_same"
    score_text = t(score_key, lang, delta=points(abs(delta), lang))
    if not rank_text:
        return t("pgi_change_score_only", lang, prev=int(prev["year"]), score=score_text)
    rank_up = int(prev["rank"]) > int(last["rank"])
    same_way = (delta > 0) == rank_up or int(prev["rank"]) == int(last["rank"])
    return t(
        "pgi_change",
        lang,
        prev=int(prev["year"]),
        score=score_text,
        rank=rank_text,
        joint=t("pgi_and" if same_way else "pgi_but", lang),
    )


def describe_standing(
    history: pd.DataFrame, province: str, lang: str, year: int | None = None, *, regional: bool = True, fact=False
) -> str:
    """Score, the published national rank, the regional rank (or why none) and the change from the year before.

    ``history`` is :func:`analysis.index.pgi.summarise_pgi_history` (or
    :func:`analysis.index.province.summarise_history`); the latest year with a score or a rank, up to
    ``year``, is described. ``regional=False`` leaves out the regional rank (the summary's short form); ``fact``:
    the place's own standing in the run's PGI year, marked as the run's ``pgi.score`` fact.
    """
    last, rows = _history_row(history, year)
    if last is None:
        return t("pgi_none", lang, province=province)
    parts = []
    if year is not None and int(last["year"]) < year:
        parts.append(t("pgi_year_missing", lang, province=province, year=year, last=int(last["year"])))
    own_year = year is None or int(last["year"]) == year
    parts.append(describe_national(national_from_history(last, province), lang, fact=fact and own_year))
    if regional and "region_n_scored" in last and pd.notna(last["score"]):
        parts.append(describe_region(_regional_from_history(last, province), lang))
    parts.append(_describe_change(rows, last, lang))
    return " ".join(p for p in parts if p)


def describe_profile(profile: pd.DataFrame, spec: IndexSpec, year: int, lang: str, province: str = "") -> str:
    """Strongest and weakest sub-index, and how far the weakest is from the fifth-best value of it."""
    rows = profile.dropna(subset=["value"])
    if rows.empty:
        return t("pgi_profile_none", lang, year=year, province=province) if province else ""
    best, worst = rows.loc[rows["value"].idxmax()], rows.loc[rows["value"].idxmin()]
    n = int(worst["n_with_data"])
    gap = worst.get("gap_to_top5")
    if gap is None or pd.isna(gap):
        gap_text = t("pgi_gap_few", lang, n=n)
    elif gap > 0:
        gap_text = t("pgi_gap_behind", lang, gap=points(gap, lang), n=n)
    else:
        gap_text = t("pgi_gap_within", lang, n=n)
    high = fmt_high(spec)
    return t(
        "pgi_strongest",
        lang,
        year=year,
        best=spec.label(best["indicator"], lang),
        best_value=points(best["value"], lang),
        worst=spec.label(worst["indicator"], lang),
        worst_value=points(worst["value"], lang),
        gap_text=gap_text,
        high=high,
    )


def fmt_high(spec: IndexSpec) -> str:
    """The indicators' upper bound as written after a value (``10`` in ``7,75/10``)."""
    return f"{spec.bounds[1]:g}" if spec.bounds is not None else "–"


def describe_drivers(changes: pd.DataFrame, spec: IndexSpec, lang: str, year: int | None = None) -> str:
    """For each year-to-year change up to ``year``: the sub-index that drove it, or why it is not broken down."""
    from analysis.index.pgi import PILOT_YEARS

    out = []
    for (y0, y1), part in changes.groupby(["year_from", "year_to"]):
        if year is not None and y1 > year:
            continue
        if "comparable" in part and not bool(part["comparable"].iloc[0]):
            pilot = next((y for y in (y0, y1) if y in PILOT_YEARS), y0)
            out.append(t("pgi_driver_pilot", lang, y0=int(y0), y1=int(y1), pilot=int(pilot)))
            continue
        drivers = part[part["is_driver"]]
        if drivers.empty:
            if part["score_change"].notna().any():
                out.append(t("pgi_driver_missing", lang, y0=int(y0), y1=int(y1)))
            continue
        top, change = drivers.iloc[0], float(part["score_change"].iloc[0])
        key = "pgi_score_up" if change > 0.005 else "pgi_score_down" if change < -0.005 else "pgi_score_same"
        out.append(
            t(
                "pgi_driver",
                lang,
                y0=int(y0),
                y1=int(y1),
                label=spec.label(top["indicator"], lang),
                delta=points(top["contribution"], lang, sign=True),
                score=t(key, lang, delta=points(abs(change), lang)),
            )
        )
    return " ".join(out)
