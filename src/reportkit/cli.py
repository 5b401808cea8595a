"""The ``reportkit`` command: a thin click layer over the core.

Every ReportkitError is translated here, in one place (:class:`_Group`): its
message goes to stderr and the process exits with the error's code. The core is
imported inside each command so that ``reportkit --help`` stays fast.

Messages are Chinese unless ``--lang en`` (or the locale) asks for English; the
language is set while the options are parsed, before any command runs. The help
texts below stay Chinese.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from reportkit import console
from reportkit.i18n import LANGUAGES, _, language_from_environment, set_language

if TYPE_CHECKING:
    from reportkit.errors import Interrupted

__all__ = ["main"]


class _Group(click.Group):
    """The top-level group: the single place where user errors become messages."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        # A command on one file imports pydantic, docxtpl and an era's models, allocating
        # hundreds of thousands of objects and freeing few: the cyclic collector, run every
        # few hundred allocations, would walk them over and over (a tenth of a single render).
        # It is paused while a command runs; the commands over many files turn it back on
        # (_many_files), since each file leaves a little cyclic garbage.
        enabled = gc.isenabled()
        gc.disable()
        try:
            with console.safe_output():  # nothing printed can restyle the terminal or crash
                return super().main(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    def invoke(self, ctx: click.Context) -> Any:
        from reportkit.errors import ReportkitError  # here, so that --help starts fast

        try:
            return super().invoke(ctx)
        except ReportkitError as exc:
            click.echo(str(exc), err=True)
            ctx.exit(exc.exit_code)


_FILE = click.Path(path_type=Path, dir_okay=False)


def _use_language(_ctx: click.Context, _param: click.Parameter, language: str) -> str:
    set_language(language)
    return language


# color=True: click must not strip escape sequences from what it prints (it does when the
# output is not a terminal); every one is shown escaped instead (console.SafeStream).
@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "color": True})
@click.version_option(package_name="reportkit", message="reportkit %(version)s")
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=language_from_environment,
    callback=_use_language,
    expose_value=False,
    is_eager=True,
    help="提示信息的语言：zh 中文，en 英文（默认按 REPORTKIT_LANG、LANG 等环境变量，否则中文）。",
)
def main() -> None:
    """政府信息公开工作年度报告：数据文件 → 校验 → Word 文档（GB/T 9704 版式）。

    \b
    填报单位：
      reportkit new --year 2023 -o 2023.yaml     生成待填写的数据文件
      reportkit validate 2023.yaml                校验数据
      reportkit render 2023.yaml                  生成 2023.docx
    上级部门：
      reportkit pack --era 2021 -o 填报包.zip     生成下发的填报包
      reportkit check 报送/                       批量校验
      reportkit aggregate 报送/ -o 汇总           汇总数据、生成 Excel
      reportkit render 报送/ -o 报告/             批量生成 Word 文档
      reportkit check-template 模板.docx          检查自定义模板
      reportkit schema -o 下发文件/               导出 JSON Schema
    """


def _many_files() -> None:
    """Before work over many files: the cyclic collector runs again (see _Group.main)."""
    gc.enable()


def _era_names() -> list[str]:
    from reportkit.eras import era_names  # here, so that --help starts fast

    return era_names()


class _EraOption(click.Option):
    """``--era`` whose help lists the eras, read from the registry when the help is shown."""

    @property
    def help(self) -> str:
        return f"格式版本：{'、'.join(_era_names())}。"

    @help.setter
    def help(self, _value: str | None) -> None:
        pass  # click.Option.__init__ sets it; the text is always the one above


def _print_problems(problems: list[Any]) -> None:
    for problem in problems:
        click.echo(str(problem), err=not problem.is_error)


@main.command()
@click.argument("files", nargs=-1, required=True, type=_FILE)
@click.option("--draft", is_flag=True, help="草稿：未填写的项目只给出警告。")
@click.option(
    "--previous", type=_FILE, help="上年的数据文件，用于比对（默认取文件中的“上年数据”）。"
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="输出格式：文字（给人看）或 JSON（给程序读，含每个问题的代码和严重程度）。",
)
def validate(files: tuple[Path, ...], draft: bool, previous: Path | None, fmt: str) -> None:
    """校验数据文件，列出每一处问题（文件:行:列: 字段: 问题）。

    全部通过时退出码为 0，有错误时为 1；警告不影响退出码。

    \b
    示例：
      reportkit validate examples/2017-shuanglong.yaml
    """
    from reportkit.loading import check_file

    if len(files) > 1:
        _many_files()
    failed = 0
    if fmt == "json":
        import json

        from reportkit import console

        results = [check_file(path, draft=draft, previous=previous) for path in files]
        click.echo(json.dumps(console.validate_json(results), ensure_ascii=False, indent=1))
        if any(not r.ok for r in results):
            raise click.exceptions.Exit(1)
        return
    for path in files:
        result = check_file(path, draft=draft, previous=previous)
        for problem in result.problems:
            click.echo(str(problem))
        if result.ok and result.report is not None:
            report = result.report
            click.echo(
                _("{path}: 校验通过（{era} 年版格式，{year} 年度，{warnings} 个警告）").format(
                    path=path, era=report.ERA, year=report.year, warnings=len(result.warnings)
                )
            )
        else:
            failed += 1
            click.echo(
                _("{path}: 发现 {errors} 处错误，{warnings} 个警告").format(
                    path=path, errors=len(result.errors), warnings=len(result.warnings)
                )
            )
    if failed:
        raise click.exceptions.Exit(1)


@main.command()
@click.argument("data", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="输出的 .docx 文件（默认与数据文件同名）；输入多个文件或文件夹时为输出文件夹。",
)
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖它。")
@click.option("--draft", is_flag=True, help="草稿：未填写的项目印为【待填写】，照样生成。")
@click.option("--template", type=_FILE, help="自定义的 .docx 模板（默认使用内置模板）。")
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), help="同时生成的进程数（默认为 CPU 核数）。"
)
def render(
    data: tuple[Path, ...],
    output: Path | None,
    force: bool,
    draft: bool,
    template: Path | None,
    jobs: int | None,
) -> None:
    """按数据文件生成 Word 报告（.docx），自动计算合计和占比。

    数据有错误时不生成任何文件；已存在的文件只有加 --force 才会覆盖。
    可一次给出多个文件或文件夹（其中的 .yaml/.yml 文件，含子文件夹）：并行生成，
    某个文件失败不影响其他文件，最后列出失败的文件（有失败时退出码为 1）。
    输出放在各数据文件旁边，或用 -o 放入一个文件夹（保留子文件夹结构）。

    \b
    示例：
      reportkit render examples/2017-shuanglong.yaml -o 2017.docx
      reportkit render 报送/ -o 报告/ -j 4
    """
    if len(data) == 1 and not data[0].is_dir():
        import reportkit

        if output is not None and output.is_dir():
            raise click.BadParameter(
                _("{path}: 这是一个文件夹，请给出输出文件名").format(path=output), param_hint="-o"
            )
        target, warnings = reportkit.render(
            data[0], output, template=template, draft=draft, force=force
        )
        _print_problems(warnings)
        click.echo(_("已生成 {path}").format(path=target))
        return
    _render_many(data, output, force=force, draft=draft, template=template, jobs=jobs)


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

    from reportkit.eras import era_for_year
    from reportkit.loading import load
    from reportkit.outputs import check_target, write_text_atomic
    from reportkit.scaffold import scaffold

    target = output if output is not None else Path(f"{year}.yaml")
    check_target(target, force=force, protect=(previous,) if previous else ())
    last = load(previous, draft=True)[0] if previous is not None else None
    era = era_for_year(year)
    schema = importlib.resources.files("reportkit") / "schema" / (era.schema if era else "")
    text = scaffold(
        year,
        previous=last,
        previous_path=previous,
        out_dir=target.resolve().parent,
        schema_path=Path(str(schema)).resolve() if era else None,
    )
    write_text_atomic(target, text)
    click.echo(_("已生成 {path}，请填写后运行 reportkit validate {path}").format(path=target))


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
    from reportkit.eras import get_era, unknown_era
    from reportkit.outputs import check_target, write_text_atomic
    from reportkit.schemas import schema_text

    if era is not None and era not in _era_names():
        raise click.BadParameter(unknown_era(era), param_hint="--era")
    eras = [era] if era else _era_names()
    if output is None:
        click.echo(schema_text(eras[-1]), nl=False)
        return
    if output.exists() and not output.is_dir():
        raise click.UsageError(_("{path}: 这是一个文件，不是文件夹").format(path=output))
    output.mkdir(parents=True, exist_ok=True)
    for name in eras:
        target = output / get_era(name).schema
        check_target(target, force=force)
        write_text_atomic(target, schema_text(name))
        click.echo(_("已导出 {path}").format(path=target))


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
    from reportkit.office.templatecheck import check_template

    issues = check_template(template, era)
    for issue in issues:
        click.echo(f"{template}: {issue}")
    errors = [i for i in issues if i.severity is Severity.ERROR]
    if errors:
        click.echo(
            _("{path}: 发现 {errors} 处错误，请修改后再用于生成报告").format(
                path=template, errors=len(errors)
            )
        )
        raise click.exceptions.Exit(1)
    click.echo(
        _("{path}: 模板可以使用（{warnings} 个警告）").format(path=template, warnings=len(issues))
    )


# --- many files at once: check, aggregate, bulk render, and the pack for units -------------


def _jobs(jobs: int | None) -> int:
    from reportkit.office.batch import default_jobs

    return jobs if jobs is not None else default_jobs()


def _render_many(
    data: tuple[Path, ...],
    output: Path | None,
    *,
    force: bool,
    draft: bool,
    template: Path | None,
    jobs: int | None,
) -> None:
    from reportkit.errors import Interrupted
    from reportkit.office import batch
    from reportkit.rendering import PreparedTemplate

    _many_files()
    sources = batch.collect(data)
    if output is not None:
        if output.exists() and not output.is_dir():
            raise click.BadParameter(
                _("{path}: 输入多个文件或文件夹时，-o 应为输出文件夹").format(path=output),
                param_hint="-o",
            )
        output.mkdir(parents=True, exist_ok=True)
    if template is not None:
        PreparedTemplate(template)  # a template that cannot be used fails once, here
    pairs = batch.plan_outputs(sources, output)
    try:
        with console.progress(len(pairs), _("生成")) as advance:
            results = batch.render_files(
                pairs,
                jobs=_jobs(jobs),
                draft=draft,
                force=force,
                template=template,
                progress=advance,
            )
    except Interrupted as stop:
        _report_interrupted(stop)
        raise
    failed = [r for r in results if not r.ok]
    for result in results:
        _print_problems(result.warnings)
        if result.ok:
            click.echo(_("已生成 {path}").format(path=result.target))
    for result in failed:
        click.echo(
            _("{path}: 未生成：\n{error}").format(path=result.source, error=result.error), err=True
        )
    done = len(results) - len(failed)
    click.echo(
        _("共 {total} 个数据文件：已生成 {done} 个，失败 {failed} 个").format(
            total=len(results), done=done, failed=len(failed)
        )
    )
    if failed:
        raise click.exceptions.Exit(1)


def _report_interrupted(stop: Interrupted) -> None:
    """What a stopped bulk render had finished: each report written, then the count."""
    from reportkit.office.batch import Rendered

    finished = [r for r in stop.results if isinstance(r, Rendered) and r.ok]
    for result in finished:
        click.echo(_("已生成 {path}").format(path=result.target))
    click.echo(
        _("共 {total} 个数据文件：中断前已生成 {done} 个，其余 {rest} 个未生成").format(
            total=len(stop.results), done=len(finished), rest=len(stop.results) - len(finished)
        ),
        err=True,
    )


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="输出格式：表格（给人看）或 JSON（给程序读）。",
)
@click.option("--only-errors", is_flag=True, help="表格中只列出有错误的文件。")
@click.option("--draft", is_flag=True, help="草稿：未填写的项目只给出警告。")
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), help="同时校验的进程数（默认为 CPU 核数）。"
)
def check(
    paths: tuple[Path, ...], fmt: str, only_errors: bool, draft: bool, jobs: int | None
) -> None:
    """校验多个数据文件或整个文件夹（含子文件夹中的 .yaml/.yml），列表显示每个文件的结果。

    不会因为一个文件有问题而停下：非 UTF-8 编码（如 GBK）、空文件、二进制文件、
    不是报告的文件都逐一列出原因。表格列出单位、年度、格式、错误数、警告数和状态，
    之后列出每个有错误的文件的问题。有任何文件有错误时退出码为 1。

    \b
    示例：
      reportkit check 报送/
      reportkit check 报送/ --format json > 校验结果.json
    """
    import json

    from reportkit.office import batch

    _many_files()
    sources = batch.collect(paths)
    with console.progress(len(sources), _("校验")) as advance:
        results = batch.check_files(
            [s.path for s in sources], jobs=_jobs(jobs), draft=draft, progress=advance
        )
    failed = [r for r in results if not r.ok]
    warned = [r for r in results if r.ok and r.warnings]
    if fmt == "json":
        click.echo(json.dumps(console.check_json(results), ensure_ascii=False, indent=1))
    else:
        shown = failed if only_errors else results
        rows = [
            [
                r.file,
                r.unit or "—",
                str(r.year) if r.year is not None else "—",
                r.era or "—",
                str(len(r.errors)),
                str(len(r.warnings)),
                r.status.text,
            ]
            for r in shown
        ]
        headers = [_("文件"), _("单位"), _("年度"), _("格式"), _("错误"), _("警告"), _("状态")]
        if rows:
            click.echo("\n".join(console.table(headers, rows)))
        if failed:
            click.echo("\n" + _("有错误的文件："))
            for result in failed:
                for problem in result.errors:
                    click.echo(str(problem))
        click.echo(
            "\n"
            + _(
                "共 {total} 个文件：{passed} 个通过（其中 {warned} 个有警告），{failed} 个有错误"
            ).format(
                total=len(results),
                passed=len(results) - len(failed),
                warned=len(warned),
                failed=len(failed),
            )
        )
    if failed:
        raise click.exceptions.Exit(1)


_LEVELS = [
    "省级人民政府",
    "市级人民政府",
    "县级人民政府",
    "乡镇",
    "街道",
    "省级部门",
    "市级部门",
    "县级部门",
    "其他",
]


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=Path("summary"),
    show_default=True,
    help="输出文件名（不含扩展名）：生成 <名>.yaml 和 <名>.xlsx。",
)
@click.option(
    "--year", type=click.IntRange(2008, 2100), help="汇总哪一年度（文件涉及多个年度时必填）。"
)
@click.option("--unit-name", help="汇总单位全称，如“某某县人民政府办公室”（默认留待填写）。")
@click.option("--short-name", help="汇总单位简称（默认同全称）。")
@click.option("--voice", help="报告中的自称，如“全县”“本地区”（默认“本地区”）。")
@click.option("--level", type=click.Choice(_LEVELS), help="汇总单位的层级（默认县级人民政府）。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖它。")
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), help="同时校验的进程数（默认为 CPU 核数）。"
)
def aggregate(
    paths: tuple[Path, ...],
    output: Path,
    year: int | None,
    unit_name: str | None,
    short_name: str | None,
    voice: str | None,
    level: str | None,
    force: bool,
    jobs: int | None,
) -> None:
    """汇总各单位同一年度的数据文件：生成本级的汇总数据文件和 Excel 工作簿。

    先逐个校验；有错误的文件、其他年度的文件、同一单位的重复文件不计入，并列出原因。
    各单位表格中的分项相加后，“总计”按同一套勾稽关系计算。汇总数据文件（.yaml）
    本身可以校验并用 reportkit render 生成本级报告（文字部分为【待填写：……】）；
    工作簿（.xlsx）每张表一个工作表，每个单位一行，最后一行为合计，另有校验结果。

    \b
    示例：
      reportkit aggregate 报送/ -o 2023汇总 --unit-name 某某县人民政府办公室
    """
    from reportkit.office import batch
    from reportkit.office.summary import Office, summarise
    from reportkit.office.workbook import write_workbook
    from reportkit.outputs import check_target, write_text_atomic

    for option, given in (("--unit-name", unit_name), ("--short-name", short_name)):
        if given is not None and not given.strip():
            raise click.BadParameter(
                _("不能是空白（现为“{value}”）").format(value=given), param_hint=option
            )
    _many_files()
    stem = output.with_suffix("") if output.suffix.lower() in (".yaml", ".yml", ".xlsx") else output
    data_file = stem.with_name(stem.name + ".yaml")
    book_file = stem.with_name(stem.name + ".xlsx")
    sources = batch.collect(paths)
    inputs = tuple(s.path for s in sources)
    check_target(data_file, force=force, protect=inputs)
    check_target(book_file, force=force, protect=inputs)
    with console.progress(len(sources), _("校验")) as advance:
        results = batch.check_files(
            [s.path for s in sources], jobs=_jobs(jobs), keep_data=True, progress=advance
        )
    office = Office(unit_name, short_name, voice, level)
    compilation = summarise(results, office=office, year=year, name=str(data_file))
    write_text_atomic(data_file, compilation.text)
    write_workbook(compilation, book_file)
    for excluded in compilation.excluded:
        click.echo(
            _("未计入 {file}：{reason}").format(file=excluded.check.file, reason=excluded.reason),
            err=True,
        )
    click.echo(
        _(
            "已汇总 {units} 个单位（{year} 年度，{era} 年版格式），未计入 {excluded} 个文件；"
            "已生成 {data} 和 {book}"
        ).format(
            units=len(compilation.included),
            year=compilation.year,
            era=compilation.era.name,
            excluded=len(compilation.excluded),
            data=data_file,
            book=book_file,
        )
    )


@main.command()
@click.option("--era", cls=_EraOption, required=True)
@click.option("--year", type=click.IntRange(2008, 2100), help="空白数据文件的年度（默认上一年）。")
@click.option(
    "-o", "--output", type=_FILE, help="输出的 .zip 文件（默认 reportkit-pack-<版本>.zip）。"
)
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖它。")
def pack(era: str, year: int | None, output: Path | None, force: bool) -> None:
    """生成下发给各单位的填报包（.zip）：JSON Schema、Word 模板、带注释的空白数据文件和填报说明。

    填报包带有版本号（格式版本和 Schema 的摘要，如 2021-1a2b3c4d），写在空白数据文件中
    “# reportkit-pack:” 一行；用旧填报包填写的文件在校验时会得到警告。

    \b
    示例：
      reportkit pack --era 2021 -o 填报包.zip
    """
    from reportkit.eras import unknown_era
    from reportkit.office.pack import build_pack
    from reportkit.outputs import check_target, write_bytes_atomic

    if era not in _era_names():
        raise click.BadParameter(unknown_era(era), param_hint="--era")
    archive, folder = build_pack(era, year)  # a year outside the era: UsageError (exit 2)
    target = output if output is not None else Path(f"{folder}.zip")
    check_target(target, force=force)
    write_bytes_atomic(target, archive)
    click.echo(_("已生成 {path}（填报包 {pack}）").format(path=target, pack=folder))
