"""The thermal power fleet by province, fuel and year, and what it can physically emit.

Input: ``data/raw/provinces63/thermal_power_plants.csv`` (via :func:`analysis.data.provinces63.load_thermal_plants`),
IPCC 2006 CO2 factors, efficiencies and capacity factors (``data/raw/inventory/tier1_factors.csv``), the national
coal and gas capacity of May 2023 (``data/raw/southeast/national_proxies.csv``).

The raw list describes some plants twice (WRI rows from EVN 2016 and Global Energy Monitor unit rows) and leaves
provinces blank within ~2 km of a border. The cleaning is named code, each step with its evidence:

1. drop rows that say they duplicate other rows ("do not double count", "overlaps WRI rows"), keeping the
   unit-level row; a dropped row's commissioning year dates the kept row it overlaps (:data:`YEAR_FROM_OVERLAP`);
2. locate the plants the source left blank (:data:`PROVINCE_CORRECTIONS`); what stays blank is *unlocated*;
3. split multi-unit rows by the years they print (:data:`UNIT_SPLITS`) and parse ``2x58``-style capacities;
4. drop units that are shelved, under construction or not permitted.

A unit runs in a year from its commissioning year on; a unit without a year (WRI, EVN 2016 list) is assumed to
run in every year (the bias: plants commissioned 2010–2016 are counted too early).

Outputs: :func:`load_fleet` (every kept unit), :func:`thermal_fleet` (the units running in a year, with their
emission factor, expected emissions at the fuel's capacity factor and maximum at full load) and
:func:`fleet_by_province` (per province and fuel) — the physical check of a BAU (issue 13).
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.data.factors import load_tier1_factors
from analysis.data.national import load_brvt_facts, load_national_proxies
from analysis.data.provenance import raw_label
from analysis.data.provinces import check_map, get_registry
from analysis.data.provinces63 import load_thermal_plants
from analysis.errors import InputError, Issue

HOURS_PER_YEAR = 8760.0
TJ_PER_MWH = 0.0036
BRVT = "Bà Rịa – Vũng Tàu"
_PHU_MY = (
    "data/raw/brvt/brvt_southeast_facts.csv row 'Phú Mỹ power complex capacity': Phú Mỹ 1, 2-1, 2-2, 3 and 4 "
    "(gas, up to 3,900 MW) are in Bà Rịa – Vũng Tàu; the WRI coordinates fall inside it, 2 km from Đồng Nai"
)
# NOTE: named corrections of the raw list (plant -> province, evidence). Everything else blank stays unlocated.
PROVINCE_CORRECTIONS = {
    **{p: (BRVT, _PHU_MY) for p in ("Phu My 1", "Phu My 21", "Phu My 22", "Phu My 3", "Phu My 4")},
    "Phu My fertilizer": (BRVT, "the Phú Mỹ fertiliser plant stands in the Phú Mỹ complex (" + _PHU_MY + ")"),
    "O Mon 1": ("Cần Thơ", "Ô Môn is a district of Cần Thơ; coordinates inside Cần Thơ, 0.8 km from the border"),
    "Can Tho": ("Cần Thơ", "named after the city; coordinates inside Cần Thơ, 0.8 km from the border"),
    "Nhon Trach 1": ("Đồng Nai", "Nhơn Trạch is a district of Đồng Nai; coordinates inside Đồng Nai, 0.4 km off"),
    "Nhon Trach 2": ("Đồng Nai", "Nhơn Trạch is a district of Đồng Nai; coordinates inside Đồng Nai, 0.4 km off"),
    "Hai Phong 1": ("Hải Phòng", "named after the city; coordinates inside Hải Phòng, about 1 km from Quảng Ninh"),
    "Hai Phong 2": ("Hải Phòng", "named after the city; coordinates inside Hải Phòng, about 1 km from Quảng Ninh"),
    "Nghi Son 1": ("Thanh Hóa", "Nghi Sơn Economic Zone is in Thanh Hóa (the Nghi Son 2 row of the same file)"),
    "Ninh Binh": ("Ninh Bình", "named after the city; coordinates inside Ninh Bình, 1.1 km from Nam Định"),
    "Mao Khe": ("Quảng Ninh", "Mạo Khê is a town of Đông Triều, Quảng Ninh; the source coordinates are wrong"),
    "Dung Quat oil refinery": ("Quảng Ngãi", "the Dung Quất refinery is in the Dung Quất Economic Zone, Quảng Ngãi"),
}
# Commissioning years of the dropped Wikipedia rows, given to the WRI rows they overlap.
YEAR_FROM_OVERLAP = {"Cam Pha I": 2011, "Cam Pha II": 2011, "Cao Ngan": 2006, "Formosa Dong Nai": 2004}
# Multi-unit rows split by the years they print: (plant, unit) -> ((MW, year), …).
UNIT_SPLITS = {
    ("Quang Ninh power station", "Quang Ninh-1 (2 units)"): ((300.0, 2009), (300.0, 2010)),
    ("Quang Ninh power station", "Quang Ninh-2 (units 3-4)"): ((300.0, 2012), (300.0, 2014)),
    ("Thai Binh Power Center", "Thai Binh-1 (2 units)"): ((300.0, 2017), (300.0, 2018)),
    # "6x150 (units 1/2/5 operating …)", "2015-2020": the first unit 2015 (WRI lists 150 MW in 2016), the other
    # two at the end of the printed range (assumption).
    ("Ha Tinh Formosa Plastics Steel Complex Unit 1-2-5", None): ((150.0, 2015), (150.0, 2020), (150.0, 2020)),
}
# The WRI row of Formosa Hà Tĩnh is the first unit of the Wikipedia row above.
DROP_AS_DUPLICATE = {"Formosa Ha Tinh": "unit 1 of the 'Ha Tinh Formosa Plastics Steel Complex' row (150 MW)"}
NOT_RUNNING = re.compile(r"shelved|construction|pre-permit|cancel", re.IGNORECASE)
_DUPLICATE = re.compile(r"do not double count|overlaps WRI rows", re.IGNORECASE)


def _issue(row: int, column: str, value, message: str) -> Issue:
    return Issue(
        file=raw_label("thermal_plants"),
        row=int(row),
        column=column,
        value=value,
        rule="thermal plant list",
        message=message,
    )


def _capacity(text: str, row: int) -> float:
    value = str(text).strip()
    match = re.fullmatch(r"(\d+)\s*x\s*(\d+(?:\.\d+)?)", value)
    if match:
        return float(match.group(1)) * float(match.group(2))
    try:
        return float(value)
    except ValueError:
        raise InputError([_issue(row, "capacity_mw", text, f"'{text}' is not a capacity in MW")]) from None


def _factor(name: str) -> float:
    return float(load_tier1_factors().loc[name, "value"])


def _coal_type(notes: str) -> str:
    text = str(notes).casefold()
    return "anthracite" if "anthracite" in text else "bituminous" if "bituminous" in text else "coal_unspecified"


def emission_factor(fuel: str, coal_type: str = "coal_unspecified") -> float:
    """t CO2 per MWh sent out: IPCC default kg CO2/TJ × 0.0036 TJ/MWh ÷ the fuel's net efficiency."""
    key = {"Coal": f"co2_{coal_type}", "Gas": "co2_natural_gas", "Oil": "co2_fuel_oil"}[fuel]
    return _factor(key) / 1000 * TJ_PER_MWH / _factor(f"efficiency_{fuel.lower()}")


def _unit_rows(r: pd.Series) -> list[dict]:
    key = (r["plant"], r["unit"] if isinstance(r["unit"], str) else None)
    status = "" if pd.isna(r["status"]) else str(r["status"])
    base = {
        "plant": r["plant"],
        "unit": key[1],
        "fuel": r["fuel"],
        "status": status,
        "row": int(r["row"]),
        "record_source": r["record_source"],
        "coal_type": _coal_type(r["notes"]) if r["fuel"] == "Coal" else "",
    }
    if key in UNIT_SPLITS:
        return [
            {**base, "capacity_mw": mw, "commissioning_year": y, "year_basis": "year printed in the row (split)"}
            for mw, y in UNIT_SPLITS[key]
        ]
    text = "" if pd.isna(r["commissioning_year"]) else str(r["commissioning_year"]).strip()
    if re.fullmatch(r"\d{4}", text):
        year, basis = int(text), "source"
    elif not text and r["plant"] in YEAR_FROM_OVERLAP:
        year, basis = YEAR_FROM_OVERLAP[r["plant"]], "year of the overlapping Wikipedia row"
    elif not text:
        year, basis = None, "assumed running in every year (listed in EVN 2016, no year given)"
    else:
        raise InputError(
            [
                _issue(
                    r["row"],
                    "commissioning_year",
                    text,
                    f"commissioning year '{text}' is not a year "
                    "and the row has no named split (analysis.inventory.fleet.UNIT_SPLITS)",
                )
            ]
        )
    return [
        {**base, "capacity_mw": _capacity(r["capacity_mw"], r["row"]), "commissioning_year": year, "year_basis": basis}
    ]


@lru_cache(maxsize=1)
def _fleet() -> pd.DataFrame:
    raw = load_thermal_plants()
    units = []
    for _, r in raw.iterrows():
        notes = "" if pd.isna(r["notes"]) else str(r["notes"])
        if _DUPLICATE.search(notes) or r["plant"] in DROP_AS_DUPLICATE:
            continue
        for u in _unit_rows(r):
            if pd.notna(r["province"]):
                u["province"], u["location_basis"] = r["province"], str(r["province_method"])
            elif r["plant"] in PROVINCE_CORRECTIONS:
                u["province"], evidence = PROVINCE_CORRECTIONS[r["plant"]]
                u["location_basis"] = f"named correction: {evidence}"
            else:
                u["province"], u["location_basis"] = None, "not located: " + str(r["province_method"])
            units.append(u)
    fleet = pd.DataFrame(units)
    fleet = fleet[~fleet["status"].str.contains(NOT_RUNNING)].reset_index(drop=True)
    fleet["commissioning_year"] = pd.array(fleet["commissioning_year"].tolist(), dtype="Int64")
    fleet["ef_tco2_per_mwh"] = [
        emission_factor(f, c or "coal_unspecified") for f, c in zip(fleet["fuel"], fleet["coal_type"], strict=True)
    ]
    fleet["capacity_factor"] = [_factor(f"capacity_factor_{f.lower()}") for f in fleet["fuel"]]
    return fleet


def load_fleet() -> pd.DataFrame:
    """Every kept thermal unit: plant, unit, province (None = unlocated), location_basis, fuel, coal_type,
    capacity_mw, commissioning_year (NA = no year), year_basis, status, row, record_source, ef_tco2_per_mwh,
    capacity_factor."""
    return _fleet().copy()


def thermal_fleet(year: int) -> pd.DataFrame:
    """The units running in ``year``, with ``max_tco2`` (full load all year) and ``expected_tco2`` (at the fuel's
    capacity factor)."""
    fleet = load_fleet()
    running = fleet["commissioning_year"].isna() | (fleet["commissioning_year"] <= int(year))
    out = fleet[running.to_numpy(dtype=bool)].reset_index(drop=True)
    out["max_tco2"] = out["capacity_mw"] * HOURS_PER_YEAR * out["ef_tco2_per_mwh"]
    out["expected_tco2"] = out["max_tco2"] * out["capacity_factor"]
    return out


def fleet_by_province(year: int, *, admin_map: int) -> pd.DataFrame:
    """Located thermal capacity per province (or 2025 unit) and fuel in ``year`` and its physical emissions.

    Columns: province, fuel, capacity_mw, n_units, first_commissioning, last_commissioning (NA when no unit has a
    year), expected_tco2 (at the capacity factor), max_tco2 (full load, 8,760 h). Unlocated units are left out
    (see :func:`unlocated_capacity`).
    """
    fleet = thermal_fleet(year).dropna(subset=["province"])
    if check_map(admin_map) == 2025:
        registry = get_registry()
        fleet["province"] = [registry.province(p).successor for p in fleet["province"]]
    grouped = fleet.groupby(["province", "fuel"], as_index=False).agg(
        capacity_mw=("capacity_mw", "sum"),
        n_units=("capacity_mw", "size"),
        first_commissioning=("commissioning_year", "min"),
        last_commissioning=("commissioning_year", "max"),
        expected_tco2=("expected_tco2", "sum"),
        max_tco2=("max_tco2", "sum"),
    )
    return grouped.sort_values(["province", "fuel"]).reset_index(drop=True)


def unlocated_capacity(year: int) -> pd.DataFrame:
    """Capacity the plant list runs in ``year`` but cannot place, and the national gap, by fuel.

    Columns: fuel, located_mw, unlocated_mw (units without a province), national_mw (May 2023 coal and gas
    capacity, for 2023 only; NA otherwise), gap_mw (national − listed, when known), source.
    """
    fleet = thermal_fleet(year)
    located = fleet[fleet["province"].notna()].groupby("fuel")["capacity_mw"].sum()
    unlocated = fleet[fleet["province"].isna()].groupby("fuel")["capacity_mw"].sum()
    national = national_capacity(year)
    rows = []
    for fuel in ("Coal", "Gas", "Oil"):
        nat = national.get(fuel, np.nan)
        listed = located.get(fuel, 0.0) + unlocated.get(fuel, 0.0)
        rows.append(
            {
                "fuel": fuel,
                "located_mw": located.get(fuel, 0.0),
                "unlocated_mw": unlocated.get(fuel, 0.0),
                "national_mw": nat,
                "gap_mw": max(nat - listed, 0.0) if pd.notna(nat) else np.nan,
                "source": national.get("source", "") if pd.notna(nat) else "",
            }
        )
    return pd.DataFrame(rows)


def national_capacity(year: int) -> dict:
    """National coal and gas capacity (MW) in ``year`` where a cited figure exists (May 2023), else ``{}``.

    The by-fuel split is printed in the note of the 2023 ``thermal_capacity`` row ("coal 26087 MW + gas turbine
    7398 MW"); a row without that note, or any other year, gives ``{}``.
    """
    table = load_national_proxies()
    rows = table[
        (table["variable"] == "thermal_capacity")
        & (table["year"] == str(int(year)))
        & table["source"].str.startswith("http")
    ]
    for _, r in rows.iterrows():
        match = re.search(r"coal (\d+) MW \+ gas turbine (\d+) MW", r["note"])
        if match:
            return {"Coal": float(match.group(1)), "Gas": float(match.group(2)), "source": r["source"]}
    return {}


def phu_my_capacity_mw() -> float:
    """The cited capacity of the Phú Mỹ gas complex (MW), the check of the Bà Rịa – Vũng Tàu gas fleet."""
    facts = load_brvt_facts()
    row = facts[facts["indicator"] == "Phú Mỹ power complex capacity"]
    if row.empty:
        raise InputError(
            [
                Issue(
                    file="data/raw/brvt/brvt_southeast_facts.csv",
                    column="indicator",
                    value="Phú Mỹ power complex capacity",
                    rule="row present",
                    message="row not found",
                )
            ]
        )
    return float(re.search(r"\d+(?:\.\d+)?", row["value"].iloc[0]).group(0))


def pipeline_units() -> pd.DataFrame:
    """Located units under construction with a commissioning year (the announced pipeline the plant list holds):
    plant, unit, province, fuel, capacity_mw, commissioning_year, ef_tco2_per_mwh, capacity_factor, status, row."""
    raw = load_thermal_plants()
    building = raw[raw["status"].fillna("").str.contains("construction", case=False)]
    rows = []
    for _, r in building.iterrows():
        text = "" if pd.isna(r["commissioning_year"]) else str(r["commissioning_year"]).strip()
        if pd.isna(r["province"]) or not re.fullmatch(r"\d{4}", text):
            continue
        fuel = r["fuel"]
        coal_type = _coal_type("" if pd.isna(r["notes"]) else str(r["notes"])) if fuel == "Coal" else ""
        rows.append(
            {
                "plant": r["plant"],
                "unit": r["unit"],
                "province": r["province"],
                "fuel": fuel,
                "capacity_mw": _capacity(r["capacity_mw"], r["row"]),
                "commissioning_year": int(text),
                "ef_tco2_per_mwh": emission_factor(fuel, coal_type or "coal_unspecified"),
                "capacity_factor": _factor(f"capacity_factor_{fuel.lower()}"),
                "status": r["status"],
                "row": int(r["row"]),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "plant",
            "unit",
            "province",
            "fuel",
            "capacity_mw",
            "commissioning_year",
            "ef_tco2_per_mwh",
            "capacity_factor",
            "status",
            "row",
        ],
    )


def fleet_fuel_shares(province: str, year: int) -> dict[str, float]:
    """Shares of ``province``'s expected thermal emissions in ``year`` by fuel (``{}`` without a fleet)."""
    fleet = load_fleet()
    units = pd.concat(
        [
            fleet[fleet["province"] == province],
            pipeline_units().query("province == @province"),
        ],
        ignore_index=True,
    )
    on = units["commissioning_year"].astype("Float64").fillna(-1) <= int(year)
    units = units[on.to_numpy(dtype=bool)]
    expected = units["capacity_mw"] * HOURS_PER_YEAR * units["ef_tco2_per_mwh"] * units["capacity_factor"]
    by_fuel = expected.groupby(units["fuel"].str.lower()).sum()
    total = float(by_fuel.sum())
    return {str(f): float(v) / total for f, v in by_fuel.items()} if total > 0 else {}


def fleet_path(province: str, years) -> pd.DataFrame:
    """Expected emissions (t CO2/yr) of ``province``'s thermal fleet in each of ``years``: units running that year
    plus pipeline units from their commissioning year; ``year, expected_tco2, max_tco2, capacity_mw``."""
    fleet = load_fleet()
    fleet = fleet[fleet["province"] == province]
    units = pd.concat(
        [
            fleet[["capacity_mw", "commissioning_year", "ef_tco2_per_mwh", "capacity_factor"]],
            pipeline_units().query("province == @province")[
                ["capacity_mw", "commissioning_year", "ef_tco2_per_mwh", "capacity_factor"]
            ],
        ],
        ignore_index=True,
    )
    maximum = units["capacity_mw"].to_numpy(dtype=float) * HOURS_PER_YEAR * units["ef_tco2_per_mwh"].to_numpy()
    start = units["commissioning_year"].astype("Float64").fillna(-1).to_numpy(dtype=float)
    rows = []
    for year in years:
        on = start <= int(year)
        rows.append(
            {
                "year": int(year),
                "expected_tco2": float((maximum * units["capacity_factor"].to_numpy())[on].sum()),
                "max_tco2": float(maximum[on].sum()),
                "capacity_mw": float(units["capacity_mw"].to_numpy(dtype=float)[on].sum()),
            }
        )
    return pd.DataFrame(rows)
