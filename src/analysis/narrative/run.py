"""Sentences about the run itself: which map, which files, what is stale, missing or assumed (vi/en).

Input: a :class:`~analysis.run.context.RunContext`. Output: short Markdown strings; every warning the context
carries becomes one sentence a reader can act on. Nothing here computes a number.
"""

from __future__ import annotations

from analysis.i18n import add_strings, t

add_strings({
    "run_map_2024": {"vi": "theo địa giới 63 tỉnh, thành phố (trước ngày 01/7/2025)",
                     "en": "on the 63-province map (before 1 July 2025)"},
    "run_map_2025": {"vi": "theo địa giới 34 tỉnh, thành phố (từ ngày 01/7/2025)",
                     "en": "on the 34-unit map (from 1 July 2025)"},
    "run_unit": {"vi": "{unit} gồm {parts}; số liệu của đơn vị là tổng của các tỉnh, thành phố hợp nhất.",
                 "en": "{unit} is made of {parts}; its figures are the sums of the merged provinces."},
    "warn_stale_bau": {
        "vi": "**Cảnh báo: kịch bản BAU đã cũ.** Tệp {files} của {province} đã thay đổi sau khi BAU được cố định "
              "({vintage}); các con số dưới đây vẫn tính theo BAU cũ. Chạy lệnh `netzero rebase --province "
              "\"{province}\"` để lập lại BAU theo dữ liệu mới.",
        "en": "**Warning: the BAU is stale.** {province}'s file(s) {files} changed after the BAU was frozen "
              "({vintage}); the figures below still use the old BAU. Run `netzero rebase --province \"{province}\"` "
              "to rebuild it from the new data.",
    },
    "warn_national_scenarios": {
        "vi": "Tỉnh chưa có tệp kịch bản riêng: báo cáo dùng bộ kịch bản quốc gia (các chính sách quốc gia áp dụng "
              "cho tỉnh), không có giải pháp hay dự án riêng của tỉnh.",
        "en": "The province has no scenario file of its own: this report uses the national set (national policies "
              "applied to the province), with no provincial measures or projects.",
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
})


def describe_map(ctx, lang: str) -> str:
    """Which map the run is on and, for a 2025 unit, the provinces it is made of."""
    text = t(f"run_map_{ctx.map}", lang)
    if ctx.is_unit:
        text += ". " + t("run_unit", lang, unit=ctx.province, parts=", ".join(ctx.constituents))
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
            values["sectors"] = "; ".join(f"{sector_label(s, lang)} ({reason})" for s, reason in values["sectors"].items())
        out.append(t(f"warn_{w.code}", lang, **{k: v for k, v in values.items() if k != "frozen"}))
    return out

