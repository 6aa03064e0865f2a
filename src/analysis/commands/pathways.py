"""``netzero pathways``: scenario pathways of a province as an IAMC table, with the target check.

Reads the province's frozen BAU (its profile under ``config/profiles/``), the scenario set (default:
``config/scenarios/brvt.yaml``) and the targets (default: ``config/scenarios/brvt_targets.yaml``); writes
the IAMC long table to ``--out`` (``.csv`` or ``.xlsx``; the Excel file also has ``meta``, ``targets``,
``overlap`` and ``macc`` sheets) and prints each scenario's result against the targets, labelled as an
estimate when the BAU is one.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from analysis.commands import common


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("pathways", parents=[common()], help="scenario pathways, target check and IAMC table",
                       description="Apply a scenario set to a province's frozen BAU, check the targets and write "
                                   "the IAMC long table (CSV or Excel).")
    p.add_argument("--province", default="Bà Rịa – Vũng Tàu",
                   help="province name, any common spelling (default: Bà Rịa – Vũng Tàu)")
    p.add_argument("--scenarios", type=Path, default=None, help="scenario YAML (default: the shipped BRVT set)")
    p.add_argument("--targets", type=Path, default=None, help="target YAML (default: the shipped BRVT targets)")
    p.add_argument("--out", type=Path, required=True, help="output file, .csv or .xlsx")
    p.add_argument("--year", type=int, default=2030, help="year of the overlap and MACC sheets (default 2030)")
    p.add_argument("--lang", choices=["vi", "en"], default="en", help="language of labels (default en)")
    p.add_argument("--draws", type=int, default=0,
                   help="Monte Carlo draws for the probability of meeting each target (default 0: none)")
    p.add_argument("--seed", type=int, default=20_300, help="Monte Carlo seed (default 20300)")
    p.set_defaults(func=run_pathways)


def run_pathways(args: argparse.Namespace) -> int:
    import pandas as pd

    from analysis.data.provinces import get_registry
    from analysis.emissions.bau import frozen_bau
    from analysis.emissions.iamc import build_iamc, describe_meta, write_iamc
    from analysis.emissions.macc import build_macc
    from analysis.emissions.pathways import compute_pathways, tabulate_overlap
    from analysis.emissions.profile import load_profile
    from analysis.emissions.scenarios import DEFAULT_SCENARIO_FILE, load_scenarios
    from analysis.emissions.targets import DEFAULT_TARGET_FILE, evaluate_targets, load_targets
    from analysis.errors import InputError, Issue
    from analysis.i18n import fmt_number, fmt_percent

    province = get_registry().resolve(args.province)
    scenario_file = args.scenarios or DEFAULT_SCENARIO_FILE
    scenarios = load_scenarios(scenario_file)
    if scenarios.province is not None and scenarios.province != province:
        raise InputError([Issue(file=scenarios.file, column="province", value=scenarios.province,
                                rule="scenario file for this province",
                                message=f"the scenario file is written for {scenarios.province}, not {province}; "
                                        "pass --scenarios with a file for this province")])
    targets = load_targets(args.targets or DEFAULT_TARGET_FILE)
    profile = load_profile(province)
    baseline = frozen_bau(profile)
    pathways = compute_pathways(baseline, scenarios)
    table = build_iamc(pathways)
    results = pd.concat([evaluate_targets(p, targets, args.lang) for p in pathways.values()], ignore_index=True)
    mc = _run_draws(args, profile, baseline, scenarios, targets) if args.draws > 0 else None
    if mc is not None:
        results = results.merge(mc.probabilities[["scenario", "target_id", "probability_met"]],
                                on=["scenario", "target_id"], how="left")
    if args.out.suffix.lower() == ".xlsx":
        extra = {"targets": results}
        if mc is not None:
            extra["mc_percentiles"] = mc.percentiles
        for name, p in pathways.items():
            if p.measures:
                extra[f"overlap_{name}"] = tabulate_overlap(p, args.year)
                extra[f"macc_{name}"] = build_macc(baseline, p.scenario, args.year, lang=args.lang)
        write_iamc(table, args.out, meta=describe_meta(pathways, str(scenario_file), str(args.targets or
                                                                                         DEFAULT_TARGET_FILE)),
                   extra_sheets=extra)
    else:
        write_iamc(table, args.out)
    print(f"{province}: {len(pathways)} scenarios, {len(table)} rows → {args.out}")
    if baseline.is_estimate:
        print(f"NOTE (BAU estimate): {baseline.estimate_note}")
    for row in results.itertuples():
        status = "met" if row.met else "NOT met"
        if mc is not None:
            status += f"; P(met) = {fmt_percent(100 * row.probability_met, args.lang, 0)}"
        pct = f" ({fmt_percent(row.achieved_below_bau_pct, args.lang)} below BAU)" \
            if row.kind == "percent_below_bau" and row.sector == "total" else ""
        achieved, required = (fmt_number(x, args.lang, 2) for x in (row.achieved_mtco2e, row.required_mtco2e))
        print(f"  {row.scenario:<18} {row.target_id:<28} {row.year}: achieved {achieved} vs required {required}"
              f" Mt CO2e{pct}; gap {fmt_number(row.gap_mtco2e, args.lang, 2, sign=True)} Mt — {status}")
    return 0


def _run_draws(args, profile, baseline, scenarios, targets):
    """Monte Carlo on the profile's BAU inputs (warns when the frozen BAU no longer matches them)."""
    import sys

    from analysis.emissions.bau import bau_inputs, is_stale
    from analysis.emissions.montecarlo import run_monte_carlo

    if is_stale(baseline, profile):
        print("WARNING: the profile changed since the BAU was frozen; draws use the current profile",
              file=sys.stderr)
    return run_monte_carlo(bau_inputs(profile, int(baseline.years[-1])), scenarios, targets, args.draws,
                           seed=args.seed, is_estimate=baseline.is_estimate, estimate_note=baseline.estimate_note)
