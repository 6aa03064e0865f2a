"""Index statistics (correlations, Cronbach's alpha, PCA, OLS with HC3) and the 2025 map."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from analysis.index.merger import compare_constituents
from analysis.index.pgi import build_pgi_index, get_pgi_spec
from analysis.index.stats import (
    compute_cronbach_alpha,
    compute_pca_loadings,
    correlate_indicators,
    fit_ols,
    load_pci_scores,
    merge_covariates,
)

IND = ["sub1", "sub2", "sub3", "sub4"]


@pytest.fixture(scope="module")
def pgi():
    return build_pgi_index()


def test__compute_cronbach_alpha__hand_worked_and_missing_counted():
    """Items (1,2,3) and (2,3,5): 2 · (1 − (1 + 7/3) / (19/3)) = 18/19; the NaN row is dropped and counted."""
    table = pd.DataFrame({"a": [1, 2, 3, np.nan], "b": [2, 3, 5, 4]})
    out = compute_cronbach_alpha(table, ["a", "b"])
    assert out["alpha"] == pytest.approx(18 / 19)
    assert (out["n_used"], out["n_dropped"]) == (3, 1)


def test__correlate_indicators__pgi_2024_listwise(pgi):
    corr = correlate_indicators(pgi[pgi["year"] == 2024], IND)
    assert len(corr) == 12 and set(corr["n_used"]) == {37} and set(corr["n_dropped"]) == {26}
    assert corr["p_value"].between(0, 1).all() and corr["r"].between(-1, 1).all()


def test__compute_pca_loadings__unit_vectors_and_shares():
    rng = np.random.default_rng(0)
    base = rng.normal(size=(50, 1))
    table = pd.DataFrame(base + rng.normal(scale=0.3, size=(50, 4)), columns=IND)
    out = compute_pca_loadings(table, IND).set_index("indicator")
    loadings = out.loc[IND, ["PC1", "PC2", "PC3", "PC4"]].to_numpy()
    assert np.allclose((loadings**2).sum(axis=0), 1.0)
    assert out.loc["explained_variance", ["PC1", "PC2", "PC3", "PC4"]].sum() == pytest.approx(1.0)
    assert (out.loc[IND, "PC1"] > 0.4).all()  # one common factor: every indicator loads on PC1


def test__fit_ols__recovers_slope_with_hc3_and_counts_missing():
    rng = np.random.default_rng(1)
    x = rng.uniform(50, 75, size=80)
    y = 2.0 + 0.3 * x + rng.normal(scale=0.02 * (x - 45), size=80)  # heteroskedastic errors
    region = np.where(np.arange(80) % 2, "Southeast", "Red River Delta")
    table = pd.DataFrame({"score": y, "pci": x, "region": region})
    table.loc[[3, 7], "pci"] = np.nan
    res = fit_ols(table, "score", ["pci", "region"], categorical=("region",))
    coef = res.coefficients.set_index("term")
    assert (res.n_used, res.n_dropped, res.cov_type) == (78, 2, "HC3")
    assert coef.loc["pci", "estimate"] == pytest.approx(0.3, abs=0.02)
    assert "region_Southeast" in coef.index
    plain = sm.OLS(table.dropna()["score"], sm.add_constant(table.dropna()[["pci"]])).fit()
    assert coef.loc["pci", "std_error"] != pytest.approx(plain.bse["pci"], rel=1e-3)


def test__merge_covariates__shipped_pci_joins_on_canonical_names(pgi):
    pci = load_pci_scores()
    assert "Bà Rịa – Vũng Tàu" in set(pci["province"])
    merged = merge_covariates(pgi, pci)
    assert len(merged) == len(pgi)
    row = merged[(merged["province"] == "Bà Rịa – Vũng Tàu") & (merged["year"] == 2022)]
    assert row["pci_score"].iloc[0] == pytest.approx(70.26)


def test__compare_constituents__new_hcmc_side_by_side_without_merged_score(pgi):
    out = compare_constituents(pgi, get_pgi_spec(), "TP.HCM", year=2023)
    assert set(out["unit_2025"]) == {"TP. Hồ Chí Minh"}
    assert set(out["province"]) == {"TP. Hồ Chí Minh", "Bà Rịa – Vũng Tàu", "Bình Dương"}
    assert out.set_index("province").loc["Bà Rịa – Vũng Tàu", "score"] == pytest.approx(23.47)
    assert len(out) == 3  # one row per constituent: no invented merged row
