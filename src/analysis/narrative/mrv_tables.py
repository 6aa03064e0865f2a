"""Reader tables of the MRV work (one function per table): the engines' codes turned into words of ``lang``.

Inputs: :class:`~analysis.mrv.obligations.ReportingStatus`, :class:`~analysis.mrv.coverage.Coverage`,
:class:`~analysis.mrv.credits.CreditAccount` and the table of
:func:`~analysis.mrv.credits.summarise_credits`. Output: DataFrames whose columns keep their names (the report
shows them through the catalogue's ``column`` messages) and whose cells are words and numbers, never codes.
The words come from :mod:`analysis.mrv.labels`.
"""

from __future__ import annotations

import pandas as pd

from analysis.i18n import fmt_date, fmt_number, has_text, sector_label, t
from analysis.mrv.labels import category_label, label, status_label


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
            "managing_ministry": f["managing_ministry"].fillna(t("mrv_not_recorded", lang)),
            "sector": [sector_label(s, lang) for s in f["sector"]],
            "must_report": [label("mrv_answer", m, lang) for m in f["must_report"]],
            "obligation_basis": [_basis(b, v, lang) for b, v in zip(f["basis"], f["threshold"], strict=True)],
            "submitted_on": [fmt_date(d, lang) for d in f["submitted_on"]],
            "report_status": [status_label(s, lang) for s in f["status"]],
        }
    )


def status_summary_table(status, lang: str, by: str = "category") -> pd.DataFrame:
    """Counts by Decision 13/2024 group (``by="category"``) or by managing department (``"managing_ministry"``)."""
    summary = status.summary(by).rename(columns={"group": by})
    summary[by] = [
        category_label(g, lang) if by == "category" else (g or t("mrv_not_recorded", lang)) for g in summary[by]
    ]
    return summary


def coverage_table(coverage, lang: str) -> pd.DataFrame:
    """Per sector: facilities, awaiting, facility total, the province's figure, the ratio in % and the flags."""
    tab = coverage.table
    return pd.DataFrame(
        {
            "sector": [sector_label(s, lang) for s in tab["sector"]],
            "n_facilities": tab["n_facilities"],
            "n_awaiting": tab["n_awaiting"],
            "facility_tco2e": tab["facility_tco2e"],
            "estimate_tco2e": tab["estimate_tco2e"],
            "coverage_pct": 100 * tab["coverage"],
            "coverage_flag": ["; ".join(t(f"mrv_flag|{x}", lang) for x in f.split(";") if x) for f in tab["flag"]],
        }
    )


def credit_account_table(account, lang: str) -> pd.DataFrame:
    """The lines of the credit account in ``lang`` with t CO₂e and the share of the target in %."""
    tab = account.table()
    return pd.DataFrame(
        {
            "account_item": [label("mrv_item", i, lang) for i in tab["item"]],
            "tco2e": tab["tco2e"].round().astype("Int64"),  # whole tonnes; the share keeps the table's decimals
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
