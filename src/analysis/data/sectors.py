"""The inventory sectors, one table: ``data/raw/project/sectors.csv`` (kind ``sectors``, provenance in ``SOURCES.csv``).

Every list, group, colour and name of a sector in the code is derived from this table; a new sector is one row here
(plus its BAU rule in ``project/bau_sector_rules.csv`` and, for the national estimate, its figure in the data it
names). One row per sector:

| column | what |
|---|---|
| ``key`` | the sector key used in inventories and pathways (``Energy|Power``) |
| ``order`` | position in every table and chart (ascending; unique) |
| ``iamc_variable`` | its IAMC variable (``Emissions|Kyoto Gases|Energy|Power``); an energy sector sits under ``…|Energy|`` |
| ``name_vi``, ``name_en`` | its name in a report |
| ``colour`` | its colour in every chart (``#RRGGBB``) |
| ``energy`` | ``yes`` for an energy sector (IPCC 1), summed as ``…|Energy`` and in the national energy share |
| ``d896_group``, ``d896_label`` | its Decision 896/QĐ-TTg group and how ``national/ndc_targets.csv`` names it (blank: none) |
| ``edgar_category`` | the EDGAR v9 category of ``national/national_inventory.csv`` that gives its national share |
| ``gpc_sector`` | its GPC sector (Stationary Energy, Transportation, Waste, IPPU, AFOLU), for city inventories |
| ``proxy`` | the proxy that allocates it to provinces (:mod:`analysis.inventory.proxies`; blank: not allocated) |
| ``national_estimate`` | how the national figure is made: ``edgar_share``, ``ndc_implied_flux`` or ``not_estimated`` |
| ``notes`` | the IPCC category and anything a reader should know |

:func:`load_sectors` returns :class:`Sectors` (cached per file); :func:`sector_keys` the keys in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.data.readers import ROW
from analysis.data.schemas import Column, RowRule, TableSchema, read_checked
from analysis.errors import Issue

ROOT_VARIABLE = "Emissions|Kyoto Gases"
NATIONAL_ESTIMATES = ("edgar_share", "ndc_implied_flux", "not_estimated")
GPC_SECTORS = ("Stationary Energy", "Transportation", "Waste", "IPPU", "AFOLU")
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
_TEXT = {"dtype": "str", "required": False, "nullable": True}


def _blank(series: pd.Series) -> pd.Series:
    return series.isna() | series.astype(str).str.strip().eq("")


def _unique_order(frame: pd.DataFrame, file: str) -> list[Issue]:
    dup = frame[frame["order"].duplicated(keep="first") & frame["order"].notna()]
    return [
        Issue(
            file=file,
            row=int(r[ROW]),
            column="order",
            value=int(r["order"]),
            rule="unique order",
            message=f"order {int(r['order'])} is already used by another sector",
        )
        for _, r in dup.iterrows()
    ]


SCHEMA = TableSchema(
    kind="sectors",
    description="the inventory sectors: key, order, IAMC variable, names, colour, groups, proxy, national estimate",
    columns=(
        Column("key", "str", description="sector key, e.g. Energy|Power"),
        Column("order", "int", min=0, max=10_000, description="position in tables and charts"),
        Column("iamc_variable", "str"),
        Column("name_vi", "str"),
        Column("name_en", "str"),
        Column("colour", "str", description="#RRGGBB"),
        Column("energy", "str", allowed=("yes", "no")),
        Column("d896_group", **_TEXT),
        Column("d896_label", **_TEXT),
        Column("edgar_category", **_TEXT),
        Column("gpc_sector", "str", allowed=GPC_SECTORS),
        Column("proxy", **_TEXT),
        Column("national_estimate", "str", allowed=NATIONAL_ESTIMATES),
        Column("notes", **_TEXT),
    ),
    key=("key",),
    extra_columns="forbid",
    rules=(
        RowRule(
            "colour #RRGGBB",
            "colour",
            "the colour must be written #RRGGBB",
            lambda df: df["colour"].map(lambda c: bool(_HEX.match(str(c)))),
        ),
        RowRule(
            "IAMC variable under the root",
            "iamc_variable",
            f"the IAMC variable must start '{ROOT_VARIABLE}|' (an energy sector: '{ROOT_VARIABLE}|Energy|')",
            lambda df: pd.Series(
                [
                    str(v).startswith(f"{ROOT_VARIABLE}|Energy|" if e == "yes" else f"{ROOT_VARIABLE}|")
                    for v, e in zip(df["iamc_variable"], df["energy"], strict=True)
                ],
                index=df.index,
            ),
        ),
        RowRule(
            "EDGAR category for an EDGAR share",
            "edgar_category",
            "national_estimate 'edgar_share' needs the EDGAR category, and only it does",
            lambda df: (df["national_estimate"] == "edgar_share") == ~_blank(df["edgar_category"]),
        ),
        RowRule(
            "Decision 896 group and label together",
            "d896_label",
            "give both d896_group and d896_label, or neither",
            lambda df: _blank(df["d896_group"]) == _blank(df["d896_label"]),
        ),
    ),
    table_rules=(_unique_order,),
)


@dataclass(frozen=True)
class Sector:
    """One row of the sectors table (see the module docstring)."""

    key: str
    order: int
    iamc_variable: str
    name_vi: str
    name_en: str
    colour: str
    energy: bool
    d896_group: str
    d896_label: str
    edgar_category: str
    gpc_sector: str
    proxy: str
    national_estimate: str
    notes: str
    row: int = 0  # its line in the file (for messages)

    def name(self, lang: str) -> str:
        """Its name in ``lang`` (``vi`` or ``en``)."""
        if lang not in ("vi", "en"):
            raise ValueError(f"lang must be one of vi, en, not {lang!r}")
        return self.name_vi if lang == "vi" else self.name_en


@dataclass(frozen=True)
class Sectors:
    """The sectors in table order; ``sectors["IPPU"]`` is a :class:`Sector`, ``"IPPU" in sectors`` works."""

    rows: tuple[Sector, ...]
    file: str = ""

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __contains__(self, key: object) -> bool:
        return any(s.key == key for s in self.rows)

    def __getitem__(self, key: str) -> Sector:
        for s in self.rows:
            if s.key == key:
                return s
        raise KeyError(f"unknown sector '{key}' (sectors: {', '.join(self.keys())}; table {self.file})")

    def keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.rows)

    def where(self, **conditions) -> tuple[str, ...]:
        """The keys of the sectors whose fields equal ``conditions`` (``where(energy=True)``), in table order."""
        return tuple(s.key for s in self.rows if all(getattr(s, k) == v for k, v in conditions.items()))

    def ordered(self, keys) -> tuple[str, ...]:
        """``keys`` that are sectors, in table order."""
        wanted = set(keys)
        return tuple(k for k in self.keys() if k in wanted)


@lru_cache(maxsize=4)
def _load(path: str, _mtime: int) -> Sectors:
    table = read_checked(path, SCHEMA).sort_values("order", kind="stable")
    text = {c: table[c].fillna("").astype(str).str.strip() for c in table.columns if c not in (ROW, "order")}
    rows = tuple(
        Sector(
            key=text["key"].iloc[i],
            order=int(table["order"].iloc[i]),
            iamc_variable=text["iamc_variable"].iloc[i],
            name_vi=text["name_vi"].iloc[i],
            name_en=text["name_en"].iloc[i],
            colour=text["colour"].iloc[i],
            energy=text["energy"].iloc[i] == "yes",
            d896_group=text["d896_group"].iloc[i],
            d896_label=text["d896_label"].iloc[i],
            edgar_category=text["edgar_category"].iloc[i],
            gpc_sector=text["gpc_sector"].iloc[i],
            proxy=text["proxy"].iloc[i],
            national_estimate=text["national_estimate"].iloc[i],
            notes=text["notes"].iloc[i],
            row=int(table[ROW].iloc[i]),
        )
        for i in range(len(table))
    )
    return Sectors(rows=rows, file=paths.relative_to_project(path))


def load_sectors(path: Path | str | None = None) -> Sectors:
    """The sectors table (default: the register's file of kind ``sectors``), checked; cached until the file changes."""
    if path is None:
        from analysis.data.provenance import raw_file

        path = raw_file("sectors")
    path = Path(path)
    return _load(str(path), path.stat().st_mtime_ns if path.exists() else 0)


def sector_keys() -> tuple[str, ...]:
    """The sector keys in table order (the allowed values of every ``sector`` column)."""
    return load_sectors().keys()
