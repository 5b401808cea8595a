"""Every command through click's runner, and the whole program once as a real process."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from reportkit.cli import main
from tests.conftest import MINIMAL_2007, SHUANGLONG


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_validate_ok(runner: CliRunner) -> None:
    """A valid file exits 0 with a one-line summary."""
    result = runner.invoke(main, ["validate", str(SHUANGLONG)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"{SHUANGLONG}: 校验通过（2007 年版格式，2017 年度，0 个警告）"


def test_validate_bad_file_exits_1_with_placed_messages(runner: CliRunner, tmp_path: Path) -> None:
    """A file with errors exits 1 and lists each as file:line:column: field: problem."""
    path = tmp_path / "bad.yaml"
    path.write_text(MINIMAL_2007.replace("条数: 1", "条数: -1"), encoding="utf-8")
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert f"{path}:10:7: 主动公开.分类[1].条数: 应为非负数（现为 -1）" in result.stdout
    assert "Traceback" not in result.output


def test_render_writes_docx_and_refuses_to_overwrite(runner: CliRunner, tmp_path: Path) -> None:
    """render writes the .docx once; a second run without --force leaves it alone and exits 1."""
    out = tmp_path / "out.docx"
    first = runner.invoke(main, ["render", str(SHUANGLONG), "-o", str(out)])
    assert first.exit_code == 0, first.output
    assert out.stat().st_size > 0
    before = out.read_bytes()
    second = runner.invoke(main, ["render", str(SHUANGLONG), "-o", str(out)])
    assert second.exit_code == 1
    assert "已存在" in second.stderr and "--force" in second.stderr
    assert out.read_bytes() == before
    third = runner.invoke(main, ["render", str(SHUANGLONG), "-o", str(out), "--force"])
    assert third.exit_code == 0


def test_render_invalid_data_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    """Invalid data: exit 1, every problem on stderr, and no output file at all."""
    path = tmp_path / "bad.yaml"
    path.write_text(MINIMAL_2007.replace("  收到申请: 0", "  收到申请:"), encoding="utf-8")
    result = runner.invoke(main, ["render", str(path)])
    assert result.exit_code == 1
    assert "依申请公开.收到申请: 未填写" in result.stderr
    assert list(tmp_path.iterdir()) == [path]


def test_render_draft_renders_incomplete_data(runner: CliRunner, tmp_path: Path) -> None:
    """--draft renders an unfilled file, warning about each blank."""
    path = tmp_path / "draft.yaml"
    path.write_text(MINIMAL_2007.replace("  收到申请: 0", "  收到申请:"), encoding="utf-8")
    result = runner.invoke(main, ["render", str(path), "--draft"])
    assert result.exit_code == 0, result.output
    assert "警告：未填写" in result.stderr
    assert (tmp_path / "draft.docx").exists()


@pytest.mark.parametrize(
    ("target", "message"),
    [("data.yaml", "输出文件应以 .docx 结尾"), ("out.txt", "输出文件应以 .docx 结尾")],
)
def test_render_refuses_dangerous_outputs(
    runner: CliRunner, tmp_path: Path, target: str, message: str
) -> None:
    """render never writes over its own data file nor to a non-.docx path."""
    data = tmp_path / "data.yaml"
    data.write_text(MINIMAL_2007, encoding="utf-8")
    result = runner.invoke(main, ["render", str(data), "-o", str(tmp_path / target), "--force"])
    assert result.exit_code == 2
    assert message in result.stderr
    assert data.read_text(encoding="utf-8") == MINIMAL_2007


def test_new_writes_starter_and_never_overwrites(runner: CliRunner, tmp_path: Path) -> None:
    """new writes a starter file; an existing file needs --force."""
    out = tmp_path / "2018.yaml"
    result = runner.invoke(main, ["new", "--year", "2018", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    out.write_text("我的数据", encoding="utf-8")
    again = runner.invoke(main, ["new", "--year", "2018", "-o", str(out)])
    assert again.exit_code == 1
    assert out.read_text(encoding="utf-8") == "我的数据"


def test_new_from_last_year_then_fill_validates_and_renders(
    runner: CliRunner, tmp_path: Path
) -> None:
    """new --from the seed, figures filled in: validate passes and render writes the report."""
    out = tmp_path / "2018.yaml"
    assert (
        runner.invoke(
            main, ["new", "--year", "2018", "--from", str(SHUANGLONG), "-o", str(out)]
        ).exit_code
        == 0
    )
    assert runner.invoke(main, ["validate", str(out)]).exit_code == 1  # figures still blank
    yaml = YAML(typ="rt")
    data = yaml.load(out.read_text(encoding="utf-8"))
    for category in data["主动公开"]["分类"]:
        category["条数"] = 7
    data["依申请公开"]["收到申请"] = 0
    data["收费及减免"]["收费金额"] = 0
    for key in ("行政复议", "行政诉讼", "申诉"):
        data["行政复议和诉讼"][key] = 0
    data["落款"]["日期"] = dt.date(2019, 3, 20)
    with out.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    checked = runner.invoke(main, ["validate", str(out)])
    assert checked.exit_code == 0, checked.output
    assert "与上年报告（2017 年度，上年参照）中的文字完全相同" in checked.output
    rendered = runner.invoke(main, ["render", str(out)])
    assert rendered.exit_code == 0, rendered.output
    assert (tmp_path / "2018.docx").exists()


def test_schema_to_stdout_and_to_folder(runner: CliRunner, tmp_path: Path) -> None:
    """schema prints JSON, or writes era-*.schema.json into a folder (not over files without --force)."""
    printed = runner.invoke(main, ["schema", "--era", "2007"])
    assert printed.exit_code == 0
    assert json.loads(printed.stdout)["properties"]["年度"]["type"] == "integer"
    assert runner.invoke(main, ["schema", "-o", str(tmp_path)]).exit_code == 0
    assert (tmp_path / "era-2007.schema.json").exists()
    assert runner.invoke(main, ["schema", "-o", str(tmp_path)]).exit_code == 1
    fresh = tmp_path / "下发文件" / "2021"
    assert runner.invoke(main, ["schema", "--era", "2021", "-o", str(fresh)]).exit_code == 0
    assert [p.name for p in fresh.iterdir()] == ["era-2021.schema.json"]  # the folder is made
    bad = runner.invoke(main, ["schema", "--era", "1999"])
    assert bad.exit_code == 2


def test_missing_file_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    """A data file that does not exist exits 2 with a sentence, not a traceback."""
    result = runner.invoke(main, ["render", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "文件不存在" in result.stderr


def test_real_process_runs_every_command(tmp_path: Path) -> None:
    """The installed `reportkit` program runs each command in a real subprocess."""
    exe = shutil.which("reportkit", path=str(Path(sys.executable).parent)) or "reportkit"
    env = {**os.environ, "PYTHONWARNINGS": "error"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([exe, *args], capture_output=True, text=True, env=env, cwd=tmp_path)

    assert run("--help").returncode == 0
    new = run("new", "--year", "2018", "-o", "2018.yaml")
    assert new.returncode == 0, new.stderr
    assert (tmp_path / "2018.yaml").exists()
    checked = run("validate", str(SHUANGLONG))
    assert checked.returncode == 0, checked.stderr
    out = tmp_path / "seed.docx"
    rendered = run("render", str(SHUANGLONG), "-o", str(out))
    assert rendered.returncode == 0, rendered.stderr
    assert rendered.stdout.strip() == f"已生成 {out}"
    assert run("schema", "-o", ".").returncode == 0
    assert json.loads((tmp_path / "era-2007.schema.json").read_text(encoding="utf-8"))["title"]
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    failed = run("validate", str(bad))
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr + failed.stdout
