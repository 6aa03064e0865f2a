"""Loaders for the 63-province tables of ``data/raw/provinces63`` (sources in its README.md and ``SOURCES.csv``).

One loader per raw file, each validated through a declared :class:`~analysis.data.schemas.TableSchema`
(registered in :mod:`analysis.data.kinds`) and returning canonical province names:

- :func:`load_gso_proxies` — ``gso_proxies_2010_2016.csv``: GSO provincial tables 2010–2016, long format
  ``province, year, variable, value, unit, source, notes`` (67 GSO spellings resolved to the 63 provinces);
- :func:`load_fdi` — ``gso_fdi_by_province_2016.csv``: accumulated FDI at 31-12-2016 (the regional, whole-country
  and offshore "Oil & Gas" rows are set aside, every other row must name a province);
- :func:`load_thermal_plants` — ``thermal_power_plants.csv``: coal, gas and oil plants or units as found (capacity
  and commissioning year kept as text: the sources print ``2x58`` or ``2009-2010 (…)``; the fleet engine parses them);
- :func:`load_sector_split` — ``national_inventory_sector_split.csv``: the official national sector figures found.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.data.provenance import raw_file
from analysis.data.provinces import get_registry
from analysis.data.readers import ROW
from analysis.data.schemas import Column, TableSchema, read_checked
from analysis.errors import InputError, Issue

# Rows of the FDI table that are not provinces (GSO prints them in the same table).
FDI_AGGREGATES = (
    "WHOLE COUNTRY",
    "Red River Delta",
    "Northern midlands and mountain areas",
    "North Central area and Central coastal area",
    "Central Highlands",
    "South East",
    "Mekong River Delta",
    "Oil & Gas",
)

_TEXT = {"dtype": "str", "required": False, "nullable": True}


def _gso_long_table(kind: str, description: str, province_dtype: str) -> TableSchema:
    """A GSO table in long format: one row per province, year and variable, with its unit and source."""
    return TableSchema(
        kind=kind,
        description=description,
        columns=(
            Column("province", province_dtype),
            Column("year", "year", min=2000, max=2030),
            Column("variable", "str"),
            Column("value", "float", min=0, max=1e9),
            Column("unit", "str"),
            Column("source", "str"),
            Column("notes", **_TEXT),
        ),
        key=("province", "year", "variable"),
    )


GSO_PROXIES = _gso_long_table(
    "gso_proxies",
    "GSO provincial tables 2010–2016 in long format (one row per province, year and variable)",
    "province",
)
# the FDI table also holds regional and whole-country rows: its names are checked by the loader, not the schema
FDI = _gso_long_table("gso_fdi", "accumulated licensed FDI projects in effect by province (GSO), long format", "str")

THERMAL_PLANTS = TableSchema(
    kind="thermal_plants",
    description="coal, gas and oil power plants or units: province, fuel, MW, commissioning year, status, source",
    columns=(
        Column("plant", "str"),
        Column("unit", **_TEXT),
        Column("province", "province", required=True, nullable=True),
        Column("province_method", **_TEXT),
        Column("fuel", "str", allowed=("Coal", "Gas", "Oil")),
        Column("capacity_mw", "str"),
        Column("commissioning_year", **_TEXT),
        Column("status", **_TEXT),
        Column("latitude", "float", required=False, nullable=True, min=-90, max=90),
        Column("longitude", "float", required=False, nullable=True, min=-180, max=180),
        Column("record_source", "str"),
        Column("source", "str"),
        Column("notes", **_TEXT),
    ),
    key=("plant", "unit"),
)

SECTOR_SPLIT = TableSchema(
    kind="national_sector_split",
    description="official national inventory figures by sector that could be found (quoted sentence per row)",
    columns=(
        Column("inventory_year", "year", min=1990, max=2100),
        Column("sector", "str"),
        Column("value", "float", nullable=True, min=0, max=1e4),
        Column("unit", "str"),
        Column("share_as_published", **_TEXT),
        Column("gwp_basis", **_TEXT),
        Column("reported_in", **_TEXT),
        Column("exact_source_sentence", **_TEXT),
        Column("source_url", **_TEXT),
        Column("confidence", **_TEXT),
        Column("notes", **_TEXT),
    ),
)

SCHEMAS = {s.kind: s for s in (GSO_PROXIES, FDI, THERMAL_PLANTS, SECTOR_SPLIT)}


def _load(path: Path | str | None, kind: str) -> pd.DataFrame:
    return _read(str(path or raw_file(kind)), kind)


@lru_cache(maxsize=4)
def _read(path: str, kind: str) -> pd.DataFrame:
    return read_checked(path, SCHEMAS[kind])


def load_gso_proxies(path: Path | str | None = None) -> pd.DataFrame:
    """The GSO provincial tables: ``province`` (canonical), ``year``, ``variable``, ``value``, ``unit``, ``source``.

    Raises :class:`InputError` for an unknown province spelling, a negative or non-numeric value, or a repeated
    (province, year, variable) — two GSO spellings of one province giving the same figure twice.
    """
    table = _load(path, "gso_proxies").drop(columns=[ROW])
    table["year"] = table["year"].astype(int)
    return table.copy()


def load_fdi(path: Path | str | None = None) -> pd.DataFrame:
    """Accumulated FDI by province at 31-12-2016 (``variable`` = ``fdi_registered_capital_cumulative`` …).

    The whole-country, regional and offshore "Oil & Gas" rows (:data:`FDI_AGGREGATES`) are left out; any other
    name that is not a province is an error naming its row.
    """
    table = _load(path, "gso_fdi").copy()
    registry = get_registry()
    keep, issues = [], []
    for i, (name, row) in enumerate(zip(table["province"], table[ROW], strict=True)):
        if name in FDI_AGGREGATES:
            continue
        resolved = registry.try_resolve(name)
        if resolved is None:
            issues.append(
                Issue(
                    file=paths.relative_to_project(path or raw_file("gso_fdi")),
                    row=int(row),
                    column="province",
                    value=name,
                    rule="known province",
                    message=f"'{name}' is neither a province nor a listed aggregate",
                )
            )
            continue
        keep.append(i)
        table.loc[i, "province"] = resolved
    if issues:
        raise InputError(issues)
    out = table.loc[keep].drop(columns=[ROW]).reset_index(drop=True)
    out["year"] = out["year"].astype(int)
    return out


def load_thermal_plants(path: Path | str | None = None) -> pd.DataFrame:
    """The thermal plant list as found, with canonical province names (blank where the source gave none).

    Capacity (``capacity_mw``) and ``commissioning_year`` stay text; :mod:`analysis.inventory.fleet` parses them
    and applies the named de-duplication and location corrections.
    """
    table = _load(path, "thermal_plants")
    return table.rename(columns={ROW: "row"}).copy()


def load_sector_split(path: Path | str | None = None) -> pd.DataFrame:
    """The official national sector figures found (``NOT FOUND`` rows have no value)."""
    table = _load(path, "national_sector_split").drop(columns=[ROW])
    table["inventory_year"] = table["inventory_year"].astype(int)
    return table.copy()
