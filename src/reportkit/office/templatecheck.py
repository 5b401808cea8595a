"""``check-template``: find what would break a .docx template before anything is rendered.

An office customises the template in Word or WPS. Word may split a tag such as
``{{ b.title }}`` across several runs of differently formatted text, a clerk may
misspell a variable or delete one half of a ``{% if %} … {% endif %}`` pair, and a
template may try to reach Python internals. Each of these is reported with the
paragraph it is in, so the office can fix it where it sees it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document
from docx.text.paragraph import Paragraph

from reportkit import rendering
from reportkit.context import build_context
from reportkit.eras import Era, all_eras, get_era
from reportkit.eras.introspect import fields_by_alias
from reportkit.errors import Severity, UsageError
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


def _paragraphs(document: Document) -> Iterator[Paragraph]:
    """Every paragraph in reading order: body (tables included), then headers and footers."""
    body = document.element.body
    for element in body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
        yield Paragraph(element, document)
    for section in document.sections:
        for part in (
            section.header,
            section.footer,
            section.even_page_header,
            section.even_page_footer,
            section.first_page_header,
            section.first_page_footer,
        ):
            yield from part.paragraphs


def _excerpt(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 30 else text[:29] + "…"


def context_keys(era: Era) -> set[str]:
    """The variables the context of ``era`` offers a template (from a blank report of that era)."""
    blank: dict[str, object] = {"年度": era.years[0]}
    for key, (_name, info) in fields_by_alias(era.model).items():
        if info.is_required() and key not in blank:
            blank[key] = {}  # a required block, every figure in it still to fill
    return set(build_context(era.model.model_validate(blank)))


def check_template(path: Path, era: str | None = None) -> list[TemplateIssue]:
    """Every problem found in the template at ``path`` (checked against ``era``'s context)."""
    eras = [get_era(era)] if era is not None else all_eras()
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a file that is not a .docx
        raise UsageError(
            _("{path}: 不是可以打开的 .docx 文件（{reason}）").format(
                path=path, reason=type(exc).__name__
            )
        ) from None
    issues: list[TemplateIssue] = []
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
    issues += _unknown_variables(path, eras, where, explained=explained)
    return issues


def _unknown_variables(
    path: Path, eras: list[Era], where: dict[str, tuple[int, str]], *, explained: bool = False
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
