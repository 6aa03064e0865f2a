"""The Provincial Green Index (PGI) layer over the generic index engine.

Inputs
------
The shipped PGI table (``data/raw/vcci/pgi_2022_2024.csv`` through :func:`analysis.pipeline.load_pgi`)
and the weights file ``config/weights/pgi.yaml`` (weight 1 on each of the four sub-indices).

Outputs
-------
:func:`get_pgi_spec`, :func:`load_pgi_table` (engine shape) and :func:`build_pgi_index` (scores and
ranks, see :func:`analysis.index.engine.build_index_table`), plus the PGI caveats used by reports:
2022 was a pilot on a lower scale; in 2024 VCCI published scores and ranks only for the top 30.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from analysis.index.engine import build_index_table
from analysis.index.spec import IndexSpec, load_spec
from analysis.index.tables import PGI_WEIGHTS, prepare_index_table

DEFAULT_PROVINCE = "Bà Rịa – Vũng Tàu"
PILOT_YEARS = (2022,)
TOP_PUBLISHED_ONLY = {2024: 30}  # year -> VCCI published score and rank only for the top N
SOURCE_LINE = {"vi": "VCCI, Chỉ số Xanh cấp tỉnh (PGI) 2022–2024; tổng hợp trong data/raw/vcci",
               "en": "VCCI Provincial Green Index (PGI) 2022–2024; compiled in data/raw/vcci"}
CAVEATS = {
    "pilot": {"vi": "PGI 2022 là năm thí điểm, thang điểm thấp hơn (khoảng 12,5–17,7/40); so sánh với các năm sau "
                    "cần thận trọng",
              "en": "PGI 2022 was a pilot on a lower scale (about 12.5–17.7 of 40); compare it with later years "
                    "with care"},
    "top30": {"vi": "PGI 2024: VCCI chỉ công bố điểm và thứ hạng của 30 tỉnh dẫn đầu",
              "en": "PGI 2024: VCCI published scores and ranks only for the top 30 provinces"},
}


@lru_cache(maxsize=1)
def get_pgi_spec() -> IndexSpec:
    """The PGI spec from ``config/weights/pgi.yaml``."""
    return load_spec(PGI_WEIGHTS)


def load_pgi_table() -> pd.DataFrame:
    """The shipped PGI table in the engine's shape (published values as found, nothing imputed)."""
    from analysis.pipeline import PGI_FILE, load_pgi
    from analysis.paths import relative_to_project

    return prepare_index_table(load_pgi(), get_pgi_spec(), relative_to_project(PGI_FILE))


def build_pgi_index() -> pd.DataFrame:
    """Scores, ranks and changes of the shipped PGI table."""
    return build_index_table(load_pgi_table(), get_pgi_spec())


def note_year(year: int, lang: str = "en") -> str:
    """The caveat that applies to a PGI year ('' when none)."""
    notes = []
    if year in PILOT_YEARS:
        notes.append(CAVEATS["pilot"][lang])
    if year in TOP_PUBLISHED_ONLY:
        notes.append(CAVEATS["top30"][lang])
    return "; ".join(notes)
