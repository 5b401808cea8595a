"""The figures of issues 8 (item 6), 11 and 12, each beside its floor measured in the same run.

    python bench/bench.py -o docs/benchmarks.md          (what `make bench` runs: every figure)
    python bench/bench.py --quick                        (fewer files, to try things out)
    python bench/bench.py --only e,g                     (just the figures named)

It generates its own township data files (tests/townships.py: the 2023 example with
varied figures that still balance) in a temporary folder, and times each figure against
its floor (the targets are ratios to the floor, in TARGETS):

(a) bulk render, per report, in one process (check, context, render, write) against a
    precompiled template written straight to a zip: the era's template prepared once
    (reportkit.rendering.PreparedTemplate), each report's context computed beforehand,
    and only ``PreparedTemplate.render`` into a file timed: no loading, no checking.
    For context: docxtpl's own way (fresh DocxTemplate, render, save) for the same
    reports, and reportkit with 2 worker processes against 1;
(b) `reportkit check` of 38,000 files on 2 processes, against a bare script that reads
    each file with libyaml's C loader and validates it with pydantic on 2 processes;
(c) `reportkit render` of one example, whole process, against a bare script that loads
    the same YAML with the C loader and renders the same template with docxtpl;
(d) `reportkit --help` against `python -c "import click"` (and the bare interpreter);
(e) bulk render to HTML, per report, in one process (check, context, page, write) against
    the same Jinja templates rendered from each report's context computed beforehand
    (``render_html`` alone, templates compiled): the target is absolute, 5 ms a report
    (issue 11);
(f) `reportkit render --to pdf` of a batch of 20 reports, per document, against the floor of
    one bare `soffice --convert-to pdf` of the same 20 .docx (same font map, fresh profile):
    the target is absolute, seconds a document (issue 11);
(g) import + audit of one published HTML page, median of a bulk run in one process
    (``audit_file``: read, recognise, check, the published-report rules), against parsing the
    same pages with lxml alone (read the bytes, ``lxml.html.document_fromstring``); the pages
    are township reports rendered to HTML beforehand, not timed. The target is absolute,
    30 ms a report (issue 12). Also the same pages audited in bulk on 2 workers
    (``audit_files(jobs=2)``), wall-clock, and the 38,000 reports of a year of every township
    at that rate (≤ 10 minutes on 2 cores, issue 12).

Timed commands run as separate processes from the repository's root, alternating with
their floor so that both see the same machine load; the write-up names every file
relative to the repository. The package's bytecode is compiled first, as a wheel
install does (this workspace sets PYTHONDONTWRITEBYTECODE). Not part of `make test`:
the targets are for this benchmark, never for a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import io
import multiprocessing
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.townships import township_text  # noqa: E402

if TYPE_CHECKING:
    from reportkit.eras.model import ReportBase

PYTHON = sys.executable
REPORTKIT = str(Path(PYTHON).parent / "reportkit")
EXAMPLE = "examples/2023-example-street.yaml"
"""Relative to the repository's root, where every timed command runs."""
TEMPLATE = "src/reportkit/templates/era-2021.docx"

TARGETS = {"a": 1.2, "b": 1.1, "c": 1.3, "d": 1.5}
"""Issue 8, item 6: each figure at most this many times its floor."""
PDF_SECONDS = 0.6
"""Issue 11: a PDF batch at most this many seconds a document (its floor is about 0.5)."""
PDF_BATCH = 20
HTML_MS = 5.0
"""Issue 11: bulk render to HTML at most this many milliseconds a report."""
AUDIT_MS = 30.0
"""Issue 12: import + audit of one HTML page at most this many milliseconds (median)."""
COUNTRY_TOWNSHIPS = 38_000
COUNTRY_MINUTES = 10.0
"""Issue 12: a year of every township's report audited in at most this many minutes (2 cores)."""
FIGURES = "aefgcdb"
"""Every figure, in the order a run measures them (b, the longest, last)."""


@dataclass
class Timing:
    """Several runs of one thing: seconds each."""

    runs: list[float]

    @property
    def min(self) -> float:
        return min(self.runs)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def max(self) -> float:
        return max(self.runs)

    def show(self, unit: str = "ms", per: int = 1) -> str:
        scale = {"ms": 1000.0, "s": 1.0}[unit]
        values = [v * scale / per for v in (self.min, self.median, self.max)]
        digits = 1 if unit == "ms" else 2
        return " / ".join(f"{v:.{digits}f}" for v in values) + f" {unit}"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONWARNINGS"] = "ignore"
    return env


def _run(command: Sequence[str]) -> float:
    """Wall-clock seconds of one process run from the repository's root (its output
    discarded). Every file the benchmark gives is valid: any exit but 0 is fatal."""
    start = time.perf_counter()
    done = subprocess.run(
        command, cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr.decode()}")
    return elapsed


def _shown(command: Sequence[str], tmp: Path) -> str:
    """A command as the write-up prints it: ``python``, ``reportkit``, paths relative to the
    repository, and a temporary file by its name alone (no path of this machine)."""
    words = []
    for word in command:
        if word == PYTHON:
            words.append("python")
        elif word == REPORTKIT:
            words.append("reportkit")
        elif word.startswith(str(tmp)):
            words.append(Path(word).name)
        elif word.startswith(str(ROOT) + os.sep):
            words.append(Path(word).relative_to(ROOT).as_posix())
        else:
            words.append(word)
    return " ".join(words)


def _verdict(ratio: float, target: str) -> str:
    """``1.23× floor, met`` (or ``not met``) against the target ratio of figure ``target``."""
    return f"{ratio:.2f}× floor, {'met' if ratio <= TARGETS[target] else 'not met'}"


def _alternate(
    runs: int, first: Callable[[], float], second: Callable[[], float]
) -> tuple[Timing, Timing]:
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):
        a.append(first())
        b.append(second())
    return Timing(a), Timing(b)


# --- data ---------------------------------------------------------------------------------


def _write_one(job: tuple[int, str]) -> None:
    i, folder = job
    sub = Path(folder) / f"county-{i // 500:03d}"
    sub.mkdir(parents=True, exist_ok=True)
    (sub / f"town-{i:05d}.yaml").write_text(township_text(i), encoding="utf-8")


def generate(folder: Path, count: int) -> Path:
    """``count`` township files in county sub-folders of ``folder``, written by 2 processes."""
    folder.mkdir(parents=True)
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(_write_one, [(i, str(folder)) for i in range(count)], chunksize=200)
    return folder


# --- (a) bulk render --------------------------------------------------------------------------


def _docxtpl_per_report(files: list[Path], out: Path) -> float:
    """docxtpl's own way, with everything reportkit computes given to it: seconds a report."""
    from docxtpl import DocxTemplate

    from reportkit.context import build_context
    from reportkit.loading import load
    from reportkit.rendering import default_template, make_environment

    template = default_template("2021")
    contexts = [build_context(load(path)[0]) for path in files]
    start = time.perf_counter()
    for i, context in enumerate(contexts):
        tpl = DocxTemplate(io.BytesIO(template))
        tpl.render(context, jinja_env=make_environment(), autoescape=True)
        tpl.save(str(out / f"docxtpl-{i}.docx"))
    return (time.perf_counter() - start) / len(contexts)


def _contexts(files: list[Path]) -> list[tuple[ReportBase, dict[str, Any]]]:
    """What reportkit computes for each file, for the templates: its report and context."""
    from reportkit.context import build_context
    from reportkit.loading import check_file

    contexts = []
    for path in files:
        checked = check_file(path)
        assert checked.ok and checked.report is not None, checked.problems[:3]
        contexts.append((checked.report, build_context(checked.report, checked.data)))
    return contexts


def _precompiled_per_report(contexts: list[dict[str, Any]], out: Path) -> tuple[float, float]:
    """The floor of (a): a precompiled template written straight to a zip. The template is
    prepared and the contexts computed beforehand; timed is only ``PreparedTemplate.render``
    of each context, into a file of its own and into memory: seconds a report, each way."""
    from reportkit.rendering import PreparedTemplate, default_template

    prepared = PreparedTemplate(default_template("2021"))
    start = time.perf_counter()
    for i, context in enumerate(contexts):
        with (out / f"floor-{i}.docx").open("wb") as handle:
            prepared.render(context, handle)
    to_files = (time.perf_counter() - start) / len(contexts)
    start = time.perf_counter()
    for context in contexts:
        prepared.render(context, io.BytesIO())
    in_memory = (time.perf_counter() - start) / len(contexts)
    return to_files, in_memory


def _reportkit_bulk(
    folder: Path, out: Path, jobs: int, formats: tuple[str, ...] = ("docx",)
) -> float:
    """reportkit's bulk render in this process (jobs=1) or over workers: seconds in all.

    Each run writes into a new folder under ``out`` (the caller removes ``out`` when its
    figure is done). Removing the last run's 300 files just before the next run writes 300
    more made each new file cost up to 1 ms to create on ext4 (the file system passing over
    the inodes it has just freed), more with every round: a cost of the benchmark's own
    clean-up, which an office rendering into its folder does not pay.
    """
    from reportkit import rendering
    from reportkit.office import batch
    from reportkit.publish import html

    # each run prepares its templates itself, as a fresh process does
    rendering._PREPARED.clear()
    for cached in (html._templates, html._printed_layouts, html.layouts):
        cached.cache_clear()
    out.mkdir(parents=True, exist_ok=True)
    out = Path(tempfile.mkdtemp(prefix="run-", dir=out))
    pairs = batch.plan_outputs(batch.collect([folder]).sources, out)
    start = time.perf_counter()
    results = batch.render_files(pairs, jobs=jobs, formats=formats)
    elapsed = time.perf_counter() - start
    assert all(r.ok for r in results), [r.error for r in results if not r.ok][:3]
    return elapsed


def _html_floor(contexts: list[tuple[ReportBase, dict[str, Any]]]) -> float:
    """The floor of (e): the HTML templates (compiled beforehand) rendered from each report's
    ready context, nothing written: seconds a report."""
    from reportkit.publish.html import render_html

    render_html(*contexts[0])  # templates compiled, the era's markup printed: not timed
    start = time.perf_counter()
    for report, context in contexts:
        render_html(report, context)
    return (time.perf_counter() - start) / len(contexts)


def _audit_median(pages: list[Path]) -> float:
    """(g): ``audit_file`` of each page in turn, in this process: the median seconds a page."""
    from reportkit.office.audit import audit_file

    times = []
    for page in pages:
        start = time.perf_counter()
        audited = audit_file(page)
        times.append(time.perf_counter() - start)
        assert audited.failure is None, audited.failure
    return statistics.median(times)


def _audit_bulk(pages: list[Path], jobs: int) -> float:
    """(g) in bulk as an office runs it: ``audit_files`` of every page over ``jobs`` workers,
    wall-clock seconds in all."""
    from reportkit.office.audit import audit_files

    start = time.perf_counter()
    audited = audit_files(pages, jobs=jobs)
    elapsed = time.perf_counter() - start
    assert all(a.failure is None for a in audited), [a.failure for a in audited][:3]
    return elapsed


def _lxml_median(pages: list[Path]) -> float:
    """The floor of (g): each page read and parsed by lxml alone: the median seconds a page."""
    from lxml import html

    times = []
    for page in pages:
        start = time.perf_counter()
        html.document_fromstring(page.read_bytes())
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _pdf_batch(tmp: Path, runs: int) -> tuple[str, str, str, str, str, str]:
    """(f): `reportkit render --to pdf` of PDF_BATCH reports, against one bare soffice."""
    from reportkit.publish.pdf import font_map

    folder = generate(tmp / "pdf-in", PDF_BATCH)
    docx = tmp / "pdf-docx"
    _run([REPORTKIT, "render", str(folder), "-o", str(docx), "-j", "2"])
    documents = sorted(str(p) for p in docx.rglob("*.docx"))
    out = tmp / "pdf-out"

    def ours() -> float:
        shutil.rmtree(out, ignore_errors=True)
        return _run([REPORTKIT, "render", str(folder), "-o", str(out), "--to", "pdf", "-j", "2"])

    def bare() -> float:
        with tempfile.TemporaryDirectory() as profile, font_map() as fonts:
            command = [
                "soffice",
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp / "pdf-bare"),
                *documents,
            ]
            start = time.perf_counter()
            subprocess.run(
                command,
                env={**_env(), "FONTCONFIG_FILE": str(fonts)},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=True,
            )
            return time.perf_counter() - start

    mine, floor = _alternate(runs, ours, bare)
    per = mine.median / PDF_BATCH
    met = "met" if per <= PDF_SECONDS else "not met"
    return (
        f"(f) `reportkit render --to pdf`, a batch of {PDF_BATCH}, per document",
        f"≤ {PDF_SECONDS} s a document (floor about 0.5 s)",
        f"{mine.show('s', PDF_BATCH)} ({per:.2f} s, {met}; "
        f"{mine.median / floor.median:.2f}× floor)",
        f"bare `soffice --convert-to pdf` of the same {PDF_BATCH} .docx: "
        f"{floor.show('s', PDF_BATCH)}",
        f"`reportkit render <{PDF_BATCH} files> --to pdf -j 2` vs "
        f"`soffice --headless --convert-to pdf <{PDF_BATCH} .docx>`",
        f"min / median / max of {runs} alternating runs",
    )


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def _ideal_speedup(work: int = 20_000_000) -> float:
    """The floor of a 2-worker speedup on this machine now: the same pure-CPU work done by one
    process, then split over two (what other load on the machine leaves to the benchmark)."""
    pool_context = multiprocessing.get_context("fork")
    with pool_context.Pool(1) as pool:
        start = time.perf_counter()
        pool.map(_spin, [work])
        one = time.perf_counter() - start
    with pool_context.Pool(2) as pool:
        start = time.perf_counter()
        pool.map(_spin, [work // 2, work // 2], chunksize=1)
        two = time.perf_counter() - start
    return one / two


# --- the report ---------------------------------------------------------------------------


def _machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = ", ".join(
        f"{name} {importlib.metadata.version(name)}"
        for name in ("docxtpl", "pydantic", "PyYAML", "click", "Jinja2", "lxml")
    )
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{platform.platform()}; {cpu}; {os.cpu_count()} cores; Python "
        f"{platform.python_version()}; {versions}. Load average at start: {load}."
    )


@dataclass
class Bench:
    """One run of the benchmark: its options, temporary folder, and what it has found."""

    tmp: Path
    quick: bool
    rows: list[tuple[str, str, str, str, str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    _township_files: Path | None = None

    @property
    def n_render(self) -> int:
        return 60 if self.quick else 300

    @property
    def n_docxtpl(self) -> int:
        return 10 if self.quick else 30

    @property
    def n_check(self) -> int:
        return 2000 if self.quick else 38_000

    @property
    def runs_small(self) -> int:
        return 3 if self.quick else 15

    @property
    def runs_big(self) -> int:
        return 1 if self.quick else 3

    @property
    def townships(self) -> Path:
        """``n_render`` generated township data files, made once for the figures using them."""
        if self._township_files is None:
            self._township_files = generate(self.tmp / "render-in", self.n_render)
        return self._township_files


def figure_a(bench: Bench) -> None:
    """(a) bulk render in one process, against a precompiled template written to a zip."""
    tmp, n_render = bench.tmp, bench.n_render
    render_in = bench.townships
    print(f"(a) bulk render of {n_render} files …", file=sys.stderr)
    files = sorted(render_in.rglob("*.yaml"))
    contexts = [context for _report, context in _contexts(files)]
    floor_out = tmp / "floor"
    floor_out.mkdir()
    one_runs, floor_runs, memory_runs = [], [], []
    for _ in range(3):
        one_runs.append(_reportkit_bulk(render_in, tmp / "out1", 1))
        to_files, in_memory = _precompiled_per_report(contexts, floor_out)
        floor_runs.append(to_files)
        memory_runs.append(in_memory)
    one, precompiled, memory = Timing(one_runs), Timing(floor_runs), Timing(memory_runs)
    shutil.rmtree(floor_out, ignore_errors=True)
    per_report = one.median / n_render
    bench.rows.append(
        (
            "(a) bulk render, per report, 1 process",
            f"≤ {TARGETS['a']}× precompiled template straight to a zip",
            f"{one.show(per=n_render)} ({_verdict(per_report / precompiled.median, 'a')})",
            f"precompiled template, to a file: {precompiled.show()}; into memory: {memory.show()}",
            f"`batch.render_files(jobs=1)` over {n_render} files (check, context, render, "
            "write; each run into a new folder) vs `PreparedTemplate.render(context, file)` "
            f"for the same {n_render} "
            "(template prepared and contexts computed beforehand, not timed)",
            "min / median / max of 3 alternating runs",
        )
    )
    sample = files[: bench.n_docxtpl]
    docxtpl = Timing([_docxtpl_per_report(sample, tmp) for _ in range(3)])
    bench.rows.append(
        (
            "(a) bulk render against docxtpl's own way, per report",
            "(context)",
            f"reportkit {one.show(per=n_render)}: {docxtpl.median / per_report:.1f}× "
            "docxtpl's rate",
            f"docxtpl: {docxtpl.show()}",
            f"fresh `DocxTemplate(...).render(ctx)` + `save` for {bench.n_docxtpl} of the "
            "files, given the contexts reportkit computes",
            "min / median / max of 3 runs",
        )
    )
    two_runs, ideal_runs = [], []
    for _ in range(3):
        two_runs.append(_reportkit_bulk(render_in, tmp / "out2", 2))
        ideal_runs.append(_ideal_speedup())
    two, ideal = Timing(two_runs), Timing(ideal_runs)
    bench.rows.append(
        (
            "(a) bulk render, 2 workers vs 1",
            "(context)",
            f"{one.median / two.median:.2f}× ({two.show('s')} for {n_render} files)",
            f"1 worker: {one.show('s')}; pure-CPU work split over 2 processes: "
            f"{ideal.min:.2f} / {ideal.median:.2f} / {ideal.max:.2f}×",
            f"`batch.render_files(jobs=2)` vs `jobs=1`, {n_render} files",
            "min / median / max of 3 runs",
        )
    )
    cli1, cli2 = _alternate(
        3,
        lambda: _run(
            [REPORTKIT, "render", str(render_in), "-o", str(tmp / "cli"), "--force", "-j", "1"]
        ),
        lambda: _run(
            [REPORTKIT, "render", str(render_in), "-o", str(tmp / "cli"), "--force", "-j", "2"]
        ),
    )
    bench.rows.append(
        (
            "(a) `reportkit render DIR` whole process, -j 2 vs -j 1",
            "(context)",
            f"{cli1.median / cli2.median:.2f}× ({cli2.show('s')})",
            f"-j 1: {cli1.show('s')}",
            f"`reportkit render <{n_render} files> -o OUT --force -j 2` vs `-j 1`",
            "min / median / max of 3 alternating runs",
        )
    )
    for name in ("cli", "out1", "out2"):
        shutil.rmtree(tmp / name, ignore_errors=True)


def figure_e(bench: Bench) -> None:
    """(e) bulk render to HTML in one process, against render_html from ready contexts."""
    n_render = bench.n_render
    render_in = bench.townships
    print(f"(e) bulk render to HTML of {n_render} files …", file=sys.stderr)
    checked = _contexts(sorted(render_in.rglob("*.yaml")))
    mine, floor = _alternate(
        3,
        lambda: _reportkit_bulk(render_in, bench.tmp / "html-out", 1, formats=("html",)),
        lambda: _html_floor(checked),
    )
    two, _floor2 = _alternate(
        3,
        lambda: _reportkit_bulk(render_in, bench.tmp / "html-out", 2, formats=("html",)),
        lambda: _html_floor(checked),
    )
    shutil.rmtree(bench.tmp / "html-out", ignore_errors=True)
    per_report = mine.median / n_render * 1000
    met = "met" if per_report <= HTML_MS else "not met"
    per_report2 = two.median / n_render * 1000
    met2 = "met" if per_report2 <= HTML_MS else "not met"
    bench.rows.append(
        (
            "(e) bulk render to HTML, per report, 1 process",
            f"≤ {HTML_MS:g} ms a report",
            f"{mine.show(per=n_render)} ({per_report:.1f} ms, {met}; "
            f"{mine.median / n_render / floor.median:.2f}× floor)",
            f"`render_html` from ready contexts: {floor.show()}",
            f"`batch.render_files(jobs=1, formats=('html',))` over {n_render} files (check, "
            f"context, page, write; each run into a new folder) vs `render_html(report, "
            f"context)` for the same {n_render} (templates compiled and contexts computed "
            "beforehand, not timed)",
            "min / median / max of 3 alternating runs",
        )
    )
    bench.rows.append(
        (
            "(e) bulk render to HTML, per report, 2 workers (a 2-core machine in bulk)",
            f"≤ {HTML_MS:g} ms a report",
            f"{two.show(per=n_render)} ({per_report2:.1f} ms, {met2}; "
            f"{two.median / n_render / floor.median:.2f}× the 1-process floor)",
            f"`render_html` from ready contexts, 1 process: {floor.show()}",
            f"`batch.render_files(jobs=2, formats=('html',))` over {n_render} files (each run "
            "into a new folder), wall-clock per report",
            "min / median / max of 3 alternating runs",
        )
    )


def figure_f(bench: Bench) -> None:
    """(f) a batch of PDFs through one LibreOffice, against bare soffice on the same .docx."""
    if shutil.which("soffice"):
        print(f"(f) PDF batch of {PDF_BATCH} …", file=sys.stderr)
        bench.rows.append(_pdf_batch(bench.tmp, bench.runs_big))
    else:
        bench.notes.append("(f) skipped: LibreOffice is not installed (`make office`).")


def figure_g(bench: Bench) -> None:
    """(g) import + audit of each HTML page in bulk, against lxml parsing the same pages."""
    n_render = bench.n_render
    print(f"(g) import + audit of {n_render} HTML pages …", file=sys.stderr)
    pages_dir = bench.tmp / "audit-in"
    _reportkit_bulk(bench.townships, pages_dir, 1, formats=("html",))  # not timed
    pages = sorted(pages_dir.rglob("*.html"))
    mine, floor = _alternate(3, lambda: _audit_median(pages), lambda: _lxml_median(pages))
    median = mine.median * 1000
    met = "met" if median <= AUDIT_MS else "not met"
    bench.rows.append(
        (
            "(g) import + audit of one HTML page, median in bulk, 1 process",
            f"≤ {AUDIT_MS:g} ms a report (median)",
            f"{mine.show()} ({median:.1f} ms, {met}; {mine.median / floor.median:.1f}× floor)",
            f"lxml alone (read + `lxml.html.document_fromstring`): {floor.show()}",
            f"`audit_file(page)` for each of {n_render} township pages rendered to HTML "
            "beforehand (not timed) vs lxml parsing the same pages",
            "min / median / max of the per-page medians of 3 alternating runs",
        )
    )
    two, floor2 = _alternate(3, lambda: _audit_bulk(pages, 2), lambda: _lxml_median(pages))
    per_report = two.median / n_render
    country = per_report * COUNTRY_TOWNSHIPS / 60
    met2 = "met" if country <= COUNTRY_MINUTES else "not met"
    bench.rows.append(
        (
            "(g) import + audit in bulk on 2 workers, wall-clock per report, and a year of every "
            f"township in the country ({COUNTRY_TOWNSHIPS:,} reports) at that rate",
            f"{COUNTRY_TOWNSHIPS:,} reports in ≤ {COUNTRY_MINUTES:g} minutes on 2 cores",
            f"{two.show(per=n_render)} a report ({country:.1f} minutes for "
            f"{COUNTRY_TOWNSHIPS:,}, {met2})",
            f"lxml alone, per page, 1 process: {floor2.show()}",
            f"`audit_files(pages, jobs=2)` over the same {n_render} pages (what `reportkit audit "
            "FOLDER -j 2` runs, without printing)",
            "min / median / max of 3 alternating runs",
        )
    )


def figure_c(bench: Bench) -> None:
    """(c) one render, whole process, against the bare script."""
    tmp = bench.tmp
    print("(c) one render, whole process …", file=sys.stderr)
    context_file = tmp / "context.json"
    _run([PYTHON, "bench/dump_context.py", EXAMPLE, str(context_file)])
    bare = [
        PYTHON,
        "bench/bare_render.py",
        EXAMPLE,
        str(context_file),
        TEMPLATE,
        str(tmp / "bare.docx"),
    ]
    ours = [REPORTKIT, "render", EXAMPLE, "-o", str(tmp / "ours.docx"), "--force"]
    mine, floor = _alternate(bench.runs_small, lambda: _run(ours), lambda: _run(bare))
    bench.rows.append(
        (
            "(c) `reportkit render` one example, whole process",
            f"≤ {TARGETS['c']}× bare script",
            f"{mine.show()} ({_verdict(mine.median / floor.median, 'c')})",
            f"bare script (C loader + `DocxTemplate.render` + `save`): {floor.show()}",
            f"`{_shown(ours, tmp)}` vs `{_shown(bare, tmp)}`",
            f"min / median / max of {bench.runs_small} alternating runs",
        )
    )


def figure_d(bench: Bench) -> None:
    """(d) --help against importing click."""
    print("(d) --help …", file=sys.stderr)
    runs = bench.runs_small
    helps, clicks = _alternate(
        runs * 2,
        lambda: _run([REPORTKIT, "--help"]),
        lambda: _run([PYTHON, "-c", "import click"]),
    )
    bare_python = Timing([_run([PYTHON, "-c", "pass"]) for _ in range(runs)])
    bench.rows.append(
        (
            "(d) `reportkit --help`",
            f"≤ {TARGETS['d']}× `python -c 'import click'`",
            f"{helps.show()} ({_verdict(helps.median / clicks.median, 'd')})",
            f"`python -c 'import click'`: {clicks.show()}; `python -c pass`: {bare_python.show()}",
            "`reportkit --help` vs `python -c 'import click'`",
            f"min / median / max of {runs * 2} alternating runs",
        )
    )


def figure_b(bench: Bench) -> None:
    """(b) check of many files on 2 cores."""
    tmp, n_check = bench.tmp, bench.n_check
    print(f"(b) generating {n_check} files …", file=sys.stderr)
    check_in = generate(tmp / "check-in", n_check)
    print(f"(b) check of {n_check} files …", file=sys.stderr)
    check_out = tmp / "check.txt"

    def run_check() -> float:
        command = [REPORTKIT, "check", str(check_in), "-j", "2"]
        with check_out.open("wb") as out:
            start = time.perf_counter()
            done = subprocess.run(command, cwd=ROOT, stdout=out, stderr=subprocess.PIPE, env=_env())
            elapsed = time.perf_counter() - start
        if done.returncode != 0:  # every file is valid: 1 would be a file with errors
            raise SystemExit(f"{_shown(command, tmp)} failed:\n{done.stderr.decode()}")
        return elapsed

    floor_cmd = [PYTHON, "bench/bare_check.py", str(check_in), "2"]
    checks, floors = _alternate(bench.runs_big, run_check, lambda: _run(floor_cmd))
    last = check_out.read_text(encoding="utf-8").strip().splitlines()[-1]
    bench.notes.append(f"`reportkit check` of the {n_check} files said: {last}")
    bench.rows.append(
        (
            f"(b) `reportkit check` of {n_check:,} files, 2 processes",
            f"≤ {TARGETS['b']}× bare C loader + pydantic",
            f"{checks.show('s')} ({_verdict(checks.median / floors.median, 'b')})",
            f"bare C loader + pydantic, 2 processes: {floors.show('s')}",
            f"`reportkit check <{n_check} files> -j 2 > check.txt` vs "
            f"`python bench/bare_check.py <{n_check} files> 2`",
            f"min / median / max of {bench.runs_big} alternating runs",
        )
    )


MEASURE: dict[str, Callable[[Bench], None]] = {
    "a": figure_a,
    "b": figure_b,
    "c": figure_c,
    "d": figure_d,
    "e": figure_e,
    "f": figure_f,
    "g": figure_g,
}


def _chosen(text: str | None) -> str:
    """The figures ``--only`` names (``e,g``), in the order a run measures them; all by default."""
    if text is None:
        return FIGURES
    names = {name.strip().lower() for name in text.split(",") if name.strip()}
    unknown = sorted(names - set(FIGURES))
    if unknown or not names:
        raise SystemExit(
            f"--only: unknown figure {', '.join(unknown) or '(none)'}; "
            f"the figures are {', '.join(sorted(FIGURES))}"
        )
    return "".join(name for name in FIGURES if name in names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, help="write the Markdown report here")
    parser.add_argument("--quick", action="store_true", help="fewer files and runs")
    parser.add_argument(
        "--only", metavar="LETTERS", help="just these figures, e.g. e,f,g (default: all)"
    )
    args = parser.parse_args()
    figures = _chosen(args.only)

    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    started = dt.datetime.now().astimezone()
    machine = _machine()
    bench = Bench(Path(tempfile.mkdtemp(prefix="reportkit-bench-")), args.quick)
    try:
        for name in figures:
            MEASURE[name](bench)
    finally:
        shutil.rmtree(bench.tmp, ignore_errors=True)

    load_now = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    chosen = "" if figures == FIGURES else f" (only {', '.join(figures)})"
    lines = [
        "# Benchmarks",
        "",
        "Generated by `make bench` (`python bench/bench.py -o docs/benchmarks.md`); do not edit.",
        "Each figure stands beside its floor, measured in the same run; timed commands ran as",
        "separate processes from the repository's root, alternating with their floor. Figures",
        "are wall-clock seconds or milliseconds: min / median / max; a ratio is of the medians.",
        "The targets are those of issues 8 (item 6), 11 and 12; what is written here is what was",
        "measured, whether or not it reaches them.",
        "",
        f"- Run: {started:%Y-%m-%d %H:%M %Z}{' (--quick)' if bench.quick else ''}{chosen}",
        f"- Machine: {machine} Load average at the end: {load_now}.",
        "- Data: township files generated from `examples/2023-example-street.yaml` with varied"
        " figures that balance (`tests/townships.py`).",
        "",
        "| figure | target | reached | floor, same run | command | runs |",
        "|---|---|---|---|---|---|",
        *(f"| {' | '.join(row)} |" for row in bench.rows),
        "",
        *(f"- {note}" for note in bench.notes),
        "",
    ]
    text = "\n".join(lines)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        print(text)
    print(textwrap.indent(text, "  "), file=sys.stderr)


if __name__ == "__main__":
    main()
