"""One set of facts per run: every figure a report states, computed once, in one typed object.

Input: a :class:`~analysis.run.context.RunContext` (its Monte Carlo when it ran). Output: :class:`Facts`, written as
``facts.json`` beside each run's manifest (:func:`analysis.report.runner` takes it from the executed notebook).
Notebooks, the Excel workbooks and the batch index only *format* facts; no notebook computes a figure another report
states. The facts do not depend on the report's language (names are ``{vi, en}``), so :func:`facts_for` computes
them once for a run's resolved parameters (all but ``lang``) and keeps them in ``data/processed/cache/facts/`` keyed
by those parameters, every input file and the package's code: both languages and every notebook of a province — in
forked kernels, Dask workers or a resumed batch — read the same file, computed by the first of them that needs it
while the others wait (:func:`analysis.io.read_or_make`): JSON, never a Python object serialisation; a damaged
entry is computed again.

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
from analysis.i18n import name_in
from analysis.io import MISSING, atomic_path, prune_oldest, read_or_make
from analysis.units import T_PER_MT

FACTS_VERSION = 2
INTERVAL_PCT = 90  # the Monte Carlo range reports state: 5th to 95th percentile
SKEW_TOLERANCE = 0.01  # the median is the headline when it differs from the stated value by more than 1 %
GAP_CONVENTION = "gap = emissions achieved − emissions allowed (Mt CO2e): positive is a shortfall, negative a surplus"
CACHE_DIR = paths.PROCESSED_DIR / "cache" / "facts"
# facts files kept (the newest): every province and unit of both maps in both views, with room for other parameters;
# a code or input change gives every run a new key, so without a bound the folder grew by a batch's worth each time
FACTS_KEEP = 512
FACTS_NAME = "facts.json"
# run parameters the facts do not depend on: the language, and what only one report uses (the PGI what-if's rank,
# the MRV registers and the date their status is judged on); every notebook of a place reads the same facts
NOT_FACTS = {"lang", "target_rank", "facilities_file", "credits_file", "as_of", "previous"}
LISTS = ("targets", "long_term_targets", "measures", "sectors", "pathways", "removal_parts")  # items keyed by id
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
    required_cut: float | None = None  # Mt CO2e below BAU the target asks for (BAU − allowed)
    bau_gross: float | None = None  # Mt CO2e, gross emissions of the same scope in the target year
    alternative_required: float | None = None  # Mt CO2e allowed by the absolute alternative of a target not applicable
    alternative_gap: float | None = None  # achieved − alternative_required; positive = shortfall
    alternative_met: bool | None = None  # on the central path
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


class ScenarioFact(_Model):
    """One scenario of the run: net emissions in the target year, how far below BAU, the change since the base year,
    and its gross, removals and net in the last year."""

    id: str
    title: Label
    net: float  # Mt CO2e, target year
    below_bau_pct: float | None  # None for the BAU itself
    change: float  # Mt CO2e, base year → target year (net)
    change_pct: float | None  # None when the base year's net is not positive (a sink: say the change in Mt)
    gross_last: float
    removals_last: float
    net_last: float


class RemovalPart(_Model):
    """What the long-term scenario's removals in the last year are made of: the land's own (BAU), a sourced measure,
    or the measures resting on assumptions (summed, with the largest named)."""

    id: str  # "land", a measure id, or "assumed"
    name: Label
    amount: float  # Mt CO2e, positive
    basis: str  # bau, source, assumption
    count: int = 1
    largest: Label = Field(default_factory=dict)
    largest_amount: float | None = None


class CostFact(_Model):
    """What meeting the headline target costs with the cheapest measures first (the MACC), in the target year."""

    target: str
    needed: float  # Mt CO2e to cut below BAU
    reachable: bool
    shortfall: float  # Mt CO2e the measures cannot reach
    musd_per_year: float | None
    marginal_usd_per_t: float | None


class LmdiFact(_Model):
    """The long-term scenario's gross emissions from the base year to the last, split by factor (Mt CO2e)."""

    y0: int
    y1: int
    change: float
    population: float | None
    grdp_per_capita: float | None
    emission_intensity: float | None
    reason: str = ""  # why there is no decomposition


class SwingFact(_Model):
    """One uncertain input's swing of the headline gap (Mt CO2e, low and high quantiles), largest first."""

    parameter: Label
    gap_low: float
    gap_high: float
    swing: float


class Peer(_Model):
    """A province or unit of the same region and map, with its emission intensity in the same year."""

    name: str
    value: float  # t CO2e per billion VND


class IntensityFact(_Model):
    """Net emissions per billion VND of GRDP (current prices) in the latest year the place's GRDP is cited, with the
    other provinces (or 2025 units) of its region that have a GRDP that year; ``None`` values with a reason."""

    year: int | None
    value: float | None  # t CO2e per billion VND
    emissions: float | None  # Mt CO2e, net: the inventory's in the base year, else the BAU's
    grdp: float | None  # billion VND
    basis: str = ""  # inventory or bau
    region: str = ""
    peers: list[Peer] = Field(default_factory=list)  # lowest first, the place included
    rank: int | None = None  # 1 = the lowest intensity of its peers
    reason: str = ""  # no_grdp


class PgiFact(_Model):
    """The province's Provincial Green Index in the report's year: score, rank among those ranked, and whether the
    score is VCCI's published one or summed from the sub-indices."""

    year: int
    score: float | None
    rank: int | None
    ranked: int | None  # how many provinces VCCI ranked that year
    published: bool
    rank_cell: Label = Field(default_factory=dict)  # the rank as a table cell states it ("14 (trong 30 tỉnh …)")
    reason: str = ""


class Facts(_Model):
    """Every figure the reports of one run state (see the module docstring)."""

    version: int = FACTS_VERSION
    key: str  # sha256 of what the facts were computed from (parameters but lang, inputs, code)
    conventions: dict[str, str]
    province: str
    map: int
    view: str = "territorial"  # the emissions view the figures are in: territorial or gpc (docs/views.md)
    constituents: list[str]
    successor: str | None = None
    joined_from: str | None = None
    is_estimate: bool
    inventory_source: str = ""  # the official inventory's source, or the estimate's
    bau_vintage: str = ""  # what froze the BAU (date, inputs hash): "below which BAU?"
    gwp: str
    base_year: int
    target_year: int
    n_draws: int
    seed: int
    scenarios: dict[str, Label]  # id -> title
    main: str
    long_term: str
    headline_target: str
    scenario_origin: str = "own"  # own, national (no file of the place's own: the national set) or given
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
    long_term_decimals: int = 1  # decimals at which gross − removals = net and the parts add up as printed
    removal_parts: list[RemovalPart] = Field(default_factory=list)
    interval_pct: int = INTERVAL_PCT
    pathways: list[ScenarioFact] = Field(default_factory=list)
    long_term_targets: list[TargetFact] = Field(default_factory=list)  # targets on the long-term scenario
    cost: CostFact | None = None
    lmdi: LmdiFact | None = None
    tornado: list[SwingFact] = Field(default_factory=list)
    pgi: PgiFact | None = None
    intensity: IntensityFact | None = None
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

    def pathway(self, scenario_id: str) -> ScenarioFact:
        return next(p for p in self.pathways if p.id == scenario_id)

    def targets_on(self, scenario_id: str) -> list[TargetFact]:
        """The targets as evaluated on the main or the long-term scenario."""
        return self.long_term_targets if scenario_id == self.long_term and self.long_term_targets else self.targets

    def get(self, key: str) -> Any:
        """A fact by its dotted key: ``bau.median``, ``targets.<id>.p_met``, ``measures.<id>.cut``."""
        parts = key.split(".")
        node: Any = self
        k = 0
        while k < len(parts):
            part = parts[k]
            if part in LISTS and isinstance(getattr(node, part, None), list):
                items = getattr(node, part)
                node = next(x for x in items if getattr(x, "id", getattr(x, "key", None)) == parts[k + 1])
                k += 2
                continue
            if isinstance(node, list) and part.isdigit():
                node = node[int(part)]
            else:
                node = node[part] if isinstance(node, dict) else getattr(node, part)
            k += 1
        return node

    def headline_figures(self, lang: str) -> dict[str, dict]:
        """The headline numbers of the batch index page and the workbook's headline sheet, keys derived from the
        target year (``bau_2030`` …): the BAU and the main scenario (stated values, Mt CO2e), the percentage below
        BAU (only over a positive BAU), the headline target's verdict (the one rule every report prints: never "met"
        for a target at risk) and its P(met) when it was drawn and can be checked."""
        y, target = self.target_year, self.headline
        bau = self.bau.stated
        out = {
            f"bau_{y}": {"value": bau, "unit": "Mt CO2e"},
            f"scenario_{y}": {
                "value": self.scenario.stated,
                "unit": "Mt CO2e",
                "label": name_in(self.scenarios.get(self.main, {}), lang, self.main),
            },
            f"pct_below_bau_{y}": {"value": self.below_bau_pct if bau > 0 else None, "unit": "%"},
            f"target_met_{y}": {
                "value": target.verdict,
                "unit": "verdict",
                "label": name_in(target.title, lang, target.id),
            },
        }
        if target.applicable and target.p_met is not None:
            out[f"p_met_{y}"] = {"value": target.p_met, "unit": "probability"}
        return out

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


def _number(value) -> float | None:
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else float(value)


def target_facts(run, pathway=None) -> list[TargetFact]:
    """Every target of the run on ``pathway`` (default: the main scenario), with its Monte Carlo spread and the one
    verdict rule."""
    from analysis.emissions.montecarlo import summarise_target
    from analysis.emissions.targets import verdict

    pathway = pathway or run.main
    table = run.evaluate(pathway)
    mc = run.monte_carlo
    out = []
    for target in run.targets:
        row = table[table["target_id"] == target.id].iloc[0]
        bau_t = float(row["bau_mtco2e"])
        reason = str(row["reason"])  # targets.not_applicable_reason: a percentage below a BAU that is not positive
        u = None
        drawn = run.inherited_monte_carlo.get(target.of) if target.origin == "inherited" else mc
        if drawn is not None and not reason:
            try:
                u = summarise_target(drawn, pathway.name, target.id)
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
                below_bau_pct=_number(row["achieved_below_bau_pct"]),
                required_below_bau_pct=_number(row["required_below_bau_pct"]),
                required_cut=None if reason else bau_t - float(row["required_mtco2e"]),
                bau_gross=float(row["bau_gross_mtco2e"]),
                alternative_required=_number(row["alt_required_mtco2e"]),
                alternative_gap=_number(row["alt_gap_mtco2e"]),
                alternative_met=None if _number(row["alt_met"]) is None else bool(row["alt_met"]),
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


def pathway_facts(run) -> list[ScenarioFact]:
    """Every scenario of the run (BAU first) in the target year and the last year."""
    from analysis.emissions.pathways import percent_below_bau

    year = run.target_year
    out = []
    for name, p in run.pathways.items():
        net = p.net()
        i, j = p.baseline.year_index(year), len(p.baseline.years) - 1
        base, value = float(net[0]), float(net[i])
        out.append(
            ScenarioFact(
                id=name,
                title=dict(p.scenario.label) or {"en": name, "vi": name},
                net=_mt(value),
                below_bau_pct=None if name == "bau" else float(percent_below_bau(p, year)),
                change=_mt(value - base),
                change_pct=100 * (value / base - 1) if base > 0 else None,
                gross_last=_mt(p.gross()[j]),
                removals_last=_mt(-p.removals()[j]),
                net_last=_mt(net[j]),
            )
        )
    return out


def removal_facts(run) -> tuple[list[RemovalPart], int]:
    """What the long-term scenario's removals in the last year are made of, and the decimals (1, else 2) at which
    the printed parts add up to the removals and gross − removals to net: a reader checking the page finds it right."""
    p = run.long_term
    j = len(p.baseline.years) - 1
    gross, removals, net = _mt(p.gross()[j]), _mt(-p.removals()[j]), _mt(p.net()[j])
    sourced, assumed = [], []
    for k, m in enumerate(p.measures):
        if m.kind == "removals":
            amount = _mt(p.abatement[k, :, j].sum())
            (assumed if m.basis.startswith("assumption") else sourced).append((amount, m))
    land = removals - sum(a for a, _ in sourced) - sum(a for a, _ in assumed)  # what the land holds in the BAU
    parts = []
    if land > 1e-9:
        parts.append(RemovalPart(id="land", name={}, amount=land, basis="bau"))
    parts += [RemovalPart(id=m.id, name=dict(m.name) or {"en": m.id}, amount=a, basis="source") for a, m in sourced]
    if assumed:
        amount, largest = max(assumed, key=lambda x: x[0])
        parts.append(
            RemovalPart(
                id="assumed",
                name={},
                amount=sum(a for a, _ in assumed),
                basis="assumption",
                count=len(assumed),
                largest=dict(largest.name) or {"en": largest.id},
                largest_amount=amount,
            )
        )
    decimals = 2
    for d in (1, 2):
        r = lambda x, d=d: round(x, d)  # noqa: E731
        adds = abs(sum(r(x.amount) for x in parts) - r(removals)) < 10**-d / 2 if parts else True
        if adds and abs(r(gross) - r(removals) - r(net)) < 10**-d / 2:
            decimals = d
            break
    return parts, decimals


def cost_facts(run) -> CostFact | None:
    """The MACC's answer for the headline target (cheapest measures first)."""
    from analysis.emissions.macc import compute_target_cost

    try:
        cost = compute_target_cost(run.baseline, run.main.scenario, run.headline)
    except (KeyError, ValueError):
        return None

    def number(x):
        return None if x is None or (isinstance(x, float) and np.isnan(x)) else float(x)

    return CostFact(
        target=run.headline.id,
        needed=float(cost["needed_mtco2e"]),
        reachable=bool(cost.get("reachable")),
        shortfall=float(cost.get("shortfall_mtco2e") or 0.0),
        musd_per_year=number(cost.get("cost_musd_per_year")),
        marginal_usd_per_t=number(cost.get("marginal_usd_per_tco2e")),
    )


def lmdi_facts(run) -> LmdiFact:
    """The long-term scenario's change in gross emissions, base year to last, by Kaya factor."""
    from analysis.emissions import lmdi

    b = run.baseline
    y0, y1 = b.base_year, int(b.years[-1])
    try:
        d = lmdi.decompose_kaya(lmdi.kaya_state(run.long_term, y0), lmdi.kaya_state(run.long_term, y1))
    except KeyError as reason:
        return LmdiFact(
            y0=y0, y1=y1, change=0.0, population=None, grdp_per_capita=None, emission_intensity=None, reason=str(reason)
        )
    e = d.effects
    return LmdiFact(
        y0=y0,
        y1=y1,
        change=_mt(d.change),
        population=_mt(e["population"]) if "population" in e else None,
        grdp_per_capita=_mt(e["grdp_per_capita"]) if "grdp_per_capita" in e else None,
        emission_intensity=_mt(e["emission_intensity"]) if "emission_intensity" in e else None,
    )


def tornado_facts(run) -> list[SwingFact]:
    """The one-at-a-time swings of the headline gap (only when the run declares uncertainty and has draws)."""
    from analysis.emissions.montecarlo import compute_tornado
    from analysis.i18n import t

    if run.monte_carlo is None:
        return []
    table = compute_tornado(run.baseline.inputs, run.scenario_set, run.main.name, run.headline)
    measures = {m.id: dict(m.name) for m in run.scenario_set.all_measures()}
    out = []
    for row in table.itertuples():
        head, _, key = row.parameter.partition(": ")
        label = {}
        for lang in ("vi", "en"):
            owner = t("pw_tornado_bau", lang) if head == "BAU" else measures.get(head, {}).get(lang, head)
            label[lang] = f"{owner}: {t(f'pw_unc_{key}', lang)}"
        out.append(
            SwingFact(
                parameter=label,
                gap_low=float(row.gap_low_mtco2e),
                gap_high=float(row.gap_high_mtco2e),
                swing=float(row.swing_mtco2e),
            )
        )
    return out


def pgi_facts(run) -> PgiFact | None:
    """The Provincial Green Index of a place that is one former province (``None`` for a 2025 unit of several: VCCI
    scored the 63 provinces)."""
    from analysis.index import pgi
    from analysis.narrative.pgi_words import format_rank

    year = run.params.pgi_year
    if len(run.constituents) != 1:
        return None
    rank = pgi.national_rank(pgi.build_pgi_index(), run.constituents[0], year)
    return PgiFact(
        year=year,
        score=None if rank.score is None else float(rank.score),
        rank=rank.rank,
        ranked=rank.n_ranked,
        published=rank.score_source == "published",
        rank_cell={lang: format_rank(rank, lang) for lang in ("vi", "en")},
        reason="" if rank.score is not None else "not_published",
    )


def _grdp_of(members, year: int, grdp: dict) -> float | None:
    values = [grdp.get((m, year)) for m in members]
    return None if any(v is None for v in values) else float(sum(values))


def intensity_facts(run) -> IntensityFact:
    """Emissions per GRDP in the latest year the place's GRDP is cited, against its region's provinces (2024 map)
    or units (2025 map: those with a former province in the region) with a GRDP that year — BAU net emissions of
    that year, the inventory's in the base year (:mod:`analysis.data.grdp`)."""
    from analysis.data.grdp import load_grdp
    from analysis.data.provinces import get_registry
    from analysis.emissions.national_table import place_baselines

    reg, grdp, b = get_registry(), load_grdp(), run.baseline
    members = [reg.display_name(c) for c in run.constituents]
    years = sorted({y for (_, y) in grdp if _grdp_of(members, y, grdp) is not None and y in b.years}, reverse=True)
    if not years:
        return IntensityFact(year=None, value=None, emissions=None, grdp=None, reason="no_grdp")
    year = years[0]
    region = reg.region_of(run.constituents[0])
    if run.map == 2025:
        groups = {
            reg.display_name(u.name): [reg.display_name(c) for c in u.constituents]
            for u in reg.units_2025
            if any(reg.region_of(c) == region for c in u.constituents)
        }
    else:
        groups = {reg.display_name(p.name): [reg.display_name(p.name)] for p in reg.provinces if p.region == region}
    cited = {name: value for name, parts in groups.items() if (value := _grdp_of(parts, year, grdp)) is not None}
    # the region's places only (as the national table has them: a unit re-based on its own inventory included)
    places = place_baselines(run.map, only=[name for name in cited if name != run.province])
    own = float(b.net()[b.year_index(year)])
    peers = []
    for name, value in cited.items():
        if name == run.province:
            peers.append(Peer(name=name, value=own / value))
        elif name in places.baselines and year in places.baselines[name].years:
            peer = places.baselines[name]
            peers.append(Peer(name=name, value=float(peer.net()[peer.year_index(year)]) / value))
    peers.sort(key=lambda p: p.value)
    value = own / _grdp_of(members, year, grdp)
    rank = next((k for k, p in enumerate(peers, start=1) if p.name == run.province), None)
    return IntensityFact(
        year=year,
        value=value,
        emissions=_mt(own),
        grdp=_grdp_of(members, year, grdp),
        basis="inventory" if year == b.base_year and not b.is_estimate else "bau" if year > b.base_year else "estimate",
        region=region,
        peers=peers,
        rank=rank,
    )


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
    parts, decimals = removal_facts(run)
    return Facts(
        key=key,
        conventions={"gap": GAP_CONVENTION, "units": "Mt CO2e; per person t CO2e; percent as 0–100"},
        province=run.province,
        map=run.map,
        view=getattr(run, "view", "territorial"),
        constituents=list(run.constituents),
        successor=getattr(place, "successor", None),
        joined_from=getattr(place, "joined_from", None),
        is_estimate=bool(b.is_estimate),
        inventory_source=b.source or "",
        bau_vintage=b.vintage or "",
        gwp=b.gwp,
        base_year=b.base_year,
        target_year=year,
        n_draws=run.params.n_draws if mc is not None else 0,
        seed=run.params.seed,
        scenarios={name: dict(p.scenario.label) for name, p in run.pathways.items()},
        main=main.name,
        long_term=lt.name,
        headline_target=run.headline.id,
        scenario_origin=run.scenario_origin,
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
        long_term_decimals=decimals,
        removal_parts=parts,
        pathways=pathway_facts(run),
        long_term_targets=target_facts(run, lt) if lt is not main else [],
        cost=cost_facts(run),
        lmdi=lmdi_facts(run),
        tornado=tornado_facts(run),
        pgi=pgi_facts(run),
        intensity=intensity_facts(run),
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
def input_files(params) -> list[Path]:
    """What a run's figures are computed from, on disk: ``config`` (scenario and target sets, the analysts'
    profiles), ``data/raw``, the profiles, and a scenario or target file the run names wherever it lies (an
    analyst's own file edited between two runs gives new facts)."""
    named = [Path(p) for p in (params.scenario_file, params.targets_file) if p]
    return [*paths.INPUT_DIRS, *named]


def facts_key(params) -> str:
    """What the facts of a run are computed from: its resolved parameters but :data:`NOT_FACTS`, every input file
    (:func:`input_files`) and the package's code (:mod:`analysis.fingerprint`)."""
    from analysis.fingerprint import hash_files, hash_json, hash_package_code

    values = params.model_dump(mode="json", exclude=NOT_FACTS)
    return hash_json([values, hash_files(input_files(params)), hash_package_code(), FACTS_VERSION])


def facts_for(run, *, cache: bool = True) -> Facts:
    """The facts of ``run``, computed once for its parameters (all but ``lang``) and kept on disk; a file that
    cannot be read or written is computed again (an unwritable folder just computes every time)."""
    key = facts_key(run.params)
    path = CACHE_DIR / f"{key}.json"
    if not cache:
        return compute_facts(run, key)

    def make() -> Facts:
        facts = compute_facts(run, key)
        try:
            with atomic_path(path) as tmp:
                tmp.write_text(facts.to_json(), encoding="utf-8")
            prune_oldest(CACHE_DIR.glob("*.json"), FACTS_KEEP)
        except OSError:
            pass
        return facts

    # the other language's kernel computing them at the same time: one computes, the other waits and reads the file
    return read_or_make(path, lambda: _read_facts(path), make)


def _read_facts(path: Path) -> Facts | object:
    if path.is_file():
        try:
            return Facts.model_validate_json(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    return MISSING


def write_facts(facts: Facts, folder: Path) -> Path:
    """``facts.json`` in a run folder (atomically)."""
    target = Path(folder) / FACTS_NAME
    with atomic_path(target) as tmp:
        tmp.write_text(facts.to_json(), encoding="utf-8")
    return target


def today() -> str:
    return dt.date.today().isoformat()


# -- what changed since an earlier report ---------------------------------------------------------------------------
class Change(_Model):
    """A figure that moved between an earlier report's facts and this run's, and why (the reasons found)."""

    key: str
    kind: str  # how reports print it (analysis.narrative.figures)
    before: float | None
    now: float | None
    reasons: list[str]  # inventory, bau, measures, targets, draws


WATCHED = (  # the figures page 1 states, with how they are printed
    ("net_base", "mt"),
    ("bau.stated", "mt"),
    ("scenario.stated", "mt"),
    ("below_bau_pct", "pct"),
    ("per_person", "tpp"),
)


def read_previous(path: str | Path) -> Facts:
    """The facts of an earlier report: its run folder (``facts.json`` in it) or the file itself; an InputError
    naming the file when it is not there or not facts."""
    from analysis.errors import InputError, Issue

    path = Path(path)
    file = path / FACTS_NAME if path.is_dir() else path
    shown = paths.relative_to_project(file)
    try:
        return Facts.model_validate_json(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError([Issue(file=shown, column="previous", rule="readable facts.json", message=str(exc))]) from exc
    except ValueError as exc:
        message = f"not the facts of a report of this version ({str(exc).splitlines()[0]})"
        raise InputError([Issue(file=shown, column="previous", rule="facts.json", message=message)]) from exc


def _reasons(before: Facts, now: Facts) -> list[str]:
    reasons = []
    if (before.is_estimate, before.base_year, before.inventory_source) != (
        now.is_estimate,
        now.base_year,
        now.inventory_source,
    ) or abs(before.net_base - now.net_base) > 1e-9:
        reasons.append("inventory")
    if before.bau_vintage != now.bau_vintage or abs((before.bau.stated or 0) - (now.bau.stated or 0)) > 1e-9:
        reasons.append("bau")
    cuts_before = {m.id: round(m.cut, 6) for m in before.measures}
    cuts_now = {m.id: round(m.cut, 6) for m in now.measures}
    if cuts_before != cuts_now:
        reasons.append("measures")
    if before.headline_target != now.headline_target or before.headline.required != now.headline.required:
        reasons.append("targets")
    if (before.n_draws, before.seed) != (now.n_draws, now.seed):
        reasons.append("draws")
    return reasons


def compare_facts(before: Facts, now: Facts, *, file: str = FACTS_NAME) -> list[Change]:
    """The figures of page 1 that moved (as printed: a change below the printed precision is no change), each with
    the reasons found for the whole run (a new inventory, a new BAU, other measures, other targets, other draws)."""
    from analysis.narrative.figures import format_fact

    if before.province != now.province or before.map != now.map:
        from analysis.errors import InputError, Issue

        raise InputError(
            [
                Issue(
                    file=file,
                    column="previous",
                    rule="the same place",
                    message=f"the earlier report is for {before.province} ({before.map}), not {now.province} ({now.map})",
                )
            ]
        )
    reasons = _reasons(before, now)
    watched = list(WATCHED)
    if before.headline_target == now.headline_target:
        watched.append((f"targets.{now.headline_target}.p_met", "prob"))
    changes = []
    for key, kind in watched:
        old, new = before.get(key), now.get(key)
        if format_fact(old, kind, "en") != format_fact(new, kind, "en"):
            changes.append(Change(key=key, kind=kind, before=old, now=new, reasons=reasons))
    return changes
