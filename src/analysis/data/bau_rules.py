"""Loader of ``data/raw/project/bau_sector_rules.csv``: which driver each sector's BAU follows, with its elasticity and
intensity trend (central, low, high) and the basis of each (a method, or a labelled assumption).

Used by :mod:`analysis.emissions.bau_defaults` to write every province's profile. The numbers live in this file, not
in code; change them there (the profile builder and the tests read them back).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.data.kinds import SECTORS, register_kind, validate_file
from analysis.data.readers import ROW
from analysis.data.schemas import Column, RowRule, TableSchema

RULES_FILE = paths.RAW_DIR / "project" / "bau_sector_rules.csv"


def _ordered(df: pd.DataFrame, low: str, mid: str, high: str) -> pd.Series:
    return (df[low] <= df[mid]) & (df[mid] <= df[high])


BAU_RULES = TableSchema(
    kind="bau_sector_rules",
    description="the BAU driver of each inventory sector, its elasticity and intensity trend with ranges",
    columns=(
        Column("sector", "str", allowed=SECTORS),
        Column("driver", "str"),
        Column("elasticity", "float", min=0, max=3),
        Column("elasticity_low", "float", min=0, max=3),
        Column("elasticity_high", "float", min=0, max=3),
        Column("intensity_pct", "float", min=-20, max=20),
        Column("intensity_low_pct", "float", min=-20, max=20),
        Column("intensity_high_pct", "float", min=-20, max=20),
        Column("status", "str", allowed=("method", "cited", "derived", "assumption")),
        Column("basis", "str"),
    ),
    key=("sector",),
    rules=(
        RowRule(
            "low ≤ central ≤ high",
            "elasticity",
            "the elasticity range must contain the central value",
            lambda df: _ordered(df, "elasticity_low", "elasticity", "elasticity_high"),
        ),
        RowRule(
            "low ≤ central ≤ high",
            "intensity_pct",
            "the intensity range must contain the central value",
            lambda df: _ordered(df, "intensity_low_pct", "intensity_pct", "intensity_high_pct"),
        ),
    ),
)
register_kind(BAU_RULES)


@lru_cache(maxsize=4)
def _load(path: str) -> pd.DataFrame:
    return validate_file(path, "bau_sector_rules").drop(columns=[ROW]).set_index("sector")


def load_bau_rules(path: Path | str = RULES_FILE) -> pd.DataFrame:
    """The rules indexed by sector (every inventory sector has one row)."""
    return _load(str(path)).copy()
