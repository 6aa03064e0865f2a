"""A net sink (Lai Châu: forest removals larger than gross emissions): a percentage below a BAU that is not positive
is "not applicable" with its reason and an absolute alternative — in the engine, the facts, the pathways report's
target table and `netzero pathways` (issue 21, point 6). The summary's and 02's trend in Mt for a sink is tested with
the facts (tests/test_facts.py)."""

from __future__ import annotations

import pytest

from analysis.cli import main
from analysis.emissions.targets import target_status
from analysis.narrative import pathways as story
from analysis.run import build_run
from analysis.run.facts import compute_facts


@pytest.fixture(scope="module")
def sink():
    return build_run(province="Lai Châu", map=2025, n_draws=300, seed=7)


@pytest.fixture(scope="module")
def facts(sink):
    return compute_facts(sink)


def test__the_province_is_a_net_sink(sink):
    i = sink.baseline.year_index(2030)
    assert sink.baseline.net()[0] < 0 and sink.baseline.net()[i] < 0 < sink.baseline.gross()[i]


def test__engine__a_percent_below_a_bau_that_is_not_positive_does_not_apply_and_has_an_absolute_alternative(sink):
    table = sink.evaluate(sink.main).set_index("target_id")
    for target in sink.targets:
        row = table.loc[target.id]
        percent = target.kind == "percent_below_bau" and row["bau_mtco2e"] <= 0
        assert bool(row["applicable"]) == (not percent), target.id
        if not percent:
            assert target_status(row) in ("met", "not met", "at risk")
            continue
        assert row["reason"] == "bau_not_positive" and target_status(row) == "not applicable"
        allowed = row["bau_mtco2e"] - target.value * row["bau_gross_mtco2e"]  # the same share of gross BAU, cut
        assert row["alt_required_mtco2e"] == pytest.approx(allowed)
        assert row["alt_required_mtco2e"] < row["bau_mtco2e"] < row["required_mtco2e"]  # tighter, not looser


def test__facts__no_verdict_no_probability_the_alternative_kept(facts):
    na = [x for x in facts.targets if not x.applicable]
    assert na, "Lai Châu's NDC targets are percentages below a negative BAU"
    for x in na:
        assert x.verdict == "not applicable" and x.p_met is None and x.gap is None and x.required_cut is None
        assert x.alternative_required is not None and x.alternative_met is not None
        assert x.alternative_gap == pytest.approx(x.achieved - x.alternative_required)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test__target_table__the_alternative_is_the_row_under_the_target(facts, lang):
    table = story.target_table(facts, facts.main, lang)
    titles = table.iloc[:, 0].tolist()
    verdicts = table.iloc[:, 6].tolist()
    na = {"vi": "không áp dụng (BAU ≤ 0)", "en": "not applicable (BAU ≤ 0)"}[lang]
    rows = [i for i, v in enumerate(verdicts) if v == na]
    assert rows
    for i in rows:
        assert table.iloc[i, 3] != table.iloc[i, 3]  # no required level (NaN) for a target that does not apply
        assert titles[i + 1].startswith("↳")  # its alternative, checked on the central path
    counted = story.describe_targets(facts, facts.main, lang)
    applicable = [x for x in facts.targets_on(facts.main) if x.applicable]
    assert str(len(applicable)) in counted  # the count leaves out what does not apply


def test__netzero_pathways__says_not_applicable_with_the_alternative(tmp_path, capsys):
    assert main(["pathways", "--province", "Lai Châu", "--draws", "0", "--out", str(tmp_path / "lc.csv")]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "ndc2022_unconditional_2030" in x and x.strip().startswith("bau"))
    assert "not applicable" in line and "absolute alternative" in line and "met" in line


@pytest.mark.parametrize("lang", ["vi", "en"])
def test__page_one__not_applicable_then_the_alternative_with_the_facts(facts, lang):
    from analysis.narrative import decision
    from analysis.narrative.figures import format_by_spec

    text = " ".join(decision.describe_verdict(facts, lang))
    head = facts.headline
    assert not head.applicable
    assert ("không áp dụng được" if lang == "vi" else "does not apply") in text
    key = f"targets.{head.id}.alternative_required"
    assert f'data-fact="{key}"' in text and format_by_spec(head.alternative_required, "mt", lang) in text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test__explorer__cards_and_snapshot_say_not_applicable_with_the_alternative_never_a_percent_or_probability(lang):
    """The explorer said 'đạt, thấp hơn BAU −20,7%, xác suất trên 99%' for Lai Châu's NDC target on a negative BAU."""
    import re

    from analysis.explore.panel import open_explorer
    from analysis.explore.text import headline_html
    from analysis.i18n import t

    panel = open_explorer(province="Lai Châu", map=2025, lang=lang, n_draws=300, seed=7)
    view = panel.view
    assert not view.row["applicable"] and view.verdict == "not applicable"
    cards = re.sub(r"<[^>]+>", " ", headline_html(view, lang))
    assert t("xp_verdict_not_applicable", lang) in cards
    assert (
        t("xp_card_alt_surplus" if view.row["alt_gap_mtco2e"] <= 0 else "xp_card_alt_shortfall", lang, year=2030)
        in cards
    )
    assert "%" not in cards.replace("≤", ""), "no percentage below a negative BAU, no probability"
    table = panel.summary_table()
    values = dict(zip(table.iloc[:, 0], table.iloc[:, 1], strict=True))
    assert values[t("xp_card_pmet", lang)] is None
    assert values[t("pw_col_met", lang)] == t("xp_verdict_not_applicable", lang)
    assert t("xp_card_below", lang, year=2030) not in values and t("xp_card_below_mt", lang, year=2030) in values


def test__headline_figures__a_net_sink_has_no_percentage_no_probability_and_its_verdict_in_words(sink):
    """The summary's headline sheet said 'Target met: yes' with a percentage below a negative BAU."""
    y = sink.target_year
    figures = sink.headline_figures()
    assert figures[f"target_met_{y}"]["value"] == "not applicable"
    assert figures[f"pct_below_bau_{y}"]["value"] is None and f"p_met_{y}" not in figures


def test__headline_figures__a_target_at_risk_is_never_recorded_as_met():
    """Contradiction 6 in the workbook: 'Đạt mục tiêu: có' beside page 1's 'có nguy cơ không đạt'."""
    from analysis.emissions.targets import verdict

    run = build_run(province="Bà Rịa – Vũng Tàu", n_draws=2000, seed=20300)
    figures = run.headline_figures()
    y = run.target_year
    row = run.headline_row()
    assert figures[f"target_met_{y}"]["value"] == verdict(bool(row["met"]), figures[f"p_met_{y}"]["value"])
    assert figures[f"target_met_{y}"]["value"] in ("met", "at risk", "not met")
