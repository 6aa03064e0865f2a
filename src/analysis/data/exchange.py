"""The exchange rate costs are converted at: VND per USD, its date and source (``data/raw/national/exchange_rate.csv``).

Costs in the scenario files are in USD per tonne (their sources' unit); reports also give them in VND at the State
Bank of Viet Nam's central rate of a stated date, so that the figure is reproducible: cost in VND = cost in USD ×
the rate printed beside it.
"""

from __future__ import annotations

import csv
from functools import lru_cache

from analysis import paths

EXCHANGE_FILE = paths.RAW_DIR / "national" / "exchange_rate.csv"


@lru_cache(maxsize=1)
def load_exchange_rate() -> dict:
    """``{vnd_per_usd, date, rate_type, source, url}`` of the USD/VND row."""
    with EXCHANGE_FILE.open(encoding="utf-8", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["pair"] == "USD/VND")
    return {
        "vnd_per_usd": float(row["rate"]),
        "date": row["date"],
        "rate_type": row["rate_type"],
        "source": row["source"],
        "url": row["url"],
    }
