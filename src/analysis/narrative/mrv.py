"""Sentences about the province's MRV work, in Vietnamese or English: reporting status, coverage, credits.

Inputs: the engines' results — :class:`~analysis.mrv.obligations.ReportingStatus`,
:class:`~analysis.mrv.coverage.Coverage`, :class:`~analysis.mrv.credits.CreditAccount` and the credit-potential
table. Output: Markdown strings (one function per paragraph); reader tables are in
:mod:`analysis.narrative.mrv_tables`. Nothing here computes an emission figure.
"""

from __future__ import annotations

import pandas as pd

from analysis.i18n import fmt_date, fmt_mt, fmt_number, fmt_percent, sector_label, t, tn
from analysis.narrative import MT
from analysis.narrative.figures import detail

TONNES_BELOW = 10_000  # t CO2e: smaller amounts (a facility's threshold, a small credit) stay in tonnes


def fmt_tonnes(value: float, lang: str) -> str:
    """An amount of emissions as reports write it: in Mt from 10,000 t (``756858`` -> ``0,76 triệu tấn CO₂tđ``, the
    rule of :func:`analysis.i18n.fmt_mt`: no tonne-level precision), in whole tonnes below (``3.000 tấn CO₂tđ``)."""
    if value is not None and abs(value) >= TONNES_BELOW:
        return t("mrv_megatonnes", lang, value=fmt_mt(value / MT, lang))
    return t("mrv_tonnes", lang, value=fmt_number(value, lang, 0))


def _facilities(n: int, lang: str) -> str:
    return tn("mrv_facilities", n, lang)


def _join(items: list[str], lang: str) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + t("mrv_and", lang) + items[-1]


def describe_reporting_status(status, lang: str) -> str:
    """Who must report, who has, who is late, what comes next (from a ``ReportingStatus``)."""
    dates = {
        "as_of": fmt_date(status.as_of, lang),
        "year": status.inventory_year,
        "due": fmt_date(status.due_date, lang),
    }
    n, counts = status.n_must("yes"), status.counts("yes")
    pieces = [
        t(f"mrv_part|{s}", lang, n=counts[s])
        for s in ("on_time", "late_submission", "received_undated", "overdue", "pending")
        if counts[s]
    ]
    parts = [
        t("mrv_status", lang, facilities=_facilities(n, lang), parts=_join(pieces, lang), **dates)
        if n
        else t("mrv_status_none", lang, **dates)
    ]
    if status.n_must("unknown"):
        parts.append(t("mrv_to_check", lang, facilities=_facilities(status.n_must("unknown"), lang)))
    if status.n_must("no"):
        parts.append(t("mrv_not_required", lang, facilities=_facilities(status.n_must("no"), lang)))
    year, due = status.next_report()
    if due != status.due_date:  # before the first deadline the next report is the one assessed
        parts.append(t("mrv_next", lang, year=year, due=fmt_date(due, lang)))
    return " ".join(parts)


def describe_coverage(coverage, lang: str) -> str:
    """Facility reports against the province's inventory: the ratio, the sectors where the estimate is too low."""
    topdown, totals = coverage.topdown, coverage.totals()
    label = t("mrv_label_estimate" if topdown.is_estimate else "mrv_label_official", lang)
    facility = fmt_tonnes(totals["facility_tco2e"], lang)
    if not topdown.available:
        reason = (
            t("mrv_reason_no_profile", lang)
            if topdown.status == "no_profile"
            else t("mrv_reason_other_year", lang, inv_year=topdown.inventory_year, year=coverage.year)
        )
        return detail(
            "mrv.coverage",
            tn("mrv_coverage_none", totals["n_facilities"], lang, year=coverage.year, facility=facility, reason=reason),
        )
    parts = [
        tn(
            "mrv_coverage",
            totals["n_facilities"],
            lang,
            year=coverage.year,
            facility=facility,
            k=totals["n_comparable"],
            label=label,
            pct=fmt_percent(100 * totals["coverage"], lang, 0),
            facility_cmp=fmt_tonnes(totals["comparable_facility_tco2e"], lang),
            estimate=fmt_tonnes(totals["comparable_estimate_tco2e"], lang),
        )
    ]
    if topdown.status == "other_year_used":
        parts.append(t("mrv_other_year_used", lang, label=label, inv_year=topdown.inventory_year, year=coverage.year))
    above = coverage.flagged("above_estimate")
    if above:
        parts.append(t("mrv_above", lang, sectors=_join([sector_label(s, lang) for s in above], lang), label=label))
    indirect = coverage.flagged("indirect_included")
    if indirect:
        parts.append(t("mrv_indirect", lang, sectors=_join([sector_label(s, lang) for s in indirect], lang)))
    return detail("mrv.coverage", " ".join(parts))


def _gap_text(gap: float, lang: str, before: float | None = None) -> str:
    """``gap`` in words; when it is the gap after a change of ``before`` and prints the same (the change is
    below the precision shown), say so rather than repeat a figure as if nothing had happened."""
    text = t("mrv_gap_above" if gap > 0 else "mrv_gap_below", lang, value=fmt_tonnes(abs(gap), lang))
    if before is not None and gap != before and text == _gap_text(before, lang):
        step = 0.1 if abs(gap) >= 0.995 * MT else 0.01
        text += t(
            "mrv_gap_within_rounding",
            lang,
            step=t("mrv_megatonnes", lang, value=fmt_number(step, lang, 2 if step < 0.1 else 1)),
        )
    return text


def describe_credits(account, lang: str) -> str:
    """The target gap with and without the credits transferred abroad under a corresponding adjustment."""
    vintages = t("mrv_vintages", lang, years=_join([str(v) for v in account.vintages], lang))
    parts = [
        t(
            "mrv_credits",
            lang,
            year=account.target_year,
            gap_text=_gap_text(account.gap_tco2e, lang),
            transferred=fmt_tonnes(account.transferred_tco2e, lang),
            gap_text2=_gap_text(account.gap_without_transfers_tco2e, lang, before=account.gap_tco2e),
        )
        if account.transferred_tco2e
        else t(
            "mrv_credits_none",
            lang,
            year=account.target_year,
            gap_text=_gap_text(account.gap_tco2e, lang),
            vintages=vintages,
        )
    ]
    if account.planned_tco2e:
        parts.append(
            t(
                "mrv_credits_planned",
                lang,
                planned=fmt_tonnes(account.planned_tco2e, lang),
                gap_text=_gap_text(account.gap_with_planned_tco2e, lang, before=account.gap_tco2e),
            )
        )
    if account.unknown_tco2e:
        parts.append(t("mrv_credits_unknown", lang, value=fmt_tonnes(account.unknown_tco2e, lang)))
    if account.counted_tco2e:
        parts.append(t("mrv_credits_counted", lang, value=fmt_tonnes(account.counted_tco2e, lang)))
    return detail("mrv.credit_account", " ".join(parts))


def describe_verdict(facts, lang: str) -> str:
    """The headline target's verdict and probability as every report of the run states them (its facts)."""
    from analysis.narrative.figures import figure

    h = facts.headline
    verdict = t(f"verdict_{h.verdict.replace(' ', '_')}", lang)
    title = figure(facts, f"targets.{h.id}.title", "label", lang)
    if h.p_met is None:
        return t("mrv_verdict", lang, target=title, verdict=verdict)
    p = figure(facts, f"targets.{h.id}.p_met", "prob", lang)
    return t("mrv_verdict_p", lang, target=title, verdict=verdict, p=p)


def describe_credit_potential(potential: pd.DataFrame, lang: str) -> str:
    """The labelled estimate of the credit potential of the chosen measures (``estimate_credit_potential``)."""
    if potential.empty:
        return ""
    share = float(potential["deduction_share"].iloc[0])
    basis = (
        t("mrv_potential_upper", lang)
        if not share
        else t(
            "mrv_potential_deducted",
            lang,
            share=fmt_percent(100 * share, lang, 0),
            source=potential["deduction_source"].iloc[0],
        )
    )
    return detail(
        "mrv.credit_potential",
        t(
            "mrv_potential",
            lang,
            measures=_join([f"“{m}”" for m in potential["measure"]], lang),
            year=int(potential["year"].iloc[0]),
            value=fmt_tonnes(float(potential["credit_potential_tco2e"].sum()), lang),
            basis=basis,
        ),
    )


def running_note(room, lang: str) -> str:
    """The note every page of the report carries while a shipped illustrative register is used (empty otherwise)."""
    if room.facilities_example and room.credits_example:
        return t("mrv_running_both", lang)
    if room.facilities_example:
        return t("mrv_running_facilities", lang)
    if room.credits_example:
        return t("mrv_running_credits", lang)
    return ""


def describe_credit_lines(credits: pd.DataFrame, lang: str) -> str:
    """The projects and lines of work of the credit register with no issued credit known (said in words, never
    as 0); empty when every row records its issued credits."""
    unknown = credits[credits["credits_issued_tco2e"].isna()]
    if unknown.empty:
        return ""
    return t("mrv_credit_lines", lang, names=_join([f"“{p}”" for p in dict.fromkeys(unknown["project"])], lang))


def describe_room(room, lang: str) -> list[str]:
    """The sentences that frame the MRV report: illustrative registers, provinces with no row."""
    if room.is_example:
        out = [t("mrv_example", lang)]
    else:
        note = running_note(room, lang)
        out = [f"**{note}**"] if note else []
    if room.missing:
        out.append(t("mrv_no_rows", lang, provinces=_join(list(room.missing), lang)))
    return out


def describe_summary(room, lang: str) -> list[str]:
    """The summary's MRV paragraph: who reports and who is late (coverage of the inventory and the credits against
    the target are in the MRV report)."""
    out = describe_room(room, lang)
    for status in room.status.values():
        out.append(describe_reporting_status(status, lang))
    return out


def describe_sources(room, lang: str) -> list[str]:
    """The two registers as a report's sources: the shipped examples said to be illustrative, an analyst's file
    by its name."""
    from analysis.mrv.room import CREDITS_EXAMPLE, FACILITIES_EXAMPLE

    out = []
    for kind, path, example in (
        ("facilities", room.facilities_file, FACILITIES_EXAMPLE),
        ("credits", room.credits_file, CREDITS_EXAMPLE),
    ):
        same = path.resolve() == example.resolve()
        out.append(t(f"mrv_src_{kind}_example", lang) if same else t(f"mrv_src_{kind}", lang, name=path.name))
    return out
