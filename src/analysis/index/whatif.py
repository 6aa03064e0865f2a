"""What would it take to reach a target rank? Smallest increases of the indicators, others held fixed.

Inputs
------
A complete field: one row per province with every indicator of the spec (``province`` plus the
indicator columns), e.g. :func:`select_complete_field` of an index table for one year, or any complete
table an analyst supplies. With partial published data (PGI 2024: 37 provinces with all four
sub-indices) the answer is conditional on that field: provinces without published sub-indices are not
in it.

Outputs
-------
:func:`solve_target_rank` returns one row per option — each single indicator, then ``balanced`` (the
same increase on every indicator) — with the smallest increase that lifts the province to the target
rank (1 = best, ties share the lowest rank), the new score and rank, and ``reachable`` (False when even
the upper bound of the indicators is not enough: "not reachable").

Method: the score is increasing in every indicator, so the smallest increase is found by bisection on
the rank function itself (ties share the lowest rank, compared exactly, without rounding), and the
returned increase always reaches the target. ``increase_2dp`` is the increase rounded up to two decimals (the precision VCCI publishes),
checked to reach the target too.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis.data.provinces import get_registry
from analysis.index.engine import aggregate
from analysis.index.spec import IndexSpec

BISECTION_STEPS = 100


def select_complete_field(index_table: pd.DataFrame, spec: IndexSpec, year: int) -> pd.DataFrame:
    """The provinces of ``year`` with every indicator present (the field what-if and robustness run on)."""
    rows = index_table[index_table["year"] == year]
    return rows.dropna(subset=spec.indicators)[["province", *spec.indicators]].reset_index(drop=True)


class _Field:
    """Scores of the other provinces and the rank test for the province's modified values."""

    def __init__(self, field: pd.DataFrame, spec: IndexSpec, province: str):
        self.spec = spec
        self.weights = np.array([spec.weights[c] for c in spec.indicators])
        values = field[spec.indicators].to_numpy(dtype=float)
        if np.isnan(values).any():
            raise ValueError("the field must have every indicator for every province (see select_complete_field)")
        where = np.flatnonzero(field["province"].to_numpy() == province)
        if where.size != 1:
            raise LookupError(f"{province} is not in the field (provinces with every indicator)")
        self.index = int(where[0])
        self.values = values
        self.x = values[self.index].copy()
        self.scores = aggregate(values, self.weights, spec.aggregation)

    def rank_with(self, x: np.ndarray) -> int:
        """Rank with exact comparisons (1 + others strictly above): stricter than the engine's rounding to
        9 decimals, so an answer found here also reaches the target under the engine's rule."""
        others = np.delete(self.scores, self.index)
        return int(np.sum(others > aggregate(x, self.weights, self.spec.aggregation)) + 1)

    def score_with(self, x: np.ndarray) -> float:
        """Score of the province with indicator values ``x``."""
        return float(aggregate(x, self.weights, self.spec.aggregation))


def _smallest(move, reaches, upper: float) -> float | None:
    """Smallest d in [0, upper] with reaches(move(d)); None when even ``upper`` does not reach."""
    if reaches(move(0.0)):
        return 0.0
    if math.isinf(upper):
        upper = 1.0
        for _ in range(200):
            if reaches(move(upper)):
                break
            upper *= 2.0
    if not reaches(move(upper)):
        return None
    lo, hi = 0.0, upper
    for _ in range(BISECTION_STEPS):
        mid = (lo + hi) / 2.0
        if mid in (lo, hi):
            break
        lo, hi = (lo, mid) if reaches(move(mid)) else (mid, hi)
    return hi


def _round_up_2dp(d: float, move, reaches, upper: float) -> float:
    cand = math.ceil(round(d * 100.0, 6)) / 100.0
    for _ in range(3):
        cand = min(cand, upper)
        if reaches(move(cand)):
            return cand
        cand += 0.01
    return d


def solve_target_rank(field: pd.DataFrame, spec: IndexSpec, province: str, target_rank: int) -> pd.DataFrame:
    """Smallest single-indicator and balanced increases that lift ``province`` to ``target_rank``.

    Parameters
    ----------
    field : complete table ``province, <indicators>`` (see the module docstring).
    spec : the index; its ``bounds`` cap every indicator (e.g. 0–10 for the PGI).
    province : any spelling the registry resolves.
    target_rank : e.g. 5 for "top 5".

    Returns
    -------
    DataFrame with ``option, current_value, increase, increase_2dp, new_value, new_score, new_rank,
    current_score, current_rank, target_rank, reachable, field_size``.
    """
    if target_rank < 1:
        raise ValueError("target_rank must be 1 or more")
    name = get_registry().resolve(province)
    return _solve(_Field(field, spec, name), spec, target_rank, len(field))


def _solve(f, spec: IndexSpec, target_rank: int, field_size: int) -> pd.DataFrame:
    """The what-if options for a field object with ``x``, ``rank_with``, ``score_with`` and ``current_score``."""
    high = spec.bounds[1] if spec.bounds is not None else math.inf
    reaches = lambda x: f.rank_with(x) <= target_rank  # noqa: E731
    current_rank = f.rank_with(f.x)
    options = []
    for i, ind in enumerate(spec.indicators):
        def move(d, i=i):
            x = f.x.copy()
            x[i] = min(x[i] + d, high)
            return x
        options.append((ind, move, high - f.x[i], f.x[i]))
    balanced = lambda d: np.minimum(f.x + d, high)  # noqa: E731
    options.append(("balanced", balanced, float(np.max(high - f.x)), float("nan")))
    records = []
    for option, move, upper, current in options:
        d = _smallest(move, reaches, upper)
        ok = d is not None
        x_new = move(d) if ok else move(upper)
        records.append({
            "option": option, "current_value": current, "increase": d if ok else float("nan"),
            "increase_2dp": _round_up_2dp(d, move, reaches, upper) if ok else float("nan"),
            "new_value": (x_new[spec.indicators.index(option)] if option != "balanced" else float("nan")) if ok
            else float("nan"),
            "new_score": f.score_with(x_new) if ok else float("nan"),
            "new_rank": f.rank_with(x_new) if ok else pd.NA,
            "best_rank_at_bound": f.rank_with(x_new),
            "current_score": f.score_with(f.x), "current_rank": current_rank,
            "target_rank": target_rank, "reachable": ok, "field_size": field_size,
        })
    return pd.DataFrame(records)


class _ScoreField:
    """The province's indicators against the other provinces' known scores (published or computed)."""

    def __init__(self, x: np.ndarray, other_scores: np.ndarray, spec: IndexSpec):
        self.spec = spec
        self.weights = np.array([spec.weights[c] for c in spec.indicators])
        self.x = x.astype(float)
        self.others = other_scores.astype(float)

    def score_with(self, x: np.ndarray) -> float:
        return float(aggregate(x, self.weights, self.spec.aggregation))

    def rank_with(self, x: np.ndarray) -> int:
        return int(np.sum(self.others > self.score_with(x)) + 1)


def solve_target_rank_national(index_table: pd.DataFrame, spec: IndexSpec, province: str, year: int,
                               target_rank: int) -> pd.DataFrame:
    """What-if against the national ranking: the other provinces' known scores held fixed.

    Unlike :func:`solve_target_rank`, the field here is every province with a known score that year
    (computed or published), not only those with every indicator — so the answer speaks of the national
    rank. It is exact only when the provinces ranked 1 to ``target_rank`` all have a known score (true for
    the PGI top 6 in 2024); otherwise a ``ValueError`` says which ranks are unknown.
    """
    if target_rank < 1:
        raise ValueError("target_rank must be 1 or more")
    name = get_registry().resolve(province)
    rows = index_table[index_table["year"] == year]
    own = rows[rows["province"] == name]
    if own.empty or own[spec.indicators].isna().any(axis=None):
        raise LookupError(f"{name} has no complete set of indicators in {year}")
    known_ranks = set(rows.loc[rows["score"].notna() & rows["rank"].notna(), "rank"].astype(int))
    missing = [r for r in range(1, target_rank + 1) if r not in known_ranks]
    scored = rows[rows["score"].notna() & (rows["province"] != name)]
    if missing and len(scored) + 1 < rows["province"].nunique():
        raise ValueError(f"the scores of the provinces ranked {', '.join(map(str, missing))} in {year} are not known; "
                         "the national what-if would be a guess")
    f = _ScoreField(own[spec.indicators].to_numpy(dtype=float)[0], scored["score"].to_numpy(dtype=float), spec)
    return _solve(f, spec, target_rank, len(scored) + 1)


def apply_increase(field: pd.DataFrame, spec: IndexSpec, province: str, option: str, increase: float) -> pd.DataFrame:
    """The field with ``province``'s indicator ``option`` (or all, for ``balanced``) raised by ``increase``,
    capped at the upper bound (to check a what-if answer)."""
    name = get_registry().resolve(province)
    high = spec.bounds[1] if spec.bounds is not None else math.inf
    out = field.copy()
    mask = out["province"] == name
    columns = spec.indicators if option == "balanced" else [option]
    out.loc[mask, columns] = np.minimum(out.loc[mask, columns].to_numpy(dtype=float) + increase, high)
    return out
