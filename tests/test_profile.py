"""Province profiles: loading from any spelling, the official-inventory drop-in, and YAML errors."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from analysis.emissions import profile as prof
from analysis.emissions.profile_build import write_profile
from analysis.errors import InputError

SHIPPED = ["Bà Rịa – Vũng Tàu", "TP. Hồ Chí Minh", "Bình Dương", "Đồng Nai", "Bình Phước", "Tây Ninh"]


@pytest.fixture
def brvt_dir(tmp_path):
    """A copy of the shipped BRVT profile to modify."""
    target = tmp_path / "77_ba-ria-vung-tau"
    shutil.copytree(prof.profile_dir_for("BRVT"), target)
    return target


@pytest.mark.parametrize("spelling", ["BRVT", "Bà Rịa-Vũng Tàu", "Tỉnh Bà Rịa – Vũng Tàu", "ba ria vung tau", "77"])
def test__load_profile__any_spelling_gives_the_canonical_province(spelling):
    p = prof.load_profile(spelling)
    assert p.province == "Bà Rịa – Vũng Tàu"
    assert p.path.name == "77_ba-ria-vung-tau"


@pytest.mark.parametrize("province", SHIPPED)
def test__load_profile__shipped_profiles_are_labelled_estimates(province):
    p = prof.load_profile(province)
    assert p.is_estimate and "indicative estimate — replace with the official inventory" in p.estimate_note
    assert p.base_year == 2023 and p.gwp == "AR6"
    assert set(p.sectors) >= {"Energy|Power", "Energy|Transport", "IPPU", "Agriculture", "LULUCF", "Waste"}
    assert p.inventory["notes"].str.contains("indicative estimate").all()
    assert set(p.sector_drivers) == set(p.sectors)


def test__load_profile__official_inventory_dropped_in_replaces_the_estimate(brvt_dir):
    """An analyst's inventory.csv (kt of gases, AR5) replaces the estimate; drivers and assumptions stay."""
    before = prof.load_profile("BRVT", brvt_dir)
    (brvt_dir / "inventory.csv").write_text(
        "province,year,sector,gas,value,unit,gwp,source\n"
        "BRVT,2022,Energy|Power,CO2,9000,kt,AR5,DONRE 2024\n"
        "BRVT,2022,Energy|Fugitive,CH4,20,kt,AR5,DONRE 2024\n"
        "BRVT,2022,Agriculture,N2O,1.5,kt,AR5,DONRE 2024\n"
        "BRVT,2022,LULUCF,CO2,-250,kt,AR5,DONRE 2024\n", encoding="utf-8")
    after = prof.load_profile("BRVT", brvt_dir)
    assert after.is_estimate is False and after.estimate_note == ""
    assert (after.base_year, after.gwp) == (2022, "AR5")
    emissions = after.sector_emissions()
    assert emissions["Energy|Fugitive"] == pytest.approx(20e3 * 28)  # AR5 GWP100 of CH4 from the package
    assert emissions["Agriculture"] == pytest.approx(1.5e3 * 265)
    assert emissions["LULUCF"] == pytest.approx(-250e3)
    pd.testing.assert_frame_equal(after.drivers, before.drivers)
    assert after.growth == before.growth and after.elasticity == {s: before.elasticity[s] for s in after.sectors}


def test__load_profile__official_inventory_for_another_province_is_refused(brvt_dir):
    (brvt_dir / "inventory.csv").write_text(
        "province,year,sector,gas,value,unit,gwp\nĐồng Nai,2022,Waste,CO2e,1,Mt CO2e,AR5\n", encoding="utf-8")
    with pytest.raises(InputError, match="is for Đồng Nai, not Bà Rịa – Vũng Tàu"):
        prof.load_profile("BRVT", brvt_dir)


def test__load_profile__unknown_yaml_key_suggests_the_closest(brvt_dir):
    path = brvt_dir / "profile.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("elasticity:", "elasticty:", 1), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        prof.load_profile("BRVT", brvt_dir)
    text = str(exc.value)
    assert "unknown key 'elasticty'" in text and "did you mean 'elasticity'" in text and "profile.yaml" in text


def test__load_profile__missing_sector_assumption_is_named(brvt_dir):
    path = brvt_dir / "profile.yaml"
    text = path.read_text(encoding="utf-8").replace("  Waste: 0.0\n", "", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="'intensity_rate' has no value for sector 'Waste'"):
        prof.load_profile("BRVT", brvt_dir)


def test__load_profile__profile_of_another_province_is_refused(tmp_path):
    target = tmp_path / "x"
    shutil.copytree(prof.profile_dir_for("Đồng Nai"), target)
    with pytest.raises(InputError, match="the profile is for 'Đồng Nai'"):
        prof.load_profile("Tây Ninh", target)


def test__write_profile__reproduces_the_shipped_files(tmp_path):
    """The shipped profile is exactly what write_profile builds from the raw data (no hand edits)."""
    folder = write_profile("Tây Ninh", 2023, tmp_path)
    shipped = prof.profile_dir_for("Tây Ninh")
    for name in ("profile.yaml", "inventory_estimate.csv", "drivers.csv"):
        assert (folder / name).read_bytes() == (shipped / name).read_bytes(), name


def test__inputs_hash__changes_when_a_file_changes(brvt_dir):
    before = prof.load_profile("BRVT", brvt_dir).inputs_hash()
    with (brvt_dir / "drivers.csv").open("a", encoding="utf-8") as fh:
        fh.write("Bà Rịa – Vũng Tàu,2030,population,1300000,persons,assumption,yes\n")
    assert prof.load_profile("BRVT", brvt_dir).inputs_hash() != before
