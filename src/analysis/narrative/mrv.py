"""Sentences about the province's MRV work, in Vietnamese or English: reporting status, coverage, credits.

Inputs: the engines' results — :class:`~analysis.mrv.obligations.ReportingStatus`,
:class:`~analysis.mrv.coverage.Coverage`, :class:`~analysis.mrv.credits.CreditAccount` and the credit-potential
table. Output: Markdown strings (one function per paragraph); reader tables are in
:mod:`analysis.narrative.mrv_tables`. Nothing here computes an emission figure.
"""

from __future__ import annotations

import pandas as pd

from analysis.i18n import add_strings, fmt_date, fmt_number, fmt_percent, sector_label, t
from analysis.narrative import MT

add_strings(
    {
        "mrv_tonnes": {"vi": "{value} tấn CO₂tđ", "en": "{value} t CO₂e"},
        "mrv_megatonnes": {"vi": "{value} triệu tấn CO₂tđ", "en": "{value} Mt CO₂e"},
        "mrv_facilities_one": {"vi": "{n} cơ sở", "en": "{n} facility"},
        "mrv_facilities_many": {"vi": "{n} cơ sở", "en": "{n} facilities"},
        "mrv_status": {
            "vi": "Tính đến ngày {as_of}, trên địa bàn tỉnh có {facilities} phải thực hiện kiểm kê khí nhà kính năm "
            "{year} và gửi báo cáo về Ủy ban nhân dân tỉnh trước ngày {due}; trong đó {parts}.",
            "en": "As of {as_of}, {facilities} in the province must make the greenhouse-gas inventory of {year} and "
            "send it to the provincial People's Committee by {due}: {parts}.",
        },
        "mrv_part|on_time": {"vi": "{n} cơ sở đã nộp đúng hạn", "en": "{n} reported on time"},
        "mrv_part|late_submission": {"vi": "{n} cơ sở nộp sau hạn", "en": "{n} reported late"},
        "mrv_part|received_undated": {
            "vi": "{n} cơ sở đã nộp nhưng chưa ghi ngày nộp",
            "en": "{n} reported without a recorded date",
        },
        "mrv_part|overdue": {"vi": "{n} cơ sở đã quá hạn nhưng chưa nộp", "en": "{n} are overdue"},
        "mrv_part|pending": {
            "vi": "{n} cơ sở chưa nộp (chưa đến hạn)",
            "en": "{n} have not reported yet (not yet due)",
        },
        "mrv_status_none": {
            "vi": "Tính đến ngày {as_of}, sổ theo dõi chưa ghi nhận cơ sở nào phải kiểm kê khí nhà kính năm {year} "
            "(hạn nộp báo cáo trước ngày {due}).",
            "en": "As of {as_of}, the register shows no facility that must make the greenhouse-gas inventory of {year} "
            "(due by {due}).",
        },
        "mrv_to_check": {
            "vi": "Có {facilities} chưa đủ số liệu (tiêu thụ năng lượng, lượng phát thải hoặc công suất xử lý) để xác "
            "định có thuộc đối tượng phải kiểm kê hay không; đề nghị các sở quản lý lĩnh vực rà soát, bổ sung.",
            "en": "The data (energy use, emissions or treatment capacity) are missing to tell whether {facilities} must "
            "report; the managing departments should review and complete them.",
        },
        "mrv_not_required": {
            "vi": "Có {facilities} không thuộc danh mục và dưới các ngưỡng tại khoản 1 Điều 6 Nghị định số "
            "06/2022/NĐ-CP.",
            "en": "Not on the list and below every threshold of Decree 06/2022/NĐ-CP, Art. 6(1): {facilities}.",
        },
        "mrv_next": {
            "vi": "Kỳ báo cáo tiếp theo: kiểm kê năm {year}, hạn nộp trước ngày {due}.",
            "en": "Next report: the inventory of {year}, due by {due}.",
        },
        "mrv_label_estimate": {"vi": "ước tính phát thải", "en": "estimate"},
        "mrv_label_official": {"vi": "kiểm kê", "en": "inventory"},
        "mrv_coverage": {
            "vi": "Năm {year}, báo cáo của {n} cơ sở cộng lại {facility}. Ở {k} lĩnh vực có cả báo cáo của cơ sở và "
            "số liệu {label} của tỉnh, báo cáo của cơ sở bằng {pct} {label} ({facility_cmp} so với {estimate}).",
            "en": "In {year}, the reports of {n} facilities add up to {facility}. In the {k} sectors with both facility "
            "reports and the province's {label}, the reports make up {pct} of the {label} ({facility_cmp} against "
            "{estimate}).",
        },
        "mrv_coverage_none": {
            "vi": "Năm {year}, báo cáo của {n} cơ sở cộng lại {facility}; chưa so sánh được với số liệu của tỉnh: "
            "{reason}.",
            "en": "In {year}, the reports of {n} facilities add up to {facility}; they cannot be compared with the "
            "province's figures: {reason}.",
        },
        "mrv_reason_no_profile": {
            "vi": "tỉnh chưa có kiểm kê hay ước tính phát thải",
            "en": "the province has no inventory or estimate",
        },
        "mrv_reason_other_year": {
            "vi": "số liệu của tỉnh là cho năm {inv_year}, không phải năm {year}",
            "en": "the province's figures are for {inv_year}, not {year}",
        },
        "mrv_other_year_used": {
            "vi": "Lưu ý: {label} của tỉnh là cho năm {inv_year}, được dùng để so sánh với báo cáo năm {year}.",
            "en": "Note: the province's {label} is for {inv_year}; it is compared with the reports of {year}.",
        },
        "mrv_above": {
            "vi": "Ở lĩnh vực {sectors}, tổng báo cáo của cơ sở cao hơn {label} của tỉnh: {label} đang thấp hơn "
            "thực tế và cần được xem lại.",
            "en": "In {sectors}, the facility reports add up to more than the province's {label}: the {label} is too "
            "low and should be reviewed.",
        },
        "mrv_indirect": {
            "vi": "Một số báo cáo ở lĩnh vực {sectors} tính cả phát thải gián tiếp (phạm vi 2) từ điện mua vào, vốn "
            "thuộc lĩnh vực sản xuất điện trong kiểm kê của tỉnh; tỷ lệ so sánh ở các lĩnh vực này có thể cao "
            "hơn thực tế.",
            "en": "Some reports in {sectors} include indirect (scope 2) emissions from purchased electricity, which the "
            "province's inventory counts under power generation; the ratios there may be overstated.",
        },
        "mrv_and": {"vi": " và ", "en": " and "},
        "mrv_credits": {
            "vi": "Năm {year}, khi tính mọi mức giảm phát thải trên địa bàn, phát thải của tỉnh {gap_text}. Tín chỉ "
            "đã chuyển giao ra nước ngoài có điều chỉnh tương ứng ({transferred}) được tính cho bên mua, không "
            "được tính vào mục tiêu của tỉnh; khi cộng lại phần này, phát thải {gap_text2}.",
            "en": "In {year}, counting every reduction made in the province, emissions {gap_text}. Credits transferred "
            "abroad under a corresponding adjustment ({transferred}) count for the buyer, not toward the "
            "province's target; adding them back, emissions {gap_text2}.",
        },
        "mrv_credits_none": {
            "vi": "Năm {year}, khi tính mọi mức giảm phát thải trên địa bàn, phát thải của tỉnh {gap_text}. Chưa có tín "
            "chỉ nào ({vintages}) được chuyển giao ra nước ngoài có điều chỉnh tương ứng, nên chênh lệch này "
            "không đổi.",
            "en": "In {year}, counting every reduction made in the province, emissions {gap_text}. No credit "
            "({vintages}) has been transferred abroad under a corresponding adjustment, so this does not change.",
        },
        "mrv_vintages": {"vi": "năm giảm phát thải {years}", "en": "vintage {years}"},
        "mrv_gap_above": {"vi": "cao hơn mục tiêu {value}", "en": "exceed the target by {value}"},
        "mrv_gap_below": {"vi": "thấp hơn mục tiêu {value}", "en": "are {value} below the target"},
        "mrv_credits_planned": {
            "vi": "Nếu các dự án đang chuẩn bị chuyển giao có điều chỉnh tương ứng ({planned}) được thực hiện, phát "
            "thải {gap_text}.",
            "en": "If the projects preparing transfers under a corresponding adjustment ({planned}) go ahead, "
            "emissions {gap_text}.",
        },
        "mrv_credits_unknown": {
            "vi": "Có {value} tín chỉ chuyển ra nước ngoài chưa rõ có điều chỉnh tương ứng hay không; cần làm rõ với "
            "bên mua trước khi tính vào mục tiêu.",
            "en": "{value} of credits going abroad have no recorded answer on a corresponding adjustment; clarify "
            "with the buyer before counting them toward the target.",
        },
        "mrv_credits_counted": {
            "vi": "Có {value} tín chỉ dùng trong nước hoặc chuyển giao không có điều chỉnh tương ứng vẫn được tính cho "
            "tỉnh.",
            "en": "{value} of credits used at home or sold without an adjustment still count for the province.",
        },
        "mrv_potential": {
            "vi": "Tiềm năng tín chỉ của {measures} năm {year} ước tính tối đa {value} (ước tính: {basis}).",
            "en": "The credit potential of {measures} in {year} is estimated at up to {value} (estimate: {basis}).",
        },
        "mrv_potential_upper": {
            "vi": "bằng mức giảm phát thải mô hình hoá của giải pháp, chưa trừ đường cơ sở, tính bổ sung và phần dự "
            "phòng theo tiêu chuẩn tín chỉ",
            "en": "the measure's modelled abatement, before the baseline, additionality and buffer deductions of a "
            "crediting standard",
        },
        "mrv_potential_deducted": {
            "vi": "mức giảm phát thải mô hình hoá trừ {share} ({source})",
            "en": "the modelled abatement less {share} ({source})",
        },
    }
)


def fmt_tonnes(value: float, lang: str) -> str:
    """``20000`` -> ``20.000 tấn CO₂tđ``; a million or more in Mt (``1,25 triệu tấn CO₂tđ``)."""
    if value is not None and abs(value) >= MT:
        return t("mrv_megatonnes", lang, value=fmt_number(value / MT, lang, 2))
    return t("mrv_tonnes", lang, value=fmt_number(value, lang, 0))


def _facilities(n: int, lang: str) -> str:
    return t("mrv_facilities_one" if n == 1 else "mrv_facilities_many", lang, n=n)


def _join(items: list[str], lang: str) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + t("mrv_and", lang) + items[-1]


def describe_reporting_status(status, lang: str) -> str:
    """Who must report, who has, who is late, what comes next (from a ``ReportingStatus``)."""
    dates = {
        "as_of": fmt_date(status.as_of, lang),
        "year": status.inventory_year,
        "due": fmt_date(status.due_date, lang),
    }
    n, counts = status.n_must("yes"), status.counts("yes")
    pieces = [
        t(f"mrv_part|{s}", lang, n=counts[s])
        for s in ("on_time", "late_submission", "received_undated", "overdue", "pending")
        if counts[s]
    ]
    parts = [
        t("mrv_status", lang, facilities=_facilities(n, lang), parts=_join(pieces, lang), **dates)
        if n
        else t("mrv_status_none", lang, **dates)
    ]
    if status.n_must("unknown"):
        parts.append(t("mrv_to_check", lang, facilities=_facilities(status.n_must("unknown"), lang)))
    if status.n_must("no"):
        parts.append(t("mrv_not_required", lang, facilities=_facilities(status.n_must("no"), lang)))
    year, due = status.next_report()
    if due != status.due_date:  # before the first deadline the next report is the one assessed
        parts.append(t("mrv_next", lang, year=year, due=fmt_date(due, lang)))
    return " ".join(parts)


def describe_coverage(coverage, lang: str) -> str:
    """Facility reports against the province's inventory: the ratio, the sectors where the estimate is too low."""
    topdown, totals = coverage.topdown, coverage.totals()
    label = t("mrv_label_estimate" if topdown.is_estimate else "mrv_label_official", lang)
    facility = fmt_tonnes(totals["facility_tco2e"], lang)
    if not topdown.available:
        reason = (
            t("mrv_reason_no_profile", lang)
            if topdown.status == "no_profile"
            else t("mrv_reason_other_year", lang, inv_year=topdown.inventory_year, year=coverage.year)
        )
        return t(
            "mrv_coverage_none", lang, year=coverage.year, n=totals["n_facilities"], facility=facility, reason=reason
        )
    parts = [
        t(
            "mrv_coverage",
            lang,
            year=coverage.year,
            n=totals["n_facilities"],
            facility=facility,
            k=totals["n_comparable"],
            label=label,
            pct=fmt_percent(100 * totals["coverage"], lang, 0),
            facility_cmp=fmt_tonnes(totals["comparable_facility_tco2e"], lang),
            estimate=fmt_tonnes(totals["comparable_estimate_tco2e"], lang),
        )
    ]
    if topdown.status == "other_year_used":
        parts.append(t("mrv_other_year_used", lang, label=label, inv_year=topdown.inventory_year, year=coverage.year))
    above = coverage.flagged("above_estimate")
    if above:
        parts.append(t("mrv_above", lang, sectors=_join([sector_label(s, lang) for s in above], lang), label=label))
    indirect = coverage.flagged("indirect_included")
    if indirect:
        parts.append(t("mrv_indirect", lang, sectors=_join([sector_label(s, lang) for s in indirect], lang)))
    return " ".join(parts)


def _gap_text(gap: float, lang: str) -> str:
    return t("mrv_gap_above" if gap > 0 else "mrv_gap_below", lang, value=fmt_tonnes(abs(gap), lang))


def describe_credits(account, lang: str) -> str:
    """The target gap with and without the credits transferred abroad under a corresponding adjustment."""
    vintages = t("mrv_vintages", lang, years=_join([str(v) for v in account.vintages], lang))
    parts = [
        t(
            "mrv_credits",
            lang,
            year=account.target_year,
            gap_text=_gap_text(account.gap_tco2e, lang),
            transferred=fmt_tonnes(account.transferred_tco2e, lang),
            gap_text2=_gap_text(account.gap_without_transfers_tco2e, lang),
        )
        if account.transferred_tco2e
        else t(
            "mrv_credits_none",
            lang,
            year=account.target_year,
            gap_text=_gap_text(account.gap_tco2e, lang),
            vintages=vintages,
        )
    ]
    if account.planned_tco2e:
        parts.append(
            t(
                "mrv_credits_planned",
                lang,
                planned=fmt_tonnes(account.planned_tco2e, lang),
                gap_text=_gap_text(account.gap_with_planned_tco2e, lang),
            )
        )
    if account.unknown_tco2e:
        parts.append(t("mrv_credits_unknown", lang, value=fmt_tonnes(account.unknown_tco2e, lang)))
    if account.counted_tco2e:
        parts.append(t("mrv_credits_counted", lang, value=fmt_tonnes(account.counted_tco2e, lang)))
    return " ".join(parts)


def describe_credit_potential(potential: pd.DataFrame, lang: str) -> str:
    """The labelled estimate of the credit potential of the chosen measures (``estimate_credit_potential``)."""
    if potential.empty:
        return ""
    share = float(potential["deduction_share"].iloc[0])
    basis = (
        t("mrv_potential_upper", lang)
        if not share
        else t(
            "mrv_potential_deducted",
            lang,
            share=fmt_percent(100 * share, lang, 0),
            source=potential["deduction_source"].iloc[0],
        )
    )
    return t(
        "mrv_potential",
        lang,
        measures=_join([f"“{m}”" for m in potential["measure"]], lang),
        year=int(potential["year"].iloc[0]),
        value=fmt_tonnes(float(potential["credit_potential_tco2e"].sum()), lang),
        basis=basis,
    )


add_strings(
    {
        "mrv_heading": {
            "vi": "Đo đạc, báo cáo, thẩm định (MRV) và tín chỉ các-bon: {province}",
            "en": "Measurement, reporting and verification (MRV) and carbon credits: {province}",
        },
        "mrv_sec_status": {
            "vi": "Tình hình kiểm kê khí nhà kính cấp cơ sở",
            "en": "Facility GHG inventories: who reports",
        },
        "mrv_sec_coverage": {
            "vi": "Báo cáo của cơ sở so với kiểm kê của tỉnh",
            "en": "Facility reports against the province's inventory",
        },
        "mrv_sec_credits": {"vi": "Tín chỉ các-bon và mục tiêu", "en": "Carbon credits and the target"},
        "mrv_example": {
            "vi": "**Lưu ý:** danh mục cơ sở và tín chỉ dùng trong báo cáo này là ví dụ minh hoạ kèm theo "
            "công cụ (tên cơ sở giả định, số liệu minh hoạ); hãy thay bằng danh mục của tỉnh.",
            "en": "**Note:** the facility and credit registers used here are the illustrative examples "
            "shipped with the tool (placeholder names, illustrative figures); replace them with the "
            "province's own.",
        },
        "mrv_no_rows": {
            "vi": "Danh mục cơ sở không có dòng nào của {provinces}.",
            "en": "The facility register has no row for {provinces}.",
        },
        "mrv_no_credits": {
            "vi": "Danh mục tín chỉ không có dự án nào của {province}.",
            "en": "The credit register has no project for {province}.",
        },
        "mrv_table_status": {
            "vi": "Các cơ sở phải kiểm kê và tình trạng báo cáo",
            "en": "Facilities and their reports",
        },
        "mrv_table_summary": {"vi": "Tình trạng báo cáo theo nhóm lĩnh vực", "en": "Reporting status by category"},
        "mrv_table_coverage": {
            "vi": "Tổng phát thải báo cáo của cơ sở so với kiểm kê của tỉnh, theo lĩnh vực",
            "en": "Facility totals against the province's inventory, by sector",
        },
        "mrv_table_credits": {
            "vi": "Khoảng cách đến mục tiêu khi tính và không tính tín chỉ chuyển giao",
            "en": "The target gap with and without transferred credits",
        },
    }
)


def describe_room(room, lang: str) -> list[str]:
    """The sentences that frame the MRV report: illustrative registers, provinces with no row."""
    out = [t("mrv_example", lang)] if room.is_example else []
    if room.missing:
        out.append(t("mrv_no_rows", lang, provinces=_join(list(room.missing), lang)))
    return out


def describe_summary(room, lang: str) -> list[str]:
    """The summary's MRV paragraph: who reports and who is late (coverage of the inventory and the credits against
    the target are in the MRV report)."""
    out = describe_room(room, lang)
    for status in room.status.values():
        out.append(describe_reporting_status(status, lang))
    return out


add_strings(
    {
        "mrv_src_facilities_example": {
            "vi": "Sổ đăng ký cơ sở minh hoạ kèm theo công cụ (không phải số liệu thật)",
            "en": "The illustrative facility register shipped with the tool (not real data)",
        },
        "mrv_src_credits_example": {
            "vi": "Sổ đăng ký tín chỉ các-bon minh hoạ kèm theo công cụ (không phải số liệu thật)",
            "en": "The illustrative carbon-credit register shipped with the tool (not real data)",
        },
        "mrv_src_facilities": {
            "vi": "Sổ đăng ký cơ sở của tỉnh: tệp {name}",
            "en": "The province's facility register: file {name}",
        },
        "mrv_src_credits": {
            "vi": "Sổ đăng ký tín chỉ các-bon: tệp {name}",
            "en": "The carbon-credit register: file {name}",
        },
    }
)


def describe_sources(room, lang: str) -> list[str]:
    """The two registers as a report's sources: the shipped examples said to be illustrative, an analyst's file
    by its name."""
    from analysis.mrv.room import CREDITS_EXAMPLE, FACILITIES_EXAMPLE

    out = []
    for kind, path, example in (
        ("facilities", room.facilities_file, FACILITIES_EXAMPLE),
        ("credits", room.credits_file, CREDITS_EXAMPLE),
    ):
        same = path.resolve() == example.resolve()
        out.append(t(f"mrv_src_{kind}_example", lang) if same else t(f"mrv_src_{kind}", lang, name=path.name))
    return out
