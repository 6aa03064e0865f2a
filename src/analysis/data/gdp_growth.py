"""Loader of real GDP growth rates (``data/raw/national/gdp_growth.csv``): observed years and a long-run rate.

Input: a table with one row per country and period — ``country``, ``year_from``, ``year_to`` (blank: open-ended,
the long-run rate from ``year_from`` on), ``growth_pct`` (real growth, % a year), ``kind`` (``observed``,
``estimate``, ``target`` or ``assumption``), ``source``, ``source_url`` and an optional ``note``. One file may
hold several countries (a test fixture holds Thailand's).

Output: :class:`GdpGrowth` for one country — the rate of each dated year, the open-ended long-run rate, what kind
of figure each one is and its source — used to fill GDP years that a GDP series lacks
(:func:`analysis.emissions.forecast.extend_gdp`).

Rules beyond the column types: ``year_to`` is not before ``year_from``; a country's periods do not overlap; a
country has at most one open-ended row and it starts after all its dated rows. Problems are
:class:`~analysis.errors.InputError` naming file, row, column and value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.data.provenance import raw_file
from analysis.data.readers import ROW
from analysis.data.schemas import Column, RowRule, TableSchema, read_checked
from analysis.errors import InputError, Issue

DEFAULT_COUNTRY = "Viet Nam"
GROWTH_KINDS = ("observed", "estimate", "target", "assumption")


def _periods_do_not_overlap(table: pd.DataFrame, file: str) -> list[Issue]:
    issues = []
    for country, rows in table.groupby("country", sort=False):
        rows = rows.sort_values("year_from")
        open_ended = rows[rows["year_to"].isna()]
        dated = rows[rows["year_to"].notna()]
        if len(open_ended) > 1:
            r = open_ended.iloc[1]
            issues.append(
                Issue(
                    file=file,
                    row=int(r[ROW]),
                    column="year_to",
                    rule="one long-run rate",
                    message=f"{country} has more than one open-ended row (blank year_to); keep one",
                )
            )
        if len(open_ended) and len(dated) and int(open_ended["year_from"].iloc[0]) <= int(dated["year_to"].max()):
            r = open_ended.iloc[0]
            issues.append(
                Issue(
                    file=file,
                    row=int(r[ROW]),
                    column="year_from",
                    value=int(r["year_from"]),
                    rule="long-run rate after the dated years",
                    message=f"the long-run rate of {country} starts in {int(r['year_from'])}, not after "
                    f"its last dated year {int(dated['year_to'].max())}",
                )
            )
        ends = dated["year_to"].astype(int).to_numpy()
        starts = dated["year_from"].astype(int).to_numpy()
        for i in range(1, len(dated)):
            if starts[i] <= ends[i - 1]:
                issues.append(
                    Issue(
                        file=file,
                        row=int(dated[ROW].iloc[i]),
                        column="year_from",
                        value=int(starts[i]),
                        rule="periods do not overlap",
                        message=f"{country}: the period from {starts[i]} overlaps the one ending {ends[i - 1]}",
                    )
                )
    return issues


GDP_GROWTH = TableSchema(
    kind="gdp_growth",
    description="real GDP growth by period and country (observed years, a long-run target or assumption)",
    columns=(
        Column("country", "str"),
        Column("year_from", "year", min=1900, max=2100),
        Column("year_to", "year", nullable=True, min=1900, max=2100),
        Column("growth_pct", "float", min=-50, max=50, description="real GDP growth, % a year"),
        Column("kind", "str", allowed=GROWTH_KINDS),
        Column("source", "str"),
        Column("source_url", "str"),
        Column("note", "str", required=False, nullable=True),
    ),
    key=("country", "year_from"),
    rules=(
        RowRule(
            "period order",
            "year_to",
            "year_to must not be before year_from",
            lambda df: df["year_to"].isna() | (df["year_to"] >= df["year_from"]),
        ),
    ),
    table_rules=(_periods_do_not_overlap,),
)


@dataclass(frozen=True)
class GdpGrowth:
    """Real GDP growth of one country: ``rates`` (year -> fraction) for the dated years, ``long_run`` (fraction a
    year, from ``long_run_from`` on; ``None`` when the file gives none), the ``kind`` of each figure, its sources."""

    country: str
    rates: dict[int, float]
    long_run: float | None = None
    long_run_from: int | None = None
    kinds: dict[int, str] = field(default_factory=dict)
    long_run_kind: str = ""
    sources: tuple[str, ...] = ()
    file: str = ""

    def rate(self, year: int) -> float | None:
        """The growth of ``year`` (a fraction), the long-run rate after the dated years, or ``None``."""
        if year in self.rates:
            return self.rates[year]
        if self.long_run is not None and self.long_run_from is not None and year >= self.long_run_from:
            return self.long_run
        return None

    def describe(self) -> str:
        """One line for an assumption note: each figure with its kind, and the file that cites them."""
        parts = [f"{y} {100 * r:.2f}% ({self.kinds.get(y, '')})" for y, r in sorted(self.rates.items())]
        if self.long_run is not None:
            parts.append(f"from {self.long_run_from} {100 * self.long_run:.2f}%/yr ({self.long_run_kind})")
        return f"{self.country}: {', '.join(parts)}; sources in {self.file}"


def _key(name: str) -> str:
    return "".join(str(name).casefold().split())


@lru_cache(maxsize=8)
def _load(path: str, country: str) -> GdpGrowth:
    table = read_checked(path, GDP_GROWTH)
    file = paths.relative_to_project(path)
    rows = table[table["country"].map(_key) == _key(country)]
    if rows.empty:
        known = ", ".join(dict.fromkeys(table["country"]))
        raise InputError(
            [
                Issue(
                    file=file,
                    column="country",
                    value=country,
                    rule="country in the file",
                    message=f"no GDP growth for '{country}' in the file (countries: {known})",
                )
            ]
        )
    rates, kinds, long_run, long_from, long_kind = {}, {}, None, None, ""
    for r in rows.itertuples():
        rate = float(r.growth_pct) / 100
        if pd.isna(r.year_to):
            long_run, long_from, long_kind = rate, int(r.year_from), str(r.kind)
            continue
        for year in range(int(r.year_from), int(r.year_to) + 1):
            rates[year], kinds[year] = rate, str(r.kind)
    sources = tuple(dict.fromkeys(f"{r.source} <{r.source_url}>" for r in rows.itertuples()))
    return GdpGrowth(
        country=str(rows["country"].iloc[0]),
        rates=rates,
        long_run=long_run,
        long_run_from=long_from,
        kinds=kinds,
        long_run_kind=long_kind,
        sources=sources,
        file=file,
    )


def load_gdp_growth(country: str = DEFAULT_COUNTRY, path: str | Path | None = None) -> GdpGrowth:
    """The GDP growth of ``country`` (any spacing or case: ``Vietnam`` finds ``Viet Nam``) from ``path``."""
    return _load(str(path or raw_file("gdp_growth")), country)
