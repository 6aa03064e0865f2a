"""One set of facts per run: every figure a report states, computed once, in one typed object.

Input: a :class:`~analysis.run.context.RunContext` (its Monte Carlo when it ran). Output: :class:`Facts`, written as
``facts.json`` beside each run's manifest (:func:`analysis.report.runner` takes it from the executed notebook).
Notebooks, the Excel workbooks and the batch index only *format* facts; no notebook computes a figure another report
states. The facts do not depend on the report's language (names are ``{vi, en}``), so :func:`facts_for` computes
them once for a run's resolved parameters (all but ``lang``) and keeps them in ``data/processed/cache/facts/`` keyed
by those parameters, every input file and the package's code: both languages and every notebook of a province — in
forked kernels, Dask workers or a resumed batch — read the same file (JSON, never pickle; a damaged entry is computed
again).

Conventions stated once:

- emissions in Mt CO2e (the GWP set of the inventory), per person in t CO2e;
- **gap** = emissions achieved − emissions allowed, Mt CO2e: **positive is a shortfall, negative a surplus**; reports
  say "còn thiếu …"/"shortfall of …" or "dư …"/"surplus of …" with the magnitude, never a signed gap;
- a *stated* value is the deterministic (central) run; ``median``, ``p5`` and ``p95`` are the Monte Carlo's (``None``
  without draws); the headline states the median where the two differ by more than :data:`SKEW_TOLERANCE`;
- a value not estimated is ``None`` with a ``reason``, never 0;
- every fact has a dotted key (``targets.brvt_2030_action_plan.p_met``) that reports mark printed figures with.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from analysis import paths
from analysis.io import atomic_path
from analysis.units import T_PER_MT

FACTS_VERSION = 1
SKEW_TOLERANCE = 0.01  # the median is the headline when it differs from the stated value by more than 1 %
GAP_CONVENTION = "gap = emissions achieved − emissions allowed (Mt CO2e): positive is a shortfall, negative a surplus"
CACHE_DIR = paths.PROCESSED_DIR / "cache" / "facts"
FACTS_NAME = "facts.json"
Label = dict[str, str]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Spread(_Model):
    """A stated (central) value with the Monte Carlo's median and 5–95 % range (``None`` without draws)."""

    unit: str = "Mt CO2e"
    stated: float | None
    median: float | None = None
    p5: float | None = None
    p95: float | None = None
    reason: str = ""  # why a value is missing

    @property
    def headline(self) -> float | None:
        """The value a report leads with: the median when the draws are skewed away from the stated value."""
        if self.median is None or self.stated is None:
            return self.stated
        skewed = abs(self.median - self.stated) > SKEW_TOLERANCE * max(abs(self.stated), 1e-9)
        return self.median if skewed else self.stated


class TargetFact(_Model):
    """One target of the run, evaluated on the main scenario (an inherited one on its former province's part)."""

    id: str
    title: Label
    kind: str
    year: int
    origin: str  # own, national, inherited, given
    of: str = ""  # the former province an inherited target belongs to
    document: str | None = None
    view: str = "territorial"
    applicable: bool = True
    reason: str = ""  # why it is not applicable (a percent below a BAU that is not positive)
    required: float | None = None  # Mt CO2e allowed
    achieved: float | None = None  # Mt CO2e of the main scenario
    gap: Spread | None = None  # achieved − allowed; positive = shortfall
    bau: float | None = None  # Mt CO2e in the target year (the sector's when the target is for one)
    below_bau_pct: float | None = None  # achieved, % below BAU (percent and cap targets)
    required_below_bau_pct: float | None = None
    met_central: bool | None = None
    p_met: float | None = None
    verdict: str = ""  # met, at risk, not met, not applicable


class MeasureFact(_Model):
    """One measure of the main scenario: its cut in the target year in the plan's order, cost and who leads it."""

    id: str
    name: Label
    kind: str
    sectors: list[str]
    start_year: int
    full_effect_year: int
    cut: float  # Mt CO2e in the target year, in the plan's order (after the measures before it)
    cut_alone: float  # Mt CO2e if it were the only measure
    cost_usd_per_t: float | None = None  # levelised, on its cut in the plan's order
    cost_vnd_per_t: float | None = None
    cost_basis: str = ""  # "illustrative …", "assumption: …" or a source
    lead: str = ""  # agency id
    lead_text: Label = Field(default_factory=dict)  # a body the register does not know
    partners: list[str] = Field(default_factory=list)
    deadline: str | None = None  # ISO date
    next_step: Label = Field(default_factory=dict)
    documents: list[str] = Field(default_factory=list)


class SectorFact(_Model):
    key: str
    base: float
    bau: float  # target year
    main: float  # target year, main scenario


class Facts(_Model):
    """Every figure the reports of one run state (see the module docstring)."""

    version: int = FACTS_VERSION
    key: str  # sha256 of what the facts were computed from (parameters but lang, inputs, code)
    conventions: dict[str, str]
    province: str
    map: int
    constituents: list[str]
    successor: str | None = None
    joined_from: str | None = None
    is_estimate: bool
    gwp: str
    base_year: int
    target_year: int
    as_of: str | None = None
    n_draws: int
    seed: int
    scenarios: dict[str, Label]  # id -> title
    main: str
    long_term: str
    headline_target: str
    net_base: float
    gross_base: float
    removals_base: float
    bau: Spread  # net, target year
    scenario: Spread  # net, target year, main scenario
    below_bau_pct: float  # main scenario, target year
    long_term_year: int
    long_term_net: Spread
    long_term_gross: float
    long_term_removals: float
    per_person: float | None  # t CO2e per person, base year
    population: float | None
    population_note: str = ""
    sectors: list[SectorFact]
    targets: list[TargetFact]
    measures: list[MeasureFact]
    exchange_rate: dict[str, Any] = Field(default_factory=dict)  # VND per USD, its date and source

    # -- look-ups -----------------------------------------------------------------------------------------------
    def target(self, target_id: str) -> TargetFact:
        return next(t for t in self.targets if t.id == target_id)

    @property
    def headline(self) -> TargetFact:
        return self.target(self.headline_target)

    def measure(self, measure_id: str) -> MeasureFact:
        return next(m for m in self.measures if m.id == measure_id)

    def get(self, key: str) -> Any:
        """A fact by its dotted key: ``bau.median``, ``targets.<id>.p_met``, ``measures.<id>.cut``."""
        parts = key.split(".")
        node: Any = self
        k = 0
        while k < len(parts):
            part = parts[k]
            if part in ("targets", "measures", "sectors") and isinstance(getattr(node, part, None), list):
                items = getattr(node, part)
                node = next(x for x in items if getattr(x, "id", getattr(x, "key", None)) == parts[k + 1])
                k += 2
                continue
            node = node[part] if isinstance(node, dict) else getattr(node, part)
            k += 1
        return node

    def to_json(self) -> str:
        return self.model_dump_json(indent=1)


# -- computing ---------------------------------------------------------------------------------------------------
def _mt(tonnes) -> float:
    return float(tonnes) / T_PER_MT


def _mc_row(mc, scenario: str, variable: str, year: int):
    if mc is None:
        return None
    table = mc.percentiles
    hit = table[(table["scenario"] == scenario) & (table["variable"] == variable) & (table["year"] == year)]
    return hit.iloc[0] if len(hit) else None


def _spread(stated: float, row) -> Spread:
    if row is None:
        return Spread(stated=stated)
    return Spread(stated=stated, median=float(row["p50"]), p5=float(row["p5"]), p95=float(row["p95"]))


def _percent_not_applicable(target, bau_t: float) -> str:
    if target.kind == "percent_below_bau" and bau_t <= 0:
        return "bau_not_positive"
    return ""


def target_facts(run) -> list[TargetFact]:
    """Every target of the run on the main scenario, with its Monte Carlo spread and the one verdict rule."""
    from analysis.emissions.montecarlo import summarise_target
    from analysis.emissions.targets import verdict

    table = run.evaluate(run.main)
    mc = run.monte_carlo
    out = []
    for target in run.targets:
        row = table[table["target_id"] == target.id].iloc[0]
        bau_t = float(row["bau_mtco2e"])
        reason = _percent_not_applicable(target, bau_t)
        u = None
        drawn = run.inherited_monte_carlo.get(target.of) if target.origin == "inherited" else mc
        if drawn is not None and not reason:
            try:
                u = summarise_target(drawn, run.main.name, target.id)
            except KeyError:
                u = None
        gap = float(row["gap_mtco2e"])
        spread = Spread(
            stated=gap,
            median=u.gap_p50_mtco2e if u else None,
            p5=u.gap_p5_mtco2e if u else None,
            p95=u.gap_p95_mtco2e if u else None,
        )
        met = None if reason else bool(row["met"])
        p = u.probability_met if u else None
        out.append(
            TargetFact(
                id=target.id,
                title=dict(target.label) or {"en": target.id, "vi": target.id},
                kind=target.kind,
                year=target.year,
                origin=target.origin,
                of=target.of or "",
                document=target.document,
                view=target.view,
                applicable=not reason,
                reason=reason,
                required=float(row["required_mtco2e"]),
                achieved=float(row["achieved_mtco2e"]),
                gap=None if reason else spread,
                bau=bau_t,
                below_bau_pct=None if np.isnan(row["achieved_below_bau_pct"]) else float(row["achieved_below_bau_pct"]),
                required_below_bau_pct=None
                if np.isnan(row["required_below_bau_pct"])
                else float(row["required_below_bau_pct"]),
                met_central=met,
                p_met=p,
                verdict="not applicable" if reason else verdict(bool(met), p),
            )
        )
    return out


def measure_facts(run, exchange: dict) -> list[MeasureFact]:
    """The main scenario's measures: each one's cut in the target year in the plan's order (the number every table
    and the cost curve state), its cut alone, and its levelised cost on the cut in the plan's order."""
    from analysis.emissions.macc import compute_levelised_cost

    pathway, year = run.main, run.target_year
    i = pathway.baseline.year_index(year)
    rate = exchange.get("vnd_per_usd")
    out = []
    for k, m in enumerate(pathway.measures):
        cut = float(pathway.abatement[k, :, i].sum())
        alone = float(pathway.standalone[k, :, i].sum())
        cost = compute_levelised_cost(m.cost, cut) if m.cost is not None else None
        cost = None if cost is None or np.isnan(cost) else float(cost)
        out.append(
            MeasureFact(
                id=m.id,
                name=dict(m.name) or {"en": m.id, "vi": m.id},
                kind=m.kind,
                sectors=list(m.sectors),
                start_year=m.start_year,
                full_effect_year=m.full_effect_year,
                cut=_mt(cut),
                cut_alone=_mt(alone),
                cost_usd_per_t=cost,
                cost_vnd_per_t=cost * rate if cost is not None and rate else None,
                cost_basis=m.cost.basis if m.cost is not None else "",
                lead=m.lead,
                lead_text=dict(m.lead_text),
                partners=list(m.partners),
                deadline=m.deadline.isoformat() if m.deadline else None,
                next_step=dict(m.next_step),
                documents=list(m.documents),
            )
        )
    return out


def compute_facts(run, key: str = "") -> Facts:
    """The facts of ``run`` (see the module docstring)."""
    from analysis.data.exchange import load_exchange_rate
    from analysis.emissions.profile import base_year_population

    b, main, lt, year = run.baseline, run.main, run.long_term, run.target_year
    mc = run.monte_carlo
    i = b.year_index(year)
    last = int(b.years[-1])
    j = b.year_index(last)
    exchange = load_exchange_rate()
    population, note = base_year_population(run.profiles)
    place = getattr(run, "place", None)
    net_base = float(b.net()[0])
    return Facts(
        key=key,
        conventions={"gap": GAP_CONVENTION, "units": "Mt CO2e; per person t CO2e; percent as 0–100"},
        province=run.province,
        map=run.map,
        constituents=list(run.constituents),
        successor=getattr(place, "successor", None),
        joined_from=getattr(place, "joined_from", None),
        is_estimate=bool(b.is_estimate),
        gwp=b.gwp,
        base_year=b.base_year,
        target_year=year,
        as_of=run.params.as_of or None,
        n_draws=run.params.n_draws if mc is not None else 0,
        seed=run.params.seed,
        scenarios={name: dict(p.scenario.label) for name, p in run.pathways.items()},
        main=main.name,
        long_term=lt.name,
        headline_target=run.headline.id,
        net_base=_mt(net_base),
        gross_base=_mt(b.gross()[0]),
        removals_base=_mt(b.removals()[0]),
        bau=_spread(_mt(b.net()[i]), _mc_row(mc, "bau", "net", year)),
        scenario=_spread(_mt(main.net()[i]), _mc_row(mc, main.name, "net", year)),
        below_bau_pct=float(run.percent_below_bau()),
        long_term_year=last,
        long_term_net=_spread(_mt(lt.net()[j]), _mc_row(mc, lt.name, "net", last)),
        long_term_gross=_mt(lt.gross()[j]),
        long_term_removals=_mt(lt.removals()[j]),
        per_person=net_base / population if population else None,
        population=population,
        population_note=note,
        sectors=[
            SectorFact(key=s, base=_mt(b.emissions[k, 0]), bau=_mt(b.emissions[k, i]), main=_mt(main.emissions[k, i]))
            for k, s in enumerate(b.sectors)
        ],
        targets=target_facts(run),
        measures=measure_facts(run, exchange),
        exchange_rate=exchange,
    )


# -- once per batch ------------------------------------------------------------------------------------------------
def facts_key(params) -> str:
    """What the facts of a run are computed from: its resolved parameters but ``lang``, every input file (config,
    data/raw, the profiles) and the package's code (:mod:`analysis.fingerprint`)."""
    from analysis.fingerprint import hash_files, hash_json, hash_package_code

    values = params.model_dump(mode="json", exclude={"lang"})
    inputs = hash_files([paths.CONFIG_DIR, paths.RAW_DIR, paths.PROFILES_DIR])
    return hash_json([values, inputs, hash_package_code(), FACTS_VERSION])


def facts_for(run, *, cache: bool = True) -> Facts:
    """The facts of ``run``, computed once for its parameters (all but ``lang``) and kept on disk; a file that
    cannot be read or written is computed again (an unwritable folder just computes every time)."""
    key = facts_key(run.params)
    path = CACHE_DIR / f"{key}.json"
    if cache and path.is_file():
        try:
            return Facts.model_validate_json(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    facts = compute_facts(run, key)
    if cache:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with atomic_path(path) as tmp:
                tmp.write_text(facts.to_json(), encoding="utf-8")
        except OSError:
            pass
    return facts


def write_facts(facts: Facts, folder: Path) -> Path:
    """``facts.json`` in a run folder (atomically)."""
    target = Path(folder) / FACTS_NAME
    with atomic_path(target) as tmp:
        tmp.write_text(facts.to_json(), encoding="utf-8")
    return target


def today() -> str:
    return dt.date.today().isoformat()
