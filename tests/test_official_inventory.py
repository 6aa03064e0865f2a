"""An analyst's own inventory, end to end: dropped into a copy of the project (NETZERO_HOME), re-based with
``netzero rebase``, it becomes the base of every output; changing it afterwards makes every report say the BAU is
stale. The files are the analyst's: an inventory of 2022 in AR5 (the national basis, Circular 01/2022)."""

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


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("home")
    for part in ("config", "data", "notebooks"):
        shutil.copytree(paths.PROJECT_ROOT / part, root / part)
    (root / "config/profiles/77_ba-ria-vung-tau/inventory.csv").write_text(INVENTORY, encoding="utf-8")
    return root


def _netzero(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NETZERO_HOME": str(home), "NETZERO_REPORTS": str(home / "reports")}
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args], env=env, capture_output=True, text=True, cwd=home, timeout=600
    )


@pytest.mark.slow
def test__official_inventory__rebase_makes_it_the_base_everywhere_and_a_later_change_is_flagged(home):
    before = _netzero(home, "pathways", "--province", "BRVT", "--out", str(home / "before.csv"))
    assert before.returncode == 0, before.stderr
    assert "stale" in before.stderr and "inventory.csv" in before.stderr  # dropped in, not yet re-based

    rebased = _netzero(home, "rebase", "--province", "BRVT")
    assert rebased.returncode == 0, rebased.stderr
    assert "re-based on the 2022 inventory (official inventory, AR5)" in rebased.stdout
    assert "extended back to 2023" in rebased.stdout  # growth periods adapt to the new base year

    out = home / "iamc.csv"
    after = _netzero(home, "pathways", "--province", "BRVT", "--out", str(out), "--draws", "300")
    assert after.returncode == 0, after.stderr
    assert "stale" not in after.stderr and "NOTE (BAU estimate)" not in after.stdout
    table = pd.read_csv(out)
    net = table[(table["scenario"] == "bau") & (table["variable"] == "Emissions|Kyoto Gases")]
    assert net["year"].min() == 2022
    assert net.loc[net["year"] == 2022, "value"].iloc[0] == pytest.approx(NET_KT / 1000, rel=1e-6)
    assert not table["is_estimate"].any()
    assert "P(met)" in after.stdout  # the Monte Carlo runs on the same (official) base

    summary = ("run", "00_summary", "-p", "province", "BRVT", "-p", "lang", "en", "-p", "n_draws", "200")
    report = _netzero(home, *summary, "--format", "html")
    assert report.returncode == 0, report.stdout + report.stderr
    html = next((home / "reports" / "runs").glob("00_summary__*__en*/00_summary.html")).read_text(encoding="utf-8")
    assert "indicative estimate" not in html and "2022" in html and "stale" not in html.lower()

    inventory = home / "config/profiles/77_ba-ria-vung-tau/inventory.csv"
    inventory.write_text(INVENTORY.replace("9800", "9900"), encoding="utf-8")
    again = _netzero(home, *summary, "--format", "html")
    assert again.returncode == 0, again.stdout + again.stderr
    html = next((home / "reports" / "runs").glob("00_summary__*__en*/00_summary.html")).read_text(encoding="utf-8")
    assert "the BAU is stale" in html and "inventory.csv" in html
    manifest = json.loads(next((home / "reports" / "runs").glob("00_summary__*__en*/manifest.json")).read_text())
    assert manifest["status"] == "ok"
