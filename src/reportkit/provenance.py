"""Which pack a data file was made from: the ``# reportkit-pack:`` line, and its warning.

A pack (:mod:`reportkit.office.pack`) is versioned by the JSON Schema it carries:
``2021-1a2b3c4d`` is the era and the first eight hex digits of the SHA-256 of that
era's schema. The blank data file in the pack carries the version in a comment line
near its top::

    # reportkit-pack: 2021-1a2b3c4d（reportkit 0.1.0）

A clerk fills in a copy of that file, so every submission says which pack it was
made from; ``validate`` (and ``check``) warn when that is not the current pack of
the file's era — the data format may have changed since. A comment, not a data
key, because the models refuse unknown keys and an older reportkit must still read
a newer pack's file. Files without the line (not made from a pack) get no warning.
"""

from __future__ import annotations

import functools
import hashlib
import re

from reportkit._version import __version__
from reportkit.errors import Problem, Severity
from reportkit.i18n import _
from reportkit.schemas import schema_text

__all__ = [
    "MARKER",
    "SUMMARY_MARKER",
    "made_by",
    "pack_line",
    "pack_problems",
    "pack_version",
    "reportkit_version",
    "summary_line",
]

MARKER = "reportkit-pack"
_LINE = re.compile(rf"^#\s*{MARKER}:\s*(\S+?)(?:（|\(|\s|$)", re.MULTILINE)
_HEAD = 4096
"""The marker is looked for in the file's first characters only (it is near the top)."""


SUMMARY_MARKER = "reportkit-summary"
_SUMMARY = re.compile(
    rf"^#\s*(?:{SUMMARY_MARKER}:|.*由 reportkit aggregate 生成)",  # the second: before the marker
    re.MULTILINE,
)


def summary_line(year: int, units: int) -> str:
    """The comment line that marks a data file written by ``aggregate`` (without the ``#``)."""
    return f"{SUMMARY_MARKER}: {year}（{units} 个单位，reportkit {reportkit_version()}）"


def made_by(text: str) -> str | None:
    """The reportkit command that wrote this data file, when it says so: ``"aggregate"`` for a
    summary (which ``aggregate`` never counts as a unit), else None."""
    return "aggregate" if _SUMMARY.search(text, 0, _HEAD) else None


def reportkit_version() -> str:
    return __version__


@functools.cache
def pack_version(era: str) -> str:
    """The current pack version of an era: ``2021-1a2b3c4d`` (era and schema digest)."""
    digest = hashlib.sha256(schema_text(era).encode("utf-8")).hexdigest()
    return f"{era}-{digest[:8]}"


def pack_line(era: str) -> str:
    """The comment line that records the pack a data file was made from."""
    return f"# {MARKER}: {pack_version(era)}（reportkit {reportkit_version()}）"


def pack_problems(text: str, era: str) -> list[Problem]:
    """A warning when the file was made from a pack other than the era's current one."""
    match = _LINE.search(text, 0, _HEAD)
    if match is None:
        return []
    made_from = match.group(1)
    current = pack_version(era)
    if made_from == current:
        return []
    line = text.count("\n", 0, match.start()) + 1
    return [
        Problem(
            _(
                "本文件由填报包 {made_from} 生成，当前 {era} 年版格式的填报包为 {current}："
                "数据格式可能已有变化，请向上级部门索取新的填报包，并按其中的空白文件核对各字段"
            ).format(made_from=made_from, era=era, current=current),
            severity=Severity.WARNING,
            line=line,
            column=1,
            code="old-pack",
        )
    ]
