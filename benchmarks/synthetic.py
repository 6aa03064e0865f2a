"""Benchmark and test scaffolding for the index: a SYNTHETIC field (not data) and a timer of the rank robustness.

:func:`make_synthetic_field` gives a realistic complete field of PGI-like sub-indices; tests use it where
the published table is too sparse, ``make bench`` to time :func:`analysis.index.robustness.summarise_rank_intervals`.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from analysis.index.robustness import summarise_rank_intervals
from analysis.index.spec import IndexSpec, make_equal_spec


def make_synthetic_field(n_provinces: int = 63, n_indicators: int = 4, seed: int = 0) -> tuple[pd.DataFrame, IndexSpec]:
    """A realistic SYNTHETIC complete field (for tests and benchmarks; not data): PGI-like sub-indices.

    Province effects ~ N(0, 0.6) plus indicator means (7, 6.5, 5, 6) and noise ~ N(0, 0.6), clipped
    to 0–10 and rounded to two decimals like VCCI's tables. Names are the registry's provinces when
    ``n_provinces`` ≤ 63.
    """
    from analysis.data.provinces import get_registry

    rng = np.random.default_rng(seed)
    means = np.resize(np.array([7.0, 6.5, 5.0, 6.0]), n_indicators)
    effect = rng.normal(0, 0.6, size=(n_provinces, 1))
    values = np.clip(np.round(means + effect + rng.normal(0, 0.6, size=(n_provinces, n_indicators)), 2), 0, 10)
    names = [p.name for p in get_registry().provinces]
    provinces = names[:n_provinces] if n_provinces <= len(names) else [f"P{i:04d}" for i in range(n_provinces)]
    columns = [f"sub{i + 1}" for i in range(n_indicators)]
    field = pd.DataFrame(values, columns=columns)
    field.insert(0, "province", provinces)
    return field, make_equal_spec(columns, name="synthetic", bounds=(0.0, 10.0))


def benchmark_rank_robustness(n_draws: int = 10_000, n_provinces: int = 63, seed: int = 0) -> dict[str, float]:
    """Time one robustness run (weights, both aggregations and measurement noise) on a synthetic field.

    Returns ``{"seconds": ..., "n_draws": ..., "n_provinces": ...}``; the budget is 0.5 s for 10,000 × 63.
    """
    field, spec = make_synthetic_field(n_provinces, seed=seed)
    se = field.assign(**{c: 0.1 for c in spec.indicators})
    start = time.perf_counter()
    summarise_rank_intervals(field, spec, n_draws=n_draws, se=se, seed=seed)
    return {"seconds": time.perf_counter() - start, "n_draws": float(n_draws), "n_provinces": float(n_provinces)}
