"""Where things live. Every path in the project is derived here.

``NETZERO_HOME`` overrides the project root (for example to run the shipped
notebooks against a copy of the data); ``NETZERO_REPORTS`` overrides where reports go.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
CODE_ROOT = PACKAGE_DIR.parents[1]  # the checkout the code runs from (its uv.lock), whatever NETZERO_HOME says
PROJECT_ROOT = Path(os.environ.get("NETZERO_HOME", PACKAGE_DIR.parents[1])).resolve()

DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = DATA_DIR / "processed"
SOURCES_FILE = RAW_DIR / "SOURCES.csv"
CONFIG_DIR = PROJECT_ROOT / "config"
# Province and unit profiles: what `netzero build` makes (estimates, assumptions, frozen BAUs) under data/, what the
# user adds (official inventories, overrides of assumptions) under config/, one folder per map and place.
PROFILES_DIR = DATA_DIR / "profiles"
USER_PROFILES_DIR = CONFIG_DIR / "profiles"
# What every run's figures are computed from, on disk (the facts', the kept charts' and the template's digests):
# config/ (scenario and target sets, the analysts' profiles), data/raw, the built profiles.
INPUT_DIRS = (CONFIG_DIR, RAW_DIR, PROFILES_DIR)
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = Path(os.environ.get("NETZERO_REPORTS", PROJECT_ROOT / "reports")).resolve()
# The chart files a kernel renders beside the PNG the report shows: "svg" when the run asked for the ``svg``
# format (set by the runner before its kernel starts; a kernel without it renders the PNG only).
FIGURE_FORMATS_ENV = "NETZERO_FIGURE_FORMATS"


def relative_to_project(path: Path | str) -> str:
    """Return ``path`` relative to the project root when it lies inside it (for messages and manifests)."""
    p = Path(path).resolve()
    try:
        return p.relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return str(path)
