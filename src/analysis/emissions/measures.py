"""Mitigation measures: what a measure is, how it ramps in, and how it is read from YAML.

Inputs: one measure entry of a scenario file (a mapping). Output: a validated :class:`Measure`.

A measure names its sector(s) (names of :data:`analysis.data.kinds.SECTORS`, or a group such as
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
(``linear`` or ``s_curve``); optionally ``cost`` (``usd_per_tco2e``, or ``capex_usd``, ``opex_usd_per_year``,
``lifetime_years``, ``discount_rate``) and ``uncertainty`` (``effectiveness`` multiplier, and for a fuel
switch ``emission_factor``, a multiplier of ``ef_to``). Every number carries ``source:`` or ``assumption:``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.special import ndtri

from analysis.data.kinds import SECTORS
from analysis.errors import Issue
from analysis.emissions.yamlcheck import check_keys, join_path, read_kind, read_number, require_mapping

MEASURE_KINDS = ("percent", "absolute", "intensity", "fuel_switch", "removals", "ccs")
MULTIPLICATIVE = ("percent", "intensity", "fuel_switch", "ccs")
RAMPS = ("linear", "s_curve")
_MAGNITUDE_KEYS = {
    "percent": ("percent",),
    "absolute": ("tco2e_per_year",),
    "intensity": ("percent_per_year",),
    "fuel_switch": ("share_percent", "ef_from", "ef_to"),
    "removals": ("tco2e_per_year",),
    "ccs": ("capture_rate_percent", "coverage_percent"),
}
_COMMON_KEYS = ("id", "name", "sectors", "kind", "start_year", "full_effect_year", "ramp", "cost", "uncertainty",
                "source", "assumption", "ef_unit", "note")
_COST_KEYS = ("usd_per_tco2e", "capex_usd", "opex_usd_per_year", "lifetime_years", "discount_rate", "source",
              "assumption")
DISTRIBUTIONS = {"uniform": ("low", "high"), "triangular": ("low", "mode", "high"), "normal": ("mean", "sd")}


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

    def label(self, lang: str = "en") -> str:
        return self.name.get(lang) or self.name.get("en") or self.id


def compute_ramp(years: np.ndarray, start_year: int, full_effect_year: int, ramp: str = "linear") -> np.ndarray:
    """Share of full effect per year: 0 before ``start_year``, 1 from ``full_effect_year`` on.

    Linear: ``(t - start + 1) / (full - start + 1)``; S-curve: smoothstep ``3x² − 2x³`` of the same ``x``.
    """
    x = np.clip((np.asarray(years, dtype=float) - start_year + 1) / (full_effect_year - start_year + 1), 0.0, 1.0)
    return x if ramp == "linear" else x * x * (3.0 - 2.0 * x)


def expand_sectors(names: list[str], file: str, path: str, issues: list[Issue]) -> tuple[str, ...]:
    """Sector names (or groups like ``Energy``) to sector names; unknown names become issues."""
    out: list[str] = []
    for i, name in enumerate(names):
        group = [s for s in SECTORS if s == name or s.startswith(f"{name}|")]
        if not group:
            import difflib

            close = difflib.get_close_matches(str(name), list(SECTORS), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            issues.append(Issue(file=file, column=join_path(join_path(path, "sectors"), i), rule="known sector",
                                value=name, message=f"unknown sector '{name}'{hint}"))
        out.extend(s for s in group if s not in out)
    return tuple(out)


def parse_distribution(raw: object, file: str, path: str, issues: list[Issue], nominal: float = 1.0) \
        -> Distribution | None:
    """Read ``{dist: triangular, low:…, mode:…, high:…, source|assumption: …}``."""
    kind = read_kind(raw, "dist", DISTRIBUTIONS, file, path, issues, "distribution")
    if kind is None:
        return None
    names = DISTRIBUTIONS[kind]
    issues.extend(check_keys(raw, {"dist", *names, "source", "assumption"}, file, path, required=names))
    values = [read_number(raw, k, file, path, issues) for k in names]
    if any(v is None for v in values):
        return None
    ok = values[0] <= values[-1] if kind != "normal" else values[1] >= 0
    if kind == "triangular":
        ok = values[0] <= values[1] <= values[2]
    if not ok:
        issues.append(Issue(file=file, column=path, rule="ordered parameters", value=values,
                            message="distribution parameters are out of order (need low ≤ mode ≤ high, sd ≥ 0)"))
        return None
    _require_basis(raw, file, path, issues)
    return Distribution(kind, tuple(values), nominal)


def _require_basis(raw: dict, file: str, path: str, issues: list[Issue]) -> str:
    text = raw.get("source") or raw.get("assumption")
    if not isinstance(text, str) or not text.strip():
        issues.append(Issue(file=file, column=path, rule="cited or labelled",
                            message="every number needs a 'source:' (with its URL) or an 'assumption:' saying how "
                                    "it was chosen"))
        return ""
    return ("source: " if raw.get("source") else "assumption: ") + text.strip()


def _parse_cost(raw: object, file: str, path: str, issues: list[Issue]) -> Cost | None:
    if raw is None:
        return None
    if require_mapping(raw, file, path):
        issues.extend(require_mapping(raw, file, path))
        return None
    issues.extend(check_keys(raw, _COST_KEYS, file, path))
    basis = _require_basis(raw, file, path, issues)
    if "usd_per_tco2e" in raw:
        return Cost(usd_per_tco2e=read_number(raw, "usd_per_tco2e", file, path, issues), basis=basis)
    if "capex_usd" not in raw and "opex_usd_per_year" not in raw:
        issues.append(Issue(file=file, column=path, rule="cost given",
                            message="a cost needs 'usd_per_tco2e' or 'capex_usd'/'opex_usd_per_year' with "
                                    "'lifetime_years'"))
        return None
    return Cost(capex_usd=read_number(raw, "capex_usd", file, path, issues, low=0, default=0.0),
                opex_usd_per_year=read_number(raw, "opex_usd_per_year", file, path, issues, default=0.0),
                lifetime_years=read_number(raw, "lifetime_years", file, path, issues, low=1, high=100, default=20.0),
                discount_rate=read_number(raw, "discount_rate", file, path, issues, low=0, high=1),
                basis=basis)


def parse_measure(raw: object, file: str, path: str, issues: list[Issue]) -> Measure | None:
    """Validate one measure mapping; problems are appended to ``issues`` (``None`` returned when unusable)."""
    kind = read_kind(raw, "kind", MEASURE_KINDS, file, path, issues, "measure kind")
    if kind is None:
        return None
    n_before = len(issues)
    issues.extend(check_keys(raw, {*_COMMON_KEYS, *_MAGNITUDE_KEYS[kind]}, file, path,
                             required=("id", "sectors", "start_year", "full_effect_year", *_MAGNITUDE_KEYS[kind])))
    sectors_raw = raw.get("sectors")
    if isinstance(sectors_raw, str):
        sectors_raw = [sectors_raw]
    sectors = expand_sectors(list(sectors_raw or []), file, path, issues)
    if kind == "removals" and sectors and sectors != ("LULUCF",):
        issues.append(Issue(file=file, column=join_path(path, "sectors"), rule="removals in LULUCF",
                            value=list(sectors), message="added removals belong to the sector 'LULUCF'"))
    start = read_number(raw, "start_year", file, path, issues, low=1990, high=2100, integer=True)
    full = read_number(raw, "full_effect_year", file, path, issues, low=1990, high=2100, integer=True)
    if start is not None and full is not None and full < start:
        issues.append(Issue(file=file, column=join_path(path, "full_effect_year"), rule="full effect after start",
                            value=full, message=f"'full_effect_year' ({full}) is before 'start_year' ({start})"))
    ramp = raw.get("ramp", "linear")
    if ramp not in RAMPS:
        issues.append(Issue(file=file, column=join_path(path, "ramp"), rule="known ramp", value=ramp,
                            message=f"'ramp' must be one of {', '.join(RAMPS)}"))
    magnitude, coverage, ratio = _read_magnitude(kind, raw, file, path, issues)
    basis = _require_basis(raw, file, path, issues)
    cost = _parse_cost(raw.get("cost"), file, join_path(path, "cost"), issues)
    uncertainty = {}
    unc_raw = raw.get("uncertainty") or {}
    if not require_mapping(unc_raw, file, join_path(path, "uncertainty")):
        allowed = ("effectiveness", "emission_factor") if kind == "fuel_switch" else ("effectiveness",)
        issues.extend(check_keys(unc_raw, allowed, file, join_path(path, "uncertainty")))
        for key in allowed:
            if key in unc_raw:
                d = parse_distribution(unc_raw[key], file, join_path(join_path(path, "uncertainty"), key), issues)
                if d is not None:
                    uncertainty[key] = d
    else:
        issues.extend(require_mapping(unc_raw, file, join_path(path, "uncertainty")))
    name = raw.get("name") if isinstance(raw.get("name"), dict) else {"en": str(raw.get("name") or raw.get("id"))}
    if len(issues) > n_before:
        return None
    return Measure(id=str(raw["id"]), kind=kind, sectors=sectors, start_year=start, full_effect_year=full, ramp=ramp,
                   magnitude=magnitude, coverage=coverage, ef_ratio=ratio, name=name, cost=cost,
                   uncertainty=uncertainty, basis=basis)


def _read_magnitude(kind: str, raw: dict, file: str, path: str, issues: list[Issue]) -> tuple[float, float, float]:
    num = read_number
    if kind == "percent":
        return (num(raw, "percent", file, path, issues, low=0, high=100) or 0) / 100, 1.0, 1.0
    if kind in ("absolute", "removals"):
        return num(raw, "tco2e_per_year", file, path, issues, low=0) or 0.0, 1.0, 1.0
    if kind == "intensity":
        return (num(raw, "percent_per_year", file, path, issues, low=-50, high=50) or 0) / 100, 1.0, 1.0
    if kind == "ccs":
        rate = num(raw, "capture_rate_percent", file, path, issues, low=0, high=100) or 0
        cover = num(raw, "coverage_percent", file, path, issues, low=0, high=100) or 0
        return rate / 100, cover / 100, 1.0
    share = num(raw, "share_percent", file, path, issues, low=0, high=100) or 0
    ef_from = num(raw, "ef_from", file, path, issues, low=0)
    ef_to = num(raw, "ef_to", file, path, issues, low=0)
    if ef_from == 0:
        issues.append(Issue(file=file, column=join_path(path, "ef_from"), rule="positive", value=0,
                            message="'ef_from' must be above zero (the fuel being replaced emits)"))
        return 0.0, 1.0, 1.0
    ratio = (ef_to / ef_from) if (ef_from and ef_to is not None) else 1.0
    return share / 100, 1.0, ratio
