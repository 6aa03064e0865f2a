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


def utilisation_spread(province: str, year: int) -> tuple[float, str]:
    """How far the province's thermal output can stray from its expected level, as a relative half-width ``h``
    (output between ×(1 − h) and ×(1 + h)): each fuel's lowest-to-highest recent national utilisation
    (``data/raw/inventory/utilisation.csv``) as ``(high − low) / (high + low)``, weighted by the fuel's share of the
    province's expected emissions in ``year``; and the words saying so."""
    from analysis.data.factors import load_utilisation
    from analysis.inventory.fleet import fleet_fuel_shares

    bounds = load_utilisation()
    shares = fleet_fuel_shares(province, year)
    spreads = {f: (hi - lo) / (hi + lo) for f, (lo, hi) in bounds.items()}
    h = sum(w * spreads.get(f, 0.0) for f, w in shares.items())
    parts = ", ".join(
        f"{f} {bounds[f][0]:.2f}–{bounds[f][1]:.2f} ({w:.0%} of the output)" for f, w in shares.items() if f in bounds
    )
    return h, parts


def fleet_periods(province: str, outlook: pd.DataFrame, start: int) -> list[dict]:
    """Power: the province's own fleet (running units and the pipeline under construction, by commissioning year)
    as the central path, year by year while it changes. The range is the province's own too: how far its units'
    output can stray from the expected level, from the lowest to the highest recent utilisation of each fuel in Viet
    Nam (:func:`utilisation_spread`), reached by the end of the first period and held after it (utilisation is a
    level, it does not compound); the central rate is the middle of it. ``outlook`` is not used for power: a national
    capacity plan says nothing about one province's units."""
    from analysis.inventory.fleet import fleet_path

    years = np.arange(start - 1, PERIODS[-1][1] + 1)
    path = fleet_path(province, years).set_index("year")["expected_tco2"]
    growth = (path / path.shift(1) - 1).fillna(0.0).replace([np.inf, -np.inf], 0.0)
    h, parts = utilisation_spread(province, start - 1)
    first_end = next(b for a, b in PERIODS if b >= start)
    n = first_end - start + 1
    delta = (1 + h) ** (1 / n) - 1 if n > 0 else 0.0
    out = []
    for a, b in ((max(a, start), b) for a, b in PERIODS if max(a, start) <= b):
        changes = [y for y in range(a, b + 1) if abs(growth[y]) > 1e-12]
        cuts = sorted({a, *changes, *(y + 1 for y in changes if y < b)})
        d = delta if b == first_end else 0.0
        for k, y0 in enumerate(cuts):
            y1 = (cuts[k + 1] - 1) if k + 1 < len(cuts) else b
            rate = float(growth[y0]) if y0 == y1 and y0 in changes else 0.0
            spread = (
                f"range: ±{d:.2%}/yr to {first_end}, the units' output straying by up to ±{h:.0%} from its expected "
                f"level with utilisation between the lowest and highest recent national values by fuel ({parts}; "
                "data/raw/inventory/utilisation.csv), then held"
                if d
                else f"range: none after {first_end} (the utilisation range is reached by then and held)"
                if h
                else "range: none (no thermal unit in the province)"
            )
            out.append(
                {
                    "start": y0,
                    "end": y1,
                    "rate": round(rate, 6),
                    "low": round(rate - d, 6),
                    "high": round(rate + d, 6),
                    "source": f"the province's thermal fleet and pipeline (data/raw/provinces63/"
                    f"thermal_power_plants.csv: units, capacity, commissioning year; expected "
                    f"emissions at the fuel's capacity factor); {spread}",
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
