"""Many units' figures → one set of figures, through the same identities that check a report.

Every figure that is not a total is summed across units; then
:func:`reportkit.identities.complete` computes every total from the sums through
the era's declared identities — there is no other summing path. Items of the era's
keyed lists (the 2007 categories) are matched by name, and amounts whose unit of
money each unit chooses are brought to one unit first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reportkit import datapath, identities
from reportkit.datapath import Cell, Number
from reportkit.eras import Era, KeyedList, ScaledAmount

__all__ = ["Aggregate", "aggregate"]


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


def _names(units: Sequence[Mapping[str, Any]], keyed: KeyedList) -> list[str]:
    """Every item name any unit uses, in order of first use; the unnamed item last if needed."""
    names: dict[str, None] = {}
    for unit in units:
        for item in datapath.get(unit, keyed.path) or ():
            names[str(item.get(keyed.name) or "").strip()] = None
    if names and any(
        not datapath.get(unit, keyed.path) and datapath.is_figure(datapath.get(unit, keyed.total))
        for unit in units
    ):
        names[keyed.unnamed] = None
    return list(names)


def _align_list(unit: dict[str, Any], keyed: KeyedList, names: list[str]) -> None:
    items = datapath.get(unit, keyed.path) or ()
    counts: dict[str, Number] = {}
    for item in items:
        name = str(item.get(keyed.name) or "").strip()
        value = item.get(keyed.count)
        if datapath.is_figure(value):
            counts[name] = counts.get(name, 0) + value
    if not items:
        total = datapath.get(unit, keyed.total)
        if datapath.is_figure(total):
            counts[keyed.unnamed] = total
    if datapath.get(unit, keyed.path[:-1]) is None:
        return
    aligned = [{keyed.name: n, keyed.count: counts.get(n, 0)} for n in names]
    datapath.put(unit, keyed.path, aligned, copied=set())


def _align_amounts(units: list[dict[str, Any]], scaled: ScaledAmount) -> str | None:
    """Bring every unit's amount to one unit of money; that unit (None if no unit gives one)."""
    unit_cell, amount_cell = (*scaled.row, scaled.unit), (*scaled.row, scaled.amount)
    used = {
        str(datapath.get(u, unit_cell)) for u in units if datapath.get(u, unit_cell) is not None
    }
    if len(used) <= 1:
        return next(iter(used), None)
    smallest = min(scaled.scale, key=lambda name: scaled.scale[name])
    for unit in units:
        amount = datapath.get(unit, amount_cell)
        name = datapath.get(unit, unit_cell)
        if datapath.is_figure(amount) and name is not None:
            scaled_amount = amount * scaled.scale[str(name)]
            datapath.put(unit, amount_cell, scaled_amount, copied=set())
            datapath.put(unit, unit_cell, smallest, copied=set())
    return smallest


def aggregate(era: Era, units: Sequence[Mapping[str, Any]]) -> Aggregate:
    """Add up many units' data of one era.

    Each unit's data is a checked, completed report (``model_dump`` by alias). Every
    figure that is not a total is summed; every total is then computed from the sums.
    """
    aligned = [dict(unit) for unit in units]
    names = {keyed.path: _names(aligned, keyed) for keyed in era.keyed_lists}
    for unit in aligned:
        for keyed in era.keyed_lists:
            if names[keyed.path]:
                _align_list(unit, keyed, names[keyed.path])
    money = [(s, _align_amounts(aligned, s)) for s in era.scaled_amounts]

    found: dict[Cell, None] = {}
    for unit in aligned:
        found.update(dict.fromkeys(datapath.figure_cells(unit)))
    cells = list(found)

    out: dict[str, Any] = {}
    for keyed in era.keyed_lists:
        for i, name in enumerate(names[keyed.path]):
            datapath.put(out, (*keyed.path, i, keyed.name), name)
    for scaled, unit_name in money:
        if unit_name is not None:
            datapath.put(out, (*scaled.row, scaled.unit), unit_name)
    declared = era.identities(out)
    totals = {i.total for i in declared if i.total is not None}
    for cell in cells:
        if cell in totals:
            continue
        summed: Number = 0
        for unit in aligned:
            value = datapath.get(unit, cell)
            if datapath.is_figure(value):
                summed += value
        datapath.put(out, cell, summed)
    declared = era.identities(out)
    for identity in declared:
        if identity.total is not None and identity.total in found:
            datapath.put(out, identity.total, None)
    completed, computed = identities.complete(out, declared)
    return Aggregate(completed, aligned, cells, computed)
