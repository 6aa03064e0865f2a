"""Agencies and legal documents as data: who exists today, who did before, and which document says what.

Inputs (``data/raw/institutions/``, see ``SOURCES.csv``):

- ``agencies.csv``: one row per agency (ministries, the provincial departments every province has, statistics,
  local government levels), with its names in Vietnamese and English, the dates it existed (``since``/``until``,
  empty when open) and its ``successor`` — built from the 2025 reorganisation (Resolution 176/2025/QH15, Decrees
  35/2025 and 45/2025/NĐ-CP, the end of the district level on 1 July 2025);
- ``legal_documents.csv``: one row per law, decree, decision, plan or NDC the project cites: kind, number, date,
  issuer, title (vi/en), status (``in_force``, ``amended``, ``replaced``, ``expired``, ``unverified``) with
  ``amended_by``/``replaced_by``, official and secondary URLs and how well each was verified.

Outputs: :func:`load_institutions` — an :class:`Institutions` that finds an agency by id or by any of its names
(:meth:`Institutions.agency`), follows successors to the agency that exists on a date (:meth:`Institutions.current`)
and finds a document by id (:meth:`Institutions.document`). How they are worded in a report is the narrative's
business (:mod:`analysis.narrative.legal`). Unknown ids are :class:`~analysis.errors.InputError` with the closest id.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis import paths
from analysis.data.readers import ROW
from analysis.data.schemas import Column, RowRule, TableSchema, read_checked
from analysis.errors import InputError, Issue, suggest

STATUSES = ("in_force", "amended", "replaced", "expired", "unverified")
LEVELS = ("ministry", "department", "agency", "local")
_TEXT = {"dtype": "str", "required": False, "nullable": True}
_DATE = r"\d{4}-\d{2}(-\d{2})?"


def _dates(column: str) -> RowRule:
    return RowRule(
        "ISO date",
        column,
        f"'{column}' is a date written YYYY-MM-DD (or YYYY-MM for a month), or blank",
        lambda df: df[column].isna() | df[column].astype(str).str.fullmatch(_DATE),
    )


AGENCIES = TableSchema(
    kind="agencies",
    description="agencies before and after the 2025 reorganisation: names, dates, successor, legal basis",
    columns=(
        Column("id", "str"),
        Column("level", "str"),
        Column("name_vi", "str"),
        Column("name_en", "str"),
        Column("since", **_TEXT),
        Column("until", **_TEXT),
        Column("successor", **_TEXT),
        Column("legal_basis", **_TEXT),
        Column("source_url", **_TEXT),
        Column("note", **_TEXT),
    ),
    key=("id",),
    rules=(_dates("since"), _dates("until")),
)
LEGAL_DOCUMENTS = TableSchema(
    kind="legal_documents",
    description="the legal documents the project cites: number, date, issuer, title, status, URLs, verification",
    columns=(
        Column("id", "str"),
        Column("kind_vi", "str"),
        Column("kind_en", "str"),
        Column("number", **_TEXT),  # blank for a document without one (an NDC, a report)
        Column("date", **_TEXT),
        Column("issuer_vi", "str"),
        Column("issuer_en", "str"),
        Column("title_vi", **_TEXT),  # blank where the title could not be verified
        Column("title_en", **_TEXT),
        Column("status", "str", allowed=STATUSES),
        Column("amended_by", **_TEXT),
        Column("replaced_by", **_TEXT),
        Column("official_url", **_TEXT),
        Column("secondary_url", **_TEXT),
        Column("verified", **_TEXT),
        Column("note", **_TEXT),
    ),
    key=("id",),
    rules=(_dates("date"),),
)


def _day(text: str) -> dt.date | None:
    """An ISO date; a month alone (``2024-12``, a document dated "tháng 12 năm 2024") is its first day."""
    text = (text or "").strip()
    if len(text) == 7:
        text += "-01"
    return dt.date.fromisoformat(text) if text else None


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())


@dataclass(frozen=True)
class Agency:
    """A body that is, or was, responsible for something (see module docstring)."""

    id: str
    level: str
    name_vi: str
    name_en: str
    since: dt.date | None
    until: dt.date | None
    successor: str
    legal_basis: tuple[str, ...]
    source_url: str
    note: str

    def name(self, lang: str) -> str:
        return self.name_vi if lang == "vi" else self.name_en

    def exists_on(self, day: dt.date) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)


@dataclass(frozen=True)
class LegalDocument:
    """A document the project cites (see module docstring); ``date`` is ``None`` where it could not be verified."""

    id: str
    kind_vi: str
    kind_en: str
    number: str
    date: dt.date | None
    issuer_vi: str
    issuer_en: str
    title_vi: str
    title_en: str
    status: str
    amended_by: str
    replaced_by: str
    official_url: str
    secondary_url: str
    verified: str
    note: str
    month_only: bool = False  # dated by month only (the day is blank in the copy)

    def title(self, lang: str) -> str:
        return self.title_vi if lang == "vi" else self.title_en

    def issuer(self, lang: str) -> str:
        return self.issuer_vi if lang == "vi" else self.issuer_en

    def kind(self, lang: str) -> str:
        return self.kind_vi if lang == "vi" else self.kind_en

    @property
    def url(self) -> str:
        """The official URL where one exists, else the secondary one."""
        return self.official_url or self.secondary_url


@dataclass(frozen=True)
class Institutions:
    """The agency and document registers, with look-ups (see module docstring)."""

    agencies: dict[str, Agency]
    documents: dict[str, LegalDocument]

    def document(self, doc_id: str, *, file: str = "", column: str = "document") -> LegalDocument:
        """The document ``doc_id``; an unknown id is an InputError naming ``file`` and ``column``."""
        found = self.documents.get(str(doc_id).strip())
        if found is None:
            raise InputError(
                [
                    Issue(
                        file=file or _label("legal_documents"),
                        column=column,
                        value=doc_id,
                        rule="known document",
                        message=f"no legal document '{doc_id}' in {_label('legal_documents')}"
                        f"{suggest(str(doc_id), self.documents, list_known=False)}",
                    )
                ]
            )
        return found

    def find_agency(self, key: str) -> Agency | None:
        """An agency by id, or by its Vietnamese or English name (any case and spacing; the English with or without its
        abbreviation in brackets: "Department of Agriculture and Rural Development (DARD)"), current or former."""
        text = str(key).strip()
        if text in self.agencies:
            return self.agencies[text]
        folded = _fold(text)
        for agency in self.agencies.values():
            short_en = re.sub(r"\s*\([^)]*\)$", "", agency.name_en)
            if folded in (_fold(agency.name_vi), _fold(agency.name_en), _fold(short_en)):
                return agency
        return None

    def agency(self, key: str, *, file: str = "", column: str = "lead") -> Agency:
        """:meth:`find_agency`, or an InputError naming ``file`` and ``column`` with the closest ids."""
        found = self.find_agency(key)
        if found is None:
            raise InputError(
                [
                    Issue(
                        file=file or _label("agencies"),
                        column=column,
                        value=key,
                        rule="known agency",
                        message=f"no agency '{key}' in {_label('agencies')}"
                        f"{suggest(str(key), self.agencies, list_known=False)}",
                    )
                ]
            )
        return found

    def current(self, agency_id: str, on: dt.date | None = None) -> Agency:
        """The agency that does ``agency_id``'s job on ``on`` (default: today): itself, or its successor's successor …"""
        day = on or dt.date.today()
        agency = self.agencies[agency_id]
        seen = {agency.id}
        while not agency.exists_on(day) and agency.successor and agency.until is not None and agency.until < day:
            agency = self.agencies[agency.successor]
            if agency.id in seen:  # a cycle in the register: stop where it closes
                break
            seen.add(agency.id)
        return agency


def _label(kind: str) -> str:
    from analysis.data.provenance import raw_label

    return raw_label(kind)


def _rows(path: Path, schema: TableSchema) -> list[dict]:
    """The checked rows of ``path`` as text (blank = ``""``), each with its file row number under ``ROW``."""
    table = read_checked(path, schema)
    return [
        {k: (v if k == ROW else "" if v is None or v != v else str(v).strip()) for k, v in row.items()}
        for row in table.to_dict("records")
    ]


def _check(agency_rows: list[dict], document_rows: list[dict], agencies_file: Path, documents_file: Path) -> None:
    """Every reference names a row that exists (an unknown id is located by file, row and column)."""
    agency_ids = {r["id"] for r in agency_rows}
    document_ids = {r["id"] for r in document_rows}
    issues = []

    def unknown(file: Path, row: dict, column: str, value: str, known: set[str], what: str) -> None:
        issues.append(
            Issue(
                file=paths.relative_to_project(file),
                row=row[ROW],
                column=column,
                value=value,
                rule=f"known {what}",
                message=f"no {what} '{value}' in the register{suggest(value, sorted(known))}",
            )
        )

    for r in agency_rows:
        if r["successor"] and r["successor"] not in agency_ids:
            unknown(agencies_file, r, "successor", r["successor"], agency_ids, "agency")
        for doc in (x.strip() for x in r["legal_basis"].split(";")):
            if doc and doc not in document_ids:
                unknown(agencies_file, r, "legal_basis", doc, document_ids, "document")
    for r in document_rows:
        for column in ("amended_by", "replaced_by"):
            if r[column] and r[column] not in document_ids:
                unknown(documents_file, r, column, r[column], document_ids, "document")
    if issues:
        raise InputError(issues)


def build_institutions(agencies_file: Path | None = None, documents_file: Path | None = None) -> Institutions:
    """Read, check and cross-check both registers (every reference names a row that exists); default: the
    shipped files of kinds ``agencies`` and ``legal_documents``."""
    from analysis.data.provenance import raw_file

    agencies_file = Path(agencies_file or raw_file("agencies"))
    documents_file = Path(documents_file or raw_file("legal_documents"))
    agency_rows = _rows(agencies_file, AGENCIES)
    document_rows = _rows(documents_file, LEGAL_DOCUMENTS)
    _check(agency_rows, document_rows, agencies_file, documents_file)
    documents = {
        r["id"]: LegalDocument(
            id=r["id"],
            kind_vi=r["kind_vi"],
            kind_en=r["kind_en"],
            number=r["number"],
            date=_day(r["date"]),
            issuer_vi=r["issuer_vi"],
            issuer_en=r["issuer_en"],
            title_vi=r["title_vi"],
            title_en=r["title_en"],
            status=r["status"],
            amended_by=r["amended_by"],
            replaced_by=r["replaced_by"],
            official_url=r["official_url"],
            secondary_url=r["secondary_url"],
            verified=r["verified"],
            note=r["note"],
            month_only=len(r["date"].strip()) == 7,
        )
        for r in document_rows
    }
    agencies = {
        r["id"]: Agency(
            id=r["id"],
            level=r["level"],
            name_vi=r["name_vi"],
            name_en=r["name_en"],
            since=_day(r["since"]),
            until=_day(r["until"]),
            successor=r["successor"],
            legal_basis=tuple(x.strip() for x in r["legal_basis"].split(";") if x.strip()),
            source_url=r["source_url"],
            note=r["note"],
        )
        for r in agency_rows
    }
    return Institutions(agencies, documents)


@lru_cache(maxsize=1)
def load_institutions() -> Institutions:
    """The registers shipped in ``data/raw/institutions/`` (cached)."""
    return build_institutions()
