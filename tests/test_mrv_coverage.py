"""Bottom-up meets top-down: sums by sector, coverage against the province's inventory, the missing-inventory cases
(NA with a reason, never 0), and the hybrid inventory with each row labelled by its source."""

from __future__ import annotations

import math
import shutil

import pandas as pd
import pytest

from analysis.cli import main
from analysis.data.catalogue import validate_file
from analysis.emissions.profile import load_profile, profile_dir_for, read_inventory
from analysis.errors import InputError
from analysis.mrv import build_hybrid_inventory, province_inventory, read_facilities, summarise_coverage

HEAD = "facility_id,facility_name,province,sector,year,emissions_tco2e,scope\n"
CLEAN = HEAD + (
    "P1,Cơ sở 1,BRVT,Energy|Power,2023,1000000,1\n"
    'P2,Cơ sở 2,BRVT,Energy|Power,2023,"500000,5",1\n'  # decimal comma
    "P2,Cơ sở 2,BRVT,Energy|Power,2022,480000,1\n"  # another year: not summed
    "I1,Cơ sở 3,BRVT,IPPU,2023,200000,1+2\n"
    "W1,Cơ sở 4,BRVT,Waste,2023,,\n"  # awaiting its report
    "F1,Cơ sở 5,BRVT,Energy|Fugitive,2023,9000000,1\n"  # more than the estimate
    "D1,Cơ sở 6,Đồng Nai,Energy|Power,2023,7000000,1\n"
)  # another province: not summed


@pytest.fixture
def register(write):
    return read_facilities(write("register.csv", CLEAN))


@pytest.fixture(scope="module")
def brvt():
    return load_profile("Bà Rịa – Vũng Tàu")


def test__clean_register__sums_by_sector_and_coverage_against_the_estimate(register, brvt):
    assert brvt.base_year == 2023
    estimate = brvt.sector_emissions()
    coverage = summarise_coverage(register, "BRVT", 2023, province_inventory("BRVT", 2023))
    tab = coverage.table.set_index("sector")
    assert list(tab.index) == list(brvt.sectors)  # every inventory sector, in inventory order
    assert tab.loc["Energy|Power", "n_facilities"] == 2
    assert tab.loc["Energy|Power", "facility_tco2e"] == pytest.approx(1_500_000.5)
    assert tab.loc["Energy|Power", "estimate_tco2e"] == pytest.approx(estimate["Energy|Power"])
    assert tab.loc["Energy|Power", "coverage"] == pytest.approx(1_500_000.5 / estimate["Energy|Power"])
    assert tab.loc["IPPU", "facility_tco2e"] == 200_000 and "indirect_included" in tab.loc["IPPU", "flag"]
    assert tab.loc["Waste", "n_facilities"] == 0 and tab.loc["Waste", "n_awaiting"] == 1
    assert tab.loc["Waste", "facility_tco2e"] == 0 and tab.loc["Waste", "coverage"] == 0
    assert tab.loc["Energy|Fugitive", "flag"] == "above_estimate"
    assert coverage.flagged("above_estimate") == ["Energy|Fugitive"]
    assert math.isnan(tab.loc["LULUCF", "coverage"])  # net removals: no ratio
    totals = coverage.totals()
    assert totals["n_facilities"] == 4 and totals["facility_tco2e"] == pytest.approx(10_700_000.5)


def test__summary_cli__writes_the_table_and_flags(register, write, tmp_path, capsys, brvt):
    path = write("register.csv", CLEAN)
    out = tmp_path / "coverage.csv"
    assert (
        main(["facilities", "summary", str(path), "--province", "Bà Rịa-Vũng Tàu", "--year", "2023", "--out", str(out)])
        == 0
    )
    printed = capsys.readouterr().out
    assert "flag: Energy|Fugitive" in printed
    table = pd.read_csv(out)
    assert list(table.columns[:5]) == ["sector", "n_facilities", "n_awaiting", "facility_tco2e", "estimate_tco2e"]
    power = table.set_index("sector").loc["Energy|Power"]
    assert power["coverage"] == pytest.approx(1_500_000.5 / brvt.sector_emissions()["Energy|Power"])
    assert not list(tmp_path.glob(".*.tmp"))


def test__other_year__estimate_missing_with_a_reason_unless_allowed(register):
    topdown = province_inventory("BRVT", 2024)
    assert topdown.status == "other_year" and "for 2023, not 2024" in topdown.reason
    reports = register.assign(year=register["year"].where(register["year"] != 2023, 2024))
    table = summarise_coverage(reports, "BRVT", 2024, topdown).table
    assert table["estimate_tco2e"].isna().all() and table["coverage"].isna().all()
    assert table["flag"].str.contains("no_estimate").all()
    used = summarise_coverage(reports, "BRVT", 2024, province_inventory("BRVT", 2024, allow_other_year=True))
    assert used.topdown.status == "other_year_used"
    assert used.table["estimate_tco2e"].notna().all()


def test__province_without_profile__estimate_missing_never_zero(write, tmp_path):
    register = read_facilities(write("r.csv", HEAD + "H1,Cơ sở H,Hà Nội,IPPU,2023,1000,1\n"))
    topdown = province_inventory("Ha Noi", 2023, profile_dir=tmp_path / "no-profile-here")
    assert topdown.status == "no_profile" and "no province profile" in topdown.reason
    row = summarise_coverage(register, "Hà Nội", 2023, topdown).table.iloc[0]
    assert row["facility_tco2e"] == 1000 and math.isnan(row["estimate_tco2e"]) and math.isnan(row["coverage"])


def test__official_inventory_in_the_profile_folder_replaces_the_estimate(tmp_path, register):
    folder = tmp_path / "profile"
    shutil.copytree(profile_dir_for("BRVT"), folder)
    (folder / "inventory.csv").write_text(
        "province,year,sector,gas,value,unit,gwp,source\n"
        "BRVT,2023,Energy|Power,CO2e,3,Mt CO2e,AR5,Sở TN&MT (test)\n"
        "BRVT,2023,IPPU,CO2e,1,Mt CO2e,AR5,Sở TN&MT (test)\n",
        encoding="utf-8",
    )
    topdown = province_inventory("BRVT", 2023, profile_dir=folder)
    assert topdown.status == "ok" and not topdown.is_estimate and topdown.gwp == "AR5"
    tab = summarise_coverage(register, "BRVT", 2023, topdown).table.set_index("sector")
    assert tab.loc["Energy|Power", "coverage"] == pytest.approx(1_500_000.5 / 3e6)
    assert "no_estimate" in tab.loc["Energy|Fugitive", "flag"]  # not in the official inventory


def test__summary_cli__province_not_in_register_and_bad_output_exit_1(write, tmp_path, capsys):
    path = write("register.csv", CLEAN)
    assert (
        main(
            [
                "facilities",
                "summary",
                str(path),
                "--province",
                "Tây Ninh",
                "--year",
                "2023",
                "--out",
                str(tmp_path / "x.csv"),
            ]
        )
        == 1
    )
    assert "no facility of Tây Ninh" in capsys.readouterr().err
    assert (
        main(
            [
                "facilities",
                "summary",
                str(path),
                "--province",
                "BRVT",
                "--year",
                "2023",
                "--out",
                str(tmp_path / "x.json"),
            ]
        )
        == 1
    )
    assert "must end in" in capsys.readouterr().err
    assert not list(tmp_path.glob("x.*"))


def test__hybrid_inventory__labels_each_row_and_reads_back_as_an_inventory(register, tmp_path, brvt):
    coverage = summarise_coverage(register, "BRVT", 2023, province_inventory("BRVT", 2023))
    hybrid = build_hybrid_inventory(coverage, complete_sectors=["Energy|Power"])
    by = hybrid.set_index("sector")
    assert by.loc["Energy|Power", "value"] == pytest.approx(1_500_000.5)
    assert by.loc["Energy|Power", "source"].startswith("facility GHG inventory reports")
    assert "declares the facility reports (2) complete" in by.loc["Energy|Power", "notes"]
    assert by.loc["Energy|Fugitive", "value"] == 9_000_000  # reports exceed the estimate: reports used
    assert "exceed the inventory value" in by.loc["Energy|Fugitive", "notes"]
    assert by.loc["IPPU", "value"] == pytest.approx(brvt.sector_emissions()["IPPU"])  # estimate kept
    assert by.loc["IPPU", "source"].startswith("top-down inventory (project estimate")
    assert "facility reports cover" in by.loc["IPPU", "notes"]
    assert set(hybrid["gwp"]) == {brvt.gwp} and set(hybrid["unit"]) == {"t CO2e"}
    out = tmp_path / "inventory.csv"
    hybrid.to_csv(out, index=False)
    validate_file(out, "inventory")
    table, year, gwp = read_inventory(out, "Bà Rịa – Vũng Tàu")
    assert year == 2023 and gwp == brvt.gwp and len(table) == len(hybrid)


def test__hybrid_inventory__refuses_a_complete_sector_without_reports_and_a_missing_inventory(register):
    coverage = summarise_coverage(register, "BRVT", 2023, province_inventory("BRVT", 2023))
    with pytest.raises(InputError, match="no facility report for Agriculture"):
        build_hybrid_inventory(coverage, complete_sectors=["Agriculture"])
    with pytest.raises(InputError, match="unknown sector"):
        build_hybrid_inventory(coverage, complete_sectors=["Power"])
    missing = summarise_coverage(register, "BRVT", 2024, province_inventory("BRVT", 2024))
    with pytest.raises(InputError, match="without a top-down inventory"):
        build_hybrid_inventory(missing)


def test__hybrid_cli_writes_an_inventory_kind_file(write, tmp_path, capsys):
    path = write("register.csv", CLEAN)
    out = tmp_path / "hybrid.csv"
    assert (
        main(
            [
                "facilities",
                "hybrid",
                str(path),
                "--province",
                "BRVT",
                "--year",
                "2023",
                "--complete",
                "Energy|Power",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert "from facility reports: Energy|Fugitive, Energy|Power" in capsys.readouterr().out
    assert main(["validate", str(out), "--kind", "inventory"]) == 0


@pytest.mark.parametrize("lang", ["vi", "en"])
def test__contradiction_11__the_chart_names_the_year_of_each_figure(register, lang):
    """Issue 20, contradiction 11: a chart titled with the reports' year (2024) beside the province's figure of another
    year (the 2023 inventory) says that year on its bar, never passing the 2023 figure off as 2024's."""
    import matplotlib.pyplot as plt

    from analysis.viz.mrv import plot_coverage

    reports = register.assign(year=register["year"].where(register["year"] != 2023, 2024))
    coverage = summarise_coverage(reports, "BRVT", 2024, province_inventory("BRVT", 2024, allow_other_year=True))
    assert coverage.topdown.inventory_year == 2023
    fig = plot_coverage(coverage, lang)
    ax = fig.axes[0]
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert any("2023" in label for label in labels), labels
    title = " ".join(text.get_text() for text in fig.findobj(plt.Text))
    assert "2024" in title
    plt.close(fig)
