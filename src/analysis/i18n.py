"""Vietnamese and English: number formatting and the string catalogue.

``fmt_number(1234.5, "vi")`` gives ``1.234,5``; ``fmt_number(1234.5, "en")`` gives ``1,234.5``.
``t(key, lang, **values)`` looks a sentence up in :data:`STRINGS` and fills it in; engines and
notebooks add their own keys with :func:`add_strings` (one catalogue, checked by a test for
missing translations).
"""

from __future__ import annotations

import math

LANGS = ("vi", "en")

STRINGS: dict[str, dict[str, str]] = {
    "source": {"vi": "Nguồn", "en": "Source"},
    "estimate_label": {"vi": "ước tính sơ bộ — cần thay bằng số liệu kiểm kê chính thức",
                       "en": "indicative estimate — replace with the official inventory"},
    "year": {"vi": "Năm", "en": "Year"},
    "province": {"vi": "Tỉnh/thành phố", "en": "Province"},
    "region": {"vi": "Vùng", "en": "Region"},
    "score": {"vi": "Điểm", "en": "Score"},
    "rank": {"vi": "Thứ hạng", "en": "Rank"},
    "not_reachable": {"vi": "không đạt được", "en": "not reachable"},
    "met": {"vi": "đạt", "en": "met"},
    "not_met": {"vi": "chưa đạt", "en": "not met"},
    "mtco2e": {"vi": "triệu tấn CO₂tđ", "en": "Mt CO₂e"},
    "mtco2e_per_year": {"vi": "triệu tấn CO₂tđ/năm", "en": "Mt CO₂e/yr"},
    "bau": {"vi": "Kịch bản phát triển thông thường (BAU)", "en": "Business as usual (BAU)"},
}


def add_strings(entries: dict[str, dict[str, str]]) -> None:
    """Add catalogue entries; each must have both ``vi`` and ``en``."""
    for key, texts in entries.items():
        missing = set(LANGS) - set(texts)
        if missing:
            raise ValueError(f"string {key!r} lacks {', '.join(sorted(missing))}")
        STRINGS[key] = texts


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def t(key: str, lang: str, **values) -> str:
    """The ``lang`` text of ``key`` with ``{placeholders}`` filled from ``values``."""
    text = STRINGS[key][check_lang(lang)]
    return text.format(**values) if values else text


def fmt_number(value: float | int | None, lang: str, decimals: int = 1, *, sign: bool = False) -> str:
    """Format a number for ``lang``: ``vi`` uses ``.`` for thousands and ``,`` for decimals."""
    check_lang(lang)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:{'+' if sign else ''},.{decimals}f}"
    if lang == "vi":
        text = text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")
    return text.replace("-", "−") if text.startswith("-") else text


def fmt_percent(value: float | None, lang: str, decimals: int = 1, *, sign: bool = False) -> str:
    """``12.5`` -> ``12,5 %`` (vi) or ``12.5%`` (en); ``value`` is already in percent."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    number = fmt_number(value, lang, decimals, sign=sign)
    return f"{number} %" if lang == "vi" else f"{number}%"
