"""Project-level rules: environment files agree, notebooks carry no outputs, no machine paths."""

import json
import re
import subprocess
import tomllib

from analysis import paths

ROOT = paths.PROJECT_ROOT


def _name(req: str) -> str:
    return re.split(r"[<>=!~\[ ;]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test__environment_yml_matches_pyproject():
    import yaml

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r) for r in project["dependencies"]} | {_name(r) for r in project["optional-dependencies"]["test"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {_name(d) for d in env["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    for d in env["dependencies"]:
        if isinstance(d, dict):
            conda |= {_name(r) for r in d.get("pip", [])}
    assert conda == wanted


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
