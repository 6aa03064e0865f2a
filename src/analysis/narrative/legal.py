"""Legal documents and agencies in the reader's words: the Vietnamese administrative way of citing a document, and
a body named by today's name with its former one in brackets.

Input: ids (or, for agencies, names) from scenario and target files, and the registers of
:mod:`analysis.data.institutions`. Output: strings. ``cite("qd-3070-2021-ubnd-brvt", "vi")`` gives
"Quyết định số 3070/QĐ-UBND ngày 05/10/2021 của UBND tỉnh Bà Rịa – Vũng Tàu"; ``agency_label("so-khdt", "vi")`` gives
"Sở Tài chính (trước đây Sở Kế hoạch và Đầu tư)". A document's issuer is the one it had when it was issued (a 2024
document keeps its 2024 issuer); an agency is named as it is on the report's date.
"""

from __future__ import annotations

import datetime as dt

from analysis.data.institutions import Agency, LegalDocument, load_institutions
from analysis.i18n import t

_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def legal_date(day: dt.date, lang: str) -> str:
    """A date as legal documents write it: ``05/10/2021``, ``02/8/2017`` (vi: day with two digits, month as is);
    ``5 October 2021`` (en)."""
    if lang == "vi":
        return f"{day.day:02d}/{day.month}/{day.year}"
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def _month(day: dt.date, lang: str) -> str:
    month = str(day.month) if lang == "vi" else _MONTHS_EN[day.month - 1]
    return t("doc_month", lang, month=month, year=day.year)


def _title_clause(doc: LegalDocument, lang: str) -> str:
    title = doc.title(lang).strip()
    if not title:
        return ""
    if lang == "vi":
        return " " + title[0].lower() + title[1:]
    return f" — {title}"


def cite_document(doc: LegalDocument, lang: str, *, with_title: bool = False, follow: bool = True) -> str:
    """``doc`` cited by number, date and issuer (and title when ``with_title``); an amended document names its
    amendment and a replaced one its replacement (``follow``)."""
    kind = doc.title(lang) if doc.kind_en == "Law" else doc.kind(lang)  # "Luật Bảo vệ môi trường số 72/2020/QH14"
    if doc.kind_en == "Nationally Determined Contribution":
        with_title = False  # its title is the citation
        text = t("doc_cite_ndc", lang, title=doc.title(lang), date=legal_date(doc.date, lang) if doc.date else "")
    elif not doc.number:
        when = _month(doc.date, lang) if doc.month_only else legal_date(doc.date, lang) if doc.date else ""
        text = t("doc_cite_report", lang, kind=kind, issuer=doc.issuer(lang), date=when)
    elif doc.date is None:
        text = t("doc_cite_no_date", lang, kind=kind, number=doc.number, issuer=doc.issuer(lang))
        text += f" ({t('doc_date_unverified', lang)})"
    else:
        date = legal_date(doc.date, lang)
        text = t("doc_cite", lang, kind=kind, number=doc.number, date=date, issuer=doc.issuer(lang))
    if with_title and doc.kind_en != "Law":
        text += _title_clause(doc, lang)
    if follow and doc.amended_by:
        other = load_institutions().document(doc.amended_by)
        text += t("doc_amended", lang, other=cite_document(other, lang, follow=False))
    if follow and doc.replaced_by:
        other = load_institutions().document(doc.replaced_by)
        text += t("doc_replaced", lang, other=cite_document(other, lang, follow=False))
    return text


def cite(doc_id: str, lang: str, *, with_title: bool = False) -> str:
    """:func:`cite_document` of the register's document ``doc_id``."""
    return cite_document(load_institutions().document(doc_id), lang, with_title=with_title)


def agency_label(key: str, lang: str, on: dt.date | None = None) -> str:
    """The agency ``key`` (id or any of its names) as it is named on ``on`` (default: today): today's body, with the
    former one in brackets when the key names a body that no longer exists; a name not in the register unchanged."""
    reg = load_institutions()
    agency = reg.find_agency(key)
    if agency is None:
        return str(key)
    now = reg.current(agency.id, on)
    if now.id == agency.id:
        return now.name(lang)
    return t("agency_formerly", lang, name=now.name(lang), former=agency.name(lang))


def agency_then(key: str, lang: str, on: dt.date | None = None) -> str:
    """The agency ``key`` as a past document names it, with today's body after it when it no longer exists
    ("Sở Nông nghiệp và Phát triển nông thôn (nay là Sở Nông nghiệp và Môi trường)"): history stays as it was
    written, and the reader learns who holds the work now. A name not in the register, or a body that still exists,
    unchanged."""
    found = former_agency(key, on)
    return str(key) if found is None else t("agency_now", lang, former=str(key), name=found[1].name(lang))


def former_agency(key: str, on: dt.date | None = None) -> tuple[Agency, Agency] | None:
    """``(named, today's)`` when ``key`` names a body that no longer exists on ``on``; else ``None``."""
    reg = load_institutions()
    agency = reg.find_agency(key)
    if agency is None:
        return None
    now = reg.current(agency.id, on)
    return (agency, now) if now.id != agency.id else None
