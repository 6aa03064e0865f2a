"""Charts of the statistical BAU, backtest, BAU comparison and LMDI waterfall: title, units, source, language."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.emissions.baseline import Baseline  # noqa: E402
from analysis.emissions.compare import bau_views  # noqa: E402
from analysis.emissions.forecast import fit_arima, fit_drift  # noqa: E402
from analysis.emissions.lmdi import decompose_kaya  # noqa: E402
from analysis.i18n import t  # noqa: E402
from analysis.viz.forecast import (  # noqa: E402
    plot_backtest,
    plot_bau_comparison,
    plot_forecasts,
    plot_lmdi_waterfall,
)


def _texts(fig) -> list[str]:
    out = [" ".join(t.get_text().split()) for t in fig.texts]  # a source line wrapped on two lines reads as one
    for ax in fig.axes:
        out += [ax.get_title(loc="left"), ax.get_xlabel(), ax.get_ylabel()]
        out += [t.get_text() for t in ax.get_xticklabels()]
        legend = ax.get_legend()
        if legend:
            out += [t.get_text() for t in legend.get_texts()]
    return out


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test__plot_forecasts__vi_and_en_labels_and_source(co2, tmp_path):
    results = {"drift": fit_drift(co2, 5), "arima": fit_arima(co2, 5)}
    vi = _texts(plot_forecasts(co2, results, lang="vi"))
    en_fig = plot_forecasts(co2, results, lang="en")
    en = _texts(en_fig)
    assert "Số liệu quan sát" in vi and "khoảng dự báo 90%" in vi and "triệu tấn CO₂" in vi
    assert "Observed" in en and "90% prediction interval" in en and "Mt CO₂" in en
    assert any(t.startswith("Source: Our World in Data") for t in en)
    en_fig.savefig(tmp_path / "f.png")
    assert (tmp_path / "f.png").stat().st_size > 10_000


def test__plot_backtest__one_bar_per_model_and_horizon():
    summary = pd.DataFrame(
        {
            "model": ["drift"] * 2 + ["arima"] * 2,
            "horizon": [1, 2, 1, 2],
            "n": 5,
            "mae": [1.0, 2.0, 1.5, 1.8],
            "mape_pct": [5.0, 9.0, 6.0, 8.0],
        }
    )
    fig = plot_backtest(summary, lang="en", first_origin=2004, last_year=2023)
    ax = fig.axes[0]
    assert len(ax.patches) == 4
    assert sorted(round(p.get_height(), 6) for p in ax.patches) == [5.0, 6.0, 8.0, 9.0]
    assert ax.get_title(loc="left") == "Rolling-origin backtest of the forecasts (2004–2023)"
    assert "MAPE" in ax.get_ylabel()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test__plot_backtest__drift_baseline_marked_and_losers_faded(lang):
    """ARIMA beats drift at 2 years only: that bar is solid, its 1-year bar faded and hatched; drift's level is a
    dashed line across each horizon; the legend says which is the baseline, in words."""
    summary = pd.DataFrame(
        {
            "model": ["drift"] * 2 + ["arima"] * 2,
            "horizon": [1, 2, 1, 2],
            "n": 5,
            "mae": [1.0, 2.0, 1.5, 1.8],
            "mape_pct": [5.0, 9.0, 6.0, 8.0],
            "mae_vs_drift": [1.0, 1.0, 1.5, 0.9],
            "beats_drift": [False, False, False, True],
        }
    )
    summary.attrs.update({"first_origin": 2004, "last_year": 2023})
    fig = plot_backtest(summary, lang=lang)
    ax = fig.axes[0]
    arima = {round(p.get_height(), 6): p for p in ax.patches if p.get_height() in (6.0, 8.0)}
    assert arima[6.0].get_hatch() == "///" and arima[6.0].get_alpha() == pytest.approx(0.35)
    assert not arima[8.0].get_hatch() and arima[8.0].get_alpha() in (None, 1.0)
    levels = sorted({round(y, 6) for c in ax.collections for seg in c.get_segments() for y in seg[:, 1]})
    assert levels == [5.0, 9.0]
    texts = _texts(fig)
    baseline = {"vi": "Xu hướng đơn giản (mốc so sánh)", "en": "Naive drift (the baseline)"}[lang]
    beats = {"vi": "Không tốt hơn mốc so sánh", "en": "Does not beat the baseline"}[lang]
    assert baseline in texts and beats in texts and "(2004–2023)" in ax.get_title(loc="left")
    assert not any("_" in t for t in texts if t)


def test__plot_bau_comparison__three_views_in_one_chart_statistical_to_its_last_year():
    """One axis: driver-based (solid), statistical (dashed, with its band, only to 2022: its skilful year) and
    national pace (dotted) to 2023; the three values of 2022 marked and labelled; the estimate label in the source."""
    years = np.arange(2020, 2024)
    e = np.array([[10e6, 11e6, 12e6, 13e6]])
    base = Baseline(
        province="BR-VT",
        gwp="AR5",
        years=years,
        sectors=("Energy|Power",),
        emissions=e,
        activity=np.ones_like(e),
        intensity=e,
        is_estimate=True,
        vintage="frozen v1",
    )
    stat = pd.DataFrame(
        {
            "year": years[:3],
            "mean": [10e6, 10e6, 12.5e6],
            "lower": 9e6,
            "upper": 15e6,
            "method": "scaled national",
            "vintage": "v",
        }
    )
    national = pd.DataFrame({"year": years, "net_mtco2e": [10.0, 10.8, 11.7, 12.6]})
    table = bau_views(base, stat, national)
    assert table.attrs["statistical_until"] == 2022 and np.isnan(table["statistical"].iloc[-1])
    fig = plot_bau_comparison(table, lang="vi", province="Bà Rịa – Vũng Tàu", year=2022)
    assert len(fig.axes) == 1
    ax = fig.axes[0]
    views = [line for line in ax.lines if not line.get_label().startswith("_")]  # not the marks nor the 2022 rule
    styles = {line.get_linestyle(): max(line.get_xdata()) for line in views}
    assert styles == {"-": 2023, "--": 2022, ":": 2023}
    texts = _texts(fig)
    assert "Ba cách xác định BAU của Bà Rịa – Vũng Tàu" in texts and "BAU thống kê (đến 2022)" in texts
    assert {"12,0", "12,5", "11,7"} <= {x.get_text() for x in ax.texts}
    assert any("ước tính sơ bộ" in t and "Our World in Data" in t and "năm 2020 của địa phương" in t for t in texts)


def test__plot_lmdi_waterfall__bars_end_at_e1_and_factor_labels():
    d = decompose_kaya(
        {"population": 1.0, "grdp": 100.0, "emissions": 50.0},
        {"population": 1.1, "grdp": 132.0, "emissions": 59.4},
        label0="2020",
        label1="2030",
    )
    fig = plot_lmdi_waterfall(d, lang="vi", unit="triệu tấn CO₂tđ")
    ax = fig.axes[0]
    tops = [p.get_y() + p.get_height() for p in ax.patches]
    assert tops[0] == pytest.approx(50.0) and tops[-1] == pytest.approx(59.4)
    assert tops[-2] == pytest.approx(59.4)  # the last effect ends where the 2030 bar ends
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[0] == "2020" and labels[1] == "Dân số" and labels[-1] == "2030"
    assert ax.get_ylabel() == "triệu tấn CO₂tđ"


def test__strings__every_chart_key_has_vi_and_en():
    from babel.messages.pofile import read_po

    from analysis.i18n import po_file

    with po_file("en").open("rb") as f:
        keys = [m.id for m in read_po(f) if isinstance(m.id, str) and m.id.startswith("fc_")]
    assert len(keys) > 20
    assert all(t(k, lang) for k in keys for lang in ("vi", "en"))
