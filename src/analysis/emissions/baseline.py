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

from analysis.data.sectors import sector_keys


@dataclass(frozen=True)
class BauInputs:
    """Arrays of the driver-based BAU: ``e0`` (S,), ``driver_growth`` (S, T; entry 0 ignored), ``elasticity`` (S,),
    ``intensity_rate`` (S,), ``years`` (T,), ``sectors`` and each sector's driver.

    A 2025 unit's inputs are the stack of its constituents' (``parts``): the Monte Carlo simulates each part with
    the same shocks and adds them up, so the unit's BAU is exactly the sum of its provinces'.
    """

    e0: np.ndarray
    driver_growth: np.ndarray
    elasticity: np.ndarray
    intensity_rate: np.ndarray
    years: np.ndarray
    sectors: tuple[str, ...]
    drivers: tuple[str, ...]
    parts: tuple[BauInputs, ...] = ()
    growth_low: np.ndarray | None = None  # (S, T) low and high growth of each sector's driver (the profile's range)
    growth_high: np.ndarray | None = None

    @property
    def base_year(self) -> int:
        return int(self.years[0])

    def to_json(self) -> dict:
        """Plain lists (for the frozen BAU's sidecar)."""
        out = {
            "e0": self.e0.tolist(),
            "driver_growth": self.driver_growth.tolist(),
            "elasticity": self.elasticity.tolist(),
            "intensity_rate": self.intensity_rate.tolist(),
            "years": self.years.tolist(),
            "sectors": list(self.sectors),
            "drivers": list(self.drivers),
        }
        if self.growth_low is not None:
            out["growth_low"], out["growth_high"] = self.growth_low.tolist(), self.growth_high.tolist()
        return out

    def since(self, year: int) -> BauInputs:
        """The same projection re-based on a later ``year`` (its emissions that year become ``e0``)."""
        t = int(np.flatnonzero(self.years == year)[0])
        if t == 0:
            return self
        index = driver_index_from_growth(self.driver_growth)
        e_t = self.e0 * index[:, t] ** self.elasticity * (1.0 + self.intensity_rate) ** t
        growth = self.driver_growth[:, t:].copy()
        growth[:, 0] = 0.0

        def cut(a):
            return None if a is None else a[:, t:].copy()

        return BauInputs(
            e0=e_t,
            driver_growth=growth,
            elasticity=self.elasticity,
            intensity_rate=self.intensity_rate,
            years=self.years[t:],
            sectors=self.sectors,
            drivers=self.drivers,
            parts=tuple(p.since(year) for p in self.parts),
            growth_low=cut(self.growth_low),
            growth_high=cut(self.growth_high),
        )

    @classmethod
    def from_json(cls, data: dict) -> BauInputs:
        return cls(
            e0=np.asarray(data["e0"], dtype=float),
            driver_growth=np.asarray(data["driver_growth"], dtype=float),
            elasticity=np.asarray(data["elasticity"], dtype=float),
            intensity_rate=np.asarray(data["intensity_rate"], dtype=float),
            years=np.asarray(data["years"], dtype=int),
            sectors=tuple(data["sectors"]),
            drivers=tuple(data["drivers"]),
            growth_low=np.asarray(data["growth_low"], dtype=float) if "growth_low" in data else None,
            growth_high=np.asarray(data["growth_high"], dtype=float) if "growth_high" in data else None,
        )


@dataclass(frozen=True)
class Baseline:
    """A frozen BAU projection of one province.

    Attributes
    ----------
    province : canonical province name.
    gwp : GWP set of every CO2e number (``"AR4"``, ``"AR5"`` or ``"AR6"``).
    years : int array, base year .. end year.
    sectors : sector names in the sectors table's order (:func:`analysis.data.sectors.sector_keys`) (those present).
    emissions : float array (n_sectors, n_years), t CO2e/yr; LULUCF may be negative.
    activity : float array (n_sectors, n_years), activity index (1 in the base year).
    intensity : float array (n_sectors, n_years), emissions per unit of activity index (t CO2e).
    drivers : projected drivers, one row per year, one column per driver (population, grdp, …).
    is_estimate : True when the base inventory is an indicative (downscaled) estimate.
    estimate_note : how the estimate was made (method, proxies), shown in every output that uses it.
    vintage : what froze this BAU (date, inputs hash) — answers "below which BAU?".
    method : ``"driver-based"`` or the statistical model's name.
    inputs : the BAU inputs that reproduce ``emissions`` (what the Monte Carlo varies), when known.
    missing : sectors left out (not estimated or not reported) and why; never counted as 0.
    files : sha256 of each input file the BAU was frozen from (to tell which one changed since).
    notes : how the projection was adapted (e.g. a growth period extended back to a new base year).
    source : the sources the base-year inventory cites (for chart source lines).
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
    inputs: BauInputs | None = None
    missing: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    source: str = ""

    def __post_init__(self) -> None:
        shape = (len(self.sectors), len(self.years))
        for name in ("emissions", "activity", "intensity"):
            arr = getattr(self, name)
            if arr.shape != shape:
                raise ValueError(f"Baseline.{name} has shape {arr.shape}, expected {shape}")
        unknown = set(self.sectors) - set(sector_keys())
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
        return pd.DataFrame(
            {
                "sector": np.asarray(self.sectors)[s.ravel()],
                "year": self.years[y.ravel()],
                "emissions_tco2e": self.emissions.ravel(),
            }
        )


def driver_bau_array(
    e0: np.ndarray,
    driver_index: np.ndarray,
    elasticity: np.ndarray,
    intensity_rate: np.ndarray,
    years_since_base: np.ndarray,
) -> np.ndarray:
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
