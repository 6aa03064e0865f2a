"""How a figure is printed, once: the reader's text (:mod:`analysis.i18n`) and the Excel number format that shows the
same decimals.

A *kind* names one formatter of the family:

===============  ==========================================================  ====================================
kind             text (``analysis.i18n``)                                    Excel number format
===============  ==========================================================  ====================================
``mt``           :func:`~analysis.i18n.fmt_mt`: one decimal, two under 1 Mt   ``#,##0.0`` / ``#,##0.00``
``pct``          :func:`~analysis.i18n.fmt_pct` (value in percent): whole,    ``#,##0"%"`` / ``0.0"%"``
                 one decimal under 10
``probability``  :func:`~analysis.i18n.fmt_probability` (``p`` from 0 to 1)   ``0%`` (``p`` itself)
``number:N``     :func:`~analysis.i18n.fmt_number` with ``N`` decimals         ``#,##0.N``
``percent:N``    :func:`~analysis.i18n.fmt_percent` with ``N`` decimals        ``#,##0.N"%"``
``int``          a count with thousands separators                           ``#,##0``
``pvalue``       :func:`~analysis.i18n.fmt_p` in a cell: ``< 0,01``, ``0,39``  ``0.00``, ``0.0E+00`` under 0.01
``year``         a year, plain                                               ``0``
``plain``        a whole number without separators (a map, a seed)           ``0``
``plain:N``      a code of ``N`` digits, leading zeros kept (GSO's ``01``)     ``00`` (``N`` zeros)
===============  ==========================================================  ====================================

A trailing ``+`` (``pct+``, ``percent:0+``) writes the sign of a positive number (``+6%``). The Excel formats are
locale-neutral: Excel shows them with the reader's own separators (``9,9%`` in a Vietnamese Excel).

A column of figures of different kinds (a two-column table of key figures: item, value) names one kind per row: a
list as long as the table, ``None`` for a row whose cell is words (:func:`check_kinds`, :func:`kind_of_row`).

The workbook's one convention for percentages: a percent is stored as the percent number (``9.92`` for 9,9 %) with
a format that adds the sign, never as a fraction (``0.099``). A probability, a quantity from 0 to 1 in the facts, is
stored as that fraction only on the facts sheet (its unit says so); in a table it is a percent like the others
(:func:`table_value`).
"""

from __future__ import annotations

import math
import numbers
import re

import numpy as np

from analysis.i18n import (
    fmt_mt,
    fmt_number,
    fmt_p,
    fmt_pct,
    fmt_percent,
    fmt_probability,
    mt_decimals,
    pct_decimals,
)

KIND = re.compile(r"(mt|pct|probability|pvalue|int|year|plain|plain:\d|number:\d|percent:\d)(\+?)")

# A header's unit, as the catalogues write it: "(triệu tấn CO₂tđ)" / "(Mt CO₂e)" is Mt, "(%)" a percent.
_MT_HEADER = re.compile(r"\((?:triệu tấn(?: CO₂(?:tđ)?)?|Mt(?: CO₂e?)?)\)")
_PCT_HEADER = re.compile(r"\(%\)")


def check_kind(kind: str) -> str:
    """``kind`` when it names a formatter (see the module docstring), else a ``ValueError``."""
    if not KIND.fullmatch(str(kind)):
        raise ValueError(
            f"unknown number kind {kind!r}: use mt, pct, probability, pvalue, int, year, plain, number:N or percent:N "
            "(N decimals), plain:N (a code of N digits), with + for a sign"
        )
    return kind


def check_kinds(kinds):
    """A column's kind as :func:`check_kind` checks it, or a list of one kind per row (``None`` where the row holds
    words), each checked."""
    if isinstance(kinds, list | tuple):
        return [None if k is None else check_kind(k) for k in kinds]
    return check_kind(kinds)


def kind_of_row(kinds, row: int) -> str | None:
    """The kind of a column's ``row``: the column's kind, or its entry when the column names one kind per row."""
    if isinstance(kinds, list | tuple):
        return kinds[row] if row < len(kinds) else None
    return kinds


def _split(kind: str) -> tuple[str, int | None, bool]:
    name, sign = KIND.fullmatch(check_kind(kind)).groups()
    if ":" in name:
        name, decimals = name.split(":")
        return name, int(decimals), bool(sign)
    return name, None, bool(sign)


def _is_number(value) -> bool:
    """A real number that is there (numpy's too; not a bool, not NaN)."""
    if not isinstance(value, numbers.Real) or isinstance(value, bool | np.bool_):
        return False
    return not math.isnan(value)


def format_figure(value, kind: str, lang: str) -> str:
    """The reader's text of ``value`` by the formatter ``kind`` (``–`` when missing)."""
    name, decimals, sign = _split(kind)
    if not _is_number(value):
        return "–"
    if name == "mt":
        return fmt_mt(value, lang, sign=sign)
    if name == "pct":
        return fmt_pct(value, lang, sign=sign)
    if name == "probability":
        return fmt_probability(value, lang)
    if name == "pvalue":
        return fmt_p(value, lang, prefix=False)
    if name == "percent":
        return fmt_percent(value, lang, decimals, sign=sign)
    if name in ("year", "plain"):
        return str(int(value)).zfill(decimals or 0)
    return fmt_number(value, lang, 0 if name == "int" else decimals, sign=sign)


def _pattern(decimals: int, *, percent: bool = False, grouped: bool = True) -> str:
    body = ("#,##0" if grouped else "0") + ("." + "0" * decimals if decimals else "")
    return body + '"%"' if percent else body


def _signed(pattern: str) -> str:
    """``+`` before a positive number, the minus before a negative one, none for zero."""
    return f"+{pattern};-{pattern};{pattern}"


def excel_format(value, kind: str) -> str:
    """The Excel number format that shows ``value`` (as :func:`table_value` stores it) with the decimals the formatter
    ``kind`` prints for it."""
    name, decimals, sign = _split(kind)
    number = float(value) if _is_number(value) else 0.0
    if name in ("year", "plain"):
        return "0" * (decimals or 1)
    if name == "int":
        pattern = _pattern(0)
    elif name == "mt":
        pattern = _pattern(mt_decimals(number))
    elif name == "pct":
        places = pct_decimals(number)
        pattern = _pattern(places, percent=True, grouped=places == 0)
    elif name == "probability":
        pattern = _pattern(0, percent=True)  # stored in a table as a percent (table_value)
    elif name == "pvalue":
        return "0.0E+00" if abs(number) < 0.01 else "0.00"  # never "0,00" for a p under 0.01
    elif name == "percent":
        pattern = _pattern(decimals, percent=True)
    else:
        pattern = _pattern(decimals)
    return _signed(pattern) if sign else pattern


def table_value(value, kind: str):
    """``value`` as a table cell stores it: a probability as its percent (0.584 -> 58.4), the rest as it is."""
    name, _, _ = _split(kind)
    if name == "probability" and _is_number(value):
        return 100 * value
    return value


def fraction_format() -> str:
    """The format of a probability stored as a fraction (the facts sheet): whole percent, as
    :func:`~analysis.i18n.fmt_probability` prints it."""
    return "0%"


def infer_kind(column_id: str, header: str) -> str | None:
    """The kind of a column of numbers from its machine name (``…_mtco2e``, ``…_pct``) or, when the table was labelled
    before it was recorded, from the unit its header names ("(triệu tấn CO₂tđ)", "(Mt)", "(%)"); ``None`` when
    neither says."""
    name = str(column_id or "")
    if name.endswith("_mtco2e") or _MT_HEADER.search(str(header)):
        return "mt"
    if name.endswith("_pct") or _PCT_HEADER.search(str(header)):
        return "pct"
    return None
