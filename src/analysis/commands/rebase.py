"""``netzero rebase``: re-project and re-freeze a province's BAU from its current profile (an explicit act).

Use it after dropping an official inventory into the profile, or after changing its drivers or assumptions: the
base year becomes the inventory's year, growth periods adapt, and every later report measures "below BAU" against
the new BAU. For a 2025 unit with its own official inventory (``netzero inventory use``), the unit's BAU is projected
from it with its former provinces' assumptions combined by emission weight and frozen in its home; for a unit
without one, each province merged into it is re-based. Prints where the name landed, the old and new base year,
net emissions and vintage.
"""

from __future__ import annotations

import argparse

from analysis.commands import add_run_options, common, run_values
from analysis.units import T_PER_MT


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "rebase",
        parents=[common()],
        help="re-freeze a province's BAU from its current profile",
        description="Re-project the BAU of PROVINCE from its profile (official inventory, drivers, "
        "assumptions) and freeze it: the explicit step after the inputs changed.",
    )
    add_run_options(p, ["province", "map"])
    p.add_argument(
        "--frozen-on",
        metavar="DATE",
        help="the date written in the frozen BAU's vintage (dd/mm/yyyy or ISO; default: today): the same inputs and "
        "date give the same frozen BAU",
    )
    p.set_defaults(func=run_rebase)


def _rebase_one(label: str, profile, frozen_on) -> None:
    from analysis.emissions.bau import changed_inputs, frozen_bau_path, load_frozen_bau, rebase_bau
    from analysis.paths import relative_to_project

    path = frozen_bau_path(profile)
    old = load_frozen_bau(path) if path.is_file() else None
    changed = changed_inputs(old, profile) if old is not None else []
    new = rebase_bau(profile, path, frozen_on=frozen_on)
    before = f"{old.base_year}, net {old.net()[0] / T_PER_MT:,.2f} Mt ({old.vintage})" if old else "none"
    kind = "official inventory" if not new.is_estimate else "indicative estimate"
    print(
        f"{label}: BAU re-based on the {new.base_year} inventory ({kind}, {new.gwp}); "
        f"net {new.net()[0] / T_PER_MT:,.2f} Mt CO2e in {new.base_year}"
    )
    print(f"  before: {before}; changed since: {', '.join(changed) or 'nothing'}")
    for note in new.notes:
        print(f"  note: {note}")
    print(f"  frozen: {relative_to_project(path)} ({new.vintage})")


def run_rebase(args: argparse.Namespace) -> int:
    import datetime as dt

    from analysis.data.provinces import describe_place
    from analysis.data.vocab import parse_date
    from analysis.emissions.profile import load_profile, official_inventory_of
    from analysis.run.context import locate_place
    from analysis.run.parameters import make_parameters

    params = make_parameters(**run_values(args, ["province", "map"]))
    place = locate_place(params.province, params.map)
    frozen_on = parse_date(args.frozen_on) if args.frozen_on else dt.date.today()
    print(describe_place(place))
    if place.admin_map == 2025 and official_inventory_of(place.name, 2025) is not None:
        # the unit's own inventory, projected with its former provinces' assumptions combined by emission weight
        _rebase_one(f"{place.name} (2025 unit, its own inventory)", load_profile(place.name, admin_map=2025), frozen_on)
        return 0
    for name in place.constituents:
        _rebase_one(name, load_profile(name), frozen_on)
    if len(place.constituents) > 1:
        print(f"{place.name} is the sum of {', '.join(place.constituents)}")
    return 0
