"""The batch index and a report in Debian's headless Chromium, from disk and over HTTP.

No console errors, no dialog (an injected ``alert`` would open one), no request to another host, the
key text visible, every image loaded, and a screenshot that is not blank.
"""

from __future__ import annotations

import functools
import http.server
import io
import re
import subprocess
import threading
from pathlib import Path

import numpy as np
import psutil
import pytest
from matplotlib import image as mpimg
from support.pages import inspect_page

from analysis.report.export import export_run
from analysis.report.index_page import write_batch_index

FIXTURES = Path(__file__).parent / "fixtures" / "reports"
HOSTILE = "<script>alert(1)</script>"


def _colours(png: bytes) -> int:
    pixels = mpimg.imread(io.BytesIO(png), format="png")
    return len(np.unique(pixels.reshape(-1, pixels.shape[-1]), axis=0))


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    batch = tmp_path_factory.mktemp("reports") / "default"
    run_dir = batch / "brvt vi"
    paths = export_run(
        FIXTURES / "sample_vi.ipynb",
        run_dir,
        ["html", "xlsx"],
        {
            "province": "Bà Rịa – Vũng Tàu",
            "scenarios": ["bau", HOSTILE],
            "lang": "vi",
            "is_estimate": True,
            "sources": [HOSTILE],
        },
    )
    html, xlsx = paths
    write_batch_index(
        batch,
        [
            {
                "run_id": "brvt-vi",
                "province": "Bà Rịa – Vũng Tàu",
                "scenarios": ["bau", HOSTILE],
                "lang": "vi",
                "html": html,
                "xlsx": xlsx,
                "ipynb": FIXTURES / "sample_vi.ipynb",
            }
        ],
    )
    return batch


@pytest.fixture(scope="module")
def server(batch):
    handler = functools.partial(_QuietHandler, directory=str(batch))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _assert_clean(report) -> None:
    assert report.console_errors == []
    assert report.dialogs == []
    assert report.external_requests == []
    assert report.broken_images == []
    assert _colours(report.screenshot_png) > 10


def test__inspect_page__report_from_disk(batch):
    report = inspect_page((batch / "brvt vi" / "sample_vi.html").as_uri())
    _assert_clean(report)
    text = " ".join(report.text.split())
    for visible in (
        "Bà Rịa – Vũng Tàu",
        "Mục lục",
        "Phát thải khí nhà kính",
        "Chỉ số Xanh cấp tỉnh",
        "Hình 2",
        "Bảng 1. Lộ trình phát thải",
        "1.234,5",
        "ước tính sơ bộ",
        HOSTILE,
    ):
        assert visible in text, visible
    assert len(report.images) == 2


def test__inspect_page__index_from_disk_and_over_http(batch, server):
    for url in ((batch / "index.html").as_uri(), f"{server}/index.html"):
        report = inspect_page(url)
        _assert_clean(report)
        text = " ".join(report.text.split())
        for visible in ("brvt-vi", "Bà Rịa – Vũng Tàu", "29,0", "21,0", "28%", "đạt", "12", HOSTILE):
            assert visible in text, (url, visible)


def test__inspect_page__report_over_http_through_the_index_link(batch, server):
    href = re.search(r'href="([^"]+\.html)"', (batch / "index.html").read_text(encoding="utf-8")).group(1)
    report = inspect_page(f"{server}/{href}")
    _assert_clean(report)
    assert "Chỉ số Xanh cấp tỉnh" in report.text


def test__inspect_page__catches_scripts_errors_and_broken_images(tmp_path):
    """The checks above can fail: a page that runs a script, logs an error and misses an image."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html><head><link rel="icon" href="data:,"></head><body><p>x</p>'
        '<img src="missing.png"><script>console.error("boom"); alert(1)</script></body></html>'
    )
    report = inspect_page(page.as_uri())
    assert report.dialogs == ["alert: 1"]
    assert "boom" in report.console_errors
    assert len(report.broken_images) == 1


def test__find_chromium__missing_browser_says_run_make_setup(monkeypatch, tmp_path):
    from analysis.report.runtime.browser import BrowserError, find_chromium

    monkeypatch.setenv("NETZERO_CHROMIUM", str(tmp_path / "no-such-chromium"))
    with pytest.raises(BrowserError, match="make setup"):
        find_chromium()


def test__print_pdf__kills_a_hung_browser(monkeypatch, tmp_path):
    from analysis.report.pdf import write_pdf_from_html
    from analysis.report.runtime.browser import BrowserError

    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\necho $$ > " + str(tmp_path / "pid") + "\nexec sleep 30\n")
    fake.chmod(0o755)
    monkeypatch.setenv("NETZERO_CHROMIUM", str(fake))
    with pytest.raises(BrowserError, match="within 1 s"):
        write_pdf_from_html("<p>x</p>", tmp_path / "p.pdf", timeout=1)
    assert not (tmp_path / "p.pdf").exists()
    pid = int((tmp_path / "pid").read_text())
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE


def test__print_pdf__works_where_an_asyncio_loop_is_running(tmp_path):
    """Papermill, ipykernel and the Jupyter server run an asyncio loop; printing from inside one still works."""
    import asyncio

    from analysis.report.runtime.browser import print_pdf

    page = tmp_path / "p.html"
    page.write_text("<!DOCTYPE html><meta charset=utf-8><p>Phát thải ròng năm 2030</p>", encoding="utf-8")

    async def inside_a_loop() -> bytes:
        return print_pdf(page, timeout=60)

    pdf = asyncio.run(inside_a_loop())
    assert pdf[:5] == b"%PDF-"
    (tmp_path / "p.pdf").write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(tmp_path / "p.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Phát thải ròng năm 2030" in text


def test__browser__kept_page_prints_each_report_its_own_text_also_two_at_once(tmp_path):
    """One page is kept for every PDF of a browser; a print asked while it is busy gets a page of its own. Each PDF
    holds its own report's words, never the one printed before it on the same page."""
    from concurrent.futures import ThreadPoolExecutor

    from analysis.report.runtime.browser import Browser

    pages = []
    for i, words in enumerate(["Phát thải ròng năm 2030", "Hấp thụ carbon của rừng", "Mục tiêu Net Zero 2050"]):
        page = tmp_path / f"r{i}.html"
        page.write_text(f"<!DOCTYPE html><meta charset=utf-8><p>{words}</p>", encoding="utf-8")
        pages.append((page, words))

    def text_of(pdf: bytes, name: str) -> str:
        (tmp_path / name).write_bytes(pdf)
        return subprocess.run(["pdftotext", str(tmp_path / name), "-"], capture_output=True, text=True).stdout

    browser = Browser()
    try:
        for page, words in pages:  # one after the other: the kept page
            text = text_of(browser.print_pdf(page, timeout=60), page.stem + ".pdf")
            assert words in text and all(w not in text for _, w in pages if w != words)
        with ThreadPoolExecutor(3) as pool:  # at once: the kept page and pages of their own
            pdfs = list(pool.map(lambda item: browser.print_pdf(item[0], timeout=60), pages))
        for (page, words), pdf in zip(pages, pdfs, strict=True):
            text = text_of(pdf, page.stem + "-at-once.pdf")
            assert words in text and all(w not in text for _, w in pages if w != words)
        assert browser.starts == 1
    finally:
        browser.close()
