"""National example: Decision 896/QĐ-TTg's 2030 sector caps and cuts, reproduced with the target engine.

Input: ``data/raw/national/ndc_targets.csv`` (rows of Decision 896/QĐ-TTg, 26/7/2022: for energy,
agriculture, waste and IPPU a 2030 cap "not exceed … MtCO2e" and a cut "…% below BAU").
Output: :func:`build_decision_896_example` returns the implied 2030 BAU, a pathway that emits exactly
the caps, and the target table, which shows the stated cuts (energy −32.6 %, agriculture −43.0 %,
waste −60.7 %, IPPU −38.3 %) as achieved, from the caps and the implied BAU.

The implied BAU (``cap / (1 − cut)``) is **derived here**, not a published number. Decision 896 does
not split energy into sub-sectors; the national energy total is held in the row ``Energy|Other`` and
the targets name the group ``Energy``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import paths
from analysis.emissions.baseline import Baseline
from analysis.emissions.measures import Measure
from analysis.emissions.pathways import T_PER_MT, Pathway, compute_pathway
from analysis.emissions.scenarios import Scenario
from analysis.emissions.targets import Target, evaluate_targets

NDC_FILE = paths.RAW_DIR / "national" / "ndc_targets.csv"
_DOCUMENT = "Decision 896/QĐ-TTg"
# sector as named in the CSV's metric column -> (row in the example baseline, target group)
_SECTORS = {"Energy": ("Energy|Other", "Energy"), "Agriculture": ("Agriculture", "Agriculture"),
            "Waste": ("Waste", "Waste"), "Industrial processes (IPPU)": ("IPPU", "IPPU")}


@dataclass(frozen=True)
class Decision896Example:
    """The national example: stated figures, implied BAU, the capped pathway and its target table."""

    stated: pd.DataFrame  # sector, cap_mtco2e, cut_pct, implied_bau_mtco2e, source_url
    baseline: Baseline
    pathway: Pathway
    results: pd.DataFrame


def read_decision_896(year: int = 2030, path=NDC_FILE) -> pd.DataFrame:
    """The caps and cuts of Decision 896 for ``year`` from the shipped raw file, one row per sector."""
    raw = pd.read_csv(path, dtype=str)
    rows = raw[raw["document"].str.startswith(_DOCUMENT) & (raw["target_year"] == str(year))]
    out = []
    for name in _SECTORS:
        cut = rows[rows["metric"] == f"{name} reduction vs BAU"]
        cap = rows[rows["metric"] == f"{name} emissions cap (not exceed)"]
        if cut.empty or cap.empty:
            continue
        cap_v, cut_v = float(cap["value"].iloc[0]), float(cut["value"].iloc[0])
        out.append({"sector": name, "cap_mtco2e": cap_v, "cut_pct": cut_v,
                    "implied_bau_mtco2e": cap_v / (1 - cut_v / 100), "source_url": cap["source_url"].iloc[0]})
    return pd.DataFrame(out)


def build_decision_896_example(year: int = 2030) -> Decision896Example:
    """Rebuild Decision 896's sector cuts from its caps and the BAU they imply.

    Steps: read caps and cuts; implied BAU = cap / (1 − cut); a one-year baseline at that BAU; a
    scenario of absolute cuts (BAU − cap) per sector; targets of both kinds (cap and % below BAU).
    """
    stated = read_decision_896(year)
    rows = tuple(_SECTORS[s][0] for s in stated["sector"])
    order = [i for i, _ in sorted(enumerate(rows), key=lambda x: _sector_order(x[1]))]
    stated = stated.iloc[order].reset_index(drop=True)
    rows = tuple(rows[i] for i in order)
    bau = (stated["implied_bau_mtco2e"].to_numpy() * T_PER_MT)[:, None]
    baseline = Baseline(province="Việt Nam (national example)", gwp="AR4", years=np.array([year]), sectors=rows,
                        emissions=bau, activity=np.ones_like(bau), intensity=bau.copy(), is_estimate=False,
                        method="implied by Decision 896/QĐ-TTg caps and cuts")
    measures = tuple(Measure(id=f"cap_{row}", kind="absolute", sectors=(row,), start_year=year, full_effect_year=year,
                             magnitude=float((r.implied_bau_mtco2e - r.cap_mtco2e) * T_PER_MT),
                             basis="source: Decision 896/QĐ-TTg cap")
                     for row, r in zip(rows, stated.itertuples(), strict=True))
    pathway = compute_pathway(baseline, Scenario(name="decision_896", measures=measures))
    targets = []
    for row, r in zip(rows, stated.itertuples(), strict=True):
        group = _SECTORS[r.sector][1]
        targets.append(Target(id=f"{group}_cap", kind="absolute_cap", year=year, value=r.cap_mtco2e * T_PER_MT,
                              sector=group, source=f"source: {_DOCUMENT} ({r.source_url})"))
        targets.append(Target(id=f"{group}_cut", kind="percent_below_bau", year=year, value=r.cut_pct / 100,
                              sector=group, source=f"source: {_DOCUMENT} ({r.source_url})"))
    return Decision896Example(stated=stated, baseline=baseline, pathway=pathway,
                              results=evaluate_targets(pathway, targets))


def _sector_order(row: str) -> int:
    from analysis.data.kinds import SECTORS

    return SECTORS.index(row)
