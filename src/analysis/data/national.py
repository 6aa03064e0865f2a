"""Loaders for the national tables of ``data/raw`` used by the inventory engine (sources in ``SOURCES.csv``).

One validated loader per raw file:

- :func:`load_national_inventory` — ``national/national_inventory.csv``: official totals (2010, 2013, 2014, 2016),
  EDGAR v9 2023 shares and total (third-party), ``NOT FOUND`` rows;
- :func:`load_ndc_targets` — ``national/ndc_targets.csv``: NDC and Decision 896/QĐ-TTg figures;
- :func:`load_grid_factors` — ``national/emission_factors.csv``: the official grid emission factors (DCC) by year;
- :func:`load_provincial_inventories` — ``national/provincial_inventories.csv``: published provincial inventories;
- :func:`load_national_proxies` — ``southeast/national_proxies.csv``: national denominators (thermal capacity …);
- :func:`load_brvt_facts` — ``brvt/brvt_southeast_facts.csv``: facts of Bà Rịa – Vũng Tàu (the Phú Mỹ figures).

Values that the sources print as text (``926-928``, ``more than 100``) stay text here; :func:`number` turns one
cell into a float or raises an error naming file, row and column.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.data.provenance import raw_file
from analysis.data.readers import ROW, parse_number
from analysis.data.schemas import Column, TableSchema, read_checked
from analysis.errors import InputError, Issue

GRID_FACTOR_OFFICIAL = "Vietnam national grid emission factor (official, DCC)"


def _text(name: str, required: bool = True) -> Column:
    return Column(name, "str", required=required, nullable=True)


def _schema(kind: str, description: str, names: tuple[str, ...]) -> TableSchema:
    return TableSchema(kind=kind, description=description, columns=tuple(_text(n) for n in names))


NATIONAL_INVENTORY = _schema(
    "national_inventory",
    "national GHG totals and third-party sector shares",
    (
        "inventory_year",
        "sector",
        "value",
        "unit",
        "scope_note",
        "reported_in",
        "source",
        "source_url_or_path",
        "confidence",
    ),
)
NDC_TARGETS = _schema(
    "ndc_targets",
    "NDC and Decision 896/QĐ-TTg targets, caps and derived figures",
    ("document", "target_year", "metric", "value", "unit", "note", "source", "source_url", "confidence"),
)
EMISSION_FACTORS = _schema(
    "national_factors",
    "grid emission factors, GWP bases and inventory thresholds",
    ("factor", "year", "value", "unit", "note", "source", "source_url_or_path", "confidence"),
)
PROVINCIAL_INVENTORIES = _schema(
    "provincial_inventories",
    "published provincial GHG inventories (validation)",
    ("province", "inventory_year", "indicator", "value", "unit", "method", "note", "source", "source_url"),
)
NATIONAL_PROXIES = _schema(
    "national_proxies",
    "national denominators: GDP, structure, thermal capacity, forest",
    ("year", "variable", "value", "unit", "source", "is_estimate", "note"),
)
BRVT_FACTS = _schema(
    "brvt_facts",
    "facts of Bà Rịa – Vũng Tàu and the Southeast, one per row with its source",
    ("entity", "indicator", "year", "value", "unit", "note", "source", "source_url", "confidence"),
)

SCHEMAS = {
    s.kind: s
    for s in (NATIONAL_INVENTORY, NDC_TARGETS, EMISSION_FACTORS, PROVINCIAL_INVENTORIES, NATIONAL_PROXIES, BRVT_FACTS)
}


def _load(path: Path | str | None, kind: str) -> pd.DataFrame:
    return _read(str(path if path is not None else raw_file(kind)), kind)


@lru_cache(maxsize=8)
def _read(path: str, kind: str) -> pd.DataFrame:
    table = read_checked(path, SCHEMAS[kind]).rename(columns={ROW: "row"})
    for col in table.columns:
        if col != "row":
            table[col] = table[col].fillna("").astype(str)
    table.attrs["file"] = paths.relative_to_project(path)
    return table


def number(table: pd.DataFrame, index, column: str = "value") -> float:
    """The cell ``table.loc[index, column]`` as a float, or an :class:`InputError` naming file, row and column."""
    text = str(table.loc[index, column])
    value = parse_number(text, ".")
    if value is None:
        raise InputError(
            [
                Issue(
                    file=table.attrs.get("file"),
                    row=int(table.loc[index, "row"]),
                    column=column,
                    value=text,
                    rule="number",
                    message=f"'{text}' is not a number",
                )
            ]
        )
    return value


def load_national_inventory(path: Path | str | None = None) -> pd.DataFrame:
    """``national/national_inventory.csv`` as text columns plus the spreadsheet ``row``."""
    return _load(path, "national_inventory").copy()


def load_ndc_targets(path: Path | str | None = None) -> pd.DataFrame:
    """``national/ndc_targets.csv`` as text columns plus ``row``."""
    return _load(path, "ndc_targets").copy()


def load_grid_factors(path: Path | str | None = None) -> pd.DataFrame:
    """The official grid emission factors: ``year`` (int), ``tco2_per_mwh`` (float), ``source``, ``source_url``.

    Only the rows of :data:`GRID_FACTOR_OFFICIAL` (DCC); the research estimates of 2024–2025 are left out.
    """
    table = _load(path, "national_factors")
    rows = table[table["factor"] == GRID_FACTOR_OFFICIAL]
    if rows.empty:
        raise InputError(
            [
                Issue(
                    file=table.attrs["file"],
                    column="factor",
                    value=GRID_FACTOR_OFFICIAL,
                    rule="official grid factors present",
                    message="no official grid emission factor rows",
                )
            ]
        )
    return pd.DataFrame(
        {
            "year": [int(number(table, i, "year")) for i in rows.index],
            "tco2_per_mwh": [number(table, i) for i in rows.index],
            "source": rows["source"].to_numpy(),
            "source_url": rows["source_url_or_path"].to_numpy(),
        }
    )


def load_provincial_inventories(path: Path | str | None = None) -> pd.DataFrame:
    """``national/provincial_inventories.csv`` as text columns plus ``row`` (province names as published)."""
    return _load(path, "provincial_inventories").copy()


def load_national_proxies(path: Path | str | None = None) -> pd.DataFrame:
    """``southeast/national_proxies.csv`` as text columns plus ``row``."""
    return _load(path, "national_proxies").copy()


def load_brvt_facts(path: Path | str | None = None) -> pd.DataFrame:
    """``brvt/brvt_southeast_facts.csv`` as text columns plus ``row``."""
    return _load(path, "brvt_facts").copy()
