"""Explore a province's pathway in JupyterLab: live levers on the engine, saved as a scenario file the batch runs.

- :mod:`analysis.explore.levers` — the levers (measures, BAU growth) and their state;
- :mod:`analysis.explore.model` — lever state in, the engine's numbers out (:class:`ExplorerModel`, :class:`View`);
- :mod:`analysis.explore.quick` — the engine's Monte Carlo draws for one scenario;
- :mod:`analysis.explore.document` — the scenario file saved (and loaded back);
- :mod:`analysis.explore.chart` and :mod:`analysis.explore.text` — the chart and the words (vi/en);
- :mod:`analysis.explore.panel` — the ipywidgets panel (:func:`open_explorer`).
"""

from analysis.explore import text  # noqa: F401  (registers the explorer's strings)
from analysis.explore.levers import GrowthLever, LeverState, MeasureLever
from analysis.explore.model import ExplorerModel, View

__all__ = ["ExplorerModel", "GrowthLever", "LeverState", "MeasureLever", "View"]
