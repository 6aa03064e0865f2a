"""Rolling-origin backtest of the statistical BAU models against a naive drift baseline.

Purpose
    How well would each model have forecast 1 … 5 years ahead had it been fitted on the history
    available at the time? Answers "is the statistical BAU better than extrapolating the average
    yearly change?".

Inputs
    ``series``: annual emissions by year (see :func:`analysis.emissions.forecast.check_series`);
    ``models``: names among :data:`MODELS`; ``gdp``: GDP by year, needed by ``loglog_gdp``, and ``gdp_growth``:
    the growth that fills GDP years the series lacks — the series' own country's
    (:func:`analysis.data.gdp_growth.load_gdp_growth`); without it Viet Nam's cited path is used and named.

Outputs
    :class:`Backtest` with ``errors`` (one row per origin, model and horizon: year, actual, forecast,
    error, ape_pct) and ``summary`` (model, horizon, n, mae, mape_pct, mae_vs_drift: MAE divided by
    the drift baseline's MAE on the same targets, beats_drift), plus the warnings and assumptions met while fitting.
    Drift is the baseline: a model *beats drift* at a horizon when both its MAE and its MAPE there are lower than
    drift's (``beats_drift``; False for drift itself, the baseline). :func:`pick_headline_model` picks the statistical BAU to
    show as the headline: the model that beats drift by most at the relevant horizon, else drift, with the reason.

Skill
    A statistical forecast is drawn and quoted only as far as the backtest shows skill (issue 21):
    :func:`skill_test_horizons` gives the horizons worth testing (up to :data:`SKILL_CAP_YEAR`, each scored at
    least :data:`MIN_SCORED` times), :func:`skilful_horizons` each model's skilful horizon — the end of the first
    unbroken run of horizons at which it beats drift (0: never) — and :func:`pick_skilful_model` the headline among
    the skilful models (drift when there is none). Drift, the baseline, is drawn as far as its error was measured.

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

from analysis.emissions.forecast import (
    ForecastResult,
    GrowthInput,
    check_series,
    fit_arima,
    fit_drift,
    fit_ets,
    fit_loglog_gdp,
)

MODELS: dict[str, Callable[..., ForecastResult]] = {
    "drift": fit_drift,
    "ets": fit_ets,
    "arima": fit_arima,
    "loglog_gdp": fit_loglog_gdp,
}


BASELINE = "drift"
SKILL_CAP_YEAR = 2035  # issue 21: no statistical forecast is drawn or quoted beyond 2035, whatever its backtest
# A horizon counts for skill only when at least this many forecasts were scored at it (a method choice of this
# project: the origins of a longer horizon are fewer and all from the earliest years, so say little).
MIN_SCORED = 10


@dataclass(frozen=True)
class Backtest:
    """Result of :func:`rolling_origin_backtest` (``summary.attrs``: series, first_year, first_origin, last_year)."""

    errors: pd.DataFrame
    summary: pd.DataFrame
    warnings: tuple[str, ...]
    min_train: int
    horizons: tuple[int, ...]
    assumptions: tuple[str, ...] = ()


@dataclass(frozen=True)
class HeadlinePick:
    """The statistical model to show as the headline statistical BAU, and why.

    ``reason``: ``"beats_drift"`` (``model`` beats drift by most at ``horizon``) or ``"no_model_beats_drift"``
    (``model`` is drift). ``beating``: the models that beat drift there, best first. ``mae_vs_drift`` and
    ``mape_pct`` are the picked model's; ``drift_mape_pct`` the baseline's.
    """

    model: str
    horizon: int
    reason: str
    beating: tuple[str, ...]
    mae_vs_drift: float
    mape_pct: float
    drift_mape_pct: float


def rolling_origin_backtest(
    series: pd.Series,
    models: Sequence[str] = ("ets", "arima", "loglog_gdp"),
    *,
    horizons: Sequence[int] = (1, 2, 3, 4, 5),
    min_train: int = 15,
    gdp: pd.Series | None = None,
    gdp_growth: GrowthInput = None,
    long_run_growth: float | None = None,
) -> Backtest:
    """Score every model at every origin and horizon; the naive drift baseline is always included.

    Parameters
    ----------
    series : annual emissions indexed by year.
    models : model names (keys of :data:`MODELS`); ``loglog_gdp`` is skipped when ``gdp`` is None.
    horizons : forecast horizons in years.
    min_train : years of history of the first origin (the origins run from there to the last year − 1).
    gdp : GDP by year for ``loglog_gdp``.
    gdp_growth, long_run_growth : growth filling the GDP years ``gdp`` lacks (see
        :func:`analysis.emissions.forecast.extend_gdp`); give the series' own country's growth.

    Returns
    -------
    Backtest
        ``summary`` columns: model, horizon, n, mae, mape_pct, mae_vs_drift (< 1: lower error than drift),
        beats_drift (MAE and MAPE both below drift's; False for drift, the baseline).
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
    rows, caught, assumed = [], [], []
    extra = {"gdp": gdp, "gdp_growth": gdp_growth, "long_run_growth": long_run_growth}
    for end in range(min_train, len(s)):
        train = s.iloc[:end]
        steps = min(max_h, len(s) - end)
        for name in names:
            res = MODELS[name](train, horizon=steps, **(extra if name == "loglog_gdp" else {}))
            caught.extend(res.warnings)
            assumed.extend(a for a in res.assumptions if a.startswith("ASSUMPTION"))
            fc = res.forecast["mean"].to_numpy()
            for h in horizons:
                if h <= steps:
                    rows.append((name, int(years[end - 1]), h, int(years[end - 1 + h]), values[end - 1 + h], fc[h - 1]))
    errors = pd.DataFrame(rows, columns=["model", "origin", "horizon", "year", "actual", "forecast"])
    errors["error"] = errors["forecast"] - errors["actual"]
    errors["ape_pct"] = 100 * np.abs(errors["error"]) / np.abs(errors["actual"])
    summary = summarise_backtest(errors, names)
    summary.attrs.update(
        {
            "series": str(s.name or ""),
            "first_year": int(years[0]),
            "first_origin": int(years[min_train - 1]),
            "last_year": int(years[-1]),
        }
    )
    return Backtest(
        errors=errors,
        summary=summary,
        warnings=tuple(dict.fromkeys(caught)),
        min_train=min_train,
        horizons=horizons,
        assumptions=tuple(dict.fromkeys(assumed)),
    )


def cached_backtest(series: pd.Series, **kwargs) -> Backtest:
    """:func:`rolling_origin_backtest` of ``series`` with ``kwargs``, kept in :mod:`analysis.cache` under the
    series and arguments themselves (every province's BAU report scores the same national series)."""
    from analysis.cache import cached

    return cached(
        "backtest", lambda: rolling_origin_backtest(series, **kwargs), files=(), key=(series, kwargs), returns=Backtest
    )


def summarise_backtest(errors: pd.DataFrame, order: Sequence[str] | None = None) -> pd.DataFrame:
    """MAE, MAPE, the MAE relative to the drift baseline and whether the model beats drift, per model and horizon."""
    abs_err = errors.assign(abs_error=errors["error"].abs())
    summary = (
        abs_err.groupby(["model", "horizon"], sort=False)
        .agg(n=("abs_error", "size"), mae=("abs_error", "mean"), mape_pct=("ape_pct", "mean"))
        .reset_index()
    )
    drift = summary.loc[summary["model"] == BASELINE, ["horizon", "mae", "mape_pct"]]
    summary = summary.merge(
        drift.rename(columns={"mae": "drift_mae", "mape_pct": "drift_mape"}), on="horizon", how="left"
    )
    summary["mae_vs_drift"] = summary["mae"] / summary["drift_mae"]
    beats = (summary["mae"] < summary["drift_mae"]) & (summary["mape_pct"] < summary["drift_mape"])
    summary["beats_drift"] = (beats & (summary["model"] != BASELINE)).astype(bool)
    summary = summary.drop(columns=["drift_mae", "drift_mape"])
    if order is not None:
        summary["model"] = pd.Categorical(summary["model"], categories=list(order), ordered=True)
        summary = summary.sort_values(["model", "horizon"]).reset_index(drop=True)
        summary["model"] = summary["model"].astype(str)
    return summary


def pick_headline_model(summary: pd.DataFrame, horizon: int | None = None) -> HeadlinePick:
    """The headline statistical model: the one that beats drift by most (lowest ``mae_vs_drift``) at ``horizon``,
    else drift.

    ``horizon`` defaults to the longest horizon backtested: the statistical BAU is read years ahead, and the
    longest horizon scored is the nearest to that use. A model that does not beat drift is never picked.
    """
    if "beats_drift" not in summary.columns:
        raise ValueError("the summary has no beats_drift column: make it with summarise_backtest")
    h = int(horizon if horizon is not None else summary["horizon"].max())
    at = summary[summary["horizon"] == h]
    if at.empty or BASELINE not in set(at["model"]):
        raise ValueError(
            f"no drift baseline scored at a {h}-year horizon (horizons: {sorted(summary['horizon'].unique())})"
        )
    drift = at[at["model"] == BASELINE].iloc[0]
    beating = at[at["beats_drift"].astype(bool)].sort_values("mae_vs_drift", kind="stable")
    best = beating.iloc[0] if len(beating) else drift
    return HeadlinePick(
        model=str(best["model"]),
        horizon=h,
        reason="beats_drift" if len(beating) else "no_model_beats_drift",
        beating=tuple(str(m) for m in beating["model"]),
        mae_vs_drift=float(best["mae_vs_drift"]),
        mape_pct=float(best["mape_pct"]),
        drift_mape_pct=float(drift["mape_pct"]),
    )


def skill_test_horizons(
    series: pd.Series, *, cap_year: int = SKILL_CAP_YEAR, min_train: int = 15, min_scored: int = MIN_SCORED
) -> tuple[int, ...]:
    """The horizons a skill backtest of ``series`` scores: 1 year up to the cap (``cap_year`` − the last year) or the
    longest horizon the history scores at least ``min_scored`` times (``len − min_train − h + 1 ≥ min_scored``),
    whichever is shorter. Viet Nam's 1990–2023 series: 1–10 (10 forecasts at 10 years; 2035 would need 12).

    Raises ``ValueError`` when the series ends at or after ``cap_year`` or is too short to score one horizon.
    """
    last = int(series.index.max())
    longest = min(cap_year - last, len(series) - min_train - min_scored + 1)
    if longest < 1:
        raise ValueError(
            f"no horizon can be tested: the series ends {last} (cap {cap_year}) and has {len(series)} years "
            f"({min_train} to fit first, each horizon scored at least {min_scored} times)"
        )
    return tuple(range(1, longest + 1))


def _counted(summary: pd.DataFrame, last_year: int, cap_year: int, min_scored: int) -> list[int]:
    drift = summary[summary["model"] == BASELINE]
    ok = drift[(drift["n"] >= min_scored) & (drift["horizon"] + last_year <= cap_year)]
    return sorted(int(h) for h in ok["horizon"])


def skilful_horizons(
    summary: pd.DataFrame,
    *,
    last_year: int | None = None,
    cap_year: int = SKILL_CAP_YEAR,
    min_scored: int = MIN_SCORED,
) -> pd.DataFrame:
    """How far each model of a backtest may be drawn and quoted: one row per model of ``summary``.

    Only the *counted* horizons take part: scored at least ``min_scored`` times and reaching no later than
    ``cap_year`` (``last_year`` + horizon; ``last_year`` defaults to ``summary.attrs["last_year"]``). A model is
    skilful to horizon H when, at H, it beats drift (``beats_drift``: lower MAE and lower MAPE) *and*, over every
    counted horizon from 1 to H together, its mean MAE and mean MAPE are below drift's: the value it gives for year
    ``last_year + H`` is closer to what happened than the baseline's, and so is the path drawn up to it. Its skilful
    horizon is the longest such H. On Viet Nam's series ARIMA (worse than drift at 1–3 years, better from 4) is
    skilful to 10 years; Holt's ETS, better than drift only at 9–10 years and worse on average over the path, is
    not skilful. Drift, the baseline, reaches the longest counted horizon (its error is measured there).

    Returns
    -------
    DataFrame
        ``model, first, horizon, until, reason`` — ``first``: the first counted horizon at which the model beats
        drift (0 when none; 1 for drift); ``horizon``: the skilful horizon in years (0: no skill); ``until``: the
        last year it may be drawn or quoted (``last_year`` + ``horizon``; ``last_year`` itself when none);
        ``reason``: ``baseline``, ``skilful`` or ``no_skill``. ``attrs``: ``last_year``, ``cap_year``,
        ``min_scored``, ``counted`` (the counted horizons).
    """
    if "beats_drift" not in summary.columns:
        raise ValueError("the summary has no beats_drift column: make it with summarise_backtest")
    if last_year is None:
        if "last_year" not in summary.attrs:
            raise ValueError("give last_year: the summary does not say when its series ends")
        last_year = int(summary.attrs["last_year"])
    counted = _counted(summary, last_year, cap_year, min_scored)
    drift = summary[summary["model"] == BASELINE].set_index("horizon").reindex(counted)
    rows = []
    for model in dict.fromkeys(summary["model"]):
        if model == BASELINE:
            longest = counted[-1] if counted else 0
            rows.append((model, 1 if counted else 0, longest, "baseline"))
            continue
        own = summary[summary["model"] == model].set_index("horizon").reindex(counted)
        wins = [h for h in counted if bool(own.loc[h, "beats_drift"])]
        path_mae = own["mae"].cumsum() < drift["mae"].cumsum()
        path_mape = own["mape_pct"].cumsum() < drift["mape_pct"].cumsum()
        skilful = [h for h in wins if path_mae[h] and path_mape[h]]
        horizon = skilful[-1] if skilful else 0
        rows.append((model, wins[0] if wins else 0, horizon, "skilful" if horizon else "no_skill"))
    table = pd.DataFrame(rows, columns=["model", "first", "horizon", "reason"])
    table.insert(3, "until", last_year + table["horizon"])
    table.attrs.update(
        {"last_year": int(last_year), "cap_year": int(cap_year), "min_scored": int(min_scored), "counted": counted}
    )
    return table


def pick_skilful_model(summary: pd.DataFrame, skill: pd.DataFrame) -> HeadlinePick:
    """The headline statistical model among the skilful ones (:func:`skilful_horizons`): the longest skilful
    horizon, then the lowest error relative to drift there; drift when no model has skill.

    ``horizon`` of the pick is its skilful horizon (drift's: the longest counted); ``beating`` lists the skilful
    models, best first.
    """
    skilful = skill[skill["reason"] == "skilful"]
    drift_row = skill[skill["model"] == BASELINE]
    if drift_row.empty or not int(drift_row["horizon"].iloc[0]):
        raise ValueError("the backtest has no counted horizon for the drift baseline: nothing can be drawn")
    at = summary.set_index(["model", "horizon"])
    ranked = sorted(
        skilful.itertuples(index=False),
        key=lambda r: (-int(r.horizon), float(at.loc[(r.model, r.horizon), "mae_vs_drift"])),
    )
    if ranked:
        model, horizon, reason = str(ranked[0].model), int(ranked[0].horizon), "beats_drift"
    else:
        model, horizon, reason = BASELINE, int(drift_row["horizon"].iloc[0]), "no_model_beats_drift"
    return HeadlinePick(
        model=model,
        horizon=horizon,
        reason=reason,
        beating=tuple(str(r.model) for r in ranked),
        mae_vs_drift=float(at.loc[(model, horizon), "mae_vs_drift"]),
        mape_pct=float(at.loc[(model, horizon), "mape_pct"]),
        drift_mape_pct=float(at.loc[(BASELINE, horizon), "mape_pct"]),
    )
