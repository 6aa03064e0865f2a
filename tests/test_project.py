"""Project-level rules: environment files agree, notebooks carry no outputs, no machine paths."""

import json
import os
import re
import subprocess
import tomllib

from analysis import paths

ROOT = paths.PROJECT_ROOT


def _name(req: str) -> str:
    return re.split(r"[<>=!~\[ ;]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


UV = ROOT / ".venv" / ".uv" / "bin" / "uv"


def _uv(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "UV_PROJECT_ENVIRONMENT": str(ROOT / ".venv"), "UV_PYTHON_DOWNLOADS": "never"}
    return subprocess.run([str(UV), *args, "--offline"], cwd=ROOT, capture_output=True, text=True, env=env)


def test__environment_yml_is_the_lock_for_conda():
    """environment.yml pins every dependency of pyproject.toml at the version uv.lock gives (make lock writes it)."""
    from scripts.environment_yml import render

    assert (ROOT / "environment.yml").read_text(encoding="utf-8") == render(ROOT)
    text = render(ROOT)
    assert "  - numpy==" in text and "pyam-iamc==" in text


def test__lock_agrees_with_pyproject():
    """uv.lock was made from today's pyproject.toml: `uv lock --check` fails when a dependency changed."""
    proc = _uv("lock", "--check")
    assert proc.returncode == 0, proc.stderr


def test__installed_set_equals_the_lock():
    """The environment the tests run in is exactly the lock (the project itself and uv/pip aside)."""
    from analysis.report.manifest import lock_state

    proc = _uv("sync", "--locked", "--extra", "test", "--check")
    assert proc.returncode == 0, proc.stderr
    state = lock_state()
    assert state["matches"] is True, state["differs"]
    assert len(state["sha256"]) == 64


def test__a_changed_locked_version_shows_in_the_manifest(tmp_path):
    """A lock that pins another numpy than the one installed is reported, with both versions."""
    import numpy

    from analysis.report.manifest import lock_state

    text = (ROOT / "uv.lock").read_text(encoding="utf-8")
    start = text.index('name = "numpy"\nversion = "')
    changed = text[:start] + text[start:].replace(f'version = "{numpy.__version__}"', 'version = "1.0.0"', 1)
    (tmp_path / "uv.lock").write_text(changed, encoding="utf-8")
    state = lock_state(tmp_path / "uv.lock")
    assert state["matches"] is False
    assert {"package": "numpy", "locked": "1.0.0", "installed": numpy.__version__} in state["differs"]
    assert state["sha256"] != lock_state()["sha256"]


def test__lower_bounds_on_every_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for req in project["dependencies"]:
        assert ">=" in req, f"{req} has no lower bound"


def test__notebooks_committed_without_outputs():
    for nb_path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert not cell.get("outputs"), f"{nb_path.name} has outputs"
                assert cell.get("execution_count") is None, f"{nb_path.name} has execution counts"


def test__no_machine_paths_in_tracked_files():
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    pattern = re.compile(r"/(?:work|tmp|root|home/[a-z]+)/[A-Za-z]")
    offenders = []
    for f in files:
        p = ROOT / f
        if p.suffix in {".py", ".md", ".yml", ".yaml", ".toml", ".ipynb", ".cfg", ".txt", ".j2", ".html", ".css"}:
            if pattern.search(p.read_text(encoding="utf-8", errors="ignore")):
                offenders.append(f)
    assert offenders == []


def test__processed_and_reports_are_ignored():
    out = subprocess.run(
        ["git", "check-ignore", "data/processed/x.csv", "reports/b/index.html"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.stdout.split() == ["data/processed/x.csv", "reports/b/index.html"]


def test__console_script_and_module_entry_point():
    proc = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "netzero"), "provinces", "BRVT", "--map", "2025"], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "BRVT\tTP. Hồ Chí Minh"
