"""Which scenario and target files a run for a province uses — its own, or the national set; never another's.

Inputs: the province (canonical, on the run's map), the names of the 2024 provinces it is made of (one, or the
constituents of a 2025 unit), and optionally the files the analyst named. The files live in
``config/scenarios/*.yaml`` and ``config/targets/*.yaml`` and say which provinces they are for
(``provinces: [...]`` on a ``map``, or ``provinces: any``).

Outputs: :func:`find_scenarios` gives the :class:`~analysis.emissions.scenarios.ScenarioSet` and where it came from
(``own``, ``national`` or ``given``); :func:`collect_targets` the targets with their origin (``own``, ``national``
— a national target applied to the province —, ``inherited`` — a former province's target carried into the unit it
joined — or ``given``) and the headline target ids each file declares.
"""

from __future__ import annotations

from pathlib import Path

from analysis import paths
from analysis.emissions.scenarios import ScenarioSet, load_scenarios
from analysis.emissions.targets import Target, load_target_set
from analysis.errors import InputError, Issue

SCENARIOS_DIR = paths.CONFIG_DIR / "scenarios"
TARGETS_DIR = paths.CONFIG_DIR / "targets"


def yaml_files(folder: Path) -> list[Path]:
    """The scenario or target files of ``folder`` (``*.yaml``), in name order: what a run looks for its own among."""
    return sorted(p for p in Path(folder).glob("*.yaml") if p.is_file())


def wrong_province(found, kind: str, province: str, admin_map: int) -> InputError:
    """The error of a scenario or target file (``found``: its set, with ``file``, ``provinces`` and ``map``) named for a
    run it is not written for; when only the map differs (the same name on the other map), says which key to add."""
    names = ", ".join(found.provinces or ())
    if found.map != admin_map and province in (found.provinces or ()):
        era = "the 34 units since 1 July 2025" if admin_map == 2025 else "the 63 provinces before 1 July 2025"
        message = (
            f"the {kind} file is written for {names} on the {found.map} map (its 'map' key; 2024 when absent), and "
            f"this run is {province} on the {admin_map} map ({era}); if the file is for this {province}, add "
            f"'map: {admin_map}' to it"
        )
    else:
        message = (
            f"the {kind} file is written for {names}, not {province} (on the {admin_map} map); name a file for "
            f"{province}, or leave the parameter empty to use its own file or the national set"
        )
    return InputError(
        [
            Issue(
                file=found.file, column="provinces", value=names, rule=f"{kind} file for this province", message=message
            )
        ]
    )


def find_scenarios(
    province: str,
    admin_map: int,
    scenario_file: str | Path | None = None,
    folder: Path = SCENARIOS_DIR,
) -> tuple[ScenarioSet, str]:
    """The scenario set of a run and its origin: the named file (checked to apply), the province's own, or the
    national set (the one file with ``provinces: any``)."""
    if scenario_file:
        found = load_scenarios(scenario_file)
        if not found.applies_to(province, admin_map):
            raise wrong_province(found, "scenario", province, admin_map)
        return found, "given" if found.provinces is not None else "national"
    sets = [load_scenarios(p) for p in yaml_files(folder)]
    own = [s for s in sets if s.provinces is not None and s.applies_to(province, admin_map)]
    if len(own) > 1:
        raise InputError(
            [
                Issue(
                    file=paths.relative_to_project(folder),
                    column="scenario_file",
                    rule="one own file",
                    message=f"several scenario files are for {province}: "
                    f"{', '.join(s.file for s in own)}; name one with scenario_file",
                )
            ]
        )
    if own:
        return own[0], "own"
    national = [s for s in sets if s.provinces is None]
    if len(national) != 1:
        raise InputError(
            [
                Issue(
                    file=paths.relative_to_project(folder),
                    column="provinces",
                    rule="one national set",
                    message=f"{province} has no scenario file of its own and there must be exactly one "
                    f"national set (provinces: any); found {len(national)}",
                )
            ]
        )
    return national[0], "national"


def _relabel(target: Target, origin: str, of: str | None = None) -> Target:
    from dataclasses import replace

    return replace(target, origin=origin, of=of)


def collect_targets(
    province: str,
    admin_map: int,
    constituents: tuple[str, ...],
    targets_file: str | Path | None = None,
    folder: Path = TARGETS_DIR,
) -> tuple[list[Target], dict[str, list[str]]]:
    """The targets of a run and the headline ids declared per origin (``{"own": [...], "national": [...]}``).

    With ``targets_file`` only that file is used (it must apply to the province). Otherwise: the national targets
    (``provinces: any``), the province's own, and — for a 2025 unit — the own targets of each province merged into
    it, marked ``inherited`` from that province.
    """
    if targets_file:
        found = load_target_set(targets_file)
        if not found.applies_to(province, admin_map):
            raise wrong_province(found, "target", province, admin_map)
        origin = "national" if found.provinces is None else "own"
        return [_relabel(t, origin) for t in found.targets], {origin: list(found.headline)}
    targets: list[Target] = []
    headlines: dict[str, list[str]] = {}
    for path in yaml_files(folder):
        found = load_target_set(path)
        if found.provinces is None:
            origin, of = "national", None
        elif found.applies_to(province, admin_map):
            origin, of = "own", None
        elif (
            admin_map == 2025
            and found.map == 2024
            and len(constituents) > 1
            and set(found.provinces) & set(constituents)
        ):
            origin, of = "inherited", ", ".join(p for p in found.provinces if p in constituents)
        else:
            continue
        targets += [_relabel(t, origin, of) for t in found.targets]
        headlines.setdefault(origin, []).extend(found.headline)
    ids = [t.id for t in targets]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise InputError(
            [
                Issue(
                    file=paths.relative_to_project(folder),
                    column="id",
                    value=twice[0],
                    rule="unique target id",
                    message=f"the target id '{twice[0]}' is used in two target files that apply to {province}",
                )
            ]
        )
    return targets, headlines
