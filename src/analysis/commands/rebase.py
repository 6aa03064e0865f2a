"""``netzero rebase``: re-project and re-freeze a province's BAU from its current profile (an explicit act).

Use it after dropping an official inventory into the profile, or after changing its drivers or assumptions: the
base year becomes the inventory's year, growth periods adapt, and every later report measures "below BAU" against
the new BAU. For a 2025 unit, each province merged into it is re-based. Prints the old and new base year, net
emissions and vintage.
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
    p.set_defaults(func=run_rebase)


def run_rebase(args: argparse.Namespace) -> int:
    from analysis.emissions.bau import changed_inputs, frozen_bau_path, load_frozen_bau, rebase_bau
    from analysis.emissions.profile import load_profile
    from analysis.paths import relative_to_project
    from analysis.run.context import locate_place
    from analysis.run.parameters import make_parameters

    params = make_parameters(**run_values(args, ["province", "map"]))
    place = locate_place(params.province, params.map)
    unit, provinces = place.name, place.constituents
    for name in provinces:
        profile = load_profile(name)
        path = frozen_bau_path(profile)
        old = load_frozen_bau(path) if path.is_file() else None
        changed = changed_inputs(old, profile) if old is not None else []
        new = rebase_bau(profile, path)
        before = f"{old.base_year}, net {old.net()[0] / T_PER_MT:,.2f} Mt ({old.vintage})" if old else "none"
        label = "official inventory" if not new.is_estimate else "indicative estimate"
        print(
            f"{name}: BAU re-based on the {new.base_year} inventory ({label}, {new.gwp}); "
            f"net {new.net()[0] / T_PER_MT:,.2f} Mt CO2e in {new.base_year}"
        )
        print(f"  before: {before}; changed since: {', '.join(changed) or 'nothing'}")
        for note in new.notes:
            print(f"  note: {note}")
        print(f"  frozen: {relative_to_project(path)} ({new.vintage})")
    if len(provinces) > 1:
        print(f"{unit} is the sum of {', '.join(provinces)}")
    return 0
