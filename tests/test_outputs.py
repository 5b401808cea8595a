"""Outputs are written atomically: a failed or interrupted render leaves nothing behind."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from reportkit.cli import main
from reportkit.errors import OutputError
from reportkit.outputs import write_bytes_atomic
from tests.conftest import SHUANGLONG


def _failing_save(error: BaseException) -> Any:
    def save(self: Any, *args: Any, **kwargs: Any) -> None:
        out = args[-1]  # PreparedTemplate.render(context, out)
        out.write(b"PK\x03\x04 half a document")  # a partial write, then the failure
        raise error

    return save


@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_failure_during_save_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    """A save that fails halfway (disk full, Ctrl-C) leaves neither a partial output nor a temp file."""
    import reportkit.rendering

    monkeypatch.setattr(reportkit.rendering.PreparedTemplate, "render", _failing_save(error))
    out = tmp_path / "out.docx"
    with pytest.raises((OutputError, KeyboardInterrupt)):
        reportkit.render(SHUANGLONG, out)
    assert list(tmp_path.iterdir()) == []


def test_failed_rerender_keeps_the_existing_output_and_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With --force, a render that fails halfway leaves the previous .docx and the data file as they were."""
    import reportkit.rendering

    data = tmp_path / "data.yaml"
    data.write_bytes(SHUANGLONG.read_bytes())
    out = tmp_path / "out.docx"
    reportkit.render(data, out)
    before = out.read_bytes()
    monkeypatch.setattr(
        reportkit.rendering.PreparedTemplate,
        "render",
        _failing_save(OSError(28, "No space left on device")),
    )
    result = CliRunner().invoke(main, ["render", str(data), "-o", str(out), "--force"])
    assert result.exit_code == 1
    assert "写入失败（磁盘空间不足），原有文件未被改动" in result.stderr
    assert "Traceback" not in result.output
    assert out.read_bytes() == before
    assert data.read_bytes() == SHUANGLONG.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.yaml", "out.docx"]


def test_atomic_write_replaces_whole(tmp_path: Path) -> None:
    """A successful atomic write replaces the file's whole content and leaves no temp file."""
    target = tmp_path / "f.bin"
    target.write_bytes(b"old content that is longer")
    write_bytes_atomic(target, b"new", force=True)
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["f.bin"]


def test_atomic_write_without_force_refuses_a_file_that_appeared(tmp_path: Path) -> None:
    """Without force, the final step refuses if the target exists by then (it may have
    appeared after the early check), leaving that file and no temporary file."""
    target = tmp_path / "f.bin"

    def write(handle: Any) -> None:
        target.write_bytes(b"written meanwhile by another program")
        handle.write(b"ours")

    with pytest.raises(
        OutputError, match="生成期间已有同名文件出现，未覆盖；如需覆盖，请加 --force"
    ):
        write_bytes_atomic(target, write)
    assert target.read_bytes() == b"written meanwhile by another program"
    assert [p.name for p in tmp_path.iterdir()] == ["f.bin"]


def test_atomic_write_without_hard_links_still_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a file system without hard links, the name is claimed exclusively instead: a new
    file is written, an existing one is refused."""
    import errno
    import os

    def no_links(*_args: Any) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "f.bin"
    write_bytes_atomic(target, b"first")
    with pytest.raises(OutputError, match="已有同名文件"):
        write_bytes_atomic(target, lambda _handle: None)
    assert target.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["f.bin"]


def test_failed_first_write_does_not_claim_an_earlier_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failed write where there was no earlier file says no file was made, not that an
    earlier one was kept."""
    import reportkit.rendering

    monkeypatch.setattr(
        reportkit.rendering.PreparedTemplate,
        "render",
        _failing_save(OSError(28, "No space left on device")),
    )
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(main, ["render", str(SHUANGLONG), "-o", str(out)])
    assert result.exit_code == 1
    assert "写入失败（磁盘空间不足），未生成文件" in result.stderr
    assert "原有文件" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def _disk_full_on_call(monkeypatch: pytest.MonkeyPatch, target: str, call: int) -> None:
    """Make the ``call``-th call of os.``target`` (1-based) fail as a full disk does."""
    import errno
    import os

    original = getattr(os, target)
    calls = 0

    def fail(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == call:
            raise OSError(errno.ENOSPC, "No space left on device")
        return original(*args, **kwargs)

    monkeypatch.setattr(os, target, fail)


def _aggregate_twice(tmp_path: Path) -> tuple[list[str], dict[str, bytes]]:
    """An earlier summary (sum.yaml + sum.xlsx) and the arguments to make it again."""
    args = ["aggregate", str(SHUANGLONG), "-o", str(tmp_path / "sum"), "--force"]
    assert CliRunner().invoke(main, args).exit_code == 0
    (tmp_path / "sum.yaml").write_text("# the earlier summary\n", encoding="utf-8")
    return args, {p.name: p.read_bytes() for p in tmp_path.iterdir()}


@pytest.mark.parametrize(
    ("target", "call"),
    [("fsync", 2), ("replace", 2)],
    ids=["disk-full-writing-the-workbook", "failure-moving-the-workbook-in"],
)
def test_aggregate_outputs_are_committed_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, call: int
) -> None:
    """aggregate --force that fails on its second output (the disk fills while the workbook is
    written, or moving it in fails) leaves the earlier .yaml and .xlsx as they were, no temp."""
    args, before = _aggregate_twice(tmp_path)
    _disk_full_on_call(monkeypatch, target, call)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert "写入失败（磁盘空间不足），原有文件未被改动" in result.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_schema_files_are_written_together(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """schema -o DIR that fails on its second file leaves no file and no temporary file."""
    _disk_full_on_call(monkeypatch, "fsync", 2)
    result = CliRunner().invoke(main, ["schema", "-o", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert "写入失败（磁盘空间不足），未生成文件" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.fixture(params=[0o027, 0o002], ids=["umask-027", "umask-002"])
def umask(request: pytest.FixtureRequest) -> Any:
    import os

    earlier = os.umask(request.param)
    yield request.param
    os.umask(earlier)


@pytest.mark.parametrize(
    ("command", "written"),
    [
        (["render", str(SHUANGLONG), "-o", "{dir}/out.docx"], ["out.docx"]),
        (["new", "--year", "2018", "-o", "{dir}/2018.yaml"], ["2018.yaml"]),
        (["aggregate", str(SHUANGLONG), "-o", "{dir}/sum"], ["sum.xlsx", "sum.yaml"]),
        (["pack", "--era", "2021", "-o", "{dir}/p.zip"], ["p.zip"]),
    ],
    ids=["render", "new", "aggregate", "pack"],
)
def test_files_are_created_as_the_umask_says(
    tmp_path: Path, umask: int, command: list[str], written: list[str]
) -> None:
    """Every output gets the mode a new file gets under the user's umask (not 0600, not 0644)."""
    args = [a.replace("{dir}", str(tmp_path)) for a in command]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == written
    for name in written:
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o666 & ~umask


def _file_limit(size: int) -> Any:
    """In the child: files may grow to ``size`` bytes only; a write beyond gets EFBIG."""

    def limit() -> None:
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


# 4 KiB: openpyxl's own temporary sheet files fail; 12 KiB: the workbook itself does
@pytest.mark.parametrize("size", [4096, 12288], ids=["sheet-spool", "workbook"])
def test_workbook_cut_off_by_a_full_disk_prints_no_traceback(tmp_path: Path, size: int) -> None:
    """aggregate --force whose workbook write fails midway (file-size limit, as a full disk)
    says so once, keeps the earlier files and prints no "Exception ignored" traceback."""
    import subprocess
    import sys

    args, before = _aggregate_twice(tmp_path)
    run = subprocess.run(
        [str(Path(sys.executable).with_name("reportkit")), *args],
        capture_output=True,
        text=True,
        preexec_fn=_file_limit(size),
        check=False,
    )
    assert run.returncode == 1, run.stderr
    assert "sum.xlsx: 写入失败（File too large），原有文件未被改动" in run.stderr
    assert "Traceback" not in run.stderr and "Exception ignored" not in run.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
