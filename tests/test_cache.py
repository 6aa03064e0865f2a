"""The disk cache of national computations: same results, computed once per input, never stale."""

from __future__ import annotations

import pandas as pd

from analysis.cache import cache_key, cached


def test__cached__computes_once_per_input_and_a_changed_file_gives_a_new_entry(tmp_path):
    data = tmp_path / "inputs" / "table.csv"
    data.parent.mkdir()
    data.write_text("a,b\n1,2\n", encoding="utf-8")
    calls = []

    def compute():
        calls.append(1)
        return pd.read_csv(data)

    first = cached("t", compute, files=[data.parent], key=("x", 1), cache_dir=tmp_path / "c")
    again = cached("t", compute, files=[data.parent], key=("x", 1), cache_dir=tmp_path / "c")
    assert len(calls) == 1 and again.equals(first)
    other_key = cached("t", compute, files=[data.parent], key=("x", 2), cache_dir=tmp_path / "c")
    assert len(calls) == 2 and other_key.equals(first)
    data.write_text("a,b\n1,3\n", encoding="utf-8")  # an analyst edits an input: the old entry no longer applies
    changed = cached("t", compute, files=[data.parent], key=("x", 1), cache_dir=tmp_path / "c")
    assert len(calls) == 3 and changed["b"].tolist() == [3]


def test__cached__a_damaged_entry_is_computed_again_and_an_unwritable_cache_still_answers(tmp_path, monkeypatch):
    import contextlib

    import analysis.cache as cache

    folder = tmp_path / "c"
    table = pd.DataFrame({"a": [1.0, 2.0]})
    assert cached("t", lambda: table, files=[], cache_dir=folder).equals(table)
    entry = folder / cache_key("t", [])
    (entry / "table0.parquet").write_bytes(b"PAR1 damaged")  # an interrupted copy
    assert cached("t", lambda: table * 2, files=[], cache_dir=folder)["a"].tolist() == [2.0, 4.0]
    (entry / "manifest.json").write_text("{not json", encoding="utf-8")
    assert cached("t", lambda: table * 3, files=[], cache_dir=folder)["a"].tolist() == [3.0, 6.0]

    @contextlib.contextmanager
    def full_disk(_target):
        raise OSError(28, "No space left on device")
        yield  # pragma: no cover

    monkeypatch.setattr(cache, "atomic_dir", full_disk)
    assert cached("u", lambda: 7, files=[], cache_dir=folder) == 7
    assert not list(folder.glob("u-*"))


def _slow_count(folder: str, log: str) -> list[int]:
    """In a child process: a cached value that takes a while to compute; each computation appends a line to ``log``."""
    import time
    from pathlib import Path

    def compute():
        with open(log, "a", encoding="utf-8") as out:
            out.write("computed\n")
        time.sleep(1.0)
        return [1, 2, 3]

    return cached("slow", compute, files=[], key="k", cache_dir=Path(folder))


def test__cached__processes_missing_the_same_entry_together_compute_it_once(tmp_path):
    """The two languages of a report run side by side in two kernels: the entry is computed by one, read by the
    other (which waited for it), not computed twice."""
    import multiprocessing

    log = tmp_path / "log.txt"
    with multiprocessing.get_context("spawn").Pool(3) as pool:
        results = pool.starmap(_slow_count, [(str(tmp_path / "c"), str(log))] * 3)
    assert results == [[1, 2, 3]] * 3
    assert log.read_text(encoding="utf-8").splitlines() == ["computed"]


def test__one_writer__an_unwritable_folder_runs_the_block_unlocked(tmp_path):
    from analysis.io import one_writer

    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")  # a file where the folder should be: no lock can be made
    with one_writer(blocked / "entry") as locked:
        assert locked is False


def test__national_table__cached_equals_computed():
    from analysis.emissions.national_table import national_table

    fresh = national_table(2025, 2030, cache=False)
    kept = national_table(2025, 2030)
    again = national_table(2025, 2030)
    pd.testing.assert_frame_equal(kept, fresh)
    pd.testing.assert_frame_equal(again, fresh)
    assert again.attrs == fresh.attrs and len(fresh) == 34


def test__cached_backtest__equals_the_backtest():
    from analysis.data.raw import load_owid
    from analysis.emissions import backtest, forecast

    owid = load_owid()
    co2 = forecast.extract_series(owid, "co2_mt_excl_luc").loc[:2010]  # a shorter series: a quick backtest
    gdp = owid.set_index("year")["gdp_intl_usd_2011ppp"]
    direct = backtest.rolling_origin_backtest(co2, gdp=gdp)
    kept = backtest.cached_backtest(co2, gdp=gdp)
    pd.testing.assert_frame_equal(kept.summary, direct.summary)
    again = backtest.cached_backtest(co2, gdp=gdp)  # read back from the disk: the same Backtest, field by field
    pd.testing.assert_frame_equal(again.errors, direct.errors)
    pd.testing.assert_frame_equal(again.summary, direct.summary)
    assert again.summary.attrs == direct.summary.attrs
    assert (again.warnings, again.min_train, again.horizons, again.assumptions) == (
        direct.warnings,
        direct.min_train,
        direct.horizons,
        direct.assumptions,
    )


def test__cached__stores_data_not_code(tmp_path):
    """An entry is Parquet tables and a JSON manifest; the arguments are keyed by their JSON, not by pickle."""
    import json

    cached(
        "t", lambda: pd.DataFrame({"a": [1]}), files=[], key={"year": 2030, "s": pd.Series([1.5])}, cache_dir=tmp_path
    )
    (entry,) = [p for p in tmp_path.iterdir() if not p.name.startswith(".")]  # beside it: its hidden lock file
    assert sorted(p.name for p in entry.iterdir()) == ["manifest.json", "table0.parquet"]
    assert json.loads((entry / "manifest.json").read_text())["value"]["table"] == "table0.parquet"
    assert cache_key("t", [], (1, 2)) == cache_key("t", [], [1, 2]) != cache_key("t", [], (1, 3))


def test__no_pickle_in_the_package():
    import ast

    from analysis import paths

    for f in sorted(paths.PACKAGE_DIR.rglob("*.py")):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if isinstance(node, ast.Attribute | ast.Name):
                names.append(node.attr if isinstance(node, ast.Attribute) else node.id)  # pd.read_pickle, to_pickle
            assert not any("pickle" in n or n.split(".")[0] in ("dill", "joblib", "shelve") for n in names), f


def test__hash_files__reads_a_file_again_only_when_it_changed_or_changed_too_recently_to_tell(tmp_path, monkeypatch):
    """A kernel forked from a batch template that hashed the inputs only looks at them (issue 20, speed): a file is
    read again when its size, modification time or inode changed, and every time while it is racily new."""
    import hashlib
    import os
    import time

    from analysis.fingerprint import hash_files

    reads = []
    real = hashlib.file_digest
    monkeypatch.setattr(hashlib, "file_digest", lambda f, name: reads.append(f.name) or real(f, name))
    folder = tmp_path / "raw"
    folder.mkdir()
    table = folder / "table.csv"
    table.write_text("a,b\n1,2\n", encoding="utf-8")
    hour_ago = time.time() - 3600
    os.utime(table, (hour_ago, hour_ago))
    first = hash_files([folder])
    assert hash_files([folder]) == first and reads == [str(table)]  # the second time: only looked at
    table.write_text("a,b\n1,3\n", encoding="utf-8")  # the same size, a new time: read again, a new digest
    os.utime(table, (hour_ago + 60, hour_ago + 60))
    changed = hash_files([folder])
    assert changed != first and len(reads) == 2
    fresh = folder / "new.csv"
    fresh.write_text("x\n", encoding="utf-8")  # modified just now: read at every call until it is old enough
    added = hash_files([folder])
    assert added != changed and hash_files([folder]) == added and reads.count(str(fresh)) == 2
    (folder / "loop").symlink_to(folder, target_is_directory=True)  # a link to a folder is not entered: no loop
    assert hash_files([folder]) == added
