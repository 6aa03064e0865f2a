"""Targets and net zero: read target files and check pathways against them.

Input: a YAML file such as ``config/scenarios/brvt_targets.yaml`` with a list ``targets`` of

| kind | keys | met when |
|---|---|---|
| ``percent_below_bau`` | ``year``, ``percent`` [, ``sector``, ``basis``] | emissions ≤ (1 − p/100) × BAU |
| ``absolute_cap`` | ``year``, ``cap_mtco2e`` [, ``sector``, ``basis``] | emissions ≤ cap in ``year`` |
| ``peak_year`` | ``year`` [, ``sector``, ``basis``] | no later year emits more than ``year`` |
| ``net_zero`` | ``year`` | gross emissions minus removals ≤ 0 in ``year`` (and every year after) |

``basis`` is ``net`` (default: every sector, LULUCF included) or ``gross`` (removals left out); ``sector``
names a sector or a group (``Energy``). BAU means the frozen baseline the pathway was built on.

Output: :func:`evaluate_targets` gives one row per target: required, achieved, gap (Mt CO2e; positive =
shortfall), met, abatement still needed, with gross, removals and net reported separately.
:func:`measure_targets` does the same arithmetic on arrays of Monte Carlo draws.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import paths
from analysis.emissions.measures import expand_sectors
from analysis.emissions.pathways import T_PER_MT, Pathway, split_gross_removals
from analysis.emissions.yamlcheck import check_keys, join_path, load_yaml_file, read_kind, read_number, require_mapping
from analysis.errors import InputError, Issue

DEFAULT_TARGET_FILE = paths.CONFIG_DIR / "scenarios" / "brvt_targets.yaml"
TARGET_KINDS = ("percent_below_bau", "absolute_cap", "peak_year", "net_zero")
_KEYS = {"percent_below_bau": ("percent",), "absolute_cap": ("cap_mtco2e",), "peak_year": (), "net_zero": ()}
_COMMON = ("id", "label", "kind", "year", "sector", "basis", "source", "assumption", "note")
TOLERANCE_T = 1.0  # one tonne: rounding noise is not a miss


@dataclass(frozen=True)
class Target:
    """One validated target (``value`` is a fraction for percent targets, t CO2e for caps)."""

    id: str
    kind: str
    year: int
    value: float = 0.0
    sector: str | None = None
    basis: str = "net"
    label: dict[str, str] = field(default_factory=dict)
    source: str = ""

    def title(self, lang: str = "en") -> str:
        return self.label.get(lang) or self.label.get("en") or self.id


def load_targets(path: str | Path = DEFAULT_TARGET_FILE) -> list[Target]:
    """Read and validate a target file (default: the shipped Bà Rịa – Vũng Tàu targets)."""
    data, file = load_yaml_file(path)
    return parse_targets(data, file)


def parse_targets(data: object, file: str) -> list[Target]:
    """Validate parsed YAML ``{targets: [...]}``; raise :class:`InputError` listing every problem."""
    issues = require_mapping(data, file, "")
    if not issues:
        issues += check_keys(data, ("targets", "description"), file, "", required=("targets",))
    if issues:
        raise InputError(issues)
    raw_list = data["targets"]
    if not isinstance(raw_list, list):
        raise InputError([Issue(file=file, column="targets", rule="list", message="'targets' must be a list")])
    targets = [_parse_target(raw, file, join_path("targets", i), issues) for i, raw in enumerate(raw_list)]
    ids = [t.id for t in targets if t is not None]
    for i, tid in enumerate(ids):
        if tid in ids[:i]:
            issues.append(Issue(file=file, column=join_path("targets", i), rule="unique id", value=tid,
                                message=f"the target id '{tid}' is used twice"))
    if issues:
        raise InputError(issues)
    return targets


def _parse_target(raw: object, file: str, path: str, issues: list[Issue]) -> Target | None:
    kind = read_kind(raw, "kind", TARGET_KINDS, file, path, issues, "target kind")
    if kind is None:
        return None
    n = len(issues)
    issues += check_keys(raw, {*_COMMON, *_KEYS[kind]}, file, path, required=("id", "year", *_KEYS[kind]))
    year = read_number(raw, "year", file, path, issues, low=1990, high=2100, integer=True)
    value = 0.0
    if kind == "percent_below_bau":
        value = (read_number(raw, "percent", file, path, issues, low=-100, high=100) or 0.0) / 100
    elif kind == "absolute_cap":
        value = (read_number(raw, "cap_mtco2e", file, path, issues) or 0.0) * T_PER_MT
    sector = raw.get("sector")
    if sector is not None:
        expand_sectors([sector], file, path, issues)
        if kind == "net_zero":
            issues.append(Issue(file=file, column=join_path(path, "sector"), rule="net zero is economy-wide",
                                value=sector, message="a net-zero target applies to the whole economy"))
    basis = raw.get("basis", "net")
    if basis not in ("net", "gross"):
        issues.append(Issue(file=file, column=join_path(path, "basis"), rule="net or gross", value=basis,
                            message="'basis' must be 'net' or 'gross'"))
    text = raw.get("source") or raw.get("assumption")
    if not isinstance(text, str) or not text.strip():
        issues.append(Issue(file=file, column=path, rule="cited or labelled",
                            message="a target needs a 'source:' (with its URL) or an 'assumption:'"))
    if len(issues) > n:
        return None
    label = raw.get("label") if isinstance(raw.get("label"), dict) else {"en": str(raw.get("label") or raw["id"])}
    return Target(id=str(raw["id"]), kind=kind, year=year, value=value, sector=sector, basis=basis, label=label,
                  source=str(text))


def _series(emissions: np.ndarray, sectors: tuple[str, ...], target: Target) -> np.ndarray:
    """(..., T) the emissions the target is about."""
    if target.sector is not None:
        rows = [i for i, s in enumerate(sectors) if s == target.sector or s.startswith(f"{target.sector}|")]
        part = emissions[..., rows, :]
        return part.sum(axis=-2) if target.basis == "net" else np.maximum(part, 0.0).sum(axis=-2)
    if target.basis == "gross":
        return split_gross_removals(emissions, sectors)[0]
    return emissions.sum(axis=-2)


def measure_targets(target: Target, emissions: np.ndarray, bau: np.ndarray, sectors: tuple[str, ...],
                    years: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Required and achieved levels (t CO2e) of ``target`` for emissions ``(..., S, T)``; BAU is ``(S, T)``.

    ``met = achieved <= required``. For a peak-year target, required is the level in the peak year and
    achieved the highest level after it; for net zero, required is 0 and achieved the highest net
    level from the target year on.
    """
    t = int(np.flatnonzero(years == target.year)[0]) if target.year in years else None
    if t is None:
        raise InputError([Issue(file="targets", column="year", value=target.year, rule="year in the pathway",
                                message=f"target '{target.id}' is for {target.year}, outside the pathway "
                                        f"({years[0]}–{years[-1]})")])
    series = _series(emissions, sectors, target)
    if target.kind == "percent_below_bau":
        required = (1.0 - target.value) * _series(bau, sectors, target)[t]
        return np.broadcast_to(required, series.shape[:-1]), series[..., t]
    if target.kind == "absolute_cap":
        return np.broadcast_to(target.value, series.shape[:-1]), series[..., t]
    if target.kind == "peak_year":
        later = series[..., t + 1:]
        achieved = later.max(axis=-1) if later.shape[-1] else series[..., t]
        return series[..., t], np.maximum(achieved, series[..., t]) if later.shape[-1] else achieved
    return np.zeros(series.shape[:-1]), series[..., t:].max(axis=-1)


def evaluate_targets(pathway: Pathway, targets: list[Target], lang: str = "en") -> pd.DataFrame:
    """One row per target: required, achieved, gap and abatement still needed (Mt CO2e), met or not."""
    base = pathway.baseline
    gross, removals = pathway.gross(), pathway.removals()
    rows = []
    for tg in targets:
        required, achieved = (float(x) for x in measure_targets(tg, pathway.emissions, base.emissions,
                                                                  base.sectors, base.years))
        t = base.year_index(tg.year)
        bau = float(_series(base.emissions, base.sectors, tg)[t])
        gap = achieved - required
        rows.append({
            "scenario": pathway.name, "target_id": tg.id, "target": tg.title(lang), "kind": tg.kind,
            "year": tg.year, "sector": tg.sector or "total", "basis": tg.basis,
            "required_mtco2e": required / T_PER_MT, "achieved_mtco2e": achieved / T_PER_MT,
            "gap_mtco2e": gap / T_PER_MT, "met": bool(gap <= TOLERANCE_T),
            "abatement_needed_mtco2e": max(gap, 0.0) / T_PER_MT,
            "bau_mtco2e": bau / T_PER_MT,
            "required_below_bau_pct": 100 * tg.value if tg.kind == "percent_below_bau" else np.nan,
            "achieved_below_bau_pct": 100 * (1 - achieved / bau) if tg.kind in ("percent_below_bau", "absolute_cap")
            and bau > 0 else np.nan,
            "gross_mtco2e": gross[t] / T_PER_MT, "removals_mtco2e": removals[t] / T_PER_MT,
            "net_mtco2e": (gross[t] + removals[t]) / T_PER_MT,
            "is_estimate": bool(base.is_estimate), "estimate_note": base.estimate_note if base.is_estimate else "",
            "source": tg.source,
        })
    return pd.DataFrame(rows)
