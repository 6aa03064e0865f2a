"""A long-lived headless Chromium, driven over the DevTools protocol on a pipe: PDFs without a browser start each.

Purpose
    :class:`Browser` starts Debian's Chromium once (``--remote-debugging-pipe``: the protocol runs over
    two inherited file descriptors, so no network port is opened and Chromium exits by itself when the
    process that owns the pipe goes away), prints any number of HTML files to PDF, each in a fresh
    browser context (no cookies, storage or cache shared between reports) and tab, and restarts the
    browser when it has died (one retry per page). :meth:`Browser.open_page` gives a tab with the
    ``Page``, ``Runtime``, ``Log`` and ``Network`` events recorded, for the tests' page inspector (``tests/support/pages.py``).

Inputs
    HTML files (``file://``) or URLs. ``NETZERO_CHROMIUM`` may name the browser binary.
Outputs
    PDF bytes (:meth:`Browser.print_pdf`): A4 and page numbers come from the page's CSS ``@page`` rules,
    as with ``chromium --print-to-pdf``.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from analysis.report.browser import BrowserError, chromium_command, kill_browser
from analysis.report.runtime.process import SpawnedProcess

PDF_OPTIONS = {"printBackground": True, "preferCSSPageSize": True, "displayHeaderFooter": False}


class _Pipe:
    """DevTools messages (JSON, NUL-terminated) over Chromium's fds 3 (commands) and 4 (replies, events)."""

    def __init__(self, write_fd: int, read_fd: int):
        self.write_fd, self.read_fd = write_fd, read_fd
        self.buffer = b""
        self.events: list[dict] = []
        self.next_id = 0

    def close(self) -> None:
        for fd in (self.write_fd, self.read_fd):
            with contextlib.suppress(OSError):
                os.close(fd)

    def post(self, method: str, params: dict | None = None, session: str | None = None) -> int:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        try:
            while data:
                data = data[os.write(self.write_fd, data) :]
        except OSError as exc:
            raise BrowserError(f"Chromium is gone ({exc})") from None
        return self.next_id

    def receive(self, deadline: float) -> dict | None:
        """The next message, or ``None`` at the deadline."""
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.read_fd], [], [], left)[0]:
                return None
            chunk = os.read(self.read_fd, 1 << 20)
            if not chunk:
                raise BrowserError("Chromium closed the DevTools pipe (it died or was killed)")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 30) -> dict:
        """Send a command and return its result; events that arrive meanwhile are recorded."""
        wanted = self.post(method, params, session)
        deadline = time.monotonic() + timeout
        while (message := self.receive(deadline)) is not None:
            if message.get("id") == wanted:
                if "error" in message:
                    raise BrowserError(f"DevTools {method}: {message['error'].get('message')}")
                return message.get("result", {})
            if "method" in message:
                self.on_event(message)
        raise BrowserError(f"DevTools {method}: no answer within {timeout:.0f} s")

    def on_event(self, event: dict) -> None:
        self.events.append(event)
        if event["method"] == "Page.javascriptDialogOpening" and event.get("sessionId"):
            self.post("Page.handleJavaScriptDialog", {"accept": True}, event["sessionId"])  # never block a page

    def wait_for(self, method: str, timeout: float) -> bool:
        """Wait for an event named ``method`` (already received or arriving within ``timeout``)."""
        if any(e.get("method") == method for e in self.events):
            return True
        deadline = time.monotonic() + timeout
        while (message := self.receive(deadline)) is not None:
            if "method" in message:
                self.on_event(message)
                if message["method"] == method:
                    return True
        return False


class Page:
    """One tab in its own browser context; ``events`` are the DevTools events seen since it opened."""

    def __init__(self, pipe: _Pipe, session: str):
        self.pipe, self.session = pipe, session

    @property
    def events(self) -> list[dict]:
        return [e for e in self.pipe.events if e.get("sessionId") == self.session]

    def call(self, method: str, params: dict | None = None, timeout: float = 30) -> dict:
        return self.pipe.call(method, params, self.session, timeout)

    def navigate(self, url: str, timeout: float) -> None:
        """Load ``url`` and wait for its load event."""
        self.call("Page.navigate", {"url": url})
        if not self.pipe.wait_for("Page.loadEventFired", timeout):
            raise BrowserError(f"{url} did not finish loading within {timeout:.0f} s")

    def drain(self, seconds: float) -> None:
        """Record the events of the next ``seconds`` (late console messages, requests)."""
        self.pipe.wait_for("__never__", seconds)


class Browser:
    """A headless Chromium kept running for many pages; restarted when it has died. Thread-safe."""

    def __init__(self, start_timeout: float = 60):
        self.start_timeout = start_timeout
        self.starts = 0
        self.process: SpawnedProcess | None = None
        self._pipe: _Pipe | None = None
        self._profile: str | None = None
        self._lock = threading.RLock()

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self) -> None:
        """Start Chromium with a fresh profile folder (no-op when it is running)."""
        with self._lock:
            if self.alive():
                return
            self._stop()
            self._profile = tempfile.mkdtemp(prefix="netzero-chromium-")
            to_browser, from_us = os.pipe()
            to_us, from_browser = os.pipe()
            # Chromium's ends, moved above fd 10 (close-on-exec) so that placing them at 3 and 4 cannot
            # clobber one another; posix_spawn runs no Python code between fork and exec (thread-safe)
            ends = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (to_browser, from_browser)]
            for fd in (to_browser, from_browser):
                os.close(fd)
            cmd = chromium_command(Path(self._profile), "--remote-debugging-pipe", "about:blank")
            actions = [
                (os.POSIX_SPAWN_DUP2, ends[0], 3),
                (os.POSIX_SPAWN_DUP2, ends[1], 4),
                *((os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_RDWR, 0) for fd in (0, 1, 2)),
            ]
            try:
                self.process = SpawnedProcess(
                    os.posix_spawn(cmd[0], cmd, dict(os.environ), file_actions=actions, setsid=True)
                )
            except OSError as exc:
                os.close(from_us)
                os.close(to_us)
                self._stop()
                raise BrowserError(f"cannot start Chromium ({cmd[0]}): {exc}") from None
            finally:
                for fd in ends:
                    os.close(fd)
            self._pipe = _Pipe(from_us, to_us)
            self.starts += 1
            try:
                self._pipe.call("Browser.getVersion", timeout=self.start_timeout)
            except BrowserError as exc:
                code = self.process.poll() if self.process is not None else None
                self._stop()
                ended = f", exit {code}" if code is not None else ""
                # whether it died before or after our first message, the same sentence
                raise BrowserError(f"Chromium ({cmd[0]}) did not start{ended}: {exc}") from None

    @contextlib.contextmanager
    def open_page(self, width: int = 1200, height: int = 900, retry: bool = True) -> Iterator[Page]:
        """A fresh tab in a fresh browser context, closed afterwards; the browser is (re)started if needed."""
        with self._lock:
            try:
                self.start()
                pipe = self._pipe
                context = pipe.call("Target.createBrowserContext")["browserContextId"]
            except BrowserError:
                if not retry:
                    raise
                self._stop()
                self.start()
                pipe = self._pipe
                context = pipe.call("Target.createBrowserContext")["browserContextId"]
            target = pipe.call("Target.createTarget", {"url": "about:blank", "browserContextId": context})["targetId"]
            session = pipe.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            page = Page(pipe, session)
            page.call(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            )
            try:
                yield page
            finally:
                pipe.events.clear()
                if self.alive():
                    with contextlib.suppress(BrowserError):
                        pipe.call("Target.disposeBrowserContext", {"browserContextId": context})

    def print_pdf(self, html_file: Path, timeout: float = 120) -> bytes:
        """``html_file`` printed to PDF; if Chromium dies meanwhile it is restarted and the page printed again."""
        url = Path(html_file).resolve().as_uri()
        for attempt in (1, 2):
            try:
                with self.open_page() as page:
                    page.call("Page.enable")
                    page.navigate(url, timeout)
                    data = page.call("Page.printToPDF", PDF_OPTIONS, timeout=timeout)["data"]
                pdf = base64.b64decode(data)
                if pdf[:5] != b"%PDF-":
                    raise BrowserError(f"Chromium printed something that is not a PDF for {Path(html_file).name}")
                return pdf
            except BrowserError:
                if attempt == 2 or self.alive():
                    raise
                self._stop()  # it died while printing: start again and print this page once more
        raise AssertionError("unreachable")  # pragma: no cover

    def _stop(self) -> None:
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None
        if self.process is not None:
            kill_browser(self.process)
            self.process = None
        if self._profile:
            shutil.rmtree(self._profile, ignore_errors=True)
            self._profile = None

    def close(self) -> None:
        """Stop Chromium (and its renderer processes) and remove its profile folder."""
        with self._lock:
            self._stop()
