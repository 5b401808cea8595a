"""Builders for the hostile-input rows of batches, counting and hidden characters (issue 10).

Kept apart from tests/test_hostile.py so that its table only gains a block of rows.
"""

from __future__ import annotations

import functools
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from reportkit.cli import main
from tests.conftest import MINIMAL_2007, STREET_2023

Case = Callable[[Path], list[str]]
UNIT = "示例镇人民政府"


def _unit(folder: Path, name: str, full_name: str) -> None:
    folder.mkdir(exist_ok=True)
    quoted = json.dumps(full_name, ensure_ascii=False)  # a JSON string is YAML double-quoted
    text = MINIMAL_2007.replace(f"全称: {UNIT}", f"全称: {quoted}")
    (folder / name).write_text(text, encoding="utf-8")


def units(*names: str) -> Callable[[Path], Path]:
    """A folder 报送/ with one data file per full name given."""

    def make(folder: Path) -> Path:
        data = folder / "报送"
        for i, full_name in enumerate(names):
            _unit(data, f"unit-{i}.yaml", full_name)
        return data

    return make


def aggregate(*names: str, extra: tuple[str, ...] = ()) -> Case:
    """``aggregate 报送/ -o 汇总`` over one file per unit name."""

    def case(folder: Path) -> list[str]:
        data = units(*names)(folder)
        return ["aggregate", str(data), "-o", str(folder / "汇总"), *extra]

    return case


def aggregate_twice(folder: Path) -> list[str]:
    """A summary written into the folder it sums, then the folder summed again."""
    data = units(UNIT, "东城镇人民政府")(folder)
    first = CliRunner().invoke(main, ["aggregate", str(data), "-o", str(data / "汇总")])
    assert first.exit_code == 0, first.output
    return ["aggregate", str(data), "-o", str(folder / "再次汇总")]


def validate_with(old: str, new: str) -> Case:
    """``validate`` of the minimal 2007 file with one line changed."""
    assert old in MINIMAL_2007, old

    def case(folder: Path) -> list[str]:
        path = folder / "data.yaml"
        path.write_text(MINIMAL_2007.replace(old, new, 1), encoding="utf-8")
        return ["validate", str(path)]

    return case


def render_with(extra: str, *, instead_of: str = "") -> Case:
    """``render`` of the minimal 2007 file with ``extra`` lines appended (in place of the
    lines ``instead_of``, when given)."""
    assert instead_of in MINIMAL_2007, instead_of

    def case(folder: Path) -> list[str]:
        path = folder / "data.yaml"
        path.write_text(MINIMAL_2007.replace(instead_of, "", 1) + extra, encoding="utf-8")
        return ["render", str(path), "-o", str(folder / "out.docx")]

    return case


PROBLEMS = "问题及改进:\n  正文: 信息公开内容还不够丰富，今后将进一步充实。\n"
"""The minimal file's 问题及改进, which HUNDRED_SECTIONS replaces."""

HUNDRED_SECTIONS = "问题及改进:\n  小节:\n" + "".join(
    f"    - 标题: 第{i}项\n      正文: 第{i}项改进。\n" for i in range(1, 101)
)


# --- published reports that cannot be imported or audited (issue 12, item 6) ------------------


def _pdf(*objects: bytes, trailer: bytes = b"") -> bytes:
    """A PDF of ``objects`` (object 1 the catalogue), with its cross-reference table."""
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer,
        xref,
    )
    return out


_ONE_BLANK_PAGE = (
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
)


def scanned_pdf() -> bytes:
    """A page with nothing but (here no) image on it: a scan without OCR."""
    return _pdf(*_ONE_BLANK_PAGE)


def encrypted_pdf() -> bytes:
    """A PDF under the standard security handler with a user password nobody gave: its
    /O and /U entries match no password, the empty one included."""
    handler = b"<< /Filter /Standard /V 1 /R 2 /P -44 /O <%s> /U <%s> >>" % (
        b"11" * 32,
        b"22" * 32,
    )
    ident = b"<" + b"33" * 16 + b">"
    return _pdf(*_ONE_BLANK_PAGE, handler, trailer=b" /Encrypt 4 0 R /ID [%s %s]" % (ident, ident))


def junk_docx() -> bytes:
    """A zip archive named .docx holding no Word document."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("junk.bin", b"\x00\x01 not a document")
    return buffer.getvalue()


def _docx_with_body(body: str) -> bytes:
    """A Word file whose document part's body is ``body`` (XML text, well-formed or not)."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w") as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                start, end = text.index("<w:body>") + len("<w:body>"), text.index("</w:body>")
                data = (text[:start] + body + text[end:]).encode("utf-8")
            archive.writestr(item, data)
    return out.getvalue()


def deep_docx() -> bytes:
    """Content controls nested 300 deep: deeper than XML is read (lxml stops at 256)."""
    return _docx_with_body(
        "<w:sdt><w:sdtContent>" * 300 + "<w:p/>" + "</w:sdtContent></w:sdt>" * 300
    )


def broken_xml_docx() -> bytes:
    """A Word file whose document part is cut off mid-element."""
    return _docx_with_body("<w:p><w:r><w:t>2023年政府信息公开工作年度报告</w:t></w:r>")


@functools.cache
def street_page() -> str:
    """The 2023 example street's report as reportkit publishes it (an HTML page)."""
    from reportkit.context import build_context
    from reportkit.loading import check_file
    from reportkit.publish.html import render_html

    checked = check_file(STREET_2023)
    assert checked.report is not None
    return render_html(checked.report, build_context(checked.report, checked.data))


def truncated_page() -> str:
    """The street's page cut off inside Table 1, as an interrupted download leaves it."""
    page = street_page()
    table = page.index("<tbody", page.index("<table"))
    return page[: page.index("</tr>", table) + 40]


BAD_REPORTS: list[tuple[str, str, Callable[[], str | bytes], str]] = [
    (
        "not-a-report",
        "news.html",
        lambda: "<html><body><h1>今日要闻</h1><p>我镇召开春耕动员会。</p></body></html>",
        "news.html: 找不到“××年政府信息公开工作年度报告”这样的标题",
    ),
    ("image-only-pdf", "scan.pdf", scanned_pdf, "scan.pdf: PDF 没有文字层，请提供网页或 Word 版"),
    (
        "encrypted-pdf",
        "locked.pdf",
        encrypted_pdf,
        "locked.pdf: PDF 已加密，无法读取文字；请提供未加密的 PDF、网页或 Word 版",
    ),
    (
        "old-word",
        "report.doc",
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
        "report.doc: 这是旧版 Word（.doc）文件，无法读取",
    ),
    ("truncated-page", "cut.html", truncated_page, "cut.html: 网页不完整（没有结尾的 </html>）"),
    (
        "year-before-every-era",
        "2005.html",
        lambda: street_page().replace("2023", "2005"),
        "2005.html: 2005 年度没有适用的报告格式",
    ),
    ("empty-page", "empty.html", lambda: b"", "empty.html: 文件为空"),
    ("empty-docx", "empty.docx", lambda: b"", "empty.docx: 文件为空"),
    ("junk-docx", "junk.docx", junk_docx, "junk.docx: 不是完整的 Word（.docx）文件"),
    (
        "deep-docx",
        "deep.docx",
        deep_docx,
        "deep.docx: Word（.docx）文件的内容不是可以读取的 XML",
    ),
    (
        "broken-xml-docx",
        "broken.docx",
        broken_xml_docx,
        "broken.docx: Word（.docx）文件的内容不是可以读取的 XML",
    ),
]
"""Published reports import and audit refuse: (case, file name, its content, the message)."""


def _bad_report(command: str, name: str, content: Callable[[], str | bytes]) -> Case:
    def case(folder: Path) -> list[str]:
        made = content()
        path = folder / name
        if isinstance(made, bytes):
            path.write_bytes(made)
        else:
            path.write_text(made, encoding="utf-8")
        extra = ["-o", str(folder / "imported.yaml")] if command == "import" else []
        return [command, str(path), *extra]

    return case


BAD_REPORT_CASES: list[tuple[str, Case, int, str]] = [
    (f"{command}-{case}", _bad_report(command, name, content), 1, message)
    for case, name, content, message in BAD_REPORTS
    for command in ("import", "audit")
]
"""Each of BAD_REPORTS for ``import -o`` (which writes nothing) and ``audit``: exit 1."""
