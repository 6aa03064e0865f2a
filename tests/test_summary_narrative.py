"""The summary's sentences and tables say what the run computed: the verdict follows the Monte Carlo, the sector
table adds up, the action table's cuts are the scenario's abatement, and a province without its own plan says so."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.narrative import MT, summary
from analysis.run import build_run


@pytest.fixture(scope="module")
def brvt():
    return build_run(province="Bà Rịa – Vũng Tàu", n_draws=300, seed=7)


@pytest.fixture(scope="module")
def dong_nai():
    return build_run(province="Đồng Nai", map=2024, n_draws=0)


@pytest.fixture(scope="module")
def brvt_facts(brvt):
    from analysis.run.facts import compute_facts

    return compute_facts(brvt)


@pytest.fixture(scope="module")
def dong_nai_facts(dong_nai):
    from analysis.run.facts import compute_facts

    return compute_facts(dong_nai)


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


def test__national_comparison__names_a_weaker_own_target(brvt_facts):
    text = summary.describe_national_comparison(brvt_facts, "en")
    assert ">15.8%<" in text  # the NDC's 15.8 %, marked as the fact it is
    assert "weaker" in text  # 8 % own target < NDC 15.8 %


def test__net_zero__names_each_removal_and_its_basis_and_adds_up_as_printed(brvt_facts):
    import re

    text = summary.describe_net_zero(brvt_facts, "vi")
    assert "giả định, chưa phải kế hoạch" in text and "lớn nhất" in text
    assert "0,0 triệu tấn" not in text  # small sinks are never printed as zero
    d = brvt_facts.long_term_decimals
    figures = {
        k: float(v.replace(",", ".").replace("−", "-"))
        for k, v in re.findall(r'data-fact="([^"]+)"[^>]*>([-−\d,]+)<', text)
    }
    key = f"pathways.{brvt_facts.long_term}"
    gross, removals, net = figures[f"{key}.gross_last"], figures[f"{key}.removals_last"], figures[f"{key}.net_last"]
    assert round(gross - removals, d) == net  # contradiction 10: 8,1 − 6,5 printed as 1,5
    parts = [v for k, v in figures.items() if k.startswith("removal_parts.") and k.endswith(".amount")]
    assert round(sum(parts), d) == removals


def test__summary_table__another_province_gets_its_own_numbers(dong_nai, dong_nai_facts):
    table = summary.summary_table(dong_nai_facts, "en")
    text = " ".join(table.astype(str).to_numpy().ravel())
    assert "Bà Rịa" not in text and "8 %" not in text
    base = dong_nai.baseline.net()[0] / MT
    assert table.iloc[0, 1] == pytest.approx(base)  # the raw fact, printed by its kind (frame.attrs["kinds"])
    assert table.attrs["kinds"][table.columns[1]][0] == "mt"


def test__action_note__national_cuts_are_not_called_the_province_s_plan(brvt, dong_nai):
    assert "proposed" in summary.action_note(brvt.main, "en")
    note = summary.action_note(dong_nai.main, "en")
    assert "not yet assigned" in note and "proposed" not in note


def test__national_comparison__says_nothing_when_the_ndc_is_the_headline_and_gives_p_otherwise(
    brvt_facts, dong_nai_facts
):
    assert dong_nai_facts.headline_target == "ndc2022_unconditional_2030"
    assert summary.describe_national_comparison(dong_nai_facts, "vi") == ""  # the verdict is page 1's first sentence
    text = summary.describe_national_comparison(brvt_facts, "vi")
    assert "xác suất" in text and "15,8%" in text


def test__warnings__a_2025_unit_is_called_a_unit_and_its_inherited_targets_are_announced():
    from analysis.narrative.run import describe_warnings

    unit = build_run(province="Hồ Chí Minh", map=2025, n_draws=0)
    text = " ".join(describe_warnings(unit, "vi"))
    assert "đơn vị hành chính từ ngày 01/7/2025" in text and "kế thừa" in text and "Tỉnh chưa có" not in text
    assert any(tg.origin.startswith("inherited") for tg in unit.targets)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test__warnings__a_cap_not_shared_out_says_why_a_year_without_national_figures_or_a_sector_not_in_the_inventory(
    brvt, lang
):
    """Decision 896's sector caps are shared by the place's share of the national sector in its base year: a 2024
    inventory has no national figure that year; an inventory without the sector has no share."""
    import dataclasses

    from analysis.emissions.targets import Target
    from analysis.narrative.run import describe_warnings
    from analysis.run.context import _national_share

    cap = Target(id="cap", kind="national_cap_share", year=2030, sector="Waste", national_cap=18e6)
    b = brvt.baseline
    assert isinstance(_national_share(cap, b), tuple)  # 2023, waste estimated: a share
    later = dataclasses.replace(b, years=b.years + 1)  # the same inventory dated 2024
    keep = [s != "Waste" for s in b.sectors]
    no_waste = dataclasses.replace(
        b,
        sectors=tuple(s for s in b.sectors if s != "Waste"),
        emissions=b.emissions[keep],
        activity=b.activity[keep],
        intensity=b.intensity[keep],
    )
    warnings = [_national_share(cap, later), _national_share(cap, no_waste)]
    assert [w.code for w in warnings] == ["cap_not_applied", "cap_not_applied_sector"]
    text = " ".join(describe_warnings(dataclasses.replace(brvt, warnings=warnings), lang))
    assert "2024" in text and "2010–2023" in text
    assert ("Chất thải" if lang == "vi" else "Waste") in text
