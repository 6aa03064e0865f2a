"""Fingerprints: the SHA-256 of what a result was made from — code, files and arguments.

Used by the disk cache (:mod:`analysis.cache`), the profile build (:mod:`analysis.emissions.profile_build`) and the
run manifests (:mod:`analysis.report.manifest`). Nothing here is deserialised into objects or executed: arguments
are hashed through their canonical JSON (:func:`to_json_value`), never through a Python object serialisation.

- :func:`hash_package_code` — every ``*.py`` of the ``analysis`` package;
- :func:`module_closure` / :func:`hash_modules` — the modules one module imports (transitively, read from the
  source, function-level imports included), and one hash over them: what a build *runs*, computed, not hand-kept;
- :func:`hash_files` — the bytes of files or folders, with their names;
- :func:`hash_json` — arguments as canonical JSON (pandas and NumPy values converted, keys sorted).
"""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import json
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from analysis import paths

PACKAGE = "analysis"


def _python_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts and not p.name.startswith("."))


def hash_package_code() -> str:
    """One SHA-256 over the ``analysis`` package's Python source (a code change makes runs and caches stale)."""
    code = hashlib.sha256()
    for p in _python_files(paths.PACKAGE_DIR):
        code.update(p.relative_to(paths.PACKAGE_DIR).as_posix().encode() + b"\0" + p.read_bytes())
    return code.hexdigest()


def _module_file(name: str) -> Path | None:
    """The source file of ``analysis.x.y`` (a module or a package's ``__init__``), ``None`` when there is none."""
    parts = name.split(".")[1:]
    base = paths.PACKAGE_DIR.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports(name: str, source: Path) -> set[str]:
    """The ``analysis`` modules named by the import statements of ``source`` (anywhere in it)."""
    found: set[str] = set()
    package = name if source.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"), filename=str(source))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative import
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)  # "from analysis.data import kinds"
    return {m for m in found if m == PACKAGE or m.startswith(PACKAGE + ".")}


def module_closure(module: str) -> list[str]:
    """Every ``analysis`` module that ``module`` imports, directly or not (with the packages that hold them), sorted.

    Read from the source (:mod:`ast`), so a function-level import counts too: a superset of what runs.
    """
    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        source = _module_file(name)
        if source is None:
            continue  # a name imported from a module ("from analysis.x import f"), not a module itself
        seen.add(name)
        parents = [".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1)]
        todo.extend(parents)
        todo.extend(_imports(name, source) - seen)
    return sorted(seen)


def hash_modules(modules: Iterable[str]) -> str:
    """One SHA-256 over the source of ``modules`` (names from :func:`module_closure`)."""
    digest = hashlib.sha256()
    for name in sorted(set(modules)):
        source = _module_file(name)
        if source is not None:
            digest.update(name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def hash_files(files: Iterable[Path | str]) -> str:
    """One SHA-256 over the files (a folder: every file under it), each with its name; a missing one counts too."""
    digest = hashlib.sha256()
    for root in files:
        root = Path(root)
        members = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        for f in members:
            if "__pycache__" in f.parts:
                continue
            digest.update(str(f.relative_to(root.parent)).encode() + b"\0")
            digest.update(f.read_bytes() if f.is_file() else b"<missing>")
    return digest.hexdigest()


def _pandas_json(value: Any) -> Any:
    """A pandas Series or DataFrame (or a Timestamp) as plain JSON data; ``NotImplemented`` for anything else."""
    import pandas as pd

    if isinstance(value, pd.Series):
        return {
            "series": to_json_value(value.name),
            "dtype": str(value.dtype),
            "index": to_json_value(value.index.tolist()),
            "values": to_json_value(value.tolist()),
        }
    if isinstance(value, pd.DataFrame):
        return {
            "frame": [str(c) for c in value.columns],
            "dtypes": [str(t) for t in value.dtypes],
            "index": to_json_value(value.index.tolist()),
            "values": to_json_value(value.to_numpy().tolist()),
        }
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return NotImplemented


def to_json_value(value: Any) -> Any:
    """``value`` as plain JSON data: tuples and sets as lists, NumPy scalars as numbers, a pandas Series or
    DataFrame as its index, columns and values, a dataclass as its fields, a mapping with keys that are not text as
    a sorted list of pairs. Anything else is a :class:`TypeError` (a key must say what it is made of)."""
    import numpy as np

    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, np.generic | np.ndarray):
        return to_json_value(value.tolist())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            type(value).__name__: {f.name: to_json_value(getattr(value, f.name)) for f in dataclasses.fields(value)}
        }
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value):
            return {k: to_json_value(v) for k, v in value.items()}
        return sorted(([to_json_value(k), to_json_value(v)] for k, v in value.items()), key=repr)
    if isinstance(value, list | tuple):
        return [to_json_value(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((to_json_value(v) for v in value), key=repr)
    converted = _pandas_json(value)
    if converted is NotImplemented:
        raise TypeError(f"cannot fingerprint a {type(value).__name__} (give its values as text, numbers or tables)")
    return converted


def hash_json(value: Any) -> str:
    """SHA-256 of ``value``'s canonical JSON (sorted keys, no spaces; see :func:`to_json_value`)."""
    text = json.dumps(to_json_value(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()
