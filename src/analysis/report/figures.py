"""Every chart of a run as its own PNG and SVG file, numbered as in the report.

Input
    An executed notebook whose charts were made with :func:`analysis.viz.style.finish` (their outputs carry
    ``image/png`` and :data:`analysis.viz.style.FIGURE_MIME` with the title and the SVG).
Output
    ``<run folder>/figures/hinh-03-<title words>.png`` and ``.svg`` (``figure-03-…`` in English), written
    atomically; the number is the one the report prints ("Hình 3"), from
    :func:`analysis.report.html.numbered_outputs`. Files of an earlier export that are not written again are
    removed, so the folder always matches the report.
"""

from __future__ import annotations

import base64
import re
import unicodedata
from pathlib import Path

from analysis.i18n import check_lang, t
from analysis.io import atomic_path
from analysis.report.html import numbered_outputs, output_title
from analysis.viz.style import FIGURE_MIME


def slugify(text: str, limit: int = 60) -> str:
    """ASCII words joined by hyphens: ``"Phát thải ròng — Đồng Nai"`` -> ``"phat-thai-rong-dong-nai"``."""
    plain = re.sub(r"[^\w]+", " ", str(text).replace("đ", "d").replace("Đ", "D"))
    plain = unicodedata.normalize("NFKD", plain)
    plain = plain.encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", plain)
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > limit:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug


def figure_stem(number: int, title: str, lang: str) -> str:
    """``hinh-03-phat-thai-rong`` (vi) or ``figure-03-net-emissions`` (en)."""
    prefix = slugify(t("report_figure", check_lang(lang)))
    words = slugify(title)
    return f"{prefix}-{number:02d}" + (f"-{words}" if words else "")


def _write(path: Path, data: bytes) -> Path:
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return path


def write_figures(nb, folder: Path, lang: str) -> list[Path]:
    """Write each chart of ``nb`` as PNG (and SVG when the chart carries one) into ``folder``; return the paths.

    Charts without an SVG (drawn without :func:`analysis.viz.style.finish`) are written as PNG only.
    """
    folder = Path(folder)
    written: list[Path] = []
    for kind, number, output in numbered_outputs(nb):
        data = output.get("data", {})
        if kind != "figure" or "image/png" not in data:
            continue
        folder.mkdir(parents=True, exist_ok=True)
        stem = figure_stem(number, output_title(output), lang)
        written.append(_write(folder / f"{stem}.png", base64.b64decode("".join(str(data["image/png"]).split()))))
        svg = (data.get(FIGURE_MIME) or {}).get("svg")
        if svg:
            written.append(_write(folder / f"{stem}.svg", str(svg).encode("utf-8")))
    if folder.is_dir():
        for stale in set(folder.glob("*.png")) | set(folder.glob("*.svg")):
            if stale not in written:
                stale.unlink()
    return written
