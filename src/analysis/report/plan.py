"""Plan runs: find notebooks, check their parameters, name run folders, expand a batch file into runs.

Input: a notebook name with parameter values (``netzero run``), or a batch file (``netzero batch``)::

    name: default                      # folder under reports/ (letters, digits, - _ .)
    notebooks: all                     # or a list: [00_data_overview, {name: 01_bau_baseline, parameters: {...}}]
    matrix:                            # parameter name -> values; every combination is run
      province: [Bà Rịa – Vũng Tàu, Đồng Nai]
      lang: [vi, en]
    parameters: {target_year: 2030}    # common values, given to the notebooks that declare them
    formats: [html, pdf, xlsx]
    timeout: 600                       # seconds per cell

Matrix keys and common parameters are parameter names (the run vocabulary, :mod:`analysis.run.parameters`). A
notebook is multiplied only by the axes it declares; a key that no notebook of the batch declares is an error.

Output: a list of :class:`~analysis.report.runner.RunSpec`. Everything is checked here, before any
kernel starts; all problems are reported together as one :class:`~analysis.errors.InputError`.
Run ids are built from the notebook name and slugs of the province, map and language
(``00_data_overview__ba-ria-vung-tau__vi``), plus a short hash of any other non-default values.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, model_validator

from analysis import paths
from analysis.config.base import ConfigModel, load_config, rule_error
from analysis.errors import InputError, Issue, suggest
from analysis.report import FORMATS
from analysis.report.manifest import git_state, hash_inputs
from analysis.report.params import read_contract, validate_parameters
from analysis.report.runner import RunSpec

SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
RUN_ID_KEYS = ("province", "map", "lang")  # shown in run ids; other values go into a short hash
LEGACY_KEYS = {"provinces": "province", "langs": "lang", "scenarios": "main_scenario"}


class NotebookEntry(ConfigModel):
    name: str
    parameters: dict[str, Any] = Field(default_factory=dict)


class BatchModel(ConfigModel):
    """A batch file (see module docstring)."""

    name: str = Field(pattern=SAFE_NAME.pattern)
    notebooks: Literal["all"] | list[str | NotebookEntry] = "all"
    matrix: dict[str, list[Any]] = Field(default_factory=dict)
    parameters: dict[str, Any] = Field(default_factory=dict)
    formats: list[Literal["html", "pdf", "xlsx", "svg"]] = Field(default_factory=lambda: ["html"], min_length=1)
    timeout: int = Field(600, gt=0)

    @model_validator(mode="before")
    @classmethod
    def _legacy(cls, data):
        if isinstance(data, dict):
            for key, param in LEGACY_KEYS.items():
                if key in data:
                    raise rule_error(
                        "known key",
                        f"'{key}' is not a batch key: write the parameter name under "
                        f"'matrix:', e.g. matrix: {{{param}: [...]}}",
                    )
        return data

    @model_validator(mode="after")
    def _axes(self):
        for key, values in self.matrix.items():
            if not values:
                raise rule_error("list", f"matrix axis '{key}' needs at least one value")
        return self


def slugify(text: Any, max_len: int = 40, keep: str = "") -> str:
    """``"Bà Rịa – Vũng Tàu"`` -> ``"ba-ria-vung-tau"``: safe as a folder name (no ``/``, ``..`` or spaces).

    ``keep`` lists extra characters kept as they are (``"_"`` for notebook names).
    """
    from analysis.data.provinces import strip_diacritics

    slug = re.sub(f"[^a-z0-9{re.escape(keep)}]+", "-", strip_diacritics(str(text)).lower()).strip("-_")
    return slug[:max_len].strip("-_") or "x"


def make_run_id(stem: str, values: dict[str, Any], defaults: dict[str, Any] | None = None) -> str:
    """Run folder name: notebook stem, province, map (2025 only) and language, and a hash of other changed values.

    ``values`` are the validated values given; ``defaults`` the notebook's declared defaults (so that
    the province and language appear even when left at their default, and giving a default
    explicitly names the same run).
    """
    defaults = defaults or {}
    full = defaults | values
    parts = [slugify(stem, 60, keep="_")]
    shown = [n for n in RUN_ID_KEYS if full.get(n) not in (None, "", []) and not (n == "map" and full[n] == 2024)]
    parts += [f"map{full[n]}" if n == "map" else slugify(full[n]) for n in shown]
    rest = {k: v for k, v in values.items() if k not in RUN_ID_KEYS and (k not in defaults or defaults[k] != v)}
    if rest:
        parts.append(hashlib.sha256(json.dumps(rest, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:8])
    return "__".join(parts)


def find_notebook(name: str | Path, notebooks_dir: Path = paths.NOTEBOOKS_DIR) -> Path:
    """A notebook by name in ``notebooks_dir`` (with or without ``.ipynb``) or by path."""
    candidate = Path(name)
    if candidate.suffix == ".ipynb" and candidate.is_file():
        return candidate.resolve()
    stem = candidate.name.removesuffix(".ipynb")
    path = Path(notebooks_dir) / f"{stem}.ipynb"
    if path.is_file() and candidate.parent == Path("."):
        return path.resolve()
    known = sorted(p.stem for p in Path(notebooks_dir).glob("*.ipynb"))
    hint = suggest(stem, known) if known else "; there are no notebooks here"
    raise InputError(
        [
            Issue(
                file=paths.relative_to_project(notebooks_dir),
                column="notebook",
                value=str(name),
                rule="notebook exists",
                message=f"no notebook '{name}'{hint}",
            )
        ]
    )


def plan_run(
    notebook: Path,
    values: dict[str, Any],
    *,
    batch: str,
    batch_dir: Path,
    formats: tuple[str, ...] = ("html",),
    timeout: int = 600,
    git: dict | None = None,
) -> RunSpec:
    """Validate ``values`` for ``notebook`` and return its :class:`RunSpec` (raises InputError).

    A notebook that declares ``as_of`` (the date a reporting status is judged on) and is given none runs with
    today's date written in: the run's parameters, its manifest and its input digest carry the date, so the
    same inputs and date give the same report (the run id stays the same from day to day).
    """
    contract = read_contract(notebook)
    checked = validate_parameters(contract, values, notebook=paths.relative_to_project(notebook))
    run_id = make_run_id(notebook.stem, checked, {n: s.default for n, s in contract.items()})
    if "as_of" in contract and not (checked.get("as_of") or contract["as_of"].default):
        checked["as_of"] = dt.date.today().isoformat()
    path_params = [name for name, spec in contract.items() if spec.is_path]
    full = {name: spec.default for name, spec in contract.items()} | checked
    inputs = hash_inputs(notebook, full, path_params)
    return RunSpec(
        notebook=notebook,
        parameters=checked,
        run_id=run_id,
        batch=batch,
        batch_dir=Path(batch_dir),
        inputs=inputs,
        formats=tuple(formats),
        timeout=timeout,
        git=git if git is not None else git_state(),
    )


def check_formats(formats: Any, where: str) -> tuple[str, ...]:
    """``["html", "pdf"]`` or ``"html,pdf"`` -> a tuple of known formats."""
    items = [f.strip() for f in formats.split(",")] if isinstance(formats, str) else formats
    bad = [f for f in items or [] if f not in FORMATS]
    if not items or bad or not isinstance(items, list):
        raise InputError(
            [
                Issue(
                    file=where,
                    column="formats",
                    value=formats,
                    rule="choices",
                    message=f"formats must be a list of {', '.join(FORMATS)}",
                )
            ]
        )
    return tuple(dict.fromkeys(items))


def load_batch(path: Path | str) -> BatchModel:
    """Read a batch file and check its keys and their types (notebooks and values: :func:`plan_batch`)."""
    model, _ = load_config(path, BatchModel)
    return model


def _notebook_entries(batch: BatchModel, notebooks_dir: Path, where: str) -> list[tuple[Path, dict]]:
    if batch.notebooks == "all":
        found = sorted(Path(notebooks_dir).glob("*.ipynb"))
        if not found:
            raise InputError(
                [
                    Issue(
                        file=where,
                        column="notebooks",
                        rule="notebooks exist",
                        message=f"no notebooks in {paths.relative_to_project(notebooks_dir)}",
                    )
                ]
            )
        return [(p.resolve(), {}) for p in found]
    out, issues = [], []
    for entry in batch.notebooks:
        name, extra = (entry.name, entry.parameters) if isinstance(entry, NotebookEntry) else (entry, {})
        try:
            out.append((find_notebook(str(name), notebooks_dir), dict(extra)))
        except InputError as exc:
            issues += [dataclasses.replace(i, file=where, column="notebooks") for i in exc.issues]
    if issues:
        raise InputError(issues)
    return out


def plan_batch(
    path: Path | str, *, reports_dir: Path = paths.REPORTS_DIR, notebooks_dir: Path = paths.NOTEBOOKS_DIR
) -> tuple[BatchModel, list[RunSpec]]:
    """Expand the batch file at ``path`` into runs, checking every value first.

    Returns
    -------
    (BatchModel, list of RunSpec)
        The batch settings and the runs, in notebook × matrix order.
    """
    batch = load_batch(path)
    where = paths.relative_to_project(path)
    notebooks = _notebook_entries(batch, notebooks_dir, where)
    contracts = {nb: read_contract(nb) for nb, _ in notebooks}
    declared = set().union(*contracts.values())
    issues = []
    for section, keys in (("matrix", batch.matrix), ("parameters", batch.parameters)):
        for key in keys:
            if key not in declared:
                issues.append(
                    Issue(
                        file=where,
                        column=f"{section}.{key}",
                        value=key,
                        rule="declared parameter",
                        message=f"no notebook in the batch declares a parameter '{key}'"
                        f"{suggest(key, sorted(declared), list_known=False)}",
                    )
                )
    if issues:
        raise InputError(issues)
    git, batch_dir = git_state(), Path(reports_dir) / batch.name
    specs: list[RunSpec] = []
    for nb, extra in notebooks:
        contract = contracts[nb]
        base = {k: v for k, v in batch.parameters.items() if k in contract} | extra
        for combo in _combinations(batch.matrix, contract):
            try:
                specs.append(
                    plan_run(
                        nb,
                        base | combo,
                        batch=batch.name,
                        batch_dir=batch_dir,
                        formats=tuple(batch.formats),
                        timeout=batch.timeout,
                        git=git,
                    )
                )
            except InputError as exc:
                issues += [dataclasses.replace(i, file=where, message=f"{nb.stem}: {i.message}") for i in exc.issues]
    seen: dict[str, int] = {}
    for spec in specs:
        seen[spec.run_id] = seen.get(spec.run_id, 0) + 1
    issues += [
        Issue(
            file=where,
            value=rid,
            rule="unique runs",
            message=f"run '{rid}' appears {n} times (two spellings of the same province?)",
        )
        for rid, n in seen.items()
        if n > 1
    ]
    if issues:
        raise InputError(issues)
    return batch, specs


def _combinations(matrix: dict[str, list], contract: dict) -> list[dict[str, Any]]:
    """Every combination of the matrix axes the notebook declares (the others do not multiply it)."""
    combos: list[dict[str, Any]] = [{}]
    for param, values in matrix.items():
        if param in contract:
            combos = [c | {param: value} for c in combos for value in values]
    return combos
