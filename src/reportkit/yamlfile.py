"""YAML text → plain data, fast and strict; data paths → file lines; data → YAML text.

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

from reportkit.i18n import N_, _

__all__ = [
    "UNUSABLE",
    "Locator",
    "YamlProblem",
    "code_points",
    "dump",
    "dump_data",
    "may_hold_unusable",
    "parse",
    "strip_unusable",
    "unusable",
]

try:  # libyaml is bundled with PyYAML's wheels; the pure parser is the fallback.
    from yaml import CSafeDumper as _BaseDumper
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


_NONCHARACTERS = "".join(
    chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000)
)
UNUSABLE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef{_NONCHARACTERS}]")
"""Characters no report may carry: the C0 controls but tab, line feed and carriage return
(XML 1.0 forbids them; docxtpl would read \\a and \\f as a new paragraph or page), DEL,
lone surrogates, and the noncharacters (U+FFFE, U+FFFF in every plane, U+FDD0–U+FDEF).
Each is removed where it is read, with a warning naming it."""

_MAY_BE_UNUSABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\U00010000-\U0010ffff]"
)
""":data:`UNUSABLE` with every character beyond the first plane in its place, which ``re``
searches ten times faster (it tries the other planes' noncharacters one by one): a text it
finds nothing in holds nothing :data:`UNUSABLE` names."""


def unusable(text: str) -> list[str]:
    """The characters of ``text`` no report may carry (see :data:`UNUSABLE`), in order."""
    return UNUSABLE.findall(text)


def code_points(chars: Sequence[str]) -> str:
    """``U+FFFF、U+0007``: each distinct character by its code point, in order of appearance."""
    return "、".join(f"U+{ord(c):04X}" for c in dict.fromkeys(chars))


def strip_unusable(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    """``text`` without the characters no report may carry (which YAML's reader refuses too),
    and where each one was: (line, column, character), 1-based, in the text as it was."""
    if _MAY_BE_UNUSABLE.search(text) is None or UNUSABLE.search(text) is None:
        return text, []
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        found += [(number, m.start() + 1, m.group()) for m in UNUSABLE.finditer(line)]
    return UNUSABLE.sub("", text), found


def may_hold_unusable(text: str) -> bool:
    """Whether the data :func:`parse` reads from ``text`` (stripped by :func:`strip_unusable`)
    can still hold a character :data:`UNUSABLE` names: only an escape in double quotes
    ("\\a", "\\x07", "\\uFFFF") writes one, and each begins with a backslash."""
    return "\\" in text


class YamlProblem(Exception):
    """Text that is not a YAML data file, with where (1-based) and why, in the user's language."""

    def __init__(
        self,
        message: str,
        line: int | None = None,
        column: int | None = None,
        path: tuple[str | int, ...] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.path = path
        """The field it is about, in the file's own keys (list items 0-based), when known."""


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


_STR = "tag:yaml.org,2002:str"
_PLAIN_TAGS: dict[str, str] = {}
"""Short plain scalar → its resolved tag (most values of a data file are 0, 1, 2…)."""


def _plain_tag(value: str) -> str:
    """The YAML 1.2 core tag of a plain (unquoted) scalar, as the resolver decides it."""
    tag = _PLAIN_TAGS.get(value)
    if tag is not None:
        return tag
    resolvers = _Resolver.yaml_implicit_resolvers.get(value[0] if value else "", [])
    tag = _STR
    for candidate, regexp in [*resolvers, *_Resolver.yaml_implicit_resolvers.get(None, [])]:
        if regexp.match(value):
            tag = candidate
            break
    if len(value) <= 32 and len(_PLAIN_TAGS) < 4096:
        _PLAIN_TAGS[value] = tag
    return tag


_TIMESTAMPS = yaml.constructor.SafeConstructor()


def _float(value: str) -> float:
    text = value.lower()
    sign = -1.0 if text.startswith("-") else 1.0
    if text.lstrip("+-") == ".inf":
        return sign * float("inf")
    if text == ".nan":
        return float("nan")
    return float(text)


def _timestamp(value: str) -> Any:
    try:
        return _TIMESTAMPS.construct_yaml_timestamp(
            yaml.ScalarNode("tag:yaml.org,2002:timestamp", value)
        )
    except ValueError:
        return value  # 2018-02-30: no such day; validation refuses it with the field's name


_CONSTRUCT: dict[str, Any] = {
    _STR: str,
    "tag:yaml.org,2002:null": lambda value: None,
    "tag:yaml.org,2002:bool": lambda value: value.lower() == "true",
    # YAML 1.2: 010 is ten (PyYAML's YAML 1.1 would read it as octal eight).
    "tag:yaml.org,2002:int": lambda value: int(value, 0 if value.startswith(("0o", "0x")) else 10),
    "tag:yaml.org,2002:float": _float,
    "tag:yaml.org,2002:timestamp": _timestamp,
    # "<<" and "=" mean nothing in a data file: they stay text (and are refused as keys).
    "tag:yaml.org,2002:merge": str,
    "tag:yaml.org,2002:value": str,
}
_COLLECTION_TAGS = (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_MAX_DEPTH = 100
"""A report is a few levels deep; deeper nesting is not a data file (nor may it exhaust memory)."""


def _place(mark: Any) -> tuple[int | None, int | None]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (None, None)


def _scalar(event: yaml.ScalarEvent) -> Any:
    tag = event.tag
    if tag is None:
        tag = _plain_tag(event.value) if event.implicit[0] else _STR
    elif tag == "!":
        tag = _STR
    construct = _CONSTRUCT.get(tag)
    if construct is None:
        raise YamlProblem(
            _("数据文件中不能使用标签 {tag}，请直接写出值").format(tag=tag),
            *_place(event.start_mark),
        )
    try:
        value = construct(event.value)
    except ValueError:
        raise YamlProblem(
            _("“{value}”不能按标签 {tag} 读取").format(value=event.value, tag=tag),
            *_place(event.start_mark),
        ) from None
    return value


def _paragraphs(text: str, style: str | None) -> str:
    """In plain and folded (>) text a line break only comes from a blank line in the file,
    which a clerk means as a new paragraph; literal (|) and quoted text keep their breaks.
    Called only for a text holding a line break (the build loop asks that first)."""
    return text.replace("\n", "\n\n") if style in (None, "", ">") else text


_NO_KEY = object()


class _Frame:
    """A mapping or list being built, and (for a mapping) the key waiting for its value."""

    __slots__ = ("container", "key")

    def __init__(self, container: dict[Any, Any] | list[Any]) -> None:
        self.container = container
        self.key: Any = _NO_KEY


def _merges(event: yaml.ScalarEvent) -> bool:
    """Whether a ``<<`` key is YAML's merge key (plain, or tagged !!merge), which other YAML
    readers (ruamel.yaml, an editor's) would expand; a quoted "<<" is only text."""
    if event.tag is None:
        return bool(event.implicit[0])
    return event.tag == "tag:yaml.org,2002:merge"


def _path_of(stack: Sequence[_Frame]) -> tuple[str | int, ...]:
    """The field the innermost container of ``stack`` is, by key and list position."""
    return tuple(
        frame.key if type(frame.container) is dict else len(frame.container) for frame in stack[:-1]
    )


def _build(events: Any) -> Any:
    """The data of the one document in a stream of libyaml events.

    The events are turned into dicts, lists and scalars directly (PyYAML's node graph and
    its constructor are skipped: they cost more than parsing). Aliases, duplicate keys,
    keys that are not text and unknown tags are refused where they are written.
    """
    events.get_event()  # stream start
    if events.check_event(yaml.StreamEndEvent):
        return None
    events.get_event()  # document start
    # Locals: this loop runs for every key and value of every file an office checks.
    get_event = events.get_event
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    plain_tags, construct = _PLAIN_TAGS, _CONSTRUCT
    anchors: dict[str, Any] = {}
    stack: list[_Frame] = []
    value: Any
    while True:
        event = get_event()
        kind = type(event)
        if kind is scalar_event:
            if event.anchor is not None:
                anchors[event.anchor] = event.start_mark
            text = event.value
            if event.tag is not None:
                value = _scalar(event)
            elif not event.implicit[0]:
                # quoted or block: always text
                value = _paragraphs(text, event.style) if "\n" in text else text
            else:
                tag = plain_tags.get(text) or _plain_tag(text)
                if tag is _STR:
                    value = _paragraphs(text, event.style) if "\n" in text else text
                else:
                    try:
                        value = construct[tag](text)
                    except ValueError:
                        value = _scalar(event)  # raises the placed explanation
        elif kind is mapping_start or kind is sequence_start:
            parent = stack[-1] if stack else None
            if parent is not None and type(parent.container) is dict and parent.key is _NO_KEY:
                raise YamlProblem(_("字段名应为文字"), *_place(event.start_mark))
            if event.tag not in _COLLECTION_TAGS:
                raise YamlProblem(
                    _("数据文件中不能使用标签 {tag}，请直接写出内容").format(tag=event.tag),
                    *_place(event.start_mark),
                )
            if len(stack) >= _MAX_DEPTH:
                raise YamlProblem(
                    _("文件嵌套层次过深，不像是报告数据文件"), *_place(event.start_mark)
                )
            if event.anchor is not None:
                anchors[event.anchor] = event.start_mark
            stack.append(_Frame({} if kind is mapping_start else []))
            continue
        elif kind is alias_event:
            mark = anchors.get(event.anchor, event.start_mark)
            raise YamlProblem(
                _("数据文件中不能使用锚点和别名（& 和 *），请把内容直接写出来"), *_place(mark)
            )
        else:  # the end of a mapping or a list: it is the value to place
            value = stack.pop().container
        if not stack:
            break
        parent = stack[-1]
        container = parent.container
        if type(container) is list:
            container.append(value)
        elif parent.key is _NO_KEY:  # the value is a key
            if type(value) is not str:
                if not isinstance(value, str | int) or isinstance(value, bool):
                    raise YamlProblem(_("字段名应为文字"), *_place(event.start_mark))
                # A key is always text: 2017 as a key is the key "2017" (refused, if unknown,
                # with its own line and path like any other misplaced key).
                value = str(value)
            if value == "<<" and kind is scalar_event and _merges(event):
                raise YamlProblem(
                    _("数据文件中不能使用合并键（<<:），请把要合并的字段直接写在这一层"),
                    *_place(event.start_mark),
                    path=(*_path_of(stack), value),
                )
            if value in container:
                raise YamlProblem(
                    _("字段“{key}”在同一层重复出现，请删去或合并其中一个").format(key=value),
                    *_place(event.start_mark),
                )
            parent.key = value
        else:
            container[parent.key] = value
            parent.key = _NO_KEY
    events.get_event()  # document end
    if not events.check_event(yaml.StreamEndEvent):
        second = events.get_event()
        raise YamlProblem(
            _("一个数据文件只能写一份报告数据：这里用 --- 开始了第二份，请删去或分成两个文件"),
            *_place(second.start_mark),
        )
    return value


# libyaml's messages for the mistakes clerks make, with what to do about them.
_HINTS: Sequence[tuple[str, str]] = (
    ("found character '\\t'", N_("使用了制表符（Tab）：YAML 只能用空格缩进，请把 Tab 换成空格")),
    (
        "mapping values are not allowed",
        N_("这一行的冒号位置不对：同一层的字段要对齐，“字段: 值”的冒号后要有空格"),
    ),
    ("could not find expected ':'", N_("缺少冒号：每个字段都应写成“字段: 值”")),
    ("did not find expected key", N_("缩进不一致：同一层的字段应左对齐")),
    ("expected ',' or ']'", N_("方括号 [ ] 没有成对，或列表各项之间缺少逗号")),
    ("expected ',' or '}'", N_("花括号 { } 没有成对，或各项之间缺少逗号")),
    ("found undefined alias", N_("数据文件中不能使用锚点和别名（& 和 *）")),
    ("found unexpected end of stream", N_("文件在引号或括号中途结束，请检查引号和括号是否成对")),
    ("while scanning a quoted scalar", N_("引号没有成对：请检查这一段文字的引号")),
    ("expected <block end>", N_("缩进不一致：同一层的字段应左对齐")),
    ("found a tab character", N_("使用了制表符（Tab）：YAML 只能用空格缩进，请把 Tab 换成空格")),
)


_COLON_HINT = N_("这一行用了中文冒号“：”：字段名后应为英文冒号加空格“: ”")
_FULL_WIDTH_COLON = re.compile(r"^\s*(?:-\s+)?[^:#\s][^:#]*：")


def full_width_colon(source: str, near: int | None = None) -> int | None:
    """The 0-based line (at or just before ``near``, or anywhere) keyed with a Chinese colon."""
    lines = source.splitlines()
    candidates = range(len(lines)) if near is None else (near - 1, near)
    for index in candidates:
        if 0 <= index < len(lines) and _FULL_WIDTH_COLON.match(lines[index]):
            return index
    return None


def _explain(exc: yaml.MarkedYAMLError, source: str) -> str:
    mark = exc.problem_mark
    if mark is not None:
        lines = source.splitlines()
        if mark.line < len(lines) and "\t" in lines[mark.line]:
            return _(_HINTS[0][1])
    text = f"{exc.context or ''} {exc.problem or ''}"
    for needle, hint in _HINTS:
        if needle in text:
            return _(hint)
    problem = (exc.problem or str(exc)).strip()
    return _("YAML 格式错误：{problem}（请检查这一行及上一行的缩进、冒号和引号）").format(
        problem=problem
    )


def parse(text: str) -> Any:
    """The data in ``text``; YamlProblem (placed where known) if it is not a YAML data file."""
    events = _BaseLoader(text)
    try:
        return _build(events)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "end of stream" in (exc.problem or ""):
            mark = exc.context_mark  # where the unclosed quote or bracket began
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        colon = full_width_colon(text, mark.line if mark is not None else None)
        if colon is not None:
            raise YamlProblem(_(_COLON_HINT), colon + 1, None) from None
        raise YamlProblem(_explain(exc, text), line, column) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(_("YAML 格式错误：{problem}").format(problem=exc)) from None
    finally:
        events.dispose()


_MERGE = "tag:yaml.org,2002:merge"


class Locator:
    """Finds the line and column of a data path, parsing the text again only when asked.

    The text is composed into nodes by libyaml (no values built, so a date such as
    2018-02-30 that the data keeps as text does not stop it): a key's place is its node's
    start, an item's place its own start, as the round-trip parser records them, at a
    fraction of its cost (a draft's every blank field is placed by this)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._root: yaml.Node | None = None
        self._parsed = False

    def _load(self) -> yaml.Node | None:
        if not self._parsed:
            self._parsed = True
            text = strip_unusable(self._text)[0]  # as the data was read (see loading)
            try:
                self._root = yaml.compose(text, Loader=_BaseLoader)
            except (yaml.YAMLError, ValueError):
                self._root = None
        return self._root

    def locate(self, path: Sequence[str | int]) -> tuple[int | None, int | None]:
        """(line, column), 1-based, of the deepest part of ``path`` found in the file."""
        node = self._load()
        place: yaml.Mark | None = None
        for step in path:
            if isinstance(node, yaml.MappingNode) and not isinstance(step, int):
                # the key 2017 is the text "2017" in a data path; a merge (<<:) and the
                # keys it brings in are not the mapping's own, and are not placed
                pair = next(
                    (
                        (key, value)
                        for key, value in node.value
                        if isinstance(key, yaml.ScalarNode)
                        and key.value == str(step)
                        and key.tag != _MERGE
                    ),
                    None,
                )
                if pair is None:
                    break
                place, node = pair[0].start_mark, pair[1]
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(step, int)
                and 0 <= step < len(node.value)
            ):
                node = node.value[step]
                place = node.start_mark
            else:
                break
        if place is None:
            return None, None
        return place.line + 1, place.column + 1


# --- writing: the one YAML writer (new data files, summary files) ----------------------------


def _represent_decimal(representer: Any, value: Any) -> Any:
    # A whole amount without its exponent (1E+1 → 10), any other exactly as it is.
    text = format(value.normalize(), "f") if value == value.to_integral_value() else str(value)
    tag = "tag:yaml.org,2002:int" if "." not in text else "tag:yaml.org,2002:float"
    return representer.represent_scalar(tag, text)


def _represent_enum(representer: Any, value: Any) -> Any:
    return representer.represent_str(str(value.value))


def dump(node: Any, header: Sequence[str] = ()) -> str:
    """YAML text for ``node`` (ruamel.yaml's round-trip types keep comments and flow style),
    after ``header`` as comment lines. An amount prints as it is (12.50 stays 12.50; 1E+1 is
    10), an enum member as its Chinese text, and no Chinese paragraph is folded."""
    from decimal import Decimal
    from enum import Enum
    from io import StringIO

    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 4096  # never fold a Chinese paragraph (a fold would insert a space)
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(Decimal, _represent_decimal)
    yaml.representer.add_multi_representer(Enum, _represent_enum)
    buffer = StringIO()
    yaml.dump(node, buffer)
    return "".join(f"# {line}\n" for line in header) + buffer.getvalue()


class _DataDumper(_BaseDumper):
    """libyaml's emitter with reportkit's scalars (see :func:`dump_data`)."""


def _represent_text(dumper: Any, value: str) -> Any:
    # Quoted whenever YAML 1.2 would read the plain text as something else (0o7, 1e3, ~):
    # PyYAML's own resolver is YAML 1.1's and would leave some of those plain.
    style = None if _plain_tag(value) == _STR else '"'
    return dumper.represent_scalar(_STR, value, style=style)


def _setup_data_dumper() -> None:
    from decimal import Decimal
    from enum import Enum

    _DataDumper.add_representer(str, _represent_text)
    _DataDumper.add_representer(Decimal, _represent_decimal)
    _DataDumper.add_multi_representer(Enum, _represent_enum)


_setup_data_dumper()


def dump_data(node: Any) -> str:
    """YAML text of plain data (dicts, lists, text, numbers, amounts, dates, enum members)
    that only reportkit reads back — to check it — never a person: :func:`parse` gives back
    what :func:`dump` would have given, in a fraction of the time (libyaml's emitter; no
    comments, no layout kept). Anything else is written by :func:`dump`."""
    try:
        return yaml.dump(node, Dumper=_DataDumper, allow_unicode=True, sort_keys=False, width=4096)
    except yaml.representer.RepresenterError:  # ruamel's round-trip types: keep their layout
        return dump(node)
