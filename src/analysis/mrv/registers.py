"""Read the facility and carbon-credit registers into typed tables with canonical values.

Inputs: a CSV or Excel register of kind ``facilities`` or ``credits`` (format: ``docs/mrv.md``), validated by
:func:`analysis.data.kinds.validate_file` (every problem located by file, row, column, value and rule).
Output: a DataFrame with canonical categories (``industry_trade`` …), yes/no answers, scopes, credit types and
statuses, and ``submitted_on`` as a date; the spreadsheet row of each record is kept in ``row``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.data.catalogue import validate_file
from analysis.data.provinces import get_registry
from analysis.data.readers import ROW
from analysis.data.vocab import CATEGORY, CREDIT_STATUS, CREDIT_TYPE, DESTINATION, SCOPE, YES_NO, convert_dates

FACILITY_OPTIONAL = (
    "district",
    "category",
    "managing_ministry",
    "energy_toe",
    "waste_capacity_tpy",
    "on_list",
    "gas",
    "scope",
    "verified",
    "submitted_on",
    "source",
    "notes",
)
CREDIT_OPTIONAL = ("expected_tco2e", "source", "notes")
_FACILITY_VOCABS = {"category": CATEGORY, "on_list": YES_NO, "verified": YES_NO, "scope": SCOPE}


def read_facilities(path: str | Path, *, sheet: str | int | None = None) -> pd.DataFrame:
    """The facility register at ``path``, validated; absent optional columns are added empty.

    Returns
    -------
    pandas.DataFrame
        One row per facility and inventory year: ``facility_id, facility_name, province, sector, year,
        emissions_tco2e`` (NaN until the report arrives), the optional columns and ``row``.
    """
    table = validate_file(path, "facilities", sheet=sheet).rename(columns={ROW: "row"})
    for col in FACILITY_OPTIONAL:
        if col not in table:
            table[col] = pd.Series([None] * len(table), dtype="object")
    for col, vocab in _FACILITY_VOCABS.items():
        table[col] = vocab.convert(table[col])
    table["submitted_on"] = convert_dates(table["submitted_on"])
    for col in ("energy_toe", "waste_capacity_tpy", "emissions_tco2e"):
        table[col] = pd.to_numeric(table[col], errors="coerce").astype("float64")
    table["year"] = table["year"].astype("int64")
    return table


def read_credits(path: str | Path, *, sheet: str | int | None = None) -> pd.DataFrame:
    """The carbon-credit register at ``path``, validated, with ``abroad`` (True, False or None when unknown).

    Returns
    -------
    pandas.DataFrame
        ``project, province, type, sector, status, vintage, credits_issued_tco2e, expected_tco2e, destination,
        corresponding_adjustment`` (``yes``/``no``/None), ``abroad``, ``source``, ``notes``, ``row``.
    """
    table = validate_file(path, "credits", sheet=sheet).rename(columns={ROW: "row"})
    for col in CREDIT_OPTIONAL:
        if col not in table:
            table[col] = pd.Series([None] * len(table), dtype="object")
    table["type"] = CREDIT_TYPE.convert(table["type"])
    table["status"] = CREDIT_STATUS.convert(table["status"])
    table["corresponding_adjustment"] = YES_NO.convert(table["corresponding_adjustment"])
    table["abroad"] = [
        None if dest is None or str(dest).strip() == "" else DESTINATION.canonical(dest) != "domestic"
        for dest in table["destination"]
    ]
    for col in ("credits_issued_tco2e", "expected_tco2e"):
        table[col] = pd.to_numeric(table[col], errors="coerce").astype("float64")
    table["vintage"] = table["vintage"].astype("int64")
    return table


def select_province(register: pd.DataFrame, province: str) -> tuple[str, pd.DataFrame]:
    """``(canonical name, rows of that province)`` — the province resolved through the registry (any spelling)."""
    name = get_registry().resolve(province)
    return name, register[register["province"] == name].reset_index(drop=True)
