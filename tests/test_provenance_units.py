"""Provenance hashes, GWP sets from the maintained package, and the refusal to mix them."""

import shutil

import numpy as np
import pytest

from analysis import paths
from analysis.data.provenance import check_sources, load_sources, sha256_of
from analysis.errors import GWPMismatchError
from analysis.units import CO2e, check_single_gwp, convert, convert_gwp, gwp_factor, to_tco2e


def test__sources__every_raw_file_matches_its_hash():
    assert check_sources() == []
    sources = load_sources()
    assert len(sources) >= 10
    for s in sources:
        assert len(s.sha256) == 64
        assert sha256_of(paths.RAW_DIR / s.path) == s.sha256


def test__sources__detects_a_changed_and_an_unlisted_file(tmp_path):
    copy = tmp_path / "raw"
    shutil.copytree(paths.RAW_DIR, copy)
    target = copy / "vcci" / "pgi_2022_2024.csv"
    target.write_text(target.read_text(encoding="utf-8").replace("23.47", "23.48"), encoding="utf-8")
    (copy / "stray.csv").write_text("a\n1\n")
    problems = check_sources(copy)
    assert any("pgi_2022_2024.csv: content changed" in p for p in problems)
    assert any("stray.csv: on disk but not described" in p for p in problems)


@pytest.mark.parametrize(
    ("gas", "gwp", "value"),
    [
        ("CH4", "AR4", 25),
        ("CH4", "AR5", 28),
        ("CH4", "AR6", 27.9),
        ("N2O", "AR4", 298),
        ("N2O", "AR5", 265),
        ("N2O", "AR6", 273),
        ("SF6", "AR5", 23500),
        ("CO2", "AR6", 1),
    ],
)
def test__gwp_factor__from_package(gas, gwp, value):
    assert gwp_factor(gas, gwp) == pytest.approx(value)


def test__to_tco2e_and_convert():
    assert to_tco2e(2, "kt", "CH4", "AR5") == pytest.approx(56_000)
    assert to_tco2e(1.5, "Mt CO2e", "CO2e", "AR6") == pytest.approx(1.5e6)
    assert convert(1500, "kt CO2e", "Mt CO2e") == pytest.approx(1.5)
    assert convert_gwp(25, "CH4", "AR4", "AR6") == pytest.approx(27.9)


def test__co2e__same_set_adds():
    total = CO2e(np.array([1.0, 2.0]), "AR5") + CO2e(np.array([3.0, 4.0]), "ar5gwp100")
    assert total.gwp == "AR5"
    assert list(total.tonnes) == [4.0, 6.0]
    assert total.to("kt CO2e")[1] == pytest.approx(0.006)


def test__co2e__mixed_sets_refused():
    with pytest.raises(GWPMismatchError, match="AR4.*AR6"):
        CO2e(1.0, "AR4") + CO2e(1.0, "AR6")
    with pytest.raises(GWPMismatchError):
        check_single_gwp("AR5", "AR6")
    assert check_single_gwp("AR6", "AR6", None) == "AR6"


def test__unknown_gwp_set_refused():
    with pytest.raises(ValueError, match="unknown GWP set"):
        gwp_factor("CH4", "SAR")


def test__atomic_outputs__get_the_usual_permissions(tmp_path):
    """Outputs are readable by others (a web server serving reports/), unlike mkstemp's private default."""
    import os

    import pandas as pd

    from analysis.io import atomic_dir, write_table

    mask = os.umask(0o022)
    try:
        out = write_table(pd.DataFrame({"a": [1]}), tmp_path / "t.csv")
        with atomic_dir(tmp_path / "run") as work:
            (work / "x.txt").write_text("x")
    finally:
        os.umask(mask)
    assert oct(out.stat().st_mode & 0o777) == oct(0o644)
    assert oct((tmp_path / "run").stat().st_mode & 0o777) == oct(0o755)
