"""MACC: levelised cost, cost order, interaction-aware widths, cost of reaching a target."""

from __future__ import annotations

import pytest
from pathways_fixtures import SCENARIO_YAML, make_baseline

from analysis.emissions.macc import build_macc, compute_crf, compute_levelised_cost, compute_target_cost
from analysis.emissions.measures import Cost, Measure
from analysis.emissions.scenarios import Scenario, load_scenarios
from analysis.emissions.targets import Target


def test__compute_crf__known_values():
    assert compute_crf(0.0, 10) == pytest.approx(0.1)
    # 10 %, 10 years: 0.16275 (standard annuity table)
    assert compute_crf(0.10, 10) == pytest.approx(0.162745, rel=1e-5)


def test__compute_levelised_cost__capex_opex_and_discount_rate():
    cost = Cost(capex_usd=1_000_000, opex_usd_per_year=10_000, lifetime_years=10)
    assert compute_levelised_cost(cost, 10_000, 0.0) == pytest.approx((100_000 + 10_000) / 10_000)
    assert compute_levelised_cost(cost, 10_000, 0.10) > compute_levelised_cost(cost, 10_000, 0.0)
    assert compute_levelised_cost(Cost(usd_per_tco2e=-5), 1.0) == -5


def test__build_macc__cost_order_and_interaction(write):
    """Each bar is the measure's cut in the plan's order (cut_a first: 10 % of 1 Mt = 0.1 Mt; cut_b then 10 % of
    the 0.9 Mt left = 0.09 Mt) — the same numbers the scenario's tables state; ranked cheapest first (cut_b at
    −10 USD/t before cut_a at 5 USD/t)."""
    ss = load_scenarios(write("s.yaml", SCENARIO_YAML))
    macc = build_macc(make_baseline(), ss["plan"], 2030)
    assert macc["measure_id"].tolist() == ["cut_b", "cut_a"]
    assert macc["abatement_mtco2e"].tolist() == pytest.approx([0.09, 0.1])
    assert macc["standalone_abatement_mtco2e"].tolist() == pytest.approx([0.1, 0.1])
    assert macc["cumulative_mtco2e"].iloc[-1] == pytest.approx(0.19)
    assert macc["annual_cost_musd"].tolist() == pytest.approx([-0.9, 0.5])


def test__build_macc__measures_without_cost_go_last():
    nocost = Measure(
        id="free", kind="percent", sectors=("Waste",), start_year=2020, full_effect_year=2020, magnitude=0.5
    )
    dear = Measure(
        id="dear",
        kind="percent",
        sectors=("Energy|Power",),
        start_year=2020,
        full_effect_year=2020,
        magnitude=0.1,
        cost=Cost(usd_per_tco2e=100),
    )
    macc = build_macc(make_baseline(), Scenario("x", (nocost, dear)), 2030)
    assert macc["measure_id"].tolist() == ["dear", "free"]
    assert not macc.set_index("measure_id").loc["free", "has_cost"]


def test__compute_target_cost__walks_the_curve(write):
    """Needing 0.15 Mt (1/6 of the 0.9 Mt BAU): all of cut_b (0.09 at −10) and 0.06 of cut_a (at 5)."""
    ss = load_scenarios(write("s.yaml", SCENARIO_YAML))
    target = Target(id="t", kind="percent_below_bau", year=2030, value=0.15 / 0.9)
    res = compute_target_cost(make_baseline(), ss["plan"], target)
    assert res["needed_mtco2e"] == pytest.approx(0.15)
    assert res["reachable"] and res["measures"] == ["cut_b", "cut_a"]
    assert res["cost_musd_per_year"] == pytest.approx(-0.9 + 0.3)
    big = Target(id="t2", kind="percent_below_bau", year=2030, value=0.5)
    res = compute_target_cost(make_baseline(), ss["plan"], big)
    assert not res["reachable"] and res["shortfall_mtco2e"] == pytest.approx(0.45 - 0.19)
