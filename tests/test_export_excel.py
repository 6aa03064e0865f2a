"""Recorded tables and headlines, their reader's headers, and the Excel workbook of a run."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from analysis.report.excel import localise_table, read_headlines, read_tables
from analysis.report.html import normalise_context
from analysis.report.tablehtml import render_table_html, split_columns
from analysis.report.workbook import make_sheet_name, write_workbook

FIXTURES = Path(__file__).parent / "fixtures" / "reports"


def test__read_tables__returns_recorded_tables_in_order():
    tables = read_tables(FIXTURES / "sample_vi.ipynb")
    assert [name for name, _, _ in tables] == ["pathways", "macc measures with a very long name indeed"]
    _, title, frame = tables[0]
    assert title == "Lộ trình phát thải"
    assert list(frame.columns) == ["Năm", "BAU (triệu tấn CO₂tđ)", "Kịch bản (triệu tấn CO₂tđ)"]
    assert frame.loc[frame["Năm"] == 2030, "BAU (triệu tấn CO₂tđ)"].item() == pytest.approx(25.4)
    assert frame.attrs["decimals"] == 1


def test__read_headlines__returns_recorded_figures():
    heads = read_headlines(FIXTURES / "sample_vi.ipynb")
    assert heads["bau_2030"] == {"value": 29.0, "unit": "Mt CO2e", "label": None}
    assert heads["target_met"]["value"] is True
    assert heads["pgi_rank"]["value"] == 12


def test__make_sheet_name__two_long_titles_differing_at_the_end_keep_their_ends():
    taken, titles = set(), set()
    names = [
        make_sheet_name(title, taken, titles)
        for title in (
            "Kết quả so với các mục tiêu — Kế hoạch hành động 2030",
            "Kết quả so với các mục tiêu — Net Zero 2050",
            "Kết quả so với các mục tiêu — Net Zero 2050",  # the same table twice: numbered
            "10 tỉnh phát thải lớn nhất.",
        )
    ]
    assert names == [
        "Kết quả so với các mục tiêu…",
        "Kết quả…Net Zero 2050",
        "Kết quả so với các mục tiêu…~2",
        "10 tỉnh phát thải lớn nhất",
    ]
    assert all(len(n) <= 31 for n in names)


@pytest.mark.parametrize(
    "name, taken, expected",
    [
        ("pathways", set(), "pathways"),
        ("a/b:c*d?[e]", set(), "a-b -c d e"),
        ("x" * 40, set(), "x" * 30 + "…"),
        ("Kết quả so với các mục tiêu: kịch bản Net Zero 2050", set(), "Kết quả so với các mục tiêu…"),
        ("pathways", {"Pathways"}, "pathways~2"),
        ("y" * 40, {"y" * 30 + "…"}, "y" * 29 + "~2"),
        ("   ", set(), "table"),
    ],
)
def test__make_sheet_name__cases(name, taken, expected):
    assert make_sheet_name(name, set(taken)) == expected


def test__write_workbook__sheets_named_by_title_numbers_as_numbers_text_stays_text(tmp_path):
    tables = read_tables(FIXTURES / "sample_vi.ipynb")
    info = normalise_context(
        {
            "province": "Bà Rịa – Vũng Tàu",
            "lang": "vi",
            "date": "2026-11-28",
            "scenario_titles": ["Kế hoạch hành động 2030", "Net Zero 2050"],
            "scenarios": ["action_plan_2030", "net_zero_2050"],
            "data_vintage": "frozen 2026-11-28; inputs sha256 59203cebaaa2",
            "manifest_hash": "ab" * 32,
            "run_id": "brvt-vi",
            "batch_id": "default",
        }
    )
    target = write_workbook(
        tables, tmp_path / "run.xlsx", info=info, headlines=read_headlines(FIXTURES / "sample_vi.ipynb")
    )
    wb = load_workbook(target)
    assert wb.sheetnames == ["Thông tin", "Lộ trình phát thải", "Chi phí giảm phát thải biên", "Mã"]
    about = {row[0]: row[1] for row in wb["Thông tin"].iter_rows(min_row=2, values_only=True)}
    assert about["Tỉnh/thành phố"] == "Bà Rịa – Vũng Tàu"
    assert about["Kịch bản"] == "Kế hoạch hành động 2030; Net Zero 2050"
    assert about["Số liệu"] == "BAU cố định ngày 28/11/2026"
    assert about["Phát thải ròng BAU năm 2030"] == 29.0
    assert "action_plan_2030" not in str(list(about.values()))
    assert "brvt-vi" not in str(list(about.values())), "the run's ids are on the ids sheet"
    assert ["Thông tin", "Lượt chạy", None, "default / brvt-vi"] in [list(r) for r in wb["Mã"].values]
    date_cell = next(r[1] for r in wb["Thông tin"].iter_rows(min_row=2) if r[0].value == "Ngày lập")
    assert date_cell.is_date and date_cell.number_format == "DD/MM/YYYY"
    macc = wb["Chi phí giảm phát thải biên"]
    assert [c.value for c in macc["A"]] == ["Giải pháp", "Điện mặt trời mái nhà", "<script>alert(1)</script>", "=1+1"]
    assert macc["A4"].data_type == "s", "a value starting with = must not become a formula"
    assert macc["B3"].value == pytest.approx(1234.5) and macc["B3"].number_format == "#,##0.0"
    assert macc["C2"].value == 1500 and macc["C2"].data_type == "n"
    assert wb["Lộ trình phát thải"]["A2"].number_format == "0", "years are not 2.020"
    assert [p.name for p in tmp_path.iterdir()] == ["run.xlsx"]


@pytest.mark.parametrize(
    "frame, title",
    [
        (pd.DataFrame({"standalone_abatement_mtco2e": [1.0]}), "Mức giảm"),
        (pd.DataFrame({"cum": [1.0]}), "Mức giảm"),
        (pd.DataFrame({"population": [1.0]}), "Dân số"),
        (pd.DataFrame({"sub1": [1.0]}), "PGI"),
        (pd.DataFrame({"year": [2030]}), "pgi_correlations"),
        (pd.DataFrame({"year": [2030]}), ""),
    ],
)
def test__localise_table__refuses_code_in_headers_and_titles(frame, title):
    with pytest.raises(ValueError, match="table 't'"):
        localise_table("t", frame, title, "vi")


def test__localise_table__labels_headers_and_names_sectors():
    frame = pd.DataFrame({"sector": ["Energy|Power", "Waste"], "year": [2030, 2030], "Giá trị (triệu tấn)": [1.0, 2.0]})
    table = localise_table("t", frame, "Phát thải", "vi")
    assert list(table.columns) == ["Lĩnh vực", "Năm", "Giá trị (triệu tấn)"]
    assert list(table["Lĩnh vực"]) == ["Năng lượng – sản xuất điện", "Chất thải"]
    assert list(localise_table("t", frame, "Emissions", "en")["Sector"])[0] == "Energy – power generation"


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


def test__render_table_html__right_aligns_numbers_and_keeps_names_on_one_line():
    frame = pd.DataFrame({"Tỉnh": ["Bà Rịa – Vũng Tàu"], "Điểm": [26.26], "Hạng": [14], "Mixed": [35.2]})
    html = render_table_html(frame.astype({"Mixed": object}), "vi", 2)
    assert '<td class="nz-short">Bà Rịa – Vũng Tàu</td>' in html
    assert '<td class="nz-num">26,26</td>' in html and '<td class="nz-num">14</td>' in html
    assert '<td class="nz-num">35,20</td>' in html, "numbers in an object column are formatted too"
    assert '<th class="nz-num">Điểm</th>' in html


def test__split_columns__repeats_the_key_column_and_fits_the_budget():
    assert split_columns([20, 30, 30, 30, 30], keys=1, budget=100) == [[0, 1, 2], [0, 3, 4]]
    assert split_columns([10, 10], keys=1, budget=100) == [[0, 1]]
    assert split_columns([10, 200], keys=1, budget=100) == [[0, 1]], "a column wider than the page still shows"


def test__render_table_html__splits_a_table_too_wide_for_a4_under_itself():
    frame = pd.DataFrame(
        {
            "Tỉnh/thành phố": ["Bà Rịa – Vũng Tàu", "Đồng Nai"],
            **{f"Chỉ tiêu số {i}": [1.25 * i, 2.5 * i] for i in range(1, 17)},
        }
    )
    html = render_table_html(frame, "vi", 2)
    parts = html.split('<p class="nz-continued">(tiếp theo)</p>')
    assert len(parts) >= 2
    assert all(p.count("<th>Tỉnh/thành phố</th>") == 1 for p in parts), "every part names its rows"
    assert sum(p.count("</th>") for p in parts) == 17 + len(parts) - 1
    assert "(continued)" in render_table_html(frame, "en", 2)
