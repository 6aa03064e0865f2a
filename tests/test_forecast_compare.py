"""The province's statistical BAU (scaled national forecast) beside a driver-based Baseline."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.emissions.baseline import Baseline
from analysis.emissions.compare import compare_bau, scale_national_forecast
from analysis.emissions.forecast import fit_arima
from analysis.errors import InputError


@pytest.fixture(scope="module")
def arima(co2):
    return fit_arima(co2, horizon=7)


def _baseline(base=2020, end=2030, energy0=10e6, growth=0.05, lulucf=-1e6) -> Baseline:
    years = np.arange(base, end + 1)
    energy = energy0 * (1 + growth) ** (years - base)
    emissions = np.vstack([energy, np.full(len(years), lulucf)])
    ones = np.ones_like(emissions)
    return Baseline(
        province="Bà Rịa – Vũng Tàu",
        gwp="AR5",
        years=years,
        sectors=("Energy|Power", "LULUCF"),
        emissions=emissions,
        activity=ones,
        intensity=emissions,
        is_estimate=True,
        estimate_note="test",
        vintage="driver-based BAU frozen 2026-01-01, inputs sha256:abc",
    )


def test__scale_national_forecast__history_then_forecast_scaled_to_2020(co2, arima):
    """9 Mt in 2020; national 362.460 (2020) → 313.973 (2021): the province's 2021 value is 9 × 313.973/362.460."""
    stat = scale_national_forecast(co2, arima, base_year=2020, province_base_total=9e6, province="BR-VT")
    assert stat["year"].tolist() == list(range(2020, 2031))
    assert stat["mean"].iloc[0] == pytest.approx(9e6)
    assert stat.loc[stat["year"] == 2021, "mean"].item() == pytest.approx(9e6 * 313.973 / 362.460)
    hist = stat[stat["year"] <= 2023]
    assert (hist["lower"] == hist["mean"]).all() and (hist["upper"] == hist["mean"]).all()
    fut = stat[stat["year"] == 2030].iloc[0]
    row = arima.forecast.iloc[-1]
    assert fut["mean"] == pytest.approx(9e6 * row["mean"] / 362.460)
    assert fut["upper"] == pytest.approx(9e6 * row["upper"] / 362.460)
    assert "no provincial emission history" in stat["method"].iloc[0]
    assert arima.vintage in stat["vintage"].iloc[0]


def test__scale_national_forecast__base_year_outside_history_and_forecast_refused(co2, arima):
    with pytest.raises(InputError, match="base year 2031 is outside the national history"):
        scale_national_forecast(co2, arima, base_year=2031, province_base_total=9e6)
    with pytest.raises(InputError, match="base year 1900 is outside the national history"):
        scale_national_forecast(co2, arima, base_year=1900, province_base_total=9e6)
    with pytest.raises(InputError, match="positive"):
        scale_national_forecast(co2, arima, base_year=2020, province_base_total=0.0)


def test__scale_national_forecast__an_inventory_newer_than_the_history_is_scaled_on_the_forecast_of_its_year(
    co2, arima
):
    """A 2024 inventory, the national history to 2023: the reference is the forecast's 2024 value, said so; the
    province's own year is known (no interval), later years move as the forecast relative to 2024."""
    assert int(co2.index[-1]) == 2023
    stat = scale_national_forecast(co2, arima, base_year=2024, province_base_total=9e6, province="Đồng Nai")
    fc = arima.forecast.set_index("year")
    assert stat["year"].tolist() == list(range(2024, 2031))
    first = stat.iloc[0]
    assert first["mean"] == first["lower"] == first["upper"] == pytest.approx(9e6)
    later = stat.set_index("year").loc[2030]
    assert later["mean"] == pytest.approx(9e6 * fc.loc[2030, "mean"] / fc.loc[2024, "mean"])
    assert later["lower"] == pytest.approx(9e6 * fc.loc[2030, "lower"] / fc.loc[2024, "mean"])
    assert "the national value of 2024 is the forecast's (the history ends in 2023)" in first["method"]


def test__compare_bau__hand_worked_difference():
    """Driver-based net 2021 = 10.5 Mt − 1 Mt = 9.5 Mt; statistical 10 Mt: difference +0.5 Mt, +5.263 %."""
    base = _baseline()
    stat = pd.DataFrame(
        {
            "year": [2021, 2022],
            "mean": [10e6, 9e6],
            "lower": [9e6, 8e6],
            "upper": [11e6, 9.5e6],
            "method": "test method",
            "vintage": "stat vintage",
        }
    )
    table = compare_bau(base, stat)
    assert table["year"].tolist() == [2021, 2022]
    first = table.iloc[0]
    assert first["driver_based"] == pytest.approx(9.5e6)
    assert first["difference"] == pytest.approx(0.5e6)
    assert first["difference_pct"] == pytest.approx(100 * 0.5 / 9.5)
    assert bool(first["within_interval"]) is True
    second = table.iloc[1]  # driver-based 10e6 × 1.05² − 1e6 = 10.025e6 > upper 9.5e6
    assert second["driver_based"] == pytest.approx(10.025e6)
    assert bool(second["within_interval"]) is False
    assert table.attrs["driver_vintage"].startswith("driver-based BAU frozen")
    assert table.attrs["statistical_vintage"] == "stat vintage"
    gross = compare_bau(base, stat, measure="gross")
    assert gross["driver_based"].iloc[0] == pytest.approx(10.5e6)


def test__compare_bau__owid_arima_view_of_a_2020_baseline(co2, arima):
    """Scaled to the driver-based 2020 net total, both views agree in 2020 (difference 0)."""
    base = _baseline()
    stat = scale_national_forecast(co2, arima, base_year=2020, province_base_total=float(base.net()[0]))
    table = compare_bau(base, stat)
    assert table["year"].tolist() == list(range(2020, 2031))
    assert table["difference"].iloc[0] == pytest.approx(0.0, abs=1e-6)
    np.testing.assert_allclose(table["difference"], table["statistical"] - table["driver_based"])
    assert table.attrs["is_estimate"] is True


def test__compare_bau__no_common_year_or_missing_columns_refused():
    base = _baseline()
    with pytest.raises(InputError, match="no year in common"):
        compare_bau(base, pd.DataFrame({"year": [2040], "mean": [1.0], "lower": [1.0], "upper": [1.0]}))
    with pytest.raises(InputError, match="lacks lower, upper"):
        compare_bau(base, pd.DataFrame({"year": [2021], "mean": [1.0]}))


def test__compare_bau__frozen_brvt_bau_against_owid_arima(co2, arima):
    """The shipped frozen driver-based BAU of Bà Rịa – Vũng Tàu beside its statistical view: same value in the
    base year, one row per year to 2030, and the frozen vintage carried to the table."""
    from analysis.emissions.bau import frozen_bau
    from analysis.emissions.profile import load_profile

    base = frozen_bau(load_profile("Bà Rịa – Vũng Tàu"))
    stat = scale_national_forecast(
        co2, arima, base_year=base.base_year, province_base_total=float(base.net()[0]), province=base.province
    )
    table = compare_bau(base, stat)
    assert table["year"].tolist() == list(range(base.base_year, 2031))
    assert table["difference"].iloc[0] == pytest.approx(0.0, abs=1e-3)
    assert table.attrs["driver_vintage"] == base.vintage and base.vintage
    assert table.attrs["gwp"] == base.gwp
    assert (table["lower"] <= table["statistical"]).all() and (table["statistical"] <= table["upper"]).all()


def test__scale_national_forecast__a_net_sink_province_scales_its_gross_and_holds_its_sink(co2, arima):
    """Lai Châu's forests absorb more than it emits (net below zero): its statistical view scales the gross
    emissions by the national series and holds the land sink, so it starts at its net and is not refused."""
    from analysis.emissions.bau import frozen_bau
    from analysis.emissions.profile import load_profile

    base = frozen_bau(load_profile("Lai Châu"))
    assert base.net()[0] < 0 < base.gross()[0]
    from analysis.emissions.compare import statistical_view

    stat = statistical_view(co2, arima, base)
    table = compare_bau(base, stat)
    assert table["difference"].iloc[0] == pytest.approx(0.0, abs=1e-3)
    assert "land sink held" in stat["method"].iloc[0] and "gross" in stat["method"].iloc[0]
    growth = stat["mean"] - base.removals()[0]  # the scaled gross part follows the national series
    national = co2.loc[base.base_year :]
    assert growth.iloc[len(national) - 1] / growth.iloc[0] == pytest.approx(national.iloc[-1] / national.iloc[0])
