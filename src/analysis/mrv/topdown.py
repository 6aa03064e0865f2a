"""The top-down side of the MRV comparison: the province's inventory (official, or the project's estimate).

ONE adapter, :func:`province_inventory`, reads it. Today it reads the province profile
(:func:`analysis.emissions.profile.load_profile`: the official ``inventory.csv`` when the analyst has dropped one in
the profile folder, else the downscaled estimate) and its base year; it is meant to be rewired to the run context
without touching its callers.

Output: :class:`TopDown` — the inventory by sector and gas (t CO2e) with its year, GWP set, whether it is an
estimate, and, when it cannot be used, a status and a reason (the values are then missing, never 0).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.data.provinces import get_registry

OK, OTHER_YEAR_USED, OTHER_YEAR, NO_PROFILE = "ok", "other_year_used", "other_year", "no_profile"


@dataclass(frozen=True)
class TopDown:
    """The province's inventory as the MRV engine sees it.

    ``status`` is ``ok`` (inventory of the requested year), ``other_year_used`` (another year's inventory used on
    request, labelled so), ``other_year`` (another year's inventory exists; not used) or ``no_profile``; ``reason``
    says it in a sentence for the command line. ``table`` has ``sector, gas, emissions_tco2e`` and is empty when the
    inventory is not used.
    """

    province: str
    year: int
    status: str
    reason: str = ""
    inventory_year: int | None = None
    gwp: str | None = None
    is_estimate: bool = True
    source: str = ""
    table: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["sector", "gas", "emissions_tco2e"]))

    @property
    def available(self) -> bool:
        return self.status in (OK, OTHER_YEAR_USED)

    def by_sector(self) -> pd.Series:
        """Emissions per sector (t CO2e, gases summed); empty when the inventory is not available."""
        if not self.available:
            return pd.Series(dtype="float64")
        return self.table.groupby("sector")["emissions_tco2e"].sum()


def province_inventory(
    province: str, year: int, *, allow_other_year: bool = False, profile_dir: Path | str | None = None
) -> TopDown:
    """The inventory of ``province`` for ``year``, or a :class:`TopDown` saying why there is none.

    Parameters
    ----------
    province : str
        Any spelling the registry resolves (an unknown name raises ``ProvinceNotFoundError``).
    year : int
        The year of the facility reports it is compared with.
    allow_other_year : bool
        Use the inventory even when its year differs (``status = other_year_used``); by default the values are
        then missing (``status = other_year``).
    profile_dir : path, optional
        The built profile folder (default ``data/profiles/2024/<code>_<slug>``, with the user's half in
        ``config/profiles/2024/…``).
    """
    from analysis.emissions.profile import PROFILE_FILE, load_profile, profile_dir_for

    name = get_registry().resolve(province)
    folder = Path(profile_dir) if profile_dir is not None else profile_dir_for(name)
    if not (folder / PROFILE_FILE).is_file():
        return TopDown(
            province=name,
            year=year,
            status=NO_PROFILE,
            reason=f"{name} has no province profile ({paths.relative_to_project(folder)}); "
            "no inventory or estimate to compare with",
        )
    profile = load_profile(name, folder)
    kind = "project estimate" if profile.is_estimate else "official inventory"
    common = dict(
        province=name,
        year=year,
        inventory_year=profile.base_year,
        gwp=profile.gwp,
        is_estimate=profile.is_estimate,
        source=f"{kind}, {paths.relative_to_project(folder)}",
    )
    if profile.base_year == year:
        return TopDown(status=OK, table=profile.inventory[["sector", "gas", "emissions_tco2e"]].copy(), **common)
    if allow_other_year:
        return TopDown(
            status=OTHER_YEAR_USED,
            table=profile.inventory[["sector", "gas", "emissions_tco2e"]].copy(),
            reason=f"the {kind} of {name} is for {profile.base_year}, used for {year} as asked",
            **common,
        )
    return TopDown(
        status=OTHER_YEAR,
        reason=f"the {kind} of {name} is for {profile.base_year}, not {year}; allow another year to compare anyway",
        **common,
    )
