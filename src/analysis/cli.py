"""The ``netzero`` command: a thin layer over the library (every command is a function call).

Errors meant for the analyst (bad input, unknown province …) are printed as located messages with
exit code 1 and no traceback; ``--debug`` shows the traceback. Sub-commands live in the modules
named in :data:`COMMANDS`; each has ``add_parser(subparsers)`` and ``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback

from analysis import __version__
from analysis.errors import AnalysisError

# name -> module providing add_parser(subparsers) and run(args)
COMMANDS: dict[str, str] = {
    "validate": "analysis.commands.data",
    "provinces": "analysis.commands.data",
    "sources": "analysis.commands.data",
    "build": "analysis.commands.data",
    "run": "analysis.commands.run",
    "batch": "analysis.commands.run",
    "report": "analysis.commands.run",
    "params": "analysis.commands.run",
    "index": "analysis.commands.index",
    "index-whatif": "analysis.commands.index",
    "index-robustness": "analysis.commands.index",
    "downscale": "analysis.commands.downscale",
    "pathways": "analysis.commands.pathways",
    "rebase": "analysis.commands.rebase",
    "inventory": "analysis.commands.inventory",
    "upgrade": "analysis.commands.upgrade",
    "facilities": "analysis.commands.mrv",
    "credits": "analysis.commands.mrv",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="netzero",
        description="Provincial net-zero pathways and Provincial Green Index analysis for Vietnam.",
    )
    parser.add_argument("--version", action="version", version=f"netzero {__version__}")
    parser.add_argument("--debug", action="store_true", help="show full tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    seen = set()
    for module_name in COMMANDS.values():
        module = importlib.import_module(module_name)
        if module_name in seen:
            continue
        seen.add(module_name)
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except AnalysisError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # an unexpected failure: say so plainly, details with --debug
        if args.debug:
            raise
        print(f"error: unexpected {type(exc).__name__}: {exc} (run with --debug for the traceback)", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
