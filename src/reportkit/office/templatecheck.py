"""``check-template``: find what would break a .docx template before anything is rendered.

An office customises the template in Word or WPS. Word may split a tag such as
``{{ b.title }}`` across several runs of differently formatted text, a clerk may
misspell a variable or delete one half of a ``{% if %} … {% endif %}`` pair, and a
template may try to reach Python internals. Each of these is reported with the
paragraph it is in, so the office can fix it where it sees it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from docx.text.paragraph import Paragraph
from lxml import etree

from reportkit import rendering
from reportkit.context import build_context
from reportkit.eras import Era, all_eras, get_era
from reportkit.eras.introspect import fields_by_alias
from reportkit.errors import Severity, TemplateProblem
from reportkit.i18n import _

__all__ = ["TemplateIssue", "check_template", "context_keys"]

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_OPEN = re.compile(r"^\{%-?\s*(?:p|tr|tc|r)?\s*(if|for)\b")
_CLOSE = re.compile(r"^\{%-?\s*(?:p|tr|tc|r)?\s*(endif|endfor)\b")
_MIDDLE = re.compile(r"^\{%-?\s*(?:p|tr|tc|r)?\s*(elif|else)\b")
_NAME = re.compile(r"\b([A-Za-z_][A-Za-z0-9_]*)\b")


@dataclass(frozen=True)
class TemplateIssue:
    """One problem in a template, placed by paragraph (1-based, in reading order)."""

    message: str
    paragraph: int | None = None
    excerpt: str = ""
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = _("第 {n} 段").format(n=self.paragraph) if self.paragraph else _("模板")
        if self.excerpt:
            where += f"（“{self.excerpt}”）"
        label = "" if self.severity is Severity.ERROR else _("警告：")
        return f"{where}: {label}{self.message}"


_P = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
_RENDERED_PARTS = ("header+xml", "footer+xml", "footnotes+xml")
"""The parts render fills in besides the body (every one in the package, as render does,
whether a section shows it or not)."""


def _paragraphs(document: Document) -> Iterator[Paragraph]:
    """Every paragraph in reading order: body (tables included), then every header, footer and
    footnote part of the package."""
    for element in document.element.body.iter(_P):
        yield Paragraph(element, document)
    for part in document.part.package.parts:
        if part.content_type.endswith(_RENDERED_PARTS):
            element = part.element if hasattr(part, "element") else etree.fromstring(part.blob)
            for paragraph in element.iter(_P):
                yield Paragraph(paragraph, document)


def _excerpt(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 30 else text[:29] + "…"


def blank_context(era: Era) -> dict[str, Any]:
    """The context of a blank report of ``era`` (every figure still to fill)."""
    blank: dict[str, object] = {"年度": era.years[0]}
    for key, (_name, info) in fields_by_alias(era.model).items():
        if info.is_required() and key not in blank:
            blank[key] = {}  # a required block, every figure in it still to fill
    return dict(build_context(era.model.model_validate(blank)))


def context_keys(era: Era) -> set[str]:
    """The variables the context of ``era`` offers a template (from a blank report of that era)."""
    return set(blank_context(era))


def check_template(path: Path, era: str | None = None) -> list[TemplateIssue]:
    """Every problem found in the template at ``path`` (checked against ``era``'s context).

    The package is checked first, as render checks it (zip, size, strict XML of every part,
    macros, external links, field codes); then every paragraph render fills in (body, headers,
    footers, footnotes); then the template is prepared and a blank report rendered with it,
    under the limits render applies (time, sizes), so what would fail at render fails here.
    """
    eras = [get_era(era)] if era is not None else all_eras()
    limits = rendering.Limits.from_environment()
    package = rendering.inspect_template(rendering.template_bytes(path), limits)
    issues = [
        TemplateIssue(i.message, severity=Severity.ERROR if i.error else Severity.WARNING)
        for i in package.issues
    ]
    if package.errors:
        return issues
    try:
        document = docx.Document(io.BytesIO(package.data))
    except Exception as exc:  # python-docx raises several kinds for a file that is not a .docx
        issues.append(
            TemplateIssue(
                _("不是可以打开的 .docx 文件（{reason}）").format(reason=type(exc).__name__)
            )
        )
        return issues
    stack: list[tuple[str, int, str]] = []
    where: dict[str, tuple[int, str]] = {}
    for number, paragraph in enumerate(_paragraphs(document), 1):
        text = paragraph.text
        excerpt = _excerpt(text)
        # A tag Word split across runs of different formatting.
        bounds, offset = [], 0
        for run in paragraph.runs:
            bounds.append((offset, offset + len(run.text)))
            offset += len(run.text)
        for match in _TAG.finditer(text):
            runs = [
                b for b in bounds if b[0] < match.end() and b[1] > match.start() and b[0] != b[1]
            ]
            if len(runs) > 1:
                issues.append(
                    TemplateIssue(
                        _(
                            "标签 {tag} 被 Word 拆成了 {n} 段格式不同的文字；"
                            "请选中整个标签，清除格式后重新输入"
                        ).format(tag=match.group(), n=len(runs)),
                        number,
                        excerpt,
                        Severity.WARNING,
                    )
                )
            tag = match.group()
            for name in _NAME.findall(tag):
                where.setdefault(name, (number, excerpt))
            if "__" in tag or re.search(r"\.\s*_", tag):
                issues.append(
                    TemplateIssue(
                        _("标签访问了以下划线开头的属性，渲染时会被拒绝"), number, excerpt
                    )
                )
            if opened := _OPEN.match(tag):
                stack.append((opened.group(1), number, excerpt))
            elif closed := _CLOSE.match(tag):
                want = closed.group(1)[3:]
                if not stack or stack[-1][0] != want:
                    issues.append(
                        TemplateIssue(
                            _("{tag} 没有对应的开头").format(tag=f"{{% {closed.group(1)} %}}"),
                            number,
                            excerpt,
                        )
                    )
                else:
                    stack.pop()
            elif (
                (middle := _MIDDLE.match(tag))
                and (not stack or stack[-1][0] != "if")
                and middle.group(1) == "elif"
            ):
                issues.append(TemplateIssue(_("{% elif %} 不在 {% if %} 之内"), number, excerpt))
        leftover = _TAG.sub("", text)
        if re.search(r"\{\{|\{%|\}\}|%\}", leftover):
            issues.append(
                TemplateIssue(
                    _("标签的开头和结尾不在同一段中（可能被回车分开了）"), number, excerpt
                )
            )
    for kind, number, excerpt in stack:
        issues.append(
            TemplateIssue(
                _("{tag} 没有对应的 {end}").format(tag=f"{{% {kind} %}}", end=f"{{% end{kind} %}}"),
                number,
                excerpt,
            )
        )
    # Misspelt variables are listed beside every other problem; only a template Jinja cannot
    # parse (an unbalanced block, reported above) keeps them from being looked for.
    explained = any(i.severity is Severity.ERROR for i in issues)
    issues += _unknown_variables(package.data, eras, where, explained=explained)
    if not any(i.severity is Severity.ERROR for i in issues):
        issues += _trial_render(package.data, eras, limits)
    return issues


def _trial_render(source: bytes, eras: list[Era], limits: rendering.Limits) -> list[TemplateIssue]:
    """What render would say of the template: prepared, then rendered with a blank report of
    each era whose variables it uses, within the same limits. A template meant for one era
    need not render with another's data: it is fine when one of ``eras`` renders it."""
    try:
        prepared = rendering.PreparedTemplate(source, limits)
        used = rendering.template_variables(source)
    except TemplateProblem as exc:
        return [TemplateIssue(str(exc))]
    failures: list[TemplateProblem] = []
    for era in eras:
        context = blank_context(era)
        if not used <= set(context):
            continue
        try:
            prepared.render(context, io.BytesIO())
        except TemplateProblem as exc:
            failures.append(exc)
        else:
            return []
    return [TemplateIssue(str(failures[0]))] if failures else []


def _unknown_variables(
    path: Path | bytes,
    eras: list[Era],
    where: dict[str, tuple[int, str]],
    *,
    explained: bool = False,
) -> list[TemplateIssue]:
    try:
        used = rendering.template_variables(path)
    except Exception as exc:  # a Jinja syntax error
        if explained:  # the errors already listed are why it does not parse: not said twice
            return []
        return [TemplateIssue(_("模板有语法错误：{error}").format(error=exc))]
    known = set().union(*(context_keys(e) for e in eras))
    issues = []
    for name in sorted(used - known):
        number, excerpt = where.get(name, (None, ""))
        issues.append(
            TemplateIssue(
                _("未知变量 {name}（数据中没有这一项）").format(name=name), number, excerpt
            )
        )
    return issues
