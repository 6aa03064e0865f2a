"""The Excel workbook of a run, in the reader's language: the recorded tables and the run's facts as numbers.

Inputs
    The tables of :func:`analysis.report.excel.read_tables` (``(name, title, frame)``; the decimals shown in the
    report, the columns' machine names and the formatter kinds their producer named in ``frame.attrs``), the run's
    title block (:func:`analysis.report.html.normalise_context`), its headline figures
    (:func:`analysis.report.excel.read_headlines`) and its facts (:func:`analysis.report.excel.read_facts`).
Outputs
    One ``.xlsx``, written atomically (:func:`write_workbook`):

    - "Thông tin" / "About": the title block, the workbook's conventions, the headline figures and the list of sheets;
    - one sheet per table, named by its title: headers, scenario, target, measure and sector names, measure kinds
      and notes in the reader's words; a column of machine ids (``measure_id``) is not shown there;
    - "Số liệu gốc" / "Facts": every figure of ``facts.json`` (key, label, raw value, unit, number format;
      :mod:`analysis.report.factsheet`);
    - "Mã" / "Ids": for analysts, each label shown and the machine id it stands for (columns, scenarios, measures,
      sectors, kinds, the run and its manifest).

    Every number is stored as the raw number (full precision) with an Excel number format showing the decimals the
    reports' formatter prints (:mod:`analysis.report.formats`: Mt with one decimal, two under 1 Mt; percents whole,
    one decimal under 10); Excel shows it with the reader's own separators. One convention for percents throughout:
    the percent number (9.92 shown "9,9%"), never a fraction, except a probability on the facts sheet (0–1, as in
    ``facts.json``; its unit says so). Text stays text: never read back as a number, never a formula (``=1+1`` is
    shown as written).
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from pathlib import Path

import pandas as pd

from analysis.config.scenarios import MEASURE_KINDS
from analysis.i18n import BABEL_LOCALES, SECTOR_NAMES, check_lang, sector_label, t
from analysis.io import atomic_path
from analysis.report.factsheet import fact_rows
from analysis.report.formats import excel_format, infer_kind, kind_of_row, table_value

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_HEADLINE = re.compile(r"(bau|scenario|pct_below_bau|target_met|p_met)_(\d{4})")
_HEADLINE_KINDS = {"Mt CO2e": ("mt", "mtco2e"), "Mt CO2e/yr": ("mt", "mtco2e_per_year"), "%": ("pct", None)}
_YEARLIKE = re.compile(r"year|năm|rank|hạng|code|mã", re.IGNORECASE)


def make_sheet_name(name: str, taken: set[str], titles: set[str] | None = None) -> str:
    """A valid, unique Excel sheet name: no ``[]:*?/\\`` (":" and "/" become "-"), at most 31 characters cut at
    a word with "…", not blank, no closing full stop; a repeat gets "~2" … ``titles``: the full titles named so far
    (updated); with it, two long titles that differ only after the cut ("Results against the targets — Action plan
    2030" / "— Net zero 2050") keep their head and their own ends instead of a number."""
    full = _BAD_SHEET_CHARS.sub(" ", str(name).replace(":", " -").replace("/", "-"))
    full = " ".join(full.split()).strip("'").rstrip(".") or "table"
    base = full
    if len(base) > 31:
        cut = base[:30]
        base = (cut.rsplit(" ", 1)[0] if " " in cut[10:] else cut).rstrip(" -–—,.") + "…"
    used = {t.casefold() for t in taken}
    candidate = base
    key = full.casefold()
    earlier = [] if titles is None or key in titles else [x for x in titles if x[:12] == key[:12]]
    if titles is not None:
        titles.add(key)
    if candidate.casefold() in used and len(full) > 31 and earlier:
        # the part that tells this title from the earlier one it collides with, after a short head
        common = max(len(os.path.commonprefix([key, x])) for x in earlier)
        start = full.rfind(" ", 0, common + 1) + 1
        head = full[: min(9, start)]
        head = (head.rsplit(" ", 1)[0] if " " in head.strip() else head).rstrip(" -–—,.:")
        rest = full[start:].lstrip(" -–—,:")
        room = 30 - len(head)
        part = rest[:room] if len(rest) <= room else rest[: room + 1].rsplit(" ", 1)[0]
        candidate = f"{head}…{part.rstrip(' -–—,.:(')}"
    n = 2
    while candidate.casefold() in used:
        suffix = f"~{n}"
        candidate = base[: 31 - len(suffix)].rstrip() + suffix
        n += 1
    taken.add(candidate)
    return candidate


def number_format(decimals: int) -> str:
    """An Excel number format with ``decimals`` places (``#,##0.00``); locale-neutral, Excel localises it."""
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


class _Ids:
    """The ids sheet: ``[sheet, column or item, label shown, machine id]``, each once, in the order met."""

    def __init__(self):
        self.rows: list[list[str]] = []

    def add(self, sheet: str, column: str, label, ident) -> None:
        row = [str(sheet), str(column), "" if label is None else str(label), str(ident)]
        if ident not in (None, "") and row[2] != row[3] and row not in self.rows:
            self.rows.append(row)


def _names(facts: dict | None, lang: str) -> dict[str, dict[str, str]]:
    """The run's vocabularies from its facts, each ``machine id -> the reader's name``: ``scenario``, ``target`` and
    ``measure`` (kept apart: ``net_zero_2050`` names a scenario and a target)."""
    facts = facts or {}
    return {
        "scenario": {k: (v or {}).get(lang) or k for k, v in (facts.get("scenarios") or {}).items()},
        "target": {x["id"]: (x.get("title") or {}).get(lang) or x["id"] for x in facts.get("targets") or []},
        "measure": {x["id"]: (x.get("name") or {}).get(lang) or x["id"] for x in facts.get("measures") or []},
    }


def _kind_names(lang: str) -> dict[str, str]:
    """A measure's kind in words (``percent`` -> "giảm theo tỷ lệ phần trăm")."""
    return {kind: t(f"wb_kind_{kind}", lang) for kind in MEASURE_KINDS}


def _texts(column: pd.Series) -> list[str]:
    return [v for v in column if isinstance(v, str) and v.strip()]


def _named(column: pd.Series, cid: str, vocabularies: dict[str, dict[str, str]]) -> pd.Series | None:
    """``column`` with every id named by the one vocabulary that knows all its text: the one its machine name says
    (``scenario``, ``target_id``, ``measure``, ``kind``), else the first that does; ``None`` when none does."""
    texts = _texts(column)
    stem = cid.removesuffix("_id")
    order = [stem] if stem in vocabularies else list(vocabularies)
    for name in order:
        names = vocabularies[name]
        if texts and all(v in names for v in texts):
            return column.map(lambda v, names=names: names.get(v, v) if isinstance(v, str) else v)
    return None


def _reader_table(frame: pd.DataFrame, lang: str, names: dict, sheet: str, ids: _Ids) -> tuple[pd.DataFrame, list]:
    """``frame`` as the reader's sheet shows it, and each kept column's machine name: a ``…_id`` column with a
    column of names beside it (``measure_id`` / ``measure``) moves to the ids sheet, ids in cells are named (the
    run's scenarios, targets and measures, measure kinds), an estimate note is in the reader's words."""
    col_ids = [str(c) for c in frame.attrs.get("ids") or []]
    if len(col_ids) != frame.shape[1]:
        col_ids = [str(c) for c in frame.columns]
    frame = frame.copy(deep=False)
    frame.attrs = {}  # pandas copies a frame's attrs into every column taken from it: here, none to copy
    headers = [str(c) for c in frame.columns]
    vocabularies = {**names, "kind": _kind_names(lang)}
    kept, kept_headers, kept_ids = [], [], []
    for j, (cid, header) in enumerate(zip(col_ids, headers, strict=True)):
        column = frame.iloc[:, j]
        stem = cid[: -len("_id")] if cid.endswith("_id") else None
        if stem in col_ids:
            beside = col_ids.index(stem)
            for label, ident in zip(frame.iloc[:, beside], column, strict=True):
                ids.add(sheet, headers[beside], label, ident)
            continue
        ids.add(sheet, header, header, cid)
        if cid == "estimate_note":
            note = t("wb_estimate_note", lang, method=t("bau_estimate_method", lang))
            column = column.map(lambda v, note=note: note if isinstance(v, str) and v.strip() else v)
        else:
            named = _named(column, cid, vocabularies if cid == "kind" else names)
            if named is not None:
                for label, ident in zip(named, column, strict=True):
                    ids.add(sheet, header, label, ident)
                column = named
        kept.append(column.reset_index(drop=True))
        kept_headers.append(header)
        kept_ids.append(cid)
    shown = pd.DataFrame(dict(enumerate(kept)), index=range(len(frame)))
    shown.columns = kept_headers  # two columns may share a header ("Cận dưới" of two views)
    return shown, kept_ids


def _scalar(value):
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value


def _cell(value, lang: str, decimals: int, header: str, kind: str | None = None):
    """``(value, number format or None)`` for one cell. Text stays text: it is never read back as a number."""
    value = _scalar(value)
    if value is None:
        return None, None
    if isinstance(value, dt.date):
        return value, "DD/MM/YYYY" if lang == "vi" else "D MMM YYYY"
    if isinstance(value, bool):
        return t("wb_yes" if value else "wb_no", lang), None
    if isinstance(value, str):
        return value, None
    if not isinstance(value, int | float):
        return str(value), None
    if kind is not None:
        stored = table_value(value, kind)
        return stored, excel_format(stored, kind)
    plain = bool(_YEARLIKE.search(header))
    if isinstance(value, int):
        return value, "0" if plain or 1800 <= value <= 2200 else "#,##0"
    return value, number_format(decimals)


class _Book:
    """An xlsxwriter workbook and its cell formats, each made once. xlsxwriter writes a report's workbook in about
    two thirds of openpyxl's time (41 against 66 ms, the 8 workbooks of a unit, 8 December 2026); openpyxl still
    reads them (the tests, the analysts' notebooks)."""

    def __init__(self, target: Path):
        import xlsxwriter

        self.book = xlsxwriter.Workbook(str(target), {"in_memory": True})
        self._formats: dict[tuple, object] = {}

    def format(self, number_format: str | None = None, **props):
        key = (number_format, *sorted(props.items()))
        if key not in self._formats:
            spec = dict(props, **({"num_format": number_format} if number_format else {}))
            self._formats[key] = self.book.add_format(spec) if spec else None
        return self._formats[key]


def _write_sheet(book: _Book, ws, header: list[str], rows: list[list[tuple]], *, bold_lone: bool = False) -> None:
    """Header row (bold, wrapped), then the rows of ``(value, number format)``; text is always text (never a
    formula); ``bold_lone``: a row with nothing beside its first cell is a heading, in bold."""
    head = book.format(bold=True, text_wrap=True, valign="top")
    bold = book.format(bold=True)
    for column, text in enumerate(header):
        ws.write_string(0, column, str(text), head)
    widths = [max(min(len(w), 30) for w in str(h).split() or ["x"]) for h in header]
    for row, cells in enumerate(rows, start=1):
        lone = bold_lone and (len(cells) < 2 or cells[1][0] is None)
        for column, (value, fmt) in enumerate(cells):
            if value is None or value == "":  # an empty cell, as openpyxl leaves it
                continue
            if isinstance(value, str):
                ws.write_string(row, column, value, bold if lone and column == 0 else None)
            elif isinstance(value, dt.date):
                ws.write_datetime(row, column, value, book.format(fmt))
            else:
                ws.write_number(row, column, value, book.format(fmt))
        if len(cells) > len(widths):
            widths += [0] * (len(cells) - len(widths))
        for column, (value, _) in enumerate(cells):
            if value is not None:
                widths[column] = max(widths[column], min(len(str(value)), 60))
    ws.freeze_panes(1, 0)
    for idx, width in enumerate(widths):
        ws.set_column(idx, idx, max(width + 2, 8))


def _set_language(path: Path, language: str) -> None:
    """Name the workbook's language in its core properties (``dc:language``, as Office and LibreOffice write it),
    which xlsxwriter does not write: ``docProps/core.xml`` is rewritten in the zip."""
    import zipfile

    core = "docProps/core.xml"
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in parts:
            if info.filename == core:
                tag = f"<dc:language>{language}</dc:language>".encode()
                data = data.replace(b"</cp:coreProperties>", tag + b"</cp:coreProperties>", 1)
            out.writestr(info, data)


def _table_rows(frame: pd.DataFrame, col_ids: list, declared: dict, lang: str, decimals: int) -> list[list[tuple]]:
    headers = [str(c) for c in frame.columns]
    kinds = [declared.get(h) or infer_kind(cid, h) for cid, h in zip(col_ids, headers, strict=True)]
    return [
        [_cell(v, lang, decimals, h, kind_of_row(k, i)) for v, h, k in zip(row, headers, kinds, strict=True)]
        for i, row in enumerate(frame.itertuples(index=False, name=None))
    ]


def _headline_rows(headlines: dict, lang: str) -> list[list[tuple]]:
    rows = []
    for key, h in headlines.items():
        label, unit = h.get("label") or "", h.get("unit") or ""
        match = _HEADLINE.fullmatch(key)
        if match:
            item = t(f"wb_{match[1]}", lang, year=match[2], label=label).rstrip(": ")
        elif key == "pgi_rank":
            item = t("wb_pgi_rank", lang, label=label or "PGI")
        else:
            item = label or key
        value = h.get("value")
        if unit == "verdict" and isinstance(value, str):  # the one verdict rule's word, as the reports print it
            value, unit = t(f"verdict_{value.replace(' ', '_')}", lang), ""
        kind, words = _HEADLINE_KINDS.get(unit, (None, None))
        if unit == "probability":
            kind, unit = "probability", "%"
        shown = t(words, lang) if words else unit
        rows.append([(item, None), _cell(value, lang, 2, str(item), kind), (shown or None, None)])
    return rows


def _about_rows(info: dict, lang: str) -> list[list]:
    """The title block as ``[item, value]`` rows in the reader's words (the run's ids go to the ids sheet)."""
    s = info.get("s") or {}
    date = info.get("date_iso")
    rows = [
        [t("wb_title", lang), info.get("title", "")],
        [t("wb_province", lang), info.get("province", "")],
        [s.get("scenarios", ""), "; ".join(info.get("scenario_titles") or [])],
        [s.get("date", ""), dt.date.fromisoformat(date) if date else info.get("date", "")],
        [s.get("vintage", ""), info.get("vintage_text", "")],
        [t("wb_estimate", lang), t("wb_yes" if info.get("is_estimate") else "wb_no", lang)],
        [t("wb_running_note", lang), info.get("running_note", "")],
        [s.get("sources", ""), "; ".join(info.get("sources") or [])],
        [t("wb_conventions", lang), t("wb_conventions_text", lang, facts=t("wb_facts", lang))],
    ]
    return [r for r in rows if r[0] and r[1] not in ("", None)]


def _run_ids(info: dict, about: str, ids: _Ids) -> None:
    s = info.get("s") or {}
    run = " / ".join(x for x in (info.get("batch_id"), info.get("run_id")) if x)
    ids.add(about, s.get("run", "run"), "", run)
    ids.add(about, s.get("manifest", "manifest"), "", info.get("manifest_hash"))


def _name_ids(sheet: str, frame: pd.DataFrame, known: list[dict[str, str]], ids: _Ids) -> None:
    """On the ids sheet, the id of every name ``frame`` shows (a scenario, a target, a measure, a sector); ``known``:
    the vocabularies, each ``name -> id``."""
    for j, header in enumerate(frame.columns):
        for value in _texts(frame.iloc[:, j]):
            for names in known:
                if value in names:
                    ids.add(sheet, header, value, names[value])


def write_workbook(
    tables, target: Path, info: dict | None = None, headlines: dict | None = None, facts: dict | None = None
) -> Path:
    """Write ``tables`` (from :func:`analysis.report.excel.read_tables`) and the run's ``facts`` (the mapping of
    ``facts.json``, optional) to one ``.xlsx``, atomically (see the module docstring for the sheets).

    ``info`` is the run's title block as made by :func:`analysis.report.html.normalise_context` (keys read:
    ``lang``, ``title``, ``province``, ``scenario_titles``, ``date_iso``, ``vintage_text``, ``is_estimate``,
    ``sources``, ``running_note``, ``batch_id``, ``run_id``, ``manifest_hash`` and the catalogue strings ``s``).
    """
    info = dict(info or {})
    lang = check_lang(str(info.get("lang") or "vi"))
    names = _names(facts, lang)
    known = [{v: k for k, v in vocabulary.items()} for vocabulary in names.values()]
    known.append({sector_label(k, lang): k for k in SECTOR_NAMES})
    with atomic_path(target) as tmp:
        book = _Book(tmp)
        about_sheet = make_sheet_name(t("wb_about", lang), taken := set())
        ws = book.book.add_worksheet(about_sheet)  # first, written last: it lists the others
        titles: set[str] = set()
        sheets = [make_sheet_name(title or name, taken, titles) for name, title, _ in tables]
        facts_sheet = make_sheet_name(t("wb_facts", lang), taken) if facts else None
        ids_sheet = make_sheet_name(t("wb_ids", lang), taken)
        ids = _Ids()
        _run_ids(info, about_sheet, ids)
        for sheet, (_, _title, frame) in zip(sheets, tables, strict=True):
            shown, col_ids = _reader_table(frame, lang, names, sheet, ids)
            _name_ids(sheet, shown, known, ids)
            decimals = int(frame.attrs.get("decimals", 1))
            rows = _table_rows(shown, col_ids, frame.attrs.get("kinds") or {}, lang, decimals)
            _write_sheet(book, book.book.add_worksheet(sheet), list(shown.columns), rows)
        if facts:
            rows = []
            for r in fact_rows(facts, lang):
                value = (r.value, r.number_format or None) if not isinstance(r.value, str) else (r.value, None)
                rows.append(
                    [(r.key, None), (r.label, None), value, (r.unit or None, None), (r.number_format or None, None)]
                )
            header = [
                t("wb_fact_col_key", lang),
                t("wb_fact_col_label", lang),
                t("wb_value", lang),
                t("wb_unit", lang),
                t("wb_fact_col_format", lang),
            ]
            _write_sheet(book, book.book.add_worksheet(facts_sheet), header, rows)
        listed = [[(sheet, None), (title, None)] for sheet, (_, title, _) in zip(sheets, tables, strict=True)]
        if facts_sheet:
            listed.append([(facts_sheet, None), (t("wb_facts_about", lang), None)])
        listed.append([(ids_sheet, None), (t("wb_ids_about", lang), None)])
        about = [[(item, None), _cell(value, lang, 2, str(item))] for item, value in _about_rows(info, lang)]
        if headlines:
            about += [[(t("wb_headlines", lang), None)], *_headline_rows(headlines, lang)]
        about += [[(t("wb_tables", lang), None)], *listed]
        _write_sheet(book, ws, [t("wb_item", lang), t("wb_value", lang), t("wb_unit", lang)], about, bold_lone=True)
        header = [
            t("wb_sheet", lang),
            t("wb_ids_col_item", lang),
            t("wb_ids_col_label", lang),
            t("wb_ids_col_id", lang),
        ]
        _write_sheet(book, book.book.add_worksheet(ids_sheet), header, [[(v, None) for v in row] for row in ids.rows])
        book.book.close()
        _set_language(tmp, BABEL_LOCALES[lang].replace("_", "-"))  # vi-VN
    return Path(target)
