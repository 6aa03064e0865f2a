"""The thermal fleet: de-duplication, named locations, commissioning years, fuel factors, physical maximum."""

from __future__ import annotations

import pytest

from analysis.errors import InputError
from analysis.inventory import fleet


def test__load_fleet__duplicated_plants_are_counted_once():
    """Mong Duong is listed by WRI (1,080 + 1,120 MW) and by GEM per unit (540, 540, 620, 620): counted once."""
    units = fleet.load_fleet()
    mong_duong = units[units["plant"].str.contains("Mong Duong")]
    assert mong_duong["capacity_mw"].sum() == pytest.approx(2320)
    assert set(mong_duong["plant"]) == {"Mong Duong power station"}
    assert not units["plant"].isin(["Duyen Hai 1", "Vinh Tan 2", "Formosa Ha Tinh", "Pha Lai 1"]).any()


def test__load_fleet__phu_my_is_located_in_brvt_and_matches_the_cited_capacity():
    units = fleet.load_fleet()
    phu_my = units[units["plant"].str.match(r"Phu My \d")]
    assert set(phu_my["province"]) == {"Bà Rịa – Vũng Tàu"}
    assert phu_my["location_basis"].str.startswith("named correction").all()
    assert phu_my["capacity_mw"].sum() == pytest.approx(fleet.phu_my_capacity_mw(), rel=0.01)


def test__thermal_fleet__respects_commissioning_years_and_drops_shelved_units():
    in_2016 = set(fleet.thermal_fleet(2016)["unit"].dropna())
    in_2018 = set(fleet.thermal_fleet(2018)["unit"].dropna())
    assert "Phase 4 Unit 1" not in in_2016 and "Phase 4 Unit 1" in in_2018  # Vĩnh Tân 4, 2017
    assert "Phase 3 Unit 1" not in set(fleet.load_fleet()["unit"].dropna())  # Vĩnh Tân 3, shelved
    quang_ninh_1 = fleet.load_fleet().query("unit == 'Quang Ninh-1 (2 units)'")
    assert list(quang_ninh_1["commissioning_year"]) == [2009, 2010]


def test__emission_factor__gas_emits_about_four_tenths_of_coal_per_mwh():
    """56,100 kg/TJ ÷ 0.50 against 96,100 kg/TJ ÷ 0.36 (IPCC 2006 defaults, labelled efficiencies)."""
    gas, coal = fleet.emission_factor("Gas"), fleet.emission_factor("Coal")
    assert gas == pytest.approx(56100 / 1000 * 0.0036 / 0.50)
    assert coal == pytest.approx(96100 / 1000 * 0.0036 / 0.36)
    assert 0.38 < gas / coal < 0.45


def test__fleet_by_province__brvt_full_load_is_below_the_old_capacity_share_estimate():
    """The old capacity-share method gave BRVT 17.98 Mt of power; its gas fleet cannot emit that at full load."""
    brvt = fleet.fleet_by_province(2023, admin_map=2024).query("province == 'Bà Rịa – Vũng Tàu'")
    assert brvt["max_tco2"].sum() < 17.98e6
    assert brvt.set_index("fuel").loc["Gas", "capacity_mw"] == pytest.approx(4317)


def test__fleet_by_province__2025_map_sums_the_former_provinces():
    old = fleet.fleet_by_province(2020, admin_map=2024)
    new = fleet.fleet_by_province(2020, admin_map=2025)
    hcm = new[new["province"] == "TP. Hồ Chí Minh"]["max_tco2"].sum()
    members = old[old["province"].isin(["TP. Hồ Chí Minh", "Bình Dương", "Bà Rịa – Vũng Tàu"])]["max_tco2"].sum()
    assert hcm == pytest.approx(members)


def test__unlocated_capacity__2023_coal_gap_against_the_national_figure():
    table = fleet.unlocated_capacity(2023).set_index("fuel")
    assert table.loc["Coal", "national_mw"] == 26087
    assert table.loc["Coal", "gap_mw"] == pytest.approx(26087 - table.loc["Coal", "located_mw"])
    assert table.loc["Oil", "unlocated_mw"] == pytest.approx(30 + 72)  # bauxite plant and Vedan: no location


def test__capacity__parses_units_times_mw_and_names_a_bad_row():
    assert fleet._capacity("2x57.5", 3) == pytest.approx(115)
    with pytest.raises(InputError, match="row 7.*'about 600' is not a capacity"):
        fleet._capacity("about 600", 7)
