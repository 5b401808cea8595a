"""Cells of a data file, named by their path: read one, set one, tell a figure from a setting.

A path is the data file's own keys (Chinese) and list indices from the top:
``("依申请公开", "办理结果", "总计", "自然人")``. Everything here works on the plain
nested dicts and lists of a file (``model_dump`` by alias), so it knows nothing of
pydantic, YAML or any output format. One getter, one setter, one predicate.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

__all__ = ["NOT_FIGURES", "Cell", "Number", "figure_cells", "get", "is_figure", "put"]

Cell = tuple[str | int, ...]
"""Where a value is in a data file: keys and list indices from the top."""

Number = int | Decimal
"""A figure: a count or an amount."""

NOT_FIGURES = ("年度", "百分比", "上年参照")
"""Top-level keys whose numbers are settings or last year's, never figures to add up or compare."""


def is_figure(value: object) -> bool:
    """Whether ``value`` is a count or an amount (a yes/no is not, though bool is an int)."""
    kind = type(value)
    return kind is int or kind is Decimal or (isinstance(value, int | Decimal) and kind is not bool)


def get(data: Any, cell: Cell) -> Any:
    """The value at ``cell`` (None when the cell, or a container on the way, is absent)."""
    node = data
    for step in cell:
        # Exact type tests first: this runs for every cell of every identity of every file checked.
        kind = type(node)
        if kind is dict:
            node = node.get(step)
            if node is None:
                return None
        elif (kind is list or kind is tuple) and type(step) is int:
            if step >= len(node):
                return None
            node = node[step]
        elif isinstance(node, Mapping):
            if step not in node:
                return None
            node = node[step]
        elif isinstance(node, Sequence) and not isinstance(node, str) and isinstance(step, int):
            if step >= len(node):
                return None
            node = node[step]
        else:
            return None
    return node


def put(data: Any, cell: Cell, value: Any, *, copied: set[int] | None = None) -> None:
    """Set ``cell`` to ``value``, creating the dicts and lists on the way that are missing.

    With ``copied`` (copy on write), every container on the way whose id is not in it
    is first replaced by a shallow copy, whose id is then added: data shared with the
    caller's input is never changed, and each container is copied once.
    """
    node: Any = data
    for step, following in itertools.pairwise(cell):
        child = _child(node, step)
        if child is None:
            child = [] if isinstance(following, int) else {}
            _store(node, step, child)
        elif copied is not None and id(child) not in copied:
            child = copy.copy(child) if isinstance(child, dict | list) else list(child)
            copied.add(id(child))
            _store(node, step, child)
        node = child
    _store(node, cell[-1], value)


def _child(node: Any, step: str | int) -> Any:
    if isinstance(node, list | tuple):
        return node[step] if isinstance(step, int) and step < len(node) else None
    return node.get(step)


def _store(node: Any, step: str | int, value: Any) -> None:
    if isinstance(node, list):
        index = int(step)
        while len(node) <= index:
            node.append(None)
        node[index] = value
    else:
        node[step] = value


def figure_cells(data: Any, path: Cell = ()) -> list[Cell]:
    """Every cell of ``data`` that holds a figure, in the order the file lists them
    (the year and the percent style are settings, not figures)."""
    found: list[Cell] = []
    _figures(data, path, found)
    return found


def _figures(data: Any, path: Cell, out: list[Cell]) -> None:
    if isinstance(data, dict):
        for key, value in data.items():
            if not path and key in NOT_FIGURES:
                continue
            _figures(value, (*path, key), out)
    elif isinstance(data, list | tuple):
        for i, value in enumerate(data):
            _figures(value, (*path, i), out)
    elif is_figure(data):
        out.append(path)
