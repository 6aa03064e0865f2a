"""Charts of the MRV work: reporting status, facility reports against the inventory, credits and the target.

Inputs are the engines' results (:class:`~analysis.mrv.obligations.ReportingStatus`,
:class:`~analysis.mrv.coverage.Coverage`, :class:`~analysis.mrv.credits.CreditAccount`). Every function takes
``lang`` and returns a matplotlib Figure with a title, units and a source line (project style).

- :func:`plot_reporting_status` — facilities by status, per Decision 13/2024 group or managing department (named as it
  is today);
- :func:`plot_coverage` — facility totals against the province's figure, per sector;
- :func:`plot_credit_account` — the target gap as inventoried, without the transfers, with the planned ones.
"""

from __future__ import annotations

import numpy as np

from analysis.i18n import fmt_date, fmt_number, sector_label, t
from analysis.mrv.labels import category_label, status_label
from analysis.narrative.mrv_tables import managing_body
from analysis.units import T_PER_MT
from analysis.viz import inventory as _inventory  # noqa: F401 (its strings: the estimate's source line)
from analysis.viz.shared import drawn_once
from analysis.viz.style import OKABE_ITO, finish, localise_axis, new_figure

STATUS_COLORS = {
    "on_time": OKABE_ITO["green"],
    "late_submission": OKABE_ITO["orange"],
    "received_undated": OKABE_ITO["sky"],
    "pending": OKABE_ITO["yellow"],
    "overdue": OKABE_ITO["vermillion"],
    "to_check": OKABE_ITO["grey"],
}


@drawn_once
def plot_reporting_status(status, lang: str = "vi", *, by: str = "category", source: str | None = None):
    """Facilities that must report (or need checking), stacked by status, one bar per group."""
    summary = status.summary(by)
    if by == "managing_ministry":  # today's bodies: former departments merged into one are one bar
        summary = (
            summary.assign(group=[managing_body(g, lang, history=False) for g in summary["group"]])
            .groupby("group", sort=False)
            .sum()
            .reset_index()
        )
    shown = [s for s in STATUS_COLORS if summary[s].sum() > 0]
    labels = [category_label(g, lang) if by == "category" else g for g in summary["group"]]
    fig, ax = new_figure(0.25 + 0.09 * max(len(summary), 1))
    left = np.zeros(len(summary))
    for s in shown:
        values = summary[s].to_numpy(dtype=float)
        ax.barh(labels, values, left=left, color=STATUS_COLORS[s], label=status_label(s, lang))
        for y, (x0, v) in enumerate(zip(left, values, strict=True)):
            if v:
                ax.annotate(fmt_number(v, lang, 0), (x0 + v / 2, y), ha="center", va="center", fontsize=7.5)
        left += values
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=7, frameon=False)
    source = source or t(
        "mrv_chart_status_source", lang, due=fmt_date(status.due_date, lang), n=int(summary["not_required"].sum())
    )
    return finish(
        fig,
        ax,
        title=t("mrv_chart_status", lang, year=status.inventory_year, as_of=fmt_date(status.as_of, lang)),
        source=source,
        lang=lang,
        xlabel=t("mrv_chart_facilities", lang),
    )


@drawn_once
def plot_coverage(coverage, lang: str = "vi", *, source: str | None = None):
    """Per sector with reports: the facility total beside the province's figure (Mt CO₂e); flags the excesses."""
    tab = coverage.table[coverage.table["n_facilities"] > 0].iloc[::-1]
    y = np.arange(len(tab))
    fig, ax = new_figure(0.25 + 0.08 * max(len(tab), 1))
    h = 0.38
    estimate = tab["estimate_tco2e"].to_numpy(dtype=float) / T_PER_MT
    reports = tab["facility_tco2e"].to_numpy(dtype=float) / T_PER_MT
    inv_year = coverage.topdown.inventory_year or coverage.year
    ax.barh(
        y + h / 2,
        np.nan_to_num(estimate),
        h,
        color=OKABE_ITO["grey"],
        label=t("mrv_chart_estimate", lang, year=inv_year),
    )
    ax.barh(y - h / 2, reports, h, color=OKABE_ITO["blue"], label=t("mrv_chart_reports", lang))
    for yi, (r, e) in enumerate(zip(reports, estimate, strict=True)):
        shown = fmt_number(r, lang, 2) if r >= 0.005 or r == 0 else "< " + fmt_number(0.01, lang, 2)
        text = shown + (f" — {t('mrv_chart_above', lang)}" if not np.isnan(e) and r > e else "")
        ax.annotate(text, (r, yi - h / 2), xytext=(3, 0), textcoords="offset points", va="center", fontsize=7)
    ax.set_yticks(y, [sector_label(s, lang) for s in tab["sector"]])
    top = float(np.nanmax(np.concatenate([reports, estimate, [0.0]])))
    ax.set_xlim(0, top * 1.45 or 1)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", fontsize=7)
    topdown = coverage.topdown
    province_source = (
        t("inv_source_estimate", lang)
        if topdown.available and topdown.is_estimate
        else t("mrv_chart_src_official" if topdown.available else "mrv_chart_src_none", lang)
    )
    source = source or t("mrv_chart_coverage_source", lang, source=province_source)
    return finish(
        fig,
        ax,
        title=t("mrv_chart_coverage", lang, province=coverage.province, year=coverage.year),
        source=source,
        lang=lang,
        xlabel=t("mtco2e", lang),
        estimate=topdown.available and topdown.is_estimate,
    )


@drawn_once
def plot_credit_account(account, lang: str = "vi", *, source: str | None = None, estimate: bool = True):
    """Three bars: the gap as inventoried, with the transfers under an adjustment added back, and with the planned."""
    items = ["gap_as_inventoried", "gap_without_transfers", "gap_with_planned"]
    table = account.table().set_index("item")
    values = np.array([float(table.loc[i, "tco2e"]) for i in items])
    mega = float(np.abs(values).max()) >= 0.1 * T_PER_MT  # from 0.1 Mt: Mt with two decimals, short tick labels
    scale, decimals = (T_PER_MT, 2) if mega else (1.0, 0)
    fig, ax = new_figure(0.4)
    y = np.arange(len(items))
    ax.barh(y, values / scale, color=[OKABE_ITO["blue"], OKABE_ITO["vermillion"], OKABE_ITO["orange"]], height=0.55)
    for yi, v in zip(y, values / scale, strict=True):
        ax.annotate(
            fmt_number(v, lang, decimals),
            (v, yi),
            xytext=(3 if v >= 0 else -3, 0),
            textcoords="offset points",
            ha="left" if v >= 0 else "right",
            va="center",
            fontsize=7.5,
        )
    ax.axvline(0, color=OKABE_ITO["black"], linewidth=0.8)
    ax.set_yticks(y, [t(f"mrv_bar|{i}", lang) for i in items])
    ax.invert_yaxis()
    low, high = min(0.0, float(values.min() / scale)), max(0.0, float(values.max() / scale))
    pad = (high - low) * 0.25 or 1.0
    ax.set_xlim(low - (pad if low < 0 else 0), high + (pad if high > 0 else 0))
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(nbins=5))
    localise_axis(ax.xaxis, lang)
    ax.grid(axis="y", visible=False)
    unit = t("mtco2e", lang) if mega else t("mrv_chart_tonnes", lang)
    return finish(
        fig,
        ax,
        title=t("mrv_chart_credits", lang, year=account.target_year),
        source=source or t("mrv_chart_credits_source", lang),
        lang=lang,
        xlabel=t("mrv_chart_gap_axis", lang, unit=unit),
        estimate=estimate,
    )
