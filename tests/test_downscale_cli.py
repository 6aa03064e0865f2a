"""``netzero downscale``: writes the estimate atomically; exit 1 on an unknown province or a bad year."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.cli import main


def test__run_downscale__writes_the_estimate(tmp_path, capsys):
    out = tmp_path / "brvt_2023.csv"
    assert main(["downscale", "--province", "Bà Rịa-Vũng Tàu", "--year", "2023", "--out", str(out)]) == 0
    table = pd.read_csv(out)
    assert set(table["province"]) == {"Bà Rịa – Vũng Tàu"} and len(table) == 9
    assert table["notes"].str.contains("indicative estimate — replace with the official inventory").all()
    assert "indicative estimate" in capsys.readouterr().out
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("argv, message", [
    (["--province", "Atlantis", "--year", "2023"], "unknown province 'Atlantis'"),
    (["--province", "BRVT", "--year", "2019"], "no national emissions figure for 2019"),
    (["--province", "BRVT", "--year", "2016"], "no 'population' for Bà Rịa – Vũng Tàu in 2016"),
])
def test__run_downscale__bad_input_exits_1_and_keeps_the_old_file(tmp_path, capsys, argv, message):
    out = tmp_path / "inv.csv"
    out.write_text("earlier good file\n", encoding="utf-8")
    assert main(["downscale", *argv, "--out", str(out)]) == 1
    assert message in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "earlier good file\n"
    assert not list(tmp_path.glob(".*.tmp"))


def test__run_downscale__unsupported_output_type_exits_1(tmp_path, capsys):
    assert main(["downscale", "--province", "BRVT", "--year", "2023", "--out", str(tmp_path / "x.json")]) == 1
    assert "must end in .csv" in capsys.readouterr().err
