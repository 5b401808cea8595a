"""reportkit audit -o FILE.xlsx: the audit of a folder as a workbook an evaluator sorts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from reportkit.cli import main
from reportkit.errors import Problem, Severity
from reportkit.office.audit import Audit
from reportkit.office.auditbook import (
    FINDING_SHEET,
    GUIDE_SHEET,
    REPORT_SHEET,
    write_audit_workbook,
)
from reportkit.outputs import output_group
from tests.test_corpus import CORPUS

FOLDER = ("2016-example-zhen.html", "2021-example-xiang.html", "2024-example-shi.html")


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    """A folder of corpus reports and a page that is no report: its JSON and its workbook."""
    folder = tmp_path_factory.mktemp("reports")
    for name in FOLDER:
        (folder / name).write_bytes((CORPUS / name).read_bytes())
    (folder / "news.html").write_text("<html><body><p>今日新闻</p></body></html>", "utf-8")
    book = tmp_path_factory.mktemp("out") / "审查结果.xlsx"
    result = CliRunner().invoke(main, ["audit", str(folder), "--format", "json", "-o", str(book)])
    assert result.exit_code == 1, result.output  # errors and an unreadable page
    return json.loads(result.stdout), book


def _rows(book: Path, sheet: str) -> list[tuple[Any, ...]]:
    return list(openpyxl.load_workbook(book)[sheet].iter_rows(values_only=True))


def _date(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text is not None else None


def test_report_rows_are_the_json_reports_counts_as_numbers_dates_as_dates(
    audited: tuple[dict[str, Any], Path],
) -> None:
    """Sheet 报告 has one row per report, the same as --format json, in numbers and dates."""
    out, book = audited
    header, *rows = _rows(book, REPORT_SHEET)
    assert header[:8] == ("文件", "单位", "年度", "格式", "层级", "错误", "警告", "逾期")
    expected = []
    for r in out["reports"]:
        readable = r["failure"] is None
        expected.append(
            (
                r["file"],
                r["unit"],
                r["year"],
                r["era"],
                r["level"],
                r["errors"] if readable else None,
                r["warnings"] if readable else None,
                ("是" if r["late"] else "否") if readable else None,
                _date(r["published"]),
                _date(r["deadline"]),
                r["copied"],
                r["unplaced"] if readable else None,
                r["failure"],
            )
        )
    assert rows == expected
    late = next(row for row in rows if str(row[0]).endswith("2021-example-xiang.html"))
    assert late[7] == "是" and late[8] > late[9]  # published after the deadline
    assert isinstance(late[5], int) and isinstance(late[8], dt.datetime)


def test_an_unreadable_report_still_has_its_row_saying_why(
    audited: tuple[dict[str, Any], Path],
) -> None:
    """A page that is no report gets a row whose last column gives the importer's reason."""
    _out, book = audited
    row = next(r for r in _rows(book, REPORT_SHEET) if str(r[0]).endswith("news.html"))
    assert "不像一份政府信息公开工作年度报告" in str(row[-1])


def test_finding_rows_are_the_json_findings(audited: tuple[dict[str, Any], Path]) -> None:
    """Sheet 问题 has one row per finding: file, unit, code, severity, where, found, expected."""
    out, book = audited
    _header, *rows = _rows(book, FINDING_SHEET)
    expected = [
        (
            r["file"],
            r["unit"],
            f["code"],
            "错误" if f["severity"] == "error" else "警告",
            f["details"].get("where"),
            f["details"].get("found"),
            f["details"].get("expected"),
            f["message"],
        )
        for r in out["reports"]
        for f in r["findings"]
    ]
    assert rows == expected
    assert {r[2] for r in rows} >= {"late", "missing-section", "numbering"}


def test_both_lists_are_filterable_with_a_frozen_header(
    audited: tuple[dict[str, Any], Path],
) -> None:
    """报告 and 问题 have an autofilter over the header and every row, and the header frozen."""
    _out, book = audited
    workbook = openpyxl.load_workbook(book)
    assert workbook.sheetnames == [REPORT_SHEET, FINDING_SHEET, GUIDE_SHEET]
    for name in (REPORT_SHEET, FINDING_SHEET):
        sheet = workbook[name]
        last = sheet.cell(sheet.max_row, sheet.max_column).coordinate
        assert sheet.auto_filter.ref == f"A1:{last}"
        assert sheet.freeze_panes == "A2"


def test_the_guide_names_the_version_and_the_codes_found(
    audited: tuple[dict[str, Any], Path],
) -> None:
    """说明 gives the reportkit version and the meaning of every code in 问题."""
    from reportkit import __version__

    _out, book = audited
    text = "\n".join(str(v) for row in _rows(book, GUIDE_SHEET) for v in row if v is not None)
    assert f"reportkit {__version__}" in text
    codes = {r[2] for r in _rows(book, FINDING_SHEET)[1:]}
    assert codes and all(code in text for code in codes)


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    """A unit name or message beginning with '=' is written as text, never as a formula."""
    audit = Audit(
        "a.html",
        era="2021",
        year=2023,
        unit='=HYPERLINK("http://x","点击")',
        findings=[
            Problem("=1+1", code="numbering", severity=Severity.WARNING, details={"where": "@A1"})
        ],
    )
    book = tmp_path / "book.xlsx"
    with output_group(force=False) as group:
        write_audit_workbook([audit], book, group)
    workbook = openpyxl.load_workbook(book)
    unit = workbook[REPORT_SHEET]["B2"]
    assert unit.value == '=HYPERLINK("http://x","点击")'
    assert unit.data_type == "s" and unit.quotePrefix
    finding = workbook[FINDING_SHEET]
    assert finding["B2"].data_type == "s" and finding["H2"].value == "=1+1"
    assert finding["H2"].data_type == "s" and finding["E2"].quotePrefix


def test_an_existing_workbook_is_kept_without_force(tmp_path: Path) -> None:
    """-o to an existing file: refused before auditing, the file unchanged; --force writes it."""
    report = str(CORPUS / "2024-example-shi.html")
    book = tmp_path / "审查结果.xlsx"
    book.write_bytes(b"mine")
    refused = CliRunner().invoke(main, ["audit", report, "-o", str(book)])
    assert refused.exit_code == 1
    assert "--force" in refused.output and book.read_bytes() == b"mine"
    forced = CliRunner().invoke(main, ["audit", report, "-o", str(book), "--force"])
    assert forced.exit_code == 0, forced.output
    assert openpyxl.load_workbook(book)[REPORT_SHEET]["B2"].value == "示例市人民政府"


def test_a_workbook_name_without_xlsx_is_refused(tmp_path: Path) -> None:
    """-o names an .xlsx file: another suffix is a usage error and nothing is written."""
    target = tmp_path / "审查结果.csv"
    result = CliRunner().invoke(
        main, ["audit", str(CORPUS / "2024-example-shi.html"), "-o", str(target)]
    )
    assert result.exit_code == 2
    assert ".xlsx" in result.output and not target.exists()
