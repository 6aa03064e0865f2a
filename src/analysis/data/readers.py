"""Read CSV and Excel tables the way analysts' files actually arrive.

- Encodings: UTF-8 (with or without BOM), UTF-16 (with BOM), Windows-1258 (Vietnamese).
  Text is normalised to Unicode NFC so ``Hòa`` typed on a Mac (NFD) equals ``Hòa`` typed on Windows.
- Delimiters: comma, semicolon (Vietnamese Excel CSV exports), tab.
- Numbers: ``1.234,5`` (Vietnamese), ``1,234.5`` (English) and ``3 000`` are understood, read by Babel's locale data;
  see :func:`parse_number`.
- Excel ``.xlsx``/``.xlsm``: the first sheet unless one is named.

Every cell is read as text together with the row number a spreadsheet would show, so that
validation can say "row 7, column 'sub2'". Unreadable files raise :class:`~analysis.errors.InputError`.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.errors import InputError, Issue
from analysis.paths import relative_to_project

ROW = "__row__"  # column holding the spreadsheet row number of each record
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
TEXT_SUFFIXES = {".csv", ".tsv", ".txt"}
MAX_BYTES = 200 * 1024 * 1024

_VI_NUMBER = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$|^[+-]?\d+,\d+$")
_EN_NUMBER = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$|^[+-]?\d+\.\d+$")
_PLAIN_INT = re.compile(r"^[+-]?\d+$")
_SCI = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)[eE][+-]?\d+$")
_PLAIN_DECIMAL = re.compile(r"^[+-]?(\d+\.\d*|\.\d+)$")
_MISSING = {"", "na", "n/a", "nan", "null", "none", "-", "—", "–", "..", "…"}


@dataclass
class RawTable:
    """A table read as text: ``frame`` has one text column per header plus :data:`ROW`."""

    frame: pd.DataFrame
    path: str
    decimal: str | None = None  # "," or "." when the file's numbers show which, else None

    @property
    def columns(self) -> list[str]:
        return [c for c in self.frame.columns if c != ROW]


def _fail(path: str, message: str, rule: str) -> InputError:
    return InputError([Issue(file=path, rule=rule, message=message)])


def _decode(data: bytes, shown: str) -> str:
    if not data.strip():
        raise _fail(shown, "the file is empty", "non-empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if b"\x00" in data[:4096]:
        raise _fail(
            shown,
            "this is not a text table (it contains binary data); save it as CSV (UTF-8) or .xlsx",
            "readable text",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError as exc:  # pragma: no cover - cp1258 maps almost every byte
        raise _fail(shown, f"cannot decode the file as UTF-8 or Windows-1258 ({exc})", "text encoding") from exc
    control = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\r\n\t")
    if control > max(5, len(text) // 100):
        raise _fail(
            shown, "this is not a text table (unreadable bytes); save it as CSV (UTF-8) or .xlsx", "readable text"
        )
    return text


def _sniff_delimiter(text: str) -> str:
    head = "\n".join(text.splitlines()[:20])
    counts = {d: head.count(d) for d in (",", ";", "\t")}
    # A semicolon file with decimal commas has many commas too; prefer ';' when each line has one.
    lines = [ln for ln in head.splitlines() if ln.strip()]
    if lines and all(";" in ln for ln in lines):
        return ";"
    if lines and all("\t" in ln for ln in lines):
        return "\t"
    return max(counts, key=counts.get) if any(counts.values()) else ","


def _normalise_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:
        return ""
    text = str(value) if not isinstance(value, str) else value
    return unicodedata.normalize("NFC", text).strip()


def _frame(header: list[str], rows: list[tuple[int, list[str]]], shown: str) -> pd.DataFrame:
    names = [_normalise_cell(h) for h in header]
    issues = []
    seen: dict[str, int] = {}
    for i, name in enumerate(names):
        if not name:
            names[i] = f"<unnamed column {i + 1}>"
        elif name in seen:
            issues.append(
                Issue(
                    file=shown,
                    row=1,
                    column=name,
                    rule="unique column names",
                    message=f"column '{name}' appears twice in the header",
                )
            )
        seen[name] = i
    if issues:
        raise InputError(issues)
    width = len(names)
    records = []
    for line, cells in rows:
        cells = [_normalise_cell(c) for c in cells]
        if not any(cells):
            continue
        if len(cells) > width and any(cells[width:]):
            raise _fail(shown, f"row {line} has {len(cells)} cells but the header has {width} columns", "row width")
        cells = (cells + [""] * width)[:width]
        records.append([*cells, line])
    frame = pd.DataFrame(records, columns=[*names, ROW], dtype=object)
    frame[ROW] = frame[ROW].astype(int)
    return frame


TITLE_ROWS_MAX = 5  # title lines a spreadsheet may carry above its header ("BẢNG TỔNG HỢP … NĂM 2024")


def _skip_titles(rows: list[tuple[int, list[str]]]) -> int:
    """The index in ``rows`` (the non-empty rows, in order) of the header: past the title lines above it — a row with
    one filled cell over a row of two or more names (text, not numbers), as a report's title sits over its table."""
    h = 0
    while h < min(TITLE_ROWS_MAX, len(rows) - 1):
        filled = [c for c in rows[h][1] if str(c).strip()]
        below = [c for c in rows[h + 1][1] if str(c).strip()]
        if len(filled) == 1 and len(below) >= 2 and all(parse_number(c) is None for c in below):
            h += 1
        else:
            break
    return h


def read_csv_text(text: str, shown: str) -> pd.DataFrame:
    """Parse CSV text into a text frame with row numbers (title lines above the header skipped)."""
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    try:
        start = 1
        for cells in reader:
            rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise _fail(shown, f"the CSV cannot be parsed near line {reader.line_num}: {exc}", "valid CSV") from exc
    filled = [(line, cells) for line, cells in rows if any(c.strip() for c in cells)]
    if not filled:
        raise _fail(shown, "the file has no header row", "header row")
    header_line, header = filled[_skip_titles(filled)]
    return _frame(header, [(line, cells) for line, cells in rows if line > header_line], shown)


def read_excel(path: Path, shown: str, sheet: str | int | None = None) -> pd.DataFrame:
    """Read one sheet of an Excel workbook as text, finding the header row and two-row merged headers."""
    try:
        book = pd.read_excel(path, sheet_name=sheet if sheet is not None else 0, header=None, dtype=object)
    except ValueError as exc:
        raise _fail(shown, f"cannot read the workbook: {exc}", "readable Excel file") from exc
    except Exception as exc:  # openpyxl raises many kinds of errors on corrupt files
        raise _fail(shown, f"cannot read the workbook ({type(exc).__name__}: {exc})", "readable Excel file") from exc
    values = book.map(_normalise_cell).values.tolist()
    # The header is the first non-empty row. A merged two-row header (a group label spanning
    # several columns above the real names) shows as a sparse first row above a full second row.
    nonempty = [i for i, r in enumerate(values) if any(r)]
    if not nonempty:
        raise _fail(shown, "the sheet is empty", "non-empty file")
    h = nonempty[_skip_titles([(i, values[i]) for i in nonempty])]
    header = values[h]
    if h + 1 < len(values) and _is_two_row_header(header, values[h + 1]):
        # Merged cells: the upper row's label stands where the lower row is empty.
        header = [low or top for top, low in zip(header, values[h + 1], strict=False)]
        h += 1
    rows = [(i + 1, r) for i, r in enumerate(values) if i > h]
    return _frame(header, rows, shown)


def _is_two_row_header(top: list[str], low: list[str]) -> bool:
    """A sparse upper row over a row of names that fills its gaps (a merged group header)."""
    names = [c for c in low if c]
    if not names or any(parse_number(c) is not None for c in names):
        return False
    gaps_filled = sum(1 for t, b in zip(top, low, strict=False) if not t and b)
    return gaps_filled > 0


def read_table(path: str | Path, *, sheet: str | int | None = None) -> RawTable:
    """Read a CSV or Excel file as text (see module docstring)."""
    path = Path(path)
    shown = relative_to_project(path)
    if not path.exists():
        raise _fail(shown, "file not found", "file exists")
    if path.is_dir():
        raise _fail(shown, "this is a folder, not a file", "file exists")
    if path.stat().st_size > MAX_BYTES:
        raise _fail(shown, f"the file is larger than {MAX_BYTES // 2**20} MB", "file size")
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        frame = read_excel(path, shown, sheet)
    elif suffix in TEXT_SUFFIXES or not suffix:
        frame = read_csv_text(_decode(path.read_bytes(), shown), shown)
    elif suffix == ".xls":
        raise _fail(shown, "old .xls workbooks are not supported; save it as .xlsx or CSV", "supported format")
    else:
        raise _fail(shown, f"unsupported file type '{suffix}' (use .csv or .xlsx)", "supported format")
    return RawTable(frame=frame, path=shown, decimal=infer_decimal(frame))


def infer_decimal(frame: pd.DataFrame) -> str | None:
    """Which decimal separator the numbers in a file use: ``","``, ``"."`` or ``None`` when no value shows."""
    vi = en = 0
    for col in frame.columns:
        if col == ROW:
            continue
        for value in frame[col]:
            if not value or len(value) > 30:
                continue
            if _VI_NUMBER.match(value) and not _EN_NUMBER.match(value):
                vi += 1
            elif _EN_NUMBER.match(value) and not _VI_NUMBER.match(value):
                en += 1
            elif re.match(r"^[+-]?\d+,\d{1,2}$|^[+-]?\d+,\d{4,}$", value):
                vi += 1
            elif re.match(r"^[+-]?\d+\.\d{1,2}$|^[+-]?\d+\.\d{4,}$", value):
                en += 1
    if vi and not en:
        return ","
    if en and not vi:
        return "."
    return None


_MEMO: dict[tuple, object] = {}
_MEMO_SIZE = 1024


def file_memo(path: str | Path, tag: object, compute):
    """``compute()`` for the file ``path`` as it is now, remembered in this process: the same file (path, size,
    modification time and inode unchanged, and not changed in the last seconds, :func:`analysis.fingerprint.file_signature`)
    and ``tag`` give the stored value again. The caller copies what it hands out.

    A batch kernel reads the same tables and profiles as every other: its template reads them once before
    forking (:mod:`analysis.report.runtime.forkserver`), so each kernel starts with them read and checked. A file
    that changes is read again; an error is never stored.
    """
    from analysis.fingerprint import file_signature

    path = Path(path)
    try:
        signature = file_signature(path.stat())
    except OSError:
        return compute()  # a missing file: let the reader say so
    if signature is None:  # changed too recently for its time to show a second change: read it every time
        return compute()
    key = (str(path.resolve()), signature, tag)
    if key not in _MEMO:
        value = compute()
        if len(_MEMO) >= _MEMO_SIZE:
            _MEMO.pop(next(iter(_MEMO)))
        _MEMO[key] = value
    return _MEMO[key]


def is_missing(value: str) -> bool:
    return value.strip().casefold() in _MISSING


# The spaces a table may put between thousands ("3 000", a no-break or a narrow no-break space): never a decimal mark.
_GROUP_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009")
_UNGROUPED = {",": re.compile(r"^[+-]?\d+(,\d+)?$"), ".": re.compile(r"^[+-]?\d+(\.\d+)?$")}


@functools.cache
def _locale(decimal: str):
    """The Babel locale whose decimal mark is ``decimal``: Vietnamese for ``,``, English for ``.``."""
    from babel import Locale

    return Locale.parse({",": "vi_VN", ".": "en"}[decimal])


def parse_number(value: str, decimal: str | None = None) -> float | None:
    """Parse ``value`` as a number, or return ``None`` when it is not one.

    ``decimal`` is the file's decimal separator when known (``","`` Vietnamese, ``"."`` English). Without it,
    ``1.234,5`` and ``1,234.5`` are read by their shape; a lone separator followed by exactly three digits
    (``1,234``) is read as a thousands separator. Spaces between thousands (``3 000``) and the minus sign "−" are
    understood. A number with thousands separators is read by Babel's locale data (``babel.numbers.parse_decimal``,
    strict: thousands in groups of three, so ``1.2.3`` or ``23,47`` in an English file is not a number). ``12,5%``,
    ``inf`` and ``nan`` are not numbers here: they are reported by validation; ``–`` and ``n/a`` are missing values
    (:func:`is_missing`), not numbers.
    """
    from babel.numbers import NumberFormatError, parse_decimal

    text = value.strip().translate(_GROUP_SPACES).replace("\u2212", "-")
    if not text:
        return None
    if _PLAIN_INT.match(text) or _SCI.match(text):
        return float(text)
    if decimal is None:
        if _VI_NUMBER.match(text) and not _EN_NUMBER.match(text):
            decimal = ","
        elif _EN_NUMBER.match(text):
            decimal = "."
        else:  # no separator of thousands: a plain decimal point (".5", "5.") or not a number
            return float(text) if _PLAIN_DECIMAL.match(text) else None
    if decimal not in _UNGROUPED:
        return None
    if _UNGROUPED[decimal].match(text):  # no thousands: the decimal mark alone (most cells; no need for Babel)
        return float(text.replace(decimal, "."))
    try:
        return float(parse_decimal(text, locale=_locale(decimal), strict=True))
    except NumberFormatError:
        return None
