"""What the territorial principle moved: sources a province was given by convention that lie in no province.

IPCC 2006 (Vol. 1, ch. 1) counts a nation's emissions on its territory and the offshore areas under its jurisdiction;
the GPC counts a source in a city only within its boundary. A Vietnamese province's land and waters do not hold the
offshore oil and gas fields (a province assigns sea areas only within 6 nautical miles, Decree 11/2021/NĐ-CP), so
their production is on the national line :data:`~analysis.inventory.estimate.NOT_ALLOCATED`. Until December 2026 the
offshore fields were attributed to their onshore base, Bà Rịa – Vũng Tàu, by convention; the rows of
``data/raw/inventory/fugitive_sites.csv`` that moved name that province in ``attributed_before``.

Output of :func:`territorial_moves`: one row per province (or 2025 unit) and sector that lost a source —
``province, sector, before_tco2e, after_tco2e, moved_tco2e, note`` — and :func:`reconciliation`: by sector, the
national figure, the sum of the provinces, the line no province holds and the difference (0 by construction).
"""

from __future__ import annotations

import pandas as pd

from analysis.data.factors import load_fugitive_sites
from analysis.data.provinces import check_map, get_registry
from analysis.inventory.estimate import NATIONAL, NOT_ALLOCATED, estimate_inventory
from analysis.inventory.proxies import factor

FUGITIVE = "Energy|Fugitive"


def _activity_share(activity: str) -> float:
    coal = factor("fugitive_share_coal")
    return coal if activity == "coal_mining" else 1 - coal


def territorial_moves(year: int, *, admin_map: int) -> pd.DataFrame:
    """What the territorial rule took off a province or unit in ``year`` (t CO2e): the offshore weights of the
    fugitive sites that named it before, × the national fugitive figure × the activity's half."""
    admin_map = check_map(admin_map)
    table = estimate_inventory(year, admin_map=admin_map)
    national = float(table.query("province == @NATIONAL and sector == @FUGITIVE")["value"].iloc[0])
    sites = load_fugitive_sites()
    moved = sites[(sites["location"] == "offshore") & sites["attributed_before"].notna()]
    registry = get_registry()
    rows = []
    for _, site in moved.iterrows():
        place = site["attributed_before"]
        if admin_map == 2025:
            place = registry.display_name(registry.province(place).successor)
        else:
            place = registry.display_name(place)
        amount = national * _activity_share(site["activity"]) * float(site["weight"])
        after = float(table.query("province == @place and sector == @FUGITIVE")["value"].sum())
        rows.append(
            {
                "province": place,
                "sector": FUGITIVE,
                "before_tco2e": after + amount,
                "after_tco2e": after,
                "moved_tco2e": amount,
                "note": f"offshore {site['activity'].replace('_', ' ')} production (weight {site['weight']:g} of the "
                f"activity, {site['basis']}), formerly attributed to {site['attributed_before']} as the onshore base; "
                "now on the national line not allocated to a province",
            }
        )
    columns = ["province", "sector", "before_tco2e", "after_tco2e", "moved_tco2e", "note"]
    out = pd.DataFrame(rows, columns=columns)
    return out.groupby(["province", "sector"], as_index=False).agg(
        before_tco2e=("before_tco2e", "max"),
        after_tco2e=("after_tco2e", "first"),
        moved_tco2e=("moved_tco2e", "sum"),
        note=("note", "; ".join),
    )


def reconciliation(year: int, *, admin_map: int = 2024) -> pd.DataFrame:
    """By sector (t CO2e): ``national``, ``provinces`` (sum of the 63 or 34), ``not_allocated`` and ``difference``
    (national − provinces − not allocated: zero up to rounding)."""
    table = estimate_inventory(year, admin_map=admin_map)
    national = table[table["province"] == NATIONAL].set_index("sector")["value"]
    line = table[table["province"] == NOT_ALLOCATED].set_index("sector")["value"]
    places = table[~table["province"].isin([NATIONAL, NOT_ALLOCATED])].groupby("sector")["value"].sum()
    out = pd.DataFrame({"national": national, "provinces": places, "not_allocated": line}).reindex(national.index)
    out["difference"] = out["national"] - out["provinces"] - out["not_allocated"]
    return out.rename_axis("sector").reset_index()
