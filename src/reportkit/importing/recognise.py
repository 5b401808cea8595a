"""From a read document to a data file's contents: what reportkit's own eras know, applied
backwards.

The title gives the year and the unit, the year the era; the era's outline names the
sections (matched by their words, whatever numbering a report uses — （一）, (一), 一、,
skipped or repeated numbers); the era's table of labels names every row and column of
every table (matched by label, never by position, full- and half-width alike). Sentences
reportkit itself writes from the figures are recognised by writing them again and left
out of the prose. **No figure is invented**: a cell printed blank stays blank (``None``,
still to fill), a printed 0 is 0, and what cannot be placed is listed with where it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel

from reportkit import datapath
from reportkit.eras import Era, all_eras, era_for_year, no_era_for_year
from reportkit.eras.introspect import fields_by_alias, model_at
from reportkit.eras.model import levels_named
from reportkit.eras.tables import Column, Line, LineKind, table_lines
from reportkit.errors import NotImportable
from reportkit.i18n import _
from reportkit.importing.document import Document, Grid, Paragraph, Where, squash
from reportkit.importing.titles import masthead, statistics_period
from reportkit.prose import of_the_year, year_before

__all__ = ["ASSESSMENT_WORDS", "Imported", "heading", "label", "recognise", "same_label"]

Path = tuple[str | int, ...]

_DATE = re.compile(r"^([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日$")
_LEVEL1 = re.compile(r"^[一二三四五六七八九十]{1,3}\s*[、.．]\s*(.+)$")
_LEVEL2 = re.compile(r"^[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]\s*(.+)$")
_LEVEL3 = re.compile(r"^[0-9]{1,2}\s*[.．、]\s*(.+)$")
_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十0-9]+\)|[0-9]+[.、)])"
)
_QUOTES = re.compile(r"[“”\"'‘’/·]")
_REMARK = re.compile(r"\([^()]*\)$")
_CONTINUED = re.compile(r"\((?:续|续表|接上表)\)$")
_SUBITEM = re.compile(r"^其中[:：]?")
_VOICE = re.compile(
    r"(?:我|本)(?:街道|镇|乡|局|委|办|区|县|市|厅|中心|机关|院|署|部门|单位|政府|公司|站|所)"
)

SECTION_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("行政复议和诉讼", ("复议", "诉讼")),
    ("收费及减免", ("收费", "减免", "收支")),  # 人员和收支情况 (Beijing, 2008–13)
    ("问题及改进", ("问题", "改进", "不足")),
    ("其他事项", ("其他",)),
    ("依申请公开", ("申请",)),
    ("主动公开", ("主动公开",)),
    ("总体情况", ("总体", "概述", "基本情况", "概况", "基本工作")),
    ("概述", ("概述", "基本情况", "概况", "基本工作", "总体")),
)
"""A first-level heading's words → the data-file key of its section (the first match wins;
only keys of the era's outline are tried)."""

ASSESSMENT_WORDS = ("评议", "追究", "追责")
"""Words of 工作考核、社会评议和责任追究结果情况 that only a report of it uses: 考核 alone is
common under 监督保障 (监督考核, 纳入年度考核)."""

TOPIC_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("考核评议追责", ASSESSMENT_WORDS),
    ("监督保障", ("监督", "保障")),
    ("考核评议追责", ("考核",)),  # 考核情况: no other topic's words
    ("平台建设", ("平台",)),
    ("政府信息管理", ("管理",)),
    ("依申请公开", ("申请",)),
    ("主动公开", ("主动公开",)),
)
"""A sub-heading's words → the key of a named sub-section (总体情况's topics)."""


@dataclass
class Imported:
    """What import found: the data (by data-file keys), where each part came from, the
    cells printed blank, and what could not be placed."""

    era: Era
    data: dict[str, Any]
    origins: dict[Path, str] = field(default_factory=dict)
    blanks: list[tuple[Path, str]] = field(default_factory=list)
    unread: list[tuple[Path, str]] = field(default_factory=list)
    """Cells printed with something that is no figure: left blank, but not printed blank."""
    unplaced: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What was taken from where other than the title (the year from the statistics period,
    the unit from the page's metadata…), for the data file's header."""


@dataclass
class _Part:
    """A heading and what follows it up to the next heading of its level or above."""

    level: int
    title: str
    where: Where | None
    paras: list[Paragraph] = field(default_factory=list)
    children: list[_Part] = field(default_factory=list)
    printed: str = ""
    """The heading's paragraph as printed (with its numbering and any text run in after it)."""
    run_in: bool = False
    """Whether ``paras[0]`` is the text run in after the heading on its own line."""


_TRAILING = re.compile(r"[:;,.。、]+$")
"""What a label may end in as printed (规章：, 其他；) and is no part of it (NFKC made the
full-width marks half-width)."""


@functools.lru_cache(maxsize=16384)  # every report prints the same headers and row labels
def label(text: str) -> str:
    """A label as compared: half-width, no spaces, quotes, leading number or trailing colon."""
    return _TRAILING.sub("", _NUMBERING.sub("", _QUOTES.sub("", squash(text))))


@functools.lru_cache(maxsize=65536)  # every report compares the same pairs of labels
def same_label(printed: str, official: str) -> bool:
    """Whether a printed label is the official one (its numbering, spacing, width and a
    shortened or lengthened wording aside)."""
    a, b = label(printed), label(official)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) >= 4 and (long.startswith(short) or long.endswith(short)):
        return True
    # a remark in brackets worded otherwise: 本年收费金额（万元） for （单位：万元）
    a, b = _REMARK.sub("", a), _REMARK.sub("", b)
    return bool(a) and a == b and len(a) >= 4


# --- title, year, unit, sign-off -------------------------------------------------------------


def _signoff(body: list[Paragraph], unit: str | None) -> tuple[dict[str, Any], int]:
    """落款 from the last paragraphs (a date, a signature before it), and how many they are."""
    found: dict[str, Any] = {}
    used = 0
    if body and (match := _DATE.match(squash(body[-1].text))):
        try:
            found["日期"] = dt.date(*(int(g) for g in match.groups()))
            used = 1
        except ValueError:
            return found, 0
        if len(body) >= 2:
            signature = body[-2].text.strip()
            if len(signature) <= 40 and not re.search(r"[。；：]", signature):
                used = 2
                if squash(signature) != squash(unit or ""):
                    found["署名"] = signature
    elif body and unit and squash(body[-1].text) == squash(unit):
        used = 1
    return found, used


_METADATA = re.compile(
    r"^(?:索引号|发布机构|发文机关|发文单位|成文日期|发布日期|公开日期|发文字号|文号|主题分类"
    r"|信息分类|组配分类|公开方式|公开范围|有效性)[:：]?"
)
_WRITTEN = re.compile(r"成文日期[:：]?([0-9]{4})[-年/.]([0-9]{1,2})[-月/.]([0-9]{1,2})")


def _metadata(body: list[Paragraph]) -> tuple[list[Paragraph], tuple[dt.date, str] | None]:
    """The body without the page's metadata lines before the first heading (发布机构,
    成文日期, 索引号…: no prose of the report), and the 成文日期 they give, with where."""
    kept: list[Paragraph] = []
    written = None
    for at, paragraph in enumerate(body):
        if _heading(paragraph.text) is not None:
            return kept + body[at:], written
        text = squash(paragraph.text)
        if not _METADATA.match(text) or text.endswith("。"):
            kept.append(paragraph)
            continue
        if written is None and (match := _WRITTEN.search(text)):
            with contextlib.suppress(ValueError):  # 2月30日: no date
                written = dt.date(*(int(g) for g in match.groups())), str(paragraph.where)
    return kept, written


_ATTACHMENT = re.compile(
    r"^(?:(?:相关)?附件(?:下载)?[0-9]*[:：]?)?(?:[0-9]+[.、．])?.{1,80}?"
    r"\.(?:docx?|xlsx?|pdf|wps|et|ofd|zip|rar|txt|jpe?g|png)"
    r"(?:[(（][0-9.]+[KMGkmg]?[Bb][)）])?$",
    re.IGNORECASE,
)
"""A link to a file the page offers (附件：1.年度报告.doc, 年度报告.pdf (123KB))."""


def _attachments(body: list[Paragraph]) -> tuple[list[Paragraph], list[Paragraph]]:
    """The body without the page's attachment links, and those links with the page's
    words after the last of them (its column's name) — no prose of the report, unless a
    sign-off's date follows them."""
    links = [at for at, p in enumerate(body) if _ATTACHMENT.match(squash(p.text))]
    if not links:
        return body, []
    after = body[links[-1] + 1 :]
    furniture = all(
        len(p.text) <= 20 and not _SENTENCE_END.search(p.text) and not _DATE.match(squash(p.text))
        for p in after
    )
    left = set(links) | (set(range(links[-1] + 1, len(body))) if furniture else set())
    return [p for at, p in enumerate(body) if at not in left], [body[at] for at in sorted(left)]


def _level(unit: str | None) -> str | None:
    """The kind of body, when its name says it and nothing else (乡镇, 街道, 前进区教育局: a
    县级部门; never a guess between a 地级市 and a 县级市)."""
    levels = levels_named(unit)
    return next(iter(levels)).value if len(levels) == 1 else None


def _period(paragraphs: Sequence[Paragraph], year: int) -> tuple[dict[str, Any], str] | None:
    """The statistics period the report states, when it is not the report year's calendar
    year (a data file states 统计期限 only then), and where; a day that cannot be told from
    the printed digits leaves the period unread."""
    found = statistics_period(paragraphs)
    if found is None:
        return None
    start, end, words, where = found
    if start is None or end is None:
        return None
    if (start, end) == (dt.date(year, 1, 1), dt.date(year, 12, 31)) or end < start:
        return None
    return {"起": start, "止": end}, _("{where}“{text}”").format(where=where, text=words)


# --- outline ---------------------------------------------------------------------------------


def _heading(text: str) -> tuple[int, str, str] | None:
    """(level, title, text run in after the title) when a paragraph is a heading."""
    for level, pattern in ((1, _LEVEL1), (2, _LEVEL2), (3, _LEVEL3)):
        match = pattern.match(text.strip())
        if match is None:
            continue
        rest = match.group(1).strip()
        if level == 1 and (len(rest) > 40 or rest.endswith("。")):
            return None
        head, stop, tail = rest.partition("。")
        if stop and tail.strip() and len(head) <= 30:
            return level, head, tail.strip()
        if not stop and len(rest) <= 40 and not re.search("[；]" if level < 3 else "[，；]", rest):
            return level, rest, ""
        return None
    return None


def _outline(paragraphs: Sequence[Paragraph]) -> tuple[list[Paragraph], list[_Part]]:
    """The paragraphs before the first heading, and the tree of headed parts."""
    preface: list[Paragraph] = []
    top: list[_Part] = []
    stack: list[_Part] = []
    for paragraph in paragraphs:
        found = _heading(paragraph.text)
        if found is None or (found[0] > 1 and not stack):
            (stack[-1].paras if stack else preface).append(paragraph)
            continue
        level, title, rest = found
        part = _Part(level, title, paragraph.where, printed=paragraph.text.strip())
        if rest:
            part.paras.append(Paragraph(rest, paragraph.where))
            part.run_in = True
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].children if stack else top).append(part)
        stack.append(part)
    return preface, top


heading = _heading
"""(level, title, text run in after it) when a paragraph is a heading, else None."""


# --- tables ----------------------------------------------------------------------------------


_SIGNED = re.compile(r"(?:增|增加|\+)\(?([0-9]+)\)?|(?:减|减少|-)\(?([0-9]+)\)?")
"""A change printed with a word or in brackets: 增10, 减3, +(2), -(0)."""


def _signed(plain: str) -> str:
    """A change as a signed number: 增10 → 10, 减3 → -3, +(0)-(0) → 0, +(3)-(0) → 3; two
    changes both not 0 (+(2)-(1): added and removed, not the net) are left as printed."""
    if not plain or plain[-1] not in ")0123456789" or plain.lstrip("+-").isdigit():
        return plain
    parts = list(_SIGNED.finditer(plain))
    if not parts or "".join(m.group(0) for m in parts) != plain or len(parts) > 2:
        return plain
    values = [int(m.group(1)) if m.group(1) else -int(m.group(2)) for m in parts]
    if sum(1 for v in values if v) > 1:
        return plain
    return str(next((v for v in values if v), 0))


_FIGURE = re.compile(r"([-+]?[0-9]+(?:\.[0-9]+)?)(万元|元)?")
_COUNTED = re.compile(r"(?<=[0-9])(?:件|条|个|项|人次|次)$")
"""A count's unit printed in its cell (12件): the count is the figure."""


def _figure(text: str) -> tuple[int | Decimal | None, str | None, bool]:
    """(value, unit of money, understood) of a printed cell; blank is (None, None, True);
    a change printed as 增10 or +(0)-(0) is its number (:func:`_signed`)."""
    value, unit, understood = _read_figure(text)
    if isinstance(value, str):  # an amount: a Decimal of its own (one shared by two cells
        return Decimal(value), unit, understood  # would be written as an anchor and an alias)
    return value, unit, understood


@functools.lru_cache(maxsize=8192)  # a report's cells are read several times; most are 0, 1, 2…
def _read_figure(text: str) -> tuple[int | str | None, str | None, bool]:
    """:func:`_figure`, an amount given by its digits."""
    plain = _signed(_COUNTED.sub("", squash(text).replace(",", "")))
    if plain in ("", "-", "—", "/", "无", "——"):
        return None, None, True
    match = _FIGURE.fullmatch(plain)
    if match is None:
        return None, None, False
    number = match.group(1)
    if "." not in number:
        return int(number), match.group(2), True
    try:
        Decimal(number)
    except InvalidOperation:
        return None, None, False
    return number, match.group(2), True


def _odd_figure(cell: str) -> bool:
    """A short cell with a digit in it that is no figure (+(2)-(1), 约10): a figure printed
    oddly, not a label or a header."""
    plain = squash(cell)
    return len(plain) <= 12 and any(c.isdigit() for c in plain) and not plain.endswith("年")


def _is_data(cell: str) -> bool:
    value, _unit, ok = _figure(cell)
    return ok and value is not None


def _is_figure_cell(cell: str) -> bool:
    """A cell of figures: a figure, or printed blank (empty, “—”, “/”, “无”)."""
    return _figure(cell)[2]


def _label_cells(row: Sequence[str]) -> int:
    """How many leading cells of a row are words (its label, spread over the columns a
    merged label cell covers); at least 1 when the first cell is not a figure."""
    n = 0
    while n < len(row) and row[n] and not _is_figure_cell(row[n]) and not _garbled(row[n]):
        n += 1
    return n


def _labels(cells: Sequence[str]) -> list[str]:
    """A row's labels, outermost first: a merged cell once, without its （续）."""
    labels: list[str] = []
    for cell in cells:
        text = _CONTINUED.sub("", squash(cell))
        if text and (not labels or labels[-1] != text):
            labels.append(text)
    return labels


def _names_all(header: Sequence[str], columns: Sequence[Column]) -> bool:
    """Whether header cells name every one of ``columns``."""
    return all(any(same_label(h, c.label) for h in header) for c in columns)


def _cut_short(header: Sequence[str], columns: Sequence[Column]) -> bool:
    """Whether a header's last cells, in order, are the columns' labels cut short on the
    page (本年新 | 本年新 | 对外公开总数量 for 本年新制作数量, 本年新公开数量, 对外公开总数量)."""
    if len(header) < len(columns):
        return False
    cut = [label(h) for h in header[len(header) - len(columns) :]]
    return all(
        len(c) >= 2 and label(column.label).startswith(c)
        for c, column in zip(cut, columns, strict=True)
    )


def _other_eras_line(era: Era, text: str, header: Sequence[str]) -> tuple[Era, list[str]] | None:
    """Another era whose table has a line labelled ``text`` with the columns ``header``
    names (a 2021 report printing the 2019 table), and those columns' labels."""
    for other in all_eras():
        if other.name == era.name:
            continue
        for table in other.tables:
            for line in table_lines(other.model, table.section):
                columns = [c for c in line.columns if c.key != _UNIT]
                if columns and same_label(text, line.label) and _names_all(header, columns):
                    return other, [c.label for c in columns]
    return None


@dataclass(frozen=True)
class _Carried:
    """What a table split in two carries into its next part: the headers and the line
    reached."""

    headers: tuple[tuple[str, ...], ...]
    after: int


def _garbled(cell: str) -> bool:
    """A short cell with a digit that is still no figure (“6?”, “2l”): a figure misprinted
    or misread, not a label — its row is placed, the cell left unread."""
    plain = squash(cell)
    return (
        len(plain) <= 6
        and any(ch.isdigit() for ch in plain)
        and not _is_data(plain)
        and not any("\u4e00" <= ch <= "\u9fff" for ch in plain)  # a label has words
    )


@functools.lru_cache(maxsize=64)
def _table_labels(model: type[BaseModel], section: str) -> frozenset[str]:
    """Every label of the lines of a section's table and of their columns."""
    lines = table_lines(model, section)
    return frozenset(
        {line.label for line in lines} | {column.label for line in lines for column in line.columns}
    )


@functools.lru_cache(maxsize=16384)  # every report prints the same row labels
def _label_hits(model: type[BaseModel], section: str, text: str) -> tuple[int, ...]:
    """The lines of a section's table that ``text`` labels (:func:`same_label`)."""
    lines = table_lines(model, section)
    return tuple(i for i, line in enumerate(lines) if same_label(text, line.label))


@functools.lru_cache(maxsize=16384)  # every report prints the same headers and row labels
def _names_one(text: str, labels: frozenset[str]) -> bool:
    """Whether ``text`` is one of ``labels`` (:func:`same_label`)."""
    return any(same_label(text, official) for official in labels)


_DEFINED = re.compile(r"^([^:：。，,]{1,12})[:：](?=.{8,})")


def _defined(cell: str) -> str:
    """A row label printed with its definition (规章:地方行政规章指…。): the words defined."""
    match = _DEFINED.match(squash(cell))
    return match.group(1) if match and _SENTENCE_END.search(cell) else cell


_SENTENCE_END = re.compile(r"[。；;]")


_NUMBERING_HEADS = frozenset({"序号", "编号", "序"})
_ORDINAL = re.compile(r"[（(]?(?:[0-9]{1,3}|[一二三四五六七八九十]{1,3})[）).、．]?")
"""What a 序号 column holds below its head: 1, 2…, 一, (一), 1., or nothing."""


def _without_numbering(grid: Grid, last: int | None = None) -> tuple[Grid, int | None]:
    """``grid`` without its leading 序号 column (the 附表 of 2008–2018 reports often has one:
    序号 | 统计指标 | 单位 | 统计数), which would otherwise stand before each row's label,
    and the last number in it. A column is one when a head row names it 序号 and every other
    row's first cell is blank or an ordinal; or, in the table that goes on from one numbered
    up to ``last`` (on the next page), when its numbers go on from there. Its cells' columns
    still count it (:attr:`Where.skipped`)."""
    rows = grid.rows
    # A row of one cell has no 序号 to drop: a part's heading (一  主动公开情况) in text whose
    # blank cells were lost (a PDF's, a copied page's), left as it is.
    numbered = [row for row in rows if len(row) > 1]
    if not numbered or max(len(row) for row in numbered) < 3:
        return grid, None
    if len(numbered) < 2 and last is None:
        return grid, None
    heads = [squash(row[0]) for row in numbered]
    if not all(not h or h in _NUMBERING_HEADS or _ORDINAL.fullmatch(h) for h in heads):
        return grid, None
    numbers = [int(h) for h in heads if h.isdigit()]
    named = any(head in _NUMBERING_HEADS for head in heads[:4])
    if not named and not (last is not None and numbers and numbers[0] == last + 1):
        return grid, None
    where = replace(grid.where, skipped=grid.where.skipped + 1)
    kept = tuple(row[1:] if len(row) > 1 else row for row in rows)
    return Grid(kept, where, grid.stacked), max(numbers, default=last)


class _TableReader:
    """Reads the grids of one report into the tables of its era."""

    def __init__(self, era: Era, found: Imported) -> None:
        self.era = era
        self.found = found
        self.lines = {t.section: table_lines(era.model, t.section) for t in era.tables}

    def read(self, grids: Sequence[Grid]) -> None:
        current: str | None = None
        carried: _Carried | None = None
        numbered: int | None = None  # the last number of a 序号 column just read
        for grid in grids:
            if grid.stacked:
                self._stacked(grid)
                current, carried = None, None
                continue
            grid, numbered = _without_numbering(grid, numbered)
            if self._indicators(grid):
                continue
            section = self._which(grid) or current
            if section is None:
                text = " | ".join(c for c in grid.rows[0] if c) if grid.rows else ""
                self.found.unplaced.append(
                    (str(grid.where), _("不是年度报告的表格：{text}").format(text=text))
                )
                continue
            if section != current:
                carried = None
            current = section
            carried = self._grid(section, grid, carried)

    def _stacked(self, grid: Grid) -> None:
        """A table copied one cell per line: a label naming a line of the era's tables,
        followed by a run of figures (and blank cells), is that line's row. The run is its
        cells in the official order when it has exactly as many (blank cells past the last
        column dropped) and the header above names every column; any other run is listed,
        never guessed."""
        cells = [row[0] if row else "" for row in grid.rows]
        sections = self._stacked_sections(cells)
        after = dict.fromkeys(self.lines, 0)
        section: str | None = None
        header: list[str] = []
        last_was_data = False
        rebuilt = row_width = 0
        at = 0
        while at < len(cells):
            text = cells[at]
            run: list[str] = []
            end = at + 1
            while end < len(cells) and _figure(cells[end])[2]:
                run.append(cells[end])
                end += 1
            if _figure(text)[2]:  # figures under no label: not placed
                stray = [c for c in [text, *run] if c]
                if stray:
                    self.found.unplaced.append(
                        (
                            str(grid.where),
                            _("无法确定这一行数字属于哪些栏目：{cells}").format(
                                cells=" | ".join(stray)
                            ),
                        )
                    )
                at = end
                continue
            text = _defined(text)
            found = self._stacked_line(sections, section, after, text, run)
            if (
                found is None
                and last_was_data
                and (2 <= row_width <= len(run) or (run and end == len(cells)))
            ):
                # a row printed blank whose label names no line (属于三类内容事务信息), or
                # whose cells the page cuts: listed
                self.found.unplaced.append(
                    (
                        str(grid.where.cell(rebuilt + 1)),
                        _("无法确定这一行数字属于哪些栏目：{cells}").format(
                            cells=" | ".join([text, *run])
                        ),
                    )
                )
                at = end
                continue
            if found is None:  # a header cell, a heading, or words of no table
                if last_was_data:
                    header = []
                header.append(text)
                last_was_data = False
                at = end
                continue
            section, index = found
            after[section] = index + 1
            at = end
            line = self.lines[section][index]
            if line.kind is LineKind.HEADING:
                continue
            rebuilt += 1
            last_was_data = True
            row_width = len(run)
            where = grid.where.cell(rebuilt)
            columns = [c for c in line.columns if c.key != _UNIT]
            fits = len(run) == len(columns) or (
                len(run) > len(columns) and not any(_is_data(c) for c in run[len(columns) :])
            )
            named = not header or _names_all(header, columns) or _cut_short(header, columns)
            if not (fits and named):
                other = None if named else _other_eras_line(self.era, text, header)
                message = (
                    _("表格行“{label}”的数字与表头对不上：{cells}")
                    if other is None
                    else _(
                        "表格行“{label}”印的是 {other} 年版的栏目（{columns}），"
                        "{era} 年版没有这些栏目，未填入：{cells}"
                    )
                )
                self.found.unplaced.append(
                    (
                        str(where),
                        message.format(
                            label=text,
                            cells=" | ".join(run),
                            other=other[0].name if other else "",
                            columns="、".join(other[1]) if other else "",
                            era=self.era.name,
                        ),
                    )
                )
                continue
            for i, column in enumerate(columns):
                self._cell(section, line, column.key, run[i], where.cell(rebuilt, i + 2))
            self.found.origins[(section, *line.path)] = str(where)

    def _stacked_sections(self, cells: Sequence[str]) -> list[str]:
        """The sections whose tables a stacked grid holds: two of its labels at least."""
        texts = {c for c in cells if c and not _is_data(c)}
        out = []
        for section in self.lines:
            labels = _table_labels(self.era.model, section)
            if sum(1 for t in texts if _names_one(t, labels)) >= 2:
                out.append(section)
        return out

    def _stacked_line(
        self,
        sections: Sequence[str],
        current: str | None,
        after: dict[str, int],
        text: str,
        run: Sequence[str],
    ) -> tuple[str, int] | None:
        """The section and line a stacked cell labels: a line of figures when a run with a
        figure follows it, a heading when nothing does; the current table's first."""
        has_data = any(_is_data(c) for c in run)
        order = sorted(sections, key=lambda s: s != current)
        for section in order:
            lines = self.lines[section]
            index = self._match_line(section, text, after[section])
            if index is None:
                continue
            heading = lines[index].kind is LineKind.HEADING
            width = sum(1 for c in lines[index].columns if c.key != _UNIT)
            if (heading and not has_data) or (not heading and (has_data or len(run) >= width)):
                return section, index  # a heading's run is row ends; a blank row, a blank a column
        return None

    def _indicators(self, grid: Grid) -> bool:
        """An era of free prose: a grid of its indicators (附表: 统计指标 | 单位 | 统计数),
        each row's figure put in the cell its indicator names; False for any other grid."""
        indicators = self.era.indicators
        if not indicators:
            return False
        rows = []
        others = []  # rows of figures naming no indicator: listed, never dropped unsaid
        for r, row in enumerate(grid.rows, start=1):
            first = _label_cells(row)
            texts = [_SUBITEM.sub("", t) for t in reversed(_labels(row[:first]))]
            exact = (k for t in texts for k in indicators if label(t) == label(k))
            named = (k for t in texts for k in indicators if same_label(t, k))
            indicator = next(exact, None) or next(named, None)  # 不同意公开 is no 同意公开
            if indicator is not None:
                rows.append((grid.where.cell(r), row, first, indicators[indicator]))
            elif any(_is_data(c) for c in row[first:]):
                others.append((grid.where.cell(r), row))
        if len(rows) < 2:
            return False
        for where, row in others:
            self.found.unplaced.append(
                (
                    str(where),
                    _("表格行不是本版格式的统计指标，未填入：{cells}").format(
                        cells=" | ".join(c for c in row if c)
                    ),
                )
            )
        for where, row, first, cell in rows:
            printed = [c for c in row[first:] if c]
            if len(printed) > 1:
                self.found.unplaced.append(
                    (
                        str(where),
                        _("表格行“{label}”的数字与表头对不上：{cells}").format(
                            label=row[0], cells=" | ".join(row[first:])
                        ),
                    )
                )
                continue
            self._put(cell, printed[0] if printed else "", where)
            self.found.origins[cell] = str(where)
        return True

    def _which(self, grid: Grid) -> str | None:
        best, score = None, 0
        texts = {c for row in grid.rows for c in row if c and not _is_data(c)}
        for section in self.lines:
            labels = _table_labels(self.era.model, section)
            hits = sum(1 for t in texts if _names_one(t, labels))
            if hits > score:
                best, score = section, hits
        return best if score >= 2 else None

    def _match_line(self, section: str, text: str, after: int) -> int | None:
        hits = _label_hits(self.era.model, section, text)
        return next((i for i in hits if i >= after), hits[0] if hits else None)

    def _names_columns(self, section: str, row: Sequence[str]) -> bool:
        """Whether a header row names a column of the section's table."""
        names = {c.label for line in self.lines[section] for c in line.columns}
        return any(same_label(cell, name) for cell in row if cell for name in names)

    def _grid(self, section: str, grid: Grid, carried: _Carried | None) -> _Carried:
        """Place the rows of one grid; a grid continuing the one before (a table split in
        two, the second part without a header of its own) reads on under its headers."""
        lines = self.lines[section]
        headers: list[tuple[str, ...]] = list(carried.headers) if carried else []
        after = carried.after if carried else 0
        continuing = carried is not None
        last_was_data = False
        for r, row in enumerate(grid.rows, start=1):
            where = grid.where.cell(r)
            if not any(c.strip() for c in row):
                continue
            first = _label_cells(row)  # the row's label: its leading cells of words
            labels = _labels(row[:first])
            has_data = any(_is_data(c) for c in row[first:])
            # a cell among figures printed with something else that holds a digit (+(2)-(1),
            # 约10): the row is still read, that cell left blank and listed (:meth:`_put`)
            figures_only = all(
                _is_figure_cell(c) or _garbled(c) or (has_data and _odd_figure(c))
                for c in row[first:]
            )
            if len(labels) > 1 and (first == len(row) or (not has_data and 2 * first > len(row))):
                # words only, several of them, or over most of the row with nothing after
                # (行政复议 ×5 | 行政诉讼 ×10 | an empty cell Word left at the end): a header row
                figures_only = False
            elif not has_data and sum(self._names_columns(section, (t,)) for t in labels) > 1:
                figures_only = False  # 自然人 | 法人或其他组织 | 总计 | |||: a header, empty after
            index = self._line_of(section, labels, after, has_data) if figures_only else None
            if index is not None:
                after = index + 1
                line = lines[index]
                if line.kind is not LineKind.HEADING:
                    self._row(section, line, row, first, headers, where)
                last_was_data = True
                continue
            if has_data:
                self._bare_row(section, lines, row, headers, where)
                last_was_data = True
                continue
            if last_was_data or (continuing and self._names_columns(section, row)):
                headers = []
                last_was_data = False
            continuing = False
            headers.append(row)
        return _Carried(tuple(headers), after)

    def _line_of(
        self, section: str, labels: Sequence[str], after: int, has_data: bool
    ) -> int | None:
        """The line a row's labels name: its deepest label that names one (a row printing
        its group's label beside its own, 三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密);
        a row of figures names a line of figures, never a heading."""
        lines = self.lines[section]
        for text in reversed(labels):
            index = self._match_line(section, text, after)
            if index is not None and not (has_data and lines[index].kind is LineKind.HEADING):
                return index
        return None

    def _column_at(self, headers: Sequence[tuple[str, ...]], wanted: str, first: int) -> int | None:
        for header in reversed(headers):  # the deepest header row names the columns
            for i in range(first, len(header)):
                if same_label(header[i], wanted):
                    return i
        return None

    def _row(
        self,
        section: str,
        line: Line,
        row: tuple[str, ...],
        first: int,
        headers: Sequence[tuple[str, ...]],
        where: Where,
    ) -> None:
        columns = [c for c in line.columns if c.key != _UNIT]
        placed = {c.key: self._column_at(headers, c.label, first) for c in columns}
        named = sum(1 for i in placed.values() if i is not None and i < len(row))
        wider = headers and sum(1 for c in headers[-1][first:] if c) > len(columns)
        if (named < len(columns) or wider) and (
            other := _other_eras_line(self.era, row[first - 1], [c for h in headers for c in h])
        ):
            mine = {label(c.label) for c in columns}
            if {label(t) for t in other[1]} != mine and len(other[1]) > named:
                # 本年新制作数量… (2019) over 本年制发件数… (2021): never placed by position
                self.found.unplaced.append(
                    (
                        str(where),
                        _(
                            "表格行“{label}”印的是 {other} 年版的栏目（{columns}），"
                            "{era} 年版没有这些栏目，未填入：{cells}"
                        ).format(
                            label=row[first - 1],
                            other=other[0].name,
                            columns="、".join(other[1]),
                            era=self.era.name,
                            cells=" | ".join(row[first:]),
                        ),
                    )
                )
                return
        if any(i is None or i >= len(row) for i in placed.values()):
            values = list(row[first:])
            if len(values) != len(columns):
                values = [c for c in values if c]  # a copied page drops empty cells
            if len(values) != len(columns):
                self.found.unplaced.append(
                    (
                        str(where),
                        _("表格行“{label}”的数字与表头对不上：{cells}").format(
                            label=row[first - 1], cells=" | ".join(row[first:])
                        ),
                    )
                )
                return
            placed = {c.key: first + i for i, c in enumerate(columns)}
            row = (*row[:first], *values)
        for column in columns:
            i = placed[column.key]
            assert i is not None
            self._cell(section, line, column.key, row[i], where.cell(where.row or 0, i + 1))
        self.found.origins[(section, *line.path)] = str(where)

    def _bare_row(
        self,
        section: str,
        lines: Sequence[Line],
        row: tuple[str, ...],
        headers: Sequence[tuple[str, ...]],
        where: Where,
    ) -> None:
        """A row of figures without a label of its own (Table 3): each column named by the
        headers above it, or, failing that, the table's cells in the official order."""
        cells = [(line, column) for line in lines for column in line.columns if column.key != _UNIT]
        placed: dict[int, tuple[Line, str]] = {}
        for i in range(len(row)):
            texts = [h[i] for h in headers if i < len(h)]
            line = next((ln for ln in lines if any(same_label(t, ln.label) for t in texts)), None)
            column = None
            if line is not None:
                column = next(
                    (c for c in line.columns if any(same_label(t, c.label) for t in texts)), None
                )
            if line is not None and column is not None:
                placed[i] = (line, column.key)
        if len(placed) != len(cells):
            values = [i for i, c in enumerate(row) if c]
            if len(row) == len(cells):
                values = list(range(len(row)))
            if len(values) != len(cells):
                self.found.unplaced.append(
                    (
                        str(where),
                        _("无法确定这一行数字属于哪些栏目：{cells}").format(cells=" | ".join(row)),
                    )
                )
                return
            placed = {
                i: (line, column.key) for i, (line, column) in zip(values, cells, strict=True)
            }
        for i, (line, key) in placed.items():
            self._cell(section, line, key, row[i], where.cell(where.row or 0, i + 1))
            self.found.origins.setdefault((section, *line.path), str(where))

    def _cell(self, section: str, line: Line, key: str, text: str, where: Where) -> None:
        unit = self._put((section, *line.path, key), text, where)
        if unit is not None and any(c.key == _UNIT for c in line.columns):
            datapath.put(self.found.data, (section, *line.path, _UNIT), unit)

    def _put(self, path: Path, text: str, where: Where) -> str | None:
        """Put a printed cell's figure (blank as None) at ``path``; its unit of money."""
        value, unit, ok = _figure(text)
        if not ok:
            self.found.unplaced.append(
                (
                    str(where),
                    _("“{cell}”不是数字，未填入 {path}").format(
                        cell=text, path=".".join(map(str, path))
                    ),
                )
            )
            value = None
        datapath.put(self.found.data, path, value)
        if value is None:
            (self.found.blanks if ok else self.found.unread).append((path, str(where)))
        return unit


_UNIT = "单位"
"""The data-file key of an amount's unit of money (printed with the amount, no column)."""


# --- figures stated in sentences ---------------------------------------------------------------


def _has(model: type[BaseModel], path: Path) -> bool:
    parent = model_at(model, path[:-1])
    return parent is not None and str(path[-1]) in fields_by_alias(parent)


def _proactive_home(model: type[BaseModel]) -> Path | None:
    for home in (("主动公开",), ("总体情况", "主动公开")):
        if _has(model, (*home, "分类")) and _has(model, (*home, "总数")):
            return home
    return None


_COUNT = r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+"
"""A count in a squashed sentence, whole: 1,234 (thousands separated) or 1234."""


def _count(text: str) -> int:
    return int(text.replace(",", ""))


_OPENED = (
    r"(?:(?:主动公开|(?<!申请)(?<!予以)(?<!不予)(?<!部分)(?<!同意)公开)"
    r"(?:[^,;。0-9]{1,60}?等(?:方面|各类)?的?|的?(?:各类)?)(?:政府)?(?:信息|(?<=主动公开)文件)"
    r"|(?:政府)?信息主动公开了?"
    r"|(?<!新闻)(?:发布|公布)了?(?:各类)?(?:政府)?信息)"
)
"""What a clause says was disclosed: 主动公开(的)(各类)(政府)信息, 主动公开文件, 公开政府信息
(not 依申请公开, 不予公开, 部分公开…), the kinds named before the word (主动公开疫情防控数据、
财政数据等政府信息), 政府信息主动公开, or 发布(各类)(政府)信息, 公布信息."""
_PROACTIVE = re.compile(
    r"(?:^|(?<=[,;。]))(?P<lead>[^,;。]{0,60}?)"
    rf"(?:{_OPENED}(?P<cum>累计)?(?:数量?|总数|总量)?(?:达到?|共计|总计|共|为)?"
    rf"(?P<n>{_COUNT})(?P<unit>[条件篇项个])"
    rf"|共[^,;。0-9]{{0,12}}?(?P<n_first>{_COUNT})(?P<unit_first>[条件篇项])主动公开的?(?:政府)?信息)"
    rf"(?:\(历年累计(?P<cumulative>{_COUNT})\D\))?"
    r"(?:[,。](?:[^,;。0-9]{0,30}?(?:类别|分类|类型),)?(?:主要)?(?:其中|包含|包括|在[^,;。0-9]{0,8}?信息中)[,:]?"
    r"(?P<listed>.+?)(?:。|$)|[。,;]|$)"
)
"""A clause stating a proactive total (:func:`_proactive_sentence`), with the categories
listed after 其中, 包括 or 在主动公开的信息中 in its sentence or the next one."""
_ITEM = rf"^(.*?[^0-9,])(?:共计|共|计)?({_COUNT})([条件篇项个])"
"""A category with its count and unit word (categories may be counted in 件 and 条 alike)."""
_CUMULATIVE = ("累计", "历年")
_NOT_THIS_YEARS = ("上年", "去年")
_YEAR_END = ("截至", "截止")  # 截至年底，共主动公开…: this year's, or every year's?
_THIS_YEAR = ("全年", "本年", "年度")


def _proactive_sentence(
    text: str, year: int | None = None
) -> tuple[int | None, int | None, str, list[dict[str, Any]]] | None:
    """(total, cumulative, unit word, categories) of a sentence stating the year's proactive
    disclosures: 共主动公开政府信息86条（历年累计…），其中A 5条，占…；B…, and the shapes
    clerks write (全年主动公开政府信息643条，其中A 9条、B 12条…；我镇共在平台主动公开政府
    信息达18条，其中…；共公开政府信息15条；共整理、录入、发布14条主动公开政府信息；主动公开
    的信息共计85条，包括:… names without counts). A figure stated as 累计 or 历年 is the
    cumulative one, never the total; one of another year (or 截至 a day, without 累计) is
    neither (nor one after another year named earlier in its sentence: 2020年…28条，2021年…
    31条 is 31). Also 通过…等平台主动公开政府信息6391条 (a long lead), 主动公开文件89条,
    主动公开A、B等政府信息7074条, 门户网站公开信息92条 (without 主动, never 依申请/不予/部分
    公开), 信息数22条, 信息数量66件; a clause opening with 其中 is a part of another total.
    Categories are read
    only when at least two are listed with their counts, after 其中/包括 in the sentence or
    at the start of the next (。其中:…; 。…类别,主要包含…), not an open list (…121篇等) nor
    one mostly in another unit than the total's (其中新制定文件15件 of 4891条)."""
    for m in _PROACTIVE.finditer(text):
        if (stated := _proactive_match(text, m, year)) is not None:
            return stated
    return None


def _proactive_match(
    text: str, m: re.Match[str], year: int | None
) -> tuple[int | None, int | None, str, list[dict[str, Any]]] | None:
    """What one match of :data:`_PROACTIVE` states (:func:`_proactive_sentence`)."""
    if any(word in m["lead"] for word in _NOT_THIS_YEARS) or m["lead"].startswith("其中"):
        return None  # 其中主动公开文件0件: a part of another total (共发文96件), not the total
    if year is not None and year_before(
        text, m.start("n") if m["n"] else m.start("n_first")
    ) not in (
        None,
        year,
    ):
        return None
    figure = _count(m["n"] or m["n_first"])
    unit_word = m["unit"] or m["unit_first"]
    if m["cum"] or any(word in m["lead"] for word in _CUMULATIVE):
        return None, figure, unit_word, []
    sentence = text[: m.start("lead")].rpartition("。")[2] + m["lead"]
    if any(w in sentence for w in _YEAR_END) and not any(w in m["lead"] for w in _THIS_YEAR):
        return None
    items = _categories(m["listed"] or "", unit_word)
    # 其中全文电子化率达100%。在主动公开的信息中，A 37条…: the list is the next sentence
    ended = text[m.end() - 1 : m.end()] == "。"
    if len(items) < 2 and ended and (after := _LISTED_NEXT.match(text, m.end())):
        items = _categories(after["listed"], unit_word)
    cumulative = _count(m["cumulative"]) if m["cumulative"] else None
    return figure, cumulative, unit_word, items if len(items) >= 2 else []


_LISTED_NEXT = re.compile(r"(?:在[^,;。0-9]{0,8}?信息中|其中)[,:]?(?P<listed>.+?)(?:。|$)")
"""A sentence listing the categories of the total the sentence before it states."""


def _categories(listed: str, unit_word: str) -> list[dict[str, Any]]:
    """The categories a list after 其中 names with their counts (:func:`_proactive_sentence`);
    none for an open list or one mostly in another unit than ``unit_word``."""
    items: list[dict[str, Any]] = []
    units: list[str] = []
    # a name ends in no digit or comma: 工作动态1,23条 is no category “工作动态1,” of 23
    for item in listed.split(";") if ";" in listed else ():
        if im := re.match(rf"{_ITEM}(?:,占|$)", item):
            items.append({"名称": im.group(1), "条数": _count(im.group(2))})
            units.append(im.group(3))
    if len(items) < 2:  # A 9条、B 12条，C 19条，…: the run of categories, up to the first
        items, units = [], []  # other clause (A 194条,B 4条;新闻发布会2次: before the ;)
        for part in re.split(r"(?<![0-9]),|,(?![0-9])", listed.partition(";")[0]):
            named = [
                re.match(rf"^([^0-9]+?)({_COUNT})([条件篇项个])$", p) for p in part.split("、")
            ]
            whole = re.match(rf"{_ITEM}$", part)
            if all(named):  # A 9条、B 12条
                for im in named:
                    if im:
                        items.append({"名称": im.group(1), "条数": _count(im.group(2))})
                        units.append(im.group(3))
            elif whole is not None:  # 财政预算、决算信息公开2条: one name with 、 in it
                items.append({"名称": whole.group(1), "条数": _count(whole.group(2))})
                units.append(whole.group(3))
            else:
                break
    # an open list (…121篇等) or one mostly in another unit (其中新制定文件15件 of 4891条: a
    # few documents among the items, no breakdown) is no list of the categories
    if re.search(r"[0-9][条件篇项个]等", listed) or units.count(unit_word) * 2 <= len(units):
        return []
    return items


_AMOUNT = r"([0-9]+(?:\.[0-9]+)?)"
"""An amount of money in a squashed sentence: digits, and decimals after one point."""


def _amount(text: str) -> int | Decimal:
    """The value of an :data:`_AMOUNT` as written: whole yuan an int, else a Decimal."""
    return Decimal(text) if "." in text else int(text)


def _sentence_figures(found: Imported, paragraphs: Sequence[Paragraph]) -> set[int]:
    """Figures that reportkit (and many clerks) state in words, where the era keeps them in
    the data; the indices of the paragraphs that stated them. A figure at ``at`` in its
    paragraph is read only when it is the year's own (:func:`prose.of_the_year`: not 上年's,
    a running total or a change); the proactive sentence has rules of its own."""
    model = found.era.model
    year = found.data["年度"]
    used: set[int] = set()

    def put(path: Path, value: object, i: int, at: int | None) -> None:
        if not isinstance(value, list) and model_at(model, path) is not None:
            return  # a row of a table (2019 on), not one figure
        if at is not None and not of_the_year(squash(paragraphs[i].text), at, year):
            return  # 2016年…3件, 累计…, 较上年增加5件: not this year's figure
        if _has(model, path) and datapath.get(found.data, path) is None:
            datapath.put(found.data, path, value)
            found.origins[path] = str(paragraphs[i].where)
            used.add(i)

    home = _proactive_home(model)
    for i, paragraph in enumerate(paragraphs):
        text = squash(paragraph.text)
        if home is not None:
            if stated := _proactive_sentence(text, year):
                total, cumulative, unit_word, items = stated
                after = squash(paragraphs[i + 1].text) if i + 1 < len(paragraphs) else ""
                if not items and text.endswith("。") and _LISTED_NEXT.match(after):
                    # 共主动公开政府信息417条，其中全文电子化率达100%。¶在主动公开的信息中，…
                    joined = _proactive_sentence(text + after, year)
                    if joined is not None and joined[0] == total and joined[3]:
                        put((*home, "分类"), joined[3], i + 1, None)
                if total is not None:
                    put((*home, "总数"), total, i, None)
                if cumulative is not None:
                    put((*home, "历年累计"), cumulative, i, None)
                if items:
                    put((*home, "分类"), items, i, None)
                if unit_word != "条":
                    put((*home, "计量单位"), unit_word, i, None)
            elif m := re.search(r"未主动公开政府信息", text):
                put((*home, "总数"), 0, i, m.start())
        if m := re.search(r"共收到政府信息公开申请([0-9]+)件", text):
            put(("依申请公开", "收到申请"), int(m.group(1)), i, m.start(1))
        elif m := re.search(
            # 没有接到群众主动要求公开政府信息的申请, 未收到公开政府信息的申请: the request
            # ends the clause (未接到…申请方面的投诉 and 未收到…申请答复不服的复议 are no 0)
            r"(?:未收到(?:政府信息公开申请|依申请公开政府信息)"
            r"|(?:没有|未)(?:接到|收到)[^。;,0-9复诉]{0,16}?(?:政府信息|公开)"
            r"[^。;,0-9复诉]{0,10}?申请)(?=[。;,]|$|情况)",
            text,
        ):
            put(("依申请公开", "收到申请"), 0, i, m.start())
        if m := re.search(
            "依申请公开政府信息未收取任何费用|政府信息公开(?:没有|未)收费"
            "|(?:没有|无|未发生)(?:任何)?收费(?:和|及|与|、)减免",
            text,
        ):
            put(("收费及减免", "收费金额"), 0, i, m.start())
        elif m := re.search(rf"依申请公开政府信息收取费用{_AMOUNT}元", text):
            put(("收费及减免", "收费金额"), _amount(m.group(1)), i, m.start(1))
            if w := re.search(rf"减免费用{_AMOUNT}元", text):
                put(("收费及减免", "减免金额"), _amount(w.group(1)), i, w.start(1))
        if m := re.search(
            r"因政府信息公开申请行政复议([0-9]+)件,提起行政诉讼([0-9]+)件(?:,申诉([0-9]+)件)?", text
        ):
            put(("行政复议和诉讼", "行政复议"), int(m.group(1)), i, m.start(1))
            put(("行政复议和诉讼", "行政诉讼"), int(m.group(2)), i, m.start(1))
            if m.group(3):
                put(("行政复议和诉讼", "申诉"), int(m.group(3)), i, m.start(1))
        elif m := re.search(
            r"(?:未发生|没有|未有)因政府信息公开(?:申请)?(行政复议[^。0-9]*?)的?情况"
            r"|(?:未|没有)发生针对本单位有关政府信息公开事务的(行政复议案[^。0-9]*?案)。",
            text,
        ):
            put(("行政复议和诉讼", "行政复议"), 0, i, m.start())
            said = m.group(1) or m.group(2)
            if "诉讼" in said:
                put(("行政复议和诉讼", "行政诉讼"), 0, i, m.start())
            if "申诉" in said:
                put(("行政复议和诉讼", "申诉"), 0, i, m.start())
        if m := re.search(rf"收取信息处理费{_AMOUNT}元", text):
            put(("其他事项", "信息处理费"), _amount(m.group(1)), i, m.start(1))
        elif m := re.search("未收取信息处理费", text):
            put(("其他事项", "信息处理费"), 0, i, m.start())
        _clerk_figures(text, home, lambda path, value, at: put(path, value, i, at))  # noqa: B023 (called within this iteration only)
    return used


def _listed(text: str, unit: str) -> list[tuple[str, int]] | None:
    """A list of named counts (规范性文件12条，占14.5%；工作动态40条…; shares skipped), or
    None when any part of it is not one."""
    items = []
    for part in re.split(r"[;、,]", text):
        if not part or part.startswith("占"):
            continue
        m = re.fullmatch(rf"([^0-9]+?)([0-9]+){unit}", part)
        if m is None:
            return None
        items.append((m.group(1), int(m.group(2))))
    return items if len(items) >= 2 else None


def _clerk_figures(
    text: str, home: Path | None, put: Callable[[Path, object, int | None], None]
) -> None:
    """Figures stated in the wording clerks commonly use (a squashed paragraph), beyond the
    proactive sentence (:func:`_proactive_sentence`): 历年累计, the 2007 results one by
    one (其中同意公开3件，部分公开0件…) and the reasons for refusal, fees not charged or
    waived, and no appeal. ``put`` fills a cell only where the era has it and it is empty
    (and, given where the figure is in ``text``, only with the year's own figure)."""
    if home is not None and (m := re.search(r"历年累计(?:主动)?公开(?:政府信息)?([0-9]+)条", text)):
        put((*home, "历年累计"), int(m.group(1)), None)
    if "申请" in text and (m := re.search(r"其中:?((?:[^0-9。]+[0-9]+件[,;、]?){3,})", text)):
        for item in re.finditer(r"([^0-9,;、]+?)([0-9]+)件", m.group(1)):
            name, count = item.groups()
            put(("依申请公开", "办理结果", name), int(count), m.start(1) + item.start(2))
    if m := re.search(r"不予公开的?[0-9]+件中[,:]?([^。]+)", text):
        reasons = _listed(m.group(1), "件")
        if reasons is not None:
            rows = [{"理由": r, "件数": c} for r, c in reasons]
            put(("依申请公开", "不予公开理由"), rows, m.start())
    if m := re.search(r"未收取(?:任何)?(?:政府信息公开|信息公开)?(?:的)?费用", text):
        put(("收费及减免", "收费金额"), 0, m.start())
    if m := re.search(rf"减免(?:费用)?{_AMOUNT}元", text):
        put(("收费及减免", "减免金额"), _amount(m.group(1)), m.start(1))
    elif m := re.search("未减免", text):
        put(("收费及减免", "减免金额"), 0, m.start())
    no_appeal = r"(?:未发生|没有|未有)(?:有关|因)政府信息公开(?:申请)?的?行政复议、?行政诉讼"
    if m := re.search(no_appeal, text):
        put(("行政复议和诉讼", "行政复议"), 0, m.start())
        put(("行政复议和诉讼", "行政诉讼"), 0, m.start())


# --- sentences reportkit writes itself -----------------------------------------------------------


def _generated(data: dict[str, Any], era: Era) -> set[str]:
    """Every paragraph reportkit would write for ``data`` with no prose of the clerk's."""
    return set(_generated_texts(data, era))


def _generated_texts(data: dict[str, Any], era: Era) -> list[str]:
    """:func:`_generated`'s paragraphs, squashed, in the order they are written."""
    from reportkit.context import build_context
    from reportkit.loading import build_data

    skeleton = dict(data)
    for key in era.headings:
        skeleton.setdefault(key, {})
    checked = build_data(skeleton, "<import>")
    if checked.report is None:
        return []
    context = build_context(checked.report, checked.data)
    return [squash(b["text"]) for b in context["blocks"] if b.get("text")]


_STAND_INS = "\ue000\ue001\ue002\ue003"
"""Private-use characters, one of which stands for the voice in a single trial writing."""


def _trials(data: dict[str, Any], era: Era, voices: Sequence[str]) -> list[set[str]]:
    """:func:`_generated` with each of ``voices`` as the unit's 自称. The voice is only ever
    written into the sentences as it is, so they are written once, with a character the
    data does not hold standing for it, which each voice then replaces (a voice is
    ideographs only, which squashing leaves as they are, and next to which it changes
    nothing)."""

    def trial(voice: str) -> dict[str, Any]:
        return {**data, "单位": {**data.get("单位", {}), "自称": voice}}

    shown = repr(data)  # a private-use character is shown escaped: \\ue000
    stand_in = next((c for c in _STAND_INS if ascii(c)[1:-1] not in shown), None)
    if len(voices) < 2 or stand_in is None or any(squash(v) != v for v in voices):
        return [_generated(trial(voice), era) for voice in voices]
    written = _generated_texts(trial(stand_in), era)
    return [{text.replace(stand_in, voice) for text in written} for voice in voices]


def _voice(data: dict[str, Any], era: Era, texts: Sequence[str]) -> tuple[str | None, set[str]]:
    """The unit's own word for itself (本街道, 我镇), chosen as the one with which most
    paragraphs are sentences reportkit writes; and those sentences."""
    counts = Counter(m for t in texts for m in _VOICE.findall(t))
    best: tuple[int, str | None, set[str]] = (0, None, set())
    squashed = {squash(t) for t in texts}
    voices = [voice for voice, _n in counts.most_common(3)]
    for voice, generated in zip(voices, _trials(data, era, voices), strict=True):
        hits = len(generated & squashed)
        if hits > best[0]:
            best = (hits, voice, generated)
    if best[1] is None and counts:
        return counts.most_common(1)[0][0], set()
    return best[1], best[2]


# --- sections --------------------------------------------------------------------------------


def _default_title(info_description: str | None) -> str | None:
    if not info_description:
        return None
    quoted = re.findall(r"“([^”]+)”", info_description)
    return quoted[-1] if quoted else re.split(r"[（；]", info_description)[0]


def _key_for(
    title: str, choices: Sequence[str], words: Sequence[tuple[str, tuple[str, ...]]]
) -> str | None:
    text = squash(title)
    for key, keywords in words:
        if key in choices and any(w in text for w in keywords):
            return key
    return None


class _SectionReader:
    def __init__(self, era: Era, found: Imported, skip: set[str]) -> None:
        self.era = era
        self.found = found
        self.skip = skip

    def _kept(self, paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
        return [p for p in paragraphs if squash(p.text) not in self.skip and p.text != "【待填写】"]

    def read(self, parts: Sequence[_Part]) -> None:
        model = self.era.model
        for part in parts:
            key = _key_for(part.title, list(self.era.headings), SECTION_WORDS)
            if key is None or (key in self.found.data and self._has_prose(self.found.data[key])):
                self._unplaced(part)
                continue
            target = self.found.data.setdefault(key, {})
            sub = model_at(model, (key,))
            if sub is None:
                self._unplaced(part)
                continue
            self._fill(sub, (key,), part, target, self.era.headings[key])

    @staticmethod
    def _has_prose(node: Any) -> bool:
        return isinstance(node, dict) and any(k in node for k in ("正文", "小节"))

    def _unplaced(self, part: _Part) -> None:
        where = str(part.where) if part.where else ""
        self.found.unplaced.append(
            (where, _("无法归入报告的任何部分：{title}").format(title=part.title))
        )
        for paragraph in self._kept(part.paras):
            self.found.unplaced.append((str(paragraph.where), paragraph.text))
        for child in part.children:
            self._unplaced(child)

    def _fill(
        self,
        model: type[BaseModel],
        path: Path,
        part: _Part,
        target: dict[str, Any],
        default: str | None,
    ) -> None:
        known = fields_by_alias(model)
        if "标题" in known and (default is None or squash(part.title) != squash(default)):
            target["标题"] = part.title
        paras = self._kept(part.paras)
        children = list(part.children)
        # 2007: the proactive figures sit under a heading of their own (数量标题)
        if "数量标题" in known and "总数" in target:
            stated = next((c for c in children if not self._kept(c.paras) and not c.children), None)
            if stated is not None and len(self._kept(stated.paras)) < len(stated.paras):
                default_stats = known["数量标题"][1].default
                if squash(stated.title) != squash(str(default_stats)):
                    target["数量标题"] = stated.title
                children.remove(stated)
            elif len(self._kept(part.paras)) < len(part.paras):
                target["数量标题"] = None
        if paras:
            if "正文" in known:
                target["正文"] = "\n\n".join(p.text for p in paras)
                self.found.origins[(*path, "正文")] = _span(paras)
            else:
                for p in paras:
                    self.found.unplaced.append((str(p.where), p.text))
        topics = [k for k, _w in TOPIC_WORDS if k in known]
        listed: list[dict[str, Any]] = []
        for child in children:
            topic = _key_for(child.title, topics, TOPIC_WORDS) if topics else None
            if topic is not None and not self._has_prose(target.get(topic)):
                sub = model_at(model, (topic,))
                if sub is not None:
                    node = target.setdefault(topic, {})
                    self._fill(
                        sub,
                        (*path, topic),
                        child,
                        node,
                        _default_title(known[topic][1].description),
                    )
                    continue
            if "小节" in known:
                sub = model_at(model, ("小节",))
                if sub is not None:
                    node = {}
                    self._fill(sub, (*path, "小节", len(listed)), child, node, None)
                    listed.append(node)
                    continue
            if "正文" in known:  # 总体情况's (一)加强组织领导: the section's text, heading kept
                self._into_text(path, target, child)
                continue
            self._unplaced(child)
        if listed:
            target["小节"] = listed

    def _into_text(self, path: Path, target: dict[str, Any], part: _Part) -> None:
        """A part under a heading of the writer's own that the section has no place for: its
        heading (as printed) and text, and its sub-parts', added to the section's 正文."""
        paras = self._flattened(part)
        if not paras:
            return
        texts = [p.text for p in paras]
        target["正文"] = "\n\n".join([target["正文"], *texts] if target.get("正文") else texts)
        span = _span(paras)
        earlier = self.found.origins.get((*path, "正文"))
        self.found.origins[(*path, "正文")] = (
            f"{earlier.partition('—')[0]}—{span.rpartition('—')[2]}" if earlier else span
        )

    def _flattened(self, part: _Part) -> list[Paragraph]:
        """A part's paragraphs in print order, its heading's among them as printed."""
        paras = self._kept(part.paras[1:] if part.run_in else part.paras)
        where = part.where or (part.paras[0].where if part.paras else None)
        heading = [Paragraph(part.printed, where)] if part.printed and where is not None else []
        return [*heading, *paras, *(p for c in part.children for p in self._flattened(c))]


def _span(paragraphs: Sequence[Paragraph]) -> str:
    first, last = str(paragraphs[0].where), str(paragraphs[-1].where)
    return first if first == last else f"{first}—{last}"


# --- the whole -------------------------------------------------------------------------------


def recognise(document: Document) -> Imported:
    """The data of a published report, and where each part of it came from."""
    head = masthead(document)
    year, unit = head.year, head.unit
    era = era_for_year(year)
    if era is None:
        raise NotImportable(no_era_for_year(year))
    paragraphs = document.paragraphs
    found = Imported(era, {"年度": year})
    found.origins[("年度",)] = head.year_from
    if not head.titled:
        found.notes.append(
            _("页面上没有写明年度的标题：年度 {year} 取自{where}").format(
                year=year, where=head.year_from
            )
        )
    body, links = _attachments(paragraphs[head.at + 1 :])
    for link in links:
        found.unplaced.append(
            (str(link.where), _("页面上的附件链接等，不是报告正文：{text}").format(text=link.text))
        )
    signoff, used = _signoff(body, unit)
    if used:
        body = body[:-used]
    unit_from = head.unit_from
    if unit is None and signoff.get("署名"):
        unit = signoff.pop("署名")
        unit_from = _("落款署名")
    unit_node: dict[str, Any] = {"全称": unit}
    if (level := _level(unit)) is not None:
        unit_node["层级"] = level
    found.data["单位"] = unit_node
    if unit is not None and unit_from is not None:
        found.origins[("单位", "全称")] = unit_from
        if not head.titled or unit_from != head.year_from:
            found.notes.append(_("单位“{unit}”取自{where}").format(unit=unit, where=unit_from))
    elif unit is None:
        found.notes.append(_("页面上没有写明发布报告的单位：单位全称留空待填写"))
    body, written = _metadata(body)
    if written is not None and "日期" not in signoff:
        signoff["日期"], found.origins[("落款", "日期")] = written
    if signoff:
        found.data["落款"] = signoff
    if (period := _period(paragraphs, year)) is not None:
        found.data["统计期限"], found.origins[("统计期限",)] = period
    _TableReader(era, found).read(document.grids)
    _sentence_figures(found, body)
    voice, generated = _voice(found.data, era, [p.text for p in body])
    if voice is not None:
        unit_node["自称"] = voice
    preface, parts = _outline(body)
    if not parts and not document.grids:
        raise NotImportable(
            _(
                "找不到报告的任何部分（“一、总体情况”这样的标题）或表格：这不像一份政府信息公开工作年度报告"
            )
        )
    reader = _SectionReader(era, found, generated)
    kept = reader._kept(preface)
    if kept:
        found.data["导语"] = "\n\n".join(p.text for p in kept)
        found.origins[("导语",)] = _span(kept)
    reader.read(parts)
    return found
