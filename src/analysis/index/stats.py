"""Statistics of a composite index: correlations, Cronbach's alpha, PCA loadings, OLS with HC3 errors.

Inputs
------
An index table (from :func:`analysis.index.engine.build_index_table`) or any table with the indicator
columns; for OLS, covariates supplied by the analyst (``province, year, <variables…>``, e.g. PCI score,
GRDP per capita) merged with :func:`merge_covariates`. The shipped PCI scores load with
:func:`load_pci_scores` (kind ``pci``).

Outputs
-------
Tidy DataFrames. Missing data are handled explicitly: every function drops incomplete rows (listwise)
and reports ``n_used`` and ``n_dropped``; nothing is imputed. With the shipped PGI data only 2024
has enough complete rows (37) for these statistics to mean much.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats as sps
from statsmodels.multivariate.pca import PCA

from analysis.data.readers import ROW


def load_pci_scores(path=None) -> pd.DataFrame:
    """PCI scores and ranks (see :func:`analysis.data.raw.load_pci`)."""
    from analysis.data.raw import load_pci

    return load_pci(path)


def _complete(table: pd.DataFrame, columns: list[str]) -> tuple[pd.DataFrame, int]:
    used = table.dropna(subset=columns)
    return used, len(table) - len(used)


def correlate_indicators(table: pd.DataFrame, indicators: list[str]) -> pd.DataFrame:
    """Pearson and Spearman correlation of each pair of indicators, with p-values, on complete rows.

    Returns ``indicator_a, indicator_b, method, r, p_value, n_used, n_dropped``.
    """
    used, dropped = _complete(table, indicators)
    records = []
    for a, b in combinations(indicators, 2):
        for method, func in (("pearson", sps.pearsonr), ("spearman", sps.spearmanr)):
            if len(used) >= 3:
                res = func(used[a], used[b])
                r, p = float(res[0]), float(res[1])
            else:
                r = p = float("nan")
            records.append(
                {
                    "indicator_a": a,
                    "indicator_b": b,
                    "method": method,
                    "r": r,
                    "p_value": p,
                    "n_used": len(used),
                    "n_dropped": dropped,
                }
            )
    return pd.DataFrame(records)


def compute_cronbach_alpha(table: pd.DataFrame, indicators: list[str]) -> dict[str, float]:
    """Cronbach's alpha of the indicators on complete rows: k/(k−1) · (1 − Σ var(xᵢ) / var(Σ xᵢ))."""
    used, dropped = _complete(table, indicators)
    k = len(indicators)
    values = used[indicators].to_numpy(dtype=float)
    if len(used) < 2 or k < 2:
        alpha = float("nan")
    else:
        alpha = k / (k - 1) * (1 - values.var(axis=0, ddof=1).sum() / values.sum(axis=1).var(ddof=1))
    return {"alpha": float(alpha), "k": k, "n_used": len(used), "n_dropped": dropped}


def compute_pca_loadings(table: pd.DataFrame, indicators: list[str]) -> pd.DataFrame:
    """Principal components of the standardised indicators (statsmodels PCA) on complete rows.

    Returns one row per indicator with a column per component (``PC1`` …; the sign of each component is
    set so that its loadings sum to a positive number), plus rows ``explained_variance`` (share of the
    total) and columns ``n_used``, ``n_dropped``.
    """
    used, dropped = _complete(table, indicators)
    pca = PCA(used[indicators].to_numpy(dtype=float), standardize=True, ncomp=len(indicators), method="eig")
    loadings = np.asarray(pca.loadings)
    loadings = loadings * np.where(loadings.sum(axis=0) < 0, -1.0, 1.0)
    names = [f"PC{i + 1}" for i in range(loadings.shape[1])]
    out = pd.DataFrame(loadings, index=indicators, columns=names)
    eig = np.asarray(pca.eigenvals, dtype=float)
    out.loc["explained_variance"] = eig / eig.sum()
    out["n_used"], out["n_dropped"] = len(used), dropped
    return out.rename_axis("indicator").reset_index()


def merge_covariates(index_table: pd.DataFrame, covariates: pd.DataFrame) -> pd.DataFrame:
    """Join analyst-supplied covariates (``province, year, …``; any registry spelling) to the index table."""
    from analysis.data.provinces import get_registry

    cov = covariates.drop(columns=[ROW], errors="ignore").copy()
    cov["province"] = [get_registry().resolve(p) for p in cov["province"]]
    cov["year"] = cov["year"].astype(int)
    return index_table.merge(cov, on=["province", "year"], how="left", validate="one_to_one")


@dataclass(frozen=True)
class OlsResult:
    """A fitted OLS: the tidy coefficient table and the counts used."""

    coefficients: pd.DataFrame
    n_used: int
    n_dropped: int
    r_squared: float
    adj_r_squared: float
    cov_type: str = "HC3"


def fit_ols(table: pd.DataFrame, response: str, covariates: list[str], categorical: tuple[str, ...] = ()) -> OlsResult:
    """OLS of ``response`` on ``covariates`` with HC3 heteroskedasticity-robust standard errors.

    Categorical covariates (e.g. ``region``) enter as dummies against their first level. Rows missing
    the response or any covariate are dropped and counted.

    Returns
    -------
    :class:`OlsResult` whose ``coefficients`` has ``term, estimate, std_error, z, p_value, ci_low, ci_high``.
    """
    columns = [response, *covariates]
    used, dropped = _complete(table, columns)
    x = used[covariates].copy()
    for col in categorical:
        dummies = pd.get_dummies(x.pop(col).astype(str), prefix=col, drop_first=True, dtype=float)
        x = pd.concat([x, dummies], axis=1)
    x = sm.add_constant(x.astype(float), has_constant="add")
    if len(used) <= x.shape[1]:
        raise ValueError(
            f"only {len(used)} complete rows for {x.shape[1]} coefficients: too few to fit "
            f"({dropped} rows dropped for missing values)"
        )
    fit = sm.OLS(used[response].astype(float), x).fit(cov_type="HC3")
    ci = fit.conf_int()
    coefficients = pd.DataFrame(
        {
            "term": x.columns,
            "estimate": fit.params.to_numpy(),
            "std_error": fit.bse.to_numpy(),
            "z": fit.tvalues.to_numpy(),
            "p_value": fit.pvalues.to_numpy(),
            "ci_low": ci[0].to_numpy(),
            "ci_high": ci[1].to_numpy(),
        }
    )
    return OlsResult(coefficients, len(used), dropped, float(fit.rsquared), float(fit.rsquared_adj))
