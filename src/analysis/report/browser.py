"""Debian's Chromium, headless: find it, start it offline and quiet, print HTML to PDF, kill it when it hangs.

Purpose
    One place that finds the browser installed by ``scripts/setup.sh`` (no browser download), knows the
    flags that keep it offline and quiet, and kills it when it hangs.

    - :func:`print_to_pdf` runs ``chromium --headless --print-to-pdf`` on an HTML file, one browser start
      per PDF (the cold path; batches print through the long-lived :class:`analysis.report.cdp.Browser`).
      A4 and page numbers come from the page's CSS ``@page`` rules.
    - :mod:`analysis.report.cdp` drives the same browser over the DevTools protocol for batches (one
      long-lived browser per worker); the tests' page inspector (``tests/support/pages.py``) uses it too.

Inputs
    An HTML file or URL. ``NETZERO_CHROMIUM`` may name the browser binary.
Outputs
    A PDF file (:func:`print_to_pdf`).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from analysis.errors import AnalysisError

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
