"""``netzero run | batch | report | params``: parameterised notebook runs from the command line.

Thin wrappers over :mod:`analysis.report` (see ``docs/notebooks.md``). Parameter problems are found
before any kernel starts and printed as located errors (exit 1); a batch with a failed run exits 1
after its summary; Ctrl-C exits 130 leaving no partial run folder.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis import paths
from analysis.commands import common

DEFAULT_BATCH = paths.CONFIG_DIR / "batches" / "default.yaml"


def _execution_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--jobs", "-j", type=int, default=None, metavar="N", help="runs in parallel (default: the number of CPUs)"
    )
    p.add_argument(
        "--resume", action="store_true", help="skip runs whose manifest is complete and whose inputs are unchanged"
    )
    p.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="run on this Dask distributed scheduler")
    p.add_argument(
        "--out",
        type=Path,
        default=paths.REPORTS_DIR,
        metavar="DIR",
        help="reports folder; runs go to DIR/<batch>/<run-id>/ (default: reports/)",
    )
    p.add_argument(
        "--notebooks-dir",
        type=Path,
        default=paths.NOTEBOOKS_DIR,
        metavar="DIR",
        help="where notebook names are looked up (default: notebooks/)",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or progress lines")
    p.add_argument(
        "--cold",
        action="store_true",
        help="no warm kernels or long-lived browser: a new kernel per run, a browser start per PDF "
        "(slower; the comparison for benchmarks)",
    )


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "run",
        parents=[common()],
        help="run one notebook with parameters",
        description="Run NOTEBOOK (a name in notebooks/ or a path) with checked parameters; "
        "outputs go to DIR/runs/<run-id>/. Exit 1 when the run fails.",
    )
    p.add_argument("notebook", metavar="NOTEBOOK")
    p.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="set a parameter (lists: comma-separated); repeat for several",
    )
    p.add_argument(
        "--format",
        default="html",
        metavar="html,pdf,xlsx,svg",
        help="export formats (default: html); svg: the charts also as SVG files in figures/",
    )
    p.add_argument(
        "--out", type=Path, default=paths.REPORTS_DIR, metavar="DIR", help="reports folder (default: reports/)"
    )
    p.add_argument("--batch", default="runs", metavar="NAME", help="folder under DIR (default: runs)")
    p.add_argument("--timeout", type=int, default=600, metavar="S", help="seconds allowed per cell")
    p.set_defaults(func=run_run)

    p = sub.add_parser(
        "batch",
        parents=[common()],
        help="run a batch file (provinces × scenarios × notebooks × langs)",
        description="Run every combination in FILE.yaml; a failed run does not stop the others. "
        "Exit 1 when any run failed.",
    )
    p.add_argument("file", type=Path, metavar="FILE.yaml")
    _execution_options(p)
    p.set_defaults(func=run_batch)

    p = sub.add_parser(
        "report",
        parents=[common()],
        help="run the default batch (what `make report` runs)",
        description=f"Same as `netzero batch {paths.relative_to_project(DEFAULT_BATCH)}`.",
    )
    _execution_options(p)
    p.set_defaults(func=run_report)

    p = sub.add_parser(
        "params",
        parents=[common()],
        help="list a notebook's parameters",
        description="List the parameters NOTEBOOK declares: type, default, allowed values, help.",
    )
    p.add_argument("notebook", metavar="NOTEBOOK")
    p.set_defaults(func=run_params)


def run_params(args: argparse.Namespace) -> int:
    from analysis.report.params import read_contract
    from analysis.report.plan import find_notebook

    notebook = find_notebook(args.notebook)
    rows = [(s.name, s.type, repr(s.default), s.describe(), s.help) for s in read_contract(notebook).values()]
    head = ("name", "type", "default", "allowed", "help")
    widths = [max(len(x) for x in col) for col in zip(head, *rows, strict=False)]
    fmt = "  ".join(f"{{:{w}}}" for w in widths[:-1]) + "  {}"
    print(f"{paths.relative_to_project(notebook)}")
    for row in [head, *rows]:
        print(fmt.format(*row).rstrip())
    return 0


def run_run(args: argparse.Namespace) -> int:
    from analysis.report.batch import format_summary
    from analysis.report.batch import run_batch as execute
    from analysis.report.params import parse_cli_values, read_contract
    from analysis.report.plan import SAFE_NAME, check_formats, find_notebook, plan_run

    if not SAFE_NAME.match(args.batch):
        print(f"error: --batch {args.batch!r} must be letters, digits, '-', '_' or '.'", file=sys.stderr)
        return 1
    notebook = find_notebook(args.notebook)
    where = paths.relative_to_project(notebook)
    values = parse_cli_values(read_contract(notebook), [tuple(p) for p in args.parameter], notebook=where)
    spec = plan_run(
        notebook,
        values,
        batch=args.batch,
        batch_dir=args.out / args.batch,
        formats=check_formats(args.format, "--format"),
        timeout=args.timeout,
    )
    results = execute([spec], jobs=1, progress=False, cold=True)  # one run: nothing to warm up for
    print(format_summary(results))
    return 0 if results[0].status == "ok" else 1


def run_batch(args: argparse.Namespace) -> int:
    from analysis.report.batch import format_summary
    from analysis.report.batch import run_batch as execute
    from analysis.report.plan import plan_batch

    batch, specs = plan_batch(args.file, reports_dir=args.out, notebooks_dir=args.notebooks_dir)
    jobs = args.jobs
    if jobs is not None and jobs < 1:
        print("error: --jobs must be at least 1", file=sys.stderr)
        return 1
    results = execute(
        specs, jobs=jobs, resume=args.resume, scheduler=args.scheduler, progress=not args.quiet, cold=args.cold
    )
    _write_index(batch, args.out / batch.name)
    print(format_summary(results))
    return 1 if any(r.status == "failed" for r in results) else 0


def run_report(args: argparse.Namespace) -> int:
    args.file = DEFAULT_BATCH
    return run_batch(args)


def _write_index(batch: dict, batch_dir: Path) -> None:
    """The batch's ``index.html``: every run with its links, failed runs (in ``_failed/``) included."""
    from analysis.report.index_page import collect_runs, write_batch_index
    from analysis.report.runner import FAILED_DIR

    if not batch_dir.is_dir():
        return
    langs = batch.matrix.get("lang") or [batch.parameters.get("lang", "vi")]
    runs = collect_runs(batch_dir) + collect_runs(batch_dir / FAILED_DIR)
    path = write_batch_index(batch_dir, runs, lang="vi" if "vi" in langs else langs[0], batch_name=batch.name)
    print(f"index: {paths.relative_to_project(path)}")
