"""The scenario document behind the explorer: the file explored plus one variant scenario, as saved to YAML.

Inputs: the raw data of the scenario file explored (``read_document``), the explored scenario's levers and a
:class:`~analysis.explore.levers.LeverState`. Outputs:

- :func:`variant_entry` — the variant scenario: ``parent`` = the scenario explored, ``measures`` = only the changed
  values (``id`` and the changed keys), each with an ``assumption:`` saying it was set in the explorer, on which
  date, from which value, and on what the parent's value rests;
- :func:`scenario_document` — the whole file to save: the explored file's scenarios (so the parent chain is
  there), the variant, ``provinces:`` the run's province, ``main`` and ``long_term`` the variant, and a
  description that says where it came from, and — when BAU growth levers were moved — ``bau_growth`` entries
  (:func:`growth_entries`): every run of the file re-projects the frozen BAU with them (a sensitivity the reports
  note; adopting them as the BAU is a profile edit and ``netzero rebase``);
- :func:`chain_document` — the variant and its ancestors only (what the explorer parses on every change: the same
  entries, so the same numbers as the saved file);
- :func:`write_document` (atomic) and :func:`restore_state`, which turns a saved variant back into lever positions.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import yaml

from analysis.data.yamlio import load_yaml_file
from analysis.emissions.scenarios import ScenarioSet
from analysis.explore.levers import GrowthLever, LeverState, MeasureLever, measure_levers, round_value
from analysis.i18n import t
from analysis.io import atomic_path

VARIANT_SUFFIX = "explorer"
_OVERRIDE_KEYS = {"id", "start_year", "full_effect_year", "assumption", "source"}


def read_document(scenario_set: ScenarioSet) -> dict:
    """The raw data of the file ``scenario_set`` was read from (a deep copy, safe to change)."""
    data, _ = load_yaml_file(scenario_set.path)
    return copy.deepcopy(data)


def _descends_from(doc: dict, name: str) -> bool:
    """True when a scenario of ``doc`` has ``name`` as an ancestor."""
    scenarios = doc.get("scenarios", {})
    for entry in scenarios.values():
        seen, parent = set(), (entry or {}).get("parent")
        while parent is not None and parent not in seen:
            if parent == name:
                return True
            seen.add(parent)
            parent = (scenarios.get(parent) or {}).get("parent")
    return False


def variant_name(doc: dict, parent: str, restored: str | None = None) -> str:
    """The variant's name: the restored one when it can be replaced, else ``<parent>_explorer`` (numbered)."""
    if restored and not _descends_from(doc, restored):
        return restored
    names = set(doc.get("scenarios", {}))
    name, n = f"{parent}_{VARIANT_SUFFIX}", 2
    while name in names:
        name, n = f"{parent}_{VARIANT_SUFFIX}_{n}", n + 1
    return name


def _note(lever: MeasureLever, state: LeverState, parent: str, day: str) -> str:
    parts = []
    value = state.size(lever)
    if value != lever.nominal:
        parts.append(
            f"{lever.key} {lever.nominal:g} → {value:g} ({lever.level_of(value):.0f} % of the value in '{parent}')"
        )
    (s0, f0), (s1, f1) = lever.years, state.span(lever)
    if s1 != s0:
        parts.append(f"start_year {s0} → {s1}")
    if f1 != f0:
        parts.append(f"full_effect_year {f0} → {f1}")
    basis = lever.measure.basis or "not stated"
    return (
        f"set in the explorer (notebooks/05_explorer) on {day}: {'; '.join(parts)}. The value in '{parent}' "
        f"rests on — {basis}"
    )


def variant_entry(scenario_set: ScenarioSet, parent: str, state: LeverState, day: str | None = None) -> dict:
    """The variant scenario's entry: the changed values of ``parent``'s measures, each with its note."""
    day = day or dt.date.today().isoformat()
    scenario = scenario_set[parent]
    measures = []
    for lever in state.changed_measures(measure_levers(scenario)):
        entry = {"id": lever.id}
        if state.size(lever) != lever.nominal:
            entry[lever.key] = state.size(lever)
        (s0, f0), (s1, f1) = lever.years, state.span(lever)
        if s1 != s0:
            entry["start_year"] = s1
        if f1 != f0:
            entry["full_effect_year"] = f1
        entry["source"] = None  # the number is no longer the cited one: its basis is the note below
        entry["assumption"] = _note(lever, state, parent, day)
        measures.append(entry)
    return {
        "label": {lang: t("xp_variant_label", lang, parent=scenario.title(lang)) for lang in ("vi", "en")},
        "description": f"{parent} with the levers set in the explorer on {day}",
        "parent": parent,
        "measures": measures,
    }


def chain_document(doc: dict, name: str, entry: dict) -> dict:
    """``{provinces: any, scenarios: {ancestors…, name: entry}}``: what the variant needs to be parsed."""
    scenarios, chain, parent = doc["scenarios"], {}, entry.get("parent")
    while parent is not None and parent not in chain:
        chain[parent] = scenarios[parent]
        parent = (scenarios[parent] or {}).get("parent")
    return {"provinces": "any", "scenarios": {**dict(reversed(chain.items())), name: entry}}


def growth_entries(levers: list[GrowthLever], state: LeverState, day: str | None = None) -> list[dict]:
    """The BAU growth levers moved, as the file's ``bau_growth`` entries (empty when none)."""
    day = day or dt.date.today().isoformat()
    return [
        {
            "province": lv.province,
            "driver": lv.driver,
            "years": [lv.first, lv.last],
            "percent_per_year": round_value(100 * state.rate(lv)),
            "source": None,
            "assumption": f"set in the explorer (notebooks/05_explorer) on {day}: {round_value(100 * lv.central)} "
            f"→ {round_value(100 * state.rate(lv))} %/yr; the frozen BAU's rate rests on — "
            f"{lv.source or 'the province profile'}",
        }
        for lv in state.changed_growth(levers)
    ]


def scenario_document(
    doc: dict,
    *,
    province: str,
    admin_map: int,
    name: str,
    entry: dict,
    source_file: str,
    growth: list[dict] | None = None,
    day: str | None = None,
) -> dict:
    """The file to save (see module docstring)."""
    day = day or dt.date.today().isoformat()
    out = copy.deepcopy(doc)
    out["provinces"], out["map"] = [province], admin_map
    out["scenarios"][name] = entry
    out["main"] = out["long_term"] = name
    intro = (
        f"Saved from the explorer on {day} for {province}: scenario '{name}' is '{entry['parent']}' of "
        f"{source_file} with the levers changed in the explorer (each changed measure says how in its "
        "'assumption')."
    )
    out.pop("bau_growth", None)
    if growth:
        out["bau_growth"] = growth
        intro += (
            " It also sets BAU growth rates (bau_growth): runs of this file re-project the frozen BAU with them, "
            "a sensitivity noted in every report."
        )
    out["description"] = " ".join(filter(None, [intro, str(doc.get("description") or "")]))
    return {k: out[k] for k in ("provinces", "map", "main", "long_term", "description") if k in out} | {
        k: v for k, v in out.items() if k not in ("provinces", "map", "main", "long_term", "description")
    }


def write_document(doc: dict, path: Path | str, *, province: str) -> Path:
    """Write ``doc`` as YAML (atomically), with a header saying how to run it."""
    path = Path(path)
    header = (
        f"# Scenario set saved by the netzero explorer (notebooks/05_explorer). Format: docs/scenarios.md.\n"
        f'# Run it:  netzero pathways --province "{province}" --scenario-file "{path}" --out '
        f"pathways.csv\n"
    )
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=110, default_flow_style=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        tmp.write_text(header + text, encoding="utf-8")
    return path


def restore_state(doc: dict, scenario_set: ScenarioSet) -> tuple[str, LeverState, str] | None:
    """``(parent, state, variant)`` when the file's main scenario only changes sizes and years of its parent's
    measures (as the explorer saves it), else ``None`` (explore the main scenario as it is)."""
    main = scenario_set.main
    entry = (doc.get("scenarios") or {}).get(main) or {}
    parent = entry.get("parent")
    if not main or parent not in scenario_set.scenarios or entry.get("remove"):
        return None
    levers = {lv.id: lv for lv in measure_levers(scenario_set[parent])}
    state = LeverState(scenario=parent)
    for raw in entry.get("measures") or []:
        lever = levers.get(raw.get("id"))
        if lever is None or set(raw) - _OVERRIDE_KEYS - {lever.key}:
            return None
        if lever.key in raw:
            state.sizes[lever.id] = float(raw[lever.key])
        span = (int(raw.get("start_year", lever.years[0])), int(raw.get("full_effect_year", lever.years[1])))
        if span != lever.years:
            state.years[lever.id] = span
    return parent, state, main
