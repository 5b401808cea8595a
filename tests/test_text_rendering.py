"""Whatever a clerk types renders as written, in a .docx that Word, WPS and LibreOffice open."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree
from ruamel.yaml import YAML

import reportkit
from tests.conftest import EXAMPLE_BY_ERA, MINIMAL_2007
from tests.docx_text import open_docx

LONG = "政府信息公开工作稳步推进，" * 400  # a 5,200-character paragraph
TRICKY = [
    "A&B <公开> \"双引号\" '单引号' 5 > 3 & 2 < 4",
    "表情符号😀与生僻字𠀀",
    "第一行\n第二行（同一段内换行）",
    LONG,
    "{{ 不是模板 }} {% 也不是 %}",
]


@pytest.fixture(scope="module")
def tricky_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tricky")
    data = YAML(typ="safe").load(MINIMAL_2007)
    data["其他事项"] = {"正文": "\n\n\n".join(TRICKY) + "\n\n\n"}  # empty lines between paragraphs
    path = folder / "tricky.yaml"
    with path.open("w", encoding="utf-8") as handle:
        YAML(typ="safe", pure=True).dump(data, handle)
    out = folder / "tricky.docx"
    reportkit.render(path, out)
    return out


def test_text_renders_as_written(tricky_docx: Path) -> None:
    """&, <, >, quotes, emoji, rare characters, line breaks, template-like text and long paragraphs survive."""
    texts = [p.text for p in open_docx(tricky_docx).paragraphs]
    for paragraph in TRICKY:
        assert paragraph in texts


def test_every_xml_part_parses(tricky_docx: Path) -> None:
    """Every XML part of the rendered document is well-formed XML."""
    with zipfile.ZipFile(tricky_docx) as z:
        assert z.testzip() is None
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(z.read(name))


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is not installed; .ci/run installs it")
        pytest.skip("LibreOffice is not installed on this machine (CI installs it)")
    return found


def _to_pdf(docx: Path, out_dir: Path) -> Path:
    profile = out_dir / "profile"
    subprocess.run(
        [
            _soffice(),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = out_dir / (docx.stem + ".pdf")
    assert pdf.stat().st_size > 1000
    return pdf


def test_libreoffice_converts_tricky_text(tricky_docx: Path, tmp_path: Path) -> None:
    """LibreOffice opens the document with all the tricky text and converts it to PDF."""
    pdf = _to_pdf(tricky_docx, tmp_path)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "A&B <公开>" in text.replace("\n", "")


@pytest.mark.parametrize("era", sorted(EXAMPLE_BY_ERA))
def test_libreoffice_converts_every_example(era: str, tmp_path: Path) -> None:
    """Each era's example renders to a .docx that LibreOffice converts to PDF."""
    out = tmp_path / f"{era}.docx"
    reportkit.render(EXAMPLE_BY_ERA[era], out)
    _to_pdf(out, tmp_path)


def test_empty_lines_do_not_make_empty_paragraphs(
    tricky_docx: Path, write_yaml: Callable[..., Path]
) -> None:
    """Runs of empty lines separate paragraphs; they never print as empty paragraphs."""
    document = open_docx(tricky_docx)
    start = next(i for i, p in enumerate(document.paragraphs) if p.text == TRICKY[0])
    block = [p.text for p in document.paragraphs[start : start + len(TRICKY)]]
    assert block == TRICKY
