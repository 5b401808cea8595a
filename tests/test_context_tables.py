"""The 2019 and 2021 eras in the template context: three tables, prose generated from them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pytest_regressions.data_regression import DataRegressionFixture
from ruamel.yaml import YAML

from reportkit.cli import main
from reportkit.context import build_context
from reportkit.eras import art50
from reportkit.loading import check_file, load
from tests.conftest import STREET_2023, TOWN_2020

ART50 = [pytest.param(TOWN_2020, id="2019-era"), pytest.param(STREET_2023, id="2021-era")]


def _context(path: Path) -> dict[str, Any]:
    report, _ = load(path)
    return build_context(report)


def _without_totals(node: Any) -> Any:
    """The data with every 总计 key (row totals, the （七）总计 row, Table 3 totals) removed."""
    if isinstance(node, dict):
        return {k: _without_totals(v) for k, v in node.items() if k != art50.TOTAL}
    if isinstance(node, list):
        return [_without_totals(v) for v in node]
    return node


@pytest.mark.parametrize("example", ART50)
def test_golden_context(example: Path, data_regression: DataRegressionFixture) -> None:
    """The whole context of each example (blocks and the three tables) is a reviewed golden file."""
    data_regression.check(_context(example))


@pytest.mark.parametrize("example", ART50)
def test_six_mandated_headings_in_order(example: Path) -> None:
    """Art. 50's six headings, numbered 一 to 六, each table right after its heading's prose."""
    blocks = _context(example)["blocks"]
    headings = [b["title"] for b in blocks if b["kind"] == "h1"]
    assert headings == list(art50.HEADINGS.values())
    kinds = [b["kind"] for b in blocks]
    assert [k for k in kinds if k.startswith("table")] == ["table1", "table2", "table3"]


@pytest.mark.parametrize("example", ART50)
def test_tables_equal_the_data(example: Path) -> None:
    """Every cell of the three tables is the figure the data file gives (0 where it is blank)."""
    data = YAML(typ="safe").load(example.read_text(encoding="utf-8"))
    context = _context(example)
    requests = data["依申请公开"]
    row_new = context["t2"]["rows"][0]
    assert row_new["label"] == "一、本年新收政府信息公开申请数量"
    columns = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert row_new["cells"] == [str(requests["新收"].get(c, 0)) for c in columns]
    appeals = data["行政复议和诉讼"]
    outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    expected = [
        str(appeals[block].get(o, 0))
        for block in ("行政复议", "未经复议直接起诉", "复议后起诉")
        for o in outcomes
    ]
    assert context["t3"]["cells"] == expected
    for row_key, cells in context["t1"].items():
        row = data["主动公开"][row_key]
        for column, printed in cells.items():
            assert printed == str(row[column]) + (
                row.get("单位", "") if column == "采购总金额" else ""
            )


@pytest.mark.parametrize("example", ART50)
def test_totals_left_out_are_computed_to_the_same_tables(example: Path, tmp_path: Path) -> None:
    """With every 总计 deleted the example still validates, and its tables are unchanged."""
    data = YAML(typ="safe").load(example.read_text(encoding="utf-8"))
    stripped = tmp_path / example.name
    with stripped.open("w", encoding="utf-8") as handle:
        YAML(typ="safe", pure=True).dump(_without_totals(data), handle)
    assert "总计" not in stripped.read_text(encoding="utf-8")
    result = check_file(stripped)
    assert result.ok, [str(p) for p in result.problems]
    assert len(result.computed) > 20
    original, computed = _context(example), _context(stripped)
    for table in ("t1", "t2", "t3"):
        assert computed[table] == original[table]


def test_requests_sentence_gives_shares_of_answered() -> None:
    """Section 三's sentence states each result group with its share of 办结 (half-up)."""
    data = YAML(typ="safe").load(STREET_2023.read_text(encoding="utf-8"))["依申请公开"]
    answered = data["办理结果"]["总计"]["总计"]
    granted = data["办理结果"]["予以公开"]["总计"]
    share = round(granted * 100 / answered + 1e-9)  # 8/21 = 38.1% → 38%
    blocks = _context(STREET_2023)["blocks"]
    sentence = next(
        b["text"]
        for b in blocks
        if b["text"].startswith("2023年，本街道新收") and "其中" in b["text"]
    )
    assert f"办结{answered}件" in sentence
    assert f"予以公开{granted}件，占{share}%" in sentence


def test_no_applications_and_no_cases_use_default_phrases(write_yaml: Callable[..., Path]) -> None:
    """All-zero tables are worded by the default phrases in the unit's voice."""
    data = YAML(typ="safe").load(STREET_2023.read_text(encoding="utf-8"))
    data["依申请公开"] = {"新收": {"总计": 0}}
    data["行政复议和诉讼"] = {"行政复议": {"总计": 0}}
    data["其他事项"] = {"信息处理费": 0}
    path = write_yaml("")
    with path.open("w", encoding="utf-8") as handle:
        YAML(typ="safe", pure=True).dump(data, handle)
    texts = [b["text"] for b in _context(path)["blocks"]]
    assert "全年本街道未收到政府信息公开申请。" in texts
    assert "2023年，本街道未发生政府信息公开行政复议、行政诉讼案件。" in texts
    assert "本年度未收取信息处理费。" in texts


def test_nothing_else_to_report_is_said(write_yaml: Callable[..., Path]) -> None:
    """A 2019-era report without 其他事项 still prints section 六 with the default phrase."""
    data = YAML(typ="safe").load(TOWN_2020.read_text(encoding="utf-8"))
    data.pop("其他事项", None)
    path = write_yaml("")
    with path.open("w", encoding="utf-8") as handle:
        YAML(typ="safe", pure=True).dump(data, handle)
    blocks = _context(path)["blocks"]
    last = next(i for i, b in enumerate(blocks) if b["title"] == art50.HEADINGS["其他事项"])
    assert blocks[last]["number"] == "六、"
    assert [b["text"] for b in blocks[last + 1 :]] == ["本年度无其他需要报告的事项。"]


def test_changing_one_cell_names_identity_cell_values_and_line(tmp_path: Path) -> None:
    """One Table 2 cell mistyped: one short message names it by its labels, with the value it
    holds and the one every identity asks of it."""
    text = STREET_2023.read_text(encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("  新收:"))
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("新收: {自然人: 14,", "新收: {自然人: 15,"), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1
    lines = [t for t in result.stdout.splitlines() if "发现" not in t]
    assert lines == [
        f"{bad}:{line}:8: 依申请公开.新收.自然人: "
        "表二“一、本年新收政府信息公开申请数量”行“自然人”列填为 15，"
        "按“第一项加第二项之和等于第三项加第四项之和”应为 14（改正后另外 1 项勾稽关系也随之成立）"
    ]
    assert len(lines[0].partition(": 表二")[2]) <= 200


def test_township_regulations_warn_but_pass(tmp_path: Path) -> None:
    """A 街道 reporting 2 规章 gets a warning and exit 0."""
    path = tmp_path / "rules.yaml"
    text = STREET_2023.read_text(encoding="utf-8")
    path.write_text(text.replace("本年制发件数: 0", "本年制发件数: 2", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "主动公开.规章.本年制发件数: 警告：街道不制定规章" in result.stdout


def test_carried_in_must_match_last_years_carried_over(tmp_path: Path) -> None:
    """With --previous, a 上年结转 that is not last year's 结转下年度 is warned, exit 0."""
    text = (
        STREET_2023.read_text(encoding="utf-8")
        .replace("年度: 2023", "年度: 2024")
        .replace("日期: 2024-01-22", "日期: 2025-01-22")
        .replace("上年结转: {自然人: 2, 总计: 2}", "上年结转: {自然人: 3, 总计: 3}")
        .replace(
            "新收: {自然人: 14, 商业企业: 3, 科研机构: 1, 法律服务机构: 2, 总计: 20}",
            "新收: {自然人: 13, 商业企业: 3, 科研机构: 1, 法律服务机构: 2, 总计: 19}",
        )
    )
    path = tmp_path / "2024.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path), "--previous", str(STREET_2023)])
    assert result.exit_code == 0, result.output
    assert (
        "依申请公开.上年结转.自然人: 警告：上年结转 3 件，与上年报告（2023-example-street.yaml）"
        "的结转下年度 1 件不一致" in result.stdout
    )


def _strip_totals(path: Path, tmp_path: Path, edit: Callable[[dict[str, Any]], None]) -> Path:
    data = _without_totals(YAML(typ="safe").load(path.read_text(encoding="utf-8")))
    edit(data)
    out = tmp_path / "edited.yaml"
    with out.open("w", encoding="utf-8") as handle:
        YAML(typ="safe", pure=True).dump(data, handle)
    return out


def test_unbalanced_table_is_caught_when_totals_are_left_out(tmp_path: Path) -> None:
    """With every 总计 left blank, 新收 + 上年结转 ≠ 办结 + 结转下年度 is still an error."""

    def more_received(data: dict[str, Any]) -> None:
        data["依申请公开"]["新收"]["自然人"] = 40

    result = check_file(_strip_totals(STREET_2023, tmp_path, more_received))
    messages = [p.message for p in result.errors]
    assert len(messages) == 2  # the 自然人 column and the 总计 column
    assert all("第一项加第二项之和等于第三项加第四项之和" in m for m in messages)
    assert "个未填写的总计已按分项自动合计" in messages[1]


def test_a_given_total_is_checked_against_the_computed_one(tmp_path: Path) -> None:
    """A （七）总计 written as 25 where the results add up to 21 is an error, other totals blank."""

    def wrong_total(data: dict[str, Any]) -> None:
        data["依申请公开"]["办理结果"]["总计"] = {"总计": 25}

    result = check_file(_strip_totals(STREET_2023, tmp_path, wrong_total))
    assert [p.message for p in result.errors] == [
        "表二“（七）总计”行“总计”列填为 25，按“办理结果总计等于各项办理结果之和”应为 21"
        "（改正后另外 2 项勾稽关系也随之成立）"
    ]


def test_empty_mandated_section_is_unfilled(tmp_path: Path) -> None:
    """问题及改进 written with an empty title and text is as unfilled as one left out."""
    path = tmp_path / "empty.yaml"
    text = STREET_2023.read_text(encoding="utf-8")
    start = text.index("问题及改进:")
    end = text.index("其他事项:")
    path.write_text(
        text[:start] + "问题及改进:\n  标题:\n  正文:\n\n" + text[end:], encoding="utf-8"
    )
    result = check_file(path)
    assert [(p.path, p.message) for p in result.errors] == [(("问题及改进",), "未填写")]


def test_draft_keeps_mandated_sections_with_a_mark(tmp_path: Path) -> None:
    """In a draft, a required section still empty keeps its heading and number, marked 【待填写】."""
    text = STREET_2023.read_text(encoding="utf-8")
    start, end = text.index("问题及改进:"), text.index("其他事项:")
    path = tmp_path / "draft.yaml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    report, _ = load(path, draft=True)
    blocks = build_context(report)["blocks"]
    at = next(i for i, b in enumerate(blocks) if b["title"] == "存在的主要问题及改进情况")
    assert blocks[at]["number"] == "五、"
    assert blocks[at + 1]["text"] == "【待填写】"
