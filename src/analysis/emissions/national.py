"""National emissions by sector for a year: the numbers provincial downscaling starts from.

Inputs (``data/raw/national``, see ``SOURCES.csv``):

- ``national_inventory.csv``: official national totals (MONRE/DCC via VNA: 2010, 2013, 2014, 2016) and the
  only sector split found, EDGAR v9 shares of 2023 gross emissions (UNEP Emissions Gap Report 2024;
  third-party, not the official inventory), with the 2023 EDGAR total (525 Mt CO2e, excl. LULUCF);
- ``ndc_targets.csv``: Decision 896/QĐ-TTg 2030 caps and percentage cuts, and the NDC 2022 BAU 2030
  (926–928 Mt, derived there from the published cuts).

Outputs: :func:`national_sectors` — one row per inventory sector with ``emissions_tco2e``, ``source``,
``notes``; :func:`decision_896_bau_2030` — the national BAU 2030 by sector implied by Decision 896
(``cap / (1 - cut)``), shown in ``docs/downscaling.md`` as a cross-check of the EDGAR structure.

No official sector split of any national inventory year was found, so every year uses the EDGAR 2023
structure (an assumption stated in every row's ``notes``).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis import paths
from analysis.errors import InputError, Issue

INVENTORY_FILE = paths.RAW_DIR / "national" / "national_inventory.csv"
TARGETS_FILE = paths.RAW_DIR / "national" / "ndc_targets.csv"

# EDGAR v9 category (as printed in the UNEP country profile) -> inventory sector.
# NOTE: EDGAR "Fuel production" covers fugitive emissions and own use of fuel extraction and
# refining; it is the closest category to "Energy|Fugitive". "Waste & Other" is mapped to Waste.
EDGAR_SECTORS = {
    "Energy: Power": "Energy|Power",
    "Energy: Industry": "Energy|Manufacturing and Construction",
    "Energy: Transport": "Energy|Transport",
    "Energy: Buildings": "Energy|Residential and Commercial",
    "Energy: Fuel production": "Energy|Fugitive",
    "Industrial processes": "IPPU",
    "AFOLU: Agriculture": "Agriculture",
    "Waste & Other": "Waste",
}
EDGAR_YEAR = 2023
EDGAR_NOTE = ("structure: EDGAR v9 shares of 2023 gross emissions (UNEP Emissions Gap Report 2024), "
              "third-party, not the official inventory")
# UNEP's Emissions Gap Reports express GHG totals with AR6 GWP100; the stored rows do not say so.
EDGAR_GWP = "AR6"
OFFICIAL_GWP = "AR5"  # BUR3-era inventories use AR5 (Climate Action Tracker; national/emission_factors.csv)
D896_SECTORS = {"Energy": "Energy", "Agriculture": "Agriculture", "Waste": "Waste",
                "Industrial processes (IPPU)": "IPPU"}


def _read(path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _edgar_shares(table: pd.DataFrame) -> pd.Series:
    rows = table[(table["inventory_year"] == str(EDGAR_YEAR)) & table["sector"].str.startswith("share of gross")]
    shares = {}
    for label, value in zip(rows["sector"], rows["value"], strict=True):
        category = re.sub(r"^share of gross emissions - | \(third-party.*$", "", label)
        shares[EDGAR_SECTORS[category]] = float(value)
    # NOTE: the printed (rounded) shares add up to 102 %; they are normalised so the sectors sum to the total.
    series = pd.Series(shares)
    return series / series.sum()


def national_totals() -> pd.DataFrame:
    """National totals usable as the level of downscaling: year, total_tco2e, gwp, source.

    The official DCC series (2010, 2013, 2014, 2016) and the EDGAR v9 2023 gross total. The 2010 BUR1
    figure (247 Mt, superseded by the recalculated 264.2 Mt) and rows without a value are left out.
    """
    table = _read(INVENTORY_FILE)
    official = table[(table["sector"] == "Total") & (table["value"] != "") & (table["reported_in"] != "BUR1")
                     & (table["confidence"] != "low")]
    rows = [{"year": int(y), "total_tco2e": float(v) * 1e6, "gwp": OFFICIAL_GWP,
             "source": f"national total {y}: MONRE/DCC via VNA ({u})"}
            for y, v, u in zip(official["inventory_year"], official["value"], official["source_url_or_path"],
                               strict=True)]
    edgar = table[table["sector"].str.startswith("Total excl. LULUCF (third-party, EDGAR")]
    rows.append({"year": EDGAR_YEAR, "total_tco2e": float(edgar["value"].iloc[0]) * 1e6, "gwp": EDGAR_GWP,
                 "source": f"gross total {EDGAR_YEAR}: EDGAR v9 via UNEP Emissions Gap Report 2024 "
                           f"({edgar['source_url_or_path'].iloc[0]})"})
    return pd.DataFrame(rows).sort_values("year").reset_index(drop=True)


def national_years() -> list[int]:
    """Years for which national figures exist (and a province inventory can be estimated)."""
    return [int(y) for y in national_totals()["year"]]


def decision_896_bau_2030() -> pd.DataFrame:
    """National BAU 2030 by sector implied by Decision 896/QĐ-TTg: ``cap / (1 - cut)``.

    Returns sector, cap_mtco2e, cut_pct, bau_mtco2e; plus a LULUCF row derived as the NDC 2022 BAU 2030
    total (mid-point of 925.9–928.3 Mt) minus the sum of the four sector BAUs.
    """
    table = _read(TARGETS_FILE)
    d896 = table[table["document"].str.startswith("Decision 896") & (table["target_year"] == "2030")]
    rows = []
    for label, sector in D896_SECTORS.items():
        cap = float(d896[d896["metric"] == f"{label} emissions cap (not exceed)"]["value"].iloc[0])
        cut = float(d896[d896["metric"] == f"{label} reduction vs BAU"]["value"].iloc[0])
        rows.append({"sector": sector, "cap_mtco2e": cap, "cut_pct": cut, "bau_mtco2e": cap / (1 - cut / 100)})
    out = pd.DataFrame(rows)
    bau_total = table[table["metric"] == "BAU 2030 total implied"]["note"].iloc[0]
    lo, hi = (float(x) for x in re.findall(r"=\s*([0-9]+\.[0-9]+)", bau_total)[:2])
    lulucf = (lo + hi) / 2 - out["bau_mtco2e"].sum()
    out.loc[len(out)] = {"sector": "LULUCF", "cap_mtco2e": np.nan, "cut_pct": np.nan, "bau_mtco2e": lulucf}
    return out


def national_lulucf_tco2e() -> tuple[float, str]:
    """National LULUCF net flux used for the base year (an assumption; no official figure was found)."""
    bau = decision_896_bau_2030()
    value = float(bau.loc[bau["sector"] == "LULUCF", "bau_mtco2e"].iloc[0]) * 1e6
    note = ("assumption: no official national LULUCF figure found; the net flux implied for 2030 BAU "
            f"(NDC 2022 BAU total minus the Decision 896 sector BAUs = {value / 1e6:.1f} Mt) is used")
    return value, note


def national_sectors(year: int) -> pd.DataFrame:
    """National emissions by inventory sector in ``year`` (t CO2e), with source and notes.

    Steps: (1) the national total of ``year`` (official DCC total, or the EDGAR 2023 gross total);
    (2) split by the EDGAR 2023 structure; (3) add LULUCF for 2023 only (see :func:`national_lulucf_tco2e`).
    """
    totals = national_totals()
    hit = totals[totals["year"] == int(year)]
    if hit.empty:
        raise InputError([Issue(file="data/raw/national/national_inventory.csv", column="year", value=year,
                                rule="year with national figures",
                                message=f"no national emissions figure for {year}; years available: "
                                        + ", ".join(str(y) for y in totals["year"]))])
    total, gwp, source = hit["total_tco2e"].iloc[0], hit["gwp"].iloc[0], hit["source"].iloc[0]
    shares = _edgar_shares(_read(INVENTORY_FILE))
    frame = pd.DataFrame({"sector": shares.index, "share": shares.to_numpy(),
                          "emissions_tco2e": total * shares.to_numpy(), "gwp": gwp, "source": source,
                          "notes": EDGAR_NOTE})
    if int(year) == EDGAR_YEAR:
        value, note = national_lulucf_tco2e()
        frame.loc[len(frame)] = {"sector": "LULUCF", "share": np.nan, "emissions_tco2e": value, "gwp": gwp,
                                 "source": "derived from national/ndc_targets.csv", "notes": note}
    return frame.reset_index(drop=True)
