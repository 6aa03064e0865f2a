"""The warm template of the kernel pool: one process that imports the PyData stack once and forks kernels.

Started by :class:`analysis.report.runtime.kernelpool.KernelPool` as
``python -m analysis.report.runtime.forkserver REQUEST_FD REPLY_FD [MODULE ...]``, never by hand; or, shared by the
workers of a local batch (:class:`analysis.report.runtime.kernelpool.SharedTemplate`), as
``python -m analysis.report.runtime.forkserver CONTROL_FD --listen=SOCKET [MODULE ...]``: each worker's pool then
connects to the Unix socket ``SOCKET`` and speaks the same lines on its connection, and the template exits when
``CONTROL_FD`` closes (the batch is over, or gone).

Inputs
    The modules to import once (the ipykernel machinery, pandas, matplotlib and the modules the batch's
    notebooks import); the places of the batch's runs (``--places=[[province, map], ...]``: this project's
    data is read for them, :func:`analysis.run.warm.warm_caches`; every province's without it); then requests
    on ``REQUEST_FD``, one JSON line each: ``{"argv": [...], "cwd": "...", "env": {...}}`` where ``argv`` are
    the ipykernel arguments (``-f CONNECTION_FILE …``, what follows ``python -m ipykernel_launcher``).
Outputs
    JSON lines on ``REPLY_FD``: first ``{"ready": true, "failed": [...], "threads": N}`` once the imports are
    done (modules that could not be imported: the notebook that needs one then fails with its own
    traceback; ``N`` the template's threads, 1 when forking is safe, see :data:`SINGLE_THREAD_ENV`), then
    ``{"pid": N}`` for each request, the forked kernel's process id.

Isolation: no code of any notebook ever runs in this process. Each kernel is a fresh fork of it: the
imported modules are already in memory (shared copy-on-write with the other kernels until written)
and nothing else; it serves one run and is then killed. The kernel runs in its own session (like a
kernel started by jupyter_client), in the run's working directory and environment, with numpy's
global random state re-seeded (Python's ``random`` re-seeds itself after a fork). When
``REQUEST_FD`` closes (the worker that owns this template has gone), every kernel still running is
killed and the template exits; a shared template kills a worker's kernels when its connection closes.
"""

from __future__ import annotations

import gc
import json
import os
import selectors
import signal
import socket
import sys

# What every kernel imports as it starts (its debugger, history, magics, completer and inline charts included),
# and what most reports import. A module left out is imported again by every kernel: in a national batch, the
# modules below the first block cost each kernel ~0.1 CPU-s (pyarrow's Parquet and datasets, PIL's image plugins,
# IPython's magics), as a record of the modules each kernel imported after its fork showed.
BASE_MODULES = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "ipykernel.debugger",
    "IPython.core.debugger",
    "psutil",
    "sqlite3",
    "numpy",
    "pandas",
    "matplotlib",
    "matplotlib.pyplot",
    # the kernel's start-up: ipykernel_launcher, its fault handler and event loop, the shell's magics and completer
    "ipykernel_launcher",
    "faulthandler",
    "tornado.platform.asyncio",
    "zmq.utils.garbage",
    "IPython.core.completerlib",
    "IPython.core.logger",
    "IPython.core.magics.execution",  # loaded lazily, at a report's first %time or %matplotlib
    "IPython.core.magics.pylab",
    "IPython.core.oinspect",
    "IPython.core.pylabtools",
    "IPython.extensions.storemagic",
    "IPython.utils.wildcard",
    "matplotlib_inline.backend_inline",
    # what the reports' cells use lazily: tables shown as text, the Parquet cache, its lock, charts saved as PNG
    "pandas.io.formats.string",
    "pyarrow.parquet",
    "pyarrow.dataset",
    "pandas.core.arrays.arrow.extension_types",
    "pandas.core.arrays.arrow._arrow_utils",
    "filelock",
    # PIL imports these five plugins the first time it saves an image (PIL.Image.preinit)
    "PIL.BmpImagePlugin",
    "PIL.GifImagePlugin",
    "PIL.JpegImagePlugin",
    "PIL.PngImagePlugin",
    "PIL.PpmImagePlugin",
)
_LAUNCHER = "ipykernel_launcher"
PLACES_OPTION = "--places="  # JSON [[province, map], ...]: the runs' places, whose data the template reads
LISTEN_OPTION = "--listen="  # a Unix socket path: a template shared by the workers of a batch
TEMPLATE_MODULES: frozenset[str] = frozenset()  # what the template had imported when it forked (a kernel's inheritance)
_children: set[int] = set()
_owners: dict[int, object] = {}  # a shared template's kernels: the connection each was forked for


def _reap(*_: object) -> None:
    """Collect exited kernels (SIGCHLD), so none stays a zombie."""
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        _children.discard(pid)
        _owners.pop(pid, None)


# Native threads a library would start as it loads, which a fork does not copy: a lock one of them holds at the fork
# stays locked in the kernel for ever (a kernel that never answers). With these, the template has one thread only
# when it forks. Kernels do small linear algebra on a machine whose cores the batch's workers already fill, so
# one BLAS thread costs nothing; Arrow's jemalloc then works without its background thread. A value set by the
# user is kept.
SINGLE_THREAD_ENV = {
    "OPENBLAS_NUM_THREADS": "1",  # numpy's and scipy's OpenBLAS start a thread pool on import
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "JE_ARROW_MALLOC_CONF": "background_thread:false",  # pyarrow (through pandas) starts jemalloc_bg_thd on import
}


def single_threaded_environment() -> None:
    """Set :data:`SINGLE_THREAD_ENV` (keeping the user's values); before any of those libraries is imported."""
    for name, value in SINGLE_THREAD_ENV.items():
        os.environ.setdefault(name, value)


def thread_count() -> int | None:
    """The threads of this process, native ones included (``None`` where ``/proc`` does not tell)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return None


def preload(modules: list[str]) -> list[str]:
    """Import ``modules`` (the inline matplotlib backend selected first, as ipykernel does); return failures.

    ``pkg.mod:name`` (from ``from pkg.mod import name``) imports ``pkg.mod`` and, when ``name`` is not
    an attribute of it, the submodule ``pkg.mod.name``.
    """
    import importlib

    # ipykernel sets this before any cell runs; matplotlib reads it when imported
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    failed = []
    for entry in dict.fromkeys([*BASE_MODULES, *modules]):
        name, _, attribute = entry.partition(":")
        try:
            module = importlib.import_module(name)
            if attribute and not hasattr(module, attribute):
                importlib.import_module(f"{name}.{attribute}")
        except Exception as exc:  # noqa: BLE001 - the notebook that needs it reports the real error
            failed.append(f"{entry}: {type(exc).__name__}: {exc}")
    return failed


def _run_kernel(request: dict, parent: int) -> int:
    """In the forked child: become a fresh kernel for ``request`` and serve until shut down."""
    os.setsid()
    signal.pthread_sigmask(signal.SIG_SETMASK, set())  # a shared template forks with SIGCHLD blocked
    for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed()  # the legacy global state was seeded once, in the template
    import ipykernel_launcher
    from ipykernel.kernelapp import IPKernelApp

    # exit if the template dies (JPY_PARENT_PID was read when ipykernel was imported here, not now)
    argv = [*request["argv"], f"--IPKernelApp.parent_handle={parent}"]
    sys.argv = [ipykernel_launcher.__file__, *argv]
    IPKernelApp.launch_instance(argv=argv)
    return 0


def _fork(request: dict, template_fds: tuple[int, ...]) -> int:
    pid = os.fork()
    if pid:
        _children.add(pid)
        return pid
    code = 1
    try:
        # the template's pipes: pointed at /dev/null rather than closed, so that no later close of the
        # template's file objects can hit a descriptor the kernel has reused
        null = os.open(os.devnull, os.O_RDWR)
        for fd in template_fds:
            os.dup2(null, fd)
        os.close(null)
        code = _run_kernel(request, os.getppid())
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    except BaseException:  # noqa: BLE001 - report and leave; the pool sees the kernel die
        import traceback

        traceback.print_exc()
    finally:
        try:
            import atexit

            atexit._run_exitfuncs()
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)
    return 0  # pragma: no cover - the child never gets here


def _kill_children() -> None:
    for pid in list(_children):
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass


def _prepare(modules: list[str], places: list | None) -> dict:
    """Import ``modules`` and read the data of ``places``; the "ready" reply (failures and threads)."""
    failed = preload(modules)
    if "analysis" in sys.modules:  # this project's kernels: read the inputs every run reads, once
        try:
            from analysis.run.warm import warm_caches

            warm_caches(None if places is None else [tuple(p) for p in places])
        except Exception as exc:  # noqa: BLE001 - a run that needs the data reports the real error
            failed.append(f"analysis.run.warm: {type(exc).__name__}: {exc}")
    # keep the imported objects out of the kernels' garbage collections: a collection writes to every object
    # it visits, which would copy each kernel its own private pages of everything the template imported
    global TEMPLATE_MODULES
    TEMPLATE_MODULES = frozenset(sys.modules)
    gc.collect()
    gc.freeze()
    return {"ready": True, "failed": failed, "threads": thread_count()}


def _start_serving() -> None:
    single_threaded_environment()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the batch; the pool closes this process
    signal.signal(signal.SIGCHLD, _reap)


def serve(request_fd: int, reply_fd: int, modules: list[str], places: list | None = None) -> None:
    """Import ``modules``, say ready, then fork one kernel per request until ``request_fd`` closes."""
    _start_serving()
    replies = os.fdopen(reply_fd, "w", encoding="utf-8", buffering=1)
    requests = os.fdopen(request_fd, "r", encoding="utf-8")
    replies.write(json.dumps(_prepare(modules, places)) + "\n")
    try:
        for line in requests:
            replies.write(json.dumps({"pid": _fork(json.loads(line), (request_fd, reply_fd))}) + "\n")
    finally:
        _kill_children()


def serve_shared(control_fd: int, path: str, modules: list[str], places: list | None = None) -> None:
    """As :func:`serve`, for every pool that connects to the Unix socket ``path`` (listening before the imports, so
    that a worker can connect at once), until ``control_fd`` closes. A connection's kernels are killed when it closes.
    """
    _start_serving()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    ready = (json.dumps(_prepare(modules, places)) + "\n").encode()
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ, "accept")
    selector.register(control_fd, selectors.EVENT_READ, "control")
    clients: dict[socket.socket, bytearray] = {}
    try:
        while True:
            for event, _ in selector.select():
                if event.data == "control":
                    if not os.read(control_fd, 4096):
                        return
                elif event.data == "accept":
                    client, _address = listener.accept()
                    client.sendall(ready)
                    clients[client] = bytearray()
                    selector.register(client, selectors.EVENT_READ, "client")
                else:
                    _serve_client(event.fileobj, clients, selector, (control_fd, listener.fileno(), selector.fileno()))
    finally:
        _kill_children()


def _serve_client(client: socket.socket, clients: dict, selector, template_fds: tuple[int, ...]) -> None:
    """Fork a kernel for each request line the connection ``client`` has sent; close it (and kill its kernels) at
    its end."""
    buffer = clients[client]
    try:
        chunk = client.recv(65536)
    except OSError:  # closed with our replies unread (a worker that exits): a reset, the same as an end
        chunk = b""
    if not chunk:
        selector.unregister(client)
        del clients[client]
        for pid in [pid for pid, owner in list(_owners.items()) if owner is client]:
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
        client.close()
        return
    buffer += chunk
    while b"\n" in buffer:
        line, _, rest = bytes(buffer).partition(b"\n")
        buffer[:] = rest
        fds = (*template_fds, *(c.fileno() for c in clients))
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})  # its owner known before it can be reaped
        try:
            pid = _fork(json.loads(line), fds)
            _owners[pid] = client
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})
        client.sendall((json.dumps({"pid": pid}) + "\n").encode())


def main(argv: list[str]) -> int:
    # this module under its own name as well: a kernel's cell can then ask what it inherited (TEMPLATE_MODULES)
    sys.modules.setdefault("analysis.report.runtime.forkserver", sys.modules[__name__])
    # like ipykernel_launcher: the start folder is not importable (IPython adds '' back in the kernel)
    if sys.path and sys.path[0] in ("", os.getcwd()):
        del sys.path[0]
    places = next((json.loads(a[len(PLACES_OPTION) :]) for a in argv[2:] if a.startswith(PLACES_OPTION)), None)
    modules = [a for a in argv[2:] if not a.startswith(PLACES_OPTION)]
    if argv[1].startswith(LISTEN_OPTION):
        serve_shared(int(argv[0]), argv[1][len(LISTEN_OPTION) :], modules, places)
    else:
        serve(int(argv[0]), int(argv[1]), modules, places)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
