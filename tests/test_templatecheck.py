"""`check-template`: split tags, unknown variables, unbalanced blocks and sandbox escapes, by paragraph."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from reportkit.cli import main
from reportkit.eras import era_names
from reportkit.office.templatecheck import check_template
from tests.conftest import ROOT


def _template(tmp_path: Path, paragraphs: Sequence[str | list[str]]) -> Path:
    """A .docx whose paragraphs are given as text, or as a list of runs (to split a tag)."""
    document = docx.Document()
    for content in paragraphs:
        paragraph = document.add_paragraph()
        for index, run in enumerate([content] if isinstance(content, str) else content):
            paragraph.add_run(run).bold = index % 2 == 1  # alternate formatting, as Word does
    path = tmp_path / "custom.docx"
    document.save(str(path))
    return path


@pytest.mark.parametrize("era", era_names())
def test_shipped_templates_pass(era: str) -> None:
    """Every shipped template passes with no issue at all for its era."""
    assert check_template(ROOT / "templates" / f"era-{era}.docx", era) == []


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (
            ["{{ title_unit }}", "{{ titel_report }}"],
            "第 2 段（“{{ titel_report }}”）: 未知变量 titel_report（数据中没有这一项）",
        ),
        (
            ["{%p if date %}", "{{ date }}"],
            "第 1 段（“{%p if date %}”）: {% if %} 没有对应的 {% endif %}",
        ),
        (
            ["{{ date }}", "{%p endfor %}"],
            "第 2 段（“{%p endfor %}”）: {% endfor %} 没有对应的开头",
        ),
        (
            ["{%p for b in blocks %}", "{%p endif %}"],
            [
                "第 2 段（“{%p endif %}”）: {% endif %} 没有对应的开头",
                "第 1 段（“{%p for b in blocks %}”）: {% for %} 没有对应的 {% endfor %}",
            ],
        ),
        (
            ["{{ title_unit.__class__ }}"],
            "第 1 段（“{{ title_unit.__class__ }}”）: 标签访问了以下划线开头的属性，渲染时会被拒绝",
        ),
        (
            ["{{ title_unit", "}}"],
            [
                "第 1 段（“{{ title_unit”）: 标签的开头和结尾不在同一段中（可能被回车分开了）",
                "第 2 段（“}}”）: 标签的开头和结尾不在同一段中（可能被回车分开了）",
            ],
        ),
        (
            [["{{ tit", "le_unit }}"]],
            "第 1 段（“{{ title_unit }}”）: 警告：标签 {{ title_unit }} 被 Word 拆成了 2 段格式不同的文字；请选中整个标签，清除格式后重新输入",
        ),
    ],
)
def test_problems_are_found_by_paragraph(
    tmp_path: Path, paragraphs: Sequence[str | list[str]], expected: str | list[str]
) -> None:
    """Each purpose-built bad template is reported with the paragraph the problem is in."""
    issues = check_template(_template(tmp_path, paragraphs), "2007")
    assert [str(i) for i in issues] == ([expected] if isinstance(expected, str) else expected)


def test_cli_exit_codes(tmp_path: Path) -> None:
    """check-template exits 1 on errors, 0 on a template with warnings only."""
    runner = CliRunner()
    bad = runner.invoke(main, ["check-template", str(_template(tmp_path, ["{{ nope }}"]))])
    assert bad.exit_code == 1
    assert "未知变量 nope" in bad.output
    ok = runner.invoke(
        main, ["check-template", str(ROOT / "templates" / "era-2021.docx"), "--era", "2021"]
    )
    assert ok.exit_code == 0, ok.output
    assert "模板可以使用（0 个警告）" in ok.output
    broken = tmp_path / "not.docx"
    broken.write_text("not a zip", encoding="utf-8")
    refused = runner.invoke(main, ["check-template", str(broken)])
    assert refused.exit_code == 1  # a template that cannot be used: as render says it
    assert "模板不是有效的 .docx 文件" in refused.output


# --- guards found by the mutation run ---


def _docx(tmp_path: Path, paragraphs: Sequence[str | list[str]]) -> Path:
    """A .docx of the given paragraphs; a paragraph given as a list is runs of alternating
    formatting (as Word splits a tag)."""
    document = docx.Document()
    for content in paragraphs:
        paragraph = document.add_paragraph()
        for index, run in enumerate([content] if isinstance(content, str) else content):
            paragraph.add_run(run).bold = index % 2 == 1
    path = tmp_path / "guard.docx"
    document.save(str(path))
    return path


def test_unknown_variable_is_reported_beside_a_split_tag_warning(tmp_path: Path) -> None:
    """A template with a split tag (a warning) and a misspelt variable reports both at once."""
    path = _docx(tmp_path, [["{{ tit", "le_unit }}"], "{{ titel_report }}"])
    result = CliRunner().invoke(main, ["check-template", str(path), "--era", "2007"])
    assert result.exit_code == 1
    assert (
        "第 1 段（“{{ title_unit }}”）: 警告：标签 {{ title_unit }} 被 Word 拆成了 2 段"
        in result.output
    )
    assert (
        "第 2 段（“{{ titel_report }}”）: 未知变量 titel_report（数据中没有这一项）"
        in result.output
    )


@pytest.mark.parametrize(
    ("paragraphs", "error"),
    [
        (["{{ title_unit.__class__ }}", "{{ titel_report }}"], "标签访问了以下划线开头的属性"),
        (["{{ title_unit", "}}", "{{ titel_report }}"], "标签的开头和结尾不在同一段中"),
    ],
    ids=["underscore-attribute", "tag-across-paragraphs"],
)
def test_unknown_variable_is_reported_beside_an_error_that_leaves_the_template_readable(
    tmp_path: Path, paragraphs: list[str], error: str
) -> None:
    """An error that does not stop the template being parsed does not hide a misspelt variable:
    every problem is listed in one run."""
    result = CliRunner().invoke(
        main, ["check-template", str(_docx(tmp_path, paragraphs)), "--era", "2007"]
    )
    assert result.exit_code == 1
    assert error in result.output
    assert "未知变量 titel_report（数据中没有这一项）" in result.output


def test_era_decides_which_variables_are_known(tmp_path: Path) -> None:
    """`t1` (Table 1) exists in the 2021 era's data only: the template passes with --era 2021
    and is flagged with --era 2007."""
    path = _docx(tmp_path, ["{{ title_unit }}", "{{ t1['规章']['本年制发件数'] }}"])
    runner = CliRunner()
    ok = runner.invoke(main, ["check-template", str(path), "--era", "2021"])
    assert ok.exit_code == 0, ok.output
    assert "模板可以使用（0 个警告）" in ok.output
    flagged = runner.invoke(main, ["check-template", str(path), "--era", "2007"])
    assert flagged.exit_code == 1
    assert (
        "第 2 段（“{{ t1['规章']['本年制发件数'] }}”）: 未知变量 t1（数据中没有这一项）"
        in flagged.output
    )


@pytest.mark.parametrize("era", era_names())
def test_shipped_templates_pass_without_era(era: str) -> None:
    """With no --era a shipped template passes: rendering it with another era's data (2021's
    Table 1 with 2019's columns) is no problem of the template."""
    result = CliRunner().invoke(
        main, ["check-template", str(ROOT / "templates" / f"era-{era}.docx")]
    )
    assert result.exit_code == 0, result.output
    assert "模板可以使用（0 个警告）" in result.output


def test_template_failing_for_every_era_is_reported_without_era(tmp_path: Path) -> None:
    """A template that fails with every era's data is still an error with no --era."""
    path = _docx(tmp_path, ["{{ title_unit }}", "{{ 1/0 }}"])
    result = CliRunner().invoke(main, ["check-template", str(path)])
    assert result.exit_code == 1, result.output
