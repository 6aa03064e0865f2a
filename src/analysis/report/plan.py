"""Plan runs: find notebooks, check their parameters, name run folders, expand a batch file into runs.

Input: a notebook name with parameter values (``netzero run``), or a batch file (``netzero batch``)::

    name: default                      # folder under reports/ (letters, digits, - _ .)
    notebooks: all                     # or a list: [00_data_overview, {name: 01_bau_baseline, parameters: {...}}]
    provinces: [Bà Rịa – Vũng Tàu]     # → parameter `province` of notebooks that declare it
    scenarios: [...]                   # → parameter `scenario` of notebooks that declare it (optional)
    langs: [vi, en]                    # → parameter `lang` of notebooks that declare it
    parameters: {target_year: 2030}    # common values, given to the notebooks that declare them
    formats: [html, pdf, xlsx]
    timeout: 600                       # seconds per cell

Output: a list of :class:`~analysis.report.runner.RunSpec`. Everything is checked here, before any
kernel starts; all problems are reported together as one :class:`~analysis.errors.InputError`.
Run ids are built from the notebook name and slugs of the province, scenario and language
(``00_data_overview__ba-ria-vung-tau__vi``), plus a short hash of any other non-default values.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import json
import re
from pathlib import Path
from typing import Any


from analysis import paths
from analysis.errors import InputError, Issue
from analysis.report.manifest import git_state, hash_inputs
from analysis.report.params import read_contract, validate_parameters
from analysis.report.runner import FORMATS, RunSpec

BATCH_KEYS = ("name", "notebooks", "provinces", "scenarios", "langs", "parameters", "formats", "timeout")
MATRIX = (("provinces", "province"), ("scenarios", "scenario"), ("langs", "lang"))
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def slugify(text: Any, max_len: int = 40, keep: str = "") -> str:
    """``"Bà Rịa – Vũng Tàu"`` -> ``"ba-ria-vung-tau"``: safe as a folder name (no ``/``, ``..`` or spaces).

    ``keep`` lists extra characters kept as they are (``"_"`` for notebook names).
    """
    from analysis.data.provinces import strip_diacritics

    slug = re.sub(f"[^a-z0-9{re.escape(keep)}]+", "-", strip_diacritics(str(text)).lower()).strip("-_")
    return slug[:max_len].strip("-_") or "x"


def make_run_id(stem: str, values: dict[str, Any], defaults: dict[str, Any] | None = None) -> str:
    """Run folder name: notebook stem, province, scenario and language, and a hash of other changed values.

    ``values`` are the validated values given; ``defaults`` the notebook's declared defaults (so that
    the province and language appear even when left at their default, and giving a default
    explicitly names the same run).
    """
    defaults = defaults or {}
    full = defaults | values
    parts = [slugify(stem, 60, keep="_")]
    parts += [slugify(full[name]) for _, name in MATRIX if full.get(name) not in (None, "", [])]
    rest = {k: v for k, v in values.items()
            if k not in {name for _, name in MATRIX} and (k not in defaults or defaults[k] != v)}
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
    close = difflib.get_close_matches(stem, known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else f"; available: {', '.join(known) or 'none'}"
    raise InputError([Issue(file=paths.relative_to_project(notebooks_dir), column="notebook", value=str(name),
                            rule="notebook exists", message=f"no notebook '{name}'{hint}")])


def plan_run(notebook: Path, values: dict[str, Any], *, batch: str, batch_dir: Path,
             formats: tuple[str, ...] = ("html",), timeout: int = 600, git: dict | None = None) -> RunSpec:
    """Validate ``values`` for ``notebook`` and return its :class:`RunSpec` (raises InputError)."""
    contract = read_contract(notebook)
    checked = validate_parameters(contract, values, notebook=paths.relative_to_project(notebook))
    path_params = [name for name, spec in contract.items() if spec.is_path]
    full = {name: spec.default for name, spec in contract.items()} | checked
    inputs = hash_inputs(notebook, full, path_params)
    run_id = make_run_id(notebook.stem, checked, {n: s.default for n, s in contract.items()})
    return RunSpec(notebook=notebook, parameters=checked, run_id=run_id, batch=batch,
                   batch_dir=Path(batch_dir), inputs=inputs, formats=tuple(formats), timeout=timeout,
                   git=git if git is not None else git_state())


def check_formats(formats: Any, where: str) -> tuple[str, ...]:
    """``["html", "pdf"]`` or ``"html,pdf"`` -> a tuple of known formats."""
    items = [f.strip() for f in formats.split(",")] if isinstance(formats, str) else formats
    bad = [f for f in items or [] if f not in FORMATS]
    if not items or bad or not isinstance(items, list):
        raise InputError([Issue(file=where, column="formats", value=formats, rule="choices",
                                message=f"formats must be a list of {', '.join(FORMATS)}")])
    return tuple(dict.fromkeys(items))


def load_batch(path: Path | str) -> dict[str, Any]:
    """Read a batch file and check its keys and their types (notebooks and values: :func:`plan_batch`)."""
    from analysis.data.yamlio import load_yaml_file

    data, where = load_yaml_file(path)
    if not isinstance(data, dict):
        raise InputError([Issue(file=where, rule="mapping", message="a batch file is a mapping of keys to values")])
    issues = []
    for key in data:
        if key not in BATCH_KEYS:
            close = difflib.get_close_matches(str(key), BATCH_KEYS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; allowed: {', '.join(BATCH_KEYS)}"
            issues.append(Issue(file=where, column=str(key), rule="known key", message=f"unknown key '{key}'{hint}"))
    name = data.get("name")
    if not isinstance(name, str) or not SAFE_NAME.match(name) or name.startswith("_"):
        issues.append(Issue(file=where, column="name", value=name, rule="folder name",
                            message="name must be letters, digits, '-', '_' or '.' (it names the reports folder)"))
    for key in ("provinces", "scenarios", "langs"):
        if key in data and not (isinstance(data[key], list) and data[key]):
            issues.append(Issue(file=where, column=key, value=data[key], rule="list", message=f"{key} must be a list"))
    if not isinstance(data.get("parameters", {}), dict):
        issues.append(Issue(file=where, column="parameters", rule="mapping", message="parameters must be a mapping"))
    timeout = data.get("timeout", 600)
    if not isinstance(timeout, int) or isinstance(timeout, bool) or timeout <= 0:
        issues.append(Issue(file=where, column="timeout", value=timeout, rule="positive integer",
                            message="timeout must be a whole number of seconds"))
    if issues:
        raise InputError(issues)
    data["formats"] = check_formats(data.get("formats", ["html"]), where)
    return data


def _notebook_entries(batch: dict[str, Any], notebooks_dir: Path, where: str) -> list[tuple[Path, dict]]:
    entries = batch.get("notebooks", "all")
    if entries == "all":
        found = sorted(Path(notebooks_dir).glob("*.ipynb"))
        if not found:
            raise InputError([Issue(file=where, column="notebooks", rule="notebooks exist",
                                    message=f"no notebooks in {paths.relative_to_project(notebooks_dir)}")])
        return [(p.resolve(), {}) for p in found]
    if not isinstance(entries, list) or not entries:
        raise InputError([Issue(file=where, column="notebooks", value=entries, rule="list",
                                message="notebooks must be 'all' or a list of notebook names")])
    out, issues = [], []
    for entry in entries:
        name, extra = (entry.get("name"), entry.get("parameters", {})) if isinstance(entry, dict) else (entry, {})
        try:
            out.append((find_notebook(str(name), notebooks_dir), dict(extra or {})))
        except InputError as exc:
            issues += [dataclasses.replace(i, file=where, column="notebooks") for i in exc.issues]
    if issues:
        raise InputError(issues)
    return out


def plan_batch(path: Path | str, *, reports_dir: Path = paths.REPORTS_DIR,
               notebooks_dir: Path = paths.NOTEBOOKS_DIR) -> tuple[dict[str, Any], list[RunSpec]]:
    """Expand the batch file at ``path`` into runs, checking every value first.

    Returns
    -------
    (dict, list of RunSpec)
        The batch settings and the runs, in notebook × province × scenario × language order.
    """
    batch = load_batch(path)
    where = paths.relative_to_project(path)
    notebooks = _notebook_entries(batch, notebooks_dir, where)
    common = batch.get("parameters") or {}
    contracts = {nb: read_contract(nb) for nb, _ in notebooks}
    declared = set().union(*contracts.values())
    issues = []
    for key in common:
        if key not in declared:
            close = difflib.get_close_matches(key, sorted(declared), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            issues.append(Issue(file=where, column=key, value=common[key], rule="declared parameter",
                                message=f"no notebook in the batch has a parameter '{key}'{hint}"))
    git, batch_dir = git_state(), Path(reports_dir) / batch["name"]
    specs: list[RunSpec] = []
    for nb, extra in notebooks:
        contract = contracts[nb]
        base = {k: v for k, v in common.items() if k in contract} | extra
        for combo in _combinations(batch, contract):
            try:
                specs.append(plan_run(nb, base | combo, batch=batch["name"], batch_dir=batch_dir,
                                      formats=batch["formats"], timeout=batch.get("timeout", 600), git=git))
            except InputError as exc:
                issues += [dataclasses.replace(i, file=where, message=f"{nb.stem}: {i.message}") for i in exc.issues]
    seen: dict[str, int] = {}
    for spec in specs:
        seen[spec.run_id] = seen.get(spec.run_id, 0) + 1
    issues += [Issue(file=where, value=rid, rule="unique runs", message=f"run '{rid}' appears {n} times "
                     "(two spellings of the same province?)") for rid, n in seen.items() if n > 1]
    if issues:
        raise InputError(issues)
    return batch, specs


def _combinations(batch: dict[str, Any], contract: dict) -> list[dict[str, Any]]:
    combos: list[dict[str, Any]] = [{}]
    for key, param in MATRIX:
        if key in batch and param in contract:
            combos = [c | {param: value} for c in combos for value in batch[key]]
    return combos
