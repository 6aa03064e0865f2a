"""Sentences about a province's Provincial Green Index, written from the numbers, in Vietnamese or English.

Inputs: the tables of :mod:`analysis.index` (history, sub-index profile, drivers of change, what-if,
rank intervals). Output: Markdown strings for the notebooks. Nothing here computes an index value.
"""

from __future__ import annotations

import pandas as pd

from analysis.i18n import add_strings, fmt_number, t
from analysis.index.spec import IndexSpec

add_strings({
    "pgi_none": {"vi": "Chưa có số liệu PGI của {province}.", "en": "No PGI figures for {province} yet."},
    "pgi_heading": {"vi": "Chỉ số Xanh cấp tỉnh (PGI) của {province}", "en": "Provincial Green Index (PGI) of {province}"},
    "pgi_standing": {
        "vi": "Năm {year}, {province} đạt **{score} điểm** Chỉ số Xanh cấp tỉnh (PGI), xếp hạng **{rank}/63** "
              "cả nước{rank_note} và thứ **{region_rank}** trong vùng {region} (trong số {region_n} tỉnh có điểm).",
        "en": "In {year}, {province} scored **{score} points** on the Provincial Green Index (PGI), ranking "
              "**{rank} of 63** nationally{rank_note} and **{region_rank}** in the {region} "
              "(of {region_n} provinces with a score).",
    },
    "pgi_rank_published": {"vi": " (thứ hạng do VCCI công bố)", "en": " (rank as published by VCCI)"},
    "pgi_rank_among": {"vi": " (xếp trong số {n} tỉnh có điểm công bố)", "en": " (among the {n} provinces with a known score)"},
    "pgi_change_up": {"vi": "So với năm {prev}, điểm tăng {delta} và thứ hạng tăng {steps} bậc.",
                      "en": "Compared with {prev}, the score rose by {delta} and the rank improved by {steps} places."},
    "pgi_change_down": {"vi": "So với năm {prev}, điểm thay đổi {delta} và thứ hạng giảm {steps} bậc.",
                        "en": "Compared with {prev}, the score changed by {delta} and the rank fell by {steps} places."},
    "pgi_change_same": {"vi": "So với năm {prev}, điểm thay đổi {delta}; thứ hạng không đổi.",
                        "en": "Compared with {prev}, the score changed by {delta}; the rank is unchanged."},
    "pgi_strongest": {
        "vi": "Chỉ số thành phần mạnh nhất năm {year} là *{best}* ({best_value}/10); yếu nhất là *{worst}* "
              "({worst_value}/10), cách ngưỡng nhóm 5 tỉnh dẫn đầu {gap} điểm.",
        "en": "The strongest sub-index in {year} is *{best}* ({best_value}/10); the weakest is *{worst}* "
              "({worst_value}/10), {gap} points below the top-5 threshold.",
    },
    "pgi_driver": {
        "vi": "Từ {y0} đến {y1}, thay đổi lớn nhất đến từ *{label}* ({delta} điểm).",
        "en": "From {y0} to {y1}, the largest change came from *{label}* ({delta} points).",
    },
    "pgi_whatif": {
        "vi": "Để vào nhóm {target} tỉnh dẫn đầu (các tỉnh khác giữ nguyên, trong số {field} tỉnh đủ số liệu), "
              "tỉnh cần tăng ít nhất {increase} điểm ở *{label}*, hoặc {balanced} điểm ở mỗi chỉ số thành phần.",
        "en": "To enter the top {target} (other provinces held fixed, among the {field} provinces with complete "
              "data), the province needs at least {increase} more points on *{label}*, or {balanced} more on every "
              "sub-index.",
    },
    "pgi_whatif_already": {"vi": "Trong số {field} tỉnh đủ số liệu, tỉnh đã ở nhóm {target} dẫn đầu.",
                           "en": "Among the {field} provinces with complete data, the province is already in the "
                                 "top {target}."},
    "pgi_whatif_unreachable": {"vi": "Không thể vào nhóm {target} chỉ bằng một chỉ số thành phần (giới hạn 10 điểm).",
                               "en": "The top {target} is not reachable through a single sub-index (10-point bound)."},
    "pgi_robust": {
        "vi": "Khi thay đổi trọng số, cách tổng hợp và sai số đo, thứ hạng của tỉnh nằm trong khoảng "
              "**{low}–{high}** (5–95%, {draws} lần mô phỏng, {field} tỉnh đủ số liệu).",
        "en": "Varying the weights, the aggregation and measurement noise, the province's rank lies in "
              "**{low}–{high}** (5th–95th percentile, {draws} draws, {field} provinces with complete data).",
    },
})


def describe_standing(history: pd.DataFrame, province: str, lang: str) -> str:
    """Score, national and regional rank in the latest year with a score, and the change from the year before."""
    rows = history.dropna(subset=["score"]).sort_values("year")
    if rows.empty:
        return t("pgi_none", lang, province=province)
    last = rows.iloc[-1]
    if pd.isna(last["rank"]):
        rank, note = "–", ""
    elif last.get("rank_source") == "published":
        rank, note = int(last["rank"]), t("pgi_rank_published", lang)
    else:
        rank, note = int(last["rank"]), t("pgi_rank_among", lang, n=int(last["n_scored"]))
    from analysis.data.provinces import REGION_VI

    region = REGION_VI.get(last["region"], last["region"]) if lang == "vi" else last["region"]
    parts = [t("pgi_standing", lang, year=int(last["year"]), province=province, score=fmt_number(last["score"], lang, 2),
               rank=rank, rank_note=note, region_rank=_int(last["region_rank"]), region=region,
               region_n=_int(last["region_n_scored"]))]
    if len(rows) > 1 and not pd.isna(last["score_change"]):
        prev = int(rows.iloc[-2]["year"])
        delta = fmt_number(last["score_change"], lang, 2, sign=True)
        change = last["rank_change"]
        if pd.isna(change) or change == 0:
            parts.append(t("pgi_change_same", lang, prev=prev, delta=delta))
        elif change > 0:
            parts.append(t("pgi_change_up", lang, prev=prev, delta=delta, steps=int(change)))
        else:
            parts.append(t("pgi_change_down", lang, prev=prev, delta=delta, steps=int(-change)))
    return " ".join(parts)


def describe_profile(profile: pd.DataFrame, spec: IndexSpec, year: int, lang: str) -> str:
    """Strongest and weakest sub-index and the gap of the weakest to the top-5 threshold."""
    rows = profile.dropna(subset=["value"])
    if rows.empty:
        return ""
    best, worst = rows.loc[rows["value"].idxmax()], rows.loc[rows["value"].idxmin()]
    gap = worst.get("gap_to_top5")
    return t("pgi_strongest", lang, year=year, best=spec.label(best["indicator"], lang),
             best_value=fmt_number(best["value"], lang, 2), worst=spec.label(worst["indicator"], lang),
             worst_value=fmt_number(worst["value"], lang, 2),
             gap=fmt_number(max(gap, 0.0), lang, 2) if gap is not None and not pd.isna(gap) else "–")


def describe_drivers(changes: pd.DataFrame, spec: IndexSpec, lang: str) -> str:
    """The sub-index that drove each year-to-year change (where sub-indices are known for both years)."""
    out = []
    for (y0, y1), part in changes.dropna(subset=["contribution"]).groupby(["year_from", "year_to"]):
        top = part.loc[part["contribution"].abs().idxmax()]
        out.append(t("pgi_driver", lang, y0=int(y0), y1=int(y1), label=spec.label(top["indicator"], lang),
                     delta=fmt_number(top["contribution"], lang, 2, sign=True)))
    return " ".join(out)


def describe_whatif(result: pd.DataFrame, spec: IndexSpec, lang: str) -> str:
    """The cheapest single sub-index and the balanced increase that reach the target rank."""
    target, field = int(result["target_rank"].iloc[0]), int(result["field_size"].iloc[0])
    if int(result["current_rank"].iloc[0]) <= target:
        return t("pgi_whatif_already", lang, target=target, field=field)
    single = result[(result["option"] != "balanced") & result["reachable"]]
    balanced = result[result["option"] == "balanced"].iloc[0]
    if single.empty:
        return t("pgi_whatif_unreachable", lang, target=target)
    cheapest = single.loc[single["increase_2dp"].idxmin()]
    return t("pgi_whatif", lang, target=target, field=field, increase=fmt_number(cheapest["increase_2dp"], lang, 2),
             label=spec.label(cheapest["option"], lang),
             balanced=fmt_number(balanced["increase_2dp"], lang, 2) if balanced["reachable"] else t("not_reachable", lang))


def describe_robustness(intervals: pd.DataFrame, province: str, lang: str) -> str:
    row = intervals[intervals["province"] == province]
    if row.empty:
        return ""
    r = row.iloc[0]
    return t("pgi_robust", lang, low=int(r["rank_low"]), high=int(r["rank_high"]), draws=fmt_number(r["n_draws"], lang, 0),
             field=int(r["field_size"]))


def _int(value) -> str:
    return "–" if value is None or pd.isna(value) else str(int(value))


add_strings({
    "pgi_whatif_national": {
        "vi": "So với bảng xếp hạng toàn quốc năm {year} (điểm của các tỉnh khác giữ nguyên), để vào nhóm {target} "
              "tỉnh dẫn đầu cần đạt ít nhất {threshold} điểm: tăng {increase} điểm ở một chỉ số thành phần bất kỳ "
              "còn dư địa, hoặc {balanced} điểm ở mỗi chỉ số.",
        "en": "Against the {year} national ranking (other provinces' scores held fixed), entering the top {target} "
              "takes at least {threshold} points: {increase} more on any one sub-index with room to grow, or "
              "{balanced} more on each.",
    },
    "pgi_whatif_national_unknown": {
        "vi": "Không thể tính chính xác cho nhóm {target} dẫn đầu năm {year}: {reason}.",
        "en": "The top {target} in {year} cannot be computed exactly: {reason}.",
    },
})


def describe_whatif_national(result: pd.DataFrame, year: int, lang: str) -> str:
    """The national what-if (:func:`analysis.index.whatif.solve_target_rank_national`) in one sentence."""
    target = int(result["target_rank"].iloc[0])
    if int(result["current_rank"].iloc[0]) <= target:
        return t("pgi_whatif_already", lang, target=target, field=int(result["field_size"].iloc[0]))
    single = result[(result["option"] != "balanced") & result["reachable"]]
    if single.empty:
        return t("pgi_whatif_unreachable", lang, target=target)
    cheapest = single.loc[single["increase"].idxmin()]
    balanced = result[result["option"] == "balanced"].iloc[0]
    return t("pgi_whatif_national", lang, year=year, target=target, threshold=fmt_number(cheapest["new_score"], lang, 2),
             increase=fmt_number(cheapest["increase_2dp"], lang, 2),
             balanced=fmt_number(balanced["increase_2dp"], lang, 2) if balanced["reachable"] else t("not_reachable", lang))


add_strings({
    "pgi_sec_standing": {"vi": "Vị trí hiện tại", "en": "Where the province stands"},
    "pgi_sec_history": {"vi": "Diễn biến điểm và thứ hạng", "en": "Score and rank over time"},
    "pgi_sec_profile": {"vi": "Các chỉ số thành phần", "en": "The sub-indices"},
    "pgi_sec_drivers": {"vi": "Chỉ số nào tạo nên thay đổi", "en": "What moved the score"},
    "pgi_sec_whatif": {"vi": "Cần cải thiện bao nhiêu để tăng hạng", "en": "What it would take to climb"},
    "pgi_sec_robust": {"vi": "Độ tin cậy của thứ hạng", "en": "How solid is the rank"},
    "pgi_sec_stats": {"vi": "Thống kê các chỉ số thành phần", "en": "Statistics of the sub-indices"},
    "pgi_sec_merger": {"vi": "Bản đồ hành chính từ 1/7/2025", "en": "The map from 1 July 2025"},
    "pgi_sec_coverage": {"vi": "Mức độ đầy đủ của số liệu", "en": "Data coverage"},
    "pgi_coverage": {
        "vi": "Số liệu PGI công khai chưa đầy đủ: năm {year}, {n_score} trên 63 tỉnh có điểm và {n_all} tỉnh có đủ "
              "bốn chỉ số thành phần. Giá trị VCCI công bố được dùng nguyên trạng và đánh dấu; không có giá trị nào "
              "được ước tính bù.",
        "en": "Public PGI data are partial: in {year}, {n_score} of 63 provinces have a score and {n_all} have all "
              "four sub-indices. Values published by VCCI are used as published and flagged; nothing is imputed.",
    },
    "pgi_merger": {
        "vi": "Từ 1/7/2025 {province} thuộc {unit}, gồm {members}. Bảng dưới đặt cạnh nhau số liệu của các tỉnh cũ; "
              "không tính điểm gộp cho đơn vị mới.",
        "en": "Since 1 July 2025 {province} is part of {unit}, formed from {members}. The table shows the former "
              "provinces side by side; no merged score is invented for the new unit.",
    },
    "pgi_stats_note": {
        "vi": "Tính trên {n} tỉnh có đủ bốn chỉ số năm {year} ({dropped} tỉnh bị loại vì thiếu số liệu). Hệ số "
              "Cronbach's alpha = {alpha}.",
        "en": "Computed over the {n} provinces with all four sub-indices in {year} ({dropped} dropped for missing "
              "data). Cronbach's alpha = {alpha}.",
    },
})


def describe_coverage(coverage: pd.DataFrame, year: int, lang: str) -> str:
    row = coverage[coverage["year"] == year].iloc[0]
    return t("pgi_coverage", lang, year=year, n_score=int(row["n_score"]), n_all=int(row["n_all_indicators"]))


def describe_merger(province: str, lang: str) -> str:
    from analysis.data.provinces import get_registry

    unit = get_registry().unit(province)
    return t("pgi_merger", lang, province=province, unit=unit.name, members=", ".join(unit.constituents))


def rank_in(history: pd.DataFrame, year: int) -> int | None:
    """The province's national rank in ``year`` from its history table (``None`` when not known)."""
    rows = history.loc[history["year"] == year, "rank"].dropna()
    return int(rows.iloc[0]) if len(rows) else None
