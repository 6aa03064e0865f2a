"""Every figure a report prints from the run's facts goes through :func:`figure`: formatted one way (the rules
below), marked with its fact key so a test can check that two reports of one place print the same value.

Input: :class:`analysis.run.facts.Facts` and a dotted fact key. Output: ``<span data-fact="key">35,5</span>`` (the
report template keeps the attribute; Markdown passes inline HTML through). Formatting rules (issue 20, point 4):

- ``mt``: million tonnes with one decimal, two under 1 Mt (never tonne-level figures in a report);
- ``pct``: whole percent, one decimal under 10;
- ``pct_stated``: a percent a document sets (a target's "15,8 %", "8 %"), with the decimals it is stated with —
  never rounded into another commitment;
- ``prob``: a probability as a whole percent, "dưới 1%"/"below 1%" and "trên 99%"/"above 99%" at the ends;
- ``tpp``: tonnes per person, one decimal; ``t_per_bn``: tonnes per billion VND of GRDP, one decimal;
- ``usd``/``vnd``: cost per tonne, whole USD or thousand VND; ``musd``: million USD a year, one decimal;
- ``int``/``year``: as is;
- ``pgi``: index points with two decimals, as VCCI publishes them;
- ``label``: a name in the report's language (a target's title, which may hold a figure: "giảm 8% so với BAU").

``decimals`` overrides a rule where a group of figures must add up as printed (the long-term gross, removals and
net: :attr:`analysis.run.facts.Facts.long_term_decimals`). A value that is missing prints "–" with the fact key still
marked. The mark carries how the figure was formatted (``data-fmt="mt"``, ``"mt:2"``, ``"mt|abs"``) so that a test
can format the fact again and compare.
"""

from __future__ import annotations

from html import escape

from analysis.i18n import fmt_mt, fmt_number, fmt_pct, fmt_pct_stated, fmt_probability, name_in

_RULES = {
    "mt": lambda v, lang, sign: fmt_mt(v, lang, sign=sign),
    "pct": lambda v, lang, sign: fmt_pct(v, lang, sign=sign),
    "pct_stated": lambda v, lang, sign: fmt_pct_stated(v, lang, sign=sign),
    "prob": lambda v, lang, sign: fmt_probability(v, lang),
    "musd": lambda v, lang, sign: fmt_number(v, lang, 1, sign=sign),
    "tpp": lambda v, lang, sign: fmt_number(v, lang, 1, sign=sign),
    "t_per_bn": lambda v, lang, sign: fmt_number(v, lang, 1, sign=sign),
    "usd": lambda v, lang, sign: fmt_number(v, lang, 0, sign=sign),
    "vnd": lambda v, lang, sign: fmt_number(v / 1000, lang, 0, sign=sign),
    "int": lambda v, lang, sign: fmt_number(v, lang, 0, sign=sign),
    "year": lambda v, lang, sign: str(int(v)),
    "pgi": lambda v, lang, sign: fmt_number(v, lang, 2, sign=sign),
    "label": lambda v, lang, sign: name_in(v, lang),  # a name in both languages
}


def format_fact(value, kind: str, lang: str, *, sign: bool = False, decimals: int | None = None) -> str:
    """``value`` formatted by the rule of ``kind`` (see the module docstring)."""
    if kind not in _RULES:
        raise ValueError(f"unknown figure kind {kind!r}")
    if value is None:
        return "–"
    if decimals is not None:
        return fmt_number(value, lang, decimals, sign=sign)
    return _RULES[kind](value, lang, sign)


def fmt_spec(kind: str, *, absolute: bool = False, sign: bool = False, decimals: int | None = None) -> str:
    """How a figure was formatted, as its mark says it: ``mt``, ``mt:2``, ``mt|abs``, ``pct|sign``."""
    spec = kind if decimals is None else f"{kind}:{decimals}"
    return spec + ("|abs" if absolute else "") + ("|sign" if sign else "")


def format_by_spec(value, spec: str, lang: str) -> str:
    """Format ``value`` again from a mark's ``data-fmt`` (the inverse of :func:`fmt_spec`)."""
    head, *flags = spec.split("|")
    kind, _, decimals = head.partition(":")
    if "abs" in flags and value is not None:
        value = abs(value)
    return format_fact(value, kind, lang, sign="sign" in flags, decimals=int(decimals) if decimals else None)


def mark(key: str, text: str, spec: str = "") -> str:
    """``text`` marked as the printed form of the fact ``key`` (formatted by ``spec``, see :func:`fmt_spec`)."""
    fmt = f' data-fmt="{escape(spec, quote=True)}"' if spec else ""
    return f'<span data-fact="{escape(key, quote=True)}"{fmt}>{escape(text)}</span>'


def detail(key: str, text: str) -> str:
    """``text`` (a sentence or a figure, Markdown allowed) marked as a detail of one report's method: figures that no
    other report states and that are not facts of the run (a validation against a published inventory, a forecast's
    worked formula, a plausibility check). ``key`` names it (``bau.validation``); the consistency check holds a detail
    key to one text per place and language, and reads the figures inside as declared, not as unmarked prose. A figure
    that a second report states belongs in the facts instead."""
    return f'<span data-detail="{escape(key, quote=True)}">{text}</span>'


def detail_paragraph(key: str, text: str) -> str:
    """:func:`detail` around one Markdown paragraph or list item (the "- " stays outside the mark)."""
    if text.startswith("- "):
        return "- " + detail(key, text[2:])
    return detail(key, text)


def figure(
    facts,
    key: str,
    kind: str,
    lang: str,
    *,
    absolute: bool = False,
    sign: bool = False,
    decimals: int | None = None,
) -> str:
    """The fact ``key`` of ``facts`` formatted by ``kind`` and marked (``absolute``: its magnitude, for a gap said
    in words as a shortfall or a surplus; ``decimals``: see the module docstring)."""
    spec = fmt_spec(kind, absolute=absolute, sign=sign, decimals=decimals)
    return mark(key, format_by_spec(facts.get(key), spec, lang), spec)
