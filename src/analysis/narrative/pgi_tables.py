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

from analysis.i18n import t
from analysis.index.spec import IndexSpec
from analysis.narrative.legal import agency_then
from analysis.narrative.pgi_words import format_document, option_label


def _h(key: str, lang: str) -> str:
    return t(f"pgi_col|{key}", lang)


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
            "body": [agency_then(b, lang) for b in bodies["body_vi" if lang == "vi" else "body_en"]],
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
    """One row per pair of sub-indices (by name): Pearson and Spearman correlations with their p-values, written as
    the reports write them (``< 0,01``, ``0,39``: :func:`analysis.i18n.fmt_p`, the kind ``pvalue``)."""
    wide = correlations.pivot_table(
        index=["indicator_a", "indicator_b"], columns="method", values=["r", "p_value"], sort=False
    )
    pairs = wide.index.tolist()
    out = _frame(
        {
            "a": [spec.label(a, lang) for a, _ in pairs],
            "b": [spec.label(b, lang) for _, b in pairs],
            "pearson": wide[("r", "pearson")].tolist(),
            "pearson_p": wide[("p_value", "pearson")].astype(float).tolist(),
            "spearman": wide[("r", "spearman")].tolist(),
            "spearman_p": wide[("p_value", "spearman")].astype(float).tolist(),
            "n": [int(correlations["n_used"].iloc[0])] * len(pairs),
        },
        lang,
    )
    out.attrs["kinds"] = {_h("pearson_p", lang): "pvalue", _h("spearman_p", lang): "pvalue"}  # numbers, by fmt_p
    return out


def pca_table(pca: pd.DataFrame, spec: IndexSpec, lang: str) -> pd.DataFrame:
    """PCA loadings by sub-index name, with the share of variance explained as the last row."""
    components = [c for c in pca.columns if c.startswith("PC")]
    names = [t("pgi_explained", lang) if i == "explained_variance" else spec.label(i, lang) for i in pca["indicator"]]
    out = pd.DataFrame({_h("indicator", lang): names})
    for c in components:
        out[t("pgi_component", lang, n=c[2:])] = pca[c].tolist()
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
