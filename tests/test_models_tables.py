"""The 2019 and 2021 outlines: which era a year uses, the tables' rows and labels, blank cells,
the figures a clerk must fill, and publication deadlines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from reportkit import checks
from reportkit.eras import era_for_year, get_era
from reportkit.eras.era2019 import Report2019
from reportkit.eras.era2021 import Report2021
from reportkit.eras.model import ReportBase
from reportkit.eras.tables import LineKind, lines, table_model
from reportkit.loading import check_file, check_text
from tests.formats_labels import TABLE2_2019, TABLE2_2021

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TOWN = EXAMPLES / "2020-example-town.yaml"
STREET = EXAMPLES / "2023-example-street.yaml"
SHUANGLONG = EXAMPLES / "2017-shuanglong.yaml"


def _problems(text: str, *, draft: bool = False) -> list[tuple[tuple[str | int, ...], str]]:
    return [(p.path, p.code) for p in check_text(text, "data.yaml", draft=draft).problems]


@pytest.mark.parametrize(
    ("path", "model"), [(TOWN, Report2019), (STREET, Report2021)], ids=["2020", "2023"]
)
def test_example_is_read_with_its_eras_model(path: Path, model: type[ReportBase]) -> None:
    """A 2020 report is read with the 2019 outline and a 2023 report with the 2021 outline."""
    assert type(check_file(path).report) is model


@pytest.mark.parametrize("path", [TOWN, STREET, SHUANGLONG], ids=lambda p: p.stem)
def test_example_validates_without_any_problem(path: Path) -> None:
    """Every example is a complete, balanced report: no error and no warning."""
    result = check_file(path)
    assert result.ok
    assert result.problems == []


# --- the tables' rows and labels ------------------------------------------------------------

APPLICANT_COLUMNS = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
]


@pytest.mark.parametrize(("era", "labels"), [("2019", TABLE2_2019), ("2021", TABLE2_2021)])
def test_table2_prints_the_official_labels_in_order(era: str, labels: list[str]) -> None:
    """Table 2's lines carry formats.md §2's labels word for word, （六）其他处理 per era."""
    table = lines(table_model(get_era(era).model, "依申请公开"))
    assert [line.label for line in table] == labels


@pytest.mark.parametrize("era", ["2019", "2021"])
def test_every_table2_row_has_the_seven_applicant_columns(era: str) -> None:
    """Every row of figures in Table 2, the 总计 row included, has the same seven columns."""
    table = lines(table_model(get_era(era).model, "依申请公开"))
    rows = [line for line in table if line.kind is not LineKind.HEADING]
    assert {tuple(c.key for c in line.columns) for line in rows} == {tuple(APPLICANT_COLUMNS)}


@pytest.mark.parametrize(
    ("era", "expected"),
    [
        (
            "2019",
            {
                "规章": ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
                "规范性文件": ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
                "行政许可": ["上一年项目数量", "本年增/减", "处理决定数量"],
                "其他对外管理服务事项": ["上一年项目数量", "本年增/减", "处理决定数量"],
                "行政处罚": ["上一年项目数量", "本年增/减", "处理决定数量"],
                "行政强制": ["上一年项目数量", "本年增/减", "处理决定数量"],
                "行政事业性收费": ["上一年项目数量", "本年增/减"],
                "政府集中采购": ["采购项目数量", "采购总金额", "单位"],
            },
        ),
        (
            "2021",
            {
                "规章": ["本年制发件数", "本年废止件数", "现行有效件数"],
                "行政规范性文件": ["本年制发件数", "本年废止件数", "现行有效件数"],
                "行政许可": ["本年处理决定数量"],
                "行政处罚": ["本年处理决定数量"],
                "行政强制": ["本年处理决定数量"],
                "行政事业性收费": ["本年收费金额（单位：万元）"],
            },
        ),
    ],
)
def test_table1_has_the_eras_own_rows_and_columns(era: str, expected: dict[str, list[str]]) -> None:
    """Table 1's rows and column headings are the era's own (formats.md §2)."""
    table = lines(table_model(get_era(era).model, "主动公开"))
    assert {line.label: [c.label for c in line.columns] for line in table} == expected


@pytest.mark.parametrize("era", ["2019", "2021"])
def test_table3_has_three_blocks_of_five_cells(era: str) -> None:
    """Table 3 is 行政复议 and two kinds of 行政诉讼, each 结果维持 … 尚未审结 and 总计."""
    table = lines(table_model(get_era(era).model, "行政复议和诉讼"))
    assert [(line.group, line.label, [c.key for c in line.columns]) for line in table] == [
        (group, block, ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"])
        for group, block in [
            (None, "行政复议"),
            ("行政诉讼", "未经复议直接起诉"),
            ("行政诉讼", "复议后起诉"),
        ]
    ]


# --- blank cells and fill-in figures --------------------------------------------------------

_MINIMAL = """\
年度: 2023
单位: {全称: 示例局, 简称: 示例局, 自称: 本局, 层级: 县级部门}
"""


def test_cells_and_rows_left_out_of_table2_are_zero_and_totals_are_computed() -> None:
    """In Table 2 a cell or row left out is 0 and every 总计 left out is computed."""
    text = _MINIMAL + "依申请公开:\n  新收: {自然人: 2}\n  办理结果:\n    予以公开: {自然人: 2}\n"
    report = check_text(text, "data.yaml", draft=True).report
    assert isinstance(report, Report2021)
    table = report.applications
    assert table is not None
    assert (table.received.business, table.received.total) == (0, 2)
    assert table.carried_in.total == 0
    assert table.results.refused.state_secret.total == 0
    assert (table.results.total.natural_person, table.results.total.total) == (2, 2)


@pytest.mark.parametrize("key", ["主动公开", "依申请公开", "行政复议和诉讼", "问题及改进"])
def test_a_table_or_section_left_out_is_unfilled_not_zero(key: str) -> None:
    """Leaving a whole table out does not mean "none": the final report reports it unfilled."""
    assert ((key,), "unfilled") in _problems(_MINIMAL)


@pytest.mark.parametrize(
    ("path", "line", "cell"),
    [
        (TOWN, "    对外公开总数量: 9\n", ("主动公开", "规范性文件", "对外公开总数量")),
        (TOWN, "    单位: 万元\n", ("主动公开", "政府集中采购", "单位")),
        (STREET, "    现行有效件数: 4\n", ("主动公开", "行政规范性文件", "现行有效件数")),
        (STREET, "  信息处理费: 0\n", ("其他事项", "信息处理费")),
    ],
    ids=["2019-table1", "2019-unit", "2021-table1", "2021-fees"],
)
def test_a_figure_left_out_of_table1_or_the_fees_is_unfilled(
    path: Path, line: str, cell: tuple[str, ...]
) -> None:
    """Every Table 1 figure, the 采购 unit and (2021) 信息处理费 must be written, 0 included."""
    text = path.read_text(encoding="utf-8")
    assert line in text
    assert _problems(text.replace(line, "")) == [(cell, "unfilled")]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("本年增减: 3", "本年增减: -3", []),
        (
            "处理决定数量: 86",
            "处理决定数量: -1",
            [(("主动公开", "行政许可", "处理决定数量"), "out-of-range")],
        ),
        ("单位: 万元", "单位: 千元", [(("主动公开", "政府集中采购", "单位"), "invalid")]),
        (
            "本年增减: 3",
            "本年增减: true",
            [(("主动公开", "其他对外管理服务事项", "本年增减"), "invalid")],
        ),
    ],
    ids=["change-negative", "count-negative", "unit-unknown", "change-bool"],
)
def test_table1_values(old: str, new: str, expected: list[Any]) -> None:
    """本年增/减 may be negative, any other count may not; the 采购 unit is 元 or 万元."""
    text = TOWN.read_text(encoding="utf-8")
    assert old in text
    assert _problems(text.replace(old, new)) == expected


def test_procurement_amount_is_a_decimal() -> None:
    """采购总金额 is kept as an exact decimal, with its unit beside it."""
    report = check_file(TOWN).report
    assert isinstance(report, Report2019)
    assert report.proactive is not None
    procurement = report.proactive.procurement
    assert (procurement.amount, procurement.unit) == (Decimal("38.5"), "万元")


# --- deadlines ------------------------------------------------------------------------------


def _report(year: int, level: str | None, deadline: str | None = None) -> ReportBase:
    data: dict[str, Any] = {"年度": year, "单位": {"层级": level}}
    if deadline is not None:
        data["发布期限"] = deadline
    era = era_for_year(year)
    assert era is not None
    if era.name == "2007":
        data.update({"主动公开": {}, "依申请公开": {}, "收费及减免": {}, "行政复议和诉讼": {}})
    return era.model.model_validate(data)


@pytest.mark.parametrize(
    ("year", "level", "deadline", "expected"),
    [
        (2017, "县级部门", None, dt.date(2018, 3, 31)),
        (2017, "乡镇", None, dt.date(2018, 3, 31)),
        (2020, "县级部门", None, dt.date(2021, 1, 31)),
        (2020, "县级人民政府", None, dt.date(2021, 3, 31)),
        (2020, "乡镇", None, dt.date(2021, 1, 31)),
        (2023, "街道", None, dt.date(2024, 1, 31)),
        (2023, "市级人民政府", None, dt.date(2024, 3, 31)),
        (2023, "乡镇", "2024-02-15", dt.date(2024, 2, 15)),
        (2023, None, None, dt.date(2024, 3, 31)),
    ],
)
def test_deadline_by_era_and_kind_of_body(
    year: int, level: str | None, deadline: str | None, expected: dt.date
) -> None:
    """Art. 49: departments by January 31, governments by March 31, townships and streets by
    the county's date (January 31 unless 发布期限 says otherwise); 2007 era: March 31."""
    assert checks.deadline_for(_report(year, level, deadline)) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("某某市教育局", dt.date(2021, 1, 31)),
        ("市教育局", dt.date(2021, 1, 31)),
        ("某某市人民政府", dt.date(2021, 3, 31)),
        ("某某市", dt.date(2021, 3, 31)),
        ("文教局", dt.date(2021, 3, 31)),
        (None, dt.date(2021, 3, 31)),
    ],
)
def test_a_blank_level_takes_the_latest_deadline_the_name_allows(
    name: str | None, expected: dt.date
) -> None:
    """层级 blank: a 市's 局 is a 部门 (January 31) whether the 市 is a 地级市 or a 县级市; a
    市 or its 人民政府, and a name without its place, may be a government (March 31)."""
    data: dict[str, Any] = {"年度": 2020, "单位": {"全称": name}}
    assert checks.deadline_for(Report2019.model_validate(data)) == expected


@pytest.mark.parametrize(
    ("extra", "warned"),
    [("", True), ("发布期限: 2021-02-28\n", False)],
    ids=["default-deadline", "county-deadline"],
)
def test_a_township_publishing_in_february_is_late_unless_the_county_allows_it(
    extra: str, warned: bool
) -> None:
    """A township's report dated 2021-02-20 is late by default, not when 发布期限 is later."""
    text = TOWN.read_text(encoding="utf-8").replace("日期: 2021-01-25", "日期: 2021-02-20")
    assert ((("落款", "日期"), "late") in _problems(text + extra)) is warned


# --- guards found by the mutation run ---


def _dated(example: str, date: str) -> str:
    """An example's text (a path under examples/, or the minimal 2007 file) dated ``date``."""
    from tests.conftest import EXAMPLES, UNDATED_2007

    if example == "minimal-2007":
        return UNDATED_2007 + f"落款:\n  日期: {date}\n"
    text = (EXAMPLES / example).read_text(encoding="utf-8")
    old = "日期: 2021-01-25" if example.startswith("2020") else "日期: 2024-01-22"
    assert old in text
    return text.replace(old, f"日期: {date}")


@pytest.mark.parametrize(
    ("example", "change", "deadline", "day_after"),
    [
        ("minimal-2007", None, "2018-03-31", "2018-04-01"),
        ("2020-example-town.yaml", None, "2021-01-31", "2021-02-01"),
        (
            "2020-example-town.yaml",
            ("层级: 乡镇", "层级: 县级人民政府"),
            "2021-03-31",
            "2021-04-01",
        ),
        ("2023-example-street.yaml", None, "2024-01-31", "2024-02-01"),
        (
            "2023-example-street.yaml",
            ("年度: 2023", "年度: 2023\n发布期限: 2024-02-15"),
            "2024-02-15",
            "2024-02-16",
        ),
    ],
    ids=[
        "2007-era",
        "2019-township",
        "2019-county-government",
        "2021-street",
        "2021-stated-deadline",
    ],
)
def test_published_on_the_deadline_is_on_time_and_the_day_after_is_late(
    example: str, change: tuple[str, str] | None, deadline: str, day_after: str
) -> None:
    """A report dated on its deadline day is on time; dated the day after, it is warned as late."""

    def date_problems(date: str) -> list[str | None]:
        text = _dated(example, date)
        if change is not None:
            assert change[0] in text
            text = text.replace(change[0], change[1], 1)
        result = check_text(text, "data.yaml")
        assert result.ok, [str(p) for p in result.errors]
        return [p.code for p in result.problems if p.path == ("落款", "日期")]

    assert date_problems(deadline) == []
    assert date_problems(day_after) == ["late"]
