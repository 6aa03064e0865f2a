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


def _frozen_copy(tmp_path, age_s: float):
    """The shipped frozen BAU of Bà Rịa – Vũng Tàu copied to ``tmp_path``, its files dated ``age_s`` seconds ago."""
    import os
    import time

    from analysis.emissions.bau import frozen_bau_path
    from analysis.emissions.profile import load_profile

    source = frozen_bau_path(load_profile("Bà Rịa – Vũng Tàu"))
    target = tmp_path / source.name
    for src, dst in ((source, target), (source.with_suffix(".json"), target.with_suffix(".json"))):
        shutil.copy(src, dst)
        os.utime(dst, (time.time() - age_s, time.time() - age_s))
    return target


def test__a_frozen_bau_is_read_once_while_unchanged_and_each_caller_gets_its_own(tmp_path, monkeypatch):
    from analysis.emissions import bau

    path = _frozen_copy(tmp_path, age_s=60)
    reads = []
    real = pd.read_csv
    monkeypatch.setattr(bau.pd, "read_csv", lambda *a, **k: reads.append(a[0]) or real(*a, **k))
    first = bau.load_frozen_bau(path)
    first.emissions[:] = 0  # a caller that changes its copy
    second = bau.load_frozen_bau(path)
    assert len(reads) == 1 and second.emissions.sum() > 0


def test__a_frozen_bau_written_just_now_is_read_again(tmp_path):
    """A file changed within the last seconds may change again without its time or size showing it: never
    remembered. Here the CSV is rewritten at once with one digit changed (same size, same time)."""
    import os

    from analysis.emissions import bau

    path = _frozen_copy(tmp_path, age_s=0)
    before = bau.load_frozen_bau(path)
    head, row, rest = path.read_text(encoding="utf-8").split("\n", 2)
    cells = row.split(",")
    column = head.split(",").index("emissions_tco2e")
    value = cells[column]
    digit = next(i for i, c in enumerate(value) if c.isdigit() and c != "0")
    cells[column] = value[:digit] + ("1" if value[digit] != "1" else "2") + value[digit + 1 :]
    stamp = path.stat().st_mtime_ns
    path.write_text("\n".join([head, ",".join(cells), rest]), encoding="utf-8")
    os.utime(path, ns=(stamp, stamp))  # a file system whose clock did not move between the two writes
    after = bau.load_frozen_bau(path)
    assert after.emissions[0, 0] != before.emissions[0, 0]
