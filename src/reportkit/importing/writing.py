"""The imported data as a commented data file: each part says where in the source it came
from, each blank cell that it was printed blank, and the header lists what is left to do."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from reportkit import yamlfile
from reportkit.eras.introspect import fields, model_at
from reportkit.i18n import _
from reportkit.importing.recognise import Imported, Path

__all__ = ["to_yaml", "to_yaml_unannotated"]


def _ordered(model: type[BaseModel] | None, node: Mapping[str, Any]) -> list[str]:
    """The keys of ``node`` in the order the model declares them (unknown keys last)."""
    order = [f.key for f in fields(model)] if model is not None else []
    return sorted(node, key=lambda k: order.index(k) if k in order else len(order))


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
    if isinstance(node, dict):
        model = model_at(found.era.model, path)
        return {key: _plain(found, node[key], (*path, key)) for key in _ordered(model, node)}
    if isinstance(node, list):
        return [_plain(found, item, (*path, i)) for i, item in enumerate(node)]
    return node


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
        header.extend(
            f"  {where}: {text}" if where else f"  {text}" for where, text in _lines(found.unplaced)
        )
    return header


def _lines(items: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each unplaced item on one comment line (its text shortened, line breaks removed)."""
    out = []
    for where, text in items:
        one = " ".join(text.split())
        out.append((where, one if len(one) <= 60 else one[:60] + "……"))
    return out
