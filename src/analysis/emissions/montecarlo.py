"""Monte Carlo over the BAU inputs and the measures, vectorised over draws and chunked to bound memory.

Inputs: BAU inputs (``e0 (S,)``, ``driver_growth (S, T)``, ``elasticity (S,)``, ``intensity_rate (S,)``,
``years (T,)``, ``sectors``: the fields of ``analysis.emissions.bau.BauInputs``), a scenario set (its
``bau_uncertainty`` and each measure's ``uncertainty``), targets, ``n_draws`` and a seed.

What varies:

- the growth of each driver, along the range the province profile gives for each period (``low``–``high`` around
  the central rate, one draw per driver for all its years, the same draw in every province of a 2025 unit; the
  central rate is the median: :func:`split_uniform`);

and, declared in the scenario YAML:

- ``driver_growth``: added to every year's driver growth of every sector that follows a driver;
- ``elasticity``: added to the elasticity of every sector that follows a driver;
- ``intensity_rate``: added to the intensity rate of every sector that follows a driver or a declared trend;
- ``emission_factor``: multiplies base-year emissions (activity × emission factor) of every sector;
- per measure, ``effectiveness`` multiplies its size, and a fuel switch's ``emission_factor`` its new fuel's factor.

Which sectors the growth, elasticity and intensity shocks act on (:func:`shock_masks`): a sector *follows a
driver* when its driver is not ``none`` and its elasticity is not 0; it *follows a declared trend* when its
intensity rate is not 0. A sector with neither (held constant by design, e.g. driver ``none``, elasticity 0,
intensity 0) takes none of the three shocks, and LULUCF never does: it is a net flux that is usually a sink, so an
"improvement" of emission intensity would shrink the removals (−1.5 %/yr takes a third off a sink by 2050) and a
shock to economic growth says nothing about forests. Only the ``emission_factor`` shock (the uncertainty of the
base-year inventory) reaches every sector, LULUCF included.

The BAU shocks are common to the sectors they act on (fully correlated, the cautious choice); each measure draws once
and the same draw is used in every scenario that has it (common random numbers). Draws come from one
seeded generator in order, so results do not depend on the chunk size.

Outputs (:class:`MonteCarloResult`): percentiles per scenario, variable (net, gross, removals) and year
for fan charts, beside the deterministic (central) value; the probability that each target is met (against the
frozen central BAU); per scenario and target, the spread of the gap (margin, Mt CO2e, positive = shortfall) beside
the deterministic gap, flagged ``off_centre`` when the deterministic run lies outside the draws' P25–P75 (the
central run is then not a typical outcome, e.g. nominal values at the edge of their distributions);
:func:`summarise_target`, what a headline "met / at risk / not met" needs (verdict by
:func:`analysis.emissions.targets.verdict`, the one rule); and :func:`compute_tornado`, a one-at-a-time swing
(10th–90th percentile) of a target's gap.
``benchmarks/mcfloor.py`` is the same arithmetic as bare NumPy in one block, the benchmark floor.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.emissions.baseline import driver_bau_array
from analysis.emissions.measures import Distribution
from analysis.emissions.mitigation import apply_measures
from analysis.emissions.pathways import T_PER_MT, split_gross_removals
from analysis.emissions.profile import NO_DRIVER
from analysis.emissions.scenarios import BAU_UNCERTAINTY_KEYS, ScenarioSet
from analysis.emissions.targets import TOLERANCE_T, Target, measure_targets, verdict

PERCENTILES = (5, 10, 25, 50, 75, 90, 95)
DEFAULT_CHUNK = 2_000
_NOMINAL = {"driver_growth": 0.0, "elasticity": 0.0, "intensity_rate": 0.0, "emission_factor": 1.0}


CENTRE_BAND = (25, 75)  # the deterministic gap outside the draws' P25–P75 is "off centre"


@dataclass(frozen=True)
class MonteCarloResult:
    """Percentiles (long table), target probabilities, the gap spread per target, and the draws' settings."""

    percentiles: pd.DataFrame  # scenario, variable, year, p5 … p95, deterministic (Mt CO2e/yr)
    probabilities: pd.DataFrame  # scenario, target_id, year, probability_met
    n_draws: int
    seed: int
    # scenario, target_id, year, probability_met, deterministic_gap_mtco2e, deterministic_met, gap_p5 … gap_p95
    # (Mt CO2e), off_centre
    targets: pd.DataFrame = field(default_factory=pd.DataFrame)

    def probability_met(self, scenario: str, target_id: str) -> float | None:
        """P(met) of ``target_id`` in ``scenario`` (``None`` when the target was not drawn)."""
        return probability_met(self.probabilities, scenario, target_id)


def probability_met(probabilities: pd.DataFrame | None, scenario: str, target_id: str) -> float | None:
    """P(met) of ``target_id`` in ``scenario`` from a probability table (``None`` without it or without the row)."""
    if probabilities is None:
        return None
    row = probabilities[(probabilities["scenario"] == scenario) & (probabilities["target_id"] == target_id)]
    return float(row["probability_met"].iloc[0]) if len(row) else None


@dataclass(frozen=True)
class TargetUncertainty:
    """One target in one scenario: P(met), the P5–P95 spread of the gap, the deterministic gap and the verdict."""

    scenario: str
    target_id: str
    year: int
    probability_met: float
    deterministic_gap_mtco2e: float
    deterministic_met: bool
    gap_p5_mtco2e: float
    gap_p50_mtco2e: float
    gap_p95_mtco2e: float
    off_centre: bool
    verdict: str


def _measure_ids(scenarios: ScenarioSet) -> list[str]:
    return [m.id for m in scenarios.all_measures()]


def draw_uniforms(rng: np.random.Generator, n: int, n_measures: int, n_drivers: int = 0) -> np.ndarray:
    """(n, 4 + 2M + D) uniforms: BAU shocks, then effectiveness and emission-factor per measure id, then one per
    driver with a growth range (:func:`driver_names`)."""
    return rng.random((n, len(BAU_UNCERTAINTY_KEYS) + 2 * n_measures + n_drivers))


def driver_names(inputs) -> tuple[str, ...]:
    """The drivers whose growth the profile gives as a range (sorted; a 2025 unit's parts pooled): one draw each."""
    parts = getattr(inputs, "parts", ()) or (inputs,)
    names = {d for p in parts if getattr(p, "growth_low", None) is not None for d in p.drivers if d != NO_DRIVER}
    return tuple(sorted(names))


def split_uniform(u: np.ndarray, low: np.ndarray, centre: np.ndarray, high: np.ndarray) -> np.ndarray:
    """A value from ``low``–``high`` whose median is ``centre``: half the draws below it, half above (each half
    uniform). The nominal (central) growth of the profile is thus the median of its distribution."""
    below = low + (centre - low) * (2 * u)
    above = centre + (high - centre) * (2 * u - 1)
    return np.where(u < 0.5, below, above)


def _ranged_growth(inputs, u_drivers: np.ndarray | None, names: tuple[str, ...]) -> np.ndarray:
    """``(N, S, T)`` driver growth: the central path, or for each driver with a range one draw along it."""
    central = np.asarray(inputs.driver_growth, dtype=float)
    if u_drivers is None or getattr(inputs, "growth_low", None) is None or not len(names):
        return central[None]
    out = np.broadcast_to(central, (u_drivers.shape[0], *central.shape)).copy()
    for k, name in enumerate(names):
        rows = [i for i, d in enumerate(inputs.drivers) if d == name]
        if rows:
            u = u_drivers[:, k][:, None, None]
            out[:, rows] = split_uniform(
                u, inputs.growth_low[rows][None], central[rows][None], inputs.growth_high[rows][None]
            )
    return out


def draw_bau(inputs, scenarios: ScenarioSet, u: np.ndarray, n_measures: int) -> np.ndarray:
    """BAU emissions ``(N, S, T)`` of one chunk of uniforms ``u`` (:func:`draw_uniforms`)."""
    offset = len(BAU_UNCERTAINTY_KEYS) + 2 * n_measures
    names = driver_names(inputs)
    return simulate_bau(inputs, _bau_shocks(u, scenarios.bau_uncertainty), u[:, offset : offset + len(names)], names)


def _bau_shocks(u: np.ndarray, unc: dict[str, Distribution]) -> list[np.ndarray]:
    out = []
    for k, key in enumerate(BAU_UNCERTAINTY_KEYS):
        dist = unc.get(key)
        out.append(dist.ppf(u[:, k]) if dist is not None else np.full(u.shape[0], _NOMINAL[key]))
    return out


def simulate_bau(
    inputs, shocks: list[np.ndarray], u_drivers: np.ndarray | None = None, names: tuple[str, ...] = ()
) -> np.ndarray:
    """BAU emissions ``(N, S, T)`` for shocks ``[growth, elasticity, intensity, emission factor]`` each ``(N,)`` and,
    when given, one uniform per driver with a growth range (``u_drivers (N, D)`` for the drivers ``names``).

    Inputs with ``parts`` (a 2025 unit) are the sum of each part simulated with the same shocks and draws.
    """
    if getattr(inputs, "parts", ()):
        total = np.zeros((len(shocks[0]), len(inputs.sectors), len(inputs.years)))
        for part in inputs.parts:
            rows = [inputs.sectors.index(s) for s in part.sectors]
            total[:, rows, :] += simulate_bau(part, shocks, u_drivers, names)
        return total
    dg, de, di, ef = shocks
    driven, trended = shock_masks(inputs)
    growth = _ranged_growth(inputs, u_drivers, names) + (dg[:, None] * driven)[:, :, None]
    growth[..., 0] = 0.0
    index = np.cumprod(1.0 + growth, axis=-1)
    years = np.asarray(inputs.years)
    return driver_bau_array(
        np.asarray(inputs.e0)[None] * ef[:, None],
        index,
        np.asarray(inputs.elasticity)[None] + de[:, None] * driven,
        np.asarray(inputs.intensity_rate)[None] + di[:, None] * trended,
        years - years[0],
    )


def shock_masks(inputs) -> tuple[np.ndarray, np.ndarray]:
    """``(driven, trended)``, each ``(S,)`` of 0/1: the sectors the growth and elasticity shocks act on, and those
    the intensity shock acts on (see the module docstring). Inputs without ``drivers`` count every sector as
    having one."""
    sectors = np.asarray(inputs.sectors)
    elasticity = np.asarray(inputs.elasticity, dtype=float)
    drivers = getattr(inputs, "drivers", None)
    has_driver = np.asarray(drivers) != NO_DRIVER if drivers else np.ones(len(sectors), dtype=bool)
    land = sectors == "LULUCF"
    driven = has_driver & (elasticity != 0) & ~land
    trended = (driven | (np.asarray(inputs.intensity_rate, dtype=float) != 0)) & ~land
    return driven.astype(float), trended.astype(float)


def _measure_multipliers(scenario, u: np.ndarray, ids: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(N, M) effectiveness and emission-factor multipliers of a scenario's measures from the uniforms."""
    base = len(BAU_UNCERTAINTY_KEYS)
    n = u.shape[0]
    effect = np.ones((n, len(scenario.measures)))
    ef = np.ones((n, len(scenario.measures)))
    for j, m in enumerate(scenario.measures):
        k = ids.index(m.id)
        if "effectiveness" in m.uncertainty:
            effect[:, j] = m.uncertainty["effectiveness"].ppf(u[:, base + 2 * k])
        if "emission_factor" in m.uncertainty:
            ef[:, j] = m.uncertainty["emission_factor"].ppf(u[:, base + 2 * k + 1])
    return effect, ef


def compute_central_bau(inputs) -> np.ndarray:
    """The frozen BAU ``(S, T)`` from the inputs at their nominal values."""
    return simulate_bau(inputs, [np.array([_NOMINAL[k]]) for k in BAU_UNCERTAINTY_KEYS])[0]


def run_monte_carlo(
    inputs,
    scenarios: ScenarioSet,
    targets: list[Target] | None = None,
    n_draws: int = 10_000,
    *,
    seed: int = 20_300,
    chunk_size: int = DEFAULT_CHUNK,
    is_estimate: bool = False,
    estimate_note: str = "",
) -> MonteCarloResult:
    """Monte Carlo of every scenario of the set: percentiles per year and target probabilities.

    Parameters
    ----------
    inputs : BAU inputs (see module docstring).
    scenarios : the scenario set, with its declared distributions.
    targets : targets whose probability of being met is estimated (against the central BAU).
    n_draws, seed, chunk_size : number of draws, generator seed, draws computed at once (bounds memory
        to about ``chunk_size × S × T × 8`` bytes per array).
    is_estimate, estimate_note : the BAU's estimate label (``Baseline.is_estimate``/``estimate_note``),
        copied into both tables.
    """
    targets = targets or []
    sectors, years = tuple(inputs.sectors), np.asarray(inputs.years)
    central = compute_central_bau(inputs)
    ids = _measure_ids(scenarios)
    rng = np.random.default_rng(seed)
    series = {name: {v: [] for v in ("net", "gross", "removals")} for name in scenarios.names()}
    gaps = {(name, tg.id): [] for name in scenarios.names() for tg in targets}
    for start in range(0, n_draws, chunk_size):
        u = draw_uniforms(rng, min(chunk_size, n_draws - start), len(ids), len(driver_names(inputs)))
        bau = draw_bau(inputs, scenarios, u, len(ids))
        for name, sc in scenarios.scenarios.items():
            effect, ef = _measure_multipliers(sc, u, ids)
            remaining, _ = apply_measures(bau, sectors, years, list(sc.measures), effect, ef)
            gross, removals = split_gross_removals(remaining, sectors)
            for key, arr in (("net", gross + removals), ("gross", gross), ("removals", removals)):
                series[name][key].append(arr)
            for tg in targets:
                required, achieved = measure_targets(tg, remaining, central, sectors, years)
                gaps[(name, tg.id)].append(achieved - required)
    deterministic = {
        name: apply_measures(central[None], sectors, years, list(sc.measures))[0]
        for name, sc in scenarios.scenarios.items()
    }
    label = {"is_estimate": bool(is_estimate), "estimate_note": estimate_note if is_estimate else ""}
    table = _tabulate_targets(gaps, deterministic, targets, central, sectors, years)
    return MonteCarloResult(
        percentiles=_tabulate_percentiles(series, years, deterministic, sectors).assign(**label),
        probabilities=table[["scenario", "target_id", "year", "probability_met"]].assign(**label),
        n_draws=n_draws,
        seed=seed,
        targets=table.assign(**label),
    )


def _tabulate_targets(gaps: dict, deterministic: dict, targets: list[Target], central: np.ndarray, sectors, years):
    """One row per scenario and target: P(met) and the gap's spread beside the deterministic gap (Mt CO2e)."""
    rows = []
    for (name, tid), chunks in gaps.items():
        tg = next(t for t in targets if t.id == tid)
        draws = np.concatenate(chunks)
        required, achieved = measure_targets(tg, deterministic[name], central, sectors, years)
        det = float(np.asarray(achieved - required).reshape(-1)[0])
        q = dict(zip(PERCENTILES, np.percentile(draws, PERCENTILES) / T_PER_MT, strict=True))
        low, high = CENTRE_BAND
        rows.append(
            {
                "scenario": name,
                "target_id": tid,
                "year": tg.year,
                "probability_met": float(np.mean(draws <= TOLERANCE_T)),
                "deterministic_gap_mtco2e": det / T_PER_MT,
                "deterministic_met": bool(det <= TOLERANCE_T),
                **{f"gap_p{p}_mtco2e": float(v) for p, v in q.items()},
                "off_centre": bool(not q[low] <= det / T_PER_MT <= q[high]),
            }
        )
    columns = [
        "scenario",
        "target_id",
        "year",
        "probability_met",
        "deterministic_gap_mtco2e",
        "deterministic_met",
        *(f"gap_p{p}_mtco2e" for p in PERCENTILES),
        "off_centre",
    ]
    return pd.DataFrame(rows, columns=columns)


def summarise_target(result: MonteCarloResult, scenario: str, target_id: str) -> TargetUncertainty:
    """What a headline "met / at risk / not met" needs for ``target_id`` in ``scenario``: P(met), the P5–P95 spread
    of the gap, the deterministic gap and :func:`~analysis.emissions.targets.verdict` of the two."""
    hit = result.targets[(result.targets["scenario"] == scenario) & (result.targets["target_id"] == target_id)]
    if hit.empty:
        raise KeyError(f"no Monte Carlo result for target '{target_id}' in scenario '{scenario}'")
    r = hit.iloc[0]
    return TargetUncertainty(
        scenario=scenario,
        target_id=target_id,
        year=int(r["year"]),
        probability_met=float(r["probability_met"]),
        deterministic_gap_mtco2e=float(r["deterministic_gap_mtco2e"]),
        deterministic_met=bool(r["deterministic_met"]),
        gap_p5_mtco2e=float(r["gap_p5_mtco2e"]),
        gap_p50_mtco2e=float(r["gap_p50_mtco2e"]),
        gap_p95_mtco2e=float(r["gap_p95_mtco2e"]),
        off_centre=bool(r["off_centre"]),
        verdict=verdict(bool(r["deterministic_met"]), float(r["probability_met"])),
    )


def _tabulate_percentiles(series: dict, years: np.ndarray, deterministic: dict, sectors) -> pd.DataFrame:
    frames = []
    for name, variables in series.items():
        det_gross, det_removals = split_gross_removals(deterministic[name][0], sectors)
        det = {"net": det_gross + det_removals, "gross": det_gross, "removals": det_removals}
        for var, chunks in variables.items():
            q = np.percentile(np.concatenate(chunks, axis=0), PERCENTILES, axis=0) / T_PER_MT
            frame = pd.DataFrame(q.T, columns=[f"p{p}" for p in PERCENTILES])
            frame.insert(0, "year", years)
            frame.insert(0, "variable", var)
            frame.insert(0, "scenario", name)
            frame["deterministic"] = det[var] / T_PER_MT
            frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def compute_tornado(
    inputs, scenarios: ScenarioSet, scenario: str, target: Target, *, low: float = 0.1, high: float = 0.9
) -> pd.DataFrame:
    """One-at-a-time swing of ``target``'s gap (Mt CO2e; positive = shortfall) in ``scenario``.

    Each declared uncertain input is set to its ``low`` and ``high`` quantile with all others at their
    nominal values; the rows are sorted by swing, largest first. All runs are one vectorised batch.
    """
    sc = scenarios[scenario]
    params: list[tuple[str, int, Distribution]] = [
        (f"BAU: {k}", i, scenarios.bau_uncertainty[k])
        for i, k in enumerate(BAU_UNCERTAINTY_KEYS)
        if k in scenarios.bau_uncertainty
    ]
    for j, m in enumerate(sc.measures):
        for key, col in (("effectiveness", 0), ("emission_factor", 1)):
            if key in m.uncertainty:
                params.append((f"{m.id}: {key}", len(BAU_UNCERTAINTY_KEYS) + 2 * j + col, m.uncertainty[key]))
    n = 1 + 2 * len(params)
    shocks = [np.full(n, _NOMINAL[k]) for k in BAU_UNCERTAINTY_KEYS]
    effect, ef = np.ones((n, len(sc.measures))), np.ones((n, len(sc.measures)))
    for p, (_, col, dist) in enumerate(params):
        values = dist.ppf(np.array([low, high]))
        rows = [1 + 2 * p, 2 + 2 * p]
        if col < len(BAU_UNCERTAINTY_KEYS):
            shocks[col][rows] = values
        else:
            j, kind = divmod(col - len(BAU_UNCERTAINTY_KEYS), 2)
            (effect if kind == 0 else ef)[rows, j] = values
    sectors, years = tuple(inputs.sectors), np.asarray(inputs.years)
    remaining, _ = apply_measures(simulate_bau(inputs, shocks), sectors, years, list(sc.measures), effect, ef)
    required, achieved = measure_targets(target, remaining, compute_central_bau(inputs), sectors, years)
    gap = (achieved - required) / T_PER_MT
    frame = pd.DataFrame(
        {
            "parameter": [p[0] for p in params],
            "gap_low_mtco2e": gap[1::2],
            "gap_high_mtco2e": gap[2::2],
            "base_gap_mtco2e": gap[0],
        }
    )
    frame["swing_mtco2e"] = (frame["gap_high_mtco2e"] - frame["gap_low_mtco2e"]).abs()
    frame.insert(0, "target_id", target.id)
    frame.insert(0, "scenario", scenario)
    return frame.sort_values("swing_mtco2e", ascending=False, ignore_index=True)
