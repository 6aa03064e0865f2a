"""Obligations and status on fixed dates: who must report (list or Decree 06/2022 threshold read from the cited
data), what is due when, who has reported, who is late."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analysis.cli import main
from analysis.data.provenance import raw_file
from analysis.data.reporting_rules import load_reporting_rules
from analysis.errors import InputError
from analysis.mrv import assess_obligations, read_facilities

FACTORS_FILE = raw_file("national_factors")
RULES_FILE = raw_file("reporting_rules")

HEAD = (
    "facility_id,facility_name,province,category,managing_ministry,sector,year,emissions_tco2e,energy_toe,"
    "waste_capacity_tpy,on_list,submitted_on\n"
)
REGISTER = HEAD + (
    "L1,Listed on time,BRVT,Công Thương,Sở Công Thương,Energy|Power,2024,5000,,,có,2025-03-31\n"
    "L2,Listed late,BRVT,Công Thương,Sở Công Thương,IPPU,2024,8000,,,có,01/04/2025\n"
    "L3,Listed overdue,BRVT,Xây dựng,Sở Xây dựng,IPPU,2024,,,,có,\n"
    "T1,Above TOE,BRVT,Giao thông vận tải,Sở Giao thông vận tải,Energy|Transport,2023,2900,1200,,không,\n"
    "T2,Above tCO2e,BRVT,Công Thương,Sở Công Thương,Energy|Manufacturing and Construction,2023,3000,500,,,\n"
    "W1,Waste capacity,BRVT,TN&MT,Sở Tài nguyên và Môi trường,Waste,2023,1000,,65000,,\n"
    "B1,Below,BRVT,Xây dựng,Sở Xây dựng,Energy|Residential and Commercial,2023,2999,999,,không,\n"
    "U1,Unknown energy,BRVT,,,Energy|Manufacturing and Construction,2023,100,,,,\n"
    "R1,Received undated,BRVT,Công Thương,Sở Công Thương,Energy|Power,2024,7000,,,có,\n"
    "N1,New in 2025,BRVT,Công Thương,Sở Công Thương,Energy|Power,2025,7000,,,có,\n"
    "D1,Other province,Đồng Nai,Công Thương,Sở Công Thương,Energy|Power,2024,7000,,,có,\n"
)


@pytest.fixture
def register(write):
    return read_facilities(write("register.csv", REGISTER))


def _by_id(status) -> pd.DataFrame:
    return status.facilities.set_index("facility_id")


def test__rules__thresholds_come_from_the_cited_factors_and_the_cycle_from_the_rules_file():
    rules = load_reporting_rules()
    values = {t.rule_id: t.value for t in rules.thresholds}
    factors = pd.read_csv(FACTORS_FILE).set_index("factor")["value"]
    assert values["threshold_emissions"] == float(factors["Decree 06/2022/NĐ-CP inventory threshold: any facility"])
    assert values == {
        "threshold_emissions": 3000,
        "threshold_energy_industry": 1000,
        "threshold_energy_freight": 1000,
        "threshold_energy_buildings": 1000,
        "threshold_waste_capacity": 65000,
    }
    assert rules.deadlines(2029) == [(2024, date(2025, 3, 31)), (2026, date(2027, 3, 31)), (2028, date(2029, 3, 31))]
    assert rules.deadline_for(2025) is None
    assert rules.period_as_of(date(2026, 6, 1)) == (2024, date(2025, 3, 31))
    assert rules.next_deadline(date(2026, 6, 1)) == (2026, date(2027, 3, 31))


def test__status_on_a_fixed_date__who_must_report_who_is_late(register):
    status = assess_obligations(register, "BRVT", date(2025, 4, 15))
    assert (status.inventory_year, status.due_date) == (2024, date(2025, 3, 31))
    tab = _by_id(status)
    assert "N1" not in tab.index and "D1" not in tab.index
    expected = {
        "L1": ("yes", "on_list", "on_time"),
        "L2": ("yes", "on_list", "late_submission"),
        "L3": ("yes", "on_list", "overdue"),
        "T1": ("yes", "threshold_energy_freight", "overdue"),
        "T2": ("yes", "threshold_emissions", "overdue"),
        "W1": ("yes", "threshold_waste_capacity", "overdue"),
        "B1": ("no", "below_thresholds", "not_required"),
        "U1": ("unknown", "missing_data", "to_check"),
        "R1": ("yes", "on_list", "received_undated"),
    }
    for fid, (must, basis, state) in expected.items():
        assert tuple(tab.loc[fid, ["must_report", "basis", "status"]]) == (must, basis, state), fid
    assert tab.loc["T1", "basis_value"] == 1200 and tab.loc["T1", "threshold"] == 1000
    assert tab.loc["T1", "basis_year"] == 2023
    assert status.counts("yes") == {
        "on_time": 1,
        "late_submission": 1,
        "received_undated": 1,
        "pending": 0,
        "overdue": 4,
        "to_check": 0,
        "not_required": 0,
    }


def test__before_the_deadline_nothing_is_late_and_a_later_report_is_not_yet_received(register):
    tab = _by_id(assess_obligations(register, "BRVT", date(2025, 3, 30)))
    assert tab.loc["L1", "status"] == "pending"  # its report is dated 31/3, after the assessment date
    assert tab.loc["L3", "status"] == "pending" and tab.loc["T1", "status"] == "pending"
    assert tab.loc["L2", "status"] == "pending"


def test__summary_by_group_and_department(register):
    status = assess_obligations(register, "BRVT", date(2025, 4, 15))
    by_cat = status.summary("category").set_index("group")
    assert list(by_cat.index[:3]) == ["industry_trade", "transport", "construction"]  # Decision 13/2024 order
    assert by_cat.loc[
        "industry_trade", ["n_facilities", "n_required", "on_time", "late_submission", "received_undated", "overdue"]
    ].tolist() == [4, 4, 1, 1, 1, 1]
    assert by_cat.loc["construction", "not_required"] == 1
    assert None in by_cat.index  # U1 has no category
    by_dept = status.summary("managing_ministry").set_index("group")
    assert by_dept.loc["Sở Xây dựng", "overdue"] == 1 and by_dept.loc["Sở Xây dựng", "not_required"] == 1


def test__inventory_year_outside_the_cycle_is_refused(register):
    with pytest.raises(InputError, match="no facility report covers 2025"):
        assess_obligations(register, "BRVT", date(2026, 4, 1), inventory_year=2025)


def test__later_period_uses_the_latest_data(register):
    status = assess_obligations(register, "BRVT", date(2027, 4, 1))
    assert status.inventory_year == 2026
    tab = _by_id(status)
    assert tab.loc["N1", "status"] == "overdue"  # listed in 2025, no 2026 report
    assert tab.loc["L1", "basis_year"] == 2024


def test__status_cli_writes_one_row_per_facility(write, tmp_path, capsys):
    path = write("register.csv", REGISTER)
    out = tmp_path / "status.csv"
    assert (
        main(["facilities", "status", str(path), "--province", "BRVT", "--as-of", "15/04/2025", "--out", str(out)]) == 0
    )
    assert "inventory of 2024 due 2025-03-31, as of 2025-04-15" in capsys.readouterr().out
    assert len(pd.read_csv(out)) == 9
    assert (
        main(["facilities", "status", str(path), "--province", "BRVT", "--as-of", "31/02/2025", "--out", str(out)]) == 1
    )
    assert "'31/02/2025' is not a date" in capsys.readouterr().err


def test__a_rule_naming_a_missing_factor_is_refused_with_its_row(tmp_path):
    rules = tmp_path / "rules.csv"
    text = RULES_FILE.read_text(encoding="utf-8").replace(
        "Decree 06/2022 threshold: commercial buildings", "Decree 06/2022 threshold: commercial buidlings"
    )
    rules.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_reporting_rules(rules, FACTORS_FILE)
    (issue,) = err.value.issues
    assert issue.rule == "known factor" and issue.column == "factor" and issue.row == 6
