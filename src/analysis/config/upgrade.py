"""Write a format-1 scenario or target file out in format 2 (:data:`analysis.config.scenarios.FORMAT`), keeping its
comments and layout (ruamel.yaml round trip).

What changes: ``format: 2`` is added first; each measure's ``lead`` written as a name (Vietnamese or English, current
or former, "A; B" for a lead and partners) becomes the id of the agency that does that job today, with ``partners:``
for the others ("chưa giao" becomes no lead); a measure or target whose ``source`` cites a document of the register
by number (``3070/QĐ-UBND``, ``06/2022/NĐ-CP``, "NDC 2022") gets its id in ``documents:`` (a measure) or
``document:`` (a target), the ``source`` text staying as the secondary citation. A lead the register does not know
stays as written (a format-2 file may name such a body as ``{vi, en}``). Each change is listed in the returned notes.
Nothing is guessed: a number that matches no document, or two, is left for the analyst.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from analysis.config.scenarios import FORMAT, UNASSIGNED
from analysis.data.institutions import Institutions, load_institutions

NDC = re.compile(r"\bNDC\s*(20\d\d)\b", re.IGNORECASE)


def _yaml() -> YAML:
    yaml = YAML()  # round trip: comments, order and quoting kept
    yaml.width = 120
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=2, offset=0)
    return yaml


def documents_in(text: str, reg: Institutions) -> list[str]:
    """Ids of the register's documents whose number a citation text names (each number matching exactly one)."""
    found = []
    for doc in reg.documents.values():
        if doc.number and re.search(rf"(?<![\d/]){re.escape(doc.number)}(?![\w/])", text):
            found.append(doc.id)
    for year in NDC.findall(text or ""):
        if f"ndc-{year}" in reg.documents:
            found.append(f"ndc-{year}")
    return list(dict.fromkeys(found))


def _upgrade_lead(measure: CommentedMap, where: str, reg: Institutions, notes: list[str]) -> None:
    value = measure.get("lead")
    if value is None:
        return
    texts = list(value.values()) if isinstance(value, dict) else [value]
    if all(str(x).strip().casefold() in UNASSIGNED for x in texts):
        del measure["lead"]
        notes.append(f"{where}.lead: '{texts[0]}' → no lead (not assigned)")
        return
    for text in texts:
        parts = [p.strip() for p in str(text).split(";") if p.strip()]
        found = [reg.find_agency(p) for p in parts]
        if parts and all(found):
            today = [reg.current(a.id) for a in found]
            measure["lead"] = today[0].id
            if len(today) > 1:
                partners = list(dict.fromkeys(a.id for a in today[1:]))
                keys = list(measure.keys())
                measure.insert(keys.index("lead") + 1, "partners", partners)
            former = [f"{a.name_vi} → {b.id}" for a, b in zip(found, today, strict=True) if a.id != b.id]
            extra = f" (no longer exists: {'; '.join(former)})" if former else ""
            notes.append(f"{where}.lead: '{text}' → {', '.join(a.id for a in today)}{extra}")
            return
    notes.append(f"{where}.lead: '{texts[0]}' is not in the agency register; kept as written")


def _upgrade_documents(item: CommentedMap, key: str, where: str, reg: Institutions, notes: list[str]) -> None:
    text = " ".join(str(item.get(k) or "") for k in ("source", "assumption", "note"))
    ids = documents_in(text, reg)
    if not ids or key in item:
        return
    item[key] = ids[0] if key == "document" else ids
    notes.append(f"{where}.{key}: {', '.join(ids if key == 'documents' else ids[:1])} (from its source text)")


def upgrade_document(data: CommentedMap, reg: Institutions | None = None) -> list[str]:
    """Upgrade a parsed scenario or target file in place; return what changed (empty when already format 2)."""
    reg = reg or load_institutions()
    if data.get("format") == FORMAT:
        return []
    notes: list[str] = []
    data.insert(0, "format", FORMAT)
    notes.append(f"format: {FORMAT}")
    for name, scenario in (data.get("scenarios") or {}).items():
        for i, measure in enumerate(scenario.get("measures") or []):
            where = f"scenarios.{name}.measures[{i}]"
            _upgrade_lead(measure, where, reg, notes)
            _upgrade_documents(measure, "documents", where, reg, notes)
    for i, target in enumerate(data.get("targets") or []):
        _upgrade_documents(target, "document", f"targets[{i}]", reg, notes)
    return notes


def upgrade_file(path: Path, out: Path | None = None) -> tuple[str, list[str]]:
    """The upgraded text of the file at ``path`` and the list of changes (the file itself is not written here)."""
    yaml = _yaml()
    data = yaml.load(Path(path).read_text(encoding="utf-8"))
    notes = upgrade_document(data)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    # a folded line's trailing space carries nothing in YAML (plain and quoted scalars fold it away)
    text = "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
    return text, notes
