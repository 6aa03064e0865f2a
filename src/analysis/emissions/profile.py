"""Province profiles: the base-year inventory, driver history and BAU assumptions of one province.

A profile is a folder ``config/profiles/<code>_<slug>/`` (format: ``docs/profile_format.md``) holding

- ``profile.yaml``: province, base year, GWP set, the estimate label, and the BAU assumptions (driver of each
  sector, elasticities, intensity rates, growth of each driver by period, each with its source or the word
  "assumption" and its method) — validated by :class:`ProfileConfig`;
- ``inventory_estimate.csv`` (kind ``inventory``): the downscaled estimate shipped with the project;
- ``drivers.csv`` (kind ``drivers``): driver history (population, GRDP, sector GRDP …).

**An analyst with the real inventory drops ``inventory.csv`` (or ``inventory.xlsx``) into the folder**: it replaces
the estimate everywhere (base year, GWP set and totals are the inventory's; the estimate labels disappear). The
frozen BAU is not re-based silently: ``netzero rebase --province P`` does it, and until then every report shows
that the BAU is stale (:mod:`analysis.emissions.bau`).

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
from analysis.config.base import ConfigModel, load_config
from analysis.data.kinds import DRIVERS, GWP_SETS, INVENTORY
from analysis.data.provinces import get_registry
from analysis.data.readers import ROW
from analysis.data.schemas import read_checked
from analysis.data.sectors import sector_keys
from analysis.errors import InputError, Issue, suggest
from analysis.units import to_tco2e

PROFILES_DIR = paths.CONFIG_DIR / "profiles"
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

    @property
    def sectors(self) -> tuple[str, ...]:
        """Sectors with a value in the inventory, in the sectors table's order."""
        present = set(self.inventory.loc[self.inventory["emissions_tco2e"].notna(), "sector"])
        return tuple(s for s in sector_keys() if s in present)

    def sector_emissions(self) -> pd.Series:
        """Base-year emissions per sector (t CO2e, all gases summed; missing sectors left out)."""
        known = self.inventory[self.inventory["emissions_tco2e"].notna()]
        return known.groupby("sector")["emissions_tco2e"].sum().reindex(self.sectors)

    def file_hashes(self) -> dict[str, str]:
        """sha256 of each file used, by name (what the frozen BAU records, to say which file changed)."""
        return {Path(f).name: hashlib.sha256(Path(f).read_bytes()).hexdigest() for f in self.files}

    def inputs_hash(self) -> str:
        """One sha256 over the files used, in a stable order (the frozen BAU's vintage)."""
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


def read_inventory(path: Path, province: str) -> tuple[pd.DataFrame, int, str]:
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
    other = {get_registry().try_resolve(p) for p in provs} - {province}
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


def _missing_sectors(inventory: pd.DataFrame) -> dict[str, str]:
    """Sectors with no value at all, and the reason the file gives."""
    out = {}
    for sector, rows in inventory.groupby("sector", sort=False):
        if rows["emissions_tco2e"].isna().all():
            notes = [str(n) for n in rows["notes"].dropna().unique() if str(n).strip()]
            out[str(sector)] = "; ".join(notes) or "not estimated"
    return {s: out[s] for s in sector_keys() if s in out}


def load_profile(province: str, profile_dir: Path | str | None = None) -> ProvinceProfile:
    """Load the profile of ``province`` (any spelling) from ``profile_dir`` or ``config/profiles/<code>_<slug>``.

    An official inventory (``inventory.csv``/``.xlsx``) in the folder replaces the estimate: base year and
    GWP come from it, ``is_estimate`` is False and ``estimate_note`` empty.
    """
    name = get_registry().resolve(province)
    folder = Path(profile_dir) if profile_dir is not None else profile_dir_for(name)
    yaml_path = folder / PROFILE_FILE
    label = paths.relative_to_project(yaml_path)
    if not yaml_path.is_file():
        raise _issue(
            label,
            f"{name} has no profile here (the folder needs {PROFILE_FILE}); build the profiles with `netzero build`",
            "file exists",
        )
    config, label = load_config(yaml_path, ProfileConfig)
    if get_registry().try_resolve(config.province) != name:
        raise _issue(label, f"the profile is for '{config.province}', not {name}", "same province", "province")
    official = _official_inventory(folder)
    inv_path = official or folder / config.inventory
    inventory, year, gwp = read_inventory(inv_path, name)
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
        files=[yaml_path, inv_path, drv_path],
        path=folder,
        assumptions=dict(config.assumptions),
        missing=missing,
        inventory_file=inv_path,
    )
