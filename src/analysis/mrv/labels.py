"""Words for the MRV engine's codes, in Vietnamese and English (one catalogue for tables, charts and sentences).

The labels of the Decision 13/2024 groups, reporting statuses, obligation bases, coverage flags, credit-account items,
credit types and statuses are messages ``mrv_<kind>|<code>`` of the catalogues (``src/analysis/locale``), the column
headers of the MRV tables messages of context ``column``. :func:`label` turns a code into words.
"""

from __future__ import annotations

from analysis.i18n import has_text, t


def label(prefix: str, code, lang: str) -> str:
    """The words of ``code`` under ``prefix`` (e.g. ``mrv_state``); ``Chưa ghi`` when missing, the code itself
    when the catalogue has no entry."""
    if code is None or (isinstance(code, float) and code != code):
        return t("mrv_not_recorded", lang)
    key = f"{prefix}|{code}"
    return t(key, lang) if has_text(key) else str(code)


def category_label(code, lang: str) -> str:
    """The Decision 13/2024 group of ``code`` in ``lang`` (``Chưa ghi`` when missing)."""
    return label("mrv_category", code, lang)


def status_label(code: str, lang: str) -> str:
    """The reporting status ``code`` in ``lang``."""
    return label("mrv_state", code, lang)
