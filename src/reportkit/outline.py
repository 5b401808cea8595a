"""A report's body as numbered blocks: sections, then headings and paragraphs in order.

Each era's context builder (:mod:`reportkit.eras`) describes its body as a tree of
:class:`Node` — a title, paragraphs, child sections, perhaps a table — and
:func:`flatten` numbers the non-empty ones consecutively (一、（一）1.（1）) into a flat
list of blocks. A section left empty is dropped and the numbering closes up by
construction. Pure: strings and lists in, strings and lists out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from reportkit import phrases

__all__ = [
    "Block",
    "Node",
    "block",
    "flatten",
    "from_section",
    "paragraphs",
    "preface",
    "prose_or_default",
    "states",
]

Block = dict[str, str]
"""One heading or paragraph: kind (h1/h2/h3/p, or a table's kind), number, title, text."""


class SectionLike(Protocol):
    """A section of prose as the models declare it: title, text and sub-sections."""

    @property
    def title(self) -> str | None: ...

    @property
    def text(self) -> str | None: ...

    @property
    def sections(self) -> Sequence[SectionLike]: ...


_BLANK_LINE = re.compile(r"\n[ \t\u3000]*\n")


def paragraphs(text: str | None) -> list[str]:
    """Split prose on blank lines; a single line break stays inside its paragraph."""
    if not text:
        return []
    if "\n" not in text:  # one paragraph (most texts): no blank line to split on
        return [text.strip()] if text.strip() else []
    return [p.strip() for p in _BLANK_LINE.split(text) if p.strip()]


@dataclass
class Node:
    """A section of the report before it is numbered and flattened."""

    title: str | None
    paras: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    table: str | None = None  # a table block (table1/2/3) printed after the paragraphs

    @property
    def is_empty(self) -> bool:
        return not self.paras and self.table is None and all(c.is_empty for c in self.children)


def from_section(section: SectionLike | None, default_title: str | None = None) -> Node:
    """A section the clerk wrote (or None), under its own title or ``default_title``."""
    if section is None:
        return Node(default_title)
    return Node(
        section.title or default_title,
        paragraphs(section.text),
        [from_section(s) for s in section.sections],
    )


def block(kind: str, number: str = "", title: str = "", text: str = "") -> Block:
    """One block of the body."""
    return {"kind": kind, "number": number, "title": title, "text": text}


def flatten(nodes: Iterable[Node], level: int = 1) -> list[Block]:
    """Number the non-empty nodes at ``level`` consecutively and flatten them (an untitled
    one — an item of a list with no 标题 — keeps its number before its text)."""
    blocks: list[Block] = []
    n = 0
    for node in nodes:
        if node.is_empty:
            continue
        paras = list(node.paras)
        n += 1
        number = phrases.heading_number(level, n)
        if node.title:
            if level >= 3 and paras and not node.children:
                # A third- or fourth-level heading runs into its first paragraph.
                title = phrases.run_in_title(node.title)
                blocks.append(block("p", number, title, paras.pop(0)))
            else:
                blocks.append(block(f"h{min(level, 3)}", number, node.title))
        elif paras:
            # An untitled item of a list keeps its number, running into its first paragraph.
            blocks.append(block("p", number, "", paras.pop(0)))
        else:
            blocks.append(block(f"h{min(level, 3)}", number))
        blocks.extend(block("p", text=p) for p in paras)
        if node.table is not None:
            blocks.append(block(node.table))
        blocks.extend(flatten(node.children, level + 1))
    return blocks


def states(text: str | None, topic: str) -> bool:
    """Whether the clerk's ``text`` states a figure of ``topic`` itself — a number with its
    unit after it in one sentence ("收取信息处理费120元", "主动公开政府信息1234条"), or its
    absence ("未收取信息处理费") — so that a default sentence saying it would say it twice."""
    for sentence in re.split(r"[。；;！？\n]", text or ""):
        head, found, tail = sentence.partition(topic)
        if not found:
            continue
        if re.search(r"未|没有", head[-6:]) or re.search(r"[0-9０-９]+\s*(万元|元|件|条)", tail):
            return True
    return False


def prose_or_default(
    default: str, text: str | None, nothing_happened: bool, *, topic: str | None = None
) -> list[str]:
    """User prose replaces a default phrase for nothing-happened, and follows statistics —
    unless it states the default's ``topic`` itself, when the default would say it twice."""
    written = paragraphs(text)
    if written and (nothing_happened or (topic is not None and states(text, topic))):
        return written
    return [default, *written]


def preface(written: str | None, voice: str, year: int) -> list[str]:
    """The opening paragraphs: the clerk's own, or the standard sentence."""
    own = paragraphs(written)
    if own:
        return own
    return [
        f"根据《中华人民共和国政府信息公开条例》规定，现将{voice}{year}年政府信息公开工作情况报告如下。"
    ]
