"""The national BAU trajectory implied by Decision 896/QĐ-TTg, and the third view of a province's BAU."""

from __future__ import annotations

import numpy as np
import pytest
from pathways_fixtures import make_baseline

from analysis.emissions.national_bau import (
    decision_896_bau,
    national_bau_growth,
    national_total_growth,
    project_national_trajectory,
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


def test__project_national_trajectory__sectors_grow_at_their_group_rate_lulucf_held():
    b = make_baseline(sectors=("Energy|Power", "Waste", "LULUCF"), years=range(2023, 2051))
    path = project_national_trajectory(b).set_index("year")
    growth = national_bau_growth().set_index(["group", "start"])["rate"]
    assert path.loc[2024, "Energy|Power"] == pytest.approx(1.0 * (1 + growth[("Energy", 2015)]))
    assert path.loc[2040, "Waste"] / path.loc[2039, "Waste"] == pytest.approx(1 + growth[("Waste", 2031)])
    assert np.allclose(path["LULUCF"], -0.2)
    assert path["net_mtco2e"].iloc[0] == pytest.approx(b.net()[0] / 1e6)
