"""Sentences about the run itself: which map, which files, what is stale, missing or assumed (vi/en).

Input: a :class:`~analysis.run.context.RunContext`. Output: short Markdown strings; every warning the context
carries becomes one sentence a reader can act on. Nothing here computes a number.
"""

from __future__ import annotations

from analysis.i18n import add_strings, t

add_strings(
    {
        "run_map_2024": {
            "vi": "Số liệu theo địa giới 63 tỉnh, thành phố (trước ngày 01/7/2025)",
            "en": "Figures on the 63-province map (before 1 July 2025)",
        },
        "run_map_2025": {
            "vi": "Số liệu theo địa giới 34 tỉnh, thành phố (từ ngày 01/7/2025)",
            "en": "Figures on the 34-unit map (from 1 July 2025)",
        },
        "run_former": {
            "vi": "{province}: tỉnh cũ, đến ngày 30/6/2025; nay thuộc {successor}.",
            "en": "{province}: a former province, until 30 June 2025; now part of {successor}.",
        },
        "run_joined": {
            "vi": "{former} đã hợp nhất vào {unit} từ ngày 01/7/2025; báo cáo này là của {unit}.",
            "en": "{former} has been part of {unit} since 1 July 2025; this report is about {unit}.",
        },
        "run_unit": {
            "vi": "{unit} gồm {parts}; số liệu của đơn vị là tổng của các tỉnh, thành phố hợp nhất.",
            "en": "{unit} is made of {parts}; its figures are the sums of the merged provinces.",
        },
        "warn_stale_bau": {
            "vi": "**Cảnh báo: kịch bản BAU đã cũ.** Tệp {files} của {province} đã thay đổi sau khi BAU được cố định "
            "({vintage}); các con số dưới đây vẫn tính theo BAU cũ. Chạy lệnh `netzero rebase --province "
            '"{province}"` để lập lại BAU theo dữ liệu mới.',
            "en": "**Warning: the BAU is stale.** {province}'s file(s) {files} changed after the BAU was frozen "
            '({vintage}); the figures below still use the old BAU. Run `netzero rebase --province "{province}"` '
            "to rebuild it from the new data.",
        },
        "warn_unit_not_rebased": {
            "vi": "**Cảnh báo: BAU chưa được lập lại.** {province} đã có số liệu kiểm kê chính thức của mình nhưng BAU "
            "chưa được lập lại theo số liệu đó; các con số dưới đây vẫn là tổng BAU của các tỉnh, thành phố cũ. Chạy "
            'lệnh `netzero rebase --province "{province}"` để lập lại BAU theo số liệu kiểm kê chính thức.',
            "en": "**Warning: the BAU is not re-based yet.** {province} has its own official inventory, but its BAU "
            "has not been re-based on it; the figures below are still the sum of the former provinces' BAUs. Run "
            '`netzero rebase --province "{province}"` to re-base it on the official inventory.',
        },
        "warn_old_format": {
            "vi": "Tệp {file} được viết theo định dạng cũ (định dạng 1): vẫn đọc được, nhưng nên chuyển sang định dạng 2 "
            "(cơ quan chủ trì theo mã, văn bản căn cứ theo mã) bằng lệnh `netzero upgrade {file}`.",
            "en": "The file {file} is in the old format (format 1): it is still read, but should be upgraded to format 2 "
            "(lead agencies and legal documents by id) with `netzero upgrade {file}`.",
        },
        "warn_former_agency": {
            "vi": "Giải pháp “{measure}” giao cho {former}, cơ quan nay không còn; báo cáo ghi cơ quan hiện nay là {today}. "
            "Đề nghị cập nhật tệp kịch bản.",
            "en": "The measure “{measure}” is assigned to {former}, which no longer exists; this report names today's "
            "body, {today}. Please update the scenario file.",
        },
        "warn_national_scenarios": {
            "vi": "Tỉnh chưa có tệp kịch bản riêng: báo cáo dùng bộ kịch bản quốc gia (các chính sách quốc gia áp dụng "
            "cho tỉnh), không có giải pháp hay dự án riêng của tỉnh.",
            "en": "The province has no scenario file of its own: this report uses the national set (national policies "
            "applied to the province), with no provincial measures or projects.",
        },
        "warn_national_scenarios_unit": {
            "vi": "{province} (đơn vị hành chính từ ngày 01/7/2025) chưa có tệp kịch bản riêng: báo cáo dùng bộ kịch "
            "bản quốc gia (các chính sách quốc gia áp dụng cho đơn vị); mục tiêu riêng của các tỉnh, thành phố cũ, nếu "
            "có, được kiểm tra như mục tiêu kế thừa.",
            "en": "{province} (a unit since 1 July 2025) has no scenario file of its own: this report uses the national "
            "set (national policies applied to the unit); the former provinces' own targets, where they exist, are "
            "checked as inherited targets.",
        },
        "warn_bau_growth": {
            "vi": "**Lưu ý: BAU được tính lại.** Tệp kịch bản đặt tốc độ tăng trưởng khác cho BAU ({rates}); BAU trong "
            "báo cáo này được tính lại từ BAU cố định với các tốc độ đó, và các mục tiêu “giảm so với BAU” tính theo "
            "BAU tính lại này. Đây là phép thử độ nhạy, chưa phải BAU chính thức của tỉnh.",
            "en": "**Note: the BAU is re-projected.** The scenario file sets other BAU growth rates ({rates}); the BAU "
            "in this report is the frozen BAU re-projected with them, and “below BAU” targets are measured against "
            "it. This is a sensitivity, not the province's adopted BAU.",
        },
        "warn_bau_growth_rate": {
            "vi": "{driver} của {province} {first}–{last}: {rate} %/năm",
            "en": "{driver} of {province} {first}–{last}: {rate} %/yr",
        },
        "warn_missing_sectors": {
            "vi": "Lĩnh vực chưa được ước tính (không tính là 0): {sectors}.",
            "en": "Sectors not estimated (not counted as zero): {sectors}.",
        },
        "warn_cap_not_applied": {
            "vi": "Chưa áp dụng được mục tiêu {target}: không có số liệu phát thải quốc gia theo lĩnh vực cho năm {year}.",
            "en": "Target {target} could not be applied: there is no national sector figure for {year}.",
        },
        "warn_gwp_basis": {
            "vi": "Mục tiêu {target} được nêu theo hệ số GWP {target_gwp}, còn kiểm kê theo {gwp}: hai con số được so "
            "sánh trực tiếp, chưa quy đổi (chênh lệch thường nhỏ nhưng cần lưu ý).",
            "en": "Target {target} is stated in {target_gwp} GWP values and the inventory in {gwp}: they are compared "
            "without conversion (the difference is usually small, but note it).",
        },
    }
)


def describe_map(ctx, lang: str) -> str:
    """Which map the run is on; for a 2025 unit, the provinces it is made of; for a former province, the unit it
    joined; for a former province's name given on the 2025 map, that it is now part of the unit."""
    text = t(f"run_map_{ctx.map}", lang) + "."
    if ctx.is_unit:
        text += " " + t("run_unit", lang, unit=ctx.province, parts=", ".join(ctx.constituents))
    place = getattr(ctx, "place", None)
    if place is not None and place.successor:
        text += " " + t("run_former", lang, province=place.name, successor=place.successor)
    if place is not None and place.joined_from:
        text += " " + t("run_joined", lang, former=place.joined_from, unit=place.name)
    return text


def describe_warnings(ctx, lang: str) -> list[str]:
    """One sentence per warning of the run (stale BAU, national set used, missing sectors, GWP basis …)."""
    from analysis.i18n import sector_label

    out = []
    for w in ctx.warnings:
        values = dict(w.values)
        if w.code == "stale_bau":
            values["files"] = ", ".join(values["files"])
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


add_strings(
    {
        "src_estimate": {
            "vi": "Kiểm kê năm cơ sở: ước tính sơ bộ của dự án (phân bổ số liệu quốc gia theo chỉ tiêu ngành; "
            "Bộ TN&MT, Tổng cục Thống kê, Our World in Data)",
            "en": "Base-year inventory: the project's preliminary estimate (national figures shared out by "
            "sector proxies; MONRE, GSO, Our World in Data)",
        },
        "src_official": {"vi": "Kiểm kê năm cơ sở: {source}", "en": "Base-year inventory: {source}"},
        "src_national_set": {
            "vi": "Bộ kịch bản quốc gia kèm theo công cụ (NDC 2022, Quyết định 896/QĐ-TTg, Net Zero 2050)",
            "en": "The national scenario set shipped with the tool (NDC 2022, Decision 896/QĐ-TTg, Net Zero 2050)",
        },
        "src_own_file": {"vi": "Tệp kịch bản của tỉnh: {name}", "en": "The province's scenario file: {name}"},
        "src_target": {"vi": "Mục tiêu chính: {title}{url}", "en": "Headline target: {title}{url}"},
        "src_target_document": {
            "vi": "Mục tiêu chính: {title} — theo {document}{url}",
            "en": "Headline target: {title} — set by {document}{url}",
        },
        "src_document": {
            "vi": "Căn cứ các mục tiêu: {document} ({targets})",
            "en": "Basis of targets: {document} ({targets})",
        },
    }
)


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

        out.append(t("src_document", lang, document=cite(doc, lang), targets="; ".join(titles)))
    return {
        "is_estimate": b.is_estimate,
        "data_vintage": b.vintage,
        "sources": [*out, *sources],
        "scenarios": [p.scenario.title(lang) for p in shown],
    }
