"""The mitigation engine: apply an ordered list of measures to BAU emissions, vectorised over draws.

Inputs: BAU emissions ``(N, S, T)`` (``N`` draws, ``S`` sectors, ``T`` years; ``N = 1`` for a deterministic
run), the sector names and years, and a list of :class:`~analysis.emissions.measures.Measure`.
Outputs: remaining emissions ``(N, S, T)`` and, when asked, the abatement of each measure ``(N, M, S, T)``.

Measures on the same sector combine without double counting: they are applied **in order, each on what
remains** after the ones before it (so two 10 % cuts give 19 %, not 20 %). The overlap — the sum of the
standalone abatements minus the combined abatement — is reported by :mod:`analysis.emissions.pathways`.
Cuts act on positive emissions only; added removals make the LULUCF flux more negative.
The loop is over measures (a handful), never over draws.
"""

from __future__ import annotations

import numpy as np

from analysis.emissions.measures import Measure, compute_ramp, compute_ramp_years


def compute_fraction(measure: Measure, years: np.ndarray, effect: np.ndarray, ef_mult: np.ndarray) -> np.ndarray:
    """Share of the remaining sector emissions cut by a multiplicative measure, ``(N, T)``.

    Parameters
    ----------
    measure : a measure of kind ``percent``, ``intensity``, ``fuel_switch`` or ``ccs``.
    years : (T,) calendar years.
    effect : (N,) effectiveness multiplier per draw (1 = as declared).
    ef_mult : (N,) multiplier of the new fuel's emission factor per draw (fuel switch only).
    """
    r = compute_ramp(years, measure.start_year, measure.full_effect_year, measure.ramp)
    e = effect[:, None]
    if measure.kind == "percent":
        frac = measure.magnitude * e * r
    elif measure.kind == "intensity":
        k = compute_ramp_years(years, measure.start_year, measure.full_effect_year, measure.ramp)
        frac = 1.0 - np.power(1.0 + measure.magnitude * e, k)
    elif measure.kind == "fuel_switch":
        frac = measure.magnitude * e * r * (1.0 - measure.ef_ratio * ef_mult[:, None])
    elif measure.kind == "ccs":
        frac = measure.magnitude * measure.coverage * e * r
    else:
        raise ValueError(f"measure {measure.id!r} of kind {measure.kind!r} is not multiplicative")
    return np.minimum(frac, 1.0)


def compute_amount(measure: Measure, years: np.ndarray, effect: np.ndarray) -> np.ndarray:
    """Amount (t CO2e/yr) of an ``absolute`` or ``removals`` measure, ``(N, T)``."""
    r = compute_ramp(years, measure.start_year, measure.full_effect_year, measure.ramp)
    return measure.magnitude * effect[:, None] * r


def index_sectors(measures: list[Measure], sectors: tuple[str, ...]) -> list[np.ndarray]:
    """Row indices of each measure's sectors within ``sectors`` (sectors absent from the BAU are skipped)."""
    pos = {s: i for i, s in enumerate(sectors)}
    return [np.array([pos[s] for s in m.sectors if s in pos], dtype=int) for m in measures]


def apply_measures(
    bau: np.ndarray,
    sectors: tuple[str, ...],
    years: np.ndarray,
    measures: list[Measure],
    effect: np.ndarray | None = None,
    ef_mult: np.ndarray | None = None,
    *,
    record: bool = False,
) -> tuple[np.ndarray, np.ndarray | None]:
    """Apply ``measures`` in order to ``bau`` ``(N, S, T)``.

    Parameters
    ----------
    effect, ef_mult : (N, M) multipliers per draw and measure (default: 1, the declared values).
    record : also return the abatement of each measure per sector, ``(N, M, S, T)``; removals are
        recorded as positive abatement in the LULUCF row.

    Returns
    -------
    remaining : (N, S, T) emissions after the measures.
    abatement : (N, M, S, T) or ``None``.
    """
    n = bau.shape[0]
    m_count = len(measures)
    effect = np.ones((n, m_count)) if effect is None else effect
    ef_mult = np.ones((n, m_count)) if ef_mult is None else ef_mult
    remaining = np.array(bau, dtype=float, copy=True)
    abatement = np.zeros((n, m_count, *bau.shape[1:])) if record else None
    for m, (measure, idx) in enumerate(zip(measures, index_sectors(measures, sectors), strict=True)):
        if not len(idx):
            continue
        part = remaining[:, idx, :]
        if measure.kind == "removals":
            cut = np.broadcast_to(compute_amount(measure, years, effect[:, m])[:, None, :], part.shape)
        elif measure.kind == "absolute":
            positive = np.maximum(part, 0.0)
            total = positive.sum(axis=1)
            amount = compute_amount(measure, years, effect[:, m])
            with np.errstate(over="ignore"):  # a tiny positive total: the share overflows to inf, capped at 1 below
                share = np.divide(amount, total, out=np.zeros_like(total), where=total > 0)
            cut = positive * np.minimum(share, 1.0)[:, None, :]
        else:
            frac = compute_fraction(measure, years, effect[:, m], ef_mult[:, m])
            cut = np.maximum(part, 0.0) * frac[:, None, :]
        remaining[:, idx, :] = part - cut
        if record:
            abatement[:, m, idx, :] = cut
    return remaining, abatement


def apply_standalone(
    bau: np.ndarray, sectors: tuple[str, ...], years: np.ndarray, measures: list[Measure]
) -> np.ndarray:
    """Abatement of each measure applied alone to the BAU, ``(N, M, S, T)`` (for the overlap report)."""
    out = np.zeros((bau.shape[0], len(measures), *bau.shape[1:]))
    for m, measure in enumerate(measures):
        _, ab = apply_measures(bau, sectors, years, [measure], record=True)
        out[:, m] = ab[:, 0]
    return out
