"""The one chart style of the project.

- Font: DejaVu Sans (Debian ``fonts-dejavu-core``, also bundled with matplotlib) covers every
  Vietnamese letter and the subscript in CO₂.
- Palette: Okabe–Ito, safe for colour-blind readers. A sector or a scenario has the same colour in
  every chart (:func:`sector_color`, :func:`scenario_color`).
- Every chart has a title, units on its axes and a source line (:func:`finish`).
- Sized for A4 portrait text width (16 cm) at 150 dpi.
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt

from analysis.i18n import t

FONT_FAMILY = ["DejaVu Sans", "Noto Sans", "sans-serif"]
A4_WIDTH_IN = 6.3  # 16 cm text width
DPI = 150

# Okabe & Ito (2008) colour-blind-safe palette
OKABE_ITO = {
    "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000", "grey": "#999999",
}

SECTOR_COLORS = {
    "Energy|Power": OKABE_ITO["vermillion"],
    "Energy|Manufacturing and Construction": OKABE_ITO["orange"],
    "Energy|Transport": OKABE_ITO["blue"],
    "Energy|Residential and Commercial": OKABE_ITO["yellow"],
    "Energy|Fugitive": OKABE_ITO["purple"],
    "Energy|Other": OKABE_ITO["grey"],
    "IPPU": "#8C564B",
    "Agriculture": OKABE_ITO["green"],
    "LULUCF": "#1B7837",
    "Waste": OKABE_ITO["sky"],
}
_SCENARIO_ORDER = [OKABE_ITO[k] for k in ("black", "blue", "green", "vermillion", "purple", "orange", "sky")]
HIGHLIGHT = OKABE_ITO["vermillion"]
MUTED = "#BBBBBB"

_assigned: dict[str, str] = {"bau": OKABE_ITO["black"]}


def apply() -> None:
    """Set the project's matplotlib defaults (idempotent)."""
    mpl.rcParams.update({
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
    })


def sector_color(sector: str) -> str:
    return SECTOR_COLORS.get(sector, OKABE_ITO["grey"])


def scenario_color(scenario: str) -> str:
    """The same colour for a scenario in every chart of a session (``bau`` is always black)."""
    key = scenario.casefold()
    if key not in _assigned:
        used = set(_assigned.values())
        free = [c for c in _SCENARIO_ORDER if c not in used] or _SCENARIO_ORDER
        _assigned[key] = free[0]
    return _assigned[key]


def new_figure(height_ratio: float = 0.55, width: float = A4_WIDTH_IN):
    """A figure and axes at A4 text width."""
    apply()
    return plt.subplots(figsize=(width, width * height_ratio))


def finish(fig, ax, *, title: str, source: str, lang: str, xlabel: str | None = None, ylabel: str | None = None,
           estimate: bool = False):
    """Title, axis labels with units, and the source line under the chart (plus the estimate label)."""
    ax.set_title(title, loc="left")
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    note = f"{t('source', lang)}: {source}"
    if estimate:
        note += f"  ·  {t('estimate_label', lang)}"
    fig.text(0.01, -0.02, note, ha="left", va="top", fontsize=7, color="#555555", wrap=True)
    fig.tight_layout()
    return fig
