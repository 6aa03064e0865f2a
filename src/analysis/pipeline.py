"""Rebuild ``data/processed`` from ``data/raw`` (never edited by hand).

Outputs are named by layer (``clean__*`` = validated copies of raw tables with canonical province
names and typed columns). Each is written atomically; a bad raw file stops the build before
anything is replaced.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.data.kinds import validate_file
from analysis.data.provenance import check_sources
from analysis.data.provinces import get_registry
from analysis.data.readers import ROW
from analysis.errors import InputError, Issue
from analysis.io import write_table

PGI_FILE = paths.RAW_DIR / "vcci" / "pgi_2022_2024.csv"
OWID_FILE = paths.RAW_DIR / "owid" / "owid_co2_vietnam_1990_2023.csv"


def load_pgi(path: Path | str = PGI_FILE) -> pd.DataFrame:
    """The PGI table with canonical province names, region and typed values (published as found)."""
    table = validate_file(path, "pgi").drop(columns=[ROW])
    reg = get_registry()
    table["region"] = [reg.province(p).region for p in table["province"]]
    keep = ["province", "region", "year", "sub1", "sub2", "sub3", "sub4", "pgi_score", "pgi_rank"]
    extra = [c for c in table.columns if c not in keep and c not in ("province_en",)]
    return table[keep + extra].sort_values(["year", "province"]).reset_index(drop=True)


def load_owid(path: Path | str = OWID_FILE) -> pd.DataFrame:
    """Our World in Data's Viet Nam series (1990–2023), typed, years contiguous."""
    table = validate_file(path, "emissions_series").drop(columns=[ROW])
    for col in table.columns:
        if col not in ("country", "caveat", "source", "licence"):
            table[col] = pd.to_numeric(table[col], errors="coerce")
    return table


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
