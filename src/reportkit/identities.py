"""The arithmetic identities between a report's figures, declared once as data.

An identity says ``left₁ + left₂ + … = right₁ + right₂ + …`` over cells named by
their path in the data file (Chinese keys, list indices). When the left side is a
single cell it is a *total* that a clerk may leave out. The one declaration is used to

- :func:`complete`: compute every total the file leaves out;
- :func:`check`: find every identity the file's figures break, with both sides;
- :func:`aggregate`: add many units' files cell by cell, then complete the totals.

The functions work on the plain nested dict/list data of a file (``model_dump``
by alias), so they know nothing of pydantic, YAML or any output format.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from reportkit.errors import format_path
from reportkit.models import ERAS, tables

__all__ = [
    "IDENTITIES",
    "Identity",
    "Violation",
    "check",
    "complete",
    "get_cell",
    "identities_for",
    "sum_of",
]

Cell = tuple[str | int, ...]
Number = int | Decimal


@dataclass(frozen=True)
class Identity:
    """``Σ left = Σ right`` over data cells; a one-cell left side is a computable total."""

    name: str
    left: tuple[Cell, ...]
    right: tuple[Cell, ...]

    @property
    def total(self) -> Cell | None:
        """The cell this identity computes when it is left blank, if it has one."""
        return self.left[0] if len(self.left) == 1 else None

    @property
    def cells(self) -> tuple[Cell, ...]:
        return self.left + self.right

    def describe(self) -> str:
        """The identity in words: ``A = B + C``, cells named as the clerk writes them."""
        lhs = " + ".join(format_path(c) for c in self.left)
        rhs = " + ".join(format_path(c) for c in self.right) or "0"
        return f"{lhs} = {rhs}"


def sum_of(name: str, total: Cell, parts: Iterable[Cell]) -> Identity:
    """A total and the cells that add up to it."""
    return Identity(name=name, left=(total,), right=tuple(parts))


@dataclass(frozen=True)
class Violation:
    """An identity the figures break: both sides and their difference."""

    identity: Identity
    left_value: Number
    right_value: Number

    @property
    def difference(self) -> Number:
        return self.left_value - self.right_value


_MISSING = object()


def get_cell(data: Any, cell: Cell) -> Any:
    """The value at ``cell`` (None when the cell, or a container on the way, is absent)."""
    node = data
    for step in cell:
        if isinstance(step, int):
            if not isinstance(node, Sequence) or isinstance(node, str) or step >= len(node):
                return None
            node = node[step]
        else:
            if not isinstance(node, Mapping) or step not in node:
                return None
            node = node[step]
    return node


def _set_cell(data: Any, cell: Cell, value: Number) -> None:
    node = data
    for step in cell[:-1]:
        node = node[step]
    node[cell[-1]] = value


def _is_number(value: object) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def _side(data: Any, cells: tuple[Cell, ...]) -> Number | None:
    values = [get_cell(data, c) for c in cells]
    if not all(_is_number(v) for v in values):
        return None
    total: Number = 0
    for value in values:
        total += value
    return total


def complete(data: Any, identities: Sequence[Identity]) -> tuple[Any, list[Cell]]:
    """A copy of ``data`` with every blank total computed, and the cells computed.

    A total is computed when its cell is blank (None) but its container exists and
    every part is known; totals of totals follow because this runs to a fixed point.
    """
    out = copy.deepcopy(data)
    computed: list[Cell] = []
    progress = True
    while progress:
        progress = False
        for identity in identities:
            total = identity.total
            if total is None or get_cell(out, total) is not None:
                continue
            parent = get_cell(out, total[:-1]) if len(total) > 1 else out
            if not isinstance(parent, dict):
                continue
            value = _side(out, identity.right)
            if value is None:
                continue
            _set_cell(out, total, value)
            computed.append(total)
            progress = True
    return out, computed


def check(data: Any, identities: Sequence[Identity]) -> list[Violation]:
    """Every identity whose two sides are both known and differ."""
    violations = []
    for identity in identities:
        left = _side(data, identity.left)
        right = _side(data, identity.right)
        if left is not None and right is not None and left != right:
            violations.append(Violation(identity, left, right))
    return violations


# --- the declarations, per era ------------------------------------------------------------


def _identities_2007(data: Mapping[str, Any]) -> list[Identity]:
    found: list[Identity] = []
    categories = get_cell(data, ("主动公开", "分类")) or ()
    if categories:
        found.append(
            sum_of(
                "主动公开信息总数等于各分类条数之和",
                ("主动公开", "总数"),
                [("主动公开", "分类", i, "条数") for i in range(len(categories))],
            )
        )
    results = ("依申请公开", "办理结果")
    found.append(
        sum_of(
            "办理结果总计等于各项办理结果之和",
            (*results, "总计"),
            [
                (*results, key)
                for key in (
                    "同意公开",
                    "部分公开",
                    "不予公开",
                    "信息不存在",
                    "非本机关掌握",
                    "申请内容不明确",
                    "其他",
                )
            ],
        )
    )
    reasons = get_cell(data, ("依申请公开", "不予公开理由")) or ()
    if reasons:
        found.append(
            sum_of(
                "不予公开件数等于各项不予公开理由的件数之和",
                (*results, "不予公开"),
                [("依申请公开", "不予公开理由", i, "件数") for i in range(len(reasons))],
            )
        )
    return found


# The 2019 and 2021 eras: every sum is derived from the tables' declaration (the rows, their
# labels and columns in ``models.tables``), so a row added there is summed here without
# being listed again. The official tables have no subtotal rows (（三）不予公开 has none),
# so no identity names a cell the data file does not have.


def _row_totals(section: str, table: Sequence[tables.Line], name: str) -> list[Identity]:
    """formats.md §3 items 3 and 4: a row's 总计 column is the sum of its other columns."""
    found = []
    for line in table:
        keys = [c.key for c in line.columns]
        if tables.TOTAL not in keys:
            continue
        here = (section, *line.path)
        found.append(
            sum_of(
                name.format(format_path(line.path)),
                (*here, tables.TOTAL),
                [(*here, k) for k in keys if k != tables.TOTAL],
            )
        )
    return found


def _column_totals(section: str, table: Sequence[tables.Line], name: str) -> list[Identity]:
    """formats.md §3 item 2: in every column, a 总计 row is the sum of the figure rows under
    its heading (groups such as （三）不予公开 contribute their rows; they have no subtotal)."""
    found = []
    for total in (line for line in table if line.kind is tables.LineKind.TOTAL):
        heading = total.path[:-1]
        parts = [
            line
            for line in table
            if line.kind is tables.LineKind.ROW and line.path[: len(heading)] == heading
        ]
        for column in total.columns:
            found.append(
                sum_of(
                    name.format(column.label),
                    (section, *total.path, column.key),
                    [(section, *p.path, column.key) for p in parts],
                )
            )
    return found


def _balance(table: Sequence[tables.Line]) -> list[Identity]:
    """formats.md §3 item 1, Table 2's printed note: in every column, 一 + 二 = 三 + 四."""
    received = next(line for line in table if (tables.APPLICATIONS, *line.path) == tables.RECEIVED)
    return [
        Identity(
            name=f"表二“{column.label}”列：第一项加第二项之和等于第三项加第四项之和",
            left=((*tables.RECEIVED, column.key), (*tables.CARRIED_IN, column.key)),
            right=((*tables.RESULTS_TOTAL, column.key), (*tables.CARRIED_OVER, column.key)),
        )
        for column in received.columns
    ]


def _identities_art50(report: type[BaseModel]) -> list[Identity]:
    """The identities of Tables 2 and 3 of a 2019- or 2021-era report model."""
    table2 = tables.lines(tables.table_model(report, tables.APPLICATIONS))
    table3 = tables.lines(tables.table_model(report, tables.APPEALS))
    return [
        *_balance(table2),
        *_column_totals(
            tables.APPLICATIONS, table2, "表二“{}”列：办理结果总计等于各项办理结果之和"
        ),
        *_row_totals(tables.APPLICATIONS, table2, "表二“{}”行：总计等于各类申请人之和"),
        *_row_totals(tables.APPEALS, table3, "表三“{}”：总计等于各项结果之和"),
    ]


def _fixed(declared: Sequence[Identity]) -> Callable[[Mapping[str, Any]], list[Identity]]:
    """The identities of an era whose tables have a fixed shape, whatever the data."""

    def identities(data: Mapping[str, Any]) -> list[Identity]:
        return list(declared)

    return identities


IDENTITIES: dict[str, Callable[[Mapping[str, Any]], list[Identity]]] = {
    "2007": _identities_2007,
    "2019": _fixed(_identities_art50(ERAS["2019"])),
    "2021": _fixed(_identities_art50(ERAS["2021"])),
}
"""Era → the identities of one report's data (list lengths decide some of them)."""


def identities_for(era: str, data: Mapping[str, Any]) -> list[Identity]:
    """The identities that govern one report's data under ``era``."""
    return IDENTITIES[era](data)
