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

from reportkit.errors import format_path

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


IDENTITIES: dict[str, Callable[[Mapping[str, Any]], list[Identity]]] = {
    "2007": _identities_2007,
}
"""Era → the identities of one report's data (list lengths decide some of them)."""


def identities_for(era: str, data: Mapping[str, Any]) -> list[Identity]:
    """The identities that govern one report's data under ``era``."""
    return IDENTITIES[era](data)
