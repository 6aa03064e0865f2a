"""One validator style for every configuration file: pydantic models that reject unknown keys.

Inputs: parsed YAML (from :func:`analysis.data.yamlio.load_yaml_file`) and a :class:`ConfigModel` subclass.
Output: the validated model, or an :class:`~analysis.errors.InputError` whose issues name the file and the key path
(``scenarios.action_plan_2030.measures[2].start_year``), the value and the rule, in words an analyst can act on.
An unknown key gets the closest known key suggested (:func:`analysis.errors.suggest`).

Every configuration kind (profile, scenarios, targets, index weights, batches, run parameters) is a model built on
:class:`ConfigModel`, so they all report problems the same way.
"""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

from analysis.errors import InputError, Issue, suggest

M = TypeVar("M", bound=BaseModel)


class ConfigModel(BaseModel):
    """Base of every configuration model: unknown keys are errors, values are taken as written (strict)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


def join_path(path: str, key: str | int) -> str:
    """``join_path("a.b", "c")`` -> ``"a.b.c"``; integers become ``[i]``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


def strip_tags(loc: tuple, skip: tuple = ()) -> tuple:
    """``loc`` without the first occurrence of each union tag in ``skip`` (pydantic puts the tag of a
    discriminated union into the location: ``('percent', 'percent')`` is the field ``percent`` of a percent measure)."""
    out, seen = [], set()
    for part in loc:
        if isinstance(part, str) and part in skip and part not in seen:
            seen.add(part)
            continue
        out.append(part)
    return tuple(out)


def loc_to_path(loc: tuple, prefix: str = "", skip: tuple = ()) -> str:
    """A pydantic error location as a key path; union tags in ``skip`` (e.g. measure kinds) are left out."""
    path = prefix
    for part in strip_tags(loc, skip):
        path = join_path(path, part)
    return path


def type_members(annotation: Any) -> list[Any]:
    """The member types of ``X | None``, ``Annotated[X, …]`` and unions."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return type_members(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [m for a in typing.get_args(annotation) for m in type_members(a) if a is not type(None)]
    return [annotation]


def _step(annotation: Any, part: str | int) -> Any:
    """The type found one step down ``annotation`` at location ``part`` (a field, a key, an index or a union tag)."""
    members = type_members(annotation)
    for member in members:  # a discriminated union: the location names the tag (e.g. the measure kind)
        if isinstance(member, type) and issubclass(member, BaseModel) and getattr(member, "TAG", None) == part:
            return member
    for member in members:
        origin = typing.get_origin(member)
        if isinstance(member, type) and issubclass(member, BaseModel):
            if isinstance(part, str) and part in member.model_fields:
                return member.model_fields[part].annotation
            continue
        if origin in (dict, typing.Mapping) or member is dict:
            args = typing.get_args(member)
            return args[1] if len(args) == 2 else Any
        if origin in (list, tuple) or member in (list, tuple):
            args = typing.get_args(member)
            return args[0] if args else Any
    return None


def known_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys a mapping at ``loc`` (below ``model``) may hold, for the suggestion on an unknown key."""
    annotation: Any = model
    for part in loc:
        annotation = _step(annotation, part)
        if annotation is None:
            return []
    for member in type_members(annotation):
        if isinstance(member, type) and issubclass(member, BaseModel):
            return [f.alias or name for name, f in member.model_fields.items()]
    return []


_TYPE_WORDS = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "string_type": "text",
    "bool_type": "true or false",
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a mapping of 'key: value' lines",
    "model_type": "a mapping of 'key: value' lines",
    "model_attributes_type": "a mapping of 'key: value' lines",
}


def _describe(err: dict, key: str, model: type[BaseModel]) -> tuple[str, str]:
    """(message, rule) of one pydantic error, worded for the analyst."""
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "extra_forbidden":
        hint = suggest(key, known_keys(model, tuple(err["loc"][:-1])))
        return f"unknown key '{key}'{hint}", "known key"
    if kind == "missing":
        return f"the key '{key}' is required here", "required key"
    if kind in _TYPE_WORDS:
        return f"'{key}' must be {_TYPE_WORDS[kind]}", "type"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()))
        words = {
            "greater_than_equal": "at least",
            "greater_than": "above",
            "less_than_equal": "at most",
            "less_than": "below",
        }[kind]
        return f"'{key}' must be {words} {bound}", "range"
    if kind == "literal_error":
        return f"'{key}' must be one of {ctx.get('expected', '')}", "allowed values"
    if kind == "union_tag_invalid":
        tag = str(ctx.get("discriminator", key)).strip("'")
        known = [k.strip(" '") for k in str(ctx.get("expected_tags", "")).split(",")]
        hint = suggest(ctx.get("tag", ""), known, list_known=False)
        return f"'{tag}' is '{ctx.get('tag', '')}'; it must be one of {', '.join(known)}{hint}", "allowed values"
    if kind == "union_tag_not_found":
        tag = str(ctx.get("discriminator", key)).strip("'")
        return f"the key '{tag}' is required here", "required key"
    message = str(err.get("msg", ""))
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message, "valid value" if kind in ("value_error", "assertion_error") else kind.replace("_", " ")


def issues_from(
    exc: ValidationError, model: type[BaseModel], file: str, prefix: str = "", skip: tuple = ()
) -> list[Issue]:
    """Issues (file, key path, value, rule, message) for every error of ``exc``."""
    issues = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        key = str(next((p for p in reversed(strip_tags(loc, skip)) if isinstance(p, str)), prefix or "file"))
        message, rule = _describe(err, key, model)
        value = (
            err.get("input")
            if err["type"] not in ("missing", "extra_forbidden", "model_type", "dict_type", "list_type")
            else None
        )
        if isinstance(value, (dict, list)):
            value = None
        issues.append(
            Issue(file=file, column=loc_to_path(loc, prefix, skip) or None, rule=rule, message=message, value=value)
        )
    return issues


def validate_config(
    data: object, model: Any, file: str, *, prefix: str = "", context: dict | None = None, skip: tuple = ()
) -> Any:
    """Validate parsed YAML ``data`` with ``model`` (a model class, or any type such as a union of models);
    raise :class:`InputError` listing every problem."""
    try:
        if isinstance(model, type) and issubclass(model, BaseModel):
            return model.model_validate(data, context=context)
        return TypeAdapter(model).validate_python(data, context=context)
    except ValidationError as exc:
        raise InputError(issues_from(exc, model, file, prefix, skip)) from None


def rule_error(rule: str, message: str) -> PydanticCustomError:
    """An error raised inside a model validator whose ``rule`` appears in the analyst's message."""
    return PydanticCustomError(rule.replace(" ", "_"), message)


def load_config(path: str | Path, model: type[M], *, context: dict | None = None) -> tuple[M, str]:
    """Read a YAML configuration file safely and validate it; return the model and the file's label."""
    from analysis.data.yamlio import load_yaml_file

    data, label = load_yaml_file(path)
    return validate_config(data, model, label, context=context), label
