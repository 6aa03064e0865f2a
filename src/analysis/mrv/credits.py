"""Carbon credits and the province's target: what counts, what does not, and what the measures could earn.

Inputs: the credit register (:func:`analysis.mrv.registers.read_credits`); the target gap and the target itself
(t CO2e in the target year, from the pathways engine: ``gap = emissions − target``, positive when short of it);
for the potential, the abatement of each measure by year (the table of
:func:`analysis.emissions.pathways.tabulate_wedges`: ``measure_id, measure, year, abatement_mtco2e``).

Accounting rule (Paris Agreement Art. 6.2): a reduction sold abroad under a **corresponding adjustment** is counted
by the buyer, so the host adds it back to its own emissions; it does not count toward the province's target.
Credits used at home, or sold without an adjustment (CDM, most voluntary credits), stay in the province's account.

Outputs: :func:`account_credits` gives a :class:`CreditAccount` (the gap as inventoried, with every reduction in
the province counted, and the gap without the credits transferred under an adjustment, firm and with the planned
ones); :func:`summarise_credits` tabulates the register; :func:`estimate_credit_potential` labels the potential of
chosen measures as an estimate (an upper bound: the modelled abatement, less any deduction the analyst cites).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from analysis.errors import InputError, Issue
from analysis.mrv.registers import select_province
from analysis.units import T_PER_MT

DELIVERED = ("issued", "transferred", "retired")
IN_PREPARATION = ("planned", "validation", "registered")
TREATMENTS = (
    "transferred_with_adjustment",
    "planned_with_adjustment",
    "adjustment_unknown",
    "counts",
    "amount_unknown",
    "other_vintage",
)


@dataclass(frozen=True)
class CreditAccount:
    """The target gap with and without credits transferred abroad under a corresponding adjustment (t CO2e)."""

    province: str
    target_year: int
    vintages: tuple[int, ...]
    target_tco2e: float
    gap_tco2e: float
    transferred_tco2e: float
    planned_tco2e: float
    unknown_tco2e: float
    counted_tco2e: float
    credits: pd.DataFrame  # the province's credit rows with their treatment and amount

    @property
    def gap_without_transfers_tco2e(self) -> float:
        """The gap once credits delivered abroad under an adjustment are added back."""
        return self.gap_tco2e + self.transferred_tco2e

    @property
    def gap_with_planned_tco2e(self) -> float:
        """The gap once the planned transfers under an adjustment are added back too."""
        return self.gap_without_transfers_tco2e + self.planned_tco2e

    def table(self) -> pd.DataFrame:
        """``item, tco2e, share_of_target`` — the lines of the account, in order."""
        items = [
            ("target", self.target_tco2e),
            ("gap_as_inventoried", self.gap_tco2e),
            ("transferred_with_adjustment", self.transferred_tco2e),
            ("gap_without_transfers", self.gap_without_transfers_tco2e),
            ("planned_with_adjustment", self.planned_tco2e),
            ("gap_with_planned", self.gap_with_planned_tco2e),
            ("adjustment_unknown", self.unknown_tco2e),
            ("counted_credits", self.counted_tco2e),
        ]
        frame = pd.DataFrame(items, columns=["item", "tco2e"])
        frame["share_of_target"] = frame["tco2e"] / self.target_tco2e if self.target_tco2e else float("nan")
        return frame


def _treat(rec: pd.Series, vintages: tuple[int, ...]) -> tuple[str, float]:
    delivered = rec["status"] in DELIVERED
    amount = rec["credits_issued_tco2e"] if delivered else rec["expected_tco2e"]
    if pd.isna(rec["vintage"]):  # a line of work with no figure and no year yet
        return "amount_unknown", float("nan")
    if int(rec["vintage"]) not in vintages:
        return "other_vintage", float("nan")
    if pd.isna(amount):
        return "amount_unknown", float("nan")
    if rec["corresponding_adjustment"] == "yes":
        return ("transferred_with_adjustment" if delivered else "planned_with_adjustment"), float(amount)
    if rec["corresponding_adjustment"] is None and rec["abroad"] is not False:
        return "adjustment_unknown", float(amount)
    return "counts", float(amount)


def account_credits(
    credits: pd.DataFrame,
    province: str,
    *,
    target_year: int,
    gap_tco2e: float,
    target_tco2e: float,
    vintages: Iterable[int] | None = None,
) -> CreditAccount:
    """The target gap of ``province`` with and without its credits transferred under an adjustment.

    Parameters
    ----------
    credits : pandas.DataFrame
        The credit register (every province; only ``province``'s rows are used).
    province : str
        Any spelling the registry resolves.
    target_year : int
        The year of the target.
    gap_tco2e, target_tco2e : float
        The gap (emissions − target; positive = short of the target) and the target, t CO2e in ``target_year``.
    vintages : iterable of int, optional
        Vintages whose reductions fall in the target's account (default: the target year only).
    """
    name, rows = select_province(credits, province)
    chosen = tuple(sorted(set(vintages))) if vintages is not None else (int(target_year),)
    treated = [_treat(rec, chosen) for _, rec in rows.iterrows()]
    rows = rows.assign(treatment=[t for t, _ in treated], amount_tco2e=[a for _, a in treated])

    def total(treatment: str) -> float:
        return float(rows.loc[rows["treatment"] == treatment, "amount_tco2e"].sum())

    return CreditAccount(
        province=name,
        target_year=int(target_year),
        vintages=chosen,
        target_tco2e=float(target_tco2e),
        gap_tco2e=float(gap_tco2e),
        transferred_tco2e=total("transferred_with_adjustment"),
        planned_tco2e=total("planned_with_adjustment"),
        unknown_tco2e=total("adjustment_unknown"),
        counted_tco2e=total("counts"),
        credits=rows,
    )


def summarise_credits(credits: pd.DataFrame, province: str) -> pd.DataFrame:
    """The province's register by type and status: ``type, status, n_projects, credits_issued_tco2e,
    expected_tco2e`` (NaN when none is recorded, never 0), ``with_adjustment_tco2e`` and
    ``adjustment_unknown_tco2e`` (credits issued, or expected when not yet issued, whose corresponding adjustment
    is yes / not recorded; NaN when no amount of the group is recorded). A row with no type recorded (a line of work
    whose mechanism is not decided) is its own group."""
    _, rows = select_province(credits, province)
    amount = rows["credits_issued_tco2e"].where(rows["status"].isin(DELIVERED), rows["expected_tco2e"])
    ca = rows["corresponding_adjustment"]
    # an unknown amount stays unknown in both columns (never 0); a group of unknown amounts sums to NaN
    rows = rows.assign(
        with_adj=amount.where(ca == "yes", 0.0).where(amount.notna()),
        unknown_adj=amount.where(ca.isna(), 0.0).where(amount.notna()),
    )
    return (
        rows.groupby(["type", "status"], sort=True, dropna=False)
        .agg(
            n_projects=("project", "nunique"),
            credits_issued_tco2e=("credits_issued_tco2e", lambda s: s.sum(min_count=1)),
            expected_tco2e=("expected_tco2e", lambda s: s.sum(min_count=1)),
            with_adjustment_tco2e=("with_adj", lambda s: s.sum(min_count=1)),
            adjustment_unknown_tco2e=("unknown_adj", lambda s: s.sum(min_count=1)),
        )
        .reset_index()
    )


def estimate_credit_potential(
    wedges: pd.DataFrame,
    measure_ids: Iterable[str],
    year: int,
    *,
    deduction_share: float = 0.0,
    deduction_source: str | None = None,
) -> pd.DataFrame:
    """The credit potential of chosen measures in ``year``, labelled as an estimate.

    Parameters
    ----------
    wedges : pandas.DataFrame
        ``measure_id, year`` and ``abatement_mtco2e`` (or ``abatement_tco2e``); ``measure`` and ``is_estimate``
        are carried over when present.
    measure_ids : iterable of str
        The measures that could earn credits (e.g. forest protection on Côn Đảo).
    year : int
        The year of the potential.
    deduction_share : float
        Share withheld (baseline, additionality, buffer pool) — 0 gives the upper bound; a positive share needs
        ``deduction_source``.

    Returns
    -------
    pandas.DataFrame
        ``measure_id, measure, year, abatement_tco2e, credit_potential_tco2e, is_estimate`` (always True),
        ``deduction_share, deduction_source`` (0 and empty for the upper bound).
    """
    if not 0 <= deduction_share < 1:
        raise ValueError("deduction_share must be in [0, 1)")
    if deduction_share and not deduction_source:
        raise ValueError("a deduction needs its source (deduction_source)")
    wanted = list(dict.fromkeys(measure_ids))
    known = list(dict.fromkeys(wedges["measure_id"]))
    issues = []
    for m in wanted:
        if m not in known:
            close = difflib.get_close_matches(m, known, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f" (known: {', '.join(known)})"
            issues.append(
                Issue(
                    file="measures",
                    column="measure_id",
                    value=m,
                    rule="known measure",
                    message=f"no measure '{m}'{hint}",
                )
            )
    if year not in set(wedges["year"]):
        issues.append(
            Issue(
                file="measures",
                column="year",
                value=year,
                rule="year modelled",
                message=f"the pathway has no year {year}",
            )
        )
    if issues:
        raise InputError(issues)
    rows = wedges[wedges["measure_id"].isin(wanted) & (wedges["year"] == year)].copy()
    tco2e = rows["abatement_tco2e"] if "abatement_tco2e" in rows else rows["abatement_mtco2e"] * T_PER_MT
    return pd.DataFrame(
        {
            "measure_id": rows["measure_id"],
            "measure": rows["measure"] if "measure" in rows else rows["measure_id"],
            "year": year,
            "abatement_tco2e": tco2e.astype(float),
            "credit_potential_tco2e": tco2e.astype(float) * (1 - deduction_share),
            "is_estimate": True,
            "deduction_share": float(deduction_share),
            "deduction_source": deduction_source or "",
        }
    ).reset_index(drop=True)
