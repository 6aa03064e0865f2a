"""The national BAU trajectory by sector, and a province's BAU if its sectors grew like the nation's.

Viet Nam publishes no BAU by sector; Decision 896/QĐ-TTg (26/7/2022) gives, for 2030 and 2050, each sector's cap
and its cut below BAU, so the BAU it was computed against is ``cap / (1 − cut)`` (derived here, not a published
figure). With the national inventory of 2014 (the NDC 2022 BAU's base year; :func:`analysis.inventory.national_sectors`)
this gives an average annual growth per sector group for 2014–2030 and 2030–2050.

Outputs: :func:`decision_896_bau` (caps, cuts and implied BAU by sector group), :func:`national_bau_growth` (growth
per group and period), :func:`national_pace_rates` (the national gross BAU's average pace, 2015–2030 and 2031–2050,
as the reports state it) and :func:`national_pace` / :func:`project_national_pace` — the third view of a province's
BAU: its base-year gross emissions grown at that pace, the land sink held at its base-year value (the strategy's
LULUCF figure is a net floor, not a BAU). One national rate per period, as the report states it, so that the printed
figure is ``base × (1 + rate) ** years`` by hand (the view once grew each sector at its group's rate and printed a
figure nobody could reproduce from the 8.1 %/yr the report stated). The NDC 2022 BAU total (926–928 Mt in 2030,
derived in ``ndc_targets.csv``) is the check.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.data.national import load_ndc_targets, number
from analysis.data.sectors import load_sectors
from analysis.emissions.baseline import Baseline
from analysis.units import T_PER_MT

BASE_YEAR = 2014  # the NDC 2022 BAU starts from the 2014 inventory (ndc_targets.csv, "BAU base year")
DOCUMENT = "Decision 896/QĐ-TTg"
PACE_DECIMALS = 3  # the national pace is applied as the report prints it (0.1 %/yr), so that it can be redone by hand


def groups() -> dict[str, str]:
    """``{label in ndc_targets.csv: group}`` of the Decision 896 sector groups, from the sectors table
    (``Industrial processes (IPPU)`` -> ``IPPU``)."""
    return {s.d896_label: s.d896_group for s in load_sectors() if s.d896_group}


def group_of(sector: str) -> str | None:
    """The Decision 896 group of an inventory sector (``Energy|Power`` -> ``Energy``; LULUCF -> ``None``)."""
    table = load_sectors()
    return (table[sector].d896_group or None) if sector in table else None


@lru_cache(maxsize=1)
def decision_896_bau() -> pd.DataFrame:
    """``group, year, cap_mtco2e, cut_pct, bau_mtco2e, source`` for 2030 and 2050 (BAU = cap / (1 − cut), derived)."""
    table = load_ndc_targets()
    rows = []
    for year in (2030, 2050):
        d896 = table[table["document"].str.startswith(DOCUMENT) & (table["target_year"] == str(year))]
        for label, group in groups().items():
            cap = d896[d896["metric"] == f"{label} emissions cap (not exceed)"]
            cut = d896[d896["metric"] == f"{label} reduction vs BAU"]
            cap_v, cut_v = number(table, cap.index[0]), number(table, cut.index[0])
            rows.append(
                {
                    "group": group,
                    "year": year,
                    "cap_mtco2e": cap_v,
                    "cut_pct": cut_v,
                    "bau_mtco2e": cap_v / (1 - cut_v / 100),
                    "source": f"{DOCUMENT}: {label} cap {cap_v:g} Mt and cut {cut_v:g} % below BAU in {year} "
                    f"({cap['source_url'].iloc[0]}); BAU = cap / (1 − cut), derived",
                }
            )
    return pd.DataFrame(rows)


@lru_cache(maxsize=1)
def national_bau_growth() -> pd.DataFrame:
    """``group, start, end, rate, source``: average annual growth of the national BAU, 2014–2030 and 2030–2050."""
    from analysis.inventory import national_sectors

    base = national_sectors(BASE_YEAR)
    base = base.assign(group=[group_of(s) for s in base["sector"]]).dropna(subset=["group"])
    e2014 = base.groupby("group")["value"].sum() / T_PER_MT
    bau = decision_896_bau().set_index(["group", "year"])["bau_mtco2e"]
    rows = []
    for group in groups().values():
        for (y0, v0), (y1, v1) in (
            ((BASE_YEAR, e2014[group]), (2030, bau[(group, 2030)])),
            ((2030, bau[(group, 2030)]), (2050, bau[(group, 2050)])),
        ):
            rate = (v1 / v0) ** (1 / (y1 - y0)) - 1
            rows.append(
                {
                    "group": group,
                    "start": y0 + 1,
                    "end": y1,
                    "rate": rate,
                    "source": f"derived: national {group} {v0:,.1f} Mt ({y0}) → {v1:,.1f} Mt BAU ({y1}), {rate:.2%}/yr",
                }
            )
    return pd.DataFrame(rows)


def national_total_growth(start: int = BASE_YEAR, end: int = 2030) -> float:
    """Average annual growth of the national gross BAU between ``start`` and ``end`` (sum of the groups)."""
    from analysis.inventory import national_sectors

    base = national_sectors(start)
    gross0 = base[base["sector"] != "LULUCF"]["value"].sum() / T_PER_MT
    bau = decision_896_bau()
    gross1 = bau[bau["year"] == end]["bau_mtco2e"].sum()
    return (gross1 / gross0) ** (1 / (end - start)) - 1


def national_pace_rates() -> tuple[tuple[int, int, float, str], ...]:
    """The national BAU's average pace, as the reports state it: ``(first year, last year, rate, source)`` for
    2015–2030 (the gross national BAU from the 2014 inventory to 2030) and 2031–2050 (2030 to 2050), each rate
    rounded to :data:`PACE_DECIMALS` (0.1 %/yr), the precision the report prints."""
    bau = decision_896_bau().groupby("year")["bau_mtco2e"].sum()
    first = national_total_growth(BASE_YEAR, 2030)
    second = (bau[2050] / bau[2030]) ** (1 / 20) - 1
    return (
        (
            BASE_YEAR + 1,
            2030,
            round(float(first), PACE_DECIMALS),
            f"derived: national gross emissions {BASE_YEAR} (inventory) → BAU 2030 {bau[2030]:,.1f} Mt ({DOCUMENT}), "
            f"{first:.2%}/yr",
        ),
        (
            2031,
            2050,
            round(float(second), PACE_DECIMALS),
            f"derived: national BAU 2030 → 2050, {bau[2030]:,.1f} → {bau[2050]:,.1f} Mt ({DOCUMENT}), {second:.2%}/yr",
        ),
    )


@dataclass(frozen=True)
class NationalPace:
    """A province's BAU had it grown at the national BAU's pace: its base-year gross emissions grown at the national
    rates (:func:`national_pace_rates`), its land sink held at the base-year value (Decision 896's LULUCF figure is a
    net floor, not a BAU). ``gross`` and ``removals`` in t CO2e (``removals`` ≤ 0)."""

    base_year: int
    gross: float
    removals: float
    periods: tuple[tuple[int, int, float], ...]

    def spans(self, year: int) -> list[tuple[int, int, float]]:
        """``(first year, last year, rate)`` of each period crossed from the base year to ``year`` (years beyond the
        last period at the last rate)."""
        out = []
        for i, (start, end, rate) in enumerate(self.periods):
            first = max(self.base_year + 1, start)
            last = int(year) if i == len(self.periods) - 1 else min(int(year), end)
            if last >= first:
                out.append((first, last, rate))
        return out

    def steps(self, year: int) -> list[tuple[float, int]]:
        """``(rate, years)`` per period crossed (:meth:`spans`): the value is
        ``gross × Π (1 + rate) ** years + removals``."""
        return [(rate, last - first + 1) for first, last, rate in self.spans(year)]

    def value(self, year: int) -> float:
        """Net emissions in ``year`` (t CO2e)."""
        return self.gross * float(np.prod([(1 + r) ** n for r, n in self.steps(year)])) + self.removals


def national_pace(baseline: Baseline) -> NationalPace:
    """The national-pace view of ``baseline``'s province (see :class:`NationalPace`)."""
    return NationalPace(
        base_year=int(baseline.base_year),
        gross=float(baseline.gross()[0]),
        removals=float(baseline.removals()[0]),
        periods=tuple((a, b, r) for a, b, r, _ in national_pace_rates()),
    )


def project_national_pace(baseline: Baseline) -> pd.DataFrame:
    """The third view of a province's BAU, ``year, net_mtco2e``, from the base year to the baseline's end year:
    its gross emissions grown at the national BAU's pace, the land sink held (:func:`national_pace`)."""
    pace = national_pace(baseline)
    years = baseline.years.astype(int)
    return pd.DataFrame({"year": years, "net_mtco2e": [pace.value(y) / T_PER_MT for y in years]})
