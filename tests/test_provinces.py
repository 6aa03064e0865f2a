"""The province registry and the resolver (every variant named in the foundation issue)."""

import unicodedata

import pytest

from analysis.data.provinces import get_registry, normalise_key
from analysis.errors import ProvinceNotFoundError

BRVT = "Bà Rịa – Vũng Tàu"
HCM = "TP. Hồ Chí Minh"
HUE = "Thừa Thiên Huế"


@pytest.fixture(scope="module")
def reg():
    return get_registry()


def test__registry__has_63_provinces_and_34_units(reg):
    assert len(reg.provinces) == 63
    assert len(reg.units_2025) == 34
    assert len({p.code for p in reg.provinces}) == 63
    assert len({u.code for u in reg.units_2025}) == 34
    # every province belongs to exactly one unit and the constituents partition the 63
    members = [m for u in reg.units_2025 for m in u.constituents]
    assert sorted(members) == sorted(p.name for p in reg.provinces)


def test__registry__keys_are_unique(reg):
    keys = [normalise_key(p.name) for p in reg.provinces]
    assert len(set(keys)) == 63


def test__registry__region_counts_match_resolution_81(reg):
    counts = {r: len(reg.members(r)) for r in reg.regions}
    assert counts == {
        "Northern Midlands and Mountains": 14,
        "Red River Delta": 11,
        "North Central and Central Coast": 14,
        "Central Highlands": 5,
        "Southeast": 6,
        "Mekong River Delta": 13,
    }
    assert reg.members("Đông Nam Bộ") == reg.members("Southeast")


def test__registry__brvt_record(reg):
    p = reg.province("BRVT")
    assert (p.name, p.code, p.region, p.successor) == (BRVT, "77", "Southeast", HCM)
    assert p.name_ascii == "Ba Ria – Vung Tau"


def test__registry__new_hcmc_constituents(reg):
    unit = reg.unit("TP.HCM")
    assert set(unit.constituents) == {HCM, "Bình Dương", BRVT}
    assert not unit.unchanged
    assert reg.unit("Cao Bằng").unchanged


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Bà Rịa - Vũng Tàu", BRVT),
        ("Bà Rịa – Vũng Tàu", BRVT),
        ("Bà Rịa—Vũng Tàu", BRVT),
        ("Bà Rịa Vũng Tàu", BRVT),
        ("BÀ RỊA - VŨNG TÀU", BRVT),
        ("ba ria - vung tau", BRVT),
        ("Ba Ria-Vung Tau", BRVT),
        ("Tỉnh Bà Rịa - Vũng Tàu", BRVT),
        ("tinh Ba Ria Vung Tau", BRVT),
        ("BRVT", BRVT),
        ("brvt", BRVT),
        ("HCMC", HCM),
        ("TP.HCM", HCM),
        ("Tp.HCM", HCM),
        ("TP HCM", HCM),
        ("TPHCM", HCM),
        ("Thành phố Hồ Chí Minh", HCM),
        ("TP. Hồ Chí Minh", HCM),
        ("Ho Chi Minh City", HCM),
        ("TT-Huế", HUE),
        ("TT.Huế", HUE),
        ("Thua Thien - Hue", HUE),
        ("Đăk Lăk", "Đắk Lắk"),
        ("Đắk Lắk", "Đắk Lắk"),
        ("Dak Lak", "Đắk Lắk"),
        ("Bắc Cạn", "Bắc Kạn"),
        ("Bắc Kạn", "Bắc Kạn"),
        ("Hoà Bình", "Hòa Bình"),
        ("Hòa Bình", "Hòa Bình"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("  Cần   Thơ  ", "Cần Thơ"),
        ("Thành phố Cần Thơ", "Cần Thơ"),
        ("77", BRVT),
    ],
)
def test__resolve__variants(reg, name, expected):
    assert reg.resolve(name) == expected


@pytest.mark.parametrize("form", ["NFC", "NFD", "NFKC", "NFKD"])
def test__resolve__unicode_normal_forms(reg, form):
    for name in (BRVT, "Hòa Bình", "Đắk Lắk", "Thừa Thiên Huế"):
        assert reg.resolve(unicodedata.normalize(form, name)) == name


def test__resolve__2025_map(reg):
    assert reg.resolve("BRVT", map="2025") == HCM
    assert reg.resolve("Bình Dương", map="2025") == HCM
    assert reg.resolve("Bình Phước", map="2025") == "Đồng Nai"
    assert reg.resolve("TT-Huế", map="2025") == "TP. Huế"
    assert reg.resolve("TP. Huế") == HUE  # the new name on the old map: its only constituent


def test__resolve__unknown_lists_closest(reg):
    with pytest.raises(ProvinceNotFoundError) as err:
        reg.resolve("Vung Tao")
    assert BRVT in err.value.candidates
    assert "closest matches" in str(err.value)


def test__resolve__ambiguous_lists_both(reg):
    with pytest.raises(ProvinceNotFoundError) as err:
        reg.resolve("ĐN")
    assert err.value.ambiguous
    assert err.value.candidates == ["Đà Nẵng", "Đồng Nai"]
    assert "ambiguous" in str(err.value)


def test__resolve__bad_map_is_refused(reg):
    with pytest.raises(ValueError):
        reg.resolve("BRVT", map="2030")
