"""Everything a pathway report needs about one province, loaded once: profile, frozen BAU, scenarios, targets.

Input: the province (any spelling), the scenario and target files, the scenarios to show and the headline
target year. Output: :class:`PathwayContext`, used by the summary and the pathways notebooks so they do not
repeat the same loading code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from analysis import paths
from analysis.data.provinces import get_registry
from analysis.emissions.bau import frozen_bau
from analysis.emissions.baseline import Baseline
from analysis.emissions.pathways import Pathway, compute_pathways
from analysis.emissions.profile import ProvinceProfile, load_profile
from analysis.emissions.scenarios import ScenarioSet, load_scenarios
from analysis.emissions.targets import Target, load_targets
from analysis.errors import InputError, Issue


@dataclass
class PathwayContext:
    """A province's frozen BAU, its scenarios computed, and the targets (see module docstring)."""

    province: str
    profile: ProvinceProfile
    baseline: Baseline
    scenario_set: ScenarioSet
    targets: list[Target]
    pathways: dict[str, Pathway]
    main: Pathway  # the first scenario asked for
    last: Pathway  # the last scenario asked for (the long-term one)
    shown: dict[str, Pathway]  # BAU and the scenarios asked for
    headline: Target  # the whole-economy "% below BAU" target of the headline year


def load_pathway_context(province: str, scenario_file: str | Path, target_file: str | Path, scenarios: list[str],
                         target_year: int) -> PathwayContext:
    """Load and compute everything (paths relative to the project root)."""
    name = get_registry().resolve(province)
    profile = load_profile(name)
    baseline = frozen_bau(profile)
    scenario_set = load_scenarios(paths.PROJECT_ROOT / scenario_file)
    targets = load_targets(paths.PROJECT_ROOT / target_file)
    computed = compute_pathways(baseline, scenario_set)
    unknown = [s for s in scenarios if s not in computed]
    if unknown or not scenarios:
        raise InputError([Issue(file=str(scenario_file), column="scenarios", value=unknown,
                                rule="known scenario", message=f"unknown scenario(s) {unknown}; the file defines "
                                                               f"{', '.join(computed)}")])
    whole_economy = [x for x in targets if x.kind == "percent_below_bau" and x.sector is None]
    headline = next((x for x in whole_economy if x.year == target_year), None)
    if headline is None:
        raise InputError([Issue(file=str(target_file), column="targets", value=target_year, rule="headline target",
                                message=f"no whole-economy 'percent_below_bau' target for {target_year}")])
    shown = {k: v for k, v in computed.items() if k == "bau" or k in scenarios}
    return PathwayContext(province=name, profile=profile, baseline=baseline, scenario_set=scenario_set, targets=targets,
                          pathways=computed, main=computed[scenarios[0]], last=computed[scenarios[-1]], shown=shown,
                          headline=headline)
