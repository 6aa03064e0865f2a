"""Every word the explorer shows, in Vietnamese and English, and the headline cards as HTML.

Inputs: a :class:`~analysis.explore.model.View` and a language. Outputs: catalogue entries (``xp_*`` keys of
:mod:`analysis.i18n`), reader labels of levers (no code identifiers: measures, scenarios and targets by their
labels, drivers by name or by the sectors that follow them), and :func:`headline_html`, the four figures above the
chart. Numbers are formatted with :func:`analysis.i18n.fmt_number` (``1.234,5`` in Vietnamese).
"""

from __future__ import annotations

import html

from analysis.emissions.pathways import T_PER_MT
from analysis.i18n import add_strings, fmt_number, fmt_percent, sector_label, t

add_strings(
    {
        "xp_title": {"vi": "Khám phá lộ trình giảm phát thải — {province}", "en": "Pathway explorer — {province}"},
        "xp_intro": {
            "vi": "Di chuyển một thanh điều chỉnh: biểu đồ và các con số được tính lại ngay, bằng cùng bộ máy "
            "tính toán với các báo cáo. Nút «Lưu thành kịch bản» ghi lại các lựa chọn thành một tệp kịch "
            "bản chạy được bằng lệnh netzero.",
            "en": "Move a lever: the chart and the figures are recomputed at once, by the same engine as the "
            "reports. «Save as scenario» writes your choices as a scenario file the netzero commands run.",
        },
        "xp_file": {"vi": "Tệp kịch bản: {file} ({origin})", "en": "Scenario file: {file} ({origin})"},
        "xp_origin_own": {"vi": "tệp riêng của tỉnh", "en": "the province's own file"},
        "xp_origin_national": {
            "vi": "bộ kịch bản quốc gia áp dụng cho tỉnh",
            "en": "the national set applied to the province",
        },
        "xp_origin_given": {"vi": "tệp do người dùng chỉ định", "en": "a file you named"},
        "xp_scenario": {"vi": "Kịch bản", "en": "Scenario"},
        "xp_target": {"vi": "Mục tiêu theo dõi", "en": "Target watched"},
        "xp_reset": {"vi": "Trở về giá trị trong tệp", "en": "Back to the file's values"},
        "xp_tab_measures": {"vi": "Biện pháp", "en": "Measures"},
        "xp_tab_growth": {"vi": "Tăng trưởng BAU", "en": "BAU growth"},
        "xp_tab_save": {"vi": "Lưu / mở", "en": "Save / load"},
        "xp_level": {"vi": "Mức (% so với tệp)", "en": "Level (% of the file's value)"},
        "xp_years": {"vi": "Năm bắt đầu – năm đạt đủ hiệu quả", "en": "Start – full-effect year"},
        "xp_no_measures": {"vi": "Kịch bản này không có biện pháp nào.", "en": "This scenario has no measures."},
        "xp_value": {"vi": "{value} (trong tệp: {nominal})", "en": "{value} (file: {nominal})"},
        "xp_unit_percent": {"vi": "% phát thải còn lại của lĩnh vực", "en": "% of the sector's remaining emissions"},
        "xp_unit_absolute": {"vi": "triệu tấn CO₂tđ/năm", "en": "Mt CO₂e/yr"},
        "xp_unit_removals": {"vi": "triệu tấn CO₂tđ/năm hấp thụ thêm", "en": "Mt CO₂e/yr of added removals"},
        "xp_unit_intensity": {"vi": "%/năm cường độ phát thải", "en": "%/yr change of emission intensity"},
        "xp_unit_fuel_switch": {"vi": "% chuyển đổi nhiên liệu", "en": "% of the sector switched"},
        "xp_unit_ccs": {
            "vi": "% phát thải được bao phủ bởi thu giữ các-bon",
            "en": "% of emissions covered by capture",
        },
        "xp_growth_intro": {
            "vi": "Đây là phép thử độ nhạy: BAU được tính lại với tốc độ tăng trưởng bạn chọn, và các mục tiêu «thấp hơn "
            "BAU» được tính theo BAU đó (như sau khi lập lại BAU). Khi lưu, tệp kịch bản ghi các tốc độ này "
            "và mọi lần chạy tệp sẽ tính lại BAU như vậy, kèm lời lưu ý trong báo cáo. Muốn dùng làm BAU "
            "chính thức, hãy sửa mục tăng trưởng trong hồ sơ tỉnh rồi chạy lệnh netzero rebase.",
            "en": 'This is a sensitivity test: the BAU is re-projected with the growth you choose, and "below BAU" '
            "targets are measured against that BAU (as after re-basing it). Saving writes these rates into the "
            "scenario file, and every run of the file re-projects the BAU the same way, with a note in "
            "the report. To adopt them as the province's BAU, set them in the profile's growth and run netzero rebase.",
        },
        "xp_growth_none": {
            "vi": "BAU này được cố định không kèm dữ liệu đầu vào, nên không thể tính lại tăng trưởng.",
            "en": "This BAU was frozen without its inputs, so its growth cannot be re-projected.",
        },
        "xp_low": {"vi": "thấp", "en": "low"},
        "xp_central": {"vi": "trung bình", "en": "central"},
        "xp_high": {"vi": "cao", "en": "high"},
        "xp_growth_label": {"vi": "{driver}, {first}–{last} (%/năm)", "en": "{driver}, {first}–{last} (%/yr)"},
        "xp_growth_sectors": {"vi": "Áp dụng cho: {sectors}", "en": "Drives: {sectors}"},
        "xp_range_profile": {"vi": "thấp/cao theo hồ sơ tỉnh", "en": "low/high from the profile"},
        "xp_range_assumed": {
            "vi": "thấp/cao = ±1 điểm phần trăm (giả định của công cụ; hồ sơ không nêu khoảng)",
            "en": "low/high = ±1 percentage point (the explorer's assumption; the profile gives no range)",
        },
        "xp_driver|grdp": {"vi": "GRDP", "en": "GRDP"},
        "xp_driver|grdp_industry_construction": {
            "vi": "GRDP công nghiệp – xây dựng",
            "en": "Industry and construction GRDP",
        },
        "xp_driver|grdp_agriculture": {"vi": "GRDP nông, lâm nghiệp, thủy sản", "en": "Agriculture GRDP"},
        "xp_driver|grdp_services": {"vi": "GRDP dịch vụ", "en": "Services GRDP"},
        "xp_driver|population": {"vi": "Dân số", "en": "Population"},
        "xp_driver_other": {"vi": "Động lực của {sectors}", "en": "Driver of {sectors}"},
        "xp_save_path": {"vi": "Lưu vào tệp", "en": "Save to file"},
        "xp_save": {"vi": "Lưu thành kịch bản", "en": "Save as scenario"},
        "xp_load_path": {"vi": "Tệp kịch bản cần mở", "en": "Scenario file to load"},
        "xp_load": {"vi": "Mở kịch bản", "en": "Load scenario"},
        "xp_saved": {
            "vi": 'Đã lưu {path}. Chạy lại bằng: netzero pathways --province "{province}" --scenario-file '
            '"{path}" --out pathways.csv',
            "en": 'Saved {path}. Run it with: netzero pathways --province "{province}" --scenario-file '
            '"{path}" --out pathways.csv',
        },
        "xp_saved_growth": {
            "vi": "Tệp cũng ghi tăng trưởng BAU bạn chọn: khi chạy tệp, BAU được tính lại với tốc độ đó (phép thử độ "
            "nhạy, có lời lưu ý trong báo cáo).",
            "en": "The file also holds the BAU growth you chose: runs of it re-project the BAU with those rates (a "
            "sensitivity, noted in the report).",
        },
        "xp_loaded": {"vi": "Đã mở {path}.", "en": "Loaded {path}."},
        "xp_error": {"vi": "Không thực hiện được: {message}", "en": "Could not do it: {message}"},
        "xp_variant_label": {"vi": "{parent} — điều chỉnh trong công cụ khám phá", "en": "{parent} — explorer variant"},
        "xp_card_gap": {"vi": "Khoảng cách tới mục tiêu, {year}", "en": "Gap to the target, {year}"},
        "xp_gap_note": {
            "vi": "dương = còn thiếu; cần {required}, đạt {achieved}",
            "en": "positive = shortfall; required {required}, achieved {achieved}",
        },
        "xp_card_below": {"vi": "Thấp hơn BAU, {year}", "en": "Below BAU, {year}"},
        "xp_below_note": {"vi": "mục tiêu yêu cầu {required}", "en": "the target requires {required}"},
        "xp_below_note_bau": {"vi": "so với BAU {bau} triệu tấn", "en": "against a BAU of {bau} Mt"},
        "xp_card_balance": {"vi": "Phát thải ròng năm {year}", "en": "Net balance, {year}"},
        "xp_balance_note": {"vi": "gộp {gross}, hấp thụ {removals}", "en": "gross {gross}, removals {removals}"},
        "xp_card_pmet": {"vi": "Xác suất đạt mục tiêu", "en": "Probability of meeting it"},
        "xp_pmet_note": {"vi": "{n} lần mô phỏng Monte Carlo; {verdict}", "en": "{n} Monte Carlo draws; {verdict}"},
        "xp_pmet_none": {
            "vi": "tệp kịch bản không khai báo bất định",
            "en": "the scenario file declares no uncertainty",
        },
        "xp_verdict_met": {"vi": "đạt", "en": "met"},
        "xp_verdict_at_risk": {"vi": "có nguy cơ không đạt", "en": "at risk"},
        "xp_verdict_not_met": {"vi": "chưa đạt", "en": "not met"},
        "xp_timing": {"vi": "Tính lại trong {seconds} giây.", "en": "Recomputed in {seconds} s."},
        "xp_growth_changed": {
            "vi": "BAU đang được tính với tăng trưởng đã điều chỉnh (phép thử độ nhạy).",
            "en": "The BAU is re-projected with the growth you set (a sensitivity test).",
        },
        "xp_chart_title": {"vi": "Lộ trình phát thải ròng — {scenario}", "en": "Net emissions pathway — {scenario}"},
        "xp_bau_regrown": {"vi": "BAU với tăng trưởng đã chọn", "en": "BAU with the growth you set"},
        "xp_bau_frozen": {"vi": "BAU đã cố định", "en": "Frozen BAU"},
        "xp_as_file": {"vi": "{scenario} (theo tệp)", "en": "{scenario} (as in the file)"},
        "xp_band": {"vi": "Khoảng P5–P95, {n} lần mô phỏng", "en": "P5–P95 range, {n} draws"},
        "xp_target_mark": {"vi": "Mức mục tiêu: {target}", "en": "Target level: {target}"},
        "xp_figure": {"vi": "Chỉ tiêu", "en": "Figure"},
        "xp_figure_value": {"vi": "Giá trị", "en": "Value"},
        "xp_snapshot": {"vi": "Các con số của kịch bản khám phá", "en": "Figures of the scenario explored"},
        "xp_snapshot_note": {
            "vi": "Bảng và biểu đồ dưới đây cố định tại lúc ô này chạy: khi chạy toàn bộ sổ tay hoặc chạy theo lô, đó là "
            "kịch bản theo đúng giá trị trong tệp. Bảng điều khiển trực tiếp (phía trên, khi mở sổ tay này trong "
            "JupyterLab) thì tính lại mỗi khi di chuyển một thanh điều chỉnh.",
            "en": "The table and chart below are fixed when this cell runs: in a full run or a batch, that is the "
            "scenario exactly as in the file. The live panel (above, when this notebook is open in JupyterLab) is "
            "recomputed on every lever move.",
        },
        "xp_plain": {
            "vi": "Bảng khám phá lộ trình (tương tác khi mở trong JupyterLab)",
            "en": "Pathway explorer panel (interactive when opened in JupyterLab)",
        },
    }
)

UNIT_DIVISOR = {"absolute": T_PER_MT, "removals": T_PER_MT}  # shown in Mt, written in t CO2e


def driver_label(driver: str, sectors: tuple[str, ...], lang: str) -> str:
    """A driver's name (``grdp`` -> "GRDP"), or "driver of <sectors>" for a driver the catalogue does not name."""
    key = f"xp_driver|{driver}"
    from analysis.i18n import STRINGS

    if key in STRINGS:
        return t(key, lang)
    return t("xp_driver_other", lang, sectors=", ".join(sector_label(s, lang) for s in sectors))


def format_size(kind: str, value: float, lang: str) -> str:
    """A measure size in reader units (``absolute``/``removals`` in Mt CO2e/yr, the others in %)."""
    divisor = UNIT_DIVISOR.get(kind)
    if divisor:
        return f"{fmt_number(value / divisor, lang, 2)} {t('mtco2e_per_year', lang)}"
    return fmt_percent(value, lang, 1)


def _mt(value: float, lang: str, decimals: int = 2, sign: bool = False) -> str:
    return f"{fmt_number(value / T_PER_MT, lang, decimals, sign=sign)} {t('mtco2e', lang)}"


def _card(kind: str, title: str, value: str, note: str, tone: str, unit: str = "") -> str:
    colour = {"good": "#1B7837", "bad": "#B2182B", "warn": "#B35806"}.get(tone, "#222222")
    unit = f'<span style="font-size:0.55em;font-weight:400"> {html.escape(unit)}</span>' if unit else ""
    return (
        f'<div class="nz-card nz-card-{kind}" style="flex:1 1 0;min-width:10em;padding:0.4em 0.7em;'
        f"border:1px solid #DDDDDD;border-left:4px solid {colour};border-radius:4px;background:#FAFAFA;"
        f'line-height:1.3">'
        f'<div style="font-size:0.82em;color:#555555">{html.escape(title)}</div>'
        f'<div class="nz-value" style="font-size:1.5em;font-weight:600;color:{colour};white-space:nowrap">'
        f"{html.escape(value)}{unit}</div>"
        f'<div style="font-size:0.78em;color:#555555">{html.escape(note)}</div></div>'
    )


def headline_html(view, lang: str) -> str:
    """The four headline figures: gap to the target, % below BAU, net balance in 2050, P(met) with the verdict."""
    row, year = view.row, view.target.year
    gap = float(row["gap_mtco2e"]) * T_PER_MT
    tone = "good" if view.verdict == "met" else "warn" if view.verdict == "at risk" else "bad"
    cards = [
        _card(
            "gap",
            t("xp_card_gap", lang, year=year),
            fmt_number(gap / T_PER_MT, lang, 2, sign=True),
            t(
                "xp_gap_note",
                lang,
                required=_mt(row["required_mtco2e"] * T_PER_MT, lang),
                achieved=_mt(row["achieved_mtco2e"] * T_PER_MT, lang),
            ),
            tone,
            unit=t("mtco2e", lang),
        )
    ]
    bau = view.pathway.baseline.net()[view.pathway.baseline.year_index(year)]
    note = (
        t("xp_below_note", lang, required=fmt_percent(row["required_below_bau_pct"], lang))
        if view.target.kind == "percent_below_bau" and view.target.sector is None
        else t("xp_below_note_bau", lang, bau=fmt_number(bau / T_PER_MT, lang, 1))
    )
    cards.append(
        _card("below", t("xp_card_below", lang, year=year), fmt_percent(view.below_bau_pct, lang), note, "neutral")
    )
    cards.append(
        _card(
            "balance",
            t("xp_card_balance", lang, year=view.balance_year),
            fmt_number(view.net / T_PER_MT, lang, 2, sign=True),
            t(
                "xp_balance_note",
                lang,
                gross=fmt_number(view.gross / T_PER_MT, lang, 1),
                removals=fmt_number(view.removals / T_PER_MT, lang, 1),
            ),
            "good" if view.net <= 0 else "bad",
            unit=t("mtco2e", lang),
        )
    )
    words = t(f"xp_verdict_{view.verdict.replace(' ', '_')}", lang)
    if view.mc is None:
        cards.append(_card("pmet", t("xp_card_pmet", lang), "–", t("xp_pmet_none", lang) + f"; {words}", tone))
    else:
        cards.append(
            _card(
                "pmet",
                t("xp_card_pmet", lang),
                fmt_percent(100 * view.mc.probability_met, lang, 0),
                t("xp_pmet_note", lang, n=fmt_number(view.mc.n_draws, lang, 0), verdict=words),
                tone,
            )
        )
    return f'<div class="nz-headline" style="display:flex;gap:0.6em;flex-wrap:wrap">{"".join(cards)}</div>'
