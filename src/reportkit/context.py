"""Model + computations + phrases → the plain dict a template sees.

The context is output-neutral: strings, numbers and lists only, so a .docx
template, an HTML page or a PDF writer can all be fed from it. The body of the
report is a flat list of *blocks* (headings and paragraphs, already numbered,
:mod:`reportkit.outline`), so that a section left empty is dropped and the
numbering closes up by construction. What the body says is the era's to decide
(:attr:`reportkit.eras.Era.context`); the title, sign-off and preface every era shares.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportkit import outline, phrases
from reportkit.eras import era_of
from reportkit.eras.model import ReportBase

__all__ = ["build_context"]


def build_context(report: ReportBase, data: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Everything a template needs to print ``report``, as plain data.

    ``data`` is the report dumped by alias (its totals completed), when the caller has it.
    """
    era = era_of(report)
    if data is None:
        data = report.model_dump(by_alias=True)
    unit = report.unit
    sections, extra = era.context(report, data)
    preface = outline.preface(report.preface, report.voice_or_pending(), report.year)
    blocks = [outline.block("p", text=p) for p in preface]
    blocks.extend(outline.flatten(sections))
    return {
        "era": era.name,
        "year": report.year,
        "title_unit": unit.full_name or phrases.PENDING,
        "title_report": report.title or f"{report.year}年政府信息公开工作年度报告",
        "signature": report.signoff.signature or unit.full_name or phrases.PENDING,
        "date": phrases.format_date_zh(report.signoff.date),
        "blocks": blocks,
        **extra,
    }
