"""What validate says: every problem in one run, one short message per mistyped cell, and
warnings a clerk has acknowledged in the data file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportkit.cli import main
from reportkit.loading import check_file
from tests.conftest import STREET_2023, TOWN_2020

STREET = STREET_2023.read_text(encoding="utf-8")
GRANTED = "予以公开: {自然人: 6, 商业企业: 1, 科研机构: 1, 总计: 8}"


def _write(tmp_path: Path, text: str, name: str = "data.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _edit(*pairs: tuple[str, str], text: str = STREET) -> str:
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


# --- every problem in one run -----------------------------------------------------------


def test_a_bad_cell_does_not_hide_the_other_problems(tmp_path: Path) -> None:
    """A type error in one cell, a broken identity elsewhere, a blank field and a late date
    all come out of one run; only the identities reading the bad cell wait for it."""
    text = _edit(
        ("科研机构: 1, 总计: 8}", "科研机构: 一, 总计: 8}"),  # a type error
        (
            "部分公开: {自然人: 2, 法律服务机构: 1, 总计: 3}",
            "部分公开: {自然人: 2, 法律服务机构: 1, 总计: 4}",
        ),
        ("  自称: 本街道\n", "  自称:\n"),
        ("日期: 2024-01-22", "日期: 2024-03-22"),
    )
    result = check_file(_write(tmp_path, text))
    found = {(p.code, ".".join(map(str, p.path))) for p in result.problems}
    assert found == {
        ("invalid", "依申请公开.办理结果.予以公开.科研机构"),
        ("identity", "依申请公开.办理结果.部分公开.总计"),
        ("unfilled", "单位.自称"),
        ("late", "落款.日期"),
    }
    bad = next(p for p in result.problems if p.code == "invalid")
    assert "（用到此项的 2 项勾稽关系待改正后核对）" in bad.message
    assert result.report is not None  # the rest of the file was read and checked


def test_a_bad_total_is_neither_computed_nor_unfilled(tmp_path: Path) -> None:
    """A total whose part is bad is not reported blank, and no identity is broken by it."""
    text = _edit(("新收: {自然人: 14,", "新收: {自然人: 十四,"), ("总计: 20}", "总计: ~}"))
    result = check_file(_write(tmp_path, text))
    assert [(p.code, p.path[-1]) for p in result.errors] == [("invalid", "自然人")]


def test_a_blank_group_is_read_as_an_empty_one(tmp_path: Path) -> None:
    """落款: left with nothing under it says what it lacks (落款.日期 未填写) and the rest of the
    file is checked as usual, not "should be a group of fields"."""
    text = _edit(("  日期: 2024-01-22\n", ""))
    result = check_file(_write(tmp_path, text))
    assert [(p.code, p.path) for p in result.errors] == [("unfilled", ("落款", "日期"))]
    assert result.report is not None


def test_a_misspelt_key_is_not_also_unfilled(tmp_path: Path) -> None:
    """自陈 for 自称 gives one message (with the suggestion), not also 自称 未填写."""
    result = check_file(_write(tmp_path, _edit(("  自称:", "  自陈:"))))
    assert [(p.code, p.message) for p in result.errors] == [
        ("unknown-key", "未知字段“自陈”，是否应为“自称”？")
    ]


def test_a_misnamed_group_does_not_hide_the_tables(tmp_path: Path) -> None:
    """单位 written 单位名称: one message suggesting 单位 (not also 单位 missing), and the
    tables are still checked."""
    text = _edit(("单位:\n", "单位名称:\n"), (GRANTED, GRANTED.replace("总计: 8", "总计: 9")))
    result = check_file(_write(tmp_path, text))
    assert sorted(p.code for p in result.errors) == ["identity", "unknown-key"]


def test_without_a_report_the_figures_are_still_checked(tmp_path: Path) -> None:
    """A value that cannot be left blank is wrong, so no report is built; the tables that
    are there are still checked against each other, cells left out counting as 0."""
    granted = (GRANTED, GRANTED.replace("总计: 8", "总计: 9"))
    text = _edit(("落款:\n", "百分比: {小数位: 五}\n落款:\n"), granted)
    result = check_file(_write(tmp_path, text))
    assert sorted(p.code for p in result.errors) == ["identity", "invalid"]
    assert result.report is None


# --- identity messages --------------------------------------------------------------------


def test_one_mistyped_cell_gives_one_short_message(tmp_path: Path) -> None:
    """予以公开.总计 written 9 for 8 breaks two identities; one message names the cell by its
    official labels, what it holds and what it should hold."""
    path = _write(tmp_path, _edit((GRANTED, GRANTED.replace("总计: 8", "总计: 9"))))
    result = check_file(path)
    assert len(result.errors) == 1
    problem = result.errors[0]
    assert problem.path == ("依申请公开", "办理结果", "予以公开", "总计")
    assert problem.message.startswith("表二“（一）予以公开”行“总计”列填为 9，")
    assert "应为 8" in problem.message
    assert len(problem.message) <= 200
    assert problem.details["expected"] == "8"


def test_two_mistyped_cells_give_two_messages(tmp_path: Path) -> None:
    """Two independent typos are each located."""
    text = _edit(
        (GRANTED, GRANTED.replace("总计: 8", "总计: 9")),
        (
            "部分公开: {自然人: 2, 法律服务机构: 1, 总计: 3}",
            "部分公开: {自然人: 2, 法律服务机构: 1, 总计: 5}",
        ),
    )
    result = check_file(_write(tmp_path, text))
    located = sorted((p.path[-2], p.details.get("expected")) for p in result.errors)
    assert located == [("予以公开", "8"), ("部分公开", "3")]


def test_a_break_no_single_cell_explains_names_both_sides(tmp_path: Path) -> None:
    """When several cells could be the wrong one, the message gives both sides and the gap,
    in the printed labels, and guesses no cell."""
    text = _edit(("  新收: {自然人: 14,", "  新收: {自然人: 15,"), ("总计: 20}", "总计: 21}"))
    result = check_file(_write(tmp_path, text))
    messages = [p.message for p in result.errors]
    assert len(messages) == 2  # the 自然人 column and the 总计 column
    assert not any("填为" in m for m in messages)
    assert all("不成立" in m and "相差 1" in m and len(m) <= 200 for m in messages)
    assert "表二“一、本年新收政府信息公开申请数量”行“自然人”列" in messages[0]


@pytest.mark.parametrize("example", [STREET_2023, TOWN_2020], ids=["2021", "2019"])
def test_every_single_cell_typo_in_table_two_is_located(example: Path, tmp_path: Path) -> None:
    """Adding 1 to any typed 总计 of Table 2 gives one message at that very cell, whose
    suggested value is the one the file had."""
    from reportkit import yamlfile

    text = example.read_text(encoding="utf-8")
    data = yamlfile.parse(text)
    results = data["依申请公开"]["办理结果"]
    tried = 0
    for group, rows in results.items():
        items = rows.items() if "总计" not in rows else [(None, rows)]
        for name, row in items:
            if not isinstance(row, dict) or not isinstance(row.get("总计"), int) or group == "总计":
                continue
            cell = ("依申请公开", "办理结果", group) + ((name,) if name else ()) + ("总计",)
            changed = _set(data, cell, row["总计"] + 1)
            path = _write(tmp_path, yamlfile.dump(changed), f"{tried}.yaml")
            errors = check_file(path).errors
            assert [(p.path, p.details.get("expected")) for p in errors] == [
                (cell, str(row["总计"]))
            ]
            tried += 1
    assert tried >= 5


def _set(data: dict, cell: tuple, value: int) -> dict:  # type: ignore[type-arg]
    import copy

    out = copy.deepcopy(data)
    node = out
    for key in cell[:-1]:
        node = node[key]
    node[cell[-1]] = value
    return out


# --- acknowledgement ----------------------------------------------------------------------

LATE = _edit(("日期: 2024-01-22", "日期: 2024-03-22"))


def test_an_acknowledged_warning_leaves_the_count(tmp_path: Path) -> None:
    """已核实: {late: 理由} keeps the warning, marked with the reason, out of the count."""
    path = _write(tmp_path, LATE + "已核实:\n  late: 经区政府办公室同意延期发布\n")
    result = check_file(path)
    assert result.ok
    assert result.warnings == []
    [late] = result.acknowledged
    assert (late.code, late.acknowledged) == ("late", "经区政府办公室同意延期发布")
    output = CliRunner().invoke(main, ["validate", str(path)]).stdout
    assert "0 个警告" in output
    assert "已核实的警告（经区政府办公室同意延期发布）：成文日期 2024-03-22 晚于" in output


def test_without_acknowledgement_the_warning_counts(tmp_path: Path) -> None:
    """The same late date, not acknowledged, is one warning."""
    result = check_file(_write(tmp_path, LATE))
    assert [p.code for p in result.warnings] == ["late"]


@pytest.mark.parametrize(
    ("entry", "code", "message"),
    [
        ("lat: 理由", "acknowledgement", "没有代码为“lat”的检查，是否应为“late”？"),
        ("identity: 理由", "acknowledgement", "“identity”（表格勾稽关系不成立）是错误，不能核实"),
        ("early: 理由", "acknowledgement-unused", "本次校验没有“early”警告"),
    ],
    ids=["unknown-code", "an-error", "unused"],
)
def test_acknowledgements_are_checked(tmp_path: Path, entry: str, code: str, message: str) -> None:
    """An unknown code or an error cannot be acknowledged; an unused one can go."""
    result = check_file(_write(tmp_path, STREET + f"已核实:\n  {entry}\n"))
    [problem] = [p for p in result.problems if p.code == code]
    assert problem.message.startswith(message)
    assert problem.path[0] == "已核实"
    assert problem.line is not None


def test_validate_json_carries_codes_severities_and_acknowledgement(tmp_path: Path) -> None:
    """validate --format json: each problem with its code, severity, place and reason."""
    path = _write(tmp_path, LATE + "已核实:\n  late: 经批准延期\n  early: 无\n")
    result = CliRunner().invoke(main, ["validate", "--format", "json", str(path)])
    assert result.exit_code == 0, result.output
    [report] = json.loads(result.stdout)["files"]
    assert (report["ok"], report["warnings"], report["acknowledged"]) == (True, 1, 1)
    by_code = {p["code"]: p for p in report["problems"]}
    assert by_code["late"]["acknowledged"] is True
    assert by_code["late"]["reason"] == "经批准延期"
    assert by_code["late"]["severity"] == "warning"
    assert by_code["acknowledgement-unused"]["acknowledged"] is False
    assert by_code["late"]["line"] == 12


def test_the_office_workbook_shows_the_acknowledgement(tmp_path: Path) -> None:
    """aggregate's problem sheet gives an acknowledged warning with the clerk's reason."""
    import openpyxl

    from reportkit.office.workbook import PROBLEM_SHEET

    path = _write(tmp_path, LATE + "已核实:\n  late: 经批准延期\n", "street.yaml")
    out = tmp_path / "summary"
    result = CliRunner().invoke(main, ["aggregate", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out.with_suffix(".xlsx"), read_only=True)[PROBLEM_SHEET]
    rows = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][-2:] == ("代码", "已核实理由")
    assert [(r[-2], r[-1]) for r in rows[1:]] == [("late", "经批准延期")]


def test_identity_messages_in_english(tmp_path: Path) -> None:
    """With --lang en the located cell and the rule are English; only the official labels
    stay as printed."""
    path = _write(tmp_path, _edit((GRANTED, GRANTED.replace("总计: 8", "总计: 9"))))
    result = CliRunner().invoke(main, ["--lang", "en", "validate", str(path)])
    assert result.exit_code == 1
    assert (
        "Table 2 row “（一）予以公开”, column “总计” is 9; by “the total equals the sum over "
        "the kinds of applicant” it should be 8" in result.stdout
    )
