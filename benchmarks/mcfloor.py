"""Benchmark floor for the Monte Carlo: the same arithmetic as :func:`run_monte_carlo`, as bare NumPy.

Input: the same BAU inputs, scenario set, ``n_draws`` and seed. Output: the net-emission percentiles per
scenario ``{name: (len(PERCENTILES), T)}`` in t CO2e/yr, equal to those of :func:`run_monte_carlo`.

Everything is one block over all draws (no chunking, no tables, no targets, no validation), so it
measures what the arithmetic itself costs. ``make bench`` times both and compares (the issue asks the
real run to stay within 3× of this floor).
"""

from __future__ import annotations

import numpy as np

from analysis.emissions.measures import MULTIPLICATIVE
from analysis.emissions.montecarlo import _NOMINAL, PERCENTILES, shock_masks
from analysis.emissions.scenarios import BAU_UNCERTAINTY_KEYS, ScenarioSet


def compute_floor_numpy(
    inputs, scenarios: ScenarioSet, n_draws: int = 10_000, seed: int = 20_300
) -> dict[str, np.ndarray]:
    """Net emissions percentiles per scenario, computed in one NumPy block (see module docstring)."""
    ids = [m.id for m in scenarios.all_measures()]
    rng = np.random.default_rng(seed)
    u = rng.random((n_draws, len(BAU_UNCERTAINTY_KEYS) + 2 * len(ids)))
    unc = scenarios.bau_uncertainty
    dg, de, di, ef = (
        unc[k].ppf(u[:, i]) if k in unc else np.full(n_draws, _NOMINAL[k]) for i, k in enumerate(BAU_UNCERTAINTY_KEYS)
    )
    years = np.asarray(inputs.years)
    t = (years - years[0]).astype(float)
    driven, trended = shock_masks(inputs)
    g = np.asarray(inputs.driver_growth, dtype=float)[None] + (dg[:, None] * driven)[:, :, None]
    g[..., 0] = 0.0
    bau = (
        np.asarray(inputs.e0)[None, :, None]
        * ef[:, None, None]
        * np.cumprod(1.0 + g, axis=-1) ** (np.asarray(inputs.elasticity)[None] + de[:, None] * driven)[..., None]
        * (1.0 + np.asarray(inputs.intensity_rate)[None] + di[:, None] * trended)[..., None] ** t
    )
    pos = {s: i for i, s in enumerate(inputs.sectors)}
    out = {}
    for name, sc in scenarios.scenarios.items():
        rem = bau.copy()
        for m in sc.measures:
            idx = [pos[s] for s in m.sectors if s in pos]
            if not idx:
                continue
            k = len(BAU_UNCERTAINTY_KEYS) + 2 * ids.index(m.id)
            e = m.uncertainty["effectiveness"].ppf(u[:, k]) if "effectiveness" in m.uncertainty else np.ones(n_draws)
            x = np.clip((years - m.start_year + 1) / (m.full_effect_year - m.start_year + 1), 0.0, 1.0)
            r = x if m.ramp == "linear" else x * x * (3 - 2 * x)
            part = rem[:, idx, :]
            if m.kind in MULTIPLICATIVE:
                if m.kind == "percent":
                    frac = m.magnitude * e[:, None] * r
                elif m.kind == "ccs":
                    frac = m.magnitude * m.coverage * e[:, None] * r
                elif m.kind == "intensity":
                    kk = (m.full_effect_year - m.start_year + 1) * r
                    frac = 1.0 - (1.0 + m.magnitude * e[:, None]) ** kk
                else:
                    v = (
                        m.uncertainty["emission_factor"].ppf(u[:, k + 1])
                        if "emission_factor" in m.uncertainty
                        else np.ones(n_draws)
                    )
                    frac = m.magnitude * e[:, None] * r * (1.0 - m.ef_ratio * v[:, None])
                rem[:, idx, :] = part - np.maximum(part, 0.0) * np.minimum(frac, 1.0)[:, None, :]
            elif m.kind == "removals":
                rem[:, idx, :] = part - (m.magnitude * e[:, None] * r)[:, None, :]
            else:
                p = np.maximum(part, 0.0)
                tot = p.sum(axis=1)
                share = np.divide(m.magnitude * e[:, None] * r, tot, out=np.zeros_like(tot), where=tot > 0)
                rem[:, idx, :] = part - p * np.minimum(share, 1.0)[:, None, :]
        land = rem[:, pos["LULUCF"], :] if "LULUCF" in pos else np.zeros((n_draws, len(years)))
        net = rem.sum(axis=1)
        removals = np.minimum(land, 0.0)
        np.percentile(net - removals, PERCENTILES, axis=0)  # gross and removals, as the real run reports them
        np.percentile(removals, PERCENTILES, axis=0)
        out[name] = np.percentile(net, PERCENTILES, axis=0)
    return out


def load_benchmark_case(province: str = "Bà Rịa – Vũng Tàu"):
    """``(bau_inputs, scenarios, targets)`` of the shipped data, for ``make bench``: the run a report builds
    (:func:`analysis.run.build_run`, its own scenario file and targets), without drawing.

    Time ``run_monte_carlo(inputs, scenarios, targets, 10_000)`` against
    ``compute_floor_numpy(inputs, scenarios, 10_000)`` in the same run.
    """
    from analysis.run import build_run

    run = build_run(province=province, n_draws=0)
    return run.baseline.inputs, run.scenario_set, run.evaluable_targets()
