"""The Excel workbook of a run: the recorded tables as numbers with number formats, in the reader's words.

Inputs
    The tables of :func:`analysis.report.excel.read_tables` (``(name, title, frame)``, the decimals shown in the
    report in ``frame.attrs["decimals"]``), the run's title block (:func:`analysis.report.html.normalise_context`)
    and its headline figures (:func:`analysis.report.excel.read_headlines`).
Outputs
    One ``.xlsx``, written atomically (:func:`write_workbook`): a first sheet "Thông tin" / "About" (province,
    scenario titles, date, data, estimate or not, sources, run and check code, the headline figures and the list
    of tables), then one sheet per table named by its title. Numbers are stored as numbers with a number format
    showing the report's decimals (Excel shows them with the reader's own separators); a number the notebook
    passed as formatted text ("35,2", "63 %") is stored as the number it says. Other text stays text, never a
    formula (``=1+1`` is shown as written).
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from pathlib import Path

from analysis.i18n import check_lang, t
from analysis.io import atomic_path

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_HEADLINE = re.compile(r"(bau|scenario|pct_below_bau|target_met|p_met)_(\d{4})")
_UNITS = {"Mt CO2e": "mtco2e", "Mt CO2e/yr": "mtco2e_per_year"}
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


def parse_number(text: str, lang: str) -> tuple[float, str] | None:
    """``(value, number format)`` of text that is one number written for ``lang`` ("35,2", "−1.234", "63 %"),
    else None. Percent text gives the fraction (0.63) with a percent format."""
    check_lang(lang)
    thousands, decimal = (".", ",") if lang == "vi" else (",", ".")
    match = re.fullmatch(
        rf"([−+-]?)(\d{{1,3}}(?:\{thousands}\d{{3}})*|\d+)(?:\{decimal}(\d+))?( ?%)?", str(text).strip()
    )
    if not match:
        return None
    sign, whole, frac, percent = match.groups()
    value = float(whole.replace(thousands, "") + ("." + frac if frac else "")) * (-1 if sign in ("−", "-") else 1)
    year_like = not frac and thousands not in whole and 1800 <= value <= 2200
    fmt = "0" if year_like else number_format(len(frac or ""))
    return (value / 100, fmt.replace("#,##", "") + "%") if percent else (value, fmt)


def number_format(decimals: int) -> str:
    """An Excel number format with ``decimals`` places (``#,##0.00``); locale-neutral, Excel localises it."""
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def _scalar(value):
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value


def _cell(value, lang: str, decimals: int, header: str, parse: bool = True):
    """``(value, number format or None)`` for one cell; ``parse``: read numbers written as text."""
    value = _scalar(value)
    if isinstance(value, dt.date):
        return value, "DD/MM/YYYY" if lang == "vi" else "D MMM YYYY"
    if isinstance(value, bool):
        return t("wb_yes" if value else "wb_no", lang), None
    if isinstance(value, int):
        plain = _YEARLIKE.search(header) or 1800 <= value <= 2200
        return value, "0" if plain else "#,##0"
    if isinstance(value, float):
        return value, number_format(decimals)
    if isinstance(value, str):
        parsed = parse_number(value, lang) if parse else None
        return parsed if parsed else (value, None)
    return (None if value is None else str(value)), None


def _write_sheet(ws, header: list[str], rows, lang: str, decimals: int, parse: bool = True) -> None:
    """Header row (bold, wrapped), then the rows; strings are always text, never formulas."""
    from openpyxl.styles import Alignment, Font

    ws.append([str(h) for h in header])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.data_type = "s"
    widths = [max(min(len(w), 30) for w in str(h).split() or ["x"]) for h in header]
    for row in rows:
        cells = [_cell(v, lang, decimals, str(h), parse) for v, h in zip(row, header, strict=False)]
        ws.append([value for value, _ in cells])
        for cell, (value, fmt) in zip(ws[ws.max_row], cells, strict=False):
            if isinstance(value, str):
                cell.data_type = "s"
            elif fmt:
                cell.number_format = fmt
        widths = [
            max(w, min(len(str(v)) if v is not None else 0, 60))
            for w, (v, _) in zip(widths + [0] * (len(cells) - len(widths)), cells, strict=False)
        ]
    ws.freeze_panes = "A2"
    for idx, width in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(row=1, column=idx).column_letter].width = max(width + 2, 8)


def _headline_rows(headlines: dict, lang: str) -> list[list]:
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
        if unit == "probability" and isinstance(value, int | float):
            value, unit = round(100 * value, 1), "%"
        rows.append([item, value, t(_UNITS[unit], lang) if unit in _UNITS else unit])
    return rows


def _about_rows(info: dict, lang: str) -> list[list]:
    """The title block as ``[item, value, unit]`` rows (reader's words; hashes and ids last)."""
    s = info.get("s") or {}
    date = info.get("date_iso")
    rows = [
        [t("wb_title", lang), info.get("title", ""), ""],
        [t("wb_province", lang), info.get("province", ""), ""],
        [s.get("scenarios", ""), "; ".join(info.get("scenario_titles") or []), ""],
        [s.get("date", ""), dt.date.fromisoformat(date) if date else info.get("date", ""), ""],
        [s.get("vintage", ""), info.get("vintage_text", ""), ""],
        [t("wb_estimate", lang), t("wb_yes" if info.get("is_estimate") else "wb_no", lang), ""],
        [t("wb_running_note", lang), info.get("running_note", ""), ""],
        [s.get("sources", ""), "; ".join(info.get("sources") or []), ""],
        [s.get("run", ""), " / ".join(x for x in (info.get("batch_id"), info.get("run_id")) if x), ""],
        [s.get("manifest", ""), info.get("manifest_hash", ""), "sha256" if info.get("manifest_hash") else ""],
    ]
    return [r for r in rows if r[0] and r[1] not in ("", None)]


def write_workbook(tables, target: Path, info: dict | None = None, headlines: dict | None = None) -> Path:
    """Write ``tables`` (from :func:`analysis.report.excel.read_tables`) to one ``.xlsx``, atomically.

    ``info`` is the run's title block as made by :func:`analysis.report.html.normalise_context` (keys read:
    ``lang``, ``title``, ``province``, ``scenario_titles``, ``date_iso``, ``vintage_text``, ``is_estimate``,
    ``sources``, ``running_note``, ``batch_id``, ``run_id``, ``manifest_hash`` and the catalogue strings ``s``). The first sheet
    holds it, the headline figures and the list of tables; then one sheet per table, named by its title.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    info = dict(info or {})
    lang = check_lang(str(info.get("lang") or "vi"))
    wb = Workbook()
    ws = wb.active
    ws.title = make_sheet_name(t("wb_about", lang), taken := set())
    titles: set[str] = set()
    names = [make_sheet_name(title or name, taken, titles) for name, title, _ in tables]
    rows = _about_rows(info, lang)
    if headlines:
        rows += [[t("wb_headlines", lang), None, None], *_headline_rows(headlines, lang)]
    rows += [[t("wb_tables", lang), None, None]] + [
        [sheet, title, ""] for sheet, (_, title, _) in zip(names, tables, strict=True)
    ]
    _write_sheet(ws, [t("wb_item", lang), t("wb_value", lang), t("wb_unit", lang)], rows, lang, 2, parse=False)
    for row in ws.iter_rows(min_row=2):
        if row[1].value is None:
            row[0].font = Font(bold=True)
    for sheet, (_, _title, frame) in zip(names, tables, strict=True):
        _write_sheet(
            wb.create_sheet(sheet),
            list(frame.columns),
            frame.itertuples(index=False, name=None),
            lang,
            int(frame.attrs.get("decimals", 1)),
        )
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return Path(target)
