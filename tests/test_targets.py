"""Targets: % below BAU, caps, peak year, net zero; the Decision 896 national example."""

from __future__ import annotations

import numpy as np
import pytest
from pathways_fixtures import SCENARIO_YAML, make_baseline

from analysis.emissions.pathways import compute_pathways
from analysis.emissions.scenarios import load_scenarios
from analysis.emissions.targets import Target, evaluate_targets, load_targets, measure_targets
from analysis.errors import InputError

TARGETS_YAML = """
provinces: any
targets:
  - {id: pct, kind: percent_below_bau, year: 2030, percent: 20, assumption: test}
  - {id: cap_power, kind: absolute_cap, year: 2030, cap_mtco2e: 0.85, sector: Energy, assumption: test}
  - {id: nz, kind: net_zero, year: 2050, assumption: test}
  - {id: peak, kind: peak_year, year: 2025, basis: gross, assumption: test}
"""


@pytest.fixture
def pathways(write):
    return compute_pathways(make_baseline(), load_scenarios(write("s.yaml", SCENARIO_YAML)))


def test__evaluate_targets__percent_cap_and_net_zero(write, pathways):
    targets = load_targets(write("t.yaml", TARGETS_YAML))
    res = evaluate_targets(pathways["plan"], targets).set_index("target_id")
    # plan: net 2030 = 0.71 Mt vs BAU 0.9 -> 21.1 % below; 20 % needs <= 0.72 Mt
    assert res.loc["pct", "required_mtco2e"] == pytest.approx(0.72)
    assert res.loc["pct", "achieved_mtco2e"] == pytest.approx(0.71)
    assert bool(res.loc["pct", "met"]) and res.loc["pct", "abatement_needed_mtco2e"] == 0
    assert res.loc["cap_power", "gap_mtco2e"] == pytest.approx(0.81 - 0.85)
    assert not res.loc["nz", "met"]
    assert res.loc["nz", "gap_mtco2e"] == pytest.approx(0.71)
    assert res.loc["nz", "abatement_needed_mtco2e"] == pytest.approx(0.71)
    assert res.loc["nz", "gross_mtco2e"] == pytest.approx(0.91)
    assert res.loc["nz", "removals_mtco2e"] == pytest.approx(-0.2)
    assert bool(res.loc["peak", "met"])  # flat after the cut


def test__evaluate_targets__net_zero_reached_with_removals(write, pathways):
    nz = Target(id="nz", kind="net_zero", year=2050)
    res = evaluate_targets(pathways["deep"], [nz]).iloc[0]
    # deep 2050: power 0.5 + waste 0.1 - sink 0.5 = 0.1 Mt: not yet
    assert res.net_mtco2e == pytest.approx(0.1) and not res.met


def test__measure_targets__peak_year_missed_when_emissions_grow():
    b = make_baseline(growth=0.02)
    target = Target(id="peak", kind="peak_year", year=2030)
    required, achieved = measure_targets(target, b.emissions, b.emissions, b.sectors, b.years)
    assert achieved > required


def test__measure_targets__vectorised_over_draws():
    b = make_baseline()
    draws = np.stack([b.emissions * f for f in (0.5, 1.0, 1.5)])
    target = Target(id="pct", kind="percent_below_bau", year=2030, value=0.1)
    required, achieved = measure_targets(target, draws, b.emissions, b.sectors, b.years)
    assert (achieved <= required).tolist() == [True, False, False]


def test__load_targets__errors_are_located(write):
    with pytest.raises(InputError) as exc:
        load_targets(write("t.yaml", TARGETS_YAML.replace("percent: 20", "percnt: 20")))
    text = "\n".join(map(str, exc.value.issues))
    assert "targets[0].percnt" in text and "did you mean 'percent'" in text


def test__load_targets__shipped_files_validate():
    from analysis.run.resolve import TARGETS_DIR

    assert [t.id for t in load_targets(TARGETS_DIR / "ba-ria-vung-tau.yaml")] == ["brvt_2030_action_plan"]
    national = {t.id for t in load_targets(TARGETS_DIR / "national.yaml")}
    assert {"ndc2022_unconditional_2030", "d896_energy_cap_2030", "net_zero_2050"} <= national


def test__measure_targets__peak_year_margin_is_later_maximum_minus_peak_level():
    """Emissions fall 2 %/yr: the highest later level (2031) is 2 % below 2030, so the margin is negative."""
    b = make_baseline(growth=-0.02)
    target = Target(id="peak", kind="peak_year", year=2030)
    required, achieved = measure_targets(target, b.emissions, b.emissions, b.sectors, b.years)
    net = b.emissions.sum(axis=0)
    t = int(np.flatnonzero(b.years == 2030)[0])
    assert float(required) == pytest.approx(net[t])
    assert float(achieved) == pytest.approx(net[t + 1 :].max())
    assert float(achieved - required) == pytest.approx(net[t + 1] - net[t]) and float(achieved - required) < 0


def test__evaluate_targets__peak_year_gap_reports_the_room_left(write):
    """A pathway that peaks and then falls is met with room: the gap is negative, not 0.00."""
    pathway = compute_pathways(make_baseline(growth=-0.05), load_scenarios(write("s.yaml", SCENARIO_YAML)))["bau"]
    row = evaluate_targets(pathway, [Target(id="peak", kind="peak_year", year=2025)]).iloc[0]
    net = pathway.emissions.sum(axis=0)
    assert row.gap_mtco2e == pytest.approx((net[6] - net[5]) / 1e6) and row.gap_mtco2e < 0
    assert bool(row.met) and row.abatement_needed_mtco2e == 0
