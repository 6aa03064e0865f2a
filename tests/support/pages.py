"""Test support: open a page in headless Chromium and report what a reader's browser meets.

:func:`inspect_page` opens a URL (``file://`` or ``http://``) through the DevTools protocol
(:class:`analysis.report.cdp.Browser`) and reports console errors, JavaScript dialogs (an ``alert`` means an
injected script ran), requests to other hosts, the visible text, broken images and a PNG screenshot.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

from analysis.report.cdp import Browser


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


_PAGE_SCRIPT = """JSON.stringify({
  text: document.body ? document.body.innerText : "",
  images: Array.from(document.images).map(i => ({src: i.currentSrc.slice(0, 40), ok: i.complete && i.naturalWidth > 0}))
})"""


def _summarise(report: PageReport, events: list[dict], page_host: str | None) -> None:
    for e in events:
        method, p = e.get("method"), e.get("params", {})
        if method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            report.console_errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in p["args"]))
        elif method == "Runtime.exceptionThrown":
            report.console_errors.append(p.get("exceptionDetails", {}).get("text", "exception"))
        elif method == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
            report.console_errors.append(p["entry"].get("text", ""))
        elif method == "Page.javascriptDialogOpening":
            report.dialogs.append(f"{p.get('type')}: {p.get('message')}")
        elif method == "Network.requestWillBeSent":
            url = p.get("request", {}).get("url", "")
            if re.match(r"(?i)(https?|wss?|ftp):", url) and urlparse(url).netloc != page_host:
                report.external_requests.append(url)


def inspect_page(
    url: str, timeout: float = 60, width: int = 1200, height: int = 900, browser: Browser | None = None
) -> PageReport:
    """Open ``url`` in headless Chromium and report what a reader would meet (see :class:`PageReport`).

    ``browser``: a running :class:`analysis.report.cdp.Browser` to use (default: one started for this page).
    """
    report = PageReport(url=url)
    own = browser is None
    browser = browser or Browser(start_timeout=timeout)
    try:
        with browser.open_page(width, height) as page:
            for domain in ("Page", "Runtime", "Log", "Network"):
                page.call(f"{domain}.enable")
            page.pipe.events.clear()
            page.navigate(url, timeout)
            page.drain(0.5)
            result = page.call("Runtime.evaluate", {"expression": _PAGE_SCRIPT, "returnByValue": True})
            seen = json.loads(result["result"]["value"])
            report.text, report.images = seen["text"], seen["images"]
            report.screenshot_png = base64.b64decode(page.call("Page.captureScreenshot", {"format": "png"})["data"])
            _summarise(report, page.events, urlparse(url).netloc or None)
    finally:
        if own:
            browser.close()
    return report
