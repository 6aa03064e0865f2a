"""Plausibility checks of a BAU, in numbers a report can word (``analysis.narrative.bau.describe_diagnostics``).

Input: a frozen :class:`~analysis.emissions.baseline.Baseline` and the provinces it is made of. Output:
:func:`check_bau` — one row per check: ``check, value, reference, ratio, flag, detail``:

- ``growth_vs_national``: the BAU's average annual growth of gross emissions from its base year to 2030 against the
  national BAU's (2014–2030, derived from Decision 896/QĐ-TTg; :mod:`analysis.emissions.national_bau`); flagged
  above 1.5×;
- ``doubling_year``: the first year net emissions reach twice the base year (NA when they do not by the end year);
- ``power_vs_fleet``: power emissions of the BAU in 2030 against what the province's thermal plants can emit at
  full load (8,760 h; :func:`analysis.inventory.fleet_by_province`); flagged above 1;
- ``per_person``: base-year net emissions per person against the national figure (the same population basis).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.emissions.baseline import Baseline

GROWTH_FLAG = 1.5  # the threshold: a BAU growing 1.5× as fast as the national BAU is flagged
CHECK_YEAR = 2030


def _cagr(first: float, last: float, years: int) -> float:
    return (last / first) ** (1 / years) - 1 if first > 0 and last > 0 and years > 0 else float("nan")


def _growth_row(baseline: Baseline) -> dict:
    from analysis.emissions.national_bau import BASE_YEAR, national_total_growth

    year = min(CHECK_YEAR, int(baseline.years[-1]))
    gross = baseline.gross()
    own = _cagr(gross[0], gross[baseline.year_index(year)], year - baseline.base_year)
    national = national_total_growth(BASE_YEAR, CHECK_YEAR)
    ratio = own / national if national > 0 else float("nan")
    return {
        "check": "growth_vs_national",
        "value": own,
        "reference": national,
        "ratio": ratio,
        "flag": bool(ratio > GROWTH_FLAG),
        "detail": f"{baseline.base_year}–{year} vs national {BASE_YEAR}–2030",
    }


def _doubling_row(baseline: Baseline) -> dict:
    net = baseline.net()
    hit = np.flatnonzero(net >= 2 * net[0]) if net[0] > 0 else np.array([], dtype=int)
    year = int(baseline.years[hit[0]]) if len(hit) else None
    return {
        "check": "doubling_year",
        "value": year,
        "reference": float(net[0]),
        "ratio": np.nan,
        "flag": bool(year is not None and year <= CHECK_YEAR),
        "detail": "first year with twice the base-year net",
    }


def _power_row(baseline: Baseline, provinces: tuple[str, ...]) -> dict:
    from analysis.inventory import fleet_by_province

    if "Energy|Power" not in baseline.sectors:
        return {
            "check": "power_vs_fleet",
            "value": np.nan,
            "reference": np.nan,
            "ratio": np.nan,
            "flag": False,
            "detail": "no power sector in the inventory",
        }
    year = min(CHECK_YEAR, int(baseline.years[-1]))
    power = float(baseline.emissions[baseline.sectors.index("Energy|Power"), baseline.year_index(year)])
    fleet = fleet_by_province(min(baseline.base_year, 2023), admin_map=2024)
    maximum = float(fleet[fleet["province"].isin(provinces)]["max_tco2"].sum())
    ratio = power / maximum if maximum > 0 else (np.inf if power > 0 else np.nan)
    return {
        "check": "power_vs_fleet",
        "value": power,
        "reference": maximum,
        "ratio": ratio,
        "flag": bool(ratio > 1),
        "detail": f"BAU power {year} vs the fleet at full load",
    }


def _per_person_row(baseline: Baseline, population: float | None) -> dict:
    """Net emissions per person in the base year, on the base-year population of the run's profiles (the one every
    report divides by), against the nation's in the same year (national total over Our World in Data's population)."""
    from analysis.data.raw import load_owid
    from analysis.inventory import national_sectors

    year = min(baseline.base_year, 2023)
    owid = load_owid().set_index("year")["population"]
    national = float(national_sectors(year)["value"].sum()) / float(owid[year]) if year in owid.index else np.nan
    own = float(baseline.net()[0]) / population if population else np.nan
    return {
        "check": "per_person",
        "value": own,
        "reference": national,
        "ratio": own / national if national else np.nan,
        "flag": False,
        "detail": f"t CO2e per person in {baseline.base_year} (population of the base year: the profiles' drivers)",
        "year": baseline.base_year,
    }


def check_bau(baseline: Baseline, provinces: tuple[str, ...], population: float | None = None) -> pd.DataFrame:
    """The plausibility checks of ``baseline`` (see module docstring); ``population`` is the base-year population
    (:func:`analysis.emissions.profile.base_year_population`)."""
    rows = [
        _growth_row(baseline),
        _doubling_row(baseline),
        _power_row(baseline, provinces),
        _per_person_row(baseline, population),
    ]
    return pd.DataFrame(rows)
