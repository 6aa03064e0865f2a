"""Facility and credit registers: a broken register is refused with every problem located (through the CLI, exit 1,
no traceback); the spellings real registers use are accepted and made canonical."""

from __future__ import annotations

import io
from datetime import date

import pytest

from analysis.cli import main
from analysis.data.catalogue import detect_kind
from analysis.errors import InputError
from analysis.mrv import read_credits, read_facilities

HEAD = "facility_id,facility_name,province,sector,year,emissions_tco2e,category,submitted_on,on_list\n"
BROKEN = HEAD + (
    "A,Cơ sở A,BRVT,Energy|Power,2024,1000,Công Thương,2025-03-01,có\n"  # row 2
    "A,Cơ sở A,BRVT,Energy|Power,2024,1200,Công Thương,2025-03-01,có\n"  # row 3: duplicate facility-year
    "B,Cơ sở B,BRVT,Energy|Powr,2024,500,Công Thương,,\n"  # row 4: unknown sector
    "C,Cơ sở C,Atlantis,IPPU,2024,500,Xây dựng,,\n"  # row 5: unknown province
    "D,Cơ sở D,Đồng Nai,IPPU,2O24,500,Xây dựng,,\n"  # row 6: bad year
    "E,Cơ sở E,Đồng Nai,Waste,2024,-5,TN&MT,,\n"  # row 7: negative emission
    "F,Cơ sở F,Đồng Nai,Waste,2024,50,Giao thon,31/02/2025,maybe\n"  # row 8: category, date, yes/no
)


def _problems(capsys, path) -> tuple[int, str]:
    code = main(["facilities", "validate", str(path)])
    return code, capsys.readouterr().err


def test__broken_register__every_problem_located_exit_1_no_traceback(write, capsys):
    path = write("register.csv", BROKEN)
    code, err = _problems(capsys, path)
    assert code == 1
    assert "Traceback" not in err
    expected = [
        ("row 3", "'facility_id, year'", "unique key", "already on row 2"),
        ("row 4", "'sector'", "allowed values", "did you mean 'Energy|Power'"),
        ("row 5", "'province'", "type province", "unknown province 'Atlantis'"),
        ("row 6", "'year'", "type year", "'2O24'"),
        ("row 7", "'emissions_tco2e'", "non-negative facility emissions", "must not be negative"),
        ("row 8", "'category'", "known facility category", "did you mean 'Giao thông vận tải'"),
        ("row 8", "'submitted_on'", "date", "'31/02/2025' is not a date"),
        ("row 8", "'on_list'", "known yes/no answer", "'maybe'"),
    ]
    lines = err.splitlines()
    for row, column, rule, text in expected:
        hits = [ln for ln in lines if f"{row}," in ln and f"column {column}" in ln and f"[rule: {rule}]" in ln]
        assert hits, f"no located problem {row} {column} {rule} in:\n{err}"
        assert text in hits[0]
        assert "register.csv" in hits[0]
    assert "8 problems" in err


def test__year_out_of_range_and_submitted_without_emissions_are_refused(write):
    path = write("r.csv", HEAD + "A,Cơ sở A,BRVT,IPPU,1024,10,,,\nB,Cơ sở B,BRVT,IPPU,2024,,,2025-03-01,\n")
    with pytest.raises(InputError) as err:
        read_facilities(path)
    rules = {(i.row, i.rule) for i in err.value.issues}
    assert (2, "range") in rules
    assert (3, "submitted report states emissions") in rules


def test__a_facility_that_changes_province_is_refused(write):
    path = write("r.csv", HEAD + "A,Cơ sở A,BRVT,IPPU,2023,10,,,\nA,Cơ sở A,Đồng Nai,IPPU,2024,10,,,\n")
    with pytest.raises(InputError) as err:
        read_facilities(path)
    assert [(i.row, i.rule) for i in err.value.issues] == [(3, "one province per facility")]


def test__header_only_register_is_refused(write, capsys):
    code, err = _problems(capsys, write("r.csv", HEAD))
    assert code == 1 and "Traceback" not in err


def test__clean_register__spellings_made_canonical(write, capsys):
    path = write(
        "r.csv",
        HEAD
        + (
            "A,Cơ sở A,Bà Rịa-Vũng Tàu,Energy|Power,2024,1.234.567,Industry and trade,15/3/2025,yes\n"
            "B,Cơ sở B,ba ria vung tau,IPPU,2024,,xay dung,,không\n"
            "C,Cơ sở C,Đồng Nai,Waste,2024,500,TN&MT,2025-04-02,\n"
        ),
    )
    assert main(["facilities", "validate", str(path)]) == 0
    assert "3 rows" in capsys.readouterr().out
    table = read_facilities(path)
    assert list(table["province"]) == ["Bà Rịa – Vũng Tàu", "Bà Rịa – Vũng Tàu", "Đồng Nai"]
    assert list(table["category"]) == ["industry_trade", "construction", "natural_resources_environment"]
    assert list(table["on_list"]) == ["yes", "no", None]
    assert table.loc[0, "emissions_tco2e"] == 1234567.0
    assert table["emissions_tco2e"].isna().tolist() == [False, True, False]
    assert [d.date() if d == d else None for d in table["submitted_on"]] == [date(2025, 3, 15), None, date(2025, 4, 2)]


def test__excel_register_with_date_cells(tmp_path):
    from datetime import datetime

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Mã cơ sở", "Tên cơ sở", "Tỉnh", "sector", "Năm", "Phát thải", "Ngày nộp"])
    ws.append(["X1", "Cơ sở X", "Đồng Nai", "IPPU", 2024, 1500.5, datetime(2025, 3, 20)])
    buf = io.BytesIO()
    wb.save(buf)
    path = tmp_path / "so_theo_doi.xlsx"
    path.write_bytes(buf.getvalue())
    table = read_facilities(path)
    assert table.loc[0, "facility_id"] == "X1" and table.loc[0, "emissions_tco2e"] == 1500.5
    assert table.loc[0, "submitted_on"].date() == date(2025, 3, 20)


def test__kinds_are_detected_from_the_header():
    assert (
        detect_kind(["facility_id", "facility_name", "province", "sector", "year", "emissions_tco2e", "gas"])
        == "facilities"
    )
    assert (
        detect_kind(["project", "province", "type", "sector", "status", "vintage", "credits_issued_tco2e"]) == "credits"
    )


CREDITS_HEAD = "project,province,type,sector,status,vintage,credits_issued_tco2e,destination,corresponding_adjustment\n"


def test__broken_credit_register_is_refused_with_located_problems(write, capsys):
    path = write(
        "credits.csv",
        CREDITS_HEAD
        + (
            "P1,BRVT,Verra,LULUCF,issued,2024,100,Singapore,no\n"
            "P2,BRVT,ETS,Waste,issued,2024,100,Nhật Bản,có\n"  # row 3: unknown type
            "P3,BRVT,JCM,Waste,sold out,2024,-1,Nhật Bản,có\n"  # row 4: status, negative credits
            "P4,BRVT,domestic,Waste,issued,2024,100,Việt Nam,có\n"  # row 5: adjustment on a domestic credit
            "P1,BRVT,VCS,LULUCF,issued,2024,100,Singapore,no\n"
        ),
    )  # row 6: duplicate project-vintage
    assert main(["credits", "validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for row, rule in [
        (3, "known credit type"),
        (4, "known credit status"),
        (4, "range"),
        (5, "adjustment only abroad"),
        (6, "unique key"),
    ]:
        assert any(f"row {row}," in ln and f"[rule: {rule}]" in ln for ln in err.splitlines()), (row, rule, err)


def test__credit_register_canonical_values(write):
    path = write(
        "credits.csv",
        CREDITS_HEAD
        + (
            "P1,BRVT,Verra,LULUCF,đã cấp,2024,100,Singapore,không\n"
            "P2,Đồng Nai,Cơ chế tín chỉ chung,Waste,dự kiến,2030,,Nhật Bản,có\n"
            "P3,Đồng Nai,trong nước,Waste,issued,2024,100,Việt Nam,\n"
        ),
    )
    table = read_credits(path)
    assert list(table["type"]) == ["VCS", "JCM", "domestic"]
    assert list(table["status"]) == ["issued", "planned", "issued"]
    assert list(table["corresponding_adjustment"]) == ["no", "yes", None]
    assert list(table["abroad"]) == [True, True, False]
    assert table["credits_issued_tco2e"].isna().tolist() == [False, True, False]


def test__shipped_example_registers_are_valid_illustrative_and_hold_two_provinces():
    from analysis import paths

    facilities = read_facilities(paths.DATA_DIR / "examples" / "facilities_example.csv")
    credits = read_credits(paths.DATA_DIR / "examples" / "credits_example.csv")
    for table in (facilities, credits):
        assert {"Bà Rịa – Vũng Tàu", "Đồng Nai"} <= set(table["province"])
    assert facilities["facility_name"].str.contains("minh hoạ").all()
    assert facilities["source"].str.contains("minh hoạ").all()
    invented = credits[credits["credits_issued_tco2e"].notna() | credits["expected_tco2e"].notna()]
    assert invented["project"].str.contains("minh hoạ").all()


def test__the_example_credit_register_lists_the_source_document_s_real_lines_of_work_without_figures():
    """The Dec 2024 report of Bà Rịa – Vũng Tàu's environment department names three lines of carbon-credit work:
    the cooperation with Sakai towards JCM projects, the Côn Đảo credit model of Decision 495/QĐ-UBND and the CDM
    projects asked to report (letter 2155/STNMT-QLMT). They are in the example as they are: no figure, no vintage."""
    from analysis import paths
    from analysis.narrative import mrv as story
    from analysis.narrative import mrv_tables as tables

    credits = read_credits(paths.DATA_DIR / "examples" / "credits_example.csv")
    real = credits[~credits["project"].str.contains("minh hoạ")].set_index("project")
    assert len(real) == 3
    sakai, con_dao, cdm = (real.loc[real.index.str.contains(k)] for k in ("Sakai", "Côn Đảo", "CDM"))
    assert sakai["type"].item() == "JCM" and "06/12/2023" in sakai["source"].item()
    assert con_dao["type"].item() is None and "495/QĐ-UBND ngày 16/3/2023" in con_dao["source"].item()
    assert cdm["type"].item() == "CDM" and "2155/STNMT-QLMT ngày 13/4/2023" in cdm["source"].item()
    assert real[["credits_issued_tco2e", "expected_tco2e"]].isna().all().all()  # no invented tonnes
    assert real["vintage"].isna().all() and (real["province"] == "Bà Rịa – Vũng Tàu").all()
    mine = credits[credits["province_2024"] == "Bà Rịa – Vũng Tàu"]
    for lang, words in (("vi", "Chưa có tín chỉ đã cấp được biết"), ("en", "No issued credit known")):
        table = tables.credit_register_table(mine, lang).set_index("project")
        shown = table.loc[real.index, "credits_issued_tco2e"]
        assert (shown == words).all(), shown  # in words, never 0
        assert table.loc[real.index, "vintage"].map(lambda v: isinstance(v, str)).all()
        sentence = story.describe_credit_lines(mine, lang)
        assert all(f"“{p}”" in sentence for p in real.index)
