"""The workbooks of Bà Rịa – Vũng Tàu (2024 map) as an analyst opens them, in Vietnamese and English: every notebook
run as a batch runs it, each ``.xlsx`` opened with openpyxl. No code identifier on a reader's sheet (ids are on the ids
sheet), every number a number with the format of the formatter's decimals and one percent convention, the facts sheet
equal to the run's ``facts.json``, and no English word in a Vietnamese workbook's headers, items and notes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from openpyxl import load_workbook

from analysis import paths
from analysis.config.scenarios import MEASURE_KINDS
from analysis.i18n import find_code_identifiers, po_file
from analysis.report.formats import excel_format, infer_kind

ANALYST_SHEETS = {"Số liệu gốc", "Facts", "Mã", "Ids"}  # the facts and ids sheets name machine keys on purpose
PROVENANCE = re.compile(r"https?://|sha256|\.ya?ml\b|\.csv\b")  # a source's address or file names a file, not prose
FORMATTED_NUMBER = re.compile(r"[−+-]?\d{1,3}(?:[.,]\d{3})*(?:[.,]\d+)?\s?%?")


@pytest.fixture(scope="module")
def runs(rendered) -> list[Path]:
    """Every notebook for Bà Rịa – Vũng Tàu on the 2024 map, both languages: the run folders of `make report`'s batch
    (the session's rendered reports, Excel among their formats)."""
    reports, failed = rendered
    assert not [r for r in failed if "ba-ria-vung-tau" in r], failed
    folders = sorted(p.parent for p in (reports / "default").rglob("*.xlsx") if "ba-ria-vung-tau" in p.parent.name)
    assert len(folders) == 2 * len(list(paths.NOTEBOOKS_DIR.glob("*.ipynb")))
    return folders


def _lang(folder: Path) -> str:
    """The run's language, from its folder's name (``00_summary__ba-ria-vung-tau__vi`` or with a parameters' hash)."""
    (lang,) = {"vi", "en"} & set(folder.name.split("__"))
    return lang


def _book(folder: Path):
    return load_workbook(next(folder.glob("*.xlsx")))


def _reader_sheets(wb):
    return [ws for ws in wb.worksheets if ws.title not in ANALYST_SHEETS]


def _machine_ids(folder: Path) -> set[str]:
    """The run's own ids: its scenarios, targets and measures (from facts.json, when the notebook recorded it)."""
    facts = folder / "facts.json"
    if not facts.is_file():
        return set()
    data = json.loads(facts.read_text(encoding="utf-8"))
    return set(data["scenarios"]) | {t["id"] for t in data["targets"]} | {m["id"] for m in data["measures"]}


def code_in(text: str, ids: set[str]) -> list[str]:
    """The code identifiers in ``text``: snake_case words, sector keys, ``sub1``…, the run's ids as words, and a
    measure kind standing alone (``percent``)."""
    if PROVENANCE.search(text):
        return []
    found = find_code_identifiers(text) + [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)]
    return found + ([text] if text in MEASURE_KINDS else [])


def test__code_in__finds_ids_not_words():
    ids = {"bau", "energy_efficiency"}
    assert code_in("bau", ids) == ["bau"] and code_in("Phát triển thông thường (BAU)", ids) == []
    assert code_in("percent", ids) == ["percent"] and code_in("percentage cut", ids) == []
    assert code_in("Mã energy_efficiency", ids) == ["energy_efficiency", "energy_efficiency"]
    assert code_in("Tệp kịch bản: ba-ria-vung-tau.yaml", ids) == []


def english_words() -> set[str]:
    """Words of the English catalogue that the Vietnamese one never uses (lower case, three letters or more)."""

    def words(lang: str) -> set[str]:
        with po_file(lang).open("rb") as f:
            catalog = read_po(f, locale=lang)
        texts = [" ".join(m.string) if isinstance(m.string, tuple | list) else m.string for m in catalog if m.id]
        texts = [re.sub(r"\{[^}]*\}", " ", text) for text in texts]  # a placeholder's name is not a word of the text
        return {w.lower() for text in texts for w in re.findall(r"[A-Za-z]{3,}", text)}

    return (words("en") - words("vi")) | SMALL_LIST


# Words of the English workbook's headers that a Vietnamese one must never show, whatever the catalogues say.
SMALL_LIST = frozenset(
    "scenario scenarios estimate measure measures target targets sector note notes value year kind percent share cut "
    "cost yes".split()
)


@pytest.mark.slow
def test__no_reader_sheet_shows_a_code_identifier(runs):
    hits = {}
    for folder in runs:
        ids = _machine_ids(folder)
        for ws in _reader_sheets(_book(folder)):
            for row in ws.iter_rows(values_only=True):
                for value in row:
                    if isinstance(value, str) and code_in(value, ids):
                        hits.setdefault(f"{folder.name}/{ws.title}", set()).update(code_in(value, ids))
    assert hits == {}, hits


@pytest.mark.slow
def test__every_number_is_a_number_with_the_formatters_decimals_and_one_percent_convention(runs):
    """Numbers are stored as numbers (never text read back), each with a number format: a column in Mt or in percent
    shows the decimals fmt_mt or fmt_pct print for that value (a difference with its sign); a percent is a percent
    number ('0.0"%"'), never a fraction under Excel's own percent format."""
    checked, wrong = 0, []
    for folder in runs:
        for ws in _reader_sheets(_book(folder)):
            headers = [c.value for c in ws[1]]
            for row in ws.iter_rows(min_row=2):
                for cell, header in zip(row, headers, strict=False):
                    if cell.data_type != "n" or cell.value is None or isinstance(cell.value, bool):
                        continue
                    checked += 1
                    kind = infer_kind("", str(header or ""))
                    fmt = cell.number_format
                    if fmt == "General" or ("%" in fmt and '"%"' not in fmt):
                        wrong.append((folder.name, ws.title, cell.coordinate, fmt))
                    elif kind and fmt not in (excel_format(cell.value, kind), excel_format(cell.value, f"{kind}+")):
                        wrong.append((folder.name, ws.title, cell.coordinate, fmt, excel_format(cell.value, kind)))
    assert checked > 1000 and wrong == []


def _leaves(node, prefix=""):
    """Every number, yes/no and verdict of a facts mapping by its dotted key (list items by their id or key)."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _leaves(v, f"{prefix}{k}.")
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, dict) and ("id" in item or "key" in item):
                yield from _leaves(item, f"{prefix}{item.get('id', item.get('key'))}.")
    elif isinstance(node, int | float):
        yield prefix[:-1], node


@pytest.mark.slow
def test__the_facts_sheet_holds_every_figure_of_facts_json(runs):
    words = {"vi": {True: "có", False: "không"}, "en": {True: "yes", False: "no"}}
    with_facts = [f for f in runs if (f / "facts.json").is_file()]
    assert {f.name.split("__")[0] for f in with_facts} >= {"00_summary", "02_mitigation_pathways", "06_mrv"}
    for folder in with_facts:
        facts = json.loads((folder / "facts.json").read_text(encoding="utf-8"))
        wb, lang = _book(folder), _lang(folder)
        sheet = wb["Số liệu gốc" if lang == "vi" else "Facts"]
        rows = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
        for key, value in _leaves(facts):
            if key in ("version", "long_term_decimals") or key.endswith(".unit"):  # not figures: a format, a decimal
                continue
            assert key in rows, (folder.name, key)
            cell = rows[key][2]
            if isinstance(value, bool):
                assert cell.value == words[lang][value], (folder.name, key)
            else:  # openpyxl stores 16 significant digits
                assert cell.value == pytest.approx(value, rel=1e-15), (folder.name, key)
                assert cell.number_format == rows[key][4].value, (folder.name, key)
        assert rows["bau.stated"][2].value == pytest.approx(facts["bau"]["stated"], rel=1e-15)


@pytest.mark.slow
def test__a_vietnamese_workbook_has_no_english_in_headers_items_and_notes(runs):
    """Headers of every sheet, the items of the About sheet, the labels and units of the facts sheet, notes and
    measure kinds: no word of the English catalogue that Vietnamese never uses."""
    english = english_words()
    assert {"the", "emissions", "scenario", "indicative", "replace", "estimate", "percent"} <= english
    hits, seen = {}, 0
    for folder in runs:
        if _lang(folder) != "vi":
            continue
        seen += 1
        wb = _book(folder)
        texts = []
        for ws in wb.worksheets:
            headers = [str(c.value or "") for c in ws[1]]
            texts += headers
            notes = [i for i, h in enumerate(headers) if h.startswith(("Ghi chú", "Loại", "Nội dung", "Đơn vị"))]
            for row in ws.iter_rows(min_row=2, values_only=True):
                texts += [str(row[i]) for i in notes if i < len(row) and row[i]]
        texts += [str(r[0]) for r in wb.worksheets[0].iter_rows(min_row=2, values_only=True) if r[0]]
        for text in texts:
            found = {w for w in re.findall(r"[A-Za-z]{3,}", text) if w.lower() in english}
            if found and not PROVENANCE.search(text):
                hits.setdefault(folder.name, set()).update(found)
    assert seen == len(runs) // 2 and hits == {}, hits


@pytest.mark.slow
def test__no_reader_sheet_holds_a_number_written_as_text(runs):
    """Producers give numbers with ``frame.attrs["kinds"]`` (the workbook never reads text back): a cell that reads
    as a number is one."""
    hits = {}
    for folder in runs:
        for ws in _reader_sheets(_book(folder)):
            for row in ws.iter_rows(min_row=2, values_only=True):
                for value in row:
                    if isinstance(value, str) and FORMATTED_NUMBER.fullmatch(value.strip()):
                        if not re.fullmatch(r"(19|20)\d\d", value.strip()):  # a year naming a step is a label
                            hits.setdefault(f"{folder.name}/{ws.title}", []).append(value)
    assert hits == {}, {k: v[:3] for k, v in hits.items()}
