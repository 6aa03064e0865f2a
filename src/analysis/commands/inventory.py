"""``netzero inventory use FILE --province P [--map 2025|2024]``: install a place's own official inventory.

The file (CSV or Excel, kind ``inventory``) is validated first — every problem located by row and column, one base
year, one GWP set, rows for the place only (any spelling of it, on either map: a 2025 unit's file may name the unit
or its former provinces' names as a unit's table would) — and then copied into the user's half of the place's home,
``config/profiles/<map>/<code>_<slug>/inventory.csv`` (or ``.xlsx``), atomically. An inventory already there is
replaced only with ``--replace``; the previous one is kept as ``previous/inventory-<sha256 prefix>.<ext>``. The
command says where it went and what to run next (``netzero rebase``): until then every report says the BAU is stale.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from analysis.commands import add_run_options, common, run_values
from analysis.errors import InputError, Issue
from analysis.units import T_PER_MT

SUFFIXES = (".csv", ".xlsx")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "inventory",
        parents=[common()],
        help="install a province's or unit's own official inventory",
        description="Install an official inventory in the home of a province (2024 map) or unit (2025 map).",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    use = actions.add_parser(
        "use",
        parents=[common()],
        help="validate FILE and install it as the official inventory of PROVINCE",
        description="Validate FILE (kind inventory) and install it, atomically, in "
        "config/profiles/<map>/<code>_<slug>/ of PROVINCE; then run `netzero rebase` for it.",
    )
    use.add_argument("file", type=Path, metavar="FILE", help="the inventory (CSV or Excel, kind inventory)")
    add_run_options(use, ["province", "map"])
    use.add_argument("--replace", action="store_true", help="replace an official inventory already installed")
    use.set_defaults(func=run_use)


def _located(file: str, rule: str, message: str, column: str | None = None) -> InputError:
    return InputError([Issue(file=file, column=column, rule=rule, message=message)])


def run_use(args: argparse.Namespace) -> int:
    from analysis.data.provenance import sha256_of
    from analysis.data.provinces import describe_place
    from analysis.emissions.profile import (
        OFFICIAL_INVENTORY,
        official_inventory_of,
        read_inventory,
        user_dir_for,
    )
    from analysis.io import atomic_path
    from analysis.paths import relative_to_project
    from analysis.run.context import locate_place

    source = Path(args.file)
    label = str(args.file)
    if source.suffix.lower() not in SUFFIXES or not source.is_file():
        raise _located(label, "inventory file", f"give an existing {' or '.join(SUFFIXES)} file of kind inventory")
    values = run_values(args, ["province", "map"])
    place = locate_place(values["province"], values["map"])
    inventory, year, gwp = read_inventory(source, place.name, place.admin_map)  # every problem located, or raises
    known = inventory["emissions_tco2e"].dropna()
    if known.empty:
        raise _located(label, "values", "the inventory has no value in any sector", "value")
    home = user_dir_for(place.name, place.admin_map)
    target = home / f"inventory{source.suffix.lower()}"
    current = official_inventory_of(place.name, place.admin_map)
    if current is not None and not args.replace:
        raise _located(
            relative_to_project(current),
            "one official inventory",
            f"{place.name} already has an official inventory here; give --replace to replace it (the old one is kept "
            "under previous/)",
        )
    home.mkdir(parents=True, exist_ok=True)
    if current is not None:
        keep = home / "previous" / f"inventory-{sha256_of(current)[:12]}{current.suffix}"
        keep.parent.mkdir(exist_ok=True)
        shutil.copy2(current, keep)
    with atomic_path(target) as tmp:
        shutil.copyfile(source, tmp)
    for name in OFFICIAL_INVENTORY:  # one official inventory per home: the other format goes
        other = home / name
        if other != target and other.exists():
            other.unlink()
    print(describe_place(place))
    print(
        f"installed {relative_to_project(target)}: {place.name} {year}, {gwp}, {len(known)} values, "
        f"net {known.sum() / T_PER_MT:,.2f} Mt CO2e in the sectors it states"
    )
    missing = sorted(set(inventory.loc[inventory["emissions_tco2e"].isna(), "sector"]))
    if missing:
        print(f"  sectors left empty (reported as missing, never 0): {', '.join(missing)}")
    flag = f" --map {place.admin_map}"
    print(
        "next: re-base the BAU on it (until then every report says the BAU is stale):\n"
        f'  netzero rebase --province "{place.name}"{flag}'
    )
    return 0
