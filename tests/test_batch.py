"""Batches: validation before any kernel, failure isolation, atomic outputs, resume, Ctrl-C and the Dask path."""

from __future__ import annotations

import dataclasses
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

from analysis import paths
from analysis.cli import main
from analysis.errors import InputError
from analysis.report.batch import format_summary, run_batch
from analysis.report.manifest import read_manifest
from analysis.report.plan import plan_batch

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"
NETZERO = Path(sys.executable).parent / "netzero"


def _batch(tmp_path: Path, **content) -> Path:
    path = tmp_path / "batch.yaml"
    path.write_text(yaml.safe_dump({"name": "b", **content}, allow_unicode=True), encoding="utf-8")
    return path


def _outputs(folder: Path) -> list[str]:
    nb = nbformat.read(next(folder.glob("*.ipynb")), as_version=4)
    return [str(o.get("text", o.get("data", {}).get("text/plain", ""))) for c in nb.cells if c.cell_type == "code"
            for o in c.get("outputs", [])]


@pytest.mark.parametrize("content, column, text", [
    ({"notebooks": ["echo"], "matrix": {"lang": ["vi"]}, "lang": ["en"]}, "lang", "unknown key 'lang'"),
    ({"notebooks": ["echo"], "langs": ["vi"]}, None, "matrix: {lang: [...]}"),
    ({"notebooks": ["echoo"]}, "notebooks", "did you mean 'echo'?"),
    ({"notebooks": ["echo"], "parameters": {"labell": "x"}}, "parameters.labell", "did you mean 'label'?"),
    ({"notebooks": ["echo"], "matrix": {"langg": ["vi"]}}, "matrix.langg", "did you mean 'lang'?"),
    ({"notebooks": ["echo"], "matrix": {"lang": ["vi", "fr"]}}, "lang", "must be one of 'vi' or 'en'"),
    ({"notebooks": ["echo"], "matrix": {"province": ["BRVT", "Bà Rịa-Vũng Tàu"]}}, None, "appears 2 times"),
    ({"notebooks": ["echo"], "formats": ["docx"]}, "formats[0]", "must be one of"),
    ({"notebooks": ["echo"], "name": "../up"}, "name", "name"),
])
def test__plan_batch__problems_found_before_any_kernel_starts(tmp_path, content, column, text):
    path = _batch(tmp_path, **content)
    with pytest.raises(InputError) as exc:
        plan_batch(path, reports_dir=tmp_path / "reports", notebooks_dir=FIXTURES)
    assert text in str(exc.value)
    assert column in [i.column for i in exc.value.issues]
    assert not (tmp_path / "reports").exists()


def test__plan_batch__matrix_applies_only_to_declared_parameters(tmp_path):
    path = _batch(tmp_path, notebooks=["echo", "fails"], matrix={"province": ["BRVT", "Đồng Nai"], "lang": ["vi", "en"]},
                  parameters={"n": 2})
    batch, specs = plan_batch(path, reports_dir=tmp_path, notebooks_dir=FIXTURES)
    ids = [s.run_id for s in specs]
    assert len(ids) == 6 and ids[4:] == ["fails__vi", "fails__en"]  # fails.ipynb has no province
    assert {s.parameters["province"] for s in specs[:4]} == {"Bà Rịa – Vũng Tàu", "Đồng Nai"}
    assert all(s.parameters["n"] == 2 for s in specs[:4]) and "n" not in specs[4].parameters
    assert all(s.batch_dir == tmp_path / "b" for s in specs)


def test__plan_batch__default_batch_covers_every_notebook_in_both_languages():
    batch, specs = plan_batch(paths.CONFIG_DIR / "batches" / "default.yaml")
    assert batch.name == "default"
    notebooks = sorted(p.stem for p in paths.NOTEBOOKS_DIR.glob("*.ipynb"))
    assert sorted({s.notebook.stem for s in specs}) == notebooks
    assert {s.parameters.get("lang") for s in specs if "lang" in s.parameters} == {"vi", "en"}
    assert all(s.parameters.get("province", "Bà Rịa – Vũng Tàu") == "Bà Rịa – Vũng Tàu" for s in specs)


@pytest.mark.slow
def test__run_batch__failed_runs_isolated_summarised_and_exit_1(tmp_path, capsys):
    path = _batch(tmp_path, notebooks=["echo", "fails"], matrix={"lang": ["vi", "en"]}, parameters={"n": 1})
    code = main(["batch", str(path), "--out", str(tmp_path / "r"), "--notebooks-dir", str(FIXTURES), "--jobs", "2"])
    out = capsys.readouterr().out
    assert code == 1
    # In [4]: the injected-parameters cell (lang) runs before the failing third cell
    assert "cell In [4]: ValueError: boom in en" in out and "cell In [4]: ValueError: boom in vi" in out
    assert "4 runs: 2 ok, 2 failed, 0 skipped" in out
    index = (tmp_path / "r" / "b" / "index.html").read_text(encoding="utf-8")
    assert "fails__vi" in index and "echo__ba-ria-vung-tau__en__" in index
    folders = sorted(p.name for p in (tmp_path / "r" / "b").iterdir() if p.is_dir())
    assert len(folders) == 3 and folders[0] == "_failed"
    assert folders[1].startswith("echo__ba-ria-vung-tau__en__") and folders[2].startswith("echo__ba-ria-vung-tau__vi__")
    assert sorted(p.name for p in (tmp_path / "r" / "b" / "_failed").iterdir()) == ["fails__en", "fails__vi"]
    for run in (tmp_path / "r" / "b").glob("echo__*"):
        assert read_manifest(run)["status"] == "ok"
    assert not list((tmp_path / "r" / "b").glob(".*"))  # no temporary folder left


@pytest.mark.slow
def test__run_batch__resume_skips_current_runs_and_reruns_changed_or_incomplete(tmp_path, monkeypatch):
    from analysis.report import manifest

    # other engineers edit src/ while tests run: keep the package-code hash fixed within this test
    monkeypatch.setattr(manifest, "hash_package_code", lambda: "fixed")
    nbdir = tmp_path / "nb"
    nbdir.mkdir()
    shutil.copy(FIXTURES / "echo.ipynb", nbdir / "echo.ipynb")
    shutil.copy(FIXTURES / "fails.ipynb", nbdir / "fails.ipynb")
    path = _batch(tmp_path, notebooks=["echo", "fails"], matrix={"lang": ["vi", "en"]})

    def run(resume: bool) -> dict[str, str]:
        _, specs = plan_batch(path, reports_dir=tmp_path / "r", notebooks_dir=nbdir)
        return {r.run_id: r.status for r in run_batch(specs, jobs=1, resume=resume, progress=False)}

    first = run(False)
    assert sorted(first.values()) == ["failed", "failed", "ok", "ok"]
    assert run(True) == {k: ("skipped" if v == "ok" else "failed") for k, v in first.items()}

    echo_vi = next(k for k in first if k.startswith("echo") and "__vi" in k)
    (tmp_path / "r" / "b" / echo_vi / "echo.html").unlink()  # an incomplete run is run again
    nb = nbformat.read(nbdir / "echo.ipynb", as_version=4)  # a changed notebook: both of its runs again
    nb.cells[0].source += "\n\nEdited."
    again = run(True)
    assert again[echo_vi] == "ok"
    assert [v for k, v in again.items() if k.startswith("echo") and k != echo_vi] == ["skipped"]
    nbformat.write(nb, nbdir / "echo.ipynb")
    assert {k: v for k, v in run(True).items() if k.startswith("echo")} == {k: "ok" for k in first if
                                                                               k.startswith("echo")}


@pytest.mark.slow
def test__run_batch__ctrl_c_in_parallel_batch_leaves_no_partial_run(tmp_path):
    from test_runner import _interrupt_when_sleeping

    path = _batch(tmp_path, notebooks=["slow", {"name": "slow", "parameters": {"seconds": 59.0}}])
    out = tmp_path / "r"
    done = _interrupt_when_sleeping([str(NETZERO), "batch", str(path), "--out", str(out), "--notebooks-dir",
                                     str(FIXTURES), "--jobs", "2"], out, 2)
    assert done.returncode == 130, done.stderr
    assert [p.name for p in (out / "b").iterdir()] == []


@pytest.mark.slow
def test__run_batch__dask_cluster_gives_the_same_outputs_as_local_processes(tmp_path):
    from distributed import LocalCluster

    path = _batch(tmp_path, notebooks=["echo", "fails"], matrix={"lang": ["vi", "en"]}, parameters={"n": 2})
    _, local_specs = plan_batch(path, reports_dir=tmp_path / "local", notebooks_dir=FIXTURES)
    # the same planned runs (same input hashes even if the source tree changes meanwhile), another folder
    dask_specs = [dataclasses.replace(s, batch_dir=tmp_path / "dask" / "b") for s in local_specs]
    local = run_batch(local_specs, jobs=2, progress=False)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = run_batch(dask_specs, scheduler=cluster.scheduler_address, progress=False)
    assert [(r.run_id, r.status, r.error_text()) for r in remote] == [(r.run_id, r.status, r.error_text())
                                                                      for r in local]
    for spec in dask_specs:
        sub = "" if spec.run_id.startswith("echo") else "_failed"
        a, b = tmp_path / "local" / "b" / sub / spec.run_id, tmp_path / "dask" / "b" / sub / spec.run_id
        ma, mb = read_manifest(a), read_manifest(b)
        for key in ("parameters", "inputs", "status", "error", "outputs"):
            assert ma[key] == mb[key], key
        assert _outputs(a) == _outputs(b)
    assert "2 ok, 2 failed" in format_summary(remote)
