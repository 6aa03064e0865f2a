"""Charts of the statistical BAU, its backtest, the two BAU views and the LMDI decomposition.

Inputs are the engines' outputs (:mod:`analysis.emissions.forecast`, :mod:`~analysis.emissions.backtest`,
:mod:`~analysis.emissions.compare`, :mod:`~analysis.emissions.lmdi`); every function takes ``lang``
(``"vi"`` or ``"en"``) and returns a matplotlib Figure with a title, units and a source line.

- :func:`plot_forecasts` — history and each model's forecast with its prediction interval;
- :func:`plot_backtest` — backtest error (MAPE or MAE) by horizon and model against the drift baseline: drift in
  grey with its level marked across each horizon, models that beat it solid, models that do not faded and hatched;
- :func:`plot_bau_comparison` — the three BAU views in one chart (the statistical one only to its skilful year);
- :func:`plot_lmdi_waterfall` — from E0 to E1 through the effect of each factor.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from analysis.emissions.forecast import ForecastResult
from analysis.emissions.lmdi import Decomposition
from analysis.i18n import fmt_number, fmt_percent, fmt_vintage, has_text, t
from analysis.viz.shared import drawn_once
from analysis.viz.style import (
    HIGHLIGHT,
    MUTED,
    OKABE_ITO,
    finish,
    localise_axis,
    new_figure,
    scenario_color,
)

MODEL_COLORS = {
    "drift": OKABE_ITO["grey"],
    "ets": OKABE_ITO["blue"],
    "arima": OKABE_ITO["vermillion"],
    "loglog_gdp": OKABE_ITO["green"],
}


def _number_axis(ax, lang: str) -> None:
    """Tick labels in the ``lang`` number format (decimals only where a tick needs them)."""
    localise_axis(ax.yaxis, lang)
    ax.set_axisbelow(True)


def _model_label(model: str, lang: str) -> str:
    key = f"fc_model_{model}"
    return t(key, lang) if has_text(key) else model


def _factor_label(factor: str, lang: str) -> str:
    key = f"fc_factor_{factor}"
    return t(key, lang) if has_text(key) else factor.replace("_", " ")


@drawn_once
def plot_forecasts(
    history: pd.Series,
    results: Mapping[str, ForecastResult],
    *,
    lang: str = "vi",
    start_year: int | None = 2000,
    title: str | None = None,
    source: str | None = None,
    unit: str | None = None,
    until_in_labels: bool = True,
):
    """History (black) and each model's forecast (line) with its prediction interval (band), each as far as it is
    given (:attr:`analysis.emissions.compare.StatisticalOutlook.drawn`: cut at its skilful year); the legend names
    each model's last year unless ``until_in_labels`` is False."""
    fig, ax = new_figure(0.6)
    hist = history.dropna()
    if start_year is not None:
        hist = hist.loc[start_year:]
    ax.plot(hist.index, hist.to_numpy(), color=OKABE_ITO["black"], lw=1.8, label=t("fc_observed", lang))
    last_year, last_value = hist.index[-1], hist.iloc[-1]
    for key, res in results.items():
        fc = res.forecast
        color = MODEL_COLORS.get(res.model, scenario_color(key))
        # univariate models start from the last observation; the regression line does not pass through it
        joined = res.model != "loglog_gdp"
        years = np.concatenate([[last_year] if joined else [], fc["year"].to_numpy()])
        means = np.concatenate([[last_value] if joined else [], fc["mean"].to_numpy()])
        label = _model_label(res.model, lang)
        if until_in_labels and len(fc):
            label = t("fc_model_until", lang, model=label, year=int(fc["year"].max()))
        ax.plot(years, means, color=color, lw=1.4, label=label)
        ax.fill_between(fc["year"], fc["lower"], fc["upper"], color=color, alpha=0.12, lw=0)
    coverage = next(iter(results.values())).coverage if results else 0.9
    ax.fill_between(
        [], [], [], color=MUTED, alpha=0.5, label=t("fc_interval", lang, pct=fmt_percent(100 * coverage, lang, 0))
    )
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper left", ncol=2)
    _number_axis(ax, lang)
    return finish(
        fig,
        ax,
        title=title or t("fc_title", lang),
        source=source or t("fc_source_owid", lang),
        lang=lang,
        xlabel=t("year", lang),
        ylabel=unit or t("fc_mtco2", lang),
    )


def _beats(summary: pd.DataFrame, metric: str) -> pd.Series:
    """Whether each row beats drift: the backtest's ``beats_drift`` when present, else a lower ``metric``."""
    if "beats_drift" in summary.columns:
        return summary["beats_drift"].astype(bool) & (summary["model"] != "drift")
    drift = summary[summary["model"] == "drift"].set_index("horizon")[metric]
    return (summary["model"] != "drift") & (summary[metric] < summary["horizon"].map(drift))


@drawn_once
def plot_backtest(
    summary: pd.DataFrame,
    *,
    lang: str = "vi",
    metric: str = "mape_pct",
    title: str | None = None,
    source: str | None = None,
    first_origin: int | None = None,
    last_year: int | None = None,
    unit: str | None = None,
):
    """Grouped bars: backtest error by horizon (x) and model (colour); ``metric`` is ``mape_pct`` or ``mae``.

    Drift is the baseline: its bars are grey and a dashed line marks its level across each horizon group. A model
    that beats drift there (``beats_drift``: lower MAE and MAPE) is drawn solid, one that does not faded and hatched.
    ``first_origin`` and ``last_year`` default to the summary's ``attrs``.
    """
    from matplotlib.patches import Patch

    fig, ax = new_figure(0.55)
    models = list(dict.fromkeys(summary["model"]))
    horizons = sorted(summary["horizon"].unique())
    width = 0.8 / max(len(models), 1)
    x = np.arange(len(horizons))
    beats = summary.assign(_beats=_beats(summary, metric))
    handles = []
    for i, model in enumerate(models):
        rows = beats[beats["model"] == model].set_index("horizon").reindex(horizons)
        color = MODEL_COLORS.get(model, scenario_color(model))
        win = rows["_beats"].fillna(False).astype(bool).to_numpy() | (model == "drift")
        bars = ax.bar(
            x + (i - (len(models) - 1) / 2) * width,
            rows[metric].to_numpy(),
            width * 0.95,
            color=color,
            edgecolor=color,
            linewidth=0.8,
        )
        for bar, solid in zip(bars, win, strict=True):
            if not solid:
                bar.set_alpha(0.35)
                bar.set_hatch("///")
        label = t("fc_drift_baseline", lang) if model == "drift" else _model_label(model, lang)
        handles.append(Patch(facecolor=color, edgecolor=color, label=label))
    if "drift" in models:
        level = summary[summary["model"] == "drift"].set_index("horizon").reindex(horizons)[metric].to_numpy()
        ax.hlines(level, x - 0.42, x + 0.42, colors=OKABE_ITO["black"], linestyles="--", linewidth=0.9)
        handles.append(_level_handle(t("fc_drift_level", lang)))
    key = OKABE_ITO["grey"]
    handles += [
        Patch(facecolor=key, edgecolor=key, label=t("fc_beats_drift", lang)),
        Patch(facecolor=key, edgecolor=key, alpha=0.35, hatch="///", label=t("fc_not_beats_drift", lang)),
    ]
    ax.set_xticks(x, [str(h) for h in horizons])
    ax.grid(axis="x", visible=False)
    ax.set_ylim(0, float(np.nanmax(summary[metric])) * 1.45)
    ax.legend(handles=handles, loc="upper left", ncol=2, fontsize=7.5)
    _number_axis(ax, lang)
    ylabel = t("fc_mape_pct", lang) if metric == "mape_pct" else t("fc_mae", lang, unit=unit or t("fc_mtco2", lang))
    first_origin = first_origin or summary.attrs.get("first_origin")
    last_year = last_year or summary.attrs.get("last_year")
    default = t("fc_backtest_title", lang, first=first_origin or "", last=last_year or "").replace(" (–)", "")
    return finish(
        fig,
        ax,
        title=title or default,
        source=source or t("fc_source_owid", lang),
        lang=lang,
        xlabel=t("fc_horizon", lang),
        ylabel=ylabel,
    )


def _level_handle(label: str):
    """A legend handle for the dashed drift level."""
    from matplotlib.lines import Line2D

    return Line2D([], [], color=OKABE_ITO["black"], linestyle="--", linewidth=0.9, label=label)


def plot_bau_comparison(
    table: pd.DataFrame,
    *,
    lang: str = "vi",
    province: str = "",
    year: int | None = None,
    scale: float = 1e-6,
    unit: str | None = None,
    title: str | None = None,
    source: str = "",
):
    """The three views of the BAU in one chart: driver-based, statistical (with its interval, drawn only to its
    skilful year) and national pace, with each view's value marked in ``year`` (the target year).

    ``table`` comes from :func:`analysis.emissions.compare.bau_views` (t CO2e; the statistical columns empty after
    ``attrs["statistical_until"]``) or :func:`~analysis.emissions.compare.compare_bau`; ``scale`` converts to the
    plotted unit (1e-6: Mt CO2e).
    """
    fig, ax = new_figure(0.55)
    unit = unit or t("mtco2e_per_year", lang)
    y = table["year"].to_numpy()
    until = table.attrs.get("statistical_until")
    stat = table.dropna(subset=["statistical"])
    colors = {
        "driver_based": scenario_color("bau"),
        "statistical": OKABE_ITO["blue"],
        "national_trajectory": OKABE_ITO["orange"],
    }
    ax.plot(y, table["driver_based"] * scale, color=colors["driver_based"], lw=1.8, label=t("fc_driver_based", lang))
    stat_label = t("fc_statistical", lang)
    if until is not None:
        stat_label = t("fc_model_until", lang, model=stat_label, year=until)
    ax.fill_between(
        stat["year"], stat["lower"] * scale, stat["upper"] * scale, color=colors["statistical"], alpha=0.15, lw=0
    )
    ax.plot(stat["year"], stat["statistical"] * scale, color=colors["statistical"], lw=1.4, ls="--", label=stat_label)
    if "national_trajectory" in table:
        ax.plot(
            y,
            table["national_trajectory"] * scale,
            color=colors["national_trajectory"],
            lw=1.6,
            ls=":",
            label=t("fc_national_view", lang),
        )
    if until is not None and until < y.max():
        ax.axvline(until, color=MUTED, lw=0.8)
    shown = [c for c in ("driver_based", "lower", "national_trajectory") if c in table]
    ax.set_ylim(bottom=min(0.0, float(np.nanmin(table[shown].to_numpy() * scale, initial=0.0))))
    if year is not None and year in set(y):
        _mark_views(ax, table.set_index("year").loc[year], year, colors, scale, lang)
    ax.legend(loc="upper left")
    _number_axis(ax, lang)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=7, integer=True))
    if not source and len(table):
        vintage = fmt_vintage(table.attrs.get("driver_vintage", ""), lang) or "—"
        source = t("fc_source_compare", lang, year=int(table["year"].min()), vintage=vintage)
    return finish(
        fig,
        ax,
        title=title or t("fc_compare_title", lang, province=province).strip(),
        source=source,
        lang=lang,
        xlabel=t("year", lang),
        ylabel=unit,
        estimate=bool(table.attrs.get("is_estimate", False)),
    )


def _mark_views(ax, row: pd.Series, year: int, colors: Mapping[str, str], scale: float, lang: str) -> None:
    """A dot on each view in ``year`` and its value beside it, labels pushed apart so that close values stay legible."""
    points = sorted((float(row[c]) * scale, c) for c in colors if c in row and pd.notna(row[c]))
    low, high = ax.get_ylim()
    gap = 0.05 * (high - low)
    placed: list[float] = []
    for value, column in points:
        ax.plot([year], [value], "o", color=colors[column], ms=4, zorder=5)
        label_y = max(value, placed[-1] + gap) if placed else value
        placed.append(label_y)
        ax.annotate(
            fmt_number(value, lang, 1),
            (year, value),
            xytext=(year + 0.6, label_y),
            textcoords="data",
            fontsize=7.5,
            va="center",
            color=colors[column],
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 0.6},
            zorder=6,
        )


def plot_lmdi_waterfall(
    decomposition: Decomposition,
    *,
    lang: str = "vi",
    scale: float = 1.0,
    unit: str | None = None,
    title: str | None = None,
    source: str = "",
    estimate: bool = False,
    labels: Mapping[str, str] | None = None,
):
    """Waterfall from E0 through each factor's effect to E1 (increases vermillion, decreases green).

    ``labels`` overrides factor names (e.g. ``{"grdp_per_capita": "GDP per capita"}`` for national data).
    """
    import textwrap

    fig, ax = new_figure(0.55)
    frame = decomposition.to_frame()
    values, cumulative = frame["value"].to_numpy() * scale, frame["cumulative"].to_numpy() * scale
    names = [(labels or {}).get(s) or _factor_label(s, lang) for s in frame["step"].iloc[1:-1]]
    labels = [frame["step"].iloc[0], *(textwrap.fill(n, 14) for n in names), frame["step"].iloc[-1]]
    x = np.arange(len(frame))
    bottoms = np.where(frame["kind"] == "effect", cumulative - values, 0.0)
    colors = [
        OKABE_ITO["black"] if k != "effect" else (HIGHLIGHT if v >= 0 else OKABE_ITO["green"])
        for k, v in zip(frame["kind"], values, strict=True)
    ]
    ax.bar(x, values, bottom=bottoms, color=colors, width=0.6)
    for i in range(len(x) - 1):
        ax.plot([x[i] + 0.3, x[i + 1] - 0.3], [cumulative[i]] * 2, color="#777777", lw=0.6)
    for i, (k, v) in enumerate(zip(frame["kind"], values, strict=True)):
        top = max(bottoms[i], bottoms[i] + v)
        ax.annotate(
            fmt_number(v, lang, 1, sign=k == "effect"),
            (x[i], top),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=7.5,
        )
    ax.axhline(0, color=OKABE_ITO["black"], lw=0.6)
    ax.set_xticks(x, labels, rotation=0, fontsize=7.5)
    ax.grid(axis="x", visible=False)
    low, high = min(0.0, float(np.min(np.minimum(bottoms, bottoms + values)))), float(np.max(bottoms + np.abs(values)))
    ax.set_ylim(low * 1.1, high * 1.1)
    _number_axis(ax, lang)
    default = t("fc_lmdi_title", lang, start=decomposition.label0, end=decomposition.label1)
    return finish(
        fig,
        ax,
        title=title or default,
        source=source or t("fc_source_lmdi", lang),
        lang=lang,
        ylabel=unit or t("mtco2e", lang),
        estimate=estimate,
    )
