"""The IAMC long table of pathways, its aggregate check, and writing it as CSV and Excel.

Input: pathways by scenario (:func:`analysis.emissions.pathways.compute_pathways`).
Output: one tidy table with the IAMC columns ``model, scenario, region, variable, unit, year, value`` plus
``gwp`` (the GWP100 set of every CO2e value) and ``is_estimate`` (True when the BAU rests on an indicative
inventory estimate). Variables (Mt CO2e/yr):

- ``Emissions|Kyoto Gases`` (net) = the sum of ``Emissions|Kyoto Gases|Energy``, ``|IPPU``, ``|Agriculture``,
  ``|LULUCF`` (negative = net removals) and ``|Waste``; ``…|Energy`` = the sum of ``…|Energy|Power`` … (each
  sector's variable and whether it is energy come from the sectors table, ``data/raw/project/sectors.csv``);
- ``Gross Emissions|Kyoto Gases`` and ``Removals|Kyoto Gases`` (≤ 0), reported apart: gross + removals = net;
- ``Abatement|Kyoto Gases`` = the sum of ``Abatement|Kyoto Gases|<measure id>`` (cuts and added removals).

:func:`check_iamc_aggregates` does what ``pyam.IamDataFrame.check_aggregate`` does for every parent
variable (an empty result means every sum holds); the tests also run pyam itself when it is installed.
``pyam`` is never imported here (it is slow to import and a test-only dependency).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis import __version__
from analysis.data.sectors import load_sectors
from analysis.emissions.pathways import T_PER_MT, Pathway
from analysis.io import atomic_path

IAMC_COLUMNS = ["model", "scenario", "region", "variable", "unit", "year", "value"]
EXTRA_COLUMNS = ["gwp", "is_estimate"]
UNIT = "Mt CO2e/yr"
ROOT = "Emissions|Kyoto Gases"
MODEL = f"netzero-analysis {__version__}"


def _rows(pathway: Pathway) -> dict[str, np.ndarray]:
    """Variable name -> values per year (Mt CO2e/yr) of one pathway."""
    out: dict[str, np.ndarray] = {}
    em = pathway.emissions / T_PER_MT
    table = load_sectors()
    for i, sector in enumerate(pathway.sectors):
        out[table[sector].iamc_variable] = em[i]
    energy = [i for i, s in enumerate(pathway.sectors) if table[s].energy]
    if energy:
        out[f"{ROOT}|Energy"] = em[energy].sum(axis=0)
    out[ROOT] = em.sum(axis=0)
    out["Gross Emissions|Kyoto Gases"] = pathway.gross() / T_PER_MT
    out["Removals|Kyoto Gases"] = pathway.removals() / T_PER_MT
    abatement = pathway.abatement.sum(axis=1) / T_PER_MT
    if len(pathway.measures):  # a total without components would read as a broken sum
        out["Abatement|Kyoto Gases"] = abatement.sum(axis=0)
    for j, m in enumerate(pathway.measures):
        out[f"Abatement|Kyoto Gases|{m.id}"] = abatement[j]
    return out


def build_iamc(pathways: dict[str, Pathway], *, model: str = MODEL) -> pd.DataFrame:
    """The IAMC long table of every pathway (see module docstring)."""
    frames = []
    for name, p in pathways.items():
        rows = _rows(p)
        variables = list(rows)
        values = np.stack([rows[v] for v in variables])
        frames.append(
            pd.DataFrame(
                {
                    "model": model,
                    "scenario": name,
                    "region": p.baseline.province,
                    "variable": np.repeat(variables, len(p.years)),
                    "unit": UNIT,
                    "year": np.tile(p.years, len(variables)).astype(int),
                    "value": values.ravel(),
                    "gwp": p.baseline.gwp,
                    "is_estimate": bool(p.baseline.is_estimate),
                }
            )
        )
    frame = pd.concat(frames, ignore_index=True)
    return frame.sort_values(["scenario", "variable", "year"], ignore_index=True)[IAMC_COLUMNS + EXTRA_COLUMNS]


def check_iamc_aggregates(frame: pd.DataFrame, *, rtol: float = 1e-6, atol: float = 1e-9) -> pd.DataFrame:
    """Rows where a variable differs from the sum of its direct children (``a|b`` for ``a``).

    Returns a table (model, scenario, region, unit, year, variable, value, components) of mismatches;
    empty when every aggregate holds — the equivalent of ``pyam``'s ``check_aggregate`` returning ``None``.
    """
    keys = ["model", "scenario", "region", "unit", "year"]
    variables = frame["variable"].unique()
    parents = {v.rsplit("|", 1)[0] for v in variables if "|" in v} & set(variables)
    problems = []
    for parent in sorted(parents):
        children = [v for v in variables if v.startswith(parent + "|") and "|" not in v[len(parent) + 1 :]]
        total = frame[frame["variable"] == parent].set_index(keys)["value"]
        parts = frame[frame["variable"].isin(children)].groupby(keys)["value"].sum()
        joined = pd.concat({"value": total, "components": parts}, axis=1).dropna(subset=["value"])
        bad = ~np.isclose(joined["value"], joined["components"], rtol=rtol, atol=atol)  # no components: NaN, bad
        if bad.any():
            problems.append(joined[bad].assign(variable=parent).reset_index())
    if not problems:
        return pd.DataFrame(columns=[*keys, "variable", "value", "components"])
    return pd.concat(problems, ignore_index=True)


def describe_meta(pathways: dict[str, Pathway], scenario_file: str = "", target_file: str = "") -> pd.DataFrame:
    """Key/value metadata for the outputs: province, GWP, BAU vintage and method, estimate label, inputs."""
    first = next(iter(pathways.values()))
    b = first.baseline
    items = {
        "province": b.province,
        "gwp": b.gwp,
        "bau_vintage": b.vintage,
        "bau_method": b.method,
        "is_estimate": str(bool(b.is_estimate)),
        "estimate_note": b.estimate_note,
        "unit": UNIT,
        "scenario_file": scenario_file,
        "target_file": target_file,
        "model": MODEL,
        "scenarios": ", ".join(pathways),
    }
    return pd.DataFrame({"key": list(items), "value": list(items.values())})


def write_iamc(
    frame: pd.DataFrame,
    target: str | Path,
    *,
    meta: pd.DataFrame | None = None,
    extra_sheets: dict[str, pd.DataFrame] | None = None,
) -> Path:
    """Write the table atomically: ``.csv`` (UTF-8) or ``.xlsx`` (sheet ``data``, plus ``meta`` and extras)."""
    target = Path(target)
    suffix = target.suffix.lower()
    with atomic_path(target) as tmp:
        if suffix == ".csv":
            frame.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")
        elif suffix == ".xlsx":
            with pd.ExcelWriter(tmp, engine="openpyxl") as xl:
                frame.to_excel(xl, sheet_name="data", index=False)
                if meta is not None:
                    meta.to_excel(xl, sheet_name="meta", index=False)
                for name, sheet in (extra_sheets or {}).items():
                    sheet.to_excel(xl, sheet_name=name[:31], index=False)
        else:
            raise ValueError(f"unsupported output type {suffix!r} (use .csv or .xlsx)")
    return target
