"""Sentences about mitigation pathways and targets, written from the numbers, in Vietnamese or English.

Inputs: pathways (:mod:`analysis.emissions.pathways`), the target table (:func:`analysis.emissions.targets.evaluate_targets`),
the MACC and target cost (:mod:`analysis.emissions.macc`), Monte Carlo results and the tornado.
Output: Markdown strings and small display tables. Nothing here computes an emission figure.
"""

from __future__ import annotations

import pandas as pd

from analysis.emissions.pathways import tabulate_overlap
from analysis.i18n import name_in, sector_label, t, tn
from analysis.narrative.decision import target_title
from analysis.narrative.figures import figure, format_fact, mark


def label_of(pathway, lang: str) -> str:
    label = pathway.scenario.label
    return label.get(lang, pathway.name) if isinstance(label, dict) else str(label or pathway.name)


def scenario_table(facts, lang: str) -> pd.DataFrame:
    """Net emissions in the target year and the percentage below BAU for each scenario (from the run's facts)."""
    year = facts.target_year
    rows = [
        {
            t("pw_col_scenario", lang): name_in(p.title, lang, p.id),
            t("pw_col_net", lang, year=year): p.net,
            t("pw_col_below", lang): p.below_bau_pct,
        }
        for p in facts.pathways
    ]
    return pd.DataFrame(rows)


def describe_scenarios(facts, lang: str, shown=None) -> str:
    """One line per scenario (but BAU): net emissions in the target year and how far below BAU."""
    lines = []
    for p in facts.pathways:
        if p.id == "bau" or (shown is not None and p.id not in shown):
            continue
        key = f"pathways.{p.id}"
        lines.append(
            t(
                "pw_scenario_line",
                lang,
                label=name_in(p.title, lang, p.id),
                year=facts.target_year,
                value=figure(facts, f"{key}.net", "mt", lang),
                pct=figure(facts, f"{key}.below_bau_pct", "pct", lang),
            )
        )
    return "\n".join(lines)


def gap_words(facts, key: str, lang: str) -> str:
    """The gap ``key`` (a target's ``gap``) in words, positive = shortfall: "vượt mục tiêu (dư 0,76 triệu tấn CO₂tđ)"
    or "còn thiếu 0,76 triệu tấn CO₂tđ so với mục tiêu" (a surplus never reads as "below the required level")."""
    gap = facts.get(f"{key}.stated")
    which = "gap_surplus" if gap is not None and gap <= 0 else "gap_shortfall"
    return t(which, lang, gap=figure(facts, f"{key}.stated", "mt", lang, absolute=True))


def origin_text(origin: str, of: str, lang: str) -> str:
    """Whose target it is, in words ("of the province", "national, applied to the province", "inherited from …")."""
    return t(f"pw_origin_{origin}", lang, of=of)


def describe_headline(facts, lang: str) -> str:
    """The headline target in words: where the main scenario lands, met / at risk / not met, with P(met)."""
    h = facts.headline
    key = f"targets.{h.id}"
    if not h.applicable:
        return t("dec_not_applicable", lang, year=h.year)
    text = t(
        "pw_headline",
        lang,
        label=name_in(facts.scenarios.get(facts.main, {}), lang, facts.main),
        year=h.year,
        pct=figure(facts, "below_bau_pct", "pct", lang),
        target=target_title(facts, h.id, lang),
        origin=origin_text(h.origin, h.of, lang),
        status=t(f"verdict_{h.verdict.replace(' ', '_')}", lang),
        gap_text=gap_words(facts, f"{key}.gap", lang),
    )
    if h.p_met is not None:
        text += " " + t(
            "pw_headline_p",
            lang,
            p=figure(facts, f"{key}.p_met", "prob", lang),
            draws=figure(facts, "n_draws", "int", lang),
        )
    return text


def target_table(facts, scenario: str, lang: str) -> pd.DataFrame:
    """Targets checked on ``scenario`` (the main or the long-term one): whose target, required, achieved and gap
    (Mt CO2e; positive = shortfall), verdict and P(met) — from the run's facts, so the verdicts are page 1's. A
    percentage below a BAU that is not positive (a net sink) has no required level, gap or probability; the row under
    it is its absolute alternative (the same percentage of the BAU's gross emissions cut), checked on the central path.
    """
    rows, chances = [], []
    for x in facts.targets_on(scenario):
        origin = origin_text(x.origin, x.of, lang)
        verdict = t(f"verdict_{x.verdict.replace(' ', '_')}", lang)
        if x.applicable:
            rows.append((name_in(x.title, lang, x.id), origin, x.year, x.required, x.achieved, x.gap.stated, verdict))
            chances.append(x.p_met)
            continue
        rows.append((name_in(x.title, lang, x.id), origin, x.year, None, x.achieved, None, verdict))
        chances.append(None)
        if x.alternative_required is not None:
            pct = format_fact(x.required_below_bau_pct, "pct_stated", lang)
            met = t("verdict_met" if x.alternative_met else "verdict_not_met", lang)
            rows.append(
                (
                    t("pw_alt_row", lang, pct=pct),
                    origin,
                    x.year,
                    x.alternative_required,
                    x.achieved,
                    x.alternative_gap,
                    met,
                )
            )
            chances.append(None)
    columns = [
        "pw_col_target",
        "pw_col_origin",
        "pw_col_year",
        "pw_col_required",
        "pw_col_achieved",
        "pw_col_gap",
        "pw_col_met",
    ]
    frame = pd.DataFrame(rows, columns=[t(c, lang) for c in columns])
    for c in ("pw_col_required", "pw_col_achieved", "pw_col_gap"):
        frame[t(c, lang)] = pd.to_numeric(frame[t(c, lang)])
    if any(c is not None for c in chances):  # a Monte Carlo was run: printed as the reports print a probability
        column = t("pw_col_p_met", lang)  # whole percent, the ends in words ("dưới 1%", "trên 99%"), never "0" or "100"
        frame[column] = pd.array(chances, dtype="Float64")
        frame.attrs["kinds"] = {**frame.attrs.get("kinds", {}), column: "probability"}
    return frame


def describe_targets(facts, scenario: str, lang: str) -> str:
    """How many of the targets checked on ``scenario`` are met — at risk and not met said apart, never counted as met."""
    targets = [x for x in facts.targets_on(scenario) if x.applicable]
    counts = {v: sum(x.verdict == v for x in targets) for v in ("met", "at risk", "not met")}
    text = tn(
        "pw_targets_summary",
        len(targets),
        lang,
        label=name_in(facts.scenarios.get(scenario, {}), lang, scenario),
        met=counts["met"],
    )
    if counts["at risk"] or counts["not met"]:
        text += " " + t("pw_targets_rest", lang, at_risk=counts["at risk"], not_met=counts["not met"])
    return text


def describe_net_zero(facts, lang: str) -> str:
    """The long-term scenario in the last year: gross, removals, net (at the decimals where they add up as printed,
    the summary's)."""
    d = facts.long_term_decimals
    key = f"pathways.{facts.long_term}"
    net = facts.pathway(facts.long_term).net_last
    return t(
        "pw_netzero",
        lang,
        year=facts.long_term_year,
        label=name_in(facts.scenarios.get(facts.long_term, {}), lang, facts.long_term),
        gross=figure(facts, f"{key}.gross_last", "mt", lang, decimals=d),
        removals=figure(facts, f"{key}.removals_last", "mt", lang, decimals=d, absolute=True),
        net=figure(facts, f"{key}.net_last", "mt", lang, decimals=d),
        verdict=t("pw_netzero_yes" if net <= 0 else "pw_netzero_no", lang),
    )


def describe_macc(facts, lang: str) -> str:
    """What the headline target asks below BAU and what the cheapest measures cost to reach it."""
    c = facts.cost
    if c is None:
        return ""
    if not c.reachable:
        return t("pw_macc_short", lang, year=facts.target_year, short=figure(facts, "cost.shortfall", "mt", lang))
    return t(
        "pw_macc",
        lang,
        year=facts.target_year,
        needed=figure(facts, "cost.needed", "mt", lang),
        cost=figure(facts, "cost.musd_per_year", "musd", lang),
        marginal=figure(facts, "cost.marginal_usd_per_t", "usd", lang),
    )


def describe_probability(facts, lang: str) -> str:
    h = facts.headline
    return t(
        "pw_probability",
        lang,
        draws=figure(facts, "n_draws", "int", lang),
        label=name_in(facts.scenarios.get(facts.main, {}), lang, facts.main),
        target=target_title(facts, h.id, lang),
        p=figure(facts, f"targets.{h.id}.p_met", "prob", lang),
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
        out[labels[name]] = wide[name].to_numpy()
    # whole percent with the ends in words, as every probability the reports print (a draw never proves certainty)
    out.attrs["kinds"] = {labels[name]: "probability" for name in wide.columns}
    return out


def tornado_labels(facts, lang: str) -> pd.DataFrame:
    """The tornado of the run's facts with each uncertain input named in words, largest swing first."""
    return pd.DataFrame(
        {
            "parameter": [name_in(x.parameter, lang) for x in facts.tornado],
            "gap_low_mtco2e": [x.gap_low for x in facts.tornado],
            "gap_high_mtco2e": [x.gap_high for x in facts.tornado],
            "swing_mtco2e": [x.swing for x in facts.tornado],
            "base_gap_mtco2e": [facts.headline.gap.stated if facts.headline.gap else 0.0] * len(facts.tornado),
            "target_id": [facts.headline.id] * len(facts.tornado),
        }
    )


def tornado_table(facts, lang: str) -> pd.DataFrame:
    named = tornado_labels(facts, lang)
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


def describe_tornado(facts, lang: str) -> str:
    if not facts.tornado:
        return ""
    top = facts.tornado[0]
    return t(
        "pw_tornado",
        lang,
        year=facts.target_year,
        param=name_in(top.parameter, lang),
        swing=mark("tornado.0.swing", format_fact(top.swing, "mt", lang), "mt"),
    )


def describe_lmdi(facts, lang: str) -> str:
    """The long-term scenario's change in gross emissions by Kaya factor, in Mt."""
    d = facts.lmdi
    if d is None or d.reason:  # the reason (a KeyError's English text) stays in the facts, for analysts
        y0, y1 = (d.y0, d.y1) if d else (facts.base_year, facts.long_term_year)
        return t("pw_lmdi_missing", lang, province=facts.province, y0=y0, y1=y1)

    def mt(k):
        return figure(facts, f"lmdi.{k}", "mt", lang, sign=True)

    return t(
        "pw_lmdi",
        lang,
        y0=d.y0,
        y1=d.y1,
        label=name_in(facts.scenarios.get(facts.long_term, {}), lang, facts.long_term),
        change=mt("change"),
        pop=mt("population"),
        gdp=mt("grdp_per_capita"),
        intensity=mt("emission_intensity"),
    )
