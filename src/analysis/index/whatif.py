"""What would it take to reach a target rank within a complete field? Smallest increases of the
indicators, the other provinces held fixed.

Inputs
------
A complete field: one row per province with every indicator of the spec (``province`` plus the
indicator columns), e.g. :func:`select_complete_field` of an index table for one year, or any complete
table an analyst supplies. With partial published data (PGI 2024: 37 provinces with all four
sub-indices, mostly the lower half of VCCI's table) the answer holds for that subset only: it is not
the province's national rank and must be labelled as such. The national question — against the
published ranking — is answered by :func:`analysis.index.national.solve_target_rank_national`
(re-exported here).

Outputs
-------
:func:`solve_target_rank` returns one row per option — each single indicator, then ``balanced`` (the
same increase on every indicator) — with the smallest increase that lifts the province to the target
rank within the field (1 = best, ties share the lowest rank), the new score and rank, and
``reachable`` (False when even the upper bound of the indicators is not enough), plus ``field_size``
and ``basis`` = ``"subset"`` (or ``"complete"`` when the field holds every province of the year).

Method: see :mod:`analysis.index.solver` (bisection on the rank itself, exact comparisons, so the
returned increase always reaches the target; ``increase_2dp`` is rounded up to two decimals and checked).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis.data.provinces import get_registry
from analysis.index.engine import aggregate
from analysis.index.national import solve_target_rank_national
from analysis.index.solver import BALANCED, solve_options
from analysis.index.spec import IndexSpec

__all__ = ["apply_increase", "select_complete_field", "solve_target_rank", "solve_target_rank_national"]


def select_complete_field(index_table: pd.DataFrame, spec: IndexSpec, year: int) -> pd.DataFrame:
    """The provinces of ``year`` with every indicator present (the field what-if and robustness run on)."""
    rows = index_table[index_table["year"] == year]
    return rows.dropna(subset=spec.indicators)[["province", *spec.indicators]].reset_index(drop=True)


def solve_target_rank(
    field: pd.DataFrame, spec: IndexSpec, province: str, target_rank: int, *, complete: bool = False
) -> pd.DataFrame:
    """Smallest single-indicator and balanced increases that lift ``province`` to ``target_rank`` in ``field``.

    Parameters
    ----------
    field : complete table ``province, <indicators>`` (see the module docstring).
    spec : the index; its ``bounds`` cap every indicator (e.g. 0–10 for the PGI).
    province : any spelling the registry resolves.
    target_rank : e.g. 5 for "top 5".
    complete : True when ``field`` holds every province of the year (then ``basis`` is ``"complete"``).

    Returns
    -------
    DataFrame with ``option, current_value, increase, increase_2dp, new_value, new_score, new_rank,
    best_rank_at_bound, current_score, current_rank, target_rank, reachable, field_size, basis``.
    """
    if target_rank < 1:
        raise ValueError("target_rank must be 1 or more")
    name = get_registry().resolve(province)
    values = field[spec.indicators].to_numpy(dtype=float)
    if np.isnan(values).any():
        raise ValueError("the field must have every indicator for every province (see select_complete_field)")
    where = np.flatnonzero(field["province"].to_numpy() == name)
    if where.size != 1:
        raise LookupError(f"{name} is not in the field (provinces with every indicator)")
    weights = np.array([spec.weights[c] for c in spec.indicators])
    others = np.delete(aggregate(values, weights, spec.aggregation), int(where[0]))
    x = values[int(where[0])].copy()

    def score_with(v: np.ndarray) -> float:
        return float(aggregate(v, weights, spec.aggregation))

    def rank_with(v: np.ndarray) -> int:
        """1 + others strictly above, compared exactly: stricter than the engine's 9-decimal rounding."""
        return int(np.sum(others > score_with(v)) + 1)

    records = solve_options(x, spec, score_with, rank_with, target_rank, current_rank=rank_with(x))
    out = pd.DataFrame(records).assign(field_size=len(field), basis="complete" if complete else "subset")
    out["new_rank"] = out["new_rank"].astype("Int64")
    return out


def apply_increase(field: pd.DataFrame, spec: IndexSpec, province: str, option: str, increase: float) -> pd.DataFrame:
    """The field with ``province``'s indicator ``option`` (or all, for ``balanced``) raised by ``increase``,
    capped at the upper bound (to check a what-if answer)."""
    name = get_registry().resolve(province)
    high = spec.bounds[1] if spec.bounds is not None else math.inf
    out = field.copy()
    mask = out["province"] == name
    columns = spec.indicators if option == BALANCED else [option]
    out.loc[mask, columns] = np.minimum(out.loc[mask, columns].to_numpy(dtype=float) + increase, high)
    return out
