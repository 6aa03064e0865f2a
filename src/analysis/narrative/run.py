"""Sentences about the run itself: which map, which files, what is stale, missing or assumed (vi/en).

Input: a :class:`~analysis.run.context.RunContext`. Output: short Markdown strings; every warning the context
carries becomes one sentence a reader can act on. Nothing here computes a number.
"""

from __future__ import annotations

from analysis.i18n import t, tn


def describe_map(ctx, lang: str) -> str:
    """Which map the run is on; for a 2025 unit, the provinces it is made of; for a former province, the unit it
    joined; for a former province's name given on the 2025 map, that it is now part of the unit."""
    text = t(f"run_map_{ctx.map}", lang) + "."
    if ctx.is_unit:
        parts = ", ".join(ctx.constituents)
        if ctx.own_inventory:  # re-based on the unit's own official inventory
            text += " " + t("run_unit_own", lang, unit=ctx.province, parts=parts, year=ctx.baseline.base_year)
        else:
            text += " " + t("run_unit", lang, unit=ctx.province, parts=parts)
    place = getattr(ctx, "place", None)
    if place is not None and place.successor:
        text += " " + t("run_former", lang, province=place.name, successor=place.successor)
    if place is not None and place.joined_from:
        text += " " + t("run_joined", lang, former=place.joined_from, unit=place.name)
    return text


def describe_view(ctx, lang: str, *, short: bool = False) -> str:
    """Which view the report shows (territorial, or GPC with its consumption proxy), and each target stated in the
    other view, checked on it (docs/views.md); ``short``: one brief sentence (page one of the summary)."""
    view = getattr(ctx, "view", "territorial")
    if short:
        return t("run_view_short_gpc", lang) if view == "gpc" else t("run_view_short_territorial", lang)
    if view == "gpc":
        from analysis.emissions.views import consumption_shares

        text = t("run_view_gpc", lang, year=consumption_shares()[0])
    else:
        text = t("run_view_territorial", lang)
    others: dict[str, list[str]] = {}
    for target in getattr(ctx, "targets", ()):
        if target.view != view:
            others.setdefault(target.view, []).append(f"“{target.title(lang)}”")
    for other, titles in others.items():
        name = t("view_name_gpc", lang) if other == "gpc" else t("view_name_territorial", lang)
        text += " " + t("run_target_other_view", lang, targets="; ".join(titles), view=name)
    return text


def describe_warnings(ctx, lang: str, *, said: tuple[str, ...] = ()) -> list[str]:
    """One sentence per warning of the run (stale BAU, national set used, missing sectors, GWP basis …), but those
    whose code is in ``said`` (the report says them elsewhere in its own words)."""
    from analysis.i18n import sector_label

    out = []
    for w in ctx.warnings:
        if w.code in said:
            continue
        values = dict(w.values)
        if w.code == "stale_bau":
            n_files, values["files"] = len(values["files"]), ", ".join(values["files"])
            out.append(tn("warn_stale_bau", n_files, lang, **{k: v for k, v in values.items() if k != "frozen"}))
            continue
        if w.code == "cap_not_applied_sector":
            values["sector"] = sector_label(values["sector"], lang)
        if w.code == "missing_sectors":
            values["sectors"] = "; ".join(
                f"{sector_label(s, lang)} ({reason})" for s, reason in values["sectors"].items()
            )
        if w.code == "former_agency":
            from analysis.data.institutions import load_institutions

            reg = load_institutions()
            measure = next((m for m in ctx.scenario_set.all_measures() if m.id == values["measure"]), None)
            values = {
                "measure": measure.label(lang) if measure is not None else values["measure"],
                "former": reg.agencies[values["former"]].name(lang),
                "today": reg.agencies[values["today"]].name(lang),
            }
        if w.code == "bau_growth":
            from analysis.i18n import fmt_number
            from analysis.narrative.bau_views import driver_label

            values = {
                "rates": "; ".join(
                    t(
                        "warn_bau_growth_rate",
                        lang,
                        driver=driver_label(g.driver, lang),
                        province=g.province,
                        first=g.first,
                        last=g.last,
                        rate=fmt_number(100 * g.rate, lang, 2),
                    )
                    for g in values["rates"]
                )
            }
        out.append(t(f"warn_{w.code}", lang, **{k: v for k, v in values.items() if k != "frozen"}))
    return out


def target_source(target, lang: str) -> str:
    """The headline target with the document that set it, cited by number, date and issuer; the link of its
    ``source`` follows as a secondary source (a target without a document keeps its link alone)."""
    import re

    link = re.search(r"https?://\S+", target.source or "")
    url = f", {link.group(0).rstrip(').,;')}" if link else ""
    if target.document:
        from analysis.narrative.legal import cite

        return t("src_target_document", lang, title=target.title(lang), document=cite(target.document, lang), url=url)
    return t("src_target", lang, title=target.title(lang), url=url)


def report_info(ctx, lang: str, *, sources: tuple[str, ...] = (), scenarios=None) -> dict:
    """What the report's title block and source list say about the run, as keyword arguments of
    :func:`analysis.report.excel.record_report_info`: estimate or not, the BAU's vintage, the titles of the
    scenarios shown, and the sources in the reader's words (the inventory, the scenario file, the headline
    target with its link, then ``sources``: raw data paths are shown as their register entry)."""

    b = ctx.baseline
    shown = list((scenarios if scenarios is not None else getattr(ctx, "shown", {})).values())
    out = [t("src_estimate", lang) if b.is_estimate else t("src_official", lang, source=b.source or b.province)]
    scenario_set = getattr(ctx, "scenario_set", None)
    if scenario_set is not None:
        national = getattr(ctx, "scenario_origin", "") == "national"
        out.append(
            t("src_national_set", lang)
            if national
            else t("src_own_file", lang, name=str(scenario_set.file).rsplit("/", 1)[-1])
        )
    headline = getattr(ctx, "headline", None)
    if headline is not None:
        out.append(target_source(headline, lang))
    by_document: dict[str, list[str]] = {}
    for target in getattr(ctx, "targets", []):
        if target.document and target is not headline:
            by_document.setdefault(target.document, []).append(target.title(lang))
    for doc, titles in by_document.items():
        from analysis.narrative.legal import cite

        # up to two targets by name; more by number (the pathways report's target table lists each with its basis)
        named = "; ".join(titles) if len(titles) <= 2 else tn("src_n_targets", len(titles), lang)
        out.append(t("src_document", lang, document=cite(doc, lang), targets=named))
    return {
        "is_estimate": b.is_estimate,
        "data_vintage": b.vintage,
        "sources": [*out, *sources],
        "scenarios": [p.scenario.title(lang) for p in shown],
    }
