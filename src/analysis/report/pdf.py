"""PDF reports: the project's HTML printed to A4 by Debian's Chromium through Playwright (no browser download, no LaTeX).

Purpose
    :class:`ChromiumPDFExporter` is an nbconvert exporter (registered as ``netzero_pdf``, so
    ``jupyter nbconvert --to netzero_pdf run.ipynb`` works too) that renders the notebook with
    :class:`analysis.report.html.ReportHTMLExporter` and prints the page with a headless Chromium started for
    it. A batch prints through its worker's long-lived browser instead (:func:`write_pdf_from_html` with a
    ``printer``, see :class:`analysis.report.runtime.browser.Browser`). A4 paper and the "Trang 3 / 12" page
    numbers come from the template's CSS ``@page`` rules; charts are the embedded PNGs; fonts are DejaVu Sans
    and Noto Sans Mono (Vietnamese-complete). Both work from a thread whose asyncio loop is running (a
    notebook, the Jupyter server): the browser runs in a thread of its own.

Inputs
    An executed notebook (and, through ``resources["netzero"]``, the title-block context).
Outputs
    PDF bytes (:meth:`ChromiumPDFExporter.from_notebook_node`) or a PDF file
    (:func:`write_pdf_from_html`, atomic).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from traitlets import Float

from analysis.io import atomic_path
from analysis.report.html import ReportHTMLExporter
from analysis.report.runtime.browser import print_pdf


def write_pdf_from_html(
    html_text: str, target: Path, timeout: float = 120, printer: Callable[[Path], bytes] | None = None
) -> Path:
    """Print ``html_text`` (a self-contained page) to the PDF ``target``, atomically.

    ``printer(html_file) -> bytes`` prints with a running browser (a batch worker's); without one,
    Chromium is started for this PDF.
    """
    target = Path(target)
    with tempfile.TemporaryDirectory(prefix="netzero-pdf-") as work:
        page = Path(work) / "report.html"
        page.write_text(html_text, encoding="utf-8")
        pdf = print_pdf(page, timeout=timeout) if printer is None else printer(page)
        with atomic_path(target) as tmp:
            tmp.write_bytes(pdf)
    return target


class ChromiumPDFExporter(ReportHTMLExporter):
    """nbconvert exporter: the project's HTML report, printed to an A4 PDF by headless Chromium."""

    export_from_notebook = "Net Zero report (PDF)"
    output_mimetype = "application/pdf"
    timeout = Float(120, help="Seconds before a hung Chromium is given up.").tag(config=True)

    def _file_extension_default(self):
        return ".pdf"

    def from_notebook_node(self, nb, resources=None, **kw):
        html_text, resources = super().from_notebook_node(nb, resources, **kw)
        with tempfile.TemporaryDirectory(prefix="netzero-pdf-") as work:
            page = Path(work) / "report.html"
            page.write_text(html_text, encoding="utf-8")
            data = print_pdf(page, timeout=self.timeout)
        resources["output_extension"] = ".pdf"
        return data, resources
