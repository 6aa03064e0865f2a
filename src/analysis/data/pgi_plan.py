"""Who a province's PGI improvement plan names: the ``pgi_plan`` table kind and its loader.

Inputs
------
``data/raw/brvt/pgi_plan_262_bodies.csv`` (Bà Rịa – Vũng Tàu, Plan 262/KH-UBND of 18/10/2024, as the
seed report describes it), or any table of the same shape for another province: one row per body with
``province, plan_number, plan_date, body_vi, body_en, role, via_kind, via_number, via_date, subindex,
source, quote``. ``role`` is ``asked_to_plan`` (asked to draw up its own plan) or ``issued_plan``
(issued its implementing plan); ``via_*`` is the document that did so; ``subindex`` is the indicator
the body is in charge of, **blank when the source does not say** (never guessed). Dates are ISO
(YYYY-MM-DD).

Outputs
-------
:func:`load_plan_bodies` returns the validated rows of one province (canonical name), or an empty table
when the file has none for it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.data.kinds import PROVINCE
from analysis.data.provenance import raw_file
from analysis.data.readers import ROW
from analysis.data.schemas import Column, RowRule, TableSchema, read_checked

ROLES = ("asked_to_plan", "issued_plan")
VIA_KINDS = ("official_letter", "plan", "decision")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_dates(frame: pd.DataFrame) -> pd.Series:
    ok = pd.Series(True, index=frame.index)
    for col in ("plan_date", "via_date"):
        values = frame[col]
        ok &= values.isna() | values.astype(str).str.match(_ISO)
    return ok


PGI_PLAN = TableSchema(
    kind="pgi_plan",
    description="bodies named in a province's plan to improve its Provincial Green Index, with the source",
    columns=(
        PROVINCE,
        Column("plan_number", "str"),
        Column("plan_date", "str"),
        Column("body_vi", "str"),
        Column("body_en", "str"),
        Column("role", "str", allowed=ROLES),
        Column("via_kind", "str", nullable=True, allowed=VIA_KINDS),
        Column("via_number", "str", nullable=True),
        Column("via_date", "str", nullable=True),
        Column("subindex", "str", nullable=True),
        Column("source", "str"),
        Column("quote", "str", required=False, nullable=True),
    ),
    key=("province", "plan_number", "body_vi"),
    rules=(RowRule("ISO date (YYYY-MM-DD)", "plan_date", "dates must be written YYYY-MM-DD", _iso_dates),),
)


def load_plan_bodies(province: str, path: str | Path | None = None) -> pd.DataFrame:
    """The bodies the PGI plan of ``province`` names (empty when the file has none for it)."""
    from analysis.data.provinces import get_registry

    table = read_checked(path or raw_file("pgi_plan"), PGI_PLAN).drop(columns=[ROW])
    name = get_registry().resolve(province)
    return table[table["province"] == name].reset_index(drop=True)
