"""Shared fixtures: small files written the way analysts' files arrive."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def write(tmp_path: Path):
    """Write ``content`` (str or bytes) to ``tmp_path / name`` and return the path."""

    def _write(name: str, content, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding=encoding)
        return path

    return _write


# Property tests: random exploration on a developer's machine, a fixed sequence of examples in CI
# (CI=true), so a CI run is reproducible; a counter-example found locally is kept in .hypothesis/.
try:
    import os

    from hypothesis import settings

    settings.register_profile("ci", derandomize=True, deadline=None)
    if os.environ.get("CI"):
        settings.load_profile("ci")
except ImportError:  # pragma: no cover
    pass


# The Our World in Data Viet Nam series, shared by the forecast tests (read once per session).
@pytest.fixture(scope="session")
def owid():
    from analysis.data.raw import load_owid

    return load_owid()


@pytest.fixture(scope="session")
def co2(owid):
    from analysis.emissions.forecast import extract_series

    return extract_series(owid, "co2_mt_excl_luc")


@pytest.fixture(scope="session")
def gdp(owid):
    return owid.set_index("year")["gdp_intl_usd_2011ppp"]
