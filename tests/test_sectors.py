"""Sectors are one table (``data/raw/project/sectors.csv``): every list, group, colour and name is derived from it, so
a new sector is one row (plus the data it needs) and shows in the estimate, the BAU, a chart and a report table."""

from __future__ import annotations

import ast
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import paths
from analysis.data.sectors import load_sectors, sector_keys
from analysis.errors import InputError

LOADER = paths.PACKAGE_DIR / "data" / "sectors.py"


def _literals(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            yield node, node.elts
        elif isinstance(node, ast.Dict):
            yield node, [k for k in node.keys if k is not None] + list(node.values)


def test__no_sector_list_name_or_colour_outside_the_table():
    """No literal list, tuple, set or dict in src/analysis holds two sector keys (a sector list, a dict of names or
    colours by sector) or the names of two sectors: they come from the sectors table."""
    table = load_sectors()
    keys = set(table.keys())
    names = {s.name_vi: s.key for s in table} | {s.name_en: s.key for s in table}
    found = []
    for f in sorted(paths.PACKAGE_DIR.rglob("*.py")):
        if f == LOADER:
            continue
        for node, elts in _literals(ast.parse(f.read_text(encoding="utf-8"))):
            words = {e.value for e in elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
            named = {names[w] for w in words if w in names}
            if len(words & keys) >= 2 or len(named) >= 2:
                found.append(
                    f"{f.relative_to(paths.PACKAGE_DIR)}:{node.lineno}: {sorted(words & (keys | names.keys()))}"
                )
    assert found == []


def test__names_colours_and_groups_come_from_the_table():
    from analysis.emissions.national_bau import group_of
    from analysis.i18n import SECTOR_NAMES, sector_label
    from analysis.inventory.national import energy_keys, national_keys
    from analysis.viz.style import sector_color

    table = load_sectors()
    power = table["Energy|Power"]
    assert sector_label("Energy|Power", "vi") == power.name_vi == SECTOR_NAMES["Energy|Power"][0]
    assert sector_color("Energy|Power") == power.colour
    assert list(SECTOR_NAMES) == list(sector_keys())
    assert group_of("IPPU") == "IPPU" and group_of("LULUCF") is None and group_of("Energy|Transport") == "Energy"
    assert energy_keys() == tuple(k for k in table.where(energy=True) if k != "Energy|Other")
    assert "Energy|Other" not in national_keys()  # no national figure found: never estimated, never 0


def test__the_bau_rules_are_checked_against_the_sectors(tmp_path):
    from analysis.data.bau_rules import load_bau_rules

    rules = (paths.RAW_DIR / "project" / "bau_sector_rules.csv").read_text(encoding="utf-8").splitlines()
    short = tmp_path / "rules.csv"
    short.write_text("\n".join(r for r in rules if not r.startswith("Waste,")) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="no BAU rule for sector 'Waste'"):
        load_bau_rules(short)


def test__a_bad_sector_row_is_located(tmp_path):
    text = (paths.RAW_DIR / "project" / "sectors.csv").read_text(encoding="utf-8")
    bad = tmp_path / "sectors.csv"
    bad.write_text(text.replace("#009E73", "green"), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_sectors(bad)
    (issue,) = err.value.issues
    assert issue.column == "colour" and issue.row == 9 and "#RRGGBB" in issue.message


# -- adding a sector ------------------------------------------------------------------------------------------------
NEW = "Energy|Agriculture and Fishing"
NEW_EN = "Energy – agriculture and fishing (test)"
NEW_COLOUR = "#117733"
SECTOR_ROW = (
    f"{NEW},55,Emissions|Kyoto Gases|{NEW},Năng lượng – nông nghiệp và thủy sản (thử),{NEW_EN},{NEW_COLOUR},yes,"
    "Energy,Energy,Energy: Agriculture and fishing,Stationary Energy,agriculture,edgar_share,a test sector\n"
)
RULE_ROW = f'{NEW},gdp,1,0.8,1,0,-1,0,assumption,"test: fuel use of farms and boats grows with output"\n'
SHARE_ROW = (
    '2023,"share of gross emissions - Energy: Agriculture and fishing (third-party, EDGAR v9)",2,%,'
    "a test figure (not EDGAR's),third-party,test,,low\n"
)
SCRIPT = """
import json, sys
import matplotlib
matplotlib.use("Agg")
from matplotlib.colors import to_hex
from analysis.emissions.bau import project_bau
from analysis.emissions.profile import load_profile
from analysis.emissions.profile_build import build_profiles
from analysis.narrative.bau import inventory_table
from analysis.viz.inventory import plot_bau, plot_inventory

new, name, out = sys.argv[1], sys.argv[2], sys.argv[3]
(folder,) = build_profiles(out, ["Bà Rịa – Vũng Tàu"], freeze=False)
profile = load_profile("Bà Rịa – Vũng Tàu", folder)
import pandas as pd
estimate = pd.read_csv(folder / "inventory_estimate.csv")
bau = project_bau(profile)
i = bau.sectors.index(new)
fig = plot_inventory(bau, "en")
ax = fig.axes[0]
labels = [t.get_text() for t in ax.get_yticklabels()]
colours = [to_hex(p.get_facecolor()) for p in ax.patches]
legend = [t.get_text() for t in plot_bau(bau, "en").axes[0].get_legend().get_texts()]
table = inventory_table(bau, "en")
print(json.dumps({
    "estimate": float(estimate.loc[estimate["sector"] == new, "value"].sum()),
    "driver": profile.sector_drivers.get(new),
    "bau_first": float(bau.emissions[i, 0]), "bau_last": float(bau.emissions[i, -1]),
    "colour": colours[labels.index(name)] if name in labels else None,
    "labels": labels, "legend": legend, "table": table.iloc[:, 0].tolist(),
}))
"""


def _append(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + line, encoding="utf-8")


def _rehash(raw: Path, rel: str) -> None:
    """The copy's register says the changed file's new sha256 (a new raw file would have its own row)."""
    register = raw / "SOURCES.csv"
    text = register.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith(rel + ","))
    sha = hashlib.sha256((raw / rel).read_bytes()).hexdigest()
    register.write_text(text.replace(old, old.replace(old.split(",")[-2], sha)), encoding="utf-8")


@pytest.mark.slow
def test__a_new_sector_is_one_row_and_shows_in_the_estimate_the_bau_a_chart_and_a_report_table(tmp_path):
    home = tmp_path / "home"
    shutil.copytree(paths.RAW_DIR, home / "data" / "raw")
    shutil.copytree(paths.CONFIG_DIR, home / "config")
    raw = home / "data" / "raw"
    _append(raw / "project" / "sectors.csv", SECTOR_ROW)  # the row
    _append(raw / "project" / "bau_sector_rules.csv", RULE_ROW)  # the data it needs: its BAU driver …
    _append(raw / "national" / "national_inventory.csv", SHARE_ROW)  # … and its national share
    for rel in ("project/sectors.csv", "project/bau_sector_rules.csv", "national/national_inventory.csv"):
        _rehash(raw, rel)
    env = {**os.environ, "NETZERO_HOME": str(home), "MPLBACKEND": "Agg"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, NEW, NEW_EN, str(tmp_path / "profiles")],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        cwd=home,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["estimate"] > 0  # the estimate allocates its national share to the province
    assert seen["driver"] == "gdp" and seen["bau_last"] > seen["bau_first"] > 0  # the BAU follows its driver
    assert NEW_EN in seen["labels"] and seen["colour"] == NEW_COLOUR  # the chart names it in its colour
    assert NEW_EN in seen["legend"]
    assert NEW_EN in seen["table"]  # the report's inventory table
    order = seen["table"]
    assert order.index(NEW_EN) == order.index("Energy – fugitive (oil, gas and coal)") + 1  # order 55: after 50
    assert not done.stderr.count("Traceback")
