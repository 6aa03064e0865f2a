"""Like-for-like validation against the published TP. Hồ Chí Minh 2013 inventory (GPC, 38.5 Mt CO2e).

A city inventory under the GPC counts the grid electricity consumed in the city (scope 2) and leaves out the
generation it exports to the grid; the downscaled inventory counts what is released on the province's territory.
Two views of the same estimate are compared with the published categories (``national/provincial_inventories.csv``):

- **territorial**: the estimate as it is (stationary energy = power + manufacturing and construction + residential
  and commercial + fugitive);
- **GPC BASIC**: scope 1 without grid-supplied generation + scope 2 = electricity consumed × the official grid
  emission factor (``national/emission_factors.csv``; 2013 has none, the nearest year is used and said). The
  city's 2013 consumption is derived from two cited VNA figures (``inventory/electricity_facts.csv``): 519.78
  million kWh saved = 2.7 % of its commercial electricity. The published total includes 3 % "other sources"
  (IPPU, agriculture, land use), so the view keeps them to compare like for like.

Output of :func:`validate_hcmc_2013`: view, category, published_mtco2e, estimated_mtco2e, error_mtco2e, error_pct.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.factors import load_electricity_facts
from analysis.data.national import load_grid_factors, load_provincial_inventories, number
from analysis.data.sectors import load_sectors
from analysis.inventory.estimate import POWER_FLEET, estimate_inventory
from analysis.inventory.national import national_keys
from analysis.units import T_PER_MT

CITY = "TP. Hồ Chí Minh"
YEAR = 2013
# The published categories (Thanh Niên 26/10/2017) as GPC sectors; the sectors of each come from the sectors table.
PUBLISHED = {
    "stationary energy": ("Stationary Energy",),
    "transport": ("Transportation",),
    "waste": ("Waste",),
    "other sources": ("IPPU", "AFOLU"),
}
VIEWS = ("territorial", "gpc_basic")


def categories() -> dict[str, dict[str, tuple[str, ...]]]:
    """``{category: {view: members}}``: the estimated sectors of each published category (by their GPC sector in
    the sectors table); the GPC BASIC view leaves out grid-supplied generation (the sector the thermal fleet
    allocates) and counts the city's scope-2 electricity instead."""
    table = load_sectors()
    out = {}
    for category, gpc in PUBLISHED.items():
        territorial = tuple(k for k in national_keys() if table[k].gpc_sector in gpc)
        basic = tuple(k for k in territorial if table[k].proxy != POWER_FLEET)
        out[category] = {
            "territorial": territorial,
            "gpc_basic": basic + (("scope 2",) if category == "stationary energy" else ()),
        }
    return out


def published_hcmc_2013() -> tuple[float, dict[str, float]]:
    """The published total (t CO2e) and its category shares (0–1)."""
    table = load_provincial_inventories()
    rows = table[(table["province"] == CITY) & (table["inventory_year"] == str(YEAR))]
    total = number(table, rows.index[rows["indicator"] == "total GHG emissions"][0]) * T_PER_MT
    shares = {
        r["indicator"].removeprefix("share: "): number(table, i) / 100
        for i, r in rows.iterrows()
        if r["indicator"].startswith("share: ")
    }
    return total, shares


def electricity_consumption(province: str = CITY, year: int = YEAR) -> tuple[float, str]:
    """Electricity consumed (MWh) derived from the cited savings and their share, and how it was derived."""
    facts = load_electricity_facts()
    rows = facts[(facts["province"] == province) & (facts["year"] == int(year))].set_index("indicator")
    saved = rows.loc["electricity saved", "value"]  # million kWh
    share = rows.loc["electricity saved as a share of commercial electricity", "value"] / 100
    mwh = saved * 1e6 / share / 1e3
    sources = "; ".join(dict.fromkeys(rows["source"]))
    note = (
        f"derived: {saved:g} million kWh saved = {share:.1%} of commercial electricity → {mwh / 1e6:.2f} TWh "
        f"({sources})"
    )
    return mwh, note


def grid_factor(year: int) -> tuple[float, str]:
    """The official grid emission factor of ``year`` (t CO2/MWh), else the nearest official year (said)."""
    factors = load_grid_factors()
    row = factors.iloc[(factors["year"] - int(year)).abs().argsort().iloc[0]]
    used = int(row["year"])
    note = f"official grid emission factor {used} (DCC)" + ("" if used == int(year) else f", nearest to {year}")
    return float(row["tco2_per_mwh"]), note


def scope2(province: str = CITY, year: int = YEAR) -> tuple[float, str]:
    """Scope-2 emissions of the city (t CO2e) and how they were computed."""
    mwh, consumption_note = electricity_consumption(province, year)
    ef, ef_note = grid_factor(year)
    return mwh * ef, f"{mwh / 1e6:.2f} TWh × {ef:.4f} t CO2/MWh ({ef_note}); consumption {consumption_note}"


def validate_hcmc_2013() -> pd.DataFrame:
    """Both views of the TP. Hồ Chí Minh 2013 estimate against the published inventory, per category and total."""
    total, shares = published_hcmc_2013()
    estimate = estimate_inventory(YEAR, CITY, admin_map=2024).set_index("sector")["value"].to_dict()
    estimate["scope 2"], _ = scope2()
    rows = []
    for view in VIEWS:
        for category, members in categories().items():
            rows.append(
                {
                    "view": view,
                    "category": category,
                    "published_mtco2e": total * shares[category] / T_PER_MT,
                    "estimated_mtco2e": sum(estimate[m] for m in members[view]) / T_PER_MT,
                }
            )
        est_total = sum(r["estimated_mtco2e"] for r in rows if r["view"] == view)
        rows.append(
            {"view": view, "category": "total", "published_mtco2e": total / T_PER_MT, "estimated_mtco2e": est_total}
        )
    out = pd.DataFrame(rows)
    out["error_mtco2e"] = out["estimated_mtco2e"] - out["published_mtco2e"]
    out["error_pct"] = 100 * out["error_mtco2e"] / out["published_mtco2e"]
    return out


# The published figures a downscaled estimate can be held against (issue 21, point 7), each on its own basis.
ENERGY_METRIC, ENERGY_YEAR = "energy-related GHG emissions", 2021  # the 259 Mt quoted beside the master plan


def _bound(indicator: str, note: str) -> str:
    """``lower bound`` when the source prints "over …" (trên …), else ``reported``."""
    return "lower bound" if "over" in f"{indicator} {note}".lower() else "reported"


def published_comparison(validation: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every published total the estimate can be compared with, in both views where the data allow.

    One row per published figure: ``place, year, published_mt, bound`` (``reported``, or ``lower bound`` for a
    figure printed as "over …"), ``method`` (as the source states it, or "not stated"), ``source``, ``territorial_mt``
    (the estimate for that place and year, 2024 map, net of land use as the published figure is), ``gpc_mt`` (the
    GPC BASIC view, only where a cited electricity consumption exists; else ``None`` with ``gpc_note`` saying why),
    and the differences in percent of the published figure. TP. Hồ Chí Minh 2013 (GPC, JICA), 2019 and 2022 (the
    Institute for Environment and Resources, "over 58" and "over 60 million tonnes", method not stated); the nation's
    energy emissions of 2021 against the 259 Mt quoted beside the energy master plan (``national/ndc_targets.csv``).
    ``validation``: :func:`validate_hcmc_2013` when the caller has it already (its 2013 rows are not computed again).
    """
    from analysis.data.national import load_ndc_targets
    from analysis.inventory.national import national_sectors

    table = load_provincial_inventories()
    totals = table[table["indicator"].str.contains("total", case=False)]
    facts = load_electricity_facts()
    consumption_years = set(facts.loc[facts["province"] == CITY, "year"])
    validation = validate_hcmc_2013() if validation is None else validation
    view_totals = validation[validation["category"] == "total"].set_index("view")["estimated_mtco2e"]
    rows = []
    for i, r in totals.iterrows():
        if r["province"] != CITY:
            continue
        year = int(r["inventory_year"])
        published = number(table, i)
        if year == YEAR:  # both views from the like-for-like validation
            territorial, gpc, gpc_note = float(view_totals["territorial"]), float(view_totals["gpc_basic"]), ""
        else:
            territorial = float(estimate_inventory(year, CITY, admin_map=2024)["value"].sum()) / T_PER_MT
            why = "consumption cited but the GPC view is built for 2013 only" if year in consumption_years else ""
            gpc, gpc_note = None, why or f"no cited electricity consumption of the city in {year}"
        method = str(r["method"])
        rows.append(
            {
                "place": CITY,
                "year": year,
                "published_mt": published,
                "bound": _bound(str(r["indicator"]), str(r["note"])),
                "method": "not stated" if method.lower().startswith("not stated") else method,
                "source": str(r["source"]),
                "territorial_mt": territorial,
                "gpc_mt": gpc,
                "gpc_note": gpc_note,
            }
        )
    ndc = load_ndc_targets()
    hit = ndc[ndc["metric"].str.startswith(ENERGY_METRIC) & (ndc["target_year"].astype(str) == str(ENERGY_YEAR))]
    if not hit.empty:
        row = hit.iloc[0]
        year = int(row["target_year"])
        sectors = national_sectors(year)
        energy = load_sectors()
        value = sum(v for s, v in zip(sectors["sector"], sectors["value"], strict=True) if energy[s].energy)
        rows.append(
            {
                "place": "Việt Nam",
                "year": year,
                "published_mt": number(ndc, hit.index[0]),
                "bound": "reported",
                "method": "energy sector only; original source not found",
                "source": str(row["source"]),
                "territorial_mt": value / T_PER_MT,
                "gpc_mt": None,
                "gpc_note": "a national total has no GPC view",
            }
        )
    out = pd.DataFrame(rows)
    out["territorial_diff_pct"] = 100 * (out["territorial_mt"] / out["published_mt"] - 1)
    out["gpc_diff_pct"] = [
        None if g is None else 100 * (g / p - 1) for g, p in zip(out["gpc_mt"], out["published_mt"], strict=True)
    ]
    return out
