"""Context → .docx through docxtpl. The only module that imports docxtpl.

docxtpl's defaults are never used: every render gets a fresh ``DocxTemplate`` and
a sandboxed Jinja environment with autoescaping (so ``&`` and ``<`` in a clerk's
text survive) and ``StrictUndefined`` (so a misspelled variable fails loudly
instead of printing nothing).
"""

from __future__ import annotations

import importlib.resources
import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from reportkit.context import build_context
from reportkit.errors import TemplateProblem, UsageError
from reportkit.models import ReportBase
from reportkit.outputs import check_target, write_bytes_atomic

__all__ = [
    "default_template",
    "make_environment",
    "render_docx",
    "render_report",
    "template_variables",
    "write_docx",
]


def make_environment() -> SandboxedEnvironment:
    """The Jinja environment every template renders in: sandboxed, autoescaped, strict."""
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


def default_template(era: str) -> bytes:
    """The shipped .docx template of an era (read from inside the installed package)."""
    resource = importlib.resources.files("reportkit") / "templates" / f"era-{era}.docx"
    if not resource.is_file():
        raise UsageError(f"没有 {era} 年版格式的模板")
    return resource.read_bytes()


def _template_bytes(template: Path | bytes) -> bytes:
    if isinstance(template, bytes):
        return template
    if template.suffix.lower() != ".docx":
        raise UsageError(f"{template}: 模板应为 .docx 文件")
    try:
        return template.read_bytes()
    except OSError as exc:
        raise UsageError(f"{template}: 无法读取模板（{exc.strerror}）") from None


def template_variables(template: Path | bytes) -> set[str]:
    """The variables a template uses that it does not define itself."""
    tpl = DocxTemplate(io.BytesIO(_template_bytes(template)))
    return set(tpl.get_undeclared_template_variables(jinja_env=make_environment()))


def render_docx(context: Mapping[str, Any], template: Path | bytes, out: BinaryIO) -> None:
    """Render ``context`` into ``template`` and write the .docx to ``out``."""
    tpl = DocxTemplate(io.BytesIO(_template_bytes(template)))
    try:
        tpl.render(dict(context), jinja_env=make_environment(), autoescape=True)
    except UndefinedError as exc:
        raise TemplateProblem(f"模板使用了数据中没有的变量：{exc.message}") from None
    except SecurityError as exc:
        raise TemplateProblem(f"模板试图访问不允许访问的内容，已拒绝：{exc}") from None
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = f"（第 {line} 行附近）" if line else ""
        raise TemplateProblem(f"模板有错误{where}：{exc}") from None
    tpl.save(out)


def write_docx(context: Mapping[str, Any], template: Path | bytes, path: Path) -> None:
    """Render to ``path`` atomically: on any failure no file (nor a partial one) is left."""
    write_bytes_atomic(path, lambda handle: render_docx(context, template, handle))


def render_report(
    report: ReportBase,
    path: Path,
    *,
    template: Path | None = None,
    force: bool = False,
    protect: tuple[Path, ...] = (),
) -> None:
    """Render a checked report to ``path`` with the era's template (or ``template``)."""
    if path.suffix.lower() != ".docx":
        raise UsageError(f"{path}: 输出文件应以 .docx 结尾")
    check_target(path, force=force, protect=protect)
    source = template if template is not None else default_template(report.ERA)
    write_docx(build_context(report), source, path)
