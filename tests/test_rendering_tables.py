"""The 2019 and 2021 reports read back from .docx: three tables laid out as the official format."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx.table import Table
from pytest_regressions.file_regression import FileRegressionFixture
from ruamel.yaml import YAML

import reportkit
from tests.conftest import STREET_2023, TOWN_2020
from tests.docx_text import extract, open_docx
from tests.formats_labels import TABLE2_2019, TABLE2_2021

TABLE2_ROWS = {"2019": TABLE2_2019, "2021": TABLE2_2021}
TABLE1 = {
    "2019": {
        "第二十条第（一）项": (
            ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
            ["规章", "规范性文件"],
        ),
        "第二十条第（五）项": (
            ["上一年项目数量", "本年增/减", "处理决定数量"],
            ["行政许可", "其他对外管理服务事项"],
        ),
        "第二十条第（六）项": (
            ["上一年项目数量", "本年增/减", "处理决定数量"],
            ["行政处罚", "行政强制"],
        ),
        "第二十条第（八）项": (["上一年项目数量", "本年增/减"], ["行政事业性收费"]),
        "第二十条第（九）项": (["采购项目数量", "采购总金额"], ["政府集中采购"]),
    },
    "2021": {
        "第二十条第（一）项": (
            ["本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章", "行政规范性文件"],
        ),
        "第二十条第（五）项": (["本年处理决定数量"], ["行政许可"]),
        "第二十条第（六）项": (["本年处理决定数量"], ["行政处罚", "行政强制"]),
        "第二十条第（八）项": (["本年收费金额（单位：万元）"], ["行政事业性收费"]),
    },
}
APPLICANTS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
OUTCOMES = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
EXAMPLES = [
    pytest.param("2019", TOWN_2020, id="2019-era"),
    pytest.param("2021", STREET_2023, id="2021-era"),
]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("tables")
    return {
        era: reportkit.render(example, folder / f"{era}.docx")[0]
        for era, example in (("2019", TOWN_2020), ("2021", STREET_2023))
    }


def _rows(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _data(example: Path) -> dict[str, Any]:
    return YAML(typ="safe").load(example.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("era", "example"), EXAMPLES)
def test_golden_text(
    era: str, example: Path, rendered: dict[str, Path], file_regression: FileRegressionFixture
) -> None:
    """The whole rendered text and every table cell match the reviewed golden file."""
    file_regression.check(extract(rendered[era]), extension=".txt")


@pytest.mark.parametrize(("era", "example"), EXAMPLES)
def test_table2_labels_and_cells(era: str, example: Path, rendered: dict[str, Path]) -> None:
    """Table 2: the official header and row labels, and every cell equal to the data (blank = 0)."""
    table = open_docx(rendered[era]).tables[1]
    rows = _rows(table)
    assert rows[0][0] == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert set(rows[0][1:]) == {"申请人情况"}
    assert rows[1][1:] == ["自然人", *["法人或其他组织"] * 5, "总计"]
    assert rows[2][1:] == APPLICANTS
    body = rows[3:]
    assert [r[0].lstrip("\u3000") for r in body] == TABLE2_ROWS[era]
    data = _data(example)["依申请公开"]
    assert body[0][1:] == [str(data["新收"].get(c, 0)) for c in APPLICANTS]
    assert body[-1][1:] == [str(data["结转下年度"].get(c, 0)) for c in APPLICANTS]
    refused = body[TABLE2_ROWS[era].index("4.保护第三方合法权益")]
    row = data["办理结果"]["不予公开"].get("保护第三方合法权益", {})
    assert refused[1:7] == [str(row.get(c, 0)) for c in APPLICANTS[:6]]


@pytest.mark.parametrize(("era", "example"), EXAMPLES)
def test_table3_header_and_cells(era: str, example: Path, rendered: dict[str, Path]) -> None:
    """Table 3: 行政复议 / 行政诉讼 (未经复议直接起诉, 复议后起诉) headers and the fifteen cells."""
    rows = _rows(open_docx(rendered[era]).tables[2])
    assert rows[0] == ["行政复议"] * 5 + ["行政诉讼"] * 10
    assert rows[1] == ["行政复议"] * 5 + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5
    assert rows[2] == OUTCOMES * 3
    data = _data(example)["行政复议和诉讼"]
    assert rows[3] == [
        str(data[b].get(o, 0))
        for b in ("行政复议", "未经复议直接起诉", "复议后起诉")
        for o in OUTCOMES
    ]


@pytest.mark.parametrize(("era", "example"), EXAMPLES)
def test_table1_groups_labels_and_cells(era: str, example: Path, rendered: dict[str, Path]) -> None:
    """Table 1: each 第二十条 group, its column labels, its rows and their figures."""
    rows = _rows(open_docx(rendered[era]).tables[0])
    data = _data(example)["主动公开"]
    index = 0
    for group, (columns, labels) in TABLE1[era].items():
        assert set(rows[index]) == {group}
        assert rows[index + 1][0] == "信息内容"
        assert list(dict.fromkeys(rows[index + 1][1:])) == columns
        for offset, label in enumerate(labels, 2):
            row = rows[index + offset]
            assert row[0] == label
            figures = (
                list(dict.fromkeys(row[1:])) if len(columns) == 1 else row[1 : len(columns) + 1]
            )
            keys = [k for k in data[label] if k != "单位"]
            assert [f.removesuffix(data[label].get("单位", "")) for f in figures[: len(keys)]] == [
                str(data[label][k]) for k in keys
            ]
        index += 2 + len(labels)
    assert index == len(rows)


def test_totals_deleted_render_the_same_tables(rendered: dict[str, Path], tmp_path: Path) -> None:
    """With every 总计 deleted from the 2021 example, the rendered tables are the same."""

    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k != "总计"}
        return node

    path = tmp_path / "no-totals.yaml"
    with path.open("w", encoding="utf-8") as handle:
        YAML(typ="safe", pure=True).dump(strip(_data(STREET_2023)), handle)
    out, _ = reportkit.render(path, tmp_path / "no-totals.docx")
    fresh = [_rows(t) for t in open_docx(out).tables]
    assert fresh == [_rows(t) for t in open_docx(rendered["2021"]).tables]


# --- guards found by the mutation run ---


@pytest.mark.parametrize(
    ("example", "old", "row_label", "printed"),
    [
        pytest.param(
            TOWN_2020,
            "  规范性文件:\n    本年新制作数量: 2",
            "规范性文件",
            ["【待填写】", "2", "9"],
            id="2019-era",
        ),
        pytest.param(
            STREET_2023,
            "  行政规范性文件:\n    本年制发件数: 1",
            "行政规范性文件",
            ["【待填写】", "0", "4"],
            id="2021-era",
        ),
    ],
)
def test_draft_prints_a_blank_table_cell_as_to_fill(
    tmp_path: Path, example: Path, old: str, row_label: str, printed: list[str]
) -> None:
    """In a draft, a Table 1 cell written with no value prints as 【待填写】, not as an empty cell."""
    from click.testing import CliRunner

    from reportkit.cli import main

    text = example.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "draft.yaml"
    path.write_text(text.replace(old, old.rsplit(" ", 1)[0]), encoding="utf-8")
    out = tmp_path / "draft.docx"
    result = CliRunner().invoke(main, ["render", str(path), "-o", str(out), "--draft"])
    assert result.exit_code == 0, result.output
    table1 = open_docx(out).tables[0]
    row = next(r for r in table1.rows if r.cells[0].text == row_label)
    assert [c.text for c in row.cells[1:4]] == printed
