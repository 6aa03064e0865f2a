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
from analysis.i18n import fmt_number, fmt_percent, fmt_probability, sector_label, t, tn
from analysis.narrative import MT
from analysis.narrative.pathways import gap_words, label_of, origin_text


def action_note(pathway, lang: str, top: int | None = None) -> str:
    """What the lead column means: proposed from the province's report, or not assigned (national cuts only);
    with ``top``, that the table shows the largest measures only."""
    note = t("act_note" if any(m.has_lead for m in pathway.measures) else "act_note_none", lang)
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
        gap_text=gap_words(gap, lang),
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
        margin_text=t(
            "sum_margin_surplus" if gap <= 0 else "sum_margin_shortfall", lang, margin=fmt_number(abs(gap), lang, 2)
        ),
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


def _decimals(total: float, parts: list[float], gross: float, removals: float, net: float) -> int:
    """One decimal where the printed figures still add up (parts to the total, gross − removals to net), else two:
    a reader checking the arithmetic on the page must find it right."""
    for d in (1, 2):
        r = lambda x, d=d: round(x / MT, d)  # noqa: E731
        if abs(sum(r(x) for x in parts) - r(total)) < 10**-d / 2 and abs(r(gross) - r(removals) - r(net)) < 10**-d / 2:
            return d
    return 2


def describe_net_zero(run, lang: str) -> str:
    """Gross emissions, the removals and what they are made of (assumptions named), net, with P(met). The parts add
    up to the removals as printed, and gross less removals to net (:func:`_decimals`)."""
    p = run.long_term
    year = int(run.baseline.years[-1])
    i = run.baseline.year_index(year)
    gross, removals, net = p.gross()[i], -p.removals()[i], p.net()[i]
    sourced, assumed = [], []
    for k, m in enumerate(p.measures):
        if m.kind == "removals":
            amount = float(p.abatement[k, :, i].sum())
            (assumed if m.basis.startswith("assumption") else sourced).append((amount, m.label(lang)))
    land = removals - sum(a for a, _ in sourced) - sum(a for a, _ in assumed)  # what the land holds in the BAU
    amounts = [x for x in [land, *(a for a, _ in sourced), sum(a for a, _ in assumed) if assumed else None] if x]
    d = _decimals(removals, amounts, gross, removals, net)

    def mt(x):
        return fmt_number(x / MT, lang, d)

    parts = []
    if land > 0:
        parts.append(
            t(
                "sum_removal_part",
                lang,
                name=t("sum_removal_land", lang),
                value=mt(land),
                basis=t("sum_basis_bau", lang),
            )
        )
    parts += [
        t("sum_removal_part", lang, name=name, value=mt(amount), basis=t("sum_basis_source", lang))
        for amount, name in sourced
    ]
    if assumed:
        largest = max(assumed)
        parts.append(
            tn(
                "sum_removal_assumed",
                len(assumed),
                lang,
                value=mt(sum(a for a, _ in assumed)),
                name=largest[1],
                largest=mt(largest[0]),
            )
        )
    target = next((tg for tg in run.targets if tg.kind == "net_zero"), None)
    chance = run.monte_carlo.probability_met(p.name, target.id) if run.monte_carlo and target else None
    probability = "" if chance is None else t("sum_nz_p", lang, p=fmt_probability(chance, lang))
    return t(
        "sum_netzero_text",
        lang,
        year=year,
        label=label_of(p, lang),
        gross=mt(gross),
        removals=mt(removals),
        parts="; ".join(parts) or "–",
        net=mt(net),
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


def lead_of(measure, lang: str, on=None) -> str:
    """The measure's lead agency as it is named on ``on`` (today's body, a former one in brackets), a body the
    register does not know as the file writes it, or "chưa giao"."""
    from analysis.narrative.legal import agency_label

    if measure.lead:
        return agency_label(measure.lead, lang, on)
    if measure.lead_text:
        return measure.lead_text.get(lang) or measure.lead_text.get("en") or ""
    return t("act_no_lead", lang)


def partners_of(measure, lang: str, on=None) -> str:
    """The agencies that take part, as :func:`lead_of` names them ("" when none)."""
    from analysis.narrative.legal import agency_label

    return "; ".join(agency_label(p, lang, on) for p in measure.partners)


def action_table(facts, lang: str, top: int | None = None) -> pd.DataFrame:
    """Each measure of the run's main scenario from its facts (the ``top`` largest only, when given): lead (and
    partners), deadline, start, full effect, cut in the target year (Mt, in the plan's order: the same number the
    cost curve and page 1 state), levelised cost in USD and in thousand VND per tonne — largest cut first."""
    import datetime as dt

    from analysis.i18n import fmt_date

    year = facts.target_year
    rows = []
    partners = any(m.partners for m in facts.measures)
    for m in sorted(facts.measures, key=lambda x: -x.cut):
        deadline = fmt_date(dt.date.fromisoformat(m.deadline), lang) if m.deadline else t("act_no_deadline", lang)
        rows.append(
            {
                t("act_col_measure", lang): m.name.get(lang) or m.name.get("en") or m.id,
                t("act_col_lead", lang): lead_of(m, lang),
                **({t("act_col_partners", lang): partners_of(m, lang)} if partners else {}),
                t("act_col_deadline", lang): deadline,
                t("act_col_start", lang): m.start_year,
                t("act_col_full", lang): m.full_effect_year,
                t("act_col_abatement", lang, year=year): m.cut,
                t("act_col_cost", lang): m.cost_usd_per_t,
                t("act_col_cost_vnd", lang): None if m.cost_vnd_per_t is None else m.cost_vnd_per_t / 1000,
            }
        )
    frame = pd.DataFrame(rows)
    return frame if top is None else frame.head(top)


def cost_note(facts, lang: str) -> str:
    """How the VND costs were converted, and that costs are illustrative ("" without costs)."""
    from analysis.i18n import fmt_date
    from analysis.narrative.figures import mark

    rate = facts.exchange_rate
    if not rate or not any(m.cost_usd_per_t is not None for m in facts.measures):
        return ""
    import datetime as dt

    value = mark("exchange_rate.vnd_per_usd", fmt_number(rate["vnd_per_usd"], lang, 0))
    return t("act_note_vnd", lang, rate=value, date=fmt_date(dt.date.fromisoformat(rate["date"]), lang))


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
