"""MRV sentences, reader tables and charts in Vietnamese and English: the numbers given, formatted for the language,
and no code identifiers in what a reader sees."""

from __future__ import annotations

import re
from datetime import date

import matplotlib
import pandas as pd
import pytest

from analysis import paths
from analysis.i18n import label_column
from analysis.mrv import (
    account_credits,
    assess_obligations,
    estimate_credit_potential,
    province_inventory,
    read_credits,
    read_facilities,
    summarise_coverage,
    summarise_credits,
)
from analysis.narrative import mrv as story
from analysis.narrative import mrv_tables as tables
from analysis.viz import mrv as charts

matplotlib.use("Agg")

CODE = re.compile(r"\b[a-z]+_[a-z_]+\b|\w\|\w|tco2e|\bNaN\b|\bnan\b|\bNone\b")
EXAMPLES = paths.DATA_DIR / "examples"


@pytest.fixture(scope="module")
def register():
    return read_facilities(EXAMPLES / "facilities_example.csv")


@pytest.fixture(scope="module")
def credits():
    return read_credits(EXAMPLES / "credits_example.csv")


def _no_code(text: str) -> None:
    text = re.sub(r"<[^>]+>", "", text)  # what a reader sees: a mark's attributes (data-detail="…") are not text
    assert not CODE.search(text), f"code identifier in reader text: {CODE.search(text).group()!r} in {text!r}"


def test__reporting_status_sentence_vi_en(register):
    status = assess_obligations(register, "Bà Rịa – Vũng Tàu", date(2025, 4, 15))
    vi, en = (story.describe_reporting_status(status, lang) for lang in ("vi", "en"))
    assert "Tính đến ngày 15/04/2025" in vi and "trước ngày 31/03/2025" in vi
    assert "có 8 cơ sở phải thực hiện kiểm kê khí nhà kính năm 2024" in vi
    assert "3 cơ sở đã nộp đúng hạn, 1 cơ sở nộp sau hạn" in vi and "3 cơ sở đã quá hạn nhưng chưa nộp" in vi
    assert "chưa đến hạn" not in vi  # a zero count is not written
    assert "hạn nộp trước ngày 31/03/2027" in vi
    assert "As of 15 Apr 2025, 8 facilities" in en and "whether 1 facility must report" in en
    for text in (vi, en):
        _no_code(text)


def test__coverage_sentence_names_the_low_estimate_and_the_missing_year(register):
    # one more (illustrative) farm report, above the province's whole agriculture estimate: the estimate is too low
    big_farm = register.iloc[[0]].assign(
        facility_id="X1",
        facility_name="Trang trại X (minh hoạ)",
        sector="Agriculture",
        year=2023,
        emissions_tco2e=2.0e6,
    )
    register = pd.concat([register, big_farm], ignore_index=True)
    coverage = summarise_coverage(register, "BRVT", 2023, province_inventory("BRVT", 2023))
    vi = story.describe_coverage(coverage, "vi")
    totals = coverage.totals()
    assert f"báo cáo của {totals['n_facilities']} cơ sở cộng lại" in vi
    pct = f"{100 * totals['coverage']:.0f}%"
    assert pct in vi
    # and the illustrative oil-and-gas facility D (2.8 Mt, TP. Vũng Tàu) is above the province's territorial fugitive
    # estimate (1.04 Mt) since offshore production left it for the national line (issue 21, point 5)
    assert coverage.flagged("above_estimate") == ["Energy|Fugitive", "Agriculture"]
    assert "Nông nghiệp, tổng báo cáo của cơ sở cao hơn ước tính phát thải" in vi
    en = story.describe_coverage(summarise_coverage(register, "BRVT", 2024, province_inventory("BRVT", 2024)), "en")
    assert "cannot be compared" in en and "the province's figures are for 2023, not 2024" in en
    for text in (vi, en):
        _no_code(text)


def test__credit_sentences_and_potential(credits):
    account = account_credits(
        credits, "Đồng Nai", target_year=2030, gap_tco2e=-50_000, target_tco2e=9e6, vintages=[2023, 2024]
    )
    vi = story.describe_credits(account, "vi")
    # amounts from 10,000 t are in Mt by the reports' one rule (fmt_mt), smaller ones in whole tonnes
    assert "thấp hơn mức mục tiêu 0,05 triệu tấn CO₂tđ" in vi and "(6.000 tấn CO₂tđ)" in vi
    assert "thấp hơn mức mục tiêu 0,04 triệu tấn CO₂tđ" in vi and "Có 0,03 triệu tấn CO₂tđ tín chỉ" in vi
    en = story.describe_credits(
        account_credits(credits, "BRVT", target_year=2030, gap_tco2e=1_250_000, target_tco2e=38e6), "en"
    )
    assert "exceed the target level by 1.3 Mt CO₂e." in en and "No credit (vintage 2030)" in en
    # 35,000 t planned moves a 1.25 Mt gap by less than the 0.1 Mt shown: said, not a figure repeated silently
    assert "(0.04 Mt CO₂e) go ahead, emissions exceed the target level by 1.3 Mt CO₂e (a change of less than 0.1" in en
    assert "0.01 Mt CO₂e of credits going abroad" in en
    wedges = pd.DataFrame(
        {
            "measure_id": ["forest_protection"],
            "measure": ["Bảo vệ rừng Côn Đảo"],
            "year": [2030],
            "abatement_mtco2e": [0.03],
        }
    )
    potential = story.describe_credit_potential(estimate_credit_potential(wedges, ["forest_protection"], 2030), "vi")
    assert "“Bảo vệ rừng Côn Đảo” năm 2030 ước tính tối đa 0,03 triệu tấn CO₂tđ" in potential
    for text in (vi, en, potential):
        _no_code(text)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test__reader_tables_hold_words_not_codes(register, credits, lang):
    status = assess_obligations(register, "Đồng Nai", date(2025, 4, 15))
    coverage = summarise_coverage(register, "Đồng Nai", 2023, province_inventory("Đồng Nai", 2023))
    account = account_credits(credits, "Đồng Nai", target_year=2030, gap_tco2e=0, target_tco2e=1e6)
    frames = [
        tables.status_table(status, lang),
        tables.status_summary_table(status, lang),
        tables.status_summary_table(status, lang, "managing_ministry"),
        tables.coverage_table(coverage, lang),
        tables.credit_account_table(account, lang),
        tables.credits_table(summarise_credits(credits, "Đồng Nai"), lang),
    ]
    for frame in frames:
        for col in frame.columns:
            if not pd.api.types.is_numeric_dtype(frame[col]):
                for value in frame[col]:
                    _no_code(str(value))
        assert all(label_column(c, lang) != c for c in frame.columns if "_" in c), frame.columns
    assert set(frames[0]["report_status"]) == {
        tables.status_label("on_time", lang),
        tables.status_label("overdue", lang),
    }


@pytest.mark.parametrize("lang", ["vi", "en"])
def test__charts_have_titles_sources_and_no_codes(register, credits, lang):
    status = assess_obligations(register, "BRVT", date(2025, 4, 15))
    coverage = summarise_coverage(register, "BRVT", 2023, province_inventory("BRVT", 2023))
    account = account_credits(credits, "BRVT", target_year=2030, gap_tco2e=1_250_000, target_tco2e=38e6)
    figures = [
        charts.plot_reporting_status(status, lang),
        charts.plot_reporting_status(status, lang, by="managing_ministry"),
        charts.plot_coverage(coverage, lang),
        charts.plot_credit_account(account, lang),
    ]
    for fig in figures:
        ax = fig.axes[0]
        assert ax.get_title(loc="left")
        texts = [
            ax.get_title(loc="left"),
            ax.get_xlabel(),
            *(t.get_text() for t in fig.texts),
            *(t.get_text() for t in ax.get_yticklabels()),
            *(t.get_text() for t in ax.texts),
        ]
        legend = ax.get_legend()
        texts += [t.get_text() for t in legend.get_texts()] if legend else []
        for text in texts:
            _no_code(text)
        matplotlib.pyplot.close(fig)
    assert "2024" in figures[0].axes[0].get_title(loc="left")
