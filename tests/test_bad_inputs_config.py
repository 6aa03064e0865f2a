"""The bad-input corpus for configuration and parameters (YAML files and notebook parameters).

Every case goes through the real command line: exit code 1, a message naming the file and the key or
parameter, no traceback (unless --debug), nothing written, and an earlier output left unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from analysis import paths
from analysis.cli import main

SCENARIO_OK = (paths.CONFIG_DIR / "scenarios" / "ba-ria-vung-tau.yaml").read_text(encoding="utf-8")
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b]\n"
MEASURE = """
provinces: [BRVT]
main: plan
scenarios:
  bau: {measures: []}
  plan:
    parent: bau
    measures:
      - id: m1
        sectors: [Energy|Power]
        kind: percent
        percent: 10
        start_year: 2025
        full_effect_year: 2030
        assumption: test
"""


@dataclass(frozen=True)
class Case:
    name: str
    command: str  # "weights", "scenarios", "targets", "batch", "param"
    content: str
    expect: str  # text the error must contain
    argv: tuple[str, ...] = ()


CASES = [
    # --- weights (index) ---
    Case("weights: unknown indicator", "weights", "weights: {sub1: 1, sub2: 1, sub3: 1, sub5: 1}\n", "sub5"),
    Case("weights: negative weight", "weights", "weights: {sub1: -1, sub2: 1, sub3: 1, sub4: 1}\n", "sub1"),
    Case("weights: text weight", "weights", "weights: {sub1: one, sub2: 1, sub3: 1, sub4: 1}\n", "sub1"),
    Case("weights: unknown key", "weights", "wieghts: {sub1: 1}\n", "wieghts"),
    Case("weights: YAML alias bomb", "weights", BOMB, "alias"),
    Case("weights: not YAML", "weights", "weights: {sub1: [1, 2\n", "valid YAML"),
    Case("weights: python tag", "weights", "weights: !!python/object/apply:os.system ['echo hi']\n", "valid YAML"),
    # --- scenarios ---
    Case("scenarios: unknown measure key", "scenarios", MEASURE.replace("percent: 10", "percnt: 10"), "percnt"),
    Case(
        "scenarios: unknown sector", "scenarios", MEASURE.replace("Energy|Power", "Energy|Shipping"), "Energy|Shipping"
    ),
    Case(
        "scenarios: parent chain loops",
        "scenarios",
        MEASURE.replace("bau: {measures: []}", "bau: {parent: plan, measures: []}"),
        "loop",
    ),
    Case(
        "scenarios: full effect before start",
        "scenarios",
        MEASURE.replace("full_effect_year: 2030", "full_effect_year: 2020"),
        "full_effect_year",
    ),
    Case("scenarios: percent above 100", "scenarios", MEASURE.replace("percent: 10", "percent: 140"), "percent"),
    Case(
        "scenarios: number without a source", "scenarios", MEASURE.replace("        assumption: test\n", ""), "source"
    ),
    Case("scenarios: YAML alias bomb", "scenarios", BOMB, "alias"),
    Case("scenarios: empty file", "scenarios", "", "mapping"),
    Case(
        "scenarios: unknown province",
        "scenarios",
        MEASURE.replace("provinces: [BRVT]", "provinces: [Atlantis]"),
        "Atlantis",
    ),
    # --- targets ---
    Case(
        "targets: unknown kind",
        "targets",
        "provinces: any\ntargets:\n  - {id: t1, kind: percnt_below_bau, year: 2030, percent: 8, assumption: x}\n",
        "percnt_below_bau",
    ),
    Case(
        "targets: year out of range",
        "targets",
        "provinces: any\ntargets:\n  - {id: t1, kind: percent_below_bau, year: 1830, percent: 8, assumption: x}\n",
        "year",
    ),
    # --- batch ---
    Case("batch: unknown key", "batch", "name: b\nnotebooks: all\nlang: [vi]\n", "lang"),
    Case("batch: unknown notebook", "batch", "name: b\nnotebooks: [04_nothing]\n", "04_nothing"),
    Case("batch: unknown language", "batch", "name: b\nnotebooks: [00_summary]\nmatrix: {lang: [fr]}\n", "fr"),
    Case(
        "batch: unknown province",
        "batch",
        "name: b\nnotebooks: [00_summary]\nmatrix: {province: [Atlantis]}\n",
        "Atlantis",
    ),
    Case(
        "batch: an axis no notebook declares",
        "batch",
        "name: b\nnotebooks: [00_data_overview]\nmatrix: {scenario: [bau]}\n",
        "scenario",
    ),
    Case("batch: old key names the new form", "batch", "name: b\nnotebooks: all\nprovinces: [BRVT]\n", "matrix"),
    Case("batch: name escapes the reports folder", "batch", "name: ../../etc\nnotebooks: [00_summary]\n", "name"),
    Case("batch: alias bomb", "batch", BOMB, "alias"),
    # --- notebook parameters (checked before any kernel starts) ---
    Case("param: unknown name", "param", "", "lnag", ("-p", "lnag", "en")),
    Case("param: wrong choice", "param", "", "lang", ("-p", "lang", "fr")),
    Case("param: out of range", "param", "", "target_year", ("-p", "target_year", "1900")),
    Case("param: wrong type", "param", "", "target_year", ("-p", "target_year", "soon")),
    Case("param: unknown province", "param", "", "Atlantis", ("-p", "province", "Atlantis")),
    Case(
        "param: code in a province name", "param", "", "province", ("-p", "province", "__import__('os').system('id')")
    ),
    Case("param: a file that is not a scenario file", "param", "", "passwd", ("-p", "scenario_file", "/etc/passwd")),
    Case(
        "param: a file that does not exist", "param", "", "scenario_file", ("-p", "scenario_file", "../../secret.yaml")
    ),
]


def _argv(case: Case, file, out) -> list[str]:
    if case.command == "weights":
        return ["index", "--weights", str(file), "--out", str(out)]
    if case.command == "scenarios":
        return ["pathways", "--province", "BRVT", "--scenario-file", str(file), "--out", str(out)]
    if case.command == "targets":
        return ["pathways", "--province", "BRVT", "--targets-file", str(file), "--out", str(out)]
    if case.command == "batch":
        return ["batch", str(file), "--out", str(out.parent / "reports")]
    return ["run", "02_mitigation_pathways", *case.argv, "--out", str(out.parent / "reports")]


def test__config_corpus__covers_every_kind():
    assert {c.command for c in CASES} == {"weights", "scenarios", "targets", "batch", "param"}
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test__bad_config__exit_1_located_no_traceback_earlier_output_kept(tmp_path, case, capsys):
    file = tmp_path / "input.yaml"
    file.write_text(case.content, encoding="utf-8")
    out = tmp_path / "out.csv"
    out.write_text("earlier good output\n", encoding="utf-8")
    code = main(_argv(case, file, out))
    err = capsys.readouterr().err
    assert code == 1, err
    assert "Traceback" not in err
    assert case.expect in err, err
    if case.command in ("weights", "scenarios", "targets", "batch"):
        assert "input.yaml" in err, err
    assert out.read_text(encoding="utf-8") == "earlier good output\n"
    assert not (tmp_path / "reports").exists() or not any((tmp_path / "reports").rglob("manifest.json"))
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "reports") == ["input.yaml", "out.csv"]


def test__shipped_scenarios_still_valid():
    assert "scenarios:" in SCENARIO_OK
