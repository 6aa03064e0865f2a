"""Two views (issue 21, point 3): territorial and GPC BASIC for the inventory, the BAU, pathways and targets.

GPC = territorial − grid-supplied generation in the province + electricity consumed × grid factor, per year; a
measure on generation cuts only the territorial view, an electricity measure (``scope2: true``) also cuts scope 2; a
target stated with ``view: gpc`` is checked on the GPC view whatever the report's view.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from analysis.data.provinces import get_registry
from analysis.emissions.bau import load_frozen_baselines
from analysis.emissions.views import (
    GRID,
    consumption_shares,
    gpc_baseline,
    grid_factor_path,
    inventory_in_view,
    place_scope2,
)
from analysis.errors import InputError
from analysis.run import build_run

BRVT = "Bà Rịa – Vũng Tàu"


def _row(b, sector):
    return b.emissions[b.sectors.index(sector)] if sector in b.sectors else np.zeros(len(b.years))


def test__consumption_proxy__provinces_add_up_to_the_cited_national_total_and_is_labelled():
    year, table, method = consumption_shares()
    assert year == 2023 and len(table) == 63
    assert table.to_numpy().sum() == pytest.approx(253.05e6, rel=1e-9)  # MWh, EVN via VNS 10/10/2024
    assert (table.sum(axis=1) > 0).all()
    assert method.startswith("proxy") and "EVN" in method and "253.05" in method


def test__identity__gpc_is_territorial_minus_generation_plus_consumption_times_factor_for_every_province():
    names = tuple(consumption_shares()[1].index)  # the 63 provinces of 2024
    _, baselines, _ = load_frozen_baselines(names)
    for name, territorial in baselines.items():
        gpc = gpc_baseline(territorial)
        s2 = place_scope2({name: territorial}, territorial.years)
        factor, _ = grid_factor_path(territorial.years)
        assert np.allclose(s2.grid_factor, factor)
        expected = territorial.net() - _row(territorial, GRID) + s2.mwh * factor
        assert np.allclose(gpc.net(), expected, rtol=1e-12, atol=1e-6), name
        assert gpc.is_estimate and "scope 2" in gpc.estimate_note and "proxy" in gpc.estimate_note
        others = [s for s in territorial.sectors if s != GRID]
        assert all(np.array_equal(_row(gpc, s), _row(territorial, s)) for s in others), name


def test__gpc_inputs__reproduce_the_gpc_baseline_so_the_monte_carlo_draws_around_it():
    from analysis.emissions.montecarlo import compute_central_bau

    for place in (BRVT, "TP. Hồ Chí Minh"):  # a province and a 2025 unit (the sum of three provinces)
        ctx = build_run(province=place, n_draws=0, view="gpc")
        central = compute_central_bau(ctx.baseline.inputs)
        assert np.allclose(central, ctx.baseline.emissions, rtol=1e-9, atol=1e-3), place


def test__unit_scope2__is_the_sum_of_its_2024_provinces():
    ctx = build_run(province="TP. Hồ Chí Minh", map=2025, n_draws=0, view="gpc")
    assert ctx.is_unit
    parts = [place_scope2({c: ctx.baselines[c]}, ctx.baseline.years) for c in ctx.constituents]
    whole = place_scope2({c: ctx.baselines[c] for c in ctx.constituents}, ctx.baseline.years)
    assert np.allclose(whole.mwh, sum(p.mwh for p in parts))
    t = ctx.territorial_baseline
    expected = t.net() - _row(t, GRID) + whole.tco2e
    assert np.allclose(ctx.baseline.net(), expected, rtol=1e-9)


def test__measures__generation_cuts_territorial_only_electricity_use_also_cuts_scope2():
    territorial = build_run(province=BRVT, map=2024, n_draws=0)
    gpc = build_run(province=BRVT, map=2024, n_draws=0, view="gpc")
    year = 2030
    t_idx = territorial.baseline.year_index(year)
    measures = {m.id: i for i, m in enumerate(gpc.main.measures)}
    g = gpc.main.sectors.index(GRID)
    # renewable_power: a fuel switch on Energy|Power (generation in the province), no scope2
    renewable = measures["renewable_power"]
    assert territorial.main.abatement[renewable, :, t_idx].sum() > 0
    assert gpc.main.abatement[renewable, :, t_idx].sum() == 0
    # energy_efficiency: scope2: true — in the GPC view it cuts scope 2 by its share as well
    eff = gpc.main.measures[measures["energy_efficiency"]]
    assert eff.scope2 and GRID in eff.sectors
    assert gpc.main.abatement[measures["energy_efficiency"], g, t_idx] > 0
    assert territorial.main.abatement[measures["energy_efficiency"], g, t_idx] == 0


TARGET = """format: 2
provinces: any
map: 2024
description: a GPC-view target and a territorial one (test)
headline: [gpc_8pct_2030]
targets:
- id: gpc_8pct_2030
  label: {{vi: "Giảm 8% so với BAU năm 2030 (GPC)", en: "8% below BAU in 2030 (GPC)"}}
  kind: percent_below_bau
  year: 2030
  percent: 8
  view: {view}
  assumption: test target
"""


@pytest.mark.parametrize("run_view", ["territorial", "gpc"])
@pytest.mark.parametrize("target_view", ["territorial", "gpc"])
def test__target_view__checked_on_its_own_view_whatever_the_report_view(tmp_path, run_view, target_view):
    path = tmp_path / "t.yaml"
    path.write_text(TARGET.format(view=target_view), encoding="utf-8")
    ctx = build_run(province=BRVT, map=2024, targets_file=str(path), n_draws=200, view=run_view)
    row = ctx.evaluate().set_index("target_id").loc["gpc_8pct_2030"]
    on = build_run(province=BRVT, map=2024, targets_file=str(path), n_draws=0, view=target_view)
    i = on.baseline.year_index(2030)
    assert row["view"] == target_view
    assert row["bau_mtco2e"] == pytest.approx(on.baseline.net()[i] / 1e6)
    assert row["achieved_mtco2e"] == pytest.approx(on.main.net()[i] / 1e6)
    assert row["required_mtco2e"] == pytest.approx(0.92 * on.baseline.net()[i] / 1e6)
    p = ctx.monte_carlo.probability_met(ctx.main.name, "gpc_8pct_2030")
    assert p is not None and 0 <= p <= 1


def test__views_differ__gpc_bau_of_a_province_without_plants_is_higher():
    hn_t = build_run(province="Hà Nội", map=2024, n_draws=0)
    hn_g = build_run(province="Hà Nội", map=2024, n_draws=0, view="gpc")
    assert _row(hn_t.baseline, GRID).sum() == 0
    assert (hn_g.baseline.net() > hn_t.baseline.net()).all()  # Hà Nội imports its electricity


def test__inventory_in_view__identity_for_every_2025_unit_and_missing_years_are_errors():
    from analysis.inventory import NATIONAL, NOT_ALLOCATED, estimate_inventory

    table = estimate_inventory(2023, "all", admin_map=2025)
    gpc = inventory_in_view(table, 2023, "gpc", 2025)
    _, shares, _ = consumption_shares(2023)
    factor = grid_factor_path([2023])[0][0]
    reg = get_registry()
    regional = ~table["province"].isin([NATIONAL, NOT_ALLOCATED])
    for unit in table.loc[regional, "province"].unique():
        t = table[table["province"] == unit]
        g = gpc[gpc["province"] == unit]
        mwh = sum(shares.loc[c].sum() for c in reg.locate(unit, 2025).constituents)
        expected = t["value"].sum() - t.loc[t["sector"] == GRID, "value"].sum() + mwh * factor
        assert g["value"].sum() == pytest.approx(expected, rel=1e-9), unit
        assert (g["view"] == "gpc").all()
    nation = gpc[gpc["province"] == NATIONAL]
    assert (nation["view"] == "territorial").all()
    with pytest.raises(InputError, match="electricity_sales.csv.*2019|2019.*missing"):
        inventory_in_view(estimate_inventory(2019, "Hà Nội", admin_map=2024), 2019, "gpc", 2024)


def test__bad_sales_file__error_names_file_and_column(tmp_path, monkeypatch):
    from analysis.data import factors
    from analysis.emissions import views

    bad = tmp_path / "electricity_sales.csv"
    text = (factors.paths.PROJECT_ROOT / "data/raw/national/electricity_sales.csv").read_text(encoding="utf-8")
    bad.write_text(text.replace(",54.9,%,", ",94.9,%,"), encoding="utf-8")
    real = factors.load_electricity_sales
    monkeypatch.setattr(factors, "load_electricity_sales", lambda path=None: real(bad))
    views.consumption_shares.cache_clear()
    try:
        with pytest.raises(InputError) as err:
            views.consumption_shares()
        text = str(err.value)
        assert "electricity_sales.csv" in text and "value" in text and "more than 100" in text
    finally:
        views.consumption_shares.cache_clear()


def test__cli__pathways_and_downscale_with_view_in_a_subprocess(tmp_path):
    out = tmp_path / "p.csv"
    run = subprocess.run(
        [sys.executable, "-m", "analysis", "pathways", "--province", "Hà Nội", "--view", "gpc", "--draws", "0",
         "--out", str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "view: gpc" in run.stdout and pd.read_csv(out)["region"].eq("Hà Nội").all()
    inv = tmp_path / "d.csv"
    run = subprocess.run(
        [sys.executable, "-m", "analysis", "downscale", "--province", "Hà Nội", "--map", "2024", "--year", "2023",
         "--view", "gpc", "--out", str(inv)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    table = pd.read_csv(inv)
    assert (table["view"] == "gpc").all() and table.loc[table["sector"] == GRID, "value"].iloc[0] > 0


@pytest.mark.slow
@pytest.mark.parametrize("view", ["territorial", "gpc"])
def test__pathways_view__works_for_every_2024_province_and_every_2025_unit(tmp_path, capsys, view):
    from analysis.cli import main

    reg = get_registry()
    places = [(p, 2024) for p in consumption_shares()[1].index] + [
        (u, 2025) for u in table_units(reg)
    ]  # fmt: skip
    assert len(places) == 63 + 34
    for name, admin_map in places:
        out = tmp_path / "p.csv"
        code = main(["pathways", "--province", name, "--map", str(admin_map), "--view", view, "--draws", "200",
                     "--out", str(out)])  # fmt: skip
        assert code == 0, (name, admin_map, capsys.readouterr().err[-2000:])
        assert f"view: {view}" in capsys.readouterr().out


def table_units(reg) -> list[str]:
    from analysis.inventory import NATIONAL, NOT_ALLOCATED, estimate_inventory

    table = estimate_inventory(2023, "all", admin_map=2025)
    return [u for u in table["province"].unique() if u not in (NATIONAL, NOT_ALLOCATED)]


def test__pathways_cli__gpc_names_the_scope2_variable_and_the_view_in_meta(tmp_path, capsys):
    from analysis.cli import main
    from analysis.emissions.iamc import check_iamc_aggregates
    from analysis.emissions.views import SCOPE2_VARIABLE

    out = tmp_path / "p.xlsx"
    assert main(["pathways", "--province", BRVT, "--map", "2024", "--view", "gpc", "--out", str(out)]) == 0
    sheets = pd.read_excel(out, sheet_name=None)
    data = sheets["data"]
    assert SCOPE2_VARIABLE in set(data["variable"]) and "Emissions|Kyoto Gases|Energy|Power" not in set(
        data["variable"]
    )
    assert check_iamc_aggregates(data).empty
    assert sheets["meta"].set_index("key")["value"]["view"] == "gpc"
    assert "view: gpc" in capsys.readouterr().out


def test__facts__say_the_view_and_are_kept_apart_by_it():
    from analysis.run.facts import facts_for

    territorial = facts_for(build_run(province=BRVT, map=2024, n_draws=0), cache=False)
    gpc = facts_for(build_run(province=BRVT, map=2024, n_draws=0, view="gpc"), cache=False)
    assert territorial.view == "territorial" and gpc.view == "gpc"
    assert territorial.key != gpc.key and gpc.bau.stated != territorial.bau.stated


def test__scenario_file__scope2_must_be_true_or_false_and_the_error_names_the_key(tmp_path):
    from analysis.emissions.scenarios import load_scenarios

    bad = tmp_path / "s.yaml"
    bad.write_text(
        "format: 2\nprovinces: any\nmain: a\nscenarios:\n  bau:\n    measures: []\n  a:\n    measures:\n"
        "    - id: m\n      sectors: [Energy|Power]\n      kind: percent\n      percent: 5\n      scope2: maybe\n"
        "      start_year: 2025\n      full_effect_year: 2030\n      assumption: test\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        load_scenarios(bad)
    assert "scope2" in str(err.value) and "s.yaml" in str(err.value)


def test__load_baseline__gives_the_same_gpc_bau_as_the_full_run():
    from analysis.run.context import load_baseline

    for place in ("Hà Nội", "TP. Hồ Chí Minh"):
        base = load_baseline(province=place, view="gpc")
        run = build_run(province=place, view="gpc", n_draws=0)
        assert base.view == "gpc" and np.allclose(base.baseline.emissions, run.baseline.emissions)
        assert np.allclose(base.territorial_baseline.emissions, run.territorial_baseline.emissions)


def test__identity__for_every_2025_unit_bau():
    from analysis.run.context import load_baseline

    units = table_units(get_registry())
    assert len(units) == 34
    for unit in units:
        base = load_baseline(province=unit, map=2025, view="gpc")
        t, years = base.territorial_baseline, base.baseline.years
        mwh = sum(place_scope2({c: base.baselines[c]}, years).mwh for c in base.constituents)
        factor, _ = grid_factor_path(years)
        expected = t.net() - _row(t, GRID) + mwh * factor
        assert np.allclose(base.baseline.net(), expected, rtol=1e-9, atol=1e-3), unit


@pytest.mark.parametrize("lang", ["vi", "en"])
def test__page_one__a_target_in_the_other_view_is_stated_with_its_own_figures(lang):
    """A GPC report of Hà Nội printed 'net emissions 51.0 Mt (GPC) … against the 33.2 Mt allowed (territorial), a
    surplus of 0.01 Mt': one sentence, two views. The target's view now gives every figure of that sentence."""
    from analysis.i18n import t
    from analysis.narrative import decision
    from analysis.run.facts import facts_for

    run = build_run(province="Hà Nội", view="gpc", n_draws=300, seed=7)
    facts = facts_for(run)
    head = facts.headline
    assert head.view == "territorial" != facts.view
    text = " ".join(decision.describe_verdict(facts, lang))
    key = f"targets.{head.id}"
    assert f'data-fact="{key}.achieved"' in text and f'data-fact="{key}.bau"' in text
    assert 'data-fact="scenario.stated"' not in text and 'data-fact="scenario.median"' not in text
    assert t("view_name_territorial", lang) in text
    assert abs(head.achieved - head.required - head.gap.stated) < 1e-9
