"""reportkit import of PDFs: every example rendered to PDF (one LibreOffice batch) comes back
with every figure placed, the same prose, and tables that render the same again."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import reportkit
from reportkit import yamlfile
from reportkit.importing import Document, Grid, read, recognise
from reportkit.importing.document import squash
from tests.conftest import EXAMPLES
from tests.pdf_pages import render_pdfs
from tests.test_importing import EXAMPLE_FILES, _round_trip


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("import-pdf")
    made = render_pdfs(EXAMPLE_FILES, out)
    return {source.stem: pdf for source, pdf in zip(EXAMPLE_FILES, made, strict=True)}


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_example_survives_its_pdf_and_back(
    example: Path, pdfs: dict[str, Path], tmp_path: Path
) -> None:
    """An example's own PDF imports with nothing unplaced, the same figures and prose, and the
    imported file renders tables cell for cell equal to the original's."""
    rendered, _warnings = reportkit.render(example, tmp_path / "report.docx")
    _round_trip(example, rendered, pdfs[example.stem], tmp_path)


def test_a_table_broken_across_pages_is_read_on_each_page_with_merged_headers(
    pdfs: dict[str, Path],
) -> None:
    """Table 3 of the 2023 example runs over three pages, its two-level header repeated on each:
    every page gives a grid whose header cells (merged over rows and columns) are repeated into
    each position, and whose wrapped row labels are one cell."""
    document = read(pdfs["2023-example-street"])
    table3 = [g for g in document.grids if any("申请人情况" in c for c in g.rows[0])]
    assert len({g.where.page for g in table3}) >= 2
    for grid in table3:
        assert grid.rows[0][1:7] == ("申请人情况",) * 6
        assert grid.rows[1][2:7] == ("法人或其他组织",) * 5
        assert grid.rows[2][1] == "自然人"
    labels = [row[0] for g in table3 for row in g.rows]
    assert "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" in labels


def test_every_paragraph_is_read_whole_and_no_page_number_as_text(pdfs: dict[str, Path]) -> None:
    """Each paragraph of the 2023 example's prose is one paragraph of its PDF, whatever page
    breaks or line ends fall inside it, and no page number (—2—) is read as text."""
    source = yamlfile.parse((EXAMPLES / "2023-example-street.yaml").read_text(encoding="utf-8"))
    written = [
        squash(text) for body in [source["导语"], *_bodies(source)] for text in body.split("\n\n")
    ]
    read_back = {squash(p.text) for p in read(pdfs["2023-example-street"]).paragraphs}
    assert len(written) > 5
    assert [t for t in written if t not in read_back] == []
    assert not any(re.fullmatch(r"[—-]*[0-9]+[—-]*", t) for t in read_back)


def _bodies(node: object) -> list[str]:
    """Every 正文 of a data file."""
    if isinstance(node, dict):
        own = [node["正文"]] if isinstance(node.get("正文"), str) else []
        return own + [t for k, v in node.items() if k != "正文" for t in _bodies(v)]
    if isinstance(node, list):
        return [t for item in node for t in _bodies(item)]
    return []


def test_a_table_continued_without_its_header_is_still_placed(pdfs: dict[str, Path]) -> None:
    """Table 3 continued on later pages without its header repeated (as Word prints it unless
    told otherwise) gives the same data: the rows go on in the table begun before."""
    document = read(pdfs["2023-example-street"])
    table3 = [g for g in document.grids if any("申请人情况" in c for c in g.rows[0])]
    assert len(table3) >= 2
    continued = Document(
        blocks=[Grid(b.rows[3:], b.where) if b in table3[1:] else b for b in document.blocks],
        title=document.title,
    )
    whole, cut = recognise(document), recognise(continued)
    assert cut.unplaced == []
    assert cut.data == whole.data
