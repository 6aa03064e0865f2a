"""The project's HTML report: nbconvert with our template, code hidden, everything escaped, nothing fetched.

Purpose
    Turn an executed notebook into one self-contained HTML file that an official can read:

    - a title block (province, scenario titles, date as dd/mm/yyyy in Vietnamese, data vintage in words),
      an estimate banner when the figures are indicative, a running note on every printed page when the notebook
      records one (illustrative registers), a table of contents built from the headings,
      numbered figures and tables with their titles above them ("Hình 3. <title>", "Bảng 2. <title>"),
      and a footer with the sources and, in small print, the run id and the hashes; the chrome strings
      follow ``context["lang"]``;
    - tables too wide for an A4 portrait page come split in parts (:mod:`analysis.report.tablehtml`);
    - no code, no prompts, no stderr warnings, no papermill parameter cell;
    - every HTML fragment that comes from a notebook (markdown, ``text/html`` outputs) goes through
      :func:`sanitize_html`: unknown tags such as ``<script>`` are shown as text, never run, and only
      ``data:`` images are kept, so the page makes no request to any host;
    - no require.js, MathJax, mermaid or widget scripts (the template emits none).

Inputs
    An executed :class:`nbformat.NotebookNode` and a context dict (see :func:`normalise_context`).
Outputs
    The HTML text (:func:`render_html`); writing it is :mod:`analysis.report.export`'s job.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import functools
import re
import struct
import threading
import uuid

import bleach
from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import Preprocessor
from traitlets import Unicode, default

from analysis import __version__
from analysis.i18n import check_lang, fmt_date, fmt_vintage, message_ids, t, vintage_hashes
from analysis.paths import PACKAGE_DIR
from analysis.report.excel import FACTS_MIME, HEADLINE_MIME, INFO_MIME, TABLE_MIME
from analysis.report.toc import insert_toc
from analysis.viz.style import FIGURE_MIME

TEMPLATES_DIR = PACKAGE_DIR / "templates"


_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
_ATTRS = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan"},
    "ol": {"start"},
    "span": {"data-fact", "data-fmt", "data-detail"},  # a figure from the run's facts, or a detail (narrative.figures)
    "td": {"colspan", "rowspan", "data-fact", "data-fmt"},
}


def _allow_attribute(tag: str, name: str, value: str) -> bool:
    if name not in _ATTRS["*"] | _ATTRS.get(tag, set()):
        return False
    if tag == "img" and name == "src":
        return value.startswith("data:image/")  # embedded only: the page fetches nothing
    if tag == "a" and name == "href":
        return re.match(r"(?i)(https?:|mailto:|#)", value.strip()) is not None
    return True


_CLEANER = bleach.Cleaner(
    tags=_TAGS,
    attributes=_allow_attribute,
    protocols={"http", "https", "mailto", "data"},
    strip=False,
    strip_comments=True,
)


_STYLE_BLOCK = re.compile(r"(?is)<style\b[^>]*>.*?</style\s*>")
_IMG_WITHOUT_SRC = re.compile(r"(?i)<img(?![^>]*\ssrc=)[^>]*>")


def sanitize_html(fragment) -> str:
    """Keep document markup (headings, tables, lists, ``data:`` images); show anything else as text.

    Steps: drop ``<style>`` blocks (pandas adds one to every DataFrame; CSS is not content); clean with
    an allow-list where any other tag — ``<script>`` included — is escaped and so shown as text; drop
    images whose source was not an embedded ``data:image/`` (they would be fetched or broken).
    """
    text = fragment.decode() if isinstance(fragment, bytes) else str(fragment)
    return _IMG_WITHOUT_SRC.sub("", _CLEANER.clean(_STYLE_BLOCK.sub("", text)))


def _parse_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return dt.date.today()


@functools.cache
def _register() -> dict:
    from analysis.data.provenance import load_sources

    try:
        return {src.path: src for src in load_sources()}
    except (OSError, ValueError):  # no register (a report rendered outside the project): paths stay as given
        return {}


def describe_source(source: str, lang: str = "en") -> str:
    """A raw data file named by its path ("data/raw/vcci/pgi_2022_2024.csv") as its entry in the provenance
    register in the reader's language (:meth:`~analysis.data.provenance.Source.citation`); any other source
    unchanged."""
    text = str(source).strip()
    entry = _register().get(text.removeprefix("data/raw/"))
    if entry is None:
        return text
    return entry.citation(lang)


def css_string(text: str) -> str:
    """``text`` as the body of a CSS string (``content: "…"``): quotes, backslashes and line ends escaped, and ``<``
    written as a CSS escape so that the text can never close the ``<style>`` element it sits in."""
    out = []
    for ch in str(text):
        if ch in '"\\' or ch in "<>&" or ord(ch) < 0x20:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return "".join(out)


def normalise_context(context: dict | None) -> dict:
    """The title-block data with defaults, in the reader's words.

    Keys read: ``title``, ``province``, ``scenario_titles`` (the scenarios' names in the report's language,
    from :func:`analysis.report.excel.record_report_info`; scenario *ids* in ``scenarios`` are never shown),
    ``lang`` (``vi``/``en``), ``date`` (ISO string or date; shown dd/mm/yyyy in ``vi``), ``data_vintage`` (or
    ``vintage``; a frozen-BAU vintage is worded, its hashes go to the footer), ``manifest_hash``,
    ``lock_hash`` and ``lock_matches`` (the environment's ``uv.lock``), ``is_estimate``, ``sources`` (list of str; a raw data path is shown as its register entry, see
    :func:`describe_source`), ``batch_id``, ``run_id``, ``running_note`` (a sentence printed in the header of every
    page and in a banner under the title block). Unknown keys are ignored.
    """
    c = dict(context or {})
    lang = check_lang(str(c.get("lang") or "vi"))
    scenarios = c.get("scenarios") or []
    scenarios = [scenarios] if isinstance(scenarios, str) else scenarios
    titles = c.get("scenario_titles") or []
    titles = [titles] if isinstance(titles, str) else titles
    day = _parse_date(c.get("date_iso") or c.get("date") or dt.date.today())  # date_iso: already normalised
    digest = str(c.get("manifest_hash") or "")
    vintage = str(c.get("data_vintage") or c.get("vintage") or "")
    strings = {k[len("report_") :]: t(k, lang) for k in message_ids("report_")}
    note = " ".join(str(c.get("running_note") or "").split())
    return {
        "lang": lang,
        "title": str(c.get("title") or t("report_kind", lang)),
        "province": str(c.get("province") or ""),
        "scenarios": [str(s) for s in scenarios],
        "scenario_titles": [str(s) for s in titles],
        "date": fmt_date(day, lang),
        "date_iso": day.isoformat(),
        "data_vintage": vintage,
        "vintage_text": fmt_vintage(vintage, lang),
        "input_hashes": vintage_hashes(vintage),
        "manifest_hash": digest,
        "lock_hash": str(c.get("lock_hash") or ""),
        "lock_differs": c.get("lock_matches") is False,
        "hash_short": digest[:12] if re.fullmatch(r"[0-9a-fA-F]{6,128}", digest) else "",
        "is_estimate": bool(c.get("is_estimate")),
        "running_note": note,
        "running_note_css": css_string(note),
        "sources": list(dict.fromkeys(describe_source(s, lang) for s in (c.get("sources") or []))),
        "batch_id": str(c.get("batch_id") or ""),
        "run_id": str(c.get("run_id") or ""),
        "version": __version__,
        "s": strings,
    }


_HIDDEN_TAGS = {"injected-parameters", "remove-cell"}
_IMAGE_TYPES = {"image/png", "image/jpeg", "image/svg+xml"}


def is_shown_cell(cell) -> bool:
    """False for the papermill parameter cell and cells tagged ``remove-cell``."""
    return not set(cell.get("metadata", {}).get("tags", [])) & _HIDDEN_TAGS


def is_shown_output(output) -> bool:
    """False for stderr streams, workbook-only tables and outputs that only carry headline or report data."""
    if output.get("output_type") == "stream":
        return output.get("name") != "stderr"
    data = set(output.get("data", {}))
    if output.get("metadata", {}).get(TABLE_MIME, {}).get("hidden"):
        return False  # recorded for the workbook only
    hidden = {HEADLINE_MIME, INFO_MIME, FACTS_MIME}
    return not (data and data <= hidden | {"text/plain"} and data & hidden)


def output_kind(output) -> str | None:
    """``"table"``, ``"figure"`` or None: what the report numbers this output as."""
    data = output.get("data", {})
    if TABLE_MIME in data or "<table" in str(data.get("text/html", "")):
        return "table"
    if _IMAGE_TYPES & set(data):
        return "figure"
    return None


def numbered_outputs(nb):
    """``(kind, number, output)`` for every figure and table the report shows, numbered as in the report."""
    counts = {"figure": 0, "table": 0}
    for cell in nb.cells:
        if cell.cell_type != "code" or not is_shown_cell(cell):
            continue
        for output in cell.outputs:
            kind = output_kind(output) if is_shown_output(output) else None
            if kind:
                counts[kind] += 1
                yield kind, counts[kind], output


def output_title(output) -> str:
    """The reader's title of a figure (from :func:`analysis.viz.style.finish`) or a recorded table."""
    data = output.get("data", {})
    payload = data.get(TABLE_MIME) or data.get(FIGURE_MIME) or {}
    return str(payload.get("title") or "")


LONG_TABLE_ROWS = 20  # longer tables may run over pages


def is_tall_figure(output) -> bool:
    """True for a chart taller than wide (a ranking of 50 provinces): it may take a whole page."""
    png = output.get("data", {}).get("image/png")
    if not png:
        return False
    try:
        head = base64.b64decode("".join(str(png).split())[:44])  # the IHDR chunk: width and height at bytes 16–24
        width, height = struct.unpack(">II", head[16:24])
    except (ValueError, struct.error):
        return False
    return height > 0.9 * width


class PrepareReportPreprocessor(Preprocessor):
    """Drop what officials should not see and number the figures and tables.

    Steps: remove the papermill ``injected-parameters`` cell and cells tagged ``remove-cell``; remove
    stderr streams and outputs that only carry headline data; give each image output and each table output
    (recorded or pandas HTML) a caption with its number and title in ``metadata.netzero`` (long tables and
    tall charts marked for the print CSS); drop the charts' SVG copies (they go to ``figures/``, not the page).
    """

    lang = Unicode("vi").tag(config=True)

    def preprocess(self, nb, resources):
        lang = (resources.get("netzero") or {}).get("lang", self.lang)
        for kind, number, output in list(numbered_outputs(nb)):
            title = output_title(output)
            table = output["data"].get(TABLE_MIME) or {}
            output.setdefault("metadata", {})["netzero"] = {
                "kind": kind,
                "anchor": f"{kind}-{number}",
                "caption": f"{t('report_' + kind, lang)} {number}" + (f". {title}" if title else ""),
                "long": kind == "table" and len(table.get("data") or []) > LONG_TABLE_ROWS,
                "tall": kind == "figure" and is_tall_figure(output),
            }
            output["data"].pop(FIGURE_MIME, None)
        nb.cells = [c for c in nb.cells if is_shown_cell(c)]
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = [o for o in cell.outputs if is_shown_output(o)]
        return nb, resources


class ReportHTMLExporter(HTMLExporter):
    """HTMLExporter with the ``netzero`` template: code hidden, sanitised, self-contained, with a TOC."""

    export_from_notebook = "Net Zero report (HTML)"

    @default("extra_template_basedirs")
    def _default_extra_dirs(self):
        return [str(TEMPLATES_DIR)]

    @default("template_name")
    def _default_template_name(self):
        return "netzero"

    @default("template_extension")
    def _default_template_extension(self):
        return ".html.j2"  # also for the PDF subclass, whose file extension is .pdf

    def __init__(self, **kw):
        super().__init__(**kw)
        self.exclude_input = True
        self.exclude_input_prompt = True
        self.exclude_output_prompt = True
        self.sanitize_html = True
        self.exclude_anchor_links = True  # headings get short ids ("sec-3") in insert_toc instead
        self.register_preprocessor(PrepareReportPreprocessor, enabled=True)

    def default_filters(self):
        yield from super().default_filters()
        yield ("clean_html", sanitize_html)

    def from_notebook_node(self, nb, resources=None, **kw):
        resources = dict(resources or {})
        if "netzero" not in resources:  # run from `jupyter nbconvert`: context from the notebook's metadata
            params = nb.metadata.get("papermill", {}).get("parameters", {})
            fallback = {k: params[k] for k in ("lang", "province", "scenarios") if k in params}
            resources["netzero"] = normalise_context(nb.metadata.get("netzero", {}).get("report") or fallback)
        lang = resources["netzero"]["lang"]
        self.language_code = lang
        with _images_aside(nb) as images:
            body, resources = super().from_notebook_node(nb, resources, **kw)
            body = insert_toc(body, t("report_toc", lang))
        return images.put_back(body), resources


class _Images:
    """The charts' PNG data of a notebook, each replaced by a short token while the HTML is made (see
    :func:`_images_aside`)."""

    def __init__(self) -> None:
        self.prefix = f"nzimage{uuid.uuid4().hex}n"
        self.data: dict[str, str] = {}

    def token(self, data: str) -> str:
        """The PNG's first 64 characters (its header: :func:`is_tall_figure` reads the size there), then the key."""
        key = f"{self.prefix}{len(self.data)}z"
        self.data[key] = data
        return data[:HEAD] + key

    def put_back(self, body: str) -> str:
        pattern = f"[A-Za-z0-9+/=]{{0,{HEAD}}}({self.prefix}\\d+z)"
        return re.sub(pattern, lambda m: self.data[m.group(1)], body) if self.data else body


HEAD = 64


@contextlib.contextmanager
def _images_aside(nb):
    """The notebook with each chart's PNG data replaced by a token (letters and digits, unique to this call), put
    back in the notebook on leaving. The template, the escaping, nbconvert's and the sanitiser's HTML parsers and the
    table of contents then read a page of some kilobytes instead of one of a megabyte of base64 (they cost a
    report's export more than the rest); the caller puts the data back into the finished page (:meth:`_Images.put_back`).
    """
    images, kept = _Images(), []
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            data = output.get("data") or {}
            if isinstance(data.get("image/png"), str):
                kept.append((data, data["image/png"]))
                data["image/png"] = images.token(data["image/png"])
    try:
        yield images
    finally:
        for data, png in kept:
            data["image/png"] = png


_exporters = threading.local()


def render_html(nb, context: dict | None = None) -> str:
    """The report HTML of the executed notebook ``nb`` with the title block from ``context``.

    One exporter per thread is kept and reused: a new one compiles nbconvert's templates again, which
    was a large part of each report's export in a batch (the exporter keeps no state between reports).
    """
    exporter = getattr(_exporters, "html", None)
    if exporter is None:
        exporter = _exporters.html = ReportHTMLExporter()
    body, _ = exporter.from_notebook_node(nb, resources={"netzero": normalise_context(context)})
    return body
