"""The explorer panel without a browser: a lever move redraws, words are the reader's, save and load round-trip."""

from __future__ import annotations

import html
import re

import ipywidgets as w
import pytest

from analysis.explore.panel import open_explorer

BRVT = "Bà Rịa – Vũng Tàu"


def _texts(widget) -> list[str]:
    """Every text a reader sees in the widget tree (tags stripped)."""
    out = []
    if isinstance(widget, w.HTML | w.Label):
        out.append(re.sub(r"<[^>]+>", " ", widget.value))
    for attr in ("description", "tooltip"):
        if getattr(widget, attr, None):
            out.append(getattr(widget, attr))
    if isinstance(widget, w.Dropdown | w.ToggleButtons):
        out += [str(label) for label in widget._options_labels]
    if isinstance(widget, w.Tab):
        out += [widget.get_title(i) for i in range(len(widget.children))]
    for child in getattr(widget, "children", ()):
        out += _texts(child)
    return [html.unescape(x) for x in out]


@pytest.fixture(scope="module", params=["vi", "en"])
def panel(request):
    return open_explorer(province=BRVT, lang=request.param, n_draws=1000)


def test__panel__moving_a_lever_changes_the_headline_and_the_chart(panel):
    gap, png = panel.cards.value, panel.chart.value
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and "nz-card-gap" in gap
    panel.measure_rows[0].level.value = 150
    assert panel.cards.value != gap and panel.chart.value != png
    first = panel.model.levers[0]
    assert first.id == "energy_efficiency" and first.nominal > 0
    assert panel.model.state.sizes == {"energy_efficiency": first.value_at(150)}
    assert panel.view.changed == ["energy_efficiency"]
    panel.reset.click()
    assert panel.model.state.sizes == {} and panel.cards.value == gap


def test__panel__target_and_scenario_choices_recompute(panel):
    before = panel.cards.value
    panel.target.value = "net_zero_2050"
    assert panel.view.target.id == "net_zero_2050" and panel.cards.value != before
    panel.scenario.value = "net_zero_2050"
    assert panel.model.scenario.name == "net_zero_2050"
    assert [r.lever.id for r in panel.measure_rows] == [
        m.id for m in panel.model.run.scenario_set["net_zero_2050"].measures
    ]
    panel.scenario.value = "action_plan_2030"
    panel.target.value = panel.model.run.headline.id


def test__panel__growth_preset_moves_the_bau(panel):
    row = panel.growth_rows[0]
    row.preset.value = "high"
    assert panel.view.growth_changed and row.rate.value == pytest.approx(100 * row.lever.high, abs=0.005)
    row.preset.value = "central"
    assert row.rate.value == pytest.approx(100 * row.lever.central, abs=0.005) and not panel.view.growth_changed


def test__panel__every_word_is_the_reader_s_in_both_languages(panel):
    texts = " ".join(_texts(panel.widget))
    assert "Bà Rịa – Vũng Tàu" in texts
    identifiers = re.findall(r"\b[a-z0-9]+_[a-z0-9_]+\b", texts)
    assert identifiers == [] and "Energy|" not in texts
    words = {
        "vi": [
            "Kịch bản",
            "Mục tiêu theo dõi",
            "Lưu thành kịch bản",
            "Tăng trưởng BAU",
            "so với mức cho phép năm 2030",  # a surplus or a shortfall, in words: never a signed gap
            "triệu tấn CO₂tđ",
        ],
        "en": [
            "Scenario",
            "Target watched",
            "Save as scenario",
            "BAU growth",
            "against the allowed level, 2030",
            "Mt CO₂e",
        ],
    }[panel.lang]
    assert all(word in texts for word in words), [x for x in words if x not in texts]
    number = re.search(r"nz-card-gap.*?nz-value[^>]*>([^<]+)<", panel.cards.value).group(1)
    assert ("," in number) == (panel.lang == "vi") and not number.startswith(("−", "+", "-"))  # 1,73 / 1.73


def test__panel__save_and_load_back(panel, tmp_path):
    panel.measure_rows[1].level.value = 40
    panel.measure_rows[2].years.value = (2027, 2033)
    shown = panel.view
    path = panel.save(tmp_path / "saved.yaml")
    assert path == tmp_path / "saved.yaml" and path.is_file() and str(path) in html.unescape(panel.message.value)
    panel.reset.click()
    assert panel.load(str(path))
    assert panel.model.run.scenario_set.file.endswith("saved.yaml") and panel.model.scenario.name == "action_plan_2030"
    assert panel.measure_rows[1].level.value == 40 and panel.measure_rows[2].years.value == (2027, 2033)
    assert panel.view.row["gap_mtco2e"] == shown.row["gap_mtco2e"]
    assert panel.view.mc.probability_met == shown.mc.probability_met


def test__panel__bad_files_are_said_in_the_panel_not_raised(panel, tmp_path):
    assert not panel.load(tmp_path / "missing.yaml")
    assert "does not exist" in html.unescape(panel.message.value)
    other = tmp_path / "dong-nai.yaml"
    other.write_text("provinces: [Đồng Nai]\nmain: a\nscenarios:\n  a: {measures: []}\n", encoding="utf-8")
    assert not panel.load(other)
    assert "not Bà Rịa – Vũng Tàu" in html.unescape(panel.message.value)
    (tmp_path / "a file").write_text("x", encoding="utf-8")
    assert panel.save(tmp_path / "a file" / "saved.yaml") is None  # a folder that is a file
    assert "Could not do it" in panel.message.value or "Không thực hiện được" in panel.message.value
