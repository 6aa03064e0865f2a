"""Where one province stands in one year: its national rank (with the field it was ranked in), its
regional rank, and the order of the published ranking for charts.

Inputs
------
The index table from :func:`analysis.index.engine.build_index_table`. ``n_ranked`` says how many
provinces the publisher ranked that year (PGI 2024: VCCI ranked only the top 30 of 63); ``None`` means
every province of the year in the table.

Outputs
-------
- :func:`find_national_rank` -> :class:`NationalRank`: the one headline rank — the published national
  rank (or a rank computed on a complete field) — with how many provinces were ranked and how many
  there are. Ranks among a subset (the provinces with a score, or with every indicator) are never
  returned here.
- :func:`find_regional_rank` -> :class:`RegionalRank`: the rank within the region, only when every
  province of the region has a score and there are at least
  :data:`~analysis.index.engine.MIN_REGION_SCORED` of them.
- :func:`order_ranking`: the provinces of one year in the order of the published ranking, with empty
  slots where the ranking has a place whose province or score the sources do not give, so that a
  bar's position always equals its rank label.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.data.provinces import get_registry
from analysis.index.engine import MIN_REGION_SCORED, TIE_DECIMALS


@dataclass(frozen=True)
class NationalRank:
    """A province's national rank in one year.

    Attributes
    ----------
    rank : the national rank (``None`` when not published and not computable).
    source : ``"published"`` or ``"computed"`` (complete field), ``None`` without a rank.
    n_provinces : provinces of that year in the table (63 for the PGI).
    n_ranked : provinces the publisher ranked (30 for PGI 2024; ``n_provinces`` when all were ranked).
    score, score_source : the province's score and whether it was computed or published (``None`` if none).
    rank_low, rank_high : for a province with a score but no rank in the sources, the places it can hold
        given the published ranks and scores (``None`` when not bounded); the headline then says "between".
    outside : True when only the top ``n_ranked`` were ranked and the province's score is below the
        ``n_ranked``-th published score (it was not ranked).
    """

    province: str
    year: int
    rank: int | None
    source: str | None
    n_provinces: int
    n_ranked: int
    score: float | None
    score_source: str | None
    rank_low: int | None = None
    rank_high: int | None = None
    outside: bool = False

    @property
    def partial(self) -> bool:
        """True when the publisher ranked only part of the field (e.g. the top 30)."""
        return self.n_ranked < self.n_provinces

    @property
    def outside_ranked(self) -> bool:
        """True when only the top ``n_ranked`` were ranked and the province is known not to be among them."""
        return self.rank is None and self.partial and self.outside


@dataclass(frozen=True)
class RegionalRank:
    """A province's rank among the provinces of its region with a score (``rank`` is ``None`` when fewer
    than ``min_scored`` of them have a score, or the province has none)."""

    province: str
    region: str
    year: int
    rank: int | None
    n_scored: int
    n_members: int
    min_scored: int

    @property
    def complete(self) -> bool:
        """Whether every province of the region has a score (else one without may rank above)."""
        return self.n_scored == self.n_members

    @property
    def enough(self) -> bool:
        """Whether a regional rank can be given: every province of the region scored, at least ``min_scored``."""
        return self.complete and self.n_scored >= self.min_scored


def _row(index_table: pd.DataFrame, province: str, year: int) -> tuple[str, pd.DataFrame, pd.Series]:
    name = get_registry().resolve(province)
    rows = index_table[index_table["year"] == year]
    own = rows[rows["province"] == name]
    if own.empty:
        raise LookupError(f"no row for {name} in {year}")
    return name, rows, own.iloc[0]


def _optional(value) -> float | None:
    return None if pd.isna(value) else float(value)


def find_national_rank(
    index_table: pd.DataFrame, province: str, year: int, n_ranked: int | None = None
) -> NationalRank:
    """The national rank of ``province`` in ``year`` and the field it was ranked in (see the module docstring).

    Parameters
    ----------
    index_table : from :func:`~analysis.index.engine.build_index_table`.
    province : any spelling the registry resolves.
    n_ranked : how many provinces the publisher ranked that year (``None``: all of them).
    """
    name, rows, own = _row(index_table, province, year)
    n_provinces = int(rows["province"].nunique())
    n_ranked = min(n_ranked or n_provinces, n_provinces)
    rank = None if pd.isna(own["rank"]) else int(own["rank"])
    low = high = None
    outside = False
    if rank is None and pd.notna(own["score"]):
        low, high, outside = _bound_rank(rows, name, float(own["score"]), n_ranked)
    return NationalRank(
        province=name,
        year=int(year),
        rank=rank,
        source=own["rank_source"] if rank else None,
        n_provinces=n_provinces,
        n_ranked=n_ranked,
        score=_optional(own["score"]),
        score_source=own["source"] if pd.notna(own["score"]) else None,
        rank_low=low,
        rank_high=high,
        outside=outside,
    )


def _bound_rank(rows: pd.DataFrame, name: str, score: float, n_ranked: int) -> tuple[int | None, int | None, bool]:
    """Places a province with a score but no rank can hold, from the published ranks and scores around it.

    The ranked provinces with a score just above and just below it bracket the free places between them;
    the provinces without a rank whose score is above (below) it in the same bracket take the first (last)
    of those places. Returns ``(low, high, outside)``: ``outside`` when the score is below the
    ``n_ranked``-th published score (the province was not ranked).
    """

    def key(v):
        return round(float(v), TIE_DECIMALS)

    ranked = rows[rows["rank"].notna() & rows["score"].notna()]
    taken = set(rows["rank"].dropna().astype(int))
    at_cut = ranked.loc[ranked["rank"] == n_ranked, "score"]
    if len(at_cut) and key(score) < key(at_cut.iloc[0]):
        return None, None, True
    above = ranked[ranked["score"].map(key) > key(score)]
    below = ranked[ranked["score"].map(key) < key(score)]
    ra = int(above["rank"].max()) if len(above) else 0
    rb = int(below["rank"].min()) if len(below) else None
    if rb is None:
        return None, None, False
    free = [k for k in range(ra + 1, rb) if k not in taken]
    peers = rows[rows["rank"].isna() & rows["score"].notna() & (rows["province"] != name)]
    top = above["score"].min() if len(above) else np.inf
    bottom = below["score"].max()
    same = peers[(peers["score"].map(key) <= key(top)) & (peers["score"].map(key) >= key(bottom))]
    n_up = int((same["score"].map(key) > key(score)).sum())
    n_down = int((same["score"].map(key) < key(score)).sum())
    if not free or n_up >= len(free) or len(free) - 1 - n_down < n_up:
        return None, None, False
    tied = ranked.loc[ranked["score"].map(key) == key(score), "rank"]  # a tie may share the tied province's rank
    low = min(free[n_up], int(tied.min())) if len(tied) else free[n_up]
    return low, free[len(free) - 1 - n_down], False


def find_regional_rank(
    index_table: pd.DataFrame, province: str, year: int, min_scored: int = MIN_REGION_SCORED
) -> RegionalRank:
    """Rank of ``province`` within its region in ``year``.

    The rank is ``None`` when a province of the region has no score (it may rank above), when fewer than
    ``min_scored`` have one (``n_scored`` and ``n_members`` say how many), or when the province itself has
    no score.
    """
    name, rows, own = _row(index_table, province, year)
    region_rows = rows[rows["region"] == own["region"]]
    scored = region_rows["score"].dropna()
    rank = None
    if len(scored) >= min_scored and len(scored) == region_rows["province"].nunique() and pd.notna(own["score"]):
        rank = int((np.round(scored, TIE_DECIMALS) > round(float(own["score"]), TIE_DECIMALS)).sum() + 1)
    return RegionalRank(
        province=name,
        region=own["region"],
        year=int(year),
        rank=rank,
        n_scored=len(scored),
        n_members=int(region_rows["province"].nunique()),
        min_scored=min_scored,
    )


def order_ranking(index_table: pd.DataFrame, year: int, n_ranked: int | None = None) -> pd.DataFrame:
    """The provinces of ``year`` in the order of the national ranking, one row per place.

    Provinces with a national rank take the place of their rank; provinces with a score and no rank
    fill the free places in score order (within the ranked part when their score is at least the lowest
    ranked score, else after it); places of the ranked part that no known province fills are empty
    slots (``province`` is ``None``: the sources do not say who holds them). Provinces without a rank
    and without a score are left out.

    Returns
    -------
    DataFrame ``position, province, score, rank, kind`` with ``kind`` one of ``ranked`` (rank and
    score), ``rank_only`` (rank, no score), ``unranked`` (score, no rank) and ``unknown`` (empty slot).
    ``position`` equals ``rank`` wherever a rank is given.
    """
    rows = index_table[index_table["year"] == year]
    n_ranked = min(n_ranked or rows["province"].nunique(), rows["province"].nunique())
    ranked = rows[rows["rank"].notna()].sort_values("rank")
    unranked = rows[rows["rank"].isna() & rows["score"].notna()].sort_values("score", ascending=False)
    ranked_scores = ranked["score"].dropna()
    cutoff = float(ranked_scores.min()) if len(ranked_scores) else np.inf
    inside = list(unranked[unranked["score"] >= cutoff - 1e-9].itertuples())
    outside = list(unranked[unranked["score"] < cutoff - 1e-9].itertuples())
    last_ranked = int(ranked["rank"].max()) if len(ranked) else 0
    places = max(n_ranked if len(ranked) else 0, last_ranked)
    records: list[dict] = []

    def add(province, score, rank, kind):
        records.append({"position": len(records) + 1, "province": province, "score": score, "rank": rank, "kind": kind})

    for r in ranked.itertuples():
        floor = r.score if pd.notna(r.score) else np.inf  # nothing is put above a province whose score is unknown
        while inside and len(records) + 1 < int(r.rank) and inside[0].score > floor + 1e-9:
            u = inside.pop(0)
            add(u.province, u.score, pd.NA, "unranked")
        while len(records) + 1 < int(r.rank):
            add(None, np.nan, pd.NA, "unknown")
        add(r.province, r.score, int(r.rank), "ranked" if pd.notna(r.score) else "rank_only")
    while inside and len(records) < places:
        u = inside.pop(0)
        add(u.province, u.score, pd.NA, "unranked")
    while len(records) < places and len(ranked):
        add(None, np.nan, pd.NA, "unknown")
    for u in [*inside, *outside]:
        add(u.province, u.score, pd.NA, "unranked")
    out = pd.DataFrame(records, columns=["position", "province", "score", "rank", "kind"])
    out["rank"] = out["rank"].astype("Int64")
    return out
