"""Execute planned runs: in parallel processes (or on a Dask cluster), with resume, progress and a summary.

Input: :class:`~analysis.report.runner.RunSpec` objects from :mod:`analysis.report.plan`.
Output: one folder per run under ``reports/<batch>/`` (see :mod:`analysis.report.runner`), a list of
:class:`~analysis.report.runner.RunResult` and a summary table (:func:`format_summary`).

A failed run does not stop the others. ``resume=True`` skips runs whose manifest says ``ok`` and
whose input digest is unchanged. Ctrl-C stops the workers, removes every temporary run folder
and re-raises ``KeyboardInterrupt`` (the command line exits 130).

By default each worker is warm (:mod:`analysis.report.runtime.session`): kernels forked from a template that
has imported what the batch's notebooks import and read their data, one kernel per run, and one browser for all
its PDFs. A local batch has one template for all its workers (:class:`~analysis.report.runtime.kernelpool.SharedTemplate`),
and its workers are forked from a fork server that has imported what a worker imports (:func:`worker_context`):
the imports are paid once per batch, not once per worker. ``cold=True`` is the old path (a new kernel per run, a
browser start per PDF), kept for comparison. Memory does not grow with the number of runs: each worker holds one
run, one spare kernel and one browser; the batch process holds the plan, the results and the template.
"""

from __future__ import annotations

import collections
import dataclasses
import multiprocessing
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path

from analysis.report.manifest import is_run_current, read_manifest
from analysis.report.runner import FAILED_DIR, RunResult, RunSpec, execute_run, run_in_worker
from analysis.report.runtime.kernel import ensure_kernel
from analysis.report.runtime.kernelpool import SharedTemplate
from analysis.report.runtime.session import WarmSettings, WorkerSession, init_worker, notebook_imports


def default_jobs() -> int:
    """Parallel runs by default: the CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def split_resumable(specs: list[RunSpec], resume: bool) -> tuple[list[RunSpec], list[RunResult]]:
    """Runs still to do, and ``skipped`` results for those already current (only when ``resume``)."""
    todo, skipped = [], []
    for spec in specs:
        if resume and is_run_current(spec.folder, spec.inputs["digest"]):
            skipped.append(
                RunResult(run_id=spec.run_id, notebook=spec.notebook.stem, status="skipped", folder=str(spec.folder))
            )
        else:
            todo.append(spec)
    return todo, skipped


def warm_settings(specs: list[RunSpec]) -> WarmSettings:
    """How workers warm up for ``specs``: the notebooks' imports, PDFs or not, the kernel, the usual folder."""
    folders = collections.Counter(str(s.notebook.parent) for s in specs)
    return WarmSettings(
        preload=notebook_imports([s.notebook for s in specs]),
        places=tuple(
            dict.fromkeys(
                (str(s.parameters["province"]), s.parameters.get("map")) for s in specs if s.parameters.get("province")
            )
        ),
        pdf=any("pdf" in s.formats for s in specs),
        kernel_name=specs[0].kernel_name,
        cwd=folders.most_common(1)[0][0],
        code=str(specs[0].inputs.get("code", "")),
    )


def run_batch(
    specs: list[RunSpec],
    *,
    jobs: int | None = None,
    resume: bool = False,
    scheduler: str | None = None,
    progress: bool = True,
    cold: bool = False,
) -> list[RunResult]:
    """Run ``specs``; return one result per spec, in the same order.

    Parameters
    ----------
    specs : list of RunSpec
        Planned runs.
    jobs : int, optional
        Parallel local runs (default: the CPU count); ignored with ``scheduler``.
    resume : bool
        Skip runs that are complete and whose inputs are unchanged.
    scheduler : str, optional
        Address of a Dask scheduler (``tcp://HOST:PORT``) to run on instead of local processes.
    progress : bool
        Show a progress bar (on a terminal) or one line per finished run (otherwise), with the time left.
    cold : bool
        No warm kernels and no long-lived browser: each run starts its kernel, each PDF its browser.
    """
    todo, skipped = split_resumable(specs, resume)
    done: dict[str, RunResult] = {r.run_id: r for r in skipped}
    if todo:
        report = _progress(len(todo), specs[0].batch if specs else "", progress)
        settings = None if cold else warm_settings(todo)
        try:
            if scheduler:
                from analysis.report.cluster import run_on_cluster

                results = run_on_cluster(todo, scheduler, on_done=report, settings=settings)
            else:
                ensure_kernel(todo[0].kernel_name)
                if settings:
                    from analysis.report.runtime.kernelpool import template_interpreter

                    template_interpreter(settings.kernel_name)  # a kernelspec warm kernels cannot use: say so now
                results = _run_local(order_longest_first(todo), jobs or default_jobs(), report, settings)
        except BaseException:
            remove_partial_runs(todo)
            raise
        finally:
            report(None)
        done.update((r.run_id, r) for r in results)
    return [done[s.run_id] for s in specs]


def order_longest_first(specs: list[RunSpec]) -> list[RunSpec]:
    """Runs ordered by the time their last run took, longest first (runs never seen before go first); among runs
    alike in that, every run in the batch's first language before any in its second, and so on.

    With a pool, starting the long runs first keeps the last minutes from running one job alone
    (longest-processing-time scheduling); the results are still returned in the planned order. The languages
    apart: the two languages of a report share its facts and cached computations, which the first of them computes
    while the other waits on its lock (:func:`analysis.io.read_or_make`); run side by side, as the planned order
    had them, the second worker waited with its core idle at every place's first report.
    """

    def last_seconds(spec: RunSpec) -> float:
        for folder in (spec.folder, spec.failed_folder):
            manifest = read_manifest(folder)
            if manifest and manifest.get("seconds"):
                return float(manifest["seconds"])
        return float("inf")

    languages = list(dict.fromkeys(str(spec.parameters.get("lang", "")) for spec in specs))
    return sorted(specs, key=lambda spec: (-last_seconds(spec), languages.index(str(spec.parameters.get("lang", "")))))


def _run_here(todo: list[RunSpec], on_done: Callable, settings: WarmSettings | None) -> list[RunResult]:
    """Runs one after another in this process (with a session of its own when warm)."""
    session = WorkerSession(settings).open() if settings else None
    try:
        out = []
        for spec in todo:
            out.append(execute_run(spec, session))
            on_done(out[-1])
        return out
    finally:
        if session is not None:
            session.close()


def _run_local(todo: list[RunSpec], jobs: int, on_done: Callable, settings: WarmSettings | None) -> list[RunResult]:
    if jobs <= 1 or len(todo) == 1:
        return _run_here(todo, on_done, settings)
    # one kernel template for all the workers (the stack imported and the data read once); a warm worker connects
    # to it and starts its browser as soon as it starts, before its first run arrives
    template = (
        SharedTemplate(settings.kernel_name, settings.preload, settings.places, settings.cwd) if settings else None
    )
    if template is not None:
        settings = dataclasses.replace(settings, template=template.address)
    warm = {"initializer": init_worker, "initargs": (settings,)} if settings else {}
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(todo)), mp_context=worker_context(), **warm)
    futures: dict[Future, RunSpec] = {}
    try:
        futures = {pool.submit(run_in_worker, spec, settings): spec for spec in todo}
        results, pending = {}, set(futures)
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                results[futures[fut].run_id] = _result_of(fut, futures[fut])
                on_done(results[futures[fut].run_id])
        pool.shutdown()
        return [results[s.run_id] for s in todo]
    except BaseException:
        _stop_pool(pool)
        raise
    finally:
        _stop_fork_server()
        if template is not None:
            template.close()


def _stop_fork_server() -> None:
    """Stop the workers' fork server and wait for it, so that it and the workers it forked are this process's
    children to the end (their CPU time counted in this process's resource usage, as a benchmark reads it);
    the next pool starts a new one."""
    from multiprocessing import forkserver

    stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)
    if stop is not None:
        stop()


# What a worker imports to execute a run and export its report (papermill, nbconvert, xlsxwriter, Playwright's
# client): ≈ 2.5 s of CPU per worker when each imports them itself.
WORKER_MODULES = (
    "analysis.report.runner",
    "analysis.report.export",
    "analysis.report.runtime.session",
    "papermill",
    "xlsxwriter",
    "playwright.async_api",
)


def worker_context() -> multiprocessing.context.BaseContext:
    """How the pool starts its workers: forked from Python's fork server, which imports :data:`WORKER_MODULES` once.

    Never a fork of this process, which may hold threads (a lock held by one of them at the fork would stay
    locked in the worker for ever); the fork server is a clean interpreter with no threads, started on first use.
    Each worker is a fresh fork of it, so the imports are paid once per batch rather than once per worker.
    Where the fork server is not available, each worker is a fresh interpreter ("spawn") and imports them itself.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():  # pragma: no cover - not on Linux
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(WORKER_MODULES))
    return context


def _result_of(fut: Future, spec: RunSpec) -> RunResult:
    """The run's result; a worker that died (out of memory, killed) makes a failed result."""
    try:
        return fut.result()
    except KeyboardInterrupt:
        raise
    except Exception as exc:
        return RunResult(
            run_id=spec.run_id,
            notebook=spec.notebook.stem,
            status="failed",
            error={"stage": "worker", "ename": type(exc).__name__, "evalue": str(exc)},
        )


def _stop_pool(pool: ProcessPoolExecutor, grace: float = 15.0) -> None:
    """Cancel queued runs; give running ones ``grace`` seconds to clean up, then terminate, then kill them.

    A worker killed outright still leaves nothing running: its kernel template kills its kernels and
    its browser exits when their pipes close (see :mod:`analysis.report.runtime.session`).
    """
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    deadline = time.monotonic() + grace
    for proc in processes:
        proc.join(timeout=max(0.0, deadline - time.monotonic()))
    for proc in processes:
        if proc.is_alive():
            proc.terminate()
            proc.join(timeout=5)
        if proc.is_alive():
            proc.kill()
            proc.join(timeout=5)


def remove_partial_runs(specs: Iterable[RunSpec]) -> list[Path]:
    """Delete the temporary folders of ``specs`` (``.<run-id>.*.tmp`` beside run folders); return them."""
    removed = []
    for spec in specs:
        for parent in (spec.batch_dir, spec.batch_dir / FAILED_DIR):
            for tmp in parent.glob(f".{spec.run_id}.*.tmp"):
                shutil.rmtree(tmp, ignore_errors=True)
                removed.append(tmp)
    return removed


def format_eta(seconds: float) -> str:
    """``"about 12 min left"``, ``"about 40 s left"`` (rounded; the estimate is rough)."""
    if seconds >= 90:
        return f"about {round(seconds / 60)} min left"
    return f"about {max(5, round(seconds / 5) * 5)} s left"


def _progress(total: int, name: str, enabled: bool) -> Callable[[RunResult | None], None]:
    """A callback: a tqdm bar on a terminal, otherwise one line per finished run; ``None`` closes it.

    Both show an estimate of the time left: the batch's own pace so far (finished runs per second of
    wall time, which accounts for the parallel workers) applied to the runs still to do.
    """
    from tqdm import tqdm

    interactive = enabled and sys.stderr.isatty()
    bar = tqdm(
        total=total,
        desc=name or "runs",
        unit="run",
        disable=not interactive,
        file=sys.stderr,
        bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}{postfix}]",
    )
    start, done, failed = time.monotonic(), [0], [0]

    def report(result: RunResult | None) -> None:
        if result is None:
            bar.close()
            return
        done[0] += 1
        failed[0] += result.status == "failed"
        bar.update(1)
        if failed[0]:
            bar.set_postfix_str(f"{failed[0]} failed", refresh=False)
        if enabled and not interactive:
            left = (time.monotonic() - start) / done[0] * (total - done[0])
            eta = f" · {format_eta(left)}" if done[0] < total else ""
            print(
                f"[{done[0]}/{total}] {result.status:7} {result.run_id} ({result.seconds:.1f} s)"
                f"{eta} {result.error_text()}".rstrip(),
                file=sys.stderr,
                flush=True,
            )

    return report


def format_summary(results: list[RunResult]) -> str:
    """A plain-text table: status, run, seconds, and the folder or the failing cell and error."""
    marks = {"ok": "✓ ok", "failed": "✗ failed", "skipped": "= skipped"}
    rows = [
        (
            marks.get(r.status, r.status),
            r.run_id,
            f"{r.seconds:.1f}" if r.status != "skipped" else "–",
            r.error_text() or r.folder,
        )
        for r in results
    ]
    head = ("status", "run", "s", "output / error")
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows, strict=False)]
    line = "  ".join(f"{{:{w}}}" for w in widths[:-1]) + "  {}"
    counts = {s: sum(r.status == s for r in results) for s in ("ok", "failed", "skipped")}
    tail = f"{len(results)} runs: {counts['ok']} ok, {counts['failed']} failed, {counts['skipped']} skipped"
    return "\n".join([line.format(*head), *(line.format(*row) for row in rows), tail])
