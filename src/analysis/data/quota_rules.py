"""Greenhouse-gas emission quotas of facilities: the periods, the pilot's sectors and the carry-over rule, and the
facility register's quota columns checked against them.

Legal basis: Decree 06/2022/NĐ-CP as amended by Decree 119/2025/NĐ-CP of 9 June 2025 (in force 1 August 2025;
``nd-119-2025`` in ``data/raw/institutions/legal_documents.csv``), Article 12 as amended:

- quotas are allocated by period, :data:`PERIODS`: the **pilot 2025–2026**, then 2027–2028 and 2029–2030;
- in the pilot, only thermal power plants, iron and steel facilities and cement facilities on the list of Decision
  13/2024/QĐ-TTg receive quotas (:data:`PILOT_SECTORS`); later periods may add facilities;
- until the end of 2030 (:data:`CARRY_OVER_UNTIL`) a facility may carry the quota it has not used, after surrendering
  what the current period requires, over to the next period.

Sources and what could be checked (December 2026): the periods and the pilot's sectors are in every public summary of
Article 12 (vietnam.vn, ata-legal.com, enviliance.com) and in Decision 263/QĐ-TTg of 9 February 2026 of the Prime
Minister (the total pilot quotas for 2025 and 2026: 34 thermal power plants, 25 iron and steel and 51 cement
facilities). The carry-over rule is read from the decree's summary on hoatieu.vn
(https://hoatieu.vn/download/nghi-dinh-119-2025-nd-cp-233114); the article and clause that state it were **not
verified** against the official text, which is why :data:`CARRY_OVER_VERIFIED` is False and reports say so.

Register columns (kind ``facilities``, all optional): ``quota_sector`` (:data:`QUOTA_SECTOR`), ``quota_period``
(``2025-2026`` …; empty: the period of the row's year), ``quota_tco2e`` (the quota allocated for the row's year) and
``verified_tco2e`` (the verified emissions of that year). The table rules below refuse, with file, row and column, a
period the decree does not have, a year outside the row's period, a quota for a year no period covers and a pilot
quota without its sector.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.data.readers import ROW
from analysis.data.vocab import Vocabulary
from analysis.errors import Issue

LEGAL_BASIS = "nd-119-2025"  # the amending decree, in the register of legal documents
PERIODS: tuple[tuple[int, int], ...] = ((2025, 2026), (2027, 2028), (2029, 2030))
PILOT = PERIODS[0]
CARRY_OVER_UNTIL = 2030  # the carry-over to the next period applies to the periods up to the end of 2030
CARRY_OVER_VERIFIED = False  # read from a public summary, not from the article itself (module docstring)

QUOTA_SECTOR = Vocabulary(
    "quota sector",
    {
        "thermal_power": ("nhiệt điện", "thermal power", "nhà máy nhiệt điện", "thermal power plant", "điện than"),
        "iron_steel": ("sắt thép", "iron and steel", "iron & steel", "thép", "steel", "sản xuất sắt thép", "gang thép"),
        "cement": ("xi măng", "cement", "sản xuất xi măng", "clinker"),
    },
)
PILOT_SECTORS = tuple(QUOTA_SECTOR.terms)

_PERIOD = re.compile(r"^\s*(\d{4})\s*[-‐‑‒–—/]\s*(\d{4})\s*$")


def parse_period(value) -> tuple[int, int] | None:
    """``"2025-2026"`` (any dash) -> ``(2025, 2026)`` when it is one of :data:`PERIODS`; else ``None``."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    match = _PERIOD.match(str(value))
    period = (int(match[1]), int(match[2])) if match else None
    return period if period in PERIODS else None


def period_of(year: int) -> tuple[int, int] | None:
    """The quota period that holds ``year`` (``None`` before 2025 or after 2030)."""
    return next((p for p in PERIODS if p[0] <= int(year) <= p[1]), None)


def next_period(period: tuple[int, int]) -> tuple[int, int] | None:
    """The period a surplus of ``period`` is carried to, when the carry-over rule still applies to it."""
    later = [p for p in PERIODS if p[0] == period[1] + 1]
    return later[0] if later and later[0][1] <= CARRY_OVER_UNTIL else None


def period_label(period: tuple[int, int]) -> str:
    """``(2025, 2026)`` -> ``"2025–2026"`` (en dash, as reports write a period)."""
    return f"{period[0]}–{period[1]}"


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value) or str(value).strip() == ""


def _issue(file: str, row, column: str, value, rule: str, message: str) -> Issue:
    return Issue(file=file, row=int(row), column=column, value=value, rule=rule, message=message)


def quota_period_rule(df: pd.DataFrame, file: str) -> list[Issue]:
    """A written period is one of the decree's and holds the row's year; a quota's year lies in some period."""
    issues = []
    shown = ", ".join(period_label(p) for p in PERIODS)
    periods = df["quota_period"] if "quota_period" in df else pd.Series([None] * len(df), index=df.index)
    quotas = df["quota_tco2e"] if "quota_tco2e" in df else pd.Series([None] * len(df), index=df.index)
    for written, quota, year, row in zip(periods, quotas, df["year"], df[ROW], strict=True):
        if not _missing(written):
            period = parse_period(written)
            if period is None:
                issues.append(
                    _issue(
                        file,
                        row,
                        "quota_period",
                        written,
                        "quota period",
                        f"'{written}' is not a quota period of Decree 119/2025/NĐ-CP (use one of {shown})",
                    )
                )
            elif not _missing(year) and not period[0] <= int(year) <= period[1]:
                issues.append(
                    _issue(
                        file,
                        row,
                        "quota_period",
                        written,
                        "year in its quota period",
                        f"the row's year {int(year)} is not in the quota period {period_label(period)}",
                    )
                )
        elif not _missing(quota) and not _missing(year) and period_of(int(year)) is None:
            issues.append(
                _issue(
                    file,
                    row,
                    "quota_tco2e",
                    quota,
                    "quota period",
                    f"no quota period covers {int(year)}: quotas start with the 2025–2026 pilot of Decree "
                    f"119/2025/NĐ-CP (periods {shown})",
                )
            )
    return issues


def pilot_quota_sector_rule(df: pd.DataFrame, file: str) -> list[Issue]:
    """A quota in the 2025–2026 pilot needs its sector: thermal power, iron and steel or cement."""
    if "quota_tco2e" not in df:
        return []
    sectors = df["quota_sector"] if "quota_sector" in df else pd.Series([None] * len(df), index=df.index)
    return [
        _issue(
            file,
            row,
            "quota_sector",
            sector,
            "pilot quota sector",
            "the 2025–2026 pilot allocates quotas only to thermal power plants, iron and steel and cement facilities "
            f"(Decree 119/2025/NĐ-CP); give quota_sector ({QUOTA_SECTOR.shown()})",
        )
        for quota, sector, year, row in zip(df["quota_tco2e"], sectors, df["year"], df[ROW], strict=True)
        if not _missing(quota) and not _missing(year) and PILOT[0] <= int(year) <= PILOT[1] and _missing(sector)
    ]
