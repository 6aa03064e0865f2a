"""Safe YAML reading for every configuration file (scenarios, targets, weights, profiles, batches).

Inputs: a YAML file written by an analyst. Output: plain Python data (``dict``/``list``/scalars), or an
:class:`~analysis.errors.InputError` naming the file and, where known, the row.

- Only ``yaml.safe_load`` is used (no Python objects can be built from a file).
- Anchors and aliases are refused and the file size is capped, so an "alias bomb" (a few lines that
  expand to gigabytes) cannot exhaust memory.
"""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from analysis.data.readers import file_memo
from analysis.errors import InputError, Issue
from analysis.paths import relative_to_project

MAX_YAML_BYTES = 1_000_000
# libyaml's C loader when the wheel has it (about ten times faster on the profiles), else the pure-Python one;
# both are the safe loader: no Python objects are built.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml_file(path: str | Path) -> tuple[object, str]:
    """Read ``path`` safely; return ``(data, file_label)`` where the label is used in error messages.

    Parsed once per process for a file that has not changed (:func:`analysis.data.readers.file_memo`); each call
    gets its own copy of the data.
    """
    data, label = file_memo(path, "yaml", lambda: _load_yaml_file(path))
    return copy.deepcopy(data), label


def _load_yaml_file(path: str | Path) -> tuple[object, str]:
    path = Path(path)
    label = relative_to_project(path)
    if not path.is_file():
        raise InputError([Issue(file=label, rule="file exists", message="the file does not exist")])
    raw = path.read_bytes()
    if len(raw) > MAX_YAML_BYTES:
        raise InputError(
            [
                Issue(
                    file=label,
                    rule="file size",
                    value=len(raw),
                    message=f"the file is larger than {MAX_YAML_BYTES:,} bytes; a configuration "
                    "file should be a few kilobytes",
                )
            ]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            [Issue(file=label, rule="UTF-8 text", message=f"the file is not UTF-8 text ({exc.reason})")]
        ) from None
    return parse_yaml_text(text, label), label


def parse_yaml_text(text: str, label: str) -> object:
    """Parse YAML text with ``safe_load`` after refusing anchors and aliases."""
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                raise InputError(
                    [
                        Issue(
                            file=label,
                            row=mark.line + 1,
                            rule="no YAML anchors or aliases",
                            message="YAML anchors (&name) and aliases (*name) are not allowed; write "
                            "the values out (this guards against files that expand without "
                            "limit)",
                        )
                    ]
                )
        return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(
            [Issue(file=label, row=row, rule="valid YAML", message=f"the file is not valid YAML: {problem}")]
        ) from None
