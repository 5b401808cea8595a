"""One error family for reportkit.

Every error a user can cause derives from :class:`ReportkitError`. Its ``str()``
is a sentence in Chinese that a clerk can act on, and ``exit_code`` is what the
command line exits with (1: bad data or a failed render, 2: wrong usage — the
convention click follows). The CLI translates these in one place.
"""

from __future__ import annotations

import errno
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from reportkit.i18n import N_, _

__all__ = [
    "ConversionError",
    "DataError",
    "Interrupted",
    "NotImportable",
    "OutputError",
    "PartialError",
    "Problem",
    "ProblemList",
    "ReportkitError",
    "Severity",
    "TemplateProblem",
    "UsageError",
    "format_path",
    "internal_error",
    "os_reason",
]

PathPart = str | int
"""One step into a data file: a mapping key (as written by the user) or a list index."""


class Severity(StrEnum):
    """How bad a problem is: an error blocks rendering, a warning does not."""

    ERROR = "错误"
    WARNING = "警告"


def format_path(path: Sequence[PathPart]) -> str:
    """Write a data path the way a clerk reads it: ``主动公开.分类[2].条数``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else part
    return out or _("（整个文件）")


_OS_REASONS = {
    errno.ENOENT: N_("不存在"),
    errno.ENOTDIR: N_("路径中有一级不是文件夹"),
    errno.EISDIR: N_("这是一个文件夹"),
    errno.EACCES: N_("没有权限"),
    errno.EPERM: N_("没有权限"),
    errno.ENAMETOOLONG: N_("文件名或路径过长"),
    errno.ELOOP: N_("符号链接循环指向自身"),
    errno.ENOSPC: N_("磁盘空间不足"),
    errno.EROFS: N_("文件系统是只读的"),
    errno.EEXIST: N_("已存在"),
    errno.EBUSY: N_("正被占用"),
    errno.EMFILE: N_("打开的文件过多"),
    errno.EIO: N_("读写出错（磁盘或网络故障）"),
}
if hasattr(errno, "EDQUOT"):  # pragma: no branch - not on Windows
    _OS_REASONS[errno.EDQUOT] = N_("超出了磁盘配额")


def os_reason(exc: OSError) -> str:
    """Why the system refused, in the user's language: the common causes in its words, any
    other as the system puts it (``strerror``, in the system's language)."""
    known = _OS_REASONS.get(exc.errno) if exc.errno is not None else None
    if known is not None:
        return _(known)
    return exc.strerror or str(exc)


def internal_error(exc: BaseException) -> str:
    """The sentence for a bug met while working on one file: the file fails, the run goes on."""
    return _("内部错误，请报告：{kind}: {message}").format(
        kind=type(exc).__name__, message=str(exc) or repr(exc)
    )


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in a data file, placed as precisely as known."""

    message: str
    path: tuple[PathPart, ...] = ()
    severity: Severity = Severity.ERROR
    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    code: str = "invalid"  # machine-readable kind, stable for --format json
    details: dict[str, object] = field(default_factory=dict, compare=False)
    acknowledged: str | None = None
    """The clerk's reason, when the data file acknowledges this warning (``已核实``)."""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        place = self.file or _("<数据>")
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        where = format_path(self.path) if self.path else ""
        if self.is_error:
            label = ""
        elif self.acknowledged is not None:
            label = _("已核实的警告（{reason}）：").format(reason=self.acknowledged)
        else:
            label = _("警告：")
        body = f"{where}: {label}{self.message}" if where else f"{label}{self.message}"
        return f"{place}: {body}"


class ProblemList:
    """Mixin for a result that carries ``problems``: its errors and its warnings."""

    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        """The warnings still open (those the data file acknowledges are left out)."""
        return [p for p in self.problems if not p.is_error and p.acknowledged is None]

    @property
    def acknowledged(self) -> list[Problem]:
        """The warnings the data file acknowledges, each with the clerk's reason."""
        return [p for p in self.problems if p.acknowledged is not None]


class ReportkitError(Exception):
    """Base of every error a user can cause; ``str()`` is an actionable sentence."""

    exit_code = 1


class UsageError(ReportkitError):
    """The command was called wrongly (a bad option, a missing file)."""

    exit_code = 2


class FileUnreadable(UsageError):
    """A file that cannot be read at all (missing, a folder, no permission, not a regular file).

    ``reason`` says why without the file's name, for a list that names the file already.
    """

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class OutputError(ReportkitError):
    """An output could not be written, or would overwrite something it must not."""


class PartialError(ReportkitError):
    """Some files could not be added up, and a summary leaving them out was not asked for."""


class Interrupted(ReportkitError):
    """The run was stopped by a signal (Ctrl-C: SIGINT, or SIGTERM); exits 128 + its number.

    ``results`` holds what was finished before the stop (None for the rest), in order.
    """

    def __init__(self, signum: int, results: Sequence[object] = ()) -> None:
        self.signum = signum
        self.results = list(results)
        self.exit_code = 128 + signum
        super().__init__(_("已中断（{signal}）").format(signal=_signal_name(signum)))


def _signal_name(signum: int) -> str:
    import signal

    if signum == signal.SIGINT:
        return "Ctrl-C"
    try:
        return signal.Signals(signum).name
    except ValueError:
        return str(signum)


class ConversionError(ReportkitError):
    """A rendered document could not be converted (PDF): the converter is missing or failed."""


class TemplateProblem(ReportkitError):
    """A .docx template could not be used to render (unknown variable, forbidden access…)."""


class DataError(ReportkitError):
    """A data file has errors; carries every problem found, warnings included."""

    def __init__(self, problems: Iterable[Problem], file: str | Path | None = None) -> None:
        self.problems = tuple(problems)
        self.file = str(file) if file is not None else None
        super().__init__(self._summary())

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    def _summary(self) -> str:
        lines = [str(p) for p in self.problems]
        count = len(self.errors)
        name = self.file or _("数据文件")
        lines.append(
            _("{name}: 发现 {count} 处错误，未生成任何文件。").format(name=name, count=count)
        )
        return "\n".join(lines)


class NotImportable(ReportkitError):
    """A file that ``import`` cannot read as a published report (an old .doc, a PDF without
    text, a truncated page, something that is no annual report)."""
