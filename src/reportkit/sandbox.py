"""The Jinja environment every template renders in: sandboxed, autoescaped, strict, bounded.

A .docx template (:mod:`reportkit.rendering`) and the HTML page's templates
(:mod:`reportkit.publish.html`) both render here. The sandbox checks the time left at every
call, attribute, item, operator, loop step and piece of output, and caps repetition,
powers, widths and output (:class:`Limits`, raised by environment variables for a template
an office trusts). It needs nothing of .docx: a process that writes only web pages never
loads python-docx or docxtpl.
"""

from __future__ import annotations

import functools
import html
import itertools
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import markupsafe
from jinja2 import (
    StrictUndefined,
    Template,
    TemplateError,
    TemplateSyntaxError,
    UndefinedError,
    nodes,
)
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from reportkit.errors import TemplateProblem, UsageError
from reportkit.i18n import _

__all__ = ["Limits", "TemplateLimit", "make_environment", "template_problem"]

# --- the sandbox and its limits ----------------------------------------------------------------


_CONCAT_BATCH = 32
"""Output pieces joined between two looks at the output's size (:meth:`_Sandbox._concat`)."""

_CLOCK_EVERY = 32
"""Template steps between two looks at the clock (:meth:`_Sandbox.tick`)."""

_DICT_ATTRIBUTES = frozenset(dir(dict))
"""``x.items`` on a dict is its method for Jinja, never the item "items"."""


@dataclass(frozen=True)
class Limits:
    """What one template may cost: read from the environment, so that an office can raise them
    for a template it trusts (see README, 模板的资源上限)."""

    seconds: float = 60.0
    """Time to render one report (REPORTKIT_RENDER_SECONDS)."""
    template_mb: float = 64.0
    """The template's parts, inflated, from the zip directory (REPORTKIT_TEMPLATE_MB)."""
    output_mb: float = 64.0
    """The text one part of a report may grow to (REPORTKIT_OUTPUT_MB)."""
    size: int = 1_000_000
    """The largest width, count or repetition a template may ask for: 'x' * n, a list * n,
    a field width in a format, center(n), indent(n), slice(n)… (REPORTKIT_TEMPLATE_SIZE)."""
    power_bits: int = 4096
    """The largest result of ``**`` on whole numbers, in bits (about 1233 digits)."""

    @classmethod
    def from_environment(cls) -> Limits:
        values: dict[str, Any] = {}
        for name, variable, kind in (
            ("seconds", "REPORTKIT_RENDER_SECONDS", float),
            ("template_mb", "REPORTKIT_TEMPLATE_MB", float),
            ("output_mb", "REPORTKIT_OUTPUT_MB", float),
            ("size", "REPORTKIT_TEMPLATE_SIZE", int),
        ):
            text = os.environ.get(variable, "").strip()
            if not text:
                continue
            try:
                value = kind(text)
            except ValueError:
                value = -1
            if not value > 0 or value == float("inf"):
                raise UsageError(
                    _("环境变量 {name} 应为正数（现为 {value!r}）").format(
                        name=variable, value=text
                    )
                )
            values[name] = value
        return cls(**values)

    @property
    def template_bytes(self) -> int:
        return int(self.template_mb * 2**20)

    @property
    def output_chars(self) -> int:
        return int(self.output_mb * 2**20)


class TemplateLimit(TemplateError):
    """A template asked for more than :class:`Limits` allow; the message says which limit and
    how to raise it."""


def _over(message: str, variable: str) -> TemplateLimit:
    return TemplateLimit(
        message
        + _("（如确信模板可信，可设置环境变量 {variable} 放宽此上限，见 README）").format(
            variable=variable
        )
    )


_FORMAT_WIDTHS = re.compile(r"%[-#0 +]*(\d+)|%[-#0 +]*\d*\.(\d+)|\{[^{}]*:[^{}]*?(\d+)")
"""Field widths and precisions in a ``%`` or ``str.format`` format."""

_WHERE_CHARS = 60
"""How much of the paragraph an error happened in its message shows."""

_SIZED_FILTERS = ("batch", "center", "indent", "slice", "truncate", "wordwrap", "format")
"""Filters whose arguments (or, for ``format``, the format itself) say how much to make."""


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, bounded: every call, attribute, item, operator, loop step and piece of
    output checks the time left; repetition, powers, widths and output are capped (Limits)."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, limits: Limits) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined)
        self.limits = limits
        self.deadline = float("inf")
        self._countdown = 0
        for name in _SIZED_FILTERS:
            self.filters[name] = self._sized(self.filters[name])
        # Nothing a template renders may escape the autoescaping: a |safe value or a |urlize
        # link would put raw text in the XML, and one & would make the part unreadable.
        self.filters["safe"] = self.filters["urlize"] = markupsafe.escape
        self.filters["_bounded"] = self._bounded
        self.globals["range"] = self._range
        self.concat = self._concat  # type: ignore[method-assign]
        self.sources: dict[str, list[str]] = {}
        """Each compiled part's Jinja source, by line (:meth:`compile_part`, :meth:`where`)."""

    def start(self) -> None:
        """Start the clock for one report."""
        self.deadline = time.monotonic() + self.limits.seconds
        self._countdown = 0

    def tick(self) -> None:
        # The clock is read every _CLOCK_EVERY steps: each step is microseconds.
        self._countdown -= 1
        if self._countdown > 0:
            return
        self._countdown = _CLOCK_EVERY
        if time.monotonic() > self.deadline:
            self.deadline = float("inf")  # said once
            raise _over(
                _("生成一份报告超过了 {seconds:g} 秒的时间上限，模板中可能有过大的循环").format(
                    seconds=self.limits.seconds
                ),
                "REPORTKIT_RENDER_SECONDS",
            )

    def _size(self, n: object) -> None:
        if isinstance(n, int) and not isinstance(n, bool) and n > self.limits.size:
            raise _over(
                _("模板要求的长度或数量 {n} 超过了上限 {limit}").format(
                    n=n, limit=self.limits.size
                ),
                "REPORTKIT_TEMPLATE_SIZE",
            )

    def _format_widths(self, text: str) -> None:
        for match in _FORMAT_WIDTHS.finditer(text):
            self._size(int(next(g for g in match.groups() if g)))

    def _sized(self, function: Callable[..., Any]) -> Callable[..., Any]:
        skip = 2 if hasattr(function, "jinja_pass_arg") else 1  # the environment, the value
        formats = function.__name__ == "do_format"

        @functools.wraps(function)
        def sized(*args: Any, **kwargs: Any) -> Any:
            self.tick()
            if formats:  # "%5d"|format(n): the format says how wide, the values are data
                if args and isinstance(args[0], str):
                    self._format_widths(args[0])
            else:
                for value in (*args[skip:], *kwargs.values()):
                    self._size(value)
            return function(*args, **kwargs)

        return sized

    def _range(self, *args: Any) -> range:
        """Jinja's ``range``, as long as :attr:`Limits.size` allows (Jinja's own sandbox says
        "OverflowError: Range too big" in English, from 100000 on)."""
        numbers = range(*args)
        try:
            count = len(numbers)
        except OverflowError:  # more than the machine can count
            count = self.limits.size + 1
        if count > self.limits.size:
            raise _over(
                _("模板中的 range({args}) 超过了循环次数的上限 {limit}").format(
                    args=", ".join(str(a) for a in args), limit=self.limits.size
                ),
                "REPORTKIT_TEMPLATE_SIZE",
            )
        return numbers

    def compile_part(self, source: str, part: str) -> Template:
        """``source`` compiled as the text of the package's ``part`` (word/document.xml…):
        an error while it renders can say where it is (:meth:`where`)."""
        self.sources[part] = source.splitlines()
        code = self.compile(source, filename=part)
        return self.template_class.from_code(self, code, self.make_globals(None), None)

    def where(self, exc: BaseException) -> str:
        """Where in the template ``exc`` was raised: the part and the text of the paragraph
        (tags and all, as the template's author typed it), or "" when not known."""
        found: tuple[str, int] | None = None
        tb = exc.__traceback__
        while tb is not None:
            part = tb.tb_frame.f_code.co_filename
            if part in self.sources:
                found = (part, tb.tb_lineno)
            tb = tb.tb_next
        if found is None:
            return ""
        part, line = found
        lines = self.sources[part]
        if not 0 < line <= len(lines):
            return ""
        text = html.unescape(re.sub(r"<[^>]*>", "", lines[line - 1])).strip()
        if len(text) > _WHERE_CHARS:
            text = text[: _WHERE_CHARS - 1] + "…"
        return _("（出错处：模板的 {part}，“{text}”）").format(part=part, text=text)

    def _bounded(self, iterable: Any) -> Iterator[Any]:
        """Every ``{% for %}`` loop iterates through this: the clock is checked at each step."""
        for item in iterable:
            self.tick()
            yield item

    def _concat(self, pieces: Iterable[str]) -> str:
        out: list[str] = []
        total = 0
        limit = self.limits.output_chars
        iterator = iter(pieces)
        # Counted a few pieces at a time (each piece is bounded: sizes are checked as made).
        while batch := list(itertools.islice(iterator, _CONCAT_BATCH)):
            total += sum(map(len, batch))
            if total > limit:
                raise _over(
                    _("模板生成的内容超过了 {mb:g} MB 的上限").format(mb=self.limits.output_mb),
                    "REPORTKIT_OUTPUT_MB",
                )
            self.tick()
            out += batch
        return "".join(out)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self.tick()
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(n, int):
                    self._size(len(seq) * n)
        elif operator == "**":
            whole = isinstance(left, int) and isinstance(right, int) and right > 0
            if whole and abs(left).bit_length() * right > self.limits.power_bits and abs(left) > 1:
                raise _over(
                    _("乘方 {left} ** {right} 的结果过大").format(left=left, right=right),
                    "REPORTKIT_TEMPLATE_SIZE",
                )
        elif operator == "%" and isinstance(left, str):
            self._format_widths(left)
        return super().call_binop(context, operator, left, right)

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.tick()
        # A context is dicts: ``row.key`` is the item (what Jinja finds after the attribute
        # lookup fails, which costs an exception each time), unless dict has that attribute.
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.tick()
        return super().getitem(obj, argument)

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        self.tick()
        bound = getattr(getattr(obj, "__wrapped__", obj), "__self__", None)
        if isinstance(bound, str | bytes | list | tuple):  # 'x'.ljust(n), 'x'.format(…)…
            for value in (*args, *kwargs.values()):
                self._size(value)
            if isinstance(bound, str):
                self._format_widths(bound)
        return super().call(context, obj, *args, **kwargs)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for modifier in tree.find_all((nodes.EvalContextModifier, nodes.ScopedEvalContextModifier)):
            if any(option.key == "autoescape" for option in modifier.options):
                raise TemplateSyntaxError(
                    _("模板不能关闭自动转义（{% autoescape false %}）"), modifier.lineno
                )
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, "_bounded", [], [], None, None, lineno=loop.lineno)
        return tree


def make_environment(limits: Limits | None = None) -> SandboxedEnvironment:
    """The Jinja environment every template renders in: sandboxed, autoescaped, strict, and
    bounded by ``limits`` (by default those the environment variables set)."""
    return _Sandbox(limits if limits is not None else Limits.from_environment())


def template_problem(exc: TemplateError, where: str = "") -> TemplateProblem:
    """A Jinja error as a sentence for whoever wrote the template; ``where`` (the part and
    paragraph, :meth:`_Sandbox.where`) ends an error raised while it rendered."""
    if isinstance(exc, TemplateLimit):
        return TemplateProblem(str(exc) + where)
    if isinstance(exc, UndefinedError):
        return TemplateProblem(
            _("模板使用了数据中没有的变量：{error}").format(error=exc.message) + where
        )
    if isinstance(exc, SecurityError):
        return TemplateProblem(
            _("模板试图访问不允许访问的内容，已拒绝：{error}").format(error=exc) + where
        )
    line = getattr(exc, "lineno", None)
    if line:
        return TemplateProblem(
            _("模板有错误（第 {line} 行附近）：{error}").format(line=line, error=exc)
        )
    return TemplateProblem(_("模板有错误：{error}").format(error=exc))
