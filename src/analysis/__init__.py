"""Net-zero pathway and Provincial Green Index analysis for Vietnamese provinces.

The package is organised by the data flow (see the layout in ``README.md``):
``analysis.data`` (loading, schemas, provenance, province registry) feeds
``analysis.emissions`` (inventory, BAU, scenarios, targets) and ``analysis.index``
(composite indices such as the PGI); ``analysis.viz`` draws charts and
``analysis.report`` runs notebooks and exports reports.
"""

__version__ = "0.1.0"
