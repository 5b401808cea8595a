"""Hostile and careless input, end to end: each gets its own message and exit code, never a traceback.

One table, one row per bad input across files, values, text, outputs and templates.
Each row builds its input in a fresh folder, runs the real command line, and states
the exact message fragment and exit code a clerk must see.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from reportkit.cli import main
from tests import hostile_runs as runs
from tests import hostile_templates
from tests.conftest import MINIMAL_2007, UNDATED_2007

Case = Callable[[Path], list[str]]


def _file(content: str | bytes, name: str = "data.yaml") -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return make


def _validate(content: str | bytes) -> Case:
    return lambda folder: ["validate", str(_file(content)(folder))]


def _edit(old: str, new: str) -> Case:
    assert old in MINIMAL_2007, old
    return _validate(MINIMAL_2007.replace(old, new, 1))


def _render(*extra: str, data: str = MINIMAL_2007) -> Case:
    def case(folder: Path) -> list[str]:
        path = _file(data)(folder)
        return ["render", str(path), *(a.replace("{dir}", str(folder)) for a in extra)]

    return case


def _template(*paragraphs: str) -> Case:
    def case(folder: Path) -> list[str]:
        document = docx.Document()
        for text in paragraphs:
            document.add_paragraph(text)
        template = folder / "custom.docx"
        document.save(str(template))
        return _render("--template", str(template), "-o", "{dir}/out.docx")(folder)

    return case


def _existing_output(folder: Path) -> list[str]:
    (folder / "out.docx").write_bytes(b"an earlier report")
    return _render("-o", "{dir}/out.docx")(folder)


def _not_a_zip_template(folder: Path) -> list[str]:
    bad = folder / "bad.docx"
    bad.write_text("not a zip", encoding="utf-8")
    return _render("--template", str(bad), "-o", "{dir}/o.docx")(folder)


LOL = "a0: &a0 [x, x]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]\n" for i in range(1, 30))


# --- outputs and files (issue 10: files) ------------------------------------------------------


def _in(folder: Path, *args: str) -> list[str]:
    return [a.replace("{dir}", str(folder)) for a in args]


def _pack_over_data(folder: Path) -> list[str]:
    _file(MINIMAL_2007)(folder)
    return _in(folder, "pack", "--era", "2007", "-o", "{dir}/data.yaml", "--force")


def _schema_second_exists(folder: Path) -> list[str]:
    (folder / "era-2019.schema.json").write_text("{}", encoding="utf-8")
    return _in(folder, "schema", "-o", "{dir}")


def _aggregate(*extra: str) -> Case:
    def case(folder: Path) -> list[str]:
        (folder / "in").mkdir()
        _file(MINIMAL_2007)(folder / "in")
        return _in(folder, "aggregate", "{dir}/in", *extra)

    return case


def _aggregate_into(folder: Path) -> list[str]:
    (folder / "out").mkdir()
    return _aggregate("-o", "{dir}/out/")(folder)


def _aggregate_workbook_is_folder(folder: Path) -> list[str]:
    (folder / "sum.yaml").write_text("# earlier\n", encoding="utf-8")
    (folder / "sum.xlsx").mkdir()
    return _aggregate("-o", "{dir}/sum", "--force")(folder)


def _render_over_dangling_link(folder: Path) -> list[str]:
    (folder / "out.docx").symlink_to(folder / "elsewhere.docx")
    return _render("-o", "{dir}/out.docx")(folder)


def _folder_with(command: str, make: Callable[[Path], object], *extra: str) -> Case:
    """``command`` on a folder holding a good data file and whatever ``make`` puts beside it."""

    def case(folder: Path) -> list[str]:
        inside = folder / "in"
        inside.mkdir()
        _file(MINIMAL_2007)(inside)
        make(inside)
        return _in(folder, command, "{dir}/in", *extra)

    return case


def _fifo(name: str) -> Callable[[Path], object]:
    import os

    return lambda folder: os.mkfifo(folder / name)


def _dangling(name: str) -> Callable[[Path], object]:
    return lambda folder: (folder / name).symlink_to(folder / "nowhere.yaml")


def _sparse(size: int) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "huge.yaml"
        with path.open("wb") as handle:
            handle.truncate(size)
        return path

    return make


def _named_fifo(folder: Path) -> list[str]:
    _fifo("pipe.yaml")(folder)
    return _in(folder, "validate", "{dir}/pipe.yaml")


def _import_pipe(folder: Path) -> list[str]:  # once waited for ever
    _fifo("report.docx")(folder)
    return _in(folder, "import", "{dir}/report.docx", "-o", "{dir}/r.yaml")


def _aggregate_with_yaml_error(folder: Path) -> list[str]:
    data = runs.units(runs.UNIT, "东城镇人民政府")(folder)
    (data / "unit-1.yaml").write_text('年度: "\\q"\n', encoding="utf-8")
    return ["aggregate", str(data), "-o", str(folder / "汇总")]


CASES: list[tuple[str, Case, int, str]] = [
    # 1. input files
    ("empty", _validate(""), 1, "文件为空，没有任何报告数据"),
    ("only-comments", _validate("# 年度: 2017\n"), 1, "文件为空，没有任何报告数据"),
    ("binary", _validate(b"\x89PNG\r\n\x1a\n\x00\x00"), 1, "这是二进制文件，不是 YAML 数据文件"),
    (
        "gbk",
        _validate(MINIMAL_2007.encode("gbk")),
        1,
        "文件是 GBK/GB18030 编码，请在编辑器中“另存为”并选择 UTF-8 编码后重试",
    ),
    (
        "utf16",
        _validate(MINIMAL_2007.encode("utf-16")),
        1,
        "文件是 UTF-16 编码（记事本的“Unicode”）",
    ),
    ("latin1-garbage", _validate(b"\xff\xfe\xfd garbage \xc3"), 1, "UTF-16"),
    ("too-large", _validate("年度: 2017\n" + "# 注释\n" * 400_000), 1, "文件过大"),
    ("a-list", _validate("- 年度: 2017\n"), 1, "而不是一个列表"),
    ("a-scalar", _validate("2017\n"), 1, "而不是2017"),
    ("tab-indent", _edit("  简称: 示例镇", "\t简称: 示例镇"), 1, "使用了制表符（Tab）"),
    (
        "duplicate-key",
        _edit("年度: 2017", "年度: 2017\n年度: 2018"),
        1,
        "字段“年度”在同一层重复出现",
    ),
    (
        "alias",
        _edit("  全称: 示例镇人民政府\n  简称: 示例镇", "  全称: &n 示例镇人民政府\n  简称: *n"),
        1,
        "不能使用锚点和别名",
    ),
    ("billion-laughs", _validate(LOL), 1, "不能使用锚点和别名"),
    (
        "merge-key-top-level",
        _validate("默认: &d\n  年度: 2017\n<<: *d\n" + MINIMAL_2007),
        1,
        "data.yaml:3:1: <<: 数据文件中不能使用合并键（<<:），请把要合并的字段直接写在这一层",
    ),
    (
        "merge-key-tagged",
        _edit("  全称: 示例镇人民政府", "  全称: 示例镇人民政府\n  !!merge <<: {简称: 示例镇}"),
        1,
        "data.yaml:4:3: 单位.<<: 数据文件中不能使用合并键",
    ),
    ("unclosed-quote", _edit("  自称: 我镇", '  自称: "我镇'), 1, "引号或括号中途结束"),
    ("unclosed-bracket", _edit("  简称: 示例镇", "  简称: [示例镇"), 1, "方括号 [ ] 没有成对"),
    ("colon", _edit("  简称: 示例镇", "  简称: 示例镇: 双龙"), 1, "冒号位置不对"),
    ("missing-file", lambda folder: ["validate", str(folder / "nope.yaml")], 2, "文件不存在"),
    (
        "carry-over-from-missing-file",
        lambda folder: [
            "new",
            "--year",
            "2018",
            "--from",
            str(folder / "none.yaml"),
            "-o",
            str(folder / "n.yaml"),
        ],
        2,
        "none.yaml: 文件不存在",
    ),
    # 2. values
    ("negative", _edit("条数: 1", "条数: -3"), 1, "主动公开.分类[1].条数: 应为非负数（现为 -3）"),
    ("fraction", _edit("  收到申请: 0", "  收到申请: 3.5"), 1, "应为整数，不能有小数（现为 3.5）"),
    ("words-for-count", _edit("  收到申请: 0", "  收到申请: 很多"), 1, "应为整数（现为 '很多'）"),
    ("ten-thousands", _edit("  收到申请: 0", "  收到申请: 3万"), 1, "应为整数（现为 '3万'）"),
    ("boolean-count", _edit("  收到申请: 0", "  收到申请: true"), 1, "应为数字，不是是/否值"),
    ("money-with-unit", _edit("  收费金额: 0", "  收费金额: 12元"), 1, "应为金额数字，不要写单位"),
    (
        "negative-money",
        _edit("  收费金额: 0", "  收费金额: -5"),
        1,
        "收费及减免.收费金额: 应为非负数",
    ),
    ("year-too-early", _edit("年度: 2017", "年度: 2007"), 1, "2007 年度没有适用的报告格式"),
    (
        "year-in-words",
        _edit("年度: 2017", "年度: 二〇一七"),
        1,
        "应为年份数字，如 2017（现为 '二〇一七'）",
    ),
    ("year-missing", _edit("年度: 2017\n", ""), 1, "缺少必填项（报告年度，如 2017）"),
    (
        "impossible-date",
        _validate(UNDATED_2007 + "落款:\n  日期: 2018年2月30日\n"),
        1,
        "落款.日期: 应为日期",
    ),
    ("unknown-key", _edit("  自称: 我镇", "  自陈: 我镇"), 1, "未知字段“自陈”，是否应为“自称”？"),
    ("unknown-top-key", _validate(MINIMAL_2007 + "附件: 无\n"), 1, "未知字段“附件”"),
    ("bad-level", _edit("  层级: 乡镇", "  层级: 村"), 1, "单位.层级: 应为“省级人民政府”、"),
    ("missing-section", _edit("收费及减免:\n  收费金额: 0\n", ""), 1, "收费及减免: 缺少必填项"),
    ("unfilled", _edit("  收到申请: 0", "  收到申请:"), 1, "依申请公开.收到申请: 未填写"),
    (
        "empty-name",
        _edit("    - 名称: 规范性文件", "    - 名称: ''"),
        1,
        "主动公开.分类[1].名称: 不能为空",
    ),
    ("list-for-mapping", _edit("单位:\n", "单位: [示例镇]\n单位旧:\n"), 1, "单位: 应为一组字段"),
    (
        "mapping-for-text",
        _edit("  全称: 示例镇人民政府", "  全称: {名: 示例镇}"),
        1,
        "单位.全称: 应为文字",
    ),
    (
        "total-differs",
        _edit("      条数: 2\n", "      条数: 2\n  总数: 4\n"),
        1,
        "“主动公开.总数”为 4，“主动公开.分类[1].条数”、“主动公开.分类[2].条数”之和为 3，相差 1",
    ),
    (
        "precision-too-high",
        _validate(MINIMAL_2007 + "百分比:\n  小数位: 5\n"),
        1,
        "百分比.小数位: 应不大于 2",
    ),
    # 3. text (accepted, with a warning where something was removed)
    (
        "control-characters",
        _edit("  自称: 我镇", '  自称: "我\\a镇"'),
        0,
        "已删除文字中不可见的控制字符",
    ),
    ("full-width-digits", _edit("  收到申请: 0", "  收到申请: ０"), 0, "已将“０”读作 0"),
    # 4. outputs
    ("render-over-existing", _existing_output, 1, "文件已存在；如需覆盖，请加 --force"),
    ("render-to-text-file", _render("-o", "{dir}/out.txt"), 2, "输出文件应以 .docx 结尾"),
    (
        "render-over-input",
        _render("-o", "{dir}/data.yaml", "--force"),
        2,
        "输出文件应以 .docx 结尾",
    ),
    ("render-into-missing-folder", _render("-o", "{dir}/no/such/out.docx"), 1, "输出文件夹不存在"),
    (
        "render-invalid-data",
        _render(data=MINIMAL_2007.replace("条数: 1", "条数: -1")),
        1,
        "未生成任何文件",
    ),
    # 5. templates
    (
        "template-unknown-variable",
        _template("{{ titel }}"),
        1,
        "模板使用了数据中没有的变量：'titel' is undefined",
    ),
    (
        "template-python-internals",
        _template("{{ title_unit.__class__.__mro__ }}"),
        1,
        "模板试图访问不允许访问的内容",
    ),
    (
        "template-globals",
        _template("{{ title_unit.__init__.__globals__ }}"),
        1,
        "模板试图访问不允许访问的内容",
    ),
    ("template-syntax", _template("{% for x in %}"), 1, "模板有错误"),
    (
        "template-not-docx",
        _render("--template", "{dir}/data.yaml", "-o", "{dir}/o.docx"),
        2,
        "模板应为 .docx 文件",
    ),
    (
        "template-missing",
        _render("--template", "{dir}/none.docx", "-o", "{dir}/o.docx"),
        2,
        "无法读取模板",
    ),
    # once crashed with a traceback (found in review)
    (
        "impossible-iso-date",
        _validate(UNDATED_2007 + "落款:\n  日期: 2018-02-30\n"),
        1,
        "落款.日期: 应为日期",
    ),
    ("template-not-a-zip", _not_a_zip_template, 1, "模板不是有效的 .docx 文件"),
    # outputs and files (issue 10: files)
    (
        "render-over-dangling-link",
        _render_over_dangling_link,
        1,
        "文件已存在；如需覆盖，请加 --force",
    ),
    ("pack-over-data-file", _pack_over_data, 2, "data.yaml: 输出文件应以 .zip 结尾"),
    (
        "new-to-docx",
        lambda folder: _in(folder, "new", "--year", "2018", "-o", "{dir}/2018.docx"),
        2,
        "输出文件应以 .yaml / .yml 结尾",
    ),
    ("schema-second-file-exists", _schema_second_exists, 1, "era-2019.schema.json: 文件已存在"),
    ("aggregate-into-folder", _aggregate_into, 0, "out/summary.yaml、"),
    ("aggregate-empty-output", _aggregate("-o", ""), 2, "输出文件名不能为空"),
    ("aggregate-root-output", _aggregate("-o", "/"), 2, "不能写入根文件夹"),
    ("aggregate-missing-folder", _aggregate("-o", "{dir}/none/"), 1, "none: 输出文件夹不存在"),
    ("aggregate-workbook-is-folder", _aggregate_workbook_is_folder, 1, "sum.xlsx: 这是一个文件夹"),
    (
        "fifo-in-folder",
        _folder_with("check", _fifo("pipe.yaml")),
        0,
        "pipe.yaml: 不是普通文件（命名管道），已跳过",
    ),
    ("fifo-named", _named_fifo, 2, "pipe.yaml: 不是普通文件（命名管道），未读取"),
    (
        "fifo-in-folder-render",
        _folder_with("render", _fifo("pipe.yaml"), "-o", "{dir}/out"),
        0,
        "pipe.yaml: 不是普通文件（命名管道），已跳过",
    ),
    (
        "fifo-in-folder-aggregate",
        _folder_with("aggregate", _fifo("pipe.yaml"), "-o", "{dir}/sum"),
        0,
        "pipe.yaml: 不是普通文件（命名管道），已跳过",
    ),
    (
        "huge-sparse-file",
        lambda folder: ["validate", str(_sparse(16 * 1024 * 1024)(folder))],
        1,
        "文件过大（16777216 字节，上限 2097152 字节）",
    ),
    (
        "dangling-link-in-folder",
        _folder_with("check", _dangling("gone.yaml")),
        1,
        "gone.yaml: 链接指向的文件不存在（",
    ),
    (
        "dangling-link-json",
        _folder_with("check", _dangling("gone.yaml"), "--format", "json"),
        1,
        '"status": "unreadable"',
    ),
    # issue 10, templates: text never dropped (1), template parts that crashed (8), the sandbox
    # bounded (9), external links (12), active content (15)
    (
        "raw-noncharacter-in-file",
        _validate(MINIMAL_2007.replace("我镇", "我\uffff镇")),
        0,
        "data.yaml:5:8: 警告：已删除文件中不可见的控制字符或 XML 不允许的字符（U+FFFF）",
    ),
    (
        "escaped-noncharacters-in-value",
        _edit("  自称: 我镇", '  自称: "我\\uffff\\ufdd0\\U0001fffe镇&<>"'),
        0,
        "单位.自称: 警告：已删除文字中不可见的控制字符或 XML 不允许的字符（U+FFFF、U+FDD0、U+1FFFE）",
    ),
    (
        "render-noncharacter-in-value",
        _render("-o", "{dir}/out.docx", data=MINIMAL_2007.replace("我镇", '"我\\uffff镇&"')),
        0,
        "已删除文字中不可见的控制字符或 XML 不允许的字符（U+FFFF）",
    ),
    (
        "template-autoescape-off",
        hostile_templates.tags("{% autoescape false %}{{ title_unit }}{% endautoescape %}"),
        1,
        "模板不能关闭自动转义",
    ),
    (
        "template-footer-undefined-entity",
        hostile_templates.changed(hostile_templates.footer_entity, footer="页脚"),
        1,
        "模板的 word/footer1.xml 不是合法的 XML（Entity 'nbsp' not defined",
    ),
    (
        "check-template-footer-undefined-entity",
        hostile_templates.changed(hostile_templates.footer_entity, check=True, footer="页脚"),
        1,
        "模板的 word/footer1.xml 不是合法的 XML（Entity 'nbsp' not defined",
    ),
    (
        "template-malformed-document",
        hostile_templates.changed(hostile_templates.malformed_body),
        1,
        "模板的 word/document.xml 不是合法的 XML（Opening and ending tag mismatch",
    ),
    (
        "template-unsupported-compression",
        hostile_templates.raw(hostile_templates.unsupported_method),
        1,
        "模板中的 word/styles.xml 使用了 Word 不使用的压缩方式（9）",
    ),
    (
        "template-huge-power",
        hostile_templates.tags("{{ 10**5000 }}"),
        1,
        "乘方 10 ** 5000 的结果过大",
    ),
    (
        "check-template-huge-power",
        hostile_templates.tags("{{ 10**5000 }}", check=True),
        1,
        "乘方 10 ** 5000 的结果过大",
    ),
    (
        "template-division-by-zero",
        hostile_templates.tags("{{ 1/0 }}"),
        1,
        "模板在生成报告时出错（ZeroDivisionError",
    ),
    (
        "template-range-too-long",
        hostile_templates.tags("{% for i in range(10000000) %}{% endfor %}"),
        1,
        "模板中的 range(10000000) 超过了循环次数的上限 1000000（如确信模板可信，可设置环境变量 "
        "REPORTKIT_TEMPLATE_SIZE",
    ),
    (
        "check-template-range-too-long",
        hostile_templates.tags("前言", "{% for i in range(10000000) %}{% endfor %}", check=True),
        1,
        "（出错处：模板的 word/document.xml，“{% for i in range(10000000) %}{% endfor %}”）",
    ),
    (
        "template-range-beyond-counting",
        hostile_templates.tags("{{ range(10**20)|list }}"),
        1,
        "模板中的 range(100000000000000000000) 超过了循环次数的上限",
    ),
    (
        "template-division-by-zero-placed",
        hostile_templates.tags("前言", "合计 {{ 1/0 }} 条"),
        1,
        "（出错处：模板的 word/document.xml，“合计 {{ 1/0 }} 条”）",
    ),
    (
        "template-excel-file",
        hostile_templates.raw(hostile_templates.excel_file),
        1,
        "模板不是 Word 文档，而是Excel 工作簿",
    ),
    (
        "check-template-excel-file",
        hostile_templates.raw(hostile_templates.excel_file, check=True),
        1,
        "模板不是 Word 文档，而是Excel 工作簿",
    ),
    (
        "template-string-repetition",
        hostile_templates.tags("{{ 'x' * 3000000000 }}"),
        1,
        "模板要求的长度或数量 3000000000 超过了上限 1000000（如确信模板可信，可设置环境变量 "
        "REPORTKIT_TEMPLATE_SIZE",
    ),
    (
        "check-template-string-repetition",
        hostile_templates.tags("{{ [1] * 3000000000 }}", check=True),
        1,
        "模板要求的长度或数量 3000000000 超过了上限",
    ),
    (
        "template-padding-filter",
        hostile_templates.tags("{{ 'x'|center(3000000000) }}"),
        1,
        "模板要求的长度或数量 3000000000 超过了上限",
    ),
    (
        "template-padding-method",
        hostile_templates.tags("{{ 'x'.ljust(3000000000) }}"),
        1,
        "模板要求的长度或数量 3000000000 超过了上限",
    ),
    (
        "template-format-width",
        hostile_templates.tags("{{ '%3000000000d'|format(1) }}"),
        1,
        "模板要求的长度或数量 3000000000 超过了上限",
    ),
    (
        "template-inflates-too-far",
        hostile_templates.changed(hostile_templates.huge_part),
        1,
        "超过了 64 MB 的上限（如确信模板可信，可设置环境变量 REPORTKIT_TEMPLATE_MB",
    ),
    (
        "check-template-inflates-too-far",
        hostile_templates.changed(hostile_templates.huge_part, check=True),
        1,
        "超过了 64 MB 的上限",
    ),
    (
        "check-template-core-properties",
        hostile_templates.changed(hostile_templates.core_title, check=True),
        1,
        "模板有错误",
    ),
    (
        "template-attached-template-stripped",
        hostile_templates.changed(hostile_templates.attached_template),
        0,
        "已生成",
    ),
    (
        "check-template-attached-template",
        hostile_templates.changed(hostile_templates.attached_template, check=True),
        0,
        "警告：模板附加了外部模板 http://example.com/t.dotx",
    ),
    (
        "template-linked-image",
        hostile_templates.changed(hostile_templates.linked_image),
        1,
        "模板的 word/document.xml 链接到外部地址 http://example.com/x.png（image）",
    ),
    (
        "check-template-linked-image",
        hostile_templates.changed(hostile_templates.linked_image, check=True),
        1,
        "链接到外部地址 http://example.com/x.png",
    ),
    (
        "template-macros",
        hostile_templates.changed(hostile_templates.macros),
        1,
        "模板含有宏（vbaProject.bin）",
    ),
    (
        "check-template-macros",
        hostile_templates.changed(hostile_templates.macros, check=True),
        1,
        "模板含有宏（vbaProject.bin）",
    ),
    (
        "template-remote-field",
        hostile_templates.changed(hostile_templates.remote_field),
        1,
        "含有从外部读取内容的域代码（INCLUDEPICTURE）",
    ),
    (
        "check-template-remote-field",
        hostile_templates.changed(hostile_templates.remote_field, check=True),
        1,
        "含有从外部读取内容的域代码（INCLUDEPICTURE）",
    ),
    # issue 10 (runs): batches, counting units, hidden and look-alike characters
    (
        "aggregate-counts-its-own-summary",
        runs.aggregate_twice,
        0,
        "汇总.yaml（【待填写：汇总单位全称】）：是 reportkit aggregate 生成的汇总数据文件，不是单位的报告",
    ),
    (
        "aggregate-unit-with-zero-width-space",
        runs.aggregate(runs.UNIT, "示例\u200b镇人民政府", "东城镇人民政府"),
        1,
        "是同一单位（全称“示例\\u200b镇人民政府”），都未计入（含有看不见的字符 U+200B",
    ),
    (
        "aggregate-unit-in-full-width-letters",
        runs.aggregate("A镇人民政府", "Ａ镇人民政府", "东城镇人民政府"),
        1,
        "“Ａ”是形似字符 U+FF21（FULLWIDTH LATIN CAPITAL LETTER A），应为“A”",
    ),
    (
        "aggregate-blank-unit-name",
        runs.aggregate(runs.UNIT, extra=("--unit-name", "   ")),
        2,
        "--unit-name",
    ),
    (
        "escape-sequence-in-key",
        runs.validate_with("  自称: 我镇", '  "\\e]0;pwned\\a\\e[2J自称": 我镇'),
        1,
        "已删除文字中不可见的控制字符或 XML 不允许的字符（U+001B、U+0007",
    ),
    (
        "bidi-override-in-value",
        runs.validate_with("  层级: 乡镇", "  层级: 乡\u202e镇"),
        1,
        "乡\\u202e镇",
    ),
    (
        "merge-key",
        runs.validate_with("  层级: 乡镇", "  <<: {层级: 乡镇}"),  # once a TypeError/KeyError
        1,
        "data.yaml:6:3: 单位.<<: 数据文件中不能使用合并键（<<:），请把要合并的字段直接写在这一层",
    ),
    (
        "hundred-sections",
        runs.render_with(runs.HUNDRED_SECTIONS, instead_of=runs.PROBLEMS),
        0,
        "已生成",
    ),
    (
        "count-beyond-bound",
        runs.validate_with("  收到申请: 0", "  收到申请: 100000000000000000000000000000"),
        1,
        "依申请公开.收到申请: 应不大于 1000000000",
    ),
    (
        "fee-beyond-bound",
        runs.validate_with("  收费金额: 0", "  收费金额: 1e30"),
        1,
        "收费及减免.收费金额: 应不大于 10000000000",
    ),
    (
        "boolean-precision",
        runs.validate_with("年度: 2017", "年度: 2017\n百分比: {小数位: true}"),
        1,
        "百分比.小数位: 应为数字，不是是/否值",
    ),
    (
        "zero-width-space-in-year-key",
        runs.validate_with("年度: 2017", "年\u200b度: 2017"),
        1,
        "data.yaml:1:1: 年\\u200b度: 字段“年\\u200b度”含有看不见的字符 U+200B（ZERO WIDTH SPACE），"
        "应为“年度”",
    ),
    (
        "kangxi-radical-in-key",
        runs.validate_with("  自称: 我镇", "  ⾃称: 我镇"),
        1,
        "未知字段“⾃称”：“⾃”是形似字符 U+2F83（KANGXI RADICAL SELF），应为“自”（U+81EA）",
    ),
    (
        "number-as-key",
        runs.validate_with("年度: 2017", "年度: 2017\n2017: x"),
        1,
        "data.yaml:2:1: 2017: 未知字段“2017”",
    ),
    (
        "formula-as-unit-name",
        runs.aggregate('=HYPERLINK("http://example.invalid/","点此")', "@SUM(A1)"),
        0,
        "已汇总 2 个单位",
    ),
    # issue 10 re-check
    (
        "aggregate-only-one-unit-twice",
        runs.aggregate(runs.UNIT, runs.UNIT + "\ufeff"),
        2,
        "unit-1.yaml（示例镇人民政府\\ufeff）：与 ",
    ),
    (
        "aggregate-yaml-error-said-once",
        _aggregate_with_yaml_error,
        1,
        "unit-1.yaml：YAML 格式错误：found unknown escape character",
    ),
    (
        "render-longest-chinese-name",  # 252 bytes: the temporary name once went beyond 255
        lambda folder: ["render", str(_file(MINIMAL_2007, "长" * 83 + ".yml")(folder))],
        0,
        "长" * 83 + ".docx",
    ),
    (
        "aggregate-longest-chinese-name",
        _aggregate("-o", "{dir}/" + "汇" * 83),
        0,
        "汇" * 83 + ".xlsx",
    ),
    (
        "new-name-too-long",
        lambda folder: _in(folder, "new", "--year", "2023", "-o", "{dir}/" + "x" * 260 + ".yaml"),
        1,
        "文件名过长（265 字节，上限 255 字节）",
    ),
    ("render-name-too-long", _render("-o", "{dir}/" + "x" * 260 + ".docx"), 1, "无法访问（"),
    (
        "schema-folder-name-too-long",
        lambda f: _in(f, "schema", "-o", "{dir}/" + "x" * 260),
        1,
        "无法访问（文件名或路径过长）",
    ),
    (
        "schema-folder-under-a-file",
        lambda f: (_file("")(f), _in(f, "schema", "-o", "{dir}/data.yaml/sub/x.json"))[1],
        1,
        "data.yaml: 这不是文件夹",
    ),
    ("import-named-pipe", _import_pipe, 2, "report.docx: 不是普通文件（命名管道），未读取"),
    (
        "import-missing-file",
        lambda folder: ["import", str(folder / "none.docx"), "-o", str(folder / "r.yaml")],
        2,
        "none.docx: 文件不存在",
    ),
    # issue 12, item 6: published reports import and audit cannot read
    *runs.BAD_REPORT_CASES,
]


@pytest.mark.parametrize(
    ("build", "exit_code", "fragment"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input(tmp_path: Path, build: Case, exit_code: int, fragment: str) -> None:
    """The command exits with the stated code, says the stated sentence, shows no traceback,
    and, when it fails, leaves the folder as it was (no new or changed file)."""
    args = build(tmp_path)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    result = CliRunner().invoke(main, args)
    output = result.stdout + result.stderr
    assert result.exit_code == exit_code, output
    assert fragment in output
    assert "Traceback" not in output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if exit_code != 0:
        assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_table_is_large_and_distinct() -> None:
    """At least 40 distinct bad inputs are covered, each named once."""
    names = [c[0] for c in CASES]
    assert len(names) >= 40
    assert len(set(names)) == len(names)
