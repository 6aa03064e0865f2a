"""Loaders of the VCCI indices and the Our World in Data series (one validated loader per raw file).

- :func:`load_pgi` — ``vcci/pgi_2022_2024.csv``: the Provincial Green Index as published (partial), with regions;
- :func:`load_pci` — ``vcci/pci_2022_2024.csv``: PCI scores and ranks seen in sources;
- :func:`load_owid` — ``owid/owid_co2_vietnam_1990_2023.csv``: Viet Nam's CO2, GHG, population and GDP series.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.data.kinds import EMISSIONS_SERIES, PGI, PROVINCE, YEAR
from analysis.data.provenance import raw_file
from analysis.data.provinces import get_registry
from analysis.data.readers import ROW
from analysis.data.schemas import Column, TableSchema, read_checked

PCI = TableSchema(
    kind="pci",
    description="VCCI Provincial Competitiveness Index: score 0–100 and rank by province and year",
    columns=(
        PROVINCE,
        YEAR,
        Column("pci_score", "float", nullable=True, min=0, max=100, aliases=("pci", "điểm pci")),
        Column("pci_rank", "int", required=False, nullable=True, min=1, max=63, aliases=("xếp hạng pci",)),
    ),
    key=("province", "year"),
)


def load_pgi(path: Path | str | None = None) -> pd.DataFrame:
    """The PGI table with canonical province names, region and typed values (published as found)."""
    return _pgi(str(path or raw_file("pgi"))).copy()


@lru_cache(maxsize=4)
def _pgi(path: str) -> pd.DataFrame:
    table = read_checked(path, PGI).drop(columns=[ROW])
    reg = get_registry()
    table["region"] = [reg.province(p).region for p in table["province"]]
    keep = ["province", "region", "year", "sub1", "sub2", "sub3", "sub4", "pgi_score", "pgi_rank"]
    extra = [c for c in table.columns if c not in keep and c not in ("province_en",)]
    return table[keep + extra].sort_values(["year", "province"]).reset_index(drop=True)


def load_pci(path: str | Path | None = None) -> pd.DataFrame:
    """PCI scores and ranks (canonical province names): ``province, year, pci_score, pci_rank``."""
    table = read_checked(path or raw_file("pci"), PCI)
    return table[["province", "year", "pci_score", "pci_rank"]].astype({"year": int}).reset_index(drop=True)


def load_owid(path: Path | str | None = None) -> pd.DataFrame:
    """Our World in Data's Viet Nam series (1990–2023), typed, years contiguous."""
    return _owid(str(path or raw_file("emissions_series"))).copy()


@lru_cache(maxsize=4)
def _owid(path: str) -> pd.DataFrame:
    table = read_checked(path, EMISSIONS_SERIES).drop(columns=[ROW])
    for col in table.columns:
        if col not in ("country", "caveat", "source", "licence"):
            table[col] = pd.to_numeric(table[col], errors="coerce")
    return table
