"""What would it take to reach a target rank in the national ranking as published?

Inputs
------
The index table (:func:`analysis.index.engine.build_index_table`), the spec, the province (which must
have every indicator: the what-if moves them), the year, the target rank and ``n_ranked`` (how many
provinces the publisher ranked that year; PGI 2024: the top 30 of 63; ``None`` = all).

The national field
------------------
Every other province of the year keeps what the sources say about it:

- a province with a **known score** (VCCI's published score first, else the one computed from its
  indicators) keeps that score;
- a province with a **published rank but no score** stays where VCCI put it: its score lies between
  the known scores of the provinces ranked just below and just above it (so a province ranked above the
  target province keeps a score at least the province's own);
- provinces with **neither** are counted from the published ranks: when the province is 14th and only
  11 provinces above it are known, two unnamed provinces sit above it, with a score at most that of the
  best-ranked place before the first gap in the published ranks; the others sit below it (or, in a year
  where only the top N were ranked and the province is not among them, the missing members of the top N
  sit above it).

Outputs
-------
:func:`solve_target_rank_national` returns one row per option (each indicator alone, then
``balanced``: the same increase on every indicator) with the smallest increase that **guarantees** the
target rank whatever the unpublished scores are within those limits (``increase``, ``increase_2dp``,
``new_score``, ``new_rank``, ``reachable`` within the indicators' bounds), and the smallest increase
that reaches it in the most favourable case (``increase_best_case``: the unpublished provinces at the
bottom of their range). ``current_rank`` is the national rank (published, or computed on a complete
field; missing when the province was not ranked). Comparisons use the engine's tie rule (9 decimals).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.data.provinces import get_registry
from analysis.index.engine import TIE_DECIMALS, aggregate
from analysis.index.solver import solve_options
from analysis.index.spec import IndexSpec


@dataclass(frozen=True)
class UnknownGroup:
    """``count`` provinces whose score is not known, only that it lies in (``low``, ``high``]."""

    count: int
    low: float
    high: float
    what: str  # "rank_only" (a published rank), "segment" (between two published ranks) or "outside" (unranked)


@dataclass
class NationalField:
    """The other provinces of one year as the published ranking describes them (see the module docstring)."""

    province: str
    year: int
    spec: IndexSpec
    x: np.ndarray
    known: np.ndarray
    groups: list[UnknownGroup] = field(default_factory=list)
    current_rank: int | None = None
    n_provinces: int = 0
    n_ranked: int = 0

    @property
    def weights(self) -> np.ndarray:
        return np.array([self.spec.weights[c] for c in self.spec.indicators])

    @property
    def n_unknown(self) -> int:
        """Other provinces whose score is not known (published rank only, or nothing)."""
        return sum(g.count for g in self.groups)

    def score_with(self, v: np.ndarray) -> float:
        """The province's score with indicator values ``v``."""
        return float(aggregate(v, self.weights, self.spec.aggregation))

    def _known_above(self, v: np.ndarray) -> tuple[float, int]:
        s = round(self.score_with(v), TIE_DECIMALS)
        return s, 1 + int(np.sum(np.round(self.known, TIE_DECIMALS) > s))

    def rank_with(self, v: np.ndarray) -> int:
        """The rank guaranteed with values ``v``: an unknown province counts as above while it may be (its
        score is strictly below the province ranked just above it, so ``high`` itself is not above)."""
        s, rank = self._known_above(v)
        return rank + sum(g.count for g in self.groups if round(g.high, TIE_DECIMALS) > s)

    def rank_best_with(self, v: np.ndarray) -> int:
        """The rank with values ``v`` if the unknown provinces sit at the bottom of their range (their score is
        strictly above the province ranked just below them, so one at ``low`` is still above)."""
        s, rank = self._known_above(v)
        return rank + sum(g.count for g in self.groups if round(g.low, TIE_DECIMALS) >= s)


def _max_score(spec: IndexSpec, which: int) -> float:
    if spec.bounds is None:
        return math.inf if which == 1 else -math.inf
    return float(
        aggregate(
            np.full(len(spec.indicators), spec.bounds[which]), np.array(list(spec.weights.values())), spec.aggregation
        )
    )


def build_national_field(
    index_table: pd.DataFrame, spec: IndexSpec, province: str, year: int, *, n_ranked: int | None = None
) -> NationalField:
    """The national field of ``province`` in ``year`` (see the module docstring)."""
    name = get_registry().resolve(province)
    rows = index_table[index_table["year"] == year]
    own = rows[rows["province"] == name]
    if own.empty or own[spec.indicators].isna().any(axis=None):
        missing = "has no row" if own.empty else "does not have every indicator"
        raise LookupError(f"{name} {missing} in {year}; the what-if needs all of {', '.join(spec.indicators)}")
    x = own[spec.indicators].to_numpy(dtype=float)[0]
    weights = np.array([spec.weights[c] for c in spec.indicators])
    own_score = float(aggregate(x, weights, spec.aggregation))
    own_rank = None if pd.isna(own["rank"].iloc[0]) else int(own["rank"].iloc[0])
    n_provinces = int(rows["province"].nunique())
    n_ranked = min(n_ranked or n_provinces, n_provinces)
    top, floor = _max_score(spec, 1), _max_score(spec, 0)

    others = rows[rows["province"] != name]
    score = others["published_score"].astype(float).where(others["published_score"].notna(), others["score"])
    rank = others["rank"].astype(float)
    has_score, has_rank = score.notna(), rank.notna()
    anchors = pd.DataFrame({"rank": rank[has_score & has_rank], "score": score[has_score & has_rank]})
    unranked = score[has_score & ~has_rank].tolist()
    if own_rank is not None:
        anchors.loc["__own__"] = [own_rank, own_score]
    else:
        unranked.append(own_score)
    anchors = anchors.sort_values("rank")

    def upper(r: float) -> float:
        above = anchors.loc[anchors["rank"] < r, "score"]
        return float(above.min()) if len(above) else top

    def lower(r: float) -> float:
        below = anchors.loc[anchors["rank"] > r, "score"]
        return float(below.max()) if len(below) else floor

    groups = [UnknownGroup(1, lower(r), upper(r), "rank_only") for r in rank[~has_score & has_rank]]
    taken = set(rank.dropna().astype(int)) | ({own_rank} if own_rank is not None else set())
    left = int((~has_score & ~has_rank).sum())
    groups += _place_unknown(anchors, unranked, taken, left, n_ranked, n_ranked < n_provinces, top, floor)
    return NationalField(
        province=name,
        year=int(year),
        spec=spec,
        x=x,
        known=score[has_score].to_numpy(dtype=float),
        groups=[g for g in groups if g.count > 0],
        current_rank=own_rank,
        n_provinces=n_provinces,
        n_ranked=n_ranked,
    )


def _place_unknown(
    anchors: pd.DataFrame,
    unranked: list[float],
    taken: set[int],
    count: int,
    limit: int,
    partial: bool,
    top: float,
    floor: float,
) -> list[UnknownGroup]:
    """Where the ``count`` provinces with neither score nor rank can sit.

    The published ranks with a known score (``anchors``) cut places 1..``limit`` into segments; in each,
    the free places (not taken by a published rank) minus the provinces with a score but no rank whose
    score falls in the segment are left for unknown provinces, each scoring between the segment's
    bottom and top anchors. Places are filled from the top (the cautious case when there are more free
    places than unknown provinces); the rest lie outside the ranked places (below the lowest anchor).
    """
    ranks = [0, *anchors["rank"].astype(int), limit + 1]
    scores = [top, *anchors["score"].astype(float), floor]
    last_known = partial and limit in set(anchors["rank"].astype(int))
    rounded = np.round(np.asarray(unranked, dtype=float), TIE_DECIMALS)
    groups = []
    for (ra, sa), (rb, sb) in zip(
        zip(ranks, scores, strict=True), zip(ranks[1:], scores[1:], strict=True), strict=False
    ):
        free = sum(1 for k in range(ra + 1, min(rb, limit + 1)) if k not in taken)
        inside = (rounded <= round(sa, TIE_DECIMALS)) & (rounded > round(sb, TIE_DECIMALS))
        forced = int(inside.sum()) if (rb <= limit or not partial or last_known) else 0
        n = min(max(free - forced, 0), count)
        if n:
            groups.append(UnknownGroup(n, sb, sa, "segment"))
            count -= n
    if count:
        cutoff = float(anchors["score"].min()) if partial and len(anchors) else top
        groups.append(UnknownGroup(count, floor, cutoff, "outside"))
    return groups


def solve_target_rank_national(
    index_table: pd.DataFrame,
    spec: IndexSpec,
    province: str,
    year: int,
    target_rank: int,
    *,
    n_ranked: int | None = None,
) -> pd.DataFrame:
    """Smallest increases that lift ``province`` to ``target_rank`` in the national ranking of ``year``.

    Returns
    -------
    DataFrame ``option, current_value, increase, increase_2dp, new_value, new_score, new_rank,
    best_rank_at_bound, current_score, current_rank, target_rank, reachable, increase_best_case,
    new_rank_best, field_size, n_ranked, n_unknown, basis, current_rank_low, current_rank_high,
    outside_ranked`` (``basis`` = ``"national"``; ``field_size`` = provinces in the year, ``n_unknown`` =
    other provinces whose score is not known; the last three describe an unranked province's position, see
    :func:`analysis.index.standing.find_national_rank`).
    """
    f = build_national_field(index_table, spec, province, year, n_ranked=n_ranked)
    already = f.current_rank is not None and f.current_rank <= target_rank
    sure = solve_options(
        f.x, spec, f.score_with, f.rank_with, target_rank, current_rank=f.current_rank, already=already
    )
    best = solve_options(
        f.x, spec, f.score_with, f.rank_best_with, target_rank, current_rank=f.current_rank, already=already
    )
    out = pd.DataFrame(sure)
    out["increase_best_case"] = [b["increase"] for b in best]
    out["new_rank_best"] = [
        f.current_rank if already else _rank_best_after(f, row) if row["reachable"] else None
        for _, row in out.iterrows()
    ]
    from analysis.index.standing import find_national_rank

    national = find_national_rank(index_table, province, year, f.n_ranked)
    out = out.assign(
        field_size=f.n_provinces,
        n_ranked=f.n_ranked,
        n_unknown=f.n_unknown,
        basis="national",
        current_rank_low=national.rank_low,
        current_rank_high=national.rank_high,
        outside_ranked=national.outside_ranked,
    )
    for col in ("new_rank", "current_rank", "new_rank_best", "current_rank_low", "current_rank_high"):
        out[col] = pd.array([None if pd.isna(v) else int(v) for v in out[col]], dtype="Int64")
    return out


def _rank_best_after(f: NationalField, row: pd.Series) -> int:
    """Best-case rank with the guaranteed increase applied."""
    high = f.spec.bounds[1] if f.spec.bounds is not None else math.inf
    x = f.x.copy()
    if row["option"] == "balanced":
        x = np.minimum(x + row["increase"], high)
    else:
        i = f.spec.indicators.index(row["option"])
        x[i] = min(x[i] + row["increase"], high)
    return f.rank_best_with(x)
