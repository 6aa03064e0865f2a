"""The explorer in a real browser: JupyterLab on localhost, Debian's headless Chromium driven by Playwright.

The test opens a copy of ``notebooks/05_explorer.ipynb`` (so JupyterLab's autosave never touches the shipped
notebook), runs all cells with JupyterLab's own "Run All Cells" command (what the Run menu calls), drags the first
measure's slider with the mouse, and checks that the headline gap and the chart change, that the panel says how long
the redraw took, and that the page logged no console error. The screenshot is kept in the test's folder
(``explorer.png``).
"""

from __future__ import annotations

import io
import json
import shutil
import time

import numpy as np
import pytest
from matplotlib import image as mpimg
from support.pages import chromium, record_console_errors
from test_lab import _Lab

from analysis import paths

GAP = "(() => { const e = document.querySelector('.nz-card-gap .nz-value'); return e ? e.textContent : null; })()"
CHART = (
    "(async () => { const i = document.querySelector('img.nz-chart'); if (!i || !i.complete || !i.naturalWidth) "
    "return null; const b = new Uint8Array(await (await fetch(i.src)).arrayBuffer()); let h = 0; "
    "for (const x of b) h = (h * 31 + x) >>> 0; return b.length + ':' + h; })()"
)
IDLE = (
    "(() => { const e = document.querySelector('.jp-Notebook-ExecutionIndicator'); "
    "return e !== null && e.getAttribute('data-status') === 'idle'; })()"
)
KERNEL = (
    "(async () => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget; "
    "if (!w || !w.sessionContext) return null; await w.context.ready; await w.sessionContext.ready; "
    "const k = w.sessionContext.session && w.sessionContext.session.kernel; "
    "return k && k.connectionStatus === 'connected' && k.status === 'idle' ? k.name : null; })()"
)
STATE = (
    "JSON.stringify({title: document.title, dialogs: Array.from(document.querySelectorAll('.jp-Dialog'))"
    ".map(d => d.innerText), prompts: Array.from(document.querySelectorAll('.jp-InputPrompt'))"
    ".map(e => e.textContent), outputs: Array.from(document.querySelectorAll('.jp-OutputArea-output'))"
    ".map(e => e.innerText.slice(0, 300))})"
)
STARTED = (
    "Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputPrompt'))"
    ".some(e => /\\[(\\*|\\d+)\\]/.test(e.textContent))"
)


class _Page:
    """One Chromium tab (a Playwright page): evaluate JavaScript, wait for a condition, move and click the mouse."""

    def __init__(self, tab):
        self.tab = tab
        self.errors: list[str] = []
        record_console_errors(tab, self.errors)

    def goto(self, url: str) -> None:
        self.tab.goto(url, wait_until="load", timeout=120_000)

    def drain(self, seconds: float) -> None:
        self.tab.wait_for_timeout(seconds * 1000)

    def js(self, expression: str):
        return self.tab.evaluate(expression)  # a promise is awaited

    def until(self, expression: str, timeout: float):
        """The expression's first truthy value within ``timeout`` seconds, else ``None``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.js(expression)
            if value:
                return value
            self.drain(0.5)
        return None

    def wait(self, expression: str, timeout: float = 240):
        value = self.until(expression, timeout)
        if not value:
            raise AssertionError(f"the page never satisfied: {expression}")
        return value

    def centre(self, selector: str) -> tuple[float, float]:
        return self.wait(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)}); if (!e) return null; "
            "e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect(); "
            "return r.width ? [r.x + r.width / 2, r.y + r.height / 2] : null; })()"
        )

    def drag(self, selector: str, dx: float, steps: int = 10) -> None:
        x, y = self.centre(selector)
        mouse = self.tab.mouse
        mouse.move(x, y)
        mouse.down()
        mouse.move(x + dx, y, steps=steps)
        mouse.up()

    def screenshot(self) -> bytes:
        return self.tab.screenshot()

    def console_errors(self) -> list[str]:
        return list(self.errors)


@pytest.fixture
def lab(tmp_path):
    work = tmp_path / "lab"
    work.mkdir()
    shutil.copy(paths.NOTEBOOKS_DIR / "05_explorer.ipynb", work / "05_explorer.ipynb")
    settings = tmp_path / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)  # no news or update checks: the page talks to localhost only
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    server = _Lab(
        tmp_path,
        root_dir=work,
        env={"JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings")},
        args=("--LabApp.expose_app_in_browser=True",),
    )  # window.jupyterapp: JupyterLab's own commands
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


@pytest.fixture
def page():
    with chromium(timeout=60) as browser:  # Debian's Chromium through Playwright, a fresh profile, no port
        context = browser.new_context(viewport={"width": 1280, "height": 1400})
        try:
            yield _Page(context.new_page())
        finally:
            context.close()


@pytest.mark.slow
def test__explorer_in_jupyterlab__a_slider_moves_the_headline_and_the_chart(lab, page, tmp_path):
    page.goto(f"{lab.base}/lab/tree/05_explorer.ipynb?token={lab.token}")
    try:
        page.wait(IDLE)  # the notebook is open
        assert page.wait(KERNEL) == "netzero"  # and its kernel connected and idle
        for _ in range(3):  # JupyterLab's "Run All Cells" (Run menu); again if a busy machine swallowed it
            page.js("window.jupyterapp.commands.execute('notebook:run-all-cells').then(() => true)")
            if page.until(STARTED, 30):
                break
        gap, chart = page.wait(GAP), page.wait(CHART)
    except AssertionError as exc:
        (tmp_path / "explorer-failed.png").write_bytes(page.screenshot())
        log = (tmp_path / "lab.log").read_text(errors="replace").splitlines()[-15:]
        raise AssertionError(
            f"{exc}; page: {page.js(STATE)}; console: {page.console_errors()}; server log: " + " | ".join(log)
        ) from None
    assert "triệu tấn CO₂tđ" in gap and "Công cụ điều chỉnh kịch bản" in page.js(
        "document.querySelector('.nz-explorer').innerText"
    )

    page.drag(".nz-measure .nz-level .noUi-handle", 40)
    moved = page.wait(f"(() => {{ const g = {GAP}; return g && g !== {json.dumps(gap)} ? g : null; }})()", 60)
    page.wait(f"(async () => {{ const h = await {CHART}; return h && h !== {json.dumps(chart)}; }})()", 60)
    assert moved != gap
    assert int(page.js("document.querySelector('.nz-measure .nz-level .widget-readout').textContent")) > 100
    assert "Tính lại trong" in page.js("document.querySelector('.nz-status').textContent")

    page.js("document.querySelector('.nz-explorer').scrollIntoView({block: 'start'})")
    page.drain(1)
    png = page.screenshot()
    (tmp_path / "explorer.png").write_bytes(png)
    pixels = mpimg.imread(io.BytesIO(png), format="png")
    assert len(np.unique(pixels.reshape(-1, pixels.shape[-1]), axis=0)) > 100
    assert page.console_errors() == []
