"""The province's MRV room: facility GHG inventories and carbon credits (format and rules: ``docs/mrv.md``).

| module | what |
|---|---|
| :mod:`~analysis.mrv.registers` | read the facility and credit registers (kinds ``facilities``, ``credits``) |
| :mod:`~analysis.mrv.topdown` | the one adapter to the province's inventory (official or estimated) |
| :mod:`~analysis.mrv.coverage` | facility reports by sector against the inventory |
| :mod:`~analysis.mrv.hybrid` | facility reports where they cover a sector, the inventory for the rest |
| :mod:`~analysis.mrv.obligations` | who must report, what is due when, who has reported, who is late |
| :mod:`~analysis.mrv.credits` | credits and the target: corresponding adjustments, potential of measures |
| :mod:`~analysis.mrv.quotas` | emissions against emission quotas (Decree 119/2025/NĐ-CP): surplus, deficit, carry-over |

Engines only: nothing here plots or prints (charts in :mod:`analysis.viz.mrv`, sentences in
:mod:`analysis.narrative.mrv`).
"""

from analysis.mrv.coverage import Coverage, summarise_coverage
from analysis.mrv.credits import CreditAccount, account_credits, estimate_credit_potential, summarise_credits
from analysis.mrv.hybrid import build_hybrid_inventory
from analysis.mrv.obligations import ReportingStatus, assess_obligations
from analysis.mrv.quotas import QuotaBalance, assess_quotas
from analysis.mrv.registers import read_credits, read_facilities
from analysis.mrv.topdown import TopDown, province_inventory

__all__ = [
    "Coverage",
    "CreditAccount",
    "QuotaBalance",
    "ReportingStatus",
    "TopDown",
    "account_credits",
    "assess_obligations",
    "assess_quotas",
    "build_hybrid_inventory",
    "estimate_credit_potential",
    "province_inventory",
    "read_credits",
    "read_facilities",
    "summarise_coverage",
    "summarise_credits",
]
