"""The implied national BAU as a chart: the sum of every province's or unit's BAU by sector, the line not allocated
to a province, and the national references each beside the line of its own basis.

Input: :func:`analysis.emissions.national_sum.implied_national_bau` and
:func:`~analysis.emissions.national_sum.compare_references`. Output: a matplotlib Figure (title, units, source).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.data.sectors import sector_keys
from analysis.i18n import sector_label, t
from analysis.units import T_PER_MT
from analysis.viz.shared import drawn_once
from analysis.viz.style import OKABE_ITO, finish, localise_axis, new_figure, sector_color

BASIS_STYLE = {  # the line each reference is set beside, and its marker
    "net": (OKABE_ITO["black"], "-", "o"),
    "excl_lulucf": (OKABE_ITO["vermillion"], "--", "D"),
    "energy": (OKABE_ITO["blue"], ":", "s"),
}


@drawn_once
def plot_national_bau(implied: pd.DataFrame, compared: pd.DataFrame, lang: str = "vi"):
    """Stacked sectors (the places' sums and the offshore line; LULUCF below zero), the net, excluding-LULUCF and
    energy sums as lines, and each reference (a point, a range as a bar) in the colour of the line it is set beside."""
    from analysis.emissions.national_sum import basis_totals

    wide = implied.pivot(index="year", columns="sector", values="places_tco2e") / T_PER_MT
    years = wide.index.to_numpy()
    line = implied.groupby("year")["not_allocated_tco2e"].sum().reindex(years).to_numpy() / T_PER_MT
    positive = [s for s in sector_keys() if s in wide.columns and s != "LULUCF"]
    fig, ax = new_figure(0.75)
    ax.stackplot(
        years,
        *[wide[s].to_numpy() for s in positive],
        line,
        colors=[sector_color(s) for s in positive] + [OKABE_ITO["grey"]],
        labels=[sector_label(s, lang) for s in positive] + [t("ov_row_not_allocated", lang)],
        alpha=0.85,
    )
    if "LULUCF" in wide.columns:
        ax.fill_between(years, wide["LULUCF"], 0, color=sector_color("LULUCF"), label=sector_label("LULUCF", lang))
    totals = basis_totals(implied).set_index("year") / T_PER_MT
    for basis, (colour, style, _) in BASIS_STYLE.items():
        ax.plot(years, totals[basis], color=colour, linestyle=style, linewidth=1.6, label=t(f"ov_line_{basis}", lang))
    for row in compared.itertuples():
        colour, _, marker = BASIS_STYLE[row.basis]
        mid = (row.low_mt + row.high_mt) / 2
        err = [[mid - row.low_mt], [row.high_mt - mid]]
        ax.errorbar(
            [row.year], [mid], yerr=err, fmt=marker, color=colour, markerfacecolor="white", markersize=6, capsize=3
        )
        ax.annotate(
            t(f"ov_ref_short_{row.id}", lang),
            (row.year, mid),
            xytext=(6, 0),
            textcoords="offset points",
            fontsize=6.5,
            va="center",
            color=colour,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
        )
    ax.axhline(0, color=OKABE_ITO["black"], linewidth=0.6)
    first = min(int(years[0]), int(compared["year"].min()))
    ax.set_xlim(first - 1, int(years[-1]) + 1)
    top = float(np.nanmax([totals["excl_lulucf"].max(), compared["high_mt"].max()]))
    ax.set_ylim(min(0.0, float(np.nanmin(wide.get("LULUCF", pd.Series([0.0]))))) * 1.3, top * 1.45)
    ax.legend(loc="upper left", fontsize=6, ncol=2)
    localise_axis(ax.yaxis, lang)
    return finish(
        fig,
        ax,
        title=t("ov_chart_title", lang, units=t(f"ov_units_{implied.attrs.get('map', 2025)}", lang)),
        source=t("ov_chart_source", lang),
        lang=lang,
        xlabel=t("year", lang),
        ylabel=t("ov_chart_axis", lang),
        estimate=True,
        note=t("ov_chart_note", lang),
    )
