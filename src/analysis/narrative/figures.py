"""Every figure a report prints from the run's facts goes through :func:`figure`: formatted one way (the rules
below), marked with its fact key so a test can check that two reports of one place print the same value.

Input: :class:`analysis.run.facts.Facts` and a dotted fact key. Output: ``<span data-fact="key">35,5</span>`` (the
report template keeps the attribute; Markdown passes inline HTML through). Formatting rules (issue 20, point 4):

- ``mt``: million tonnes with one decimal, two under 1 Mt (never tonne-level figures in a report);
- ``pct``: whole percent, one decimal under 10;
- ``prob``: a probability as a whole percent, "dưới 1%"/"below 1%" and "trên 99%"/"above 99%" at the ends;
- ``tpp``: tonnes per person, one decimal;
- ``usd``/``vnd``: cost per tonne, whole USD or thousand VND;
- ``int``/``year``: as is.

A value that is missing prints "–" with the fact key still marked.
"""

from __future__ import annotations

from html import escape

from analysis.i18n import fmt_mt, fmt_number, fmt_pct, fmt_probability


def format_fact(value, kind: str, lang: str, *, sign: bool = False) -> str:
    """``value`` formatted by the rule of ``kind`` (see the module docstring)."""
    if value is None:
        return "–"
    if kind == "mt":
        return fmt_mt(value, lang, sign=sign)
    if kind == "pct":
        return fmt_pct(value, lang, sign=sign)
    if kind == "prob":
        return fmt_probability(value, lang)
    if kind == "tpp":
        return fmt_number(value, lang, 1)
    if kind == "usd":
        return fmt_number(value, lang, 0, sign=sign)
    if kind == "vnd":
        return fmt_number(value / 1000, lang, 0, sign=sign)
    if kind in ("int", "year"):
        return str(int(value)) if kind == "year" else fmt_number(value, lang, 0)
    raise ValueError(f"unknown figure kind {kind!r}")


def mark(key: str, text: str) -> str:
    """``text`` marked as the printed form of the fact ``key``."""
    return f'<span data-fact="{escape(key, quote=True)}">{escape(text)}</span>'


def figure(facts, key: str, kind: str, lang: str, *, absolute: bool = False, sign: bool = False) -> str:
    """The fact ``key`` of ``facts`` formatted by ``kind`` and marked (``absolute``: its magnitude, for a gap said
    in words as a shortfall or a surplus)."""
    value = facts.get(key)
    if absolute and value is not None:
        value = abs(value)
    return mark(key, format_fact(value, kind, lang, sign=sign))
