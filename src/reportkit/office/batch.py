"""Many data files at once: find them, check or render them in parallel, never stop at one.

An upper-level office collects one data file per unit — hundreds for a county,
tens of thousands for the country. Every function here goes through all of them
and reports each file's outcome; a bad file (not UTF-8, empty, not a report, a
template that fails) is one line in the result, never the end of the run.

Work is spread over processes (``jobs``). Each process prepares a template once
and renders many reports with it (:func:`reportkit.rendering.prepared_template`).
Small batches run in this process: starting workers costs more than they save.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.pool
import os
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from reportkit import i18n
from reportkit.errors import (
    DataError,
    FileUnreadable,
    Interrupted,
    OutputError,
    Problem,
    ProblemList,
    ReportkitError,
    UsageError,
    internal_error,
    os_reason,
)
from reportkit.i18n import N_, _

if TYPE_CHECKING:
    from reportkit.outputs import OutputGroup

__all__ = [
    "SUFFIXES",
    "Collection",
    "FileCheck",
    "Passed",
    "Rendered",
    "Source",
    "Status",
    "check_files",
    "collect",
    "default_jobs",
    "plan_outputs",
    "render_files",
    "unreadable_checks",
    "unreadable_renders",
]

SUFFIXES = (".yaml", ".yml")
"""The data files in a folder; a file named on the command line may be called anything."""

MIN_PARALLEL = 24
"""Fewer files than this are handled in this process: workers would cost more than they save."""

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """The number of processes to use: the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# --- finding the files ---------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """A data file found, and its name relative to what was given (kept in output folders)."""

    path: Path
    relative: Path


@dataclass(frozen=True)
class Passed:
    """Something found in a folder and not checked: why, said to the user."""

    path: Path
    reason: str


@dataclass
class Collection:
    """What was found: the data files, the special files skipped (a note), and the folders
    that could not be read (an error: the data files in them are missing from the run)."""

    sources: list[Source] = field(default_factory=list)
    skipped: list[Passed] = field(default_factory=list)
    unreadable: list[Passed] = field(default_factory=list)


def _is_data_name(name: str) -> bool:
    return not name.startswith(".") and name.lower().endswith(SUFFIXES)


def _in_folder(folder: Path, found: Collection) -> None:
    """Add the data files under ``folder`` to ``found``, ordered by their path in it."""
    # os.scandir, not Path.rglob or os.walk: a national collection is tens of thousands of
    # files, and scandir tells a regular file from a pipe or a folder without a stat per file;
    # unlike os.walk it does not pass over a folder it cannot read without a word.
    from reportkit.loading import special_kind

    sources: list[Source] = []
    pending = [folder]
    while pending:
        here = pending.pop()
        try:
            with os.scandir(here) as listing:
                entries = list(listing)
        except OSError as exc:
            reason = _("无法读取文件夹（{reason}）").format(reason=os_reason(exc))
            found.unreadable.append(Passed(here, reason))
            continue
        for entry in entries:
            if entry.name.startswith("."):  # .git, editor backups
                continue
            path = Path(entry.path)
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(path)
                    continue
                if not _is_data_name(entry.name):
                    continue
                if entry.is_file() or not os.path.exists(path):
                    # a dangling link is kept: checking it says where it points
                    sources.append(Source(path, path.relative_to(folder)))
                    continue
                kind = special_kind(entry.stat().st_mode)
            except OSError as exc:
                reason = _("无法读取（{reason}）").format(reason=os_reason(exc))
                found.unreadable.append(Passed(path, reason))
                continue
            if kind is not None:  # a named pipe would block for ever: never opened
                found.skipped.append(
                    Passed(path, _("不是普通文件（{kind}），已跳过").format(kind=kind))
                )
    found.sources.extend(sorted(sources, key=lambda source: source.relative.parts))


def collect(paths: Iterable[Path]) -> Collection:
    """Every data file named or inside a named folder (recursively), each once, in order;
    and what was skipped or could not be read in the folders.

    UsageError when a path does not exist or nothing at all is found.
    """
    found = Collection()
    seen: set[Path] = set()
    for given in paths:
        if given.is_dir():
            inside = Collection()
            _in_folder(given, inside)
            sources: Iterable[Source] = inside.sources
            found.skipped += inside.skipped
            found.unreadable += inside.unreadable
        elif os.path.lexists(given):
            sources = [Source(given, Path(given.name))]
        else:
            raise UsageError(_("{path}: 文件或文件夹不存在").format(path=given))
        for source in sources:
            key = Path(os.path.abspath(source.path))
            if key not in seen:
                seen.add(key)
                found.sources.append(source)
    if not found.sources and not found.unreadable:
        raise UsageError(_("没有找到数据文件（文件夹中的 .yaml 或 .yml 文件）"))
    return found


def unreadable_checks(found: Collection) -> list[FileCheck]:
    """The folders and entries that could not be read, as failed checks (status 无法读取)."""
    return [
        FileCheck(str(p.path), problems=[Problem(p.reason, file=str(p.path), code="unreadable")])
        for p in found.unreadable
    ]


# --- running over many files -----------------------------------------------------------------


def _pool_context() -> Any:
    # fork starts a worker in milliseconds with everything imported; where there is no fork
    # (Windows), spawn re-imports reportkit in each worker.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class _Stop(BaseException):
    """Raised in the main process by SIGINT or SIGTERM while files are being worked on."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_stop(signum: int, _frame: object) -> None:
    for number in _STOP_SIGNALS:  # a second Ctrl-C must not break the clean-up under way
        signal.signal(number, signal.SIG_IGN)
    raise _Stop(signum)


@contextlib.contextmanager
def _stop_on_signals() -> Iterator[None]:
    """SIGINT and SIGTERM raise :class:`_Stop` in this (main) thread while the block runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {number: signal.getsignal(number) for number in _STOP_SIGNALS}
    try:
        for number in _STOP_SIGNALS:
            signal.signal(number, _raise_stop)
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


@contextlib.contextmanager
def _signals_blocked() -> Iterator[None]:
    """SIGINT and SIGTERM wait while workers are started: a new worker sets its own handlers
    (:func:`_start_worker`) before it may receive one."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: spawned workers start afresh
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)


def _exit_quietly(signum: int, _frame: object) -> None:
    # SystemExit, not KeyboardInterrupt: the file being written is removed on the way out
    # (outputs.OutputGroup.write) and multiprocessing prints no traceback for it.
    raise SystemExit(128 + signum)


def _start_worker(language: str) -> None:
    """A worker ignores Ctrl-C (the main process decides) and leaves quietly on SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_quietly)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
    i18n.set_language(language)


@contextlib.contextmanager
def interruptible(finished: Callable[[], Sequence[object]]) -> Iterator[None]:
    """SIGINT or SIGTERM while the block runs: :class:`Interrupted` carrying ``finished()``,
    the results so far (None for each not finished)."""
    try:
        with _stop_on_signals():
            yield
    except _Stop as stop:
        raise Interrupted(stop.signum, finished()) from None
    except KeyboardInterrupt:  # Ctrl-C before the handlers were set
        raise Interrupted(signal.SIGINT, finished()) from None


def _numbered(work: Callable[[T], R], numbered: tuple[int, T]) -> tuple[int, R]:
    index, item = numbered
    return index, work(item)


def run_all(
    work: Callable[[T], R],
    items: Sequence[T],
    *,
    jobs: int,
    progress: Callable[[R], None] | None = None,
    files: int | None = None,
) -> list[R]:
    """``work`` applied to every item, in order, over ``jobs`` processes. ``files``: how
    many files the items stand for (items may be chunks of files), when not one each.

    ``work`` must be picklable (a module function or a partial of one) and must not
    raise for a bad item: it returns that item's failure as its result.

    SIGINT (Ctrl-C) or SIGTERM stops the run: the workers are stopped (each removes the
    file it was writing), and :class:`Interrupted` carries the results finished so far.
    """
    done: dict[int, R] = {}

    def record(index: int, result: R) -> None:
        done[index] = result
        if progress is not None:
            progress(result)

    with interruptible(lambda: [done.get(i) for i in range(len(items))]):
        count = len(items) if files is None else files
        if jobs <= 1 or count < MIN_PARALLEL or len(items) < 2 * jobs:
            for index, item in enumerate(items):
                record(index, work(item))
        else:
            _run_parallel(work, items, jobs, record)
    return [done[i] for i in range(len(items))]


def _run_parallel(
    work: Callable[[T], R],
    items: Sequence[T],
    jobs: int,
    record: Callable[[int, R], None],
) -> None:
    # Small chunks keep the workers evenly loaded and the progress bar moving. Results are
    # taken as they come, so an interrupted run knows every file that was finished.
    chunk = max(1, min(64, len(items) // (jobs * 16)))
    # Workers speak the user's language (a spawned worker would start in Chinese).
    language = (i18n.current_language(),)
    with contextlib.ExitStack() as stack:  # leaving it, even by a signal, stops the workers
        with _signals_blocked():
            pool = stack.enter_context(
                _pool_context().Pool(jobs, initializer=_start_worker, initargs=language)
            )
        numbered = partial(_numbered, work)
        try:
            for index, result in pool.imap_unordered(numbered, enumerate(items), chunksize=chunk):
                record(index, result)
            # All done: let the workers finish their loop and leave, rather than be stopped
            # by SIGTERM (terminate is for a run cut short: the stop handler removes debris).
            pool.close()
            pool.join()
        except BaseException:
            _stop_workers(pool)
            raise


WORKER_GRACE_SECONDS = 5.0
"""How long the workers of a run cut short have to leave after SIGTERM before SIGKILL."""


def _stop_workers(pool: Any) -> None:
    """Stop the workers of a run cut short before the pool's own shutdown waits for them:
    SIGTERM (each removes the file it was writing), then SIGKILL for any still there after
    :data:`WORKER_GRACE_SECONDS`. Without this, a run stopped by a signal could wait for
    ever: the pool had started a new worker in place of one that left, which then sat on the
    task queue's lock while the pool's terminate() waited for that lock."""
    # First the pool's worker handler, which starts a new worker in place of each that
    # leaves: a worker started after the stop would hold the task queue's lock that the
    # pool's own shutdown then waits for (its terminate() does this too, but only later).
    handler = getattr(pool, "_worker_handler", None)
    if handler is not None:
        handler._state = multiprocessing.pool.TERMINATE
        notifier = getattr(pool, "_change_notifier", None)
        if notifier is not None:
            notifier.put(None)
        handler.join(WORKER_GRACE_SECONDS)
    workers = [w for w in getattr(pool, "_pool", ()) if w.exitcode is None]
    for worker in workers:
        with contextlib.suppress(OSError):
            worker.terminate()
    deadline = time.monotonic() + WORKER_GRACE_SECONDS
    for worker in workers:
        worker.join(max(0.0, deadline - time.monotonic()))
    for worker in workers:
        if worker.exitcode is None:
            with contextlib.suppress(OSError):
                worker.kill()
            worker.join()
    if all(w.exitcode is not None for w in getattr(pool, "_pool", ())):
        _free_task_lock(pool)
    _terminate_within(pool, WORKER_GRACE_SECONDS)


def _terminate_within(pool: Any, seconds: float) -> None:
    """The pool's own shutdown (its terminate(): the threads that hand out tasks and take
    results), given ``seconds``: its threads wait on locks and pipes a killed worker may have
    left taken or half-written, and a run cut short must end all the same (its workers are
    gone by now; the process is about to exit). Run once: the pool's later terminate() (on
    leaving its ``with``) finds it done and returns at once."""
    stopping = threading.Thread(target=pool.terminate, name="reportkit-pool-stop", daemon=True)
    stopping.start()
    stopping.join(seconds)


def _free_task_lock(pool: Any) -> None:
    """Release the task queue's read lock if a stopped worker left it taken, once every
    worker is gone (so nobody else can hold it): the pool's terminate() takes that lock
    first and would wait for it for ever. A worker holds it while it waits for a task; a
    signal arriving just as it got the lock, or SIGKILL, can leave it taken."""
    lock = getattr(getattr(pool, "_inqueue", None), "_rlock", None)
    if lock is None:
        return
    if not lock.acquire(timeout=0.2):  # taken, and its holder is gone
        with contextlib.suppress(ValueError, OSError):
            lock.release()
        return
    lock.release()


# --- checking ------------------------------------------------------------------------------


class Status(StrEnum):
    """What became of a file, as the check table says it (in Chinese: :attr:`text` translates)."""

    OK = N_("通过")
    WARNINGS = N_("有警告")
    ERRORS = N_("有错误")
    ENCODING = N_("不是 UTF-8 编码")
    BINARY = N_("二进制文件")
    EMPTY = N_("空文件")
    NOT_A_REPORT = N_("不是报告数据文件")
    YAML = N_("YAML 格式错误")
    UNREADABLE = N_("无法读取")

    @property
    def text(self) -> str:
        """The status in the user's language."""
        return _(self.value)


_STATUS_BY_CODE = {
    "encoding": Status.ENCODING,
    "binary": Status.BINARY,
    "empty": Status.EMPTY,
    "not-a-report": Status.NOT_A_REPORT,
    "yaml": Status.YAML,
    "unreadable": Status.UNREADABLE,
}


@dataclass
class FileCheck(ProblemList):
    """The outcome of checking one file: what it is, and every problem found in it."""

    file: str
    unit: str | None = None
    year: int | None = None
    era: str | None = None
    problems: list[Problem] = field(default_factory=list)
    data: dict[str, Any] | None = None
    """The checked report, totals completed (``model_dump`` by alias), when asked for."""
    made_by: str | None = None
    """The reportkit command that wrote the file (``"aggregate"``: a summary, not a unit)."""

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def status(self) -> Status:
        for problem in self.errors:
            if problem.code in _STATUS_BY_CODE:
                return _STATUS_BY_CODE[problem.code]
        if self.errors:
            return Status.ERRORS
        return Status.WARNINGS if self.warnings else Status.OK


def _peek(path: Path) -> tuple[str | None, int | None, str | None]:
    """The unit's name, the year and the era of a file that did not check, if they can be read."""
    from reportkit import yamlfile
    from reportkit.eras import registration_for_year
    from reportkit.loading import read_text

    try:
        data = yamlfile.parse(read_text(path))
    except (ReportkitError, yamlfile.YamlProblem):
        return None, None, None
    if not isinstance(data, dict):
        return None, None, None
    unit = data.get("单位")
    name = unit.get("全称") if isinstance(unit, dict) else None
    year = data.get("年度")
    if not isinstance(year, int) or isinstance(year, bool):
        year = None
    era = registration_for_year(year) if year is not None else None  # no era module loaded
    return name if isinstance(name, str) else None, year, era.name if era else None


def check_one(
    path: Path,
    *,
    draft: bool = False,
    keep_data: bool = False,
    copied_threshold: int | None = None,
) -> FileCheck:
    """Check one file; never raises for what is in (or wrong with) the file
    (``copied_threshold``: see :func:`reportkit.loading.check_file`)."""
    from reportkit.loading import check_file

    name = str(path)
    try:
        result = check_file(path, draft=draft, copied_threshold=copied_threshold)
    except FileUnreadable as exc:  # named once: the list names the file already
        return FileCheck(name, problems=[Problem(exc.reason, file=name, code="unreadable")])
    except ReportkitError as exc:  # a file that vanished or may not be read
        return FileCheck(name, problems=[Problem(str(exc), file=name, code="unreadable")])
    except Exception as exc:  # a bug met in this file: the file fails, the run goes on
        return FileCheck(name, problems=[Problem(internal_error(exc), file=name, code="internal")])
    report = result.report
    if report is None:
        unit, year, era = _peek(path)
        return FileCheck(name, unit, year, era, result.problems, made_by=result.made_by)
    return FileCheck(
        name,
        report.unit.full_name,
        report.year,
        report.ERA,
        result.problems,
        result.data if keep_data and result.ok else None,
        made_by=result.made_by,
    )


def check_files(
    paths: Sequence[Path],
    *,
    jobs: int,
    draft: bool = False,
    keep_data: bool = False,
    copied_threshold: int | None = None,
    progress: Callable[[FileCheck], None] | None = None,
) -> list[FileCheck]:
    """Check every file (in ``jobs`` processes), in the order given."""
    work = partial(check_one, draft=draft, keep_data=keep_data, copied_threshold=copied_threshold)
    return run_all(work, paths, jobs=jobs, progress=progress)


# --- rendering -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _RenderJob:
    source: Path
    target: Path
    clash: str | None = None  # another input already writes this target


@dataclass
class Rendered:
    """The outcome of rendering one file: where it went, or why it did not."""

    source: str
    target: str
    error: str | None = None
    warnings: list[Problem] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    """Every file written (one per format), when it was rendered."""

    @property
    def ok(self) -> bool:
        return self.error is None


def plan_outputs(sources: Sequence[Source], out_dir: Path | None) -> list[tuple[Path, Path]]:
    """(data file, .docx) pairs: beside each data file, or in ``out_dir`` keeping the
    sub-folders of a folder that was given."""
    return [
        (
            s.path,
            s.path.with_suffix(".docx")
            if out_dir is None
            else (out_dir / s.relative).with_suffix(".docx"),
        )
        for s in sources
    ]


def _stage_one(
    job: _RenderJob,
    pending: list[OutputGroup],
    *,
    draft: bool,
    force: bool,
    template: Path | None,
    formats: Sequence[str],
    fragment: bool,
    folders: set[Path],
) -> Rendered:
    """Check one data file and write it in each of ``formats`` (its outputs: ``job.target``
    with each format's suffix), not yet moved in: their group is added to ``pending``.
    ``folders``: the output folders made so far (each is made once).
    Never raises for what is in (or wrong with) the file: that is the outcome's error."""
    from reportkit.loading import check_file
    from reportkit.publish import outputs_for, publish_checked

    outputs = outputs_for(job.target, formats)
    outcome = Rendered(str(job.source), str(outputs[formats[0]]))
    try:
        _refuse_early(job, outputs, force=force)
        checked = check_file(job.source, draft=draft)
        if not checked.ok:  # its warnings are in the error's text: said once, no folder made
            raise DataError(checked.problems, checked.file)
        outcome.warnings = checked.warnings
        if job.target.parent not in folders:
            job.target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(job.target.parent)
        publish_checked(
            checked,
            outputs,
            template=template,
            fragment=fragment,
            force=force,
            protect=(job.source,),
            pending=pending,
        )
        outcome.outputs = [str(path) for path in outputs.values()]
    except Exception as exc:  # what is wrong with the file, or a bug met in it: said in _failure
        outcome.error = _failure(job, exc)
    return outcome


RENDER_CHUNK = 8
"""At most this many reports are rendered one after the other and then written to the disk
together (:func:`render_chunk`)."""


def render_chunk(
    chunk: Sequence[_RenderJob],
    *,
    draft: bool,
    force: bool,
    template: Path | None,
    formats: Sequence[str] = ("docx",),
    fragment: bool = False,
) -> list[Rendered]:
    """Render a few data files (see :func:`_stage_one`), then sync all their outputs at
    once and move each report's in, all or none (:func:`reportkit.outputs.commit_groups`):
    syncing files one at a time would cost a bulk render more than rendering them."""
    from reportkit.outputs import commit_groups

    pending: list[OutputGroup] = []
    staged: list[tuple[_RenderJob, Rendered]] = []
    outcomes = []
    folders: set[Path] = set()
    try:
        for job in chunk:
            before = len(pending)
            outcome = _stage_one(
                job,
                pending,
                draft=draft,
                force=force,
                template=template,
                formats=formats,
                fragment=fragment,
                folders=folders,
            )
            outcomes.append(outcome)
            if len(pending) > before:
                staged.append((job, outcome))
        try:
            errors: Sequence[Exception | None] = commit_groups(pending)
        except Exception as exc:  # a bug: every report waiting fails, the run goes on
            errors = [exc] * len(pending)
        for (job, outcome), error in zip(staged, errors, strict=True):
            if error is not None:
                outcome.outputs = []
                outcome.error = _failure(job, error)
    finally:  # stopped before the commit (SIGTERM): nothing is left behind
        for group in pending:
            group.discard()
    return outcomes


def _refuse_early(job: _RenderJob, outputs: dict[str, Path], *, force: bool) -> None:
    """OutputError before any work: another input writes these outputs, or one exists."""
    from reportkit.outputs import check_target

    if job.clash is not None:
        raise OutputError(
            _("{path}: 与 {other} 的输出文件同名，未生成").format(
                path=next(iter(outputs.values())), other=job.clash
            )
        )
    for path in outputs.values():
        if path.exists() and not force:
            check_target(path, force=force)  # says it exists, before any work is done


def _failure(job: _RenderJob, exc: Exception) -> str:
    """Why one file was not rendered, from what was raised while rendering it."""
    if isinstance(exc, ReportkitError):
        return str(exc)
    if isinstance(exc, OSError):  # e.g. an output folder that cannot be created
        return _("{path}: 无法写入（{reason}）").format(path=job.target, reason=os_reason(exc))
    # a bug met in this file: the file fails, the run goes on
    return f"{job.source}: {internal_error(exc)}"


def unreadable_renders(found: Collection) -> list[Rendered]:
    """The folders and entries that could not be read, as failed renders."""
    return [Rendered(str(p.path), "", p.reason) for p in found.unreadable]


def render_files(
    pairs: Sequence[tuple[Path, Path]],
    *,
    jobs: int,
    draft: bool = False,
    force: bool = False,
    template: Path | None = None,
    formats: Sequence[str] = ("docx",),
    fragment: bool = False,
    progress: Callable[[Rendered], None] | None = None,
    converting: Callable[[int], None] | None = None,
    staging: Callable[[int], None] | None = None,
) -> list[Rendered]:
    """Render every (data file, .docx) pair (in ``jobs`` processes), in the order given, in
    each of ``formats`` (the .docx's name with each format's suffix); ``progress`` is given
    each report's outcome as it is known.

    Two inputs that would write the same .docx: the second is refused, not overwritten.
    A converted format (PDF) is made for the whole batch at once: :func:`_render_converted`;
    the outcomes are known only when the whole batch is converted. Meanwhile ``staging`` is
    told how many reports' other formats are made so far (before the conversion), and
    ``converting`` is told 0 as the conversion starts, then how many reports' converted files
    exist so far, each time that number grows.
    """
    from reportkit.publish import staged_formats

    owners: dict[Path, Path] = {}
    work_items = []
    for source, target in pairs:
        key = target.absolute()
        owner = owners.setdefault(key, source)
        clash = str(owner) if owner != source else None
        work_items.append(_RenderJob(source, target, clash))
    if staged_formats(formats) != tuple(formats):
        return _render_converted(
            work_items,
            tuple(formats),
            jobs=jobs,
            draft=draft,
            force=force,
            template=template,
            fragment=fragment,
            progress=progress,
            converting=converting,
            staging=staging,
        )
    work = partial(
        render_chunk,
        draft=draft,
        force=force,
        template=template,
        formats=tuple(formats),
        fragment=fragment,
    )
    # Over workers, chunks small enough that each worker gets several (they end together).
    size = RENDER_CHUNK if jobs <= 1 else min(RENDER_CHUNK, len(work_items) // (jobs * 8))
    size = max(1, size)
    chunks = [work_items[i : i + size] for i in range(0, len(work_items), size)]

    def each(outcomes: list[Rendered]) -> None:
        if progress is not None:
            for outcome in outcomes:
                progress(outcome)

    # File times come from a coarse clock, a tick behind time.time_ns(): allow for it.
    started = time.time_ns() - 50_000_000
    try:
        done = run_all(work, chunks, jobs=jobs, progress=each, files=len(work_items))
    except Interrupted as stop:
        results: list[Rendered | None] = []
        for chunk, outcomes in zip(chunks, stop.results, strict=True):
            results += outcomes if isinstance(outcomes, list) else [None] * len(chunk)
        stop.results = [
            result if result is not None else _finished_unreported(job, started)
            for job, result in zip(work_items, results, strict=True)
        ]
        raise
    return [outcome for outcomes in done for outcome in outcomes]


def _finished_unreported(job: _RenderJob, started: int) -> Rendered | None:
    """A report a stopped worker wrote but could not say so: its output is newer than the run."""
    try:
        written = job.target.stat().st_mtime_ns
    except OSError:
        return None
    if job.clash is None and written >= started:
        return Rendered(str(job.source), str(job.target))
    return None


def _render_converted(
    work_items: Sequence[_RenderJob],
    formats: tuple[str, ...],
    *,
    jobs: int,
    draft: bool,
    force: bool,
    template: Path | None,
    fragment: bool,
    progress: Callable[[Rendered], None] | None,
    converting: Callable[[int], None] | None,
    staging: Callable[[int], None] | None,
) -> list[Rendered]:
    """Render a batch with a converted format (PDF): every report's other formats into a
    temporary folder (the ordinary bulk render), the batch converted in one go (one
    LibreOffice process), then each report's outputs moved in together, all or none.

    The program the conversion needs is looked for before any work. Outputs that exist
    (without ``force``) or that another input writes are refused before any work. An
    interrupted run reports the reports already moved in; nothing else is left behind.
    """
    from reportkit.publish import (
        check_programs,
        convert_staged,
        deliver,
        outputs_for,
        staged_formats,
    )

    check_programs(formats)
    outputs = [outputs_for(job.target, formats) for job in work_items]
    outcomes = [
        Rendered(str(job.source), str(out[formats[0]]))
        for job, out in zip(work_items, outputs, strict=True)
    ]
    for job, out, outcome in zip(work_items, outputs, outcomes, strict=True):
        try:
            _refuse_early(job, out, force=force)
        except ReportkitError as exc:
            outcome.error = str(exc)
    written: list[Rendered | None] = [None] * len(work_items)
    staged = 0

    def count_staged(_result: Rendered) -> None:
        nonlocal staged
        staged += 1
        if staging is not None:
            staging(staged)

    with (
        interruptible(lambda: written),
        tempfile.TemporaryDirectory(prefix="reportkit-render-") as folder,
    ):
        stage = Path(folder)
        todo = [i for i, outcome in enumerate(outcomes) if outcome.ok]
        staged_files = [outputs_for(stage / str(i), staged_formats(formats)) for i in todo]
        try:
            rendered = render_files(  # the ordinary bulk render, into the staging folder
                [(work_items[i].source, stage / f"{i}.docx") for i in todo],
                jobs=jobs,
                draft=draft,
                force=True,
                template=template,
                formats=staged_formats(formats),
                fragment=fragment,
                progress=count_staged,
            )
        except Interrupted as stop:  # nothing was moved in yet
            raise Interrupted(stop.signum, written) from None
        ready: list[tuple[int, dict[str, Path]]] = []
        for i, files, result in zip(todo, staged_files, rendered, strict=True):
            outcomes[i].warnings = result.warnings
            outcomes[i].error = result.error
            if result.ok:
                ready.append((i, files))
        try:
            converted = convert_staged([files for _i, files in ready], formats, stage, converting)
        except ReportkitError as exc:  # no converter at all: no report of the batch is made
            for i, _files in ready:
                outcomes[i].error = str(exc)
            ready, converted = [], []
        for (i, _files), made in zip(ready, converted, strict=True):
            job = work_items[i]
            if isinstance(made, ReportkitError):  # this report's conversion failed
                outcomes[i].error = str(made)
                continue
            try:
                job.target.parent.mkdir(parents=True, exist_ok=True)
                deliver(made, outputs[i], force=force, protect=(job.source,))
                outcomes[i].outputs = [str(path) for path in outputs[i].values()]
                written[i] = outcomes[i]
            except Exception as exc:  # what is wrong with the file, or a bug: said in _failure
                outcomes[i].error = _failure(job, exc)
    if progress is not None:
        for outcome in outcomes:
            progress(outcome)
    return outcomes
