"""The composite-index engine: aggregate indicators into scores, rank them, and build the index table.

Inputs
------
A prepared table (see :func:`analysis.index.tables.load_index_table`) with the columns
``province, year, region, <indicators…>, published_score, published_rank`` and an
:class:`~analysis.index.spec.IndexSpec`.

Outputs
-------
:func:`build_index_table` returns one row per province and year with ``score`` (full precision),
``source`` (``computed`` or ``published``), national ``rank`` and ``rank_source``, the rank among
the provinces that have a score (``rank_among_scored``, ``rank_basis``), ``region_rank``,
``score_change`` and ``rank_change`` against the previous year.

Rules (see ``docs/index_method.md``)
------------------------------------
- A published score is the score (``source = "published"``), so a province's score reads the same in every report;
  where none was published, the score is computed when every weighted indicator is present
  (``source = "computed"``); otherwise it is missing. Nothing is imputed. When a computed
  score differs from a published one by more than ``conflict_tolerance`` (VCCI rounds to two
  decimals), the sources conflict: the published score is kept and the row's ``note`` says so.
- The national rank is the published rank where one was published. Where none was, a computed rank is
  a national rank only when every province of that year in the table has a score (a complete field);
  otherwise only the labelled ``rank_among_scored`` is given.
- Ranks: 1 = best; ties share the lowest rank (``method="min"``). Scores are compared after rounding to
  :data:`TIE_DECIMALS` decimals so that floating-point noise (23.470000000000002) does not split a tie.
- ``rank_change`` = previous rank − current rank (positive = moved up).
- A regional rank is given only where every province of the region has a score that year (a province
  without one may well rank above: "8th of the 10 with a score" is not a regional rank) and there are at
  least :data:`MIN_REGION_SCORED` of them; ``region_n_scored`` always says how many have one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.index.spec import IndexSpec

TIE_DECIMALS = 9
MIN_REGION_SCORED = 3  # fewer scored provinces in a region: no regional rank
OUTPUT_COLUMNS = [
    "province",
    "year",
    "score",
    "rank",
    "region",
    "region_rank",
    "score_change",
    "rank_change",
    "source",
    "rank_source",
    "rank_among_scored",
    "rank_basis",
    "n_scored",
    "region_n_scored",
    "published_score",
    "published_rank",
    "note",
]


def aggregate(values: np.ndarray, weights: np.ndarray, method: str = "arithmetic") -> np.ndarray:
    """Composite score of indicator values along the last axis.

    Parameters
    ----------
    values : array (..., n_indicators); NaN propagates to the score.
    weights : array (n_indicators,) or broadcastable to ``values`` (e.g. one weight vector per draw).
    method : ``"arithmetic"``: Σ wᵢ xᵢ. ``"geometric"``: W · Π xᵢ^(wᵢ/W) with W = Σ wᵢ, i.e. the
        weighted geometric mean rescaled to the arithmetic score's range (equal values give equal
        scores under both methods); any zero indicator gives a zero score.

    Returns
    -------
    array (...) of scores.
    """
    values = np.asarray(values, dtype=float)
    weights = np.asarray(weights, dtype=float)
    if method == "arithmetic":
        return np.sum(values * weights, axis=-1)
    if method == "geometric":
        total = np.sum(weights, axis=-1)
        share = weights / total[..., None]
        with np.errstate(divide="ignore"):
            logs = np.log(values)
        return total * np.exp(np.sum(logs * share, axis=-1))
    raise ValueError(f"unknown aggregation {method!r} (use 'arithmetic' or 'geometric')")


def rank_descending(scores: np.ndarray) -> np.ndarray:
    """Ranks along the last axis, 1 = highest; ties share the lowest rank; NaN stays NaN.

    Vectorised: works on (n,) or (n_draws, n) arrays without a Python loop over draws.
    """
    scores = np.asarray(scores, dtype=float)
    keys = np.where(np.isnan(scores), np.inf, -np.round(scores, TIE_DECIMALS))
    order = np.argsort(keys, axis=-1, kind="stable")
    ordered = np.take_along_axis(keys, order, axis=-1)
    n = scores.shape[-1]
    new = np.ones(ordered.shape, dtype=bool)
    new[..., 1:] = ordered[..., 1:] != ordered[..., :-1]
    position = np.broadcast_to(np.arange(n), ordered.shape)
    first = np.maximum.accumulate(np.where(new, position, 0), axis=-1)
    ranks = np.empty(scores.shape, dtype=float)
    np.put_along_axis(ranks, order, first + 1.0, axis=-1)
    ranks[np.isnan(scores)] = np.nan
    return ranks


def compute_scores(table: pd.DataFrame, spec: IndexSpec) -> pd.Series:
    """Computed score of each row; NaN where any weighted indicator is missing."""
    values = table[spec.indicators].to_numpy(dtype=float)
    weights = np.array([spec.weights[c] for c in spec.indicators])
    return pd.Series(aggregate(values, weights, spec.aggregation), index=table.index, name="score_computed")


def _rank_in_groups(frame: pd.DataFrame, by: list[str]) -> pd.Series:
    out = pd.Series(np.nan, index=frame.index)
    for _, part in frame.groupby(by, sort=False):
        out.loc[part.index] = rank_descending(part["score"].to_numpy())
    return out


def _previous(frame: pd.DataFrame, column: str) -> pd.Series:
    """Value of ``column`` for the same province in the table's previous year (NaN when absent)."""
    years = sorted(frame["year"].unique())
    prev_year = dict(zip(years[1:], years[:-1], strict=True))
    keyed = frame.set_index(["province", "year"])[column]
    lookup = [(p, prev_year.get(y)) for p, y in zip(frame["province"], frame["year"], strict=True)]
    return pd.Series(
        [keyed.get(k, np.nan) if k[1] is not None else np.nan for k in lookup], index=frame.index, dtype=float
    )


def build_index_table(table: pd.DataFrame, spec: IndexSpec, *, conflict_tolerance: float = 0.03) -> pd.DataFrame:
    """Scores, national and regional ranks and year-on-year changes (see the module docstring for the rules).

    Steps
    -----
    1. compute the score where all weighted indicators are present, else take the published score;
    2. rank among the provinces with a score in each year, and within each region;
    3. national rank = published rank, or the computed rank when the year's field is complete;
    4. changes against the previous year in the table.
    """
    frame = table.copy()
    computed = compute_scores(frame, spec)
    published = frame["published_score"].astype(float)
    conflict = (computed - published).abs() > conflict_tolerance + 1e-9
    frame["note"] = [
        f"sub-indices give {c:.2f}, published score {p:.2f}: sources conflict, published score used" if bad else None
        for c, p, bad in zip(computed, published, conflict, strict=True)
    ]
    computed = computed.where(~conflict)
    # the published score wherever one exists (the sub-indices then agree with it, or the note says they do not):
    # one score and one source for a province and year in every report; computed only where none was published
    frame["score"] = published.where(published.notna(), computed)
    frame["source"] = np.where(published.notna(), "published", np.where(computed.notna(), "computed", None))
    frame["rank_among_scored"] = _rank_in_groups(frame, ["year"])
    frame["n_scored"] = frame.groupby("year")["score"].transform("count").astype(int)
    complete = frame.groupby("year")["score"].transform(lambda s: s.notna().all()).astype(bool)
    frame["rank_basis"] = np.where(
        frame["score"].notna(), "among " + frame["n_scored"].astype(str) + " provinces with a score", None
    )
    pub_rank = frame["published_rank"].astype(float)
    use_computed = pub_rank.isna() & complete & frame["score"].notna()
    frame["rank"] = pub_rank.where(pub_rank.notna(), frame["rank_among_scored"].where(use_computed))
    frame["rank_source"] = np.where(pub_rank.notna(), "published", np.where(use_computed, "computed", None))
    frame["region_n_scored"] = frame.groupby(["year", "region"])["score"].transform("count").astype(int)
    region_complete = frame.groupby(["year", "region"])["score"].transform(lambda v: v.notna().all()).astype(bool)
    frame["region_rank"] = _rank_in_groups(frame, ["year", "region"]).where(
        (frame["region_n_scored"] >= MIN_REGION_SCORED) & region_complete
    )
    frame["score_change"] = frame["score"] - _previous(frame, "score")
    frame["rank_change"] = _previous(frame, "rank") - frame["rank"]
    for col in ("rank", "rank_among_scored", "region_rank", "rank_change", "published_rank"):
        frame[col] = pd.array(frame[col].astype(float).round().tolist(), dtype="Int64")
    extra = [c for c in frame.columns if c not in OUTPUT_COLUMNS and c in spec.indicators]
    return frame[OUTPUT_COLUMNS + extra].sort_values(["year", "province"]).reset_index(drop=True)


def check_published_scores(
    index_table: pd.DataFrame, table: pd.DataFrame, spec: IndexSpec, tolerance: float = 0.03
) -> pd.DataFrame:
    """Rows where the computed score and the published score differ by more than ``tolerance``.

    VCCI publishes two decimals, so sums of rounded sub-indices may differ from the score by a few
    hundredths; a larger gap points to a misprint in one of the sources (e.g. Quảng Nam 2023).
    """
    computed = compute_scores(table, spec)
    frame = table[["province", "year", "published_score"]].assign(computed_score=computed)
    frame["difference"] = frame["computed_score"] - frame["published_score"]
    bad = frame["difference"].abs() > tolerance + 1e-9
    return frame[bad].reset_index(drop=True)
