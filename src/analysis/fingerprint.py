"""Fingerprints: the SHA-256 of what a result was made from — code, files and arguments.

Used by the disk cache (:mod:`analysis.cache`), the profile build (:mod:`analysis.emissions.profile_build`) and the
run manifests (:mod:`analysis.report.manifest`). Nothing here is deserialised into objects or executed: arguments
are hashed through their canonical JSON (:func:`to_json_value`), never through a Python object serialisation.

- :func:`hash_package_code` — every ``*.py`` of the ``analysis`` package;
- :func:`module_closure` / :func:`hash_modules` — the modules one module imports (transitively, read from the
  source, function-level imports included), and one hash over them: what a build *runs*, computed, not hand-kept;
- :func:`hash_files` — the bytes of files or folders, with their names;
- :func:`hash_json` — arguments as canonical JSON (pandas and NumPy values converted, keys sorted).

A file's digest is remembered in this process while its path, size, modification time and inode are unchanged, as
git's index does (:func:`file_digest`): a kernel forked from a batch template that hashed the inputs once only looks
at them (issue 20, speed). A file modified within :data:`RACY_SECONDS` of being hashed is read again next time, so a
file rewritten twice within one clock tick with the same size is never taken as unchanged.
"""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import json
import math
import os
import time
from collections.abc import Iterable
from pathlib import Path
from stat import S_ISREG
from typing import Any

from analysis import paths

PACKAGE = "analysis"


RACY_SECONDS = 2.0  # a file changed this recently is hashed again (its modification time may not show a 2nd change)
_FILE_DIGESTS: dict[str, tuple[tuple[int, int, int], str]] = {}


def file_signature(stat: os.stat_result) -> tuple[int, int, int] | None:
    """What identifies a file's content without reading it; ``None`` for one modified too recently to trust."""
    if time.time_ns() - stat.st_mtime_ns < RACY_SECONDS * 1e9:
        return None
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


def file_digest(path: Path | str, stat: os.stat_result | None = None) -> str:
    """The SHA-256 of the file's bytes, remembered while its path, size, modification time and inode are unchanged
    (``stat``: the file's, when the caller has it)."""
    path = str(path)
    signature = file_signature(stat or os.stat(path))
    known = _FILE_DIGESTS.get(path)
    if signature is not None and known is not None and known[0] == signature:
        return known[1]
    with open(path, "rb") as f:
        digest = hashlib.file_digest(f, "sha256").hexdigest()
    if signature is not None:
        _FILE_DIGESTS[path] = (signature, digest)
    return digest


def _files_under(root: str) -> list[str]:
    """Every file under the folder ``root`` (``__pycache__`` left out), in path order; as ``Path.rglob`` did, a link to
    a file counts and a link to a folder is not entered (no loops)."""
    out = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [d for d in subfolders if d != "__pycache__"]
        out.extend(os.path.join(folder, name) for name in names)
    return sorted(out, key=lambda p: p.split(os.sep))


def hash_package_code() -> str:
    """One SHA-256 over the ``analysis`` package's Python source (a code change makes runs and caches stale): each
    file's name and the SHA-256 of its bytes (:func:`file_digest`)."""
    root = str(paths.PACKAGE_DIR)
    code = hashlib.sha256()
    for f in _files_under(root):
        if f.endswith(".py") and not os.path.basename(f).startswith("."):
            code.update(f[len(root) + 1 :].replace(os.sep, "/").encode() + b"\0" + file_digest(f).encode())
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
    """One SHA-256 over the files (a folder: every file under it), each with its name and the SHA-256 of its bytes
    (:func:`file_digest`); a missing one counts too."""
    digest = hashlib.sha256()
    for root in files:
        root = str(Path(root))
        start = len(os.path.dirname(root)) + 1  # names relative to the root's folder: "raw/national/…"
        for f in _files_under(root) if os.path.isdir(root) else [root]:
            try:
                stat = os.stat(f)
            except OSError:
                stat = None
            if stat is not None and not S_ISREG(stat.st_mode):
                continue  # a socket, a pipe or a device under a folder is not data
            digest.update(f[start:].encode() + b"\0")
            digest.update(file_digest(f, stat).encode() if stat is not None else b"<missing>")
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
