"""A bulk render stopped by Ctrl-C or SIGTERM: no debris, no worker noise, what was done is said.

Signals cannot be a row of the hostile-input table: each test starts the real command line
in a subprocess, waits until some reports exist, sends the signal and reads what is left.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from reportkit.office import batch
from tests.docx_text import open_docx
from tests.townships import write_townships

COUNT = 300

HANG_GUARD_SECONDS = 120
"""Far longer than any stop takes: past it, the run is taken to hang (and is killed)."""


def _finish(process: subprocess.Popen[str]) -> tuple[str, str]:
    """What a stopped run printed, once it has ended; a run that does not end fails the test
    (it is killed) instead of hanging the whole suite."""
    try:
        return process.communicate(timeout=HANG_GUARD_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail("the stopped run did not end")


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
    stdout, stderr = _finish(process)
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


_ORPHANED_LOCK = """
import os, signal, sys, time
import multiprocessing
from reportkit.office import batch

def grab(_):
    # As a worker does while it waits for a task, it takes the task queue's read lock; then
    # it is killed holding it (SIGKILL, or a signal arriving just as it got the lock).
    frame = sys._getframe()
    while "inqueue" not in frame.f_locals:
        frame = frame.f_back
    frame.f_locals["inqueue"]._rlock.acquire()
    os.kill(os.getpid(), signal.SIGKILL)

pool = multiprocessing.get_context("fork").Pool(1)
first = pool._pool[0]
pool.map_async(grab, [1])
first.join()
batch._stop_workers(pool)
import threading
# the pool's own shutdown ended (not merely given up on after its grace)
assert not any(t.name == "reportkit-pool-stop" and t.is_alive() for t in threading.enumerate())
pool.terminate()
print("stopped")
"""


def test_a_worker_killed_holding_the_task_lock_does_not_hang_the_stop() -> None:
    """A worker killed while it held the task queue's lock (a stop under a loaded machine):
    stopping the run still ends, instead of waiting for that lock for ever."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", _ORPHANED_LOCK],
            capture_output=True,
            text=True,
            timeout=HANG_GUARD_SECONDS,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the stop waited for the dead worker's lock")
    assert done.stdout.strip() == "stopped", done.stderr


class _StuckPool:
    """A pool whose own shutdown never ends (a lock or pipe left by a killed worker that no
    one foresaw): no workers, no handler, and a terminate() that waits for ever."""

    def __init__(self) -> None:
        self._pool: list[object] = []
        self.stuck = threading.Event()

    def terminate(self) -> None:
        self.stuck.set()
        threading.Event().wait()


def test_a_pool_whose_shutdown_hangs_is_given_up_on_after_the_grace(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Stopping a run waits for the pool's own shutdown only for the workers' grace: a run
    cut short ends even when that shutdown would wait for ever."""
    monkeypatch.setattr(batch, "WORKER_GRACE_SECONDS", 0.2)
    pool = _StuckPool()
    started = time.monotonic()
    batch._stop_workers(pool)
    assert pool.stuck.is_set()  # the pool was asked to shut down
    assert time.monotonic() - started < 5  # the grace (0.2 s), not for ever
