"""The explorer in a real browser: JupyterLab on localhost, Debian's headless Chromium over the DevTools protocol.

The test opens a copy of ``notebooks/05_explorer.ipynb`` (so JupyterLab's autosave never touches the shipped
notebook), runs all cells with JupyterLab's own "Run All Cells" command (what the Run menu calls), drags the first
measure's slider with the mouse, and checks that the headline gap and the chart change, that the panel says how long
the redraw took, and that the page logged no console error. The screenshot is kept in the test's folder
(``explorer.png``).
"""

from __future__ import annotations

import base64
import io
import json
import shutil
import time

import numpy as np
import pytest
from matplotlib import image as mpimg
from test_lab import _Lab

from analysis import paths
from analysis.report.cdp import Browser, Page

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
    """One Chromium tab: evaluate JavaScript, wait for a condition, move and click the mouse."""

    def __init__(self, tab: Page):
        self.tab = tab

    def send(self, method: str, params: dict | None = None) -> dict:
        return self.tab.call(method, params, timeout=60)

    def drain(self, seconds: float) -> None:
        self.tab.drain(seconds)

    def js(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        return result["result"].get("value")

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

    def mouse(self, kind: str, x: float, y: float, buttons: int = 0) -> None:
        self.send(
            "Input.dispatchMouseEvent",
            {"type": kind, "x": x, "y": y, "button": "left", "buttons": buttons, "clickCount": 1},
        )

    def drag(self, selector: str, dx: float, steps: int = 10) -> None:
        x, y = self.centre(selector)
        self.mouse("mouseMoved", x, y)
        self.mouse("mousePressed", x, y, 1)
        for k in range(1, steps + 1):
            self.mouse("mouseMoved", x + dx * k / steps, y, 1)
        self.mouse("mouseReleased", x + dx, y)

    def screenshot(self) -> bytes:
        return base64.b64decode(self.send("Page.captureScreenshot", {"format": "png"})["data"])

    def console_errors(self) -> list[str]:
        out = []
        for e in self.tab.events:
            method, p = e.get("method"), e.get("params", {})
            if method == "Runtime.exceptionThrown":
                out.append(p.get("exceptionDetails", {}).get("text", "exception"))
            elif method == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                out.append(p["entry"].get("text", ""))
            elif method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                out.append(" ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", [])))
        return out


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
    browser = Browser(start_timeout=60)  # a fresh profile folder, DevTools over a pipe (no port)
    try:
        with browser.open_page(1280, 1400) as tab:
            page = _Page(tab)
            for domain in ("Page", "Runtime", "Log"):
                page.send(f"{domain}.enable")
            yield page
    finally:
        browser.close()


@pytest.mark.slow
def test__explorer_in_jupyterlab__a_slider_moves_the_headline_and_the_chart(lab, page, tmp_path):
    page.send("Page.navigate", {"url": f"{lab.base}/lab/tree/05_explorer.ipynb?token={lab.token}"})
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
