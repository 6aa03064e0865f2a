"""The BAU contract shared by the emissions engine: :class:`Baseline` and the vectorised BAU formula.

A baseline is a sector × year array of emissions (t CO2e/yr, one GWP set) from a base year to an end
year, with the activity and intensity paths that produced it and the projected drivers. LULUCF is the
net flux of the land sector: negative values are net removals.

Driver-based BAU (per sector s, year t, base year t0)::

    E[s, t] = E[s, t0] * (D[s, t] / D[s, t0]) ** elasticity[s] * (1 + intensity_rate[s]) ** (t - t0)

where ``D`` is the driver the sector follows (GRDP of the sector, population …). :func:`driver_bau_array`
evaluates it for any number of leading dimensions (Monte Carlo draws) without a Python loop.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.data.kinds import SECTORS


@dataclass(frozen=True)
class Baseline:
    """A frozen BAU projection of one province.

    Attributes
    ----------
    province : canonical province name.
    gwp : GWP set of every CO2e number (``"AR4"``, ``"AR5"`` or ``"AR6"``).
    years : int array, base year .. end year.
    sectors : sector names in :data:`analysis.data.kinds.SECTORS` order (those present).
    emissions : float array (n_sectors, n_years), t CO2e/yr; LULUCF may be negative.
    activity : float array (n_sectors, n_years), activity index (1 in the base year).
    intensity : float array (n_sectors, n_years), emissions per unit of activity index (t CO2e).
    drivers : projected drivers, one row per year, one column per driver (population, grdp, …).
    is_estimate : True when the base inventory is an indicative (downscaled) estimate.
    estimate_note : how the estimate was made (method, proxies), shown in every output that uses it.
    vintage : what froze this BAU (date, inputs hash) — answers "below which BAU?".
    method : ``"driver-based"`` or the statistical model's name.
    """

    province: str
    gwp: str
    years: np.ndarray
    sectors: tuple[str, ...]
    emissions: np.ndarray
    activity: np.ndarray
    intensity: np.ndarray
    drivers: pd.DataFrame = field(default_factory=pd.DataFrame)
    is_estimate: bool = False
    estimate_note: str = ""
    vintage: str = ""
    method: str = "driver-based"

    def __post_init__(self) -> None:
        shape = (len(self.sectors), len(self.years))
        for name in ("emissions", "activity", "intensity"):
            arr = getattr(self, name)
            if arr.shape != shape:
                raise ValueError(f"Baseline.{name} has shape {arr.shape}, expected {shape}")
        unknown = set(self.sectors) - set(SECTORS)
        if unknown:
            raise ValueError(f"unknown sectors {sorted(unknown)}")

    @property
    def base_year(self) -> int:
        return int(self.years[0])

    def year_index(self, year: int) -> int:
        idx = np.flatnonzero(self.years == year)
        if not len(idx):
            raise KeyError(f"year {year} is outside the baseline ({self.years[0]}–{self.years[-1]})")
        return int(idx[0])

    def gross(self) -> np.ndarray:
        """Gross emissions per year (all sectors except LULUCF, plus LULUCF emissions when positive)."""
        rows = [i for i, s in enumerate(self.sectors) if s != "LULUCF"]
        gross = self.emissions[rows].sum(axis=0)
        if "LULUCF" in self.sectors:
            gross = gross + np.clip(self.emissions[self.sectors.index("LULUCF")], 0, None)
        return gross

    def removals(self) -> np.ndarray:
        """Net removals per year as a non-positive number (LULUCF when negative)."""
        if "LULUCF" not in self.sectors:
            return np.zeros(len(self.years))
        return np.clip(self.emissions[self.sectors.index("LULUCF")], None, 0)

    def net(self) -> np.ndarray:
        return self.emissions.sum(axis=0)

    def to_frame(self) -> pd.DataFrame:
        """Long table: sector, year, emissions_tco2e."""
        s, y = np.meshgrid(np.arange(len(self.sectors)), np.arange(len(self.years)), indexing="ij")
        return pd.DataFrame({
            "sector": np.asarray(self.sectors)[s.ravel()],
            "year": self.years[y.ravel()],
            "emissions_tco2e": self.emissions.ravel(),
        })


def driver_bau_array(e0: np.ndarray, driver_index: np.ndarray, elasticity: np.ndarray,
                     intensity_rate: np.ndarray, years_since_base: np.ndarray) -> np.ndarray:
    """Vectorised driver-based BAU.

    Parameters
    ----------
    e0 : (..., S) base-year emissions per sector.
    driver_index : (..., S, T) driver of each sector relative to the base year (1 at t0).
    elasticity : (..., S) activity elasticity to the driver.
    intensity_rate : (..., S) annual rate of change of emission intensity (-0.01 = -1 %/yr).
    years_since_base : (T,) 0, 1, 2, …

    Returns
    -------
    (..., S, T) emissions.
    """
    activity = np.power(driver_index, elasticity[..., None])
    intensity = np.power(1.0 + intensity_rate[..., None], years_since_base)
    return e0[..., None] * activity * intensity


def driver_index_from_growth(growth: np.ndarray) -> np.ndarray:
    """Driver index (1 at t0) from annual growth rates ``growth[..., T]`` (the first entry is ignored)."""
    g = np.array(growth, dtype=float, copy=True)
    g[..., 0] = 0.0
    return np.cumprod(1.0 + g, axis=-1)
