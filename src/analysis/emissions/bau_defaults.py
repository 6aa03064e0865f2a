"""Default BAU assumptions of a province: which driver each sector follows and how each driver grows, by period.

Inputs (all cited or labelled in ``data/raw``):

- ``project/bau_sector_rules.csv`` (:func:`analysis.data.bau_rules.load_bau_rules`): the driver, elasticity and
  intensity trend of each sector, with ranges;
- ``national/bau_outlook.csv`` (:func:`analysis.data.outlook.load_bau_outlook`): growth of each driver by period
  (2024–2030, 2031–2040, 2041–2050) with low / central / high, national or for a province, each row cited, derived
  or an assumption;
- the province's own mix, from the inventory engine: its thermal fleet and pipeline (power follows the fleet, not
  GRDP), its fugitive sources (coal mining vs oil and gas), its farming (rice vs livestock).

Output: :func:`default_growth` — ``{driver: [period, …]}`` with ``start, end, rate, low, high, source`` (fractions
a year), and :func:`sector_settings` — ``sector_drivers``, ``elasticity`` and ``intensity_rate`` of the profile. A
composite driver (the fugitive mix, farming, waste generation) is the weighted sum of its parts' rates; its
``source`` says the weights and the parts. The profile builder (:mod:`analysis.emissions.profile_build`) writes
them into ``profile.yaml``, where an analyst can read and change each one.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.data.bau_rules import load_bau_rules

PERIODS = ((2024, 2030), (2031, 2040), (2041, 2050))
DOCUMENT = re.compile(r"\b\d+(?:-NQ/TW|(?:/\d{4})?/(?:QĐ|NQ|NĐ|TT|QH|KH|BC)[A-ZĐa-z0-9-]*)")


def cited_documents(text: str) -> list[str]:
    """The Vietnamese legal documents a source text names (``500/QĐ-TTg``, ``29-NQ/TW``, ``252/2025/QH15``)."""
    return list(dict.fromkeys(DOCUMENT.findall(text)))


OIL_GAS = ("crude_oil_production", "natural_gas_production")


def _text(row: dict) -> str:
    url = f" ({row['url']})" if isinstance(row.get("url"), str) and row["url"] else ""
    basis = f"; {row['basis']}" if isinstance(row.get("basis"), str) and row["basis"] else ""
    status = row.get("status", "")
    return (
        f"{status}: {row['source']}{url}{basis}"
        if status != "assumption"
        else f"assumption: {row['basis'] or row['notes']}"
    )


def _pick(rows: list[dict], province: str, a: int, b: int) -> dict | None:
    """The outlook row for ``[a, b]``: the province's own, else the national one — the row covering most of the
    period (a one-year observation is history, not an outlook)."""
    for scope in (province, "national"):
        best, most = None, 0
        for r in rows:
            if r["scope"] != scope or pd.isna(r["central_pct"]) or r["period_start"] > b or r["period_end"] < a:
                continue
            overlap = min(r["period_end"], b) - max(r["period_start"], a) + 1
            if overlap > most:
                best, most = r, overlap
        if best is not None and most >= (b - a + 1) / 2:
            return best
    return None


def driver_periods(outlook: pd.DataFrame, driver: str, province: str, start: int) -> list[dict]:
    """The growth periods of ``driver`` for ``province`` from ``start`` to 2050: the province's own rows where the
    outlook has them, else the national ones. A later period with no row takes the previous period's rate scaled by
    GDP's slowdown between the two periods (an assumption, said so in its ``source``)."""
    rows = outlook[outlook["driver"] == driver].to_dict("records")
    if not rows:
        raise KeyError(f"the BAU outlook has no row for driver '{driver}' (data/raw/national/bau_outlook.csv)")
    gdp = outlook[outlook["driver"] == "gdp"].to_dict("records")
    out: list[dict] = []
    for a, b in PERIODS:
        a = max(a, start)
        if a > b:
            continue
        pick = _pick(rows, province, a, b)
        if pick is not None:
            out.append(
                {
                    "start": a,
                    "end": b,
                    "rate": round(float(pick["central_pct"]) / 100, 6),
                    "low": round(float(pick["low_pct"]) / 100, 6),
                    "high": round(float(pick["high_pct"]) / 100, 6),
                    "source": _text(pick),
                }
            )
            continue
        if not out:
            raise KeyError(f"the BAU outlook has no national row for '{driver}' covering {a}–{b}")
        last = out[-1]
        g0, g1 = _pick(gdp, province, last["start"], last["end"]), _pick(gdp, province, a, b)
        ratio = float(g1["central_pct"] / g0["central_pct"]) if g0 is not None and g1 is not None else 1.0
        out.append(
            {
                "start": a,
                "end": b,
                **{k: round(float(last[k]) * ratio, 6) for k in ("rate", "low", "high")},
                "source": f"assumption: no outlook for {a}–{b}; the {last['start']}–{last['end']} rate × "
                f"{ratio:.2f}, GDP's slowdown between the two periods (data/raw/national/"
                f"bau_outlook.csv, gdp)",
            }
        )
    return out


def combine(parts: list[tuple[float, list[dict], str]], what: str) -> list[dict]:
    """The weighted sum of drivers' periods (same periods): ``[(weight, periods, label), …]``."""
    parts = [p for p in parts if p[0] > 0]
    out = []
    for k, period in enumerate(parts[0][1]):
        rates = {key: float(sum(w * ps[k][key] for w, ps, _ in parts)) for key in ("rate", "low", "high")}
        words = " + ".join(f"{w:.0%} × {label} ({ps[k]['rate']:.2%}/yr)" for w, ps, label in parts)
        docs = cited_documents(" ".join(ps[k]["source"] for _, ps, _ in parts))
        out.append(
            {
                "start": period["start"],
                "end": period["end"],
                **{k2: round(v, 6) for k2, v in rates.items()},
                "source": f"derived: {what} = {words}; sources as in the parts' rows of "
                f"data/raw/national/bau_outlook.csv ({', '.join(docs) or 'see the file'})",
            }
        )
    return out


def _fugitive_weights(province: str) -> tuple[float, float]:
    from analysis.data.factors import load_fugitive_sites
    from analysis.inventory.proxies import factor

    sites = load_fugitive_sites()
    coal_share = factor("fugitive_share_coal")
    mine = sites[sites["province"] == province]
    coal = float(mine.loc[mine["activity"] == "coal_mining", "weight"].sum()) * coal_share
    oil_gas = float(mine.loc[mine["activity"] == "oil_gas", "weight"].sum()) * (1 - coal_share)
    total = coal + oil_gas
    return (coal / total, oil_gas / total) if total > 0 else (0.0, 1.0)


def _farming_weights(province: str, year: int) -> tuple[float, float]:
    from analysis.inventory.proxies import agriculture_components

    rice, livestock, _ = agriculture_components(year)
    r, live = float(np.nan_to_num(rice.get(province, 0.0))), float(np.nan_to_num(livestock.get(province, 0.0)))
    return (r / (r + live), live / (r + live)) if r + live > 0 else (0.5, 0.5)


def fleet_periods(province: str, outlook: pd.DataFrame, start: int) -> list[dict]:
    """Power: the province's own fleet (running units and the pipeline, by commissioning year) as the central path,
    year by year while it changes; the range from the national outlook of thermal capacity (high) and power-sector
    emissions (low)."""
    from analysis.inventory.fleet import fleet_path

    years = np.arange(start - 1, PERIODS[-1][1] + 1)
    path = fleet_path(province, years).set_index("year")["expected_tco2"]
    growth = (path / path.shift(1) - 1).fillna(0.0).replace([np.inf, -np.inf], 0.0)
    high = driver_periods(outlook, "thermal_capacity_gas", province, start)
    low = driver_periods(outlook, "power_sector_emissions", province, start)
    out = []
    for (a, b), hi, lo in zip(((max(a, start), b) for a, b in PERIODS if max(a, start) <= b), high, low, strict=True):
        changes = [y for y in range(a, b + 1) if abs(growth[y]) > 1e-12]
        cuts = sorted({a, *changes, *(y + 1 for y in changes if y < b)})
        for k, y0 in enumerate(cuts):
            y1 = (cuts[k + 1] - 1) if k + 1 < len(cuts) else b
            rate = float(growth[y0]) if y0 == y1 and y0 in changes else 0.0
            out.append(
                {
                    "start": y0,
                    "end": y1,
                    "rate": round(rate, 6),
                    "low": round(float(min(rate, lo["rate"])), 6),
                    "high": round(float(max(rate, hi["rate"])), 6),
                    "source": f"the province's thermal fleet and pipeline (data/raw/provinces63/"
                    f"thermal_power_plants.csv: units, capacity, commissioning year; expected "
                    f"emissions at the fuel's capacity factor); range: low {lo['source']}; high "
                    f"{hi['source']}",
                }
            )
    return out


def default_growth(province: str, base_year: int, sectors: tuple[str, ...], outlook: pd.DataFrame) -> dict:
    """The growth periods of every driver the province's sectors follow (see module docstring)."""
    rules = load_bau_rules()
    start = base_year + 1
    wanted = {rules.loc[s, "driver"] for s in sectors}
    growth: dict[str, list[dict]] = {}
    for driver in sorted(wanted):
        if driver == "power_fleet":
            growth[driver] = fleet_periods(province, outlook, start)
        elif driver == "fugitive_production":
            coal, oil_gas = _fugitive_weights(province)
            oil = combine(
                [(0.5, driver_periods(outlook, d, province, start), d.replace("_", " ")) for d in OIL_GAS],
                "oil and gas production",
            )
            growth[driver] = combine(
                [
                    (coal, driver_periods(outlook, "coal_production", province, start), "coal production"),
                    (oil_gas, oil, "oil and gas production"),
                ],
                "fugitive sources",
            )
        elif driver == "agriculture_activity":
            rice, live = _farming_weights(province, base_year)
            growth[driver] = combine(
                [
                    (rice, driver_periods(outlook, "rice_area", province, start), "paddy area"),
                    (live, driver_periods(outlook, "livestock", province, start), "livestock"),
                ],
                "farming (Tier-1 CH4 weights of the province)",
            )
        elif driver == "waste_generation":
            growth[driver] = combine(
                [
                    (1.0, driver_periods(outlook, "population", province, start), "population"),
                    (1.0, driver_periods(outlook, "municipal_waste_per_person", province, start), "waste per person"),
                ],
                "waste generated",
            )
        else:
            growth[driver] = driver_periods(outlook, driver, province, start)
    return growth


def sector_settings(sectors: tuple[str, ...]) -> tuple[dict, dict, dict, dict]:
    """``sector_drivers``, ``elasticity``, ``intensity_rate`` and the per-sector basis text for ``sectors``."""
    rules = load_bau_rules()
    drivers = {s: str(rules.loc[s, "driver"]) for s in sectors}
    elasticity = {s: float(rules.loc[s, "elasticity"]) for s in sectors}
    intensity = {s: round(float(rules.loc[s, "intensity_pct"]) / 100, 6) for s in sectors}
    basis = {s: f"{rules.loc[s, 'status']}: {rules.loc[s, 'basis']}" for s in sectors}
    return drivers, elasticity, intensity, basis
