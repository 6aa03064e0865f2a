"""A hybrid inventory: facility reports where they cover a sector, the top-down inventory for the rest.

Inputs: a :class:`~analysis.mrv.coverage.Coverage` (facility reports against the province's inventory) and the
sectors the analyst declares fully covered by facility reports (for example power generation when every plant has
reported). Output: an ``inventory``-kind table — ``province, year, sector, gas, value, unit, gwp, source, notes`` —
that the BAU reads like any inventory.

Which figure each sector takes:

- a declared-complete sector takes the facility total;
- a sector whose facility reports add up to more than the inventory value takes the facility total (the reports
  are a lower bound, so the inventory value is too low);
- a sector missing from the inventory but with reports takes the facility total, labelled partial;
- every other sector keeps the inventory rows (all gases), labelled with the inventory's source.

The facility reports are taken in the inventory's GWP set (the register does not record one); each row's
``notes`` say so.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.data.sectors import sector_keys
from analysis.errors import InputError, Issue
from analysis.mrv.coverage import ABOVE, Coverage

COLUMNS = ("province", "year", "sector", "gas", "value", "unit", "gwp", "source", "notes")
UNIT = "t CO2e"
FACILITY_SOURCE = "facility GHG inventory reports"
ESTIMATE_SOURCE = "top-down inventory"


def _refuse(column: str, value, rule: str, message: str) -> InputError:
    return InputError([Issue(file="hybrid inventory", column=column, value=value, rule=rule, message=message)])


def build_hybrid_inventory(coverage: Coverage, complete_sectors: Iterable[str] = ()) -> pd.DataFrame:
    """The hybrid inventory of ``coverage.province`` in ``coverage.year`` (see module docstring).

    Parameters
    ----------
    coverage : Coverage
        From :func:`analysis.mrv.coverage.summarise_coverage`; its top-down inventory must be available.
    complete_sectors : iterable of str
        Sectors whose facility reports the analyst declares complete; each needs at least one report.

    Returns
    -------
    pandas.DataFrame
        Columns ``province, year, sector, gas, value, unit, gwp, source, notes`` (value in t CO2e).
    """
    topdown = coverage.topdown
    if not topdown.available:
        raise _refuse(
            "province",
            coverage.province,
            "top-down inventory available",
            f"no hybrid inventory without a top-down inventory: {topdown.reason}",
        )
    complete = list(dict.fromkeys(complete_sectors))
    table = coverage.table.set_index("sector")
    for s in complete:
        if s not in sector_keys():
            raise _refuse("complete_sectors", s, "known sector", f"unknown sector '{s}'")
        if s not in table.index or table.loc[s, "n_facilities"] == 0:
            raise _refuse(
                "complete_sectors",
                s,
                "reports for a complete sector",
                f"no facility report for {s} in {coverage.year}: it cannot be declared complete",
            )
    rows = []
    base = {"province": coverage.province, "year": coverage.year, "unit": UNIT, "gwp": topdown.gwp}
    gwp_note = f"facility reports taken as {topdown.gwp} CO2e (the register records no GWP set)"
    for sector, rec in table.iterrows():
        n, facility, estimate = int(rec["n_facilities"]), float(rec["facility_tco2e"]), rec["estimate_tco2e"]
        why = None
        if sector in complete:
            why = f"the analyst declares the facility reports ({n}) complete for this sector"
        elif ABOVE in rec["flag"].split(";"):
            why = f"the facility reports ({n}) exceed the inventory value ({estimate:,.0f} t): it is too low"
        elif pd.isna(estimate) and n:
            why = f"partial: facility reports ({n}) and no inventory value for this sector (a lower bound)"
        if why is not None:
            rows.append(
                {
                    **base,
                    "sector": sector,
                    "gas": "CO2e",
                    "value": facility,
                    "source": f"{FACILITY_SOURCE}, {coverage.year}",
                    "notes": f"{why}; {gwp_note}",
                }
            )
            continue
        share = (
            f"facility reports cover {rec['coverage']:.0%}" if pd.notna(rec["coverage"]) else f"facility reports: {n}"
        )
        label = "estimate" if topdown.is_estimate else "official inventory"
        year_note = (
            f"; {label} of {topdown.inventory_year} used for {coverage.year}"
            if topdown.inventory_year != coverage.year
            else ""
        )
        for _, inv in topdown.table[topdown.table["sector"] == sector].iterrows():
            rows.append(
                {
                    **base,
                    "sector": sector,
                    "gas": inv["gas"],
                    "value": float(inv["emissions_tco2e"]),
                    "source": f"{ESTIMATE_SOURCE} ({topdown.source})",
                    "notes": f"{label} kept: {share}{year_note}",
                }
            )
    return pd.DataFrame(rows, columns=list(COLUMNS))
