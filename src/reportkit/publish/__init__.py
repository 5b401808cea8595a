"""A checked report → its published outputs: the table of formats, and the one way to write them.

Every format a report can be published in is one entry of :data:`FORMATS`: its name (what
``--to`` says), its file suffix and either its *producer*, a function from the report's one
template context (:func:`reportkit.context.build_context`, built once for all formats) to the
bytes of the file, or its *converter*, which makes the files of a whole batch at once from
another format's files (PDF from the .docx, by one LibreOffice process: :mod:`.pdf`). Adding a
format is one module beside this one and one entry here.

A converted format is made by staging: each report's other formats are written into a
temporary folder (:func:`staged_formats`), the batch is converted in one go
(:func:`convert_staged`), and each report's files are then moved in (:func:`deliver`). A
single report is a batch of one (:func:`publish_checked`); a bulk render stages all its
reports first (:func:`reportkit.office.batch.render_files`).

The outputs of one report are written together (:func:`reportkit.outputs.output_group`):
every file is produced into a temporary file first and moved in only when all are
produced, so a report never ends up with a new .html beside an old .docx.

Importing this module is cheap: docxtpl and Jinja load when a producer first runs.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportkit.errors import ConversionError, DataError, UsageError
from reportkit.i18n import _
from reportkit.outputs import Data, OutputGroup, check_suffix, check_target, output_group

if TYPE_CHECKING:
    from reportkit.eras.model import ReportBase
    from reportkit.errors import Problem
    from reportkit.loading import Checked

__all__ = [
    "DEFAULT_FORMATS",
    "FORMATS",
    "Job",
    "OutputFormat",
    "check_options",
    "check_outputs",
    "check_programs",
    "convert_staged",
    "deliver",
    "format_names",
    "outputs_for",
    "parse_formats",
    "publish_checked",
    "render_file",
    "staged_formats",
]


@dataclass(frozen=True)
class Job:
    """What a producer gets: one checked report, its template context, and the options."""

    report: ReportBase
    context: Mapping[str, Any]
    """The context every format is printed from (never recomputed per format)."""
    template: Path | None = None
    """A custom .docx template (``--template``), or None for the era's own."""
    fragment: bool = False
    """HTML: just the ``<article>``, for pasting into a portal's editor."""


Converter = Callable[
    [Sequence[Path], Path, Callable[[int], None] | None], list[Path | ConversionError]
]
"""How a converted format is made: (files, out folder, progress) → its files or errors."""


@dataclass(frozen=True)
class OutputFormat:
    """One format a report can be written in."""

    name: str
    """What ``--to`` says: ``docx``."""
    suffix: str
    """The output file's suffix: ``.docx``."""
    produce: Callable[[Job], Data] | None = None
    """The file's bytes (or a function writing them) for one report; None when converted."""
    made_from: str = ""
    """A converted format: the format whose files it is made from (``pdf``: ``docx``)."""
    convert: Converter | None = None
    """A converted format: the files of ``made_from`` of a whole batch (distinct names) → its
    own files in the folder given, in that order, all in one go; for a file it could not
    convert, the error saying why (that report fails, the others do not). The callback, when
    given, is told how many of its files exist so far each time that number grows."""
    needs: Callable[[], object] | None = None
    """What the format needs on this machine, checked once before any work (an error if
    missing): LibreOffice for PDF."""


def _docx(job: Job) -> Data:
    from reportkit.rendering import prepared_template  # docxtpl loads only here

    prepared = prepared_template(job.report.ERA, job.template)
    return lambda handle: prepared.render(job.context, handle)


def _html(job: Job) -> Data:
    from reportkit.publish.html import render_html

    return render_html(job.report, job.context, fragment=job.fragment).encode("utf-8")


def _pdf(
    documents: Sequence[Path], out_dir: Path, progress: Callable[[int], None] | None
) -> list[Path | ConversionError]:
    from reportkit.publish.pdf import convert

    return convert(documents, out_dir, progress)


def _soffice() -> object:
    from reportkit.publish.pdf import find_soffice

    return find_soffice()


FORMATS: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat("docx", ".docx", _docx),  # the GB/T 9704 Word document
        OutputFormat("html", ".html", _html),  # the page (or article) for a portal
        # the Word document as PDF, in free faces close to GB/T 9704's (LibreOffice)
        OutputFormat("pdf", ".pdf", made_from="docx", convert=_pdf, needs=_soffice),
    )
}
"""Every output format, by name, in the order ``--to`` lists them."""

DEFAULT_FORMATS: tuple[str, ...] = ("docx",)


def format_names() -> list[str]:
    """The names ``--to`` accepts."""
    return list(FORMATS)


def parse_formats(text: str) -> tuple[str, ...]:
    """``docx,html`` → ("docx", "html"): each name once, in the order given; UsageError naming
    an unknown format and the ones there are."""
    names: list[str] = []
    for part in text.split(","):
        name = part.strip().lower()
        if not name:
            continue
        if name not in FORMATS:
            raise UsageError(
                _(
                    "未知的输出格式 “{name}”；可用的格式：{formats}（可用逗号组合，如 docx,html）"
                ).format(name=part.strip(), formats=", ".join(FORMATS))
            )
        if name not in names:
            names.append(name)
    if not names:
        raise UsageError(
            _("请给出输出格式：{formats}（可用逗号组合，如 docx,html）").format(
                formats=", ".join(FORMATS)
            )
        )
    return tuple(names)


def outputs_for(target: Path, formats: Sequence[str]) -> dict[str, Path]:
    """Each format's output file: ``target`` with that format's suffix.

    ``target`` may end in any of the formats' suffixes (``-o 报告.docx`` with ``--to
    docx,html`` writes 报告.docx and 报告.html); another suffix is kept as part of the name
    only when it is no format's, so ``2023.v2`` gives 2023.v2.docx.
    """
    known = {f.suffix for f in FORMATS.values()}
    stem = target.with_suffix("") if target.suffix.lower() in known else target
    return {name: stem.with_name(stem.name + FORMATS[name].suffix) for name in formats}


def staged_formats(formats: Iterable[str]) -> tuple[str, ...]:
    """The formats a report is rendered in itself: ``formats`` without the converted ones,
    with the formats those are made from (docx,pdf → docx; html,pdf → html, docx)."""
    names = [name for name in formats if FORMATS[name].convert is None]
    for name in formats:
        source = FORMATS[name].made_from
        if source and source not in names:
            names.append(source)
    return tuple(names)


def convert_staged(
    staged: Sequence[Mapping[str, Path]],
    formats: Iterable[str],
    folder: Path,
    progress: Callable[[int], None] | None = None,
) -> list[dict[str, Path] | ConversionError]:
    """Each report's files in ``formats``: its staged files (format → file, names distinct
    across the batch) and the converted ones, each converted format made for the whole batch
    at once in a new sub-folder of ``folder`` (one LibreOffice process for all the PDFs).
    A report one of whose files could not be converted gets the error instead.

    ``progress``, when given, is told 0 as a format's conversion starts, then how many of
    its files exist so far, each time that number grows (hundreds of PDFs take minutes)."""
    files: list[dict[str, Path] | ConversionError] = [dict(each) for each in staged]
    for name in formats:
        convert = FORMATS[name].convert
        todo = [i for i, each in enumerate(files) if isinstance(each, dict)]
        if convert is None or not todo:
            continue
        out = folder / name
        out.mkdir()
        sources = []
        for i in todo:
            each = files[i]
            assert isinstance(each, dict)
            sources.append(each[FORMATS[name].made_from])
        if progress is not None:
            progress(0)
        for i, made in zip(todo, convert(sources, out, progress), strict=True):
            each = files[i]
            if isinstance(made, ConversionError):
                files[i] = made
            elif isinstance(each, dict):
                each[name] = made
    return files


def deliver(
    files: Mapping[str, Path],
    outputs: Mapping[str, Path],
    *,
    force: bool,
    protect: tuple[Path, ...] = (),
) -> None:
    """Copy one report's staged ``files`` to its ``outputs`` (format → file): all appear
    together, each whole, or none does."""
    check_outputs(outputs, force=force, protect=protect)
    with output_group(force=force) as group:
        for name, path in outputs.items():
            group.write(path, files[name].read_bytes())


def check_outputs(outputs: Mapping[str, Path], *, force: bool, protect: Iterable[Path]) -> None:
    """Refuse before any work: a wrong suffix, an existing file without ``force``, an input."""
    guarded = tuple(protect)
    for name, path in outputs.items():
        check_suffix(path, [FORMATS[name].suffix])
        check_target(path, force=force, protect=guarded)


def publish_checked(
    checked: Checked,
    outputs: Mapping[str, Path],
    *,
    template: Path | None = None,
    fragment: bool = False,
    force: bool = False,
    protect: tuple[Path, ...] = (),
    pending: list[OutputGroup] | None = None,
) -> None:
    """Write a checked data file in every format of ``outputs`` (format name → file).

    The one render path: a single ``render`` and a bulk render both come here. Nothing is
    written when the file has errors (DataError with every problem) or any output may not be
    written; the outputs appear together, each whole, or none does.

    ``pending`` (a bulk render): the outputs are written but not yet moved in; their group
    is added to ``pending``, for :func:`reportkit.outputs.commit_groups` with other
    reports'. A converted format (PDF) is always delivered here.
    """
    from reportkit.context import build_context

    report = checked.report
    if report is None or checked.data is None or checked.errors:
        raise DataError(checked.problems, checked.file)
    check_outputs(outputs, force=force, protect=protect)
    if staged_formats(outputs) != tuple(outputs):  # a converted format: a batch of one
        with tempfile.TemporaryDirectory(prefix="reportkit-render-") as folder:
            stage = Path(folder)
            staged = outputs_for(stage / "report", staged_formats(outputs))
            publish_checked(checked, staged, template=template, fragment=fragment, force=True)
            files = convert_staged([staged], outputs, stage)[0]
            if isinstance(files, ConversionError):
                raise files
            deliver(files, outputs, force=force, protect=protect)
        return
    job = Job(report, build_context(report, checked.data), template, fragment)
    with output_group(force=force, deferred=pending is not None) as group:
        for name, path in outputs.items():
            produce = FORMATS[name].produce
            assert produce is not None, name  # staged_formats: every format here has one
            group.write(path, produce(job))
    if pending is not None:
        pending.append(group)


def check_options(formats: Sequence[str], *, fragment: bool) -> None:
    """Before any work: UsageError for options that do not fit the formats asked for; the
    format's own error (ConversionError naming the package) when a program it needs is
    missing."""
    if fragment and "html" not in formats:
        raise UsageError(_("--fragment 只用于 HTML 输出，请同时给出 --to html"))
    check_programs(formats)


def check_programs(formats: Iterable[str]) -> None:
    """The error of the first format whose program is missing from this machine
    (ConversionError naming LibreOffice's package for PDF)."""
    for name in formats:
        needs = FORMATS[name].needs
        if needs is not None:
            needs()


def render_file(
    source: Path,
    out: Path | None = None,
    formats: Sequence[str] = DEFAULT_FORMATS,
    *,
    template: Path | None = None,
    fragment: bool = False,
    draft: bool = False,
    force: bool = False,
) -> tuple[dict[str, Path], list[Problem]]:
    """Check a data file and write it in each of ``formats``; the files written (by format)
    and the warnings.

    The outputs sit beside the data file with its name (2023.yaml → 2023.docx, 2023.html),
    or are named after ``out``, whose suffix must be that of one of ``formats``.
    """
    from reportkit.loading import check_file

    check_options(formats, fragment=fragment)
    if out is not None:
        check_suffix(out, [FORMATS[name].suffix for name in formats])
    outputs = outputs_for(out if out is not None else source.with_suffix(""), formats)
    checked = check_file(source, draft=draft)
    publish_checked(
        checked, outputs, template=template, fragment=fragment, force=force, protect=(source,)
    )
    return outputs, checked.warnings
