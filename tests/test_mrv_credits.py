"""Credits and the target: transfers abroad under a corresponding adjustment are added back to the gap; other
credits keep counting; the potential of measures is a labelled estimate."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.errors import InputError
from analysis.mrv import account_credits, estimate_credit_potential, read_credits, summarise_credits

HEAD = (
    "project,province,type,sector,status,vintage,credits_issued_tco2e,expected_tco2e,destination,"
    "corresponding_adjustment\n"
)
REGISTER = HEAD + (
    "JCM sold,BRVT,JCM,Energy|Power,transferred,2030,40000,,Nhật Bản,có\n"  # added back
    "JCM retired abroad,BRVT,JCM,Waste,retired,2030,10000,,Nhật Bản,yes\n"  # added back
    "JCM planned,BRVT,JCM,Waste,planned,2030,,25000,Nhật Bản,có\n"  # planned, added back with planned
    "VCS unknown,BRVT,VCS,LULUCF,issued,2030,7000,,Singapore,\n"  # abroad, adjustment unknown
    "VCS no CA,BRVT,VCS,LULUCF,issued,2030,3000,,Singapore,không\n"  # counts
    "Domestic,BRVT,domestic,IPPU,issued,2030,2000,,Việt Nam,không\n"  # counts
    "Planned no amount,BRVT,domestic,LULUCF,planned,2030,,,,\n"  # amount unknown
    "Old CDM,BRVT,CDM,Energy|Fugitive,issued,2015,120000,,Nhật Bản,không\n"  # other vintage
    "Other province,Đồng Nai,JCM,IPPU,transferred,2030,999999,,Nhật Bản,có\n"
)


@pytest.fixture
def credits(write):
    return read_credits(write("credits.csv", REGISTER))


def test__gap_with_and_without_credits_under_a_corresponding_adjustment(credits):
    account = account_credits(credits, "Bà Rịa – Vũng Tàu", target_year=2030, gap_tco2e=100_000, target_tco2e=2_000_000)
    assert account.transferred_tco2e == 50_000
    assert account.gap_without_transfers_tco2e == 150_000
    assert account.planned_tco2e == 25_000 and account.gap_with_planned_tco2e == 175_000
    assert account.unknown_tco2e == 7_000 and account.counted_tco2e == 5_000
    treatment = account.credits.set_index("project")["treatment"]
    assert treatment["Old CDM"] == "other_vintage" and treatment["Planned no amount"] == "amount_unknown"
    assert "Other province" not in treatment.index
    table = account.table().set_index("item")
    assert table.loc["gap_without_transfers", "tco2e"] == 150_000
    assert table.loc["transferred_with_adjustment", "share_of_target"] == pytest.approx(0.025)


def test__a_met_target_can_be_missed_once_transfers_are_added_back(credits):
    account = account_credits(credits, "BRVT", target_year=2030, gap_tco2e=-30_000, target_tco2e=2_000_000)
    assert account.gap_tco2e < 0 < account.gap_without_transfers_tco2e


def test__vintages_choose_the_years_in_the_account(credits):
    account = account_credits(credits, "BRVT", target_year=2030, gap_tco2e=0, target_tco2e=1, vintages=[2015])
    assert account.transferred_tco2e == 0 and account.counted_tco2e == 120_000


def test__summary_by_type_and_status(credits):
    summary = summarise_credits(credits, "BRVT").set_index(["type", "status"])
    assert summary.loc[("JCM", "transferred"), "with_adjustment_tco2e"] == 40_000
    assert summary.loc[("JCM", "planned"), "with_adjustment_tco2e"] == 25_000
    vcs = summary.loc[("VCS", "issued")]
    assert vcs["credits_issued_tco2e"] == 10_000
    assert vcs["with_adjustment_tco2e"] == 0 and vcs["adjustment_unknown_tco2e"] == 7_000
    assert math.isnan(summary.loc[("domestic", "planned"), "credits_issued_tco2e"])  # not issued: NA, not 0


WEDGES = pd.DataFrame(
    {
        "measure_id": ["forest_protection", "forest_protection", "renewable_power"],
        "measure": ["Bảo vệ rừng", "Bảo vệ rừng", "Điện mặt trời"],
        "kind": ["removals"] * 3,
        "year": [2030, 2050, 2030],
        "abatement_mtco2e": [0.03, 0.03, 1.2],
    }
)


def test__credit_potential_is_a_labelled_estimate():
    upper = estimate_credit_potential(WEDGES, ["forest_protection"], 2030)
    assert len(upper) == 1
    row = upper.iloc[0]
    assert row["abatement_tco2e"] == pytest.approx(30_000) and row["credit_potential_tco2e"] == pytest.approx(30_000)
    assert bool(row["is_estimate"]) and row["deduction_share"] == 0
    less = estimate_credit_potential(
        WEDGES, ["forest_protection"], 2030, deduction_share=0.2, deduction_source="buffer pool of the standard"
    )
    assert less.iloc[0]["credit_potential_tco2e"] == pytest.approx(24_000)
    with pytest.raises(ValueError, match="needs its source"):
        estimate_credit_potential(WEDGES, ["forest_protection"], 2030, deduction_share=0.2)


def test__credit_potential_refuses_unknown_measures_and_years():
    with pytest.raises(InputError) as err:
        estimate_credit_potential(WEDGES, ["forest_protecton"], 2040)
    rules = {i.rule: i.message for i in err.value.issues}
    assert "did you mean 'forest_protection'" in rules["known measure"]
    assert "no year 2040" in rules["year modelled"]
