"""Power-sector emissions by province: the national power total allocated over the located thermal fleet.

Method for a year (inputs: :mod:`.fleet`, :mod:`.national`):

1. each running unit's expected emissions = MW × 8,760 h × capacity factor of its fuel × t CO2/MWh of its fuel
   (IPCC 2006 default CO2 per TJ ÷ net efficiency) — so a gas province weighs about 0.4 of a coal province per MW;
2. capacity that the list cannot place (unlocated units) and, where a national capacity is cited (coal and gas,
   May 2023), the national capacity missing from the list are **allocated pro rata to the located units of the
   same fuel** (labelled on every row);
3. the national power total is shared in proportion to these weights, **capped at each province's fleet at full
   load** (8,760 h); what a cap holds back goes to the other provinces in proportion to their weights;
4. a province without a located unit gets zero, labelled "no thermal plant located" (a plant missing from the
   list is therefore counted where the listed plants are — see :func:`analysis.inventory.fleet.unlocated_capacity`).

Output of :func:`power_allocation`: province, value (t CO2e), share, max_tco2, expected_tco2, capacity text, note.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.data.provenance import raw_label
from analysis.errors import InputError, Issue
from analysis.inventory.fleet import national_capacity, thermal_fleet
from analysis.inventory.proxies import provinces
from analysis.units import T_PER_MT


def _source() -> str:
    return (
        f"thermal plants ({raw_label('thermal_plants')}; WRI GPPD / EVN 2016, Global Energy Monitor, Wikipedia) × "
        f"IPCC 2006 CO2 factor ÷ efficiency × capacity factor by fuel ({raw_label('tier1_factors')})"
    )


def fuel_scaling(year: int) -> tuple[pd.Series, str]:
    """Per fuel, the factor that spreads unlocated and missing national capacity over the located units."""
    fleet = thermal_fleet(year)
    national = national_capacity(year)
    scale, notes = {}, []
    for fuel, group in fleet.groupby("fuel"):
        located = group.loc[group["province"].notna(), "capacity_mw"].sum()
        listed = group["capacity_mw"].sum()
        target = max(listed, national.get(fuel, 0.0))
        scale[fuel] = target / located if located > 0 else np.nan
        if target > located:
            parts = []
            if listed > located:
                parts.append(f"{listed - located:,.0f} MW unlocated in the list")
            if target > listed:
                parts.append(
                    f"{target - listed:,.0f} MW of national capacity missing from the list "
                    f"(national {national[fuel]:,.0f} MW, {national['source']})"
                )
            notes.append(
                f"{fuel.lower()}: " + " and ".join(parts) + " allocated pro rata to the located "
                f"{fuel.lower()} units (×{scale[fuel]:.3f})"
            )
    return pd.Series(scale), "; ".join(notes)


def capped_allocation(total: float, weights: np.ndarray, caps: np.ndarray) -> np.ndarray:
    """Share ``total`` in proportion to ``weights`` without any element exceeding its cap.

    Raises ``ValueError`` when the caps together are below the total (the fleet cannot emit it).
    """
    weights, caps = np.asarray(weights, float), np.asarray(caps, float)
    if total > caps[weights > 0].sum() * (1 + 1e-12):
        raise ValueError(f"total {total:.6g} exceeds the sum of the caps {caps[weights > 0].sum():.6g}")
    out = np.zeros_like(weights)
    free = weights > 0
    remaining = total
    while free.any():
        trial = remaining * weights * free / weights[free].sum()
        over = free & (out + trial > caps)
        if not over.any():
            return out + trial
        out[over] = caps[over]
        remaining = total - out.sum()
        free &= ~over
    return out


def power_allocation(year: int, national_power: float) -> pd.DataFrame:
    """The national power total of ``year`` by province (see the module docstring)."""
    fleet = thermal_fleet(year)
    scale, scale_note = fuel_scaling(year)
    located = fleet[fleet["province"].notna()].copy()
    located["weight"] = located["expected_tco2"] * located["fuel"].map(scale)
    by = located.groupby("province").agg(
        weight=("weight", "sum"), max_tco2=("max_tco2", "sum"), expected_tco2=("expected_tco2", "sum")
    )
    by = by.reindex(provinces()).fillna(0.0)
    try:
        values = capped_allocation(national_power, by["weight"].to_numpy(), by["max_tco2"].to_numpy())
    except ValueError as exc:
        raise InputError(
            [
                Issue(
                    file=raw_label("thermal_plants"),
                    column="capacity_mw",
                    value=year,
                    rule="fleet can emit the national total",
                    message=f"the national power total of {year} ({national_power / T_PER_MT:.1f} Mt) is more "
                    f"than the listed fleet can emit at full load: {exc}",
                )
            ]
        ) from None
    capacity = located.groupby(["province", "fuel"])["capacity_mw"].sum().unstack(fill_value=0.0)
    texts = []
    for p in provinces():
        if p not in capacity.index:
            texts.append(f"no thermal plant located in the province in {year} ({raw_label('thermal_plants')})")
            continue
        mix = ", ".join(f"{mw:,.0f} MW {fuel.lower()}" for fuel, mw in capacity.loc[p].items() if mw > 0)
        texts.append(f"thermal fleet running in {year}: {mix}; {_source()}" + (f"; {scale_note}" if scale_note else ""))
    out = pd.DataFrame(
        {
            "province": provinces(),
            "value": values,
            "max_tco2": by["max_tco2"].to_numpy(),
            "expected_tco2": by["expected_tco2"].to_numpy(),
            "provenance": texts,
        }
    )
    out["share"] = out["value"] / national_power
    out["capped"] = np.isclose(out["value"], out["max_tco2"]) & (out["value"] > 0)
    return out
