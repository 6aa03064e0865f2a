"""Execute planned runs: in parallel processes (or on a Dask cluster), with resume, progress and a summary.

Input: :class:`~analysis.report.runner.RunSpec` objects from :mod:`analysis.report.plan`.
Output: one folder per run under ``reports/<batch>/`` (see :mod:`analysis.report.runner`), a list of
:class:`~analysis.report.runner.RunResult` and a summary table (:func:`format_summary`).

A failed run does not stop the others. ``resume=True`` skips runs whose manifest says ``ok`` and
whose input digest is unchanged. Ctrl-C stops the workers, removes every temporary run folder
and re-raises ``KeyboardInterrupt`` (the command line exits 130).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path

from analysis.report.kernel import ensure_kernel
from analysis.report.manifest import is_run_current, read_manifest
from analysis.report.runner import FAILED_DIR, RunResult, RunSpec, execute_run


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
            skipped.append(RunResult(run_id=spec.run_id, notebook=spec.notebook.stem, status="skipped",
                                     folder=str(spec.folder)))
        else:
            todo.append(spec)
    return todo, skipped


def run_batch(specs: list[RunSpec], *, jobs: int | None = None, resume: bool = False,
              scheduler: str | None = None, progress: bool = True) -> list[RunResult]:
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
        Show a progress bar (on a terminal) or one line per finished run (otherwise).
    """
    todo, skipped = split_resumable(specs, resume)
    done: dict[str, RunResult] = {r.run_id: r for r in skipped}
    if todo:
        report = _progress(len(todo), specs[0].batch if specs else "", progress)
        try:
            if scheduler:
                from analysis.report.cluster import run_on_cluster

                results = run_on_cluster(todo, scheduler, on_done=report)
            else:
                ensure_kernel(todo[0].kernel_name)
                results = _run_local(order_longest_first(todo), jobs or default_jobs(), report)
        except BaseException:
            remove_partial_runs(todo)
            raise
        finally:
            report(None)
        done.update((r.run_id, r) for r in results)
    return [done[s.run_id] for s in specs]


def order_longest_first(specs: list[RunSpec]) -> list[RunSpec]:
    """Runs ordered by the time their last run took, longest first (runs never seen before go first).

    With a pool, starting the long runs first keeps the last minutes from running one job alone
    (longest-processing-time scheduling); the results are still returned in the planned order.
    """
    def last_seconds(spec: RunSpec) -> float:
        for folder in (spec.folder, spec.failed_folder):
            manifest = read_manifest(folder)
            if manifest and manifest.get("seconds"):
                return float(manifest["seconds"])
        return float("inf")

    return sorted(specs, key=last_seconds, reverse=True)


def _run_local(todo: list[RunSpec], jobs: int, on_done: Callable) -> list[RunResult]:
    if jobs <= 1 or len(todo) == 1:
        out = []
        for spec in todo:
            out.append(execute_run(spec))
            on_done(out[-1])
        return out
    # "spawn": a clean interpreter per worker (forking a process that holds threads is unsafe).
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(todo)), mp_context=multiprocessing.get_context("spawn"))
    futures: dict[Future, RunSpec] = {}
    try:
        futures = {pool.submit(execute_run, spec): spec for spec in todo}
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


def _result_of(fut: Future, spec: RunSpec) -> RunResult:
    """The run's result; a worker that died (out of memory, killed) makes a failed result."""
    try:
        return fut.result()
    except KeyboardInterrupt:
        raise
    except Exception as exc:
        return RunResult(run_id=spec.run_id, notebook=spec.notebook.stem, status="failed",
                         error={"stage": "worker", "ename": type(exc).__name__, "evalue": str(exc)})


def _stop_pool(pool: ProcessPoolExecutor, grace: float = 15.0) -> None:
    """Cancel queued runs; give running ones ``grace`` seconds to clean up, then terminate them."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        proc.join(timeout=grace)
        if proc.is_alive():
            proc.terminate()
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


def _progress(total: int, name: str, enabled: bool) -> Callable[[RunResult | None], None]:
    """A callback: a tqdm bar on a terminal, otherwise one line per finished run; ``None`` closes it."""
    from tqdm import tqdm

    interactive = enabled and sys.stderr.isatty()
    bar = tqdm(total=total, desc=name or "runs", unit="run", disable=not interactive, file=sys.stderr)

    done = [0]

    def report(result: RunResult | None) -> None:
        if result is None:
            bar.close()
            return
        done[0] += 1
        bar.update(1)
        if enabled and not interactive:
            print(f"[{done[0]}/{total}] {result.status:7} {result.run_id} {result.error_text()}".rstrip(),
                  file=sys.stderr, flush=True)

    return report


def format_summary(results: list[RunResult]) -> str:
    """A plain-text table: status, run, seconds, and the folder or the failing cell and error."""
    marks = {"ok": "✓ ok", "failed": "✗ failed", "skipped": "= skipped"}
    rows = [(marks.get(r.status, r.status), r.run_id, f"{r.seconds:.1f}" if r.status != "skipped" else "–",
             r.error_text() or r.folder) for r in results]
    head = ("status", "run", "s", "output / error")
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows, strict=False)]
    line = "  ".join(f"{{:{w}}}" for w in widths[:-1]) + "  {}"
    counts = {s: sum(r.status == s for r in results) for s in ("ok", "failed", "skipped")}
    tail = f"{len(results)} runs: {counts['ok']} ok, {counts['failed']} failed, {counts['skipped']} skipped"
    return "\n".join([line.format(*head), *(line.format(*row) for row in rows), tail])
