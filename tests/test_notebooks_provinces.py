"""Every shipped notebook runs for three provinces in both languages, and no province's report carries another
province's plan, projects or targets (the shipped Bà Rịa – Vũng Tàu set appears only in Bà Rịa – Vũng Tàu's runs).

All notebooks × Đồng Nai, Bình Dương, Bà Rịa – Vũng Tàu × vi, en, planned and run by the same code as ``netzero
batch`` (two of them are the session's rendered reports); the HTML text of each report is read back."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from analysis import paths
from analysis.emissions.scenarios import load_scenarios
from analysis.emissions.targets import load_targets
from analysis.report.batch import run_batch
from analysis.report.plan import plan_batch
from analysis.run.resolve import SCENARIOS_DIR, TARGETS_DIR

PROVINCES = ["Đồng Nai", "Bình Dương", "Bà Rịa – Vũng Tàu"]


def _labels(scenario_file: Path, target_file: Path) -> set[str]:
    words = set()
    for name, sc in load_scenarios(scenario_file).scenarios.items():
        if name != "bau":
            words |= set(sc.label.values())
        for m in sc.measures:
            words |= set(m.name.values())
    for target in load_targets(target_file):
        words |= set(target.label.values())
    return words


def brvt_words() -> set[str]:
    """Names of Bà Rịa – Vũng Tàu's own measures, scenarios and targets, in both languages (those that are not
    also words of the national set, such as "Net Zero 2050")."""
    national = " | ".join(_labels(SCENARIOS_DIR / "national.yaml", TARGETS_DIR / "national.yaml"))
    words = {
        w
        for w in _labels(SCENARIOS_DIR / "ba-ria-vung-tau.yaml", TARGETS_DIR / "ba-ria-vung-tau.yaml")
        if w not in national
    }
    # (Phú Mỹ, a power complex, is named in the project's source register; its CCS project is a measure label above)
    return {w for w in words if len(w) > 6} | {"Sakai", "Côn Đảo", "3070/QĐ-UBND"}


def _text(folder: Path) -> str:
    page = next(folder.glob("*.html")).read_text(encoding="utf-8")
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


@pytest.fixture(scope="module")
def runs(rendered, tmp_path_factory):
    """Run id -> run folder and run id -> error: Bà Rịa – Vũng Tàu and Đồng Nai from the session's rendered reports
    (`make report`'s batch and the Đồng Nai batch), Bình Dương rendered here (HTML), all notebooks, both languages."""
    reports, failed = rendered
    folders = {
        f.name: f
        for f in sorted(reports.glob("*/*"))
        if f.is_dir() and not f.name.startswith("_") and ("ba-ria-vung-tau" in f.name or "dong-nai" in f.name)
    }
    errors = {rid: error for rid, error in failed.items() if "ba-ria-vung-tau" in rid or "dong-nai" in rid}
    root = tmp_path_factory.mktemp("provinces")
    batch = root / "batch.yaml"
    batch.write_text(
        yaml.safe_dump(
            {
                "name": "provinces",
                "notebooks": "all",
                "formats": ["html"],
                "matrix": {"province": ["Bình Dương"], "lang": ["vi", "en"]},
                "parameters": {"n_draws": 300},
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    _, specs = plan_batch(batch, reports_dir=root / "reports", notebooks_dir=paths.NOTEBOOKS_DIR)
    for r in run_batch(specs, jobs=2, progress=False):
        if r.status == "ok":
            folders[r.run_id] = root / "reports" / "provinces" / r.run_id
        else:
            errors[r.run_id] = r.error_text()
    return folders, errors


@pytest.mark.slow
def test__every_notebook_runs_for_three_provinces_in_both_languages(runs):
    folders, failed = runs
    notebooks = sorted(p.stem for p in paths.NOTEBOOKS_DIR.glob("*.ipynb"))
    assert failed == {}
    assert len(folders) == len(notebooks) * len(PROVINCES) * 2


@pytest.mark.slow
def test__no_report_of_another_province_mentions_brvt_plan_projects_or_targets(runs):
    folders, _ = runs
    words = brvt_words()
    for rid, folder in folders.items():
        text = _text(folder)
        found = sorted(w for w in words if w in text)
        if "ba-ria-vung-tau" in rid:
            if rid.startswith(("00_summary", "02_mitigation")):
                assert found, f"{rid} does not show the province's own plan"
        else:
            assert found == [], f"{rid} mentions {found}"
