"""Validated configuration: every YAML file kind is a pydantic model (see :mod:`analysis.config.base`)."""

from analysis.config.base import ConfigModel, load_config, validate_config

__all__ = ["ConfigModel", "load_config", "validate_config"]
