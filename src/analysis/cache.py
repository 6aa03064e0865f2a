"""A disk cache for the national computations every run of a batch repeats.

Purpose
    The national table of ``04_national_overview`` (63 frozen BAUs loaded and combined) and the statistical
    backtest of ``01_bau_baseline`` (every model at every origin of Viet Nam's CO2 series) are the same for every
    province's report, and cost seconds each. :func:`cached` keeps a result in ``data/processed/cache/``, keyed by
    everything it was computed from: the bytes of the files it reads, the ``analysis`` package source, and the
    arguments. A change of any of them gives a new key, so an entry is never stale; an entry that cannot be read
    is computed again. Nothing else changes: the result is the one the computation returns.

Inputs
    A name, a function of no arguments, the files (or folders) it reads, and a picklable key for its arguments.
Outputs
    The function's result (from the cache or computed and stored). When ``data/processed`` is not writable the
    result is computed every time.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from analysis import paths
from analysis.io import atomic_path

T = TypeVar("T")
CACHE_DIR = paths.PROCESSED_DIR / "cache"
MAX_ENTRIES = 8  # per name: older entries (of earlier inputs) are removed


def _files_digest(files: Iterable[Path | str]) -> str:
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


def cache_key(name: str, files: Iterable[Path | str], key: object = ()) -> str:
    """The entry name for ``name`` computed from ``files`` with arguments ``key``."""
    from analysis.report.manifest import hash_package_code

    digest = hashlib.sha256()
    for part in (name, _files_digest(files), hash_package_code()):
        digest.update(part.encode() + b"\0")
    digest.update(pickle.dumps(key, protocol=5))
    return f"{name}-{digest.hexdigest()[:20]}"


def cached(
    name: str,
    compute: Callable[[], T],
    *,
    files: Iterable[Path | str],
    key: object = (),
    cache_dir: Path | str | None = None,
) -> T:
    """``compute()``, kept on disk under a key of ``files``, the package source and ``key`` (see module docstring)."""
    folder = Path(cache_dir) if cache_dir is not None else CACHE_DIR
    entry = folder / f"{cache_key(name, files, key)}.pkl"
    if entry.is_file():
        try:
            return pickle.loads(entry.read_bytes())
        except Exception:  # noqa: BLE001 - a damaged entry (an interrupted copy, another pandas): compute again
            pass
    value = compute()
    try:
        with atomic_path(entry) as tmp:
            tmp.write_bytes(pickle.dumps(value, protocol=5))
        old = sorted(folder.glob(f"{name}-*.pkl"), key=lambda p: p.stat().st_mtime)[:-MAX_ENTRIES]
        for p in old:
            p.unlink(missing_ok=True)
    except OSError:  # a read-only project: no cache, same result
        pass
    return value
