"""Tables read or made once per process (a batch's template makes them for every kernel; issue 20, speed): what
a caller gets is its own copy, so changing it changes nothing for the next caller, and a register file that changes
is read again."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from analysis.index.pgi import build_pgi_index, load_pgi_table
from analysis.inventory import estimate_inventory, national_sectors, supported_years
from analysis.mrv.registers import read_credits, read_facilities
from analysis.mrv.room import CREDITS_EXAMPLE, FACILITIES_EXAMPLE

YEAR = supported_years()[1]


@pytest.mark.parametrize(
    "make",
    [
        build_pgi_index,
        load_pgi_table,
        lambda: national_sectors(YEAR),
        lambda: estimate_inventory(YEAR, admin_map=2025),
        lambda: estimate_inventory(YEAR, admin_map=2024),
        lambda: read_facilities(FACILITIES_EXAMPLE),
        lambda: read_credits(CREDITS_EXAMPLE),
    ],
    ids=["pgi_index", "pgi_table", "national_sectors", "inventory_2025", "inventory_2024", "facilities", "credits"],
)
def test__what_a_caller_changes_in_its_table_the_next_caller_does_not_see(make):
    first = make()
    expected = first.copy()
    numeric = first.select_dtypes("number").columns[0]
    first[numeric] = -1
    first.iloc[0, 0] = None
    pd.testing.assert_frame_equal(make(), expected)


def test__a_register_edited_between_two_reads_is_read_again(tmp_path):
    path = tmp_path / "facilities.csv"
    shutil.copy(FACILITIES_EXAMPLE, path)
    before = read_facilities(path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")  # the last facility-year removed
    assert len(read_facilities(path)) == len(before) - 1
