"""The notebook parameter contract: parsed from the parameters cell, checked before any kernel starts."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.errors import InputError
from analysis.report.params import parse_cli_values, read_contract, validate_parameters
from analysis.report.plan import make_run_id, slugify

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"
ECHO = FIXTURES / "echo.ipynb"


def _notebook(tmp_path: Path, source: str, name: str = "nb.ipynb") -> Path:
    """A one-cell notebook whose cell tagged ``parameters`` holds ``source``."""
    cell = {
        "cell_type": "code",
        "id": "p",
        "metadata": {"tags": ["parameters"]},
        "source": source,
        "outputs": [],
        "execution_count": None,
    }
    nb = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / name
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def _rules(exc: pytest.ExceptionInfo) -> list[tuple[str | None, str]]:
    return [(i.column, i.rule) for i in exc.value.issues]


def test__read_contract__types_defaults_help_and_constraints():
    contract = read_contract(ECHO)
    assert list(contract) == ["province", "lang", "n", "ratio", "label", "tags"]
    assert contract["lang"].choices == ("vi", "en") and contract["lang"].help == "report language"
    assert (contract["n"].type, contract["n"].default, contract["n"].low, contract["n"].high) == ("int", 3, 1, 10)
    assert contract["tags"].is_list and contract["tags"].base == "str"


@pytest.mark.parametrize(
    "source, rule_text",
    [
        ("x = 1  # no annotation", "annotated literal"),
        ("x: int = 1 + 1  # derived", "must be a literal"),
        ("x: dict = {}  # a dict", "not supported"),
        ("x: int = 1", "needs a comment"),
        ("x: int = 20  # bad default; range: 1..10", "within 1..10"),
        ("x: str = 'a'  # x; colours: red", "unknown constraint"),
    ],
)
def test__read_contract__rejects_bad_parameters_cells(tmp_path, source, rule_text):
    with pytest.raises(InputError) as exc:
        read_contract(_notebook(tmp_path, source))
    assert rule_text in str(exc.value)
    assert "nb.ipynb" in str(exc.value)


def test__read_contract__notebook_without_parameters_cell(tmp_path):
    path = tmp_path / "bare.ipynb"
    path.write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    with pytest.raises(InputError, match="no cell tagged 'parameters'"):
        read_contract(path)


def test__validate_parameters__unknown_name_suggests_the_closest():
    with pytest.raises(InputError) as exc:
        validate_parameters(read_contract(ECHO), {"provnce": "BRVT"}, notebook="echo.ipynb")
    assert _rules(exc) == [("provnce", "declared parameter")]
    assert "did you mean 'province'?" in str(exc.value)


@pytest.mark.parametrize(
    "name, value, rule",
    [
        ("n", "3", "type int"),
        ("n", True, "type int"),
        ("n", 11, "range"),
        ("ratio", -0.1, "range"),
        ("lang", "fr", "allowed values"),
        ("tags", "a", "type list[str]"),
        ("tags", [1], "type list[str]"),
        ("label", None, "type str"),
        ("province", "Atlantis", "province registry"),
        ("province", 'BRVT"\nimport os; os.system("x")', "province registry"),
        ("label", "bell\x07", "data only"),
    ],
)
def test__validate_parameters__wrong_type_or_range_is_a_clear_error(name, value, rule):
    with pytest.raises(InputError) as exc:
        validate_parameters(read_contract(ECHO), {name: value}, notebook="echo.ipynb")
    assert _rules(exc) == [(name, rule)]


def test__validate_parameters__all_problems_reported_together():
    with pytest.raises(InputError) as exc:
        validate_parameters(read_contract(ECHO), {"lang": "fr", "n": 0, "x": 1}, notebook="echo.ipynb")
    assert len(exc.value.issues) == 3


def test__validate_parameters__province_resolved_to_canonical_name_and_int_accepted_as_float():
    out = validate_parameters(read_contract(ECHO), {"province": "Ba Ria-Vung Tau", "ratio": 1}, notebook="e")
    assert out == {"province": "Bà Rịa – Vũng Tàu", "ratio": 1}


def test__validate_parameters__hostile_strings_pass_as_data_only():
    """papermill writes strings into code; what the kernel reads back must be exactly the value."""
    from papermill.translators import PythonTranslator

    hostile = 'x"); import os; os.system("echo pwned")  # \\" \n\'\'\' """'
    out = validate_parameters(read_contract(ECHO), {"label": hostile}, notebook="e")
    code = PythonTranslator.codify(out)
    tree = ast.parse(code)
    assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assign)
    assert ast.literal_eval(tree.body[0].value) == hostile


def test__validate_parameters__path_parameter_may_live_anywhere_but_must_exist(tmp_path, monkeypatch):
    """Files are absolute, or relative to the working directory, or to the project root; they come back absolute."""
    from analysis import paths

    contract = read_contract(_notebook(tmp_path, 'f: str = "pyproject.toml"  # a file; path'))
    assert validate_parameters(contract, {"f": "pyproject.toml"}, notebook="nb") == {
        "f": (paths.PROJECT_ROOT / "pyproject.toml").as_posix()
    }
    elsewhere = tmp_path / "mine.yaml"
    elsewhere.write_text("x: 1\n", encoding="utf-8")
    assert validate_parameters(contract, {"f": str(elsewhere)}, notebook="nb") == {"f": elsewhere.as_posix()}
    monkeypatch.chdir(tmp_path)
    assert validate_parameters(contract, {"f": "mine.yaml"}, notebook="nb") == {"f": elsewhere.as_posix()}
    for bad in ("../no/such.yaml", "/no/such/file.yaml", "no/such/file.yaml"):
        with pytest.raises(InputError) as exc:
            validate_parameters(contract, {"f": bad}, notebook="nb")
        assert _rules(exc) == [("f", "path")]
        assert "does not exist" in str(exc.value)


def test__read_contract__vocabulary_names_take_the_vocabulary_definition(tmp_path):
    """A run parameter declared with another type, or a constraint that disagrees, is refused; a local name close to
    a vocabulary name is refused (one word, one meaning)."""
    for source, text in (
        ('target_year: str = "2030"  # year', "of type int"),
        ('lang: str = "vi"  # language; choices: vi, en, fr', "comes from the vocabulary"),
        ("year: int = 2024  # PGI year", "close to"),
        ("n_draw: int = 10  # draws", "close to 'n_draws'"),
    ):
        with pytest.raises(InputError) as exc:
            read_contract(_notebook(tmp_path, source))
        assert text in str(exc.value), source
    spec = read_contract(_notebook(tmp_path, "pgi_year: int = 2024"))["pgi_year"]
    assert (spec.vocabulary, spec.low, spec.high, spec.help) == (True, 2022, 2030, "Provincial Green Index year")


def test__parse_cli_values__text_to_declared_types():
    contract = read_contract(ECHO)
    pairs = [("n", "4"), ("ratio", "0.25"), ("tags", "a, b"), ("lang", "en"), ("zzz", "1")]
    assert parse_cli_values(contract, pairs, notebook="e") == {
        "n": 4,
        "ratio": 0.25,
        "tags": ["a", "b"],
        "lang": "en",
        "zzz": "1",
    }
    with pytest.raises(InputError, match="is not an integer"):
        parse_cli_values(contract, [("n", "four")], notebook="e")


def test__make_run_id__safe_folder_names():
    defaults = {"province": "Bà Rịa – Vũng Tàu", "lang": "vi", "n": 3}
    assert make_run_id("00_data_overview", {}, defaults) == "00_data_overview__ba-ria-vung-tau__vi"
    assert make_run_id("x", {"n": 3}, defaults) == make_run_id("x", {}, defaults)  # a default given explicitly
    assert make_run_id("x", {"n": 4}, defaults) != make_run_id("x", {}, defaults)
    for text in ("../../etc", "/abs/path", "a\nb", "..", ""):
        slug = slugify(text)
        assert "/" not in slug and ".." not in slug and slug and "\n" not in slug


def test__run_params__lists_type_default_and_help(capsys):
    assert main(["params", str(ECHO)]) == 0
    out = capsys.readouterr().out
    assert "lang" in out and "choices: vi, en" in out and "report language" in out and "range: 1..10" in out


def test__run_run__bad_parameters_exit_1_before_any_kernel(capsys, tmp_path):
    code = main(["run", str(ECHO), "-p", "lang", "fr", "-p", "provnce", "X", "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 1 and "did you mean 'province'" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []
