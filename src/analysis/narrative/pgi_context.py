"""PGI section headings, the data-coverage sentence and the 2025 map sentence, in ``vi`` or ``en``.

Inputs: :func:`analysis.index.province.summarise_coverage` and the province registry. Output: strings.
"""

from __future__ import annotations

import pandas as pd

from analysis.i18n import add_strings, t

add_strings(
    {
        "pgi_sec_standing": {"vi": "Vị trí hiện tại", "en": "Where the province stands"},
        "pgi_sec_history": {"vi": "Diễn biến điểm và thứ hạng", "en": "Score and rank over time"},
        "pgi_sec_profile": {"vi": "Các chỉ số thành phần", "en": "The sub-indices"},
        "pgi_sec_drivers": {"vi": "Chỉ số nào tạo nên thay đổi", "en": "What moved the score"},
        "pgi_sec_whatif": {"vi": "Cần cải thiện bao nhiêu để tăng hạng", "en": "What it would take to climb"},
        "pgi_sec_plan": {"vi": "Kế hoạch cải thiện theo chỉ số thành phần", "en": "An improvement plan by sub-index"},
        "pgi_sec_robust": {"vi": "Độ tin cậy của thứ hạng", "en": "How solid is the rank"},
        "pgi_sec_stats": {"vi": "Thống kê các chỉ số thành phần", "en": "Statistics of the sub-indices"},
        "pgi_sec_merger": {"vi": "Bản đồ hành chính từ 1/7/2025", "en": "The map from 1 July 2025"},
        "pgi_sec_coverage": {"vi": "Mức độ đầy đủ của số liệu", "en": "Data coverage"},
        "pgi_coverage": {
            "vi": "Số liệu PGI công khai chưa đầy đủ: năm {year}, {n_score} trên {n} tỉnh có điểm và {n_all} tỉnh có đủ "
            "bốn chỉ số thành phần. Giá trị VCCI công bố được dùng nguyên trạng và đánh dấu; không có giá trị nào "
            "được ước tính bù.",
            "en": "Public PGI data are partial: in {year}, {n_score} of {n} provinces have a score and {n_all} have all "
            "four sub-indices. Values published by VCCI are used as published and flagged; nothing is imputed.",
        },
        "pgi_merger": {
            "vi": "Từ 1/7/2025 {province} thuộc {unit}, gồm {members}. Bảng dưới đặt cạnh nhau số liệu của các tỉnh cũ; "
            "không tính điểm gộp cho đơn vị mới.",
            "en": "Since 1 July 2025 {province} is part of {unit}, formed from {members}. The table shows the former "
            "provinces side by side; no merged score is invented for the new unit.",
        },
        "pgi_merger_into": {
            "vi": "Từ 1/7/2025, {others} được nhập vào {province} (đơn vị mới giữ tên {province}). Bảng dưới đặt cạnh nhau "
            "số liệu của các tỉnh cũ; không tính điểm gộp cho đơn vị mới.",
            "en": "Since 1 July 2025, {others} has been merged into {province} (the new unit keeps the name). The table "
            "shows the former provinces side by side; no merged score is invented for the new unit.",
        },
        "pgi_merger_same": {
            "vi": "{province} giữ nguyên đơn vị hành chính khi sắp xếp từ 1/7/2025; số liệu PGI vẫn là của tỉnh.",
            "en": "{province} kept its boundaries in the reorganisation of 1 July 2025; its PGI figures stand as they are.",
        },
        "pgi_stats_note": {
            "vi": "Tính trên nhóm con {n} tỉnh có đủ bốn chỉ số thành phần năm {year} ({dropped} tỉnh không đủ số liệu), "
            "không phải toàn bộ các tỉnh.",
            "en": "Computed over the subset of {n} provinces with all four sub-indices in {year} ({dropped} without "
            "complete data), not over all provinces.",
        },
    }
)


def describe_coverage(coverage: pd.DataFrame, year: int, lang: str, with_caveat: bool = False) -> str:
    """How many provinces have a score and all sub-indices in ``year`` (and, with ``with_caveat``, the
    year's caveat: the 2022 pilot, the 2024 top 30)."""
    from analysis.index.pgi import note_year

    row = coverage[coverage["year"] == year].iloc[0]
    text = t(
        "pgi_coverage",
        lang,
        year=year,
        n=int(row["n_provinces"]),
        n_score=int(row["n_score"]),
        n_all=int(row["n_all_indicators"]),
    )
    caveat = note_year(year, lang) if with_caveat else ""
    return f"{text} {caveat[0].upper()}{caveat[1:]}." if caveat else text


def describe_merger(province: str, lang: str) -> str:
    from analysis.data.provinces import get_registry

    unit = get_registry().unit(province)
    if list(unit.constituents) == [province]:
        return t("pgi_merger_same", lang, province=province)
    others = [c for c in unit.constituents if c != province]
    if unit.name == province:
        return t("pgi_merger_into", lang, province=province, others=", ".join(others))
    return t("pgi_merger", lang, province=province, unit=unit.name, members=", ".join(unit.constituents))
