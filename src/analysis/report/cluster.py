"""Run a batch on a Dask distributed cluster: the same per-run function, submitted to remote workers.

Input: planned :class:`~analysis.report.runner.RunSpec` objects and a scheduler address
(``tcp://HOST:PORT``). Workers need this project installed and the same paths (a shared file
system): they read the notebooks and data and write the run folders exactly as local runs do.
Output: the :class:`~analysis.report.runner.RunResult` of every run, in the order given.

Warm (the default): each Dask worker process keeps its own session (:mod:`analysis.report.runtime.session`:
a kernel template with spares, one browser), opened by its first task and closed when the worker
process exits; ``settings=None`` runs cold, as local ``--cold`` runs do.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from analysis.errors import AnalysisError
from analysis.report.runner import RunResult, RunSpec, run_in_worker
from analysis.report.runtime.session import WarmSettings


def run_on_cluster(
    specs: list[RunSpec],
    scheduler: str,
    *,
    on_done: Callable[[RunResult], None] | None = None,
    connect_timeout: float = 30,
    settings: WarmSettings | None = None,
) -> list[RunResult]:
    """Submit one task per run to the scheduler at ``scheduler`` and collect the results.

    A run that fails in its notebook comes back as a ``failed`` result; a task lost with its worker
    becomes a ``failed`` result too. Ctrl-C cancels the outstanding tasks and re-raises.
    """
    from distributed import Client, as_completed

    try:
        client = Client(scheduler, timeout=connect_timeout, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise AnalysisError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    try:
        # A fresh key per submission: a re-run must execute again, never reuse a cached result.
        keys = {spec.run_id: f"netzero-run-{spec.run_id}-{uuid.uuid4().hex[:8]}" for spec in specs}
        futures = {client.submit(run_in_worker, spec, settings, key=keys[spec.run_id]): spec for spec in specs}
        results: dict[str, RunResult] = {}
        try:
            for fut in as_completed(list(futures), loop=client.loop):
                spec = futures[fut]
                try:
                    result = fut.result()
                except Exception as exc:
                    result = RunResult(
                        run_id=spec.run_id,
                        notebook=spec.notebook.stem,
                        status="failed",
                        error={"stage": "worker", "ename": type(exc).__name__, "evalue": str(exc)},
                    )
                results[spec.run_id] = result
                if on_done:
                    on_done(result)
        except BaseException:
            client.cancel(list(futures), force=True)
            raise
        return [results[s.run_id] for s in specs]
    finally:
        client.close()
