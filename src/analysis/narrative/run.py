"""Sentences about the run itself: which map, which files, what is stale, missing or assumed (vi/en).

Input: a :class:`~analysis.run.context.RunContext`. Output: short Markdown strings; every warning the context
carries becomes one sentence a reader can act on. Nothing here computes a number.
"""

from __future__ import annotations

from analysis.i18n import t, tn


def describe_map(ctx, lang: str) -> str:
    """Which map the run is on and, for a 2025 unit, the provinces it is made of."""
    text = t(f"run_map_{ctx.map}", lang) + "."
    if ctx.is_unit:
        text += " " + t("run_unit", lang, unit=ctx.province, parts=", ".join(ctx.constituents))
    return text


def describe_warnings(ctx, lang: str) -> list[str]:
    """One sentence per warning of the run (stale BAU, national set used, missing sectors, GWP basis …)."""
    from analysis.i18n import sector_label

    out = []
    for w in ctx.warnings:
        values = dict(w.values)
        if w.code == "stale_bau":
            n_files, values["files"] = len(values["files"]), ", ".join(values["files"])
            out.append(tn("warn_stale_bau", n_files, lang, **{k: v for k, v in values.items() if k != "frozen"}))
            continue
        if w.code == "missing_sectors":
            values["sectors"] = "; ".join(
                f"{sector_label(s, lang)} ({reason})" for s, reason in values["sectors"].items()
            )
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


def report_info(ctx, lang: str, *, sources: tuple[str, ...] = (), scenarios=None) -> dict:
    """What the report's title block and source list say about the run, as keyword arguments of
    :func:`analysis.report.excel.record_report_info`: estimate or not, the BAU's vintage, the titles of the
    scenarios shown, and the sources in the reader's words (the inventory, the scenario file, the headline
    target with its link, then ``sources``: raw data paths are shown as their register entry)."""
    import re

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
        link = re.search(r"https?://\S+", headline.source or "")
        out.append(
            t("src_target", lang, title=headline.title(lang), url=f", {link.group(0).rstrip(').,;')}" if link else "")
        )
    return {
        "is_estimate": b.is_estimate,
        "data_vintage": b.vintage,
        "sources": [*out, *sources],
        "scenarios": [p.scenario.title(lang) for p in shown],
    }
