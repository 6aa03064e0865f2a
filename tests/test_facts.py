"""One set of facts per run (analysis.run.facts) and page 1 as a decision (analysis.narrative.decision): the facts are
computed once per run parameters (not per language), every report states them the same way, and each of the eleven
contradictions seen between the reports of one province on 6 Dec 2026 (issue 20) has a test here or in
tests/test_consistency.py (rendered reports)."""

from __future__ import annotations

import re

import pytest

from analysis.narrative import decision, pathways, summary
from analysis.narrative.figures import format_by_spec
from analysis.run import build_run
from analysis.run.facts import FACTS_NAME, compute_facts, facts_for, facts_key, write_facts

MARK = re.compile(r'<span data-fact="([^"]+)" data-fmt="([^"]+)">([^<]*)</span>')


@pytest.fixture(scope="module")
def brvt():
    return build_run(province="Bà Rịa – Vũng Tàu", n_draws=2000)


@pytest.fixture(scope="module")
def brvt_facts(brvt):
    return compute_facts(brvt)


@pytest.fixture(scope="module")
def hcmc():
    return build_run(province="TP. Hồ Chí Minh", map=2025, n_draws=2000)


@pytest.fixture(scope="module")
def hcmc_facts(hcmc):
    return compute_facts(hcmc)


def _marks_agree(facts, text: str, lang: str) -> list[tuple[str, str]]:
    """Every marked figure of ``text`` against the fact formatted again; the (key, printed) pairs."""
    found = MARK.findall(text)
    for key, spec, printed in found:
        assert format_by_spec(facts.get(key), spec, lang) == printed, key
    return [(k, p) for k, _, p in found]


# -- computed once ----------------------------------------------------------------------------------------------
def test__facts_key__the_same_for_both_languages_and_another_for_other_draws(brvt):
    vi = brvt.params
    en = vi.model_copy(update={"lang": "en"})
    assert facts_key(vi) == facts_key(en)
    assert facts_key(vi) != facts_key(vi.model_copy(update={"n_draws": 300}))


def test__facts_for__computed_once_then_read_and_a_damaged_file_computed_again(brvt, tmp_path, monkeypatch):
    from analysis.run import facts as module

    monkeypatch.setattr(module, "CACHE_DIR", tmp_path)
    first = facts_for(brvt)
    (entry,) = tmp_path.glob("*.json")
    monkeypatch.setattr(module, "compute_facts", lambda run, key="": pytest.fail("computed a second time"))
    assert facts_for(brvt) == first
    entry.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(module, "compute_facts", compute_facts)
    assert facts_for(brvt) == first  # recomputed, the same


def test__facts_key__an_analysts_own_scenario_file_edited_between_two_runs_gives_new_facts(tmp_path):
    """A scenario file outside config/ (an analyst's own) is an input of the facts and of the Monte Carlo: edited
    between two runs with the same parameters, the second run computes again instead of reading the first's."""
    import shutil

    from analysis import paths

    own = tmp_path / "my-plan.yaml"
    shutil.copy(paths.CONFIG_DIR / "scenarios" / "ba-ria-vung-tau.yaml", own)
    first = build_run(province="Bà Rịa – Vũng Tàu", scenario_file=str(own), n_draws=300)
    key, drawn = facts_key(first.params), first.monte_carlo.percentiles
    text = own.read_text(encoding="utf-8")
    assert "effectiveness" in text
    own.write_text(text.replace("low: -0.15", "low: -0.25", 1), encoding="utf-8")
    second = build_run(province="Bà Rịa – Vũng Tàu", scenario_file=str(own), n_draws=300)
    assert second.params == first.params
    assert facts_key(second.params) != key
    assert not second.monte_carlo.percentiles.equals(drawn)


def test__facts_for__keeps_the_newest_facts_files_and_their_locks_only(brvt, tmp_path, monkeypatch):
    """A code or input change gives every run a new key: the facts folder is bounded (FACTS_KEEP), oldest first."""
    import os

    from analysis.run import facts as module

    monkeypatch.setattr(module, "CACHE_DIR", tmp_path)
    for k in range(module.FACTS_KEEP + 5):  # a folder of earlier batches' facts, each with its lock file
        old = tmp_path / f"{k:064x}.json"
        old.write_text("{}", encoding="utf-8")
        old.with_name(f".{old.name}.lock").write_text("", encoding="utf-8")
        os.utime(old, ns=(10**18 + k * 10**9, 10**18 + k * 10**9))
    facts_for(brvt)
    kept = sorted(p.name for p in tmp_path.glob("*.json"))
    assert len(kept) == module.FACTS_KEEP and f"{facts_key(brvt.params)}.json" in kept
    assert f"{0:064x}.json" not in kept and f"{5:064x}.json" not in kept and f"{6:064x}.json" in kept
    assert not (tmp_path / f".{0:064x}.json.lock").exists() and (tmp_path / f".{6:064x}.json.lock").exists()


def test__facts_json__round_trips_with_stable_keys(brvt_facts, tmp_path):
    from analysis.run.facts import Facts

    path = write_facts(brvt_facts, tmp_path)
    assert path.name == FACTS_NAME
    again = Facts.model_validate_json(path.read_text(encoding="utf-8"))
    assert again == brvt_facts
    assert again.get(f"targets.{again.headline_target}.p_met") == brvt_facts.headline.p_met
    assert again.get(f"pathways.{again.main}.net") == pytest.approx(brvt_facts.scenario.stated)
    assert again.get("tornado.0.swing") == brvt_facts.tornado[0].swing


# -- page 1 is a decision -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["vi", "en"])
def test__page_one__verdict_figures_range_probability_and_three_steps(brvt_facts, lang):
    paragraphs = decision.describe_verdict(brvt_facts, lang)
    text = " ".join(paragraphs)
    keys = dict(_marks_agree(brvt_facts, text, lang))
    h = brvt_facts.headline
    for key in ("scenario.stated", "scenario.median", "scenario.p5", "scenario.p95", f"targets.{h.id}.p_met"):
        assert key in keys, key
    assert ("Quyết định số 3070/QĐ-UBND ngày 05/10/2021" if lang == "vi" else "Decision No. 3070/QĐ-UBND") in text
    words = {"met": ("đạt mục tiêu", "met"), "at risk": ("nguy cơ", "at risk"), "not met": ("chưa đạt", "not met")}
    assert words[h.verdict][lang == "en"] in paragraphs[0]
    steps = decision.next_steps(brvt_facts, lang)
    assert len(re.findall(r"^\d\. ", steps, flags=re.M)) == 3
    assert ("chủ trì:" if lang == "vi" else "lead:") in steps and (
        "thời hạn:" if lang == "vi" else "deadline:"
    ) in steps
    _marks_agree(brvt_facts, steps, lang)


def test__page_one__a_2025_unit_leads_with_its_headline_then_its_inherited_target(hcmc_facts):
    assert hcmc_facts.map == 2025 and hcmc_facts.headline.origin == "national"
    inherited = decision.describe_inherited(hcmc_facts, "vi")
    assert len(inherited) == 1 and "Bà Rịa – Vũng Tàu" in inherited[0]
    target = next(t for t in hcmc_facts.targets if t.origin == "inherited")
    assert target.p_met is not None and f"targets.{target.id}.p_met" in dict(
        _marks_agree(hcmc_facts, inherited[0], "vi")
    )
    # no own plan and an estimated inventory: the first two steps say what the unit lacks, with a proposed lead
    steps = decision.next_steps(hcmc_facts, "vi")
    assert "Xây dựng kế hoạch giảm phát thải của TP. Hồ Chí Minh" in steps
    assert "Lập kiểm kê khí nhà kính chính thức" in steps and "(công cụ đề xuất)" in steps


def test__verdict__met_only_when_likely():
    from analysis.emissions.targets import verdict

    assert verdict(True, 0.58) == "at risk"  # met on the central path, but not likely: a reader must not read "đạt"
    assert verdict(True, 0.7) == "met" and verdict(True, None) == "met" and verdict(False, 0.9) == "not met"
    # compared as printed: 65.8 % reads "66%", which is likely; 65.4 % reads "65%", which is not
    assert verdict(True, 0.658) == "met" and verdict(True, 0.654) == "at risk"


# -- the contradictions of issue 20 -------------------------------------------------------------------------------
def test__contradiction_1__per_person_is_one_number(brvt, brvt_facts):
    """28,3 t (01, the 2016 population) vs 26,5 t (04, 2023): both now divide by the base-year population."""
    from analysis.emissions.national_table import national_table

    row = national_table(2024, brvt.target_year).set_index("province").loc["Bà Rịa – Vũng Tàu"]
    assert row["t_per_person"] == pytest.approx(brvt_facts.per_person)


def test__contradiction_2__the_explorer_at_the_file_s_values_states_the_reports_probability(brvt_facts):
    from analysis.explore.panel import open_explorer

    panel = open_explorer(province="Bà Rịa – Vũng Tàu", n_draws=2000, lang="vi")
    panel.refresh()
    assert panel.view.mc.probability_met == pytest.approx(brvt_facts.headline.p_met)
    assert float(panel.view.row["gap_mtco2e"]) == pytest.approx(brvt_facts.headline.gap.stated)


def test__contradiction_3__every_costed_measure_has_its_cost_in_the_action_table(brvt, brvt_facts):
    from analysis.emissions.macc import build_macc

    table = summary.action_table(brvt_facts, "en")
    curve = build_macc(brvt.baseline, brvt.main.scenario, brvt.target_year, lang="en").set_index("measure_id")
    for m in brvt_facts.measures:
        if m.id in curve.index and curve.loc[m.id, "usd_per_tco2e"] == curve.loc[m.id, "usd_per_tco2e"]:
            assert m.cost_usd_per_t == pytest.approx(curve.loc[m.id, "usd_per_tco2e"]), m.id
    assert table["Cost (USD/t)"].notna().all()  # Sakai's waste measure was "–" beside 8,53 USD/t


def test__contradiction_4_and_5__cuts_per_measure_and_per_sector_are_the_same_numbers(brvt, brvt_facts):
    from analysis.emissions.macc import build_macc
    from analysis.emissions.pathways import tabulate_overlap

    curve = build_macc(brvt.baseline, brvt.main.scenario, brvt.target_year, lang="en").set_index("measure_id")
    for m in brvt_facts.measures:
        assert curve.loc[m.id, "abatement_mtco2e"] == pytest.approx(m.cut), m.id  # 0,52 vs 0,53
    sectors = tabulate_overlap(brvt.main, brvt.target_year)
    assert sectors["combined_mtco2e"].sum() == pytest.approx(sum(m.cut for m in brvt_facts.measures))  # 3,88 vs 3,91
    forest = brvt_facts.measure("forest_protection").cut
    assert sectors.set_index("sector").loc["LULUCF", "combined_mtco2e"] == pytest.approx(forest)  # 0,03 vs 0,00


@pytest.mark.parametrize("lang", ["vi", "en"])
def test__contradiction_6__an_at_risk_target_is_never_counted_as_met(brvt_facts, lang):
    # the province's targets, one of them made 'at risk' (met centrally, P(met) 58 %), as the shipped data had it
    # before the territorial rule: the count must say it apart, never among the met
    targets = [
        x.model_copy(update={"verdict": "at risk", "p_met": 0.58}) if x.id == brvt_facts.headline_target else x
        for x in brvt_facts.targets
    ]
    facts = brvt_facts.model_copy(update={"targets": targets})
    text = pathways.describe_targets(facts, facts.main, lang)
    checked = [x for x in facts.targets_on(facts.main) if x.applicable]
    met = sum(x.verdict == "met" for x in checked)
    at_risk = sum(x.verdict == "at risk" for x in checked)
    assert at_risk > 0
    assert f"{met}/{len(checked)}" in text or f"{met} of the {len(checked)}" in text
    assert (f"có nguy cơ không đạt {at_risk}" if lang == "vi" else f"{at_risk} at risk") in text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test__contradiction_7__a_gap_is_said_in_words_never_as_a_signed_number(brvt_facts, lang):
    text = " ".join(decision.describe_verdict(brvt_facts, lang))
    gap_key = f"targets.{brvt_facts.headline_target}.gap.stated"
    printed = dict(_marks_agree(brvt_facts, text, lang))[gap_key]
    assert not printed.startswith(("−", "-", "+"))
    assert ("dư" if lang == "vi" else "surplus") in text  # the plan lands below the level allowed
    assert ("Quy ước" if lang == "vi" else "Convention") in text


def test__contradiction_8__a_published_pgi_score_is_the_published_one(brvt_facts):
    assert brvt_facts.pgi.published and brvt_facts.pgi.score == pytest.approx(26.26) and brvt_facts.pgi.year == 2024
    assert format_by_spec(brvt_facts.pgi.score, "pgi", "vi") == "26,26"  # not 26,3 on a map


def test__contradiction_9__the_2050_balance_names_its_scenario(brvt_facts):
    for lang in ("vi", "en"):
        title = brvt_facts.scenarios[brvt_facts.long_term][lang]
        assert title in summary.describe_net_zero(brvt_facts, lang)
        assert title in pathways.describe_net_zero(brvt_facts, lang)
    table = summary.summary_table(brvt_facts, "en")
    assert brvt_facts.scenarios[brvt_facts.long_term]["en"] in " ".join(table.iloc[:, 0])


def test__contradiction_10__the_summary_and_the_pathways_print_2050_alike(brvt_facts):
    for lang in ("vi", "en"):
        a = dict(_marks_agree(brvt_facts, summary.describe_net_zero(brvt_facts, lang), lang))
        b = dict(_marks_agree(brvt_facts, pathways.describe_net_zero(brvt_facts, lang), lang))
        shared = set(a) & set(b)
        assert len(shared) == 3 and all(a[k] == b[k] for k in shared)  # 8,06 vs 8,1 was seen


def test__a_target_percent_is_printed_as_its_document_states_it(brvt_facts):
    text = summary.describe_national_comparison(brvt_facts, "vi")
    assert ">15,8%<" in text and ">8%<" in text  # not "16%" or "8,0%"


# -- what changed since the previous report ------------------------------------------------------------------------
def test__changes__a_new_inventory_and_new_measures_are_named_as_the_reasons(brvt_facts, tmp_path):
    from analysis.run.facts import compare_facts, read_previous

    earlier = brvt_facts.model_copy(
        update={
            "is_estimate": True,
            "net_base": brvt_facts.net_base * 0.9,
            "measures": brvt_facts.measures[:-1],
            "bau_vintage": "BAU frozen on 2025-12-01",
        }
    )
    write_facts(earlier, tmp_path)
    now = brvt_facts.model_copy(update={"is_estimate": False})
    changes = compare_facts(read_previous(tmp_path), now)
    assert [c.key for c in changes] == ["net_base"]  # the only page-1 figure that moved as printed
    assert changes[0].reasons == ["inventory", "bau", "measures"]
    table = summary.changes_table(changes, now, "vi")
    assert list(table.iloc[0])[3] == "số liệu kiểm kê năm cơ sở thay đổi; BAU được cố định lại; các giải pháp thay đổi"
    assert summary.describe_changes([], "en") == "No figure on page 1 moved since the previous report."


def test__changes__another_place_or_a_missing_file_is_a_located_error(brvt_facts, hcmc_facts, tmp_path):
    from analysis.errors import InputError
    from analysis.run.facts import compare_facts, read_previous

    with pytest.raises(InputError, match="not TP. Hồ Chí Minh"):
        compare_facts(brvt_facts, hcmc_facts)
    with pytest.raises(InputError, match="facts.json"):
        read_previous(tmp_path / "nowhere")
    (tmp_path / FACTS_NAME).write_text("{}", encoding="utf-8")
    with pytest.raises(InputError, match="not the facts of a report"):
        read_previous(tmp_path)


# -- per person and per GRDP against the region ----------------------------------------------------------------------
def test__intensity__per_grdp_against_the_region_s_provinces(brvt, brvt_facts):
    i = brvt_facts.intensity
    assert i.year == 2024 and i.grdp == 417306 and i.basis == "bau"  # GRDP 2024, current prices (Báo Đấu thầu)
    bau_2024 = brvt.baseline.net()[brvt.baseline.year_index(2024)]
    assert i.value == pytest.approx(bau_2024 / 417306)
    assert [p.name for p in i.peers][-1] == "Bà Rịa – Vũng Tàu" and len(i.peers) == 6 and i.rank == 6
    text = summary.describe_intensity(brvt_facts, "vi")
    _marks_agree(brvt_facts, text, "vi")
    assert "cao nhất trong 6 tỉnh vùng Đông Nam Bộ" in text


def test__intensity__a_unit_sums_its_former_provinces_and_a_place_without_grdp_is_missing(hcmc_facts):
    assert hcmc_facts.intensity.grdp == pytest.approx(1778271 + 520205 + 417306)  # the "2,71 triệu tỷ" of the news
    hanoi = compute_facts(build_run(province="Hà Nội", n_draws=0))
    assert hanoi.intensity.value is None and hanoi.intensity.reason == "no_grdp"
    assert "chưa tính cường độ phát thải" in summary.describe_intensity(hanoi, "vi")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test__the_batch_index_prints_the_runs_facts_as_the_reports_do(brvt_facts, tmp_path, lang):
    from analysis.report.index_page import write_batch_index

    run_dir = tmp_path / "batch" / "run"
    run_dir.mkdir(parents=True)
    write_facts(brvt_facts, run_dir)
    # the notebook's own headline records disagree on purpose: the facts win
    run = {"run_id": "r", "province": brvt_facts.province, "lang": lang, "facts": run_dir / FACTS_NAME}
    run["headlines"] = {"bau_2030": 1.0, "scenario_2030": 2.0, "target_met": {"value": False}}
    html = write_batch_index(tmp_path / "batch", [run], lang=lang).read_text(encoding="utf-8")
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", html)
    for value, spec in (
        (brvt_facts.bau.stated, "mt"),
        (brvt_facts.scenario.stated, "mt"),
        (brvt_facts.below_bau_pct, "pct"),
    ):
        assert format_by_spec(value, spec, lang) in cells
    head = brvt_facts.headline
    word = {"vi": {"met": "đạt", "at risk": "có nguy cơ không đạt", "not met": "chưa đạt"}, "en": {}}[lang]
    assert any(c.startswith(word.get(head.verdict, head.verdict)) for c in cells), cells
    assert format_by_spec(head.p_met, "prob", lang) in html
