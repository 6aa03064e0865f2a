"""Composite-index analysis (PGI, PCI and any weighted index): engine, province analysis, what-if,
rank robustness, statistics and the 2025 map.

Modules: :mod:`~analysis.index.spec` (weights files), :mod:`~analysis.index.tables` (reading tables),
:mod:`~analysis.index.engine` (scores and ranks), :mod:`~analysis.index.pgi` (the PGI layer),
:mod:`~analysis.index.province` (one province's position), :mod:`~analysis.index.whatif`,
:mod:`~analysis.index.robustness`, :mod:`~analysis.index.stats`, :mod:`~analysis.index.merger`.
"""

from analysis.index.engine import aggregate, build_index_table, rank_descending
from analysis.index.spec import IndexSpec, load_spec
from analysis.index.tables import load_index_table

__all__ = ["IndexSpec", "aggregate", "build_index_table", "load_index_table", "load_spec", "rank_descending"]
