"""PGI sentences about what it would take to climb, rank robustness and statistics.

Inputs: the what-if tables of :mod:`analysis.index.national` (national) and
:mod:`analysis.index.whatif` (a subset), rank intervals and Cronbach's alpha. Output: Markdown strings.
Results on a subset of provinces are always labelled as such and never called the rank. The plan
sentences are in :mod:`analysis.narrative.pgi_plan`.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis.i18n import add_strings, fmt_number, t
from analysis.index.spec import IndexSpec
from analysis.narrative.pgi_words import option_label, ordinal, points

MIN_STATS_PROVINCES = 10  # fewer complete rows: correlations and alpha are not reported
ALPHA_CONSISTENT = 0.7  # the usual reading threshold for Cronbach's alpha

add_strings(
    {
        "pgi_whatif_already_national": {
            "vi": "Năm {year} tỉnh xếp thứ {rank}, đã thuộc nhóm {target} tỉnh dẫn đầu cả nước.",
            "en": "In {year} the province ranks {ord}, already in the national top {target}.",
        },
        "pgi_whatif_reach": {
            "vi": "So với bảng xếp hạng VCCI công bố năm {year} (điểm các tỉnh khác giữ nguyên; các tỉnh chỉ có thứ hạng "
            "mà không có điểm công bố giữ nguyên vị trí), từ {where}, tỉnh cần ít nhất **{threshold} điểm** để "
            "chắc chắn vào nhóm {target} tỉnh dẫn đầu cả nước, tức tăng **{total} điểm**: {how}.",
            "en": "Against VCCI's published {year} ranking (other provinces' scores held fixed; provinces with a rank but "
            "no published score keep their place), from {where} the province needs at least **{threshold} points** "
            "to be sure of the national top {target}, i.e. **{total} more points**: {how}.",
        },
        "pgi_where_rank": {"vi": "vị trí thứ {rank}", "en": "{ord} place"},
        "pgi_where_range": {
            "vi": "vị trí trong khoảng thứ {low}–{high}",
            "en": "somewhere between {o_low} and {o_high}",
        },
        "pgi_where_unknown": {"vi": "vị trí hiện chưa rõ", "en": "a place not known"},
        "pgi_where_outside": {
            "vi": "vị trí ngoài nhóm {n_ranked} tỉnh được xếp hạng",
            "en": "outside the {n_ranked} ranked",
        },
        "pgi_how_any": {
            "vi": "tăng {inc} điểm ở một chỉ số thành phần bất kỳ còn dư địa, hoặc {bal} điểm ở mỗi chỉ số",
            "en": "{inc} more on any one sub-index with room to grow, or {bal} more on each",
        },
        "pgi_how_one": {
            "vi": "ít nhất {inc} điểm nếu chỉ tăng *{label}*, hoặc {bal} điểm ở mỗi chỉ số",
            "en": "at least {inc} more if only *{label}* rises, or {bal} more on each",
        },
        "pgi_how_some": {
            "vi": "tăng {inc} điểm ở *{label}* (các chỉ số còn lại cần nhiều hơn hoặc không đủ dư địa), "
            "hoặc {bal} điểm ở mỗi chỉ số",
            "en": "{inc} more on *{label}* (the others need more or lack the room), or {bal} more on each",
        },
        "pgi_how_balanced": {
            "vi": "{bal} điểm ở mỗi chỉ số thành phần (không chỉ số nào một mình đủ, tối đa {high} điểm)",
            "en": "{bal} more on every sub-index (no single sub-index is enough; each is capped at {high})",
        },
        "pgi_whatif_best": {
            "vi": "Nếu các tỉnh chưa có điểm công bố ở mức thấp nhất mà bảng xếp hạng cho phép, có thể chỉ cần tăng {best} "
            "điểm.",
            "en": "If the provinces whose scores were not published sit as low as the ranking allows, {best} more points "
            "could be enough.",
        },
        "pgi_whatif_unreachable_national": {
            "vi": "Với số liệu đã công bố, không thể chắc chắn vào nhóm {target} tỉnh dẫn đầu năm {year} trong giới hạn "
            "{high} điểm của mỗi chỉ số thành phần.",
            "en": "With the published data, the top {target} in {year} cannot be guaranteed within the {high}-point cap "
            "of each sub-index.",
        },
        "pgi_whatif_national_unknown": {
            "vi": "Chưa tính được mức cần cải thiện năm {year}: tỉnh không có đủ các chỉ số thành phần được công bố, mà "
            "phép tính cần thay đổi từng chỉ số.",
            "en": "What it would take in {year} cannot be computed: the province does not have every sub-index "
            "published, and the calculation moves each of them.",
        },
        "pgi_whatif_subset": {
            "vi": "Phép tính trong nhóm con {field} tỉnh có đủ bốn chỉ số thành phần không phải bảng xếp hạng toàn quốc "
            "và không thay cho phép tính trên: phần lớn các tỉnh dẫn đầu không có chỉ số thành phần công bố nên "
            "không nằm trong nhóm con này.",
            "en": "A calculation within the subset of {field} provinces with all four sub-indices is not the national "
            "ranking and does not replace the one above: most leading provinces have no published sub-indices and "
            "are not in that subset.",
        },
        "pgi_robust": {
            "vi": "Độ vững của thứ hạng chỉ kiểm tra được trong nhóm con {field} tỉnh có đủ chỉ số thành phần: khi thay "
            "đổi trọng số, cách tổng hợp và sai số đo ({draws} lần mô phỏng), vị trí của tỉnh trong nhóm con này "
            "nằm trong khoảng {low}–{high} (5–95 %). Đây không phải thứ hạng toàn quốc.",
            "en": "How solid the rank is can only be tested within the subset of {field} provinces with all sub-indices: "
            "varying the weights, the aggregation and measurement noise ({draws} draws), the province's position "
            "within that subset lies in {low}–{high} (5th–95th percentile). This is not the national rank.",
        },
        "pgi_stats_few": {
            "vi": "Chỉ {n} tỉnh có đủ chỉ số thành phần năm {year}, quá ít để tính tương quan và hệ số "
            "Cronbach's alpha.",
            "en": "Only {n} provinces have all sub-indices in {year}: too few for correlations or Cronbach's alpha.",
        },
        "pgi_stats_negative": {
            "vi": "Các thống kê dưới đây tính trên nhóm con {n}/{total} tỉnh có công bố đủ chỉ số thành phần năm {year}, "
            "không phải toàn bộ các tỉnh. Trong nhóm này các chỉ số thành phần biến động ngược chiều nhau (tỉnh cao "
            "ở chỉ số này thường thấp ở chỉ số khác), nên hệ số Cronbach's alpha âm. Hệ số âm không đo được mức độ "
            "nhất quán của chỉ số, chỉ phản ánh cách chọn nhóm (các tỉnh có công bố đủ chỉ số thành phần, phần lớn "
            "có tổng điểm gần nhau); vì vậy không dùng để đánh giá PGI.",
            "en": "The statistics below are computed over the subset of {n} of {total} provinces with all sub-indices "
            "published in {year}, not over all provinces. Within it the sub-indices move against each other (a "
            "province high on one tends to be low on another), so Cronbach's alpha is negative. A negative alpha "
            "does not measure the index's consistency; it reflects how the subset was selected (provinces with all "
            "sub-indices published, most with similar totals), so it is not used to judge the PGI.",
        },
        "pgi_stats_alpha": {
            "vi": "Các thống kê dưới đây tính trên nhóm con {n}/{total} tỉnh có công bố đủ chỉ số thành phần năm {year}. "
            "Hệ số Cronbach's alpha là {alpha}: {reading}.",
            "en": "The statistics below are computed over the subset of {n} of {total} provinces with all sub-indices "
            "published in {year}. Cronbach's alpha is {alpha}: {reading}.",
        },
        "pgi_alpha_high": {
            "vi": "các chỉ số thành phần biến động khá nhất quán với nhau",
            "en": "the sub-indices move together fairly consistently",
        },
        "pgi_alpha_low": {
            "vi": "các chỉ số thành phần ít nhất quán với nhau; chúng đo những khía cạnh khác nhau",
            "en": "the sub-indices are not very consistent with each other; they measure different things",
        },
    }
)


def _single_options(result: pd.DataFrame) -> pd.DataFrame:
    return result[(result["option"] != "balanced") & result["reachable"]]


def describe_where(row: pd.Series, lang: str) -> str:
    """The province's present place in words: its rank, the range it is in, or outside the ranked."""
    rank, low = row["current_rank"], row.get("current_rank_low")
    if pd.notna(rank):
        return t("pgi_where_rank", lang, rank=int(rank), ord=ordinal(int(rank), lang))
    if low is not None and pd.notna(low):
        high = int(row["current_rank_high"])
        return t(
            "pgi_where_range", lang, low=int(low), high=high, o_low=ordinal(int(low), lang), o_high=ordinal(high, lang)
        )
    if bool(row.get("outside_ranked", False)):
        return t("pgi_where_outside", lang, n_ranked=int(row.get("n_ranked", 0)))
    return t("pgi_where_unknown", lang)


def describe_whatif_national(result: pd.DataFrame, year: int, lang: str, spec: IndexSpec | None = None) -> str:
    """The national what-if (:func:`analysis.index.national.solve_target_rank_national`) in words."""
    first = result.iloc[0]
    target, rank = int(first["target_rank"]), first["current_rank"]
    if pd.notna(rank) and int(rank) <= target:
        return t(
            "pgi_whatif_already_national", lang, year=year, rank=int(rank), ord=ordinal(int(rank), lang), target=target
        )
    high = f"{spec.bounds[1]:g}" if spec is not None and spec.bounds is not None else "10"
    single = _single_options(result)
    balanced = result[result["option"] == "balanced"].iloc[0]
    if single.empty and not balanced["reachable"]:
        return t("pgi_whatif_unreachable_national", lang, target=target, year=year, high=high)
    bal = points(balanced["increase_2dp"], lang)
    if single.empty:
        how = t("pgi_how_balanced", lang, bal=bal, high=high)
        chosen = balanced
    else:
        chosen = single.loc[single["increase"].idxmin()]
        cheapest = single[single["increase_2dp"] == chosen["increase_2dp"]]
        every = len(single) == (result["option"] != "balanced").sum()
        labels = "*, *".join(option_label(o, spec, lang) for o in cheapest["option"]) if spec is not None else ""
        key = (
            "pgi_how_any"
            if spec is None or (every and len(cheapest) == len(single))
            else "pgi_how_some"
            if len(cheapest) > 1
            else "pgi_how_one"
        )
        how = t(key, lang, inc=points(chosen["increase_2dp"], lang), bal=bal, label=labels)
    where = describe_where(first, lang)
    text = t(
        "pgi_whatif_reach",
        lang,
        year=year,
        where=where,
        threshold=points(chosen["new_score"], lang),
        target=target,
        total=points(chosen["new_score"] - chosen["current_score"], lang),
        how=how,
    )
    best = chosen.get("increase_best_case")
    if best is not None and pd.notna(best) and best < chosen["increase"] - 0.005:
        text += " " + t("pgi_whatif_best", lang, best=points(math.ceil(round(best * 100, 6)) / 100, lang))
    return text


def describe_whatif(result: pd.DataFrame, spec: IndexSpec, lang: str) -> str:
    """A what-if on a subset (:func:`analysis.index.whatif.solve_target_rank`): says that it is not the national
    answer (no subset position is given as the province's rank; use :func:`describe_whatif_national`)."""
    return t("pgi_whatif_subset", lang, field=int(result["field_size"].iloc[0]))


def describe_robustness(intervals: pd.DataFrame, province: str, lang: str) -> str:
    """The rank interval within the subset of provinces with every indicator, labelled as such."""
    row = intervals[intervals["province"] == province]
    if row.empty:
        return ""
    r = row.iloc[0]
    return t(
        "pgi_robust",
        lang,
        low=int(r["rank_low"]),
        high=int(r["rank_high"]),
        draws=fmt_number(r["n_draws"], lang, 0),
        field=int(r["field_size"]),
    )


def describe_statistics(alpha: dict, year: int, lang: str, n_provinces: int = 63) -> str:
    """What the statistics of the sub-indices rest on, and Cronbach's alpha explained (never printed bare;
    a negative alpha is explained and not given as a number)."""
    n = int(alpha["n_used"])
    if n < MIN_STATS_PROVINCES or pd.isna(alpha["alpha"]):
        return t("pgi_stats_few", lang, n=n, year=year)
    values = {"n": n, "total": n_provinces, "year": year}
    if alpha["alpha"] < 0:
        return t("pgi_stats_negative", lang, **values)
    reading = t("pgi_alpha_high" if alpha["alpha"] >= ALPHA_CONSISTENT else "pgi_alpha_low", lang)
    return t("pgi_stats_alpha", lang, alpha=fmt_number(alpha["alpha"], lang, 2), reading=reading, **values)
