"""reportkit import of PDFs: every example rendered to PDF (one LibreOffice batch) comes back
with every figure placed, the same prose, and tables that render the same again."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn

import reportkit
from reportkit import yamlfile
from reportkit.cli import main
from reportkit.importing import Document, Grid, read, recognise
from reportkit.importing.document import squash
from tests.conftest import EXAMPLES, STREET_2023
from tests.pdf_pages import require_libreoffice
from tests.test_import_word import _numbered_by_word
from tests.test_importing import EXAMPLE_FILES, _round_trip

RUNNING_HEAD = "示例区政务公开专栏"


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each example's PDF, and the 2023 example as many units' Word files print it (a running
    head, Table 3's header not repeated): one LibreOffice batch for all."""
    from reportkit.publish.pdf import convert

    require_libreoffice()
    out = tmp_path_factory.mktemp("import-pdf")
    documents = [reportkit.render(e, out / f"{e.stem}.docx")[0] for e in EXAMPLE_FILES]
    documents.append(_as_word_prints(documents[-1], out / "word-2023.docx"))
    documents.append(_titled(documents[-2], out / "long-title-2023.docx", LONG_UNIT))
    for example in (EXAMPLE_FILES[0], STREET_2023):  # prose only (2007), and tables (2021)
        documents.append(
            _word_numbered(out / f"{example.stem}.docx", out / f"numbered-{example.stem}.docx")
        )
    made = convert(documents, out)
    return {document.stem: pdf for document, pdf in zip(documents, made, strict=True)}


LONG_UNIT = "示例省示例市示例区示例街道办事处示例社区综合服务中心"
"""A unit whose name wraps in the title's face."""


def _titled(source: Path, target: Path, unit: str) -> Path:
    """``source`` with the unit in its title (the title's first paragraph) replaced."""
    document = docx.Document(str(source))
    first = document.paragraphs[0]
    for run in first.runs[1:]:
        run.text = ""
    first.runs[0].text = unit
    document.save(str(target))
    return target


def _word_numbered(source: Path, target: Path) -> Path:
    """``source`` with its headings numbered by Word's list numbering, not typed: Word sets
    each number a tab away from the heading's words."""
    document = docx.Document(str(source))
    assert _numbered_by_word(document)
    document.save(str(target))
    return target


def _as_word_prints(source: Path, target: Path) -> Path:
    """``source`` with a running head on every page and no table header row repeated."""
    document = docx.Document(str(source))
    for section in document.sections:
        section.header.is_linked_to_previous = False
        section.header.paragraphs[0].text = RUNNING_HEAD
    for table in document.tables:
        for row in table.rows:
            properties = row._tr.trPr
            for repeat in properties.findall(qn("w:tblHeader")) if properties is not None else ():
                properties.remove(repeat)
    document.save(str(target))
    return target


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


def test_a_word_pdf_with_a_running_head_and_unrepeated_headers_round_trips(
    pdfs: dict[str, Path], tmp_path: Path
) -> None:
    """The 2023 example printed with a running head on every page and Table 3's header only on
    its first page imports to the same figures, prose and tables: the head is no text of the
    report, and the rows on later pages go on in the table."""
    document = read(pdfs["word-2023"])
    assert not any(RUNNING_HEAD in p.text for p in document.paragraphs)
    table3 = [g for g in document.grids if any("自然人" in c for row in g.rows for c in row)]
    assert len(table3) == 1  # the header is printed once: later pages have rows only
    rendered, _warnings = reportkit.render(STREET_2023, tmp_path / "report.docx")
    _round_trip(STREET_2023, rendered, pdfs["word-2023"], tmp_path)


@pytest.mark.parametrize("example", [EXAMPLE_FILES[0], STREET_2023], ids=lambda p: p.stem)
def test_headings_numbered_by_word_are_headings_in_its_pdf(
    example: Path, pdfs: dict[str, Path], tmp_path: Path
) -> None:
    """Headings Word numbers (the number a tab away from the words: （一）⇥主动公开情况) read
    from the PDF as headings with their numbers, not as rows of a table, and the report comes
    back whole."""
    document = read(pdfs[f"numbered-{example.stem}"])
    headings = [
        p.text for p in document.paragraphs if re.match(r"^（[一二三四五六七八九十]+）", p.text)
    ]
    assert headings and all(not re.match(r"^（.）\s", h) for h in headings)
    assert not any(re.fullmatch(r"（.）", c) for g in document.grids for row in g.rows for c in row)
    rendered, _warnings = reportkit.render(example, tmp_path / "report.docx")
    _round_trip(example, rendered, pdfs[f"numbered-{example.stem}"], tmp_path)


def test_a_title_over_several_lines_gives_the_whole_unit(pdfs: dict[str, Path]) -> None:
    """A unit's name that wraps in the title is read whole, with the year after it."""
    found = recognise(read(pdfs["long-title-2023"]))
    assert found.data["单位"]["全称"] == LONG_UNIT
    assert found.data["年度"] == 2023


def test_a_truncated_pdf_is_refused_with_a_message(pdfs: dict[str, Path], tmp_path: Path) -> None:
    """A PDF cut off in transfer: “不是可以读取的 PDF”, exit 1, nothing written."""
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(pdfs["2023-example-street"].read_bytes()[:3000])
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(main, ["import", str(cut), "-o", str(out)])
    assert result.exit_code == 1
    assert "不是可以读取的 PDF（文件不完整或已损坏）" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not out.exists()
