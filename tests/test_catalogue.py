"""The sources catalogue: every file the project ships is declared once (a register row with its kind) and checked by
``netzero validate``; a user's file of any known kind is detected from its header, and a wrong value is located."""

from __future__ import annotations

import ast
import shutil

import pytest

from analysis import paths
from analysis.cli import main
from analysis.data.catalogue import KINDS, check_file, detect_kind, kind_of_file, shipped_files, validate_file
from analysis.data.provenance import load_sources
from analysis.errors import InputError

SHIPPED = shipped_files()


def test__every_file_under_data_raw_is_declared_with_a_known_kind():
    on_disk = {
        p.relative_to(paths.RAW_DIR).as_posix()
        for p in paths.RAW_DIR.rglob("*")
        if p.is_file() and p.name != "README.md"
    }
    declared = {p.relative_to(paths.RAW_DIR).as_posix(): k for p, k in SHIPPED}
    assert set(declared) == on_disk
    assert set(declared.values()) <= set(KINDS)
    assert all(s.kind for s in load_sources())


def test__netzero_validate__every_shipped_file_passes_with_its_kind(capsys):
    """`netzero validate` without a file checks every file under data/raw (the CSVs and the GeoJSON maps)."""
    assert main(["validate"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == len(SHIPPED) >= 28
    for (path, kind), line in zip(SHIPPED, out, strict=True):
        assert line.startswith(f"✓ {paths.relative_to_project(path)}: {kind} (kind from SOURCES.csv)"), line


@pytest.mark.parametrize(("path", "kind"), SHIPPED, ids=[p.name for p, _ in SHIPPED])
def test__a_copy_of_each_shipped_file_is_detected_from_its_header(tmp_path, path, kind):
    """Outside data/raw there is no register row: the header (GeoJSON: the feature properties) tells the kind."""
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    assert kind_of_file(copy) == (kind, "header")
    assert check_file(copy).kind == kind


def test__detect_kind__by_the_key_and_the_share_of_required_columns():
    # a register without two of its columns is still a credits register, and validation names what is missing
    assert detect_kind(["project", "province", "type", "sector", "status", "vintage", "credits_issued_tco2e"]) == (
        "credits"
    )
    assert detect_kind(["province", "year", "a", "b", "rank"]) == "index"  # not a PGI table for its "rank"
    assert detect_kind(
        ["entity", "indicator", "year", "value", "unit", "note", "source", "source_url", "confidence"]
    ) == ("brvt_facts")  # once read as drivers


def test__netzero_validate__a_users_file_with_a_wrong_value_is_located(tmp_path, capsys):
    user = tmp_path / "my_facts.csv"
    text = (paths.RAW_DIR / "inventory" / "fugitive_sites.csv").read_text(encoding="utf-8")
    header, first, *rest = text.splitlines()
    cells = first.split(",")
    cells[2] = "1.5"  # a weight out of 0–1
    user.write_text("\n".join([header, ",".join(cells), *rest]) + "\n", encoding="utf-8")
    assert main(["validate", str(user)]) == 1
    err = capsys.readouterr().err
    assert "my_facts.csv" in err and "row 2" in err and "'weight'" in err


def test__netzero_validate__a_users_table_of_a_known_kind_and_an_unknown_table(tmp_path, capsys):
    good = tmp_path / "pci.csv"
    good.write_text("province,year,pci_score,pci_rank\nBRVT,2023,68.1,5\n", encoding="utf-8")
    odd = tmp_path / "odd.csv"
    odd.write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["validate", str(good), str(odd)]) == 1
    captured = capsys.readouterr()
    assert "pci (kind detected), 1 rows" in captured.out
    assert "cannot tell what kind of table this is" in captured.err


def test__the_loader_checks_what_the_schema_cannot(tmp_path):
    """Fugitive weights of one activity must add up to 1: the schema passes, the loader refuses, validate says so."""
    path = tmp_path / "sites.csv"
    path.write_text(
        "activity,province,weight,basis,source\ncoal_mining,Quảng Ninh,0.5,assumption,test\n", encoding="utf-8"
    )
    assert len(validate_file(path, "fugitive_sites")) == 1
    with pytest.raises(InputError, match="add up to 0.5, not 1"):
        check_file(path)


def test__kinds_are_declared_in_the_catalogue_not_registered_on_import():
    """No module adds a kind to a registry as a side effect; no module imports another's private name from data/."""
    for f in sorted(paths.PACKAGE_DIR.rglob("*.py")):
        tree = ast.parse(f.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == (
                "register_kind"
            ):
                pytest.fail(f"{f}: register_kind")
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("analysis.data"):
                private = [a.name for a in node.names if a.name.startswith("_")]
                assert not private, f"{f}: imports {private} from {node.module}"
    for name, kind in KINDS.items():
        assert kind.name == name and (kind.schema is None or kind.schema.kind == name)


def test__a_new_raw_source_is_one_file_and_one_register_row(tmp_path):
    """A second PCI table dropped into a copy of data/raw with its row is checked like the shipped one."""
    raw = tmp_path / "raw"
    shutil.copytree(paths.RAW_DIR, raw)
    (raw / "vcci" / "pci_2025.csv").write_text("province,year,pci_score,pci_rank\nBRVT,2025,70,3\n", encoding="utf-8")
    register = (raw / "SOURCES.csv").read_text(encoding="utf-8")
    row = "vcci/pci_2025.csv,pci,PCI 2025,,VCCI,,2026-12-06,test,,,{},\n".format("0" * 64)
    (raw / "SOURCES.csv").write_text(register + row, encoding="utf-8")
    listed = [s for s in load_sources(raw / "SOURCES.csv") if s.path == "vcci/pci_2025.csv"]
    assert listed[0].kind == "pci"
    assert check_file(raw / "vcci" / "pci_2025.csv", listed[0].kind).rows == 1
