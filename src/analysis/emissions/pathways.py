"""Scenario pathways: a BAU plus a scenario's measures, with the abatement of each measure and the overlap.

Inputs: a :class:`~analysis.emissions.baseline.Baseline` and a
:class:`~analysis.emissions.scenarios.Scenario` (or a whole :class:`ScenarioSet`).
Outputs: :class:`Pathway` objects (sector × year emissions, per-measure abatement, standalone abatement)
and tidy tables (:func:`tabulate_pathways`, :func:`tabulate_overlap`, :func:`tabulate_wedges`). Gross
emissions, removals and net emissions are always kept apart. The baseline's ``is_estimate`` flag and note
are carried into every table.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.emissions.baseline import Baseline
from analysis.emissions.measures import Measure
from analysis.emissions.mitigation import apply_measures, apply_standalone
from analysis.emissions.scenarios import Scenario, ScenarioSet
from analysis.units import T_PER_MT


def split_gross_removals(emissions: np.ndarray, sectors: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Gross emissions and removals (≤ 0) summed over sectors, for arrays ``(..., S, T)``.

    Gross = every sector except LULUCF, plus the LULUCF flux when it is a net emission; removals = the
    LULUCF flux when it is a net removal. ``gross + removals`` is the net total.
    """
    emissions = np.asarray(emissions)
    if "LULUCF" not in sectors:
        return emissions.sum(axis=-2), np.zeros(emissions.shape[:-2] + emissions.shape[-1:])
    i = sectors.index("LULUCF")
    land = emissions[..., i, :]
    gross = emissions.sum(axis=-2) - land + np.maximum(land, 0.0)
    return gross, np.minimum(land, 0.0)


@dataclass(frozen=True)
class Pathway:
    """One scenario applied to one baseline (t CO2e/yr; arrays indexed sector × year)."""

    scenario: Scenario
    baseline: Baseline
    emissions: np.ndarray  # (S, T) after the measures
    abatement: np.ndarray  # (M, S, T) each measure in order, on what remained
    standalone: np.ndarray  # (M, S, T) each measure alone on the BAU

    @property
    def name(self) -> str:
        return self.scenario.name

    @property
    def measures(self) -> tuple[Measure, ...]:
        return self.scenario.measures

    @property
    def years(self) -> np.ndarray:
        return self.baseline.years

    @property
    def sectors(self) -> tuple[str, ...]:
        return self.baseline.sectors

    def gross(self) -> np.ndarray:
        return split_gross_removals(self.emissions, self.sectors)[0]

    def removals(self) -> np.ndarray:
        return split_gross_removals(self.emissions, self.sectors)[1]

    def net(self) -> np.ndarray:
        return self.emissions.sum(axis=0)

    def value(self, year: int, sector: str | None = None) -> float:
        """Net emissions in ``year`` (t CO2e), of one sector (or group such as ``Energy``) or of the total."""
        t = self.baseline.year_index(year)
        rows = [i for i, s in enumerate(self.sectors) if sector is None or s == sector or s.startswith(f"{sector}|")]
        return float(self.emissions[rows, t].sum())

    def unused_measures(self) -> list[str]:
        """Measures none of whose sectors is in the baseline (they have no effect)."""
        return [m.id for m in self.measures if not set(m.sectors) & set(self.sectors)]

    def overlap(self) -> np.ndarray:
        """(S, T) sum of standalone cuts minus the combined cut (removals excluded): what sequencing avoids."""
        cuts = [i for i, m in enumerate(self.measures) if m.kind != "removals"]
        if not cuts:
            return np.zeros_like(self.emissions)
        return self.standalone[cuts].sum(axis=0) - self.abatement[cuts].sum(axis=0)


def percent_below_bau(pathway: Pathway, year: int) -> float:
    """How far below its BAU the pathway's net emissions are in ``year``, in percent (negative: above)."""
    i = pathway.baseline.year_index(year)
    bau = pathway.baseline.net()[i]
    return 100.0 * (bau - pathway.net()[i]) / bau


def compute_pathway(baseline: Baseline, scenario: Scenario) -> Pathway:
    """Apply ``scenario``'s measures, in order, to ``baseline``."""
    measures = list(scenario.measures)
    bau = baseline.emissions[None, :, :]
    remaining, abatement = apply_measures(bau, baseline.sectors, baseline.years, measures, record=True)
    standalone = apply_standalone(bau, baseline.sectors, baseline.years, measures)
    return Pathway(
        scenario=scenario, baseline=baseline, emissions=remaining[0], abatement=abatement[0], standalone=standalone[0]
    )


def compute_pathways(baseline: Baseline, scenarios: ScenarioSet) -> dict[str, Pathway]:
    """Every scenario of the set applied to ``baseline``, by name."""
    return {name: compute_pathway(baseline, sc) for name, sc in scenarios.scenarios.items()}


def _estimate_columns(frame: pd.DataFrame, baseline: Baseline) -> pd.DataFrame:
    frame["is_estimate"] = bool(baseline.is_estimate)
    frame["estimate_note"] = baseline.estimate_note if baseline.is_estimate else ""
    return frame


def tabulate_pathways(pathways: dict[str, Pathway]) -> pd.DataFrame:
    """Long table: scenario, year, bau/gross/removals/net emissions (Mt CO2e/yr) and % below BAU."""
    frames = []
    for name, p in pathways.items():
        bau_net = p.baseline.net()
        frames.append(
            _estimate_columns(
                pd.DataFrame(
                    {
                        "scenario": name,
                        "year": p.years,
                        "bau_mtco2e": bau_net / T_PER_MT,
                        "gross_mtco2e": p.gross() / T_PER_MT,
                        "removals_mtco2e": p.removals() / T_PER_MT,
                        "net_mtco2e": p.net() / T_PER_MT,
                        "below_bau_pct": np.where(
                            bau_net != 0, 100 * (1 - p.net() / np.where(bau_net == 0, 1, bau_net)), np.nan
                        ),
                        "gwp": p.baseline.gwp,
                    }
                ),
                p.baseline,
            )
        )
    return pd.concat(frames, ignore_index=True)


def tabulate_wedges(pathway: Pathway, lang: str = "en") -> pd.DataFrame:
    """Abatement of each measure per year (Mt CO2e/yr) in application order (removals included)."""
    by_measure = pathway.abatement.sum(axis=1) / T_PER_MT
    rows = [
        {
            "measure_id": m.id,
            "measure": m.label(lang),
            "kind": m.kind,
            "year": int(y),
            "abatement_mtco2e": float(by_measure[i, j]),
        }
        for i, m in enumerate(pathway.measures)
        for j, y in enumerate(pathway.years)
    ]
    columns = ["measure_id", "measure", "kind", "year", "abatement_mtco2e"]
    return _estimate_columns(pd.DataFrame(rows, columns=columns), pathway.baseline)


def tabulate_overlap(pathway: Pathway, year: int) -> pd.DataFrame:
    """Per sector in ``year``: sum of standalone cuts, combined cut and overlap (Mt CO2e). Added removals count as
    the LULUCF sector's cut (they lower its net), so the sectors add up to the scenario's total cut."""
    t = pathway.baseline.year_index(year)
    cuts = list(range(len(pathway.measures)))
    standalone = pathway.standalone[cuts, :, t].sum(axis=0) / T_PER_MT
    combined = pathway.abatement[cuts, :, t].sum(axis=0) / T_PER_MT
    frame = pd.DataFrame(
        {
            "sector": pathway.sectors,
            "year": year,
            "standalone_sum_mtco2e": standalone,
            "combined_mtco2e": combined,
            "overlap_mtco2e": standalone - combined,
            "measures": [", ".join(m.id for m in pathway.measures if s in m.sectors) for s in pathway.sectors],
        }
    )
    return _estimate_columns(frame, pathway.baseline)
