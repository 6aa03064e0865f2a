"""Rebuild ``data/processed`` from ``data/raw`` (never edited by hand).

Outputs are named by layer (``clean__*`` = validated copies of raw tables with canonical province
names and typed columns). Each is written atomically; a bad raw file stops the build before
anything is replaced.
"""

from __future__ import annotations

from pathlib import Path

from analysis import paths
from analysis.data.provenance import check_sources
from analysis.data.provinces import get_registry
from analysis.data.raw import load_owid, load_pgi
from analysis.errors import InputError, Issue
from analysis.io import write_table


def build_processed(out_dir: Path = paths.PROCESSED_DIR) -> list[Path]:
    """Validate the shipped raw data and write the clean tables; return the paths written."""
    problems = check_sources()
    if problems:
        raise InputError([Issue(file="data/raw/SOURCES.csv", rule="provenance", message=p) for p in problems])
    tables = {
        "clean__provinces.csv": get_registry().table(),
        "clean__pgi.csv": load_pgi(),
        "clean__owid_vietnam.csv": load_owid(),
    }
    return [write_table(frame, Path(out_dir) / name) for name, frame in tables.items()]
