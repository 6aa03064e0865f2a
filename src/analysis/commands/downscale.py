"""``netzero downscale``: write the estimated (downscaled) inventory of a province for a year."""

from __future__ import annotations

import argparse
from pathlib import Path

from analysis.commands import common

SUFFIXES = (".csv", ".xlsx", ".parquet")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("downscale", parents=[common()],
                       help="estimate a province's inventory from national figures and provincial proxies",
                       description="Write the indicative (downscaled) inventory of PROVINCE in YEAR: national sector "
                                   "emissions × the province's share of each sector's proxy (docs/downscaling.md). "
                                   "Exit 1 on an unknown province, a year without national figures or a missing proxy.")
    p.add_argument("--province", required=True, help="province name (any common spelling)")
    p.add_argument("--year", required=True, type=int, help="inventory year (one with national figures)")
    p.add_argument("--out", required=True, type=Path, help="output file (.csv, .xlsx or .parquet), written atomically")
    p.set_defaults(func=run_downscale)


def run_downscale(args: argparse.Namespace) -> int:
    from analysis.emissions.downscale import ESTIMATE_LABEL, downscale_inventory
    from analysis.errors import InputError, Issue
    from analysis.io import write_table
    from analysis.paths import relative_to_project

    if args.out.suffix.lower() not in SUFFIXES:
        raise InputError([Issue(file=str(args.out), rule="output type", value=args.out.suffix,
                                message=f"the output must end in {', '.join(SUFFIXES)}")])
    table = downscale_inventory(args.province, args.year)
    write_table(table, args.out)
    total = table["value"].sum() / 1e6
    print(f"wrote {relative_to_project(args.out)}: {table['province'].iloc[0]} {args.year}, "
          f"{len(table)} sectors, net {total:,.2f} Mt CO2e ({table['gwp'].iloc[0]}) — {ESTIMATE_LABEL}")
    return 0
