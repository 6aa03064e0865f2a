"""How solid is a rank? Monte Carlo over weights, aggregation and measurement noise.

Inputs
------
A complete field (``province, <indicators>``; see :func:`analysis.index.whatif.select_complete_field`),
its :class:`~analysis.index.spec.IndexSpec`, and optionally standard errors of the indicators (a table
of the same shape). With partial published data the result is conditional on the provinces in the field.

Method
------
Each draw d takes
- weights ``W_d = Σw · Dirichlet(concentration · w / Σw)``: centred on the nominal weights; a larger
  ``concentration`` keeps them closer (with four equal weights and 50, each share has a standard
  deviation of about 0.06 around 0.25);
- an aggregation chosen uniformly among ``aggregations`` (arithmetic and/or geometric);
- indicator values ``x + se · ε`` (ε standard normal), clipped to the spec's bounds, when ``se`` is given;
and ranks every province (ties share the lowest rank). Everything is vectorised over draws with NumPy
(no Python loop over draws) and seeded.

Outputs
-------
:func:`summarise_rank_intervals`: per province the nominal score and rank, the 5th, 50th and 95th
percentile of its rank over the draws (percentiles are ranks actually drawn), and whether the nominal
rank lies inside the interval. ``benchmarks/synthetic.py`` makes a synthetic field and times a 10,000 × 63 run
(``make bench``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.index.engine import aggregate, rank_descending
from analysis.index.spec import IndexSpec

DEFAULT_CONCENTRATION = 50.0
_TINY = 1e-12


def draw_weights(weights: np.ndarray, n_draws: int, concentration: float, rng: np.random.Generator) -> np.ndarray:
    """``n_draws`` weight vectors (n_draws, n_indicators) from a Dirichlet around ``weights``, same total."""
    weights = np.asarray(weights, dtype=float)
    if concentration <= 0:
        raise ValueError("concentration must be positive")
    total = weights.sum()
    return total * rng.dirichlet(concentration * weights / total, size=n_draws)


def simulate_ranks(
    values: np.ndarray,
    weights: np.ndarray,
    *,
    n_draws: int = 10_000,
    concentration: float = DEFAULT_CONCENTRATION,
    aggregations: tuple[str, ...] = ("arithmetic",),
    se: np.ndarray | None = None,
    bounds: tuple[float, float] | None = None,
    seed: int = 0,
) -> np.ndarray:
    """Ranks of every province in every draw: an int array (n_draws, n_provinces), 1 = best.

    Parameters
    ----------
    values : (n_provinces, n_indicators), no missing values.
    weights : (n_indicators,) nominal weights.
    se : (n_provinces, n_indicators) standard errors, or None for no measurement noise.
    bounds : clip noisy values to (low, high).
    """
    values = np.asarray(values, dtype=float)
    if np.isnan(values).any():
        raise ValueError("the field must be complete (no missing indicator values)")
    rng = np.random.default_rng(seed)
    w = draw_weights(weights, n_draws, concentration, rng)  # (d, i)
    if se is not None:
        noise = rng.standard_normal((n_draws, *values.shape)) * np.asarray(se, dtype=float)
        x = values[None, :, :] + noise
        if bounds is not None:
            np.clip(x, bounds[0], bounds[1], out=x)
    else:
        x = values[None, :, :]
    scores = None
    choice = rng.integers(len(aggregations), size=n_draws)
    for k, method in enumerate(aggregations):
        if method == "arithmetic":
            s = np.einsum("dpi,di->dp", np.broadcast_to(x, (n_draws, *values.shape)), w, optimize=True)
        else:
            s = aggregate(np.maximum(x, _TINY), w[:, None, :], method)
        s = np.broadcast_to(s, (n_draws, values.shape[0]))
        scores = s.copy() if scores is None else np.where((choice == k)[:, None], s, scores)
    return rank_descending(scores).astype(np.int16)


def summarise_rank_intervals(
    field: pd.DataFrame,
    spec: IndexSpec,
    *,
    n_draws: int = 10_000,
    concentration: float = DEFAULT_CONCENTRATION,
    aggregations: tuple[str, ...] = ("arithmetic", "geometric"),
    se: pd.DataFrame | None = None,
    seed: int = 0,
    interval: tuple[float, float] = (5.0, 95.0),
) -> pd.DataFrame:
    """5th–95th percentile rank interval of each province over the Monte Carlo draws.

    Returns
    -------
    DataFrame ``province, score, nominal_rank, rank_low, rank_median, rank_high, nominal_in_interval,
    share_top5, field_size, n_draws`` sorted by nominal rank. ``se`` (optional) has ``province`` and
    the indicator columns.
    """
    values = field[spec.indicators].to_numpy(dtype=float)
    weights = np.array([spec.weights[c] for c in spec.indicators])
    se_values = None
    if se is not None:
        se_values = se.set_index("province").loc[field["province"], spec.indicators].to_numpy(dtype=float)
    ranks = simulate_ranks(
        values,
        weights,
        n_draws=n_draws,
        concentration=concentration,
        aggregations=aggregations,
        se=se_values,
        bounds=spec.bounds,
        seed=seed,
    )
    q = np.quantile(ranks, [interval[0] / 100, 0.5, interval[1] / 100], axis=0, method="inverted_cdf")
    nominal_scores = aggregate(values, weights, spec.aggregation)
    nominal = rank_descending(nominal_scores).astype(int)
    out = pd.DataFrame(
        {
            "province": field["province"].to_numpy(),
            "score": nominal_scores,
            "nominal_rank": nominal,
            "rank_low": q[0].astype(int),
            "rank_median": q[1].astype(int),
            "rank_high": q[2].astype(int),
        }
    )
    out["nominal_in_interval"] = (out["rank_low"] <= out["nominal_rank"]) & (out["nominal_rank"] <= out["rank_high"])
    out["share_top5"] = (ranks <= 5).mean(axis=0)
    out["field_size"] = len(field)
    out["n_draws"] = n_draws
    return out.sort_values(["nominal_rank", "province"]).reset_index(drop=True)


def rank_intervals_of(
    field: pd.DataFrame, spec: IndexSpec, provinces: list[str], **options
) -> tuple[pd.DataFrame | None, list[str]]:
    """:func:`summarise_rank_intervals` of ``field`` when any of ``provinces`` is in it (else None), and those of
    ``provinces`` that are (a 2025 unit's former provinces, say, of which only some have every sub-index)."""
    tested = [p for p in provinces if p in set(field["province"])]
    return (summarise_rank_intervals(field, spec, **options) if tested else None), tested
