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


# The rendered reports the slow report tests read: `make report`'s batch (config/batches/default.yaml: TP. Hồ Chí
# Minh on the 2025 map and Bà Rịa – Vũng Tàu on the 2024 map) and every notebook for Đồng Nai (the 2025 unit, with
# Bình Phước), both languages, HTML and PDF — rendered once per session.
@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    """The reports folder and the runs that failed (run id -> error)."""
    import yaml

    from analysis import paths
    from analysis.report.batch import run_batch
    from analysis.report.plan import plan_batch

    root = tmp_path_factory.mktemp("rendered")
    other = root / "dong-nai.yaml"
    other.write_text(
        yaml.safe_dump(
            {
                "name": "dong-nai",
                "notebooks": "all",
                "formats": ["html", "pdf"],
                "matrix": {"province": ["Đồng Nai"], "lang": ["vi", "en"]},
                "parameters": {"n_draws": 300},
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    failed, planned = {}, 0
    for batch in (paths.CONFIG_DIR / "batches" / "default.yaml", other):
        _, specs = plan_batch(batch, reports_dir=root, notebooks_dir=paths.NOTEBOOKS_DIR)
        planned += len(specs)
        failed |= {r.run_id: r.error_text() for r in run_batch(specs, jobs=2, progress=False) if r.status != "ok"}
    (root / "planned").write_text(str(planned))
    return root, failed
