"""The summary's first page in words: the verdict with its probability, the trend, the national comparison, net
zero and what closes it, the merger, the sector table and who does what by when (vi/en, numbers from the run).

Input: a :class:`~analysis.run.context.RunContext` (its Monte Carlo when it ran). Output: Markdown strings and
small tables. Nothing here computes an emission figure; P(met) and the spread come from
:func:`analysis.emissions.montecarlo.summarise_target`, the verdict from :func:`analysis.emissions.targets.verdict`.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.sectors import sector_keys
from analysis.i18n import fmt_number, name_in, sector_label, t, tn
from analysis.narrative import MT
from analysis.narrative.figures import figure
from analysis.narrative.pathways import label_of, origin_text


def action_note(pathway, lang: str, top: int | None = None) -> str:
    """What the lead column means: proposed from the province's report, or not assigned (national cuts only);
    with ``top``, that the table shows the largest measures only."""
    note = t("act_note" if any(m.has_lead for m in pathway.measures) else "act_note_none", lang)
    if top is not None and len(pathway.measures) > top:
        note += " " + t("act_note_top", lang, top=top, n=len(pathway.measures))
    return note


def change_text(facts, key: str, lang: str) -> str:
    """A change since the base year as reports say it: a percent of a positive base ("+15%"), in Mt where the base
    is not positive (a sink shrinking or growing has no meaningful percent)."""
    if facts.get(f"{key}.change_pct") is not None:
        return figure(facts, f"{key}.change_pct", "pct", lang, sign=True)
    return t("mt_amount", lang, value=figure(facts, f"{key}.change", "mt", lang, sign=True))


def describe_trend(facts, lang: str) -> str:
    """Net emissions of the main scenario from the base year to the target year."""
    key = f"pathways.{facts.main}"
    main = facts.pathway(facts.main)
    return t(
        "sum_trend_up" if main.change > 0 else "sum_trend_down",
        lang,
        e0=figure(facts, "net_base", "mt", lang),
        y0=facts.base_year,
        e1=figure(facts, f"{key}.net", "mt", lang),
        y1=facts.target_year,
        change=change_text(facts, key, lang),
    )


NDC_TARGET = "ndc2022_unconditional_2030"


def describe_national_comparison(facts, lang: str) -> str:
    """The main scenario against the NDC 2022 unconditional target (and whether the place's own target is weaker)."""
    ndc = next((tg for tg in facts.targets if tg.id == NDC_TARGET), None)
    if ndc is None or facts.headline_target == ndc.id or not ndc.applicable:
        return ""  # no NDC target, or it is the headline already (its verdict is page 1's first sentence)
    key = f"targets.{ndc.id}"
    status = t(f"verdict_{ndc.verdict.replace(' ', '_')}", lang)
    if ndc.p_met is not None:
        status += f" ({t('sum_ndc_probability', lang, p=figure(facts, f'{key}.p_met', 'prob', lang))})"
    weaker = ""
    h = facts.headline
    if (
        h.origin == "own"
        and h.kind == "percent_below_bau"
        and h.required_below_bau_pct is not None
        and h.required_below_bau_pct < (ndc.required_below_bau_pct or 0)
    ):
        own = figure(facts, f"targets.{h.id}.required_below_bau_pct", "pct_stated", lang)
        weaker = t("sum_weaker", lang, own=own)
    return t(
        "sum_ndc",
        lang,
        ndc=figure(facts, f"{key}.required_below_bau_pct", "pct_stated", lang),
        year=ndc.year,
        pct=figure(facts, f"{key}.below_bau_pct", "pct", lang),
        status=status,
        weaker=weaker,
    )


def describe_net_zero(facts, lang: str) -> str:
    """Gross emissions of the long-term scenario in the last year, the removals and what they are made of
    (assumptions named), net, with P(met). Printed at :attr:`~analysis.run.facts.Facts.long_term_decimals`, so that
    the parts add up to the removals as printed and gross less removals to net."""
    d = facts.long_term_decimals
    key = f"pathways.{facts.long_term}"

    def mt(k):
        return figure(facts, k, "mt", lang, decimals=d, absolute=True)

    parts = []
    for part in facts.removal_parts:
        k = f"removal_parts.{part.id}"
        if part.basis == "assumption":
            parts.append(
                tn(
                    "sum_removal_assumed",
                    part.count,
                    lang,
                    value=mt(f"{k}.amount"),
                    name=name_in(part.largest, lang),
                    largest=mt(f"{k}.largest_amount"),
                )
            )
        else:
            name = t("sum_removal_land", lang) if part.id == "land" else name_in(part.name, lang, part.id)
            basis = t("sum_basis_bau" if part.basis == "bau" else "sum_basis_source", lang)
            parts.append(t("sum_removal_part", lang, name=name, value=mt(f"{k}.amount"), basis=basis))
    target = next((tg for tg in facts.targets_on(facts.long_term) if tg.kind == "net_zero"), None)
    targets = "long_term_targets" if facts.long_term_targets else "targets"
    probability = ""
    if target is not None and target.p_met is not None:
        probability = t("sum_nz_p", lang, p=figure(facts, f"{targets}.{target.id}.p_met", "prob", lang))
    net = facts.pathway(facts.long_term).net_last
    return t(
        "sum_netzero_text",
        lang,
        year=facts.long_term_year,
        label=name_in(facts.scenarios.get(facts.long_term, {}), lang, facts.long_term),
        gross=mt(f"{key}.gross_last"),
        removals=mt(f"{key}.removals_last"),
        parts="; ".join(parts) or "–",
        net=figure(facts, f"{key}.net_last", "mt", lang, decimals=d),
        status=t("sum_nz_reached" if net <= 0 else "sum_nz_not", lang),
        p=probability,
    )


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


def action_table(facts, lang: str, top: int | None = None, *, compact: bool = False) -> pd.DataFrame:
    """Each measure of the run's main scenario from its facts (the ``top`` largest only, when given): lead (and
    partners), deadline, start, full effect, cut in the target year (Mt, in the plan's order: the same number the
    cost curve and page 1 state), levelised cost in USD and in thousand VND per tonne — largest cut first.
    ``compact``: without the start and full-effect years (the summary's table; the pathways report has them)."""
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
                **(
                    {}
                    if compact
                    else {t("act_col_start", lang): m.start_year, t("act_col_full", lang): m.full_effect_year}
                ),
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


def summary_table(facts, lang: str) -> pd.DataFrame:
    """The summary's key figures as a two-column table (item, value): each figure the run's raw fact, with the kind
    page 1 prints it by (``frame.attrs["kinds"]``, one per row; the workbook keeps the number), the verdict and the
    PGI rank in words."""
    h = facts.headline
    lt = facts.pathway(facts.long_term)
    main_title = name_in(facts.scenarios.get(facts.main, {}), lang, facts.main)
    rows = [
        (t("sum_base", lang, year=facts.base_year), facts.net_base, "mt"),
        (t("sum_bau", lang, year=facts.target_year), facts.bau.stated, "mt"),
        (t("sum_scenario", lang, label=main_title, year=facts.target_year), facts.scenario.stated, "mt"),
        (t("sum_below", lang, year=facts.target_year), facts.below_bau_pct, "pct"),
        (
            f"{name_in(h.title, lang, h.id)} ({origin_text(h.origin, h.of, lang)})",
            t(f"verdict_{h.verdict.replace(' ', '_')}", lang),
            None,
        ),
    ]
    if h.p_met is not None:
        rows.append((t("chg_p_met", lang), h.p_met, "probability"))
    label = name_in(facts.scenarios.get(facts.long_term, {}), lang, facts.long_term)
    rows.append(
        (
            t("sum_netzero", lang, year=facts.long_term_year, label=label),
            lt.net_last,
            f"number:{facts.long_term_decimals}",  # the decimals at which gross − removals = net as printed
        )
    )
    if facts.pgi is not None and facts.pgi.score is not None:
        rows.append((t("sum_pgi", lang, year=facts.pgi.year), facts.pgi.score, "number:2"))  # as VCCI publishes it
        rows.append((t("sum_pgi_rank", lang, year=facts.pgi.year), facts.pgi.rank_cell.get(lang) or "–", None))
    value = t("sum_col_value", lang)
    out = pd.DataFrame([row[:2] for row in rows], columns=[t("sum_col_item", lang), value])
    out.attrs["kinds"] = {value: [row[2] for row in rows]}
    return out


def changes_table(changes, facts, lang: str) -> pd.DataFrame:
    """What moved since the earlier report (:func:`analysis.run.facts.compare_facts`): figure, before, now, why —
    each value printed by the rule page 1 prints it with."""
    from analysis.narrative.figures import format_fact

    labels = {
        "net_base": t("chg_net_base", lang, year=facts.base_year),
        "bau.stated": t("chg_bau", lang, year=facts.target_year),
        "scenario.stated": t("chg_scenario", lang, year=facts.target_year),
        "below_bau_pct": t("chg_below", lang, year=facts.target_year),
        "per_person": t("chg_per_person", lang, year=facts.base_year),
    }
    rows = [
        {
            t("chg_col_figure", lang): labels.get(c.key) or t("chg_p_met", lang),
            t("chg_col_before", lang): format_fact(c.before, c.kind, lang),
            t("chg_col_now", lang): format_fact(c.now, c.kind, lang),
            t("chg_col_why", lang): "; ".join(t(f"chg_reason_{r}", lang) for r in c.reasons)
            or t("chg_reason_code", lang),
        }
        for c in changes
    ]
    return pd.DataFrame(rows)


def describe_changes(changes, lang: str) -> str:
    """One sentence before the table of changes (or saying that nothing on page 1 moved)."""
    return tn("chg_intro", len(changes), lang) if changes else t("chg_none", lang)


def describe_intensity(facts, lang: str) -> str:
    """Per person in the base year, and per GRDP in the latest year the place's GRDP is cited, against the region's
    provinces (or units) with a GRDP that year — or why there is no intensity."""
    from analysis.data.provinces import REGION_VI

    parts = []
    if facts.per_person is not None:
        parts.append(t("sum_per_person", lang, year=facts.base_year, value=figure(facts, "per_person", "tpp", lang)))
    i = facts.intensity
    if i is None or i.value is None:
        parts.append(t("sum_intensity_none", lang, place=facts.province))
        return " ".join(parts)
    n = len(i.peers)
    region = REGION_VI.get(i.region, i.region) if lang == "vi" else i.region
    text = t(
        "sum_intensity",
        lang,
        year=i.year,
        value=figure(facts, "intensity.value", "t_per_bn", lang),
        basis=t(f"sum_intensity_{i.basis}", lang),
    )
    if n >= 3:
        low, high = i.peers[0], i.peers[-1]
        position = (
            t("sum_rank_lowest", lang)
            if i.rank == 1
            else t("sum_rank_highest", lang)
            if i.rank == n
            else t("sum_rank_nth", lang, rank=i.rank)
        )
        text += " " + t(
            "sum_intensity_peers_2025" if facts.map == 2025 else "sum_intensity_peers",
            lang,
            position=position,
            n=n,
            region=region,
            low_name=low.name,
            low=figure(facts, "intensity.peers.0.value", "t_per_bn", lang),
            high_name=high.name,
            high=figure(facts, f"intensity.peers.{n - 1}.value", "t_per_bn", lang),
        )
    else:
        text += " " + t("sum_intensity_few", lang, region=region, n=n)
    parts.append(text)
    return " ".join(parts)
