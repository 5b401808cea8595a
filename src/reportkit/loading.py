"""Data file → checked report: YAML with line numbers, era detection, every problem placed.

``check_file`` never raises for bad data: it returns the report (when one could be
built) and every problem, errors and warnings, each placed at ``file:line:column``.
``load`` is the same but raises :class:`~reportkit.errors.DataError` when any
error remains, so nothing is rendered from invalid data.
"""

from __future__ import annotations

import ast
import copy
import dataclasses
import errno
import os
import re
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from reportkit import checks, datapath, identities, prose, provenance, yamlfile, yearonyear
from reportkit.characters import comparable, describe
from reportkit.datapath import Cell
from reportkit.eras import Era, era_for_year, no_era_for_year
from reportkit.eras.introspect import fields_by_alias, model_at, model_of
from reportkit.eras.model import MONEY_PLACES_ERROR, ReportBase, money_places_message
from reportkit.errors import (
    DataError,
    FileUnreadable,
    Problem,
    ProblemList,
    Severity,
    os_reason,
)
from reportkit.i18n import N_, _
from reportkit.normalise import normalise, normalise_year

__all__ = [
    "MAX_BYTES",
    "Checked",
    "build_data",
    "check_data",
    "check_file",
    "check_text",
    "load",
    "read_bytes",
    "read_text",
    "special_kind",
]

MAX_BYTES = 2 * 1024 * 1024
"""A data file is a few kilobytes; anything over this is not a report (refused from its size,
before it is read)."""


@dataclass
class Checked(ProblemList):
    """The outcome of checking one data file."""

    file: str
    report: ReportBase | None
    problems: list[Problem] = field(default_factory=list)
    computed: list[Cell] = field(default_factory=list)
    data: dict[str, Any] | None = None
    """The report dumped by alias, totals completed (None when no report could be built)."""
    made_by: str | None = None
    """The reportkit command that wrote the file (``"aggregate"``), when its marker says so."""

    @property
    def ok(self) -> bool:
        return self.report is not None and not self.errors


def special_kind(mode: int) -> str | None:
    """What a file that is not a regular file is (named pipe, device…), from its stat mode."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return _("命名管道")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("设备文件")
    if stat.S_ISSOCK(mode):
        return _("套接字")
    return _("特殊文件")


def _unreadable(path: Path, exc: OSError) -> FileUnreadable:
    if isinstance(exc, FileNotFoundError):
        if os.path.islink(path):
            return FileUnreadable(
                path, _("链接指向的文件不存在（{target}）").format(target=os.readlink(path))
            )
        return FileUnreadable(path, _("文件不存在"))
    if isinstance(exc, IsADirectoryError):
        return FileUnreadable(path, _("这是一个文件夹，不是数据文件"))
    return FileUnreadable(path, _("无法读取（{reason}）").format(reason=os_reason(exc)))


def _too_large(name: str, size: int, limit: int) -> DataError:
    message = _("文件过大（{size} 字节，上限 {limit} 字节），不像是报告数据文件").format(
        size=size, limit=limit
    )
    return DataError([Problem(message, file=name, code="too-large")], name)


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; what it is and its size are
    checked before it is read (a named pipe would block for ever, a huge file fill the memory).

    FileUnreadable when it cannot be read, DataError (``too-large``) when it is too large.
    """
    name = str(path)
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), name)
        kind = special_kind(mode)
        if kind is not None:  # never opened
            raise FileUnreadable(path, _("不是普通文件（{kind}），未读取").format(kind=kind))
        # O_NONBLOCK: should the file have become a pipe since, opening it does not wait.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise _unreadable(path, exc) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        kind = special_kind(info.st_mode)
        if kind is not None:
            raise FileUnreadable(path, _("不是普通文件（{kind}），未读取").format(kind=kind))
        if info.st_size > limit:
            raise _too_large(name, info.st_size, limit)
        try:
            raw = handle.read(limit + 1)  # it may have grown since
        except OSError as exc:
            raise _unreadable(path, exc) from None
    if len(raw) > limit:
        raise _too_large(name, len(raw), limit)
    return raw


def read_text(path: Path) -> str:
    """The text of a data file, or DataError saying why it cannot be read as one
    (FileUnreadable, a UsageError, when it cannot be read at all)."""
    name = str(path)
    raw = read_bytes(path)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        hint = _("文件是 UTF-16 编码（记事本的“Unicode”），请“另存为”并选择 UTF-8 编码后重试")
        raise DataError([Problem(hint, file=name, code="encoding")], name)
    if b"\x00" in raw:
        raise DataError(
            [Problem(_("这是二进制文件，不是 YAML 数据文件"), file=name, code="binary")], name
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        hint = _("文件不是 UTF-8 编码的文本")
    else:
        hint = _("文件是 GBK/GB18030 编码，请在编辑器中“另存为”并选择 UTF-8 编码后重试")
    raise DataError([Problem(hint, file=name, code="encoding")], name)


# --- pydantic errors in the clerk's words ---------------------------------------------------


def _show(value: object) -> str:
    if value is None:
        return _("空")
    if isinstance(value, Mapping):
        return _("一组字段")
    if isinstance(value, list | tuple):
        return _("一个列表")
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "…"


_DATE_FORMS = N_("应为日期，如 2018-01-20 或 2018年1月20日")
_MAPPING = N_("应为一组字段（每行“字段: 值”）")
_LIST = N_("应为列表（每项以“- ”开头）")
_NUMBER = N_("应为数字")
_TEXT = N_("应为文字")

_MESSAGES: dict[str, str] = {
    # numbers
    "int_type": N_("应为整数"),
    "int_parsing": N_("应为整数"),
    "int_parsing_size": N_("数字过大"),
    "int_from_float": N_("应为整数，不能有小数"),
    "float_type": _NUMBER,
    "float_parsing": _NUMBER,
    "finite_number": N_("应为有限的数字，不能是非数或无穷大"),
    "decimal_type": N_("应为金额数字"),
    "decimal_parsing": N_("应为金额数字，不要写单位"),
    "decimal_max_places": N_("小数位过多，最多 {decimal_places} 位小数"),
    "decimal_max_digits": N_("数字位数过多，最多 {max_digits} 位"),
    "decimal_whole_digits": N_("整数部分位数过多，最多 {whole_digits} 位"),
    "greater_than": N_("应大于 {gt}"),
    "greater_than_equal": N_("应不小于 {ge}"),
    "less_than": N_("应小于 {lt}"),
    "less_than_equal": N_("应不大于 {le}"),
    "multiple_of": N_("应为 {multiple_of} 的整数倍"),
    # text
    "string_type": _TEXT,
    "string_unicode": _TEXT,
    "string_too_short": N_("不能为空"),
    "string_too_long": N_("过长，最多 {max_length} 个字"),
    "string_pattern_mismatch": N_("写法不符合要求"),
    # dates
    "date_type": _DATE_FORMS,
    "date_parsing": _DATE_FORMS,
    "date_from_datetime_parsing": _DATE_FORMS,
    "date_from_datetime_inexact": N_("应为日期，不含时间，如 2018-01-20"),
    "date_past": N_("应为今天以前的日期"),
    "date_future": N_("应为今天以后的日期"),
    # yes / no
    "bool_type": N_("应为“是”或“否”"),
    "bool_parsing": N_("应为“是”或“否”"),
    # groups and lists
    "model_type": _MAPPING,
    "model_attributes_type": _MAPPING,
    "dict_type": _MAPPING,
    "tuple_type": _LIST,
    "list_type": _LIST,
    "too_short": N_("至少应有 {min_length} 项"),
    "too_long": N_("最多只能有 {max_length} 项"),
    "none_required": N_("此处应留空"),
}
"""Each pydantic error kind a field of ours can raise, in the clerk's words (a message id
formatted with the error's context). Literal and enum choices, missing and unknown keys and
our own validators' messages are worded in :func:`_describe`; any other kind (none is
expected) is said with the ``invalid`` rule's summary, never in pydantic's English."""

_FALLBACK = N_("值的类型或格式不对")
_CHOICE_KINDS = ("enum", "literal_error")

_CODES: dict[str, str] = {
    "greater_than_equal": "out-of-range",
    "less_than_equal": "out-of-range",
    "greater_than": "out-of-range",
    "less_than": "out-of-range",
    "multiple_of": "out-of-range",
    "decimal_max_places": "too-precise",
    "decimal_max_digits": "too-precise",
    "decimal_whole_digits": "out-of-range",
    "int_parsing_size": "out-of-range",
    MONEY_PLACES_ERROR: "too-precise",
}
"""Stable codes (reportkit.codes) of pydantic's error kinds; any other kind is ``invalid``."""

_MAPPING_KINDS = ("model_type", "model_attributes_type", "dict_type")
"""Errors of a value that should have been a mapping (``字段: 值`` lines)."""


def _colon_hint(value: object) -> str:
    """A question for text that was meant as ``字段: 值`` but was keyed with a Chinese colon."""
    if isinstance(value, str) and "：" in value:
        return _("（是否把英文冒号“:”写成了中文冒号“：”？）")
    return ""


_TOKEN = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|[^\s,']+")


def _choices(expected: str) -> list[str]:
    """The allowed values in pydantic's ``expected`` ("'a', 'b' or 'c'"), as the user types them."""
    out = []
    for token in _TOKEN.findall(expected):
        if token == "or":
            continue
        try:
            value = ast.literal_eval(token)
        except (ValueError, SyntaxError):
            value = token
        out.append(str(value))
    return out


def _one_of(choices: Sequence[str]) -> str:
    """应为“县级部门”或“其他”之一 — the choices quoted, in the user's words."""
    quoted = [f"“{c}”" for c in choices]
    if len(quoted) == 1:
        return _("应为{choice}").format(choice=quoted[0])
    listed = _("{items}或{last}").format(items=_("、").join(quoted[:-1]), last=quoted[-1])
    return _("应为{choices}之一").format(choices=listed)


def _describe(error: Mapping[str, Any]) -> str:
    """What is wrong with a value, and the value found, in the current language (never
    pydantic's English: every kind a field of ours can raise has its own message)."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind in _CHOICE_KINDS:
        message = _one_of(_choices(str(ctx.get("expected", ""))))
    elif kind == "value_error":  # raised by our own validators, already in the user's words
        message = str(ctx.get("error", ""))
    elif kind == MONEY_PLACES_ERROR:
        message = money_places_message(ctx["unit"], ctx["places"])
    elif kind == "greater_than_equal" and ctx.get("ge") == 0:
        message = _("应为非负数")
    elif kind in _MESSAGES:
        message = _(_MESSAGES[kind]).format(**ctx)
    else:
        message = _(_FALLBACK)
    message = _("{message}（现为 {value}）").format(message=message, value=_show(value))
    if kind in _MAPPING_KINDS:
        message += _colon_hint(value)
    return message


def _translate(error: Mapping[str, Any], root: type[BaseModel], name: str) -> Problem:
    kind = error["type"]
    loc = tuple(error["loc"])
    if kind == "extra_forbidden":
        import difflib  # only for a misspelt key: not on the way of a good file

        key = loc[-1]
        model = model_at(root, loc[:-1])
        allowed = list(fields_by_alias(model)) if model else []
        # A key that reads like an allowed one (a zero-width space in it, a look-alike
        # character, full-width letters) is that key: say which character is wrong.
        same = [a for a in allowed if comparable(a) == comparable(str(key))]
        close = same or difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.3)
        message = _("未知字段“{key}”").format(key=key)
        if same and describe(str(key)):
            message += _("：{characters}").format(characters=describe(str(key)))
        if close:
            message += _("，是否应为“{key}”？").format(key=close[0])
            suggested = (*loc[:-1], close[0])
            return Problem(
                message, path=loc, file=name, code="unknown-key", details={"suggested": suggested}
            )
        elif allowed:
            message += _("，此处可用的字段：{keys}").format(keys=_("、").join(allowed))
        return Problem(message, path=loc, file=name, code="unknown-key")
    if kind == "missing":
        return Problem(_("缺少必填项"), path=loc, file=name, code="missing")
    message = _describe(error)
    code = _CODES.get(kind, "invalid")
    return Problem(message, path=loc, file=name, code=code, details={"kind": kind})


# --- the pipeline -----------------------------------------------------------------------------


def _era_of(data: Mapping[str, Any], name: str) -> tuple[Era | None, list[Problem]]:
    year = normalise_year(data.get("年度"))
    if "年度" not in data:  # written with a hidden or look-alike character?
        key = next((k for k in data if comparable(str(k)) == "年度"), None)
        if key is not None:
            message = _("字段“{key}”{characters}，应为“年度”").format(
                key=key, characters=describe(str(key))
            )
            return None, [Problem(message, path=(key,), file=name, code="unknown-key")]
    if data.get("年度") is None:
        return None, [
            Problem(_("缺少必填项（报告年度，如 2017）"), path=("年度",), file=name, code="missing")
        ]
    if year is None:
        shown = _show(data.get("年度"))
        message = _("应为年份数字，如 2017（现为 {value}）").format(value=shown)
        return None, [Problem(message, path=("年度",), file=name)]
    era = era_for_year(year)
    if era is None:
        return None, [Problem(no_era_for_year(year), path=("年度",), file=name, code="era")]
    return era, []


def _line_of(
    lines: Sequence[str], excerpt: str, line: int, col: int | None
) -> tuple[int, int | None]:
    """The line (and column) of a sentence that starts with ``excerpt``, in the text whose key
    is at ``line``: its first occurrence from there on, else the key's own place."""
    for number in range(line - 1, min(len(lines), line + 200)):
        found = lines[number].find(excerpt)
        if found >= 0:
            return number + 1, found + 1
    return line, col


def _place(problems: Sequence[Problem], text: str, name: str) -> list[Problem]:
    """Give each problem its file, line and column, and sort them by line."""
    locator = yamlfile.Locator(text)
    placed = []
    lines: list[str] | None = None
    for p in problems:
        line, col = p.line, p.column
        if line is None and p.path:
            line, col = locator.locate(p.path)
            excerpt = p.details.get("excerpt")
            if line is not None and isinstance(excerpt, str):
                lines = text.splitlines() if lines is None else lines
                line, col = _line_of(lines, excerpt, line, col)
        placed.append(dataclasses.replace(p, file=name, line=line, column=col))
    placed.sort(key=lambda p: (p.line or 0, p.column or 0))
    return placed


def check_text(text: str, name: str, *, draft: bool = False) -> Checked:
    """Check the text of a data file (``name`` is used in messages)."""
    result = _check_text(text, name, draft)
    _acknowledge(result, text, name)
    return result


def check_data(data: dict[str, Any], name: str, *, draft: bool = False) -> Checked:
    """Check data reportkit made itself, as :func:`check_text` checks the data it has read
    (the same checks; plain dicts and lists holding what :func:`yamlfile.parse` gives). There
    is no text: the problems are not placed on lines, and stay in the order they are found."""
    result = Checked(name, None)
    result.problems = _check_data(data, name, result, draft)
    if result.report is not None and result.report.acknowledged:
        result.problems = checks.acknowledge(result.report, result.problems)
    return result


def build_data(data: dict[str, Any], name: str) -> Checked:
    """The report of data reportkit made itself, and its figures with the totals completed,
    as :func:`check_data` builds them, without checking them further: the problems are only
    those that keep the report from being built (for trials such as import's)."""
    result = Checked(name, None)
    result.problems = _check_data(data, name, result, True, checking=False)
    return result


def _acknowledge(result: Checked, text: str, name: str) -> None:
    """Mark the warnings the data file acknowledges (``已核实``), once every check has run."""
    if result.report is not None and result.report.acknowledged:
        result.problems = _place(checks.acknowledge(result.report, result.problems), text, name)


def _check_text(text: str, name: str, draft: bool) -> Checked:
    result = Checked(name, None, made_by=provenance.made_by(text))
    text, stripped = yamlfile.strip_unusable(text)
    removed = [
        Problem(
            _("已删除文件中不可见的控制字符或 XML 不允许的字符（{chars}）").format(
                chars=yamlfile.code_points([char])
            ),
            file=name,
            line=line,
            column=column,
            severity=Severity.WARNING,
            code="normalised",
        )
        for line, column, char in stripped
    ]
    result.problems = [*removed]
    try:
        data = yamlfile.parse(text)
    except yamlfile.YamlProblem as exc:
        result.problems.append(
            Problem(
                exc.message,
                exc.path,
                file=name,
                line=exc.line,
                column=exc.column,
                code="yaml",
            )
        )
        return result
    if data is None:
        result.problems.append(Problem(_("文件为空，没有任何报告数据"), file=name, code="empty"))
        return result
    if not isinstance(data, dict):
        result.problems.append(
            Problem(
                _("文件内容应为报告的各项字段（“年度: 2017”这样的行），而不是{value}").format(
                    value=_show(data)
                )
                + _colon_hint(data),
                file=name,
                code="not-a-report",
            )
        )
        return result
    clean = yamlfile.may_hold_unusable(text)
    problems = removed + _check_data(data, name, result, draft, clean=clean)
    if result.report is not None:  # made from an older pack?
        problems += provenance.pack_problems(text, result.report.ERA)
    result.problems = _place(problems, text, name)
    return result


def _with_totals(report: BaseModel, data: Mapping[str, Any], computed: Sequence[Cell]) -> Any:
    """``report`` with the computed totals filled in from ``data``, without validating again
    (each total is a sum of validated figures; only the models on its way are copied)."""
    if not computed:
        return report
    updates: dict[str | int, Any] = {}
    for cell in computed:
        node: Any = updates
        for step in cell[:-1]:
            node = node.setdefault(step, {})
        node[cell[-1]] = None

    def rebuild(model: Any, changes: dict[str | int, Any], path: Cell) -> Any:
        if isinstance(model, tuple):
            items = list(model)
            for index, sub in changes.items():
                items[int(index)] = rebuild(items[int(index)], sub, (*path, index))
            return tuple(items)
        model_class: type[BaseModel] = type(model)
        by_key = fields_by_alias(model_class)
        update = {}
        for key, sub in changes.items():
            attribute = by_key[str(key)][0]
            here = (*path, key)
            if sub is None:
                update[attribute] = datapath.get(data, here)
            else:
                update[attribute] = rebuild(getattr(model, attribute), sub, here)
        return model.model_copy(update=update)

    return rebuild(report, updates, ())


def _without(data: Any, bad: Sequence[Cell]) -> Any:
    """A copy of ``data`` with each ``bad`` value blanked (None), so the rest validates."""
    out = copy.deepcopy(data)
    for cell in bad:
        container = datapath.get(out, cell[:-1]) if len(cell) > 1 else out
        if datapath.get(container, cell[-1:]) is not None:
            datapath.put(container, cell[-1:], None)
    return out


_GROUP_KINDS = ("model_type", "model_attributes_type", "dict_type")
"""pydantic's kinds for a value that should be a group of fields."""


def _validate(
    model: type[ReportBase], data: dict[str, Any], name: str
) -> tuple[ReportBase | None, list[Problem], list[Cell]]:
    """The report, the schema's problems and the cells they are about.

    A value that fails its own check is reported, then blanked so that everything else
    can still be validated and checked in the same run: errors do not arrive in rounds.
    A missing group of fields is read as an empty one (its blanks are not reported again).
    When that does not help (a required value is missing), no report is built.
    """
    try:
        return model.model_validate(data), [], []
    except ValidationError as exc:
        errors = exc.errors()
    # A group of fields left blank (``落款:`` with nothing under it) is read as an empty group:
    # what it lacks is then said field by field (未填写), not as "should be a group".
    blank_groups = [
        tuple(e["loc"])
        for e in errors
        if e["type"] in _GROUP_KINDS and e.get("input") is None and model_at(model, e["loc"])
    ]
    if blank_groups:
        filled = copy.deepcopy(data)
        for loc in blank_groups:
            datapath.put(filled, loc, {})
        return _validate(model, filled, name)
    problems = [_translate(e, model, name) for e in errors]
    bad = [tuple(e["loc"]) for e in errors if e["type"] not in ("missing", "extra_forbidden")]
    unknown = [tuple(e["loc"]) for e in errors if e["type"] == "extra_forbidden"]
    # A key that is likely a misspelling of another: that other is not also "unfilled".
    suggested = [p.details["suggested"] for p in problems if "suggested" in p.details]
    bad += suggested  # type: ignore[arg-type]
    problems = [p for p in problems if not (p.code == "missing" and p.path in suggested)]
    repaired = _without(data, bad)
    for cell in unknown:  # a misspelt key: reported, and read as if absent
        container = datapath.get(repaired, cell[:-1]) if len(cell) > 1 else repaired
        if isinstance(container, dict):
            container.pop(cell[-1], None)
    for e in errors:  # a missing part that is a group of fields: read as an empty group
        loc = tuple(e["loc"])
        if e["type"] == "missing":
            if model_at(model, loc) is None or not isinstance(
                datapath.get(repaired, loc[:-1]) if len(loc) > 1 else repaired, dict
            ):
                return None, problems, bad
            datapath.put(repaired, loc, {})
            bad.append(loc)
    try:
        return model.model_validate(repaired), problems, bad
    except ValidationError:  # a blank is not allowed where the bad value was
        return None, problems, bad


def _valid_parts(model: type[ReportBase], data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with each part that is valid on its own read as its model reads it (cells
    left out become 0), for checking the figures of a file that builds no report."""
    out = dict(data)
    for key, (_name, info) in fields_by_alias(model).items():
        part = model_of(info.annotation)[0]
        if part is None or not isinstance(data.get(key), dict):
            continue
        try:
            out[key] = part.model_validate(data[key]).model_dump(by_alias=True)
        except ValidationError:
            continue
    return out


def _note_skipped(
    problems: list[Problem], declared: Sequence[identities.Identity], bad: Sequence[Cell]
) -> list[Problem]:
    """Each bad value's problem, saying how many identities wait for it (said once, there)."""
    out = []
    for p in problems:
        note = checks.skipped_note(declared, p.path) if p.path in bad else ""
        out.append(dataclasses.replace(p, message=p.message + note) if note else p)
    return out


def _under(path: Sequence[Any], cells: Sequence[Cell]) -> bool:
    return any(tuple(path[: len(c)]) == c for c in cells)


def _check_data(
    data: dict[str, Any],
    name: str,
    result: Checked,
    draft: bool,
    *,
    clean: bool = True,
    checking: bool = True,
) -> list[Problem]:
    """``checking=False``: the report is built and its totals completed (``result``), and
    nothing more is checked (:func:`build_data`)."""
    era, problems = _era_of(data, name)
    if era is None:
        return problems
    model = era.model
    data, notes = normalise(model, data, clean=clean)
    report, problems, bad = _validate(model, data, name)
    if report is None:
        # No report, but the figures that are there can still be checked against each other.
        readable = _valid_parts(model, _without(data, bad))
        declared = era.identities(readable)
        completed, computed = identities.complete(readable, declared)
        problems = _note_skipped(problems, declared, bad)
        problems += checks.check_identities(era, completed, computed, bad, declared)
        return notes + problems
    dumped = report.model_dump(by_alias=True)
    declared = era.identities(dumped)
    problems = _note_skipped(problems, declared, bad)
    usable = [i for i in declared if not checks.uses(i, bad)]
    completed, computed = identities.complete(dumped, usable)
    result.computed = computed
    result.data = completed
    report = _with_totals(report, completed, computed)
    result.report = report
    if not checking:
        return notes + problems
    problems += checks.check_identities(era, completed, computed, bad, declared)
    later = checks.find_unfilled(report, draft=draft)
    later += checks.check_deadline(report)
    later += checks.check_grassroots_regulations(report, completed)
    later += checks.check_money_places(report, completed)
    later += checks.check_period(report)
    later += prose.check_prose(report, completed)
    later += yearonyear.check_stale_years(report)
    for check in era.checks:
        later += check(report)
    # A blanked bad value (or a total of it) is not also "unfilled", nor checked further.
    unknown = checks.tainted(declared, bad) if bad else []
    problems += [p for p in later if not _under(p.path, unknown)]
    return notes + problems


def _previous_path(path: Path, report: ReportBase) -> Path | Problem | None:
    """Last year's data file named in the report (``上年数据``), relative to ``path``; when it
    is not there, a warning, unless the report carries what the checks need (``上年参照``)."""
    if report.previous_file is None:
        return None
    candidate = path.parent / report.previous_file
    if candidate.is_file():
        return candidate
    if report.reference is not None:
        return None
    return Problem(
        _("找不到上年数据文件 {file}，未能比对上年文字").format(file=report.previous_file),
        path=("上年数据",),
        severity=Severity.WARNING,
        code="previous-missing",
    )


def _compare_with_previous(
    report: ReportBase, previous: Path, threshold: int | None
) -> list[Problem]:
    """Year-on-year checks against last year's data file itself (it takes precedence over
    the report's ``上年参照``); when that file has errors, against ``上年参照`` if any."""
    prev = check_file(previous, draft=True, follow_previous=False)
    if prev.report is None:
        problems = [
            Problem(
                _("上年数据文件 {file} 有错误，未能比对上年文字").format(file=previous),
                severity=Severity.WARNING,
                code="previous-invalid",
            )
        ]
        return problems + _compare_with_reference(report, threshold)
    found = yearonyear.compare(
        report, yearonyear.reference_of(prev.report), previous.name, threshold=threshold
    )
    if not any(p.code == "previous-year" for p in found):
        found += checks.check_copied_figures(report, prev.report, previous.name)
    return found


def _compare_with_reference(report: ReportBase, threshold: int | None) -> list[Problem]:
    """Year-on-year checks against what the report carries of last year's (``上年参照``)."""
    if report.reference is None:
        return []
    return yearonyear.compare(
        report,
        report.reference,
        _("{year} 年度，上年参照").format(year=report.reference.year),
        threshold=threshold,
        path=("上年参照", "年度"),
    )


def _threshold(report: ReportBase, option: int | None) -> int | None:
    """The copied-text threshold: the command line's, else the data file's, else the default."""
    if option is not None:
        return option
    return report.reference.copied_threshold if report.reference is not None else None


def check_file(
    path: Path,
    *,
    draft: bool = False,
    previous: Path | None = None,
    follow_previous: bool = True,
    copied_threshold: int | None = None,
) -> Checked:
    """Check one data file; bad data gives problems, never an exception (UsageError aside).

    Last year's file (``previous``, else the one the report names in ``上年数据``) is
    compared with this one, else what the report carries of it (``上年参照``);
    ``follow_previous=False`` skips that. ``copied_threshold`` (%) overrides the share of
    text found in last year's above which a text is warned (``上年参照.重复比例阈值``, 50).
    """
    name = str(path)
    try:
        text = read_text(path)
    except DataError as exc:
        return Checked(name, None, list(exc.problems))
    result = _check_text(text, name, draft)
    if result.report is None or not follow_previous:
        _acknowledge(result, text, name)
        return result
    report = result.report
    threshold = _threshold(report, copied_threshold)
    found = previous if previous is not None else _previous_path(path, report)
    if isinstance(found, Problem):
        extra = [found]
    elif found is not None:
        extra = _compare_with_previous(report, found, threshold)
    else:
        extra = _compare_with_reference(report, threshold)
    if extra:
        result.problems = _place([*result.problems, *extra], text, name)
    _acknowledge(result, text, name)
    return result


def load(
    path: Path, *, draft: bool = False, previous: Path | None = None
) -> tuple[ReportBase, list[Problem]]:
    """The checked report of a data file and its warnings; DataError if it has any error."""
    result = check_file(path, draft=draft, previous=previous)
    if result.report is None or result.errors:
        raise DataError(result.problems, path)
    return result.report, result.warnings
