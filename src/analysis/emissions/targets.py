"""Targets and net zero: read target files and check pathways against them.

Input: a YAML file such as ``config/targets/ba-ria-vung-tau.yaml`` with a list ``targets`` of

| kind | keys | met when |
|---|---|---|
| ``percent_below_bau`` | ``year``, ``percent`` [, ``sector``, ``basis``] | emissions ≤ (1 − p/100) × BAU |
| ``absolute_cap`` | ``year``, ``cap_mtco2e`` [, ``sector``, ``basis``] | emissions ≤ cap in ``year`` |
| ``peak_year`` | ``year`` [, ``sector``, ``basis``] | no later year emits more than ``year`` (gap: later max − it) |
| ``net_zero`` | ``year`` | gross emissions minus removals ≤ 0 in ``year`` (and every year after) |

``basis`` is ``net`` (default: every sector, LULUCF included) or ``gross`` (removals left out); ``sector``
names a sector or a group (``Energy``). BAU means the frozen baseline the pathway was built on.

Output: :func:`evaluate_targets` gives one row per target: required, achieved, gap (Mt CO2e; positive =
shortfall), met, abatement still needed, with gross, removals and net reported separately.
:func:`measure_targets` does the same arithmetic on arrays of Monte Carlo draws.

**A percentage below a BAU that is not positive does not apply** (a net sink: removals larger than emissions): 15.8 %
below −0.6 Mt is −0.5 Mt, a *looser* level than the BAU itself. Such a row has ``applicable`` False, ``reason``
``bau_not_positive`` and an **absolute alternative**: the same percentage of the BAU's *gross* emissions as a cut, so
net emissions at most ``BAU − p × gross BAU`` (``alt_*`` columns; none when the BAU has no gross emissions).
:func:`target_status` is the one verdict rule for a row ("not applicable" before met / at risk / not met).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.config.base import validate_config
from analysis.config.scenarios import TARGET_KINDS, TargetFileModel
from analysis.data.readers import file_memo
from analysis.data.yamlio import load_yaml_file
from analysis.emissions.measures import as_label
from analysis.emissions.pathways import T_PER_MT, Pathway, split_gross_removals
from analysis.emissions.scenarios import check_documents, resolve_provinces
from analysis.errors import InputError, Issue

TOLERANCE_T = 1.0  # one tonne: rounding noise is not a miss
ORIGINS = ("own", "national", "inherited", "given")


@dataclass(frozen=True)
class Target:
    """One validated target (``value`` is a fraction for percent targets, t CO2e for caps).

    ``origin`` says whose target it is in this run: ``own`` (the province's), ``national`` (a national target
    applied to the province), ``inherited`` (a former province's target carried into the 2025 unit it joined;
    ``of`` names it) or ``given`` (a file the analyst named). ``national_cap`` is the national cap (t CO2e) of a
    ``national_cap_share`` target before it is turned into the province's cap; ``gwp`` the GWP basis of an
    absolute figure when the file states it.
    """

    id: str
    kind: str
    year: int
    value: float = 0.0
    sector: str | None = None
    basis: str = "net"
    label: dict[str, str] = field(default_factory=dict)
    source: str = ""
    origin: str = "given"
    of: str | None = None
    gwp: str | None = None
    national_cap: float | None = None
    note: str = ""
    document: str | None = None  # the legal document that set it (analysis.data.institutions)
    view: str = "territorial"  # the view it is stated in: territorial, or gpc (scope 1 + 2)
    file: str = ""  # the target file it comes from, and that file's format revision
    file_format: int = 2

    def title(self, lang: str = "en") -> str:
        return self.label.get(lang) or self.label.get("en") or self.id


@dataclass(frozen=True)
class TargetSet:
    """The targets of one file and the provinces it is for (``None``: any province)."""

    file: str
    targets: list[Target]
    provinces: tuple[str, ...] | None = None
    map: int = 2024
    description: str = ""
    headline: tuple[str, ...] = ()
    format: int = 2  # the file's format revision (1: read with a warning)

    def applies_to(self, province: str, admin_map: int) -> bool:
        """True when the targets are for ``province`` (canonical name on ``admin_map``) or for any province."""
        return self.provinces is None or (self.map == admin_map and province in self.provinces)


def load_target_set(path: str | Path) -> TargetSet:
    """Read and validate a target file (once per process while the file is unchanged; each caller gets its own
    list of targets)."""

    def read() -> TargetSet:
        data, file = load_yaml_file(path)
        return parse_target_set(data, file)

    found = file_memo(path, "targets", read)
    return replace(found, targets=list(found.targets))


def load_targets(path: str | Path) -> list[Target]:
    """The targets of a file (see :func:`load_target_set`)."""
    return load_target_set(path).targets


def parse_target_set(data: object, file: str, origin: str = "given") -> TargetSet:
    """Validate parsed YAML ``{provinces: …, targets: [...]}``; raise :class:`InputError` listing every problem."""
    model = validate_config(data, TargetFileModel, file, skip=TARGET_KINDS)
    provinces = resolve_provinces(model.provinces, model.map, file)
    for i, raw in enumerate(model.targets):
        if raw.document:
            check_documents([raw.document], file, f"targets[{i}].document")
    targets = []
    for raw in model.targets:
        value, national_cap = 0.0, None
        if raw.kind == "percent_below_bau":
            value = raw.percent / 100
        elif raw.kind == "absolute_cap":
            value = raw.cap_mtco2e * T_PER_MT
        elif raw.kind == "national_cap_share":
            national_cap = raw.national_cap_mtco2e * T_PER_MT
        targets.append(
            Target(
                id=raw.id,
                kind=raw.kind,
                year=raw.year,
                value=value,
                sector=raw.sector,
                basis=raw.basis,
                label=as_label(raw.label, raw.id),
                source=raw.basis_text,
                origin=origin,
                gwp=raw.gwp,
                national_cap=national_cap,
                note=raw.note or "",
                document=raw.document,
                view=raw.view,
                file=file,
                file_format=model.format,
            )
        )
    return TargetSet(
        file=file,
        targets=targets,
        provinces=provinces,
        map=model.map,
        description=model.description,
        headline=tuple(model.headline),
        format=model.format,
    )


def _series(emissions: np.ndarray, sectors: tuple[str, ...], target: Target) -> np.ndarray:
    """(..., T) the emissions the target is about."""
    if target.sector is not None:
        rows = [i for i, s in enumerate(sectors) if s == target.sector or s.startswith(f"{target.sector}|")]
        part = emissions[..., rows, :]
        return part.sum(axis=-2) if target.basis == "net" else np.maximum(part, 0.0).sum(axis=-2)
    if target.basis == "gross":
        return split_gross_removals(emissions, sectors)[0]
    return emissions.sum(axis=-2)


def measure_targets(
    target: Target, emissions: np.ndarray, bau: np.ndarray, sectors: tuple[str, ...], years: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Required and achieved levels (t CO2e) of ``target`` for emissions ``(..., S, T)``; BAU is ``(S, T)``.

    ``met = achieved <= required`` and ``achieved − required`` is the margin (negative = met with room).
    For a peak-year target, required is the level in the peak year and achieved the highest level of the
    years after it (the peak year itself when the pathway ends there), so the margin is
    ``max(later years) − peak-year level``; for net zero, required is 0 and achieved the highest net level
    from the target year on.
    """
    t = int(np.flatnonzero(years == target.year)[0]) if target.year in years else None
    if t is None:
        raise InputError(
            [
                Issue(
                    file="targets",
                    column="year",
                    value=target.year,
                    rule="year in the pathway",
                    message=f"target '{target.id}' is for {target.year}, outside the pathway ({years[0]}–{years[-1]})",
                )
            ]
        )
    series = _series(emissions, sectors, target)
    if target.kind == "percent_below_bau":
        required = (1.0 - target.value) * _series(bau, sectors, target)[t]
        return np.broadcast_to(required, series.shape[:-1]), series[..., t]
    if target.kind == "absolute_cap":
        return np.broadcast_to(target.value, series.shape[:-1]), series[..., t]
    if target.kind == "peak_year":
        later = series[..., t + 1 :]
        return series[..., t], later.max(axis=-1) if later.shape[-1] else series[..., t]
    return np.zeros(series.shape[:-1]), series[..., t:].max(axis=-1)


def evaluate_targets(pathway: Pathway, targets: list[Target], lang: str = "en") -> pd.DataFrame:
    """One row per target: required, achieved, gap and abatement still needed (Mt CO2e), met or not."""
    base = pathway.baseline
    gross, removals = pathway.gross(), pathway.removals()
    rows = []
    for tg in targets:
        required, achieved = (
            float(x) for x in measure_targets(tg, pathway.emissions, base.emissions, base.sectors, base.years)
        )
        t = base.year_index(tg.year)
        bau = float(_series(base.emissions, base.sectors, tg)[t])
        gap = achieved - required
        reason = not_applicable_reason(tg, bau)
        alt = alternative_level(tg, base, t) if reason else None
        rows.append(
            {
                "scenario": pathway.name,
                "target_id": tg.id,
                "target": tg.title(lang),
                "kind": tg.kind,
                "year": tg.year,
                "sector": tg.sector or "total",
                "basis": tg.basis,
                "required_mtco2e": required / T_PER_MT,
                "achieved_mtco2e": achieved / T_PER_MT,
                "gap_mtco2e": gap / T_PER_MT,
                "met": bool(gap <= TOLERANCE_T),
                "abatement_needed_mtco2e": max(gap, 0.0) / T_PER_MT,
                "bau_mtco2e": bau / T_PER_MT,
                "required_below_bau_pct": 100 * tg.value if tg.kind == "percent_below_bau" else np.nan,
                "achieved_below_bau_pct": 100 * (1 - achieved / bau)
                if tg.kind in ("percent_below_bau", "absolute_cap") and bau > 0
                else np.nan,
                "gross_mtco2e": gross[t] / T_PER_MT,
                "removals_mtco2e": removals[t] / T_PER_MT,
                "net_mtco2e": (gross[t] + removals[t]) / T_PER_MT,
                "is_estimate": bool(base.is_estimate),
                "estimate_note": base.estimate_note if base.is_estimate else "",
                "source": tg.source,
                "applicable": not reason,
                "reason": reason,
                "bau_gross_mtco2e": float(_series(base.emissions, base.sectors, _gross(tg))[t]) / T_PER_MT,
                "alt_required_mtco2e": np.nan if alt is None else alt / T_PER_MT,
                "alt_gap_mtco2e": np.nan if alt is None else (achieved - alt) / T_PER_MT,
                "alt_met": None if alt is None else bool(achieved - alt <= TOLERANCE_T),
            }
        )
    return pd.DataFrame(rows)


NOT_POSITIVE = "bau_not_positive"


def not_applicable_reason(target: Target, bau_t: float) -> str:
    """Why ``target`` cannot be checked on a BAU of ``bau_t`` (t CO2e): ``bau_not_positive`` for a percentage below a
    BAU that is zero or negative (a net sink), else ``""``."""
    return NOT_POSITIVE if target.kind == "percent_below_bau" and bau_t <= 0 else ""


def _gross(target: Target) -> Target:
    return replace(target, basis="gross")


def alternative_level(target: Target, baseline, t: int) -> float | None:
    """The absolute alternative to a percentage below a BAU that is not positive (t CO2e): cut the same percentage of
    the BAU's gross emissions on the target's scope, i.e. net emissions at most ``BAU − p × gross BAU``; ``None`` when
    the scope has no gross emissions (nothing to take a percentage of)."""
    gross = float(_series(baseline.emissions, baseline.sectors, _gross(target))[t])
    if gross <= 0:
        return None
    bau = float(_series(baseline.emissions, baseline.sectors, target)[t])
    return bau - target.value * gross


def target_status(row, probability: float | None = None) -> str:
    """The verdict of an evaluated target row (a Series, a dict or an ``itertuples`` row): ``"not applicable"`` when it
    cannot be checked (``applicable`` False), else :func:`verdict` of its central result and probability."""
    get = row.get if isinstance(row, pd.Series | dict) else lambda key, default=None: getattr(row, key, default)
    if not get("applicable", True):
        return "not applicable"
    return verdict(bool(get("met")), probability)


# A target met on the central path is "met" only when meeting it is *likely*: P(met) of at least 66 %, the IPCC's
# calibrated "likely" (Mastrandrea et al. 2010, Guidance Note for Lead Authors of the IPCC Fifth Assessment Report on
# Consistent Treatment of Uncertainties). Below that it is "at risk": a plan that meets its target by a hair on the
# central path has a probability near one half, and a reader of "đạt" must be able to rely on it.
AT_RISK_BELOW = 0.66
# The comparison is made at the whole percent the reports print ("xác suất đạt 66%" is never "at risk"): a probability
# from 10,000 draws is not known more finely (its standard error near 66 % is about 0.5 percentage points).
_LIKELY_FROM = AT_RISK_BELOW - 0.005


def verdict(met: bool, probability: float | None = None) -> str:
    """``"met"``, ``"at risk"`` or ``"not met"``.

    A target is "met" only when the central (deterministic) pathway meets it *and*, when a Monte Carlo was run,
    meeting it is likely (P(met) ≥ :data:`AT_RISK_BELOW` as printed, to the whole percent; the IPCC's "likely"); met
    on the central path with a lower probability is "at risk"; missed on the central path is "not met" whatever the
    probability.
    """
    if not met:
        return "not met"
    if probability is not None and probability < _LIKELY_FROM:
        return "at risk"
    return "met"
