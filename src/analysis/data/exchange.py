"""The exchange rate costs are converted at: VND per USD, its date and source (kind ``exchange_rate``,
``data/raw/national/exchange_rate.csv``).

Costs in the scenario files are in USD per tonne (their sources' unit); reports also give them in VND at the State
Bank of Viet Nam's central rate of a stated date, so that the figure is reproducible: cost in VND = cost in USD ×
the rate printed beside it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from analysis import paths
from analysis.data.schemas import Column, RowRule, TableSchema, read_checked
from analysis.errors import InputError, Issue

_TEXT = {"dtype": "str", "required": False, "nullable": True}
EXCHANGE_RATE = TableSchema(
    kind="exchange_rate",
    description="exchange rates costs are converted at (VND per USD), with date, publisher and source",
    columns=(
        Column("pair", "str"),
        Column("rate", "float", min=0),
        Column("unit", "str"),
        Column("rate_type", "str"),
        Column("date", "str"),
        Column("publisher", "str"),
        Column("source", "str"),
        Column("url", **_TEXT),
        Column("quote", **_TEXT),
    ),
    key=("pair", "date"),
    rules=(
        RowRule(
            "ISO date",
            "date",
            "'date' is written YYYY-MM-DD",
            lambda df: df["date"].astype(str).str.fullmatch(r"\d{4}-\d{2}-\d{2}"),
        ),
    ),
)


def load_exchange_rates(path: Path | str | None = None):
    """The checked table of kind ``exchange_rate``."""
    from analysis.data.provenance import raw_file

    return read_checked(path or raw_file("exchange_rate"), EXCHANGE_RATE)


@lru_cache(maxsize=1)
def load_exchange_rate() -> dict:
    """``{vnd_per_usd, date, rate_type, source, url}`` of the latest USD/VND row."""
    from analysis.data.provenance import raw_file

    path = raw_file("exchange_rate")
    table = load_exchange_rates(path)
    rows = table[table["pair"] == "USD/VND"].sort_values("date")
    if rows.empty:
        raise InputError(
            [
                Issue(
                    file=paths.relative_to_project(path), column="pair", rule="a USD/VND row", message="no USD/VND rate"
                )
            ]
        )
    row = rows.iloc[-1]
    return {
        "vnd_per_usd": float(row["rate"]),
        "date": str(row["date"]),
        "rate_type": str(row["rate_type"]),
        "source": str(row["source"]),
        "url": "" if row["url"] is None or row["url"] != row["url"] else str(row["url"]),
    }
