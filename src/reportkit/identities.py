"""The arithmetic identities between a report's figures: the mechanism, declared per era.

An identity says ``left₁ + left₂ + … = right₁ + right₂ + …`` over cells named by
their path in the data file (:mod:`reportkit.datapath`). When the left side is a
single cell it is a *total* that a clerk may leave out. Each era declares its own
identities (:attr:`reportkit.eras.Era.identities`); the one declaration is used to

- :func:`complete`: compute every total the file leaves out;
- :func:`check`: find every identity the file's figures break, with both sides;
- aggregation (:mod:`reportkit.office.aggregate`): add many units' files cell by
  cell, then complete the totals.

The functions work on the plain nested dict/list data of a file (``model_dump``
by alias), so they know nothing of pydantic, YAML or any output format.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reportkit import datapath
from reportkit.datapath import Cell, Number
from reportkit.errors import format_path

__all__ = [
    "Identity",
    "Violation",
    "check",
    "complete",
    "sum_of",
]


@dataclass(frozen=True)
class Identity:
    """``Σ left = Σ right`` over data cells; a one-cell left side is a computable total."""

    name: str
    left: tuple[Cell, ...]
    right: tuple[Cell, ...]
    _rows: tuple[_Rows, _Rows] = field(init=False, repr=False, compare=False)
    """Each side's cells by the row (container) they are in: each row is looked up once."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "_rows", (_by_row(self.left), _by_row(self.right)))

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


_UNSEEN = object()

_Rows = tuple[tuple[Cell, tuple[str | int, ...]], ...]
"""Cells grouped by the container they are in: (its path, the keys in it), in order."""


def _by_row(cells: tuple[Cell, ...]) -> _Rows:
    rows: dict[Cell, list[str | int]] = {}
    for cell in cells:
        rows.setdefault(cell[:-1], []).append(cell[-1])
    return tuple((row, tuple(keys)) for row, keys in rows.items())


def _side(data: Any, rows: _Rows, found: dict[Cell, Any] | None = None) -> Number | None:
    """The sum of a side's cells (what ``datapath.get`` reads at each), None unless every
    one is a figure. ``found``: the rows already looked up in ``data``, by path (many
    identities share a row; the data must not change while it is used)."""
    total: Number = 0
    value: Any
    is_figure = datapath.is_figure
    for path, keys in rows:
        if found is None:
            row = datapath.get(data, path)
        elif (row := found.get(path, _UNSEEN)) is _UNSEEN:
            row = found[path] = datapath.get(data, path)
        if type(row) is dict:  # the usual case: a table row's cells
            for key in keys:
                value = row.get(key)
                if not is_figure(value):
                    return None
                total += value
        else:
            for key in keys:
                value = datapath.get(row, (key,))
                if not is_figure(value):
                    return None
                total += value
    return total


def complete(data: Any, identities: Sequence[Identity]) -> tuple[Any, list[Cell]]:
    """A copy of ``data`` with every blank total computed, and the cells computed.

    A total is computed when its cell is blank (None) but its container exists and
    every part is known; totals of totals follow because this runs to a fixed point.
    ``data`` itself is never changed (copy on write: only the containers on the way
    to a computed total are copied).
    """
    out = copy.copy(data)
    copied = {id(out)}
    computed: list[Cell] = []
    pending = [i for i in identities if i.total is not None]
    progress = True
    while progress:
        progress = False
        waiting = []
        for identity in pending:
            total = identity.total
            assert total is not None
            row = datapath.get(out, total[:-1])
            if not isinstance(row, dict) or row.get(total[-1]) is not None:
                continue  # no row to hold it, or given
            value = _side(out, identity._rows[1])
            if value is None:
                waiting.append(identity)
                continue
            datapath.put(out, total, value, copied=copied)
            computed.append(total)
            progress = True
        pending = waiting
    return out, computed


def check(data: Any, identities: Sequence[Identity]) -> list[Violation]:
    """Every identity whose two sides are both known and differ."""
    violations = []
    found: dict[Cell, Any] = {}
    for identity in identities:
        left = _side(data, identity._rows[0], found)
        right = _side(data, identity._rows[1], found)
        if left is not None and right is not None and left != right:
            violations.append(Violation(identity, left, right))
    return violations
