"""Loaders of the 63-province raw files and the cited factors: canonical names, located errors."""

from __future__ import annotations

import pytest

from analysis.data import factors, provinces63
from analysis.data.boundaries import load_boundaries
from analysis.errors import InputError

GSO_HEADER = "province,year,variable,value,unit,source,notes\n"


def test__load_gso_proxies__67_spellings_become_63_provinces():
    table = provinces63.load_gso_proxies()
    assert table["province"].nunique() == 63
    hcm = table[(table["province"] == "TP. Hồ Chí Minh") & (table["year"] == 2013)].set_index("variable")
    assert hcm.loc["population_avg", "value"] == pytest.approx(7820.0)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Atlantis,2014,pigs,1.0,thousand head,GSO,\n", "unknown province 'Atlantis'"),
        ("Ha Noi,2014,pigs,-5,thousand head,GSO,\n", "-5.0. must be between 0 and"),
        ("Ha Noi,2014,pigs,1.0,thousand head,GSO,\nHà Nội,2014,pigs,2.0,thousand head,GSO,\n", "duplicate key"),
    ],
)
def test__load_gso_proxies__bad_rows_are_located(write, row, message):
    path = write("gso.csv", GSO_HEADER + row)
    with pytest.raises(InputError, match=message) as info:
        provinces63.load_gso_proxies(path)
    assert "row 2" in str(info.value) or "row 3" in str(info.value)


def test__load_fdi__sets_aside_aggregates_and_refuses_other_names(write):
    table = provinces63.load_fdi()
    assert "Oil & Gas" not in set(table["province"]) and table["province"].nunique() == 62
    bad = write("fdi.csv", GSO_HEADER + "Narnia,2016,fdi_projects_cumulative,3,projects,GSO,\n")
    with pytest.raises(InputError, match="row 2.*'Narnia' is neither a province nor a listed aggregate"):
        provinces63.load_fdi(bad)


def test__load_fugitive_sites__weights_of_an_activity_must_add_up_to_one(write):
    assert factors.load_fugitive_sites().groupby("activity")["weight"].sum().to_numpy() == pytest.approx([1.0, 1.0])
    bad = write(
        "sites.csv", "activity,province,weight,basis,source,reference,note\ncoal_mining,Quảng Ninh,0.7,cited,x,,\n"
    )
    with pytest.raises(InputError, match="'coal_mining' add up to 0.7"):
        factors.load_fugitive_sites(bad)


def test__load_tier1_factors__every_row_has_a_basis_and_a_source():
    table = factors.load_tier1_factors()
    assert set(table["basis"]) <= {"cited", "derived", "assumption"}
    assert table["source"].str.len().min() > 5
    assert table.loc["co2_natural_gas", "value"] == 56100


@pytest.mark.parametrize(("map_", "n"), [("2024", 63), ("2025", 34)])
def test__load_boundaries__one_shape_per_province_or_unit(map_, n):
    shapes = load_boundaries(map_)
    assert len(shapes) == n
    assert all(len(poly[0]) >= 4 for polys in shapes.values() for poly in polys)
