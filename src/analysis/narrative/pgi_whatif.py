"""PGI sentences about what it would take to climb, the improvement plan, rank robustness and statistics.

Inputs: the what-if tables of :mod:`analysis.index.national` (national) and
:mod:`analysis.index.whatif` (a subset), :func:`analysis.index.plan.plan_improvements`, the plan bodies
(:func:`analysis.data.pgi_plan.load_plan_bodies`), rank intervals and Cronbach's alpha. Output: Markdown
strings. Results on a subset of provinces are always labelled as such and never called the rank.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis.i18n import add_strings, fmt_number, t
from analysis.index.spec import IndexSpec
from analysis.narrative.pgi_words import format_document, option_label, ordinal, points

MIN_STATS_PROVINCES = 10  # fewer complete rows: correlations and alpha are not reported
ALPHA_CONSISTENT = 0.7  # the usual reading threshold for Cronbach's alpha

add_strings({
    "pgi_whatif_already_national": {"vi": "Năm {year} tỉnh xếp thứ {rank}, đã thuộc nhóm {target} tỉnh dẫn đầu cả nước.",
                                    "en": "In {year} the province ranks {ord}, already in the national top {target}."},
    "pgi_whatif_reach": {
        "vi": "So với bảng xếp hạng VCCI công bố năm {year} (điểm các tỉnh khác giữ nguyên; các tỉnh chỉ có thứ hạng "
              "mà không có điểm công bố giữ nguyên vị trí), từ {where} tỉnh cần ít nhất **{threshold} điểm** để chắc "
              "chắn vào nhóm {target} tỉnh dẫn đầu cả nước, tức tăng **{total} điểm**: {how}.",
        "en": "Against VCCI's published {year} ranking (other provinces' scores held fixed; provinces with a rank but "
              "no published score keep their place), from {where} the province needs at least **{threshold} points** "
              "to be sure of the national top {target}, i.e. **{total} more points**: {how}.",
    },
    "pgi_where_rank": {"vi": "vị trí thứ {rank}", "en": "{ord} place"},
    "pgi_where_outside": {"vi": "ngoài {n_ranked} tỉnh được xếp hạng", "en": "outside the {n_ranked} ranked"},
    "pgi_how_any": {"vi": "tăng {inc} điểm ở một chỉ số thành phần bất kỳ còn dư địa, hoặc {bal} điểm ở mỗi chỉ số",
                    "en": "{inc} more on any one sub-index with room to grow, or {bal} more on each"},
    "pgi_how_one": {"vi": "ít nhất {inc} điểm nếu chỉ tăng *{label}*, hoặc {bal} điểm ở mỗi chỉ số",
                    "en": "at least {inc} more if only *{label}* rises, or {bal} more on each"},
    "pgi_how_balanced": {"vi": "{bal} điểm ở mỗi chỉ số thành phần (không chỉ số nào một mình đủ, tối đa {high} điểm)",
                         "en": "{bal} more on every sub-index (no single sub-index is enough; each is capped at "
                               "{high})"},
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
    "pgi_whatif_national_unknown": {"vi": "Không tính được mức cần cải thiện cho năm {year}: {reason}.",
                                    "en": "What it would take in {year} cannot be computed: {reason}."},
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
    "pgi_stats_few": {"vi": "Chỉ {n} tỉnh có đủ chỉ số thành phần năm {year}, quá ít để tính tương quan và hệ số "
                            "Cronbach's alpha.",
                      "en": "Only {n} provinces have all sub-indices in {year}: too few for correlations or "
                            "Cronbach's alpha."},
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
    "pgi_alpha_high": {"vi": "các chỉ số thành phần biến động khá nhất quán với nhau",
                       "en": "the sub-indices move together fairly consistently"},
    "pgi_alpha_low": {"vi": "các chỉ số thành phần ít nhất quán với nhau; chúng đo những khía cạnh khác nhau",
                      "en": "the sub-indices are not very consistent with each other; they measure different things"},
})


def _single_options(result: pd.DataFrame) -> pd.DataFrame:
    return result[(result["option"] != "balanced") & result["reachable"]]


def describe_whatif_national(result: pd.DataFrame, year: int, lang: str, spec: IndexSpec | None = None) -> str:
    """The national what-if (:func:`analysis.index.national.solve_target_rank_national`) in words."""
    first = result.iloc[0]
    target, rank = int(first["target_rank"]), first["current_rank"]
    if pd.notna(rank) and int(rank) <= target:
        return t("pgi_whatif_already_national", lang, year=year, rank=int(rank), ord=ordinal(int(rank), lang),
                 target=target)
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
        same = single["increase_2dp"].nunique() == 1 and len(single) == (result["option"] != "balanced").sum()
        label = option_label(chosen["option"], spec, lang) if spec is not None else chosen["option"]
        how = t("pgi_how_any" if same or spec is None else "pgi_how_one", lang, inc=points(chosen["increase_2dp"], lang),
                bal=bal, label=label)
    where = (t("pgi_where_rank", lang, rank=int(rank), ord=ordinal(int(rank), lang)) if pd.notna(rank)
             else t("pgi_where_outside", lang, n_ranked=int(first.get("n_ranked", 0))))
    text = t("pgi_whatif_reach", lang, year=year, where=where, threshold=points(chosen["new_score"], lang),
             target=target, total=points(chosen["new_score"] - chosen["current_score"], lang), how=how)
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
    return t("pgi_robust", lang, low=int(r["rank_low"]), high=int(r["rank_high"]),
             draws=fmt_number(r["n_draws"], lang, 0), field=int(r["field_size"]))


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


add_strings({
    "pgi_plan_equal": {
        "vi": "Các chỉ số thành phần có trọng số bằng nhau, nên thêm một điểm ở chỉ số nào cũng làm tổng điểm tăng "
              "một điểm: từ vị trí thứ {r0}, thêm một điểm bảo đảm ít nhất vị trí thứ {r1}. Khác biệt giữa các chỉ số "
              "là dư địa và khoảng cách tới nhóm dẫn đầu.",
        "en": "The sub-indices carry equal weights, so one more point on any of them adds one point to the score: "
              "from {o0} place, one more point guarantees at least {o1}. What differs between them is the room to "
              "grow and the distance to the best.",
    },
    "pgi_plan_best": {
        "vi": "Mỗi điểm ở *{label}* đem lại nhiều bậc nhất: từ vị trí thứ {r0}, thêm một điểm ở chỉ số này bảo đảm ít "
              "nhất vị trí thứ {r1}.",
        "en": "A point on *{label}* buys the most places: from {o0} place, one more point on it guarantees at least "
              "{o1}.",
    },
    "pgi_plan_gap": {
        "vi": "So với giá trị cao thứ năm của từng chỉ số trong {n} tỉnh có công bố chỉ số thành phần, tỉnh cách xa "
              "nhất ở *{label}* ({gap} điểm; còn {room} điểm tới mức tối đa){others}.",
        "en": "Against the fifth-best value of each sub-index among the {n} provinces with published sub-indices, the "
              "province is furthest behind on *{label}* ({gap} points; {room} points of room to the maximum){others}.",
    },
    "pgi_plan_gap_next": {"vi": "; tiếp theo là {items}", "en": "; then {items}"},
    "pgi_plan_gap_item": {"vi": "*{label}* ({gap} điểm)", "en": "*{label}* ({gap} points)"},
    "pgi_plan_at_top": {"vi": "Tỉnh đã đạt hoặc vượt giá trị cao thứ năm ở *{labels}*.",
                        "en": "The province is at or above the fifth-best value on *{labels}*."},
    "pgi_plan_no_gap": {
        "vi": "Tỉnh đã đạt hoặc vượt giá trị cao thứ năm của mọi chỉ số trong {n} tỉnh có công bố chỉ số thành phần.",
        "en": "The province is at or above the fifth-best value of every sub-index among the {n} provinces with "
              "published sub-indices.",
    },
    "pgi_bodies_none": {"vi": "Chưa có thông tin về cơ quan được giao phụ trách các chỉ số thành phần PGI của {province}.",
                        "en": "There is no information on which bodies are in charge of {province}'s PGI sub-indices."},
    "pgi_bodies_plan": {
        "vi": "{plan} giao các cơ quan, đơn vị nghiên cứu các chỉ số thành phần PGI được phân công phụ trách. {issued}"
              "{asked}",
        "en": "{plan} assigns bodies the PGI sub-indices they are in charge of. {issued}{asked}",
    },
    "pgi_bodies_issued": {"vi": "{bodies} đã ban hành {via} để triển khai. ",
                          "en": "{via} was issued by the {bodies} to carry it out. "},
    "pgi_bodies_asked": {"vi": "Theo {via}, {bodies} được đề nghị xây dựng kế hoạch cải thiện PGI của ngành, đơn vị "
                               "mình.",
                         "en": "Under {via}, the following were asked to draw up their own PGI improvement plans: "
                               "{bodies}."},
    "pgi_bodies_unmapped": {
        "vi": " Nguồn hiện có không nêu cơ quan nào phụ trách chỉ số thành phần nào, nên báo cáo không gán cơ quan "
              "cho từng chỉ số.",
        "en": " The available source does not say which body is in charge of which sub-index, so the report assigns "
              "none.",
    },
    "pgi_bodies_mapped": {"vi": " Phân công theo chỉ số thành phần: {items}.", "en": " Assignment by sub-index: {items}."},
})


def describe_plan(plan: pd.DataFrame, spec: IndexSpec, lang: str) -> str:
    """Which sub-index buys the most rank per point and how far each is from the fifth-best values
    (``plan`` from :func:`analysis.index.plan.plan_improvements`)."""
    parts = []
    r0 = plan["current_rank"].iloc[0]
    per_point = plan["ranks_per_point"].dropna()
    if pd.notna(r0) and len(per_point):
        r0 = int(r0)
        equal = len(set(spec.weights.values())) == 1 and per_point.nunique() == 1
        row = plan.loc[per_point.idxmax()]
        r1 = int(row["rank_with_one_point"])
        values = {"r0": r0, "r1": r1, "o0": ordinal(r0, lang), "o1": ordinal(r1, lang)}
        parts.append(t("pgi_plan_equal", lang, **values) if equal
                     else t("pgi_plan_best", lang, label=spec.label(row["indicator"], lang), **values))
    gaps = plan.dropna(subset=["gap_to_top5_value"])
    if len(gaps):
        n = int(gaps["n_with_data"].iloc[0])
        behind = gaps[gaps["gap_to_top5_value"] > 0.005].sort_values("gap_to_top5_value", ascending=False)
        ahead = gaps[gaps["gap_to_top5_value"] <= 0.005]
        if behind.empty:
            parts.append(t("pgi_plan_no_gap", lang, n=n))
        else:
            first = behind.iloc[0]
            items = [t("pgi_plan_gap_item", lang, label=spec.label(r["indicator"], lang),
                       gap=points(r["gap_to_top5_value"], lang)) for _, r in behind.iloc[1:].iterrows()]
            others = t("pgi_plan_gap_next", lang, items="; ".join(items)) if items else ""
            parts.append(t("pgi_plan_gap", lang, n=n, label=spec.label(first["indicator"], lang),
                           gap=points(first["gap_to_top5_value"], lang), room=points(first["room"], lang),
                           others=others))
            if len(ahead):
                parts.append(t("pgi_plan_at_top", lang, labels="*, *".join(spec.label(i, lang)
                                                                           for i in ahead["indicator"])))
    return " ".join(parts)


def _join(names: list[str], lang: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{'; '.join(names[:-1])} {'và' if lang == 'vi' else 'and'} {names[-1]}"


def describe_plan_bodies(bodies: pd.DataFrame, province: str, lang: str, spec: IndexSpec | None = None) -> str:
    """The bodies the province's plan names and what the source says (or not) about their sub-indices.

    ``bodies`` from :func:`analysis.data.pgi_plan.load_plan_bodies`; nothing is assigned that the source
    does not state.
    """
    if bodies is None or bodies.empty:
        return t("pgi_bodies_none", lang, province=province)
    name = "body_vi" if lang == "vi" else "body_en"
    first = bodies.iloc[0]
    text = t("pgi_bodies_plan", lang, plan=format_document("plan", first["plan_number"], first["plan_date"], lang),
             issued="", asked="")
    for role, key in (("issued_plan", "pgi_bodies_issued"), ("asked_to_plan", "pgi_bodies_asked")):
        for (kind, number, date), part in bodies[bodies["role"] == role].groupby(["via_kind", "via_number", "via_date"],
                                                                                 dropna=False, sort=False):
            via = format_document(kind, number, date, lang) if pd.notna(kind) else ""
            text += t(key, lang, bodies=_join(list(part[name]), lang), via=via)
    mapped = bodies.dropna(subset=["subindex"])
    if mapped.empty:
        return text.rstrip() + t("pgi_bodies_unmapped", lang)
    items = [f"*{spec.label(ind, lang) if spec is not None else ind}*: {', '.join(part[name])}"
             for ind, part in mapped.groupby("subindex", sort=False)]
    return text.rstrip() + t("pgi_bodies_mapped", lang, items="; ".join(items))
