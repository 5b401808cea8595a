"""What the command line shows: aligned text tables, a progress bar, JSON of check results.

Presentation only: no click here (the CLI wires the commands), nothing that checks or
renders. Output goes through the caller; the progress bar draws on stderr.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TextIO

from reportkit.characters import shown

__all__ = [
    "Bar",
    "SafeStream",
    "check_json",
    "dumps_json",
    "first_warning",
    "problem_json",
    "progress",
    "safe_output",
    "table",
    "validate_json",
]


class SafeStream(io.TextIOBase):
    """A text stream that prints anything given to it, safely.

    Control and format characters (terminal escape sequences, bidi overrides, zero-width
    spaces) from a submitted file are shown escaped (:func:`reportkit.characters.shown`);
    a character the console's encoding lacks (a GBK console on Chinese Windows, output
    redirected) is replaced, never an UnicodeEncodeError.
    """

    def __init__(self, raw: TextIO) -> None:
        super().__init__()
        self.raw = raw

    def write(self, text: str) -> int:
        if not isinstance(text, str):  # click asks whether bytes may be written: they may not
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        safe = shown(text)
        try:
            self.raw.write(safe)
        except UnicodeEncodeError:
            encoding = self.encoding or "ascii"
            self.raw.write(safe.encode(encoding, "replace").decode(encoding, "replace"))
        return len(text)

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def fileno(self) -> int:
        return self.raw.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.raw, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str:  # type: ignore[override]
        return "replace"


@contextlib.contextmanager
def safe_output() -> Iterator[None]:
    """While the block runs, sys.stdout and sys.stderr are :class:`SafeStream`s."""
    before = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)
    try:
        yield
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        sys.stdout, sys.stderr = before


def _raw(stream: TextIO) -> TextIO:
    """The stream under a SafeStream: the progress bar draws with escape sequences of its own."""
    return stream.raw if isinstance(stream, SafeStream) else stream


_LONG_RUN = 50
"""From this many files on, a progress bar shows on a terminal."""


class Bar:
    """What :func:`progress` yields: called with each finished file's result (one more done);
    :meth:`reached` says how many are done by another count (the PDFs made so far while
    LibreOffice converts a batch, whose results come only at its end). It shows the larger
    of the two, so the bar never goes back nor beyond the files there are; :meth:`restart`
    begins another stage of the same files (转换为 PDF after the .docx are made)."""

    def __init__(
        self,
        show: Callable[[int], None] | None = None,
        relabel: Callable[[str], None] | None = None,
    ) -> None:
        self._show = show
        self._relabel = relabel
        self._finished = 0
        self._reached = 0

    def restart(self, label: str) -> None:
        """The same files again, in a new stage shown as ``label``: counted from 0."""
        self._finished = self._reached = 0
        if self._relabel is not None:
            self._relabel(label)
        self._update()

    def __call__(self, _result: object) -> None:
        self._finished += 1
        self._update()

    def reached(self, done: int) -> None:
        """``done`` files are done, as far as another count knows."""
        self._reached = max(self._reached, done)
        self._update()

    @property
    def done(self) -> int:
        """How many the bar shows as done."""
        return max(self._finished, self._reached)

    def _update(self) -> None:
        if self._show is not None:
            self._show(self.done)


@contextlib.contextmanager
def progress(total: int, label: str) -> Iterator[Bar]:
    """A progress bar on stderr for long runs on a terminal; a no-op otherwise.

    It is redrawn by the caller's updates, never by a thread of its own, so worker
    processes can be forked safely while it shows.
    """
    if total < _LONG_RUN or not sys.stderr.isatty():
        yield Bar()
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = Progress(
        "[bold]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(file=_raw(sys.stderr)),
        auto_refresh=False,
        transient=True,
    )
    task = bar.add_task(escape(label), total=total)
    last = 0.0

    def relabel(new: str) -> None:
        bar.reset(task, total=total, description=escape(new))

    def show(done: int) -> None:
        nonlocal last
        bar.update(task, completed=min(done, total))
        now = time.monotonic()
        if now - last > 0.1:
            last = now
            bar.refresh()

    with bar:
        yield Bar(show, relabel)


def _width(text: str) -> int:
    """Columns a text takes on a terminal: Chinese characters take two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> Iterator[str]:
    """Lines of a plain text table, columns aligned (fast enough for tens of thousands of rows)."""
    widths = [_width(h) for h in headers]
    for row in rows:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], _width(value))

    def line(values: Sequence[str]) -> str:
        cells = [v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True)]
        return "  ".join(cells).rstrip()

    yield line(headers)
    yield "  ".join("-" * w for w in widths)
    for row in rows:
        yield line(row)


FIRST_WARNING_WIDTH = 60
"""Columns of the check table's first-warning cell: longer warnings end in an ellipsis."""


def _clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal columns, ending in … when cut."""
    if _width(text) <= width:
        return text
    out = ""
    for ch in text:
        if _width(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


def first_warning(result: Any, width: int = FIRST_WARNING_WIDTH) -> str:
    """The first open warning of a checked file, where it is and what it says (clipped to
    ``width`` columns), or "" when it has none."""
    from reportkit.errors import format_path

    warnings = result.warnings
    if not warnings:
        return ""
    p = warnings[0]
    where = format_path(p.path) if p.path else ""
    if p.line is not None:
        where = f"{p.line}:{where}" if where else str(p.line)
    return _clip(f"{where}: {p.message}" if where else p.message, width)


def problem_json(p: Any) -> dict[str, Any]:
    """One problem for a program to read: its stable code, severity, place and message."""
    from reportkit.errors import format_path

    return {
        "severity": "error" if p.is_error else "warning",
        "code": p.code,
        "message": p.message,
        "path": format_path(p.path) if p.path else None,
        "line": p.line,
        "column": p.column,
        "acknowledged": p.acknowledged is not None,
        "reason": p.acknowledged,
        "details": {
            k: v if isinstance(v, str | int | list) else str(v) for k, v in p.details.items()
        },
    }


def validate_json(results: Sequence[Any]) -> dict[str, Any]:
    """What ``validate --format json`` prints: each file's outcome and every problem."""
    return {
        "files": [
            {
                "file": r.file,
                "ok": r.ok,
                "era": r.report.ERA if r.report is not None else None,
                "year": r.report.year if r.report is not None else None,
                "errors": len(r.errors),
                "warnings": len(r.warnings),
                "acknowledged": len(r.acknowledged),
                "problems": [problem_json(p) for p in r.problems],
            }
            for r in results
        ]
    }


def check_json(results: Sequence[Any]) -> dict[str, Any]:
    """What ``check --format json`` prints: a summary, and each file's status and problems."""
    problem = problem_json
    return {
        "summary": {
            "files": len(results),
            "passed": sum(1 for r in results if r.ok),
            "with_warnings": sum(1 for r in results if r.ok and r.warnings),
            "with_errors": sum(1 for r in results if not r.ok),
        },
        "files": [
            {
                "file": r.file,
                "unit": r.unit,
                "year": r.year,
                "era": r.era,
                "status": r.status.name.lower(),
                "status_text": r.status.text,
                "errors": len(r.errors),
                "warnings": len(r.warnings),
                "acknowledged": len(r.acknowledged),
                "problems": [problem(p) for p in r.problems],
            }
            for r in results
        ],
    }


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps_json(value: Any) -> str:
    """JSON text that is valid UTF-8 whatever it holds: Chinese as itself, and a file name
    that is not UTF-8 (its bytes kept as lone surrogates by Python) as ``\\udcff`` escapes."""
    text = json.dumps(value, ensure_ascii=False, indent=1)
    # Lone surrogates occur only inside JSON strings, where an escape means the same.
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def audit_json(audits: Sequence[Any]) -> dict[str, Any]:
    """What ``audit --format json`` prints: a summary, and each report's line and findings."""
    return {
        "summary": {
            "reports": len(audits),
            "unreadable": sum(1 for a in audits if a.failure is not None),
            "with_errors": sum(1 for a in audits if a.errors),
            "late": sum(1 for a in audits if a.late),
            "copied": sum(1 for a in audits if a.copied is not None),
        },
        "reports": [
            {
                "file": a.file,
                "unit": a.unit,
                "level": a.level,
                "year": a.year,
                "era": a.era,
                "published": a.published.isoformat() if a.published else None,
                "deadline": a.deadline.isoformat() if a.deadline else None,
                "errors": len(a.errors),
                "warnings": len(a.warnings),
                "late": a.late,
                "copied": a.copied,
                "unplaced": a.unplaced,
                "failure": a.failure,
                "findings": [problem_json(p) for p in a.findings],
            }
            for a in audits
        ],
    }
