"""Province registry: the 63 pre-July-2025 provinces, the 34 units after the 2025 merger, and name resolution.

Inputs (all in ``data/raw``, see ``SOURCES.csv``):

- ``gso/provinces_regions_2025_merger.csv``: Vietnamese and English names, socio-economic
  region, and the unit each province joined on 1 July 2025;
- ``gso/province_codes.csv``: GSO administrative codes of the 63 provinces;
- ``project/province_aliases.csv``: abbreviations and short forms met in real tables.

Real tables spell provinces many ways (``BRVT``, ``Bà Rịa-Vũng Tàu``, ``Ba Ria – Vung Tau``,
``Tỉnh Bà Rịa - Vũng Tàu``, NFD Unicode from a Mac export, ``Đăk Lăk`` for ``Đắk Lắk``...).
:func:`normalise_key` folds all of these to one key; :meth:`Registry.resolve` maps a key to the
canonical name or raises :class:`~analysis.errors.ProvinceNotFoundError` listing the closest names.

Two maps, one type: a map is the ``int`` 2024 (the 63 provinces until 30 June 2025) or 2025 (the 34 units since
1 July 2025), :data:`AdminMap`; :func:`check_map` turns any spelling (``"2025"``) into it. When a user gives no map,
:meth:`Registry.locate` decides in one place: a name on today's map is the 2025 unit; a name that exists only on the
2024 map is that former province, on the 2024 map (the place says which unit it joined).
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from analysis.errors import ProvinceNotFoundError

AdminMap = Literal[2024, 2025]
MAPS: tuple[int, ...] = (2024, 2025)
TODAY_MAP = 2025  # the map in force since 1 July 2025 (Resolution 202/2025/QH15)
MERGER_DATE = "01/07/2025"


def check_map(value) -> int:
    """A map as its one type, the ``int`` 2024 or 2025 (``"2025"`` and ``2025.0`` are accepted); else ValueError."""
    try:
        number = int(str(value).strip().removesuffix(".0"))
    except ValueError:
        number = None
    if number not in MAPS:
        raise ValueError(f"map must be 2024 (the 63 provinces) or 2025 (the 34 units), not {value!r}")
    return number


# NOTE: named corrections of the raw files, never edits of them.
# The raw merger table writes the province with a hyphen ("Bà Rịa - Vũng Tàu"); the seed report of
# the provincial environment department (Dec 2024) and the province's own documents write it with an
# en dash, "Bà Rịa – Vũng Tàu". That form is the canonical name; every spelling resolves to it.
DISPLAY_NAME_CORRECTIONS = {"Bà Rịa - Vũng Tàu": "Bà Rịa – Vũng Tàu"}

# Vietnamese names of the six socio-economic regions (Resolution 81/2023/QH15 naming).
REGION_VI = {
    "Northern Midlands and Mountains": "Trung du và miền núi phía Bắc",
    "Red River Delta": "Đồng bằng sông Hồng",
    "North Central and Central Coast": "Bắc Trung Bộ và duyên hải miền Trung",
    "Central Highlands": "Tây Nguyên",
    "Southeast": "Đông Nam Bộ",
    "Mekong River Delta": "Đồng bằng sông Cửu Long",
}

# Words that prefix a province name in real tables and carry no identity.
_PREFIXES = ("thanh pho truc thuoc trung uong", "thanh pho", "tinh", "tp", "t p", "province of", "city of")
_SUFFIXES = ("province", "city", "municipality")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―_.,/()]+")
_UNCHANGED = re.compile(r"\s*\((unchanged)[^)]*\)\s*$", re.IGNORECASE)


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese diacritics: ``Đắk Lắk`` -> ``Dak Lak``."""
    decomposed = unicodedata.normalize("NFD", text)
    base = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return base.replace("Đ", "D").replace("đ", "d")


def normalise_key(name: str) -> str:
    """Fold a province name to its matching key (no diacritics, case, separators or prefixes)."""
    text = unicodedata.normalize("NFKC", str(name)).strip()
    text = strip_diacritics(text).casefold()
    text = _SEPARATORS.sub(" ", text).strip()
    changed = True
    while changed:
        changed = False
        for prefix in _PREFIXES:
            if text.startswith(prefix + " ") and len(text) > len(prefix) + 1:
                text = text[len(prefix) + 1 :].strip()
                changed = True
        for suffix in _SUFFIXES:
            if text.endswith(" " + suffix):
                text = text[: -len(suffix) - 1].strip()
                changed = True
    return text


def _compact(key: str) -> str:
    """Key without spaces, so ``TPHCM`` and ``TP HCM`` meet."""
    return key.replace(" ", "")


@dataclass(frozen=True)
class Province:
    """A pre-July-2025 province (one of 63)."""

    code: str
    name: str
    name_ascii: str
    name_en: str
    region: str
    region_vi: str
    successor: str

    @property
    def key(self) -> str:
        return normalise_key(self.name)


@dataclass(frozen=True)
class Unit2025:
    """A province-level unit from 1 July 2025 (one of 34), with its pre-2025 constituents."""

    code: str
    name: str
    name_ascii: str
    constituents: tuple[str, ...]
    unchanged: bool

    @property
    def key(self) -> str:
        return normalise_key(self.name)


@dataclass(frozen=True)
class Place:
    """Where a name lands: a 2024 province or a 2025 unit, on its map, with what the reader must be told.

    ``constituents`` are the 2024 provinces it is made of (one for a province or an unchanged unit);
    ``successor`` is set for a former province (on the 2024 map): the unit it joined on 1 July 2025, when that is
    not the province itself; ``joined_from`` is set when a former province's name was given on the 2025 map: that
    province (the place is the unit it joined).
    """

    name: str
    admin_map: int
    constituents: tuple[str, ...]
    successor: str | None = None
    joined_from: str | None = None

    @property
    def is_unit(self) -> bool:
        """A 2025 unit made of several former provinces."""
        return self.admin_map == 2025 and len(self.constituents) > 1


def describe_place(place: Place) -> str:
    """One line saying where a name landed, for the command line (reports word it in vi/en themselves)."""
    if place.admin_map == 2024:
        if place.successor:
            return (
                f"{place.name} (2024 map: a former province, until 30 June 2025; now part of {place.successor}; "
                "give --map 2025 for the unit)"
            )
        return f"{place.name} (2024 map)"
    if place.joined_from:
        return f"{place.name} (2025 map: {place.joined_from} is part of it since 1 July 2025)"
    if len(place.constituents) > 1:
        return f"{place.name} (2025 map: the unit formed on 1 July 2025 from {', '.join(place.constituents)})"
    return f"{place.name} (2025 map)"


class Registry:
    """The two maps of Vietnam's provinces and a resolver for the names real tables contain."""

    def __init__(self, provinces: list[Province], units: list[Unit2025], aliases: dict[str, set[str]]):
        self.provinces = provinces
        self.units_2025 = units
        self._by_name = {p.name: p for p in provinces}
        self._units_by_name = {u.name: u for u in units}
        self._index: dict[str, set[str]] = {}
        self._unit_index: dict[str, set[str]] = {}
        for p in provinces:
            for form in (p.name, p.name_en, p.name_ascii, p.code):
                self._add(self._index, form, p.name)
        for alias, targets in aliases.items():
            for target in targets:
                self._add(self._index, alias, target)
        for u in units:
            self._add(self._unit_index, u.name, u.name)
            self._add(self._unit_index, u.name_ascii, u.name)
        # A 2025 unit name that is not itself a pre-2025 province (e.g. "TP. Huế") resolves on the
        # old map to its only constituent, when it has exactly one.
        for u in units:
            if normalise_key(u.name) not in self._index and len(u.constituents) == 1:
                self._add(self._index, u.name, u.constituents[0])

    @staticmethod
    def _add(index: dict[str, set[str]], form: str, target: str) -> None:
        key = normalise_key(form)
        index.setdefault(key, set()).add(target)
        index.setdefault(_compact(key), set()).add(target)

    # -- resolution -------------------------------------------------------------------------
    def resolve(self, name: str, *, admin_map: int = 2024) -> str:
        """Return the canonical name of the province (or unit) ``name`` refers to on ``admin_map``.

        Parameters
        ----------
        name:
            Any spelling found in real tables.
        admin_map:
            2024 for the 63 provinces before 1 July 2025 (the map of every table dated before it, hence the
            default here), 2025 for the 34 units after. On the 2025 map a pre-2025 province name resolves to the
            unit it joined. What a user means when no map is given is :meth:`locate`'s decision.
        """
        if name is None or (isinstance(name, float) and name != name):
            raise ProvinceNotFoundError("", [])
        admin_map = check_map(admin_map)
        key = normalise_key(name)
        if admin_map == 2025:
            hit = self._unit_hit(name)
            if hit:
                return hit
            old = self.resolve(name, admin_map=2024)
            return self._by_name[old].successor
        hits = self._index.get(key) or self._index.get(_compact(key))
        if hits:
            return self._single(name, hits)
        raise ProvinceNotFoundError(name, self.closest(name, admin_map=admin_map))

    def _unit_hit(self, name: str) -> str | None:
        key = normalise_key(name)
        hits = self._unit_index.get(key) or self._unit_index.get(_compact(key))
        return self._single(name, hits) if hits else None

    def locate(self, name: str, admin_map: int | None = None) -> Place:
        """Where ``name`` lands, on ``admin_map`` or — when none is given (``None`` or 0) — on the map it belongs to.

        With no map, a name on today's map (a 2025 unit's name, in any spelling: "Đồng Nai", "TP.HCM", "Huế")
        means the 2025 unit; a name that exists only on the 2024 map ("Bà Rịa – Vũng Tàu", "Bình Phước") means that
        former province on the 2024 map, with the unit it joined as ``successor``. An explicit 2025 with a former
        province's name gives the unit it joined (``joined_from`` says so); an explicit 2024 the 2024 province.
        """
        if admin_map in (None, 0, "0", ""):
            unit = self._unit_hit(name)
            if unit is None:
                province = self._by_name[self.resolve(name, admin_map=2024)]
                renamed = len(self._units_by_name[province.successor].constituents) == 1  # Thừa Thiên Huế → TP. Huế
                if not renamed and self.display_name(province.successor) != self.display_name(province.name):
                    return Place(
                        self.display_name(province.name), 2024, (self.display_name(province.name),), province.successor
                    )
                unit = province.successor
                place = self._unit_place(unit)
                former = self.display_name(province.name)
                return (
                    place if former == place.name else Place(place.name, 2025, place.constituents, joined_from=former)
                )
            return self._unit_place(unit)
        admin_map = check_map(admin_map)
        if admin_map == 2024:
            name24 = self.display_name(self.resolve(name, admin_map=2024))
            successor = self._by_name[self.resolve(name24)].successor
            return Place(name24, 2024, (name24,), successor if self.display_name(successor) != name24 else None)
        place = self._unit_place(self.resolve(name, admin_map=2025))
        if self._unit_hit(name) is None:
            former = self.display_name(self.resolve(name, admin_map=2024))
            if former != place.name:
                return Place(place.name, 2025, place.constituents, joined_from=former)
        return place

    def _unit_place(self, unit_name: str) -> Place:
        unit = self._units_by_name[unit_name]
        return Place(self.display_name(unit.name), 2025, tuple(self.display_name(c) for c in unit.constituents))

    @staticmethod
    def _single(name: str, hits: set[str]) -> str:
        if len(hits) > 1:
            raise ProvinceNotFoundError(name, sorted(hits), ambiguous=True)
        return next(iter(hits))

    def closest(self, name: str, *, admin_map: int = 2024, n: int = 3) -> list[str]:
        """The canonical names closest to ``name`` (for error messages)."""
        index = self._index if check_map(admin_map) == 2024 else self._unit_index
        key = normalise_key(name)
        keys = difflib.get_close_matches(key, list(index), n=n * 3, cutoff=0.5)
        out: list[str] = []
        for k in keys:
            for target in sorted(index[k]):
                shown = self.display_name(target)
                if shown not in out:
                    out.append(shown)
        return out[:n]

    def try_resolve(self, name: str, *, admin_map: int = 2024) -> str | None:
        """Like :meth:`resolve` but return ``None`` instead of raising."""
        try:
            return self.resolve(name, admin_map=admin_map)
        except ProvinceNotFoundError:
            return None

    # -- look-ups ---------------------------------------------------------------------------
    def province(self, name: str) -> Province:
        """The pre-2025 :class:`Province` for any accepted spelling."""
        return self._by_name[self.resolve(name)]

    def unit(self, name: str) -> Unit2025:
        """The post-2025 :class:`Unit2025` for any accepted spelling (old names give their successor)."""
        return self._units_by_name[self.resolve(name, admin_map=2025)]

    def display_name(self, name: str) -> str:
        """Name as printed in reports (named corrections applied)."""
        return DISPLAY_NAME_CORRECTIONS.get(name, name)

    def region_of(self, name: str) -> str:
        return self.province(name).region

    def members(self, region: str) -> list[str]:
        """Canonical names of the pre-2025 provinces in ``region`` (English or Vietnamese region name)."""
        wanted = normalise_key(region)
        return [p.name for p in self.provinces if wanted in (normalise_key(p.region), normalise_key(p.region_vi))]

    @property
    def regions(self) -> list[str]:
        return list(dict.fromkeys(p.region for p in self.provinces))

    def table(self):
        """The registry as a pandas DataFrame (one row per pre-2025 province)."""
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "code": p.code,
                    "province": p.name,
                    "display_name": self.display_name(p.name),
                    "name_ascii": p.name_ascii,
                    "name_en": p.name_en,
                    "region": p.region,
                    "region_vi": p.region_vi,
                    "province_2025": p.successor,
                    "code_2025": self._units_by_name[p.successor].code,
                }
                for p in self.provinces
            ]
        )


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _canonical(raw: str) -> str:
    name = unicodedata.normalize("NFC", raw.strip())
    return DISPLAY_NAME_CORRECTIONS.get(name, name)


def _unit_name(raw: str) -> tuple[str, bool]:
    """``"Cao Bằng (unchanged)"`` -> (``"Cao Bằng"``, True)."""
    text = unicodedata.normalize("NFC", raw.strip())
    stripped = _UNCHANGED.sub("", text)
    return stripped, stripped != text


def build_registry(
    merger_file: Path | None = None, codes_file: Path | None = None, aliases_file: Path | None = None
) -> Registry:
    """Build the registry from the raw files (see module docstring; by default the register's files of kind
    ``provinces``, ``province_codes`` and ``province_aliases``)."""
    from analysis.data.provenance import raw_file

    merger_file = merger_file or raw_file("provinces")
    codes_file = codes_file or raw_file("province_codes")
    aliases_file = aliases_file or raw_file("province_aliases")
    codes = {normalise_key(r["province_vi"]): r["code"].zfill(2) for r in _read_csv(codes_file)}
    provinces: list[Province] = []
    constituents: dict[str, list[str]] = {}
    unchanged: dict[str, bool] = {}
    for row in _read_csv(merger_file):
        name = _canonical(row["province_vi"])
        successor, same = _unit_name(row["province_2025"])
        code = codes[normalise_key(name)]
        provinces.append(
            Province(
                code=code,
                name=name,
                name_ascii=strip_diacritics(name),
                name_en=row["province_en"].strip(),
                region=row["region"].strip(),
                region_vi=REGION_VI[row["region"].strip()],
                successor=successor,
            )
        )
        constituents.setdefault(successor, []).append(name)
        unchanged[successor] = unchanged.get(successor, False) or same
    # A unit's code: the GSO code of the constituent whose name it carries (or its first constituent).
    # This is the project's stable key, not the official code list of Decision 19/2025/QĐ-TTg.
    by_key = {p.key: p for p in provinces}
    units = []
    for unit_name, members in constituents.items():
        namesake = by_key.get(normalise_key(unit_name)) or by_key[normalise_key(members[0])]
        units.append(
            Unit2025(
                code=namesake.code,
                name=unit_name,
                name_ascii=strip_diacritics(unit_name),
                constituents=tuple(members),
                unchanged=unchanged[unit_name] and len(members) == 1,
            )
        )
    aliases: dict[str, set[str]] = {}
    for row in _read_csv(aliases_file):
        aliases.setdefault(row["alias"], set()).add(_canonical(row["province_vi"]))
    return Registry(provinces, units, aliases)


@lru_cache(maxsize=1)
def get_registry() -> Registry:
    """The registry built from the shipped raw files (cached)."""
    return build_registry()


def resolve(name: str, *, admin_map: int = 2024) -> str:
    """Shortcut for ``get_registry().resolve(name, admin_map=admin_map)``."""
    return get_registry().resolve(name, admin_map=admin_map)
