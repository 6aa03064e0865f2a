"""The explorer panel (ipywidgets): pick a scenario and a target, move levers, see the pathway move; save it.

Input: run parameters (the run vocabulary: province, map, scenario file …) — :func:`open_explorer` builds the run
with :func:`analysis.run.build_run` and an :class:`~analysis.explore.model.ExplorerModel`. Output: an
:class:`ExplorerPanel`; displaying it in JupyterLab shows the panel. On every change it recomputes the
:class:`~analysis.explore.model.View`, redraws the chart and the four headline figures, and says how long it took.
"Save as scenario" writes the scenario file (:mod:`analysis.explore.document`); "Load scenario" builds the run on a
saved file and puts the levers where they were saved. For a report (a batch run has no live panel),
:meth:`ExplorerPanel.summary_table` and :meth:`ExplorerPanel.figure` give the same figures as a table and a chart.
"""

from __future__ import annotations

import datetime as dt
import html
import time
from pathlib import Path

import ipywidgets as w
import pandas as pd

from analysis import paths
from analysis.emissions.pathways import T_PER_MT
from analysis.emissions.profile import slug_of
from analysis.emissions.scenarios import parse_scenarios
from analysis.errors import AnalysisError
from analysis.explore.chart import PathwayChart
from analysis.explore.document import write_document
from analysis.explore.model import ExplorerModel
from analysis.explore.rows import GrowthRow, MeasureRow
from analysis.explore.text import headline_html
from analysis.i18n import fmt_mt, fmt_number, t
from analysis.narrative.run import describe_warnings
from analysis.run import build_run
from analysis.viz.style import DPI


def default_save_path(model: ExplorerModel) -> Path:
    """``<reports>/explorer/<province>-<scenario>-explorer-<date>.yaml`` (words joined by hyphens)."""
    from analysis.data.provinces import strip_diacritics

    day = dt.date.today().strftime("%Y%m%d")
    name = slug_of(f"{strip_diacritics(model.run.province)} {model.variant} {day}")
    return paths.REPORTS_DIR / "explorer" / f"{name}.yaml"


class ExplorerPanel:
    """The live panel on one :class:`ExplorerModel` (see module docstring)."""

    def __init__(self, model: ExplorerModel):
        self.model, self.lang = model, model.lang
        lang = self.lang
        self.header = w.HTML()
        self.scenario = w.Dropdown(
            description=t("xp_scenario", lang), style={"description_width": "10em"}, layout=w.Layout(width="60%")
        )
        self.target = w.Dropdown(
            description=t("xp_target", lang), style={"description_width": "10em"}, layout=w.Layout(width="98%")
        )
        self.reset = w.Button(description=t("xp_reset", lang), icon="undo", layout=w.Layout(width="auto"))
        self.cards = w.HTML()
        self.chart = w.Image(format="png", layout=w.Layout(width="100%", max_width="900px"))
        self.chart.add_class("nz-chart")
        self.status = w.HTML()
        self.status.add_class("nz-status")
        self.measures, self.growth = w.VBox(), w.VBox()
        self.save_path = w.Text(description=t("xp_save_path", lang), layout=w.Layout(width="90%"))
        self.load_path = w.Text(description=t("xp_load_path", lang), layout=w.Layout(width="90%"))
        for box in (self.save_path, self.load_path):
            box.style.description_width = "12em"
        self.save_button = w.Button(description=t("xp_save", lang), icon="save", button_style="primary")
        self.load_button = w.Button(description=t("xp_load", lang), icon="folder-open")
        self.message = w.HTML()
        self.message.add_class("nz-message")
        tabs = w.Tab(
            children=[
                self.measures,
                self.growth,
                w.VBox([self.save_path, self.save_button, self.load_path, self.load_button, self.message]),
            ]
        )
        for i, key in enumerate(("xp_tab_measures", "xp_tab_growth", "xp_tab_save")):
            tabs.set_title(i, t(key, lang))
        self.widget = w.VBox(
            [self.header, w.HBox([self.scenario, self.reset]), self.target, self.cards, self.chart, self.status, tabs],
            layout=w.Layout(max_width="1000px"),
        )
        self.widget.add_class("nz-explorer")
        self.scenario.observe(self._scenario_chosen, names="value")
        self.target.observe(lambda _change: self.refresh(), names="value")
        self.reset.on_click(lambda _b: self._rebuild(self.model.scenario.name))
        self.save_button.on_click(lambda _b: self.save())
        self.load_button.on_click(lambda _b: self.load(self.load_path.value))
        self._chart, self._quiet, self.view, self.seconds = None, False, None, 0.0
        self._attach()

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = t("xp_plain", self.lang)
        return bundle

    # -- building ---------------------------------------------------------------------------------------------
    def _attach(self) -> None:
        """Header, choices and rows for the current model; then one refresh."""
        model, lang, run = self.model, self.lang, self.model.run
        warnings = "".join(
            f"<p style='color:#8A4B00;margin:0.2em 0'>{html.escape(s.replace('**', ''))}</p>"
            for s in describe_warnings(run, lang)
        )
        origin = t(f"xp_origin_{run.scenario_origin}", lang)
        self.header.value = (
            f"<h3 style='margin:0.2em 0'>{html.escape(t('xp_title', lang, province=run.province))}"
            f"</h3><p style='margin:0.2em 0'>{html.escape(t('xp_intro', lang))}</p>"
            f"<p style='color:#555;margin:0.2em 0;font-size:0.9em'>"
            f"{html.escape(t('xp_file', lang, file=run.scenario_set.file, origin=origin))}</p>"
            f"{warnings}"
        )
        self._chart = None  # a new run may have another source line
        self._quiet = True
        self.scenario.options = [(sc.title(lang), name) for name, sc in run.scenario_set.scenarios.items()]
        self.scenario.value = model.scenario.name
        self.target.options = [(f"{tg.title(lang)} ({tg.year})", tg.id) for tg in model.targets]
        self.target.value = model.target().id
        self._quiet = False
        self.save_path.value = str(default_save_path(model))
        self._rows()
        self.refresh()

    def _rows(self) -> None:
        model, lang = self.model, self.lang
        rows = [MeasureRow(lv, model.state, lang, self.refresh) for lv in model.levers]
        level, years = html.escape(t("xp_level", lang)), html.escape(t("xp_years", lang))
        head = w.HTML(
            f"<div style='display:flex;color:#555;font-size:0.85em;line-height:1.3'><span style='width:28%'>"
            f"</span><span style='width:39%'>{level}</span><span>{years}</span></div>"
        )
        self.measures.children = [head, *(r.box for r in rows)] if rows else [w.HTML(t("xp_no_measures", lang))]
        several = model.run.is_unit
        growth = [GrowthRow(lv, model.state, lang, self.refresh, show_province=several) for lv in model.growth_levers]
        intro = w.HTML(f"<p style='color:#555;font-size:0.9em'>{html.escape(t('xp_growth_intro', lang))}</p>")
        self.growth.children = [intro, *(g.box for g in growth)] if growth else [w.HTML(t("xp_growth_none", lang))]
        self.measure_rows, self.growth_rows = rows, growth

    def _scenario_chosen(self, change) -> None:
        if not self._quiet and change["new"] is not None:
            self._rebuild(change["new"])

    def _rebuild(self, scenario: str) -> None:
        """Explore ``scenario`` with its levers at the file's values."""
        self.model.explore(scenario)
        self.save_path.value = str(default_save_path(self.model))
        self._rows()
        self.refresh()

    # -- live ---------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Recompute the view of the current levers and redraw the figures and the chart."""
        if self._quiet:
            return
        started = time.perf_counter()
        try:
            view = self.model.compute(target_id=self.target.value)
        except AnalysisError as exc:
            self.status.value = f"<span style='color:#B2182B'>{html.escape(t('xp_error', self.lang, message=exc))}"
            return
        if self._chart is None:
            self._chart = PathwayChart(view, self.lang)
        self.cards.value = headline_html(view, self.lang)
        self.chart.value = self._chart.png(view)
        self.view, self.seconds = view, time.perf_counter() - started
        notes = [t("xp_timing", self.lang, seconds=fmt_number(self.seconds, self.lang, 2))]
        if view.growth_changed:
            notes.insert(0, t("xp_growth_changed", self.lang))
        self.status.value = f"<span style='color:#555;font-size:0.85em'>{html.escape(' '.join(notes))}</span>"

    # -- saving and loading -----------------------------------------------------------------------------------
    def save(self, path: str | Path | None = None) -> Path | None:
        """Write the current levers as a scenario file (checked by the engine's parser first); the path."""
        model, lang = self.model, self.lang
        try:
            target = Path(path or self.save_path.value).expanduser()
            doc = model.saved_document()
            parse_scenarios(doc, str(target))
            write_document(doc, target, province=model.run.province)
        except (AnalysisError, OSError) as exc:
            self.message.value = f"<span style='color:#B2182B'>{html.escape(t('xp_error', lang, message=exc))}</span>"
            return None
        text = t("xp_saved", lang, path=target, province=model.run.province)
        if model.state.changed_growth(model.growth_levers):
            text += " " + t("xp_saved_growth", lang)
        self.message.value = f"<span style='color:#1B7837'>{html.escape(text)}</span>"
        self.load_path.value = str(target)
        return target

    def load(self, path: str | Path) -> bool:
        """Explore a saved scenario file: the run is rebuilt on it and the levers put where they were saved."""
        try:
            params = self.model.run.params.model_copy(
                update={
                    "scenario_file": str(Path(path).expanduser()),
                    "main_scenario": "",
                    "long_term_scenario": "",
                    "scenarios": [],
                }
            )
            run = build_run(**params.model_dump())
            self.model = ExplorerModel(run, n_draws=self.model.n_draws, seed=self.model.seed, restore=True)
        except AnalysisError as exc:
            self.message.value = f"<span style='color:#B2182B'>{html.escape(t('xp_error', self.lang, message=exc))}"
            return False
        self._attach()
        self.message.value = f"<span style='color:#1B7837'>{html.escape(t('xp_loaded', self.lang, path=path))}</span>"
        return True

    # -- for a report -----------------------------------------------------------------------------------------
    def summary_table(self) -> pd.DataFrame:
        """The headline figures of the current view as a reader's table (label, value): each figure a number with
        the kind it is printed by (``frame.attrs["kinds"]``, one per row; units in the labels), names and the
        verdict in words."""
        v, lang = self.view, self.lang
        year = v.target.year
        from analysis.explore.text import _scenario_title

        gap = float(v.row["gap_mtco2e"])
        unit = f" ({t('mtco2e', lang)})"
        applicable = bool(v.row.get("applicable", True))
        bau = float(v.row["bau_mtco2e"])
        if applicable:
            gap_row = (
                t("xp_card_surplus" if gap <= 0 else "xp_card_shortfall", lang, year=year) + unit,
                abs(gap),
                "mt",
            )
        else:  # a percentage below a BAU that is not positive: why, and no gap of a percentage of a negative number
            gap_row = (t("xp_card_na", lang, year=year), t("xp_na_note", lang, bau=fmt_mt(bau, lang)), None)
        below_row = (
            (t("xp_card_below", lang, year=year), float(v.below_bau_pct), "percent:1")
            if bau > 0
            else (t("xp_card_below_mt", lang, year=year), v.below_bau_mt, "mt+")
        )
        rows = [
            (t("xp_target", lang), v.target.title(lang), None),
            gap_row,
            below_row,
            (
                t("xp_card_balance_of", lang, year=v.balance_year, scenario=_scenario_title(v, lang)) + unit,
                v.net / T_PER_MT,
                "mt",
            ),
            (
                t("xp_card_pmet", lang),
                None if v.mc is None or not applicable else float(v.mc.probability_met),
                "probability",
            ),
            (t("pw_col_met", lang), t(f"xp_verdict_{v.verdict.replace(' ', '_')}", lang), None),
        ]
        value = t("xp_figure_value", lang)
        out = pd.DataFrame([row[:2] for row in rows], columns=[t("xp_figure", lang), value], dtype=object)
        out.attrs["kinds"] = {value: [row[2] for row in rows]}
        return out

    def figure(self):
        """The chart of the current view as a matplotlib figure (for a report: at the reports' resolution, so that
        the report shows the drawing already laid out rather than laying it out twice more to save it)."""
        return PathwayChart(self.view, self.lang, dpi=DPI).figure_of(self.view)


def open_explorer(*, n_draws: int = 10_000, seed: int = 20_300, **values) -> ExplorerPanel:
    """The explorer panel for a province and its scenario file: ``values`` are run parameters as in every notebook
    (``province``, ``map``, ``scenario_file``, ``main_scenario``, ``targets_file``, ``headline_target``,
    ``target_year``, ``lang``); with no map, the registry decides (today's map for a name on it).

    A saved explorer file given as ``scenario_file`` (with ``main_scenario`` empty) opens with its levers where
    they were saved.
    """
    run = build_run(n_draws=n_draws, seed=seed, **values)
    main_scenario, scenario_file = values.get("main_scenario") or "", values.get("scenario_file") or ""
    model = ExplorerModel(
        run, main_scenario or None, n_draws=n_draws, seed=seed, restore=bool(scenario_file) and not main_scenario
    )
    return ExplorerPanel(model)
