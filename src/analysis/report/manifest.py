"""Run manifests: what a report was made from, so it can be trusted, reproduced and skipped on resume.

Inputs: a notebook, its validated parameters and the project files it reads.
Outputs: ``manifest.json`` in each run folder with

- ``run_id``, ``batch``, ``notebook`` (relative to the project), ``parameters``;
- ``inputs``: SHA-256 of the notebook, of every file in ``data/raw/``, of files named by ``path``
  parameters, of ``config/`` files (batch files aside) and of the ``analysis`` package source, plus one ``digest`` over
  all of them and the parameters (what ``--resume`` compares);
- ``environment``: Python, package versions, kernel, git commit (and whether the tree was dirty), the lock the
  environment was installed from (``uv.lock``: its SHA-256 and every installed package whose version differs from
  it) and the versions of the Debian packages the reports use (Chromium, fonts, poppler);
- ``started``, ``finished``, ``seconds``, ``status`` (``ok`` or ``failed``), ``error`` and ``outputs``.
"""

from __future__ import annotations

import hashlib
import json
import platform
import re
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

from analysis import paths
from analysis.fingerprint import file_digest, hash_package_code
from analysis.io import atomic_path

MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1
DIST_NAME = "netzero-analysis"


def _tree_files(root: Path, pattern: str = "*") -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(
        p for p in root.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")
    )


def hash_inputs(notebook: Path, parameters: dict[str, Any], path_params: list[str] = ()) -> dict[str, Any]:
    """Hashes of everything a run reads, and one ``digest`` over them and the parameters.

    Parameters
    ----------
    notebook : Path
        The notebook run.
    parameters : dict
        The validated parameters injected.
    path_params : list of str
        Names of parameters declared ``path`` (files relative to the project root).
    """
    # each file's SHA-256 remembered while it is unchanged (fingerprint.file_digest): a batch plans hundreds of runs
    # over the same inputs
    files: dict[str, str] = {paths.relative_to_project(notebook): file_digest(notebook)}
    batches = paths.CONFIG_DIR / "batches"  # a batch file shapes the matrix, not a run: its values are parameters
    for p in _tree_files(paths.RAW_DIR) + [q for q in _tree_files(paths.CONFIG_DIR) if batches not in q.parents]:
        files[paths.relative_to_project(p)] = file_digest(p)
    for name in path_params:
        value = parameters.get(name)
        for rel in value if isinstance(value, list) else [value] if value else []:
            files[rel] = file_digest(paths.PROJECT_ROOT / rel)
    code = hash_package_code()
    total = hashlib.sha256(
        json.dumps(
            {"files": files, "code": code, "parameters": parameters}, sort_keys=True, ensure_ascii=False
        ).encode()
    )
    return {"files": files, "code": code, "digest": total.hexdigest()}


def package_versions() -> dict[str, str]:
    """Installed versions of this project and of every package it depends on."""
    out = {DIST_NAME: _version(DIST_NAME)}
    for req in metadata.requires(DIST_NAME) or []:
        if "extra ==" in req:
            continue
        name = re.split(r"[<>=!~\[ ;]", req, maxsplit=1)[0]
        out[name] = _version(name)
    return out


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def git_state() -> dict[str, Any]:
    """Commit of the project checkout and whether it has uncommitted changes (``None`` without git)."""

    def git(*args: str) -> str | None:
        try:
            proc = subprocess.run(["git", *args], cwd=paths.PROJECT_ROOT, capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return proc.stdout.strip() if proc.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain", "--untracked-files=no") if commit else None
    return {"commit": commit, "dirty": bool(status) if status is not None else None}


LOCK_NAME = "uv.lock"
DEBIAN_PACKAGES = ("chromium", "fonts-dejavu-core", "fonts-noto-mono", "poppler-utils")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_versions(lock: Path) -> dict[str, str]:
    """Package -> version that ``lock`` (a ``uv.lock``) pins for this interpreter and platform."""
    import tomllib

    from packaging.markers import Marker

    out: dict[str, str] = {}
    for package in tomllib.loads(lock.read_text(encoding="utf-8")).get("package", []):
        forks = package.get("resolution-markers")
        if forks and not any(Marker(m).evaluate() for m in forks):
            continue
        out[_canonical(package["name"])] = str(package["version"])
    return out


def lock_state(lock: Path | None = None) -> dict[str, Any]:
    """The lock this environment should equal: ``file``, ``sha256``, ``matches`` and ``differs``.

    ``differs`` lists each installed distribution whose version is not the locked one (``locked`` is ``None`` for a
    package the lock does not know); this project itself is left out. Without a lock file (an install from a
    wheel), ``sha256`` and ``matches`` are ``None``.
    """
    lock = Path(lock) if lock is not None else paths.CODE_ROOT / LOCK_NAME
    if not lock.is_file():
        return {"file": LOCK_NAME, "sha256": None, "matches": None, "differs": []}
    locked = locked_versions(lock)
    differs = []
    for dist in metadata.distributions():
        name = _canonical(dist.metadata["Name"] or "")
        if not name or name == DIST_NAME or name in {"pip", "setuptools", "wheel", "uv"}:  # installer's own tools
            continue
        if locked.get(name) != dist.version:
            differs.append({"package": name, "locked": locked.get(name), "installed": dist.version})
    differs.sort(key=lambda d: d["package"])
    return {"file": LOCK_NAME, "sha256": file_digest(lock), "matches": not differs, "differs": differs}


def debian_versions(packages: tuple[str, ...] = DEBIAN_PACKAGES) -> dict[str, str]:
    """Versions of the Debian packages reports depend on (Debian's release decides them); ``{}`` without dpkg."""
    try:
        proc = subprocess.run(
            ["dpkg-query", "-W", "-f=${Package}\t${Version}\n", *packages], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.TimeoutExpired):
        return {}
    rows = (line.split("\t", 1) for line in proc.stdout.splitlines() if "\t" in line)
    return {name: version for name, version in rows if version}


def describe_environment(kernel: dict[str, Any], git: dict[str, Any] | None = None) -> dict[str, Any]:
    """The ``environment`` section of a manifest."""
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "kernel": kernel,
        "packages": package_versions(),
        "lock": lock_state(),
        "debian": debian_versions(),
        "git": git if git is not None else git_state(),
    }


def write_manifest(folder: Path, manifest: dict[str, Any]) -> Path:
    """Write ``manifest.json`` into ``folder`` (atomically; UTF-8, readable diffs)."""
    target = Path(folder) / MANIFEST_NAME
    with atomic_path(target) as tmp:
        tmp.write_text(
            json.dumps({"manifest_version": MANIFEST_VERSION, **manifest}, indent=2, ensure_ascii=False, default=str)
            + "\n",
            encoding="utf-8",
        )
    return target


def read_manifest(folder: Path) -> dict[str, Any] | None:
    """The manifest in ``folder``, or ``None`` when there is none or it cannot be read."""
    try:
        return json.loads((Path(folder) / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_run_current(folder: Path, digest: str) -> bool:
    """True when ``folder`` holds a complete, successful run made from inputs with ``digest``."""
    manifest = read_manifest(folder)
    if not manifest or manifest.get("status") != "ok" or manifest.get("inputs", {}).get("digest") != digest:
        return False
    return all((Path(folder) / name).is_file() for name in manifest.get("outputs", []))
