"""The imported data as a commented data file: each part says where in the source it came
from, each blank cell that it was printed blank, and the header lists what is left to do."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from reportkit import provenance, yamlfile
from reportkit.eras.introspect import fields, fields_by_alias, model_at, model_of
from reportkit.i18n import _
from reportkit.importing.recognise import Imported, Path

__all__ = ["AsRead", "as_read", "to_yaml", "to_yaml_unannotated"]


def _ordered(model: type[BaseModel] | None, node: Mapping[str, Any]) -> list[str]:
    """The keys of ``node`` in the order the model declares them (unknown keys last)."""
    if model is None:
        return list(node)
    order = _order(model)
    last = len(order)
    return sorted(node, key=lambda k: order.get(k, last))


@functools.cache
def _order(model: type[BaseModel]) -> dict[str, int]:
    """Each of the model's keys → its place among them (the first place of a repeated key)."""
    order: dict[str, int] = {}
    for i, f in enumerate(fields(model)):
        order.setdefault(f.key, i)
    return order


@functools.lru_cache(maxsize=4096)
def _child(model: type[BaseModel] | None, key: str | int) -> type[BaseModel] | None:
    """:func:`model_at` one step further: the model of the mapping at ``key`` of ``model``'s."""
    if model is None or isinstance(key, int):
        return model
    found = fields_by_alias(model).get(key)
    return model_of(found[1].annotation)[0] if found is not None else None


def _build(found: Imported, node: Any, path: Path, blanks: dict[Path, str]) -> Any:
    if isinstance(node, dict):
        out = CommentedMap()
        model = model_at(found.era.model, path)
        for key in _ordered(model, node):
            here = (*path, key)
            out[key] = _build(found, node[key], here, blanks)
            if here in blanks:
                out.yaml_add_eol_comment(blanks[here], key)
            elif here in found.origins:
                out.yaml_add_eol_comment(_("来自 {where}").format(where=found.origins[here]), key)
        return out
    if isinstance(node, list):
        seq = CommentedSeq()
        for i, item in enumerate(node):
            seq.append(_build(found, item, (*path, i), blanks))
        return seq
    if isinstance(node, str) and "\n" in node:
        return LiteralScalarString(node)
    return node


def to_yaml(found: Imported, source: str) -> str:
    """The data file's text: a header, then the data with its comments."""
    return yamlfile.dump(_build(found, found.data, (), _blank_notes(found)), _header(found, source))


def to_yaml_unannotated(found: Imported, source: str) -> str:
    """The same data file for reportkit to check, never a person: the same header, the same
    data with its keys in the same order (a part on a line of its own, as in :func:`to_yaml`),
    without the comment on each part — written by libyaml, in a fraction of the time."""
    header = "".join(f"# {line}\n" for line in _header(found, source))
    return header + yamlfile.dump_data(_plain(found, found.data, ()))


def _plain(found: Imported, node: Any, path: Path) -> Any:
    """``node`` as :func:`_build` orders it, in plain dicts and lists."""
    return _plain_under(model_at(found.era.model, path), node)


def _plain_under(model: type[BaseModel] | None, node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _plain_under(_child(model, key), node[key]) for key in _ordered(model, node)}
    if isinstance(node, list):
        return [_plain_under(model, item) for item in node]
    return node


# --- the same data file, as reading it gives it back, without writing it ---------------------


class AsRead:
    """What checking :func:`to_yaml_unannotated`'s text would read from it, known without the
    text: its header (the comment lines), the data as :func:`yamlfile.parse` gives it back
    (the same keys in the same order, the same values and types), and the order of the
    places of its parts in the text."""

    def __init__(self, header: str, data: dict[str, Any], ranks: dict[Path, int]) -> None:
        self.header = header
        self.data = data
        self._ranks = ranks

    def place(self, path: Sequence[Any]) -> int | None:
        """Where the text would place a problem at ``path``, as a rank among the places of the
        file's keys and items: those of the deepest part of ``path`` in the data, as
        :class:`yamlfile.Locator` finds it (None when the text would not place it either).
        Ranks follow the text's lines and columns; an item that is a mapping starts where its
        first key does (``- 名称: …``), and has its rank."""
        path = tuple(path)
        for end in range(len(path), 0, -1):
            rank = self._ranks.get(path[:end])
            if rank is not None:
                return rank
        return None

    def placeable(self, path: Sequence[Any]) -> bool:
        """Whether :meth:`place` finds ``path`` exactly as the locator would: every step text
        or a whole number (a list position)."""
        return all(type(step) in (str, int) for step in path)


class _TextNeeded(Exception):
    """A value whose reading back only the text itself can tell."""


_BREAKS = re.compile("[\r\t\x85\u2028\u2029]")
"""Characters YAML reads back otherwise than written outside a double-quoted scalar (line
breaks it normalises, a tab): data holding one is checked from the text itself."""
_READ_OTHERWISE = re.compile(f"{yamlfile.UNUSABLE.pattern}|{_BREAKS.pattern}")
"""Those, and the characters no report may carry (removed from the text before it is read)."""
_DEEPEST = 64
"""Nesting beyond which the text is read instead (the reader refuses far deeper files)."""
_LONGEST_KEY = 100
"""Keys longer than this may be written as ``? key`` (another place): the text is read."""


def as_read(found: Imported, source: str) -> AsRead | None:
    """:class:`AsRead` of the data file :func:`to_yaml_unannotated` writes for ``found``, or
    None when only reading that text can tell (a header line that would not be a comment,
    the pack comment, text with a character YAML reads back otherwise, a value of another
    kind than text, numbers, amounts, dates, yes/no and enum members)."""
    header = "".join(f"# {line}\n" for line in _header(found, source))
    lines = header.split("\n")
    if (
        yamlfile.UNUSABLE.search(header)
        or _BREAKS.search(header)
        or any(not line.startswith("# ") for line in lines[:-1])
        or provenance.pack_problems(header, found.era.name)
    ):
        return None
    ranks: dict[Path, int] = {}
    try:
        data = _read_back(found.era.model, found.data, (), ranks, [0])
    except _TextNeeded:
        return None
    return AsRead(header, data, ranks)


def _read_back(
    model: type[BaseModel] | None,
    node: Any,
    path: Path,
    ranks: dict[Path, int],
    count: list[int],
) -> Any:
    """``node`` as :func:`_plain` orders it and YAML reads it back; the rank of each key and
    item below it in ``ranks`` (``count``: the next rank)."""
    if len(path) > _DEEPEST:
        raise _TextNeeded
    kind = type(node)
    if kind is dict:
        out = {}
        for i, key in enumerate(_ordered(model, node)):
            if type(key) is not str or not _plain_key(key):
                raise _TextNeeded
            here = (*path, key)
            if i == 0 and path and type(path[-1]) is int:
                ranks[here] = count[0] - 1  # the first key of a mapping in a list: its item's
            else:
                ranks[here] = count[0]
                count[0] += 1
            out[key] = _read_back(_child(model, key), node[key], here, ranks, count)
        return out
    if kind is list:
        items = []
        for i, item in enumerate(node):
            here = (*path, i)
            ranks[here] = count[0]
            count[0] += 1
            items.append(_read_back(model, item, here, ranks, count))
        return items
    if kind is str:
        _check_text(node)
        return node
    if kind is int or kind is bool or node is None:
        return node
    if kind in (Decimal, float, dt.date, dt.datetime) or isinstance(node, Enum):
        return _scalar_read_back(node)
    raise _TextNeeded


def _check_text(text: str) -> None:
    if _READ_OTHERWISE.search(text):
        raise _TextNeeded


@functools.lru_cache(maxsize=4096)  # every report has the same keys
def _plain_key(key: str) -> bool:
    """Whether ``key`` is written as it is, on its key's line, and read back as it is."""
    return len(key) <= _LONGEST_KEY and "\n" not in key and not _READ_OTHERWISE.search(key)


def _scalar_read_back(value: Any) -> Any:
    """A scalar other than text or a whole number as reading the file gives it back (an
    amount of 12 is the number 12, an enum member its text): written and read on its own
    (a scalar is written the same wherever it is)."""
    return yamlfile.parse(yamlfile.dump_data([value]))[0]


def _blank_notes(found: Imported) -> dict[Path, str]:
    """The comment of each cell printed blank or with something that is no figure."""
    return {
        **{
            path: _("原表空白（{where}），请核实后填写").format(where=w) for path, w in found.blanks
        },
        **{
            path: _("原表此格不是数字（{where}），请核实后填写").format(where=w)
            for path, w in found.unread
        },
    }


def _header(found: Imported, source: str) -> list[str]:
    """The header's lines: where the data comes from, and what is left to do."""
    header: list[str] = [
        _("由 reportkit import 从 {source} 导入（{era} 年版格式）。").format(
            source=source, era=found.era.name
        ),
        _("每项后的注释说明它来自原文何处；数字均照原文录入，没有推算。"),
        _("先运行 reportkit validate --draft 本文件，核对后补齐待填写的项目。"),
    ]
    header.extend(found.notes)
    if found.blanks:
        header.append(
            _("原表中空白的格 {n} 处，已留空待填写（与印作 0 的格不同）。").format(
                n=len(found.blanks)
            )
        )
    if found.unplaced:
        header.append(
            _("以下 {n} 处内容未能归入数据文件，请人工核对：").format(n=len(found.unplaced))
        )
        header.extend(_lines(found.unplaced))
    return header


_WIDTH = 60
"""Characters of an unplaced item's text on one comment line; the rest on the lines after."""


def _lines(items: Sequence[tuple[str, str]]) -> list[str]:
    """Each unplaced item in full, for the clerk to place (never cut: no other copy of its
    text is in the file): its line breaks removed, a long one over several comment lines."""
    out = []
    for where, text in items:
        one = " ".join(text.split())
        pieces = [one[i : i + _WIDTH] for i in range(0, len(one), _WIDTH)] or [""]
        out.append(f"  {where}: {pieces[0]}" if where else f"  {pieces[0]}")
        out.extend(f"    {piece}" for piece in pieces[1:])
    return out
