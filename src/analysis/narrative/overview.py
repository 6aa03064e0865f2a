"""The data overview in words and tables, in Vietnamese or English (from :mod:`analysis.data.overview`)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.i18n import add_strings, fmt_number, t

add_strings(
    {
        "overview_heading": {"vi": "Tổng quan dữ liệu: {province}", "en": "Data overview: {province}"},
        "overview_code": {"vi": "Mã hành chính", "en": "Administrative code"},
        "overview_name_en": {"vi": "Tên không dấu", "en": "Name without diacritics"},
        "overview_successor": {"vi": "Đơn vị hành chính từ 01/7/2025", "en": "Province-level unit from 1 July 2025"},
        "overview_constituents": {"vi": "Hợp nhất từ", "en": "Merged from"},
        "overview_item": {"vi": "Mục", "en": "Item"},
        "overview_sec_facts": {"vi": "Thông tin chung", "en": "Identity"},
        "overview_sec_pgi": {
            "vi": "Chỉ số Xanh cấp tỉnh (PGI) đã công bố",
            "en": "Published Provincial Green Index (PGI)",
        },
        "overview_sec_sources": {"vi": "Nguồn số liệu", "en": "Data sources"},
        "overview_register": {
            "vi": "Sổ đăng ký nguồn số liệu của dự án (tên tệp, ghi chú và mã kiểm tra của từng tệp)",
            "en": "The project's source register (file names, notes and checksum of each file)",
        },
        "overview_value": {"vi": "Giá trị", "en": "Value"},
        "overview_file": {"vi": "Tệp", "en": "File"},
        "overview_title": {"vi": "Tiêu đề", "en": "Title"},
        "overview_publisher": {"vi": "Đơn vị công bố", "en": "Publisher"},
        "overview_licence": {"vi": "Giấy phép", "en": "Licence"},
        "overview_accessed": {"vi": "Ngày truy cập", "en": "Accessed"},
        "overview_pgi_latest": {
            "vi": "Năm {year}, {province} đạt {score} điểm Chỉ số Xanh cấp tỉnh (PGI){rank_text}.",
            "en": "In {year}, {province} scored {score} points on the Provincial Green Index (PGI){rank_text}.",
        },
        "overview_pgi_rank": {
            "vi": ", xếp thứ {rank} trong số {n} tỉnh, thành phố được VCCI xếp hạng",
            "en": ", ranked {rank} of the {n} provinces VCCI ranked",
        },
        "overview_pgi_rank_only": {"vi": ", xếp thứ {rank} theo VCCI", "en": ", ranked {rank} by VCCI"},
        "overview_pgi_unranked": {
            "vi": "; VCCI không công bố thứ hạng của tỉnh năm đó",
            "en": "; VCCI published no rank for it that year",
        },
        "overview_no_pgi": {
            "vi": "Chưa có số liệu PGI công bố của {province}.",
            "en": "No published PGI figures for {province}.",
        },
        "overview_merger": {
            "vi": "Từ ngày 01/7/2025, {province} thuộc {successor} (vùng {region}).",
            "en": "Since 1 July 2025, {province} is part of {successor} ({region} region).",
        },
        "overview_unchanged": {
            "vi": "Ngày 01/7/2025, {province} giữ nguyên địa giới (vùng {region}).",
            "en": "On 1 July 2025, {province} kept its boundaries ({region} region).",
        },
        "overview_unit": {
            "vi": "{province} (từ ngày 01/7/2025) được hợp nhất từ {parts}.",
            "en": "{province} (from 1 July 2025) was formed from {parts}.",
        },
        "overview_provenance": {
            "vi": "Mọi tệp số liệu gốc đều được ghi nguồn, giấy phép và mã kiểm tra trong sổ đăng ký nguồn số liệu của dự án.",
            "en": "Every raw data file is recorded with its source, licence and checksum in the project's source register.",
        },
    }
)


def facts_table(facts, lang: str) -> pd.DataFrame:
    region = facts.region_vi if lang == "vi" else facts.region
    rows = [
        (t("province", lang), facts.name),
        (t("overview_name_en", lang), facts.name_en),
        (t("overview_code", lang), facts.code),
        (t("region", lang), region),
    ]
    if facts.map == 2025:
        rows.append((t("overview_constituents", lang), ", ".join(facts.constituents)))
    else:
        rows.append((t("overview_successor", lang), facts.successor))
    return pd.DataFrame(rows, columns=[t("overview_item", lang), t("overview_value", lang)])


def pgi_table(facts, lang: str) -> pd.DataFrame:
    p = facts.pgi
    out = pd.DataFrame(
        {
            t("year", lang): p["year"].astype(int),
            "PGI": [fmt_number(v, lang, 2) for v in p["pgi_score"]],
            t("rank", lang): [fmt_number(v, lang, 0) for v in p["pgi_rank"]],
        }
    )
    if facts.map == 2025:
        out.insert(0, t("province", lang), p["province"].to_numpy())
    return out


def sources_table(facts, lang: str) -> pd.DataFrame:
    """The data sources in the reader's words: title (with its publisher), licence and access date; the file
    names, notes and checksums stay in the register (``data/raw/SOURCES.csv``)."""
    from analysis.i18n import fmt_date

    s = facts.sources
    english = s["title"] + " — " + s["publisher"]
    titles = s["title_vi"].where(s["title_vi"] != "", english) if lang == "vi" else english
    licences = s["licence_vi"].where(s["licence_vi"] != "", s["licence"]) if lang == "vi" else s["licence"]
    dates = [fmt_date(dt.date.fromisoformat(d), lang) if d else "" for d in s["date_accessed"]]
    return pd.DataFrame(
        {
            t("overview_title", lang): titles.to_numpy(),
            t("overview_licence", lang): licences.to_numpy(),
            t("overview_accessed", lang): dates,
        }
    )


def describe_overview(facts, lang: str, ranked: dict[int, int] | None = None) -> str:
    """PGI standing (published figures only), the 2025 merger, and the provenance rule.

    ``ranked`` maps a PGI year to the number of provinces VCCI ranked that year (omitted from the text when unknown).
    """
    ranked = ranked or {}
    region = facts.region_vi if lang == "vi" else facts.region
    parts = []
    for province, rows in facts.pgi.groupby("province", sort=False):
        scored = rows.dropna(subset=["pgi_score"])
        if scored.empty:
            continue
        last = scored.iloc[-1]
        year = int(last["year"])
        if pd.isna(last["pgi_rank"]):
            rank_text = t("overview_pgi_unranked", lang)
        elif year in ranked:
            rank_text = t("overview_pgi_rank", lang, rank=int(last["pgi_rank"]), n=ranked[year])
        else:
            rank_text = t("overview_pgi_rank_only", lang, rank=int(last["pgi_rank"]))
        parts.append(
            t(
                "overview_pgi_latest",
                lang,
                year=year,
                province=province,
                score=fmt_number(last["pgi_score"], lang, 2),
                rank_text=rank_text,
            )
        )
    if not parts:
        parts.append(t("overview_no_pgi", lang, province=facts.name))
    if facts.map == 2025:
        parts.append(t("overview_unit", lang, province=facts.name, parts=", ".join(facts.constituents)))
    elif facts.merged:
        parts.append(t("overview_merger", lang, province=facts.name, successor=facts.successor, region=region))
    else:
        parts.append(t("overview_unchanged", lang, province=facts.name, region=region))
    parts.append(t("overview_provenance", lang))
    return " ".join(parts)
