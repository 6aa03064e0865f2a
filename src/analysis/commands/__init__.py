"""Sub-commands of ``netzero``. Each module has ``add_parser(subparsers)``; parsers set ``func``."""

from __future__ import annotations

import argparse


def common() -> argparse.ArgumentParser:
    """Options every sub-command accepts (use as ``parents=[common()]``)."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show full tracebacks on errors")
    return p
