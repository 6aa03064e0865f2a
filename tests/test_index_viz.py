"""Index charts: each returns a Figure with a title and a source line, in Vietnamese and English."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from analysis.index.pgi import build_pgi_index, get_pgi_spec  # noqa: E402
from analysis.index.province import profile_subindices  # noqa: E402
from analysis.index.robustness import summarise_rank_intervals  # noqa: E402
from analysis.index.whatif import select_complete_field  # noqa: E402
from analysis.viz import index as charts  # noqa: E402

BRVT = "Bà Rịa – Vũng Tàu"


@pytest.fixture(scope="module")
def pgi():
    return build_pgi_index()


def _texts(fig) -> str:
    parts = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        parts += [ax.get_title(loc="left"), ax.get_xlabel(), ax.get_ylabel()]
        parts += [lab.get_text() for lab in ax.get_yticklabels() + ax.get_xticklabels()]
        legend = ax.get_legend()
        if legend is not None:
            parts += [t.get_text() for t in legend.get_texts()]
    return "\n".join(parts)


@pytest.mark.parametrize(("lang", "source_word", "title_word"), [("vi", "Nguồn", "điểm"), ("en", "Source", "score")])
def test__plot_ranking_bar__highlights_province(pgi, lang, source_word, title_word):
    fig = charts.plot_ranking_bar(pgi, 2023, "Bà Rịa – Vũng Tàu", lang=lang)
    text = _texts(fig)
    assert source_word in text and title_word in fig.axes[0].get_title(loc="left") and BRVT in text
    bars = fig.axes[0].patches
    assert len(bars) == 19 and len({b.get_facecolor() for b in bars}) == 2
    plt.close(fig)


def test__plot_subindex_profile__labels_in_vietnamese(pgi):
    spec = get_pgi_spec()
    fig = charts.plot_subindex_profile(profile_subindices(pgi, spec, BRVT, 2023), spec, BRVT, 2023, lang="vi")
    text = " ".join(_texts(fig).split())  # long legend labels are wrapped to fit the figure (style.finish)
    assert "thực hành xanh" in text and "Quảng Ninh" in text and "(0–10)" in text
    plt.close(fig)


def test__plot_subindex_heatmap__complete_rows_only(pgi):
    fig = charts.plot_subindex_heatmap(pgi, get_pgi_spec(), 2024, "Bà Rịa – Vũng Tàu", lang="en")
    assert "37 provinces" in fig.axes[0].get_title(loc="left")
    assert len(fig.axes[0].get_yticklabels()) == 37
    plt.close(fig)


def test__plot_subindex_heatmap__the_same_chart_without_seaborn_s_overlap_draw(pgi, monkeypatch):
    """seaborn draws the figure once to test its tick labels for overlap; the chart skips that draw and sets the
    rotation itself, and gives the same image as seaborn's own way (a newer seaborn that rotates otherwise fails)."""
    import contextlib

    from analysis.viz.style import render_figure

    def png(lang):
        fig = charts.plot_subindex_heatmap(pgi, get_pgi_spec(), 2024, BRVT, lang=lang)
        labels = fig.axes[0].get_yticklabels()
        assert {label.get_rotation() for label in labels} == {0.0}, "province names read across"
        data = render_figure(fig, "png", titled=False)
        plt.close(fig)
        return data

    skipped = png("vi")
    monkeypatch.setattr(charts, "_no_overlap_draw", contextlib.nullcontext)  # seaborn draws, as before
    assert png("vi") == skipped


def test__plot_slope__pilot_caveat_on_source_line(pgi):
    fig = charts.plot_slope(pgi, [BRVT, "Đồng Nai", "TP. Hồ Chí Minh"], lang="en")
    assert "pilot" in _texts(fig)
    plt.close(fig)


def test__plot_rank_intervals__one_row_per_province(pgi):
    spec = get_pgi_spec()
    intervals = summarise_rank_intervals(select_complete_field(pgi, spec, 2024), spec, n_draws=500)
    fig = charts.plot_rank_intervals(intervals, 2024, "Bà Rịa – Vũng Tàu", lang="vi")
    assert len(fig.axes[0].get_yticklabels()) == 37 and "37 tỉnh" in _texts(fig)
    plt.close(fig)
