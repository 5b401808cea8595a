"""Aggregation: many units' figures summed through the declared identities, written as the
office's own data file and an Excel workbook."""

from __future__ import annotations

import copy
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from reportkit import datapath, identities
from reportkit.cli import main
from reportkit.eras import get_era
from reportkit.loading import check_file, load
from reportkit.office.aggregate import aggregate
from reportkit.office.workbook import CHECK_SHEET, TOTAL_LABEL, sheet_title
from tests.conftest import SHUANGLONG, TOWN_2020
from tests.docx_text import open_docx
from tests.townships import APPEALS, APPLICANTS, OUTCOMES, RESULT_ROWS, Townships, write_townships


def _data(path: Path) -> dict[str, Any]:
    report, _warnings = load(path)
    return report.model_dump(by_alias=True)


# --- office.aggregate -----------------------------------------------------------------


def test_2007_categories_are_summed_by_name() -> None:
    """Units naming their categories differently are summed category by category; a unit that
    lists none adds its total to 未分类; the 总数 is the sum of the categories."""
    one = _data(SHUANGLONG)  # 规范性文件 4, 规划和完成情况类信息 4, 与公众利益密切相关的信息 23
    two = copy.deepcopy(one)
    two["主动公开"]["分类"] = [
        {"名称": "与公众利益密切相关的信息", "条数": 10},
        {"名称": "人事信息", "条数": 5},
    ]
    two["主动公开"]["总数"] = 15
    three = copy.deepcopy(one)
    three["主动公开"]["分类"] = ()
    three["主动公开"]["总数"] = 7
    summed = aggregate(get_era("2007"), [one, two, three]).data
    assert summed["主动公开"]["分类"] == [
        {"名称": "规范性文件", "条数": 4},
        {"名称": "规划和完成情况类信息", "条数": 4},
        {"名称": "与公众利益密切相关的信息", "条数": 23 + 10},
        {"名称": "人事信息", "条数": 5},
        {"名称": "未分类", "条数": 7},
    ]
    assert summed["主动公开"]["总数"] == 31 + 15 + 7


def test_a_category_a_unit_lists_twice_is_counted_twice() -> None:
    """A unit listing one category name in two items adds both counts to that category."""
    one = _data(SHUANGLONG)
    one["主动公开"]["分类"] = [
        {"名称": "规范性文件", "条数": 4},
        {"名称": "规范性文件", "条数": 6},
    ]
    one["主动公开"]["总数"] = 10
    summed = aggregate(get_era("2007"), [one]).data
    assert summed["主动公开"]["分类"] == [{"名称": "规范性文件", "条数": 10}]
    assert summed["主动公开"]["总数"] == 10


def test_2019_amounts_in_different_units_are_summed_in_yuan() -> None:
    """采购总金额 given in 万元 by one unit and in 元 by another is summed in 元."""
    wan = _data(TOWN_2020)
    yuan = copy.deepcopy(wan)
    row = ("主动公开", "政府集中采购")
    amount = datapath.get(wan, (*row, "采购总金额"))
    assert datapath.get(wan, (*row, "单位")) == "万元"
    yuan["主动公开"]["政府集中采购"] = {
        **yuan["主动公开"]["政府集中采购"],
        "采购总金额": Decimal("1234.5"),
        "单位": "元",
    }
    summed = aggregate(get_era("2019"), [wan, yuan]).data
    assert datapath.get(summed, (*row, "单位")) == "元"
    assert datapath.get(summed, (*row, "采购总金额")) == amount * 10000 + Decimal("1234.5")


def test_totals_come_from_the_identities_not_from_adding_totals() -> None:
    """Every total of the sum is computed from the summed leaves: the sum satisfies every
    identity, and each total cell is among those computed."""
    data = _data(TOWN_2020)
    result = aggregate(get_era("2019"), [data, data, data])
    declared = get_era("2019").identities(result.data)
    assert identities.check(result.data, declared) == []
    totals = {i.total for i in declared if i.total is not None}
    assert totals and totals <= set(result.computed)
    received = ("依申请公开", "新收", "总计")
    assert datapath.get(result.data, received) == 3 * datapath.get(data, received)


# --- the command, on 300 generated townships ---------------------------------------------


@pytest.fixture(scope="module")
def townships(tmp_path_factory: pytest.TempPathFactory) -> Townships:
    return write_townships(tmp_path_factory.mktemp("townships"), 300)


@pytest.fixture(scope="module")
def aggregated(townships: Townships, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The summary stem written by `reportkit aggregate` over the 300 files."""
    out = tmp_path_factory.mktemp("summary") / "县汇总"
    result = CliRunner().invoke(
        main,
        [
            *("aggregate", str(townships.folder), "-o", str(out)),
            *("--unit-name", "某某县人民政府办公室", "--allow-partial"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "已汇总 295 个单位（2023 年度，2021 年版格式），未计入 5 个文件" in result.stdout
    excluded = [line for line in result.stderr.splitlines() if line.startswith("未计入")]
    assert sorted(excluded) == sorted(
        line for line in excluded if any(str(p) in line for p in townships.broken)
    )
    assert len(excluded) == 5
    return out


def _independent_sum(files: list[Path]) -> dict[str, Any]:
    """Table 2 and 3 figures and Table 1's counts, added up straight from the files (PyYAML),
    with every 总计 as the sum of its row — nothing of reportkit involved."""
    table2: dict[tuple[str, ...], dict[str, int]] = {}
    table3 = {block: dict.fromkeys(OUTCOMES, 0) for block in APPEALS}
    licences = 0
    fees = Decimal(0)
    rows = [("新收",), ("上年结转",), ("结转下年度",), *(("办理结果", *r) for r in RESULT_ROWS)]
    for path in files:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        licences += data["主动公开"]["行政许可"]["本年处理决定数量"]
        fees += Decimal(str(data["主动公开"]["行政事业性收费"]["本年收费金额"]))
        for row in rows:
            node = data["依申请公开"]
            for key in row:
                node = node.get(key, {}) if isinstance(node, dict) else {}
            target = table2.setdefault(row, dict.fromkeys(APPLICANTS, 0))
            for column in APPLICANTS:
                target[column] += node.get(column, 0)
        for block in APPEALS:
            for outcome in OUTCOMES:
                table3[block][outcome] += data["行政复议和诉讼"][block][outcome]
    results_total = dict.fromkeys(APPLICANTS, 0)
    for row, cells in table2.items():
        cells["总计"] = sum(cells.values())
        if row[0] == "办理结果":
            for column in APPLICANTS:
                results_total[column] += cells[column]
    results_total["总计"] = sum(results_total.values())
    for cells in table3.values():
        cells["总计"] = sum(cells.values())
    return {
        "table2": table2,
        "results_total": results_total,
        "table3": table3,
        "licences": licences,
        "fees": fees,
    }


def test_summary_totals_equal_an_independent_sum(aggregated: Path, townships: Townships) -> None:
    """Every figure of the summary data file is the sum of the 295 good files' figures."""
    summary = yaml.safe_load(aggregated.with_suffix(".yaml").read_text(encoding="utf-8"))
    expected = _independent_sum(townships.good)
    table2 = summary["依申请公开"]
    for row, cells in expected["table2"].items():
        node = table2
        for key in row:
            node = node[key]
        assert node == cells, row
    assert table2["办理结果"]["总计"] == expected["results_total"]
    assert summary["行政复议和诉讼"] == expected["table3"]
    assert summary["主动公开"]["行政许可"]["本年处理决定数量"] == expected["licences"]
    assert Decimal(str(summary["主动公开"]["行政事业性收费"]["本年收费金额"])) == expected["fees"]
    assert summary["单位"]["全称"] == "某某县人民政府办公室"


def test_summary_validates_and_renders(aggregated: Path, tmp_path: Path) -> None:
    """The summary is an ordinary data file: a draft until the office writes its own prose and
    dates it (each placeholder and the date 未填写), then it validates and renders as the
    office's report, with the summed Table 2 and no 【待填写】."""
    data = aggregated.with_suffix(".yaml")
    assert check_file(data, draft=True).ok
    unfinished = check_file(data).errors
    assert {p.code for p in unfinished} == {"unfilled"}
    assert ("落款", "日期") in [p.path for p in unfinished]
    assert ("问题及改进", "正文") in [p.path for p in unfinished]
    text = data.read_text(encoding="utf-8")
    finished = tmp_path / "finished.yaml"
    text = re.sub(r"【待填写：([^】]*)】", r"本级撰写的\1。", text)
    text = re.sub(r"  日期: *#.*", "  日期: 2024-03-20", text)
    finished.write_text(text, encoding="utf-8")
    out = tmp_path / "summary.docx"
    result = CliRunner().invoke(main, ["render", str(finished), "-o", str(out)])
    assert result.exit_code == 0, result.output
    document = open_docx(out)
    assert document.paragraphs[0].text == "某某县人民政府办公室"
    summary = yaml.safe_load(text)
    total = str(summary["依申请公开"]["新收"]["总计"])
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    assert total in cells
    assert not any("【待填写" in p.text for p in document.paragraphs)


def test_workbook_has_a_row_per_unit_and_the_summary_as_total(
    aggregated: Path, townships: Townships
) -> None:
    """Each table sheet has 295 unit rows whose columns add up to the 合计 row, which equals the
    summary; the check sheet lists every file, the broken ones as not included."""
    book = openpyxl.load_workbook(aggregated.with_suffix(".xlsx"), read_only=True)
    summary = yaml.safe_load(aggregated.with_suffix(".yaml").read_text(encoding="utf-8"))
    sheet = book[sheet_title(get_era("2021"), "依申请公开")]
    rows = list(sheet.iter_rows(values_only=True))
    labels, columns, units, total = rows[0], rows[1], rows[2:-1], rows[-1]
    assert len(units) == 295 and total[0] == TOTAL_LABEL
    for i in range(2, len(total)):
        assert sum(u[i] for u in units) == total[i], (labels[i], columns[i])
    received = next(
        i for i in range(2, len(total)) if labels[i].startswith("一、") and columns[i] == "总计"
    )
    assert total[received] == summary["依申请公开"]["新收"]["总计"]
    checks = list(book[CHECK_SHEET].iter_rows(values_only=True))[1:]
    assert len(checks) == 300
    left_out = {Path(row[0]) for row in checks if row[7] == "否"}
    assert left_out == set(townships.broken)


def test_files_of_several_years_need_a_year(tmp_path: Path) -> None:
    """Without --year, files of different years are refused (exit 2) and nothing is written;
    with it, the other year's files are listed as not included."""
    runner = CliRunner()
    result = runner.invoke(
        main, ["aggregate", str(SHUANGLONG), str(TOWN_2020), "-o", str(tmp_path / "s")]
    )
    assert result.exit_code == 2
    assert "2017 年度 1 个，2020 年度 1 个" in result.stderr
    assert list(tmp_path.iterdir()) == []
    chosen = runner.invoke(
        main,
        [
            *("aggregate", str(SHUANGLONG), str(TOWN_2020), "--year", "2017"),
            *("-o", str(tmp_path / "s"), "--allow-partial"),
        ],
    )
    assert chosen.exit_code == 0, chosen.output
    assert (
        f"未计入 {TOWN_2020}（示例镇人民政府）：是 2020 年度的报告，不是 2017 年度" in chosen.stderr
    )


def test_the_same_unit_twice_is_not_counted(tmp_path: Path) -> None:
    """Two files of the same unit are both left out, each naming the other."""
    copy_ = tmp_path / "copy.yaml"
    copy_.write_bytes(TOWN_2020.read_bytes())
    other = tmp_path / "other.yaml"
    other.write_text(
        TOWN_2020.read_text(encoding="utf-8").replace("全称: ", "全称: 另一", 1), encoding="utf-8"
    )
    result = CliRunner().invoke(
        main,
        [
            *("aggregate", str(TOWN_2020), str(copy_), str(other)),
            *("-o", str(tmp_path / "s"), "--allow-partial"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "已汇总 1 个单位" in result.stdout
    assert f"未计入 {copy_}（示例镇人民政府）：与 {TOWN_2020} 是同一单位" in result.stderr


def test_aggregate_never_overwrites_without_force(tmp_path: Path) -> None:
    """An existing summary is left alone unless --force is given."""
    out = tmp_path / "s"
    (tmp_path / "s.xlsx").write_bytes(b"mine")
    result = CliRunner().invoke(main, ["aggregate", str(TOWN_2020), "-o", str(out)])
    assert result.exit_code == 1
    assert "已存在" in result.stderr
    assert (tmp_path / "s.xlsx").read_bytes() == b"mine"
    assert not (tmp_path / "s.yaml").exists()
    forced = CliRunner().invoke(main, ["aggregate", str(TOWN_2020), "-o", str(out), "--force"])
    assert forced.exit_code == 0, forced.output
    assert openpyxl.load_workbook(tmp_path / "s.xlsx")[CHECK_SHEET].max_row == 2


# --- guards found by the mutation run ---


def test_workbook_puts_each_units_figures_on_its_own_row(tmp_path: Path) -> None:
    """In every table sheet, the row of a unit (its file and 单位) holds that unit's own figures,
    not another unit's."""
    text = TOWN_2020.read_text(encoding="utf-8")
    changes = [
        ("全称: 示例镇人民政府", "全称: {name}人民政府"),
        ("处理决定数量: 86", "处理决定数量: {licences}"),
        (
            "新收: {自然人: 9, 商业企业: 2, 社会公益组织: 1, 总计: 12}",
            "新收: {{自然人: {received}, 商业企业: 2, 社会公益组织: 1}}",
        ),
        ("结转下年度: {自然人: 1, 总计: 1}", "结转下年度: {{自然人: {carried}}}"),
        ("行政复议: {结果维持: 1, 总计: 1}", "行政复议: {{结果维持: {upheld}}}"),
    ]
    units = {}
    for i, name in enumerate(["甲镇", "乙镇", "丙镇"], 1):
        figures = {"licences": 100 * i, "received": 9 + i, "carried": 1 + i, "upheld": i}
        unit_text = text
        for old, new in changes:
            assert old in unit_text
            unit_text = unit_text.replace(old, new.format(name=name, **figures), 1)
        path = tmp_path / "units" / f"{i}.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(unit_text, encoding="utf-8")
        units[f"{name}人民政府"] = (str(path), figures)
    out = tmp_path / "summary"
    result = CliRunner().invoke(
        main, ["aggregate", str(tmp_path / "units"), "-o", str(out), "-j", "1"]
    )
    assert result.exit_code == 0, result.output

    book = openpyxl.load_workbook(out.with_suffix(".xlsx"), read_only=True)
    cells = {  # (sheet, row label starts with, column label) → the figure of a unit's files
        ("表一 主动公开", "第二十条第（五）项 行政许可", "处理决定数量"): "licences",
        ("表二 依申请公开", "一、", "自然人"): "received",
        ("表二 依申请公开", "四、", "自然人"): "carried",
        ("表三 复议诉讼", "行政复议", "结果维持"): "upheld",
        ("表三 复议诉讼", "行政复议", "总计"): "upheld",
    }
    found = {}
    for (sheet, row_label, column_label), figure in cells.items():
        rows = list(book[sheet].iter_rows(values_only=True))
        labels, columns, unit_rows = rows[0], rows[1], rows[2:-1]
        index = next(
            i
            for i in range(2, len(labels))
            if str(labels[i]).startswith(row_label) and columns[i] == column_label
        )
        assert len(unit_rows) == 3
        for row in unit_rows:
            file, figures = units[row[1]]
            assert row[0] == file
            found[(row[1], sheet, row_label, column_label)] = (row[index], figures[figure])
    assert len(found) == 3 * len(cells)
    assert all(got == expected for got, expected in found.values()), found


# --- files left out: an error unless the office asks for a partial summary -------------------


def _two_units_one_broken(tmp_path: Path) -> tuple[Path, Path]:
    """A folder of two 2020 units, the second with an error; (folder, broken file)."""
    folder = tmp_path / "units"
    folder.mkdir()
    (folder / "a.yaml").write_bytes(TOWN_2020.read_bytes())
    broken = folder / "b.yaml"
    text = TOWN_2020.read_text(encoding="utf-8").replace("全称: 示例镇", "全称: 乙镇", 1)
    broken.write_text(text.replace("自称: 我镇", "自称:"), encoding="utf-8")
    return folder, broken


def test_aggregate_refuses_to_leave_files_out(tmp_path: Path) -> None:
    """A file that cannot be added up makes aggregate exit 1 naming it, its unit and why, and
    pointing to --allow-partial; nothing is written."""
    folder, broken = _two_units_one_broken(tmp_path)
    out = tmp_path / "summary"
    result = CliRunner().invoke(main, ["aggregate", str(folder), "-o", str(out)])
    assert result.exit_code == 1
    assert f"未计入 {broken}（乙镇人民政府）：有错误：单位.自称: 未填写" in result.stderr
    assert "--allow-partial" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["units"]


def test_a_partial_summary_says_which_units_it_leaves_out(tmp_path: Path) -> None:
    """With --allow-partial the rest is summed; the summary file's header and the printed
    report both name the file and unit left out."""
    folder, broken = _two_units_one_broken(tmp_path)
    out = tmp_path / "summary"
    result = CliRunner().invoke(main, ["aggregate", str(folder), "-o", str(out), "--allow-partial"])
    assert result.exit_code == 0, result.output
    left_out = f"未计入 {broken}（乙镇人民政府）：有错误：单位.自称: 未填写"
    assert left_out in result.stderr
    assert "部分汇总" in result.stderr and "未计入 1 个文件" in result.stdout
    header = [
        line for line in out.with_suffix(".yaml").read_text("utf-8").splitlines() if line[:1] == "#"
    ]
    assert any("部分汇总" in line for line in header)
    assert f"#   {left_out}" in header
