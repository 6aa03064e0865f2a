"""The BAU in words an analyst can defend: its assumptions sector by sector, the three views of it, and the
plausibility checks — in Vietnamese or English, from numbers the engines give (nothing is computed here).

Inputs: a province profile (``sector_drivers``, ``growth`` with ranges and sources), the table of
:func:`analysis.emissions.compare.compare_bau` with the national view, and :func:`analysis.emissions.diagnostics.check_bau`.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.sectors import sector_keys
from analysis.emissions.bau_defaults import cited_documents
from analysis.i18n import add_strings, fmt_number, fmt_percent, sector_label, t
from analysis.narrative import MT

add_strings(
    {
        "drv_gdp": {"vi": "tăng trưởng kinh tế (GRDP)", "en": "economic growth (GRDP)"},
        "drv_industry_value_added": {
            "vi": "giá trị tăng thêm công nghiệp – xây dựng",
            "en": "industry and construction value added",
        },
        "drv_population": {"vi": "dân số", "en": "population"},
        "drv_power_fleet": {"vi": "đội nhà máy nhiệt điện của tỉnh", "en": "the province's thermal power fleet"},
        "drv_fugitive_production": {"vi": "sản lượng khai thác than, dầu khí", "en": "coal, oil and gas production"},
        "drv_agriculture_activity": {"vi": "diện tích lúa và đàn vật nuôi", "en": "paddy area and livestock"},
        "drv_forest_area": {"vi": "diện tích rừng", "en": "forest area"},
        "drv_waste_generation": {"vi": "lượng chất thải phát sinh", "en": "waste generated"},
        "drv_none": {"vi": "giữ nguyên", "en": "held constant"},
        "status_cited": {"vi": "trích dẫn", "en": "cited"},
        "status_derived": {"vi": "tính từ số liệu trích dẫn", "en": "derived from cited figures"},
        "status_assumption": {"vi": "giả định", "en": "assumption"},
        "status_method": {"vi": "theo phương pháp", "en": "method"},
        "status_source": {"vi": "nguồn", "en": "source"},
        "bau_col_sector": {"vi": "Lĩnh vực", "en": "Sector"},
        "bau_col_driver": {"vi": "Theo động lực", "en": "Follows"},
        "bau_col_period": {"vi": "{a}–{b} (%/năm)", "en": "{a}–{b} (%/yr)"},
        "bau_col_basis": {"vi": "Căn cứ", "en": "Basis"},
        "bau_rate_cell": {"vi": "{c} ({lo} đến {hi})", "en": "{c} ({lo} to {hi})"},
        "bau_table_assumptions": {
            "vi": "Giả định của kịch bản BAU theo lĩnh vực: tốc độ tăng của động lực, trung tâm và khoảng thấp – cao",
            "en": "The BAU's assumptions by sector: growth of each driver, central and low–high range",
        },
        "bau_assumptions_intro": {
            "vi": "Mỗi lĩnh vực tăng theo động lực của chính nó: điện theo đội nhà máy nhiệt điện trên địa bàn (không theo "
            "GRDP), phát thải phát tán theo sản lượng khai thác, nông nghiệp theo diện tích lúa và đàn vật nuôi. "
            "Mọi tốc độ tăng đều có nguồn trích dẫn hoặc được ghi rõ là giả định, kèm khoảng thấp – cao dùng cho mô "
            "phỏng độ bất định.",
            "en": "Each sector grows with its own driver: power with the province's thermal fleet (not GRDP), fugitive "
            "emissions with fuel production, agriculture with paddy area and livestock. Every growth rate is cited "
            "or labelled an assumption, with the low–high range the uncertainty analysis draws from.",
        },
        "bau_views": {
            "vi": "Năm {year}, ba cách xác định BAU cho: theo động lực {driver} triệu tấn; thống kê (xu hướng quốc gia, "
            "{model}) {stat} triệu tấn; theo đà tăng của BAU quốc gia {national} triệu tấn — từ "
            '{low} đến {high} triệu tấn. Các mục tiêu "giảm so với BAU" được tính theo BAU theo động lực đã cố định, '
            "vì chỉ cách này theo các động lực riêng của tỉnh (đội nhà máy, sản lượng, nông nghiệp); hai cách kia "
            "cho biết BAU này cao hay thấp so với xu hướng chung.",
            "en": "In {year}, the three views of the BAU give: driver-based {driver} Mt; statistical (the national trend, "
            "{model}) {stat} Mt; at the national BAU's growth {national} Mt — from {low} to {high} Mt. "
            '"Below BAU" targets are measured against the frozen driver-based BAU, the only view that follows the '
            "province's own drivers (its plants, production, farming); the other two say whether it is high or "
            "low against the general trend.",
        },
        "bau_views_lowest": {
            "vi": " BAU theo động lực là thấp nhất trong ba cách: mục tiêu tính theo nó khó đạt hơn.",
            "en": " The driver-based BAU is the lowest of the three: targets measured against it are harder to meet.",
        },
        "bau_views_highest": {
            "vi": " BAU theo động lực là cao nhất trong ba cách: mục tiêu tính theo nó dễ đạt hơn — "
            "cần xem lại các giả định tăng trưởng.",
            "en": " The driver-based BAU is the highest of the three: targets measured against it are "
            "easier to meet — review the growth assumptions.",
        },
        "diag_growth": {
            "vi": "Phát thải gộp theo BAU tăng {own}/năm đến năm 2030, bằng {ratio} lần tốc độ của BAU quốc gia ({national}/năm, "
            "2014–2030).{flag}",
            "en": "BAU gross emissions grow {own} a year to 2030, {ratio}× the national BAU's pace ({national} a year, "
            "2014–2030).{flag}",
        },
        "diag_growth_flag": {
            "vi": " **Cao hơn 1,5 lần: cần xem lại các giả định tăng trưởng.**",
            "en": " **More than 1.5×: review the growth assumptions.**",
        },
        "diag_double": {
            "vi": "Phát thải ròng gấp đôi năm cơ sở vào năm {year}.",
            "en": "Net emissions double from the base year by {year}.",
        },
        "diag_no_double": {
            "vi": "Phát thải ròng không tăng gấp đôi trước năm {end}.",
            "en": "Net emissions do not double before {end}.",
        },
        "diag_power": {
            "vi": "Phát thải của ngành điện năm 2030 theo BAU ({power} triệu tấn) bằng {ratio} mức tối đa mà các nhà máy "
            "nhiệt điện trên địa bàn có thể phát thải khi chạy hết công suất cả năm ({max} triệu tấn).{flag}",
            "en": "BAU power emissions in 2030 ({power} Mt) are {ratio} of what the province's thermal plants could emit "
            "running at full load all year ({max} Mt).{flag}",
        },
        "diag_power_flag": {
            "vi": " **Vượt quá khả năng vật lý của đội nhà máy.**",
            "en": " **More than the fleet can physically emit.**",
        },
        "diag_no_fleet": {
            "vi": "Trên địa bàn không có nhà máy nhiệt điện trong danh mục.",
            "en": "The province has no thermal plant in the plant list.",
        },
        "diag_per_person": {
            "vi": "Phát thải ròng bình quân đầu người năm {year}: {own} tấn CO₂tđ, so với {national} tấn của cả nước.",
            "en": "Net emissions per person in {year}: {own} t CO₂e, against {national} t for the country.",
        },
    }
)


def driver_label(driver: str, lang: str) -> str:
    key = f"drv_{driver}"
    from analysis.i18n import STRINGS

    return t(key, lang) if key in STRINGS else driver.replace("_", " ")


def _basis_cell(source: str, lang: str) -> str:
    """A language-neutral short basis: the status in words and the documents the source names."""
    status = source.split(":", 1)[0].strip() if ":" in source else "source"
    key = f"status_{status}" if status in ("cited", "derived", "assumption", "method") else "status_source"
    docs = cited_documents(source)
    if "GSO" in source or "Tổng cục Thống kê" in source:
        docs.append("Tổng cục Thống kê" if lang == "vi" else "GSO")
    if "thermal_power_plants" in source:
        docs.append("danh mục nhà máy nhiệt điện" if lang == "vi" else "thermal plant list")
    return t(key, lang) + (f": {', '.join(docs[:4])}" if docs else "")


def assumptions_table(profile, lang: str) -> pd.DataFrame:
    """One row per sector: its driver in words, the growth of the driver in each period (central and low–high,
    %/yr) and the basis (cited, derived or an assumption, with the documents)."""
    periods = ((2024, 2030), (2031, 2040), (2041, 2050))
    rows = []
    for sector in (s for s in sector_keys() if s in profile.sector_drivers):
        driver = profile.sector_drivers[sector]
        row = {
            t("bau_col_sector", lang): sector_label(sector, lang),
            t("bau_col_driver", lang): driver_label(driver, lang),
        }
        growth = sorted(profile.growth.get(driver, []))
        ranges = profile.growth_range.get(driver, [(None, None)] * len(growth))
        sources = profile.growth_sources.get(driver, [""] * len(growth))
        bases = []
        for a, b in periods:
            inside = [
                (r, rg, src)
                for (s0, e0, r), rg, src in zip(growth, ranges, sources, strict=True)
                if s0 <= b and e0 >= a
            ]
            if not inside:
                cell = "–"
            else:
                rate = sum(r for r, _, _ in inside) / len(inside)
                lo = min((rg[0] if rg[0] is not None else r) for r, rg, _ in inside)
                hi = max((rg[1] if rg[1] is not None else r) for r, rg, _ in inside)
                cell = t(
                    "bau_rate_cell",
                    lang,
                    c=fmt_number(100 * rate, lang, 2),
                    lo=fmt_number(100 * lo, lang, 2),
                    hi=fmt_number(100 * hi, lang, 2),
                )
                bases += [src for _, _, src in inside]
            row[t("bau_col_period", lang, a=max(a, profile.base_year + 1), b=b)] = cell
        row[t("bau_col_basis", lang)] = "; ".join(dict.fromkeys(_basis_cell(src, lang) for src in bases)) or t(
            "drv_none", lang
        )
        rows.append(row)
    return pd.DataFrame(rows)


def describe_views(table: pd.DataFrame, year: int, model: str, lang: str) -> str:
    """The three BAU views in ``year`` and why the targets use the driver-based one."""
    row = table[table["year"] == year].iloc[0]
    rank = (
        ""
        if row["low"] < row["driver_based"] < row["high"]
        else t("bau_views_lowest" if row["driver_based"] <= row["low"] else "bau_views_highest", lang)
    )
    return (
        t(
            "bau_views",
            lang,
            year=year,
            driver=fmt_number(row["driver_based"] / MT, lang, 1),
            stat=fmt_number(row["statistical"] / MT, lang, 1),
            model=model,
            national=fmt_number(row["national_trajectory"] / MT, lang, 1),
            low=fmt_number(row["low"] / MT, lang, 1),
            high=fmt_number(row["high"] / MT, lang, 1),
        )
        + rank
    )


def describe_diagnostics(checks: pd.DataFrame, end_year: int, lang: str) -> list[str]:
    """One sentence per plausibility check (flags in bold)."""
    c = checks.set_index("check")
    out = []
    g = c.loc["growth_vs_national"]
    out.append(
        t(
            "diag_growth",
            lang,
            own=fmt_percent(100 * g["value"], lang, 1),
            national=fmt_percent(100 * g["reference"], lang, 1),
            ratio=fmt_number(g["ratio"], lang, 1),
            flag=t("diag_growth_flag", lang) if g["flag"] else "",
        )
    )
    d = c.loc["doubling_year"]
    out.append(
        t("diag_double", lang, year=int(d["value"]))
        if pd.notna(d["value"])
        else t("diag_no_double", lang, end=end_year)
    )
    p = c.loc["power_vs_fleet"]
    if pd.notna(p["reference"]) and p["reference"] > 0:
        out.append(
            t(
                "diag_power",
                lang,
                power=fmt_number(p["value"] / MT, lang, 2),
                max=fmt_number(p["reference"] / MT, lang, 2),
                ratio=fmt_percent(100 * p["ratio"], lang, 0),
                flag=t("diag_power_flag", lang) if p["flag"] else "",
            )
        )
    elif pd.notna(p["value"]):
        out.append(t("diag_no_fleet", lang))
    pp = c.loc["per_person"]
    out.append(
        t(
            "diag_per_person",
            lang,
            year=int(pp["year"]),
            own=fmt_number(pp["value"], lang, 1),
            national=fmt_number(pp["reference"], lang, 1),
        )
    )
    return out
