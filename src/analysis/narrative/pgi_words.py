"""Small wording helpers shared by the PGI sentences and tables: ordinals, rank phrases, region names,
dates, option labels. Input: numbers and engine objects; output: strings in ``vi`` or ``en``.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.i18n import add_strings, fmt_number, t
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

add_strings(
    {
        "pgi_rank_full": {
            "vi": "xếp **thứ {rank}/{n}** tỉnh, thành phố cả nước (thứ hạng do VCCI công bố)",
            "en": "ranking **{ord} of {n}** nationally (rank as published by VCCI)",
        },
        "pgi_rank_partial": {
            "vi": "xếp **thứ {rank}** cả nước trong số {n_ranked} tỉnh, thành phố được VCCI xếp hạng (năm {year} VCCI "
            "chỉ công bố thứ hạng của {n_ranked}/{n} tỉnh, thành phố dẫn đầu)",
            "en": "ranking **{ord}** nationally among the {n_ranked} provinces VCCI ranked (in {year} VCCI published "
            "ranks only for the top {n_ranked} of the {n})",
        },
        "pgi_rank_computed": {
            "vi": "xếp **thứ {rank}/{n}** (thứ hạng tính từ điểm của cả {n} tỉnh, thành phố)",
            "en": "ranking **{ord} of {n}** (computed from the scores of all {n} provinces)",
        },
        "pgi_rank_outside": {
            "vi": "không nằm trong {n_ranked} tỉnh, thành phố được VCCI xếp hạng năm {year}",
            "en": "outside the top {n_ranked} provinces that VCCI ranked in {year}",
        },
        "pgi_rank_between": {
            "vi": "chưa có thứ hạng chính xác trong các nguồn đã thu thập; theo điểm và các thứ hạng VCCI đã công bố, tỉnh "
            "xếp trong khoảng **thứ {low}–{high}** cả nước",
            "en": "with no exact rank in the sources collected; from its score and the ranks VCCI published, it ranks "
            "between **{o_low} and {o_high}** nationally",
        },
        "pgi_rank_cell_between": {"vi": "trong khoảng {low}–{high}", "en": "between {low} and {high}"},
        "pgi_rank_unknown": {
            "vi": "chưa có thứ hạng toàn quốc trong các nguồn đã thu thập",
            "en": "with no national rank in the sources collected",
        },
        "pgi_rank_cell_full": {"vi": "{rank}/{n}", "en": "{rank} of {n}"},
        "pgi_rank_cell_partial": {
            "vi": "{rank} (trong {n_ranked} tỉnh được xếp hạng)",
            "en": "{rank} (of {n_ranked} ranked)",
        },
        "pgi_rank_cell_outside": {"vi": "ngoài {n_ranked} tỉnh được xếp hạng", "en": "outside the {n_ranked} ranked"},
        "pgi_option_balanced": {"vi": "Tăng đều tất cả chỉ số thành phần", "en": "All sub-indices equally"},
        "pgi_doc_plan": {"vi": "Kế hoạch số {number} ngày {date}", "en": "Plan No. {number} of {date}"},
        "pgi_doc_official_letter": {
            "vi": "Công văn số {number} ngày {date}",
            "en": "Official Letter No. {number} of {date}",
        },
        "pgi_doc_decision": {"vi": "Quyết định số {number} ngày {date}", "en": "Decision No. {number} of {date}"},
    }
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
