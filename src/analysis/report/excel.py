"""Key tables and headline figures carried inside an executed notebook, and the Excel workbook.

Purpose
    A notebook shows a key table with :func:`record_table` and states a headline figure with
    :func:`record_headline`. Both travel inside the executed ``.ipynb`` as ``display_data`` outputs
    with a custom mimetype, so nothing has to be written to disk from the notebook:

    - ``application/vnd.netzero.table+json``: ``{"name", "title", "columns", "index", "data"}``
      next to a ``text/html`` rendering (escaped by pandas, numbers formatted for the language);
    - ``application/vnd.netzero.headline+json``: ``{"key", "value", "unit", "label"}`` alone
      (invisible in the notebook and in the report; read by the batch index page).

Inputs
    An executed notebook (:class:`nbformat.NotebookNode` or a path).
Outputs
    :func:`read_tables` / :func:`read_headlines` return what was recorded; :func:`write_workbook`
    writes one ``.xlsx`` (one sheet per table, plus an ``info`` sheet with the title block) atomically.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import nbformat
import pandas as pd

from analysis.i18n import check_lang, fmt_number
from analysis.io import atomic_path

TABLE_MIME = "application/vnd.netzero.table+json"
HEADLINE_MIME = "application/vnd.netzero.headline+json"
INFO_MIME = "application/vnd.netzero.report-info+json"
NETZERO_MIMES = (TABLE_MIME, HEADLINE_MIME, INFO_MIME)

# Headline keys the batch index page shows, in its column order.
HEADLINE_KEYS = ("bau_2030", "scenario_2030", "pct_below_bau", "target_met", "pgi_rank")

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_PLAIN_INT_COLUMNS = re.compile(r"year|năm|rank|hạng|code|mã", re.IGNORECASE)


def _format_column(series: pd.Series, lang: str, decimals: int):
    """Formatter for one column: floats with ``decimals``, counts with thousands separators."""
    if pd.api.types.is_bool_dtype(series):
        yes, no = ("có", "không") if lang == "vi" else ("yes", "no")
        return lambda v: yes if v else no
    if pd.api.types.is_float_dtype(series):
        return lambda v: fmt_number(v, lang, decimals)
    if pd.api.types.is_integer_dtype(series):
        if _PLAIN_INT_COLUMNS.search(str(series.name)) or series.dropna().between(1800, 2200).all():
            return _plain_int  # years stay 2030, not 2.030; ranks and codes stay plain
        return lambda v: "–" if pd.isna(v) else fmt_number(int(v), lang, 0)
    return None


def _plain_int(value) -> str:
    """An integer without separators, with a true minus sign; missing as ``–``."""
    return "–" if pd.isna(value) else str(int(value)).replace("-", "−")


def render_table_html(frame: pd.DataFrame, lang: str = "vi", decimals: int = 1) -> str:
    """HTML for ``frame`` with every string escaped and numbers formatted for ``lang``."""
    check_lang(lang)
    shown = pd.DataFrame(index=frame.index)
    for i, col in enumerate(frame.columns):
        fmt = _format_column(frame.iloc[:, i], lang, decimals) or _missing_as_dash
        shown[i] = [fmt(v) for v in frame.iloc[:, i]]
    shown.columns = frame.columns
    return shown.to_html(escape=True, index=False, border=0, classes="nz-table")


def _missing_as_dash(value):
    """Leave ``value`` alone unless it is missing (``None``, ``NaN``, ``NA``), shown as ``–``."""
    try:
        return "–" if pd.isna(value) else value
    except (TypeError, ValueError):  # list-like cell
        return value


def _jsonable(value):
    """A JSON-safe scalar (NaN becomes ``None``; numpy scalars become Python ones)."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value


def table_payload(name: str, frame: pd.DataFrame, title: str | None = None) -> dict:
    """The machine-readable form of ``frame`` stored under :data:`TABLE_MIME`."""
    split = json.loads(frame.to_json(orient="split", date_format="iso", default_handler=str))
    return {
        "name": str(name),
        "title": str(title) if title is not None else str(name),
        "columns": [str(c) for c in frame.columns],
        "index": split.get("index", []),
        "index_names": [None if n is None else str(n) for n in frame.index.names],
        "data": split["data"],
    }


def record_table(name: str, frame: pd.DataFrame, *, title: str | None = None, lang: str = "vi",
                 decimals: int = 1, show_index: bool = False, show: bool = True) -> None:
    """Show ``frame`` in the notebook and record it for the run's Excel workbook.

    Parameters
    ----------
    name : str
        Short name, used as the Excel sheet name (shortened to 31 characters if needed).
    frame : pandas.DataFrame
        The table. Strings are escaped in the HTML; floats are shown with ``decimals``.
    title : str, optional
        Caption shown in the report ("Bảng 2. <title>"); defaults to ``name``.
    lang : {"vi", "en"}
        Language of the number format.
    decimals : int
        Decimals shown for float columns (the workbook keeps full precision).
    show_index : bool
        Keep the index as the first column(s) (otherwise it is dropped).
    show : bool
        False records the table for the workbook only (long tables such as every year × sector); the
        report body does not show it.
    """
    from IPython.display import display

    table = frame.reset_index() if show_index else frame.reset_index(drop=True)
    from analysis.i18n import label_column

    table = table.rename(columns=lambda c: label_column(c, lang))
    if not show:
        display({TABLE_MIME: table_payload(name, table, title), "text/plain": f"[{name}: {len(table)} rows, in the workbook]"},
                raw=True, metadata={TABLE_MIME: {"name": str(name), "hidden": True}})
        return
    bundle = {
        "text/html": render_table_html(table, lang, decimals),
        "text/plain": table.to_string(index=False),
        TABLE_MIME: table_payload(name, table, title),
    }
    display(bundle, raw=True, metadata={TABLE_MIME: {"name": str(name), "title": bundle[TABLE_MIME]["title"]}})


def record_headline(key: str, value, *, unit: str | None = None, label: str | None = None) -> None:
    """Record a headline figure (shown on the batch index page, not in the report body).

    Parameters
    ----------
    key : str
        One of :data:`HEADLINE_KEYS` for the index columns (``bau_2030``, ``scenario_2030`` in Mt CO₂e,
        ``pct_below_bau`` in percent, ``target_met`` a bool, ``pgi_rank`` an int); other keys are kept too.
    value : float, int, bool, str or None
        The figure.
    unit, label : str, optional
        Unit and a human label, kept in the notebook and the workbook's ``info`` sheet.
    """
    from IPython.display import display

    payload = {"key": str(key), "value": _jsonable(value), "unit": unit, "label": label}
    display({HEADLINE_MIME: payload}, raw=True)


def record_report_info(*, is_estimate: bool | None = None, sources: list[str] | None = None,
                       data_vintage: str | None = None) -> None:
    """Tell the report's title block what the notebook knows: estimate or not, its sources, data vintage.

    Invisible in the report body. :func:`analysis.report.export.export_run` uses these values where its
    ``context`` gives none (``is_estimate`` is or-ed; ``sources`` are added after the context's).
    """
    from IPython.display import display

    payload = {"is_estimate": is_estimate, "sources": [str(s) for s in sources or []],
               "data_vintage": data_vintage}
    display({INFO_MIME: payload}, raw=True)


def read_report_info(nb_or_path) -> dict:
    """The merged :func:`record_report_info` calls of a notebook: ``is_estimate``, ``sources``, ``data_vintage``."""
    info: dict = {"is_estimate": False, "sources": [], "data_vintage": None}
    for out in _outputs(_read(nb_or_path)):
        payload = out.get("data", {}).get(INFO_MIME)
        if not payload:
            continue
        info["is_estimate"] = info["is_estimate"] or bool(payload.get("is_estimate"))
        info["sources"] += [s for s in payload.get("sources") or [] if s not in info["sources"]]
        info["data_vintage"] = payload.get("data_vintage") or info["data_vintage"]
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
    """``(name, title, frame)`` for every table recorded with :func:`record_table`, in order."""
    tables = []
    for out in _outputs(_read(nb_or_path)):
        payload = out.get("data", {}).get(TABLE_MIME)
        if not payload:
            continue
        frame = pd.DataFrame(payload.get("data", []), columns=payload.get("columns"))
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


def make_sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name: no ``[]:*?/\\``, at most 31 characters, not blank."""
    base = _BAD_SHEET_CHARS.sub("_", str(name)).strip().strip("'") or "table"
    base = base[:31].rstrip()
    candidate, n = base, 2
    while candidate.casefold() in {t.casefold() for t in taken}:
        suffix = f"~{n}"
        candidate = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(candidate)
    return candidate


def _write_rows(ws, header: list, rows) -> None:
    """Write rows; strings are always stored as text (a value like ``=1+1`` never becomes a formula)."""
    from openpyxl.styles import Font

    ws.append([str(h) for h in header])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.data_type = "s"
    for row in rows:
        ws.append([_jsonable(v) for v in row])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    ws.freeze_panes = "A2"
    for idx, col in enumerate(ws.iter_cols(min_row=1, max_row=min(ws.max_row, 200)), start=1):
        width = max((len(str(c.value)) for c in col if c.value is not None), default=8)
        ws.column_dimensions[col[0].column_letter].width = min(max(width + 2, 8), 60)


def write_workbook(tables, target: Path, info: dict | None = None, headlines: dict | None = None) -> Path:
    """Write ``tables`` (from :func:`read_tables`) to one ``.xlsx``, atomically.

    The first sheet, ``info``, holds ``info`` (the title block: province, scenarios, date, hash …) and the
    headline figures; then one sheet per table, named by the table's name.
    """
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "info"
    taken = {"info"}
    rows = [[k, v if not isinstance(v, list | tuple) else "; ".join(map(str, v))] for k, v in (info or {}).items()]
    rows += [[f"headline: {k}", h.get("value")] for k, h in (headlines or {}).items()]
    rows += [[f"table: {name}", title] for name, title, _ in tables]
    _write_rows(ws, ["field", "value"], [[str(a), b if isinstance(b, int | float | bool) or b is None else str(b)]
                                         for a, b in rows])
    for name, _title, frame in tables:
        sheet = wb.create_sheet(make_sheet_name(name, taken))
        _write_rows(sheet, list(frame.columns), frame.itertuples(index=False, name=None))
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return Path(target)
