"""A 2025 unit's registers: every facility and project of its former provinces, whichever map a row's province name
is on (``BRVT``, ``Bà Rịa - Vũng Tàu``, ``TP. Hồ Chí Minh``), and none of another unit; a facility named by its former
province in one year and by its unit in the next is one facility; managing bodies are today's."""

from __future__ import annotations

import pytest

from analysis.errors import InputError
from analysis.mrv import read_facilities
from analysis.mrv.room import open_mrv_room
from analysis.narrative import mrv_tables as tables
from analysis.run import build_run

HEAD = "facility_id,facility_name,province,sector,year,emissions_tco2e,on_list,managing_ministry,quota_sector,quota_tco2e\n"
REGISTER = HEAD + (
    "BR1,Cơ sở BR1,BRVT,Energy|Power,2024,3000000,có,Sở Công Thương,,\n"
    "BR1,Cơ sở BR1,TP. Hồ Chí Minh,Energy|Power,2025,3100000,có,Sở Công Thương,nhiệt điện,3000000\n"  # after merger
    "BR2,Cơ sở BR2,Bà Rịa - Vũng Tàu,IPPU,2024,800000,có,Sở Tài nguyên và Môi trường,,\n"
    "BR3,Cơ sở BR3,Tỉnh Bà Rịa-Vũng Tàu,Waste,2024,90000,có,UBND thành phố Vũng Tàu,,\n"
    "BD1,Cơ sở BD1,Bình Dương,IPPU,2024,500000,có,Sở Xây dựng,,\n"
    "BD1,Cơ sở BD1,Thành phố Hồ Chí Minh,IPPU,2025,480000,có,Sở Xây dựng,xi măng,500000\n"
    "HC1,Cơ sở HC1,TP.HCM,Energy|Power,2024,200000,có,Sở Giao thông vận tải,,\n"  # only ever the unit's name
    "DN1,Cơ sở DN1,Đồng Nai,IPPU,2024,700000,có,Sở Công Thương,,\n"  # another unit
)
CREDITS = (
    "project,province,type,sector,status,vintage,credits_issued_tco2e,expected_tco2e,destination,"
    "corresponding_adjustment\n"
    "Dự án BRVT,BRVT,JCM,Waste,planned,2030,,1000,Nhật Bản,có\n"
    "Dự án sau sáp nhập,TP. Hồ Chí Minh,VCS,LULUCF,registered,2030,,2000,Singapore,\n"
    "Dự án Bình Dương,Bình Dương,domestic,IPPU,issued,2024,300,,Việt Nam,không\n"
    "Dự án Đồng Nai,Đồng Nai,JCM,IPPU,transferred,2030,999,,Nhật Bản,có\n"
)


@pytest.fixture
def registers(write):
    return write("facilities.csv", REGISTER), write("credits.csv", CREDITS)


def test__a_facility_named_on_either_map_lies_in_its_former_province(registers):
    table = read_facilities(registers[0])
    where = table.drop_duplicates("facility_id").set_index("facility_id")
    assert where.loc["BR1", "province_2024"] == "Bà Rịa – Vũng Tàu"  # its 2025 row says TP. Hồ Chí Minh
    assert where.loc["BD1", "province_2024"] == "Bình Dương"
    assert where.loc["HC1", "province_2024"] == "TP. Hồ Chí Minh"  # the unit's namesake: the only reading
    assert set(table.loc[table["facility_id"] != "DN1", "unit_2025"]) == {"TP. Hồ Chí Minh"}
    assert where.loc["DN1", "unit_2025"] == "Đồng Nai"


def test__a_facility_cannot_move_to_another_province_or_unit(write):
    bad = HEAD + (
        "X,Cơ sở X,Bình Dương,IPPU,2024,10,,,,\n"
        "X,Cơ sở X,BRVT,IPPU,2025,10,,,,\n"  # row 3: another former province of the same unit
        "Y,Cơ sở Y,BRVT,IPPU,2024,10,,,,\n"
        "Y,Cơ sở Y,Đồng Nai,IPPU,2025,10,,,,\n"  # row 5: a unit Bà Rịa – Vũng Tàu did not join
    )
    with pytest.raises(InputError) as err:
        read_facilities(write("bad.csv", bad))
    assert [(i.row, i.rule) for i in err.value.issues] == [
        (3, "one province per facility"),
        (5, "one province per facility"),
    ]
    assert "part of TP. Hồ Chí Minh since 1 July 2025" in err.value.issues[1].message


def test__the_2025_unit_covers_its_former_provinces_facilities_and_projects(registers):
    run = build_run(province="TP. Hồ Chí Minh", map=0)
    room = open_mrv_room(run, str(registers[0]), str(registers[1]), as_of="15/04/2026")
    assert room.provinces == ("TP. Hồ Chí Minh", "Bà Rịa – Vũng Tàu", "Bình Dương") and not room.missing
    seen = {fid for status in room.status.values() for fid in status.facilities["facility_id"]}
    assert seen == {"BR1", "BR2", "BR3", "BD1", "HC1"}  # every spelling, nothing of Đồng Nai
    assert set(room.status["Bà Rịa – Vũng Tàu"].facilities["facility_id"]) == {"BR1", "BR2", "BR3"}
    assert set(room.quotas.years["facility_id"]) == {"BR1", "BD1"}  # 2025 rows written "TP. Hồ Chí Minh"
    assert set(room.credits["project"]) == {"Dự án BRVT", "Dự án sau sáp nhập", "Dự án Bình Dương"}
    assert room.account.planned_tco2e == 1000 and room.account.unknown_tco2e == 2000
    assert not room.facilities_example and not room.credits_example
    table = tables.quota_table(room.quotas, "vi")
    assert set(table["province_2024"]) >= {"Bà Rịa – Vũng Tàu", "Bình Dương"}  # a unit's table names them


def test__the_former_province_keeps_its_facility_written_under_the_unit(registers):
    run = build_run(province="Bà Rịa – Vũng Tàu", map=0)
    room = open_mrv_room(run, str(registers[0]), str(registers[1]), as_of="15/04/2026")
    assert room.provinces == ("Bà Rịa – Vũng Tàu",)
    assert set(room.status["Bà Rịa – Vũng Tàu"].facilities["facility_id"]) == {"BR1", "BR2", "BR3"}
    assert list(room.quotas.years["facility_id"]) == ["BR1"]
    assert set(room.credits["project"]) == {"Dự án BRVT"}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test__managing_bodies_are_today_s_and_no_district_body_after_july_2025(registers, lang):
    run = build_run(province="TP. Hồ Chí Minh", map=0)
    room = open_mrv_room(run, str(registers[0]), str(registers[1]), as_of="15/04/2026")
    shown = {
        fid: body
        for status in room.status.values()
        for fid, body in zip(
            status.facilities["facility_id"], tables.status_table(status, lang)["managing_ministry"], strict=True
        )
    }
    if lang == "vi":
        assert shown["BR2"] == "Sở Nông nghiệp và Môi trường (trước đây Sở Tài nguyên và Môi trường)"
        assert shown["HC1"] == "Sở Xây dựng (trước đây Sở Giao thông vận tải)"
        assert shown["BR3"] == "Ủy ban nhân dân cấp xã (trước đây UBND thành phố Vũng Tàu)"
    else:
        assert shown["BR2"].startswith("Department of Agriculture and Environment (formerly")
        assert shown["BR3"] == "commune People's Committees (formerly UBND thành phố Vũng Tàu)"
    assert shown["BR1"] == ("Sở Công Thương" if lang == "vi" else "Department of Industry and Trade")
    by_body = tables.status_summary_table(room.status["Bà Rịa – Vũng Tàu"], lang, by="managing_ministry")
    assert by_body["managing_ministry"].is_unique
    for status in room.status.values():
        quota = dict(
            zip(status.facilities["facility_id"], tables.status_table(status, lang)["quota_sector"], strict=True)
        )
        if "BR1" in quota:
            assert quota["BR1"] == ("Nhiệt điện" if lang == "vi" else "Thermal power") and quota["BR2"] == "–"


def test__counts_by_department_put_a_former_department_with_today_s():
    """In the shipped example, Cơ sở F is managed by the former Sở Giao thông vận tải: it is counted with Sở Xây dựng,
    and the building under a former district body with today's successor level, in the table and the chart."""
    from datetime import date

    from analysis import paths
    from analysis.mrv import assess_obligations
    from analysis.viz import mrv as charts

    register = read_facilities(paths.DATA_DIR / "examples" / "facilities_example.csv")
    status = assess_obligations(register, "BRVT", date(2026, 4, 15))
    table = tables.status_summary_table(status, "vi", by="managing_ministry").set_index("managing_ministry")
    assert table.loc["Sở Xây dựng", "n_facilities"] == 3  # Cơ sở C and G, and F of the former Sở GTVT
    assert list(table.index) == [
        "Sở Công Thương",
        "Sở Xây dựng",
        "Sở Nông nghiệp và Môi trường",
        "Ủy ban nhân dân cấp xã",
    ]
    figure = charts.plot_reporting_status(status, "vi", by="managing_ministry")
    bars = [label.get_text() for label in figure.axes[0].get_yticklabels()]
    assert "Sở Giao thông vận tải" not in " ".join(bars) and "Sở Xây dựng" in bars
