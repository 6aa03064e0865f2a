"""Choropleth maps: both maps render, attribution and licence printed, highlight, no-data class, vi/en."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.data.provinces import get_registry  # noqa: E402
from analysis.errors import ProvinceNotFoundError  # noqa: E402
from analysis.inventory import population, province_totals  # noqa: E402
from analysis.viz import maps  # noqa: E402


def _texts(fig) -> str:
    parts = [" ".join(x.get_text().split()) for x in fig.texts]  # a source line wrapped on two lines reads as one
    for ax in fig.axes:
        parts += [ax.get_title(loc="left")] + [x.get_text() for x in ax.texts]
        legend = ax.get_legend()
        if legend is not None:
            parts += [legend.get_title().get_text()] + [x.get_text() for x in legend.get_texts()]
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("map_", [2024, 2025])
def test__plot_emissions_map__renders_with_attribution_and_licence(lang, map_, tmp_path):
    fig = maps.plot_emissions_map(
        province_totals(2016, admin_map=map_), year=2016, lang=lang, admin_map=map_, highlight="BRVT"
    )
    text = _texts(fig)
    assert "Open Development Mekong" in text and "CC BY-SA 4.0" in text
    assert maps.t("estimate_label", lang) in text
    assert (maps.t("map_derived_2025", lang) in text) == (map_ == 2025)
    name = "TP. Hồ Chí Minh" if map_ == 2025 else ("Bà Rịa – Vũng Tàu" if lang == "vi" else "Ba Ria - Vung Tau")
    assert name in text
    fig.savefig(tmp_path / "map.png")
    assert (tmp_path / "map.png").stat().st_size > 20_000
    plt.close(fig)


def test__plot_choropleth__every_province_is_drawn_and_missing_values_are_no_data():
    values = pd.Series({"Hà Nội": 25.1, "Đà Nẵng": 22.0, "BRVT": 24.0})
    fig = maps.plot_choropleth(values, title="PGI", legend_title="score", source="VCCI", lang="en", admin_map=2024)
    main = fig.axes[0]
    drawn = sum(len(c.get_paths()) for c in main.collections[:2])
    assert drawn == 63
    assert "no data" in _texts(fig)
    plt.close(fig)


def test__plot_emissions_per_person_map__per_person_values_in_the_legend_classes():
    totals, people = province_totals(2016, admin_map=2024), population(2016, admin_map=2024)
    per_person = totals / people
    fig = maps.plot_emissions_per_person_map(totals, people, year=2016, lang="vi", admin_map=2024)
    assert "tấn CO₂tđ/người" in _texts(fig)
    assert per_person["Quảng Ninh"] > per_person["Hà Nội"]
    assert population(2016, admin_map=2025).sum() == pytest.approx(people.sum())
    plt.close(fig)


def test__plot_choropleth__unknown_province_is_refused():
    with pytest.raises(ProvinceNotFoundError):
        maps.plot_choropleth(
            pd.Series({"Atlantis": 1.0}), title="x", legend_title="x", source="x", lang="en", admin_map=2024
        )


def test__class_breaks__rounded_quantiles_and_zero_when_negative():
    assert maps.class_breaks(pd.Series([-1.0, 0.4, 1.2, 2.1, 3.3, 7.9, 30.0]))[0] == 0.0
    breaks = maps.class_breaks(pd.Series(range(1, 101), dtype=float))
    assert breaks == [20, 40, 60, 80]
    assert len(get_registry().units_2025) == 34


def test__plot_choropleth__two_values_for_one_2025_unit_are_refused():
    """Bình Dương and TP. Hồ Chí Minh are one unit on the 2025 map: their values must be aggregated first."""
    values = pd.Series({"TP. Hồ Chí Minh": 22.0, "Bình Dương": 24.0})
    with pytest.raises(ValueError, match="aggregate the values of merged provinces first"):
        maps.plot_choropleth(values, title="x", legend_title="x", source="x", lang="en", admin_map=2025)


def test__plot_pgi_map__titles_in_both_languages():
    from analysis.data.raw import load_pgi

    pgi = load_pgi()
    scores = pgi[pgi["year"] == 2024].set_index("province")["pgi_score"].dropna()
    for lang, title in (("vi", "Chỉ số Xanh cấp tỉnh (PGI) 2024"), ("en", "Provincial Green Index (PGI) 2024")):
        fig = maps.plot_pgi_map(scores, year=2024, lang=lang, highlight="BRVT")
        text = _texts(fig)
        assert title in text and "CC BY-SA 4.0" in text
        plt.close(fig)
