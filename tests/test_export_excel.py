"""Recorded tables and headlines, and the Excel workbook of a run."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from analysis.report.excel import make_sheet_name, read_headlines, read_tables, render_table_html, write_workbook

FIXTURES = Path(__file__).parent / "fixtures" / "reports"


def test__read_tables__returns_recorded_tables_in_order():
    tables = read_tables(FIXTURES / "sample_vi.ipynb")
    assert [name for name, _, _ in tables] == ["pathways", "macc measures with a very long name indeed"]
    _, title, frame = tables[0]
    assert title == "Lộ trình phát thải"
    assert list(frame.columns) == ["year", "bau_mtco2e", "scenario_mtco2e"]
    assert frame.loc[frame.year == 2030, "bau_mtco2e"].item() == pytest.approx(25.4)


def test__read_headlines__returns_recorded_figures():
    heads = read_headlines(FIXTURES / "sample_vi.ipynb")
    assert heads["bau_2030"] == {"value": 29.0, "unit": "Mt CO2e", "label": None}
    assert heads["target_met"]["value"] is True
    assert heads["pgi_rank"]["value"] == 12


@pytest.mark.parametrize("name, taken, expected", [
    ("pathways", set(), "pathways"),
    ("a/b:c*d?[e]", set(), "a_b_c_d__e_"),
    ("x" * 40, set(), "x" * 31),
    ("pathways", {"Pathways"}, "pathways~2"),
    ("y" * 40, {"y" * 31}, "y" * 29 + "~2"),
    ("   ", set(), "table"),
])
def test__make_sheet_name__cases(name, taken, expected):
    assert make_sheet_name(name, set(taken)) == expected


def test__write_workbook__one_sheet_per_table_and_text_stays_text(tmp_path):
    tables = read_tables(FIXTURES / "sample_vi.ipynb")
    target = write_workbook(tables, tmp_path / "run.xlsx", info={"province": "Bà Rịa – Vũng Tàu",
                                                                 "scenarios": ["bau", "nz"]},
                            headlines=read_headlines(FIXTURES / "sample_vi.ipynb"))
    wb = load_workbook(target)
    assert wb.sheetnames == ["info", "pathways", "macc measures with a very long"]
    assert all(len(s) <= 31 for s in wb.sheetnames)
    info = {row[0]: row[1] for row in wb["info"].iter_rows(min_row=2, values_only=True)}
    assert info["province"] == "Bà Rịa – Vũng Tàu" and info["scenarios"] == "bau; nz"
    assert info["headline: bau_2030"] == 29.0
    macc = wb["macc measures with a very long"]
    values = [c.value for c in macc["A"]]
    assert values == ["measure", "Điện mặt trời mái nhà", "<script>alert(1)</script>", "=1+1"]
    assert macc["A4"].data_type == "s", "a value starting with = must not become a formula"
    assert macc["B3"].value == pytest.approx(1234.5)
    assert [p.name for p in tmp_path.iterdir()] == ["run.xlsx"]


def test__render_table_html__escapes_and_formats_numbers_not_years():
    frame = pd.DataFrame({"year": [2030], "name": ["<b>x</b>"], "value": [1234.5], "count": [15000]})
    vi = render_table_html(frame, "vi")
    assert "&lt;b&gt;x&lt;/b&gt;" in vi and "<b>" not in vi
    assert "1.234,5" in vi and "15.000" in vi and ">2030<" in vi
    assert "1,234.5" in render_table_html(frame, "en")


def test__render_table_html__plain_ranks_with_missing_values():
    frame = pd.DataFrame({"rank_change": pd.array([None, 11, -6], dtype="Int64")})
    html = render_table_html(frame, "vi")
    assert "<NA>" not in html and "&lt;NA&gt;" not in html
    assert ">–<" in html and ">11<" in html and ">−6<" in html
