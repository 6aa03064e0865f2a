"""PGI tables ready for a reader: column headers and cell words in ``vi`` or ``en``, sub-indices by name.

Inputs: the engine tables of :mod:`analysis.index` (history, profile, changes, what-if, plan, rank
intervals, correlations, PCA, the 2025 map) and the plan bodies. Output: DataFrames whose columns are
already in the reader's language (``record_table`` shows them as they are), numbers kept as numbers
(the workbook formats them), missing values as missing (shown as "–"). Codes such as ``sub1``,
``computed`` or ``pearson`` never reach the reader. Each function has a title key ``pgi_table_<name>``.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis.i18n import add_strings, t
from analysis.index.spec import IndexSpec
from analysis.narrative.pgi_words import format_document, option_label

add_strings(
    {
        "pgi_table_history": {"vi": "Điểm và thứ hạng PGI qua các năm", "en": "PGI score and rank by year"},
        "pgi_table_profile": {
            "vi": "Các chỉ số thành phần so với các tỉnh có công bố chỉ số thành phần",
            "en": "The sub-indices against the provinces with published sub-indices",
        },
        "pgi_table_drivers": {
            "vi": "Đóng góp của từng chỉ số thành phần vào thay đổi điểm",
            "en": "Contribution of each sub-index to the change in score",
        },
        "pgi_table_whatif": {
            "vi": "Mức tăng cần thiết để vào nhóm dẫn đầu cả nước",
            "en": "Increase needed to enter the national top group",
        },
        "pgi_table_plan": {"vi": "Kế hoạch cải thiện theo chỉ số thành phần", "en": "Improvement plan by sub-index"},
        "pgi_table_bodies": {
            "vi": "Cơ quan, đơn vị được nêu trong việc triển khai kế hoạch cải thiện PGI",
            "en": "Bodies named in carrying out the PGI improvement plan",
        },
        "pgi_table_intervals": {
            "vi": "Vị trí trong nhóm con các tỉnh có đủ chỉ số thành phần khi trọng số thay đổi",
            "en": "Position within the subset with all sub-indices under uncertain weights",
        },
        "pgi_table_correlations": {
            "vi": "Tương quan giữa các chỉ số thành phần (nhóm con có đủ số liệu)",
            "en": "Correlations between sub-indices (subset with complete data)",
        },
        "pgi_table_pca": {
            "vi": "Phân tích thành phần chính của các chỉ số thành phần (nhóm con có đủ số liệu)",
            "en": "Principal components of the sub-indices (subset with complete data)",
        },
        "pgi_table_map": {
            "vi": "Các tỉnh cũ hợp thành đơn vị mới từ 1/7/2025",
            "en": "The former provinces of the new unit",
        },
        "pgi_table_coverage": {"vi": "Số tỉnh có số liệu PGI theo năm", "en": "Provinces with PGI data by year"},
        "pgi_src_computed": {"vi": "tính từ chỉ số thành phần", "en": "from the sub-indices"},
        "pgi_src_published": {"vi": "VCCI công bố", "en": "published by VCCI"},
        "pgi_rank_src_computed": {"vi": "tính trên đủ các tỉnh", "en": "computed on all provinces"},
        "pgi_note_pilot_change": {
            "vi": "so với năm thí điểm: điểm không so sánh được",
            "en": "against the pilot year: score not comparable",
        },
        "pgi_note_region_few": {"vi": "quá ít tỉnh trong vùng có điểm", "en": "too few scored provinces in the region"},
        "pgi_note_missing": {"vi": "thiếu chỉ số thành phần", "en": "sub-indices missing"},
        "pgi_yes": {"vi": "có", "en": "yes"},
        "pgi_no": {"vi": "không", "en": "no"},
        "pgi_not_published": {"vi": "chưa công bố", "en": "not published"},
        "pgi_role_asked_to_plan": {
            "vi": "được đề nghị xây dựng kế hoạch của ngành, đơn vị",
            "en": "asked to draw up its own plan",
        },
        "pgi_role_issued_plan": {"vi": "ban hành kế hoạch triển khai", "en": "issued its implementing plan"},
        "pgi_explained": {"vi": "Tỷ lệ phương sai giải thích", "en": "Share of variance explained"},
    }
)

HEADERS = {
    "year": ("Năm", "Year"),
    "score": ("Điểm", "Score"),
    "score_from": ("Nguồn điểm", "Score from"),
    "rank": ("Thứ hạng toàn quốc", "National rank"),
    "n_ranked": ("Số tỉnh được xếp hạng", "Provinces ranked"),
    "region_rank": ("Hạng trong vùng", "Regional rank"),
    "score_change": ("Thay đổi điểm", "Score change"),
    "rank_change": ("Thay đổi hạng (+ = tăng)", "Rank change (+ = up)"),
    "note": ("Ghi chú", "Note"),
    "indicator": ("Chỉ số thành phần", "Sub-index"),
    "value": ("Điểm", "Score"),
    "indicator_rank": ("Vị trí của chỉ số trong nhóm có số liệu", "Position among provinces with data"),
    "n_with_data": ("Số tỉnh có số liệu", "Provinces with data"),
    "top5_value": ("Giá trị cao thứ năm", "Fifth-best value"),
    "gap": ("Khoảng cách tới giá trị cao thứ năm", "Gap to the fifth-best value"),
    "region_mean": ("Trung bình vùng", "Regional mean"),
    "region_best": ("Cao nhất vùng", "Regional best"),
    "from": ("Từ năm", "From"),
    "to": ("Đến năm", "To"),
    "contribution": ("Đóng góp (điểm)", "Contribution (points)"),
    "option": ("Phương án", "Option"),
    "current_value": ("Điểm hiện tại", "Current value"),
    "increase": ("Mức tăng bảo đảm", "Guaranteed increase"),
    "increase_best": ("Mức tăng trong trường hợp thuận lợi nhất", "Increase in the best case"),
    "new_value": ("Điểm chỉ số mới", "New value"),
    "new_score": ("Tổng điểm mới", "New score"),
    "new_rank": ("Thứ hạng bảo đảm", "Guaranteed rank"),
    "reachable": ("Đạt được", "Reachable"),
    "room": ("Dư địa tới mức tối đa", "Room to the maximum"),
    "rank_one": ("Thứ hạng bảo đảm với thêm 1 điểm", "Guaranteed rank with one more point"),
    "increase_target": ("Mức tăng để vào nhóm dẫn đầu", "Increase to reach the target"),
    "bodies": ("Cơ quan phụ trách", "Bodies in charge"),
    "body": ("Cơ quan, đơn vị", "Body"),
    "role": ("Vai trò", "Role"),
    "document": ("Văn bản", "Document"),
    "source": ("Nguồn", "Source"),
    "province": ("Tỉnh/thành phố", "Province"),
    "position": ("Vị trí trong nhóm con", "Position in the subset"),
    "low": ("Vị trí (5 %)", "Position (5%)"),
    "median": ("Vị trí (trung vị)", "Position (median)"),
    "high": ("Vị trí (95 %)", "Position (95%)"),
    "a": ("Chỉ số A", "Sub-index A"),
    "b": ("Chỉ số B", "Sub-index B"),
    "pearson": ("Tương quan Pearson", "Pearson correlation"),
    "pearson_p": ("Giá trị p (Pearson)", "p (Pearson)"),
    "spearman": ("Tương quan Spearman (thứ hạng)", "Spearman rank correlation"),
    "spearman_p": ("Giá trị p (Spearman)", "p (Spearman)"),
    "n": ("Số tỉnh", "Provinces"),
}


def _h(key: str, lang: str) -> str:
    return HEADERS[key][0 if lang == "vi" else 1]


def _frame(columns: dict[str, list], lang: str) -> pd.DataFrame:
    return pd.DataFrame({_h(k, lang): v for k, v in columns.items()})


def _yes_no(value, lang: str) -> str:
    return t("pgi_yes" if bool(value) else "pgi_no", lang)


def history_table(history: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Year, score and where it comes from, the national rank and how many were ranked, the regional rank,
    the changes (no score change against the pilot year) and the caveats (``history`` from
    :func:`analysis.index.pgi.summarise_pgi_history`)."""
    notes = []
    for _, r in history.iterrows():
        note = [str(r["note"])] if str(r.get("note") or "").strip() else []
        if pd.notna(r["score"]) and not bool(r.get("comparable", True)) and r["year"] != history["year"].min():
            note.append(t("pgi_note_pilot_change", lang))
        if pd.notna(r["score"]) and pd.isna(r["region_rank"]):
            note.append(t("pgi_note_region_few", lang))
        notes.append("; ".join(note))
    return _frame(
        {
            "year": history["year"].astype(int).tolist(),
            "score": history["score"].tolist(),
            "score_from": [t(f"pgi_src_{s}", lang) if isinstance(s, str) else None for s in history["source"]],
            "rank": history["rank"].tolist(),
            "n_ranked": history["n_ranked"].tolist(),
            "region_rank": history["region_rank"].tolist(),
            "score_change": history["score_change"].tolist(),
            "rank_change": history["rank_change"].tolist(),
            "note": notes,
        },
        lang,
    )


def profile_table(profile: pd.DataFrame, spec: IndexSpec, lang: str) -> pd.DataFrame:
    """Each sub-index by name: value, position and fifth-best value among the provinces with it published,
    and the regional mean and best where the region has enough provinces with it."""
    columns = {
        "indicator": [spec.label(i, lang) for i in profile["indicator"]],
        "value": profile["value"].tolist(),
        "indicator_rank": profile["indicator_rank"].tolist(),
        "n_with_data": profile["n_with_data"].tolist(),
        "top5_value": profile["top5_threshold"].tolist(),
        "gap": profile["gap_to_top5"].tolist(),
    }
    if profile["region_mean"].notna().any():
        columns |= {"region_mean": profile["region_mean"].tolist(), "region_best": profile["region_best"].tolist()}
    return _frame(columns, lang)


def drivers_table(changes: pd.DataFrame, spec: IndexSpec, lang: str) -> pd.DataFrame:
    """Contribution of each sub-index to each year's change; none across the pilot year or missing data."""
    notes = []
    for _, r in changes.iterrows():
        if not bool(r.get("comparable", True)):
            notes.append(t("pgi_note_pilot_change", lang))
        elif pd.isna(r["contribution"]):
            notes.append(t("pgi_note_missing", lang))
        else:
            notes.append("")
    return _frame(
        {
            "from": changes["year_from"].astype(int).tolist(),
            "to": changes["year_to"].astype(int).tolist(),
            "indicator": [spec.label(i, lang) for i in changes["indicator"]],
            "contribution": changes["contribution"].tolist(),
            "note": notes,
        },
        lang,
    )


def whatif_table(result: pd.DataFrame, spec: IndexSpec, lang: str) -> pd.DataFrame:
    """The national what-if options by name: guaranteed and best-case increases, new score, guaranteed rank."""
    columns = {
        "option": [option_label(o, spec, lang) for o in result["option"]],
        "current_value": result["current_value"].tolist(),
        "increase": result["increase_2dp"].tolist(),
    }
    if "increase_best_case" in result:
        columns["increase_best"] = [
            math.ceil(round(v * 100, 6)) / 100 if pd.notna(v) else v for v in result["increase_best_case"]
        ]
    columns |= {
        "new_value": result["new_value"].tolist(),
        "new_score": result["new_score"].tolist(),
        "new_rank": result["new_rank"].tolist(),
        "reachable": [_yes_no(v, lang) for v in result["reachable"]],
    }
    return _frame(columns, lang)


def plan_table(plan: pd.DataFrame, spec: IndexSpec, lang: str) -> pd.DataFrame:
    """The improvement plan by sub-index; bodies shown only where the source assigns them."""
    bodies = plan["bodies_vi" if lang == "vi" else "bodies_en"]
    return _frame(
        {
            "indicator": [spec.label(i, lang) for i in plan["indicator"]],
            "value": plan["value"].tolist(),
            "room": plan["room"].tolist(),
            "rank_one": plan["rank_with_one_point"].tolist(),
            "increase_target": plan["increase_to_target"].tolist(),
            "top5_value": plan["top5_value"].tolist(),
            "gap": plan["gap_to_top5_value"].tolist(),
            "bodies": [
                b if ok else t("pgi_not_published", lang)
                for b, ok in zip(bodies, plan["assignment_published"], strict=True)
            ],
        },
        lang,
    )


def bodies_table(bodies: pd.DataFrame, spec: IndexSpec, lang: str) -> pd.DataFrame:
    """The bodies the plan names, their role, the document and the sub-index (``chưa công bố`` when the
    source does not say); the source is given once, by :func:`analysis.narrative.pgi.describe_plan_bodies`."""
    return _frame(
        {
            "body": bodies["body_vi" if lang == "vi" else "body_en"].tolist(),
            "role": [t(f"pgi_role_{r}", lang) for r in bodies["role"]],
            "document": [
                format_document(k, n, d, lang) if pd.notna(k) else ""
                for k, n, d in zip(bodies["via_kind"], bodies["via_number"], bodies["via_date"], strict=True)
            ],
            "indicator": [
                spec.label(s, lang) if pd.notna(s) else t("pgi_not_published", lang) for s in bodies["subindex"]
            ],
        },
        lang,
    )


def intervals_table(intervals: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Positions within the subset under uncertain weights (labelled as positions in the subset, not ranks)."""
    return _frame(
        {
            "province": intervals["province"].tolist(),
            "score": intervals["score"].tolist(),
            "position": intervals["nominal_rank"].tolist(),
            "low": intervals["rank_low"].tolist(),
            "median": intervals["rank_median"].tolist(),
            "high": intervals["rank_high"].tolist(),
        },
        lang,
    )


def correlations_table(correlations: pd.DataFrame, spec: IndexSpec, lang: str) -> pd.DataFrame:
    """One row per pair of sub-indices (by name): Pearson and Spearman correlations with their p-values."""
    wide = correlations.pivot_table(
        index=["indicator_a", "indicator_b"], columns="method", values=["r", "p_value"], sort=False
    )
    pairs = wide.index.tolist()
    return _frame(
        {
            "a": [spec.label(a, lang) for a, _ in pairs],
            "b": [spec.label(b, lang) for _, b in pairs],
            "pearson": wide[("r", "pearson")].tolist(),
            "pearson_p": wide[("p_value", "pearson")].tolist(),
            "spearman": wide[("r", "spearman")].tolist(),
            "spearman_p": wide[("p_value", "spearman")].tolist(),
            "n": [int(correlations["n_used"].iloc[0])] * len(pairs),
        },
        lang,
    )


def pca_table(pca: pd.DataFrame, spec: IndexSpec, lang: str) -> pd.DataFrame:
    """PCA loadings by sub-index name, with the share of variance explained as the last row."""
    components = [c for c in pca.columns if c.startswith("PC")]
    names = [t("pgi_explained", lang) if i == "explained_variance" else spec.label(i, lang) for i in pca["indicator"]]
    out = pd.DataFrame({_h("indicator", lang): names})
    word = "Thành phần" if lang == "vi" else "Component"
    for c in components:
        out[f"{word} {c[2:]}"] = pca[c].tolist()
    return out


def constituents_table(compare: pd.DataFrame, spec: IndexSpec, lang: str) -> pd.DataFrame:
    """The former provinces of a 2025 unit side by side, sub-indices by name (the unit is named in the
    sentence of :func:`analysis.narrative.pgi.describe_merger`)."""
    columns = {
        "province": compare["province"].tolist(),
        "year": compare["year"].astype(int).tolist(),
        "score": compare["score"].tolist(),
        "score_from": [t(f"pgi_src_{s}", lang) if isinstance(s, str) else None for s in compare["source"]],
        "rank": compare["rank"].tolist(),
    }
    out = _frame(columns, lang)
    for ind in spec.indicators:
        out[spec.label(ind, lang)] = compare[ind].tolist()
    return out
