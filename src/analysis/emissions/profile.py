"""Province and unit profiles: the base-year inventory, driver history and BAU assumptions of one place.

Every place has a home on its map, in two halves (format: ``docs/profile_format.md``):

- what ``netzero build`` makes, ``data/profiles/<map>/<code>_<slug>/`` (committed, so a fresh clone has it):
  ``profile.yaml`` (province, base year, GWP set, the estimate label, and the BAU assumptions: driver of each
  sector, elasticities, intensity rates, growth of each driver by period, each with its source or the word
  "assumption" and its method — validated by :class:`ProfileConfig`), ``inventory_estimate.csv`` (kind
  ``inventory``, the downscaled estimate), ``drivers.csv`` (kind ``drivers``) and the frozen BAU. A 2025 unit's
  built profile is the sum of its former provinces' (inventory and drivers) with their assumptions combined by
  emission weight (:mod:`analysis.emissions.unit_profile`);
- what the user adds, ``config/profiles/<map>/<code>_<slug>/``: the official inventory ``inventory.csv`` or
  ``inventory.xlsx`` (``netzero inventory use FILE --province P`` installs it) and a ``profile.yaml`` of overrides
  (any key of the built one: a driver's growth, a sector's elasticity …), read on top of the built values.

**An official inventory replaces the estimate everywhere** (base year, GWP set and totals are the inventory's; the
estimate labels disappear). The frozen BAU is not re-based silently: ``netzero rebase --province P`` does it, and
until then every report shows that the BAU is stale (:mod:`analysis.emissions.bau`).

A sector whose value is empty in the inventory (not estimated, not reported) is *missing*, never 0: it is left out
of the BAU and listed with its reason in :attr:`ProvinceProfile.missing`.

Output: :class:`ProvinceProfile` from :func:`load_profile`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pandas as pd
from pydantic import Field, model_validator

from analysis import paths
from analysis.config.base import ConfigModel, validate_config
from analysis.data.kinds import DRIVERS, GWP_SETS, INVENTORY
from analysis.data.provinces import check_map, get_registry
from analysis.data.readers import ROW
from analysis.data.schemas import read_checked
from analysis.data.sectors import sector_keys
from analysis.errors import InputError, Issue, suggest
from analysis.units import to_tco2e

PROFILES_DIR = paths.PROFILES_DIR
USER_PROFILES_DIR = paths.USER_PROFILES_DIR
PROFILE_FILE = "profile.yaml"
OFFICIAL_INVENTORY = ("inventory.csv", "inventory.xlsx")
NO_DRIVER = "none"  # a sector whose activity is held constant (e.g. LULUCF)


class GrowthPeriod(ConfigModel):
    """Annual growth of a driver over ``start``–``end`` (inclusive), cited or labelled, with an optional range."""

    start: int = Field(ge=1990, le=2100)
    end: int = Field(ge=1990, le=2100)
    # a fraction (0.07 = 7 %/yr); a one-year step of a fleet may double it (1.0), a typo such as 7 is refused
    rate: float = Field(gt=-0.5, lt=5.0, description="a fraction: 0.07 = 7 %/yr")
    low: float | None = Field(None, gt=-0.5, lt=5.0)
    high: float | None = Field(None, gt=-0.5, lt=5.0)
    source: str = Field(min_length=1, description="a citation, or 'assumption: how it was chosen'")

    @model_validator(mode="after")
    def _ordered(self):
        if self.end < self.start:
            raise ValueError(f"period {self.start}–{self.end} ends before it starts")
        if (self.low is not None and self.low > self.rate) or (self.high is not None and self.high < self.rate):
            raise ValueError(f"the range {self.low}–{self.high} must contain the rate {self.rate}")
        return self


class ProfileConfig(ConfigModel):
    """``profile.yaml``."""

    province: str
    base_year: int = Field(ge=1990, le=2100)
    gwp: Literal[GWP_SETS]  # type: ignore[valid-type]
    inventory: str = "inventory_estimate.csv"
    drivers: str = "drivers.csv"
    is_estimate: bool = True
    estimate_note: str = ""
    sector_drivers: dict[str, str]
    elasticity: dict[str, float]
    intensity_rate: dict[str, float]
    growth: dict[str, list[GrowthPeriod]]
    assumptions: dict[str, str] = Field(default_factory=dict)


@dataclass
class ProvinceProfile:
    """Everything the BAU needs about one province (see module docstring).

    ``growth`` maps a driver to its periods ``(start, end, annual rate)``, both years inclusive; ``growth_range``
    the same periods' ``(low, high)`` where given; ``files`` lists the files used (their hashes make the frozen
    BAU's vintage); ``missing`` maps a sector left out (empty in the inventory) to the reason given.
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
    missing: dict[str, str] = field(default_factory=dict)
    growth_range: dict[str, list[tuple[float | None, float | None]]] = field(default_factory=dict)
    growth_sources: dict[str, list[str]] = field(default_factory=dict)
    inventory_file: Path | None = None
    admin_map: int = 2024
    user_path: Path | None = None  # the user's half of the home (official inventory, overrides)

    @property
    def has_official_inventory(self) -> bool:
        return not self.is_estimate and self.inventory_file is not None

    @property
    def sectors(self) -> tuple[str, ...]:
        """Sectors with a value in the inventory, in the sectors table's order."""
        present = set(self.inventory.loc[self.inventory["emissions_tco2e"].notna(), "sector"])
        return tuple(s for s in sector_keys() if s in present)

    def sector_emissions(self) -> pd.Series:
        """Base-year emissions per sector (t CO2e, all gases summed; missing sectors left out)."""
        known = self.inventory[self.inventory["emissions_tco2e"].notna()]
        return known.groupby("sector")["emissions_tco2e"].sum().reindex(self.sectors)

    def file_key(self, path: Path) -> str:
        """How a file is named in the frozen BAU's record: a built file by its name, a user's file by its path from
        the project root (``config/profiles/2024/77_ba-ria-vung-tau/inventory.csv``), so a stale warning says which."""
        path = Path(path)
        return (
            path.name if self.path is not None and path.parent == Path(self.path) else paths.relative_to_project(path)
        )

    def file_hashes(self) -> dict[str, str]:
        """sha256 of each file used, by :meth:`file_key` (what the frozen BAU records, to say which file changed)."""
        return {self.file_key(f): hashlib.sha256(Path(f).read_bytes()).hexdigest() for f in self.files}

    def inputs_hash(self) -> str:
        """One sha256 over the files used, in a stable order (the frozen BAU's vintage)."""
        digest = hashlib.sha256()
        for f in sorted(self.files, key=self.file_key):
            digest.update(self.file_key(f).encode())
            digest.update(Path(f).read_bytes())
        return digest.hexdigest()


def base_year_population(profiles) -> tuple[float | None, str]:
    """Persons in the base year summed over ``profiles`` (one :class:`ProvinceProfile`, or a mapping of them: a
    2025 unit's), from their ``drivers.csv``, with the sources; ``None`` and the reason when one lacks it. The one
    population every per-person figure divides by."""
    items = profiles.items() if isinstance(profiles, dict) else [(profiles.province, profiles)]
    total, notes = 0.0, []
    for name, profile in items:
        d = profile.drivers
        hit = d[(d["variable"] == "population") & (d["year"] == profile.base_year)]
        if hit.empty:
            return None, f"{name}: no population for {profile.base_year} in the profile's drivers"
        unit = str(hit["unit"].iloc[0]).lower()
        total += float(hit["value"].iloc[0]) * (1000.0 if unit.startswith("thousand") else 1.0)
        notes.append(f"{name}: {hit['source'].iloc[0]}" if "source" in hit else name)
    return total, "; ".join(notes)


def slug_of(name_ascii: str) -> str:
    """``"Ba Ria – Vung Tau"`` -> ``"ba-ria-vung-tau"``."""
    return re.sub(r"[^a-z0-9]+", "-", name_ascii.casefold()).strip("-")


def folder_name(place: str, admin_map: int = 2024) -> str:
    """``77_ba-ria-vung-tau`` (a 2024 province) or ``79_tp-ho-chi-minh`` (a 2025 unit), any spelling of the name."""
    reg = get_registry()
    if check_map(admin_map) == 2025:
        unit = reg.unit(place)
        return f"{unit.code}_{slug_of(unit.name_ascii)}"
    p = reg.province(place)
    return f"{p.code}_{slug_of(p.name_ascii)}"


def profile_dir_for(province: str, profiles_dir: Path = PROFILES_DIR, admin_map: int = 2024) -> Path:
    """The built home ``data/profiles/<map>/<code>_<slug>`` of a province or unit (any spelling)."""
    return Path(profiles_dir) / str(check_map(admin_map)) / folder_name(province, admin_map)


def user_dir_for(province: str, admin_map: int = 2024, root: Path = USER_PROFILES_DIR) -> Path:
    """The user's half of a home, ``config/profiles/<map>/<code>_<slug>``: official inventory, overrides."""
    return Path(root) / str(check_map(admin_map)) / folder_name(province, admin_map)


def _issue(file: str, message: str, rule: str, column: str | None = None, value=None) -> InputError:
    return InputError([Issue(file=file, column=column, value=value, rule=rule, message=message)])


def _check_sector_maps(config: ProfileConfig, sectors: tuple[str, ...], label: str) -> None:
    """Every key names a known sector (a typo gets a suggestion) and every inventory sector has a value."""
    issues = []
    for key in ("sector_drivers", "elasticity", "intensity_rate"):
        block = getattr(config, key)
        for s in block:
            if s not in sector_keys():
                issues.append(
                    Issue(
                        file=label,
                        column=f"{key}.{s}",
                        rule="known sector",
                        message=f"unknown sector '{s}'{suggest(s, sector_keys(), list_known=False)}",
                    )
                )
        for s in sectors:
            if s not in block:
                issues.append(
                    Issue(
                        file=label,
                        column=f"{key}.{s}",
                        rule="every sector",
                        message=f"'{key}' has no value for sector '{s}' of the inventory",
                    )
                )
    if issues:
        raise InputError(issues)


def _official_inventory(folder: Path) -> Path | None:
    for name in OFFICIAL_INVENTORY:
        if (folder / name).is_file():
            return folder / name
    return None


def official_inventory_of(place: str, admin_map: int) -> Path | None:
    """The official inventory installed in the user's half of a place's home (``None`` when it has none)."""
    return _official_inventory(user_dir_for(place, admin_map))


def read_inventory(path: Path, province: str, admin_map: int = 2024) -> tuple[pd.DataFrame, int, str]:
    """An ``inventory``-kind file as (sector, gas, emissions_tco2e, source, notes), its year and GWP set.

    Empty values stay NaN (a sector not estimated or not reported); their ``notes`` say why.
    """
    table = read_checked(path, INVENTORY)
    label = paths.relative_to_project(path)
    years, gwps, provs = table["year"].dropna().unique(), table["gwp"].dropna().unique(), set(table["province"])
    if len(years) != 1:
        raise _issue(
            label,
            f"an inventory must cover one base year; found {sorted(int(y) for y in years)}",
            "one base year",
            "year",
        )
    other = {_place_of(p, admin_map) for p in provs} - {province}
    if other:
        raise _issue(
            label,
            f"the inventory is for {', '.join(map(str, sorted(other, key=str)))}, not {province}",
            "same province",
            "province",
        )
    emissions = [
        float("nan") if pd.isna(v) else float(to_tco2e(v, u, g, w))
        for v, u, g, w in zip(table["value"], table["unit"], table["gas"], table["gwp"], strict=True)
    ]
    out = pd.DataFrame(
        {
            "sector": table["sector"],
            "gas": table["gas"],
            "emissions_tco2e": emissions,
            "source": table.get("source", pd.Series([None] * len(table))),
            "notes": table.get("notes", pd.Series([None] * len(table))),
        }
    )
    return out, int(years[0]), str(gwps[0])


def _place_of(name: str, admin_map: int) -> str | None:
    """The place a province name in an inventory means on ``admin_map`` (a unit's file may name the unit or one of
    its former provinces' spellings; a 2024 file names the province)."""
    reg = get_registry()
    found = reg.try_resolve(str(name), admin_map=admin_map)
    if found is None and admin_map == 2025:  # a name of the 2025 unit written another way
        found = reg.try_resolve(str(name), admin_map=2024)
        found = reg.province(found).successor if found else None
    return reg.display_name(found) if found else None


def _missing_sectors(inventory: pd.DataFrame) -> dict[str, str]:
    """Sectors with no value at all, and the reason the file gives."""
    out = {}
    for sector, rows in inventory.groupby("sector", sort=False):
        if rows["emissions_tco2e"].isna().all():
            notes = [str(n) for n in rows["notes"].dropna().unique() if str(n).strip()]
            out[str(sector)] = "; ".join(notes) or "not estimated"
    return {s: out[s] for s in sector_keys() if s in out}


OVERRIDABLE_MAPS = ("sector_drivers", "elasticity", "intensity_rate", "growth", "assumptions")


def _merge_overrides(built: dict, overrides: object, label: str) -> dict:
    """The built profile with the user's ``profile.yaml`` on top: a top-level key replaces the built value, a key of
    ``sector_drivers``/``elasticity``/``intensity_rate``/``growth``/``assumptions`` replaces that one entry."""
    if not isinstance(overrides, dict):
        raise _issue(label, "the overrides must be a mapping of profile keys (see docs/profile_format.md)", "mapping")
    known = set(ProfileConfig.model_fields)
    unknown = [k for k in overrides if k not in known]
    if unknown:
        raise _issue(
            label,
            f"unknown profile key '{unknown[0]}'{suggest(str(unknown[0]), sorted(known))}",
            "known key",
            str(unknown[0]),
        )
    merged = dict(built)
    for key, value in overrides.items():
        if key in OVERRIDABLE_MAPS and isinstance(value, dict) and isinstance(built.get(key), dict):
            merged[key] = {**built[key], **value}
        else:
            merged[key] = value
    return merged


def load_profile(
    province: str,
    profile_dir: Path | str | None = None,
    *,
    admin_map: int = 2024,
    user_dir: Path | str | None = None,
) -> ProvinceProfile:
    """Load the profile of ``province`` (any spelling) on ``admin_map``: the built half from ``profile_dir`` (default
    ``data/profiles/<map>/<code>_<slug>``), the user's half from ``user_dir`` (default
    ``config/profiles/<map>/<code>_<slug>`` when ``profile_dir`` is not given).

    An official inventory (``inventory.csv``/``.xlsx`` in the user's half, or beside the built files) replaces the
    estimate: base year and GWP come from it, ``is_estimate`` is False and ``estimate_note`` empty. A
    ``profile.yaml`` in the user's half overrides keys of the built one.
    """
    from analysis.data.yamlio import load_yaml_file

    admin_map = check_map(admin_map)
    reg = get_registry()
    name = reg.display_name(reg.resolve(province, admin_map=admin_map))
    folder = Path(profile_dir) if profile_dir is not None else profile_dir_for(name, admin_map=admin_map)
    user = (
        Path(user_dir) if user_dir is not None else None if profile_dir is not None else user_dir_for(name, admin_map)
    )
    yaml_path = folder / PROFILE_FILE
    label = paths.relative_to_project(yaml_path)
    if not yaml_path.is_file():
        raise _issue(
            label,
            f"{name} has no profile here (the folder needs {PROFILE_FILE}); build the profiles with `netzero build`",
            "file exists",
        )
    data, label = load_yaml_file(yaml_path)
    files = [yaml_path]
    override = user / PROFILE_FILE if user is not None else None
    if override is not None and override.is_file():
        extra, extra_label = load_yaml_file(override)
        data = _merge_overrides(data if isinstance(data, dict) else {}, extra, extra_label)
        label = f"{label} + {extra_label}"
        files.append(override)
    config = validate_config(data, ProfileConfig, label)
    if reg.try_resolve(config.province, admin_map=admin_map) not in {name, reg.resolve(province, admin_map=admin_map)}:
        raise _issue(label, f"the profile is for '{config.province}', not {name}", "same province", "province")
    official = (_official_inventory(user) if user is not None else None) or _official_inventory(folder)
    inv_path = official or folder / config.inventory
    inventory, year, gwp = read_inventory(inv_path, name, admin_map)
    drv_path = folder / config.drivers
    drivers = read_checked(drv_path, DRIVERS).drop(columns=[ROW])
    if "is_estimate" in drivers:
        drivers["is_estimate"] = drivers["is_estimate"].isin(["yes", "true"])
    if official is None and config.gwp != gwp:
        raise _issue(label, f"gwp '{config.gwp}' differs from the inventory's '{gwp}'", "one GWP set", "gwp")
    missing = _missing_sectors(inventory)
    sectors = tuple(s for s in sector_keys() if s in set(inventory["sector"]) and s not in missing)
    _check_sector_maps(config, sectors, label)
    return ProvinceProfile(
        province=name,
        base_year=year,
        gwp=gwp,
        inventory=inventory,
        is_estimate=official is None and config.is_estimate,
        estimate_note="" if official is not None else config.estimate_note,
        drivers=drivers,
        sector_drivers={s: config.sector_drivers[s] for s in sectors},
        elasticity={s: float(config.elasticity[s]) for s in sectors},
        intensity_rate={s: float(config.intensity_rate[s]) for s in sectors},
        growth={d: sorted((p.start, p.end, p.rate) for p in periods) for d, periods in config.growth.items()},
        growth_range={
            d: [(p.low, p.high) for p in sorted(periods, key=lambda p: p.start)] for d, periods in config.growth.items()
        },
        growth_sources={
            d: [p.source for p in sorted(periods, key=lambda p: p.start)] for d, periods in config.growth.items()
        },
        files=[*files, inv_path, drv_path],
        path=folder,
        assumptions=dict(config.assumptions),
        missing=missing,
        inventory_file=inv_path,
        admin_map=admin_map,
        user_path=user,
    )
