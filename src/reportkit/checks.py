"""Checks of a report beyond its schema: identities, unfilled fields, plausibility, copied text.

Each check returns :class:`~reportkit.errors.Problem` objects placed by data path;
``loading`` adds file lines. Nothing here reads files or knows about YAML. What a
check needs to know of an era (deadlines, which row is which) it asks the era's record.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import itertools
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

from reportkit import datapath, identities
from reportkit.datapath import Cell
from reportkit.eras import Era, era_of
from reportkit.eras.introspect import fields_by_alias, walk, walk_keys
from reportkit.eras.model import (
    MONEY_PLACES,
    PROSE_KEYS,
    Filling,
    ReportBase,
    blank_fill_ins,
    levels_named,
    money_places_message,
    too_fine,
)
from reportkit.errors import Problem, Severity, format_path
from reportkit.i18n import _

__all__ = [
    "acknowledge",
    "check_copied_figures",
    "check_deadline",
    "check_grassroots_regulations",
    "check_identities",
    "check_money_places",
    "check_period",
    "deadline_for",
    "find_unfilled",
    "prose_fields",
    "skipped_note",
    "tainted",
    "uses",
]


def uses(identity: identities.Identity, bad: Collection[Cell]) -> bool:
    """Whether ``identity`` reads a cell at or under one of the ``bad`` paths."""
    return any(cell[: len(b)] == b for cell in identity.cells for b in bad)


def tainted(declared: Sequence[identities.Identity], bad: Collection[Cell]) -> list[Cell]:
    """The ``bad`` cells and every total that would be worked out from one of them (to a
    fixed point): none of these can be known until the bad values are corrected."""
    out = list(bad)
    growing = True
    while growing:
        growing = False
        for identity in declared:
            total = identity.total
            if total is not None and total not in out and uses(identity, out):
                out.append(total)
                growing = True
    return out


def skipped_note(declared: Sequence[identities.Identity], cell: Cell) -> str:
    """What a bad cell's message adds: how many identities wait for it to be corrected."""
    count = sum(1 for identity in declared if uses(identity, [cell]))
    if not count:
        return ""
    return _("（用到此项的 {count} 项勾稽关系待改正后核对）").format(count=count)


def _rule(identity: identities.Identity) -> str:
    """What an identity says, without the table and row its name starts with (translated:
    an era declares the rule of a name as a message id after the place and a ``：``)."""
    return _(identity.name.rpartition("：")[2])


_PLACE = re.compile(r"^(表[一二三四五])“(.+)”(行|列)?$")
"""How an era names where an identity sits: 表二“自然人”列, 表二“（七）总计”行, 表三“行政复议”."""


def _title(identity: identities.Identity) -> str:
    """An identity's name in the reader's language: the place as printed, then the rule."""
    place, colon, _rule_id = identity.name.rpartition("：")
    if not colon:
        return _rule(identity)
    found = _PLACE.match(place)
    if found:
        table, label, kind = found.groups()
        if kind == "行":
            place = _("{table}“{label}”行").format(table=_(table), label=label)
        elif kind == "列":
            place = _("{table}“{label}”列").format(table=_(table), label=label)
        else:
            place = _("{table}“{label}”").format(table=_(table), label=label)
    return _("{place}：{rule}").format(place=place, rule=_rule(identity))


Fix = tuple[Cell, Any, Any]
"""A cell the clerk typed, the value it holds, and the value that would make it agree."""

_MAX_CELLS = 2
"""The most mistyped cells looked for together (beyond that, the broken identities are named)."""


def _locate(
    violations: Sequence[identities.Violation],
    usable: Sequence[identities.Identity],
    data: Mapping[str, Any],
    derived: Collection[Cell],
) -> list[Fix]:
    """The fewest typed cells whose change makes every identity hold (errorlocate's idea of
    the minimal change), when exactly one such set exists of at most two cells; else [].

    A total that was computed is recomputed from the changed parts, so a part of it may be
    the cell to change. Every candidate is verified by completing and checking the data
    again: a cell is never named unless changing it really makes the figures agree.
    """
    if not violations:
        return []
    parts_of = {i.total: i.right for i in usable if i.total is not None and i.total in derived}

    def typed(cell: Cell, sign: int, into: dict[Cell, int]) -> None:
        if cell in parts_of:
            for part in parts_of[cell]:
                typed(part, sign, into)
        else:
            into[cell] = into.get(cell, 0) + sign

    # Each typed cell's candidate values: the value that mends one broken identity alone.
    values: dict[Cell, set[Any]] = {}
    reaches: dict[Cell, set[int]] = {}
    for index, v in enumerate(violations):
        weights: dict[Cell, int] = {}
        for cell in v.identity.left:
            typed(cell, 1, weights)
        for cell in v.identity.right:
            typed(cell, -1, weights)
        difference = v.difference
        for cell, weight in weights.items():
            stated = datapath.get(data, cell)
            if weight not in (1, -1) or not datapath.is_figure(stated):
                continue
            wanted = stated - difference * weight
            if wanted >= 0:
                values.setdefault(cell, set()).add(wanted)
                reaches.setdefault(cell, set()).add(index)
    base: dict[str, Any] = copy.copy(dict(data))
    shared = {id(base)}
    for cell in derived:
        datapath.put(base, cell, None, copied=shared)
    everything = set(range(len(violations)))

    def mends(fixes: Sequence[tuple[Cell, Any]]) -> bool:
        trial = copy.copy(base)
        copied = {id(trial)}
        for cell, value in fixes:
            datapath.put(trial, cell, value, copied=copied)
        completed, _computed = identities.complete(trial, usable)
        return not identities.check(completed, usable)

    cells = sorted(values, key=str)
    for size in range(1, _MAX_CELLS + 1):
        found = []
        for group in itertools.combinations(cells, size):
            if set().union(*(reaches[c] for c in group)) != everything:
                continue
            for chosen in itertools.product(*(sorted(values[c], key=str) for c in group)):
                fixes = list(zip(group, chosen, strict=True))
                if mends(fixes):
                    found.append(fixes)
            if len(found) > 1:
                return []  # more than one way: naming either would be a guess
        if found:
            return [(cell, datapath.get(data, cell), value) for cell, value in found[0]]
    return []


def _side_words(era: Era, cells: Sequence[Cell]) -> str:
    if len(cells) == 1:
        return era.cell_label(cells[0])
    if len(cells) <= 3:
        return _("{cells}之和").format(cells=_("、").join(era.cell_label(c) for c in cells))
    return _("{count} 个分项之和").format(count=len(cells))


def check_identities(
    era: Era,
    data: Mapping[str, Any],
    computed: Sequence[Cell] = (),
    bad: Collection[Cell] = (),
    declared: Sequence[identities.Identity] | None = None,
) -> list[Problem]:
    """The broken identities of completed data, each said once, in the printed labels.

    When changing one typed cell would make a set of broken identities hold, one error at
    that cell says what it holds and what it should; every other broken identity is an
    error with both sides. ``computed`` names the totals worked out from their parts
    (never suspected of a typo); identities reading a ``bad`` cell (one that failed its
    own check) are skipped (:func:`skipped_note` says so at that cell). ``declared`` are
    the era's identities of this data, when the caller has them already.
    """
    problems = []
    derived = set(computed)
    if declared is None:
        declared = era.identities(data)
    usable = [i for i in declared if not uses(i, bad)] if bad else declared
    violations = identities.check(data, usable)
    fixes = _locate(violations, usable, data, derived)
    for cell, stated, wanted in fixes:
        mended = [v for v in violations if cell in v.identity.cells] or list(violations)
        primary = next((v for v in mended if v.identity.total == cell), mended[0])
        message = _("{cell}填为 {stated}，按“{rule}”应为 {wanted}").format(
            cell=era.cell_label(cell), stated=stated, rule=_rule(primary.identity), wanted=wanted
        )
        others = len(violations) - 1 if len(fixes) == 1 else len(mended) - 1
        if others > 0:
            message += _("（改正后另外 {count} 项勾稽关系也随之成立）").format(count=others)
        problems.append(
            Problem(
                message,
                path=cell,
                code="identity",
                details={
                    "cell": format_path(cell),
                    "stated": str(stated),
                    "expected": str(wanted),
                    "identities": [v.identity.name for v in mended],
                },
            )
        )
    for v in [] if fixes else violations:
        ident = v.identity
        message = _(
            "{name}不成立：{left}为 {left_value}，{right}为 {right_value}，相差 {gap}"
        ).format(
            name=_title(ident),
            left=_side_words(era, ident.left),
            left_value=v.left_value,
            right=_side_words(era, ident.right),
            right_value=v.right_value,
            gap=abs(v.difference),
        )
        auto = [c for c in ident.cells if c in derived]
        if auto:
            message += _("（其中 {count} 个未填写的总计已按分项自动合计）").format(count=len(auto))
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
                    "computed": [format_path(c) for c in auto],
                },
            )
        )
    return problems


def find_unfilled(report: ReportBase, *, draft: bool) -> list[Problem]:
    """Every field that a draft prints as 【待填写】 (:func:`~reportkit.eras.model.blank_fill_ins`,
    the rule the context prints by): an error, or a warning in a draft."""
    severity = Severity.WARNING if draft else Severity.ERROR
    problems = []
    for path, kind in blank_fill_ins(report):
        if kind is None:
            message = _("仍是占位文字“【待填写：……】”，请换成本级的文字")
        elif kind is Filling.DERIVABLE:
            message = _("未填写（可填写各分项，由其合计）")
        else:
            message = _("未填写")
        problems.append(Problem(message, path=path, severity=severity, code="unfilled"))
    return problems


_PROSE = frozenset(PROSE_KEYS)


def prose_fields(report: ReportBase) -> Iterator[tuple[Cell, str]]:
    """Every piece of free text the clerk wrote, with its path."""
    for path, _field, value in walk_keys(report, _PROSE):
        if isinstance(value, str):
            yield path, value


def acknowledge(report: ReportBase, problems: Sequence[Problem]) -> list[Problem]:
    """``problems`` with the warnings the report acknowledges (``已核实: {代码: 理由}``)
    marked with the clerk's reason; an acknowledgement of an unknown code or of an error
    is an error, one that matches no warning a warning (it can go)."""
    from reportkit.codes import RULES

    reasons = report.acknowledged
    out = []
    used = set()
    for p in problems:
        reason = reasons.get(p.code)
        if reason is not None and not p.is_error and p.acknowledged is None:
            used.add(p.code)
            p = dataclasses.replace(p, acknowledged=reason)
        out.append(p)
    for code in reasons:
        path = ("已核实", code)
        rule = RULES.get(code)
        if rule is None:
            import difflib

            close = difflib.get_close_matches(code, list(RULES), n=1)
            hint = _("，是否应为“{code}”？").format(code=close[0]) if close else ""
            message = _("没有代码为“{code}”的检查{hint}（代码见 README“检查与代码”）").format(
                code=code, hint=hint
            )
            out.append(Problem(message, path=path, code="acknowledgement"))
        elif rule.severity is Severity.ERROR:
            message = _("“{code}”（{title}）是错误，不能核实，只能改正").format(
                code=code, title=rule.title
            )
            out.append(Problem(message, path=path, code="acknowledgement"))
        elif code not in used:
            out.append(
                Problem(
                    _("本次校验没有“{code}”警告，此项核实可以删除").format(code=code),
                    path=path,
                    severity=Severity.WARNING,
                    code="acknowledgement-unused",
                )
            )
    return out


def deadline_for(report: ReportBase) -> dt.date:
    """The publication deadline: the report's own 发布期限 if it states one, else the era's
    default for the kind of body (while 层级 is blank, the latest of those its name allows:
    January 31 for any 部门 of the 2019 rules, 市级 or 县级 alike)."""
    era = era_of(report)
    if era.deadline_key is not None:
        stated = getattr(report, fields_by_alias(era.model)[era.deadline_key][0])
        if isinstance(stated, dt.date):
            return stated
    dates = era.deadlines
    level = report.unit.level
    levels = {level} if level is not None else levels_named(report.unit.full_name)
    month, day = max(dates[each] for each in levels)
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
    if date < dt.date(report.year, 12, 31):  # signed on the year's last day: not early
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


def check_money_places(report: ReportBase, data: Mapping[str, Any]) -> list[Problem]:
    """An error for an amount whose unit is stated beside it (the 2019 era's 采购总金额) that
    is finer than the fen in that unit: 2 decimals in 元, 6 in 万元."""
    problems = []
    for scaled in era_of(report).scaled_amounts:
        row = datapath.get(data, scaled.row)
        if not isinstance(row, Mapping):
            continue
        amount, unit = row.get(scaled.amount), row.get(scaled.unit)
        places = MONEY_PLACES.get(str(getattr(unit, "value", unit)))
        if places is None or not isinstance(amount, int | Decimal) or not too_fine(amount, places):
            continue
        message = money_places_message(str(getattr(unit, "value", unit)), places)
        problems.append(
            Problem(
                _("{message}（现为 {value}）").format(message=message, value=amount),
                path=(*scaled.row, scaled.amount),
                code="too-precise",
            )
        )
    return problems


def check_period(report: ReportBase) -> list[Problem]:
    """A warning when the stated 统计期限 is not the report year's calendar year."""
    period = report.period
    if period is None or period.is_calendar_year(report.year):
        return []
    message = _(
        "统计期限 {start} 至 {end} 不是 {year} 年度（{year}-01-01 至 {year}-12-31），"
        "请核对统计期限或报告年度"
    ).format(start=period.start.isoformat(), end=period.end.isoformat(), year=report.year)
    return [Problem(message, path=("统计期限",), severity=Severity.WARNING, code="period")]
