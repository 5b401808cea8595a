"""The ``reportkit`` command: a thin click layer over the core.

Every ReportkitError is translated here, in one place (:class:`_Group`): its
message goes to stderr and the process exits with the error's code. The core is
imported inside each command so that ``reportkit --help`` stays fast.

Messages are Chinese unless ``--lang en`` (or the locale) asks for English; the
language is set before the command line is parsed, so click's own usage errors and
help headings follow it too (click's gettext is routed through reportkit.i18n). The
help texts below — each command's docstring and each option's ``help`` — are Chinese
message ids, shown in the user's language when the help is printed.
"""

from __future__ import annotations

import functools
import gc
import gettext
import inspect
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from reportkit import console
from reportkit.i18n import (
    LANGUAGES,
    N_,
    _,
    current_language,
    language_from_environment,
    library_gettext,
    library_ngettext,
    set_language,
)

if TYPE_CHECKING:
    from reportkit.errors import Interrupted

__all__ = ["help_texts", "main"]


def _route_click_messages() -> None:
    """click words its messages (No such option, Missing argument, Usage:, Try … for help)
    with ``gettext.gettext`` bound at import in each of its modules; they follow --lang."""
    for name, module in list(sys.modules.items()):
        if name != "click" and not name.startswith("click."):
            continue
        if vars(module).get("_") is gettext.gettext:
            setattr(module, "_", library_gettext)  # noqa: B010 - a module's private name
        if vars(module).get("ngettext") is gettext.ngettext:
            setattr(module, "ngettext", library_ngettext)  # noqa: B010


_route_click_messages()


def _asked_language(args: Sequence[str]) -> str | None:
    """The language ``--lang`` asks for on the command line, read before click parses it
    (so that a usage error in the same command line is already in that language)."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value = arg.partition("=")[2] if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        if value in LANGUAGES:
            return value
    return None


class _Translated(click.Command):
    """A command whose help (its docstring, a Chinese message id) is shown in the user's
    language, as is its --help option's."""

    _help: str | None

    @property
    def help(self) -> str | None:
        return _(inspect.cleandoc(self._help)) if self._help else self._help

    @help.setter
    def help(self, value: str | None) -> None:
        self._help = value

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _("显示此帮助并退出。")
        return option


class _Option(click.Option):
    """An option whose ``help`` (a Chinese message id) is shown in the user's language."""

    _help: str | None

    @property
    def help(self) -> str | None:
        return _(self._help) if self._help else self._help

    @help.setter
    def help(self, value: str | None) -> None:
        self._help = value


_option = functools.partial(click.option, cls=_Option)


class _Group(_Translated, click.Group):
    """The top-level group: the single place where user errors become messages."""

    command_class = _Translated

    def main(self, *args: Any, **kwargs: Any) -> Any:
        argv = kwargs.get("args", args[0] if args else None)
        argv = sys.argv[1:] if argv is None else list(argv)
        set_language(_asked_language(argv) or language_from_environment())
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
        except OSError as exc:
            if exc.filename is None:  # not a path the user gave: a bug, shown as such
                raise
            # A path the system refuses to look at (a name over 255 bytes, a link loop …),
            # met by a check that is not ours (pathlib's is_dir raises on these).
            from reportkit.errors import os_reason

            click.echo(
                _("{path}: 无法访问（{reason}）").format(path=exc.filename, reason=os_reason(exc)),
                err=True,
            )
            ctx.exit(1)


class _Path(click.Path):
    """click.Path whose messages name the kind of path (文件, 文件夹) in the language of the
    run: click words it when the command is defined, before --lang is known, so "Directory
    'x' 是文件" was half English."""

    @property
    def name(self) -> str:
        if self.file_okay and not self.dir_okay:
            return library_gettext("file")
        if self.dir_okay and not self.file_okay:
            return library_gettext("directory")
        return library_gettext("path")

    @name.setter
    def name(self, _value: str) -> None:  # click.Path.__init__ sets it: the property decides
        pass


_FILE = _Path(path_type=Path, dir_okay=False)


def _use_language(_ctx: click.Context, _param: click.Parameter, language: str) -> str:
    set_language(language)
    return language


# color=True: click must not strip escape sequences from what it prints (it does when the
# output is not a terminal); every one is shown escaped instead (console.SafeStream).
@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "color": True})
@click.version_option(
    package_name="reportkit",
    message="reportkit %(version)s",
    cls=_Option,
    help=N_("显示版本号并退出。"),
)
@_option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=current_language,  # as _Group.main set it from the command line or environment
    callback=_use_language,
    expose_value=False,
    is_eager=True,
    help=N_(
        "提示信息（包括命令行用法错误和帮助）的语言：zh 中文，en 英文"
        "（默认按 REPORTKIT_LANG、LANG 等环境变量，否则中文）。"
    ),
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
        return _("格式版本：{eras}。").format(eras=_("、").join(_era_names()))

    @help.setter
    def help(self, _value: str | None) -> None:
        pass  # click.Option.__init__ sets it; the text is always the one above


# click 8.5 makes ParamType generic; older clicks (>= 8.1 is allowed) cannot be subscripted.
class _Formats(click.ParamType):  # type: ignore[type-arg]
    """``--to docx,html``: output formats, each a name from the table of formats."""

    name = "formats"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[str, ...]:
        if isinstance(value, tuple):
            return value
        from reportkit.errors import UsageError
        from reportkit.publish import parse_formats

        try:
            return parse_formats(str(value))
        except UsageError as exc:
            self.fail(str(exc), param, ctx)


class _FormatsOption(click.Option):
    """``--to`` whose help lists the formats, read from the table of formats when shown."""

    @property
    def help(self) -> str:
        from reportkit.publish import format_names

        return _("输出格式：{formats}，可用逗号组合，如 docx,html（默认 docx）。").format(
            formats=_("、").join(format_names())
        )

    @help.setter
    def help(self, _value: str | None) -> None:
        pass  # click.Option.__init__ sets it; the text is always the one above


def _print_problems(problems: list[Any]) -> None:
    for problem in problems:
        click.echo(str(problem), err=not problem.is_error)


def _copied_threshold(help: str) -> Callable[[Any], Any]:
    """The --copied-threshold option (a percentage), with the command's own help."""
    return _option("--copied-threshold", type=click.IntRange(1, 100), help=help)


_COPIED_THRESHOLD = _copied_threshold(
    N_(
        "一段文字与上年报告重复的比例（%）超过此值时警告"
        "（默认取文件中的“上年参照.重复比例阈值”，否则 50）。"
    )
)
"""validate's and check's threshold of the copied-text warning."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=_FILE)
@_option("--draft", is_flag=True, help=N_("草稿：未填写的项目只给出警告。"))
@_option(
    "--previous",
    type=_FILE,
    help=N_("上年的数据文件，用于比对（默认取文件中的“上年数据”，其次“上年参照”）。"),
)
@_COPIED_THRESHOLD
@_option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help=N_("输出格式：文字（给人看）或 JSON（给程序读，含每个问题的代码和严重程度）。"),
)
def validate(
    files: tuple[Path, ...],
    draft: bool,
    previous: Path | None,
    copied_threshold: int | None,
    fmt: str,
) -> None:
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
        from reportkit import console

        results = [
            check_file(path, draft=draft, previous=previous, copied_threshold=copied_threshold)
            for path in files
        ]
        click.echo(console.dumps_json(console.validate_json(results)))
        if any(not r.ok for r in results):
            raise click.exceptions.Exit(1)
        return
    for path in files:
        result = check_file(path, draft=draft, previous=previous, copied_threshold=copied_threshold)
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
@click.argument("data", nargs=-1, required=True, type=_Path(path_type=Path))
@_option(
    "-o",
    "--output",
    type=_Path(path_type=Path),
    help=N_(
        "输出文件（.docx，或 --to 所选的 .html、.pdf；默认与数据文件同名，其他格式换扩展名）；"
        "输入多个文件或文件夹时为输出文件夹。"
    ),
)
@_option("--force", is_flag=True, help=N_("输出文件已存在时覆盖它。"))
@_option("--draft", is_flag=True, help=N_("草稿：未填写的项目印为【待填写】，照样生成。"))
@_option("--template", type=_FILE, help=N_("自定义的 .docx 模板（默认使用内置模板）。"))
@_option(
    "-j", "--jobs", type=click.IntRange(min=1), help=N_("同时生成的进程数（默认为 CPU 核数）。")
)
@click.option("--to", "formats", cls=_FormatsOption, type=_Formats(), default="docx")
@_option(
    "--fragment",
    is_flag=True,
    help=N_("HTML 只输出正文 <article>（不含页头和样式），便于粘贴到网站的编辑器中。"),
)
def render(
    data: tuple[Path, ...],
    output: Path | None,
    force: bool,
    draft: bool,
    template: Path | None,
    jobs: int | None,
    formats: tuple[str, ...],
    fragment: bool,
) -> None:
    """按数据文件生成 Word 报告（.docx），自动计算合计和占比。

    数据有错误时不生成任何文件；已存在的文件只有加 --force 才会覆盖。
    可一次给出多个文件或文件夹（其中的 .yaml/.yml 文件，含子文件夹）：并行生成，
    某个文件失败不影响其他文件，最后列出失败的文件（有失败时退出码为 1）。
    输出放在各数据文件旁边，或用 -o 放入一个文件夹（保留子文件夹结构）。
    --to 可同时生成几种格式（docx、html、pdf），一份报告的各个文件一起生成，
    任一失败则都不生成；HTML 可直接发布到政府网站，--fragment 只输出正文，
    便于粘贴到网站的编辑器中。PDF 由 LibreOffice 转换（公文字体换为相近的免费字体），
    一批报告只启动一次 LibreOffice。

    \b
    示例：
      reportkit render examples/2017-shuanglong.yaml -o 2017.docx
      reportkit render 2023.yaml --to docx,html
      reportkit render examples/2023-example-street.yaml --to docx,pdf
      reportkit render 报送/ -o 报告/ -j 4
    """
    from reportkit.publish import check_options

    check_options(formats, fragment=fragment)
    if len(data) == 1 and not data[0].is_dir():
        from reportkit.office.batch import interruptible
        from reportkit.publish import render_file

        if output is not None and output.is_dir():
            raise click.BadParameter(
                _("{path}: 这是一个文件夹，请给出输出文件名").format(path=output), param_hint="-o"
            )
        with interruptible(list):  # Ctrl-C, SIGTERM: the staging folder and LibreOffice go
            outputs, warnings = render_file(
                data[0],
                output,
                formats,
                template=template,
                fragment=fragment,
                draft=draft,
                force=force,
            )
        _print_problems(warnings)
        for target in outputs.values():
            click.echo(_("已生成 {path}").format(path=target))
        return
    _render_many(
        data,
        output,
        force=force,
        draft=draft,
        template=template,
        jobs=jobs,
        formats=formats,
        fragment=fragment,
    )


@main.command()
@_option("--year", type=click.IntRange(2008, 2100), required=True, help=N_("报告年度。"))
@_option(
    "--from", "previous", type=_FILE, help=N_("上年的数据文件：沿用单位、结构和文字，清空数字。")
)
@_option("-o", "--output", type=_FILE, help=N_("输出文件（默认 <年度>.yaml）。"))
@_option("--force", is_flag=True, help=N_("输出文件已存在时覆盖它。"))
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
    from reportkit.outputs import check_suffix, check_target, write_text_atomic
    from reportkit.scaffold import scaffold

    target = output if output is not None else Path(f"{year}.yaml")
    check_suffix(target, [".yaml", ".yml"])
    check_target(target, force=force, protect=(previous,) if previous else ())
    last = load(previous, draft=True)[0] if previous is not None else None
    if last is not None and previous is not None:
        import dataclasses

        from reportkit.yearonyear import check_year_order

        _print_problems(
            [
                dataclasses.replace(p, file=str(previous))
                for p in check_year_order(year, last.year, previous.name)
            ]
        )
    era = era_for_year(year)
    schema = importlib.resources.files("reportkit") / "schema" / (era.schema if era else "")
    text = scaffold(
        year,
        previous=last,
        out_dir=target.resolve().parent,
        schema_path=Path(str(schema)).resolve() if era else None,
    )
    write_text_atomic(target, text, force=force)
    click.echo(_("已生成 {path}，请填写后运行 reportkit validate {path}").format(path=target))


@main.command()
@_option("--era", help=N_("格式版本，如 2007（默认全部）。"))
@_option("-o", "--output", type=_Path(path_type=Path, file_okay=False), help=N_("输出文件夹。"))
@_option("--force", is_flag=True, help=N_("已存在的文件也覆盖。"))
def schema(era: str | None, output: Path | None, force: bool) -> None:
    """导出数据文件的 JSON Schema（字段的中文说明），供上级部门分发、编辑器自动补全和检查。

    不加 -o 时把一个格式版本的 Schema 打印到标准输出。

    \b
    示例：
      reportkit schema --era 2007 -o schema/
    """
    from reportkit.eras import get_era, unknown_era
    from reportkit.outputs import check_target, make_folder, output_group
    from reportkit.schemas import schema_text

    if era is not None and era not in _era_names():
        raise click.BadParameter(unknown_era(era), param_hint="--era")
    eras = [era] if era else _era_names()
    if output is None:
        click.echo(schema_text(eras[-1]), nl=False)
        return
    targets = [(output / get_era(name).schema, name) for name in eras]
    if output.is_dir():  # every target is checked before any is written
        for target, _name in targets:
            check_target(target, force=force)
    make_folder(output)
    with output_group(force=force) as group:  # all the files appear, or none
        for target, name in targets:
            group.write(target, schema_text(name).encode("utf-8"))
    for target, _name in targets:
        click.echo(_("已导出 {path}").format(path=target))


@main.command("check-template")
@click.argument("template", type=_FILE)
@_option("--era", help=N_("按哪一版格式的数据检查变量，如 2021（默认：任一版格式）。"))
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


def _skipped_notes(found: Any) -> None:
    """Say which special files in the folders were passed over (never opened)."""
    for passed in found.skipped:
        click.echo(f"{passed.path}: {passed.reason}", err=True)


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
    formats: tuple[str, ...] = ("docx",),
    fragment: bool = False,
) -> None:
    from reportkit.errors import Interrupted
    from reportkit.office import batch

    _many_files()
    found = batch.collect(data)
    _skipped_notes(found)
    if output is not None:
        if output.exists() and not output.is_dir():
            raise click.BadParameter(
                _("{path}: 输入多个文件或文件夹时，-o 应为输出文件夹").format(path=output),
                param_hint="-o",
            )
        from reportkit.outputs import make_folder

        make_folder(output)
    if template is not None:
        from reportkit.rendering import PreparedTemplate

        PreparedTemplate(template)  # a template that cannot be used fails once, here
    pairs = batch.plan_outputs(found.sources, output)
    try:
        with console.progress(len(pairs), _("生成")) as advance:

            def converting(done: int) -> None:  # the bar's second stage: the PDFs made so far
                if done == 0:
                    advance.restart(_("转换为 PDF"))
                advance.reached(done)

            results = batch.unreadable_renders(found) + batch.render_files(
                pairs,
                jobs=_jobs(jobs),
                draft=draft,
                force=force,
                template=template,
                formats=formats,
                fragment=fragment,
                progress=advance,
                staging=advance.reached,
                converting=converting,
            )
    except Interrupted as stop:
        _report_interrupted(stop)
        raise
    failed = [r for r in results if not r.ok]
    for result in results:
        _print_problems(result.warnings)
        for target in result.outputs:
            click.echo(_("已生成 {path}").format(path=target))
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
@click.argument("paths", nargs=-1, required=True, type=_Path(path_type=Path))
@_option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help=N_("输出格式：表格（给人看）或 JSON（给程序读）。"),
)
@_option("--only-errors", is_flag=True, help=N_("表格中只列出有错误的文件。"))
@_option("--draft", is_flag=True, help=N_("草稿：未填写的项目只给出警告。"))
@_COPIED_THRESHOLD
@_option(
    "-j", "--jobs", type=click.IntRange(min=1), help=N_("同时校验的进程数（默认为 CPU 核数）。")
)
def check(
    paths: tuple[Path, ...],
    fmt: str,
    only_errors: bool,
    draft: bool,
    copied_threshold: int | None,
    jobs: int | None,
) -> None:
    """校验多个数据文件或整个文件夹（含子文件夹中的 .yaml/.yml），列表显示每个文件的结果。

    不会因为一个文件有问题而停下：非 UTF-8 编码（如 GBK）、空文件、二进制文件、
    不是报告的文件都逐一列出原因。表格列出单位、年度、格式、错误数、警告数、状态和
    每个文件的第一条警告（行号:字段: 内容），之后列出每个有错误的文件的问题。
    有任何文件有错误时退出码为 1。

    \b
    示例：
      reportkit check 报送/
      reportkit check 报送/ --format json > 校验结果.json
    """

    from reportkit.office import batch

    _many_files()
    found = batch.collect(paths)
    _skipped_notes(found)
    with console.progress(len(found.sources), _("校验")) as advance:
        results = batch.unreadable_checks(found) + batch.check_files(
            [s.path for s in found.sources],
            jobs=_jobs(jobs),
            draft=draft,
            copied_threshold=copied_threshold,
            progress=advance,
        )
    failed = [r for r in results if not r.ok]
    warned = [r for r in results if r.ok and r.warnings]
    if fmt == "json":
        click.echo(console.dumps_json(console.check_json(results)))
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
                console.first_warning(r),
            ]
            for r in shown
        ]
        headers = [
            *(_("文件"), _("单位"), _("年度"), _("格式"), _("错误"), _("警告"), _("状态")),
            _("首个警告"),
        ]
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


_SUMMARY_OUTPUTS = ("yaml", "xlsx", "csv")
"""What aggregate can write: the summary data file, the workbook, the long table as CSV."""


def _summary_outputs(value: str) -> tuple[str, ...]:
    """``--to yaml,xlsx,csv`` → the outputs asked for, in that order."""
    asked = [part.strip().lower() for part in value.split(",") if part.strip()]
    unknown = [part for part in asked if part not in _SUMMARY_OUTPUTS]
    if unknown or not asked:
        raise click.BadParameter(
            _("{value}: 应为 {choices} 中的一个或几个，用逗号分隔").format(
                value=value, choices="、".join(_SUMMARY_OUTPUTS)
            ),
            param_hint="--to",
        )
    return tuple(kind for kind in _SUMMARY_OUTPUTS if kind in asked)


def _summary_stem(output: str) -> Path:
    """Where aggregate writes <stem>.yaml, <stem>.xlsx and <stem>.csv: ``-o`` a name, or a
    folder to put summary.* in."""
    import os

    from reportkit.errors import OutputError

    if not output.strip():
        raise click.BadParameter(
            _("输出文件名不能为空，请给出文件名（不含扩展名）或一个文件夹"), param_hint="-o"
        )
    path = Path(output)
    if path.is_dir() and path.resolve() == Path(path.resolve().anchor):
        raise click.BadParameter(
            _("{path}: 不能写入根文件夹，请给出文件名或另一个文件夹").format(path=path),
            param_hint="-o",
        )
    if path.is_dir() or output.endswith(("/", os.sep)):
        if not path.is_dir():
            raise OutputError(_("{path}: 输出文件夹不存在").format(path=path))
        return path / "summary"
    return (
        path.with_suffix("") if path.suffix.lower() in (".yaml", ".yml", ".xlsx", ".csv") else path
    )


@main.command()
@click.argument("paths", nargs=-1, required=True, type=_Path(path_type=Path))
@_option(
    "-o",
    "--output",
    default="summary",
    show_default=True,
    help=N_(
        "输出文件名（不含扩展名）：生成 <名>.yaml、<名>.xlsx 等（见 --to）；"
        "给出已有的文件夹时放入其中。"
    ),
)
@_option(
    "--to",
    "kinds",
    default="yaml,xlsx",
    show_default=True,
    help=N_(
        "生成哪些文件（用逗号分隔）：yaml 汇总数据文件，xlsx 工作簿，"
        "csv 明细长表（单位、表、行、列、值；UTF-8 带 BOM，Excel 可直接打开）。"
    ),
)
@_option(
    "--year", type=click.IntRange(2008, 2100), help=N_("汇总哪一年度（文件涉及多个年度时必填）。")
)
@_option("--unit-name", help=N_("汇总单位全称，如“某某县人民政府办公室”（默认留待填写）。"))
@_option("--short-name", help=N_("汇总单位简称（默认同全称）。"))
@_option("--voice", help=N_("报告中的自称，如“全县”“本地区”（默认“本地区”）。"))
@_option("--level", type=click.Choice(_LEVELS), help=N_("汇总单位的层级（默认县级人民政府）。"))
@_option(
    "--allow-partial",
    is_flag=True,
    help=N_(
        "有文件未能计入（有错误、年度不符、同一单位重复）时仍汇总其余文件；"
        "汇总文件和输出中列出未计入的文件和单位。不加此项时不生成汇总，退出码为 1。"
    ),
)
@_option("--force", is_flag=True, help=N_("输出文件已存在时覆盖它。"))
@_option(
    "-j", "--jobs", type=click.IntRange(min=1), help=N_("同时校验的进程数（默认为 CPU 核数）。")
)
def aggregate(
    paths: tuple[Path, ...],
    output: str,
    kinds: str,
    year: int | None,
    unit_name: str | None,
    short_name: str | None,
    voice: str | None,
    level: str | None,
    allow_partial: bool,
    force: bool,
    jobs: int | None,
) -> None:
    """汇总各单位同一年度的数据文件：生成本级的汇总数据文件和 Excel 工作簿。

    先逐个校验；有错误的文件、其他年度的文件、同一单位的重复文件不能计入：列出这些文件和
    原因，不生成汇总，退出码为 1。加 --allow-partial 时只汇总其余文件，汇总文件开头和输出中
    注明未计入的文件和单位。
    各单位表格中的分项相加后，“总计”按同一套勾稽关系计算。汇总数据文件（.yaml）
    是本级报告的草稿：把【待填写：……】换成本级的文字、填上成文日期后，即可校验并用
    reportkit render 生成本级报告；
    工作簿（.xlsx）：说明页（计入和未计入的文件及原因），按官方样式排版的表一、表二
    （先合计，再每个单位一张）和表三（每个单位一行），明细长表（供数据透视表），
    各单位新收、办结和主动公开数量的图表，以及校验结果。--to csv 另把明细长表
    写成 .csv。几个文件一起生成，任何一个失败时都不生成。

    \b
    示例：
      reportkit aggregate 报送/ -o 2023汇总 --unit-name 某某县人民政府办公室
      reportkit aggregate 报送/ -o 2023汇总 --to yaml,xlsx,csv
    """
    from reportkit.office import batch
    from reportkit.office.summary import Office, summarise
    from reportkit.office.workbook import write_long_csv, write_workbook
    from reportkit.outputs import check_target, output_group

    for option, given in (("--unit-name", unit_name), ("--short-name", short_name)):
        if given is not None and not given.strip():
            raise click.BadParameter(
                _("不能是空白（现为“{value}”）").format(value=given), param_hint=option
            )
    chosen = _summary_outputs(kinds)
    _many_files()
    stem = _summary_stem(output)
    targets = {kind: stem.with_name(f"{stem.name}.{kind}") for kind in chosen}
    data_file = stem.with_name(stem.name + ".yaml")
    found = batch.collect(paths)
    _skipped_notes(found)
    inputs = tuple(s.path for s in found.sources)
    for target in targets.values():
        check_target(target, force=force, protect=inputs)
    with console.progress(len(found.sources), _("校验")) as advance:
        results = batch.check_files(
            list(inputs), jobs=_jobs(jobs), keep_data=True, progress=advance
        )
    unreadable = batch.unreadable_checks(found) + [
        r for r in results if r.status is batch.Status.UNREADABLE
    ]
    if unreadable:  # a summary silently missing units would be wrong: none is written
        for result in unreadable:
            for problem in result.errors:
                click.echo(str(problem), err=True)
        click.echo(
            _("有 {count} 个文件或文件夹无法读取，未汇总；请检查权限后重试").format(
                count=len(unreadable)
            ),
            err=True,
        )
        raise click.exceptions.Exit(1)
    office = Office(unit_name, short_name, voice, level)
    compilation = summarise(
        results, office=office, year=year, name=str(data_file), allow_partial=allow_partial
    )
    skipped = [(str(passed.path), passed.reason) for passed in found.skipped]
    with output_group(force=force) as group:  # all appear, or none changes
        if "yaml" in targets:
            group.write(targets["yaml"], compilation.text.encode("utf-8"))
        if "xlsx" in targets:
            write_workbook(compilation, targets["xlsx"], group, skipped=skipped)
        if "csv" in targets:
            write_long_csv(compilation, targets["csv"], group)
    for excluded in compilation.excluded:
        click.echo(excluded.line, err=True)
    if compilation.missed:
        click.echo(
            _(
                "部分汇总（--allow-partial）：以上 {count} 个文件未计入，汇总不含这些单位的数字"
            ).format(count=len(compilation.missed)),
            err=True,
        )
    click.echo(
        _(
            "已汇总 {units} 个单位（{year} 年度，{era} 年版格式），未计入 {excluded} 个文件；"
            "已生成 {outputs}"
        ).format(
            units=len(compilation.included),
            year=compilation.year,
            era=compilation.era.name,
            excluded=len(compilation.excluded),
            outputs=_("、").join(str(target) for target in targets.values()),
        )
    )


@main.command("import")
@click.argument("report", type=_FILE)
@_option("-o", "--output", type=_FILE, help=N_("输出的数据文件（默认 <报告文件名>.yaml）。"))
@_option("--force", is_flag=True, help=N_("输出文件已存在时覆盖它。"))
def import_command(report: Path, output: Path | None, force: bool) -> None:
    """把已发布的年度报告（网页 .html、Word .docx、带文字层的 .pdf 或 .txt）读回数据文件。

    按标题识别年度和单位，按年度选择格式版本，按标题和表格的官方栏目名称找出各部分、
    各表格和文字；数字照原文录入，从不推算：原表空白的格留空待填（与印作 0 的格不同），
    无法归入的内容连同所在位置列在文件开头。每项后的注释说明它来自原文何处。

    \b
    示例：
      reportkit import 2023年报.html -o 2023.yaml
      reportkit validate --draft 2023.yaml
    """
    from reportkit.importing import import_report
    from reportkit.outputs import check_suffix, check_target, write_text_atomic

    target = output if output is not None else report.with_suffix(".yaml")
    check_suffix(target, [".yaml", ".yml"])
    check_target(target, force=force, protect=(report,))
    found, text = import_report(report)
    write_text_atomic(target, text, force=force)
    click.echo(_("已生成 {path}").format(path=target))
    if found.unplaced:
        click.echo(
            _("有 {n} 处内容未能归入，已列在文件开头，请核对").format(n=len(found.unplaced)),
            err=True,
        )
    click.echo(_("请运行 reportkit validate --draft {path} 查看待填写的项目").format(path=target))


def _audit_workbook(audits: Any, output: Path, *, force: bool, given: list[str]) -> None:
    from reportkit.office.auditbook import write_audit_workbook
    from reportkit.outputs import output_group

    with output_group(force=force) as group:
        write_audit_workbook(audits, output, group, given=given)
    click.echo(_("已生成 {path}").format(path=output), err=True)


@main.command()
@click.argument("reports", nargs=-1, required=True, type=_Path(path_type=Path))
@_option("--previous", type=_FILE, help=N_("上年发布的报告，用于比对照抄的文字和数字。"))
@_copied_threshold(N_("一段文字与上年报告重复的比例（%）超过此值时警告（默认 50）。"))
@_option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help=N_("输出格式：表格（给人看）或 JSON（给程序读）。"),
)
@_option(
    "-j", "--jobs", type=click.IntRange(min=1), help=N_("同时审查的进程数（默认为 CPU 核数）。")
)
@_option(
    "-o",
    "--output",
    type=_FILE,
    help=N_("另把审查结果写成 Excel 工作簿（.xlsx）：报告、问题两张可筛选排序的表和说明。"),
)
@_option("--force", is_flag=True, help=N_("输出文件已存在时覆盖它。"))
def audit(
    reports: tuple[Path, ...],
    previous: Path | None,
    copied_threshold: int | None,
    fmt: str,
    jobs: int | None,
    output: Path | None,
    force: bool,
) -> None:
    """审查已发布的年度报告（网页、Word、PDF 或文字）：读入后按发布的样子逐项核对。

    核对勾稽关系（应有数字的总计印为空白也算）、文中百分比与其数字（区分截断与算错、
    占比之和）、文中总数与表格、一级标题序号跳号或重复、另一版格式的标题和表格栏目、
    条例要求的部分、发布日期是否晚于期限、乡镇街道填报规章，给出 --previous 时还比对
    上年报告的照抄文字。每条结果写明在原文何处（第几段，或第几个表格第几行第几列）和
    两边的数字。文件夹中的每份报告列一行，最后是可排序的汇总（错误、警告、逾期、照抄）。
    多份报告由多个进程同时审查（-j，默认为 CPU 核数），列出的顺序与 -j 1 相同。
    有任何报告有错误或无法读取时退出码为 1。
    -o 另写一个 Excel 工作簿：“报告”表每份报告一行，“问题”表每条结果一行，都可筛选排序，
    “说明”表写明审查了什么、何时审查和各列、各代码的含义；文件已存在时须加 --force。

    \b
    示例：
      reportkit audit 2023年报.html --previous 2022年报.html
      reportkit audit 各乡镇年报/ --format json > 审查结果.json
      reportkit audit 各乡镇年报/ -j 2
      reportkit audit 各乡镇年报/ -o 审查结果.xlsx
    """
    from reportkit.office import audit as auditing

    paths = auditing.collect_reports(reports)
    if not paths:
        raise click.UsageError(_("没有找到可审查的报告（.html、.docx、.pdf、.txt）"))
    if previous is not None and len(paths) > 1:  # last year's report is one unit's
        raise click.UsageError(
            _("--previous 是一份报告的上年报告，只能与一份报告一起审查（这里有 {n} 份）").format(
                n=len(paths)
            )
        )
    if output is not None:
        from reportkit.outputs import check_suffix, check_target

        check_suffix(output, [".xlsx"])
        check_target(output, force=force, protect=tuple(paths))
    with console.progress(len(paths), _("审查")) as advance:
        audits = auditing.audit_files(
            paths,
            previous=previous,
            copied_threshold=copied_threshold,
            jobs=_jobs(jobs),
            progress=advance,
        )
    if output is not None:
        _audit_workbook(audits, output, force=force, given=[str(r) for r in reports])
    if fmt == "json":
        click.echo(console.dumps_json(console.audit_json(audits)))
    else:
        for a in audits:
            if a.failure is not None:
                click.echo(a.failure, err=True)
            for p in a.findings:
                where = str(p.details.get("where") or "")
                label = _("错误") if p.is_error else _("警告")
                click.echo(f"{a.file}: {where}: [{p.code}] {label}：{p.message}")
        rows = [
            [
                a.file,
                a.unit or "—",
                str(a.year) if a.year is not None else "—",
                a.era or "—",
                str(len(a.errors)) if a.failure is None else "—",
                str(len(a.warnings)) if a.failure is None else "—",
                _("是") if a.late else "",
                f"{a.copied}%" if a.copied is not None else "",
                str(a.unplaced) if a.unplaced else "",
                _("无法读取") if a.failure is not None else "",
            ]
            for a in audits
        ]
        headers = [_("文件"), _("单位"), _("年度"), _("格式"), _("错误"), _("警告")]
        headers += [_("逾期"), _("照抄"), _("未能归入"), _("备注")]
        click.echo("\n" + "\n".join(console.table(headers, rows)))
        click.echo(
            "\n"
            + _(
                "共 {total} 份报告：{failed} 份有错误，{unreadable} 份无法读取，"
                "{late} 份逾期，{copied} 份照抄上年"
            ).format(
                total=len(audits),
                failed=sum(1 for a in audits if a.errors),
                unreadable=sum(1 for a in audits if a.failure is not None),
                late=sum(1 for a in audits if a.late),
                copied=sum(1 for a in audits if a.copied is not None),
            )
        )
    if any(a.failed for a in audits):
        raise click.exceptions.Exit(1)


@main.command()
@click.option("--era", cls=_EraOption)
@_option(
    "--year",
    type=click.IntRange(2008, 2100),
    help=N_(
        "空白数据文件的年度（默认上一年）；不写 --era 时按年度选择格式版本（同 reportkit new）。"
    ),
)
@_option(
    "-o", "--output", type=_FILE, help=N_("输出的 .zip 文件（默认 reportkit-pack-<版本>.zip）。")
)
@_option("--force", is_flag=True, help=N_("输出文件已存在时覆盖它。"))
def pack(era: str | None, year: int | None, output: Path | None, force: bool) -> None:
    """生成下发给各单位的填报包（.zip）：JSON Schema、Word 模板、带注释的空白数据文件和填报说明。

    填报包带有版本号（格式版本和 Schema 的摘要，如 2021-1a2b3c4d），写在空白数据文件中
    “# reportkit-pack:” 一行；用旧填报包填写的文件在校验时会得到警告。只给 --year 时
    按年度选择格式版本（与 reportkit new 相同）。

    \b
    示例：
      reportkit pack --era 2021 -o 填报包.zip
      reportkit pack --year 2023 -o 2023填报包.zip
    """
    from reportkit.eras import unknown_era
    from reportkit.office.pack import build_pack
    from reportkit.outputs import check_suffix, check_target, write_bytes_atomic

    if era is not None and era not in _era_names():
        raise click.BadParameter(unknown_era(era), param_hint="--era")
    archive, folder = build_pack(era, year)  # a year outside the era: UsageError (exit 2)
    target = output if output is not None else Path(f"{folder}.zip")
    check_suffix(target, [".zip"])  # never a data file or a report replaced by a zip
    check_target(target, force=force)
    write_bytes_atomic(target, archive, force=force)
    click.echo(_("已生成 {path}（填报包 {pack}）").format(path=target, pack=folder))


def help_texts() -> list[str]:
    """Every command's help (its docstring) as the message id the catalogue translates."""
    commands = [main, *main.commands.values()]
    return [inspect.cleandoc(c._help) for c in commands if isinstance(c, _Translated) and c._help]
