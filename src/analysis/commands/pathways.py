"""``netzero pathways``: a province's scenario pathways as an IAMC table, with every target checked.

The run is built by :func:`analysis.run.build_run`, as in the notebooks: the province on the chosen map, its frozen
BAU, its own scenario and target files or the national set (never another province's). Writes the IAMC long table
to ``--out`` (``.csv`` or ``.xlsx``; the Excel file also has ``meta``, ``targets``, ``overlap`` and ``macc`` sheets)
and prints each scenario's result against each target — with the probability of meeting it when ``--draws`` is set
— labelled as an estimate when the BAU is one, and a warning when the BAU is stale.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from analysis.commands import add_run_options, common, run_values

NAMES = [
    "province",
    "map",
    "scenario_file",
    "main_scenario",
    "long_term_scenario",
    "targets_file",
    "headline_target",
    "target_year",
    "lang",
    "view",
    "n_draws",
    "seed",
]


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "pathways",
        parents=[common()],
        help="scenario pathways, target check and IAMC table",
        description="Apply a province's scenarios to its frozen BAU, check every target and write "
        "the IAMC long table (CSV or Excel).",
    )
    add_run_options(p, NAMES, defaults={"lang": "en", "n_draws": 0}, aliases={"n_draws": ["--draws"]})
    p.add_argument("--out", type=Path, required=True, help="output file, .csv or .xlsx")
    p.set_defaults(func=run_pathways)


def format_target_line(row, lang: str) -> str:
    """One printed line: scenario, target, achieved vs required, gap and verdict (with P(met) when known)."""
    from analysis.emissions.targets import verdict
    from analysis.i18n import fmt_number, fmt_percent

    p = getattr(row, "probability_met", None)
    p = None if p is None or p != p else float(p)
    if not getattr(row, "applicable", True):  # a percentage below a BAU that is not positive: its alternative
        alt = getattr(row, "alt_required_mtco2e", float("nan"))
        alternative = (
            f"; absolute alternative (the same share of gross BAU emissions cut): at most {fmt_number(alt, lang, 2)}"
            f" Mt, {'met' if row.alt_met else 'not met'}"
            if alt == alt
            else "; no absolute alternative (no gross emissions in its scope)"
        )
        return (
            f"  {row.scenario:<22} {row.target_id:<28} {row.year}: not applicable — the BAU is "
            f"{fmt_number(row.bau_mtco2e, lang, 2)} Mt CO2e, not positive (a net sink){alternative}"
        )
    status = verdict(bool(row.met), p)
    if p is not None:
        status += f"; P(met) = {fmt_percent(100 * p, lang, 0)}"
    pct = (
        f" ({fmt_percent(row.achieved_below_bau_pct, lang)} below BAU)"
        if row.kind == "percent_below_bau" and row.sector == "total"
        else ""
    )
    achieved, required = (fmt_number(x, lang, 2) for x in (row.achieved_mtco2e, row.required_mtco2e))
    origin = "" if row.origin in ("own", "given") else f" [{row.origin}{': ' + row.of if row.of else ''}]"
    view = getattr(row, "view", "territorial")
    origin += f" [{view} view]" if view and view != "territorial" else ""
    return (
        f"  {row.scenario:<22} {row.target_id:<28} {row.year}: achieved {achieved} vs required {required}"
        f" Mt CO2e{pct}; gap {fmt_number(row.gap_mtco2e, lang, 2, sign=True)} Mt — {status}{origin}"
    )


def run_pathways(args: argparse.Namespace) -> int:
    import sys

    import pandas as pd

    from analysis.emissions.iamc import build_iamc, describe_meta, write_iamc
    from analysis.emissions.macc import build_macc
    from analysis.emissions.pathways import tabulate_overlap
    from analysis.narrative.run import describe_map, describe_warnings
    from analysis.run import build_run

    ctx = build_run(**run_values(args, NAMES))
    year, lang = ctx.target_year, ctx.lang
    table = build_iamc(ctx.pathways)
    if ctx.view == "gpc":  # the grid row holds scope 2 in the GPC view: say so in its variable (docs/views.md)
        from analysis.data.sectors import load_sectors
        from analysis.emissions.views import GRID, SCOPE2_VARIABLE

        power = load_sectors()[GRID].iamc_variable
        table["variable"] = table["variable"].replace(power, SCOPE2_VARIABLE)
    results = pd.concat([ctx.evaluate(p) for p in ctx.pathways.values()], ignore_index=True)
    mc = ctx.monte_carlo
    if mc is not None:
        results = results.merge(
            mc.probabilities[["scenario", "target_id", "probability_met"]], on=["scenario", "target_id"], how="left"
        )
    if args.out.suffix.lower() == ".xlsx":
        extra = {"targets": results}
        if mc is not None:
            extra["mc_percentiles"] = mc.percentiles
        for name, p in ctx.pathways.items():
            if p.measures:
                extra[f"overlap_{name}"] = tabulate_overlap(p, year)
                extra[f"macc_{name}"] = build_macc(ctx.baseline, p.scenario, year, lang=lang)
        meta = describe_meta(ctx.pathways, ctx.scenario_set.file, ", ".join(sorted({t.origin for t in ctx.targets})))
        meta = pd.concat([meta, pd.DataFrame({"key": ["view"], "value": [ctx.view]})], ignore_index=True)
        write_iamc(table, args.out, meta=meta, extra_sheets=extra)
    else:
        write_iamc(table, args.out)
    print(
        f"{ctx.province} ({ctx.map} map): {len(ctx.pathways)} scenarios from {ctx.scenario_set.file} "
        f"({ctx.scenario_origin}), {len(table)} rows → {args.out}"
    )
    print(
        f"view: {ctx.view}"
        + (" (GPC BASIC: scope 2 from a consumption proxy; docs/views.md)" if ctx.view == "gpc" else "")
    )
    print(describe_map(ctx, "en"))  # which map; a unit's provinces, or the unit a former province joined
    if ctx.baseline.is_estimate:
        print(f"NOTE (BAU estimate): {ctx.baseline.estimate_note}")
    for text in describe_warnings(ctx, "en"):
        print(f"WARNING: {text}", file=sys.stderr)
    if ctx.params.n_draws and mc is None:
        print("NOTE: no Monte Carlo: the scenario file declares no uncertainty", file=sys.stderr)
    for row in results.itertuples():
        print(format_target_line(row, lang))
    return 0
