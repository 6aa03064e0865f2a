"""Charts of a province inventory, its driver-based BAU and the downscaling validation.

Inputs are the engines' outputs: a :class:`~analysis.emissions.profile.ProvinceProfile`, a
:class:`~analysis.emissions.baseline.Baseline`, the table of
:func:`~analysis.inventory.validate_hcmc_2013`. Every function takes ``lang`` (``"vi"`` or
``"en"``) and returns a matplotlib Figure with a title, units, a source line and — when the data is an
estimate — the label "indicative estimate — replace with the official inventory".

- :func:`plot_inventory` — base-year emissions by sector (LULUCF below zero);
- :func:`plot_bau` — driver-based BAU by sector (stacked) with the net line;
- :func:`plot_downscaling_validation` — published vs estimated, TP. Hồ Chí Minh 2013 by GPC category.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.data.sectors import sector_keys
from analysis.i18n import fmt_number, fmt_percent, fmt_vintage, sector_label, t
from analysis.units import T_PER_MT
from analysis.viz.shared import drawn_once
from analysis.viz.style import OKABE_ITO, finish, localise_axis, new_figure, sector_color


def plot_inventory(baseline, lang: str = "vi", *, source: str | None = None):
    """Base-year emissions by sector, horizontal bars in Mt CO2e (LULUCF left of zero); a sector that was not
    estimated is shown by name with "not estimated", never as a zero bar."""
    emissions = pd.Series(baseline.emissions[:, 0] / T_PER_MT, index=list(baseline.sectors))
    order = [s for s in sector_keys() if s in emissions.index or s in baseline.missing][::-1]
    values = emissions.reindex(order).to_numpy()
    known = np.nan_to_num(values)
    fig, ax = new_figure(0.6)
    bars = ax.barh([sector_label(s, lang) for s in order], known, color=[sector_color(s) for s in order])
    ax.axvline(0, color=OKABE_ITO["black"], linewidth=0.8)
    for bar, v in zip(bars, values, strict=True):
        # Negative (LULUCF) values are labelled right of zero so the label never meets the sector name.
        text = t("not_estimated", lang) if np.isnan(v) else fmt_number(v, lang, 2)
        ax.annotate(
            text,
            (max(np.nan_to_num(v), 0.0), bar.get_y() + bar.get_height() / 2),
            xytext=(3, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=7.5,
            style="italic" if np.isnan(v) else "normal",
        )
    ax.set_xlim(min(0, np.nanmin(values)) * 1.3 - 0.5, np.nanmax(values) * 1.25)
    ax.grid(axis="y", visible=False)
    localise_axis(ax.xaxis, lang)
    source = source or (
        t("inv_source_estimate", lang) if baseline.is_estimate else baseline.source or baseline.province
    )
    return finish(
        fig,
        ax,
        title=t("inv_title", lang, province=baseline.province, year=baseline.base_year),
        source=source,
        lang=lang,
        xlabel=t("inv_axis", lang, gwp=baseline.gwp),
        estimate=baseline.is_estimate,
    )


def plot_bau(baseline, lang: str = "vi", *, source: str | None = None):
    """Driver-based BAU by sector (stacked areas, LULUCF below zero) with the net emissions line."""
    years = baseline.years
    mt = baseline.emissions / T_PER_MT
    fig, ax = new_figure(0.6)
    positive = [i for i, s in enumerate(baseline.sectors) if s != "LULUCF"]
    ax.stackplot(
        years,
        mt[positive],
        colors=[sector_color(baseline.sectors[i]) for i in positive],
        labels=[sector_label(baseline.sectors[i], lang) for i in positive],
        alpha=0.9,
    )
    if "LULUCF" in baseline.sectors:
        i = baseline.sectors.index("LULUCF")
        ax.fill_between(years, mt[i], 0, color=sector_color("LULUCF"), label=sector_label("LULUCF", lang))
    ax.plot(years, mt.sum(axis=0), color=OKABE_ITO["black"], linewidth=1.6, label=t("inv_net", lang))
    ax.axhline(0, color=OKABE_ITO["black"], linewidth=0.6)
    ax.set_xlim(years[0], years[-1])
    low = min(0.0, float(mt.min())) * 1.2
    ax.set_ylim(low, float(mt[positive].sum(axis=0).max()) * 1.55)  # head-room for the legend
    ax.legend(loc="upper left", fontsize=6.5, ncol=2)
    localise_axis(ax.yaxis, lang)
    source = source or "; ".join(filter(None, [t("inv_source_estimate", lang), fmt_vintage(baseline.vintage, lang)]))
    return finish(
        fig,
        ax,
        title=t("inv_bau_title", lang, province=baseline.province, start=int(years[0]), end=int(years[-1])),
        source=source,
        lang=lang,
        xlabel=t("year", lang),
        ylabel=t("inv_axis_yr", lang, gwp=baseline.gwp),
        estimate=baseline.is_estimate,
    )


@drawn_once
def plot_downscaling_validation(table: pd.DataFrame, lang: str = "vi"):
    """Published vs estimated emissions of TP. Hồ Chí Minh 2013 by GPC category, in the territorial and the GPC
    BASIC views (:func:`analysis.inventory.validate_hcmc_2013`), with the error of each estimate."""
    views = [v for v in ("territorial", "gpc_basic") if v in set(table["view"])]
    first = table[table["view"] == views[0]].reset_index(drop=True)
    x = np.arange(len(first))
    fig, ax = new_figure(0.55)
    width = 0.8 / (1 + len(views))
    ax.bar(x - width, first["published_mtco2e"], width, color=OKABE_ITO["grey"], label=t("inv_published", lang))
    colors = {"territorial": OKABE_ITO["blue"], "gpc_basic": OKABE_ITO["orange"]}
    for k, view in enumerate(views):
        rows = table[table["view"] == view].reset_index(drop=True)
        ax.bar(x + k * width, rows["estimated_mtco2e"], width, color=colors[view], label=t(f"inv_view_{view}", lang))
        for xi, top, pct in zip(x, rows["estimated_mtco2e"], rows["error_pct"], strict=True):
            ax.annotate(
                fmt_percent(pct, lang, 0, sign=True),
                (xi + k * width, top),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                fontsize=6.5,
            )
    tops = table[["published_mtco2e", "estimated_mtco2e"]].to_numpy().max()
    ax.set_ylim(0, float(tops) * 1.18)
    ax.set_xticks(x, [t(f"inv_cat_{c}", lang) for c in first["category"]])
    ax.grid(axis="x", visible=False)
    ax.legend(loc="upper left")
    return finish(
        fig,
        ax,
        title=t("inv_validation_title", lang),
        source=t("inv_source_validation", lang),
        lang=lang,
        ylabel=t("mtco2e", lang),
        estimate=True,
    )
