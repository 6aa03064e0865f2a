"""Units and GWP metrics.

Conversions go through pint with the ``openscm-units`` registry, whose GWP contexts
(``AR4GWP100``, ``AR5GWP100``, ``AR6GWP100``) are built from the ``globalwarmingpotentials``
package (IPCC values, CC0): no GWP value is typed into this project.

CO2-equivalent amounts carry the GWP set they were computed with. :class:`CO2e` refuses to add or
compare amounts computed under different sets (Vietnam's NDC 2022 sector cuts are in AR4, the BUR3
inventory in AR5, newer work in AR6), and :func:`check_single_gwp` does the same for tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from analysis.errors import GWPMismatchError

GWP_CONTEXTS = {"AR4": "AR4GWP100", "AR5": "AR5GWP100", "AR6": "AR6GWP100"}
T_PER_MT = 1e6  # tonnes per megatonne: the engines work in t CO2e, reports speak of Mt
DEFAULT_GWP = "AR5"  # Viet Nam's BUR3 (2016 inventory) uses AR5 GWP100 (Climate Action Tracker, see SOURCES.csv)


@lru_cache(maxsize=1)
def registry():
    """The pint unit registry with GWP contexts (imported lazily: it takes about a second)."""
    from openscm_units import unit_registry

    return unit_registry


def _check_set(gwp: str) -> str:
    key = str(gwp).upper().replace("GWP100", "")
    if key not in GWP_CONTEXTS:
        raise ValueError(f"unknown GWP set {gwp!r}; use one of {', '.join(GWP_CONTEXTS)}")
    return key


def gwp_factor(gas: str, gwp: str) -> float:
    """GWP100 of ``gas`` under the set ``gwp`` (t CO2e per t gas), from the maintained package."""
    gwp = _check_set(gwp)
    if gas in ("CO2", "CO2e"):
        return 1.0
    ur = registry()
    return float(ur.Quantity(1, f"t {gas}").to("t CO2", GWP_CONTEXTS[gwp]).magnitude)


def convert(value, from_unit: str, to_unit: str):
    """Convert ``value`` (scalar or array) between units of the same gas, e.g. ``"kt CO2e"`` -> ``"Mt CO2e"``."""
    ur = registry()
    f, t = (u.replace("CO2e", "CO2") for u in (from_unit, to_unit))
    return ur.Quantity(np.asarray(value, dtype=float), f).to(t).magnitude


def to_tco2e(value, unit: str, gas: str, gwp: str):
    """Amount in tonnes CO2e of ``value`` given in ``unit`` of ``gas`` (``"kt"``, ``"Mt CO2e"`` …)."""
    scale = {"t": 1.0, "kt": 1e3, "Mt": 1e6, "Gt": 1e9}
    prefix = unit.split()[0].strip()
    if prefix not in scale:
        raise ValueError(f"unknown emission unit {unit!r}")
    tonnes = np.asarray(value, dtype=float) * scale[prefix]
    if "CO2e" in unit or gas == "CO2e":
        return tonnes
    return tonnes * gwp_factor(gas, gwp)


@dataclass(frozen=True)
class CO2e:
    """An amount of CO2-equivalent (tonnes) that knows its GWP set."""

    tonnes: float | np.ndarray
    gwp: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "gwp", _check_set(self.gwp))

    def _same(self, other: CO2e) -> None:
        if not isinstance(other, CO2e):
            raise TypeError("a CO2e amount can only be combined with another CO2e amount")
        if other.gwp != self.gwp:
            raise GWPMismatchError(
                f"cannot combine CO2e computed with {self.gwp} GWP100 and with {other.gwp} GWP100; "
                f"convert both to one set first"
            )

    def __add__(self, other: CO2e) -> CO2e:
        self._same(other)
        return CO2e(self.tonnes + other.tonnes, self.gwp)

    def __sub__(self, other: CO2e) -> CO2e:
        self._same(other)
        return CO2e(self.tonnes - other.tonnes, self.gwp)

    def __lt__(self, other: CO2e) -> bool:
        self._same(other)
        return self.tonnes < other.tonnes

    def to(self, unit: str) -> float | np.ndarray:
        """The amount in ``t CO2e``, ``kt CO2e`` or ``Mt CO2e``."""
        return convert(self.tonnes, "t CO2e", unit)


def check_single_gwp(*gwps: str) -> str:
    """Return the one GWP set named by all arguments, or raise :class:`GWPMismatchError`."""
    sets = {_check_set(g) for g in gwps if g is not None}
    if len(sets) > 1:
        raise GWPMismatchError(
            "cannot add CO2e computed under different GWP sets (" + ", ".join(sorted(sets)) + "); "
            "convert to one set first"
        )
    return sets.pop() if sets else DEFAULT_GWP


def convert_gwp(tonnes_gas, gas: str, from_gwp: str, to_gwp: str):
    """Re-express a CO2e amount of one gas under another GWP set (exact when the gas is known)."""
    return np.asarray(tonnes_gas, dtype=float) * gwp_factor(gas, to_gwp) / gwp_factor(gas, from_gwp)
