"""Safe YAML reading and key checking shared by the scenario and target files.

Inputs: a YAML file written by an analyst. Output: plain Python data (``dict``/``list``/scalars), or an
:class:`~analysis.errors.InputError` naming the file and the key path (``scenarios.x.measures[2].kind``).

- Only ``yaml.safe_load`` is used (no Python objects can be built from a file).
- Anchors and aliases are refused and the file size is capped, so an "alias bomb" (a few lines that
  expand to gigabytes) cannot exhaust memory.
- Unknown keys are errors that suggest the closest known key (``difflib``).
"""

from __future__ import annotations

import difflib
from pathlib import Path

import yaml

from analysis.errors import InputError, Issue
from analysis.paths import relative_to_project

MAX_YAML_BYTES = 1_000_000


def load_yaml_file(path: str | Path) -> tuple[object, str]:
    """Read ``path`` safely; return ``(data, file_label)`` where the label is used in error messages."""
    path = Path(path)
    label = relative_to_project(path)
    if not path.is_file():
        raise InputError([Issue(file=label, rule="file exists", message="the file does not exist")])
    raw = path.read_bytes()
    if len(raw) > MAX_YAML_BYTES:
        raise InputError([Issue(file=label, rule="file size", value=len(raw),
                                message=f"the file is larger than {MAX_YAML_BYTES:,} bytes; a scenario or target "
                                        "file should be a few kilobytes")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([Issue(file=label, rule="UTF-8 text", message=f"the file is not UTF-8 text ({exc.reason})")]) \
            from None
    return parse_yaml_text(text, label), label


def parse_yaml_text(text: str, label: str) -> object:
    """Parse YAML text with ``safe_load`` after refusing anchors and aliases."""
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                raise InputError([Issue(file=label, row=mark.line + 1, rule="no YAML anchors or aliases",
                                        message="YAML anchors (&name) and aliases (*name) are not allowed; write "
                                                "the values out (this guards against files that expand without "
                                                "limit)")])
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError([Issue(file=label, row=row, rule="valid YAML",
                                message=f"the file is not valid YAML: {problem}")]) from None


def check_keys(mapping: dict, allowed: set[str] | tuple[str, ...], file: str, path: str,
               required: tuple[str, ...] = ()) -> list[Issue]:
    """Issues for keys of ``mapping`` not in ``allowed`` (with the closest suggestion) and missing ``required``."""
    issues = []
    allowed = set(allowed)
    for key in mapping:
        if str(key) not in allowed:
            close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f" (known keys: {', '.join(sorted(allowed))})"
            issues.append(Issue(file=file, column=join_path(path, str(key)), rule="known key", value=key,
                                message=f"unknown key '{key}'{hint}"))
    for key in required:
        if key not in mapping:
            issues.append(Issue(file=file, column=join_path(path, key), rule="required key",
                                message=f"the key '{key}' is required here"))
    return issues


def join_path(path: str, key: str | int) -> str:
    """``join_path("a.b", "c")`` -> ``"a.b.c"``; integers become ``[i]``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def require_mapping(value: object, file: str, path: str) -> list[Issue]:
    """One issue when ``value`` is not a mapping."""
    if isinstance(value, dict):
        return []
    return [Issue(file=file, column=path or None, rule="mapping", value=value,
                  message="expected a mapping of 'key: value' lines here")]


def read_number(mapping: dict, key: str, file: str, path: str, issues: list[Issue], *,
                low: float | None = None, high: float | None = None, integer: bool = False,
                default: float | None = None) -> float | None:
    """Read ``mapping[key]`` as a number within ``[low, high]``; append an issue and return ``None`` when bad."""
    if key not in mapping:
        return default
    value = mapping[key]
    where = join_path(path, key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        issues.append(Issue(file=file, column=where, rule="number", value=value,
                            message=f"'{key}' must be a number"))
        return None
    if integer and int(value) != value:
        issues.append(Issue(file=file, column=where, rule="whole number", value=value,
                            message=f"'{key}' must be a whole number"))
        return None
    if (low is not None and value < low) or (high is not None and value > high):
        issues.append(Issue(file=file, column=where, rule="range", value=value,
                            message=f"'{key}' must lie between {low} and {high}"))
        return None
    return int(value) if integer else float(value)
