"""Province analysis on the shipped PGI data: history, sub-index profile, drivers of change, coverage."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.index.pgi import build_pgi_index, get_pgi_spec, note_year
from analysis.index.province import (
    compute_percentile,
    explain_changes,
    profile_subindices,
    summarise_coverage,
    summarise_history,
)


@pytest.fixture(scope="module")
def pgi():
    return build_pgi_index()


def test__summarise_history__brvt_2022_to_2024(pgi):
    notes = {y: note_year(y) for y in (2022, 2023, 2024)}
    hist = summarise_history(pgi, "BRVT", notes).set_index("year")
    assert hist["rank"].tolist() == [19, 8, 14]
    assert hist.loc[2023, "rank_change"] == 11 and hist.loc[2024, "rank_change"] == -6
    assert hist.loc[2023, "percentile"] == pytest.approx(100 * 55 / 62)
    assert "pilot" in hist.loc[2022, "note"] and "top 30" in hist.loc[2024, "note"]
    assert hist.loc[2024, "region_n_scored"] == 2  # only BRVT and Bình Dương have a 2024 Southeast score


def test__compute_percentile__first_and_last():
    assert compute_percentile(1, 63) == 100 and compute_percentile(63, 63) == 0
    assert pd.isna(compute_percentile(float("nan"), 63))


def test__profile_subindices__brvt_2024_against_leader_and_thresholds(pgi):
    prof = profile_subindices(pgi, get_pgi_spec(), "Bà Rịa - Vũng Tàu", 2024).set_index("indicator")
    assert prof.loc["sub3", "value"] == pytest.approx(4.65)
    assert (prof["n_with_data"] == 37).all()
    # the national first (Hải Phòng) has no published sub-indices: the leader is the best-ranked with them
    assert set(prof["leader"]) == {"Bắc Ninh"} and set(prof["leader_rank"]) == {4}
    assert prof.loc["sub4", "gap_to_leader"] == pytest.approx(7.78 - 6.30)
    assert prof.loc["sub1", "indicator_rank"] == 1 and prof.loc["sub1", "gap_to_top5"] < 0


def test__profile_subindices__2023_top10_missing_with_six_complete_rows(pgi):
    prof = profile_subindices(pgi, get_pgi_spec(), "BRVT", 2023)
    assert prof["top10_threshold"].isna().all() and (prof["n_with_data"] == 6).all()
    assert set(prof["leader"]) == {"Quảng Ninh"}
    # only TP.HCM and BRVT of the Southeast have 2023 sub-indices: too few for a regional mean or best
    sub3 = prof.set_index("indicator").loc["sub3"]
    assert sub3["region_n"] == 2 and pd.isna(sub3["region_mean"]) and sub3["region_best_province"] is None


def test__explain_changes__brvt_2024_driven_by_sub2(pgi):
    out = explain_changes(pgi, get_pgi_spec(), "BRVT")
    y24 = out[out["year_to"] == 2024].set_index("indicator")
    assert y24["contribution"].sum() == pytest.approx(26.26 - 23.47)
    assert y24.index[y24["is_driver"]].tolist() == ["sub2"]
    y23 = out[out["year_to"] == 2023]
    assert not y23["is_driver"].any()  # 2022 has only sub3: no driver is named
    assert y23["unexplained"].iloc[0] == pytest.approx(8.05 - 0.03)


def test__summarise_coverage__shipped_pgi(pgi):
    cov = summarise_coverage(pgi, get_pgi_spec()).set_index("year")
    assert cov.loc[2023, ["n_all_indicators", "n_score", "n_rank_published"]].tolist() == [6, 19, 13]
    assert cov.loc[2024, "n_all_indicators"] == 37
    assert (cov["n_provinces"] == 63).all()
