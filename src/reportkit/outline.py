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


def paragraphs(text: str | None) -> list[str]:
    """Split prose on blank lines; a single line break stays inside its paragraph."""
    if not text:
        return []
    return [p.strip() for p in re.split(r"\n[ \t\u3000]*\n", text) if p.strip()]


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
    """Number the non-empty titled nodes at ``level`` consecutively and flatten them."""
    blocks: list[Block] = []
    n = 0
    for node in nodes:
        if node.is_empty:
            continue
        paras = list(node.paras)
        if node.title:
            n += 1
            number = phrases.heading_number(level, n)
            if level >= 3 and paras and not node.children:
                # A third- or fourth-level heading runs into its first paragraph.
                title = phrases.run_in_title(node.title)
                blocks.append(block("p", number, title, paras.pop(0)))
            else:
                blocks.append(block(f"h{min(level, 3)}", number, node.title))
        blocks.extend(block("p", text=p) for p in paras)
        if node.table is not None:
            blocks.append(block(node.table))
        blocks.extend(flatten(node.children, level + 1))
    return blocks


def prose_or_default(default: str, text: str | None, nothing_happened: bool) -> list[str]:
    """User prose replaces a default phrase for nothing-happened, and follows statistics."""
    written = paragraphs(text)
    if nothing_happened and written:
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
