"""Provincial inventory engine: a national, reconciled, validated estimate for the 63 provinces and 34 units.

Self-contained (reads ``data/raw`` only through :mod:`analysis.data`); computes, never plots. Public API:

- :func:`estimate_inventory` ``(year, province=None, *, admin_map, include_national=None)`` — long table
  ``province, year, sector, gas, value, unit, gwp, source, notes, proxy, share, is_estimate, provenance`` (t CO2e),
  with the national rows and the line :data:`NOT_ALLOCATED` (sources no province holds: offshore production);
- :func:`territorial_moves` ``(year, *, admin_map)`` — what the territorial rule moved off a province, by sector;
  :func:`reconciliation` ``(year, *, admin_map)`` — national = provinces + not allocated, by sector;
- :func:`coverage` ``(year)`` — per province and sector: ``proxy``, ``fallback`` or ``no activity``;
- :func:`national_sectors` ``(year)`` and :func:`supported_years` ``()`` — the national figures (2010–2023);
- :func:`validate_hcmc_2013` ``()`` — territorial and GPC BASIC views against the published inventory;
- :func:`thermal_fleet` ``(year)``, :func:`fleet_by_province` ``(year, *, admin_map)`` — the fleet and its physical
  maximum (the BAU check of issue 13); :func:`power_allocation` ``(year, national_power)``;
- :func:`population` ``(year, *, admin_map)`` — persons by province or unit (for per-person figures).

See ``docs/downscaling.md`` for the method per sector, the fallbacks and the validation numbers.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.provinces import check_map, get_registry
from analysis.inventory.estimate import (
    ESTIMATE_LABEL,
    NATIONAL,
    NOT_ALLOCATED,
    coverage,
    estimate_inventory,
    province_totals,
)
from analysis.inventory.fleet import fleet_by_province, load_fleet, thermal_fleet, unlocated_capacity
from analysis.inventory.national import check_year, national_sectors, supported_years
from analysis.inventory.power import power_allocation
from analysis.inventory.proxies import population as _population
from analysis.inventory.territory import reconciliation, territorial_moves
from analysis.inventory.validation import validate_hcmc_2013


def population(year: int, *, admin_map: int) -> pd.Series:
    """Average population (persons) by province (``admin_map=2024``) or 2025 unit (sum of its provinces) in
    ``year``; the nearest GSO year 2010–2016 is used outside that range."""
    values, _ = _population(check_year(year))
    if check_map(admin_map) == 2025:
        registry = get_registry()
        values = values.groupby([registry.province(p).successor for p in values.index]).sum()
    return values


__all__ = [
    "ESTIMATE_LABEL",
    "NATIONAL",
    "NOT_ALLOCATED",
    "coverage",
    "estimate_inventory",
    "fleet_by_province",
    "load_fleet",
    "national_sectors",
    "population",
    "power_allocation",
    "province_totals",
    "reconciliation",
    "supported_years",
    "territorial_moves",
    "thermal_fleet",
    "unlocated_capacity",
    "validate_hcmc_2013",
]
