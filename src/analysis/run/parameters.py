"""The run vocabulary: every parameter a notebook, a ``netzero`` command or a batch may set, defined once.

Input: values from a notebook's ``parameters`` cell, ``netzero run -p NAME VALUE``, a batch file's ``matrix:`` and
``parameters:``, or keyword arguments in Python. Output: a validated :class:`RunParameters` (types, ranges and
allowed values checked; the province resolved through the registry on the chosen ``map``; files found and made
absolute). :func:`analysis.run.build_run` turns it into a run context.

A notebook declares the subset of these names it uses, with literal defaults (papermill injects new values after
that cell); :mod:`analysis.report.params` checks each declared name and type against this vocabulary, so the same
word means the same thing everywhere. Empty strings mean "choose for me" and are resolved in the run context:
the province's own scenario and target files, else the national set; the file's declared main and long-term
scenarios; the province's own headline target, else the national NDC target.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from analysis import paths
from analysis.config.base import ConfigModel, validate_config
from analysis.errors import InputError, Issue, ProvinceNotFoundError

PATH = {"path": True}  # json_schema_extra marking a file parameter


def _path(help_text: str) -> Any:
    return Field("", description=help_text, json_schema_extra=PATH)


class RunParameters(ConfigModel):
    """Every run parameter, with its type, range, default and help (the one vocabulary)."""

    province: str = Field("Bà Rịa – Vũng Tàu", description="province or 2025 unit analysed (any common spelling)")
    map: Literal[0, 2024, 2025] = Field(
        0,
        description="administrative map: 2025 (the 34 units since 1 July 2025), 2024 (the 63 provinces, for history "
        "and comparison), 0: not given — a name on today's map is the 2025 unit, a former province's name is that "
        "province on the 2024 map",
    )
    lang: Literal["vi", "en"] = Field("vi", description="report language")
    view: Literal["territorial", "gpc"] = Field(
        "territorial",
        description="emissions view: territorial (released in the province) or gpc (GPC BASIC: scope 1 without "
        "grid-supplied generation + scope 2 = electricity consumed × grid factor, a proxy; docs/views.md)",
    )
    scenario_file: str = _path("scenario set (YAML); empty: the province's own file, else the national set")
    main_scenario: str = Field("", description="scenario of the headline; empty: the one the file names as main")
    long_term_scenario: str = Field("", description="scenario for 2050; empty: the one the file names as long term")
    scenarios: list[str] = Field(default_factory=list, description="scenarios shown; empty: all in the file")
    targets_file: str = _path("targets (YAML); empty: national targets and the province's own")
    headline_target: str = Field("", description="target id of the headline; empty: the province's own, else the NDC")
    base_year: int | None = Field(
        None, ge=1990, le=2060, description="expected inventory base year; empty: the inventory's own year"
    )
    target_year: int = Field(2030, ge=2025, le=2060, description="year of the headline target")
    pgi_year: int = Field(2024, ge=2022, le=2030, description="Provincial Green Index year")
    target_rank: int = Field(5, ge=1, le=63, description="PGI rank to reach in the what-if")
    n_draws: int = Field(10_000, ge=0, le=200_000, description="Monte Carlo draws (0: none)")
    seed: int = Field(20_300, ge=0, description="Monte Carlo seed (same seed, same draws)")
    facilities_file: str = _path("facility GHG register (CSV or Excel); empty: the shipped example")
    credits_file: str = _path("carbon-credit register (CSV or Excel); empty: the shipped example")
    as_of: str = Field("", description="date the reporting status is judged on (dd/mm/yyyy or ISO); empty: today")
    previous: str = _path(
        "an earlier report of the same place to compare with: its run folder or its facts.json; empty: none"
    )

    @classmethod
    def names(cls) -> list[str]:
        return list(cls.model_fields)

    @classmethod
    def path_names(cls) -> list[str]:
        return [n for n, f in cls.model_fields.items() if (f.json_schema_extra or {}).get("path")]


def annotation_text(name: str) -> str:
    """The type a notebook must declare for ``name``: ``str``, ``int``, ``list[str]``, ``int | None`` …"""
    from analysis.config.base import type_members

    field = RunParameters.model_fields[name]
    members = type_members(field.annotation)
    optional = type(None) in getattr(field.annotation, "__args__", ()) or field.default is None
    base = members[0]
    origin = getattr(base, "__origin__", None)
    if origin is Literal:
        text = type(base.__args__[0]).__name__
    elif origin is list:
        text = f"list[{base.__args__[0].__name__}]"
    else:
        text = base.__name__
    return f"{text} | None" if optional else text


def choices_of(name: str) -> tuple | None:
    """Allowed values of ``name`` (``("vi", "en")`` for ``lang``), or ``None``."""
    from analysis.config.base import type_members

    base = type_members(RunParameters.model_fields[name].annotation)[0]
    return tuple(base.__args__) if getattr(base, "__origin__", None) is Literal else None


def bounds_of(name: str) -> tuple[float | None, float | None]:
    """``(low, high)`` of a numeric parameter (``None`` when open)."""
    low = high = None
    for item in RunParameters.model_fields[name].metadata:
        low = getattr(item, "ge", None) if getattr(item, "ge", None) is not None else low
        high = getattr(item, "le", None) if getattr(item, "le", None) is not None else high
    return low, high


def resolve_file(value: str, *, name: str, where: str) -> Path:
    """An existing file named by a path parameter: absolute, or relative to the working directory, or to the
    project root (``NETZERO_HOME``), tried in that order; an error names the roots tried."""
    text = str(value).strip()
    candidate = Path(text).expanduser()
    tried = [candidate] if candidate.is_absolute() else [Path.cwd() / candidate, paths.PROJECT_ROOT / candidate]
    for path in tried:
        if path.is_file():
            return path.resolve()
    roots = (
        ""
        if candidate.is_absolute()
        else (
            f" (looked in the working directory {Path.cwd()} and in the project "
            f"root {paths.PROJECT_ROOT}, which NETZERO_HOME sets)"
        )
    )
    raise InputError(
        [
            Issue(
                file=where,
                column=name,
                value=text,
                rule="file exists",
                message=f"parameter '{name}': file {text!r} does not exist{roots}",
            )
        ]
    )


def check_parameters(
    values: dict[str, Any], *, where: str = "parameters", context: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Validate the given ``values`` (types, ranges, province, files); return them ready to use or inject.

    Only the names given are returned (defaults are left to the notebook or :class:`RunParameters`), except that a
    province comes back canonical *with its map*: the one given (or the ``map`` in ``context``, a notebook's own
    default), or when none is (0) the one :meth:`~analysis.data.provinces.Registry.locate` decides — so a run's
    parameters always say which map it is on. Files come back as absolute paths; empty file names stay empty
    ("choose for me"). Raises :class:`InputError` listing every problem.
    """
    issues: list[Issue] = []
    try:
        model = validate_config({**(context or {}), **values}, RunParameters, where)
    except InputError as exc:
        issues += exc.issues
        bad = {i.column for i in exc.issues}
        model = RunParameters.model_construct(
            **{
                k: v
                for k, v in {**(context or {}), **values}.items()
                if k not in bad and k in RunParameters.model_fields
            }
        )
    out = {k: getattr(model, k, values[k]) for k in values}
    if "province" in values and "province" not in {i.column for i in issues}:
        from analysis.data.provinces import get_registry

        try:
            place = get_registry().locate(str(out["province"]), model.map or None)
            out["province"], out["map"] = place.name, place.admin_map
        except ProvinceNotFoundError as exc:
            on = f" (on the {model.map} map)" if model.map else ""
            issues.append(
                Issue(
                    file=where,
                    column="province",
                    value=exc.name,
                    rule="province registry",
                    message=f"{exc}{on}",
                )
            )
    for name in RunParameters.path_names():
        if out.get(name) and name not in {i.column for i in issues}:
            try:
                out[name] = resolve_file(out[name], name=name, where=where).as_posix()
                check_file(
                    name,
                    out[name],
                    province=out.get("province", (context or {}).get("province")),
                    admin_map=out.get("map", model.map),
                )
            except InputError as exc:
                issues += exc.issues
    if issues:
        raise InputError(issues)
    return out


def check_file(name: str, path: str, *, province: str | None = None, admin_map: int = 0) -> None:
    """Read a file named by a path parameter with its own validator (before any kernel starts); a scenario or
    target file must also apply to the run's province."""
    if name == "scenario_file":
        from analysis.emissions.scenarios import load_scenarios as load
    elif name == "targets_file":
        from analysis.emissions.targets import load_target_set as load
    else:
        return
    found = load(path)
    if province is None:
        return
    from analysis.data.provinces import get_registry

    place = get_registry().locate(province, admin_map or None)
    if not found.applies_to(place.name, place.admin_map):
        from analysis.run.resolve import wrong_province

        raise wrong_province(found, "scenario" if name == "scenario_file" else "target", place.name, place.admin_map)


def make_parameters(**values: Any) -> RunParameters:
    """A full :class:`RunParameters` from keyword values (checked as :func:`check_parameters` does)."""
    checked = check_parameters(values)
    return RunParameters.model_validate(checked)
