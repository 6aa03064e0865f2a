"""The 2025 map: a post-July-2025 unit shown through its pre-2025 constituent provinces.

Inputs
------
An index table (pre-2025 provinces) and a unit name on the 2025 map (e.g. ``"TP. Hồ Chí Minh"``;
any spelling the registry resolves, an old province name gives the unit it joined).

Outputs
-------
:func:`compare_constituents` returns the constituents' values side by side, one row per constituent
and year. No merged score is computed: the index was never published for the merged units and a
population- or firm-weighted average would be an invention.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.provinces import get_registry
from analysis.index.spec import IndexSpec


def compare_constituents(
    index_table: pd.DataFrame, spec: IndexSpec, unit: str, year: int | None = None
) -> pd.DataFrame:
    """Values of the pre-2025 provinces that form ``unit`` (2025 map), side by side.

    Returns ``unit_2025, province, year, score, source, rank, rank_source, region_rank, <indicators>``.
    """
    reg = get_registry()
    target = reg.unit(unit)
    rows = index_table[index_table["province"].isin(target.constituents)]
    if year is not None:
        rows = rows[rows["year"] == year]
    columns = ["province", "year", "score", "source", "rank", "rank_source", "region_rank", *spec.indicators]
    out = rows[columns].copy()
    out.insert(0, "unit_2025", target.name)
    order = {name: i for i, name in enumerate(target.constituents)}
    return out.sort_values(["year", "province"], key=lambda s: s.map(order) if s.name == "province" else s).reset_index(
        drop=True
    )
