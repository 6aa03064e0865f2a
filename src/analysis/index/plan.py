"""An improvement plan for a composite index: per indicator, what a point buys, how far the province is
from the best values, and which bodies the province's own plan puts in charge.

Inputs
------
The index table, the spec, the province (with every indicator), the year, the target rank,
``n_ranked`` (see :mod:`analysis.index.national`) and, optionally, the bodies named by the province's
plan (:func:`analysis.data.pgi_plan.load_plan_bodies`: ``body_vi``, ``body_en``, ``subindex``).

Outputs
-------
:func:`plan_improvements` returns one row per indicator:

- ``value``, ``weight``, ``room`` (upper bound − value);
- ``current_rank`` (the national rank; missing when the province was not ranked), ``n_ranked``, and for
  an unranked province ``current_rank_low``/``current_rank_high``/``outside_ranked``;
- ``rank_with_one_point``: the national rank guaranteed with one more point on that indicator alone
  (capped at the bound), and ``ranks_per_point`` = (current rank − that rank) / points added (for an
  unranked province, from the rank it is sure of now);
- ``increase_to_target``: the smallest increase of that indicator alone that guarantees the target
  rank nationally (missing when not reachable within the bound) and ``increase_to_target_best_case``;
- ``indicator_rank``, ``n_with_data``, ``top5_value`` (5th best value of the indicator) and
  ``gap_to_top5_value``: computed over the provinces with that indicator published only (a subset;
  ``n_with_data`` says how many);
- ``bodies_vi``, ``bodies_en``: the bodies the plan puts in charge of that indicator, and
  ``assignment_published`` (False when the source does not say which body has which indicator; the
  bodies are then left blank, never guessed).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis.index.national import build_national_field, solve_target_rank_national
from analysis.index.province import profile_subindices
from analysis.index.spec import IndexSpec

COLUMNS = [
    "indicator",
    "value",
    "weight",
    "room",
    "current_rank",
    "n_ranked",
    "rank_with_one_point",
    "ranks_per_point",
    "increase_to_target",
    "increase_to_target_best_case",
    "reachable",
    "target_rank",
    "indicator_rank",
    "n_with_data",
    "top5_value",
    "gap_to_top5_value",
    "bodies_vi",
    "bodies_en",
    "assignment_published",
]


def _bodies_for(bodies: pd.DataFrame | None, indicator: str) -> tuple[str, str]:
    if bodies is None or bodies.empty or "subindex" not in bodies.columns:
        return "", ""
    rows = bodies[bodies["subindex"].astype(str).str.strip() == indicator]
    return "; ".join(rows["body_vi"]), "; ".join(rows["body_en"])


def plan_improvements(
    index_table: pd.DataFrame,
    spec: IndexSpec,
    province: str,
    year: int,
    target_rank: int = 5,
    *,
    n_ranked: int | None = None,
    bodies: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The improvement table of ``province`` in ``year`` (see the module docstring for the columns)."""
    field = build_national_field(index_table, spec, province, year, n_ranked=n_ranked)
    whatif = solve_target_rank_national(index_table, spec, province, year, target_rank, n_ranked=n_ranked).set_index(
        "option"
    )
    profile = profile_subindices(index_table, spec, field.province, year).set_index("indicator")
    high = spec.bounds[1] if spec.bounds is not None else math.inf
    baseline = field.current_rank if field.current_rank is not None else field.rank_with(field.x)
    published = (
        bodies is not None and not bodies.empty and "subindex" in bodies.columns and bodies["subindex"].notna().any()
    )
    records = []
    for i, ind in enumerate(spec.indicators):
        step = min(1.0, high - field.x[i])
        x = field.x.copy()
        x[i] += step
        one = field.rank_with(x) if step > 0 else baseline
        vi, en = _bodies_for(bodies, ind)
        records.append(
            {
                "indicator": ind,
                "value": float(field.x[i]),
                "weight": spec.weights[ind],
                "room": high - field.x[i],
                "current_rank": field.current_rank,
                "n_ranked": field.n_ranked,
                "rank_with_one_point": one,
                "ranks_per_point": (baseline - one) / step if step > 0 else float("nan"),
                "increase_to_target": whatif.loc[ind, "increase"],
                "reachable": bool(whatif.loc[ind, "reachable"]),
                "increase_to_target_best_case": whatif.loc[ind, "increase_best_case"],
                "target_rank": target_rank,
                "indicator_rank": profile.loc[ind, "indicator_rank"],
                "n_with_data": profile.loc[ind, "n_with_data"],
                "top5_value": profile.loc[ind, "top5_threshold"],
                "gap_to_top5_value": profile.loc[ind, "gap_to_top5"],
                "bodies_vi": vi,
                "bodies_en": en,
                "assignment_published": bool(published and vi),
            }
        )
    out = pd.DataFrame(records, columns=COLUMNS)
    out["current_rank"] = out["current_rank"].astype("Int64")
    out = out.assign(**{c: whatif[c].iloc[0] for c in ("current_rank_low", "current_rank_high", "outside_ranked")})
    out["ranks_per_point"] = out["ranks_per_point"].astype(float).replace([np.inf, -np.inf], np.nan)
    return out
