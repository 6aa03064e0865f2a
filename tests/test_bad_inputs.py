"""The bad-input corpus for table files: every case must give a located, readable error and exit 1.

Each case is a file as an analyst's office might send it (CSV in several encodings, Excel with a merged
header, garbage renamed to .csv …) with the rule, row and column the error must name. The files are
built here, in code, so the corpus is reviewable as text; ``tests/test_bad_inputs_cli.py``-style checks
(exit code, no traceback, nothing written) run on every case through the real command line entry.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.data.catalogue import validate_file
from analysis.errors import InputError

PGI = "province,year,sub1,sub2,sub3,sub4,pgi_score,pgi_rank\n"
INV = "province,year,sector,gas,value,unit,gwp\n"
DRV = "province,year,variable,value,unit\n"
SER = "country,year,co2_mt_excl_luc\n"


@dataclass(frozen=True)
class Case:
    name: str
    filename: str
    content: str | bytes
    kind: str | None
    rule: str
    row: int | None = None
    column: str | None = None


def _xlsx(rows: list[list], merge: str | None = None) -> bytes:
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    if merge:
        ws.merge_cells(merge)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


CASES = [
    # --- structure ---
    Case(
        "missing column",
        "a.csv",
        "province,year,sub1,sub2,sub3\nBRVT,2023,1,2,3\n",
        "pgi",
        "required column",
        1,
        "sub4",
    ),
    Case("missing several columns", "b.csv", "province,sub1\nBRVT,1\n", "pgi", "required column", 1, "year"),
    Case(
        "unknown region in the province table",
        "c.csv",
        "province_vi,province_en,region,province_2025\nHà Nội,Ha Noi,Red River,Hà Nội\n",
        "provinces",
        "allowed values",
        2,
        "region",
    ),
    Case("empty file", "d.csv", "", None, "non-empty file"),
    Case("only whitespace", "e.csv", "\n\n   \n", None, "non-empty file"),
    Case("header only, unknown kind", "f.csv", "foo,bar\n", None, "known table kind", 1),
    Case("duplicate header", "g.csv", PGI.replace("sub2", "sub1"), "pgi", "unique column names", 1, "sub1"),
    Case("row wider than header", "h.csv", PGI + "BRVT,2023,1,2,3,4,10,5,9,9\n", "pgi", "row width"),
    Case("binary garbage named .csv", "i.csv", bytes(range(256)) * 16, None, "readable text"),
    Case("zip bytes named .csv", "j.csv", b"PK\x03\x04" + bytes(300), None, "readable text"),
    Case("unsupported extension", "k.json", '{"a": 1}', None, "supported format"),
    Case("old xls", "l.xls", b"\xd0\xcf\x11\xe0" + bytes(100), None, "supported format"),
    Case("corrupt xlsx", "m.xlsx", b"PK\x03\x04 not really a zip", None, "readable Excel file"),
    # --- types ---
    Case(
        "text in numeric column",
        "n.csv",
        PGI + "BRVT,2023,bảy,6.28,4.44,5.09,23.47,8\n",
        "pgi",
        "type float",
        2,
        "sub1",
    ),
    Case(
        "NaN spelled out is missing, not a number",
        "o.csv",
        INV + "BRVT,2020,Waste,CH4,nan,kt,AR5\n",
        "inventory",
        "a missing value says why",
        2,
        "value",
    ),
    Case("inf", "p.csv", PGI + "BRVT,2023,inf,6.28,4.44,5.09,23.47,8\n", "pgi", "type float", 2, "sub1"),
    Case(
        "-inf in inventory", "q.csv", INV + "BRVT,2020,LULUCF,CO2,-inf,kt,AR5\n", "inventory", "type float", 2, "value"
    ),
    Case(
        "Excel error value", "r.csv", PGI + "BRVT,2023,#DIV/0!,6.28,4.44,5.09,23.47,8\n", "pgi", "type float", 2, "sub1"
    ),
    Case("fractional year", "s.csv", PGI + "BRVT,2023.5,7,6,4,5,22,8\n", "pgi", "type year", 2, "year"),
    Case("year as text", "t.csv", PGI + "BRVT,năm 2023,7,6,4,5,22,8\n", "pgi", "type year", 2, "year"),
    Case("fractional rank", "u.csv", PGI + "BRVT,2023,7,6,4,5,22,8.5\n", "pgi", "type int", 2, "pgi_rank"),
    Case("empty key cell", "v.csv", PGI + ",2023,7,6,4,5,22,8\n", "pgi", "not empty", 2, "province"),
    # --- ranges and magnitudes ---
    Case("sub-index above 10", "w.csv", PGI + "BRVT,2023,12,6,4,5,27,8\n", "pgi", "range", 2, "sub1"),
    Case("negative sub-index", "x.csv", PGI + "BRVT,2023,-1,6,4,5,14,8\n", "pgi", "range", 2, "sub1"),
    Case("score above 40", "y.csv", PGI + "BRVT,2023,7,6,4,5,41,8\n", "pgi", "range", 2, "pgi_score"),
    Case("rank 64", "z.csv", PGI + "BRVT,2023,7,6,4,5,22,64\n", "pgi", "range", 2, "pgi_rank"),
    Case("year out of range", "aa.csv", PGI + "BRVT,20234,7,6,4,5,22,8\n", "pgi", "range", 2, "year"),
    Case(
        "absurd emission magnitude",
        "ab.csv",
        INV + "BRVT,2020,Waste,CO2e,1e15,t CO2e,AR5\n",
        "inventory",
        "range",
        2,
        "value",
    ),
    Case(
        "negative emissions outside LULUCF",
        "ac.csv",
        INV + "BRVT,2020,Energy|Transport,CO2,-3,kt,AR5\n",
        "inventory",
        "non-negative emissions outside LULUCF",
        2,
        "value",
    ),
    Case("negative driver", "ad.csv", DRV + "BRVT,2022,grdp,-5,billion VND\n", "drivers", "range", 2, "value"),
    # --- allowed values ---
    Case("unit typo", "ae.csv", INV + "BRVT,2020,Waste,CH4,12,kt CO2E,AR5\n", "inventory", "allowed values", 2, "unit"),
    Case("unit in kg", "af.csv", INV + "BRVT,2020,Waste,CH4,12,kg,AR5\n", "inventory", "allowed values", 2, "unit"),
    Case(
        "unknown sector",
        "ag.csv",
        INV + "BRVT,2020,Energy|Shipping,CO2,12,kt,AR5\n",
        "inventory",
        "allowed values",
        2,
        "sector",
    ),
    Case("unknown gas", "ah.csv", INV + "BRVT,2020,Waste,CO,12,kt,AR5\n", "inventory", "allowed values", 2, "gas"),
    Case("unknown GWP set", "ai.csv", INV + "BRVT,2020,Waste,CH4,12,kt,SAR\n", "inventory", "allowed values", 2, "gwp"),
    Case(
        "mixed GWP sets",
        "aj.csv",
        INV + "BRVT,2020,Waste,CH4,12,kt,AR5\nBRVT,2020,Agriculture,CH4,40,kt,AR6\n",
        "inventory",
        "one GWP set per inventory",
        3,
        "gwp",
    ),
    Case(
        "driver unit typo", "ak.csv", DRV + "BRVT,2022,grdp,390293,bilion VND\n", "drivers", "allowed values", 2, "unit"
    ),
    # --- keys and years ---
    Case(
        "duplicate key",
        "al.csv",
        PGI + "BRVT,2023,7,6,4,5,22,8\nBà Rịa-Vũng Tàu,2023,7,6,4,5,22,8\n",
        "pgi",
        "unique key",
        3,
    ),
    Case(
        "duplicate inventory key",
        "am.csv",
        INV + "BRVT,2020,Waste,CH4,1,kt,AR5\nBRVT,2020,Waste,CH4,2,kt,AR5\n",
        "inventory",
        "unique key",
        3,
    ),
    Case(
        "missing year in a series",
        "an.csv",
        SER + "Vietnam,1990,21\nVietnam,1991,21\nVietnam,1993,22\n",
        "emissions_series",
        "contiguous years",
        None,
        "year",
    ),
    Case(
        "duplicate year in a series",
        "ao.csv",
        SER + "Vietnam,1990,21\nVietnam,1990,22\n",
        "emissions_series",
        "unique key",
        3,
    ),
    # --- provinces ---
    Case("unknown province", "ap.csv", PGI + "Atlantis,2023,7,6,4,5,22,8\n", "pgi", "type province", 2, "province"),
    Case("ambiguous province", "aq.csv", PGI + "ĐN,2023,7,6,4,5,22,8\n", "pgi", "type province", 2, "province"),
    Case("province typo", "ar.csv", PGI + "Ba Ria Vung Tao,2023,7,6,4,5,22,8\n", "pgi", "type province", 2, "province"),
    # --- encodings and locales that still carry an error: the error must be located correctly ---
    Case(
        "UTF-8 BOM with a bad value",
        "as.csv",
        ("\ufeff" + PGI + "Hòa Bình,2024,x,6.97,5.36,5.83,,\n").encode("utf-8"),
        "pgi",
        "type float",
        2,
        "sub1",
    ),
    Case(
        "UTF-16 with a bad value",
        "at.csv",
        (PGI + "Hòa Bình,2024,11,6.97,5.36,5.83,,\n").encode("utf-16"),
        "pgi",
        "range",
        2,
        "sub1",
    ),
    Case(
        "decimal commas with a bad value",
        "au.csv",
        "Tỉnh;Năm;sub1;sub2;sub3;sub4\nBRVT;2023;7,66;6,28;4,44;50,9\n",
        "pgi",
        "range",
        2,
        "sub4",
    ),
    Case(
        "Excel merged two-row header with a bad value",
        "av.xlsx",
        _xlsx(
            [
                ["Tỉnh", "Năm", "Chỉ số thành phần", None, None, None],
                [None, None, "sub1", "sub2", "sub3", "sub4"],
                ["BRVT", 2023, 7.66, 16.28, 4.44, 5.09],
            ],
            merge="C1:F1",
        ),
        "pgi",
        "range",
        3,
        "sub2",
    ),
    Case(
        "Excel text in numeric cell",
        "aw.xlsx",
        _xlsx([["province", "year", "sub1", "sub2", "sub3", "sub4"], ["BRVT", 2023, "n/a?", 6, 4, 5]]),
        "pgi",
        "type float",
        2,
        "sub1",
    ),
    Case("empty Excel sheet", "ax.xlsx", _xlsx([]), None, "non-empty file"),
]


def _cp1258_case() -> Case:
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    text = PGI + "Đắk Lắk,2024,6.22,6.77,4.88,5.02,,99\n"
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in parts if c in tones)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones)) + tone)
    return Case("Windows-1258 with a bad rank", "ay.csv", "".join(out).encode("cp1258"), "pgi", "range", 2, "pgi_rank")


CASES.append(_cp1258_case())


def _write(tmp_path: Path, case: Case) -> Path:
    path = tmp_path / case.filename
    if isinstance(case.content, bytes):
        path.write_bytes(case.content)
    else:
        path.write_text(case.content, encoding="utf-8")
    return path


def test__corpus__has_at_least_40_table_cases():
    assert len(CASES) >= 40
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test__bad_input__located_error(tmp_path, case):
    path = _write(tmp_path, case)
    with pytest.raises(InputError) as err:
        validate_file(path, case.kind)
    issues = [i for i in err.value.issues if i.rule == case.rule]
    assert issues, f"expected rule {case.rule!r}, got {[str(i) for i in err.value.issues]}"
    located = [
        i
        for i in issues
        if (case.row is None or i.row == case.row) and (case.column is None or i.column == case.column)
    ]
    assert located, f"expected row {case.row}, column {case.column}: got {[str(i) for i in issues]}"
    issue = located[0]
    assert issue.file.endswith(case.filename)
    assert issue.message and "Traceback" not in issue.message


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test__bad_input__cli_exit_1_no_traceback_nothing_written(tmp_path, case, capsys):
    path = _write(tmp_path, case)
    before = {p: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    argv = ["validate", str(path)] + (["--kind", case.kind] if case.kind else [])
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert case.filename in captured.err
    assert "Traceback" not in captured.err
    assert {p: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == before
