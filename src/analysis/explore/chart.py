"""The explorer's pathway chart: BAU, the scenario as moved and as in the file, its P5–P95 band, the target.

Input: a :class:`~analysis.explore.model.View` and a language. Output: PNG bytes for an ``ipywidgets.Image``
(:meth:`PathwayChart.png`). Drawn in the project's one style (:mod:`analysis.viz.style`: palette, fonts, title,
units, source line, estimate label; numbers on the axis in the reader's format). The figure is made once and its
lines are updated on every change, with fixed margins, so that a redraw costs one rendering (a fresh figure with
``tight_layout`` and a tight bounding box costs four times as much).
"""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.image import imsave

from analysis.emissions.pathways import T_PER_MT
from analysis.explore import text  # noqa: F401  (registers the xp_* strings)
from analysis.i18n import fmt_number, t
from analysis.viz import pathways as _pathways  # noqa: F401  (registers the pw_* strings: the source line)
from analysis.viz.style import HIGHLIGHT, MUTED, bau_source, finish, localise_axis, new_figure, scenario_color

WIDTH_IN, HEIGHT_RATIO, PNG_DPI = 8.4, 0.5, 100
MARGINS = {"left": 0.08, "right": 0.985, "top": 0.91, "bottom": 0.17}


def target_level(view) -> float | None:
    """The required level (Mt) of an economy-wide net target (comparable with the net line), else ``None``."""
    tg = view.target
    if tg.sector is not None or tg.basis != "net":
        return None
    return float(view.row["required_mtco2e"])


class PathwayChart:
    """One figure for one run and language; :meth:`png` draws a view into it."""

    def __init__(self, view, lang: str, dpi: float = PNG_DPI):
        self.lang = lang
        self.fig, self.ax = new_figure(HEIGHT_RATIO, WIDTH_IN)
        plt.close(self.fig)  # never shown by pyplot: the panel shows its PNG
        self.fig.set_dpi(dpi)
        self.canvas = FigureCanvasAgg(self.fig)  # one renderer for every redraw: its text metrics stay cached
        ax = self.ax
        (self.frozen_line,) = ax.plot([], [], color=MUTED, lw=1.6, ls="--")
        (self.bau_line,) = ax.plot([], [], color=scenario_color("bau"), lw=1.8, ls="--")
        (self.nominal_line,) = ax.plot([], [], lw=1.2, ls=":")
        (self.main_line,) = ax.plot([], [], lw=2.4)
        (self.target_mark,) = ax.plot([], [], ls="", marker="D", ms=7, color=HIGHLIGHT, zorder=5)
        self.band = None
        ax.axhline(0, color="#555555", lw=0.8)
        localise_axis(ax.yaxis, lang)
        base = view.pathway.baseline
        source = t("pw_source", lang, bau=bau_source(base, lang))
        finish(
            self.fig,
            ax,
            title="",
            source=source,
            lang=lang,
            xlabel=t("year", lang),
            ylabel=t("mtco2e_per_year", lang),
            estimate=base.is_estimate,
        )
        self.fig.subplots_adjust(**MARGINS)
        note = self.fig.texts[-1]  # the source line: inside the canvas, so no tight bounding box is needed
        note.set_position((0.01, 0.012))
        note.set_verticalalignment("bottom")

    def update(self, view) -> None:
        """Put ``view``'s lines, band, target and labels on the axes."""
        lang, ax = self.lang, self.ax
        p, years, parent = view.pathway, view.pathway.years, view.nominal.scenario
        colour = scenario_color(parent.name)
        moved = bool(view.changed) or view.growth_changed
        self.frozen_line.set_data(view.frozen.years, view.frozen.net() / T_PER_MT)
        self.frozen_line.set_visible(view.growth_changed)
        self.frozen_line.set_label(t("xp_bau_frozen", lang) if view.growth_changed else "_")
        self.bau_line.set_data(years, p.baseline.net() / T_PER_MT)
        self.bau_line.set_label(t("xp_bau_regrown", lang) if view.growth_changed else t("bau", lang))
        if self.band is not None:
            self.band.remove()
            self.band = None
        if view.mc is not None:
            self.band = ax.fill_between(
                years,
                view.mc.low / T_PER_MT,
                view.mc.high / T_PER_MT,
                color=colour,
                alpha=0.16,
                lw=0,
                label=t("xp_band", lang, n=fmt_number(view.mc.n_draws, lang, 0)),
            )
        self.nominal_line.set_data(view.nominal.years, view.nominal.net() / T_PER_MT)
        self.nominal_line.set_color(colour)
        self.nominal_line.set_visible(moved)
        self.nominal_line.set_label(t("xp_as_file", lang, scenario=parent.title(lang)) if moved else "_")
        self.main_line.set_data(years, p.net() / T_PER_MT)
        self.main_line.set_color(colour)
        self.main_line.set_label((p.scenario if moved else parent).title(lang))
        level = target_level(view)
        self.target_mark.set_data([view.target.year] if level is not None else [], [level] if level is not None else [])
        self.target_mark.set_label(
            t("xp_target_mark", lang, target=view.target.title(lang)) if level is not None else "_"
        )
        self._limits(view, level)
        ax.set_title(t("xp_chart_title", lang, scenario=parent.title(lang)), loc="left")
        ax.legend(loc="upper left", fontsize=7.5)

    def _limits(self, view, level: float | None) -> None:
        """Axes limits over every visible line, the band and the target (matplotlib's autoscale skips bands)."""
        series = [
            np.asarray(line.get_ydata(), dtype=float)
            for line in (self.frozen_line, self.bau_line, self.nominal_line, self.main_line)
            if line.get_visible()
        ]
        if view.mc is not None:
            series += [view.mc.low / T_PER_MT, view.mc.high / T_PER_MT]
        values = np.concatenate([*series, [0.0] if level is None else [0.0, level]])
        low, high = float(np.nanmin(values)), float(np.nanmax(values))
        pad = 0.05 * (high - low or 1.0)
        self.ax.set_ylim(low - pad, high + pad)
        years = view.pathway.years
        self.ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)

    def figure_of(self, view):
        """The chart of ``view`` as a matplotlib figure."""
        self.update(view)
        return self.fig

    def png(self, view) -> bytes:
        """The chart of ``view`` as PNG bytes."""
        self.update(view)
        self.canvas.draw()
        buffer = io.BytesIO()
        imsave(buffer, np.asarray(self.canvas.buffer_rgba()), format="png", pil_kwargs={"compress_level": 1})
        return buffer.getvalue()
