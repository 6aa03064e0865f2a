"""PGI sentences for the improvement plan: what a point on each sub-index buys, how far each is from the
fifth-best values, and which bodies the province's own plan names (and whether the source assigns them
to sub-indices). Inputs: :func:`analysis.index.plan.plan_improvements` and
:func:`analysis.data.pgi_plan.load_plan_bodies`. Output: Markdown strings; nothing is assigned that the
source does not state.
"""

from __future__ import annotations

import pandas as pd

from analysis.i18n import add_strings, t
from analysis.index.spec import IndexSpec
from analysis.narrative.pgi_whatif import describe_where
from analysis.narrative.pgi_words import format_document, ordinal, points

add_strings(
    {
        "pgi_plan_equal": {
            "vi": "Các chỉ số thành phần có trọng số bằng nhau, nên thêm một điểm ở chỉ số nào cũng làm tổng điểm tăng "
            "một điểm: từ vị trí thứ {r0}, thêm một điểm bảo đảm ít nhất vị trí thứ {r1}. Khác biệt giữa các chỉ số "
            "là dư địa và khoảng cách tới nhóm dẫn đầu.",
            "en": "The sub-indices carry equal weights, so one more point on any of them adds one point to the score: "
            "from {o0} place, one more point guarantees at least {o1}. What differs between them is the room to "
            "grow and the distance to the best.",
        },
        "pgi_plan_from": {
            "vi": "Từ {where}, thêm một điểm ở một chỉ số thành phần bảo đảm ít nhất vị trí thứ {r1}.",
            "en": "From {where}, one more point on one sub-index guarantees at least {o1}.",
        },
        "pgi_plan_unranked_in": {
            "vi": "Tỉnh chưa nằm trong {n_ranked} tỉnh được xếp hạng; thêm một điểm bảo đảm vào nhóm này, ít nhất vị trí "
            "thứ {r1}.",
            "en": "The province is outside the {n_ranked} ranked; one more point would guarantee a place among them, at "
            "least {o1}.",
        },
        "pgi_plan_unranked_out": {
            "vi": "Tỉnh chưa nằm trong {n_ranked} tỉnh được xếp hạng, và thêm một điểm ở một chỉ số vẫn chưa bảo đảm vào "
            "nhóm này.",
            "en": "The province is outside the {n_ranked} ranked, and one more point on one sub-index would not yet "
            "guarantee a place among them.",
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
        "pgi_plan_at_top": {
            "vi": "Tỉnh đã đạt hoặc vượt giá trị cao thứ năm ở *{labels}*.",
            "en": "The province is at or above the fifth-best value on *{labels}*.",
        },
        "pgi_plan_no_gap": {
            "vi": "Tỉnh đã đạt hoặc vượt giá trị cao thứ năm của mọi chỉ số trong {n} tỉnh có công bố chỉ số thành phần.",
            "en": "The province is at or above the fifth-best value of every sub-index among the {n} provinces with "
            "published sub-indices.",
        },
        "pgi_bodies_none": {
            "vi": "Chưa có thông tin về cơ quan được giao phụ trách các chỉ số thành phần PGI của {province}.",
            "en": "There is no information on which bodies are in charge of {province}'s PGI sub-indices.",
        },
        "pgi_bodies_plan": {
            "vi": "{plan} giao các cơ quan, đơn vị nghiên cứu các chỉ số thành phần PGI được phân công phụ trách. {issued}"
            "{asked}",
            "en": "{plan} assigns bodies the PGI sub-indices they are in charge of. {issued}{asked}",
        },
        "pgi_bodies_issued": {
            "vi": "{bodies} đã ban hành {via} để triển khai. ",
            "en": "{via} was issued by the {bodies} to carry it out. ",
        },
        "pgi_bodies_asked": {
            "vi": "Theo {via}, {bodies} được đề nghị xây dựng kế hoạch cải thiện PGI của ngành, đơn vị mình.",
            "en": "Under {via}, the following were asked to draw up their own PGI improvement plans: {bodies}.",
        },
        "pgi_bodies_unmapped": {
            "vi": " Nguồn hiện có không nêu cơ quan nào phụ trách chỉ số thành phần nào, nên báo cáo không gán cơ quan "
            "cho từng chỉ số.",
            "en": " The available source does not say which body is in charge of which sub-index, so the report assigns "
            "none.",
        },
        "pgi_bodies_source": {"vi": " (Nguồn: {source}.)", "en": " (Source: {source}.)"},
        "pgi_bodies_mapped": {
            "vi": " Phân công theo chỉ số thành phần: {items}.",
            "en": " Assignment by sub-index: {items}.",
        },
    }
)


def describe_plan(plan: pd.DataFrame, spec: IndexSpec, lang: str) -> str:
    """Which sub-index buys the most rank per point and how far each is from the fifth-best values
    (``plan`` from :func:`analysis.index.plan.plan_improvements`)."""
    parts = []
    r0 = plan["current_rank"].iloc[0]
    per_point = plan["ranks_per_point"].dropna()
    if pd.isna(r0) and len(per_point):
        row = plan.loc[per_point.idxmax()]
        n_ranked, r1 = int(row["n_ranked"]), int(row["rank_with_one_point"])
        if bool(row.get("outside_ranked", False)):
            key = "pgi_plan_unranked_in" if r1 <= n_ranked else "pgi_plan_unranked_out"
            parts.append(t(key, lang, n_ranked=n_ranked, r1=r1, o1=ordinal(r1, lang)))
        else:
            parts.append(t("pgi_plan_from", lang, where=describe_where(row, lang), r1=r1, o1=ordinal(r1, lang)))
    elif len(per_point):
        r0 = int(r0)
        equal = len(set(spec.weights.values())) == 1 and per_point.nunique() == 1
        row = plan.loc[per_point.idxmax()]
        r1 = int(row["rank_with_one_point"])
        values = {"r0": r0, "r1": r1, "o0": ordinal(r0, lang), "o1": ordinal(r1, lang)}
        parts.append(
            t("pgi_plan_equal", lang, **values)
            if equal
            else t("pgi_plan_best", lang, label=spec.label(row["indicator"], lang), **values)
        )
    gaps = plan.dropna(subset=["gap_to_top5_value"])
    if len(gaps):
        n = int(gaps["n_with_data"].iloc[0])
        behind = gaps[gaps["gap_to_top5_value"] > 0.005].sort_values("gap_to_top5_value", ascending=False)
        ahead = gaps[gaps["gap_to_top5_value"] <= 0.005]
        if behind.empty:
            parts.append(t("pgi_plan_no_gap", lang, n=n))
        else:
            first = behind.iloc[0]
            items = [
                t(
                    "pgi_plan_gap_item",
                    lang,
                    label=spec.label(r["indicator"], lang),
                    gap=points(r["gap_to_top5_value"], lang),
                )
                for _, r in behind.iloc[1:].iterrows()
            ]
            others = t("pgi_plan_gap_next", lang, items="; ".join(items)) if items else ""
            parts.append(
                t(
                    "pgi_plan_gap",
                    lang,
                    n=n,
                    label=spec.label(first["indicator"], lang),
                    gap=points(first["gap_to_top5_value"], lang),
                    room=points(first["room"], lang),
                    others=others,
                )
            )
            if len(ahead):
                parts.append(
                    t("pgi_plan_at_top", lang, labels="*, *".join(spec.label(i, lang) for i in ahead["indicator"]))
                )
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
    text = t(
        "pgi_bodies_plan",
        lang,
        plan=format_document("plan", first["plan_number"], first["plan_date"], lang),
        issued="",
        asked="",
    )
    for role, key in (("issued_plan", "pgi_bodies_issued"), ("asked_to_plan", "pgi_bodies_asked")):
        for (kind, number, date), part in bodies[bodies["role"] == role].groupby(
            ["via_kind", "via_number", "via_date"], dropna=False, sort=False
        ):
            via = format_document(kind, number, date, lang) if pd.notna(kind) else ""
            text += t(key, lang, bodies=_join(list(part[name]), lang), via=via)
    mapped = bodies.dropna(subset=["subindex"])
    source = t("pgi_bodies_source", lang, source="; ".join(dict.fromkeys(bodies["source"])))
    if mapped.empty:
        return text.rstrip() + t("pgi_bodies_unmapped", lang) + source
    items = [
        f"*{spec.label(ind, lang) if spec is not None else ind}*: {', '.join(part[name])}"
        for ind, part in mapped.groupby("subindex", sort=False)
    ]
    return text.rstrip() + t("pgi_bodies_mapped", lang, items="; ".join(items)) + source
