"""A running note (record_report_info(running_note=…)): printed in the header of every PDF page, shown in a banner
under the title block of the HTML and in the workbook's first sheet; a note is text, never markup or CSS."""

from __future__ import annotations

import subprocess
from pathlib import Path

import nbformat
import pytest
from openpyxl import load_workbook

from analysis.report.excel import INFO_MIME
from analysis.report.export import export_run, merge_report_info
from analysis.report.html import css_string, normalise_context

FIXTURES = Path(__file__).parent / "fixtures" / "reports"
NOTE = "Minh hoạ: sổ đăng ký cơ sở là ví dụ kèm theo công cụ; tên cơ sở và số liệu trong đó là giả định."


def _with_note(tmp_path: Path, note: str) -> Path:
    nb = nbformat.read(FIXTURES / "sample_vi.ipynb", as_version=4)
    cell = nbformat.v4.new_code_cell("record_report_info(running_note=…)")
    cell.outputs = [nbformat.v4.new_output("display_data", data={INFO_MIME: {"running_note": note}})]
    nb.cells.insert(1, cell)
    # long enough to run over several pages
    nb.cells += [nbformat.v4.new_markdown_cell(f"## Mục {i}\n\n" + "Nội dung báo cáo. " * 400) for i in range(4)]
    path = tmp_path / "noted.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def noted(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("noted")
    out = export_run(_with_note(tmp, NOTE), tmp / "out", ["html", "pdf", "xlsx"], {"lang": "vi"})
    return {p.suffix[1:]: p for p in out}


def test__every_pdf_page_carries_the_note(noted):
    text = subprocess.run(["pdftotext", str(noted["pdf"]), "-"], capture_output=True, text=True, check=True).stdout
    pages = [" ".join(p.split()) for p in text.split("\f") if p.strip()]
    assert len(pages) >= 3
    assert all(NOTE in page for page in pages), [page[:120] for page in pages if NOTE not in page]


def test__the_html_shows_the_note_under_the_title_block_and_the_workbook_keeps_it(noted):
    html = noted["html"].read_text(encoding="utf-8")
    assert f'<div class="nz-running" role="note">{NOTE}</div>' in html
    assert f'@top-center {{ content: "{NOTE}"; }}' in html
    sheet = load_workbook(noted["xlsx"]).worksheets[0]
    assert ["Lưu ý", NOTE] in [[c.value for c in row[:2]] for row in sheet.iter_rows()]


def test__a_note_is_text_never_markup_or_css():
    hostile = 'x"; } body { display: none } </style><script>alert(1)</script>'
    css = css_string(hostile)
    assert '"' not in css and "<" not in css and ">" not in css
    nz = normalise_context({"lang": "en", "running_note": hostile + "\n  second line"})
    assert nz["running_note"].endswith("second line") and "\n" not in nz["running_note"]
    assert merge_report_info({}, {"running_note": "a"})["running_note"] == "a"
    assert merge_report_info({"running_note": "b"}, {"running_note": "a"})["running_note"] == "b"
    assert normalise_context({"lang": "vi"})["running_note"] == ""


def test__a_hostile_note_renders_escaped(tmp_path):
    (html,) = export_run(
        _with_note(tmp_path, 'Chú ý "x" </style><script>alert(1)</script>'), tmp_path / "out", ["html"], {"lang": "vi"}
    )
    text = html.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in text
    assert "&lt;/style&gt;&lt;script&gt;" in text  # the banner shows it as text
    assert r'content: "Chú ý \22 x\22  \3c /style\3e \3c script\3e alert(1)\3c /script\3e "' in text
