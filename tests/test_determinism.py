"""The same inputs, parameters, seed, date and lock give the same report: two runs compared figure by figure."""

from __future__ import annotations

import datetime as dt
import re

import nbformat
import pytest

from analysis.report.manifest import read_manifest
from analysis.report.plan import find_notebook, plan_run
from analysis.report.runner import execute_run

NUMBER = re.compile(r"[−+-]?\d[\d.,]*")
# what may differ between two runs: the date a report was made and the run's own id (none differ here, but a run
# that crosses midnight must still compare equal)
OWN_DATE_AND_ID = re.compile(r"\d{2}/\d{2}/\d{4}|\d{4}-\d{2}-\d{2}T[\d:.+]+|__[0-9a-f]{8}\b")


def _outputs(notebook) -> list[str]:
    """Every output a reader sees, in order: text, markdown, HTML tables and the charts' PNG bytes."""
    nb = nbformat.read(notebook, as_version=4)
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", []) if cell.cell_type == "code" else []:
            data = o.get("data", {})
            out += [o.get("text", "")] + [str(data[k]) for k in sorted(data) if k != "application/vnd.jupyter.widget"]
    return out


@pytest.mark.slow
def test__two_runs_of_the_summary_with_a_fixed_date_are_identical(tmp_path):
    """00_summary (Monte Carlo with its seed, the MRV status on a fixed as_of) run twice: every figure equal, the
    HTML identical apart from the run's own date and id."""
    runs = []
    for k in (1, 2):
        spec = plan_run(
            find_notebook("00_summary"),
            {"as_of": "30/06/2026", "lang": "vi", "n_draws": 2000},
            batch="det",
            batch_dir=tmp_path / f"b{k}",
            formats=("html",),
        )
        result = execute_run(spec)
        assert result.status == "ok", result.error
        runs.append(spec.folder)
    first, second = (_outputs(folder / "00_summary.ipynb") for folder in runs)
    assert len(first) > 10
    assert [NUMBER.findall(o) for o in first] == [NUMBER.findall(o) for o in second]
    assert first == second
    html = [OWN_DATE_AND_ID.sub("", (folder / "00_summary.html").read_text(encoding="utf-8")) for folder in runs]
    assert html[0] == html[1]
    manifests = [read_manifest(folder) for folder in runs]
    assert manifests[0]["parameters"]["as_of"] == "30/06/2026"
    assert manifests[0]["inputs"]["digest"] == manifests[1]["inputs"]["digest"]
    lock = manifests[0]["environment"]["lock"]
    assert lock["sha256"] == manifests[1]["environment"]["lock"]["sha256"] and lock["matches"] is True
    assert f"uv.lock): sha256 <code>{lock['sha256'][:12]}</code>" in html[0]  # the colophon names the lock


def test__a_run_given_no_date_records_today_and_keeps_its_id(tmp_path):
    """as_of left empty becomes today's date in the run's parameters (so the manifest says which day the status
    was judged on); the run id is the same as with the date given, so a folder does not change name every day."""
    notebook = find_notebook("06_mrv")
    empty = plan_run(notebook, {"lang": "en"}, batch="t", batch_dir=tmp_path)
    dated = plan_run(notebook, {"lang": "en", "as_of": "2026-01-31"}, batch="t", batch_dir=tmp_path)
    assert empty.parameters["as_of"] == dt.date.today().isoformat()
    assert empty.run_id != dated.run_id  # a date given on purpose is part of the run's name
    assert empty.run_id == plan_run(notebook, {"lang": "en", "as_of": ""}, batch="t", batch_dir=tmp_path).run_id
    assert empty.inputs["digest"] != dated.inputs["digest"]


def test__the_colophon_names_the_lock(tmp_path):
    """The report's footer carries the lock's sha256 and says when the environment was not the lock's."""
    from analysis.report.html import normalise_context

    nz = normalise_context({"lang": "vi", "lock_hash": "ab" * 32, "lock_matches": True})
    assert nz["lock_hash"] == "ab" * 32 and nz["lock_differs"] is False
    assert normalise_context({"lang": "en", "lock_hash": "ab" * 32, "lock_matches": False})["lock_differs"] is True
