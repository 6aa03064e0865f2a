"""Two views of a province's BAU side by side: driver-based and statistical, with their difference.

Purpose
    Show how far the frozen driver-based BAU (:class:`~analysis.emissions.baseline.Baseline`) lies from
    what the national emission trend alone would suggest, so "8 % below which BAU?" has a checked answer.

Inputs
    A national emissions history (Series by year) and a statistical forecast of it
    (:class:`~analysis.emissions.forecast.ForecastResult`); the province's base-year total; a
    driver-based :class:`Baseline`.

Outputs
    :func:`scale_national_forecast` — the province's statistical BAU (``year, mean, lower, upper, method,
    vintage``). No provincial emission history exists, so it is the province's base-year total times the
    national path relative to the national base-year value; the ``method`` column says so.
    :func:`compare_bau` — ``year, driver_based, statistical, lower, upper, difference, difference_pct,
    within_interval``: ``difference = statistical − driver_based`` and ``difference_pct`` is relative to
    the driver-based BAU. The two vintages go in ``attrs``.

    :func:`choose_statistical_forecast` — the forecast to use as the headline statistical BAU: the model the
    backtest shows beating the naive drift baseline by most, else drift itself (never a model that loses to drift).

    :func:`statistical_outlook` — what a report may draw and quote of the statistical forecasts: every model
    backtested to 2035 at most, each cut at its skilful year (:func:`analysis.emissions.backtest.skilful_horizons`),
    the models without skill left out, drift (the baseline) kept, and the headline among the skilful ones.
    :func:`bau_views` — the three views of a province's BAU by year over the driver-based BAU's years: driver-based,
    statistical (empty after its skilful year), national pace (:mod:`analysis.emissions.national_bau`).

Caveat
    The national statistical view follows fossil and cement CO2 (OWID ``co2_mt_excl_luc``); applying its
    growth to a provincial CO2e total assumes the other gases and sectors grow alike.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.emissions.backtest import (
    MIN_SCORED,
    MODELS,
    SKILL_CAP_YEAR,
    Backtest,
    HeadlinePick,
    cached_backtest,
    pick_headline_model,
    pick_skilful_model,
    skilful_horizons,
    skill_test_horizons,
)
from analysis.emissions.baseline import Baseline
from analysis.emissions.forecast import (
    DEFAULT_COVERAGE,
    ForecastResult,
    GrowthInput,
    check_series,
    truncate_forecast,
)
from analysis.emissions.national_bau import NationalPace, national_pace, project_national_pace
from analysis.errors import InputError, Issue
from analysis.units import T_PER_MT

MEASURES = ("net", "gross")


def scale_national_forecast(
    national: pd.Series,
    forecast: ForecastResult,
    *,
    base_year: int,
    province_base_total: float,
    province: str = "province",
    removals: float = 0.0,
) -> pd.DataFrame:
    """The province's statistical BAU: ``province_base_total × national[t] / national[base_year] + removals``.

    Parameters
    ----------
    national : national emissions history by year (the series the forecast was fitted on).
    forecast : statistical forecast of ``national``.
    base_year : the province's base year: in the national history, or in its forecast when the province's inventory
        is newer than the history (the forecast's value of that year is then the reference, and the method says so).
    province_base_total : the province's (gross) emissions in ``base_year`` (its units are the output's units).
    province : name used in the method text.
    removals : the province's land sink in ``base_year`` (≤ 0), held at that value and added to every year: the
        national series is CO2 without land use, so it scales gross emissions only, and a province whose forests
        absorb more than it emits (net below zero) still gets a statistical view.

    Returns
    -------
    DataFrame
        ``year, mean, lower, upper, method, vintage`` from ``base_year`` to the end of the forecast;
        history years have ``lower = upper = mean``.
    """
    hist = check_series(national, source="national emissions series")
    fc = forecast.forecast
    forecast_years = set(fc["year"].astype(int))
    # an inventory newer than the national history (a 2024 inventory, the history to 2023): the national value of
    # its base year is the forecast's, and the method says so
    anchored_on_forecast = (
        base_year not in hist.index and base_year > int(hist.index[-1]) and base_year in forecast_years
    )
    if base_year not in hist.index and not anchored_on_forecast:
        raise InputError(
            [
                Issue(
                    file="national emissions series",
                    rule="base year in history",
                    value=base_year,
                    message=f"the province's base year {base_year} is outside the national history "
                    f"({hist.index[0]}–{hist.index[-1]}) and its forecast; the scaling needs the national value "
                    "of the base year",
                )
            ]
        )
    if not np.isfinite(province_base_total) or province_base_total <= 0:
        raise InputError(
            [
                Issue(
                    file="province inventory",
                    rule="positive base-year total",
                    value=province_base_total,
                    message="the province's base-year total must be a positive number",
                )
            ]
        )
    if int(fc["year"].iloc[0]) != int(hist.index[-1]) + 1:
        raise ValueError("the forecast must start the year after the national history ends")
    past = hist.loc[base_year:]
    ahead = fc[fc["year"].astype(int) >= base_year]
    path = pd.DataFrame({"year": np.concatenate([past.index.to_numpy(), ahead["year"].to_numpy()]).astype(int)})
    for col in ("mean", "lower", "upper"):
        path[col] = np.concatenate([past.to_numpy(), ahead[col].to_numpy()])
    if anchored_on_forecast:
        reference = float(ahead["mean"].iloc[0])
        path.loc[0, ["lower", "upper"]] = reference  # the province's base year is its inventory: known
    else:
        reference = float(hist.loc[base_year])
    scale = province_base_total / reference
    path[["mean", "lower", "upper"]] *= scale
    path[["mean", "lower", "upper"]] += removals
    held = f"; land sink held at {removals:.6g}" if removals else ""
    anchor = (
        f"; the national value of {base_year} is the forecast's (the history ends in {int(hist.index[-1])})"
        if anchored_on_forecast
        else ""
    )
    path["method"] = (
        f"statistical: {province} {base_year} {'gross ' if removals else ''}total × national "
        f"{hist.name or 'series'} relative to {base_year} ({forecast.label}, {forecast.coverage:.0%} interval){held}"
        f"{anchor}; no provincial emission history exists"
    )
    path["vintage"] = f"{forecast.vintage}; scaled to {province} {base_year} = {province_base_total:.6g}"
    return path


def statistical_view(national: pd.Series, forecast: ForecastResult, baseline) -> pd.DataFrame:
    """The statistical BAU view of ``baseline``'s province: its base-year gross emissions scaled by the national
    series, its land sink held (:func:`scale_national_forecast`); a net-sink province gets one too."""
    return scale_national_forecast(
        national,
        forecast,
        base_year=baseline.base_year,
        province_base_total=float(baseline.gross()[0]),
        province=baseline.province,
        removals=float(baseline.removals()[0]),
    )


def choose_statistical_forecast(
    results: Mapping[str, ForecastResult], summary: pd.DataFrame, horizon: int | None = None
) -> tuple[ForecastResult, HeadlinePick]:
    """The headline statistical forecast and why: ``results[pick.model]`` with ``pick`` from
    :func:`~analysis.emissions.backtest.pick_headline_model` on the backtest ``summary`` (drift when no model beats
    it at ``horizon``, default the longest backtested).

    ``results`` are the fitted models (:func:`~analysis.emissions.forecast.fit_all`); the picked model must be among
    them (fit drift too).
    """
    pick = pick_headline_model(summary, horizon)
    if pick.model not in results:
        raise ValueError(
            f"the backtest picks '{pick.model}', which is not among the fitted models "
            f"({', '.join(results)}); fit it too"
        )
    return results[pick.model], pick


def compare_bau(
    driver_baseline: Baseline, statistical: pd.DataFrame, *, measure: str = "net", national: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Driver-based and statistical BAU by year, with their difference, and — given ``national``
    (:func:`analysis.emissions.national_bau.project_national_pace`) — the third view: the province grown at the
    national BAU's pace (column ``national_trajectory``), and the range of the three (``low``, ``high``). Only the
    years both first views cover; :func:`bau_views` keeps every year of the driver-based BAU.

    Parameters
    ----------
    driver_baseline : the frozen driver-based BAU.
    statistical : ``year, mean, lower, upper`` in the baseline's units (see :func:`scale_national_forecast`).
    measure : ``"net"`` (all sectors, LULUCF included) or ``"gross"`` (see :meth:`Baseline.gross`).

    Returns
    -------
    DataFrame
        One row per year both views cover: ``year, driver_based, statistical, lower, upper, difference,
        difference_pct, within_interval``; ``attrs`` holds ``driver_vintage``, ``statistical_vintage``,
        ``statistical_method``, ``gwp``, ``measure``, ``is_estimate``.
    """
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}")
    missing = {"year", "mean", "lower", "upper"} - set(statistical.columns)
    if missing:
        raise InputError(
            [
                Issue(
                    file="statistical BAU table",
                    rule="required columns",
                    message=f"the statistical BAU table lacks {', '.join(sorted(missing))}",
                )
            ]
        )
    totals = driver_baseline.net() if measure == "net" else driver_baseline.gross()
    driver = pd.DataFrame({"year": driver_baseline.years.astype(int), "driver_based": totals})
    stat = statistical[["year", "mean", "lower", "upper"]].rename(columns={"mean": "statistical"})
    table = driver.merge(stat.assign(year=stat["year"].astype(int)), on="year", how="inner")
    if table.empty:
        raise InputError(
            [
                Issue(
                    file="statistical BAU table",
                    rule="overlapping years",
                    message=f"the statistical BAU ({statistical['year'].min()}–"
                    f"{statistical['year'].max()}) "
                    f"and the driver-based BAU ({driver_baseline.years[0]}–"
                    f"{driver_baseline.years[-1]}) have no year in common",
                )
            ]
        )
    table["difference"] = table["statistical"] - table["driver_based"]
    with np.errstate(divide="ignore", invalid="ignore"):
        table["difference_pct"] = 100 * table["difference"] / table["driver_based"]
    table["within_interval"] = (table["driver_based"] >= table["lower"]) & (table["driver_based"] <= table["upper"])
    if national is not None:
        views = national[["year", "net_mtco2e"]].assign(national_trajectory=national["net_mtco2e"] * T_PER_MT)
        table = table.merge(views[["year", "national_trajectory"]], on="year", how="left")
        trio = table[["driver_based", "statistical", "national_trajectory"]]
        table["low"], table["high"] = trio.min(axis=1), trio.max(axis=1)
    table.attrs.update(
        {
            "driver_vintage": driver_baseline.vintage,
            "driver_method": driver_baseline.method,
            "statistical_vintage": _first(statistical, "vintage"),
            "statistical_method": _first(statistical, "method"),
            "gwp": driver_baseline.gwp,
            "measure": measure,
            "is_estimate": driver_baseline.is_estimate,
            "estimate_note": driver_baseline.estimate_note,
        }
    )
    return table


def _first(frame: pd.DataFrame, column: str) -> str:
    return str(frame[column].iloc[0]) if column in frame.columns and len(frame) else ""


@dataclass(frozen=True)
class StatisticalOutlook:
    """The statistical forecasts of a national series as a report may show them (:func:`statistical_outlook`).

    ``backtest``: the skill backtest; ``skill``: :func:`~analysis.emissions.backtest.skilful_horizons` of it;
    ``pick``: the headline (:func:`~analysis.emissions.backtest.pick_skilful_model`); ``drawn``: the forecasts that
    may be drawn, drift first, each cut at its skilful year (a model without skill is absent).
    """

    series: pd.Series
    backtest: Backtest
    skill: pd.DataFrame
    pick: HeadlinePick
    drawn: dict[str, ForecastResult]

    @property
    def headline(self) -> ForecastResult:
        """The headline statistical forecast, cut at its skilful year."""
        return self.drawn[self.pick.model]

    @property
    def until(self) -> int:
        """The last year the headline statistical forecast may be drawn or quoted."""
        return int(self.series.index.max()) + self.pick.horizon

    @property
    def baseline_only(self) -> bool:
        """No model beats the drift baseline: the report shows the baseline alone and says so."""
        return self.pick.reason == "no_model_beats_drift"

    @property
    def last_year(self) -> int:
        """The last year of the national history."""
        return int(self.series.index.max())

    def national_value(self, year: int) -> float:
        """The national series in ``year``: history, else the headline forecast's median; NaN after its skilful year."""
        if year in self.series.index:
            return float(self.series.loc[year])
        fc = self.headline.forecast.set_index("year")["mean"]
        return float(fc.loc[year]) if year in fc.index else float("nan")

    def forecast_table(self) -> pd.DataFrame:
        """Every forecast that may be drawn, long: ``model, year, mean, lower, upper`` (each only to its skilful year)."""
        frames = [r.forecast.assign(model=key) for key, r in self.drawn.items()]
        return pd.concat(frames, ignore_index=True)[["model", "year", "mean", "lower", "upper"]]


def statistical_outlook(
    series: pd.Series,
    gdp: pd.Series | None = None,
    *,
    models: Sequence[str] = ("ets", "arima", "loglog_gdp"),
    cap_year: int = SKILL_CAP_YEAR,
    min_train: int = 15,
    min_scored: int = MIN_SCORED,
    coverage: float = DEFAULT_COVERAGE,
    gdp_growth: GrowthInput = None,
    long_run_growth: float | None = None,
) -> StatisticalOutlook:
    """Backtest every model on ``series`` up to ``cap_year`` (:func:`~analysis.emissions.backtest.skill_test_horizons`,
    cached), find how far each beats the drift baseline, fit them and keep each only to its skilful year.

    ``gdp`` (with ``gdp_growth``, ``long_run_growth``) is needed by the log-log model, which is left out without it.
    Nothing is drawn or quoted after ``cap_year``; where no model beats drift, only drift is kept.
    """
    s = check_series(series)
    horizons = skill_test_horizons(s, cap_year=cap_year, min_train=min_train, min_scored=min_scored)
    extra = {"gdp_growth": gdp_growth, "long_run_growth": long_run_growth}
    bt = cached_backtest(s, models=tuple(models), horizons=horizons, min_train=min_train, gdp=gdp, **extra)
    skill = skilful_horizons(bt.summary, last_year=int(s.index.max()), cap_year=cap_year, min_scored=min_scored)
    pick = pick_skilful_model(bt.summary, skill)
    drawn = {}
    for row in skill[skill["horizon"] > 0].itertuples(index=False):
        options = {"gdp": gdp, **extra} if row.model == "loglog_gdp" else {}
        fitted = MODELS[row.model](s, horizon=int(row.horizon), coverage=coverage, **options)
        drawn[str(row.model)] = truncate_forecast(fitted, int(row.until))
    return StatisticalOutlook(series=s, backtest=bt, skill=skill, pick=pick, drawn=drawn)


def bau_views(driver_baseline: Baseline, statistical: pd.DataFrame, national: pd.DataFrame) -> pd.DataFrame:
    """The three views of a province's BAU over the driver-based BAU's years (t CO2e, net).

    Parameters
    ----------
    driver_baseline : the frozen driver-based BAU.
    statistical : ``year, mean, lower, upper`` (:func:`statistical_view` of the outlook's headline forecast, already
        cut at its skilful year): after its last year the statistical columns are empty, never extrapolated.
    national : ``year, net_mtco2e`` (:func:`analysis.emissions.national_bau.project_national_pace`).

    Returns
    -------
    DataFrame
        ``year, driver_based, statistical, lower, upper, national_trajectory, low, high`` (``low``/``high``: the
        range of the views given that year); ``attrs``: ``statistical_until`` (the last year with a statistical
        value), the driver vintage and method, the statistical method and vintage, ``gwp``, ``is_estimate``.
    """
    table = pd.DataFrame({"year": driver_baseline.years.astype(int), "driver_based": driver_baseline.net()})
    stat = statistical[["year", "mean", "lower", "upper"]].rename(columns={"mean": "statistical"})
    table = table.merge(stat.assign(year=stat["year"].astype(int)), on="year", how="left")
    pace = national[["year", "net_mtco2e"]].assign(year=national["year"].astype(int))
    table = table.merge(pace, on="year", how="left")
    table["national_trajectory"] = table.pop("net_mtco2e") * T_PER_MT
    trio = table[["driver_based", "statistical", "national_trajectory"]]
    table["low"], table["high"] = trio.min(axis=1), trio.max(axis=1)
    known = table.loc[table["statistical"].notna(), "year"]
    table.attrs.update(
        {
            "statistical_until": int(known.max()) if len(known) else None,
            "driver_vintage": driver_baseline.vintage,
            "driver_method": driver_baseline.method,
            "statistical_vintage": _first(statistical, "vintage"),
            "statistical_method": _first(statistical, "method"),
            "gwp": driver_baseline.gwp,
            "measure": "net",
            "is_estimate": driver_baseline.is_estimate,
            "estimate_note": driver_baseline.estimate_note,
        }
    )
    return table


@dataclass(frozen=True)
class BauViews:
    """The three views of a province's BAU (:func:`compare_views`): ``table`` (:func:`bau_views`), the statistical
    ``outlook`` behind the second and the ``pace`` behind the third."""

    table: pd.DataFrame
    outlook: StatisticalOutlook
    pace: NationalPace


def compare_views(baseline: Baseline, series: pd.Series, gdp: pd.Series | None = None, **outlook_options) -> BauViews:
    """The three views of ``baseline``'s BAU: driver-based, statistical (``series`` — the national emissions history
    — forecast by the headline skilful model, scaled to the province, cut at its skilful year; see
    :func:`statistical_outlook`, whose options ``outlook_options`` are) and the national pace
    (:func:`analysis.emissions.national_bau.national_pace`)."""
    outlook = statistical_outlook(series, gdp, **outlook_options)
    pace = national_pace(baseline)
    table = bau_views(
        baseline, statistical_view(outlook.series, outlook.headline, baseline), project_national_pace(baseline)
    )
    return BauViews(table=table, outlook=outlook, pace=pace)
