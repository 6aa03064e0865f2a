"""The sources catalogue: every table kind the project reads, declared once, here — nothing registers itself.

A raw file is declared by its row in ``data/raw/SOURCES.csv`` (path, ``kind``, provenance, sha256); its kind is
declared in :data:`KINDS` below: the schema that checks it and the loader that reads it (each defined beside its
loader in :mod:`analysis.data`). A new raw source of a known kind is one file plus one register row; a new kind is
one schema, one loader and one line here. Every command reads kinds from this module.

- :func:`get_kind` — a kind by name (an unknown name is a located error with the closest names);
- :func:`detect_kind` — the kind a header describes: of the kinds whose key columns it holds (every required
  column, for a kind without a key), the one it holds the largest share of the required columns of, then the most
  columns of; ties to the kind declared first (or, for a file, the first whose schema it passes); ``None`` when none fits;
- :func:`kind_of_file` — the kind of a file: its register row for a shipped file, else detected from its header;
- :func:`validate_file` — read a table and check it against its kind's schema (the typed table);
- :func:`check_file` — what ``netzero validate`` does: the schema, then the loader's own checks (weights that add
  up, every province drawn …), reporting which kind was used and how it was found;
- :func:`shipped_files` — every file the project ships under ``data/raw`` with its kind (the register itself too).
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import paths
from analysis.data import (
    bau_rules,
    boundaries,
    exchange,
    factors,
    gdp_growth,
    grdp,
    institutions,
    kinds,
    national,
    outlook,
    pgi_plan,
    provinces63,
    reporting_rules,
    sectors,
)
from analysis.data import raw as raw_tables
from analysis.data.provenance import load_sources
from analysis.data.readers import ROW, read_table
from analysis.data.schemas import Column, RowRule, TableSchema, find_column, validate_table
from analysis.errors import InputError, Issue

_TEXT = {"dtype": "str", "required": False, "nullable": True}
REGISTER = "SOURCES.csv"


# -- the register's and the registry's own tables -------------------------------------------------------------------
def _known_kind(df: pd.DataFrame) -> pd.Series:
    return df["kind"].isin(list(KINDS)) | df["kind"].isna()


SOURCES = TableSchema(
    kind="sources",
    description="the provenance register of data/raw: one row per raw file with its kind, source and sha256",
    columns=(
        Column("path", "str", description="path relative to data/raw"),
        Column("kind", "str", description="a kind of the catalogue (analysis.data.catalogue)"),
        Column("title", "str"),
        Column("title_vi", **_TEXT),
        Column("publisher", "str"),
        Column("url", **_TEXT),
        Column("date_accessed", "str"),
        Column("licence", "str"),
        Column("licence_vi", **_TEXT),
        Column("notes", **_TEXT),
        Column("sha256", "str"),
        Column("province", **_TEXT),
    ),
    key=("path",),
    rules=(
        RowRule("known kind", "kind", "the kind must be one of the catalogue's kinds", _known_kind),
        RowRule(
            "sha256 of 64 hex digits",
            "sha256",
            "the sha256 must be 64 hexadecimal digits",
            lambda df: df["sha256"].astype(str).str.fullmatch(r"[0-9a-f]{64}"),
        ),
        RowRule(
            "ISO date (YYYY-MM-DD)",
            "date_accessed",
            "dates must be written YYYY-MM-DD",
            lambda df: df["date_accessed"].astype(str).str.fullmatch(r"\d{4}-\d{2}-\d{2}"),
        ),
    ),
)
PROVINCE_CODES = TableSchema(
    kind="province_codes",
    description="GSO administrative codes of the 63 provinces (two digits)",
    columns=(Column("code", "str"), Column("province_vi", "province")),
    key=("code",),
    extra_columns="forbid",
    rules=(
        RowRule(
            "two-digit code",
            "code",
            "a province code is two digits (01–96)",
            lambda df: df["code"].astype(str).str.fullmatch(r"\d{2}"),
        ),
    ),
)
PROVINCE_ALIASES = TableSchema(
    kind="province_aliases",
    description="abbreviations, short forms and old spellings of province names, each with the province it means",
    columns=(Column("alias", "str"), Column("province_vi", "province"), Column("note", **_TEXT)),
    key=("alias", "province_vi"),
)


# -- the kinds ------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Kind:
    """A kind of input file: its schema (tables) or the properties that identify it (GeoJSON), and its loader.

    ``load(path)`` reads a file of this kind as the engines do and raises :class:`InputError` for what the schema
    alone cannot see (``None``: the schema is the whole check).
    """

    name: str
    description: str
    schema: TableSchema | None = None
    load: Callable[[Path], Any] | None = None
    properties: tuple[str, ...] = ()  # GeoJSON: feature properties every file of this kind has
    suffixes: tuple[str, ...] = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", "")


def _table(schema: TableSchema, load: Callable[[Path], Any] | None = None) -> Kind:
    return Kind(schema.kind, schema.description, schema=schema, load=load)


def _geojson(name: str, description: str, admin_map: int, prop: str) -> Kind:
    return Kind(
        name,
        description,
        load=lambda path: boundaries.read_boundaries(path, admin_map),
        properties=(prop,),
        suffixes=(".geojson", ".json"),
    )


# In order of precedence: when two kinds fit a header equally well, the first one listed is taken (the kinds an
# analyst brings come first; the shipped sources' own kinds after).
KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        # the tables an analyst brings (analysis.data.kinds)
        _table(kinds.PGI),
        _table(kinds.INVENTORY),
        _table(kinds.DRIVERS),
        _table(kinds.FACILITIES),
        _table(kinds.CREDITS),
        _table(kinds.PROVINCES),
        _table(kinds.EMISSIONS_SERIES, raw_tables.load_owid),
        _table(kinds.INDEX),
        # the shipped sources, each beside its loader
        _table(raw_tables.PCI, raw_tables.load_pci),
        _table(national.NATIONAL_INVENTORY, national.load_national_inventory),
        _table(national.NDC_TARGETS, national.load_ndc_targets),
        _table(national.EMISSION_FACTORS, national.load_grid_factors),
        _table(national.PROVINCIAL_INVENTORIES, national.load_provincial_inventories),
        _table(national.NATIONAL_PROXIES, national.load_national_proxies),
        _table(national.BRVT_FACTS, national.load_brvt_facts),
        _table(outlook.BAU_OUTLOOK, outlook.load_bau_outlook),
        _table(gdp_growth.GDP_GROWTH),
        _table(grdp.GRDP, grdp.load_grdp),
        _table(bau_rules.BAU_RULES, bau_rules.load_bau_rules),
        _table(sectors.SCHEMA, sectors.load_sectors),
        _table(factors.TIER1, factors.load_tier1_factors),
        _table(factors.FUGITIVE, factors.load_fugitive_sites),
        _table(factors.ELECTRICITY, factors.load_electricity_facts),
        _table(factors.SALES, factors.load_electricity_sales),
        _table(factors.UTILISATION, factors.load_utilisation),
        _table(institutions.AGENCIES, lambda path: institutions.build_institutions(agencies_file=path)),
        _table(institutions.LEGAL_DOCUMENTS, lambda path: institutions.build_institutions(documents_file=path)),
        _table(exchange.EXCHANGE_RATE, exchange.load_exchange_rates),
        _table(provinces63.GSO_PROXIES, provinces63.load_gso_proxies),
        _table(provinces63.FDI, provinces63.load_fdi),
        _table(provinces63.THERMAL_PLANTS, provinces63.load_thermal_plants),
        _table(provinces63.SECTOR_SPLIT, provinces63.load_sector_split),
        _table(pgi_plan.PGI_PLAN),
        _table(reporting_rules.REPORTING_RULES, reporting_rules.load_reporting_rules),
        _table(PROVINCE_CODES),
        _table(PROVINCE_ALIASES),
        _table(SOURCES, load_sources),
        _geojson("boundaries_63", "province boundaries, 63 provinces (GeoJSON)", 2024, "province_vi"),
        _geojson("boundaries_34", "province-level units from July 2025, 34 (GeoJSON)", 2025, "province_2025"),
    )
}


def get_kind(name: str, *, file: str | None = None) -> Kind:
    """The kind called ``name``; an unknown name is an :class:`InputError` naming the closest kinds."""
    if name in KINDS:
        return KINDS[name]
    close = difflib.get_close_matches(name, list(KINDS), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    raise InputError(
        [Issue(file=file, rule="known table kind", message=f"unknown kind '{name}' (known: {', '.join(KINDS)}){hint}")]
    )


# -- detection ------------------------------------------------------------------------------------------------------
def _fit(schema: TableSchema, columns: list[str]) -> tuple[float, int] | None:
    """The share of the schema's required columns the header holds, and how many of its columns it holds; ``None``
    when it lacks one that identifies the kind (its key, or every required column for a kind without a key). A missing
    required column outside the key is left to validation, which names it."""
    found = {c.name for c in schema.columns if find_column(columns, c) is not None}
    identifying = schema.key or tuple(schema.required)
    if not set(identifying) <= found:
        return None
    required = set(schema.required)
    return len(required & found) / max(len(required), 1), len(found)


def _candidates(columns: list[str]) -> list[str]:
    """The kinds that fit the header best: the largest share of their required columns, then the most columns;
    ties in declaration order."""
    scored = []
    for i, k in enumerate(KINDS.values()):
        fit = _fit(k.schema, columns) if k.schema is not None else None
        if fit is not None:
            scored.append((-fit[0], -fit[1], i, k.name))
    scored.sort()
    return [name for share, n, _, name in scored if (share, n) == scored[0][:2]]


def detect_kind(columns: list[str]) -> str | None:
    """The kind a table header describes (see the module docstring); ``None`` when nothing fits."""
    names = _candidates([str(c) for c in columns])
    return names[0] if names else None


def _register_kind(path: Path) -> str | None:
    """The kind the register gives a file under ``data/raw`` (the register itself is kind ``sources``)."""
    try:
        rel = path.resolve().relative_to(paths.RAW_DIR.resolve()).as_posix()
    except ValueError:
        return None
    if rel == REGISTER:
        return "sources"
    if not paths.SOURCES_FILE.is_file():
        return None
    return next((s.kind for s in load_sources() if s.path == rel), None)


def _geojson_kind(path: Path) -> str | None:
    try:
        features = json.loads(path.read_text(encoding="utf-8")).get("features") or [{}]
    except (OSError, ValueError, AttributeError):
        return None
    props = set((features[0] or {}).get("properties") or {})
    return next((k.name for k in KINDS.values() if k.properties and set(k.properties) <= props), None)


def _no_kind(shown: str, columns: list[str]) -> InputError:
    return InputError(
        [
            Issue(
                file=shown,
                row=1,
                rule="known table kind",
                message="cannot tell what kind of table this is from its header "
                f"({', '.join(columns)}); name it with --kind ({', '.join(KINDS)})",
            )
        ]
    )


# -- checking -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Checked:
    """What :func:`check_file` found: the kind and how it was found (``given``, ``register`` or ``header``), and the
    size of the table (rows, columns; for GeoJSON, features and properties)."""

    path: str
    kind: str
    found_by: str
    rows: int
    columns: int


def validate_file(path: str | Path, kind: str | None = None, *, sheet: str | int | None = None) -> pd.DataFrame:
    """Read one table and check it against its kind's schema; return the typed table (:func:`validate_table`).

    Without ``kind``, a shipped file takes its register kind and any other file the kind its header fits best; when
    several kinds fit equally, the first whose schema the file passes.
    """
    raw = read_table(path, sheet=sheet)
    if kind is None:
        kind = _register_kind(Path(path))
    if kind is not None:
        schema = get_kind(kind, file=raw.path).schema
        if schema is None:
            raise InputError([Issue(file=raw.path, rule="table kind", message=f"'{kind}' is not a table kind")])
        return validate_table(raw, schema)
    names = _candidates(raw.columns)
    if not names:
        raise _no_kind(raw.path, raw.columns)
    first_error = None
    for name in names:
        try:
            return validate_table(raw, KINDS[name].schema)
        except InputError as exc:
            first_error = first_error or exc
    raise first_error


def kind_of_file(path: str | Path, *, sheet: str | int | None = None) -> tuple[str, str]:
    """``(kind, how)``: the register's kind of a shipped file, else the kind detected from the file itself."""
    path = Path(path)
    registered = _register_kind(path)
    if registered is not None:
        return registered, "register"
    if path.suffix.lower() in (".geojson", ".json"):
        found = _geojson_kind(path)
        if found is None:
            raise InputError(
                [Issue(file=paths.relative_to_project(path), rule="known kind", message="not a GeoJSON file we know")]
            )
        return found, "header"
    raw = read_table(path, sheet=sheet)
    names = _candidates(raw.columns)
    if not names:
        raise _no_kind(raw.path, raw.columns)
    for name in names:
        try:
            validate_table(raw, KINDS[name].schema)
        except InputError:
            continue
        return name, "header"
    return names[0], "header"


def check_file(path: str | Path, kind: str | None = None, *, sheet: str | int | None = None) -> Checked:
    """``netzero validate``: the kind (given, from the register, or detected), the schema, then the loader's checks.

    Raises :class:`InputError` naming file, row, column and what is wrong.
    """
    path = Path(path)
    shown = paths.relative_to_project(path)
    how = "given"
    if kind is None:
        kind, how = kind_of_file(path, sheet=sheet)
    spec = get_kind(kind, file=shown)
    if spec.schema is not None:
        table = validate_table(read_table(path, sheet=sheet), spec.schema)
        rows, cols = len(table), len([c for c in table.columns if c != ROW])
    else:
        rows, cols = 0, 0
    if spec.load is not None and sheet is None:
        loaded = spec.load(path)
        if spec.schema is None:
            rows, cols = len(loaded), len(spec.properties)
    return Checked(path=shown, kind=kind, found_by=how, rows=rows, columns=cols)


def shipped_files() -> list[tuple[Path, str]]:
    """Every file the project ships under ``data/raw`` with its kind: the register, then its rows in order."""
    out = [(paths.SOURCES_FILE, "sources")]
    out += [(paths.RAW_DIR / s.path, s.kind) for s in load_sources()]
    return out


def describe_kinds() -> list[tuple[str, str, str]]:
    """``(kind, description, shipped file or "")`` for every kind, in precedence order (for ``--help``)."""
    files = {}
    for p, k in shipped_files():
        files.setdefault(k, paths.relative_to_project(p))
    return [(k.name, k.description, files.get(k.name, "")) for k in KINDS.values()]


__all__ = [
    "KINDS",
    "Checked",
    "Kind",
    "check_file",
    "describe_kinds",
    "detect_kind",
    "get_kind",
    "kind_of_file",
    "shipped_files",
    "validate_file",
]
