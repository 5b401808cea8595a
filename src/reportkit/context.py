"""Model + computations + phrases → the plain dict a template sees.

The context is output-neutral: strings, numbers and lists only, so a .docx
template, an HTML page or a PDF writer can all be fed from it. The body of the
report is a flat list of *blocks* (headings and paragraphs, already numbered), so
that a section left empty is dropped and the numbering closes up by construction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from reportkit import phrases
from reportkit.computations import percentages
from reportkit.models import ReportBase
from reportkit.models.common import Section
from reportkit.models.era_2007 import HEADINGS, Report2007

__all__ = ["Block", "build_context", "paragraphs"]

Block = dict[str, str]
"""One heading or paragraph: kind (h1/h2/h3/p), number, title, text."""


def paragraphs(text: str | None) -> list[str]:
    """Split prose on blank lines; a single line break stays inside its paragraph."""
    if not text:
        return []
    return [p.strip() for p in re.split(r"\n[ \t\u3000]*\n", text) if p.strip()]


@dataclass
class _Node:
    """A section of the report before it is numbered and flattened."""

    title: str | None
    paras: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.paras and all(c.is_empty for c in self.children)


def _from_section(section: Section | None, default_title: str | None = None) -> _Node:
    if section is None:
        return _Node(default_title)
    return _Node(
        section.title or default_title,
        paragraphs(section.text),
        [_from_section(s) for s in section.sections],
    )


def _block(kind: str, number: str = "", title: str = "", text: str = "") -> Block:
    return {"kind": kind, "number": number, "title": title, "text": text}


def _flatten(nodes: Iterable[_Node], level: int) -> list[Block]:
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
                blocks.append(_block("p", number, title, paras.pop(0)))
            else:
                kind = f"h{min(level, 3)}"
                blocks.append(_block(kind, number, node.title))
        blocks.extend(_block("p", text=p) for p in paras)
        blocks.extend(_flatten(node.children, level + 1))
    return blocks


def _voice(report: ReportBase) -> str:
    return report.unit.voice or phrases.PENDING


def _prose_or_default(default: str, text: str | None, nothing_happened: bool) -> list[str]:
    """User prose replaces a default phrase for nothing-happened, and follows statistics."""
    written = paragraphs(text)
    if nothing_happened and written:
        return written
    return [default, *written]


def _proactive(report: Report2007) -> tuple[_Node, dict[str, Any]]:
    section = report.proactive
    counts = [c.count for c in section.categories]
    total = section.total
    shares: list[Decimal | None] = [None] * len(counts)
    known = [c for c in counts if c is not None]
    if total and len(known) == len(counts):
        shares = list(
            percentages(known, total, report.percent.decimals, sum_to_100=report.percent.sum_to_100)
        )
    items = [
        (c.name or phrases.PENDING, c.count, s)
        for c, s in zip(section.categories, shares, strict=True)
    ]
    sentence = phrases.proactive_sentence(
        report.year,
        _voice(report),
        total,
        section.unit_word,
        items,
        report.percent.decimals,
        largest_remainder=report.percent.sum_to_100 and bool(items),
    )
    node = _Node(section.title or HEADINGS["主动公开"], paragraphs(section.text))
    if section.stats_title:
        node.children.append(_Node(section.stats_title, [sentence]))
    else:
        node.paras.append(sentence)
    node.children.extend(_from_section(s) for s in section.sections)
    figures = {
        "总数": total,
        "分类": [
            {
                "名称": name,
                "条数": count,
                "占比": phrases.format_percent(share, report.percent.decimals)
                if share is not None
                else None,
            }
            for name, count, share in items
        ],
    }
    return node, figures


_RESULT_LABELS: Sequence[tuple[str, str]] = (
    ("granted", "同意公开"),
    ("partly", "同意部分公开"),
    ("refused", "不予公开"),
    ("not_held", "信息不存在"),
    ("not_ours", "非本机关掌握"),
    ("unclear", "申请内容不明确"),
    ("other", "其他情形"),
)


def _applications(report: Report2007) -> _Node:
    section = report.applications
    results = section.results
    listed = [(label, getattr(results, attr)) for attr, label in _RESULT_LABELS] if results else []
    answered = results.total if results else None
    sentence = phrases.applications_sentence(
        _voice(report),
        report.year,
        section.received,
        listed,
        answered,
        [(r.reason or phrases.PENDING, r.count) for r in section.refusal_reasons],
    )
    nothing = section.received == 0 and not answered
    node = _Node(
        section.title or HEADINGS["依申请公开"],
        _prose_or_default(sentence, section.text, nothing),
    )
    node.children.extend(_from_section(s) for s in section.sections)
    return node


def _fees(report: Report2007) -> _Node:
    fees = report.fees
    sentence = phrases.fees_sentence(_voice(report), report.year, fees.charged, fees.waived)
    nothing = fees.charged == 0 and fees.waived == 0
    return _Node(
        fees.title or HEADINGS["收费及减免"], _prose_or_default(sentence, fees.text, nothing)
    )


def _appeals(report: Report2007) -> _Node:
    appeals = report.appeals
    sentence = phrases.appeals_sentence(
        _voice(report), report.year, appeals.reviews, appeals.lawsuits, appeals.complaints
    )
    nothing = appeals.reviews == 0 and appeals.lawsuits == 0 and not appeals.complaints
    return _Node(
        appeals.title or HEADINGS["行政复议和诉讼"],
        _prose_or_default(sentence, appeals.text, nothing),
    )


def _preface(report: ReportBase) -> list[str]:
    written = paragraphs(report.preface)
    if written:
        return written
    return [
        "根据《中华人民共和国政府信息公开条例》规定，现将"
        f"{_voice(report)}{report.year}年政府信息公开工作情况报告如下。"
    ]


def _context_2007(report: Report2007) -> dict[str, Any]:
    proactive, figures = _proactive(report)
    sections = [
        _from_section(report.overview, HEADINGS["概述"]),
        proactive,
        _applications(report),
        _fees(report),
        _appeals(report),
        _from_section(report.problems, HEADINGS["问题及改进"]),
        _from_section(report.other, HEADINGS["其他事项"]),
    ]
    blocks = [_block("p", text=p) for p in _preface(report)]
    blocks.extend(_flatten(sections, 1))
    return {"blocks": blocks, "figures": {"主动公开": figures}}


def build_context(report: ReportBase) -> dict[str, Any]:
    """Everything a template needs to print ``report``, as plain data."""
    if not isinstance(report, Report2007):
        raise TypeError(f"no context for era {report.ERA}")
    unit = report.unit
    context: dict[str, Any] = {
        "era": report.ERA,
        "year": report.year,
        "title_unit": unit.full_name or phrases.PENDING,
        "title_report": report.title or f"{report.year}年政府信息公开工作年度报告",
        "signature": report.signoff.signature or unit.full_name or phrases.PENDING,
        "date": phrases.format_date_zh(report.signoff.date),
    }
    context.update(_context_2007(report))
    return context
