"""Report tables as HTML: numbers in the reader's format, right-aligned, and split to fit an A4 page.

Input: a DataFrame whose headers are already reader text (:func:`analysis.report.excel.localise_table`).
Output: HTML (:func:`render_table_html`), every string escaped; a table wider than an A4 portrait page
(:data:`PORTRAIT_CHARS` characters of 7.5 pt text) becomes parts one under the other
(:func:`split_columns`), each repeating the columns that name the rows.
"""

from __future__ import annotations

import numbers
import re
from html import escape

import numpy as np
import pandas as pd

from analysis.i18n import check_lang, fmt_number, t
from analysis.report.formats import format_figure

# A4 portrait text width (178 mm) holds about this many characters of the print CSS's 7.5 pt table text.
PORTRAIT_CHARS = 125
LONG_WORD = 20  # a longer word in a long cell (a URL, a file path) is broken by the browser where it must

_PLAIN_INT_COLUMNS = re.compile(r"year|năm|rank|hạng|code|mã", re.IGNORECASE)


def _format_column(series: pd.Series, lang: str, decimals: int, kind: str | list | None = None):
    """Formatter for one column, called with ``(row, value)``: by its formatter ``kind`` when the table names one
    (:mod:`analysis.report.formats`; a list names one per row, ``None`` for a row of words), else floats with
    ``decimals`` and counts with thousands separators."""
    if isinstance(kind, list):
        per_row = [_by_kind(k, lang) if k else (lambda v: _format_value(v, lang, decimals)) for k in kind]
        return lambda i, v: per_row[i](v) if i < len(per_row) else _format_value(v, lang, decimals)
    shown = _format_one(series, lang, decimals, kind)
    return lambda i, v: shown(v)


def _by_kind(kind: str, lang: str):
    return lambda v: format_figure(v, kind, lang) if _is_number(v) or _missing(v) else v


def _format_one(series: pd.Series, lang: str, decimals: int, kind: str | None):
    if kind is not None:
        return _by_kind(kind, lang)
    if pd.api.types.is_bool_dtype(series):
        yes, no = t("cell_yes", lang), t("cell_no", lang)
        return lambda v: yes if v else no
    if pd.api.types.is_float_dtype(series):
        return lambda v: fmt_number(v, lang, decimals)
    if pd.api.types.is_integer_dtype(series):
        if _PLAIN_INT_COLUMNS.search(str(series.name)) or series.dropna().between(1800, 2200).all():
            return _plain_int  # years stay 2030, not 2.030; ranks and codes stay plain
        return lambda v: "–" if pd.isna(v) else fmt_number(int(v), lang, 0)
    return lambda v: _format_value(v, lang, decimals)


def _is_number(value) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool | np.bool_)


def _format_value(value, lang: str, decimals: int):
    """One cell of a mixed column: numbers as in :func:`_format_column`, missing as ``–``, text unchanged."""
    if isinstance(value, bool | np.bool_):
        return t("cell_yes" if value else "cell_no", lang)
    if _is_number(value):
        if isinstance(value, numbers.Integral):
            return _plain_int(value) if 1800 <= value <= 2200 else fmt_number(int(value), lang, 0)
        return fmt_number(float(value), lang, decimals)
    try:
        return "–" if pd.isna(value) else value
    except (TypeError, ValueError):  # list-like cell
        return value


def _missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _plain_int(value) -> str:
    """An integer without separators, with a true minus sign; missing as ``–``."""
    return "–" if pd.isna(value) else str(int(value)).replace("-", "−")


SHORT_TEXT = 24  # text cells up to this long never wrap (names such as "Bà Rịa – Vũng Tàu")


def _css(name: str) -> str:
    return f' class="{name}"' if name else ""


def _formatters(frame: pd.DataFrame, lang: str, decimals: int, kinds: dict | None) -> list:
    kinds = kinds or {}
    return [_format_column(frame.iloc[:, i], lang, decimals, kinds.get(c)) for i, c in enumerate(frame.columns)]


def _render_part(frame: pd.DataFrame, lang: str, decimals: int, kinds: dict | None = None) -> str:
    formats = _formatters(frame, lang, decimals, kinds)
    numeric = [frame.iloc[:, i].map(_is_number).all() and len(frame) > 0 for i in range(frame.shape[1])]
    # a column of key figures of different kinds (one kind per row) is laid out as the words beside its figures
    mixed = [isinstance((kinds or {}).get(c), list) for c in frame.columns]
    heads = [
        f"<th{_css('nz-num' if num else '')}>{escape(str(c))}</th>"
        for c, num in zip(frame.columns, numeric, strict=True)
    ]
    rows = []
    for i, values in enumerate(frame.itertuples(index=False, name=None)):
        cells = []
        for value, fmt, words in zip(values, formats, mixed, strict=True):
            text = str(fmt(i, value))
            css = "nz-num" if _is_number(value) and not words else ("nz-short" if len(text) <= SHORT_TEXT else "")
            cells.append(f"<td{_css(css)}>{escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<table class="dataframe nz-table"><thead><tr>{"".join(heads)}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _shown_text(frame: pd.DataFrame, lang: str, decimals: int, kinds: dict | None = None) -> list[list[str]]:
    formats = _formatters(frame, lang, decimals, kinds)
    return [[str(fmt(row, v)) for row, v in enumerate(frame.iloc[:, i])] for i, fmt in enumerate(formats)]


def column_widths(frame: pd.DataFrame, lang: str = "vi", decimals: int = 1, kinds: dict | None = None) -> list[int]:
    """The narrowest width of each column in characters: the header's longest word, and each cell whole when
    it is short (:data:`SHORT_TEXT`, never wrapped) or else its longest word (up to :data:`LONG_WORD`); plus
    padding."""
    widths = []
    for header, cells in zip(frame.columns, _shown_text(frame, lang, decimals, kinds), strict=True):
        need = max((len(w) for w in str(header).split()), default=1)
        for text in cells[:300]:
            longest = max(map(len, text.split() or [""]))
            need = max(need, len(text) if len(text) <= SHORT_TEXT else min(LONG_WORD, longest))
        widths.append(need + 2)
    return widths


def split_columns(widths: list[int], keys: int = 1, budget: int = PORTRAIT_CHARS) -> list[list[int]]:
    """Column positions in groups that each fit ``budget`` characters, the first ``keys`` columns in every group."""
    head = list(range(min(keys, len(widths))))
    groups, current = [], list(head)
    for i in range(len(head), len(widths)):
        if len(current) > len(head) and sum(widths[j] for j in current) + widths[i] > budget:
            groups.append(current)
            current = list(head)
        current.append(i)
    groups.append(current)
    return groups


def _key_columns(frame: pd.DataFrame) -> int:
    """How many leading columns name a row: up to and including the first text column (at most two)."""
    for i in range(min(2, frame.shape[1])):
        if not pd.api.types.is_numeric_dtype(frame.iloc[:, i]):
            return i + 1
    return 1


def render_table_html(frame: pd.DataFrame, lang: str = "vi", decimals: int = 1, kinds: dict | None = None) -> str:
    """HTML for ``frame``: every string escaped, numbers formatted for ``lang`` (a column named in ``kinds``, header ->
    formatter kind, by that formatter) and right-aligned (``nz-num``),
    short text kept on one line (``nz-short``). A table too wide for an A4 portrait page is split into parts
    that fit, one under the other, each repeating the columns that name the rows and marked "(tiếp theo)"."""
    check_lang(lang)
    groups = split_columns(column_widths(frame, lang, decimals, kinds), _key_columns(frame))
    parts = [_render_part(frame.iloc[:, group], lang, decimals, kinds) for group in groups]
    more = f'<p class="nz-continued">{escape(t("report_table_continued", lang))}</p>'
    return more.join(parts)
