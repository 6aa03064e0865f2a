"""Cross-column rules of the facility and carbon-credit registers (kinds ``facilities`` and ``credits``).

Each rule takes the typed table and the file name and returns located :class:`~analysis.errors.Issue` records;
:mod:`analysis.data.kinds` lists them in the schemas' ``table_rules``.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.readers import ROW
from analysis.data.vocab import DESTINATION, YES_NO
from analysis.errors import Issue


def submitted_report_states_emissions(df: pd.DataFrame, file: str) -> list[Issue]:
    """A row with a submission date must give the emissions the report states."""
    if "submitted_on" not in df or "emissions_tco2e" not in df:
        return []
    bad = df["submitted_on"].notna() & df["emissions_tco2e"].isna()
    return [
        Issue(
            file=file,
            row=int(r),
            column="emissions_tco2e",
            rule="submitted report states emissions",
            message="the report is marked as submitted but its emissions are empty",
        )
        for r in df.loc[bad, ROW]
    ]


def one_province_per_facility(df: pd.DataFrame, file: str) -> list[Issue]:
    """A facility stays in one province across its years (pre-2025 map)."""
    if "facility_id" not in df or "province" not in df:
        return []
    issues = []
    for fid, part in df.dropna(subset=["facility_id", "province"]).groupby("facility_id", sort=False):
        first = part.iloc[0]
        for _, row in part[part["province"] != first["province"]].iterrows():
            issues.append(
                Issue(
                    file=file,
                    row=int(row[ROW]),
                    column="province",
                    value=row["province"],
                    rule="one province per facility",
                    message=f"facility '{fid}' is in {first['province']} on row {int(first[ROW])}",
                )
            )
    return issues


def adjustment_only_abroad(df: pd.DataFrame, file: str) -> list[Issue]:
    """A corresponding adjustment applies to credits transferred abroad, never to a domestic destination."""
    if "corresponding_adjustment" not in df or "destination" not in df:
        return []
    issues = []
    for ca, dest, row in zip(df["corresponding_adjustment"], df["destination"], df[ROW], strict=True):
        if YES_NO.canonical(ca) == "yes" and DESTINATION.canonical(dest) == "domestic":
            issues.append(
                Issue(
                    file=file,
                    row=int(row),
                    column="corresponding_adjustment",
                    value=ca,
                    rule="adjustment only abroad",
                    message=f"a corresponding adjustment applies only to credits transferred abroad, "
                    f"but the destination is '{dest}'",
                )
            )
    return issues
