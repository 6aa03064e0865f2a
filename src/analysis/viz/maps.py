"""Choropleth maps of the 63 provinces (before July 2025) or the 34 units (from July 2025), matplotlib only.

Boundaries come from :func:`analysis.data.boundaries.load_boundaries` (Open Development Mekong / Department of
Survey and Mapping, CC BY-SA 4.0); every map prints that attribution and licence, and the 34-unit map says its
boundaries are derived by merging the 63. Geopandas is not needed: the files are small GeoJSON polygons drawn as
matplotlib paths (no reprojection beyond an aspect correction for the latitude).

- :func:`plot_choropleth` — any value per province or unit (e.g. a PGI score), discrete classes, a highlighted
  province, vi/en labels;
- :func:`plot_emissions_map` — net emissions (Mt CO2e, LULUCF included: forest provinces can be below zero);
- :func:`plot_emissions_per_person_map` — t CO2e per person.

The Hoàng Sa and Trường Sa archipelagos are drawn and named as the source draws them.
"""

from __future__ import annotations

import functools
import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.collections import PatchCollection
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path

from analysis.data.boundaries import LICENCE, load_boundaries
from analysis.data.provinces import check_map, get_registry
from analysis.i18n import fmt_number, t
from analysis.units import T_PER_MT
from analysis.viz.shared import drawn_once
from analysis.viz.style import A4_WIDTH_IN, HIGHLIGHT, MUTED, apply, finish

LAT_MID = 16.0  # aspect correction for an equirectangular lon/lat drawing of Viet Nam
EXTENT = (102.0, 113.4, 8.2, 23.6)  # mainland, coastal islands and Hoàng Sa; Trường Sa is drawn in an inset
INSET_EXTENT = (111.6, 117.2, 6.7, 11.8)  # Trường Sa archipelago (Khánh Hòa)
INSET_BOX = (110.2, 9.0, 3.15, 3.1)  # where the inset sits in the main map (lon, lat, width, height)
HOANG_SA_LABEL = (112.2, 17.25)
SEQUENTIAL = "YlOrRd"
NEGATIVE_COLOR = "#5AAE61"


def _ring_path(ring: np.ndarray, outer: bool) -> tuple[np.ndarray, list[int]]:
    x, y = ring[:, 0], ring[:, 1]
    ccw = (np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) > 0
    if ccw != outer:  # outer rings anticlockwise, holes clockwise (matplotlib fills by the non-zero rule)
        ring = ring[::-1]
    codes = [Path.MOVETO] + [Path.LINETO] * (len(ring) - 2) + [Path.CLOSEPOLY]
    return ring, codes


def _path(polygons: list[list[np.ndarray]]) -> Path:
    vertices, codes = [], []
    for polygon in polygons:
        for k, ring in enumerate(polygon):
            v, c = _ring_path(ring, outer=k == 0)
            vertices.append(v)
            codes += c
    return Path(np.concatenate(vertices), codes, readonly=True)  # shared by the maps of a process


def _step_125(x: float) -> float:
    """The largest 1-2-5 step (…, 0.5, 1, 2, 5, 10, …) not above ``x``."""
    base = 10 ** math.floor(math.log10(x))
    return base * (5 if x / base >= 5 else 2 if x / base >= 2 else 1)


def class_breaks(values: pd.Series, n: int = 5) -> list[float]:
    """Rounded class limits for ``values``: quantiles of the positive values, each rounded to a 1-2-5 step no
    coarser than the smallest gap between them nor than half its own order of magnitude; zero is a limit when
    negatives exist."""
    clean = values.dropna()
    positive = clean[clean > 0]
    breaks: list[float] = []
    if len(positive) > 1:
        qs = np.quantile(positive, np.linspace(0, 1, n + 1)[1:-1])
        gaps = np.diff(qs)
        gap = float(gaps[gaps > 0].min()) if (gaps > 0).any() else float(qs[0])
        for q in qs:
            step = min(_step_125(gap), 10 ** math.floor(math.log10(q)) / 2)
            nice = round(round(q / step) * step, 10)
            if nice > (breaks[-1] if breaks else 0):
                breaks.append(nice)
    return ([0.0] if (clean < 0).any() else []) + breaks


def _labels(breaks: list[float], lang: str, decimals: int) -> list[str]:
    edges = [fmt_number(b, lang, decimals) for b in breaks]
    labels = [f"< {edges[0]}"] + [f"{a} – {b}" for a, b in zip(edges[:-1], edges[1:], strict=True)]
    return labels + [f"≥ {edges[-1]}"]


def _colours(breaks: list[float], negative: bool, cmap: str) -> list:
    n = len(breaks) + 1 - (1 if negative else 0)
    seq = list(plt.get_cmap(cmap)(np.linspace(0.12, 0.95, n)))
    return ([NEGATIVE_COLOR] + seq) if negative else seq


def _display(name: str, admin_map: int, lang: str) -> str:
    registry = get_registry()
    if admin_map == 2024 and lang == "en":
        return registry.province(name).name_en
    return registry.display_name(name)


def _in_truong_sa(polygon: list[np.ndarray]) -> bool:
    lon, lat = polygon[0][:, 0].mean(), polygon[0][:, 1].mean()
    return INSET_EXTENT[0] <= lon <= INSET_EXTENT[1] and INSET_EXTENT[2] <= lat <= INSET_EXTENT[3]


@functools.lru_cache(maxsize=4)
def map_geometry(admin_map: int, inset: bool) -> tuple[dict[str, Path], tuple[Path, ...]]:
    """The outline of every province or unit of ``admin_map`` as one read-only path each, and the islands too
    small to show their fill; the main map without the Trường Sa polygons, the inset (``inset=True``) with only
    them. Built once per process: every map of a report, and every report of a batch's kernels (the template
    builds them before it forks), draws the same boundaries."""
    shapes = {n: [q for q in polys if _in_truong_sa(q) == inset] for n, polys in load_boundaries(admin_map).items()}
    shapes = {n: polys for n, polys in shapes.items() if polys}
    paths = {n: _path(polys) for n, polys in shapes.items()}
    small = tuple(_path([poly]) for polys in shapes.values() for poly in polys if np.ptp(poly[0], axis=0).max() < 0.15)
    return paths, small


def _draw(ax, admin_map: int, values: pd.Series, cmap_obj, norm, *, inset: bool = False) -> bool:
    """Fill the provinces or units on ``ax`` by value (hatched when missing); True when one is missing.

    The main map leaves out the Trường Sa polygons; the inset (``inset=True``) draws only them.
    """
    outlines, islands = map_geometry(admin_map, inset)
    names = list(outlines)
    data = np.array([values.get(n, np.nan) for n in names])
    has = ~np.isnan(data)
    paths = [outlines[n] for n in names]
    filled = PatchCollection(
        [PathPatch(q) for q, h in zip(paths, has, strict=True) if h],
        cmap=cmap_obj,
        norm=norm,
        edgecolor="white",
        linewidth=0.35,
    )
    filled.set_array(data[has])
    ax.add_collection(filled)
    if (~has).any():
        ax.add_collection(
            PatchCollection(
                [PathPatch(q) for q, h in zip(paths, has, strict=True) if not h],
                facecolor="#F2F2F2",
                edgecolor="white",
                hatch="////",
                linewidth=0.35,
            )
        )
    # Islands are too small to show their fill: outline them.
    small = [PathPatch(q) for q in islands]
    ax.add_collection(PatchCollection(small, facecolor="none", edgecolor="#777777", linewidth=0.3))
    ax.set_aspect(1 / math.cos(math.radians(LAT_MID)))
    ax.set_axis_off()
    return bool((~has).any())


def _resolve_values(values: pd.Series, admin_map: int) -> pd.Series:
    """``values`` re-indexed by canonical names; two entries naming one province or unit is an error."""
    registry = get_registry()
    out: dict[str, float] = {}
    seen: dict[str, str] = {}
    for key, value in values.items():
        name = registry.resolve(str(key), admin_map=admin_map)
        if name in out:
            raise ValueError(
                f"'{seen[name]}' and '{key}' are both {name} on the {admin_map} map: aggregate the values "
                "of merged provinces first (a sum for emissions, a weighted mean for scores)"
            )
        out[name], seen[name] = float(value), str(key)
    return pd.Series(out, dtype=float)


def plot_choropleth(
    values: pd.Series,
    *,
    title: str,
    legend_title: str,
    source: str,
    lang: str,
    admin_map: int,
    highlight: str | None = None,
    breaks: list[float] | None = None,
    decimals: int = 1,
    cmap: str = SEQUENTIAL,
    estimate: bool = False,
):
    """A choropleth of ``values`` (indexed by province or unit name, any spelling) in discrete classes.

    Provinces without a value are hatched and listed as "no data". ``highlight`` outlines one province or unit
    and prints its name and value. The Trường Sa archipelago is drawn in an inset. The attribution and licence of
    the boundaries are printed on the map. Returns the matplotlib Figure.
    """
    registry = get_registry()
    admin_map = check_map(admin_map)
    shapes = load_boundaries(admin_map)
    resolved = _resolve_values(values, admin_map)
    breaks = class_breaks(resolved) if breaks is None else list(breaks)
    negative = bool(breaks) and breaks[0] == 0.0 and (resolved < 0).any()
    colours = _colours(breaks, negative, cmap)
    cmap_obj = ListedColormap(colours)
    norm = BoundaryNorm([-1e300, *breaks, 1e300], cmap_obj.N)
    apply()
    fig, ax = plt.subplots(figsize=(A4_WIDTH_IN, A4_WIDTH_IN * 1.22))
    missing = _draw(ax, admin_map, resolved, cmap_obj, norm)
    ax.set_xlim(EXTENT[0], EXTENT[1])
    ax.set_ylim(EXTENT[2], EXTENT[3])
    inset = ax.inset_axes(INSET_BOX, transform=ax.transData)
    _draw(inset, admin_map, resolved, cmap_obj, norm, inset=True)
    inset.set_xlim(INSET_EXTENT[0], INSET_EXTENT[1])
    inset.set_ylim(INSET_EXTENT[2], INSET_EXTENT[3])
    inset.set_axis_on()
    inset.set_xticks([])
    inset.set_yticks([])
    for spine in inset.spines.values():
        spine.set_visible(True)
        spine.set_edgecolor(MUTED)
        spine.set_linewidth(0.6)
    inset.text(
        0.5,
        0.04,
        t("map_truong_sa", lang),
        transform=inset.transAxes,
        fontsize=6.5,
        color="#555555",
        ha="center",
        va="bottom",
        style="italic",
    )
    x, y = HOANG_SA_LABEL
    ax.text(x, y, t("map_hoang_sa", lang), fontsize=6.5, color="#555555", ha="center", va="bottom", style="italic")
    handles = [
        Patch(facecolor=c, edgecolor="none", label=lab)
        for c, lab in zip(colours, _labels(breaks, lang, decimals), strict=True)
    ][::-1]
    if missing:
        handles.append(Patch(facecolor="#F2F2F2", hatch="////", edgecolor=MUTED, label=t("map_no_data", lang)))
    if highlight is not None:
        _highlight(ax, registry.resolve(highlight, admin_map=admin_map), shapes, resolved, admin_map, lang, decimals)
    ax.legend(
        handles=handles,
        title=legend_title,
        loc="upper right",
        fontsize=7,
        title_fontsize=7.5,
        frameon=False,
        bbox_to_anchor=(1.0, 0.99),
    )
    credit = t("map_attribution", lang, licence=LICENCE) + (
        "; " + t("map_derived_2025", lang) if admin_map == 2025 else ""
    )
    finish(fig, ax, title=title, source=f"{source}. {credit}", lang=lang, estimate=estimate)
    return fig


def _highlight(ax, name: str, shapes, values: pd.Series, admin_map: int, lang: str, decimals: int) -> None:
    outline = [poly for poly in shapes[name] if np.ptp(poly[0], axis=0).max() >= 0.15 and not _in_truong_sa(poly)]
    ax.add_patch(PathPatch(_path(outline), facecolor="none", edgecolor=HIGHLIGHT, linewidth=1.6, zorder=5))
    ring = max((poly[0] for poly in shapes[name]), key=len)
    cx, cy = float(ring[:, 0].mean()), float(ring[:, 1].mean())
    value = values.get(name, np.nan)
    label = _display(name, admin_map, lang) + ("" if np.isnan(value) else f": {fmt_number(value, lang, decimals)}")
    # the label goes to open sea: the Gulf of Tonkin (north), east of the coast (centre), south of Côn Đảo (south)
    if cy >= 19.5:
        tx, ty = 107.3, 19.2
    elif cy >= 12.5:
        tx, ty = 109.8, min(cy, 15.3)
    else:
        tx, ty = 106.9, 8.45
    ax.annotate(
        label,
        xy=(cx, cy),
        xytext=(tx, ty),
        fontsize=7.5,
        fontweight="bold",
        color=HIGHLIGHT,
        va="center",
        arrowprops={"arrowstyle": "-", "color": HIGHLIGHT, "linewidth": 0.8},
        zorder=6,
    )


def _emissions_source(official: tuple[str, ...], lang: str) -> str:
    extra = t("map_source_official", lang, names=", ".join(official)) if official else ""
    return t("map_source_estimate", lang) + extra


def plot_emissions_map(
    totals_tco2e: pd.Series,
    *,
    year: int,
    lang: str,
    admin_map: int,
    highlight: str | None = None,
    gwp: str = "AR5",
    official: tuple[str, ...] = (),
):
    """Net emissions by province or unit (input in t CO2e, drawn in Mt CO2e); labelled an estimate, with the
    provinces whose official inventory replaced it (``official``) named in the source line."""
    return plot_choropleth(
        totals_tco2e / T_PER_MT,
        admin_map=admin_map,
        lang=lang,
        highlight=highlight,
        estimate=True,
        title=t("map_emissions_title", lang, units=t(f"map_units_{check_map(admin_map)}", lang), year=year),
        legend_title=t("map_unit_mt", lang, gwp=gwp),
        source=_emissions_source(official, lang),
    )


def plot_emissions_per_person_map(
    totals_tco2e: pd.Series,
    population: pd.Series,
    *,
    year: int,
    lang: str,
    admin_map: int,
    highlight: str | None = None,
    gwp: str = "AR5",
    official: tuple[str, ...] = (),
):
    """Net emissions per person (t CO2e) by province or unit; ``population`` in persons, same index."""
    per_person = totals_tco2e / population.reindex(totals_tco2e.index)
    return plot_choropleth(
        per_person,
        admin_map=admin_map,
        lang=lang,
        highlight=highlight,
        estimate=True,
        title=t("map_per_person_title", lang, units=t(f"map_units_{check_map(admin_map)}", lang), year=year),
        legend_title=t("map_unit_t_person", lang, gwp=gwp),
        source=_emissions_source(official, lang),
    )


@drawn_once
def plot_pgi_map(
    scores: pd.Series,
    *,
    year: int,
    lang: str,
    highlight: str | None = None,
):
    """PGI scores (0–40) by province of the 2024 map (the index is published for the 63 provinces); provinces
    without a score are shown as "no data"."""
    return plot_choropleth(
        scores,
        admin_map=2024,
        lang=lang,
        highlight=highlight,
        cmap="YlGn",
        decimals=2,  # VCCI publishes scores with two decimals; the map writes them as every report does
        title=t("map_pgi_title", lang, year=year),
        legend_title=t("map_pgi_legend", lang),
        source=t("map_source_pgi", lang),
    )
