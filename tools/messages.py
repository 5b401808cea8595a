"""Keep the English message catalogue in step with the code.

    .venv/bin/python tools/messages.py check    # exit 1 if a message lacks a translation
    .venv/bin/python tools/messages.py update   # add new messages (untranslated), drop stale ones

Message ids are the Chinese texts inside ``_()`` (or ``N_()`` for texts kept in tables
and translated where they are used) in src/reportkit.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "reportkit"
CATALOGUE = SOURCE / "locale" / "en" / "LC_MESSAGES" / "reportkit.po"


def extracted() -> dict[str, str]:
    """Message id → first place it is used (file:line)."""
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(SOURCE), method_map=[("**.py", "python")], keywords={"_": None, "N_": None}
    ):
        if isinstance(message, str):
            found.setdefault(message, f"{filename}:{lineno}")
    return found


def translations() -> dict[str, str]:
    """Message id → English, as the catalogue holds them."""
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    return {m.id: m.string for m in catalogue if m.id and isinstance(m.id, str)}


def problems() -> list[str]:
    """Messages used but not translated, and translations no code uses."""
    used, english = extracted(), translations()
    missing = [f"untranslated: {m!r} ({where})" for m, where in used.items() if not english.get(m)]
    stale = [f"unused: {m!r}" for m in english if m not in used]
    return missing + stale


def update() -> None:
    used, english = extracted(), translations()
    catalogue = Catalog(locale="en", project="reportkit", charset="utf-8", fuzzy=False)
    for message in sorted(used):
        catalogue.add(
            message, english.get(message, ""), locations=[(used[message].split(":")[0], 0)]
        )
    with CATALOGUE.open("wb") as handle:
        write_po(handle, catalogue, width=0, omit_header=False, no_location=True, sort_output=True)


def main(argv: list[str]) -> int:
    if argv[1:] == ["update"]:
        update()
        return 0
    found = problems()
    print("\n".join(found) or "catalogue complete")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
