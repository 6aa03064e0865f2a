"""The house rules that no single module can see: arrows point down the flow, the build's code is computed, every
path the documentation names exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from analysis import paths
from analysis.fingerprint import _imports, hash_json, module_closure

ROOT = paths.CODE_ROOT
# Rooms above the engines (ARCHITECTURE.md): the run context, words, charts, reports and commands.
ABOVE = ("run", "narrative", "viz", "report", "explore", "commands", "cli", "pipeline")
# Rooms below them: where things live, data, units, the cache — and the engines themselves.
BELOW = ("paths", "errors", "io", "units", "fingerprint", "cache", "config", "data", "i18n")
ENGINES = ("emissions", "inventory", "index", "mrv")


def _modules() -> list[tuple[str, Path]]:
    out = []
    for f in sorted(paths.PACKAGE_DIR.rglob("*.py")):
        parts = [p for p in f.relative_to(paths.PACKAGE_DIR).with_suffix("").parts if p != "__init__"]
        out.append((".".join(["analysis", *parts]), f))
    return out


def _room(module: str) -> str:
    return module.split(".")[1] if "." in module else ""


def test__no_arrow_points_up():
    """Engines and the rooms below them never import the run context, words, charts or reports (not even inside a
    function); the rooms below the engines never import an engine."""
    wrong = []
    for name, f in _modules():
        room = _room(name)
        for target in _imports(name, f):
            if (room in BELOW + ENGINES and _room(target) in ABOVE) or (room in BELOW and _room(target) in ENGINES):
                wrong.append(f"{name} -> {target}")
    assert wrong == []


def test__the_build_digest_covers_every_module_the_build_imports():
    """The profile build is keyed by the modules it imports, computed: the ones a hand-kept list had left out
    (units, io, config.base) are in."""
    closure = module_closure("analysis.emissions.profile_build")
    assert {"analysis.units", "analysis.io", "analysis.config.base", "analysis.data.readers"} <= set(closure)
    assert not any(_room(m) in ABOVE for m in closure)


def test__hash_json__is_canonical_and_refuses_what_it_cannot_read():
    import pandas as pd

    assert hash_json({"b": 1, "a": (1, 2)}) == hash_json({"a": [1, 2], "b": 1})
    assert hash_json(pd.Series([1.0, 2.0])) != hash_json(pd.Series([1.0, 2.0000001]))
    with pytest.raises(TypeError, match="cannot fingerprint"):
        hash_json(object())


# -- paths named in the documentation -----------------------------------------------------------------------------
TOP = ("docs", "config", "data", "notebooks", "src", "tests", "scripts", "benchmarks")
PATH = re.compile(rf"(?<![\w/.-])((?:{'|'.join(TOP)})/[\w./-]*[\w-])(\*?)")
GENERATED = ("data/processed/", "reports/", "benchmarks/results/")  # git-ignored outputs, named before they exist
USERS = ("config/profiles/2024", "config/profiles/2025")  # the user's half of each home, named before it is filled
PLACEHOLDER = re.compile(r"/(?:NAME|NN_name)\b|/my_province\b")  # "notebooks/NAME.ipynb", "data/raw/my_province/"


def _documents():
    for f in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        yield f, f.read_text(encoding="utf-8")
    for f in sorted(paths.PACKAGE_DIR.rglob("*.py")):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                doc = ast.get_docstring(node, clean=False)
                if doc:
                    yield f, doc


def _exists(path: str) -> bool:
    target = ROOT / path
    return target.exists() or any(target.with_name(target.name + ext).exists() for ext in (".ipynb", ".py"))


def test__every_repository_path_named_in_the_docs_and_docstrings_exists():
    """README.md, docs/*.md and module docstrings name files that exist (a notebook may be named without its
    extension; a pattern such as ``tests/test_forecast*.py`` names what it matches)."""
    missing = []
    for f, text in _documents():
        for path, star in PATH.findall(text):
            path = path.rstrip(".")
            if star or path.startswith(GENERATED + USERS) or PLACEHOLDER.search(path):
                continue
            if not _exists(path):
                missing.append(f"{f.relative_to(ROOT)}: {path}")
    assert missing == []
