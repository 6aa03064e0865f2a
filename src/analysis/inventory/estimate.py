"""The reconciled inventory estimate of every province (63) or 2025 unit (34) for a year 2010–2023.

For each sector *s* and province *p*: ``E[p, s] = E_national[s] × share[p, s]``. The territorial principle (IPCC 2006
Vol. 1 ch. 1; the GPC's city boundary) puts a source in the province whose land or waters hold it; a source no
province holds (offshore oil and gas production) is on the national line :data:`NOT_ALLOCATED`, with its share
``u[s]``. The shares of a sector add up to exactly ``1 − u[s]`` over the 63 provinces (power: :mod:`.power`; the
other sectors: :mod:`.proxies`), so the provinces plus that line add up to the national figure of :mod:`.national`
in every sector and year. A 2025 unit is the sum of the provinces merged into it
(:meth:`analysis.data.provinces.Registry.unit`).

Output (:func:`estimate_inventory`), long format, one row per province and sector, in t CO2e:
``province, year, sector, gas, value, unit, gwp, source, notes, proxy, share, is_estimate, provenance`` —
``source`` is the national figure's source, ``notes`` the estimate label and the national method, ``proxy`` the
proxy key, ``share`` the province's share of the national sector, ``provenance`` which proxy, source and year made
the row (and any fallback). National rows have ``province`` = :data:`NATIONAL`; the line no province holds, one row per
sector (0 where every source lies in a province), ``province`` = :data:`NOT_ALLOCATED`.
:func:`coverage` lists, per province and sector, whether the proxy, a fallback or "no activity" was used.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from analysis.data.provinces import check_map, get_registry
from analysis.data.sectors import load_sectors
from analysis.inventory.national import national_keys, national_sectors
from analysis.inventory.power import power_allocation
from analysis.inventory.proxies import combine_shares, provinces, sector_proxies, unallocated_share, zero_weight

ESTIMATE_LABEL = "indicative estimate — replace with the official inventory"
NATIONAL = "Việt Nam"
NOT_ALLOCATED = "Không phân bổ cho tỉnh nào"  # the national line of sources no province holds (offshore production)
NATIONAL_ROWS = (NOT_ALLOCATED, NATIONAL)
TERRITORIAL = "every source of this sector lies in a province's land or waters (territorial principle)"
POWER_PROXY = "thermal_fleet_emissions"
POWER_FLEET = "thermal_fleet"  # the sectors table's proxy for the power sector (analysis.inventory.power)
COLUMNS = (
    "province",
    "year",
    "sector",
    "gas",
    "value",
    "unit",
    "gwp",
    "source",
    "notes",
    "proxy",
    "share",
    "is_estimate",
    "provenance",
)


def _sector_rows(sector: str, year: int, national: pd.Series) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Rows of one sector for the 63 provinces, its coverage rows, and its row of the line no province holds."""
    total = float(national["value"])
    unallocated, unallocated_note = 0.0, TERRITORIAL
    if load_sectors()[sector].proxy == POWER_FLEET:  # power: allocated unit by unit from the thermal fleet
        alloc = power_allocation(year, total)
        shares = alloc.set_index("province")["share"]
        provenance = alloc.set_index("province")["provenance"]
        fallback = pd.Series(False, index=provinces())
        zero = shares == 0
        proxy = pd.Series(POWER_PROXY, index=provinces())
        values = alloc.set_index("province")["value"]
    else:
        components = sector_proxies(sector, year)
        shares, fallback, provenance = combine_shares(components)
        unallocated, note = unallocated_share(components)
        unallocated_note = note or TERRITORIAL
        zero = zero_weight(components) | (shares == 0)
        proxy = pd.Series("+".join(c.name for _, c in components), index=provinces())
        values = shares * total
    rows = pd.DataFrame(
        {
            "province": provinces(),
            "year": int(year),
            "sector": sector,
            "gas": "CO2e",
            "value": values.reindex(provinces()).to_numpy() + 0.0,
            "unit": "t CO2e",
            "gwp": national["gwp"],
            "source": national["source"],
            "notes": f"{ESTIMATE_LABEL}; national {sector}: {national['method']}",
            "proxy": proxy.to_numpy(),
            "share": shares.reindex(provinces()).to_numpy(),
            "is_estimate": True,
            "provenance": provenance.reindex(provinces()).to_numpy(),
        }
    )
    status = pd.Series("proxy", index=provinces())
    status[zero.reindex(provinces()).fillna(False).astype(bool)] = "no activity"
    status[fallback.reindex(provinces()).astype(bool)] = "fallback"
    cover = pd.DataFrame(
        {
            "province": provinces(),
            "year": int(year),
            "sector": sector,
            "status": status.to_numpy(),
            "proxy": proxy.to_numpy(),
            "provenance": rows["provenance"].to_numpy(),
        }
    )
    line = {
        "province": NOT_ALLOCATED,
        "year": int(year),
        "sector": sector,
        "gas": "CO2e",
        "value": unallocated * total + 0.0,
        "unit": "t CO2e",
        "gwp": national["gwp"],
        "source": national["source"],
        "notes": f"{ESTIMATE_LABEL}; national {sector}: {national['method']}",
        "proxy": "not allocated to a province",
        "share": unallocated,
        "is_estimate": True,
        "provenance": unallocated_note,
    }
    return rows, cover, line


@lru_cache(maxsize=16)
def _provincial(year: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    national = national_sectors(year).set_index("sector")
    keys = national_keys()
    parts = [_sector_rows(s, year, national.loc[s]) for s in keys]
    rows = pd.concat([p[0] for p in parts], ignore_index=True)
    cover = pd.concat([p[1] for p in parts], ignore_index=True)
    line = pd.DataFrame([p[2] for p in parts], columns=list(COLUMNS))
    nat_rows = pd.DataFrame(
        {
            "province": NATIONAL,
            "year": int(year),
            "sector": list(keys),
            "gas": "CO2e",
            "value": national["value"].to_numpy(),
            "unit": "t CO2e",
            "gwp": national["gwp"].to_numpy(),
            "source": national["source"].to_numpy(),
            "notes": [f"{ESTIMATE_LABEL}; {n}" for n in national["notes"]],
            "proxy": "national total",
            "share": 1.0,
            "is_estimate": True,
            "provenance": national["method"].to_numpy(),
        }
    )
    return rows, cover, pd.concat([line, nat_rows], ignore_index=True)


@lru_cache(maxsize=16)
def _all_places(year: int, admin_map: int) -> pd.DataFrame:
    """Every place's rows and the national ones, on ``admin_map`` (the 34 units' sums made once per year, as the
    provinces' rows are by :func:`_provincial`); callers select from it and never change it."""
    rows, _, nat_rows = _provincial(year)
    table = pd.concat([rows, nat_rows], ignore_index=True)
    return aggregate_units(table) if admin_map == 2025 else table


def aggregate_units(table: pd.DataFrame) -> pd.DataFrame:
    """Sum provincial rows into the 34 units of July 2025 (sector by sector; the national rows and the line no
    province holds kept as they are)."""
    registry = get_registry()
    national = table["province"].isin(NATIONAL_ROWS)
    provincial = table[~national].copy()
    provincial["unit_2025"] = [registry.province(p).successor for p in provincial["province"]]
    rows = []
    for (unit, sector), group in provincial.groupby(["unit_2025", "sector"], sort=False):
        members = list(group["province"])
        first = group.iloc[0]
        merged = len(members) > 1
        rows.append(
            {
                "province": unit,
                "year": first["year"],
                "sector": sector,
                "gas": first["gas"],
                "value": group["value"].sum(),
                "unit": first["unit"],
                "gwp": first["gwp"],
                "source": first["source"],
                "notes": first["notes"],
                "proxy": "+".join(dict.fromkeys(group["proxy"])),
                "share": group["share"].sum(),
                "is_estimate": True,
                "provenance": (
                    "sum of the former provinces "
                    + ", ".join(members)
                    + ": "
                    + " | ".join(f"{m}: {t}" for m, t in zip(members, group["provenance"], strict=True))
                )
                if merged
                else first["provenance"],
            }
        )
    out = pd.DataFrame(rows, columns=list(COLUMNS))
    return pd.concat([out, table[national]], ignore_index=True)


def estimate_inventory(
    year: int,
    province: str | None = None,
    *,
    admin_map: int,
    include_national: bool | None = None,
) -> pd.DataFrame:
    """The estimated inventory of one province or unit, or of all, in ``year`` (see the module docstring).

    Parameters
    ----------
    year:
        2010–2023 (:func:`analysis.inventory.national.supported_years`); other years raise ``InputError``.
    province:
        ``None`` or ``"all"`` for every province (``admin_map=2024``, 63) or unit (``admin_map=2025``, 34); else any
        spelling of one province or unit (a pre-2025 name on the 2025 map gives the unit it joined).
    admin_map:
        2024 (63 provinces) or 2025 (34 units, each the sum of its former provinces); no default: the caller
        decides (the commands through :meth:`analysis.data.provinces.Registry.locate`).
    include_national:
        Add the national rows (``province`` = "Việt Nam") and the line no province holds (:data:`NOT_ALLOCATED`), so
        that the provinces and that line add up to the national rows; default: yes for all provinces, no for one.
    """
    admin_map = check_map(admin_map)
    everyone = province is None or str(province).strip().casefold() == "all"
    wanted = None if everyone else get_registry().resolve(province, admin_map=admin_map)
    table = _all_places(int(year), admin_map)
    if wanted is not None:
        table = table[table["province"].isin([wanted] + (list(NATIONAL_ROWS) if include_national else []))]
    elif include_national is False:
        table = table[~table["province"].isin(NATIONAL_ROWS)]
    return table.loc[:, list(COLUMNS)].reset_index(drop=True)


def coverage(year: int) -> pd.DataFrame:
    """Per province and sector of ``year``: status (``proxy``, ``fallback`` or ``no activity``), proxy, provenance."""
    return _provincial(int(year))[1].copy()


def province_totals(year: int, *, admin_map: int) -> pd.Series:
    """Net emissions (t CO2e, LULUCF included) by province or unit in ``year``."""
    table = estimate_inventory(year, admin_map=admin_map, include_national=False)
    return table.groupby("province")["value"].sum()
