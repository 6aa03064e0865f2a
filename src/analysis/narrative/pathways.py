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
from analysis.i18n import fmt_number, fmt_percent, sector_label, t, tn
from analysis.narrative import MT


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


def gap_words(gap_mt: float, lang: str) -> str:
    """The gap to a target in words, positive = shortfall: "vượt mục tiêu (dư 0,76 triệu tấn CO₂tđ)" or "còn thiếu
    0,76 triệu tấn CO₂tđ so với mục tiêu" (a surplus never reads as "below the required level")."""
    return t("gap_surplus" if gap_mt <= 0 else "gap_shortfall", lang, gap=fmt_number(abs(gap_mt), lang, 2))


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
        gap_text=gap_words(float(row["gap_mtco2e"]), lang),
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
    return tn(
        "pw_targets_summary", len(evaluated), lang, label=label_of(pathway, lang), met=int(evaluated["met"].sum())
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
