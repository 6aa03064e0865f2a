"""Sentences about a province's inventory and business-as-usual (BAU) emissions, in Vietnamese or English.

Inputs: a :class:`~analysis.emissions.profile.ProvinceProfile`, a :class:`~analysis.emissions.baseline.Baseline`,
the downscaling validation table, the backtest summary, the two-BAU comparison and an LMDI decomposition.
Output: Markdown strings. Nothing here computes an emission figure.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.data.sectors import sector_keys
from analysis.i18n import add_strings, fmt_number, fmt_percent, sector_label, t
from analysis.narrative import MT

add_strings(
    {
        "bau_estimate_method": {
            "vi": "Kiểm kê năm cơ sở được ước tính bằng cách phân bổ phát thải quốc gia theo từng lĩnh vực cho 63 tỉnh, "
            "thành phố theo các chỉ tiêu đại diện của lĩnh vực đó (nhà máy nhiệt điện trên địa bàn, diện tích lúa "
            "và đàn vật nuôi, diện tích rừng, dân số thành thị và nông thôn, chất thải thu gom, vận tải đường bộ, "
            "vốn đầu tư công nghiệp, nơi khai thác than và dầu khí); tổng các tỉnh bằng đúng số liệu quốc gia. "
            "Phương pháp và kiểm chứng trong tài liệu phương pháp phân bổ của dự án.",
            "en": "The base-year inventory is estimated by allocating each national sector's emissions to the 63 provinces "
            "with that sector's proxies (the thermal plants in the province, paddy area and livestock, forest area, "
            "urban and rural population, waste collected, road transport, industrial investment, coal and oil and "
            "gas sites); the provinces add up exactly to the national figures. Method and validation in the "
            "project's downscaling notes.",
        },
        "bau_frozen_on": {"vi": "cố định ngày {date}", "en": "frozen on {date}"},
        "val_col_view": {"vi": "Cách tính", "en": "View"},
        "val_col_category": {"vi": "Nhóm nguồn", "en": "Category"},
        "val_col_published": {"vi": "Công bố (triệu tấn CO₂tđ)", "en": "Published (Mt CO₂e)"},
        "val_col_estimated": {"vi": "Ước tính (triệu tấn CO₂tđ)", "en": "Estimated (Mt CO₂e)"},
        "val_col_error": {"vi": "Sai số (%)", "en": "Error (%)"},
        "val_view_territorial": {"vi": "trên địa bàn", "en": "territorial"},
        "val_view_gpc_basic": {"vi": "theo GPC (cả điện tiêu thụ)", "en": "GPC (with electricity consumed)"},
        "drv_col_variable": {"vi": "Chỉ tiêu", "en": "Indicator"},
        "drv_col_unit": {"vi": "Đơn vị", "en": "Unit"},
        "hist_population": {"vi": "Dân số trung bình", "en": "Average population"},
        "hist_urban_population": {"vi": "Dân số thành thị", "en": "Urban population"},
        "hist_paddy_area": {"vi": "Diện tích gieo trồng lúa", "en": "Paddy planted area"},
        "hist_forest_area": {"vi": "Diện tích rừng", "en": "Forest area"},
        "hist_grdp": {"vi": "GRDP", "en": "GRDP"},
        "unit_thousand persons": {"vi": "nghìn người", "en": "thousand persons"},
        "unit_thousand ha": {"vi": "nghìn ha", "en": "thousand ha"},
        "inv_col_sector": {"vi": "Lĩnh vực", "en": "Sector"},
        "inv_col_mt": {"vi": "Phát thải (triệu tấn CO₂tđ)", "en": "Emissions (Mt CO₂e)"},
        "inv_col_share": {"vi": "Tỷ trọng phát thải gộp (%)", "en": "Share of gross (%)"},
        "inv_col_note": {"vi": "Ghi chú", "en": "Note"},
        "lmdi_col_step": {"vi": "Bước", "en": "Step"},
        "lmdi_col_value": {"vi": "Giá trị (triệu tấn CO₂tđ)", "en": "Value (Mt CO₂e)"},
        "lmdi_col_cumulative": {"vi": "Luỹ kế (triệu tấn CO₂tđ)", "en": "Cumulative (Mt CO₂e)"},
        "bau_lmdi_missing": {"vi": "Chưa phân rã được theo LMDI: {reason}.", "en": "No LMDI decomposition: {reason}."},
        "bau_heading": {
            "vi": "Kiểm kê và kịch bản phát triển thông thường (BAU) của {province}",
            "en": "Inventory and business-as-usual (BAU) emissions of {province}",
        },
        "bau_sec_inventory": {"vi": "Kiểm kê khí nhà kính năm cơ sở", "en": "Base-year greenhouse-gas inventory"},
        "bau_sec_validation": {"vi": "Kiểm chứng phương pháp ước tính", "en": "How good is the estimate"},
        "bau_sec_drivers": {"vi": "Động lực tăng trưởng", "en": "Drivers"},
        "bau_sec_driver_bau": {"vi": "BAU theo động lực tăng trưởng", "en": "Driver-based BAU"},
        "bau_sec_statistical": {
            "vi": "Dự báo thống kê (chuỗi quốc gia)",
            "en": "Statistical forecasts (national series)",
        },
        "bau_sec_backtest": {"vi": "Kiểm định dự báo quá khứ", "en": "Backtest"},
        "bau_sec_compare": {"vi": "Ba cách xác định BAU", "en": "Three views of the BAU"},
        "bau_sec_assumptions": {"vi": "Giả định của kịch bản BAU", "en": "The BAU's assumptions"},
        "bau_sec_lmdi": {"vi": "Phân rã tăng phát thải (LMDI)", "en": "What drives the BAU growth (LMDI)"},
        "bau_estimate_banner": {
            "vi": "**Lưu ý: đây là ước tính sơ bộ — cần thay bằng số liệu kiểm kê chính thức.** {note}",
            "en": "**Note: indicative estimate — replace with the official inventory.** {note}",
        },
        "bau_inventory": {
            "vi": "Năm {year}, tổng phát thải gộp của {province} ước khoảng **{gross} triệu tấn CO₂tđ**, hấp thụ "
            "ròng {removals} triệu tấn, phát thải ròng {net} triệu tấn (GWP {gwp}). Lĩnh vực lớn nhất là "
            "{sector} ({share} tổng phát thải gộp).",
            "en": "In {year}, {province}'s gross emissions are about **{gross} Mt CO₂e**, net removals {removals} Mt and "
            "net emissions {net} Mt ({gwp} GWP100). The largest sector is {sector} ({share} of gross emissions).",
        },
        "bau_validation": {
            "vi": "Áp dụng cùng phương pháp cho TP. Hồ Chí Minh năm 2013 (kiểm kê công bố theo GPC: {published} triệu "
            "tấn), ước tính phát thải trên địa bàn là {estimate} triệu tấn ({error}); tính như GPC, cộng cả phát "
            "thải của điện tiêu thụ trong thành phố, ước tính là {gpc} triệu tấn ({gpc_error}). Sai lệch theo từng "
            "nhóm lớn hơn tổng (giao thông thấp hơn nhiều, nhóm nguồn khác cao hơn): cần đọc mọi con số ước tính "
            "với sai số này.",
            "en": "Applied to TP. Hồ Chí Minh in 2013 (published GPC inventory: {published} Mt), the method estimates "
            "{estimate} Mt emitted in the city ({error}); counted like GPC, with the electricity the city consumes, "
            "{gpc} Mt ({gpc_error}). The errors by category are larger than the total's (transport far too low, "
            "other sources too high): read every estimated figure with them in mind.",
        },
        "bau_projection": {
            "vi": "Theo kịch bản BAU, phát thải ròng tăng từ {e0} triệu tấn năm {y0} lên **{e1} triệu tấn năm {y1}** "
            "(gấp {ratio} lần) và {e2} triệu tấn năm {y2}. BAU được {vintage}; mọi mục tiêu "
            '"giảm so với BAU" trong báo cáo tính theo BAU này.',
            "en": "Under BAU, net emissions grow from {e0} Mt in {y0} to **{e1} Mt in {y1}** ({ratio}×) and {e2} Mt in "
            '{y2}. The BAU is {vintage}; every "below BAU" target in this report refers to it.',
        },
        "bau_backtest": {
            "vi": "Kiểm định dự báo quá khứ trên chuỗi CO₂ quốc gia{period}: {origins}. Mốc so sánh là mô hình xu hướng "
            "ngây thơ (kéo dài mức thay đổi bình quân hằng năm); ở tầm dự báo {h} năm, sai số phần trăm tuyệt đối "
            "trung bình (MAPE) của mốc này là {mape}. Một mô hình được coi là tốt hơn mốc so sánh khi cả sai số "
            "tuyệt đối trung bình và sai số phần trăm trung bình đều thấp hơn.",
            "en": "Backtest on the national CO₂ series{period}: {origins}. The baseline is the naive drift model, which "
            "extends the average yearly change; at a {h}-year horizon it misses by {mape} on average (mean "
            "absolute percentage error, MAPE). A model beats the baseline when both its average error in tonnes "
            "and its average error in per cent are lower.",
        },
        "bau_backtest_origins": {
            "vi": "dự báo lập từ mỗi năm {o1}–{o2} được so với số liệu thực tế",
            "en": "forecasts made from each year {o1}–{o2} are compared with what happened",
        },
        "bau_backtest_origins_unknown": {
            "vi": "dự báo lập từ các năm trong quá khứ được so với số liệu thực tế",
            "en": "forecasts made from past years are compared with what happened",
        },
        "bau_backtest_ex_post": {
            "vi": ", được chấm điểm với GDP thực tế đã biết",
            "en": ", scored with the GDP that actually happened",
        },
        "bau_backtest_beating": {
            "vi": "Tốt hơn mốc so sánh ở tầm này: {items}.",
            "en": "Models that beat it at this horizon: {items}.",
        },
        "bau_backtest_item": {
            "vi": "{model} (MAPE {mape}, bằng {rel} sai số của mốc so sánh)",
            "en": "{model} (MAPE {mape}, {rel} of the baseline's error)",
        },
        "bau_backtest_losing": {
            "vi": "Không tốt hơn mốc so sánh: {names}; không dùng làm BAU thống kê chính.",
            "en": "Not better than the baseline: {names}; not used as the headline statistical BAU.",
        },
        "bau_backtest_none": {
            "vi": "Ở tầm này không có mô hình thống kê nào tốt hơn mốc so sánh.",
            "en": "No statistical model beats the baseline at this horizon.",
        },
        "bau_backtest_headline": {
            "vi": "Vì vậy BAU thống kê chính là {model}.",
            "en": "The headline statistical BAU is therefore {model}.",
        },
        "bau_backtest_headline_drift": {
            "vi": "Vì vậy BAU thống kê chính là chính mô hình xu hướng ngây thơ; các mô hình khác chỉ để tham khảo.",
            "en": "The headline statistical BAU is therefore the naive drift baseline itself; the other models are shown "
            "for comparison only.",
        },
        "bau_bt_col_model": {"vi": "Mô hình", "en": "Model"},
        "bau_bt_col_horizon": {"vi": "Tầm dự báo (năm)", "en": "Horizon (years)"},
        "bau_bt_col_n": {"vi": "Số lần dự báo", "en": "Forecasts scored"},
        "bau_bt_col_mae": {"vi": "Sai số tuyệt đối trung bình (triệu tấn CO₂)", "en": "Mean absolute error (Mt CO₂)"},
        "bau_bt_col_mape": {"vi": "Sai số phần trăm trung bình (%)", "en": "Mean absolute percentage error (%)"},
        "bau_bt_col_ratio": {"vi": "Sai số so với mốc so sánh (lần)", "en": "Error relative to the baseline (×)"},
        "bau_bt_col_beats": {"vi": "So với mốc so sánh", "en": "Against the baseline"},
        "bau_bt_baseline": {"vi": "mốc so sánh", "en": "the baseline"},
        "bau_bt_beats": {"vi": "tốt hơn", "en": "beats it"},
        "bau_bt_loses": {"vi": "không tốt hơn", "en": "does not beat it"},
        "bau_model_drift": {"vi": "mô hình xu hướng ngây thơ", "en": "the naive drift model"},
        "bau_model_ets": {
            "vi": "mô hình làm trơn hàm mũ Holt trên logarit",
            "en": "Holt's exponential smoothing on logarithms",
        },
        "bau_model_arima": {"vi": "mô hình ARIMA trên logarit", "en": "ARIMA on logarithms"},
        "bau_model_loglog_gdp": {"vi": "hồi quy log-log theo GDP", "en": "the log-log regression on GDP"},
        "bau_model_other": {"vi": "một mô hình khác", "en": "another model"},
        "bau_compare": {
            "vi": "Năm {year}, BAU theo động lực là {driver} triệu tấn, BAU thống kê là {stat} triệu tấn "
            "(khoảng {lower}–{upper}); chênh lệch {diff} ({pct}). {inside}",
            "en": "In {year}, the driver-based BAU is {driver} Mt and the statistical BAU {stat} Mt "
            "(interval {lower}–{upper}); the difference is {diff} ({pct}). {inside}",
        },
        "bau_inside": {
            "vi": "BAU theo động lực nằm trong khoảng dự báo thống kê.",
            "en": "The driver-based BAU lies inside the statistical interval.",
        },
        "bau_outside": {
            "vi": "BAU theo động lực nằm ngoài khoảng dự báo thống kê: cần xem lại giả định tăng trưởng.",
            "en": "The driver-based BAU lies outside the statistical interval: review the growth assumptions.",
        },
        "bau_lmdi": {
            "vi": "Từ {y0} đến {y1}, phát thải gộp theo BAU thay đổi {change} triệu tấn; yếu tố đóng góp lớn nhất là "
            "{factor} ({effect} triệu tấn).",
            "en": "From {y0} to {y1}, BAU gross emissions change by {change} Mt; the largest contribution is "
            "{factor} ({effect} Mt).",
        },
        "factor_population": {"vi": "dân số", "en": "population"},
        "factor_grdp_per_capita": {"vi": "GRDP bình quân đầu người", "en": "GRDP per capita"},
        "factor_emission_intensity": {"vi": "cường độ phát thải", "en": "emission intensity"},
        "factor_energy_intensity": {"vi": "cường độ năng lượng", "en": "energy intensity"},
        "factor_carbon_intensity": {"vi": "cường độ các-bon", "en": "carbon intensity"},
        "factor_structure": {"vi": "cơ cấu kinh tế", "en": "economic structure"},
    }
)


def _mt(value: float, lang: str, decimals: int = 1) -> str:
    return fmt_number(value / MT, lang, decimals)


def describe_inventory(baseline, lang: str) -> str:
    """Base-year gross, removals, net and the largest sector."""
    gross, removals, net = baseline.gross()[0], baseline.removals()[0], baseline.net()[0]
    e0 = baseline.emissions[:, 0].copy()
    e0[np.asarray(baseline.sectors) == "LULUCF"] = -np.inf
    top = int(np.argmax(e0))
    return t(
        "bau_inventory",
        lang,
        year=baseline.base_year,
        province=baseline.province,
        gross=_mt(gross, lang),
        removals=_mt(-removals, lang),
        net=_mt(net, lang),
        gwp=baseline.gwp,
        sector=sector_label(baseline.sectors[top], lang),
        share=fmt_percent(100 * e0[top] / gross, lang, 0),
    )


def describe_estimate(baseline, lang: str) -> str:
    """The estimate banner (empty for an official inventory); the method note is the profile's own in English."""
    if not baseline.is_estimate:
        return ""
    return t("bau_estimate_banner", lang, note=t("bau_estimate_method", lang))


def vintage_text(vintage: str, lang: str) -> str:
    """When the BAU was frozen, in words (``frozen 2026-12-02; inputs sha256 …`` -> "cố định ngày 02/12/2026"); the
    hash stays in the run's manifest and footer, not in the text."""
    import datetime as dt
    import re

    from analysis.i18n import fmt_date

    dates = sorted({dt.date.fromisoformat(d) for d in re.findall(r"\d{4}-\d{2}-\d{2}", vintage)})
    if not dates:
        return ""
    return t("bau_frozen_on", lang, date=", ".join(fmt_date(d, lang) for d in dates))


def inventory_table(baseline, lang: str) -> pd.DataFrame:
    """Base-year emissions by sector in Mt CO2e with the share of gross emissions; a sector that was not
    estimated has an empty value and says so (never 0)."""
    e0 = baseline.emissions[:, 0]
    gross = baseline.gross()[0]
    rows = {s: (v / MT, 100 * v / gross if v > 0 else np.nan, "") for s, v in zip(baseline.sectors, e0, strict=True)}
    for s, reason in baseline.missing.items():
        rows[s] = (np.nan, np.nan, f"{t('not_estimated', lang)}: {reason}")
    order = [s for s in sector_keys() if s in rows]
    return pd.DataFrame(
        {
            t("inv_col_sector", lang): [sector_label(s, lang) for s in order],
            t("inv_col_mt", lang): [rows[s][0] for s in order],
            t("inv_col_share", lang): [rows[s][1] for s in order],
            t("inv_col_note", lang): [rows[s][2] for s in order],
        }
    )


def drivers_table(drivers: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Driver history as indicators (rows) by year (columns), in the reader's words; the sources stay in the profile
    files and the workbook. For a 2025 unit the province is named on each row."""
    from analysis.i18n import STRINGS

    frame = drivers.copy()
    frame["indicator"] = [t(f"hist_{v}", lang) if f"hist_{v}" in STRINGS else v for v in frame["variable"]]
    frame["unit_text"] = [t(f"unit_{u}", lang) if f"unit_{u}" in STRINGS else u for u in frame["unit"]]
    keys = ["province", "indicator", "unit_text"] if frame["province"].nunique() > 1 else ["indicator", "unit_text"]
    wide = frame.pivot_table(index=keys, columns="year", values="value", aggfunc="first").reset_index()
    wide.columns = [str(c) for c in wide.columns]
    return wide.rename(
        columns={
            "province": t("province", lang),
            "indicator": t("drv_col_variable", lang),
            "unit_text": t("drv_col_unit", lang),
        }
    )


def validation_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The validation against the published TP. Hồ Chí Minh 2013 inventory, both views, in the reader's words."""
    return pd.DataFrame(
        {
            t("val_col_view", lang): [t(f"val_view_{v}", lang) for v in table["view"]],
            t("val_col_category", lang): [t(f"inv_cat_{c}", lang) for c in table["category"]],
            t("val_col_published", lang): table["published_mtco2e"],
            t("val_col_estimated", lang): table["estimated_mtco2e"],
            t("val_col_error", lang): table["error_pct"],
        }
    )


def bau_table(baseline) -> pd.DataFrame:
    """The BAU by year (rows) and sector (columns), Mt CO2e, for the workbook."""
    frame = baseline.to_frame()
    frame["emissions_mtco2e"] = frame.pop("emissions_tco2e") / MT
    return frame.pivot(index="year", columns="sector", values="emissions_mtco2e").reset_index()


def lmdi_table(decomposition, lang: str) -> pd.DataFrame:
    """The effects of an LMDI decomposition in Mt CO2e, factors named in ``lang``."""
    frame = decomposition.to_frame()
    return pd.DataFrame(
        {
            t("lmdi_col_step", lang): [factor_label(str(s), lang) for s in frame["step"]],
            t("lmdi_col_value", lang): frame["value"] / MT,
            t("lmdi_col_cumulative", lang): frame["cumulative"] / MT,
        }
    )


def describe_validation(table: pd.DataFrame, lang: str) -> str:
    """The estimate of TP. Hồ Chí Minh 2013 against its published (GPC) inventory, in both views."""
    totals = table[table["category"].astype(str).str.lower() == "total"].set_index("view")
    territorial, gpc = totals.loc["territorial"], totals.loc["gpc_basic"]
    return t(
        "bau_validation",
        lang,
        published=fmt_number(float(gpc["published_mtco2e"]), lang),
        estimate=fmt_number(float(territorial["estimated_mtco2e"]), lang),
        error=fmt_percent(float(territorial["error_pct"]), lang, 0, sign=True),
        gpc=fmt_number(float(gpc["estimated_mtco2e"]), lang),
        gpc_error=fmt_percent(float(gpc["error_pct"]), lang, 0, sign=True),
    )


def describe_projection(baseline, target_year: int, lang: str) -> str:
    net = baseline.net()
    i1 = baseline.year_index(target_year)
    return t(
        "bau_projection",
        lang,
        e0=_mt(net[0], lang),
        y0=baseline.base_year,
        e1=_mt(net[i1], lang),
        y1=target_year,
        ratio=fmt_number(net[i1] / net[0], lang, 1),
        e2=_mt(net[-1], lang),
        y2=int(baseline.years[-1]),
        vintage=vintage_text(baseline.vintage, lang),
    )


def model_name(model: str, lang: str) -> str:
    """A statistical model in words (``arima`` -> "ARIMA on logarithms")."""
    from analysis.i18n import STRINGS

    key = f"bau_model_{model}"
    return t(key if key in STRINGS else "bau_model_other", lang)


def describe_backtest(summary: pd.DataFrame, lang: str, horizon: int | None = None) -> str:
    """The backtest against the drift baseline at ``horizon`` (default: the longest), which models beat it, and
    which model is the headline statistical BAU (:func:`~analysis.emissions.backtest.pick_headline_model`).

    ``summary`` is :attr:`Backtest.summary` (its ``attrs`` give the series' years and origins when present).
    """
    from analysis.emissions.backtest import pick_headline_model

    pick = pick_headline_model(summary, horizon)
    at = summary[summary["horizon"] == pick.horizon].set_index("model")
    attrs = summary.attrs
    period = f" {attrs['first_year']}–{attrs['last_year']}" if {"first_year", "last_year"} <= set(attrs) else ""
    origins = (
        t("bau_backtest_origins", lang, o1=attrs["first_origin"], o2=attrs["last_year"] - 1)
        if {"first_origin", "last_year"} <= set(attrs)
        else t("bau_backtest_origins_unknown", lang)
    )
    words = [
        t(
            "bau_backtest",
            lang,
            period=period,
            origins=origins,
            h=pick.horizon,
            mape=fmt_percent(pick.drift_mape_pct, lang),
        )
    ]
    if pick.beating:
        items = [
            t(
                "bau_backtest_item",
                lang,
                mape=fmt_percent(at.loc[m, "mape_pct"], lang),
                model=model_name(m, lang) + (t("bau_backtest_ex_post", lang) if m == "loglog_gdp" else ""),
                rel=fmt_percent(100 * at.loc[m, "mae_vs_drift"], lang, 0),
            )
            for m in pick.beating
        ]
        words.append(t("bau_backtest_beating", lang, items="; ".join(items)))
    else:
        words.append(t("bau_backtest_none", lang))
    losing = [m for m in at.index if m != "drift" and m not in pick.beating]
    if losing:
        words.append(t("bau_backtest_losing", lang, names="; ".join(model_name(m, lang) for m in losing)))
    words.append(
        t("bau_backtest_headline", lang, model=model_name(pick.model, lang))
        if pick.beating
        else t("bau_backtest_headline_drift", lang)
    )
    return " ".join(words)


def backtest_table(summary: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The backtest summary for readers: model names in words, drift marked as the baseline, and for every other
    model and horizon whether it beats it."""
    beats = summary["beats_drift"] if "beats_drift" in summary.columns else pd.Series(False, index=summary.index)
    verdicts = [
        t("bau_bt_baseline", lang) if m == "drift" else t("bau_bt_beats" if b else "bau_bt_loses", lang)
        for m, b in zip(summary["model"], beats, strict=True)
    ]
    return pd.DataFrame(
        {
            t("bau_bt_col_model", lang): [model_name(m, lang) for m in summary["model"]],
            t("bau_bt_col_horizon", lang): summary["horizon"].to_numpy(),
            t("bau_bt_col_n", lang): summary["n"].to_numpy(),
            t("bau_bt_col_mae", lang): summary["mae"].to_numpy(),
            t("bau_bt_col_mape", lang): summary["mape_pct"].to_numpy(),
            t("bau_bt_col_ratio", lang): summary["mae_vs_drift"].to_numpy(),
            t("bau_bt_col_beats", lang): verdicts,
        }
    )


def factor_label(name: str, lang: str) -> str:
    key = f"factor_{name}"
    from analysis.i18n import STRINGS

    return t(key, lang) if key in STRINGS else name


def describe_lmdi(decomposition, y0: int, y1: int, lang: str) -> str:
    effects = decomposition.effects
    top = effects.abs().idxmax()
    return t(
        "bau_lmdi",
        lang,
        y0=y0,
        y1=y1,
        change=fmt_number(decomposition.change / MT, lang, 1, sign=True),
        factor=factor_label(top, lang),
        effect=fmt_number(effects[top] / MT, lang, 1, sign=True),
    )
