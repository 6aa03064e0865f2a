"""The national overview in words (vi/en): where the province stands among all provinces or 2025 units, the
ranking table, and what the comparison rests on (estimates, official inventories, base years).

Input: :func:`analysis.emissions.national_table.national_table` and its :func:`~analysis.emissions.national_table.standing`.
Output: Markdown strings and a formatted table. Numbers are the table's; nothing is computed here but formatting.
"""

from __future__ import annotations

import pandas as pd

from analysis.i18n import add_strings, fmt_number, fmt_percent, t
from analysis.narrative import MT

add_strings(
    {
        "ov_heading": {
            "vi": "{province} trong bức tranh phát thải cả nước",
            "en": "{province} in the national picture",
        },
        "ov_sec_ranking": {"vi": "Xếp hạng phát thải", "en": "Emissions ranking"},
        "ov_sec_maps": {"vi": "Bản đồ phát thải", "en": "Emission maps"},
        "ov_sec_pgi": {"vi": "Chỉ số Xanh cấp tỉnh trên bản đồ", "en": "The Provincial Green Index on the map"},
        "ov_units_2024": {"vi": "63 tỉnh, thành phố", "en": "63 provinces"},
        "ov_units_2025": {"vi": "34 tỉnh, thành phố (từ 01/7/2025)", "en": "34 units (from 1 July 2025)"},
        "ov_standing": {
            "vi": "Năm {year}, {province} phát thải ròng {net} triệu tấn CO₂tđ, đứng thứ **{rank}** trong {units} "
            "({share} tổng phát thải ròng của cả nước). Bình quân {pp} tấn CO₂tđ/người, thứ {rank_pp}/{of} "
            "(trung bình cả nước {national} tấn/người).",
            "en": "In {year}, {province} emits {net} Mt CO₂e net, **rank {rank}** among the {units} ({share} of the "
            "national net total). Per person, {pp} t CO₂e, {rank_pp} of {of} (national average {national} t).",
        },
        "ov_growth": {
            "vi": "Theo BAU, đến năm {target} phát thải ròng của tỉnh {change} (thứ {rank}/{of} về mức tăng).",
            "en": "Under its BAU, the province's net emissions {change} by {target} ({rank} of {of} by growth).",
        },
        "ov_rise": {"vi": "tăng {pct}", "en": "rise by {pct}"},
        "ov_fall": {"vi": "giảm {pct}", "en": "fall by {pct}"},
        "ov_region": {
            "vi": "Trong vùng {region}, tỉnh đứng thứ {rank}/{n}.",
            "en": "In the {region} region it ranks {rank} of {n}.",
        },
        "ov_basis_estimates": {
            "vi": "Mọi con số ở đây là **ước tính sơ bộ** (phân bổ số liệu quốc gia theo chỉ tiêu ngành), chưa phải số "
            "liệu kiểm kê chính thức; thứ hạng cho biết thứ tự lớn nhỏ, không phải con số chính xác.",
            "en": "Every figure here is a **preliminary estimate** (national figures shared out by sector proxies), not "
            "an official inventory; the ranks show the order of size, not exact values.",
        },
        "ov_basis_official": {
            "vi": "Số liệu kiểm kê chính thức được dùng cho: {names}; các tỉnh còn lại là ước tính sơ bộ, nên so sánh "
            "giữa hai loại chỉ mang tính tham khảo.",
            "en": "Official inventories are used for: {names}; the others are preliminary estimates, so comparing the "
            "two kinds is indicative only.",
        },
        "ov_mixed_years": {
            "vi": "Các tỉnh có năm cơ sở khác nhau ({years}); các con số được so sánh ở năm cơ sở của từng tỉnh.",
            "en": "Base years differ ({years}); each province is compared in its own base year.",
        },
        "ov_missing": {"vi": "Thiếu số liệu: {notes}.", "en": "Missing: {notes}."},
        "ov_col_rank": {"vi": "Hạng", "en": "Rank"},
        "ov_col_province": {"vi": "Tỉnh, thành phố", "en": "Province"},
        "ov_col_net": {"vi": "Phát thải ròng {year} (triệu tấn CO₂tđ)", "en": "Net emissions {year} (Mt CO₂e)"},
        "ov_col_share": {"vi": "Tỷ trọng cả nước", "en": "Share of the country"},
        "ov_col_pp": {"vi": "Tấn CO₂tđ/người", "en": "t CO₂e per person"},
        "ov_col_bau": {"vi": "BAU {year} (triệu tấn CO₂tđ)", "en": "BAU {year} (Mt CO₂e)"},
        "ov_col_growth": {"vi": "Tăng đến {year}", "en": "Growth to {year}"},
        "ov_col_kind": {"vi": "Loại số liệu", "en": "Data"},
        "ov_kind_estimate": {"vi": "ước tính", "en": "estimate"},
        "ov_kind_official": {"vi": "kiểm kê chính thức", "en": "official inventory"},
        "ov_table_note": {"vi": "{top} tỉnh phát thải lớn nhất{plus}.", "en": "The {top} largest emitters{plus}."},
        "ov_table_plus": {"vi": " và {province}", "en": " and {province}"},
        "ov_pgi_2025": {
            "vi": "Chỉ số Xanh cấp tỉnh được công bố cho 63 tỉnh, thành phố trước sáp nhập; bản đồ dưới đây dùng địa "
            "giới đó ({names} nay thuộc {unit}).",
            "en": "The Provincial Green Index is published for the 63 provinces before the merger; the map below uses "
            "them ({names} are now part of {unit}).",
        },
    }
)


def _year(table: pd.DataFrame) -> str:
    return "/".join(str(y) for y in table.attrs.get("base_years", sorted(set(table["base_year"]))))


def describe_standing(table: pd.DataFrame, s, lang: str) -> list[str]:
    """Where the province stands: emissions, per person, growth, region; then what the comparison rests on."""
    units = t(f"ov_units_{table.attrs.get('map', 2024)}", lang)
    row = table[table["province"] == s.province].iloc[0]
    out = [
        t(
            "ov_standing",
            lang,
            year=int(row["base_year"]),
            province=s.province,
            net=fmt_number(s.net_tco2e / MT, lang, 1),
            rank=s.rank_net,
            of=s.of,
            units=units,
            share=fmt_percent(s.share_pct, lang, 1),
            pp=fmt_number(s.t_per_person, lang, 1) if s.rank_per_person else t("not_estimated", lang),
            rank_pp=s.rank_per_person or "–",
            national=fmt_number(s.national_t_per_person, lang, 1),
        )
    ]
    target = table.attrs.get("target_year", 2030)
    if s.rank_growth:
        change = t(
            "ov_rise" if s.bau_growth_pct >= 0 else "ov_fall", lang, pct=fmt_percent(abs(s.bau_growth_pct), lang, 0)
        )
        out.append(t("ov_growth", lang, target=target, change=change, rank=s.rank_growth, of=s.of))
    if s.region_rank:
        from analysis.data.provinces import get_registry

        region = get_registry().province(s.province)
        out.append(
            t(
                "ov_region",
                lang,
                region=region.region_vi if lang == "vi" else region.region,
                rank=s.region_rank,
                n=s.region_size,
            )
        )
    return out + describe_basis(table, lang)


def describe_basis(table: pd.DataFrame, lang: str) -> list[str]:
    """Estimates or official inventories, differing base years, missing values — in words."""
    official = table.loc[~table["is_estimate"], "province"].tolist()
    out = [t("ov_basis_official", lang, names=", ".join(official)) if official else t("ov_basis_estimates", lang)]
    years = sorted(set(table["base_year"]))
    if len(years) > 1:
        out.append(t("ov_mixed_years", lang, years=", ".join(map(str, years))))
    notes = [n for n in table["notes"] if n]
    if notes:
        out.append(t("ov_missing", lang, notes="; ".join(notes)))
    return out


def ranking_table(table: pd.DataFrame, province: str, lang: str, top: int = 10) -> pd.DataFrame:
    """The ``top`` largest emitters and ``province`` (if not among them), formatted for ``lang``."""
    target = table.attrs.get("target_year", 2030)
    shown = table.head(top)
    if province not in set(shown["province"]):
        shown = pd.concat([shown, table[table["province"] == province]])
    year = _year(table)
    kinds = [t("ov_kind_estimate" if e else "ov_kind_official", lang) for e in shown["is_estimate"]]
    out = pd.DataFrame(
        {
            t("ov_col_rank", lang): shown["rank_net"].astype(int).to_numpy(),
            t("ov_col_province", lang): shown["province"].to_numpy(),
            t("ov_col_net", lang, year=year): (shown["net_tco2e"] / MT).to_numpy(),
            t("ov_col_share", lang): [fmt_percent(v, lang, 1) for v in shown["share_pct"]],
            t("ov_col_pp", lang): shown["t_per_person"].to_numpy(),
            t("ov_col_bau", lang, year=target): (shown["bau_target_tco2e"] / MT).to_numpy(),
            t("ov_col_growth", lang, year=target): [
                fmt_percent(v, lang, 0, sign=True) if pd.notna(v) else "–" for v in shown["bau_growth_pct"]
            ],
        }
    )
    if len(set(kinds)) > 1:
        out[t("ov_col_kind", lang)] = kinds
    return out.reset_index(drop=True)


def table_note(table: pd.DataFrame, province: str, lang: str, top: int = 10) -> str:
    plus = "" if province in set(table.head(top)["province"]) else t("ov_table_plus", lang, province=province)
    return t("ov_table_note", lang, top=top, plus=plus)
