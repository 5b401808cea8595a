"""Render data files to several outputs at once (``render --to docx,pdf``).

Each report's .docx is rendered into a staging folder first (in parallel, as a bulk render),
the PDFs of the whole batch are made by one LibreOffice process
(:func:`reportkit.publish.pdf.convert`), and then each report's outputs are moved in together:
all of them, or none (:func:`reportkit.outputs.output_group`). A report that fails is one line
in the result; the others are written.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from reportkit.errors import OutputError, ReportkitError
from reportkit.i18n import _
from reportkit.office.batch import Rendered, render_files

__all__ = ["FORMATS", "render_to"]

FORMATS = ("docx", "pdf")
"""The outputs ``render --to`` can make, each written with its name as the suffix."""


def targets(base: Path, formats: Sequence[str]) -> list[Path]:
    """The output files of one report: ``base`` with each format's suffix."""
    return [base.with_suffix(f".{name}") for name in formats]


def render_to(
    pairs: Sequence[tuple[Path, Path]],
    formats: Sequence[str],
    *,
    jobs: int,
    draft: bool = False,
    force: bool = False,
    template: Path | None = None,
    progress: Callable[[Rendered], None] | None = None,
) -> list[Rendered]:
    """Render each (data file, output name) pair to every format in ``formats``, in order.

    The output name's suffix is replaced by each format's. Outputs that exist are refused
    without ``force`` before any work; two inputs with the same output name: the second is
    refused.
    """
    from reportkit.outputs import check_target, output_group
    from reportkit.publish import pdf

    if "pdf" in formats:
        pdf.find_soffice()  # missing: said once, before any work
    outcomes: list[Rendered] = []
    owners: dict[Path, Path] = {}
    for source, base in pairs:
        names = targets(base, formats)
        outcome = Rendered(str(source), "、".join(str(n) for n in names))
        outcomes.append(outcome)
        owner = owners.setdefault(base.absolute(), source)
        try:
            if owner != source:
                raise OutputError(
                    _("{path}: 与 {other} 的输出文件同名，未生成").format(path=base, other=owner)
                )
            for name in names:
                if name.exists() and not force:
                    check_target(name, force=force)
        except ReportkitError as exc:
            outcome.error = str(exc)
    with tempfile.TemporaryDirectory(prefix="reportkit-render-") as folder:
        stage = Path(folder)
        todo = [(i, pair) for i, pair in enumerate(pairs) if outcomes[i].ok]
        staged = [(source, stage / f"{i}.docx") for i, (source, _base) in todo]
        rendered = render_files(staged, jobs=jobs, draft=draft, template=template, force=True)
        ready: list[int] = []
        for (i, _pair), result in zip(todo, rendered, strict=True):
            outcomes[i].warnings = result.warnings
            outcomes[i].error = result.error
            if result.ok:
                ready.append(i)
        pdfs: dict[int, Path] = {}
        if "pdf" in formats and ready:
            (stage / "pdf").mkdir()
            try:
                made = pdf.convert([stage / f"{i}.docx" for i in ready], stage / "pdf")
            except ReportkitError as exc:
                for i in ready:
                    outcomes[i].error = str(exc)
                ready = []
            else:
                pdfs = dict(zip(ready, made, strict=True))
        for i in ready:
            made_by = {"docx": stage / f"{i}.docx", "pdf": pdfs.get(i)}
            try:
                pairs[i][1].parent.mkdir(parents=True, exist_ok=True)
                with output_group(force=force) as group:  # this report's outputs, together
                    for kind, target in zip(formats, targets(pairs[i][1], formats), strict=True):
                        made_file = made_by[kind]
                        assert made_file is not None
                        group.write(target, made_file.read_bytes())
            except ReportkitError as exc:
                outcomes[i].error = str(exc)
            except OSError as exc:
                outcomes[i].error = _("{path}: 无法写入（{reason}）").format(
                    path=pairs[i][1], reason=exc.strerror
                )
    if progress is not None:
        for outcome in outcomes:
            progress(outcome)
    return outcomes
