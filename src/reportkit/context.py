"""Model + computations + phrases → the plain dict a template sees.

The context is output-neutral: strings, numbers and lists only, so a .docx
template, an HTML page or a PDF writer can all be fed from it. The body of the
report is a flat list of *blocks* (headings and paragraphs, already numbered), so
that a section left empty is dropped and the numbering closes up by construction.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from reportkit import phrases
from reportkit.computations import percentages
from reportkit.identities import get_cell
from reportkit.models import ReportBase, tables
from reportkit.models.common import Section
from reportkit.models.era_2007 import HEADINGS, Report2007
from reportkit.models.tables import Art50Report

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
    table: str | None = None  # a table block (table1/2/3) printed after the paragraphs

    @property
    def is_empty(self) -> bool:
        return not self.paras and self.table is None and all(c.is_empty for c in self.children)


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
        if node.table is not None:
            blocks.append(_block(node.table))
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


# --- 2019 and 2021 eras: Art. 50 headings and three tables --------------------------------


def _cell(value: object) -> str:
    """A table cell as printed: 0 prints as 0, a blank (draft) as 【待填写】."""
    if value is None:
        return phrases.PENDING
    if isinstance(value, Decimal):
        return phrases.format_money(value)
    if isinstance(value, int):
        return str(value)
    return str(getattr(value, "value", value))


def _table_lines(report: Art50Report[Any, Any, Any], key: str) -> tuple[Any, list[tables.Line]]:
    model = tables.table_model(type(report), key)
    data = report.model_dump(by_alias=True).get(key)
    return data, [line for line in _lines(model) if line.kind is not tables.LineKind.HEADING]


_lines = functools.cache(tables.lines)
"""A table model's printable lines, read from the model once per process."""


def _table1(report: Art50Report[Any, Any, Any]) -> dict[str, dict[str, str]]:
    """Table 1 as row key → column key → printed cell (an amount carries its unit)."""
    data, lines = _table_lines(report, tables.PROACTIVE)
    out: dict[str, dict[str, str]] = {}
    for line in lines:
        row = get_cell(data, line.path) or {}
        cells = {c.key: _cell(row.get(c.key)) for c in line.columns}
        unit = row.get("单位")
        if unit is not None and "采购总金额" in cells and row.get("采购总金额") is not None:
            cells["采购总金额"] += _cell(unit)  # the 2019 table names no unit: print it
        out[line.path[-1]] = cells
    return out


def _table2(report: Art50Report[Any, Any, Any]) -> dict[str, Any]:
    """Table 2 as printable rows: label, depth, kind and the seven cells."""
    model = tables.table_model(type(report), tables.APPLICATIONS)
    data = report.model_dump(by_alias=True).get(tables.APPLICATIONS)
    rows = []
    for line in _lines(model):
        if line.kind is tables.LineKind.HEADING:
            cells = [""] * 7
        else:
            row = get_cell(data, line.path) or {}
            cells = [_cell(row.get(c.key)) for c in line.columns]
        rows.append(
            {"label": line.label, "depth": line.depth, "kind": line.kind.value, "cells": cells}
        )
    return {"rows": rows}


def _table3(report: Art50Report[Any, Any, Any]) -> dict[str, Any]:
    """Table 3 as its one row of fifteen cells."""
    data, lines = _table_lines(report, tables.APPEALS)
    cells: list[str] = []
    for line in lines:
        row = get_cell(data, line.path) or {}
        cells.extend(_cell(row.get(c.key)) for c in line.columns)
    return {"cells": cells}


def _sum_cells(node: Any) -> int | None:
    """The 总计 of a Table 2 row, or the sum of the 总计 of a group of rows."""
    if node is None:
        return None
    if tables.TOTAL in node and not isinstance(node[tables.TOTAL], dict):
        value = node[tables.TOTAL]
        return value if isinstance(value, int) else None
    parts = [_sum_cells(child) for child in node.values() if isinstance(child, dict)]
    if any(p is None for p in parts):
        return None
    return sum(p for p in parts if p is not None)


_RESULT_GROUPS = ("予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理")


def _requests_sentences(report: Art50Report[Any, Any, Any]) -> tuple[str, str]:
    """Table 2 in words: a brief sentence for 总体情况 and the full one for section 三."""
    data = report.model_dump(by_alias=True).get(tables.APPLICATIONS) or {}
    results = data.get("办理结果") or {}
    answered = _sum_cells(results.get(tables.TOTAL))
    received = _sum_cells(data.get("新收"))
    counts = [_sum_cells(results.get(key)) for key in _RESULT_GROUPS]
    shares: list[Decimal | None] = [None] * len(counts)
    known = [c for c in counts if c is not None]
    if answered and len(known) == len(counts):
        shares = list(
            percentages(
                known, answered, report.percent.decimals, sum_to_100=report.percent.sum_to_100
            )
        )
    carried_in = _sum_cells(data.get("上年结转"))
    brief = phrases.requests_brief(report.year, _voice(report), received, carried_in, answered)
    return brief, phrases.requests_sentence(
        report.year,
        _voice(report),
        received,
        carried_in,
        answered,
        list(zip(_RESULT_GROUPS, counts, shares, strict=True)),
        _sum_cells(data.get("结转下年度")),
        report.percent.decimals,
        largest_remainder=report.percent.sum_to_100,
    )


def _appeals_sentence(report: Art50Report[Any, Any, Any]) -> tuple[str, bool]:
    data = report.model_dump(by_alias=True).get(tables.APPEALS) or {}
    totals = [_sum_cells(data.get(k)) for k in ("行政复议", "未经复议直接起诉", "复议后起诉")]
    sentence = phrases.review_lawsuit_sentence(report.year, _voice(report), *totals)
    return sentence, all(t == 0 for t in totals)


def _overview(report: Art50Report[Any, Any, Any], brief: str) -> _Node:
    overview = report.overview
    node = _Node(overview.title or tables.HEADINGS["总体情况"], paragraphs(overview.text))
    topics = [
        ("主动公开", overview.proactive),
        ("依申请公开", overview.requests),
        ("政府信息管理", overview.management),
        ("平台建设", overview.platforms),
        ("监督保障", overview.oversight),
        ("考核评议追责", overview.assessment),
    ]
    for key, section in topics:
        if key == "考核评议追责" and section is None:
            continue  # optional: only a 人民政府 reports it
        child = _mandated(section, tables.OVERVIEW_HEADINGS[key])
        if key == "依申请公开":
            child.paras.insert(0, brief)
        node.children.append(child)
    return node


def _mandated(section: Section | None, title: str) -> _Node:
    """A section the outline requires: kept, with 【待填写】, while a draft leaves it empty."""
    node = _from_section(section, title)
    if node.is_empty:
        node.paras.append(phrases.PENDING)
    return node


def _titled(section: Any, key: str) -> str:
    return str(getattr(section, "title", None) or tables.HEADINGS[key])


def _context_art50(report: Art50Report[Any, Any, Any]) -> dict[str, Any]:
    brief, requests = _requests_sentences(report)
    appeals_sentence, no_appeals = _appeals_sentence(report)
    proactive = report.proactive
    applications = report.applications
    appeals = report.appeals
    other = report.other
    other_node = _from_section(other, tables.HEADINGS["其他事项"])
    fee = getattr(other, "processing_fees", None)
    if hasattr(other, "processing_fees"):
        fee_sentence = phrases.processing_fee_sentence(report.year, _voice(report), fee)
        other_node.paras = _prose_or_default(fee_sentence, other.text, fee == 0)
    if other_node.is_empty:
        other_node.paras = [phrases.NOTHING_ELSE]
    sections = [
        _overview(report, brief),
        _Node(
            _titled(proactive, "主动公开"),
            paragraphs(getattr(proactive, "text", None)),
            table="table1",
        ),
        _Node(
            _titled(applications, "依申请公开"),
            [requests, *paragraphs(getattr(applications, "text", None))],
            table="table2",
        ),
        _Node(
            _titled(appeals, "行政复议和诉讼"),
            _prose_or_default(appeals_sentence, getattr(appeals, "text", None), no_appeals),
            table="table3",
        ),
        _mandated(report.problems, tables.HEADINGS["问题及改进"]),
        other_node,
    ]
    blocks = [_block("p", text=p) for p in _preface(report)]
    blocks.extend(_flatten(sections, 1))
    return {"blocks": blocks, "t1": _table1(report), "t2": _table2(report), "t3": _table3(report)}


def build_context(report: ReportBase) -> dict[str, Any]:
    """Everything a template needs to print ``report``, as plain data."""
    unit = report.unit
    context: dict[str, Any] = {
        "era": report.ERA,
        "year": report.year,
        "title_unit": unit.full_name or phrases.PENDING,
        "title_report": report.title or f"{report.year}年政府信息公开工作年度报告",
        "signature": report.signoff.signature or unit.full_name or phrases.PENDING,
        "date": phrases.format_date_zh(report.signoff.date),
    }
    if isinstance(report, Report2007):
        context.update(_context_2007(report))
    elif isinstance(report, Art50Report):
        context.update(_context_art50(report))
    else:  # pragma: no cover - every era in models.ERAS is handled above
        raise TypeError(f"no context for era {report.ERA}")
    return context
