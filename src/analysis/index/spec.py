"""What a composite index is made of: indicators, weights, aggregation, bounds and labels.

Inputs
------
A weights file in YAML (``config/weights/*.yaml``), loaded with ``yaml.safe_load``, in one of two forms:

- the full form, with the keys ``name, description, source, note, example, aggregation, bounds,
  weights, labels`` (only ``weights`` is required)::

      name: PGI
      aggregation: arithmetic      # or geometric
      bounds: [0, 10]              # range of every indicator
      weights: {sub1: 1, sub2: 1, sub3: 1, sub4: 1}
      labels: {sub1: {vi: "...", en: "..."}}

- the short form, a plain mapping ``{indicator: weight}``.

Outputs
-------
An :class:`IndexSpec`. Unknown keys, non-numeric or non-positive weights and unknown aggregation
methods raise :class:`~analysis.errors.InputError` naming the file and the key (with the closest
known key when one is near).
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, field
from pathlib import Path

from analysis.errors import InputError, Issue
from analysis.paths import relative_to_project

AGGREGATIONS = ("arithmetic", "geometric")
SPEC_KEYS = ("name", "description", "source", "note", "example", "aggregation", "bounds", "weights", "labels")


@dataclass(frozen=True)
class IndexSpec:
    """A composite index: score = Σ weight × value (arithmetic) or its geometric counterpart.

    Attributes
    ----------
    name : short name of the index (``"PGI"``, ``"PCI"`` …).
    weights : indicator -> weight, in column order; every weight > 0.
    aggregation : ``"arithmetic"`` (weighted sum) or ``"geometric"`` (see :func:`analysis.index.engine.aggregate`).
    bounds : (low, high) range of every indicator, or ``None`` when not bounded.
    labels : indicator -> ``{"vi": ..., "en": ...}`` display labels.
    source : where the weights come from (a citation, or "assumption").
    is_example : True for an illustrative weight set that is not an official one.
    """

    name: str
    weights: dict[str, float]
    aggregation: str = "arithmetic"
    bounds: tuple[float, float] | None = None
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    description: str = ""
    source: str = ""
    note: str = ""
    is_example: bool = False

    def __post_init__(self) -> None:
        if self.aggregation not in AGGREGATIONS:
            raise ValueError(f"aggregation must be one of {AGGREGATIONS}, not {self.aggregation!r}")
        if not self.weights or any(not (w > 0 and math.isfinite(w)) for w in self.weights.values()):
            raise ValueError("weights must be a non-empty mapping of positive finite numbers")

    @property
    def indicators(self) -> list[str]:
        """Indicator columns, in order."""
        return list(self.weights)

    @property
    def total_weight(self) -> float:
        """Sum of the weights (the score's maximum is this times the indicators' upper bound)."""
        return float(sum(self.weights.values()))

    def label(self, indicator: str, lang: str = "en") -> str:
        """Display label of ``indicator`` in ``lang`` (the column name when none is given)."""
        return self.labels.get(indicator, {}).get(lang, indicator)

    def with_aggregation(self, aggregation: str) -> IndexSpec:
        """The same index aggregated another way."""
        from dataclasses import replace

        return replace(self, aggregation=aggregation)


def make_equal_spec(indicators: list[str], name: str = "index", bounds: tuple[float, float] | None = None) -> IndexSpec:
    """A spec with weight 1 on each indicator (the default when no weights file is given)."""
    return IndexSpec(
        name=name,
        weights={c: 1.0 for c in indicators},
        bounds=bounds,
        source="assumption: equal weights (weight 1 on each indicator)",
    )


def _issue(file: str, key: str, message: str, rule: str, value: object = None) -> Issue:
    return Issue(file=file, column=key, value=value, rule=rule, message=message)


def _unknown(file: str, key: str, known: tuple[str, ...] | list[str], what: str) -> Issue:
    close = difflib.get_close_matches(str(key), list(known), n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return _issue(file, str(key), f"unknown {what} '{key}' (known: {', '.join(known)}){hint}", f"known {what}")


def _parse_weights(raw: object, file: str, issues: list[Issue]) -> dict[str, float]:
    if not isinstance(raw, dict) or not raw:
        issues.append(_issue(file, "weights", "'weights' must be a mapping {indicator: weight}", "weights mapping"))
        return {}
    weights: dict[str, float] = {}
    for key, value in raw.items():
        ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) and value > 0
        if not ok:
            issues.append(
                _issue(
                    file,
                    str(key),
                    f"the weight of '{key}' must be a positive number, not {value!r}",
                    "positive weight",
                    value,
                )
            )
            continue
        weights[str(key)] = float(value)
    return weights


def _parse_bounds(bounds: object, file: str, issues: list[Issue]) -> tuple[float, float] | None:
    """``bounds: [low, high]`` (low < high), or ``None``; a bad value adds an issue."""
    if bounds is None:
        return None
    ok = (
        isinstance(bounds, list)
        and len(bounds) == 2
        and all(isinstance(b, int | float) and not isinstance(b, bool) for b in bounds)
        and bounds[0] < bounds[1]
    )
    if not ok:
        issues.append(_issue(file, "bounds", "'bounds' must be [low, high] with low < high", "bounds", bounds))
        return None
    return float(bounds[0]), float(bounds[1])


def _parse_labels(labels: object, weights: dict[str, float], file: str, issues: list[Issue]) -> dict:
    """``labels: {indicator: {vi: ..., en: ...}}`` for indicators that have a weight; bad entries add issues."""
    if not isinstance(labels, dict):
        issues.append(_issue(file, "labels", "'labels' must map indicators to {vi: ..., en: ...}", "labels"))
        return {}
    for key, text in labels.items():
        if key not in weights:
            issues.append(_unknown(file, key, list(weights), "indicator in 'labels'"))
        elif not isinstance(text, dict) or set(text) - {"vi", "en"}:
            issues.append(_issue(file, str(key), f"the label of '{key}' must be {{vi: ..., en: ...}}", "labels"))
    return labels


def parse_spec(data: object, file: str = "<weights>") -> IndexSpec:
    """Build an :class:`IndexSpec` from parsed YAML (see the module docstring for the two forms)."""
    if not isinstance(data, dict) or not data:
        raise InputError(
            [
                _issue(
                    file,
                    "weights",
                    "the weights file must be a mapping (indicator: weight, or the full form with a 'weights' key)",
                    "weights mapping",
                )
            ]
        )
    issues: list[Issue] = []
    numeric = all(isinstance(v, int | float) and not isinstance(v, bool) for v in data.values())
    if "weights" not in data and numeric:
        data = {"weights": data}
    for key in data:
        if key not in SPEC_KEYS:
            issues.append(_unknown(file, key, SPEC_KEYS, "key"))
    if "weights" not in data:
        issues.append(
            _issue(
                file,
                "weights",
                "the weights file needs a 'weights' mapping {indicator: weight} (or be such a mapping itself)",
                "required key",
            )
        )
        raise InputError(issues)
    weights = _parse_weights(data["weights"], file, issues)
    aggregation = str(data.get("aggregation", "arithmetic"))
    if aggregation not in AGGREGATIONS:
        issues.append(_unknown(file, aggregation, AGGREGATIONS, "aggregation"))
    bounds = _parse_bounds(data.get("bounds"), file, issues)
    labels = _parse_labels(data.get("labels") or {}, weights, file, issues)
    if issues:
        raise InputError(issues)
    return IndexSpec(
        name=str(data.get("name", Path(file).stem)),
        weights=weights,
        aggregation=aggregation,
        bounds=bounds,
        labels={str(k): dict(v) for k, v in labels.items()},
        description=str(data.get("description", "")),
        source=str(data.get("source", "")),
        note=str(data.get("note", "")),
        is_example=bool(data.get("example", False)),
    )


def load_spec(path: str | Path) -> IndexSpec:
    """Read a weights file (YAML, ``safe_load``) into an :class:`IndexSpec`."""
    path = Path(path)
    shown = relative_to_project(path)
    if not path.is_file():
        raise InputError([Issue(file=shown, rule="file exists", message="weights file not found")])
    from analysis.data.yamlio import load_yaml_file

    data, shown = load_yaml_file(path)
    return parse_spec(data, shown)
