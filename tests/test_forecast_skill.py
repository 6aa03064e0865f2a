"""A statistical forecast is drawn and quoted only as far as its backtest shows skill (issue 21, point 2).

Skilful to horizon H: better than the drift baseline at H and on average over the horizons up to H, counting only
horizons scored at least 10 times and never beyond 2035. Viet Nam's OWID series (shipped) and Thailand's (fixture)
are the two real cases; hand-made summaries pin the rule.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.data.gdp_growth import load_gdp_growth
from analysis.data.raw import load_owid
from analysis.emissions.backtest import (
    SKILL_CAP_YEAR,
    pick_skilful_model,
    skilful_horizons,
    skill_test_horizons,
    summarise_backtest,
)
from analysis.emissions.compare import statistical_outlook
from analysis.emissions.forecast import extract_series, fit_drift, truncate_forecast

THAI = Path(__file__).parent / "fixtures" / "owid_thailand"


@pytest.fixture(scope="module")
def viet(co2, gdp):
    return statistical_outlook(co2, gdp)


@pytest.fixture(scope="module")
def thai():
    table = load_owid(THAI / "co2_gdp_1990_2023.csv")
    series = extract_series(table, "co2_mt_excl_luc")
    growth = load_gdp_growth("Thailand", THAI / "gdp_growth.csv")
    return statistical_outlook(series, table.set_index("year")["gdp_intl_usd_2011ppp"], gdp_growth=growth)


def _summary(mae: dict[str, list[float]], n: list[int] | None = None, mape: dict | None = None) -> pd.DataFrame:
    """A backtest summary by hand: MAE per model and horizon 1, 2, …, each scored 20 times unless ``n`` says
    otherwise; MAPE equal to the MAE unless given."""
    rows = []
    for model, values in mae.items():
        for h, v in enumerate(values, start=1):
            rows.append(
                {
                    "model": model,
                    "origin": 2000,
                    "horizon": h,
                    "year": 2000 + h,
                    "actual": 100.0,
                    "forecast": 100.0 + v,
                    "ape": (mape or mae)[model][h - 1],
                }
            )
    errors = pd.DataFrame(rows)
    errors["error"] = errors["forecast"] - errors["actual"]
    errors["ape_pct"] = errors.pop("ape")
    summary = summarise_backtest(errors, list(mae))
    summary["n"] = [n[h - 1] for h in summary["horizon"]] if n is not None else 20
    summary.attrs["last_year"] = 2020
    return summary


def test__skill_test_horizons__up_to_ten_scored_forecasts_or_2035():
    """34 years, 15 to fit first: 10 years is the longest horizon scored 10 times (2033 < 2035); a series ending
    2030 is tested 5 years ahead (the cap); one ending 2035 cannot be tested."""
    years = np.arange(1990, 2024)
    series = pd.Series(np.linspace(20, 330, len(years)), index=years)
    assert skill_test_horizons(series) == tuple(range(1, 11))
    later = pd.Series(np.linspace(20, 330, 41), index=np.arange(1990, 2031))
    assert skill_test_horizons(later) == (1, 2, 3, 4, 5)
    with pytest.raises(ValueError, match="no horizon can be tested"):
        skill_test_horizons(pd.Series(1.0, index=np.arange(2000, 2036)))


def test__skilful_horizons__at_the_horizon_and_on_average_up_to_it():
    """``good`` beats drift at every horizon: skilful to 4. ``late`` beats it at 3–4 only but, on average over 1–4,
    is worse: no skill. ``gap`` beats it at 1–2, loses at 3, wins at 4 and is better on average: skilful to 4 (the
    value at 4 and the path to it are both better). ``fading`` is better at 1–2, then worse: skilful to 2."""
    s = _summary(
        {
            "drift": [10, 20, 30, 40],
            "good": [5, 10, 15, 20],
            "late": [30, 40, 29, 39],
            "gap": [5, 10, 31, 30],
            "fading": [5, 10, 40, 60],
        }
    )
    skill = skilful_horizons(s).set_index("model")
    assert skill["horizon"].to_dict() == {"drift": 4, "good": 4, "late": 0, "gap": 4, "fading": 2}
    assert skill["first"].to_dict() == {"drift": 1, "good": 1, "late": 3, "gap": 1, "fading": 1}
    assert skill["until"].to_dict() == {"drift": 2024, "good": 2024, "late": 2020, "gap": 2024, "fading": 2022}
    assert skill["reason"].to_dict() == {
        "drift": "baseline",
        "good": "skilful",
        "late": "no_skill",
        "gap": "skilful",
        "fading": "skilful",
    }


def test__skilful_horizons__thin_horizons_and_years_after_the_cap_do_not_count():
    """A horizon scored 9 times does not count, nor one that reaches beyond the cap year."""
    s = _summary({"drift": [10, 20, 30, 40], "good": [5, 10, 15, 20]}, n=[12, 11, 10, 9])
    assert skilful_horizons(s).set_index("model")["horizon"].to_dict() == {"drift": 3, "good": 3}
    capped = skilful_horizons(s, cap_year=2022)
    assert capped.set_index("model")["until"].to_dict() == {"drift": 2022, "good": 2022}
    assert capped.attrs["counted"] == [1, 2]


def test__pick_skilful_model__longest_skill_then_lowest_error_else_drift():
    s = _summary({"drift": [10, 20, 30], "short": [1, 2, 40], "long": [9, 19, 29], "best": [8, 15, 20]})
    pick = pick_skilful_model(s, skilful_horizons(s))
    assert (pick.model, pick.horizon, pick.reason, pick.beating) == (
        "best",
        3,
        "beats_drift",
        ("best", "long", "short"),
    )
    none = _summary({"drift": [10, 20, 30], "worse": [11, 21, 31]})
    pick = pick_skilful_model(none, skilful_horizons(none))
    assert (pick.model, pick.horizon, pick.reason, pick.beating) == ("drift", 3, "no_model_beats_drift", ())


def test__statistical_outlook__viet_nam_arima_and_loglog_to_2033_holt_not_drawn(viet):
    """Horizons 1–10: ARIMA is worse than drift at 1–3 years and better from 4, log-log from 2, both to 10 years
    (2033) on average too; Holt beats drift only at 9–10 years and is worse on average: not drawn. The headline is
    ARIMA (0.30 × drift's error at 10 years)."""
    skill = viet.skill.set_index("model")
    assert viet.backtest.horizons == tuple(range(1, 11))
    assert skill["until"].to_dict() == {"drift": 2033, "ets": 2023, "arima": 2033, "loglog_gdp": 2033}
    assert skill.loc["arima", "first"] == 4 and skill.loc["loglog_gdp", "first"] == 2 and skill.loc["ets", "first"] == 9
    assert list(viet.drawn) == ["drift", "arima", "loglog_gdp"]
    assert (viet.pick.model, viet.until, viet.baseline_only) == ("arima", 2033, False)
    assert viet.pick.mae_vs_drift == pytest.approx(0.304, abs=1e-3)


def test__statistical_outlook__nothing_drawn_or_quoted_after_the_skilful_year(viet, thai):
    for outlook in (viet, thai):
        until = outlook.skill.set_index("model")["until"]
        for key, result in outlook.drawn.items():
            assert result.forecast["year"].max() == until[key] <= SKILL_CAP_YEAR
        table = outlook.forecast_table()
        assert (table["year"] <= table["model"].map(until)).all()
        assert np.isnan(outlook.national_value(outlook.until + 1))
        assert outlook.national_value(outlook.until) > 0


def test__statistical_outlook__thailand_baseline_only(thai):
    """No model beats drift on Thailand's series: only the baseline is drawn, as far as its error was measured."""
    assert thai.baseline_only and thai.pick.model == "drift" and list(thai.drawn) == ["drift"]
    assert (thai.skill.set_index("model").drop("drift")["horizon"] == 0).all()
    assert thai.until == 2033


def test__truncate_forecast__keeps_the_years_up_to_the_cut(co2):
    cut = truncate_forecast(fit_drift(co2, 27), 2030)
    assert cut.forecast["year"].tolist() == list(range(2024, 2031)) and cut.vintage.endswith("shown to 2030")
