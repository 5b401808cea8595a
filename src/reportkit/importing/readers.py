"""Readers: one per kind of published file, each turning it into a :class:`Document`.

The kind is told by the file's first bytes (a portal's "报告.doc" is often a web page,
and a .txt may be anything), the suffix deciding only between web page and plain text.
A new kind of input is one function and one line in :data:`READERS`.
"""

from __future__ import annotations

import bisect
import codecs
import io
import re
import unicodedata
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from reportkit.errors import DataError, NotImportable
from reportkit.i18n import _
from reportkit.importing.document import Document, Grid, Paragraph, Where, lays_out_page, squash
from reportkit.loading import read_bytes

MAX_IMPORT_BYTES = 64 * 1024 * 1024
"""A published report (a .pdf or .docx with pictures) is seldom over a few megabytes."""

__all__ = ["READERS", "kind_of", "read", "read_docx", "read_html", "read_pdf", "read_text"]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an old binary Office file (.doc, .xls)
_CELL_GAP = re.compile(r"\t|[ \u3000]{2,}")
_NUMBER = r"[-+－]?[0-9０-９][0-9０-９,，.．]*(?:万元|元)?"
_TRAILING_NUMBERS = re.compile(rf"^(\S.*?)((?:\s+(?:{_NUMBER}))+)\s*$")
_PIPE_ROW = re.compile(r"\S\s*\|.*\|\s*$|\S\s+\|\s+\S")
_FIGURE_LINE = re.compile(rf"^(?:{_NUMBER}|[-—－/]|——)$")
_SENTENCE = re.compile(r"[。；;！？]")
_STACKED_CELL_MAX = 60
"""A longer line is prose, never one cell of a table copied one cell per line."""
_PAGE_NUMBER = re.compile(
    r"^[-—－–\s]*[0-9]+[-—－–\s]*$|^第\s*[0-9]+\s*页(?:\s*共\s*[0-9]+\s*页)?$|^[Pp]\.\s*[0-9]+$"
)


def kind_of(path: Path, head: bytes) -> str:
    """The kind of a file from its first bytes (and its suffix for text)."""
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(_OLE):
        return "doc"
    if head.startswith(b"PK"):
        return "docx"
    sample = head[:4096].lower()
    if path.suffix.lower() in (".html", ".htm", ".shtml") or re.search(
        rb"<(?:!doctype|html|head|body|div|p|table)\b", sample
    ):
        return "html"
    return "text"


def read(path: Path) -> Document:
    """The document in ``path``, whatever its kind; NotImportable when it cannot be read."""
    try:  # a regular file of sane size only: a named pipe would wait for ever
        data = read_bytes(path, MAX_IMPORT_BYTES)
    except DataError as exc:  # too large
        raise NotImportable(f"{path}: {exc.problems[0].message}") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Notepad's "Unicode"
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    if not data.strip():  # said as it is, whatever the name promised
        raise NotImportable(_("{path}: 文件为空，没有可读取的报告").format(path=path))
    kind = kind_of(path, data[:8192])
    if kind == "doc":
        raise NotImportable(
            _(
                "{path}: 这是旧版 Word（.doc）文件，无法读取；"
                "请在 Word 或 WPS 中另存为 .docx 后再导入"
            ).format(path=path)
        )
    return READERS[kind](path, data)


# --- plain text (copied from a page, or a PDF's text layer) ------------------------------------


_OUTLINE_NUMBER = re.compile(
    r"[一二三四五六七八九十]{1,3}[、.．]?|[（(](?:[一二三四五六七八九十]{1,3}|[0-9]{1,2})[)）]|[0-9]{1,2}[.．、]"
)
"""A heading's number alone: 一、 一 （一） (1) 1. — Word sets a list number a tab apart."""


def _numbered_heading(cells: list[str]) -> str | None:
    """The heading a "row" of two cells is when the first is only an outline number and the
    second words (a heading numbered by Word, the number a tab away: （一）⇥主动公开情况),
    joined again; None for a row of a table."""
    if (
        len(cells) == 2
        and _OUTLINE_NUMBER.fullmatch(cells[0])
        and not any(c.isdigit() for c in cells[1])
    ):
        return cells[0] + cells[1]
    return None


def _cells(line: str) -> list[str] | None:
    """The cells of a line that is a table row (cells apart by a tab or two spaces, or a
    label followed by figures), or None for a line of prose."""
    stripped = line.strip(" \u3000")
    row = line.rstrip("\r\n").lstrip(" \u3000\t")  # an indent is no empty cell
    if "\t" in row:
        cells = [c.strip(" \u3000") for c in row.split("\t")]
        return None if _numbered_heading(cells) else cells
    if _PIPE_ROW.search(row):  # 规章 | 0 | 0 | 0 |: a page's table flattened with "|"
        pipes = [c.strip(" \u3000") for c in row.rstrip(" \u3000\t").split("|")]
        if not pipes[-1]:
            pipes.pop()
        return pipes if len(pipes) >= 2 else None
    parts = [p for p in _CELL_GAP.split(stripped) if p]
    if len(parts) >= 2:
        return None if _numbered_heading(parts) else parts
    match = _TRAILING_NUMBERS.match(stripped)
    if match and not re.search(r"[。，；：]$|年度报告|年报", match.group(1)):  # a title and date
        return [match.group(1).strip(), *match.group(2).split()]
    return None


def _is_heading(line: str) -> bool:
    return bool(
        re.match(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])", line)
    )


_INLINE_HEADING = re.compile(
    r"[ \u3000]+(?=(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）])\S)"
)
_INLINE_LEVEL1 = re.compile(r"[一二三四五六七八九十]{1,3}[、.．]")


def _inline_parts(line: str) -> list[str]:
    """A whole report pasted on one line (…。 一、概述 2016年以来… 二、…): its paragraphs,
    split before each numbered heading that follows a space, the heading's words apart from
    the text run in after them. A line with fewer than two such 一、 headings is one
    paragraph, as it is."""
    parts = _INLINE_HEADING.split(line)
    if sum(1 for p in parts[1:] if _INLINE_LEVEL1.match(p)) < 2:
        return [line]
    out = [parts[0]] if parts[0].strip(" \u3000") else []
    for part in parts[1:]:
        head, *rest = re.split(r"[ \u3000]+", part.strip(" \u3000"), maxsplit=1)
        if rest and len(head) <= 40 and not _SENTENCE.search(head):
            out += [head, rest[0]]
        else:
            out.append(part.strip(" \u3000"))
    return out


def _one_cell(line: str) -> str | None:
    """The text of a line that can be one cell of a table copied one cell per line ("" for
    a line of "|" only), or None for prose or a row of several cells."""
    text = line.strip(" \u3000\t")
    if "|" in text:
        parts = [p.strip(" \u3000\t") for p in text.split("|")]
        filled = [p for p in parts if p]
        if len(filled) > 1:
            return None
        if text.endswith("|"):  # a cell the page closes with "|": a label with its
            return filled[0] if filled else ""  # definition (规章:…。 |) is one cell too
        text = filled[0] if filled else ""
    elif _cells(line) is not None:
        return None
    if len(text) > _STACKED_CELL_MAX or _SENTENCE.search(text):
        return None
    return text


@dataclass(frozen=True)
class _Stacked:
    """A table copied one cell per line: the lines it spans, its cells, and its lines
    that look like headings (kept as paragraphs too, for the outline)."""

    end: int
    cells: tuple[tuple[str, ...], ...]
    headings: tuple[str, ...]


def _stacked_tables(lines: list[str]) -> dict[int, _Stacked]:
    """The tables of a page copied one cell per line, by the line each starts on.

    Three shapes are read: cells apart by lines holding only "|" (two such lines together
    hold a blank cell); cells each ending in "|", a line of "|" being a blank cell or the
    end of a row; and cells apart by empty lines, where each empty line more than the usual
    gap is a blank cell. A run of such lines is a table when it holds three figures or more.
    """
    kinds = [_one_cell(line) if line.strip(" \u3000\t") else None for line in lines]
    for at in range(1, len(lines) - 1):  # 规章:地方行政规章指…。 between "|" lines: a cell
        if kinds[at] is None and lines[at].strip() and kinds[at - 1] == kinds[at + 1] == "":
            kinds[at] = lines[at].strip(" \u3000\t")
    found: dict[int, _Stacked] = {}
    at = 0
    while at < len(lines):
        if kinds[at] is None:
            at += 1
            continue
        end = at
        while end < len(lines) and (kinds[end] is not None or not lines[end].strip(" \u3000\t")):
            end += 1  # the run of one-cell and empty lines from ``at``
        start = at
        while start < end and (not kinds[start] or _is_heading(lines[start])):
            start += 1  # the section's heading before the table stays a paragraph
        figures = [i for i in range(start, end) if _FIGURE_LINE.match(kinds[i] or "")]
        if len(figures) >= 3:
            last = _blank_rows(kinds, figures[-1], end)
            found[start] = _stack(lines, kinds, start, last)
            at = last
        else:
            at = end
    return found


def _blank_rows(kinds: list[str | None], last_figure: int, end: int) -> int:
    """Where a table copied one cell per line ends, from its last figure: past the blank
    cells and row ends after it, then past each row printed blank — a label followed by at
    least as many "|" lines (blank cells) as the last row of figures has cells, or by some
    at the very end of the page (a row the page cuts); a group's label just before such a
    row (（三）不予公开) goes with it. Anything else (a heading, prose) ends the table."""

    def cells_after(label: int) -> int:
        after = label + 1
        while after < end and kinds[after] == "":
            after += 1
        return after

    label = last_figure
    while label > 0 and kinds[label] is not None and not _label_kind(kinds[label]):
        label -= 1  # back over the last row's figures and blanks to its label
    at = last_figure + 1
    while at < end and not kinds[at]:
        at += 1  # the blank cells and row ends after the last figure
    width = at - label - 1
    while width >= 2 and at < end and kinds[at]:
        after = cells_after(at)
        if after - at - 1 >= width or (after > at + 1 and after == end == len(kinds)):
            at = after
            continue
        group = cells_after(after) if after < end and kinds[after] else after
        if group - after - 1 < width:
            break
        at = group
    return at


def _label_kind(kind: str | None) -> bool:
    """Whether a one-cell line is words (a label), not a figure or a blank cell."""
    return bool(kind) and not _FIGURE_LINE.match(kind or "")


def _stack(lines: list[str], kinds: list[str | None], start: int, end: int) -> _Stacked:
    """The cells of lines ``start``–``end`` (one cell or empty each), read by their shape."""
    texts = [i for i in range(start, end) if kinds[i]]
    pipes = [i for i in range(start, end) if kinds[i] == ""]
    ended = [i for i in texts if lines[i].rstrip(" \u3000\t").endswith("|")]
    cells: list[tuple[str, ...]] = []
    if len(ended) * 2 >= len(texts):  # 规章 |\n0 |\n|\n4 |\n|: a "|" line is a blank cell
        # (or a row's end, which reads as a blank cell past the row's last column)
        cells = [(str(kinds[i]),) for i in range(start, end) if kinds[i] is not None]
    elif len(pipes) * 2 >= len(texts):  # 规章\n|\n0\n|\n0: two "|" lines together hold a blank
        before: str | None = None
        for i in range(start, end):
            if kinds[i] == "" and before == "":
                cells.append(("",))
            elif kinds[i]:
                cells.append((str(kinds[i]),))
            if kinds[i] is not None:
                before = kinds[i]
    else:  # 规章\n\n0\n\n0: each empty line beyond the usual gap is a blank cell
        gaps = [b - a - 1 for a, b in pairwise(texts)]
        usual = Counter(gaps).most_common(1)[0][0] if gaps else 0
        for n, i in enumerate(texts):
            cells.append((str(kinds[i]),))
            if n + 1 < len(texts):
                cells.extend([("",)] * max(0, gaps[n] - usual))
    headings = tuple(
        str(kinds[i])
        for n, i in enumerate(texts)
        if _is_heading(str(kinds[i]))
        and not (len(ended) * 2 >= len(texts) and i in ended)  # 三、本年度办理结果 |: a cell
        and not (n + 1 < len(texts) and _FIGURE_LINE.match(str(kinds[texts[n + 1]])))
    )  # a heading-like label followed by its figures (一、本年新收…\n3) is a row's label
    return _Stacked(end, tuple(cells), headings)


_CLOSED = ("。", "：", ":", "！", "？", "!", "?")
_OPEN = ("，", ",", "、", "；", ";")
_COUNT_FIRST = re.compile(
    r"^[0-9０-９][0-9０-９,，.．]*\s*(?:%|％|人次|万元|元|[条件个项类次篇人家场期份])"
)
_WORD_ROW = re.compile(r"^[\u4e00-\u9fff]{1,8}(?: [\u4e00-\u9fff]{1,8})+$")
"""结果 结果 其他 尚未 总: a table's header copied from a PDF, its words a space apart."""


_FULL_MIN = 30
"""A page's text is at least 15 Chinese characters wide (30 columns): a line narrower is no
line broken at the page's width."""


_HEADING_MAX = 20
"""A heading line longer than this has text run in after its title."""


def _columns(text: str) -> int:
    """A line's printed width in columns: a Chinese character takes two."""
    return sum(2 if _wide(ch) else 1 for ch in text)


def _closed(text: str) -> bool:
    """Whether a line ends a sentence (a full stop copied as "." after words ends one too,
    a closing quote or bracket after the stop aside: …。”)."""
    text = text.rstrip("”’」』）)\"'") or text
    return text.endswith(_CLOSED) or (len(text) > 1 and text[-1] == "." and not text[-2].isdigit())


def _continues(previous: str, line: str, full: float) -> bool:
    """Whether a line of text copied from a PDF goes on from the line before: never after
    a sentence's end nor into a heading; always when it begins with a count (7435 条,…: the
    figure the copy put on a line of its own) or the line before broke at a comma; and
    when the line before filled the page's width, unless it is a heading."""
    if _closed(previous) or _is_heading(line):
        return False
    if _is_heading(previous) and len(previous) <= _HEADING_MAX:
        return False  # a heading's own line (二、主动公开政府信息情况), no text run in after it
    if _COUNT_FIRST.match(line) or previous.endswith(_OPEN):
        return True
    return not _is_heading(previous) and _columns(previous) >= full


def _prose(line: str) -> str | None:
    """A line's text when it can be part of a paragraph (no table row, no page number)."""
    text = line.strip(" \u3000\t")
    if not text or "|" in text or _PAGE_NUMBER.match(text) or len(_cells(line) or []) >= 2:
        return None
    return text


def _double_spaced(lines: list[str]) -> bool:
    """Whether a copy puts an empty line after every line (a document-sharing site's)."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    gaps = [b - a - 1 for a, b in pairwise(filled)]
    return len(gaps) >= 4 and sum(1 for g in gaps if g == 1) >= 0.8 * len(gaps)


def _single_spaced(lines: list[str]) -> list[str]:
    """A double-spaced copy's lines without the empty line after each: two empty lines or
    more are one, a paragraph's end."""
    return [
        line
        for at, line in enumerate(lines)
        if line.strip()
        or not (0 < at < len(lines) - 1 and lines[at - 1].strip())
        or not lines[at + 1].strip()
    ]


def _wrap_width(lines: list[str]) -> float | None:
    """The width of a full line of text copied from a PDF, whose paragraphs run over
    several lines broken mid-sentence; None for text whose lines are its paragraphs.

    The text is wrapped when at least three lines, and a quarter of its lines of prose,
    go on from the line before (:func:`_continues`): a page copied from the web has next
    to none."""
    prose = [_prose(line) for line in lines]
    widths = sorted(_columns(p) for p in prose if p)
    if len(widths) < 4:
        return None
    full = 0.85 * widths[(len(widths) - 1) * 4 // 5]
    if full < _FULL_MIN:  # short lines (a table's cells one per line) fill no page's width
        full = float("inf")
    goes_on = sum(1 for a, b in pairwise(prose) if a and b and _continues(a, b, full))
    if goes_on < 3 or goes_on * 4 < len(widths):
        return None
    return full


def _among_figures(lines: list[str], at: int) -> bool:
    """Whether the line at ``at`` has a figure or a table row on a line next to it (a
    number there is a cell, not a page number)."""
    for step in (-1, 1):
        near = at + step
        while 0 <= near < len(lines) and not lines[near].strip():
            near += step
        if 0 <= near < len(lines):
            text = lines[near].strip(" \u3000\t")
            if _FIGURE_LINE.match(text) or len(_cells(lines[near]) or []) >= 2:
                return True
    return False


def _word_rows(lines: list[str]) -> set[int]:
    """The lines of words a space apart (a header copied from a PDF) just above a row of
    figures, or above such lines that are: the table's header rows."""
    rows: set[int] = set()
    below = False  # whether the line below is a table row or one of these
    for at in range(len(lines) - 1, -1, -1):
        text = lines[at].strip(" \u3000\t")
        if below and _WORD_ROW.match(text) and not _is_heading(text):
            rows.add(at)
            continue
        below = len(_cells(lines[at]) or []) >= 2 and bool(text)
    return rows


def read_text(path: Path, data: bytes, *, wrapped: bool | None = None) -> Document:
    """Text copied from a page: a line with cells apart is a table row (consecutive rows
    make a table), any other line a paragraph. Wrapped text (a PDF's, told by
    :func:`_wrap_width` unless ``wrapped`` says; a double-spaced copy is read without the
    empty line after each line) runs a paragraph over several lines: a line joins the one
    before unless it is indented or :func:`_continues` says it does not, and a header's
    words a space apart above a row of figures are its cells; a form feed starts a page."""
    text = _decode(data)
    document = Document()
    full = 0.0
    if wrapped is not False:
        printed = [page.splitlines() for page in text.split("\f")]
        if _double_spaced([line for page in printed for line in page]):
            printed = [_single_spaced(page) for page in printed]
        width = _wrap_width([line for page in printed for line in page])
        if width is not None:
            text, full = "\f".join("\n".join(page) for page in printed), width
        wrapped = wrapped or width is not None
    pages = text.split("\f")
    paragraph_no = table_no = 0
    for page_no, page in enumerate(pages, start=1):
        page_at = page_no if len(pages) > 1 else None
        rows: list[tuple[str, ...]] = []
        pending: list[str] = []

        def flush_paragraph() -> None:
            nonlocal paragraph_no
            if pending:  # noqa: B023 (called within this iteration only)
                paragraph_no += 1
                joined = "".join(pending) if wrapped else pending[0]  # noqa: B023 (called within this iteration only)
                where = Where(paragraph=paragraph_no, page=page_at)  # noqa: B023 (called within this iteration only)
                document.blocks.append(Paragraph(joined, where))
                pending.clear()  # noqa: B023 (called within this iteration only)

        def flush_rows() -> None:
            nonlocal table_no
            if rows:  # noqa: B023 (called within this iteration only)
                table_no += 1
                document.blocks.append(Grid(tuple(rows), Where(table=table_no, page=page_at)))  # noqa: B023 (called within this iteration only)
                rows.clear()  # noqa: B023 (called within this iteration only)

        lines = page.splitlines()
        stacked = {} if wrapped else _stacked_tables(lines)
        headers = _word_rows(lines) if wrapped else set()
        skip_to = 0
        for at, raw in enumerate(lines):
            if at < skip_to:
                continue
            if at in stacked:  # a table copied one cell per line
                flush_paragraph()
                flush_rows()
                table = stacked[at]
                table_no += 1
                where = Where(table=table_no, page=page_at)
                document.blocks.append(Grid(table.cells, where, stacked=True))
                for text in table.headings:
                    paragraph_no += 1
                    document.blocks.append(
                        Paragraph(text, Where(paragraph=paragraph_no, page=page_at))
                    )
                skip_to = table.end
                continue
            if not raw.strip(" \u3000\t|"):  # a line of "|" only: what is left of a border
                flush_paragraph()
                if not wrapped:
                    flush_rows()
                continue
            if (
                wrapped
                and _PAGE_NUMBER.match(raw.strip())
                and not (raw.strip().isdigit() and _among_figures(lines, at))
            ):
                continue  # a page number (a bare number only when no figure is beside it)
            cells = raw.split() if at in headers else _cells(raw)
            if cells is not None and len(cells) >= 2:
                flush_paragraph()
                rows.append(tuple(cells))
                continue
            line = raw.strip(" \u3000\t")
            following = lines[at + 1] if at + 1 < len(lines) else ""
            in_table = rows or (
                (_cells(following) or [""]) != [""] and len(_cells(following) or []) >= 2
            )
            if (
                in_table
                and not wrapped
                and len(line) <= 20
                and not re.search(r"[。，；：]", line)
                and not _is_heading(line)  # 三、收到和处理…: the section's heading ends a table
            ):
                rows.append((line,))  # a merged cell alone on its row (第二十条第（一）项)
                continue
            flush_rows()
            starts_new = (
                not wrapped
                or not pending
                or raw[:1] in (" ", "\u3000")
                or not _continues(pending[-1], line, full)
            )
            if starts_new:
                flush_paragraph()
            if wrapped:
                pending.append(line)
                continue
            for part in _inline_parts(line):
                pending.append(part)
                flush_paragraph()
        flush_paragraph()
        flush_rows()
    return document


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


# --- Word (.docx) -------------------------------------------------------------------------------


def read_docx(path: Path, data: bytes) -> Document:
    """A Word file: its body's paragraphs and tables in order, as Word shows them (list
    numbers, content controls, tracked insertions: :mod:`reportkit.importing.word`; a table
    laying out the page read as what its cells hold), a merged cell repeated into every row
    and column it spans, as python-docx gives it."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    unreadable = _("{path}: Word（.docx）文件的内容不是可以读取的 XML（文件已损坏）")
    try:
        word = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, EOFError, zlib.error):
        raise NotImportable(
            _("{path}: 不是完整的 Word（.docx）文件（文件不完整或已损坏）").format(path=path)
        ) from None
    except etree.LxmlError:  # a part that is no XML, or nested deeper than XML may be read
        raise NotImportable(unreadable.format(path=path)) from None
    try:
        return _word_document(word)
    except etree.LxmlError:  # a part read when it is needed (the numbering, the styles)
        raise NotImportable(unreadable.format(path=path)) from None


def _word_document(word: Any) -> Document:
    from docx.table import Table

    from reportkit.importing import word as wordml

    document = Document()
    numbering = wordml.Numbering(word)
    paragraph_no = table_no = 0
    for kind, content in wordml.blocks(word.element.body, numbering):
        if kind == "p":
            text = content.strip(" \u3000\t\n")
            if text:
                paragraph_no += 1
                document.blocks.append(Paragraph(text, Where(paragraph=paragraph_no)))
            continue
        table_no += 1
        # A merged cell read once (its list numbers counted once). The dict holds each cell
        # element, so lxml gives the same one for it again.
        texts: dict[Any, str] = {}
        rows = tuple(
            tuple(_merged_text(texts, cell._tc, numbering) for cell in row.cells)
            for row in Table(content, word._body).rows
        )
        document.blocks.append(Grid(rows, Where(table=table_no)))
    return document


def _merged_text(texts: dict[Any, str], cell: Any, numbering: Any) -> str:
    from reportkit.importing import word as wordml

    if cell not in texts:
        texts[cell] = wordml.cell_text(cell, numbering).strip()
    return texts[cell]


# --- web pages (.html) --------------------------------------------------------------------------

_BLOCK_TAGS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "section",
    "article",
    "blockquote",
    "center",
    "pre",
    "td",
    "th",
    "tr",
    "tbody",
    "ul",
    "ol",
    "table",
    "thead",
    "tfoot",
    "main",
    "figure",
    "figcaption",
    "address",
    "dl",
    "hgroup",
    "fieldset",
    "details",
}
_SKIP_TAGS = {
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "select",
    "button",
    "iframe",
    "form",
    "head",
    "title",
    "aside",
}
_TEXT_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote"}
_LAYOUT_INSIDE = ("h1", "h2", "h3", "h4", "h5", "h6", "main", "article", "section")
"""What no cell of a report's table holds (but a title row may: see :func:`_layout_table`)."""
_OWN_CELLS = "./tr/td | ./tr/th | ./*/tr/td | ./*/tr/th"
_PARAGRAPHS = ("p", "div", "ul", "ol", "dl", "br")
"""What makes a cell's text several paragraphs."""


def _layout_table(table: object) -> bool:
    """Whether a <table> lays out the page (:func:`~reportkit.importing.document.lays_out_page`)."""
    from lxml.html import HtmlElement

    assert isinstance(table, HtmlElement)
    cells = [
        (cell.text_content(), sum(1 for _ in cell.iterdescendants(*_PARAGRAPHS)))
        for cell in table.xpath(_OWN_CELLS)
    ]
    return lays_out_page(
        cells,
        holds_table=next(table.iterdescendants("table"), None) is not None,
        headed=next(table.iterdescendants(*_LAYOUT_INSIDE), None) is not None,
    )


def _truncated(text: str) -> bool:
    """A page cut off in transfer: it opens an <html> (or <body>) it never closes."""
    lower = text.lower()
    for tag in ("html", "body"):
        if re.search(rf"<{tag}\b", lower) and f"</{tag}>" not in lower:
            return True
    return False


def read_html(path: Path, data: bytes) -> Document:
    """A web page: the element holding the most report text (the page's navigation,
    metadata and footer left out), its paragraphs and its tables (``<td>``-only grids
    included, rowspan and colspan expanded)."""
    import lxml.html
    from lxml import etree

    text = _decode(_declared(data))
    if _truncated(text):
        raise NotImportable(
            _(
                "{path}: 网页不完整（没有结尾的 </html>），可能下载时被截断；请重新保存整个网页"
            ).format(path=path)
        )
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        raise NotImportable(_("{path}: 不是可以读取的网页").format(path=path)) from None
    for bad in root.xpath("//script|//style|//noscript|//comment()"):
        bad.drop_tree() if hasattr(bad, "drop_tree") else bad.getparent().remove(bad)
    title = root.findtext(".//title")
    body = _report_element(root)
    document = Document(title=title.strip() if title else None)
    _walk_html(body, document, [0, 0])
    return document


def _declared(data: bytes) -> bytes:
    """The page as UTF-8 bytes when it declares another charset (GBK pages are common) —
    unless it is UTF-8 all the same (a portal's template declaring gb2312 for pages its
    server sends as UTF-8, as browsers read them): Chinese in GBK is never valid UTF-8."""
    match = re.search(rb"charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", data[:4096])
    if match:
        name = match.group(1).decode("ascii").lower()
        if name in ("gb2312", "gbk", "gb18030"):
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                return data.decode("gb18030", errors="replace").encode("utf-8")
    return data


_LINE_BREAK = "\u2029"
"""A <br> while a paragraph's text is gathered: the page's own line breaks are spaces."""
_WHITESPACE = re.compile(r"\s+")
_PAGE_SPACE = re.compile(r"[ \t\r\n\u00a0]+")


def _own_text_length(element: object) -> int:
    from lxml.html import HtmlElement

    assert isinstance(element, HtmlElement)
    return len(_WHITESPACE.sub("", element.text_content()))


def _report_element(root: object) -> object:
    """The element with the most report text: the parent whose paragraph-like children
    (p, h1–h6, tables, text-only divs) hold the most characters."""
    from lxml.html import HtmlElement

    assert isinstance(root, HtmlElement)
    scores: dict[HtmlElement, int] = {}
    for element in root.iter():
        if not isinstance(element, HtmlElement) or element.tag in _SKIP_TAGS:
            continue
        if (
            element.tag in _TEXT_TAGS
            or (element.tag == "table" and not _layout_table(element))
            or (element.tag == "div" and not any(c.tag in _BLOCK_TAGS for c in element))
        ):
            parent = element.getparent()
            if parent is not None:
                scores[parent] = scores.get(parent, 0) + _own_text_length(element)
    if not scores:
        return root.body if root.find("body") is not None else root
    return max(scores, key=lambda e: scores[e])


def _walk_html(element: object, document: Document, counters: list[int]) -> None:
    from lxml.html import HtmlElement

    assert isinstance(element, HtmlElement)
    inline: list[str] = [element.text or ""]

    def flush() -> None:
        text = _PAGE_SPACE.sub(" ", "".join(inline)).strip(" \u3000")
        inline.clear()
        for line in (t.strip(" \u3000") for t in text.split(_LINE_BREAK)):
            if line:
                counters[0] += 1
                document.blocks.append(Paragraph(line, Where(paragraph=counters[0])))

    for child in element:
        own_footer = child.tag == "footer" and _in_article(child)
        if not isinstance(child, HtmlElement) or (child.tag in _SKIP_TAGS and not own_footer):
            inline.append(child.tail or "")
            continue
        if child.tag == "table" and not _layout_table(child):
            flush()
            counters[1] += 1
            document.blocks.append(Grid(_grid(child), Where(table=counters[1])))
        elif child.tag == "br":
            inline.append(_LINE_BREAK)
        elif child.tag == "dt":  # a term starts a line; its description may go on it
            flush()
            inline.append(_inline_text(child))
        elif child.tag == "dd" and not _own_paragraph(child):
            inline.append(_inline_text(child))  # 发布机构 | 示例街道办事处: one line
        elif child.tag in _BLOCK_TAGS or child.tag == "dd" or own_footer:
            flush()
            _walk_html(child, document, counters)
        else:
            inline.append(_inline_text(child))
        inline.append(child.tail or "")
    flush()


def _own_paragraph(description: object) -> bool:
    """Whether a <dd> is a paragraph of its own: under a numbered heading (<dt>一、总体情况),
    long, or holding paragraphs; a short value under a label (发布机构) goes on its line."""
    from lxml.html import HtmlElement

    assert isinstance(description, HtmlElement)
    term = description.getprevious()
    if term is not None and term.tag == "dt" and _is_heading(term.text_content()):
        return True
    if any(c.tag in _BLOCK_TAGS for c in description):
        return True
    return _own_text_length(description) > 40


def _in_article(element: object) -> bool:
    """Whether a <footer> is an article's or section's own (its sign-off: 署名, 成文日期),
    not the page's (版权所有, 联系我们)."""
    from lxml.html import HtmlElement

    assert isinstance(element, HtmlElement)
    return any(a.tag in ("article", "section") for a in element.iterancestors())


def _inline_text(element: object) -> str:
    from lxml.html import HtmlElement

    assert isinstance(element, HtmlElement)
    for br in element.iter("br"):
        br.tail = _LINE_BREAK + (br.tail or "")
    return str(element.text_content())


def _grid(table: object) -> tuple[tuple[str, ...], ...]:
    """A table's cells as a grid, a cell spanning rows or columns repeated in each."""
    from lxml.html import HtmlElement

    assert isinstance(table, HtmlElement)
    grid: dict[tuple[int, int], str] = {}
    height = width = 0
    for r, tr in enumerate(table.iter("tr")):
        c = 0
        for cell in tr:
            if cell.tag not in ("td", "th") or not isinstance(cell, HtmlElement):
                continue
            while (r, c) in grid:
                c += 1
            # every run of spaces one space, none at either end (str.split's spaces are \s)
            text = " ".join(cell.text_content().split())
            rows, columns = cell.get("rowspan"), cell.get("colspan")
            # The table is as wide as its cells start: a note row's colspan="20" over a table
            # of 8 columns adds none (browsers draw the columns no cell starts in 0 wide).
            width = max(width, c + 1)
            if rows is None and columns is None:
                grid[r, c] = text  # (r, c) is free
                height = max(height, r + 1)
                c += 1
                continue
            rowspan = 1 if rows is None else _span(rows)
            colspan = 1 if columns is None else _span(columns)
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid.setdefault((r + dr, c + dc), text)
            height = max(height, r + rowspan)
            c += colspan
    if not grid:
        return ()
    return tuple(tuple(grid.get((r, c), "") for c in range(width)) for r in range(height))


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1


# --- PDF ------------------------------------------------------------------------------------

_SENTENCE_END = ("。", "：", ":", "！", "？")


@dataclass(frozen=True)
class _PdfLine:
    """One line of a page's text outside its tables: cells two spaces apart."""

    top: float
    x0: float
    size: float
    text: str


@dataclass(frozen=True)
class _PdfTable:
    top: float
    rows: tuple[tuple[str, ...], ...]


def read_pdf(path: Path, data: bytes) -> Document:
    """A PDF's text layer. Each ruled table is a grid (a merged cell repeated into every
    position it covers, the lines of a wrapped cell joined); the text around the tables is
    paragraphs: a line joins the one before unless it is indented, a heading, or (in a PDF
    whose paragraphs do not begin indented) the one before ended a sentence — over a page
    break too — and page numbers are left out. A
    table broken across pages is one grid a page (the recogniser continues it). An
    image-only or encrypted PDF is refused with what to provide instead."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            printed = [
                (page.chars, [(t.bbox, t.cells) for t in page.find_tables()], float(page.height))
                for page in pdf.pages
            ]
    except (PdfminerException, PDFPasswordIncorrect) as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect) or "password" in str(cause).lower():
            raise NotImportable(
                _("{path}: PDF 已加密，无法读取文字；请提供未加密的 PDF、网页或 Word 版").format(
                    path=path
                )
            ) from None
        raise NotImportable(
            _("{path}: 不是可以读取的 PDF（文件不完整或已损坏）").format(path=path)
        ) from None
    except Exception:  # pdfminer raises many kinds on a damaged file (struct.error, KeyError…);
        # only reading is in this try, what is made of what was read is not
        raise NotImportable(
            _("{path}: 不是可以读取的 PDF（文件不完整或已损坏）").format(path=path)
        ) from None
    pages = [_pdf_page(chars, tables, height) for chars, tables, height in printed]
    if not any(lines or tables for lines, tables, _height in pages):
        raise NotImportable(_("{path}: PDF 没有文字层，请提供网页或 Word 版").format(path=path))
    return _pdf_document(pages)


def _pdf_document(pages: list[tuple[list[_PdfLine], list[_PdfTable], float]]) -> Document:
    """The pages' lines and tables as paragraphs and grids, in reading order; a page number,
    or a running head or foot (the same line at the top or bottom of several pages), left out."""
    lefts = Counter(round(line.x0) for lines, _t, _h in pages for line in lines)
    margin = lefts.most_common(1)[0][0] if lefts else 0
    running = Counter(
        squash(line.text)
        for lines, _t, height in pages
        for line in {squash(li.text): li for li in lines if _in_margin(li, height)}.values()
    )
    sizes = Counter(round(line.size) for lines, _t, _h in pages for line in lines)
    body = sizes.most_common(1)[0][0] if sizes else 0
    # Paragraphs that begin indented (GB/T 9704, Word's usual) are told by the indent alone:
    # a line that happens to end a sentence does not end its paragraph there.
    indented = (
        sum(
            1
            for lines, _t, _h in pages
            for line in lines
            if line.x0 > margin + 0.5 * line.size and not _is_heading(line.text.strip())
        )
        >= 3
    )
    document = Document()
    pending: list[str] = []
    display: list[float] = []  # the size of the pending title's lines (larger than the body)
    rows: list[tuple[str, ...]] = []
    counters = {"paragraph": 0, "table": 0}
    started: dict[str, int] = {}

    def flush_paragraph() -> None:
        if pending:
            counters["paragraph"] += 1
            where = Where(paragraph=counters["paragraph"], page=started["paragraph"])
            document.blocks.append(Paragraph(_joined(pending), where))
            pending.clear()

    def add_grid(grid: tuple[tuple[str, ...], ...], page: int) -> None:
        counters["table"] += 1
        document.blocks.append(Grid(grid, Where(table=counters["table"], page=page)))

    def flush_rows() -> None:
        if rows:
            add_grid(tuple(rows), started["rows"])
            rows.clear()

    for page_no, (lines, tables, height) in enumerate(pages, start=1):
        items: list[_PdfLine | _PdfTable] = sorted([*lines, *tables], key=lambda i: i.top)
        for item in items:
            if isinstance(item, _PdfTable):
                flush_paragraph()
                flush_rows()
                add_grid(item.rows, page_no)
                continue
            text = item.text.strip()
            if _in_margin(item, height) and (
                _PAGE_NUMBER.match(text) or running[squash(text)] >= 2
            ):
                continue
            cells = [c for c in _CELL_GAP.split(text) if c]
            heading = _numbered_heading(cells)
            if heading is not None:
                text = heading
            elif len(cells) >= 2:  # a table drawn without rules: its cells far apart
                flush_paragraph()
                if not rows:
                    started["rows"] = page_no
                rows.append(tuple(cells))
                continue
            flush_rows()
            title_goes_on = (  # a title's lines, centred, in a face larger than the body's
                pending
                and display
                and item.size > body + 1
                and abs(item.size - display[-1]) < 0.5
                and not _is_heading(text)
            )
            starts_new = not title_goes_on and (
                not pending
                or item.x0 > margin + 0.5 * item.size
                or _is_heading(text)
                or (not indented and pending[-1].endswith(_SENTENCE_END))
            )
            if starts_new:
                flush_paragraph()
                display.clear()
                started["paragraph"] = page_no
            if item.size > body + 1:
                display.append(item.size)
            pending.append(text)
        flush_rows()
    flush_paragraph()
    return document


def _in_margin(line: _PdfLine, height: float) -> bool:
    """Whether a line is in a page's top or bottom margin (where heads, feet and numbers are)."""
    return line.top < 0.1 * height or line.top > 0.85 * height


_Box = tuple[float, float, float, float]


def _pdf_page(
    chars: list[dict[str, Any]], found: list[tuple[_Box, list[_Box]]], height: float
) -> tuple[list[_PdfLine], list[_PdfTable], float]:
    """A page's lines of text outside its ruled tables, its tables, and its height, from its
    characters and the tables found by their rules (each a box and its cells' boxes)."""
    tables = []
    for box, cells in found:
        xs = {round(c[0], 1) for c in cells}
        ys = {round(c[1], 1) for c in cells}
        if len(xs) >= 2 and len(ys) >= 2:  # a framed paragraph is no table
            tables.append((box, cells))
    inside: list[list[dict[str, Any]]] = [[] for _t in tables]
    outside: list[dict[str, Any]] = []
    for char in chars:
        if not char["text"].strip():
            continue
        x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        for held, (box, _cells) in zip(inside, tables, strict=True):
            x0, top, x1, bottom = box
            if x0 <= x <= x1 and top <= y <= bottom:
                held.append(char)
                break
        else:
            outside.append(char)
    lines = [
        _PdfLine(line[0]["top"], line[0]["x0"], max(c["size"] for c in line), _line_text(line))
        for line in _text_lines(outside)
    ]
    grids = [
        _PdfTable(box[1], _table_grid(cells, held))
        for (box, cells), held in zip(tables, inside, strict=True)
    ]
    return lines, grids, height


def _table_grid(cells: list[_Box], chars: list[dict[str, Any]]) -> tuple[tuple[str, ...], ...]:
    """A ruled table's text as a grid: each character to the cell it sits in, a merged
    cell's text repeated into every row and column it covers (as a reader sees it)."""
    xs = sorted({round(c[0], 1) for c in cells})
    ys = sorted({round(c[1], 1) for c in cells})
    owner: dict[tuple[int, int], int] = {}
    for n, (x0, top, x1, bottom) in enumerate(cells):
        for r, y in enumerate(ys):
            if round(top, 1) <= y < bottom - 0.5:
                for k, x in enumerate(xs):
                    if round(x0, 1) <= x < x1 - 0.5:
                        owner.setdefault((r, k), n)
    held: list[list[dict[str, Any]]] = [[] for _c in cells]
    for char in chars:
        r = bisect.bisect_right(ys, (char["top"] + char["bottom"]) / 2) - 1
        k = bisect.bisect_right(xs, (char["x0"] + char["x1"]) / 2) - 1
        at = owner.get((r, k))
        if at is not None:
            held[at].append(char)
    texts = [_joined([_line_text(line) for line in _text_lines(h)]) for h in held]
    return tuple(
        tuple(texts[owner[(r, k)]] if (r, k) in owner else "" for k in range(len(xs)))
        for r in range(len(ys))
    )


def _text_lines(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Characters grouped into lines (top to bottom), each line left to right."""
    lines: list[list[dict[str, Any]]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if lines and char["top"] - lines[-1][0]["top"] <= 0.4 * char["size"]:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def _wide(text: str) -> bool:
    return unicodedata.east_asian_width(text[:1]) in ("W", "F", "A")


def _line_text(line: list[dict[str, Any]]) -> str:
    """A line's text: characters a column apart (over a character's width) get two spaces
    (a cell boundary); a gap between Latin letters or digits one space; a gap beside a
    Chinese character none (it is the typesetter's, not the text's)."""
    out: list[str] = []
    previous: dict[str, Any] | None = None
    for char in line:
        if previous is not None:
            gap = char["x0"] - previous["x1"]
            size = max(char["size"], previous["size"])
            if gap > size:
                out.append("  ")
            elif gap > 0.15 * size and not (_wide(previous["text"]) or _wide(char["text"])):
                out.append(" ")
        out.append(char["text"])
        previous = char
    return "".join(out)


def _joined(lines: list[str]) -> str:
    """Wrapped lines as one text: a space only where a Latin word was broken."""
    text = ""
    for line in lines:
        if (
            text
            and text[-1].isascii()
            and text[-1].isalpha()
            and line[:1].isascii()
            and line[:1].isalpha()
        ):
            text += " "
        text += line
    return text


READERS: dict[str, Callable[[Path, bytes], Document]] = {
    "text": read_text,
    "docx": read_docx,
    "html": read_html,
    "pdf": read_pdf,
}
"""Kind of file → its reader."""
