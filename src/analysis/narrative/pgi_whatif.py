"""PGI sentences about what it would take to climb, rank robustness and statistics.

Inputs: the what-if tables of :mod:`analysis.index.national` (national) and
:mod:`analysis.index.whatif` (a subset), rank intervals and Cronbach's alpha. Output: Markdown strings.
Results on a subset of provinces are always labelled as such and never called the rank. The plan
sentences are in :mod:`analysis.narrative.pgi_plan`.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis.i18n import fmt_number, t
from analysis.index.spec import IndexSpec
from analysis.narrative.pgi_words import option_label, ordinal, points

MIN_STATS_PROVINCES = 10  # fewer complete rows: correlations and alpha are not reported
ALPHA_CONSISTENT = 0.7  # the usual reading threshold for Cronbach's alpha
# A reading rule of this project: a position whose 5–95 % range spans at most 2 places reads as solid (it can be
# relied on when comparing with other provinces); a wider one as depending on how the index is computed.
RANK_SPAN_SOLID = 2


def _single_options(result: pd.DataFrame) -> pd.DataFrame:
    return result[(result["option"] != "balanced") & result["reachable"]]


def describe_where(row: pd.Series, lang: str) -> str:
    """The province's present place in words: its rank, the range it is in, or outside the ranked."""
    rank, low = row["current_rank"], row.get("current_rank_low")
    if pd.notna(rank):
        return t("pgi_where_rank", lang, rank=int(rank), ord=ordinal(int(rank), lang))
    if low is not None and pd.notna(low):
        high = int(row["current_rank_high"])
        return t(
            "pgi_where_range", lang, low=int(low), high=high, o_low=ordinal(int(low), lang), o_high=ordinal(high, lang)
        )
    if bool(row.get("outside_ranked", False)):
        return t("pgi_where_outside", lang, n_ranked=int(row.get("n_ranked", 0)))
    return t("pgi_where_unknown", lang)


def describe_whatif_national(result: pd.DataFrame, year: int, lang: str, spec: IndexSpec | None = None) -> str:
    """The national what-if (:func:`analysis.index.national.solve_target_rank_national`) in words."""
    first = result.iloc[0]
    target, rank = int(first["target_rank"]), first["current_rank"]
    if pd.notna(rank) and int(rank) <= target:
        return t(
            "pgi_whatif_already_national", lang, year=year, rank=int(rank), ord=ordinal(int(rank), lang), target=target
        )
    high = f"{spec.bounds[1]:g}" if spec is not None and spec.bounds is not None else "10"
    single = _single_options(result)
    balanced = result[result["option"] == "balanced"].iloc[0]
    if single.empty and not balanced["reachable"]:
        return t("pgi_whatif_unreachable_national", lang, target=target, year=year, high=high)
    bal = points(balanced["increase_2dp"], lang)
    if single.empty:
        how = t("pgi_how_balanced", lang, bal=bal, high=high)
        chosen = balanced
    else:
        chosen = single.loc[single["increase"].idxmin()]
        cheapest = single[single["increase_2dp"] == chosen["increase_2dp"]]
        every = len(single) == (result["option"] != "balanced").sum()
        labels = "*, *".join(option_label(o, spec, lang) for o in cheapest["option"]) if spec is not None else ""
        key = (
            "pgi_how_any"
            if spec is None or (every and len(cheapest) == len(single))
            else "pgi_how_some"
            if len(cheapest) > 1
            else "pgi_how_one"
        )
        how = t(key, lang, inc=points(chosen["increase_2dp"], lang), bal=bal, label=labels)
    where = describe_where(first, lang)
    text = t(
        "pgi_whatif_reach",
        lang,
        year=year,
        where=where,
        threshold=points(chosen["new_score"], lang),
        target=target,
        total=points(chosen["new_score"] - chosen["current_score"], lang),
        how=how,
    )
    best = chosen.get("increase_best_case")
    if best is not None and pd.notna(best) and best < chosen["increase"] - 0.005:
        text += " " + t("pgi_whatif_best", lang, best=points(math.ceil(round(best * 100, 6)) / 100, lang))
    return text


def describe_whatif(result: pd.DataFrame, spec: IndexSpec, lang: str) -> str:
    """A what-if on a subset (:func:`analysis.index.whatif.solve_target_rank`): says that it is not the national
    answer (no subset position is given as the province's rank; use :func:`describe_whatif_national`)."""
    return t("pgi_whatif_subset", lang, field=int(result["field_size"].iloc[0]))


def describe_robustness(intervals: pd.DataFrame, province: str, lang: str) -> str:
    """The rank interval within the subset of provinces with every indicator, labelled as such."""
    row = intervals[intervals["province"] == province]
    if row.empty:
        return ""
    r = row.iloc[0]
    return t(
        "pgi_robust",
        lang,
        province=province,
        low=int(r["rank_low"]),
        high=int(r["rank_high"]),
        draws=fmt_number(r["n_draws"], lang, 0),
        field=int(r["field_size"]),
    )


def describe_statistics(alpha: dict, year: int, lang: str, n_provinces: int = 63) -> str:
    """What the statistics of the sub-indices rest on, and Cronbach's alpha explained (never printed bare;
    a negative alpha is explained and not given as a number)."""
    n = int(alpha["n_used"])
    if n < MIN_STATS_PROVINCES or pd.isna(alpha["alpha"]):
        return t("pgi_stats_few", lang, n=n, year=year)
    values = {"n": n, "total": n_provinces, "year": year}
    if alpha["alpha"] < 0:
        return t("pgi_stats_negative", lang, **values)
    reading = t("pgi_alpha_high" if alpha["alpha"] >= ALPHA_CONSISTENT else "pgi_alpha_low", lang)
    return t("pgi_stats_alpha", lang, alpha=fmt_number(alpha["alpha"], lang, 2), reading=reading, **values)


def describe_rank_meaning(intervals: pd.DataFrame | None, members: list[str], year: int, lang: str) -> list[str]:
    """What the rank intervals mean for the decision, one sentence per province of ``members`` tested (within the
    subset with every sub-index; the annex has the intervals), and one naming those that could not be tested."""
    tested = intervals[intervals["province"].isin(members)] if intervals is not None else pd.DataFrame()
    out = []
    for r in tested.itertuples(index=False):
        low, high = int(r.rank_low), int(r.rank_high)
        if high - low <= RANK_SPAN_SOLID:
            position = str(low) if low == high else f"{low}–{high}"
            out.append(t("pgi_rank_solid", lang, province=r.province, position=position, field=int(r.field_size)))
        else:
            out.append(t("pgi_rank_loose", lang, province=r.province, low=low, high=high, field=int(r.field_size)))
    untested = [m for m in members if m not in set(tested.get("province", []))]
    if untested:
        out.append(t("pgi_rank_untested", lang, province=", ".join(untested), year=year))
    return out


def describe_statistics_meaning(alpha: dict, year: int, lang: str) -> str:
    """What the statistics of the sub-indices mean for the decision, in one sentence (the annex has alpha, the
    correlations and the principal components)."""
    if int(alpha["n_used"]) < MIN_STATS_PROVINCES or pd.isna(alpha["alpha"]):
        return t("pgi_stats_meaning_few", lang, year=year)
    if alpha["alpha"] >= ALPHA_CONSISTENT:
        return t("pgi_stats_meaning_together", lang)
    return t("pgi_stats_meaning_apart", lang)
