"""The national BAU trajectory implied by Decision 896/QĐ-TTg, and the third view of a province's BAU."""

from __future__ import annotations

import pytest
from pathways_fixtures import make_baseline

from analysis.emissions.national_bau import (
    decision_896_bau,
    national_bau_growth,
    national_pace,
    national_pace_rates,
    national_total_growth,
    project_national_pace,
)


def test__decision_896_bau__is_cap_over_one_minus_cut_for_2030_and_2050():
    bau = decision_896_bau().set_index(["group", "year"])
    assert bau.loc[("Energy", 2030), "bau_mtco2e"] == pytest.approx(457 / (1 - 0.326))
    assert bau.loc[("Waste", 2050), "bau_mtco2e"] == pytest.approx(8 / (1 - 0.907))
    assert set(bau.index.get_level_values("group")) == {"Energy", "Agriculture", "Waste", "IPPU"}
    assert bau["source"].str.contains("derived").all()


def test__national_bau_growth__two_periods_per_group_and_the_ndc_total_checks_out():
    growth = national_bau_growth()
    assert len(growth) == 8 and set(growth["start"]) == {2015, 2031}
    # the gross national BAU grows ~8 %/yr 2014–2030 (the NDC 2022 BAU: 284 -> ~928 Mt, 7.7 %/yr incl. LULUCF)
    assert 0.07 < national_total_growth() < 0.09


def test__national_pace_rates__as_the_report_prints_them():
    """8.1 %/yr 2015–2030 (the gross national BAU from the 2014 inventory; 8.14 % unrounded) and 2.4 %/yr 2031–2050
    (the sum of the groups' BAU, 975.5 → 1,571.7 Mt): rounded to 0.1 %/yr, the precision the report prints."""
    (a0, b0, r0, s0), (a1, b1, r1, s1) = national_pace_rates()
    assert (a0, b0, r0) == (2015, 2030, 0.081) and (a1, b1, r1) == (2031, 2050, 0.024)
    assert r0 == round(national_total_growth(), 3) and "Decision 896" in s0 and "derived" in s1
    assert all(isinstance(r, float) for r in (r0, r1))


def test__national_pace__gross_times_one_plus_rate_to_the_years_plus_the_sink_held():
    """Base 2023, gross 1.1 Mt, sink −0.2 Mt: 2030 = 1.1 × 1.081⁷ − 0.2; 2040 = 1.1 × 1.081⁷ × 1.024¹⁰ − 0.2."""
    b = make_baseline(sectors=("Energy|Power", "Waste", "LULUCF"), years=range(2023, 2051))
    pace = national_pace(b)
    assert (pace.base_year, pace.gross, pace.removals) == (2023, pytest.approx(1.1e6), pytest.approx(-0.2e6))
    assert pace.steps(2023) == [] and pace.steps(2030) == [(0.081, 7)]
    assert pace.steps(2040) == [(0.081, 7), (0.024, 10)]
    assert pace.value(2030) == pytest.approx(1.1e6 * 1.081**7 - 0.2e6, rel=1e-12)
    assert pace.value(2040) == pytest.approx(1.1e6 * 1.081**7 * 1.024**10 - 0.2e6, rel=1e-12)
    path = project_national_pace(b).set_index("year")["net_mtco2e"]
    assert path.loc[2023] == pytest.approx(b.net()[0] / 1e6) and path.loc[2050] == pytest.approx(pace.value(2050) / 1e6)
