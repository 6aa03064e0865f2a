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
    cached("t", lambda: 41, files=[], cache_dir=folder)
    (folder / f"{cache_key('t', [])}.pkl").write_bytes(b"not a pickle")
    assert cached("t", lambda: 42, files=[], cache_dir=folder) == 42

    @contextlib.contextmanager
    def full_disk(_target):
        raise OSError(28, "No space left on device")
        yield  # pragma: no cover

    monkeypatch.setattr(cache, "atomic_path", full_disk)
    assert cached("u", lambda: 7, files=[], cache_dir=folder) == 7
    assert not list(folder.glob("u-*"))


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
