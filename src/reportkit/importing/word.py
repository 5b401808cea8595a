"""A Word file's text as Word shows it: list numbers, content controls, tracked changes.

python-docx's ``Paragraph.text`` reads only a paragraph's runs and hyperlinks, and its
``Document.paragraphs`` and ``tables`` only the body's own: a clerk's Word file shows more.
Here a paragraph's text also holds what Word prints for it and python-docx leaves out:

- its **list number** when Word numbers it (一、 （一） 1. from the numbering definitions,
  the way a heading numbered by Word's 编号 button is printed, not typed);
- the text of **content controls** (a template's fields), tracked **insertions**, smart tags
  and simple fields; deleted text, field codes, text boxes and a content control still
  showing its placeholder (单击或点击此处输入文字。) are no part of it.

The body is read in order, into content controls too, and a table that lays out the page
(a table or a long text in several paragraphs in a cell) is read as the paragraphs and
tables in its cells, not as a table of the report.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportkit.importing.document import lays_out_page

__all__ = ["Numbering", "blocks", "cell_text", "paragraph_text"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _SDT, _CUSTOM = f"{_W}p", f"{_W}tbl", f"{_W}sdt", f"{_W}customXml"
_SKIPPED = frozenset(
    {
        f"{_W}del",  # a tracked deletion
        f"{_W}moveFrom",
        f"{_W}instrText",  # a field's code (its result is ordinary runs)
        f"{_W}delInstrText",
        f"{_W}txbxContent",  # a text box: paragraphs of its own, elsewhere on the page
        f"{_W}pPr",
        f"{_W}rPr",
        f"{_W}footnoteReference",
        f"{_W}endnoteReference",
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
    }
)
_BREAKS = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}


def _placeholder(control: Any) -> bool:
    """Whether a content control (w:sdt) shows its placeholder (单击或点击此处输入文字。):
    nothing was filled in."""
    return control.find(f"{_W}sdtPr/{_W}showingPlcHdr") is not None


def _text_of(element: Any, out: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == _SDT and _placeholder(child):
            continue
        if tag == f"{_W}t":
            out.append(child.text or "")
        elif tag in _BREAKS:
            out.append(_BREAKS[tag])
        else:
            _text_of(child, out)


def _val(element: Any, path: str) -> str | None:
    found = element.find(path) if element is not None else None
    return None if found is None else found.get(f"{_W}val")


_CHINESE_DIGITS = "〇一二三四五六七八九"


def _chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (Word's chineseCounting)."""
    if not 0 < n < 1000:
        return str(n)
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    text = f"{_CHINESE_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        text += "十" if tens == 1 and not hundreds else f"{_CHINESE_DIGITS[tens]}十"
    elif hundreds and ones:
        text += "零"
    if ones:
        text += _CHINESE_DIGITS[ones]
    return text


def _letters(n: int) -> str:
    """1 → A, 27 → AA, 28 → BB (Word's letters); past ZZZZ (a number a hostile file may
    start a list at) its digits."""
    if not 0 < n <= 26 * 4:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    numerals = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    text = ""
    for value, numeral in numerals:
        count, n = divmod(n, value)
        text += numeral * count
    return text


_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


_LEGAL = str.maketrans("一二三四五六七八九十百", "壹贰叁肆伍陆柒捌玖拾佰")
_COUNTING = ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting")


def number_text(n: int, kind: str | None) -> str:
    """``n`` as a list number of Word's format ``kind`` (w:numFmt); its digits for a format
    this does not print, or a number it cannot print in it (0)."""
    if n <= 0:
        return str(n)
    if kind in _COUNTING:
        return _chinese(n)
    if kind == "chineseLegalSimplified":
        return _chinese(n).translate(_LEGAL)
    if kind in ("ideographDigital", "japaneseDigitalTenThousand", "taiwaneseDigital"):
        return "".join(_CHINESE_DIGITS[int(d)] for d in str(n))
    if kind in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and n <= 20:
        return chr(0x2460 + n - 1)
    if kind == "decimalEnclosedParen" and n <= 20:
        return chr(0x2474 + n - 1)
    if kind == "decimalEnclosedFullstop" and n <= 20:
        return chr(0x2488 + n - 1)
    if kind == "ideographTraditional" and n <= 10:
        return "甲乙丙丁戊己庚辛壬癸"[n - 1]
    if kind == "decimalFullWidth":
        return str(n).translate(_FULL_WIDTH)
    if kind == "upperLetter":
        return _letters(n)
    if kind == "lowerLetter":
        return _letters(n).lower()
    if kind == "upperRoman":
        return _roman(n)
    if kind == "lowerRoman":
        return _roman(n).lower()
    if kind == "decimalZero":
        return f"{n:02d}"
    return str(n)  # decimal, and any other: its number


_DEEPEST = 8
"""Word's list levels are 0–8."""
_LARGEST = 32767
"""Word numbers a list to 32767 at the most."""
_LEVEL_TEXT_CHARS = 20
"""A level's text (w:lvlText) is a few characters (%1、); a longer one is no list number."""
_LABEL_CHARS = 40
"""A list number printed longer than this is none (%1%1%1… of a hostile file)."""

_Level = tuple[int, str | None, str]
"""A list level: its first number, its format (w:numFmt) and its text (w:lvlText, %1…)."""


class Numbering:
    """Word's list numbers, counted as the paragraphs are read in order.

    Lists (w:num) of one definition (w:abstractNum) go on counting together, as in Word,
    unless a list restarts a level (w:startOverride) where it is first used."""

    def __init__(self, word: Any) -> None:
        self.levels: dict[str, dict[int, _Level]] = {}  # by list (numId)
        self.definition: dict[str, str] = {}  # a list's definition (abstractNumId)
        self.restarts: dict[str, dict[int, int]] = {}  # a list's start overrides
        self.styles: dict[str, tuple[str | None, str | None, str | None]] = {}
        self.counts: dict[str, list[int | None]] = {}  # by definition
        self.started: set[str] = set()
        self._read_definitions(word)
        self._read_styles(word)

    def _read_definitions(self, word: Any) -> None:
        try:
            root = word.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, _Level]] = {}
        for definition in root.iterchildren(f"{_W}abstractNum"):
            levels = {}
            for level in definition.iterchildren(f"{_W}lvl"):
                ilvl = _level(level.get(f"{_W}ilvl"))
                if ilvl is None:
                    continue
                start = _int(_val(level, f"{_W}start"), 0, _LARGEST)  # none: 0 (ECMA-376)
                text = _val(level, f"{_W}lvlText") or ""
                # printed before every paragraph, a long one could blow a hostile file up
                shown = text if len(text) <= _LEVEL_TEXT_CHARS else ""
                levels[ilvl] = (start, _val(level, f"{_W}numFmt"), shown)
            abstract[definition.get(f"{_W}abstractNumId") or ""] = levels
        for num in root.iterchildren(f"{_W}num"):
            num_id = num.get(f"{_W}numId") or ""
            definition_id = _val(num, f"{_W}abstractNumId") or ""
            self.definition[num_id] = definition_id
            self.levels[num_id] = abstract.get(definition_id, {})
            for override in num.iterchildren(f"{_W}lvlOverride"):
                restart = _val(override, f"{_W}startOverride")
                if restart is not None:
                    ilvl = _level(override.get(f"{_W}ilvl"))
                    if ilvl is not None:
                        self.restarts.setdefault(num_id, {})[ilvl] = _int(restart, 0, _LARGEST)

    def _read_styles(self, word: Any) -> None:
        try:
            styles = word.styles.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for style in styles.iterchildren(f"{_W}style"):
            numbering = style.find(f"{_W}pPr/{_W}numPr")
            self.styles[style.get(f"{_W}styleId") or ""] = (
                _val(style, f"{_W}basedOn"),
                _val(numbering, f"{_W}numId"),
                _val(numbering, f"{_W}ilvl"),
            )

    def _of_style(self, style: str | None) -> tuple[str | None, str | None]:
        seen = set()
        while style and style not in seen and style in self.styles:
            seen.add(style)
            based_on, num_id, ilvl = self.styles[style]
            if num_id is not None:
                return num_id, ilvl
            style = based_on
        return None, None

    def label(self, paragraph: Any) -> str:
        """The list number Word prints before ``paragraph`` (a w:p), counting it; "" when it
        is not numbered (or by a bullet)."""
        properties = paragraph.find(f"{_W}pPr")
        numbering = properties.find(f"{_W}numPr") if properties is not None else None
        num_id, ilvl_text = _val(numbering, f"{_W}numId"), _val(numbering, f"{_W}ilvl")
        if num_id is None:
            num_id, style_ilvl = self._of_style(_val(properties, f"{_W}pStyle"))
            ilvl_text = ilvl_text or style_ilvl
        levels = self.levels.get(num_id or "")
        ilvl = _level(ilvl_text)
        if not levels or ilvl is None or ilvl not in levels:
            return ""
        assert num_id is not None
        restarts = self.restarts.get(num_id, {})
        counts = self.counts.setdefault(self.definition[num_id], [None] * 9)
        if num_id not in self.started:
            self.started.add(num_id)
            for restarted in restarts:
                counts[restarted] = None
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = None
        current = counts[ilvl]
        counts[ilvl] = (
            restarts.get(ilvl, levels[ilvl][0]) if current is None else min(current + 1, _LARGEST)
        )
        _start, kind, text = levels[ilvl]
        if kind in ("bullet", "none"):
            return ""
        for k in range(ilvl, -1, -1):
            at = f"%{k + 1}"
            if at in text:
                start, shown_kind, _text = levels.get(k, (1, kind, ""))
                count = counts[k]
                text = text.replace(at, number_text(start if count is None else count, shown_kind))
        return text if len(text) <= _LABEL_CHARS else ""


def _level(text: str | None) -> int | None:
    """A list level of the XML (0 when none is given); None when it is no level (not 0–8)."""
    if text is None:
        return 0
    try:
        value = int(text) if len(text) <= 3 else -1
    except ValueError:
        return None
    return value if 0 <= value <= _DEEPEST else None


def _int(text: str | None, default: int, top: int) -> int:
    """A number of the numbering's XML, within 0…``top`` (Word's own limits: levels 0–8, list
    numbers to 32767); ``default`` when there is none or it is no number."""
    try:
        value = int(text) if text is not None and len(text) <= 12 else default
    except ValueError:
        return default
    return min(max(value, 0), top)


def paragraph_text(paragraph: Any, numbering: Numbering | None = None) -> str:
    """What Word prints of a paragraph (a w:p): its list number and every visible run."""
    out: list[str] = []
    _text_of(paragraph, out)
    label = numbering.label(paragraph) if numbering is not None else ""
    return label + "".join(out)


def cell_text(cell: Any, numbering: Numbering | None = None) -> str:
    """A table cell's text (a w:tc), its paragraphs on lines of their own."""
    lines = []
    for child in _flat(cell):
        if child.tag == _P:
            lines.append(paragraph_text(child, numbering))
    return "\n".join(lines)


def _flat(container: Any) -> Iterator[Any]:
    """The paragraphs and tables of a container, content controls and custom XML opened."""
    for child in container:
        if child.tag == _SDT:
            if _placeholder(child):
                continue
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _flat(content)
        elif child.tag == _CUSTOM:
            yield from _flat(child)
        elif child.tag in (_P, _TBL):
            yield child


def _layout(table: Any) -> bool:
    """Whether a w:tbl lays out the page (:func:`~reportkit.importing.document.lays_out_page`)."""
    cells = []
    for row in table.iterchildren(f"{_W}tr"):
        for cell in row.iterchildren(f"{_W}tc"):
            lines = [paragraph_text(p) for p in _flat(cell) if p.tag == _P]
            cells.append(("".join(lines), len(lines)))
    return lays_out_page(cells, holds_table=table.find(f".//{_TBL}") is not None, headed=False)


def blocks(body: Any, numbering: Numbering | None) -> Iterator[tuple[str, Any]]:
    """("p", text) for each paragraph and ("table", w:tbl) for each table of a report, in
    reading order: content controls opened, a layout table's cells read in order."""
    for child in _flat(body):
        if child.tag == _P:
            yield "p", paragraph_text(child, numbering)
        elif _layout(child):
            for row in child.iterchildren(f"{_W}tr"):
                for cell in row.iterchildren(f"{_W}tc"):
                    yield from blocks(cell, numbering)
        else:
            yield "table", child
