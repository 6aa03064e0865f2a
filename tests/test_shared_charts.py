"""Charts drawn once for every report that shows them (issue 20, speed): ``analysis.viz.shared``."""

from __future__ import annotations

import base64

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from analysis import paths  # noqa: E402
from analysis.viz import shared, style  # noqa: E402
from analysis.viz.national import plot_national_bau  # noqa: E402

DRAWN: list[str] = []


@shared.drawn_once
def _bars(table: pd.DataFrame, lang: str = "vi"):
    DRAWN.append(lang)
    fig, ax = style.new_figure(0.4)
    ax.bar(table.index.astype(str), table["value"], color=style.scenario_color(table.attrs.get("scenario", "main")))
    return style.finish(fig, ax, title=f"Thử {table.attrs.get('scenario', '')}", source="kiểm thử", lang=lang)


@pytest.fixture
def in_a_report(tmp_path, monkeypatch):
    """As in a report's kernel: the runner's formats variable set, the kept charts in a folder of the test's."""
    monkeypatch.setenv(paths.FIGURE_FORMATS_ENV, "png")
    monkeypatch.setattr(shared, "in_kernel", lambda: True)
    monkeypatch.setattr(shared, "CACHE_DIR", tmp_path / "charts")
    monkeypatch.setattr(style, "_assigned", {"bau": style.OKABE_ITO["black"]})
    DRAWN.clear()
    yield tmp_path / "charts"
    plt.close("all")


def _table(scenario: str = "main", value: float = 1.0) -> pd.DataFrame:
    table = pd.DataFrame({"value": [value, 2.0, 3.0]}, index=[2030, 2040, 2050])
    table.attrs["scenario"] = scenario
    return table


def test__a_chart_asked_for_again_is_shown_from_what_was_drawn_the_first_time(in_a_report, monkeypatch):
    first = _bars(_table())
    monkeypatch.setattr(style, "_assigned", {"bau": style.OKABE_ITO["black"]})  # another report's kernel
    second = _bars(_table())
    assert DRAWN == ["vi"]  # drawn once
    assert not isinstance(first, shared.KeptFigure) and first.axes
    assert isinstance(second, shared.KeptFigure) and not second.axes
    png = style._report_png(first)
    assert png == style._report_png(second)
    assert base64.b64decode(png).startswith(b"\x89PNG")
    assert style._report_payload(second) == style._report_payload(first) == {"title": "Thử main"}
    assert list(second.get_size_inches()) == list(first.get_size_inches())
    assert repr(second) == repr(first)  # "<Figure size … with 1 Axes>", as the notebook's text says
    assert len(list(in_a_report.glob("_bars-*.json"))) == 1


def test__another_language_another_value_or_other_attrs_is_another_chart(in_a_report, monkeypatch):
    for table, lang in [(_table(), "vi"), (_table(), "en"), (_table(value=1.5), "vi"), (_table(scenario="x"), "vi")]:
        monkeypatch.setattr(style, "_assigned", {"bau": style.OKABE_ITO["black"]})  # each in a report of its own
        _bars(table, lang)  # the last: the same numbers, another scenario in the table's attrs
    assert DRAWN == ["vi", "en", "vi", "vi"]
    assert len(list(in_a_report.glob("_bars-*.json"))) == 4


def test__the_colours_a_kept_chart_assigned_are_assigned_again(in_a_report, monkeypatch):
    _bars(_table(scenario="measures"))
    assigned = dict(style._assigned)
    assert "measures" in assigned
    monkeypatch.setattr(style, "_assigned", {"bau": style.OKABE_ITO["black"]})  # another report's session
    _bars(_table(scenario="measures"))
    assert DRAWN == ["vi"]
    assert style._assigned == assigned  # the next chart of this report gets the colours it would have had
    # the same arguments after other colours were assigned: another chart (its colours could differ)
    monkeypatch.setattr(style, "_assigned", {"bau": style.OKABE_ITO["black"], "x": style.OKABE_ITO["blue"]})
    _bars(_table(scenario="measures"))
    assert DRAWN == ["vi", "vi"]


def test__outside_a_report_the_analyst_gets_the_real_figure_and_nothing_is_kept(in_a_report, monkeypatch):
    monkeypatch.delenv(paths.FIGURE_FORMATS_ENV)
    figs = [_bars(_table()), _bars(_table())]
    assert DRAWN == ["vi", "vi"]
    assert all(f.axes and not isinstance(f, shared.KeptFigure) for f in figs)
    assert not in_a_report.exists()


def test__a_process_that_ran_a_report_in_itself_still_gets_real_figures(in_a_report, monkeypatch):
    """The runner sets the formats variable in its own process too (a batch with one job, the tests): outside an
    IPython kernel, charts are always drawn (a test that draws a chart after running a report got an empty figure)."""
    monkeypatch.undo()  # the variable set, but no kernel
    monkeypatch.setenv(paths.FIGURE_FORMATS_ENV, "png")
    monkeypatch.setattr(shared, "CACHE_DIR", in_a_report)
    assert not shared.in_kernel()
    figs = [_bars(_table()), _bars(_table())]
    assert DRAWN == ["vi", "vi"] and all(f.axes for f in figs)
    assert not in_a_report.exists()


def test__a_damaged_kept_chart_is_drawn_again(in_a_report, monkeypatch):
    _bars(_table())
    (kept,) = in_a_report.glob("_bars-*.json")
    kept.write_text('{"format": 1, "png": "not base64!"}', encoding="utf-8")
    monkeypatch.setattr(style, "_assigned", {"bau": style.OKABE_ITO["black"]})
    fig = _bars(_table())
    assert DRAWN == ["vi", "vi"] and fig.axes


def test__an_argument_the_key_cannot_describe_draws_as_usual(in_a_report):
    class Opaque:
        pass

    with pytest.raises(TypeError):
        shared.chart_key(_bars, (Opaque(),), {})


def test__the_national_bau_chart_is_drawn_once_per_map_and_language(in_a_report):
    """A chart of the reports themselves (04): the national BAU implied by the provinces' BAUs is the same in the
    report of every place of a map; the other map sums other units, so it is another chart."""
    from analysis.emissions import national_sum

    implied = national_sum.implied_national_bau(2025)
    compared = national_sum.compare_references(implied)
    first = plot_national_bau(implied, compared, "vi")
    again = plot_national_bau(national_sum.implied_national_bau(2025), national_sum.compare_references(implied), "vi")
    assert isinstance(again, shared.KeptFigure) and style._report_png(again) == style._report_png(first)
    other = national_sum.implied_national_bau(2024)
    assert not isinstance(plot_national_bau(other, national_sum.compare_references(other), "vi"), shared.KeptFigure)
    assert not isinstance(plot_national_bau(implied, compared, "en"), shared.KeptFigure)
    assert len(list(in_a_report.glob("plot_national_bau-*.json"))) == 3
