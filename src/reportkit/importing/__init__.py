"""``reportkit import``: a published report (web page, Word, PDF or text) back to a data file.

Readers (:mod:`.readers`) turn each kind of file into a :class:`~.document.Document` of
placed paragraphs and tables; the recogniser (:mod:`.recognise`) applies what the eras
know — outline, table labels, the sentences reportkit writes — to fill a data dict in
reportkit's own format without inventing a figure; :mod:`.writing` writes it with
comments saying where each part came from.
"""

from __future__ import annotations

from pathlib import Path

from reportkit.errors import NotImportable
from reportkit.importing.document import Document, Grid, Paragraph, Where
from reportkit.importing.readers import read
from reportkit.importing.recognise import Imported, recognise
from reportkit.importing.writing import to_yaml

__all__ = [
    "Document",
    "Grid",
    "Imported",
    "Paragraph",
    "Where",
    "import_report",
    "read",
    "recognise",
    "to_yaml",
]


def import_report(path: Path) -> tuple[Imported, str]:
    """The data found in the published report at ``path``, and the data file's text."""
    try:
        found = recognise(read(path))
    except NotImportable as exc:
        if str(exc).startswith(f"{path}:"):
            raise
        raise NotImportable(f"{path}: {exc}") from None
    return found, to_yaml(found, path.name)
