"""A bug met in one file of a batch is that file's failure: the run goes on and says its summary.

Each test makes a function raise an unexpected exception for one file only (a stand-in for
a bug in reportkit that this file happens to trip) and runs the real command line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import reportkit.loading
import reportkit.office.summary
import reportkit.publish
import reportkit.rendering
from reportkit.cli import main
from reportkit.eras import Era
from reportkit.office.aggregate import Aggregate
from tests.townships import unit_name, write_townships

BUG = "内部错误，请报告：ZeroDivisionError: 除数为零"


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    return write_townships(tmp_path / "报送", 3, broken=False, nested=False).good


def test_check_goes_on_after_a_bug_in_one_file(
    files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """check lists the file that tripped the bug with the exception's type, checks the others
    and prints its summary; the exit code is 1."""
    real = reportkit.loading.check_file

    def check_file(path: Path, **kwargs: Any) -> reportkit.loading.Checked:
        if path == files[1]:
            raise ZeroDivisionError("除数为零")
        return real(path, **kwargs)

    monkeypatch.setattr(reportkit.loading, "check_file", check_file)
    result = CliRunner().invoke(main, ["check", str(files[0].parent), "-j", "1"])
    assert result.exit_code == 1, result.output
    assert f"{files[1]}: {BUG}" in result.output
    assert "共 3 个文件：2 个通过（其中 0 个有警告），1 个有错误" in result.output
    assert "Traceback" not in result.output


def test_bulk_render_goes_on_after_a_bug_in_one_file(
    files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """render of a folder reports the file that tripped the bug, renders the others and prints
    its summary; the exit code is 1."""
    real = reportkit.publish.publish_checked

    def publish_checked(checked: Any, outputs: Mapping[str, Path], **kwargs: Any) -> None:
        if any(path.stem == files[2].stem for path in outputs.values()):
            raise ZeroDivisionError("除数为零")
        real(checked, outputs, **kwargs)

    monkeypatch.setattr(reportkit.publish, "publish_checked", publish_checked)
    out = tmp_path / "报告"
    result = CliRunner().invoke(main, ["render", str(files[0].parent), "-o", str(out), "-j", "1"])
    assert result.exit_code == 1, result.output
    assert f"{files[2]}: {BUG}" in result.stderr
    assert result.stdout.splitlines()[-1] == "共 3 个数据文件：已生成 2 个，失败 1 个"
    assert sorted(p.stem for p in out.iterdir()) == [files[0].stem, files[1].stem]


def test_aggregate_leaves_out_a_file_that_trips_a_bug(
    files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """aggregate names the one unit whose figures trip a bug in summing and why: without
    --allow-partial it writes nothing (exit 1); with it, it sums the others."""
    real = reportkit.office.summary.aggregate

    def aggregate(era: Era, units: Sequence[Mapping[str, Any]]) -> Aggregate:
        if any(unit["单位"]["全称"] == unit_name(0) for unit in units):
            raise ZeroDivisionError("除数为零")
        return real(era, units)

    monkeypatch.setattr(reportkit.office.summary, "aggregate", aggregate)
    stem = tmp_path / "汇总"
    refused = CliRunner().invoke(main, ["aggregate", str(files[0].parent), "-o", str(stem)])
    assert refused.exit_code == 1, refused.output
    assert f"未计入 {files[0]}（{unit_name(0)}）：{BUG}" in refused.stderr
    assert not (tmp_path / "汇总.xlsx").exists()
    result = CliRunner().invoke(
        main, ["aggregate", str(files[0].parent), "-o", str(stem), "--allow-partial"]
    )
    assert result.exit_code == 0, result.output
    assert f"未计入 {files[0]}（{unit_name(0)}）：{BUG}" in result.stderr
    assert "已汇总 2 个单位" in result.stdout
    assert (tmp_path / "汇总.xlsx").is_file()
