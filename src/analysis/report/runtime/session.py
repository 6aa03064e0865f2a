"""What a batch worker keeps from one run to the next: warm kernels and one browser (never any run's state).

Input: the modules the batch's notebooks import (:func:`notebook_imports`), whether the batch prints
PDFs, the kernel name and the runs' working folder.
Output: a :class:`WorkerSession` for :func:`analysis.report.runner.execute_run`: its kernel pool
(:mod:`analysis.report.runtime.kernelpool`) gives each run a fresh kernel forked ahead of need, its browser
(:class:`analysis.report.runtime.browser.Browser`, Chromium driven by Playwright) prints every PDF of the
worker. Both are started when the session opens, in the background, so they warm up while the first run is
prepared.

One session per process (a local worker, the batch process itself with ``--jobs 1``, or a Dask
worker): :func:`worker_session` makes it on first use and closes it when the process exits
(``multiprocessing``'s exit hooks, which also run in pool and Dask worker processes). Should the
process die without them, the kernel template sees its pipe close and kills its kernels, and
Playwright's driver sees its pipe close and closes Chromium (which also exits when its own pipe closes).
"""

from __future__ import annotations

import ast
import threading
from dataclasses import dataclass
from multiprocessing import util
from pathlib import Path

from analysis.report.runtime.browser import Browser
from analysis.report.runtime.kernel import KERNEL_NAME
from analysis.report.runtime.kernelpool import KernelPool


@dataclass(frozen=True)
class WarmSettings:
    """How a worker warms up (picklable: sent to pool workers and Dask tasks)."""

    preload: tuple[str, ...] = ()
    places: tuple[tuple[str, int | None], ...] | None = None  # (province, map) of the runs: what the template reads
    pdf: bool = False
    kernel_name: str = KERNEL_NAME
    cwd: str = ""
    code: str = ""  # hash of the analysis package's source: a long-lived (Dask) worker re-warms when it changes
    template: tuple[str, int] | None = None  # the batch's shared kernel template (socket, pid); None: one per worker


@dataclass
class WorkerSession:
    """A worker's kernel pool and browser."""

    settings: WarmSettings
    kernels: KernelPool | None = None
    browser: Browser | None = None

    def open(self) -> WorkerSession:
        """Start the kernel template (forking the first spare) and, for PDFs, the browser; both in the background."""
        settings = self.settings
        self.kernels = KernelPool(
            settings.kernel_name, preload=settings.preload, places=settings.places, shared=settings.template
        )
        try:
            if self.settings.cwd:
                self.kernels.prepare(self.settings.cwd)
        except BaseException:
            self.kernels.close()
            raise
        if self.settings.pdf:
            # a browser that fails to start fails the first PDF, with its error
            self.browser = Browser()
            self.browser.start(wait=False)
        return self

    def print_pdf(self, html_file: Path, timeout: float = 120) -> bytes:
        """``html_file`` printed by this worker's browser (started now if the session has none yet)."""
        if self.browser is None:
            self.browser = Browser()
        return self.browser.print_pdf(html_file, timeout=timeout)

    def close(self) -> None:
        if self.kernels is not None:
            self.kernels.close()
        if self.browser is not None:
            self.browser.close()


_session: WorkerSession | None = None
_lock = threading.Lock()


def worker_session(settings: WarmSettings) -> WorkerSession:
    """This process's session for ``settings`` (opened on first use; replaced if the settings differ)."""
    global _session
    with _lock:
        if _session is not None and _session.settings != settings:
            close_worker_session()
        if _session is None:
            _session = WorkerSession(settings).open()
            util.Finalize(None, close_worker_session, exitpriority=20)
        return _session


def close_worker_session() -> None:
    """Close this process's session: kill its kernels, template and browser."""
    global _session
    session, _session = _session, None
    if session is not None:
        session.close()


def init_worker(settings: WarmSettings) -> None:
    """``ProcessPoolExecutor`` initializer: warm this worker up before its first run arrives.

    A failure here is not raised (it would break the whole pool): the first run opens the session
    again and fails with the error.
    """
    try:
        worker_session(settings)
    except Exception:  # noqa: BLE001
        close_worker_session()


def notebook_imports(notebooks: list[Path]) -> tuple[str, ...]:
    """Modules imported by the code cells of ``notebooks`` (``pkg.mod`` or ``pkg.mod:name`` for ``from``).

    IPython magics and shell lines are skipped; a cell that does not parse is ignored.
    """
    import nbformat

    found: dict[str, None] = {}
    for path in dict.fromkeys(notebooks):
        for cell in nbformat.read(str(path), as_version=4).cells:
            if cell.cell_type != "code":
                continue
            source = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!")))
            try:
                tree = ast.parse(source)
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    found.update((alias.name, None) for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    found.update((f"{node.module}:{alias.name}", None) for alias in node.names if alias.name != "*")
                    found[node.module] = None
    return tuple(found)
