"""Two commands writing one new output at the same moment: exactly one succeeds.

The target is checked before any work, but two renders can both pass that check; the
final step (reportkit.outputs) must then refuse atomically for the later one. Each
round holds both processes at a barrier just before that final step, so the race is
run every time, not left to chance.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner

from reportkit.cli import main
from reportkit.outputs import OutputGroup
from tests.conftest import SHUANGLONG

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs fork"
)


def _race(args: list[str], barrier: Any, results: Any) -> None:
    """Run the command line in this (forked) process, meeting the other at the final step."""
    commit = OutputGroup.commit

    def commit_together(self: OutputGroup) -> None:
        barrier.wait(timeout=120)
        commit(self)

    OutputGroup.commit = commit_together  # type: ignore[method-assign]
    result = CliRunner().invoke(main, args)
    results.put((result.exit_code, result.stdout + result.stderr))


def _run_pair(args: list[str]) -> list[tuple[int, str]]:
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(2)
    results = context.Queue()
    processes = [context.Process(target=_race, args=(args, barrier, results)) for _ in range(2)]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=300) for _ in processes]
    for process in processes:
        process.join()
    return sorted(outcomes)


def test_two_renders_to_one_new_output(tmp_path: Path) -> None:
    """Twenty times, two renders to one new .docx at once: one says 已生成, the other exits 1
    saying the file appeared, and the .docx is a whole report with no temporary file left."""
    CliRunner().invoke(main, ["render", str(SHUANGLONG), "-o", str(tmp_path / "warm.docx")])
    for round_ in range(20):
        folder = tmp_path / str(round_)
        folder.mkdir()
        out = folder / "out.docx"
        (ok, ok_text), (refused, refused_text) = _run_pair(
            ["render", str(SHUANGLONG), "-o", str(out)]
        )
        assert (ok, refused) == (0, 1), (ok_text, refused_text)
        assert "已生成" in ok_text
        assert "生成期间已有同名文件出现，未覆盖；如需覆盖，请加 --force" in refused_text
        assert "Traceback" not in refused_text
        assert [p.name for p in folder.iterdir()] == ["out.docx"]
        assert docx.Document(str(out)).paragraphs


@pytest.mark.parametrize(
    "command",
    [
        ["new", "--year", "2018", "-o", "{dir}/2018.yaml"],
        ["schema", "-o", "{dir}"],
        ["pack", "--era", "2021", "-o", "{dir}/p.zip"],
        ["aggregate", str(SHUANGLONG), "-o", "{dir}/sum"],
    ],
    ids=["new", "schema", "pack", "aggregate"],
)
def test_every_writing_command_refuses_at_the_final_step(
    tmp_path: Path, command: list[str]
) -> None:
    """Every command that writes refuses at its final step when another run wrote first."""
    args = [a.replace("{dir}", str(tmp_path)) for a in command]
    (ok, ok_text), (refused, refused_text) = _run_pair(args)
    assert (ok, refused) == (0, 1), (ok_text, refused_text)
    assert "生成期间已有同名文件出现" in refused_text
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
