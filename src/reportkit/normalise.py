"""Forgiving reading of what clerks type: unambiguous values are normalised, and said so.

Numbers typed in Word or WPS arrive as full-width digits (３１), with thousands
separators (1,234), with their unit (31条, 12.5万元) or as text ("12"); dates as
2018.1.5, 2018/1/5 or 20180105 (which YAML reads as a number); text with invisible
control characters copied from other documents. Each value that can mean only one
thing is rewritten before validation and reported as a warning naming the field;
anything ambiguous (3.5 items, "很多") is left for validation to refuse with the field
and line. The two usual ways to write a date — 2018-01-05 (quoted or not) and
2018年1月5日 — are read without a word.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel

from reportkit.eras.introspect import fields_by_alias, model_of, scalar_of
from reportkit.errors import Problem, Severity
from reportkit.i18n import _
from reportkit.yamlfile import UNUSABLE, code_points, unusable

__all__ = ["normalise", "normalise_year"]

Path = tuple[str | int, ...]

_FULL_WIDTH = {0xFF10 + i: 0x30 + i for i in range(10)} | {
    0xFF0E: ord("."),  # ．
    0xFF0C: ord(","),  # ，
    0xFF0D: ord("-"),  # －
    0x2212: ord("-"),  # − (minus sign)
    0x3000: ord(" "),  # ideographic space
}
_DIGITS = r"([-+]?\d{1,3}(?:,\d{3})+|[-+]?\d+)(\.\d+)?"
# A count may carry its measure word (31条); an amount may not carry its unit, because
# 元 and 万元 differ ten-thousandfold and each table states its own; a year may say 年.
_COUNT = re.compile(rf"^\s*{_DIGITS}\s*(?:条|件|个|项|份|次|人次|年)?\s*$")
_AMOUNT = re.compile(rf"^\s*{_DIGITS}\s*$")
_DATE = re.compile(r"^\s*(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?\s*$")
_COMPACT_DATE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
_USUAL_DATE = re.compile(r"^\s*(?:\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月\d{1,2}日)\s*$")
"""2018-01-05 quoted, or 2018年1月5日: how dates are written; read without a warning."""


_YES_NO = {"是": True, "否": False, "yes": True, "no": False, "Yes": True, "No": False}


def _note(path: Path, original: object, value: object) -> Problem:
    return Problem(
        _("已将“{original}”读作 {value}").format(original=original, value=value),
        path=path,
        severity=Severity.WARNING,
        code="normalised",
    )


def _number(text: str, pattern: re.Pattern[str] = _COUNT) -> Decimal | None:
    match = pattern.match(text.translate(_FULL_WIDTH))
    if match is None:
        return None
    try:
        return Decimal(match.group(1).replace(",", "") + (match.group(2) or ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return None


def _as_int(value: object) -> int | None:
    """The whole number a value unambiguously means, if it is not one already."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        number = _number(value)
        if number is not None and number == number.to_integral_value():
            return int(number)
    return None


def _as_decimal(value: object) -> Decimal | None:
    if isinstance(value, str):
        return _number(value, _AMOUNT)
    return None


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # 20180105, read by YAML as a number
    if not isinstance(value, str):
        return None
    text = value.translate(_FULL_WIDTH)
    match = _DATE.match(text) or _COMPACT_DATE.match(text)
    if match is None:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None  # 2018年2月30日: left for validation to refuse


def _value(kind: Any, value: Any, path: Path, notes: list[Problem]) -> Any:
    converted: object = None
    if kind is bool and isinstance(value, str) and value.strip() in _YES_NO:
        converted = _YES_NO[value.strip()]
    elif kind is int and not isinstance(value, bool):
        converted = _as_int(value)
    elif kind is Decimal:
        converted = _as_decimal(value)
    elif kind is dt.date:
        converted = _as_date(value)
        if converted is not None and isinstance(value, str) and _USUAL_DATE.match(value):
            return converted
    if converted is None:
        return value
    notes.append(_note(path, value, converted))
    return converted


@functools.cache
def _plan(model: type[BaseModel]) -> dict[str, tuple[type[BaseModel] | None, bool, Any]]:
    """Data-file key → (sub-model, is a list of them, scalar type), worked out once per model
    (an office normalises tens of thousands of files)."""
    return {
        key: (*model_of(info.annotation), scalar_of(info.annotation))
        for key, (_name, info) in fields_by_alias(model).items()
    }


def _clean(data: Any, path: Path, notes: list[Problem]) -> Any:
    """``data`` with every character no report may carry removed from every text in it (keys
    included, whatever the model says of them), and a warning naming each character."""
    if isinstance(data, str):
        found = unusable(data)
        if not found:
            return data
        notes.append(
            Problem(
                _("已删除文字中不可见的控制字符或 XML 不允许的字符（{chars}）").format(
                    chars=code_points(found)
                ),
                path=path,
                severity=Severity.WARNING,
                code="normalised",
            )
        )
        return UNUSABLE.sub("", data)
    if isinstance(data, list):
        return [_clean(item, (*path, i), notes) for i, item in enumerate(data)]
    if isinstance(data, dict):
        return {
            _clean(key, path, notes): _clean(value, (*path, key), notes)
            for key, value in data.items()
        }
    return data


def _walk(model: type[BaseModel], data: Any, path: Path, notes: list[Problem]) -> Any:
    if not isinstance(data, dict):
        return data
    plan = _plan(model)
    out = {}
    for key, value in data.items():
        step = plan.get(key)
        if step is None or value is None:
            out[key] = value  # an unknown key (validation names it), or a blank
            continue
        inner, many, scalar = step
        if inner is not None and many and isinstance(value, list):
            out[key] = [_walk(inner, item, (*path, key, i), notes) for i, item in enumerate(value)]
        elif inner is not None:
            out[key] = _walk(inner, value, (*path, key), notes)
        elif type(value) is int and scalar is int:
            out[key] = value  # the common case: a count typed as a number
        else:
            out[key] = _value(scalar, value, (*path, key), notes)
    return out


def normalise(
    model: type[BaseModel], data: dict[str, Any], *, clean: bool = True
) -> tuple[dict[str, Any], list[Problem]]:
    """``data`` with every unambiguous value normalised for ``model``, and a note for each.
    ``clean=False``: the texts are known to hold no character :data:`UNUSABLE` names
    (:func:`reportkit.yamlfile.may_hold_unusable`), so they are not searched for one."""
    notes: list[Problem] = []
    if clean:
        data = _clean(data, (), notes)
    return _walk(model, data, (), notes), notes


def normalise_year(value: object) -> int | None:
    """A report year typed as 2017, "2017", "２０１７" or "2017年"."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return _as_int(value)
