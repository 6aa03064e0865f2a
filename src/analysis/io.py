"""Atomic output: write to a temporary file beside the target, then rename.

A failure part-way (bad input found late, disk full, Ctrl-C) leaves the earlier good file untouched
and no half-written file behind. :func:`one_writer` lets processes that would compute the same cached value at the
same time (two kernels of one batch, Dask workers, two batches) compute it once: the others wait, then read it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # pandas is imported when a table is written, not by every process that writes a file
    import pandas as pd

T = TypeVar("T")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


LOCK_WAIT_S = 600.0  # a writer that holds a lock longer is presumed stuck: the waiter computes the value itself


@contextlib.contextmanager
def one_writer(target: str | Path, timeout: float = LOCK_WAIT_S) -> Iterator[bool]:
    """Hold an inter-process lock on ``target`` (the hidden file ``.<name>.lock`` beside it, through ``filelock``)
    while the block computes and writes it; yields ``True``, or ``False`` when no lock could be had (a read-only
    folder, or ``timeout`` seconds of waiting), and the block then runs unlocked. :func:`read_or_make` is the usual
    way in.

    The lock file stays (removing it while another process waits would let a third in beside it); :func:`prune_oldest`
    removes it with an entry nobody computes any more.
    """
    from filelock import FileLock, Timeout

    target = Path(target)
    lock = FileLock(_lock_file(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        lock.acquire(timeout=timeout)
    except (OSError, Timeout):
        locked = False
    else:
        locked = True
    try:
        yield locked
    finally:
        if locked:
            lock.release()


def _lock_file(target: Path) -> Path:
    return target.with_name(f".{target.name}.lock")


def prune_oldest(entries: Iterable[Path], keep: int) -> None:
    """Remove all but the ``keep`` newest of ``entries`` (files or folders, by modification time), each with its
    :func:`one_writer` lock file: the entries of a cache whose older keys (earlier inputs or code) nobody reads.
    An entry another process removes meanwhile is skipped; a reader that loses one computes it again."""
    dated = []
    for entry in entries:
        with contextlib.suppress(OSError):
            dated.append((entry.stat().st_mtime_ns, entry))
    dated.sort(key=lambda pair: pair[0])
    for _, entry in dated[: max(0, len(dated) - keep)]:
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        _lock_file(entry).unlink(missing_ok=True)


MISSING = object()  # what a reader of :func:`read_or_make` returns when there is nothing (good) to read


def read_or_make(target: str | Path, read: Callable[[], T], make: Callable[[], T]) -> T:
    """The value kept at ``target``: ``read()`` (which returns :data:`MISSING` when it finds nothing it can use),
    else ``make()``, which computes the value, writes it to ``target`` and returns it. ``make`` runs under
    :func:`one_writer`, after a second ``read``: processes that miss ``target`` at the same time compute it once, the
    others wait and read what it wrote."""
    found = read()
    if found is not MISSING:
        return found
    with one_writer(target):
        found = read()
        return make() if found is MISSING else found


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path; on success it replaces ``target`` in one rename."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        # mkstemp files are private (0600); outputs get the usual permissions (0644 under umask 022)
        os.chmod(tmp_path, 0o666 & ~_umask())
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


@contextlib.contextmanager
def atomic_dir(target: str | Path) -> Iterator[Path]:
    """Yield a temporary folder; on success it replaces the folder ``target``."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        yield tmp
        os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp folders are private (0700)
        if target.exists():
            old = target.with_name(f".{target.name}.old")
            if old.exists():
                shutil.rmtree(old)
            os.replace(target, old)
            os.replace(tmp, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def write_table(frame: pd.DataFrame, target: str | Path, *, index: bool = False) -> Path:
    """Write ``frame`` atomically as CSV (UTF-8), Excel or Parquet, by the target's suffix."""
    target = Path(target)
    suffix = target.suffix.lower()
    with atomic_path(target) as tmp:
        if suffix == ".csv":
            frame.to_csv(tmp, index=index, encoding="utf-8", lineterminator="\n")
        elif suffix == ".xlsx":
            frame.to_excel(tmp, index=index, engine="openpyxl")
        elif suffix == ".parquet":
            frame.to_parquet(tmp, index=index)
        else:
            raise ValueError(f"unsupported output type {suffix!r} (use .csv, .xlsx or .parquet)")
    return target
