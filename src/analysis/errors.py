"""Errors an analyst can act on.

Every error raised for bad input is an :class:`InputError` carrying one or more
:class:`Issue` records that name the file, the row (as numbered in a spreadsheet:
the header is row 1), the column, the offending value and the rule broken.
The command line prints them without a traceback (``--debug`` shows it).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Issue:
    """One located problem in an input."""

    file: str
    rule: str
    message: str
    row: int | None = None
    column: str | None = None
    value: object = None

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        text = ", ".join(where) + f": {self.message}"
        if self.value is not None and f"'{self.value}'" not in self.message:
            text += f" (value: {self.value!r})"
        return text + f" [rule: {self.rule}]"


class AnalysisError(Exception):
    """Base class for errors whose message is meant for the analyst."""


@dataclass
class InputError(AnalysisError):
    """One or more problems found in input files."""

    issues: list[Issue] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.__str__())

    def __str__(self) -> str:
        n = len(self.issues)
        head = f"{n} problem{'s' if n != 1 else ''} found in the input:"
        return "\n".join([head, *(f"  - {i}" for i in self.issues)])


class ProvinceNotFoundError(AnalysisError, LookupError):
    """A province name that the registry cannot resolve to exactly one province."""

    def __init__(self, name: str, candidates: list[str], ambiguous: bool = False):
        self.name = name
        self.candidates = candidates
        self.ambiguous = ambiguous
        if ambiguous:
            msg = f"province name {name!r} is ambiguous: it could be " + " or ".join(candidates)
        else:
            msg = f"unknown province {name!r}"
            if candidates:
                msg += "; closest matches: " + ", ".join(candidates)
        super().__init__(msg)


class GWPMismatchError(AnalysisError, ValueError):
    """CO2-equivalent quantities computed under different GWP sets were combined."""


def suggest(value: object, known, *, cutoff: float = 0.6, list_known: bool = True) -> str:
    """The hint appended to "unknown …" messages: ``"; did you mean 'x'?"`` or ``" (known: a, b)"``.

    The one suggestion helper of the project: every "unknown key / name / sector" message uses it.
    """
    import difflib

    names = [str(k) for k in known]
    close = difflib.get_close_matches(str(value), names, n=1, cutoff=cutoff)
    if close:
        return f"; did you mean '{close[0]}'?"
    if list_known and names:
        shown = ", ".join(names[:12]) + (" …" if len(names) > 12 else "")
        return f" (known: {shown})"
    return ""
