"""Readers and schemas: one failing example per rule, and the encodings and number formats real files use."""

import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.data.catalogue import detect_kind, validate_file
from analysis.data.readers import parse_number, read_table
from analysis.data.schemas import Column, TableSchema, validate_table
from analysis.errors import InputError

PGI_OK = "province,year,sub1,sub2,sub3,sub4,pgi_score,pgi_rank\nBRVT,2023,7.66,6.28,4.44,5.09,23.47,8\n"
INV_HEAD = "province,year,sector,gas,value,unit,gwp\n"


def issues_of(path, kind=None):
    with pytest.raises(InputError) as err:
        validate_file(path, kind)
    return err.value.issues


def only(issues, rule):
    found = [i for i in issues if i.rule == rule]
    assert found, f"no issue with rule {rule!r} in {[str(i) for i in issues]}"
    return found


def test__pgi__valid_file_is_typed(write):
    table = validate_file(write("pgi.csv", PGI_OK))
    assert table.loc[0, "province"] == "Bà Rịa – Vũng Tàu"
    assert table.loc[0, "sub1"] == pytest.approx(7.66)
    assert table.loc[0, "pgi_rank"] == 8


def test__rule__required_column(write):
    issue = only(
        issues_of(write("p.csv", "province,year,sub1,sub2,sub3\nBRVT,2023,1,2,3\n"), "pgi"), "required column"
    )[0]
    assert (issue.row, issue.column) == (1, "sub4")


def test__rule__text_in_numeric_column(write):
    issue = only(issues_of(write("p.csv", PGI_OK.replace("6.28", "sáu")), "pgi"), "type float")[0]
    assert (issue.row, issue.column, issue.value) == (2, "sub2", "sáu")


def test__rule__year_must_be_whole(write):
    issue = only(issues_of(write("p.csv", PGI_OK.replace("2023", "2023.5")), "pgi"), "type year")[0]
    assert issue.column == "year"


def test__rule__not_empty(write):
    issue = only(issues_of(write("p.csv", PGI_OK.replace(",2023,", ",,")), "pgi"), "not empty")[0]
    assert (issue.row, issue.column) == (2, "year")


def test__rule__finite_number(write):
    issue = only(issues_of(write("p.csv", PGI_OK.replace("7.66", "inf")), "pgi"), "type float")[0]
    assert "finite" in issue.message


def test__rule__range(write):
    issue = only(issues_of(write("p.csv", PGI_OK.replace("7.66", "12.5")), "pgi"), "range")[0]
    assert (issue.row, issue.column) == (2, "sub1")
    assert "between 0 and 10" in issue.message


def test__rule__unique_key(write):
    text = PGI_OK + "Bà Rịa - Vũng Tàu,2023,7,6,4,5,22,9\n"
    issue = only(issues_of(write("p.csv", text), "pgi"), "unique key")[0]
    assert issue.row == 3
    assert "row 2" in issue.message


def test__rule__unknown_province(write):
    issue = only(issues_of(write("p.csv", PGI_OK.replace("BRVT", "Atlantis")), "pgi"), "type province")[0]
    assert (issue.row, issue.column, issue.value) == (2, "province", "Atlantis")


def test__rule__allowed_values_with_suggestion(write):
    text = INV_HEAD + "BRVT,2020,Waste,CH4,12,kt CO2E,AR5\n"
    issue = only(issues_of(write("inv.csv", text), "inventory"), "allowed values")[0]
    assert issue.column == "unit"
    assert "did you mean 'kt CO2e'" in issue.message


def test__rule__negative_only_in_lulucf(write):
    text = INV_HEAD + "BRVT,2020,Waste,CO2e,-5,kt CO2e,AR5\nBRVT,2020,LULUCF,CO2e,-50,kt CO2e,AR5\n"
    issues = only(issues_of(write("inv.csv", text), "inventory"), "non-negative emissions outside LULUCF")
    assert [i.row for i in issues] == [2]


def test__rule__one_gwp_set(write):
    text = INV_HEAD + "BRVT,2020,Waste,CH4,5,kt,AR5\nBRVT,2020,Agriculture,CH4,50,kt,AR6\n"
    issue = only(issues_of(write("inv.csv", text), "inventory"), "one GWP set per inventory")[0]
    assert issue.row == 3


def test__rule__contiguous_years(write):
    text = "country,year,co2_mt_excl_luc\nVietnam,1990,21.3\nVietnam,1991,21.4\nVietnam,1993,22.0\n"
    issue = only(issues_of(write("s.csv", text), "emissions_series"), "contiguous years")[0]
    assert "1992" in issue.message


def test__rule__forbidden_extra_column(write):
    schema = TableSchema("t", "test", (Column("a", "float"),), extra_columns="forbid")
    with pytest.raises(InputError) as err:
        validate_table(read_table(write("t.csv", "a,b\n1,2\n")), schema)
    assert err.value.issues[0].rule == "known columns"


def test__rule__numeric_indicators_in_index_table(write):
    issue = only(issues_of(write("i.csv", "province,year,A,B\nBRVT,2023,1,x\n"), "index"), "type float")[0]
    assert issue.column == "B"


def test__rule__duplicate_header(write):
    issue = issues_of(write("d.csv", "province,year,sub1,sub1\n"), "pgi")[0]
    assert issue.rule == "unique column names"


def test__reader__empty_file(write):
    assert issues_of(write("e.csv", ""))[0].rule == "non-empty file"


def test__reader__binary_garbage(write):
    assert issues_of(write("g.csv", bytes(range(256)) * 8))[0].rule == "readable text"


def test__reader__missing_file(tmp_path):
    assert issues_of(tmp_path / "nope.csv")[0].message == "file not found"


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: letters with breve/circumflex/horn precomposed, tone marks combining."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES)) + tones)
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1258"])
def test__reader__encodings(write, encoding):
    text = "province,year,sub1,sub2,sub3,sub4\nHòa Bình,2024,5.33,6.97,5.36,5.83\nĐắk Lắk,2024,6.22,6.77,4.88,5.02\n"
    data = to_cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    path = write(f"enc-{encoding}.csv", data)
    table = validate_file(path)
    assert list(table["province"]) == ["Hòa Bình", "Đắk Lắk"]


def test__reader__vietnamese_decimal_commas_with_semicolons(write):
    text = "Tỉnh;Năm;sub1;sub2;sub3;sub4;Điểm\nBRVT;2023;7,66;6,28;4,44;5,09;23,47\n"
    table = validate_file(write("vi.csv", text), "pgi")
    assert table.loc[0, "sub1"] == pytest.approx(7.66)
    assert table.loc[0, "pgi_score"] == pytest.approx(23.47)


def test__reader__vietnamese_thousands(write):
    text = 'province,year,variable,value,unit\nBRVT,2022,grdp,"390.293,5",billion VND\nBRVT,2023,grdp,"366.456,0",billion VND\n'
    table = validate_file(write("d.csv", text), "drivers")
    assert list(table["value"]) == [390293.5, 366456.0]


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("1.234,5", None, 1234.5),
        ("1,234.5", None, 1234.5),
        ("23,47", None, 23.47),
        ("23.47", None, 23.47),
        ("1.234", ",", 1234.0),
        ("1,234", ".", 1234.0),
        ("-0,5", None, -0.5),
        ("1e3", None, 1000.0),
        ("12 345,6", None, 12345.6),
        ("abc", None, None),
        ("", None, None),
        ("1.2.3", None, None),
    ],
)
def test__parse_number(text, decimal, expected):
    assert parse_number(text, decimal) == expected


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("1.234,5", None, 1234.5),  # Vietnamese
        ("1,234.5", None, 1234.5),  # English
        ("1.234,5", ",", 1234.5),
        ("1,234.5", ".", 1234.5),
        (" 3 000 ", None, 3000.0),  # spaces between thousands, around the cell
        ("3\u00a0000,5", ",", 3000.5),  # a no-break space, as a spreadsheet exports it
        ("1\u202f234,5", None, 1234.5),  # a narrow no-break space
        ("−1.234,5", None, -1234.5),  # the true minus sign
        ("12,5%", None, None),  # a percentage is not a number of the column's unit: validation says so
        ("12,5 %", ",", None),
        ("–", None, None),  # missing values (is_missing), not numbers
        ("n/a", None, None),
        ("23,47", ".", None),  # an English file's comma separates thousands: "23,47" is not 2347
        ("1.23.456", None, None),  # thousands in groups of three
        ("12.34,5", ",", None),
    ],
)
def test__parse_number__messy_inputs(text, decimal, expected):
    assert parse_number(text, decimal) == expected


def test__reader__messy_numbers_in_a_file_are_read_or_located(write):
    """Thousands with dots or spaces are read; a dash and n/a are missing; a percentage is an error that names the
    file, the row and the column."""
    text = "province;year;variable;value;unit\nBRVT;2022;grdp;1.234,5;billion VND\nBRVT;2023;grdp; 3 000 ;billion VND\n"
    table = validate_file(write("d.csv", text), "drivers")
    assert list(table["value"]) == [1234.5, 3000.0]
    pgi = "Tỉnh;Năm;sub1;sub2;sub3;sub4;Điểm\nBRVT;2022;7,66;6,28;4,44;5,09;–\nĐồng Nai;2023;7,5;6,2;4,4;5,0;n/a\n"
    assert validate_file(write("p.csv", pgi), "pgi")["pgi_score"].isna().all()
    issue = only(issues_of(write("p2.csv", pgi.replace("5,09", "12,5%")), "pgi"), "type float")[0]
    assert (issue.file.endswith("p2.csv"), issue.row, issue.column, issue.value) == (True, 2, "sub4", "12,5%")
    assert "p2.csv, row 2, column 'sub4': '12,5%' is not a number" in str(issue)


def test__reader__excel_with_merged_two_row_header(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Tỉnh", "Năm", "Chỉ số thành phần", None, None, None])
    ws.append([None, None, "sub1", "sub2", "sub3", "sub4"])
    ws.merge_cells("C1:F1")
    ws.append(["Bà Rịa - Vũng Tàu", 2023, 7.66, 6.28, 4.44, 5.09])
    path = tmp_path / "pgi.xlsx"
    wb.save(path)
    table = validate_file(path)
    assert table.loc[0, "province"] == "Bà Rịa – Vũng Tàu"
    assert table.loc[0, "sub4"] == pytest.approx(5.09)
    assert table.loc[0, "__row__"] == 3


def test__reader__title_lines_above_the_header_are_skipped_and_rows_keep_their_line_numbers(tmp_path):
    """A government spreadsheet's title (one merged cell) and a blank line sit above the header: the header is
    found below them, in Excel and in its CSV export, and an error still names the row of the file."""
    from openpyxl import Workbook

    title = "BẢNG TỔNG HỢP KẾT QUẢ KIỂM KÊ KHÍ NHÀ KÍNH NĂM 2024"
    header = ["Tỉnh/thành phố", "Năm", "Lĩnh vực", "Khí", "Giá trị", "Đơn vị", "GWP"]
    body = [["Đồng Nai", 2024, "Energy|Power", "CO2e", 2345.6, "kt CO2e", "AR5"], ["Đồng Nai", 2024, "IPPU", "CO2e"]]
    wb = Workbook()
    ws = wb.active
    ws.append([title])
    ws.merge_cells("A1:G1")
    ws.append([])
    for row in [header, *body]:
        ws.append(row)
    wb.save(tmp_path / "inv.xlsx")
    lines = [title + ";" * 6, "", ";".join(header)] + [";".join(map(str, r)).replace(".", ",") for r in body]
    (tmp_path / "inv.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for name in ("inv.xlsx", "inv.csv"):
        raw = read_table(tmp_path / name)
        assert raw.columns[:2] == ["Tỉnh/thành phố", "Năm"] and raw.frame["__row__"].tolist() == [4, 5]
        with pytest.raises(InputError) as caught:
            validate_file(tmp_path / name)  # the second row has no value nor unit
        assert {i.row for i in caught.value.issues} == {5}
    total = tmp_path / "total.csv"  # the spreadsheet's total line left in: said so, on its row
    total.write_text("\n".join([";".join(header), ";".join(map(str, body[0])), "Tổng cộng;;;;2345.6;kt CO2e;"]) + "\n")
    with pytest.raises(InputError) as caught:
        validate_file(total)
    assert any(i.row == 3 and "looks like a total row" in i.message for i in caught.value.issues)
    register = tmp_path / "register.csv"  # in a facility register the label stands in the first column: one issue
    register.write_text(
        "SỔ THEO DÕI CƠ SỞ PHẢI KIỂM KÊ KHÍ NHÀ KÍNH;;;;;\n"
        "Mã cơ sở;Tên cơ sở;Tỉnh;Lĩnh vực;Năm;Phát thải\n"
        "CS01;Nhà máy Xi măng A;Đồng Nai;IPPU;2024;1.250.000\n"
        "Tổng cộng;;;;;1.250.000\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        validate_file(register)
    assert [(i.row, i.rule) for i in caught.value.issues] == [(4, "total row")]
    one = tmp_path / "one.csv"  # a one-column table is not a title over a header
    one.write_text("name\nHà Nội\nHuế\n", encoding="utf-8")
    assert read_table(one).columns == ["name"]


def test__detect_kind():
    assert detect_kind(["province", "year", "sub1", "sub2", "sub3", "sub4"]) == "pgi"
    assert detect_kind(["province", "year", "sector", "gas", "value", "unit", "gwp"]) == "inventory"
    assert detect_kind(["province", "year", "variable", "value", "unit"]) == "drivers"
    assert detect_kind(["a", "b"]) is None


def test__shipped_raw_tables_validate():
    from analysis import paths

    assert len(validate_file(paths.RAW_DIR / "vcci" / "pgi_2022_2024.csv")) == 189
    assert len(validate_file(paths.RAW_DIR / "gso" / "provinces_regions_2025_merger.csv")) == 63
    series = validate_file(paths.RAW_DIR / "owid" / "owid_co2_vietnam_1990_2023.csv")
    assert list(series["year"]) == list(range(1990, 2024))


def test__cli_validate__four_located_errors(write, capsys):
    """The foundation issue's done-criterion: missing column, text value, duplicate key, unknown province."""
    text = (
        "province,year,sub1,sub2,sub3\nBRVT,2023,7.66,6.28,4.44\nĐồng Nai,2023,abc,6.1,5.0\n"
        "Dong Nai,2023,7.1,6.1,5.0\nAtlantis,2023,7.0,6.0,5.0\n"
    )
    code = main(["validate", str(write("bad.csv", text)), "--kind", "pgi"])
    err = capsys.readouterr().err
    assert code == 1
    assert "4 problems" in err
    assert "row 1, column 'sub4'" in err and "required column" in err
    assert "row 3, column 'sub1'" in err and "'abc' is not a number" in err
    assert "row 4" in err and "duplicate key" in err
    assert "row 5, column 'province'" in err and "unknown province 'Atlantis'" in err
    assert "Traceback" not in err


def test__cli_validate__valid_file_exits_0(write, capsys):
    assert main(["validate", str(write("ok.csv", PGI_OK))]) == 0
    assert "valid" in capsys.readouterr().out


def test__cli__debug_shows_traceback(write, capsys):
    code = main(["validate", str(write("e.csv", "")), "--debug"])
    assert code == 1


def test__validation_does_not_write(write, tmp_path):
    before = sorted(p.name for p in tmp_path.iterdir())
    main(["validate", str(write("bad.csv", "x\n1\n"))])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*before, "bad.csv"])


def test__pandas_frame_has_row_numbers(write):
    table = validate_file(write("pgi.csv", PGI_OK + "\nĐồng Nai,2023,7,6,5,5,,\n"))
    assert list(table["__row__"]) == [2, 4]
    assert isinstance(table, pd.DataFrame)
    assert Path(write("x.csv", "a\n")).exists()
