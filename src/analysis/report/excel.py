"""Key tables and headline figures carried inside an executed notebook, and the Excel workbook.

Purpose
    A notebook shows a key table with :func:`record_table` and states a headline figure with
    :func:`record_headline`. Both travel inside the executed ``.ipynb`` as ``display_data`` outputs
    with a custom mimetype, so nothing has to be written to disk from the notebook:

    - ``application/vnd.netzero.table+json``: ``{"name", "title", "columns", "index", "data", "decimals"}``
      next to a ``text/html`` rendering (escaped, numbers formatted for the language and right-aligned);
      the title and every column header are reader text in the report's language (checked);
    - ``application/vnd.netzero.headline+json``: ``{"key", "value", "unit", "label"}`` alone
      (invisible in the notebook and in the report; read by the batch index page).

Inputs
    An executed notebook (:class:`nbformat.NotebookNode` or a path).
Outputs
    :func:`read_tables` / :func:`read_headlines` / :func:`read_report_info` return what was recorded; the
    workbook is written by :func:`analysis.report.workbook.write_workbook`.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import nbformat
import pandas as pd

from analysis.i18n import SECTOR_NAMES, check_lang, find_code_identifiers, label_column, sector_label
from analysis.report.formats import check_kinds, infer_kind
from analysis.report.tablehtml import render_table_html

TABLE_MIME = "application/vnd.netzero.table+json"
HEADLINE_MIME = "application/vnd.netzero.headline+json"
INFO_MIME = "application/vnd.netzero.report-info+json"
FACTS_MIME = "application/vnd.netzero.facts+json"
NETZERO_MIMES = (TABLE_MIME, HEADLINE_MIME, INFO_MIME, FACTS_MIME)

# Headline keys the batch index page shows, in its column order.
HEADLINE_KEYS = ("bau_2030", "scenario_2030", "pct_below_bau", "target_met", "pgi_rank")


def _jsonable(value):
    """A JSON-safe scalar (NaN becomes ``None``; numpy scalars become Python ones)."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value


def table_payload(
    name: str,
    frame: pd.DataFrame,
    title: str,
    decimals: int = 1,
    *,
    ids: list[str] | None = None,
    kinds: dict[str, str] | None = None,
) -> dict:
    """The machine-readable form of ``frame`` stored under :data:`TABLE_MIME`; ``ids``: each column's name before it
    was put into words (``net_mtco2e``, ``Energy|Power``), for the workbook's ids sheet and units; ``kinds``: header ->
    formatter kind of the columns whose producer named one (:mod:`analysis.report.formats`)."""
    split = json.loads(frame.to_json(orient="split", date_format="iso", default_handler=str))
    return {
        "name": str(name),
        "title": str(title),
        "decimals": int(decimals),
        "ids": [str(c) for c in ids] if ids is not None else [str(c) for c in frame.columns],
        "kinds": dict(kinds or {}),
        "columns": [str(c) for c in frame.columns],
        "index": split.get("index", []),
        "index_names": [None if n is None else str(n) for n in frame.index.names],
        "data": split["data"],
    }


def _looks_like_code(text: str) -> bool:
    """A lowercase one-word identifier (``cum``, ``population``) or anything with a code identifier in it."""
    return bool(re.fullmatch(r"[a-z][a-z0-9_]*", text) or find_code_identifiers(text))


def localise_table(name: str, frame: pd.DataFrame, title: str, lang: str) -> pd.DataFrame:
    """``frame`` with every header in the reader's words, sector keys in cells named; errors for code.

    Headers go through :func:`analysis.i18n.label_column` (the catalogues' ``column`` messages); a header still looking like code afterwards
    (``standalone_abatement_mtco2e``, ``cum``, ``sub1``) is an error, as is a title that looks like code or
    is empty. Cells holding a sector key (``Energy|Power``) show the sector's name.

    Raises
    ------
    ValueError
        Naming the table and the header or title to put into words.
    """
    check_lang(lang)
    if not str(title or "").strip() or _looks_like_code(str(title)):
        raise ValueError(
            f"table {name!r}: the title {title!r} is not reader text; give a title in {lang!r} "
            "from the catalogue (analysis.i18n.t)"
        )
    table = frame.rename(columns=lambda c: label_column(c, lang))
    bad = [str(c) for c in table.columns if _looks_like_code(str(c))]
    if bad:
        raise ValueError(
            f"table {name!r}: column(s) {', '.join(map(repr, bad))} have no reader's label in "
            f'{lang!r}; add them to the catalogues (msgctxt "column" in src/analysis/locale/*/LC_MESSAGES/netzero.po) '
            "or rename them before record_table"
        )
    for i in range(table.shape[1]):
        column = table.iloc[:, i]
        if not pd.api.types.is_numeric_dtype(column) and column.isin(list(SECTOR_NAMES)).any():
            table.iloc[:, i] = [sector_label(v, lang) if v in SECTOR_NAMES else v for v in column]
    return table


def column_kinds(ids: list[str], labels: list[str], declared: dict) -> dict:
    """The formatter of each column of numbers, by its label: the kind its producer declared under its id, else the
    one its id or its label's unit implies (:func:`~analysis.report.formats.infer_kind`: ``…_mtco2e``, "(triệu tấn
    CO₂tđ)", "(%)"), as the workbook reads it, so a table prints the same decimals in the report and the workbook."""
    kinds = {}
    for column_id, label in zip(ids, labels, strict=True):
        kind = declared[column_id] if column_id in declared else infer_kind(column_id, label)
        if kind is not None:
            kinds[label] = kind
    return kinds


def record_table(
    name: str,
    frame: pd.DataFrame,
    *,
    title: str,
    lang: str = "vi",
    decimals: int = 1,
    show_index: bool = False,
    show: bool = True,
) -> None:
    """Show ``frame`` in the notebook and record it for the run's Excel workbook.

    Parameters
    ----------
    name : str
        Short machine name of the table (kept in the notebook's output; not shown to readers).
    frame : pandas.DataFrame
        The table. Column names are shown through :func:`analysis.i18n.label_column`; one that has no
        label and looks like code raises (see :func:`localise_table`). Strings are escaped in the HTML;
        floats are shown with ``decimals``.
    title : str
        The caption in the reader's language ("Bảng 2. <title>"), also the workbook's sheet name. Required.
    lang : {"vi", "en"}
        Language of the headers and the number format.
    decimals : int
        Decimals shown for float columns (the workbook keeps full precision and shows as many). A column whose
        producer named its formatter in ``frame.attrs["kinds"]`` (column name -> ``"mt"``, ``"pct"``,
        ``"probability"``, ``"number:2"`` …; :mod:`analysis.report.formats`) holds raw numbers and is printed by
        that formatter here and shown with the same decimals in the workbook: give numbers, never formatted text.
        A column of key figures of different kinds names one kind per row (a list, ``None`` for a row of words).
        An undeclared column whose id or header names its unit (``…_mtco2e``, "(triệu tấn CO₂tđ)", ``…_pct``,
        "(%)") is printed by that unit's formatter, as the workbook shows it (:func:`column_kinds`).
    show_index : bool
        Keep the index as the first column(s) (otherwise it is dropped).
    show : bool
        False records the table for the workbook only (long tables such as every year × sector); the
        report body does not show it.

    Raises
    ------
    ValueError
        When the title or a column header is not reader text.
    """
    from IPython.display import display

    declared = {str(c): check_kinds(k) for c, k in (frame.attrs.get("kinds") or {}).items()}
    for column, kinds in declared.items():
        if isinstance(kinds, list) and len(kinds) != len(frame):
            raise ValueError(f"table {name!r}: column {column!r} names {len(kinds)} kinds for {len(frame)} rows")
    table = frame.reset_index() if show_index else frame.reset_index(drop=True)
    ids = [str(c) for c in table.columns]
    table = localise_table(name, table, title, lang)
    kinds = column_kinds(ids, [str(c) for c in table.columns], declared)
    payload = table_payload(name, table, title, decimals, ids=ids, kinds=kinds)
    if not show:
        display(
            {TABLE_MIME: payload, "text/plain": f"[{title}: {len(table)} rows, in the workbook]"},
            raw=True,
            metadata={TABLE_MIME: {"name": str(name), "hidden": True}},
        )
        return
    bundle = {
        "text/html": render_table_html(table, lang, decimals, kinds),
        "text/plain": table.to_string(index=False),
        TABLE_MIME: payload,
    }
    display(bundle, raw=True, metadata={TABLE_MIME: {"name": str(name), "title": payload["title"]}})


def record_headline(key: str, value, *, unit: str | None = None, label: str | None = None) -> None:
    """Record a headline figure (shown on the batch index page, not in the report body).

    Parameters
    ----------
    key : str
        One of :data:`HEADLINE_KEYS` for the index columns (``bau_2030``, ``scenario_2030`` in Mt CO₂e,
        ``pct_below_bau`` in percent, ``target_met`` the verdict word (``met``, ``at risk``, ``not met``,
        ``not applicable``), ``pgi_rank`` an int); other keys are kept too.
    value : float, int, bool, str or None
        The figure.
    unit, label : str, optional
        Unit and a human label, kept in the notebook and the workbook's ``info`` sheet.
    """
    from IPython.display import display

    payload = {"key": str(key), "value": _jsonable(value), "unit": unit, "label": label}
    display({HEADLINE_MIME: payload}, raw=True)


def record_facts(facts) -> None:
    """Record the run's facts (:class:`analysis.run.facts.Facts`) in the notebook; the runner writes them to the run
    folder as ``facts.json`` and the workbook and the batch index read them. Not shown in the report."""
    from IPython.display import display

    display({FACTS_MIME: json.loads(facts.to_json()), "text/plain": "[facts of the run]"}, raw=True)


def read_facts(nb) -> dict | None:
    """The facts a notebook recorded (the last, when several), as a plain mapping; ``None`` when none."""
    found = None
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            payload = out.get("data", {}).get(FACTS_MIME)
            if payload is not None:
                found = payload
    return found


def record_report_info(
    *,
    is_estimate: bool | None = None,
    sources: list[str] | None = None,
    data_vintage: str | None = None,
    scenarios: list[str] | None = None,
    title: str | None = None,
    running_note: str | None = None,
) -> None:
    """Tell the report's title block what the notebook knows: estimate or not, sources, data vintage, scenarios.

    Invisible in the report body. :func:`analysis.report.export.export_run` uses these values where its
    ``context`` gives none (``is_estimate`` is or-ed; ``sources`` are added after the context's).
    ``scenarios`` are the scenarios' *titles* in the report's language (``p.scenario.title(lang)``), shown
    in the title block; scenario ids are never shown. ``title``: the report's name where its first heading is not
    one (the batch index names the run by it). ``running_note``: a sentence every page of the report must carry (in
    the printed page's header and in a banner under the title block), e.g. that its registers are illustrative.
    """
    from IPython.display import display

    payload = {
        "is_estimate": is_estimate,
        "sources": [str(s) for s in sources or []],
        "data_vintage": data_vintage,
        "scenarios": [str(s) for s in scenarios or []],
        "title": title,
        "running_note": running_note,
    }
    display({INFO_MIME: payload}, raw=True)


def read_report_info(nb_or_path) -> dict:
    """The merged :func:`record_report_info` calls of a notebook: ``is_estimate``, ``sources``,
    ``data_vintage``, ``scenarios`` (titles), ``title`` and ``running_note``."""
    info: dict = {
        "is_estimate": False,
        "sources": [],
        "data_vintage": None,
        "scenarios": [],
        "title": None,
        "running_note": None,
    }
    for out in _outputs(_read(nb_or_path)):
        payload = out.get("data", {}).get(INFO_MIME)
        if not payload:
            continue
        info["is_estimate"] = info["is_estimate"] or bool(payload.get("is_estimate"))
        info["sources"] += [s for s in payload.get("sources") or [] if s not in info["sources"]]
        info["scenarios"] += [s for s in payload.get("scenarios") or [] if s not in info["scenarios"]]
        info["data_vintage"] = payload.get("data_vintage") or info["data_vintage"]
        info["title"] = payload.get("title") or info["title"]
        info["running_note"] = payload.get("running_note") or info["running_note"]
    return info


def _outputs(nb):
    for cell in nb.cells:
        if cell.get("cell_type") == "code":
            yield from cell.get("outputs", [])


def _read(nb_or_path):
    if isinstance(nb_or_path, str | Path):
        return nbformat.read(str(nb_or_path), as_version=4)
    return nb_or_path


def read_tables(nb_or_path) -> list[tuple[str, str, pd.DataFrame]]:
    """``(name, title, frame)`` for every table recorded with :func:`record_table`, in order; the decimals
    shown in the report are in ``frame.attrs["decimals"]``, the columns' machine names in ``frame.attrs["ids"]`` and
    the formatter kinds the producer named in ``frame.attrs["kinds"]`` (header -> kind)."""
    tables = []
    for out in _outputs(_read(nb_or_path)):
        payload = out.get("data", {}).get(TABLE_MIME)
        if not payload:
            continue
        frame = pd.DataFrame(payload.get("data", []), columns=payload.get("columns"))
        frame.attrs["decimals"] = int(payload.get("decimals", 1))
        frame.attrs["ids"] = list(payload.get("ids") or frame.columns)
        frame.attrs["kinds"] = dict(payload.get("kinds") or {})
        tables.append((payload.get("name", "table"), payload.get("title", ""), frame))
    return tables


def read_headlines(nb_or_path) -> dict[str, dict]:
    """``{key: {"value", "unit", "label"}}`` recorded with :func:`record_headline` (last one wins)."""
    found = {}
    for out in _outputs(_read(nb_or_path)):
        payload = out.get("data", {}).get(HEADLINE_MIME)
        if payload and "key" in payload:
            found[str(payload["key"])] = {k: payload.get(k) for k in ("value", "unit", "label")}
    return found
