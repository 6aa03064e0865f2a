"""Export one executed run to the formats officials read: HTML, PDF and Excel.

Purpose
    The hook the batch runner calls after a notebook has run: :func:`export_run`.

Inputs
    ``executed_ipynb``: the executed notebook; ``context``: the title-block data (see
    :func:`analysis.report.html.normalise_context`: province, scenarios, lang, date, data_vintage,
    manifest_hash, is_estimate, sources, batch_id, run_id, title).
Outputs
    ``<stem>.html`` (self-contained), ``<stem>.pdf`` (A4, page numbers) and ``<stem>.xlsx`` (the tables
    recorded with :func:`analysis.report.excel.record_table` and the run's facts), each written atomically into
    ``out_dir``, with ``facts.json`` when the notebook recorded its facts;
    with HTML or PDF, every chart as PNG and SVG in ``out_dir/figures/`` (:mod:`analysis.report.figures`).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import nbformat

from analysis.io import atomic_path
from analysis.report import FORMATS
from analysis.report.excel import read_facts, read_headlines, read_report_info, read_tables
from analysis.report.figures import write_figures
from analysis.report.html import normalise_context, render_html
from analysis.report.pdf import write_pdf_from_html
from analysis.report.workbook import write_workbook


def make_readable(path: Path) -> Path:
    """Give ``path`` the usual permissions (0644 under umask 022) for a web server to serve.

    ``atomic_path`` creates its temporary file with ``mkstemp``, which is private (0600).
    """
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)
    return Path(path)


def merge_report_info(context: dict | None, info: dict) -> dict:
    """``context`` completed with what the notebook recorded (:func:`~analysis.report.excel.record_report_info`).

    The context wins for ``data_vintage``; ``is_estimate`` is true if either says so; sources are the
    context's followed by the notebook's (no duplicates); the notebook's scenario titles become
    ``scenario_titles`` (the title block never shows scenario ids); the notebook's ``running_note`` is used where the
    context has none.
    """
    merged = dict(context or {})
    if info.get("scenarios"):
        merged["scenario_titles"] = list(info["scenarios"])
    merged["is_estimate"] = bool(merged.get("is_estimate")) or bool(info.get("is_estimate"))
    sources = list(merged.get("sources") or [])
    merged["sources"] = sources + [s for s in info.get("sources") or [] if s not in sources]
    if not (merged.get("data_vintage") or merged.get("vintage")) and info.get("data_vintage"):
        merged["data_vintage"] = info["data_vintage"]
    if info.get("running_note") and not merged.get("running_note"):
        merged["running_note"] = info["running_note"]
    return merged


def read_run_parameters(executed_ipynb: Path, nb) -> dict:
    """The run's parameter values: the parameters cell's defaults, then what papermill injected."""
    values = {}
    try:
        from analysis.report.params import read_contract

        values = {name: spec.default for name, spec in read_contract(executed_ipynb).items()}
    except Exception:  # a notebook without a readable parameters cell: only the injected values
        values = {}
    values.update(nb.metadata.get("papermill", {}).get("parameters", {}) or {})
    return values


def fill_context(context: dict | None, parameters: dict) -> dict:
    """``context`` with ``lang``, ``province`` and ``scenarios`` taken from ``parameters`` where it has none."""
    filled = dict(context or {})
    for key in ("lang", "province"):
        if not filled.get(key) and parameters.get(key):
            filled[key] = parameters[key]
    if not filled.get("scenarios"):
        scenarios = parameters.get("scenarios") or parameters.get("scenario")
        if scenarios:
            filled["scenarios"] = scenarios
    return filled


def export_run(
    executed_ipynb: Path,
    out_dir: Path,
    formats: list[str],
    context: dict,
    *,
    pdf_printer: Callable[[Path], bytes] | None = None,
    timings: dict | None = None,
) -> list[Path]:
    """Write the run's report in each of ``formats`` and return the paths, in the order asked.

    Parameters
    ----------
    executed_ipynb : Path
        The executed notebook (outputs included).
    out_dir : Path
        Folder for the outputs (created if missing); file names are ``<notebook stem>.<format>``.
    formats : list of str
        Any of ``"html"``, ``"pdf"``, ``"xlsx"``, ``"svg"`` (charts as SVG files too, when the kernel rendered them).
    context : dict
        Title-block data; ``lang`` (``"vi"`` or ``"en"``) sets the language of the report's own text.
    pdf_printer : callable, optional
        ``printer(html_file) -> PDF bytes``, e.g. a long-lived browser's
        (:meth:`analysis.report.runtime.browser.Browser.print_pdf`); default: one Chromium start per PDF.
    timings : dict, optional
        Filled with the seconds each format took (the HTML page rendered for HTML and PDF counts for HTML).

    Returns
    -------
    list of Path

    Raises
    ------
    ValueError
        For an unknown format.
    analysis.report.runtime.browser.BrowserError
        When Chromium is missing or fails (PDF only).
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown report format(s) {', '.join(map(repr, unknown))}; use {', '.join(FORMATS)}")
    executed_ipynb, out_dir = Path(executed_ipynb), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    nb = nbformat.read(str(executed_ipynb), as_version=4)
    context = fill_context(context, read_run_parameters(executed_ipynb, nb))
    ctx = normalise_context(merge_report_info(context, read_report_info(nb)))
    stem = executed_ipynb.stem
    timings = {} if timings is None else timings
    t0 = time.perf_counter()
    page = render_html(nb, ctx) if {"html", "pdf"} & set(formats) else ""
    rendered = time.perf_counter() - t0
    facts = read_facts(nb)
    written = []
    for fmt in formats:
        if fmt == "svg":
            continue  # the charts' SVG files are written with their PNGs below
        t0 = time.perf_counter()
        target = out_dir / f"{stem}.{fmt}"
        if fmt == "html":
            with atomic_path(target) as tmp:
                tmp.write_text(page, encoding="utf-8")
        elif fmt == "pdf":
            write_pdf_from_html(page, target, printer=pdf_printer)
        else:
            write_workbook(read_tables(nb), target, info=ctx, headlines=read_headlines(nb), facts=facts)
        written.append(make_readable(target))
        timings[fmt] = round(time.perf_counter() - t0 + (rendered if fmt == "html" or "html" not in formats else 0), 3)
    if page or "svg" in formats:
        for figure in write_figures(nb, out_dir / "figures", ctx["lang"]):
            make_readable(figure)
    if facts is not None:  # the run's facts beside its manifest: the workbook and the batch index read them
        import json

        target = out_dir / "facts.json"
        with atomic_path(target) as tmp:
            tmp.write_text(json.dumps(facts, ensure_ascii=False, indent=1), encoding="utf-8")
        written.append(make_readable(target))
    return written
