"""The workbook's facts sheet: every figure of a run's ``facts.json`` as a row an analyst can check a report against.

Input: the facts as recorded by the notebook (:func:`analysis.report.excel.read_facts`, the mapping written as
``facts.json``; :class:`analysis.run.facts.Facts`). Output: :class:`FactRow` s — the fact's dotted key (the one
:meth:`Facts.get` reads: ``targets.<id>.p_met``), its label in the reader's language, the raw value (full precision,
equal to ``facts.json``), its unit in words, the formatter kind the reports print it with and the matching Excel
number format (:mod:`analysis.report.formats`).

Which facts: every number (amounts in Mt CO2e, percents as 0–100, probabilities as 0–1, costs, years, counts), every
yes/no, each target's verdict (in words) and the dates; names and titles label the rows, ids are the keys, notes in
one language only (``cost_basis``, ``population_note``) stay in ``facts.json``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from analysis.i18n import has_text, sector_label, t
from analysis.report.formats import excel_format, fraction_format

# field -> (label message, kind); kind "spread" is a stated value with the Monte Carlo's median and 5–95 % range,
# "bool" a yes/no, "date" an ISO date, "verdict" a target's verdict, "text" a short symbol (the GWP set).
TOP = {
    "map": ("wb_fact_map", "plain"),
    "is_estimate": ("wb_estimate", "bool"),
    "gwp": ("wb_fact_gwp", "text"),
    "base_year": ("wb_fact_base_year", "year"),
    "target_year": ("wb_fact_target_year", "year"),
    "n_draws": ("wb_fact_n_draws", "int"),
    "seed": ("wb_fact_seed", "plain"),
    "net_base": ("wb_fact_net_base", "mt"),
    "gross_base": ("wb_fact_gross_base", "mt"),
    "removals_base": ("wb_fact_removals_base", "mt"),
    "bau": ("wb_fact_bau", "spread"),
    "scenario": ("wb_fact_scenario", "spread"),
    "below_bau_pct": ("wb_fact_below_bau_pct", "pct"),
    "long_term_year": ("wb_fact_long_term_year", "year"),
    "long_term_net": ("wb_fact_long_term_net", "spread"),
    "long_term_gross": ("wb_fact_long_term_gross", "mt"),
    "long_term_removals": ("wb_fact_long_term_removals", "mt"),
    "per_person": ("wb_fact_per_person", "number:1"),
    "population": ("wb_fact_population", "int"),
    "interval_pct": ("wb_fact_interval_pct", "int"),
}
EXCHANGE = {"vnd_per_usd": ("wb_fact_vnd_per_usd", "number:0"), "date": ("wb_fact_exchange_date", "date")}
TARGET = {
    "year": ("wb_fact_target_of_year", "year"),
    "required": ("wb_fact_target_required", "mt"),
    "achieved": ("wb_fact_target_achieved", "mt"),
    "gap": ("wb_fact_target_gap", "spread"),
    "bau": ("wb_fact_target_bau", "mt"),
    "below_bau_pct": ("wb_fact_target_below_bau_pct", "pct"),
    "required_below_bau_pct": ("wb_fact_target_required_below_bau_pct", "pct"),
    "required_cut": ("wb_fact_target_required_cut", "mt"),
    "bau_gross": ("wb_fact_target_bau_gross", "mt"),
    "alternative_required": ("wb_fact_target_alternative_required", "mt"),
    "alternative_gap": ("wb_fact_target_alternative_gap", "mt"),
    "alternative_met": ("wb_fact_target_alternative_met", "bool"),
    "applicable": ("wb_fact_target_applicable", "bool"),
    "met_central": ("wb_fact_target_met_central", "bool"),
    "p_met": ("wb_fact_target_p_met", "probability"),
    "verdict": ("wb_fact_target_verdict", "verdict"),
}
MEASURE = {
    "start_year": ("wb_fact_measure_start_year", "year"),
    "full_effect_year": ("wb_fact_measure_full_effect_year", "year"),
    "cut": ("wb_fact_measure_cut", "mt"),
    "cut_alone": ("wb_fact_measure_cut_alone", "mt"),
    "cost_usd_per_t": ("wb_fact_measure_cost_usd", "number:2"),
    "cost_vnd_per_t": ("wb_fact_measure_cost_vnd", "number:0"),
    "deadline": ("wb_fact_measure_deadline", "date"),
}
SECTOR = {
    "base": ("wb_fact_sector_base", "mt"),
    "bau": ("wb_fact_sector_bau", "mt"),
    "main": ("wb_fact_sector_main", "mt"),
}
PATHWAY = {
    "net": ("wb_fact_pathway_net", "mt"),
    "below_bau_pct": ("wb_fact_pathway_below_bau_pct", "pct"),
    "change": ("wb_fact_pathway_change", "mt"),
    "change_pct": ("wb_fact_pathway_change_pct", "pct"),
    "gross_last": ("wb_fact_pathway_gross_last", "mt"),
    "removals_last": ("wb_fact_pathway_removals_last", "mt"),
    "net_last": ("wb_fact_pathway_net_last", "mt"),
}
REMOVAL = {
    "amount": ("wb_fact_removal_amount", "mt"),
    "count": ("wb_fact_removal_count", "int"),
    "largest_amount": ("wb_fact_removal_largest", "mt"),
}
COST = {
    "needed": ("wb_fact_cost_needed", "mt"),
    "reachable": ("wb_fact_cost_reachable", "bool"),
    "shortfall": ("wb_fact_cost_shortfall", "mt"),
    "musd_per_year": ("wb_fact_cost_musd", "number:1"),
    "marginal_usd_per_t": ("wb_fact_cost_marginal", "number:2"),
}
LMDI = {
    "y0": ("wb_fact_lmdi_y0", "year"),
    "y1": ("wb_fact_lmdi_y1", "year"),
    "change": ("wb_fact_lmdi_change", "mt"),
    "population": ("wb_fact_lmdi_population", "mt"),
    "grdp_per_capita": ("wb_fact_lmdi_grdp_per_capita", "mt"),
    "emission_intensity": ("wb_fact_lmdi_emission_intensity", "mt"),
}
SWING = {
    "gap_low": ("wb_fact_swing_gap_low", "mt"),
    "gap_high": ("wb_fact_swing_gap_high", "mt"),
    "swing": ("wb_fact_swing", "mt"),
}
INTENSITY = {
    "year": ("wb_fact_intensity_year", "year"),
    "value": ("wb_fact_intensity_value", "number:1"),
    "emissions": ("wb_fact_intensity_emissions", "mt"),
    "grdp": ("wb_fact_intensity_grdp", "number:0"),
    "rank": ("wb_fact_intensity_rank", "int"),
}
PEER = {"value": ("wb_fact_intensity_value", "number:1")}
PGI = {
    "year": ("wb_fact_pgi_year", "year"),
    "score": ("wb_fact_pgi_score", "number:2"),
    "rank": ("wb_fact_pgi_rank", "int"),
    "ranked": ("wb_fact_pgi_ranked", "int"),
    "published": ("wb_fact_pgi_published", "bool"),
}
SPREAD = {
    "stated": "wb_fact_stated",
    "median": "wb_fact_median",
    "p5": "wb_fact_p5",
    "p95": "wb_fact_p95",
}
UNITS = {  # field -> unit message; amounts in Mt are "mtco2e", percents "%"
    "per_person": "wb_unit_t_per_person",
    "population": "wb_unit_persons",
    "vnd_per_usd": "wb_unit_vnd_per_usd",
    "cost_usd_per_t": "wb_unit_usd_per_t",
    "cost_vnd_per_t": "wb_unit_vnd_per_t",
    "n_draws": "wb_unit_draws",
    "marginal_usd_per_t": "wb_unit_usd_per_t",
    "musd_per_year": "wb_unit_musd_per_year",
    "value": "wb_unit_t_per_bn_vnd",
    "grdp": "wb_unit_bn_vnd",
    "score": "wb_unit_pgi_points",
    "interval_pct": "%",
}
VERDICTS = {"met": "verdict_met", "at risk": "verdict_at_risk", "not met": "verdict_not_met"}


@dataclass(frozen=True)
class FactRow:
    """One row of the facts sheet."""

    key: str  # dotted, as Facts.get reads it
    label: str  # reader's words
    value: Any  # raw: the number of facts.json, the words of a yes/no or a verdict, a date
    unit: str  # reader's words
    kind: str  # formatter kind, "" for text
    number_format: str  # Excel's, "" for text


def _unit(field: str, kind: str, lang: str) -> str:
    if kind in ("mt", "spread"):
        return t("mtco2e", lang)
    if kind == "pct":
        return "%"
    if kind == "probability":
        return t("wb_unit_probability", lang)
    if field in UNITS:
        return UNITS[field] if UNITS[field] == "%" else t(UNITS[field], lang)
    return ""


def _date(value):
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value)


def _row(key: str, label: str, value, field: str, kind: str, lang: str) -> FactRow:
    unit = _unit(field, kind, lang)
    if kind == "bool":
        return FactRow(key, label, t("wb_yes" if value else "wb_no", lang), "", "", "")
    if kind == "verdict":
        words = t(VERDICTS[value], lang) if value in VERDICTS else t("wb_verdict_not_applicable", lang)
        return FactRow(key, label, words, "", "", "")
    if kind == "date":
        date = None if value is None else _date(value)
        return FactRow(key, label, date, "", "", "DD/MM/YYYY" if lang == "vi" else "D MMM YYYY")
    if kind == "text":
        return FactRow(key, label, value, "", "", "")
    if kind == "probability":
        return FactRow(key, label, value, unit, kind, fraction_format())
    return FactRow(key, label, value, unit, kind, excel_format(value, kind) if value is not None else "")


def _words(message: str, lang: str, **values) -> str:
    return t(message, lang, **values) if has_text(message) else ""


def _rows_of(prefix: str, node: dict, fields: dict, owner: str, lang: str, words: dict) -> list[FactRow]:
    """The rows of one object (a target, a measure, a sector or the run itself), in ``fields``' order."""
    rows = []
    for field, (message, kind) in fields.items():
        if field not in node:
            continue
        value = node[field]
        what = _words(message, lang, **words)
        label = t("wb_fact_of", lang, owner=owner, what=what) if owner else what
        key = f"{prefix}{field}"
        if kind == "spread":
            for part, part_message in SPREAD.items():
                if isinstance(value, dict) and part in value:
                    text = t("wb_fact_part", lang, what=label, part=t(part_message, lang))
                    rows.append(_row(f"{key}.{part}", text, value[part], field, "mt", lang))
            continue
        rows.append(_row(key, label, value, field, kind, lang))
    return rows


def _title(labels: dict | None, lang: str, fallback: str) -> str:
    return (labels or {}).get(lang) or fallback


def fact_rows(facts: dict, lang: str) -> list[FactRow]:
    """Every row of the facts sheet of ``facts`` (the mapping of ``facts.json``) in ``lang``."""
    scenarios = facts.get("scenarios") or {}
    main = _title(scenarios.get(facts.get("main")), lang, "")
    long_term = _title(scenarios.get(facts.get("long_term")), lang, "")
    words = {
        "base_year": facts.get("base_year"),
        "year": facts.get("target_year"),
        "long_term_year": facts.get("long_term_year"),
        "main": main,
        "long_term": long_term,
    }
    rows = _rows_of("", facts, TOP, "", lang, words)
    rate = facts.get("exchange_rate") or {}
    rows += _rows_of("exchange_rate.", rate, EXCHANGE, "", lang, words)
    for sector in facts.get("sectors") or []:
        owner = sector_label(sector["key"], lang)
        rows += _rows_of(f"sectors.{sector['key']}.", sector, SECTOR, owner, lang, words)
    for target in facts.get("targets") or []:
        owner = _title(target.get("title"), lang, target["id"])
        rows += _rows_of(f"targets.{target['id']}.", target, TARGET, owner, lang, {**words, "year": target["year"]})
    for measure in facts.get("measures") or []:
        owner = _title(measure.get("name"), lang, measure["id"])
        rows += _rows_of(f"measures.{measure['id']}.", measure, MEASURE, owner, lang, words)
    for pathway in facts.get("pathways") or []:
        owner = _title(pathway.get("title"), lang, pathway["id"])
        rows += _rows_of(f"pathways.{pathway['id']}.", pathway, PATHWAY, owner, lang, words)
    for part in facts.get("removal_parts") or []:
        generic = {"land": "sum_removal_land", "assumed": "wb_fact_removal_assumed"}.get(part["id"])
        owner = t(generic, lang) if generic else _title(part.get("name"), lang, part["id"])
        rows += _rows_of(f"removal_parts.{part['id']}.", part, REMOVAL, owner, lang, words)
    for target in facts.get("long_term_targets") or []:
        owner = t("wb_fact_on_scenario", lang, what=_title(target.get("title"), lang, target["id"]), scenario=long_term)
        prefix = f"long_term_targets.{target['id']}."
        rows += _rows_of(prefix, target, TARGET, owner, lang, {**words, "year": target["year"]})
    for group, fields, owner in (
        ("cost", COST, t("wb_fact_cost", lang)),
        ("lmdi", LMDI, t("wb_fact_lmdi", lang, main=long_term)),
        ("intensity", INTENSITY, t("wb_fact_intensity", lang)),
        ("pgi", PGI, t("wb_fact_pgi", lang)),
    ):
        if facts.get(group):
            rows += _rows_of(f"{group}.", facts[group], fields, owner, lang, words)
    for i, peer in enumerate((facts.get("intensity") or {}).get("peers") or []):
        rows += _rows_of(f"intensity.peers.{i}.", peer, PEER, peer["name"], lang, words)
    for i, swing in enumerate(facts.get("tornado") or []):
        owner = _title(swing.get("parameter"), lang, str(i))
        rows += _rows_of(f"tornado.{i}.", swing, SWING, owner, lang, words)
    return rows
