"""``new --year``: a commented data file to fill in, fresh or carried over from last year.

The file is generated from the era's model, so it always has exactly the keys the
schema accepts. Carried over from last year's file, it keeps the unit, the
structure (category names, section titles) and the prose, and blanks every figure.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from reportkit import datapath, yamlfile, yearonyear
from reportkit.eras import Era, era_for_year, era_of, no_era_for_year
from reportkit.eras.introspect import fields, fields_by_alias, model_at, model_of, scalar_of
from reportkit.eras.model import PROSE_KEYS, Filling, ReportBase
from reportkit.eras.tables import CONFIRM_KEY
from reportkit.errors import UsageError

__all__ = ["scaffold"]

_CARRIED_TEXT = "沿用上年文字，请按本年情况修改"
_FILL_FIGURE = "请填写本年数字"


# 统计期限 is written only when it is not the calendar year: a new file leaves it out.
_STARTER_SKIP = ("上年数据", "上年参照", "统计期限")


def _node(
    model: type[BaseModel],
    values: Mapping[str, Any] | None,
    blank_cells: bool = False,
    *,
    show_one: tuple[str, ...] = (),
) -> CommentedMap:
    """The YAML mapping for ``model``.

    ``values`` are last year's data (by alias) when carrying over: every figure is this
    year's to give (a fill-in is blank, a table cell back to 0), dates are blank, prose is
    kept and flagged, everything else kept. With ``values`` None this is a starter: every
    field, blank or at its default, with its description as a comment. ``blank_cells``
    writes a table row's cells blank (a row the clerk must state, even as 0); a starter
    shows each list keyed in ``show_one`` with one blank item.
    """
    out = CommentedMap()
    starter = values is None
    for field in fields(model):
        key, info, kind = field.key, field.info, field.filling
        value = None if values is None else values.get(key)
        inner, many = model_of(info.annotation)
        hint = info.description or ""
        comment = hint if starter else None
        if starter and key in _STARTER_SKIP:
            continue
        if inner is not None and many:
            items: list[Any] = list(value or [])
            if starter and key in show_one:
                items = [None]
            if not items:
                continue
            out[key] = CommentedSeq(_node(inner, item, show_one=show_one) for item in items)
            comment = None
        elif inner is not None:
            confirm = isinstance(info.json_schema_extra, dict) and bool(
                info.json_schema_extra.get(CONFIRM_KEY)
            )
            if not starter and value is None:
                if kind is None and info.is_required() is False:
                    continue
                sub = _node(
                    inner, None, confirm, show_one=show_one
                )  # a block last year did not have: to fill in
            else:
                sub = _node(inner, value, confirm, show_one=show_one)
            if not starter and not sub:
                continue
            out[key] = sub
        elif kind is Filling.DERIVABLE:
            out[key] = None
            comment = "可不填，自动合计"
        elif kind is Filling.CELL:
            out[key] = None if blank_cells else 0
            if blank_cells:
                comment = "请填写（没有的填 0）"
        elif (
            kind is Filling.REQUIRED
            and not starter
            and scalar_of(info.annotation) in (int, Decimal)
        ):
            out[key] = None
            comment = f"{_FILL_FIGURE}：{hint}" if hint else _FILL_FIGURE
        elif scalar_of(info.annotation) is dt.date:
            out[key] = None  # a date is always this year's
        elif starter:
            out[key] = info.get_default(call_default_factory=True)
        elif key in PROSE_KEYS and value is not None:
            out[key] = _block(value)
            comment = _CARRIED_TEXT
        elif kind is not None or (value is not None and value != info.get_default()):
            out[key] = value
        if comment:
            out.yaml_add_eol_comment(comment, key)
    return out


def _block(text: str) -> str:
    """Text of several lines as a literal block (``|``), its paragraphs as the clerk wrote them."""
    return LiteralScalarString(text) if "\n" in text else text


def _reference(previous: ReportBase) -> CommentedMap:
    """The ``上年参照`` block: what next year's checks need of last year's report."""
    node = CommentedMap(
        yearonyear.reference_of(previous).model_dump(by_alias=True, exclude_none=True)
    )
    for key in [k for k, v in node.items() if v == {}]:
        del node[key]
    if "文字" in node:
        node["文字"] = CommentedMap((k, _block(v)) for k, v in node["文字"].items())
    return node


_YEAR_SPECIFIC = ("标题", "上年数据", "上年参照", "已核实", "统计期限")
"""Top-level keys never carried into next year's file."""


def _compatible(old: FieldInfo, new: FieldInfo) -> bool:
    """Whether last year's value of a field can stand in this year's model unchanged."""
    old_model, old_many = model_of(old.annotation)
    new_model, new_many = model_of(new.annotation)
    if old_many != new_many:
        return False
    if old_model is None or new_model is None:
        return old_model is new_model
    return issubclass(new_model, old_model) or issubclass(old_model, new_model)


def _carried(previous: ReportBase, model: type[ReportBase]) -> dict[str, Any]:
    """Last year's data, keeping only what fits this year's model (eras may differ)."""
    dumped = previous.model_dump(by_alias=True)
    old_fields = fields_by_alias(type(previous))
    kept: dict[str, Any] = {}
    for field in fields(model):
        key = field.key
        if key in _YEAR_SPECIFIC or key not in old_fields:
            continue
        if _compatible(old_fields[key][1], field.info):
            kept[key] = dumped.get(key)
    return kept


def _carry_in(node: CommentedMap, era: Era, previous: ReportBase) -> list[str]:
    """This year's 上年结转 is last year's 结转下年度 (Table 2): fill it in, and say what moved."""
    notes: list[str] = []
    last = era_of(previous)
    if era.carried_in is not None and last.carried_over is not None:
        carried = datapath.get(previous.model_dump(by_alias=True), last.carried_over)
        row = datapath.get(node, era.carried_in)
        holder = datapath.get(node, era.carried_in[:-1])
        row_model = model_at(era.model, era.carried_in)
        derivable = (
            {f.key for f in fields(row_model) if f.filling is Filling.DERIVABLE}
            if row_model
            else set()
        )
        if isinstance(row, CommentedMap) and isinstance(carried, dict):
            for column in list(row):  # a derivable 总计 stays blank, to be computed
                if column not in derivable and carried.get(column) is not None:
                    row[column] = carried[column]
            holder.yaml_add_eol_comment("已按上年报告的“结转下年度”填入", era.carried_in[-1])
            notes.append("“上年结转”已按上年报告的“结转下年度”填入。")
    for moved in era.carried_from.get(last.name, ()):
        holder = datapath.get(node, moved.path[:-1])
        if isinstance(holder, CommentedMap) and moved.path[-1] in holder:
            holder.yaml_add_eol_comment(moved.comment, moved.path[-1])
            notes.append(moved.note)
    return notes


def _relative(path: Path, start: Path) -> str:
    """``path`` relative to ``start``, or absolute where there is no relative path
    (on Windows, another drive: the data on D:, Python on C:)."""
    try:
        return os.path.relpath(path, start)
    except ValueError:
        return str(Path(path).resolve())


def scaffold(
    year: int,
    *,
    previous: ReportBase | None = None,
    out_dir: Path,
    schema_path: Path | None = None,
) -> str:
    """The text of a new data file for ``year`` (carried over from ``previous`` when given)."""
    era = era_for_year(year)
    if era is None:
        raise UsageError(no_era_for_year(year))
    model = era.model
    values = _carried(previous, model) if previous is not None else None
    node = _node(model, values, show_one=era.starter_lists)
    node["年度"] = year
    notes: list[str] = []
    if previous is not None:
        if era.name != previous.ERA:
            notes.append(
                f"上年是 {previous.ERA} 年版格式，本年度适用 {era.name} 年版："
                "只沿用了两版共有的部分（单位信息、文字等），表格请按新格式填写。"
            )
        notes += _carry_in(node, era, previous)
        node["上年参照"] = _reference(previous)
        node.yaml_set_comment_before_after_key(
            "上年参照",
            before="上年报告中逐年比对所需的内容（由上年文件生成，请勿修改）：校验时提示照抄上年的"
            "文字、\n表一现行有效件数与上年不衔接、上年结转与上年结转下年度不一致",
        )
    lines = []
    if schema_path is not None:
        lines.append(f"yaml-language-server: $schema={_relative(schema_path, out_dir)}")
    lines.append(
        f"{year} 年度政府信息公开工作年度报告数据文件（{era.name} 年版格式，{era.schema}）。"
    )
    if previous is not None:
        lines.append("由上年文件生成：数字已清空待填写，文字沿用上年，请逐段按本年情况修改。")
        lines.extend(notes)
    lines.append(
        "填写后运行 reportkit validate 本文件 检查，reportkit render 本文件 生成 Word 文档。"
    )
    return yamlfile.dump(node, lines)
