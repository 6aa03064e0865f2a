"""Batches: validation before any kernel, failure isolation, atomic outputs, resume, Ctrl-C and the Dask path."""

from __future__ import annotations

import dataclasses
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

from analysis import paths
from analysis.cli import main
from analysis.errors import InputError
from analysis.report.batch import format_summary, run_batch
from analysis.report.manifest import read_manifest
from analysis.report.plan import plan_batch

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"
NETZERO = Path(sys.executable).parent / "netzero"


def _batch(tmp_path: Path, **content) -> Path:
    path = tmp_path / "batch.yaml"
    path.write_text(yaml.safe_dump({"name": "b", **content}, allow_unicode=True), encoding="utf-8")
    return path


def _outputs(folder: Path) -> list[str]:
    nb = nbformat.read(next(folder.glob("*.ipynb")), as_version=4)
    return [
        str(o.get("text", o.get("data", {}).get("text/plain", "")))
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
    ]


@pytest.mark.parametrize(
    "content, column, text",
    [
        ({"notebooks": ["echo"], "matrix": {"lang": ["vi"]}, "lang": ["en"]}, "lang", "unknown key 'lang'"),
        ({"notebooks": ["echo"], "langs": ["vi"]}, None, "matrix: {lang: [...]}"),
        ({"notebooks": ["echoo"]}, "notebooks", "did you mean 'echo'?"),
        ({"notebooks": ["echo"], "parameters": {"labell": "x"}}, "parameters.labell", "did you mean 'label'?"),
        ({"notebooks": ["echo"], "matrix": {"langg": ["vi"]}}, "matrix.langg", "did you mean 'lang'?"),
        ({"notebooks": ["echo"], "matrix": {"lang": ["vi", "fr"]}}, "lang", "must be one of 'vi' or 'en'"),
        ({"notebooks": ["echo"], "matrix": {"province": ["BRVT", "Bà Rịa-Vũng Tàu"]}}, None, "appears 2 times"),
        ({"notebooks": ["echo"], "formats": ["docx"]}, "formats[0]", "must be one of"),
        ({"notebooks": ["echo"], "name": "../up"}, "name", "name"),
    ],
)
def test__plan_batch__problems_found_before_any_kernel_starts(tmp_path, content, column, text):
    path = _batch(tmp_path, **content)
    with pytest.raises(InputError) as exc:
        plan_batch(path, reports_dir=tmp_path / "reports", notebooks_dir=FIXTURES)
    assert text in str(exc.value)
    assert column in [i.column for i in exc.value.issues]
    assert not (tmp_path / "reports").exists()


def test__plan_batch__matrix_applies_only_to_declared_parameters(tmp_path):
    path = _batch(
        tmp_path,
        notebooks=["echo", "fails"],
        matrix={"province": ["BRVT", "Đồng Nai"], "lang": ["vi", "en"]},
        parameters={"n": 2},
    )
    batch, specs = plan_batch(path, reports_dir=tmp_path, notebooks_dir=FIXTURES)
    ids = [s.run_id for s in specs]
    assert len(ids) == 6 and ids[4:] == ["fails__vi", "fails__en"]  # fails.ipynb has no province
    assert {s.parameters["province"] for s in specs[:4]} == {"Bà Rịa – Vũng Tàu", "Đồng Nai"}
    assert all(s.parameters["n"] == 2 for s in specs[:4]) and "n" not in specs[4].parameters
    assert all(s.batch_dir == tmp_path / "b" for s in specs)


def test__plan_batch__default_batch_covers_every_notebook_in_both_languages():
    batch, specs = plan_batch(paths.CONFIG_DIR / "batches" / "default.yaml")
    assert batch.name == "default"
    notebooks = sorted(p.stem for p in paths.NOTEBOOKS_DIR.glob("*.ipynb"))
    assert sorted({s.notebook.stem for s in specs}) == notebooks
    assert {s.parameters.get("lang") for s in specs if "lang" in s.parameters} == {"vi", "en"}
    # today's TP. Hồ Chí Minh on the 2025 map and the source document's Bà Rịa – Vũng Tàu on the 2024 map
    places = {(s.parameters["province"], s.parameters["map"]) for s in specs}
    assert places == {("TP. Hồ Chí Minh", 2025), ("Bà Rịa – Vũng Tàu", 2024)}
    assert len(specs) == len(notebooks) * 2 * 2


def test__order__a_reports_two_languages_never_start_side_by_side(tmp_path):
    """The two languages of a report share its facts and cached computations: side by side, one worker waits on the
    other's lock with its core idle. A fresh batch runs every report in its first language, then in its second."""
    from analysis.report.batch import order_longest_first

    _, specs = plan_batch(paths.CONFIG_DIR / "batches" / "default.yaml", reports_dir=tmp_path)
    assert [s.parameters["lang"] for s in specs[:2]] == ["vi", "en"]  # as planned: the pair together
    ordered = order_longest_first(specs)
    assert sorted(s.run_id for s in ordered) == sorted(s.run_id for s in specs)
    half = len(ordered) // 2
    assert {s.parameters["lang"] for s in ordered[:half]} == {"vi"} and {
        s.parameters["lang"] for s in ordered[half:]
    } == {"en"}

    def report(spec):  # the run but its language
        return spec.notebook, {k: v for k, v in spec.parameters.items() if k != "lang"}

    assert not any(report(a) == report(b) for a, b in zip(ordered, ordered[1:], strict=False))
    assert [s.notebook.stem for s in ordered[:half]] == [s.notebook.stem for s in specs if s.parameters["lang"] == "vi"]


@pytest.mark.slow
def test__run_batch__failed_runs_isolated_summarised_and_exit_1(tmp_path, capsys):
    path = _batch(tmp_path, notebooks=["echo", "fails"], matrix={"lang": ["vi", "en"]}, parameters={"n": 1})
    code = main(["batch", str(path), "--out", str(tmp_path / "r"), "--notebooks-dir", str(FIXTURES), "--jobs", "2"])
    out = capsys.readouterr().out
    assert code == 1
    # In [4]: the injected-parameters cell (lang) runs before the failing third cell
    assert "cell In [4]: ValueError: boom in en" in out and "cell In [4]: ValueError: boom in vi" in out
    assert "4 runs: 2 ok, 2 failed, 0 skipped" in out
    index = (tmp_path / "r" / "b" / "index.html").read_text(encoding="utf-8")
    assert "fails__vi" in index and "echo__ba-ria-vung-tau__en__" in index
    folders = sorted(p.name for p in (tmp_path / "r" / "b").iterdir() if p.is_dir())
    assert len(folders) == 3 and folders[0] == "_failed"
    assert folders[1].startswith("echo__ba-ria-vung-tau__en__") and folders[2].startswith("echo__ba-ria-vung-tau__vi__")
    assert sorted(p.name for p in (tmp_path / "r" / "b" / "_failed").iterdir()) == ["fails__en", "fails__vi"]
    for run in (tmp_path / "r" / "b").glob("echo__*"):
        assert read_manifest(run)["status"] == "ok"
    assert not list((tmp_path / "r" / "b").glob(".*"))  # no temporary folder left


@pytest.mark.slow
def test__run_batch__resume_skips_current_runs_and_reruns_changed_or_incomplete(tmp_path, monkeypatch):
    from analysis.report import manifest

    # other engineers edit src/ while tests run: keep the package-code hash fixed within this test
    monkeypatch.setattr(manifest, "hash_package_code", lambda: "fixed")
    nbdir = tmp_path / "nb"
    nbdir.mkdir()
    shutil.copy(FIXTURES / "echo.ipynb", nbdir / "echo.ipynb")
    shutil.copy(FIXTURES / "fails.ipynb", nbdir / "fails.ipynb")
    path = _batch(tmp_path, notebooks=["echo", "fails"], matrix={"lang": ["vi", "en"]})

    def run(resume: bool) -> dict[str, str]:
        _, specs = plan_batch(path, reports_dir=tmp_path / "r", notebooks_dir=nbdir)
        return {r.run_id: r.status for r in run_batch(specs, jobs=1, resume=resume, progress=False)}

    first = run(False)
    assert sorted(first.values()) == ["failed", "failed", "ok", "ok"]
    assert run(True) == {k: ("skipped" if v == "ok" else "failed") for k, v in first.items()}

    echo_vi = next(k for k in first if k.startswith("echo") and "__vi" in k)
    (tmp_path / "r" / "b" / echo_vi / "echo.html").unlink()  # an incomplete run is run again
    nb = nbformat.read(nbdir / "echo.ipynb", as_version=4)  # a changed notebook: both of its runs again
    nb.cells[0].source += "\n\nEdited."
    again = run(True)
    assert again[echo_vi] == "ok"
    assert [v for k, v in again.items() if k.startswith("echo") and k != echo_vi] == ["skipped"]
    nbformat.write(nb, nbdir / "echo.ipynb")
    assert {k: v for k, v in run(True).items() if k.startswith("echo")} == {
        k: "ok" for k in first if k.startswith("echo")
    }


@pytest.mark.slow
def test__run_batch__ctrl_c_in_parallel_batch_leaves_no_partial_run(tmp_path):
    from test_runner import _interrupt_when_sleeping

    path = _batch(tmp_path, notebooks=["slow", {"name": "slow", "parameters": {"seconds": 59.0}}])
    out = tmp_path / "r"
    done = _interrupt_when_sleeping(
        [str(NETZERO), "batch", str(path), "--out", str(out), "--notebooks-dir", str(FIXTURES), "--jobs", "2"], out, 2
    )
    assert done.returncode == 130, done.stderr
    assert [p.name for p in (out / "b").iterdir()] == []


@pytest.mark.slow
def test__run_batch__ctrl_c_with_pdfs_leaves_no_kernel_template_worker_or_browser(tmp_path):
    from test_runner import _interrupt_when_sleeping

    path = _batch(
        tmp_path, notebooks=["slow", {"name": "slow", "parameters": {"seconds": 59.0}}], formats=["html", "pdf"]
    )
    out = tmp_path / "r"
    done = _interrupt_when_sleeping(
        [str(NETZERO), "batch", str(path), "--out", str(out), "--notebooks-dir", str(FIXTURES), "--jobs", "2"],
        out,
        2,
        expect=("chromium", "analysis.report.runtime.forkserver"),
    )
    assert done.returncode == 130, done.stderr
    assert [p.name for p in (out / "b").iterdir()] == []


@pytest.mark.slow
def test__batch__resume_after_ctrl_c_runs_only_what_was_not_finished(tmp_path, capsys):
    from test_runner import _interrupt_when_sleeping

    path = _batch(
        tmp_path,
        notebooks=["echo", {"name": "echo", "parameters": {"n": 2}}, {"name": "slow", "parameters": {"seconds": 6.0}}],
        matrix={"lang": ["vi"]},
    )
    out = tmp_path / "r"
    args = ["batch", str(path), "--out", str(out), "--notebooks-dir", str(FIXTURES), "--jobs", "1"]
    done = _interrupt_when_sleeping([str(NETZERO), *args], out, 1)  # runs in planned order: echo, echo, slow
    assert done.returncode == 130, done.stderr
    finished = sorted(p.name for p in (out / "b").iterdir())
    assert len(finished) == 2 and all(name.startswith("echo__") for name in finished)
    stamps = {name: (out / "b" / name / "manifest.json").stat().st_mtime_ns for name in finished}
    assert main([*args, "--resume", "--quiet"]) == 0
    assert "3 runs: 1 ok, 0 failed, 2 skipped" in capsys.readouterr().out
    assert {name: (out / "b" / name / "manifest.json").stat().st_mtime_ns for name in finished} == stamps
    slow = [p for p in (out / "b").iterdir() if p.name.startswith("slow__")]
    assert len(slow) == 1 and read_manifest(slow[0])["status"] == "ok"


@pytest.mark.slow
def test__run_batch__dask_cluster_gives_the_same_outputs_as_local_processes(tmp_path):
    from distributed import LocalCluster

    path = _batch(tmp_path, notebooks=["echo", "fails"], matrix={"lang": ["vi", "en"]}, parameters={"n": 2})
    _, local_specs = plan_batch(path, reports_dir=tmp_path / "local", notebooks_dir=FIXTURES)
    # the same planned runs (same input hashes even if the source tree changes meanwhile), another folder
    dask_specs = [dataclasses.replace(s, batch_dir=tmp_path / "dask" / "b") for s in local_specs]
    local = run_batch(local_specs, jobs=2, progress=False)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = run_batch(dask_specs, scheduler=cluster.scheduler_address, progress=False)
    assert [(r.run_id, r.status, r.error_text()) for r in remote] == [
        (r.run_id, r.status, r.error_text()) for r in local
    ]
    for spec in dask_specs:
        sub = "" if spec.run_id.startswith("echo") else "_failed"
        a, b = tmp_path / "local" / "b" / sub / spec.run_id, tmp_path / "dask" / "b" / sub / spec.run_id
        ma, mb = read_manifest(a), read_manifest(b)
        for key in ("parameters", "inputs", "status", "error", "outputs"):
            assert ma[key] == mb[key], key
        assert _outputs(a) == _outputs(b)
    assert "2 ok, 2 failed" in format_summary(remote)


def test__progress__one_line_per_run_with_the_time_left(capsys, monkeypatch):
    from analysis.report import batch
    from analysis.report.runner import RunResult

    clock = iter([100.0, 110.0, 130.0, 140.0])  # start, then after each run (10, 15, 13.3 s per run so far)
    monkeypatch.setattr(batch.time, "monotonic", lambda: next(clock))
    report = batch._progress(3, "b", True)
    report(RunResult("a__vi", "a", "ok", seconds=9.5))
    report(RunResult("b__vi", "b", "failed", seconds=1.0, error={"stage": "execute", "ename": "E", "evalue": "x"}))
    report(RunResult("c__vi", "c", "ok", seconds=2.0))
    report(None)
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "[1/3] ok      a__vi (9.5 s) · about 20 s left"
    assert lines[1] == "[2/3] failed  b__vi (1.0 s) · about 15 s left E: x"
    assert lines[2] == "[3/3] ok      c__vi (2.0 s)"
    assert batch.format_eta(600) == "about 10 min left" and batch.format_eta(2) == "about 5 s left"


def test__national_batch__every_2025_unit_every_notebook_both_languages():
    from analysis.data.provinces import get_registry
    from analysis.report.plan import plan_batch

    path = paths.CONFIG_DIR / "batches" / "national.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    registry = get_registry()
    assert sorted(registry.resolve(p, admin_map=2025) for p in raw["matrix"]["province"]) == sorted(
        u.name for u in registry.units_2025
    )
    assert raw["notebooks"] == "all" and raw["matrix"]["lang"] == ["vi", "en"]
    assert set(raw["formats"]) == {"html", "pdf", "xlsx"}
    batch, runs = plan_batch(path)  # the file plans: every value checked, every run on the 2025 map
    notebooks = sorted({r.notebook.stem for r in runs})
    assert len(runs) == len(notebooks) * len(registry.units_2025) * 2
    assert all(r.parameters["map"] == 2025 and "__map2025__" in r.run_id for r in runs)
    hcmc = [r for r in runs if r.parameters["province"] == "TP. Hồ Chí Minh"]
    assert hcmc and all("tp-ho-chi-minh__map2025" in r.run_id for r in hcmc)


@pytest.mark.parametrize(
    ("values", "run_id", "map_"),
    [
        ({}, "03_pgi_analysis__ba-ria-vung-tau__vi", 2024),  # the notebook's own province: a former one, 2024
        ({"lang": "en"}, "03_pgi_analysis__ba-ria-vung-tau__en", 2024),
        ({"province": "Đồng Nai"}, "03_pgi_analysis__dong-nai__map2025__vi", 2025),  # today's Đồng Nai
    ],
)
def test__plan_run__a_run_without_a_map_is_named_and_run_on_the_map_its_place_resolves_to(values, run_id, map_):
    """`netzero run NOTEBOOK` with no map (0: today's map for a name on it) used to name its folder '…__map0__…'."""
    from analysis.report.plan import plan_run

    spec = plan_run(paths.NOTEBOOKS_DIR / "03_pgi_analysis.ipynb", values, batch="x", batch_dir=Path("x"), git={})
    assert spec.run_id == run_id and "map0" not in spec.run_id
    assert spec.parameters["map"] == map_
