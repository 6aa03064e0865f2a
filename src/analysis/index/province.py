"""One province's position in a composite index: history, sub-index profile, gaps, drivers, coverage.

Inputs
------
The index table from :func:`analysis.index.engine.build_index_table` (which keeps the indicator
columns) and its :class:`~analysis.index.spec.IndexSpec`. Province names go through the registry.

Outputs (pandas DataFrames, one function each)
----------------------------------------------
- :func:`summarise_history`: score, rank, regional rank, changes and percentile per year, with the
  field each rank was given in (``n_ranked`` of ``n_provinces``) and whether the change from the year
  before is comparable (a pilot year on another scale is not);
- :func:`profile_subindices`: each indicator against the regional mean, the regional best and the
  national leader, with the gaps to the leader and to the top-5 / top-10 thresholds;
- :func:`explain_changes`: which indicator drove each year's change in score (changes into or out of a
  year on another scale are flagged and not decomposed);
- :func:`summarise_coverage`: how many provinces have data in each year.

Every statistic over "provinces with data" reports how many there were: with partial data (PGI 2023:
six provinces with all four sub-indices) a "top 10" may not exist and is left missing, and regional
statistics need at least :data:`~analysis.index.engine.MIN_REGION_SCORED` provinces of the region.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.data.provinces import get_registry
from analysis.index.engine import MIN_REGION_SCORED, aggregate
from analysis.index.spec import IndexSpec


def _one(index_table: pd.DataFrame, province: str, year: int) -> pd.Series:
    rows = index_table[(index_table["province"] == province) & (index_table["year"] == year)]
    if rows.empty:
        raise LookupError(f"no row for {province} in {year}")
    return rows.iloc[0]


def compute_percentile(rank: float, n: int) -> float:
    """Share of the other provinces ranked below: 100 × (n − rank) / (n − 1); 100 = first, 0 = last."""
    if pd.isna(rank) or n < 2:
        return float("nan")
    return 100.0 * (n - float(rank)) / (n - 1)


def summarise_history(
    index_table: pd.DataFrame,
    province: str,
    year_notes: dict[int, str] | None = None,
    *,
    n_ranked: dict[int, int] | None = None,
    not_comparable: tuple[int, ...] = (),
) -> pd.DataFrame:
    """Score and rank history of ``province`` (default columns of the index table plus a percentile).

    Parameters
    ----------
    year_notes : caveat text per year (``note`` column).
    n_ranked : year -> how many provinces the publisher ranked (PGI 2024: 30); default: all of them.
    not_comparable : years on another scale (PGI 2022, a pilot): the score change into or out of them is
        missing and ``comparable`` is False; the rank change is kept (ranks are ordinal).

    The percentile uses the national rank among all provinces of that year in the table
    (``percentile_basis``); where no national rank exists, it uses the rank among the provinces with a
    score, and says so. ``rank_low``/``rank_high`` bound the rank of a province with a score but no rank
    (see :func:`analysis.index.standing.find_national_rank`); ``outside_ranked`` marks one that was not
    among the ``n_ranked`` ranked.
    """
    name = get_registry().resolve(province)
    rows = index_table[index_table["province"] == name].sort_values("year")
    n_field = index_table.groupby("year")["province"].count()
    region_n = index_table.groupby(["year", "region"])["province"].count()
    out = rows[
        [
            "year",
            "score",
            "source",
            "rank",
            "rank_source",
            "rank_among_scored",
            "n_scored",
            "region",
            "region_rank",
            "region_n_scored",
            "score_change",
            "rank_change",
        ]
    ].copy()
    pct, basis = [], []
    for _, r in rows.iterrows():
        if pd.notna(r["rank"]):
            pct.append(compute_percentile(r["rank"], int(n_field[r["year"]])))
            basis.append(f"national rank among {int(n_field[r['year']])}")
        else:
            pct.append(compute_percentile(r["rank_among_scored"], int(r["n_scored"])))
            scored = pd.notna(r["rank_among_scored"])
            basis.append(f"among {int(r['n_scored'])} provinces with a score" if scored else None)
    out["percentile"] = pct
    out["percentile_basis"] = basis
    out["n_provinces"] = [int(n_field[y]) for y in out["year"]]
    out["n_ranked"] = [
        min((n_ranked or {}).get(int(y), n), n) for y, n in zip(out["year"], out["n_provinces"], strict=True)
    ]
    out["region_n_provinces"] = [int(region_n[(y, g)]) for y, g in zip(out["year"], out["region"], strict=True)]
    from analysis.index.standing import find_national_rank

    ranks = [
        find_national_rank(index_table, name, int(y), int(n)) for y, n in zip(out["year"], out["n_ranked"], strict=True)
    ]
    out["rank_low"] = pd.array([r.rank_low for r in ranks], dtype="Int64")
    out["rank_high"] = pd.array([r.rank_high for r in ranks], dtype="Int64")
    out["outside_ranked"] = [r.outside_ranked for r in ranks]
    years = out["year"].tolist()
    previous = [None, *years[:-1]]
    out["comparable"] = [
        p is not None and p not in not_comparable and y not in not_comparable
        for y, p in zip(years, previous, strict=True)
    ]
    out.loc[~out["comparable"], "score_change"] = np.nan
    out["note"] = [(year_notes or {}).get(int(y), "") for y in out["year"]]
    return out.reset_index(drop=True)


def _leader(year_rows: pd.DataFrame, spec: IndexSpec) -> pd.Series | None:
    """The best-ranked province with every indicator (national rank first, then score)."""
    complete = year_rows.dropna(subset=spec.indicators)
    if complete.empty:
        return None
    ordered = complete.assign(_r=complete["rank"].astype(float).fillna(np.inf)).sort_values(
        ["_r", "score"], ascending=[True, False]
    )
    return ordered.iloc[0]


def _nth_best(values: pd.Series, n: int) -> float:
    ranked = values.dropna().sort_values(ascending=False)
    return float(ranked.iloc[n - 1]) if len(ranked) >= n else float("nan")


def profile_subindices(
    index_table: pd.DataFrame, spec: IndexSpec, province: str, year: int, *, min_region: int = MIN_REGION_SCORED
) -> pd.DataFrame:
    """Each indicator of ``province`` in ``year`` against its region and the national leader.

    Columns: ``indicator, value, region_mean, region_n, region_best, region_best_province, leader_value,
    leader, leader_rank, indicator_rank, n_with_data, top5_threshold, top10_threshold, gap_to_leader,
    gap_to_top5, gap_to_top10``. Gaps are threshold − value (positive = behind). The leader is the
    best-ranked province with all indicators published (``leader_rank`` shows whether it is the
    national first). The regional mean and best are missing when fewer than ``min_region`` provinces
    of the region have the indicator (``region_n`` says how many do). Thresholds and the indicator
    rank are over the ``n_with_data`` provinces with the indicator published, not all provinces.
    """
    name = get_registry().resolve(province)
    me = _one(index_table, name, year)
    year_rows = index_table[index_table["year"] == year]
    region_rows = year_rows[year_rows["region"] == me["region"]]
    leader = _leader(year_rows, spec)
    records = []
    for ind in spec.indicators:
        values = year_rows.set_index("province")[ind]
        region_values = region_rows.set_index("province")[ind].dropna()
        region_n = len(region_values)
        if region_n < min_region:  # a regional mean or best of one or two provinces says nothing
            region_values = region_values.iloc[:0]
        value = float(me[ind]) if pd.notna(me[ind]) else float("nan")
        rec = {
            "indicator": ind,
            "value": value,
            "region_mean": region_values.mean() if len(region_values) else float("nan"),
            "region_n": region_n,
            "region_best": region_values.max() if len(region_values) else float("nan"),
            "region_best_province": region_values.idxmax() if len(region_values) else None,
            "leader_value": float(leader[ind]) if leader is not None else float("nan"),
            "leader": leader["province"] if leader is not None else None,
            "leader_rank": leader["rank"] if leader is not None else pd.NA,
            "indicator_rank": int((values.dropna() > value + 1e-9).sum() + 1) if pd.notna(value) else pd.NA,
            "n_with_data": int(values.notna().sum()),
            "top5_threshold": _nth_best(values, 5),
            "top10_threshold": _nth_best(values, 10),
        }
        for target in ("leader", "top5", "top10"):
            ref = rec["leader_value"] if target == "leader" else rec[f"{target}_threshold"]
            rec[f"gap_to_{target}"] = ref - value
        records.append(rec)
    return pd.DataFrame(records)


def explain_changes(
    index_table: pd.DataFrame, spec: IndexSpec, province: str, *, not_comparable: tuple[int, ...] = ()
) -> pd.DataFrame:
    """Contribution of each indicator to the change in score between consecutive years.

    Contribution of indicator i = score(previous values with i replaced by the current value) −
    score(previous values); for a weighted sum it is exactly wᵢ·Δxᵢ and the contributions add up to the
    change. An indicator missing in either year has no contribution; ``unexplained`` = score change −
    the sum of the known contributions. ``is_driver`` marks the largest absolute contribution, only when
    all of them are known. A change into or out of a year in ``not_comparable`` (another scale, e.g. the
    PGI 2022 pilot) is flagged ``comparable = False`` and not decomposed (contributions missing).
    """
    name = get_registry().resolve(province)
    rows = index_table[index_table["province"] == name].sort_values("year").reset_index(drop=True)
    weights = np.array([spec.weights[c] for c in spec.indicators])
    records = []
    for prev, cur in zip(rows.iloc[:-1].itertuples(), rows.iloc[1:].itertuples(), strict=True):
        before = np.array([getattr(prev, c) for c in spec.indicators], dtype=float)
        after = np.array([getattr(cur, c) for c in spec.indicators], dtype=float)
        swapped = np.where(np.eye(len(before), dtype=bool), after, before)  # row i: before with i from after
        base = aggregate(before, weights, spec.aggregation)
        contrib = aggregate(swapped, weights, spec.aggregation) - base
        if np.isnan(base):  # an incomplete previous year: fall back to the weighted change (exact for sums)
            contrib = weights * (after - before)
        comparable = prev.year not in not_comparable and cur.year not in not_comparable
        if not comparable:
            contrib = np.full(len(contrib), np.nan)
        known = contrib[~np.isnan(contrib)]
        # a driver is named only when every contribution is known (else the missing ones might be larger)
        driver = spec.indicators[int(np.argmax(np.abs(contrib)))] if known.size == contrib.size else None
        change = float(cur.score - prev.score) if pd.notna(cur.score) and pd.notna(prev.score) else float("nan")
        unexplained = change - float(known.sum()) if comparable else float("nan")
        for ind, value in zip(spec.indicators, contrib, strict=True):
            records.append(
                {
                    "year_from": prev.year,
                    "year_to": cur.year,
                    "indicator": ind,
                    "contribution": value,
                    "is_driver": ind == driver,
                    "score_change": change,
                    "unexplained": unexplained,
                    "comparable": comparable,
                }
            )
    return pd.DataFrame(records)


def summarise_coverage(index_table: pd.DataFrame, spec: IndexSpec) -> pd.DataFrame:
    """Provinces per year: in the table, with every indicator, with a score (computed / published), with a
    published rank."""
    frame = index_table.assign(_complete=index_table[spec.indicators].notna().all(axis=1))
    grouped = frame.groupby("year")
    return (
        pd.DataFrame(
            {
                "n_provinces": grouped["province"].count(),
                "n_all_indicators": grouped["_complete"].sum(),
                "n_score": grouped["score"].count(),
                "n_score_computed": grouped["source"].apply(lambda s: int((s == "computed").sum())),
                "n_score_published": grouped["source"].apply(lambda s: int((s == "published").sum())),
                "n_rank_published": grouped["published_rank"].count(),
                "n_rank_national": grouped["rank"].count(),
            }
        )
        .astype(int)
        .reset_index()
    )
