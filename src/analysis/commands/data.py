"""``netzero validate | provinces | sources | build``: the data layer from the command line."""

from __future__ import annotations

import argparse
import sys

from analysis import paths
from analysis.commands import common
from analysis.errors import InputError


def add_parser(sub: argparse._SubParsersAction) -> None:
    from analysis.data.catalogue import KINDS

    p = sub.add_parser(
        "validate",
        parents=[common()],
        help="check input files against their kind's schema",
        description="Check CSV/Excel/GeoJSON files: a file the project ships takes its kind from data/raw/SOURCES.csv, "
        "any other file the kind its header fits (or --kind). Without a file, or with --all, every file under "
        "data/raw. Exit 0 when all files are valid, 1 otherwise.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--all", action="store_true", help="every file the project ships under data/raw")
    p.add_argument("--kind", choices=list(KINDS), help="table kind (default: from the register, else detected)")
    p.add_argument("--sheet", help="Excel sheet name (default: the first)")
    p.set_defaults(func=run_validate)

    p = sub.add_parser(
        "provinces",
        parents=[common()],
        help="resolve province names or list the registry",
        description="Resolve names as real tables spell them; without names, list the registry.",
    )
    p.add_argument("names", nargs="*", metavar="NAME")
    p.add_argument(
        "--map",
        type=int,
        choices=(2024, 2025),
        default=None,
        help="resolve to the 34 units since 1 July 2025 (2025) or the 63 provinces before (2024); not given: a name "
        "on today's map is the 2025 unit, a former province's name that province (the list: today's 34 units)",
    )
    p.set_defaults(func=run_provinces)

    p = sub.add_parser("sources", parents=[common()], help="check data/raw against its provenance register")
    p.set_defaults(func=run_sources)

    p = sub.add_parser(
        "build",
        parents=[common()],
        help="validate data/raw, rebuild data/processed and the homes of the 63 provinces and 34 units",
        description="Validate the raw data, rebuild data/processed and the built home of every province and unit "
        "(data/profiles/<map>/: inventory estimate, drivers, BAU assumptions, frozen BAU) when data/raw or the "
        "builder changed. What you added under config/profiles/ (official inventories, overrides) is kept, and a "
        "province with an official inventory keeps the BAU you re-based.",
    )
    p.add_argument("--force", action="store_true", help="rebuild the profiles even when nothing changed")
    p.set_defaults(func=run_build)


def run_validate(args: argparse.Namespace) -> int:
    from analysis.data.catalogue import check_file, shipped_files

    targets = [(p, args.kind) for p in args.paths]
    if args.all or not targets:
        targets += [(p, None) for p, _ in shipped_files()]
    failed = 0
    for path, kind in targets:
        shown = paths.relative_to_project(path)
        try:
            checked = check_file(path, kind, sheet=args.sheet)
        except InputError as exc:
            failed += 1
            print(f"✗ {shown}: {len(exc.issues)} problem{'s' if len(exc.issues) != 1 else ''}", file=sys.stderr)
            for issue in exc.issues:
                print(f"  - {issue}", file=sys.stderr)
            continue
        how = {"given": "kind given", "register": "kind from SOURCES.csv", "header": "kind detected"}[checked.found_by]
        print(f"✓ {shown}: {checked.kind} ({how}), {checked.rows} rows, {checked.columns} columns, valid")
    return 1 if failed else 0


def run_provinces(args: argparse.Namespace) -> int:
    from analysis.data.provinces import describe_place, get_registry

    reg = get_registry()
    if not args.names:
        if args.map != 2024:
            for u in reg.units_2025:
                print(f"{u.code}\t{reg.display_name(u.name)}\t{', '.join(reg.display_name(c) for c in u.constituents)}")
            print(f"{len(reg.units_2025)} units from 1 July 2025")
        else:
            print(reg.table().to_string(index=False))
        return 0
    for name in args.names:
        place = reg.locate(name, args.map)
        note = "" if args.map else f"\t{describe_place(place)}"
        print(f"{name}\t{place.name}{note}")
    return 0


def run_sources(args: argparse.Namespace) -> int:
    from analysis.data.provenance import check_sources, load_sources

    problems = check_sources()
    for p in problems:
        print(f"✗ {p}", file=sys.stderr)
    if not problems:
        print(f"✓ {len(load_sources())} raw files match {paths.relative_to_project(paths.SOURCES_FILE)}")
    return 1 if problems else 0


def run_build(args: argparse.Namespace) -> int:
    from analysis.emissions.profile_build import build_profiles_if_stale
    from analysis.pipeline import build_processed

    for path in build_processed():
        print(f"wrote {paths.relative_to_project(path)}")
    built = build_profiles_if_stale(force=getattr(args, "force", False))
    if built is None:
        print("profiles: current (data/raw and the builder are unchanged since the last build)")
    else:
        n24 = sum(1 for f in built if f.parent.name == "2024")
        print(
            f"profiles: {n24} provinces and {len(built) - n24} units built in "
            f"{paths.relative_to_project(built[0].parent.parent)}"
        )
    return 0
