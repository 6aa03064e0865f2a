"""Marginal abatement cost curve (MACC), interaction-aware, and the cost of reaching a target.

Inputs: a baseline, a scenario (its measures and their ``cost``), a year and a discount rate.
Outputs: :func:`build_macc` gives one row per measure in cost order — abatement in the year (Mt CO2e),
levelised cost (USD/t CO2e), annual cost (million USD/yr), cumulative abatement — and
:func:`compute_target_cost` the cheapest way along that curve to a target, with its total annual cost.

Levelised cost of a measure: a given ``usd_per_tco2e``, or
``(capex × CRF(r, lifetime) + opex) / abatement`` with the capital recovery factor
``CRF = r (1 + r)^n / ((1 + r)^n − 1)`` (``1 / n`` when ``r = 0``); ``r`` is the measure's own discount
rate or the parameter of the call.

Interaction: each measure's width is its cut **in the plan's order, on what the measures listed before it left**
(the same sequential rule as the pathways), so the curve's widths add up to the combined abatement, nothing is
counted twice, and a measure's cut is the same number in every table that states it. The bars are ranked by that
cut's levelised cost; measures without a cost go last and are flagged.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.emissions.baseline import Baseline
from analysis.emissions.measures import Cost
from analysis.emissions.mitigation import apply_measures, apply_standalone
from analysis.emissions.pathways import T_PER_MT
from analysis.emissions.scenarios import Scenario
from analysis.emissions.targets import Target, measure_targets

DEFAULT_DISCOUNT_RATE = 0.06  # assumption: a mid-range real social discount rate for Viet Nam; change per study


def compute_crf(rate: float, years: float) -> float:
    """Capital recovery factor: the annual payment per unit of capital over ``years`` at ``rate``."""
    if rate == 0:
        return 1.0 / years
    growth = (1.0 + rate) ** years
    return rate * growth / (growth - 1.0)


def compute_levelised_cost(
    cost: Cost | None, abatement_t: float, discount_rate: float = DEFAULT_DISCOUNT_RATE
) -> float:
    """USD per t CO2e abated (``nan`` without a cost or without abatement)."""
    if cost is None:
        return float("nan")
    if cost.usd_per_tco2e is not None:
        return float(cost.usd_per_tco2e)
    if abatement_t <= 0:
        return float("nan")
    rate = discount_rate if cost.discount_rate is None else cost.discount_rate
    annual = (cost.capex_usd or 0.0) * compute_crf(rate, cost.lifetime_years or 20.0) + (cost.opex_usd_per_year or 0.0)
    return annual / abatement_t


def _rows_of(sectors: tuple[str, ...], sector: str | None) -> list[int]:
    return [i for i, s in enumerate(sectors) if sector is None or s == sector or s.startswith(f"{sector}|")]


def build_macc(
    baseline: Baseline,
    scenario: Scenario,
    year: int,
    *,
    discount_rate: float = DEFAULT_DISCOUNT_RATE,
    sector: str | None = None,
    lang: str = "en",
) -> pd.DataFrame:
    """The scenario's measures as a MACC for ``year`` (optionally counting abatement in one sector only).

    Each bar is the measure's cut in the plan's order (what remains after the measures listed before it): the one
    number the scenario's tables, the summary and the workbook state for it, so the bars add up to the scenario's
    total cut. Its cost per tonne is levelised on that cut; bars are ranked cheapest first.
    """
    t = baseline.year_index(year)
    rows = _rows_of(baseline.sectors, sector)
    measures = list(scenario.measures)
    bau = baseline.emissions[None]
    alone = apply_standalone(bau, baseline.sectors, baseline.years, measures)[0][:, rows, t].sum(axis=1)
    _, ab = apply_measures(bau, baseline.sectors, baseline.years, measures, record=True)
    in_plan = ab[0][:, rows, t].sum(axis=1)
    cost = [compute_levelised_cost(m.cost, a, discount_rate) for m, a in zip(measures, in_plan, strict=True)]
    order = sorted(range(len(measures)), key=lambda i: (np.isnan(cost[i]), cost[i], i))
    records = []
    cumulative = 0.0
    for k, i in enumerate(order):
        m, cost_t = measures[i], cost[i]
        cumulative += in_plan[i]
        records.append(
            {
                "rank": k + 1,
                "measure_id": m.id,
                "measure": m.label(lang),
                "kind": m.kind,
                "sectors": ", ".join(m.sectors),
                "year": year,
                "standalone_abatement_mtco2e": alone[i] / T_PER_MT,
                "abatement_mtco2e": in_plan[i] / T_PER_MT,
                "usd_per_tco2e": cost_t,
                "annual_cost_musd": cost_t * in_plan[i] / 1e6 if not np.isnan(cost_t) else np.nan,
                "cumulative_mtco2e": cumulative / T_PER_MT,
                "has_cost": m.cost is not None,
                "cost_basis": m.cost.basis if m.cost is not None else "no cost given",
            }
        )
    frame = pd.DataFrame(records)
    frame["is_estimate"] = bool(baseline.is_estimate)
    return frame


def compute_target_cost(
    baseline: Baseline, scenario: Scenario, target: Target, *, discount_rate: float = DEFAULT_DISCOUNT_RATE
) -> dict:
    """Cheapest abatement along the MACC that meets ``target`` (percent-below-BAU or cap kinds).

    Returns a mapping: ``needed_mtco2e`` (BAU minus required level), ``reachable``, ``cost_musd_per_year``
    (total annual cost of the measures used, the last one only in part), ``marginal_usd_per_tco2e``,
    ``measures`` (ids used) and ``shortfall_mtco2e``.
    """
    if target.kind not in ("percent_below_bau", "absolute_cap"):
        raise ValueError("the cost of reaching a target is defined for percent-below-BAU and cap targets")
    required, achieved = measure_targets(
        target, baseline.emissions, baseline.emissions, baseline.sectors, baseline.years
    )
    needed = max(float(achieved) - float(required), 0.0) / T_PER_MT
    macc = build_macc(baseline, scenario, target.year, discount_rate=discount_rate, sector=target.sector)
    remaining, cost, used, marginal = needed, 0.0, [], float("nan")
    for row in macc.itertuples():
        if remaining <= 1e-12:
            break
        if row.abatement_mtco2e <= 0:
            continue
        take = min(row.abatement_mtco2e, remaining)
        cost += (row.usd_per_tco2e if not np.isnan(row.usd_per_tco2e) else np.nan) * take  # Mt × USD/t = M USD
        remaining -= take
        used.append(row.measure_id)
        marginal = row.usd_per_tco2e
    return {
        "target_id": target.id,
        "year": target.year,
        "needed_mtco2e": needed,
        "reachable": remaining <= 1e-9,
        "shortfall_mtco2e": max(remaining, 0.0),
        "cost_musd_per_year": cost,
        "marginal_usd_per_tco2e": marginal,
        "measures": used,
        "is_estimate": bool(baseline.is_estimate),
    }
