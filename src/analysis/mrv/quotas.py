"""Facility emissions against their emission quotas: surplus or deficit per facility and in total, and what may be
carried over to the next period (Decree 06/2022/NĐ-CP as amended by Decree 119/2025/NĐ-CP; the rules and their
sources: :mod:`analysis.data.quota_rules`).

Input: the facility register (:func:`analysis.mrv.registers.read_facilities`) with its quota columns, and the former
provinces of a run (one province, or a 2025 unit's).

Output: :class:`QuotaBalance` —

- ``years``: one row per facility and year with a quota: ``facility_id, facility_name, province_2024, sector,
  quota_sector, period, year, quota_tco2e, emissions_tco2e, basis, balance_tco2e, position``. The emissions set
  against the quota are the verified emissions (``verified_tco2e``), else the reported ones (``emissions_tco2e``:
  ``basis`` ``verified`` when the register says the report was verified, ``reported`` otherwise), else missing
  (``awaiting``). ``balance = quota − emissions``: positive is a surplus (``position`` ``surplus``), negative a
  deficit, the facility over its quota (``deficit``); missing, never 0, while emissions are awaited;
- ``periods``: one row per facility and quota period: the quota, emissions and balance of the years known so far,
  whether the period is complete (every year of it has a quota and emissions) and ``carry_over_tco2e``, the surplus
  that may be carried to the next period (0 for a deficit; missing when the next period lies beyond the rule, after
  2030, or while no year of the period is known);
- ``in_quota_sectors``: the facilities the register places in a quota sector (thermal power, iron and steel, cement)
  whether or not it records a quota for them;
- :meth:`QuotaBalance.totals`: per period, the number of facilities, quota, emissions, surpluses, deficits and the
  carry-over, summed.

Surpluses and deficits are a facility's own: one facility's surplus does not cover another's deficit unless quota is
traded, so totals give both, and their net only as a figure for the province.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.data.quota_rules import PERIODS, next_period

YEAR_COLUMNS = (
    "facility_id",
    "facility_name",
    "province_2024",
    "sector",
    "quota_sector",
    "period",
    "year",
    "quota_tco2e",
    "emissions_tco2e",
    "basis",
    "balance_tco2e",
    "position",
)
PERIOD_COLUMNS = (
    "facility_id",
    "facility_name",
    "province_2024",
    "quota_sector",
    "period",
    "years_known",
    "complete",
    "quota_tco2e",
    "emissions_tco2e",
    "balance_tco2e",
    "position",
    "provisional",
    "carry_over_tco2e",
    "next_period",
)
POSITIONS = ("surplus", "even", "deficit", "awaiting")


def _position(balance: float) -> str:
    if np.isnan(balance):
        return "awaiting"
    return "surplus" if balance > 0 else "deficit" if balance < 0 else "even"


def _emissions(row: pd.Series) -> tuple[float, str]:
    if pd.notna(row["verified_tco2e"]):
        return float(row["verified_tco2e"]), "verified"
    if pd.notna(row["emissions_tco2e"]):
        return float(row["emissions_tco2e"]), "verified" if row["verified"] == "yes" else "reported"
    return float("nan"), "awaiting"


@dataclass(frozen=True)
class QuotaBalance:
    """Emissions against quotas of a run's facilities (see module docstring)."""

    provinces: tuple[str, ...]
    years: pd.DataFrame
    periods: pd.DataFrame
    in_quota_sectors: pd.DataFrame  # facility_id, facility_name, province_2024, quota_sector, has_quota

    @property
    def empty(self) -> bool:
        """No facility of the run has a quota in the register."""
        return self.years.empty

    def without_quota(self) -> pd.DataFrame:
        """Facilities in a quota sector for which the register records no quota."""
        return self.in_quota_sectors[~self.in_quota_sectors["has_quota"]]

    def totals(self) -> pd.DataFrame:
        """Per period: ``period, years, n_facilities, n_surplus, n_deficit, n_awaiting, n_provisional, complete,
        quota_tco2e, emissions_tco2e, surplus_tco2e, deficit_tco2e`` (a positive amount), ``net_tco2e``,
        ``carry_over_tco2e`` (missing when the rule does not reach the next period) and ``next_period``."""
        rows = []
        for period, part in self.periods.groupby("period", sort=True):
            known = part[part["position"] != "awaiting"]
            balance = known["balance_tco2e"]
            carry = part["carry_over_tco2e"]
            years = sorted({y for ys in part["years_known"] for y in ys})
            rows.append(
                {
                    "period": period,
                    "years": tuple(years),
                    "n_facilities": len(part),
                    "n_surplus": int((part["position"] == "surplus").sum()),
                    "n_deficit": int((part["position"] == "deficit").sum()),
                    "n_awaiting": int((part["position"] == "awaiting").sum()),
                    "n_provisional": int(part["provisional"].sum()),
                    "complete": bool(part["complete"].all()),
                    "quota_tco2e": float(known["quota_tco2e"].sum()),
                    "emissions_tco2e": float(known["emissions_tco2e"].sum()),
                    "surplus_tco2e": float(balance[balance > 0].sum()),
                    "deficit_tco2e": float(-balance[balance < 0].sum()),
                    "net_tco2e": float(balance.sum()) if len(known) else float("nan"),
                    "carry_over_tco2e": float(carry.sum()) if carry.notna().any() else float("nan"),
                    "next_period": part["next_period"].iloc[0],
                }
            )
        return pd.DataFrame(rows)


def _year_rows(rows: pd.DataFrame) -> pd.DataFrame:
    records = []
    for _, row in rows.iterrows():
        emissions, basis = _emissions(row)
        balance = float(row["quota_tco2e"]) - emissions
        records.append(
            {
                **{c: row[c] for c in ("facility_id", "facility_name", "province_2024", "sector", "quota_sector")},
                "period": row["quota_period"],
                "year": int(row["year"]),
                "quota_tco2e": float(row["quota_tco2e"]),
                "emissions_tco2e": emissions,
                "basis": basis,
                "balance_tco2e": balance,
                "position": _position(balance),
            }
        )
    return pd.DataFrame(records, columns=list(YEAR_COLUMNS))


def _period_rows(years: pd.DataFrame) -> pd.DataFrame:
    records = []
    for (_, period), part in years.groupby(["facility_id", "period"], sort=False):
        known = part[part["position"] != "awaiting"]
        balance = float(known["balance_tco2e"].sum()) if len(known) else float("nan")
        later = next_period(period)
        carry = float("nan") if later is None or np.isnan(balance) else max(balance, 0.0)
        records.append(
            {
                **{c: part[c].iloc[-1] for c in ("facility_id", "facility_name", "province_2024", "quota_sector")},
                "period": period,
                "years_known": tuple(int(y) for y in known["year"]),
                "complete": set(known["year"]) == set(range(period[0], period[1] + 1)),
                "quota_tco2e": float(known["quota_tco2e"].sum()) if len(known) else float("nan"),
                "emissions_tco2e": float(known["emissions_tco2e"].sum()) if len(known) else float("nan"),
                "balance_tco2e": balance,
                "position": _position(balance),
                "provisional": bool((known["basis"] == "reported").any()),
                "carry_over_tco2e": carry,
                "next_period": later,
            }
        )
    return pd.DataFrame(records, columns=list(PERIOD_COLUMNS))


def assess_quotas(register: pd.DataFrame, provinces) -> QuotaBalance:
    """Emissions against quotas of the facilities of ``provinces`` (former provinces' names, as in
    ``province_2024``: one province, or a 2025 unit's constituents); see the module docstring."""
    places = tuple(provinces)
    mine = register[register["province_2024"].isin(places)]
    first = {fid: i for i, fid in enumerate(dict.fromkeys(mine["facility_id"]))}
    order = {p: i for i, p in enumerate(PERIODS)}
    with_quota = mine[mine["quota_tco2e"].notna()]
    with_quota = (
        with_quota.assign(
            _period=[order[p] for p in with_quota["quota_period"]],
            _facility=[first[f] for f in with_quota["facility_id"]],
        )
        .sort_values(["_period", "_facility", "year"], kind="stable")
        .drop(columns=["_period", "_facility"])
    )
    years = _year_rows(with_quota)
    named = mine.loc[mine["quota_sector"].notna(), ["facility_id", "facility_name", "province_2024", "quota_sector"]]
    sectors = named.drop_duplicates("facility_id", keep="last")
    in_sectors = sectors.assign(has_quota=sectors["facility_id"].isin(set(years["facility_id"]))).reset_index(drop=True)
    return QuotaBalance(provinces=places, years=years, periods=_period_rows(years), in_quota_sectors=in_sectors)
