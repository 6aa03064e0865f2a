"""The lever rows of the explorer panel: one row of ipywidgets per measure and per BAU growth period.

Inputs: the levers (:mod:`analysis.explore.levers`), the panel's :class:`~analysis.explore.levers.LeverState` and a
callback run after every change. Outputs: :class:`MeasureRow` and :class:`GrowthRow` (``.box`` is the widget);
every label comes from :mod:`analysis.explore.text`. Sliders report on release (``continuous_update=False``): one
move is one recomputation.
"""

from __future__ import annotations

import ipywidgets as w

from analysis.explore.levers import GrowthLever, LeverState, MeasureLever, round_value
from analysis.explore.text import driver_label, format_size
from analysis.i18n import sector_label, t

NAME_WIDTH, SLIDER_WIDTH, VALUE_WIDTH, YEARS_WIDTH = "28%", "24%", "15%", "33%"
SMALL = "color:#666;font-size:0.85em"
PRESETS = ("low", "central", "high")


class MeasureRow:
    """Level (% of the file's value) and start/full-effect years of one measure."""

    def __init__(self, lever: MeasureLever, state: LeverState, lang: str, on_change):
        self.lever, self.state, self.lang, self.on_change = lever, state, lang, on_change
        m = lever.measure
        where = f"{', '.join(sector_label(s, lang) for s in m.sectors)} · {t('xp_unit_' + m.kind, lang)}"
        name = w.HTML(
            f"<div style='line-height:1.3;padding:0.25em 0'><b>{_escape(m.label(lang))}</b><br>"
            f"<span style='{SMALL}'>{_escape(where)}</span></div>",
            layout=w.Layout(width=NAME_WIDTH),
        )
        level = round(lever.level_of(state.size(lever)))
        self.level = w.IntSlider(
            value=level,
            min=0,
            max=max(lever.max_level, level),
            step=1,
            description="",
            continuous_update=False,
            readout_format="d",
            disabled=lever.nominal == 0,
            layout=w.Layout(width=SLIDER_WIDTH),
            tooltip=t("xp_level", lang),
        )
        self.level.add_class("nz-level")
        self.readout = w.HTML(layout=w.Layout(width=VALUE_WIDTH))
        start, full = state.span(lever)
        low, high = min(start, 2020), max(full, 2050)
        self.years = w.IntRangeSlider(
            value=(start, full),
            min=low,
            max=high,
            step=1,
            continuous_update=False,
            layout=w.Layout(width=YEARS_WIDTH),
            tooltip=t("xp_years", lang),
        )
        self.level.observe(self._level_moved, names="value")
        self.years.observe(self._years_moved, names="value")
        self.box = w.HBox([name, self.level, self.readout, self.years], layout=w.Layout(align_items="center"))
        self.box.add_class("nz-measure")
        self._show_value()

    def _show_value(self) -> None:
        kind, lang = self.lever.measure.kind, self.lang
        text = t(
            "xp_value",
            lang,
            value=format_size(kind, self.state.size(self.lever), lang),
            nominal=format_size(kind, self.lever.nominal, lang),
        )
        self.readout.value = f"<div style='line-height:1.3;font-size:0.85em'>{_escape(text)}</div>"

    def _level_moved(self, change) -> None:
        lever = self.lever
        if change["new"] == 100:
            self.state.sizes.pop(lever.id, None)
        else:
            self.state.sizes[lever.id] = lever.value_at(change["new"])
        self._show_value()
        self.on_change()

    def _years_moved(self, change) -> None:
        span = tuple(int(y) for y in change["new"])
        if span == self.lever.years:
            self.state.years.pop(self.lever.id, None)
        else:
            self.state.years[self.lever.id] = span
        self.on_change()


class GrowthRow:
    """Low / central / high presets and a free value (%/yr) of one driver's growth over one period."""

    def __init__(self, lever: GrowthLever, state: LeverState, lang: str, on_change, *, show_province: bool = False):
        self.lever, self.state, self.on_change, self._quiet = lever, state, on_change, False
        title = t(
            "xp_growth_label",
            lang,
            driver=driver_label(lever.driver, lever.sectors, lang),
            first=lever.first,
            last=lever.last,
        )
        if show_province:
            title = f"{lever.province}: {title}"
        sectors = t("xp_growth_sectors", lang, sectors=", ".join(sector_label(s, lang) for s in lever.sectors))
        span = t("xp_range_profile" if lever.range_given else "xp_range_assumed", lang)
        name = w.HTML(
            f"<div style='line-height:1.3;padding:0.25em 0'><b>{_escape(title)}</b><br>"
            f"<span style='{SMALL}'>{_escape(sectors)}; {_escape(span)}</span></div>",
            layout=w.Layout(width="46%"),
        )
        self.preset = w.ToggleButtons(
            options=[(t(f"xp_{p}", lang), p) for p in PRESETS],
            value=self._preset_of(state.rate(lever)),
            style={"button_width": "6.5em"},
            layout=w.Layout(width="24%"),
        )
        low, high = 100 * min(lever.low, lever.central), 100 * max(lever.high, lever.central)
        self.rate = w.FloatSlider(
            value=round(100 * state.rate(lever), 2),
            min=min(-5.0, low - 2),
            max=max(20.0, high + 2),
            step=0.1,
            readout_format=".1f",
            continuous_update=False,
            layout=w.Layout(width="28%"),
        )
        self.preset.observe(self._preset_chosen, names="value")
        self.rate.observe(self._rate_moved, names="value")
        self.box = w.HBox([name, self.preset, self.rate], layout=w.Layout(align_items="center"))
        self.box.add_class("nz-growth")

    def _preset_of(self, rate: float) -> str | None:
        values = {"low": self.lever.low, "central": self.lever.central, "high": self.lever.high}
        return next((p for p, v in values.items() if abs(v - rate) < 5e-7), None)

    def _set(self, rate: float) -> None:
        if rate == self.lever.central:
            self.state.growth.pop(self.lever.key, None)
        else:
            self.state.growth[self.lever.key] = rate

    def _preset_chosen(self, change) -> None:
        if self._quiet or change["new"] is None:
            return
        rate = getattr(self.lever, change["new"])
        self._set(rate)
        self._quiet = True
        self.rate.value = round(100 * rate, 2)
        self._quiet = False
        self.on_change()

    def _rate_moved(self, change) -> None:
        if self._quiet:
            return
        rate = round_value(change["new"] / 100)
        preset = self._preset_of(rate)
        self._set(getattr(self.lever, preset) if preset else rate)
        self._quiet = True
        self.preset.value = preset
        self._quiet = False
        self.on_change()


def _escape(text: str) -> str:
    import html

    return html.escape(str(text))
