"""Bottom-up meets top-down: facility reports summed by sector against the province's inventory.

Inputs: the facility register (:func:`analysis.mrv.registers.read_facilities`), a province, a year and the
top-down inventory (:class:`analysis.mrv.topdown.TopDown`). Output: :class:`Coverage`, whose ``table`` has one row
per sector — ``sector, n_facilities, n_awaiting, facility_tco2e, estimate_tco2e, coverage, flag, note``:

- ``coverage`` = facility total ÷ the sector's inventory value (NaN when there is no inventory value, or it is 0 or
  negative: a ratio would mean nothing);
- ``flag`` lists, separated by ``;``: ``above_estimate`` (the reports add up to more than the inventory: the
  estimate is too low), ``no_estimate`` (nothing to compare with; ``note`` says why), ``indirect_included`` (some
  reports include indirect, scope-2 emissions, which a territorial inventory counts in power generation).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.data.sectors import sector_keys
from analysis.mrv.registers import select_province
from analysis.mrv.topdown import TopDown

COLUMNS = ("sector", "n_facilities", "n_awaiting", "facility_tco2e", "estimate_tco2e", "coverage", "flag", "note")
ABOVE, NO_ESTIMATE, INDIRECT = "above_estimate", "no_estimate", "indirect_included"
INDIRECT_SCOPES = ("2", "1+2", "1+2+3")


@dataclass(frozen=True)
class Coverage:
    """Per-sector comparison of facility reports with the inventory (see module docstring)."""

    province: str
    year: int
    topdown: TopDown
    table: pd.DataFrame

    def flagged(self, flag: str) -> list[str]:
        """Sectors carrying ``flag``."""
        return [s for s, f in zip(self.table["sector"], self.table["flag"], strict=True) if flag in f.split(";")]

    def totals(self) -> dict[str, float]:
        """Totals of the reports and, over the sectors that have both reports and an inventory value, the
        comparable facility total, the inventory total and their ratio (NaN when nothing is comparable)."""
        reported = self.table[self.table["n_facilities"] > 0]
        comparable = reported[reported["estimate_tco2e"] > 0]
        facility, estimate = float(comparable["facility_tco2e"].sum()), float(comparable["estimate_tco2e"].sum())
        return {
            "n_facilities": int(reported["n_facilities"].sum()),
            "facility_tco2e": float(reported["facility_tco2e"].sum()),
            "n_sectors": len(reported),
            "n_comparable": len(comparable),
            "comparable_facility_tco2e": facility,
            "comparable_estimate_tco2e": estimate,
            "coverage": facility / estimate if estimate > 0 else float("nan"),
        }


def _sector_row(
    sector: str, reports: pd.DataFrame, awaiting: pd.DataFrame, estimate: pd.Series, topdown: TopDown
) -> dict:
    mine = reports[reports["sector"] == sector]
    facility = float(mine["emissions_tco2e"].sum())
    flags, notes = [], []
    value = float(estimate[sector]) if sector in estimate.index else np.nan
    if not topdown.available:
        flags.append(NO_ESTIMATE)
        notes.append(topdown.reason)
    elif np.isnan(value):
        flags.append(NO_ESTIMATE)
        notes.append(f"the inventory has no value for {sector}")
    elif topdown.status != "ok":
        notes.append(topdown.reason)
    if not np.isnan(value) and facility > value and len(mine):
        flags.append(ABOVE)
        notes.append("facility reports exceed the inventory value: the estimate is too low")
    if mine["scope"].isin(INDIRECT_SCOPES).any():
        flags.append(INDIRECT)
        notes.append(
            "some reports include indirect (scope 2) emissions, counted under power generation in a "
            "territorial inventory"
        )
    ratio = facility / value if not np.isnan(value) and value > 0 else np.nan
    return {
        "sector": sector,
        "n_facilities": len(mine),
        "n_awaiting": int((awaiting["sector"] == sector).sum()),
        "facility_tco2e": facility,
        "estimate_tco2e": value,
        "coverage": ratio,
        "flag": ";".join(flags),
        "note": "; ".join(notes),
    }


def summarise_coverage(register: pd.DataFrame, province: str, year: int, topdown: TopDown) -> Coverage:
    """Facility reports of ``province`` in ``year`` summed by sector and set against ``topdown``.

    Parameters
    ----------
    register : pandas.DataFrame
        The facility register (every province; only ``province``'s rows are used).
    province : str
        Any spelling the registry resolves.
    year : int
        Inventory year of the reports.
    topdown : TopDown
        The province's inventory, from :func:`analysis.mrv.topdown.province_inventory`.
    """
    name, rows = select_province(register, province)
    rows = rows[rows["year"] == year]
    reports, awaiting = rows[rows["emissions_tco2e"].notna()], rows[rows["emissions_tco2e"].isna()]
    estimate = topdown.by_sector()
    present = set(rows["sector"]) | set(estimate.index)
    table = pd.DataFrame(
        [_sector_row(s, reports, awaiting, estimate, topdown) for s in sector_keys() if s in present],
        columns=list(COLUMNS),
    )
    table["n_facilities"] = table["n_facilities"].astype("int64")
    table["n_awaiting"] = table["n_awaiting"].astype("int64")
    return Coverage(province=name, year=year, topdown=topdown, table=table)
