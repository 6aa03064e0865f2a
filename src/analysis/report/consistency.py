"""Do the reports of one place say the same thing? A check over rendered run folders.

Input: run folders (``reports/<batch>/<run>/``), each with its HTML report, its ``facts.json`` when the notebook
recorded the run's facts, and its PDF when one was exported. Output: a list of problems as sentences (empty: the
reports agree). What is checked, per place and language:

1. every figure a report marks (``<span data-fact="key" data-fmt="…">``, :mod:`analysis.narrative.figures`) prints
   the place's fact ``key`` formatted again by the mark's rule;
2. one key prints one text in every report of the place (no "28,3 t" beside "26,5 t");
3. every ``facts.json`` of the place computed for the same run parameters (its ``key``) holds the same facts,
   whatever the notebook (a batch may give one notebook a parameter another does not take: two keys, two sets);
4. no figure in Mt, percent or tonnes stands unmarked in the body's prose (paragraphs and list items; tables,
   figures, the annex — a section of class ``annex`` or from a heading "Phụ lục: …"/"Annex: …" to the end — and
   the colophon aside); a sentence marked as a detail of the report's method (``data-detail``,
   :func:`analysis.narrative.figures.detail`) holds declared figures and prints one text per key;
5. the PDF's text holds every marked string of its HTML.

Used by ``tests/test_consistency.py`` over the rendered reports of three places, and callable on any batch.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from analysis.report.manifest import MANIFEST_NAME

FACTS_FILE = "facts.json"
# a figure with a unit in the prose: "30,9 triệu tấn", "9,9%", "26,5 tấn", "0.76 Mt", "35 t CO₂e"
UNMARKED = re.compile(r"(?<![\w/])[-−+]?\d[\d.,\u202f\u00a0]*\s?(?:%|triệu tấn|tấn|Mt\b|t CO₂)")
ANNEX_CLASS = "annex"  # a section of diagnostics at the end (issue 20, point 5): its figures are details
ANNEX_TITLES = ("Phụ lục", "Annex")  # … or the sections from a heading "Phụ lục: …" / "Annex: …" to the end


@dataclass
class RenderedRun:
    """One rendered report: where it is, its place and language, its facts, its marked figures and prose."""

    folder: Path
    place: str
    lang: str
    facts: dict | None
    marks: list[tuple[str, str, str]] = field(default_factory=list)  # (key, fmt, text)
    prose: list[str] = field(default_factory=list)
    details: list[tuple[str, str]] = field(default_factory=list)  # (key, text) of data-detail spans
    pdf_text: str | None = None


def _text(element) -> str:
    return " ".join(element.get_text(" ", strip=True).split())


def read_run(folder: Path) -> RenderedRun | None:
    """A run folder's report as the checks see it (``None`` when it holds no HTML report)."""
    from bs4 import BeautifulSoup

    folder = Path(folder)
    html = next(iter(sorted(folder.glob("*.html"))), None)
    manifest = folder / MANIFEST_NAME
    if html is None or not manifest.is_file():
        return None
    info = json.loads(manifest.read_text(encoding="utf-8"))
    params = info.get("parameters", {})
    facts_file = folder / FACTS_FILE
    facts = json.loads(facts_file.read_text(encoding="utf-8")) if facts_file.is_file() else None
    place = (facts or {}).get("province") or str(params.get("province", ""))
    run = RenderedRun(folder, place, str(params.get("lang", "vi")), facts)
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    for element in soup.select("[data-fact]"):
        run.marks.append((element["data-fact"], element.get("data-fmt", ""), _text(element)))
    for element in soup.select("[data-fact]"):
        element.replace_with("§")
    for element in soup.select("[data-detail]"):
        run.details.append((element["data-detail"], _text(element)))
        element.replace_with("¶")
    for element in soup.find_all(["p", "li"]):
        if element.find_parent(["table", "figure", "footer", "header", "nav"]):
            continue
        if element.find_parent(class_=ANNEX_CLASS) or element.find_parent(class_="colophon"):
            continue
        if _in_annex(element):
            continue
        run.prose.append(_text(element))
    pdf = next(iter(sorted(folder.glob("*.pdf"))), None)
    if pdf is not None:
        run.pdf_text = pdf_text(pdf)
    return run


def _in_annex(element) -> bool:
    """Whether ``element`` follows a second-level heading that opens the annex ("Phụ lục: …", "Annex: …")."""
    heading = element.find_previous("h2")
    return heading is not None and _text(heading).startswith(ANNEX_TITLES)


def pdf_text(path: Path) -> str:
    """The text of a PDF (poppler's ``pdftotext``, installed by the setup), whitespace collapsed; a word the PDF
    hyphenated at a line end is joined again."""
    import subprocess

    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())


def _fact(facts: dict, key: str):
    """The value of a dotted key in a ``facts.json`` (lists of items by their ``id``/``key`` or index)."""
    from analysis.run.facts import Facts

    return Facts.model_validate(facts).get(key)


def _normal(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def _same_facts(place: str, with_facts: list[RenderedRun]) -> list[str]:
    first = with_facts[0]
    problems = []
    for other in with_facts[1:]:
        if other.facts != first.facts:
            differ = sorted(k for k in first.facts if first.facts.get(k) != other.facts.get(k))
            problems.append(
                f"{place}: {other.folder.name} and {first.folder.name} hold different facts ({', '.join(differ[:5])})"
            )
    return problems


def _check_marks(run: RenderedRun, facts: dict | None, lang: str) -> list[str]:
    """Each marked figure of ``run`` against the fact formatted again by its mark's rule."""
    from analysis.narrative.figures import format_by_spec

    problems = []
    for key, spec, text in run.marks:
        if facts is None or not spec:
            continue
        try:
            expected = format_by_spec(_fact(facts, key), spec, lang)
        except (AttributeError, KeyError, StopIteration, IndexError, TypeError):
            problems.append(f"{run.folder.name}: marks '{key}', which is not a fact of {run.place}")
            continue
        if _normal(expected) != _normal(text):
            problems.append(f"{run.folder.name}: '{key}' prints '{text}', the fact formats as '{expected}'")
    return problems


def _check_prose_and_pdf(run: RenderedRun) -> list[str]:
    problems = []
    for paragraph in run.prose:
        hit = UNMARKED.search(paragraph)
        if hit:
            problems.append(f"{run.folder.name}: unmarked figure '{hit.group().strip()}' in: {paragraph[:140]}")
    if run.pdf_text is not None:
        pdf = _normal(run.pdf_text)
        for key, _, text in run.marks:
            if _normal(text) not in pdf:
                problems.append(f"{run.folder.name}: '{text}' ({key}) is in the HTML but not in the PDF")
    return problems


def check_runs(runs: list[RenderedRun]) -> list[str]:
    """The problems found across ``runs`` (see the module docstring)."""
    problems = []
    groups: dict[tuple[str, str], list[RenderedRun]] = defaultdict(list)
    for run in runs:
        groups[(run.place, run.lang)].append(run)
    same_run: dict[tuple[str, str], list[RenderedRun]] = defaultdict(list)
    for run in runs:  # one set of facts per place and run parameters, whatever the language or the notebook
        if run.facts is not None:
            same_run[(run.place, run.facts.get("key", ""))].append(run)
    for (place, _), with_facts in sorted(same_run.items()):
        problems += _same_facts(place, with_facts)
    for (place, lang), members in sorted(groups.items()):
        with_facts = [r for r in members if r.facts is not None]
        facts = with_facts[0].facts if with_facts else None
        printed: dict[str, dict[str, str]] = defaultdict(dict)
        for run in members:
            for key, _, text in run.marks:
                printed[key].setdefault(_normal(text), run.folder.name)
            for key, text in run.details:
                printed[f"detail:{key}"].setdefault(_normal(text), run.folder.name)
            problems += _check_marks(run, run.facts or facts, lang) + _check_prose_and_pdf(run)
        for key, texts in printed.items():
            if len(texts) > 1:
                shown = "; ".join(f"'{t}' in {where}" for t, where in texts.items())
                problems.append(f"{place} ({lang}): '{key}' is printed differently: {shown}")
    return problems


def check_folders(folders) -> list[str]:
    """:func:`check_runs` over run folders (those without an HTML report are skipped)."""
    runs = [r for r in (read_run(Path(f)) for f in folders) if r is not None]
    return check_runs(runs)
