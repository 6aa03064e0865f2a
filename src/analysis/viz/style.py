"""The one chart style of the project.

- Font: DejaVu Sans (Debian ``fonts-dejavu-core``, also bundled with matplotlib) covers every
  Vietnamese letter and the subscript in CO₂.
- Palette: Okabe–Ito, safe for colour-blind readers. A sector or a scenario has the same colour in
  every chart (:func:`sector_color`, :func:`scenario_color`).
- Every chart has a title, units on its axes and a source line (:func:`finish`).
- Sized for A4 portrait text width (16 cm) at 150 dpi.
- In a Jupyter kernel, a chart made with :func:`finish` is shown *without* its title, which the report prints
  above it as its caption ("Hình 3. <title>"); the output also carries ``application/vnd.netzero.figure+json``
  (``title``, and the chart as SVG when the run asked for the ``svg`` format) so the report can number it and
  write it to ``figures/`` (:mod:`analysis.report.figures`). Saved with ``savefig`` outside a kernel, the chart keeps its title.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import io
import os
import textwrap

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from analysis.i18n import fmt_number, fmt_vintage, has_text, t
from analysis.paths import FIGURE_FORMATS_ENV

FIGURE_MIME = "application/vnd.netzero.figure+json"

FONT_FAMILY = ["DejaVu Sans", "Noto Sans", "sans-serif"]
A4_WIDTH_IN = 6.3  # 16 cm text width
DPI = 150

# Okabe & Ito (2008) colour-blind-safe palette
OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}

_SCENARIO_ORDER = [OKABE_ITO[k] for k in ("black", "blue", "green", "vermillion", "purple", "orange", "sky")]
HIGHLIGHT = OKABE_ITO["vermillion"]
MUTED = "#BBBBBB"

_assigned: dict[str, str] = {"bau": OKABE_ITO["black"]}


def bau_source(baseline, lang: str) -> str:
    """The BAU a chart is measured against, for its source line: "BAU cố định ngày 28/11/2026 (theo động lực
    tăng trưởng)" — the method in the reader's words, the freeze date as a date, no hashes."""
    key = f"viz_method|{baseline.method}"
    method = t(key, lang) if has_text(key) else str(baseline.method)
    vintage = fmt_vintage(baseline.vintage, lang)
    return t("viz_bau_source", lang, vintage=vintage, method=method) if vintage else f"BAU ({method})"


def apply() -> None:
    """Set the project's matplotlib defaults (idempotent)."""
    mpl.rcParams.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": FONT_FAMILY,
            "font.size": 9,
            "axes.titlesize": 10.5,
            "axes.titleweight": "bold",
            "axes.labelsize": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.color": "#E5E5E5",
            "grid.linewidth": 0.6,
            "legend.frameon": False,
            "legend.fontsize": 8,
            "figure.dpi": DPI,
            "savefig.dpi": DPI,
            "savefig.bbox": "tight",
            "figure.figsize": (A4_WIDTH_IN, A4_WIDTH_IN * 0.55),
            "svg.fonttype": "path",  # the SVG looks the same without the fonts installed
            "svg.hashsalt": "netzero",  # element ids from the content, not random: the same chart, the same SVG
        }
    )
    register_report_formatters()


def sector_color(sector: str) -> str:
    """The sector's colour in every chart: the ``colour`` of the sectors table (grey for a key it does not have)."""
    from analysis.data.sectors import load_sectors

    table = load_sectors()
    return table[sector].colour if sector in table else OKABE_ITO["grey"]


def scenario_color(scenario: str) -> str:
    """The same colour for a scenario in every chart of a session (``bau`` is always black)."""
    key = scenario.casefold()
    if key not in _assigned:
        used = set(_assigned.values())
        free = [c for c in _SCENARIO_ORDER if c not in used] or _SCENARIO_ORDER
        _assigned[key] = free[0]
    return _assigned[key]


def format_tick(value: float, lang: str) -> str:
    """A tick label in the language's number format with as few decimals as it needs (up to 2): ``70``,
    ``2,5``, ``−0,15``; ``1.500`` in Vietnamese, ``1,500`` in English."""
    return _tick_text(round(float(value), 2), lang)


@functools.lru_cache(maxsize=4096)
def _tick_text(value: float, lang: str) -> str:
    """:func:`format_tick` of a rounded value (matplotlib formats each tick label five times or more per chart)."""
    text = fmt_number(value, lang, 2)
    decimal = "," if lang == "vi" else "."
    return text.rstrip("0").rstrip(decimal) if decimal in text else text


def localise_axis(axis, lang: str) -> None:
    """Tick labels of a value axis (``ax.xaxis`` or ``ax.yaxis``) through :func:`format_tick`."""
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda x, _pos: format_tick(x, lang)))


def new_figure(height_ratio: float = 0.55, width: float = A4_WIDTH_IN):
    """A figure and axes at A4 text width."""
    apply()
    return plt.subplots(figsize=(width, width * height_ratio))


def finish(
    fig,
    ax,
    *,
    title: str,
    source: str,
    lang: str,
    xlabel: str | None = None,
    ylabel: str | None = None,
    estimate: bool = False,
    note: str | None = None,
):
    """Title, axis labels with units, and the source line under the chart (plus the estimate label and a note).

    ``title`` is one line of reader text (line breaks are for the chart only); the figure keeps it as
    ``fig.netzero["title"]`` for the report's caption. ``note``: a sentence on how to read the chart, printed
    after the source.
    """
    artist = ax.set_title(title, loc="left")
    fig.netzero = {"title": " ".join(str(title).split()), "title_artist": artist}
    register_report_formatters()  # after the figure exists: the inline backend resets formatters when it starts
    if xlabel is not None:
        ax.set_xlabel(textwrap.fill(xlabel, 48) if len(xlabel) > 56 and "\n" not in xlabel else xlabel)
    if ylabel is not None:  # a long axis label on two lines, so it never runs past the axis
        ax.set_ylabel(
            textwrap.fill(ylabel, len(ylabel) // 2 + 6) if len(ylabel) > 36 and "\n" not in ylabel else ylabel
        )
    line = f"{t('source', lang)}: {source}"
    if estimate:
        line += f"  ·  {t('estimate_label', lang)}"
    if note:
        line += f". {note}"
    source_line = fig.text(0.01, 0.0, line, ha="left", va="bottom", fontsize=7, color="#555555")
    renderer = fig.canvas.get_renderer()
    # wrapped once here, by its measured width (matplotlib's wrap=True measures every prefix at every draw)
    full = source_line.get_window_extent(renderer).width
    room = 0.97 * fig.bbox.width
    chars = len(line)
    while full > room and chars > 20:
        # as many characters a line as the average width allows; a line of wider letters ("MONRE, EDGAR") may
        # still run past the figure's edge, so measure again and narrow it until it fits
        chars = max(20, min(chars - 1, int(chars * room / full)))
        source_line.set_text(textwrap.fill(line, chars))
        full = source_line.get_window_extent(renderer).width
    # the source line inside the figure, under everything else: the figure grows by its height (the axes keep
    # theirs), so the chart can be drawn on its own canvas and cropped (see _report_png); one layout, after it
    below = source_line.get_window_extent(renderer).height / fig.dpi + 0.04
    height = fig.get_figheight()
    fig.set_figheight(height + below)
    rect = (0, below / (height + below), 1, 1)
    with _measured_once(fig):
        fig.tight_layout(rect=rect)
    if _fit_legends(fig):
        with _measured_once(fig):
            fig.tight_layout(rect=rect)
    return fig


def _fit_legends(fig) -> bool:
    """Wrap the labels of any legend that runs past the figure's left or right edge (long labels in two
    columns under a chart) until it fits; ``True`` when a legend changed (the layout is then done again).

    A legend wider than the figure would be cut at its edge: the chart would then be drawn again on a canvas
    grown to hold it (``savefig``'s tight box, three times the work) and shown smaller than the others.
    """
    renderer, width = fig.canvas.get_renderer(), fig.bbox.width
    changed = False
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is None or not legend.get_visible():
            continue
        texts = legend.get_texts()
        words = [" ".join(text.get_text().split()) for text in texts]
        longest = max((len(w) for w in words), default=0)
        for _ in range(6):
            box = legend.get_window_extent(renderer)
            if box.x0 >= 0 and box.x1 <= width or longest < 16:
                break
            longest = max(16, int(longest * min(0.85, 0.97 * width / box.width)))
            for text, label in zip(texts, words, strict=True):
                text.set_text(textwrap.fill(label, longest))
            changed = True
    return changed


@contextlib.contextmanager
def _measured_once(fig):
    """Each axes' tight box measured once while the block runs (then the axes are as before).

    ``tight_layout`` with a ``rect`` runs its margin pass twice, the second only to fit the margins into the
    rect; nothing moves between the passes, so the second measures every tick label of every axis again for
    the same boxes. That measuring is most of a layout, and the layout was half of a chart's time. The
    layout is the same to the pixel (tested).
    """
    axes = list(fig.axes)
    for ax in axes:
        measure, boxes = ax.get_tightbbox, {}

        def once(*args, _measure=measure, _boxes=boxes, **kwargs):
            key = (*(id(a) for a in args), *sorted(kwargs.items(), key=lambda item: item[0]))
            try:
                box = _boxes.get(key)
            except TypeError:  # an unhashable argument (a list of extra artists): measured as asked
                return _measure(*args, **kwargs)
            if box is None:
                box = _boxes[key] = _measure(*args, **kwargs)
            return box.frozen() if box is not None else None

        ax.get_tightbbox = once  # an instance attribute over the method, for the block only
    try:
        yield
    finally:
        for ax in axes:
            ax.__dict__.pop("get_tightbbox", None)


def render_figure(fig, fmt: str, *, titled: bool = True) -> bytes:
    """The chart as ``png`` or ``svg`` bytes (tight box, the style's dpi), with or without its title."""
    info = getattr(fig, "netzero", None) or {}
    with contextlib.nullcontext() if titled else _untitled(fig):
        buffer = io.BytesIO()
        metadata = {"Title": info["title"]} if info.get("title") else {}
        if fmt == "svg":
            metadata["Date"] = None  # no time stamp: the same chart gives the same file
        fig.savefig(buffer, format=fmt, dpi=DPI, bbox_inches="tight", facecolor="white", metadata=metadata)
        return buffer.getvalue()


@contextlib.contextmanager
def _untitled(fig):
    """The chart without the title :func:`finish` gave it (the report prints it as the caption), restored after."""
    artist = (getattr(fig, "netzero", None) or {}).get("title_artist")
    if artist is None:
        yield fig
        return
    shown, text = artist.get_visible(), artist.get_text()
    # hidden, and without its text: an axes with no title text skips placing it, which measures every tick
    # label of the y axis again at each draw (for an offset text that may collide with the title)
    artist.set_visible(False)
    artist.set_text("")
    try:
        yield fig
    finally:
        artist.set_text(text)
        artist.set_visible(shown)


def _canvas_png(fig) -> bytes | None:
    """The untitled chart drawn on its own canvas and cropped to what it shows (plus 0.1 in), as PNG; ``None``
    when something may lie outside the figure (``savefig``'s tight box is then needed).

    As ``savefig(bbox_inches="tight")`` draws, but once: ``savefig`` lays the text out twice on fresh renderers,
    while the canvas's renderer has it laid out already (by ``tight_layout`` in :func:`finish`). The box is
    where the drawing put ink (any pixel not white), not ``get_tightbbox``, which measures every tick label
    again; ink on the left, top or right edge means the drawing may run past the figure. The bottom edge is
    the source line's (:func:`finish` sets it on the figure's bottom, under everything else). Rendering charts
    is most of a report's time.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image, ImageChops

    canvas = fig.canvas
    if not isinstance(canvas, FigureCanvasAgg) or fig.dpi != DPI:
        return None
    with _untitled(fig):  # the box without the title's room, as the report shows the chart
        canvas.draw()
        width, height = canvas.get_width_height(physical=True)
        image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB")
    # ink: any of red, green or blue under 250 (in PIL's C loops: a fifth of the time of the same test in NumPy)
    red, green, blue = (band.point(_INK) for band in image.split())
    box = ImageChops.lighter(ImageChops.lighter(red, green), blue).getbbox()
    if box is None or box[1] == 0 or box[0] == 0 or box[2] == width:
        return None
    pad = round(0.1 * DPI)
    left, top = max(0, box[0] - pad), max(0, box[1] - pad)
    right, bottom = min(width, box[2] + pad), min(height, box[3] + pad)
    buffer = io.BytesIO()
    # RGB on the white figure, zlib level 3: a third of the encoding time of RGBA at level 6, and smaller
    image.crop((left, top, right, bottom)).save(buffer, format="png", compress_level=3)
    return buffer.getvalue()


_INK = [255 if value < 250 else 0 for value in range(256)]


def _report_png(fig) -> str | None:
    kept = (getattr(fig, "netzero", None) or {}).get("kept")
    if kept:  # drawn once for every report that shows it (analysis.viz.shared)
        return kept["png"]
    if not fig.axes:
        return None
    png = _canvas_png(fig) or render_figure(fig, "png", titled=False)
    return base64.b64encode(png).decode("ascii")


def svg_wanted() -> bool:
    """True when the run asked for its charts as SVG files too (the ``svg`` format; see :data:`FIGURE_FORMATS_ENV`).

    Rendering a chart is most of a report's time (text layout in FreeType); an SVG copy nobody asked for would
    double it.
    """
    return "svg" in os.environ.get(FIGURE_FORMATS_ENV, "").split(",")


def _report_payload(fig) -> dict | None:
    info = getattr(fig, "netzero", None)
    if info and info.get("kept"):
        return info["kept"]["payload"]
    if not info or not fig.axes:
        return None
    payload = {"title": info["title"]}
    if svg_wanted():
        payload["svg"] = render_figure(fig, "svg", titled=False).decode("utf-8")
    return payload


def register_report_formatters() -> None:
    """In an IPython kernel: show charts untitled (the report captions them) and attach their title and SVG.

    Idempotent; does nothing outside IPython. Registered again by every :func:`apply` and :func:`finish`, so
    the inline backend (which clears the figure formatters when it starts) cannot undo it.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the notebook stack
        return
    shell = get_ipython()
    if shell is None or not hasattr(shell, "display_formatter"):
        return
    formatters = shell.display_formatter.formatters
    if FIGURE_MIME not in formatters:
        from IPython.core.formatters import BaseFormatter
        from traitlets import ObjectName, Unicode

        class _FigureFormatter(BaseFormatter):
            format_type = Unicode(FIGURE_MIME)
            _return_type = dict
            print_method = ObjectName("_repr_netzero_figure_")

        formatters[FIGURE_MIME] = _FigureFormatter(parent=shell.display_formatter)
    formatters[FIGURE_MIME].for_type(Figure, _report_payload)
    formatters["image/png"].for_type(Figure, _report_png)
    _no_redraw_after_cells(shell)


def _no_redraw_after_cells(shell) -> None:
    """With the inline backend, stop pyplot redrawing every changed figure after each cell.

    pyplot registers ``_draw_all_if_interactive`` to run after every cell; with the inline backend it renders each
    new figure once more, just before the backend displays it, and the display renders it again (through
    :func:`_report_png`): a wasted full draw per chart, a seventh of a report's time. The figures are shown as
    before; other backends (widgets, windows) keep the redraw.
    """
    if "inline" not in str(plt.get_backend()):
        return
    try:
        shell.events.unregister("post_execute", plt._draw_all_if_interactive)
    except (ValueError, AttributeError):  # not registered (already removed, or another matplotlib)
        pass
