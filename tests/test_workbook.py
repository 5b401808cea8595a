"""The office workbook of `reportkit aggregate`, read back with openpyxl over 30 generated
units: the official tables in their official layout, the long sheet, the chart, the cover,
and the long table as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from openpyxl.worksheet.worksheet import Worksheet

from reportkit.cli import main
from tests.conftest import TOWN_2020
from tests.formats_labels import TABLE2_2021
from tests.townships import APPEALS, APPLICANTS, OUTCOMES, RESULT_ROWS, Townships, write_townships

COLUMNS = (*APPLICANTS, "总计")
HEADINGS = {
    "不予公开": "（三）不予公开",
    "无法提供": "（四）无法提供",
    "不予处理": "（五）不予处理",
    "其他处理": "（六）其他处理",
}
_LABELS_2021 = [
    label for label in TABLE2_2021 if label not in {"三、本年度办理结果", *HEADINGS.values()}
]
"""Table 2's figure rows (2021 era) as the official table prints them, in order (the official
labels are typed once, in tests/formats_labels.py)."""
TABLE2_ROWS = list(
    zip(
        [
            ("新收",),
            ("上年结转",),
            *(("办理结果", *r) for r in RESULT_ROWS),
            ("办理结果", "总计"),
            ("结转下年度",),
        ],
        _LABELS_2021,
        strict=True,
    )
)
TABLE2_MERGES = {  # the first (合计) block: title row 1, header rows 2–4, figure rows 5–29
    "A1:J1",  # the block's title
    "A2:C4",  # the 勾稽 note over the row labels
    "D2:J2",  # 申请人情况
    "D3:D4",  # 自然人
    "E3:I3",  # 法人或其他组织
    "J3:J4",  # 总计
    "A5:C5",  # 一、本年新收
    "A6:C6",  # 二、上年结转
    "A7:A28",  # 三、本年度办理结果, down its 22 rows
    "B7:C7",  # （一）予以公开
    "B8:C8",  # （二）部分公开
    "B9:B16",  # （三）不予公开, down its 8 reasons
    "B17:B19",  # （四）无法提供
    "B20:B24",  # （五）不予处理
    "B25:B27",  # （六）其他处理
    "B28:C28",  # （七）总计
    "A29:C29",  # 四、结转下年度
}
TABLE3_MERGES = {
    "A1:A3",  # 单位
    "B1:F1",  # 行政复议
    "G1:P1",  # 行政诉讼
    *(f"{c}2:{c}3" for c in "BCDEF"),  # 结果维持 … 总计 under 行政复议
    "G2:K2",  # 未经复议直接起诉
    "L2:P2",  # 复议后起诉
}


def _number(value: Any) -> Decimal:
    assert isinstance(value, int | float) and not isinstance(value, bool), value
    return Decimal(str(value))


def _table2(data: dict[str, Any], path: tuple[str, ...]) -> list[int]:
    """A Table 2 row of a data file read with PyYAML: blanks are 0, 总计 the sum."""
    if path == ("办理结果", "总计"):
        rows = [_table2(data, ("办理结果", *r)) for r in RESULT_ROWS]
        return [sum(column) for column in zip(*rows, strict=True)]
    node: Any = data["依申请公开"]
    for key in path:
        node = node.get(key, {}) if isinstance(node, dict) else {}
    cells = [node.get(c, 0) for c in APPLICANTS]
    return [*cells, sum(cells)]


@pytest.fixture(scope="module")
def units(tmp_path_factory: pytest.TempPathFactory) -> Townships:
    """30 generated units (5 broken), each good one also stating its 主动公开 总数."""
    made = write_townships(tmp_path_factory.mktemp("units"), 30, nested=False)
    for i, path in enumerate(made.good):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["总体情况"]["主动公开"]["总数"] = 40 + 7 * i
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return made


@pytest.fixture(scope="module")
def stem(units: Townships, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out") / "汇总"
    args = ["aggregate", str(units.folder), "-o", str(out), "--to", "yaml,xlsx,csv", "-j", "1"]
    # 5 of the 30 units are broken on purpose: the office sums the rest, and the cover says so.
    result = CliRunner().invoke(main, [*args, "--allow-partial"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def book(stem: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(stem.with_suffix(".xlsx"))


@pytest.fixture(scope="module")
def summary(stem: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(stem.with_suffix(".yaml").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def unit_data(units: Townships) -> dict[str, tuple[Path, dict[str, Any]]]:
    """单位全称 → (file, its data read with PyYAML), for the good files."""
    found = {}
    for path in units.good:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found[data["单位"]["全称"]] = (path, data)
    return found


def _blocks(sheet: Worksheet, height: int) -> Iterator[tuple[str, int]]:
    """(title, first row) of each block of ``height`` rows, one empty row between blocks."""
    row = 1
    while sheet.cell(row, 1).value is not None:
        yield str(sheet.cell(row, 1).value), row
        row += height + 1


def test_table2_sheet_has_the_official_three_level_header_and_merged_labels(
    book: openpyxl.Workbook,
) -> None:
    """The first block of 表二 is the official table: the 勾稽 note over the labels, 申请人情况
    over 自然人 | 法人或其他组织 (five columns) | 总计, headings merged down their rows."""
    sheet = book["表二 依申请公开"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert merged >= TABLE2_MERGES
    assert sheet["A2"].value.startswith("（本列数据的勾稽关系为：第一项加第二项之和")
    assert [sheet[c].value for c in ("D2", "D3", "E3", "J3")] == [
        "申请人情况",
        "自然人",
        "法人或其他组织",
        "总计",
    ]
    assert [sheet.cell(4, c).value for c in range(5, 10)] == list(APPLICANTS[1:])
    assert sheet.freeze_panes == "D5"
    assert sheet["A7"].value == "三、本年度办理结果" and sheet["B9"].value == "（三）不予公开"


def test_table2_blocks_hold_the_summary_and_each_units_figures(
    book: openpyxl.Workbook, summary: dict[str, Any], unit_data: dict[str, Any]
) -> None:
    """Every figure of 表二: the 合计 block equals the summary data file, each unit's block that
    unit's file; each row labelled as printed; one block per unit, none twice."""
    sheet = book["表二 依申请公开"]
    blocks = list(_blocks(sheet, 4 + len(TABLE2_ROWS)))
    assert blocks[0][0] == "合计（25 个单位之和）"
    seen = []
    for title, top in blocks:
        if title.startswith("合计"):
            figures = summary
        else:
            unit, file = title.rstrip("）").split("（", 1)
            path, figures = unit_data[unit]
            assert file == str(path)
            seen.append(unit)
        for k, (path_, label) in enumerate(TABLE2_ROWS):
            row = top + 4 + k
            labels = [sheet.cell(row, c).value for c in (1, 2, 3)]
            assert label in labels, (title, row)
            got = [sheet.cell(row, c).value for c in range(4, 11)]
            if figures is summary:
                node: Any = summary["依申请公开"]
                for key in path_:
                    node = node[key]
                assert got == [node[c] for c in COLUMNS], (title, label)
            else:
                assert got == _table2(figures, path_), (title, label)
    assert sorted(seen) == sorted(unit_data)
    assert len(sheet.row_breaks.brk) == len(blocks) - 1  # each block on a page of its own


def test_table1_blocks_group_rows_under_their_article(
    book: openpyxl.Workbook, summary: dict[str, Any], unit_data: dict[str, Any]
) -> None:
    """表一 prints each 第二十条 item as a header row over 信息内容 and its columns; the 合计
    block holds the summary's figures and each unit's block its own."""
    sheet = book["表一 主动公开"]
    assert [sheet.cell(r, 1).value for r in range(2, 5)] == [
        "第二十条第（一）项",
        "信息内容",
        "规章",
    ]
    assert [sheet.cell(3, c).value for c in (2, 3, 4)] == [
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
    ]
    assert {"A2:D2", "B7:D7", "B8:D8"} <= {str(r) for r in sheet.merged_cells.ranges}
    rows = {  # label → (row within the block, data path)
        "行政规范性文件": (4, ("行政规范性文件", "本年制发件数")),
        "行政许可": (7, ("行政许可", "本年处理决定数量")),
        "行政强制": (11, ("行政强制", "本年处理决定数量")),
        "行政事业性收费": (14, ("行政事业性收费", "本年收费金额")),
    }
    blocks = list(_blocks(sheet, 15))
    assert len(blocks) == 26
    for title, top in blocks:
        data = summary if title.startswith("合计") else unit_data[title.split("（")[0]][1]
        for label, (offset, (row, column)) in rows.items():
            assert sheet.cell(top + offset, 1).value == label
            value = _number(sheet.cell(top + offset, 2).value)
            assert value == Decimal(str(data["主动公开"][row][column])), (title, label)


def test_table3_is_a_row_per_unit_under_the_official_header(
    book: openpyxl.Workbook, summary: dict[str, Any], unit_data: dict[str, Any]
) -> None:
    """表三: 行政复议 | 行政诉讼 (未经复议直接起诉, 复议后起诉) over the five outcomes, then
    the 合计 row (the summary) and a row per unit with its own figures."""
    sheet = book["表三 复议诉讼"]
    assert {str(r) for r in sheet.merged_cells.ranges} >= TABLE3_MERGES
    assert [sheet[c].value for c in ("B1", "G1", "G2", "L2")] == [
        "行政复议",
        "行政诉讼",
        "未经复议直接起诉",
        "复议后起诉",
    ]
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert rows[0][0] == "合计" and len(rows) == 26
    for row in rows:
        data = summary if row[0] == "合计" else unit_data[row[0]][1]
        expected = []
        for block in APPEALS:
            cells = [data["行政复议和诉讼"][block].get(o, 0) for o in OUTCOMES]
            expected += [*cells, sum(cells)]
        assert list(row[1:]) == expected, row[0]
    assert sheet.freeze_panes == "B4"


def test_long_sheet_reads_as_a_plain_table_and_sums_to_the_summary(
    book: openpyxl.Workbook, summary: dict[str, Any], unit_data: dict[str, Any]
) -> None:
    """明细 has one header row, no merged cells, numbers as numbers; each unit's Table 2 rows are
    its own figures, and for every (表, 行, 列) the units add up to the summary."""
    sheet = book["明细"]
    assert not sheet.merged_cells.ranges
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("单位", "表", "行", "列", "值")
    sums: dict[tuple[str, str, str], Decimal] = {}
    mine: dict[tuple[str, str, str, str], Any] = {}
    for unit, table, row, column, value in rows[1:]:
        sums[(table, row, column)] = sums.get((table, row, column), Decimal(0)) + _number(value)
        mine[(unit, table, row, column)] = value
    for unit, (_path, data) in unit_data.items():
        for path, label in TABLE2_ROWS:
            row = f"{HEADINGS[path[1]]} {label}" if len(path) == 3 else label
            for column, value in zip(COLUMNS, _table2(data, path), strict=True):
                assert mine[(unit, "表二 依申请公开", row, column)] == value, (unit, row)
    for path, label in TABLE2_ROWS[:2] + TABLE2_ROWS[-1:]:
        for column in COLUMNS:
            assert (
                sums[("表二 依申请公开", label, column)] == summary["依申请公开"][path[0]][column]
            )
    licences = sums[("表一 主动公开", "第二十条第（五）项 行政许可", "本年处理决定数量")]
    assert licences == summary["主动公开"]["行政许可"]["本年处理决定数量"]
    fees = sums[
        ("表一 主动公开", "第二十条第（八）项 行政事业性收费", "本年收费金额（单位：万元）")
    ]
    assert fees == Decimal(str(summary["主动公开"]["行政事业性收费"]["本年收费金额"]))
    for block in APPEALS:
        row = block if block == "行政复议" else f"行政诉讼 {block}"  # under its header group
        for outcome in (*OUTCOMES, "总计"):
            expected = summary["行政复议和诉讼"][block][outcome]
            assert sums[("表三 复议诉讼", row, outcome)] == expected
    assert {key[0] for key in mine} == set(unit_data)


def test_csv_is_the_long_sheet_in_utf8_with_a_bom(book: openpyxl.Workbook, stem: Path) -> None:
    """The .csv beside the workbook starts with a BOM and holds the long sheet's rows."""
    raw = stem.with_suffix(".csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    sheet = list(book["明细"].iter_rows(values_only=True))
    assert len(rows) == len(sheet)
    for got, expected in zip(rows, sheet, strict=True):
        assert got[:4] == list(expected[:4])
        if got[0] != "单位":
            assert Decimal(got[4]) == _number(expected[4])


def test_chart_draws_each_units_received_handled_and_published(
    book: openpyxl.Workbook, unit_data: dict[str, Any]
) -> None:
    """图表 holds a bar chart with three series (新收, 办结, 主动公开) over the 25 units, drawn
    from a table of each unit's figures."""
    sheet = book["图表"]
    (chart,) = sheet._charts
    assert chart.tagname == "barChart" and len(chart.series) == 3
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("单位", "新收申请（件）", "办结申请（件）", "主动公开信息（条）")
    assert len(rows) == 26
    for unit, received, handled, published in rows[1:]:
        data = unit_data[unit][1]
        assert received == _table2(data, ("新收",))[-1]
        assert handled == _table2(data, ("办理结果", "总计"))[-1]
        assert published == data["总体情况"]["主动公开"]["总数"]


def test_cover_lists_the_files_included_and_those_left_out_with_why(
    book: openpyxl.Workbook, units: Townships
) -> None:
    """The first sheet says what the workbook is and lists every file added up and every file
    left out, each with its reason."""
    assert book.sheetnames[0] == "说明"
    rows = [r for r in book["说明"].iter_rows(values_only=True) if any(r)]
    assert rows[0][0] == "2023 年度政府信息公开工作年度报告汇总"
    assert any(r[0] == "生成时间" and r[1] for r in rows)
    start = next(i for i, r in enumerate(rows) if str(r[0]).startswith("计入汇总的文件"))
    end = next(i for i, r in enumerate(rows) if str(r[0]).startswith("未计入汇总的文件"))
    included = {Path(r[1]) for r in rows[start + 2 : end]}
    left_out = {Path(r[1]): r[3] for r in rows[end + 2 :]}
    assert included == set(units.good)
    assert set(left_out) == set(units.broken)
    assert all(reason for reason in left_out.values())


def test_text_is_written_as_text_never_a_formula(tmp_path: Path) -> None:
    """A unit whose name begins with = is written as that text in every sheet, not a formula."""
    unit = tmp_path / "unit.yaml"
    text = TOWN_2020.read_text(encoding="utf-8")
    unit.write_text(text.replace("全称: 示例镇人民政府", "全称: =1+2镇", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["aggregate", str(unit), "-o", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(tmp_path / "s.xlsx")
    found = [
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and "=1+2镇" in cell.value
    ]
    assert len(found) >= 4  # 说明, 表二's block title, 表三's row, 明细, 校验结果 …
    assert all(cell.data_type == "s" for cell in found)


def test_to_chooses_the_outputs_all_or_nothing(tmp_path: Path) -> None:
    """--to csv writes only the CSV; an output already there stops all of them (nothing
    written) unless --force; an unknown kind is a usage error."""
    runner = CliRunner()
    out = tmp_path / "s"
    only = runner.invoke(main, ["aggregate", str(TOWN_2020), "-o", str(out), "--to", "csv"])
    assert only.exit_code == 0, only.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.csv"]
    again = runner.invoke(main, ["aggregate", str(TOWN_2020), "-o", str(out), "--to", "xlsx,csv"])
    assert again.exit_code == 1 and "已存在" in again.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.csv"]
    wrong = runner.invoke(main, ["aggregate", str(TOWN_2020), "-o", str(out), "--to", "pdf"])
    assert wrong.exit_code == 2 and "yaml、xlsx、csv" in wrong.stderr
