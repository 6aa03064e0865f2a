"""``netzero upgrade FILE… [--in-place]``: write scenario and target files of format 1 out in format 2.

Without ``--in-place`` each upgraded file is written beside the original as ``<name>.v2.yaml``; with it the file is
replaced atomically and the original kept as ``<name>.yaml.v1``. Every change is listed (agency names that became
ids, today's body for one that no longer exists, document ids found in the sources), and the result is read back
with the file's own validator before anything is written. What changes: :mod:`analysis.config.upgrade`.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from analysis.commands import common


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "upgrade",
        parents=[common()],
        help="write scenario/target files of format 1 out in format 2",
        description="Upgrade scenario and target files to format 2 (agency ids, document ids; comments kept).",
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--in-place", action="store_true", help="replace each file (the original is kept as FILE.v1)")
    p.set_defaults(func=run_upgrade)


def _check(text: str, label: str) -> None:
    """Read the upgraded text back with the validator of its kind (a scenario or a target file)."""
    from ruamel.yaml import YAML

    from analysis.emissions.scenarios import parse_scenarios
    from analysis.emissions.targets import parse_target_set

    data = YAML(typ="safe").load(text)
    if isinstance(data, dict) and "targets" in data:
        parse_target_set(data, label)
    else:
        parse_scenarios(data, label)


def run_upgrade(args: argparse.Namespace) -> int:
    from analysis.config.upgrade import upgrade_file
    from analysis.io import atomic_path
    from analysis.paths import relative_to_project

    for path in args.files:
        text, notes = upgrade_file(path)
        label = relative_to_project(path)
        if not notes:
            print(f"{label}: already format 2, nothing to do")
            continue
        _check(text, label)
        target = path if args.in_place else path.with_name(path.stem + ".v2.yaml")
        if args.in_place:
            shutil.copy2(path, path.with_name(path.name + ".v1"))
        with atomic_path(target) as tmp:
            tmp.write_text(text, encoding="utf-8")
        print(f"{label} → {relative_to_project(target)}:")
        for note in notes:
            print(f"  {note}")
    return 0
