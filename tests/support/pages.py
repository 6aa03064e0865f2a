"""Test support: open a page in Debian's headless Chromium through Playwright and report what a reader's browser meets.

:func:`chromium` launches the browser the reports are printed with (Playwright's sync API on
:func:`analysis.report.runtime.browser.launch_options`: Debian's binary, offline; nothing downloaded).
:func:`inspect_page` opens a URL (``file://`` or ``http://``) and reports console errors, JavaScript dialogs (an
``alert`` means an injected script ran), requests to other hosts, the visible text, broken images and a PNG
screenshot.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlparse

from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

from analysis.report.runtime.browser import launch_options


@contextlib.contextmanager
def chromium(timeout: float = 60) -> Iterator[Browser]:
    """A headless Chromium (Playwright's sync API), closed afterwards; ``timeout``: seconds it may take to start."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options(timeout))
        try:
            yield browser
        finally:
            browser.close()


def record_console_errors(page: Page, into: list[str]) -> None:
    """Append to ``into`` every console error or failed assertion, and every uncaught exception, of ``page``."""

    def on_console(message: ConsoleMessage) -> None:
        if message.type in ("error", "assert"):
            into.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: into.append(str(error)))


@dataclass
class PageReport:
    """What a headless browser saw on one page."""

    url: str
    text: str = ""
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)
    screenshot_png: bytes = b""

    @property
    def broken_images(self) -> list[dict]:
        return [i for i in self.images if not i.get("ok")]


_PAGE_SCRIPT = """() => ({
  text: document.body ? document.body.innerText : "",
  images: Array.from(document.images).map(i => ({src: i.currentSrc.slice(0, 40), ok: i.complete && i.naturalWidth > 0}))
})"""


def inspect_page(
    url: str, timeout: float = 60, width: int = 1200, height: int = 900, browser: Browser | None = None
) -> PageReport:
    """Open ``url`` in headless Chromium and report what a reader would meet (see :class:`PageReport`).

    ``browser``: a running Playwright browser to use (default: one started for this page). The page gets a fresh
    browser context of its own.
    """
    if browser is None:
        with chromium(timeout) as own:
            return inspect_page(url, timeout, width, height, own)
    report = PageReport(url=url)
    host = urlparse(url).netloc or None
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        record_console_errors(page, report.console_errors)

        def on_dialog(dialog) -> None:
            report.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.accept()  # never block the page

        def on_request(request) -> None:
            if re.match(r"(?i)(https?|wss?|ftp):", request.url) and urlparse(request.url).netloc != host:
                report.external_requests.append(request.url)

        page.on("dialog", on_dialog)
        page.on("request", on_request)
        page.goto(url, wait_until="load", timeout=timeout * 1000)
        page.wait_for_timeout(500)  # late console messages and requests
        seen = page.evaluate(_PAGE_SCRIPT)
        report.text, report.images = seen["text"], seen["images"]
        report.screenshot_png = page.screenshot()
    finally:
        context.close()
    return report
