"""Checks of a report beyond its schema: identities, unfilled fields, plausibility, copied text.

Each check returns :class:`~reportkit.errors.Problem` objects placed by data path;
``loading`` adds file lines. Nothing here reads files or knows about YAML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import BaseModel

from reportkit import identities
from reportkit.errors import Problem, Severity, format_path
from reportkit.models import ReportBase
from reportkit.models.common import Filling, fill_kind

__all__ = [
    "check_copied_text",
    "check_deadline",
    "check_identities",
    "deadline_for",
    "find_unfilled",
    "prose_fields",
]


def check_identities(era: str, data: Mapping[str, Any]) -> list[Problem]:
    """One error per broken identity, placed at its total, with both sides and the cells."""
    problems = []
    for v in identities.check(data, identities.identities_for(era, data)):
        ident = v.identity
        message = (
            f"{ident.name}：{ident.describe()} 不成立，"
            f"左边为 {v.left_value}，右边合计为 {v.right_value}，相差 {v.difference}"
        )
        problems.append(
            Problem(
                message,
                path=ident.left[0],
                code="identity",
                details={
                    "identity": ident.name,
                    "left": str(v.left_value),
                    "right": str(v.right_value),
                    "difference": str(v.difference),
                    "cells": [format_path(c) for c in ident.cells],
                },
            )
        )
    return problems


def _walk(
    model: BaseModel, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str, Any, Any]]:
    """(path, alias, value, field info) for every field of ``model`` and its sub-models."""
    for name, info in type(model).model_fields.items():
        key = info.alias or name
        value = getattr(model, name)
        here = (*path, key)
        yield here, key, value, info
        if isinstance(value, BaseModel):
            yield from _walk(value, here)
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _walk(item, (*here, i))


def find_unfilled(report: ReportBase, *, draft: bool) -> list[Problem]:
    """Every fill-in field still blank: an error, or a warning in a draft."""
    severity = Severity.WARNING if draft else Severity.ERROR
    problems = []
    for path, _key, value, info in _walk(report, ()):
        kind = fill_kind(info)
        if kind is None or value is not None:
            continue
        hint = "（可填写各分项，由其合计）" if kind is Filling.DERIVABLE else ""
        problems.append(Problem(f"未填写{hint}", path=path, severity=severity, code="unfilled"))
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
            f"与上年报告（{previous_name}）中的文字完全相同，请按本年情况修改",
            path=path,
            severity=Severity.WARNING,
            code="copied-text",
        )
        for path, text in prose_fields(report)
        if text in old
    ]


def deadline_for(report: ReportBase) -> dt.date:
    """The publication deadline (formats.md §1): March 31 of the next year in the 2007 era."""
    return dt.date(report.year + 1, 3, 31)


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
                f"成文日期 {date.isoformat()} 晚于发布期限 {deadline.isoformat()}",
                path=path,
                severity=Severity.WARNING,
                code="late",
            )
        ]
    if date.year <= report.year:
        return [
            Problem(
                f"成文日期 {date.isoformat()} 早于报告年度结束，请核对年度或日期",
                path=path,
                severity=Severity.WARNING,
                code="early",
            )
        ]
    return []
