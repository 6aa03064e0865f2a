"""The reports of one place say one thing (analysis.report.consistency): every marked figure is its fact formatted
again, one fact prints one text in every report, one set of facts per place, no unmarked Mt / % / tonne figure in
the prose, and the PDF holds what the HTML marks. First on small hand-made run folders (each check can fail), then
on the rendered reports of Bà Rịa – Vũng Tàu (2024), TP. Hồ Chí Minh (2025) and Đồng Nai (2025), both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.report.consistency import check_folders
from analysis.run import build_run
from analysis.run.facts import FACTS_NAME, compute_facts


@pytest.fixture(scope="module")
def facts():
    return compute_facts(build_run(province="Bà Rịa – Vũng Tàu", n_draws=0))


def _run(root: Path, name: str, facts, body: str, lang: str = "vi") -> Path:
    folder = root / name
    folder.mkdir()
    (folder / "report.html").write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    (folder / "manifest.json").write_text(json.dumps({"parameters": {"province": facts.province, "lang": lang}}))
    (folder / FACTS_NAME).write_text(facts.to_json(), encoding="utf-8")
    return folder


def _bau(facts, lang="vi", text=None):
    from analysis.narrative.figures import figure

    marked = figure(facts, "bau.stated", "mt", lang)
    return marked if text is None else marked.replace(">" + marked.split(">")[1].split("<")[0] + "<", f">{text}<")


def test__agreeing_reports_pass(tmp_path, facts):
    a = _run(tmp_path, "a", facts, f"<p>BAU năm 2030: {_bau(facts)} triệu tấn.</p>")
    b = _run(tmp_path, "b", facts, f"<p>Theo BAU, {_bau(facts)} triệu tấn năm 2030.</p><table><td>12,5%</td></table>")
    assert check_folders([a, b]) == []


def test__a_mark_that_is_not_its_fact_is_found(tmp_path, facts):
    a = _run(tmp_path, "a", facts, f"<p>BAU: {_bau(facts, text='99,9')} triệu tấn.</p>")
    (problem,) = check_folders([a])
    assert "'bau.stated' prints '99,9'" in problem


def test__one_fact_printed_two_ways_is_found(tmp_path, facts):
    a = _run(tmp_path, "a", facts, f"<p>{_bau(facts)}</p>")
    b = _run(tmp_path, "b", facts, f'<p><span data-fact="bau.stated">{facts.bau.stated:.3f}</span></p>')
    problems = check_folders([a, b])
    assert any("'bau.stated' is printed differently" in p for p in problems)


def test__an_unmarked_figure_in_the_prose_is_found_but_not_in_a_table_or_the_annex(tmp_path, facts):
    body = (
        "<p>Phát thải tăng 15%.</p><table><tr><td>30,9 triệu tấn</td></tr></table>"
        '<section class="annex"><p>MAPE 18,4%</p></section>'
    )
    (problem,) = check_folders([_run(tmp_path, "a", facts, body)])
    assert "unmarked figure '15%'" in problem


def test__two_sets_of_facts_for_one_place_are_found(tmp_path, facts):
    other = facts.model_copy(update={"net_base": facts.net_base + 1})
    a = _run(tmp_path, "a", facts, "<p>–</p>")
    b = _run(tmp_path, "b", other, "<p>–</p>", lang="en")
    (problem,) = check_folders([a, b])
    assert "hold different facts" in problem and "net_base" in problem


# -- the rendered reports ----------------------------------------------------------------------------------------
def _runs(reports: Path) -> list[Path]:
    return sorted(p.parent for p in reports.rglob("manifest.json") if any(p.parent.glob("*.html")))


@pytest.mark.slow
def test__every_run_folder_has_the_facts_of_its_place(rendered):
    reports, failed = rendered
    runs = _runs(reports)
    assert len(runs) == int((reports / "planned").read_text()) - len(failed)
    missing = [r.name for r in runs if not (r / FACTS_NAME).is_file()]
    assert missing == []
    places = {json.loads((r / FACTS_NAME).read_text(encoding="utf-8"))["province"] for r in runs}
    assert places == {"Bà Rịa – Vũng Tàu", "TP. Hồ Chí Minh", "Đồng Nai"}


@pytest.mark.slow
def test__the_reports_of_each_place_agree(rendered):
    """Both languages, HTML and PDF, every notebook: no mark off its fact, no fact printed two ways, one set of
    facts per place, no unmarked figure in the prose."""
    reports, _ = rendered
    problems = check_folders(_runs(reports))
    assert problems == [], "\n".join(problems[:40])
