"""Words for the MRV engine's codes, in Vietnamese and English (one catalogue for tables, charts and sentences).

Registers in :mod:`analysis.i18n` the labels of the Decision 13/2024 groups, reporting statuses, obligation bases,
coverage flags, credit-account items, credit types and statuses (keys ``mrv_<kind>|<code>``), and the column
headers of the MRV tables (:data:`analysis.i18n.COLUMN_LABELS`). :func:`label` turns a code into words.
"""

from __future__ import annotations

from analysis.i18n import COLUMN_LABELS, STRINGS, add_strings, t

_CATEGORIES = {
    "industry_trade": ("Công Thương", "Industry and trade"),
    "transport": ("Giao thông vận tải", "Transport"),
    "construction": ("Xây dựng", "Construction"),
    "agriculture": ("Nông nghiệp", "Agriculture"),
    "natural_resources_environment": ("Tài nguyên và Môi trường", "Natural resources and environment"),
}
_STATUSES = {
    "on_time": ("Đã nộp đúng hạn", "Reported on time"),
    "late_submission": ("Nộp sau hạn", "Reported late"),
    "received_undated": ("Đã nộp, chưa ghi ngày", "Reported, date not recorded"),
    "pending": ("Chưa đến hạn", "Not yet due"),
    "overdue": ("Quá hạn, chưa nộp", "Overdue"),
    "to_check": ("Cần rà soát số liệu", "Data to check"),
    "not_required": ("Không thuộc đối tượng", "Not required"),
}
_ANSWERS = {"yes": ("Có", "Yes"), "no": ("Không", "No"), "unknown": ("Chưa rõ", "Unknown")}
_BASES = {
    "on_list": ("Thuộc danh mục (Quyết định số 13/2024/QĐ-TTg)", "On the list (Decision 13/2024/QĐ-TTg)"),
    "threshold_emissions": ("Phát thải từ {value} tấn CO₂tđ/năm", "Emissions of {value} t CO₂e/yr or more"),
    "threshold_energy_industry": (
        "Nhà máy nhiệt điện, cơ sở công nghiệp tiêu thụ từ {value} TOE/năm",
        "Power plant or industrial facility using {value} TOE/yr or more",
    ),
    "threshold_energy_freight": (
        "Vận tải hàng hoá tiêu thụ từ {value} TOE/năm",
        "Freight transport using {value} TOE/yr or more",
    ),
    "threshold_energy_buildings": (
        "Tòa nhà thương mại tiêu thụ từ {value} TOE/năm",
        "Commercial building using {value} TOE/yr or more",
    ),
    "threshold_waste_capacity": (
        "Xử lý chất thải rắn từ {value} tấn/năm",
        "Solid-waste treatment of {value} t/yr or more",
    ),
    "below_thresholds": ("Dưới các ngưỡng", "Below every threshold"),
    "missing_data": ("Thiếu số liệu để xác định", "Data missing to tell"),
    "threshold_other": ("Vượt ngưỡng {value}", "Above the threshold of {value}"),
}
_FLAGS = {
    "above_estimate": ("Báo cáo cơ sở cao hơn số liệu của tỉnh", "Reports exceed the province's figure"),
    "no_estimate": ("Chưa có số liệu của tỉnh để so sánh", "No provincial figure to compare"),
    "indirect_included": ("Có báo cáo tính cả phát thải gián tiếp", "Some reports include indirect emissions"),
}
_ITEMS = {
    "target": ("Mục tiêu phát thải", "Emissions target"),
    "gap_as_inventoried": (
        "Chênh lệch so với mục tiêu (tính mọi mức giảm trên địa bàn)",
        "Gap to the target (every reduction in the province counted)",
    ),
    "transferred_with_adjustment": (
        "Tín chỉ đã chuyển ra nước ngoài có điều chỉnh tương ứng",
        "Credits transferred abroad under a corresponding adjustment",
    ),
    "gap_without_transfers": ("Chênh lệch khi cộng lại tín chỉ đã chuyển giao", "Gap with those credits added back"),
    "planned_with_adjustment": (
        "Tín chỉ dự kiến chuyển giao có điều chỉnh tương ứng",
        "Credits planned for transfer under an adjustment",
    ),
    "gap_with_planned": ("Chênh lệch khi cộng cả tín chỉ dự kiến", "Gap with the planned transfers added back too"),
    "adjustment_unknown": (
        "Tín chỉ ra nước ngoài chưa rõ điều chỉnh tương ứng",
        "Credits abroad, adjustment not known",
    ),
    "counted_credits": ("Tín chỉ vẫn được tính cho tỉnh", "Credits that still count for the province"),
}
_CREDIT_TYPES = {
    "CDM": ("CDM", "CDM"),
    "JCM": ("JCM", "JCM"),
    "Gold Standard": ("Gold Standard", "Gold Standard"),
    "VCS": ("VCS (Verra)", "VCS (Verra)"),
    "domestic": ("Trong nước", "Domestic"),
}
_CREDIT_STATUSES = {
    "planned": ("Dự kiến", "Planned"),
    "validation": ("Đang thẩm định", "Under validation"),
    "registered": ("Đã đăng ký", "Registered"),
    "issued": ("Đã cấp", "Issued"),
    "transferred": ("Đã chuyển giao", "Transferred"),
    "retired": ("Đã sử dụng", "Retired"),
}
for _prefix, _table in (
    ("mrv_category", _CATEGORIES),
    ("mrv_state", _STATUSES),
    ("mrv_answer", _ANSWERS),
    ("mrv_basis", _BASES),
    ("mrv_flag", _FLAGS),
    ("mrv_item", _ITEMS),
    ("mrv_credit_type", _CREDIT_TYPES),
    ("mrv_credit_status", _CREDIT_STATUSES),
):
    add_strings({f"{_prefix}|{k}": {"vi": vi, "en": en} for k, (vi, en) in _table.items()})
add_strings({"mrv_not_recorded": {"vi": "Chưa ghi", "en": "Not recorded"}})

COLUMN_LABELS.update(
    {
        "facility_id": {"vi": "Mã cơ sở", "en": "Facility code"},
        "facility_name": {"vi": "Tên cơ sở", "en": "Facility"},
        "district": {"vi": "Huyện/thị xã/thành phố", "en": "District"},
        "managing_ministry": {"vi": "Cơ quan quản lý", "en": "Managing department"},
        "must_report": {"vi": "Phải kiểm kê", "en": "Must report"},
        "obligation_basis": {"vi": "Căn cứ", "en": "Basis"},
        "submitted_on": {"vi": "Ngày nộp", "en": "Submitted on"},
        "report_status": {"vi": "Tình trạng", "en": "Status"},
        "due_date": {"vi": "Hạn nộp", "en": "Due"},
        "n_facilities": {"vi": "Số cơ sở", "en": "Facilities"},
        "n_required": {"vi": "Phải kiểm kê", "en": "Must report"},
        **{s: {"vi": vi, "en": en} for s, (vi, en) in _STATUSES.items()},
        "n_awaiting": {"vi": "Chờ báo cáo", "en": "Awaiting a report"},
        "facility_tco2e": {"vi": "Báo cáo cơ sở (tấn CO₂tđ)", "en": "Facility reports (t CO₂e)"},
        "estimate_tco2e": {"vi": "Số liệu của tỉnh (tấn CO₂tđ)", "en": "Province's figure (t CO₂e)"},
        "coverage_pct": {"vi": "Tỷ lệ so với số liệu của tỉnh (%)", "en": "Share of the province's figure (%)"},
        "coverage_flag": {"vi": "Lưu ý", "en": "Flag"},
        "account_item": {"vi": "Khoản mục", "en": "Item"},
        "tco2e": {"vi": "Tấn CO₂tđ", "en": "t CO₂e"},
        "share_of_target_pct": {"vi": "So với mục tiêu (%)", "en": "Share of the target (%)"},
        "credit_type": {"vi": "Loại tín chỉ", "en": "Credit type"},
        "credit_status": {"vi": "Trạng thái", "en": "Status"},
        "n_projects": {"vi": "Số dự án", "en": "Projects"},
        "credits_issued_tco2e": {"vi": "Tín chỉ đã cấp (tấn CO₂tđ)", "en": "Credits issued (t CO₂e)"},
        "expected_tco2e": {"vi": "Tín chỉ dự kiến (tấn CO₂tđ)", "en": "Credits expected (t CO₂e)"},
        "with_adjustment_tco2e": {"vi": "Có điều chỉnh tương ứng (tấn CO₂tđ)", "en": "Under an adjustment (t CO₂e)"},
        "adjustment_unknown_tco2e": {
            "vi": "Chưa rõ điều chỉnh tương ứng (tấn CO₂tđ)",
            "en": "Adjustment not known (t CO₂e)",
        },
    }
)


def label(prefix: str, code, lang: str) -> str:
    """The words of ``code`` under ``prefix`` (e.g. ``mrv_state``); ``Chưa ghi`` when missing, the code itself
    when the catalogue has no entry."""
    if code is None or (isinstance(code, float) and code != code):
        return t("mrv_not_recorded", lang)
    key = f"{prefix}|{code}"
    return t(key, lang) if key in STRINGS else str(code)


def category_label(code, lang: str) -> str:
    """The Decision 13/2024 group of ``code`` in ``lang`` (``Chưa ghi`` when missing)."""
    return label("mrv_category", code, lang)


def status_label(code: str, lang: str) -> str:
    """The reporting status ``code`` in ``lang``."""
    return label("mrv_state", code, lang)
