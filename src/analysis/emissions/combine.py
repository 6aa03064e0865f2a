"""A 2025 unit's BAU as the sum of the BAUs of the provinces merged into it.

Input: the frozen :class:`~analysis.emissions.baseline.Baseline` of each constituent (same GWP set). Output: one
Baseline named after the unit: emissions of every sector summed over the constituents from the latest constituent
base year to the earliest end year; inputs stacked as ``parts`` so the Monte Carlo simulates each province with
the same shocks and adds them up; the estimate label, missing sectors and vintages carried with the province named.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.data.sectors import sector_keys
from analysis.emissions.baseline import Baseline, BauInputs
from analysis.errors import InputError, Issue


def _slice(b: Baseline, years: np.ndarray, sectors: tuple[str, ...]) -> np.ndarray:
    out = np.zeros((len(sectors), len(years)))
    cols = [b.year_index(int(y)) for y in years]
    for i, s in enumerate(b.sectors):
        out[sectors.index(s)] = b.emissions[i, cols]
    return out


def _sum_drivers(parts: list[Baseline], years: np.ndarray) -> pd.DataFrame:
    out = pd.DataFrame({"year": years})
    for column in ("population", "grdp"):
        if all(column in b.drivers.columns for b in parts):
            values = [b.drivers.set_index("year").reindex(years)[column].to_numpy(dtype=float) for b in parts]
            out[column] = np.sum(values, axis=0)
    return out


def combine_baselines(name: str, parts: dict[str, Baseline]) -> Baseline:
    """The BAU of unit ``name`` from its constituents' BAUs ``{province: Baseline}``."""
    gwps = {b.gwp for b in parts.values()}
    if len(gwps) != 1:
        listing = ", ".join(f"{p}: {b.gwp}" for p, b in parts.items())
        raise InputError(
            [
                Issue(
                    file=name,
                    column="gwp",
                    rule="one GWP set",
                    message=f"the provinces merged into {name} use different GWP sets ({listing}); "
                    "convert their inventories to one set before they can be added",
                )
            ]
        )
    start = max(b.base_year for b in parts.values())
    end = min(int(b.years[-1]) for b in parts.values())
    years = np.arange(start, end + 1)
    present = {s for b in parts.values() for s in b.sectors}
    sectors = tuple(s for s in sector_keys() if s in present)
    emissions = sum(_slice(b, years, sectors) for b in parts.values())
    e0 = emissions[:, :1]
    activity = np.divide(emissions, e0, out=np.ones_like(emissions), where=e0 != 0)
    missing = {}
    for province, b in parts.items():
        for s in sector_keys():
            if s in b.missing or (s in present and s not in b.sectors):
                reason = b.missing.get(s, "not estimated")
                missing[s] = "; ".join(filter(None, [missing.get(s), f"{province}: {reason}"]))
    estimates = [p for p, b in parts.items() if b.is_estimate]
    inputs = None
    if all(b.inputs is not None for b in parts.values()):
        stack = tuple(b.inputs.since(start) for b in parts.values())
        inputs = BauInputs(
            e0=e0[:, 0],
            driver_growth=np.zeros_like(emissions),
            elasticity=np.zeros(len(sectors)),
            intensity_rate=np.zeros(len(sectors)),
            years=years,
            sectors=sectors,
            drivers=tuple("sum" for _ in sectors),
            parts=stack,
        )
    return Baseline(
        province=name,
        gwp=gwps.pop(),
        years=years,
        sectors=sectors,
        emissions=emissions,
        activity=activity,
        intensity=np.repeat(e0, len(years), axis=1),
        drivers=_sum_drivers(list(parts.values()), years),
        is_estimate=bool(estimates),
        estimate_note="; ".join(f"{p}: {parts[p].estimate_note}" for p in estimates if parts[p].estimate_note),
        vintage="; ".join(f"{p}: {b.vintage}" for p, b in parts.items()),
        method="sum of provinces",
        inputs=inputs,
        missing=missing,
        files={f"{p}/{f}": h for p, b in parts.items() for f, h in b.files.items()},
        notes=tuple(n for b in parts.values() for n in b.notes),
    )
