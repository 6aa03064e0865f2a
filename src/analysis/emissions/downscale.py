"""Provisional province inventories from national sector figures and provincial proxies.

No official GHG inventory of Bà Rịa – Vũng Tàu (or of the other Southeast provinces) is public. This module
estimates one: each national sector total (:func:`analysis.emissions.national.national_sectors`) is
multiplied by the province's share of a documented proxy (:data:`SECTOR_PROXY`). Every number it produces
is an **indicative estimate — replace with the official inventory**, and says so in its ``notes``.

Inputs (``data/raw/southeast``, see ``SOURCES.csv``):

- ``southeast_drivers.csv`` (kind ``drivers``): population, GRDP, GRDP structure, thermal capacity and
  forest area of the six Southeast provinces; cited rows have ``is_estimate = no``, derived or assumed rows
  ``yes`` with the method in ``source``;
- ``national_proxies.csv``: the national denominators (GDP and its structure, thermal capacity, forest
  area, mining share); national population comes from Our World in Data.

Outputs: :func:`province_shares` (one row per sector: proxy, province and national values, share, notes),
:func:`downscale_inventory` (an ``inventory``-kind table), :func:`allocate_by_shares` (the vectorised
allocation) and :func:`validate_downscaling` (the estimate of TP. Hồ Chí Minh 2013 against its published
GPC inventory). The method and its numbers are in ``docs/downscaling.md``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis import paths
from analysis.data.kinds import validate_file
from analysis.data.provinces import get_registry
from analysis.errors import InputError, Issue
from analysis.emissions.national import national_sectors, national_totals

DRIVERS_FILE = paths.RAW_DIR / "southeast" / "southeast_drivers.csv"
NATIONAL_FILE = paths.RAW_DIR / "southeast" / "national_proxies.csv"
OWID_FILE = paths.RAW_DIR / "owid" / "owid_co2_vietnam_1990_2023.csv"
VALIDATION_FILE = paths.RAW_DIR / "national" / "provincial_inventories.csv"

ESTIMATE_LABEL = "indicative estimate — replace with the official inventory"

# Sector -> proxy. Each proxy is documented in docs/downscaling.md (why it, and its known bias).
SECTOR_PROXY = {
    "Energy|Power": "thermal_capacity",
    "Energy|Manufacturing and Construction": "grdp_industry_construction",
    "Energy|Transport": "grdp",
    "Energy|Residential and Commercial": "population",
    "Energy|Fugitive": "grdp_oil_gas_extraction",
    "IPPU": "grdp_industry_construction",
    "Agriculture": "grdp_agriculture",
    "LULUCF": "forest_area",
    "Waste": "population",
}

# GPC reporting categories of the HCMC 2013 inventory -> inventory sectors. GPC "stationary energy"
# includes grid electricity consumed in the city (scope 2); the downscaled inventory is territorial.
GPC_CATEGORIES = {
    "stationary energy": ("Energy|Power", "Energy|Manufacturing and Construction",
                          "Energy|Residential and Commercial", "Energy|Fugitive", "Energy|Other"),
    "transport": ("Energy|Transport",),
    "waste": ("Waste",),
    "other sources": ("IPPU", "Agriculture", "LULUCF"),
}


def load_drivers(path: Path | str = DRIVERS_FILE) -> pd.DataFrame:
    """The provincial driver table, validated (kind ``drivers``), canonical province names."""
    table = validate_file(path, "drivers")
    table["is_estimate"] = table["is_estimate"].isin(["yes", "true"])
    return table


def _national_proxies(path: Path | str = NATIONAL_FILE) -> pd.DataFrame:
    table = pd.read_csv(path, dtype={"year": int, "value": float, "variable": str})
    owid = pd.read_csv(OWID_FILE, usecols=["year", "population"]).dropna()
    pop = pd.DataFrame({"year": owid["year"].astype(int), "variable": "population", "value": owid["population"],
                        "unit": "persons", "source": "Our World in Data (owid/co2-data)", "is_estimate": "no"})
    return pd.concat([table, pop], ignore_index=True)


def _value(table: pd.DataFrame, variable: str, year: int, *, latest: bool = False) -> pd.Series | None:
    rows = table[(table["variable"] == variable) & (table["year"] == year)]
    if rows.empty and latest:
        rows = table[(table["variable"] == variable) & (table["year"] <= year)].sort_values("year").tail(1)
    return None if rows.empty else rows.iloc[0]


def _need(row, what: str, file: str, province: str, year: int):
    if row is None:
        raise InputError([Issue(file=file, column="variable", value=what, rule="proxy available",
                                message=f"no '{what}' for {province} in {year}: the proxy cannot be computed; "
                                        f"add the row (with its source) to the drivers file")])
    return row


def province_shares(province: str, year: int, *, drivers: pd.DataFrame | None = None,
                    drivers_file: Path | str = DRIVERS_FILE, national_file: Path | str = NATIONAL_FILE) -> pd.DataFrame:
    """The province's share of each national proxy in ``year``.

    Returns one row per proxy: proxy, province_value, national_value, share (0–1), is_estimate, notes.
    GRDP shares use ``grdp_share_national`` when the drivers give it, else GRDP / national GDP; sector GRDP
    shares scale that by the province's sector share over the national one. Missing forest area gives a
    share of 0 with a note ("not estimated"); a missing population or GRDP is an error.
    """
    reg = get_registry()
    name = reg.resolve(province)
    drivers = load_drivers(drivers_file) if drivers is None else drivers
    mine = drivers[drivers["province"] == name]
    national = _national_proxies(national_file)
    dfile, nfile = paths.relative_to_project(drivers_file), paths.relative_to_project(national_file)
    rows = []

    def add(proxy, pv, nv, share, est, note):
        rows.append({"proxy": proxy, "province_value": pv, "national_value": nv, "share": share,
                     "is_estimate": bool(est), "notes": note})

    pop = _need(_value(mine, "population", year), "population", dfile, name, year)
    npop = _need(_value(national, "population", year), "population", nfile, "Viet Nam", year)
    add("population", pop["value"], npop["value"], pop["value"] / npop["value"], pop["is_estimate"],
        f"population: {pop['source']}")
    given = _value(mine, "grdp_share_national", year)
    if given is not None:
        grdp_share, grdp_est, grdp_note = given["value"] / 100, True, f"GRDP share: {given['source']}"
        gv, nv = np.nan, np.nan
    else:
        grdp = _need(_value(mine, "grdp", year), "grdp", dfile, name, year)
        gdp = _need(_value(national, "gdp", year), "gdp", nfile, "Viet Nam", year)
        gv, nv = grdp["value"], gdp["value"]
        grdp_share, grdp_est, grdp_note = gv / nv, grdp["is_estimate"], f"GRDP: {grdp['source']}"
    add("grdp", gv, nv, grdp_share, grdp_est, grdp_note)
    for proxy, variable, nat_variable in (("grdp_industry_construction", "share_industry_construction",
                                           "share_industry_construction"),
                                          ("grdp_agriculture", "share_agriculture", "share_agriculture"),
                                          ("grdp_oil_gas_extraction", "share_oil_gas_extraction", "share_mining")):
        own = _value(mine, variable, year)
        nat = _need(_value(national, nat_variable, year, latest=True), nat_variable, nfile, "Viet Nam", year)
        if own is None and proxy == "grdp_oil_gas_extraction":
            add(proxy, 0.0, np.nan, 0.0, True, "assumption: no crude oil and gas extraction recorded in the province")
            continue
        own = _need(own, variable, dfile, name, year)
        share = grdp_share * own["value"] / nat["value"]
        note = (f"{variable} {own['value']:g}% of GRDP ({own['source']}) over national {nat_variable} "
                f"{nat['value']:g}% ({int(nat['year'])})")
        add(proxy, np.nan, np.nan, share, grdp_est or own["is_estimate"] or nat["year"] != year, note)
    for proxy in ("thermal_capacity", "forest_area"):
        own = _value(mine, proxy, year)
        nat = _value(national, proxy, year)
        if own is None or nat is None:
            add(proxy, np.nan, np.nan, 0.0, True, f"not estimated: no cited {proxy.replace('_', ' ')} for {year}")
            continue
        add(proxy, own["value"], nat["value"], own["value"] / nat["value"], own["is_estimate"],
            f"{proxy}: {own['source']} / national {nat['source']}")
    return pd.DataFrame(rows)


def allocate_by_shares(national: np.ndarray, shares: np.ndarray) -> np.ndarray:
    """Provincial emissions ``shares * national`` for (..., P, S) shares and (S,) national totals.

    When each sector's shares sum to 1 over the provinces, the provinces add up to the national totals.
    """
    return np.asarray(shares, dtype=float) * np.asarray(national, dtype=float)


def downscale_inventory(province: str, year: int, **kwargs) -> pd.DataFrame:
    """Estimated inventory of ``province`` in ``year`` (an ``inventory``-kind table, CO2e, t).

    Columns: province, year, sector, gas (``CO2e``), value, unit (``t CO2e``), gwp, source, notes, proxy,
    share, is_estimate (always True). Raises :class:`InputError` when the year has no national figures
    or a needed proxy is missing.
    """
    name = get_registry().resolve(province)
    nat = national_sectors(year)
    shares = province_shares(name, year, **kwargs).set_index("proxy")
    proxies = [SECTOR_PROXY[s] for s in nat["sector"]]
    share = shares.loc[proxies, "share"].to_numpy()
    values = allocate_by_shares(nat["emissions_tco2e"].to_numpy(), share) + 0.0  # + 0.0 turns −0.0 into 0.0
    notes = [f"{ESTIMATE_LABEL}; national {s} × {name}'s share of {p} ({sh:.4%}); {shares.loc[p, 'notes']}; "
             f"{n}" for s, p, sh, n in zip(nat["sector"], proxies, share, nat["notes"], strict=True)]
    return pd.DataFrame({
        "province": name, "year": int(year), "sector": nat["sector"], "gas": "CO2e", "value": values,
        "unit": "t CO2e", "gwp": nat["gwp"], "source": nat["source"], "notes": notes, "proxy": proxies,
        "share": share, "is_estimate": True,
    })


def _published_hcmc_2013(path: Path | str = VALIDATION_FILE) -> tuple[float, dict[str, float]]:
    table = pd.read_csv(path, dtype=str)
    rows = table[(table["province"] == "TP. Hồ Chí Minh") & (table["inventory_year"] == "2013")]
    total = float(rows[rows["indicator"] == "total GHG emissions"]["value"].iloc[0]) * 1e6
    shares = {ind.removeprefix("share: "): float(v) / 100 for ind, v in zip(rows["indicator"], rows["value"],
                                                                              strict=True) if ind.startswith("share: ")}
    return total, shares


def validate_downscaling(**kwargs) -> pd.DataFrame:
    """Downscaled TP. Hồ Chí Minh 2013 against its published GPC inventory (38.5 Mt CO2e).

    Returns one row per GPC category and a total: category, published_mtco2e, estimated_mtco2e,
    error_mtco2e (estimate − published), error_pct (of the published value).
    """
    total, shares = _published_hcmc_2013()
    estimate = downscale_inventory("TP. Hồ Chí Minh", 2013, **kwargs).set_index("sector")["value"]
    rows = []
    for category, sectors in GPC_CATEGORIES.items():
        est = float(estimate.reindex(list(sectors)).fillna(0.0).sum())
        rows.append({"category": category, "published_mtco2e": total * shares[category] / 1e6,
                     "estimated_mtco2e": est / 1e6})
    rows.append({"category": "total", "published_mtco2e": total / 1e6, "estimated_mtco2e": estimate.sum() / 1e6})
    out = pd.DataFrame(rows)
    out["error_mtco2e"] = out["estimated_mtco2e"] - out["published_mtco2e"]
    out["error_pct"] = 100 * out["error_mtco2e"] / out["published_mtco2e"]
    return out


def available_years() -> list[int]:
    """Years with national figures (the years :func:`downscale_inventory` accepts)."""
    return [int(y) for y in national_totals()["year"]]
