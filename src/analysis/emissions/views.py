"""Two views of a place's emissions: **territorial** and **GPC BASIC** (issue 21, point 3; docs/views.md).

- ``territorial``: what is released on the province's territory (the inventory, BAU and pathways as built);
- ``gpc``: the GPC BASIC view of a city inventory — scope 1 without grid-supplied electricity generation, plus
  scope 2 = the electricity consumed in the province × the official grid emission factor. The row
  ``Energy|Power`` (:data:`GRID`), which holds the grid-supplied generation in the territorial view, holds scope 2 in
  the GPC view; every other row is the same. So, per year::

      GPC = territorial − grid-supplied generation in the province + consumption × grid factor

Electricity consumed by province (:func:`consumption_shares`, :func:`scope2_path`) is a **proxy**: no provincial
commercial electricity was found. The nation's commercial electricity of 2023 (EVN, 253.05 billion kWh,
``national/electricity_sales.csv``) is split by EVN's customer categories (industry and construction 54.9 %,
agriculture 2.9 %, trade–hotels–restaurants 5.2 %, management and residential 32.5 %, the rest 4.5 % put with
the last two: January–April 2017, applied to 2023 — an assumption) and each category is allocated to the
63 provinces by the inventory's own proxy of the matching sector (:mod:`analysis.inventory.proxies`: FDI capital
and industrial production for industry, the paddy and livestock proxy for agriculture, the urban-weighted
population for the other two). A 2025 unit's consumption is the sum of its 2024 provinces'.

BAU of consumption: each category grows with the BAU activity of the sector that allocates it (industry with
``Energy|Manufacturing and Construction``, agriculture with ``Agriculture``, the rest with
``Energy|Residential and Commercial``) — the province's own BAU drivers, labelled as such. Grid factor: the official
DCC factor of each year (``national/emission_factors.csv``), held at the latest official one (2023) after it — an
assumption (PDP8's cleaner mix is not in the BAU factor), said in every note.

Measures (:func:`scenario_set_for_view`): in the GPC view a measure acts on the scope-2 row only when it declares
``scope2: true`` (an electricity-use measure: efficiency, rooftop solar; or a national power-sector cut that lowers
the grid factor); a measure naming ``Energy|Power`` without it acts on generation in the province, which the GPC
view does not count, so it has no effect there.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.emissions.baseline import Baseline, BauInputs, driver_index_from_growth
from analysis.emissions.profile import NO_DRIVER
from analysis.emissions.scenarios import Scenario, ScenarioSet
from analysis.errors import InputError, Issue

VIEWS = ("territorial", "gpc")
GRID = "Energy|Power"
SCOPE2_VARIABLE = "Emissions|Kyoto Gases|Energy|Scope 2 Electricity"  # the grid row's IAMC variable in the GPC view
NATIONAL = "commercial electricity"
SHARE = "share of commercial electricity: "
# EVN customer category -> (the inventory proxy that allocates it, the BAU sector whose activity it follows)
CATEGORIES = {
    "industry and construction": ("industry", "Energy|Manufacturing and Construction"),
    "agriculture": ("agriculture", "Agriculture"),
    "trade, hotels and restaurants": ("buildings", "Energy|Residential and Commercial"),
    "management and residential": ("buildings", "Energy|Residential and Commercial"),
}
RESIDUAL = "management and residential"  # the category the unlisted rest ("other") is put with
FACTOR_HELD = "held at the latest official factor after it (an assumption: PDP8's cleaner mix is not in it)"
PROXY_LABEL = "proxy"


def check_view(view: str, where: str = "parameters") -> str:
    """``view`` when it is one of :data:`VIEWS`; else an error naming where it came from."""
    if view not in VIEWS:
        raise InputError(
            [
                Issue(
                    file=where,
                    column="view",
                    value=view,
                    rule="known view",
                    message=f"view '{view}' is not one of: {', '.join(VIEWS)}",
                )
            ]
        )
    return view


# -- electricity consumed -----------------------------------------------------------------------------------------
def sales_years() -> list[int]:
    """The years with a cited national commercial electricity (the years the GPC view of an inventory exists)."""
    from analysis.data.factors import load_electricity_sales

    table = load_electricity_sales()
    return sorted(int(y) for y in table.loc[table["indicator"] == NATIONAL, "year"])


def _sales(year: int | None = None) -> tuple[int, float, dict[str, float], str, pd.DataFrame]:
    """``(year, national MWh, {category: share 0–1}, sources, table)`` from ``national/electricity_sales.csv``
    (``year``: that year's national total, else the latest; a year without one is an error naming the file)."""
    from analysis.data.factors import load_electricity_sales

    table = load_electricity_sales()
    file = table.attrs["file"]
    totals = table[table["indicator"] == NATIONAL]
    if totals.empty:
        raise InputError(
            [
                Issue(
                    file=file,
                    column="indicator",
                    value=NATIONAL,
                    rule="national total present",
                    message=f"no '{NATIONAL}' row: the GPC view needs the nation's commercial electricity",
                )
            ]
        )
    if year is not None and int(year) not in set(totals["year"]):
        raise InputError(
            [
                Issue(
                    file=file,
                    column="year",
                    value=int(year),
                    rule="national total of the year",
                    message=f"no cited national commercial electricity for {year} (years: "
                    f"{', '.join(str(y) for y in sorted(totals['year']))}): the GPC view of that year is missing, "
                    f"not estimated",
                )
            ]
        )
    latest = totals.loc[totals["year"].idxmax()] if year is None else totals[totals["year"] == int(year)].iloc[0]
    shares = {}
    for category in CATEGORIES:
        rows = table[table["indicator"] == SHARE + category]
        if rows.empty:
            raise InputError(
                [
                    Issue(
                        file=file,
                        column="indicator",
                        value=SHARE + category,
                        rule="category share present",
                        message=f"no '{SHARE}{category}' row (the split of the national total by customer category)",
                    )
                ]
            )
        shares[category] = float(rows.loc[rows["year"].idxmax(), "value"]) / 100
    listed = sum(shares.values())
    if listed > 1 + 1e-9:
        bad = table[table["indicator"].str.startswith(SHARE)]
        raise InputError(
            [
                Issue(
                    file=file,
                    row=int(bad["__row__"].iloc[-1]) if "__row__" in bad else None,
                    column="value",
                    value=f"{100 * listed:g}",
                    rule="shares add up to at most 100 %",
                    message=f"the category shares add up to {100 * listed:g} %, more than 100 %",
                )
            ]
        )
    shares[RESIDUAL] += 1 - listed
    used = table[(table["year"] == latest["year"]) | table["indicator"].str.startswith(SHARE)]
    sources = "; ".join(dict.fromkeys(used["source"]))
    return int(latest["year"]), float(latest["value"]) * 1e6, shares, sources, table  # billion kWh -> MWh


@lru_cache(maxsize=4)
def consumption_shares(year: int | None = None) -> tuple[int, pd.DataFrame, str]:
    """``(year, table, method)``: each 2024 province's electricity consumed in the sales year by category (MWh;
    columns = :data:`CATEGORIES`), a PROXY (national total × category share × the province's share of the
    category's proxy), and the method in words."""
    from analysis.inventory.proxies import PROXIES, combine_shares

    year, national, shares, sources, _ = _sales(year)
    columns = {}
    for category, (proxy, _) in CATEGORIES.items():
        province_share, _, _ = combine_shares(PROXIES[proxy](year))
        columns[category] = national * shares[category] * province_share / province_share.sum()
    split = ", ".join(f"{c} {100 * s:.1f} %" for c, s in shares.items())
    method = (
        f"{PROXY_LABEL}: the nation's commercial electricity of {year} ({national / 1e6:,.2f} TWh) split by EVN's "
        f"customer categories ({split}; EVN's January–April 2017 split applied to {year}, the unlisted rest with management and "
        f"residential) and allocated to the provinces by the inventory's proxies (industry: FDI capital and "
        f"industrial production; agriculture: paddy and livestock; the others: urban-weighted population) — "
        f"{sources}"
    )
    return year, pd.DataFrame(columns), method


def grid_factor_path(years) -> tuple[np.ndarray, str]:
    """The grid emission factor of each year (t CO2/MWh): the official DCC factor of the year, the nearest one
    before the first, and the latest one held after it (said in the note)."""
    from analysis.data.national import load_grid_factors

    factors = load_grid_factors().sort_values("year")
    known = dict(zip(factors["year"].astype(int), factors["tco2_per_mwh"].astype(float), strict=True))
    first, last = min(known), max(known)
    out = np.array([known.get(int(y), known[first] if y < first else known[last]) for y in years], dtype=float)
    note = (
        f"grid factor: official DCC factors {first}–{last} ({', '.join(dict.fromkeys(factors['source']))}), "
        f"{FACTOR_HELD}: {known[last]:.4f} t CO2/MWh"
    )
    return out, note


@dataclass(frozen=True)
class ScopeTwo:
    """Electricity consumed (MWh/yr), the grid factor (t CO2/MWh) and scope 2 (t CO2e/yr) per year, and how."""

    years: np.ndarray
    mwh: np.ndarray
    grid_factor: np.ndarray
    note: str
    is_proxy: bool = True

    @property
    def tco2e(self) -> np.ndarray:
        return self.mwh * self.grid_factor


def _anchor(years: np.ndarray, year: int) -> tuple[int, str]:
    hit = np.flatnonzero(years == year)
    if len(hit):
        return int(hit[0]), ""
    return 0, f"; the {year} consumption is held at {int(years[0])}, the first year of the BAU"


def scope2_path(province: str, years, activity: dict[str, np.ndarray]) -> ScopeTwo:
    """Scope 2 of one 2024 province over ``years``: its consumption proxy of the sales year, each category grown
    with the BAU ``activity`` index (``{sector: (T,)}``) of the sector that allocates it (a sector not in the BAU:
    held constant, said), times the grid factor path."""
    year, table, method = consumption_shares()
    if province not in table.index:
        raise InputError(
            [
                Issue(
                    file="national/electricity_sales.csv",
                    column="province",
                    value=province,
                    rule="a 2024 province",
                    message=f"no electricity consumption proxy for '{province}' (a 2024 province is expected)",
                )
            ]
        )
    years = np.asarray(years, dtype=int)
    t0, carried = _anchor(years, year)
    mwh = np.zeros(len(years))
    held = []
    for category, (_, sector) in CATEGORIES.items():
        index = activity.get(sector)
        if index is None or not np.all(np.isfinite(index)) or index[t0] <= 0:
            held.append(sector)
            index = np.ones(len(years))
        mwh += float(table.loc[province, category]) * np.asarray(index, dtype=float) / float(index[t0])
    factor, factor_note = grid_factor_path(years)
    held_note = f"; held constant (no BAU activity): {', '.join(dict.fromkeys(held))}" if held else ""
    note = (
        f"electricity consumed: {method}{carried}; grown with the province's BAU activity of the sector that "
        f"allocates each category{held_note}. {factor_note}"
    )
    return ScopeTwo(years=years, mwh=mwh, grid_factor=factor, note=note)


def _baseline_activity(baseline: Baseline) -> dict[str, np.ndarray]:
    return {s: baseline.activity[i] for i, s in enumerate(baseline.sectors)}


def _inputs_activity(inputs: BauInputs) -> dict[str, np.ndarray]:
    index = driver_index_from_growth(inputs.driver_growth) ** np.asarray(inputs.elasticity)[:, None]
    return {s: index[i] for i, s in enumerate(inputs.sectors)}


def place_scope2(constituents: dict[str, Baseline], years) -> ScopeTwo:
    """Scope 2 of a place: one 2024 province, or a 2025 unit as the sum of its provinces' (``{province: its
    BAU}``, each grown with its own BAU activity on the place's ``years``)."""
    years = np.asarray(years, dtype=int)
    parts = []
    for name, b in constituents.items():
        cols = [int(np.flatnonzero(b.years == y)[0]) for y in years]
        activity = {s: a[cols] for s, a in _baseline_activity(b).items()}
        parts.append(scope2_path(name, years, activity))
    if len(parts) == 1:
        return parts[0]
    names = ", ".join(constituents)
    return ScopeTwo(
        years=years,
        mwh=sum(p.mwh for p in parts),
        grid_factor=parts[0].grid_factor,
        note=f"sum of its 2024 provinces ({names}); each: {parts[0].note}",
    )


# -- the GPC baseline ---------------------------------------------------------------------------------------------
def _with_grid_row(sectors: tuple[str, ...]) -> tuple[tuple[str, ...], int]:
    """The sectors with :data:`GRID` (inserted in the sectors table's order when absent) and its index."""
    from analysis.data.sectors import sector_keys

    if GRID in sectors:
        return sectors, sectors.index(GRID)
    order = sector_keys()
    out = tuple(k for k in order if k in sectors or k == GRID)
    return out, out.index(GRID)


def _expand(array: np.ndarray, sectors: tuple[str, ...], new: tuple[str, ...], fill: float = 0.0) -> np.ndarray:
    out = np.full((len(new), *array.shape[1:]), fill, dtype=float)
    for i, s in enumerate(sectors):
        out[new.index(s)] = array[i]
    return out


def _gpc_inputs(inputs: BauInputs, scope2: np.ndarray) -> BauInputs:
    """One province's BAU inputs with the grid row replaced by scope 2 (base value, yearly growth, elasticity 1,
    no driver: the Monte Carlo varies it with the base-year factor only)."""
    sectors, g = _with_grid_row(tuple(inputs.sectors))
    t = len(inputs.years)
    growth = np.zeros(t)
    with np.errstate(divide="ignore", invalid="ignore"):
        growth[1:] = np.where(scope2[:-1] > 0, scope2[1:] / np.where(scope2[:-1] > 0, scope2[:-1], 1) - 1, 0.0)
    e0 = _expand(np.asarray(inputs.e0)[:, None], inputs.sectors, sectors)[:, 0]
    e0[g] = scope2[0]
    driver_growth = _expand(inputs.driver_growth, inputs.sectors, sectors)
    driver_growth[g] = growth
    elasticity = _expand(np.asarray(inputs.elasticity)[:, None], inputs.sectors, sectors)[:, 0]
    elasticity[g] = 1.0
    intensity = _expand(np.asarray(inputs.intensity_rate)[:, None], inputs.sectors, sectors)[:, 0]
    intensity[g] = 0.0
    drivers = list(NO_DRIVER if s not in inputs.sectors else inputs.drivers[inputs.sectors.index(s)] for s in sectors)
    drivers[g] = NO_DRIVER
    low = high = None
    if inputs.growth_low is not None:
        low = _expand(inputs.growth_low, inputs.sectors, sectors)
        high = _expand(inputs.growth_high, inputs.sectors, sectors)
        low[g], high[g] = growth, growth
    return replace(
        inputs,
        e0=e0,
        driver_growth=driver_growth,
        elasticity=elasticity,
        intensity_rate=intensity,
        sectors=sectors,
        drivers=tuple(drivers),
        growth_low=low,
        growth_high=high,
    )


def gpc_inputs(inputs: BauInputs | None, constituents: tuple[str, ...]) -> BauInputs | None:
    """The BAU inputs of the GPC view: each province's (a 2025 unit's parts, in ``constituents`` order) with its
    scope 2 in the grid row; ``None`` without inputs."""
    if inputs is None:
        return None
    if not inputs.parts:
        s2 = scope2_path(constituents[0], inputs.years, _inputs_activity(inputs)).tco2e
        return _gpc_inputs(inputs, s2)
    parts = tuple(
        _gpc_inputs(p, scope2_path(name, p.years, _inputs_activity(p)).tco2e)
        for name, p in zip(constituents, inputs.parts, strict=True)
    )
    sectors, g = _with_grid_row(tuple(inputs.sectors))
    e0 = _expand(np.asarray(inputs.e0)[:, None], inputs.sectors, sectors)[:, 0]
    e0[g] = sum(float(p.e0[p.sectors.index(GRID)]) for p in parts)

    def grow(a):
        return _expand(np.asarray(a), inputs.sectors, sectors)

    return replace(
        inputs,
        e0=e0,
        driver_growth=grow(inputs.driver_growth),
        elasticity=grow(np.asarray(inputs.elasticity)[:, None])[:, 0],
        intensity_rate=grow(np.asarray(inputs.intensity_rate)[:, None])[:, 0],
        sectors=sectors,
        drivers=tuple("sum" for _ in sectors),
        parts=parts,
    )


def gpc_baseline(baseline: Baseline, constituents: dict[str, Baseline] | None = None) -> Baseline:
    """The GPC view of ``baseline``: the grid row (generation) replaced by scope 2 (:func:`place_scope2`), other
    rows unchanged; labelled an estimate (the consumption is a proxy) with the method in ``estimate_note`` and
    ``notes``. ``constituents``: a 2025 unit's provinces and their BAUs (default: ``baseline`` is one province)."""
    constituents = constituents or {baseline.province: baseline}
    s2 = place_scope2(constituents, baseline.years)
    sectors, g = _with_grid_row(tuple(baseline.sectors))
    emissions = _expand(baseline.emissions, baseline.sectors, sectors)
    activity = _expand(baseline.activity, baseline.sectors, sectors, fill=1.0)
    intensity = _expand(baseline.intensity, baseline.sectors, sectors)
    emissions[g] = s2.tco2e
    activity[g] = s2.mwh / s2.mwh[0] if s2.mwh[0] > 0 else np.ones(len(baseline.years))
    intensity[g] = s2.tco2e / activity[g]
    inputs = None
    if baseline.inputs is not None and tuple(baseline.inputs.years) == tuple(baseline.years):
        inputs = gpc_inputs(baseline.inputs, tuple(constituents))
    label = f"GPC BASIC view: {GRID} holds scope 2 (electricity consumed × grid factor) — {s2.note}"
    estimate_note = f"{baseline.estimate_note} {label}".strip() if baseline.is_estimate else label
    return replace(
        baseline,
        sectors=sectors,
        emissions=emissions,
        activity=activity,
        intensity=intensity,
        inputs=inputs,
        is_estimate=True,
        estimate_note=estimate_note,
        notes=(*baseline.notes, label),
    )


def baseline_for_view(baseline: Baseline, view: str, constituents: dict[str, Baseline] | None = None) -> Baseline:
    """``baseline`` as it is (territorial) or its GPC view."""
    return baseline if check_view(view) == "territorial" else gpc_baseline(baseline, constituents)


# -- measures in each view ----------------------------------------------------------------------------------------
def measure_sectors(sectors: tuple[str, ...], scope2: bool, view: str) -> tuple[str, ...]:
    """The sectors a measure acts on in ``view``: as declared (territorial); in the GPC view without the grid row
    (generation is not counted), plus the grid row (= scope 2) when the measure declares ``scope2: true``."""
    if check_view(view) == "territorial":
        return sectors
    from analysis.data.sectors import sector_keys

    kept = {s for s in sectors if s != GRID} | ({GRID} if scope2 else set())
    return tuple(k for k in sector_keys() if k in kept)


def scenario_set_for_view(scenario_set: ScenarioSet, view: str) -> ScenarioSet:
    """The scenario set with every measure acting on its sectors in ``view`` (:func:`measure_sectors`)."""
    if check_view(view) == "territorial":
        return scenario_set
    scenarios = {name: scenario_for_view(sc, view) for name, sc in scenario_set.scenarios.items()}
    return replace(scenario_set, scenarios=scenarios)


def scenario_for_view(scenario: Scenario, view: str) -> Scenario:
    if check_view(view) == "territorial":
        return scenario
    measures = tuple(replace(m, sectors=measure_sectors(tuple(m.sectors), m.scope2, view)) for m in scenario.measures)
    return replace(scenario, measures=measures)


# -- the inventory in each view -----------------------------------------------------------------------------------
def inventory_in_view(table: pd.DataFrame, year: int, view: str, admin_map: int) -> pd.DataFrame:
    """A downscaled inventory (:func:`analysis.inventory.estimate_inventory`) in ``view``, with a ``view`` column.

    GPC: each province's or unit's grid row (generation) holds its scope 2 instead — electricity consumed in
    ``year`` (the proxy of :func:`consumption_shares`; a unit: the sum of its 2024 provinces) × the official grid
    factor of the year (nearest official year, said); ``proxy`` and ``provenance`` say how. The national rows and
    the line not allocated to a province stay territorial (a nation has no GPC view). A year without a cited
    national total is an error (the view is missing, never 0)."""
    from analysis.data.provinces import get_registry
    from analysis.inventory import NATIONAL as NATION
    from analysis.inventory import NOT_ALLOCATED

    out = table.copy()
    out["view"] = "territorial"
    if check_view(view) == "territorial":
        return out
    _, shares, method = consumption_shares(int(year))
    factor, factor_note = grid_factor_path([int(year)])
    registry = get_registry()
    regional = ~out["province"].isin([NATION, NOT_ALLOCATED])
    rows = []
    for name in out.loc[regional, "province"].unique():
        place = registry.locate(str(name), admin_map)
        mwh = float(sum(shares.loc[c].sum() for c in place.constituents))
        mine = out.index[(out["province"] == name) & (out["sector"] == GRID)]
        template = out[out["province"] == name].iloc[0].to_dict()
        row = {
            **(out.loc[mine[0]].to_dict() if len(mine) else template),
            "sector": GRID,
            "value": mwh * float(factor[0]),
            "proxy": "electricity_consumption_proxy",
            "share": None,
            "is_estimate": True,
            "provenance": f"scope 2 (GPC BASIC): {mwh / 1e6:,.3f} TWh × {factor[0]:.4f} t CO2/MWh — {method}. "
            f"{factor_note}",
            "view": "gpc",
        }
        out = out.drop(index=mine)
        rows.append(row)
    out.loc[regional & out["province"].isin([r["province"] for r in rows]), "view"] = "gpc"
    result = pd.concat([out, pd.DataFrame(rows)], ignore_index=True)
    from analysis.data.sectors import sector_keys

    order = {k: i for i, k in enumerate(sector_keys())}
    first = {p: i for i, p in enumerate(dict.fromkeys(table["province"]))}
    result = result.sort_values(
        ["province", "sector"], key=lambda c: c.map(first) if c.name == "province" else c.map(order)
    )
    return result.reset_index(drop=True)
