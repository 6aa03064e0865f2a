"""Every province (or 2025 unit) side by side: base-year net emissions, per person, share of the country, BAU
growth to the target year, ranks — from each province's own profile and frozen BAU.

Input: the profiles in ``data/profiles`` with the user's half in ``config/profiles`` (an analyst's official inventory counts where it replaced the estimate,
and is labelled so). Output: :func:`national_table`, one row per province (``admin_map=2024``) or unit (``admin_map=2025``, the
sum of its provinces), and :func:`standing` — where one of them stands. Nothing is estimated here: a value a
profile lacks (e.g. population in its base year) is missing, with the reason in ``notes`` (JSON; :func:`missing_notes` reads it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.data.provinces import get_registry
from analysis.emissions.combine import combine_baselines

COLUMNS = (
    "province",
    "region",
    "base_year",
    "net_tco2e",
    "gross_tco2e",
    "population",
    "t_per_person",
    "share_pct",
    "bau_target_tco2e",
    "bau_growth_pct",
    "is_estimate",
    "source",
    "rank_net",
    "rank_per_person",
    "rank_growth",
    "notes",
)


def _population(profile) -> tuple[float, str]:
    from analysis.emissions.profile import base_year_population

    value, note = base_year_population(profile)
    return (np.nan, note) if value is None else (value, "")


def _notes(no_population: list[str], missing: dict[str, str]) -> str:
    """What a row lacks, as JSON (the reports word it in their language, :func:`missing_notes`): the members
    without a base-year population, and each sector not estimated with the reason its inventory gives."""
    if not no_population and not missing:
        return ""
    return json.dumps({"population": no_population, "sectors": dict(missing)}, ensure_ascii=False)


def missing_notes(notes: str) -> tuple[list[str], dict[str, str]]:
    """The members without a base-year population and the sectors not estimated (with reasons) of a row's ``notes``."""
    if not notes:
        return [], {}
    data = json.loads(notes)
    return list(data.get("population", [])), dict(data.get("sectors", {}))


def _not_allocated(year: int) -> float:
    """The nation's emissions no province holds (offshore oil and gas production) in ``year``, t CO2e (see
    :func:`analysis.emissions.national_sum.not_allocated`: a year after the national series is moved from its last)."""
    from analysis.emissions.national_sum import not_allocated

    line, _ = not_allocated(year, [year])
    return float(line["not_allocated_tco2e"].sum())


def _rank(values: pd.Series) -> pd.Series:
    """1 = largest; missing values get no rank."""
    return values.rank(ascending=False, method="min").astype("Int64")


def national_table(admin_map: int, target_year: int = 2030, *, cache: bool = True) -> pd.DataFrame:
    """One row per province or unit, in the columns of :data:`COLUMNS` (emissions in t CO2e, LULUCF included
    in ``net``; ``share_pct`` of the nation's net emissions — the rows and the line not allocated to a province
    (offshore oil and gas production, ``attrs["not_allocated_tco2e"]``); ranks 1 = largest).

    The same for every province's report: kept in :mod:`analysis.cache` under the profiles, ``data/raw`` and the
    code it was computed from (``cache=False`` computes it afresh).
    """
    if not cache:
        return _national_table(admin_map, target_year)
    from analysis import paths
    from analysis.cache import cached

    return cached(
        "national_table",
        lambda: _national_table(admin_map, target_year),
        files=(paths.PROFILES_DIR, paths.USER_PROFILES_DIR, paths.RAW_DIR),
        key=(int(admin_map), int(target_year)),
    )


@dataclass(frozen=True)
class Places:
    """Every province (``admin_map=2024``) or 2025 unit with its BAU: ``baselines[name]`` (a unit's is the sum of its
    provinces' until it is re-based on its own official inventory), ``members[name]`` (its provinces), and the
    provinces' own ``profiles`` and ``province_baselines``."""

    admin_map: int
    baselines: dict
    members: dict
    profiles: dict
    province_baselines: dict


def place_baselines(admin_map: int, only=None) -> Places:
    """The frozen BAU of every province or unit on ``admin_map`` (see :class:`Places`), or of the places named in
    ``only`` (display names on that map; the others are not read: a profile read and checked costs ~0.1 s)."""
    from analysis.emissions.bau import load_frozen_baselines, load_unit_own_baseline

    reg = get_registry()
    provinces = tuple(reg.display_name(p.name) for p in reg.provinces)
    if admin_map == 2025:
        groups = {reg.display_name(u.name): tuple(reg.display_name(c) for c in u.constituents) for u in reg.units_2025}
    else:
        groups = {p: (p,) for p in provinces}
    if only is not None:
        wanted = set(only)
        groups = {name: members for name, members in groups.items() if name in wanted}
        provinces = tuple(dict.fromkeys(m for members in groups.values() for m in members))
    profiles, baselines, _ = load_frozen_baselines(provinces)
    places = {}
    for name, members in groups.items():
        parts = {m: baselines[m] for m in members}
        b = parts[members[0]] if len(members) == 1 else combine_baselines(name, parts)
        own = load_unit_own_baseline(name) if admin_map == 2025 else None
        if own is not None and own[1] is not None:  # a unit re-based on its own official inventory
            b = own[1]
        places[name] = b
    return Places(admin_map, places, groups, profiles, baselines)


def _national_table(admin_map: int, target_year: int) -> pd.DataFrame:
    reg = get_registry()
    places = place_baselines(admin_map)
    profiles, baselines = places.profiles, places.province_baselines
    rows = []
    for name, members in places.members.items():
        b = places.baselines[name]
        people, no_population = 0.0, []
        for m in members:
            value, note = _population(profiles[m])
            people += value
            if note:
                no_population.append(m)
        bau = float(b.net()[b.year_index(target_year)]) if target_year in b.years else np.nan
        net0 = float(b.net()[0])
        official = [m for m in members if not baselines[m].is_estimate] or ([name] if not b.is_estimate else [])
        rows.append(
            {
                "province": name,
                "region": reg.region_of(members[0]) if admin_map == 2024 else "",
                "base_year": b.base_year,
                "net_tco2e": net0,
                "gross_tco2e": float(b.gross()[0]),
                "population": people,
                "t_per_person": net0 / people if people else np.nan,
                "bau_target_tco2e": bau,
                "bau_growth_pct": 100 * (bau / net0 - 1) if net0 > 0 else np.nan,
                "is_estimate": b.is_estimate,
                "source": "; ".join(
                    f"{m}: {(baselines[m] if m in baselines else b).source or 'official inventory'}" for m in official
                ),
                "notes": _notes(no_population, b.missing),
            }
        )
    table = pd.DataFrame(rows)
    line = _not_allocated(int(table["base_year"].max()))
    table["share_pct"] = 100 * table["net_tco2e"] / (table["net_tco2e"].sum() + line)
    table["rank_net"] = _rank(table["net_tco2e"])
    table["rank_per_person"] = _rank(table["t_per_person"])
    table["rank_growth"] = _rank(table["bau_growth_pct"])
    table.attrs.update(
        map=admin_map,
        target_year=target_year,
        base_years=sorted(set(table["base_year"])),
        units=len(table),
        not_allocated_tco2e=line,
    )
    return table[list(COLUMNS)].sort_values("net_tco2e", ascending=False).reset_index(drop=True)


@dataclass(frozen=True)
class Standing:
    """Where one province or unit stands in :func:`national_table` (ranks out of ``of``)."""

    province: str
    of: int
    rank_net: int
    rank_per_person: int | None
    rank_growth: int | None
    share_pct: float
    net_tco2e: float
    t_per_person: float
    bau_growth_pct: float
    national_t_per_person: float
    region: str
    region_rank: int | None
    region_size: int


def standing(table: pd.DataFrame, province: str) -> Standing:
    """The row of ``province`` (any spelling, on the table's map) with its ranks and the national per-person
    figure (the nation's net emissions — the rows and the line not allocated to a province — over the sum of
    people)."""
    reg = get_registry()
    name = reg.display_name(reg.resolve(province, admin_map=table.attrs.get("map", 2024)))
    hit = table[table["province"] == name]
    if hit.empty:
        raise KeyError(f"{province} is not in the table")
    r = hit.iloc[0]
    region_rows = table[table["region"] == r["region"]] if r["region"] else table.iloc[0:0]
    region_rank = int(_rank(region_rows["net_tco2e"])[hit.index[0]]) if len(region_rows) else None
    people = table["population"].sum(min_count=1)

    def _int(value):
        return None if pd.isna(value) else int(value)

    return Standing(
        province=name,
        of=len(table),
        rank_net=int(r["rank_net"]),
        rank_per_person=_int(r["rank_per_person"]),
        rank_growth=_int(r["rank_growth"]),
        share_pct=float(r["share_pct"]),
        net_tco2e=float(r["net_tco2e"]),
        t_per_person=float(r["t_per_person"]),
        bau_growth_pct=float(r["bau_growth_pct"]),
        national_t_per_person=float((table["net_tco2e"].sum() + table.attrs.get("not_allocated_tco2e", 0.0)) / people)
        if people
        else np.nan,
        region=str(r["region"]),
        region_rank=region_rank,
        region_size=len(region_rows),
    )
