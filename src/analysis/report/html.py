"""The project's HTML report: nbconvert with our template, code hidden, everything escaped, nothing fetched.

Purpose
    Turn an executed notebook into one self-contained HTML file that an official can read:

    - a title block (province, scenarios, date, data vintage, language, run), an estimate banner when
      the figures are indicative, a table of contents built from the headings, numbered figures
      ("Hình 1"/"Figure 1") and tables ("Bảng 1"/"Table 1"), and a footer with the sources and the
      run's manifest hash; the chrome strings follow ``context["lang"]``;
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

import datetime as dt
import html
import itertools
import re
import threading
from html.parser import HTMLParser

import bleach
from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import Preprocessor
from traitlets import Unicode, default

from analysis import __version__
from analysis.i18n import add_strings, check_lang, t
from analysis.paths import PACKAGE_DIR
from analysis.report.excel import HEADLINE_MIME, INFO_MIME, TABLE_MIME

TEMPLATES_DIR = PACKAGE_DIR / "templates"
TOC_MARK = "<!--NETZERO-TOC-->"

add_strings({
    "report_kind": {"vi": "Báo cáo phân tích cấp tỉnh", "en": "Provincial analysis report"},
    "report_toc": {"vi": "Mục lục", "en": "Contents"},
    "report_figure": {"vi": "Hình", "en": "Figure"},
    "report_table": {"vi": "Bảng", "en": "Table"},
    "report_page": {"vi": "Trang", "en": "Page"},
    "report_sources": {"vi": "Nguồn số liệu", "en": "Sources"},
    "report_scenarios": {"vi": "Kịch bản", "en": "Scenarios"},
    "report_date": {"vi": "Ngày lập", "en": "Date"},
    "report_vintage": {"vi": "Số liệu cập nhật đến", "en": "Data vintage"},
    "report_language": {"vi": "Ngôn ngữ", "en": "Language"},
    "report_language_name": {"vi": "Tiếng Việt", "en": "English"},
    "report_run": {"vi": "Lượt chạy", "en": "Run"},
    "report_manifest": {"vi": "Mã kiểm tra của lượt chạy (manifest)", "en": "Run manifest hash"},
    "report_estimate_head": {"vi": "Lưu ý:", "en": "Note:"},
    "report_estimate_body": {
        "vi": "các số liệu phát thải của tỉnh trong báo cáo này là ước tính sơ bộ, chưa phải số liệu kiểm kê "
              "chính thức.",
        "en": "the provincial emission figures in this report are indicative estimates, not an official inventory."},
    "report_generated": {"vi": "Tạo bởi netzero-analysis", "en": "Made with netzero-analysis"},
})

_TAGS = {"a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details", "div",
         "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
         "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table",
         "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul"}
_ATTRS = {"*": {"class", "id", "title", "lang", "dir"}, "a": {"href"}, "img": {"src", "alt", "width", "height"},
          "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}, "ol": {"start"}}


def _allow_attribute(tag: str, name: str, value: str) -> bool:
    if name not in _ATTRS["*"] | _ATTRS.get(tag, set()):
        return False
    if tag == "img" and name == "src":
        return value.startswith("data:image/")  # embedded only: the page fetches nothing
    if tag == "a" and name == "href":
        return re.match(r"(?i)(https?:|mailto:|#)", value.strip()) is not None
    return True


_CLEANER = bleach.Cleaner(tags=_TAGS, attributes=_allow_attribute, protocols={"http", "https", "mailto", "data"},
                          strip=False, strip_comments=True)


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


def normalise_context(context: dict | None) -> dict:
    """The title-block data with defaults, as plain strings and lists.

    Keys read: ``title``, ``province``, ``scenarios`` (list or str), ``lang`` (``vi``/``en``), ``date``,
    ``data_vintage`` (or ``vintage``), ``manifest_hash``, ``is_estimate``, ``sources`` (list of str),
    ``batch_id``, ``run_id``. Unknown keys are ignored.
    """
    c = dict(context or {})
    lang = check_lang(str(c.get("lang") or "vi"))
    scenarios = c.get("scenarios") or []
    if isinstance(scenarios, str):
        scenarios = [scenarios]
    date = c.get("date") or dt.date.today().isoformat()
    digest = str(c.get("manifest_hash") or "")
    strings = {k[len("report_"):]: t(k, lang) for k in list(_strings_keys())}
    return {
        "lang": lang,
        "title": str(c.get("title") or t("report_kind", lang)),
        "province": str(c.get("province") or ""),
        "scenarios": [str(s) for s in scenarios],
        "date": date.isoformat() if hasattr(date, "isoformat") else str(date),
        "data_vintage": str(c.get("data_vintage") or c.get("vintage") or ""),
        "manifest_hash": digest,
        "hash_short": digest[:12] if re.fullmatch(r"[0-9a-fA-F]{6,128}", digest) else "",
        "is_estimate": bool(c.get("is_estimate")),
        "sources": [str(s) for s in (c.get("sources") or [])],
        "batch_id": str(c.get("batch_id") or ""),
        "run_id": str(c.get("run_id") or ""),
        "version": __version__,
        "s": strings,
    }


def _strings_keys():
    from analysis.i18n import STRINGS

    return (k for k in STRINGS if k.startswith("report_"))


class PrepareReportPreprocessor(Preprocessor):
    """Drop what officials should not see and number the figures and tables.

    Steps: remove the papermill ``injected-parameters`` cell and cells tagged ``remove-cell``; remove
    stderr streams and outputs that only carry headline data; mark each image output as a figure and
    each table output (recorded or pandas HTML) as a table with a caption in ``metadata.netzero``.
    """

    lang = Unicode("vi").tag(config=True)

    def preprocess(self, nb, resources):
        lang = (resources.get("netzero") or {}).get("lang", self.lang)
        counts = {"figure": 0, "table": 0}
        keep = []
        for cell in nb.cells:
            tags = set(cell.get("metadata", {}).get("tags", []))
            if tags & {"injected-parameters", "remove-cell"}:
                continue
            if cell.cell_type == "code":
                cell.outputs = [self._label(o, lang, counts) for o in cell.outputs if self._visible(o)]
            keep.append(cell)
        nb.cells = keep
        return nb, resources

    @staticmethod
    def _visible(output) -> bool:
        if output.get("output_type") == "stream":
            return output.get("name") != "stderr"
        data = set(output.get("data", {}))
        if output.get("metadata", {}).get(TABLE_MIME, {}).get("hidden"):
            return False  # recorded for the workbook only
        return not (data and data <= {HEADLINE_MIME, INFO_MIME, "text/plain"} and data & {HEADLINE_MIME, INFO_MIME})

    @staticmethod
    def _label(output, lang: str, counts: dict):
        data = output.get("data", {})
        if not data:
            return output
        if TABLE_MIME in data or "<table" in str(data.get("text/html", "")):
            kind, title = "table", (data.get(TABLE_MIME) or {}).get("title", "")
        elif {"image/png", "image/jpeg", "image/svg+xml"} & set(data):
            kind, title = "figure", ""
        else:
            return output
        counts[kind] += 1
        caption = f"{t('report_' + kind, lang)} {counts[kind]}" + (f". {title}" if title else "")
        output.setdefault("metadata", {})["netzero"] = {"kind": kind, "caption": caption,
                                                        "anchor": f"{kind}-{counts[kind]}"}
        return output


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
        body, resources = super().from_notebook_node(nb, resources, **kw)
        return insert_toc(body, t("report_toc", lang)), resources


class _HeadingParser(HTMLParser):
    """Collect ``(level, id, text)`` of h1–h3 inside ``<main>``, skipping the ¶ anchor links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings: list[list] = []
        self._in_main = self._skip = False
        self._current = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self._in_main = True
        elif self._in_main and tag in ("h1", "h2", "h3") and attrs.get("id"):
            self._current = [int(tag[1]), attrs["id"], ""]
        elif tag == "a" and "anchor-link" in (attrs.get("class") or ""):
            self._skip = True

    def handle_endtag(self, tag):
        if tag == "main":
            self._in_main = False
        elif tag == "a":
            self._skip = False
        elif self._current is not None and tag == f"h{self._current[0]}":
            self._current[2] = " ".join(self._current[2].split())
            self.headings.append(self._current)
            self._current = None

    def handle_data(self, data):
        if self._current is not None and not self._skip:
            self._current[2] += data


def _number_headings(body: str) -> str:
    """Give every h1–h3 a short ASCII id (``sec-1`` …): stable links, short PDF destination names."""
    counter = itertools.count(1)

    def _replace(match: re.Match) -> str:
        attrs = re.sub(r"\s+id=(\"[^\"]*\"|'[^']*')", "", match[2] or "")
        return f'<h{match[1]} id="sec-{next(counter)}"{attrs}>'

    return re.sub(r"<h([1-3])(\s[^>]*)?>", _replace, body)


def insert_toc(body: str, toc_title: str) -> str:
    """Replace the template's TOC mark with a linked list of the document's headings (none if < 2)."""
    body = _number_headings(body)
    parser = _HeadingParser()
    parser.feed(body)
    entries = [h for h in parser.headings if h[2]]
    if len(entries) < 2:
        return body.replace(TOC_MARK, "")
    top = min(level for level, _, _ in entries)
    items = "\n".join(
        f'<li class="nz-toc-l{level - top + 1}"><a href="#{html.escape(anchor)}">{html.escape(text)}</a></li>'
        for level, anchor, text in entries
    )
    toc = (f'<nav class="nz-toc" aria-label="{html.escape(toc_title)}"><div class="nz-toc-title">'
           f"{html.escape(toc_title)}</div><ol>\n{items}\n</ol></nav>")
    return body.replace(TOC_MARK, toc, 1)


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
