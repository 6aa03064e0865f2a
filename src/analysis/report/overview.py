"""The data overview report: what the project knows about one province, and where each number comes from.

Inputs: the province registry, the PGI table (``analysis.pipeline.load_pgi``) and the provenance
register ``data/raw/SOURCES.csv``.
Output: :class:`DataOverview` — a facts table, the province's PGI rows, the source table and a short
narrative, in Vietnamese or English — displayed by ``notebooks/00_data_overview.ipynb``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.i18n import add_strings, fmt_number, t

add_strings({
    "overview_code": {"vi": "Mã hành chính (GSO)", "en": "Administrative code (GSO)"},
    "overview_name_en": {"vi": "Tên tiếng Anh", "en": "English name"},
    "overview_successor": {"vi": "Đơn vị hành chính từ 1/7/2025", "en": "Province-level unit from 1 July 2025"},
    "overview_item": {"vi": "Mục", "en": "Item"},
    "overview_value": {"vi": "Giá trị", "en": "Value"},
    "overview_file": {"vi": "Tệp", "en": "File"},
    "overview_title": {"vi": "Tiêu đề", "en": "Title"},
    "overview_publisher": {"vi": "Đơn vị công bố", "en": "Publisher"},
    "overview_licence": {"vi": "Giấy phép", "en": "Licence"},
    "overview_accessed": {"vi": "Ngày truy cập", "en": "Accessed"},
    "overview_pgi_latest": {
        "vi": "Năm {year}, {province} đạt {score} điểm Chỉ số Xanh cấp tỉnh (PGI), xếp thứ {rank}/{n}.",
        "en": "In {year}, {province} scored {score} points on the Provincial Green Index (PGI), "
              "ranking {rank} of {n}.",
    },
    "overview_no_pgi": {"vi": "Chưa có số liệu PGI của {province}.", "en": "No PGI figures for {province} yet."},
    "overview_merger": {
        "vi": "Từ ngày 1/7/2025, {province} thuộc {successor} (vùng {region}).",
        "en": "Since 1 July 2025, {province} is part of {successor} ({region} region).",
    },
    "overview_provenance": {
        "vi": "Mọi tệp số liệu gốc đều được ghi nguồn, giấy phép và mã băm SHA-256 trong data/raw/SOURCES.csv.",
        "en": "Every raw data file is recorded with its source, licence and SHA-256 hash in data/raw/SOURCES.csv.",
    },
})


@dataclass
class DataOverview:
    """Tables and narrative of the data overview report."""

    facts: pd.DataFrame
    pgi: pd.DataFrame
    sources: pd.DataFrame
    narrative: str


def summarise_data_overview(province: str, lang: str) -> DataOverview:
    """Collect the data overview of ``province`` (any spelling) in ``lang`` (``vi`` or ``en``)."""
    from analysis.data.provenance import load_sources
    from analysis.data.provinces import get_registry
    from analysis.pipeline import load_pgi

    reg = get_registry()
    p = reg.province(province)
    name = reg.display_name(p.name)
    region = p.region_vi if lang == "vi" else p.region
    facts = pd.DataFrame({t("overview_item", lang): [t("province", lang), t("overview_name_en", lang),
                                                     t("overview_code", lang), t("region", lang),
                                                     t("overview_successor", lang)],
                          t("overview_value", lang): [name, p.name_en, p.code, region, p.successor]})
    table = load_pgi()
    mine = table[table["province"] == p.name].sort_values("year")
    pgi = pd.DataFrame({t("year", lang): mine["year"].astype(int),
                        "PGI": [fmt_number(v, lang, 2) for v in mine["pgi_score"]],
                        t("rank", lang): [fmt_number(v, lang, 0) for v in mine["pgi_rank"]]}).reset_index(drop=True)
    src = load_sources()
    sources = pd.DataFrame({t("overview_file", lang): [s.path for s in src],
                            t("overview_title", lang): [s.title for s in src],
                            t("overview_publisher", lang): [s.publisher for s in src],
                            t("overview_licence", lang): [s.licence for s in src],
                            t("overview_accessed", lang): [s.date_accessed for s in src]})
    if mine.empty:
        lead = t("overview_no_pgi", lang, province=name)
    else:
        last = mine.iloc[-1]
        n = int((table["year"] == last["year"]).sum())
        lead = t("overview_pgi_latest", lang, year=int(last["year"]), province=name,
                 score=fmt_number(last["pgi_score"], lang, 2), rank=fmt_number(last["pgi_rank"], lang, 0), n=n)
    narrative = " ".join([lead, t("overview_merger", lang, province=name, successor=p.successor, region=region),
                          t("overview_provenance", lang)])
    return DataOverview(facts=facts, pgi=pgi, sources=sources, narrative=narrative)
