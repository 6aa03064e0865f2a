"""The runner: real papermill runs of small fixture notebooks in the project's kernel, written atomically."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import psutil
import pytest

from analysis import paths
from analysis.errors import AnalysisError
from analysis.report.manifest import read_manifest
from analysis.report.plan import plan_run
from analysis.report.runner import execute_run
from analysis.report.runtime.kernel import ensure_kernel

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"
NETZERO = Path(sys.executable).parent / "netzero"
# Small parameters for every shipped notebook (defaults otherwise); a new notebook runs with its defaults.
NOTEBOOK_FIXTURE_PARAMETERS: dict[str, dict] = {
    "00_data_overview": {"lang": "en"},
    "00_summary": {"lang": "en", "province": "BRVT"},
    "01_bau_baseline": {"lang": "vi", "target_year": 2030},
    "02_mitigation_pathways": {"lang": "en", "n_draws": 300, "scenarios": ["action_plan_2030", "net_zero_2050"]},
    "03_pgi_analysis": {"lang": "vi", "n_draws": 300, "target_rank": 3},
}


def _stream_text(notebook: Path) -> list[str]:
    nb = nbformat.read(notebook, as_version=4)
    return ["".join(o.get("text", "")) for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def _plan(tmp_path: Path, notebook: Path, **values):
    return plan_run(notebook.resolve(), values, batch="t", batch_dir=tmp_path / "t")


def test__ensure_kernel__netzero_kernel_runs_this_environment():
    kernel = ensure_kernel()
    assert kernel["name"] == "netzero"
    assert Path(kernel["python"]).parent.parent == Path(sys.prefix)


def test__ensure_kernel__refuses_a_netzero_kernel_of_another_python(tmp_path, monkeypatch):
    spec_dir = tmp_path / "kernels" / "netzero"
    spec_dir.mkdir(parents=True)
    (spec_dir / "kernel.json").write_text(
        json.dumps(
            {
                "argv": ["/usr/bin/python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "other",
                "language": "python",
            }
        )
    )
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))  # searched before the environment's own kernels
    with pytest.raises(AnalysisError, match="not this environment's Python"):
        ensure_kernel()


def test__execute_run__writes_notebook_html_log_and_manifest(tmp_path):
    spec = _plan(tmp_path, FIXTURES / "echo.ipynb", province="BRVT", lang="en", n=2)
    result = execute_run(spec)
    assert result.status == "ok", result.error
    assert spec.run_id.startswith("echo__ba-ria-vung-tau__en__")  # + hash of n, not a matrix parameter
    assert sorted(p.name for p in spec.folder.iterdir()) == ["echo.html", "echo.ipynb", "manifest.json", "run.log"]
    assert _stream_text(spec.folder / "echo.ipynb")[0].startswith("'Bà Rịa – Vũng Tàu' en 2 0.5 'demo' []")
    manifest = read_manifest(spec.folder)
    assert manifest["status"] == "ok" and manifest["error"] is None
    assert manifest["parameters"] == {"province": "Bà Rịa – Vũng Tàu", "lang": "en", "n": 2}
    assert (
        manifest["inputs"]["files"]["tests/fixtures/notebooks/echo.ipynb"]
        == manifest["inputs"]["files"][paths.relative_to_project(FIXTURES / "echo.ipynb")]
    )
    assert "data/raw/SOURCES.csv" in manifest["inputs"]["files"] and len(manifest["inputs"]["digest"]) == 64
    assert manifest["environment"]["packages"]["papermill"] and manifest["environment"]["kernel"]["name"] == "netzero"
    assert manifest["environment"]["git"]["commit"] and manifest["seconds"] > 0
    assert "papermill" in (spec.folder / "run.log").read_text(encoding="utf-8")
    assert [p.name for p in (tmp_path / "t").iterdir()] == [spec.run_id]  # no temporary folder left


def test__execute_run__hostile_string_reaches_the_kernel_unchanged(tmp_path):
    hostile = 'a"; print("injected"); b = "\\n\'\'\' """ –ắ'
    spec = _plan(tmp_path, FIXTURES / "echo.ipynb", label=hostile, n=1)
    assert execute_run(spec).status == "ok"
    printed = _stream_text(spec.folder / "echo.ipynb")[0]
    assert repr(hostile) in printed and "injected\n" not in printed


def test__execute_run__failing_cell_number_exception_and_message_reported(tmp_path):
    failed = execute_run(_plan(tmp_path, FIXTURES / "fails.ipynb"))
    assert failed.status == "failed" and failed.run_id == "fails__vi"
    assert failed.error["ename"] == "ValueError" and failed.error["evalue"] == "boom in vi"
    assert failed.error["execution_count"] == 3 and failed.error_text() == "cell In [3]: ValueError: boom in vi"
    assert not (tmp_path / "t" / "fails__vi").exists()
    failed_dir = tmp_path / "t" / "_failed" / "fails__vi"
    assert read_manifest(failed_dir)["status"] == "failed"
    assert read_manifest(failed_dir)["error"]["evalue"] == "boom in vi"
    assert "boom in vi" in (failed_dir / "fails.ipynb").read_text(encoding="utf-8")  # the error output kept
    assert "before the error" in (failed_dir / "run.log").read_text(encoding="utf-8")


def test__execute_run__failed_rerun_never_replaces_a_good_run(tmp_path):
    notebook = tmp_path / "nb" / "report.ipynb"
    notebook.parent.mkdir()
    shutil.copy(FIXTURES / "fails.ipynb", notebook)
    nb = nbformat.read(notebook, as_version=4)
    raising = nb.cells[3].source
    nb.cells[3].source = "print('fine')"
    nbformat.write(nb, notebook)
    good = execute_run(_plan(tmp_path, notebook))
    assert good.status == "ok"
    kept = (good_dir := tmp_path / "t" / good.run_id) / "report.ipynb"
    stamp = kept.read_bytes()

    nb.cells[3].source = raising
    nbformat.write(nb, notebook)
    bad = execute_run(_plan(tmp_path, notebook))
    assert bad.run_id == good.run_id and bad.status == "failed"
    assert kept.read_bytes() == stamp and read_manifest(good_dir)["status"] == "ok"
    assert (tmp_path / "t" / "_failed" / good.run_id / "report.ipynb").is_file()

    nb.cells[3].source = "print('fixed')"
    nbformat.write(nb, notebook)
    assert execute_run(_plan(tmp_path, notebook)).status == "ok"
    assert not (tmp_path / "t" / "_failed" / good.run_id).exists()  # the stale failure is cleared
    assert "fixed" in "".join(_stream_text(kept))


def _wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def _interrupt_when_sleeping(
    cmd: list[str], out: Path, expected_runs: int, expect: tuple[str, ...] = ()
) -> subprocess.CompletedProcess:
    """Start ``cmd``, wait until ``expected_runs`` runs are inside their sleep, press Ctrl-C (SIGINT to the group).

    ``expect``: words that must appear in the command lines of the processes running then (``chromium``);
    every process of the tree must be gone within 10 s of the batch's exit.
    """
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:

        def sleeping() -> int:
            logs = list(out.glob("*/.*.tmp/run.log"))
            return sum("sleeping" in log.read_text(encoding="utf-8", errors="ignore") for log in logs)

        def tree_text() -> str:
            return " ".join(" ".join(c.cmdline()) for c in psutil.Process(proc.pid).children(recursive=True))

        _wait_for(lambda: sleeping() >= expected_runs or proc.poll() is not None, 90, "runs to start")
        _wait_for(lambda: proc.poll() is not None or all(word in tree_text() for word in expect), 30, str(expect))
        assert proc.poll() is None, proc.communicate()
        children = psutil.Process(proc.pid).children(recursive=True)  # pool workers, kernels, templates, browsers
        # a cold kernel is "python -m ipykernel_launcher"; a warm one is a fork of the kernel template
        assert any("ipykernel" in " ".join(c.cmdline()) for c in children) or any(
            "analysis.report.runtime.forkserver" in " ".join(c.parent().cmdline()) for c in children
        )
        os.killpg(proc.pid, signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
        _, alive = psutil.wait_procs(children, timeout=10)
        assert alive == [], f"left running after Ctrl-C: {[c.cmdline() for c in alive]}"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return subprocess.CompletedProcess(cmd, proc.returncode, stdout, stderr)


@pytest.mark.slow
def test__run_run__ctrl_c_leaves_no_partial_run_folder(tmp_path):
    done = _interrupt_when_sleeping(
        [str(NETZERO), "run", str(FIXTURES / "slow.ipynb"), "--out", str(tmp_path)], tmp_path, 1
    )
    assert done.returncode == 130, done.stderr
    assert "interrupted" in done.stderr
    assert list((tmp_path / "runs").iterdir()) == []


@pytest.mark.slow
@pytest.mark.parametrize("notebook", sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb")), ids=lambda p: p.stem)
def test__execute_run__every_shipped_notebook_runs_with_fixture_parameters(tmp_path, notebook):
    spec = _plan(tmp_path, notebook, **NOTEBOOK_FIXTURE_PARAMETERS.get(notebook.stem, {}))
    result = execute_run(spec)
    assert result.status == "ok", result.error_text()
    assert json.loads((spec.folder / "manifest.json").read_text(encoding="utf-8"))["status"] == "ok"


@pytest.mark.slow
def test__netzero_run__a_run_that_succeeds_prints_no_error_line(tmp_path):
    """Issue 24, point 5: a successful `netzero run` prints no ERROR or traceback line (the kernel's shutdown noise,
    "[IPKernelApp] ERROR | KeyboardInterrupt caught in kernel", is filtered at its source)."""
    done = subprocess.run(
        [str(NETZERO), "run", "03_pgi_analysis", "-p", "lang", "en", "--out", str(tmp_path / "reports")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    output = (done.stdout + done.stderr).splitlines()
    assert [line for line in output if "ERROR" in line or "Traceback" in line] == [], output
    assert list((tmp_path / "reports" / "runs").glob("03_pgi_analysis*/*.html"))
