"""Reader tables of the MRV work (one function per table): the engines' codes turned into words of ``lang``.

Inputs: :class:`~analysis.mrv.obligations.ReportingStatus`, :class:`~analysis.mrv.coverage.Coverage`,
:class:`~analysis.mrv.credits.CreditAccount` and the table of
:func:`~analysis.mrv.credits.summarise_credits`. Output: DataFrames whose columns keep their names (the report
shows them through the catalogue's ``column`` messages) and whose cells are words and numbers, never codes.
The words come from :mod:`analysis.mrv.labels`; a managing body is named as it is today
(:func:`managing_body`, as :func:`analysis.narrative.legal.agency_label` does: "Sở Nông nghiệp và Môi trường (trước
đây Sở Tài nguyên và Môi trường)"), never a body that no longer exists, and no district body after 1 July 2025.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from analysis.data.provinces import get_registry
from analysis.data.quota_rules import period_label
from analysis.i18n import fmt_date, fmt_number, has_text, sector_label, t
from analysis.mrv.labels import category_label, label, status_label
from analysis.units import T_PER_MT

# A managing body written as a district-level one ("UBND huyện Côn Đảo", "Phòng TN&MT thị xã Phú Mỹ", "UBND thành
# phố Vũng Tàu" — a city of a province, not a province itself): the district level ended on 1 July 2025 (agency
# ``ubnd-huyen`` of data/raw/institutions/agencies.csv).
_DISTRICT = re.compile(r"(?i)\b(?:huyện|huyen|thị xã|thi xa|quận|quan|district)\b")
_CITY = re.compile(r"(?i)\b(?:thành phố|thanh pho|tp\.?)\s+(.+)$")
DISTRICT_BODY = "ubnd-huyen"
# The cities directly under the central government (their "thành phố" is a province): Hà Nội, TP. Hồ Chí Minh, Hải
# Phòng, Đà Nẵng, Cần Thơ and, since 1 January 2025, Huế. Any other "thành phố X" is a city of a province.
_CENTRAL_CITIES = ("Hà Nội", "TP. Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Thừa Thiên Huế")


def _is_district_body(text: str) -> bool:
    if _DISTRICT.search(text):
        return True
    city = _CITY.search(text)
    if not city:
        return False
    reg = get_registry()
    return reg.try_resolve(city.group(1)) not in {reg.resolve(c) for c in _CENTRAL_CITIES}


def managing_body(name, lang: str, on: dt.date | None = None, *, history: bool = True) -> str:
    """The managing body ``name`` (as the register writes it) as it is on ``on`` (default: today): today's body, with
    the former one in brackets when the register names one that no longer exists (``history=False``: today's name
    alone, to count by body); a district body after 1 July 2025 becomes today's successor level, with the written
    name in brackets; a name the agency register does not know, unchanged; ``Chưa ghi`` when empty."""
    from analysis.data.institutions import load_institutions

    if name is None or (isinstance(name, float) and name != name) or not str(name).strip():
        return t("mrv_not_recorded", lang)
    text = str(name).strip()
    reg = load_institutions()
    agency = reg.find_agency(text)
    if agency is None and _is_district_body(text):
        agency = reg.agencies[DISTRICT_BODY]
        if reg.current(agency.id, on).id == agency.id:  # before 1 July 2025: the body as written
            return text
    if agency is None:
        return text
    now = reg.current(agency.id, on)
    if not history or now.id == agency.id:
        return now.name(lang)
    former = agency.name(lang) if agency.id != DISTRICT_BODY else text
    return t("agency_formerly", lang, name=now.name(lang), former=former)


def quota_sector_label(code, lang: str) -> str:
    """The quota sector ``code`` (thermal power, iron and steel, cement) in ``lang``; ``–`` outside them."""
    if code is None or (isinstance(code, float) and code != code):
        return "–"
    return label("mrv_quota_sector", code, lang)


def _basis(code: str, threshold, lang: str) -> str:
    key = f"mrv_basis|{code}" if has_text(f"mrv_basis|{code}") else "mrv_basis|threshold_other"
    return t(key, lang, value=fmt_number(threshold, lang, 0)) if pd.notna(threshold) else t(key, lang, value="–")


def status_table(status, lang: str) -> pd.DataFrame:
    """One row per facility, for sending out: name, district, group, department, sector, duty, basis, date, status."""
    f = status.facilities
    return pd.DataFrame(
        {
            "facility_name": f["facility_name"],
            "district": f["district"].fillna(t("mrv_not_recorded", lang)),
            "category": [category_label(c, lang) for c in f["category"]],
            "managing_ministry": [managing_body(m, lang) for m in f["managing_ministry"]],
            "sector": [sector_label(s, lang) for s in f["sector"]],
            "quota_sector": [quota_sector_label(q, lang) for q in f["quota_sector"]],
            "must_report": [label("mrv_answer", m, lang) for m in f["must_report"]],
            "obligation_basis": [_basis(b, v, lang) for b, v in zip(f["basis"], f["threshold"], strict=True)],
            "submitted_on": [fmt_date(d, lang) for d in f["submitted_on"]],
            "report_status": [status_label(s, lang) for s in f["status"]],
        }
    )


def status_summary_table(status, lang: str, by: str = "category") -> pd.DataFrame:
    """Counts by Decision 13/2024 group (``by="category"``) or by managing department (``"managing_ministry"``,
    each named as it is today, so the facilities of a former department are counted with today's)."""
    summary = status.summary(by).rename(columns={"group": by})
    if by == "category":
        summary[by] = [category_label(g, lang) for g in summary[by]]
        return summary
    summary[by] = [managing_body(g, lang, history=False) for g in summary[by]]
    return summary.groupby(by, sort=False).sum().reset_index()


def coverage_table(coverage, lang: str) -> pd.DataFrame:
    """Per sector: facilities, awaiting, facility total, the province's figure, the ratio in % and the flags.

    The amounts are in Mt, as every report states an amount (two decimals under 1 Mt): the province's figure is an
    inventory estimate, never a tonne-level number ("8.752.996"); the workbook keeps the full value."""
    tab = coverage.table
    return pd.DataFrame(
        {
            "sector": [sector_label(s, lang) for s in tab["sector"]],
            "n_facilities": tab["n_facilities"],
            "n_awaiting": tab["n_awaiting"],
            "facility_mtco2e": tab["facility_tco2e"] / T_PER_MT,
            "estimate_mtco2e": tab["estimate_tco2e"] / T_PER_MT,
            "coverage_pct": 100 * tab["coverage"],
            "coverage_flag": ["; ".join(t(f"mrv_flag|{x}", lang) for x in f.split(";") if x) for f in tab["flag"]],
        }
    )


def credit_account_table(account, lang: str) -> pd.DataFrame:
    """The lines of the credit account in ``lang`` in Mt CO₂e (the target and the gaps are estimates: no tonne-level
    figure; the workbook keeps the full value) and the share of the target in %."""
    tab = account.table()
    return pd.DataFrame(
        {
            "account_item": [label("mrv_item", i, lang) for i in tab["item"]],
            "account_mtco2e": tab["tco2e"] / T_PER_MT,
            "share_of_target_pct": 100 * tab["share_of_target"],
        }
    )


def credits_table(summary: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The register by type and status (from ``summarise_credits``) in ``lang``."""
    return pd.DataFrame(
        {
            "credit_type": [label("mrv_credit_type", x, lang) for x in summary["type"]],
            "credit_status": [label("mrv_credit_status", x, lang) for x in summary["status"]],
            "n_projects": summary["n_projects"],
            "credits_issued_tco2e": summary["credits_issued_tco2e"],
            "expected_tco2e": summary["expected_tco2e"],
            "with_adjustment_tco2e": summary["with_adjustment_tco2e"],
            "adjustment_unknown_tco2e": summary["adjustment_unknown_tco2e"],
        }
    )


def quota_table(balance, lang: str) -> pd.DataFrame:
    """One row per facility and year with a quota — sector, period, year, quota, emissions (verified or as
    reported), surplus (+) or deficit (−) and the position in words — and a total row per year (t CO₂e)."""
    y = balance.years
    rows = pd.DataFrame(
        {
            "facility_name": y["facility_name"],
            "province_2024": y["province_2024"],
            "quota_sector": [quota_sector_label(q, lang) for q in y["quota_sector"]],
            "quota_period": [period_label(p) for p in y["period"]],
            "year": y["year"].astype("int64"),
            "quota_tco2e": y["quota_tco2e"],
            "compliance_tco2e": y["emissions_tco2e"],
            "emissions_basis": [label("mrv_quota_basis", b, lang) for b in y["basis"]],
            "balance_tco2e": y["balance_tco2e"],
            "quota_position": [label("mrv_quota_position", p, lang) for p in y["position"]],
        }
    )
    if len(balance.provinces) < 2:
        rows = rows.drop(columns="province_2024")
    totals = []
    for (period, year), part in y.groupby(["period", "year"], sort=False):
        known = part[part["position"] != "awaiting"]
        # the column sums; the net only when every facility of the year has its emissions (else not yet known)
        net = float(part["balance_tco2e"].sum()) if len(known) == len(part) else float("nan")
        totals.append(
            {
                "facility_name": t("mrv_quota_total", lang, year=int(year)),
                "province_2024": "",
                "quota_sector": "",
                "quota_period": period_label(period),
                "year": int(year),
                "quota_tco2e": float(part["quota_tco2e"].sum()),
                "compliance_tco2e": float(known["emissions_tco2e"].sum()) if len(known) else float("nan"),
                "emissions_basis": "",
                "balance_tco2e": net,
                "quota_position": label("mrv_quota_position", _net_position(net), lang),
            }
        )
    table = pd.concat([rows, pd.DataFrame(totals)[list(rows.columns)]], ignore_index=True) if totals else rows
    table["year"] = table["year"].astype("int64")
    return table


def _net_position(net: float) -> str:
    if net != net:
        return "awaiting"
    return "surplus" if net > 0 else "deficit" if net < 0 else "even"


def credit_register_table(credits: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The run's credit register, one row per project and vintage: type, status, vintage, credits issued — in
    words "no issued credit known" when the register records none (never 0) —, credits expected, destination,
    corresponding adjustment and the source."""
    none_known = t("mrv_no_issued_known", lang)
    not_recorded = t("mrv_not_recorded", lang)
    return pd.DataFrame(
        {
            "project": credits["project"],
            "credit_type": [label("mrv_credit_type", x, lang) for x in credits["type"]],
            "credit_status": [label("mrv_credit_status", x, lang) for x in credits["status"]],
            "vintage": [not_recorded if pd.isna(v) else int(v) for v in credits["vintage"]],
            "credits_issued_tco2e": [none_known if pd.isna(v) else float(v) for v in credits["credits_issued_tco2e"]],
            "expected_tco2e": [not_recorded if pd.isna(v) else float(v) for v in credits["expected_tco2e"]],
            "destination": [not_recorded if pd.isna(v) else str(v) for v in credits["destination"]],
            "corresponding_adjustment": [label("mrv_answer", a, lang) for a in credits["corresponding_adjustment"]],
            "credit_source": [not_recorded if pd.isna(v) else str(v) for v in credits["source"]],
        }
    )
