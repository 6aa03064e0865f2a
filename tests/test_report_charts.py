"""Charts as a reader meets them: the fan chart's BAU on its own scale, legends and source lines in the reader's
words (no sector keys, no hashes, the BAU's freeze date as a date), the title kept for the report's caption and
left out of the image the report shows."""

from __future__ import annotations

import contextlib
import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from pathways_fixtures import SCENARIO_YAML, make_bau_inputs  # noqa: E402
from PIL import Image  # noqa: E402

from analysis.emissions.baseline import Baseline  # noqa: E402
from analysis.emissions.macc import build_macc  # noqa: E402
from analysis.emissions.montecarlo import run_monte_carlo  # noqa: E402
from analysis.emissions.pathways import T_PER_MT, compute_pathways  # noqa: E402
from analysis.emissions.scenarios import load_scenarios  # noqa: E402
from analysis.emissions.targets import Target  # noqa: E402
from analysis.i18n import find_code_identifiers, fmt_vintage, sector_label, vintage_hashes  # noqa: E402
from analysis.viz import pathways as v  # noqa: E402
from analysis.viz import style  # noqa: E402

UNC = SCENARIO_YAML.replace(
    "provinces: [BRVT]\n",
    "provinces: [BRVT]\nbau_uncertainty:\n  driver_growth: {dist: normal, mean: 0, sd: 0.01, assumption: test}\n",
)
FROZEN = "frozen 2026-11-28; inputs sha256 59203cebaaa2"


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    path = tmp_path_factory.mktemp("s") / "s.yaml"
    path.write_text(UNC, encoding="utf-8")
    inputs, baseline = make_bau_inputs()
    baseline = Baseline(**{**baseline.__dict__, "vintage": FROZEN, "method": "driver-based"})
    ss = load_scenarios(path)
    return inputs, baseline, ss, compute_pathways(baseline, ss)


def _texts(fig) -> str:
    return " ".join(x.get_text() for x in fig.findobj(matplotlib.text.Text))


def test__plot_fan__draws_the_bau_in_mt_like_the_bands(setup):
    inputs, baseline, ss, _ = setup
    target = Target(id="pct", kind="percent_below_bau", year=2030, value=0.08)
    mc = run_monte_carlo(inputs, ss, [target], 100)
    fig = v.plot_fan(mc.percentiles, "plan", "vi", baseline_net=baseline.net() / T_PER_MT)
    bau = next(line for line in fig.axes[0].get_lines() if line.get_label() == "Kịch bản phát triển thông thường (BAU)")
    assert np.allclose(bau.get_ydata(), baseline.net() / T_PER_MT), "the BAU is drawn at its value, not near 0"
    assert bau.get_ydata().max() > 0.5
    plt.close(fig)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test__pathway_charts__sectors_named_and_source_lines_in_words(setup, lang):
    _, baseline, ss, ps = setup
    figs = [
        v.plot_net_zero(ps["deep"], lang),
        v.plot_waterfall(ps["plan"], 2030, lang),
        v.plot_macc(build_macc(baseline, ss["plan"], 2030), lang),
        v.plot_scenarios(ps, lang, target_pct=8),
    ]
    legend = [t.get_text() for t in figs[0].axes[0].get_legend().get_texts()]
    assert sector_label("Energy|Power", lang) in legend and "Energy|Power" not in legend
    unnamed = {m.id for m in ss.all_measures()}  # the test file's measures have no names: their ids show
    for fig in figs:
        text = _texts(fig)
        assert not set(find_code_identifiers(text)) - unnamed, find_code_identifiers(text)
        assert "sha256" not in text and "2026-11-28" not in text
    assert fmt_vintage(FROZEN, lang) in _texts(figs[1])
    assert ("Mỗi bước tính trên phần phát thải còn lại" if lang == "vi" else "Each step acts on") in _texts(figs[1])
    assert ("Giải pháp xếp theo chi phí" if lang == "vi" else "Measures in cost order") in _texts(figs[2])
    assert "8%" in _texts(figs[3])
    for fig in figs:
        plt.close(fig)


def test__finish__keeps_the_title_for_the_caption_and_renders_without_it():
    fig, ax = style.new_figure()
    ax.plot([2020, 2030], [1, 2])
    style.finish(fig, ax, title="Phát thải\nròng", source="x", lang="vi", ylabel="triệu tấn CO₂tđ/năm")
    assert fig.netzero["title"] == "Phát thải ròng"
    titled = Image.open(io.BytesIO(style.render_figure(fig, "png")))
    bare = Image.open(io.BytesIO(style.render_figure(fig, "png", titled=False)))
    assert bare.width == titled.width and bare.height < titled.height
    assert ax.get_title(loc="left") == "Phát thải\nròng", "the chart keeps its title outside the report"
    svg = style.render_figure(fig, "svg", titled=False).decode()
    assert "<svg" in svg and "Phát thải ròng" in svg, "the SVG carries the title as metadata"
    plt.close(fig)


def _two_panel_chart():
    fig, (left, right) = plt.subplots(1, 2, figsize=(style.A4_WIDTH_IN, 3.2))
    for k, ax in enumerate((left, right)):
        ax.plot(np.arange(2010, 2051), np.linspace(10 + k, 80 * (k + 1), 41), label=f"Kịch bản {k}")
        ax.legend(loc="upper left")
        style.localise_axis(ax.yaxis, "vi")
        ax.set_ylabel("triệu tấn CO₂tđ/năm")
    return fig, left


def test__finish__lays_the_chart_out_as_tight_layout_does_measuring_each_axes_once(monkeypatch):
    """finish's layout is matplotlib's tight_layout with a rect, whose second pass measures the same axes again;
    finish measures each axes once and gets the same subplot parameters, and leaves the axes as they were."""
    fig, ax = _two_panel_chart()
    style.finish(fig, ax, title="Phát thải", source="Sở Nông nghiệp và Môi trường", lang="vi")
    measured = (fig.subplotpars.left, fig.subplotpars.bottom, fig.subplotpars.right, fig.subplotpars.wspace)
    assert all("get_tightbbox" not in a.__dict__ for a in fig.axes), "the axes keep their own method"

    calls = []
    original = matplotlib.axes.Axes.get_tightbbox

    def counted(self, *args, **kwargs):
        calls.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(matplotlib.axes.Axes, "get_tightbbox", counted)
    style.finish(*_two_panel_chart(), title="Phát thải", source="Sở Nông nghiệp và Môi trường", lang="vi")
    assert len(calls) == 2, "each of the two axes measured once"
    monkeypatch.undo()

    plain, pax = _two_panel_chart()  # matplotlib's own two passes on the same figure
    with monkeypatch.context() as m:
        m.setattr(style, "_measured_once", lambda fig: contextlib.nullcontext())
        style.finish(plain, pax, title="Phát thải", source="Sở Nông nghiệp và Môi trường", lang="vi")
    expected = (plain.subplotpars.left, plain.subplotpars.bottom, plain.subplotpars.right, plain.subplotpars.wspace)
    assert measured == pytest.approx(expected, abs=1e-12)
    assert style._canvas_png(fig) == style._canvas_png(plain), "the same chart to the byte"
    plt.close("all")


def test__finish__wraps_a_legend_wider_than_the_figure_so_the_chart_is_drawn_once_at_its_size():
    # two long labels side by side under the chart (PGI sub-indices of a 2025 unit): 1,101 px on a 945 px figure
    fig, ax = style.new_figure(height_ratio=0.5)
    long = ["Tỉnh xếp hạng cao nhất có đủ chỉ số thành phần: Bắc Ninh (hạng 4)", "Giá trị cao thứ năm (trong 37 tỉnh)"]
    for k, label in enumerate(long):
        ax.scatter([k + 2], [k], label=label)
    ax.legend(loc="upper center", bbox_to_anchor=(0.35, -0.3), ncol=2)
    style.finish(fig, ax, title="Chỉ số thành phần", source="VCCI", lang="vi", xlabel="Điểm (0–10)")
    box = ax.get_legend().get_window_extent(fig.canvas.get_renderer())
    assert 0 <= box.x0 and box.x1 <= fig.bbox.width, "the legend lies inside the figure"
    texts = [text.get_text() for text in ax.get_legend().get_texts()]
    assert "\n" in texts[0] and " ".join(texts[0].split()) == long[0], "the long label wrapped, word for word"
    assert style._canvas_png(fig) is not None, "drawn once on its canvas, not again on a grown one"
    plt.close(fig)

    fitting, fax = style.new_figure()  # a legend that fits is left as it is
    fax.plot([1, 2], [1, 2], label="BAU")
    fax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2)
    style.finish(fitting, fax, title="x", source="y", lang="vi")
    assert [text.get_text() for text in fax.get_legend().get_texts()] == ["BAU"]
    plt.close(fitting)


def test__finish__a_source_line_of_wide_letters_is_wrapped_inside_the_figure():
    # the 04 maps in English: "(MONRE, EDGAR v9, …)" is wider than the average letter, so the line wrapped at the
    # average width still ran past the figure's edge and the map was drawn again on a grown canvas
    source = (
        "project estimate: national figures (MONRE, EDGAR v9, Our World in Data) shared out by sector proxies (GSO "
        "2010–2016, thermal plant list). Boundaries: Open Development Mekong / Department of Survey and Mapping "
        "(Viet Nam), licence CC BY-SA 4.0; the 34 units of 1 July 2025 are merged from the 63 provinces (not an "
        "official map) WWWW MMMM WWWW MMMM"
    )
    fig, ax = style.new_figure()
    ax.plot([1, 2], [1, 2])
    style.finish(fig, ax, title="Net emissions", source=source, lang="en", estimate=True)
    line = next(text for text in fig.texts if "MONRE" in text.get_text())
    box = line.get_window_extent(fig.canvas.get_renderer())
    assert box.x1 <= fig.bbox.width, "the source line lies inside the figure"
    assert " ".join(line.get_text().split()).startswith("Source: project estimate") and "\n" in line.get_text()
    assert style._canvas_png(fig) is not None, "drawn once on its canvas, not again on a grown one"
    plt.close(fig)


def test__format_tick__the_same_text_from_memory():
    assert style.format_tick(1500.0, "vi") == "1.500" and style.format_tick(1500.0, "en") == "1,500"
    assert style.format_tick(-0.149999, "vi") == "−0,15" and style.format_tick(2.5, "vi") == "2,5"
    assert style.format_tick(-0.0, "vi") == style.format_tick(0.0, "vi") == "0"


def test__fmt_vintage__words_the_date_and_keeps_hashes_apart():
    assert fmt_vintage(FROZEN, "vi") == "BAU cố định ngày 28/11/2026"
    assert fmt_vintage(FROZEN, "en") == "BAU frozen on 28 Nov 2026"
    assert (
        fmt_vintage(
            "A: frozen 2026-11-28; inputs sha256 aa11bb22cc33; B: frozen 2026-11-28; inputs sha256 dd44ee55ff66", "vi"
        )
        == "BAU cố định ngày 28/11/2026"
    )
    assert fmt_vintage("2023", "vi") == "2023"
    assert vintage_hashes(FROZEN) == ["59203cebaaa2"]
