"""Checks of a report beyond its schema: identities, unfilled fields, plausibility, copied text.

Each check returns :class:`~reportkit.errors.Problem` objects placed by data path;
``loading`` adds file lines. Nothing here reads files or knows about YAML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from reportkit import identities
from reportkit.errors import Problem, Severity, format_path
from reportkit.i18n import _
from reportkit.models import ReportBase, tables
from reportkit.models.common import Filling, Section, UnitLevel, fill_kind
from reportkit.models.era_2007 import Report2007

Cell = tuple[str | int, ...]

__all__ = [
    "DEADLINES",
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
    era: str, data: Mapping[str, Any], computed: Sequence[Cell] = ()
) -> list[Problem]:
    """One error per broken identity, placed at its first cell, with both sides and the cells.

    Run on the completed data, so a total left blank (and computed) is checked too;
    ``computed`` names those totals so the message can say a side was worked out.
    """
    problems = []
    derived = set(computed)
    for v in identities.check(data, identities.identities_for(era, data)):
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


_FIELDS: dict[type[BaseModel], tuple[tuple[str, str, FieldInfo, Filling | None], ...]] = {}


def _fields(model: type[BaseModel]) -> tuple[tuple[str, str, FieldInfo, Filling | None], ...]:
    """(name, alias, field info, filling) of each field of ``model``, worked out once per class."""
    found = _FIELDS.get(model)
    if found is None:
        found = tuple(
            (name, info.alias or name, info, fill_kind(info))
            for name, info in model.model_fields.items()
        )
        _FIELDS[model] = found
    return found


def _walk(
    model: BaseModel, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str, Any, Any]]:
    """(path, alias, value, field info) for every field of ``model`` and its sub-models."""
    for name, key, info, _kind in _fields(type(model)):
        value = getattr(model, name)
        here = (*path, key)
        yield here, key, value, info
        if isinstance(value, BaseModel):
            yield from _walk(value, here)
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _walk(item, (*here, i))


def _blank_fill_ins(
    model: BaseModel, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], Filling]]:
    """(path, filling) of every fill-in field of ``model`` and its sub-models left blank."""
    for name, key, _info, kind in _fields(type(model)):
        value = getattr(model, name)
        if value is None or (isinstance(value, Section) and kind is not None and value.is_empty):
            if kind is not None:
                yield (*path, key), kind  # a mandated section with no text counts as blank
        elif isinstance(value, BaseModel):
            yield from _blank_fill_ins(value, (*path, key))
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _blank_fill_ins(item, (*path, key, i))


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


def prose_fields(report: ReportBase) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every piece of free text the clerk wrote, with its path."""
    for path, key, value, _info in _walk(report, ()):
        if key in ("正文", "导语") and isinstance(value, str):
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


_JANUARY_31 = (1, 31)
_MARCH_31 = (3, 31)

_ARTICLE_49: dict[UnitLevel, tuple[int, int]] = {
    # 2019 条例 Art. 49: 县级以上人民政府部门 publish by January 31, and the government's own
    # report is published by March 31. Townships and streets are not named — the county sets
    # their date, which a report states in 发布期限 — so they default to January 31, as does
    # 其他 (most such bodies are departments or report to one).
    UnitLevel.PROVINCE_GOVERNMENT: _MARCH_31,
    UnitLevel.CITY_GOVERNMENT: _MARCH_31,
    UnitLevel.COUNTY_GOVERNMENT: _MARCH_31,
    UnitLevel.TOWNSHIP: _JANUARY_31,
    UnitLevel.STREET: _JANUARY_31,
    UnitLevel.PROVINCE_DEPARTMENT: _JANUARY_31,
    UnitLevel.CITY_DEPARTMENT: _JANUARY_31,
    UnitLevel.COUNTY_DEPARTMENT: _JANUARY_31,
    UnitLevel.OTHER: _JANUARY_31,
}

DEADLINES: dict[str, Mapping[UnitLevel, tuple[int, int]]] = {
    "2007": dict.fromkeys(UnitLevel, _MARCH_31),  # 2007 条例 Art. 31: every body
    "2019": _ARTICLE_49,
    "2021": _ARTICLE_49,
}
"""Era → kind of body → (month, day) of the year after the report year (formats.md §1)."""


def deadline_for(report: ReportBase) -> dt.date:
    """The publication deadline: the report's own 发布期限 if it states one, else the era's
    default for the kind of body (the latest of them while 层级 is blank)."""
    if isinstance(report, tables.Art50Report) and report.deadline is not None:
        return report.deadline
    dates = DEADLINES[report.ERA]
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


def _is_figure(value: object) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def check_grassroots_regulations(report: ReportBase) -> list[Problem]:
    """A warning for each non-zero 规章 figure of a 乡镇 or 街道, which makes no 规章."""
    level = report.unit.level
    if level is None or not level.is_grassroots:
        return []
    regulations = identities.get_cell(report.model_dump(by_alias=True), tables.REGULATIONS)
    if not isinstance(regulations, Mapping):
        return []
    return [
        Problem(
            _("{level}不制定规章，此处应为 0（现为 {value}），请核对是否填成了规范性文件").format(
                level=level.value, value=value
            ),
            path=(*tables.REGULATIONS, key),
            severity=Severity.WARNING,
            code="grassroots-regulations",
        )
        for key, value in regulations.items()
        if _is_figure(value) and value != 0
    ]


def check_carry_over(report: ReportBase, previous: ReportBase, previous_name: str) -> list[Problem]:
    """A warning for each column where this year's 上年结转 differs from last year's 结转下年度
    (compared only when ``previous`` is the report of the year before)."""
    if previous.year != report.year - 1:
        return []
    this_year = identities.get_cell(report.model_dump(by_alias=True), tables.CARRIED_IN)
    last_year = identities.get_cell(previous.model_dump(by_alias=True), tables.CARRIED_OVER)
    if not isinstance(this_year, Mapping) or not isinstance(last_year, Mapping):
        return []
    return [
        Problem(
            _("上年结转 {value} 件，与上年报告（{file}）的结转下年度 {carried} 件不一致").format(
                value=value, file=previous_name, carried=last_year[key]
            ),
            path=(*tables.CARRIED_IN, key),
            severity=Severity.WARNING,
            code="carry-over",
        )
        for key, value in this_year.items()
        if _is_figure(value) and _is_figure(last_year.get(key)) and value != last_year[key]
    ]


def _figures(report: ReportBase) -> dict[tuple[str | int, ...], Any]:
    """Every count and amount of a report by path (the year and the percent style aside)."""
    return {
        path: value
        for path, _key, value, _info in _walk(report, ())
        if path[0] not in ("年度", "百分比") and _is_figure(value)
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


def check_applications_2007(report: ReportBase) -> list[Problem]:
    """2007 era: results are needed once applications came in, and cannot outnumber them."""
    if not isinstance(report, Report2007):
        return []
    section = report.applications
    results = section.results
    here = ("依申请公开", "办理结果")
    if results is None:
        if section.received or section.refusal_reasons:
            return [
                Problem(
                    _("收到了申请（或列了不予公开理由）时须填写办理结果"),
                    path=here,
                    code="unfilled",
                )
            ]
        return []
    if (
        results.total is not None
        and section.received is not None
        and results.total > section.received
    ):
        return [
            Problem(
                _(
                    "办结 {answered} 件，多于收到的申请 {received} 件，"
                    "请核对（2007 年版格式没有“上年结转”一项）"
                ).format(answered=results.total, received=section.received),
                path=(*here, "总计"),
                severity=Severity.WARNING,
                code="implausible",
            )
        ]
    return []
