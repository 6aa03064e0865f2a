"""The BAU's uncertainty is centred and comes from the province profile: each driver's growth is drawn along the
range its profile gives (the central rate is the median), and every shipped distribution has its median at the
nominal value, so the deterministic run is a typical outcome, not a best case."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.emissions import montecarlo as mc
from analysis.emissions.scenarios import load_scenarios
from analysis.run import build_run
from analysis.run.resolve import SCENARIOS_DIR


def test__split_uniform__median_is_the_centre_and_the_range_is_kept():
    u = np.linspace(0, 1, 100_001)
    values = mc.split_uniform(u, np.array(0.0), np.array(0.0), np.array(0.26))
    assert np.median(values) == pytest.approx(0.0, abs=1e-6)
    assert values.min() == 0.0 and values.max() == pytest.approx(0.26)
    both = mc.split_uniform(u, np.array(0.05), np.array(0.07), np.array(0.08))
    assert np.median(both) == pytest.approx(0.07, abs=1e-6) and both.min() == pytest.approx(0.05)


def test__frozen_bau_carries_the_profile_ranges_and_the_draws_follow_them():
    run = build_run(province="Bà Rịa – Vũng Tàu", n_draws=0)
    inputs = run.baseline.inputs
    assert inputs.growth_low is not None and (inputs.growth_low <= inputs.driver_growth + 1e-12).all()
    assert (inputs.growth_high >= inputs.driver_growth - 1e-12).all()
    names = mc.driver_names(inputs)
    assert "gdp" in names and "power_fleet" in names and "none" not in names
    shocks = [np.zeros(3), np.zeros(3), np.zeros(3), np.ones(3)]
    u = np.array([[0.0] * len(names), [0.5] * len(names), [1.0] * len(names)])
    low, mid, high = mc.simulate_bau(inputs, shocks, u, names)
    np.testing.assert_allclose(mid, mc.compute_central_bau(inputs))  # u = 0.5 is the central path
    assert low.sum() < mid.sum() < high.sum()


def test__monte_carlo_median_is_near_the_central_run_for_a_centred_set():
    """With every input centred, the draws' median of 2030 net emissions lies inside P25–P75 around the central
    run of the Monte Carlo (it need not be equal: growth compounds and the ranges are asymmetric)."""
    run = build_run(province="Bà Rịa – Vũng Tàu", n_draws=2000, seed=1)
    p = run.monte_carlo.percentiles
    row = p[(p["scenario"] == "action_plan_2030") & (p["variable"] == "net") & (p["year"] == 2030)].iloc[0]
    assert row["p25"] <= row["deterministic"] <= row["p75"]


@pytest.mark.parametrize("name", ["ba-ria-vung-tau.yaml", "national.yaml"])
def test__shipped_scenario_distributions_are_centred_on_their_nominal_values(name):
    scenarios = load_scenarios(SCENARIOS_DIR / name)
    for key, dist in scenarios.bau_uncertainty.items():
        assert float(dist.ppf(0.5)) == pytest.approx(dist.nominal, abs=1e-3), key
    for measure in scenarios.all_measures():
        for key, dist in measure.uncertainty.items():
            assert float(dist.ppf(0.5)) == pytest.approx(1.0, abs=1e-3), (measure.id, key)
    assert "driver_growth" not in scenarios.bau_uncertainty  # growth uncertainty comes from the profiles' ranges
