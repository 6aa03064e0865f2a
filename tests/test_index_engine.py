"""The composite-index engine: scores, ranks, published-vs-computed, weights files."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.errors import InputError
from analysis.index.engine import aggregate, build_index_table, check_published_scores, rank_descending
from analysis.index.pgi import build_pgi_index, get_pgi_spec, load_pgi_table
from analysis.index.spec import load_spec, parse_spec
from analysis.index.tables import load_index_table
from analysis.paths import CONFIG_DIR

BRVT = "Bà Rịa – Vũng Tàu"


@pytest.fixture(scope="module")
def pgi():
    return build_pgi_index()


def _row(table, province, year):
    rows = table[(table["province"] == province) & (table["year"] == year)]
    assert len(rows) == 1
    return rows.iloc[0]


def test__build_pgi_index__brvt_2023_score_rank_and_change(pgi):
    """BRVT 2023: 23.47, VCCI's published score (its sub-indices agree), rank 8 (published), up 11 from 19 in 2022.
    One score and one source in every report: the data overview and the PGI report both say "published"."""
    row = _row(pgi, BRVT, 2023)
    assert row["score"] == pytest.approx(23.47, abs=1e-9)
    assert row["source"] == "published" and not isinstance(row["note"], str)
    assert row["rank"] == 8 and row["rank_source"] == "published"
    assert _row(pgi, BRVT, 2022)["rank"] == 19
    assert row["rank_change"] == 11
    assert row["score_change"] == pytest.approx(23.47 - 15.42)


def test__build_pgi_index__brvt_2023_fourth_in_southeast(pgi):
    """Southeast 2023: Đồng Nai, TP.HCM, Tây Ninh, then BRVT (all six provinces have a score)."""
    se = pgi[(pgi["year"] == 2023) & (pgi["region"] == "Southeast")].sort_values("region_rank")
    assert list(se["province"][:4]) == ["Đồng Nai", "TP. Hồ Chí Minh", "Tây Ninh", BRVT]
    assert _row(pgi, BRVT, 2023)["region_rank"] == 4
    assert _row(pgi, BRVT, 2023)["region_n_scored"] == 6


def test__build_pgi_index__tie_with_ha_nam_shares_lowest_rank(pgi):
    """Hà Nam (published 23.47) ties BRVT (computed 7.66+6.28+4.44+5.09): same rank among scored."""
    brvt, ha_nam = _row(pgi, BRVT, 2023), _row(pgi, "Hà Nam", 2023)
    assert brvt["rank_among_scored"] == ha_nam["rank_among_scored"] == 8
    assert pd.isna(ha_nam["rank"])  # VCCI's rank for Hà Nam 2023 was not seen: not invented


def test__build_pgi_index__no_national_rank_over_incomplete_field(pgi):
    """Only published ranks are national ranks in 2022–2024 (no year has a score for all 63)."""
    assert (pgi.loc[pgi["rank"].notna(), "rank_source"] == "published").all()
    assert pgi["rank"].notna().sum() == pgi["published_rank"].notna().sum()
    y2024 = pgi[pgi["year"] == 2024]
    outside_top30 = y2024[y2024["published_score"].isna() & y2024["score"].notna()]
    assert (outside_top30["source"] == "computed").all() and len(outside_top30) == 33
    assert outside_top30["rank"].isna().all()
    assert outside_top30["score"].max() < 25.05  # below the 30th-place score, as VCCI's cut-off implies
    assert set(outside_top30["rank_basis"]) == {"among 50 provinces with a score"}


def test__build_pgi_index__conflicting_sources_keep_published(pgi):
    """Quảng Nam 2023: sub-indices sum to 23.29, published score 22.84 — keep 22.84 and say so."""
    row = _row(pgi, "Quảng Nam", 2023)
    assert row["score"] == pytest.approx(22.84)
    assert row["source"] == "published"
    assert "conflict" in row["note"]
    flagged = check_published_scores(pgi, load_pgi_table(), get_pgi_spec())
    assert list(flagged["province"]) == ["Quảng Nam"]


def test__aggregate__unequal_weights_hand_worked():
    """0.5×8 + 0.3×6 + 0.2×5 = 4 + 1.8 + 1 = 6.8; geometric: 1 × 8^0.5 × 6^0.3 × 5^0.2."""
    values = np.array([[8.0, 6.0, 5.0]])
    weights = np.array([0.5, 0.3, 0.2])
    assert aggregate(values, weights)[0] == pytest.approx(6.8)
    assert aggregate(values, weights, "geometric")[0] == pytest.approx(8**0.5 * 6**0.3 * 5**0.2)


def test__aggregate__geometric_equals_arithmetic_on_equal_values():
    assert aggregate(np.full(4, 6.5), np.ones(4), "geometric") == pytest.approx(26.0)
    assert aggregate(np.array([0.0, 5, 5, 5]), np.ones(4), "geometric") == 0.0


def test__rank_descending__ties_share_lowest_rank_and_nan_stays():
    scores = np.array([20.0, 25.0, 20.0, np.nan, 10.0])
    assert rank_descending(scores)[[0, 1, 2, 4]].tolist() == [2, 1, 2, 4]
    assert np.isnan(rank_descending(scores)[3])
    draws = np.array([[1.0, 2.0, 3.0], [3.0, 3.0, 1.0]])
    assert rank_descending(draws).tolist() == [[3, 2, 1], [1, 1, 3]]


def test__rank_descending__float_noise_does_not_split_a_tie():
    assert rank_descending(np.array([7.66 + 6.28 + 4.44 + 5.09, 23.47])).tolist() == [1, 1]


def test__load_index_table__unequal_weights_from_yaml(write):
    """A PCI-style table with the example's ten unequal weights, scored and ranked by hand."""
    spec = load_spec(CONFIG_DIR / "weights" / "pci_example.yaml")
    assert spec.is_example and len(spec.indicators) == 10
    header = "province,year," + ",".join(spec.indicators)
    rows = {"BRVT": [6] * 10, "Đồng Nai": [5] * 10, "TP.HCM": [4, 4, 8, 8, 4, 4, 4, 4, 8, 4]}
    text = header + "\n" + "\n".join(f"{p},2023," + ",".join(map(str, v)) for p, v in rows.items()) + "\n"
    table, spec = load_index_table(write("pci.csv", text), CONFIG_DIR / "weights" / "pci_example.yaml")
    out = build_index_table(table, spec).set_index("province")
    # TP.HCM: 8 on transparency (0.20), time costs (0.15), labour (0.20) = 0.55 × 8 + 0.45 × 4 = 6.2
    assert out.loc["TP. Hồ Chí Minh", "score"] == pytest.approx(6.2)
    assert out.loc[BRVT, "score"] == pytest.approx(6.0)
    assert out["rank"].tolist() == [2, 1, 3] and set(out["rank_source"]) == {"computed"}


def test__load_index_table__default_equal_weights_and_published_rank(write):
    path = write("idx.csv", "province,year,a,b,rank\nBRVT,2023,1,2,\nBình Dương,2023,3,4,\nHải Dương,2023,,1,7\n")
    table, spec = load_index_table(path)
    assert spec.indicators == ["a", "b"]
    out = build_index_table(table, spec).set_index("province")
    assert out.loc["Hải Dương", "rank"] == 7 and out.loc["Hải Dương", "rank_source"] == "published"
    assert pd.isna(out.loc[BRVT, "rank"])  # field incomplete (Hải Dương has no score): no national rank
    assert out.loc[BRVT, "rank_among_scored"] == 2


def test__load_index_table__missing_indicator_suggests_column(write):
    path = write("idx.csv", "province,year,transparncy\nBRVT,2023,5\n")
    weights = write("w.yaml", "transparency: 1\n")
    with pytest.raises(InputError) as exc:
        load_index_table(path, weights)
    assert "did you mean 'transparncy'" in str(exc.value)


def test__load_index_table__value_out_of_bounds_is_located(write):
    path = write("pgi.csv", "province,year,sub1,sub2,sub3,sub4\nBRVT,2023,7,6,4,5\nĐồng Nai,2023,7,11,4,5\n")
    with pytest.raises(InputError) as exc:
        load_index_table(path)
    issue = exc.value.issues[0]
    assert (issue.row, issue.column) == (3, "sub2")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name: X\nweigths: {a: 1}\n", "did you mean 'weights'"),
        ("weights: {a: 0}\n", "positive number"),
        ("weights: {a: 1}\naggregation: geometrc\n", "did you mean 'geometric'"),
        ("weights: {a: 1}\nlabels: {b: {vi: x, en: y}}\n", "unknown indicator in 'labels' 'b'"),
    ],
)
def test__parse_spec__bad_weights_file_is_explained(text, expected):
    import yaml

    with pytest.raises(InputError) as exc:
        parse_spec(yaml.safe_load(text), "config/weights/x.yaml")
    assert expected in str(exc.value) and "config/weights/x.yaml" in str(exc.value)
