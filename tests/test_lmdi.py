"""Additive LMDI-I: hand-worked examples, an independent Divisia-integral implementation, zero-value limits,
and the property that the effects add up exactly to the change."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate

from analysis.data.raw import load_owid
from analysis.emissions.lmdi import (
    decompose_kaya,
    decompose_scenario_gap,
    decompose_structure,
    kaya_factors,
    lmdi_additive,
    log_mean,
)
from analysis.errors import InputError


def _divisia_by_integration(f0: dict, f1: dict) -> dict:
    """Independent implementation: the Divisia integral dE_k = ∫ Σ_s E_s(t) d ln x_k,s(t) along the path
    x(t) = x0^(1-t) x1^t, evaluated by numerical quadrature (no logarithmic mean in sight)."""
    names = list(f0)
    x0 = np.array(
        [
            np.broadcast_to(np.asarray(f0[k], float), np.broadcast_shapes(*[np.shape(f0[j]) for j in names]))
            for k in names
        ]
    )
    x1 = np.array([np.broadcast_to(np.asarray(f1[k], float), x0.shape[1:]) for k in names])
    dlog = np.log(x1 / x0)  # (K, S)
    out = {}
    for i, k in enumerate(names):

        def integrand(t, i=i):
            e_t = np.prod(x0 ** (1 - t) * x1**t, axis=0)
            return float(np.sum(e_t * dlog[i]))

        out[k] = integrate.quad(integrand, 0.0, 1.0, epsabs=1e-12, epsrel=1e-12)[0]
    return out


def test__log_mean__definition_and_limits():
    """L(e, 1) = (e − 1)/(ln e − 0) = e − 1; L(a, a) = a; L(a, 0) = 0 (the limit)."""
    np.testing.assert_allclose(log_mean(np.e, 1.0), np.e - 1)
    np.testing.assert_allclose(log_mean([3.0, 2.0], [3.0, 0.0]), [3.0, 0.0])


def _log_mean_exact(a: float, b: float) -> float:
    """The logarithmic mean in 50-digit decimal arithmetic (independent of NumPy's logarithms)."""
    from decimal import Decimal, localcontext

    with localcontext() as ctx:
        ctx.prec = 50
        x, y = Decimal(a), Decimal(b)
        return float(x) if x == y else float((x - y) / (x.ln() - y.ln()))


@pytest.mark.parametrize("rel", [1e-12 * 1.5, 3e-12, 1e-11, 1e-9, 1e-7, 1e-4, 0.3, 1.0, 10.0, 1e6])
def test__log_mean__accurate_just_above_the_equality_threshold_and_beyond(rel):
    """ln a − ln b cancels when a ≈ b: at a relative difference of 1e-11 it keeps about 5 digits.
    The log1p form keeps (almost) every digit at every distance."""
    for b in (1.0, 7.3e5, 2.1e-3):
        a = b * (1 + rel)
        assert float(log_mean(a, b)) == pytest.approx(_log_mean_exact(a, b), rel=4e-15, abs=0)
        assert float(log_mean(b, a)) == float(log_mean(a, b))  # symmetric to the last bit


def test__log_mean__extreme_ratios_and_array_shapes():
    assert float(log_mean(1e300, 1e-300)) == pytest.approx(_log_mean_exact(1e300, 1e-300), rel=1e-14)
    assert float(log_mean(5e-324, 5e-324)) == 5e-324
    out = log_mean(np.array([[1.0, 2.0], [0.0, 4.0]]), 2.0)
    assert out.shape == (2, 2) and out[1, 0] == 0.0 and out[0, 1] == 2.0


@given(st.floats(1e-6, 1e9), st.floats(-30, 30))
def test__log_mean__property_between_geometric_and_arithmetic_mean(b, log_ratio):
    """√(ab) ≤ L(a, b) ≤ (a + b)/2 and L matches the 50-digit value (Carlson 1972)."""
    a = b * float(np.exp(log_ratio * 1e-3 if abs(log_ratio) < 10 else log_ratio / 3))
    value = float(log_mean(a, b))
    assert np.sqrt(a * b) * (1 - 1e-14) <= value <= (a + b) / 2 * (1 + 1e-14)
    assert value == pytest.approx(_log_mean_exact(a, b), rel=1e-14)


def test__decompose_kaya__hand_worked_one_sector():
    """Population 1.0 → 1.1 (million), GRDP 100 → 132 (so GRDP per capita 100 → 120),
    emissions 50 → 59.4 (emission intensity 0.5 → 0.45).

    L(59.4, 50) = 9.4 / ln(1.188) = 9.4 / 0.1722712 = 54.56512
    population        = 54.56512 × ln 1.1 = 54.56512 × 0.0953102 =  5.20061
    GRDP per capita   = 54.56512 × ln 1.2 = 54.56512 × 0.1823216 =  9.94840
    emission intensity= 54.56512 × ln 0.9 = 54.56512 × −0.1053605 = −5.74901
    sum = 9.40000 = 59.4 − 50
    """
    d = decompose_kaya(
        {"population": 1.0, "grdp": 100.0, "emissions": 50.0},
        {"population": 1.1, "grdp": 132.0, "emissions": 59.4},
        label0="2020",
        label1="2030",
    )
    assert d.effects.to_dict() == pytest.approx(
        {"population": 5.20061, "grdp_per_capita": 9.94840, "emission_intensity": -5.74901}, abs=1e-5
    )
    assert d.effects.sum() == pytest.approx(9.4, abs=1e-12)
    table = d.to_frame()
    assert table["step"].tolist() == ["2020", "population", "grdp_per_capita", "emission_intensity", "2030"]
    assert table["cumulative"].iloc[-2] == pytest.approx(59.4)


def test__decompose_structure__hand_worked_two_sectors():
    """Population 2 → 2.2; GRDP by sector (60, 40) → (90, 90); emissions (30, 4) → (36, 9).

    GRDP per capita 50 → 81.818 (ratio 1.636364), shares (0.6, 0.4) → (0.5, 0.5), intensities (0.5, 0.1) → (0.4, 0.1).
    Sector 1: L(36, 30) = 6 / ln 1.2 = 32.90868
        population 32.90868 × 0.0953102 = 3.13655; affluence 32.90868 × 0.4924765 = 16.20685;
        structure 32.90868 × ln(5/6) = −6.00000; intensity 32.90868 × ln 0.8 = −7.34341
    Sector 2: L(9, 4) = 5 / ln 2.25 = 6.16576
        population 0.58766; affluence 3.03649; structure 6.16576 × ln 1.25 = 1.37585; intensity 0
    """
    d = decompose_structure(
        {"population": 2.0, "grdp": [60.0, 40.0], "emissions": [30.0, 4.0]},
        {"population": 2.2, "grdp": [90.0, 90.0], "emissions": [36.0, 9.0]},
        sectors=["Industry", "Services"],
    )
    np.testing.assert_allclose(d.by_sector.loc["Industry"], [3.13655, 16.20685, -6.0, -7.34341], atol=1e-5)
    np.testing.assert_allclose(d.by_sector.loc["Services"], [0.58766, 3.03649, 1.37585, 0.0], atol=1e-5)
    assert (d.e0, d.e1) == (34.0, 45.0)
    assert d.effects.sum() == pytest.approx(11.0, abs=1e-12)


def test__lmdi_additive__matches_divisia_integral_on_owid_1990_2022():
    """Viet Nam 1990 → 2022 (OWID): population, GDP per capita, energy intensity, carbon intensity of
    fossil CO2, checked against the quadrature of the Divisia integral."""
    owid = load_owid().set_index("year")
    states = [
        {
            "population": owid.loc[y, "population"],
            "grdp": owid.loc[y, "gdp_intl_usd_2011ppp"],
            "energy": owid.loc[y, "primary_energy_twh"],
            "emissions": owid.loc[y, "co2_mt_excl_luc"],
        }
        for y in (1990, 2022)
    ]
    d = decompose_kaya(*states, label0="1990", label1="2022")
    assert list(d.effects.index) == ["population", "grdp_per_capita", "energy_intensity", "carbon_intensity"]
    assert d.e0 == pytest.approx(21.299) and d.e1 == pytest.approx(297.634)
    assert d.effects.sum() == pytest.approx(297.634 - 21.299, rel=1e-12)
    f0, f1 = (kaya_factors(s["population"], s["grdp"], s["emissions"], s["energy"]) for s in states)
    reference = _divisia_by_integration(f0, f1)
    assert d.effects.to_dict() == pytest.approx(reference, rel=1e-9)
    assert d.effects["grdp_per_capita"] > d.effects["population"] > 0


def test__lmdi_additive__sector_that_appears_matches_small_value_strategy():
    """A sector with share 0 → 0.2: the analytic limit puts its whole change (120 × 0.2 × 2 = 48) on the
    structure factor. The small-value strategy of Ang & Liu (2007) — replace 0 by δ and use the plain
    formula — tends to it, but only like 1/ln(1/δ): the activity effect of that sector is
    L(48, 200δ)·ln 1.2 ≈ 48 · ln 1.2 / ln(48 / 200δ) = 0.196 at δ = 1e-20, 0.013 at δ = 1e-300."""
    f0 = {"activity": 100.0, "share": np.array([1.0, 0.0]), "intensity": np.array([0.5, 2.0])}
    f1 = {"activity": 120.0, "share": np.array([0.8, 0.2]), "intensity": np.array([0.5, 2.0])}
    d = lmdi_additive(f0, f1)
    assert d.by_sector.iloc[1].to_dict() == pytest.approx({"activity": 0.0, "share": 48.0, "intensity": 0.0})
    gaps = []
    for delta in (1e-20, 1e-100, 1e-300):
        naive = lmdi_additive({**f0, "share": np.array([1.0, delta])}, f1)
        expected = 48 * np.log(1.2) / np.log(48 / (200 * delta))
        assert naive.by_sector.iloc[1]["activity"] == pytest.approx(expected, rel=1e-6)
        gaps.append(np.abs(naive.by_sector.to_numpy() - d.by_sector.to_numpy()).max())
    assert gaps[0] > gaps[1] > gaps[2] and gaps[2] < 0.015
    assert d.effects.sum() == pytest.approx(d.e1 - d.e0)


def test__lmdi_additive__sector_that_disappears_and_absent_sector():
    d = lmdi_additive({"a": [1.0, 0.0], "b": [3.0, 5.0]}, {"a": [0.0, 0.0], "b": [3.0, 5.0]})
    assert d.by_sector.to_numpy().tolist() == [[-3.0, 0.0], [0.0, 0.0]]


def test__lmdi_additive__negative_values_refused_in_words():
    with pytest.raises(InputError, match="LMDI needs values ≥ 0"):
        lmdi_additive({"a": [1.0, -2.0]}, {"a": [1.0, 2.0]})
    with pytest.raises(ValueError, match="same factors"):
        lmdi_additive({"a": 1.0}, {"b": 1.0})


def test__decompose_scenario_gap__bau_vs_scenario_2030():
    """Same population and GRDP in 2030; the scenario lowers energy intensity 10 % and carbon intensity 20 %:
    gap = 100 × 0.9 × 0.8 − 100 = −28, split L(72, 100) × (ln 0.9, ln 0.8); the other effects are 0."""
    bau = {"population": 1.2, "grdp": 300.0, "energy": 50.0, "emissions": 100.0}
    scen = {"population": 1.2, "grdp": 300.0, "energy": 45.0, "emissions": 72.0}
    d = decompose_scenario_gap(bau, scen, 2030)
    weight = (72 - 100) / np.log(0.72)
    assert d.effects.to_dict() == pytest.approx(
        {
            "population": 0.0,
            "grdp_per_capita": 0.0,
            "energy_intensity": weight * np.log(0.9),
            "carbon_intensity": weight * np.log(0.8),
        }
    )
    assert (d.label0, d.label1) == ("BAU 2030", "scenario 2030")


_positive = st.floats(min_value=1e-3, max_value=1e3, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=1, max_value=4).flatmap(
        lambda n: st.tuples(
            st.lists(st.lists(_positive, min_size=n, max_size=n), min_size=3, max_size=3),
            st.lists(st.lists(_positive, min_size=n, max_size=n), min_size=3, max_size=3),
        )
    )
)
def test__lmdi_additive__effects_sum_to_change(states):
    a, b = states
    f0 = {f"x{k}": np.array(v) for k, v in enumerate(a)}
    f1 = {f"x{k}": np.array(v) for k, v in enumerate(b)}
    d = lmdi_additive(f0, f1)
    e0 = np.prod(np.array(a), axis=0).sum()
    e1 = np.prod(np.array(b), axis=0).sum()
    assert d.effects.sum() == pytest.approx(e1 - e0, rel=1e-9, abs=1e-9 * max(e0, e1))
    np.testing.assert_allclose(
        d.by_sector.sum(axis=1), np.prod(b, axis=0) - np.prod(a, axis=0), rtol=1e-9, atol=1e-9 * max(e0, e1)
    )
