"""Driver-based BAU: the formula by hand, growth by period, and frozen BAUs."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from analysis.emissions import bau
from analysis.emissions.profile import ProvinceProfile, load_profile
from analysis.errors import InputError


def _profile(growth=None, **over) -> ProvinceProfile:
    """Two sectors, base year 2020: Power follows GRDP (elasticity 0.8, −2 %/yr), Waste follows population."""
    inventory = pd.DataFrame(
        {
            "sector": ["Energy|Power", "Waste"],
            "gas": ["CO2e", "CO2e"],
            "emissions_tco2e": [1000.0, 100.0],
            "source": None,
            "notes": None,
        }
    )
    drivers = pd.DataFrame(
        {
            "year": [2020, 2020],
            "variable": ["grdp", "population"],
            "value": [50.0, 2.0],
            "unit": ["billion VND", "persons"],
            "source": "test",
            "is_estimate": False,
        }
    )
    args = dict(
        province="Bà Rịa – Vũng Tàu",
        base_year=2020,
        gwp="AR5",
        inventory=inventory,
        is_estimate=True,
        estimate_note="test estimate",
        drivers=drivers,
        sector_drivers={"Energy|Power": "grdp", "Waste": "population"},
        elasticity={"Energy|Power": 0.8, "Waste": 1.0},
        intensity_rate={"Energy|Power": -0.02, "Waste": 0.0},
        growth=growth or {"grdp": [(2021, 2022, 0.10), (2023, 2030, 0.05)], "population": [(2021, 2030, 0.01)]},
    )
    args.update(over)
    return ProvinceProfile(**args)


def test__project_bau__equals_the_hand_computed_formula():
    """Power 2023 = 1000 × (1.1 × 1.1 × 1.05)^0.8 × 0.98^3; Waste 2023 = 100 × 1.01^3."""
    b = bau.project_bau(_profile(), end_year=2023)
    assert list(b.years) == [2020, 2021, 2022, 2023]
    assert b.emissions[0, 3] == pytest.approx(1000 * (1.1 * 1.1 * 1.05) ** 0.8 * 0.98**3)
    assert b.emissions[0, 1] == pytest.approx(1000 * 1.1**0.8 * 0.98)
    assert b.emissions[1, 3] == pytest.approx(100 * 1.01**3)
    np.testing.assert_allclose(b.emissions, b.activity * b.intensity)
    assert b.drivers.loc[3, "grdp"] == pytest.approx(50 * 1.1 * 1.1 * 1.05)
    assert b.method == "driver-based" and b.is_estimate and b.estimate_note == "test estimate"


def test__growth_path__applies_each_period_to_its_years():
    rates = bau.growth_path([(2024, 2030, 0.08), (2031, 2035, 0.04)], np.arange(2023, 2036))
    assert rates[0] == 0.0
    np.testing.assert_allclose(rates[1:8], 0.08)
    np.testing.assert_allclose(rates[8:], 0.04)


def test__growth_path__gap_between_periods_is_an_input_error():
    with pytest.raises(InputError, match="years 2031–2031 are not covered by the growth periods of 'grdp'"):
        bau.growth_path([(2024, 2030, 0.08), (2032, 2035, 0.04)], np.arange(2023, 2036), driver="grdp")


def test__growth_path__overlapping_periods_are_an_input_error():
    with pytest.raises(InputError, match="covered twice"):
        bau.growth_path([(2024, 2030, 0.08), (2030, 2035, 0.04)], np.arange(2023, 2036), driver="grdp")


def test__bau_inputs__arrays_have_the_contract_shapes():
    inputs = bau.bau_inputs(_profile(), end_year=2030)
    assert inputs.e0.shape == (2,) and inputs.driver_growth.shape == (2, 11)
    assert inputs.sectors == ("Energy|Power", "Waste") and inputs.drivers == ("grdp", "population")


def test__project_bau__shipped_brvt_sectors_follow_their_own_drivers():
    """Power follows the thermal fleet (no unit is being built in the province: flat), fugitive emissions follow
    the oil-and-gas outlook (declining to 2030), industry its value added with an intensity gain; no sector follows
    one GRDP figure."""
    p = load_profile("BRVT")
    b = bau.project_bau(p, end_year=2030)
    row = {s: b.emissions[i] for i, s in enumerate(b.sectors)}
    np.testing.assert_allclose(row["Energy|Power"], row["Energy|Power"][0])
    assert row["Energy|Fugitive"][-1] < row["Energy|Fugitive"][0]
    industry = (1 + p.growth["industry_value_added"][0][2]) ** 7 * (
        1 + p.intensity_rate["Energy|Manufacturing and Construction"]
    ) ** 7
    assert row["Energy|Manufacturing and Construction"][-1] == pytest.approx(
        row["Energy|Manufacturing and Construction"][0] * industry
    )
    assert len({p.sector_drivers[s] for s in p.sectors}) >= 6
    assert b.vintage.startswith("frozen ") and b.vintage.endswith(p.inputs_hash()[:12])
    assert b.is_estimate and not bau.is_stale(b, p)


def test__freeze_bau__round_trip_keeps_vintage_and_numbers(tmp_path):
    b = bau.project_bau(_profile(), end_year=2030)
    path = bau.freeze_bau(b, tmp_path / "bau.csv")
    meta = json.loads((tmp_path / "bau.json").read_text(encoding="utf-8"))
    assert meta["vintage"] == b.vintage and meta["is_estimate"] is True and meta["gwp"] == "AR5"
    back = bau.load_frozen_bau(path)
    assert (back.vintage, back.province, back.gwp, back.sectors) == (b.vintage, b.province, b.gwp, b.sectors)
    np.testing.assert_allclose(back.emissions, b.emissions)
    np.testing.assert_allclose(back.activity, b.activity)
    pd.testing.assert_frame_equal(back.drivers, b.drivers, check_dtype=False)
    assert not list(tmp_path.glob(".*.tmp"))


def test__frozen_bau__is_not_rebased_until_asked(tmp_path):
    """A frozen BAU stays in force when the inputs change; rebase_bau replaces it explicitly."""
    path = tmp_path / "bau.csv"
    first = bau.frozen_bau(_profile(), path, end_year=2025)
    frozen = path.read_bytes()
    changed = _profile(intensity_rate={"Energy|Power": -0.05, "Waste": 0.0})
    again = bau.frozen_bau(changed, path, end_year=2025)
    assert path.read_bytes() == frozen
    np.testing.assert_allclose(again.emissions, first.emissions)
    rebased = bau.rebase_bau(changed, path, end_year=2025)
    assert rebased.emissions[0, -1] < first.emissions[0, -1]
    np.testing.assert_allclose(bau.load_frozen_bau(path).emissions, rebased.emissions)


def test__load_frozen_bau__missing_metadata_is_an_input_error(tmp_path):
    (tmp_path / "bau.csv").write_text("sector,year,emissions_tco2e\n", encoding="utf-8")
    with pytest.raises(InputError, match="CSV and its .json metadata"):
        bau.load_frozen_bau(tmp_path / "bau.csv")


def test__frozen_bau__shipped_profiles_have_a_frozen_bau_matching_their_inputs():
    """The frozen BAU shipped with each profile answers "below which BAU" and matches today's inputs."""
    for province in ("BRVT", "TP.HCM", "Bình Dương", "Đồng Nai", "Bình Phước", "Tây Ninh"):
        p = load_profile(province)
        b = bau.load_frozen_bau(bau.frozen_bau_path(p))
        assert b.province == p.province and b.is_estimate and not bau.is_stale(b, p), province
        np.testing.assert_allclose(b.emissions, bau.project_bau(p, int(b.years[-1])).emissions)
