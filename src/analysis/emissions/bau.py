"""Driver-based BAU projection of a province profile, and frozen BAUs ("below which BAU?").

Per sector ``s`` and year ``t`` (base year ``t0``; :func:`analysis.emissions.baseline.driver_bau_array`)::

    E[s, t] = E[s, t0] * (D[s, t] / D[s, t0]) ** elasticity[s] * (1 + intensity_rate[s]) ** (t - t0)

where ``D[s]`` is the driver the profile names for sector ``s``, grown from the base year at the annual
rates of its growth periods (which may differ by period). A sector whose driver is ``none`` keeps its
activity constant.

Inputs: a :class:`~analysis.emissions.profile.ProvinceProfile`. Outputs: :class:`BauInputs`
(:func:`bau_inputs`), a :class:`~analysis.emissions.baseline.Baseline` (:func:`project_bau`), and a frozen
BAU on disk — a CSV plus a JSON sidecar with vintage, province, GWP set and the estimate label
(:func:`freeze_bau`, :func:`load_frozen_bau`). Pathways use :func:`frozen_bau`, which loads the frozen BAU
when one exists; re-basing is the explicit call :func:`rebase_bau`.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.emissions.baseline import Baseline, driver_bau_array, driver_index_from_growth
from analysis.emissions.profile import NO_DRIVER, ProvinceProfile
from analysis.errors import InputError, Issue
from analysis.io import atomic_path, write_table
from analysis.paths import relative_to_project

FROZEN_NAME = "bau_frozen.csv"


@dataclass(frozen=True)
class BauInputs:
    """Arrays of the driver-based BAU: ``e0`` (S,), ``driver_growth`` (S, T; entry 0 ignored),
    ``elasticity`` (S,), ``intensity_rate`` (S,), ``years`` (T,), ``sectors`` and each sector's driver."""

    e0: np.ndarray
    driver_growth: np.ndarray
    elasticity: np.ndarray
    intensity_rate: np.ndarray
    years: np.ndarray
    sectors: tuple[str, ...]
    drivers: tuple[str, ...]

    @property
    def base_year(self) -> int:
        return int(self.years[0])


def growth_path(periods: list[tuple[int, int, float]], years: np.ndarray, *, driver: str = "",
                file: str = "profile.yaml") -> np.ndarray:
    """Annual growth rate in each of ``years`` from ``(start, end, rate)`` periods (entry 0 = base year = 0).

    Every projected year must fall in exactly one period; a gap or an overlap is an :class:`InputError`.
    """
    years = np.asarray(years)
    rates = np.zeros(len(years))
    if not len(periods):
        raise InputError([Issue(file=file, column=f"growth.{driver}", rule="growth given",
                                message=f"no growth periods for driver '{driver}'")])
    starts, ends, values = (np.array(x, dtype=float) for x in zip(*periods, strict=True))
    inside = (years[1:, None] >= starts) & (years[1:, None] <= ends)  # (T-1, P)
    count = inside.sum(axis=1)
    bad = years[1:][count != 1]
    if len(bad):
        kind = "not covered by" if (count == 0).any() else "covered twice by"
        raise InputError([Issue(file=file, column=f"growth.{driver}", rule="growth periods cover the years once",
                                message=f"years {bad.min()}–{bad.max()} are {kind} the growth periods of "
                                        f"'{driver}'", value=int(bad.min()))])
    rates[1:] = inside.astype(float) @ values
    return rates


def bau_inputs(profile: ProvinceProfile, end_year: int = 2050) -> BauInputs:
    """The arrays of :func:`project_bau` for ``profile`` from its base year to ``end_year``."""
    if end_year <= profile.base_year:
        raise ValueError(f"end_year {end_year} must be after the base year {profile.base_year}")
    years = np.arange(profile.base_year, end_year + 1)
    sectors = profile.sectors
    label = relative_to_project(profile.files[0]) if profile.files else "profile.yaml"
    drivers = tuple(profile.sector_drivers[s] for s in sectors)
    paths = {d: np.zeros(len(years)) if d == NO_DRIVER else
             growth_path(profile.growth.get(d, []), years, driver=d, file=label) for d in set(drivers)}
    return BauInputs(
        e0=profile.sector_emissions().to_numpy(dtype=float),
        driver_growth=np.stack([paths[d] for d in drivers]),
        elasticity=np.array([profile.elasticity[s] for s in sectors], dtype=float),
        intensity_rate=np.array([profile.intensity_rate[s] for s in sectors], dtype=float),
        years=years, sectors=sectors, drivers=drivers,
    )


def _projected_drivers(profile: ProvinceProfile, inputs: BauInputs) -> pd.DataFrame:
    out = pd.DataFrame({"year": inputs.years})
    history = profile.drivers
    for d in dict.fromkeys(inputs.drivers):
        if d == NO_DRIVER:
            continue
        index = driver_index_from_growth(inputs.driver_growth[inputs.drivers.index(d)])
        base = history[(history["variable"] == d) & (history["year"] == inputs.base_year)]
        if len(base):
            out[d] = float(base["value"].iloc[0]) * index
        else:
            out[f"{d}_index"] = index
    return out


def project_bau(profile: ProvinceProfile, end_year: int = 2050) -> Baseline:
    """Driver-based BAU of ``profile`` (method ``"driver-based"``), vintage ``frozen <date>; inputs sha256 <hash>``."""
    inputs = bau_inputs(profile, end_year)
    index = driver_index_from_growth(inputs.driver_growth)
    t = inputs.years - inputs.base_year
    emissions = driver_bau_array(inputs.e0, index, inputs.elasticity, inputs.intensity_rate, t)
    activity = np.power(index, inputs.elasticity[:, None])
    intensity = inputs.e0[:, None] * np.power(1.0 + inputs.intensity_rate[:, None], t)
    return Baseline(
        province=profile.province, gwp=profile.gwp, years=inputs.years, sectors=inputs.sectors,
        emissions=emissions, activity=activity, intensity=intensity,
        drivers=_projected_drivers(profile, inputs), is_estimate=profile.is_estimate,
        estimate_note=profile.estimate_note,
        vintage=f"frozen {dt.date.today().isoformat()}; inputs sha256 {profile.inputs_hash()[:12]}",
        method="driver-based",
    )


def _sidecar(path: Path) -> Path:
    return Path(path).with_suffix(".json")


def freeze_bau(baseline: Baseline, path: Path | str) -> Path:
    """Write ``baseline`` to ``path`` (CSV: sector, year, emissions_tco2e, activity, intensity) and its
    metadata (province, gwp, vintage, method, is_estimate, estimate_note, projected drivers) to ``path.json``.
    Both files are written atomically."""
    path = Path(path)
    frame = baseline.to_frame()
    frame["activity"] = baseline.activity.ravel()
    frame["intensity"] = baseline.intensity.ravel()
    meta = {"province": baseline.province, "gwp": baseline.gwp, "vintage": baseline.vintage,
            "method": baseline.method, "is_estimate": bool(baseline.is_estimate),
            "estimate_note": baseline.estimate_note, "sectors": list(baseline.sectors),
            "base_year": baseline.base_year, "end_year": int(baseline.years[-1]),
            "drivers": json.loads(baseline.drivers.to_json(orient="split", index=False))}
    write_table(frame, path)
    with atomic_path(_sidecar(path)) as tmp:
        tmp.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def load_frozen_bau(path: Path | str) -> Baseline:
    """Read a BAU written by :func:`freeze_bau` (its vintage unchanged)."""
    path = Path(path)
    label = relative_to_project(path)
    if not path.is_file() or not _sidecar(path).is_file():
        raise InputError([Issue(file=label, rule="file exists",
                                message="no frozen BAU here (the CSV and its .json metadata are both needed)")])
    meta = json.loads(_sidecar(path).read_text(encoding="utf-8"))
    frame = pd.read_csv(path)
    sectors = tuple(meta["sectors"])
    years = np.arange(meta["base_year"], meta["end_year"] + 1)
    grid = frame.set_index(["sector", "year"]).reindex(pd.MultiIndex.from_product([sectors, years]))
    if grid.isna().any().any():
        raise InputError([Issue(file=label, rule="complete sector × year grid",
                                message="the frozen BAU is missing sector-year rows")])
    shape = (len(sectors), len(years))
    drivers = pd.DataFrame(meta["drivers"]["data"], columns=meta["drivers"]["columns"])
    return Baseline(province=meta["province"], gwp=meta["gwp"], years=years, sectors=sectors,
                    emissions=grid["emissions_tco2e"].to_numpy().reshape(shape),
                    activity=grid["activity"].to_numpy().reshape(shape),
                    intensity=grid["intensity"].to_numpy().reshape(shape), drivers=drivers,
                    is_estimate=bool(meta["is_estimate"]), estimate_note=meta["estimate_note"],
                    vintage=meta["vintage"], method=meta["method"])


def frozen_bau_path(profile: ProvinceProfile) -> Path:
    """Where the profile's frozen BAU lives: ``<profile folder>/bau_frozen.csv``."""
    if profile.path is None:
        raise ValueError("the profile has no folder; pass a path")
    return Path(profile.path) / FROZEN_NAME


def frozen_bau(profile: ProvinceProfile, path: Path | str | None = None, end_year: int = 2050) -> Baseline:
    """The BAU pathways are measured against: the frozen one at ``path`` when it exists, else projected and
    frozen now. It is never silently re-based; use :func:`rebase_bau` (and :func:`is_stale` to check)."""
    path = Path(path) if path is not None else frozen_bau_path(profile)
    if path.is_file():
        return load_frozen_bau(path)
    baseline = project_bau(profile, end_year)
    freeze_bau(baseline, path)
    return baseline


def rebase_bau(profile: ProvinceProfile, path: Path | str | None = None, end_year: int = 2050) -> Baseline:
    """Re-project and re-freeze the BAU (an explicit decision: the new vintage replaces the old)."""
    path = Path(path) if path is not None else frozen_bau_path(profile)
    baseline = project_bau(profile, end_year)
    freeze_bau(baseline, path)
    return baseline


def is_stale(baseline: Baseline, profile: ProvinceProfile) -> bool:
    """True when the profile's files changed since ``baseline`` was frozen (its inputs hash differs)."""
    return not baseline.vintage.endswith(f"inputs sha256 {profile.inputs_hash()[:12]}")
