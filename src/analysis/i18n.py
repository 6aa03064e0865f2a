"""Vietnamese and English: number formatting and the string catalogue.

``fmt_number(1234.5, "vi")`` gives ``1.234,5``; ``fmt_number(1234.5, "en")`` gives ``1,234.5``.
``t(key, lang, **values)`` looks a sentence up in :data:`STRINGS` and fills it in; engines and
notebooks add their own keys with :func:`add_strings` (one catalogue, checked by a test for
missing translations).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date

LANGS = ("vi", "en")

STRINGS: dict[str, dict[str, str]] = {
    "source": {"vi": "Nguồn", "en": "Source"},
    "estimate_label": {
        "vi": "ước tính sơ bộ — cần thay bằng số liệu kiểm kê chính thức",
        "en": "indicative estimate — replace with the official inventory",
    },
    "year": {"vi": "Năm", "en": "Year"},
    "province": {"vi": "Tỉnh/thành phố", "en": "Province"},
    "region": {"vi": "Vùng", "en": "Region"},
    "score": {"vi": "Điểm", "en": "Score"},
    "rank": {"vi": "Thứ hạng", "en": "Rank"},
    "not_reachable": {"vi": "không đạt được", "en": "not reachable"},
    "met": {"vi": "đạt", "en": "met"},
    "not_met": {"vi": "chưa đạt", "en": "not met"},
    "mtco2e": {"vi": "triệu tấn CO₂tđ", "en": "Mt CO₂e"},
    "mtco2e_per_year": {"vi": "triệu tấn CO₂tđ/năm", "en": "Mt CO₂e/yr"},
    "bau": {"vi": "Kịch bản phát triển thông thường (BAU)", "en": "Business as usual (BAU)"},
    "not_estimated": {"vi": "chưa ước tính", "en": "not estimated"},
}


# Column headers of report tables (``record_table`` shows these instead of the raw column names).
COLUMN_LABELS: dict[str, dict[str, str]] = {
    "year": {"vi": "Năm", "en": "Year"},
    "province": {"vi": "Tỉnh/thành phố", "en": "Province"},
    "region": {"vi": "Vùng", "en": "Region"},
    "score": {"vi": "Điểm", "en": "Score"},
    "rank": {"vi": "Thứ hạng", "en": "Rank"},
    "source": {"vi": "Nguồn giá trị", "en": "Value source"},
    "rank_source": {"vi": "Nguồn thứ hạng", "en": "Rank source"},
    "region_rank": {"vi": "Hạng trong vùng", "en": "Regional rank"},
    "score_change": {"vi": "Thay đổi điểm", "en": "Score change"},
    "rank_change": {"vi": "Thay đổi hạng", "en": "Rank change"},
    "percentile": {"vi": "Phân vị", "en": "Percentile"},
    "note": {"vi": "Ghi chú", "en": "Note"},
    "indicator": {"vi": "Chỉ số thành phần", "en": "Sub-index"},
    "value": {"vi": "Giá trị", "en": "Value"},
    "region_mean": {"vi": "TB vùng", "en": "Regional mean"},
    "region_n": {"vi": "Số tỉnh trong vùng", "en": "Regional n"},
    "region_best": {"vi": "Cao nhất vùng", "en": "Regional best"},
    "region_best_province": {"vi": "Tỉnh cao nhất vùng", "en": "Best in region"},
    "leader_value": {"vi": "Tỉnh dẫn đầu: giá trị", "en": "Leader's value"},
    "leader": {"vi": "Tỉnh dẫn đầu", "en": "Leader"},
    "leader_rank": {"vi": "Hạng tỉnh dẫn đầu", "en": "Leader's rank"},
    "indicator_rank": {"vi": "Hạng chỉ số", "en": "Sub-index rank"},
    "n_with_data": {"vi": "Số tỉnh có số liệu", "en": "Provinces with data"},
    "top5_threshold": {"vi": "Ngưỡng top 5", "en": "Top-5 threshold"},
    "top10_threshold": {"vi": "Ngưỡng top 10", "en": "Top-10 threshold"},
    "gap_to_leader": {"vi": "Cách tỉnh dẫn đầu", "en": "Gap to leader"},
    "gap_to_top5": {"vi": "Cách top 5", "en": "Gap to top 5"},
    "gap_to_top10": {"vi": "Cách top 10", "en": "Gap to top 10"},
    "year_from": {"vi": "Từ năm", "en": "From"},
    "year_to": {"vi": "Đến năm", "en": "To"},
    "contribution": {"vi": "Đóng góp", "en": "Contribution"},
    "is_driver": {"vi": "Yếu tố chính", "en": "Main driver"},
    "unexplained": {"vi": "Chưa giải thích", "en": "Unexplained"},
    "option": {"vi": "Phương án", "en": "Option"},
    "current_value": {"vi": "Giá trị hiện tại", "en": "Current value"},
    "increase": {"vi": "Mức tăng", "en": "Increase"},
    "increase_2dp": {"vi": "Mức tăng (2 số lẻ)", "en": "Increase (2 dp)"},
    "new_value": {"vi": "Giá trị mới", "en": "New value"},
    "new_score": {"vi": "Điểm mới", "en": "New score"},
    "new_rank": {"vi": "Hạng mới", "en": "New rank"},
    "current_score": {"vi": "Điểm hiện tại", "en": "Current score"},
    "current_rank": {"vi": "Hạng hiện tại", "en": "Current rank"},
    "target_rank": {"vi": "Hạng mục tiêu", "en": "Target rank"},
    "reachable": {"vi": "Đạt được", "en": "Reachable"},
    "field_size": {"vi": "Số tỉnh so sánh", "en": "Field size"},
    "best_rank_at_bound": {"vi": "Hạng tốt nhất ở mức 10", "en": "Best rank at the bound"},
    "nominal_rank": {"vi": "Hạng danh nghĩa", "en": "Nominal rank"},
    "rank_low": {"vi": "Hạng (5%)", "en": "Rank (5%)"},
    "rank_median": {"vi": "Hạng (trung vị)", "en": "Rank (median)"},
    "rank_high": {"vi": "Hạng (95%)", "en": "Rank (95%)"},
    "nominal_in_interval": {"vi": "Hạng danh nghĩa trong khoảng", "en": "Nominal in interval"},
    "share_top5": {"vi": "Tỷ lệ vào top 5", "en": "Share in top 5"},
    "n_draws": {"vi": "Số lần mô phỏng", "en": "Draws"},
    "n_provinces": {"vi": "Số tỉnh", "en": "Provinces"},
    "n_all_indicators": {"vi": "Đủ 4 chỉ số", "en": "All 4 sub-indices"},
    "n_score": {"vi": "Có điểm", "en": "With a score"},
    "n_score_computed": {"vi": "Điểm tính được", "en": "Scores computed"},
    "n_score_published": {"vi": "Điểm công bố", "en": "Scores published"},
    "n_rank_published": {"vi": "Hạng công bố", "en": "Ranks published"},
    "n_rank_national": {"vi": "Hạng toàn quốc", "en": "National ranks"},
    "unit_2025": {"vi": "Đơn vị từ 2025", "en": "Unit from 2025"},
    "sector": {"vi": "Lĩnh vực", "en": "Sector"},
    "measure": {"vi": "Giải pháp", "en": "Measure"},
    "measure_id": {"vi": "Mã giải pháp", "en": "Measure id"},
    "kind": {"vi": "Loại", "en": "Kind"},
    "scenario": {"vi": "Kịch bản", "en": "Scenario"},
    "target_id": {"vi": "Mục tiêu", "en": "Target"},
    "probability_met": {"vi": "Xác suất đạt", "en": "Probability met"},
    "parameter": {"vi": "Tham số", "en": "Parameter"},
    "swing_mtco2e": {"vi": "Dao động (triệu tấn)", "en": "Swing (Mt)"},
    "gap_low_mtco2e": {"vi": "Khoảng cách ở P10 (triệu tấn)", "en": "Gap at P10 (Mt)"},
    "gap_high_mtco2e": {"vi": "Khoảng cách ở P90 (triệu tấn)", "en": "Gap at P90 (Mt)"},
    "base_gap_mtco2e": {"vi": "Khoảng cách danh nghĩa (triệu tấn)", "en": "Nominal gap (Mt)"},
    "standalone_sum_mtco2e": {"vi": "Tổng giảm riêng lẻ (triệu tấn)", "en": "Sum alone (Mt)"},
    "combined_mtco2e": {"vi": "Giảm kết hợp (triệu tấn)", "en": "Combined (Mt)"},
    "overlap_mtco2e": {"vi": "Trùng lặp (triệu tấn)", "en": "Overlap (Mt)"},
    "measures": {"vi": "Giải pháp", "en": "Measures"},
    "step": {"vi": "Bước", "en": "Step"},
    "cumulative": {"vi": "Luỹ kế", "en": "Cumulative"},
    "variable": {"vi": "Biến", "en": "Variable"},
    "unit": {"vi": "Đơn vị", "en": "Unit"},
    "category": {"vi": "Nhóm", "en": "Category"},
    "published_mtco2e": {"vi": "Công bố (triệu tấn)", "en": "Published (Mt)"},
    "estimated_mtco2e": {"vi": "Ước tính (triệu tấn)", "en": "Estimated (Mt)"},
    "error_mtco2e": {"vi": "Sai số (triệu tấn)", "en": "Error (Mt)"},
    "error_pct": {"vi": "Sai số (%)", "en": "Error (%)"},
    "model": {"vi": "Mô hình", "en": "Model"},
    "horizon": {"vi": "Tầm dự báo (năm)", "en": "Horizon (years)"},
    "n": {"vi": "Số lần", "en": "Count"},
    "mae": {"vi": "MAE", "en": "MAE"},
    "mape_pct": {"vi": "MAPE (%)", "en": "MAPE (%)"},
    "mae_vs_drift": {"vi": "MAE so với mô hình xu hướng", "en": "MAE vs drift"},
    # engine tables kept in the workbook (record_table(..., show=False)) and PGI statistics
    "driver_based": {"vi": "BAU theo động lực", "en": "Driver-based BAU"},
    "statistical": {"vi": "BAU thống kê", "en": "Statistical BAU"},
    "lower": {"vi": "Cận dưới", "en": "Lower bound"},
    "upper": {"vi": "Cận trên", "en": "Upper bound"},
    "difference": {"vi": "Chênh lệch", "en": "Difference"},
    "difference_pct": {"vi": "Chênh lệch (%)", "en": "Difference (%)"},
    "within_interval": {"vi": "Nằm trong khoảng dự báo", "en": "Within the interval"},
    "bau_mtco2e": {"vi": "BAU (triệu tấn CO₂tđ)", "en": "BAU (Mt CO₂e)"},
    "gross_mtco2e": {"vi": "Phát thải gộp (triệu tấn CO₂tđ)", "en": "Gross emissions (Mt CO₂e)"},
    "removals_mtco2e": {"vi": "Hấp thụ (triệu tấn CO₂tđ)", "en": "Removals (Mt CO₂e)"},
    "net_mtco2e": {"vi": "Phát thải ròng (triệu tấn CO₂tđ)", "en": "Net emissions (Mt CO₂e)"},
    "emissions_mtco2e": {"vi": "Phát thải (triệu tấn CO₂tđ)", "en": "Emissions (Mt CO₂e)"},
    "abatement_mtco2e": {"vi": "Mức giảm (triệu tấn CO₂tđ)", "en": "Abatement (Mt CO₂e)"},
    "below_bau_pct": {"vi": "Thấp hơn BAU (%)", "en": "Below BAU (%)"},
    "gwp": {"vi": "Bộ hệ số GWP", "en": "GWP set"},
    "is_estimate": {"vi": "Ước tính sơ bộ", "en": "Estimate"},
    "estimate_note": {"vi": "Ghi chú về ước tính", "en": "Estimate note"},
    "comparable": {"vi": "So sánh được", "en": "Comparable"},
    "increase_best_case": {"vi": "Mức tăng (trường hợp thuận lợi nhất)", "en": "Increase (best case)"},
    "new_rank_best": {"vi": "Hạng mới (thuận lợi nhất)", "en": "New rank (best case)"},
    "n_ranked": {"vi": "Số tỉnh được xếp hạng", "en": "Provinces ranked"},
    "n_unknown": {"vi": "Số hạng chưa có trong nguồn", "en": "Places not in the sources"},
    "basis": {"vi": "Cơ sở so sánh", "en": "Basis"},
    "current_rank_low": {"vi": "Hạng hiện tại (tốt nhất)", "en": "Current rank (best)"},
    "current_rank_high": {"vi": "Hạng hiện tại (kém nhất)", "en": "Current rank (worst)"},
    "outside_ranked": {"vi": "Ngoài nhóm được xếp hạng", "en": "Outside the ranked group"},
    "indicator_a": {"vi": "Chỉ số thành phần A", "en": "Sub-index A"},
    "indicator_b": {"vi": "Chỉ số thành phần B", "en": "Sub-index B"},
    "method": {"vi": "Phương pháp", "en": "Method"},
    "r": {"vi": "Hệ số tương quan r", "en": "Correlation r"},
    "p_value": {"vi": "Giá trị p", "en": "p-value"},
    "n_used": {"vi": "Số tỉnh dùng", "en": "Provinces used"},
    "n_dropped": {"vi": "Số tỉnh loại ra", "en": "Provinces left out"},
    "view": {"vi": "Cách tính", "en": "View"},
    "beats_drift": {"vi": "Tốt hơn mô hình xu hướng", "en": "Beats drift"},
    "national_trajectory": {"vi": "Theo lộ trình BAU quốc gia", "en": "National BAU trajectory"},
    "low": {"vi": "Cận dưới", "en": "Low"},
    "high": {"vi": "Cận trên", "en": "High"},
}


def label_column(name: str, lang: str) -> str:
    """The report header of a table column: its :data:`COLUMN_LABELS` entry, a sector key's name
    (``Energy|Power`` -> "Năng lượng – sản xuất điện"), else the name itself."""
    if str(name) in SECTOR_NAMES:
        return sector_label(str(name), lang)
    return COLUMN_LABELS.get(str(name), {}).get(check_lang(lang), str(name))


def add_strings(entries: dict[str, dict[str, str]]) -> None:
    """Add catalogue entries; each must have both ``vi`` and ``en``, and a key already in the catalogue with other
    text is an error (two modules must not silently give one key two meanings)."""
    for key, texts in entries.items():
        missing = set(LANGS) - set(texts)
        if missing:
            raise ValueError(f"string {key!r} lacks {', '.join(sorted(missing))}")
        if key in STRINGS and STRINGS[key] != texts:
            raise ValueError(f"string {key!r} is already in the catalogue with other text: {STRINGS[key]!r}")
        STRINGS[key] = texts


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def t(key: str, lang: str, **values) -> str:
    """The ``lang`` text of ``key`` with ``{placeholders}`` filled from ``values``."""
    text = STRINGS[key][check_lang(lang)]
    return text.format(**values) if values else text


def fmt_number(value: float | int | None, lang: str, decimals: int = 1, *, sign: bool = False) -> str:
    """Format a number for ``lang``: ``vi`` uses ``.`` for thousands and ``,`` for decimals."""
    check_lang(lang)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:{'+' if sign else ''},.{decimals}f}"
    if lang == "vi":
        text = text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")
    return text.replace("-", "−") if text.startswith("-") else text


def fmt_percent(value: float | None, lang: str, decimals: int = 1, *, sign: bool = False) -> str:
    """``12.5`` -> ``12,5 %`` (vi) or ``12.5%`` (en); ``value`` is already in percent."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    number = fmt_number(value, lang, decimals, sign=sign)
    return f"{number} %" if lang == "vi" else f"{number}%"


class _SectorNames(Mapping):
    """The sectors' names in both languages, ``{key: (vi, en)}``, read from the sectors table
    (``data/raw/project/sectors.csv``) when first asked — the table is their one home."""

    def _table(self):
        from analysis.data.sectors import load_sectors

        return load_sectors()

    def __getitem__(self, key: str) -> tuple[str, str]:
        sector = self._table()[key]
        return sector.name_vi, sector.name_en

    def __iter__(self):
        return iter(self._table().keys())

    def __len__(self) -> int:
        return len(self._table())

    def __contains__(self, key: object) -> bool:
        return key in self._table()


# Inventory sectors in the reader's language (a view of the sectors table, not a list of its own).
SECTOR_NAMES: Mapping[str, tuple[str, str]] = _SectorNames()


def sector_label(sector: str, lang: str) -> str:
    """The sector's name in ``lang`` (``Energy|Power`` -> "Năng lượng – sản xuất điện"), from the sectors table."""
    from analysis.data.sectors import load_sectors

    return load_sectors()[sector].name(check_lang(lang))


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def fmt_date(value: date | None, lang: str) -> str:
    """``2025-03-31`` -> ``31/03/2025`` (vi) or ``31 Mar 2025`` (en); ``–`` when missing."""
    check_lang(lang)
    if value is None or value != value:  # None, NaN or NaT
        return "–"
    if lang == "vi":
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"


STRINGS.update(
    {
        "vintage_frozen": {"vi": "BAU cố định ngày {date}", "en": "BAU frozen on {date}"},
    }
)

_FROZEN = re.compile(r"frozen (\d{4})-(\d{2})-(\d{2})")
_HASH = re.compile(r"(?:inputs )?sha256 ([0-9a-f]{6,64})")


def fmt_vintage(vintage: str | None, lang: str) -> str:
    """A BAU or data vintage in the reader's words, without hashes.

    ``"frozen 2026-11-28; inputs sha256 59203cebaaa2"`` -> ``"BAU cố định ngày 28/11/2026"`` (vi) or
    ``"BAU frozen on 28 Nov 2026"`` (en); a combined vintage (``"A: frozen …; B: frozen …"``) with one date gives
    one phrase, with several dates one per date. Anything else (``"2023"``) is returned as it is, without any
    ``sha256 …`` part (hashes belong in the report's footer, see :func:`vintage_hashes`).
    """
    check_lang(lang)
    text = str(vintage or "")
    dates = list(dict.fromkeys(date(int(y), int(m), int(d)) for y, m, d in _FROZEN.findall(text)))
    if dates:
        return "; ".join(t("vintage_frozen", lang, date=fmt_date(d, lang)) for d in dates)
    cleaned = [p.strip() for p in _HASH.sub("", text).split(";")]
    return "; ".join(p for p in cleaned if p.strip(" :,"))


def vintage_hashes(vintage: str | None) -> list[str]:
    """The input hashes named in a vintage string (``"… inputs sha256 59203cebaaa2"`` -> ``["59203cebaaa2"]``)."""
    return list(dict.fromkeys(_HASH.findall(str(vintage or ""))))


# What a reader must never see: snake_case words, sector keys ("Energy|Power"), sub-index codes ("sub1").
CODE_IDENTIFIER = re.compile(r"\b[a-z]+_[a-z0-9_]+\b|Energy\|[A-Za-z]+|\bsub[1-4]\b")


def find_code_identifiers(text: str) -> list[str]:
    """The code identifiers in ``text`` (see :data:`CODE_IDENTIFIER`), in order, repeats included."""
    return CODE_IDENTIFIER.findall(str(text))
