"""Rendered reports as PDFs, read back: each line's text, place and faces (pdfplumber)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest


def require_libreoffice() -> None:
    """Skip without LibreOffice, except in CI, where it is installed (`make office`)."""
    if shutil.which("soffice") or shutil.which("libreoffice"):
        return
    if os.environ.get("CI"):
        pytest.fail("LibreOffice is not installed; .ci/run installs it (make office)")
    pytest.skip("LibreOffice is not installed on this machine (CI installs it: make office)")


def render_pdfs(sources: Sequence[Path], out_dir: Path) -> list[Path]:
    """Render each data file to a PDF in ``out_dir``, all in one batch (render --to pdf)."""
    from reportkit.office.batch import render_files

    require_libreoffice()
    pairs = [(source, out_dir / f"{source.stem}.docx") for source in sources]
    results = render_files(pairs, jobs=1, formats=("docx", "pdf"))
    assert all(r.ok for r in results), [r.error for r in results]
    return [base.with_suffix(".pdf") for _source, base in pairs]


@dataclass(frozen=True)
class Line:
    """A line of text on a page: where it is (points from the top) and each character's face."""

    page: int
    text: str
    top: float
    bottom: float
    x0: float
    fonts: tuple[str, ...]  # one per character of text
    words: tuple[str, ...]  # the text split where characters stand apart (table cells)


def pdf_lines(pdf: Path) -> list[Line]:
    """Every line of text in ``pdf``, page by page, top to bottom."""
    import pdfplumber

    lines: list[Line] = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, start=1):
            for found in page.extract_text_lines(return_chars=True, strip=True):
                chars = found["chars"]
                lines.append(
                    Line(
                        page=number,
                        text="".join(c["text"] for c in chars),
                        top=found["top"],
                        bottom=found["bottom"],
                        x0=found["x0"],
                        fonts=tuple(c["fontname"] for c in chars),
                        words=tuple(found["text"].split()),
                    )
                )
    return lines
