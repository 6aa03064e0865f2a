"""What-if: smallest increases that reach a target rank, checked by applying them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.index.engine import aggregate, rank_descending
from analysis.index.pgi import build_pgi_index, get_pgi_spec
from analysis.index.spec import IndexSpec
from analysis.index.whatif import apply_increase, select_complete_field, solve_target_rank
from benchmarks.synthetic import make_synthetic_field


def _rank_of(field: pd.DataFrame, spec: IndexSpec, province: str) -> int:
    weights = np.array([spec.weights[c] for c in spec.indicators])
    ranks = rank_descending(aggregate(field[spec.indicators].to_numpy(float), weights, spec.aggregation))
    return int(ranks[field.index[field["province"] == province][0]])


@pytest.fixture(scope="module")
def synthetic():
    return make_synthetic_field(63, seed=7)


def _province_at(field, spec, rank):
    weights = np.array([spec.weights[c] for c in spec.indicators])
    ranks = rank_descending(aggregate(field[spec.indicators].to_numpy(float), weights))
    return field["province"][int(np.flatnonzero(ranks == rank)[0])]


@pytest.mark.parametrize("aggregation", ["arithmetic", "geometric"])
def test__solve_target_rank__applied_answers_reach_top5(synthetic, aggregation):
    """Each reachable answer, applied to the 63-province field, puts the province in the top 5; a hair less does not."""
    field, spec = synthetic
    spec = spec.with_aggregation(aggregation)
    province = _province_at(field, spec, 20)
    result = solve_target_rank(field, spec, province, 5)
    assert result["reachable"].any()
    for row in result[result["reachable"]].itertuples():
        assert _rank_of(apply_increase(field, spec, province, row.option, row.increase), spec, province) <= 5
        assert _rank_of(apply_increase(field, spec, province, row.option, row.increase_2dp), spec, province) <= 5
        assert _rank_of(apply_increase(field, spec, province, row.option, row.increase - 1e-6), spec, province) > 5
        assert row.new_rank <= 5


def test__solve_target_rank__not_reachable_within_bounds(synthetic):
    """The last province cannot reach first place on one sub-index capped at 10."""
    field, spec = synthetic
    last = _province_at(field, spec, 63)
    result = solve_target_rank(field, spec, last, 1).set_index("option")
    single = result.drop(index="balanced")
    assert not single["reachable"].any()
    assert single["increase"].isna().all()
    assert (single["best_rank_at_bound"] > 1).all()


def test__solve_target_rank__already_there_needs_nothing(synthetic):
    field, spec = synthetic
    result = solve_target_rank(field, spec, _province_at(field, spec, 3), 5)
    assert (result["increase"] == 0).all() and (result["new_rank"] == result["current_rank"]).all()


def test__solve_target_rank__exact_tie_counts_as_reached():
    """Target rank 1 against a leader at 30.00: reaching exactly 30.00 ties for first (ties share the lowest rank)."""
    spec = IndexSpec(name="t", weights={"a": 1.0, "b": 1.0}, bounds=(0.0, 20.0))
    field = pd.DataFrame(
        {"province": ["Hà Nam", "Bà Rịa – Vũng Tàu", "Đồng Nai"], "a": [15.0, 14.7, 10.0], "b": [15.0, 14.6, 10.0]}
    )
    result = solve_target_rank(field, spec, "BRVT", 1).set_index("option")
    assert result.loc["a", "increase"] == pytest.approx(0.7, abs=1e-12)
    assert result.loc["a", "increase_2dp"] == pytest.approx(0.7)
    assert result.loc["a", "new_rank"] == 1
    assert result.loc["balanced", "increase"] == pytest.approx(0.35, abs=1e-12)


def test__solve_target_rank__brvt_2024_conditional_on_published_field():
    """BRVT 2024 among the 37 provinces with all four published sub-indices; answers reach the target."""
    spec = get_pgi_spec()
    field = select_complete_field(build_pgi_index(), spec, 2024)
    assert len(field) == 37
    result = solve_target_rank(field, spec, "Bà Rịa – Vũng Tàu", 1)
    assert (result["field_size"] == 37).all()
    for row in result[result["reachable"]].itertuples():
        assert _rank_of(apply_increase(field, spec, "BRVT", row.option, row.increase), spec, "Bà Rịa – Vũng Tàu") == 1
