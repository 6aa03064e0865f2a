"""Who must make a facility GHG inventory, and when: the rules as cited data, never as code.

Inputs (``data/raw``, see ``SOURCES.csv``):

- ``project/facility_reporting_rules.csv`` — one row per rule: the listing rule (Decision 13/2024/QĐ-TTg), the
  Decree 06/2022/NĐ-CP Art. 6(1) thresholds (which register column each is compared with and which inventory
  sectors it applies to) and the reporting cycle (first deadline, period, which year a report covers), each with
  its legal basis, source and confidence;
- ``national/emission_factors.csv`` — the threshold values themselves, read from the rows the rules name
  (``factor``), so a threshold has one home.

Output: :class:`ReportingRules` from :func:`load_reporting_rules`. A rule naming a missing factor, a factor whose
unit differs from the rule's, or an unreadable cycle value is refused with its file, row and column.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.data.provenance import raw_file
from analysis.data.readers import ROW, parse_number, read_table
from analysis.data.schemas import Column, TableSchema
from analysis.data.sectors import sector_keys
from analysis.data.vocab import parse_date
from analysis.errors import InputError, Issue

RULE_COLUMNS = (
    "rule_id",
    "rule_type",
    "applies_to",
    "register_column",
    "value",
    "unit",
    "factor",
    "legal_basis",
    "source_url",
    "confidence",
    "note",
)
CYCLE_KEYS = ("first_deadline", "period_years", "inventory_year_offset")
RULE_TYPES = ("list", "threshold", "cycle")
_TEXT = {"dtype": "str", "required": True, "nullable": True}

# The shape of the file (kind ``reporting_rules``); :func:`load_reporting_rules` checks the rest (factors named,
# sectors known, cycle values readable).
REPORTING_RULES = TableSchema(
    kind="reporting_rules",
    description="who must make a facility GHG inventory, and when: one cited rule per row",
    columns=(
        Column("rule_id", "str"),
        Column("rule_type", "str", allowed=RULE_TYPES),
        Column("applies_to", "str", description="'any' or inventory sectors separated by ';'"),
        Column("register_column", **_TEXT),
        Column("value", **_TEXT),
        Column("unit", **_TEXT),
        Column("factor", **_TEXT),
        Column("legal_basis", "str"),
        Column("source_url", **_TEXT),
        Column("confidence", "str", allowed=("high", "medium", "low")),
        Column("note", **_TEXT),
    ),
    key=("rule_id",),
)


@dataclass(frozen=True)
class Threshold:
    """One Decree 06/2022 threshold: a facility with ``register_column >= value`` must make the inventory."""

    rule_id: str
    register_column: str
    value: float
    unit: str
    sectors: tuple[str, ...] | None  # None: every sector
    legal_basis: str
    source_url: str

    def applies_to(self, sector: str) -> bool:
        return self.sectors is None or sector in self.sectors


@dataclass(frozen=True)
class ReportingRules:
    """The thresholds, the listing rule and the reporting cycle, with where each comes from."""

    thresholds: tuple[Threshold, ...]
    first_deadline: date
    period_years: int
    inventory_year_offset: int
    legal_basis: dict[str, str]  # rule_id -> legal basis
    sources: dict[str, str]  # rule_id -> source URL
    confidence: dict[str, str]  # rule_id -> high / medium / low

    def deadline_for(self, inventory_year: int) -> date | None:
        """The deadline of the report covering ``inventory_year`` (``None`` if no report covers that year)."""
        deadline_year = inventory_year - self.inventory_year_offset
        k, rest = divmod(deadline_year - self.first_deadline.year, self.period_years)
        if k < 0 or rest:
            return None
        return self.first_deadline.replace(year=deadline_year)

    def deadlines(self, until: int) -> list[tuple[int, date]]:
        """``(inventory_year, deadline)`` of every report due up to the year ``until``."""
        years = range(self.first_deadline.year, until + 1, self.period_years)
        return [(y + self.inventory_year_offset, self.first_deadline.replace(year=y)) for y in years]

    def period_as_of(self, as_of: date) -> tuple[int, date]:
        """The report whose deadline is the latest on or before ``as_of`` (the first one before it has passed)."""
        passed = [p for p in self.deadlines(as_of.year) if p[1] <= as_of]
        return passed[-1] if passed else self.deadlines(self.first_deadline.year)[0]

    def next_deadline(self, as_of: date) -> tuple[int, date]:
        """The first report whose deadline falls after ``as_of``."""
        return next(p for p in self.deadlines(as_of.year + self.period_years + 1) if p[1] > as_of)


def read_emission_factors(path: Path | str | None = None) -> pd.DataFrame:
    """``national/emission_factors.csv`` as text, with the spreadsheet row of each factor."""
    return read_table(path or raw_file("national_factors")).frame


def _issue(file: str, row: int | None, column: str | None, value, rule: str, message: str) -> Issue:
    return Issue(file=file, row=row, column=column, value=value, rule=rule, message=message)


def _threshold(rec: pd.Series, factors: pd.DataFrame, file: str, factors_file: str, issues: list[Issue]):
    hit = factors[factors["factor"] == rec["factor"]]
    if hit.empty:
        issues.append(
            _issue(
                file,
                int(rec[ROW]),
                "factor",
                rec["factor"],
                "known factor",
                f"no row named '{rec['factor']}' in {factors_file}",
            )
        )
        return None
    fac = hit.iloc[0]
    value = parse_number(str(fac["value"]))
    if value is None or fac["unit"] != rec["unit"]:
        issues.append(
            _issue(
                factors_file,
                int(fac[ROW]),
                "value",
                fac["value"],
                "threshold value",
                f"the threshold must be a number in {rec['unit']}, found '{fac['value']}' {fac['unit']}",
            )
        )
        return None
    sectors = None if rec["applies_to"] == "any" else tuple(s.strip() for s in rec["applies_to"].split(";"))
    unknown = [s for s in sectors or () if s not in sector_keys()]
    if unknown:
        issues.append(
            _issue(
                file,
                int(rec[ROW]),
                "applies_to",
                ", ".join(unknown),
                "known sector",
                "applies_to must be 'any' or inventory sectors separated by ';'",
            )
        )
        return None
    return Threshold(
        rule_id=rec["rule_id"],
        register_column=rec["register_column"],
        value=value,
        unit=rec["unit"],
        sectors=sectors,
        legal_basis=rec["legal_basis"],
        source_url=rec["source_url"],
    )


def _cycle_value(rec: pd.Series, file: str, issues: list[Issue]):
    if rec["rule_id"] == "first_deadline":
        parsed = parse_date(rec["value"])
    else:
        number = parse_number(str(rec["value"]))
        parsed = int(number) if number is not None and number == int(number) else None
        if rec["rule_id"] == "period_years" and parsed is not None and parsed < 1:
            parsed = None
    if parsed is None:
        issues.append(
            _issue(
                file,
                int(rec[ROW]),
                "value",
                rec["value"],
                "cycle value",
                f"'{rec['rule_id']}' needs a {'date' if rec['rule_id'] == 'first_deadline' else 'whole number'}",
            )
        )
    return parsed


def load_reporting_rules(
    rules_file: Path | str | None = None, factors_file: Path | str | None = None
) -> ReportingRules:
    """Read the reporting rules and the threshold values they name (see module docstring; by default the register's
    files of kind ``reporting_rules`` and ``national_factors``)."""
    rules_file = rules_file or raw_file("reporting_rules")
    factors_file = factors_file or raw_file("national_factors")
    raw = read_table(rules_file)
    file, factors_label = raw.path, paths.relative_to_project(factors_file)
    missing = [c for c in RULE_COLUMNS if c not in raw.columns]
    if missing:
        raise InputError(
            [_issue(file, 1, c, None, "required column", f"required column '{c}' is missing") for c in missing]
        )
    factors = read_emission_factors(factors_file)
    issues: list[Issue] = []
    thresholds, cycle = [], {}
    for _, rec in raw.frame.iterrows():
        if rec["rule_type"] == "threshold":
            found = _threshold(rec, factors, file, factors_label, issues)
            if found is not None:
                thresholds.append(found)
        elif rec["rule_type"] == "cycle" and rec["rule_id"] in CYCLE_KEYS:
            cycle[rec["rule_id"]] = _cycle_value(rec, file, issues)
        elif rec["rule_type"] not in ("list", "cycle"):
            issues.append(
                _issue(
                    file,
                    int(rec[ROW]),
                    "rule_type",
                    rec["rule_type"],
                    "known rule type",
                    "rule_type must be list, threshold or cycle",
                )
            )
    for key in CYCLE_KEYS:
        if key not in cycle:
            issues.append(_issue(file, None, "rule_id", key, "reporting cycle", f"no '{key}' row"))
    if issues:
        raise InputError(issues)
    frame = raw.frame.set_index("rule_id")
    return ReportingRules(
        thresholds=tuple(thresholds),
        first_deadline=cycle["first_deadline"],
        period_years=cycle["period_years"],
        inventory_year_offset=cycle["inventory_year_offset"],
        legal_basis=frame["legal_basis"].to_dict(),
        sources=frame["source_url"].to_dict(),
        confidence=frame["confidence"].to_dict(),
    )
