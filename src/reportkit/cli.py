"""The ``reportkit`` command: a thin click layer over the core.

Every ReportkitError is translated here, in one place (:class:`_Group`): its
message goes to stderr and the process exits with the error's code. The core is
imported inside each command so that ``reportkit --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from reportkit.errors import ReportkitError

__all__ = ["main"]


class _Group(click.Group):
    """The top-level group: the single place where user errors become messages."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ReportkitError as exc:
            click.echo(str(exc), err=True)
            ctx.exit(exc.exit_code)


_FILE = click.Path(path_type=Path, dir_okay=False)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="reportkit", message="reportkit %(version)s")
def main() -> None:
    """政府信息公开工作年度报告：数据文件 → 校验 → Word 文档（GB/T 9704 版式）。

    \b
    reportkit new --year 2018 -o 2018.yaml      生成待填写的数据文件
    reportkit validate 2018.yaml                 校验数据
    reportkit render 2018.yaml                   生成 2018.docx
    reportkit schema -o schema/                  导出 JSON Schema
    """


def _print_problems(problems: list[Any]) -> None:
    for problem in problems:
        click.echo(str(problem), err=not problem.is_error)


@main.command()
@click.argument("files", nargs=-1, required=True, type=_FILE)
@click.option("--draft", is_flag=True, help="草稿：未填写的项目只给出警告。")
@click.option(
    "--previous", type=_FILE, help="上年的数据文件，用于比对（默认取文件中的“上年数据”）。"
)
def validate(files: tuple[Path, ...], draft: bool, previous: Path | None) -> None:
    """校验数据文件，列出每一处问题（文件:行:列: 字段: 问题）。

    全部通过时退出码为 0，有错误时为 1；警告不影响退出码。

    \b
    示例：
      reportkit validate examples/2017-shuanglong.yaml
    """
    from reportkit.loading import check_file

    failed = 0
    for path in files:
        result = check_file(path, draft=draft, previous=previous)
        for problem in result.problems:
            click.echo(str(problem))
        if result.ok and result.report is not None:
            report = result.report
            click.echo(
                f"{path}: 校验通过（{report.ERA} 年版格式，{report.year} 年度，"
                f"{len(result.warnings)} 个警告）"
            )
        else:
            failed += 1
            click.echo(f"{path}: 发现 {len(result.errors)} 处错误，{len(result.warnings)} 个警告")
    if failed:
        raise click.exceptions.Exit(1)


@main.command()
@click.argument("data", type=_FILE)
@click.option("-o", "--output", type=_FILE, help="输出的 .docx 文件（默认与数据文件同名）。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖它。")
@click.option("--draft", is_flag=True, help="草稿：未填写的项目印为【待填写】，照样生成。")
@click.option("--template", type=_FILE, help="自定义的 .docx 模板（默认使用内置模板）。")
def render(
    data: Path, output: Path | None, force: bool, draft: bool, template: Path | None
) -> None:
    """按数据文件生成 Word 报告（.docx），自动计算合计和占比。

    数据有错误时不生成任何文件；已存在的文件只有加 --force 才会覆盖。

    \b
    示例：
      reportkit render examples/2017-shuanglong.yaml -o 2017.docx
    """
    import reportkit

    target, warnings = reportkit.render(data, output, template=template, draft=draft, force=force)
    _print_problems(warnings)
    click.echo(f"已生成 {target}")


@main.command()
@click.option("--year", type=click.IntRange(2008, 2100), required=True, help="报告年度。")
@click.option(
    "--from", "previous", type=_FILE, help="上年的数据文件：沿用单位、结构和文字，清空数字。"
)
@click.option("-o", "--output", type=_FILE, help="输出文件（默认 <年度>.yaml）。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖它。")
def new(year: int, previous: Path | None, output: Path | None, force: bool) -> None:
    """生成某一年度待填写的数据文件（按年度自动选择格式版本）。

    加 --from 时沿用上年的单位信息、分类和小节结构及文字（文字标注为“沿用上年”，
    校验时提示照抄的段落），数字一律清空待填。

    \b
    示例：
      reportkit new --year 2018 --from examples/2017-shuanglong.yaml -o 2018.yaml
    """
    import importlib.resources

    from reportkit.loading import load
    from reportkit.models import era_for_year
    from reportkit.outputs import check_target, write_text_atomic
    from reportkit.scaffold import scaffold
    from reportkit.schemas import schema_filename

    target = output if output is not None else Path(f"{year}.yaml")
    check_target(target, force=force, protect=(previous,) if previous else ())
    last = load(previous, draft=True)[0] if previous is not None else None
    era = era_for_year(year)
    schema = importlib.resources.files("reportkit") / "schema" / schema_filename(era or "")
    text = scaffold(
        year,
        previous=last,
        previous_path=previous,
        out_dir=target.resolve().parent,
        schema_path=Path(str(schema)).resolve() if era else None,
    )
    write_text_atomic(target, text)
    click.echo(f"已生成 {target}，请填写后运行 reportkit validate {target}")


@main.command()
@click.option("--era", help="格式版本，如 2007（默认全部）。")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, file_okay=False), help="输出文件夹。"
)
@click.option("--force", is_flag=True, help="已存在的文件也覆盖。")
def schema(era: str | None, output: Path | None, force: bool) -> None:
    """导出数据文件的 JSON Schema（字段的中文说明），供上级部门分发、编辑器自动补全和检查。

    不加 -o 时把一个格式版本的 Schema 打印到标准输出。

    \b
    示例：
      reportkit schema --era 2007 -o schema/
    """
    from reportkit.models import ERAS
    from reportkit.outputs import check_target, write_text_atomic
    from reportkit.schemas import schema_filename, schema_text

    if era is not None and era not in ERAS:
        raise click.BadParameter(
            f"没有 {era} 年版格式；可选：{'、'.join(ERAS)}", param_hint="--era"
        )
    eras = [era] if era else list(ERAS)
    if output is None:
        click.echo(schema_text(eras[-1]), nl=False)
        return
    if not output.is_dir():
        raise click.UsageError(f"{output}: 输出文件夹不存在")
    for name in eras:
        target = output / schema_filename(name)
        check_target(target, force=force)
        write_text_atomic(target, schema_text(name))
        click.echo(f"已导出 {target}")


@main.command("check-template")
@click.argument("template", type=_FILE)
@click.option("--era", help="按哪一版格式的数据检查变量，如 2021（默认：任一版格式）。")
def check_template_command(template: Path, era: str | None) -> None:
    """检查自定义的 .docx 模板：被 Word 拆开的标签、未知变量、不成对的 {% %} 块。

    每个问题都指出所在的段落。有错误时退出码为 1，只有警告时为 0。

    \b
    示例：
      reportkit check-template 我的模板.docx --era 2021
    """
    from reportkit.errors import Severity
    from reportkit.templatecheck import check_template

    issues = check_template(template, era)
    for issue in issues:
        click.echo(f"{template}: {issue}")
    errors = [i for i in issues if i.severity is Severity.ERROR]
    if errors:
        click.echo(f"{template}: 发现 {len(errors)} 处错误，请修改后再用于生成报告")
        raise click.exceptions.Exit(1)
    click.echo(f"{template}: 模板可以使用（{len(issues)} 个警告）")
