"""Rolling-origin backtest of the statistical BAU models against a naive drift baseline.

Purpose
    How well would each model have forecast 1 … 5 years ahead had it been fitted on the history
    available at the time? Answers "is the statistical BAU better than extrapolating the average
    yearly change?".

Inputs
    ``series``: annual emissions by year (see :func:`analysis.emissions.forecast.check_series`);
    ``models``: names among :data:`MODELS`; ``gdp``: GDP by year, needed by ``loglog_gdp``.

Outputs
    :class:`Backtest` with ``errors`` (one row per origin, model and horizon: year, actual, forecast,
    error, ape_pct) and ``summary`` (model, horizon, n, mae, mape_pct, mae_vs_drift: MAE divided by
    the drift baseline's MAE on the same targets), plus the warnings met while fitting.

Method
    For every origin ``T`` with at least ``min_train`` years of history, each model is fitted on the
    years up to ``T`` and forecasts ``T+1 … T+max(horizons)``; forecasts are scored where the actual
    value is known. The log-log model is scored *ex post*: it is given the GDP actually observed in
    the target years (and the labelled growth assumption where GDP is missing), so it is helped by
    knowing future GDP. Everything is deterministic (no random starts).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.emissions.forecast import ForecastResult, check_series, fit_arima, fit_drift, fit_ets, fit_loglog_gdp

MODELS: dict[str, Callable[..., ForecastResult]] = {
    "drift": fit_drift,
    "ets": fit_ets,
    "arima": fit_arima,
    "loglog_gdp": fit_loglog_gdp,
}


@dataclass(frozen=True)
class Backtest:
    """Result of :func:`rolling_origin_backtest`."""

    errors: pd.DataFrame
    summary: pd.DataFrame
    warnings: tuple[str, ...]
    min_train: int
    horizons: tuple[int, ...]


def rolling_origin_backtest(series: pd.Series, models: Sequence[str] = ("ets", "arima", "loglog_gdp"), *,
                            horizons: Sequence[int] = (1, 2, 3, 4, 5), min_train: int = 15,
                            gdp: pd.Series | None = None) -> Backtest:
    """Score every model at every origin and horizon; the naive drift baseline is always included.

    Parameters
    ----------
    series : annual emissions indexed by year.
    models : model names (keys of :data:`MODELS`); ``loglog_gdp`` is skipped when ``gdp`` is None.
    horizons : forecast horizons in years.
    min_train : years of history of the first origin (the origins run from there to the last year − 1).
    gdp : GDP by year for ``loglog_gdp``.

    Returns
    -------
    Backtest
        ``summary`` columns: model, horizon, n, mae, mape_pct, mae_vs_drift (< 1: better than drift).
    """
    s = check_series(series)
    unknown = [m for m in models if m not in MODELS]
    if unknown:
        raise ValueError(f"unknown model(s) {unknown}; choose from {', '.join(MODELS)}")
    names = ["drift", *dict.fromkeys(m for m in models if m != "drift" and (m != "loglog_gdp" or gdp is not None))]
    horizons = tuple(sorted(int(h) for h in horizons))
    if not horizons or horizons[0] < 1:
        raise ValueError("horizons must be positive whole years")
    if not 3 <= min_train < len(s):
        raise ValueError(f"min_train must lie between 3 and {len(s) - 1} for a series of {len(s)} years")
    max_h, values, years = horizons[-1], s.to_numpy(), s.index.to_numpy()
    rows, caught = [], []
    for end in range(min_train, len(s)):
        train = s.iloc[:end]
        steps = min(max_h, len(s) - end)
        for name in names:
            extra = {"gdp": gdp} if name == "loglog_gdp" else {}
            res = MODELS[name](train, horizon=steps, **extra)
            caught.extend(res.warnings)
            fc = res.forecast["mean"].to_numpy()
            for h in horizons:
                if h <= steps:
                    rows.append((name, int(years[end - 1]), h, int(years[end - 1 + h]), values[end - 1 + h], fc[h - 1]))
    errors = pd.DataFrame(rows, columns=["model", "origin", "horizon", "year", "actual", "forecast"])
    errors["error"] = errors["forecast"] - errors["actual"]
    errors["ape_pct"] = 100 * np.abs(errors["error"]) / np.abs(errors["actual"])
    return Backtest(errors=errors, summary=summarise_backtest(errors, names), warnings=tuple(dict.fromkeys(caught)),
                    min_train=min_train, horizons=horizons)


def summarise_backtest(errors: pd.DataFrame, order: Sequence[str] | None = None) -> pd.DataFrame:
    """MAE, MAPE and the MAE relative to the drift baseline, per model and horizon."""
    abs_err = errors.assign(abs_error=errors["error"].abs())
    summary = (abs_err.groupby(["model", "horizon"], sort=False)
               .agg(n=("abs_error", "size"), mae=("abs_error", "mean"), mape_pct=("ape_pct", "mean"))
               .reset_index())
    drift = summary.loc[summary["model"] == "drift", ["horizon", "mae"]].rename(columns={"mae": "drift_mae"})
    summary = summary.merge(drift, on="horizon", how="left")
    summary["mae_vs_drift"] = summary["mae"] / summary["drift_mae"]
    summary = summary.drop(columns="drift_mae")
    if order is not None:
        summary["model"] = pd.Categorical(summary["model"], categories=list(order), ordered=True)
        summary = summary.sort_values(["model", "horizon"]).reset_index(drop=True)
        summary["model"] = summary["model"].astype(str)
    return summary
