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
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from reportkit.errors import format_path
from reportkit.models import ERAS, tables

__all__ = [
    "IDENTITIES",
    "KEYED_LISTS",
    "NOT_FIGURES",
    "SCALED_AMOUNTS",
    "Aggregate",
    "Identity",
    "KeyedList",
    "ScaledAmount",
    "Violation",
    "aggregate",
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


def get_cell(data: Any, cell: Cell) -> Any:
    """The value at ``cell`` (None when the cell, or a container on the way, is absent)."""
    node = data
    for step in cell:
        # Exact type tests: this runs for every cell of every identity of every file checked.
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


def _set_cell(data: Any, cell: Cell, value: Number | None) -> None:
    node = data
    for step in cell[:-1]:
        node = node[step]
    node[cell[-1]] = value


def _is_number(value: object) -> bool:
    kind = type(value)
    return kind is int or kind is Decimal or (isinstance(value, int | Decimal) and kind is not bool)


def _writable(out: Any, cell: Cell, copied: set[int]) -> Any:
    """The container holding ``cell`` in ``out``, each container on the way copied once
    (copy on write: ``complete`` never changes its input, and copies only what it fills)."""
    node = out
    for step in cell[:-1]:
        child = node[step]
        if id(child) not in copied:
            child = copy.copy(child)
            node[step] = child
            copied.add(id(child))
        node = child
    return node


def _side(data: Any, cells: tuple[Cell, ...]) -> Number | None:
    total: Number = 0
    for cell in cells:
        value = get_cell(data, cell)
        if not _is_number(value):
            return None
        total += value
    return total


def complete(data: Any, identities: Sequence[Identity]) -> tuple[Any, list[Cell]]:
    """A copy of ``data`` with every blank total computed, and the cells computed.

    A total is computed when its cell is blank (None) but its container exists and
    every part is known; totals of totals follow because this runs to a fixed point.
    ``data`` itself is never changed.
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
            if get_cell(out, total) is not None:
                continue
            if not isinstance(get_cell(out, total[:-1]), dict):
                continue
            value = _side(out, identity.right)
            if value is None:
                waiting.append(identity)
                continue
            _writable(out, total, copied)[total[-1]] = value
            computed.append(total)
            progress = True
        pending = waiting
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
                name.format(line.label),  # the row as the official table labels it
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


def _fixed(era: str) -> Callable[[Mapping[str, Any]], list[Identity]]:
    """The identities of an era whose tables have a fixed shape, whatever the data
    (derived from the era's model on first use, then kept)."""
    declared: list[Identity] = []

    def identities(data: Mapping[str, Any]) -> list[Identity]:
        if not declared:
            declared.extend(_identities_art50(ERAS[era]))
        return list(declared)

    return identities


IDENTITIES: dict[str, Callable[[Mapping[str, Any]], list[Identity]]] = {
    "2007": _identities_2007,
    "2019": _fixed("2019"),
    "2021": _fixed("2021"),
}
"""Era → the identities of one report's data (list lengths decide some of them)."""


def identities_for(era: str, data: Mapping[str, Any]) -> list[Identity]:
    """The identities that govern one report's data under ``era``."""
    return IDENTITIES[era](data)


# --- aggregation: many units' files → one set of figures ---------------------------------


@dataclass(frozen=True)
class KeyedList:
    """A list whose items each unit names itself (the 2007 era's categories): units are
    summed item by item, matched by name."""

    path: Cell  # the list: ("主动公开", "分类")
    name: str  # an item's name: "名称"
    count: str  # an item's figure: "条数"
    total: Cell  # the figure the items add up to: ("主动公开", "总数")
    unnamed: str  # the item that takes the total of a unit that lists no items


@dataclass(frozen=True)
class ScaledAmount:
    """An amount whose unit of money is stated beside it (the 2019 era's 采购总金额):
    brought to one unit before units are summed."""

    row: Cell  # the row holding both: ("主动公开", "政府集中采购")
    amount: str  # "采购总金额"
    unit: str  # "单位"
    scale: Mapping[str, int]  # unit → how many of the smallest unit it is


NOT_FIGURES = ("年度", "百分比")
"""Top-level keys whose numbers are settings, never figures to add up."""

KEYED_LISTS: dict[str, tuple[KeyedList, ...]] = {
    "2007": (
        KeyedList(("主动公开", "分类"), "名称", "条数", ("主动公开", "总数"), "未分类"),
        KeyedList(
            ("依申请公开", "不予公开理由"),
            "理由",
            "件数",
            ("依申请公开", "办理结果", "不予公开"),
            "未列明理由",
        ),
    ),
}
"""Era → the lists aggregated by item name."""

SCALED_AMOUNTS: dict[str, tuple[ScaledAmount, ...]] = {
    "2019": (
        ScaledAmount(("主动公开", "政府集中采购"), "采购总金额", "单位", {"元": 1, "万元": 10000}),
    ),
}
"""Era → the amounts whose unit each unit chooses."""


@dataclass(frozen=True)
class Aggregate:
    """Many units' figures added up: the sum, and each unit's figures as they were added."""

    data: dict[str, Any]
    """The summed figures (only the parts of a report that hold figures), totals completed."""
    units: list[dict[str, Any]]
    """Each unit's data aligned to the sum: list items matched by name, amounts in one unit."""
    cells: list[Cell]
    """Every figure cell, leaves and totals, in the order the data files list them."""
    computed: list[Cell]
    """The totals computed from the summed leaves."""


def _figure_cells(data: Any, path: Cell, out: dict[Cell, None]) -> None:
    if isinstance(data, dict):
        for key, value in data.items():
            if not path and key in NOT_FIGURES:
                continue
            _figure_cells(value, (*path, key), out)
    elif isinstance(data, list | tuple):
        for i, value in enumerate(data):
            _figure_cells(value, (*path, i), out)
    elif _is_number(data):
        out[path] = None


def _put(data: dict[str, Any], cell: Cell, value: Any) -> None:
    """Set ``cell``, creating the dicts and lists on the way."""
    node: Any = data
    for step, following in itertools.pairwise(cell):
        fresh: Any = [] if isinstance(following, int) else {}
        if isinstance(node, list):
            while len(node) <= int(step):
                node.append(None)
            if node[int(step)] is None:
                node[int(step)] = fresh
            node = node[int(step)]
        else:
            node = node.setdefault(step, fresh)
    last = cell[-1]
    if isinstance(node, list):
        while len(node) <= int(last):
            node.append(None)
        node[int(last)] = value
    else:
        node[last] = value


def _set_anywhere(data: dict[str, Any], cell: Cell, value: Any) -> None:
    """Set ``cell`` in a unit's (copied) data, copying each container on the way."""
    node: Any = data
    for step in cell[:-1]:
        child = node[step]
        child = dict(child) if isinstance(child, dict) else list(child)
        node[step] = child
        node = child
    node[cell[-1]] = value


def _names(units: Sequence[Mapping[str, Any]], keyed: KeyedList) -> list[str]:
    """Every item name any unit uses, in order of first use; the unnamed item last if needed."""
    names: dict[str, None] = {}
    for unit in units:
        for item in get_cell(unit, keyed.path) or ():
            names[str(item.get(keyed.name) or "").strip()] = None
    if names and any(
        not get_cell(unit, keyed.path) and _is_number(get_cell(unit, keyed.total)) for unit in units
    ):
        names[keyed.unnamed] = None
    return list(names)


def _align_list(unit: dict[str, Any], keyed: KeyedList, names: list[str]) -> None:
    items = get_cell(unit, keyed.path) or ()
    counts: dict[str, Number] = {}
    for item in items:
        name = str(item.get(keyed.name) or "").strip()
        value = item.get(keyed.count)
        if _is_number(value):
            counts[name] = counts.get(name, 0) + value
    if not items:
        total = get_cell(unit, keyed.total)
        if _is_number(total):
            counts[keyed.unnamed] = total
    if get_cell(unit, keyed.path[:-1]) is None:
        return
    _set_anywhere(unit, keyed.path, [{keyed.name: n, keyed.count: counts.get(n, 0)} for n in names])


def _align_amounts(units: list[dict[str, Any]], scaled: ScaledAmount) -> str | None:
    """Bring every unit's amount to one unit of money; that unit (None if no unit gives one)."""
    used = {
        str(get_cell(u, (*scaled.row, scaled.unit)))
        for u in units
        if get_cell(u, (*scaled.row, scaled.unit)) is not None
    }
    if len(used) <= 1:
        return next(iter(used), None)
    smallest = min(scaled.scale, key=lambda name: scaled.scale[name])
    for unit in units:
        amount = get_cell(unit, (*scaled.row, scaled.amount))
        name = get_cell(unit, (*scaled.row, scaled.unit))
        if _is_number(amount) and name is not None:
            _set_anywhere(unit, (*scaled.row, scaled.amount), amount * scaled.scale[str(name)])
            _set_anywhere(unit, (*scaled.row, scaled.unit), smallest)
    return smallest


def aggregate(era: str, units: Sequence[Mapping[str, Any]]) -> Aggregate:
    """Add up many units' data of one era: every figure that is not a total is summed
    across units, then :func:`complete` computes every total from the sums through the
    same declared identities that check a single report — there is no other summing path.

    Each unit's data is a checked, completed report (``model_dump`` by alias). Items of
    :data:`KEYED_LISTS` are matched by name (a unit listing none contributes its total
    as the unnamed item), and :data:`SCALED_AMOUNTS` are brought to one unit of money.
    """
    aligned = [dict(unit) for unit in units]
    names = {keyed.path: _names(aligned, keyed) for keyed in KEYED_LISTS.get(era, ())}
    for unit in aligned:
        for keyed in KEYED_LISTS.get(era, ()):
            if names[keyed.path]:
                _align_list(unit, keyed, names[keyed.path])
    money = [(s, _align_amounts(aligned, s)) for s in SCALED_AMOUNTS.get(era, ())]

    found: dict[Cell, None] = {}
    for unit in aligned:
        _figure_cells(unit, (), found)
    cells = list(found)

    out: dict[str, Any] = {}
    for keyed in KEYED_LISTS.get(era, ()):
        for i, name in enumerate(names[keyed.path]):
            _put(out, (*keyed.path, i, keyed.name), name)
    for scaled, unit_name in money:
        if unit_name is not None:
            _put(out, (*scaled.row, scaled.unit), unit_name)
    declared = identities_for(era, out)
    totals = {i.total for i in declared if i.total is not None}
    for cell in cells:
        if cell in totals:
            continue
        values = [get_cell(unit, cell) for unit in aligned]
        summed: Number = 0
        for value in values:
            if _is_number(value):
                summed += value
        _put(out, cell, summed)
    declared = identities_for(era, out)
    for identity in declared:
        if identity.total is not None and identity.total in found:
            _put(out, identity.total, None)
    completed, computed = complete(out, declared)
    return Aggregate(completed, aligned, cells, computed)
