"""Build the shipped province profiles from the downscaled estimate, the driver table and default assumptions.

Inputs: :func:`analysis.emissions.downscale.downscale_inventory` (base-year estimate),
``data/raw/southeast/southeast_drivers.csv`` (driver history), ``data/raw/brvt/brvt_southeast_facts.csv``
(the cited 2024 GRDP growth of four provinces) and Our World in Data (national population).
Output: a profile folder (``profile.yaml``, ``inventory_estimate.csv``, ``drivers.csv``) written atomically;
see ``docs/profile_format.md``. Every default is either cited or labelled an assumption with its method.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pandas as pd
import yaml

from analysis import paths
from analysis.data.provinces import get_registry
from analysis.emissions.downscale import ESTIMATE_LABEL, OWID_FILE, downscale_inventory, load_drivers
from analysis.emissions.profile import PROFILE_FILE, PROFILES_DIR, profile_dir_for
from analysis.io import atomic_path, write_table

FACTS_URL = "https://m.baodauthau.vn/dong-nam-bo-dong-luc-tang-truong-tu-cac-du-an-trong-diem-post172824.html"
# Cited real GRDP growth in 2024 (data/raw/brvt/brvt_southeast_facts.csv).
GROWTH_2024 = {
    "Bà Rịa – Vũng Tàu": (0.1172, "BR-VT GRDP growth 2024, 11.72 % (VnExpress; provincial agriculture portal) — "
                                  "possibly excluding oil and gas; data/raw/brvt/brvt_southeast_facts.csv"),
    "TP. Hồ Chí Minh": (0.0717, f"HCMC GRDP growth 2024, 7.17 % (Báo Đấu thầu {FACTS_URL})"),
    "Bình Dương": (0.0778, f"Bình Dương GRDP growth 2024, 7.78 % (Báo Đấu thầu {FACTS_URL})"),
    "Đồng Nai": (0.0802, f"Đồng Nai GRDP growth 2024, 8.02 % (Báo Đấu thầu {FACTS_URL})"),
}
SECTOR_DRIVERS = {
    "Energy|Power": "grdp", "Energy|Manufacturing and Construction": "grdp_industry_construction",
    "Energy|Transport": "grdp", "Energy|Residential and Commercial": "population",
    "Energy|Fugitive": "grdp_industry_construction", "IPPU": "grdp_industry_construction",
    "Agriculture": "grdp_agriculture", "LULUCF": "none", "Waste": "population",
}
ASSUMPTIONS = {
    "sector_drivers": "assumption: each sector's activity follows the driver named (power and transport follow "
                      "total GRDP, industry and fugitive follow industry-construction GRDP, buildings and waste "
                      "follow population, agriculture its GRDP, LULUCF held constant)",
    "elasticity": "assumption: activity proportional to its driver (elasticity 1; LULUCF 0)",
    "intensity_rate": "assumption: frozen technology — emission intensity unchanged (0 %/yr), the usual "
                      "no-new-policy BAU convention",
    "growth": "GRDP: the cited 2024 growth held for 2024–2030, halved for 2031–2040 and halved again for "
              "2041–2050 (assumption: convergence convention; no cited provincial plan targets found); "
              "sector GRDP grows with GRDP (constant structure, assumption); population: national growth "
              "2013–2023 from Our World in Data (assumption: the province grows like the country)",
}


def _population_growth() -> float:
    owid = pd.read_csv(OWID_FILE, usecols=["year", "population"]).set_index("year")["population"]
    return float((owid[2023] / owid[2013]) ** (1 / 10) - 1)


def default_growth(province: str, base_year: int) -> dict[str, list[dict]]:
    """Growth periods of each driver from ``base_year + 1`` to 2050 (see :data:`ASSUMPTIONS`)."""
    if province in GROWTH_2024:
        rate, source = GROWTH_2024[province]
    else:
        rate = sum(r for r, _ in GROWTH_2024.values()) / len(GROWTH_2024)
        source = ("assumption: no cited recent growth for this province; mean of the four cited Southeast 2024 "
                  f"growth rates ({rate:.2%})")
    start = base_year + 1
    grdp = [{"start": start, "end": 2030, "rate": round(rate, 6), "source": source},
            {"start": 2031, "end": 2040, "rate": round(rate / 2, 6), "source": "assumption: half the 2024–2030 rate"},
            {"start": 2041, "end": 2050, "rate": round(rate / 4, 6),
             "source": "assumption: a quarter of the 2024–2030 rate"}]
    pop = [{"start": start, "end": 2050, "rate": round(_population_growth(), 6),
            "source": "assumption: national population growth 2013–2023 (Our World in Data), held constant"}]
    return {"grdp": grdp, "grdp_industry_construction": copy.deepcopy(grdp), "grdp_agriculture": copy.deepcopy(grdp),
            "population": pop}


def build_drivers(province: str) -> pd.DataFrame:
    """Driver history of ``province`` (``drivers`` kind), with sector GRDP derived as GRDP × structure."""
    table = load_drivers()
    mine = table[table["province"] == province]
    rows = mine[["province", "year", "variable", "value", "unit", "source", "is_estimate"]].copy()
    extra = []
    for variable, share_var in (("grdp_industry_construction", "share_industry_construction"),
                                ("grdp_agriculture", "share_agriculture")):
        grdp = mine[mine["variable"] == "grdp"].set_index("year")
        share = mine[mine["variable"] == share_var].set_index("year")
        for year in grdp.index.intersection(share.index):
            extra.append({"province": province, "year": int(year), "variable": variable,
                          "value": grdp.loc[year, "value"] * share.loc[year, "value"] / 100, "unit": "billion VND",
                          "source": f"derived: grdp × {share_var}", "is_estimate": True})
    out = pd.concat([rows, pd.DataFrame(extra)], ignore_index=True)
    out["is_estimate"] = out["is_estimate"].map({True: "yes", False: "no"})
    return out.sort_values(["variable", "year"]).reset_index(drop=True)


def write_profile(province: str, year: int = 2023, profiles_dir: Path | str = PROFILES_DIR) -> Path:
    """Write the estimated profile of ``province`` for base year ``year``; return its folder.

    Steps: (1) downscale the base-year inventory; (2) collect the driver history; (3) write both CSVs and
    ``profile.yaml`` with the default assumptions, each file atomically. An official ``inventory.csv``
    already in the folder is left untouched (and keeps precedence when the profile is loaded).
    """
    name = get_registry().resolve(province)
    folder = profile_dir_for(name, Path(profiles_dir))
    inventory = downscale_inventory(name, year)
    gwp = str(inventory["gwp"].iloc[0])
    note = (f"{ESTIMATE_LABEL}. Downscaled from national {year} sector emissions with provincial proxies "
            "(thermal capacity, sector GRDP, GRDP, population, oil-and-gas share, forest area); method and "
            "validation in docs/downscaling.md.")
    sectors = list(inventory["sector"])
    spec = {
        "province": name, "base_year": int(year), "gwp": gwp, "inventory": "inventory_estimate.csv",
        "drivers": "drivers.csv", "is_estimate": True, "estimate_note": note,
        "sector_drivers": {s: SECTOR_DRIVERS[s] for s in sectors},
        "elasticity": {s: 0.0 if s == "LULUCF" else 1.0 for s in sectors},
        "intensity_rate": {s: 0.0 for s in sectors},
        "growth": default_growth(name, int(year)), "assumptions": ASSUMPTIONS,
    }
    write_table(inventory.drop(columns=["proxy", "share", "is_estimate"]), folder / "inventory_estimate.csv")
    write_table(build_drivers(name), folder / "drivers.csv")
    with atomic_path(folder / PROFILE_FILE) as tmp:
        text = yaml.safe_dump(spec, allow_unicode=True, sort_keys=False, width=110)
        tmp.write_text(f"# Province profile — {name} ({ESTIMATE_LABEL}). Format: docs/profile_format.md\n"
                       + text, encoding="utf-8")
    return folder


def write_southeast_profiles(year: int = 2023, profiles_dir: Path | str = PROFILES_DIR) -> list[Path]:
    """Write the profiles of the six Southeast provinces (the shipped ``config/profiles``)."""
    members = get_registry().members("Southeast")
    return [write_profile(p, year, profiles_dir) for p in members]


def describe_profiles_dir() -> str:
    return paths.relative_to_project(PROFILES_DIR)
