"""The pathway explorer: its numbers are the engine's, a saved scenario reproduces them, and it loads back."""

from __future__ import annotations

import re

import numpy as np
import pytest
import yaml

from analysis.cli import main
from analysis.emissions.montecarlo import run_monte_carlo
from analysis.emissions.scenarios import load_scenarios
from analysis.explore import ExplorerModel, LeverState
from analysis.explore.document import write_document
from analysis.explore.levers import apply_growth, growth_levers
from analysis.explore.quick import quick_monte_carlo
from analysis.i18n import fmt_mt, fmt_number
from analysis.run import build_run

BRVT = "Bà Rịa – Vũng Tàu"
SEED = 20_300

# A user's file outside the project with one measure of every kind (absolute and intensity are in no shipped file).
EVERY_KIND = f"""
provinces: [{BRVT}]
main: plan
bau_uncertainty:
  driver_growth: {{dist: normal, mean: 0.0, sd: 0.01, assumption: test spread}}
scenarios:
  bau: {{measures: []}}
  plan:
    parent: bau
    label: {{vi: Kế hoạch thử, en: Test plan}}
    measures:
      - {{id: eff, name: {{vi: Hiệu quả, en: Efficiency}}, sectors: [Energy|Transport], kind: percent, percent: 40,
         start_year: 2025, full_effect_year: 2030, source: a cited programme,
         uncertainty: {{effectiveness: {{dist: uniform, low: 0.5, high: 1.2, assumption: delivery}}}}}}
      - {{id: cap, sectors: [IPPU], kind: absolute, tco2e_per_year: 250000, start_year: 2026, full_effect_year: 2030,
         assumption: a plant closure}}
      - {{id: tech, sectors: [Energy|Manufacturing and Construction], kind: intensity, percent_per_year: -2,
         start_year: 2025, full_effect_year: 2040, assumption: technology}}
      - {{id: gas, sectors: [Energy|Power], kind: fuel_switch, share_percent: 30, ef_from: 77400, ef_to: 56100,
         start_year: 2025, full_effect_year: 2035, ramp: s_curve, source: IPCC 2006,
         uncertainty: {{emission_factor: {{dist: triangular, low: 0.9, mode: 1.0, high: 1.2, assumption: LNG}}}}}}
      - {{id: capture, sectors: [Energy|Fugitive], kind: ccs, capture_rate_percent: 90, coverage_percent: 40,
         start_year: 2028, full_effect_year: 2035, assumption: a CCS hub}}
      - {{id: trees, sectors: [LULUCF], kind: removals, tco2e_per_year: 40000, start_year: 2025,
         full_effect_year: 2030, assumption: planting}}
"""


@pytest.fixture(scope="module")
def brvt():
    return ExplorerModel(build_run(province=BRVT, n_draws=0, lang="en"), n_draws=2000, seed=SEED)


@pytest.fixture(scope="module")
def every_kind(tmp_path_factory):
    path = tmp_path_factory.mktemp("user") / "my plan.yaml"
    path.write_text(EVERY_KIND, encoding="utf-8")
    return ExplorerModel(
        build_run(province=BRVT, scenario_file=str(path), n_draws=0, lang="vi"), n_draws=2000, seed=SEED
    )


def _moved(model: ExplorerModel) -> LeverState:
    """Every measure moved: sizes at 130 % (or the highest level allowed), one in four also shifted in time."""
    state = LeverState(scenario=model.scenario.name)
    for i, lever in enumerate(model.levers):
        state.sizes[lever.id] = lever.value_at(min(130, lever.max_level) if i % 2 == 0 else 60)
        if i % 4 == 1:
            start, full = lever.years
            state.years[lever.id] = (start + 1, full + 2)
    return state


def _save(model: ExplorerModel, state: LeverState, path) -> None:
    write_document(model.saved_document(state), path, province=model.run.province)


def test__levers__one_per_measure_with_the_file_size_key_and_value(every_kind):
    levers = {lv.id: lv for lv in every_kind.levers}
    assert {k: (lv.key, lv.nominal) for k, lv in levers.items()} == {
        "eff": ("percent", 40.0),
        "cap": ("tco2e_per_year", 250000.0),
        "tech": ("percent_per_year", -2.0),
        "gas": ("share_percent", 30.0),
        "capture": ("coverage_percent", 40.0),
        "trees": ("tco2e_per_year", 40000.0),
    }
    # a share cannot pass 100 % and an intensity rate 50 %/yr: the highest level says so
    assert levers["eff"].max_level == 150 and levers["capture"].max_level == 150
    assert levers["tech"].years == (2025, 2040)


def test__quick_monte_carlo__equals_the_engine_for_the_same_set_seed_and_draws(brvt):
    run = brvt.run
    scenario_set, target = run.scenario_set, brvt.target()
    engine = run_monte_carlo(run.baseline.inputs, scenario_set, [target], 2000, seed=SEED)
    for name in ("action_plan_2030", "net_zero_2050"):
        quick = quick_monte_carlo(run.baseline.inputs, scenario_set, name, target, 2000, seed=SEED)
        p = engine.probabilities
        assert quick.probability_met == p[(p.scenario == name) & (p.target_id == target.id)].probability_met.iloc[0]
        band = engine.percentiles.query("scenario == @name and variable == 'net'")
        assert np.allclose(quick.low / 1e6, band["p5"]) and np.allclose(quick.high / 1e6, band["p95"])


def test__compute__unchanged_levers_give_the_run_s_own_numbers(brvt):
    view = brvt.compute()
    run = brvt.run
    assert np.array_equal(view.pathway.net(), run.main.net())
    assert view.row["gap_mtco2e"] == run.headline_row()["gap_mtco2e"]
    assert view.below_bau_pct == run.percent_below_bau()
    assert view.changed == [] and not view.growth_changed


def test__compute__the_file_s_values_are_drawn_once_for_both_languages(brvt, tmp_path, monkeypatch):
    """A report of the explorer shows the file's values in each language: the second reads the first one's draws
    (kept on disk under the run's facts key), the same numbers to the last bit; moved levers are drawn afresh."""
    from analysis.explore import model as explorer_model
    from analysis.explore import quick

    monkeypatch.setattr(quick, "KEPT_DIR", tmp_path)
    first = brvt.compute()
    run, target = brvt.run, brvt.target()
    fresh = quick_monte_carlo(run.baseline.inputs, brvt.scenario_set(), brvt.variant, target, 2000, seed=SEED)
    assert first.mc.probability_met == fresh.probability_met
    assert np.array_equal(first.mc.low, fresh.low) and np.array_equal(first.mc.high, fresh.high)
    assert len(list(tmp_path.glob("*.json"))) == 1

    def drawn(*args, **kwargs):
        raise AssertionError("drawn again")

    other = ExplorerModel(build_run(province=BRVT, n_draws=0, lang="vi"), n_draws=2000, seed=SEED)
    monkeypatch.setattr(explorer_model, "quick_monte_carlo", drawn)
    again = other.compute()
    assert again.mc.probability_met == first.mc.probability_met
    assert np.array_equal(again.mc.low, first.mc.low) and np.array_equal(again.mc.high, first.mc.high)
    with pytest.raises(AssertionError, match="drawn again"):
        other.compute(_moved(other))  # levers moved: not the file's values
    with pytest.raises(AssertionError, match="drawn again"):  # other draws: another key
        ExplorerModel(other.run, n_draws=1000, seed=SEED).compute()


@pytest.mark.parametrize("which", ["brvt", "every_kind"])
def test__saved_scenario__the_engine_gives_the_explorer_s_numbers(which, request, tmp_path):
    model = request.getfixturevalue(which)
    state = _moved(model)
    view = model.compute(state)
    assert view.changed == [lv.id for lv in model.levers]
    path = tmp_path / "saved.yaml"
    _save(model, state, path)
    ctx = build_run(province=BRVT, scenario_file=str(path), n_draws=2000, seed=SEED, lang=model.lang)
    assert ctx.main.name == model.variant and ctx.scenario_set.provinces == (BRVT,)
    assert np.array_equal(ctx.main.net(), view.pathway.net())
    assert np.array_equal(ctx.main.emissions, view.pathway.emissions)
    row = ctx.evaluate(ctx.main).set_index("target_id").loc[view.target.id]
    assert row["gap_mtco2e"] == view.row["gap_mtco2e"] and row["met"] == view.row["met"]
    assert ctx.percent_below_bau(ctx.main, view.target.year) == view.below_bau_pct
    p = ctx.monte_carlo.probabilities
    assert (
        p[(p.scenario == ctx.main.name) & (p.target_id == view.target.id)].probability_met.iloc[0]
        == view.mc.probability_met
    )
    # and the explored scenario itself is untouched in the saved file
    assert np.array_equal(ctx.pathways[model.scenario.name].net(), view.nominal.net())


def test__saved_scenario__parent_changed_values_only_and_explorer_notes(brvt, tmp_path):
    state = LeverState(
        scenario="action_plan_2030", sizes={"energy_efficiency": 9.1}, years={"renewable_power": (2026, 2032)}
    )
    path = tmp_path / "saved.yaml"
    _save(brvt, state, path)
    entry = yaml.safe_load(path.read_text(encoding="utf-8"))["scenarios"][brvt.variant]
    assert entry["parent"] == "action_plan_2030"
    by_id = {m["id"]: m for m in entry["measures"]}
    assert set(by_id) == {"energy_efficiency", "renewable_power"}
    assert set(by_id["energy_efficiency"]) == {"id", "percent", "source", "assumption"}
    assert by_id["energy_efficiency"]["percent"] == 9.1 and by_id["energy_efficiency"]["source"] is None
    assert set(by_id["renewable_power"]) == {"id", "start_year", "full_effect_year", "source", "assumption"}
    note = by_id["energy_efficiency"]["assumption"]
    assert re.search(r"set in the explorer .* on \d{4}-\d\d-\d\d: percent 6.6305 → 9.1 \(137 %", note)
    assert "Decision 280/QĐ-TTg" in note  # the parent's source is carried into the note
    loaded = load_scenarios(path)
    variant = loaded[brvt.variant]
    assert loaded.main == loaded.long_term == brvt.variant
    assert variant.measures[0].basis.startswith("assumption: set in the explorer")
    assert [m.id for m in variant.measures] == [m.id for m in loaded["action_plan_2030"].measures]


def test__netzero_pathways__prints_the_numbers_the_explorer_showed(brvt, tmp_path, capsys):
    state = LeverState(scenario="action_plan_2030", sizes={"energy_efficiency": 4.9, "forest_protection": 60000.0})
    view = brvt.compute(state)
    path = tmp_path / "saved.yaml"
    _save(brvt, state, path)
    code = main(
        [
            "pathways",
            "--province",
            "BRVT",
            "--scenario-file",
            str(path),
            "--draws",
            "2000",
            "--out",
            str(tmp_path / "out.csv"),
        ]
    )
    assert code == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if brvt.variant in x and f" {view.target.id} " in x)
    assert f"gap {fmt_number(view.row['gap_mtco2e'], 'en', 2, sign=True)} Mt" in line
    assert f"P(met) = {round(100 * view.mc.probability_met)}%" in line


def test__load_back__levers_where_they_were_saved(every_kind, tmp_path):
    state = _moved(every_kind)
    view = every_kind.compute(state)
    path = tmp_path / "saved.yaml"
    _save(every_kind, state, path)
    again = ExplorerModel(
        build_run(province=BRVT, scenario_file=str(path), n_draws=0, lang="vi"), n_draws=2000, seed=SEED, restore=True
    )
    assert again.scenario.name == "plan" and again.variant == every_kind.variant
    assert again.state.sizes == state.sizes and again.state.years == state.years
    reloaded = again.compute()
    assert np.array_equal(reloaded.pathway.net(), view.pathway.net())
    assert reloaded.mc.probability_met == view.mc.probability_met


def test__growth_levers__central_is_the_frozen_bau_and_low_growth_lowers_it(brvt):
    run = brvt.run
    levers = growth_levers(run)
    profile = run.profiles[BRVT]
    assert {lv.driver for lv in levers} == set(profile.sector_drivers.values()) - {"none"}
    first = next(lv for lv in levers if lv.driver == "gdp" and lv.first == run.baseline.base_year + 1)
    assert first.central == pytest.approx(profile.growth["gdp"][0][2]) and first.last == 2030
    # the profile gives its range (the province's plan: 8.1–8.6 %/yr)
    assert first.range_given and (first.low, first.high) == pytest.approx(profile.growth_range["gdp"][0])
    central = LeverState(scenario="action_plan_2030", growth={lv.key: lv.central for lv in levers})
    assert apply_growth(run.baseline.inputs, levers, central, run.constituents) is None
    low = LeverState(scenario="action_plan_2030", growth={lv.key: lv.low for lv in levers})
    view = brvt.compute(low)
    k = run.baseline.year_index(2030)
    assert view.growth_changed and view.pathway.baseline.net()[k] < run.baseline.net()[k]
    # targets below BAU are measured against the BAU the levers give (as after re-basing)
    assert view.row["bau_mtco2e"] == pytest.approx(view.pathway.baseline.net()[k] / 1e6)


def test__growth_levers__take_the_profile_s_range_where_given(brvt, monkeypatch):
    run = brvt.run
    profile = run.profiles[BRVT]
    ranges = {d: [(r - 0.02, r + 0.005) for _, _, r in periods] for d, periods in profile.growth.items()}
    monkeypatch.setattr(profile, "growth_range", ranges)
    lever = next(lv for lv in growth_levers(run) if lv.driver == "population")
    rate = profile.growth["population"][0][2]
    assert lever.range_given and (lever.low, lever.high) == pytest.approx((rate - 0.02, rate + 0.005))


def test__other_provinces__national_set_and_a_2025_unit_with_their_own_numbers(tmp_path):
    dong_nai = ExplorerModel(build_run(province="Đồng Nai", n_draws=0, lang="vi"), n_draws=500)
    assert dong_nai.run.scenario_origin == "national"
    assert not {lv.id for lv in dong_nai.levers} & {"solid_waste_sakai", "ccs_phu_my", "forest_protection"}
    state = _moved(dong_nai)
    view = dong_nai.compute(state)
    _save(dong_nai, state, tmp_path / "dn.yaml")
    ctx = build_run(province="Đồng Nai", scenario_file=str(tmp_path / "dn.yaml"), n_draws=0)
    assert ctx.scenario_set.provinces == ("Đồng Nai",) and np.array_equal(ctx.main.net(), view.pathway.net())

    unit = ExplorerModel(build_run(province="TP. Hồ Chí Minh", map=2025, n_draws=0, lang="en"), n_draws=500)
    provinces = {lv.province for lv in unit.growth_levers}
    assert provinces == set(unit.run.constituents) and len(provinces) == 3
    assert all(tg.origin != "inherited" for tg in unit.targets)
    lever = unit.growth_levers[0]
    moved = unit.compute(LeverState(scenario=unit.scenario.name, growth={lever.key: lever.high}))
    assert moved.growth_changed and moved.pathway.baseline.net()[-1] > unit.run.baseline.net()[-1]


@pytest.mark.slow
def test__saved_scenario__a_batch_runs_it_and_reports_its_numbers(brvt, tmp_path, capsys):
    state = LeverState(scenario="action_plan_2030", sizes={"solid_waste_sakai": 45.0})
    view = brvt.compute(state)
    saved = tmp_path / "saved.yaml"
    _save(brvt, state, saved)
    batch = tmp_path / "batch.yaml"
    batch.write_text(
        yaml.safe_dump(
            {
                "name": "explored",
                "notebooks": ["02_mitigation_pathways"],
                "matrix": {"province": [BRVT], "lang": ["en"]},
                "parameters": {"scenario_file": str(saved), "n_draws": 300},
                "formats": ["html"],
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    assert main(["batch", str(batch), "--out", str(tmp_path / "reports"), "--quiet"]) == 0
    report = next((tmp_path / "reports" / "explored").rglob("02_mitigation_pathways.html")).read_text("utf-8")
    assert "Action plan 2030 — explorer variant" in report
    achieved = f">{fmt_mt(view.row['achieved_mtco2e'], 'en')}<"  # the targets table prints Mt as every report
    assert any("explorer variant" in row and achieved in row for row in report.split("<tr")), achieved


def test__saved_growth__runs_re_project_the_bau_to_the_explorer_s_numbers_and_it_loads_back(brvt, tmp_path, capsys):
    from analysis.narrative.run import describe_warnings

    gdp = next(lv for lv in brvt.growth_levers if lv.driver == "gdp")
    industry = next(lv for lv in brvt.growth_levers if lv.driver != "gdp" and lv.first == gdp.first)
    state = LeverState(
        scenario="action_plan_2030",
        sizes={"energy_efficiency": 8.2},
        growth={gdp.key: gdp.low, industry.key: industry.high},
    )
    view = brvt.compute(state)
    assert view.growth_changed
    path = tmp_path / "with growth.yaml"
    _save(brvt, state, path)
    saved = yaml.safe_load(path.read_text(encoding="utf-8"))["bau_growth"]
    assert {(g["driver"], tuple(g["years"])) for g in saved} == {
        (gdp.driver, (gdp.first, gdp.last)),
        (industry.driver, (industry.first, industry.last)),
    }
    assert all(g["assumption"].startswith("set in the explorer") for g in saved)

    ctx = build_run(province=BRVT, scenario_file=str(path), n_draws=2000, seed=SEED, lang="en")
    assert ctx.frozen_baseline is not None and not np.array_equal(ctx.baseline.net(), ctx.frozen_baseline.net())
    np.testing.assert_allclose(ctx.baseline.net(), view.pathway.baseline.net(), rtol=1e-9)
    np.testing.assert_allclose(ctx.main.net(), view.pathway.net(), rtol=1e-9)
    row = ctx.evaluate(ctx.main).set_index("target_id").loc[view.target.id]
    assert row["gap_mtco2e"] == pytest.approx(view.row["gap_mtco2e"], abs=1e-9)
    assert ctx.percent_below_bau(ctx.main, view.target.year) == pytest.approx(view.below_bau_pct)
    words = " ".join(describe_warnings(ctx, "vi"))
    assert "BAU được tính lại" in words and "%/năm" in words

    assert main(["pathways", "--province", "BRVT", "--scenario-file", str(path), "--out", str(tmp_path / "o.csv")]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if brvt.variant in x and f" {view.target.id} " in x)
    assert f"gap {fmt_number(view.row['gap_mtco2e'], 'en', 2, sign=True)} Mt" in line

    back = ExplorerModel(ctx, n_draws=2000, seed=SEED, restore=True)
    assert back.frozen is ctx.frozen_baseline  # the levers move the frozen BAU, starting at the file's rates
    assert back.state.growth == pytest.approx({gdp.key: gdp.low, industry.key: industry.high})
    again = back.compute()
    np.testing.assert_allclose(again.pathway.net(), view.pathway.net(), rtol=1e-9)


@pytest.mark.parametrize(
    "entry, found",
    [
        ("{driver: gdpp, years: [2024, 2030], percent_per_year: 3, assumption: x}", "did you mean 'gdp'"),
        ("{province: Đồng Nai, driver: gdp, years: [2024, 2030], percent_per_year: 3, assumption: x}", "Đồng Nai"),
        ("{driver: gdp, years: [2060, 2070], percent_per_year: 3, assumption: x}", "outside"),
        ("{driver: gdp, years: [2024, 2030], percent_per_year: 3}", "source"),
    ],
)
def test__bau_growth__a_bad_entry_is_a_located_error(tmp_path, entry, found):
    from analysis.errors import InputError
    from analysis.run.resolve import SCENARIOS_DIR

    shipped = (SCENARIOS_DIR / "ba-ria-vung-tau.yaml").read_text(encoding="utf-8")
    path = tmp_path / "bad.yaml"
    path.write_text(shipped + f"\nbau_growth:\n  - {entry}\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        build_run(province=BRVT, scenario_file=str(path), n_draws=0)
    message = str(err.value)
    assert found in message and "bau_growth" in message and "bad.yaml" in message


def test__view__mt_below_bau_is_the_engine_s_bau_less_the_pathway_in_the_target_s_year(brvt):
    view = brvt.compute(_moved(brvt))
    k = view.pathway.baseline.year_index(view.target.year)
    engine = (view.pathway.baseline.net()[k] - view.pathway.net()[k]) / 1e6
    assert view.below_bau_mt == pytest.approx(engine, rel=1e-9) and view.below_bau_mt > 0
