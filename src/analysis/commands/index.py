"""``netzero index | index-whatif | index-robustness``: the composite-index engine from the command line.

``netzero index --data FILE [--weights FILE.yaml] --out FILE.csv`` writes one row per province and year:
``province, year, score, rank, region, region_rank, score_change, rank_change, source`` (computed or
published) and the columns that say what each rank is based on. Output is written atomically.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from analysis.commands import common
from analysis.errors import InputError, Issue

OUT_SUFFIXES = (".csv", ".xlsx", ".parquet")


def _data_options(p: argparse.ArgumentParser) -> None:
    from analysis.data.provenance import raw_file

    p.add_argument(
        "--data",
        default=str(raw_file("pgi")),
        metavar="FILE",
        help="index table: province, year, <indicators…> (CSV or .xlsx; default: the shipped PGI table)",
    )
    p.add_argument(
        "--weights",
        metavar="FILE.yaml",
        help="weights file (default: config/weights/pgi.yaml for PGI tables, else weight 1 each)",
    )
    p.add_argument("--aggregation", choices=["arithmetic", "geometric"], help="override the weights file's aggregation")
    p.add_argument("--sheet", help="Excel sheet name (default: the first)")


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``index``, ``index-whatif`` and ``index-robustness``."""
    p = sub.add_parser(
        "index",
        parents=[common()],
        help="score and rank a composite index (PGI, PCI …)",
        description="Scores (computed where every weighted indicator is present, else published), "
        "national and regional ranks, and changes against the previous year.",
    )
    _data_options(p)
    p.add_argument("--out", required=True, metavar="FILE.csv", help="output table (.csv, .xlsx or .parquet)")
    p.set_defaults(func=run_index)

    p = sub.add_parser(
        "index-whatif",
        parents=[common()],
        help="smallest sub-index increases to reach a target rank",
        description="Against the published national ranking of YEAR (other provinces' known scores "
        "held fixed; provinces with a published rank but no score stay where they were "
        "ranked), the smallest increase of each indicator (and of all together) that "
        "guarantees PROVINCE the target rank. --field complete answers within the "
        "provinces with every indicator instead (a subset, not the national rank).",
    )
    _data_options(p)
    p.add_argument("--province", default="Bà Rịa – Vũng Tàu", help="province (any spelling; default: BRVT)")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--target", type=int, default=5, help="target rank (default: 5, i.e. top 5)")
    p.add_argument(
        "--field",
        choices=["national", "complete"],
        default="national",
        help="national: the published ranking (default); complete: only the provinces with every indicator",
    )
    p.add_argument(
        "--ranked",
        type=int,
        metavar="N",
        help="the publisher ranked only the top N that year (default for the PGI: 30 in 2024; else all)",
    )
    p.add_argument("--out", metavar="FILE.csv", help="also write the result table")
    p.set_defaults(func=run_whatif)

    p = sub.add_parser(
        "index-robustness",
        parents=[common()],
        help="rank intervals under uncertain weights",
        description="Monte Carlo over weights (Dirichlet around the nominal ones) and aggregation "
        "(arithmetic and geometric) among the provinces with every indicator in YEAR.",
    )
    _data_options(p)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--draws", type=int, default=10_000)
    p.add_argument("--concentration", type=float, default=50.0, help="Dirichlet concentration (larger = closer)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--se",
        metavar="FILE",
        help="standard errors of the indicators (province, year, <indicators…>) to add measurement noise",
    )
    p.add_argument("--out", metavar="FILE.csv", help="also write the result table")
    p.set_defaults(func=run_robustness)


def _check_out(out: str | None) -> None:
    if out is not None and Path(out).suffix.lower() not in OUT_SUFFIXES:
        raise InputError(
            [Issue(file=out, rule="output type", message=f"the output must end in {', '.join(OUT_SUFFIXES)}")]
        )


def _load(args: argparse.Namespace):
    from analysis.index.engine import build_index_table
    from analysis.index.tables import load_index_table

    table, spec = load_index_table(args.data, args.weights, aggregation=args.aggregation, sheet=args.sheet)
    return build_index_table(table, spec), spec


def _field(args: argparse.Namespace):
    from analysis.index.whatif import select_complete_field

    index_table, spec = _load(args)
    field = select_complete_field(index_table, spec, args.year)
    n_year = int((index_table["year"] == args.year).sum())
    if 2 <= len(field) < n_year:
        print(
            f"note: only {len(field)} of the {n_year} provinces of {args.year} have every indicator; "
            "the result holds for that field only"
        )
    if len(field) < 2:
        raise InputError(
            [
                Issue(
                    file=args.data,
                    column="year",
                    value=args.year,
                    rule="complete field",
                    message=f"fewer than two provinces have every indicator in {args.year}",
                )
            ]
        )
    return field, spec


def run_index(args: argparse.Namespace) -> int:
    """Score and rank the table; write it atomically; print a one-line summary."""
    from analysis.io import write_table
    from analysis.paths import relative_to_project

    _check_out(args.out)
    result, spec = _load(args)
    write_table(result, args.out)
    counts = result["source"].value_counts()
    print(
        f"wrote {relative_to_project(args.out)}: {len(result)} rows, {spec.name} "
        f"({int(counts.get('computed', 0))} scores computed, {int(counts.get('published', 0))} published, "
        f"{int(result['rank'].notna().sum())} national ranks)"
    )
    return 0


def run_whatif(args: argparse.Namespace) -> int:
    """Print (and optionally write) the smallest increases that reach the target rank."""
    from analysis.io import write_table

    _check_out(args.out)
    word = "position" if args.field == "complete" else "rank"
    if args.field == "complete":
        from analysis.index.whatif import solve_target_rank

        field, spec = _field(args)
        result = solve_target_rank(field, spec, args.province, args.target)
        print(
            f"{args.province}, {args.year}: position {result['current_rank'].iloc[0]} within the {len(field)} "
            f"provinces with every indicator (a subset, not the national rank); target position {args.target}"
        )
    else:
        index_table, spec = _load(args)
        result = _solve_national(index_table, spec, args)
    for row in result.itertuples():
        text = (
            f"+{row.increase_2dp:.2f} (new score {row.new_score:.2f}, {word} {row.new_rank})"
            if row.reachable
            else "not reachable within the bounds"
        )
        best = getattr(row, "increase_best_case", float("nan"))
        if row.reachable and best == best and best < row.increase - 1e-9:
            text += f"; +{best:.2f} if the unpublished scores are as low as the ranking allows"
        print(f"  {row.option:<12} {text}")
    if args.out:
        write_table(result, args.out)
    return 0


def _solve_national(index_table, spec, args: argparse.Namespace):
    """The national what-if, with the headline rank printed first (a located error when it cannot run)."""
    from analysis.index.national import solve_target_rank_national
    from analysis.index.pgi import count_ranked
    from analysis.index.standing import find_national_rank

    n_ranked = args.ranked if args.ranked else (count_ranked(args.year) if spec.name == "PGI" else None)
    try:
        result = solve_target_rank_national(index_table, spec, args.province, args.year, args.target, n_ranked=n_ranked)
        national = find_national_rank(index_table, args.province, args.year, n_ranked)
    except LookupError as err:
        from analysis.paths import relative_to_project

        raise InputError(
            [
                Issue(
                    file=relative_to_project(args.data),
                    column="province",
                    value=args.province,
                    rule="every indicator present",
                    message=str(err),
                )
            ]
        ) from None
    field = (
        f"VCCI ranked {national.n_ranked} of {national.n_provinces}"
        if national.partial and spec.name == "PGI"
        else (
            f"ranked {national.n_ranked} of {national.n_provinces}"
            if national.partial
            else f"of {national.n_provinces}"
        )
    )
    rank = (
        f"national rank {national.rank} ({national.source}; {field})"
        if national.rank is not None
        else f"no national rank ({field})"
    )
    unknown = int(result["n_unknown"].iloc[0])
    print(
        f"{national.province}, {args.year}: {rank}; target rank {args.target}"
        + (f"; {unknown} other provinces have no known score: placed from the published ranks" if unknown else "")
    )
    return result


def run_robustness(args: argparse.Namespace) -> int:
    """Print (and optionally write) the Monte Carlo rank intervals."""
    from analysis.index.robustness import summarise_rank_intervals
    from analysis.io import write_table

    _check_out(args.out)
    field, spec = _field(args)
    se = _load_se(args.se, spec, field, args.year) if args.se else None
    result = summarise_rank_intervals(
        field, spec, n_draws=args.draws, concentration=args.concentration, seed=args.seed, se=se
    )
    print(result[["province", "score", "nominal_rank", "rank_low", "rank_median", "rank_high"]].to_string(index=False))
    if args.out:
        write_table(result, args.out)
    return 0


def _load_se(path: str, spec, field, year: int):
    """Standard errors for every province of the field in ``year`` (a located error names the missing ones)."""
    from analysis.data.catalogue import validate_file
    from analysis.index.tables import prepare_index_table
    from analysis.paths import relative_to_project

    shown = relative_to_project(path)
    se = prepare_index_table(validate_file(path, "index"), spec, shown)
    se = se[se["year"] == year].dropna(subset=spec.indicators)
    missing = sorted(set(field["province"]) - set(se["province"]))
    if missing:
        raise InputError(
            [
                Issue(
                    file=shown,
                    column="province",
                    rule="standard errors for every province",
                    message=f"no complete standard errors for {year} for: {', '.join(missing)}",
                )
            ]
        )
    return se
