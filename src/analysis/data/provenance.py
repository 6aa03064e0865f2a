"""The provenance register of ``data/raw``: one row per raw file, with its kind, its source and its sha256.

The register (``data/raw/SOURCES.csv``) is where a raw file is declared: its path, its ``kind`` (the table kind of
:mod:`analysis.data.catalogue`, which holds its schema and loader), where it comes from and its hash. A loader finds
its file here by kind (:func:`raw_file`), so a path is written once.

Raw files are immutable. :func:`check_sources` re-hashes every file and reports files that changed,
files missing from disk and files on disk that the register does not describe.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis import paths

FIELDS = ("path", "kind", "title", "publisher", "url", "date_accessed", "licence", "notes", "sha256")
# title (with publisher) and licence in Vietnamese, for Vietnamese reports; the province a file is about (empty:
# national or every province), so that another province's report does not list it
OPTIONAL = ("title_vi", "licence_vi", "province")
_NOT_DATA = {"SOURCES.csv", "README.md"}


@dataclass(frozen=True)
class Source:
    path: str
    kind: str
    title: str
    publisher: str
    url: str
    date_accessed: str
    licence: str
    notes: str
    sha256: str
    title_vi: str = ""
    licence_vi: str = ""
    province: str = ""

    def citation(self, lang: str = "en") -> str:
        """How a report names this source: "<title> — <publisher>, <url>" (en), the Vietnamese title and the URL
        (vi; the English title when no Vietnamese one is given)."""
        url = f", {self.url}" if self.url else ""
        if lang == "vi" and self.title_vi:
            return self.title_vi + url
        return f"{self.title} — {self.publisher}{url}"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def load_sources(register: Path | str = paths.SOURCES_FILE) -> list[Source]:
    """The rows of the register (``data/raw/SOURCES.csv``)."""
    register = Path(register)
    return list(_sources(str(register), register.stat().st_mtime_ns))


@lru_cache(maxsize=4)
def _sources(register: str, _mtime: int) -> tuple[Source, ...]:
    with Path(register).open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = set(FIELDS) - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{register}: missing columns {', '.join(sorted(missing))}")
        return tuple(
            Source(**{k: row[k] or "" for k in FIELDS}, **{k: row.get(k) or "" for k in OPTIONAL}) for row in reader
        )


def raw_file(kind: str, register: Path | str = paths.SOURCES_FILE) -> Path:
    """The one raw file of ``kind`` the register lists (the default input of that kind's loader)."""
    found = [s for s in load_sources(register) if s.kind == kind]
    if len(found) != 1:
        listed = ", ".join(s.path for s in found) or "none"
        raise LookupError(
            f"{paths.relative_to_project(register)} must list exactly one file of kind '{kind}' (listed: {listed})"
        )
    return Path(register).parent / found[0].path


def raw_label(kind: str) -> str:
    """The raw file of ``kind`` as messages and provenance texts name it (``data/raw/vcci/pgi_2022_2024.csv``)."""
    return paths.relative_to_project(raw_file(kind))


def check_sources(raw_dir: Path = paths.RAW_DIR) -> list[str]:
    """Problems with the register, as sentences; an empty list means every file matches."""
    raw_dir = Path(raw_dir)
    problems = []
    sources = load_sources(raw_dir / "SOURCES.csv")
    listed = set()
    for s in sources:
        listed.add(s.path)
        f = raw_dir / s.path
        if not f.is_file():
            problems.append(f"{s.path}: listed in SOURCES.csv but missing on disk")
            continue
        for field in ("kind", "title", "publisher", "date_accessed", "licence"):
            if not getattr(s, field).strip():
                problems.append(f"{s.path}: SOURCES.csv has no {field}")
        if s.province:
            from analysis.data.provinces import get_registry

            try:
                get_registry().resolve(s.province)
            except Exception:  # noqa: BLE001 - the registry's error names the closest provinces
                problems.append(f"{s.path}: SOURCES.csv names an unknown province '{s.province}'")
        actual = sha256_of(f)
        if actual != s.sha256:
            problems.append(
                f"{s.path}: content changed (sha256 {actual[:12]}… ≠ registered {s.sha256[:12]}…); "
                "raw files are immutable — add a new file with its own entry instead"
            )
    for f in sorted(raw_dir.rglob("*")):
        rel = f.relative_to(raw_dir).as_posix()
        if f.is_file() and rel not in listed and f.name not in _NOT_DATA:
            problems.append(f"{rel}: on disk but not described in SOURCES.csv")
    return problems
