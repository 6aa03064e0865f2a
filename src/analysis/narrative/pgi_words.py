"""Small wording helpers shared by the PGI sentences and tables: ordinals, rank phrases, region names,
dates, option labels. Input: numbers and engine objects; output: strings in ``vi`` or ``en``.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.i18n import fmt_number, t
from analysis.index.solver import BALANCED
from analysis.index.spec import IndexSpec
from analysis.index.standing import NationalRank

MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def ordinal(n: int, lang: str) -> str:
    """``thứ 14`` / ``14th``."""
    if lang == "vi":
        return f"thứ {n}"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rank_phrase(national: NationalRank, lang: str) -> str:
    """The headline rank in words: the published national rank and the field it was ranked in."""
    values = {
        "rank": national.rank,
        "ord": ordinal(national.rank, lang) if national.rank else "",
        "n": national.n_provinces,
        "n_ranked": national.n_ranked,
        "year": national.year,
        "low": national.rank_low,
        "high": national.rank_high,
        "o_low": ordinal(national.rank_low, lang) if national.rank_low else "",
        "o_high": ordinal(national.rank_high, lang) if national.rank_high else "",
    }
    if national.rank is None:
        if national.rank_low is not None:
            return t("pgi_rank_between", lang, **values)
        return t("pgi_rank_outside" if national.outside_ranked else "pgi_rank_unknown", lang, **values)
    if national.source == "computed":
        return t("pgi_rank_computed", lang, **values)
    return t("pgi_rank_partial" if national.partial else "pgi_rank_full", lang, **values)


def format_rank(national: NationalRank, lang: str) -> str:
    """The headline rank for a table cell: ``14 (trong 30 tỉnh được xếp hạng)``, ``8/63``, or ``–``."""
    values = {
        "rank": national.rank,
        "n": national.n_provinces,
        "n_ranked": national.n_ranked,
        "low": national.rank_low,
        "high": national.rank_high,
    }
    if national.rank is None:
        if national.rank_low is not None:
            return t("pgi_rank_cell_between", lang, **values)
        return t("pgi_rank_cell_outside", lang, **values) if national.outside_ranked else "–"
    return t("pgi_rank_cell_partial" if national.partial else "pgi_rank_cell_full", lang, **values)


def region_name(region: str, lang: str) -> str:
    """The region's name in ``lang`` (the registry's English name in ``en``)."""
    from analysis.data.provinces import REGION_VI

    return REGION_VI.get(region, region) if lang == "vi" else region


def format_date(iso: str, lang: str) -> str:
    """``2024-10-18`` -> ``18/10/2024`` (vi) or ``18 October 2024`` (en)."""
    day = dt.date.fromisoformat(str(iso))
    return f"{day:%d/%m/%Y}" if lang == "vi" else f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"


def format_document(kind: str, number: str, date: str | None, lang: str) -> str:
    """``Kế hoạch số 262/KH-UBND ngày 18/10/2024`` / ``Plan No. 262/KH-UBND of 18 October 2024``."""
    return t(f"pgi_doc_{kind}", lang, number=number, date=format_date(date, lang) if date else "–")


def option_label(option: str, spec: IndexSpec, lang: str) -> str:
    """A what-if option in words: the indicator's name, or 'all sub-indices equally'."""
    return t("pgi_option_balanced", lang) if option == BALANCED else spec.label(option, lang)


def points(value: float, lang: str, sign: bool = False) -> str:
    """A number of points with two decimals (VCCI's precision); ``–`` when missing."""
    return fmt_number(None if pd.isna(value) else float(value), lang, 2, sign=sign)
