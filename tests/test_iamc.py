"""IAMC table: columns, hierarchy sums (our check and, when installed, pyam's), CSV and Excel output."""

from __future__ import annotations

import importlib.util

import pandas as pd
import pytest
from pathways_fixtures import SCENARIO_YAML, make_baseline

from analysis.emissions.iamc import IAMC_COLUMNS, build_iamc, check_iamc_aggregates, write_iamc
from analysis.emissions.pathways import compute_pathways
from analysis.emissions.scenarios import load_scenarios

FOUR = ("Energy|Power", "Energy|Transport", "LULUCF", "Waste")


@pytest.fixture
def table(write):
    b = make_baseline(sectors=FOUR, e0=(1e6, 5e5, -2e5, 1e5), is_estimate=True)
    return build_iamc(compute_pathways(b, load_scenarios(write("s.yaml", SCENARIO_YAML))))


def test__build_iamc__columns_and_variables(table):
    assert list(table.columns[:7]) == IAMC_COLUMNS
    assert table["is_estimate"].all() and set(table["gwp"]) == {"AR5"}
    variables = set(table["variable"])
    assert {
        "Emissions|Kyoto Gases",
        "Emissions|Kyoto Gases|Energy",
        "Emissions|Kyoto Gases|Energy|Transport",
        "Emissions|Kyoto Gases|LULUCF",
        "Gross Emissions|Kyoto Gases",
        "Removals|Kyoto Gases",
    } <= variables
    row = table.query("scenario == 'plan' and year == 2030").set_index("variable")["value"]
    assert row["Emissions|Kyoto Gases"] == pytest.approx(
        row["Gross Emissions|Kyoto Gases"] + row["Removals|Kyoto Gases"]
    )
    assert row["Emissions|Kyoto Gases|Energy"] == pytest.approx(0.81 + 0.45)  # cut_b hits all Energy


def test__check_iamc_aggregates__clean_table_has_no_mismatch(table):
    assert check_iamc_aggregates(table).empty


def test__check_iamc_aggregates__finds_a_broken_sum(table):
    broken = table.copy()
    i = broken.index[(broken["variable"] == "Emissions|Kyoto Gases|Energy|Power") & (broken["year"] == 2030)][0]
    broken.loc[i, "value"] += 1.0
    bad = check_iamc_aggregates(broken)
    assert set(bad["variable"]) == {"Emissions|Kyoto Gases|Energy"}
    assert len(bad) == 1
    assert set(bad["year"]) == {2030}


def test__check_iamc_aggregates__total_without_components_is_a_mismatch():
    """A parent reported in scenario b whose children exist only in scenario a is flagged (as pyam does)."""
    rows = [("a", "X", 3.0), ("a", "X|p", 1.0), ("a", "X|q", 2.0), ("b", "X", 5.0)]
    frame = pd.DataFrame(
        [
            {"model": "m", "scenario": sc, "region": "r", "variable": v, "unit": "u", "year": 2030, "value": val}
            for sc, v, val in rows
        ]
    )
    bad = check_iamc_aggregates(frame)
    assert bad["scenario"].tolist() == ["b"]


def test__write_iamc__csv_and_excel_round_trip(table, tmp_path):
    csv = write_iamc(table, tmp_path / "out.csv")
    back = pd.read_csv(csv)
    assert list(back.columns) == list(table.columns) and len(back) == len(table)
    xlsx = write_iamc(table, tmp_path / "out.xlsx", meta=pd.DataFrame({"key": ["is_estimate"], "value": ["True"]}))
    sheets = pd.read_excel(xlsx, sheet_name=None)
    assert set(sheets) == {"data", "meta"} and len(sheets["data"]) == len(table)


@pytest.mark.skipif(importlib.util.find_spec("pyam") is None, reason="pyam is not installed (optional test extra)")
def test__build_iamc__pyam_check_aggregate_finds_nothing(table, tmp_path, monkeypatch):
    # pyam's unit registry (iam_units) keeps pint's parsed definitions in the user's cache folder, with the absolute
    # paths of the environment that wrote them: once that environment is deleted (an earlier clone's .venv), the next
    # one fails "…/pint/default_en.txt/constants_en.txt: no such file". A cache of this test's own.
    monkeypatch.setenv("IAM_UNITS_CACHE", str(tmp_path / "iam-units"))
    import pyam

    df = pyam.IamDataFrame(table[IAMC_COLUMNS])
    for parent in ("Emissions|Kyoto Gases", "Emissions|Kyoto Gases|Energy", "Abatement|Kyoto Gases"):
        assert df.check_aggregate(parent) is None
