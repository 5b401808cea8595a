"""reportkit: 政府信息公开工作年度报告 as code — data file → checked report → .docx.

The public API is small on purpose::

    import reportkit
    result = reportkit.validate("2017.yaml")       # every problem, placed by line
    report = reportkit.load("2017.yaml")           # the checked report (DataError if invalid)
    reportkit.render("2017.yaml", "2017.docx")     # the GB/T 9704 Word document
    reportkit.render("2017.yaml", to="docx,html")  # and the page for the portal
    schema = reportkit.export_schema("2007")       # JSON Schema for an office to hand out

Importing reportkit is cheap: pydantic, babel and docxtpl load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence
    from os import PathLike
    from pathlib import Path

    from reportkit.eras.model import ReportBase
    from reportkit.errors import DataError, Problem, ReportkitError
    from reportkit.loading import Checked

from reportkit._version import __version__

__all__ = [
    "Checked",
    "DataError",
    "Problem",
    "ReportBase",
    "ReportkitError",
    "__version__",
    "export_schema",
    "load",
    "render",
    "validate",
]


def validate(
    path: str | PathLike[str], *, draft: bool = False, previous: str | PathLike[str] | None = None
) -> Checked:
    """Check a data file: the report (if one could be built) and every problem, placed."""
    from pathlib import Path

    from reportkit.loading import check_file

    return check_file(Path(path), draft=draft, previous=Path(previous) if previous else None)


def load(path: str | PathLike[str], *, draft: bool = False) -> ReportBase:
    """The checked report of a data file, totals computed; DataError if it has errors."""
    from pathlib import Path

    from reportkit.loading import load as _load

    report, _warnings = _load(Path(path), draft=draft)
    return report


def render(
    data: str | PathLike[str],
    out: str | PathLike[str] | None = None,
    *,
    template: str | PathLike[str] | None = None,
    draft: bool = False,
    force: bool = False,
    to: str | Sequence[str] = "docx",
    fragment: bool = False,
) -> tuple[Path, list[Problem]]:
    """Render a data file to a .docx (or each format of ``to``: "docx,html", ["docx", "html"]);
    returns the first output's path and the warnings.

    ``out`` defaults to the data file's name with the format's suffix; the other formats of
    ``to`` are written beside it under the same name. ``fragment``: the HTML is just the
    ``<article>``, for pasting into a portal's editor. An existing output is only replaced
    with ``force``; nothing is written when the data has errors, and the outputs of one
    report appear together or not at all.
    """
    from pathlib import Path

    from reportkit.publish import parse_formats, render_file

    formats = parse_formats(to if isinstance(to, str) else ",".join(to))
    outputs, warnings = render_file(
        Path(data),
        Path(out) if out is not None else None,
        formats,
        template=Path(template) if template is not None else None,
        fragment=fragment,
        draft=draft,
        force=force,
    )
    return outputs[formats[0]], warnings


def export_schema(era: str) -> dict[str, Any]:
    """The JSON Schema (Chinese titles and descriptions) of an era's data file."""
    from reportkit.schemas import schema_for

    return schema_for(era)


def __getattr__(name: str) -> Any:
    # Even the error classes load on first use: `reportkit --help` must start fast.
    if name in ("DataError", "Problem", "ReportkitError"):
        from reportkit import errors

        return getattr(errors, name)
    # The model and result classes load with pydantic, on first use.
    if name == "Checked":
        from reportkit.loading import Checked

        return Checked
    if name == "ReportBase":
        from reportkit.eras.model import ReportBase

        return ReportBase
    raise AttributeError(f"module 'reportkit' has no attribute {name!r}")
