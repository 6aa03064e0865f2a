"""Loader of the BAU driver outlook, ``data/raw/national/bau_outlook.csv`` (sources in ``SOURCES.csv``).

The file holds, for each driver of the business-as-usual projection (GDP, sector value added, population, rice land,
livestock, oil, gas and coal output, forest area, waste per person, thermal capacity, power-sector emissions, energy
intensity, transport activity), the average annual growth over a period (2024–2030, 2031–2040, 2041–2050, or one
observed year) for the nation or one province, as a low / central / high range in % per year, with the arithmetic
(``basis``), the source, a quote and a ``status``:

- ``cited`` — the figure is printed in the source;
- ``derived`` — computed from cited figures, the arithmetic in ``basis``;
- ``assumption`` — no source: the method is stated in ``basis``.

A range whose three values are empty is allowed when ``notes`` says why (e.g. a capacity that falls to zero has no
average rate). :func:`load_bau_outlook` validates the file (kind ``bau_outlook``) and returns it with the province
names of ``scope`` in canonical form; ``docs/bau_outlook.md`` describes every row and what was not found.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.data.provenance import raw_file
from analysis.data.provinces import get_registry
from analysis.data.readers import ROW
from analysis.data.schemas import Column, RowRule, TableSchema, read_checked
from analysis.errors import Issue, ProvinceNotFoundError

NATIONAL = "national"
STATUSES = ("cited", "derived", "assumption")
UNITS = ("%/yr",)
RANGE = ("low_pct", "central_pct", "high_pct")

# The drivers the BAU engine reads; ``oil_gas_value_added`` (a province's oil-and-gas sector, which drives its fugitive
# and extraction emissions better than GRDP does) is the one added to the list of issue 13.
DRIVERS = (
    "gdp",
    "industry_value_added",
    "agriculture_value_added",
    "services_value_added",
    "population",
    "urban_population",
    "rice_area",
    "livestock",
    "crude_oil_production",
    "natural_gas_production",
    "coal_production",
    "forest_area",
    "municipal_waste_per_person",
    "thermal_capacity_coal",
    "thermal_capacity_gas",
    "power_sector_emissions",
    "energy_intensity",
    "transport_activity",
    "oil_gas_value_added",
)
# Drivers that must have a national 2024–2030 row (the province-only driver is not among them).
NATIONAL_DRIVERS = tuple(d for d in DRIVERS if d != "oil_gas_value_added")
PERIODS = ((2024, 2030), (2031, 2040), (2041, 2050))

_TEXT = {"dtype": "str", "required": False, "nullable": True}


def _rate(name: str) -> Column:
    return Column(name, "float", nullable=True, min=-100, max=100, description=f"{name}: average growth, % per year")


def _present(df: pd.DataFrame) -> pd.DataFrame:
    return df[list(RANGE)].notna()


def _all_or_none(df: pd.DataFrame) -> pd.Series:
    count = _present(df).sum(axis=1)
    return (count == 0) | (count == len(RANGE))


def _empty_says_why(df: pd.DataFrame) -> pd.Series:
    notes = df["notes"] if "notes" in df else pd.Series([None] * len(df), index=df.index)
    return _present(df).any(axis=1) | notes.fillna("").astype(str).str.strip().ne("")


def _ordered(df: pd.DataFrame) -> pd.Series:
    lo, ce, hi = (df[c] for c in RANGE)
    return ~_present(df).all(axis=1) | ((lo <= ce) & (ce <= hi))


def _period_ordered(df: pd.DataFrame) -> pd.Series:
    return df["period_end"].isna() | df["period_start"].isna() | (df["period_end"] >= df["period_start"])


def _scope_known(df: pd.DataFrame, file: str) -> list[Issue]:
    """``scope`` is ``national`` or a province name the registry knows."""
    issues = []
    registry = get_registry()
    for scope, row in zip(df["scope"], df[ROW], strict=True):
        if scope is None or str(scope).strip().casefold() == NATIONAL:
            continue
        try:
            registry.resolve(str(scope))
        except ProvinceNotFoundError as exc:
            issues.append(
                Issue(
                    file=file,
                    row=int(row),
                    column="scope",
                    value=scope,
                    rule="national or a province",
                    message=f"scope must be '{NATIONAL}' or a province name: {exc}",
                )
            )
    return issues


BAU_OUTLOOK = TableSchema(
    kind="bau_outlook",
    description="BAU driver outlook: average annual growth (% per year) by driver, period and scope, low/central/high",
    columns=(
        Column("driver", "str", allowed=DRIVERS, description="driver name from the declared list"),
        Column("scope", "str", description=f"'{NATIONAL}' or a province name"),
        Column("period_start", "year", min=1990, max=2100),
        Column("period_end", "year", min=1990, max=2100),
        *(_rate(c) for c in RANGE),
        Column("unit", "str", allowed=UNITS),
        Column("basis", "str", description="how the figure was obtained (arithmetic for derived rows)"),
        Column("source", "str"),
        Column("url", **_TEXT),
        Column("quote", **_TEXT),
        Column("status", "str", allowed=STATUSES),
        Column("notes", **_TEXT),
    ),
    key=("driver", "scope", "period_start", "period_end"),
    rules=(
        RowRule(
            "period end not before start", "period_end", "period_end must not be before period_start", _period_ordered
        ),
        RowRule(
            "low <= central <= high",
            "central_pct",
            "the range must be ordered: low_pct <= central_pct <= high_pct",
            _ordered,
        ),
        RowRule(
            "range all or none",
            "central_pct",
            "give low_pct, central_pct and high_pct together, or leave all three empty (and say why in notes)",
            _all_or_none,
        ),
        RowRule(
            "an empty range says why",
            "notes",
            "the range is empty: say in 'notes' why no rate is given (an empty rate is never read as 0)",
            _empty_says_why,
        ),
    ),
    table_rules=(_scope_known,),
)


@lru_cache(maxsize=4)
def _load(path: str) -> pd.DataFrame:
    table = read_checked(path, BAU_OUTLOOK).rename(columns={ROW: "row"})
    registry = get_registry()
    table["scope"] = [
        NATIONAL if str(s).strip().casefold() == NATIONAL else registry.resolve(str(s)) for s in table["scope"]
    ]
    for col in ("period_start", "period_end", "row"):
        table[col] = table[col].astype(int)
    table.attrs["file"] = paths.relative_to_project(path)
    return table


def load_bau_outlook(path: Path | str | None = None) -> pd.DataFrame:
    """The validated outlook table, one row per driver, scope and period.

    Parameters
    ----------
    path
        CSV or Excel file of kind ``bau_outlook``; defaults to ``data/raw/national/bau_outlook.csv``.

    Returns
    -------
    pandas.DataFrame
        Columns ``driver, scope, period_start, period_end, low_pct, central_pct, high_pct, unit, basis, source, url,
        quote, status, notes, row`` (``row`` = line in the file). ``scope`` is ``"national"`` or the canonical
        province name; the three rates are floats in % per year, NaN only where ``notes`` says why.

    Raises
    ------
    analysis.errors.InputError
        Naming file, row, column, value and rule for every problem (unknown driver or status, unordered range or
        period, unknown province, duplicate key, empty range without a reason, empty file).
    """
    return _load(str(path or raw_file("bau_outlook"))).copy()
