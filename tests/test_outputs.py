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
    write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["f.bin"]
