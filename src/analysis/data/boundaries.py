"""Province boundaries for maps: the 63 provinces (before July 2025) and the 34 units (from July 2025).

Inputs (``data/raw/provinces63``, see ``SOURCES.csv``): ``provinces_63.geojson`` (Open Development Mekong /
Department of Survey and Mapping, simplified) and ``provinces_34_2025_derived.geojson`` (the 63 polygons dissolved
by the 2025 merger map — derived, not an official 2025 boundary). Both are **CC BY-SA 4.0**: every map drawn from
them carries :data:`ATTRIBUTION` and :data:`LICENCE`.

Output of :func:`load_boundaries`: ``{canonical name: [polygon, …]}`` where a polygon is a list of rings
(``numpy`` arrays of lon/lat, the first ring the outer one). Every province or unit of the map must appear once.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from analysis import paths
from analysis.data.provinces import check_map, get_registry
from analysis.errors import InputError, Issue

KINDS = {2024: "boundaries_63", 2025: "boundaries_34"}  # the register's kind of each map's file
NAME_PROPERTY = {2024: "province_vi", 2025: "province_2025"}
ATTRIBUTION = "Open Development Mekong / Department of Survey and Mapping (Viet Nam)"
LICENCE = "CC BY-SA 4.0"


def _polygons(geometry: dict) -> list[list[np.ndarray]]:
    if geometry["type"] == "Polygon":
        return [[np.asarray(ring, dtype=float) for ring in geometry["coordinates"]]]
    if geometry["type"] == "MultiPolygon":
        return [[np.asarray(ring, dtype=float) for ring in poly] for poly in geometry["coordinates"]]
    raise ValueError(f"unsupported geometry type {geometry['type']!r}")


@lru_cache(maxsize=4)
def _read(path: str, admin_map: int) -> dict[str, list[list[np.ndarray]]]:
    shown = paths.relative_to_project(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        features = data["features"]
    except (OSError, ValueError, KeyError) as exc:
        raise InputError([Issue(file=shown, rule="GeoJSON FeatureCollection", message=str(exc))]) from exc
    registry = get_registry()
    expected = [p.name for p in registry.provinces] if admin_map == 2024 else [u.name for u in registry.units_2025]
    out: dict[str, list[list[np.ndarray]]] = {}
    issues = []
    for i, feature in enumerate(features, start=1):
        raw = feature.get("properties", {}).get(NAME_PROPERTY[admin_map])
        name = registry.try_resolve(str(raw), admin_map=admin_map) if raw else None
        if name is None or name in out:
            issues.append(
                Issue(
                    file=shown,
                    row=i,
                    column=NAME_PROPERTY[admin_map],
                    value=raw,
                    rule="one feature per name",
                    message=f"feature {i}: '{raw}' is unknown or repeated on the {admin_map} map",
                )
            )
            continue
        try:
            out[name] = _polygons(feature["geometry"])
        except (KeyError, TypeError, ValueError) as exc:
            issues.append(Issue(file=shown, row=i, column="geometry", rule="polygon geometry", message=str(exc)))
    missing = sorted(set(expected) - set(out))
    if missing:
        issues.append(Issue(file=shown, rule="every province drawn", message="no boundary for " + ", ".join(missing)))
    if issues:
        raise InputError(issues)
    return out


def load_boundaries(admin_map: int) -> dict[str, list[list[np.ndarray]]]:
    """The boundaries of the 63 provinces (``admin_map=2024``) or of the 34 units (``admin_map=2025``)."""
    from analysis.data.provenance import raw_file

    admin_map = check_map(admin_map)
    return _read(str(raw_file(KINDS[admin_map])), admin_map)


def read_boundaries(path: Path | str, admin_map: int) -> dict[str, list[list[np.ndarray]]]:
    """The boundaries in the GeoJSON file ``path`` of ``admin_map`` (checked: one feature per province, all drawn)."""
    return _read(str(path), check_map(admin_map))
