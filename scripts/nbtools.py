"""Write a notebook from a compact list of cells (used to author the shipped notebooks).

Usage in a one-off script::

    from nbtools import md, code, params, write
    write("notebooks/03_pgi_analysis.ipynb", [md("# …", remove=True), params("province: str = …"), code("…")])

The written notebook has no outputs and no execution counts (the repository rule), the ``netzero`` kernel,
and the tags the runner and exporter use: ``parameters`` and ``remove-cell`` (cells hidden in reports).
"""

from __future__ import annotations

from pathlib import Path

import nbformat


def md(text: str, *, remove: bool = False):
    cell = nbformat.v4.new_markdown_cell(text.strip("\n"))
    if remove:
        cell.metadata["tags"] = ["remove-cell"]
    return cell


def code(text: str, *, tags: list[str] | None = None):
    cell = nbformat.v4.new_code_cell(text.strip("\n"))
    if tags:
        cell.metadata["tags"] = tags
    return cell


def params(text: str):
    return code(text, tags=["parameters"])


def write(path: str | Path, cells: list) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    nb.metadata["kernelspec"] = {"name": "netzero", "display_name": "Python (netzero)", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"c{i:02d}"
    nbformat.validate(nb)
    nbformat.write(nb, str(path))
