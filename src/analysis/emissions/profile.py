"""Province profiles: the base-year inventory, driver history and BAU assumptions of one province.

A profile is a folder ``config/profiles/<code>_<slug>/`` (format: ``docs/profile_format.md``) holding

- ``profile.yaml``: province, base year, GWP set, the estimate label, and the BAU assumptions
  (driver of each sector, elasticities, intensity rates, growth of each driver by period, each with its
  source or the word "assumption" and its method);
- ``inventory_estimate.csv`` (kind ``inventory``): the downscaled estimate shipped with the project;
- ``drivers.csv`` (kind ``drivers``): driver history (population, GRDP, sector GRDP …).

**An analyst with the real inventory drops ``inventory.csv`` (or ``inventory.xlsx``) into the folder**: it
replaces the estimate, ``is_estimate`` becomes False, and nothing else changes.

Output: :class:`ProvinceProfile` from :func:`load_profile`; :func:`write_profile` builds a profile from the
downscaled estimate and the shipped drivers (see :mod:`analysis.emissions.downscale`).
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.data.kinds import SECTORS, validate_file
from analysis.data.provinces import get_registry
from analysis.data.readers import ROW
from analysis.errors import InputError, Issue
from analysis.units import to_tco2e

PROFILES_DIR = paths.CONFIG_DIR / "profiles"
PROFILE_FILE = "profile.yaml"
OFFICIAL_INVENTORY = ("inventory.csv", "inventory.xlsx")
KEYS = ("province", "base_year", "gwp", "inventory", "drivers", "is_estimate", "estimate_note", "sector_drivers",
        "elasticity", "intensity_rate", "growth", "assumptions")
NO_DRIVER = "none"  # a sector whose activity is held constant (e.g. LULUCF)


@dataclass
class ProvinceProfile:
    """Everything the BAU needs about one province (see module docstring).

    ``growth`` maps a driver to its periods ``(start, end, annual rate)``, both years inclusive;
    ``files`` lists the files used (for the inputs hash and the BAU vintage).
    """

    province: str
    base_year: int
    gwp: str
    inventory: pd.DataFrame
    is_estimate: bool
    estimate_note: str
    drivers: pd.DataFrame
    sector_drivers: dict[str, str]
    elasticity: dict[str, float]
    intensity_rate: dict[str, float]
    growth: dict[str, list[tuple[int, int, float]]]
    files: list[Path] = field(default_factory=list)
    path: Path | None = None
    assumptions: dict[str, str] = field(default_factory=dict)

    @property
    def sectors(self) -> tuple[str, ...]:
        """Sectors of the inventory in :data:`SECTORS` order."""
        present = set(self.inventory["sector"])
        return tuple(s for s in SECTORS if s in present)

    def sector_emissions(self) -> pd.Series:
        """Base-year emissions per sector (t CO2e, all gases summed)."""
        return self.inventory.groupby("sector")["emissions_tco2e"].sum().reindex(self.sectors)

    def inputs_hash(self) -> str:
        """sha256 of the files used, in a stable order (what a frozen BAU's vintage records)."""
        digest = hashlib.sha256()
        for f in sorted(self.files, key=lambda p: p.name):
            digest.update(f.name.encode())
            digest.update(Path(f).read_bytes())
        return digest.hexdigest()


def slug_of(name_ascii: str) -> str:
    """``"Ba Ria – Vung Tau"`` -> ``"ba-ria-vung-tau"``."""
    return re.sub(r"[^a-z0-9]+", "-", name_ascii.casefold()).strip("-")


def profile_dir_for(province: str, profiles_dir: Path = PROFILES_DIR) -> Path:
    """``config/profiles/<code>_<slug>`` of the province (any spelling)."""
    p = get_registry().province(province)
    return Path(profiles_dir) / f"{p.code}_{slug_of(p.name_ascii)}"


def _issue(file: str, message: str, rule: str, column: str | None = None, value=None) -> InputError:
    return InputError([Issue(file=file, column=column, value=value, rule=rule, message=message)])


def _read_yaml(path: Path) -> dict:
    from analysis.data.yamlio import load_yaml_file

    label = paths.relative_to_project(path)
    if not path.is_file():
        raise _issue(label, "the profile file does not exist", "file exists")
    data, label = load_yaml_file(path)
    if not isinstance(data, dict):
        raise _issue(label, "the profile must be a mapping of keys to values", "YAML mapping")
    unknown = [k for k in data if k not in KEYS]
    if unknown:
        issues = []
        for k in unknown:
            close = difflib.get_close_matches(str(k), KEYS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f" (known keys: {', '.join(KEYS)})"
            issues.append(Issue(file=label, column=str(k), rule="known keys", message=f"unknown key '{k}'{hint}"))
        raise InputError(issues)
    missing = [k for k in ("province", "base_year", "gwp", "sector_drivers", "elasticity", "intensity_rate", "growth")
               if k not in data]
    if missing:
        raise _issue(label, f"missing key(s): {', '.join(missing)}", "required keys")
    return data


def _sector_map(data: dict, key: str, sectors: tuple[str, ...], label: str, kind=float) -> dict:
    block = data.get(key) or {}
    issues = []
    for s in block:
        if s not in SECTORS:
            close = difflib.get_close_matches(str(s), SECTORS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            issues.append(Issue(file=label, column=f"{key}.{s}", rule="known sector",
                                message=f"unknown sector '{s}'{hint}"))
    for s in sectors:
        if s not in block:
            issues.append(Issue(file=label, column=f"{key}.{s}", rule="every sector",
                                message=f"'{key}' has no value for sector '{s}' of the inventory"))
    if issues:
        raise InputError(issues)
    try:
        return {s: kind(block[s]) for s in sectors}
    except (TypeError, ValueError) as exc:
        raise _issue(label, f"'{key}' values must be {kind.__name__}: {exc}", "type", column=key) from None


def _growth(data: dict, label: str) -> dict[str, list[tuple[int, int, float]]]:
    out: dict[str, list[tuple[int, int, float]]] = {}
    for driver, periods in (data.get("growth") or {}).items():
        rows = []
        for i, period in enumerate(periods or []):
            where = f"growth.{driver}[{i}]"
            if not isinstance(period, dict) or not {"start", "end", "rate"} <= set(period):
                raise _issue(label, "each period needs start, end and rate (and a source)", "growth period", where)
            extra = set(period) - {"start", "end", "rate", "source"}
            if extra:
                raise _issue(label, f"unknown key(s) {sorted(extra)} (allowed: start, end, rate, source)",
                             "known keys", where)
            start, end, rate = int(period["start"]), int(period["end"]), float(period["rate"])
            if end < start or not -0.5 < rate < 1.0:
                raise _issue(label, f"period {start}–{end} with rate {rate} is not valid (end ≥ start, "
                                    "rate a fraction such as 0.07 for 7 %/yr)", "growth period", where, rate)
            rows.append((start, end, rate))
        out[str(driver)] = sorted(rows)
    return out


def _official_inventory(folder: Path) -> Path | None:
    for name in OFFICIAL_INVENTORY:
        if (folder / name).is_file():
            return folder / name
    return None


def read_inventory(path: Path, province: str) -> tuple[pd.DataFrame, int, str]:
    """An ``inventory``-kind file as (sector, gas, emissions_tco2e, source, notes), its year and GWP set."""
    table = validate_file(path, "inventory")
    label = paths.relative_to_project(path)
    years, gwps, provs = table["year"].dropna().unique(), table["gwp"].dropna().unique(), set(table["province"])
    if len(years) != 1:
        raise _issue(label, f"an inventory must cover one base year; found {sorted(int(y) for y in years)}",
                     "one base year", "year")
    other = {get_registry().try_resolve(p) for p in provs} - {province}
    if other:
        raise _issue(label, f"the inventory is for {', '.join(map(str, sorted(other)))}, not {province}",
                     "same province", "province")
    emissions = [float(to_tco2e(v, u, g, w)) for v, u, g, w in
                 zip(table["value"], table["unit"], table["gas"], table["gwp"], strict=True)]
    out = pd.DataFrame({"sector": table["sector"], "gas": table["gas"], "emissions_tco2e": emissions,
                        "source": table.get("source", pd.Series([None] * len(table))),
                        "notes": table.get("notes", pd.Series([None] * len(table)))})
    return out, int(years[0]), str(gwps[0])


def load_profile(province: str, profile_dir: Path | str | None = None) -> ProvinceProfile:
    """Load the profile of ``province`` (any spelling) from ``profile_dir`` or ``config/profiles/<code>_<slug>``.

    An official inventory (``inventory.csv``/``.xlsx``) in the folder replaces the estimate: base year and
    GWP come from it, ``is_estimate`` is False and ``estimate_note`` empty.
    """
    name = get_registry().resolve(province)
    folder = Path(profile_dir) if profile_dir is not None else profile_dir_for(name)
    yaml_path = folder / PROFILE_FILE
    data = _read_yaml(yaml_path)
    label = paths.relative_to_project(yaml_path)
    if get_registry().try_resolve(str(data["province"])) != name:
        raise _issue(label, f"the profile is for '{data['province']}', not {name}", "same province", "province")
    official = _official_inventory(folder)
    inv_path = official or folder / str(data.get("inventory", "inventory_estimate.csv"))
    inventory, year, gwp = read_inventory(inv_path, name)
    drv_path = folder / str(data.get("drivers", "drivers.csv"))
    drivers = validate_file(drv_path, "drivers").drop(columns=[ROW])
    if "is_estimate" in drivers:
        drivers["is_estimate"] = drivers["is_estimate"].isin(["yes", "true"])
    if official is None and str(data["gwp"]) != gwp:
        raise _issue(label, f"gwp '{data['gwp']}' differs from the inventory's '{gwp}'", "one GWP set", "gwp")
    sectors = tuple(s for s in SECTORS if s in set(inventory["sector"]))
    return ProvinceProfile(
        province=name, base_year=year, gwp=gwp, inventory=inventory,
        is_estimate=official is None and bool(data.get("is_estimate", True)),
        estimate_note="" if official is not None else str(data.get("estimate_note", "")),
        drivers=drivers, sector_drivers=_sector_map(data, "sector_drivers", sectors, label, str),
        elasticity=_sector_map(data, "elasticity", sectors, label),
        intensity_rate=_sector_map(data, "intensity_rate", sectors, label),
        growth=_growth(data, label), files=[yaml_path, inv_path, drv_path], path=folder,
        assumptions={str(k): str(v) for k, v in (data.get("assumptions") or {}).items()},
    )
