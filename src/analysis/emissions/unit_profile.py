"""The built profile of a 2025 unit: its former provinces' inventories and drivers summed, their BAU assumptions
combined by emission weight.

Inputs: the built :class:`~analysis.emissions.profile.ProvinceProfile` of each former province of the unit (their
estimated inventories, driver histories and assumptions). Outputs, for ``data/profiles/2025/<code>_<slug>/``:

- :func:`unit_inventory` — the unit's base-year inventory: each sector and gas summed over the former provinces (a
  sector empty in every one stays empty, with the reasons; the estimate label and the sources carried);
- :func:`unit_drivers` — the driver history summed (population, urban population, paddy and forest area: additive
  quantities) for the years every former province has;
- :func:`unit_profile_spec` — ``profile.yaml``: each sector's driver (the same names in every province's profile),
  its elasticity and intensity trend weighted by the provinces' base-year emissions of that sector, and each driver's
  growth by period weighted by the provinces' base-year emissions of the sectors that follow it (absolute values, so
  a forest sink weighs by its size); a period boundary of any province is a boundary of the unit's. Each combined
  rate says its weights and parts in ``source``.

Until the unit has its own official inventory its BAU is the exact sum of its former provinces' frozen BAUs
(:mod:`analysis.emissions.combine`), so national totals are the same on both maps; these combined assumptions are
what ``netzero rebase`` projects the unit's own inventory with.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.sectors import sector_keys
from analysis.emissions.bau_defaults import cited_documents
from analysis.emissions.profile import NO_DRIVER, ProvinceProfile

ADDITIVE_DRIVERS = ("population", "urban_population", "paddy_area", "forest_area")


def _weights(values: dict[str, float]) -> dict[str, float]:
    """Shares of ``values`` by absolute size (equal shares when all are zero)."""
    total = sum(abs(v) for v in values.values())
    if total == 0:
        return {k: 1 / len(values) for k in values}
    return {k: abs(v) / total for k, v in values.items()}


def _sector_emissions(profile: ProvinceProfile) -> dict[str, float]:
    return {s: float(v) for s, v in profile.sector_emissions().items()}


def unit_inventory(unit: str, inventories: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The unit's inventory (kind ``inventory``) from its former provinces' ``{province: inventory rows}``."""
    frames = list(inventories.values())
    rows = pd.concat(frames, ignore_index=True)
    parts = ", ".join(inventories)
    out = []
    for (sector, gas), group in rows.groupby(["sector", "gas"], sort=False):
        values = group["value"]
        known = values.dropna()
        notes = "; ".join(dict.fromkeys(str(n) for n in group["notes"].dropna() if str(n).strip()))
        out.append(
            {
                "province": unit,
                "year": int(group["year"].iloc[0]),
                "sector": sector,
                "gas": gas,
                "value": float(known.sum()) if len(known) else float("nan"),
                "unit": group["unit"].iloc[0],
                "gwp": group["gwp"].iloc[0],
                "source": "; ".join(dict.fromkeys(str(s) for s in group["source"].dropna())),
                "notes": f"sum of the former provinces ({parts}); " + notes if notes else f"sum of {parts}",
            }
        )
    frame = pd.DataFrame(out)
    order = {s: i for i, s in enumerate(sector_keys())}
    return frame.sort_values("sector", key=lambda c: c.map(order)).reset_index(drop=True)


def unit_drivers(unit: str, drivers: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The unit's driver history: additive drivers summed over the former provinces, for the years all have."""
    rows = []
    frames = {p: d[d["variable"].isin(ADDITIVE_DRIVERS)] for p, d in drivers.items()}
    for variable in ADDITIVE_DRIVERS:
        per = {p: f[f["variable"] == variable].set_index("year") for p, f in frames.items()}
        if any(v.empty for v in per.values()):
            continue
        years = sorted(set.intersection(*(set(v.index) for v in per.values())))
        for year in years:
            parts = [per[p].loc[year] for p in per]
            estimate = any(str(r.get("is_estimate", "no")).lower() in ("yes", "true") for r in parts)
            rows.append(
                {
                    "province": unit,
                    "year": int(year),
                    "variable": variable,
                    "value": round(float(sum(float(r["value"]) for r in parts)), 3),
                    "unit": parts[0]["unit"],
                    "source": f"sum of {', '.join(per)} (their drivers.csv)",
                    "is_estimate": "yes" if estimate else "no",
                }
            )
    columns = ["province", "year", "variable", "value", "unit", "source", "is_estimate"]
    return pd.DataFrame(rows, columns=columns).sort_values(["variable", "year"]).reset_index(drop=True)


def _bound(period: dict, key: str) -> float:
    """A period's ``rate``, ``low`` or ``high`` (a missing bound is the rate itself)."""
    value = period.get(key)
    return float(period["rate"] if value is None else value)


def _periods_by_year(periods: list[dict]) -> dict[int, dict]:
    return {year: p for p in periods for year in range(int(p["start"]), int(p["end"]) + 1)}


def combine_growth(parts: dict[str, tuple[float, list[dict]]], driver: str) -> list[dict]:
    """A driver's growth periods for the unit: ``{province: (weight, periods)}`` (periods as in ``profile.yaml``)
    combined year by year and merged back into periods wherever the combined rate stays the same."""
    by_year = {p: _periods_by_year(periods) for p, (_, periods) in parts.items()}
    years = sorted(set.intersection(*(set(b) for b in by_year.values())))
    out: list[dict] = []
    for year in years:
        current = {p: by_year[p][year] for p in parts}
        values = {
            key: round(sum(parts[p][0] * _bound(current[p], key) for p in parts), 6) for key in ("rate", "low", "high")
        }
        words = " + ".join(f"{parts[p][0]:.0%} × {p} ({float(current[p]['rate']):.2%}/yr)" for p in parts)
        docs = cited_documents(" ".join(str(current[p].get("source", "")) for p in parts))
        source = (
            f"derived: the former provinces' {driver} weighted by their base-year emissions of the sectors that "
            f"follow it = {words}" + (f"; cited there: {', '.join(docs)}" if docs else "")
        )
        last = out[-1] if out else None
        if last and last["end"] == year - 1 and all(last[k] == values[k] for k in ("rate", "low", "high")):
            last["end"] = year
            continue
        out.append({"start": year, "end": year, **values, "source": source})
    return out


def unit_profile_spec(
    unit: str, profiles: dict[str, ProvinceProfile], inventory: pd.DataFrame, base_spec: dict
) -> dict:
    """``profile.yaml`` of the unit: ``base_spec`` (province, base year, GWP, file names, estimate note) plus the
    sector settings and growth combined from the former provinces' ``profiles`` (see the module docstring)."""
    emissions = {p: _sector_emissions(prof) for p, prof in profiles.items()}
    present = [s for s in sector_keys() if s in set(inventory.loc[inventory["value"].notna(), "sector"])]
    sector_drivers, elasticity, intensity = {}, {}, {}
    for s in present:
        having = {p: emissions[p].get(s, 0.0) for p, prof in profiles.items() if s in prof.sector_drivers}
        w = _weights(having)
        names = {profiles[p].sector_drivers[s] for p in having}
        sector_drivers[s] = names.pop() if len(names) == 1 else NO_DRIVER
        elasticity[s] = round(sum(w[p] * profiles[p].elasticity[s] for p in having), 6)
        intensity[s] = round(sum(w[p] * profiles[p].intensity_rate[s] for p in having), 6)
    growth = {}
    for driver in sorted(set(sector_drivers.values()) - {NO_DRIVER}):
        weight_by = {
            p: sum(v for s, v in emissions[p].items() if profiles[p].sector_drivers.get(s) == driver) for p in profiles
        }
        w = _weights(weight_by)
        parts = {p: (w[p], _period_dicts(profiles[p], driver)) for p in profiles if driver in profiles[p].growth}
        if parts:
            growth[driver] = combine_growth(parts, driver)
    return {
        **base_spec,
        "sector_drivers": sector_drivers,
        "elasticity": elasticity,
        "intensity_rate": intensity,
        "growth": growth,
        "assumptions": {
            "unit": f"{unit} is made of {', '.join(profiles)} (1 July 2025); its assumptions are theirs, combined "
            "by base-year emission weight (analysis.emissions.unit_profile). Until it has its own official "
            "inventory its BAU is the sum of theirs."
        },
    }


def _period_dicts(profile: ProvinceProfile, driver: str) -> list[dict]:
    periods = profile.growth[driver]
    ranges = profile.growth_range.get(driver, [(None, None)] * len(periods))
    sources = profile.growth_sources.get(driver, [""] * len(periods))
    return [
        {"start": a, "end": b, "rate": r, "low": lo, "high": hi, "source": src}
        for (a, b, r), (lo, hi), src in zip(periods, ranges, sources, strict=True)
    ]
