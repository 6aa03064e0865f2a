"""One formatter per figure: the reader's text and the Excel number format show the same decimals
(:mod:`analysis.report.formats`), a table column can name its formatter, percents are percent numbers."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.i18n import fmt_mt, fmt_pct
from analysis.report.formats import excel_format, format_figure, infer_kind, table_value
from analysis.report.tablehtml import render_table_html


# -- formats --------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["mt", "pct", "pct+", "number:2", "percent:1", "int"])
@pytest.mark.parametrize("value", [0.004, 0.527, 0.995, 1.0, 8.04, 9.96, 28.28, 1234.5, -0.756858099, -13.89])
def test__excel_format__shows_the_decimals_the_formatter_prints(value, kind):
    """The workbook's number format and the report's text agree on the decimals, for every formatter."""
    text = format_figure(value, kind, "en")
    shown = re.search(r"\d(?:[\d,]*)(?:\.(\d+))?", text)
    decimals = len(shown.group(1) or "")
    fmt = excel_format(table_value(value, kind), kind).split(";")[0]
    assert len(re.search(r"0(?:\.(0+))?", fmt).group(1) or "") == decimals, (text, fmt)


def test__formats__a_percent_is_a_percent_number_never_a_fraction():
    assert excel_format(9.92, "pct") == '0.0"%"' and excel_format(28.3, "pct") == '#,##0"%"'
    assert table_value(0.584, "probability") == pytest.approx(58.4)
    assert excel_format(58.4, "probability") == '#,##0"%"'
    assert excel_format(6.0, "pct+") == '+0.0"%";-0.0"%";0.0"%"'
    assert excel_format(0.527, "mt") == "#,##0.00" and excel_format(8.75, "mt") == "#,##0.0"
    assert format_figure(0.527, "mt", "vi") == fmt_mt(0.527, "vi") == "0,53"
    assert format_figure(28.28, "pct", "vi") == fmt_pct(28.28, "vi") == "28%"
    with pytest.raises(ValueError, match="unknown number kind 'percent'"):
        excel_format(1.0, "percent")


@pytest.mark.parametrize(
    ("column_id", "header", "kind"),
    [
        ("net_mtco2e", "Phát thải ròng (triệu tấn CO₂tđ)", "mt"),
        ("Giảm năm 2030 (triệu tấn)", "Giảm năm 2030 (triệu tấn)", "mt"),
        ("Cut in 2030 (Mt)", "Cut in 2030 (Mt)", "mt"),
        ("below_bau_pct", "Thấp hơn BAU (%)", "pct"),
        ("Xác suất đạt (%)", "Xác suất đạt (%)", "pct"),
        ("Chi phí (USD/tấn)", "Chi phí (USD/tấn)", None),
        ("Tấn CO₂tđ/người", "Tấn CO₂tđ/người", None),
        ("2024–2030 (%/năm)", "2024–2030 (%/năm)", None),
    ],
)
def test__infer_kind__from_the_machine_name_or_the_headers_unit(column_id, header, kind):
    assert infer_kind(column_id, header) == kind


def test__render_table_html__prints_a_declared_column_by_its_formatter():
    frame = pd.DataFrame({"Giải pháp": ["A", "B"], "Giảm": [0.527, 8.75], "Tỷ trọng": [28.28, 8.04]})
    html = render_table_html(frame, "vi", 2, {"Giảm": "mt", "Tỷ trọng": "pct"})
    assert ">0,53<" in html and ">8,8<" in html and ">28%<" in html and ">8,0%<" in html


def test__record_table__keeps_machine_names_and_declared_kinds_for_the_workbook(monkeypatch):
    """A producer names a column's formatter in ``frame.attrs["kinds"]``: the report prints the raw numbers by it and
    the payload carries it (by header) with every column's machine name."""
    import IPython.display

    from analysis.report.excel import TABLE_MIME, record_table

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda bundle, **_: shown.append(bundle))
    frame = pd.DataFrame({"sector": ["Energy|Power"], "net_mtco2e": [0.527], "below_bau_pct": [28.28]})
    frame.attrs["kinds"] = {"below_bau_pct": "pct"}
    record_table("t", frame, title="Phát thải", lang="vi", decimals=2)
    payload = shown[0][TABLE_MIME]
    assert payload["ids"] == ["sector", "net_mtco2e", "below_bau_pct"]
    assert payload["kinds"] == {payload["columns"][1]: "mt", payload["columns"][2]: "pct"}  # Mt from the id
    assert ">28%<" in shown[0]["text/html"] and ">0,53<" in shown[0]["text/html"]
    frame.attrs["kinds"] = {"below_bau_pct": "percent"}
    with pytest.raises(ValueError, match="unknown number kind"):
        record_table("t", frame, title="Phát thải", lang="vi")


def test__a_column_of_key_figures_is_printed_row_by_row_and_laid_out_as_words():
    """One kind per row (a list): each figure by its own formatter, a row of words as it is, every cell laid out
    as the words beside it (no right-aligned number in a column of words)."""
    frame = pd.DataFrame({"Chỉ tiêu": ["BAU", "Thấp hơn", "Xác suất", "Đánh giá", "Mã"]})
    frame["Giá trị"] = pd.Series([32.7164, 9.92, 0.6572, "đạt", 1], dtype=object)
    html = render_table_html(frame, "vi", 1, {"Giá trị": ["mt", "pct", "probability", None, "plain:2"]})
    for text in (">32,7<", ">9,9%<", ">66%<", ">đạt<", ">01<"):
        assert text in html, text
    assert "nz-num" not in html


def test__kinds__a_p_value_and_a_code():
    assert format_figure(0.0001, "pvalue", "vi") == "< 0,01" and excel_format(0.0001, "pvalue") == "0.0E+00"
    assert format_figure(0.394, "pvalue", "en") == "0.39" and excel_format(0.394, "pvalue") == "0.00"
    assert format_figure(1, "plain:2", "vi") == "01" and excel_format(1, "plain:2") == "00"
    assert format_figure(float("nan"), "pvalue", "vi") == "–"


def test__record_table__a_list_of_kinds_is_one_per_row(monkeypatch):
    import IPython.display

    from analysis.report.excel import TABLE_MIME, record_table

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda bundle, **_: shown.append(bundle))
    frame = pd.DataFrame({"Chỉ tiêu": ["BAU", "Đánh giá"], "Giá trị": pd.Series([32.7, "đạt"], dtype=object)})
    frame.attrs["kinds"] = {"Giá trị": ["mt", None]}
    record_table("s", frame, title="Các con số chính", lang="vi")
    assert shown[0][TABLE_MIME]["kinds"] == {"Giá trị": ["mt", None]}
    assert ">32,7<" in shown[0]["text/html"] and ">đạt<" in shown[0]["text/html"]
    frame.attrs["kinds"] = {"Giá trị": ["mt"]}
    with pytest.raises(ValueError, match="names 1 kinds for 2 rows"):
        record_table("s", frame, title="Các con số chính", lang="vi")


def test__record_table__an_undeclared_column_is_printed_by_the_unit_its_id_or_header_names(monkeypatch):
    """The report's table and its workbook print a column of Mt or percent with the same decimals, declared or not:
    the kind the workbook infers from ``…_mtco2e`` or "(triệu tấn CO₂tđ)" / "(%)" is the one the HTML prints by."""
    import IPython.display

    from analysis.report.excel import TABLE_MIME, record_table

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda bundle, **_: shown.append(bundle))
    frame = pd.DataFrame(
        {
            "Lĩnh vực": ["Năng lượng", "Chất thải"],
            "Phát thải (triệu tấn CO₂tđ)": [8.752996, 0.249263],
            "Tỷ trọng phát thải gộp (%)": [37.0, 0.94],
            "Số cơ sở": [2.0, 1.0],
        }
    )
    record_table("t", frame, title="Phát thải theo lĩnh vực", lang="vi", decimals=2)
    html, payload = shown[0]["text/html"], shown[0][TABLE_MIME]
    for text in (">8,8<", ">0,25<", ">37%<", ">0,9%<", ">2,00<"):
        assert text in html, text
    assert ">8,75<" not in html and ">37,00<" not in html
    assert payload["kinds"] == {"Phát thải (triệu tấn CO₂tđ)": "mt", "Tỷ trọng phát thải gộp (%)": "pct"}
    assert [excel_format(v, "mt") for v in frame.iloc[:, 1]] == ["#,##0.0", "#,##0.00"]
