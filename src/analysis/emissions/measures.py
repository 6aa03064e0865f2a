"""Mitigation measures: what a measure is, how it ramps in, and how it is read from YAML.

Inputs: one validated measure model (:data:`analysis.config.scenarios.MeasureModel`). Output: a :class:`Measure`.

A measure names its sector(s) (keys of the sectors table, ``data/raw/project/sectors.csv``, or a group such as
``Energy`` for every ``Energy|…`` sector) and one ``kind``:

| kind | magnitude keys | effect on each named sector at full effect |
|---|---|---|
| ``percent`` | ``percent`` | cut ``percent`` % of what remains of the sector |
| ``absolute`` | ``tco2e_per_year`` | cut a fixed amount (shared between the sectors by size) |
| ``intensity`` | ``percent_per_year`` | emission intensity changes by this % a year, compounding |
| ``fuel_switch`` | ``share_percent``, ``ef_from``, ``ef_to`` | a share of the sector moves to another fuel |
| ``removals`` | ``tco2e_per_year`` | added removals (LULUCF only; reported as removals, not cuts) |
| ``ccs`` | ``capture_rate_percent``, ``coverage_percent`` | captured share of the covered emissions |

Every measure has ``start_year`` (first year with an effect), ``full_effect_year`` and ``ramp``
(``linear`` or ``s_curve``: the share of the full effect reached each year, see :func:`compute_ramp`; for an
``intensity`` measure the yearly change compounds over the ramp's share of the years, see
:func:`compute_ramp_years`); optionally ``cost`` (``usd_per_tco2e``, or ``capex_usd``, ``opex_usd_per_year``,
``lifetime_years``, ``discount_rate``) and ``uncertainty`` (``effectiveness`` multiplier, and for a fuel
switch ``emission_factor``, a multiplier of ``ef_to``). Every number carries ``source:`` or ``assumption:``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
from scipy.special import ndtri

MULTIPLICATIVE = ("percent", "intensity", "fuel_switch", "ccs")


@dataclass(frozen=True)
class Distribution:
    """A declared uncertainty: ``uniform(low, high)``, ``triangular(low, mode, high)`` or ``normal(mean, sd)``."""

    dist: str
    params: tuple[float, ...]
    nominal: float = 1.0

    def ppf(self, u: np.ndarray) -> np.ndarray:
        """Quantile function: values at probabilities ``u`` (vectorised; used for draws and for the tornado)."""
        u = np.asarray(u, dtype=float)
        if self.dist == "uniform":
            low, high = self.params
            return low + (high - low) * u
        if self.dist == "normal":
            mean, sd = self.params
            return mean + sd * ndtri(np.clip(u, 1e-12, 1 - 1e-12))
        low, mode, high = self.params
        span = high - low
        if span == 0:
            return np.full_like(u, low)
        cut = (mode - low) / span
        left = low + np.sqrt(u * span * (mode - low))
        right = high - np.sqrt((1 - u) * span * (high - mode))
        return np.where(u < cut, left, right)


@dataclass(frozen=True)
class Cost:
    """Cost of a measure: a levelised ``usd_per_tco2e``, or capex/opex/lifetime/discount rate."""

    usd_per_tco2e: float | None = None
    capex_usd: float | None = None
    opex_usd_per_year: float = 0.0
    lifetime_years: float | None = None
    discount_rate: float | None = None
    basis: str = ""


@dataclass(frozen=True)
class Measure:
    """One validated measure (fractions, not percent; see the module docstring for the kinds)."""

    id: str
    kind: str
    sectors: tuple[str, ...]
    start_year: int
    full_effect_year: int
    ramp: str = "linear"
    magnitude: float = 0.0  # percent/100, t CO2e/yr, rate/yr, switched share, or capture rate
    coverage: float = 1.0  # CCS: share of the sector's emissions at capture-ready plants
    ef_ratio: float = 1.0  # fuel switch: ef_to / ef_from
    name: dict[str, str] = field(default_factory=dict)
    cost: Cost | None = None
    uncertainty: dict[str, Distribution] = field(default_factory=dict)
    basis: str = ""  # the source or assumption text
    lead: str = ""  # the lead agency's id (analysis.data.institutions), when the register knows it
    partners: tuple[str, ...] = ()  # agencies that take part (phối hợp), by id
    lead_text: dict[str, str] = field(default_factory=dict)  # a lead the register does not know, {vi, en}
    deadline: dt.date | None = None  # when the next step is due
    next_step: dict[str, str] = field(default_factory=dict)  # the next step in words, {vi, en}
    documents: tuple[str, ...] = ()  # ids of the legal documents it rests on
    milestones: dict[int, dict[str, str]] = field(default_factory=dict)
    scope2: bool = False  # in the GPC view it also cuts scope 2 (electricity consumed × grid factor): docs/views.md

    @property
    def has_lead(self) -> bool:
        return bool(self.lead or self.lead_text)

    def label(self, lang: str = "en") -> str:
        return self.name.get(lang) or self.name.get("en") or self.id


def compute_ramp(years: np.ndarray, start_year: int, full_effect_year: int, ramp: str = "linear") -> np.ndarray:
    """Share of full effect per year: 0 before ``start_year``, 1 from ``full_effect_year`` on.

    Linear: ``(t - start + 1) / (full - start + 1)``; S-curve: smoothstep ``3x² − 2x³`` of the same ``x``.
    """
    x = np.clip((np.asarray(years, dtype=float) - start_year + 1) / (full_effect_year - start_year + 1), 0.0, 1.0)
    return x if ramp == "linear" else x * x * (3.0 - 2.0 * x)


def compute_ramp_years(years: np.ndarray, start_year: int, full_effect_year: int, ramp: str = "linear") -> np.ndarray:
    """Years of an ``intensity`` measure's yearly change in effect in each year: ``n × ramp share``.

    ``n = full − start + 1`` is the number of years the change compounds over; the share is
    :func:`compute_ramp`'s. Linear gives 0, 1, 2 … n (one more year of change each year); an S-curve gives the
    same ``n`` at ``full_effect_year`` but fewer years early on and more in the middle.
    """
    return (full_effect_year - start_year + 1) * compute_ramp(years, start_year, full_effect_year, ramp)


def distribution_from_model(model, nominal: float = 1.0) -> Distribution:
    """A :class:`Distribution` from a validated :class:`~analysis.config.scenarios.DistributionModel`."""
    return Distribution(model.dist, model.params, nominal)


def measure_from_model(model, lead: tuple[str, tuple[str, ...], dict[str, str]] = ("", (), {})) -> Measure:
    """A :class:`Measure` (fractions, not percent) from a validated measure model; ``lead`` is the lead already
    resolved against the agency register: ``(agency id, partner ids, {})``, or ``("", (), {vi, en})`` for a body it
    does not know."""
    coverage, ratio = 1.0, 1.0
    if model.kind == "percent":
        magnitude = model.percent / 100
    elif model.kind in ("absolute", "removals"):
        magnitude = model.tco2e_per_year
    elif model.kind == "intensity":
        magnitude = model.percent_per_year / 100
    elif model.kind == "ccs":
        magnitude, coverage = model.capture_rate_percent / 100, model.coverage_percent / 100
    else:
        magnitude, ratio = model.share_percent / 100, model.ef_to / model.ef_from
    cost = None
    if model.cost is not None:
        c = model.cost
        cost = (
            Cost(usd_per_tco2e=c.usd_per_tco2e, basis=c.basis_text)
            if c.usd_per_tco2e is not None
            else Cost(
                capex_usd=c.capex_usd or 0.0,
                opex_usd_per_year=c.opex_usd_per_year or 0.0,
                lifetime_years=c.lifetime_years or 20.0,
                discount_rate=c.discount_rate,
                basis=c.basis_text,
            )
        )
    uncertainty = {}
    if model.uncertainty is not None:
        for key in ("effectiveness", "emission_factor"):
            d = getattr(model.uncertainty, key)
            if d is not None:
                uncertainty[key] = distribution_from_model(d)
    return Measure(
        id=model.id,
        kind=model.kind,
        sectors=model.sectors,
        start_year=model.start_year,
        full_effect_year=model.full_effect_year,
        ramp=model.ramp,
        magnitude=float(magnitude),
        coverage=float(coverage),
        ef_ratio=float(ratio),
        name=as_label(model.name, model.id),
        cost=cost,
        uncertainty=uncertainty,
        basis=model.basis_text,
        lead=lead[0],
        partners=lead[1],
        lead_text=lead[2],
        deadline=model.deadline,
        next_step=as_label(model.next_step, "") if model.next_step else {},
        documents=tuple(model.documents),
        milestones={int(y): as_label(v, "") for y, v in model.milestones.items()},
        scope2=bool(getattr(model, "scope2", False)),
    )


def as_label(value, fallback: str) -> dict[str, str]:
    """``{vi, en}`` from a label given as text or as a mapping (text: the same words in both languages)."""
    if isinstance(value, dict):
        return {k: str(v) for k, v in value.items()}
    if value:
        return {"vi": str(value), "en": str(value)}
    return {"en": fallback} if fallback else {}
