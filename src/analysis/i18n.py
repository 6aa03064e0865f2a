"""Vietnamese and English: the report words (gettext catalogues) and number formatting (Babel's locale data).

Words live in ``locale/<lang>/LC_MESSAGES/netzero.po`` beside this module, one message per stable key (see
``docs/translating.md``): ``t("sum_heading", lang, province=…)`` is the ``lang`` text of ``sum_heading`` with its
``{placeholders}`` filled, ``tn(key, n, lang)`` the plural form for the count ``n`` and
``label_column("rank", lang)`` a table header (messages of context ``column``). The ``.po`` files are compiled on first
use into ``.mo`` files under ``data/processed/cache/locale/`` named by the ``.po``'s hash, so a compiled catalogue is
never stale and loading one costs a few milliseconds.

Numbers follow the Babel (CLDR) locales ``vi_VN`` and ``en``: ``fmt_number(1234.5, "vi")`` gives ``1.234,5``,
``fmt_number(1234.5, "en")`` gives ``1,234.5``; negative numbers carry the minus sign "−" (U+2212); halves round up
(as Excel and a reader do). :func:`fmt_mt`, :func:`fmt_pct`, :func:`fmt_p` and :func:`fmt_probability` are the
precisions the reports state.
"""

from __future__ import annotations

import copy
import decimal
import functools
import gettext
import hashlib
import io
import math
import os
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from analysis import paths

LANGS = ("vi", "en")

DOMAIN = "netzero"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
COLUMN = "column"  # the msgctxt of table column headers (label_column)
BABEL_LOCALES = {"vi": "vi_VN", "en": "en"}
MINUS = "\u2212"

# Names that live in data tables (sector names), registered at run time under their own keys; no sentence lives here:
# sentences are in the .po catalogues.
STRINGS: dict[str, dict[str, str]] = {}


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def po_file(lang: str, locale_dir: Path = LOCALE_DIR) -> Path:
    """The catalogue of ``lang``: ``<locale_dir>/<lang>/LC_MESSAGES/netzero.po``."""
    return Path(locale_dir) / check_lang(lang) / "LC_MESSAGES" / f"{DOMAIN}.po"


def compile_po(po_bytes: bytes, lang: str) -> bytes:
    """The ``.mo`` bytes of a ``.po`` catalogue (Babel; fuzzy entries kept, so no sentence silently disappears)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(po_bytes), locale=check_lang(lang), domain=DOMAIN)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=True)
    return out.getvalue()


class _Missing(gettext.NullTranslations):
    """The last fallback: a key the catalogue lacks is an error, not its own key printed in a report."""

    def __init__(self, po: Path):
        super().__init__()
        self.po = po

    def _missing(self, key: str):
        raise KeyError(f"no message {key!r} in {paths.relative_to_project(self.po)}")

    def gettext(self, message):
        self._missing(message)

    def ngettext(self, msgid1, msgid2, n):
        self._missing(msgid1)

    def pgettext(self, context, message):
        self._missing(f"{context}|{message}")

    def npgettext(self, context, msgid1, msgid2, n):
        self._missing(f"{context}|{msgid1}")


def load_catalogue(lang: str, locale_dir: Path = LOCALE_DIR, cache_dir: Path | None = None) -> gettext.GNUTranslations:
    """The compiled catalogue of ``lang``, from ``cache_dir`` (``data/processed/cache/locale``) when a ``.mo`` of the
    ``.po``'s exact bytes is there, else compiled now and written there (atomically; an unwritable cache only costs
    the compilation)."""
    po = po_file(lang, locale_dir)
    data = po.read_bytes()
    cache = Path(cache_dir) if cache_dir is not None else paths.PROCESSED_DIR / "cache" / "locale"
    mo = cache / f"{DOMAIN}-{lang}-{hashlib.sha256(data).hexdigest()[:16]}.mo"
    try:
        compiled = mo.read_bytes()
    except OSError:
        compiled = compile_po(data, lang)
        try:
            import tempfile

            cache.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=cache, prefix=f".{mo.name}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                f.write(compiled)
            os.replace(tmp, mo)
        except OSError:
            pass
    translations = gettext.GNUTranslations(io.BytesIO(compiled))
    translations.add_fallback(_Missing(po))
    return translations


@functools.cache
def _catalogue(lang: str) -> gettext.GNUTranslations:
    return load_catalogue(lang)


def _text(key: str, lang: str) -> str:
    try:
        return _catalogue(check_lang(lang)).gettext(key)
    except KeyError:
        if key in STRINGS:
            return STRINGS[key][lang]
        raise


def t(key: str, lang: str, **values) -> str:
    """The ``lang`` text of ``key`` with ``{placeholders}`` filled from ``values``; a ``KeyError`` when the
    catalogue has no such message."""
    text = _text(key, lang)
    return text.format(**values) if values else text


def tn(key: str, n: int, lang: str, /, **values) -> str:
    """The ``lang`` plural form of ``key`` for the count ``n`` (a message with ``msgid_plural``: one form in
    Vietnamese, two in English), with ``{n}`` and the other ``{placeholders}`` filled (``values`` may give ``n``
    formatted, e.g. ``n=fmt_number(n, lang, 0)``)."""
    if isinstance(n, bool) or int(n) != n:
        raise TypeError(f"tn needs a whole count, not {n!r}")
    text = _catalogue(check_lang(lang)).ngettext(key, key, int(n))
    return text.format(**{"n": n, **values})


def has_text(key: str) -> bool:
    """Whether the catalogues name ``key`` (for words looked up by a code: ``f"hist_{variable}"``), as a message or as a
    plural one (``tn``): Debian 12's Python 3.11.2 does not find a plural message through ``gettext`` (fixed later,
    CPython issue 62519), so both are asked."""
    try:
        _text(key, LANGS[0])
    except KeyError:
        try:
            _catalogue(LANGS[0]).ngettext(key, key, 1)
        except KeyError:
            return False
    return True


def name_in(name: dict[str, str], lang: str, default: str = "") -> str:
    """A name written in both languages (``{"vi": …, "en": …}``, as scenario, target and measure files and the facts
    hold them) in ``lang``; English when it has none in ``lang``, else ``default``."""
    return name.get(lang) or name.get("en") or default


def label_column(name: str, lang: str) -> str:
    """The report header of a table column: its message of context ``column`` in the catalogue, a sector key's name
    (``Energy|Power`` -> "Năng lượng – sản xuất điện"), else the name itself."""
    if str(name) in SECTOR_NAMES:
        return sector_label(str(name), lang)
    try:
        return _catalogue(check_lang(lang)).pgettext(COLUMN, str(name))
    except KeyError:
        return str(name)


def message_ids(prefix: str = "") -> list[str]:
    """The message ids (default context) that start with ``prefix``, e.g. every ``report_*`` word for the template."""
    catalog = _catalogue(LANGS[0])._catalog  # GNUTranslations' table, as Django and others read it
    ids = {k[0] if isinstance(k, tuple) else k for k in catalog}
    return sorted(k for k in ids if k and "\x04" not in k and k.startswith(prefix))


def warm() -> None:
    """Load both catalogues and Babel's locale data now (about 0.1 s once), e.g. in a process that forks report
    kernels, so that each kernel finds them in memory instead of loading them on its first word or number."""
    for lang in LANGS:
        _catalogue(lang)
        _pattern(lang, "decimal", 1)
        _locale(lang).number_symbols  # noqa: B018 - loads the locale's number data


# ----- numbers -----


@functools.cache
def _locale(lang: str):
    from babel import Locale

    return Locale.parse(BABEL_LOCALES[check_lang(lang)])


@functools.cache
def _pattern(lang: str, kind: str, decimals: int):
    """The locale's standard decimal or percent pattern with exactly ``decimals`` decimals."""
    locale = _locale(lang)
    pattern = copy.copy((locale.percent_formats if kind == "percent" else locale.decimal_formats)[None])
    pattern.frac_prec = (decimals, decimals)
    return pattern


def _missing(value) -> bool:
    """None, NaN, or pandas' NA (whose comparison is neither true nor false)."""
    if value is None:
        return True
    try:
        return bool(value != value)
    except TypeError:
        return True


def _rounded(value, decimals: int) -> decimal.Decimal:
    """``value`` rounded half up to ``decimals`` (from its shortest decimal form, as a reader rounds); ``0``, not
    ``-0``."""
    number = value if isinstance(value, decimal.Decimal) else decimal.Decimal(str(value))
    rounded = number.quantize(decimal.Decimal(1).scaleb(-decimals), rounding=decimal.ROUND_HALF_UP)
    return rounded.copy_abs() if rounded == 0 else rounded


def _format(value, lang: str, decimals: int, sign: bool, kind: str) -> str:
    if _missing(value):
        return "–"
    check_lang(lang)
    if isinstance(value, float) and math.isinf(value):
        return ("+" if sign and value > 0 else "" if value > 0 else MINUS) + "∞"
    rounded = _rounded(value, decimals)
    shown = rounded.scaleb(-2) if kind == "percent" else rounded  # the percent pattern multiplies by 100
    text = _pattern(lang, kind, decimals).apply(shown, _locale(lang))
    if rounded < 0:
        text = text.replace(_locale(lang).number_symbols["latn"]["minusSign"], MINUS, 1)
    elif sign and rounded > 0:
        text = _locale(lang).number_symbols["latn"]["plusSign"] + text
    return text


def fmt_number(value: float | int | None, lang: str, decimals: int = 1, *, sign: bool = False) -> str:
    """Format a number for ``lang``: ``vi`` uses ``.`` for thousands and ``,`` for decimals (``1.234,5``), ``en``
    ``1,234.5``; ``−`` for negatives, ``+`` for positives with ``sign``; a number that rounds to zero is ``0,0``
    without a sign; ``–`` when missing."""
    return _format(value, lang, decimals, sign, "decimal")


def fmt_percent(value: float | None, lang: str, decimals: int = 1, *, sign: bool = False) -> str:
    """``12.5`` -> ``12,5%`` (vi) or ``12.5%`` (en); ``value`` is already in percent. The percent sign follows the
    number without a space in both languages, as Vietnamese legal documents and Babel's ``vi`` locale write it."""
    return _format(value, lang, decimals, sign, "percent")


def _tiny(limit: float, lang: str, decimals: int, value: float, kind: str) -> str:
    """A non-zero value that would round to zero: ``< 0,01`` (``> −0,01`` when negative)."""
    bound = _format(limit if value > 0 else -limit, lang, decimals, False, kind)
    return f"< {bound}" if value > 0 else f"> {bound}"


def mt_decimals(mt: float) -> int:
    """The decimals :func:`fmt_mt` prints for ``mt`` million tonnes: one, two under 1 Mt (the Excel workbook shows
    the same, :mod:`analysis.report.formats`)."""
    return 2 if abs(_rounded(mt, 2)) < 1 else 1


def pct_decimals(value: float) -> int:
    """The decimals :func:`fmt_pct` prints for a percent: none, one under 10."""
    return 1 if abs(_rounded(value, 1)) < 10 else 0


def fmt_mt(value: float | None, lang: str, *, unit: str = "Mt", sign: bool = False, label: bool = False) -> str:
    """An amount of CO₂e in million tonnes, as the reports state it: one decimal, two under 1 Mt, never a
    tonne-level figure (``8752996`` t -> ``8,8``; ``0.527`` Mt -> ``0,53``; a non-zero amount under 0.005 Mt ->
    ``dưới 0,01`` / ``under 0.01``). ``unit`` says what ``value`` is in (``"Mt"`` or ``"t"``); ``label`` adds the
    unit (``8,8 triệu tấn CO₂tđ`` / ``8.8 Mt CO₂e``)."""
    if unit not in ("Mt", "t"):
        raise ValueError(f"unit must be 'Mt' or 't', not {unit!r}")
    if _missing(value):
        return "–"
    mt = value / 1e6 if unit == "t" else value
    decimals = mt_decimals(mt)
    if mt != 0 and _rounded(mt, decimals) == 0:
        text = _tiny(0.01, lang, 2, mt, "decimal")
    else:
        text = fmt_number(mt, lang, decimals, sign=sign)
    return f"{text} {t('mtco2e', lang)}" if label else text


def fmt_pct(value: float | None, lang: str, *, sign: bool = False) -> str:
    """A percent as the reports state it (``value`` already in percent): whole, one decimal under 10
    (``28.28`` -> ``28%``, ``8.04`` -> ``8,0%``); a non-zero value under 0.05 -> ``< 0,1%``."""
    if _missing(value):
        return "–"
    decimals = pct_decimals(value)
    if value != 0 and _rounded(value, decimals) == 0:
        return _tiny(0.1, lang, 1, value, "percent")
    return fmt_percent(value, lang, decimals, sign=sign)


def fmt_pct_stated(value: float | None, lang: str, *, sign: bool = False) -> str:
    """A percent a document sets, with the decimals it is stated with (``15.8`` -> ``15,8%``, ``8`` -> ``8%``,
    up to two): a target is never rounded into another commitment."""
    if _missing(value):
        return "–"
    decimals = next((d for d in (0, 1) if abs(round(value, d) - value) < 1e-9), 2)
    return fmt_percent(value, lang, decimals, sign=sign)


def fmt_p(pvalue: float | None, lang: str, *, prefix: bool = True) -> str:
    """A p-value: ``p < 0,01`` / ``p < 0.01`` under 0.01, else two decimals (``p = 0,03``); ``prefix=False`` for a
    table cell (``< 0,01``, ``0,03``)."""
    if _missing(pvalue):
        return "–"
    if pvalue < 0.01:
        text = f"< {fmt_number(0.01, lang, 2)}"
    else:
        text = fmt_number(pvalue, lang, 2)
        text = f"= {text}" if prefix else text
    return f"p {text}" if prefix else text


def fmt_probability(p: float | None, lang: str) -> str:
    """A probability (``p`` from 0 to 1) in whole percent; the ends in words, since Monte Carlo draws never prove
    certainty: ``0.003`` -> ``dưới 1%`` / ``less than 1%``, ``0.998`` -> ``trên 99%`` / ``more than 99%``."""
    if _missing(p):
        return "–"
    if not 0 <= p <= 1:
        raise ValueError(f"a probability lies between 0 and 1, not {p!r}")
    percent = _rounded(decimal.Decimal(str(p)) * 100, 0)
    if percent < 1:
        return t("fmt_under", lang, value=fmt_percent(1, lang, 0))
    if percent > 99:
        return t("fmt_over", lang, value=fmt_percent(99, lang, 0))
    return fmt_percent(percent, lang, 0)


class _SectorNames(Mapping):
    """The sectors' names in both languages, ``{key: (vi, en)}``, read from the sectors table
    (``data/raw/project/sectors.csv``) when first asked — the table is their one home."""

    def _table(self):
        from analysis.data.sectors import load_sectors

        return load_sectors()

    def __getitem__(self, key: str) -> tuple[str, str]:
        sector = self._table()[key]
        return sector.name_vi, sector.name_en

    def __iter__(self):
        return iter(self._table().keys())

    def __len__(self) -> int:
        return len(self._table())

    def __contains__(self, key: object) -> bool:
        return key in self._table()


# Inventory sectors in the reader's language (a view of the sectors table, not a list of its own).
SECTOR_NAMES: Mapping[str, tuple[str, str]] = _SectorNames()


def sector_label(sector: str, lang: str) -> str:
    """The sector's name in ``lang`` (``Energy|Power`` -> "Năng lượng – sản xuất điện"), from the sectors table."""
    from analysis.data.sectors import load_sectors

    return load_sectors()[sector].name(check_lang(lang))


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def fmt_date(value: date | None, lang: str) -> str:
    """``2025-03-31`` -> ``31/03/2025`` (vi) or ``31 Mar 2025`` (en); ``–`` when missing."""
    check_lang(lang)
    if value is None or value != value:  # None, NaN or NaT
        return "–"
    if lang == "vi":
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"


_FROZEN = re.compile(r"frozen (\d{4})-(\d{2})-(\d{2})")
_HASH = re.compile(r"(?:inputs )?sha256 ([0-9a-f]{6,64})")


def fmt_vintage(vintage: str | None, lang: str) -> str:
    """A BAU or data vintage in the reader's words, without hashes.

    ``"frozen 2026-11-28; inputs sha256 59203cebaaa2"`` -> ``"BAU cố định ngày 28/11/2026"`` (vi) or
    ``"BAU frozen on 28 Nov 2026"`` (en); a combined vintage (``"A: frozen …; B: frozen …"``) with one date gives
    one phrase, with several dates one per date. Anything else (``"2023"``) is returned as it is, without any
    ``sha256 …`` part (hashes belong in the report's footer, see :func:`vintage_hashes`).
    """
    check_lang(lang)
    text = str(vintage or "")
    dates = list(dict.fromkeys(date(int(y), int(m), int(d)) for y, m, d in _FROZEN.findall(text)))
    if dates:
        return "; ".join(t("vintage_frozen", lang, date=fmt_date(d, lang)) for d in dates)
    cleaned = [p.strip() for p in _HASH.sub("", text).split(";")]
    return "; ".join(p for p in cleaned if p.strip(" :,"))


def vintage_hashes(vintage: str | None) -> list[str]:
    """The input hashes named in a vintage string (``"… inputs sha256 59203cebaaa2"`` -> ``["59203cebaaa2"]``)."""
    return list(dict.fromkeys(_HASH.findall(str(vintage or ""))))


# What a reader must never see: snake_case words, sector keys ("Energy|Power"), sub-index codes ("sub1").
CODE_IDENTIFIER = re.compile(r"\b[a-z]+_[a-z0-9_]+\b|Energy\|[A-Za-z]+|\bsub[1-4]\b")


def find_code_identifiers(text: str) -> list[str]:
    """The code identifiers in ``text`` (see :data:`CODE_IDENTIFIER`), in order, repeats included."""
    return CODE_IDENTIFIER.findall(str(text))
