"""A quick Monte Carlo of one scenario of a set: the engine's draws, only the numbers the explorer shows.

:func:`analysis.emissions.montecarlo.run_monte_carlo` simulates every scenario of a set and tabulates seven
percentiles of three variables for each; the explorer needs one scenario's probability of meeting one target and
the P5–P95 band of its net emissions, on every lever move. :func:`quick_monte_carlo` does exactly the engine's
arithmetic for that one scenario — same generator, seed, chunks and uniforms (the columns of every measure id of
the set), the same BAU shocks, measure multipliers and target test — so its probability equals the engine's for
the same set, seed and number of draws (a test checks it), at a fraction of the time.

Inputs: BAU inputs, the scenario set (its distributions), the scenario's name, a target, draws and seed.
Output: :class:`QuickResult`.

:func:`kept_quick_monte_carlo` keeps a result on disk under a key of what it was computed from: a report of the
explorer shows the file's values in each language, and the second language reads the first one's draws.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from analysis.emissions import montecarlo as mc
from analysis.emissions.mitigation import apply_measures
from analysis.emissions.scenarios import ScenarioSet
from analysis.emissions.targets import TOLERANCE_T, Target, measure_targets
from analysis.io import MISSING, atomic_path, prune_oldest, read_or_make
from analysis.paths import PROCESSED_DIR

BAND = (5, 95)
KEPT_DIR = PROCESSED_DIR / "cache" / "explorer"
KEPT = 256  # results kept (older keys: earlier inputs or code)


@dataclass(frozen=True)
class QuickResult:
    """P(met) of one target, and the P5/P95 net emissions per year (t CO2e), over ``n_draws`` draws."""

    probability_met: float
    low: np.ndarray
    high: np.ndarray
    n_draws: int
    seed: int


def quick_monte_carlo(
    inputs,
    scenario_set: ScenarioSet,
    scenario: str,
    target: Target,
    n_draws: int,
    *,
    seed: int,
    chunk_size: int = mc.DEFAULT_CHUNK,
) -> QuickResult:
    """The engine's Monte Carlo of ``scenario`` alone (see module docstring)."""
    sectors, years = tuple(inputs.sectors), np.asarray(inputs.years)
    central = mc.compute_central_bau(inputs)
    ids = [m.id for m in scenario_set.all_measures()]
    sc = scenario_set[scenario]
    rng = np.random.default_rng(seed)
    met, nets = 0, []
    for start in range(0, n_draws, chunk_size):
        u = mc.draw_uniforms(rng, min(chunk_size, n_draws - start), len(ids), len(mc.driver_names(inputs)))
        bau = mc.draw_bau(inputs, scenario_set, u, len(ids))
        effect, ef = mc._measure_multipliers(sc, u, ids)  # the engine's own steps
        remaining, _ = apply_measures(bau, sectors, years, list(sc.measures), effect, ef)
        nets.append(remaining.sum(axis=-2))
        required, achieved = measure_targets(target, remaining, central, sectors, years)
        met += int(np.count_nonzero(achieved <= required + TOLERANCE_T))
    low, high = np.percentile(np.concatenate(nets, axis=0), BAND, axis=0)
    return QuickResult(probability_met=met / n_draws, low=low, high=high, n_draws=n_draws, seed=seed)


def kept_quick_monte_carlo(key: str, compute: Callable[[], QuickResult]) -> QuickResult:
    """The result kept under ``key`` (a digest of everything it is computed from: the run's inputs and code, the
    scenario at the file's values, the target, draws and seed), else ``compute()``, kept. Two kernels that miss it at
    the same time compute it once; a file that cannot be read or written is computed again (numbers only, as JSON:
    reading never runs code)."""
    path = KEPT_DIR / f"{key}.json"

    def read():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return QuickResult(
                probability_met=float(data["probability_met"]),
                low=np.asarray(data["low"], dtype=float),
                high=np.asarray(data["high"], dtype=float),
                n_draws=int(data["n_draws"]),
                seed=int(data["seed"]),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return MISSING

    def make():
        result = compute()
        data = {
            "probability_met": result.probability_met,
            "low": result.low.tolist(),
            "high": result.high.tolist(),
            "n_draws": result.n_draws,
            "seed": result.seed,
        }
        try:
            with atomic_path(path) as tmp:
                tmp.write_text(json.dumps(data), encoding="utf-8")
            prune_oldest(KEPT_DIR.glob("*.json"), KEPT)
        except OSError:
            pass
        return result

    try:
        return read_or_make(path, read, make)
    except OSError:  # no folder to lock in (read-only): computed every time
        return compute()
