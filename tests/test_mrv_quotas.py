"""Facility emission quotas (Decree 06/2022/NĐ-CP as amended by Decree 119/2025/NĐ-CP): a register with quotas gives
each facility's surplus or deficit and the total; a facility over its quota has a deficit and nothing to carry over,
one under it a surplus that may be carried to the next period; the words in both languages; a quota the decree does
not allow is refused with its row and column."""

from __future__ import annotations

import math
import re

import pytest

from analysis.cli import main
from analysis.data.quota_rules import next_period, parse_period, period_of
from analysis.errors import InputError
from analysis.mrv import read_facilities
from analysis.mrv.quotas import assess_quotas
from analysis.narrative import mrv_quotas as story
from analysis.narrative import mrv_tables as tables

CODE = re.compile(r"\b[a-z]+_[a-z_]+\b|\w\|\w|tco2e|\bNaN\b|\bnan\b|\bNone\b")
HEAD = (
    "facility_id,facility_name,province,sector,year,emissions_tco2e,verified,"
    "quota_sector,quota_period,quota_tco2e,verified_tco2e\n"
)
# P1 is over its 2025 quota (verified 3,010,000 t against 2,870,000 t: a deficit of 140,000 t); C1 is under it
# (reported, not verified, 1,180,000 t against 1,250,000 t: a surplus of 70,000 t); P1's 2026 is awaited.
REGISTER = HEAD + (
    "P1,Nhà máy nhiệt điện X,BRVT,Energy|Power,2024,2900000,,,,,\n"
    "P1,Nhà máy nhiệt điện X,BRVT,Energy|Power,2025,3000000,có,nhiệt điện,2025-2026,2870000,3010000\n"
    "P1,Nhà máy nhiệt điện X,BRVT,Energy|Power,2026,,,nhiệt điện,2025–2026,2900000,\n"
    "C1,Nhà máy xi măng Y,BRVT,IPPU,2025,1180000,không,xi măng,,1250000,\n"
    "S1,Nhà máy thép Z,BRVT,Energy|Manufacturing and Construction,2024,500000,,sắt thép,,,\n"
    "D1,Cơ sở Đồng Nai,Đồng Nai,IPPU,2025,10,,xi măng,,20,\n"
)


@pytest.fixture
def balance(write):
    return assess_quotas(read_facilities(write("quotas.csv", REGISTER)), ["Bà Rịa – Vũng Tàu"])


def _no_code(text: str) -> None:
    text = re.sub(r"<[^>]+>", "", text)  # what a reader sees: a mark's attributes (data-detail="…") are not text
    assert not CODE.search(text), f"code identifier in reader text: {CODE.search(text).group()!r} in {text!r}"


def test__periods_of_the_decree():
    assert parse_period("2025-2026") == parse_period(" 2025 – 2026 ") == (2025, 2026)
    assert parse_period("2024-2025") is None and parse_period("2025") is None
    assert period_of(2027) == (2027, 2028) and period_of(2024) is None and period_of(2031) is None
    assert next_period((2025, 2026)) == (2027, 2028) and next_period((2029, 2030)) is None


def test__a_facility_over_quota_has_a_deficit_one_under_a_surplus(balance):
    years = balance.years.set_index(["facility_id", "year"])
    over, under, awaited = years.loc[("P1", 2025)], years.loc[("C1", 2025)], years.loc[("P1", 2026)]
    assert (over["quota_tco2e"], over["emissions_tco2e"], over["basis"]) == (2_870_000, 3_010_000, "verified")
    assert over["balance_tco2e"] == -140_000 and over["position"] == "deficit"
    assert (under["emissions_tco2e"], under["basis"]) == (1_180_000, "reported")
    assert under["balance_tco2e"] == 70_000 and under["position"] == "surplus"
    assert math.isnan(awaited["balance_tco2e"]) and awaited["position"] == "awaiting"  # missing, never 0
    assert "D1" not in set(balance.years["facility_id"])  # another province's facility
    periods = balance.periods.set_index("facility_id")
    assert periods.loc["P1", "carry_over_tco2e"] == 0 and periods.loc["C1", "carry_over_tco2e"] == 70_000
    assert not periods.loc["P1", "complete"] and periods.loc["C1", "provisional"]
    total = balance.totals().iloc[0]
    assert total["period"] == (2025, 2026) and total["years"] == (2025,)
    assert (total["n_facilities"], total["n_surplus"], total["n_deficit"]) == (2, 1, 1)
    assert total["quota_tco2e"] == 4_120_000 and total["emissions_tco2e"] == 4_190_000
    assert (total["surplus_tco2e"], total["deficit_tco2e"], total["net_tco2e"]) == (70_000, 140_000, -70_000)
    assert total["carry_over_tco2e"] == 70_000 and total["next_period"] == (2027, 2028)
    assert list(balance.without_quota()["facility_id"]) == ["S1"]  # a steel plant with no quota recorded


def test__quota_words_vi(balance):
    vi = " ".join(story.describe_quotas(balance, "vi", place="Bà Rịa – Vũng Tàu"))
    assert "Nghị định số 06/2022/NĐ-CP ngày 07/1/2022 của Chính phủ, được sửa đổi, bổ sung bởi Nghị định số" in vi
    assert "thí điểm giai đoạn 2025–2026 đối với nhà máy nhiệt điện, cơ sở sản xuất sắt thép" in vi
    assert "Giai đoạn 2025–2026 (số liệu năm 2025): 2 cơ sở được phân bổ hạn ngạch" in vi
    assert "tổng hạn ngạch 4,1 triệu tấn CO₂tđ, tổng phát thải 4,2 triệu tấn CO₂tđ" in vi
    assert "1 cơ sở phát thải vượt hạn ngạch, tổng lượng vượt 0,14 triệu tấn CO₂tđ: Nhà máy nhiệt điện X" in vi
    assert "tổng lượng hạn ngạch còn dư 0,07 triệu tấn CO₂tđ: Nhà máy xi măng Y" in vi
    assert "Tính chung, phát thải vượt tổng hạn ngạch 0,07 triệu tấn CO₂tđ" in vi
    assert "chuyển sang giai đoạn 2027–2028: 0,07 triệu tấn CO₂tđ (Nhà máy xi măng Y)" in vi
    assert "Cơ sở vượt hạn ngạch không có lượng để chuyển" in vi
    assert "Giai đoạn chưa kết thúc" in vi and "tự báo cáo, chưa được thẩm định" in vi
    assert "chưa có số liệu phát thải năm 2026 của: Nhà máy nhiệt điện X" in vi
    assert "chưa được đối chiếu với văn bản chính thức" in vi  # the unverified clause is said, not invented
    assert "chưa ghi hạn ngạch: Nhà máy thép Z" in vi
    _no_code(vi)


def test__quota_words_en(balance):
    en = " ".join(story.describe_quotas(balance, "en", place="Bà Rịa – Vũng Tàu"))
    assert "Decree No. 119/2025/NĐ-CP of 9 June 2025 (Government)" in en
    assert "Period 2025–2026 (figures for 2025): 2 facilities with a quota; quotas 4.1 Mt CO₂e" in en
    assert "1 facility exceeded the quota, by 0.14 Mt CO₂e in all: Nhà máy nhiệt điện X." in en
    assert "1 facility stayed within the quota, with 0.07 Mt CO₂e left unused: Nhà máy xi măng Y." in en
    assert "carried over to the period 2027–2028: 0.07 Mt CO₂e (Nhà máy xi măng Y)" in en
    assert "not been checked against the official text" in en
    _no_code(en)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test__quota_table_per_facility_and_year_with_totals(balance, lang):
    table = tables.quota_table(balance, lang)
    rows = table.set_index(["facility_name", "year"])
    deficit = rows.loc[("Nhà máy nhiệt điện X", 2025)]
    assert deficit["balance_tco2e"] == -140_000
    assert deficit["quota_position"] == ("Vượt hạn ngạch" if lang == "vi" else "Over quota (deficit)")
    surplus = rows.loc[("Nhà máy xi măng Y", 2025)]
    assert surplus["balance_tco2e"] == 70_000 and surplus["quota_position"] == (
        "Dư hạn ngạch" if lang == "vi" else "Surplus"
    )
    assert surplus["emissions_basis"] == ("Tự báo cáo, chưa thẩm định" if lang == "vi" else "Reported, not verified")
    total = rows.loc[("Tổng cộng năm 2025" if lang == "vi" else "Total 2025", 2025)]
    assert (total["quota_tco2e"], total["compliance_tco2e"], total["balance_tco2e"]) == (4_120_000, 4_190_000, -70_000)
    total_2026 = rows.loc[("Tổng cộng năm 2026" if lang == "vi" else "Total 2026", 2026)]
    assert total_2026["quota_tco2e"] == 2_900_000 and math.isnan(total_2026["balance_tco2e"])  # awaited, not 0
    assert "province_2024" not in table  # one province: no column for it
    for col in table.columns:
        for value in table[col]:
            if isinstance(value, str):
                _no_code(value)


def test__the_last_period_carries_nothing_beyond_2030(write):
    path = write("late.csv", HEAD + "C1,Nhà máy xi măng Y,BRVT,IPPU,2029,900,có,xi măng,2029-2030,1000,\n")
    balance = assess_quotas(read_facilities(path), ["Bà Rịa – Vũng Tàu"])
    assert math.isnan(balance.periods["carry_over_tco2e"].iloc[0])
    vi = " ".join(story.describe_quotas(balance, "vi"))
    assert "lượng hạn ngạch còn dư của giai đoạn 2029–2030 không được tính là chuyển sang giai đoạn sau" in vi


def test__a_register_without_quotas_says_so(write):
    path = write("none.csv", HEAD + "S1,Nhà máy thép Z,BRVT,IPPU,2024,500000,,sắt thép,,,\n")
    balance = assess_quotas(read_facilities(path), ["Bà Rịa – Vũng Tàu"])
    assert balance.empty
    en = " ".join(story.describe_quotas(balance, "en", place="Bà Rịa – Vũng Tàu"))
    assert "records no quota for the facilities of Bà Rịa – Vũng Tàu" in en
    assert "In a quota sector but with no quota in the register: Nhà máy thép Z." in en


def test__quotas_the_decree_does_not_allow_are_refused_with_row_and_column(write, capsys):
    bad = HEAD + (
        "A,X,BRVT,Energy|Power,2024,10,,nhiệt điện,,100,\n"  # row 2: no period before 2025
        "B,Y,BRVT,IPPU,2025,10,,,,100,\n"  # row 3: a pilot quota without its sector
        "C,Z,BRVT,IPPU,2025,10,,xi măng,2024-2025,100,\n"  # row 4: not a period of the decree
        "D,W,BRVT,IPPU,2027,10,,xi măng,2025-2026,100,\n"  # row 5: year outside its period
        "E,V,BRVT,IPPU,2025,10,,gạch,,100,\n"  # row 6: unknown quota sector
        "F,U,BRVT,IPPU,2025,10,,xi măng,,-5,-1\n"  # row 7: negative quota and verified emissions
    )
    path = write("bad.csv", bad)
    with pytest.raises(InputError) as err:
        read_facilities(path)
    found = {(i.row, i.column, i.rule) for i in err.value.issues}
    assert {
        (2, "quota_tco2e", "quota period"),
        (3, "quota_sector", "pilot quota sector"),
        (4, "quota_period", "quota period"),
        (5, "quota_period", "year in its quota period"),
        (6, "quota_sector", "known quota sector"),
        (7, "quota_tco2e", "range"),
        (7, "verified_tco2e", "range"),
    } <= found
    assert main(["facilities", "validate", str(path)]) == 1
    printed = capsys.readouterr().err
    assert "bad.csv, row 3, column 'quota_sector'" in printed and "Traceback" not in printed
