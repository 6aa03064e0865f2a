"""Sentences about mitigation pathways and targets, written from the numbers, in Vietnamese or English.

Inputs: pathways (:mod:`analysis.emissions.pathways`), the target table (:func:`analysis.emissions.targets.evaluate_targets`),
the MACC and target cost (:mod:`analysis.emissions.macc`), Monte Carlo results and the tornado.
Output: Markdown strings and small display tables. Nothing here computes an emission figure.
"""

from __future__ import annotations

import pandas as pd

from analysis.emissions.montecarlo import probability_met
from analysis.emissions.pathways import percent_below_bau, tabulate_overlap
from analysis.emissions.targets import verdict
from analysis.i18n import add_strings, fmt_number, fmt_percent, sector_label, t
from analysis.narrative import MT

add_strings(
    {
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
        "pw_col_p_met": {"vi": "Xác suất đạt (%)", "en": "Probability met (%)"},
        "pw_table_pathways": {"vi": "Phát thải theo năm của các kịch bản", "en": "Emissions by year, every scenario"},
        "pw_col_origin": {"vi": "Mục tiêu của", "en": "Whose target"},
        "pw_col_parameter": {"vi": "Yếu tố bất định", "en": "Uncertain input"},
        "pw_col_gap_low": {"vi": "Khoảng cách ở mức thấp P10 (triệu tấn)", "en": "Gap at P10 (Mt)"},
        "pw_col_gap_high": {"vi": "Khoảng cách ở mức cao P90 (triệu tấn)", "en": "Gap at P90 (Mt)"},
        "pw_col_swing": {"vi": "Biên độ (triệu tấn)", "en": "Swing (Mt)"},
        "pw_col_standalone": {"vi": "Tổng mức giảm riêng lẻ (triệu tấn)", "en": "Sum of stand-alone cuts (Mt)"},
        "pw_col_combined": {"vi": "Mức giảm kết hợp (triệu tấn)", "en": "Combined cut (Mt)"},
        "pw_col_overlap": {"vi": "Phần trùng lặp (triệu tấn)", "en": "Overlap (Mt)"},
        "pw_col_measures": {"vi": "Các giải pháp", "en": "Measures"},
        "pw_col_rank": {"vi": "Thứ tự", "en": "Order"},
        "pw_col_measure": {"vi": "Giải pháp", "en": "Measure"},
        "pw_col_abatement": {"vi": "Mức giảm (triệu tấn CO₂tđ)", "en": "Abatement (Mt CO₂e)"},
        "pw_col_cost_t": {"vi": "Chi phí (USD/tấn CO₂tđ)", "en": "Cost (USD/t CO₂e)"},
        "pw_col_cost_year": {"vi": "Chi phí hằng năm (triệu USD)", "en": "Annual cost (million USD)"},
        "pw_col_cumulative": {"vi": "Luỹ kế (triệu tấn CO₂tđ)", "en": "Cumulative (Mt CO₂e)"},
        "pw_sec_targets_of": {
            "vi": "Kết quả so với các mục tiêu: kịch bản {label}",
            "en": "Targets: the {label} scenario",
        },
        "pw_sec_overlap": {
            "vi": "Mức giảm riêng lẻ và kết hợp của các giải pháp, năm {year}",
            "en": "Stand-alone and combined cuts of the measures, {year}",
        },
        "pw_sec_tornado": {"vi": "Các yếu tố bất định lớn nhất", "en": "The largest uncertainties"},
        "pw_origin_own": {"vi": "của tỉnh", "en": "the province's own"},
        "pw_origin_given": {"vi": "theo tệp đã chọn", "en": "from the file named"},
        "pw_origin_national": {"vi": "quốc gia, áp dụng cho tỉnh", "en": "national, applied to the province"},
        "pw_origin_inherited": {
            "vi": "kế thừa từ {of} (áp dụng cho địa bàn cũ)",
            "en": "inherited from {of} (applies to its former territory)",
        },
        "verdict_met": {"vi": "đạt", "en": "met"},
        "verdict_at_risk": {"vi": "có nguy cơ không đạt", "en": "at risk"},
        "verdict_not_met": {"vi": "chưa đạt", "en": "not met"},
        "pw_headline": {
            "vi": "Với kịch bản *{label}*, năm {year} phát thải ròng thấp hơn BAU **{pct}**. Mục tiêu *{target}* "
            "({origin}): **{status}** (chênh lệch {gap} triệu tấn CO₂tđ so với mức yêu cầu).",
            "en": "With the *{label}* scenario, {year} net emissions are **{pct} below BAU**. Target *{target}* "
            "({origin}): **{status}** ({gap} Mt CO₂e from the required level).",
        },
        "pw_headline_p": {
            "vi": "Xác suất đạt qua {draws} lần mô phỏng: **{p}**.",
            "en": "Probability of meeting it over {draws} draws: **{p}**.",
        },
        "pw_no_mc_draws": {
            "vi": "Báo cáo này không chạy mô phỏng Monte Carlo (số lần mô phỏng bằng 0).",
            "en": "This report runs no Monte Carlo (zero draws asked).",
        },
        "pw_no_mc_declared": {
            "vi": "Tệp kịch bản không khai báo độ bất định nào, nên không tính được xác suất đạt mục "
            "tiêu; các con số là kết quả của một kịch bản trung tâm.",
            "en": "The scenario file declares no uncertainty, so no probability of meeting the targets "
            "can be given; the figures are those of one central path.",
        },
        "pw_no_mc_inputs": {
            "vi": "Không chạy được mô phỏng: BAU đã cố định không lưu các đầu vào của nó; hãy lập lại "
            "BAU (netzero rebase).",
            "en": "No Monte Carlo: the frozen BAU does not hold its inputs; rebuild it (netzero rebase).",
        },
        "pw_no_tornado": {
            "vi": "Kịch bản chính không có giải pháp hay đầu vào bất định nào để so sánh.",
            "en": "The main scenario has no uncertain input to compare.",
        },
        "pw_tornado_bau": {"vi": "BAU", "en": "BAU"},
        "pw_unc_driver_growth": {"vi": "tốc độ tăng trưởng", "en": "growth of the drivers"},
        "pw_unc_elasticity": {"vi": "hệ số co giãn", "en": "elasticity"},
        "pw_unc_intensity_rate": {"vi": "xu hướng cường độ phát thải", "en": "intensity trend"},
        "pw_unc_emission_factor": {"vi": "hệ số phát thải", "en": "emission factor"},
        "pw_unc_effectiveness": {"vi": "hiệu quả", "en": "effectiveness"},
    }
)


def label_of(pathway, lang: str) -> str:
    label = pathway.scenario.label
    return label.get(lang, pathway.name) if isinstance(label, dict) else str(label or pathway.name)


def scenario_table(pathways: dict, year: int, lang: str) -> pd.DataFrame:
    """Net emissions in ``year`` and the percentage below BAU for each scenario."""
    rows = [
        {
            t("pw_col_scenario", lang): label_of(p, lang),
            t("pw_col_net", lang, year=year): p.net()[p.baseline.year_index(year)] / MT,
            t("pw_col_below", lang): percent_below_bau(p, year),
        }
        for p in pathways.values()
    ]
    return pd.DataFrame(rows)


def describe_scenarios(pathways: dict, year: int, lang: str) -> str:
    lines = []
    for p in pathways.values():
        if p.name == "bau":
            continue
        lines.append(
            t(
                "pw_scenario_line",
                lang,
                label=label_of(p, lang),
                year=year,
                value=fmt_number(p.net()[p.baseline.year_index(year)] / MT, lang, 1),
                pct=fmt_percent(percent_below_bau(p, year), lang, 1),
            )
        )
    return "\n".join(lines)


def origin_text(origin: str, of: str, lang: str) -> str:
    """Whose target it is, in words ("of the province", "national, applied to the province", "inherited from …")."""
    return t(f"pw_origin_{origin}", lang, of=of)


def describe_headline(run, lang: str) -> str:
    """The headline target in words: where the main scenario lands, met / at risk / not met, with P(met)."""
    row = run.headline_row()
    mc = run.monte_carlo
    p = probability_met(mc.probabilities if mc is not None else None, run.main.name, run.headline.id)
    status = verdict(bool(row["met"]), p)
    text = t(
        "pw_headline",
        lang,
        label=label_of(run.main, lang),
        year=int(row["year"]),
        pct=fmt_percent(run.percent_below_bau(), lang, 1),
        target=run.headline.title(lang),
        origin=origin_text(run.headline.origin, run.headline.of or "", lang),
        status=t(f"verdict_{status.replace(' ', '_')}", lang),
        gap=fmt_number(abs(float(row["gap_mtco2e"])), lang, 2),
    )
    if p is not None:
        text += " " + t("pw_headline_p", lang, p=fmt_percent(100 * p, lang, 0), draws=fmt_number(mc.n_draws, lang, 0))
    return text


def target_table(evaluated: pd.DataFrame, lang: str, probabilities: pd.DataFrame | None = None) -> pd.DataFrame:
    """Targets checked on one scenario: whose target, required, achieved and gap (Mt CO2e), verdict (P(met))."""
    verdicts, chances = [], []
    for row in evaluated.itertuples():
        p = probability_met(probabilities, row.scenario, row.target_id)
        verdicts.append(t(f"verdict_{verdict(bool(row.met), p).replace(' ', '_')}", lang))
        chances.append(None if p is None else round(100 * p))
    frame = pd.DataFrame(
        {
            t("pw_col_target", lang): evaluated["target"],
            t("pw_col_origin", lang): [
                origin_text(o, f, lang) for o, f in zip(evaluated["origin"], evaluated["of"], strict=True)
            ],
            t("pw_col_year", lang): evaluated["year"].astype(int),
            t("pw_col_required", lang): evaluated["required_mtco2e"],
            t("pw_col_achieved", lang): evaluated["achieved_mtco2e"],
            t("pw_col_gap", lang): evaluated["gap_mtco2e"],
            t("pw_col_met", lang): verdicts,
        }
    )
    if any(c is not None for c in chances):  # a Monte Carlo was run: the probability as a whole number of its own
        frame[t("pw_col_p_met", lang)] = pd.array(chances, dtype="Int64")
    return frame


def describe_targets(pathway, evaluated: pd.DataFrame, lang: str) -> str:
    return t(
        "pw_targets_summary", lang, label=label_of(pathway, lang), met=int(evaluated["met"].sum()), n=len(evaluated)
    )


def describe_net_zero(pathway, year: int, lang: str) -> str:
    i = pathway.baseline.year_index(year)
    gross, removals, net = pathway.gross()[i], pathway.removals()[i], pathway.net()[i]
    return t(
        "pw_netzero",
        lang,
        year=year,
        label=label_of(pathway, lang),
        gross=fmt_number(gross / MT, lang, 1),
        removals=fmt_number(-removals / MT, lang, 1),
        net=fmt_number(net / MT, lang, 1),
        verdict=t("pw_netzero_yes" if net <= 0 else "pw_netzero_no", lang),
    )


def describe_macc(cost: dict, lang: str) -> str:
    if not cost.get("reachable"):
        return t("pw_macc_short", lang, year=cost["year"], short=fmt_number(cost["shortfall_mtco2e"], lang, 2))
    return t(
        "pw_macc",
        lang,
        year=cost["year"],
        needed=fmt_number(cost["needed_mtco2e"], lang, 2),
        cost=fmt_number(cost["cost_musd_per_year"], lang, 1),
        marginal=fmt_number(cost["marginal_usd_per_tco2e"], lang, 0),
    )


def describe_probability(probabilities: pd.DataFrame, pathway, target, n_draws: int, lang: str) -> str:
    p = probability_met(probabilities, pathway.name, target.id)
    return t(
        "pw_probability",
        lang,
        draws=fmt_number(n_draws, lang, 0),
        label=label_of(pathway, lang),
        target=target.title(lang),
        p=fmt_percent(100 * (p if p is not None else float("nan")), lang, 0),
    )


def describe_no_monte_carlo(run, lang: str) -> str:
    """Why there is no uncertainty analysis in this run (no draws asked, nothing declared, or a stale BAU)."""
    if run.params.n_draws == 0:
        return t("pw_no_mc_draws", lang)
    if not run.has_uncertainty:
        return t("pw_no_mc_declared", lang, file=run.scenario_set.file)
    return t("pw_no_mc_inputs", lang)


def probability_table(probabilities: pd.DataFrame, run, lang: str) -> pd.DataFrame:
    """P(met) of every target the Monte Carlo checked, by scenario (labels, not ids)."""
    titles = {tg.id: tg.title(lang) for tg in run.targets}
    labels = {name: label_of(p, lang) for name, p in run.pathways.items()}
    wide = probabilities.pivot(index="target_id", columns="scenario", values="probability_met")
    wide = wide.reindex(
        index=[tg.id for tg in run.targets if tg.id in wide.index],
        columns=[n for n in run.pathways if n in wide.columns],
    )
    out = pd.DataFrame({t("pw_col_target", lang): [titles[i] for i in wide.index]})
    for name in wide.columns:
        out[labels[name]] = [fmt_percent(100 * v, lang, 0) for v in wide[name]]
    return out


def tornado_labels(tornado: pd.DataFrame, run, lang: str) -> pd.DataFrame:
    """The tornado with each uncertain input named in words (BAU inputs and measures by their labels)."""
    measures = {m.id: m.label(lang) for m in run.scenario_set.all_measures()}
    names = []
    for parameter in tornado["parameter"]:
        head, _, key = parameter.partition(": ")
        owner = t("pw_tornado_bau", lang) if head == "BAU" else measures.get(head, head)
        names.append(f"{owner}: {t(f'pw_unc_{key}', lang)}")
    return tornado.assign(parameter=names)


def tornado_table(tornado: pd.DataFrame, run, lang: str) -> pd.DataFrame:
    named = tornado_labels(tornado, run, lang)
    return pd.DataFrame(
        {
            t("pw_col_parameter", lang): named["parameter"],
            t("pw_col_gap_low", lang): named["gap_low_mtco2e"],
            t("pw_col_gap_high", lang): named["gap_high_mtco2e"],
            t("pw_col_swing", lang): named["swing_mtco2e"],
        }
    )


def overlap_table(pathway, year: int, lang: str) -> pd.DataFrame:
    """Per sector: the sum of the measures' stand-alone cuts, the combined cut and the overlap (Mt CO2e)."""
    frame = tabulate_overlap(pathway, year)
    labels = {m.id: m.label(lang) for m in pathway.measures}
    return pd.DataFrame(
        {
            t("inv_col_sector", lang): [sector_label(s, lang) for s in frame["sector"]],
            t("pw_col_standalone", lang): frame["standalone_sum_mtco2e"],
            t("pw_col_combined", lang): frame["combined_mtco2e"],
            t("pw_col_overlap", lang): frame["overlap_mtco2e"],
            t("pw_col_measures", lang): [
                ", ".join(labels.get(m, m) for m in filter(None, x.split(", "))) for x in frame["measures"]
            ],
        }
    )


def macc_table(curve: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The MACC in the reader's words: measure, abatement, cost per tonne, annual cost, cumulative."""
    return pd.DataFrame(
        {
            t("pw_col_rank", lang): curve["rank"],
            t("pw_col_measure", lang): curve["measure"],
            t("pw_col_abatement", lang): curve["abatement_mtco2e"],
            t("pw_col_cost_t", lang): curve["usd_per_tco2e"],
            t("pw_col_cost_year", lang): curve["annual_cost_musd"],
            t("pw_col_cumulative", lang): curve["cumulative_mtco2e"],
        }
    )


def describe_tornado(tornado: pd.DataFrame, year: int, lang: str) -> str:
    top = tornado.sort_values("swing_mtco2e", ascending=False).iloc[0]  # parameter already in words
    return t("pw_tornado", lang, year=year, param=top["parameter"], swing=fmt_number(top["swing_mtco2e"], lang, 1))


def describe_lmdi(decomposition, pathway, y0: int, y1: int, lang: str) -> str:
    e = decomposition.effects / MT
    return t(
        "pw_lmdi",
        lang,
        y0=y0,
        y1=y1,
        label=label_of(pathway, lang),
        change=fmt_number(decomposition.change / MT, lang, 1, sign=True),
        pop=fmt_number(e.get("population", 0.0), lang, 1, sign=True),
        gdp=fmt_number(e.get("grdp_per_capita", 0.0), lang, 1, sign=True),
        intensity=fmt_number(e.get("emission_intensity", 0.0), lang, 1, sign=True),
    )
