"""Downscaling national sector figures to a province: shares, totals, labels, and the HCMC 2013 validation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.emissions import downscale, national
from analysis.errors import InputError


def test__national_sectors__edgar_2023_sums_to_the_gross_total():
    """EDGAR 2023 shares (printed rounded, 102 %) are normalised: sectors excl. LULUCF sum to 525 Mt."""
    frame = national.national_sectors(2023)
    gross = frame.loc[frame["sector"] != "LULUCF", "emissions_tco2e"].sum()
    assert gross == pytest.approx(525e6)
    assert frame.loc[frame["sector"] == "Energy|Power", "emissions_tco2e"].iloc[0] == pytest.approx(525e6 * 30 / 102)


def test__decision_896_bau_2030__cap_over_one_minus_cut():
    """Energy BAU 2030 = 457 / (1 − 0.326); LULUCF = NDC BAU mid-point (927.1) − the four sector BAUs."""
    bau = national.decision_896_bau_2030().set_index("sector")["bau_mtco2e"]
    assert bau["Energy"] == pytest.approx(457 / 0.674)
    assert bau["Waste"] == pytest.approx(18 / 0.393)
    four = 457 / 0.674 + 64 / 0.57 + 18 / 0.393 + 86 / 0.617
    assert bau["LULUCF"] == pytest.approx((925.9 + 928.3) / 2 - four)


def test__national_sectors__unknown_year_is_an_input_error():
    with pytest.raises(InputError, match="no national emissions figure for 2019"):
        national.national_sectors(2019)


def test__allocate_by_shares__provinces_sum_to_national_when_shares_sum_to_one():
    """Three provinces whose proxy shares add up to 1 in each sector reproduce the national totals."""
    rng = np.random.default_rng(1)
    nat = np.array([150.0, 100.0, 40.0, -48.0])
    raw = rng.random((3, 4))
    shares = raw / raw.sum(axis=0)
    provinces = downscale.allocate_by_shares(nat, shares)
    np.testing.assert_allclose(provinces.sum(axis=0), nat)


def test__downscale_inventory__brvt_2023_uses_the_documented_proxies():
    """BRVT power = national power × 3,900 / 33,485 MW; every row is labelled an indicative estimate."""
    inv = downscale.downscale_inventory("BRVT", 2023).set_index("sector")
    national_power = 525e6 * 30 / 102
    assert inv.loc["Energy|Power", "value"] == pytest.approx(national_power * 3900 / 33485)
    assert inv.loc["Energy|Residential and Commercial", "share"] == pytest.approx(1187095 / 100352143, rel=1e-6)
    assert inv["is_estimate"].all()
    assert inv["notes"].str.contains("indicative estimate — replace with the official inventory").all()
    assert inv.loc["LULUCF", "value"] < 0


def test__downscale_inventory__result_is_a_valid_inventory_file(tmp_path):
    """The estimate passes the ``inventory`` schema (so it can be dropped into a profile)."""
    from analysis.data.kinds import validate_file

    path = tmp_path / "inv.csv"
    downscale.downscale_inventory("Bình Dương", 2023).to_csv(path, index=False)
    assert len(validate_file(path, "inventory")) == 9


def test__province_shares__missing_population_names_the_file_and_year():
    with pytest.raises(InputError, match="no 'population' for Tây Ninh in 2013"):
        downscale.province_shares("Tây Ninh", 2013)


def test__validate_downscaling__hcmc_2013_errors_as_computed():
    """Published 38.5 Mt (46/45/6/3 %) against the estimate; numbers as documented in docs/downscaling.md."""
    table = downscale.validate_downscaling().set_index("category")
    assert table.loc["total", "published_mtco2e"] == pytest.approx(38.5)
    assert table.loc["transport", "published_mtco2e"] == pytest.approx(38.5 * 0.45)
    grdp_share = 0.2085  # shipped: 4,513 USD × 7.9 million / 171 bn USD, rounded to 20.85 %
    transport = 259e6 * 8 / 102 * grdp_share / 1e6
    assert table.loc["transport", "estimated_mtco2e"] == pytest.approx(transport)
    assert table.loc["transport", "error_pct"] == pytest.approx(100 * (transport - 17.325) / 17.325)
    expected_total = {"stationary energy": -52.07, "transport": -75.55, "waste": -61.65, "total": -52.22}
    for category, pct in expected_total.items():
        assert table.loc[category, "error_pct"] == pytest.approx(pct, abs=0.01)
    assert table.loc["total", "estimated_mtco2e"] == pytest.approx(
        table.loc[table.index != "total", "estimated_mtco2e"].sum())


def test__load_drivers__shipped_table_has_six_southeast_provinces():
    table = downscale.load_drivers()
    assert set(table["province"]) == {"Bà Rịa – Vũng Tàu", "TP. Hồ Chí Minh", "Bình Dương", "Đồng Nai",
                                      "Bình Phước", "Tây Ninh"}
    cited = table[~table["is_estimate"]]
    assert cited["source"].str.startswith("http").all()
    assert isinstance(table, pd.DataFrame)
