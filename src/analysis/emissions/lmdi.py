"""Additive LMDI-I decomposition of an emission change into driver effects.

Purpose
    Explain an emission change — between two years, or between BAU and a scenario in one year — as
    the sum of the effects of population, GRDP per capita (affluence), sector structure, energy or
    emission intensity and carbon intensity.

Inputs
    Two states, each a mapping ``factor name -> value`` where every value is a scalar or an array
    over sectors (scalars apply to every sector). Emissions of sector ``s`` are the product of its
    factors, ``E_s = Π_k x_k,s``; the total is ``E = Σ_s E_s``. The convenience functions build the
    factors from raw quantities (population, GRDP, energy, emissions).

Outputs
    :class:`Decomposition`: ``effects`` (Series by factor), ``by_sector`` (sectors × factors), ``e0``,
    ``e1``; the effects sum exactly (to floating-point rounding) to ``e1 - e0``.

Method (Ang 2005, *Energy Policy* 33:867–871; Ang 2015, *Energy Policy* 86:233–238)
    ``ΔE_k = Σ_s L(E_s1, E_s0) · ln(x_k,s1 / x_k,s0)`` with the logarithmic mean
    ``L(a, b) = (a − b) / (ln a − ln b)`` and ``L(a, a) = a``. Because ``Σ_k ln(x_k1/x_k0) = ln(E_1/E_0)``
    in each sector, ``Σ_k ΔE_k,s = E_s1 − E_s0``: no residual.

Zero values (Ang & Liu 2007, *Energy Policy* 35:238–246)
    LMDI needs positive values. The limits of the formula as a zero is replaced by δ → 0 are used
    exactly instead of a small number: a sector absent in both states contributes nothing; a sector
    that appears (``E_s0 = 0``) or disappears (``E_s1 = 0``) puts its whole change ``E_s1 − E_s0`` on the
    factor(s) that are zero, shared equally when several are (the limit then depends on how fast each
    goes to zero; equal sharing is this project's convention). Negative values (net LULUCF removals)
    cannot be decomposed this way and are refused.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.errors import InputError, Issue

KAYA_FACTORS = ("population", "grdp_per_capita", "energy_intensity", "carbon_intensity")


@dataclass(frozen=True)
class Decomposition:
    """Effects of each factor on the change from state 0 to state 1 (units of the emissions)."""

    effects: pd.Series
    by_sector: pd.DataFrame
    e0: float
    e1: float
    label0: str = "0"
    label1: str = "1"

    @property
    def change(self) -> float:
        return self.e1 - self.e0

    def to_frame(self) -> pd.DataFrame:
        """Waterfall table: start, one row per factor, end; columns step, value, cumulative."""
        steps = [self.label0, *self.effects.index, self.label1]
        values = [self.e0, *self.effects.to_numpy(), self.e1]
        cumulative = [self.e0, *(self.e0 + np.cumsum(self.effects.to_numpy())), self.e1]
        kind = ["start", *(["effect"] * len(self.effects)), "end"]
        return pd.DataFrame({"step": steps, "kind": kind, "value": values, "cumulative": cumulative})


ACTIVITY_FACTORS = ("population", "grdp_per_capita")  # how much is made; the other factors: how it is made


def split_activity_intensity(decomposition: Decomposition) -> tuple[float, float]:
    """The change of a Kaya decomposition in two parts: ``(activity, intensity)`` — the effects of population and
    GRDP per capita, and of every other factor (emission, energy or carbon intensity; structure)."""
    effects = decomposition.effects
    activity = float(effects[effects.index.isin(ACTIVITY_FACTORS)].sum())
    return activity, float(effects.sum()) - activity


def log_mean(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Logarithmic mean ``(a − b) / (ln a − ln b)``, ``a`` when ``a == b``, 0 when either is 0.

    Evaluated as ``d / log1p(d / lo)`` with ``hi, lo`` the larger and smaller value and ``d = hi − lo``: ``ln a − ln b``
    cancels when ``a ≈ b`` (at a relative difference of 1e-11 it keeps about five digits), ``log1p`` does not, so
    the result is accurate to a few units in the last place at every distance and exactly symmetric. Where ``d / lo``
    overflows (ratios beyond ~1e308) the plain difference of logarithms is used, which is then well conditioned.
    """
    a, b = np.broadcast_arrays(np.asarray(a, dtype=float), np.asarray(b, dtype=float))
    hi, lo = np.maximum(a, b), np.minimum(a, b)
    out = np.zeros(a.shape)
    pos = lo > 0
    diff = pos & (hi > lo)
    out[pos & ~diff] = hi[pos & ~diff]
    d, low = hi[diff] - lo[diff], lo[diff]
    with np.errstate(over="ignore"):
        x = d / low
    finite = np.isfinite(x)
    denom = np.where(finite, np.log1p(np.where(finite, x, 0.0)), np.log(hi[diff]) - np.log(low))
    out[diff] = d / denom
    return out


def _stack(factors: Mapping[str, object], names: Sequence[str], n: int, label: str) -> np.ndarray:
    arr = np.empty((len(names), n))
    issues = []
    for i, name in enumerate(names):
        values = np.asarray(factors[name], dtype=float)
        if values.ndim > 1 or (values.ndim == 1 and len(values) not in (1, n)):
            raise ValueError(
                f"factor {name!r} in state {label} has shape {values.shape}; expected a scalar or {n} sectors"
            )
        arr[i] = np.broadcast_to(values, (n,))
        bad = ~np.isfinite(arr[i]) | (arr[i] < 0)
        for s in np.flatnonzero(bad):
            issues.append(
                Issue(
                    file=f"decomposition state {label}",
                    rule="non-negative finite factors",
                    column=name,
                    value=float(arr[i, s]),
                    message=f"factor '{name}' (sector {s}) is {arr[i, s]}; LMDI needs values ≥ 0 "
                    "(decompose gross emissions and removals separately)",
                )
            )
    if issues:
        raise InputError(issues)
    return arr


def lmdi_additive(
    factors_0: Mapping[str, object],
    factors_1: Mapping[str, object],
    *,
    sectors: Sequence[str] | None = None,
    label0: str = "0",
    label1: str = "1",
) -> Decomposition:
    """Additive LMDI-I: effects of each factor on ``Σ_s Π_k x_k,s`` from state 0 to state 1.

    Parameters
    ----------
    factors_0, factors_1 : mapping factor name -> scalar or array over sectors (same names in both).
    sectors : sector names (default ``sector_0 …``).
    label0, label1 : names of the two states (years, "BAU 2030", …) for tables and charts.

    Returns
    -------
    Decomposition
        ``effects.sum() == e1 - e0`` to rounding.
    """
    names = list(factors_0)
    if set(names) != set(factors_1):
        raise ValueError(f"both states need the same factors: {sorted(factors_0)} vs {sorted(factors_1)}")
    sizes = {np.size(v) for v in (*factors_0.values(), *factors_1.values()) if np.ndim(v) == 1}
    n = len(sectors) if sectors is not None else (max(sizes) if sizes else 1)
    x0, x1 = _stack(factors_0, names, n, label0), _stack(factors_1, names, n, label1)
    e0_s, e1_s = x0.prod(axis=0), x1.prod(axis=0)
    weight = log_mean(e1_s, e0_s)
    both = (e0_s > 0) & (e1_s > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        effects = np.where(both, weight * np.log(np.where(both, x1 / np.where(x0 > 0, x0, 1), 1)), 0.0)
    # limits for sectors that appear or disappear (Ang & Liu 2007): the zero factor(s) carry the change
    edge = ~both & ((e0_s > 0) | (e1_s > 0))
    if edge.any():
        zero = np.where(e0_s > 0, x1 == 0, x0 == 0) & edge
        share = zero / zero.sum(axis=0).clip(min=1)
        effects = np.where(edge, share * (e1_s - e0_s), effects) + 0.0  # + 0.0 turns -0.0 into 0.0
    labels = list(sectors) if sectors is not None else [f"sector_{i}" for i in range(n)]
    by_sector = pd.DataFrame(effects.T, index=pd.Index(labels, name="sector"), columns=names)
    return Decomposition(
        effects=by_sector.sum(axis=0).rename("effect"),
        by_sector=by_sector,
        e0=float(e0_s.sum()),
        e1=float(e1_s.sum()),
        label0=label0,
        label1=label1,
    )


def _ratio(num, den, what: str, label: str) -> np.ndarray:
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    bad = (den <= 0) & (num != 0)
    if np.any(bad):
        raise InputError(
            [
                Issue(
                    file=f"decomposition state {label}",
                    rule="positive denominator",
                    column=what,
                    message=f"{what} needs a positive denominator where its numerator is not zero",
                )
            ]
        )
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), 0.0)


def kaya_factors(population: float, grdp: float, emissions, energy=None, *, label: str = "") -> dict[str, object]:
    """Kaya factors: population × GRDP per capita × energy intensity × carbon intensity.

    Without ``energy`` the last two merge into one emission intensity (emissions per GRDP), named
    ``emission_intensity``. ``emissions`` and ``energy`` may be arrays over sectors (then each sector's
    energy intensity is its energy per total GRDP).
    """
    f: dict[str, object] = {
        "population": float(population),
        "grdp_per_capita": _ratio(grdp, population, "grdp_per_capita", label),
    }
    if energy is None:
        f["emission_intensity"] = _ratio(emissions, grdp, "emission_intensity", label)
    else:
        f["energy_intensity"] = _ratio(energy, grdp, "energy_intensity", label)
        f["carbon_intensity"] = _ratio(emissions, energy, "carbon_intensity", label)
    return f


def decompose_kaya(
    state_0: Mapping[str, object],
    state_1: Mapping[str, object],
    *,
    label0: str = "0",
    label1: str = "1",
    sectors: Sequence[str] | None = None,
) -> Decomposition:
    """LMDI of emissions into population, GRDP per capita, energy (or emission) intensity, carbon intensity.

    Each state is a mapping with ``population``, ``grdp``, ``emissions`` and optionally ``energy``
    (both states alike). Units cancel within each factor; effects are in the units of ``emissions``.
    """
    keys = ("population", "grdp", "emissions", "energy")
    f0 = kaya_factors(*(state_0.get(k) for k in keys), label=label0)
    f1 = kaya_factors(*(state_1.get(k) for k in keys), label=label1)
    return lmdi_additive(f0, f1, sectors=sectors, label0=label0, label1=label1)


def decompose_structure(
    state_0: Mapping[str, object],
    state_1: Mapping[str, object],
    *,
    label0: str = "0",
    label1: str = "1",
    sectors: Sequence[str] | None = None,
) -> Decomposition:
    """LMDI with sector structure: population × GRDP per capita × sector share of GRDP × emissions per sector GRDP.

    Each state has ``population`` (scalar), ``grdp`` (array: GRDP by sector) and ``emissions`` (array by sector,
    the same sectors). A sector with emissions needs GRDP (put household emissions in their own model).
    """
    factors = []
    for state, label in ((state_0, label0), (state_1, label1)):
        grdp_s = np.asarray(state["grdp"], dtype=float)
        total = grdp_s.sum()
        factors.append(
            {
                "population": float(state["population"]),
                "grdp_per_capita": _ratio(total, state["population"], "grdp_per_capita", label),
                "structure": _ratio(grdp_s, total, "structure", label),
                "emission_intensity": _ratio(state["emissions"], grdp_s, "emission_intensity", label),
            }
        )
    return lmdi_additive(*factors, sectors=sectors, label0=label0, label1=label1)


def decompose_scenario_gap(
    bau: Mapping[str, object],
    scenario: Mapping[str, object],
    year: int,
    *,
    structure: bool = False,
    sectors: Sequence[str] | None = None,
) -> Decomposition:
    """Decompose scenario − BAU in one year (negative effects are reductions below BAU).

    ``bau`` and ``scenario`` are states as for :func:`decompose_kaya` (or :func:`decompose_structure`
    when ``structure``). The waterfall runs from "BAU <year>" to "scenario <year>".
    """
    decompose = decompose_structure if structure else decompose_kaya
    return decompose(bau, scenario, label0=f"BAU {year}", label1=f"scenario {year}", sectors=sectors)


def kaya_state(source, year: int) -> dict:
    """Population, GRDP and gross emissions of ``year`` for :func:`decompose_kaya`.

    ``source`` is a Baseline or a Pathway (its scenario's gross emissions; the drivers are the BAU's). Where the BAU
    projects a driver only as an index (no level in the province's history: ``gdp_index``), the index is used — the
    decomposition's effects depend on ratios only, so the units cancel.
    """
    baseline = getattr(source, "baseline", source)
    drivers = baseline.drivers.set_index("year")
    values = {}
    for name, columns in (
        ("population", ("population", "population_index")),
        ("grdp", ("grdp", "gdp", "gdp_index", "grdp_index")),
    ):
        column = next((c for c in columns if c in drivers.columns and pd.notna(drivers.loc[year, c])), None)
        if column is None:
            raise KeyError(f"no {name} projected for {year}: the Kaya decomposition needs population and output")
        values[name] = float(drivers.loc[year, column])
    return {**values, "emissions": float(source.gross()[baseline.year_index(year)])}
