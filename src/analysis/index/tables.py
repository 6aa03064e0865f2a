"""Read an index table from disk and put it in the engine's shape.

Inputs
------
A wide CSV or Excel table ``province, year, <indicator columns…>`` read through
:func:`analysis.data.kinds.validate_file` (kind ``pgi`` when the header has ``sub1..sub4``, else ``index``).
Published values, when present, sit in ``pgi_score``/``pgi_rank`` (PGI) or in ``published_score``/
``published_rank`` (also accepted: ``score``/``rank``) for any other index.

Outputs
-------
:func:`load_index_table` returns the table ``province, year, region, <indicators>, published_score,
published_rank`` (canonical province names, regions from the registry) and the
:class:`~analysis.index.spec.IndexSpec` to use. A weights file naming an indicator the table lacks, or a
value outside the spec's bounds, raises :class:`~analysis.errors.InputError` with file, row and column.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.data.catalogue import detect_kind, validate_file
from analysis.data.provinces import get_registry
from analysis.data.readers import ROW, read_table
from analysis.errors import InputError, Issue
from analysis.index.spec import IndexSpec, load_spec, make_equal_spec
from analysis.paths import CONFIG_DIR, relative_to_project

PGI_WEIGHTS = CONFIG_DIR / "weights" / "pgi.yaml"
PUBLISHED_ALIASES = {
    "published_score": ("published_score", "pgi_score", "score"),
    "published_rank": ("published_rank", "pgi_rank", "rank"),
}
NON_INDICATORS = {"province", "year", "region", "province_en", "source_url", ROW}


def _published_columns(frame: pd.DataFrame, indicators: set[str]) -> dict[str, str]:
    found = {}
    for target, names in PUBLISHED_ALIASES.items():
        for name in names:
            if name in frame.columns and name not in indicators:
                found[name] = target
                break
    return found


def _check_indicators(frame: pd.DataFrame, spec: IndexSpec, data_file: str, weights_file: str | None) -> list[Issue]:
    issues = []
    columns = [c for c in frame.columns if c not in NON_INDICATORS]
    for ind in spec.indicators:
        if ind not in frame.columns:
            close = difflib.get_close_matches(ind, columns, n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            where = f" (weights file {weights_file})" if weights_file else ""
            issues.append(
                Issue(
                    file=data_file,
                    row=1,
                    column=ind,
                    rule="indicator column present",
                    message=f"the weights{where} name the indicator '{ind}' but the table has no such "
                    f"column (columns: {', '.join(columns)}){hint}",
                )
            )
    return issues


def _check_bounds(frame: pd.DataFrame, spec: IndexSpec, data_file: str) -> list[Issue]:
    if spec.bounds is None:
        return []
    low, high = spec.bounds
    issues = []
    for ind in spec.indicators:
        values = frame[ind].astype(float)
        bad = values.notna() & ((values < low) | (values > high))
        for i in frame.index[bad]:
            issues.append(
                Issue(
                    file=data_file,
                    row=int(frame.loc[i, ROW]),
                    column=ind,
                    value=float(values[i]),
                    rule="indicator range",
                    message=f"'{values[i]:g}' is outside the {spec.name} range {low:g}–{high:g}",
                )
            )
    return issues


def prepare_index_table(
    frame: pd.DataFrame, spec: IndexSpec, data_file: str = "<table>", weights_file: str | None = None
) -> pd.DataFrame:
    """Check a validated table against ``spec`` and return it in the engine's shape (see module docstring)."""
    if ROW not in frame.columns:
        frame = frame.assign(**{ROW: np.arange(2, len(frame) + 2)})
    issues = _check_indicators(frame, spec, data_file, weights_file)
    if issues:
        raise InputError(issues)
    issues = _check_bounds(frame, spec, data_file)
    if issues:
        raise InputError(issues)
    out = frame.rename(columns=_published_columns(frame, set(spec.indicators)))
    for col in ("published_score", "published_rank"):
        if col not in out.columns:
            out[col] = np.nan
    reg = get_registry()
    out["province"] = [reg.resolve(p) for p in out["province"]]
    out["region"] = [reg.province(p).region for p in out["province"]]
    out["year"] = out["year"].astype(int)
    for col in [*spec.indicators, "published_score", "published_rank"]:
        out[col] = out[col].astype(float)
    keep = ["province", "year", "region", *spec.indicators, "published_score", "published_rank"]
    return out[keep].sort_values(["year", "province"]).reset_index(drop=True)


def load_index_table(
    data: str | Path,
    weights: str | Path | None = None,
    *,
    aggregation: str | None = None,
    sheet: str | int | None = None,
) -> tuple[pd.DataFrame, IndexSpec]:
    """Read, validate and prepare an index table; return it with the spec used.

    Parameters
    ----------
    data : CSV or Excel file, ``province, year, <indicators…>`` (PGI tables may use the ``pgi`` layout).
    weights : YAML weights file; default: ``config/weights/pgi.yaml`` for a PGI table, weight 1 on every
        numeric column otherwise.
    aggregation : override the spec's aggregation (``"arithmetic"`` or ``"geometric"``).
    sheet : Excel sheet (default: the first).
    """
    raw = read_table(data, sheet=sheet)
    kind = "pgi" if detect_kind(raw.columns) == "pgi" else "index"
    frame = validate_file(data, kind, sheet=sheet)
    shown = relative_to_project(data)
    if weights is not None:
        spec = load_spec(weights)
    elif kind == "pgi":
        spec = load_spec(PGI_WEIGHTS)
    else:
        reserved = {n for names in PUBLISHED_ALIASES.values() for n in names} | NON_INDICATORS
        numeric = [c for c in frame.columns if c not in reserved]
        if not numeric:
            raise InputError(
                [
                    Issue(
                        file=shown,
                        row=1,
                        rule="indicator columns",
                        message="the table has no indicator columns besides province and year",
                    )
                ]
            )
        spec = make_equal_spec(numeric, name=Path(data).stem)
    if aggregation is not None:
        spec = spec.with_aggregation(aggregation)
    weights_shown = relative_to_project(weights) if weights is not None else None
    return prepare_index_table(frame, spec, shown, weights_shown), spec
