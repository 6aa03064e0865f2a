"""The summary's first page in words: the verdict with its probability, the trend, the national comparison, net
zero and what closes it, the merger, the sector table and who does what by when (vi/en, numbers from the run).

Input: a :class:`~analysis.run.context.RunContext` (its Monte Carlo when it ran). Output: Markdown strings and
small tables. Nothing here computes an emission figure; P(met) and the spread come from
:func:`analysis.emissions.montecarlo.summarise_target`, the verdict from :func:`analysis.emissions.targets.verdict`.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.sectors import sector_keys
from analysis.emissions.targets import verdict
from analysis.i18n import add_strings, fmt_number, fmt_percent, sector_label, t
from analysis.narrative import MT
from analysis.narrative.pathways import label_of, origin_text

add_strings(
    {
        "sum_heading": {
            "vi": "Tóm tắt: lộ trình Net Zero và Chỉ số Xanh của {province}",
            "en": "Summary: the Net Zero path and Green Index of {province}",
        },
        "sum_key_figures": {"vi": "Các con số chính", "en": "Key figures"},
        "sum_mrv": {"vi": "Kiểm kê cấp cơ sở và tín chỉ các-bon", "en": "Facility inventories and carbon credits"},
        "sum_chart": {"vi": "Phát thải theo các kịch bản", "en": "Emissions under the scenarios"},
        "sum_sectors": {"vi": "Phát thải theo lĩnh vực", "en": "Emissions by sector"},
        "sum_actions": {"vi": "Ai làm gì, đến khi nào", "en": "Who does what, by when"},
        "sum_col_item": {"vi": "Chỉ tiêu", "en": "Item"},
        "sum_col_value": {"vi": "Giá trị", "en": "Value"},
        "sum_base": {
            "vi": "Phát thải ròng năm cơ sở {year} (triệu tấn CO₂tđ)",
            "en": "Net emissions, base year {year} (Mt CO₂e)",
        },
        "sum_bau": {"vi": "BAU năm {year} (triệu tấn CO₂tđ)", "en": "BAU {year} (Mt CO₂e)"},
        "sum_scenario": {
            "vi": "Phát thải ròng năm {year} — {label} (triệu tấn CO₂tđ)",
            "en": "Net emissions {year} — {label} (Mt CO₂e)",
        },
        "sum_below": {"vi": "Mức giảm so với BAU năm {year}", "en": "Below BAU in {year}"},
        "sum_netzero": {
            "vi": "Phát thải ròng năm {year} — {label} (triệu tấn CO₂tđ)",
            "en": "Net emissions {year} — {label} (Mt CO₂e)",
        },
        "sum_pgi": {
            "vi": "Điểm Chỉ số Xanh cấp tỉnh (PGI) năm {year}",
            "en": "Provincial Green Index (PGI) {year}: score",
        },
        "sum_pgi_rank": {"vi": "Xếp hạng PGI năm {year}", "en": "PGI {year}: rank"},
        "sum_verdict_met": {
            "vi": "**{province} đạt mục tiêu trên danh nghĩa** ({target}).",
            "en": "**{province} meets its target on the central path** ({target}).",
        },
        "sum_verdict_at_risk": {
            "vi": "**{province} có nguy cơ không đạt mục tiêu** ({target}).",
            "en": "**{province} is at risk of missing its target** ({target}).",
        },
        "sum_verdict_not_met": {
            "vi": "**{province} chưa đạt mục tiêu** ({target}).",
            "en": "**{province} does not meet its target** ({target}).",
        },
        "sum_verdict_tail": {
            "vi": " Với kịch bản *{label}*, năm {year} phát thải ròng {value} triệu tấn CO₂tđ, thấp hơn BAU {pct}, "
            "{side} mức yêu cầu {gap} triệu tấn.",
            "en": " With the *{label}* scenario, {year} net emissions are {value} Mt CO₂e, {pct} below BAU, {gap} Mt "
            "{side} the required level.",
        },
        "sum_side_below": {"vi": "thấp hơn", "en": "below"},
        "sum_side_above": {"vi": "cao hơn", "en": "above"},
        "sum_probability": {
            "vi": "Xác suất đạt khoảng **{p}** ({draws} lần mô phỏng); khoảng cách đến mục tiêu dao động từ {lo} đến {hi} "
            "triệu tấn (5–95 %), nên biên {margin} triệu tấn trên danh nghĩa {inside}.",
            "en": "The probability of meeting it is about **{p}** ({draws} draws); the gap ranges from {lo} to {hi} Mt "
            "(5–95 %), so the nominal margin of {margin} Mt {inside}.",
        },
        "sum_inside": {"vi": "nằm trong độ bất định", "en": "is within the uncertainty"},
        "sum_outside": {"vi": "lớn hơn độ bất định", "en": "is larger than the uncertainty"},
        "sum_no_probability": {
            "vi": "Chưa tính được xác suất đạt (không có mô phỏng độ bất định).",
            "en": "No probability is given (no uncertainty analysis was run).",
        },
        "sum_trend_up": {
            "vi": "Ngay cả với kịch bản này, phát thải ròng vẫn tăng từ {e0} triệu tấn năm {y0} lên {e1} triệu tấn năm {y1} "
            "({change}).",
            "en": "Even under this scenario, net emissions rise from {e0} Mt in {y0} to {e1} Mt in {y1} ({change}).",
        },
        "sum_trend_down": {
            "vi": "Với kịch bản này, phát thải ròng giảm từ {e0} triệu tấn năm {y0} xuống {e1} triệu tấn "
            "năm {y1} ({change}).",
            "en": "Under this scenario, net emissions fall from {e0} Mt in {y0} to {e1} Mt in {y1} ({change}).",
        },
        "sum_ndc": {
            "vi": "So với mục tiêu quốc gia: NDC 2022 yêu cầu giảm {ndc} so với BAU năm {year}; kịch bản đạt {pct} — {status}"
            "{weaker}.",
            "en": "Against the national commitment: the NDC 2022 asks for {ndc} below BAU in {year}; the scenario reaches "
            "{pct} — {status}{weaker}.",
        },
        "sum_ndc_probability": {"vi": "xác suất {p}", "en": "probability {p}"},
        "sum_weaker": {
            "vi": " (mục tiêu riêng của tỉnh, {own}, thấp hơn mức quốc gia)",
            "en": " (the province's own target, {own}, is weaker than the national one)",
        },
        "sum_netzero_text": {
            "vi": "Năm {year}, kịch bản *{label}* còn {gross} triệu tấn phát thải gộp; hấp thụ {removals} triệu tấn, gồm "
            "{parts}; phát thải ròng {net} triệu tấn — {status}{p}.",
            "en": "In {year}, the *{label}* scenario keeps {gross} Mt of gross emissions; removals of {removals} Mt, of "
            "which {parts}; net {net} Mt — {status}{p}.",
        },
        "sum_removal_part": {"vi": "{name} {value} triệu tấn ({basis})", "en": "{name} {value} Mt ({basis})"},
        "sum_removal_land": {"vi": "hấp thụ sẵn có của đất và rừng", "en": "the existing land and forest sink"},
        "sum_removal_assumed": {
            "vi": "{value} triệu tấn từ {n} giải pháp là giả định, chưa phải kế hoạch (lớn nhất: "
            "{name}, {largest} triệu tấn)",
            "en": "{value} Mt from {n} measure(s) that are assumptions, not plans (largest: {name}, {largest} Mt)",
        },
        "sum_basis_source": {"vi": "có nguồn", "en": "cited"},
        "sum_basis_bau": {"vi": "theo BAU", "en": "in the BAU"},
        "sum_nz_reached": {"vi": "đạt phát thải ròng bằng 0", "en": "net zero is reached"},
        "sum_nz_not": {"vi": "chưa đạt phát thải ròng bằng 0", "en": "net zero is not reached"},
        "sum_nz_p": {"vi": " (xác suất {p})", "en": " (probability {p})"},
        "sum_merger": {
            "vi": "Từ ngày 01/7/2025, {province} là một phần của {unit} mới (cùng với {others}).",
            "en": "Since 1 July 2025, {province} is part of the new {unit} (with {others}).",
        },
        "sec_col_sector": {"vi": "Lĩnh vực", "en": "Sector"},
        "sec_col_base": {"vi": "{year} (triệu tấn)", "en": "{year} (Mt)"},
        "sec_col_bau": {"vi": "BAU {year} (triệu tấn)", "en": "BAU {year} (Mt)"},
        "sec_col_plan": {"vi": "{label}, năm {year} (triệu tấn)", "en": "{label}, {year} (Mt)"},
        "sec_total": {"vi": "Tổng (ròng)", "en": "Total (net)"},
        "act_col_measure": {"vi": "Giải pháp", "en": "Measure"},
        "act_col_lead": {"vi": "Cơ quan chủ trì (đề xuất)", "en": "Lead (proposed)"},
        "act_col_start": {"vi": "Bắt đầu", "en": "Starts"},
        "act_col_full": {"vi": "Đủ hiệu quả", "en": "Full effect"},
        "act_col_abatement": {"vi": "Giảm năm {year} (triệu tấn)", "en": "Cut in {year} (Mt)"},
        "act_col_cost": {"vi": "Chi phí (USD/tấn)", "en": "Cost (USD/t)"},
        "act_col_milestones": {"vi": "Mốc", "en": "Milestones"},
        "act_no_lead": {"vi": "chưa giao", "en": "not assigned"},
        "act_note": {
            "vi": "Cơ quan chủ trì là đề xuất theo các sở, ngành được nêu trong báo cáo của tỉnh; tỉnh có thể điều "
            "chỉnh. Mức giảm tính lần lượt theo thứ tự các giải pháp (mỗi giải pháp trên phần còn lại).",
            "en": "Leads are proposed from the departments the province's report names; the province may change "
            "them. Cuts are counted in sequence (each measure on what the ones before it leave).",
        },
        "act_note_top": {
            "vi": "Bảng nêu {top} giải pháp có mức giảm lớn nhất trong {n} giải pháp; danh sách đầy đủ trong "
            "báo cáo lộ trình giảm phát thải.",
            "en": "The table shows the {top} largest of {n} measures; the full list is in the pathways report.",
        },
        "act_note_none": {
            "vi": "Các giải pháp này là mức giảm theo chính sách quốc gia, chưa giao cho cơ quan nào của tỉnh; "
            "tỉnh cần lập kế hoạch riêng với cơ quan chủ trì và mốc thời gian.",
            "en": "These measures are cuts from national policy, not yet assigned to any provincial body; the "
            "province needs its own plan with leads and milestones.",
        },
    }
)


def action_note(pathway, lang: str, top: int | None = None) -> str:
    """What the lead column means: proposed from the province's report, or not assigned (national cuts only);
    with ``top``, that the table shows the largest measures only."""
    note = t("act_note" if any(m.lead for m in pathway.measures) else "act_note_none", lang)
    if top is not None and len(pathway.measures) > top:
        note += " " + t("act_note_top", lang, top=top, n=len(pathway.measures))
    return note


def _uncertainty(run):
    from analysis.emissions.montecarlo import summarise_target

    mc = run.monte_carlo
    if mc is None:
        return None
    try:
        return summarise_target(mc, run.main.name, run.headline.id)
    except KeyError:
        return None


def _mt(tonnes: float, lang: str) -> str:
    """Million tonnes with one decimal, two below 1 Mt (so a small sink does not read as 0,0)."""
    value = tonnes / MT
    return fmt_number(value, lang, 1 if abs(value) >= 1 else 2)


def describe_verdict(run, lang: str) -> list[str]:
    """Two sentences: where the main scenario lands and whether the headline target is met, and how sure that is."""
    row, u = run.headline_row(), _uncertainty(run)
    status = verdict(bool(row["met"]), u.probability_met if u else None)
    gap = float(row["gap_mtco2e"])
    first = t(f"sum_verdict_{status.replace(' ', '_')}", lang, province=run.province, target=run.headline.title(lang))
    first += t(
        "sum_verdict_tail",
        lang,
        label=label_of(run.main, lang),
        year=run.target_year,
        value=fmt_number(run.main.value(run.target_year) / MT, lang, 1),
        pct=fmt_percent(run.percent_below_bau(), lang, 1),
        gap=fmt_number(abs(gap), lang, 2),
        side=t("sum_side_below" if gap <= 0 else "sum_side_above", lang),
    )
    if u is None:
        return [first, t("sum_no_probability", lang)]
    inside = u.gap_p5_mtco2e <= 0 <= u.gap_p95_mtco2e
    second = t(
        "sum_probability",
        lang,
        p=fmt_percent(100 * u.probability_met, lang, 0),
        draws=fmt_number(run.monte_carlo.n_draws, lang, 0),
        lo=fmt_number(u.gap_p5_mtco2e, lang, 2, sign=True),
        hi=fmt_number(u.gap_p95_mtco2e, lang, 2, sign=True),
        margin=fmt_number(-gap, lang, 2, sign=True),
        inside=t("sum_inside" if inside else "sum_outside", lang),
    )
    return [first, second]


def describe_trend(run, lang: str) -> str:
    net = run.main.net()
    i = run.baseline.year_index(run.target_year)
    change = 100 * (net[i] / net[0] - 1) if net[0] else float("nan")
    key = "sum_trend_up" if net[i] > net[0] else "sum_trend_down"
    return t(
        key,
        lang,
        e0=fmt_number(net[0] / MT, lang, 1),
        y0=run.baseline.base_year,
        e1=fmt_number(net[i] / MT, lang, 1),
        y1=run.target_year,
        change=fmt_percent(change, lang, 0, sign=True),
    )


def describe_national_comparison(run, lang: str) -> str:
    """The scenario against the NDC 2022 unconditional target (and whether the province's own target is weaker)."""
    ndc = next((tg for tg in run.targets if tg.id == "ndc2022_unconditional_2030"), None)
    if ndc is None or ndc.year not in run.baseline.years or run.headline.id == ndc.id:
        return ""  # no NDC target, or it is the headline already (its verdict is the first sentence)
    row = run.evaluate(run.main)
    r = row[row["target_id"] == ndc.id].iloc[0]
    p = run.monte_carlo.probability_met(run.main.name, ndc.id) if run.monte_carlo is not None else None
    status = t(f"verdict_{verdict(bool(r['met']), p).replace(' ', '_')}", lang)
    if p is not None:
        status += f" ({t('sum_ndc_probability', lang, p=fmt_percent(100 * p, lang, 0))})"
    weaker = ""
    h = run.headline
    if h.origin == "own" and h.kind == "percent_below_bau" and h.value < ndc.value:
        weaker = t("sum_weaker", lang, own=fmt_percent(100 * h.value, lang, 0))
    return t(
        "sum_ndc",
        lang,
        ndc=fmt_percent(100 * ndc.value, lang, 1),
        year=ndc.year,
        pct=fmt_percent(run.percent_below_bau(run.main, ndc.year), lang, 1),
        status=status,
        weaker=weaker,
    )


def describe_net_zero(run, lang: str) -> str:
    """Gross emissions, the removals and what they are made of (assumptions named), net, with P(met)."""
    p = run.long_term
    year = int(run.baseline.years[-1])
    i = run.baseline.year_index(year)
    gross, removals, net = p.gross()[i], p.removals()[i], p.net()[i]
    land = run.baseline.removals()[i]
    parts = []
    if land < 0:
        parts.append(
            t(
                "sum_removal_part",
                lang,
                name=t("sum_removal_land", lang),
                value=_mt(-land, lang),
                basis=t("sum_basis_bau", lang),
            )
        )
    assumed = []
    for k, m in enumerate(p.measures):
        if m.kind == "removals":
            amount = float(p.abatement[k, :, i].sum())
            if m.basis.startswith("assumption"):
                assumed.append((amount, m.label(lang)))
            else:
                parts.append(
                    t(
                        "sum_removal_part",
                        lang,
                        name=m.label(lang),
                        value=_mt(amount, lang),
                        basis=t("sum_basis_source", lang),
                    )
                )
    if assumed:
        largest = max(assumed)
        parts.append(
            t(
                "sum_removal_assumed",
                lang,
                value=_mt(sum(a for a, _ in assumed), lang),
                n=len(assumed),
                name=largest[1],
                largest=_mt(largest[0], lang),
            )
        )
    target = next((tg for tg in run.targets if tg.kind == "net_zero"), None)
    chance = run.monte_carlo.probability_met(p.name, target.id) if run.monte_carlo and target else None
    probability = "" if chance is None else t("sum_nz_p", lang, p=fmt_percent(100 * chance, lang, 0))
    return t(
        "sum_netzero_text",
        lang,
        year=year,
        label=label_of(p, lang),
        gross=fmt_number(gross / MT, lang, 1),
        removals=fmt_number(-removals / MT, lang, 1),
        parts="; ".join(parts) or "–",
        net=fmt_number(net / MT, lang, 1),
        status=t("sum_nz_reached" if net <= 0 else "sum_nz_not", lang),
        p=probability,
    )


def describe_merger(run, lang: str) -> str:
    """The 2025 merger context of a 2024 province that joined a new unit (empty otherwise)."""
    from analysis.data.provinces import get_registry

    if run.map == 2025:
        return ""
    reg = get_registry()
    unit = reg.unit(run.province)
    others = [reg.display_name(c) for c in unit.constituents if reg.display_name(c) != run.province]
    if not others:
        return ""
    return t("sum_merger", lang, province=run.province, unit=reg.display_name(unit.name), others=", ".join(others))


def sector_table(run, lang: str) -> pd.DataFrame:
    """Sector by sector: base year, BAU and the main scenario in the target year (Mt CO2e), and the net total."""
    b, main, year = run.baseline, run.main, run.target_year
    i = b.year_index(year)
    rows = []
    for k, s in enumerate(b.sectors):
        rows.append((sector_label(s, lang), b.emissions[k, 0] / MT, b.emissions[k, i] / MT, main.emissions[k, i] / MT))
    rows += [
        (f"{sector_label(s, lang)}: {t('not_estimated', lang)}", None, None, None)
        for s in sector_keys()
        if s in b.missing
    ]
    rows.append((t("sec_total", lang), b.net()[0] / MT, b.net()[i] / MT, main.net()[i] / MT))
    return pd.DataFrame(
        rows,
        columns=[
            t("sec_col_sector", lang),
            t("sec_col_base", lang, year=b.base_year),
            t("sec_col_bau", lang, year=year),
            t("sec_col_plan", lang, label=label_of(main, lang), year=year),
        ],
    )


def action_table(pathway, year: int, lang: str, top: int | None = None) -> pd.DataFrame:
    """Each measure of ``pathway`` (the ``top`` largest only, when given): lead, start, full effect, cut in ``year``
    (Mt, in sequence), cost — largest cut first."""
    i = pathway.baseline.year_index(year)
    rows = []
    for k, m in enumerate(pathway.measures):
        cut = float(pathway.abatement[k, :, i].sum()) / MT
        cost = m.cost.usd_per_tco2e if m.cost is not None else None
        milestones = "; ".join(f"{y}: {v.get(lang) or v.get('en', '')}" for y, v in sorted(m.milestones.items()))
        rows.append(
            {
                t("act_col_measure", lang): m.label(lang),
                t("act_col_lead", lang): (m.lead.get(lang) or m.lead.get("en")) if m.lead else t("act_no_lead", lang),
                t("act_col_start", lang): m.start_year,
                t("act_col_full", lang): m.full_effect_year,
                t("act_col_abatement", lang, year=year): cut,
                t("act_col_cost", lang): cost,
                **({t("act_col_milestones", lang): milestones} if milestones else {}),
                "_cut": cut,
            }
        )
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    frame = frame.sort_values("_cut", ascending=False).drop(columns="_cut").reset_index(drop=True)
    return frame if top is None else frame.head(top)


def summary_table(run, pgi_standing, lang: str) -> pd.DataFrame:
    """The summary's key figures as a two-column table (item, value), formatted for ``lang``.

    ``pgi_standing`` is the province's :class:`~analysis.index.standing.NationalRank` (or ``None``).
    """
    baseline, main, long_term, year = run.baseline, run.main, run.long_term, run.target_year
    row, u = run.headline_row(), _uncertainty(run)
    p = u.probability_met if u else None
    status = t(f"verdict_{verdict(bool(row['met']), p).replace(' ', '_')}", lang)
    end = int(baseline.years[-1])
    rows = [
        (t("sum_base", lang, year=baseline.base_year), fmt_number(baseline.net()[0] / MT, lang, 1)),
        (t("sum_bau", lang, year=year), fmt_number(baseline.net()[baseline.year_index(year)] / MT, lang, 1)),
        (t("sum_scenario", lang, label=label_of(main, lang), year=year), fmt_number(main.value(year) / MT, lang, 1)),
        (t("sum_below", lang, year=year), fmt_percent(run.percent_below_bau(), lang, 1)),
        (
            f"{run.headline.title(lang)} ({origin_text(run.headline.origin, run.headline.of or '', lang)})",
            status if p is None else f"{status} ({fmt_percent(100 * p, lang, 0)})",
        ),
        (
            t("sum_netzero", lang, year=end, label=label_of(long_term, lang)),
            fmt_number(long_term.net()[-1] / MT, lang, 1),
        ),
    ]
    if pgi_standing is not None and pgi_standing.score is not None:
        from analysis.narrative.pgi import format_rank

        rows.append((t("sum_pgi", lang, year=pgi_standing.year), fmt_number(pgi_standing.score, lang, 2)))
        rows.append((t("sum_pgi_rank", lang, year=pgi_standing.year), format_rank(pgi_standing, lang)))
    return pd.DataFrame(rows, columns=[t("sum_col_item", lang), t("sum_col_value", lang)])
