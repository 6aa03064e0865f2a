"""No code identifier and no English sentence reaches a reader: the text of every rendered report (HTML and PDF,
both languages) of `make report`'s batch and of a second province is scanned for snake_case words, sector keys
(``Energy|Power``), sub-index codes (``sub1``…``sub4``) and the ids of scenarios and measures, as the project's
before-stop hook scans PDFs (lines naming a URL or a sha256 are provenance, not prose, and are skipped); the
Vietnamese reports are also scanned for English sentences (a message missing from the Vietnamese catalogue, or
English text assembled in code)."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from analysis import paths
from analysis.emissions.scenarios import load_scenarios
from analysis.i18n import find_code_identifiers
from analysis.run.resolve import SCENARIOS_DIR

PROVENANCE = re.compile(r"https?://|sha256")
_BLOCKS = {
    "p",
    "div",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "figcaption",
    "dt",
    "dd",
    "th",
    "td",
    "title",
    "caption",
    "header",
    "footer",
    "nav",
    "section",
    "table",
    "ol",
    "ul",
}


class _TextLines(HTMLParser):
    """The text a browser shows, one line per block element (like ``pdftotext`` gives one per printed line)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self._skip += 1
        if tag in _BLOCKS:
            self.parts.append("\n")
        alt = dict(attrs).get("alt")
        if tag == "img" and alt:
            self.parts.append(f"\n{alt}\n")

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip -= 1
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_lines(page: str) -> list[str]:
    parser = _TextLines()
    parser.feed(page)
    return [" ".join(line.split()) for line in "".join(parser.parts).splitlines() if line.strip()]


def pdf_lines(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [line for line in text.splitlines() if line.strip()]


def shipped_ids() -> set[str]:
    """Ids of the shipped scenarios and measures (``action_plan_2030``, ``bau`` …)."""
    ids = set()
    for file in SCENARIOS_DIR.glob("*.yaml"):
        scenarios = load_scenarios(file)
        ids |= set(scenarios.names())
        ids |= {m.id for m in scenarios.all_measures()}
    return ids


def find_code(lines: list[str], ids: set[str]) -> Counter:
    """Code identifiers and shipped ids on the lines that are not provenance (URL or sha256)."""
    words = re.compile(r"\b(" + "|".join(sorted(map(re.escape, ids), key=len, reverse=True)) + r")\b")
    found = Counter()
    for line in lines:
        if not PROVENANCE.search(line):
            found.update(find_code_identifiers(line) + words.findall(line))
    return found


def test__find_code__the_hook_regex_and_ids_with_provenance_lines_skipped():
    lines = [
        "Cột standalone_abatement_mtco2e",
        "Energy|Power và sub3",
        "Kịch bản bau",
        "Lượt chạy default / 00_summary__x__vi, mã kiểm tra sha256 0123",
        "https://a.b/c_d",
    ]
    assert find_code(lines, {"bau"}) == Counter(
        {"standalone_abatement_mtco2e": 1, "Energy|Power": 1, "sub3": 1, "bau": 1}
    )


def test__every_module_loads():
    import importlib
    import pkgutil

    import analysis

    for module in pkgutil.walk_packages(analysis.__path__, "analysis."):
        importlib.import_module(module.name)


# Words of English grammar that Vietnamese prose never contains. A line without a Vietnamese letter that has two of
# them and three other lower-case words is English prose; a name or a title ("Department of Survey and Mapping",
# "Our World in Data") is capitalised.
ENGLISH_WORDS = frozenset(
    "the of and to is are for with from by on not this that which be has have was were its their than into".split()
)
VIETNAMESE_LETTER = re.compile(
    r"[ăâđêôơưĂÂĐÊÔƠƯ]|[\u0300-\u036f]|[\u1ea0-\u1ef9]|[àáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", re.I
)


def english_sentences(lines: list[str]) -> list[str]:
    """The lines that read as English prose (see :data:`ENGLISH_WORDS`), provenance lines skipped."""
    found = []
    for line in lines:
        if PROVENANCE.search(line) or VIETNAMESE_LETTER.search(line):
            continue
        words = re.findall(r"[A-Za-z]+", line)
        grammar = ENGLISH_WORDS & {w.lower() for w in words}
        prose = [w for w in words if w.islower() and w not in ENGLISH_WORDS and len(w) > 1]
        if len(grammar) >= 2 and len(prose) >= 3:
            found.append(line)
    return found


def test__english_sentences__found_in_prose_not_in_names_or_vietnamese():
    lines = [
        "The scenario meets 4 of the 9 targets checked.",
        "Kịch bản đạt 4/9 mục tiêu được xét.",
        "Our World in Data, co2-data (Global Carbon Budget), CC BY 4.0",
        "Bảng 2. Phát thải theo lĩnh vực (the sectors of the inventory are from the national data)",
        "Open Development Mekong / Department of Survey and Mapping (Viet Nam)",
        "https://example.org/the/data/of/the/site/and/more",
    ]
    assert english_sentences(lines) == ["The scenario meets 4 of the 9 targets checked."]


def test__html_lines__one_line_per_block_without_css():
    page = "<html><head><style>a_b {}</style><title>T</title></head><body><p>x <b>y</b></p><td>z_w</td></body>"
    assert html_lines(page) == ["T", "x y", "z_w"]


@pytest.mark.slow
def test__every_report_renders(rendered):
    _, failed = rendered
    assert failed == {}, failed


@pytest.mark.slow
def test__no_rendered_report_shows_a_code_identifier(rendered):
    """Scans every report that rendered (a run that failed is reported by the test above)."""
    reports, failed = rendered
    ids = shipped_ids()
    files = sorted(reports.rglob("*.html")) + sorted(reports.rglob("*.pdf"))
    files = [f for f in files if f.name != "index.html"]
    planned = int((reports / "planned").read_text())  # the default batch's two places and Đồng Nai, 2 languages
    assert planned == len(list(paths.NOTEBOOKS_DIR.glob("*.ipynb"))) * 3 * 2
    assert len(files) == (planned - len(failed)) * 2, files  # HTML and PDF of each
    hits = {}
    for f in files:
        lines = html_lines(f.read_text(encoding="utf-8")) if f.suffix == ".html" else pdf_lines(f)
        found = find_code(lines, ids)
        if found:
            hits[f"{f.parent.name}/{f.name}"] = dict(found.most_common(8))
    assert hits == {}, "code identifiers a reader would see:\n" + "\n".join(f"{k}: {v}" for k, v in hits.items())


@pytest.mark.slow
def test__summary_fits_three_pages(rendered):
    """The summary is read in one sitting: at most three A4 pages in either language, for each place."""
    reports, _ = rendered
    summaries = sorted(reports.rglob("00_summary.pdf"))
    assert len(summaries) == 6
    for pdf in summaries:
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        assert pages <= 3, f"{pdf.parent.name}: {pages} pages"


@pytest.mark.slow
def test__summary_page_one_holds_the_decision(rendered):
    """Page 1 of every summary stands alone (issue 20, point 3): the verdict, the median, the 90 % range and the
    probability, then the three next actions, each with its lead and deadline, all on the first printed page — for
    a 2024 province and for the 2025 units, whose inherited targets follow the actions."""
    reports, _ = rendered
    words = {
        "vi": ("trung vị", "khoảng 90%", "xác suất", "Việc cần làm tiếp theo", "chủ trì:", "thời hạn:"),
        "en": ("median", "90% range", "probability", "Next steps", "lead:", "deadline:"),
    }
    summaries = sorted(reports.rglob("00_summary.pdf"))
    assert len(summaries) == 6
    for pdf in summaries:
        lang = "en" if "en" in pdf.parent.name.split("__") else "vi"
        median, band, probability, steps, lead, deadline = words[lang]
        page = subprocess.run(
            ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        flat = " ".join(page.split())
        for word in (median, band, probability, steps):
            assert word in flat, f"{pdf.parent.name}: page 1 lacks {word!r}"
        actions = flat[flat.index(steps) :]
        assert re.search(r"\b3\. ", actions), f"{pdf.parent.name}: the third action is not on page 1"
        assert actions.count(lead) >= 3 and actions.count(deadline) >= 3, f"{pdf.parent.name}: {actions[:600]}"


@pytest.mark.slow
def test__no_vietnamese_report_shows_an_english_sentence(rendered):
    """Every Vietnamese HTML report of the two batches: no line reads as English prose."""
    reports, _ = rendered
    hits, english = {}, 0
    for f in sorted(reports.rglob("*.html")):
        if f.name == "index.html":
            continue
        found = english_sentences(html_lines(f.read_text(encoding="utf-8")))
        if "en" in f.parent.name.split("__"):
            english += len(found)  # the scan does see English prose
        elif found:
            hits[f"{f.parent.name}/{f.name}"] = found[:5]
    assert english > 100
    assert hits == {}, "English in Vietnamese reports:\n" + "\n".join(f"{k}: {v}" for k, v in hits.items())


@pytest.mark.slow
def test__mrv_reports_say_on_every_page_that_the_registers_are_illustrative(rendered):
    """06_mrv on the shipped registers: every PDF page carries the running note; the credit table of a place with
    the source document's lines of work (Bà Rịa – Vũng Tàu, and the unit it joined) prints them as 'no issued credit
    known', never as 0."""
    from analysis.i18n import t

    reports, _ = rendered
    pdfs = sorted(reports.rglob("06_mrv.pdf"))
    assert len(pdfs) == 6
    for pdf in pdfs:
        lang = "en" if "en" in pdf.parent.name.split("__") else "vi"
        note = " ".join(t("mrv_running_both", lang).split())
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        pages = [" ".join(page.split()) for page in text.split("\f") if page.strip()]
        assert len(pages) > 1 and all(note in page for page in pages), pdf.parent.name
        if "dong-nai" not in pdf.parent.name:
            html = " ".join(html_lines((pdf.parent / "06_mrv.html").read_text(encoding="utf-8")))
            assert "Sakai" in html and t("mrv_no_issued_known", lang) in html, pdf.parent.name


# where a report gives work to a body: "chủ trì: …", "Lead: …", a lead column ("Cơ quan chủ trì", "Lead")
RESPONSIBLE = re.compile(r"(?:chủ trì|Chủ trì|[Ll]ead(?: \(proposed\))?|[Rr]esponsible)\s*[:—–-]?\s*")
HISTORY = ("nay là", "(now ", "trước đây", "formerly")


def former_bodies_as_responsible(text: str, former: set[str]) -> list[str]:
    """Each place in ``text`` where a body that no longer exists follows a word giving it work, without the words
    that make it history ("nay là …", "trước đây …")."""
    found = []
    for hit in RESPONSIBLE.finditer(text):
        after = text[hit.end() : hit.end() + 120]
        for name in former:
            if after.startswith(name) and not any(h in after[: len(name) + 40] for h in HISTORY):
                found.append(text[max(0, hit.start() - 30) : hit.end() + len(name) + 10])
    return found


def test__former_bodies_as_responsible__found_unless_said_as_history():
    former = {"Sở Kế hoạch và Đầu tư", "Department of Planning and Investment"}
    assert former_bodies_as_responsible("Chủ trì: Sở Kế hoạch và Đầu tư; thời hạn 2027", former)
    assert former_bodies_as_responsible("Lead (proposed): Department of Planning and Investment.", former)
    assert not former_bodies_as_responsible("chủ trì: Sở Tài chính (trước đây Sở Kế hoạch và Đầu tư)", former)
    assert not former_bodies_as_responsible("chủ trì: Sở Kế hoạch và Đầu tư (nay là Sở Tài chính)", former)


@pytest.mark.slow
def test__no_rendered_report_gives_work_to_a_body_that_no_longer_exists(rendered):
    """Issue 22: a former body appears only as history ("trước đây …", "nay là …"), never as today's lead."""
    import csv

    reports, _ = rendered
    rows = csv.DictReader((paths.RAW_DIR / "institutions" / "agencies.csv").open(encoding="utf-8"))
    former = set()
    for row in rows:
        if row["until"]:
            former |= {row["name_vi"], re.sub(r"\s*\([^)]*\)$", "", row["name_en"]), row["name_en"]}
    hits = {}
    for f in sorted(reports.rglob("*.html")):
        if f.name == "index.html":
            continue
        text = " ".join(html_lines(f.read_text(encoding="utf-8")))
        found = former_bodies_as_responsible(text, former - {""})
        if found:
            hits[f.parent.name] = found[:3]
    assert hits == {}, hits
