"""reportkit audit: every corpus report checked as published against its hand-checked errors.

Each expected error (tests/corpus/NAME.expected.yaml) must be found with its values, and no
finding may be made that the hand-checking does not list. Where the importer cannot read a
corpus report fully, the report is listed below with the reason: its expected errors that
need what is unread are reported as not found (the test asserts exactly which), never
silently skipped.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import reportkit
from reportkit.cli import main
from reportkit.eras import get_era
from reportkit.eras.model import UnitLevel
from reportkit.errors import Problem
from reportkit.importing import read, recognise
from reportkit.office.audit import Audit, audit_file
from tests import hostile_runs
from tests.conftest import ROOT, STREET_2023, TOWN_2020
from tests.test_corpus import CORPUS, REPORTS, _expected
from tests.test_importing import _as_text

KIND_OF_CODE = {
    "identity": "identity",
    "blank-total": "blank-total",
    "percentage": "percentage",
    "prose-percent": "percentage",
    "prose-figure": "text-total",
    "numbering": "numbering",
    "other-era": "other-era",
    "missing-section": "missing-section",
    "late": "late",
    "period": "period",
    "grassroots-regulations": "township-regulations",
}
"""The audit's codes → the corpus's error kinds."""

UNREAD: dict[str, str] = {}
"""Reports the importer refuses (NotImportable): audited as unreadable, exit 1."""

MISSED: dict[str, tuple[list[str], str]] = {}
"""Expected errors the audit cannot find because the importer cannot read what they need."""

TRUNCATED_ONLY = {"missing-section"}
"""A stored page that ends before the report does lacks its later sections: a
``missing-section`` there is the cut, not the report's (the corpus says ``truncated``)."""


def _audit(name: str) -> Audit:
    return audit_file(CORPUS / name)


def _matches(error: dict[str, Any], finding: Problem) -> bool:
    """Whether a finding is the hand-checked error: its kind, and its cell or values."""
    if KIND_OF_CODE.get(finding.code) != error["kind"]:
        return False
    details = finding.details
    kind = error["kind"]
    if kind == "identity":
        broken: list[dict[str, str]] = details.get("broken", [])  # type: ignore[assignment]
        return any(
            b["cell"] == error["cell"]
            and b["left"] == str(error["found"])
            and b["right"] == str(error["expected"])
            for b in broken
        )
    if kind in ("percentage", "late", "blank-total", "period"):
        printed = str(error["found"]) if error["found"] is not None else "None"
        return str(details.get("found")) == printed and str(details.get("expected")) == str(
            error["expected"]
        )
    if kind == "township-regulations":
        return ".".join(map(str, finding.path)) == str(error["cell"])
    if kind == "missing-section":
        return str(details.get("expected")) in str(error["expected"])
    return True  # numbering, other-era: one per report, the place said in words


def _compare(name: str) -> tuple[list[str], list[str], list[str]]:
    """(expected found, expected missed, false alarms) of one corpus report."""
    expected = _expected(name)
    audit = _audit(name)
    found_kinds, missed = [], []
    used: set[int] = set()
    for error in expected.get("errors") or ():
        hit = next(
            (
                i
                for i, f in enumerate(audit.findings)
                # one misprint breaking several identities is one finding naming each
                if (i not in used or error["kind"] == "identity") and _matches(error, f)
            ),
            None,
        )
        if hit is None:
            missed.append(error["kind"])
        else:
            used.add(hit)
            found_kinds.append(error["kind"])
    alarms = []
    for i, f in enumerate(audit.findings):
        if i in used:
            continue
        if f.code == "identity" and any(
            _matches(e, f) for e in expected.get("errors") or () if e["kind"] == "identity"
        ):
            continue  # one misprint, several broken identities: said once
        if expected["truncated"] and f.code in TRUNCATED_ONLY:
            continue
        alarms.append(f"{f.code}: {f.message}")
    return found_kinds, missed, alarms


@pytest.mark.parametrize("name", [n for n in REPORTS if n not in UNREAD])
def test_audit_finds_every_hand_checked_error_and_nothing_else(name: str) -> None:
    """Each expected error is found (or listed in MISSED with the reason), with no false alarm."""
    _found, missed, alarms = _compare(name)
    assert alarms == []
    assert sorted(missed) == sorted(MISSED.get(name, ([], ""))[0])


@pytest.mark.parametrize("name", [n for n in REPORTS if n not in UNREAD])
def test_the_deadline_applied_is_never_earlier_than_the_hand_checked_levels(name: str) -> None:
    """The deadline the audit applies (层级 read from the unit's name, or the latest its name
    allows) is never earlier than the one of the report's hand-checked level: no false late."""
    expected = _expected(name)
    month, day = get_era(expected["era"]).deadlines[UnitLevel(expected["level"])]
    deadline = _audit(name).deadline
    assert deadline is None or deadline >= dt.date(expected["year"] + 1, month, day)


def test_reports_the_importer_refuses_are_unreadable_not_skipped(tmp_path: Path) -> None:
    """A report import refuses (any in UNREAD, and an untitled page whose year nothing else
    tells) is audited as unreadable, with the importer's message."""
    untitled = tmp_path / "2009-no-period.txt"
    text = (CORPUS / "2009-yongding-xian.txt").read_text(encoding="utf-8")
    period = "本报告中所列数据的统计期限自2009年1月1日至2009年12月31日止。"
    assert period in text
    untitled.write_text(text.replace(period, ""), encoding="utf-8")
    for path in [*(CORPUS / name for name in sorted(UNREAD)), untitled]:
        audit = audit_file(path)
        assert audit.failure is not None and audit.failed
        assert path.name in audit.failure
    assert "找不到“××年政府信息公开工作年度报告”这样的标题" in str(audit.failure)


def test_corpus_score() -> None:
    """Found / expected / false alarms over the whole corpus, as the final report states them."""
    found = expected = alarms = 0
    for name in REPORTS:
        errors = _expected(name).get("errors") or ()
        expected += len(errors)
        if name in UNREAD:
            continue
        f, _m, a = _compare(name)
        found += len(f)
        alarms += len(a)
    assert (found, expected, alarms) == (FOUND, EXPECTED, 0)


FOUND, EXPECTED = 29, 29
"""All 29 hand-checked errors (山阳's 6391 ≠ 6005 and its 12月21日 period, 底张's 2019 table,
二道区征收办's blank 总计, 北京市水务局's 56/417 printed 14% in the paragraph after its total
among them). Every corpus report is read (UNREAD is empty) and nothing the errors need is left
unread (MISSED is empty)."""


def test_exit_code_and_json_summary_of_a_folder(tmp_path: Path) -> None:
    """A folder gives one entry per report and a sortable summary; errors give exit 1."""
    for name in ("2016-example-zhen.html", "2024-example-shi.html", "2021-example-xiang.html"):
        (tmp_path / name).write_bytes((CORPUS / name).read_bytes())
    result = CliRunner().invoke(main, ["audit", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1
    out = json.loads(result.stdout)
    assert out["summary"] == {
        "reports": 3,
        "unreadable": 0,
        "with_errors": 2,  # 2016: an identity; 2021: no 考核评议追责 (a 乡镇)
        "late": 1,
        "copied": 0,
    }
    by_file = {Path(r["file"]).name: r for r in out["reports"]}
    assert by_file["2016-example-zhen.html"]["errors"] == 1
    assert by_file["2021-example-xiang.html"]["late"] is True


def test_a_clean_report_exits_0_with_its_table_line() -> None:
    """A report with no finding exits 0 and has its line in the table."""
    result = CliRunner().invoke(main, ["audit", str(CORPUS / "2024-example-shi.html")])
    assert result.exit_code == 0, result.output
    assert "示例市人民政府" in result.stdout


def test_not_a_report_gets_the_importers_message_and_exit_1(tmp_path: Path) -> None:
    """A page that is no annual report: the importer's message, exit 1, no traceback."""
    page = tmp_path / "news.html"
    page.write_text("<html><body><p>今日新闻</p></body></html>", encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", str(page)])
    assert result.exit_code == 1
    assert "不像一份政府信息公开工作年度报告" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_image_only_pdf_gets_the_importers_message_and_exit_1(tmp_path: Path) -> None:
    """A PDF without a text layer: “PDF 没有文字层” and exit 1."""
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(hostile_runs.scanned_pdf())  # a scan without OCR
    result = CliRunner().invoke(main, ["audit", str(pdf)])
    assert result.exit_code == 1
    assert "PDF 没有文字层" in result.output


def test_previous_is_refused_with_several_reports(tmp_path: Path) -> None:
    """``--previous`` is one unit's last report: with a folder of reports it is refused (every
    report was compared with it, that report itself too), exit 2, nothing audited."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("2024-example-shi.html", "2023-example-jiedao.html"):
        (folder / name).write_bytes((CORPUS / name).read_bytes())
    result = CliRunner().invoke(
        main, ["audit", str(folder), "--previous", str(folder / "2023-example-jiedao.html")]
    )
    assert result.exit_code == 2
    assert "只能与一份报告一起审查（这里有 2 份）" in result.output
    single = CliRunner().invoke(
        main,
        [
            "audit",
            str(folder / "2024-example-shi.html"),
            "--previous",
            str(folder / "2023-example-jiedao.html"),
        ],
    )
    assert single.exit_code in (0, 1) and "只能与一份报告" not in single.output


def test_previous_year_copied_text_is_found(tmp_path: Path) -> None:
    """The same report given as last year's (one year earlier) is flagged as copied."""
    text = (CORPUS / "2024-example-shi.html").read_text(encoding="utf-8")
    last = tmp_path / "2023.html"
    last.write_text(text.replace("2024", "2023"), encoding="utf-8")
    audit = audit_file(CORPUS / "2024-example-shi.html", previous=last)
    assert audit.copied is not None and audit.copied > 50


def test_prose_figure_against_a_table_cell_is_found(tmp_path: Path) -> None:
    """A sentence whose figure contradicts Table 2 is found: the importer notes where each
    table row came from, and a cell of a read row counts as read."""
    page = tmp_path / "2023.html"
    example = str(ROOT / "examples" / "2023-example-street.yaml")
    rendered = CliRunner().invoke(main, ["render", example, "--to", "html", "-o", str(page)])
    assert rendered.exit_code == 0, rendered.output
    text = page.read_text(encoding="utf-8")
    said = "全年所有申请均在法定期限内答复。"
    assert said in text
    page.write_text(text.replace(said, "全年所有申请均在法定期限内答复，全年予以公开9件。"))
    figures = [p for p in audit_file(page).findings if p.code == "prose-figure"]
    assert [(p.details.get("stated"), p.details.get("table")) for p in figures] == [("9", "8")]


@pytest.mark.parametrize(
    ("edits", "stated"),
    [
        (
            [("结转下年度继续办理1件。", "结转下年度继续办理1件。全年予以公开及部分公开12件。")],
            "12",
        ),
        (
            [
                ("无法提供5件", "无法提供6件"),
                ('<td headers="t2-r15 t2-r2 t2-r14 t2-c6 t2-app">3</td>', "<td></td>"),
            ],
            "6",
        ),
    ],
    ids=["granted-and-partly", "total-printed-blank"],
)
def test_a_figure_the_text_states_is_compared_with_the_tables_rows_it_sums(
    edits: list[tuple[str, str]], stated: str, tmp_path: Path
) -> None:
    """“予以公开及部分公开12件” is checked against the two rows' sum (11), and “无法提供6件”
    against its rows (5) though one row's 总计 is printed blank (its parts read: 3)."""
    page = tmp_path / "2023.html"
    example = str(ROOT / "examples" / "2023-example-street.yaml")
    rendered = CliRunner().invoke(main, ["render", example, "--to", "html", "-o", str(page)])
    assert rendered.exit_code == 0, rendered.output
    text = page.read_text(encoding="utf-8")
    for printed, edited in edits:
        assert text.count(printed) == 1
        text = text.replace(printed, edited)
    page.write_text(text, encoding="utf-8")
    figures = [p for p in audit_file(page).findings if p.code == "prose-figure"]
    assert [p.details.get("stated") for p in figures] == [stated]
    assert int(str(figures[0].details["table"])) == int(stated) - 1


def _shares_found(said: str, tmp_path: Path) -> list[Problem]:
    """The percentage findings of the 2024 example page with ``said`` added as its last
    paragraph."""
    text = (CORPUS / "2024-example-shi.html").read_text(encoding="utf-8")
    page = tmp_path / "2024.html"
    last = "<p>本年度收取信息处理费0元。</p>"
    page.write_text(text.replace(last, f"{last}\n<p>{said}</p>"), encoding="utf-8")
    return [p for p in audit_file(page).findings if p.code == "percentage"]


@pytest.mark.parametrize(
    ("said", "found"),
    [
        (
            "共报送政务信息859条，较去年回落12.3%；经审核刊用805条（含上年度报送18条，"
            "另有72条转下年度刊用）。政策解读275条，占34.2%；工作动态35条，占4.35%；"
            "通知公告337条，占41.9%；其他158条，占19.6%；图片新闻0条。",
            [],
        ),
        (
            "共报送政务信息859条；经审核刊用805条。政策解读275条，占34.2%；工作动态35条，"
            "占4.34%；通知公告337条，占41.9%；其他158条，占19.6%。",
            [("4.34%", "4.35%", 805)],
        ),
        (
            "共报送政务信息100条，其中街道80条、社区20条；政策解读60条，占60%。",
            [],
        ),
    ],
    ids=["shares-of-the-answered", "truncated-share-of-the-answered", "whole-before-its-parts"],
)
def test_a_share_is_of_the_nearest_count_its_sentence_partitions(
    said: str, found: list[tuple[str, str, int]], tmp_path: Path
) -> None:
    """Shares after “刊用805条” are of 805, not of the 859 sent in before it (as 答复805件 after
    共受理859件: no false alarm); a count inside brackets or itself a share is no whole, and
    where two wholes could be meant (街道80条 after 共…100条) a share is wrong only when it is
    wrong against both."""
    shares = _shares_found(said, tmp_path)
    assert [(p.details["found"], p.details["expected"], p.details["base"]) for p in shares] == found


@pytest.mark.parametrize(
    "said",
    [
        "全年发布政务微博21条，其中政策解读8条，占37%。",
        "发布政务微博21条，其中，政策解读8条，占37%。",
        "发布政务微博21条，其中政策解读8条（占37%）。",
        "发布政务微博21条，其中政策解读8条、占37%。",
    ],
)
def test_a_share_of_its_whole_is_checked_whatever_the_punctuation(
    said: str, tmp_path: Path
) -> None:
    """“占37%” for 8 of 21 (38.1%) is found with both values, whether a comma (full-width,
    read as the half-width the compared text has), a bracket or 、 sits around 其中 and 占."""
    shares = _shares_found(said, tmp_path)
    assert [(p.details["found"], p.details["expected"], p.details["base"]) for p in shares] == [
        ("37%", "38%", 21)
    ]


@pytest.mark.parametrize(
    ("said", "found"),
    [
        ("发布政务微博1,234条，其中政策解读100条，占8.1%。", []),
        ("发布政务微博2,500条，其中政策解读25条，占1%。", []),
        ("发布政务微博1,234条，其中政策解读100条，占9%。", [("9%", "8%", 1234)]),
        ("发布政务微博１，２３４条，其中政策解读100条，占9%。", [("9%", "8%", 1234)]),
    ],
    ids=["right", "right-round", "wrong", "full-width"],
)
def test_a_whole_printed_with_thousands_separators_is_read_whole(
    said: str, found: list[tuple[str, str, int]], tmp_path: Path
) -> None:
    """A whole printed 1,234 is 1234, not 234: its shares are checked against it (they were
    called wrong against the digits after the comma)."""
    shares = _shares_found(said, tmp_path)
    assert [(p.details["found"], p.details["expected"], p.details["base"]) for p in shares] == found


def test_the_publication_date_is_checked_when_a_written_date_is_printed_first(
    tmp_path: Path,
) -> None:
    """A page printing 成文日期 (in time) before its 发布时间 (late) is late: the date it was
    published on is checked, not the first date the page prints."""
    text = (CORPUS / "2021-example-xiang.html").read_text(encoding="utf-8")
    meta = '<div class="meta">发布时间：2022-02-15'
    assert meta in text
    page = tmp_path / "2021.html"
    page.write_text(
        text.replace(meta, f'<div class="meta">成文日期：2022-01-20</div>\n{meta}'),
        encoding="utf-8",
    )
    late = [p for p in audit_file(page).findings if p.code == "late"]
    assert [(p.details["found"], p.details["expected"]) for p in late] == [
        ("2022-02-15", "2022-01-31")
    ]


@pytest.mark.parametrize(
    ("meta", "late"),
    [
        ("作者:本站原创 | 来源:本站原创 | 时间:2022-02-15 点击数:- 分享到:", True),
        ("时间：2022-02-15", True),
        (
            "信息来源：示例乡人民政府</div>\n<p>时间：2022-02-15，我乡召开政务公开培训会。</p><div>",
            False,
        ),
    ],
    ids=["metadata-row", "metadata-line", "prose"],
)
def test_a_publication_date_labelled_only_time_is_read_from_the_pages_metadata(
    meta: str, late: bool, tmp_path: Path
) -> None:
    """A page whose metadata says only “时间:2022-02-15” was published then (late for a 乡);
    a sentence of the report starting 时间： is no publication date."""
    text = (CORPUS / "2021-example-xiang.html").read_text(encoding="utf-8")
    printed = "发布时间：2022-02-15 09:30　信息来源：示例乡人民政府"
    assert printed in text
    page = tmp_path / "2021.html"
    page.write_text(text.replace(printed, meta), encoding="utf-8")
    audit = audit_file(page)
    found = [
        (p.details["found"], p.details["expected"]) for p in audit.findings if p.code == "late"
    ]
    assert found == ([("2022-02-15", "2022-01-31")] if late else [])
    assert audit.published == (dt.date(2022, 2, 15) if late else None)


@pytest.mark.parametrize(
    ("row", "published", "late"),
    [
        ("发布单位 | 区教育局 | 发布日期 | 2021-02-20 |", dt.date(2021, 2, 20), True),
        ("发布机构 | 区教育局 | 发文日期 | 2021-01-28 |", dt.date(2021, 1, 28), False),
    ],
    ids=["late", "in-time"],
)
def test_a_publication_date_in_a_metadata_table_is_read_and_a_departments_deadline_applies(
    row: str, published: dt.date, late: bool, tmp_path: Path
) -> None:
    """发布日期 | 2021-02-20 in the page's metadata table is the publication date, and a 区's
    局 (a 县级部门 by its name) publishing after January 31 under the 2019 rules is late."""
    page = tmp_path / "2020.txt"
    page.write_text(
        f"索 引 号 | 001/2021-00001 | 公开分类 | |\n{row}\n"
        "某某区教育局2020年政府信息公开工作年度报告\n一、总体情况\n我局公开了文件。\n",
        encoding="utf-8",
    )
    audit = audit_file(page)
    assert (audit.published, audit.level) == (published, "县级部门")
    found = [
        (p.details["found"], p.details["expected"]) for p in audit.findings if p.code == "late"
    ]
    assert found == ([("2021-02-20", "2021-01-31")] if late else [])


def test_a_heading_on_oversight_and_assessment_is_no_report_of_the_assessment_topic(
    tmp_path: Path,
) -> None:
    """A township's “（五）强化监督考核” is its 监督保障: without 工作考核、社会评议和责任追究
    anywhere else the report is missing that topic (考核 alone made the heading the topic)."""
    rendered, _warnings = reportkit.render(TOWN_2020, tmp_path / "town.docx", to="docx,html")
    text = rendered.with_suffix(".html").read_text(encoding="utf-8")
    text = text.replace("（五）政府信息公开监督保障情况", "（五）强化监督考核")
    text = re.sub(r"<h3>（六）工作考核.*?</p>", "", text, flags=re.DOTALL)
    assert "（五）强化监督考核" in text and "追究" not in text
    page = tmp_path / "town.html"
    page.write_text(text, encoding="utf-8")
    found = recognise(read(page))
    assert "监督保障" in found.data["总体情况"] and "考核评议追责" not in found.data["总体情况"]
    missing = [p for p in audit_file(page).findings if p.code == "missing-section"]
    assert [p.details["expected"] for p in missing] == ["工作考核、社会评议和责任追究结果情况"]


def test_cells_the_importer_could_not_read_are_never_compared(tmp_path: Path) -> None:
    """Table 2 published with a cell that is no figure (“6?”), a row whose label is not read and
    an unreadable 总计: those cells are unknown, not 0 or blank — no identity, blank-total or
    text-against-table finding reads them — and the report's line counts what was not placed."""
    rendered, _warnings = reportkit.render(STREET_2023, tmp_path / "report.docx")
    text = _as_text(rendered, tmp_path / "report.txt").read_text(encoding="utf-8")
    for printed, garbled in (
        ("（一）予以公开\t6\t", "（一）予以公开\t6?\t"),
        ("4.保护第三方合法权益\t", "4.保护第■方合法权益\t"),
        ("（七）总计\t15\t3\t1\t0\t2\t0\t21", "（七）总计\t15\t3\t1\t0\t2\t0\t2l"),
    ):
        assert printed in text
        text = text.replace(printed, garbled)
    report = tmp_path / "garbled.txt"
    report.write_text(text, encoding="utf-8")
    audit = audit_file(report)
    compared = {"identity", "blank-total", "prose-figure", "prose-percent"}
    assert [f"{p.code}: {p.message}" for p in audit.findings if p.code in compared] == []
    assert audit.unplaced == 3
    result = CliRunner().invoke(main, ["audit", str(report)])
    line = next(line for line in result.stdout.splitlines() if "garbled.txt" in line)
    assert line.split()[-1] == "3"  # 未能归入


@pytest.mark.parametrize("printed", ["三、本年度办理结果", "三、本年度办"], ids=["whole", "cut"])
def test_a_table_row_read_as_a_line_of_text_is_no_section_heading(
    printed: str, tmp_path: Path
) -> None:
    """“三、本年度办理结果”, a row label of Table 2 that a copied page gives as a line of its own
    (or its start, where a stored page is cut), is not taken for a first-level heading: no
    numbering finding (二、 is not “repeated”)."""
    rendered, _warnings = reportkit.render(STREET_2023, tmp_path / "report.docx")
    text = _as_text(rendered, tmp_path / "report.txt").read_text(encoding="utf-8")
    assert "\n三、本年度办理结果" in text
    report = tmp_path / "copied.txt"
    report.write_text(text.replace("\n三、本年度办理结果", f"\n\n{printed}\n"), encoding="utf-8")
    assert [p.message for p in audit_file(report).findings if p.code == "numbering"] == []


@pytest.mark.parametrize(
    ("said", "missing"),
    [("", True), ("开展社会评议，全年未发生责任追究情况。", False)],
    ids=["not reported", "reported under 监督保障"],
)
def test_a_governments_report_without_assessment_is_missing_a_section(
    said: str, missing: bool, tmp_path: Path
) -> None:
    """A 人民政府's published report (a 镇 here) with no 工作考核、社会评议和责任追究结果情况
    is missing a mandated part (Art. 50 (4)); one that reports 评议 and 追究 under another
    heading is not; a 街道's report (not a 人民政府) never is."""
    rendered, _warnings = reportkit.render(STREET_2023, tmp_path / "report.docx")
    text = _as_text(rendered, tmp_path / "street.txt").read_text(encoding="utf-8")
    street = [p.code for p in audit_file(tmp_path / "street.txt").findings]
    assert "missing-section" not in street
    town = text.replace("示例街道办事处", "示例镇人民政府").replace("本街道", "我镇")
    anchor = "主动接受人大代表、政协委员和社会公众监督。"
    assert anchor in town
    report = tmp_path / "town.txt"
    report.write_text(town.replace(anchor, anchor + said), encoding="utf-8")
    found = [p for p in audit_file(report).findings if p.code == "missing-section"]
    assert [p.details.get("expected") for p in found] == (
        ["工作考核、社会评议和责任追究结果情况"] if missing else []
    )
