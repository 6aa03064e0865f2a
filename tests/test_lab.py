"""JupyterLab on the project: a real server on localhost lists the notebooks and starts the project's kernel."""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from analysis import paths

JUPYTER = Path(sys.executable).parent / "jupyter"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Lab:
    """A JupyterLab server process and a tiny REST client for it."""

    def __init__(
        self, tmp: Path, root_dir: Path = paths.PROJECT_ROOT, env: dict | None = None, args: tuple[str, ...] = ()
    ):
        self.port, self.token = _free_port(), secrets.token_hex(16)
        self.base = f"http://127.0.0.1:{self.port}"
        env = (
            os.environ
            | {"JUPYTER_RUNTIME_DIR": str(tmp / "runtime"), "JUPYTERLAB_WORKSPACES_DIR": str(tmp)}
            | (env or {})
        )
        self.log = (tmp / "lab.log").open("w")
        self.proc = subprocess.Popen(
            [
                str(JUPYTER),
                "lab",
                "--no-browser",
                "--ServerApp.ip=127.0.0.1",
                f"--ServerApp.port={self.port}",
                "--ServerApp.port_retries=0",
                f"--IdentityProvider.token={self.token}",
                f"--ServerApp.root_dir={root_dir}",
                *(["--allow-root"] if os.geteuid() == 0 else []),
                *args,
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env=env,
        )

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict | None]:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(
            self.base + path,
            data=data,
            method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=10) as resp:
            text = resp.read()
            return resp.status, (json.loads(text) if text else None)

    def wait_ready(self, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, "JupyterLab exited at start-up"
            try:
                return self.call("GET", "/api/status")[1]
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        raise AssertionError("JupyterLab did not answer /api/status in time")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


async def _execute(url: str, code: str, timeout: float = 30) -> str:
    """Run ``code`` in a kernel over the server's websocket; return what it printed."""
    from tornado.websocket import websocket_connect

    ws = await websocket_connect(url)
    msg_id = uuid.uuid4().hex
    header = {
        "msg_id": msg_id,
        "msg_type": "execute_request",
        "username": "test",
        "session": uuid.uuid4().hex,
        "version": "5.3",
        "date": "",
    }
    ws.write_message(
        json.dumps(
            {
                "header": header,
                "parent_header": {},
                "metadata": {},
                "channel": "shell",
                "content": {
                    "code": code,
                    "silent": False,
                    "store_history": False,
                    "user_expressions": {},
                    "allow_stdin": False,
                },
            }
        )
    )
    out = []
    try:
        while True:
            raw = await asyncio.wait_for(ws.read_message(), timeout)
            assert raw is not None, "the kernel's websocket closed"
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "stream":
                out.append(msg["content"]["text"])
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return "".join(out)
    finally:
        ws.close()


@pytest.mark.slow
def test__jupyterlab__lists_notebooks_and_starts_the_netzero_kernel(tmp_path):
    lab = _Lab(tmp_path)
    try:
        lab.wait_ready()
        _, listing = lab.call("GET", "/api/contents/notebooks")
        names = {item["name"] for item in listing["content"]}
        assert {p.name for p in paths.NOTEBOOKS_DIR.glob("*.ipynb")} <= names and "00_data_overview.ipynb" in names

        _, specs = lab.call("GET", "/api/kernelspecs")
        argv0 = Path(specs["kernelspecs"]["netzero"]["spec"]["argv"][0])
        assert argv0.parent.parent == Path(sys.prefix)  # the kernel is this environment's Python

        status, kernel = lab.call("POST", "/api/kernels", {"name": "netzero"})
        assert status == 201 and kernel["name"] == "netzero"
        try:
            ws = f"ws://127.0.0.1:{lab.port}/api/kernels/{kernel['id']}/channels?token={lab.token}"
            printed = asyncio.run(_execute(ws, "import sys, analysis; print(sys.prefix); print(analysis.__name__)"))
            assert printed.split() == [sys.prefix, "analysis"]
            _, alive = lab.call("GET", f"/api/kernels/{kernel['id']}")
            assert alive["execution_state"] in ("idle", "busy")
        finally:
            status, _ = lab.call("DELETE", f"/api/kernels/{kernel['id']}")
        assert status == 204
        assert lab.call("GET", "/api/kernels")[1] == []
    finally:
        lab.stop()
    assert lab.proc.returncode is not None
