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
    assert "写入失败（No space left on device），原有文件未被改动" in result.stderr
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
    assert "写入失败（No space left on device），未生成文件" in result.stderr
    assert "原有文件" not in result.stderr
    assert list(tmp_path.iterdir()) == []
