"""Every shipped notebook has a py:percent twin (jupytext) and the two say the same: `make notebooks` syncs them."""

from __future__ import annotations

import jupytext
import pytest

from analysis import paths
from analysis.report.params import read_contract
from analysis.run.parameters import RunParameters

NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))


def _cells(nb) -> list[tuple[str, str, list[str]]]:
    return [(c.cell_type, c.source.strip(), sorted(c.metadata.get("tags", []))) for c in nb.cells]


def test__every_notebook_has_a_text_twin_and_every_twin_a_notebook():
    ipynb = {p.stem for p in NOTEBOOKS}
    text = {p.stem for p in paths.NOTEBOOKS_DIR.glob("*.py")}
    assert ipynb and ipynb == text


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test__notebook_and_its_twin_are_in_step(notebook):
    twin = notebook.with_suffix(".py")
    assert _cells(jupytext.read(notebook)) == _cells(jupytext.read(twin)), (
        f"{notebook.name} and {twin.name} differ: run `make notebooks` (jupytext --update --to ipynb)"
    )
    assert jupytext.read(notebook).metadata["kernelspec"]["name"] == "netzero"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test__shipped_notebooks_use_only_the_run_vocabulary(notebook):
    """One word for one thing: every parameter of a shipped notebook is a name of the run vocabulary."""
    contract = read_contract(notebook)
    assert set(contract) <= set(RunParameters.model_fields), set(contract) - set(RunParameters.model_fields)
    assert all(spec.vocabulary for spec in contract.values())
