"""National sector figures for any year 2010–2023: official totals, interpolation, OWID trend, structure, refusal."""

from __future__ import annotations

import pytest

from analysis.errors import InputError
from analysis.inventory import national


def _gross(year: int) -> float:
    table = national.national_sectors(year)
    return table.loc[table["sector"] != "LULUCF", "value"].sum()


@pytest.mark.parametrize(("year", "total_mt"), [(2010, 264.2), (2013, 259.0), (2014, 278.7), (2016, 316.7)])
def test__national_sectors__official_years_add_up_to_the_official_total(year, total_mt):
    table = national.national_sectors(year)
    assert _gross(year) == pytest.approx(total_mt * 1e6)
    gross = table[table["sector"] != "LULUCF"]
    assert gross["method"].str.startswith("official total;").all()
    assert table.loc[table["sector"] == "LULUCF", "method"].iloc[0].startswith("assumption")
    assert set(table["gwp"]) == {"AR5"}


def test__national_sectors__2015_is_interpolated_between_2014_and_2016_and_says_so():
    assert _gross(2015) == pytest.approx((278.7 + 316.7) / 2 * 1e6)
    assert (
        national.national_sectors(2015)["method"]
        .iloc[0]
        .startswith("interpolated between the official totals 2014 and 2016")
    )


def test__national_sectors__2019_moves_the_2016_total_with_the_owid_trend():
    """2019 = 316.7 Mt × (CO2 excl. land use + CH4 + N2O) in 2019 over 2016, from the shipped OWID rows."""
    ratio = (339.147 + 108.280 + 25.115) / (220.980 + 106.524 + 23.412)
    assert _gross(2019) == pytest.approx(316.7e6 * ratio, rel=1e-9)
    assert "Our World in Data trend 2016→2019" in national.national_sectors(2019)["method"].iloc[0]


def test__sector_structure__2010_energy_is_the_official_53_percent_and_2023_is_edgar():
    energy = list(national.energy_keys())
    assert national.sector_structure(2010)[energy].sum() == pytest.approx(0.53)
    edgar = national.edgar_shares()
    assert national.sector_structure(2023).to_dict() == pytest.approx(edgar.to_dict())
    assert edgar["Energy|Power"] == pytest.approx(30 / 102)
    for year in range(2010, 2024):
        assert national.sector_structure(year).sum() == pytest.approx(1.0)


def test__national_lulucf__ndc_bau_minus_decision_896_sector_baus():
    four = 457 / 0.674 + 64 / 0.57 + 18 / 0.393 + 86 / 0.617
    value, note = national.national_lulucf()
    assert value == pytest.approx(((925.9 + 928.3) / 2 - four) * 1e6)
    assert note.startswith("assumption")


@pytest.mark.parametrize("year", [2009, 2024, 1990])
def test__check_year__outside_2010_2023_is_refused_naming_the_range(year):
    with pytest.raises(InputError, match="2010–2023 only") as info:
        national.national_sectors(year)
    assert f"{year} is outside that range" in str(info.value)
