"""Batch benchmarks (issue 17): warm against cold in the same run, per-report overhead, scaling, national batch.

- ``batch``: the default batch (16 runs: every notebook in both languages, HTML + PDF + Excel), ``--jobs 2``, warm (kernels forked from a
  template, one browser per worker) against ``--cold`` (a kernel and a Chromium per report), alternated,
  best of 2 after a warm-up; one warm ``--jobs 1`` run for the parallel speed-up; whole-tree peak PSS;
  each report's wall time against its in-kernel analysis time plus its export (from the manifests).
- ``scaling``: 10 / 40 / 160 runs (00_data_overview and 03_pgi_analysis alternating over the 63
  provinces, HTML + PDF + Excel), time per run and peak PSS of the whole tree.
- ``national``: ``config/batches/national.yaml`` (every 2025 unit, every notebook, both languages), interrupted
  with Ctrl-C half-way and finished with ``--resume`` (which must skip every run finished before).
"""

from __future__ import annotations

import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.harness import Record, TreeMemory, load_level, run_measured

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
DEFAULT = ROOT / "config" / "batches" / "default.yaml"
NATIONAL = ROOT / "config" / "batches" / "national.yaml"
SUMMARY = re.compile(r"(\d+) runs: (\d+) ok, (\d+) failed, (\d+) skipped")


def _batch_cmd(path: Path, out: Path, *extra: str) -> list[str]:
    return [PY, "-m", "analysis", "batch", str(path), "--quiet", "--out", str(out), *extra]


def _manifests(folder: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*/manifest.json"))]


def report_overheads(manifests: list[dict]) -> list[float]:
    """Per report: wall time / (in-kernel analysis time + export time), for reports that did not wait for a kernel.

    A worker's first report waits for the template's imports (``kernel_wait_s``); it is left out here
    and reported on its own.
    """
    ratios = []
    for m in manifests:
        t = m.get("timings") or {}
        if m.get("status") == "ok" and t.get("kernel_wait_s", 0) < 0.05 and "kernel_s" in t:
            ratios.append(m["seconds"] / (t["kernel_s"] + sum(t["export_s"].values())))
    return ratios


def bench_default_batch() -> list[Record]:
    records = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        run = {
            mode: (
                lambda mode=mode, jobs=2: run_measured(
                    _batch_cmd(
                        DEFAULT, tmp / f"{mode}{jobs}", "--jobs", str(jobs), *(["--cold"] if mode == "cold" else [])
                    ),
                    cwd=ROOT,
                )
            )
            for mode in ("warm", "cold")
        }
        run["warm"]()  # warm-up: page cache, and a timing per run (runs are ordered longest first)
        walls: dict[str, list[float]] = {"warm": [], "cold": []}
        cpus: dict[str, list[float]] = {"warm": [], "cold": []}
        peaks: dict[str, float] = {}
        for _ in range(2):
            for mode in ("warm", "cold"):
                wall, memory, code, _ = run[mode]()
                walls[mode].append(wall if code == 0 else float("nan"))
                cpus[mode].append(memory.cpu_s if code == 0 else float("nan"))
                peaks[mode] = max(peaks.get(mode, 0.0), memory.peak_mib)
        warm, cold = min(walls["warm"]), min(walls["cold"])
        note = load_level()
        cpu_ratio = min(cpus["cold"]) / min(cpus["warm"])
        records.append(
            Record(
                "default batch: CPU seconds of the whole tree, cold vs warm",
                cpu_ratio,
                "x",
                extra={"cpu_s": cpus},
                note=f"cold {min(cpus['cold']):.1f} s, warm "
                f"{min(cpus['warm']):.1f} s of CPU: the bound on the speed-up when every core is busy",
            )
        )
        records += [
            Record(
                "default batch (16 runs: 8 notebooks × 2 languages, html+pdf+xlsx), --jobs 2, cold",
                cold,
                "s",
                note=f"best of 2; {note}",
            ),
            Record("default batch, --jobs 2, warm kernels + one browser", warm, "s", note="best of 2"),
            Record(
                "default batch --jobs 2: warm vs cold speed-up",
                cold / warm,
                "x",
                target=">= 2.5x",
                passed=cold / warm >= 2.5,
                note="same run, alternated",
            ),
        ]
        one, _, code, _ = run["warm"](jobs=1)
        records.append(
            Record(
                "default batch --jobs 1 (warm): speed-up of --jobs 2",
                one / warm,
                "x",
                note=f"--jobs 1 took {one:.1f} s (exit {code})",
            )
        )
        records.append(
            Record(
                "default batch --jobs 2 warm: peak memory of the whole tree (PSS)",
                peaks["warm"],
                "MiB",
                target="<= 2048 MiB",
                passed=peaks["warm"] <= 2048,
                note=f"cold: {peaks['cold']:.0f} MiB",
            )
        )
        manifests = _manifests(tmp / "warm2" / "default")
        ratios = report_overheads(manifests)
        first = [m["timings"]["kernel_wait_s"] for m in manifests if m["timings"].get("kernel_wait_s", 0) >= 0.05]
        records.append(
            Record(
                "report wall / (in-kernel analysis + export), warm, worst",
                max(ratios),
                "x",
                target="<= 1.3x",
                passed=max(ratios) <= 1.3,
                note=f"median {statistics.median(ratios):.2f} over {len(ratios)} reports; the "
                f"{len(first)} first report(s) of a worker waited {max(first, default=0):.1f} s "
                "for the template's imports",
            )
        )
        cold_ratios = [
            m["seconds"] / (m["timings"]["kernel_s"] + sum(m["timings"]["export_s"].values()))
            for m in _manifests(tmp / "cold2" / "default")
            if m["status"] == "ok"
        ]
        records.append(
            Record(
                "report wall / (in-kernel analysis + export), cold, worst",
                max(cold_ratios),
                "x",
                note=f"median {statistics.median(cold_ratios):.2f} (the kernel's imports count as analysis here)",
            )
        )
        kernel = sum(m["timings"]["kernel_s"] for m in manifests)
        export = {fmt: sum(m["timings"]["export_s"][fmt] for m in manifests) for fmt in ("html", "pdf", "xlsx")}
        total = sum(m["seconds"] for m in manifests)
        records.append(
            Record(
                "default batch warm: share of report time in the kernel / export",
                kernel / total,
                "x",
                extra={"kernel_s": kernel, "export_s": export, "reports_s": total},
                note=f"kernel {kernel:.1f} s, html {export['html']:.1f} s, pdf {export['pdf']:.1f} s, "
                f"xlsx {export['xlsx']:.1f} s of {total:.1f} s",
            )
        )
    return records


def _write_scaling_batch(path: Path) -> None:
    import yaml

    from analysis.data.provinces import get_registry

    provinces = [p.name for p in get_registry().provinces]
    notebooks = ["00_data_overview", {"name": "03_pgi_analysis", "parameters": {"n_draws": 200}}]
    path.write_text(
        yaml.safe_dump(
            {
                "name": "scale",
                "notebooks": notebooks,
                "formats": ["html", "pdf", "xlsx"],
                "matrix": {"province": provinces, "lang": ["vi", "en"]},
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )


SCALING_RUNNER = """
import json, sys, time
from pathlib import Path
from analysis.report.batch import run_batch
from analysis.report.plan import plan_batch

if __name__ == "__main__":  # the workers are spawned: they import this file
    _, specs = plan_batch(sys.argv[1], reports_dir=Path(sys.argv[2]))
    half = len(specs) // 2  # the two notebooks alternate, so every batch size has the same mix
    mixed = [s for pair in zip(specs[:half], specs[half:]) for s in pair][:int(sys.argv[3])]
    start = time.perf_counter()
    results = run_batch(mixed, jobs=2, progress=False)
    print(json.dumps({"seconds": time.perf_counter() - start, "ok": sum(r.status == "ok" for r in results)}))
"""


def bench_scaling() -> list[Record]:
    records, per_run, peaks, all_ok = [], {}, {}, True
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        _write_scaling_batch(tmp / "scale.yaml")
        (tmp / "runner.py").write_text(SCALING_RUNNER, encoding="utf-8")
        for n in (10, 40, 160):
            _, memory, code, out = run_measured(
                [PY, str(tmp / "runner.py"), str(tmp / "scale.yaml"), str(tmp / f"r{n}"), str(n)], cwd=ROOT
            )
            result = json.loads(out.strip().splitlines()[-1]) if code == 0 else {"seconds": float("nan"), "ok": 0}
            per_run[n], peaks[n] = result["seconds"] / n, memory.peak_mib
            all_ok = all_ok and result["ok"] == n
            records.append(
                Record(
                    f"batch of {n} runs (jobs 2, warm): time per run",
                    per_run[n],
                    "s",
                    extra={"peak_pss_mib": memory.peak_mib, "processes": memory.processes},
                    note=f"{result['ok']}/{n} ok; peak PSS {memory.peak_mib:.0f} MiB, "
                    f"{memory.processes} processes; {load_level()}",
                )
            )
    ratio = per_run[160] / per_run[10]
    marginal = (per_run[160] * 160 - per_run[40] * 40) / 120
    records.append(
        Record(
            "batch scaling: time per run, 160 vs 10 runs",
            ratio,
            "x",
            target="<= 1.10",
            passed=ratio <= 1.10 and all_ok,
            note=f"marginal time per run from 40 to 160: {marginal:.2f} s",
        )
    )
    records.append(
        Record(
            "batch scaling: peak PSS at 160 runs",
            peaks[160],
            "MiB",
            target="<= 2048 MiB, flat",
            passed=peaks[160] <= 2048 and peaks[160] <= 1.15 * peaks[10] and all_ok,
            note=f"10 runs: {peaks[10]:.0f} MiB, 40: {peaks[40]:.0f} MiB",
        )
    )
    return records


def bench_national() -> list[Record]:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        path, what = NATIONAL, "the national batch"  # every 2025 unit: its provinces' profiles summed at run time
        national_runs = _count_planned(NATIONAL, tmp)
        out = tmp / "out"
        cmd = _batch_cmd(path, out)
        planned = _count_planned(path, tmp)
        start = time.perf_counter()
        sent_at = None
        with open(tmp / "first.log", "w") as log:  # a file, not a pipe nobody reads while the batch runs
            proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            with TreeMemory(proc.pid) as first:
                while proc.poll() is None:
                    if _finished(out) >= planned // 2:
                        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C half-way
                        sent_at = _finished(out)
                        break
                    time.sleep(0.5)
                proc.wait(timeout=120)
        interrupted = time.perf_counter() - start
        finished = _finished(out)
        wall, second, code, stdout = run_measured([*cmd, "--resume"], cwd=ROOT)
        counts = SUMMARY.search(stdout)
        total, ok, failed, skipped = (int(x) for x in counts.groups()) if counts else (0, 0, 0, 0)
    seconds = interrupted + wall
    projected = seconds
    return [
        Record(
            f"national batch ({what}): Ctrl-C half-way, then --resume",
            seconds,
            "s",
            extra={
                "runs": total,
                "ok": ok,
                "failed": failed,
                "skipped_on_resume": skipped,
                "finished_before_ctrl_c": finished,
                "exit_on_ctrl_c": proc.returncode,
                "ctrl_c_after": sent_at,
                "planned": planned,
                "peak_pss_mib": max(first.peak_mib, second.peak_mib),
            },
            target="exit 130, then resume skips every finished run",
            passed=sent_at is not None and proc.returncode == 130 and skipped == finished and code in (0, 1),
            note=f"{total} runs ({ok} ok, {failed} failed); {finished} finished before Ctrl-C, "
            f"{skipped} skipped on resume; peak PSS {max(first.peak_mib, second.peak_mib):.0f} MiB; "
            f"{load_level()}",
        ),
        Record(
            f"national batch: {national_runs} runs, time",
            projected / 60,
            "min",
            target="< 15 min",
            passed=projected < 900,
        ),
    ]


def _finished(out: Path) -> int:
    """Finished runs under a reports folder (run folders appear, renamed into place, when a run is done)."""
    try:
        return sum(1 for p in out.glob("*/*/manifest.json"))
    except OSError:  # a folder renamed while it was being listed
        return 0


def _count_planned(path: Path, tmp: Path) -> int:
    from analysis.report.plan import plan_batch

    return len(plan_batch(path, reports_dir=tmp / "plan")[1])


# The commit before issue 20's work (one set of facts per run): "today's path" of its speed target.
BASE_COMMIT = "a8dcf3e0af01c253d120dd1c0626dcd323ff4936"
BASE_REF = BASE_COMMIT[:7]


def _worktree(tmp: Path, name: str, commit: str) -> tuple[Path, dict[str, str]]:
    """``commit`` checked out in a git worktree ``tmp/name``, its data built; the environment that makes
    ``python -m analysis`` (and every kernel it starts) run that checkout's code and data with this environment's
    packages. Each side starts with empty caches, so neither gains from what an earlier run left behind."""
    folder = tmp / name
    subprocess.run(
        ["git", "worktree", "add", "--detach", str(folder), commit], cwd=ROOT, check=True, capture_output=True
    )
    env = {**os.environ, "PYTHONPATH": str(folder / "src")}
    env.pop("NETZERO_HOME", None)
    subprocess.run([PY, "-m", "analysis", "build"], cwd=folder, env=env, check=True, capture_output=True)
    return folder, env


def bench_against_base(batches: tuple[str, ...] | None = None) -> list[Record]:
    """Issue 20, point 8: each batch run by the base commit's code and by this commit's (HEAD: commit what you
    measure), each in a fresh git worktree, in the same run, once each (the national batch takes 10-20 minutes a
    side); whole-tree CPU seconds and wall time. The default batch runs first on both sides, so both national
    batches find the national computations it cached.

    Targets: the default batch and the national batch use at most half the base's CPU seconds; the national batch
    finishes in 6 minutes on a 2-core machine. ``BENCH_BASE_BATCHES=default`` runs the default batch only.
    """
    batches = batches or tuple(os.environ.get("BENCH_BASE_BATCHES", "default,national").split(","))
    records: list[Record] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, check=True, capture_output=True, text=True)
        sides = [("base", *_worktree(tmp, "base", BASE_COMMIT)), ("now", *_worktree(tmp, "now", head.stdout.strip()))]
        try:
            for name in batches:
                path = {"default": DEFAULT, "national": NATIONAL}[name]
                measured = {}
                for side, cwd, env in sides:
                    wall, memory, code, out = run_measured(
                        [PY, "-m", "analysis", "batch", str(path), "--quiet", "--out", str(tmp / "out" / side / name)],
                        cwd=cwd,
                        env=env,
                        interval=None,  # no memory sampling: it would take a fifth of a core from the batch
                    )
                    counts = SUMMARY.search(out)
                    measured[side] = (wall, memory.cpu_s, code, counts.group(0) if counts else "no summary")
                (bw, bc, bcode, bsum), (nw, nc, ncode, nsum) = measured["base"], measured["now"]
                ok = bcode == 0 and ncode == 0
                records.append(
                    Record(
                        f"{name} batch: CPU seconds, base {BASE_REF} / now",
                        bc / nc,
                        "x",
                        extra={"base": measured["base"], "now": measured["now"]},
                        target=">= 2x",
                        passed=ok and bc / nc >= 2,
                        note=f"base {bc:.0f} CPU-s in {bw:.0f} s ({bsum}); now {nc:.0f} CPU-s in {nw:.0f} s "
                        f"({nsum}); {load_level()}",
                    )
                )
                if name == "national":
                    records.append(
                        Record(
                            "national batch (34 units × 8 notebooks × 2 languages), now: wall time",
                            nw / 60,
                            "min",
                            target="<= 6 min on 2 cores",
                            passed=ok and nw <= 360,
                            note=f"base {bw / 60:.1f} min; {load_level()}",
                        )
                    )
        finally:
            for _, folder, _ in sides:
                subprocess.run(["git", "worktree", "remove", "--force", str(folder)], cwd=ROOT, capture_output=True)
    return records
