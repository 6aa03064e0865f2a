"""What the project knows about one province or 2025 unit, and where each number comes from.

Inputs: the province registry, the PGI table (:func:`analysis.data.raw.load_pgi`) and the provenance register
``data/raw/SOURCES.csv``. Output: :class:`ProvinceFacts` — identity (name, code, region, the 2025 unit it joined or
the provinces a unit was made of), the published PGI rows and the register of sources. Worded by
:mod:`analysis.narrative.overview`; shown by ``notebooks/00_data_overview``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass
class ProvinceFacts:
    """Identity, PGI rows and sources of a province (``map`` 2024) or a 2025 unit (``map`` 2025)."""

    name: str
    map: int
    code: str
    name_en: str
    region: str
    region_vi: str
    successor: str  # the 2025 unit (map 2024), or the unit itself (map 2025)
    constituents: tuple[str, ...]  # the 2024 provinces of the 2025 unit (one for an unchanged one)
    merged: bool  # the 2025 unit joined several provinces
    pgi: pd.DataFrame  # province, year, pgi_score, pgi_rank (published), for the province or the constituents
    sources: pd.DataFrame  # the register (national files and this province's): path, title, title_vi, publisher …


def collect_facts(province: str, admin_map: int | None = None) -> ProvinceFacts:
    """The facts of ``province`` (any spelling) on ``admin_map`` (``None``/0: the registry decides, as for a run)."""
    from analysis.data.provenance import load_sources
    from analysis.data.provinces import get_registry
    from analysis.data.raw import load_pgi

    reg = get_registry()
    place = reg.locate(province, admin_map or None)
    admin_map = place.admin_map
    unit = reg.unit(place.constituents[0])
    constituents = tuple(reg.display_name(c) for c in unit.constituents)
    if admin_map == 2025:
        first = reg.province(unit.constituents[0])
        name, code, name_en = reg.display_name(unit.name), unit.code, unit.name_ascii
        members = list(unit.constituents)
    else:
        first = reg.province(place.name)
        name, code, name_en = reg.display_name(first.name), first.code, first.name_en
        members = [first.name]
    table = load_pgi()
    pgi = table[table["province"].isin(members)][["province", "year", "pgi_score", "pgi_rank"]]
    src = load_sources()
    sources = pd.DataFrame(
        [
            {
                k: getattr(s, k)
                for k in (
                    "path",
                    "title",
                    "title_vi",
                    "publisher",
                    "url",
                    "licence",
                    "licence_vi",
                    "date_accessed",
                    "notes",
                    "sha256",
                )
            }
            for s in src
            if not s.province or reg.display_name(reg.resolve(s.province)) in {reg.display_name(m) for m in members}
        ]
    )
    return ProvinceFacts(
        name=name,
        map=admin_map,
        code=code,
        name_en=name_en,
        region=first.region,
        region_vi=first.region_vi,
        successor=reg.display_name(unit.name),
        constituents=constituents,
        merged=len(constituents) > 1,
        pgi=pgi.sort_values(["province", "year"]).reset_index(drop=True),
        sources=sources,
    )
