"""Debian's Chromium, headless and offline, driven by Playwright: one browser started once prints many PDFs.

Purpose
    - :func:`find_chromium`: the browser ``scripts/setup.sh`` installs (Debian's ``chromium`` package; no browser
      is ever downloaded, ``playwright install`` is never run). ``NETZERO_CHROMIUM`` may name another binary.
    - :func:`launch_options`: the options of Playwright's ``chromium.launch`` for it: that executable, headless,
      and the flags that keep it offline and quiet. The browser tests launch with them too.
    - :class:`Browser`: a Chromium kept running for any number of PDFs (a batch worker's, see
      :mod:`analysis.report.runtime.session`), each printed in a fresh browser context (no cookies, storage or
      cache shared between reports); started again when it has died (the page is then printed once more).
    - :func:`print_pdf`: one PDF with a browser of its own (the nbconvert exporter, a single run).

    Why a thread of its own: Playwright's sync API refuses to run in a thread whose asyncio loop is running
    (papermill and nbclient, ipykernel and the Jupyter server all run one), and Playwright's objects belong to the
    thread that made them. A :class:`Browser` therefore runs Playwright's *async* API on an event loop in a thread
    that it owns; a call from any thread (with or without a running loop) hands that loop a coroutine and waits
    for its result. Every wait has a deadline (``asyncio.wait_for``): a page that hangs is given up and its
    browser replaced.

Inputs
    HTML files (read as ``file://`` URLs).
Outputs
    PDF bytes: the paper size, margins and page numbers come from the page's CSS ``@page`` rules (the report
    template's A4 and "Trang 3 / 12" footer; A4 where a page sets none), backgrounds printed, a tagged PDF,
    and no header or footer of Chromium's own.

Processes: Playwright's driver (a Node.js process that ships inside the ``playwright`` wheel) and Chromium under
it, talking over pipes (no network port). When the process that owns them disappears, the driver sees its pipe
close and closes the browser, and Chromium exits when its own pipe closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import threading
import weakref
from concurrent.futures import Future
from pathlib import Path

from analysis.errors import AnalysisError

# The Debian binary first: /usr/bin/chromium is a wrapper script that only adds start-up time.
_CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "chromium", "chromium-browser")

# Offline and quiet (Playwright adds its own such flags too: no field trials, breakpad, default apps, extensions).
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
)

# The page's CSS decides paper and margins (prefer_css_page_size); "A4" applies only where a page has no @page size.
PDF_OPTIONS = {
    "format": "A4",
    "prefer_css_page_size": True,
    "print_background": True,
    "display_header_footer": False,
    "tagged": True,
}


class BrowserError(AnalysisError):
    """Chromium is missing, failed or hung."""


def find_chromium() -> Path:
    """The Chromium binary (``NETZERO_CHROMIUM`` overrides); a clear error if it is not installed."""
    override = os.environ.get("NETZERO_CHROMIUM")
    for name in [override] if override else _CANDIDATES:
        found = shutil.which(name) if "/" not in name else (name if os.access(name, os.X_OK) else None)
        if found:
            return Path(found)
    raise BrowserError(
        "Chromium not found (needed for PDF export and browser checks): run `make setup`, "
        "which installs Debian's chromium package, or set NETZERO_CHROMIUM to the binary"
    )


def launch_options(timeout: float = 60) -> dict:
    """Keyword arguments of Playwright's ``chromium.launch``: Debian's Chromium, headless, offline and quiet.

    ``timeout``: seconds Chromium may take to start.
    """
    return {
        "executable_path": str(find_chromium()),
        "headless": True,
        "chromium_sandbox": False,
        "args": list(CHROMIUM_ARGS),
        "timeout": timeout * 1000,
    }


def start_failure(executable: str, message: str, timeout: float) -> str:
    """One sentence for a Chromium that did not start, from Playwright's (long) launch error ``message``."""
    if "Timeout" in message.splitlines()[0]:
        return f"Chromium ({executable}) did not start within {timeout:.0f} s"
    exited = re.search(r"exitCode=(\w+), signal=(\w+)", message)
    if exited:
        code, signal = exited.groups()
        how = f"exit {code}" if code != "null" else f"killed by {signal}"
        return f"Chromium ({executable}) did not start ({how}): run `make setup` or set NETZERO_CHROMIUM"
    first = message.splitlines()[0].removeprefix("BrowserType.launch: ")
    return f"Chromium ({executable}) did not start: {first}"


class _Died(Exception):
    """The browser died while printing (killed, crashed): start another and print the page again."""


class _Driver:
    """Playwright's async API on an event loop in a thread of its own; no other thread touches its objects."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.playwright = None
        self.browser = None
        self.start_lock = asyncio.Lock()
        # one page kept for every PDF of this browser (a new context per PDF started a renderer process each
        # time: twice the CPU of the print itself); a second PDF asked meanwhile gets a context of its own
        self.page = None
        self.page_lock = asyncio.Lock()
        self.thread = threading.Thread(target=self._serve, name="netzero-browser", daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def submit(self, coro) -> Future:
        """Run ``coro`` on the driver's loop; a future for its result."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    async def stop_browser(self) -> None:
        """Close the browser (and, if it does not close within 10 s, Playwright's driver, which kills it)."""
        browser, self.browser = self.browser, None
        self.page = None
        if browser is None:
            return
        try:
            await asyncio.wait_for(browser.close(), 10)
        except Exception:  # noqa: BLE001 - a browser that is gone or hangs: the driver takes it down
            await self.stop_playwright()

    async def stop_playwright(self) -> None:
        playwright, self.playwright = self.playwright, None
        if playwright is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(playwright.stop(), 10)

    async def _stop_all(self) -> None:
        await self.stop_browser()
        await self.stop_playwright()
        current = asyncio.current_task()
        left = [task for task in asyncio.all_tasks() if task is not current]
        for task in left:
            task.cancel()
        await asyncio.gather(*left, return_exceptions=True)

    def shutdown(self) -> None:
        """Close the browser and the driver, then end the thread (also run at exit for a browser never closed)."""
        if self.loop.is_closed():
            return
        if self.thread.is_alive():
            with contextlib.suppress(Exception):
                self.submit(self._stop_all()).result(timeout=30)
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout=10)
        if not self.thread.is_alive():
            self.loop.close()


class Browser:
    """A headless Chromium kept running for many PDFs; restarted when it has died. Usable from any thread.

    ``start_timeout``: seconds Chromium may take to start. ``starts`` counts the browsers started so far.
    """

    def __init__(self, start_timeout: float = 60):
        self.start_timeout = start_timeout
        self.starts = 0
        self._driver: _Driver | None = None
        self._finalizer: weakref.finalize | None = None
        self._pending: Future | None = None
        self._lock = threading.Lock()

    def _ensure_driver(self) -> _Driver:
        with self._lock:
            if self._driver is None:
                self._driver = _Driver()
                # a browser nobody closed is closed when it is collected or the process exits
                self._finalizer = weakref.finalize(self, self._driver.shutdown)
            return self._driver

    def alive(self) -> bool:
        """True while a browser is running and connected."""
        driver = self._driver
        return driver is not None and driver.browser is not None and driver.browser.is_connected()

    def start(self, wait: bool = True) -> None:
        """Start Chromium (nothing to do when it runs).

        ``wait=False`` returns at once and lets it start in the background (a batch worker's browser warms up
        while its first notebook runs); if that start fails, the next :meth:`print_pdf` raises its error.

        Raises
        ------
        BrowserError
            Chromium is not installed, exited at start or did not start within ``start_timeout``.
        """
        driver = self._ensure_driver()
        future = driver.submit(self._start(driver))
        if wait:
            future.result()
        else:
            self._pending = future

    def _take_pending(self) -> None:
        """Wait for a start begun in the background; raise its error (once)."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    async def _start(self, driver: _Driver) -> None:
        async with driver.start_lock:
            if driver.browser is not None and driver.browser.is_connected():
                return
            await driver.stop_browser()
            options = launch_options(self.start_timeout)
            try:
                if driver.playwright is None:
                    from playwright.async_api import async_playwright

                    driver.playwright = await async_playwright().start()
                driver.browser = await driver.playwright.chromium.launch(**options)
            except Exception as exc:  # noqa: BLE001 - Playwright's errors, or its driver that cannot start
                message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
                raise BrowserError(start_failure(options["executable_path"], message, self.start_timeout)) from None
            self.starts += 1

    def print_pdf(self, html_file: Path, timeout: float = 120) -> bytes:
        """``html_file`` printed to PDF; if Chromium died meanwhile it is started again and the page printed again.

        Raises
        ------
        BrowserError
            Chromium could not be started, could not print the page, or took more than ``timeout`` seconds to
            load and print it (that browser is then closed; the next PDF starts another).
        """
        url, name = Path(html_file).resolve().as_uri(), Path(html_file).name
        self._take_pending()
        driver = self._ensure_driver()
        for attempt in (1, 2):
            try:
                pdf = driver.submit(self._print(driver, url, name, timeout)).result()
            except _Died as died:
                if attempt == 2:
                    raise BrowserError(f"Chromium died twice while printing {name}: {died}") from None
                continue
            if pdf[:5] != b"%PDF-":
                raise BrowserError(f"Chromium printed something that is not a PDF for {name}")
            return pdf
        raise AssertionError("unreachable")  # pragma: no cover

    async def _print(self, driver: _Driver, url: str, name: str, timeout: float) -> bytes:
        from playwright.async_api import Error as PlaywrightError

        await self._start(driver)
        browser = driver.browser
        try:
            return await asyncio.wait_for(self._print_page(driver, browser, url), timeout)
        except TimeoutError:
            await driver.stop_browser()
            raise BrowserError(f"Chromium did not finish printing {name} within {timeout:.0f} s") from None
        except PlaywrightError as exc:
            first = (exc.message or str(exc)).splitlines()[0]
            if browser.is_connected() and type(exc).__name__ != "TargetClosedError":
                raise BrowserError(f"Chromium could not print {name}: {first}") from None
            await driver.stop_browser()
            raise _Died(first) from None

    @staticmethod
    async def _print_page(driver: _Driver, browser, url: str) -> bytes:
        """``url`` loaded and printed on the driver's kept page (opened on first use), or, while another PDF
        holds it, on a page of a context of its own. A page that failed is not kept."""
        if driver.page_lock.locked():
            context = await browser.new_context()  # Playwright dismisses any dialog: none blocks a PDF
            try:
                return await Browser._load_and_print(await context.new_page(), url)
            finally:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(context.close(), 5)
        async with driver.page_lock:
            if driver.page is None or driver.page.is_closed():
                context = await browser.new_context()
                driver.page = await context.new_page()
            page = driver.page
            try:
                return await Browser._load_and_print(page, url)
            except BaseException:
                driver.page = None
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(page.context.close(), 5)
                raise

    @staticmethod
    async def _load_and_print(page, url: str) -> bytes:
        await page.goto(url, wait_until="load", timeout=0)  # the deadline is the caller's
        return await page.pdf(**PDF_OPTIONS)

    def close(self) -> None:
        """Close Chromium and Playwright's driver, end the browser's thread (it may be started again later)."""
        with contextlib.suppress(Exception):
            self._take_pending()
        with self._lock:
            finalizer, self._finalizer, self._driver = self._finalizer, None, None
        if finalizer is not None:
            finalizer()


def print_pdf(html_file: Path, timeout: float = 120) -> bytes:
    """``html_file`` printed to PDF by a Chromium started for it and closed afterwards."""
    browser = Browser(start_timeout=timeout)
    try:
        return browser.print_pdf(html_file, timeout=timeout)
    finally:
        browser.close()
