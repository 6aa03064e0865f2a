"""Scenario files: validation with located errors, inheritance (override, remove), loops, YAML safety."""

from __future__ import annotations

import numpy as np
import pytest
from pathways_fixtures import SCENARIO_YAML

from analysis.emissions.measures import compute_ramp
from analysis.emissions.scenarios import load_scenarios
from analysis.errors import InputError


def _issues(exc: pytest.ExceptionInfo) -> str:
    return "\n".join(str(i) for i in exc.value.issues)


def test__load_scenarios__inherits_overrides_and_removes(write):
    """deep inherits plan (cut_a, cut_b), removes cut_b, overrides cut_a's percent and adds a sink."""
    ss = load_scenarios(write("s.yaml", SCENARIO_YAML))
    assert ss.province == "Bà Rịa – Vũng Tàu"
    assert [m.id for m in ss["plan"].measures] == ["cut_a", "cut_b"]
    deep = {m.id: m for m in ss["deep"].measures}
    assert list(deep) == ["cut_a", "sink"]
    assert deep["cut_a"].magnitude == pytest.approx(0.5)
    assert deep["cut_a"].start_year == 2021  # inherited key kept
    assert ss["plan"].measures[1].sectors[0].startswith("Energy|")  # group "Energy" expanded


def test__load_scenarios__unknown_key_names_file_key_and_suggestion(write):
    old = "full_effect_year: 2021\n        assumption: test\n        cost: {usd_per_tco2e: 5"
    path = write("bad.yaml", SCENARIO_YAML.replace(old, old.replace("full_effect", "full_efect")))
    with pytest.raises(InputError) as exc:
        load_scenarios(path)
    text = _issues(exc)
    assert "bad.yaml" in text
    assert "scenarios.plan.measures[0].full_efect_year" in text
    assert "did you mean 'full_effect_year'" in text


def test__load_scenarios__bad_number_is_located(write):
    path = write("bad.yaml", SCENARIO_YAML.replace("start_year: 2030", "start_year: soon"))
    with pytest.raises(InputError) as exc:
        load_scenarios(path)
    assert "scenarios.deep.measures[1].start_year" in _issues(exc)


def test__load_scenarios__unknown_sector(write):
    with pytest.raises(InputError) as exc:
        load_scenarios(write("bad.yaml", SCENARIO_YAML.replace("sectors: [Energy|Power]", "sectors: [Energy|Powr]")))
    assert "did you mean 'Energy|Power'" in _issues(exc)


def test__load_scenarios__parent_loop_is_an_error(write):
    text = SCENARIO_YAML.replace("  bau:\n    measures: []", "  bau:\n    parent: deep\n    measures: []")
    with pytest.raises(InputError) as exc:
        load_scenarios(write("loop.yaml", text))
    assert "loops" in _issues(exc)


def test__load_scenarios__unknown_parent(write):
    with pytest.raises(InputError) as exc:
        load_scenarios(write("p.yaml", SCENARIO_YAML.replace("parent: plan", "parent: plam")))
    assert "did you mean 'plan'" in _issues(exc)


def test__load_scenarios__number_without_source_or_assumption(write):
    with pytest.raises(InputError) as exc:
        text = SCENARIO_YAML.replace(
            "        assumption: test\n        cost: {usd_per_tco2e: 5", "        cost: {usd_per_tco2e: 5"
        )
        load_scenarios(write("c.yaml", text))
    assert "cited or labelled" in _issues(exc)


def test__load_scenarios__refuses_aliases(write):
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: [*b,*b]\nscenarios: {}\n'
    with pytest.raises(InputError) as exc:
        load_scenarios(write("bomb.yaml", bomb))
    assert "aliases" in _issues(exc)


def test__load_scenarios__refuses_python_tags(write):
    with pytest.raises(InputError) as exc:
        load_scenarios(write("tag.yaml", "scenarios: !!python/object/apply:os.system ['echo hi']\n"))
    assert "not valid YAML" in _issues(exc)


def test__load_scenarios__invalid_yaml_has_row(write):
    with pytest.raises(InputError) as exc:
        load_scenarios(write("broken.yaml", "scenarios:\n  bau: [\n"))
    assert exc.value.issues[0].row is not None


def test__load_scenarios__unknown_province(write):
    with pytest.raises(InputError) as exc:
        load_scenarios(write("p.yaml", SCENARIO_YAML.replace("provinces: [BRVT]", "provinces: [Atlantis]")))
    assert "province" in _issues(exc)


def test__compute_ramp__linear_and_s_curve():
    years = np.arange(2020, 2031)
    lin = compute_ramp(years, 2021, 2030, "linear")
    s = compute_ramp(years, 2021, 2030, "s_curve")
    assert lin[0] == 0 and lin[1] == pytest.approx(0.1) and lin[-1] == 1
    assert s[0] == 0 and s[-1] == 1 and s[1] < lin[1]
    assert np.all(np.diff(s) >= 0)


def test__load_scenarios__duplicate_measure_id_in_one_scenario(write):
    text = SCENARIO_YAML.replace("      - id: cut_b", "      - id: cut_a")
    with pytest.raises(InputError) as exc:
        load_scenarios(write("d.yaml", text))
    assert "scenarios.plan.measures[1].id" in _issues(exc) and "used twice" in _issues(exc)
