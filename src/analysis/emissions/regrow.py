"""The frozen BAU re-projected with other growth rates: the BAU sensitivity of a scenario file or the explorer.

Input: a frozen :class:`~analysis.emissions.baseline.Baseline` that carries its inputs, the 2024 provinces it is
made of (one, or a 2025 unit's), and growth rates ``(province, driver, first, last, rate)``. Output: the same
BAU (province, sectors, years, vintage) with its emissions re-projected from its own inputs where only those
drivers' growth over those years changed; everything else as frozen. A rate for a province outside the run, a
driver the province's BAU does not follow, or years outside the BAU is a located :class:`InputError`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import numpy as np

from analysis.emissions.baseline import Baseline, BauInputs
from analysis.errors import InputError, Issue, suggest


def part_inputs(inputs: BauInputs, constituents: tuple[str, ...]) -> dict[str, BauInputs]:
    """The inputs of each 2024 province of the run (a unit's parts, or the one province's inputs)."""
    return dict(zip(constituents, inputs.parts, strict=True)) if inputs.parts else {constituents[0]: inputs}


def apply_growth(
    inputs: BauInputs, rates: Iterable[tuple], constituents: tuple[str, ...], *, file: str = "", wheres=None
) -> BauInputs:
    """``inputs`` with ``driver_growth`` set to ``rate`` for each ``(province, driver, first, last, rate)``.

    ``file`` and ``wheres`` (one key path per rate) locate the errors.
    """
    rates = list(rates)
    wheres = list(wheres) if wheres is not None else [""] * len(rates)
    parts = part_inputs(inputs, constituents)
    growth = {p: np.array(part.driver_growth, dtype=float, copy=True) for p, part in parts.items()}
    issues = []
    for (province, driver, first, last, rate), where in zip(rates, wheres, strict=True):
        part = parts.get(province)
        if part is None:
            issues.append(
                Issue(
                    file=file,
                    column=where,
                    value=province,
                    rule="province of the run",
                    message=f"'{province}' is not a province of this run ({', '.join(constituents)})",
                )
            )
            continue
        rows = [i for i, d in enumerate(part.drivers) if d == driver]
        grown = np.asarray(part.years)[1:]  # the base year has no growth of its own
        cols = 1 + np.flatnonzero((grown >= first) & (grown <= last))
        if not rows:
            known = sorted(set(part.drivers))
            issues.append(
                Issue(
                    file=file,
                    column=where,
                    value=driver,
                    rule="driver of the BAU",
                    message=f"{province}'s BAU follows no driver '{driver}'{suggest(driver, known)}",
                )
            )
        elif not len(cols):
            issues.append(
                Issue(
                    file=file,
                    column=where,
                    value=f"{first}-{last}",
                    rule="years of the BAU",
                    message=f"the years {first}–{last} are outside the BAU's growth years "
                    f"({int(grown[0])}–{int(grown[-1])})",
                )
            )
        else:
            growth[province][np.ix_(rows, cols)] = rate
    if issues:
        raise InputError(issues)
    new = {p: replace(part, driver_growth=growth[p]) for p, part in parts.items()}
    return replace(inputs, parts=tuple(new.values())) if inputs.parts else new[constituents[0]]


def regrow_baseline(frozen: Baseline, inputs: BauInputs) -> Baseline:
    """The frozen BAU re-projected from ``inputs``; same province, sectors, years and vintage."""
    from analysis.emissions.montecarlo import compute_central_bau

    emissions = compute_central_bau(inputs)
    ratio = np.divide(emissions, frozen.emissions, out=np.ones_like(emissions), where=frozen.emissions != 0)
    return replace(frozen, emissions=emissions, activity=frozen.activity * ratio, inputs=inputs)
