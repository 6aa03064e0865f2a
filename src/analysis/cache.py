"""A disk cache for the national computations every run of a batch repeats — data only, never code.

Purpose
    The national table of ``04_national_overview`` (63 frozen BAUs loaded and combined) and the statistical
    backtest of ``01_bau_baseline`` (every model at every origin of Viet Nam's CO2 series) are the same for every
    province's report, and cost seconds each. :func:`cached` keeps a result in ``data/processed/cache/``, keyed by
    everything it was computed from: the bytes of the files it reads, the ``analysis`` package source and the
    arguments (as canonical JSON, :func:`analysis.fingerprint.hash_json`). A change of any of them gives a new key,
    so an entry is never stale; an entry that cannot be read is computed again. Processes that miss the same entry
    at the same time (the two languages of a report run side by side) compute it once: the first holds a lock
    (:func:`analysis.io.read_or_make`), the others wait and read what it wrote.

Storage
    One folder per entry, ``<name>-<key>/``: each table as Parquet and a small ``manifest.json`` (the key, the
    shape of the value, each table's file and SHA-256, a table's ``attrs``). No Python object serialisation: reading an entry
    a colleague wrote into a shared folder reads numbers and text, it never runs code. A value may be a pandas
    DataFrame, JSON data (text, numbers, lists, tuples, dicts with text keys) or a dataclass whose fields are
    those; the dataclass to rebuild is the caller's ``returns``, never a name read from the disk.

Inputs
    A name, a function of no arguments, the files (or folders) it reads, the arguments, and the type it returns.
Outputs
    The function's result (from the cache or computed and stored). When the cache folder is not writable the
    result is computed every time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from analysis import paths
from analysis.fingerprint import hash_files, hash_json, hash_package_code, to_json_value
from analysis.io import MISSING, atomic_dir, prune_oldest, read_or_make

T = TypeVar("T")
CACHE_DIR = paths.PROCESSED_DIR / "cache"
MAX_ENTRIES = 8  # per name: older entries (of earlier inputs) are removed
MANIFEST = "manifest.json"
FORMAT = 1


class _Damaged(Exception):
    """An entry that cannot be read as written (interrupted copy, edited by hand, another format)."""


def cache_key(name: str, files: Iterable[Path | str], key: object = ()) -> str:
    """The entry name for ``name`` computed from ``files`` with arguments ``key``."""
    digest = hashlib.sha256()
    for part in (name, hash_files(files), hash_package_code(), hash_json(key)):
        digest.update(part.encode() + b"\0")
    return f"{name}-{digest.hexdigest()[:20]}"


def _encode(value: Any, folder: Path, tables: list[str]) -> dict:
    """The manifest entry of ``value``; tables are written to ``folder`` as Parquet (their names added to ``tables``)."""
    import pandas as pd

    if isinstance(value, pd.DataFrame):
        file = f"table{len(tables)}.parquet"
        value.to_parquet(folder / file)
        tables.append(file)
        digest = hashlib.sha256((folder / file).read_bytes()).hexdigest()
        return {"table": file, "sha256": digest, "attrs": to_json_value(dict(value.attrs))}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"fields": {f.name: _encode(getattr(value, f.name), folder, tables) for f in dataclasses.fields(value)}}
    if isinstance(value, tuple):
        return {"tuple": [_encode(v, folder, tables) for v in value]}
    return {"json": to_json_value(value)}


def _decode(entry: dict, folder: Path, returns: type | None) -> Any:
    import pandas as pd

    if "table" in entry:
        path = folder / Path(entry["table"]).name  # a bare file name: never a path outside the entry
        if hashlib.sha256(path.read_bytes()).hexdigest() != entry["sha256"]:
            raise _Damaged(path.name)
        frame = pd.read_parquet(path)
        frame.attrs.update(entry.get("attrs") or {})
        return frame
    if "fields" in entry:
        if returns is None or not dataclasses.is_dataclass(returns):
            raise _Damaged("a dataclass entry read without its type")
        fields = {k: _decode(v, folder, None) for k, v in entry["fields"].items()}
        return returns(**fields)
    if "tuple" in entry:
        return tuple(_decode(v, folder, None) for v in entry["tuple"])
    if "json" in entry:
        return entry["json"]
    raise _Damaged("unknown entry")


def _read(entry: Path, key: str, returns: type | None) -> Any:
    manifest = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT or manifest.get("key") != key:
        raise _Damaged("another format or key")
    return _decode(manifest["value"], entry, returns)


def cached(
    name: str,
    compute: Callable[[], T],
    *,
    files: Iterable[Path | str],
    key: object = (),
    returns: type | None = None,
    cache_dir: Path | str | None = None,
    keep: int = MAX_ENTRIES,
) -> T:
    """``compute()``, kept on disk under a key of ``files``, the package source and ``key`` (see module docstring).

    ``returns`` is the dataclass ``compute`` returns, when it returns one (it is rebuilt from the stored fields).
    ``keep``: entries of ``name`` kept (the newest); one per province of a batch needs as many as it has provinces.
    """
    folder = Path(cache_dir) if cache_dir is not None else CACHE_DIR
    files = list(files)
    entry_name = cache_key(name, files, key)
    entry = folder / entry_name
    return read_or_make(
        entry,
        lambda: _existing(entry, entry_name, returns),
        lambda: _compute_and_store(name, compute, folder, entry, entry_name, keep),
    )


def _existing(entry: Path, entry_name: str, returns: type | None) -> Any:
    if (entry / MANIFEST).is_file():
        try:
            return _read(entry, entry_name, returns)
        except Exception:  # noqa: BLE001 - a damaged entry (interrupted copy, another pandas): compute again
            pass
    return MISSING


def _compute_and_store(
    name: str, compute: Callable[[], T], folder: Path, entry: Path, entry_name: str, keep: int = MAX_ENTRIES
) -> T:
    value = compute()
    try:
        with atomic_dir(entry) as tmp:
            manifest = {"format": FORMAT, "key": entry_name, "name": name, "value": _encode(value, tmp, [])}
            (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        prune_oldest((p for p in folder.glob(f"{name}-*") if p.is_dir()), keep)  # older keys: nobody reads them
    except (OSError, TypeError, ValueError, ImportError):  # a read-only project, or a value Parquet cannot hold
        pass
    return value
