"""Every word the explorer shows, in Vietnamese and English, and the headline cards as HTML.

Inputs: a :class:`~analysis.explore.model.View` and a language. Outputs: catalogue entries (``xp_*`` keys of
:mod:`analysis.i18n`), reader labels of levers (no code identifiers: measures, scenarios and targets by their
labels, drivers by name or by the sectors that follow them), and :func:`headline_html`, the four figures above the
chart. Numbers are formatted with :func:`analysis.i18n.fmt_number` (``1.234,5`` in Vietnamese).
"""

from __future__ import annotations

import html

from analysis.emissions.pathways import T_PER_MT
from analysis.i18n import fmt_mt, fmt_number, fmt_percent, fmt_probability, has_text, sector_label, t

UNIT_DIVISOR = {"absolute": T_PER_MT, "removals": T_PER_MT}  # shown in Mt, written in t CO2e


def driver_label(driver: str, sectors: tuple[str, ...], lang: str) -> str:
    """A driver's name (``grdp`` -> "GRDP"), or "driver of <sectors>" for a driver the catalogue does not name."""
    key = f"xp_driver|{driver}"
    if has_text(key):
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


def _scenario_title(view, lang: str) -> str:
    label = getattr(view.pathway.scenario, "label", {}) or {}
    return label.get(lang) or label.get("en") or view.pathway.name


def headline_html(view, lang: str) -> str:
    """The four headline figures: gap to the target, % below BAU, net balance in 2050, P(met) with the verdict. A
    target that does not apply (a percentage below a BAU that is not positive) shows why, its absolute alternative's
    gap and the distance below the BAU in Mt instead (:func:`_sink_headline_html`)."""
    row, year = view.row, view.target.year
    if not row.get("applicable", True):
        return _sink_headline_html(view, lang)
    gap = float(row["gap_mtco2e"]) * T_PER_MT
    tone = "good" if view.verdict == "met" else "warn" if view.verdict == "at risk" else "bad"
    cards = [
        _card(
            "gap",
            t("xp_card_surplus" if gap <= 0 else "xp_card_shortfall", lang, year=year),
            fmt_mt(abs(gap) / T_PER_MT, lang),
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
            t("xp_card_balance_of", lang, year=view.balance_year, scenario=_scenario_title(view, lang)),
            fmt_mt(view.net / T_PER_MT, lang),
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
                fmt_probability(view.mc.probability_met, lang),
                t("xp_pmet_note", lang, n=fmt_number(view.mc.n_draws, lang, 0), verdict=words),
                tone,
            )
        )
    return f'<div class="nz-headline" style="display:flex;gap:0.6em;flex-wrap:wrap">{"".join(cards)}</div>'


def _sink_headline_html(view, lang: str) -> str:
    """The headline cards of a target that does not apply on this BAU: why, its absolute alternative, Mt below BAU.

    No percentage below the BAU and no probability: both would be of a percentage of a negative number.
    """
    row, year = view.row, view.target.year
    bau = float(row["bau_mtco2e"])
    cards = [
        _card(
            "gap",
            t("xp_card_na", lang, year=year),
            t("xp_verdict_not_applicable", lang),
            t("xp_na_note", lang, bau=fmt_mt(bau, lang)),
            "neutral",
        )
    ]
    alt = row.get("alt_required_mtco2e")
    if alt is not None and alt == alt:
        gap = float(row["alt_gap_mtco2e"])
        cards.append(
            _card(
                "alternative",
                t("xp_card_alt_surplus" if gap <= 0 else "xp_card_alt_shortfall", lang, year=year),
                fmt_mt(abs(gap), lang),
                t(
                    "xp_alt_note",
                    lang,
                    allowed=fmt_mt(float(alt), lang),
                    gross=fmt_mt(float(row["bau_gross_mtco2e"]), lang),
                ),
                "good" if gap <= 0 else "bad",
                unit=t("mtco2e", lang),
            )
        )
    cards.append(
        _card(
            "below",
            t("xp_card_below_mt", lang, year=year),
            fmt_mt(view.below_bau_mt, lang, sign=True),
            t("xp_below_note_bau", lang, bau=fmt_number(bau, lang, 2)),
            "neutral",
            unit=t("mtco2e", lang),
        )
    )
    return f'<div class="nz-headline" style="display:flex;gap:0.6em;flex-wrap:wrap">{"".join(cards)}</div>'
