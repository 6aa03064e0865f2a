"""The notebook parameter contract: declared in the notebook, checked before any kernel starts.

Input: a notebook's cell tagged ``parameters``, made only of annotated literal assignments::

    province: str = "Bà Rịa – Vũng Tàu"  # province analysed (any common spelling)
    lang: str = "vi"                     # report language
    target_year: int = 2030
    scenario_file: str = ""              # empty: the province's own file, else the national set

Names of the run vocabulary (:class:`analysis.run.parameters.RunParameters`: ``province``, ``map``, ``lang``,
``scenario_file``, ``main_scenario``, ``target_year``, ``pgi_year``, ``n_draws`` …) take their type, range,
allowed values and help from the vocabulary: the notebook must declare the same type, and its comment is only a
reminder for the reader. A notebook written for a special purpose may declare other names ("local" parameters),
each with a comment: help text, then ``;``-separated constraints ``choices: a, b``, ``range: LO..HI`` (either end
may be empty) or ``path`` (an existing file, hashed into the run manifest). A local name close to a vocabulary
name is refused (``year`` for ``pgi_year``): one word for one thing.

Types: ``str``, ``int``, ``float``, ``bool``, ``list[str]``, ``list[int]``, ``list[float]``, each
optionally ``| None``. The ``province`` is resolved through the registry on the run's ``map`` and passed on as the
canonical name; files named by path parameters may live anywhere (absolute, or relative to the working directory
or the project root) and are passed on as absolute paths.

Output: :func:`read_contract` gives ``{name: ParamSpec}``; :func:`validate_parameters` checks
values (from the command line, a batch file or a test) and returns the values to inject, or raises
:class:`~analysis.errors.InputError` naming the notebook, the parameter, the value and the rule.
Values are data only: each is checked to survive papermill's injection unchanged.
"""

from __future__ import annotations

import ast
import difflib
import io
import json
import tokenize
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from analysis import paths
from analysis.errors import InputError, Issue, suggest
from analysis.run.parameters import (
    RunParameters,
    annotation_text,
    bounds_of,
    check_parameters,
    choices_of,
    resolve_file,
)

BASE_TYPES: dict[str, type] = {"str": str, "int": int, "float": float, "bool": bool}


@dataclass(frozen=True)
class ParamSpec:
    """One declared notebook parameter."""

    name: str
    type: str
    default: Any
    help: str = ""
    choices: tuple | None = None
    low: float | None = None
    high: float | None = None
    is_path: bool = False
    vocabulary: bool = False  # a name of the run vocabulary (analysis.run.parameters)

    @property
    def base(self) -> str:
        """``"int"`` for ``list[int] | None``."""
        text = self.type.replace(" | None", "")
        return text[5:-1] if text.startswith("list[") else text

    @property
    def is_list(self) -> bool:
        return self.type.startswith("list[")

    @property
    def optional(self) -> bool:
        return self.type.endswith("| None")

    def describe(self) -> str:
        """Constraint text for listings: ``choices: vi, en`` / ``range: 2025..2060`` / ``path``."""
        parts = []
        if self.choices:
            parts.append("choices: " + ", ".join(str(c) for c in self.choices))
        if self.low is not None or self.high is not None:
            parts.append(f"range: {_num(self.low)}..{_num(self.high)}")
        if self.is_path:
            parts.append("path")
        if self.name == "province":
            parts.append("province registry")
        return "; ".join(parts)


def _num(x: float | None) -> str:
    return "" if x is None else (str(int(x)) if float(x).is_integer() else str(x))


def find_parameters_cell(notebook: Path) -> tuple[str, dict]:
    """Source of the cell tagged ``parameters`` and the notebook JSON; error if there is none."""
    nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            src = cell["source"]
            return ("".join(src) if isinstance(src, list) else src), nb
    raise InputError(
        [
            Issue(
                file=paths.relative_to_project(notebook),
                rule="parameters cell",
                message="the notebook has no cell tagged 'parameters'",
            )
        ]
    )


def read_contract(notebook: Path | str) -> dict[str, ParamSpec]:
    """Parse the ``parameters`` cell of ``notebook`` into its declared parameters.

    Parameters
    ----------
    notebook : Path or str
        An ``.ipynb`` file.

    Returns
    -------
    dict[str, ParamSpec]
        In the order declared.

    Raises
    ------
    InputError
        The cell is missing, is not made of annotated literal assignments, uses an unsupported type,
        or a default breaks its own constraint.
    """
    notebook = Path(notebook)
    where = paths.relative_to_project(notebook)
    source, _ = find_parameters_cell(notebook)
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise InputError(
            [
                Issue(
                    file=where,
                    row=exc.lineno,
                    rule="parameters cell",
                    message=f"the parameters cell is not valid Python: {exc.msg}",
                )
            ]
        ) from exc
    comments = _comments_by_line(source)
    specs: dict[str, ParamSpec] = {}
    issues: list[Issue] = []
    for node in tree.body:
        try:
            spec = _parse_statement(node, comments.get(node.end_lineno, ""))
        except ValueError as exc:
            name = node.target.id if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) else None
            issues.append(Issue(file=where, row=node.lineno, column=name, rule="parameters cell", message=str(exc)))
            continue
        specs[spec.name] = spec
    if not issues:
        for spec in specs.values():
            if spec.vocabulary:
                continue
            if spec.default is not None:
                issues += _check_value(spec, spec.default, where)
        vocab = {n: s.default for n, s in specs.items() if s.vocabulary}
        try:
            check_parameters(vocab, where=where)
        except InputError as exc:
            issues += [replace(i, message=f"the default: {i.message}") for i in exc.issues]
    if issues:
        raise InputError(issues)
    return specs


def _comments_by_line(source: str) -> dict[int, str]:
    out = {}
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            out[tok.start[0]] = tok.string.lstrip("#").strip()
    return out


def _parse_statement(node: ast.stmt, comment: str) -> ParamSpec:
    if not (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None):
        raise ValueError('only annotated literal assignments are allowed here, e.g. `lang: str = "vi"  # help`')
    name, annotation = node.target.id, ast.unparse(node.annotation)
    base = annotation.removesuffix(" | None")
    inner = base[5:-1] if base.startswith("list[") and base.endswith("]") else base
    if inner not in BASE_TYPES:
        raise ValueError(
            f"type {annotation!r} of '{name}' is not supported "
            "(use str, int, float, bool or list[...] of them, optionally | None)"
        )
    try:
        default = ast.literal_eval(node.value)
    except ValueError as exc:
        raise ValueError(f"the default of '{name}' must be a literal (derive values in the next cell)") from exc
    help_text, *constraints = [part.strip() for part in comment.split(";")] if comment else ("",)
    if name in RunParameters.model_fields:
        return _vocabulary_spec(name, annotation, default, constraints, inner)
    close = difflib.get_close_matches(name, RunParameters.names(), n=1, cutoff=0.6)
    if close:
        raise ValueError(
            f"'{name}' is not a run parameter but is close to '{close[0]}'; use the vocabulary's name "
            f"(analysis.run.parameters) so that one word means one thing"
        )
    if not help_text:
        raise ValueError(f"parameter '{name}' needs a comment saying what it is (`# help`)")
    return ParamSpec(
        name=name, type=annotation, default=default, help=help_text, **_constraints(name, inner, constraints)
    )


def _constraints(name: str, inner: str, constraints: list[str], *, strict: bool = True) -> dict[str, Any]:
    """``choices`` / ``low`` / ``high`` / ``is_path`` from comment items; other text is an error when ``strict``."""
    fields: dict[str, Any] = {}
    for item in filter(None, constraints):
        key, _, value = (s.strip() for s in item.partition(":"))
        if key == "choices":
            fields["choices"] = tuple(_cast_text(inner, v.strip()) for v in value.split(","))
        elif key == "range":
            lo, sep, hi = value.partition("..")
            if not sep or inner not in ("int", "float"):
                raise ValueError(f"'range' of '{name}' must read LO..HI and needs a numeric type")
            fields["low"] = float(lo) if lo.strip() else None
            fields["high"] = float(hi) if hi.strip() else None
        elif key == "path" and not value:
            fields["is_path"] = True
        elif strict:
            raise ValueError(f"unknown constraint {item!r} for '{name}' (use choices: …, range: LO..HI or path)")
    return fields


def _vocabulary_spec(name: str, annotation: str, default: Any, constraints: list[str], inner: str) -> ParamSpec:
    """A vocabulary parameter: type, range, choices and help come from :class:`RunParameters`; a constraint written
    in the comment must say the same as the vocabulary (one definition of each word)."""
    expected = annotation_text(name)
    if annotation != expected:
        raise ValueError(f"'{name}' is a run parameter of type {expected}, not {annotation}")
    field = RunParameters.model_fields[name]
    low, high = bounds_of(name)
    spec = ParamSpec(
        name=name,
        type=annotation,
        default=default,
        help=field.description or "",
        choices=choices_of(name),
        low=low,
        high=high,
        is_path=name in RunParameters.path_names(),
        vocabulary=True,
    )
    for key, value in _constraints(name, inner, constraints, strict=False).items():
        ours = getattr(spec, key)
        if (set(value) != set(ours or ())) if key == "choices" else value != ours:
            raise ValueError(
                f"'{name}' is a run parameter: its {key.replace('is_', '')} comes from the vocabulary "
                f"(analysis.run.parameters: {ours!r}), not from the comment ({value!r})"
            )
    return spec


def _cast_text(base: str, text: str) -> Any:
    """Turn command-line text into a value of ``base`` type."""
    if base == "str":
        return text
    if base == "bool":
        low = text.strip().lower()
        if low in ("true", "yes", "1", "on"):
            return True
        if low in ("false", "no", "0", "off"):
            return False
        raise ValueError(f"{text!r} is not true or false")
    try:
        return int(text) if base == "int" else float(text)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not {'an integer' if base == 'int' else 'a number'}") from exc


def parse_cli_values(contract: dict[str, ParamSpec], pairs: list[tuple[str, str]], *, notebook: str) -> dict:
    """Turn ``-p NAME VALUE`` text pairs into typed values (lists: comma-separated; ``none`` for None)."""
    values, issues = {}, []
    for name, text in pairs:
        spec = contract.get(name)
        if spec is None:
            values[name] = text  # reported as unknown by validate_parameters
            continue
        try:
            if spec.optional and text.strip().lower() in ("none", "null", ""):
                values[name] = None
            elif spec.is_list:
                values[name] = [_cast_text(spec.base, v.strip()) for v in text.split(",") if v.strip()]
            else:
                values[name] = _cast_text(spec.base, text)
        except ValueError as exc:
            issues.append(
                Issue(
                    file=notebook,
                    column=name,
                    value=text,
                    rule=f"type {spec.type}",
                    message=f"parameter '{name}': {exc}",
                )
            )
    if issues:
        raise InputError(issues)
    return values


def _resolve_default_map(contract: dict[str, ParamSpec], notebook: str, out: dict[str, Any]) -> list[Issue]:
    """No place given: the notebook's own province on today's map, resolved into ``out["map"]`` so the run id names
    that map (not "map0") and the run says which map it is on; the issues when the default does not resolve."""
    if "map" not in contract or "province" not in contract or "map" in out or contract["map"].default:
        return []
    try:
        resolved = check_parameters(
            {"province": contract["province"].default}, where=notebook, context={"map": contract["map"].default}
        )
    except InputError as exc:
        return list(exc.issues)
    out["map"] = resolved["map"]
    return []


def validate_parameters(contract: dict[str, ParamSpec], values: dict[str, Any], *, notebook: str) -> dict[str, Any]:
    """Check ``values`` against ``contract``; return them ready to inject (province canonical, files absolute).

    Raises
    ------
    InputError
        Unknown names (with the closest declared name), wrong types, values outside the
        allowed choices or range, unknown provinces, missing files, or values that would not
        reach the notebook unchanged.
    """
    issues: list[Issue] = []
    vocab, local = {}, {}
    for name, value in values.items():
        spec = contract.get(name)
        if spec is None:
            hint = suggest(name, contract) if contract else "; the notebook declares none"
            issues.append(
                Issue(
                    file=notebook,
                    column=name,
                    value=value,
                    rule="declared parameter",
                    message=f"unknown parameter '{name}'{hint}",
                )
            )
        elif spec.vocabulary:
            vocab[name] = value
        else:
            local[name] = value
    out: dict[str, Any] = {}
    if vocab:
        context = {n: s.default for n, s in contract.items() if s.vocabulary and n not in vocab}
        try:
            out.update(check_parameters(vocab, where=notebook, context=context))
            if "map" not in contract:  # the map a province resolved to, for a notebook that has no map
                out.pop("map", None)
        except InputError as exc:
            issues += exc.issues
    issues += _resolve_default_map(contract, notebook, out)
    for name, value in local.items():
        found = _check_value(contract[name], value, notebook)
        if found:
            issues += found
        else:
            is_file = contract[name].is_path and value
            out[name] = resolve_file(value, name=name, where=notebook).as_posix() if is_file else value
    for name, value in out.items():
        if not _survives_injection(value):
            issues.append(
                Issue(
                    file=notebook,
                    column=name,
                    value=value,
                    rule="data only",
                    message=f"parameter '{name}' contains characters that cannot be passed safely",
                )
            )
    if issues:
        raise InputError(issues)
    return out


def _type_ok(base: str, value: Any) -> bool:
    if base == "float":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if base == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, BASE_TYPES[base])


def _check_value(spec: ParamSpec, value: Any, notebook: str) -> list[Issue]:
    def issue(rule: str, message: str) -> list[Issue]:
        return [Issue(file=notebook, column=spec.name, value=value, rule=rule, message=message)]

    if value is None:
        return [] if spec.optional else issue(f"type {spec.type}", f"parameter '{spec.name}' may not be empty")
    items = value if spec.is_list else [value]
    if spec.is_list and not isinstance(value, list):
        return issue(f"type {spec.type}", f"parameter '{spec.name}' must be a list of {spec.base}")
    for item in items:
        if not _type_ok(spec.base, item):
            return issue(
                f"type {spec.type}", f"parameter '{spec.name}' must be {spec.type}, not {type(item).__name__} {item!r}"
            )
        if spec.choices and item not in spec.choices:
            allowed = ", ".join(str(c) for c in spec.choices)
            return issue("choices", f"parameter '{spec.name}' must be one of {allowed}, not {item!r}")
        if (spec.low is not None and item < spec.low) or (spec.high is not None and item > spec.high):
            return issue(
                "range", f"parameter '{spec.name}' must be within {_num(spec.low)}..{_num(spec.high)}, not {item!r}"
            )
        if spec.is_path:
            problem = _check_path(item)
            if problem:
                return issue("path", f"parameter '{spec.name}': {problem}")
    if not _survives_injection(value):
        return issue("data only", f"parameter '{spec.name}' contains characters that cannot be passed safely")
    return []


def _check_path(text: str) -> str | None:
    try:
        resolve_file(text, name="", where="")
    except InputError as exc:
        return exc.issues[0].message.removeprefix("parameter '': ")
    return None


def _survives_injection(value: Any) -> bool:
    """True when papermill's injected code reads back exactly ``value`` (no code can be smuggled in)."""
    from papermill.translators import PythonTranslator

    if isinstance(value, str) and any(ord(ch) < 32 and ch not in "\t\n" for ch in value):
        return False
    try:
        return ast.literal_eval(PythonTranslator.translate(value)) == value
    except (ValueError, SyntaxError):
        return False
