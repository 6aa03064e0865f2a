"""Charts drawn once for every report that shows them (issue 20, speed).

Purpose
    Some charts are the same in many reports of a batch: the national forecasts and their backtest (``01``), the
    national BAU (``04``), the index's rank intervals (``03``), a map with no place highlighted. Drawing a chart is
    most of a report's time, and the national batch drew each of these 34 times per language. A chart function
    marked :func:`drawn_once` keeps what the report shows of it (the PNG, the title and SVG for the report, the
    figure's size) in ``data/processed/cache/charts/``, keyed by everything the drawing can depend on; a report that
    asks for the same chart again shows the kept one.

The key
    The function (module and name), its arguments (their content: numbers, text, tables with their index, columns,
    types and ``attrs``, dataclasses field by field; never their identity), the package's
    source, the bytes of ``config/``, ``data/raw`` and the profiles, today's date (a chart that says "as of today"),
    the scenario colours assigned so far in the session (:func:`analysis.viz.style.scenario_color`), every
    matplotlib setting and its version, and the formats the run asked for. An argument of another kind makes the
    chart drawn as usual. Two processes that miss the same chart at the same time draw it once
    (:func:`analysis.io.read_or_make`).

Where it applies
    Only in a report's kernel (an IPython kernel given :data:`analysis.paths.FIGURE_FORMATS_ENV` by the runner): in
    JupyterLab or a script the function returns the real figure, to change or save as the analyst likes. In a report the function's
    result is only shown (every call in ``notebooks/`` is a statement ending in ``;``); a kept chart is a figure of
    the same size that shows the kept image (:class:`KeptFigure`).
"""

from __future__ import annotations

import base64
import dataclasses
import enum
import functools
import hashlib
import json
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from matplotlib.figure import Figure

from analysis import paths
from analysis.io import MISSING, atomic_path, prune_oldest, read_or_make

F = TypeVar("F", bound=Callable)
CACHE_DIR = paths.PROCESSED_DIR / "cache" / "charts"
KEEP = 48  # per chart function: both languages of a batch's variants (older ones are removed)
FORMAT = 1


def active() -> bool:
    """True in a report's kernel, where charts are only shown (see the module docstring): an IPython kernel that the
    runner gave :data:`analysis.paths.FIGURE_FORMATS_ENV`. Not in the process that ran a report in-process (the
    runner sets the variable there too), nor in JupyterLab (no variable)."""
    return paths.FIGURE_FORMATS_ENV in os.environ and in_kernel()


def in_kernel() -> bool:
    """True inside an IPython kernel (a notebook's code), not in a plain Python process."""
    shell = sys.modules.get("IPython")
    shell = shell.get_ipython() if shell is not None else None
    return getattr(shell, "kernel", None) is not None


@functools.cache
def _inputs_digest() -> str:
    """The package source and the input files, once per process (a report's kernel serves one run)."""
    from analysis.fingerprint import hash_files, hash_package_code

    return hash_package_code() + hash_files(paths.INPUT_DIRS)


def chart_key(plot: Callable, args: tuple, kwargs: dict) -> str:
    """The key of ``plot(*args, **kwargs)`` (see the module docstring); :class:`TypeError` for an argument of a kind
    :func:`_feed` does not know."""
    import matplotlib as mpl

    from analysis.viz import style

    arguments = hashlib.sha256()
    _feed(arguments, (args, sorted(kwargs.items())))
    style.apply()  # what every chart of the project starts with: the settings it is drawn with, before they are read
    digest = hashlib.sha256()
    for part in (
        f"{plot.__module__}.{plot.__qualname__}".encode(),
        arguments.digest(),
        date.today().isoformat().encode(),
        _inputs_digest().encode(),
        repr(sorted(style._assigned.items())).encode(),
        repr(sorted(mpl.rcParams.items())).encode(),
        mpl.__version__.encode(),
        os.environ.get(paths.FIGURE_FORMATS_ENV, "").encode(),
        str(FORMAT).encode(),
    ):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:24]


def _tag(digest, text: str) -> None:
    digest.update(text.encode() + b"\0")


def _feed(digest, value) -> None:
    """Add ``value``'s content to ``digest``, with its kind, so that different values never read the same."""
    if value is None or isinstance(value, str | bool | int | float | complex | date | enum.Enum):
        _tag(digest, f"{type(value).__name__}:{value!r}")  # a pandas Timestamp is a date
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        _tag(digest, f"dataclass:{type(value).__module__}.{type(value).__qualname__}")
        _feed(digest, [(f.name, getattr(value, f.name)) for f in dataclasses.fields(value)])
    elif isinstance(value, dict):  # in its order: a chart draws in the order it is given
        _tag(digest, f"dict:{len(value)}")
        for item in value.items():
            _feed(digest, item)
    elif isinstance(value, list | tuple):
        _tag(digest, f"{type(value).__name__}:{len(value)}")
        for item in value:
            _feed(digest, item)
    elif isinstance(value, set | frozenset):
        _feed(digest, sorted(value, key=repr))
    else:
        _feed_data(digest, value)


def _feed_data(digest, value) -> None:
    """:func:`_feed` for NumPy and pandas values (values, types, index, columns, names and ``attrs``)."""
    import numpy as np
    import pandas as pd

    if isinstance(value, np.generic):
        _feed(digest, value.item())
    elif isinstance(value, np.ndarray):
        _tag(digest, f"ndarray:{value.dtype.str}:{value.shape}")
        if value.dtype.kind in "biufcmM":
            digest.update(np.ascontiguousarray(value).tobytes())
        else:
            _feed(digest, value.tolist())
    elif isinstance(value, pd.Index):
        _tag(digest, f"index:{type(value).__name__}:{value.dtype}")
        _feed(digest, [list(value.names), value.to_numpy()])
    elif isinstance(value, pd.Series):
        _tag(digest, f"series:{value.dtype}")
        _feed(digest, [value.name, value.index, value.attrs, value.to_numpy()])
    elif isinstance(value, pd.DataFrame):
        _tag(digest, "frame")
        _feed(digest, [value.columns, value.index, value.attrs])
        for _, column in value.items():
            _feed(digest, [str(column.dtype), column.to_numpy()])
    else:
        raise TypeError(f"a chart's key cannot describe a {type(value).__name__}")


def drawn_once(plot: F) -> F:
    """Mark a chart function whose chart is the same wherever its arguments are: in a report, draw it once."""

    @functools.wraps(plot)
    def wrapper(*args, **kwargs):
        if not active():
            return plot(*args, **kwargs)
        try:
            key = chart_key(plot, args, kwargs)
        except TypeError:  # an argument of a kind the key cannot describe: draw as usual
            return plot(*args, **kwargs)
        path = CACHE_DIR / f"{plot.__name__}-{key}.json"
        drawn = []

        def draw() -> dict | None:
            fig = plot(*args, **kwargs)
            drawn.append(fig)
            kept = _keep(fig)
            if kept is not None:
                try:
                    with atomic_path(path) as tmp:
                        tmp.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
                    prune_oldest(CACHE_DIR.glob(f"{plot.__name__}-*.json"), KEEP)
                except OSError:  # a read-only project: every report draws its own
                    pass
            return kept

        kept = read_or_make(path, lambda: _read(path), draw)
        if drawn:  # drawn here: the real figure, shown from what was just rendered
            if kept is not None:
                drawn[0].netzero["kept"] = kept
            return drawn[0]
        return _kept_figure(kept)

    return wrapper  # type: ignore[return-value]


def _keep(fig) -> dict | None:
    """What a report shows of ``fig``, rendered now; ``None`` for a figure :func:`~analysis.viz.style.finish` did
    not finish (nothing to caption), which is drawn every time."""
    from analysis.viz import style

    if not getattr(fig, "netzero", None) or not fig.axes:
        return None
    return {
        "format": FORMAT,
        "png": style._report_png(fig),
        "payload": style._report_payload(fig),
        "size": [float(v) for v in fig.get_size_inches()],
        "text": repr(fig),
        "colours": dict(style._assigned),  # what drawing it assigned, for the charts drawn after it
    }


def _read(path: Path) -> dict | object:
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        base64.b64decode(kept["png"], validate=True)
        if kept.get("format") == FORMAT and isinstance(kept.get("payload"), dict):
            return kept
    except (OSError, ValueError, KeyError, TypeError):  # absent or damaged: drawn again
        pass
    return MISSING


def _kept_figure(kept: dict):
    import matplotlib.pyplot as plt

    from analysis.viz import style

    style._assigned.update(kept["colours"])
    fig = plt.figure(FigureClass=KeptFigure, figsize=tuple(kept["size"]))
    fig.netzero = {"title": kept["payload"].get("title", ""), "kept": kept}
    style.register_report_formatters()
    return fig


class KeptFigure(Figure):
    """A chart drawn by an earlier report: shown as the image kept then (see the module docstring)."""

    def __repr__(self) -> str:
        return self.netzero["kept"]["text"]
