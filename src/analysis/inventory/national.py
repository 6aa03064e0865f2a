"""National emissions by inventory sector for any year 2010–2023 — the figures the provinces are reconciled to.

Inputs (``data/raw``, see ``SOURCES.csv``): the official national totals 2010, 2013, 2014, 2016 (MONRE/DCC via
VNA, ``national/national_inventory.csv``); the only official sector share found, energy = 53 % of the 2010
inventory (``provinces63/national_inventory_sector_split.csv``); EDGAR v9 shares of 2023 gross emissions (UNEP
Emissions Gap Report 2024, third-party); Our World in Data's national series (``owid/``); Decision 896/QĐ-TTg and
the NDC 2022 BAU (``national/ndc_targets.csv``) for LULUCF.

Method, one label per row (``method``):

- **total**: official in 2010, 2013, 2014, 2016; linear between two official years (2011, 2012, 2015); after 2016
  the 2016 total moved with OWID's trend of CO2 (excl. land use) + CH4 + N2O (2017–2023);
- **structure**: energy share 53 % in 2010 (official) moving linearly to EDGAR's 2023 share; within energy and
  within the rest, EDGAR 2023 proportions (their printed shares add up to 102 % and are normalised);
- **LULUCF** (assumption, same every year): the net flux implied for 2030 by the NDC 2022 BAU total minus the
  Decision 896 sector BAUs (cap ÷ (1 − cut)); no official national LULUCF figure was found. The official totals
  are used as gross totals (their LULUCF treatment is not stated).

Output of :func:`national_sectors`: sector, value (t CO2e), share (of gross), gwp, method, source, notes.
Years outside :func:`supported_years` raise :class:`~analysis.errors.InputError` naming the range.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.data.national import load_national_inventory, load_ndc_targets, number
from analysis.data.provenance import raw_label
from analysis.data.provinces63 import load_sector_split
from analysis.data.raw import load_owid
from analysis.data.sectors import load_sectors
from analysis.errors import InputError, Issue
from analysis.units import T_PER_MT


def national_keys() -> tuple[str, ...]:
    """The sectors a national figure is given for (``national_estimate`` is not ``not_estimated``), in order."""
    table = load_sectors()
    return tuple(k for k in table.keys() if table[k].national_estimate != "not_estimated")


def edgar_keys() -> tuple[str, ...]:
    """The sectors whose national figure is a share of the gross total (EDGAR v9 structure), in order."""
    return load_sectors().where(national_estimate="edgar_share")


def energy_keys() -> tuple[str, ...]:
    """The energy sectors among :func:`edgar_keys` (their sum moves from the official 2010 energy share)."""
    table = load_sectors()
    return tuple(k for k in edgar_keys() if table[k].energy)


def flux_keys() -> tuple[str, ...]:
    """The sector(s) whose national figure is the net flux implied by the NDC 2022 BAU (LULUCF)."""
    return load_sectors().where(national_estimate="ndc_implied_flux")


def edgar_categories() -> dict[str, str]:
    """EDGAR v9 category as printed in the UNEP country profile -> inventory sector (from the sectors table:
    "Fuel production" covers fugitive emissions and own use of fuel extraction and refining; "Waste & Other" is
    mapped to Waste)."""
    return {load_sectors()[k].edgar_category: k for k in edgar_keys()}


def d896_labels() -> tuple[str, ...]:
    """How ``ndc_targets.csv`` names the Decision 896 sector groups (``Energy``, ``Industrial processes (IPPU)`` …)."""
    return tuple(dict.fromkeys(s.d896_label for s in load_sectors() if s.d896_label))


EDGAR_YEAR = 2023
OFFICIAL_SHARE_YEAR = 2010
GWP = "AR5"  # BUR3-era inventories use AR5 GWP100 (Climate Action Tracker; national/emission_factors.csv)


@lru_cache(maxsize=1)
def official_totals() -> pd.DataFrame:
    """Official national totals: year, total_tco2e, source (the superseded 2010 BUR1 figure and low-confidence
    rows are left out)."""
    table = load_national_inventory()
    rows = table[
        (table["sector"] == "Total")
        & (table["value"] != "")
        & (table["reported_in"] != "BUR1")
        & (table["confidence"] != "low")
    ]
    out = pd.DataFrame(
        {
            "year": [int(y) for y in rows["inventory_year"]],
            "total_tco2e": [number(table, i) * T_PER_MT for i in rows.index],
            "source": [
                f"official national total {y}: MONRE/DCC via VNA ({u})"
                for y, u in zip(rows["inventory_year"], rows["source_url_or_path"], strict=True)
            ],
        }
    )
    return out.sort_values("year").reset_index(drop=True)


@lru_cache(maxsize=1)
def edgar_shares() -> pd.Series:
    """EDGAR v9 shares of Viet Nam's 2023 gross emissions by inventory sector, normalised to add up to 1."""
    table = load_national_inventory()
    rows = table[(table["inventory_year"] == str(EDGAR_YEAR)) & table["sector"].str.startswith("share of gross")]
    shares = {}
    for i, label in zip(rows.index, rows["sector"], strict=True):
        category = re.sub(r"^share of gross emissions - | \(third-party.*$", "", label)
        shares[edgar_categories()[category]] = number(table, i)
    series = pd.Series(shares).reindex(list(edgar_keys()))
    if series.isna().any():
        raise InputError(
            [
                Issue(
                    file=raw_label("national_inventory"),
                    column="sector",
                    rule="EDGAR share of every sector",
                    message="no EDGAR 2023 share for " + ", ".join(series.index[series.isna()]),
                )
            ]
        )
    return series / series.sum()


@lru_cache(maxsize=1)
def official_energy_share() -> tuple[float, str]:
    """The energy share of the 2010 national inventory (0.53) and the sentence that gives it."""
    split = load_sector_split()
    row = split[(split["inventory_year"] == OFFICIAL_SHARE_YEAR) & (split["sector"] == "Energy")]
    text = "" if row.empty else str(row["share_as_published"].iloc[0])
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*%\s*", text)
    if not match:
        raise InputError(
            [
                Issue(
                    file=raw_label("national_sector_split"),
                    column="share_as_published",
                    value=text,
                    rule="official energy share 2010",
                    message="the 2010 energy row must give its share as 'NN%'",
                )
            ]
        )
    return float(match.group(1)) / 100, str(row["exact_source_sentence"].iloc[0])


@lru_cache(maxsize=1)
def _owid_trend() -> pd.Series:
    owid = load_owid().set_index("year")
    return (owid["co2_mt_excl_luc"] + owid["ch4_mtco2e"] + owid["n2o_mtco2e"]).dropna()


def supported_years() -> tuple[int, int]:
    """The first and last year a national figure can be given for (2010 and OWID's last year, 2023)."""
    return int(official_totals()["year"].min()), int(_owid_trend().index.max())


def check_year(year: int) -> int:
    """``year`` as an int, or an :class:`InputError` that names the supported range and why."""
    first, last = supported_years()
    if not first <= int(year) <= last:
        years = ", ".join(str(y) for y in official_totals()["year"])
        raise InputError(
            [
                Issue(
                    file=raw_label("national_inventory"),
                    column="year",
                    value=year,
                    rule=f"year in {first}–{last}",
                    message=f"national emissions can be estimated for {first}–{last} only (official "
                    f"totals {years}, interpolated between them and moved with Our World in "
                    f"Data's national trend to {last}); {year} is outside that range",
                )
            ]
        )
    return int(year)


def national_total(year: int) -> tuple[float, str, str]:
    """Gross national total of ``year`` (t CO2e), its method label and its source."""
    year = check_year(year)
    off = official_totals().set_index("year")
    if year in off.index:
        return float(off.loc[year, "total_tco2e"]), "official total", off.loc[year, "source"]
    before, after = off.index[off.index < year], off.index[off.index > year]
    if len(after):
        y0, y1 = int(before.max()), int(after.min())
        t0, t1 = off.loc[y0, "total_tco2e"], off.loc[y1, "total_tco2e"]
        value = t0 + (t1 - t0) * (year - y0) / (y1 - y0)
        return (
            value,
            f"interpolated between the official totals {y0} and {y1}",
            f"{off.loc[y0, 'source']}; {off.loc[y1, 'source']}",
        )
    y0 = int(before.max())
    trend = _owid_trend()
    ratio = trend.loc[year] / trend.loc[y0]
    method = (
        f"official total {y0} × Our World in Data trend {y0}→{year} of CO2 (excl. land use) + CH4 + N2O (× {ratio:.3f})"
    )
    return float(off.loc[y0, "total_tco2e"] * ratio), method, f"{off.loc[y0, 'source']}; Our World in Data co2-data"


def sector_structure(year: int) -> pd.Series:
    """Shares of the gross total by sector in ``year`` (add up to 1; see the module docstring)."""
    year = check_year(year)
    edgar = edgar_shares()
    e2010, _ = official_energy_share()
    energy_sectors, gross = list(energy_keys()), list(edgar_keys())
    e_edgar = float(edgar[energy_sectors].sum())
    energy = e2010 + (e_edgar - e2010) * (year - OFFICIAL_SHARE_YEAR) / (EDGAR_YEAR - OFFICIAL_SHARE_YEAR)
    rest = [s for s in gross if s not in energy_sectors]
    shares = pd.concat([edgar[energy_sectors] / e_edgar * energy, edgar[rest] / edgar[rest].sum() * (1 - energy)])
    return shares.reindex(gross)


@lru_cache(maxsize=1)
def national_lulucf() -> tuple[float, str]:
    """The national LULUCF net flux used for every year (t CO2e, negative = removal) and its note."""
    table = load_ndc_targets()
    d896 = table[table["document"].str.startswith("Decision 896") & (table["target_year"] == "2030")]
    bau = 0.0
    for label in d896_labels():
        cap = d896[d896["metric"] == f"{label} emissions cap (not exceed)"]
        cut = d896[d896["metric"] == f"{label} reduction vs BAU"]
        bau += number(table, cap.index[0]) / (1 - number(table, cut.index[0]) / 100)
    note = table[table["metric"] == "BAU 2030 total implied"]["note"].iloc[0]
    lo, hi = (float(x) for x in re.findall(r"=\s*([0-9]+\.[0-9]+)", note)[:2])
    value = ((lo + hi) / 2 - bau) * T_PER_MT
    return value, (
        f"assumption: no official national LULUCF figure was found; the net flux implied for the 2030 BAU "
        f"(NDC 2022 BAU total {(lo + hi) / 2:.1f} Mt minus the Decision 896 sector BAUs {bau:.1f} Mt = "
        f"{value / T_PER_MT:.1f} Mt) is used for every year"
    )


def national_sectors(year: int) -> pd.DataFrame:
    """National emissions by sector in ``year``: sector, value (t CO2e), share, gwp, method, source, notes."""
    return _national_sectors(int(year)).copy()


@lru_cache(maxsize=16)  # as the tables it is made of: every run's Decision 896 caps ask for it, four times
def _national_sectors(year: int) -> pd.DataFrame:
    total, total_method, source = national_total(year)
    structure = sector_structure(year)
    e2010, sentence = official_energy_share()
    structure_note = (
        f"sector structure: energy {e2010:.0%} of the {OFFICIAL_SHARE_YEAR} inventory ({sentence}) "
        f"moving linearly to EDGAR v9 {EDGAR_YEAR} ({edgar_shares()[list(energy_keys())].sum():.1%}); "
        f"proportions within energy and within the rest from EDGAR v9 {EDGAR_YEAR} (UNEP Emissions Gap "
        f"Report 2024, third-party, shares normalised from 102 %)"
    )
    rows = [
        {
            "sector": s,
            "value": total * float(structure[s]),
            "share": float(structure[s]),
            "gwp": GWP,
            "method": f"{total_method}; structure interpolated {OFFICIAL_SHARE_YEAR} official → {EDGAR_YEAR} EDGAR",
            "source": source,
            "notes": structure_note,
        }
        for s in edgar_keys()
    ]
    lulucf, note = national_lulucf()
    rows += [
        {
            "sector": flux,
            "value": lulucf,
            "share": np.nan,
            "gwp": GWP,
            "method": "assumption: NDC 2022 BAU − Decision 896 sector BAUs (2030), held constant",
            "source": "data/raw/national/ndc_targets.csv (Decision 896/QĐ-TTg; NDC 2022)",
            "notes": note,
        }
        for flux in flux_keys()
    ]
    return pd.DataFrame(rows).set_index("sector").reindex(list(national_keys())).reset_index()
