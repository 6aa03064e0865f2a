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


from analysis.data.yamlio import MAX_YAML_BYTES, load_yaml_file, parse_yaml_text  # noqa: F401 (re-exported)
from analysis.errors import Issue



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


def read_kind(raw: object, key: str, allowed, file: str, path: str, issues: list[Issue], what: str) -> str | None:
    """The ``key`` of a mapping whose value must be one of ``allowed`` (``kind``, ``dist`` …).

    Appends one issue and returns ``None`` when ``raw`` is not a mapping or the value is not allowed.
    """
    problems = require_mapping(raw, file, path)
    if problems:
        issues.extend(problems)
        return None
    value = raw.get(key)
    if value not in allowed:
        issues.append(Issue(file=file, column=join_path(path, key), rule=f"known {what}", value=value,
                            message=f"'{key}' must be one of {', '.join(allowed)}"))
        return None
    return value


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
