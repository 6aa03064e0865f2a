"""Sentences about facility emission quotas, in Vietnamese or English: the rule and its legal basis, emissions against
quota per period, who is over and who is under, what may be carried over to the next period, and what is provisional.

Input: :class:`~analysis.mrv.quotas.QuotaBalance`. Output: a list of Markdown paragraphs
(:func:`describe_quotas`); the reader table is :func:`analysis.narrative.mrv_tables.quota_table`. Amounts go
through :func:`analysis.narrative.mrv.fmt_tonnes` (Mt from 10,000 t); documents are cited by
:func:`analysis.narrative.legal.cite`. Nothing here computes an emission figure.
"""

from __future__ import annotations

from analysis.data.quota_rules import CARRY_OVER_VERIFIED, LEGAL_BASIS, period_label
from analysis.i18n import t
from analysis.narrative.figures import detail_paragraph
from analysis.narrative.legal import cite
from analysis.narrative.mrv import _facilities, _join, fmt_tonnes


def _years(years, lang: str) -> str:
    return _join([str(y) for y in years], lang)


def _names(frame, lang: str) -> str:
    return _join(list(dict.fromkeys(frame["facility_name"])), lang)


def describe_quota_rule(lang: str) -> list[str]:
    """The periods and sectors of the quotas and the carry-over rule, with their legal basis and what could not be
    verified."""
    out = [
        t("mrv_quota_rule", lang, decree=cite("nd-06-2022", lang), listing=cite("qd-13-2024-ttg", lang)),
        t("mrv_quota_carry_rule", lang, decree=cite(LEGAL_BASIS, lang)),
    ]
    if not CARRY_OVER_VERIFIED:
        out[-1] += " " + t("mrv_quota_unverified", lang)
    return out


def _describe_period(total, periods, years, lang: str) -> list[str]:
    period = total["period"]
    mine = periods[periods["period"] == period]
    parts = [
        t(
            "mrv_quota_summary",
            lang,
            period=period_label(period),
            years=_years(total["years"], lang) if total["years"] else "–",
            facilities=_facilities(int(total["n_facilities"]), lang),
            quota=fmt_tonnes(total["quota_tco2e"], lang),
            emissions=fmt_tonnes(total["emissions_tco2e"], lang),
        )
    ]
    if total["n_deficit"]:
        parts.append(
            t(
                "mrv_quota_deficit",
                lang,
                facilities=_facilities(int(total["n_deficit"]), lang),
                value=fmt_tonnes(total["deficit_tco2e"], lang),
                names=_names(mine[mine["position"] == "deficit"], lang),
            )
        )
    if total["n_surplus"]:
        parts.append(
            t(
                "mrv_quota_surplus",
                lang,
                facilities=_facilities(int(total["n_surplus"]), lang),
                value=fmt_tonnes(total["surplus_tco2e"], lang),
                names=_names(mine[mine["position"] == "surplus"], lang),
            )
        )
    net = total["net_tco2e"]
    if total["n_surplus"] + total["n_deficit"] > 1 and net == net and net != 0:
        key = "mrv_quota_net_deficit" if net < 0 else "mrv_quota_net_surplus"
        parts.append(t(key, lang, value=fmt_tonnes(abs(net), lang)))
    later = total["next_period"]
    if later is None:
        parts.append(t("mrv_quota_carry_beyond", lang, period=period_label(period)))
    elif total["carry_over_tco2e"] > 0:
        holders = mine[mine["carry_over_tco2e"] > 0]
        parts.append(
            t(
                "mrv_quota_carry",
                lang,
                next=period_label(later),
                value=fmt_tonnes(total["carry_over_tco2e"], lang),
                names=_names(holders, lang),
            )
        )
    elif total["carry_over_tco2e"] == 0:
        parts.append(t("mrv_quota_carry_none", lang, next=period_label(later)))
    if total["n_deficit"] and later is not None:
        parts.append(t("mrv_quota_deficit_no_carry", lang))
    if not total["complete"]:
        parts.append(t("mrv_quota_partial", lang, years=_years(total["years"], lang) if total["years"] else "–"))
    provisional = mine[mine["provisional"]]
    if len(provisional):
        parts.append(t("mrv_quota_provisional", lang, names=_names(provisional, lang)))
    awaiting = years[(years["period"] == period) & (years["position"] == "awaiting")]
    if len(awaiting):
        parts.append(
            t(
                "mrv_quota_awaiting",
                lang,
                years=_years(sorted(set(awaiting["year"])), lang),
                names=_names(awaiting, lang),
            )
        )
    return [" ".join(parts)]


def describe_quotas(balance, lang: str, place: str = "") -> list[str]:
    """The quota paragraphs of a run: the rule, then per period what the register shows; a register without
    quotas is said to have none (and the facilities in a quota sector named)."""
    out = describe_quota_rule(lang)
    if balance.empty:
        out.append(t("mrv_quota_none", lang, place=place))
    else:
        for _, total in balance.totals().iterrows():
            out += [
                detail_paragraph(f"mrv.quota_period.{total.name}", paragraph)
                for paragraph in _describe_period(total, balance.periods, balance.years, lang)
            ]
    without = balance.without_quota()
    if len(without):
        out.append(t("mrv_quota_without", lang, names=_names(without, lang)))
    return out
