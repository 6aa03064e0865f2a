"""Small baselines and scenario files for the pathway, target, MACC, Monte Carlo and IAMC tests.

The numbers are made up for the tests (round, easy to check by hand); they are not data.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from analysis.emissions.baseline import Baseline, driver_bau_array, driver_index_from_growth

SECTORS3 = ("Energy|Power", "Waste", "LULUCF")


def make_baseline(
    sectors=SECTORS3, e0=(1_000_000.0, 100_000.0, -200_000.0), years=range(2020, 2051), growth=0.0, is_estimate=False
) -> Baseline:
    """A BAU with constant or steadily growing emissions per sector (t CO2e/yr)."""
    years = np.asarray(list(years))
    e0 = np.asarray(e0, dtype=float)
    emissions = e0[:, None] * (1 + growth) ** (years - years[0])[None, :]
    return Baseline(
        province="Bà Rịa – Vũng Tàu",
        gwp="AR5",
        years=years,
        sectors=tuple(sectors),
        emissions=emissions,
        activity=np.ones_like(emissions),
        intensity=emissions.copy(),
        is_estimate=is_estimate,
        estimate_note="test estimate" if is_estimate else "",
    )


def make_bau_inputs(
    sectors=SECTORS3,
    e0=(1_000_000.0, 100_000.0, -200_000.0),
    years=range(2020, 2051),
    growth=0.03,
    elasticity=1.0,
    intensity_rate=-0.01,
):
    """BAU inputs in the shape of ``analysis.emissions.bau.BauInputs`` and the matching Baseline."""
    years = np.asarray(list(years))
    s = len(sectors)
    inputs = SimpleNamespace(
        e0=np.asarray(e0, dtype=float),
        driver_growth=np.full((s, len(years)), growth),
        elasticity=np.full(s, elasticity),
        intensity_rate=np.full(s, intensity_rate),
        years=years,
        sectors=tuple(sectors),
    )
    em = driver_bau_array(
        inputs.e0,
        driver_index_from_growth(inputs.driver_growth),
        inputs.elasticity,
        inputs.intensity_rate,
        years - years[0],
    )
    baseline = Baseline(
        province="Bà Rịa – Vũng Tàu",
        gwp="AR5",
        years=years,
        sectors=tuple(sectors),
        emissions=em,
        activity=np.ones_like(em),
        intensity=em.copy(),
        is_estimate=True,
        estimate_note="test",
    )
    return inputs, baseline


SCENARIO_YAML = """
provinces: [BRVT]
scenarios:
  bau:
    measures: []
  plan:
    parent: bau
    measures:
      - id: cut_a
        sectors: [Energy|Power]
        kind: percent
        percent: 10
        start_year: 2021
        full_effect_year: 2021
        assumption: test
        cost: {usd_per_tco2e: 5, assumption: test}
      - id: cut_b
        sectors: [Energy]
        kind: percent
        percent: 10
        start_year: 2021
        full_effect_year: 2021
        assumption: test
        cost: {usd_per_tco2e: -10, assumption: test}
  deep:
    parent: plan
    remove: [cut_b]
    measures:
      - id: cut_a
        percent: 50
      - id: sink
        sectors: [LULUCF]
        kind: removals
        tco2e_per_year: 300000
        start_year: 2030
        full_effect_year: 2040
        assumption: test
"""
