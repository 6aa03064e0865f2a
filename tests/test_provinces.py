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
    assert reg.resolve("BRVT", admin_map=2025) == HCM
    assert reg.resolve("Bình Dương", admin_map=2025) == HCM
    assert reg.resolve("Bình Phước", admin_map=2025) == "Đồng Nai"
    assert reg.resolve("TT-Huế", admin_map=2025) == "TP. Huế"
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
        reg.resolve("BRVT", admin_map=2030)


@pytest.mark.parametrize(
    "name, admin_map, expected",
    [
        # no map given: a name on today's map is the 2025 unit; a former province's name that province on the 2024 map
        ("Đồng Nai", None, ("Đồng Nai", 2025, ("Đồng Nai", "Bình Phước"), None, None)),
        ("TP.HCM", None, ("TP. Hồ Chí Minh", 2025, ("TP. Hồ Chí Minh", "Bà Rịa – Vũng Tàu", "Bình Dương"), None, None)),
        ("Hà Nội", 0, ("Hà Nội", 2025, ("Hà Nội",), None, None)),
        ("Bà Rịa - Vũng Tàu", None, ("Bà Rịa – Vũng Tàu", 2024, ("Bà Rịa – Vũng Tàu",), "TP. Hồ Chí Minh", None)),
        ("Binh Phuoc", None, ("Bình Phước", 2024, ("Bình Phước",), "Đồng Nai", None)),
        # a renamed province with its territory unchanged is today's unit
        ("Thừa Thiên Huế", None, ("TP. Huế", 2025, ("Thừa Thiên Huế",), None, "Thừa Thiên Huế")),
        # an explicit map keeps today's behaviour: 2025 gives the unit a former province joined, with a note
        (
            "BRVT",
            2025,
            (
                "TP. Hồ Chí Minh",
                2025,
                ("TP. Hồ Chí Minh", "Bà Rịa – Vũng Tàu", "Bình Dương"),
                None,
                "Bà Rịa – Vũng Tàu",
            ),
        ),
        ("Đồng Nai", 2024, ("Đồng Nai", 2024, ("Đồng Nai",), None, None)),
        ("BRVT", "2024", ("Bà Rịa – Vũng Tàu", 2024, ("Bà Rịa – Vũng Tàu",), "TP. Hồ Chí Minh", None)),
    ],
)
def test__locate__one_resolver_decides_the_map(reg, name, admin_map, expected):
    place = reg.locate(name, admin_map)
    assert (place.name, place.admin_map, place.constituents, place.successor, place.joined_from) == expected


def test__check_map__one_type():
    from analysis.data.provinces import check_map

    assert check_map("2025") == 2025 and check_map(2024) == 2024 and isinstance(check_map("2024"), int)
    for bad in ("2030", "", None, 63):
        with pytest.raises(ValueError):
            check_map(bad)


def test__netzero_provinces__without_a_map_says_where_each_name_lands(capsys):
    from analysis.cli import main

    assert main(["provinces", "Đồng Nai", "Bà Rịa – Vũng Tàu"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(
        "Đồng Nai\tĐồng Nai\tĐồng Nai (2025 map: the unit formed on 1 July 2025 from Đồng Nai, Bình Phước"
    )
    assert out[1] == (
        "Bà Rịa – Vũng Tàu\tBà Rịa – Vũng Tàu\tBà Rịa – Vũng Tàu (2024 map: a former province, until 30 June 2025; "
        "now part of TP. Hồ Chí Minh; give --map 2025 for the unit)"
    )


def test__run_parameters__the_map_is_decided_and_recorded():
    """A run given a province and no map says which map it is on (so its run id, manifest and report do)."""
    from analysis.run.parameters import check_parameters

    assert check_parameters({"province": "Dong Nai"}) == {"province": "Đồng Nai", "map": 2025}
    assert check_parameters({"province": "BRVT"}) == {"province": "Bà Rịa – Vũng Tàu", "map": 2024}
    assert check_parameters({"province": "BRVT", "map": 2025}) == {"province": "TP. Hồ Chí Minh", "map": 2025}
