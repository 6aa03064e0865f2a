"""Sentences about mitigation pathways and targets, written from the numbers, in Vietnamese or English.

Inputs: pathways (:mod:`analysis.emissions.pathways`), the target table (:func:`analysis.emissions.targets.evaluate_targets`),
the MACC and target cost (:mod:`analysis.emissions.macc`), Monte Carlo results and the tornado.
Output: Markdown strings and small display tables. Nothing here computes an emission figure.
"""

from __future__ import annotations

import pandas as pd

from analysis.i18n import add_strings, fmt_number, fmt_percent, t
from analysis.narrative import MT
from analysis.narrative.bau import kaya_state  # noqa: F401 (re-exported for the notebooks)

add_strings({
    "pw_heading": {"vi": "Lộ trình giảm phát thải của {province}", "en": "Mitigation pathways of {province}"},
    "pw_sec_scenarios": {"vi": "Các kịch bản so với BAU", "en": "Scenarios against BAU"},
    "pw_sec_wedges": {"vi": "Đóng góp của từng giải pháp", "en": "What each measure contributes"},
    "pw_sec_waterfall": {"vi": "Từ BAU đến kịch bản năm {year}", "en": "From BAU to the scenario in {year}"},
    "pw_sec_targets": {"vi": "Đánh giá mục tiêu", "en": "Targets"},
    "pw_sec_netzero": {"vi": "Phát thải gộp, hấp thụ và phát thải ròng", "en": "Gross emissions, removals and net"},
    "pw_sec_macc": {"vi": "Đường chi phí giảm phát thải biên (MACC)", "en": "Marginal abatement cost curve (MACC)"},
    "pw_sec_lmdi": {"vi": "Phân rã thay đổi phát thải (LMDI)", "en": "Decomposition of the change (LMDI)"},
    "pw_sec_uncertainty": {"vi": "Độ bất định", "en": "Uncertainty"},
    "pw_scenario_line": {
        "vi": "- **{label}**: năm {year} phát thải ròng {value} triệu tấn CO₂tđ, thấp hơn BAU {pct}.",
        "en": "- **{label}**: net emissions of {value} Mt CO₂e in {year}, {pct} below BAU.",
    },
    "pw_headline_met": {
        "vi": "Với kịch bản *{label}*, năm {year} phát thải thấp hơn BAU **{pct}**, **đạt** mục tiêu giảm {target} của "
              "tỉnh (vượt {margin} triệu tấn CO₂tđ).",
        "en": "With the *{label}* scenario, {year} emissions are **{pct} below BAU**: the province's {target} target is "
              "**met** (by a margin of {margin} Mt CO₂e).",
    },
    "pw_headline_not_met": {
        "vi": "Với kịch bản *{label}*, năm {year} phát thải thấp hơn BAU **{pct}**, **chưa đạt** mục tiêu giảm {target} "
              "của tỉnh: cần giảm thêm **{gap} triệu tấn CO₂tđ**.",
        "en": "With the *{label}* scenario, {year} emissions are **{pct} below BAU**: the province's {target} target is "
              "**not met**; a further **{gap} Mt CO₂e** must be cut.",
    },
    "pw_targets_summary": {
        "vi": "Kịch bản *{label}* đạt {met}/{n} mục tiêu được xét.",
        "en": "The *{label}* scenario meets {met} of the {n} targets checked.",
    },
    "pw_netzero": {
        "vi": "Năm {year}, kịch bản *{label}* còn {gross} triệu tấn phát thải gộp, hấp thụ {removals} triệu tấn, phát thải "
              "ròng {net} triệu tấn: {verdict}",
        "en": "In {year}, the *{label}* scenario keeps {gross} Mt of gross emissions against {removals} Mt of removals, "
              "net {net} Mt: {verdict}",
    },
    "pw_netzero_yes": {"vi": "đạt phát thải ròng bằng 0.", "en": "net zero is reached."},
    "pw_netzero_no": {"vi": "chưa đạt phát thải ròng bằng 0.", "en": "net zero is not reached."},
    "pw_macc": {
        "vi": "Để đạt mục tiêu năm {year} cần giảm {needed} triệu tấn CO₂tđ; theo thứ tự chi phí, các giải pháp rẻ nhất "
              "đủ đáp ứng với tổng chi phí khoảng {cost} triệu USD/năm (chi phí biên {marginal} USD/tCO₂tđ). Chi phí "
              "là giả định minh hoạ, cần thay bằng số liệu dự án.",
        "en": "Meeting the {year} target takes {needed} Mt CO₂e of abatement; taken in cost order, the cheapest measures "
              "deliver it for about {cost} million USD a year (marginal cost {marginal} USD/tCO₂e). Costs are "
              "illustrative assumptions, to be replaced with project data.",
    },
    "pw_macc_short": {
        "vi": "Các giải pháp trong kịch bản chưa đủ để đạt mục tiêu năm {year}: còn thiếu {short} triệu tấn CO₂tđ.",
        "en": "The scenario's measures are not enough for the {year} target: {short} Mt CO₂e short.",
    },
    "pw_probability": {
        "vi": "Qua {draws} lần mô phỏng Monte Carlo (tăng trưởng, hệ số co giãn, cường độ phát thải, hiệu quả giải pháp, "
              "hệ số phát thải), xác suất kịch bản *{label}* đạt mục tiêu {target} là **{p}**.",
        "en": "Over {draws} Monte Carlo draws (growth, elasticities, intensity trends, measure effectiveness, emission "
              "factors), the probability that the *{label}* scenario meets the {target} target is **{p}**.",
    },
    "pw_tornado": {
        "vi": "Yếu tố bất định lớn nhất đối với khoảng cách đến mục tiêu năm {year} là {param} (dao động {swing} triệu tấn).",
        "en": "The largest single uncertainty in the {year} gap is {param} (a swing of {swing} Mt).",
    },
    "pw_lmdi": {
        "vi": "Từ {y0} đến {y1}, phát thải gộp của kịch bản *{label}* thay đổi {change} triệu tấn: dân số {pop}, GRDP "
              "bình quân đầu người {gdp}, cường độ phát thải {intensity} triệu tấn.",
        "en": "From {y0} to {y1}, gross emissions of the *{label}* scenario change by {change} Mt: population {pop}, GRDP "
              "per capita {gdp}, emission intensity {intensity} Mt.",
    },
    "pw_col_scenario": {"vi": "Kịch bản", "en": "Scenario"},
    "pw_col_net": {"vi": "Phát thải ròng {year} (triệu tấn)", "en": "Net {year} (Mt)"},
    "pw_col_below": {"vi": "Thấp hơn BAU (%)", "en": "Below BAU (%)"},
    "pw_col_target": {"vi": "Mục tiêu", "en": "Target"},
    "pw_col_year": {"vi": "Năm", "en": "Year"},
    "pw_col_required": {"vi": "Yêu cầu (triệu tấn)", "en": "Required (Mt)"},
    "pw_col_achieved": {"vi": "Đạt được (triệu tấn)", "en": "Achieved (Mt)"},
    "pw_col_gap": {"vi": "Khoảng cách (triệu tấn)", "en": "Gap (Mt)"},
    "pw_col_met": {"vi": "Kết quả", "en": "Status"},
})


def label_of(pathway, lang: str) -> str:
    label = pathway.scenario.label
    return label.get(lang, pathway.name) if isinstance(label, dict) else str(label or pathway.name)


def percent_below_bau(pathway, year: int) -> float:
    i = pathway.baseline.year_index(year)
    bau = pathway.baseline.net()[i]
    return 100.0 * (bau - pathway.net()[i]) / bau


def scenario_table(pathways: dict, year: int, lang: str) -> pd.DataFrame:
    """Net emissions in ``year`` and the percentage below BAU for each scenario."""
    rows = [{t("pw_col_scenario", lang): label_of(p, lang),
             t("pw_col_net", lang, year=year): p.net()[p.baseline.year_index(year)] / MT,
             t("pw_col_below", lang): percent_below_bau(p, year)} for p in pathways.values()]
    return pd.DataFrame(rows)


def describe_scenarios(pathways: dict, year: int, lang: str) -> str:
    lines = []
    for p in pathways.values():
        if p.name == "bau":
            continue
        lines.append(t("pw_scenario_line", lang, label=label_of(p, lang), year=year,
                       value=fmt_number(p.net()[p.baseline.year_index(year)] / MT, lang, 1),
                       pct=fmt_percent(percent_below_bau(p, year), lang, 1)))
    return "\n".join(lines)


def describe_headline(pathway, target_row: pd.Series, lang: str) -> str:
    """The province's own target in words: percentage below BAU, met or not, gap in Mt."""
    year = int(target_row["year"])
    pct = float(target_row["achieved_below_bau_pct"])
    target = fmt_percent(float(target_row["required_below_bau_pct"]), lang, 0)
    if bool(target_row["met"]):
        margin = float(target_row["required_mtco2e"]) - float(target_row["achieved_mtco2e"])
        return t("pw_headline_met", lang, label=label_of(pathway, lang), year=year, pct=fmt_percent(pct, lang, 1),
                 target=target, margin=fmt_number(margin, lang, 1))
    return t("pw_headline_not_met", lang, label=label_of(pathway, lang), year=year, pct=fmt_percent(pct, lang, 1),
             target=target, gap=fmt_number(float(target_row["gap_mtco2e"]), lang, 1))


def target_table(evaluated: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The target result table with localised headers (required, achieved, gap in Mt CO2e; met or not)."""
    return pd.DataFrame({
        t("pw_col_target", lang): evaluated["target"],
        t("pw_col_year", lang): evaluated["year"].astype(int),
        t("pw_col_required", lang): evaluated["required_mtco2e"],
        t("pw_col_achieved", lang): evaluated["achieved_mtco2e"],
        t("pw_col_gap", lang): evaluated["gap_mtco2e"],
        t("pw_col_met", lang): [t("met" if m else "not_met", lang) for m in evaluated["met"]],
    })


def describe_targets(pathway, evaluated: pd.DataFrame, lang: str) -> str:
    return t("pw_targets_summary", lang, label=label_of(pathway, lang), met=int(evaluated["met"].sum()),
             n=len(evaluated))


def describe_net_zero(pathway, year: int, lang: str) -> str:
    i = pathway.baseline.year_index(year)
    gross, removals, net = pathway.gross()[i], pathway.removals()[i], pathway.net()[i]
    return t("pw_netzero", lang, year=year, label=label_of(pathway, lang), gross=fmt_number(gross / MT, lang, 1),
             removals=fmt_number(-removals / MT, lang, 1), net=fmt_number(net / MT, lang, 1),
             verdict=t("pw_netzero_yes" if net <= 0 else "pw_netzero_no", lang))


def describe_macc(cost: dict, lang: str) -> str:
    if not cost.get("reachable"):
        return t("pw_macc_short", lang, year=cost["year"], short=fmt_number(cost["shortfall_mtco2e"], lang, 2))
    return t("pw_macc", lang, year=cost["year"], needed=fmt_number(cost["needed_mtco2e"], lang, 2),
             cost=fmt_number(cost["cost_musd_per_year"], lang, 1), marginal=fmt_number(cost["marginal_usd_per_tco2e"], lang, 0))


def describe_probability(probabilities: pd.DataFrame, pathway, target_id: str, target_label: str, n_draws: int,
                         lang: str) -> str:
    row = probabilities[(probabilities["scenario"] == pathway.name) & (probabilities["target_id"] == target_id)]
    p = float(row["probability_met"].iloc[0]) if len(row) else float("nan")
    return t("pw_probability", lang, draws=fmt_number(n_draws, lang, 0), label=label_of(pathway, lang),
             target=target_label, p=fmt_percent(100 * p, lang, 0))


def describe_tornado(tornado: pd.DataFrame, year: int, lang: str) -> str:
    top = tornado.sort_values("swing_mtco2e", ascending=False).iloc[0]
    return t("pw_tornado", lang, year=year, param=top["parameter"], swing=fmt_number(top["swing_mtco2e"], lang, 1))


def describe_lmdi(decomposition, pathway, y0: int, y1: int, lang: str) -> str:
    e = decomposition.effects / MT
    return t("pw_lmdi", lang, y0=y0, y1=y1, label=label_of(pathway, lang),
             change=fmt_number(decomposition.change / MT, lang, 1, sign=True),
             pop=fmt_number(e.get("population", 0.0), lang, 1, sign=True),
             gdp=fmt_number(e.get("grdp_per_capita", 0.0), lang, 1, sign=True),
             intensity=fmt_number(e.get("emission_intensity", 0.0), lang, 1, sign=True))


NOISY_COLUMNS = ("is_estimate", "estimate_note", "basis", "source", "cost_basis", "measures_note")


def for_display(frame: pd.DataFrame) -> pd.DataFrame:
    """The table without the per-row provenance columns (the report states them once, in its banner and footer)."""
    return frame.drop(columns=[c for c in NOISY_COLUMNS if c in frame.columns])


add_strings({
    "sum_heading": {"vi": "Tóm tắt: lộ trình Net Zero và Chỉ số Xanh của {province}",
                    "en": "Summary: the Net Zero path and Green Index of {province}"},
    "sum_key_figures": {"vi": "Các con số chính", "en": "Key figures"},
    "sum_charts": {"vi": "Ba biểu đồ chính", "en": "Three key charts"},
    "sum_col_item": {"vi": "Chỉ tiêu", "en": "Item"},
    "sum_col_value": {"vi": "Giá trị", "en": "Value"},
    "sum_base": {"vi": "Phát thải ròng năm cơ sở {year} (triệu tấn CO₂tđ)", "en": "Net emissions, base year {year} (Mt CO₂e)"},
    "sum_bau": {"vi": "BAU năm {year} (triệu tấn CO₂tđ)", "en": "BAU {year} (Mt CO₂e)"},
    "sum_scenario": {"vi": "{label} năm {year} (triệu tấn CO₂tđ)", "en": "{label} {year} (Mt CO₂e)"},
    "sum_below": {"vi": "Mức giảm so với BAU năm {year}", "en": "Below BAU in {year}"},
    "sum_target": {"vi": "Mục tiêu giảm {pct} so với BAU", "en": "Target {pct} below BAU"},
    "sum_netzero": {"vi": "Phát thải ròng năm {year} — {label} (triệu tấn CO₂tđ)", "en": "Net emissions {year} — {label} (Mt CO₂e)"},
    "sum_pgi": {"vi": "Chỉ số Xanh cấp tỉnh (PGI) {year}: điểm / thứ hạng", "en": "Provincial Green Index (PGI) {year}: score / rank"},
})


def summary_table(baseline, main, last, own_target: pd.Series, pgi_row: pd.Series | None, lang: str) -> pd.DataFrame:
    """The executive summary's key figures as a two-column table (item, value), formatted for ``lang``."""
    year = int(own_target["year"])
    end = int(baseline.years[-1])
    rows = [
        (t("sum_base", lang, year=baseline.base_year), fmt_number(baseline.net()[0] / MT, lang, 1)),
        (t("sum_bau", lang, year=year), fmt_number(baseline.net()[baseline.year_index(year)] / MT, lang, 1)),
        (t("sum_scenario", lang, label=label_of(main, lang), year=year), fmt_number(main.value(year) / MT, lang, 1)),
        (t("sum_below", lang, year=year), fmt_percent(float(own_target["achieved_below_bau_pct"]), lang, 1)),
        (t("sum_target", lang, pct=fmt_percent(float(own_target["required_below_bau_pct"]), lang, 0)),
         t("met" if bool(own_target["met"]) else "not_met", lang)),
        (t("sum_netzero", lang, year=end, label=label_of(last, lang)), fmt_number(last.net()[-1] / MT, lang, 1)),
    ]
    if pgi_row is not None:
        rank = "–" if pd.isna(pgi_row["rank"]) else f"{int(pgi_row['rank'])}/63"
        rows.append((t("sum_pgi", lang, year=int(pgi_row["year"])), f"{fmt_number(pgi_row['score'], lang, 2)} / {rank}"))
    return pd.DataFrame(rows, columns=[t("sum_col_item", lang), t("sum_col_value", lang)])
