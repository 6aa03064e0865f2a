"""The import graph of ``analysis.report`` (the package and its ``runtime`` room) has no cycle.

Every import counts, wherever it is written: at the top of a module, inside a function (a deferred import still
ties the two modules together) and under ``if TYPE_CHECKING:`` (a type-only cycle is a cycle of meaning). The
graph is read from the source with ``ast``; nothing is imported.
"""

from __future__ import annotations

import ast
from pathlib import Path

import analysis.report

PACKAGE = "analysis.report"
ROOT = Path(analysis.report.__file__).parent


def module_names(root: Path = ROOT, package: str = PACKAGE) -> dict[str, Path]:
    """``{dotted name: file}`` of every module under ``root`` (a package is its ``__init__``)."""
    names = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join([package, *parts])] = path
    return names


def _imported(node: ast.AST, module: str, is_package: bool) -> list[str]:
    """The dotted names an ``import`` or ``from … import`` statement in ``module`` may load."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level:  # relative: resolved against the importing module's package
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        source = ".".join(base + ([node.module] if node.module else []))
    else:
        source = node.module or ""
    # ``from pkg import name`` loads pkg, and pkg.name when name is a submodule
    return [source, *(f"{source}.{alias.name}" for alias in node.names)]


def import_graph(root: Path = ROOT, package: str = PACKAGE) -> dict[str, set[str]]:
    """``{module: modules of the package it imports}``; an import of ``a.b.c`` also loads ``a.b`` and ``a``."""
    modules = module_names(root, package)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            for target in _imported(node, name, path.name == "__init__.py"):
                parts = target.split(".")
                for k in range(1, len(parts) + 1):
                    candidate = ".".join(parts[:k])
                    if candidate in modules and candidate != name:
                        graph[name].add(candidate)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as ``[a, b, …, a]``, or ``None`` when it is acyclic (depth-first search)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test__report_package__no_import_cycle():
    graph = import_graph()
    assert "analysis.report.runtime.session" in graph and "analysis.report.batch" in graph
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " → ".join(cycle)


def test__runtime__imports_nothing_of_the_report_package_outside_itself():
    """The runtime room sits under the rest of ``analysis.report``: runs, exports and manifests import it, not back."""
    graph = import_graph()
    outside = {
        (module, target)
        for module, targets in graph.items()
        if module.startswith(f"{PACKAGE}.runtime")
        for target in targets
        if not target.startswith(f"{PACKAGE}.runtime") and target != PACKAGE
    }
    assert outside == set()


def test__find_cycle__sees_deferred_and_type_only_imports(tmp_path):
    """The check can fail: a cycle through an import inside a function and one under TYPE_CHECKING."""
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("def f():\n    from pkg.b import g\n")
    (pkg / "b.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import a\n")
    (pkg / "c.py").write_text("import pkg.a\n")
    graph = import_graph(pkg, "pkg")
    assert graph["pkg.a"] == {"pkg", "pkg.b"} and graph["pkg.b"] == {"pkg", "pkg.a"}
    assert find_cycle(graph) in (["pkg.a", "pkg.b", "pkg.a"], ["pkg.b", "pkg.a", "pkg.b"])
    (pkg / "b.py").write_text("")
    assert find_cycle(import_graph(pkg, "pkg")) is None
