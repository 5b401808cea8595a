"""Context → an accessible HTML page (or just its ``<article>``) for a government portal.

Printed from the same template context as the .docx (:func:`reportkit.context.build_context`):
the same outline, numbering and printed cells; nothing is recomputed here. What the context
does not say — how each statistical table is headed — is read from the era's table of labels
(:func:`reportkit.eras.tables.table_lines`), as ``tools/build_templates.py`` reads it for the
.docx, and handed to the templates as *layouts*: the header cells with their ids, and for
every cell the ids of the headers it sits under (``headers``), so that a screen reader
names a figure of Table 2 by its row, its heading rows and its three levels of column
header. The Jinja templates ship in the package (``publish/templates``) and render in
reportkit's sandbox (:func:`reportkit.sandbox.make_environment`): autoescaped, strict; a
process that writes only pages never loads python-docx or docxtpl.

What is the same in every report of an era — the header rows, each row's label, each cell's
opening tag with its ``headers`` — is printed once per era by the templates' own macros
(:func:`_printed_layouts`) and kept; a report prints only its figures into it. In a bulk
render this is most of the page's markup, and the sandbox checks every step it takes.
"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Iterable, Mapping, Sequence
from itertools import groupby
from typing import Any

from jinja2 import DictLoader, Template, TemplateError, TemplateRuntimeError, UndefinedError
from markupsafe import Markup, escape

from reportkit.eras import Era, Table, era_of
from reportkit.eras.model import ReportBase
from reportkit.eras.tables import Column, Line, LineKind, table_lines

__all__ = ["TEMPLATES", "layouts", "render_html"]

TEMPLATES = ("page.html.j2", "article.html.j2", "tables.html.j2", "style.css")
"""The templates shipped in ``reportkit/publish/templates``."""

CONTENT_HEADER = "信息内容"  # Table 1: the header over the row labels
APPLICANTS_HEADER = "申请人情况"  # Table 2: the header over the seven columns
TABLE2_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
"""Table 2's corner cell, as the official format (and the .docx) prints it."""


def _cell(text: str, ident: str = "", *, span: int = 1, rows: int = 1) -> dict[str, Any]:
    return {"text": text, "id": ident, "span": span, "rows": rows}


def _printed_columns(era: Era, section: str, line: Line) -> tuple[Column, ...]:
    """A Table 1 line's columns less a unit of money the context prints after the amount."""
    units = {a.unit for a in era.scaled_amounts if tuple(a.row) == (section, *line.path)}
    return tuple(c for c in line.columns if c.key not in units)


def _figure_lines(era: Era, table: Table) -> list[Line]:
    return [
        line for line in table_lines(era.model, table.section) if line.kind is not LineKind.HEADING
    ]


def _table1(era: Era, table: Table) -> dict[str, Any]:
    """One block per 条款: the group's row, its header row, its rows (row key, cells' keys)."""
    lines = _figure_lines(era, table)
    width = 1 + max(len(_printed_columns(era, table.section, line)) for line in lines)
    groups = []
    for g, (group, members) in enumerate(groupby(lines, key=lambda line: line.group)):
        prefix = f"t1-g{g}"
        members_list = list(members)
        columns = _printed_columns(era, table.section, members_list[0])
        spans = [1] * len(columns)
        spans[-1] += width - 1 - len(columns)
        head = [_cell(CONTENT_HEADER, f"{prefix}-h")]
        head += [
            _cell(c.label, f"{prefix}-c{i}", span=s)
            for i, (c, s) in enumerate(zip(columns, spans, strict=True))
        ]
        above = [prefix] if group else []
        rows = []
        for r, line in enumerate(members_list):
            row_id = f"{prefix}-r{r}"
            rows.append(
                {
                    "key": line.path[-1],
                    "label": _cell(line.label, row_id),
                    "headers": " ".join([*above, f"{prefix}-h"]),
                    "cells": [
                        {
                            "key": c.key,
                            "span": s,
                            "headers": " ".join([row_id, *above, f"{prefix}-c{i}"]),
                        }
                        for i, (c, s) in enumerate(zip(columns, spans, strict=True))
                    ],
                }
            )
        groups.append({"label": _cell(group or "", prefix, span=width), "head": head, "rows": rows})
    return {"width": width, "groups": groups}


def _table2(era: Era, table: Table) -> dict[str, Any]:
    """The three header rows, and for each line of the table its label's id and the headers
    of its label and of each of its cells."""
    lines = table_lines(era.model, table.section)
    columns = next(line.columns for line in lines if line.kind is not LineKind.HEADING)
    first = [
        _cell(TABLE2_NOTE, "t2-note", rows=3),
        _cell(APPLICANTS_HEADER, "t2-app", span=len(columns)),
    ]
    second: list[dict[str, Any]] = []
    third: list[dict[str, Any]] = []
    column_headers: list[str] = []
    for g, (group, members) in enumerate(groupby(columns, key=lambda c: c.group)):
        members_list = list(members)
        if group is None:
            for column in members_list:
                ident = f"t2-c{len(column_headers)}"
                second.append(_cell(column.label, ident, rows=2))
                column_headers.append(f"{ident} t2-app")
        else:
            second.append(_cell(group, f"t2-g{g}", span=len(members_list)))
            for column in members_list:
                ident = f"t2-c{len(column_headers)}"
                third.append(_cell(column.label, ident))
                column_headers.append(f"{ident} t2-g{g} t2-app")
    rows = []
    headings: dict[int, str] = {}  # depth → id of the heading line now open at that depth
    for r, line in enumerate(lines):
        ident = f"t2-r{r}"
        above = [headings[d] for d in sorted(headings) if d < line.depth]
        if line.kind is LineKind.HEADING:
            headings = {d: h for d, h in headings.items() if d < line.depth}
            headings[line.depth] = ident
        rows.append(
            {
                "id": ident,
                "label": line.label,
                "depth": line.depth,
                "kind": line.kind.value,
                "heading": line.kind is LineKind.HEADING,
                "headers": " ".join(["t2-note", *above]),
                "cells": [" ".join([ident, *above, c]) for c in column_headers],
            }
        )
    return {"width": 1 + len(columns), "head": [first, second, third], "rows": rows}


def _table3(era: Era, table: Table) -> dict[str, Any]:
    """Three header rows over one row of figures; each figure's headers are its column's
    label, the line it belongs to and that line's group."""
    lines = _figure_lines(era, table)
    first: list[dict[str, Any]] = []
    second: list[dict[str, Any]] = []
    third: list[dict[str, Any]] = []
    cells: list[str] = []
    for g, (group, members) in enumerate(groupby(lines, key=lambda line: line.group)):
        members_list = list(members)
        if group is not None:
            span = sum(len(line.columns) for line in members_list)
            first.append(_cell(group, f"t3-g{g}", span=span))
        for line in members_list:
            ident = f"t3-l{len(first) + len(second)}"
            if group is None:
                first.append(_cell(line.label, ident, span=len(line.columns), rows=2))
            else:
                second.append(_cell(line.label, ident, span=len(line.columns)))
            for column in line.columns:
                column_id = f"t3-c{len(cells)}"
                third.append(_cell(column.label, column_id))
                above = [ident] if group is None else [ident, f"t3-g{g}"]
                cells.append(" ".join([column_id, *above]))
    return {"width": len(cells), "head": [first, second, third], "cells": cells}


_LAYOUTS = {"table1": _table1, "table2": _table2, "table3": _table3}
"""How each kind of table block an era may declare is headed."""


@functools.cache
def layouts(era: Era) -> dict[str, dict[str, Any]]:
    """Each table block of ``era`` → its layout (header cells and ids; no figures)."""
    found = {}
    for table in era.tables:
        layout = _LAYOUTS[table.block](era, table)
        layout["number"] = table.number
        found[table.block] = layout
    return found


def _captions(blocks: Iterable[Mapping[str, str]]) -> dict[str, str]:
    """Each table block's caption: the heading of the section it is printed in."""
    captions: dict[str, str] = {}
    heading = ""
    for block in blocks:
        if block["kind"] == "h1":
            heading = block["title"]
        elif block["kind"] in _LAYOUTS:
            captions[block["kind"]] = heading
    return captions


_BREAK = Markup("<br>")


def _lines(text: str) -> Markup:
    """A paragraph's lines, escaped: a single line break inside a paragraph prints as ``<br>``."""
    return _BREAK.join(text.split("\n"))


def _zip(values: Sequence[Any], openings: Sequence[Markup]) -> Iterable[tuple[Any, Markup]]:
    """A row's figures beside the opening tags of their cells (as many of each)."""
    if len(values) != len(openings):
        raise TemplateRuntimeError(f"{len(values)} figures for {len(openings)} cells")
    return zip(values, openings, strict=True)


def _joined_cells(values: Sequence[Any], openings: Sequence[Markup]) -> str:
    return "".join(
        [
            f"{td}{value if _digits(value) else escape(value)}</td>"
            for value, td in _zip(values, openings)
        ]
    )


def _digits(value: Any) -> bool:
    """Whether ``value`` prints as digits, which need no escaping (most figures: a count, or
    the context's text of one)."""
    kind = type(value)
    return kind is int or (kind is str and value.isdigit())


def _cells(
    values: Sequence[Any] | Mapping[str, Any],
    openings: Sequence[Markup],
    keys: Sequence[str] | None = None,
) -> Markup:
    """A row's figure cells: each figure, escaped, in its cell's opening tag (``td``, markup
    of reportkit's own); with ``keys``, the figures are those of a row by column key.
    Joined as plain text: Markup.format would escape field by field through
    string.Formatter, several times slower for the same bytes."""
    if keys is not None:
        if not isinstance(values, Mapping):
            raise TemplateRuntimeError("a row of figures by column key was expected")
        try:
            values = [values[key] for key in keys]
        except KeyError as missing:
            raise UndefinedError(f"the row has no figure {missing}") from None
    elif isinstance(values, Mapping):
        raise TemplateRuntimeError("a row's figures in order were expected")
    return Markup(_joined_cells(values, openings))


def _rows(rows: Sequence[Mapping[str, Any]], printed: Sequence[Mapping[str, Any]]) -> Markup:
    """Table 2's rows, one a line: each row's markup the era's layout printed (its ``open``:
    the row and its label, the whole row for a heading line) with the row's figures, escaped,
    in its cells (``tds``)."""
    if len(rows) != len(printed):
        raise TemplateRuntimeError(f"{len(rows)} rows for {len(printed)} lines of the table")
    return Markup(
        "\n".join(
            [
                line["open"]
                if line["heading"]
                else f"{line['open']}{_joined_cells(row['cells'], line['tds'])}</tr>"
                for row, line in zip(rows, printed, strict=True)
            ]
        )
    )


@functools.cache
def _templates() -> dict[str, Template]:
    from reportkit.sandbox import make_environment

    folder = importlib.resources.files("reportkit.publish") / "templates"
    sources = {name: (folder / name).read_text(encoding="utf-8") for name in TEMPLATES}
    env = make_environment()
    env.loader = DictLoader(sources)
    env.filters["lines"] = _lines
    env.filters["cells"] = _cells
    env.filters["rows"] = _rows
    env.trim_blocks = env.lstrip_blocks = True
    return {
        name: env.get_template(name)
        for name in ("page.html.j2", "article.html.j2", "tables.html.j2")
    }


def _print_table1(layout: dict[str, Any], macros: Any) -> dict[str, Any]:
    groups = [
        {
            "open": macros.group_open(g),
            "rows": [
                {
                    "key": r["key"],
                    "open": macros.row1_open(r),
                    "columns": [c["key"] for c in r["cells"]],
                    "tds": [macros.td(c["headers"], c["span"]) for c in r["cells"]],
                }
                for r in g["rows"]
            ],
        }
        for g in layout["groups"]
    ]
    return {"number": layout["number"], "groups": groups}


def _print_table2(layout: dict[str, Any], macros: Any) -> dict[str, Any]:
    rows = [
        {
            "open": macros.row2_open(r, layout["width"]),
            "heading": r["heading"],
            "tds": [macros.td(headers) for headers in r["cells"]],
        }
        for r in layout["rows"]
    ]
    return {
        "number": layout["number"],
        "width": layout["width"],
        "thead": macros.thead(layout),
        "rows": rows,
    }


def _print_table3(layout: dict[str, Any], macros: Any) -> dict[str, Any]:
    return {
        "number": layout["number"],
        "thead": macros.thead(layout),
        "tds": [macros.td(headers) for headers in layout["cells"]],
    }


_PRINTERS = {"table1": _print_table1, "table2": _print_table2, "table3": _print_table3}


@functools.cache
def _printed_layouts(era: Era) -> dict[str, dict[str, Any]]:
    """:func:`layouts` with the markup every report of ``era`` shares printed once, by the
    macros of ``tables.html.j2``: each table's header rows (``thead``), Table 1's group
    headers, each row's label (``open``; Table 2's heading lines whole), and each figure
    cell's opening tag (``tds``)."""
    macros = _templates()["tables.html.j2"].module
    return {block: _PRINTERS[block](layout, macros) for block, layout in layouts(era).items()}


def render_html(report: ReportBase, context: Mapping[str, Any], *, fragment: bool = False) -> str:
    """The report as a standalone HTML page, or (``fragment``) just its ``<article>``."""
    from reportkit.sandbox import template_problem

    era = era_of(report)
    date = report.signoff.date
    template = _templates()["article.html.j2" if fragment else "page.html.j2"]
    environment: Any = template.environment
    environment.start()  # before the era's shared markup is printed, the first time
    try:
        page = {
            "tables": _printed_layouts(era),
            "captions": _captions(context["blocks"]),
            "iso_date": date.isoformat() if date is not None else "",
            "heading": {"h1": "h2", "h2": "h3", "h3": "h4"},
            "fragment": fragment,
        }
        return template.render({**context, "page": page})
    except TemplateError as exc:
        raise template_problem(exc) from None
