"""Loader of ``data/raw/project/bau_sector_rules.csv``: which driver each sector's BAU follows, with its elasticity and
intensity trend (central, low, high) and the basis of each (a method, or a labelled assumption).

The file is checked against the sectors table (``project/sectors.csv``): one rule per sector, none for a sector the
table does not have.

Used by :mod:`analysis.emissions.bau_defaults` to write every province's profile. The numbers live in this file, not
in code; change them there (the profile builder and the tests read them back).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.data.provenance import raw_file
from analysis.data.readers import ROW
from analysis.data.schemas import Column, RowRule, TableSchema, read_checked
from analysis.data.sectors import sector_keys
from analysis.errors import Issue


def _ordered(df: pd.DataFrame, low: str, mid: str, high: str) -> pd.Series:
    return (df[low] <= df[mid]) & (df[mid] <= df[high])


def _every_sector_has_a_rule(df: pd.DataFrame, file: str) -> list[Issue]:
    """The rules and the sectors table agree: one rule per sector of ``project/sectors.csv``."""
    missing = [s for s in sector_keys() if s not in set(df["sector"].dropna())]
    return [
        Issue(
            file=file,
            column="sector",
            value=s,
            rule="a rule for every sector",
            message=f"no BAU rule for sector '{s}' of the sectors table (add its driver, elasticity and basis)",
        )
        for s in missing
    ]


BAU_RULES = TableSchema(
    kind="bau_sector_rules",
    description="the BAU driver of each inventory sector, its elasticity and intensity trend with ranges",
    columns=(
        Column("sector", "str", allowed=sector_keys),
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
    table_rules=(_every_sector_has_a_rule,),
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


@lru_cache(maxsize=4)
def _load(path: str) -> pd.DataFrame:
    return read_checked(path, BAU_RULES).drop(columns=[ROW]).set_index("sector")


def load_bau_rules(path: Path | str | None = None) -> pd.DataFrame:
    """The rules indexed by sector (every inventory sector has one row)."""
    return _load(str(path or raw_file("bau_sector_rules"))).copy()
