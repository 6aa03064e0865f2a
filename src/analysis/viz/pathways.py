"""Pathway charts: scenarios vs BAU, wedges, waterfall, net zero, MACC, fan chart and tornado.

Inputs: results of :mod:`analysis.emissions` (pathways, MACC and tornado tables, Monte Carlo result).
Output: a matplotlib ``Figure`` per function, in Vietnamese or English (``lang``), with title, units,
source line and — when the BAU is an indicative estimate — the estimate label. Colours come from
:mod:`analysis.viz.style` (one colour per scenario and per sector everywhere).
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.transforms import offset_copy

from analysis.emissions.pathways import T_PER_MT, Pathway
from analysis.i18n import fmt_number, fmt_pct_stated, fmt_percent, sector_label, t
from analysis.viz.style import (
    HIGHLIGHT,
    MUTED,
    OKABE_ITO,
    bau_source,
    finish,
    localise_axis,
    new_figure,
    scenario_color,
)

_MEASURE_COLORS = [OKABE_ITO[k] for k in ("sky", "orange", "green", "purple", "blue", "yellow", "vermillion")] + [
    "#8C564B",
    "#1B7837",
    "#332288",
    "#17BECF",
    "#BCBD22",
    "#E377C2",
    "#882255",
]


def _source(p: Pathway, lang: str, source: str | None) -> str:
    return source or t("pw_source", lang, bau=bau_source(p.baseline, lang))


def _legend_below(ax) -> None:
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=6.5, ncol=2)


_measure_assigned: dict[str, str] = {}


def _measure_color(measure_id: str) -> str:
    """The same colour for a measure in every chart of a session."""
    if measure_id not in _measure_assigned:
        _measure_assigned[measure_id] = _MEASURE_COLORS[len(_measure_assigned) % len(_MEASURE_COLORS)]
    return _measure_assigned[measure_id]


def plot_scenarios(
    pathways: dict[str, Pathway],
    lang: str = "en",
    *,
    target_pct: float | None = None,
    target_year: int = 2030,
    source: str | None = None,
    height_ratio: float = 0.55,
):
    """Net emissions of each scenario against the BAU, with a '% below BAU' target marked (``height_ratio``: the
    chart's height over its width; the summary uses a flatter one)."""
    fig, ax = new_figure(height_ratio)
    first = next(iter(pathways.values()))
    bau = first.baseline.net() / T_PER_MT
    ax.plot(first.years, bau, color=scenario_color("bau"), lw=2, ls="--", label=t("bau", lang))
    for name, p in pathways.items():
        if name == "bau":
            continue
        ax.plot(p.years, p.net() / T_PER_MT, color=scenario_color(name), lw=2, label=p.scenario.title(lang))
    if target_pct is not None and target_year in first.years:
        level = bau[first.baseline.year_index(target_year)] * (1 - target_pct / 100)
        ax.scatter(
            [target_year],
            [level],
            marker="D",
            color=HIGHLIGHT,
            zorder=5,
            label=f"{t('pw_target', lang)}: −{fmt_pct_stated(target_pct, lang)} BAU {target_year}",
        )
    ax.axhline(0, color="#555555", lw=0.8)
    if height_ratio < 0.45:  # a short chart (the summary's): the legend beside the axes, where it covers no line
        handles, labels = ax.get_legend_handles_labels()
        labels = [textwrap.fill(label, 30) for label in labels]
        ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False)
    else:
        ax.legend(loc="upper left")
    localise_axis(ax.yaxis, lang)
    return finish(
        fig,
        ax,
        title=t("pw_scenarios_title", lang, province=first.baseline.province),
        source=_source(first, lang, source),
        lang=lang,
        xlabel=t("year", lang),
        ylabel=t("mtco2e_per_year", lang),
        estimate=first.baseline.is_estimate,
    )


def plot_wedges(pathway: Pathway, lang: str = "en", *, source: str | None = None):
    """Stacked wedges of abatement by measure between the BAU and the scenario's gross emissions."""
    fig, ax = new_figure(0.62)
    years = pathway.years
    gross = pathway.gross() / T_PER_MT
    by_measure = pathway.abatement.sum(axis=1) / T_PER_MT
    cuts = [(i, m) for i, m in enumerate(pathway.measures) if m.kind != "removals"]
    ax.fill_between(years, 0, gross, color=MUTED, label=t("pw_remaining", lang))
    bottom = gross.copy()
    for i, m in cuts:
        ax.fill_between(years, bottom, bottom + by_measure[i], color=_measure_color(m.id), label=m.label(lang), lw=0)
        bottom = bottom + by_measure[i]
    ax.plot(
        years, pathway.baseline.gross() / T_PER_MT, color=scenario_color("bau"), ls="--", lw=1.5, label=t("bau", lang)
    )
    _legend_below(ax)
    localise_axis(ax.yaxis, lang)
    return finish(
        fig,
        ax,
        title=t("pw_wedges_title", lang, scenario=pathway.scenario.title(lang)),
        source=_source(pathway, lang, source),
        lang=lang,
        xlabel=t("year", lang),
        ylabel=t("mtco2e_per_year", lang),
        estimate=pathway.baseline.is_estimate,
    )


def plot_waterfall(
    pathway: Pathway, year: int, lang: str = "en", *, target_pct: float | None = None, source: str | None = None
):
    """BAU net emissions in ``year``, each measure's step down, and the scenario's net emissions (horizontal).

    The value axis does not start at zero (the steps would be invisible); its label says so.
    """
    k = pathway.baseline.year_index(year)
    bau = pathway.baseline.net()[k] / T_PER_MT
    end = pathway.net()[k] / T_PER_MT
    steps = pathway.abatement[:, :, k].sum(axis=1) / T_PER_MT
    labels = ["BAU"] + [m.label(lang) for m in pathway.measures] + [pathway.scenario.title(lang)]
    fig, ax = new_figure(0.16 + 0.04 * len(labels))
    y = np.arange(len(labels))[::-1]
    level = bau
    ax.barh(y[0], bau, color=scenario_color("bau"), height=0.6)
    for i, (step, m) in enumerate(zip(steps, pathway.measures, strict=True), start=1):
        ax.barh(y[i], -step, left=level, color=_measure_color(m.id), height=0.6)
        ax.text(level - step, y[i], f" {fmt_number(-step, lang, 2)}", va="center", ha="right", fontsize=6.5)
        level -= step
    ax.barh(y[-1], end, color=scenario_color(pathway.name), height=0.6)
    for yy, v in ((y[0], bau), (y[-1], end)):
        ax.text(v, yy, f" {fmt_number(v, lang, 1)}", va="center", ha="left", fontsize=7)
    low = end
    if target_pct is not None:
        level_t = bau * (1 - target_pct / 100)
        low = min(low, level_t)
        ax.axvline(level_t, color=HIGHLIGHT, ls=":", lw=1.2)
        ax.text(
            level_t,
            y[0] + 0.45,
            f"{t('pw_target', lang)} −{fmt_percent(target_pct, lang, 0)}",
            color=HIGHLIGHT,
            fontsize=7,
            ha="center",
            va="bottom",
        )
    ax.set_xlim(low - 0.12 * (bau - low) - 0.5, bau + 0.08 * (bau - low) + 0.5)
    ax.set_yticks(y, labels, fontsize=7)
    ax.grid(axis="y", visible=False)
    localise_axis(ax.xaxis, lang)
    return finish(
        fig,
        ax,
        title=t("pw_waterfall_title", lang, scenario=pathway.scenario.title(lang), year=year),
        source=_source(pathway, lang, source),
        lang=lang,
        xlabel=f"{t('mtco2e_per_year', lang)} ({t('pw_axis_cut', lang)})",
        estimate=pathway.baseline.is_estimate,
        note=t("pw_note_waterfall", lang),
    )


def plot_net_zero(pathway: Pathway, lang: str = "en", *, source: str | None = None):
    """Gross emissions by sector (stacked, above zero), removals (below zero) and the net line."""
    from analysis.viz.style import sector_color

    fig, ax = new_figure(0.6)
    years, em = pathway.years, pathway.emissions / T_PER_MT
    bottom = np.zeros(len(years))
    for i, s in enumerate(pathway.sectors):
        pos = np.maximum(em[i], 0)
        if pos.any():
            ax.fill_between(years, bottom, bottom + pos, color=sector_color(s), label=sector_label(s, lang), lw=0)
            bottom = bottom + pos
    ax.fill_between(
        years,
        pathway.removals() / T_PER_MT,
        0,
        color=sector_color("LULUCF"),
        alpha=0.45,
        label=t("pw_removals", lang),
        hatch="//",
        lw=0,
    )
    ax.plot(years, pathway.net() / T_PER_MT, color="black", lw=2, label=t("pw_net", lang))
    ax.axhline(0, color="#555555", lw=0.8)
    _legend_below(ax)
    localise_axis(ax.yaxis, lang)
    return finish(
        fig,
        ax,
        title=t("pw_netzero_title", lang, scenario=pathway.scenario.title(lang)),
        source=_source(pathway, lang, source),
        lang=lang,
        xlabel=t("year", lang),
        ylabel=t("mtco2e_per_year", lang),
        estimate=pathway.baseline.is_estimate,
    )


def plot_macc(macc: pd.DataFrame, lang: str = "en", *, source: str | None = None, estimate: bool | None = None):
    """MACC: bar width = abatement (Mt CO2e/yr), height = cost (USD/t CO2e), in cost order."""
    fig, ax = new_figure(0.6)
    rows = macc[macc["abatement_mtco2e"] > 0]
    left = 0.0
    for row in rows.itertuples():
        height = 0.0 if np.isnan(row.usd_per_tco2e) else row.usd_per_tco2e
        color = _measure_color(row.measure_id)
        label = row.measure if row.has_cost else f"{row.measure} ({t('pw_no_cost', lang)})"
        ax.bar(
            left,
            height,
            width=row.abatement_mtco2e,
            align="edge",
            color=color,
            edgecolor="white",
            hatch="" if row.has_cost else "xx",
            label=label,
        )
        if height == 0:  # a zero-cost measure still has a width: show it on the axis
            ax.hlines(0, left, left + row.abatement_mtco2e, color=color, lw=4)
        left += row.abatement_mtco2e
    ax.axhline(0, color="#555555", lw=0.8)
    low, high = ax.get_ylim()
    if high - low < 2:  # every cost zero or unknown: a readable cost axis around zero, not ±0,0 ticks
        ax.set_ylim(-10, 10)
    _legend_below(ax)
    year = int(macc["year"].iloc[0]) if len(macc) else 0
    localise_axis(ax.xaxis, lang)
    localise_axis(ax.yaxis, lang)
    est = bool(macc["is_estimate"].any()) if estimate is None and "is_estimate" in macc else bool(estimate)
    return finish(
        fig,
        ax,
        title=t("pw_macc_title", lang, year=year),
        source=source or t("pw_source_macc", lang),
        lang=lang,
        xlabel=t("pw_abatement_axis", lang),
        ylabel=t("pw_cost_axis", lang),
        estimate=est,
        note=t("pw_note_macc", lang),
    )


def plot_fan(
    percentiles: pd.DataFrame,
    scenario: str,
    lang: str = "en",
    *,
    baseline_net=None,
    source: str | None = None,
    estimate: bool = False,
    title: str | None = None,
    scenario_label: str | None = None,
):
    """Fan chart of a scenario's net emissions: P5–P95 and P25–P75 bands and the median.

    ``baseline_net`` (optional): the BAU's net emissions by year in Mt CO2e/yr, the unit of ``percentiles``.
    """
    fig, ax = new_figure()
    q = percentiles[(percentiles["scenario"] == scenario) & (percentiles["variable"] == "net")]
    color = scenario_color(scenario)
    ax.fill_between(q["year"], q["p5"], q["p95"], color=color, alpha=0.18, lw=0, label=t("pw_band", lang, lo=5, hi=95))
    ax.fill_between(
        q["year"], q["p25"], q["p75"], color=color, alpha=0.35, lw=0, label=t("pw_band", lang, lo=25, hi=75)
    )
    ax.plot(q["year"], q["p50"], color=color, lw=2, label=t("pw_median", lang))
    if baseline_net is not None:
        ax.plot(
            q["year"],
            np.asarray(baseline_net, dtype=float),
            color=scenario_color("bau"),
            ls="--",
            lw=1.2,
            label=t("bau", lang),
        )
    ax.axhline(0, color="#555555", lw=0.8)
    ax.legend(loc="upper left")
    localise_axis(ax.yaxis, lang)
    return finish(
        fig,
        ax,
        title=title or t("pw_fan_title", lang, scenario=scenario_label or scenario),
        source=source or t("pw_source_mc", lang),
        lang=lang,
        xlabel=t("year", lang),
        ylabel=t("mtco2e_per_year", lang),
        estimate=estimate,
    )


TORNADO_LABEL_CHARS = 40  # a tornado's input names wrap at this width


def _tornado_label(name: str) -> str:
    """A long input name ("measure: parameter") on two balanced lines (at least :data:`TORNADO_LABEL_CHARS` wide),
    so that the bars keep most of the chart's width."""
    return textwrap.fill(name, max(TORNADO_LABEL_CHARS, len(name) // 2 + 6))


def plot_tornado(
    tornado: pd.DataFrame,
    lang: str = "en",
    *,
    source: str | None = None,
    estimate: bool = False,
    top: int = 10,
    target_label: str | None = None,
):
    """Tornado: the gap at each input's P10 and P90 (others nominal), widest swing on top."""
    rows = tornado.head(top).iloc[::-1]
    labels = [_tornado_label(str(name)) for name in rows["parameter"]]
    extra_lines = sum(label.count("\n") for label in labels)
    fig, ax = new_figure(max(0.4, 0.15 + 0.06 * len(rows) + 0.015 * extra_lines))
    base = float(rows["base_gap_mtco2e"].iloc[0]) if len(rows) else 0.0
    y = np.arange(len(rows))
    for col, color, label in (
        ("gap_low_mtco2e", OKABE_ITO["sky"], "pw_low"),
        ("gap_high_mtco2e", OKABE_ITO["orange"], "pw_high"),
    ):
        ax.barh(y, rows[col] - base, left=base, color=color, height=0.6, label=t(label, lang))
    ax.axvline(base, color="black", lw=1)
    ax.axvline(0, color=HIGHLIGHT, lw=1, ls=":")
    ax.set_yticks(y, labels, fontsize=7)
    ax.grid(axis="y", visible=False)
    # below the axis title at a fixed distance (the axis title takes two lines), whatever the chart's height
    below = offset_copy(ax.transAxes, fig=fig, y=-0.62, units="inches")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=below, ncol=2, fontsize=7)
    localise_axis(ax.xaxis, lang)
    target = target_label or (tornado["target_id"].iloc[0] if len(tornado) else "")

    title = textwrap.fill(t("pw_tornado_title", lang, target=target), 55)
    return finish(
        fig,
        ax,
        title=title,
        source=source or t("pw_source_mc", lang),
        lang=lang,
        xlabel=t("pw_gap_axis", lang),
        estimate=estimate,
    )
