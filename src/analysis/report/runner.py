"""Run one notebook with validated parameters into its own report folder, atomically.

Input: a :class:`RunSpec` (notebook, parameters already checked by
:mod:`analysis.report.params`, run id, batch folder, export formats, input hashes).
Output: ``<batch_dir>/<run_id>/`` holding the executed notebook, ``run.log``, the exports and
``manifest.json`` — built in a temporary folder beside it and renamed only when the run succeeded,
so an earlier good run survives a failed re-run. A failed run's notebook, log and manifest go to
``<batch_dir>/_failed/<run_id>/`` instead (replaced on each failure, removed on the next success).

The notebook runs with papermill in the ``netzero`` kernel (:mod:`analysis.report.runtime.kernel`), with the
notebook's own folder as working directory. With a :class:`~analysis.report.runtime.session.WorkerSession`
(the batch default) the kernel is a warm one from the worker's pool, used for this run only, and PDFs
are printed by the worker's long-lived browser; without one (``--cold``, ``netzero run``) papermill starts a
kernel and a run that makes a PDF starts its own Chromium as the run starts (ready when the notebook has run). The manifest's ``timings`` say where the time went.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from analysis import paths
from analysis.io import atomic_dir
from analysis.report.manifest import describe_environment, write_manifest
from analysis.report.runtime.browser import Browser
from analysis.report.runtime.kernel import KERNEL_ARGUMENTS, KERNEL_NAME, ensure_kernel
from analysis.report.runtime.session import WarmSettings, WorkerSession, worker_session

FAILED_DIR = "_failed"
LOG_NAME = "run.log"


@dataclass(frozen=True)
class RunSpec:
    """Everything a worker needs to make one run (picklable, so it can go to a process or a Dask worker)."""

    notebook: Path
    parameters: dict[str, Any]
    run_id: str
    batch: str
    batch_dir: Path
    inputs: dict[str, Any]
    formats: tuple[str, ...] = ("html",)
    timeout: int = 600
    kernel_name: str = KERNEL_NAME
    git: dict[str, Any] | None = None

    @property
    def folder(self) -> Path:
        return self.batch_dir / self.run_id

    @property
    def failed_folder(self) -> Path:
        return self.batch_dir / FAILED_DIR / self.run_id


@dataclass
class RunResult:
    """Outcome of one run, for the batch summary."""

    run_id: str
    notebook: str
    status: str  # "ok", "failed" or "skipped"
    seconds: float = 0.0
    folder: str = ""
    error: dict[str, Any] | None = None
    outputs: list[str] = field(default_factory=list)
    timings: dict[str, Any] = field(default_factory=dict)

    def error_text(self) -> str:
        """``cell In [3]: ValueError: boom`` (empty when the run did not fail)."""
        if not self.error:
            return ""
        where = f"cell In [{self.error['execution_count']}]: " if self.error.get("execution_count") else ""
        stage = f"{self.error['stage']}: " if self.error.get("stage") not in (None, "execute") else ""
        return f"{stage}{where}{self.error.get('ename', '')}: {self.error.get('evalue', '')}".strip()


class _RunFailed(Exception):
    """Aborts the atomic folder of a failed run (carries its result)."""

    def __init__(self, result: RunResult):
        super().__init__(result.run_id)
        self.result = result


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class _ThreadLog:
    """Send the ``papermill`` logger (cell outputs) of the current thread to ``run.log``."""

    def __init__(self, path: Path):
        self.handler = logging.FileHandler(path, encoding="utf-8")
        self.handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        ident = threading.get_ident()
        self.handler.addFilter(lambda record: record.thread == ident)
        self.loggers = [logging.getLogger("papermill"), logging.getLogger("analysis.report")]

    def __enter__(self) -> logging.Logger:
        for logger in self.loggers:
            logger.addHandler(self.handler)
            if logger.level == logging.NOTSET or logger.level > logging.INFO:
                logger.setLevel(logging.INFO)
        return self.loggers[1]

    def __exit__(self, *exc: object) -> None:
        for logger in self.loggers:
            logger.removeHandler(self.handler)
        self.handler.close()


def execute_run(spec: RunSpec, session: WorkerSession | None = None) -> RunResult:
    """Execute ``spec`` and publish its folder; never raises for a failing notebook (Ctrl-C does raise).

    ``session``: the worker's warm kernels and browser; ``None`` runs cold (a new kernel, and for PDFs a browser
    of the run's own, started with the run so that it is ready when the notebook has run).

    Returns
    -------
    RunResult
        ``status`` is ``"ok"`` with the run folder, or ``"failed"`` with the failing cell's
        execution number, exception name and message and the ``_failed`` folder.
    """
    kernel = ensure_kernel(spec.kernel_name)
    browser = None
    if session is None and "pdf" in spec.formats:
        browser = Browser()
        browser.start(wait=False)
    try:
        with atomic_dir(spec.folder) as work:
            result = _execute_into(spec, work, kernel, session, browser.print_pdf if browser else None)
            if result.status != "ok":
                with atomic_dir(spec.failed_folder) as failed:
                    for item in work.iterdir():
                        shutil.move(str(item), failed / item.name)
                result.folder = paths.relative_to_project(spec.failed_folder)
                raise _RunFailed(result)
    except _RunFailed as failure:
        return failure.result
    finally:
        if browser is not None:
            browser.close()
    shutil.rmtree(spec.failed_folder, ignore_errors=True)
    return result


_interrupted = False


def run_in_worker(spec: RunSpec, settings: WarmSettings | None) -> RunResult:
    """Run ``spec`` in a pool or Dask worker: warm with this process's session, or cold (``settings=None``).

    After Ctrl-C has reached this worker it starts no further run: the runs already queued to it are
    refused at once, so it is free to exit while the batch stops.
    """
    global _interrupted
    if _interrupted:
        raise KeyboardInterrupt("the batch was interrupted")
    try:
        return execute_run(spec, worker_session(settings) if settings else None)
    except KeyboardInterrupt:
        _interrupted = True
        raise


_environments: dict[str, dict[str, Any]] = {}


def _environment(kernel: dict[str, str], git: dict[str, Any] | None) -> dict[str, Any]:
    """The manifest's ``environment``, worked out once per process (reading every package's metadata is slow).

    A warm worker's kernels run the modules its template imported when the batch started, so the
    versions seen then are the ones its runs use.
    """
    import json

    if git is None:  # looked up now: nothing to reuse
        return describe_environment(kernel, git)
    key = json.dumps([kernel, git], sort_keys=True, default=str)
    if key not in _environments:
        _environments[key] = describe_environment(kernel, git)
    return _environments[key]


def _engine_options(session: WorkerSession | None) -> dict[str, Any]:
    """papermill/nbclient options: a warm kernel from the session's pool, killed after the run; else a kernel of
    its own, shut down without the interrupt that makes an idle kernel log an error."""
    if session is None or session.kernels is None:
        from analysis.report.runtime.kernel import QuietKernelManager

        return {"kernel_manager_class": QuietKernelManager}
    return {"kernel_manager_class": session.kernels.manager_class, "shutdown_kernel": "immediate"}


def kernel_seconds(nb: Any) -> float:
    """Seconds the kernel spent executing the cells of an executed notebook (its own timestamps).

    nbclient records, per cell, when the kernel announced the input and when it sent the reply.
    """
    total = 0.0
    for cell in nb.cells:
        stamps = cell.get("metadata", {}).get("execution", {})
        if "iopub.execute_input" in stamps and "shell.execute_reply" in stamps:
            start = datetime.fromisoformat(stamps["iopub.execute_input"])
            total += max(0.0, (datetime.fromisoformat(stamps["shell.execute_reply"]) - start).total_seconds())
    return round(total, 3)


def first_cell_delay(nb: Any, since: datetime) -> float | None:
    """Seconds from ``since`` (the run's start) to the kernel starting its first cell: start-up left in a run."""
    for cell in nb.cells:
        stamp = cell.get("metadata", {}).get("execution", {}).get("iopub.execute_input")
        if stamp:
            return round((datetime.fromisoformat(stamp) - since).total_seconds(), 3)
    return None


def _execute_into(
    spec: RunSpec,
    work: Path,
    kernel: dict[str, str],
    session: WorkerSession | None,
    printer: Callable[[Path], bytes] | None = None,
) -> RunResult:
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    started, t0, since = _now(), time.perf_counter(), datetime.now(UTC)
    executed = work / spec.notebook.name
    error: dict[str, Any] | None = None
    outputs: list[str] = []
    timings: dict[str, Any] = {"mode": "cold" if session is None else "warm"}
    with _ThreadLog(work / LOG_NAME) as log:
        log.info("run %s: %s with %s", spec.run_id, paths.relative_to_project(spec.notebook), spec.parameters)
        # charts as SVG too only when asked (the kernel, forked or started now, reads this at each chart)
        os.environ[paths.FIGURE_FORMATS_ENV] = "png,svg" if "svg" in spec.formats else "png"
        try:
            nb = pm.execute_notebook(
                str(spec.notebook),
                str(executed),
                parameters=dict(spec.parameters),
                kernel_name=kernel["name"],
                cwd=str(spec.notebook.parent),
                log_output=True,
                progress_bar=False,
                execution_timeout=spec.timeout,
                # the notebook is written once at the end (and on failure), not after
                # every cell: rewriting a notebook full of charts each cell cost ~1 s
                request_save_on_cell_execute=False,
                extra_arguments=list(KERNEL_ARGUMENTS),
                **_engine_options(session),
            )
            timings["kernel_s"] = kernel_seconds(nb)
            timings["first_cell_s"] = first_cell_delay(nb, since)
            if session is not None and session.kernels is not None:
                timings["kernel_wait_s"] = session.kernels.waited()
        except PapermillExecutionError as exc:
            error = {
                "stage": "execute",
                "cell_index": exc.cell_index,
                "execution_count": exc.exec_count,
                "ename": exc.ename,
                "evalue": exc.evalue,
            }
        except Exception as exc:  # kernel died, timeout, unreadable notebook: the run fails, the batch goes on
            error = {"stage": "execute", "ename": type(exc).__name__, "evalue": str(exc)}
        timings["execute_s"] = round(time.perf_counter() - t0, 3)
        if error is None:
            try:
                timings["export_s"] = {}
                lock = _environment(kernel, spec.git).get("lock")
                outputs = export_notebook(executed, work, spec, session, timings["export_s"], printer, lock)
            except Exception as exc:  # an exporter failing fails this run only
                error = {"stage": "export", "ename": type(exc).__name__, "evalue": str(exc)}
        seconds = round(time.perf_counter() - t0, 2)
        status = "ok" if error is None else "failed"
        log.info("run %s: %s in %.1f s%s", spec.run_id, status, seconds, f" ({error})" if error else "")
    names = [executed.name, LOG_NAME, *outputs] if executed.exists() else [LOG_NAME]
    write_manifest(
        work,
        {
            "run_id": spec.run_id,
            "batch": spec.batch,
            "notebook": paths.relative_to_project(spec.notebook),
            "parameters": spec.parameters,
            "effective_parameters": effective_parameters(spec),
            "formats": list(spec.formats),
            "inputs": spec.inputs,
            "environment": _environment(kernel, spec.git),
            "started": started,
            "finished": _now(),
            "seconds": seconds,
            "timings": timings,
            "status": status,
            "error": error,
            "outputs": names,
        },
    )
    return RunResult(
        run_id=spec.run_id,
        notebook=spec.notebook.stem,
        status=status,
        seconds=seconds,
        folder=paths.relative_to_project(spec.folder),
        error=error,
        outputs=names,
        timings=timings,
    )


def effective_parameters(spec: RunSpec) -> dict[str, Any]:
    """The values the notebook ran with: its declared defaults overridden by the parameters given."""
    from analysis.report.params import read_contract

    try:
        defaults = {name: p.default for name, p in read_contract(spec.notebook).items()}
    except Exception:  # a notebook without a contract (never planned here) still runs with what was given
        defaults = {}
    return defaults | dict(spec.parameters)


def export_notebook(
    executed: Path,
    out_dir: Path,
    spec: RunSpec,
    session: WorkerSession | None = None,
    timings: dict[str, float] | None = None,
    printer: Callable[[Path], bytes] | None = None,
    lock: dict[str, Any] | None = None,
) -> list[str]:
    """Export ``executed`` in ``spec.formats`` into ``out_dir`` (``analysis.report.export``); return the names.

    PDFs go through ``printer`` or else ``session``'s browser when there is one (else a browser is started for
    the PDF); ``timings`` receives seconds per format; ``lock`` is the environment's lock state
    (:func:`analysis.report.manifest.lock_state`), named in the report's colophon.
    """
    from analysis.report.export import export_run

    params = effective_parameters(spec)
    scenarios = params.get("scenarios") or ([params["scenario"]] if params.get("scenario") else [])
    context = {
        "run_id": spec.run_id,
        "batch_id": spec.batch,
        "notebook": spec.notebook.stem,
        "parameters": params,
        "lang": params.get("lang"),
        "province": params.get("province"),
        "scenarios": scenarios,
        "manifest_hash": spec.inputs.get("digest", ""),
        "lock_hash": (lock or {}).get("sha256") or "",
        "lock_matches": (lock or {}).get("matches"),
    }
    printer = printer or (session.print_pdf if session is not None else None)
    written = export_run(executed, out_dir, list(spec.formats), context, pdf_printer=printer, timings=timings)
    return [Path(p).relative_to(out_dir).as_posix() for p in written]
