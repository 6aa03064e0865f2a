"""Controlled vocabularies and dates for register tables, with the spellings real registers use.

A :class:`Vocabulary` maps each canonical term to the spellings accepted for it (Vietnamese with or without
diacritics, English, common abbreviations). Matching folds case, diacritics and punctuation, so
``Công Thương``, ``cong thuong`` and ``Industry & trade`` meet. :func:`parse_date` reads the two date forms the
registers use, ISO (``2025-03-15``) and Vietnamese ``dd/mm/yyyy`` (``15/3/2025``), plus the text an Excel date cell
becomes (``2025-03-15 00:00:00``).

Both give table rules for :class:`~analysis.data.schemas.TableSchema` (``table_rules``): each unknown term or
unreadable date is reported with its row, column, value and — for a near miss — a suggestion. The canonical
values are obtained after validation with :meth:`Vocabulary.canonical` and :func:`parse_date`.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

import pandas as pd

from analysis.data.provinces import strip_diacritics
from analysis.data.readers import ROW
from analysis.errors import Issue

TableRule = Callable[[pd.DataFrame, str], list[Issue]]

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def fold(text: object) -> str:
    """``"Tài nguyên & Môi trường"`` -> ``"tainguyenmoitruong"`` (no case, diacritics, spaces or punctuation)."""
    plain = strip_diacritics(unicodedata.normalize("NFKC", str(text))).casefold()
    return re.sub(r"[^0-9a-z]+", "", plain)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or str(value).strip() == ""


@dataclass(frozen=True)
class Vocabulary:
    """Canonical terms of one register column and the spellings accepted for each."""

    name: str
    terms: Mapping[str, tuple[str, ...]]

    @cached_property
    def _index(self) -> dict[str, str]:
        index = {}
        for canonical, spellings in self.terms.items():
            for form in (canonical, *spellings):
                index[fold(form)] = canonical
        return index

    def canonical(self, value: object) -> str | None:
        """The canonical term for ``value`` (``None`` when it is empty or unknown)."""
        if _missing(value):
            return None
        return self._index.get(fold(value))

    def suggest(self, value: object) -> str | None:
        """The main spelling of the term closest to ``value``, for a "did you mean" hint."""
        forms = {fold(f): spellings[0] for spellings in self.terms.values() for f in spellings}
        close = difflib.get_close_matches(fold(value), list(forms), n=1, cutoff=0.6)
        return forms[close[0]] if close else None

    def shown(self) -> str:
        """The first spelling of each term, as listed in messages."""
        return ", ".join(f"'{spellings[0]}'" for spellings in self.terms.values())

    def rule(self, column: str) -> TableRule:
        """A table rule: every non-empty value of ``column`` is one of the terms."""

        def check(df: pd.DataFrame, file: str) -> list[Issue]:
            if column not in df:
                return []
            issues = []
            for value, row in zip(df[column], df[ROW], strict=True):
                if _missing(value) or self.canonical(value) is not None:
                    continue
                close = self.suggest(value)
                hint = f" — did you mean '{close}'?" if close else ""
                issues.append(
                    Issue(
                        file=file,
                        row=int(row),
                        column=column,
                        value=value,
                        rule=f"known {self.name}",
                        message=f"'{value}' is not a known {self.name} (use one of {self.shown()}){hint}",
                    )
                )
            return issues

        return check

    def convert(self, series: pd.Series) -> pd.Series:
        """``series`` with every value replaced by its canonical term (empty stays missing)."""
        return pd.Series([self.canonical(v) for v in series], index=series.index, dtype="object")


def parse_date(value: object) -> date | None:
    """A date from ``2025-03-15``, ``15/03/2025`` or ``15/3/2025``; ``None`` when empty or not a real date."""
    if _missing(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    iso, dmy = _ISO.match(text), _DMY.match(text)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if dmy:
            return date(int(dmy[3]), int(dmy[2]), int(dmy[1]))
    except ValueError:
        return None
    return None


def date_rule(column: str) -> TableRule:
    """A table rule: every non-empty value of ``column`` is a real date in ISO or dd/mm/yyyy form."""

    def check(df: pd.DataFrame, file: str) -> list[Issue]:
        if column not in df:
            return []
        return [
            Issue(
                file=file,
                row=int(row),
                column=column,
                value=value,
                rule="date",
                message=f"'{value}' is not a date; write it as yyyy-mm-dd (2025-03-15) or dd/mm/yyyy (15/03/2025)",
            )
            for value, row in zip(df[column], df[ROW], strict=True)
            if not _missing(value) and parse_date(value) is None
        ]

    return check


def convert_dates(series: pd.Series) -> pd.Series:
    """``series`` parsed with :func:`parse_date` (``NaT`` where empty)."""
    return pd.to_datetime(pd.Series([parse_date(v) for v in series], index=series.index, dtype="object"))


YES_NO = Vocabulary(
    "yes/no answer",
    {
        "yes": ("yes", "có", "y", "true", "x", "1"),
        "no": ("no", "không", "n", "false", "0", "chưa"),
    },
)

# Decision 13/2024/QĐ-TTg groups the listed facilities by the ministry that manages the field (its annexes II–V:
# industry and trade, transport, construction, natural resources and environment); agriculture appears in the
# list of fields (annex I) and in provincial registers. Since March 2025 some ministries have merged; the
# grouping of the decision is kept as written.
CATEGORY = Vocabulary(
    "facility category",
    {
        "industry_trade": (
            "Công Thương",
            "industry and trade",
            "industry & trade",
            "ngành công thương",
            "Bộ Công Thương",
            "MOIT",
            "CT",
        ),
        "transport": (
            "Giao thông vận tải",
            "transport",
            "transportation",
            "GTVT",
            "giao thông",
            "ngành giao thông vận tải",
            "Bộ Giao thông vận tải",
            "MOT",
        ),
        "construction": ("Xây dựng", "construction", "ngành xây dựng", "Bộ Xây dựng", "MOC", "XD"),
        "agriculture": (
            "Nông nghiệp",
            "agriculture",
            "Nông nghiệp và Phát triển nông thôn",
            "NN&PTNT",
            "NNPTNT",
            "agriculture and rural development",
            "MARD",
        ),
        "natural_resources_environment": (
            "Tài nguyên và Môi trường",
            "natural resources and environment",
            "TN&MT",
            "TNMT",
            "Bộ Tài nguyên và Môi trường",
            "MONRE",
            "environment",
        ),
    },
)

SCOPE = Vocabulary(
    "emission scope",
    {
        "1": ("1", "scope 1", "phạm vi 1", "direct", "trực tiếp"),
        "2": ("2", "scope 2", "phạm vi 2", "indirect", "gián tiếp"),
        "1+2": ("1+2", "scope 1+2", "1 và 2", "1,2", "phạm vi 1 và 2", "scope 1 and 2", "direct and indirect"),
        "1+2+3": ("1+2+3", "scope 1+2+3", "1, 2 và 3", "phạm vi 1, 2 và 3", "scope 1, 2 and 3"),
    },
)

CREDIT_TYPE = Vocabulary(
    "credit type",
    {
        "CDM": ("CDM", "Clean Development Mechanism", "Cơ chế phát triển sạch"),
        "JCM": ("JCM", "Joint Crediting Mechanism", "Cơ chế tín chỉ chung"),
        "Gold Standard": ("Gold Standard", "GS", "GS4GG"),
        "VCS": ("VCS", "Verra", "Verified Carbon Standard"),
        "domestic": ("domestic", "trong nước", "tín chỉ trong nước", "nội địa"),
    },
)

CREDIT_STATUS = Vocabulary(
    "credit status",
    {
        "planned": ("planned", "dự kiến", "đề xuất", "idea", "nghiên cứu", "under study"),
        "validation": ("validation", "đang thẩm định", "thẩm định", "under validation", "validating"),
        "registered": ("registered", "đã đăng ký", "đăng ký"),
        "issued": ("issued", "đã cấp", "đã phát hành", "cấp tín chỉ"),
        "transferred": ("transferred", "đã chuyển giao", "chuyển giao", "sold", "đã bán"),
        "retired": ("retired", "đã sử dụng", "đã huỷ bỏ", "đã hủy bỏ", "cancelled for use"),
    },
)

# Where credits go: "domestic" for a destination inside Viet Nam; any other named destination is abroad.
DESTINATION = Vocabulary(
    "destination",
    {
        "domestic": ("Việt Nam", "Vietnam", "Viet Nam", "VN", "trong nước", "domestic", "nội địa"),
    },
)
