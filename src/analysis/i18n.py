"""Vietnamese and English: the report words (gettext catalogues) and number formatting.

Words live in ``locale/<lang>/LC_MESSAGES/netzero.po`` beside this module, one message per stable key (see
``docs/translating.md``): ``t("sum_heading", lang, province=…)`` is the ``lang`` text of ``sum_heading`` with its
``{placeholders}`` filled, ``tn(key, n, lang)`` the plural form for the count ``n`` and
``label_column("rank", lang)`` a table header (messages of context ``column``). The ``.po`` files are compiled on first
use into ``.mo`` files under ``data/processed/cache/locale/`` named by the ``.po``'s hash, so a compiled catalogue is
never stale and loading one costs a few milliseconds.

``fmt_number(1234.5, "vi")`` gives ``1.234,5``; ``fmt_number(1234.5, "en")`` gives ``1,234.5``.
"""

from __future__ import annotations

import functools
import gettext
import hashlib
import io
import math
import os
import re
import tempfile
from datetime import date
from pathlib import Path

from analysis import paths

LANGS = ("vi", "en")

DOMAIN = "netzero"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
COLUMN = "column"  # the msgctxt of table column headers (label_column)

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
    """Whether the catalogues name ``key`` (for words looked up by a code: ``f"hist_{variable}"``)."""
    try:
        _text(key, LANGS[0])
    except KeyError:
        return False
    return True


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


# Inventory sectors (keys of analysis.data.kinds.SECTORS) in the reader's language.
SECTOR_NAMES = {
    "Energy|Power": ("Năng lượng – sản xuất điện", "Energy – power generation"),
    "Energy|Manufacturing and Construction": (
        "Năng lượng – công nghiệp chế tạo, xây dựng",
        "Energy – manufacturing and construction",
    ),
    "Energy|Transport": ("Năng lượng – giao thông vận tải", "Energy – transport"),
    "Energy|Residential and Commercial": ("Năng lượng – dân dụng, thương mại", "Energy – residential and commercial"),
    "Energy|Fugitive": ("Năng lượng – phát tán (dầu khí, than)", "Energy – fugitive (oil, gas and coal)"),
    "Energy|Other": ("Năng lượng – khác", "Energy – other"),
    "IPPU": ("Quá trình công nghiệp (IPPU)", "Industrial processes (IPPU)"),
    "Agriculture": ("Nông nghiệp", "Agriculture"),
    "LULUCF": ("LULUCF (âm = hấp thụ)", "LULUCF (negative = removals)"),
    "Waste": ("Chất thải", "Waste"),
}
STRINGS.update({f"inv_sector|{s}": {"vi": vi, "en": en} for s, (vi, en) in SECTOR_NAMES.items()})


def sector_label(sector: str, lang: str) -> str:
    """The sector's name in ``lang`` (``Energy|Power`` -> "Năng lượng – sản xuất điện")."""
    return t(f"inv_sector|{sector}", lang)


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
