"""Keep the two report catalogues in step (see docs/translating.md).

``src/analysis/locale/en/LC_MESSAGES/netzero.po`` is the reference: every message added there is added to the
Vietnamese catalogue with an empty translation (the tests then fail until it is translated); every Vietnamese entry
gets the English sentence as its translator comment (``#. en: …``); both get as references (``#: …``) the files that
call ``t("key", …)``, ``tn("key", …)`` or ``heading("key", …)`` (a key built at run time keeps the references it has).
Messages only in the Vietnamese catalogue are reported, never deleted.

Usage, from the project root: ``python scripts/translations.py`` (rewrites the catalogues when something changed)
or ``python scripts/translations.py --check`` (exit status 1 when it would change them).
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "src" / "analysis" / "locale"
CODE = [  # analysis/i18n.py defines t(); the keys in its docstrings are examples
    *(p for p in sorted((ROOT / "src" / "analysis").rglob("*.py")) if p.name != "i18n.py"),
    *sorted((ROOT / "notebooks").glob("*.py")),
]
CALL = re.compile(r"\b(?:t|tn|heading)\(\s*[\"']([^\"']+)[\"']")


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "netzero.po"


def read(lang: str) -> Catalog:
    with po_path(lang).open("rb") as f:
        return read_po(f, locale=lang, domain="netzero")


def render(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=0, sort_output=False, include_previous=False)
    return out.getvalue()


def callers() -> dict[str, list[str]]:
    """Message key -> the files that name it literally in a ``t``/``tn``/``heading`` call."""
    found: dict[str, set[str]] = {}
    for path in CODE:
        for key in CALL.findall(path.read_text(encoding="utf-8")):
            found.setdefault(key, set()).add(path.relative_to(ROOT).as_posix())
    return {k: sorted(v) for k, v in found.items()}


def english_text(message: Message) -> str:
    return " | ".join(message.string) if isinstance(message.string, tuple | list) else message.string


def sync() -> tuple[dict[str, bytes], list[str]]:
    """The catalogues' new contents (language -> bytes) and the warnings."""
    vi, en = read("vi"), read("en")
    calls, warnings = callers(), []
    for message in en:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        if message.context is None and key in calls:
            message.locations = [(p, None) for p in calls[key]]
        match = vi.get(message.id, message.context)
        if match is None:
            empty = ("",) if message.pluralizable else ""
            vi.add(message.id, empty, locations=message.locations, context=message.context)
            match = vi.get(message.id, message.context)
            warnings.append(f"added to the Vietnamese catalogue, to translate: {key}")
        match.locations = list(message.locations)
        match.auto_comments = [f"en: {english_text(message)}"]
    for message in vi:
        if message.id and en.get(message.id, message.context) is None:
            warnings.append(f"only in the Vietnamese catalogue (remove it or add the English): {message.id}")
    return {"vi": render(vi), "en": render(en)}, warnings


def main(argv: list[str]) -> int:
    check = "--check" in argv
    contents, warnings = sync()
    changed = [lang for lang, data in contents.items() if po_path(lang).read_bytes() != data]
    for line in warnings:
        print(line, file=sys.stderr)
    if check:
        for lang in changed:
            print(f"{po_path(lang).relative_to(ROOT)} is not in step (run python scripts/translations.py)")
        return 1 if changed else 0
    for lang in changed:
        po_path(lang).write_bytes(contents[lang])
        print(f"wrote {po_path(lang).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
