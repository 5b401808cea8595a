"""render --to pdf: LibreOffice in one process per batch, the GB/T 9704 faces mapped to free
serif/Hei/Kai faces (never one sans fallback), the metadata set, a clear word when it is missing."""

from __future__ import annotations

import itertools
import os
import shutil
import stat
import subprocess
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportkit.cli import main
from reportkit.context import build_context
from reportkit.loading import load
from tests.conftest import EXAMPLE_BY_ERA, SHUANGLONG, STREET_2023
from tests.pdf_pages import Line, pdf_lines, render_pdfs

SERIF_CJK = "NotoSerifCJK"  # title and body (方正小标宋简体, 仿宋_GB2312)
HEI = "NotoSansCJK"  # 一、 headings (黑体)
KAI = "UKai"  # （一） headings (楷体_GB2312)
TIMES = "LiberationSerif"  # numerals (Times New Roman)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pdf")
    eras = sorted(EXAMPLE_BY_ERA)
    made = render_pdfs([EXAMPLE_BY_ERA[era] for era in eras], out)
    return dict(zip(eras, made, strict=True))


def _ideograph(char: str) -> bool:
    return unicodedata.category(char) == "Lo" and "CJK" in unicodedata.name(char, "")


def _part_of(text: str, headings: set[str]) -> bool:
    """Whether a line is a heading, or the first or last line of one that wraps."""
    return any(h.startswith(text) or h.endswith(text) for h in headings)


def _headings(source: Path, kind: str) -> set[str]:
    report, _warnings = load(source)
    from reportkit.loading import check_file

    checked = check_file(source)
    assert checked.data is not None
    blocks = build_context(report, checked.data)["blocks"]
    return {b["number"] + b["title"] for b in blocks if b["kind"] == kind}


@pytest.mark.parametrize("era", sorted(EXAMPLE_BY_ERA))
def test_faces_follow_the_outline(era: str, pdfs: dict[str, Path]) -> None:
    """Title and body in a serif CJK face, 一、 headings in Hei, （一） headings in Kai,
    digits in a Times-like face; no character falls back to any other face."""
    h1 = _headings(EXAMPLE_BY_ERA[era], "h1")
    h2 = _headings(EXAMPLE_BY_ERA[era], "h2")
    lines = pdf_lines(pdfs[era])
    seen = {"h1": 0, "h2": 0, "serif": 0, "digits": 0}
    for line in lines:
        if line.text.startswith("—"):
            continue  # the page number: 宋体 throughout, dashes and digits (GB/T 9704 §7.5)
        kind = "h1" if _part_of(line.text, h1) else "h2" if _part_of(line.text, h2) else "serif"
        face = {"h1": HEI, "h2": KAI, "serif": SERIF_CJK}[kind]
        for char, font in zip(line.text, line.fonts, strict=True):
            if _ideograph(char):
                assert face in font, (line.page, line.text, char, font)
                seen[kind] += 1
            elif char.isdigit() and char.isascii() and kind == "serif":
                assert TIMES in font, (line.page, line.text, char, font)
                seen["digits"] += 1
    assert all(seen.values()), seen  # every role was found and checked
    title = [line for line in lines if line.page == 1][:2]
    title_faces = {
        f for line in title for c, f in zip(line.text, line.fonts, strict=True) if _ideograph(c)
    }
    assert title_faces and all(SERIF_CJK in face for face in title_faces), title


def test_pdffonts_lists_only_the_mapped_faces(pdfs: dict[str, Path]) -> None:
    """pdffonts: every face embedded, serif CJK among them, and no sans face but the Hei one."""
    for pdf in pdfs.values():
        listing = subprocess.run(
            ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
        ).stdout
        names = [row.split()[0].partition("+")[2] for row in listing.splitlines()[2:]]
        assert any(SERIF_CJK in name for name in names), names
        for name in names:
            assert any(face in name for face in (SERIF_CJK, HEI, KAI, TIMES)), name
        embedded = [row.split()[-4] for row in listing.splitlines()[2:]]
        assert set(embedded) == {"yes"}, listing


def test_metadata_title_author_language(pdfs: dict[str, Path]) -> None:
    """The PDF's title is the report's, its author the unit, its language zh-CN."""
    import pdfplumber

    with pdfplumber.open(pdfs["2021"]) as document:
        info = document.metadata
        language = document.doc.catalog.get("Lang")
    assert info["Title"] == "示例街道办事处2023年政府信息公开工作年度报告"
    assert info["Author"] == "示例街道办事处"
    assert language == b"zh-CN"


def _fake_soffice(folder: Path, body: str) -> Path:
    """A stand-in `soffice` that logs its arguments and then runs ``body`` (sh builtins only:
    PATH holds nothing else)."""
    folder.mkdir()
    program = folder / "soffice"
    program.write_text(f'#!/bin/sh\necho "$@" >> "{folder}/calls"\n{body}\n', encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return folder


MAKE_PDFS = """\
out=""; prev=""
for a in "$@"; do
  if [ "$prev" = "--outdir" ]; then out="$a"; fi
  case "$a" in *.docx) n="${a##*/}"; n="${n%.docx}"; printf '%%PDF-1.4 fake\n%%%%EOF\n' > "$out/$n.pdf";; esac
  prev="$a"
done"""


def test_a_batch_is_one_libreoffice_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three reports to PDF start LibreOffice once, with a private profile and the font map."""
    fake = _fake_soffice(
        tmp_path / "bin", f'echo "$FONTCONFIG_FILE" > "{tmp_path}/bin/env"\n' + MAKE_PDFS
    )
    monkeypatch.setenv("PATH", str(fake))
    for i in range(3):
        (tmp_path / f"{i}.yaml").write_bytes(SHUANGLONG.read_bytes())
    result = CliRunner().invoke(main, ["render", str(tmp_path), "--to", "pdf"])
    assert result.exit_code == 0, result.output
    calls = (fake / "calls").read_text(encoding="utf-8").splitlines()
    assert len(calls) == 1
    assert calls[0].count(".docx") == 3 and "-env:UserInstallation=file://" in calls[0]
    assert (fake / "env").read_text(encoding="utf-8").strip().endswith("fonts.conf")
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["0.pdf", "1.pdf", "2.pdf"]
    assert not list(tmp_path.glob("*.docx"))  # only what --to asked for


def test_outputs_of_a_report_appear_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the conversion fails, neither the PDF nor the .docx of the report is written."""
    monkeypatch.setenv("PATH", str(_fake_soffice(tmp_path / "bin", "echo broken >&2; exit 1")))
    out = tmp_path / "r.docx"
    result = CliRunner().invoke(
        main, ["render", str(STREET_2023), "-o", str(out), "--to", "docx,pdf"]
    )
    assert result.exit_code == 1
    assert "broken" in result.output
    assert not out.exists() and not out.with_suffix(".pdf").exists()


def _stopping_on_1(then: str) -> str:
    """A fake soffice body that converts documents in order until 1.docx, where it runs
    ``then`` (sh) and stops with exit 1."""
    return f"""\
out=""; prev=""
for a in "$@"; do
  if [ "$prev" = "--outdir" ]; then out="$a"; fi
  case "$a" in
    */1.docx) {then}; exit 1;;
    *.docx) n="${{a##*/}}"; n="${{n%.docx}}"; printf '%%PDF-1.4 fake\\n%%%%EOF\\n' > "$out/$n.pdf";;
  esac
  prev="$a"
done"""


STOPS_ON_1 = _stopping_on_1('echo "crashed on 1" >&2')


def test_a_document_libreoffice_stops_on_fails_its_report_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """LibreOffice stopping on the 2nd of 4 reports: the other three are converted (a second
    run takes those left, the one it stopped on last) and written; the 2nd is said to have
    failed with what LibreOffice said, none of its files written, exit 1."""
    fake = _fake_soffice(tmp_path / "bin", STOPS_ON_1)
    monkeypatch.setenv("PATH", str(fake))
    data = tmp_path / "data"
    data.mkdir()
    for name in "abcd":
        (data / f"{name}.yaml").write_bytes(SHUANGLONG.read_bytes())
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(data), "-o", str(out), "--to", "docx,pdf"])
    assert result.exit_code == 1
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"{s}.{kind}" for s in "acd" for kind in ("docx", "pdf"))
    said = result.output.split(f"{data / 'b.yaml'}: 未生成：", 1)[1].strip().splitlines()[0]
    assert said == "未能用 LibreOffice 转换为 PDF（crashed on 1）", result.output
    assert "共 4 个数据文件：已生成 3 个，失败 1 个" in result.output
    calls = (fake / "calls").read_text(encoding="utf-8").splitlines()
    assert len(calls) == 3 and calls[1].index("2.docx") < calls[1].index("1.docx")


CUT_SHORT_ON_1 = _stopping_on_1(
    'printf \'%%PDF-1.4 half\' > "$out/1.pdf"; echo "killed while writing 1" >&2'
)


def test_a_pdf_cut_short_is_no_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """LibreOffice stopped while writing a report's PDF leaves a file without its end: that
    report fails (no half PDF is delivered), the others are written."""
    monkeypatch.setenv("PATH", str(_fake_soffice(tmp_path / "bin", CUT_SHORT_ON_1)))
    data = tmp_path / "data"
    data.mkdir()
    for name in "abc":
        (data / f"{name}.yaml").write_bytes(SHUANGLONG.read_bytes())
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(data), "-o", str(out), "--to", "pdf"])
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["a.pdf", "c.pdf"]
    assert "killed while writing 1" in result.output


def test_missing_libreoffice_names_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without LibreOffice, --to pdf says which package to install, writes nothing, exits 1."""
    monkeypatch.setenv("PATH", str(tmp_path))
    out = tmp_path / "r.docx"
    result = CliRunner().invoke(main, ["render", str(STREET_2023), "-o", str(out), "--to", "pdf"])
    assert result.exit_code == 1
    assert "libreoffice-writer-nogui" in result.output
    assert not list(tmp_path.iterdir())


def test_to_rejects_unknown_formats() -> None:
    """--to with a format reportkit cannot make is a usage error (exit 2) listing the known ones."""
    result = CliRunner().invoke(main, ["render", str(STREET_2023), "--to", "docx,odt"])
    assert result.exit_code == 2
    assert "docx, html, pdf" in result.output


def test_bulk_render_with_html_and_pdf_is_one_libreoffice_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder rendered --to docx,html,pdf --fragment: each report gets all three files (the
    HTML an <article>), every PDF from one LibreOffice process, every file said as written."""
    fake = _fake_soffice(tmp_path / "bin", MAKE_PDFS)
    monkeypatch.setenv("PATH", str(fake))
    data = tmp_path / "data"
    data.mkdir()
    for i in range(3):
        (data / f"{i}.yaml").write_bytes(SHUANGLONG.read_bytes())
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["render", str(data), "-o", str(out), "--to", "docx,html,pdf", "--fragment"]
    )
    assert result.exit_code == 0, result.output
    assert len((fake / "calls").read_text(encoding="utf-8").splitlines()) == 1
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"{i}.{kind}" for i in range(3) for kind in ("docx", "html", "pdf"))
    assert (out / "1.html").read_text(encoding="utf-8").startswith("<article")
    assert (out / "2.pdf").read_bytes() == b"%PDF-1.4 fake\n%%EOF\n"
    assert sum(line.startswith("已生成 ") for line in result.output.splitlines()) == 9


def test_single_render_to_html_and_pdf_leaves_no_docx(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """render -o r.html --to html,pdf writes r.html and r.pdf only: the .docx the PDF is made
    from stays in the staging folder."""
    monkeypatch.setenv("PATH", str(_fake_soffice(tmp_path / "bin", MAKE_PDFS)))
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(
        main, ["render", str(STREET_2023), "-o", str(out / "r.html"), "--to", "html,pdf"]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["r.html", "r.pdf"]
    assert result.output.splitlines() == [f"已生成 {out / 'r.html'}", f"已生成 {out / 'r.pdf'}"]


def test_missing_libreoffice_stops_a_bulk_render_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bulk render --to docx,pdf without LibreOffice says so once, names the package, exits 1
    and writes nothing, not even the .docx files."""
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    data = tmp_path / "data"
    data.mkdir()
    for i in range(2):
        (data / f"{i}.yaml").write_bytes(SHUANGLONG.read_bytes())
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(data), "-o", str(out), "--to", "docx,pdf"])
    assert result.exit_code == 1
    assert result.output.count("libreoffice-writer-nogui") == 1
    assert not out.exists()


ONE_BY_ONE = """\
out=""; prev=""; k=0
for a in "$@"; do
  if [ "$prev" = "--outdir" ]; then out="$a"; fi
  case "$a" in *.docx)
    n="${a##*/}"; n="${n%.docx}"; printf '%%PDF-1.4 fake\n%%%%EOF\n' > "$out/$n.pdf"; k=$((k+1))
    while [ ! -e "$0.go$k" ]; do sleep 0.05; done;;
  esac
  prev="$a"
done"""
"""Makes the PDFs one by one, each time waiting to be told (a file ``soffice.goN``) that the
N-th was seen before it goes on."""


def test_the_conversion_says_how_many_pdfs_are_made_while_it_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bulk render --to docx,pdf is told of each .docx staged, then of each PDF LibreOffice
    makes while it runs (1, 2, 3 of 3), not only when the whole batch is done: the progress
    bar moves meanwhile."""
    from reportkit.office import batch
    from reportkit.publish import pdf

    fake = _fake_soffice(tmp_path / "bin", ONE_BY_ONE)
    sleep = shutil.which("sleep")
    assert sleep is not None
    (fake / "sleep").symlink_to(sleep)
    monkeypatch.setenv("PATH", str(fake))
    # Not told, the fake waits for good: then the conversion runs out of time (and fails).
    monkeypatch.setattr(pdf, "SECONDS_PER_DOCUMENT", 5)
    pairs = []
    for i in range(3):
        (tmp_path / f"{i}.yaml").write_bytes(SHUANGLONG.read_bytes())
        pairs.append((tmp_path / f"{i}.yaml", tmp_path / "out" / f"{i}.docx"))
    seen: list[int] = []
    staged: list[int] = []

    def converting(done: int) -> None:
        seen.append(done)
        (fake / f"soffice.go{done}").touch()

    results = batch.render_files(
        pairs, jobs=1, formats=("docx", "pdf"), converting=converting, staging=staged.append
    )
    assert [r.error for r in results] == [None, None, None]
    assert staged == [1, 2, 3]  # the .docx made first, one by one
    assert seen == [0, 1, 2, 3]  # 0: the conversion starts


def test_the_bar_shows_the_larger_count() -> None:
    """The progress bar shows the PDFs made so far, then the reports finished, never going
    back nor beyond: 2 PDFs made, then 1 report finished still shows 2."""
    from reportkit.console import Bar

    shown: list[int] = []
    bar = Bar(shown.append)
    bar.reached(2)
    bar(object())
    bar.reached(1)
    bar(object())
    bar(object())
    assert shown == [2, 2, 2, 2, 3]


def test_the_bar_restarts_for_the_conversion() -> None:
    """A new stage (转换为 PDF) shows its label and counts the same files from 0 again."""
    from reportkit.console import Bar

    shown: list[int] = []
    labels: list[str] = []
    bar = Bar(shown.append, labels.append)
    bar.reached(3)
    bar.restart("转换为 PDF")
    bar.reached(1)
    assert labels == ["转换为 PDF"]
    assert shown == [3, 0, 1]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_during_the_conversion_leaves_nothing(tmp_path: Path) -> None:
    """SIGTERM while LibreOffice converts a bulk render: exit 143, the 0 finished reports said,
    no output, no temporary file and no staging folder left, no traceback."""
    fake = _fake_soffice(tmp_path / "bin", 'kill -TERM "$PPID"\nwhile :; do :; done')
    data = tmp_path / "data"
    data.mkdir()
    for i in range(3):
        (data / f"{i}.yaml").write_bytes(SHUANGLONG.read_bytes())
    out = tmp_path / "out"
    temp = tmp_path / "tmp"
    temp.mkdir()
    command = [sys.executable, "-c", "from reportkit.cli import main; main()"]
    done = subprocess.run(
        [*command, "render", str(data), "-o", str(out), "--to", "docx,pdf"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PATH": str(fake), "TMPDIR": str(temp), "REPORTKIT_LANG": "zh"},
        check=False,
        timeout=300,  # a guard against a hang, not a measurement
    )
    assert done.returncode == 143, done.stderr
    assert (fake / "calls").is_file()  # it was stopped during the conversion
    assert "共 3 个数据文件：中断前已生成 0 个" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert not list(out.rglob("*"))
    assert not list(temp.iterdir())


PYTHON_MAIN = (sys.executable, "-c", "from reportkit.cli import main; main()")


def _running(pid: int) -> bool:
    """Whether a process is alive (a zombie waiting for its parent is not)."""
    try:
        stat_line = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return False
    return stat_line.rpartition(")")[2].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
@pytest.mark.parametrize("bulk", [False, True], ids=["one report", "a folder"])
def test_sigterm_stops_libreoffice_and_what_it_started(tmp_path: Path, bulk: bool) -> None:
    """SIGTERM during the conversion of one report or of a folder: exit 143, and LibreOffice
    is stopped with the processes it started (soffice is a script starting soffice.bin), no
    output, no staging folder left (a single render used to leave both behind)."""
    sleeper = shutil.which("sleep")
    assert sleeper is not None
    fake = _fake_soffice(
        tmp_path / "bin",
        f'{sleeper} 300 &\necho $! > "{tmp_path}/child"\nkill -TERM "$PPID"\nwait',
    )
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.yaml").write_bytes(SHUANGLONG.read_bytes())
    temp = tmp_path / "tmp"
    temp.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    target = ["-o", str(out)] if bulk else ["-o", str(out / "a.pdf")]
    source = str(data) if bulk else str(data / "a.yaml")
    done = subprocess.run(
        [*PYTHON_MAIN, "render", source, *target, "--to", "pdf"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PATH": str(fake), "TMPDIR": str(temp), "REPORTKIT_LANG": "zh"},
        check=False,
        timeout=300,  # a guard against a hang, not a measurement
    )
    assert done.returncode == 143, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    child = int((tmp_path / "child").read_text(encoding="utf-8"))
    assert not _running(child)
    assert not list(out.iterdir())
    assert not list(temp.iterdir())


def _split_numbers(lines: Sequence[Line]) -> list[tuple[int, str, str]]:
    """Places where a line of prose ends inside a number the next line finishes: the last
    word has words and ends in a digit, and the next line starts with one. (A table row
    ends with a lone figure, and its next row starts with a label.)"""
    split = []
    for above, below in itertools.pairwise(lines):
        last, first = above.words[-1], below.words[0]
        if (
            any(_ideograph(c) for c in last)
            and last[-1].isascii()
            and last[-1].isdigit()
            and first[0].isascii()
            and first[0].isdigit()
        ):
            split.append((above.page, last[-12:], first[:12]))
    return split


def test_a_number_is_never_broken_across_lines(pdfs: dict[str, Path]) -> None:
    """No line of prose ends inside a number (LibreOffice broke "〔2021〕" as 〔20 / 21〕 and
    "2023年" as 20 / 23年 while the templates gave Latin script the zh-CN language)."""
    for era, pdf in pdfs.items():
        assert _split_numbers(pdf_lines(pdf)) == [], era


def test_the_pdf_declares_chinese_in_its_catalog(tmp_path: Path) -> None:
    """declare_chinese sets the catalog's /Lang to zh-CN in place, keeping the file's length
    (its cross-reference offsets), and leaves a file without the entry as it was."""
    from reportkit.publish.pdf import declare_chinese

    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.6\n1 0 obj<</Type/Catalog/Lang(en-US)>>endobj\n%%EOF\n")
    before = pdf.stat().st_size
    declare_chinese(pdf)
    assert b"/Lang(zh-CN)" in pdf.read_bytes() and pdf.stat().st_size == before
    other = tmp_path / "b.pdf"
    other.write_bytes(b"%PDF-1.6\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n")
    declare_chinese(other)
    assert other.read_bytes() == b"%PDF-1.6\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n"
