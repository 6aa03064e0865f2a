"""Pathways: sequential combination without double counting, overlap, gross/removals/net, estimate flag."""

from __future__ import annotations

import numpy as np
import pytest
from pathways_fixtures import SCENARIO_YAML, make_baseline

from analysis.emissions.measures import Measure
from analysis.emissions.mitigation import apply_measures
from analysis.emissions.pathways import (
    compute_pathway,
    compute_pathways,
    tabulate_overlap,
    tabulate_pathways,
    tabulate_wedges,
)
from analysis.emissions.scenarios import Scenario, load_scenarios


def _m(**kw) -> Measure:
    base = dict(
        id="m", kind="percent", sectors=("Energy|Power",), start_year=2020, full_effect_year=2020, magnitude=0.1
    )
    base.update(kw)
    return Measure(**base)


def test__compute_pathway__two_cuts_on_one_sector_combine_sequentially(write):
    """Two 10 % cuts on Power (1 Mt) give 0.19 Mt, not 0.2 Mt; the overlap is 0.01 Mt."""
    ss = load_scenarios(write("s.yaml", SCENARIO_YAML))
    p = compute_pathway(make_baseline(), ss["plan"])
    assert p.value(2030, "Energy|Power") == pytest.approx(810_000)
    ov = tabulate_overlap(p, 2030).set_index("sector")
    assert ov.loc["Energy|Power", "overlap_mtco2e"] == pytest.approx(0.01)
    assert ov.loc["Energy|Power", "combined_mtco2e"] == pytest.approx(0.19)
    assert ov.loc["Waste", "overlap_mtco2e"] == 0


def test__compute_pathway__gross_removals_net_reported_apart(write):
    ss = load_scenarios(write("s.yaml", SCENARIO_YAML))
    p = compute_pathway(make_baseline(), ss["deep"])
    t = p.baseline.year_index(2040)
    assert p.removals()[t] == pytest.approx(-500_000)  # BAU sink 0.2 Mt + added 0.3 Mt
    assert p.gross()[t] == pytest.approx(500_000 + 100_000)
    assert p.net()[t] == pytest.approx(p.gross()[t] + p.removals()[t])
    wedges = tabulate_wedges(p).query("year == 2040").set_index("measure_id")
    assert wedges.loc["sink", "abatement_mtco2e"] == pytest.approx(0.3)


def test__apply_measures__absolute_never_cuts_below_zero():
    bau = np.full((1, 1, 3), 100.0)
    rem, ab = apply_measures(
        bau, ("Energy|Power",), np.array([2020, 2021, 2022]), [_m(kind="absolute", magnitude=250.0)], record=True
    )
    assert np.allclose(rem, 0.0)
    assert np.allclose(ab.sum(), 300.0)


def test__apply_measures__absolute_shared_by_sector_size():
    bau = np.array([[[300.0], [100.0]]])
    rem, _ = apply_measures(
        bau,
        ("Energy|Power", "Energy|Transport"),
        np.array([2020]),
        [_m(kind="absolute", sectors=("Energy|Power", "Energy|Transport"), magnitude=40.0)],
    )
    assert rem[0, :, 0] == pytest.approx([270.0, 90.0])


def test__apply_measures__fuel_switch_and_ccs():
    """Switch 50 % of emissions from coal (94 600) to gas (56 100): cut 0.5·(1 − 56.1/94.6); CCS 90 % of 60 %."""
    bau = np.full((1, 1, 1), 1000.0)
    years = np.array([2030])
    fs = _m(kind="fuel_switch", magnitude=0.5, ef_ratio=56_100 / 94_600)
    rem, _ = apply_measures(bau, ("Energy|Power",), years, [fs])
    assert rem[0, 0, 0] == pytest.approx(1000 * (1 - 0.5 * (1 - 56_100 / 94_600)))
    ccs = _m(kind="ccs", magnitude=0.9, coverage=0.6)
    rem, _ = apply_measures(bau, ("Energy|Power",), years, [ccs])
    assert rem[0, 0, 0] == pytest.approx(1000 * (1 - 0.54))


def test__apply_measures__intensity_compounds_until_full_effect():
    bau = np.full((1, 1, 6), 1000.0)
    years = np.arange(2020, 2026)
    rem, _ = apply_measures(
        bau, ("Energy|Power",), years, [_m(kind="intensity", magnitude=-0.1, start_year=2021, full_effect_year=2022)]
    )
    assert rem[0, 0] == pytest.approx([1000, 900, 810, 810, 810, 810])


def test__apply_measures__intensity_s_curve_ramp_acts():
    """S-curve over 2021–2024 (4 years): the change applies to 4 × smoothstep(x) years, x = ¼, ½, ¾, 1:
    0.625, 2, 3.375, 4 years of −10 %; linear gives 1, 2, 3, 4; both reach the same full effect."""
    bau = np.full((1, 1, 7), 1000.0)
    years = np.arange(2020, 2027)
    kw = dict(kind="intensity", magnitude=-0.1, start_year=2021, full_effect_year=2024)
    s_curve, _ = apply_measures(bau, ("Energy|Power",), years, [_m(ramp="s_curve", **kw)])
    linear, _ = apply_measures(bau, ("Energy|Power",), years, [_m(**kw)])
    assert s_curve[0, 0] == pytest.approx(1000 * 0.9 ** np.array([0, 0.625, 2, 3.375, 4, 4, 4]))
    assert linear[0, 0] == pytest.approx(1000 * 0.9 ** np.array([0, 1, 2, 3, 4, 4, 4]))


def test__apply_measures__vectorised_draws_match_single_runs():
    bau = np.full((3, 1, 2), 1000.0)
    effect = np.array([[0.5], [1.0], [2.0]])
    rem, _ = apply_measures(bau, ("Energy|Power",), np.array([2020, 2021]), [_m()], effect=effect)
    assert rem[:, 0, 1] == pytest.approx([950.0, 900.0, 800.0])


def test__compute_pathway__measure_on_absent_sector_is_reported():
    p = compute_pathway(make_baseline(), Scenario("x", (_m(sectors=("IPPU",)),)))
    assert p.unused_measures() == ["m"]
    assert np.allclose(p.emissions, p.baseline.emissions)


def test__tabulate_pathways__carries_the_estimate_label(write):
    ss = load_scenarios(write("s.yaml", SCENARIO_YAML))
    table = tabulate_pathways(compute_pathways(make_baseline(is_estimate=True), ss))
    assert table["is_estimate"].all() and (table["estimate_note"] == "test estimate").all()
    row = table.query("scenario == 'plan' and year == 2030").iloc[0]
    assert row.below_bau_pct == pytest.approx(100 * 0.19 / 0.9)
