"""Loading a data file: every problem is reported with file, line, column, field and value."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reportkit import yamlfile
from reportkit.errors import DataError
from reportkit.loading import build_data, check_data, check_file, load
from tests.conftest import EXAMPLE_BY_ERA, MINIMAL_2007, SHUANGLONG, UNDATED_2007
from tests.townships import write_townships

WriteYaml = Callable[..., Path]


def test_example_is_valid() -> None:
    """The seed example validates with no problem at all and its total is computed."""
    result = check_file(SHUANGLONG)
    assert result.ok
    assert result.problems == []
    assert result.computed == [("主动公开", "总数")]
    assert result.report is not None
    assert result.report.proactive.total == 4 + 4 + 23  # type: ignore[attr-defined]


def _one_error(path: Path) -> str:
    result = check_file(path)
    assert len(result.errors) == 1, [str(p) for p in result.problems]
    return str(result.errors[0])


# Each case: a replacement in MINIMAL_2007, and the exact message it must give.
BAD = [
    pytest.param(
        ("    - 名称: 规范性文件\n      条数: 1", "    - 名称: 规范性文件\n      条数: -3"),
        "data.yaml:10:7: 主动公开.分类[1].条数: 应为非负数（现为 -3）（用到此项的 1 项勾稽关系待改正后核对）",
        id="negative-count",
    ),
    pytest.param(
        ("  收到申请: 0", "  收到申请: 很多"),
        "data.yaml:14:3: 依申请公开.收到申请: 应为整数（现为 '很多'）",
        id="text-for-count",
    ),
    pytest.param(
        ("  收到申请: 0", "  收到申请: 2.5"),
        "data.yaml:14:3: 依申请公开.收到申请: 应为整数，不能有小数（现为 2.5）",
        id="fraction-for-count",
    ),
    pytest.param(
        ("  收到申请: 0", "  收到申请: true"),
        "data.yaml:14:3: 依申请公开.收到申请: 应为数字，不是是/否值（现为 True）",
        id="boolean-for-count",
    ),
    pytest.param(
        ("  自称: 我镇", "  自陈: 我镇"),
        "data.yaml:5:3: 单位.自陈: 未知字段“自陈”，是否应为“自称”？",
        id="unknown-key-suggested",
    ),
    pytest.param(
        ("  层级: 乡镇", "  层级: 村"),
        "data.yaml:6:3: 单位.层级: 应为“省级人民政府”、“市级人民政府”、“县级人民政府”、“乡镇”、"
        "“街道”、“省级部门”、“市级部门”、“县级部门”或“其他”之一（现为 '村'）",
        id="bad-enum",
    ),
    pytest.param(
        ("收费及减免:\n  收费金额: 0\n", ""),
        "data.yaml: 收费及减免: 缺少必填项",
        id="missing-section",
    ),
    pytest.param(
        ("  收到申请: 0", "  收到申请:"),
        "data.yaml:14:3: 依申请公开.收到申请: 未填写",
        id="unfilled",
    ),
    pytest.param(
        ("      条数: 2\n", "      条数: 2\n  总数: 4\n"),
        "data.yaml:13:3: 主动公开.总数: 主动公开信息总数等于各分类条数之和不成立："
        "“主动公开.总数”为 4，“主动公开.分类[1].条数”、“主动公开.分类[2].条数”之和为 3，相差 1",
        id="total-differs",
    ),
    pytest.param(
        ("年度: 2017", "年度: 2017\n年度: 2018"),
        "data.yaml:2:1: 字段“年度”在同一层重复出现，请删去或合并其中一个",
        id="duplicate-key",
    ),
    pytest.param(
        ("  简称: 示例镇", "  简称: [示例镇"),
        "data.yaml:5:5: 方括号 [ ] 没有成对，或列表各项之间缺少逗号",
        id="yaml-syntax",
    ),
    pytest.param(
        ("  简称: 示例镇", "\t简称: 示例镇"),
        "data.yaml:4:1: 使用了制表符（Tab）：YAML 只能用空格缩进，请把 Tab 换成空格",
        id="tab-indent",
    ),
    pytest.param(
        ("  全称: 示例镇人民政府\n  简称: 示例镇", "  全称: &name 示例镇人民政府\n  简称: *name"),
        "data.yaml:3:7: 数据文件中不能使用锚点和别名（& 和 *），请把内容直接写出来",
        id="alias",
    ),
    pytest.param(
        ("  自称: 我镇", '  自称: "我镇'),
        "data.yaml:5:7: 文件在引号或括号中途结束，请检查引号和括号是否成对",
        id="unclosed-quote",
    ),
    pytest.param(
        (
            "  全称: 示例镇人民政府\n  简称: 示例镇\n  自称: 我镇\n  层级: 乡镇",
            "  全称：示例镇人民政府",
        ),
        "data.yaml:2:1: 单位: 应为一组字段（每行“字段: 值”）（现为 '全称：示例镇人民政府'）"
        "（是否把英文冒号“:”写成了中文冒号“：”？）",
        id="chinese-colon-in-a-block",
    ),
    pytest.param(
        ("年度: 2017", "年度: 2007"),
        "data.yaml:1:1: 年度: 2007 年度没有适用的报告格式（2008—2018 年度用 2007 年版格式；"
        "2019—2020 年度用 2019 年版格式；2021 年度起用 2021 年版格式）",
        id="year-without-era",
    ),
]


@pytest.mark.parametrize(("replace", "expected"), BAD)
def test_bad_input_is_placed(
    write_yaml: WriteYaml, replace: tuple[str, str], expected: str
) -> None:
    """A bad value gives exactly one error naming file, line, column, field and what was found."""
    old, new = replace
    assert old in MINIMAL_2007
    path = write_yaml(MINIMAL_2007.replace(old, new, 1))
    message = _one_error(path)
    assert message == f"{path.parent}/{expected}"


def test_whole_file_keyed_with_chinese_colons_is_questioned(write_yaml: WriteYaml) -> None:
    """A file whose every key has a Chinese colon reads as one text; the message asks about it."""
    path = write_yaml("年度：2017\n单位：示例镇\n")
    assert _one_error(path) == (
        f"{path}: 文件内容应为报告的各项字段（“年度: 2017”这样的行），"
        "而不是'年度：2017 单位：示例镇'（是否把英文冒号“:”写成了中文冒号“：”？）"
    )


def test_all_problems_are_listed_at_once(write_yaml: WriteYaml) -> None:
    """Several independent errors are all reported in one run, in line order."""
    text = MINIMAL_2007.replace("条数: 1", "条数: -1").replace("  收到申请: 0", "  收到申请: 多")
    result = check_file(write_yaml(text))
    assert [p.line for p in result.errors] == [10, 14]


def test_load_refuses_invalid_data(write_yaml: WriteYaml) -> None:
    """load() raises one DataError carrying every problem and saying nothing was written."""
    path = write_yaml(MINIMAL_2007.replace("条数: 1", "条数: -1"))
    with pytest.raises(DataError) as info:
        load(path)
    assert len(info.value.errors) == 1
    assert "未生成任何文件" in str(info.value)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "文件为空，没有任何报告数据"),
        (b"- 1\n- 2\n", "文件内容应为报告的各项字段（“年度: 2017”这样的行），而不是一个列表"),
        (b"just text\n", "文件内容应为报告的各项字段（“年度: 2017”这样的行），而不是'just text'"),
        (
            "年度: 2017\n单位: 镇\n".encode("gbk"),
            "文件是 GBK/GB18030 编码，请在编辑器中“另存为”并选择 UTF-8 编码后重试",
        ),
        (b"PK\x03\x04\x00\x00binary", "这是二进制文件，不是 YAML 数据文件"),
    ],
)
def test_files_that_are_not_reports(tmp_path: Path, content: bytes, expected: str) -> None:
    """Empty, binary, GBK, list or scalar files each get their own message, not a crash."""
    path = tmp_path / "x.yaml"
    path.write_bytes(content)
    result = check_file(path)
    assert [p.message for p in result.errors] == [expected]


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    """Aliases that would expand exponentially are refused at the first reuse, not expanded."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    path = tmp_path / "lol.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = check_file(path)
    assert [p.code for p in result.errors] == ["yaml"]
    assert "锚点和别名" in result.errors[0].message


def test_base_60_is_not_a_number(write_yaml: WriteYaml) -> None:
    """YAML 1.2: 8:30 is text (YAML 1.1 would read 510), so a count of 8:30 is refused as text."""
    message = _one_error(write_yaml(MINIMAL_2007.replace("  收到申请: 0", "  收到申请: 8:30")))
    assert message.endswith("依申请公开.收到申请: 应为整数（现为 '8:30'）")


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    """A file saved by Notepad with a UTF-8 byte-order mark reads like any other."""
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL_2007.encode("utf-8"))
    assert check_file(path).ok


def test_draft_turns_unfilled_into_warnings(write_yaml: WriteYaml) -> None:
    """In a draft an unfilled figure is a warning, so the draft can still be rendered."""
    path = write_yaml(MINIMAL_2007.replace("  收到申请: 0", "  收到申请:"))
    assert not check_file(path).ok
    draft = check_file(path, draft=True)
    assert draft.ok
    assert [p.message for p in draft.warnings] == ["未填写"]


def test_late_publication_is_warned(write_yaml: WriteYaml) -> None:
    """A publication date after March 31 of the next year is a warning, not an error."""
    path = write_yaml(UNDATED_2007 + "落款:\n  日期: 2018-04-02\n")
    result = check_file(path)
    assert result.ok
    assert [p.message for p in result.warnings] == ["成文日期 2018-04-02 晚于发布期限 2018-03-31"]


def test_a_date_inside_the_report_year_is_warned_as_early(write_yaml: WriteYaml) -> None:
    """A report for 2017 dated 2017-12-30 was written before its year ended: a warning; one
    signed on its last day (2017-12-31, as townships do) or later is not early."""
    result = check_file(write_yaml(UNDATED_2007 + "落款:\n  日期: 2017-12-30\n"))
    assert result.ok
    assert [(p.code, p.message) for p in result.warnings] == [
        ("early", "成文日期 2017-12-30 早于报告年度结束，请核对年度或日期")
    ]
    for date in ("2017-12-31", "2018-01-01"):
        assert check_file(write_yaml(UNDATED_2007 + f"落款:\n  日期: {date}\n")).warnings == []


def test_2007_applications_need_results(write_yaml: WriteYaml) -> None:
    """Applications received but no results: an error at 办理结果."""
    result = check_file(write_yaml(MINIMAL_2007.replace("  收到申请: 0", "  收到申请: 5")))
    assert [(p.path, p.message) for p in result.errors] == [
        (("依申请公开", "办理结果"), "收到了申请（或列了不予公开理由）时须填写办理结果")
    ]


def test_2007_more_answered_than_received_is_warned(write_yaml: WriteYaml) -> None:
    """办结 4 of 3 received is a warning (the 2007 outline has no carry-over)."""
    text = MINIMAL_2007.replace("  收到申请: 0", "  收到申请: 3\n  办理结果:\n    同意公开: 4")
    result = check_file(write_yaml(text))
    assert result.ok
    assert [p.message for p in result.warnings] == [
        "办结 4 件，多于收到的申请 3 件，请核对（2007 年版格式没有“上年结转”一项）"
    ]


# --- guards found by the mutation run ---


def test_a_total_of_computed_totals_is_computed(write_yaml: WriteYaml) -> None:
    """办理结果.总计 left blank is computed even when one of its parts, 不予公开, is itself
    computed from the 不予公开理由 (totals of totals are worked out to a fixed point)."""
    text = MINIMAL_2007.replace(
        "  收到申请: 0\n",
        "  收到申请: 5\n"
        "  办理结果:\n"
        "    同意公开: 2\n"
        "    不予公开:\n"
        "  不予公开理由:\n"
        "    - 理由: 属于国家秘密\n"
        "      件数: 2\n"
        "    - 理由: 属于商业秘密\n"
        "      件数: 1\n",
    )
    report, warnings = load(write_yaml(text))
    results = report.model_dump(by_alias=True)["依申请公开"]["办理结果"]
    assert (results["不予公开"], results["总计"]) == (2 + 1, 2 + 2 + 1)
    assert warnings == []


def test_utf8_bom_file_validates_and_renders(tmp_path: Path) -> None:
    """An example saved with a UTF-8 byte-order mark validates and renders like the original."""
    from click.testing import CliRunner

    from reportkit.cli import main
    from tests.docx_text import open_docx

    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + SHUANGLONG.read_bytes())
    runner = CliRunner()
    validated = runner.invoke(main, ["validate", str(path)])
    assert validated.exit_code == 0, validated.output
    assert "校验通过（2007 年版格式，2017 年度，0 个警告）" in validated.output
    out = tmp_path / "bom.docx"
    rendered = runner.invoke(main, ["render", str(path), "-o", str(out)])
    assert rendered.exit_code == 0, rendered.output
    assert open_docx(out).paragraphs[0].text == "公主岭市双龙镇人民政府"


def test_utf8_bom_changes_no_problem_nor_its_line(tmp_path: Path) -> None:
    """A broken file saved with a byte-order mark gets the same problems at the same lines and
    columns as without one, the first line included (an old pack's marker line is still read)."""
    text = "# reportkit-pack: 2007-00000000（reportkit 0.0.1）\n" + MINIMAL_2007.replace(
        "  全称: 示例镇人民政府", "  全称:"
    )
    plain, bom = tmp_path / "plain.yaml", tmp_path / "bom.yaml"
    plain.write_bytes(text.encode("utf-8"))
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))

    def placed(path: Path) -> list[tuple[int | None, int | None, str | None]]:
        return [(p.line, p.column, p.code) for p in check_file(path).problems]

    assert placed(bom) == [(1, 1, "old-pack"), (4, 3, "unfilled")]
    assert placed(bom) == placed(plain)


def test_totals_filled_into_the_report_equal_a_report_validated_from_the_completed_data(
    tmp_path: Path,
) -> None:
    """The computed totals are put into the checked report without validating it again; the
    report is the same as one validated from the completed data, in every era."""
    files = [*EXAMPLE_BY_ERA.values(), *write_townships(tmp_path, 6, broken=False).good]
    minimal = tmp_path / "minimal.yaml"  # 2007: 总数 and 办理结果.总计 left out
    minimal.write_text(MINIMAL_2007, encoding="utf-8")
    for path in [*files, minimal]:
        checked = check_file(path)
        assert checked.report is not None and checked.data is not None, path
        assert checked.computed, path  # something was computed, or this proves nothing
        again = type(checked.report).model_validate(checked.data)
        assert again == checked.report, path
        assert again.model_dump(by_alias=True) == checked.data


@pytest.mark.parametrize("era", sorted(EXAMPLE_BY_ERA))
def test_build_data_builds_what_check_data_builds_without_checking(era: str) -> None:
    """build_data gives check_data's report and completed figures (totals computed), and
    none of its findings: a broken total and a blank fill-in are not looked for."""
    data = yamlfile.parse(EXAMPLE_BY_ERA[era].read_text(encoding="utf-8"))
    data["单位"]["自称"] = None  # a blank fill-in: "unfilled" for check_data
    checked = check_data(data, "x")
    built = build_data(data, "x")
    assert built.report == checked.report
    assert built.data == checked.data
    assert built.computed == checked.computed
    assert any(p.code == "unfilled" for p in checked.problems)
    assert built.problems == []
