"""Pathway charts: each returns a Figure with title, units, source line and the estimate label, in vi and en."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from pathways_fixtures import SCENARIO_YAML, make_bau_inputs  # noqa: E402

from analysis.emissions.macc import build_macc  # noqa: E402
from analysis.emissions.montecarlo import compute_tornado, run_monte_carlo  # noqa: E402
from analysis.emissions.pathways import compute_pathways  # noqa: E402
from analysis.emissions.scenarios import load_scenarios  # noqa: E402
from analysis.emissions.targets import Target  # noqa: E402
from analysis.i18n import t  # noqa: E402
from analysis.viz import pathways as v  # noqa: E402
from analysis.viz.style import scenario_color  # noqa: E402

UNC = SCENARIO_YAML.replace(
    "provinces: [BRVT]\n",
    "provinces: [BRVT]\nbau_uncertainty:\n  driver_growth: {dist: normal, mean: 0, sd: 0.01, assumption: test}\n",
)


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    path = tmp_path_factory.mktemp("s") / "s.yaml"
    path.write_text(UNC, encoding="utf-8")
    inputs, baseline = make_bau_inputs()
    ss = load_scenarios(path)
    return inputs, baseline, ss, compute_pathways(baseline, ss)


def _texts(fig) -> str:
    # a source line wrapped on two lines reads as one
    return " ".join(" ".join(x.get_text() for x in fig.findobj(matplotlib.text.Text)).split())


@pytest.mark.parametrize("lang", ["vi", "en"])
def test__plot_charts__title_units_source_and_estimate(setup, lang):
    inputs, baseline, ss, ps = setup
    target = Target(id="pct", kind="percent_below_bau", year=2030, value=0.08)
    mc = run_monte_carlo(inputs, ss, [target], 200)
    figs = [
        v.plot_scenarios(ps, lang),
        v.plot_wedges(ps["deep"], lang),
        v.plot_waterfall(ps["plan"], 2030, lang),
        v.plot_net_zero(ps["deep"], lang),
        v.plot_macc(build_macc(baseline, ss["plan"], 2030), lang),
        v.plot_fan(mc.percentiles, "plan", lang, estimate=True),
        v.plot_tornado(compute_tornado(inputs, ss, "plan", target), lang, estimate=True),
    ]
    for fig in figs:
        ax = fig.axes[0]
        text = _texts(fig)
        assert ax.get_title(loc="left"), "every chart has a title"
        assert "CO₂" in ax.get_xlabel() + ax.get_ylabel(), "units on an axis"
        assert t("source", lang) in text and t("estimate_label", lang) in text
        plt.close(fig)


def test__plot_scenarios__one_colour_per_scenario_and_target_marker(setup):
    _, _, _, ps = setup
    fig = v.plot_scenarios(ps, "en", target_pct=8)
    lines = {ln.get_label(): ln.get_color() for ln in fig.axes[0].get_lines()}
    assert lines[ps["plan"].scenario.title("en")] == scenario_color("plan")
    assert any("8" in x and "2030" in x for x in fig.axes[0].get_legend_handles_labels()[1])
    plt.close(fig)


def test__plot_waterfall__steps_add_up_to_the_scenario(setup):
    _, _, _, ps = setup
    fig = v.plot_waterfall(ps["plan"], 2030, "vi")
    widths = [p.get_width() for p in fig.axes[0].patches]
    assert widths[0] + sum(widths[1:-1]) == pytest.approx(widths[-1])  # BAU − steps = scenario (Mt)
    labels = [x.get_text() for x in fig.axes[0].get_xticklabels()]
    assert any("," in x for x in labels) and not any("." in x for x in labels)  # Vietnamese number format
    plt.close(fig)


def test__plot_tornado__long_input_names_wrap_and_the_bars_keep_most_of_the_width(setup):
    inputs, _, ss, _ = setup
    target = Target(id="pct", kind="percent_below_bau", year=2030, value=0.08)
    tornado = compute_tornado(inputs, ss, "plan", target)
    long = "Chuyển đổi nhiên liệu dầu sang khí/LNG trong công nghiệp: hệ số phát thải"  # as in the shipped plan
    tornado.loc[tornado.index[0], "parameter"] = long
    fig = v.plot_tornado(tornado, "vi")
    ax = fig.axes[0]
    labels = [x.get_text() for x in ax.get_yticklabels()]
    assert long.replace(" ", "") in [x.replace("\n", "").replace(" ", "") for x in labels]
    assert all(x.count("\n") <= 1 for x in labels) and any("\n" in x for x in labels)
    fig.canvas.draw()
    assert ax.get_position().width > 0.5  # the labels take less than half of the chart
    plt.close(fig)
