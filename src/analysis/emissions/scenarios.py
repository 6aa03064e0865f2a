"""Scenario sets: validated YAML files of named scenarios, each a list of measures with an optional parent.

Input: a YAML file such as ``config/scenarios/brvt.yaml``::

    province: Bà Rịa – Vũng Tàu
    bau_uncertainty:            # Monte Carlo distributions of the BAU inputs (optional)
      driver_growth: {dist: normal, mean: 0, sd: 0.01, assumption: …}   # added to each year's growth
      elasticity: {dist: uniform, low: -0.1, high: 0.1, assumption: …}  # added to every elasticity
      intensity_rate: {…}       # added to every annual intensity change
      emission_factor: {…}      # multiplier of base-year emissions (activity × emission factor)
    scenarios:
      bau: {label: {vi: …, en: …}, measures: []}
      action_plan_2030:
        parent: bau
        measures: [ {id: …, kind: …, …} ]
      net_zero_2050:
        parent: action_plan_2030
        remove: [some_id]       # drop an inherited measure
        measures: [ {id: ee_programme, percent: 12} ]   # same id: overrides keys of the inherited measure

Output: a :class:`ScenarioSet`. A scenario inherits its parent's measures (parents first, in order), may
override them key by key (matched by ``id``) or remove them, and is validated *after* merging. Unknown keys,
unknown sectors, bad numbers, a parent that does not exist and a parent chain that loops are errors
naming the file and the key path (``scenarios.action_plan_2030.measures[2].start_year``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from analysis import paths
from analysis.emissions.measures import Distribution, Measure, parse_distribution, parse_measure
from analysis.emissions.yamlcheck import check_keys, join_path, load_yaml_file, require_mapping
from analysis.errors import InputError, Issue

DEFAULT_SCENARIO_FILE = paths.CONFIG_DIR / "scenarios" / "brvt.yaml"
BAU_UNCERTAINTY_KEYS = ("driver_growth", "elasticity", "intensity_rate", "emission_factor")
_TOP_KEYS = ("province", "description", "version", "bau_uncertainty", "scenarios")
_SCENARIO_KEYS = ("label", "description", "parent", "measures", "remove")


@dataclass(frozen=True)
class Scenario:
    """A resolved scenario: its own and inherited measures, in the order they are applied."""

    name: str
    measures: tuple[Measure, ...]
    parent: str | None = None
    label: dict[str, str] = field(default_factory=dict)
    description: str = ""

    def title(self, lang: str = "en") -> str:
        return self.label.get(lang) or self.label.get("en") or self.name


@dataclass(frozen=True)
class ScenarioSet:
    """All scenarios of one file, plus the declared BAU uncertainty."""

    file: str
    scenarios: dict[str, Scenario]
    province: str | None = None
    bau_uncertainty: dict[str, Distribution] = field(default_factory=dict)
    description: str = ""

    def __getitem__(self, name: str) -> Scenario:
        return self.scenarios[name]

    def names(self) -> list[str]:
        return list(self.scenarios)

    def all_measures(self) -> list[Measure]:
        """Every distinct measure id across the set (the first definition met wins)."""
        seen: dict[str, Measure] = {}
        for sc in self.scenarios.values():
            for m in sc.measures:
                seen.setdefault(m.id, m)
        return list(seen.values())


def load_scenarios(path: str | Path = DEFAULT_SCENARIO_FILE) -> ScenarioSet:
    """Read and validate a scenario file (default: the shipped Bà Rịa – Vũng Tàu set)."""
    data, file = load_yaml_file(path)
    return parse_scenarios(data, file)


def parse_scenarios(data: object, file: str) -> ScenarioSet:
    """Validate already-parsed YAML data; raise :class:`InputError` with every problem found."""
    issues: list[Issue] = require_mapping(data, file, "")
    if issues:
        raise InputError(issues)
    issues += check_keys(data, _TOP_KEYS, file, "", required=("scenarios",))
    province = _resolve_province(data.get("province"), file, issues)
    bau_unc = _parse_bau_uncertainty(data.get("bau_uncertainty") or {}, file, issues)
    raw_scenarios = data.get("scenarios") or {}
    issues += require_mapping(raw_scenarios, file, "scenarios")
    if issues:
        raise InputError(issues)
    for name, raw in raw_scenarios.items():
        where = join_path("scenarios", str(name))
        bad = require_mapping(raw, file, where)
        issues += bad or check_keys(raw, _SCENARIO_KEYS, file, where)
    if issues:
        raise InputError(issues)
    _check_parents(raw_scenarios, file, issues)
    if issues:
        raise InputError(issues)
    scenarios = {}
    for name in raw_scenarios:
        merged = _merge_chain(str(name), raw_scenarios, file, issues)
        measures = [parse_measure(raw, file, where, issues) for raw, where in merged]
        raw = raw_scenarios[name]
        label = raw.get("label") if isinstance(raw.get("label"), dict) else {"en": str(raw.get("label") or name)}
        scenarios[str(name)] = Scenario(name=str(name), measures=tuple(m for m in measures if m is not None),
                                        parent=raw.get("parent"), label=label,
                                        description=str(raw.get("description") or ""))
    if issues:
        raise InputError(_dedupe(issues))
    return ScenarioSet(file=file, scenarios=scenarios, province=province, bau_uncertainty=bau_unc,
                       description=str(data.get("description") or ""))


def _resolve_province(name: object, file: str, issues: list[Issue]) -> str | None:
    if name is None:
        return None
    from analysis.data.provinces import get_registry
    from analysis.errors import ProvinceNotFoundError

    try:
        return get_registry().resolve(str(name))
    except ProvinceNotFoundError as exc:
        issues.append(Issue(file=file, column="province", rule="known province", value=name, message=str(exc)))
        return None


def _parse_bau_uncertainty(raw: object, file: str, issues: list[Issue]) -> dict[str, Distribution]:
    bad = require_mapping(raw, file, "bau_uncertainty")
    if bad:
        issues += bad
        return {}
    issues += check_keys(raw, BAU_UNCERTAINTY_KEYS, file, "bau_uncertainty")
    out = {}
    for key in BAU_UNCERTAINTY_KEYS:
        if key in raw:
            nominal = 1.0 if key == "emission_factor" else 0.0
            d = parse_distribution(raw[key], file, join_path("bau_uncertainty", key), issues, nominal=nominal)
            if d is not None:
                out[key] = d
    return out


def _check_parents(raw_scenarios: dict, file: str, issues: list[Issue]) -> None:
    """Unknown parents and loops in the parent chain."""
    for name, raw in raw_scenarios.items():
        parent = raw.get("parent")
        if parent is not None and parent not in raw_scenarios:
            import difflib

            close = difflib.get_close_matches(str(parent), [str(k) for k in raw_scenarios], n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            issues.append(Issue(file=file, column=f"scenarios.{name}.parent", rule="known parent", value=parent,
                                message=f"the parent scenario '{parent}' is not defined in this file{hint}"))
    if issues:
        return
    for name in raw_scenarios:
        chain = [name]
        current = raw_scenarios[name].get("parent")
        while current is not None:
            if current in chain:
                loop = " → ".join(str(c) for c in [*chain[chain.index(current):], current])
                issues.append(Issue(file=file, column=f"scenarios.{name}.parent", rule="no parent loop",
                                    value=current, message=f"the parent chain loops: {loop}"))
                return
            chain.append(current)
            current = raw_scenarios[current].get("parent")


def _merge_chain(name: str, raw_scenarios: dict, file: str, issues: list[Issue]) -> list[tuple[dict, str]]:
    """The raw measure mappings of ``name`` after inheritance, with the key path of each (for messages)."""
    raw = raw_scenarios[name]
    base = _merge_chain(raw["parent"], raw_scenarios, file, issues) if raw.get("parent") is not None else []
    where = join_path("scenarios", name)
    merged = [(dict(m), w) for m, w in base]
    index = {m.get("id"): i for i, (m, _) in enumerate(merged)}
    removed = raw.get("remove") or []
    if not isinstance(removed, list):
        issues.append(Issue(file=file, column=join_path(where, "remove"), rule="list", value=removed,
                            message="'remove' must be a list of measure ids"))
        removed = []
    for i, mid in enumerate(removed):
        if mid not in index:
            issues.append(Issue(file=file, column=join_path(join_path(where, "remove"), i), rule="known measure",
                                value=mid, message=f"cannot remove '{mid}': no inherited measure has this id"))
    own = raw.get("measures") or []
    if not isinstance(own, list):
        issues.append(Issue(file=file, column=join_path(where, "measures"), rule="list", value=type(own).__name__,
                            message="'measures' must be a list of measures (lines starting with '- ')"))
        own = []
    own_ids: set = set()
    for i, m in enumerate(own):
        path = join_path(join_path(where, "measures"), i)
        if isinstance(m, dict) and m.get("id") in own_ids:
            issues.append(Issue(file=file, column=join_path(path, "id"), rule="unique measure id", value=m["id"],
                                message=f"the measure id '{m['id']}' is used twice in this scenario"))
            continue
        if isinstance(m, dict):
            own_ids.add(m.get("id"))
        if isinstance(m, dict) and m.get("id") in index:
            parent_raw, _ = merged[index[m["id"]]]
            merged[index[m["id"]]] = ({**parent_raw, **m}, path)
        else:
            if isinstance(m, dict) and m.get("id") is not None:
                index[m.get("id")] = len(merged)
            merged.append((m, path))
    return [(m, w) for m, w in merged if not (isinstance(m, dict) and m.get("id") in removed)]


def _dedupe(issues: list[Issue]) -> list[Issue]:
    """Drop repeats (an inherited measure's problem is met once per descendant scenario)."""
    seen, out = set(), []
    for issue in issues:
        if str(issue) not in seen:
            seen.add(str(issue))
            out.append(issue)
    return out
