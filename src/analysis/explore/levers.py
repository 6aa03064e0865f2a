"""The explorer's levers: what an analyst can move, from which nominal value, within which bounds.

Inputs: a :class:`~analysis.emissions.scenarios.Scenario` (its measures) and a
:class:`~analysis.run.context.RunContext` (the frozen BAU's inputs and each province's growth periods).

Outputs:

- :class:`MeasureLever` per measure — the size key of its kind as written in a scenario file (``percent``,
  ``tco2e_per_year``, ``percent_per_year``, ``share_percent``, ``coverage_percent``), its nominal value, the
  highest level (% of nominal) the file format allows, and its start and full-effect years;
- :class:`GrowthLever` per province × driver × growth period — the annual growth the frozen BAU uses (central),
  the low and high values of the profile's range or, where the profile gives none, ±1 percentage point labelled
  as the explorer's assumption;
- :class:`LeverState`, the positions of all levers (what the panel shows and what is saved), and
  :func:`apply_growth`, the BAU inputs with the growth levers applied.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from analysis.emissions import regrow
from analysis.emissions.baseline import BauInputs
from analysis.emissions.measures import Measure
from analysis.emissions.scenarios import Scenario

# The key of a scenario file that sets each kind's size, and the largest |value| the file format allows.
SIZE_KEY = {
    "percent": "percent",
    "absolute": "tco2e_per_year",
    "removals": "tco2e_per_year",
    "intensity": "percent_per_year",
    "fuel_switch": "share_percent",
    "ccs": "coverage_percent",
}
SIZE_LIMIT = {"percent": 100.0, "fuel_switch": 100.0, "ccs": 100.0, "intensity": 50.0}
MAX_LEVEL = 150  # % of nominal
DEFAULT_SPAN = 0.01  # ±1 percentage point of growth when the profile gives no range (labelled as such)
DIGITS = 6  # significant digits of a value written by the explorer


def round_value(value: float) -> float:
    """``value`` to :data:`DIGITS` significant digits (what the explorer writes, and computes with)."""
    return float(f"{value:.{DIGITS}g}")


def size_of(measure: Measure) -> float:
    """The measure's size in the units of its scenario-file key (``percent: 7`` -> 7.0)."""
    if measure.kind in ("absolute", "removals"):
        return round_value(measure.magnitude)
    if measure.kind == "ccs":
        return round_value(100 * measure.coverage)
    return round_value(100 * measure.magnitude)


@dataclass(frozen=True)
class MeasureLever:
    """One measure of the explored scenario: its size key, nominal size and years, and the level bounds."""

    measure: Measure
    key: str
    nominal: float
    max_level: int

    @property
    def id(self) -> str:
        return self.measure.id

    @property
    def years(self) -> tuple[int, int]:
        return self.measure.start_year, self.measure.full_effect_year

    def value_at(self, level: float) -> float:
        """The size at ``level`` % of nominal, as written to the file."""
        return round_value(self.nominal * level / 100)

    def level_of(self, value: float) -> float:
        """``value`` as a % of nominal (100 when the nominal size is 0)."""
        return 100.0 if self.nominal == 0 else 100.0 * value / self.nominal


def measure_levers(scenario: Scenario) -> list[MeasureLever]:
    """One lever per measure of ``scenario``, in the order the measures are applied."""
    out = []
    for m in scenario.measures:
        nominal = size_of(m)
        limit = SIZE_LIMIT.get(m.kind)
        top = MAX_LEVEL if limit is None or nominal == 0 else min(MAX_LEVEL, int(100 * limit / abs(nominal)))
        out.append(MeasureLever(measure=m, key=SIZE_KEY[m.kind], nominal=nominal, max_level=top))
    return out


@dataclass(frozen=True)
class GrowthLever:
    """Annual growth of one driver over ``first``–``last`` in one province's BAU (fractions: 0.07 = 7 %/yr).

    ``range_given`` is False when low/high are the explorer's ±1 percentage point (the profile gives no range).
    """

    province: str
    driver: str
    first: int
    last: int
    central: float
    low: float
    high: float
    range_given: bool
    sectors: tuple[str, ...]
    source: str = ""

    @property
    def key(self) -> str:
        return f"{self.province}|{self.driver}|{self.first}-{self.last}"


def growth_levers(run, baseline=None) -> list[GrowthLever]:
    """The growth levers of a run: every growth period of every driver the frozen BAU (or ``baseline``) follows
    (none when the BAU was frozen without its inputs)."""
    inputs = (baseline or run.baseline).inputs
    if inputs is None:
        return []
    out = []
    for province, part in regrow.part_inputs(inputs, run.constituents).items():
        profile = run.profiles[province]
        years = np.asarray(part.years)
        for driver, periods in profile.growth.items():
            rows = [i for i, d in enumerate(part.drivers) if d == driver]
            if not rows or len(years) < 2:
                continue
            ranges = profile.growth_range.get(driver, [])
            sources = profile.growth_sources.get(driver, [])
            for k, (start, end, _rate) in enumerate(periods):
                first = min(start, int(years[1])) if k == 0 else start  # the first period covers the first year
                cols = np.flatnonzero((years >= max(first, years[1])) & (years <= end))
                if not len(cols):
                    continue
                central = float(part.driver_growth[rows[0], cols[0]])
                low, high = ranges[k] if k < len(ranges) else (None, None)
                given = low is not None and high is not None
                out.append(
                    GrowthLever(
                        province=province,
                        driver=driver,
                        first=int(years[cols[0]]),
                        last=int(years[cols[-1]]),
                        central=central,
                        low=central - DEFAULT_SPAN if low is None else float(low),
                        high=central + DEFAULT_SPAN if high is None else float(high),
                        range_given=given,
                        sectors=tuple(part.sectors[i] for i in rows),
                        source=sources[k] if k < len(sources) else "",
                    )
                )
    return out


@dataclass
class LeverState:
    """Positions of the levers: sizes and years by measure id (absent = as in the file), growth by lever key."""

    scenario: str
    sizes: dict[str, float] = field(default_factory=dict)
    years: dict[str, tuple[int, int]] = field(default_factory=dict)
    growth: dict[str, float] = field(default_factory=dict)

    def size(self, lever: MeasureLever) -> float:
        return self.sizes.get(lever.id, lever.nominal)

    def span(self, lever: MeasureLever) -> tuple[int, int]:
        return self.years.get(lever.id, lever.years)

    def rate(self, lever: GrowthLever) -> float:
        return self.growth.get(lever.key, lever.central)

    def changed_measures(self, levers: list[MeasureLever]) -> list[MeasureLever]:
        return [lv for lv in levers if self.size(lv) != lv.nominal or self.span(lv) != lv.years]

    def changed_growth(self, levers: list[GrowthLever]) -> list[GrowthLever]:
        return [lv for lv in levers if self.rate(lv) != lv.central]


def apply_growth(
    inputs: BauInputs, levers: list[GrowthLever], state: LeverState, constituents: tuple[str, ...]
) -> BauInputs | None:
    """The BAU inputs with the changed growth levers applied (``None`` when none is changed)."""
    changed = state.changed_growth(levers)
    if not changed:
        return None
    rates = [(lv.province, lv.driver, lv.first, lv.last, state.rate(lv)) for lv in changed]
    return regrow.apply_growth(inputs, rates, constituents)
