"""Statistical BAU: forecasts of a national emissions series with prediction intervals.

Purpose
    A second, purely statistical view of "business as usual" beside the driver-based BAU: what the
    history of the series alone (or its link to GDP) says about the coming years.

Inputs
    ``series``: annual emissions indexed by year (e.g. Our World in Data ``co2_mt_excl_luc``, Mt CO2),
    contiguous years, positive values. :func:`extract_series` takes it from the OWID table.
    ``gdp`` (log-log model only): GDP by year; missing years (OWID's 2023) are filled with a GDP growth
    path (:class:`~analysis.data.gdp_growth.GdpGrowth`, a rate, or rates by year). Without one, Viet Nam's
    cited path is used (``data/raw/national/gdp_growth.csv``: GSO 2023–2024, then the 7 %/yr target of the
    Socio-Economic Development Strategy 2021–2030) and the assumption note names it: pass another country's growth
    when the series is not Viet Nam's.

Outputs
    A :class:`ForecastResult`: tidy forecast table ``year, mean, lower, upper`` at the requested
    coverage, plus model information (AIC, parameters, warnings raised while fitting, assumptions,
    vintage).

Models (statsmodels)
    ``loglog_gdp``  OLS of log E on log GDP (elasticity); intervals are OLS prediction intervals.
    ``ets``         Holt's linear trend (ETS(A,A,N), optionally damped) on log E.
    ``arima``       ARIMA(p,1,q) with drift on log E (default (1,1,0)).
    ``drift``       naive random walk with drift on the level (the benchmark of the backtest).

Models on log E return the back-transformed point forecast (the median) in ``mean``. Convergence
and other estimation warnings are caught and stored in ``ForecastResult.warnings``, never printed.
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from scipy import stats

from analysis.data.gdp_growth import GdpGrowth, load_gdp_growth
from analysis.errors import InputError, Issue

DEFAULT_COVERAGE = 0.90  # 5–95 % range ("very likely" in IPCC calibrated language)
MIN_YEARS = 8
GrowthInput = GdpGrowth | float | Mapping[int, float] | None


@dataclass(frozen=True)
class ForecastResult:
    """One model's forecast with its model information.

    Attributes
    ----------
    model : key of the model (``loglog_gdp``, ``ets``, ``arima``, ``drift``).
    label : human-readable model description.
    forecast : DataFrame ``year, mean, lower, upper`` (units of the input series).
    coverage : nominal coverage of ``lower``–``upper`` (0.9 = 90 %).
    aic : Akaike information criterion (NaN when not defined); comparable only within one model family.
    params : estimated parameters.
    warnings : messages of warnings raised while fitting (e.g. non-convergence).
    assumptions : labelled assumptions the forecast depends on.
    fitted_years : first and last year used in the fit.
    vintage : identifies model, data and fit window ("below which BAU?").
    """

    model: str
    label: str
    forecast: pd.DataFrame
    coverage: float
    aic: float
    params: dict[str, float]
    warnings: tuple[str, ...] = ()
    assumptions: tuple[str, ...] = ()
    fitted_years: tuple[int, int] = (0, 0)
    vintage: str = field(default="")


def truncate_forecast(result: ForecastResult, until: int) -> ForecastResult:
    """``result`` with its forecast years after ``until`` removed (the last year it may be drawn or quoted, e.g. its
    skilful year from :func:`analysis.emissions.backtest.skilful_horizons`); the vintage names the cut."""
    kept = result.forecast[result.forecast["year"] <= int(until)].reset_index(drop=True)
    return replace(result, forecast=kept, vintage=f"{result.vintage}; shown to {int(until)}")


def extract_series(
    table: pd.DataFrame, column: str = "co2_mt_excl_luc", *, source: str = "emissions table"
) -> pd.Series:
    """Take one column of a ``year``-keyed table as a float Series indexed by year (trailing blanks dropped)."""
    if column not in table.columns or "year" not in table.columns:
        raise InputError(
            [
                Issue(
                    file=source,
                    rule="required column",
                    column=column,
                    message=f"the table needs the columns 'year' and '{column}'",
                )
            ]
        )
    s = pd.Series(
        pd.to_numeric(table[column], errors="coerce").to_numpy(dtype=float),
        index=pd.Index(table["year"].astype(int).to_numpy(), name="year"),
        name=column,
    ).sort_index()
    last = s.last_valid_index()
    return s.loc[:last] if last is not None else s.iloc[:0]


def check_series(series: pd.Series, *, source: str = "emissions series", min_years: int = MIN_YEARS) -> pd.Series:
    """Return ``series`` as float indexed by int year, or raise :class:`InputError` in analyst's words."""
    name = str(series.name or "value")
    issues: list[Issue] = []
    s = pd.Series(
        pd.to_numeric(series, errors="coerce").to_numpy(dtype=float),
        index=pd.Index(np.asarray(series.index, dtype=int), name="year"),
        name=series.name,
    ).sort_index()
    years = s.index.to_numpy()
    if len(s) < min_years:
        issues.append(
            Issue(
                file=source,
                rule="enough history",
                column=name,
                message=f"a statistical forecast needs at least {min_years} years of history; the series has {len(s)}",
            )
        )
    elif np.any(np.diff(years) != 1):
        gap = int(years[np.flatnonzero(np.diff(years) != 1)[0]])
        issues.append(
            Issue(
                file=source,
                rule="contiguous years",
                column=name,
                message=f"years must follow each other without gaps; the series jumps after {gap}",
            )
        )
    for y in years[np.isnan(s.to_numpy())]:
        issues.append(
            Issue(
                file=source,
                rule="no missing values",
                column=name,
                value=int(y),
                message=f"no emissions value for {int(y)}; fill or drop it before forecasting",
            )
        )
    for y, v in zip(years[s.to_numpy() <= 0], s.to_numpy()[s.to_numpy() <= 0], strict=True):
        issues.append(
            Issue(
                file=source,
                rule="positive emissions",
                column=name,
                value=float(v),
                message=f"emissions in {int(y)} are {v}; the models work on logarithms and need "
                "positive values (do not forecast net LULUCF this way)",
            )
        )
    if issues:
        raise InputError(issues)
    return s


def _vintage(model: str, label: str, s: pd.Series, coverage: float) -> str:
    digest = hashlib.sha256(
        np.ascontiguousarray(s.to_numpy(dtype=float)).tobytes()
        + np.ascontiguousarray(s.index.to_numpy(dtype=np.int64)).tobytes()
    ).hexdigest()
    return (
        f"statistical:{model} [{label}] on {s.name or 'series'} {s.index[0]}–{s.index[-1]}, "
        f"coverage {coverage:.0%}, data sha256:{digest[:12]}"
    )


def _result(
    model, label, s, years, mean, lower, upper, coverage, aic, params, caught, assumptions=(), fitted=None
) -> ForecastResult:
    frame = pd.DataFrame({"year": years.astype(int), "mean": mean, "lower": lower, "upper": upper})
    msgs = tuple(dict.fromkeys(f"{w.category.__name__}: {w.message}" for w in caught))
    fitted = fitted or (int(s.index[0]), int(s.index[-1]))
    return ForecastResult(
        model=model,
        label=label,
        forecast=frame,
        coverage=coverage,
        aic=float(aic),
        params={k: float(v) for k, v in params.items()},
        warnings=msgs,
        assumptions=tuple(assumptions),
        fitted_years=fitted,
        vintage=_vintage(model, label, s, coverage),
    )


def _future_years(s: pd.Series, horizon: int) -> np.ndarray:
    if horizon < 1:
        raise ValueError("horizon must be at least 1 year")
    return np.arange(s.index[-1] + 1, s.index[-1] + horizon + 1)


def fit_drift(series: pd.Series, horizon: int = 10, coverage: float = DEFAULT_COVERAGE) -> ForecastResult:
    """Naive random walk with drift on the level: ``y[T+h] = y[T] + h * (y[T] - y[1]) / (T - 1)``.

    Interval: ``± z * sigma * sqrt(h * (1 + h / (T - 1)))`` with ``sigma`` the standard deviation of the
    year-on-year changes (Hyndman & Athanasopoulos, *Forecasting: Principles and Practice*, 3rd ed., §5.5).
    """
    s = check_series(series, min_years=3)
    y = s.to_numpy()
    diffs = np.diff(y)
    drift, sigma = diffs.mean(), diffs.std(ddof=1)
    h = np.arange(1, horizon + 1)
    mean = y[-1] + h * drift
    half = stats.norm.ppf(0.5 + coverage / 2) * sigma * np.sqrt(h * (1 + h / len(diffs)))
    return _result(
        "drift",
        "random walk with drift (level)",
        s,
        _future_years(s, horizon),
        mean,
        mean - half,
        mean + half,
        coverage,
        np.nan,
        {"drift": drift, "sigma": sigma},
        [],
    )


def fit_ets(
    series: pd.Series, horizon: int = 10, coverage: float = DEFAULT_COVERAGE, *, damped: bool = False
) -> ForecastResult:
    """Holt's linear trend, ETS(A,A,N) (or ETS(A,Ad,N) when ``damped``), on log emissions."""
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    s = check_series(series)
    logy = pd.Series(np.log(s.to_numpy()))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = ETSModel(logy, error="add", trend="add", damped_trend=damped).fit(disp=False)
        pred = res.get_prediction(start=len(logy), end=len(logy) + horizon - 1).summary_frame(alpha=1 - coverage)
    label = f"ETS(A,{'Ad' if damped else 'A'},N) on log"
    return _result(
        "ets",
        label,
        s,
        _future_years(s, horizon),
        np.exp(pred["mean"].to_numpy()),
        np.exp(pred["pi_lower"].to_numpy()),
        np.exp(pred["pi_upper"].to_numpy()),
        coverage,
        res.aic,
        dict(zip(res.param_names, np.asarray(res.params), strict=True)),
        caught,
    )


def fit_arima(
    series: pd.Series, horizon: int = 10, coverage: float = DEFAULT_COVERAGE, *, order: tuple[int, int, int] = (1, 1, 0)
) -> ForecastResult:
    """ARIMA on log emissions, with drift when differenced once (constant growth rate plus AR/MA noise)."""
    from statsmodels.tsa.arima.model import ARIMA

    s = check_series(series)
    p, d, q = order
    if d not in (0, 1):
        raise ValueError("use d = 0 or d = 1 for annual emissions (d = 2 extrapolates growth acceleration)")
    trend = "t" if d == 1 else "ct"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = ARIMA(np.log(s.to_numpy()), order=order, trend=trend).fit()
        fc = res.get_forecast(horizon)
        mean = fc.predicted_mean
        ci = fc.conf_int(alpha=1 - coverage)
    return _result(
        "arima",
        f"ARIMA({p},{d},{q}) with drift on log",
        s,
        _future_years(s, horizon),
        np.exp(mean),
        np.exp(ci[:, 0]),
        np.exp(ci[:, 1]),
        coverage,
        res.aic,
        dict(zip(res.param_names, np.asarray(res.params), strict=True)),
        caught,
    )


def _growth_rates(growth: GrowthInput, long_run_growth: float | None) -> tuple[GdpGrowth, str]:
    """The growth path as :class:`GdpGrowth` and the words naming where it comes from."""
    if growth is None:
        growth = load_gdp_growth()
    if isinstance(growth, GdpGrowth):
        origin = growth.describe()
        if long_run_growth is not None:
            growth = replace(growth, long_run=long_run_growth, long_run_from=-10_000, long_run_kind="assumption")
            origin += f"; long-run rate replaced by {long_run_growth:.2%} (given)"
        return growth, origin
    if isinstance(growth, Mapping):
        rates = {int(y): float(r) for y, r in growth.items()}
        return GdpGrowth(
            country="given", rates=rates, long_run=long_run_growth, long_run_from=-10_000
        ), "rates given by the caller"
    return GdpGrowth(
        country="given", rates={}, long_run=float(growth), long_run_from=-10_000
    ), "a rate given by the caller"


def extend_gdp(
    gdp: pd.Series, last_year: int, growth: GrowthInput = None, long_run_growth: float | None = None
) -> tuple[pd.Series, list[str]]:
    """GDP through ``last_year``: observed values, then grown by a GDP growth path.

    ``growth`` is a :class:`~analysis.data.gdp_growth.GdpGrowth` (e.g. another country's, from
    :func:`~analysis.data.gdp_growth.load_gdp_growth`), one rate for every missing year, or rates by year
    (with ``long_run_growth`` for the years they do not cover); ``None`` uses Viet Nam's cited path. A missing
    year that no rate covers is an :class:`InputError`. Returns the path and the assumptions used (one sentence).
    """
    g = pd.Series(
        pd.to_numeric(gdp, errors="coerce").to_numpy(dtype=float), index=np.asarray(gdp.index, dtype=int)
    ).sort_index()
    observed = g.dropna()
    if observed.empty:
        raise InputError([Issue(file="GDP series", rule="GDP history", message="the GDP series has no values")])
    years = np.arange(int(observed.index[0]), max(last_year, int(observed.index[-1])) + 1)
    path = g.reindex(years)
    gaps = np.flatnonzero(path.isna().to_numpy())
    if not len(gaps):
        return path, []
    rates, origin = _growth_rates(growth, long_run_growth)
    filled: list[list] = []  # [first year, last year, rate] stretches
    for i in gaps:
        y = int(years[i])
        rate = rates.rate(y)
        if rate is None:
            raise InputError(
                [
                    Issue(
                        file=rates.file or "GDP growth",
                        column="year",
                        value=y,
                        rule="growth for every missing GDP year",
                        message=f"GDP is missing for {y} and the growth path "
                        f"({origin}) has no rate for it: give one, or a long-run rate",
                    )
                ]
            )
        path.iloc[i] = path.iloc[i - 1] * (1 + rate)
        if filled and filled[-1][2] == rate and filled[-1][1] == y - 1:
            filled[-1][1] = y
        else:
            filled.append([y, y, rate])
    text = ", ".join(f"{a}{'' if a == b else f'–{b}'} {r:.2%}" for a, b, r in filled)
    return path, [
        f"ASSUMPTION: GDP missing from the data is grown at real rates of {text} ({origin}); growth in "
        "constant local prices is applied to GDP in international dollars as if equal"
    ]


def fit_loglog_gdp(
    series: pd.Series,
    gdp: pd.Series,
    horizon: int = 10,
    coverage: float = DEFAULT_COVERAGE,
    *,
    gdp_growth: GrowthInput = None,
    long_run_growth: float | None = None,
) -> ForecastResult:
    """OLS ``log E = a + b log GDP``; forecast along a GDP path (observed, then ``gdp_growth``, see :func:`extend_gdp`).

    Years with emissions but no GDP (OWID 2023) are left out of the fit and named in the assumptions.
    The OLS prediction interval ignores autocorrelated residuals and GDP uncertainty: it is too narrow
    (the Durbin–Watson statistic is stored in ``params``).
    """
    import statsmodels.api as sm
    from statsmodels.stats.stattools import durbin_watson

    s = check_series(series)
    future = _future_years(s, horizon)
    path, notes = extend_gdp(gdp, int(future[-1]), gdp_growth, long_run_growth)
    observed = pd.Series(
        pd.to_numeric(gdp, errors="coerce").to_numpy(dtype=float), index=np.asarray(gdp.index, dtype=int)
    ).dropna()
    fit_years = s.index.intersection(observed.index)
    if len(fit_years) < MIN_YEARS:
        raise InputError(
            [
                Issue(
                    file="GDP series",
                    rule="overlapping history",
                    message=f"emissions and GDP overlap in {len(fit_years)} years; "
                    f"the log-log model needs at least {MIN_YEARS}",
                )
            ]
        )
    dropped = [int(y) for y in s.index.difference(fit_years)]
    if dropped:
        notes.append(f"years without GDP left out of the fit: {', '.join(map(str, dropped))}")
    x = sm.add_constant(np.log(observed.loc[fit_years].to_numpy()))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = sm.OLS(np.log(s.loc[fit_years].to_numpy()), x).fit()
        pred = res.get_prediction(sm.add_constant(np.log(path.loc[future].to_numpy()), has_constant="add"))
        frame = pred.summary_frame(alpha=1 - coverage)
    params = {
        "const": res.params[0],
        "gdp_elasticity": res.params[1],
        "r2": res.rsquared,
        "durbin_watson": durbin_watson(res.resid),
    }
    return _result(
        "loglog_gdp",
        "log-log OLS on GDP",
        s,
        future,
        np.exp(frame["mean"].to_numpy()),
        np.exp(frame["obs_ci_lower"].to_numpy()),
        np.exp(frame["obs_ci_upper"].to_numpy()),
        coverage,
        res.aic,
        params,
        caught,
        notes,
        (int(fit_years[0]), int(fit_years[-1])),
    )


def fit_all(
    series: pd.Series,
    gdp: pd.Series | None = None,
    horizon: int = 10,
    coverage: float = DEFAULT_COVERAGE,
    **loglog_options,
) -> dict[str, ForecastResult]:
    """Every model on one series (the log-log model only when ``gdp`` is given), keyed by model name."""
    out = {
        "drift": fit_drift(series, horizon, coverage),
        "ets": fit_ets(series, horizon, coverage),
        "arima": fit_arima(series, horizon, coverage),
    }
    if gdp is not None:
        out["loglog_gdp"] = fit_loglog_gdp(series, gdp, horizon, coverage, **loglog_options)
    return out
