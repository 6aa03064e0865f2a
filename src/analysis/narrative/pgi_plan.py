"""PGI sentences for the improvement plan: what a point on each sub-index buys, how far each is from the
fifth-best values, and which bodies the province's own plan names (and whether the source assigns them
to sub-indices). Inputs: :func:`analysis.index.plan.plan_improvements` and
:func:`analysis.data.pgi_plan.load_plan_bodies`. Output: Markdown strings; nothing is assigned that the
source does not state.
"""

from __future__ import annotations

import pandas as pd

from analysis.i18n import t
from analysis.index.spec import IndexSpec
from analysis.narrative.legal import agency_then
from analysis.narrative.pgi_whatif import describe_where
from analysis.narrative.pgi_words import format_document, ordinal, points


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
    return t("list_and", lang, items="; ".join(names[:-1]), last=names[-1])


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
            text += t(key, lang, bodies=_join([agency_then(b, lang) for b in part[name]], lang), via=via)
    mapped = bodies.dropna(subset=["subindex"])
    source = t("pgi_bodies_source", lang, source="; ".join(dict.fromkeys(bodies["source"])))
    if mapped.empty:
        return text.rstrip() + t("pgi_bodies_unmapped", lang) + source
    items = [
        f"*{spec.label(ind, lang) if spec is not None else ind}*: {', '.join(agency_then(b, lang) for b in part[name])}"
        for ind, part in mapped.groupby("subindex", sort=False)
    ]
    return text.rstrip() + t("pgi_bodies_mapped", lang, items="; ".join(items)) + source
