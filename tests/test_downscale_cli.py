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


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--province", "Atlantis", "--year", "2023"], "unknown province 'Atlantis'"),
        (["--province", "BRVT", "--year", "2024"], "national emissions can be estimated for 2010–2023 only"),
        (["--province", "all", "--year", "2009"], "2009 is outside that range"),
    ],
)
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


def test__run_downscale__all_provinces_plus_national_rows(tmp_path, capsys):
    out = tmp_path / "all_2016.csv"
    assert main(["downscale", "--province", "all", "--year", "2016", "--map", "2024", "--out", str(out)]) == 0
    table = pd.read_csv(out)
    assert table["province"].nunique() == 65 and len(table) == 65 * 9
    assert "provenance" in table.columns
    national = table[table["province"] == "Việt Nam"].set_index("sector")["value"]
    provinces_and_line = table[table["province"] != "Việt Nam"].groupby("sector")["value"].sum()
    assert provinces_and_line.to_dict() == pytest.approx(national.to_dict(), rel=1e-9)
    out = capsys.readouterr().out
    assert "63 provinces/units + the line not allocated to a province (offshore production, 4.83 Mt)" in out


def test__run_downscale__binh_duong_2019_works_and_says_how(tmp_path):
    out = tmp_path / "bd.csv"
    assert main(["downscale", "--province", "Binh Duong", "--year", "2019", "--out", str(out)]) == 0
    table = pd.read_csv(out)
    assert set(table["province"]) == {"Bình Dương"}
    assert table["notes"].str.contains("Our World in Data trend 2016→2019").any()


def test__run_downscale__map_2025_gives_the_34_units(tmp_path):
    out = tmp_path / "units.csv"
    assert main(["downscale", "--province", "all", "--year", "2016", "--map", "2025", "--out", str(out)]) == 0
    assert pd.read_csv(out)["province"].nunique() == 36  # 34 units, the line no province holds, the nation


def test__run_downscale__no_map_dong_nai_is_the_unit_and_brvt_the_former_province(tmp_path, capsys):
    unit, former = tmp_path / "dn.csv", tmp_path / "brvt.csv"
    assert main(["downscale", "--province", "Đồng Nai", "--year", "2016", "--out", str(unit)]) == 0
    assert main(["downscale", "--province", "BRVT", "--year", "2016", "--out", str(former)]) == 0
    out = capsys.readouterr().out
    assert "Đồng Nai (2025 map: the unit formed on 1 July 2025 from Đồng Nai, Bình Phước)" in out
    assert "Bà Rịa – Vũng Tàu (2024 map: a former province, until 30 June 2025; now part of TP. Hồ Chí Minh" in out
    parts = pd.read_csv(tmp_path / "dn.csv").groupby("sector")["value"].sum()
    main(["downscale", "--province", "Đồng Nai", "--map", "2024", "--year", "2016", "--out", str(tmp_path / "a.csv")])
    main(["downscale", "--province", "Bình Phước", "--year", "2016", "--out", str(tmp_path / "b.csv")])
    both = sum(pd.read_csv(tmp_path / f).groupby("sector")["value"].sum() for f in ("a.csv", "b.csv"))
    assert parts.to_dict() == pytest.approx(both.to_dict(), rel=1e-9)
    assert set(pd.read_csv(former)["province"]) == {"Bà Rịa – Vũng Tàu"}
