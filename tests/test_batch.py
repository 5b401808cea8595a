"""`reportkit check`: every file of a folder checked, none stopping the others, one line each."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportkit.cli import main
from reportkit.errors import UsageError
from reportkit.office import batch
from tests.conftest import SHUANGLONG
from tests.townships import BREAKAGES, Townships, write_townships


@pytest.fixture(scope="module")
def townships(tmp_path_factory: pytest.TempPathFactory) -> Townships:
    """300 generated township files in county sub-folders, five of them broken."""
    return write_townships(tmp_path_factory.mktemp("townships"), 300)


@pytest.fixture(scope="module")
def checked(townships: Townships) -> list[batch.FileCheck]:
    return batch.check_files(townships.files, jobs=2)


def test_collect_recurses_folders_and_keeps_named_files(tmp_path: Path) -> None:
    """Folders give their .yaml/.yml files at any depth (hidden ones skipped); a named file is kept
    whatever its name, and a file given twice is checked once."""
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    for name in ("a/one.yaml", "a/b/two.yml", "a/notes.txt", ".git/x.yaml", "a/.hidden.yaml"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    named = tmp_path / "named.txt"
    named.write_text("x", encoding="utf-8")
    found = batch.collect([tmp_path / "a", named, tmp_path / "a" / "one.yaml"]).sources
    assert [s.relative.as_posix() for s in found] == ["b/two.yml", "one.yaml", "named.txt"]


def test_collect_refuses_missing_paths_and_empty_folders(tmp_path: Path) -> None:
    """A path that does not exist, or a folder without data files, is a usage error."""
    with pytest.raises(UsageError, match="不存在"):
        batch.collect([tmp_path / "nope"])
    with pytest.raises(UsageError, match="没有找到数据文件"):
        batch.collect([tmp_path])


def test_every_generated_file_is_checked(
    townships: Townships, checked: list[batch.FileCheck]
) -> None:
    """All 300 files are checked in order; the 295 good ones pass without a single warning."""
    assert [r.file for r in checked] == [str(p) for p in townships.files]
    good = [r for r in checked if Path(r.file) in townships.good]
    assert len(good) == 295
    assert all(r.status is batch.Status.OK and r.problems == [] for r in good)
    assert {r.era for r in good} == {"2021"} and {r.year for r in good} == {2023}


def test_exactly_the_broken_files_fail_each_with_its_reason(
    townships: Townships, checked: list[batch.FileCheck]
) -> None:
    """The five broken files, and only they, fail; each status names what is wrong."""
    failed = {Path(r.file): r for r in checked if not r.ok}
    assert set(failed) == set(townships.broken)
    for path, breakage in townships.broken.items():
        assert failed[path].status.value == BREAKAGES[breakage][1], breakage


def test_parallel_and_serial_checks_agree(
    townships: Townships, checked: list[batch.FileCheck]
) -> None:
    """One process or two, the outcome of every file is the same."""
    serial = batch.check_files(townships.files, jobs=1)
    assert [(r.file, r.status, r.problems) for r in serial] == [
        (r.file, r.status, r.problems) for r in checked
    ]


def test_check_command_lists_the_broken_files_with_reasons(townships: Townships) -> None:
    """The table has a row per file; the broken ones are listed again with their problems, exit 1."""
    result = CliRunner().invoke(main, ["check", str(townships.folder), "-j", "2"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    rows = [line for line in lines if line.startswith(str(townships.folder))]
    assert len([r for r in rows if r.endswith("通过")]) == 295
    failing = [r for r in rows if not r.endswith("通过")]
    # a table row and one reason line each; the unbalanced file breaks two identities (its
    # 自然人 column and, through the computed row total, its 总计 column), both mended by
    # the one cell that is named
    assert len(failing) == 5 + 5
    reasons = "\n".join(lines[lines.index("有错误的文件：") :])
    assert "制表符（Tab）" in reasons
    assert "GBK/GB18030 编码" in reasons
    assert "第一项加第二项之和等于第三项加第四项之和" in reasons
    assert "主动公开.行政许可.本年处理决定数量: 未填写" in reasons
    assert "文件为空" in reasons
    assert lines[-1] == "共 300 个文件：295 个通过（其中 0 个有警告），5 个有错误"


def test_check_json_is_for_machines(townships: Townships) -> None:
    """--format json gives a summary and every file with its status code and placed problems."""
    result = CliRunner().invoke(main, ["check", str(townships.folder), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["summary"] == {
        "files": 300,
        "passed": 295,
        "with_warnings": 0,
        "with_errors": 5,
    }
    statuses = {Path(f["file"]): f["status"] for f in report["files"] if f["status"] != "ok"}
    assert statuses == {
        path: {
            "bad-yaml": "yaml",
            "gbk": "encoding",
            "unbalanced": "errors",
            "missing-field": "errors",
            "empty": "empty",
        }[breakage]
        for path, breakage in townships.broken.items()
    }
    unbalanced = next(f for f in report["files"] if f["status"] == "errors" and f["unit"])
    assert unbalanced["problems"][0]["line"] is not None


@pytest.mark.parametrize(
    ("content", "status"),
    [
        (b"\x00\x01\x02PNG", "二进制文件"),
        ("- 一\n- 二\n".encode(), "不是报告数据文件"),
        (b"", "空文件"),
    ],
)
def test_files_that_are_not_reports_are_named_as_such(
    tmp_path: Path, content: bytes, status: str
) -> None:
    """Binary files, lists and empty files are reported for what they are, not as a crash."""
    path = tmp_path / "x.yaml"
    path.write_bytes(content)
    (result,) = batch.check_files([path], jobs=1)
    assert result.status.value == status
    assert not result.ok


def test_a_good_file_passes_with_exit_0(tmp_path: Path) -> None:
    """When every file passes, check exits 0 and says so."""
    result = CliRunner().invoke(main, ["check", str(SHUANGLONG)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "共 1 个文件：1 个通过（其中 0 个有警告），0 个有错误"


def test_only_errors_hides_passing_files(townships: Townships) -> None:
    """--only-errors keeps the table to the files that need attention."""
    result = CliRunner().invoke(main, ["check", str(townships.folder), "--only-errors"])
    rows = [line for line in result.stdout.splitlines() if "  通过" in line or "  有警告" in line]
    assert rows == []
    assert str(next(iter(townships.broken))) in result.stdout


def test_check_table_shows_each_files_first_warning(tmp_path: Path) -> None:
    """A file with warnings shows its first one in the table (line, field and message), not
    only how many there are; a file without warnings leaves the column empty."""
    late = tmp_path / "late.yaml"
    text = SHUANGLONG.read_text(encoding="utf-8")
    late.write_text(text.replace("日期: 2018-03-20", "日期: 2018-04-02"), encoding="utf-8")
    (tmp_path / "good.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[-1] == "首个警告"
    row = next(line for line in lines if line.startswith(str(late)))
    line = text.splitlines().index("  日期: 2018-03-20") + 1
    assert row.endswith(f"有警告  {line}:落款.日期: 成文日期 2018-04-02 晚于发布期限 2018-03-31")
    good = next(x for x in lines if x.startswith(str(tmp_path / "good.yaml")))
    assert good.endswith("通过")
