"""Table schemas, declared as data, and validation that explains itself.

Each input kind (PGI table, inventory, drivers, ...) has one :class:`TableSchema`: its columns
with type, range, allowed values and unit; its unique key; and the groups within which years must
be contiguous. Validation runs in two passes:

1. **parsing** every cell from text (so a text value in a numeric column, ``inf``, a decimal comma,
   an unknown province are reported with their row and column); then
2. **rules** on the typed table through a pandera schema generated from the declaration (ranges,
   allowed values, unique keys), plus the table-level rules (contiguous years, custom checks).

All problems are collected, then raised together as one :class:`~analysis.errors.InputError`.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pa

from analysis.data.readers import ROW, RawTable, file_memo, is_missing, parse_number, read_table
from analysis.errors import InputError, Issue, ProvinceNotFoundError

DTYPES = ("float", "int", "year", "str", "province")


@dataclass(frozen=True)
class Column:
    """One column of a table kind."""

    name: str
    dtype: str = "float"
    required: bool = True
    nullable: bool = False
    min: float | None = None
    max: float | None = None
    # the allowed values, or a function giving them when the list is itself data (the sector keys of sectors.csv)
    allowed: tuple[str, ...] | Callable[[], tuple[str, ...]] | None = None
    aliases: tuple[str, ...] = ()
    description: str = ""

    def __post_init__(self) -> None:
        if self.dtype not in DTYPES:
            raise ValueError(f"unknown dtype {self.dtype!r}")

    def allowed_values(self) -> tuple[str, ...] | None:
        """The allowed values (read when asked, so a list kept in a data file is read when a table is checked)."""
        return tuple(self.allowed()) if callable(self.allowed) else self.allowed


RowCheck = Callable[[pd.DataFrame], pd.Series]


@dataclass(frozen=True)
class RowRule:
    """A rule over each row: ``check(frame)`` returns a boolean Series, True where the row is valid."""

    name: str
    column: str
    message: str
    check: RowCheck


@dataclass(frozen=True)
class TableSchema:
    """The declared shape of one input kind."""

    kind: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    contiguous_years_by: tuple[str, ...] | None = None
    extra_columns: str = "allow"  # "allow", "forbid", or "numeric" (extra columns must be numbers)
    extra_min: float | None = None
    extra_max: float | None = None
    rules: tuple[RowRule, ...] = field(default_factory=tuple)
    table_rules: tuple[Callable[[pd.DataFrame, str], list[Issue]], ...] = field(default_factory=tuple)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


def find_column(raw_columns: list[str], col: Column) -> str | None:
    from analysis.data.provinces import normalise_key

    wanted = {normalise_key(n) for n in (col.name, *col.aliases)}
    for name in raw_columns:
        if normalise_key(name) in wanted:
            return name
    return None


# the label of a spreadsheet's total line, where a province's name is expected ("Tổng cộng", "Cộng", "Total" …)
TOTAL_ROW = re.compile(r"(tổng|tổng cộng|tổng số|cộng|toàn tỉnh|cả nước|total|grand total|sum)\s*:?", re.IGNORECASE)


def _parse_cell(value: str, col: Column, decimal: str | None):
    """Return (parsed value, problem message or None)."""
    if is_missing(value):
        return None, None
    if col.dtype == "str":
        return value, None
    if col.dtype == "province":
        from analysis.data.provinces import get_registry

        try:
            return get_registry().resolve(value), None
        except ProvinceNotFoundError as exc:
            return None, str(exc)
    text = value.strip().casefold()
    if text in {"inf", "+inf", "-inf", "infinity", "-infinity", "#div/0!", "#value!", "#num!", "#n/a", "#ref!"}:
        return None, f"'{value}' is not a finite number"
    number = parse_number(value, decimal)
    if number is None:
        expected = "a whole number (year)" if col.dtype == "year" else "a number"
        return None, f"'{value}' is not {expected}"
    if math.isinf(number) or math.isnan(number):
        return None, f"'{value}' is not a finite number"
    if col.dtype in ("int", "year"):
        if number != int(number):
            return None, f"'{value}' is not a whole number"
        return int(number), None
    return number, None


def _pandera_schema(schema: TableSchema, present: list[str]) -> pa.DataFrameSchema:
    return _pandera_schema_of(schema, tuple(present))


@functools.lru_cache(maxsize=256)
def _pandera_schema_of(schema: TableSchema, present: tuple[str, ...]) -> pa.DataFrameSchema:
    """Built once per schema and set of columns present (a third of the checks' time when built per file)."""
    cols = {}
    for col in schema.columns:
        if col.name not in present:
            continue
        checks = []
        if col.min is not None and col.max is not None:
            checks.append(pa.Check.in_range(col.min, col.max, error=f"between {col.min:g} and {col.max:g}"))
        elif col.min is not None:
            checks.append(pa.Check.ge(col.min, error=f"at least {col.min:g}"))
        elif col.max is not None:
            checks.append(pa.Check.le(col.max, error=f"at most {col.max:g}"))
        allowed = col.allowed_values()
        if allowed is not None:
            checks.append(pa.Check.isin(list(allowed), error="one of: " + ", ".join(allowed)))
        cols[col.name] = pa.Column(checks=checks, nullable=True, required=False)
    return pa.DataFrameSchema(cols)


def validate_table(raw: RawTable, schema: TableSchema) -> pd.DataFrame:
    """Parse and check ``raw`` against ``schema``; return the typed table or raise :class:`InputError`.

    The returned frame has the schema's column names (aliases renamed), typed values, any extra
    columns (parsed as numbers when ``extra_columns == "numeric"``) and the :data:`ROW` column.
    """
    file, frame = raw.path, raw.frame
    mapping, issues = _map_columns(raw, schema)
    if frame.empty:
        issues.append(
            Issue(
                file=file,
                row=2,
                rule="data rows",
                message="the file has no data rows (only a header, or nothing): nothing to read",
            )
        )
        raise InputError(issues)
    extras = [c for c in raw.columns if c not in mapping]
    if schema.extra_columns == "forbid":
        expected = ", ".join(c.name for c in schema.columns)
        issues += [
            Issue(
                file=file,
                row=1,
                column=c,
                rule="known columns",
                message=f"unexpected column '{c}' (expected: {expected})",
            )
            for c in extras
        ]
    typed = pd.DataFrame({ROW: frame[ROW].to_numpy()})
    for raw_name, name in mapping.items():
        col = schema.column(name)
        values = _parse_column(raw, raw_name, col, issues, check_empty=True)
        typed[name] = pd.Series(values, dtype="object")
        if col.dtype == "float":
            typed[name] = pd.to_numeric(typed[name], errors="coerce").astype("float64")
        elif col.dtype in ("int", "year"):
            typed[name] = pd.array(typed[name].tolist(), dtype="Int64")
    extra_spec = Column(name="extra", dtype="float", nullable=True, min=schema.extra_min, max=schema.extra_max)
    for c in extras:
        if schema.extra_columns == "numeric":
            values = _parse_column(raw, c, extra_spec, issues, check_empty=False)
            typed[c] = pd.to_numeric(pd.Series(values, dtype="object"), errors="coerce").astype("float64")
        else:
            typed[c] = frame[c].to_numpy()
    issues.extend(_run_rules(typed, schema, file, list(mapping.values()), extras))
    if issues:
        raise InputError(_dedupe(_total_rows_named(raw, issues)))
    return typed


def _total_rows_named(raw: RawTable, issues: list[Issue]) -> list[Issue]:
    """A spreadsheet's total line left in the table ("Tổng cộng" in its first filled cell) fails on several columns:
    one issue that says what the row is, in place of those."""
    failing = {i.row for i in issues if i.row is not None}
    totals = {}
    cells = raw.frame.drop(columns=ROW).to_numpy()
    for row, values in zip(raw.frame[ROW], cells, strict=True):
        first = next((str(c).strip() for c in values if str(c).strip()), "")
        if int(row) in failing and TOTAL_ROW.fullmatch(first):
            totals[int(row)] = first
    if not totals:
        return issues
    named = [
        Issue(
            file=raw.path,
            row=row,
            value=label,
            rule="total row",
            message=f"'{label}' looks like a total row: remove it (the tool adds the rows up itself)",
        )
        for row, label in totals.items()
    ]
    return [i for i in issues if i.row not in totals] + named


def read_checked(path, schema: TableSchema, *, sheet: str | int | None = None) -> pd.DataFrame:
    """Read the CSV or Excel file ``path`` and check it against ``schema`` (see :func:`validate_table`).

    Read and checked once per process for a file that has not changed (:func:`analysis.data.readers.file_memo`);
    each call gets its own copy.
    """
    table = file_memo(path, ("checked", schema, sheet), lambda: validate_table(read_table(path, sheet=sheet), schema))
    return table.copy()


def _map_columns(raw: RawTable, schema: TableSchema) -> tuple[dict[str, str], list[Issue]]:
    """The file's header names mapped to the schema's column names, and an issue per missing required column."""
    mapping: dict[str, str] = {}
    issues: list[Issue] = []
    for col in schema.columns:
        found = find_column(raw.columns, col)
        if found is not None:
            mapping[found] = col.name
        elif col.required:
            issues.append(
                Issue(
                    file=raw.path,
                    row=1,
                    column=col.name,
                    rule="required column",
                    message=f"required column '{col.name}' is missing ({col.description or col.dtype}); "
                    f"the header has: {', '.join(raw.columns)}",
                )
            )
    return mapping, issues


def _parse_column(raw: RawTable, raw_name: str, col: Column, issues: list[Issue], *, check_empty: bool) -> list:
    """The cells of one column parsed as ``col`` says; a cell that does not parse (or an empty cell of a
    non-nullable column, when ``check_empty``) adds an issue naming its row."""
    values = []
    for value, row in zip(raw.frame[raw_name], raw.frame[ROW], strict=True):
        parsed, problem = _parse_cell(value, col, raw.decimal)
        if problem:
            issues.append(
                Issue(
                    file=raw.path, row=int(row), column=raw_name, value=value, rule=f"type {col.dtype}", message=problem
                )
            )
        elif check_empty and parsed is None and not col.nullable:
            issues.append(
                Issue(
                    file=raw.path,
                    row=int(row),
                    column=raw_name,
                    rule="not empty",
                    message=f"'{raw_name}' must not be empty",
                )
            )
        values.append(parsed)
    return values


def _run_rules(
    typed: pd.DataFrame, schema: TableSchema, file: str, present: list[str], extras: list[str]
) -> list[Issue]:
    issues = _column_check_issues(typed, schema, file, present)
    issues.extend(_check_unique_key(typed, schema, file, present))
    issues.extend(_extra_range_issues(typed, schema, file, extras))
    rows = typed[ROW]
    for rule in schema.rules:
        if rule.column not in present:
            continue
        ok = rule.check(typed).fillna(True).astype(bool)
        for i in typed.index[~ok]:
            value = typed[rule.column][i]
            issues.append(
                Issue(
                    file=file,
                    row=int(rows[i]),
                    column=rule.column,
                    rule=rule.name,
                    message=rule.message,
                    value=value.item() if hasattr(value, "item") else value,
                )
            )  # a plain number, not numpy's
    if schema.contiguous_years_by is not None and "year" in present:
        issues.extend(check_contiguous_years(typed, file, [g for g in schema.contiguous_years_by if g in present]))
    for table_rule in schema.table_rules:
        issues.extend(table_rule(typed, file))
    return issues


def _column_check_issues(typed: pd.DataFrame, schema: TableSchema, file: str, present: list[str]) -> list[Issue]:
    """Range and allowed-value checks of the columns (pandera), one issue per failing cell, with a suggestion
    for a near miss of an allowed value. Uniqueness is reported by :func:`_check_unique_key`."""
    try:
        _pandera_schema(schema, present).validate(typed, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases.to_dict("records")
    else:
        return []
    rows, issues = typed[ROW], []
    for case in cases:
        check = str(case.get("check"))
        if "uniqueness" in check:
            continue
        idx, column, value = case.get("index"), case.get("column"), case.get("failure_case")
        row = int(rows.iloc[int(idx)]) if idx is not None and not pd.isna(idx) else None
        is_range = "between" in check or "least" in check or "most" in check
        message = f"'{value}' must be {check}"
        allowed = schema.column(column).allowed_values() if column in present else None
        if not is_range and allowed:
            close = difflib.get_close_matches(str(value), list(allowed), n=1, cutoff=0.5)
            if close:
                message += f" — did you mean '{close[0]}'?"
        issues.append(
            Issue(
                file=file,
                row=row,
                column=column,
                value=value,
                rule="range" if is_range else "allowed values",
                message=message,
            )
        )
    return issues


def _extra_range_issues(typed: pd.DataFrame, schema: TableSchema, file: str, extras: list[str]) -> list[Issue]:
    """The schema's range for numeric extra columns (e.g. the year columns of a wide table)."""
    if schema.extra_columns != "numeric" or (schema.extra_min is None and schema.extra_max is None):
        return []
    lo = -math.inf if schema.extra_min is None else schema.extra_min
    hi = math.inf if schema.extra_max is None else schema.extra_max
    issues = []
    for c in extras:
        bad = typed[c].notna() & ((typed[c] < lo) | (typed[c] > hi))
        for i in typed.index[bad]:
            issues.append(
                Issue(
                    file=file,
                    row=int(typed[ROW][i]),
                    column=c,
                    value=typed[c][i],
                    rule="range",
                    message=f"'{typed[c][i]:g}' must be between {lo:g} and {hi:g}",
                )
            )
    return issues


def _check_unique_key(typed: pd.DataFrame, schema: TableSchema, file: str, present: list[str]) -> list[Issue]:
    """Each key may appear once; a repeat is reported on its later rows, naming the first."""
    key = list(schema.key)
    if not key or not set(key) <= set(present):
        return []
    keyed = typed.dropna(subset=key)
    dup = keyed.duplicated(subset=key, keep="first")
    if not dup.any():
        return []
    issues = []
    first_rows = keyed.drop_duplicates(subset=key, keep="first").set_index(key)[ROW]
    for i in keyed.index[dup]:
        values = tuple(keyed.loc[i, k] for k in key)
        first = first_rows.loc[values if len(key) > 1 else values[0]]
        label = ", ".join(f"{k}={v}" for k, v in zip(key, values, strict=True))
        issues.append(
            Issue(
                file=file,
                row=int(keyed.loc[i, ROW]),
                column=", ".join(key),
                rule="unique key",
                message=f"duplicate key ({label}): the same key is already on row {int(first)}",
            )
        )
    return issues


def check_contiguous_years(typed: pd.DataFrame, file: str, groups: list[str]) -> list[Issue]:
    """Years within each group must run without gaps (explicit NA rows are fine)."""
    issues = []
    grouped = (
        typed.dropna(subset=["year"]).groupby(groups, dropna=False) if groups else [((), typed.dropna(subset=["year"]))]
    )
    for key, part in grouped:
        years = sorted(int(y) for y in part["year"].unique())
        missing = sorted(set(range(years[0], years[-1] + 1)) - set(years)) if years else []
        if missing:
            label = ", ".join(
                f"{g}={k}" for g, k in zip(groups, key if isinstance(key, tuple) else (key,), strict=False)
            )
            shown = ", ".join(str(y) for y in missing[:10]) + (" …" if len(missing) > 10 else "")
            issues.append(
                Issue(
                    file=file,
                    row=int(part[ROW].iloc[0]),
                    column="year",
                    rule="contiguous years",
                    message=f"years must be contiguous{' for ' + label if label else ''}: missing {shown}",
                )
            )
    return issues


def _dedupe(issues: list[Issue]) -> list[Issue]:
    seen, out = set(), []
    for i in issues:
        k = (i.file, i.row, i.column, i.rule, i.message)
        if k not in seen:
            seen.add(k)
            out.append(i)
    return sorted(out, key=lambda i: (i.row or 0, str(i.column)))
