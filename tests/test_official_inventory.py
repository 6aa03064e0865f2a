"""A place's own official inventory, end to end, in a copy of the project (NETZERO_HOME): installed with
``netzero inventory use`` (validated, located errors, nothing installed on a bad file), re-based with
``netzero rebase``, it becomes the base of every output; changing it afterwards makes every report say the BAU is
stale. For a 2024 province (Bà Rịa – Vũng Tàu, the source document's) and a 2025 unit (the new TP. Hồ Chí Minh).
The files are an analyst's: inventories of 2022 in AR5 (the national basis, Circular 01/2022)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import paths

# A realistic provincial inventory (values made up for the test; three gases, AR5, kt of each gas).
INVENTORY = """province,year,sector,gas,value,unit,gwp,source,notes
Bà Rịa - Vũng Tàu,2022,Energy|Power,CO2,9800,kt,AR5,Sở TN&MT kiểm kê 2022 (test),
Bà Rịa - Vũng Tàu,2022,Energy|Power,CH4,0.9,kt,AR5,Sở TN&MT kiểm kê 2022 (test),
Bà Rịa - Vũng Tàu,2022,Energy|Manufacturing and Construction,CO2,6200,kt,AR5,Sở TN&MT kiểm kê 2022 (test),
Bà Rịa - Vũng Tàu,2022,Energy|Transport,CO2,2100,kt,AR5,Sở TN&MT kiểm kê 2022 (test),
Bà Rịa - Vũng Tàu,2022,Energy|Residential and Commercial,CO2,700,kt,AR5,Sở TN&MT kiểm kê 2022 (test),
Bà Rịa - Vũng Tàu,2022,Energy|Fugitive,CH4,95,kt,AR5,Sở TN&MT kiểm kê 2022 (test),
Bà Rịa - Vũng Tàu,2022,IPPU,CO2,3300,kt,AR5,Sở TN&MT kiểm kê 2022 (test),
Bà Rịa - Vũng Tàu,2022,Agriculture,CH4,48,kt,AR5,Sở TN&MT kiểm kê 2022 (test),
Bà Rịa - Vũng Tàu,2022,Agriculture,N2O,2.1,kt,AR5,Sở TN&MT kiểm kê 2022 (test),
Bà Rịa - Vũng Tàu,2022,LULUCF,CO2,-1500,kt,AR5,Sở TN&MT kiểm kê 2022 (test),
Bà Rịa - Vũng Tàu,2022,Waste,CH4,31,kt,AR5,Sở TN&MT kiểm kê 2022 (test),
"""
# AR5 GWP100: CH4 28, N2O 265 (IPCC AR5 WG1 Table 8.7)
NET_KT = 9800 + 0.9 * 28 + 6200 + 2100 + 700 + 95 * 28 + 3300 + 48 * 28 + 2.1 * 265 - 1500 + 31 * 28

# The new city's own inventory, as its department would write it (the unit's name as spelt in a real table; the
# fugitive line left empty: not reported, never 0).
UNIT_INVENTORY = """Tỉnh/thành phố,Năm,sector,gas,value,unit,gwp,source,notes
TP.HCM,2022,Energy|Power,CO2e,12.5,Mt CO2e,AR5,Sở Nông nghiệp và Môi trường TP.HCM (test),
TP.HCM,2022,Energy|Manufacturing and Construction,CO2e,18.0,Mt CO2e,AR5,Sở Nông nghiệp và Môi trường TP.HCM (test),
TP.HCM,2022,Energy|Transport,CO2e,14.2,Mt CO2e,AR5,Sở Nông nghiệp và Môi trường TP.HCM (test),
TP.HCM,2022,Energy|Residential and Commercial,CO2e,5.1,Mt CO2e,AR5,Sở Nông nghiệp và Môi trường TP.HCM (test),
TP.HCM,2022,Energy|Fugitive,CO2e,,Mt CO2e,AR5,Sở Nông nghiệp và Môi trường TP.HCM (test),not reported
TP.HCM,2022,IPPU,CO2e,3.3,Mt CO2e,AR5,Sở Nông nghiệp và Môi trường TP.HCM (test),
TP.HCM,2022,Agriculture,CO2e,1.9,Mt CO2e,AR5,Sở Nông nghiệp và Môi trường TP.HCM (test),
TP.HCM,2022,LULUCF,CO2e,-0.8,Mt CO2e,AR5,Sở Nông nghiệp và Môi trường TP.HCM (test),
TP.HCM,2022,Waste,CO2e,4.4,Mt CO2e,AR5,Sở Nông nghiệp và Môi trường TP.HCM (test),
"""
UNIT_NET_MT = 12.5 + 18.0 + 14.2 + 5.1 + 3.3 + 1.9 - 0.8 + 4.4


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("home")
    for part in ("config", "data", "notebooks"):
        shutil.copytree(paths.PROJECT_ROOT / part, root / part, ignore=shutil.ignore_patterns("processed"))
    (root / "brvt.csv").write_text(INVENTORY, encoding="utf-8")
    (root / "hcm.csv").write_text(UNIT_INVENTORY, encoding="utf-8")
    return root


def _netzero(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NETZERO_HOME": str(home), "NETZERO_REPORTS": str(home / "reports")}
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args], env=env, capture_output=True, text=True, cwd=home, timeout=600
    )


def _bau(table: pd.DataFrame) -> pd.DataFrame:
    return table[(table["scenario"] == "bau") & (table["variable"] == "Emissions|Kyoto Gases")]


def test__inventory_use__a_bad_file_is_refused_with_located_errors_and_nothing_installed(home, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        INVENTORY.replace("Energy|Transport", "Energy|Transprt").replace(",Waste,CH4,31,", ",Waste,CH4,abc,"),
        encoding="utf-8",
    )
    run = _netzero(home, "inventory", "use", str(bad), "--province", "BRVT")
    assert run.returncode == 1
    assert "row 5" in run.stderr and "Energy|Transprt" in run.stderr and "Energy|Transport" in run.stderr
    assert "abc" in run.stderr
    other = tmp_path / "other.csv"
    other.write_text(INVENTORY.replace("Bà Rịa - Vũng Tàu", "Đồng Nai"), encoding="utf-8")
    run = _netzero(home, "inventory", "use", str(other), "--province", "BRVT")
    assert run.returncode == 1 and "not Bà Rịa – Vũng Tàu" in run.stderr
    assert not (home / "config/profiles/2024").exists()  # nothing half-written


@pytest.mark.slow
def test__official_inventory__a_2024_province_installed_rebased_is_the_base_everywhere_and_a_change_is_flagged(home):
    use = _netzero(home, "inventory", "use", str(home / "brvt.csv"), "--province", "BRVT")
    assert use.returncode == 0, use.stderr
    assert "installed config/profiles/2024/77_ba-ria-vung-tau/inventory.csv" in use.stdout
    assert 'netzero rebase --province "Bà Rịa – Vũng Tàu" --map 2024' in use.stdout
    again = _netzero(home, "inventory", "use", str(home / "brvt.csv"), "--province", "BRVT")
    assert again.returncode == 1 and "--replace" in again.stderr

    before = _netzero(home, "pathways", "--province", "BRVT", "--out", str(home / "before.csv"))
    assert before.returncode == 0, before.stderr
    assert "stale" in before.stderr and "config/profiles/2024/77_ba-ria-vung-tau/inventory.csv" in before.stderr

    rebased = _netzero(home, "rebase", "--province", "BRVT")
    assert rebased.returncode == 0, rebased.stderr
    assert "re-based on the 2022 inventory (official inventory, AR5)" in rebased.stdout
    assert "extended back to 2023" in rebased.stdout  # growth periods adapt to the new base year

    out = home / "iamc.csv"
    after = _netzero(home, "pathways", "--province", "BRVT", "--out", str(out), "--draws", "300")
    assert after.returncode == 0, after.stderr
    assert "stale" not in after.stderr and "NOTE (BAU estimate)" not in after.stdout
    table = pd.read_csv(out)
    net = _bau(table)
    assert net["year"].min() == 2022
    assert net.loc[net["year"] == 2022, "value"].iloc[0] == pytest.approx(NET_KT / 1000, rel=1e-6)
    assert not table["is_estimate"].any()
    assert "P(met)" in after.stdout  # the Monte Carlo runs on the same (official) base

    summary = ("run", "00_summary", "-p", "province", "BRVT", "-p", "lang", "en", "-p", "n_draws", "200")
    report = _netzero(home, *summary, "--format", "html")
    assert report.returncode == 0, report.stdout + report.stderr
    html = next((home / "reports" / "runs").glob("00_summary__ba-ria*__en*/00_summary.html")).read_text(
        encoding="utf-8"
    )
    assert "indicative estimate" not in html and "2022" in html and "stale" not in html.lower()

    inventory = home / "config/profiles/2024/77_ba-ria-vung-tau/inventory.csv"
    inventory.write_text(INVENTORY.replace("9800", "9900"), encoding="utf-8")
    again = _netzero(home, *summary, "--format", "html")
    assert again.returncode == 0, again.stdout + again.stderr
    html = next((home / "reports" / "runs").glob("00_summary__ba-ria*__en*/00_summary.html")).read_text(
        encoding="utf-8"
    )
    assert "the BAU is stale" in html and "inventory.csv" in html
    manifest = json.loads(next((home / "reports" / "runs").glob("00_summary__ba-ria*__en*/manifest.json")).read_text())
    assert manifest["status"] == "ok"


@pytest.mark.slow
def test__official_inventory__a_2025_unit_installed_and_rebased_gives_pathways_and_reports_on_it(home):
    use = _netzero(home, "inventory", "use", str(home / "hcm.csv"), "--province", "TP. Hồ Chí Minh")
    assert use.returncode == 0, use.stderr
    assert "installed config/profiles/2025/79_tp-ho-chi-minh/inventory.csv" in use.stdout
    assert "sectors left empty (reported as missing, never 0): Energy|Fugitive" in use.stdout

    waiting = _netzero(home, "pathways", "--province", "TP.HCM", "--out", str(home / "w.csv"))
    assert waiting.returncode == 0, waiting.stderr
    assert "not re-based yet" in waiting.stderr  # until re-based the unit is still the sum of its provinces
    assert _bau(pd.read_csv(home / "w.csv"))["year"].min() == 2023

    rebased = _netzero(home, "rebase", "--province", "TP. Hồ Chí Minh")
    assert rebased.returncode == 0, rebased.stderr
    assert "TP. Hồ Chí Minh (2025 unit, its own inventory): BAU re-based on the 2022 inventory" in rebased.stdout
    assert (home / "data/profiles/2025/79_tp-ho-chi-minh/bau_frozen.csv").is_file()

    out = home / "hcm_iamc.csv"
    after = _netzero(home, "pathways", "--province", "TP. Hồ Chí Minh", "--out", str(out), "--draws", "300")
    assert after.returncode == 0, after.stderr
    assert "stale" not in after.stderr and "not re-based" not in after.stderr
    assert "[inherited: Bà Rịa – Vũng Tàu]" in after.stdout  # the former province's own 8 % target stays visible
    table = pd.read_csv(out)
    net = _bau(table)
    assert net["year"].min() == 2022
    assert net.loc[net["year"] == 2022, "value"].iloc[0] == pytest.approx(UNIT_NET_MT, rel=1e-6)
    assert not table["is_estimate"].any()

    summary = ("run", "00_summary", "-p", "province", "TP.HCM", "-p", "lang", "en", "-p", "n_draws", "200")
    report = _netzero(home, *summary, "--format", "html")
    assert report.returncode == 0, report.stdout + report.stderr
    html = next((home / "reports" / "runs").glob("00_summary__tp-ho-chi-minh*__en*/00_summary.html")).read_text(
        encoding="utf-8"
    )
    assert "indicative estimate" not in html and "2022" in html and "stale" not in html.lower()
    assert "Bà Rịa – Vũng Tàu" in html  # the inherited target

    national = _netzero(home, "run", "04_national_overview", "-p", "province", "TP.HCM", "-p", "lang", "en")
    assert national.returncode == 0, national.stdout + national.stderr


# A 2025 unit's 2024 inventory as a Vietnamese spreadsheet exports it: Vietnamese headers, semicolons, decimal
# commas and dot thousands, a byte-order mark, decomposed (NFD) letters, CRLF, an empty sector explained in "Ghi chú"
DONG_NAI_2024 = [
    "Tỉnh/thành phố;Năm;Lĩnh vực;Khí;Giá trị;Đơn vị;GWP;Nguồn;Ghi chú",
    "Tỉnh Đồng Nai;2024;Energy|Power;CO2e;2.345,6;kt CO2e;AR5;Sở NN&MT Đồng Nai (test);",
    "Tỉnh Đồng Nai;2024;Energy|Manufacturing and Construction;CO2e;9,81;Mt CO2e;AR5;Sở NN&MT Đồng Nai (test);",
    "Tỉnh Đồng Nai;2024;Energy|Transport;CO2e;3.120.000;t CO2e;AR5;;",
    "Tỉnh Đồng Nai;2024;Energy|Residential and Commercial;CO2e; 1,2 ;Mt CO2e;AR5;;",
    "Tỉnh Đồng Nai;2024;IPPU;CO2e;4,05;Mt CO2e;AR5;;",
    "Tỉnh Đồng Nai;2024;Agriculture;CH4;95.000;t;AR5;;",
    "Tỉnh Đồng Nai;2024;LULUCF;CO2e;-1,5;Mt CO2e;AR5;;",
    "Tỉnh Đồng Nai;2024;Waste;CO2e;;Mt CO2e;AR5;;chưa kiểm kê bãi chôn lấp",
]
DONG_NAI_NET_MT = 2.3456 + 9.81 + 3.12 + 1.2 + 4.05 + 95_000 * 28 / 1e6 - 1.5  # CH4 GWP100 28 in AR5


@pytest.mark.slow
def test__official_inventory__a_unit_s_2024_inventory_in_a_vietnamese_spreadsheet_is_read_and_its_bau_report_runs(
    home,
):
    """The inventory year after the national emission history (to 2023): the statistical view of 01 is scaled on
    the national forecast of 2024 and says so, and 04 moves the offshore line from 2023, instead of both failing."""
    import unicodedata

    path = home / "dong-nai-2024.csv"
    path.write_bytes(unicodedata.normalize("NFD", "\r\n".join(DONG_NAI_2024) + "\r\n").encode("utf-8-sig"))
    checked = _netzero(home, "validate", str(path))
    assert checked.returncode == 0, checked.stdout + checked.stderr  # "Ghi chú" is the notes column
    use = _netzero(home, "inventory", "use", str(path), "--province", "dong nai", "--map", "2025")
    assert use.returncode == 0, use.stderr
    assert f"net {DONG_NAI_NET_MT:.2f} Mt CO2e" in use.stdout and "Waste" in use.stdout
    rebased = _netzero(home, "rebase", "--province", "Đồng Nai", "--map", "2025")
    assert rebased.returncode == 0, rebased.stderr
    assert "BAU re-based on the 2024 inventory" in rebased.stdout

    bau = _netzero(home, "run", "01_bau_baseline", "-p", "province", "Đồng Nai", "-p", "lang", "vi", "--format", "html")
    assert bau.returncode == 0, bau.stdout + bau.stderr
    html = next((home / "reports" / "runs").glob("01_bau_baseline__dong-nai*__vi*/01_bau_baseline.html"))
    text = html.read_text(encoding="utf-8")
    assert "số dự báo; chuỗi quốc gia kết thúc năm 2023" in text
    # the unit's figures are its own inventory's, no longer the sum of its provinces
    assert "theo kiểm kê khí nhà kính chính thức năm 2024 của đơn vị" in text and "tổng của các tỉnh" not in text
    assert "chưa kiểm kê bãi chôn lấp" in text  # the reason the waste sector is missing, not a zero

    national = _netzero(home, "run", "04_national_overview", "-p", "province", "Đồng Nai", "-p", "lang", "vi")
    assert national.returncode == 0, national.stdout + national.stderr  # the offshore line of 2024: moved from 2023
    html = next((home / "reports" / "runs").glob("04_national_overview__dong-nai*__vi*/04_national_overview.html"))
    text = html.read_text(encoding="utf-8")
    assert "Đồng Nai — Chất thải: chưa kiểm kê bãi chôn lấp" in text
    # its own figures are official, the other places' estimates: said so, not "this report's figures are estimates"
    assert "Số liệu của Đồng Nai là kiểm kê chính thức" in text and 'class="nz-estimate"' not in text
