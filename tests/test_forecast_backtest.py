"""Rolling-origin backtest on the shipped OWID Viet Nam CO2 series."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.emissions.backtest import rolling_origin_backtest


@pytest.fixture(scope="module")
def backtest(owid, co2):
    gdp = owid.set_index("year")["gdp_intl_usd_2011ppp"]
    return rolling_origin_backtest(co2, ("ets", "arima", "loglog_gdp"), gdp=gdp)


def test__rolling_origin_backtest__table_shape_and_counts(backtest):
    """34 years, first origin after 15: 19 origins; horizon h is scored at 34 − 15 − h + 1 origins."""
    s = backtest.summary
    assert s["model"].unique().tolist() == ["drift", "ets", "arima", "loglog_gdp"]
    assert s.loc[s["model"] == "drift", "n"].tolist() == [19, 18, 17, 16, 15]
    np.testing.assert_allclose(s.loc[s["model"] == "drift", "mae_vs_drift"], 1.0)
    assert list(s.columns) == ["model", "horizon", "n", "mae", "mape_pct", "mae_vs_drift", "beats_drift"]


def test__rolling_origin_backtest__drift_error_hand_worked(backtest, co2):
    """Origin 2004 (1990–2004 known): drift forecast of 2005 = 88.939 + (88.939 − 21.299)/14 = 93.770."""
    row = backtest.errors.query("model == 'drift' and origin == 2004 and horizon == 1").iloc[0]
    assert row["year"] == 2005
    assert row["forecast"] == pytest.approx(88.939 + (88.939 - 21.299) / 14)
    assert row["error"] == pytest.approx(row["forecast"] - 95.846)
    assert row["ape_pct"] == pytest.approx(100 * abs(row["forecast"] - 95.846) / 95.846)


def test__rolling_origin_backtest__mae_and_mape_recomputed_from_errors(backtest):
    e = backtest.errors.query("model == 'arima' and horizon == 3")
    row = backtest.summary.query("model == 'arima' and horizon == 3").iloc[0]
    assert row["mae"] == pytest.approx(np.mean(np.abs(e["forecast"] - e["actual"])))
    assert row["mape_pct"] == pytest.approx(100 * np.mean(np.abs(e["forecast"] - e["actual"]) / e["actual"]))


def test__rolling_origin_backtest__loglog_beats_drift_beyond_one_year_on_owid(backtest):
    """Ex post (GDP known), the GDP elasticity model has lower MAE than drift at horizons 2–5."""
    s = backtest.summary.query("model == 'loglog_gdp' and horizon >= 2")
    assert (s["mae_vs_drift"] < 1).all()


def test__rolling_origin_backtest__deterministic(co2):
    a = rolling_origin_backtest(co2, ("arima",), horizons=(1, 3), min_train=25)
    b = rolling_origin_backtest(co2, ("arima",), horizons=(1, 3), min_train=25)
    pd.testing.assert_frame_equal(a.errors, b.errors)


def test__rolling_origin_backtest__loglog_skipped_without_gdp_and_bad_options_rejected(co2):
    res = rolling_origin_backtest(co2, ("loglog_gdp",), horizons=(1,), min_train=30)
    assert res.summary["model"].tolist() == ["drift"]
    with pytest.raises(ValueError, match="unknown model"):
        rolling_origin_backtest(co2, ("prophet",))
    with pytest.raises(ValueError, match="min_train"):
        rolling_origin_backtest(co2, ("arima",), min_train=34)


def test__rolling_origin_backtest__documented_table_matches_code(backtest):
    """docs/forecast_and_lmdi.md shows the OWID backtest; it must be the table the code produces today."""
    from analysis import paths

    text = (paths.PROJECT_ROOT / "docs" / "forecast_and_lmdi.md").read_text(encoding="utf-8")
    block = text.split("<!-- backtest-table:start -->")[1].split("<!-- backtest-table:end -->")[0]
    rows = [line.strip("|").split("|") for line in block.strip().splitlines()[2:]]
    documented = [
        (m.strip(), int(h), int(n), float(mae), float(mape), float(ratio), beats.strip())
        for m, h, n, mae, mape, ratio, beats in rows
    ]
    computed = [
        (
            r.model,
            r.horizon,
            r.n,
            round(r.mae, 1),
            round(r.mape_pct, 1),
            round(r.mae_vs_drift, 2),
            "baseline" if r.model == "drift" else ("**yes**" if r.beats_drift else "no"),
        )
        for r in backtest.summary.itertuples()
    ]
    assert documented == computed
