"""The report's table of contents: short ids for the headings and a linked list of them.

Input: the report body (HTML) with the template's :data:`TOC_MARK`. Output: the body with every h1–h3 given an
id ``sec-N`` and the mark replaced by ``<nav class="nz-toc">`` — only for a report with at least
:data:`MIN_ENTRIES` headings (a short summary needs no contents list).
"""

from __future__ import annotations

import html
import itertools
import re
from html.parser import HTMLParser

TOC_MARK = "<!--NETZERO-TOC-->"
MIN_ENTRIES = 5


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
    """Replace the template's TOC mark with a linked list of the document's headings (none if too few)."""
    body = _number_headings(body)
    parser = _HeadingParser()
    parser.feed(body)
    entries = [h for h in parser.headings if h[2]]
    if len(entries) < MIN_ENTRIES:
        return body.replace(TOC_MARK, "")
    top = min(level for level, _, _ in entries)
    items = "\n".join(
        f'<li class="nz-toc-l{level - top + 1}"><a href="#{html.escape(anchor)}">{html.escape(text)}</a></li>'
        for level, anchor, text in entries
    )
    toc = (
        f'<nav class="nz-toc" aria-label="{html.escape(toc_title)}"><div class="nz-toc-title">'
        f"{html.escape(toc_title)}</div><ol>\n{items}\n</ol></nav>"
    )
    return body.replace(TOC_MARK, toc, 1)
