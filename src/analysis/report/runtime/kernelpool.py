"""Warm kernels: a pool of ``netzero`` kernels forked from a template that has imported the stack once.

Why forking, not a pool of kernels each importing the stack: on a small machine the import of pandas,
matplotlib, statsmodels and the ``analysis`` package (≈ 2.5 s of CPU) *is* the cost of a kernel;
pre-starting ordinary kernels only moves it, while a fork of a process that has done it once pays it
once per worker. Every kernel still serves exactly one run and is then killed (no state crosses runs);
see :mod:`analysis.report.runtime.forkserver` for what a forked kernel shares and what it does not.

Inputs
    The kernel name (its kernelspec must start ``python -m ipykernel_launcher -f {connection_file}``
    of this environment, :func:`analysis.report.runtime.kernel.ensure_kernel`), the modules to import in the
    template, the working folder of the runs.
Outputs
    :attr:`KernelPool.manager_class`: a jupyter_client ``AsyncKernelManager`` for papermill
    (:mod:`analysis.report.runtime.pooledkernel`)
    ``kernel_manager_class=``, whose "start" takes a kernel that was forked ahead of need and whose
    shutdown kills it. The next kernel is forked as soon as a run's kernel is killed (the run is then
    exporting its report), so it is ready when the next run starts, and a worker never holds more than
    one kernel that has run code; the worker's first run waits for the template's imports. A spare
    found dead is replaced.
"""

from __future__ import annotations

import collections
import glob
import json
import logging
import os
import secrets
import select
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

from jupyter_client.connect import write_connection_file

from analysis.errors import AnalysisError
from analysis.report.runtime.forkserver import LISTEN_OPTION, PLACES_OPTION
from analysis.report.runtime.kernel import KERNEL_ARGUMENTS, KERNEL_NAME
from analysis.report.runtime.pooledkernel import ForkedKernel, PooledKernelManager
from analysis.report.runtime.process import ForkedProcess

log = logging.getLogger("analysis.report")

READY_TIMEOUT = 180.0


class KernelPoolError(AnalysisError):
    """The kernel template could not be started or stopped answering."""


def template_interpreter(kernel_name: str = KERNEL_NAME) -> tuple[list[str], dict[str, str]]:
    """The interpreter and options (e.g. ``-Xfrozen_modules=off``) and environment of kernel ``kernel_name``.

    Raises
    ------
    KernelPoolError
        The kernelspec does not start ``python -m ipykernel_launcher -f {connection_file}``.
    """
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec(kernel_name)
    argv = list(spec.argv)
    at = next((i for i in range(len(argv) - 1) if argv[i : i + 2] == ["-m", "ipykernel_launcher"]), None)
    if at is None or argv[at + 2 :] != ["-f", "{connection_file}"]:
        raise KernelPoolError(
            f"the kernel '{kernel_name}' ({spec.resource_dir}) is not a plain ipykernel "
            f"kernelspec ({' '.join(argv)}); warm kernels need one (or use --cold)"
        )
    return argv[:at], dict(spec.env or {})


def _template_command(python: list[str], first: list[str], preload, places) -> list[str]:
    cmd = [*python, "-m", "analysis.report.runtime.forkserver", *first, *preload]
    if places is not None:
        cmd.append(PLACES_OPTION + json.dumps([list(p) for p in places], ensure_ascii=False))
    return cmd


class SharedTemplate:
    """One kernel template for every worker of a local batch: the imports and the data are read once per batch,
    not once per worker. Workers' pools connect to it (``KernelPool(shared=template.address)``); a pool that
    cannot reach it starts a template of its own. ``close()`` stops it (its kernels with it) and waits for it.
    """

    def __init__(
        self,
        kernel_name: str = KERNEL_NAME,
        preload: list[str] | tuple[str, ...] = (),
        places: tuple[tuple[str, int | None], ...] | None = None,
        cwd: str | Path | None = None,
    ):
        python, _ = template_interpreter(kernel_name)
        self._folder = tempfile.mkdtemp(prefix="netzero-template-")
        self.path = os.path.join(self._folder, "template.sock")
        control_r, self._control = os.pipe()
        cmd = _template_command(python, [str(control_r), LISTEN_OPTION + self.path], preload, places)
        try:
            self.process = subprocess.Popen(cmd, cwd=cwd, pass_fds=(control_r,), stdin=subprocess.DEVNULL)
        finally:
            os.close(control_r)
        deadline = time.monotonic() + READY_TIMEOUT  # it listens before it imports: a worker can connect at once
        while not os.path.exists(self.path) and self.process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)

    @property
    def address(self) -> tuple[str, int]:
        """The socket's path and the template's process id (what a worker's pool needs; picklable)."""
        return self.path, self.process.pid

    def close(self) -> None:
        try:
            os.close(self._control)  # the template kills its kernels and exits
        except OSError:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self._folder, ignore_errors=True)


class _Connection:
    """A pool's line-oriented connection to a :class:`SharedTemplate`, with the ``Popen``-like ``poll`` the pool
    asks its template (the template is the batch's process, not this worker's)."""

    def __init__(self, address: tuple[str, int]):
        self.path, self.pid = address
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            self.socket.connect(self.path)
        except OSError:
            self.socket.close()
            raise

    def write(self, text: str) -> None:
        self.socket.sendall(text.encode())

    def fileno(self) -> int:
        return self.socket.fileno()

    def poll(self) -> int | None:
        try:
            os.kill(self.pid, 0)
        except OSError:
            return 1
        return None

    def close(self) -> None:
        self.socket.close()


class KernelPool:
    """Kernels forked from a warm template, each for one run, the next one forked ahead of need.

    Thread-safe. ``close()`` kills every kernel and the template (also done when the process exits,
    and by the template itself when this process disappears).
    """

    def __init__(
        self,
        kernel_name: str = KERNEL_NAME,
        preload: list[str] | tuple[str, ...] = (),
        spares: int = 1,
        places: tuple[tuple[str, int | None], ...] | None = None,
        shared: tuple[str, int] | None = None,
    ):
        self.python, self.spec_env = template_interpreter(kernel_name)
        self.shared = shared  # the address of the batch's SharedTemplate, if it has one
        self.kernel_name = kernel_name
        self.preload, self.spares = list(preload), spares
        self.places = places  # the runs' (province, map): whose data the template reads (None: every province's)
        self.manager_class = type("PooledKernelManager", (PooledKernelManager,), {"pool": self})
        self.failed_imports: list[str] | None = None
        self.template_threads: int | None = None  # threads of the template when it forks (1: safe)
        self.forked = self.replaced = 0
        self._lock = threading.RLock()
        self._spares: collections.deque[ForkedKernel] = collections.deque()
        self._unanswered: collections.deque[ForkedKernel] = collections.deque()
        self._live: dict[int, ForkedKernel] = {}
        self._waited: dict[int, float] = {}  # per thread: seconds its last run waited for a kernel
        self._template: subprocess.Popen | _Connection | None = None
        self._requests = self._replies = None
        self._folder = tempfile.mkdtemp(prefix="netzero-kernels-")
        self._closed = False

    # ----------------------------------------------------------------------------------------- template
    def _start_template(self, cwd: str) -> None:
        if self.shared is not None:
            try:
                connection = _Connection(self.shared)
            except OSError as exc:
                log.warning("the batch's kernel template cannot be reached (%s); this worker starts its own", exc)
                self.shared = None
            else:
                self._template = self._requests = connection
                self._replies, self._buffer = connection.fileno(), b""
                return
        req_r, req_w = os.pipe()
        rep_r, rep_w = os.pipe()
        cmd = _template_command(self.python, [str(req_r), str(rep_w)], self.preload, self.places)
        try:
            self._template = subprocess.Popen(cmd, cwd=cwd, pass_fds=(req_r, rep_w), stdin=subprocess.DEVNULL)
        finally:
            os.close(req_r)
            os.close(rep_w)
        self._requests = os.fdopen(req_w, "w", encoding="utf-8", buffering=1)
        self._replies, self._buffer = rep_r, b""

    def _read_reply(self) -> dict:
        deadline = time.monotonic() + READY_TIMEOUT
        while b"\n" not in self._buffer:
            chunk = os.read(self._replies, 65536) if select.select([self._replies], [], [], 1.0)[0] else None
            if chunk == b"" or time.monotonic() > deadline:
                raise KernelPoolError(
                    f"the kernel template stopped (exit {self._template.poll()}) or did not "
                    f"answer within {READY_TIMEOUT:.0f} s"
                )
            self._buffer += chunk or b""
        line, self._buffer = self._buffer.split(b"\n", 1)
        return json.loads(line)

    def _answer_pending(self, kernel: ForkedKernel) -> None:
        """Read the template's replies until ``kernel`` has its process (replies come in request order)."""
        while kernel.process is None:
            reply = self._read_reply()
            if "ready" in reply:
                self.failed_imports, self.template_threads = reply["failed"], reply.get("threads")
                for failure in self.failed_imports:
                    log.warning("kernel template could not import %s", failure)
                if (self.template_threads or 1) > 1:  # a thread holding a lock at a fork can hang that kernel
                    log.warning(
                        "the kernel template runs %d threads when it forks kernels; a kernel may never answer",
                        self.template_threads,
                    )
                continue
            forked = self._unanswered.popleft()
            forked.process = ForkedProcess(int(reply["pid"]))
            self._live[forked.process.pid] = forked
            self.forked += 1
            if forked.discarded:
                self.discard(forked)

    # ----------------------------------------------------------------------------------------- kernels
    def _environment(self) -> dict[str, str]:
        env = {**os.environ, **self.spec_env, "JPY_PARENT_PID": str(os.getpid())}
        env.pop("PYTHONEXECUTABLE", None)
        return env

    def _request(self, key: tuple[str, tuple[str, ...]]) -> ForkedKernel:
        if self._template is None or self._template.poll() is not None:
            self._restart_template(key[0])
        stem = os.path.join(self._folder, f"kernel-{uuid.uuid4().hex[:12]}")
        path = f"{stem}.json"
        # Unix sockets in this pool's folder, not TCP ports: a port picked free here could be taken by another
        # worker's kernel before this one binds it (the kernel then dies at start, "Address already in use")
        _, info = write_connection_file(
            path, transport="ipc", ip=stem, key=secrets.token_hex(16).encode(), kernel_name=self.kernel_name
        )
        argv = ["-f", path, *key[1]]
        kernel = ForkedKernel(
            key, path, dict(info), argv, request={"argv": argv, "cwd": key[0], "env": self._environment()}
        )
        self._requests.write(json.dumps(kernel.request) + "\n")
        self._unanswered.append(kernel)
        return kernel

    def _restart_template(self, cwd: str) -> None:
        """(Re)start the template; requests it had not answered are sent to the new one."""
        if self._template is not None:
            self._stop_template()
        self._start_template(cwd)
        pending, self._unanswered = list(self._unanswered), collections.deque()
        for kernel in pending:
            self._requests.write(json.dumps(kernel.request) + "\n")
            self._unanswered.append(kernel)

    def prepare(self, cwd: str | Path, extra_arguments: tuple[str, ...] = KERNEL_ARGUMENTS) -> None:
        """Fork spare kernels for runs in ``cwd`` now (returns at once; the forks start in the background)."""
        key = (str(cwd), tuple(extra_arguments))
        with self._lock:
            for stale in [k for k in self._spares if k.key != key]:
                self._spares.remove(stale)
                self.discard(stale)
            while len(self._spares) < self.spares:
                self._spares.append(self._request(key))

    def take(self, cwd: str | Path, extra_arguments: tuple[str, ...]) -> ForkedKernel:
        """A live kernel for a run in ``cwd``: a spare if one matches (forked now otherwise).

        ``extra_arguments``: the kernel's command-line options as nbclient asks for them (the runner's
        :data:`~analysis.report.runtime.kernel.KERNEL_ARGUMENTS`); a spare forked with others is not used.
        """
        key = (str(cwd), tuple(extra_arguments))
        start = time.perf_counter()
        with self._lock:
            while True:
                kernel = next((k for k in self._spares if k.key == key), None)
                if kernel is None:
                    kernel = self._request(key)
                else:
                    self._spares.remove(kernel)
                self._answer_pending(kernel)
                if kernel.process.poll() is None:
                    break
                log.warning("a spare kernel (pid %s) had died; forking another", kernel.process.pid)
                self.replaced += 1
                self.discard(kernel)
            self._waited[threading.get_ident()] = time.perf_counter() - start
            return kernel

    def release(self, kernel: ForkedKernel) -> None:
        """A run is done with ``kernel``: kill it and fork the next run's kernel (same folder and options)."""
        with self._lock:
            self.discard(kernel)
            if not self._closed:
                self.prepare(kernel.key[0], kernel.key[1])

    def waited(self) -> float:
        """Seconds the calling thread's last :meth:`take` waited for its kernel (0 when a spare was ready)."""
        return round(self._waited.get(threading.get_ident(), 0.0), 3)

    def discard(self, kernel: ForkedKernel) -> None:
        """Kill ``kernel`` (and its session) and remove its connection file and sockets."""
        with self._lock:
            kernel.discarded = True
            if kernel.process is not None:
                kernel.process.kill()
                self._live.pop(kernel.process.pid, None)
                kernel.process.close()
            for leftover in [kernel.connection_file, *glob.glob(f"{kernel.connection_file[: -len('.json')]}-*")]:
                try:  # the connection file and the kernel's sockets
                    os.unlink(leftover)
                except FileNotFoundError:
                    pass

    def spare_pids(self) -> list[int]:
        """Process ids of the spare kernels forked so far (for tests and diagnostics)."""
        with self._lock:
            for kernel in list(self._spares):
                self._answer_pending(kernel)
            return [k.process.pid for k in self._spares]

    def _stop_template(self) -> None:
        if isinstance(self._template, _Connection):  # the batch's template: only this worker's connection ends
            self._template.close()
            self._template = None
            return
        for close in (self._requests.close, lambda: os.close(self._replies)):
            try:
                close()
            except OSError:
                pass
        try:
            self._template.wait(timeout=10)  # it kills its kernels when its request pipe closes
        except subprocess.TimeoutExpired:
            self._template.kill()
            self._template.wait()
        self._template = None

    def close(self) -> None:
        """Kill every kernel and the template; remove the connection files."""
        with self._lock:
            self._closed = True
            for kernel in [*self._spares, *self._live.values()]:
                self.discard(kernel)
            self._spares.clear()
            self._unanswered.clear()
            if self._template is not None:
                self._stop_template()
            shutil.rmtree(self._folder, ignore_errors=True)
