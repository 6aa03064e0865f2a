"""The three BAU views as notebook 01 shows them (issue 21, point 2): no statistical value after its skilful year in
the tables or charts, every figure redone by hand from the sentence that states it, and the baseline-only case
worded. Bà Rịa – Vũng Tàu (the 63-province map, 2024) and the 2025 unit TP. Hồ Chí Minh, both languages."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from analysis.emissions import compare
from analysis.emissions.backtest import Backtest, summarise_backtest
from analysis.emissions.diagnostics import check_bau
from analysis.i18n import fmt_mt
from analysis.narrative import bau as story
from analysis.narrative import bau_views as views_story
from analysis.run.context import load_baseline
from analysis.viz import forecast as fcharts

PLACES = {"brvt": ("Bà Rịa – Vũng Tàu", 2024), "hcmc": ("TP. Hồ Chí Minh", 2025)}
SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def _number(text: str, lang: str) -> float:
    """A number as the reports print it (vi ``1.234,5``, en ``1,234.5``; ``−`` for minus)."""
    text = text.replace("−", "-")
    text = text.replace(".", "").replace(",", ".") if lang == "vi" else text.replace(",", "")
    return float(text)


NUM = r"−?[\d.,]*\d"


@pytest.fixture(scope="module", params=list(PLACES))
def place(request, co2, gdp):
    name, admin_map = PLACES[request.param]
    run = load_baseline(province=name, map=admin_map, target_year=2030, lang="vi")
    return run.baseline, compare.compare_views(run.baseline, co2, gdp), run.constituents


def test__compare_views__no_statistical_value_after_the_skilful_year(place):
    baseline, views, constituents = place
    until = views.outlook.until
    assert until == 2033 and views.table.attrs["statistical_until"] == until
    table = views.table.set_index("year")
    assert table.index.max() == int(baseline.years[-1])  # the other two views run to the BAU's end
    after = table.loc[until + 1 :, ["statistical", "lower", "upper"]]
    assert len(after) and after.isna().all().all()
    assert table.loc[:until, "statistical"].notna().all()
    assert table[["driver_based", "national_trajectory"]].notna().all().all()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test__tables_and_charts_of_01__nothing_statistical_after_the_skilful_year(place, co2, lang):
    _, views, _ = place
    outlook = views.outlook
    until = outlook.skill.set_index("model")["until"]
    forecasts = story.forecast_table(outlook, lang)
    years = forecasts.iloc[:, 0]
    assert years.max() == outlook.until and (years > outlook.last_year).all()
    for key, column in zip(outlook.drawn, forecasts.columns[1:], strict=True):
        assert forecasts.loc[years > until[key], column].isna().all()
    fig = fcharts.plot_forecasts(co2, outlook.drawn, lang=lang)
    drawn = [line for line in fig.axes[0].lines if len(line.get_xdata()) and max(line.get_xdata()) > outlook.last_year]
    assert len(drawn) == len(outlook.drawn) and max(max(line.get_xdata()) for line in drawn) <= outlook.until
    bands = [c for c in fig.axes[0].collections if len(c.get_paths()) and c.get_paths()[0].vertices.size]
    assert all(c.get_paths()[0].vertices[:, 0].max() <= outlook.until for c in bands)
    fig = fcharts.plot_bau_comparison(views.table, lang=lang, year=2030)
    dashed = [line for line in fig.axes[0].lines if line.get_linestyle() == "--"]
    assert len(dashed) == 1 and max(dashed[0].get_xdata()) == outlook.until
    band = fig.axes[0].collections[0].get_paths()[0].vertices
    assert band[:, 0].max() == outlook.until
    assert any(str(outlook.until) in text.get_text() for text in fig.axes[0].get_legend().get_texts())


@pytest.mark.parametrize("lang", ["vi", "en"])
def test__describe_views__national_pace_is_base_times_one_plus_rate_to_the_years(place, lang):
    """The sentence states the base-year gross (two decimals), the rate (0.1 %/yr), the years and the sink: redone
    by hand they give the printed figure to its last digit; and the engine's figure is exactly gross × (1 + the
    printed rate) ** years + sink."""
    baseline, views, constituents = place
    text = views_story.describe_views(views, 2030, lang)[3]
    rate = _number(re.search(rf"\(({NUM})%", text)[1], lang) / 100
    found = re.search(rf"({NUM}) × ({NUM})([⁰¹²³⁴⁵⁶⁷⁸⁹]+)(?: − ({NUM}))? ≈ ({NUM})", text)
    base, factor, power, sink, value = found.groups()
    years = int(power.translate(SUPERSCRIPT))
    assert years == 2030 - baseline.base_year and _number(factor, lang) == pytest.approx(1 + rate)
    by_hand = _number(base, lang) * (1 + rate) ** years - (_number(sink, lang) if sink else 0.0)
    # rounding of what is printed: base ±0.005 grown by the factor, sink ±0.005, the figure ±0.05
    assert abs(by_hand - _number(value, lang)) <= 0.05 + 0.005 * (1 + rate) ** years + 0.005
    pace = views.pace
    assert pace.steps(2030) == [(rate, years)]
    exact = pace.gross * (1 + rate) ** years + pace.removals
    assert views.table.set_index("year").loc[2030, "national_trajectory"] == pytest.approx(exact, rel=1e-12)
    assert fmt_mt(exact, lang, unit="t") == value and text.count(value) == 2
    # the plausibility check states the same national pace
    diag = views_story.describe_diagnostics(check_bau(baseline, constituents), 2050, lang)[0]
    assert "(" + re.search(rf"\(({NUM}%)", text)[1] in diag


@pytest.mark.parametrize("lang", ["vi", "en"])
def test__describe_views__statistical_figure_is_base_times_national_ratio(place, lang):
    _, views, _ = place
    sentences = views_story.describe_views(views, 2030, lang)
    assert len(sentences) == 5 and all(s.startswith("- ") for s in sentences[1:4])
    stat = sentences[2]
    found = re.search(rf"({NUM}) × ({NUM}) / ({NUM})(?: − ({NUM}))? ≈ ({NUM})", stat)
    base, n1, n0, sink, value = (g and _number(g, lang) for g in found.groups())
    by_hand = base * n1 / n0 - (sink or 0.0)
    # rounding of what is printed: base ±0.005 scaled, sink ±0.005, the national values ±0.05 (relative < 0.02 %)
    assert abs(by_hand - value) <= 0.05 + 0.005 * n1 / n0 + 0.005 + 0.0004 * abs(value)
    assert value == pytest.approx(views.table.set_index("year").loc[2030, "statistical"] / 1e6, abs=0.05)
    assert "2033" in stat and "ARIMA" not in stat  # the model is named in the annex, not in the body


@pytest.mark.parametrize("lang", ["vi", "en"])
def test__describe_views__a_year_after_the_skilful_one_is_not_quoted(place, lang):
    _, views, _ = place
    sentences = views_story.describe_views(views, 2040, lang)
    words = {"vi": "không nêu cho năm 2040", "en": "not quoted for 2040"}[lang]
    assert words in sentences[2] and "2033" in sentences[2] and not re.search(r"≈", sentences[2])
    assert {"vi": "không nêu BAU thống kê", "en": "statistical view is not quoted"}[lang] in sentences[0]


def _no_model_beats_drift(series: pd.Series, **kwargs) -> Backtest:
    """A simulated backtest: every model misses by 20 % more than drift at every horizon."""
    horizons = kwargs["horizons"]
    rows = [
        {"model": m, "origin": 2010, "horizon": h, "year": 2010 + h, "actual": 100.0, "forecast": 100.0 + k * h}
        for m, k in (("drift", 5.0), ("ets", 6.0), ("arima", 6.0), ("loglog_gdp", 6.0))
        for h in horizons
    ]
    errors = pd.DataFrame(rows)
    errors["error"] = errors["forecast"] - errors["actual"]
    errors["ape_pct"] = errors["error"].abs()
    summary = summarise_backtest(errors, ["drift", "ets", "arima", "loglog_gdp"])
    summary["n"] = 12
    summary.attrs.update({"series": "co2", "first_year": 1990, "first_origin": 2004, "last_year": 2023})
    return Backtest(errors=errors, summary=summary, warnings=(), min_train=15, horizons=tuple(horizons))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test__compare_views__baseline_only_when_no_model_beats_drift(monkeypatch, co2, gdp, lang):
    """Simulated backtest where no model beats drift: only drift is drawn and quoted, and one sentence says so."""
    monkeypatch.setattr(compare, "cached_backtest", _no_model_beats_drift)
    baseline = load_baseline(province="Bà Rịa – Vũng Tàu", map=2024, target_year=2030, lang=lang).baseline
    views = compare.compare_views(baseline, co2, gdp)
    outlook = views.outlook
    assert outlook.baseline_only and list(outlook.drawn) == ["drift"] and outlook.until == 2033
    stat = views_story.describe_views(views, 2030, lang)[2]
    said = {
        "vi": "không mô hình thống kê nào dự báo chuỗi CO₂ quốc gia tốt hơn xu hướng đơn giản",
        "en": "No statistical model forecast the national CO₂ series better than the simple trend",
    }[lang]
    assert said in stat and "ARIMA" not in stat
    drift_2030 = float(outlook.drawn["drift"].forecast.set_index("year").loc[2030, "mean"])
    expected = views.pace.gross * drift_2030 / float(co2.loc[baseline.base_year]) + views.pace.removals
    assert views.table.set_index("year").loc[2030, "statistical"] == pytest.approx(expected)
    skill = story.describe_skill(outlook, lang)
    assert (
        skill
        == {
            "vi": "Trong kiểm định dự báo quá khứ, không mô hình thống kê nào dự báo chuỗi quốc gia tốt hơn xu hướng "
            "đơn giản (mốc so sánh): báo cáo chỉ trình bày xu hướng đơn giản, đến năm 2033.",
            "en": "No statistical model forecast the national series better than the simple trend (the baseline) in the "
            "backtest: the report shows only the simple trend, to 2033.",
        }[lang]
    )
    assert list(story.forecast_table(outlook, lang).columns[1:]) == [
        {"vi": "Xu hướng đơn giản: trung vị (triệu tấn CO₂)", "en": "Naive drift: median (Mt CO₂)"}[lang]
    ]
    backtest = story.describe_backtest(outlook.backtest.summary, lang, pick=outlook.pick)
    assert {"vi": "là mô hình xu hướng đơn giản", "en": "the naive drift baseline itself"}[lang] in backtest
    fig = fcharts.plot_forecasts(co2, outlook.drawn, lang=lang)
    future = [line for line in fig.axes[0].lines if len(line.get_xdata()) and max(line.get_xdata()) > 2023]
    assert len(future) == 1 and np.max(future[0].get_xdata()) == 2033
