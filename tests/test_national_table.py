"""Every province side by side, from each province's own profile and frozen BAU: the 2025 units are the sums of
their provinces, shares add up, per person uses the base-year population, and an official inventory that
replaced the estimate is named in the words and the table."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from analysis.emissions import bau
from analysis.emissions import national_table as nt
from analysis.i18n import fmt_mt
from analysis.narrative import MT, national
from analysis.report.excel import column_kinds
from analysis.report.tablehtml import render_table_html
from analysis.run import context


@pytest.fixture(scope="module")
def table63():
    return nt.national_table(2024, 2030)


@pytest.fixture(scope="module")
def table34():
    return nt.national_table(2025, 2030)


def test__table__one_row_per_province_shares_add_up_and_ranks_follow_the_values(table63, table34):
    assert len(table63) == 63 and len(table34) == 34
    for table in (table63, table34):
        # shares of the nation: the rows and the line no province holds (offshore oil and gas production)
        line = table.attrs["not_allocated_tco2e"]
        assert line > 0
        assert table["share_pct"].sum() + 100 * line / (table["net_tco2e"].sum() + line) == pytest.approx(100)
        assert table["rank_net"].tolist() == sorted(table["rank_net"].tolist())
        assert table["net_tco2e"].is_monotonic_decreasing


def test__2025_unit__is_the_sum_of_its_provinces(table63, table34):
    parts = table63[table63["province"].isin(["TP. Hồ Chí Minh", "Bà Rịa – Vũng Tàu", "Bình Dương"])]
    unit = table34[table34["province"] == "TP. Hồ Chí Minh"].iloc[0]
    assert unit["net_tco2e"] == pytest.approx(parts["net_tco2e"].sum())
    assert unit["population"] == pytest.approx(parts["population"].sum())
    assert unit["bau_target_tco2e"] == pytest.approx(parts["bau_target_tco2e"].sum())


def test__per_person__uses_the_profile_population_of_the_base_year(table63):
    base = context.load_baseline(province="BRVT")
    d = base.profiles["Bà Rịa – Vũng Tàu"].drivers
    people = float(d.query("variable == 'population' and year == 2023")["value"].iloc[0]) * 1000
    row = table63[table63["province"] == "Bà Rịa – Vũng Tàu"].iloc[0]
    assert row["t_per_person"] == pytest.approx(base.baseline.net()[0] / people)


def test__standing__brvt_ranks_and_words_in_both_languages(table63):
    s = nt.standing(table63, "Ba Ria Vung Tau")
    assert s.rank_net == int(table63.index[table63["province"] == "Bà Rịa – Vũng Tàu"][0]) + 1
    assert s.region_size == 6 and 1 <= s.region_rank <= 6
    vi = " ".join(national.describe_standing(table63, s, "vi"))
    assert f"**{s.rank_net}**" in vi and "Đông Nam Bộ" in vi and "ước tính sơ bộ" in vi
    en = " ".join(national.describe_standing(table63, s, "en"))
    assert "Southeast" in en and "preliminary estimate" in en


def test__ranking_table__top_and_the_province_with_values_in_mt(table63):
    frame = national.ranking_table(table63, "Đắk Nông", "en", top=5)
    assert len(frame) == 6 and frame.iloc[-1]["Province"] == "Đắk Nông"
    assert frame.iloc[0]["Net emissions 2023 (Mt CO₂e)"] == pytest.approx(table63["net_tco2e"].iloc[0] / MT)
    assert "Data" not in frame.columns  # all estimates: no column to tell them apart


def test__ranking_table__a_small_sink_or_bau_is_printed_with_two_decimals_not_as_zero(table63):
    # Cao Bằng: net −0.23 Mt in 2023 (a sink) and a BAU 2030 of 0.04 Mt, which one decimal printed as "0,0"
    frame = national.ranking_table(table63, "Cao Bằng", "vi", top=3)
    # the Mt columns are not declared: record_table reads their unit from the header, as the workbook does
    labels = [str(c) for c in frame.columns]
    html = render_table_html(frame, "vi", 1, column_kinds(labels, labels, frame.attrs["kinds"]))
    row = next(r for r in html.split("<tr>") if "Cao Bằng" in r)
    cells = [c.split(">", 1)[1] for c in row.split("</td>") if "<td" in c]
    net, bau = cells[2], cells[5]
    assert net == fmt_mt(table63.set_index("province").loc["Cao Bằng", "net_tco2e"] / MT, "vi") == "−0,23"
    assert bau == fmt_mt(table63.set_index("province").loc["Cao Bằng", "bau_target_tco2e"] / MT, "vi") != "0,0"
    top = next(r for r in html.split("<tr>") if "Quảng Ninh" in r)
    assert ">36,4<" in top, "one decimal from 1 Mt up"


def test__official_inventory__is_named_not_passed_off_as_an_estimate(monkeypatch):
    real = bau.load_frozen_baselines

    def with_official(names):
        profiles, baselines, warnings = real(names)
        b = baselines["Đồng Nai"]
        baselines["Đồng Nai"] = dataclasses.replace(b, is_estimate=False, source="Sở TN&MT Đồng Nai, kiểm kê 2023")
        return profiles, baselines, warnings

    monkeypatch.setattr(bau, "load_frozen_baselines", with_official)
    table = nt.national_table(2024, 2030, cache=False)  # computed with the patched loader, not kept
    row = table[table["province"] == "Đồng Nai"].iloc[0]
    assert not row["is_estimate"] and "kiểm kê 2023" in row["source"]
    words = " ".join(national.describe_basis(table, "vi"))
    assert "kiểm kê chính thức" in words and "Đồng Nai" in words
    frame = national.ranking_table(table, "Đồng Nai", "vi")
    assert frame.loc[frame["Tỉnh, thành phố"] == "Đồng Nai", "Loại số liệu"].iloc[0] == "kiểm kê chính thức"


def test__place_baselines__a_subset_reads_only_its_members_and_gives_the_same_baselines_as_the_whole_map():
    whole = nt.place_baselines(2025)
    some = nt.place_baselines(2025, only=["Đồng Nai", "Tây Ninh"])
    assert set(some.baselines) == {"Đồng Nai", "Tây Ninh"}
    assert (
        set(some.profiles)
        == set(some.members["Đồng Nai"]) | set(some.members["Tây Ninh"])
        == {
            "Đồng Nai",
            "Bình Phước",
            "Tây Ninh",
            "Long An",
        }
    )
    for name in some.baselines:
        assert some.baselines[name].net().tolist() == whole.baselines[name].net().tolist()
    assert nt.place_baselines(2024, only=[]).profiles == {}


@pytest.mark.parametrize(
    ("lang", "sector", "population"), [("vi", "Chất thải", "dân số"), ("en", "Waste", "population")]
)
def test__describe_basis__what_a_row_lacks_is_worded_in_the_report_s_language(lang, sector, population):
    table = pd.DataFrame(
        {
            "province": ["Đồng Nai", "Huế"],
            "base_year": [2024, 2023],
            "is_estimate": [False, True],
            "notes": [nt._notes([], {"Waste": "chưa kiểm kê bãi chôn lấp"}), nt._notes(["Thừa Thiên Huế"], {})],
        }
    )
    text = " ".join(national.describe_basis(table, lang))
    assert f"Đồng Nai — {sector}: chưa kiểm kê bãi chôn lấp" in text
    assert "Huế — " in text and population in text and "2023" in text and "Thừa Thiên Huế" in text
    assert "Waste" not in text if lang == "vi" else "Chất thải" not in text
    assert nt.missing_notes("") == ([], {})


def test__estimate_banner__a_place_with_its_own_inventory_among_estimates_is_told_so():
    table = pd.DataFrame({"province": ["Đồng Nai", "Tây Ninh"], "is_estimate": [False, True]})
    own = national.estimate_banner(table, "Đồng Nai", "vi")
    assert own["is_estimate"] is False and "Số liệu của Đồng Nai là kiểm kê chính thức" in own["running_note"]
    assert national.estimate_banner(table, "Tây Ninh", "en") == {"is_estimate": True, "running_note": None}
    official = table.assign(is_estimate=False)
    assert national.estimate_banner(official, "Đồng Nai", "en") == {"is_estimate": False, "running_note": None}
