"""Debian's Chromium, headless: print HTML to PDF, and inspect a page the way a reader's browser shows it.

Purpose
    One place that finds the browser installed by ``scripts/setup.sh`` (no browser download), knows the
    flags that keep it offline and quiet, and kills it when it hangs.

    - :func:`print_to_pdf` runs ``chromium --headless --print-to-pdf`` on an HTML file, one browser start
      per PDF (the cold path; batches print through the long-lived :class:`analysis.report.cdp.Browser`).
      A4 and page numbers come from the page's CSS ``@page`` rules.
    - :func:`inspect_page` opens a URL (``file://`` or ``http://``) through the DevTools protocol
      (:mod:`analysis.report.cdp`) and reports console errors, JavaScript dialogs (an ``alert`` means an
      injected script ran), requests to other hosts, the visible text, broken images and a PNG screenshot.

Inputs
    An HTML file or URL. ``NETZERO_CHROMIUM`` may name the browser binary.
Outputs
    A PDF file (:func:`print_to_pdf`); a :class:`PageReport` (:func:`inspect_page`).
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from analysis.errors import AnalysisError

if TYPE_CHECKING:
    from analysis.report.cdp import Browser

# The Debian binary first: /usr/bin/chromium is a wrapper script that only adds start-up time.
_CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "chromium", "chromium-browser")

# Offline and quiet: no sync, no component updates, no QUIC probes, a throw-away profile.
_QUIET_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-quic",
    "--mute-audio",
    "--disable-features=Translate,MediaRouter,OptimizationHints",
]


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


def chromium_command(user_data_dir: Path, *extra: str) -> list[str]:
    """The command line for a headless, offline Chromium using ``user_data_dir`` as its profile."""
    return [str(find_chromium()), *_QUIET_FLAGS, f"--user-data-dir={user_data_dir}", *extra]


def kill_browser(proc: subprocess.Popen) -> None:
    """Stop ``proc`` and the renderer processes it started (its own process group, even if it has exited)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait(timeout=10)


def print_to_pdf(html_file: Path, pdf_file: Path, timeout: float = 120) -> Path:
    """Print ``html_file`` to ``pdf_file`` with headless Chromium (no header/footer of its own)."""
    html_file, pdf_file = Path(html_file).resolve(), Path(pdf_file).resolve()
    with tempfile.TemporaryDirectory(prefix="netzero-chromium-") as profile:
        cmd = chromium_command(
            Path(profile),
            "--no-pdf-header-footer",
            "--run-all-compositor-stages-before-draw",
            f"--print-to-pdf={pdf_file}",
            html_file.as_uri(),
        )
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_browser(proc)
            raise BrowserError(f"Chromium did not finish printing {html_file.name} within {timeout:.0f} s") from None
    if proc.returncode != 0 or not pdf_file.exists() or pdf_file.read_bytes()[:5] != b"%PDF-":
        tail = err.decode(errors="replace").strip().splitlines()[-5:]
        raise BrowserError(f"Chromium failed to print {html_file.name} (exit {proc.returncode}): " + " | ".join(tail))
    return pdf_file


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
    from analysis.report.cdp import Browser

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
