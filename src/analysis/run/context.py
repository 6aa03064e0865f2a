"""One function builds a run: :func:`build_run` turns validated parameters into everything a report needs.

Used by every notebook, every ``netzero`` command that computes pathways, and (through the notebooks) the batch
runner, so they all read the same files the same way. Inputs: :class:`~analysis.run.parameters.RunParameters`
(or keyword values). Steps:

1. the province on the chosen map (a 2025 unit is the sum of the provinces merged into it);
2. each province's profile and frozen BAU; a profile file that changed since the BAU was frozen makes the run
   *stale* (a warning every report shows, with the file and the command that re-bases);
3. the scenario set (the named file, the province's own, or the national set — never another province's), its
   main and long-term scenarios (named by the parameters or by the file), the scenarios shown;
4. the targets (national targets applied to the province, its own, those inherited by a 2025 unit from its former
   provinces), national sector caps turned into the province's share, and the headline target;
5. every scenario's pathway on the frozen BAU, the target table, and — when asked — the Monte Carlo on the very
   inputs the frozen BAU was made from (one base for the headline and the uncertainty).

Output: :class:`RunContext`. Problems are :class:`~analysis.errors.InputError` naming the file, key and value.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

import pandas as pd

from analysis.data.provinces import Place, get_registry
from analysis.emissions.baseline import Baseline
from analysis.emissions.bau import frozen_bau_path, load_frozen_baselines
from analysis.emissions.combine import combine_baselines
from analysis.emissions.pathways import T_PER_MT, Pathway, compute_pathway, compute_pathways, percent_below_bau
from analysis.emissions.profile import ProvinceProfile
from analysis.emissions.scenarios import ScenarioSet
from analysis.emissions.targets import Target, evaluate_targets
from analysis.errors import InputError, Issue, suggest
from analysis.run.parameters import RunParameters, make_parameters
from analysis.run.resolve import collect_targets, find_scenarios


@dataclass(frozen=True)
class RunWarning:
    """Something a reader must be told (worded by :mod:`analysis.narrative.run`): a code and its values."""

    code: str
    values: dict = field(default_factory=dict)


@dataclass
class RunContext:
    """A province's run: profiles, frozen BAU, scenarios and pathways, targets, warnings (see module docstring)."""

    params: RunParameters
    province: str
    map: int
    constituents: tuple[str, ...]
    profiles: dict[str, ProvinceProfile]
    baselines: dict[str, Baseline]
    baseline: Baseline
    scenario_set: ScenarioSet
    scenario_origin: str
    targets: list[Target]
    pathways: dict[str, Pathway]
    main: Pathway
    long_term: Pathway
    shown: dict[str, Pathway]
    headline: Target
    warnings: list[RunWarning] = field(default_factory=list)
    frozen_baseline: Baseline | None = None  # the frozen BAU, when the scenario file re-projects it (bau_growth)
    place: Place | None = None  # where the name landed (a former province's successor, a name that joined a unit)
    territorial_baseline: Baseline | None = None  # the territorial BAU (the GPC view is derived from it)
    own_inventory: bool = False  # a 2025 unit's BAU re-based on its own official inventory, not its provinces' sum

    # -- the two views (docs/views.md) ----------------------------------------------------------------------
    @property
    def view(self) -> str:
        """The view the run shows: ``territorial`` or ``gpc``."""
        return self.params.view

    @cached_property
    def _views(self) -> dict:
        return {}

    def baseline_in(self, view: str) -> Baseline:
        """The run's BAU in ``view`` (the run's own view: :attr:`baseline`)."""
        from analysis.emissions.views import baseline_for_view

        if view == self.view:
            return self.baseline
        key = ("baseline", view)
        if key not in self._views:
            territorial = self.territorial_baseline or self.baseline
            parts = {c: self.baselines[c] for c in self.constituents} if self.is_unit else None
            self._views[key] = baseline_for_view(territorial, view, parts)
        return self._views[key]

    def scenarios_in(self, view: str) -> ScenarioSet:
        """The scenario set with each measure acting on its sectors in ``view``."""
        from analysis.emissions.views import scenario_set_for_view

        return scenario_set_for_view(self.scenario_set, view)

    def pathways_in(self, view: str) -> dict[str, Pathway]:
        """Every scenario's pathway in ``view`` (the run's own view: :attr:`pathways`)."""
        if view == self.view:
            return self.pathways
        key = ("pathways", view)
        if key not in self._views:
            self._views[key] = compute_pathways(self.baseline_in(view), self.scenarios_in(view))
        return self._views[key]

    def _pathway_in(self, pathway: Pathway, view: str) -> Pathway:
        if view == self.view:
            return pathway
        from analysis.emissions.views import scenario_for_view

        if pathway.name in self.scenario_set.scenarios:
            return self.pathways_in(view)[pathway.name]
        return compute_pathway(self.baseline_in(view), scenario_for_view(pathway.scenario, view))

    # -- what the reports show ------------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self.params.lang

    @property
    def target_year(self) -> int:
        return self.params.target_year

    @property
    def is_unit(self) -> bool:
        """True for a 2025 unit made of several former provinces."""
        return len(self.constituents) > 1

    @property
    def stale(self) -> dict[str, list[str]]:
        """Province -> profile files changed since its BAU was frozen (empty when every BAU is current)."""
        return {w.values["province"]: w.values["files"] for w in self.warnings if w.code == "stale_bau"}

    @property
    def has_uncertainty(self) -> bool:
        """True when the scenario file declares any distribution (else there is nothing to draw)."""
        return bool(self.scenario_set.bau_uncertainty) or any(m.uncertainty for m in self.scenario_set.all_measures())

    def evaluate(self, pathway: Pathway | None = None) -> pd.DataFrame:
        """Every target against ``pathway`` (default: the main scenario), one row each, with its origin.

        A target inherited from a former province is checked on that province's own BAU with the same scenario.
        A target is checked on the view it is stated in (``view: gpc`` or ``territorial``), whatever the run's view.
        """
        from analysis.emissions.views import baseline_for_view, scenario_for_view

        pathway = pathway or self.main
        frames = []
        for target in self.targets:
            view = target.view
            if target.origin == "inherited" and target.of in self.baselines:
                base = self.baselines[target.of]
                scenario = self.scenario_set.scenarios.get(pathway.name, pathway.scenario)
                own = compute_pathway(
                    baseline_for_view(base, view, {target.of: base}), scenario_for_view(scenario, view)
                )
                frame = evaluate_targets(own, [target], self.lang)
            else:
                frame = evaluate_targets(self._pathway_in(pathway, view), [target], self.lang)
            frame["origin"], frame["of"], frame["view"] = target.origin, target.of or "", view
            frames.append(frame)
        return pd.concat(frames, ignore_index=True)

    def headline_row(self) -> pd.Series:
        """The headline target evaluated on the main scenario."""
        table = self.evaluate(self.main)
        return table[table["target_id"] == self.headline.id].iloc[0]

    def percent_below_bau(self, pathway: Pathway | None = None, year: int | None = None) -> float:
        return percent_below_bau(pathway or self.main, year or self.target_year)

    @cached_property
    def monte_carlo(self):
        """The Monte Carlo of every scenario (``n_draws``, ``seed``) on the frozen BAU's inputs; ``None`` when
        ``n_draws`` is 0, the file declares no uncertainty, or the BAU was frozen without its inputs.

        Drawn once for the run's parameters (all but the language) and kept in the disk cache
        (:mod:`analysis.cache`, Parquet tables) under the facts' key: the facts are computed from it, and a report that
        shows the draws themselves (the fan chart, the probability table) reads the same draws instead of drawing
        them again in each language.
        """
        from analysis.cache import cached
        from analysis.emissions.montecarlo import MonteCarloResult
        from analysis.run.facts import facts_key

        if self.params.n_draws == 0 or not self.has_uncertainty or self.baseline.inputs is None:
            return None
        return cached(
            "montecarlo",
            self._draw_monte_carlo,
            files=(),  # the facts key holds them: the run's parameters but the language, its input files, the code
            key=facts_key(self.params),
            returns=MonteCarloResult,
            keep=256,  # the 63 provinces and 34 units, in both views, with room for other parameters
        )

    def _draw_monte_carlo(self):
        from analysis.emissions.montecarlo import run_monte_carlo

        targets = self.evaluable_targets()
        result = run_monte_carlo(
            self.baseline.inputs,
            self.scenarios_in(self.view),
            [t for t in targets if t.view == self.view],
            self.params.n_draws,
            seed=self.params.seed,
            is_estimate=self.baseline.is_estimate,
            estimate_note=self.baseline.estimate_note,
        )
        other = [t for t in targets if t.view != self.view]
        for view in sorted({t.view for t in other}):  # a target stated in the other view: drawn on that view
            base = self.baseline_in(view)
            if base.inputs is None:
                continue
            extra = run_monte_carlo(
                base.inputs,
                self.scenarios_in(view),
                [t for t in other if t.view == view],
                self.params.n_draws,
                seed=self.params.seed,
                is_estimate=base.is_estimate,
                estimate_note=base.estimate_note,
            )
            result = replace(
                result,
                probabilities=pd.concat([result.probabilities, extra.probabilities], ignore_index=True),
                targets=pd.concat([result.targets, extra.targets], ignore_index=True),
            )
        return result

    @cached_property
    def inherited_monte_carlo(self) -> dict:
        """Former province -> the Monte Carlo of its own part (its frozen BAU's inputs, the run's scenarios, the
        targets it left to the unit), so an inherited target has its own probability; empty without draws."""
        from analysis.emissions.montecarlo import run_monte_carlo

        out = {}
        if self.params.n_draws == 0 or not self.has_uncertainty:
            return out
        from analysis.emissions.views import baseline_for_view

        for of in sorted({t.of for t in self.targets if t.origin == "inherited" and t.of in self.baselines}):
            own = [t for t in self.targets if t.origin == "inherited" and t.of == of]
            for view in sorted({t.view for t in own}):  # each target on the view it is stated in
                base = baseline_for_view(self.baselines[of], view, {of: self.baselines[of]})
                if base.inputs is None:
                    continue
                result = run_monte_carlo(
                    base.inputs,
                    self.scenarios_in(view),
                    [t for t in own if t.view == view],
                    self.params.n_draws,
                    seed=self.params.seed,
                    is_estimate=base.is_estimate,
                    estimate_note=base.estimate_note,
                )
                if of in out:
                    result = replace(
                        result,
                        probabilities=pd.concat([out[of].probabilities, result.probabilities], ignore_index=True),
                        targets=pd.concat([out[of].targets, result.targets], ignore_index=True),
                    )
                out[of] = result
        return out

    def evaluable_targets(self) -> list[Target]:
        """The targets checked on the run's own BAU (inherited ones are about a former province's part)."""
        return [t for t in self.targets if t.origin != "inherited"]

    def headline_figures(self) -> dict[str, dict]:
        """The headline numbers of the batch index page (:meth:`analysis.run.facts.Facts.headline_figures` of this
        run's facts, in its language): read from the facts every report states, never worked out again."""
        from analysis.run.facts import facts_for

        return facts_for(self).headline_figures(self.lang)


# -- building ---------------------------------------------------------------------------------------------------
def locate_place(province: str, admin_map: int | None = None) -> Place:
    """Where a run for ``province`` lands: its name, map and the 2024 provinces it is made of; with no map (``None``
    or 0) the registry decides (:meth:`~analysis.data.provinces.Registry.locate`: today's map for a name on it)."""
    return get_registry().locate(province, admin_map or None)


def locate_run(params: RunParameters) -> tuple[RunParameters, Place]:
    """The run's parameters with its province canonical and its map decided (never 0), and where it landed."""
    place = get_registry().locate(params.province, params.map or None)
    return params.model_copy(update={"province": place.name, "map": place.admin_map}), place


def _stale_warning(name: str, profile: ProvinceProfile, baseline: Baseline, changed: list[str]) -> RunWarning | None:
    if not changed:
        return None
    values = {"province": name, "files": changed, "vintage": baseline.vintage, "frozen": str(frozen_bau_path(profile))}
    return RunWarning("stale_bau", values | {"map": profile.admin_map})


def load_province_baselines(constituents: tuple[str, ...]) -> tuple[dict, dict, list[RunWarning]]:
    """Each province's profile and frozen BAU (by display name), and a stale warning for each BAU whose input
    files changed since it was frozen."""
    profiles, baselines, stale = load_frozen_baselines(constituents)
    warnings = [_stale_warning(name, profiles[name], baselines[name], changed) for name, changed in stale.items()]
    return profiles, baselines, warnings


def unit_own_baseline(place: Place) -> tuple[ProvinceProfile, Baseline | None, RunWarning | None] | None:
    """A 2025 unit's own profile and frozen BAU once the unit has its own official inventory (``None`` before):
    ``(profile, baseline, warning)`` — the baseline is ``None`` and the warning says to re-base while the inventory
    has not been re-based yet; a re-based BAU whose inputs changed since comes with the stale warning."""
    from analysis.emissions.bau import load_unit_own_baseline

    own = load_unit_own_baseline(place.name) if place.admin_map == 2025 else None
    if own is None:
        return None
    profile, baseline, changed = own
    if baseline is None:
        return profile, None, RunWarning("unit_not_rebased", {"province": place.name})
    return profile, baseline, _stale_warning(place.name, profile, baseline, changed)


def _pick_scenario(name: str, declared: str | None, kind: str, scenario_set: ScenarioSet) -> str:
    """The main or long-term scenario: the parameter, else the file's declaration, else the only non-BAU one."""
    chosen = name or declared
    others = [n for n in scenario_set.names() if n != "bau"]
    if not chosen and len(others) == 1:
        chosen = others[0]
    if not chosen:
        raise InputError(
            [
                Issue(
                    file=scenario_set.file,
                    column=kind,
                    rule="named scenario",
                    message=f"say which scenario is the {kind.replace('_', '-')} one: add "
                    f"'{kind}: <name>' to the file or set the parameter "
                    f"{'main_scenario' if kind == 'main' else 'long_term_scenario'} "
                    f"(scenarios: {', '.join(scenario_set.names())})",
                )
            ]
        )
    if chosen not in scenario_set.scenarios:
        raise InputError(
            [
                Issue(
                    file=scenario_set.file,
                    column=kind,
                    value=chosen,
                    rule="known scenario",
                    message=f"no scenario '{chosen}' in the file{suggest(chosen, scenario_set.names())}",
                )
            ]
        )
    return chosen


def _shown(scenarios: list[str], scenario_set: ScenarioSet, pathways: dict) -> dict[str, Pathway]:
    unknown = [s for s in scenarios if s not in pathways]
    if unknown:
        raise InputError(
            [
                Issue(
                    file=scenario_set.file,
                    column="scenarios",
                    value=unknown[0],
                    rule="known scenario",
                    message=f"unknown scenario '{unknown[0]}'{suggest(unknown[0], pathways)}",
                )
            ]
        )
    wanted = set(scenarios) or set(pathways)
    return {k: v for k, v in pathways.items() if k == "bau" or k in wanted}


def _national_share(target: Target, baseline: Baseline) -> tuple[float, str] | RunWarning:
    """The province's share of the national emissions of ``target.sector`` in the base year, and its source; or the
    warning that says why there is none (no national figure that year, or the sector is not in the inventory)."""
    from analysis.inventory import national_sectors, supported_years

    rows = [s for s in baseline.sectors if s == target.sector or s.startswith(f"{target.sector}|")]
    if not rows:
        return RunWarning("cap_not_applied_sector", {"target": target.id, "sector": target.sector})
    try:
        nat = national_sectors(baseline.base_year)
        national = float(nat[nat["sector"].isin(rows)]["value"].sum())
    except InputError:  # no national figures that year
        national = 0.0
    if national <= 0:
        first, last = supported_years()
        return RunWarning(
            "cap_not_applied", {"target": target.id, "year": baseline.base_year, "first": first, "last": last}
        )
    own = float(sum(baseline.emissions[baseline.sectors.index(s), 0] for s in rows))
    return own / national, f"{nat['source'].iloc[0]}"


def _resolve_caps(targets: list[Target], baseline: Baseline, warnings: list[RunWarning]) -> list[Target]:
    """National sector caps become the province's caps (its base-year share of the national sector)."""
    out = []
    for t in targets:
        if t.kind != "national_cap_share":
            out.append(t)
            continue
        share = _national_share(t, baseline)
        if isinstance(share, RunWarning):
            warnings.append(share)
            continue
        value, source = share
        note = (
            f"{t.national_cap / T_PER_MT:g} Mt national cap × {value:.4%}, the province's share of national "
            f"{t.sector} emissions in {baseline.base_year} ({source})"
        )
        out.append(replace(t, kind="absolute_cap", value=t.national_cap * value, note=note))
    return out


def _format_notes(scenario_set: ScenarioSet, targets: list[Target], params: RunParameters, warnings: list) -> None:
    """A file still in format 1 (read, with the command that upgrades it), and each measure whose lead names a body
    that no longer exists on the run's date (reported under today's name, with the former one)."""
    import datetime as dt

    from analysis.config.scenarios import FORMAT
    from analysis.data.institutions import load_institutions
    from analysis.data.vocab import parse_date

    old = [scenario_set.file] if scenario_set.format < FORMAT else []
    old += sorted({t.file for t in targets if t.file_format < FORMAT and t.file})
    for file in old:
        warnings.append(RunWarning("old_format", {"file": file}))
    on = (parse_date(params.as_of) if params.as_of else None) or dt.date.today()
    reg = load_institutions()
    for m in scenario_set.all_measures():
        for agency_id in (m.lead, *m.partners):
            if not agency_id:
                continue
            now = reg.current(agency_id, on)
            if now.id != agency_id:
                values = {"measure": m.id, "former": agency_id, "today": now.id}
                warnings.append(RunWarning("former_agency", values))


def _gwp_notes(targets: list[Target], baseline: Baseline, warnings: list[RunWarning]) -> None:
    for t in targets:
        if t.kind == "absolute_cap" and t.gwp and t.gwp != baseline.gwp:
            warnings.append(RunWarning("gwp_basis", {"target": t.id, "target_gwp": t.gwp, "gwp": baseline.gwp}))


def _headline(params: RunParameters, targets: list[Target], headlines: dict[str, list[str]], file: str) -> Target:
    by_id = {t.id: t for t in targets}
    if params.headline_target:
        if params.headline_target not in by_id:
            raise InputError(
                [
                    Issue(
                        file=file,
                        column="headline_target",
                        value=params.headline_target,
                        rule="known target",
                        message=f"no target '{params.headline_target}' in this run"
                        f"{suggest(params.headline_target, by_id)}",
                    )
                ]
            )
        return by_id[params.headline_target]
    for origin in ("own", "given", "national"):
        for tid in headlines.get(origin, []):
            if tid in by_id and by_id[tid].year == params.target_year:
                return by_id[tid]
    raise InputError(
        [
            Issue(
                file=file,
                column="headline_target",
                value=params.target_year,
                rule="headline target",
                message=f"no target file names a headline target for {params.target_year}; set "
                f"headline_target (targets: {', '.join(by_id)})",
            )
        ]
    )


@dataclass
class BaselineContext:
    """Steps 1–2 of :func:`build_run` alone (what the BAU report needs): provinces, profiles, frozen BAUs."""

    params: RunParameters
    province: str
    map: int
    constituents: tuple[str, ...]
    profiles: dict[str, ProvinceProfile]
    baselines: dict[str, Baseline]
    baseline: Baseline
    warnings: list[RunWarning] = field(default_factory=list)
    place: Place | None = None  # where the name landed (a former province's successor, a name that joined a unit)
    territorial_baseline: Baseline | None = None  # the territorial BAU (``baseline`` is its GPC view when asked)
    own_inventory: bool = False  # a 2025 unit's BAU re-based on its own official inventory, not its provinces' sum

    @property
    def is_unit(self) -> bool:
        return len(self.constituents) > 1

    @property
    def view(self) -> str:
        return self.params.view

    @property
    def lang(self) -> str:
        return self.params.lang

    def drivers(self) -> pd.DataFrame:
        """The driver history of every province of the run (``province`` column first)."""
        return pd.concat([p.drivers.assign(province=name) for name, p in self.profiles.items()], ignore_index=True)


def load_baseline(params: RunParameters | None = None, **values) -> BaselineContext:
    """The province on its map, each profile and frozen BAU (a 2025 unit: their sum), and the stale warnings."""
    params = params if params is not None else make_parameters(**values)
    params, place = locate_run(params)
    province, constituents = place.name, place.constituents
    profiles, baselines, warnings = load_province_baselines(constituents)
    baseline = baselines[constituents[0]] if len(constituents) == 1 else combine_baselines(province, baselines)
    own = unit_own_baseline(place)
    if own is not None:  # the unit's own official inventory: its own BAU once re-based, the sum until then
        unit_profile, unit_baseline, warning = own
        warnings = [w for w in warnings if w.code != "stale_bau"] + ([warning] if warning else [])
        if unit_baseline is not None:
            profiles = {province: unit_profile}  # the unit's own assumptions made its BAU
            baseline = unit_baseline
    own_inventory = own is not None and own[1] is not None
    if params.base_year is not None and params.base_year != baseline.base_year:
        raise InputError(
            [
                Issue(
                    file="parameters",
                    column="base_year",
                    value=params.base_year,
                    rule="base year",
                    message=f"the BAU of {province} starts from its {baseline.base_year} inventory, not "
                    f"{params.base_year}; to re-base it on another inventory run "
                    f'`netzero rebase --province "{province}"`',
                )
            ]
        )
    if baseline.missing:
        warnings.append(RunWarning("missing_sectors", {"sectors": dict(baseline.missing)}))
    territorial = baseline
    if params.view != "territorial":  # the GPC view: scope 2 in place of grid-supplied generation (docs/views.md)
        from analysis.emissions.views import baseline_for_view

        parts = {c: baselines[c] for c in constituents} if len(constituents) > 1 else None
        baseline = baseline_for_view(territorial, params.view, parts)
    return BaselineContext(
        params=params,
        province=province,
        map=params.map,
        constituents=constituents,
        profiles=profiles,
        baselines=baselines,
        baseline=baseline,
        warnings=warnings,
        place=place,
        territorial_baseline=territorial,
        own_inventory=own_inventory,
    )


def build_run(params: RunParameters | None = None, **values) -> RunContext:
    """Build the run context (see module docstring) from ``params`` or keyword parameter values."""
    base = load_baseline(params, **values)
    params, province, constituents, baseline, warnings = (
        base.params,
        base.province,
        base.constituents,
        base.territorial_baseline,  # the view is applied after any re-projection below
        base.warnings,
    )
    profiles, baselines = base.profiles, base.baselines
    scenario_set, origin = find_scenarios(province, params.map, params.scenario_file or None)
    frozen = None
    if scenario_set.bau_growth:
        frozen, baseline = baseline, _regrow(baseline, scenario_set, constituents)
        warnings.append(RunWarning("bau_growth", {"file": scenario_set.file, "rates": scenario_set.bau_growth}))
    territorial = baseline
    if params.view != "territorial":  # the GPC view: scope 2 in place of grid-supplied generation
        from analysis.emissions.views import baseline_for_view, scenario_set_for_view

        parts = {c: base.baselines[c] for c in constituents} if len(constituents) > 1 else None
        baseline = baseline_for_view(territorial, params.view, parts)
        pathways = compute_pathways(baseline, scenario_set_for_view(scenario_set, params.view))
    else:
        pathways = compute_pathways(baseline, scenario_set)
    main = _pick_scenario(params.main_scenario, scenario_set.main, "main", scenario_set)
    long_term = _pick_scenario(params.long_term_scenario, scenario_set.long_term or main, "long_term", scenario_set)
    targets, headlines = collect_targets(province, params.map, constituents, params.targets_file or None)
    _format_notes(scenario_set, targets, params, warnings)
    targets = _resolve_caps(targets, territorial, warnings)  # national caps are territorial shares
    _gwp_notes(targets, baseline, warnings)
    if baseline.years[-1] < params.target_year:
        raise InputError(
            [
                Issue(
                    file="parameters",
                    column="target_year",
                    value=params.target_year,
                    rule="range",
                    message=f"the BAU ends in {baseline.years[-1]}",
                )
            ]
        )
    headline = _headline(params, targets, headlines, params.targets_file or "config/targets")
    if origin == "national":  # a 2025 unit is told as a unit: its former provinces' own targets are inherited
        code = "national_scenarios_unit" if len(constituents) > 1 else "national_scenarios"
        warnings.append(RunWarning(code, {"file": scenario_set.file, "province": province}))
    return RunContext(
        params=params,
        province=province,
        map=params.map,
        constituents=constituents,
        profiles=profiles,
        baselines=baselines,
        baseline=baseline,
        scenario_set=scenario_set,
        scenario_origin=origin,
        targets=targets,
        pathways=pathways,
        main=pathways[main],
        long_term=pathways[long_term],
        shown=_shown(params.scenarios, scenario_set, pathways),
        headline=headline,
        warnings=warnings,
        frozen_baseline=frozen,
        place=base.place,
        territorial_baseline=territorial,
        own_inventory=base.own_inventory,
    )


def _regrow(baseline: Baseline, scenario_set, constituents: tuple[str, ...]) -> Baseline:
    """The frozen BAU re-projected with the growth rates the scenario file sets (``bau_growth``)."""
    from analysis.emissions.regrow import apply_growth, regrow_baseline

    if baseline.inputs is None:
        raise InputError(
            [
                Issue(
                    file=scenario_set.file,
                    column="bau_growth",
                    rule="BAU inputs",
                    message="the frozen BAU was saved without its inputs, so it cannot be re-projected; run "
                    "`netzero rebase` first",
                )
            ]
        )
    rates = [(g.province, g.driver, g.first, g.last, g.rate) for g in scenario_set.bau_growth]
    inputs = apply_growth(
        baseline.inputs, rates, constituents, file=scenario_set.file, wheres=[g.where for g in scenario_set.bau_growth]
    )
    return regrow_baseline(baseline, inputs)


def headline_percent(context: RunContext) -> float | None:
    """The headline target as "percent below BAU" for charts (``None`` when it is not that kind)."""
    h = context.headline
    return 100 * h.value if h.kind == "percent_below_bau" and h.sector is None else None
