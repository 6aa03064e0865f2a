"""Provincial activity proxies by sector (all but power, which follows the plant fleet: :mod:`.power`).

Inputs: the GSO provincial tables 2010–2016 and FDI 2016 (``data/raw/provinces63``), the Tier-1 factors and
weights and the fugitive sites (``data/raw/inventory``), all through :mod:`analysis.data`.

Each sector has one or more :class:`Proxy` components with a weight in the sector (:func:`sector_proxies`):

- agriculture: rice CH4 (paddy area) + enteric and manure CH4 (buffaloes, cattle, pigs, poultry), IPCC Tier 1;
- LULUCF: natural + planted forest area (weights per hectare); fallback forestry land 2015, else zero (labelled);
- residential and commercial: urban and rural population (urban weighted);
- waste: municipal solid waste collected (½) + urban population (½);
- transport: road freight carried (½) + road passengers carried (½);
- manufacturing and construction, IPPU: FDI registered capital (end 2016), moved to earlier years by the
  province's industrial production index; fallback labour force (Điện Biên has no FDI row);
- fugitive: coal-mining provinces (½) + oil-and-gas sites (½); zero elsewhere, labelled. Offshore production lies in
  no province: its weight is the component's ``unallocated`` share (the national line "not allocated to a province").

A variable is read for the requested year, else the nearest year the province has (carried, said in the
provenance). Weights only set shares; the national total of each sector is fixed by :mod:`.national`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.data.factors import load_fugitive_sites, load_tier1_factors
from analysis.data.provenance import raw_label
from analysis.data.provinces import get_registry
from analysis.data.provinces63 import load_fdi, load_gso_proxies
from analysis.data.sectors import load_sectors
from analysis.errors import InputError, Issue

GSO = "GSO provincial tables (data/raw/provinces63/gso_proxies_2010_2016.csv)"
ANIMALS = ("buffaloes", "cattle", "pigs", "poultry")
_FACTOR_ANIMAL = {"buffaloes": "buffalo", "cattle": "cattle", "pigs": "pigs", "poultry": "poultry"}


@dataclass(frozen=True)
class Proxy:
    """One proxy of a sector: weights by province (NaN = missing) and the fallback used where it is missing.

    ``unallocated`` is the part of the component that lies in no province (offshore production), 0–1; the provinces
    share the rest. ``unallocated_note`` says what it is and where it comes from.
    """

    name: str
    weights: pd.Series
    provenance: pd.Series
    fallback: pd.Series | None = None
    fallback_name: str = ""
    unallocated: float = 0.0
    unallocated_note: str = ""


def provinces() -> list[str]:
    """The 63 canonical province names, in registry order."""
    return [p.name for p in get_registry().provinces]


def factor(name: str) -> float:
    """A value of ``data/raw/inventory/tier1_factors.csv``."""
    return float(load_tier1_factors().loc[name, "value"])


@lru_cache(maxsize=64)
def gso_series(variable: str, year: int) -> tuple[pd.Series, pd.Series]:
    """``variable`` by province for ``year``, else the province's nearest year (ties: the earlier one).

    Returns (values, years used), both indexed by the 63 provinces; NaN where the province has no value at all.
    """
    table = load_gso_proxies()
    rows = table[table["variable"] == variable].copy()
    rows["distance"] = (rows["year"] - int(year)).abs()
    best = rows.sort_values(["province", "distance", "year"]).drop_duplicates("province").set_index("province")
    return best["value"].reindex(provinces()), best["year"].reindex(provinces())


def _years_text(years: pd.Series, year: int) -> pd.Series:
    def one(y):
        if pd.isna(y):
            return "no value"
        return f"{int(y)}" if int(y) == int(year) else f"{int(y)} carried to {year}"

    return years.map(one)


def agriculture_components(year: int) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Tier-1 CH4 weights by province (t CH4): rice (paddy area × EF × days), livestock ((enteric + manure) ×
    heads), and the GSO years used."""
    area, area_years = gso_series("paddy_planted_area", year)
    rice = area * 1000 * factor("rice_ch4_per_ha_day") * factor("rice_cultivation_days") / 1000
    livestock = pd.Series(0.0, index=rice.index)
    for animal in ANIMALS:
        heads, _ = gso_series(animal, year)
        key = _FACTOR_ANIMAL[animal]
        livestock = livestock + heads * 1000 * (factor(f"enteric_ch4_{key}") + factor(f"manure_ch4_{key}")) / 1000
    return rice, livestock, area_years


def agriculture(year: int) -> list[tuple[float, Proxy]]:
    """Tier-1 CH4 weights: rice (paddy area × EF × days) + (enteric + manure) × heads, t CH4."""
    rice, livestock, area_years = agriculture_components(year)
    weight = rice + livestock
    text = (
        "rice CH4 from paddy planted area + enteric and manure CH4 of buffaloes, cattle, pigs and poultry, "
        f"IPCC 2006 Tier 1 ({raw_label('tier1_factors')}); {GSO}, year " + _years_text(area_years, year)
    )
    return [(1.0, Proxy("paddy_area_and_livestock_tier1", weight, text))]


def lulucf(year: int) -> list[tuple[float, Proxy]]:
    """Forest area (thousand ha): natural (total − planted where natural is not printed) and planted, weighted."""
    total, years = gso_series("forest_area_total", year)
    planted, _ = gso_series("forest_area_planted", year)
    natural, _ = gso_series("forest_area_natural", year)
    natural = natural.fillna(total - planted)
    weight = factor("forest_weight_natural") * natural + factor("forest_weight_planted") * planted
    land, land_years = gso_series("land_forestry", year)
    fallback = land.fillna(0.0)
    text = f"natural and planted forest area, {GSO}, year " + _years_text(years, year)
    return [
        (
            1.0,
            Proxy(
                "forest_area_natural_planted",
                weight,
                text,
                fallback,
                "forestry land 2015 (GSO land use), else none: GSO prints no forest ('..')",
            ),
        )
    ]


def buildings(year: int) -> list[tuple[float, Proxy]]:
    """Urban and rural population, an urban resident weighted :data:`buildings_weight_urban` times."""
    urban, years = gso_series("population_avg_urban", year)
    rural, _ = gso_series("population_avg_rural", year)
    weight = factor("buildings_weight_urban") * urban + factor("buildings_weight_rural") * rural
    text = f"urban (×{factor('buildings_weight_urban'):g}) and rural population, {GSO}, year " + _years_text(
        years, year
    )
    return [(1.0, Proxy("urban_rural_population", weight, text))]


def waste(year: int) -> list[tuple[float, Proxy]]:
    """Municipal solid waste collected per day and urban population."""
    msw, msw_years = gso_series("msw_collected_per_day", year)
    urban, years = gso_series("population_avg_urban", year)
    solid = factor("waste_share_solid")
    return [
        (
            solid,
            Proxy(
                "msw_collected",
                msw,
                f"municipal solid waste collected per day, {GSO}, year " + _years_text(msw_years, year),
            ),
        ),
        (1 - solid, Proxy("urban_population", urban, f"urban population, {GSO}, year " + _years_text(years, year))),
    ]


def transport(year: int) -> list[tuple[float, Proxy]]:
    """Road freight carried (tonnes) and road passengers carried."""
    freight, f_years = gso_series("road_freight_carried", year)
    passengers, p_years = gso_series("road_passengers_carried", year)
    share = factor("transport_share_freight")
    return [
        (share, Proxy("road_freight", freight, f"road freight carried, {GSO}, year " + _years_text(f_years, year))),
        (
            1 - share,
            Proxy("road_passengers", passengers, f"road passengers carried, {GSO}, year " + _years_text(p_years, year)),
        ),
    ]


@lru_cache(maxsize=32)
def industry(year: int) -> list[tuple[float, Proxy]]:
    """FDI registered capital at end 2016 (a rough proxy of industrial activity — GRDP by province was not
    found), moved back to ``year`` by dividing by the province's industrial production index of each later year
    (2012–2016, previous year = 100); 2010 carries 2011; years after 2016 carry 2016."""
    fdi = load_fdi()
    capital = fdi[fdi["variable"] == "fdi_registered_capital_cumulative"].set_index("province")["value"]
    level = capital.reindex(provinces())
    target = min(max(int(year), 2011), 2016)
    for y in range(2016, target, -1):
        index, used = gso_series("industrial_production_index", y)
        level = level / (index.where(used == y) / 100)
    labour, l_years = gso_series("labour_force_15plus", year)
    moved = "" if target == 2016 else f", moved back to {target} by the industrial production index 2016→{target + 1}"
    carried = "" if target == int(year) else f" ({target} carried to {year})"
    text = pd.Series(
        f"FDI registered capital at 31-12-2016 (GSO, data/raw/provinces63/gso_fdi_by_province_2016.csv; "
        f"rough proxy of industrial activity){moved}{carried}",
        index=provinces(),
    )
    return [
        (
            1.0,
            Proxy(
                "fdi_capital_industrial_index",
                level,
                text,
                labour,
                "labour force aged 15+ (GSO), year " + l_years.map(lambda y: str(int(y))).iloc[0],
            ),
        )
    ]


def fugitive(year: int) -> list[tuple[float, Proxy]]:
    """Listed coal-mining and oil-and-gas sites with their weights; zero (labelled) elsewhere. Offshore rows (no
    province) are the component's unallocated share: they stay off every province (territorial principle)."""
    sites = load_fugitive_sites()
    coal = factor("fugitive_share_coal")
    out = []
    for activity, alpha, label in (("coal_mining", coal, "coal mining"), ("oil_gas", 1 - coal, "oil and gas")):
        mine = sites[sites["activity"] == activity]
        offshore = mine[mine["location"] == "offshore"]
        rows = mine[mine["location"] != "offshore"].set_index("province")
        unallocated = float(offshore["weight"].sum())
        weight = rows["weight"].reindex(provinces()).fillna(0.0)
        text = pd.Series(f"no {label} site listed (data/raw/inventory/fugitive_sites.csv)", index=provinces())
        for p, r in rows.iterrows():
            text[p] = f"{label} site, weight {r['weight']:g} ({r['basis']}: {r['source']})"
        note = "; ".join(
            f"offshore {label}, weight {r['weight']:g} of the {label} half ({r['basis']}: {r['source']})"
            for _, r in offshore.iterrows()
        )
        out.append((alpha, Proxy(f"{activity}_sites", weight, text, unallocated=unallocated, unallocated_note=note)))
    return out


# The proxies a sector can name in the sectors table (``data/raw/project/sectors.csv``, column ``proxy``); the power
# sector's ``thermal_fleet`` is allocated unit by unit in :mod:`.power`.
PROXIES = {
    "industry": industry,
    "transport": transport,
    "buildings": buildings,
    "fugitive": fugitive,
    "agriculture": agriculture,
    "lulucf": lulucf,
    "waste": waste,
}


def sector_proxies(sector: str, year: int) -> list[tuple[float, Proxy]]:
    """The weighted proxy components of ``sector`` in ``year`` (component weights add up to 1), by the proxy the
    sectors table names for it; a proxy that is not one of :data:`PROXIES` is an error naming the table's row."""
    table = load_sectors()
    name = table[sector].proxy
    if name not in PROXIES:
        raise InputError(
            [
                Issue(
                    file=table.file,
                    row=table[sector].row,
                    column="proxy",
                    value=name,
                    rule="known proxy",
                    message=f"sector '{sector}' names the proxy '{name}', which is not one of: "
                    f"{', '.join(PROXIES)} (or thermal_fleet for power)",
                )
            ]
        )
    return PROXIES[name](int(year))


def population(year: int) -> tuple[pd.Series, pd.Series]:
    """Average population (persons) by province in ``year`` (nearest GSO year) and the years used."""
    values, years = gso_series("population_avg", year)
    return values * 1000, years


def combine_shares(components: list[tuple[float, Proxy]]) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Shares of a sector by province from its components: (shares, is_fallback, provenance).

    Within a component a province without a value takes its share of the fallback proxy, and the provinces with a
    value share the rest in proportion to their weights — so every component's shares add up to 1 less its
    unallocated part (:attr:`Proxy.unallocated`, held by no province), and the sector's to 1 less
    :func:`unallocated_share`. A component whose weights are all zero contributes nothing (never happens with
    shipped data).
    """
    total = pd.Series(0.0, index=provinces())
    fallback_mask = pd.Series(False, index=provinces())
    texts = []
    for alpha, proxy in components:
        w = proxy.weights.reindex(provinces())
        missing = w.isna()
        shares = pd.Series(0.0, index=provinces())
        if missing.any():
            fb = proxy.fallback.reindex(provinces()).fillna(0.0)
            shares[missing] = fb[missing] / fb.sum() if fb.sum() > 0 else 0.0
        present = w[~missing]
        if present.sum() > 0:
            shares[~missing] = present / present.sum() * (1 - shares[missing].sum())
        total += alpha * (1 - proxy.unallocated) * shares
        fallback_mask |= missing
        prov = proxy.provenance.reindex(provinces()).astype(object)
        prov[missing] = "no value; fallback: " + proxy.fallback_name
        texts.append((f"{alpha:.0%} " if alpha < 1 else "") + prov)
    provenance = texts[0] if len(texts) == 1 else texts[0].str.cat(texts[1:], sep=" + ")
    return total, fallback_mask, provenance


def unallocated_share(components: list[tuple[float, Proxy]]) -> tuple[float, str]:
    """The part of a sector no province holds (offshore production: 0 for every sector but fugitive emissions) and
    what it is, from its components."""
    share = sum(alpha * proxy.unallocated for alpha, proxy in components)
    note = "; ".join(f"{alpha:.0%} {p.unallocated_note}" for alpha, p in components if p.unallocated)
    return float(share), note


def zero_weight(components: list[tuple[float, Proxy]]) -> pd.Series:
    """True where every component gives the province a zero weight (no activity of that kind)."""
    zero = pd.Series(True, index=provinces())
    for _, proxy in components:
        w = proxy.weights.reindex(provinces())
        zero &= w.fillna(np.inf) == 0
    return zero
