"""Who must make the facility GHG inventory, what is due when, who has reported and who is late.

Inputs: the facility register (:func:`analysis.mrv.registers.read_facilities`), a province, the date of the
assessment and the reporting rules (:func:`analysis.data.reporting_rules.load_reporting_rules`: the Decision
13/2024/QĐ-TTg list, the Decree 06/2022/NĐ-CP thresholds and the reporting cycle, all cited data).

Output: :class:`ReportingStatus` — one row per facility for one report (the inventory of one year, due on one
date) with ``must_report`` (``yes``/``no``/``unknown``), the ``basis`` (the rule that applies, ``below_thresholds``
or ``missing_data``), ``quota_sector`` (the sector of an emission quota, Decree 119/2025/NĐ-CP, from any of the
facility's rows) and ``status``:

| status | meaning |
|---|---|
| ``on_time`` / ``late_submission`` | report received, on or before / after the deadline |
| ``received_undated`` | report received (emissions recorded), date of submission not recorded |
| ``pending`` / ``overdue`` | must report, nothing received; deadline not yet passed / passed |
| ``to_check`` | the register lacks the data to tell whether the facility must report |
| ``not_required`` | not on the list and below every applicable threshold |

A report dated after the assessment date counts as not yet received on that date. Thresholds are compared with
the latest value the register holds for the inventory year or before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from analysis.data.provenance import raw_file
from analysis.data.reporting_rules import ReportingRules, load_reporting_rules
from analysis.data.vocab import CATEGORY
from analysis.errors import InputError, Issue
from analysis.mrv.registers import select_province

STATUSES = ("on_time", "late_submission", "received_undated", "pending", "overdue", "to_check", "not_required")
RECEIVED = ("on_time", "late_submission", "received_undated")
COLUMNS = (
    "facility_id",
    "facility_name",
    "district",
    "category",
    "managing_ministry",
    "sector",
    "quota_sector",
    "must_report",
    "basis",
    "basis_year",
    "basis_value",
    "threshold",
    "emissions_tco2e",
    "submitted_on",
    "status",
)


@dataclass(frozen=True)
class ReportingStatus:
    """The reporting status of a province's facilities for one report (see module docstring)."""

    province: str
    as_of: date
    inventory_year: int
    due_date: date
    facilities: pd.DataFrame
    rules: ReportingRules

    def counts(self, must_report: str | None = None) -> dict[str, int]:
        """Number of facilities in each status (every status present, 0 when none), optionally only those whose
        ``must_report`` is ``yes``, ``no`` or ``unknown``."""
        frame = (
            self.facilities if must_report is None else self.facilities[self.facilities["must_report"] == must_report]
        )
        found = frame["status"].value_counts()
        return {s: int(found.get(s, 0)) for s in STATUSES}

    def n_must(self, answer: str = "yes") -> int:
        """Number of facilities whose ``must_report`` is ``answer``."""
        return int((self.facilities["must_report"] == answer).sum())

    def next_report(self) -> tuple[int, date]:
        """``(inventory_year, deadline)`` of the first report due after the assessment date."""
        return self.rules.next_deadline(self.as_of)

    def summary(self, by: str = "category") -> pd.DataFrame:
        """Counts by ``by`` (``category`` or ``managing_ministry``): ``group, n_facilities, n_required`` and one
        column per status; a missing group is ``None``."""
        if by not in ("category", "managing_ministry"):
            raise ValueError("by must be 'category' or 'managing_ministry'")
        frame = self.facilities.assign(group=self.facilities[by].where(self.facilities[by].notna(), None))
        rows = []
        order = {code: i for i, code in enumerate(CATEGORY.terms)} if by == "category" else {}
        groups = sorted(frame["group"].dropna().unique(), key=lambda g: (order.get(g, len(order)), str(g)))
        for group in [*groups, *([None] if frame["group"].isna().any() else [])]:
            part = frame[frame["group"].isna()] if group is None else frame[frame["group"] == group]
            counts = part["status"].value_counts()
            rows.append(
                {
                    "group": None if pd.isna(group) else group,
                    "n_facilities": len(part),
                    "n_required": int((part["must_report"] == "yes").sum()),
                    **{s: int(counts.get(s, 0)) for s in STATUSES},
                }
            )
        return pd.DataFrame(rows, columns=["group", "n_facilities", "n_required", *STATUSES])


def _latest(history: pd.DataFrame, column: str):
    known = history[history[column].notna()]
    return (None, None) if known.empty else (known.iloc[-1][column], int(known.iloc[-1]["year"]))


def _obligation(history: pd.DataFrame, sector: str, rules: ReportingRules) -> dict:
    listed, listed_year = _latest(history, "on_list")
    if listed == "yes":
        return {
            "must_report": "yes",
            "basis": "on_list",
            "basis_year": listed_year,
            "basis_value": None,
            "threshold": None,
        }
    missing = False
    for rule in (r for r in rules.thresholds if r.applies_to(sector)):
        value, year = _latest(history, rule.register_column)
        if value is None:
            missing = True
        elif float(value) >= rule.value:
            return {
                "must_report": "yes",
                "basis": rule.rule_id,
                "basis_year": year,
                "basis_value": float(value),
                "threshold": rule.value,
            }
    if missing:
        return {
            "must_report": "unknown",
            "basis": "missing_data",
            "basis_year": None,
            "basis_value": None,
            "threshold": None,
        }
    return {
        "must_report": "no",
        "basis": "below_thresholds",
        "basis_year": None,
        "basis_value": None,
        "threshold": None,
    }


def _quota_sector(rows: pd.DataFrame):
    """The facility's quota sector (thermal power, iron and steel, cement) from any of its rows, the latest named;
    a quota is allocated after the inventory it rests on, so later rows count too."""
    if "quota_sector" not in rows:
        return None
    named = rows["quota_sector"].dropna()
    return named.iloc[-1] if len(named) else None


def _status(must: str, report: pd.Series | None, due: date, as_of: date) -> tuple[str, object]:
    submitted = None if report is None or pd.isna(report["submitted_on"]) else report["submitted_on"].date()
    received = report is not None and pd.notna(report["emissions_tco2e"]) and (submitted is None or submitted <= as_of)
    if must == "no":
        return "not_required", submitted
    if received:
        if submitted is None:
            return "received_undated", None
        return ("on_time" if submitted <= due else "late_submission"), submitted
    if must == "unknown":
        return "to_check", None
    return ("overdue" if as_of > due else "pending"), None


def assess_obligations(
    register: pd.DataFrame,
    province: str,
    as_of: date,
    *,
    inventory_year: int | None = None,
    rules: ReportingRules | None = None,
) -> ReportingStatus:
    """The reporting status of ``province``'s facilities on ``as_of``.

    Parameters
    ----------
    register : pandas.DataFrame
        The facility register (every province; only ``province``'s rows are used).
    province : str
        Any spelling the registry resolves.
    as_of : datetime.date
        The date of the assessment ("who is late on this date").
    inventory_year : int, optional
        The inventory year of the report to assess; by default the report whose deadline is the latest on or
        before ``as_of`` (the first report before that deadline has passed).
    rules : ReportingRules, optional
        Default: the shipped rules (``data/raw/project/facility_reporting_rules.csv``).
    """
    rules = rules or load_reporting_rules()
    if inventory_year is None:
        inventory_year, due = rules.period_as_of(as_of)
    else:
        due = rules.deadline_for(inventory_year)
        if due is None:
            years = ", ".join(str(y) for y, _ in rules.deadlines(inventory_year + rules.period_years))
            raise InputError(
                [
                    Issue(
                        file=raw_file("reporting_rules").name,
                        column="inventory_year",
                        value=inventory_year,
                        rule="reporting cycle",
                        message=f"no facility report covers {inventory_year}; the reports cover {years}",
                    )
                ]
            )
    name, rows = select_province(register, province)
    records = []
    for fid in rows["facility_id"].unique():  # in the register's order
        history = rows[(rows["facility_id"] == fid) & (rows["year"] <= inventory_year)].sort_values("year")
        if history.empty:  # the facility enters the register after this report
            continue
        latest = history.iloc[-1]
        duty = _obligation(history, latest["sector"], rules)
        same_year = history[history["year"] == inventory_year]
        report = same_year.iloc[0] if len(same_year) else None
        status, submitted = _status(duty["must_report"], report, due, as_of)
        records.append(
            {
                "facility_id": fid,
                "facility_name": latest["facility_name"],
                "district": latest["district"],
                "category": latest["category"],
                "managing_ministry": latest["managing_ministry"],
                "sector": latest["sector"],
                "quota_sector": _quota_sector(rows[rows["facility_id"] == fid]),
                **duty,
                "emissions_tco2e": None if report is None else report["emissions_tco2e"],
                "submitted_on": submitted,
                "status": status,
            }
        )
    facilities = pd.DataFrame(records, columns=list(COLUMNS))
    return ReportingStatus(
        province=name, as_of=as_of, inventory_year=inventory_year, due_date=due, facilities=facilities, rules=rules
    )
