"""The smallest-increase search shared by the what-if analyses (a complete field, or the national ranking).

Inputs
------
A province's indicator values ``x``, the :class:`~analysis.index.spec.IndexSpec`, a score function and a
rank function of the modified values (1 = best; it must not get worse when an indicator rises), and the
target rank.

Outputs
-------
:func:`solve_options` returns one record per option — each single indicator, then ``balanced`` (the same
increase on every indicator) — with the smallest increase that reaches the target rank (bisection on the
rank function itself, so the returned increase always reaches it), the increase rounded up to two
decimals (checked to reach the target too), the new value, score and rank, and ``reachable`` (False when
even the indicators' upper bound is not enough).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from analysis.index.engine import TIE_DECIMALS
from analysis.index.spec import IndexSpec

BISECTION_STEPS = 100
BALANCED = "balanced"

Move = Callable[[float], np.ndarray]
Reaches = Callable[[np.ndarray], bool]


def find_smallest(move: Move, reaches: Reaches, upper: float) -> float | None:
    """Smallest d in [0, upper] with ``reaches(move(d))``; None when even ``upper`` does not reach."""
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


def round_up_2dp(d: float, move: Move, reaches: Reaches, upper: float) -> float:
    """``d`` rounded up to two decimals (VCCI's precision), checked to still reach the target."""
    cand = math.ceil(round(d * 100.0, 6)) / 100.0
    for _ in range(3):
        cand = min(cand, upper)
        if reaches(move(cand)):
            return cand
        cand += 0.01
    return d


def list_moves(x: np.ndarray, spec: IndexSpec) -> list[tuple[str, Move, float, float]]:
    """(option, move, largest useful increase, current value) for each indicator and the balanced option."""
    high = spec.bounds[1] if spec.bounds is not None else math.inf
    moves = []
    for i, ind in enumerate(spec.indicators):

        def move(d, i=i):
            out = x.copy()
            out[i] = min(out[i] + d, high)
            return out

        moves.append((ind, move, high - x[i], float(x[i])))
    moves.append((BALANCED, lambda d: np.minimum(x + d, high), float(np.max(high - x)), float("nan")))
    return moves


def solve_options(
    x: np.ndarray,
    spec: IndexSpec,
    score_with: Callable[[np.ndarray], float],
    rank_with: Callable[[np.ndarray], int],
    target_rank: int,
    *,
    current_rank: int | None,
    already: bool = False,
) -> list[dict]:
    """The what-if records for one province (see the module docstring).

    ``already`` (the province's current rank is known to be at or above the target) makes every increase
    zero even where ``rank_with`` is more cautious than the published rank.
    """
    if target_rank < 1:
        raise ValueError("target_rank must be 1 or more")
    reaches = (lambda v: True) if already else (lambda v: rank_with(v) <= target_rank)
    records = []
    for option, move, upper, current in list_moves(x, spec):
        d = find_smallest(move, reaches, upper)
        if d is not None:
            tidy = math.ceil(round(d * 10**TIE_DECIMALS, 3)) / 10**TIE_DECIMALS  # 1.3799999995 -> 1.38
            d = tidy if tidy <= upper and reaches(move(tidy)) else d
        ok = d is not None
        x_new = move(d) if ok else move(upper)
        rank_new = current_rank if already else rank_with(x_new)
        records.append(
            {
                "option": option,
                "current_value": current,
                "increase": d if ok else float("nan"),
                "increase_2dp": round_up_2dp(d, move, reaches, upper) if ok else float("nan"),
                "new_value": (x_new[spec.indicators.index(option)] if option != BALANCED else float("nan"))
                if ok
                else float("nan"),
                "new_score": score_with(x_new) if ok else float("nan"),
                "new_rank": rank_new if ok else None,
                "best_rank_at_bound": rank_new if already else rank_with(move(upper)),
                "current_score": score_with(x),
                "current_rank": current_rank,
                "target_rank": target_rank,
                "reachable": ok,
            }
        )
    return records
