"""The Provincial Green Index (PGI) layer over the generic index engine.

Inputs
------
The shipped PGI table (``data/raw/vcci/pgi_2022_2024.csv`` through :func:`analysis.data.raw.load_pgi`)
and the weights file ``config/weights/pgi.yaml`` (weight 1 on each of the four sub-indices).

Outputs
-------
:func:`get_pgi_spec`, :func:`load_pgi_table` (engine shape) and :func:`build_pgi_index` (scores and
ranks, see :func:`analysis.index.engine.build_index_table`), plus the PGI caveats used by reports:
2022 was a pilot on a lower scale; in 2024 VCCI published scores and ranks only for the top 30.

The generic engine functions with the PGI's facts filled in (how many provinces VCCI ranked each year,
which years are not comparable): :func:`national_rank` (the one headline rank), :func:`regional_rank`,
:func:`summarise_pgi_history`, :func:`explain_pgi_changes`, :func:`solve_pgi_whatif` (against the
published national ranking), :func:`plan_pgi_improvements` (with the bodies of the province's plan).
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from analysis.i18n import t
from analysis.index.engine import build_index_table
from analysis.index.spec import IndexSpec, load_spec
from analysis.index.standing import NationalRank, RegionalRank, find_national_rank, find_regional_rank
from analysis.index.tables import PGI_WEIGHTS, prepare_index_table

PILOT_YEARS = (2022,)
TOP_PUBLISHED_ONLY = {2024: 30}  # year -> VCCI published score and rank only for the top N


@lru_cache(maxsize=1)
def get_pgi_spec() -> IndexSpec:
    """The PGI spec from ``config/weights/pgi.yaml``."""
    return load_spec(PGI_WEIGHTS)


def load_pgi_table() -> pd.DataFrame:
    """The shipped PGI table in the engine's shape (published values as found, nothing imputed)."""
    return _pgi_table().copy()


def build_pgi_index() -> pd.DataFrame:
    """Scores, ranks and changes of the shipped PGI table."""
    return _pgi_index().copy()


# made once per process, as the shipped table and the spec they come from (a batch's template makes them for
# every kernel: 03, 04, the summary and the data overview each ask)
@lru_cache(maxsize=1)
def _pgi_table() -> pd.DataFrame:
    from analysis.data.provenance import raw_label
    from analysis.data.raw import load_pgi

    return prepare_index_table(load_pgi(), get_pgi_spec(), raw_label("pgi"))


@lru_cache(maxsize=1)
def _pgi_index() -> pd.DataFrame:
    return build_index_table(_pgi_table(), get_pgi_spec())


def note_year(year: int, lang: str = "en") -> str:
    """The caveat that applies to a PGI year ('' when none)."""
    notes = []
    if year in PILOT_YEARS:
        notes.append(t("pgi_caveat_pilot", lang))
    if year in TOP_PUBLISHED_ONLY:
        notes.append(t("pgi_caveat_top30", lang))
    return "; ".join(notes)


def count_ranked(year: int) -> int | None:
    """How many provinces VCCI ranked in ``year`` (``None``: all of them)."""
    return TOP_PUBLISHED_ONLY.get(int(year))


def national_rank(index_table: pd.DataFrame, province: str, year: int) -> NationalRank:
    """The PGI headline rank of ``province`` in ``year``: VCCI's published national rank and its field."""
    return find_national_rank(index_table, province, year, count_ranked(year))


def regional_rank(index_table: pd.DataFrame, province: str, year: int) -> RegionalRank:
    """The rank among the region's provinces with a score (none when fewer than three have one)."""
    return find_regional_rank(index_table, province, year)


def summarise_pgi_history(index_table: pd.DataFrame, province: str, lang: str = "en") -> pd.DataFrame:
    """:func:`~analysis.index.province.summarise_history` with the PGI caveats, fields and pilot year."""
    from analysis.index.province import summarise_history

    years = sorted(index_table["year"].unique())
    return summarise_history(
        index_table,
        province,
        {int(y): note_year(int(y), lang) for y in years},
        n_ranked=dict(TOP_PUBLISHED_ONLY),
        not_comparable=PILOT_YEARS,
    )


def explain_pgi_changes(index_table: pd.DataFrame, province: str) -> pd.DataFrame:
    """:func:`~analysis.index.province.explain_changes`; changes across the 2022 pilot are not decomposed."""
    from analysis.index.province import explain_changes

    return explain_changes(index_table, get_pgi_spec(), province, not_comparable=PILOT_YEARS)


def solve_pgi_whatif(index_table: pd.DataFrame, province: str, year: int, target_rank: int = 5) -> pd.DataFrame:
    """The what-if against VCCI's published national ranking of ``year`` (see :mod:`analysis.index.national`)."""
    from analysis.index.national import solve_target_rank_national

    return solve_target_rank_national(
        index_table, get_pgi_spec(), province, year, target_rank, n_ranked=count_ranked(year)
    )


def plan_pgi_improvements(index_table: pd.DataFrame, province: str, year: int, target_rank: int = 5) -> pd.DataFrame:
    """Per sub-index: rank per point, distance to the top-5 values and the bodies of the province's plan
    (see :func:`analysis.index.plan.plan_improvements`)."""
    from analysis.data.pgi_plan import load_plan_bodies
    from analysis.index.plan import plan_improvements

    return plan_improvements(
        index_table,
        get_pgi_spec(),
        province,
        year,
        target_rank,
        n_ranked=count_ranked(year),
        bodies=load_plan_bodies(province),
    )
