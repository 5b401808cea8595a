"""Checks of a report beyond its schema: identities, unfilled fields, plausibility, copied text.

Each check returns :class:`~reportkit.errors.Problem` objects placed by data path;
``loading`` adds file lines. Nothing here reads files or knows about YAML. What a
check needs to know of an era (deadlines, which row is which) it asks the era's record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from reportkit import datapath, identities
from reportkit.datapath import Cell
from reportkit.eras import Era, era_of
from reportkit.eras.introspect import fields, fields_by_alias, walk
from reportkit.eras.model import PROSE_KEYS, Filling, ReportBase, Section
from reportkit.errors import Problem, Severity, format_path
from reportkit.i18n import _

__all__ = [
    "check_carry_over",
    "check_copied_figures",
    "check_copied_text",
    "check_deadline",
    "check_grassroots_regulations",
    "check_identities",
    "deadline_for",
    "find_unfilled",
    "prose_fields",
]


def check_identities(
    era: Era, data: Mapping[str, Any], computed: Sequence[Cell] = ()
) -> list[Problem]:
    """One error per broken identity, placed at its first cell, with both sides and the cells.

    Run on the completed data, so a total left blank (and computed) is checked too;
    ``computed`` names those totals so the message can say a side was worked out.
    """
    problems = []
    derived = set(computed)
    for v in identities.check(data, era.identities(data)):
        ident = v.identity
        gap = abs(v.difference)
        message = _(
            "{name}：{identity} 不成立，左边为 {left}，右边合计为 {right}，{which}{gap}"
        ).format(
            name=ident.name,
            identity=ident.describe(),
            left=v.left_value,
            right=v.right_value,
            which=_("左边多 ") if v.difference > 0 else _("右边多 "),
            gap=gap,
        )
        auto = [format_path(c) for c in ident.cells if c in derived]
        if auto:
            message += _("（其中 {cells} 未填写，已按分项自动合计）").format(
                cells=_("、").join(auto)
            )
        place = next((c for c in ident.cells if c not in derived), ident.left[0])
        problems.append(
            Problem(
                message,
                path=place,
                code="identity",
                details={
                    "identity": ident.name,
                    "left": str(v.left_value),
                    "right": str(v.right_value),
                    "difference": str(v.difference),
                    "cells": [format_path(c) for c in ident.cells],
                    "computed": auto,
                },
            )
        )
    return problems


def _blank_fill_ins(model: BaseModel, path: Cell) -> Iterator[tuple[Cell, Filling]]:
    """(path, filling) of every fill-in field of ``model`` and its sub-models left blank."""
    for field in fields(type(model)):
        value = getattr(model, field.name)
        kind = field.filling
        if value is None or (isinstance(value, Section) and kind is not None and value.is_empty):
            if kind is not None:
                yield (*path, field.key), kind  # a mandated section with no text counts as blank
        elif isinstance(value, BaseModel):
            yield from _blank_fill_ins(value, (*path, field.key))
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _blank_fill_ins(item, (*path, field.key, i))


def find_unfilled(report: ReportBase, *, draft: bool) -> list[Problem]:
    """Every fill-in field still blank: an error, or a warning in a draft."""
    severity = Severity.WARNING if draft else Severity.ERROR
    problems = []
    for path, kind in _blank_fill_ins(report, ()):
        message = (
            _("未填写（可填写各分项，由其合计）") if kind is Filling.DERIVABLE else _("未填写")
        )
        problems.append(Problem(message, path=path, severity=severity, code="unfilled"))
    return problems


def prose_fields(report: ReportBase) -> Iterator[tuple[Cell, str]]:
    """Every piece of free text the clerk wrote, with its path."""
    for path, field, value in walk(report):
        if field.key in PROSE_KEYS and isinstance(value, str):
            yield path, value


def check_copied_text(
    report: ReportBase, previous: ReportBase, previous_name: str
) -> list[Problem]:
    """A warning for each text identical to one in last year's report (a copied report)."""
    old = {text for _path, text in prose_fields(previous)}
    return [
        Problem(
            _("与上年报告（{file}）中的文字完全相同，请按本年情况修改").format(file=previous_name),
            path=path,
            severity=Severity.WARNING,
            code="copied-text",
        )
        for path, text in prose_fields(report)
        if text in old
    ]


def deadline_for(report: ReportBase) -> dt.date:
    """The publication deadline: the report's own 发布期限 if it states one, else the era's
    default for the kind of body (the latest of them while 层级 is blank)."""
    era = era_of(report)
    if era.deadline_key is not None:
        stated = getattr(report, fields_by_alias(era.model)[era.deadline_key][0])
        if isinstance(stated, dt.date):
            return stated
    dates = era.deadlines
    level = report.unit.level
    month, day = dates[level] if level is not None else max(dates.values())
    return dt.date(report.year + 1, month, day)


def check_deadline(report: ReportBase) -> list[Problem]:
    """A warning when the publication date is after the deadline, or before the year ended."""
    date = report.signoff.date
    if date is None:
        return []
    deadline = deadline_for(report)
    path = ("落款", "日期")
    if date > deadline:
        return [
            Problem(
                _("成文日期 {date} 晚于发布期限 {deadline}").format(
                    date=date.isoformat(), deadline=deadline.isoformat()
                ),
                path=path,
                severity=Severity.WARNING,
                code="late",
            )
        ]
    if date.year <= report.year:
        return [
            Problem(
                _("成文日期 {date} 早于报告年度结束，请核对年度或日期").format(
                    date=date.isoformat()
                ),
                path=path,
                severity=Severity.WARNING,
                code="early",
            )
        ]
    return []


# --- plausibility of the tables (formats.md §3 items 6, 7 and 9) -----------------------------


def check_grassroots_regulations(report: ReportBase, data: Mapping[str, Any]) -> list[Problem]:
    """A warning for each non-zero 规章 figure of a 乡镇 or 街道, which makes no 规章."""
    level = report.unit.level
    row = era_of(report).regulations
    if level is None or not level.is_grassroots or row is None:
        return []
    regulations = datapath.get(data, row)
    if not isinstance(regulations, Mapping):
        return []
    return [
        Problem(
            _("{level}不制定规章，此处应为 0（现为 {value}），请核对是否填成了规范性文件").format(
                level=level.value, value=value
            ),
            path=(*row, key),
            severity=Severity.WARNING,
            code="grassroots-regulations",
        )
        for key, value in regulations.items()
        if datapath.is_figure(value) and value != 0
    ]


def check_carry_over(report: ReportBase, previous: ReportBase, previous_name: str) -> list[Problem]:
    """A warning for each column where this year's 上年结转 differs from last year's 结转下年度
    (compared only when ``previous`` is the report of the year before)."""
    era, last_era = era_of(report), era_of(previous)
    if previous.year != report.year - 1 or era.carried_in is None or last_era.carried_over is None:
        return []
    this_year = datapath.get(report.model_dump(by_alias=True), era.carried_in)
    last_year = datapath.get(previous.model_dump(by_alias=True), last_era.carried_over)
    if not isinstance(this_year, Mapping) or not isinstance(last_year, Mapping):
        return []
    return [
        Problem(
            _("上年结转 {value} 件，与上年报告（{file}）的结转下年度 {carried} 件不一致").format(
                value=value, file=previous_name, carried=last_year[key]
            ),
            path=(*era.carried_in, key),
            severity=Severity.WARNING,
            code="carry-over",
        )
        for key, value in this_year.items()
        if datapath.is_figure(value)
        and datapath.is_figure(last_year.get(key))
        and value != last_year[key]
    ]


def _figures(report: ReportBase) -> dict[Cell, Any]:
    """Every count and amount of a report by path (the year and the percent style aside)."""
    return {
        path: value
        for path, _field, value in walk(report)
        if path[0] not in datapath.NOT_FIGURES and datapath.is_figure(value)
    }


def check_copied_figures(
    report: ReportBase, previous: ReportBase, previous_name: str
) -> list[Problem]:
    """One warning when every figure equals last year's (a copied report); a report of
    nothing but zeros is not suspicious, nor are two eras' reports, whose tables differ."""
    if previous.ERA != report.ERA:
        return []
    figures = _figures(report)
    if figures != _figures(previous) or not any(figures.values()):
        return []
    return [
        Problem(
            _("所有数字与上年报告（{file}）完全相同，请核对是否照抄了上年数据").format(
                file=previous_name
            ),
            severity=Severity.WARNING,
            code="copied-figures",
        )
    ]
