"""Driver-based BAU of a province profile, frozen on disk so that "below which BAU?" stays answerable.

Inputs: a :class:`~analysis.emissions.profile.ProvinceProfile`. Outputs: the arrays of the projection
(:func:`bau_inputs`), the projected :class:`~analysis.emissions.baseline.Baseline` (:func:`project_bau`), and a
frozen BAU on disk — a CSV plus a JSON sidecar with the vintage, province, GWP set, estimate label, the BAU inputs
(so the Monte Carlo varies exactly the BAU the headline uses) and the hash of every input file
(:func:`freeze_bau`, :func:`load_frozen_bau`).

Pathways use :func:`frozen_bau`, which loads the frozen BAU when one exists. Re-basing is an explicit act
(:func:`rebase_bau`, ``netzero rebase``); :func:`changed_inputs` tells which profile files changed since the BAU
was frozen, so every report can say that the BAU is stale and why.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.emissions.baseline import Baseline, BauInputs, driver_bau_array, driver_index_from_growth
from analysis.emissions.profile import NO_DRIVER, ProvinceProfile
from analysis.errors import InputError, Issue
from analysis.io import atomic_path, write_table
from analysis.paths import relative_to_project

FROZEN_NAME = "bau_frozen.csv"
FROZEN_VERSION = 2
END_YEAR = 2050


def growth_path(
    periods: list[tuple[int, int, float]],
    years: np.ndarray,
    *,
    driver: str = "",
    file: str = "profile.yaml",
    notes: list[str] | None = None,
) -> np.ndarray:
    """Annual growth rate in each of ``years`` from ``(start, end, rate)`` periods (entry 0 = base year = 0).

    Every projected year must fall in exactly one period. When the base year moved (an official inventory of
    another year), years before the first period take its rate and periods before the base year are ignored;
    each adaptation is appended to ``notes``. A gap or an overlap between periods is an :class:`InputError`.
    """
    years = np.asarray(years)
    rates = np.zeros(len(years))
    if not len(periods):
        raise InputError(
            [
                Issue(
                    file=file,
                    column=f"growth.{driver}",
                    rule="growth given",
                    message=f"no growth periods for driver '{driver}'",
                )
            ]
        )
    periods = sorted(periods)
    first_start = periods[0][0]
    if len(years) > 1 and first_start > years[1]:
        periods[0] = (int(years[1]), periods[0][1], periods[0][2])
        if notes is not None:
            notes.append(
                f"growth of '{driver}': the period from {first_start} is extended back to {years[1]} "
                f"(the base year is {years[0]})"
            )
    starts, ends, values = (np.array(x, dtype=float) for x in zip(*periods, strict=True))
    inside = (years[1:, None] >= starts) & (years[1:, None] <= ends)  # (T-1, P)
    count = inside.sum(axis=1)
    bad = years[1:][count != 1]
    if len(bad):
        kind = "not covered by" if (count == 0).any() else "covered twice by"
        raise InputError(
            [
                Issue(
                    file=file,
                    column=f"growth.{driver}",
                    rule="growth periods cover the years once",
                    message=f"years {bad.min()}–{bad.max()} are {kind} the growth periods of '{driver}'",
                    value=int(bad.min()),
                )
            ]
        )
    rates[1:] = inside.astype(float) @ values
    return rates


def bau_inputs(profile: ProvinceProfile, end_year: int = END_YEAR, notes: list[str] | None = None) -> BauInputs:
    """The arrays of :func:`project_bau` for ``profile`` from its base year to ``end_year``."""
    if end_year <= profile.base_year:
        raise ValueError(f"end_year {end_year} must be after the base year {profile.base_year}")
    years = np.arange(profile.base_year, end_year + 1)
    sectors = profile.sectors
    label = relative_to_project(profile.files[0]) if profile.files else "profile.yaml"
    drivers = tuple(profile.sector_drivers[s] for s in sectors)
    paths = {
        d: np.zeros(len(years))
        if d == NO_DRIVER
        else growth_path(list(profile.growth.get(d, [])), years, driver=d, file=label, notes=notes)
        for d in dict.fromkeys(drivers)
    }
    low, high = _range_paths(profile, drivers, years, paths, label)
    return BauInputs(
        e0=profile.sector_emissions().to_numpy(dtype=float),
        driver_growth=np.stack([paths[d] for d in drivers]) if drivers else np.zeros((0, len(years))),
        elasticity=np.array([profile.elasticity[s] for s in sectors], dtype=float),
        intensity_rate=np.array([profile.intensity_rate[s] for s in sectors], dtype=float),
        years=years,
        sectors=sectors,
        drivers=drivers,
        growth_low=low,
        growth_high=high,
    )


def _range_paths(
    profile: ProvinceProfile, drivers: tuple[str, ...], years: np.ndarray, central: dict, label: str
) -> tuple[np.ndarray | None, np.ndarray | None]:
    """``(S, T)`` low and high growth paths from the profile's ranges (a period without a range keeps its central
    rate); ``(None, None)`` when the profile gives no range at all."""
    if not any(lo is not None or hi is not None for r in profile.growth_range.values() for lo, hi in r):
        return None, None
    out = []
    for side in (0, 1):
        by_driver = {}
        for d in dict.fromkeys(drivers):
            if d == NO_DRIVER:
                by_driver[d] = central[d]
                continue
            periods = sorted(profile.growth.get(d, []))
            ranges = profile.growth_range.get(d, [(None, None)] * len(periods))
            shifted = [
                (a, b, r if bound[side] is None else bound[side])
                for (a, b, r), bound in zip(periods, ranges, strict=True)
            ]
            by_driver[d] = growth_path(shifted, years, driver=d, file=label)
        out.append(np.stack([by_driver[d] for d in drivers]) if drivers else np.zeros((0, len(years))))
    return out[0], out[1]


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


def project_bau(profile: ProvinceProfile, end_year: int = END_YEAR, frozen_on: dt.date | None = None) -> Baseline:
    """Driver-based BAU of ``profile`` (method ``"driver-based"``), vintage ``frozen <date>; inputs sha256 <hash>``.

    ``frozen_on`` is the date written in the vintage (an input, so that the same inputs and date give the same
    frozen BAU; default: today).
    """
    notes: list[str] = []
    inputs = bau_inputs(profile, end_year, notes)
    index = driver_index_from_growth(inputs.driver_growth)
    t = inputs.years - inputs.base_year
    emissions = driver_bau_array(inputs.e0, index, inputs.elasticity, inputs.intensity_rate, t)
    activity = np.power(index, inputs.elasticity[:, None])
    intensity = inputs.e0[:, None] * np.power(1.0 + inputs.intensity_rate[:, None], t)
    return Baseline(
        province=profile.province,
        gwp=profile.gwp,
        years=inputs.years,
        sectors=inputs.sectors,
        emissions=emissions,
        activity=activity,
        intensity=intensity,
        drivers=_projected_drivers(profile, inputs),
        is_estimate=profile.is_estimate,
        estimate_note=profile.estimate_note,
        vintage=f"frozen {(frozen_on or dt.date.today()).isoformat()}; inputs sha256 {profile.inputs_hash()[:12]}",
        method="driver-based",
        inputs=inputs,
        missing=dict(profile.missing),
        files=profile.file_hashes(),
        notes=tuple(notes),
        source="; ".join(sorted({str(x) for x in profile.inventory["source"].dropna()})),
    )


def _sidecar(path: Path) -> Path:
    return Path(path).with_suffix(".json")


def freeze_bau(baseline: Baseline, path: Path | str) -> Path:
    """Write ``baseline`` to ``path`` (CSV: sector, year, emissions_tco2e, activity, intensity) and its metadata
    (province, gwp, vintage, method, estimate label, inputs, file hashes, missing sectors, projected drivers) to
    ``path.json``. Both files are written atomically."""
    path = Path(path)
    frame = baseline.to_frame()
    frame["activity"] = baseline.activity.ravel()
    frame["intensity"] = baseline.intensity.ravel()
    meta = {
        "version": FROZEN_VERSION,
        "province": baseline.province,
        "gwp": baseline.gwp,
        "vintage": baseline.vintage,
        "method": baseline.method,
        "is_estimate": bool(baseline.is_estimate),
        "estimate_note": baseline.estimate_note,
        "sectors": list(baseline.sectors),
        "base_year": baseline.base_year,
        "end_year": int(baseline.years[-1]),
        "missing": baseline.missing,
        "files": baseline.files,
        "notes": list(baseline.notes),
        "source": baseline.source,
        "inputs": baseline.inputs.to_json() if baseline.inputs is not None else None,
        "drivers": json.loads(baseline.drivers.to_json(orient="split", index=False)),
    }
    write_table(frame, path)
    with atomic_path(_sidecar(path)) as tmp:
        tmp.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def load_frozen_bau(path: Path | str) -> Baseline:
    """Read a BAU written by :func:`freeze_bau` (its vintage unchanged).

    Read once per process while the CSV and its metadata are unchanged (a batch's template reads the BAUs of its
    places for every kernel); each caller gets its own copy.
    """
    from analysis.data.readers import file_memo
    from analysis.fingerprint import file_signature

    path = Path(path)
    try:
        metadata = file_signature(_sidecar(path).stat())
    except OSError:
        metadata = None
    if metadata is None:  # missing (it says so) or just written
        return _load_frozen_bau(path)
    return copy.deepcopy(file_memo(path, ("frozen_bau", metadata), lambda: _load_frozen_bau(path)))


def _load_frozen_bau(path: Path) -> Baseline:
    label = relative_to_project(path)
    if not path.is_file() or not _sidecar(path).is_file():
        raise InputError(
            [
                Issue(
                    file=label,
                    rule="file exists",
                    message="no frozen BAU here (the CSV and its .json metadata are both needed)",
                )
            ]
        )
    meta = json.loads(_sidecar(path).read_text(encoding="utf-8"))
    frame = pd.read_csv(path)
    sectors = tuple(meta["sectors"])
    years = np.arange(meta["base_year"], meta["end_year"] + 1)
    grid = frame.set_index(["sector", "year"]).reindex(pd.MultiIndex.from_product([sectors, years]))
    if grid.isna().any().any():
        raise InputError(
            [
                Issue(
                    file=label, rule="complete sector × year grid", message="the frozen BAU is missing sector-year rows"
                )
            ]
        )
    shape = (len(sectors), len(years))
    drivers = pd.DataFrame(meta["drivers"]["data"], columns=meta["drivers"]["columns"])
    inputs = BauInputs.from_json(meta["inputs"]) if meta.get("inputs") else None
    return Baseline(
        province=meta["province"],
        gwp=meta["gwp"],
        years=years,
        sectors=sectors,
        emissions=grid["emissions_tco2e"].to_numpy().reshape(shape),
        activity=grid["activity"].to_numpy().reshape(shape),
        intensity=grid["intensity"].to_numpy().reshape(shape),
        drivers=drivers,
        is_estimate=bool(meta["is_estimate"]),
        estimate_note=meta["estimate_note"],
        vintage=meta["vintage"],
        method=meta["method"],
        inputs=inputs,
        missing=dict(meta.get("missing") or {}),
        files=dict(meta.get("files") or {}),
        notes=tuple(meta.get("notes") or ()),
        source=meta.get("source", ""),
    )


def frozen_bau_path(profile: ProvinceProfile) -> Path:
    """Where the profile's frozen BAU lives: ``<profile folder>/bau_frozen.csv``."""
    if profile.path is None:
        raise ValueError("the profile has no folder; pass a path")
    return Path(profile.path) / FROZEN_NAME


def frozen_bau(profile: ProvinceProfile, path: Path | str | None = None, end_year: int = END_YEAR) -> Baseline:
    """The BAU pathways are measured against: the frozen one at ``path`` when it exists, else projected and
    frozen now. It is never silently re-based; use :func:`rebase_bau` (and :func:`changed_inputs` to check)."""
    path = Path(path) if path is not None else frozen_bau_path(profile)
    if path.is_file():
        baseline = load_frozen_bau(path)
        if baseline.inputs is None and not changed_inputs(baseline, profile):
            # frozen by an earlier version without its inputs: the unchanged profile gives them back exactly
            baseline = replace(
                baseline,
                inputs=bau_inputs(profile, int(baseline.years[-1])),
                files=baseline.files or profile.file_hashes(),
            )
        return baseline
    baseline = project_bau(profile, end_year)
    freeze_bau(baseline, path)
    return baseline


def rebase_bau(
    profile: ProvinceProfile,
    path: Path | str | None = None,
    end_year: int = END_YEAR,
    frozen_on: dt.date | None = None,
) -> Baseline:
    """Re-project and re-freeze the BAU (an explicit decision: the new vintage replaces the old), dated
    ``frozen_on`` (default: today)."""
    path = Path(path) if path is not None else frozen_bau_path(profile)
    baseline = project_bau(profile, end_year, frozen_on)
    freeze_bau(baseline, path)
    return baseline


def changed_inputs(baseline: Baseline, profile: ProvinceProfile) -> list[str]:
    """Names of the profile files that differ from those the BAU was frozen from (empty: the BAU is current).

    A new file (an official inventory dropped in) or a removed one counts as a change.
    """
    now = profile.file_hashes()
    if not baseline.files:  # frozen before file hashes were kept: compare the single digest
        return [] if baseline.vintage.endswith(f"inputs sha256 {profile.inputs_hash()[:12]}") else sorted(now)
    return sorted(n for n in set(now) | set(baseline.files) if now.get(n) != baseline.files.get(n))


def load_frozen_baselines(names: tuple[str, ...]) -> tuple[dict, dict, dict[str, list[str]]]:
    """Each province's profile and frozen BAU (by the name given), and for each BAU whose input files changed since
    it was frozen, the names of those files (``{}``: every BAU is current)."""
    from analysis.emissions.profile import load_profile

    profiles, baselines, stale = {}, {}, {}
    for name in names:
        profile = load_profile(name)
        baseline = frozen_bau(profile)
        changed = changed_inputs(baseline, profile)
        if changed:
            stale[name] = changed
        profiles[name], baselines[name] = profile, baseline
    return profiles, baselines, stale


def load_unit_own_baseline(name: str) -> tuple[ProvinceProfile, Baseline | None, list[str]] | None:
    """A 2025 unit's own profile and frozen BAU once the unit has its own official inventory (``None`` before):
    ``(profile, baseline, changed)`` — the baseline is ``None`` while the inventory has not been re-based yet;
    ``changed`` names the input files that changed since the BAU was frozen."""
    from analysis.emissions.profile import load_profile, official_inventory_of

    if official_inventory_of(name, 2025) is None:
        return None
    profile = load_profile(name, admin_map=2025)
    path = frozen_bau_path(profile)
    if not path.is_file():
        return profile, None, []
    baseline = load_frozen_bau(path)
    return profile, baseline, changed_inputs(baseline, profile)


def is_stale(baseline: Baseline, profile: ProvinceProfile) -> bool:
    """True when the profile's files changed since ``baseline`` was frozen."""
    return bool(changed_inputs(baseline, profile))
