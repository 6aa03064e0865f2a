"""The nation as the sum of its places: the implied national BAU, by sector and year, beside the national references.

Inputs:

- every province's (``admin_map=2024``) or 2025 unit's frozen BAU (:func:`analysis.emissions.national_table.place_baselines`;
  a unit's is the sum of its provinces' until it has its own re-based inventory);
- the line no province holds (:data:`analysis.inventory.NOT_ALLOCATED`: offshore oil and gas production) in the base
  year, grown with the national oil and gas production outlook of ``national/bau_outlook.csv`` — the driver the
  provinces' own oil-and-gas fugitive emissions follow; computed here, not frozen;
- the national references of ``national/ndc_targets.csv``: the NDC 2022 BAU for 2030 (926–928 Mt, derived from its
  15.8 % / 146.3 Mt), the BAU excluding LULUCF Climate Action Tracker uses for Decision 896/QĐ-TTg (977 Mt), the
  national energy master plan's ceiling for energy emissions in 2030 (399–449 Mt) and the energy emissions of 2021
  quoted beside it (259 Mt, most likely a Climate Action Tracker estimate);
- the Decision 896 sector BAUs (cap ÷ (1 − cut), derived: :func:`analysis.emissions.national_bau.decision_896_bau`).

Outputs (t CO2e unless the column says Mt): :func:`implied_national_bau` — ``year, sector, places_tco2e,
not_allocated_tco2e, total_tco2e`` (one row per year and sector); :func:`basis_totals` — the sum on each basis
(net, excluding LULUCF, energy only) by year; :func:`compare_references` — one row per reference with the sum on the
reference's own basis and the gap; :func:`compare_decision_896` — the 2030 sums by Decision 896 sector group against
its derived sector BAUs. Like is compared with like: a net figure with the net sum (LULUCF in), a figure excluding
LULUCF with the sum of the emitting sectors, an energy figure with the energy sectors (the offshore line included: it
is energy). Nothing here is printed; :mod:`analysis.narrative.national` says it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.data.national import load_ndc_targets, number
from analysis.data.sectors import load_sectors
from analysis.units import T_PER_MT

BASES = ("net", "excl_lulucf", "energy")
OIL_GAS = ("crude_oil_production", "natural_gas_production")


@dataclass(frozen=True)
class Reference:
    """A national figure to set the sum beside: which row of ``ndc_targets.csv``, its basis and its kind."""

    id: str
    document: str  # how ndc_targets.csv starts the document cell
    metric: str  # the metric cell
    basis: str  # one of BASES
    kind: str  # bau, ceiling or estimate
    doc_id: str | None = None  # the legal document (data/raw/institutions/legal_documents.csv), if any


REFERENCES = (
    Reference("ndc2022_bau", "Updated NDC 2022", "BAU 2030 total implied", "net", "bau", "ndc-2022"),
    Reference(
        "d896_bau_cat",
        "National Climate Change Strategy (Decision 896/QĐ-TTg), per CAT",
        "BAU excluding LULUCF used by CAT for the strategy's interim target",
        "excl_lulucf",
        "bau",
        "qd-896-2022-ttg",
    ),
    Reference(
        "energy_plan_ceiling",
        "National Energy Master Plan (Decision 893/QĐ-TTg",
        "energy-related GHG emissions target (range)",
        "energy",
        "ceiling",
        "qd-893-2023-ttg",
    ),
    Reference(
        "energy_2021",
        "Climate Action Tracker, Viet Nam country page",
        "energy-related GHG emissions (as quoted beside the energy master plan's target)",
        "energy",
        "estimate",
    ),
)


def _line_path(years: np.ndarray) -> tuple[np.ndarray, str]:
    """The growth index of the line no province holds (1 in the base year): the national oil and gas production
    outlook, as the provinces' oil-and-gas fugitive emissions follow it; and its source."""
    from analysis.data.outlook import load_bau_outlook
    from analysis.emissions.bau_defaults import combine, driver_periods

    outlook = load_bau_outlook()
    start = int(years[0]) + 1
    periods = combine(
        [(0.5, driver_periods(outlook, d, "national", start), d.replace("_", " ")) for d in OIL_GAS],
        "oil and gas production",
    )
    rates = np.zeros(len(years))
    for p in periods:
        rates[(years >= p["start"]) & (years <= p["end"])] = p["rate"]
    rates[0] = 0.0
    return np.cumprod(1 + rates), "; ".join(p["source"] for p in periods[:1])


def not_allocated(base_year: int, years) -> tuple[pd.DataFrame, str]:
    """The line no province holds, by sector, in ``years`` (t CO2e): its estimate in ``base_year`` moved by the
    national production outlook (:func:`_line_path`); for a base year after the last year the national inventory
    can be estimated for (an official inventory newer than the national series), the estimate of that last year,
    moved to ``years`` the same way."""
    from analysis.inventory import NOT_ALLOCATED, estimate_inventory, supported_years

    years = np.asarray(years, dtype=int)
    anchor = min(int(base_year), supported_years()[1])
    table = estimate_inventory(anchor, admin_map=2024)
    line = table[table["province"] == NOT_ALLOCATED].set_index("sector")["value"]
    span = np.arange(anchor, max(int(years.max()), anchor) + 1)
    index, source = _line_path(span)
    growth = dict(zip(span.tolist(), index.tolist(), strict=True))
    rows = [
        {"year": int(y), "sector": s, "not_allocated_tco2e": float(v) * growth[int(y)]}
        for s, v in line.items()
        for y in years
    ]
    return pd.DataFrame(rows), source


def implied_national_bau(admin_map: int = 2025, *, cache: bool = True) -> pd.DataFrame:
    """The sum of every province's or unit's frozen BAU and the line no province holds, by year and sector (t CO2e).

    Columns ``year, sector, places_tco2e, not_allocated_tco2e, total_tco2e``; ``attrs``: ``map``, ``places`` (how many
    provinces or units), ``official`` (those on their own official inventory), ``base_years``, ``line_source``. Only
    years every place has are summed. Kept in :mod:`analysis.cache` under the profiles, ``data/raw`` and the code.
    """
    if not cache:
        return _implied(admin_map)
    from analysis import paths
    from analysis.cache import cached

    return cached(
        "implied_national_bau",
        lambda: _implied(admin_map),
        files=(paths.PROFILES_DIR, paths.USER_PROFILES_DIR, paths.RAW_DIR),
        key=(int(admin_map),),
    )


def _implied(admin_map: int) -> pd.DataFrame:
    from analysis.emissions.national_table import place_baselines

    places = place_baselines(admin_map)
    frames = [b.to_frame() for b in places.baselines.values()]
    common = set.intersection(*(set(f["year"]) for f in frames))
    long = pd.concat(frames, ignore_index=True)
    long = long[long["year"].isin(common)]
    summed = long.groupby(["year", "sector"], as_index=False)["emissions_tco2e"].sum()
    summed = summed.rename(columns={"emissions_tco2e": "places_tco2e"})
    base_years = sorted({b.base_year for b in places.baselines.values()})
    years = np.array(sorted(common))
    line, source = not_allocated(max(base_years), years)
    out = summed.merge(line, on=["year", "sector"], how="left").fillna({"not_allocated_tco2e": 0.0})
    out["total_tco2e"] = out["places_tco2e"] + out["not_allocated_tco2e"]
    order = {k: i for i, k in enumerate(load_sectors().keys())}
    out = out.sort_values(["year", "sector"], key=lambda c: c.map(order) if c.name == "sector" else c)
    out = out.reset_index(drop=True)
    out.attrs.update(
        map=int(admin_map),
        places=len(places.baselines),
        official=sorted(n for n, b in places.baselines.items() if not b.is_estimate),
        base_years=base_years,
        line_source=source,
    )
    return out


def _in_basis(sector: str, basis: str) -> bool:
    if basis == "net":
        return True
    if basis == "excl_lulucf":
        return sector != "LULUCF"
    return bool(load_sectors()[sector].energy)


def basis_totals(implied: pd.DataFrame) -> pd.DataFrame:
    """By year: the sum on each basis (t CO2e) — ``net`` (every sector, LULUCF in), ``excl_lulucf``, ``energy``."""
    out = {}
    for basis in BASES:
        rows = implied[[_in_basis(s, basis) for s in implied["sector"]]]
        out[basis] = rows.groupby("year")["total_tco2e"].sum()
    return pd.DataFrame(out).rename_axis("year").reset_index()


def _range(text: str) -> tuple[float, float]:
    parts = [p for p in str(text).replace("–", "-").split("-") if p.strip()]
    low, high = float(parts[0]), float(parts[-1])
    return low, high


def reference_values() -> pd.DataFrame:
    """One row per :data:`REFERENCES` entry: ``id, year, low_mt, high_mt, basis, kind, doc_id, document, metric,
    note, source, url, confidence`` from ``national/ndc_targets.csv`` (a range such as 399-449 as low and high)."""
    table = load_ndc_targets()
    rows = []
    for ref in REFERENCES:
        hit = table[table["document"].str.startswith(ref.document) & (table["metric"] == ref.metric)]
        if hit.empty:
            raise KeyError(f"ndc_targets.csv has no row '{ref.document} … / {ref.metric}'")
        r = hit.iloc[0]
        value = r["value"]
        low, high = _range(value) if "-" in value.strip("-") else (number(table, hit.index[0]),) * 2
        rows.append(
            {
                "id": ref.id,
                "year": int(r["target_year"]),
                "low_mt": low,
                "high_mt": high,
                "basis": ref.basis,
                "kind": ref.kind,
                "doc_id": ref.doc_id,
                "document": r["document"],
                "metric": r["metric"],
                "note": r["note"],
                "source": r["source"],
                "url": r["source_url"],
                "confidence": r["confidence"],
            }
        )
    return pd.DataFrame(rows)


def _history_total(year: int, basis: str) -> float:
    """The project's national estimate of ``year`` on ``basis`` (t CO2e) — provinces + the line = the nation."""
    from analysis.inventory import national_sectors

    table = national_sectors(year)
    return float(sum(v for s, v in zip(table["sector"], table["value"], strict=True) if _in_basis(s, basis)))


def compare_references(implied: pd.DataFrame) -> pd.DataFrame:
    """Each reference beside the sum on its own basis and year: ``sum_mt`` (the implied BAU, or for a year before
    the BAU starts the project's national estimate, ``sum_kind`` = ``bau`` or ``estimate``), ``gap_mt`` (sum −
    reference; 0 inside a range, else to the nearer bound) and ``ratio`` (sum ÷ the reference's middle)."""
    totals = basis_totals(implied).set_index("year")
    refs = reference_values()
    sums, kinds = [], []
    for r in refs.itertuples():
        if r.year in totals.index:
            sums.append(float(totals.loc[r.year, r.basis]) / T_PER_MT)
            kinds.append("bau")
        else:
            sums.append(_history_total(r.year, r.basis) / T_PER_MT)
            kinds.append("estimate")
    refs["sum_mt"] = sums
    refs["sum_kind"] = kinds
    refs["gap_mt"] = [
        s - h if s > h else s - lo if s < lo else 0.0
        for s, lo, h in zip(refs["sum_mt"], refs["low_mt"], refs["high_mt"], strict=True)
    ]
    refs["ratio"] = refs["sum_mt"] / ((refs["low_mt"] + refs["high_mt"]) / 2)
    return refs


def compare_decision_896(implied: pd.DataFrame, year: int = 2030) -> pd.DataFrame:
    """The implied BAU of ``year`` by Decision 896 sector group (energy with the offshore line) against the
    strategy's derived sector BAU: ``group, sum_mt, d896_bau_mt, gap_mt, ratio``."""
    from analysis.emissions.national_bau import decision_896_bau, group_of

    rows = implied[implied["year"] == year].assign(group=lambda f: [group_of(s) for s in f["sector"]])
    sums = rows.dropna(subset=["group"]).groupby("group")["total_tco2e"].sum() / T_PER_MT
    bau = decision_896_bau()
    bau = bau[bau["year"] == year].set_index("group")["bau_mtco2e"]
    out = pd.DataFrame({"sum_mt": sums, "d896_bau_mt": bau}).reindex(bau.index)
    out["gap_mt"] = out["sum_mt"] - out["d896_bau_mt"]
    out["ratio"] = out["sum_mt"] / out["d896_bau_mt"]
    return out.rename_axis("group").reset_index()


def growth_rate(implied: pd.DataFrame, basis: str, start: int, end: int) -> float:
    """Average annual growth of the sum on ``basis`` between two years (a fraction; positive bases only)."""
    totals = basis_totals(implied).set_index("year")[basis]
    return float((totals[end] / totals[start]) ** (1 / (end - start)) - 1)
