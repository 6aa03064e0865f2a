"""Provincial GRDP at current prices (kind ``grdp``, ``data/raw/national/grdp_provinces.csv``): the denominator of a
province's emission intensity and of its comparison with its region.

Input: one row per province and year — ``province`` (any spelling the registry resolves, on the 2024 map),
``year``, ``grdp`` (billion VND), ``unit``, ``price_basis`` (``current``), ``source``, ``url``, ``note``. Output:
:func:`load_grdp` → ``{(province, year): billion VND}`` under the registry's names. GRDP by province is not
published in one open table; what was found is cited row by row, and a province without a row has no intensity
(missing, never estimated).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from analysis.data.schemas import Column, TableSchema, read_checked

_TEXT = {"dtype": "str", "required": False, "nullable": True}
GRDP = TableSchema(
    kind="grdp",
    description="provincial GRDP at current prices (billion VND), cited row by row",
    columns=(
        Column("province", "province"),
        Column("year", "year"),
        Column("grdp", "float", min=0),
        Column("unit", "str", allowed=("billion VND",)),
        Column("price_basis", "str", allowed=("current",)),
        Column("source", "str"),
        Column("url", **_TEXT),
        Column("note", **_TEXT),
    ),
    key=("province", "year"),
)


@lru_cache(maxsize=4)
def _load(path: str) -> dict[tuple[str, int], float]:
    table = read_checked(path, GRDP)
    return {(str(r.province), int(r.year)): float(r.grdp) for r in table.itertuples()}


def load_grdp(path: Path | str | None = None) -> dict[tuple[str, int], float]:
    """``{(province, year): GRDP in billion VND}`` (province names as the registry spells them)."""
    from analysis.data.provenance import raw_file

    return _load(str(path or raw_file("grdp")))
