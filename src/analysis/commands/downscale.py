"""``netzero downscale``: write the estimated inventory of one province, or of all, for a year (2010–2023)."""

from __future__ import annotations

import argparse
from pathlib import Path

from analysis.commands import common
from analysis.units import T_PER_MT

SUFFIXES = (".csv", ".xlsx", ".parquet")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "downscale",
        parents=[common()],
        help="estimate provincial inventories from national figures and sector proxies",
        description="Write the indicative inventory of PROVINCE (or of all 63 provinces / 34 units "
        "plus the national rows) in YEAR: each national sector × the province's share of "
        "the sector's proxy, reconciled so the provinces add up to the national figure "
        "(docs/downscaling.md). Exit 1 on an unknown province, a year outside 2010–2023 "
        "or bad data.",
    )
    p.add_argument("--province", required=True, help="'all', or a province / 2025 unit name (any common spelling)")
    p.add_argument("--year", required=True, type=int, help="inventory year, 2010–2023")
    p.add_argument(
        "--map",
        type=int,
        choices=(2024, 2025),
        default=None,
        help="2025: the 34 units of July 2025 (sums of their provinces); 2024: the 63 provinces, for history. "
        "Not given: a name on today's map is the 2025 unit, a former province's name that province on the 2024 "
        "map; 'all' is today's 34 units",
    )
    p.add_argument(
        "--view",
        choices=("territorial", "gpc"),
        default="territorial",
        help="territorial (released in the province, the default) or gpc: GPC BASIC, the grid-supplied generation "
        "replaced by scope 2 = electricity consumed (a proxy) × the official grid factor (docs/views.md); only for "
        "a year with a cited national commercial electricity",
    )
    p.add_argument("--out", required=True, type=Path, help="output file (.csv, .xlsx or .parquet), written atomically")
    p.set_defaults(func=run_downscale)


def run_downscale(args: argparse.Namespace) -> int:
    from analysis.data.provinces import TODAY_MAP, describe_place, get_registry
    from analysis.errors import InputError, Issue
    from analysis.inventory import ESTIMATE_LABEL, NATIONAL, NOT_ALLOCATED, estimate_inventory
    from analysis.io import write_table
    from analysis.paths import relative_to_project

    if args.out.suffix.lower() not in SUFFIXES:
        raise InputError(
            [
                Issue(
                    file=str(args.out),
                    rule="output type",
                    value=args.out.suffix,
                    message=f"the output must end in {', '.join(SUFFIXES)}",
                )
            ]
        )
    everyone = str(args.province).strip().casefold() == "all"
    if everyone:
        admin_map = args.map or TODAY_MAP
    else:
        place = get_registry().locate(args.province, args.map)
        admin_map = place.admin_map
        print(describe_place(place))
    table = estimate_inventory(args.year, args.province, admin_map=admin_map)
    view = getattr(args, "view", "territorial")
    if view != "territorial":
        from analysis.emissions.views import inventory_in_view

        table = inventory_in_view(table, args.year, view, admin_map)
    write_table(table, args.out)
    regional = table[~table["province"].isin([NATIONAL, NOT_ALLOCATED])]
    names = regional["province"].unique()
    offshore = table.loc[table["province"] == NOT_ALLOCATED, "value"].sum() / T_PER_MT
    what = (
        f"{names[0]} {args.year}"
        if len(names) == 1
        else f"{len(names)} provinces/units + the line not allocated to a province (offshore production, "
        f"{offshore:,.2f} Mt) + national rows, {args.year}"
    )
    print(
        f"wrote {relative_to_project(args.out)}: {what}, {regional['sector'].nunique()} sectors, "
        f"net {regional['value'].sum() / T_PER_MT:,.2f} Mt CO2e ({table['gwp'].iloc[0]}), {view} view — "
        f"{ESTIMATE_LABEL}"
    )
    if view == "gpc":
        print(
            "GPC view: Energy|Power holds scope 2 = electricity consumed (a proxy: the national commercial "
            "electricity allocated by the sector proxies) × the official grid factor; the national rows stay "
            "territorial (docs/views.md)"
        )
    return 0
