"""The shipped notebooks are generated from their authoring scripts (scripts/notebooks/), so the two never drift."""

import json
import subprocess
import sys

import pytest

from analysis import paths

SCRIPTS = sorted((paths.PROJECT_ROOT / "scripts" / "notebooks").glob("nb*.py"))


def _cells(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [(c["cell_type"], c["source"] if isinstance(c["source"], str) else "".join(c["source"]),
             c["metadata"].get("tags", [])) for c in nb["cells"]]


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
def test__notebook__matches_its_authoring_script(tmp_path, script):
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True)
    (generated,) = tmp_path.glob("*.ipynb")
    shipped = paths.NOTEBOOKS_DIR / generated.name
    assert shipped.exists(), f"{generated.name} is not in notebooks/"
    assert _cells(shipped) == _cells(generated), f"{generated.name} differs from {script.name}: regenerate it"


def test__every_analysis_notebook_has_an_authoring_script():
    scripted = {_cells_name(s) for s in SCRIPTS}
    for nb in paths.NOTEBOOKS_DIR.glob("0[1-9]_*.ipynb"):
        assert nb.stem[:2] in scripted, f"{nb.name} has no authoring script"


def _cells_name(script):
    return script.stem[2:4]
