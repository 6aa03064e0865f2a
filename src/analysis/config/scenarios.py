"""Models of scenario files, their measures, and target files (validated configuration; see ``docs/scenarios.md``).

A scenario file says which province(s) it is for (``provinces: [Bà Rịa – Vũng Tàu]``, or ``provinces: any`` for a
set that applies to every province), which scenario is the main one and which the long-term one, the declared BAU
uncertainty, and the scenarios (each a list of measures, optionally inheriting a parent's). Measures are validated
after inheritance is resolved (:mod:`analysis.emissions.scenarios`), one at a time, with :data:`MeasureModel`.

A target file says the same about provinces, and lists targets (:data:`TargetModel`).

Both kinds of file carry ``format: 2`` (:data:`FORMAT`), the revision shared by the open issues of December 2026: a
measure names its ``lead`` by an agency id of ``data/raw/institutions/agencies.csv`` and may give a ``deadline`` (the
date its next step is due), its ``next_step`` in words and the ``documents`` (legal document ids) it rests on; a
target names the ``document`` that set it (an id of ``data/raw/institutions/legal_documents.csv``) and the ``view``
it is stated in (``territorial`` or ``gpc``). A file without ``format`` is format 1 (a lead as free text): it is
still read, with a warning, and ``netzero upgrade FILE`` writes it out in format 2.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from analysis.config.base import ConfigModel, rule_error
from analysis.data.kinds import GWP_SETS
from analysis.data.sectors import sector_keys
from analysis.errors import suggest

FORMAT = 2  # the current revision of scenario and target files
Label = str | dict[Literal["vi", "en"], str]
View = Literal["territorial", "gpc"]
UNASSIGNED = ("chưa giao", "not assigned", "")  # a lead written so means no lead
Year = Annotated[int, Field(ge=1990, le=2100)]
Provinces = list[str] | Literal["any"]


def parse_deadline(value):
    """A deadline as a date: ``2026-12-31``, ``31/12/2026`` or a year (``2027`` = 31 December 2027)."""
    if value is None or isinstance(value, dt.date):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return dt.date(value, 12, 31) if 1990 <= value <= 2100 else value
    from analysis.data.vocab import parse_date

    text = str(value).strip()
    if text.isdigit():
        return parse_deadline(int(text))
    day = parse_date(text)
    if day is None:
        raise ValueError(f"'{text}' is not a date (31/12/2026, 2026-12-31 or a year)")
    return day


def expand_sector_names(names: list[str]) -> tuple[str, ...]:
    """Sector names, or groups such as ``Energy`` (every ``Energy|…`` sector), to sector names.

    Raises ``ValueError`` naming the first unknown name with the closest sector suggested.
    """
    out: list[str] = []
    for name in names:
        group = [s for s in sector_keys() if s == name or s.startswith(f"{name}|")]
        if not group:
            raise ValueError(f"unknown sector '{name}'{suggest(name, sector_keys(), list_known=False)}")
        out.extend(s for s in group if s not in out)
    return tuple(out)


def _require_basis(model) -> None:
    text = model.source or model.assumption
    if not isinstance(text, str) or not text.strip():
        raise rule_error(
            "cited or labelled",
            "every number needs a 'source:' (with its URL) or an 'assumption:' saying how it was chosen",
        )


class Cited(ConfigModel):
    source: str | None = None
    assumption: str | None = None

    @property
    def basis_text(self) -> str:
        """``"source: …"`` or ``"assumption: …"``."""
        return ("source: " + self.source.strip()) if self.source else ("assumption: " + (self.assumption or "").strip())


class DistributionModel(Cited):
    """``{dist: triangular, low, mode, high}``, ``{dist: uniform, low, high}`` or ``{dist: normal, mean, sd}``."""

    dist: Literal["uniform", "triangular", "normal"]
    low: float | None = None
    mode: float | None = None
    high: float | None = None
    mean: float | None = None
    sd: float | None = Field(None, ge=0)

    @model_validator(mode="after")
    def _check(self):
        needed = {"uniform": ("low", "high"), "triangular": ("low", "mode", "high"), "normal": ("mean", "sd")}
        missing = [k for k in needed[self.dist] if getattr(self, k) is None]
        extra = [
            k
            for k in ("low", "mode", "high", "mean", "sd")
            if k not in needed[self.dist] and getattr(self, k) is not None
        ]
        if missing or extra:
            raise rule_error(
                "distribution parameters", f"a {self.dist} distribution takes {', '.join(needed[self.dist])}"
            )
        values = [getattr(self, k) for k in needed[self.dist]]
        if self.dist != "normal" and values != sorted(values):
            raise rule_error("ordered parameters", "distribution parameters are out of order (need low ≤ mode ≤ high)")
        _require_basis(self)
        return self

    @property
    def params(self) -> tuple[float, ...]:
        keys = {"uniform": ("low", "high"), "triangular": ("low", "mode", "high"), "normal": ("mean", "sd")}
        return tuple(float(getattr(self, k)) for k in keys[self.dist])


class CostModel(Cited):
    usd_per_tco2e: float | None = None
    capex_usd: float | None = Field(None, ge=0)
    opex_usd_per_year: float | None = None
    lifetime_years: float | None = Field(None, ge=1, le=100)
    discount_rate: float | None = Field(None, ge=0, le=1)

    @model_validator(mode="after")
    def _check(self):
        if self.usd_per_tco2e is None and self.capex_usd is None and self.opex_usd_per_year is None:
            raise rule_error(
                "cost given", "a cost needs 'usd_per_tco2e' or 'capex_usd'/'opex_usd_per_year' with 'lifetime_years'"
            )
        _require_basis(self)
        return self


class UncertaintyModel(ConfigModel):
    effectiveness: DistributionModel | None = None
    emission_factor: DistributionModel | None = None


class _Measure(Cited):
    id: str = Field(min_length=1)
    name: Label | None = None
    sectors: list[str] | str
    start_year: Year
    full_effect_year: Year
    ramp: Literal["linear", "s_curve"] = "linear"
    cost: CostModel | None = None
    uncertainty: UncertaintyModel | None = None
    ef_unit: str | None = None
    note: str | None = None
    lead: Label | None = None  # format 2: an agency id (analysis.data.institutions); format 1: a name
    partners: list[str] = Field(default_factory=list)  # agencies that take part (phối hợp), by id
    deadline: dt.date | int | None = None  # the date the next step is due (a year means 31 December of it)
    next_step: Label | None = None
    documents: list[str] = Field(default_factory=list)  # ids of the legal documents the measure rests on
    milestones: dict[int, Label] = Field(default_factory=dict)
    # the GPC view (docs/views.md): true for a measure that lowers the electricity the province consumes (efficiency,
    # rooftop solar) or the grid's emission factor (a national power-sector cut): there it also cuts scope 2
    scope2: bool = False

    @field_validator("deadline", mode="before")
    @classmethod
    def _deadline(cls, value):
        return parse_deadline(value)

    @field_validator("sectors")
    @classmethod
    def _sectors(cls, value):
        return expand_sector_names([value] if isinstance(value, str) else list(value))

    @model_validator(mode="after")
    def _check(self):
        if self.full_effect_year < self.start_year:
            raise rule_error(
                "full effect after start",
                f"'full_effect_year' ({self.full_effect_year}) is before 'start_year' ({self.start_year})",
            )
        _require_basis(self)
        if self.uncertainty is not None and self.uncertainty.emission_factor is not None and self.kind != "fuel_switch":
            raise rule_error("known key", "only a fuel switch has an 'emission_factor' uncertainty")
        return self


class PercentMeasure(_Measure):
    TAG: ClassVar[str] = "percent"
    kind: Literal["percent"]
    percent: float = Field(ge=0, le=100)


class AbsoluteMeasure(_Measure):
    TAG: ClassVar[str] = "absolute"
    kind: Literal["absolute"]
    tco2e_per_year: float = Field(ge=0)


class IntensityMeasure(_Measure):
    TAG: ClassVar[str] = "intensity"
    kind: Literal["intensity"]
    percent_per_year: float = Field(ge=-50, le=50)


class FuelSwitchMeasure(_Measure):
    TAG: ClassVar[str] = "fuel_switch"
    kind: Literal["fuel_switch"]
    share_percent: float = Field(ge=0, le=100)
    ef_from: float = Field(gt=0, description="emission factor of the fuel replaced (it emits)")
    ef_to: float = Field(ge=0)


class RemovalsMeasure(_Measure):
    TAG: ClassVar[str] = "removals"
    kind: Literal["removals"]
    tco2e_per_year: float = Field(ge=0)

    @model_validator(mode="after")
    def _lulucf(self):
        if self.sectors != ("LULUCF",):
            raise rule_error("removals in LULUCF", "added removals belong to the sector 'LULUCF'")
        return self


class CcsMeasure(_Measure):
    TAG: ClassVar[str] = "ccs"
    kind: Literal["ccs"]
    capture_rate_percent: float = Field(ge=0, le=100)
    coverage_percent: float = Field(ge=0, le=100)


MEASURE_MODELS = (PercentMeasure, AbsoluteMeasure, IntensityMeasure, FuelSwitchMeasure, RemovalsMeasure, CcsMeasure)
MEASURE_KINDS = tuple(m.TAG for m in MEASURE_MODELS)
MeasureModel = Annotated[
    PercentMeasure | AbsoluteMeasure | IntensityMeasure | FuelSwitchMeasure | RemovalsMeasure | CcsMeasure,
    Field(discriminator="kind"),
]


class BauUncertaintyModel(ConfigModel):
    driver_growth: DistributionModel | None = None
    elasticity: DistributionModel | None = None
    intensity_rate: DistributionModel | None = None
    emission_factor: DistributionModel | None = None


class BauGrowthModel(Cited):
    """One BAU growth rate the file sets (a sensitivity, e.g. saved by the explorer): ``driver`` of ``province``
    grows ``percent_per_year`` over ``years: [first, last]`` instead of the frozen BAU's rate."""

    province: str | None = None
    driver: str = Field(min_length=1)
    years: list[int] = Field(min_length=2, max_length=2)
    percent_per_year: float = Field(ge=-50, le=100)

    @model_validator(mode="after")
    def _checked(self):
        if self.years[0] > self.years[1]:
            raise rule_error("year order", f"'years' must be [first, last] with first ≤ last, not {list(self.years)}")
        if not (self.source or self.assumption):
            raise rule_error("cited", "a BAU growth rate needs a 'source' or an 'assumption'")
        return self


class ScenarioEntry(ConfigModel):
    """One scenario before inheritance: its own measures (mappings, validated after merging), parent, removals."""

    label: Label | None = None
    description: str = ""
    parent: str | None = None
    measures: list[dict] = Field(default_factory=list)
    remove: list[str] = Field(default_factory=list)


class ScenarioFileModel(ConfigModel):
    """A scenario file (see module docstring)."""

    format: Literal[1, 2] = 1
    provinces: Provinces
    map: Literal[2024, 2025] = 2024
    description: str = ""
    version: str | int | None = None
    main: str | None = None
    long_term: str | None = None
    bau_uncertainty: BauUncertaintyModel | None = None
    bau_growth: list[BauGrowthModel] = Field(default_factory=list)
    scenarios: dict[str, ScenarioEntry]

    @model_validator(mode="after")
    def _named(self):
        for key in ("main", "long_term"):
            name = getattr(self, key)
            if name is not None and name not in self.scenarios:
                raise rule_error(
                    "known scenario",
                    f"'{key}' names '{name}', which is not a scenario of this file{suggest(name, self.scenarios)}",
                )
        return self


class _Target(Cited):
    id: str = Field(min_length=1)
    label: Label | None = None
    year: Year
    sector: str | None = None
    basis: Literal["net", "gross"] = "net"
    note: str | None = None
    gwp: Literal[GWP_SETS] | None = None  # type: ignore[valid-type]
    document: str | None = None  # the legal document that set the target (analysis.data.institutions)
    view: View = "territorial"  # the view the target is stated in; it is checked on that view in any report

    @field_validator("sector")
    @classmethod
    def _sector(cls, value):
        if value is not None:
            expand_sector_names([value])
        return value

    @model_validator(mode="after")
    def _cited(self):
        _require_basis(self)
        return self


class PercentTarget(_Target):
    TAG: ClassVar[str] = "percent_below_bau"
    kind: Literal["percent_below_bau"]
    percent: float = Field(ge=-100, le=100)


class CapTarget(_Target):
    TAG: ClassVar[str] = "absolute_cap"
    kind: Literal["absolute_cap"]
    cap_mtco2e: float


class NationalCapShareTarget(_Target):
    """A national sector cap applied to the province in proportion to its share of the national sector."""

    TAG: ClassVar[str] = "national_cap_share"
    kind: Literal["national_cap_share"]
    national_cap_mtco2e: float
    sector: str


class PeakTarget(_Target):
    TAG: ClassVar[str] = "peak_year"
    kind: Literal["peak_year"]


class NetZeroTarget(_Target):
    TAG: ClassVar[str] = "net_zero"
    kind: Literal["net_zero"]

    @model_validator(mode="after")
    def _economy_wide(self):
        if self.sector is not None:
            raise rule_error("net zero is economy-wide", "a net-zero target applies to the whole economy")
        return self


TARGET_MODELS = (PercentTarget, CapTarget, NationalCapShareTarget, PeakTarget, NetZeroTarget)
TARGET_KINDS = tuple(m.TAG for m in TARGET_MODELS)
TargetModel = Annotated[
    PercentTarget | CapTarget | NationalCapShareTarget | PeakTarget | NetZeroTarget, Field(discriminator="kind")
]


class TargetFileModel(ConfigModel):
    """A target file: the provinces it is for, its targets, and the id(s) of its headline target (one per year)."""

    format: Literal[1, 2] = 1
    provinces: Provinces
    map: Literal[2024, 2025] = 2024
    description: str = ""
    headline: list[str] = Field(default_factory=list)
    targets: list[TargetModel]

    @model_validator(mode="after")
    def _unique(self):
        ids = [t.id for t in self.targets]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise rule_error("unique id", f"the target id '{twice[0]}' is used twice")
        for name in self.headline:
            if name not in ids:
                raise rule_error(
                    "known target",
                    f"'headline' names '{name}', which is not a target of this file"
                    f"{suggest(name, ids, list_known=False)}",
                )
        return self
