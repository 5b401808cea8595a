"""A compilation → an Excel workbook for the office: every unit's figures and every check result.

One sheet per table (a row per unit, then the 合计 row: the summary's figures), a
sheet with each file's check result (included in the sum or not, and why) and a
sheet listing every problem found. The per-unit rows hold each unit's figures as
they were added up (2007 categories matched by name, amounts in one unit of money),
so every column of unit rows adds up to its 合计.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from reportkit import datapath
from reportkit.datapath import Cell
from reportkit.eras import Era
from reportkit.eras.tables import table_lines
from reportkit.errors import format_path
from reportkit.office.summary import Compilation
from reportkit.outputs import OutputGroup

__all__ = ["CHECK_SHEET", "PROBLEM_SHEET", "TOTAL_LABEL", "sheet_title", "write_workbook"]

TOTAL_LABEL = "合计"
CHECK_SHEET = "校验结果"
PROBLEM_SHEET = "问题明细"
_FIRST_COLUMNS = ("文件", "单位")


def sheet_title(era: Era, section: str) -> str:
    """The sheet holding one section's figures: 表二 依申请公开 for a table, else the section."""
    table = era.table(section)
    return table.title if table is not None else section


def _labels(era: Era) -> dict[tuple[str, ...], tuple[str, dict[str, str]]]:
    """Row path (section, *keys) → (printed row label, column key → column label)."""
    found: dict[tuple[str, ...], tuple[str, dict[str, str]]] = {}
    for table in era.tables:
        for line in table_lines(era.model, table.section):
            columns = {c.key: c.label for c in line.columns}
            label = line.label if line.group is None else f"{line.group} {line.label}"
            found[(table.section, *line.path)] = (label, columns)
    return found


def _header(
    labels: dict[tuple[str, ...], tuple[str, dict[str, str]]], cell: Cell, summed: Any
) -> tuple[str, str]:
    """(row label, column label) of a figure cell, as the printed table names them."""
    row, key = tuple(str(step) for step in cell[:-1]), str(cell[-1])
    known = labels.get(row)
    if known is not None:
        return known[0], known[1].get(key, key)
    if any(isinstance(step, int) for step in cell):  # an item of a list, named by the unit
        index = max(i for i, step in enumerate(cell) if isinstance(step, int))
        item = datapath.get(summed, cell[: index + 1]) or {}
        name = next((v for v in item.values() if isinstance(v, str)), str(cell[index]))
        return name, key
    return format_path(cell[1:-1]) if len(cell) > 2 else "", key


_ACTIVE = ("=", "+", "-", "@", "\t", "\r")
"""How a formula (or what a spreadsheet may take for one) begins: OWASP's CSV injection list."""


def _cells(sheet: Any, values: Sequence[Any], *, bold: bool = False) -> list[Any]:
    """A row of cells in which every text is text: a unit or category name such as
    ``=HYPERLINK(…)`` is never written as a formula (nor as an error code like ``#N/A``),
    and a text that looks active is marked quote-prefixed, so that editing it keeps it text."""
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
            if value.startswith(_ACTIVE):
                cell.quotePrefix = True
        if bold:
            cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def _bold(sheet: Any, values: Sequence[Any]) -> list[Any]:
    return _cells(sheet, values, bold=True)


def _sections(cells: Sequence[Cell]) -> Iterator[tuple[str, list[Cell]]]:
    """The figure cells grouped by the report section they are in, in order."""
    groups: dict[str, list[Cell]] = {}
    for cell in cells:
        groups.setdefault(str(cell[0]), []).append(cell)
    yield from groups.items()


def _add_figures(book: Workbook, compilation: Compilation) -> None:
    aggregate = compilation.aggregate
    labels = _labels(compilation.era)
    for section, cells in _sections(aggregate.cells):
        sheet = book.create_sheet(sheet_title(compilation.era, section))
        sheet.freeze_panes = "C3"
        headers = [_header(labels, cell, aggregate.data) for cell in cells]
        sheet.append(_bold(sheet, [*_FIRST_COLUMNS, *(row for row, _column in headers)]))
        sheet.append(_bold(sheet, ["", "", *(column for _row, column in headers)]))
        for result, unit in zip(compilation.included, aggregate.units, strict=True):
            row = [result.file, result.unit, *(datapath.get(unit, c) for c in cells)]
            sheet.append(_cells(sheet, row))
        sheet.append(
            _bold(sheet, [TOTAL_LABEL, "", *(datapath.get(aggregate.data, c) for c in cells)])
        )


def _add_checks(book: Workbook, compilation: Compilation) -> None:
    reasons = {id(e.check): e.reason for e in compilation.excluded}
    sheet = book.create_sheet(CHECK_SHEET)
    sheet.freeze_panes = "A2"
    sheet.append(
        _bold(sheet, ["文件", "单位", "年度", "格式", "状态", "错误", "警告", "计入汇总", "说明"])
    )
    for result in compilation.results:
        reason = reasons.get(id(result))
        sheet.append(
            _cells(
                sheet,
                [
                    result.file,
                    result.unit,
                    result.year,
                    result.era,
                    result.status.value,
                    len(result.errors),
                    len(result.warnings),
                    "否" if reason is not None else "是",
                    reason or "",
                ],
            )
        )
    problems = book.create_sheet(PROBLEM_SHEET)
    problems.freeze_panes = "A2"
    headers = ["文件", "单位", "类别", "行", "列", "字段", "问题", "代码", "已核实理由"]
    problems.append(_bold(problems, headers))
    for result in compilation.results:
        for p in result.problems:
            where = format_path(p.path) if p.path else ""
            row = [result.file, result.unit, p.severity.value, p.line, p.column, where]
            problems.append(_cells(problems, [*row, p.message, p.code, p.acknowledged or ""]))


def write_workbook(compilation: Compilation, path: Path, outputs: OutputGroup) -> None:
    """Write the workbook to ``path`` in ``outputs`` (moved in with the other outputs)."""
    book = Workbook(write_only=True)
    _add_figures(book, compilation)
    _add_checks(book, compilation)
    outputs.write(path, book.save)
