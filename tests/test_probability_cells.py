"""Probabilities in the report tables are printed as the reports print a probability (issue 20, point 4): whole
percent with the ends in words ("dưới 1%", "trên 99%"), never a bare "0" or "100" a reader takes for certainty."""

from __future__ import annotations

import re

import pytest

from analysis.narrative import pathways as story
from analysis.report.tablehtml import render_table_html
from analysis.run import build_run
from analysis.run.facts import facts_for


@pytest.fixture(scope="module")
def brvt():
    run = build_run(province="Bà Rịa – Vũng Tàu", n_draws=2000, seed=20300)
    return run, facts_for(run)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test__target_table__probabilities_in_words_at_the_ends(brvt, lang):
    run, facts = brvt
    table = story.target_table(facts, run.main.name, lang)
    column = table.columns[-1]
    assert table.attrs["kinds"][column] == "probability"
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", render_table_html(table, lang, kinds=table.attrs["kinds"]))
    low, high = ("dưới 1%", "trên 99%") if lang == "vi" else ("less than 1%", "more than 99%")
    assert low in cells, "BR-VT's conditional NDC target is out of reach in every draw"
    assert not {"0", "100", "0%", "100%"} & set(cells)


def test__probability_table__by_scenario_in_words(brvt):
    run, _ = brvt
    table = story.probability_table(run.monte_carlo.probabilities, run, "vi")
    kinds = table.attrs["kinds"]
    assert set(kinds.values()) == {"probability"}
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", render_table_html(table, "vi", kinds=kinds))
    assert "dưới 1%" in cells and not {"0", "100"} & set(cells)
