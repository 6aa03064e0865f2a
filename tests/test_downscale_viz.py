"""Charts of the inventory, the driver-based BAU and the validation: title, units, source, estimate label."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from analysis.emissions.bau import project_bau  # noqa: E402
from analysis.emissions.profile import load_profile  # noqa: E402
from analysis.i18n import fmt_vintage, sector_label, t  # noqa: E402
from analysis.inventory import validate_hcmc_2013  # noqa: E402
from analysis.viz import inventory as viz  # noqa: E402


def _texts(fig) -> str:
    parts = [x.get_text() for x in fig.texts]
    for ax in fig.axes:
        parts += [ax.get_title(loc="left"), ax.get_xlabel(), ax.get_ylabel()]
        parts += [x.get_text() for x in ax.get_yticklabels() + ax.get_xticklabels() + ax.texts]
        if ax.get_legend() is not None:
            parts += [x.get_text() for x in ax.get_legend().get_texts()]
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test__plot_inventory__estimate_is_labelled_in_both_languages(lang):
    fig = viz.plot_inventory(project_bau(load_profile("BRVT")), lang)
    text = _texts(fig)
    assert t("estimate_label", lang) in text and "Bà Rịa – Vũng Tàu 2023" in text
    assert ("Mt CO₂e (AR5)" if lang == "en" else "triệu tấn CO₂tđ (AR5)") in text
    assert sector_label("LULUCF", lang) in text
    plt.close(fig)


def test__plot_inventory__official_inventory_has_no_estimate_label(tmp_path):
    import shutil

    from analysis.emissions.profile import profile_dir_for

    folder = tmp_path / "p"
    shutil.copytree(profile_dir_for("BRVT"), folder)
    (folder / "inventory.csv").write_text(
        "province,year,sector,gas,value,unit,gwp,source\nBRVT,2022,Waste,CO2e,1.2,Mt CO2e,AR5,DONRE 2024\n",
        encoding="utf-8",
    )
    fig = viz.plot_inventory(project_bau(load_profile("BRVT", folder)), "en")
    text = _texts(fig)
    assert t("estimate_label", "en") not in text and "DONRE 2024" in text
    plt.close(fig)


def test__plot_inventory__a_sector_not_estimated_is_named_not_drawn_as_zero(tmp_path):
    import shutil

    from analysis.emissions.profile import profile_dir_for

    folder = tmp_path / "p"
    shutil.copytree(profile_dir_for("BRVT"), folder)
    (folder / "inventory.csv").write_text(
        "province,year,sector,gas,value,unit,gwp,source,notes\n"
        "BRVT,2022,Waste,CO2e,1.2,Mt CO2e,AR5,DONRE 2024,\n"
        "BRVT,2022,Energy|Power,CO2e,,Mt CO2e,AR5,DONRE 2024,not reported yet\n",
        encoding="utf-8",
    )
    baseline = project_bau(load_profile("BRVT", folder))
    assert baseline.sectors == ("Waste",) and baseline.missing == {"Energy|Power": "not reported yet"}
    text = _texts(viz.plot_inventory(baseline, "vi"))
    assert sector_label("Energy|Power", "vi") in text and t("not_estimated", "vi") in text
    plt.close("all")


def test__plot_bau__shows_vintage_and_estimate_label():
    b = project_bau(load_profile("Tây Ninh"), end_year=2035)
    fig = viz.plot_bau(b, "en")
    text = _texts(fig)
    assert fmt_vintage(b.vintage, "en") in text and t("estimate_label", "en") in text and "2023–2035" in text
    assert "sha256" not in text and "frozen 20" not in text, "the source line gives the date in words, no hash"
    plt.close(fig)


def test__plot_downscaling_validation__errors_are_annotated():
    fig = viz.plot_downscaling_validation(validate_hcmc_2013(), "vi")
    text = _texts(fig)
    assert "−45%" in text and "−12%" in text and "TP. Hồ Chí Minh 2013" in text  # territorial and GPC views
    assert t("inv_view_gpc_basic", "vi") in text
    plt.close(fig)
