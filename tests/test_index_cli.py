"""``netzero index`` and friends: output columns, atomic writes, located errors with exit code 1."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.cli import main
from benchmarks.synthetic import make_synthetic_field

REQUIRED = ["province", "year", "score", "rank", "region", "region_rank", "score_change", "rank_change", "source"]


def test__run_index__shipped_pgi_to_csv(tmp_path, capsys):
    out = tmp_path / "index__pgi.csv"
    assert main(["index", "--out", str(out)]) == 0
    table = pd.read_csv(out)
    assert list(table.columns[:9]) == REQUIRED
    row = table[(table["province"] == "Bà Rịa – Vũng Tàu") & (table["year"] == 2023)].iloc[0]
    assert (row["score"], row["rank"], row["region_rank"], row["rank_change"], row["source"]) == (
        pytest.approx(23.47),
        8,
        4,
        11,
        "published",
    )
    assert set(table["source"].dropna()) == {"computed", "published"}
    assert "189 rows" in capsys.readouterr().out


def test__run_index__bad_value_exits_1_and_keeps_previous_output(tmp_path, capsys):
    out = tmp_path / "out.csv"
    out.write_text("earlier good output\n", encoding="utf-8")
    data = tmp_path / "pgi.csv"
    data.write_text(
        "province,year,sub1,sub2,sub3,sub4\nBRVT,2023,7.66,6.28,4.44,5.09\nĐồng Nai,2023,7,six,4,5\n", encoding="utf-8"
    )
    assert main(["index", "--data", str(data), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "row 3" in err and "column 'sub2'" in err and "'six'" in err
    assert out.read_text(encoding="utf-8") == "earlier good output\n"


def test__run_index__unknown_weights_key_exits_1(tmp_path, capsys):
    data = tmp_path / "pgi.csv"
    data.write_text("province,year,sub1,sub2,sub3,sub4\nBRVT,2023,7.66,6.28,4.44,5.09\n", encoding="utf-8")
    weights = tmp_path / "w.yaml"
    weights.write_text("weights: {sub1: 1, sub2: 1, sub3: 1, sub4: 1}\naggregaton: geometric\n", encoding="utf-8")
    assert main(["index", "--data", str(data), "--weights", str(weights), "--out", str(tmp_path / "o.csv")]) == 1
    err = capsys.readouterr().err
    assert "w.yaml" in err and "aggregaton" in err and "did you mean 'aggregation'" in err


def test__run_whatif__synthetic_complete_field(tmp_path, capsys):
    field, _ = make_synthetic_field(63, seed=2)
    data = tmp_path / "field.csv"
    field.assign(year=2024).to_csv(data, index=False)
    out = tmp_path / "whatif.csv"
    assert (
        main(
            [
                "index-whatif",
                "--data",
                str(data),
                "--year",
                "2024",
                "--province",
                "Yên Bái",
                "--target",
                "5",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    result = pd.read_csv(out)
    assert list(result["option"]) == ["sub1", "sub2", "sub3", "sub4", "balanced"]
    assert (result.loc[result["reachable"], "new_rank"] <= 5).all()
    assert "note:" not in capsys.readouterr().out  # the field is complete


def test__run_robustness__partial_field_says_so(capsys):
    assert main(["index-robustness", "--year", "2024", "--draws", "500"]) == 0
    out = capsys.readouterr().out
    assert "only 37 of the 63 provinces" in out and "Bà Rịa – Vũng Tàu" in out


def test__run_robustness__standard_errors_file_must_cover_the_field(tmp_path, capsys):
    field, spec = make_synthetic_field(10, seed=4)
    data = tmp_path / "field.csv"
    field.assign(year=2024).to_csv(data, index=False)
    se = tmp_path / "se.csv"
    field.assign(year=2024, **{c: 0.2 for c in spec.indicators}).iloc[:9].to_csv(se, index=False)
    assert main(["index-robustness", "--data", str(data), "--year", "2024", "--draws", "300", "--se", str(se)]) == 1
    assert field["province"].iloc[9] in capsys.readouterr().err
    field.assign(year=2024, **{c: 0.2 for c in spec.indicators}).to_csv(se, index=False)
    out = tmp_path / "intervals.csv"
    assert (
        main(
            [
                "index-robustness",
                "--data",
                str(data),
                "--year",
                "2024",
                "--draws",
                "300",
                "--se",
                str(se),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert len(pd.read_csv(out)) == 10
