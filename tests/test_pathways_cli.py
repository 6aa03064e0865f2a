"""``netzero pathways``: shipped defaults, any spelling of the province, CSV and Excel, located errors."""

from __future__ import annotations

import pandas as pd

from analysis.cli import main
from analysis.emissions.iamc import check_iamc_aggregates


def test__run_pathways__writes_iamc_csv_and_reports_the_8_percent_target(tmp_path, capsys):
    out = tmp_path / "pathways.csv"
    assert main(["pathways", "--province", "BRVT", "--out", str(out)]) == 0
    table = pd.read_csv(out)
    assert set(table["scenario"]) == {"bau", "action_plan_2030", "net_zero_2050"}
    assert set(table["region"]) == {"Bà Rịa – Vũng Tàu"} and table["is_estimate"].all()
    assert check_iamc_aggregates(table).empty
    text = capsys.readouterr().out
    assert "NOTE (BAU estimate)" in text
    line = next(x for x in text.splitlines() if "action_plan_2030" in x and "brvt_2030_action_plan" in x)
    assert line.endswith("— met") and "below BAU" in line


def test__run_pathways__excel_has_meta_targets_overlap_and_macc(tmp_path):
    out = tmp_path / "pathways.xlsx"
    assert main(["pathways", "--province", "Tỉnh Bà Rịa - Vũng Tàu", "--out", str(out), "--lang", "vi"]) == 0
    sheets = pd.read_excel(out, sheet_name=None)
    assert {"data", "meta", "targets", "overlap_action_plan_2030", "macc_net_zero_2050"} <= set(sheets)
    meta = sheets["meta"].set_index("key")["value"]
    assert meta["is_estimate"] == "True" and "indicative" in meta["estimate_note"]


def test__run_pathways__bad_scenario_file_is_a_located_error(tmp_path, capsys):
    bad = tmp_path / "s.yaml"
    bad.write_text("provinces: any\nscenarios:\n  bau:\n    measurs: []\n", encoding="utf-8")
    assert main(["pathways", "--scenario-file", str(bad), "--out", str(tmp_path / "x.csv")]) == 1
    err = capsys.readouterr().err
    assert "scenarios.bau.measurs" in err and "did you mean 'measures'" in err
    assert not (tmp_path / "x.csv").exists()


def test__run_pathways__another_province_gets_the_national_set_never_brvt_plan(tmp_path, capsys):
    out = tmp_path / "x.csv"
    assert main(["pathways", "--province", "Đồng Nai", "--out", str(out)]) == 0
    text = capsys.readouterr()
    assert "national.yaml (national)" in text.out and "brvt_2030_action_plan" not in text.out
    assert "national set" in text.err
    table = pd.read_csv(out)
    assert set(table["region"]) == {"Đồng Nai"}
    assert "action_plan_2030" not in set(table["scenario"]) and "ndc2022_unconditional" in set(table["scenario"])


def test__run_pathways__scenario_file_of_another_province_is_refused(tmp_path, capsys):
    from analysis.run.resolve import SCENARIOS_DIR

    brvt = SCENARIOS_DIR / "ba-ria-vung-tau.yaml"
    assert (
        main(["pathways", "--province", "Đồng Nai", "--scenario-file", str(brvt), "--out", str(tmp_path / "x.csv")])
        == 1
    )
    assert "written for Bà Rịa – Vũng Tàu, not Đồng Nai" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()


def test__run_pathways__draws_add_the_probability_of_meeting_each_target(tmp_path, capsys):
    out = tmp_path / "p.xlsx"
    assert main(["pathways", "--out", str(out), "--draws", "300", "--seed", "1"]) == 0
    line = next(
        x for x in capsys.readouterr().out.splitlines() if "action_plan_2030" in x and "brvt_2030_action_plan" in x
    )
    assert "P(met) = " in line
    targets = pd.read_excel(out, sheet_name="targets")
    p = targets.set_index(["scenario", "target_id"])["probability_met"]
    assert 0 < p[("action_plan_2030", "brvt_2030_action_plan")] <= 1
    assert p[("bau", "net_zero_2050")] == 0


def test__run_pathways__a_file_for_the_same_name_on_the_other_map_says_which_key_to_add(tmp_path, capsys):
    """Đồng Nai is a 2024 province and a 2025 unit: a file without 'map' is for the province, and the run of the
    unit is told to add 'map: 2025' rather than that the file is "for Đồng Nai, not Đồng Nai"."""
    own = tmp_path / "dong-nai.yaml"
    own.write_text(
        "format: 2\nprovinces: [Đồng Nai]\nmain: plan\nscenarios:\n  bau: {measures: []}\n"
        "  plan:\n    parent: bau\n    label: {vi: Kế hoạch, en: Plan}\n    measures: []\n",
        encoding="utf-8",
    )
    out = tmp_path / "x.csv"
    assert main(["pathways", "--province", "Đồng Nai", "--scenario-file", str(own), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "on the 2024 map" in err and "add 'map: 2025'" in err and "not Đồng Nai" not in err
    own.write_text(own.read_text(encoding="utf-8").replace("format: 2\n", "format: 2\nmap: 2025\n"), encoding="utf-8")
    assert main(["pathways", "--province", "Đồng Nai", "--scenario-file", str(own), "--out", str(out)]) == 0
