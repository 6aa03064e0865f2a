"""Timing helpers: best-of-N wall time after a warm-up, peak memory of a child process, machine summary.

Targets are ratios to floors measured side by side in the same run, because the machines are shared and
noisy; absolute times are recorded too.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class Record:
    """One benchmark result."""

    name: str
    value: float
    unit: str
    floor: float | None = None
    ratio: float | None = None
    target: str = ""
    passed: bool | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)


def best_time(fn: Callable[[], object], repeat: int = 5, warmup: int = 1) -> float:
    """Best wall time of ``fn`` in seconds over ``repeat`` runs after ``warmup`` runs."""
    for _ in range(warmup):
        fn()
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def run_timed(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> tuple[float, float, int]:
    """Run a command; return (wall seconds, peak RSS of the child tree in MiB, exit code)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-2000:] + proc.stderr[-2000:])
    return wall, max(peak, before) / 1024.0, proc.returncode


class TreeMemory:
    """Peak memory of a process and all its descendants, sampled in a thread (``with TreeMemory(pid) as m``).

    Memory is the sum of each process's PSS (proportional set size): pages shared between processes
    (Chromium's many processes, kernels forked from one template) are counted once, as the machine
    actually holds them. ``m.peak_mib`` after the block; ``m.processes`` is the most processes seen at once.
    ``interval=None`` samples nothing (both stay 0).
    """

    def __init__(self, pid: int, interval: float | None = 0.2):
        import threading

        self.pid, self.interval = pid, interval
        self.peak_mib, self.processes, self.cpu_s = 0.0, 0, float("nan")
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
                pss = 0
                for p in tree:
                    try:
                        pss += p.memory_full_info().pss
                    except psutil.Error:
                        pass
                self.peak_mib = max(self.peak_mib, pss / 2**20)
                self.processes = max(self.processes, len(tree))
            except psutil.Error:
                pass
            self._done.wait(self.interval)

    def __enter__(self) -> TreeMemory:
        if self.interval:  # ``None``: nothing sampled (see run_measured)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        if self._thread.is_alive():
            self._thread.join()


def run_sampled(cmd: list[str], cwd: Path | None = None, interval: float = 0.2) -> tuple[float, float, int]:
    """Run a command; return (wall seconds, peak PSS of the whole process tree in MiB, exit code)."""
    wall, memory, code, _ = run_measured(cmd, cwd=cwd, interval=interval)
    return wall, memory.peak_mib, code


def adopt_orphans() -> bool:
    """Make this process the subreaper of its descendants (Linux; ``False`` elsewhere).

    A process whose parent exits first is re-parented to the nearest subreaper, else to init; init reaps it, and
    its CPU seconds are then in nobody's :func:`children_cpu`. Chromium leaves such orphans: when a browser
    closes, its zygote and renderer processes outlive it. Without a subreaper, printing 12 PDFs measured 16.3
    CPU-s; with one, 29.7 (48 orphans reaped): the batches' Chromium work was missing from both sides.
    """
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


def reap_orphans(timeout: float = 30) -> int:
    """Wait for every child this process still has (the orphans it adopted; call it only when no child of its
    own is running), for at most ``timeout`` seconds; the number reaped."""
    reaped, deadline = 0, time.monotonic() + timeout
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return reaped
        if pid:
            reaped += 1
        elif time.monotonic() >= deadline:
            return reaped
        else:
            time.sleep(0.05)


def children_cpu() -> float:
    """CPU seconds (user + system) of every descendant this process has waited for, so far.

    The count is transitive: a kernel forked by a template that a worker reaped is in it too, and so is a
    process whose parent exited first once :func:`adopt_orphans` made this process their subreaper (see
    :func:`run_measured`).
    """
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_measured(
    cmd: list[str], cwd: Path | None = None, interval: float | None = 0.2, env: dict[str, str] | None = None
) -> tuple[float, TreeMemory, int, str]:
    """Run a command; return (wall seconds, its :class:`TreeMemory`, exit code, standard output).

    The memory object also carries ``cpu_s``: the CPU seconds of the whole tree (less sensitive than the
    wall time to other work on a shared machine). ``interval=None``: no memory sampling (``peak_mib`` stays
    0). Sampling is not free: reading every process's PSS every 0.2 s took 7.6 CPU-s of the benchmark's own
    process during a 42 s batch of about 20 processes (a fifth of one core, taken from the batch on a 2-core
    machine), so a case that reports time but not memory measures without it.
    """
    adopt_orphans()
    reap_orphans(timeout=0)  # anything an earlier command left is not this one's
    start, cpu = time.perf_counter(), children_cpu()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    with TreeMemory(proc.pid, interval) as memory:
        out, err = proc.communicate()
    wall = time.perf_counter() - start  # the command's time: orphans still exiting are waited for after it
    reap_orphans()
    memory.cpu_s = children_cpu() - cpu
    if proc.returncode != 0:
        sys.stderr.write(out[-2000:] + err[-3000:])
    return wall, memory, proc.returncode, out


def load_level() -> str:
    """The machine's load average now, as text for a record's note (the machines are shared)."""
    one, five, _ = os.getloadavg()
    return f"load {one:.1f} (5 min {five:.1f}) on {os.cpu_count()} CPUs"


def machine_summary() -> dict:
    import numpy

    return {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "numpy": numpy.__version__,
        "load_average": os.getloadavg(),
    }


def write_results(records: list[Record], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    machine = machine_summary()
    payload = [{**asdict(r), "machine": machine} for r in records]
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def print_table(records: list[Record]) -> None:
    head = f"{'case':52} {'value':>10} {'unit':6} {'floor':>9} {'ratio':>7}  {'target':28} ok"
    print(head)
    print("-" * len(head))
    for r in records:
        floor = f"{r.floor:9.4f}" if r.floor is not None else " " * 9
        ratio = f"{r.ratio:7.2f}" if r.ratio is not None else " " * 7
        ok = {True: "yes", False: "NO", None: "-"}[r.passed]
        print(f"{r.name:52} {r.value:10.4f} {r.unit:6} {floor} {ratio}  {r.target:28} {ok}")
