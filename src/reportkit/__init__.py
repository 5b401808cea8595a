"""reportkit: 政府信息公开工作年度报告 as code — data file → checked report → .docx.

The public API is small on purpose::

    import reportkit
    result = reportkit.validate("2017.yaml")       # every problem, placed by line
    report = reportkit.load("2017.yaml")           # the checked report (DataError if invalid)
    reportkit.render("2017.yaml", "2017.docx")     # the GB/T 9704 Word document
    schema = reportkit.export_schema("2007")       # JSON Schema for an office to hand out

Importing reportkit is cheap: pydantic, babel and docxtpl load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
) -> tuple[Path, list[Problem]]:
    """Render a data file to a .docx; returns the output path and the warnings.

    ``out`` defaults to the data file's name with ``.docx``. An existing output is
    only replaced with ``force``; nothing is written when the data has errors.
    """
    from pathlib import Path

    from reportkit.loading import check_file
    from reportkit.rendering import render_checked  # docxtpl is imported only here

    source = Path(data)
    target = Path(out) if out is not None else source.with_suffix(".docx")
    checked = check_file(source, draft=draft)
    render_checked(
        checked,
        target,
        template=Path(template) if template is not None else None,
        force=force,
        protect=(source,),
    )
    return target, checked.warnings


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
