"""Statistical BAU models on the shipped Our World in Data Viet Nam series (co2_mt_excl_luc, 1990–2023)."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis.data.gdp_growth import load_gdp_growth
from analysis.emissions.forecast import (
    check_series,
    extend_gdp,
    extract_series,
    fit_all,
    fit_arima,
    fit_drift,
    fit_ets,
    fit_loglog_gdp,
)
from analysis.errors import InputError

FIXTURES = Path(__file__).parent / "fixtures" / "owid_thailand"


def test__extract_series__owid_co2_runs_1990_2023_and_gdp_stops_2022(owid, co2):
    """CO2 has 34 values; GDP (Maddison) is blank for 2023, so its trailing blank is dropped."""
    assert (co2.index[0], co2.index[-1], len(co2)) == (1990, 2023, 34)
    assert co2.loc[2023] == pytest.approx(334.726)
    assert extract_series(owid, "gdp_intl_usd_2011ppp").index[-1] == 2022


def test__check_series__gap_missing_and_negative_values_are_named():
    s = pd.Series([1.0, 2.0, np.nan, 4.0, -1.0, 6.0, 7.0, 8.0, 9.0], index=range(2000, 2009), name="co2")
    with pytest.raises(InputError) as err:
        check_series(s)
    text = str(err.value)
    assert "no emissions value for 2002" in text and "emissions in 2004 are -1.0" in text
    with pytest.raises(InputError, match="jumps after 2003"):
        check_series(pd.Series(np.arange(1.0, 10.0), index=[2000, 2001, 2002, 2003, 2005, 2006, 2007, 2008, 2009]))
    with pytest.raises(InputError, match="at least 8 years"):
        check_series(pd.Series([1.0, 2.0, 3.0], index=[2000, 2001, 2002]))


def test__fit_drift__hand_worked_example():
    """y = 10, 12, 15, 16: drift = (16 − 10)/3 = 2; changes 2, 3, 1 have sd 1.

    h = 1: 16 + 2 = 18, half-width z·1·sqrt(1·(1 + 1/3)); h = 2: 20, z·sqrt(2·(1 + 2/3)).
    """
    res = fit_drift(pd.Series([10.0, 12.0, 15.0, 16.0], index=[2020, 2021, 2022, 2023]), horizon=2, coverage=0.9)
    z = stats.norm.ppf(0.95)
    assert res.forecast["year"].tolist() == [2024, 2025]
    np.testing.assert_allclose(res.forecast["mean"], [18.0, 20.0])
    np.testing.assert_allclose(
        res.forecast["upper"] - res.forecast["mean"], [z * np.sqrt(4 / 3), z * np.sqrt(2 * 5 / 3)]
    )


def test__fit_arima__owid_forecast_is_ordered_and_widening(co2):
    res = fit_arima(co2, horizon=7)
    fc = res.forecast
    assert fc["year"].tolist() == list(range(2024, 2031))
    assert (fc["lower"] < fc["mean"]).all() and (fc["mean"] < fc["upper"]).all()
    assert np.all(np.diff(fc["upper"] - fc["lower"]) > 0)
    # drift on log CO2 is close to the mean log growth 1990–2023: ln(334.726/21.299)/33 = 0.0835
    assert res.params["x1"] == pytest.approx(np.log(334.726 / 21.299) / 33, abs=0.01)
    assert res.fitted_years == (1990, 2023)
    assert "co2_mt_excl_luc 1990–2023" in res.vintage


def test__fit_arima__wider_coverage_gives_wider_interval(co2):
    narrow, wide = fit_arima(co2, horizon=3, coverage=0.8), fit_arima(co2, horizon=3, coverage=0.95)
    assert (wide.forecast["upper"] > narrow.forecast["upper"]).all()
    assert (wide.forecast["lower"] < narrow.forecast["lower"]).all()
    np.testing.assert_allclose(wide.forecast["mean"], narrow.forecast["mean"])


def test__fit_arima__convergence_warning_recorded_not_emitted(co2):
    """ARIMA(3,1,3) on 34 points does not converge: the warning is kept in the result, not shown."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = fit_arima(co2, horizon=2, order=(3, 1, 3))
    assert any("ConvergenceWarning" in w for w in res.warnings)


def test__fit_ets__holt_on_log_owid(co2):
    res = fit_ets(co2, horizon=5)
    fc = res.forecast
    assert res.label == "ETS(A,A,N) on log"
    assert (fc["lower"] < fc["mean"]).all() and (fc["mean"] < fc["upper"]).all()
    # Holt on logs: a constant growth factor between consecutive forecast years
    ratios = fc["mean"].to_numpy()[1:] / fc["mean"].to_numpy()[:-1]
    np.testing.assert_allclose(ratios, ratios[0], rtol=1e-9)
    assert 1.0 < ratios[0] < 1.15
    damped = fit_ets(co2, horizon=5, damped=True)
    assert "damping_trend" in damped.params


def test__fit_loglog_gdp__2023_left_out_and_equals_polyfit(co2, gdp):
    """GDP is blank in 2023: the fit uses 1990–2022; the elasticity equals an independent polyfit."""
    res = fit_loglog_gdp(co2, gdp, horizon=3)
    assert res.fitted_years == (1990, 2022)
    assert any("2023" in a and "left out" in a for a in res.assumptions)
    assert any(a.startswith("ASSUMPTION") and "5.05%" in a and "Viet Nam" in a for a in res.assumptions)
    years = np.arange(1990, 2023)
    slope, intercept = np.polyfit(np.log(gdp.loc[years]), np.log(co2.loc[years]), 1)
    assert res.params["gdp_elasticity"] == pytest.approx(slope, rel=1e-9)
    assert res.params["const"] == pytest.approx(intercept, rel=1e-9)
    # 2024 GDP = GDP 2022 × 1.0505 × 1.0709; forecast = exp(a + b ln GDP 2024)
    gdp_2024 = gdp.loc[2022] * 1.0505 * 1.0709  # GSO 2023 and 2024, data/raw/national/gdp_growth.csv
    assert res.forecast["mean"].iloc[0] == pytest.approx(np.exp(intercept + slope * np.log(gdp_2024)), rel=1e-9)


def test__fit_loglog_gdp__zero_growth_assumption_gives_flat_forecast(co2, gdp):
    res = fit_loglog_gdp(co2, gdp, horizon=4, gdp_growth=0.0)
    np.testing.assert_allclose(res.forecast["mean"], res.forecast["mean"].iloc[0])
    assert any("0.00%" in a for a in res.assumptions)


def test__extend_gdp__fills_after_last_observed_year(gdp):
    path, notes = extend_gdp(gdp, 2026, {2023: 0.05}, long_run_growth=0.10)
    assert path.loc[2023] == pytest.approx(gdp.loc[2022] * 1.05)
    assert path.loc[2026] == pytest.approx(gdp.loc[2022] * 1.05 * 1.1**3)
    assert "2023 5.00%" in notes[0] and "2024–2026 10.00%" in notes[0]


def test__fit_all__four_models_without_warnings_on_owid(co2, gdp):
    results = fit_all(co2, gdp, horizon=7)
    assert set(results) == {"drift", "ets", "arima", "loglog_gdp"}
    for res in results.values():
        assert res.forecast["year"].iloc[-1] == 2030
        assert (res.forecast["mean"] > 0).all()


def test__load_gdp_growth__viet_nam_observed_and_target_rows():
    g = load_gdp_growth("Vietnam")
    assert g.country == "Viet Nam" and g.file == "data/raw/national/gdp_growth.csv"
    assert g.rates == pytest.approx({2023: 0.0505, 2024: 0.0709})
    assert g.kinds == {2023: "observed", 2024: "observed"}
    assert (g.long_run, g.long_run_from, g.long_run_kind) == (pytest.approx(0.07), 2025, "target")
    assert g.rate(2040) == pytest.approx(0.07) and g.rate(2022) is None
    assert any("gso.gov.vn" in src for src in g.sources)


def test__load_gdp_growth__bad_rows_are_located(write):
    header = "country,year_from,year_to,growth_pct,kind,source,source_url\n"
    path = write("g.csv", header + "X,2020,2022,3,observed,s,u\nX,2022,2022,4,guess,s,u\nX,2021,,5,target,s,u\n")
    with pytest.raises(InputError) as err:
        load_gdp_growth("X", path)
    text = str(err.value)
    assert "row 3" in text and "'guess'" in text  # kind not allowed
    assert "overlaps the one ending 2022" in text and "starts in 2021, not after its last dated year" in text
    with pytest.raises(InputError, match="no GDP growth for 'Laos'"):
        load_gdp_growth("Laos")


def test__extend_gdp__another_countrys_growth_and_a_gap_no_rate_covers(gdp):
    thai = load_gdp_growth("Thailand", FIXTURES / "gdp_growth.csv")
    path, notes = extend_gdp(gdp, 2023, thai)
    assert path.loc[2023] == pytest.approx(gdp.loc[2022] * 1.019)
    assert "2023 1.90%" in notes[0] and "Thailand" in notes[0]
    with pytest.raises(InputError, match="missing for 2024 .* has no rate for it"):
        extend_gdp(gdp, 2024, thai)
    with pytest.raises(InputError, match="missing for 2024 .* has no rate for it"):
        extend_gdp(gdp, 2024, {2023: 0.02})
