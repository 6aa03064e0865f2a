"""The BAU driver outlook: the shipped file obeys its rules, covers every driver, and bad rows are located."""

from __future__ import annotations

import pytest

from analysis.data.catalogue import KINDS
from analysis.data.outlook import DRIVERS, NATIONAL, NATIONAL_DRIVERS, RANGE, STATUSES, load_bau_outlook
from analysis.errors import InputError

HEADER = "driver,scope,period_start,period_end,low_pct,central_pct,high_pct,unit,basis,source,url,quote,status,notes\n"
GOOD = "gdp,national,2024,2030,7,9.3,9.3,%/yr,derived: x,Resolution 252/2025/QH15,,,derived,\n"


@pytest.fixture(scope="module")
def outlook():
    return load_bau_outlook()


def test__load_bau_outlook__is_a_registered_kind_and_obeys_its_rules(outlook):
    assert "bau_outlook" in KINDS
    assert (outlook["period_end"] >= outlook["period_start"]).all()
    ranged = outlook.dropna(subset=list(RANGE))
    assert ((ranged["low_pct"] <= ranged["central_pct"]) & (ranged["central_pct"] <= ranged["high_pct"])).all()
    assert set(outlook["status"]) <= set(STATUSES)
    assert set(outlook["driver"]) <= set(DRIVERS)
    assert outlook["basis"].str.len().min() > 10 and outlook["source"].str.len().min() > 5
    empty = outlook[outlook["central_pct"].isna()]
    assert not empty.empty and empty["notes"].str.len().min() > 20  # the coal phase-out row says why it has no rate


def test__load_bau_outlook__every_driver_has_a_national_2024_2030_row(outlook):
    national = outlook[outlook["scope"] == NATIONAL]
    first = national[(national["period_start"] == 2024) & (national["period_end"] == 2030)]
    assert set(NATIONAL_DRIVERS) <= set(first["driver"])
    # an assumption row says how its range was set; a derived row shows its arithmetic
    assert first[first["status"] == "assumption"]["basis"].str.contains("assumption").all()
    assert first[first["status"] == "derived"]["basis"].str.contains(r"\^|=|/", regex=True).all()


def test__load_bau_outlook__cited_national_figures_and_the_province_rows(outlook):
    by = outlook.set_index(["driver", "scope", "period_start", "period_end"])
    assert by.loc[("gdp", NATIONAL, 2031, 2040), "central_pct"] == pytest.approx(7.5)
    assert by.loc[("population", NATIONAL, 2024, 2030), "central_pct"] == pytest.approx(0.66)
    assert by.loc[("coal_production", NATIONAL, 2024, 2030), "central_pct"] < 0  # the energy plan lowers coal output
    assert by.loc[("crude_oil_production", NATIONAL, 2024, 2030), "high_pct"] < 0
    brvt = outlook[outlook["scope"] == "Bà Rịa – Vũng Tàu"].set_index(["driver", "period_start", "period_end"])
    assert brvt.loc[("gdp", 2024, 2030), ["low_pct", "high_pct"]].tolist() == pytest.approx([8.1, 8.6])
    assert brvt.loc[("oil_gas_value_added", 2024, 2024), "central_pct"] == pytest.approx(-14.37)


def test__load_bau_outlook__spellings_of_a_province_resolve(write):
    path = write("o.csv", HEADER + GOOD.replace("national", "BRVT"))
    assert load_bau_outlook(path)["scope"].tolist() == ["Bà Rịa – Vũng Tàu"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (GOOD.replace("gdp,", "gpd,"), "row 2.*driver.*did you mean 'gdp'"),
        (GOOD.replace("2024,2030", "2030,2024"), "row 2.*period_end must not be before period_start"),
        (GOOD.replace("7,9.3,9.3", "9.5,9.3,9.3"), "row 2.*low_pct <= central_pct <= high_pct"),
        (GOOD.replace(",derived,\n", ",estimated,\n"), "row 2.*status.*one of: cited, derived, assumption"),
        (GOOD.replace("national", "Atlantis"), "row 2.*scope must be 'national' or a province"),
        (GOOD.replace("7,9.3,9.3", ",9.3,"), "row 2.*give low_pct, central_pct and high_pct together"),
        (GOOD.replace("7,9.3,9.3", ",,"), "row 2.*the range is empty: say in 'notes' why"),
        (GOOD + GOOD, "row 3.*duplicate key"),
    ],
)
def test__load_bau_outlook__bad_rows_are_located(write, row, message):
    path = write("o.csv", HEADER + row)
    with pytest.raises(InputError, match=message):
        load_bau_outlook(path)


def test__load_bau_outlook__header_only_is_refused(write):
    with pytest.raises(InputError, match="no data rows"):
        load_bau_outlook(write("o.csv", HEADER))
