"""The table of labels: a statistical table declared as a model, and read back as printed lines.

Each row of a table is a field whose ``title`` is its official label, word for word as
formats.md §2 prints it, declared once and in the official order (:func:`row`); a row of
figures is a :class:`Row` model whose fields are its columns. :func:`lines` reads a table
model back as the printable list of rows (label, depth, data path, columns) that
templates print and from which an era derives the table's sums. Nothing here is any one
era's: :mod:`.art50` declares the Art. 50 tables with it, and a new era its own.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field
from pydantic.fields import FieldInfo

from reportkit.eras.introspect import fields, fields_by_alias, model_of
from reportkit.eras.model import Filling, Model
from reportkit.i18n import _

__all__ = [
    "CONFIRM_KEY",
    "GROUP_KEY",
    "Column",
    "Line",
    "LineKind",
    "Row",
    "cell_label",
    "columns",
    "lines",
    "row",
    "table_lines",
    "table_model",
]

GROUP_KEY = "x-group"
"""JSON Schema keyword (and field marker) for the header a row or column sits under."""


CONFIRM_KEY = "x-confirm"
"""Marks the row a new data file leaves blank, so that the clerk must state it (even as 0)."""


def row(
    alias: str,
    description: str,
    *,
    label: str | None = None,
    group: str | None = None,
    confirm: bool = False,
) -> Any:
    """Declare a row (or a group of rows) of a table, labelled as the official table prints it.

    Left out of the data file, the row takes its cells' defaults: 0 in Tables 2 and 3,
    unfilled in Table 1. A ``confirm`` row is written blank into a new data file.
    """
    extra: dict[str, Any] = {}
    if group:
        extra[GROUP_KEY] = group
    if confirm:
        extra[CONFIRM_KEY] = True
    return Field(
        default_factory=dict,
        validate_default=True,
        alias=alias,
        title=label or alias,
        description=description,
        json_schema_extra=extra or None,
    )


class Row(Model):
    """表格中的一行数字。"""


class LineKind(StrEnum):
    """What a line of a table is."""

    HEADING = "heading"  # a label over other lines, no figures: 三、本年度办理结果
    ROW = "row"  # figures the clerk writes
    TOTAL = "total"  # figures every one of which is derivable: （七）总计


@dataclass(frozen=True)
class Column:
    """A column of a row: its data-file key, printed label and header group."""

    key: str
    label: str
    group: str | None
    derivable: bool


@dataclass(frozen=True)
class Line:
    """One line of a table as printed: label, depth of indentation, and where its figures are."""

    path: tuple[str, ...]  # data-file keys from the table's own key down to this line
    label: str
    depth: int
    kind: LineKind
    group: str | None = None
    columns: tuple[Column, ...] = ()


def _group(info: FieldInfo) -> str | None:
    extra = info.json_schema_extra
    if isinstance(extra, dict) and isinstance(extra.get(GROUP_KEY), str):
        return str(extra[GROUP_KEY])
    return None


def columns(model: type[Row]) -> tuple[Column, ...]:
    """The columns of a row model, in order."""
    return tuple(
        Column(
            key=field.key,
            label=field.info.title or field.key,
            group=_group(field.info),
            derivable=field.filling is Filling.DERIVABLE,
        )
        for field in fields(model)
    )


def lines(model: type[BaseModel]) -> tuple[Line, ...]:
    """Every line of a table model (Table 1, 2 or 3 of an era), in the official order."""
    found: list[Line] = []

    def walk(cls: type[BaseModel], path: tuple[str, ...], depth: int) -> None:
        for field in fields(cls):
            sub, _many = model_of(field.info.annotation)
            if sub is None:
                continue
            here = (*path, field.key)
            label = field.info.title or field.key
            group = _group(field.info)
            if issubclass(sub, Row):
                cols = columns(sub)
                kind = LineKind.TOTAL if all(c.derivable for c in cols) else LineKind.ROW
                found.append(Line(here, label, depth, kind, group, cols))
            else:
                found.append(Line(here, label, depth, LineKind.HEADING, group))
                walk(sub, here, depth + 1)

    walk(model, (), 0)
    return tuple(found)


def table_model(report: type[BaseModel], key: str) -> type[BaseModel]:
    """The model of the section ``key`` (data-file key) of a report model."""
    found = fields_by_alias(report).get(key)
    model = model_of(found[1].annotation)[0] if found is not None else None
    if model is None:
        raise KeyError(key)
    return model


@functools.cache
def table_lines(report: type[BaseModel], key: str) -> tuple[Line, ...]:
    """The printable lines of the table in section ``key``, read from the model once."""
    return lines(table_model(report, key))


def cell_label(
    model: type[BaseModel], number: str, section: str, cell: tuple[str | int, ...]
) -> str:
    """A cell of table ``number`` (in report section ``section``) named by its official
    labels — 表二“（三）不予公开”之“1.属于国家秘密”行“总计”列 — or "" when ``cell`` is no
    cell of that table."""
    if not cell or cell[0] != section:
        return ""
    here, column = tuple(cell[1:-1]), cell[-1]
    heading: dict[int, str] = {}
    for line in table_lines(model, section):
        if line.kind is LineKind.HEADING:
            heading[line.depth] = line.label
            continue
        if line.path != here:
            continue
        found = next((c for c in line.columns if c.key == column), None)
        if found is None:
            return ""
        table = _(number)
        if line.depth >= 2 and line.depth - 1 in heading:
            row_label = _("“{heading}”之“{row}”").format(
                heading=heading[line.depth - 1], row=line.label
            )
        else:
            row_label = f"“{line.label}”"
        if len(line.columns) == 1:
            return _("{table}{row}").format(table=table, row=row_label)
        return _("{table}{row}行“{column}”列").format(
            table=table, row=row_label, column=found.label
        )
    return ""
