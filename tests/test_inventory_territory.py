"""The territorial principle: what moved off a province, and the nation = provinces + the line no province holds."""

from __future__ import annotations

import pytest

from analysis.data import factors
from analysis.errors import InputError
from analysis.inventory import NATIONAL, NOT_ALLOCATED, estimate_inventory, reconciliation, territorial_moves


@pytest.mark.parametrize("admin_map", [2024, 2025])
def test__reconciliation__provinces_plus_the_line_are_the_nation_in_every_sector(admin_map):
    table = reconciliation(2023, admin_map=admin_map)
    assert len(table) == 9
    assert table["difference"].abs().max() < 1e-3  # tonnes
    fugitive = table.set_index("sector").loc["Energy|Fugitive"]
    assert fugitive["not_allocated"] == pytest.approx(0.35 * fugitive["national"])


@pytest.mark.parametrize(("admin_map", "place"), [(2024, "Bà Rịa – Vũng Tàu"), (2025, "TP. Hồ Chí Minh")])
def test__territorial_moves__offshore_production_left_brvt_for_the_national_line(admin_map, place):
    moves = territorial_moves(2023, admin_map=admin_map)
    assert list(moves["province"]) == [place]
    row = moves.iloc[0]
    table = estimate_inventory(2023, admin_map=admin_map)
    line = table[(table["province"] == NOT_ALLOCATED) & (table["sector"] == "Energy|Fugitive")]["value"]
    assert row["moved_tco2e"] == pytest.approx(float(line.iloc[0]))
    assert row["before_tco2e"] == pytest.approx(row["after_tco2e"] + row["moved_tco2e"])
    # before the rule, Bà Rịa – Vũng Tàu held the national oil-and-gas half × 0.80 (docs/downscaling.md: 8.34 Mt)
    table = estimate_inventory(2023, admin_map=2024)
    national = table[(table["province"] == NATIONAL) & (table["sector"] == "Energy|Fugitive")]
    assert row["before_tco2e"] == pytest.approx(float(national["value"].iloc[0]) * 0.5 * 0.80)


def test__fugitive_sites__an_offshore_row_has_no_province_and_an_onshore_row_has_one(tmp_path):
    header = "activity,province,weight,basis,source,location\n"
    bad = tmp_path / "offshore_in_a_province.csv"
    bad.write_text(header + "oil_gas,Cà Mau,1,assumption,x,offshore\n", encoding="utf-8")
    with pytest.raises(InputError, match="offshore row has no province"):
        factors.load_fugitive_sites(bad)
    bad = tmp_path / "onshore_nowhere.csv"
    bad.write_text(header + "oil_gas,,1,assumption,x,onshore\n", encoding="utf-8")
    with pytest.raises(InputError, match="offshore row has no province"):
        factors.load_fugitive_sites(bad)
    good = tmp_path / "old_format.csv"  # a file without the location column: every row onshore
    good.write_text("activity,province,weight,basis,source\noil_gas,Cà Mau,1,assumption,x\n", encoding="utf-8")
    assert list(factors.load_fugitive_sites(good)["location"]) == ["onshore"]
