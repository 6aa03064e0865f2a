"""The MRV room of one run: facility reporting, coverage of the inventory and credits against the headline target.

Input: a run context (:func:`analysis.run.build_run`), the facility and credit registers (the shipped illustrative
examples when no file is named) and the date the reporting status is judged on. Output: :class:`MrvRoom` with, for
each 2024 province of the run (one, or the provinces merged into a 2025 unit), the reporting status and the coverage
of its inventory; the emissions of the run's facilities against their quotas; the run's rows of the credit register
and one credit account of the run's headline target (a unit's facilities and credits are its provinces', whichever
map a row's province name is on: :func:`analysis.mrv.registers.read_facilities`).

The coverage of a province is that of the inventory year its reporting status is about (the report due on the
latest deadline), when the register holds rows of that year; else of the latest year it holds (a register's later
rows may be quota years only, 2025 for instance, which no facility inventory covers).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.data.vocab import parse_date
from analysis.errors import InputError, Issue
from analysis.mrv.coverage import Coverage, summarise_coverage
from analysis.mrv.credits import CreditAccount, account_credits
from analysis.mrv.obligations import ReportingStatus, assess_obligations
from analysis.mrv.quotas import QuotaBalance, assess_quotas
from analysis.mrv.registers import read_credits, read_facilities, select_unit
from analysis.mrv.topdown import province_inventory
from analysis.units import T_PER_MT

EXAMPLES = paths.PROJECT_ROOT / "data" / "examples"
FACILITIES_EXAMPLE = EXAMPLES / "facilities_example.csv"
CREDITS_EXAMPLE = EXAMPLES / "credits_example.csv"


@dataclass
class MrvRoom:
    """Reporting status and coverage per province of the run, and the credit account of the headline target."""

    provinces: tuple[str, ...]
    as_of: dt.date
    facilities_file: Path
    credits_file: Path
    facilities_example: bool  # the shipped illustrative facility register was used
    credits_example: bool  # the shipped illustrative credit register was used
    status: dict[str, ReportingStatus] = field(default_factory=dict)
    coverage: dict[str, Coverage] = field(default_factory=dict)
    missing: tuple[str, ...] = ()  # provinces with no row in the facility register
    quotas: QuotaBalance | None = None
    credits: pd.DataFrame = field(default_factory=pd.DataFrame)  # the run's rows of the credit register
    account: CreditAccount | None = None

    @property
    def is_example(self) -> bool:
        """Both registers are the shipped illustrative examples."""
        return self.facilities_example and self.credits_example


def _as_of(text: str) -> dt.date:
    if not text:
        return dt.date.today()
    day = parse_date(text)
    if day is None:
        raise InputError(
            [
                Issue(
                    file="parameters",
                    column="as_of",
                    value=text,
                    rule="date",
                    message="'as_of' must be a date such as 31/03/2026 or 2026-03-31",
                )
            ]
        )
    return day


def _coverage_year(register: pd.DataFrame, province: str, status: ReportingStatus) -> int:
    years = register.loc[register["province_2024"] == province, "year"]
    return status.inventory_year if (years == status.inventory_year).any() else int(years.max())


def _is(path: Path, example: Path) -> bool:
    return path.resolve() == example.resolve()


def open_mrv_room(run, facilities_file: str = "", credits_file: str = "", as_of: str = "") -> MrvRoom:
    """The MRV room of ``run`` (see module docstring); empty file names mean the shipped illustrative examples."""
    fac = Path(facilities_file) if facilities_file else FACILITIES_EXAMPLE
    cred = Path(credits_file) if credits_file else CREDITS_EXAMPLE
    register, credits = read_facilities(fac), read_credits(cred)
    room = MrvRoom(
        provinces=tuple(run.constituents),
        as_of=_as_of(as_of),
        facilities_file=fac,
        credits_file=cred,
        facilities_example=_is(fac, FACILITIES_EXAMPLE),
        credits_example=_is(cred, CREDITS_EXAMPLE),
    )
    missing = []
    for province in run.constituents:
        if not (register["province_2024"] == province).any():
            missing.append(province)
            continue
        room.status[province] = status = assess_obligations(register, province, room.as_of)
        year = _coverage_year(register, province, status)
        room.coverage[province] = summarise_coverage(
            register, province, year, province_inventory(province, year, allow_other_year=True)
        )
    room.missing = tuple(missing)
    room.quotas = assess_quotas(register, run.constituents)
    room.credits = select_unit(credits, run.constituents)
    row = run.headline_row()
    mine = room.credits.assign(province=run.constituents[0], province_2024=run.constituents[0])
    if len(mine):
        room.account = account_credits(
            mine,
            run.constituents[0],
            target_year=run.headline.year,
            gap_tco2e=float(row["gap_mtco2e"]) * T_PER_MT,
            target_tco2e=float(row["required_mtco2e"]) * T_PER_MT,
        )
    return room
