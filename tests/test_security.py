"""Security (issue 8 §4): nothing contacts the network at run time; names built from parameters stay inside the
reports folder. (Parameters as data: test_runner.py::…hostile_string…, test_bad_inputs_config.py; safe YAML:
test_bad_inputs_config.py and test_scenarios.py; escaping in HTML: test_export.py and test_browser.py.)"""

from __future__ import annotations

import ipaddress
import socket

import pytest

from analysis.cli import main
from analysis.report.plan import make_run_id, slugify


@pytest.fixture
def no_network(monkeypatch):
    """Refuse every connection that is not to this machine (loopback) or a local socket file."""
    attempts = []
    real_connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else None
        if host is not None:
            try:
                local = ipaddress.ip_address(host).is_loopback
            except ValueError:
                local = host == "localhost"
            if not local:
                attempts.append(address)
                raise OSError(f"network access attempted: {address}")
        return real_connect(self, address)

    real_getaddrinfo = socket.getaddrinfo

    def guarded_lookup(host, *args, **kwargs):
        if host not in (None, "localhost", "127.0.0.1", "::1"):
            attempts.append(host)
            raise OSError(f"DNS lookup attempted: {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_lookup)
    return attempts


def test__no_network__the_guard_itself_catches_an_attempt(no_network):
    import urllib.request

    with pytest.raises(OSError):
        urllib.request.urlopen("http://example.org", timeout=2)
    assert no_network


@pytest.mark.parametrize(
    "argv",
    [
        ["build"],
        ["sources"],
        ["index", "--out", "{tmp}/pgi.csv"],
        ["pathways", "--province", "BRVT", "--out", "{tmp}/pathways.csv", "--draws", "200"],
        ["downscale", "--province", "Đồng Nai", "--year", "2023", "--out", "{tmp}/dn.csv"],
        ["provinces", "TP.HCM", "--map", "2025"],
    ],
)
def test__no_network__commands_work_offline(tmp_path, no_network, argv, capsys):
    code = main([a.replace("{tmp}", str(tmp_path)) for a in argv])
    assert code == 0, capsys.readouterr().err
    assert no_network == []


@pytest.mark.parametrize("value", ["../../etc/passwd", "/etc/passwd", "a/b\\c", "x\ny", "'; import os; #", "..", "."])
def test__run_ids__never_escape_the_reports_folder(value):
    run_id = make_run_id("nb", {"province": value, "label": value}, {})
    assert "/" not in run_id and "\\" not in run_id and "\n" not in run_id
    assert run_id not in (".", "..") and not run_id.startswith(".")
    assert slugify(value) not in (".", "..")
