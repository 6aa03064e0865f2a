"""Scenario sets: validated YAML files of named scenarios, each a list of measures with an optional parent.

Input: a YAML file such as ``config/scenarios/ba-ria-vung-tau.yaml`` (models: :mod:`analysis.config.scenarios`)::

    provinces: [Bà Rịa – Vũng Tàu]   # or: any (a set that applies to every province)
    map: 2024                         # the map the province names are on (2025: the 34 units)
    main: action_plan_2030            # the headline scenario
    long_term: net_zero_2050          # the scenario shown for 2050
    bau_uncertainty:                  # Monte Carlo distributions of the BAU inputs (optional)
      driver_growth: {dist: normal, mean: 0, sd: 0.01, assumption: …}   # added to each year's growth
    scenarios:
      bau: {label: {vi: …, en: …}, measures: []}
      action_plan_2030:
        parent: bau
        measures: [ {id: …, kind: …, …} ]
      net_zero_2050:
        parent: action_plan_2030
        remove: [some_id]             # drop an inherited measure
        measures: [ {id: ee_programme, percent: 12} ]   # same id: overrides keys of the inherited measure

Output: a :class:`ScenarioSet`. A scenario inherits its parent's measures (parents first, in order), may override
them key by key (matched by ``id``) or remove them, and each measure is validated *after* merging. Unknown keys
(with the closest suggested), unknown sectors, bad numbers, a parent that does not exist and a parent chain that
loops are errors naming the file and the key path (``scenarios.action_plan_2030.measures[2].start_year``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from analysis.config.base import join_path, validate_config
from analysis.config.scenarios import FORMAT, MEASURE_KINDS, UNASSIGNED, MeasureModel, ScenarioFileModel
from analysis.data.readers import file_memo
from analysis.data.yamlio import load_yaml_file
from analysis.emissions.measures import Distribution, Measure, as_label, distribution_from_model, measure_from_model
from analysis.errors import InputError, Issue, ProvinceNotFoundError, suggest

BAU_UNCERTAINTY_KEYS = ("driver_growth", "elasticity", "intensity_rate", "emission_factor")


@dataclass(frozen=True)
class Scenario:
    """A resolved scenario: its own and inherited measures, in the order they are applied."""

    name: str
    measures: tuple[Measure, ...]
    parent: str | None = None
    label: dict[str, str] = field(default_factory=dict)
    description: str = ""

    def title(self, lang: str = "en") -> str:
        return self.label.get(lang) or self.label.get("en") or self.name


@dataclass(frozen=True)
class GrowthOverride:
    """A BAU growth rate a scenario file sets: ``driver`` of ``province`` grows ``rate`` (a fraction per year) over
    ``first``–``last`` instead of the frozen BAU's rate (:func:`analysis.emissions.bau.regrow`)."""

    province: str | None
    driver: str
    first: int
    last: int
    rate: float
    basis: str
    where: str  # the key path in the file, for messages


@dataclass(frozen=True)
class ScenarioSet:
    """All scenarios of one file, the provinces it is for, its main and long-term scenarios, the BAU uncertainty.

    ``provinces`` is ``None`` for a set that applies to any province (the national set).
    """

    file: str
    scenarios: dict[str, Scenario]
    provinces: tuple[str, ...] | None = None
    map: int = 2024
    main: str | None = None
    long_term: str | None = None
    bau_uncertainty: dict[str, Distribution] = field(default_factory=dict)
    description: str = ""
    path: Path | None = None
    bau_growth: tuple[GrowthOverride, ...] = ()
    format: int = FORMAT  # the file's format revision (1: read with a warning; `netzero upgrade` writes format 2)

    def __getitem__(self, name: str) -> Scenario:
        return self.scenarios[name]

    def names(self) -> list[str]:
        return list(self.scenarios)

    @property
    def province(self) -> str | None:
        """The one province the set is for (``None`` for a national set or a set for several)."""
        return self.provinces[0] if self.provinces and len(self.provinces) == 1 else None

    def applies_to(self, province: str, admin_map: int) -> bool:
        """True when the set is for ``province`` (canonical name on ``admin_map``) or for any province."""
        return self.provinces is None or (self.map == admin_map and province in self.provinces)

    def all_measures(self) -> list[Measure]:
        """Every distinct measure id across the set (the first definition met wins)."""
        seen: dict[str, Measure] = {}
        for sc in self.scenarios.values():
            for m in sc.measures:
                seen.setdefault(m.id, m)
        return list(seen.values())


def load_scenarios(path: str | Path) -> ScenarioSet:
    """Read and validate a scenario file (once per process while the file is unchanged; the set is shared, not
    to be changed in place: every run looks for its own file among all of them)."""

    def read() -> ScenarioSet:
        data, file = load_yaml_file(path)
        return parse_scenarios(data, file, path=Path(path))

    return file_memo(path, "scenarios", read)


def resolve_provinces(names, admin_map: int, file: str, column: str = "provinces") -> tuple[str, ...] | None:
    """Canonical names of a file's ``provinces`` (``None`` for ``any``); unknown names are located errors."""
    if names == "any":
        return None
    from analysis.data.provinces import get_registry

    reg, out, issues = get_registry(), [], []
    for i, name in enumerate(names):
        try:
            out.append(reg.display_name(reg.resolve(str(name), admin_map=admin_map)))
        except ProvinceNotFoundError as exc:
            issues.append(
                Issue(
                    file=file,
                    column=join_path(column, i),
                    rule="known province",
                    value=name,
                    message=f"{exc} (on the {admin_map} map)",
                )
            )
    if issues:
        raise InputError(issues)
    return tuple(out)


def parse_scenarios(data: object, file: str, path: Path | None = None) -> ScenarioSet:
    """Validate already-parsed YAML data; raise :class:`InputError` with every problem found."""
    model = validate_config(data, ScenarioFileModel, file)
    provinces = resolve_provinces(model.provinces, model.map, file)
    raw_scenarios = {name: entry for name, entry in model.scenarios.items()}
    issues: list[Issue] = []
    _check_parents(raw_scenarios, file, issues)
    if issues:
        raise InputError(issues)
    scenarios = {}
    for name, entry in raw_scenarios.items():
        merged = _merge_chain(name, raw_scenarios, file, issues)
        measures = []
        for raw, where in merged:
            try:
                valid = validate_config(raw, MeasureModel, file, prefix=where, skip=MEASURE_KINDS)
                lead = resolve_lead(valid.lead, valid.partners, model.format, file, where)
                check_documents(valid.documents, file, join_path(where, "documents"))
                measures.append(measure_from_model(valid, lead))
            except InputError as exc:
                issues += exc.issues
        scenarios[name] = Scenario(
            name=name,
            measures=tuple(measures),
            parent=entry.parent,
            label=as_label(entry.label, name),
            description=entry.description,
        )
    if issues:
        raise InputError(_dedupe(issues))
    unc = model.bau_uncertainty
    bau_unc = (
        {}
        if unc is None
        else {
            key: distribution_from_model(getattr(unc, key), nominal=1.0 if key == "emission_factor" else 0.0)
            for key in BAU_UNCERTAINTY_KEYS
            if getattr(unc, key) is not None
        }
    )
    growth = []
    for i, g in enumerate(model.bau_growth):
        where = join_path("bau_growth", i)
        province = g.province
        if province is None and provinces is not None and len(provinces) == 1 and model.map == 2024:
            province = provinces[0]
        elif province is None:
            raise InputError(
                [
                    Issue(
                        file=file,
                        column=join_path(where, "province"),
                        rule="province named",
                        message="a BAU growth rate must name its province (a 2024 province) unless the file is for "
                        "one province of the 2024 map",
                    )
                ]
            )
        else:
            # the drivers belong to a 2024 province (a 2025 unit's BAU is the sum of its provinces')
            province = resolve_provinces([province], 2024, file, column=join_path(where, "province"))[0]
        growth.append(
            GrowthOverride(
                province=province,
                driver=g.driver,
                first=g.years[0],
                last=g.years[1],
                rate=g.percent_per_year / 100,
                basis=g.basis_text,
                where=where,
            )
        )
    return ScenarioSet(
        file=file,
        scenarios=scenarios,
        provinces=provinces,
        map=model.map,
        main=model.main,
        long_term=model.long_term,
        bau_uncertainty=bau_unc,
        description=model.description,
        path=Path(path).resolve() if path is not None else None,
        bau_growth=tuple(growth),
        format=model.format,
    )


def resolve_lead(
    value, partners, file_format: int, file: str, where: str
) -> tuple[str, tuple[str, ...], dict[str, str]]:
    """A measure's ``lead`` (and ``partners``) against the agency register.

    Returns ``(agency id, partner ids, {})`` when the register knows them (by id, or by a Vietnamese or English name,
    current or former; a format-1 text "A; B" is lead A with partner B); ``("", (), {vi, en})`` for a body it does
    not know, in a format-1 file; ``("", (), {})`` for none or "chưa giao". In a format-2 file an unknown agency id
    is a located error with the closest ids.
    """
    from analysis.data.institutions import load_institutions

    reg = load_institutions()
    partner_ids = []
    for i, p in enumerate(partners or []):
        partner_ids.append(reg.agency(str(p), file=file, column=join_path(join_path(where, "partners"), i)).id)
    if not value:
        return "", tuple(partner_ids), {}
    texts = list(value.values()) if isinstance(value, dict) else [value]
    if all(str(x).strip().casefold() in UNASSIGNED for x in texts):
        return "", tuple(partner_ids), {}
    for text in texts:
        parts = [p.strip() for p in str(text).split(";") if p.strip()]
        found = [reg.find_agency(p) for p in parts]
        if parts and all(found):
            return found[0].id, tuple(dict.fromkeys([*(f.id for f in found[1:]), *partner_ids])), {}
    if file_format >= 2 and not isinstance(value, dict):
        reg.agency(str(value), file=file, column=join_path(where, "lead"))  # raises, naming the closest ids
    return "", tuple(partner_ids), as_label(value, "")


def check_documents(ids, file: str, where: str) -> None:
    """Every legal document id is in the register (a located error with the closest id otherwise)."""
    from analysis.data.institutions import load_institutions

    reg = load_institutions()
    issues = []
    for i, doc in enumerate(ids or []):
        try:
            reg.document(doc, file=file, column=join_path(where, i))
        except InputError as exc:
            issues += exc.issues
    if issues:
        raise InputError(issues)


def _check_parents(raw_scenarios: dict, file: str, issues: list[Issue]) -> None:
    """Unknown parents and loops in the parent chain."""
    for name, entry in raw_scenarios.items():
        parent = entry.parent
        if parent is not None and parent not in raw_scenarios:
            issues.append(
                Issue(
                    file=file,
                    column=f"scenarios.{name}.parent",
                    rule="known parent",
                    value=parent,
                    message=f"the parent scenario '{parent}' is not defined in this file"
                    f"{suggest(parent, raw_scenarios, list_known=False)}",
                )
            )
    if issues:
        return
    for name in raw_scenarios:
        chain = [name]
        current = raw_scenarios[name].parent
        while current is not None:
            if current in chain:
                loop = " → ".join(str(c) for c in [*chain[chain.index(current) :], current])
                issues.append(
                    Issue(
                        file=file,
                        column=f"scenarios.{name}.parent",
                        rule="no parent loop",
                        value=current,
                        message=f"the parent chain loops: {loop}",
                    )
                )
                return
            chain.append(current)
            current = raw_scenarios[current].parent


def _merge_chain(name: str, raw_scenarios: dict, file: str, issues: list[Issue]) -> list[tuple[dict, str]]:
    """The raw measure mappings of ``name`` after inheritance, with the key path of each (for messages)."""
    entry = raw_scenarios[name]
    base = _merge_chain(entry.parent, raw_scenarios, file, issues) if entry.parent is not None else []
    where = join_path("scenarios", name)
    merged = [(dict(m), w) for m, w in base]
    index = {m.get("id"): i for i, (m, _) in enumerate(merged)}
    for i, mid in enumerate(entry.remove):
        if mid not in index:
            issues.append(
                Issue(
                    file=file,
                    column=join_path(join_path(where, "remove"), i),
                    rule="known measure",
                    value=mid,
                    message=f"cannot remove '{mid}': no inherited measure has this id"
                    f"{suggest(mid, [k for k in index if k], list_known=False)}",
                )
            )
    own_ids: set = set()
    for i, m in enumerate(entry.measures):
        path = join_path(join_path(where, "measures"), i)
        mid = m.get("id")
        if mid in own_ids:
            issues.append(
                Issue(
                    file=file,
                    column=join_path(path, "id"),
                    rule="unique measure id",
                    value=mid,
                    message=f"the measure id '{mid}' is used twice in this scenario",
                )
            )
            continue
        own_ids.add(mid)
        if mid in index:
            parent_raw, _ = merged[index[mid]]
            merged[index[mid]] = ({**parent_raw, **m}, path)
        else:
            if mid is not None:
                index[mid] = len(merged)
            merged.append((m, path))
    return [(m, w) for m, w in merged if m.get("id") not in entry.remove]


def _dedupe(issues: list[Issue]) -> list[Issue]:
    """Drop repeats (an inherited measure's problem is met once per descendant scenario)."""
    seen, out = set(), []
    for issue in issues:
        if str(issue) not in seen:
            seen.add(str(issue))
            out.append(issue)
    return out
