"""Province profiles: loading from any spelling, the official-inventory drop-in, and YAML errors."""

from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest

from analysis.emissions import profile as prof
from analysis.errors import InputError

SHIPPED = [
    "Bà Rịa – Vũng Tàu",
    "TP. Hồ Chí Minh",
    "Đồng Nai",
    "Quảng Ninh",
    "Hà Nội",
    "Cần Thơ",
    "Điện Biên",
    "Hà Giang",
]


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
    assert p.base_year == 2023 and p.gwp == "AR5"
    assert set(p.sectors) >= {"Energy|Power", "Energy|Transport", "IPPU", "Agriculture", "LULUCF", "Waste"}
    assert p.inventory["notes"].str.contains("indicative estimate").all()
    assert set(p.sector_drivers) == set(p.sectors) and p.sector_drivers["Energy|Power"] == "power_fleet"
    for driver in p.growth:  # every growth period has its range and its source
        assert all(lo is not None and hi is not None for lo, hi in p.growth_range[driver]), driver
        assert all(src.strip() for src in p.growth_sources[driver]), driver


def test__shipped_profiles__one_per_province_and_unit_and_none_hand_written():
    """Every one of the 63 provinces and 34 units has a built home under data/profiles/<map>/, the user's half
    (config/profiles/) is empty in the shipped project, and the stamp says data/raw and the builder are unchanged
    since it was built (`netzero build` rebuilds when they change)."""
    from analysis.data.provinces import get_registry
    from analysis.emissions.profile_build import DIGEST_FILE, build_digest

    reg = get_registry()
    for admin_map, expected in ((2024, reg.provinces), (2025, reg.units_2025)):
        folders = sorted(p.name for p in (prof.PROFILES_DIR / str(admin_map)).iterdir() if p.is_dir())
        assert folders == sorted(prof.folder_name(x.name, admin_map) for x in expected)
    assert len(reg.provinces) == 63 and len(reg.units_2025) == 34
    assert not [p for p in prof.USER_PROFILES_DIR.rglob("*") if p.is_file() and p.name != "README.md"]
    assert (prof.PROFILES_DIR / DIGEST_FILE).read_text().strip() == build_digest(), "run `netzero build`"


def test__unit_home__the_sum_of_its_provinces_with_their_assumptions_weighted():
    """The built home of the new TP. Hồ Chí Minh: its estimate is the sum of its three former provinces', sector by
    sector, and each combined growth rate lies between the former provinces' own."""
    unit = prof.load_profile("TP. Hồ Chí Minh", admin_map=2025)
    parts = [prof.load_profile(p) for p in ("TP. Hồ Chí Minh", "Bình Dương", "Bà Rịa – Vũng Tàu")]
    assert unit.is_estimate and unit.path.as_posix().endswith("data/profiles/2025/79_tp-ho-chi-minh")
    pd.testing.assert_series_equal(unit.sector_emissions(), sum(p.sector_emissions() for p in parts), rtol=1e-9)
    for driver, periods in unit.growth.items():
        for start, _end, rate in periods:
            own = [r for p in parts for a, b, r in p.growth[driver] if a <= start <= b]
            assert min(own) - 1e-9 <= rate <= max(own) + 1e-9, (driver, start)
    assert "weighted by their base-year emissions" in unit.growth_sources["gdp"][0]


def test__load_profile__overrides_in_the_users_half_replace_one_key(tmp_path, brvt_dir):
    user = tmp_path / "user"
    user.mkdir()
    (user / "profile.yaml").write_text(
        "elasticity: {Energy|Transport: 0.7}\ngrowth:\n  gdp:\n  - {start: 2024, end: 2050, rate: 0.05, "
        "source: 'assumption: the province plan 2021–2030 (test)'}\n",
        encoding="utf-8",
    )
    before = prof.load_profile("BRVT", brvt_dir)
    after = prof.load_profile("BRVT", brvt_dir, user_dir=user)
    assert after.elasticity["Energy|Transport"] == 0.7 and after.elasticity["IPPU"] == before.elasticity["IPPU"]
    assert after.growth["gdp"] == [(2024, 2050, 0.05)] and after.growth["population"] == before.growth["population"]
    assert any("user" in k and k.endswith("profile.yaml") for k in after.file_hashes())
    (user / "profile.yaml").write_text("elastcity: {Waste: 1}\n", encoding="utf-8")
    with pytest.raises(InputError, match="did you mean 'elasticity'"):
        prof.load_profile("BRVT", brvt_dir, user_dir=user)


def test__load_profile__official_inventory_dropped_in_replaces_the_estimate(brvt_dir):
    """An analyst's inventory.csv (kt of gases, AR5) replaces the estimate; drivers and assumptions stay."""
    before = prof.load_profile("BRVT", brvt_dir)
    (brvt_dir / "inventory.csv").write_text(
        "province,year,sector,gas,value,unit,gwp,source\n"
        "BRVT,2022,Energy|Power,CO2,9000,kt,AR5,DONRE 2024\n"
        "BRVT,2022,Energy|Fugitive,CH4,20,kt,AR5,DONRE 2024\n"
        "BRVT,2022,Agriculture,N2O,1.5,kt,AR5,DONRE 2024\n"
        "BRVT,2022,LULUCF,CO2,-250,kt,AR5,DONRE 2024\n",
        encoding="utf-8",
    )
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
        "province,year,sector,gas,value,unit,gwp\nĐồng Nai,2022,Waste,CO2e,1,Mt CO2e,AR5\n", encoding="utf-8"
    )
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


@pytest.mark.slow
def test__build_profiles__reproduces_every_shipped_profile_and_its_frozen_bau():
    """The shipped profiles are exactly what `netzero build` makes from data/raw (no hand edits), and each frozen
    BAU matches the inputs it was frozen from."""
    from analysis.emissions.bau import changed_inputs, frozen_bau_path, load_frozen_bau, project_bau
    from analysis.emissions.profile_build import compare_profiles

    assert compare_profiles() == []
    for folder in sorted(p for p in (prof.PROFILES_DIR / "2024").iterdir() if p.is_dir()):
        profile = prof.load_profile(folder.name.split("_")[0], folder)
        frozen = load_frozen_bau(frozen_bau_path(profile))
        assert changed_inputs(frozen, profile) == [], folder.name
        np.testing.assert_allclose(frozen.emissions, project_bau(profile).emissions, rtol=1e-12)


def test__inputs_hash__changes_when_a_file_changes(brvt_dir):
    before = prof.load_profile("BRVT", brvt_dir).inputs_hash()
    with (brvt_dir / "drivers.csv").open("a", encoding="utf-8") as fh:
        fh.write("Bà Rịa – Vũng Tàu,2030,population,1300000,persons,assumption,yes\n")
    assert prof.load_profile("BRVT", brvt_dir).inputs_hash() != before
