"""Read the facility and carbon-credit registers into typed tables with canonical values.

Inputs: a CSV or Excel register of kind ``facilities`` or ``credits`` (format: ``docs/mrv.md``), validated by
:func:`analysis.data.kinds.validate_file` (every problem located by file, row, column, value and rule).
Output: a DataFrame with canonical categories (``industry_trade`` …), yes/no answers, scopes, credit types and
statuses, and ``submitted_on`` as a date; the spreadsheet row of each record is kept in ``row``. Each row also
says where its facility (or project) lies on both maps, ``province_2024`` and ``unit_2025``
(:func:`analysis.data.register_rules.settle_provinces`): a register kept across 1 July 2025 may name a facility of
Bà Rịa – Vũng Tàu ``BRVT`` in one year and ``TP. Hồ Chí Minh`` in the next, and both rows are that facility's.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.data.catalogue import validate_file
from analysis.data.provinces import get_registry
from analysis.data.quota_rules import QUOTA_SECTOR, parse_period, period_of
from analysis.data.readers import ROW, file_memo
from analysis.data.register_rules import settle_provinces
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
    "quota_sector",
    "quota_period",
    "quota_tco2e",
    "verified_tco2e",
    "source",
    "notes",
)
CREDIT_OPTIONAL = ("expected_tco2e", "source", "notes")
_FACILITY_VOCABS = {
    "category": CATEGORY,
    "on_list": YES_NO,
    "verified": YES_NO,
    "scope": SCOPE,
    "quota_sector": QUOTA_SECTOR,
}


def read_facilities(path: str | Path, *, sheet: str | int | None = None) -> pd.DataFrame:
    """The facility register at ``path``, validated; absent optional columns are added empty.

    Returns
    -------
    pandas.DataFrame
        One row per facility and inventory year: ``facility_id, facility_name, province, sector, year,
        emissions_tco2e`` (NaN until the report arrives), the optional columns and ``row``.
    """
    # read and checked once per file as it is (a batch's template reads the shipped example for every kernel)
    return file_memo(path, ("facilities", sheet), lambda: _read_facilities(path, sheet)).copy()


def _read_facilities(path: str | Path, sheet: str | int | None) -> pd.DataFrame:
    table = validate_file(path, "facilities", sheet=sheet).rename(columns={ROW: "row"})
    for col in FACILITY_OPTIONAL:
        if col not in table:
            table[col] = pd.Series([None] * len(table), dtype="object")
    for col, vocab in _FACILITY_VOCABS.items():
        table[col] = vocab.convert(table[col])
    table["submitted_on"] = convert_dates(table["submitted_on"])
    table["quota_period"] = [
        parse_period(p) or period_of(y) if pd.notna(q) or pd.notna(p) else None
        for p, q, y in zip(table["quota_period"], table["quota_tco2e"], table["year"], strict=True)
    ]
    for col in ("energy_toe", "waste_capacity_tpy", "emissions_tco2e", "quota_tco2e", "verified_tco2e"):
        table[col] = pd.to_numeric(table[col], errors="coerce").astype("float64")
    table["year"] = table["year"].astype("int64")
    return table.join(settle_provinces(table, "facility_id"))


def read_credits(path: str | Path, *, sheet: str | int | None = None) -> pd.DataFrame:
    """The carbon-credit register at ``path``, validated, with ``abroad`` (True, False or None when unknown).

    Returns
    -------
    pandas.DataFrame
        ``project, province, type, sector, status, vintage, credits_issued_tco2e, expected_tco2e, destination,
        corresponding_adjustment`` (``yes``/``no``/None), ``abroad``, ``source``, ``notes``, ``row``.
    """
    return file_memo(path, ("credits", sheet), lambda: _read_credits(path, sheet)).copy()


def _read_credits(path: str | Path, sheet: str | int | None) -> pd.DataFrame:
    table = validate_file(path, "credits", sheet=sheet).rename(columns={ROW: "row"})
    for col in CREDIT_OPTIONAL:
        if col not in table:
            table[col] = pd.Series([None] * len(table), dtype="object")
    table["type"] = CREDIT_TYPE.convert(table["type"])
    table["sector"] = table["sector"].where(table["sector"].notna(), None)
    table["status"] = CREDIT_STATUS.convert(table["status"])
    table["corresponding_adjustment"] = YES_NO.convert(table["corresponding_adjustment"])
    table["abroad"] = [
        None if dest is None or str(dest).strip() == "" else DESTINATION.canonical(dest) != "domestic"
        for dest in table["destination"]
    ]
    for col in ("credits_issued_tco2e", "expected_tco2e"):
        table[col] = pd.to_numeric(table[col], errors="coerce").astype("float64")
    table["vintage"] = pd.to_numeric(table["vintage"], errors="coerce").astype("Int64")  # empty: not recorded
    return table.join(settle_provinces(table, "project"))


def select_province(register: pd.DataFrame, province: str) -> tuple[str, pd.DataFrame]:
    """``(canonical name, rows of that former province)`` — the province resolved through the registry (any
    spelling); a row belongs to it when its facility or project lies there (``province_2024``), whichever map the
    row's own name is on."""
    name = get_registry().resolve(province)
    where = register["province_2024"] if "province_2024" in register else register["province"]
    return name, register[where == name].reset_index(drop=True)


def select_unit(register: pd.DataFrame, constituents) -> pd.DataFrame:
    """The rows of a run's places: every facility or project whose former province is one of ``constituents`` (a
    2025 unit's former provinces, or one province), in the register's order."""
    return register[register["province_2024"].isin(list(constituents))].reset_index(drop=True)
