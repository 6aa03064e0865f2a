"""Loading, schemas, provenance and the province registry (``analysis.data``).

Every kind of input file is declared in :mod:`analysis.data.catalogue`; every raw file in ``data/raw/SOURCES.csv``.
"""

from analysis.data.provinces import get_registry, normalise_key, resolve

__all__ = ["get_registry", "normalise_key", "resolve"]
