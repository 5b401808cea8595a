"""Importing a Word file as Word shows it: list numbers, content controls, tracked changes,
a layout table (reportkit.importing.word)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import qn

import reportkit
from reportkit.importing import read
from reportkit.importing.document import Grid, Paragraph
from reportkit.importing.word import number_text
from tests.test_importing import assert_same_figures, example_cases

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def _replace_text(paragraph: Any, text: str) -> None:
    for run in paragraph.runs[1:]:
        run._r.getparent().remove(run._r)
    paragraph.runs[0].text = text


def _numbered_by_word(document: Any) -> list[str]:
    """Each heading's typed number (一、 （一）) taken out and given to Word's list numbering
    instead (a list of two levels, chineseCounting): the headings as typed, in order."""
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {W} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(parse_xml(f'<w:num {W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    headings = []
    for paragraph in document.paragraphs:
        match = NUMBERED.match(paragraph.text)
        if match and len(paragraph.text) < 40 and paragraph.runs:
            headings.append(paragraph.text)
            level = 1 if match[0].startswith("（") else 0
            _replace_text(paragraph, paragraph.text[match.end() :])
            paragraph._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
            )
    return headings


def _in_content_controls(document: Any) -> None:
    """Every second block of the body (paragraph or table) inside a content control."""
    body = document.element.body
    for i, child in enumerate(list(body.iterchildren())):
        if i % 2 or not child.tag.endswith(("}p", "}tbl")):
            continue
        control = parse_xml(f"<w:sdt {W}><w:sdtPr/><w:sdtContent/></w:sdt>")
        child.addprevious(control)
        control[1].append(child)


def _in_layout_table(document: Any) -> None:
    """The whole report in the second cell of a one-row table, the first cell a menu."""
    body = document.element.body
    blocks = [c for c in body.iterchildren() if c.tag.endswith(("}p", "}tbl"))]
    layout = document.add_table(rows=1, cols=2)
    layout.rows[0].cells[0].paragraphs[0].text = "网站首页"
    content = layout.rows[0].cells[1]._tc
    for block in blocks:
        content.append(block)
    content.append(parse_xml(f"<w:p {W}/>"))  # a cell ends with a paragraph


NOTE = (
    "注：本表“收到申请数”包括当面、信函、网络等各种渠道提交的申请，同一申请人就同一事项多次提出的"
    "申请按一件计算，对申请内容不明确经补正后重新提出的申请不重复计算。",
    "上年结转的申请计入“上年结转政府信息公开申请数量”，本年度未办结的申请结转下一年度，在下一年度"
    "报告中予以说明，数据统计期限为本年度1月1日至12月31日，各栏数字按照国务院办公厅政府信息与政务公开"
    "办公室印发的年度报告格式统计，有关情况请参见正文第三部分的说明。",
)
"""A note of over 200 characters in two paragraphs: as long as a part of a page would be."""


def _with_note_rows(document: Any) -> None:
    """A row under each table, its cells merged, holding a note of two long paragraphs."""
    for table in document.tables:
        row = table.add_row()
        merged = row.cells[0].merge(row.cells[-1]) if len(row.cells) > 1 else row.cells[0]
        merged.paragraphs[0].text = NOTE[0]
        merged.add_paragraph(NOTE[1])


SHAPES = {
    "note-rows": _with_note_rows,
    "numbered-by-word": _numbered_by_word,
    "content-controls": _in_content_controls,
    "layout-table": _in_layout_table,
}


@pytest.mark.parametrize(("example", "shape"), example_cases(SHAPES, {"note-rows"}))
def test_a_word_file_as_clerks_make_it_gives_the_same_report(
    example: Path, shape: str, tmp_path: Path
) -> None:
    """An example's .docx with its headings numbered by Word's list numbering (not typed),
    its blocks in content controls, laid out in a table beside a menu, or its tables with a
    note row of two long paragraphs, imports to the example's own figures and the same
    headings, with nothing left unplaced."""
    rendered, _warnings = reportkit.render(example, tmp_path / "report.docx")
    plain = [b.text for b in read(rendered).blocks if isinstance(b, Paragraph)]
    document = docx.Document(str(rendered))
    SHAPES[shape](document)
    published = tmp_path / "published.docx"
    document.save(str(published))
    python_docx = [p.text for p in docx.Document(str(published)).paragraphs if p.text.strip()]
    assert python_docx != plain  # what python-docx's own reading misses
    shown = [b.text for b in read(published).blocks if isinstance(b, Paragraph)]
    assert [t for t in shown if t != "网站首页"] == plain  # every heading with its number
    assert_same_figures(example, published)


def test_word_numbering_restarts_and_counts_on(tmp_path: Path) -> None:
    """A deeper level starts again under each new item of the level above it; a list that
    restarts a level (startOverride) starts there; numbers go on across lists of one
    definition, as Word prints them."""
    document = docx.Document()
    headings = _numbered_by_word(document)  # defines list 90, no paragraph yet
    assert headings == []
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:num {W} w:numId="91"><w:abstractNumId w:val="90"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
        )
    )
    numbering.append(parse_xml(f'<w:num {W} w:numId="92"><w:abstractNumId w:val="90"/></w:num>'))
    for text, level, num in [
        ("概述", 0, 90),
        ("组织", 1, 90),
        ("制度", 1, 90),
        ("主动公开", 0, 90),
        ("平台", 1, 90),
        ("依申请公开", 0, 91),
        ("复议", 0, 92),
        ("正文", None, None),
    ]:
        paragraph = document.add_paragraph(text)
        if level is not None:
            paragraph._p.get_or_add_pPr().append(
                parse_xml(
                    f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>'
                )
            )
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    shown = [b.text for b in read(path).blocks if isinstance(b, Paragraph)]
    assert shown == [
        "一、概述",
        "（一）组织",
        "（二）制度",
        "二、主动公开",
        "（一）平台",
        "五、依申请公开",
        "六、复议",
        "正文",
    ]


def test_inserted_text_is_read_and_deleted_text_is_not(tmp_path: Path) -> None:
    """A report saved with tracked changes reads as Word shows it accepted: inserted words
    kept, deleted words and field codes left out, text boxes not run into the paragraph."""
    document = docx.Document()
    paragraph = document.add_paragraph("全年共收到申请")
    paragraph._p.append(
        parse_xml(f'<w:ins {W} w:id="1" w:author="a"><w:r><w:t>12件</w:t></w:r></w:ins>')
    )
    paragraph._p.append(
        parse_xml(
            f'<w:del {W} w:id="2" w:author="a"><w:r><w:delText>10件</w:delText></w:r></w:del>'
        )
    )
    paragraph._p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="begin"/></w:r>'))
    paragraph._p.append(parse_xml(f"<w:r {W}><w:instrText> PAGE </w:instrText></w:r>"))
    paragraph._p.append(parse_xml(f"<w:r {W}><w:t>。</w:t></w:r>"))
    paragraph._p.append(
        parse_xml(
            f"<w:r {W}><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p>"
            "</w:txbxContent></w:pict></w:r>"
        )
    )
    path = tmp_path / "tracked.docx"
    document.save(str(path))
    shown = [b.text for b in read(path).blocks if isinstance(b, Paragraph)]
    assert shown == ["全年共收到申请12件。"]


@pytest.mark.parametrize(
    ("n", "kind", "text"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCounting", "十一"),
        (20, "chineseCounting", "二十"),
        (105, "chineseCounting", "一百零五"),
        (110, "chineseCounting", "一百一十"),
        (3, "decimalEnclosedCircle", "③"),
        (2, "ideographTraditional", "乙"),
        (12, "decimalFullWidth", "１２"),
        (4, "upperRoman", "IV"),
        (28, "lowerLetter", "bb"),
        (10**15, "upperLetter", str(10**15)),  # a hostile start: its digits, never 10¹⁵ letters
        (12, "chineseLegalSimplified", "拾贰"),
        (3, "japaneseCounting", "三"),
        (2, "decimalEnclosedParen", "⑵"),
        (0, "ideographDigital", "0"),
        (-1, "chineseCounting", "-1"),
        (7, "decimal", "7"),
        (7, None, "7"),
    ],
)
def test_a_list_number_is_printed_as_word_prints_it(n: int, kind: str | None, text: str) -> None:
    assert number_text(n, kind) == text


def test_a_content_control_showing_its_placeholder_is_blank(tmp_path: Path) -> None:
    """A template's content control nobody filled in shows 单击或点击此处输入文字。: that is
    no text of the report, in a paragraph or in a table's cell (the cell stays blank)."""
    document = docx.Document()
    paragraph = document.add_paragraph("主动公开信息")
    paragraph._p.append(
        parse_xml(
            f"<w:sdt {W}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r>"
            "<w:t>单击或点击此处输入文字。</w:t></w:r></w:sdtContent></w:sdt>"
        )
    )
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].paragraphs[0].text = "规章"
    cell = table.rows[0].cells[1]._tc
    cell.remove(cell.find(qn("w:p")))
    cell.append(
        parse_xml(
            f"<w:sdt {W}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r>"
            "<w:t>单击或点击此处输入文字。</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        )
    )
    cell.append(parse_xml(f"<w:p {W}/>"))
    path = tmp_path / "template.docx"
    document.save(str(path))
    blocks = read(path).blocks
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == ["主动公开信息"]
    assert [b.rows for b in blocks if isinstance(b, Grid)] == [(("规章", ""),)]


def test_a_hostile_numbering_is_bounded(tmp_path: Path) -> None:
    """A level out of Word's 0–8, a number past 32767 and a number's text repeating %1 are
    read without a failure, and never print more than a short number before a paragraph."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {W} w:abstractNumId="91">'
            '<w:lvl w:ilvl="0"><w:start w:val="99999999999"/><w:numFmt w:val="decimal"/>'
            f'<w:lvlText w:val="{"%1" * 10}"/></w:lvl>'
            '<w:lvl w:ilvl="12"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(
        parse_xml(
            f'<w:num {W} w:numId="91"><w:abstractNumId w:val="91"/>'
            '<w:lvlOverride w:ilvl="9"><w:startOverride w:val="1"/></w:lvlOverride>'
            '<w:lvlOverride w:ilvl="-1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
    )
    for level in (0, 0, 12, -1):
        paragraph = document.add_paragraph("正文")
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="91"/></w:numPr>')
        )
    path = tmp_path / "hostile.docx"
    document.save(str(path))
    shown = [b.text for b in read(path).blocks if isinstance(b, Paragraph)]
    assert shown == ["正文"] * 4  # 32767 ten times is over 40 characters: no number
