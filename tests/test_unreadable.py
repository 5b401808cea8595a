"""Nothing is skipped quietly, nothing is read that should not be: folders and files that
cannot be read, special files, huge files and names that are not UTF-8.

A folder or file that cannot be read (permissions) is reported by check, aggregate and a
bulk render, with the reason, and the run exits 1. Running as root reads everything, so
reading is made to fail by monkeypatching os.scandir / os.open for one path; the same
runs with real permissions where the tests are not run as root.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from reportkit.cli import main
from reportkit.errors import DataError
from reportkit.loading import read_text
from tests.conftest import MINIMAL_2007

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture(params=["monkeypatched", "permissions"])
def locked(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """A folder ``in`` with a good data file and a subfolder ``in/locked`` that cannot be read
    (holding a data file), and a data file ``in/secret.yaml`` that cannot be read."""
    inside = tmp_path / "in"
    (inside / "locked").mkdir(parents=True)
    for path in (inside / "good.yaml", inside / "locked" / "b.yaml", inside / "secret.yaml"):
        path.write_text(MINIMAL_2007, encoding="utf-8")
    if request.param == "permissions":
        if AS_ROOT:
            pytest.skip("root can read everything")
        (inside / "locked").chmod(0)
        (inside / "secret.yaml").chmod(0)
        yield inside
        (inside / "locked").chmod(0o755)
        (inside / "secret.yaml").chmod(0o644)
        return
    scandir, os_open = os.scandir, os.open

    def refused(path: Any) -> bool:
        if Path(path).name in ("locked", "secret.yaml"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return False

    monkeypatch.setattr(os, "scandir", lambda path=".": refused(path) or scandir(path))
    monkeypatch.setattr(
        os, "open", lambda path, *args, **kw: refused(path) or os_open(path, *args, **kw)
    )
    yield inside


def test_check_reports_unreadable_folder_and_file(locked: Path) -> None:
    """check lists the folder and the file that cannot be read, with the reason, and exits 1."""
    result = CliRunner().invoke(main, ["check", str(locked)])
    assert result.exit_code == 1, result.output
    assert f"{locked / 'locked'}: 无法读取文件夹（没有权限）" in result.output
    assert f"{locked / 'secret.yaml'}: 无法读取（没有权限）" in result.output
    assert "共 3 个文件：1 个通过（其中 0 个有警告），2 个有错误" in result.output


def test_aggregate_refuses_when_something_cannot_be_read(locked: Path, tmp_path: Path) -> None:
    """aggregate names what cannot be read, writes no summary (it would miss units) and exits 1."""
    result = CliRunner().invoke(main, ["aggregate", str(locked), "-o", str(tmp_path / "sum")])
    assert result.exit_code == 1, result.output
    assert "locked: 无法读取文件夹（没有权限）" in result.stderr
    assert "secret.yaml: 无法读取（没有权限）" in result.stderr
    assert "有 2 个文件或文件夹无法读取，未汇总" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


def test_bulk_render_reports_what_cannot_be_read(locked: Path, tmp_path: Path) -> None:
    """A bulk render renders what it can, lists the folder and the file it cannot read, exits 1."""
    result = CliRunner().invoke(main, ["render", str(locked), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    assert "无法读取文件夹（没有权限）" in result.stderr
    assert "secret.yaml: 无法读取（没有权限）" in result.stderr
    assert "已生成 1 个，失败 2 个" in result.output
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["good.docx"]


def test_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """A file over the size limit is refused from its size: its content is never read."""
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(64 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(DataError, match="文件过大"):
            read_text(huge)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024 * 1024


def test_dangling_link_is_named_once(tmp_path: Path) -> None:
    """check names a dangling link once in its problem line, saying where it points."""
    (tmp_path / "a.yaml").symlink_to("nowhere.yaml")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "a.yaml")])
    assert result.exit_code == 1
    line = f"{tmp_path / 'a.yaml'}: 链接指向的文件不存在（nowhere.yaml）"
    assert line in result.output.splitlines()
    assert result.output.count(str(tmp_path / "a.yaml")) == 2  # the table row and that line


@pytest.mark.skipif(sys.platform == "win32", reason="file names are not bytes on Windows")
def test_check_json_is_utf8_for_a_name_that_is_not(tmp_path: Path) -> None:
    """check --format json writes valid UTF-8 for a file name that is not UTF-8: the byte
    appears as a \\udcff escape, and reads back as the same name."""
    name = os.fsdecode(b"\xff.yaml")
    try:
        (tmp_path / name).write_text(MINIMAL_2007, encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    exe = shutil.which("reportkit", path=str(Path(sys.executable).parent)) or "reportkit"
    done = subprocess.run(
        [exe, "check", "--format", "json", "."], capture_output=True, cwd=tmp_path, check=False
    )
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("utf-8")  # raises if it is not UTF-8
    assert '"file": "\\udcff.yaml"' in text
    assert os.fsencode(json.loads(text)["files"][0]["file"]) == b"\xff.yaml"
