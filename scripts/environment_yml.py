"""Write environment.yml (for conda users) from pyproject.toml and the versions uv.lock pins.

``make lock`` runs it after ``uv lock``; ``tests/test_project.py`` checks that the committed file is what it writes,
so the conda environment and the lock never disagree. The versions are those the lock resolves for Python 3.11 on
Linux (the Python of the README's quick start); packages conda-forge lacks go in the ``pip:`` list.

Usage: ``python scripts/environment_yml.py [--check]`` from the project root.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

from packaging.markers import Marker, default_environment
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
PIP_ONLY = {"pyam-iamc": "test only: IAMC check_aggregate; installed with pip (PyPI name)"}
PYTHON = "3.11"
HEADER = """\
# The same environment as uv.lock, for conda users (written by `make lock`: scripts/environment_yml.py; a test
# checks it is current). Versions are uv.lock's for Python 3.11 on Linux:
#   conda env create -f environment.yml && conda activate netzero && pip install -e . --no-deps
name: netzero
channels:
  - conda-forge
dependencies:
"""


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _marker_env() -> dict[str, str]:
    env = default_environment()
    env.update(python_version=PYTHON, python_full_version=f"{PYTHON}.9", sys_platform="linux", platform_system="Linux")
    return env


def locked_versions(lock_path: Path = ROOT / "uv.lock") -> dict[str, str]:
    """Package name -> the version uv.lock pins for Python 3.11 on Linux."""
    env = _marker_env()
    out: dict[str, str] = {}
    for package in tomllib.loads(lock_path.read_text(encoding="utf-8"))["package"]:
        forks = package.get("resolution-markers")
        if forks and not any(Marker(m).evaluate(env) for m in forks):
            continue
        out[_canonical(package["name"])] = package["version"]
    return out


def render(root: Path = ROOT) -> str:
    """The text of environment.yml for the project at ``root``."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    versions = locked_versions(root / "uv.lock")
    lines, pip = [f"  - python={PYTHON}"], []
    groups = [("", project["dependencies"]), ("test", project["optional-dependencies"]["test"])]
    for group, requirements in groups:
        if group:
            lines.append(f"  # {group}")
        for text in requirements:
            written = Requirement(text).name  # as pyproject writes it (conda-forge: "ruamel.yaml", "openscm-units")
            name = _canonical(written)
            pin = f"{written}=={versions[name]}"
            if name in PIP_ONLY:
                pip.append(f"      - {pin}  # {PIP_ONLY[name]}")
            else:
                lines.append(f"  - {pin}")
    lines.append("  - pip")
    if pip:
        lines += ["  - pip:", *pip]
    return HEADER + "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    target = ROOT / "environment.yml"
    if "--check" in argv:
        if target.read_text(encoding="utf-8") != text:
            print("environment.yml is not what uv.lock gives: run `make lock`", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target.name} ({text.count(chr(10)) - HEADER.count(chr(10))} lines of dependencies)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
