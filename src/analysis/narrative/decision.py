"""Page 1 of the summary as a decision: the verdict in one sentence, the figures behind it with their uncertainty,
three next steps with who leads them and by when, and what is estimated or illustrative.

Input: :class:`analysis.run.facts.Facts` (one set of figures per run) and the language. Output: Markdown paragraphs;
every figure is printed with :func:`analysis.narrative.figures.figure` (marked with its fact key). The sign
convention is stated once and the gap is always said in words: a surplus ("dư") or a shortfall ("còn thiếu"), never
a signed number. For a 2025 unit the headline is the unit's own target if it has one, else the national one, and
the targets it inherited from its former provinces follow, each with its own probability.
"""

from __future__ import annotations

from analysis.i18n import name_in, t
from analysis.narrative.figures import figure, mark


def target_title(facts, target_id: str, lang: str, *, scenario: str | None = None) -> str:
    """A target's title as its file words it (it may hold a figure, "giảm 8% so với BAU"), marked as the fact it is."""
    from analysis.narrative.figures import mark

    group = "long_term_targets" if scenario == facts.long_term and facts.long_term_targets else "targets"
    target = next(x for x in getattr(facts, group) if x.id == target_id)
    return mark(f"{group}.{target_id}.title", name_in(target.title, lang, target_id), "label")


def _document(doc_id: str | None, lang: str) -> str:
    if not doc_id:
        return ""
    from analysis.narrative.legal import cite

    return cite(doc_id, lang)


def gap_text(facts, key: str, lang: str) -> str:
    """The gap ``key`` (a :class:`~analysis.run.facts.Spread` of the gap, stated value) in words: a surplus or a
    shortfall with its magnitude."""
    gap = facts.get(f"{key}.stated")
    which = "dec_gap_surplus" if gap is not None and gap <= 0 else "dec_gap_shortfall"
    return t(which, lang, gap=figure(facts, f"{key}.stated", "mt", lang, absolute=True))


def describe_verdict(facts, lang: str) -> list[str]:
    """The verdict on the headline target, the figures behind it and their uncertainty, the convention."""
    h = facts.headline
    key = f"targets.{h.id}"
    target = target_title(facts, h.id, lang)
    verdict = h.verdict.replace(" ", "_")
    first = t(f"dec_verdict_{verdict}", lang, place=facts.province, target=target)
    if h.document:
        first += t("dec_set_by", lang, document=_document(h.document, lang))
    paragraphs = [first]
    if not h.applicable:
        paragraphs.append(t("dec_not_applicable", lang, year=h.year))
        if h.alternative_required is not None:  # the same share of the BAU's gross emissions, cut: checked centrally
            key = f"targets.{h.id}"
            paragraphs.append(
                t(
                    "dec_alternative",
                    lang,
                    pct=figure(facts, f"{key}.required_below_bau_pct", "pct_stated", lang),
                    year=h.year,
                    gross=figure(facts, f"{key}.bau_gross", "mt", lang),
                    allowed=figure(facts, f"{key}.alternative_required", "mt", lang),
                    scenario=name_in(facts.scenarios.get(facts.main, {}), lang, facts.main),
                    achieved=figure(facts, f"{key}.achieved", "mt", lang),
                    verdict=t("verdict_met" if h.alternative_met else "verdict_not_met", lang),
                )
            )
        return paragraphs
    main_title = name_in(facts.scenarios.get(facts.main, {}), lang, facts.main)
    # a target stated in the other view is checked in it: its own BAU, achieved level and probability, said so (the
    # report's view would set figures of one view against a level allowed in the other)
    other_view = h.view != getattr(facts, "view", "territorial")
    view = t(f"view_name_{h.view}", lang)
    paragraphs.append(
        t(
            "dec_figures_view" if other_view else "dec_figures",
            lang,
            view=view,
            scenario=main_title,
            year=facts.target_year,
            stated=figure(facts, f"{key}.achieved" if other_view else "scenario.stated", "mt", lang),
            below=figure(facts, f"{key}.below_bau_pct" if other_view else "below_bau_pct", "pct", lang),
            bau=figure(facts, f"{key}.bau" if other_view else "bau.stated", "mt", lang),
            allowed=figure(facts, f"{key}.required", "mt", lang),
            gap_text=gap_text(facts, f"{key}.gap", lang),
        )
    )
    if h.p_met is None or facts.scenario.median is None:
        paragraphs.append(t("dec_no_draws", lang))
    elif other_view:  # the median and range of the report's view are not the target's: its probability only
        paragraphs.append(
            t(
                "dec_uncertainty_view",
                lang,
                draws=figure(facts, "n_draws", "int", lang),
                view=view,
                p=figure(facts, f"{key}.p_met", "prob", lang),
            )
        )
    else:
        text = t(
            "dec_uncertainty",
            lang,
            draws=figure(facts, "n_draws", "int", lang),
            year=facts.target_year,
            median=figure(facts, "scenario.median", "mt", lang),
            p5=figure(facts, "scenario.p5", "mt", lang),
            p95=figure(facts, "scenario.p95", "mt", lang),
            p=figure(facts, f"{key}.p_met", "prob", lang),
            interval=figure(facts, "interval_pct", "pct", lang),
        )
        if facts.scenario.headline != facts.scenario.stated:
            text += " " + t("dec_median_headline", lang)
        paragraphs.append(text)
    paragraphs.append(t("dec_convention", lang))
    return paragraphs


def describe_inherited(facts, lang: str) -> list[str]:
    """One sentence per target a 2025 unit inherited from a former province, with its own probability."""
    out = []
    for target in facts.targets:
        if target.origin != "inherited":
            continue
        key = f"targets.{target.id}"
        verdict = t(f"verdict_{target.verdict.replace(' ', '_')}", lang)
        p = (
            t("dec_inherited_p", lang, p=figure(facts, f"{key}.p_met", "prob", lang))
            if target.p_met is not None
            else ""
        )
        document = _document(target.document, lang)
        out.append(
            t(
                "dec_inherited",
                lang,
                of=target.of,
                target=target_title(facts, target.id, lang),
                document=f" ({document})" if document else "",
                verdict=verdict,
                gap_text=gap_text(facts, f"{key}.gap", lang) if target.gap is not None else "",
                p=p,
            )
        )
    return out


# run warnings page 1 already says in its own words (the next steps ask for the place's own plan)
SAID_ON_PAGE_ONE = ("national_scenarios", "national_scenarios_unit")
INVENTORY_AGENCY = "so-nnmt"  # the provincial department that leads GHG inventories and MRV (agencies.csv)


def _process_steps(facts, lang: str) -> list[str]:
    """The steps a place needs before its plan can be judged on its own terms, proposed by the tool: its own plan
    where the report uses the national set's uniform cuts, its official inventory where the figures are estimates."""
    from analysis.narrative.legal import agency_label

    lead = t("dec_proposed_lead", lang, lead=agency_label(INVENTORY_AGENCY, lang))
    steps = []
    if facts.scenario_origin == "national":
        steps.append(t("dec_step_plan", lang, place=facts.province, lead=lead))
    if facts.is_estimate:
        steps.append(t("dec_step_inventory", lang, place=facts.province, year=facts.base_year, lead=lead))
    return steps


def next_steps(facts, lang: str, n: int = 3) -> str:
    """Up to ``n`` next steps as a numbered list under its heading: first what the place lacks to judge its plan on
    its own terms (:func:`_process_steps`), then the measures of the main scenario that cut most in the target year,
    each with its lead (or "chưa giao"), partners and deadline (or "chưa có")."""
    from analysis.i18n import fmt_date
    from analysis.narrative.legal import agency_label

    process = _process_steps(facts, lang)
    ranked = sorted(facts.measures, key=lambda m: -m.cut)[: max(n - len(process), 1)]
    items = list(process)
    for m in ranked:
        field = "next_step" if name_in(m.next_step, lang) else "name"
        what = mark(f"measures.{m.id}.{field}", name_in(getattr(m, field), lang), "label")  # may hold a figure
        lead = agency_label(m.lead, lang) if m.lead else name_in(m.lead_text, lang, t("dec_unassigned", lang))
        partners = "; ".join(agency_label(p, lang) for p in m.partners)
        deadline = t("dec_no_deadline", lang)
        if m.deadline:
            import datetime as dt

            deadline = fmt_date(dt.date.fromisoformat(m.deadline), lang)
        items.append(
            t(
                "dec_step",
                lang,
                what=what,
                lead=lead,
                partners=t("dec_step_partners", lang, partners=partners) if partners else "",
                deadline=deadline,
                cut=figure(facts, f"measures.{m.id}.cut", "mt", lang),
                year=facts.target_year,
            )
        )
    if not items:
        return ""
    lines = [f"**{t('dec_steps_heading', lang)}**", ""]
    lines += [f"{k}. {item}" for k, item in enumerate(items[:n], start=1)]
    return "\n".join(lines)


def caveats(facts, lang: str, *, estimate_said: bool = True) -> str:
    """What on page 1 is estimated, illustrative or only proposed, said plainly ("" when nothing is);
    ``estimate_said``: the report's banner already says the inventory is an estimate (every rendered report's does)."""
    items = []
    if facts.is_estimate and not estimate_said:
        items.append(t("dec_caveat_estimate", lang))
    if any(m.cost_usd_per_t is not None for m in facts.measures):
        items.append(t("dec_caveat_costs", lang))
    if any(m.lead for m in facts.measures):
        items.append(t("dec_caveat_leads", lang))
    return t("dec_caveats", lang, items=" ".join(items)) if items else ""
