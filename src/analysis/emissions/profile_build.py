"""Build the home of every province and unit from ``data/raw``: the shipped ``data/profiles/`` are this step's output.

For each of the 63 provinces (``netzero build``), in ``data/profiles/2024/<code>_<slug>/``:

1. ``inventory_estimate.csv`` — the national, reconciled estimate of the base year
   (:func:`analysis.inventory.estimate_inventory`), kind ``inventory``, every row labelled an indicative estimate;
2. ``drivers.csv`` — the driver history the province has in the GSO tables (population, urban population, paddy
   area, forest area) and its thermal capacity, with a derived base-year population;
3. ``profile.yaml`` — the BAU assumptions of :mod:`analysis.emissions.bau_defaults` (sector drivers, elasticities,
   intensity trends, the growth of each driver by period with its range and source);
4. the frozen BAU (``bau_frozen.csv`` + ``.json``), re-frozen only when the inputs changed (a province with an
   official inventory in ``config/profiles/2024/…`` is never touched; its BAU is re-based by ``netzero rebase``).

For each of the 34 units of 1 July 2025, in ``data/profiles/2025/<code>_<slug>/``: the sum of its former provinces'
estimates and driver histories and their assumptions combined by emission weight
(:mod:`analysis.emissions.unit_profile`) — the home its own official inventory goes to. Its BAU stays the sum of its
former provinces' frozen BAUs (:mod:`analysis.emissions.combine`) until that inventory is re-based.
Every file is written atomically; :func:`compare_profiles` says which shipped file differs from a rebuild.
"""

from __future__ import annotations

import filecmp
import tempfile
from pathlib import Path

import pandas as pd
import yaml

from analysis.data.provinces import get_registry
from analysis.emissions.bau_defaults import default_growth, sector_settings
from analysis.emissions.profile import PROFILE_FILE, PROFILES_DIR, profile_dir_for, user_dir_for
from analysis.io import atomic_path, write_table

BASE_YEAR = 2023
ESTIMATE_NOTE = (
    "indicative estimate — replace with the official inventory. National sector emissions of {year} "
    "allocated to the 63 provinces with sector proxies (thermal fleet, paddy area and livestock, forest "
    "area, population, waste collected, road freight and passengers, FDI capital and industrial "
    "production, fugitive sites), reconciled so that the provinces add up to the national figure; method, "
    "fallbacks and validation in docs/downscaling.md."
)
HISTORY = {
    "population_avg": ("population", "thousand persons"),
    "population_avg_urban": ("urban_population", "thousand persons"),
    "paddy_planted_area": ("paddy_area", "thousand ha"),
    "forest_area_total": ("forest_area", "thousand ha"),
}
INVENTORY_COLUMNS = ["province", "year", "sector", "gas", "value", "unit", "gwp", "source", "notes"]


def build_drivers(province: str, base_year: int = BASE_YEAR) -> pd.DataFrame:
    """Driver history of ``province`` (kind ``drivers``) from the GSO tables, plus the base-year population
    derived from the last GSO year and the national growth since (Our World in Data), labelled an estimate."""
    from analysis.data.provinces63 import load_gso_proxies
    from analysis.data.raw import load_owid

    gso = load_gso_proxies()
    mine = gso[(gso["province"] == province) & gso["variable"].isin(list(HISTORY))]
    rows = [
        {
            "province": province,
            "year": int(r.year),
            "variable": HISTORY[r.variable][0],
            "value": float(r.value),
            "unit": HISTORY[r.variable][1],
            "source": f"GSO ({r.source})",
            "is_estimate": "no",
        }
        for r in mine.itertuples()
        if pd.notna(r.value)
    ]
    pop = [r for r in rows if r["variable"] == "population"]
    if pop:
        last = max(pop, key=lambda r: r["year"])
        owid = load_owid().set_index("year")["population"]
        factor = float(owid[base_year] / owid[last["year"]])
        rows.append(
            {
                "province": province,
                "year": base_year,
                "variable": "population",
                "value": round(last["value"] * factor, 1),
                "unit": "thousand persons",
                "source": f"derived: GSO {last['year']} × national growth {last['year']}–{base_year} "
                f"(Our World in Data, ×{factor:.4f})",
                "is_estimate": "yes",
            }
        )
    frame = pd.DataFrame(rows, columns=["province", "year", "variable", "value", "unit", "source", "is_estimate"])
    return frame.sort_values(["variable", "year"]).reset_index(drop=True)


def build_profile_spec(province: str, inventory: pd.DataFrame, base_year: int = BASE_YEAR) -> dict:
    """The content of ``profile.yaml`` for ``province`` with the inventory ``inventory``."""
    from analysis.data.outlook import load_bau_outlook
    from analysis.data.sectors import sector_keys

    present = [s for s in sector_keys() if s in set(inventory.loc[inventory["value"].notna(), "sector"])]
    drivers, elasticity, intensity, basis = sector_settings(tuple(present))
    growth = default_growth(province, base_year, tuple(present), load_bau_outlook())
    return {
        "province": province,
        "base_year": int(base_year),
        "gwp": str(inventory["gwp"].iloc[0]),
        "inventory": "inventory_estimate.csv",
        "drivers": "drivers.csv",
        "is_estimate": True,
        "estimate_note": ESTIMATE_NOTE.format(year=base_year),
        "sector_drivers": drivers,
        "elasticity": elasticity,
        "intensity_rate": intensity,
        "growth": growth,
        "assumptions": {s: text for s, text in basis.items()},
    }


def _write_spec(folder: Path, spec: dict, province: str, admin_map: int) -> None:
    with atomic_path(folder / PROFILE_FILE) as tmp:
        text = yaml.safe_dump(spec, allow_unicode=True, sort_keys=False, width=110)
        tmp.write_text(
            f"# Profile — {province} ({admin_map} map): built by `netzero build` from data/raw (format: "
            "docs/profile_format.md). Do not edit: put overrides of any key in "
            f"config/profiles/{admin_map}/{folder.name}/profile.yaml, then "
            f'`netzero rebase --province "{province}"{" --map 2024" if admin_map == 2024 else ""}`.\n' + text,
            encoding="utf-8",
        )


def write_profile(
    province: str, inventory: pd.DataFrame, profiles_dir: Path | str = PROFILES_DIR, base_year: int = BASE_YEAR
) -> Path:
    """Write the three profile files of ``province`` into its folder (2024 map); return the folder."""
    folder = profile_dir_for(province, Path(profiles_dir))
    spec = build_profile_spec(province, inventory, base_year)
    write_table(inventory[INVENTORY_COLUMNS], folder / "inventory_estimate.csv")
    write_table(build_drivers(province, base_year), folder / "drivers.csv")
    _write_spec(folder, spec, province, 2024)
    return folder


def write_unit_profile(unit: str, profiles_dir: Path | str = PROFILES_DIR) -> Path:
    """Write the home of the 2025 ``unit`` from its former provinces' built profiles (already written in
    ``profiles_dir``); return the folder."""
    from analysis.emissions.profile import load_profile
    from analysis.emissions.unit_profile import unit_drivers, unit_inventory, unit_profile_spec

    reg = get_registry()
    members = [reg.display_name(c) for c in reg.unit(unit).constituents]
    name = reg.display_name(reg.unit(unit).name)
    root = Path(profiles_dir)
    built = {m: profile_dir_for(m, root) for m in members}
    profiles = {m: load_profile(m, built[m]) for m in members}
    inventories = {m: pd.read_csv(built[m] / "inventory_estimate.csv") for m in members}
    drivers = {m: pd.read_csv(built[m] / "drivers.csv") for m in members}
    folder = profile_dir_for(name, root, admin_map=2025)
    inventory = unit_inventory(name, inventories)
    first = yaml.safe_load((built[members[0]] / PROFILE_FILE).read_text(encoding="utf-8"))
    base_spec = {
        "province": name,
        "base_year": int(inventory["year"].iloc[0]),
        "gwp": str(inventory["gwp"].iloc[0]),
        "inventory": "inventory_estimate.csv",
        "drivers": "drivers.csv",
        "is_estimate": True,
        "estimate_note": first["estimate_note"],
    }
    write_table(inventory[INVENTORY_COLUMNS], folder / "inventory_estimate.csv")
    write_table(unit_drivers(name, drivers), folder / "drivers.csv")
    _write_spec(folder, unit_profile_spec(name, profiles, inventory, base_spec), name, 2025)
    return folder


def freeze_if_changed(folder: Path, province: str, user_dir: Path | None = None) -> bool:
    """Freeze the BAU of the profile in ``folder`` (with the user's half ``user_dir``) when it has none or its inputs
    changed; True when frozen."""
    from analysis.emissions.bau import changed_inputs, frozen_bau_path, load_frozen_bau, rebase_bau
    from analysis.emissions.profile import load_profile

    profile = load_profile(province, folder, user_dir=user_dir)
    path = frozen_bau_path(profile)
    if path.is_file() and not changed_inputs(load_frozen_bau(path), profile):
        return False
    if profile.inventory_file is not None and profile.inventory_file.name != "inventory_estimate.csv":
        return False  # an official inventory is re-based by the analyst (netzero rebase), never by the build
    rebase_bau(profile, path)
    return True


def build_profiles(
    profiles_dir: Path | str = PROFILES_DIR,
    provinces: list[str] | None = None,
    base_year: int = BASE_YEAR,
    freeze: bool = True,
) -> list[Path]:
    """Build (and freeze) the profiles of ``provinces`` (default: all 63) and the homes of the 2025 units made only of
    provinces built here (all 34 by default); return the folders."""
    from analysis.inventory import estimate_inventory

    reg = get_registry()
    names = provinces or [p.name for p in reg.provinces]
    table = estimate_inventory(base_year, admin_map=2024)
    folders = []
    built = set()
    for name in names:
        canonical = reg.display_name(reg.resolve(name))
        inventory = table[table["province"] == canonical].reset_index(drop=True)
        folder = write_profile(canonical, inventory, profiles_dir, base_year)
        if freeze:
            user = user_dir_for(canonical) if Path(profiles_dir) == PROFILES_DIR else None
            freeze_if_changed(folder, canonical, user)
        folders.append(folder)
        built.add(canonical)
    for unit in reg.units_2025:
        if {reg.display_name(c) for c in unit.constituents} <= built:
            folders.append(write_unit_profile(unit.name, profiles_dir))
    return folders


DIGEST_FILE = ".build-digest"


BUILD_MODULE = "analysis.emissions.profile_build"


def build_digest() -> str:
    """sha256 over ``data/raw`` and the code the build runs: what the shipped profiles were built from.

    The code is every module this one imports, directly or not (:func:`analysis.fingerprint.module_closure`,
    read from the source): computed, so a module added to the build (``analysis.units``, ``analysis.io``, ``analysis.config.base``
    …) counts without anyone listing it.
    """
    import hashlib

    from analysis import paths
    from analysis.fingerprint import hash_modules, module_closure

    digest = hashlib.sha256(hash_modules(module_closure(BUILD_MODULE)).encode() + b"\0")
    for f in sorted(p for p in paths.RAW_DIR.rglob("*") if p.is_file()):
        digest.update(paths.relative_to_project(f).encode() + b"\0" + f.read_bytes())
    return digest.hexdigest()


def build_profiles_if_stale(profiles_dir: Path | str = PROFILES_DIR, *, force: bool = False) -> list[Path] | None:
    """Rebuild every profile when ``data/raw`` or the code changed since the last build (or ``force``); ``None``
    when they are current."""
    stamp = Path(profiles_dir) / DIGEST_FILE
    digest = build_digest()
    if not force and stamp.is_file() and stamp.read_text().strip() == digest:
        return None
    folders = build_profiles(profiles_dir)
    with atomic_path(stamp) as tmp:
        tmp.write_text(digest + "\n", encoding="utf-8")
    return folders


def compare_profiles(profiles_dir: Path | str = PROFILES_DIR, provinces: list[str] | None = None) -> list[str]:
    """Files of the shipped profiles that differ from a fresh build (empty list: the shipped ones are current)."""
    with tempfile.TemporaryDirectory() as tmp:
        build_profiles(tmp, provinces, freeze=False)
        different = []
        for f in sorted(p for p in Path(tmp).rglob("*") if p.is_file()):
            name = f.relative_to(tmp).as_posix()
            shipped = Path(profiles_dir) / name
            if not shipped.is_file() or not filecmp.cmp(f, shipped, shallow=False):
                different.append(name)
        return different
