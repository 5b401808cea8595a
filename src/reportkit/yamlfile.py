"""YAML text → plain data, fast and strict, and data paths → file lines.

Parsing uses libyaml (PyYAML's C parser) because an office checks thousands of
files at once; ruamel.yaml's round-trip loader, which knows the line and column
of every key, is only run when a problem has to be placed (:class:`Locator`).

Both read YAML 1.2's core schema, so they agree on what a scalar is: only
``true``/``false`` are booleans (``yes``, ``no``, ``on``, ``off`` stay text) and
``8:30`` is text, not a base-60 number. A data file never needs anchors and
aliases, and a key may appear only once in a mapping: both are refused, which
also shuts out "billion laughs" files whose aliases expand without end.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError as RuamelError

__all__ = ["Locator", "YamlProblem", "parse"]

try:  # libyaml is bundled with PyYAML's wheels; the pure parser is the fallback.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class YamlProblem(Exception):
    """Text that is not a YAML data file, with where (1-based) and why, in Chinese."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class _Resolver(yaml.resolver.Resolver):
    """YAML 1.2 core schema scalars (the same as ruamel.yaml reads)."""


_Resolver.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
    ]
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)


class _Loader(_BaseLoader, _Resolver):
    """libyaml's parser with the 1.2 resolver, refusing aliases and duplicate keys."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._seen: set[int] = set()

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # The same node reached twice is an alias (*name): refuse it before it can expand.
        if id(node) in self._seen:
            raise YamlProblem(
                "数据文件中不能使用锚点和别名（& 和 *），请把内容直接写出来",
                node.start_mark.line + 1,
                node.start_mark.column + 1,
            )
        self._seen.add(id(node))
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        keys: set[Any] = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str | int):
                raise YamlProblem(
                    "字段名应为文字", key_node.start_mark.line + 1, key_node.start_mark.column + 1
                )
            if key in keys:
                raise YamlProblem(
                    f"字段“{key}”在同一层重复出现，请删去或合并其中一个",
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
            keys.add(key)
        self._seen.difference_update(id(k) for k, _v in node.value)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        # YAML 1.2: 010 is ten (PyYAML's YAML 1.1 would read it as octal eight).
        value = str(self.construct_scalar(node))
        if value.startswith(("0o", "0x")):
            return int(value, 0)
        return int(value, 10)


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)


# libyaml's messages for the mistakes clerks make, with what to do about them.
_HINTS: Sequence[tuple[str, str]] = (
    ("found character '\\t'", "使用了制表符（Tab）：YAML 只能用空格缩进，请把 Tab 换成空格"),
    (
        "mapping values are not allowed",
        "这一行的冒号位置不对：同一层的字段要对齐，“字段: 值”的冒号后要有空格",
    ),
    ("could not find expected ':'", "缺少冒号：每个字段都应写成“字段: 值”"),
    ("did not find expected key", "缩进不一致：同一层的字段应左对齐"),
    ("expected ',' or ']'", "方括号 [ ] 没有成对，或列表各项之间缺少逗号"),
    ("expected ',' or '}'", "花括号 { } 没有成对，或各项之间缺少逗号"),
    ("found undefined alias", "数据文件中不能使用锚点和别名（& 和 *）"),
    ("found unexpected end of stream", "文件在引号或括号中途结束，请检查引号和括号是否成对"),
    ("while scanning a quoted scalar", "引号没有成对：请检查这一段文字的引号"),
    ("expected <block end>", "缩进不一致：同一层的字段应左对齐"),
    ("found a tab character", "使用了制表符（Tab）：YAML 只能用空格缩进，请把 Tab 换成空格"),
)


def _explain(exc: yaml.MarkedYAMLError, source: str) -> str:
    mark = exc.problem_mark
    if mark is not None:
        lines = source.splitlines()
        if mark.line < len(lines) and "\t" in lines[mark.line]:
            return _HINTS[0][1]
    text = f"{exc.context or ''} {exc.problem or ''}"
    for needle, hint in _HINTS:
        if needle in text:
            return hint
    problem = (exc.problem or str(exc)).strip()
    return f"YAML 格式错误：{problem}（请检查这一行及上一行的缩进、冒号和引号）"


def parse(text: str) -> Any:
    """The data in ``text``; YamlProblem (placed where known) if it is not a YAML data file."""
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "end of stream" in (exc.problem or ""):
            mark = exc.context_mark  # where the unclosed quote or bracket began
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        raise YamlProblem(_explain(exc, text), line, column) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"YAML 格式错误：{exc}") from None
    except RecursionError:
        raise YamlProblem("文件嵌套层次过深，不像是报告数据文件") from None
    finally:
        loader.dispose()


class Locator:
    """Finds the line and column of a data path, parsing the text again only when asked."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._root: Any = None
        self._parsed = False

    def _load(self) -> Any:
        if not self._parsed:
            self._parsed = True
            try:
                self._root = YAML(typ="rt").load(self._text)
            except RuamelError:
                self._root = None
        return self._root

    def locate(self, path: Sequence[str | int]) -> tuple[int | None, int | None]:
        """(line, column), 1-based, of the deepest part of ``path`` found in the file."""
        node = self._load()
        line: int | None = None
        col: int | None = None
        for step in path:
            if isinstance(node, CommentedMap) and not isinstance(step, int) and step in node:
                line, col = node.lc.key(step)
                node = node[step]
            elif isinstance(node, CommentedSeq) and isinstance(step, int) and step < len(node):
                line, col = node.lc.item(step)
                node = node[step]
            else:
                break
        if line is None or col is None:
            return None, None
        return line + 1, col + 1
