"""Warm batches: kernels forked from a template (one per run, no state shared), one long-lived browser per worker.

Isolation between runs, a spare kernel started ahead of need and replaced when it dies, a browser
killed mid-batch and restarted, warm and cold runs giving the same notebook outputs, and nothing left
running when the process that owns them dies.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import nbformat
import psutil
import pytest

from analysis import paths
from analysis.report.batch import warm_settings
from analysis.report.plan import plan_run
from analysis.report.runner import execute_run
from analysis.report.runtime.session import WorkerSession, notebook_imports

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"
pytestmark = pytest.mark.slow


def _spec(tmp_path: Path, notebook: Path, formats=("html",), **values):
    return plan_run(notebook.resolve(), values, batch="w", batch_dir=tmp_path / "w", formats=formats)


def _printed(folder: Path) -> str:
    nb = nbformat.read(next(folder.glob("*.ipynb")), as_version=4)
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))


@pytest.fixture
def session(tmp_path):
    spec = _spec(tmp_path, FIXTURES / "state.ipynb")
    opened = WorkerSession(warm_settings([spec])).open()
    yield opened
    opened.close()


def test__warm_kernels__nothing_set_in_one_run_reaches_the_next(tmp_path, session):
    forked_at_open = session.kernels.spare_pids()
    first = execute_run(_spec(tmp_path, FIXTURES / "state.ipynb", mark=True), session)
    spare = session.kernels.spare_pids()
    second = execute_run(_spec(tmp_path, FIXTURES / "state.ipynb", mark=False, lang="en"), session)
    assert first.status == second.status == "ok", (first.error, second.error)
    one, two = _printed(tmp_path / "w" / first.run_id), _printed(tmp_path / "w" / second.run_id)
    assert "left behind: False False" in one and "left behind: False False" in two
    # a batch's kernels write nothing into the analyst's IPython history (it had grown to 93 MB of report cells)
    assert "shell history kept: False" in one and "shell history kept: False" in two
    pid_one, pid_two = (int(re.search(r"kernel: (\d+) (.+)", text).group(1)) for text in (one, two))
    assert pid_one != pid_two  # each run got the kernel forked ahead of it
    assert [pid_one] == forked_at_open and [pid_two] == spare
    session.kernels.spare_pids()
    assert session.kernels.forked == 3  # two runs and the next spare: no kernel forked in vain
    assert f"{FIXTURES.resolve()}\n" in one  # the notebook's folder is the working directory
    assert _gone(pid_one)
    draws = [re.search(r"draw: (\S+)", text).group(1) for text in (one, two)]
    assert draws[0] != draws[1]  # numpy's global random state is re-seeded in every kernel
    manifest = (tmp_path / "w" / second.run_id / "manifest.json").read_text(encoding="utf-8")
    assert '"mode": "warm"' in manifest and '"kernel_s"' in manifest


def test__warm_kernels__a_killed_kernel_is_seen_gone_at_once(tmp_path, session, monkeypatch):
    """After its last cell a run's kernel is killed and jupyter_client waits for it to exit, looking every 0.1 s:
    that look came too early and cost every run a tenth of a second with nothing to do. The pooled manager waits
    on the kernel's pidfd instead, so the run never sleeps a poll interval."""
    import asyncio

    slept = []
    real_sleep = asyncio.sleep

    async def recorded(delay, *args, **kwargs):
        slept.append(delay)
        return await real_sleep(delay, *args, **kwargs)

    monkeypatch.setattr(asyncio, "sleep", recorded)
    for lang in ("vi", "en"):
        result = execute_run(_spec(tmp_path, FIXTURES / "state.ipynb", lang=lang), session)
        assert result.status == "ok", result.error
    assert 0.1 not in slept, slept


def test__warm_kernels__a_spare_that_died_is_replaced(tmp_path, session):
    (spare,) = session.kernels.spare_pids()
    os.kill(spare, signal.SIGKILL)
    time.sleep(0.2)
    result = execute_run(_spec(tmp_path, FIXTURES / "state.ipynb"), session)
    assert result.status == "ok", result.error
    assert session.kernels.replaced == 1
    assert f"kernel: {spare} " not in _printed(tmp_path / "w" / result.run_id)


def test__kernel_template__forks_from_one_thread_with_the_reports_stack_loaded():
    # A thread alive in the template when it forks (OpenBLAS's pool, Arrow's jemalloc background thread) may hold
    # a lock the kernel then waits on for ever: a batch run failed "Kernel didn't respond in 60 seconds" so.
    from analysis.report.runtime.kernel import KERNEL_ARGUMENTS
    from analysis.report.runtime.kernelpool import KernelPool

    pool = KernelPool(preload=["numpy", "pandas", "pyarrow", "scipy.linalg", "analysis.run.context"])
    try:
        pool.prepare(paths.NOTEBOOKS_DIR, KERNEL_ARGUMENTS)
        assert len(pool.spare_pids()) == 1
        assert pool.failed_imports == []
        assert pool.template_threads == 1
    finally:
        pool.close()


def _gone(pid: int) -> bool:
    """The process has exited: no such process any more, or a zombie its parent has not reaped yet."""
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def test__shared_template__the_workers_of_a_batch_fork_their_kernels_from_one_template(tmp_path, caplog):
    """One template per batch (issue 20, speed): each worker's pool connects to it; a worker's kernels end with its
    connection, the others' do not; a pool that cannot reach it starts its own template."""
    from analysis.report.runtime.kernel import KERNEL_ARGUMENTS
    from analysis.report.runtime.kernelpool import KernelPool, SharedTemplate

    template = SharedTemplate(preload=["numpy"], places=(), cwd=paths.NOTEBOOKS_DIR)
    pools = [KernelPool(preload=["numpy"], places=(), shared=template.address) for _ in range(2)]
    try:
        for pool in pools:
            pool.prepare(paths.NOTEBOOKS_DIR, KERNEL_ARGUMENTS)
        (first,), (second,) = (pool.spare_pids() for pool in pools)
        assert psutil.Process(first).ppid() == psutil.Process(second).ppid() == template.process.pid
        assert all(pool.failed_imports == [] and pool.template_threads == 1 for pool in pools)
        # Unix sockets, not TCP ports: no port another worker's kernel could take first
        assert {pool._spares[0].connection_info["transport"] for pool in pools} == {"ipc"}
        # a connection closed with the template's reply unread (a worker exiting) is reset, not ended: the template
        # used to die of it (ConnectionResetError at the end of every batch), with the other workers' kernels
        for _ in range(3):
            client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            client.connect(template.address[0])
            time.sleep(0.2)  # the "ready" line arrives, unread
            client.close()
        time.sleep(0.3)
        assert template.process.poll() is None and psutil.Process(second).is_running()
        folder = pools[0]._folder
        # handles taken before the kernels end: one that has already exited and been reaped has no process to find
        first_process, second_process = psutil.Process(first), psutil.Process(second)
        pools[0].close()
        assert not os.path.exists(folder)
        psutil.wait_procs([first_process], timeout=10)
        assert _gone(first)
        assert second_process.is_running()
        template.close()
        psutil.wait_procs([second_process], timeout=10)
        assert _gone(second)
        alone = KernelPool(preload=["numpy"], places=(), shared=template.address)  # the template has gone
        try:
            alone.prepare(paths.NOTEBOOKS_DIR, KERNEL_ARGUMENTS)
            (pid,) = alone.spare_pids()
            assert psutil.Process(pid).ppid() not in (template.process.pid, os.getpid())
            assert "cannot be reached" in caplog.text
        finally:
            alone.close()
    finally:
        for pool in pools:
            pool.close()
        template.close()


def test__warm_kernels__a_kernel_dying_mid_run_fails_that_run_only(tmp_path, session):
    marker = tmp_path / "die"
    marker.write_text("x")
    died = execute_run(_spec(tmp_path, FIXTURES / "killer.ipynb", marker=str(marker)), session)
    assert died.status == "failed" and "died" in died.error_text().lower()
    assert execute_run(_spec(tmp_path, FIXTURES / "state.ipynb"), session).status == "ok"


def _chromium_pids() -> list[int]:
    """The main Chromium processes under this one (Playwright's driver starts them; renderers have ``--type=``)."""
    found = []
    for proc in psutil.Process().children(recursive=True):
        try:
            cmd = proc.cmdline()
        except psutil.Error:
            continue
        if cmd and Path(cmd[0]).name == "chromium" and not any(a.startswith("--type=") for a in cmd):
            found.append(proc.pid)
    return found


def test__browser__killed_between_reports_the_next_pdf_still_prints(tmp_path):
    spec = _spec(tmp_path, FIXTURES / "state.ipynb", formats=("html", "pdf"))
    session = WorkerSession(warm_settings([spec])).open()
    try:
        assert execute_run(spec, session).status == "ok"
        browser = session.browser
        (first_pid,) = _chromium_pids()
        os.killpg(first_pid, signal.SIGKILL)  # Chromium and its renderers (Playwright starts it in a group of its own)
        again = execute_run(_spec(tmp_path, FIXTURES / "state.ipynb", formats=("html", "pdf"), lang="en"), session)
        assert again.status == "ok", again.error
        pdf = tmp_path / "w" / again.run_id / "state.pdf"
        assert pdf.read_bytes()[:5] == b"%PDF-"
        (second_pid,) = _chromium_pids()
        assert browser.starts == 2 and second_pid != first_pid
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "left behind: False False" in text
    finally:
        session.close()
    assert _gone(first_pid)
    assert _chromium_pids() == []


@pytest.mark.parametrize("notebook", ["00_summary", "01_bau_baseline"])
def test__warm_and_cold_runs__same_notebook_outputs(tmp_path, notebook):
    from test_runner import NOTEBOOK_FIXTURE_PARAMETERS

    path = paths.NOTEBOOKS_DIR / f"{notebook}.ipynb"
    values = NOTEBOOK_FIXTURE_PARAMETERS[notebook]
    cold = plan_run(path, values, batch="cold", batch_dir=tmp_path / "cold")
    warm = plan_run(path, values, batch="warm", batch_dir=tmp_path / "warm")
    session = WorkerSession(warm_settings([warm])).open()
    try:
        assert execute_run(cold).status == "ok" and execute_run(warm, session).status == "ok"
    finally:
        session.close()

    def outputs(folder: Path) -> list:
        nb = nbformat.read(folder / f"{notebook}.ipynb", as_version=4)
        return [
            (
                c.execution_count,
                o.output_type,
                sorted(o.get("data", {})),
                o.get("text") or o.get("data", {}).get("text/markdown") or "",
            )
            for c in nb.cells
            if c.cell_type == "code"
            for o in c.get("outputs", [])
        ]

    a, b = outputs(cold.folder), outputs(warm.folder)
    assert a == b
    assert sum("image/png" in kinds for _, _, kinds, _ in a) >= 1  # the charts are there in both (the summary has one)


def test__kernel_template__a_report_kernel_imports_nothing_the_template_could_have(tmp_path):
    """A module a report's kernel imports after its fork is imported again by every kernel of a batch (IPython's
    magics, pyarrow's Parquet, PIL's plugins cost ~0.1 CPU-s a kernel): the template imports them once. The
    reports' notebooks, each with one more cell that lists what its kernel imported itself."""
    kept = tmp_path / "notebooks"
    kept.mkdir()
    specs = []
    for stem, values in (("01_bau_baseline", {"lang": "vi"}), ("04_national_overview", {"lang": "en", "map": 2025})):
        nb = nbformat.read(paths.NOTEBOOKS_DIR / f"{stem}.ipynb", as_version=4)
        nb.cells.append(
            nbformat.v4.new_code_cell(
                "import sys\n"
                "from analysis.report.runtime.forkserver import TEMPLATE_MODULES\n"
                "print('imported here:', sorted(set(sys.modules) - TEMPLATE_MODULES))"
            )
        )
        nbformat.write(nb, kept / f"{stem}.ipynb")
        specs.append(_spec(tmp_path, kept / f"{stem}.ipynb", **values))
    # warmed as a batch of every report is (the national batch): the template imports what all the notebooks import
    every = [_spec(tmp_path, path, lang="vi") for path in sorted(paths.NOTEBOOKS_DIR.glob("0*.ipynb"))]
    session = WorkerSession(warm_settings([*specs, *every])).open()
    try:
        results = [execute_run(spec, session) for spec in specs]
    finally:
        session.close()
    assert [r.status for r in results] == ["ok", "ok"], [r.error for r in results]
    for spec in specs:
        line = _printed(tmp_path / "w" / spec.run_id).rsplit("imported here:", 1)[1].splitlines()[0]
        assert line.strip() == "[]", f"{spec.run_id} imported {line}"


def test__notebook_imports__from_code_cells_without_magics(tmp_path):
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "%matplotlib inline\nimport numpy as np, os.path\nfrom analysis.viz import style"
            ),
            nbformat.v4.new_code_cell("from . import local\nx = (\n"),  # relative import skipped, bad cell ignored
            nbformat.v4.new_markdown_cell("import not_code"),
        ]
    )
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, path)
    assert notebook_imports([path]) == ("numpy", "os.path", "analysis.viz:style", "analysis.viz")


_OWNER = """
import sys, time
from pathlib import Path
from analysis.report.runtime.session import WarmSettings, WorkerSession
s = WorkerSession(WarmSettings(preload=("pandas",), pdf=True, cwd=sys.argv[1])).open()
s.kernels.spare_pids()
s.browser.start()
print("ready", flush=True)
time.sleep(600)
"""


def test__session__owner_killed_leaves_no_template_kernel_or_browser(tmp_path):
    """The safety net under Ctrl-C handling: a worker killed outright takes its processes with it."""
    script = tmp_path / "owner.py"
    script.write_text(textwrap.dedent(_OWNER), encoding="utf-8")
    owner = subprocess.Popen([sys.executable, str(script), str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert owner.stdout.readline().strip() == "ready"
        tree = psutil.Process(owner.pid).children(recursive=True)
        names = " ".join(" ".join(p.cmdline()) for p in tree)
        assert "analysis.report.runtime.forkserver" in names and "chromium" in names and len(tree) >= 4
        owner.kill()
        owner.wait()
        _, alive = psutil.wait_procs(tree, timeout=15)
        assert alive == [], [p.cmdline() for p in alive]
    finally:
        if owner.poll() is None:
            owner.kill()


def test__browser__a_browser_that_cannot_start_says_so(tmp_path, monkeypatch):
    from analysis.report.runtime.browser import Browser, BrowserError

    broken = tmp_path / "chromium"
    broken.write_text("#!/bin/sh\nexit 3\n")  # exits at once: its DevTools pipe closes unanswered
    broken.chmod(0o755)
    monkeypatch.setenv("NETZERO_CHROMIUM", str(broken))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))  # where Playwright's driver makes the profile folder
    (tmp_path / "tmp").mkdir()
    browser = Browser(start_timeout=10)
    try:
        with pytest.raises(BrowserError, match=r"did not start \(exit 3\)") as raised:
            browser.start()
        assert "\n" not in str(raised.value)  # one sentence, not Playwright's launch log
        assert not browser.alive()
        with pytest.raises(BrowserError, match="did not start"):  # a PDF says the same
            browser.print_pdf(tmp_path / "p.html")
    finally:
        browser.close()
    assert list((tmp_path / "tmp").iterdir()) == []  # nothing left: no profile folder
