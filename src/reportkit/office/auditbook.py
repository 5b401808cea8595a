"""``reportkit audit -o 审查结果.xlsx``: the audit of a folder as an evaluator's workbook.

The sheets, in order:

* **报告**: one row per report — file, unit, year, era, level, errors, warnings, late (是/否)
  with the publication date and the deadline, the copied share, the parts not placed, and
  why a report could not be read — under an autofilter, so that the evaluator sorts and
  filters as in any list.
* **问题**: one row per finding — file, unit, code, severity, where in the source, what was
  found, what was expected, the message — also filterable.
* **说明**: what was audited, when, by which reportkit, what each column and each code found
  means.

The rows are the same as ``audit --format json`` gives (:func:`reportkit.console.audit_json`
reads the same :class:`~reportkit.office.audit.Audit`). Counts are numbers, dates are dates,
and every cell is written by :func:`~reportkit.office.workbook.safe_cell`: text is never a
formula, whatever it begins with.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from reportkit._version import __version__
from reportkit.codes import RULES
from reportkit.errors import Severity
from reportkit.office.audit import Audit
from reportkit.office.workbook import BOLD, WRAP, safe_row, save_workbook, set_widths
from reportkit.outputs import OutputGroup

__all__ = [
    "FINDING_COLUMNS",
    "FINDING_SHEET",
    "GUIDE_SHEET",
    "REPORT_COLUMNS",
    "REPORT_SHEET",
    "write_audit_workbook",
]

REPORT_SHEET = "报告"
FINDING_SHEET = "问题"
GUIDE_SHEET = "说明"

REPORT_COLUMNS: tuple[tuple[str, float, str], ...] = (
    ("文件", 40, "审查的报告文件。"),
    ("单位", 32, "报告标题或落款中的单位全称。"),
    ("年度", 8, "报告的年度。"),
    ("格式", 8, "按年度选用的格式版本（2007、2019、2021 年版）。"),
    ("层级", 14, "单位的层级（决定发布期限）；看不出时为空。"),
    ("错误", 8, "错误的条数（详见“问题”表）。"),
    ("警告", 8, "警告的条数（详见“问题”表）。"),
    ("逾期", 8, "发布日期或成文日期晚于发布期限时为“是”。"),
    ("发布日期", 12, "页面上印的发布日期（没有时为空）。"),
    ("发布期限", 12, "本层级的发布期限（报告自己写明期限时用它）。"),
    ("照抄上年（%）", 12, "与上年报告文字重复最多的一部分所占的比例（给出 --previous 时）。"),
    ("未能归入", 10, "读入时未能归入的部分数：这些部分中的错误查不出来。"),
    ("无法读取的原因", 48, "无法审查时的原因（不是年度报告、没有文字层的 PDF 等）。"),
)
"""(header, width, meaning) of each column of 报告."""

FINDING_COLUMNS: tuple[tuple[str, float, str], ...] = (
    ("文件", 40, "报告文件。"),
    ("单位", 32, "报告的单位。"),
    ("代码", 18, "问题的代码（含义见下表）。"),
    ("类别", 8, "错误或警告。"),
    ("原文位置", 28, "在原文何处：第几段，或第几个表格第几行第几列。"),
    ("原文", 20, "原文印的内容或数字。"),
    ("应为", 20, "按数字或规定应为的内容。"),
    ("说明", 70, "问题的说明。"),
)
"""(header, width, meaning) of each column of 问题."""


def _report_row(a: Audit) -> list[Any]:
    readable = a.failure is None
    return [
        a.file,
        a.unit,
        a.year,
        a.era,
        a.level,
        len(a.errors) if readable else None,
        len(a.warnings) if readable else None,
        ("是" if a.late else "否") if readable else None,
        a.published,
        a.deadline,
        a.copied,
        a.unplaced if readable else None,
        a.failure,
    ]


def _value(value: Any) -> Any:
    """A finding's found/expected as a cell: a count as a number, anything else as text."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    return str(value)


def _finding_rows(audits: Sequence[Audit]) -> list[list[Any]]:
    return [
        [
            a.file,
            a.unit,
            p.code,
            "错误" if p.is_error else "警告",
            _value(p.details.get("where")),
            _value(p.details.get("found")),
            _value(p.details.get("expected")),
            p.message,
        ]
        for a in audits
        for p in a.findings
    ]


def _add_list(
    book: Workbook,
    title: str,
    columns: Sequence[tuple[str, float, str]],
    rows: Sequence[Sequence[Any]],
) -> None:
    """A sheet of ``rows`` under a bold header, frozen, with an autofilter over them all."""
    sheet = book.create_sheet(title)
    sheet.freeze_panes = "A2"
    set_widths(sheet, [width for _h, width, _m in columns])
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A1:{last}{1 + len(rows)}"
    sheet.append(safe_row(sheet, [header for header, _w, _m in columns], BOLD))
    for values in rows:
        sheet.append(safe_row(sheet, values))


def _add_guide(
    book: Workbook, audits: Sequence[Audit], given: Sequence[str], made: dt.datetime
) -> None:
    sheet = book.create_sheet(GUIDE_SHEET)
    set_widths(sheet, [18, 10, 80])
    unreadable = sum(1 for a in audits if a.failure is not None)
    facts = [
        ("审查对象", "、".join(given)),
        ("报告份数", f"{len(audits)} 份（{unreadable} 份无法读取）"),
        ("有错误", f"{sum(1 for a in audits if a.errors)} 份"),
        ("逾期", f"{sum(1 for a in audits if a.late)} 份"),
        ("照抄上年", f"{sum(1 for a in audits if a.copied is not None)} 份"),
        ("生成时间", made.strftime("%Y-%m-%d %H:%M")),
        ("生成工具", f"reportkit {__version__}（reportkit audit）"),
        (
            "方法",
            "先像 reportkit import 一样读入报告，再按发布的样子核对；"
            "未能读入的表格和格不拿来比对，绝不当作 0。",
        ),
    ]
    sheet.append(safe_row(sheet, ["审查已发布的政府信息公开工作年度报告"], BOLD))
    sheet.append([])
    for label, text in facts:
        sheet.append(safe_row(sheet, [label, "", text], WRAP))
    for title, columns in (
        (f"“{REPORT_SHEET}”表的各列", REPORT_COLUMNS),
        (f"“{FINDING_SHEET}”表的各列", FINDING_COLUMNS),
    ):
        sheet.append([])
        sheet.append(safe_row(sheet, [title], BOLD))
        for header, _w, meaning in columns:
            sheet.append(safe_row(sheet, [header, "", meaning], WRAP))
    sheet.append([])
    sheet.append(safe_row(sheet, ["本次发现的问题代码"], BOLD))
    sheet.append(safe_row(sheet, ["代码", "类别", "含义"], BOLD))
    codes = sorted({p.code for a in audits for p in a.findings})
    for code in codes:
        rule = RULES[code]  # every code is registered (tests/test_codes.py)
        severity = "错误" if rule.severity is Severity.ERROR else "警告"
        sheet.append(safe_row(sheet, [code, severity, rule.title], WRAP))
    if not codes:
        sheet.append(safe_row(sheet, ["（无）"]))


def write_audit_workbook(
    audits: Sequence[Audit],
    path: Path,
    outputs: OutputGroup,
    *,
    given: Sequence[str] = (),
    made: dt.datetime | None = None,
) -> None:
    """Write the audit of ``audits`` as a workbook to ``path`` in ``outputs``.

    ``given`` names what was audited (the files and folders on the command line); ``made``
    is the time the guide gives (now, by default).
    """
    made = made or dt.datetime.now()  # the evaluator's own clock, as Excel shows it

    def fill(book: Workbook) -> None:
        _add_list(book, REPORT_SHEET, REPORT_COLUMNS, [_report_row(a) for a in audits])
        _add_list(book, FINDING_SHEET, FINDING_COLUMNS, _finding_rows(audits))
        _add_guide(book, audits, given or [a.file for a in audits], made)

    save_workbook(fill, path, outputs)
