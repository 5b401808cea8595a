"""Read a rendered .docx back as reviewable text (for golden files and assertions)."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.document import Document


def open_docx(path: Path) -> Document:
    return docx.Document(str(path))


def extract(path: Path) -> str:
    """Paragraphs as ``[style] text`` and tables as ``| cell | cell |`` rows, in body order."""
    document = open_docx(path)
    lines: list[str] = []
    body = document.element.body
    paragraphs = {p._p: p for p in document.paragraphs}
    tables = {t._tbl: t for t in document.tables}
    for child in body.iterchildren():
        if child in paragraphs:
            p = paragraphs[child]
            if p.text.strip():
                lines.append(f"[{p.style.name}] {p.text}")
        elif child in tables:
            for row in tables[child].rows:
                lines.append("| " + " | ".join(c.text for c in row.cells) + " |")
    return "\n".join(lines) + "\n"
