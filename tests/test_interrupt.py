"""A bulk render stopped by Ctrl-C or SIGTERM: no debris, no worker noise, what was done is said.

Signals cannot be a row of the hostile-input table: each test starts the real command line
in a subprocess, waits until some reports exist, sends the signal and reads what is left.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.docx_text import open_docx
from tests.townships import write_townships

COUNT = 300

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def _start(data: Path, out: Path) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", "from reportkit.cli import main; main()"]
    return subprocess.Popen(
        [*command, "render", str(data), "-o", str(out), "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env={**os.environ, "REPORTKIT_LANG": "zh"},
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )


def _wait_for_reports(out: Path, process: subprocess.Popen[str]) -> None:
    """Until a few reports are written (not timed: it waits as long as the render runs)."""
    while process.poll() is None:
        if out.is_dir() and len(list(out.rglob("*.docx"))) >= 3:
            return
        time.sleep(0.02)
    pytest.fail("the render ended before it could be interrupted")


@pytest.mark.parametrize(
    ("signum", "whole_group", "exit_code"),
    [
        (signal.SIGINT, True, 130),  # Ctrl-C at a terminal: the parent and every worker
        (signal.SIGINT, False, 130),  # kill -INT of the main process only
        (signal.SIGTERM, False, 143),  # kill, a service manager, a CI time-out
    ],
    ids=["ctrl-c", "sigint", "sigterm"],
)
def test_interrupted_bulk_render_leaves_no_debris(
    tmp_path: Path, signum: int, whole_group: bool, exit_code: int
) -> None:
    """The run exits 128 + the signal number, leaves no temporary file, prints no traceback or
    worker noise, and lists exactly the reports that exist, each of them complete."""
    data = tmp_path / "报送"
    write_townships(data, COUNT, broken=False)
    out = tmp_path / "报告"
    process = _start(data, out)
    _wait_for_reports(out, process)
    if whole_group:
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)
    stdout, stderr = process.communicate()
    assert process.returncode == exit_code, stderr
    left = sorted(p.name for p in tmp_path.rglob("*") if p.name.endswith(".tmp"))
    assert left == [], stderr
    for noise in ("Traceback", "ForkPoolWorker", "KeyboardInterrupt", "SystemExit"):
        assert noise not in stderr + stdout
    written = {str(p) for p in out.rglob("*.docx")}
    listed = {line.removeprefix("已生成 ") for line in stdout.splitlines()}
    assert written == listed
    assert 3 <= len(written) < COUNT
    assert f"共 {COUNT} 个数据文件：中断前已生成 {len(written)} 个" in stderr
    assert "已中断" in stderr
    for path in written:
        assert open_docx(Path(path)).paragraphs[0].text  # a whole document, not a torso
