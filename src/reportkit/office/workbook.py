"""A compilation → the office's Excel workbook, and its long table as CSV.

The sheets, in order:

* **说明** (the cover): what the workbook is, when it was made, which files were added up
  and which were left out, and why.
* **one sheet per official table of the era, in the official layout**: merged headers, row
  labels as printed, column widths, frozen panes. Tables 1 and 2 are printed a table per
  report, so each is a *block* per unit — the 合计 block (the summary's figures) first,
  then each unit's — with a page break wherever the next block would not fit on the page:
  the office prints the county's table and each unit's as they appear in reports, and
  unit rows across Table 2's 7 × 26 cells could be neither read nor printed. Table 3 is
  one row in the official form, so each unit is a row under its three-level header, the
  合计 row first: comparable at a glance, and it fits a landscape page.
* sections with figures but no official table (总体情况's 主动公开 总数, 其他事项's
  信息处理费, every section of the 2007 era): a row per unit, then the 合计 row.
* **明细** (the long table): 单位, 表, 行, 列, 值 — one header row, no merged cells, numbers
  as numbers, what a pivot table or pandas reads directly. Only the units' figures: their
  sum for each (表, 行, 列) is the 合计. The same rows are the CSV (:func:`write_long_csv`).
* **图表**: each unit's 新收, 办结 and 主动公开 (where the era has them) as a bar chart.
* **校验结果** and **问题明细**: each file's check result, and every problem found.

The per-unit figures are each unit's as they were added up (2007 categories matched by
name, amounts in one unit of money), so they add up to the 合计. Every cell is written by
:func:`safe_cell`, the one place that decides how a value becomes a cell: text always as text,
never as a formula.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import errno
import gc
import io
import math
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from reportkit import datapath
from reportkit._version import __version__
from reportkit.datapath import Cell
from reportkit.eras import Era, Table
from reportkit.eras.tables import Column, Line, LineKind, table_lines
from reportkit.errors import format_path
from reportkit.office.summary import Compilation
from reportkit.outputs import OutputGroup

__all__ = [
    "BOLD",
    "CHART_SHEET",
    "CHECK_SHEET",
    "COVER_SHEET",
    "LONG_HEADER",
    "LONG_SHEET",
    "PROBLEM_SHEET",
    "TOTAL_LABEL",
    "WRAP",
    "long_rows",
    "safe_cell",
    "safe_row",
    "save_workbook",
    "set_widths",
    "sheet_title",
    "write_long_csv",
    "write_workbook",
]

TOTAL_LABEL = "合计"
COVER_SHEET = "说明"
LONG_SHEET = "明细"
CHART_SHEET = "图表"
CHECK_SHEET = "校验结果"
PROBLEM_SHEET = "问题明细"
LONG_HEADER = ("单位", "表", "行", "列", "值")
_FIRST_COLUMNS = ("文件", "单位")
_PAGE_ROWS = 42
"""About the rows a printed A4 page holds: blocks are kept whole within a page."""
_CHART = (
    ("新收", "新收申请（件）"),
    ("办结", "办结申请（件）"),
    ("主动公开", "主动公开信息（条）"),
)
"""The quantities charted per unit (by the era's prose-figure names), and their headers."""


# --- the one way a cell is written --------------------------------------------------------


@dataclass(frozen=True)
class _Style:
    font: Font | None = None
    alignment: Alignment | None = None
    border: Border | None = None


_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_HEADER = _Style(Font(bold=True), _CENTRE, _BOX)
_LABEL = _Style(None, Alignment(vertical="center", wrap_text=True), _BOX)
_NUMBER = _Style(None, Alignment(horizontal="right", vertical="center"), _BOX)
_TOTAL_NUMBER = _Style(Font(bold=True), _NUMBER.alignment, _BOX)
_TITLE = _Style(Font(bold=True, size=14), Alignment(vertical="center"))
BOLD = _Style(Font(bold=True))
WRAP = _Style(None, Alignment(vertical="top", wrap_text=True))


ACTIVE = ("=", "+", "-", "@", "\t", "\r")
"""How a formula (or what a spreadsheet may take for one) begins: OWASP's CSV injection list."""


def safe_cell(sheet: Any, value: Any, style: _Style | None = None) -> WriteOnlyCell:
    """A cell holding ``value``: a number as a number, text always as text — never as a
    formula (nor an error code like ``#N/A``), whatever it begins with; a text that looks
    active is marked quote-prefixed, so that editing it in Excel keeps it text."""
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(ACTIVE):
            cell.quotePrefix = True
    if style is not None:
        if style.font is not None:
            cell.font = style.font
        if style.alignment is not None:
            cell.alignment = style.alignment
        if style.border is not None:
            cell.border = style.border
    return cell


def safe_row(sheet: Any, values: Sequence[Any], style: _Style | None = None) -> list[WriteOnlyCell]:
    return [safe_cell(sheet, value, style) for value in values]


@dataclass
class _Layout:
    """A sheet laid out cell by cell (merged ranges, row heights, page breaks), then
    written row by row (a write-only sheet takes its rows in order)."""

    cells: dict[tuple[int, int], tuple[Any, _Style | None]] = field(default_factory=dict)
    merges: list[str] = field(default_factory=list)
    heights: dict[int, float] = field(default_factory=dict)
    breaks: list[int] = field(default_factory=list)
    height: int = 0
    width: int = 0

    def put(
        self,
        row: int,
        column: int,
        value: Any,
        style: _Style | None = None,
        *,
        down: int = 1,
        across: int = 1,
    ) -> None:
        """``value`` at (row, column), merged over ``down`` rows and ``across`` columns."""
        for r in range(row, row + down):
            for c in range(column, column + across):
                self.cells[(r, c)] = (None, style)  # a merged box keeps its borders
        self.cells[(row, column)] = (value, style)
        if down > 1 or across > 1:
            merged = CellRange(
                min_col=column, min_row=row, max_col=column + across - 1, max_row=row + down - 1
            )
            self.merges.append(merged.coord)
        self.height = max(self.height, row + down - 1)
        self.width = max(self.width, column + across - 1)

    def put_row(self, row: int, values: Sequence[object], style: _Style | None = None) -> None:
        """``values`` in ``row`` from column A on, a cell each."""
        for column, value in enumerate(values, 1):
            self.put(row, column, value, style)

    def fit(self, row: int, text: str, width: float) -> None:
        """Make ``row`` tall enough for ``text`` wrapped in ``width`` (Excel's column units;
        a Chinese character takes two)."""
        lines = math.ceil(2 * len(text) / max(width - 1, 1))
        if lines > 1:
            self.heights[row] = max(self.heights.get(row, 0), 15.0 * lines)

    def write(self, sheet: Any) -> None:
        for row, points in self.heights.items():
            sheet.row_dimensions[row].height = points
        for r in range(1, self.height + 1):
            sheet.append(
                [
                    safe_cell(sheet, *self.cells.get((r, c), (None, None)))
                    for c in range(1, self.width + 1)
                ]
            )
        for merged in self.merges:
            sheet.merged_cells.add(merged)
        for row in self.breaks:
            sheet.row_breaks.append(Break(id=row))


def set_widths(sheet: Any, widths: Sequence[float]) -> None:
    for i, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(i)].width = width


def _print_setup(sheet: Any, *, landscape: bool, title_rows: int = 0) -> None:
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        sheet.print_title_rows = f"1:{title_rows}"


# --- labels -------------------------------------------------------------------------------


def sheet_title(era: Era, section: str) -> str:
    """The sheet holding one section's figures: 表二 依申请公开 for a table, else the section."""
    table = era.table(section)
    return table.title if table is not None else section


def _row_labels(lines: Sequence[Line]) -> dict[tuple[str, ...], str]:
    """Line path → its label as the official table names it, made unique: under its group
    (第二十条第（五）项 行政许可) or its heading (（三）不予公开 1.属于国家秘密)."""
    headings: dict[int, str] = {}
    found: dict[tuple[str, ...], str] = {}
    for line in lines:
        if line.kind is LineKind.HEADING:
            headings[line.depth] = line.label
            continue
        if line.group is not None:
            found[line.path] = f"{line.group} {line.label}"
        elif line.depth >= 2 and line.depth - 1 in headings:
            found[line.path] = f"{headings[line.depth - 1]} {line.label}"
        else:
            found[line.path] = line.label
    return found


def _money_units(era: Era, summed: Mapping[str, Any]) -> dict[Cell, tuple[str, str]]:
    """Amount cell → (the key of its unit of money, that unit as the sum uses it)."""
    found = {}
    for scaled in era.scaled_amounts:
        unit = datapath.get(summed, (*scaled.row, scaled.unit))
        if unit is not None:
            found[(*scaled.row, scaled.amount)] = (scaled.unit, str(unit))
    return found


@dataclass
class _Labels:
    """Where the printed tables name each figure cell."""

    era: Era
    summed: Mapping[str, Any]
    rows: dict[tuple[str, ...], tuple[str, dict[str, str]]] = field(default_factory=dict)
    money: dict[Cell, tuple[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.money = _money_units(self.era, self.summed)
        for table in self.era.tables:
            lines = table_lines(self.era.model, table.section)
            labels = _row_labels(lines)
            for line in lines:
                if line.kind is LineKind.HEADING:
                    continue
                path = (table.section, *line.path)
                columns = {c.key: self.column(path, c) for c in line.columns}
                self.rows[path] = (labels[line.path], columns)

    def column(self, path: tuple[str, ...], column: Column) -> str:
        """A column's label; an amount's names its unit of money (采购总金额（万元）)."""
        money = self.money.get((*path, column.key))
        return f"{column.label}（{money[1]}）" if money is not None else column.label

    def of(self, cell: Cell) -> tuple[str, str]:
        """(row label, column label) of a figure cell, as the printed table names them."""
        row, key = tuple(str(step) for step in cell[:-1]), str(cell[-1])
        known = self.rows.get(row)
        if known is not None:
            return known[0], known[1].get(key, key)
        if any(isinstance(step, int) for step in cell):  # an item of a list, named by the unit
            index = max(i for i, step in enumerate(cell) if isinstance(step, int))
            item = datapath.get(self.summed, cell[: index + 1]) or {}
            name = next((v for v in item.values() if isinstance(v, str)), str(cell[index]))
            return name, key
        if len(cell) > 2:
            return format_path(cell[1:-1]), key
        return key, "数值"  # a figure of its own (其他事项's 信息处理费)


def _shown_columns(era: Era, section: str, line: Line) -> tuple[Column, ...]:
    """A line's columns as the table prints them: an amount's unit of money is in the
    amount's header, not a column of its own."""
    units = {(*scaled.row, scaled.unit) for scaled in era.scaled_amounts}
    return tuple(c for c in line.columns if (section, *line.path, c.key) not in units)


# --- the official tables ------------------------------------------------------------------


@dataclass(frozen=True)
class _Block:
    """One report's figures to lay out: a title and the data holding them."""

    title: str
    unit: str
    data: Mapping[str, Any]
    total: bool = False


def _blocks(compilation: Compilation) -> list[_Block]:
    aggregate = compilation.aggregate
    count = len(compilation.included)
    title = f"{TOTAL_LABEL}（{count} 个单位之和）"
    blocks = [_Block(title, TOTAL_LABEL, aggregate.data, total=True)]
    for result, unit in zip(compilation.included, aggregate.units, strict=True):
        blocks.append(_Block(f"{result.unit}（{result.file}）", str(result.unit), unit))
    return blocks


def _figure(data: Mapping[str, Any], cell: Cell) -> Any:
    value = datapath.get(data, cell)
    return value if datapath.is_figure(value) else None


class _TableSheet:
    """One official table laid out on a sheet, a block per report or a row per report."""

    def __init__(self, compilation: Compilation, table: Table, labels: _Labels) -> None:
        self.era = compilation.era
        self.table = table
        self.labels = labels
        self.lines = table_lines(self.era.model, table.section)
        self.figures = [line for line in self.lines if line.kind is not LineKind.HEADING]
        self.blocks = _blocks(compilation)
        self.layout = _Layout()

    def columns(self, line: Line) -> tuple[Column, ...]:
        return _shown_columns(self.era, self.table.section, line)

    def header(self, line: Line, column: Column) -> str:
        return self.labels.column((self.table.section, *line.path), column)

    def values(self, block: _Block, line: Line) -> list[Any]:
        here = (self.table.section, *line.path)
        return [_figure(block.data, (*here, c.key)) for c in self.columns(line)]

    def number_style(self, block: _Block) -> _Style:
        return _TOTAL_NUMBER if block.total else _NUMBER

    # Table 2: one set of columns, rows under headings (labels merged down their rows)

    def grid(self) -> tuple[list[float], str]:
        layout, table = self.layout, self.table
        columns = self.columns(self.figures[0])
        depth = 1 + max(line.depth for line in self.lines)
        label_widths = ([8.0] * max(depth - 2, 0) + [14.0, 34.0])[-depth:]
        grouped = any(c.group for c in columns)
        levels = (1 if table.heading else 0) + 1 + (1 if grouped else 0)
        top = 1
        for block in self.blocks:
            height = 1 + levels + len(self.figures)
            self._page(top, height)
            layout.put(top, 1, block.title, _TITLE, across=depth + len(columns))
            head = top + 1
            layout.put(head, 1, table.corner, _HEADER, down=levels, across=depth)
            first, r = depth + 1, head
            if table.heading:
                layout.put(r, first, table.heading, _HEADER, across=len(columns))
                r += 1
            i = 0
            while i < len(columns):
                column = columns[i]
                if column.group is None:
                    label = self.header(self.figures[0], column)
                    layout.put(r, first + i, label, _HEADER, down=head + levels - r)
                    i += 1
                    continue
                j = i
                while j < len(columns) and columns[j].group == column.group:
                    layout.put(r + 1, first + j, self.header(self.figures[0], columns[j]), _HEADER)
                    j += 1
                layout.put(r, first + i, column.group, _HEADER, across=j - i)
                i = j
            r = head + levels
            spans = self._spans()
            for line in self.lines:
                if line.kind is LineKind.HEADING:
                    layout.put(r, 1 + line.depth, line.label, _LABEL, down=spans[line.path])
                    continue
                across = depth - line.depth
                layout.put(r, 1 + line.depth, line.label, _LABEL, across=across)
                layout.fit(r, line.label, sum(label_widths[line.depth :]))
                for k, value in enumerate(self.values(block, line)):
                    layout.put(r, first + k, value, self.number_style(block))
                r += 1
            top = r + 1
        widths = [*label_widths, *(9.0 for _ in columns)]
        return widths, f"{get_column_letter(depth + 1)}{2 + levels}"

    def _spans(self) -> dict[tuple[str, ...], int]:
        """Heading path → the number of figure rows under it."""
        spans: dict[tuple[str, ...], int] = {}
        for line in self.figures:
            for n in range(1, len(line.path)):
                spans[line.path[:n]] = spans.get(line.path[:n], 0) + 1
        return spans

    # Table 1: rows in groups, each group with its own columns under its own header row

    def grouped(self) -> tuple[list[float], str]:
        layout, table = self.layout, self.table
        width = max(len(self.columns(line)) for line in self.figures)
        groups: list[tuple[str | None, list[Line]]] = []
        for line in self.figures:
            if groups and groups[-1][0] == line.group and line.group is not None:
                groups[-1][1].append(line)
            else:
                groups.append((line.group, [line]))
        top = 1
        for block in self.blocks:
            height = 1 + sum(1 + (g is not None) + len(rows) for g, rows in groups)
            self._page(top, height)
            layout.put(top, 1, block.title, _TITLE, across=1 + width)
            r = top + 1
            for group, rows in groups:
                if group is not None:
                    layout.put(r, 1, group, _HEADER, across=1 + width)
                    r += 1
                columns = self.columns(rows[0])
                spans = [1] * (len(columns) - 1) + [width - len(columns) + 1]
                layout.put(r, 1, table.corner, _HEADER)
                c = 2
                for column, span in zip(columns, spans, strict=True):
                    layout.put(r, c, self.header(rows[0], column), _HEADER, across=span)
                    c += span
                r += 1
                for line in rows:
                    layout.put(r, 1, line.label, _LABEL)
                    c = 2
                    values = self.values(block, line)
                    spans = [1] * (len(values) - 1) + [width - len(values) + 1]
                    for value, span in zip(values, spans, strict=True):
                        layout.put(r, c, value, self.number_style(block), across=span)
                        c += span
                    r += 1
            top = r + 1
        return [24.0, *(16.0 for _ in range(width))], "B1"

    # Table 3: the lines side by side, a row per report

    def across(self) -> tuple[list[float], str]:
        layout = self.layout
        grouped = any(line.group for line in self.figures)
        levels = 2 + (1 if grouped else 0)
        layout.put(1, 1, "单位", _HEADER, down=levels)
        c, i = 2, 0
        while i < len(self.figures):
            line = self.figures[i]
            if line.group is None:  # its label over its columns, their labels down to the data
                columns = self.columns(line)
                layout.put(1, c, line.label, _HEADER, across=len(columns))
                for k, column in enumerate(columns):
                    layout.put(2, c + k, self.header(line, column), _HEADER, down=levels - 1)
                c += len(columns)
                i += 1
                continue
            start = c
            while i < len(self.figures) and self.figures[i].group == line.group:
                member = self.figures[i]
                columns = self.columns(member)
                layout.put(2, c, member.label, _HEADER, across=len(columns))
                for k, column in enumerate(columns):
                    layout.put(3, c + k, self.header(member, column), _HEADER)
                c += len(columns)
                i += 1
            layout.put(1, start, line.group, _HEADER, across=c - start)
        r = levels + 1
        for block in self.blocks:
            layout.put(r, 1, block.unit, BOLD if block.total else None)
            values = [v for line in self.figures for v in self.values(block, line)]
            for k, value in enumerate(values):
                layout.put(r, 2 + k, value, self.number_style(block))
            r += 1
        return [36.0, *(9.0 for _ in range(c - 2))], f"B{levels + 1}"

    def _page(self, top: int, height: int) -> None:
        """A page break before a block that would not fit on the page it starts on."""
        start = self.layout.breaks[-1] + 1 if self.layout.breaks else 1
        if top > start and (top - start) + height > _PAGE_ROWS:
            self.layout.breaks.append(top - 1)

    def write(self, book: Workbook) -> None:
        sheet = book.create_sheet(self.table.title)
        if self.table.across:
            widths, freeze = self.across()
            _print_setup(sheet, landscape=True, title_rows=_rows_above(freeze))
        elif len({tuple(c.key for c in self.columns(line)) for line in self.figures}) == 1:
            widths, freeze = self.grid()
            _print_setup(sheet, landscape=False)
        else:
            widths, freeze = self.grouped()
            _print_setup(sheet, landscape=False)
        set_widths(sheet, widths)
        sheet.freeze_panes = freeze
        self.layout.write(sheet)


def _rows_above(freeze: str) -> int:
    """The rows above a frozen-pane cell (B4 → 3)."""
    return int("".join(ch for ch in freeze if ch.isdigit())) - 1


# --- a row per unit: the sections with figures but no official table -----------------------


def _sections(cells: Sequence[Cell]) -> Iterator[tuple[str, list[Cell]]]:
    """The figure cells grouped by the report section they are in, in order."""
    groups: dict[str, list[Cell]] = {}
    for cell in cells:
        groups.setdefault(str(cell[0]), []).append(cell)
    yield from groups.items()


def _add_unit_rows(book: Workbook, compilation: Compilation, labels: _Labels) -> None:
    aggregate = compilation.aggregate
    for section, cells in _sections(aggregate.cells):
        if compilation.era.table(section) is not None:
            continue
        sheet = book.create_sheet(sheet_title(compilation.era, section))
        sheet.freeze_panes = "C3"
        set_widths(sheet, [40, 36, *(16 for _ in cells)])
        headers = [labels.of(cell) for cell in cells]
        sheet.append(safe_row(sheet, [*_FIRST_COLUMNS, *(row for row, _column in headers)], BOLD))
        sheet.append(safe_row(sheet, ["", "", *(column for _row, column in headers)], BOLD))
        for result, unit in zip(compilation.included, aggregate.units, strict=True):
            values = [result.file, result.unit, *(_figure(unit, c) for c in cells)]
            sheet.append(safe_row(sheet, values))
        totals = [TOTAL_LABEL, "", *(_figure(aggregate.data, c) for c in cells)]
        sheet.append(safe_row(sheet, totals, BOLD))


# --- the long table -----------------------------------------------------------------------


def long_rows(compilation: Compilation) -> Iterator[tuple[str, str, str, str, Any]]:
    """(单位, 表, 行, 列, 值) for every figure of every unit added up, unit by unit, in the
    order the tables print them."""
    aggregate = compilation.aggregate
    labels = _Labels(compilation.era, aggregate.data)
    named = [
        (cell, sheet_title(compilation.era, str(cell[0])), *labels.of(cell))
        for cell in aggregate.cells
    ]
    for result, unit in zip(compilation.included, aggregate.units, strict=True):
        for cell, table, row, column in named:
            value = _figure(unit, cell)
            if value is not None:
                yield str(result.unit), table, row, column, value


def _add_long(book: Workbook, compilation: Compilation) -> None:
    sheet = book.create_sheet(LONG_SHEET)
    sheet.freeze_panes = "A2"
    set_widths(sheet, [36, 16, 40, 20, 12])
    rows = list(long_rows(compilation))
    sheet.auto_filter.ref = f"A1:E{1 + len(rows)}"
    sheet.append(safe_row(sheet, LONG_HEADER, BOLD))
    for values in rows:
        sheet.append(safe_row(sheet, values))


def _inert(value: Any) -> Any:
    """A CSV value no spreadsheet takes for a formula: a text beginning like one gets a
    leading apostrophe (OWASP's advice for CSV; Excel shows the text without it)."""
    return "'" + value if isinstance(value, str) and value.startswith(ACTIVE) else value


def write_long_csv(compilation: Compilation, path: Path, outputs: OutputGroup) -> None:
    """The long table (单位, 表, 行, 列, 值) as CSV in UTF-8 with a BOM (so that Excel reads
    the Chinese), written to ``path`` in ``outputs``."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(LONG_HEADER)
    writer.writerows([_inert(v) for v in row] for row in long_rows(compilation))
    outputs.write(path, text.getvalue().encode("utf-8-sig"))


# --- the chart ----------------------------------------------------------------------------


def _chart_series(compilation: Compilation) -> list[tuple[str, list[Any]]]:
    """(header, each unit's figure) of 新收, 办结 and 主动公开: those the era has and some
    unit gives."""
    aggregate = compilation.aggregate
    series = []
    for quantity, header in _CHART:
        figure = compilation.era.prose_figures.get(quantity)
        if figure is None:
            continue
        values = []
        for unit in aggregate.units:
            parts = [_figure(unit, cell) for cell in figure.cells]
            known = [p for p in parts if p is not None]
            values.append(sum(known) if known else None)
        if any(v is not None for v in values):
            series.append((header, values))
    return series


def _add_chart(
    book: Workbook, compilation: Compilation, series: Sequence[tuple[str, list[Any]]]
) -> None:
    """The series as a bar chart, beside the figures it draws."""
    sheet = book.create_sheet(CHART_SHEET)
    sheet.freeze_panes = "A2"
    set_widths(sheet, [36, *(16 for _ in series)])
    sheet.append(safe_row(sheet, ["单位", *(header for header, _values in series)], BOLD))
    for i, result in enumerate(compilation.included):
        sheet.append(safe_row(sheet, [result.unit, *(values[i] for _header, values in series)]))
    count = len(compilation.included)
    chart = BarChart()
    chart.type = "bar"  # horizontal bars: the units' long names read down the side
    chart.title = f"{compilation.year} 年度各单位" + "、".join(
        header.split("（")[0] for header, _values in series
    )
    chart.x_axis.scaling.orientation = "maxMin"  # the first unit at the top, as in the table
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.majorGridlines = None
    data = Reference(sheet, min_col=2, max_col=1 + len(series), min_row=1, max_row=1 + count)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=1 + count))
    chart.width = 24
    chart.height = max(8.0, 0.25 * count * len(series) + 3)
    sheet.add_chart(chart, f"{get_column_letter(len(series) + 3)}2")


# --- the cover and the check results --------------------------------------------------------


def _add_cover(
    book: Workbook,
    compilation: Compilation,
    sheets: Sequence[tuple[str, str]],
    skipped: Sequence[tuple[str, str]],
    made: dt.datetime,
) -> None:
    sheet = book.create_sheet(COVER_SHEET)
    set_widths(sheet, [14, 48, 36, 60])
    _print_setup(sheet, landscape=True)
    layout = _Layout()
    layout.put(1, 1, f"{compilation.year} 年度政府信息公开工作年度报告汇总", _TITLE, across=4)
    included, excluded = compilation.included, compilation.excluded
    facts = [
        (
            "内容",
            f"{len(included)} 个单位 {compilation.year} 年度报告（{compilation.era.name} 年版格式）"
            "中表格数字的汇总：合计为各单位之和，“总计”按报告的同一套勾稽关系计算；"
            "各表另列每个单位自己的数字。",
        ),
        ("生成时间", made.strftime("%Y-%m-%d %H:%M")),
        ("生成工具", f"reportkit {__version__}（reportkit aggregate）"),
        ("计入汇总", f"{len(included)} 个文件（见下）"),
        ("未计入", f"{len(excluded)} 个文件（原因见下）" if excluded else "无"),
    ]
    if skipped:
        facts.append(("已跳过", f"{len(skipped)} 个非数据文件（见下）"))
    r = 3
    for label, text in facts:
        layout.put(r, 1, label, BOLD)
        layout.put(r, 2, text, WRAP, across=3)
        layout.fit(r, text, 48 + 36 + 60)
        r += 1
    r += 1
    layout.put(r, 1, "工作表", BOLD)
    r += 1
    for name, about in sheets:
        layout.put(r, 1, name)
        layout.put(r, 2, about, WRAP, across=3)
        r += 1
    r += 1
    layout.put(r, 1, f"计入汇总的文件（{len(included)} 个）", BOLD, across=4)
    r += 1
    layout.put_row(r, ("序号", "文件", "单位"), _HEADER)
    r += 1
    for i, result in enumerate(included, 1):
        layout.put_row(r, (i, result.file, result.unit), _LABEL)
        r += 1
    r += 1
    layout.put(r, 1, f"未计入汇总的文件（{len(excluded)} 个）", BOLD, across=4)
    r += 1
    layout.put_row(r, ("序号", "文件", "单位", "原因"), _HEADER)
    r += 1
    for i, left in enumerate(excluded, 1):
        layout.put_row(r, (i, left.check.file, left.check.unit or "", left.reason), _LABEL)
        layout.fit(r, left.reason, 60)
        r += 1
    if skipped:
        r += 1
        layout.put(r, 1, f"已跳过（{len(skipped)} 个，不是数据文件）", BOLD, across=4)
        r += 1
        for i, (path, reason) in enumerate(skipped, 1):
            layout.put_row(r, (i, path, "", reason), _LABEL)
            r += 1
    layout.write(sheet)


def _add_checks(book: Workbook, compilation: Compilation) -> None:
    reasons = {id(e.check): e.reason for e in compilation.excluded}
    sheet = book.create_sheet(CHECK_SHEET)
    sheet.freeze_panes = "A2"
    set_widths(sheet, [40, 36, 8, 8, 12, 8, 8, 10, 60])
    headers = ["文件", "单位", "年度", "格式", "状态", "错误", "警告", "计入汇总", "说明"]
    sheet.append(safe_row(sheet, headers, BOLD))
    for result in compilation.results:
        reason = reasons.get(id(result))
        values = [
            result.file,
            result.unit,
            result.year,
            result.era,
            result.status.value,
            len(result.errors),
            len(result.warnings),
            "否" if reason is not None else "是",
            reason or "",
        ]
        sheet.append(safe_row(sheet, values))
    problems = book.create_sheet(PROBLEM_SHEET)
    problems.freeze_panes = "A2"
    set_widths(problems, [40, 36, 8, 6, 6, 30, 60, 10, 30])
    headers = ["文件", "单位", "类别", "行", "列", "字段", "问题", "代码", "已核实理由"]
    problems.append(safe_row(problems, headers, BOLD))
    for result in compilation.results:
        for p in result.problems:
            where = format_path(p.path) if p.path else ""
            row = [result.file, result.unit, p.severity.value, p.line, p.column, where]
            problems.append(safe_row(problems, [*row, p.message, p.code, p.acknowledged or ""]))


def _sheet_guide(compilation: Compilation, charted: bool) -> list[tuple[str, str]]:
    """Each sheet and what it holds, for the cover."""
    era = compilation.era
    guide = []
    for table in era.tables:
        if table.across:
            about = "官方表格样式；第一行为合计，其下每个单位一行。"
        else:
            about = "官方表格样式；先列合计，其下每个单位一张表（可直接打印，每页完整）。"
        guide.append((table.title, about))
    for section, _cells in _sections(compilation.aggregate.cells):
        if era.table(section) is None:
            guide.append((sheet_title(era, section), "每个单位一行，最后一行为合计。"))
    guide.append(
        (
            LONG_SHEET,
            "长表（单位、表、行、列、值），供数据透视表或 pandas 直接读取；只列各单位的数字，"
            "按表、行、列求和即为合计。",
        )
    )
    if charted:
        guide.append((CHART_SHEET, "各单位新收、办结申请数和主动公开信息数的条形图。"))
    guide.append((CHECK_SHEET, "每个文件的校验结果，是否计入汇总及原因。"))
    guide.append((PROBLEM_SHEET, "校验发现的每一处问题。"))
    return guide


def write_workbook(
    compilation: Compilation,
    path: Path,
    outputs: OutputGroup,
    *,
    skipped: Sequence[tuple[str, str]] = (),
    made: dt.datetime | None = None,
) -> None:
    """Write the workbook to ``path`` in ``outputs`` (moved in with the other outputs).

    ``skipped`` lists (path, reason) of what the folders held that was not a data file;
    ``made`` is the time the cover gives (now, by default).
    """
    made = made or dt.datetime.now()  # the clerk's own clock, as Excel shows it
    save_workbook(lambda book: _fill_workbook(book, compilation, skipped, made), path, outputs)


def save_workbook(fill: Callable[[Workbook], None], path: Path, outputs: OutputGroup) -> None:
    """A write-only workbook filled by ``fill``, written to ``path`` in ``outputs`` (saved
    whole in memory: the file itself is then one plain write); a full disk while openpyxl
    spools its sheets is the OSError it stands for."""
    failed: OSError | None = None
    with _quiet_unraisable():
        try:
            data = _workbook_bytes(fill)
        except etree.SerialisationError as exc:  # openpyxl spools sheets to temporary files
            failed = _os_error(exc)
        gc.collect()  # the half-written sheets' generators, silently
    if failed is not None:
        outputs.current = path
        raise failed
    outputs.write(path, data)


def _workbook_bytes(fill: Callable[[Workbook], None]) -> bytes:
    """The workbook, saved whole in memory (the book dies with this frame: its half-written
    sheets are collected while unraisable errors are silenced)."""
    book = Workbook(write_only=True)
    fill(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fill_workbook(
    book: Workbook,
    compilation: Compilation,
    skipped: Sequence[tuple[str, str]],
    made: dt.datetime,
) -> None:
    series = _chart_series(compilation)
    _add_cover(book, compilation, _sheet_guide(compilation, bool(series)), skipped, made)
    labels = _Labels(compilation.era, compilation.aggregate.data)
    for table in compilation.era.tables:
        if any(str(cell[0]) == table.section for cell in compilation.aggregate.cells):
            _TableSheet(compilation, table, labels).write(book)
    _add_unit_rows(book, compilation, labels)
    _add_long(book, compilation)
    if series:
        _add_chart(book, compilation, series)
    _add_checks(book, compilation)


def _os_error(exc: etree.SerialisationError) -> OSError:
    """lxml's IO_ENOSPC / IO_EFBIG … as the OSError it stands for (disk full, file too large)."""
    code = getattr(errno, str(exc).removeprefix("IO_"), errno.EIO)
    return OSError(code, os.strerror(code))


@contextlib.contextmanager
def _quiet_unraisable() -> Iterator[None]:
    """Errors raised while half-written sheets are collected are not printed (they would
    show as "Exception ignored" tracebacks after the clear message)."""
    earlier = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        yield
    finally:
        sys.unraisablehook = earlier
