"""Cross-column rules of the facility and carbon-credit registers (kinds ``facilities`` and ``credits``), and where
a register's records lie on the two maps (:func:`settle_provinces`).

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


def _unit_names() -> dict[str, str]:
    """The 2025 units made of several former provinces, by name, with their name on today's map. Such a name means
    either the unit or its namesake former province (``TP. Hồ Chí Minh``); any other name means one former
    province."""
    from analysis.data.provinces import get_registry

    reg = get_registry()
    return {reg.display_name(u.name): reg.display_name(u.name) for u in reg.units_2025 if len(u.constituents) > 1}


def _unit_of(name: str) -> str:
    from analysis.data.provinces import get_registry

    reg = get_registry()
    return reg.display_name(reg.resolve(name, admin_map=2025))


def settle_provinces(df: pd.DataFrame, key: str) -> pd.DataFrame:
    """Where each record of a register lies, on both maps, from the province names its rows give.

    A register kept across 1 July 2025 names a facility (or project, ``key``) by its former province in some rows
    (``BRVT``) and by the unit it joined in others (``TP. Hồ Chí Minh``). The record's former province is the first
    name of its rows that means one former province; when every row gives a unit's name, the unit's namesake former
    province (the only reading the register allows). ``province`` holds canonical 2024 names (the schema resolves
    any spelling of either map). Returns ``province_2024`` (display name) and ``unit_2025``, one row per row of
    ``df``, in its order.
    """
    units = _unit_names()
    former: dict[object, str] = {}
    for record, names in df.groupby(key, sort=False)["province"]:
        known = [n for n in names if isinstance(n, str)]
        definite = [n for n in known if n not in units]
        if known:
            former[record] = (definite or known)[0]
    province_2024 = [former.get(k) for k in df[key]]
    unit_2025 = [None if p is None else _unit_of(p) for p in province_2024]
    return pd.DataFrame({"province_2024": province_2024, "unit_2025": unit_2025}, index=df.index)


def one_province_per_facility(df: pd.DataFrame, file: str) -> list[Issue]:
    """A facility stays in one province across its years. A row may name its former province (the 63-province map)
    or the 2025 unit that province joined (``BRVT`` in 2024, ``TP. Hồ Chí Minh`` in 2025); two former provinces, or
    a unit the facility's province did not join, are refused."""
    if "facility_id" not in df or "province" not in df:
        return []
    units = _unit_names()
    known = df.dropna(subset=["facility_id", "province"])
    settled = settle_provinces(known, "facility_id")
    issues = []
    for fid, part in known.assign(former=settled["province_2024"]).groupby("facility_id", sort=False):
        former = part["former"].iloc[0]
        anchor = part[part["province"] == former].iloc[0]
        for _, row in part.iterrows():
            name = row["province"]
            if name == former or (name in units and _unit_of(name) == _unit_of(former)):
                continue
            issues.append(
                Issue(
                    file=file,
                    row=int(row[ROW]),
                    column="province",
                    value=name,
                    rule="one province per facility",
                    message=f"facility '{fid}' is in {former} on row {int(anchor[ROW])}"
                    + (f" (part of {_unit_of(former)} since 1 July 2025)" if _unit_of(former) != former else ""),
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


def figure_has_vintage(df: pd.DataFrame, file: str) -> list[Issue]:
    """Credits issued or expected are credits of a year: a row with a figure gives its vintage."""
    if "vintage" not in df:
        return []
    figures = [c for c in ("credits_issued_tco2e", "expected_tco2e") if c in df]
    if not figures:
        return []
    has_figure = df[figures].notna().any(axis=1)
    return [
        Issue(
            file=file,
            row=int(row),
            column="vintage",
            rule="a figure has its vintage",
            message="the row gives credits issued or expected but no vintage (the year of the reductions)",
        )
        for row in df.loc[has_figure & df["vintage"].isna(), ROW]
    ]
