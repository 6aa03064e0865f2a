"""Faults (issue 8 §2): a kernel killed mid-run and a write that fails (disk full). The batch reports the
failure, the other runs complete, no partial output remains, earlier good outputs survive, and ``--resume``
finishes the rest. (An exception in a cell and Ctrl-C during a batch are covered in test_runner.py and
test_batch.py.)"""

from __future__ import annotations

import errno
from pathlib import Path

import yaml

from analysis.report.batch import run_batch
from analysis.report.plan import plan_batch

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"


def _plan(tmp_path: Path, **content):
    path = tmp_path / "batch.yaml"
    path.write_text(
        yaml.safe_dump({"name": "faults", "formats": ["html"], **content}, allow_unicode=True), encoding="utf-8"
    )
    return plan_batch(path, reports_dir=tmp_path / "reports", notebooks_dir=FIXTURES)[1]


def _leftovers(batch_dir: Path) -> list[str]:
    return [p.name for p in batch_dir.rglob("*") if p.name.endswith(".tmp") or p.name.endswith(".old")]


def test__fault__kernel_killed_mid_run_is_isolated_and_resume_finishes(tmp_path):
    marker = tmp_path / "die"
    marker.write_text("x")
    specs = _plan(
        tmp_path, notebooks=["echo", {"name": "killer", "parameters": {"marker": str(marker)}}], matrix={"lang": ["vi"]}
    )
    results = {r.run_id: r for r in run_batch(specs, jobs=2, progress=False)}
    killed = next(r for k, r in results.items() if k.startswith("killer"))
    ok = next(r for k, r in results.items() if k.startswith("echo"))
    assert ok.status == "ok" and killed.status == "failed"
    text = killed.error_text().lower()
    assert "dead" in text or "died" in text, text
    batch_dir = tmp_path / "reports" / "faults"
    assert not (batch_dir / killed.run_id).exists()  # no partial run folder
    assert (batch_dir / "_failed" / killed.run_id).exists()  # the failed attempt is kept for the analyst
    assert _leftovers(batch_dir) == []
    marker.unlink()
    again = {r.run_id: r for r in run_batch(specs, jobs=2, resume=True, progress=False)}
    assert again[ok.run_id].status == "skipped"
    assert again[killed.run_id].status == "ok"
    assert (batch_dir / killed.run_id / "manifest.json").exists()


def test__fault__disk_full_during_export_keeps_the_earlier_good_run(tmp_path, monkeypatch):
    specs = _plan(tmp_path, notebooks=["echo"], matrix={"lang": ["vi"]})
    (first,) = run_batch(specs, jobs=1, progress=False)
    assert first.status == "ok"
    run_dir = tmp_path / "reports" / "faults" / first.run_id
    before = {p.name: p.read_bytes() for p in run_dir.iterdir()}

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    import analysis.report.export as export

    monkeypatch.setattr(export, "export_run", disk_full)
    (second,) = run_batch(specs, jobs=1, progress=False)
    assert second.status == "failed"
    assert "No space left on device" in second.error_text()
    assert {p.name: p.read_bytes() for p in run_dir.iterdir()} == before  # the good run is untouched
    assert _leftovers(tmp_path / "reports" / "faults") == []
    monkeypatch.undo()
    (third,) = run_batch(specs, jobs=1, resume=True, progress=False)
    assert third.status == "skipped"  # the good run is still complete and current
