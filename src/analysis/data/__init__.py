"""Loading, schemas, provenance and the province registry (``analysis.data``)."""

from analysis.data.kinds import KINDS, detect_kind, validate_file
from analysis.data.provinces import get_registry, normalise_key, resolve

__all__ = ["KINDS", "detect_kind", "get_registry", "normalise_key", "resolve", "validate_file"]
