"""Build the docxtpl templates in templates/, laid out per GB/T 9704-2012.

Run from the repository root::

    .venv/bin/python tools/build_templates.py

The output is deterministic: the same script gives byte-identical files, so a
regenerated template shows up in a diff only when its content changed.

Every era in the registry (reportkit.eras) gets a template: ``build_document_base()``
(page, grid, styles, page numbers) plus the body loop; each statistical table the era's
record declares (``Era.tables``: section and block kind) is laid out from the era's model
through the table of labels (reportkit.eras.tables), as a block of that loop. An era is
described in its own record; this script knows only how to lay out each kind of table.
Formatting lives in styles.xml, never on runs,
so a clerk can restyle a report in Word; each template tag sits in one run so
Word cannot split it.
"""

from __future__ import annotations

import io
import json
import math
import sys
import zipfile
from collections.abc import Callable, Sequence
from copy import deepcopy
from itertools import groupby
from pathlib import Path
from typing import Any, NamedTuple

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Twips
from lxml import etree
from pydantic import BaseModel

from reportkit.eras import Era, all_eras
from reportkit.eras.art50 import MONEY_UNIT_KEY
from reportkit.eras.tables import Column, Line, LineKind, table_lines

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"

# --- Page geometry (twips: 1/20 pt, 1440 a inch) ------------------------------


def mm(value: float) -> int:
    """Millimetres to whole twips."""
    return round(value * 1440 / 25.4)


PAGE_WIDTH = 11906  # A4 210 mm, Word's own rounding
PAGE_HEIGHT = 16838  # A4 297 mm
MARGIN_TOP = mm(37)  # 2098
MARGIN_BOTTOM = mm(35)  # 1984
MARGIN_LEFT = mm(28)  # 1587
MARGIN_RIGHT = mm(26)  # 1474
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 8845 twips = 156.0 mm
TEXT_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM  # 12756 twips = 225.0 mm

# Document grid: 22 lines x 28 characters of 3号 (16 pt) text.
#
# Lines: 12756 twips / 22 = 579.8, rounded down so that 22 lines fit:
#   linePitch = 579 twips = 28.95 pt (the usual 公文 "固定值 28.95 磅").
# Characters: w:charSpace is what Word adds to the Normal style's font size
# to get the character pitch, in 1/4096 pt. The pitch must satisfy
#   28 x pitch <= 8845 twips = 442.25 pt  =>  pitch <= 15.7946 pt,
#   charSpace = floor((15.7946 - 16) x 4096) = floor(-841.5) = -842,
# so each character is squeezed by about 0.2 pt and exactly 28 fit a line.
#
# Word and WPS honour that grid, but LibreOffice (7.4 at least) puts each
# 16 pt character into two 15.79 pt cells and sets 12-14 characters a line.
# So the text styles step off the grid (w:snapToGrid="0") and reach the same
# 22 x 28 by themselves, in every program:
#   lines: exact line spacing of linePitch;
#   characters: condensed in w:spacing, twentieths of a point,
#     floor((15.7946 - 16) x 20) = floor(-4.1) = -5 would do for Word, but
#     LibreOffice 7.4 still sets 27 a line with it (found by trial), so one
#     more: -6, 15.70 pt a character,
#     28 x 15.70 = 439.6 pt <= 442.25 pt < 29 x 15.70 = 455.3 pt.
# The grid stays: Word's Page Setup shows 22 lines x 28 characters, and a
# paragraph in some other style still lands on it.
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
BODY_PT = 16  # 3号
LINE_PITCH = TEXT_HEIGHT // LINES_PER_PAGE  # 579
CHAR_SPACE = math.floor((TEXT_WIDTH / 20 / CHARS_PER_LINE - BODY_PT) * 4096)  # -842
CHAR_PITCH = TEXT_WIDTH / CHARS_PER_LINE  # 315.9 twips, one grid character
CONDENSE = math.floor(CHAR_PITCH - BODY_PT * 20) - 1  # -6 twentieths of a point

# Page number: 4号 (14 pt). GB/T 9704 §7.5 puts the dashes 7 mm below the
# text block; the line is exactly 14 pt tall and the dash sits about mid-height,
# so the footer's bottom edge goes half a line below that point.
PAGE_NUMBER_PT = 14
FOOTER_DISTANCE = MARGIN_BOTTOM - mm(7) - PAGE_NUMBER_PT * 20 // 2  # 1447 twips = 25.5 mm

# Signature block (GB/T 9704 §7.3.5.1): the date 4 characters in from the
# right; the signature centred over the date. A date such as 2018年1月20日 is
# 3 full-width characters and 7 half-width digits, each condensed like the body
# (other dates have 6 or 8 digits, so the centring is within a quarter of a
# character). This needs the Normal style's autoSpaceDE/DN off: otherwise Word
# pads every switch between digits and Chinese by a variable amount.
DATE_RIGHT_INDENT = round(4 * CHAR_PITCH)  # 1264 twips
DATE_WIDTH = 3 * (BODY_PT * 20 + CONDENSE) + 7 * (BODY_PT * 10 + CONDENSE)  # 2020 twips
SIGNATURE_TAB = TEXT_WIDTH - DATE_RIGHT_INDENT - DATE_WIDTH // 2  # 6571 twips

# --- Fonts --------------------------------------------------------------------

LATIN = "Times New Roman"  # digits and Latin letters in body text
FANGSONG = "仿宋_GB2312"
KAITI = "楷体_GB2312"
HEITI = "黑体"
SONGTI = "宋体"
XIAOBIAOSONG = "方正小标宋简体"

# Font table: charset 86 is GB2312, so a program missing a face substitutes a
# Chinese one; altName names the likely substitute (Windows ships 仿宋 and 楷体,
# not the *_GB2312 faces government machines install).
FONT_TABLE: tuple[tuple[str, str | None, str, str, str], ...] = (
    # name, altName, charset, family, pitch
    (LATIN, None, "00", "roman", "variable"),
    (SONGTI, "SimSun", "86", "auto", "variable"),
    (HEITI, "SimHei", "86", "modern", "fixed"),
    (FANGSONG, "仿宋", "86", "modern", "fixed"),
    (KAITI, "楷体", "86", "modern", "fixed"),
    (XIAOBIAOSONG, "宋体", "86", "script", "fixed"),
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"

# --- XML helpers --------------------------------------------------------------


def w(tag: str, *children: Any, **attrs: str | int) -> Any:
    """A ``w:`` element with ``w:`` attributes and children, e.g. w("jc", val="center")."""
    element = OxmlElement(f"w:{tag}")
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), str(value))
    element.extend(children)
    return element


def run_props(east_asia: str, size_pt: float, latin: str = LATIN, condense: int = 0) -> Any:
    """Run properties: fonts for every script, size, languages, never bold."""
    half_points = round(size_pt * 2)
    spacing = [w("spacing", val=condense)] if condense else []
    return w(
        "rPr",
        w("rFonts", ascii=latin, hAnsi=latin, cs=latin, eastAsia=east_asia, hint="eastAsia"),
        w("b", val=0),
        w("bCs", val=0),
        *spacing,
        w("sz", val=half_points),
        w("szCs", val=half_points),
        # Latin script (digits) in en-US, Chinese in zh-CN, as Word writes a Chinese
        # document. With zh-CN for Latin script too, LibreOffice breaks digit runs across
        # lines ("〔20" / "21〕"). The PDF's /Lang, which LibreOffice takes from the Latin
        # language, is set to zh-CN after conversion (reportkit.publish.pdf).
        w("lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"),
    )


def indent(first_line_chars: float = 0, **extra: str | int) -> Any:
    """``w:ind`` in characters, with a twips fallback for readers that ignore *Chars."""
    return w(
        "ind",
        firstLineChars=round(first_line_chars * 100),
        firstLine=round(first_line_chars * CHAR_PITCH),
        **extra,
    )


def off_grid() -> Any:
    """``w:snapToGrid="0"``: the paragraph ignores the document grid."""
    return w("snapToGrid", val=0)


def exact_spacing(line: int = LINE_PITCH) -> Any:
    """No space around the paragraph; lines exactly ``line`` twips apart."""
    return w("spacing", before=0, after=0, line=line, lineRule="exact")


def restyle(style: Any, ppr: Any | None, rpr: Any) -> None:
    """Replace a style's pPr and rPr (dropping theme fonts, colours, borders)."""
    element = style.element
    for old in element.findall(qn("w:pPr")) + element.findall(qn("w:rPr")):
        element.remove(old)
    if ppr is not None:
        element.append(ppr)
    element.append(rpr)
    link = element.find(qn("w:link"))
    if link is not None:
        # The linked character style ("Heading 1 Char") carries its own copy of
        # the run properties; keep it in step so it shows the same face.
        linked = element.getparent().get_by_id(link.get(qn("w:val")))
        if linked is not None:
            for old in linked.findall(qn("w:rPr")):
                linked.remove(old)
            linked.append(deepcopy(rpr))


def add_paragraph(doc: Any, text: str, style: str) -> Any:
    """A paragraph whose text is one run, so a template tag is never split."""
    return doc.add_paragraph(text, style=style)


# --- The shared base ---------------------------------------------------------


def set_page(doc: Any) -> None:
    """A4, GB/T 9704 margins, the 22 x 28 grid, odd/even footers."""
    section = doc.sections[0]
    section.page_width = Twips(PAGE_WIDTH)
    section.page_height = Twips(PAGE_HEIGHT)
    section.top_margin = Twips(MARGIN_TOP)
    section.bottom_margin = Twips(MARGIN_BOTTOM)
    section.left_margin = Twips(MARGIN_LEFT)
    section.right_margin = Twips(MARGIN_RIGHT)
    section.gutter = Twips(0)
    section.footer_distance = Twips(FOOTER_DISTANCE)
    grid = section._sectPr.find(qn("w:docGrid"))
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(LINE_PITCH))
    grid.set(qn("w:charSpace"), str(CHAR_SPACE))


def set_styles(doc: Any) -> None:
    """Body, title, heading, footer, signature and table-text styles."""
    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    defaults.find(qn("w:rPrDefault")).clear()
    defaults.find(qn("w:rPrDefault")).append(run_props(FANGSONG, BODY_PT))
    defaults.find(qn("w:pPrDefault")).clear()
    defaults.find(qn("w:pPrDefault")).append(
        w("pPr", w("spacing", before=0, after=0, line=240, lineRule="auto"))
    )

    # Normal: 仿宋 3号, justified, first line in 2 characters, 22 x 28 (see
    # CONDENSE). Widow control is off so every page keeps its 22 lines; no
    # extra space between Chinese and digits, as in typeset 公文.
    restyle(
        styles["Normal"],
        w(
            "pPr",
            w("widowControl", val=0),
            w("autoSpaceDE", val=0),
            w("autoSpaceDN", val=0),
            off_grid(),
            exact_spacing(),
            indent(2),
            w("jc", val="both"),
        ),
        run_props(FANGSONG, BODY_PT, condense=CONDENSE),
    )
    # Title: 方正小标宋 2号, centred; off the 16 pt character grid.
    restyle(
        styles["Title"],
        w("pPr", w("keepNext"), off_grid(), exact_spacing(), indent(0), w("jc", val="center")),
        run_props(XIAOBIAOSONG, 22),
    )
    # Headings 一、 黑体 · （一） 楷体 · 1. 仿宋, all 3号, never bold.
    for level, face in enumerate((HEITI, KAITI, FANGSONG), start=1):
        restyle(
            styles[f"Heading {level}"],
            w(
                "pPr",
                w("keepNext"),
                w("keepLines"),
                off_grid(),
                exact_spacing(),
                indent(2),
                w("jc", val="both"),
                w("outlineLvl", val=level - 1),
            ),
            run_props(face, BODY_PT, condense=CONDENSE),
        )

    # Page numbers: 4号 half-width 宋体 in every script, so the dashes are
    # 宋体's full-width 一字线. Off the grid, one exact 14 pt line.
    restyle(
        styles["Footer"],
        w("pPr", off_grid(), exact_spacing(PAGE_NUMBER_PT * 20), indent(0)),
        run_props(SONGTI, PAGE_NUMBER_PT, latin=SONGTI),
    )

    # Signature and date (GB/T 9704 §7.3.5.1): the date 右空四字, the
    # signature centred over it by a centre tab stop; see add_signature().
    add_text_style(
        styles,
        "Signature",
        w(
            "pPr",
            w("keepNext"),
            w("tabs", w("tab", val="center", pos=SIGNATURE_TAB)),
            off_grid(),
            exact_spacing(),
            indent(0),
            w("jc", val="left"),
        ),
    )
    # A name too long to centre over the date (over ~14 characters) is set
    # right-aligned 2 characters in instead, the common practice for long names.
    add_text_style(
        styles,
        "Signature Long",
        w(
            "pPr",
            w("keepNext"),
            off_grid(),
            exact_spacing(),
            indent(0, rightChars=200, right=DATE_RIGHT_INDENT // 2),
            w("jc", val="right"),
        ),
    )
    add_text_style(
        styles,
        "Date",
        w(
            "pPr",
            off_grid(),
            exact_spacing(),
            indent(0, rightChars=400, right=DATE_RIGHT_INDENT),
            w("jc", val="right"),
        ),
    )

    # Table text for the 2019/2021 statistical tables: 仿宋 小四, centred,
    # single-spaced (not 28.95 pt a line).
    add_text_style(
        styles,
        "Table Text",
        w(
            "pPr",
            off_grid(),
            w("spacing", before=0, after=0, line=240, lineRule="auto"),
            indent(0),
            w("jc", val="center"),
        ),
        run_props(FANGSONG, 12),  # 小四
    )


def add_text_style(styles: Any, name: str, ppr: Any, rpr: Any | None = None) -> None:
    """A custom paragraph style based on Normal (body font unless ``rpr`` says)."""
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    style.quick_style = True
    restyle(style, ppr, rpr if rpr is not None else run_props(FANGSONG, BODY_PT, condense=CONDENSE))


def page_number_paragraph(paragraph: Any, *, odd: bool) -> None:
    """Fill a footer paragraph with "— N —", right (odd) or left (even), 1 char in."""
    side = "right" if odd else "left"
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(w("ind", **{f"{side}Chars": 100, side: PAGE_NUMBER_PT * 20}))
    ppr.append(w("jc", val=side))

    def text(value: str) -> Any:
        t = w("t")
        t.text = value
        t.set(qn("xml:space"), "preserve")
        return w("r", t)

    def field_char(kind: str) -> Any:
        return w("r", w("fldChar", fldCharType=kind))

    instr = w("instrText")
    instr.text = " PAGE "
    instr.set(qn("xml:space"), "preserve")
    paragraph._p.extend(
        [
            text("— "),
            field_char("begin"),
            w("r", instr),
            field_char("separate"),
            text("1"),
            field_char("end"),
            text(" —"),
        ]
    )


def set_footers(doc: Any) -> None:
    """Page numbers in separate odd (default) and even footers."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    section.footer.is_linked_to_previous = False
    section.even_page_footer.is_linked_to_previous = False
    page_number_paragraph(section.footer.paragraphs[0], odd=True)
    page_number_paragraph(section.even_page_footer.paragraphs[0], odd=False)


def set_settings(doc: Any) -> None:
    """Word 2013+ layout (no "Compatibility Mode"), Chinese theme fonts, metadata."""
    settings = doc.settings.element
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")
    # A "\n" in the data becomes a line break; without this Word and
    # LibreOffice stretch the justified line before it across the page.
    settings.find(qn("w:compat")).insert(0, w("doNotExpandShiftReturn"))
    theme_lang = settings.find(qn("w:themeFontLang"))
    theme_lang.set(qn("w:eastAsia"), "zh-CN")

    # Title and author (the unit) are rendered for each report (docxtpl renders the core
    # properties as templates); a PDF made from the document carries them.
    core = doc.core_properties
    core.title = "{{ title_unit }}{{ title_report }}"
    core.author = "{{ title_unit }}"
    core.comments = ""
    core.language = "zh-CN"

    # Drop two stale parts of python-docx's default document: a thumbnail of
    # somebody else's page, and stylesWithEffects.xml, an old copy of the
    # styles (theme fonts, blue headings) that Word 2010 may read instead.
    for rels, reltype in (
        (doc.part.package.rels, RT.THUMBNAIL),
        (doc.part.rels, STYLES_WITH_EFFECTS),
    ):
        for r_id, rel in list(rels.items()):
            if rel.reltype == reltype:
                del rels[r_id]


def build_document_base() -> Any:
    """A blank document with the GB/T 9704 page, grid, styles and page numbers."""
    doc = Document()
    set_page(doc)
    set_styles(doc)
    set_footers(doc)
    set_settings(doc)
    return doc


def font_table_xml() -> bytes:
    """word/fontTable.xml naming the faces the styles use."""
    fonts = etree.Element(f"{{{W_NS}}}fonts", nsmap={"w": W_NS})
    for name, alt_name, charset, family, pitch in FONT_TABLE:
        font = etree.SubElement(fonts, qn("w:font"), {qn("w:name"): name})
        if alt_name:
            etree.SubElement(font, qn("w:altName"), {qn("w:val"): alt_name})
        etree.SubElement(font, qn("w:charset"), {qn("w:val"): charset})
        etree.SubElement(font, qn("w:family"), {qn("w:val"): family})
        etree.SubElement(font, qn("w:pitch"), {qn("w:val"): pitch})
    return bytes(etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True))


def save(doc: Any, path: Path) -> None:
    """Save with our font table and fixed zip timestamps (byte-reproducible)."""
    replacements = {"word/fontTable.xml": font_table_xml()}
    buffer = io.BytesIO()
    doc.save(buffer)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(buffer) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = replacements.get(item.filename) or source.read(item)
            info = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, data)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())


# --- Body pieces shared by the eras ------------------------------------------

SIGNATURE_MAX_CENTRED = 14
"""Longest signature (characters) that fits centred over the date."""


def add_title(doc: Any) -> None:
    """Two centred title lines, then one empty line (GB/T 9704 §7.3.3)."""
    add_paragraph(doc, "{{ title_unit }}", "Title")
    add_paragraph(doc, "{{ title_report }}", "Title")
    add_paragraph(doc, "", "Normal")


def add_blocks_loop(doc: Any, branches: Sequence[tuple[str, Callable[[Any], None]]] = ()) -> None:
    """The numbered headings and paragraphs of the report, one paragraph each.

    ``branches`` are extra block kinds, each a ``(kind, add)`` pair: the loop gets an
    ``{%p elif b.kind == kind %}`` branch whose body ``add(doc)`` writes (a table). docxtpl
    works on the XML text, so whatever lies between two ``{%p … %}`` paragraphs is printed
    only in its branch.
    """
    line = "{{ b.number }}{{ b.title }}"
    headings = (
        ("{%p for b in blocks %}", "Normal"),
        ('{%p if b.kind == "h1" %}', "Normal"),
        (line, "Heading 1"),
        ('{%p elif b.kind == "h2" %}', "Normal"),
        (line, "Heading 2"),
        ('{%p elif b.kind == "h3" %}', "Normal"),
        (line, "Heading 3"),
    )
    for text, style in headings:
        add_paragraph(doc, text, style)
    for kind, add in branches:
        add_paragraph(doc, f"{{%p elif b.kind == {jinja_string(kind)} %}}", "Normal")
        add(doc)
    paragraphs = (
        ("{%p else %}", "Normal"),
        (line + "{{ b.text }}", "Normal"),
        ("{%p endif %}", "Normal"),
        ("{%p endfor %}", "Normal"),
    )
    for text, style in paragraphs:
        add_paragraph(doc, text, style)


def add_signature(doc: Any) -> None:
    """Two empty lines, then the signature centred over the date.

    The date is right-aligned 4 characters in; the signature is a tab and the
    name, centred on a tab stop over the middle of a typical date. Unlike an
    auto-fit table (which LibreOffice lays out at its stored width, and which
    puts the longer line, usually the name, 4 characters in), tab stops come
    out the same in Word, WPS and LibreOffice. A name longer than about 14
    characters no longer fits to the right of the stop; then centring over the
    date is impossible anyway and the name runs into the right margin.
    """
    add_paragraph(doc, "", "Normal")
    add_paragraph(doc, "", "Normal")
    add_paragraph(doc, f"{{%p if signature|length > {SIGNATURE_MAX_CENTRED} %}}", "Normal")
    add_paragraph(doc, "{{ signature }}", "Signature Long")
    add_paragraph(doc, "{%p else %}", "Normal")
    signature = doc.add_paragraph(style="Signature")
    signature.add_run("\t")
    signature.add_run("{{ signature }}")
    add_paragraph(doc, "{%p endif %}", "Normal")
    add_paragraph(doc, "{{ date }}", "Date")


# --- Tables (2019 and 2021 eras) ----------------------------------------------
#
# Rows, columns and their labels come from reportkit.eras.tables (lines()), the
# one table of labels; only the official tables' own words that are no row or
# column of the data are spelled here. Every table is portrait, the full text
# width, fixed layout, single rules on every cell, centred; its text is in the
# Table Text style (Table Label for Table 2's row labels). No row breaks across a
# page; header rows repeat on the next page.
#
# Size: 五号, not the base's 小四. Table 3 has fifteen columns in 156 mm, 10.4 mm
# each: a 小四 header such as 结果维持 set two characters a line leaves 0.1 mm to
# spare (LibreOffice already wraps it one character a line if the cell is a few
# twips narrower), 五号 a whole millimetre; and at 五号 Table 2's label column
# holds 21 characters a line, so its longest labels take two lines, not three.
# (The base's Table Text stays 小四 so that the 2007 template keeps its bytes.)

TABLE_TEXT = "Table Text"  # centred (defined in the shared base)
TABLE_LABEL = "Table Label"  # Table Text set left: Table 2's row labels
TABLE_PT = 10.5  # 五号

CONTENT_HEADER = "信息内容"  # Table 1: the header over the row labels
APPLICANTS_HEADER = "申请人情况"  # Table 2: the header over the seven columns
TOTAL_KEY = "总计"  # Table 2: the column of each row's total
TABLE2_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
UNIT_KEY = MONEY_UNIT_KEY
"""Table 1 (2019): the unit of 采购总金额 is data but no column of the official table;
the context prints it after the amount (``reportkit.eras.art50``), so it gets no column."""

CELL_MARGIN = 57  # twips (1 mm) left and right inside a cell; Word's default is 108
TABLE_CHAR = round(TABLE_PT * 20) + CONDENSE  # one character of Table Text (condensed like Normal)
ROW_HEIGHT = mm(7)  # the least height of a row: about one and a half lines of 五号
BORDER: dict[str, str | int] = {"val": "single", "sz": 4, "space": 0, "color": "auto"}  # 0.5 pt


def jinja_string(text: str) -> str:
    """A Jinja string literal (JSON's quoting is a subset of Jinja's)."""
    return json.dumps(text, ensure_ascii=False)


class Cell(NamedTuple):
    """One cell of a table row as the builder lays it out.

    (A NamedTuple, not a dataclass: the tests load this script without registering it in
    sys.modules, which dataclasses need.)
    """

    text: str = ""
    span: int = 1  # grid columns
    merge: str | None = None  # vertical merge: "restart" opens it, "continue" extends it down
    style: str = TABLE_TEXT


def cell_width(chars: int) -> int:
    """Twips a cell needs to set ``chars`` full-width characters of Table Text a line.

    Half a character to spare: at the exact width LibreOffice already wraps.
    """
    return round((chars + 0.5) * TABLE_CHAR) + 2 * CELL_MARGIN


def shares(total: int, n: int) -> list[int]:
    """``total`` twips in ``n`` widths as equal as whole twips allow."""
    return [total // n + (i < total % n) for i in range(n)]


def fill_row(cells: Sequence[Cell], width: int) -> list[Cell]:
    """Widen the last cell so that the row spans ``width`` grid columns."""
    last = cells[-1]
    return [*cells[:-1], last._replace(span=width - len(cells) + 1)]


def table_cell(doc: Any, cell: Cell, width: int, *, keep_next: bool) -> Any:
    """A ``w:tc``: width, spans, centred vertically, one paragraph of one run."""
    props = [w("tcW", w=width, type="dxa")]
    if cell.span > 1:
        props.append(w("gridSpan", val=cell.span))
    if cell.merge:
        props.append(w("vMerge", val=cell.merge))
    props.append(w("vAlign", val="center"))
    ppr = w("pPr", w("pStyle", val=doc.styles[cell.style].style_id))
    if keep_next:
        ppr.append(w("keepNext"))
    paragraph = w("p", ppr)
    if cell.text:
        text = w("t")
        text.text = cell.text
        text.set(qn("xml:space"), "preserve")
        paragraph.append(w("r", text))
    return w("tc", w("tcPr", *props), paragraph)


def table_row(
    doc: Any,
    widths: Sequence[int],
    cells: Sequence[Cell],
    *,
    header: bool = False,
    keep_next: bool = False,
) -> Any:
    """A ``w:tr`` never split across pages; ``header`` repeats it, ``keep_next`` keeps it
    on the page of the next row."""
    assert sum(cell.span for cell in cells) == len(widths), cells
    props = [w("cantSplit"), w("trHeight", val=ROW_HEIGHT, hRule="atLeast")]
    if header:
        props.append(w("tblHeader"))
    row = w("tr", w("trPr", *props))
    column = 0
    for cell in cells:
        width = sum(widths[column : column + cell.span])
        row.append(table_cell(doc, cell, width, keep_next=keep_next))
        column += cell.span
    return row


def add_table(doc: Any, widths: Sequence[int], rows: Sequence[Any]) -> None:
    """Append a table of ``rows`` on a grid of ``widths`` (twips) to the body."""
    assert sum(widths) == TEXT_WIDTH, widths
    sides = ("top", "left", "bottom", "right", "insideH", "insideV")
    look = {"firstRow": 0, "lastRow": 0, "firstColumn": 0, "lastColumn": 0}
    table = w(
        "tbl",
        w(
            "tblPr",
            w("tblStyle", val=doc.styles["Table Grid"].style_id),
            w("tblW", w=TEXT_WIDTH, type="dxa"),
            w("jc", val="center"),
            w("tblBorders", *(w(side, **BORDER) for side in sides)),
            w("tblLayout", type="fixed"),
            w(
                "tblCellMar",
                w("left", w=CELL_MARGIN, type="dxa"),
                w("right", w=CELL_MARGIN, type="dxa"),
            ),
            w("tblLook", val="0000", noHBand=1, noVBand=1, **look),
        ),
        w("tblGrid", *(w("gridCol", w=width) for width in widths)),
        *rows,
    )
    doc.element.body._insert_tbl(table)


def table_rows(report: type[BaseModel], section: str) -> list[Line]:
    """The lines of a table that hold figures (no headings)."""
    return [line for line in table_lines(report, section) if line.kind is not LineKind.HEADING]


def printed_columns(line: Line) -> tuple[Column, ...]:
    """The columns of a Table 1 line that the table prints."""
    return tuple(c for c in line.columns if c.key != UNIT_KEY)


def add_table1(doc: Any, report: type[BaseModel], section: str) -> None:
    """主动公开政府信息情况 as the official format draws it, one block per 条款.

    Each group (第二十条第（一）项) is a full-width row, a header row 信息内容 | the
    group's column labels, then its rows. The grid has as many value columns as the
    widest group; in a narrower group the last cell spans the rest. No header is
    common to all rows, so instead of repeating one the table is kept on one page.
    """
    rows = table_rows(report, section)
    width = 1 + max(len(printed_columns(line)) for line in rows)
    # Equal columns, as the official table draws them, unless a label needs more.
    label = max(cell_width(max(len(line.label) for line in rows)), TEXT_WIDTH // width)
    widths = [label, *shares(TEXT_WIDTH - label, width - 1)]
    grid: list[list[Cell]] = []
    for group, members in groupby(rows, key=lambda line: line.group):
        members_list = list(members)
        columns = printed_columns(members_list[0])
        assert all(printed_columns(line) == columns for line in members_list), group
        grid.append([Cell(group or "", span=width)])
        grid.append(fill_row([Cell(CONTENT_HEADER), *(Cell(c.label) for c in columns)], width))
        for line in members_list:
            key = jinja_string(line.path[-1])
            cells = [Cell(f"{{{{ t1[{key}][{jinja_string(c.key)}] }}}}") for c in columns]
            grid.append(fill_row([Cell(line.label), *cells], width))
    last = len(grid) - 1
    add_table(
        doc, widths, [table_row(doc, widths, row, keep_next=i < last) for i, row in enumerate(grid)]
    )


def header_chars(label: str) -> int:
    """Characters a line a Table 2 value column needs for its header ``label``.

    Up to three characters are one word (自然人, 总计), kept on one line; longer labels are
    two-character words (商业企业, 社会公益组织), set two a line.
    """
    return len(label) if len(label) <= 3 else 2


def add_table2(doc: Any, report: type[BaseModel], section: str) -> None:
    """收到和处理政府信息公开申请情况: a three-row header, then one looped row per line.

    Header: the note (merged down the three rows) | 申请人情况 over the seven columns;
    then 自然人 and 总计 merged down two rows, 法人或其他组织 over its five columns;
    then those five. The data row repeats for ``t2.rows``: the label, indented (every line of
    it) by its depth, and the seven cells.

    How it breaks across pages (Word and LibreOffice): no row splits; a heading-only row
    (三、本年度办理结果, （三）不予公开) keeps with the next row, so it never ends a page, and
    so does the last row but one, so the repeated header never stands over a lone last row.
    Each (depth, keep) is a variant of the row chosen by ``{%tr if %}``: Word cannot open a
    template tag inside an attribute.
    """
    lines = table_rows(report, section)
    columns = lines[0].columns
    # Value columns as wide as their header words; five digits fit in two characters, and the
    # total column, which holds the largest figures, takes three (six digits).
    values = [
        cell_width(max(3 if c.key == TOTAL_KEY else 2, header_chars(c.label))) for c in columns
    ]
    widths = [TEXT_WIDTH - sum(values), *values]
    first = [Cell(TABLE2_NOTE, merge="restart"), Cell(APPLICANTS_HEADER, span=len(columns))]
    second = [Cell(merge="continue")]
    third = [Cell(merge="continue")]
    for group, members in groupby(columns, key=lambda c: c.group):
        members_list = list(members)
        if group is None:
            second.extend(Cell(c.label, merge="restart") for c in members_list)
            third.extend(Cell(merge="continue") for c in members_list)
        else:
            second.append(Cell(group, span=len(members_list)))
            third.extend(Cell(c.label) for c in members_list)
    rows = [
        table_row(doc, widths, row, header=True, keep_next=True) for row in (first, second, third)
    ]

    def tag(text: str) -> Any:
        return table_row(doc, widths, [Cell(text, span=len(widths))])

    deepest = max(line.depth for line in table_lines(report, section))
    keep = 'r.kind == "heading" or loop.revindex == 2'
    rows.append(tag("{%tr for r in t2.rows %}"))
    rows.append(tag(f"{{%tr set keep = {keep} %}}"))
    variants = [(depth, kept) for depth in range(deepest + 1) for kept in (True, False)]
    for number, (depth, kept) in enumerate(variants):
        condition = f"r.depth == {depth} and {'' if kept else 'not '}keep"
        if number == 0:
            rows.append(tag(f"{{%tr if {condition} %}}"))
        elif number < len(variants) - 1:
            rows.append(tag(f"{{%tr elif {condition} %}}"))
        else:
            rows.append(tag("{%tr else %}"))
        data = [Cell("{{ r.label }}", style=label_style(depth))]
        data.extend(Cell(f"{{{{ r.cells[{i}] }}}}") for i in range(len(columns)))
        rows.append(table_row(doc, widths, data, keep_next=kept))
    rows.append(tag("{%tr endif %}"))
    rows.append(tag("{%tr endfor %}"))
    add_table(doc, widths, rows)


def label_style(depth: int) -> str:
    """The style of a Table 2 row label at ``depth`` (Table Label, indented)."""
    return TABLE_LABEL if depth == 0 else f"{TABLE_LABEL} {depth}"


def add_table3(doc: Any, report: type[BaseModel], section: str) -> None:
    """政府信息公开行政复议、行政诉讼情况: a three-row header and one row of figures.

    Header: 行政复议 (merged down two rows) | 行政诉讼 over its two groups; then 未经复议
    直接起诉 | 复议后起诉; then each group's five outcomes. Kept on one page.
    """
    rows = table_rows(report, section)
    total = sum(len(line.columns) for line in rows)
    widths = shares(TEXT_WIDTH, total)
    first: list[Cell] = []
    second: list[Cell] = []
    for group, members in groupby(rows, key=lambda line: line.group):
        members_list = list(members)
        if group is None:
            for line in members_list:
                first.append(Cell(line.label, span=len(line.columns), merge="restart"))
                second.append(Cell(span=len(line.columns), merge="continue"))
        else:
            first.append(Cell(group, span=sum(len(line.columns) for line in members_list)))
            second.extend(Cell(line.label, span=len(line.columns)) for line in members_list)
    third = [Cell(c.label) for line in rows for c in line.columns]
    data = [Cell(f"{{{{ t3.cells[{i}] }}}}") for i in range(total)]
    header = [
        table_row(doc, widths, row, header=True, keep_next=True) for row in (first, second, third)
    ]
    add_table(doc, widths, [*header, table_row(doc, widths, data)])


def add_table_styles(doc: Any) -> None:
    """Table Text at TABLE_PT, and Table Label: Table Text set left."""
    props = doc.styles[TABLE_TEXT].element.find(qn("w:rPr"))
    for tag in ("w:sz", "w:szCs"):
        props.find(qn(tag)).set(qn("w:val"), str(round(TABLE_PT * 2)))
    style = doc.styles.add_style(TABLE_LABEL, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[TABLE_TEXT]
    style.quick_style = True
    style.element.append(w("pPr", w("jc", val="left")))
    # Table Label 1, 2…: every line of a label indented by its depth, one character a level,
    # so that a label that wraps goes on under its own first character.
    for depth in (1, 2, 3):
        nested = doc.styles.add_style(f"{TABLE_LABEL} {depth}", WD_STYLE_TYPE.PARAGRAPH)
        nested.base_style = style
        nested.quick_style = True
        nested.element.append(w("pPr", w("ind", left=depth * TABLE_CHAR, firstLine=0)))


# --- Eras ---------------------------------------------------------------------

TABLE_LAYOUTS: dict[str, Callable[[Any, type[BaseModel], str], None]] = {
    "table1": add_table1,  # 主动公开: one block of rows per 条款
    "table2": add_table2,  # 收到和处理申请: three header rows, one looped row per line
    "table3": add_table3,  # 复议诉讼: three header rows, one row of figures
}
"""How each kind of table block an era may declare is laid out."""


def build(era: Era, path: Path) -> None:
    """The template of ``era``: title, the numbered prose blocks (with the era's tables as
    blocks among them), signature and date."""
    doc = build_document_base()
    if era.tables:
        add_table_styles(doc)
    add_title(doc)
    add_blocks_loop(
        doc,
        [
            (
                table.block,
                lambda d, t=table: TABLE_LAYOUTS[t.block](d, era.model, t.section),
            )
            for table in era.tables
        ],
    )
    add_signature(doc)
    save(doc, path)


def main() -> int:
    """Build every registered era's template into templates/."""
    for era in all_eras():
        path = TEMPLATES_DIR / era.template
        build(era, path)
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
