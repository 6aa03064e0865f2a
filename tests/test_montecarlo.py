"""Monte Carlo: reproducible, chunk-independent, equal to the bare-NumPy floor, sensible probabilities, tornado."""

from __future__ import annotations

import numpy as np
import pytest
from pathways_fixtures import SCENARIO_YAML, make_bau_inputs

from analysis.emissions.measures import Distribution
from analysis.emissions.montecarlo import PERCENTILES, compute_central_bau, compute_tornado, run_monte_carlo
from analysis.emissions.scenarios import load_scenarios
from analysis.emissions.targets import Target
from benchmarks.mcfloor import compute_floor_numpy

UNCERTAIN = SCENARIO_YAML.replace(
    "provinces: [BRVT]\n",
    """provinces: [BRVT]
bau_uncertainty:
  driver_growth: {dist: normal, mean: 0, sd: 0.01, assumption: test}
  elasticity: {dist: uniform, low: -0.1, high: 0.1, assumption: test}
  intensity_rate: {dist: triangular, low: -0.01, mode: 0, high: 0.005, assumption: test}
  emission_factor: {dist: triangular, low: 0.9, mode: 1.0, high: 1.1, assumption: test}
""",
).replace(
    "        cost: {usd_per_tco2e: 5, assumption: test}",
    "        cost: {usd_per_tco2e: 5, assumption: test}\n"
    "        uncertainty: {effectiveness: {dist: uniform, low: 0.5, high: 1.5, assumption: test}}",
)
TARGET = Target(id="pct", kind="percent_below_bau", year=2030, value=0.15)


@pytest.fixture
def setup(write):
    inputs, baseline = make_bau_inputs()
    return inputs, baseline, load_scenarios(write("s.yaml", UNCERTAIN))


def test__compute_central_bau__equals_the_baseline(setup):
    inputs, baseline, _ = setup
    assert np.allclose(compute_central_bau(inputs), baseline.emissions)


def test__run_monte_carlo__seeded_reproducible_and_chunk_independent(setup):
    inputs, _, ss = setup
    a = run_monte_carlo(inputs, ss, [TARGET], 3000, seed=7, chunk_size=3000)
    b = run_monte_carlo(inputs, ss, [TARGET], 3000, seed=7, chunk_size=700)
    c = run_monte_carlo(inputs, ss, [TARGET], 3000, seed=8)
    assert np.allclose(a.percentiles.filter(like="p").to_numpy(), b.percentiles.filter(like="p").to_numpy())
    assert a.probabilities.equals(b.probabilities)
    assert not np.allclose(a.percentiles.filter(like="p").to_numpy(), c.percentiles.filter(like="p").to_numpy())


def test__run_monte_carlo__matches_the_numpy_floor(setup):
    inputs, _, ss = setup
    res = run_monte_carlo(inputs, ss, [], 2000, seed=3)
    floor = compute_floor_numpy(inputs, ss, 2000, seed=3)
    net = res.percentiles.query("variable == 'net'")
    for name in ss.names():
        mine = net[net["scenario"] == name][[f"p{p}" for p in PERCENTILES]].to_numpy().T
        assert np.allclose(mine * 1e6, floor[name])


def test__run_monte_carlo__median_near_central_and_fan_widens(setup):
    inputs, baseline, ss = setup
    res = run_monte_carlo(inputs, ss, [TARGET], 4000, seed=1)
    bau = res.percentiles.query("scenario == 'bau' and variable == 'net'").set_index("year")
    assert bau.loc[2020, "p5"] == pytest.approx(bau.loc[2020, "p95"], rel=0.25)  # base-year spread = EF only
    width = bau["p95"] - bau["p5"]
    assert width.loc[2050] > 3 * width.loc[2020]
    assert bau.loc[2030, "p50"] == pytest.approx(baseline.net()[10] / 1e6, rel=0.1)


def test__run_monte_carlo__carries_the_estimate_label(setup):
    inputs, _, ss = setup
    res = run_monte_carlo(inputs, ss, [TARGET], 100, is_estimate=True, estimate_note="downscaled")
    for table in (res.percentiles, res.probabilities):
        assert table["is_estimate"].all() and (table["estimate_note"] == "downscaled").all()


def test__run_monte_carlo__probabilities_order_scenarios(setup):
    inputs, _, ss = setup
    prob = run_monte_carlo(inputs, ss, [TARGET], 4000, seed=2).probabilities.set_index("scenario")["probability_met"]
    assert 0.0 <= prob["bau"] < prob["plan"] < prob["deep"] <= 1.0


def test__run_monte_carlo__no_uncertainty_gives_a_point(write):
    inputs, baseline = make_bau_inputs()
    ss = load_scenarios(write("s.yaml", SCENARIO_YAML))
    res = run_monte_carlo(inputs, ss, [TARGET], 50)
    row = res.percentiles.query("scenario == 'plan' and variable == 'net' and year == 2030").iloc[0]
    assert row.p5 == pytest.approx(row.p95)


def test__compute_tornado__ranks_the_widest_input_first(setup):
    inputs, _, ss = setup
    tor = compute_tornado(inputs, ss, "plan", TARGET)
    assert tor["swing_mtco2e"].is_monotonic_decreasing
    assert set(tor["parameter"]) == {
        "BAU: driver_growth",
        "BAU: elasticity",
        "BAU: intensity_rate",
        "BAU: emission_factor",
        "cut_a: effectiveness",
    }
    eff = tor.set_index("parameter").loc["cut_a: effectiveness"]
    assert eff.gap_high_mtco2e < eff.base_gap_mtco2e < eff.gap_low_mtco2e  # more effective -> smaller gap


def test__distribution_ppf__quantiles():
    tri = Distribution("triangular", (0.0, 1.0, 2.0))
    assert tri.ppf(np.array([0.0, 0.5, 1.0])) == pytest.approx([0.0, 1.0, 2.0])
    assert Distribution("uniform", (2.0, 4.0)).ppf(np.array([0.25])) == pytest.approx([2.5])
    assert Distribution("normal", (0.0, 1.0)).ppf(np.array([0.5, 0.975])) == pytest.approx([0.0, 1.96], abs=1e-3)


def _shock_inputs():
    """Power follows GRDP; waste has no driver and no trend; IPPU has no driver but a declared −2 %/yr trend;
    LULUCF (a sink) has no driver."""
    from analysis.emissions.baseline import BauInputs

    years = np.arange(2020, 2051)
    sectors = ("Energy|Power", "Waste", "IPPU", "LULUCF")
    growth = np.zeros((4, len(years)))
    growth[0] = 0.05
    return BauInputs(
        e0=np.array([1e6, 1e5, 2e5, -3e5]),
        driver_growth=growth,
        elasticity=np.array([1.0, 0.0, 0.0, 0.0]),
        intensity_rate=np.array([-0.01, 0.0, -0.02, 0.0]),
        years=years,
        sectors=sectors,
        drivers=("grdp", "none", "none", "none"),
    )


def test__simulate_bau__shocks_leave_sectors_without_a_driver_alone():
    """A −1.5 %/yr intensity shock, +1 pt growth and +0.2 elasticity: the sink and the flat sector stay put."""
    from analysis.emissions.montecarlo import simulate_bau

    inputs = _shock_inputs()
    central = compute_central_bau(inputs)
    shocked = simulate_bau(inputs, [np.array([0.01]), np.array([0.2]), np.array([-0.015]), np.array([1.0])])[0]
    assert np.allclose(shocked[3], -3e5) and np.allclose(shocked[3], central[3])  # LULUCF sink unchanged
    assert np.allclose(shocked[1], 1e5)  # waste: no driver, no trend
    assert np.allclose(shocked[2], 2e5 * (1 - 0.035) ** np.arange(31))  # declared trend takes the intensity shock
    assert shocked[0, -1] == pytest.approx(1e6 * 1.06 ** (30 * 1.2) * 0.975**30)


def test__simulate_bau__lulucf_is_never_shocked_even_when_it_has_an_elasticity():
    """The shared test inputs give LULUCF elasticity 1 and a −1 %/yr rate: shocks still leave the sink alone."""
    from analysis.emissions.montecarlo import simulate_bau

    inputs, baseline = make_bau_inputs()
    shocked = simulate_bau(inputs, [np.array([0.02]), np.array([0.1]), np.array([-0.015]), np.array([1.0])])[0]
    assert np.allclose(shocked[2], baseline.emissions[2])
    assert not np.allclose(shocked[0], baseline.emissions[0])


def test__run_monte_carlo__matches_the_numpy_floor_with_an_s_curve_intensity_measure(write):
    yaml = (
        UNCERTAIN
        + """  eff:
    parent: bau
    measures:
      - id: eff_gain
        sectors: [Energy|Power]
        kind: intensity
        percent_per_year: -3
        start_year: 2022
        full_effect_year: 2035
        ramp: s_curve
        assumption: test
        uncertainty: {effectiveness: {dist: uniform, low: 0.5, high: 1.2, assumption: test}}
"""
    )
    inputs, _ = make_bau_inputs()
    ss = load_scenarios(write("s.yaml", yaml))
    res = run_monte_carlo(inputs, ss, [], 1500, seed=5)
    floor = compute_floor_numpy(inputs, ss, 1500, seed=5)
    mine = res.percentiles.query("variable == 'net' and scenario == 'eff'")[[f"p{p}" for p in PERCENTILES]]
    assert np.allclose(mine.to_numpy().T * 1e6, floor["eff"])


def _balancing_removals_yaml(amount: float) -> str:
    return f"""
provinces: [BRVT]
scenarios:
  bau:
    measures: []
  nz:
    parent: bau
    measures:
      - id: plug
        sectors: [LULUCF]
        kind: removals
        tco2e_per_year: {amount:.0f}
        start_year: 2040
        full_effect_year: 2050
        assumption: test
        uncertainty: {{effectiveness: {{dist: uniform, low: 0.2, high: 1.0, assumption: test}}}}
"""


def test__run_monte_carlo__deterministic_run_at_the_edge_is_flagged_off_centre(write):
    """Removals sized to balance 2050 at the top of uniform(0.2, 1.0): met by 1 kt on the central run, but almost
    never in the draws — the table says so, and the verdict is "at risk", not "met"."""
    from analysis.emissions.montecarlo import summarise_target

    inputs, baseline = make_bau_inputs()
    ss = load_scenarios(write("s.yaml", _balancing_removals_yaml(baseline.net()[-1] + 1_000)))
    nz = Target(id="nz", kind="net_zero", year=2050)
    res = run_monte_carlo(inputs, ss, [nz, TARGET], 2000, seed=4)
    row = res.targets.set_index(["scenario", "target_id"]).loc[("nz", "nz")]
    assert row.deterministic_gap_mtco2e == pytest.approx(-0.001, abs=1e-6) and row.deterministic_met
    assert row.probability_met < 0.01 and row.off_centre
    assert row.deterministic_gap_mtco2e - 1e-9 <= row.gap_p5_mtco2e < row.gap_p50_mtco2e < row.gap_p95_mtco2e
    # the median removal is 60 % of nominal: the median gap is 40 % of the plug
    assert row.gap_p50_mtco2e == pytest.approx(0.4 * (baseline.net()[-1] + 1_000) / 1e6 - 0.001, rel=0.05)
    s = summarise_target(res, "nz", "nz")
    assert (s.verdict, s.deterministic_met, s.off_centre) == ("at risk", True, True)
    assert s.gap_p5_mtco2e == pytest.approx(row.gap_p5_mtco2e) and s.probability_met == row.probability_met
    assert res.probabilities.equals(
        res.targets[["scenario", "target_id", "year", "probability_met", "is_estimate", "estimate_note"]]
    )
    with pytest.raises(KeyError, match="no Monte Carlo result for target 'nz' in scenario 'plan'"):
        summarise_target(res, "plan", "nz")


def test__run_monte_carlo__symmetric_uncertainty_is_centred_and_deterministic_values_reported(setup):
    inputs, baseline, ss = setup
    res = run_monte_carlo(inputs, ss, [TARGET], 3000, seed=9)
    row = res.targets.set_index(["scenario", "target_id"]).loc[("plan", "pct")]
    assert row.gap_p25_mtco2e <= row.deterministic_gap_mtco2e <= row.gap_p75_mtco2e and not row.off_centre
    bau = res.percentiles.query("scenario == 'bau' and variable == 'net'").set_index("year")
    np.testing.assert_allclose(bau["deterministic"].to_numpy(), baseline.net() / 1e6)
    assert res.targets.set_index(["scenario", "target_id"]).loc[("bau", "pct"), "deterministic_met"] == False  # noqa: E712
