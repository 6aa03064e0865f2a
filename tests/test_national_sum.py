"""The nation adds up, visibly: the implied national BAU is the sum of every place's frozen BAU and the line no
province holds, set beside each national figure on that figure's own basis."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.data.sectors import load_sectors
from analysis.emissions import national_sum as ns
from analysis.emissions.national_table import place_baselines
from analysis.i18n import fmt_mt
from analysis.inventory import NOT_ALLOCATED, estimate_inventory, national_sectors
from analysis.narrative import national_sum as story
from analysis.report.formats import format_figure

T = 1e6


@pytest.fixture(scope="module")
def implied34() -> pd.DataFrame:
    return ns.implied_national_bau(2025)


@pytest.fixture(scope="module")
def implied63() -> pd.DataFrame:
    return ns.implied_national_bau(2024)


@pytest.fixture(scope="module")
def compared(implied34) -> pd.DataFrame:
    return ns.compare_references(implied34)


def test__implied__is_the_sum_of_every_frozen_bau_and_the_line_in_every_sector_and_year(implied63):
    places = place_baselines(2024).baselines
    assert implied63.attrs["places"] == 63 == len(places)
    long = pd.concat([b.to_frame() for b in places.values()]).groupby(["year", "sector"])["emissions_tco2e"].sum()
    got = implied63.set_index(["year", "sector"])
    assert got["places_tco2e"].to_numpy() == pytest.approx(long.reindex(got.index).to_numpy())
    assert (got["total_tco2e"] - got["places_tco2e"] - got["not_allocated_tco2e"]).abs().max() < 1e-6
    # only fugitive emissions have a part no province holds
    line = got["not_allocated_tco2e"].groupby("sector").sum()
    assert line.drop("Energy|Fugitive").eq(0).all() and line["Energy|Fugitive"] > 0


def test__implied__is_the_same_nation_on_both_maps(implied34, implied63):
    """No 2025 unit has its own inventory: the 34 units' sum is the 63 provinces' sum."""
    a = implied34.set_index(["year", "sector"])["total_tco2e"]
    b = implied63.set_index(["year", "sector"])["total_tco2e"]
    assert a.to_numpy() == pytest.approx(b.reindex(a.index).to_numpy(), rel=1e-9)


def test__the_line__starts_at_the_estimate_and_follows_the_national_oil_and_gas_outlook(implied34):
    """Base year: the estimate's line not allocated to a province; after it, the national crude oil and gas production
    rates (½ each, data/raw/national/bau_outlook.csv), the driver the provinces' oil-and-gas fugitive emissions follow."""
    from analysis.data.outlook import load_bau_outlook
    from analysis.emissions.bau_defaults import combine, driver_periods

    first = int(implied34["year"].min())
    estimate = estimate_inventory(first, admin_map=2024)
    line0 = float(estimate.loc[estimate["province"] == NOT_ALLOCATED, "value"].sum())
    line = implied34.groupby("year")["not_allocated_tco2e"].sum()
    assert line[first] == pytest.approx(line0)
    outlook = load_bau_outlook()
    periods = combine([(0.5, driver_periods(outlook, d, "national", first + 1), d) for d in ns.OIL_GAS], "oil and gas")
    expected = line0
    for year in range(first + 1, 2031):
        rate = next(p["rate"] for p in periods if p["start"] <= year <= p["end"])
        expected *= 1 + rate
    assert line[2030] == pytest.approx(expected)
    assert line[2030] < line[first]  # crude output falls to 2030 in the outlook


def test__references__are_read_from_the_register_with_their_basis(compared):
    refs = compared.set_index("id")
    assert (refs.loc["ndc2022_bau", ["low_mt", "high_mt"]].tolist()) == [926.0, 928.0]
    assert refs.loc["d896_bau_cat", "low_mt"] == 977.0
    assert (refs.loc["energy_plan_ceiling", ["low_mt", "high_mt"]].tolist()) == [399.0, 449.0]
    assert refs.loc["energy_2021", "low_mt"] == 259.0 and refs.loc["energy_2021", "year"] == 2021
    assert dict(refs["basis"]) == {
        "ndc2022_bau": "net",
        "d896_bau_cat": "excl_lulucf",
        "energy_plan_ceiling": "energy",
        "energy_2021": "energy",
    }
    assert refs.loc["energy_plan_ceiling", "kind"] == "ceiling"
    assert "not an inventory" in refs.loc["energy_2021", "note"] and refs.loc["energy_2021", "confidence"] == "low"


def test__each_reference_is_compared_like_for_like(implied34, compared):
    """Net with the net sum (LULUCF in), excluding LULUCF with the emitting sectors, energy with the energy sectors
    and the offshore line; a year before the BAU (2021) with the project's national estimate of that year."""
    refs = compared.set_index("id")
    y2030 = implied34[implied34["year"] == 2030].set_index("sector")["total_tco2e"]
    energy = [s for s in y2030.index if load_sectors()[s].energy]
    assert refs.loc["ndc2022_bau", "sum_mt"] == pytest.approx(y2030.sum() / T)
    assert refs.loc["d896_bau_cat", "sum_mt"] == pytest.approx(y2030.drop("LULUCF").sum() / T)
    assert refs.loc["energy_plan_ceiling", "sum_mt"] == pytest.approx(y2030[energy].sum() / T)
    nat2021 = national_sectors(2021).set_index("sector")["value"]
    assert refs.loc["energy_2021", "sum_mt"] == pytest.approx(nat2021[energy].sum() / T)
    assert refs.loc["energy_2021", "sum_kind"] == "estimate" and refs.loc["ndc2022_bau", "sum_kind"] == "bau"
    # the gap: to the nearer end of a range, 0 inside it
    for r in refs.itertuples():
        if r.low_mt <= r.sum_mt <= r.high_mt:
            assert r.gap_mt == 0
        else:
            nearer = r.low_mt if r.sum_mt < r.low_mt else r.high_mt
            assert r.gap_mt == pytest.approx(r.sum_mt - nearer)


def test__decision_896_groups__the_energy_group_holds_the_offshore_line(implied34):
    table = ns.compare_decision_896(implied34).set_index("group")
    y2030 = implied34[implied34["year"] == 2030].set_index("sector")["total_tco2e"]
    energy = [s for s in y2030.index if load_sectors()[s].energy]
    assert table.loc["Energy", "sum_mt"] == pytest.approx(y2030[energy].sum() / T)
    assert table["d896_bau_mt"].sum() == pytest.approx(975.5, abs=0.1)  # cap ÷ (1 − cut), derived


@pytest.mark.parametrize("lang", ["vi", "en"])
def test__words__one_paragraph_per_reference_with_the_figures_of_the_table(implied34, compared, lang):
    paragraphs = story.describe_national_bau(implied34, compared, lang)
    assert len(paragraphs) == 1 + len(compared)
    for text, row in zip(paragraphs[1:], compared.itertuples(), strict=True):
        assert fmt_mt(row.sum_mt, lang) in text
        if row.gap_mt:
            assert fmt_mt(abs(row.gap_mt), lang) in text
    ceiling = paragraphs[1 + list(compared["id"]).index("energy_plan_ceiling")]
    assert ("mức trần" if lang == "vi" else "ceiling") in ceiling
    table = story.references_table(compared, lang)
    sums = table.iloc[:, 6]  # numbers, printed by the kind the table names (the workbook keeps them as numbers)
    assert len(table) == 4 and table.attrs["kinds"][sums.name] == "mt"
    assert [format_figure(v, "mt", lang) for v in sums] == [fmt_mt(v, lang) for v in compared["sum_mt"]]


def test__table__sectors_and_the_line_add_up_to_the_totals(implied34):
    table = story.national_bau_table(implied34, "en")
    body = table.set_index(table.columns[0])
    sectors = body.iloc[:-3]
    line = body.loc["Not allocated to a province (offshore oil and gas production)"]
    lulucf = sectors.loc[[i for i in sectors.index if i.startswith("LULUCF")]].sum()
    excl = body.loc["Total excluding LULUCF"]
    net = body.loc["Net total (LULUCF included)"]
    assert np.allclose(sectors.sum() + line, net)
    assert np.allclose(net - lulucf, excl)
    assert list(table.columns[1:]) == ["2023", "2025", "2030", "2035", "2040", "2045", "2050"]


def test__chart__draws_each_reference_beside_its_basis(implied34, compared):
    from analysis.viz.national import plot_national_bau

    fig = plot_national_bau(implied34, compared, "vi")
    ax = fig.axes[0]
    labels = [a.get_text() for a in ax.texts]
    assert "BAU của NDC 2022" in labels and "trần năng lượng (QĐ 893)" in labels
    assert fig.netzero["title"].startswith("BAU quốc gia suy ra")
