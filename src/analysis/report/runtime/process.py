"""A ``Popen``-like handle on a process that ``subprocess`` did not start: what jupyter_client needs of a kernel.

:class:`ForkedProcess` is a kernel forked by the kernel template (:mod:`analysis.report.runtime.forkserver`), so
not our child; it is watched through a pidfd (its exit status belongs to the template, which reaps it). It offers
``pid``, ``returncode``, ``poll()``, ``wait(timeout)``, ``send_signal``, ``kill``, ``terminate`` (to the kernel's
whole session) and ``close()``.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import time
from pathlib import Path


class PolledProcess:
    """``pid``, ``returncode`` and a ``wait`` built on the subclass's ``poll``."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:  # pragma: no cover - abstract
        raise NotImplementedError

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"process {self.pid}", timeout)
            time.sleep(0.02)
        return self.returncode


class ForkedProcess(PolledProcess):
    """A ``Popen``-like handle on a kernel forked by the template (a process that is not our child)."""

    def __init__(self, pid: int):
        super().__init__(pid)
        try:
            self._pidfd: int | None = os.pidfd_open(pid)
        except (AttributeError, OSError):  # pragma: no cover - Linux < 5.3
            self._pidfd = None

    @property
    def pidfd(self) -> int | None:
        """A descriptor that becomes readable when the kernel exits (``None`` once it has been seen gone, or where
        Linux has no pidfd); for waiting on the exit in an event loop rather than polling."""
        return self._pidfd

    def poll(self) -> int | None:
        """``None`` while the kernel runs; then 1 (its exit status belongs to the template)."""
        if self.returncode is None and not self._alive():
            self.returncode = 1
            self.close()
        return self.returncode

    def _alive(self) -> bool:
        if self._pidfd is not None:
            return not select.select([self._pidfd], [], [], 0)[0]
        try:  # pragma: no cover - fallback without pidfd
            os.kill(self.pid, 0)
            return Path(f"/proc/{self.pid}/stat").read_text().split(") ")[1][0] != "Z"
        except (OSError, IndexError):  # pragma: no cover
            return False

    def send_signal(self, signum: int) -> None:
        """Signal the kernel's session (the kernel and anything it started); nothing once it has exited."""
        if self.poll() is None:
            try:
                os.killpg(self.pid, signum)
            except ProcessLookupError:
                pass

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def close(self) -> None:
        if self._pidfd is not None:
            os.close(self._pidfd)
            self._pidfd = None
