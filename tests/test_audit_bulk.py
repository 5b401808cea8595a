"""``reportkit audit`` in bulk: the fast data file it checks, and its workers (``-j``)."""

from __future__ import annotations

import dataclasses
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from reportkit import yamlfile
from reportkit.cli import main
from reportkit.errors import NotImportable
from reportkit.importing import import_report
from reportkit.importing.writing import as_read, to_yaml_unannotated
from reportkit.loading import check_data, check_text
from reportkit.office import audit as auditing
from reportkit.office import batch
from reportkit.office.audit import collect_reports
from tests.test_corpus import CORPUS, REPORTS
from tests.test_interrupt import _finish

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every data path of ``node`` in the order the file gives them, with its value's type."""
    if isinstance(node, dict):
        return [p for key, sub in node.items() for p in [(*path, key), *_paths(sub, (*path, key))]]
    if isinstance(node, list):
        return [p for i, sub in enumerate(node) for p in [(*path, i), *_paths(sub, (*path, i))]]
    return [(*path, type(node).__name__)]


@pytest.mark.parametrize("name", REPORTS)
def test_unannotated_file_is_the_import_without_its_comments(name: str) -> None:
    """What audit checks is the data file import writes: the same header, the same data (same
    values, types and order of keys), only the comment on each part left out."""
    try:
        found, text = import_report(CORPUS / name)
    except NotImportable:
        pytest.skip("not importable")
    fast = to_yaml_unannotated(found, name)
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert [line for line in fast.splitlines() if line.startswith("#")] == header
    data = yamlfile.parse(fast)
    assert data == yamlfile.parse(text)
    assert _paths(data) == _paths(yamlfile.parse(text))


def _parts(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key's and item's data path in ``node``."""
    if isinstance(node, dict):
        return [p for key, sub in node.items() for p in [(*path, key), *_parts(sub, (*path, key))]]
    if isinstance(node, list):
        return [p for i, sub in enumerate(node) for p in [(*path, i), *_parts(sub, (*path, i))]]
    return []


@pytest.mark.parametrize("name", REPORTS)
def test_data_as_read_is_what_reading_the_file_gives_back(name: str) -> None:
    """What audit checks without writing the data file is what reading it would give: the
    same data (values, types, order of keys), and a place for each part (and for a part
    that is not there) in the order of the text's lines and columns, ties included."""
    try:
        found, _text = import_report(CORPUS / name)
    except NotImportable:
        pytest.skip("not importable")
    text = to_yaml_unannotated(found, name)
    read = as_read(found, name)
    assert read is not None
    parsed = yamlfile.parse(text)
    assert read.data == parsed and _paths(read.data) == _paths(parsed)
    known = _parts(read.data)
    paths = [*known, *((*p, "无此项") for p in known), *((*p, 99) for p in known), ("无此项",)]
    locator = yamlfile.Locator(text)

    def by_text(path: tuple[Any, ...]) -> tuple[int, int]:
        line, column = locator.locate(path)
        return line or 0, column or 0

    def by_rank(path: tuple[Any, ...]) -> int:
        rank = read.place(path)
        return -1 if rank is None else rank

    ordered = sorted(paths, key=by_rank)
    for a, b in itertools.pairwise(ordered):
        assert by_text(a) <= by_text(b), (a, b)
        assert (by_text(a) == by_text(b)) == (by_rank(a) == by_rank(b)), (a, b)


@pytest.mark.parametrize("name", REPORTS)
def test_audit_checks_what_the_data_file_would_give(name: str) -> None:
    """audit's check of the imported data, the file not written, gives the checked file's
    report, data and problems, in the same order."""
    try:
        _document, found = auditing._imported(CORPUS / name)
    except NotImportable:
        pytest.skip("not importable")
    found = auditing._as_printed(found)
    slow = check_text(to_yaml_unannotated(found, name), name, draft=True)
    fast = auditing._checked(found, name)
    assert fast.report == slow.report and fast.data == slow.data
    unplaced = [dataclasses.replace(p, line=None, column=None) for p in slow.problems]
    assert [dataclasses.replace(p, line=None, column=None) for p in fast.problems] == unplaced


@pytest.mark.parametrize("odd", ["第一行\r\n第二行", "制表\t符", "\u2028"])
def test_text_yaml_reads_back_otherwise_is_checked_from_the_file(odd: str) -> None:
    """Imported text holding a character YAML reads back otherwise (a line break other than
    \\n, a tab) is checked from the data file written and read, as before."""
    found, _text = import_report(CORPUS / REPORTS[0])
    assert as_read(found, "x") is not None
    found.data["导语"] = odd
    assert as_read(found, "x") is None


@pytest.mark.parametrize(
    "name", ["2023-example-street.yaml", "2020-example-town.yaml", "2017-shuanglong.yaml"]
)
def test_check_data_is_check_text_without_the_text(name: str) -> None:
    """check_data of a file's parsed data gives check_text's report, data and problems (the
    same checks), only not placed on lines."""
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    data = yamlfile.parse(text)
    data["单位"]["全称"] = ""  # a problem to find
    data["总体情况"] = "一段话"
    fast = check_data(data, name, draft=True)
    slow = check_text(yamlfile.dump_data(data), name, draft=True)
    assert fast.report == slow.report and fast.data == slow.data
    assert fast.problems, "the damage is found"
    unplaced = [dataclasses.replace(p, line=None, column=None) for p in slow.problems]
    assert sorted(fast.problems, key=str) == sorted(unplaced, key=str)


def test_audit_in_workers_gives_the_same_output(tmp_path: Path) -> None:
    """``audit FOLDER -j 2`` (in worker processes) prints the same JSON and exit code as -j 1:
    every report, in the same order, with the same findings."""
    for copy in ("a", "b"):  # enough reports for workers to be used
        (tmp_path / copy).mkdir()
        for name in REPORTS:
            shutil.copy(CORPUS / name, tmp_path / copy / name)
    (tmp_path / "b" / "空.html").write_text("", encoding="utf-8")  # one that cannot be read
    assert len(collect_reports([tmp_path])) >= batch.MIN_PARALLEL
    one, two = (
        CliRunner().invoke(main, ["audit", str(tmp_path), "--format", "json", "-j", jobs])
        for jobs in ("1", "2")
    )
    assert one.exit_code == two.exit_code == 1, two.output
    assert json.loads(two.stdout) == json.loads(one.stdout)
    assert len(json.loads(one.stdout)["reports"]) == 2 * len(REPORTS) + 1


def test_a_bug_in_one_report_is_that_reports_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker never raises: a bug met in one report is its failure line, the others are
    audited."""
    real = auditing.audit_file

    paths = [CORPUS / name for name in REPORTS[:3]]

    def buggy(path: Path, **options: Any) -> auditing.Audit:
        if path == paths[1]:
            raise KeyError("boom")
        return real(path, **options)

    monkeypatch.setattr(auditing, "audit_file", buggy)
    audits = auditing.audit_files(paths, jobs=1)
    assert [a.file for a in audits] == [str(p) for p in paths]
    assert [a.failure is not None for a in audits] == [False, True, False]
    assert audits[1].failure is not None and "KeyError" in audits[1].failure
    assert audits[1].failure.startswith(str(paths[1]))


def _workers(pid: int) -> int:
    """How many child processes ``pid`` has (the pool's workers, once they are started)."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return len(children.read_text().split()) if children.exists() else 0


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc (Linux)")
@pytest.mark.parametrize(
    ("signum", "exit_code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["int", "term"]
)
def test_interrupted_audit_exits_quietly(tmp_path: Path, signum: int, exit_code: int) -> None:
    """``audit -j 2`` stopped by Ctrl-C or SIGTERM while its workers run exits 128 + the
    signal number, says it was stopped, and prints no traceback or worker noise."""
    for copy in range(12):
        (tmp_path / str(copy)).mkdir()
        for name in REPORTS:
            shutil.copy(CORPUS / name, tmp_path / str(copy) / name)
    command = [sys.executable, "-c", "from reportkit.cli import main; main()"]
    process = subprocess.Popen(
        [*command, "audit", str(tmp_path), "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env={**os.environ, "REPORTKIT_LANG": "zh"},
    )
    while process.poll() is None and _workers(process.pid) < 2:
        time.sleep(0.02)  # not timed: it waits as long as the run takes to start its workers
    if process.poll() is not None:
        pytest.fail("the audit ended before it could be interrupted")
    process.send_signal(signum)
    stdout, stderr = _finish(process)
    assert process.returncode == exit_code, stderr
    assert "已中断" in stderr
    for noise in ("Traceback", "ForkPoolWorker", "KeyboardInterrupt", "SystemExit"):
        assert noise not in stderr + stdout
