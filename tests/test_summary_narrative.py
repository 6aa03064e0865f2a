"""The summary's sentences and tables say what the run computed: the verdict follows the Monte Carlo, the sector
table adds up, the action table's cuts are the scenario's abatement, and a province without its own plan says so."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.emissions.montecarlo import summarise_target
from analysis.narrative import MT, summary
from analysis.run import build_run


@pytest.fixture(scope="module")
def brvt():
    return build_run(province="Bà Rịa – Vũng Tàu", n_draws=300, seed=7)


@pytest.fixture(scope="module")
def dong_nai():
    return build_run(province="Đồng Nai", map=2024, n_draws=0)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test__verdict__follows_the_monte_carlo_and_states_its_probability(brvt, lang):
    u = summarise_target(brvt.monte_carlo, brvt.main.name, brvt.headline.id)
    first, second = summary.describe_verdict(brvt, lang)
    if u.verdict == "at risk":  # the one verdict rule (analysis.emissions.targets.verdict)
        assert ("nguy cơ" in first) if lang == "vi" else ("at risk" in first)
    else:
        assert ("nguy cơ" not in first) if lang == "vi" else ("at risk" not in first)
    p = f"{round(100 * u.probability_met)}"
    assert f"**{p} %**" in second or f"**{p}%**" in second
    # the central value in the sentence is the scenario's target-year emissions
    assert f"{brvt.main.value(brvt.target_year) / MT:.1f}".replace(".", "," if lang == "vi" else ".") in first


def test__verdict__without_draws_says_no_probability(dong_nai):
    first, second = summary.describe_verdict(dong_nai, "en")
    assert "No probability" in second
    assert "Đồng Nai" in first


def test__sector_table__rows_add_up_to_the_net_total(brvt):
    table = summary.sector_table(brvt, "en")
    body, total = table.iloc[:-1], table.iloc[-1]
    for column in table.columns[1:]:
        assert body[column].dropna().sum() == pytest.approx(total[column], rel=1e-9)
    i = brvt.baseline.year_index(brvt.target_year)
    assert total.iloc[2] == pytest.approx(brvt.baseline.net()[i] / MT)
    assert total.iloc[3] == pytest.approx(brvt.main.net()[i] / MT)


def test__action_table__cuts_are_the_scenario_abatement_largest_first(brvt):
    from analysis.run.facts import facts_for

    table = summary.action_table(facts_for(brvt, cache=False), "vi")
    cut = table["Giảm năm 2030 (triệu tấn)"].to_numpy()
    assert np.all(np.diff(cut) <= 1e-12)
    i = brvt.baseline.year_index(brvt.target_year)
    assert cut.sum() == pytest.approx(brvt.main.abatement[:, :, i].sum() / MT)
    assert len(table) == len(brvt.main.measures)
    # the shipped BR-VT measures carry a proposed lead from the seed report's departments
    assert (table["Cơ quan chủ trì (đề xuất)"] != "chưa giao").all()
    # every measure with a cost has it in both currencies (the capex-based ones too: no "–" beside a cost curve)
    usd, vnd = table["Chi phí (USD/tấn)"], table["Chi phí (nghìn đồng/tấn)"]
    assert usd.notna().all() and (vnd - usd * 24.327).abs().max() < 1e-6


def test__national_comparison__names_a_weaker_own_target(brvt):
    text = summary.describe_national_comparison(brvt, "en")
    assert "15.8 %" in text or "15.8%" in text
    assert "weaker" in text  # 8 % own target < NDC 15.8 %


def test__net_zero__names_each_removal_and_its_basis(brvt):
    text = summary.describe_net_zero(brvt, "vi")
    assert "giả định, chưa phải kế hoạch" in text and "lớn nhất" in text
    assert "0,0 triệu tấn" not in text  # small sinks keep two decimals


def test__merger__a_2024_province_names_its_new_unit(brvt, dong_nai):
    assert "TP. Hồ Chí Minh" in summary.describe_merger(brvt, "vi")
    assert "Bình Phước" in summary.describe_merger(dong_nai, "en")


def test__summary_table__another_province_gets_its_own_numbers(dong_nai):
    table = summary.summary_table(dong_nai, None, "en")
    text = " ".join(table.astype(str).to_numpy().ravel())
    assert "Bà Rịa" not in text and "8 %" not in text
    base = dong_nai.baseline.net()[0] / MT
    assert f"{base:.1f}" in text


def test__action_note__national_cuts_are_not_called_the_province_s_plan(brvt, dong_nai):
    assert "proposed" in summary.action_note(brvt.main, "en")
    note = summary.action_note(dong_nai.main, "en")
    assert "not yet assigned" in note and "proposed" not in note


def test__national_comparison__says_nothing_when_the_ndc_is_the_headline_and_gives_p_otherwise(brvt, dong_nai):
    assert dong_nai.headline.id == "ndc2022_unconditional_2030"
    assert summary.describe_national_comparison(dong_nai, "vi") == ""  # its verdict is the summary's first sentence
    text = summary.describe_national_comparison(brvt, "vi")
    if brvt.monte_carlo is not None:
        assert "xác suất" in text
    assert "đạt" in text and "15,8%" in text


def test__warnings__a_2025_unit_is_called_a_unit_and_its_inherited_targets_are_announced():
    from analysis.narrative.run import describe_warnings

    unit = build_run(province="Hồ Chí Minh", map=2025, n_draws=0)
    text = " ".join(describe_warnings(unit, "vi"))
    assert "đơn vị hành chính từ ngày 01/7/2025" in text and "kế thừa" in text and "Tỉnh chưa có" not in text
    assert any(tg.origin.startswith("inherited") for tg in unit.targets)
