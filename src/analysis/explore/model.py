"""The explorer's computation: lever positions in, the numbers and series the panel shows out (no widgets).

Inputs: a :class:`~analysis.run.context.RunContext` (from :func:`analysis.run.build_run`), the scenario explored,
a :class:`~analysis.explore.levers.LeverState` and the id of the target watched.

Output: a :class:`View`. Every number is the engine's, computed the way a run of the saved file computes it:

- the variant scenario is parsed (:func:`analysis.emissions.scenarios.parse_scenarios`) from the very entries the
  "Save as scenario" button writes (:mod:`analysis.explore.document`);
- its pathway is :func:`~analysis.emissions.pathways.compute_pathway` on the frozen BAU — or, when BAU growth levers
  were moved, on the BAU re-projected from the frozen BAU's inputs with those rates (a sensitivity: targets
  "below BAU" are then measured against that BAU, as they would be after ``netzero rebase``);
- the target row is :func:`~analysis.emissions.targets.evaluate_targets`, "% below BAU" is
  :func:`~analysis.emissions.pathways.percent_below_bau`, the verdict is :func:`~analysis.emissions.targets.target_status`;
- P(met) and the band are :func:`~analysis.explore.quick.quick_monte_carlo`: the engine's draws for this scenario.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

from analysis.emissions.baseline import Baseline
from analysis.emissions.pathways import Pathway, compute_pathway, percent_below_bau
from analysis.emissions.regrow import regrow_baseline
from analysis.emissions.scenarios import ScenarioSet, parse_scenarios
from analysis.emissions.targets import Target, evaluate_targets, target_status
from analysis.errors import InputError, Issue, suggest
from analysis.explore.document import (
    chain_document,
    growth_entries,
    read_document,
    restore_state,
    scenario_document,
    variant_entry,
    variant_name,
)
from analysis.explore.levers import GrowthLever, LeverState, MeasureLever, apply_growth, growth_levers, measure_levers
from analysis.explore.quick import QuickResult, kept_quick_monte_carlo, quick_monte_carlo

BALANCE_YEAR = 2050


@dataclass
class View:
    """What the panel shows for one lever state (t CO2e unless said otherwise)."""

    pathway: Pathway  # the explored scenario with the levers, on ``pathway.baseline``
    nominal: Pathway  # the explored scenario as in the file, on the frozen BAU
    frozen: Baseline
    target: Target
    row: dict  # evaluate_targets row of the watched target
    below_bau_pct: float  # net emissions below the BAU in the target's year (%)
    below_bau_mt: float  # the same in Mt CO2e: the BAU less the pathway's net emissions that year (+ = below)
    balance_year: int
    gross: float
    removals: float
    net: float
    verdict: str  # "met", "at risk", "not met" or "not applicable" (a percentage below a BAU that is not positive)
    mc: QuickResult | None
    growth_changed: bool
    changed: list[str] = field(default_factory=list)  # ids of the measures moved
    seconds: float = 0.0


class ExplorerModel:
    """A run, the scenario explored and its levers; :meth:`compute` gives the :class:`View` of a state."""

    def __init__(
        self, run, scenario: str | None = None, *, n_draws: int = 2000, seed: int | None = None, restore: bool = False
    ):
        self.run = run
        self.document = read_document(run.scenario_set)
        # levers move the frozen BAU; a file's own BAU growth (bau_growth) is where its growth levers start
        self.frozen: Baseline = run.frozen_baseline or run.baseline
        self.growth_levers: list[GrowthLever] = growth_levers(run, self.frozen)
        self.file_growth = self._file_growth()
        self.n_draws = int(n_draws)
        self.seed = run.params.seed if seed is None else int(seed)
        restored = restore_state(self.document, run.scenario_set) if restore else None
        if restored:
            parent, state, name = restored
            self.explore(parent, state, restored=name)
        else:
            self.explore(scenario or run.main.name)

    # -- what is explored ---------------------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self.run.lang

    @property
    def targets(self) -> list[Target]:
        """The targets the explorer can watch (those checked on the run's own BAU)."""
        return self.run.evaluable_targets()

    def explore(self, name: str, state: LeverState | None = None, *, restored: str | None = None) -> None:
        """Explore scenario ``name`` of the file (levers at the file's values, or at ``state``)."""
        if name not in self.run.scenario_set.scenarios:
            raise InputError(
                [
                    Issue(
                        file=self.run.scenario_set.file,
                        column="main_scenario",
                        value=name,
                        rule="known scenario",
                        message=f"no scenario '{name}' in the file{suggest(name, self.run.scenario_set.names())}",
                    )
                ]
            )
        self.scenario = self.run.scenario_set[name]
        self.levers: list[MeasureLever] = measure_levers(self.scenario)
        self.state = state or LeverState(scenario=name)
        if not self.state.growth:
            self.state.growth.update(self.file_growth)
        self.variant = variant_name(self.document, name, restored)

    def _file_growth(self) -> dict[str, float]:
        """The growth levers at the rates the scenario file sets (``bau_growth``); when a rate matches no lever the
        explorer takes the file's re-projected BAU as its starting point instead."""
        if self.run.frozen_baseline is None:
            return {}
        keys = {lv.key for lv in self.growth_levers}
        rates = {f"{g.province}|{g.driver}|{g.first}-{g.last}": g.rate for g in self.run.scenario_set.bau_growth}
        if set(rates) <= keys:
            return rates
        self.frozen = self.run.baseline
        self.growth_levers = growth_levers(self.run, self.frozen)
        return {}

    def target(self, target_id: str | None = None) -> Target:
        """The target ``target_id`` (default: the run's headline target when it is watchable, else the first)."""
        by_id = {tg.id: tg for tg in self.targets}
        if not by_id:
            raise InputError(
                [
                    Issue(
                        file="targets",
                        column="headline_target",
                        rule="a target to watch",
                        message=f"no target applies to {self.run.province}'s own BAU",
                    )
                ]
            )
        if target_id is None:
            return by_id.get(self.run.headline.id, self.targets[0])
        if target_id not in by_id:
            raise InputError(
                [
                    Issue(
                        file="targets",
                        column="headline_target",
                        value=target_id,
                        rule="known target",
                        message=f"no target '{target_id}' in this run{suggest(target_id, by_id)}",
                    )
                ]
            )
        return by_id[target_id]

    # -- computing ---------------------------------------------------------------------------------------------
    def entry(self, state: LeverState | None = None, day: str | None = None) -> dict:
        """The variant scenario's entry for ``state`` (what is saved)."""
        return variant_entry(self.run.scenario_set, self.scenario.name, state or self.state, day)

    def saved_document(self, state: LeverState | None = None) -> dict:
        """The scenario file that saving ``state`` writes: the explored file, the variant as :meth:`entry`, and the
        moved growth levers as its ``bau_growth``."""
        state = state or self.state
        return scenario_document(
            self.document,
            province=self.run.province,
            admin_map=self.run.map,
            name=self.variant,
            entry=self.entry(state),
            source_file=self.run.scenario_set.file,
            growth=growth_entries(self.growth_levers, state),
        )

    def scenario_set(self, state: LeverState | None = None) -> ScenarioSet:
        """The file's scenarios plus the variant at ``state`` (the variant parsed as the saved file parses it)."""
        base = self.run.scenario_set
        entry = self.entry(state)
        parsed = parse_scenarios(chain_document(self.document, self.variant, entry), base.file)
        scenarios = dict(base.scenarios)
        scenarios[self.variant] = parsed[self.variant]
        return replace(base, scenarios=scenarios, main=self.variant, long_term=self.variant)

    def baseline(self, state: LeverState | None = None) -> Baseline:
        """The frozen BAU, or the BAU re-projected with the growth levers of ``state``."""
        inputs = self.frozen.inputs
        regrown = (
            None
            if inputs is None
            else apply_growth(inputs, self.growth_levers, state or self.state, self.run.constituents)
        )
        return self.frozen if regrown is None else regrow_baseline(self.frozen, regrown)

    def _file_values_key(self, target: Target) -> str:
        """What the draws of the scenario at the file's values are computed from: the run's facts key (its
        parameters but the language, every input file and the code), the scenario, the target, draws and seed."""
        from analysis.fingerprint import hash_json
        from analysis.run.facts import facts_key

        return hash_json(
            ["explorer", facts_key(self.run.params), self.scenario.name, target.id, self.n_draws, self.seed]
        )

    def compute(self, state: LeverState | None = None, target_id: str | None = None) -> View:
        """The :class:`View` of ``state`` (default: the current state) for the target watched."""
        started = time.perf_counter()
        state = state or self.state
        scenario_set = self.scenario_set(state)
        baseline = self.baseline(state)
        pathway = compute_pathway(baseline, scenario_set[self.variant])
        target = self.target(target_id)
        row = evaluate_targets(pathway, [target], self.lang).iloc[0].to_dict()
        year = BALANCE_YEAR if BALANCE_YEAR in baseline.years else int(baseline.years[-1])
        k = baseline.year_index(year)
        gross, removals = float(pathway.gross()[k]), float(pathway.removals()[k])
        mc = None
        if self.n_draws and baseline.inputs is not None and self.run.has_uncertainty:

            def draws() -> QuickResult:
                return quick_monte_carlo(
                    baseline.inputs, scenario_set, self.variant, target, self.n_draws, seed=self.seed
                )

            unmoved = baseline is self.frozen and not state.changed_measures(self.levers)
            mc = kept_quick_monte_carlo(self._file_values_key(target), draws) if unmoved else draws()
        return View(
            pathway=pathway,
            nominal=self.run.pathways[self.scenario.name]
            if self.frozen is self.run.baseline
            else compute_pathway(self.frozen, self.run.scenario_set[self.scenario.name]),
            frozen=self.frozen,
            target=target,
            row=row,
            below_bau_pct=percent_below_bau(pathway, target.year),
            below_bau_mt=float(row["bau_mtco2e"]) - float(row["achieved_mtco2e"]),
            balance_year=year,
            gross=gross,
            removals=removals,
            net=gross + removals,
            verdict=target_status(row, mc.probability_met if mc else None),
            mc=mc,
            growth_changed=baseline is not self.frozen,
            changed=[lv.id for lv in state.changed_measures(self.levers)],
            seconds=time.perf_counter() - started,
        )
