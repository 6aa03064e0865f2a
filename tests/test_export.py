"""export_run: the HTML and PDF reports of one executed run (real nbconvert, real Chromium, real pdftotext)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import nbformat
import pytest

from analysis.report.export import export_run
from analysis.report.html import render_html, sanitize_html

FIXTURES = Path(__file__).parent / "fixtures" / "reports"
HOSTILE = "<script>alert(1)</script>"

CONTEXT_VI = {
    "province": "Bà Rịa – Vũng Tàu",
    "scenarios": ["bau", "net_zero_2050"],
    "lang": "vi",
    "date": "2026-11-28",
    "data_vintage": "frozen 2026-11-20; inputs sha256 59203cebaaa2",
    "manifest_hash": "0123456789abcdef" * 4,
    "is_estimate": True,
    "sources": ["VCCI, Chỉ số Xanh cấp tỉnh 2024", "Our World in Data <script>alert(9)</script>"],
    "batch_id": "default",
    "run_id": "brvt-vi",
}


def _text(args: list[str]) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def _flat(text: str) -> str:
    """pdftotext wraps lines; compare with runs of whitespace collapsed."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def vi_run(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("vi")
    paths = export_run(FIXTURES / "sample_vi.ipynb", out, ["html", "pdf", "xlsx"], CONTEXT_VI)
    return {p.suffix[1:]: p for p in paths}


@pytest.fixture(scope="module")
def vi_html(vi_run) -> str:
    return vi_run["html"].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def en_html() -> str:
    nb = nbformat.read(FIXTURES / "sample_en.ipynb", as_version=4)
    return render_html(nb, {**CONTEXT_VI, "lang": "en", "is_estimate": False})


def test__export_run__writes_each_format_atomically(vi_run):
    assert sorted(vi_run) == ["html", "pdf", "xlsx"]
    folder = vi_run["html"].parent
    assert {p.name for p in folder.iterdir()} == {"sample_vi.html", "sample_vi.pdf", "sample_vi.xlsx", "figures"}
    assert vi_run["pdf"].read_bytes()[:5] == b"%PDF-"
    assert all(p.stat().st_mode & 0o044 for p in vi_run.values()), "outputs must be readable by a web server"


def test__export_run__rejects_unknown_format(tmp_path):
    with pytest.raises(ValueError, match="docx"):
        export_run(FIXTURES / "sample_vi.ipynb", tmp_path, ["html", "docx"], CONTEXT_VI)
    assert list(tmp_path.iterdir()) == []


def test__render_html__hides_code_prompts_warnings_and_parameters(vi_html):
    for code in ("record_table(", "import pandas", "style.new_figure", "lang = 'vi'", "In&nbsp;["):
        assert code not in vi_html
    assert "a warning officials should not see" not in vi_html


def test__render_html__fetches_nothing_and_runs_no_script(vi_html):
    assert "<script" not in vi_html.lower()
    assert not re.search(r"""(?i)<(img|link|iframe|source)\b[^>]*(src|href)\s*=\s*["']?(https?:)?//""", vi_html)
    assert "example.invalid" not in vi_html
    assert vi_html.count('src="data:image/png;base64,') == 2


def test__render_html__escapes_hostile_strings_from_data_and_context(vi_html):
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in vi_html
    assert "&lt;script&gt;alert(9)&lt;/script&gt;" in vi_html
    assert "onerror" not in vi_html


def test__render_html__title_block_in_words_ids_and_hashes_only_in_the_footer(vi_html):
    head, _, foot = vi_html.partition('<footer class="nz-footer">')
    for text in (
        "Bà Rịa – Vũng Tàu",
        "Kế hoạch hành động 2030; Net Zero 2050",
        "28/11/2026",
        "BAU cố định ngày 20/11/2026",
        "Nguồn số liệu",
    ):
        assert text in vi_html, text
    for code in (
        "net_zero_2050",
        "2026-11-28",
        "brvt-vi",
        "0123456789abcdef",
        "59203cebaaa2",
        "frozen",
        "sha256",
        "Tiếng Việt",
    ):
        assert code not in head, f"{code!r} before the footer"
    for text in (
        "default / brvt-vi",
        "sha256 <code>0123456789ab</code>",
        "0123456789abcdef" * 4,
        "VCCI, Chỉ số Xanh cấp tỉnh 2024",
        "59203cebaaa2",
    ):
        assert text in foot, text
    assert '<html lang="vi">' in vi_html


def test__render_html__captions_with_titles_above_the_charts(vi_html, en_html):
    first = re.search(
        r'<figure class="nz-numbered nz-figure" id="figure-1">\s*<figcaption[^>]*>([^<]*)</figcaption>'
        r"\s*<div[^>]*>\s*<div[^>]*>\s*<img",
        vi_html,
    )
    assert first and first.group(1) == "Hình 1. Phát thải khí nhà kính, 2020–2050"
    assert "Figure 2. Reduction below BAU" in en_html


def test__render_html__numbers_figures_and_tables_in_the_language(vi_html, en_html):
    for text in ("Hình 1", "Hình 2", "Bảng 1. Lộ trình phát thải", "Bảng 2. Chi phí giảm phát thải biên"):
        assert text in vi_html
    for text in ("Figure 1", "Figure 2", "Table 1. Emission pathways", "Contents"):
        assert text in en_html
    assert "Hình" not in en_html


def test__render_html__formats_numbers_for_the_language(vi_html, en_html):
    assert "1.234,5" in vi_html and "−12,5" in vi_html and ">2030<" in vi_html
    assert "1,234.5" in en_html and "1.234,5" not in en_html


def test__render_html__marks_estimates_only_when_asked(vi_html, en_html):
    assert 'class="nz-estimate"' in vi_html and "ước tính sơ bộ" in vi_html
    assert 'class="nz-estimate"' not in en_html


def test__render_html__toc_links_every_heading(vi_html):
    toc = re.search(r'<nav class="nz-toc".*?</nav>', vi_html, re.S).group(0)
    targets = re.findall(r'href="#([^"]+)"', toc)
    assert len(targets) == 5 and "Chỉ số Xanh cấp tỉnh (PGI)" in toc
    for anchor in targets:
        assert f'id="{anchor}"' in vi_html


@pytest.mark.parametrize(
    "fragment, shown, gone",
    [
        ("<p>a</p><script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;", "<script"),
        ("<img src=x onerror=alert(3)>", "", "<img"),
        ("<img src='http://example.invalid/a.png'>", "", "example.invalid"),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>", "javascript:"),
        ("<style>td{color:red}</style><table><tr><td>1</td></tr></table>", "<td>1</td>", "<style"),
    ],
)
def test__sanitize_html__cases(fragment, shown, gone):
    clean = sanitize_html(fragment)
    assert shown in clean
    assert gone not in clean


def test__export_run__pdf_is_a4_paged_vietnamese_with_charts(vi_run):
    pdf = str(vi_run["pdf"])
    info = _text(["pdfinfo", pdf])
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages > 1
    assert re.search(r"Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)", info)
    text = _flat(_text(["pdftotext", "-layout", pdf, "-"]))
    for exact in (
        "Bà Rịa – Vũng Tàu",
        "phát thải khí nhà kính",
        "Chỉ số Xanh cấp tỉnh",
        "Hình 1",
        "Bảng 1",
        "Mục lục",
        HOSTILE,
        "1.234,5",
        f"Trang 1 / {pages}",
        f"Trang {pages} / {pages}",
    ):
        assert exact in text, exact
    assert "record_table" not in text
    images = _text(["pdfimages", "-list", pdf]).strip().splitlines()[2:]
    assert len(images) >= 2


def test__chromium_pdf_exporter__registered_for_nbconvert():
    from nbconvert.exporters import get_exporter

    from analysis.report.html import ReportHTMLExporter
    from analysis.report.pdf import ChromiumPDFExporter

    assert get_exporter("netzero_pdf") is ChromiumPDFExporter
    assert get_exporter("netzero_html") is ReportHTMLExporter


def test__export_run__takes_estimate_flag_sources_and_vintage_from_the_notebook(tmp_path):
    """The fixture calls record_report_info(is_estimate=True, sources=[OWID …], data_vintage="2023")."""
    (html,) = export_run(
        FIXTURES / "sample_en.ipynb",
        tmp_path,
        ["html"],
        {"lang": "en", "province": "Bà Rịa – Vũng Tàu", "sources": ["VCCI PGI 2024"]},
    )
    text = html.read_text(encoding="utf-8")
    assert 'class="nz-estimate"' in text and "indicative estimates" in text
    assert text.index("VCCI PGI 2024") < text.index("Our World in Data, CO₂ and GHG emissions (CC BY 4.0)")
    assert "<dt>Data vintage</dt><dd>2023</dd>" in text
    assert "<dd>Action plan 2030; Net Zero 2050</dd>" in text, "scenario titles from record_report_info"


def test__export_run__writes_every_chart_as_png_and_svg_numbered_as_in_the_report(vi_run):
    figures = vi_run["html"].parent / "figures"
    names = sorted(p.name for p in figures.iterdir())
    assert names == [
        "hinh-01-phat-thai-khi-nha-kinh-2020-2050.png",
        "hinh-01-phat-thai-khi-nha-kinh-2020-2050.svg",
        "hinh-02-muc-giam-so-voi-bau.png",
        "hinh-02-muc-giam-so-voi-bau.svg",
    ]
    assert (figures / names[0]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = (figures / names[1]).read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and "Phát thải khí nhà kính, 2020–2050" in svg


def test__fill_context__takes_missing_title_block_values_from_the_parameters():
    from analysis.report.export import fill_context

    params = {"lang": "en", "province": "Bà Rịa – Vũng Tàu", "scenario": "bau"}
    assert fill_context({}, params) == {"lang": "en", "province": "Bà Rịa – Vũng Tàu", "scenarios": "bau"}
    assert fill_context({"lang": "vi", "scenarios": ["x"]}, params)["lang"] == "vi"
    assert fill_context({"lang": "vi", "scenarios": ["x"]}, params)["scenarios"] == ["x"]


def test__render_html__reused_exporter_gives_what_a_fresh_one_gives_in_either_language():
    from analysis.report.html import ReportHTMLExporter, normalise_context

    def fresh(nb, context):
        return ReportHTMLExporter().from_notebook_node(nb, resources={"netzero": normalise_context(context)})[0]

    en = {**CONTEXT_VI, "lang": "en", "run_id": "brvt-en"}
    for name, context in (("sample_vi", CONTEXT_VI), ("sample_en", en), ("sample_vi", CONTEXT_VI)):
        nb = nbformat.read(FIXTURES / f"{name}.ipynb", as_version=4)
        assert render_html(nb, context) == fresh(nb, context), name  # no figure number or language carried over


def _png(width: int, height: int) -> str:
    import base64
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, format="png")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def test__render_html__each_chart_s_data_whole_in_the_page_and_the_notebook_unchanged():
    """The charts' base64 is set aside while the page is made (speed) and put back whole, in order; the tall one is
    still known as tall; the notebook given is left as it was."""
    import json

    wide, tall = _png(300, 120), _png(120, 300)
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            outputs=[nbformat.v4.new_output("display_data", data={"image/png": png, "text/plain": "<Figure>"})]
        )
        for png in (wide, tall, wide)
    ]
    before = json.dumps(nb, sort_keys=True)
    body = render_html(nb, {"lang": "en", "province": "Hà Nội"})
    assert json.dumps(nb, sort_keys=True) == before
    assert re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", body) == [wide, tall, wide]
    assert "nzimage" not in body
    assert body.count("nz-figure nz-tall") == 1
