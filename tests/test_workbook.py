"""The workbook in the reader's language: raw numbers with the formatter's decimals, one percent convention, the facts
sheet, machine ids only on the ids sheet (small synthetic runs; the real workbooks are in test_workbook_brvt.py)."""

from __future__ import annotations

import json
import re
import typing

import pandas as pd
import pytest
from openpyxl import load_workbook
from pydantic import BaseModel

from analysis.i18n import has_text
from analysis.report import factsheet
from analysis.report.workbook import write_workbook
from analysis.run.facts import (
    CostFact,
    Facts,
    IntensityFact,
    LmdiFact,
    MeasureFact,
    Peer,
    PgiFact,
    RemovalPart,
    ScenarioFact,
    SectorFact,
    Spread,
    SwingFact,
    TargetFact,
)

# openpyxl stores a number with 16 significant digits ("%.16g"; Excel shows 15): a stored value equals the fact to
# that precision, never rounded to the decimals shown.
STORED = 1e-15


def _facts() -> Facts:
    """A small run: two scenarios, a target whose id is also a scenario's (net_zero_2050), two measures."""
    label = {"vi": "Kế hoạch hành động 2030", "en": "Action plan 2030"}
    return Facts(
        key="k" * 64,
        conventions={"gap": "…"},
        province="Bà Rịa – Vũng Tàu",
        map=2024,
        constituents=["Bà Rịa – Vũng Tàu"],
        is_estimate=True,
        gwp="AR5",
        base_year=2023,
        target_year=2030,
        n_draws=300,
        seed=20300,
        scenarios={
            "bau": {"vi": "Phát triển thông thường (BAU)", "en": "Business as usual (BAU)"},
            "action_plan_2030": label,
            "net_zero_2050": {"vi": "Net Zero 2050", "en": "Net zero 2050"},
        },
        main="action_plan_2030",
        long_term="net_zero_2050",
        headline_target="brvt_2030",
        net_base=30.866520348090642,
        gross_base=30.95396072586041,
        removals_base=-0.08744037776976826,
        bau=Spread(stated=39.356146360061686, median=39.30025287097651, p5=33.06178858601653, p95=46.3202884874473),
        scenario=Spread(stated=35.45079655226958, median=35.43, p5=29.76, p95=41.85),
        below_bau_pct=9.923100122818996,
        long_term_year=2050,
        long_term_net=Spread(stated=1.517774117788767),
        long_term_gross=8.059399874386711,
        long_term_removals=-6.541625756597944,
        per_person=26.476685836413314,
        population=1165800.0,
        sectors=[SectorFact(key="Energy|Power", base=8.75299624196087, bau=8.75299624196087, main=7.877696617764783)],
        targets=[
            TargetFact(
                id="brvt_2030",
                title={"vi": "Giảm 8% so với BAU năm 2030", "en": "8% below BAU in 2030"},
                kind="percent_below_bau",
                year=2030,
                origin="own",
                required=36.2,
                achieved=35.45,
                gap=Spread(stated=-0.7568580989871696, median=-0.775, p5=-6.4, p95=5.6),
                bau=39.36,
                below_bau_pct=9.92,
                required_below_bau_pct=8.0,
                met_central=True,
                p_met=0.584,
                verdict="met",
            ),
            TargetFact(
                id="net_zero_2050",
                title={"vi": "Phát thải ròng bằng 0 năm 2050", "en": "Net zero by 2050"},
                kind="net_zero",
                year=2050,
                origin="national",
                required=0.0,
                achieved=1.5,
                gap=Spread(stated=1.5),
                met_central=False,
                p_met=0.3,
                verdict="at risk",
            ),
        ],
        measures=[
            MeasureFact(
                id="energy_efficiency",
                name={"vi": "Tiết kiệm năng lượng", "en": "Energy efficiency"},
                kind="percent",
                sectors=["Energy|Power"],
                start_year=2025,
                full_effect_year=2030,
                cut=0.9576144783088887,
                cut_alone=0.9576144783088887,
                cost_usd_per_t=-20.0,
                cost_vnd_per_t=-486540.0,
            ),
            MeasureFact(
                id="forest_protection",
                name={"vi": "Bảo vệ rừng", "en": "Forest protection"},
                kind="removals",
                sectors=["LULUCF"],
                start_year=2025,
                full_effect_year=2030,
                cut=0.027,
                cut_alone=0.027,
                deadline="2027-06-30",
            ),
        ],
        exchange_rate={"vnd_per_usd": 24327.0, "date": "2024-12-31", "source": "State Bank of Viet Nam"},
    )


def _facts_dict() -> dict:
    return json.loads(_facts().to_json())


def _wedges() -> pd.DataFrame:
    """A table as record_table stores it: headers in words, the machine names in attrs["ids"]."""
    frame = pd.DataFrame(
        {
            "Mã giải pháp": ["energy_efficiency", "forest_protection"],
            "Giải pháp": ["Tiết kiệm năng lượng", "Bảo vệ rừng"],
            "Loại": ["percent", "removals"],
            "Năm": [2030, 2030],
            "Mức giảm (triệu tấn CO₂tđ)": [0.9576144783088887, 1.23456],
            "Ghi chú về ước tính": ["indicative estimate — replace with the official inventory. National …", ""],
        }
    )
    frame.attrs.update(
        decimals=1, ids=["measure_id", "measure", "kind", "year", "abatement_mtco2e", "estimate_note"], kinds={}
    )
    return frame


def _pathways() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "Kịch bản": ["bau", "net_zero_2050"],
            "Thấp hơn BAU (%)": [0.0, 13.049494557],
            "Phát thải ròng (triệu tấn CO₂tđ)": [39.356146360061686, 0.5177],
        }
    )
    frame.attrs.update(decimals=1, ids=["scenario", "below_bau_pct", "net_mtco2e"], kinds={})
    return frame


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("wb")
    out = {}
    for lang in ("vi", "en"):
        tables = [("wedges", "Đóng góp của từng giải pháp", _wedges()), ("pathways", "Lộ trình", _pathways())]
        info = {
            "lang": lang,
            "province": "Bà Rịa – Vũng Tàu",
            "run_id": "02__brvt__" + lang,
            "batch_id": "b",
            "manifest_hash": "ab" * 32,
            "s": {"run": "Lượt chạy", "manifest": "Mã kiểm tra"},
        }
        headlines = {
            "bau_2030": {"value": 39.356146360061686, "unit": "Mt CO2e", "label": None},
            "pct_below_bau_2030": {"value": 9.923100122818996, "unit": "%", "label": None},
            "p_met_2030": {"value": 0.584, "unit": "probability", "label": None},
        }
        path = write_workbook(tables, folder / f"{lang}.xlsx", info=info, headlines=headlines, facts=_facts_dict())
        out[lang] = load_workbook(path)
    return out


# -- the workbook ---------------------------------------------------------------------------------------------------
def _reader_sheets(wb):
    return [ws for ws in wb.worksheets if ws.title not in ("Số liệu gốc", "Facts", "Mã", "Ids")]


def test__write_workbook__sheets_in_order_with_facts_and_ids_last(books):
    assert books["vi"].sheetnames == ["Thông tin", "Đóng góp của từng giải pháp", "Lộ trình", "Số liệu gốc", "Mã"]
    assert books["en"].sheetnames[-2:] == ["Facts", "Ids"]
    assert books["vi"].properties.language == "vi-VN"


def test__write_workbook__ids_leave_the_reader_sheets_for_the_ids_sheet(books):
    wb = books["vi"]
    wedges = wb["Đóng góp của từng giải pháp"]
    assert [c.value for c in wedges[1]] == [
        "Giải pháp",
        "Loại",
        "Năm",
        "Mức giảm (triệu tấn CO₂tđ)",
        "Ghi chú về ước tính",
    ]
    assert [c.value for c in wedges["B"][1:]] == ["giảm theo tỷ lệ phần trăm", "tăng hấp thụ"]
    assert wedges["E2"].value.startswith("Ước tính sơ bộ, cần thay bằng số liệu kiểm kê chính thức.")
    assert wedges["E3"].value is None
    pathways = wb["Lộ trình"]
    assert [c.value for c in pathways["A"][1:]] == ["Phát triển thông thường (BAU)", "Net Zero 2050"], (
        "a scenario is named as a scenario even where a target has the same id"
    )
    ids = {(r[1], r[2]): r[3] for r in wb["Mã"].iter_rows(min_row=2, values_only=True)}
    assert ids[("Giải pháp", "Tiết kiệm năng lượng")] == "energy_efficiency"
    assert ids[("Loại", "giảm theo tỷ lệ phần trăm")] == "percent"
    assert ids[("Kịch bản", "Net Zero 2050")] == "net_zero_2050"
    assert ids[("Mức giảm (triệu tấn CO₂tđ)", "Mức giảm (triệu tấn CO₂tđ)")] == "abatement_mtco2e"
    assert ids[("Lượt chạy", None)] == "b / 02__brvt__vi" and ids[("Mã kiểm tra", None)] == "ab" * 32
    for ws in _reader_sheets(wb):
        for row in ws.iter_rows(values_only=True):
            text = " ".join(str(v) for v in row if isinstance(v, str))
            assert not re.search(r"\b(energy_efficiency|net_zero_2050|percent|removals|bau|02__brvt__vi)\b", text)
            assert "indicative" not in text and "ab" * 32 not in text


def test__write_workbook__numbers_raw_with_the_formatters_decimals_one_percent_convention(books):
    wb = books["vi"]
    wedges, pathways, about = wb["Đóng góp của từng giải pháp"], wb["Lộ trình"], wb["Thông tin"]
    assert (
        wedges["D2"].value == pytest.approx(0.9576144783088887, rel=STORED) and wedges["D2"].number_format == "#,##0.00"
    )
    assert wedges["D3"].value == 1.23456 and wedges["D3"].number_format == "#,##0.0"
    assert wedges["C2"].number_format == "0"
    assert (
        pathways["B3"].value == pytest.approx(13.049494557, rel=STORED) and pathways["B3"].number_format == '#,##0"%"'
    )
    assert pathways["B2"].number_format == '0.0"%"'
    heads = {r[0].value: r[1] for r in about.iter_rows(min_row=2) if r[1].value is not None}
    assert heads["Phát thải ròng BAU năm 2030"].value == pytest.approx(39.356146360061686, rel=STORED)
    assert heads["Phát thải ròng BAU năm 2030"].number_format == "#,##0.0"
    assert heads["Mức giảm so với BAU năm 2030"].number_format == '0.0"%"'
    assert heads["Xác suất đạt mục tiêu năm 2030"].value == pytest.approx(58.4), "a percent like the others"
    for ws in _reader_sheets(wb):
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if cell.data_type == "n" and cell.value is not None:
                    assert cell.number_format != "General", (ws.title, cell.coordinate)
                    assert "%" not in cell.number_format or '"%"' in cell.number_format, "no fraction percents"


def test__write_workbook__text_is_never_read_back_as_a_number(tmp_path):
    frame = pd.DataFrame({"Chỉ tiêu": ["Phát thải 2023", "Xác suất"], "Giá trị": ["35,2", "63 %"]})
    frame.attrs["decimals"] = 1
    wb = load_workbook(
        write_workbook([("summary", "Các con số chính", frame)], tmp_path / "s.xlsx", info={"lang": "vi"})
    )
    sheet = wb["Các con số chính"]
    assert sheet["B2"].value == "35,2" and sheet["B2"].data_type == "s"
    assert sheet["B3"].value == "63 %"


def test__write_workbook__a_declared_kind_sets_the_format(tmp_path):
    frame = pd.DataFrame({"Tỉnh": ["A", "B"], "Tỷ trọng cả nước": [9.69999, 12.3], "Xác suất": [0.004, 0.584]})
    frame.attrs.update(decimals=1, ids=["province", "share_pct", "p"], kinds={"Xác suất": "probability"})
    wb = load_workbook(write_workbook([("r", "Xếp hạng", frame)], tmp_path / "r.xlsx", info={"lang": "vi"}))
    sheet = wb["Xếp hạng"]
    assert sheet["B2"].value == 9.69999 and sheet["B2"].number_format == '0.0"%"'
    assert sheet["B3"].number_format == '#,##0"%"'
    assert sheet["C3"].value == pytest.approx(58.4) and sheet["C3"].number_format == '#,##0"%"'


def test__write_workbook__a_column_of_key_figures_names_one_kind_per_row(tmp_path):
    """Item / value: each row's figure by its own kind (Mt, percent, probability, a code), words stay words."""
    frame = pd.DataFrame(
        {
            "Chỉ tiêu": ["BAU 2030", "Thấp hơn BAU", "Xác suất đạt", "Đánh giá", "Mã"],
            "Giá trị": [32.7, 9.92, 0.6572, "đạt", 1],
        }
    )
    frame.attrs.update(decimals=1, kinds={"Giá trị": ["mt", "pct", "probability", None, "plain:2"]})
    wb = load_workbook(write_workbook([("s", "Các con số chính", frame)], tmp_path / "s.xlsx", info={"lang": "vi"}))
    sheet = wb["Các con số chính"]
    assert sheet["B2"].value == 32.7 and sheet["B2"].number_format == "#,##0.0"
    assert sheet["B3"].value == 9.92 and sheet["B3"].number_format == '0.0"%"'
    assert sheet["B4"].value == pytest.approx(65.72) and sheet["B4"].number_format == '#,##0"%"'
    assert sheet["B5"].value == "đạt" and sheet["B5"].data_type == "s"
    assert sheet["B6"].value == 1 and sheet["B6"].number_format == "00"


# -- the facts sheet ------------------------------------------------------------------------------------------------
def _numbers(node, prefix=""):
    """Every number of the facts mapping by its dotted key (list items by their id or key)."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _numbers(v, f"{prefix}{k}.")
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, dict) and ("id" in item or "key" in item):
                yield from _numbers(item, f"{prefix}{item.get('id', item.get('key'))}.")
    elif isinstance(node, int | float) and not isinstance(node, bool):
        yield prefix[:-1], node


def test__facts_sheet__every_number_of_the_facts_with_its_value_unit_and_format(books):
    facts = _facts()
    expected = {k: v for k, v in _numbers(_facts_dict()) if k not in ("version", "long_term_decimals")}
    for lang, wb in books.items():
        sheet = wb["Số liệu gốc" if lang == "vi" else "Facts"]
        rows = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
        assert set(expected) <= set(rows), set(expected) - set(rows)
        for key, value in expected.items():
            cell = rows[key][2]
            assert cell.value == pytest.approx(value, rel=STORED) and facts.get(key) == value, key
            assert cell.number_format == rows[key][4].value, key
            assert rows[key][1].value and not re.search(r"\b[a-z]+_[a-z_]+\b", rows[key][1].value), key
    vi = {r[0].value: r for r in books["vi"]["Số liệu gốc"].iter_rows(min_row=2)}
    assert vi["bau.median"][1].value == "Phát thải ròng BAU năm 2030 (trung vị)"
    assert vi["bau.median"][3].value == "triệu tấn CO₂tđ" and vi["bau.median"][2].number_format == "#,##0.0"
    assert vi["targets.brvt_2030.p_met"][2].value == 0.584 and vi["targets.brvt_2030.p_met"][2].number_format == "0%"
    assert vi["targets.brvt_2030.p_met"][3].value == "xác suất (từ 0 đến 1)"
    assert vi["below_bau_pct"][2].number_format == '0.0"%"' and vi["below_bau_pct"][3].value == "%"
    assert vi["targets.brvt_2030.gap.stated"][2].number_format == "#,##0.00"
    assert vi["targets.net_zero_2050.verdict"][2].value == "có nguy cơ không đạt"
    assert vi["targets.brvt_2030.met_central"][2].value == "có"
    assert vi["measures.forest_protection.deadline"][2].is_date
    assert vi["sectors.Energy|Power.main"][1].value.startswith("Năng lượng – sản xuất điện: phát thải năm 2030")


def _leaves(model: type[BaseModel]) -> set[str]:
    """The names of the fields of ``model`` that hold a number, a yes/no or a date (not names, ids or notes)."""
    out = set()
    for name, field in model.model_fields.items():
        args = set(typing.get_args(field.annotation)) | {field.annotation}
        if args & {int, float, bool} or name in ("as_of", "deadline", "verdict"):
            out.add(name)
    return out


def test__facts_sheet__every_figure_field_of_the_facts_model_has_a_label_in_both_languages():
    """A number added to the facts must get its row: this fails until it has a label and a unit."""
    tables = [
        (Facts, factsheet.TOP),
        (TargetFact, factsheet.TARGET),
        (MeasureFact, factsheet.MEASURE),
        (SectorFact, factsheet.SECTOR),
        (ScenarioFact, factsheet.PATHWAY),
        (RemovalPart, factsheet.REMOVAL),
        (CostFact, factsheet.COST),
        (LmdiFact, factsheet.LMDI),
        (SwingFact, factsheet.SWING),
        (IntensityFact, factsheet.INTENSITY),
        (PgiFact, factsheet.PGI),
        (Peer, factsheet.PEER),
    ]
    skipped = {"version", "long_term_decimals"}  # the facts' format and the decimals a sum is printed at
    for model, table in tables:
        spreads = {n for n, f in model.model_fields.items() if Spread in (f.annotation, *typing.get_args(f.annotation))}
        assert (_leaves(model) | spreads) - skipped <= set(table), (
            model.__name__,
            (_leaves(model) | spreads) - set(table),
        )
    messages = [m for _, table in tables for m, _ in table.values()] + [m for m, _ in factsheet.EXCHANGE.values()]
    messages += list(factsheet.SPREAD.values()) + [u for u in factsheet.UNITS.values() if u != "%"]
    messages += list(factsheet.VERDICTS.values())
    assert [m for m in messages if not has_text(m)] == []
