"""Keep the message catalogues in step with the code.

    .venv/bin/python tools/messages.py check    # exit 1 if a message lacks a translation
    .venv/bin/python tools/messages.py update   # add new messages (untranslated), drop stale ones

Two catalogues. English (locale/en/LC_MESSAGES/reportkit.po): the message ids are the
Chinese texts inside ``_()`` (or ``N_()`` for texts kept in tables and translated where
they are used) in src/reportkit, and each command's docstring (its --help). Chinese
(locale/zh/LC_MESSAGES/click.po): click's own English messages — usage errors and help
headings — read from the installed click, so an upgrade that adds one is noticed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "reportkit"
CATALOGUE = SOURCE / "locale" / "en" / "LC_MESSAGES" / "reportkit.po"
LIBRARY_CATALOGUE = SOURCE / "locale" / "zh" / "LC_MESSAGES" / "click.po"

Id = str | tuple[str, str]
"""A message id, or a (singular, plural) pair."""


def extracted() -> dict[str, str]:
    """Message id → first place it is used (file:line)."""
    from reportkit.cli import help_texts

    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(SOURCE), method_map=[("**.py", "python")], keywords={"_": None, "N_": None}
    ):
        if isinstance(message, str):
            found.setdefault(message, f"{filename}:{lineno}")
    for text in help_texts():
        found.setdefault(text, "cli.py:0")
    return found


def library_extracted() -> dict[Id, str]:
    """click's message ids → first place click uses them (file:line)."""
    import click

    found: dict[Id, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        os.path.dirname(click.__file__),
        method_map=[("**.py", "python")],
        keywords={"_": None, "ngettext": (1, 2)},
    ):
        if isinstance(message, str) or len(message) == 2:
            found.setdefault(message, f"click/{filename}:{lineno}")
    return found


def _read(path: Path) -> dict[Id, str]:
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    out: dict[Id, str] = {}
    for m in catalogue:
        if isinstance(m.id, str) and m.id:
            out[m.id] = m.string
        elif isinstance(m.id, tuple | list):
            out[(m.id[0], m.id[1])] = m.string[0] if m.string else ""
    return out


def translations() -> dict[str, str]:
    """Message id → English, as the catalogue holds them."""
    return {k: v for k, v in _read(CATALOGUE).items() if isinstance(k, str)}


def library_translations() -> dict[Id, str]:
    """click's message id → Chinese, as the catalogue holds them."""
    return _read(LIBRARY_CATALOGUE)


def _problems(used: dict[Id, str], translated: dict[Id, str], name: str) -> list[str]:
    missing = [
        f"untranslated in {name}: {m!r} ({where})"
        for m, where in used.items()
        if not translated.get(m)
    ]
    stale = [f"unused in {name}: {m!r}" for m in translated if m not in used]
    return missing + stale


def problems() -> list[str]:
    """Messages used but not translated, and translations no code uses."""
    return _problems(dict(extracted()), dict(translations()), "reportkit.po") + _problems(
        library_extracted(), library_translations(), "click.po"
    )


def _write(path: Path, locale: str, used: dict[Id, str], translated: dict[Id, str]) -> None:
    catalogue = Catalog(locale=locale, project="reportkit", charset="utf-8", fuzzy=False)
    for message in sorted(used, key=lambda m: m if isinstance(m, str) else m[0]):
        text = translated.get(message, "")
        catalogue.add(
            message,
            text if isinstance(message, str) else (text,),
            locations=[(used[message].split(":")[0], 0)],
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=0, omit_header=False, no_location=True, sort_output=True)


def update() -> None:
    _write(CATALOGUE, "en", dict(extracted()), dict(translations()))
    if not LIBRARY_CATALOGUE.exists():
        _write(LIBRARY_CATALOGUE, "zh", {}, {})
    _write(LIBRARY_CATALOGUE, "zh", library_extracted(), library_translations())


def main(argv: list[str]) -> int:
    if argv[1:] == ["update"]:
        update()
        return 0
    found = problems()
    print("\n".join(found) or "catalogue complete")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
