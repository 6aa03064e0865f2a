"""The statistical diagnostics of notebooks 01 and 03 sit in a titled annex at the end (issue 20, point 5), and 01's
tables hold no statistical value after the forecast's skilful year (issue 21, point 2).

The reports of `make report`'s batch (the session fixture `rendered`): 01 and 03 for Bà Rịa – Vũng Tàu (the 2024 map) and the 2025 unit
TP. Hồ Chí Minh, in Vietnamese and English; the HTML text and the executed notebook of each report are read back.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pytest

from analysis.report.excel import TABLE_MIME

PLACES = ["Bà Rịa – Vũng Tàu", "TP. Hồ Chí Minh"]
ANNEX = {"vi": "Phụ lục:", "en": "Annex:"}
# words of the diagnostics: in the annex, never in the body an official reads
DIAGNOSTICS = {
    "01_bau_baseline": ("ARIMA", "MAPE", "Holt", "log-log", "LMDI", "sai số phần trăm", "percentage error"),
    "03_pgi_analysis": (
        "Cronbach",
        "Pearson",
        "Spearman",
        "thành phần chính",
        "principal component",
        "p-value",
        "Giá trị p",
        "5–95%",
        "5th–95th",
    ),
}
IN_ANNEX = {"01_bau_baseline": ("ARIMA", "MAPE"), "03_pgi_analysis": ("Cronbach", "Pearson")}  # + LMDI where it runs


def _body_and_annex(folder: Path, lang: str) -> tuple[str, str]:
    page = next(folder.glob("*.html")).read_text(encoding="utf-8")
    page = re.sub(r"<nav class=\"nz-toc\".*?</nav>", " ", page, flags=re.S)  # the contents list names the annex too
    main = page[page.index("<main") :]
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", main, flags=re.S)
    text = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)))
    last = html.unescape(re.sub(r"<[^>]+>", "", headings[-1])).strip()
    assert last.startswith(ANNEX[lang]), f"{folder.name}: the last section is {last!r}, not the annex"
    cut = text.index(last)
    return text[:cut], text[cut:]


@pytest.fixture(scope="module")
def runs(rendered):
    """01 and 03 of `make report`'s batch (the session's rendered reports): both places, both languages."""
    reports, failed = rendered
    assert failed == {}
    folders = sorted(f for f in reports.glob("default/*") if f.is_dir() and f.name.split("__")[0] in DIAGNOSTICS)
    return [(f.name, f) for f in folders]


@pytest.mark.slow
def test__diagnostics_are_in_the_annex_and_the_body_says_what_they_mean(runs):
    assert len(runs) == 8
    for run_id, folder in runs:
        notebook, lang = run_id.split("__")[0], "vi" if "__vi" in run_id else "en"
        body, annex = _body_and_annex(folder, lang)
        found = [w for w in DIAGNOSTICS[notebook] if w in body]
        assert found == [], f"{run_id}: {found} in the body"
        expected = IN_ANNEX[notebook] + (("LMDI",) if notebook.startswith("01") and "ba-ria" in run_id else ())
        assert all(w in annex for w in expected), (run_id, [w for w in expected if w not in annex])
        assert {"vi": "Phụ lục", "en": "Annex"}[lang] in body, f"{run_id}: the body does not point to the annex"
        if notebook == "03_pgi_analysis":
            assert re.search(r"< 0[,.]01", annex) and not re.search(r"\b0[,.]00\b", annex), run_id
        else:
            trusted = {"vi": "chỉ đáng tin cậy đến năm 2033", "en": "this forecast can be trusted only to 2033"}[lang]
            assert trusted in body, run_id


def _tables(folder: Path) -> dict[str, dict]:
    nb = nbformat.read(next(folder.glob("*.ipynb")), as_version=4)
    return {
        o["data"][TABLE_MIME]["name"]: o["data"][TABLE_MIME]
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if TABLE_MIME in o.get("data", {})
    }


@pytest.mark.slow
def test__01_tables_hold_no_statistical_value_after_2033(runs):
    for run_id, folder in runs:
        if not run_id.startswith("01_"):
            continue
        tables = _tables(folder)
        forecasts = tables["statistical_forecasts"]
        years = [row[0] for row in forecasts["data"]]
        assert max(years) == 2033 and len(forecasts["columns"]) == 4  # drift, ARIMA, log-log (Holt not drawn)
        views = tables["bau_views"]
        columns = views["columns"]
        assert len(columns) == 6 and all("CO₂" in c for c in columns[1:]), columns
        for row in views["data"]:  # year, driver-based, statistical, its lower and upper bounds, national pace
            late = row[0] > 2033
            assert all((v is None) == late for v in row[2:5]) and None not in (row[1], row[5]), (run_id, row)
        assert max(row[0] for row in views["data"]) == 2050
