"""Loaders for the cited factors of the inventory engine, ``data/raw/inventory`` (one source per row).

- :func:`load_tier1_factors` — ``tier1_factors.csv``: IPCC 2006 Tier-1 emission factors by fuel and animal, rice
  methane, and the operating and weighting assumptions (``basis`` = ``cited``, ``derived`` or ``assumption``);
- :func:`load_fugitive_sites` — ``fugitive_sites.csv``: where coal is mined and oil and gas are produced, processed
  or refined, with their weight within each activity (weights of an activity add up to 1): onshore sites in their
  province, offshore production in no province (``location`` = ``offshore``, province empty: the national line
  "not allocated to a province", docs/downscaling.md);
- :func:`load_electricity_facts` — ``electricity_facts.csv``: cited electricity figures of provinces (GPC scope 2);
- :func:`load_electricity_sales` — ``national/electricity_sales.csv``: the nation's commercial electricity and its split
  by customer category (EVN), the base of the provinces' consumption proxy of the GPC view
  (:mod:`analysis.emissions.views`);
- :func:`load_utilisation` — ``utilisation.csv``: the lowest and highest recent utilisation of thermal plants by
  fuel (the range of a province's power-sector BAU).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.data.provenance import raw_file
from analysis.data.readers import ROW
from analysis.data.schemas import Column, RowRule, TableSchema, read_checked
from analysis.errors import InputError, Issue

BASES = ("cited", "derived", "assumption")

_TEXT = {"dtype": "str", "required": False, "nullable": True}

TIER1 = TableSchema(
    kind="tier1_factors",
    description="emission factors and operating assumptions of the inventory engine, one cited row each",
    columns=(
        Column("factor", "str"),
        Column("value", "float", min=0, max=1e6),
        Column("unit", "str"),
        Column("basis", "str", allowed=BASES),
        Column("source", "str"),
        Column("reference", **_TEXT),
        Column("note", **_TEXT),
    ),
    key=("factor",),
)
LOCATIONS = ("onshore", "offshore")


def _offshore_has_no_province(df: pd.DataFrame) -> pd.Series:
    offshore = df["location"].eq("offshore") if "location" in df else pd.Series(False, index=df.index)
    return offshore == df["province"].isna()


FUGITIVE = TableSchema(
    kind="fugitive_sites",
    description="where coal is mined and oil and gas are produced or refined, with the weight within the activity "
    "(offshore production: no province)",
    columns=(
        Column("activity", "str", allowed=("coal_mining", "oil_gas")),
        Column("province", "province", nullable=True),
        Column("weight", "float", min=0, max=1),
        Column("basis", "str", allowed=BASES),
        Column("source", "str"),
        Column("reference", **_TEXT),
        Column("note", **_TEXT),
        Column("location", "str", required=False, nullable=True, allowed=LOCATIONS),
        Column("attributed_before", "province", required=False, nullable=True),
    ),
    key=("activity", "province"),
    rules=(
        RowRule(
            "offshore sites lie in no province",
            "province",
            "an offshore row has no province and an onshore row has one (location: onshore, the default, or offshore)",
            _offshore_has_no_province,
        ),
    ),
)
ELECTRICITY = TableSchema(
    kind="electricity_facts",
    description="cited electricity figures by province and year",
    columns=(
        Column("province", "province"),
        Column("year", "year", min=1990, max=2100),
        Column("indicator", "str"),
        Column("value", "float", min=0, max=1e9),
        Column("unit", "str"),
        Column("basis", "str", allowed=BASES),
        Column("source", "str"),
        Column("url", **_TEXT),
        Column("quote", **_TEXT),
    ),
    key=("province", "year", "indicator"),
)
SALES = TableSchema(
    kind="electricity_sales",
    description="national commercial electricity (billion kWh) and its shares by customer category (%), cited",
    columns=(
        Column("year", "year", min=1990, max=2100),
        Column("indicator", "str"),
        Column("value", "float", min=0, max=1e6),
        Column("unit", "str", allowed=("billion kWh", "%")),
        Column("basis", "str", allowed=BASES),
        Column("source", "str"),
        Column("url", **_TEXT),
        Column("quote", **_TEXT),
    ),
    key=("year", "indicator"),
)
UTILISATION = TableSchema(
    kind="utilisation",
    description="lowest and highest recent utilisation of thermal plants by fuel, one cited row each",
    columns=(
        Column("fuel", "str", allowed=("coal", "gas", "oil")),
        Column("bound", "str", allowed=("low", "high")),
        Column("value", "float", min=0, max=1),
        Column("unit", "str"),
        Column("period", "str"),
        Column("basis", "str", allowed=BASES),
        Column("source", "str"),
        Column("url", **_TEXT),
        Column("quote", **_TEXT),
    ),
    key=("fuel", "bound"),
)
SCHEMAS = {s.kind: s for s in (TIER1, FUGITIVE, ELECTRICITY, SALES, UTILISATION)}


def _load(path: Path | str | None, kind: str) -> pd.DataFrame:
    return _read(str(path or raw_file(kind)), kind)


@lru_cache(maxsize=8)
def _read(path: str, kind: str) -> pd.DataFrame:
    return read_checked(path, SCHEMAS[kind]).drop(columns=[ROW])


def load_tier1_factors(path: Path | str | None = None) -> pd.DataFrame:
    """The factor table indexed by ``factor`` (columns value, unit, basis, source, reference, note)."""
    return _load(path, "tier1_factors").set_index("factor")


def load_fugitive_sites(path: Path | str | None = None) -> pd.DataFrame:
    """Fugitive-emission sites by activity (``location`` filled: onshore unless the file says offshore;
    ``attributed_before`` present, empty where nothing moved); raises when an activity's weights do not add up to 1."""
    table = _load(path, "fugitive_sites").copy()
    table["location"] = table["location"].fillna("onshore") if "location" in table else "onshore"
    if "attributed_before" not in table:
        table["attributed_before"] = None
    sums = table.groupby("activity")["weight"].sum()
    bad = sums[(sums - 1).abs() > 1e-9]
    if not bad.empty:
        raise InputError(
            [
                Issue(
                    file=paths.relative_to_project(path or raw_file("fugitive_sites")),
                    column="weight",
                    value=f"{v:g}",
                    rule="weights of an activity add up to 1",
                    message=f"the weights of '{a}' add up to {v:g}, not 1",
                )
                for a, v in bad.items()
            ]
        )
    return table


def load_utilisation(path: Path | str | None = None) -> dict[str, tuple[float, float]]:
    """``{fuel: (low, high)}`` utilisation (fraction of the year at full load); a fuel missing a bound is an error."""
    path = path or raw_file("utilisation")
    table = _load(path, "utilisation")
    out = {}
    for fuel, rows in table.groupby("fuel"):
        bounds = dict(zip(rows["bound"], rows["value"], strict=True))
        if set(bounds) != {"low", "high"} or bounds["low"] > bounds["high"]:
            raise InputError(
                [
                    Issue(
                        file=paths.relative_to_project(path),
                        column="bound",
                        value=fuel,
                        rule="a low and a high per fuel, low ≤ high",
                        message=f"'{fuel}' needs one 'low' and one 'high' row with low ≤ high",
                    )
                ]
            )
        out[str(fuel)] = (float(bounds["low"]), float(bounds["high"]))
    return out


def load_electricity_facts(path: Path | str | None = None) -> pd.DataFrame:
    """Cited electricity figures (``province, year, indicator, value, unit, basis, source, url, quote``)."""
    table = _load(path, "electricity_facts").copy()
    table["year"] = table["year"].astype(int)
    return table


def load_electricity_sales(path: Path | str | None = None) -> pd.DataFrame:
    """The nation's commercial electricity and its category shares (``year, indicator, value, unit, basis, source,
    url, quote``; ``row`` = the file's line, for errors); ``file`` in ``attrs``."""
    path = path or raw_file("electricity_sales")
    table = read_checked(str(path), SALES).copy()
    table["year"] = table["year"].astype(int)
    table.attrs["file"] = paths.relative_to_project(path)
    return table
