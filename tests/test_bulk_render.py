"""Rendering many files: in parallel, each failure reported, the others still rendered; and the
prepared template writes exactly what docxtpl writes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docxtpl import DocxTemplate

from reportkit.cli import main
from reportkit.context import build_context
from reportkit.eras import era_names
from reportkit.loading import load
from reportkit.office import batch
from reportkit.rendering import PreparedTemplate, default_template, make_environment
from tests.conftest import EXAMPLE_BY_ERA, SHUANGLONG, STREET_2023
from tests.docx_text import open_docx
from tests.townships import unit_name, write_townships


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        return {name: package.read(name) for name in package.namelist()}


def _docxtpl(context: dict[str, object], template: bytes) -> bytes:
    tpl = DocxTemplate(io.BytesIO(template))
    tpl.render(context, jinja_env=make_environment(), autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def _prepared(context: dict[str, object], template: bytes) -> bytes:
    out = io.BytesIO()
    PreparedTemplate(template).render(context, out)
    return out.getvalue()


@pytest.mark.parametrize("era", era_names())
def test_prepared_template_writes_what_docxtpl_writes(era: str) -> None:
    """For every era's example, each part of the package equals what DocxTemplate.render and
    save write (the same parts, in the same order, byte for byte)."""
    report, _ = load(EXAMPLE_BY_ERA[era])
    context = build_context(report)
    template = default_template(era)
    expected = _parts(_docxtpl(context, template))
    got = _parts(_prepared(context, template))
    assert list(got) == list(expected)
    assert [name for name in got if got[name] != expected[name]] == []


def test_prepared_template_fixes_tables_as_docxtpl_does() -> None:
    """A table whose rows span fewer columns than its grid declares is repaired the way
    docxtpl's fix_tables repairs it, and a line break in a value becomes a <w:br/>."""
    document = docx.Document()
    document.add_paragraph("{{ title }}")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).text = "{{ a }}"
    row = table.rows[1]._tr
    row.remove(row.tc_lst[-1])  # a row one cell short
    buffer = io.BytesIO()
    document.save(buffer)
    context: dict[str, object] = {"title": "第一行\n第二行 & <三>", "a": "甲"}
    expected = _parts(_docxtpl(context, buffer.getvalue()))
    got = _parts(_prepared(context, buffer.getvalue()))
    assert got == expected
    assert b"<w:br/>" in got["word/document.xml"]


def test_one_prepared_template_renders_many_reports(tmp_path: Path) -> None:
    """A prepared template renders different reports one after another, each one its own."""
    prepared = PreparedTemplate(default_template("2021"))
    files = write_townships(tmp_path, 3, broken=False, nested=False).good
    for i, path in enumerate(files):
        out = io.BytesIO()
        prepared.render(build_context(load(path)[0]), out)
        out.seek(0)
        assert docx.Document(out).paragraphs[0].text == unit_name(i)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Six township files in two county folders, and a seventh with an error."""
    data = tmp_path / "报送"
    write_townships(data, 6, broken=False)
    (data / "county-000" / "坏文件.yaml").write_text(
        STREET_2023.read_text(encoding="utf-8").replace("本年制发件数: 1", "本年制发件数: -1"),
        encoding="utf-8",
    )
    return data


def test_folder_renders_into_output_folder_keeping_subfolders(folder: Path, tmp_path: Path) -> None:
    """Every good file is rendered into -o DIR under its county folder; the bad one is reported
    with its problem, the others are rendered all the same, and the exit code is 1."""
    out = tmp_path / "报告"
    result = CliRunner().invoke(main, ["render", str(folder), "-o", str(out)])
    assert result.exit_code == 1
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.docx"))
    assert written == [f"county-000/town-{i:05d}.docx" for i in range(6)]
    assert "坏文件.yaml: 未生成" in result.stderr
    assert "主动公开.行政规范性文件.本年制发件数: 应为非负数" in result.stderr
    assert result.stdout.splitlines()[-1] == "共 7 个数据文件：已生成 6 个，失败 1 个"
    assert open_docx(out / "county-000" / "town-00002.docx").paragraphs[0].text == unit_name(2)


def test_many_files_render_beside_their_data_and_never_overwrite(tmp_path: Path) -> None:
    """Without -o each .docx goes beside its data file; a second run without --force fails for
    every existing file and leaves it untouched."""
    files = write_townships(tmp_path, 2, broken=False, nested=False).good
    runner = CliRunner()
    first = runner.invoke(main, ["render", *map(str, files)])
    assert first.exit_code == 0, first.output
    targets = [p.with_suffix(".docx") for p in files]
    before = [t.read_bytes() for t in targets]
    second = runner.invoke(main, ["render", *map(str, files)])
    assert second.exit_code == 1
    assert second.stderr.count("已存在") == 2
    assert [t.read_bytes() for t in targets] == before
    assert runner.invoke(main, ["render", *map(str, files), "--force"]).exit_code == 0


def test_two_inputs_with_one_output_name_do_not_overwrite_each_other(tmp_path: Path) -> None:
    """Two data files that would write the same .docx into -o DIR: the second is refused."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one, two = tmp_path / "a" / "same.yaml", tmp_path / "b" / "same.yaml"
    one.write_bytes(SHUANGLONG.read_bytes())
    two.write_bytes(SHUANGLONG.read_bytes())
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(one), str(two), "-o", str(out)])
    assert result.exit_code == 1
    assert f"与 {one} 的输出文件同名" in result.stderr
    assert [p.name for p in out.iterdir()] == ["same.docx"]


def test_a_data_file_named_docx_is_never_its_own_output(tmp_path: Path) -> None:
    """A data file called data.docx would be its own output: refused even with --force, and
    the file is left as it was."""
    data = tmp_path / "data.docx"
    data.write_bytes(SHUANGLONG.read_bytes())
    other = tmp_path / "other.yaml"
    other.write_bytes(SHUANGLONG.read_bytes())
    result = CliRunner().invoke(main, ["render", str(data), str(other), "--force"])
    assert result.exit_code == 1
    assert "输出文件不能是输入文件本身" in result.stderr
    assert data.read_bytes() == SHUANGLONG.read_bytes()
    assert (tmp_path / "other.docx").is_file()


def test_a_file_with_errors_is_reported_once_and_leaves_no_folder(tmp_path: Path) -> None:
    """A file with errors in a sub-folder: its problems are printed once, and no empty output
    folder is made for it."""
    (tmp_path / "in" / "sub").mkdir(parents=True)
    bad = tmp_path / "in" / "sub" / "bad.yaml"
    text = SHUANGLONG.read_text(encoding="utf-8").replace("日期: 2018-03-20", "日期: 2019-05-01")
    bad.write_text(text.replace("自称: 我镇", "自称:"), encoding="utf-8")
    (tmp_path / "in" / "good.yaml").write_bytes(SHUANGLONG.read_bytes())
    result = CliRunner().invoke(main, ["render", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output.count("晚于发布期限") == 1  # the warning, in the error's list only
    assert "单位.自称: 未填写" in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["good.docx"]


def test_parallel_rendering_matches_serial(tmp_path: Path) -> None:
    """Rendered in two processes or in one, the documents read the same."""
    sources = batch.collect([write_townships(tmp_path / "in", 26, broken=False).folder]).sources
    serial = batch.render_files(batch.plan_outputs(sources, tmp_path / "one"), jobs=1)
    parallel = batch.render_files(batch.plan_outputs(sources, tmp_path / "two"), jobs=2)
    assert all(r.ok for r in serial + parallel)
    for a, b in zip(serial, parallel, strict=True):
        text_a = [p.text for p in open_docx(Path(a.target)).paragraphs]
        assert text_a == [p.text for p in open_docx(Path(b.target)).paragraphs]


def test_output_must_be_a_folder_for_many_inputs(tmp_path: Path) -> None:
    """With several inputs, -o naming an existing file is a usage error."""
    taken = tmp_path / "taken.docx"
    taken.write_bytes(b"x")
    result = CliRunner().invoke(
        main, ["render", str(SHUANGLONG), str(STREET_2023), "-o", str(taken)]
    )
    assert result.exit_code == 2
    assert "输出文件夹" in result.stderr


def _recording(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every fsync and hard link the outputs module makes, in order: ("sync"|"link", name)."""
    import os

    import reportkit.outputs

    events: list[tuple[str, str]] = []
    real_fsync, real_link = os.fsync, os.link

    def fsync(fd: int) -> None:
        events.append(("sync", Path(os.readlink(f"/proc/self/fd/{fd}")).name))
        real_fsync(fd)

    def link(src: str, dst: str) -> None:
        events.append(("link", Path(src).name))
        real_link(src, dst)

    monkeypatch.setattr(reportkit.outputs.os, "fsync", fsync)
    monkeypatch.setattr(reportkit.outputs.os, "link", link)
    return events


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="reads /proc (Linux)")
def test_every_bulk_output_is_on_the_disk_before_it_has_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bulk render syncs each output's temporary file before linking it to its name (a power
    cut never leaves an empty report), and syncs a chunk's files together: all of a chunk's
    syncs come before its first link."""
    events = _recording(monkeypatch)
    files = write_townships(tmp_path / "in", 2 * batch.RENDER_CHUNK + 3, broken=False).folder
    pairs = batch.plan_outputs(batch.collect([files]).sources, tmp_path / "out")
    results = batch.render_files(pairs, jobs=1, formats=("docx", "html"))
    assert all(r.ok for r in results)
    synced = [name for kind, name in events if kind == "sync"]
    linked = [name for kind, name in events if kind == "link"]
    assert sorted(synced) == sorted(linked)
    assert len(linked) == 2 * len(pairs)  # a .docx and an .html each
    first_link = next(i for i, (kind, _name) in enumerate(events) if kind == "link")
    assert len([e for e in events[:first_link] if e[0] == "sync"]) == 2 * batch.RENDER_CHUNK
    assert list((tmp_path / "out").rglob(".*")) == []  # no temporary file left


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="reads /proc (Linux)")
def test_a_chunk_whose_file_cannot_be_synced_fails_that_report_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When one report's file cannot be written to the disk (an I/O error at the sync), that
    report fails with the reason and leaves nothing; the others of its chunk are written."""
    import os

    import reportkit.outputs

    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if "town-00001" in os.readlink(f"/proc/self/fd/{fd}"):
            raise OSError(5, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(reportkit.outputs.os, "fsync", fsync)
    files = write_townships(tmp_path / "in", 4, broken=False, nested=False).good
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", *map(str, files), "-o", str(out), "--to", "html"])
    assert result.exit_code == 1
    assert f"{out / 'town-00001.html'}: 写入失败（" in result.stderr
    assert "未生成文件" in result.stderr
    assert "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "town-00000.html",
        "town-00002.html",
        "town-00003.html",
    ]
