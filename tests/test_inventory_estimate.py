"""The reconciled provincial estimate: sums, sector proxies, labels, the 2025 units and the fleet at full load."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.data.provinces import get_registry
from analysis.inventory import (
    NATIONAL,
    NOT_ALLOCATED,
    coverage,
    estimate_inventory,
    fleet_by_province,
    national_sectors,
    power_allocation,
)
from analysis.inventory.estimate import COLUMNS

HCM_PARTS = ["TP. Hồ Chí Minh", "Bình Dương", "Bà Rịa – Vũng Tàu"]


@pytest.fixture(scope="module")
def inv2016() -> pd.DataFrame:
    return estimate_inventory(2016, admin_map=2024)


def _by(table: pd.DataFrame, sector: str) -> pd.Series:
    rows = table[(table["sector"] == sector) & ~table["province"].isin([NATIONAL, NOT_ALLOCATED])]
    return rows.set_index("province")["value"]


@pytest.mark.parametrize("year", [2010, 2016, 2019, 2023])
def test__estimate_inventory__63_provinces_and_the_line_no_province_holds_add_up_to_the_nation_in_every_sector(year):
    table = estimate_inventory(year, admin_map=2024)
    provinces = table[~table["province"].isin([NATIONAL, NOT_ALLOCATED])]
    assert provinces["province"].nunique() == 63
    line = table[table["province"] == NOT_ALLOCATED].set_index("sector")
    nat = table[table["province"] == NATIONAL].set_index("sector")["value"]
    assert len(nat) == 9 and set(line.index) == set(nat.index)
    sums = provinces.groupby("sector")["value"].sum()
    for sector, value in nat.items():
        assert sums[sector] + line.loc[sector, "value"] == pytest.approx(value, rel=1e-9), sector
    shares = provinces.groupby("sector")["share"].sum() + line["share"]
    assert shares.to_numpy() == pytest.approx(1.0)
    # only offshore oil and gas production lies in no province; every other sector is held in full by the provinces
    held = line.drop(index="Energy|Fugitive")
    assert (held["value"] == 0).all() and held["provenance"].str.contains("territorial principle").all()


def test__estimate_inventory__columns_and_national_rows(inv2016):
    assert list(inv2016.columns) == list(COLUMNS)
    assert set(inv2016["unit"]) == {"t CO2e"} and set(inv2016["gwp"]) == {"AR5"}
    assert inv2016["is_estimate"].all()
    assert inv2016["notes"].str.contains("indicative estimate — replace with the official inventory").all()
    assert inv2016["provenance"].str.len().min() > 10


def test__power__only_in_provinces_with_located_plants(inv2016):
    power = _by(inv2016, "Energy|Power")
    with_plants = set(fleet_by_province(2016, admin_map=2024)["province"])
    assert set(power[power > 0].index) == with_plants
    rows = inv2016[
        (inv2016["sector"] == "Energy|Power") & ~inv2016["province"].isin(with_plants | {NATIONAL, NOT_ALLOCATED})
    ]
    assert rows["provenance"].str.startswith("no thermal plant located").all()
    assert (
        coverage(2016).query("sector == 'Energy|Power' and province not in @with_plants")["status"] == "no activity"
    ).all()


@pytest.mark.parametrize("year", range(2010, 2024))
def test__power__no_province_exceeds_its_fleet_at_full_load(year):
    nat = national_sectors(year).set_index("sector").loc["Energy|Power", "value"]
    alloc = power_allocation(year, nat)
    assert (alloc["value"] <= alloc["max_tco2"] * (1 + 1e-9)).all()
    assert alloc["value"].sum() == pytest.approx(nat)


def test__power__brvt_gas_fleet_gets_less_per_mw_than_a_coal_province(inv2016):
    """Per MW, BRVT (gas) is allocated about 0.4× what Quảng Ninh (coal) gets."""
    power = _by(inv2016, "Energy|Power")
    mw = fleet_by_province(2016, admin_map=2024).groupby("province")["capacity_mw"].sum()
    ratio = (power["Bà Rịa – Vũng Tàu"] / mw["Bà Rịa – Vũng Tàu"]) / (power["Quảng Ninh"] / mw["Quảng Ninh"])
    assert 0.3 < ratio < 0.55


def test__fugitive__offshore_production_is_on_the_national_line_not_in_brvt(inv2016):
    """Oil and gas (½ of fugitive): offshore production 0.70 on the line no province holds; Bà Rịa – Vũng Tàu keeps
    its onshore landfalls and gas processing (0.10), as Cà Mau (0.10) and Quảng Ngãi's refinery (0.10)."""
    fugitive = _by(inv2016, "Energy|Fugitive")
    national = inv2016.query("province == @NATIONAL and sector == 'Energy|Fugitive'")["value"].iloc[0]
    line = inv2016.query("province == @NOT_ALLOCATED and sector == 'Energy|Fugitive'").iloc[0]
    assert line["value"] == pytest.approx(national * 0.5 * 0.70)
    assert "offshore oil and gas" in line["provenance"] and "assumption" in line["provenance"]
    for province in ("Bà Rịa – Vũng Tàu", "Cà Mau", "Quảng Ngãi"):
        assert fugitive[province] == pytest.approx(national * 0.5 * 0.10), province


@pytest.mark.parametrize("year", range(2010, 2024))
def test__fugitive__offshore_line_holds_at_least_the_cited_offshore_flaring(year):
    """Flaring at the fields (Global Carbon Project via OWID) is offshore: the line no province holds is never below it."""
    from analysis.data.raw import load_owid

    flaring = load_owid().set_index("year").loc[year, "flaring_co2_mt"] * 1e6
    table = estimate_inventory(year, admin_map=2024)
    line = table.query("province == @NOT_ALLOCATED and sector == 'Energy|Fugitive'")["value"].iloc[0]
    assert line >= flaring


def test__fugitive__coal_mining_in_quang_ninh(inv2016):
    """Quảng Ninh = national fugitive × ½ (coal) × 0.90 (cited share of coal mining); none where nothing is mined."""
    fugitive = _by(inv2016, "Energy|Fugitive")
    national = inv2016.query("province == @NATIONAL and sector == 'Energy|Fugitive'")["value"].iloc[0]
    assert fugitive["Quảng Ninh"] == pytest.approx(national * 0.5 * 0.9)
    assert fugitive["Hà Nội"] == 0
    row = inv2016.query("province == 'Quảng Ninh' and sector == 'Energy|Fugitive'")
    assert "coal mining site" in row["provenance"].iloc[0]


def test__agriculture__rice_emissions_where_rice_is_grown(inv2016):
    """Every province with paddy has agricultural emissions; the Mekong rice bowls lead."""
    from analysis.inventory.proxies import gso_series

    agri = _by(inv2016, "Agriculture")
    paddy, _ = gso_series("paddy_planted_area", 2016)
    assert (agri[paddy[paddy > 0].index] > 0).all()
    top = set(agri.sort_values(ascending=False).index[:6])
    assert {"An Giang", "Kiên Giang", "Đồng Tháp"} <= top
    assert agri["An Giang"] > 10 * agri["Đà Nẵng"]


def test__estimate_inventory__binh_duong_2019_is_labelled_trend_and_carried(tmp_path):
    table = estimate_inventory(2019, "Binh Duong", admin_map=2024)
    assert set(table["province"]) == {"Bình Dương"} and len(table) == 9
    gross = table[table["sector"] != "LULUCF"]
    assert gross["notes"].str.contains("Our World in Data trend 2016→2019").all()
    transport = table.set_index("sector").loc["Energy|Transport", "provenance"]
    assert "2015 carried to 2019" in transport


def test__map_2025__new_hcmc_is_the_sum_of_its_three_in_every_sector():
    old = estimate_inventory(2016, admin_map=2024).set_index(["province", "sector"])["value"]
    new = estimate_inventory(2016, "TP. Hồ Chí Minh", admin_map=2025).set_index("sector")
    for sector, row in new.iterrows():
        assert row["value"] == pytest.approx(sum(old[(p, sector)] for p in HCM_PARTS)), sector
    members = ", ".join(get_registry().unit("TP. Hồ Chí Minh").constituents)
    assert sorted(get_registry().unit("TP. Hồ Chí Minh").constituents) == sorted(HCM_PARTS)
    assert new["provenance"].str.startswith(f"sum of the former provinces {members}").all()


def test__map_2025__34_units_and_the_line_no_province_holds_add_up_to_the_national_rows():
    table = estimate_inventory(2016, admin_map=2025)
    units = table[~table["province"].isin([NATIONAL, NOT_ALLOCATED])]
    assert set(units["province"]) == {u.name for u in get_registry().units_2025}
    nat = table[table["province"] == NATIONAL].set_index("sector")["value"]
    line = table[table["province"] == NOT_ALLOCATED].set_index("sector")["value"]
    assert (units.groupby("sector")["value"].sum() + line).to_dict() == pytest.approx(nat.to_dict())


def test__estimate_inventory__old_name_on_the_2025_map_gives_its_unit():
    assert set(estimate_inventory(2016, "Bình Dương", admin_map=2025)["province"]) == {"TP. Hồ Chí Minh"}


def test__coverage__fallbacks_are_listed_and_no_zero_is_silent():
    cover = coverage(2016)
    fallback = cover[cover["status"] == "fallback"]
    assert set(fallback.query("sector == 'LULUCF'")["province"]) == {"Cần Thơ", "Hưng Yên", "Vĩnh Long"}
    assert set(fallback.query("sector == 'IPPU'")["province"]) == {"Điện Biên"}
    assert fallback["provenance"].str.contains("fallback").all()
    table = estimate_inventory(2016, admin_map=2024, include_national=False).merge(cover, on=["province", "sector"])
    zeros = table[table["value"] == 0]
    assert zeros["status"].isin(["no activity", "fallback"]).all()


def test__estimate_inventory__single_province_passes_the_inventory_schema(tmp_path):
    from analysis.data.catalogue import validate_file

    path = tmp_path / "inv.csv"
    estimate_inventory(2016, "Quảng Ninh", admin_map=2024).to_csv(path, index=False)
    assert len(validate_file(path, "inventory")) == 9
