"""PGI answers that agree: one headline rank, a national what-if, regional ranks only with enough scores,
the 2022 pilot not compared, Cronbach's alpha explained, and the engine generic (a PCI-style index)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from analysis.cli import main
from analysis.data.provinces import get_registry
from analysis.index import pgi
from analysis.index.engine import aggregate, build_index_table, rank_descending
from analysis.index.national import solve_target_rank_national
from analysis.index.spec import load_spec
from analysis.index.standing import order_ranking
from analysis.paths import CONFIG_DIR
from benchmarks.synthetic import make_synthetic_field

BRVT = "Bà Rịa – Vũng Tàu"


@pytest.fixture(scope="module")
def table():
    return pgi.build_pgi_index()


def test__index_whatif_cli__brvt_2024_rank_14_and_positive_increases(tmp_path, capsys):
    """The done-criterion: current_rank 14 (VCCI's published rank) and a real increase for every option."""
    out = tmp_path / "F.csv"
    assert main(["index-whatif", "--year", "2024", "--out", str(out)]) == 0
    result = pd.read_csv(out).set_index("option")
    assert (result["current_rank"] == 14).all()
    assert (result["increase"] > 0).all() and result["reachable"].all()
    assert result.loc["sub3", "increase"] == pytest.approx(1.38) and result.loc["balanced", "increase_2dp"] == 0.35
    assert (result["new_rank"] <= 5).all() and (result["basis"] == "national").all()
    assert "national rank 14" in capsys.readouterr().out


def test__national_whatif__province_ranked_above_without_score_stays_above():
    """B 1st (25.0), A 2nd with no published score, T 3rd (20.0): T is 3rd, and reaching 2nd means passing A,
    whose score may be anything up to B's: the guaranteed increase is 5, not 0."""
    spec = load_spec(CONFIG_DIR / "weights" / "pgi.yaml")
    rows = [
        ("Hà Nam", 25.0, 1, [6.25] * 4),
        ("Đồng Nai", np.nan, 2, [np.nan] * 4),
        (BRVT, 20.0, 3, [5.0] * 4),
        ("Tây Ninh", 12.0, 4, [3.0] * 4),
    ]
    frame = pd.DataFrame(
        [
            {
                "province": p,
                "year": 2024,
                "region": get_registry().province(p).region,
                **dict(zip(spec.indicators, v, strict=True)),
                "published_score": s,
                "published_rank": r,
            }
            for p, s, r, v in rows
        ]
    )
    index = build_index_table(frame, spec)
    result = solve_target_rank_national(index, spec, BRVT, 2024, 2).set_index("option")
    assert (result["current_rank"] == 3).all()
    assert result.loc["sub1", "increase"] == pytest.approx(5.0)  # up to Hà Nam's 25: only then is Đồng Nai passed
    assert 0 < result.loc["sub1", "increase_best_case"] < 5.0
    already = solve_target_rank_national(index, spec, BRVT, 2024, 3)
    assert (already["increase"] == 0).all() and (already["new_rank"] == 3).all()


def test__national_whatif__brvt_2024_dong_thap_7th_stays_above(table):
    """Đồng Tháp is 7th with no published score: BRVT is sure of 7th only above Long An's 27.56 (6th)."""
    result = pgi.solve_pgi_whatif(table, BRVT, 2024, 7).set_index("option")
    assert result.loc["sub3", "new_score"] == pytest.approx(27.56)
    assert result.loc["sub3", "increase_best_case"] < result.loc["sub3", "increase"]


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test__national_whatif__guaranteed_increase_reaches_target_on_the_hidden_truth(seed):
    """Hide part of a true 40-province ranking (top 20 ranked, some scores and names missing); the guaranteed
    increase, applied to the true table, reaches the target whatever the hidden values were."""
    rng = np.random.default_rng(seed)
    field, spec = make_synthetic_field(40, seed=seed)
    weights = np.array([spec.weights[c] for c in spec.indicators])
    true = aggregate(field[spec.indicators].to_numpy(float), weights)
    true_rank = rank_descending(true)
    target_province = field["province"][int(np.flatnonzero(true_rank == 15)[0])]
    frame = field.assign(
        year=2024,
        region=[get_registry().province(p).region for p in field["province"]],
        published_score=np.round(true, 2),
        published_rank=true_rank,
    )
    frame.loc[frame["published_rank"] > 20, ["published_score", "published_rank"]] = np.nan  # only a top 20
    others = frame.index[frame["province"] != target_province]
    hide = rng.choice(others, size=12, replace=False)
    frame.loc[others, spec.indicators] = np.nan
    frame.loc[hide[:4], "published_score"] = np.nan  # rank only
    frame.loc[hide[4:8], ["published_score", "published_rank"]] = np.nan  # nothing at all
    frame.loc[hide[8:], "published_rank"] = np.nan  # score only
    index = build_index_table(frame, spec)
    for target in (5, 10):
        result = solve_target_rank_national(index, spec, target_province, 2024, target, n_ranked=20)
        assert int(result["current_rank"].iloc[0]) == 15
        for row in result[result["reachable"]].itertuples():
            x = field.loc[field["province"] == target_province, spec.indicators].to_numpy(float)[0]
            x = np.minimum(x + row.increase, 10) if row.option == "balanced" else x.copy()
            if row.option != "balanced":
                x[spec.indicators.index(row.option)] = min(x[spec.indicators.index(row.option)] + row.increase, 10)
            scores = true.copy()
            scores[int(np.flatnonzero(field["province"] == target_province)[0])] = aggregate(x, weights)
            assert rank_descending(scores)[int(np.flatnonzero(field["province"] == target_province)[0])] <= target


def _brvt_2024_narrative(table, lang: str) -> str:
    from analysis.data.pgi_plan import load_plan_bodies
    from analysis.index import province as prov
    from analysis.index import robustness, stats, whatif
    from analysis.narrative import pgi as story

    spec = pgi.get_pgi_spec()
    history = pgi.summarise_pgi_history(table, BRVT, lang)
    field = whatif.select_complete_field(table, spec, 2024)
    parts = [
        story.describe_standing(history, BRVT, lang, 2024),
        story.describe_profile(prov.profile_subindices(table, spec, BRVT, 2024), spec, 2024, lang),
        story.describe_drivers(pgi.explain_pgi_changes(table, BRVT), spec, lang, 2024),
        story.describe_whatif_national(pgi.solve_pgi_whatif(table, BRVT, 2024), 2024, lang, spec),
        story.describe_plan(pgi.plan_pgi_improvements(table, BRVT, 2024), spec, lang),
        story.describe_plan_bodies(load_plan_bodies(BRVT), BRVT, lang, spec),
        story.describe_whatif(whatif.solve_target_rank(field, spec, BRVT, 5), spec, lang),
        story.describe_robustness(robustness.summarise_rank_intervals(field, spec, n_draws=300), BRVT, lang),
        story.describe_statistics(stats.compute_cronbach_alpha(field, spec.indicators), 2024, lang),
        story.describe_coverage(prov.summarise_coverage(table, spec), 2024, lang),
        story.describe_merger(BRVT, lang),
    ]
    return " ".join(parts)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test__pgi_narrative__brvt_2024_states_one_rank(table, lang):
    """Every rank the 2024 narrative gives Bà Rịa – Vũng Tàu is 14th (8th only as last year's, 10th only as
    what one more point guarantees); subset positions are labelled and never called its rank."""
    text = _brvt_2024_narrative(table, lang)
    ranks_only = text.replace("5th–95th percentile", "")  # a percentile range, not a rank
    ordinals = re.findall(r"thứ (\d+)" if lang == "vi" else r"\b(\d+)(?:st|nd|rd|th)\b", ranks_only)
    assert "14" in ordinals and set(ordinals) <= {"14", "8", "10"}
    for wrong in (
        [r"thứ 11\b", r"thứ 4\b", "của 50", "đã thuộc nhóm 5", "đã ở nhóm"]
        if lang == "vi"
        else [r"\b11th", r"\b4th", "of 50", "already in the top 5", "already in the national top"]
    ):
        assert not re.search(wrong, text), wrong
    assert ("không phải thứ hạng toàn quốc" if lang == "vi" else "not the national rank") in text
    field_words = (
        "trong số 30 tỉnh, thành phố được VCCI xếp hạng" if lang == "vi" else "among the 30 provinces VCCI ranked"
    )
    assert field_words in text
    for code in (r"<NA>", r"\bnan\b", r"\bNone\b", r"\bsub\d\b", r"\bbalanced\b", r"_"):
        assert not re.search(code, text), code


@pytest.mark.parametrize("lang", ["vi", "en"])
def test__pgi_standing__never_na_for_any_province_or_year(table, lang):
    from analysis.narrative import pgi as story

    for province in table["province"].unique():
        history = pgi.summarise_pgi_history(table, province, lang)
        for year in (2022, 2023, 2024):
            text = story.describe_standing(history, province, lang, year)
            assert not re.search(r"<NA>|\bnan\b|\bNone\b", text), (province, year, text)


def test__regional_rank__needs_three_scored_provinces(table):
    from analysis.narrative import pgi as story

    row = table[(table["province"] == BRVT) & (table["year"] == 2024)].iloc[0]
    assert pd.isna(row["region_rank"]) and row["region_n_scored"] == 2
    regional = pgi.regional_rank(table, BRVT, 2024)
    assert regional.rank is None and not regional.enough and regional.n_members == 6
    assert "quá ít" in story.describe_region(regional, "vi") and "2/6" in story.describe_region(regional, "vi")
    assert "too few" in story.describe_region(regional, "en")
    assert "(of 2 provinces with a score)" not in story.describe_standing(
        pgi.summarise_pgi_history(table, BRVT), BRVT, "en", 2024
    )
    assert pgi.regional_rank(table, BRVT, 2023).rank == 4  # all six Southeast provinces scored in 2023


def test__pilot_2022__changes_flagged_not_decomposed(table):
    from analysis.narrative import pgi as story

    changes = pgi.explain_pgi_changes(table, BRVT)
    pilot = changes[changes["year_from"] == 2022]
    assert not pilot["comparable"].any() and pilot["contribution"].isna().all() and pilot["unexplained"].isna().all()
    assert changes[changes["year_from"] == 2023]["comparable"].all()
    history = pgi.summarise_pgi_history(table, BRVT).set_index("year")
    assert pd.isna(history.loc[2023, "score_change"]) and history.loc[2023, "rank_change"] == 11
    for lang, word in (("vi", "thí điểm"), ("en", "pilot")):
        drivers = story.describe_drivers(changes, pgi.get_pgi_spec(), lang)
        standing = story.describe_standing(pgi.summarise_pgi_history(table, BRVT, lang), BRVT, lang, 2023)
        assert word in drivers and word in standing
        assert "0,03" not in drivers and "0.03" not in drivers and "8,05" not in standing and "8.05" not in standing


def test__cronbach_alpha__negative_explained_not_printed(table):
    from analysis.index import stats, whatif
    from analysis.narrative.pgi_whatif import describe_statistics

    spec = pgi.get_pgi_spec()
    alpha = stats.compute_cronbach_alpha(whatif.select_complete_field(table, spec, 2024), spec.indicators)
    assert alpha["alpha"] < 0
    vi, en = describe_statistics(alpha, 2024, "vi"), describe_statistics(alpha, 2024, "en")
    assert "âm" in vi and "negative" in en
    assert f"{alpha['alpha']:.2f}" not in en and f"{alpha['alpha']:.2f}".replace(".", ",") not in vi
    assert "−0" not in vi + en and "-0" not in vi + en
    positive = describe_statistics({"alpha": 0.81, "n_used": 40, "n_dropped": 23, "k": 4}, 2024, "vi")
    assert "0,81" in positive and "nhất quán" in positive
    assert "quá ít" in describe_statistics({"alpha": 0.5, "n_used": 6, "n_dropped": 57, "k": 4}, 2023, "vi")


def test__order_ranking__positions_match_published_ranks(table):
    order = order_ranking(table, 2024, 30)
    ranked = order.dropna(subset=["rank"])
    assert (ranked["position"] == ranked["rank"]).all()
    assert order.loc[order["province"] == BRVT, "position"].iloc[0] == 14
    assert order.loc[order["province"] == "Đồng Tháp", "kind"].iloc[0] == "rank_only"
    assert (order["kind"] == "unknown").sum() == 12 and len(order) == 63


def test__ranking_chart__rank_labels_agree_with_bar_order(table):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from analysis.viz import index as charts

    for year in (2023, 2024):
        fig = charts.plot_ranking_bar(table, year, BRVT, lang="en")
        ax = fig.axes[0]
        labels = [lab.get_text() for lab in sorted(ax.get_yticklabels(), key=lambda lab: -lab.get_position()[1])]
        place = 0
        for text in labels:
            gap = re.match(r"places? (\d+)(?:–(\d+))?:", text)
            rank = re.match(r"(\d+)\. ", text)
            if gap:
                assert int(gap.group(1)) == place + 1
                place = int(gap.group(2) or gap.group(1))
            elif rank:
                assert int(rank.group(1)) == place + 1, (year, text)
                place += 1
            else:
                place += 1  # a province with a score and no published rank takes one place
        assert f"14. {BRVT}" in labels or year == 2023
        plt.close(fig)


def test__national_whatif__generic_pci_style_index_with_unequal_weights():
    """The engine is not PGI-specific: ten PCI-style indicators with unequal weights, ranks for the top 12 only."""
    from analysis.index.plan import plan_improvements
    from analysis.narrative.pgi_whatif import describe_whatif_national

    spec = load_spec(CONFIG_DIR / "weights" / "pci_example.yaml")
    rng = np.random.default_rng(3)
    names = [p.name for p in get_registry().provinces][:25]
    values = np.clip(np.round(rng.normal(6, 1, size=(25, len(spec.indicators))), 2), 0, 10)
    weights = np.array([spec.weights[c] for c in spec.indicators])
    score = aggregate(values, weights)
    rank = rank_descending(score)
    frame = pd.DataFrame(values, columns=spec.indicators).assign(
        province=names,
        year=2023,
        region=[get_registry().province(p).region for p in names],
        published_score=np.round(score, 2),
        published_rank=np.where(rank <= 12, rank, np.nan),
    )
    target = names[int(np.flatnonzero(rank == 9)[0])]
    frame.loc[frame["province"] == names[int(np.flatnonzero(rank == 3)[0])], ["published_score", *spec.indicators]] = (
        np.nan
    )  # 3rd: rank only
    index = build_index_table(frame, spec)
    result = solve_target_rank_national(index, spec, target, 2023, 2, n_ranked=12).set_index("option")
    assert list(result.index) == [*spec.indicators, "balanced"] and (result["current_rank"] == 9).all()
    reachable = result[result["reachable"]].drop(index="balanced")
    assert (
        reachable.loc["transparency", "increase"] < reachable.loc["entry_costs", "increase"]
        if "entry_costs" in reachable.index
        else True
    )
    text = describe_whatif_national(result.reset_index(), 2023, "en", spec)
    assert "Transparency" in text or "Labour policy" in text
    plan = plan_improvements(index, spec, target, 2023, 2, n_ranked=12).set_index("indicator")
    assert plan["ranks_per_point"].idxmax() in ("transparency", "labour_policy")
    assert not plan["assignment_published"].any()


def test__national_rank__unranked_province_with_a_score(table):
    """Hà Nội 2024 has a published score but no rank in the sources: it is inside VCCI's top 30, between the
    places the published ranks leave (10th–12th), never 'outside the top 30'; Cần Thơ is below the 30th score."""
    from analysis.narrative import pgi as story

    hanoi = pgi.national_rank(table, "Hà Nội", 2024)
    assert (hanoi.rank, hanoi.rank_low, hanoi.rank_high, hanoi.outside_ranked) == (None, 10, 12, False)
    text = story.describe_standing(pgi.summarise_pgi_history(table, "Hà Nội", "vi"), "Hà Nội", "vi", 2024)
    assert "từ thứ 10 đến thứ 12" in text and "không nằm trong" not in text
    can_tho = pgi.national_rank(table, "Cần Thơ", 2024)
    assert can_tho.rank is None and can_tho.outside_ranked
    assert "outside the top 30" in story.describe_standing(
        pgi.summarise_pgi_history(table, "Cần Thơ"), "Cần Thơ", "en", 2024
    )


def test__regional_rank__none_while_a_province_of_the_region_lacks_a_score(table):
    """Mekong Delta 2024: 10 of 13 scored, and the three without a score are in VCCI's top 30: no regional rank."""
    from analysis.narrative import pgi as story

    regional = pgi.regional_rank(table, "Cần Thơ", 2024)
    assert regional.rank is None and regional.n_scored == 10 and not regional.complete
    assert "3/13" in story.describe_region(regional, "vi")
    assert pd.isna(table[(table["province"] == "Cần Thơ") & (table["year"] == 2024)]["region_rank"].iloc[0])


@pytest.mark.parametrize("lang", ["vi", "en"])
def test__pgi_sentences__other_provinces_read_right(table, lang):
    from analysis.narrative import pgi as story

    assert "Đồng Nai thuộc Đồng Nai" not in story.describe_merger("Đồng Nai", lang)
    assert "Bình Phước" in story.describe_merger("Đồng Nai", lang)
    assert "Hà Nội" in story.describe_merger("Hà Nội", lang) and "thuộc Hà Nội" not in story.describe_merger(
        "Hà Nội", lang
    )
    missing = story.describe_standing(pgi.summarise_pgi_history(table, "Đồng Nai", lang), "Đồng Nai", lang, 2024)
    assert "2024" in missing and "2023" in missing  # says 2024 is missing before giving 2023
    from analysis.i18n import t

    assert "sub1" not in t("pgi_whatif_national_unknown", lang, year=2024, reason="sub1 missing")
