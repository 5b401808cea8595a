"""reportkit import: a published report read back into a data file, figures untouched."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reportkit
from reportkit import datapath, yamlfile
from reportkit.cli import main
from reportkit.errors import NotImportable
from reportkit.importing import Document, Paragraph, Where, import_report, read, recognise
from reportkit.importing.readers import read_text
from reportkit.importing.titles import masthead, statistics_period
from reportkit.loading import check_file, check_text
from tests import townships
from tests.conftest import EXAMPLES, STREET_2023
from tests.docx_text import extract

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
CORPUS = Path(__file__).parent / "corpus"


def _figures(data: dict[str, Any]) -> dict[tuple[Any, ...], Any]:
    """Every figure of a checked report's data, by cell."""
    return {cell: datapath.get(data, cell) for cell in datapath.figure_cells(data)}


def _prose(path: Path) -> str:
    """A rendered report's text, whitespace removed."""
    return re.sub(r"\s+", "", extract(path))


def _as_text(source: Path, target: Path) -> Path:
    """The text a clerk copies from the page of a .docx: paragraphs on lines, table rows with
    their cells apart by tabs (a merged cell once)."""
    document = docx.Document(str(source))
    lines: list[str] = []
    paragraphs = {p._p: p for p in document.paragraphs}
    tables = {t._tbl: t for t in document.tables}
    for child in document.element.body.iterchildren():
        if child in paragraphs:
            lines.append(paragraphs[child].text)
        elif child in tables:
            for row in tables[child].rows:
                cells: list[Any] = []
                for cell in row.cells:
                    if not cells or cell._tc is not cells[-1]._tc:
                        cells.append(cell)
                lines.append("\t".join(c.text for c in cells))
            lines.append("")
    target.write_text("\n".join(lines), encoding="utf-8")
    return target


def _round_trip(source: Path, rendered: Path, published: Path, tmp: Path) -> None:
    original = check_file(source, draft=True)
    assert original.data is not None
    found, text = import_report(published)
    assert found.unplaced == []
    imported = tmp / "imported.yaml"
    imported.write_text(text, encoding="utf-8")
    again = check_text(text, str(imported), draft=True)
    assert again.errors == [], [str(p) for p in again.errors]
    assert again.data is not None
    assert _figures(again.data) == _figures(original.data)
    rerendered, _warnings = reportkit.render(imported, tmp / "again.docx", draft=True, force=True)
    assert _prose(rerendered) == _prose(rendered)
    assert tables(rerendered) == tables(rendered)


def tables(path: Path) -> list[list[list[str]]]:
    """Every table of a .docx, cell by cell, as python-docx reads it back."""
    return [
        [[cell.text.strip() for cell in row.cells] for row in table.rows]
        for table in docx.Document(str(path)).tables
    ]


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_example_survives_docx_and_back(example: Path, tmp_path: Path) -> None:
    """Rendered to .docx and imported, an example has the same figures, and renders to the
    same text."""
    rendered, _warnings = reportkit.render(example, tmp_path / "report.docx")
    _round_trip(example, rendered, rendered, tmp_path)


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_example_survives_text_copied_from_its_page(example: Path, tmp_path: Path) -> None:
    """The text copied from an example's .docx (tables as tab-separated rows) imports to the
    same figures and prose."""
    rendered, _warnings = reportkit.render(example, tmp_path / "report.docx")
    copied = _as_text(rendered, tmp_path / "report.txt")
    _round_trip(example, rendered, copied, tmp_path)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_text_saved_in_a_windows_encoding_is_read(encoding: str, tmp_path: Path) -> None:
    """Text copied and saved by Notepad as ANSI (GBK), "Unicode" (UTF-16) or UTF-8 with a
    byte-order mark imports as the same text does in UTF-8."""
    example = EXAMPLE_FILES[-1]
    rendered, _warnings = reportkit.render(example, tmp_path / "report.docx")
    copied = _as_text(rendered, tmp_path / "report.txt")
    saved = tmp_path / f"saved-{encoding}.txt"
    saved.write_bytes(copied.read_text(encoding="utf-8").encode(encoding))
    _round_trip(example, rendered, saved, tmp_path)


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_example_survives_its_web_page_and_back(example: Path, tmp_path: Path) -> None:
    """Rendered to .html (--to docx,html) and imported, an example has the same figures, prose
    and sign-off date, and renders to the same text and tables."""
    rendered, _warnings = reportkit.render(example, tmp_path / "report.docx", to="docx,html")
    _round_trip(example, rendered, rendered.with_suffix(".html"), tmp_path)


@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.integers(0, 10_000), st.sampled_from(["docx", "html"]))
def test_generated_reports_survive_docx_and_back(tmp_path: Path, seed: int, kind: str) -> None:
    """Any generated township report (Art. 50 tables) comes back from its .docx, and from its
    web page, unchanged."""
    source = tmp_path / f"{seed}.yaml"
    source.write_text(yamlfile.dump(townships.township(seed % 97, seed)), encoding="utf-8")
    rendered, _warnings = reportkit.render(
        source, tmp_path / f"{seed}.docx", force=True, to=f"docx,{kind}"
    )
    _round_trip(source, rendered, rendered.with_suffix(f".{kind}"), tmp_path)


def _in_cells(page: str, change: Any) -> str:
    """``page`` with the text of each of its plain table cells changed."""
    return re.sub(r"(<td[^>]*>)([^<]*)(</td>)", lambda m: m[1] + change(m[2]) + m[3], page)


def _grid_only(page: str) -> str:
    """The ``<td>``-only grid many portals print: every cell a td, only its spans kept."""

    def bare(match: re.Match[str]) -> str:
        spans = re.findall(r'\s(?:rowspan|colspan)="\d+"', match[2])
        return "<" + ("td" if match[1] == "th" else match[1]) + "".join(spans) + ">"

    page = re.sub(r"</th>", "</td>", page)
    return re.sub(r"<(td|th|tr|table|thead|tbody)\b([^>]*)>", bare, page)


def _numbered(page: str) -> str:
    """``page`` with a 序号 column at the left of each table: 序号 in its head rows, its rows
    of figures numbered 1, 2…, its rows of words only (三、本年度办理结果) blank there."""
    count = iter(range(1, 10_000))

    def head(match: re.Match[str]) -> str:
        return re.sub(r"<tr([^>]*)>", r"<tr\1><th>序号</th>", match[0])

    def row(match: re.Match[str]) -> str:
        if 'class="group"' in match[1] or 'class="head"' in match[1]:
            return f"<tr{match[1]}><th>序号</th>{match[2]}</tr>"
        first = f"<td>{next(count)}</td>" if "<td" in match[2] else "<td></td>"
        return f"<tr{match[1]}>{first}{match[2]}</tr>"

    page = re.sub(r"<thead>.*?</thead>", head, page, flags=re.S)
    return re.sub(r"<tr([^>]*)>(?!<th>序号)(.*?)</tr>", row, page, flags=re.S)


_NOTE_ROW = (
    '<tr><td colspan="20"><p>注：1. 本表“收到申请数”包括当面、信函、网络等各种渠道提交的申请，'
    "同一申请人就同一事项多次提出的申请按一件计算，对申请内容不明确经补正后重新提出的申请不重复计算，"
    "各栏数字按照国务院办公厅政府信息与政务公开办公室印发的年度报告格式统计。</p>"
    "<p>2. 上年结转的申请计入“上年结转政府信息公开申请数量”，本年度未办结的申请结转下一年度，"
    "在下一年度报告中予以说明，有关情况请参见正文第三部分的说明，数据统计期限为本年度1月1日至12月31日。"
    "</p></td></tr>"
)

_WORD_CELL = (
    '<p class=MsoNormal align=center style="text-align:center"><span lang=EN-US '
    'style="font-size:12.0pt;font-family:仿宋_GB2312">{}<o:p></o:p></span></p>'
)

PORTAL_VARIANTS: dict[str, Any] = {
    # the article in a cell of the page's layout table, beside the navigation
    "layout-table": lambda page: page.replace(
        "<body>", '<body><table width="100%"><tr><td width="20%">网站首页<br>政务公开</td><td>'
    ).replace("</body>", "</td></tr></table></body>"),
    "td-only-grid": _grid_only,
    "word-cells": lambda page: _in_cells(page, _WORD_CELL.format),
    "full-width-digits": lambda page: _in_cells(
        page, lambda text: text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    ),
    "nbsp-around": lambda page: _in_cells(page, lambda text: f"&nbsp;{text}&nbsp;"),
    "count-units": lambda page: _in_cells(
        page, lambda text: text + "件" if text.strip().isdigit() else text
    ),
    "no-captions": lambda page: re.sub(r"<caption>.*?</caption>", "", page, flags=re.S),
    # the empty last cell Word leaves in each row of a table pasted into the portal's editor
    "empty-last-cell": lambda page: page.replace("</tr>", "<td></td></tr>"),
    # each row's label ending in a colon, as many clerks type it (规章：)
    "colon-after-labels": lambda page: re.sub(
        r'(<th[^>]*class="label[^"]*"[^>]*>)([^<]+)(</th>)', r"\1\2：\3", page
    ),
    # a footnote row of two long paragraphs under each table (a table still, not the page's)
    "note-row": lambda page: page.replace("</table>", f"{_NOTE_ROW}</table>"),
    # a 序号 column before each table's labels (its head rows 序号, its rows numbered)
    "numbering-column": lambda page: _numbered(page),
    # one paragraph of lines apart by <br>, as older portal editors save a report
    "br-lines": lambda page: re.sub(r"</(p|h[1-6])>\s*<(?:p|h[1-6])\b[^>]*>", "<br>", page),
    # saved by Notepad as "Unicode": UTF-16 with its byte-order mark (which browsers follow)
    "utf-16": lambda page: page.encode("utf-16"),
    "gbk": lambda page: page.replace(
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Type" content="text/html; charset=gbk">',
    ).encode("gb18030"),
}


_TABLE_VARIANTS = {
    "colon-after-labels",
    "empty-last-cell",
    "note-row",
    "numbering-column",
    "td-only-grid",
    "word-cells",
    "full-width-digits",
    "nbsp-around",
    "count-units",
    "no-captions",
}
"""Variants that change a page's tables: tried on the examples with tables."""


def example_cases(changes: Iterable[str], tabled_only: Collection[str]) -> list[Any]:
    """(example, change) for every example and change; a change in ``tabled_only`` only for
    the examples with tables (Art. 50's, from the 2019 rules on; the 2007 rules' are prose)."""
    cases = []
    for example in EXAMPLE_FILES:
        tabled = yamlfile.parse(example.read_text(encoding="utf-8"))["年度"] >= 2019
        for change in sorted(changes):
            if tabled or change not in tabled_only:
                cases.append(pytest.param(example, change, id=f"{example.stem}-{change}"))
    return cases


def assert_same_figures(example: Path, published: Path) -> None:
    """``published`` (the example as somebody republished it) imports with nothing left
    unplaced, to the example's own figures."""
    found, text = import_report(published)
    assert found.unplaced == []
    again = check_text(text, "imported.yaml", draft=True)
    original = check_file(example, draft=True)
    assert again.data is not None and original.data is not None
    assert _figures(again.data) == _figures(original.data)


@pytest.mark.parametrize(("example", "variant"), example_cases(PORTAL_VARIANTS, _TABLE_VARIANTS))
def test_a_web_page_as_portals_print_it_gives_the_same_figures(
    example: Path, variant: str, tmp_path: Path
) -> None:
    """An example's web page as portals republish it (the article in a layout table, a
    ``<td>``-only grid, Word's cell markup and empty last cells, full-width digits, a unit in
    each cell, lines apart by <br>, a GBK page…) imports to the example's own figures, with
    nothing left unplaced."""
    rendered, _warnings = reportkit.render(example, tmp_path / "report.html", to="html")
    page = PORTAL_VARIANTS[variant](rendered.read_text(encoding="utf-8"))
    assert page != rendered.read_text(encoding="utf-8")  # the variant changed something
    published = tmp_path / "published.html"
    if isinstance(page, bytes):
        published.write_bytes(page)
    else:
        published.write_text(page, encoding="utf-8")
    assert_same_figures(example, published)


@pytest.mark.parametrize(
    "page",
    [p for p in sorted(CORPUS.glob("*.html")) if "</table>" in p.read_text(encoding="utf-8")],
    ids=lambda p: p.name.removesuffix(".html"),
)
def test_a_note_row_wider_than_its_table_changes_nothing(page: Path, tmp_path: Path) -> None:
    """Each hand-made portal page with a note row under every table, its colspan wider than
    the table (colspan="20" under 8 columns; browsers add no column for it), imports as the
    page itself does: the same data, nothing more left unplaced."""
    noted = tmp_path / page.name
    text = page.read_text(encoding="utf-8")
    noted.write_text(text.replace("</table>", f"{_NOTE_ROW}</table>"), encoding="utf-8")
    plain, _text = import_report(page)
    found, _text = import_report(noted)
    assert found.data == plain.data
    assert found.unplaced == plain.unplaced


def test_a_report_laid_out_as_a_definition_list_keeps_its_headings(tmp_path: Path) -> None:
    """<dt>一、总体情况</dt><dd>…</dd>: each numbered term a heading, its description a
    paragraph; a metadata list's label and value (发布机构 | 某镇人民政府) stay on one line."""
    page = tmp_path / "report.html"
    page.write_text(
        "<html><head><meta charset='utf-8'></head><body><article>"
        "<h1>某镇2023年政府信息公开工作年度报告</h1>"
        "<dl><dt>发布机构</dt><dd>某镇人民政府</dd><dt>成文日期</dt><dd>2024年1月22日</dd></dl>"
        "<dl><dt>一、总体情况</dt><dd>本年度我镇扎实推进政务公开。</dd>"
        "<dt>二、主动公开政府信息情况</dt><dd>详见下表。</dd></dl></article></body></html>",
        encoding="utf-8",
    )
    assert [p.text for p in read(page).paragraphs] == [
        "某镇2023年政府信息公开工作年度报告",
        "发布机构某镇人民政府",
        "成文日期2024年1月22日",
        "一、总体情况",
        "本年度我镇扎实推进政务公开。",
        "二、主动公开政府信息情况",
        "详见下表。",
    ]
    assert recognise(read(page)).data["总体情况"]["正文"] == "本年度我镇扎实推进政务公开。"


def test_a_numbered_table_split_over_two_pages_loses_its_numbers_in_both(
    tmp_path: Path,
) -> None:
    """Table 2 with a 序号 column, split in two where a page ends (the second part without
    its head, its numbers going on): both parts are read without the column."""
    rendered, _warnings = reportkit.render(STREET_2023, tmp_path / "report.html", to="html")
    page = _numbered(rendered.read_text(encoding="utf-8"))
    start = page.index('<table class="table2">')
    rows = [m.end() for m in re.finditer("</tr>", page[start : page.index("</table>", start)])]
    cut = start + rows[12]
    published = tmp_path / "split.html"
    published.write_text(page[:cut] + "</tbody></table><table><tbody>" + page[cut:], "utf-8")
    assert published.read_text(encoding="utf-8").count("<table") == 4
    assert_same_figures(STREET_2023, published)


INDICATORS_AS_TEXT = """某局2013年政府信息公开工作年度报告
一、概述
2013年，我局推进政府信息公开。
附表：2013年政府信息公开情况统计表
序号  统计指标  单位  统计数
一  主动公开情况
1  （一）主动公开政府信息数  条  1250
二  依申请公开情况
2  （一）收到申请数  件  48
3  （二）申请办理结果
4  1.按时办结数  件  48
5  其中：同意公开答复数  件  30
6  保密审查件数  件  7
三  依申请公开收费情况  元  120.50
"""


def test_an_indicator_table_copied_as_text_with_its_numbers_is_read() -> None:
    """The 附表 with a 序号 column as text copied from a PDF (blank cells gone, a part's
    row 一  主动公开情况 of two words): each figure in its indicator's cell; a row of figures
    naming no indicator of the era is listed, never dropped unsaid."""
    found = recognise(read_text(Path("report.txt"), INDICATORS_AS_TEXT.encode("utf-8")))
    assert found.data["主动公开"]["总数"] == 1250
    assert found.data["依申请公开"]["收到申请"] == 48
    assert found.data["依申请公开"]["办理结果"]["总计"] == 48
    assert found.data["依申请公开"]["办理结果"]["同意公开"] == 30
    assert found.data["收费及减免"]["收费金额"] == Decimal("120.50")
    assert [text for _where, text in found.unplaced] == [
        "表格行不是本版格式的统计指标，未填入：保密审查件数 | 件 | 7"
    ]


def test_an_indicator_table_with_a_numbering_column_is_read_by_its_labels(
    tmp_path: Path,
) -> None:
    """The 附表 of a 2008–2018 report with a 序号 column (序号 | 统计指标 | 单位 | 统计数) gives
    the figures it gives without one, each cell's column still counted as printed."""
    source = CORPUS / "2013-example-shiju.html"
    page = source.read_text(encoding="utf-8")
    rows = iter(range(1, 100))
    numbered = re.sub(
        r"<tr><td(?: width=\"300\")?>(.*?)</td>",
        lambda m: (
            f"<tr><td>序号</td><td>{m[1]}</td>"
            if "统 计 指 标" in m[1]
            else f"<tr><td>{next(rows)}</td><td>{m[1]}</td>"
        ),
        page[page.index("附表") :],
    )
    assert numbered.count("<td>序号</td>") == 1
    published = tmp_path / "numbered.html"
    published.write_text(page[: page.index("附表")] + numbered, encoding="utf-8")
    plain, _text = import_report(source)
    found, _text = import_report(published)
    assert found.data == plain.data
    assert found.data["依申请公开"]["收到申请"] == 48
    assert (found.unplaced, found.origins, found.blanks) == (
        plain.unplaced,
        plain.origins,
        plain.blanks,
    )


PORTAL_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>某镇2022年政府信息公开工作年度报告-某县人民政府</title></head>
<body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a></div>
<table class="meta"><tr><td>索引号</td><td>0001-2023-0001</td><td>发布日期</td><td>2023-01-20</td></tr></table>
<div class="content">
<p>某镇人民政府2022年政府信息公开工作年度报告</p>
<p>一、总体情况</p>
<p>2022年，我镇扎实推进政务公开。</p>
<p>四、政府信息公开行政复议、行政诉讼情况</p>
<table>
<tr><td colspan="5">行 政 复 议</td><td colspan="10">行政诉讼</td></tr>
<tr><td rowspan="2">结果维持</td><td rowspan="2">结果纠正</td><td rowspan="2">其他结果</td>
<td rowspan="2">尚未审结</td><td rowspan="2">总计</td>
<td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>
<td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>
<tr><td>1</td><td></td><td>0</td><td>0</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td>
<td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
</table>
</div>
<div class="footer">版权所有 某县人民政府 联系我们</div>
</body></html>
"""


def test_a_portal_page_gives_its_report_and_keeps_a_blank_cell_blank(tmp_path: Path) -> None:
    """From a portal page with navigation and a metadata table, import finds the report, reads
    a <td>-only grid with rowspan/colspan by its labels, and a blank cell stays blank (not 0)."""
    page = tmp_path / "report.html"
    page.write_text(PORTAL_PAGE, encoding="utf-8")
    found = recognise(read(page))
    assert found.data["年度"] == 2022
    assert found.data["单位"]["全称"] == "某镇人民政府"
    review = found.data["行政复议和诉讼"]["行政复议"]
    assert review == {"结果维持": 1, "结果纠正": None, "其他结果": 0, "尚未审结": 0, "总计": 1}
    assert (("行政复议和诉讼", "行政复议", "结果纠正"), "第1个表格，第4行，第2列") in found.blanks
    assert found.data["总体情况"]["正文"] == "2022年，我镇扎实推进政务公开。"
    assert "首页" not in repr(found.data)


def test_a_blank_cell_of_a_numbered_table_is_placed_in_the_column_it_is_printed_in(
    tmp_path: Path,
) -> None:
    """With a 序号 column before them, a table's cells are read as without it, and a blank
    cell is named by the column it is printed in (the 序号 column counted)."""
    numbered = PORTAL_PAGE.replace(
        '<tr><td colspan="5">', '<tr><td rowspan="3">序号</td><td colspan="5">'
    ).replace("<tr><td>1</td><td></td>", "<tr><td>1</td><td>1</td><td></td>")
    assert numbered.count("序号") == 1 and numbered.count("<td>1</td><td>1</td>") == 1
    page = tmp_path / "report.html"
    page.write_text(numbered, encoding="utf-8")
    found = recognise(read(page))
    review = found.data["行政复议和诉讼"]["行政复议"]
    assert review == {"结果维持": 1, "结果纠正": None, "其他结果": 0, "尚未审结": 0, "总计": 1}
    assert (("行政复议和诉讼", "行政复议", "结果纠正"), "第1个表格，第4行，第3列") in found.blanks
    assert found.unplaced == []


@pytest.mark.parametrize("mark", ["—", "/", "-", "无", "——"])
def test_a_cell_printed_with_a_dash_or_slash_is_blank_and_its_row_is_read(
    mark: str, tmp_path: Path
) -> None:
    """A labelled row whose cells are printed “—”, “/” or “无” (nothing to report), the first
    of them too, is read: those cells blank, the others' figures in their own columns (such
    a row was left unplaced)."""
    table = (
        "<p>二、主动公开政府信息情况</p><table>"
        '<tr><td colspan="4">第二十条第（一）项</td></tr>'
        "<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
        f"<tr><td>规章</td><td>{mark}</td><td>{mark}</td><td>0</td></tr>"
        f"<tr><td>行政规范性文件</td><td>1</td><td>{mark}</td><td>4</td></tr></table>"
    )
    page = tmp_path / "report.html"
    page.write_text(PORTAL_PAGE.replace("<p>四、", f"{table}<p>四、"), encoding="utf-8")
    found = recognise(read(page))
    table1 = found.data["主动公开"]
    assert table1["规章"] == {"本年制发件数": None, "本年废止件数": None, "现行有效件数": 0}
    assert table1["行政规范性文件"] == {"本年制发件数": 1, "本年废止件数": None, "现行有效件数": 4}
    assert found.unplaced == []


def test_a_figure_printed_in_two_cells_is_written_in_each(tmp_path: Path) -> None:
    """Two cells printed with the same amount are two values in the data file, each written
    out, never a YAML anchor and an alias to it (which no data file may use)."""
    row = "<tr><td>1</td><td></td><td>0</td><td>0</td><td>1</td><td>0</td>"
    page = tmp_path / "report.html"
    page.write_text(
        PORTAL_PAGE.replace(
            row, "<tr><td>1.5</td><td>1.5</td><td>0</td><td>0</td><td>1</td><td>0</td>"
        ),
        encoding="utf-8",
    )
    _found, text = import_report(page)
    assert "&id" not in text and "*id" not in text
    review = yamlfile.parse(text)["行政复议和诉讼"]["行政复议"]
    assert review["结果维持"] == review["结果纠正"] == Decimal("1.5")


def test_the_written_file_says_where_each_part_came_from(tmp_path: Path) -> None:
    """The data file's comments name the source of a table row and flag a blank cell."""
    page = tmp_path / "report.html"
    page.write_text(PORTAL_PAGE, encoding="utf-8")
    _found, text = import_report(page)
    assert "行政复议:  # 来自 第1个表格，第4行" in text
    assert "结果纠正:  # 原表空白（第1个表格，第4行，第2列），请核实后填写" in text
    assert check_text(text, "imported.yaml", draft=True).errors == []


def test_headings_are_recognised_whatever_their_numbering(tmp_path: Path) -> None:
    """(一) and （一）, skipped and repeated numbers all find their section by its words."""
    text = (
        "某街道办事处2021年政府信息公开工作年度报告\n"
        "一、总体情况\n(一)主动公开情况\n公开了文件。\n（三）政府信息管理情况\n管理有序。\n"
        "三、存在的主要问题及改进情况\n问题不少。\n三、其他需要报告的事项\n没有。\n"
    )
    source = tmp_path / "report.txt"
    source.write_text(text, encoding="utf-8")
    found = recognise(read(source))
    assert found.data["总体情况"]["主动公开"] == {"正文": "公开了文件。"}
    assert found.data["总体情况"]["政府信息管理"] == {"正文": "管理有序。"}
    assert found.data["问题及改进"]["正文"] == "问题不少。"
    assert found.data["其他事项"]["正文"] == "没有。"


def test_a_row_of_figures_with_spaces_in_its_label_is_placed_by_label(tmp_path: Path) -> None:
    """Table 1's rows copied as space-separated text, labels with stray spaces and full-width
    digits, are placed by label, not by position."""
    text = (
        "某镇人民政府2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
        "行政规范性 文件\t２\t0\t7\n规  章\t0\t0\t0\n"
    )
    source = tmp_path / "report.txt"
    source.write_text(text, encoding="utf-8")
    found = recognise(read(source))
    assert found.data["主动公开"]["行政规范性文件"] == {
        "本年制发件数": 2,
        "本年废止件数": 0,
        "现行有效件数": 7,
    }
    assert found.data["主动公开"]["规章"] == {
        "本年制发件数": 0,
        "本年废止件数": 0,
        "现行有效件数": 0,
    }


def _stacked(rows: list[list[str]], shape: str) -> str:
    """Table rows as a portal page copied as text gives them: each cell on a line of its own,
    apart by "|" lines (``pipes``), each ending in "|" with a "|" line after each row
    (``ended``), or apart by empty lines, a blank cell an empty line more (``gaps``)."""
    cells = [cell for row in rows for cell in row]
    if shape == "pipes":
        return "\n|\n".join(cells)
    if shape == "ended":
        return "\n".join("\n".join(f"{c} |" if c else "|" for c in row) + "\n|" for row in rows)
    return "".join(f"{c}\n\n" if c else "\n" for c in cells)


TABLE_ONE_2021 = [
    ["第二十条第(一)项"],
    ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
    ["规章", "0", "0", "0"],
    ["行政规范性文件", "5", "12", "8"],
    ["第二十条第(五)项"],
    ["信息内容", "本年处理决定数量"],
    ["行政许可", "7"],
]
TABLE_TWO_2021 = [
    ["三、收到和处理政府信息公开申请情况"],
    ["申请人情况", "自然人", "法人或其他组织", "总计"],
    ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
    ["一、本年新收政府信息公开申请数量", "", "", "", "", "", "", "3"],
]


def _copied_page(tmp_path: Path, table: str) -> Path:
    source = tmp_path / "report.txt"
    source.write_text(
        "某镇人民政府2021年政府信息公开工作年度报告\n\n一、总体情况\n\n我镇扎实推进政务公开。\n\n"
        f"二、主动公开政府信息情况\n\n{table}\n\n四、存在的主要问题及改进情况\n\n没有。\n",
        encoding="utf-8",
    )
    return source


@pytest.mark.parametrize("shape", ["pipes", "ended", "gaps"])
def test_a_table_copied_one_cell_per_line_is_rebuilt_by_its_labels(
    shape: str, tmp_path: Path
) -> None:
    """Each cell on a line of its own (apart by "|" lines, ending in "|", or apart by empty
    lines): a row label and the run of figures after it are that row, header cells are not
    figures, and the headings around the table stay paragraphs."""
    table = _stacked(TABLE_ONE_2021, shape)
    found = recognise(read(_copied_page(tmp_path, table)))
    proactive = found.data["主动公开"]
    assert proactive["规章"] == {"本年制发件数": 0, "本年废止件数": 0, "现行有效件数": 0}
    assert proactive["行政规范性文件"] == {"本年制发件数": 5, "本年废止件数": 12, "现行有效件数": 8}
    assert proactive["行政许可"] == {"本年处理决定数量": 7}
    assert found.data["问题及改进"]["正文"] == "没有。"
    assert found.unplaced == []


@pytest.mark.parametrize("shape", ["ended", "gaps"])
def test_a_blank_cell_copied_one_cell_per_line_stays_blank(shape: str, tmp_path: Path) -> None:
    """A blank cell the copy shows (a "|" line before the row's end, an empty line more) is
    read blank, not 0, and the figures after it keep their columns."""
    rows = [*TABLE_ONE_2021[:2], ["规章", "0", "", "4"], ["行政规范性文件", "1", "0", ""]]
    found = recognise(read(_copied_page(tmp_path, _stacked([*rows, *TABLE_TWO_2021], shape))))
    assert found.data["主动公开"]["规章"] == {
        "本年制发件数": 0,
        "本年废止件数": None,
        "现行有效件数": 4,
    }
    assert found.data["主动公开"]["行政规范性文件"]["现行有效件数"] is None
    assert (("主动公开", "规章", "本年废止件数"), "第1个表格，第1行，第3列") in found.blanks
    new = found.data["依申请公开"]["新收"]
    assert new["总计"] == 3
    assert new["自然人"] is None and new["其他"] is None


@pytest.mark.parametrize(
    ("rows", "said"),
    [
        (
            [*TABLE_ONE_2021[:2], ["规章", "0", "0"], ["行政规范性文件", "1", "2", "3", "4"]],
            "的数字与表头对不上",
        ),
        (
            [  # the 2019 era's header above a 2021 report's rows: the columns are not these
                ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
                ["规章", "1", "2", "3"],
                ["行政规范性文件", "4", "5", "6"],
            ],
            "印的是 2019 年版的栏目（本年新制作数量、本年新公开数量、对外公开总数量），2021 年版没有",
        ),
    ],
    ids=["too-few-and-too-many", "another-eras-header"],
)
def test_a_run_of_figures_that_does_not_fit_its_row_is_listed_not_placed(
    rows: list[list[str]], said: str, tmp_path: Path
) -> None:
    """A run with fewer or more figures than the row has columns, or under a header that does
    not name them (another era's, said so), is never spread over the row: it is listed, and
    its cells stay unset."""
    found = recognise(read(_copied_page(tmp_path, _stacked(rows, "pipes"))))
    assert "规章" not in found.data.get("主动公开", {})
    assert "行政规范性文件" not in found.data.get("主动公开", {})
    listed = [text for _where, text in found.unplaced]
    assert any(text.startswith(f"表格行“规章”{said}") for text in listed), listed
    assert any(text.startswith(f"表格行“行政规范性文件”{said}") for text in listed), listed


def test_a_pdf_title_line_ending_in_its_date_is_a_title_not_a_table_row(tmp_path: Path) -> None:
    """A cover page's line “2018 年度……年度报告 成都市住房和城乡建设局 2019.” (title, unit,
    date) is a paragraph and the report's title, not a row of figures."""
    source = tmp_path / "report.txt"
    source.write_text(
        "2018 年度政府信息公开 年度报告 某市住房和城乡建设局 2019.\n\n一、概述\n公开了文件。\n",
        encoding="utf-8",
    )
    document = read(source)
    assert document.grids == []
    assert masthead(document).year == 2018


def test_a_table_flattened_with_bars_is_read_row_by_row(tmp_path: Path) -> None:
    """Rows copied as ``规章 | 0 | 0 | 0 |`` (a page's table flattened with "|") are rows."""
    table = "\n".join(" | ".join(row) + " |" for row in TABLE_ONE_2021)
    found = recognise(read(_copied_page(tmp_path, table)))
    assert found.data["主动公开"]["行政规范性文件"] == {
        "本年制发件数": 5,
        "本年废止件数": 12,
        "现行有效件数": 8,
    }
    assert found.data["主动公开"]["行政许可"] == {"本年处理决定数量": 7}


BARRED_PAGE = """某街道2021年政府信息公开工作年度报告
一、总体情况
2021年，本街道扎实推进政务公开。
二、主动公开政府信息情况
第二十条第(一)项 | |||
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
规章 | 0 | 0 | 0 |
行政规范性文件 | 5 | 12 | 8 |
三、收到和处理政府信息公开申请情况
(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 |
自然人 | 法人或其他组织 | 总计 |%s
商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |
一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
四、存在的主要问题及改进情况
没有。
"""


def test_a_section_heading_between_barred_tables_ends_the_table(tmp_path: Path) -> None:
    """A section heading right before or after a table flattened with "|" (no empty line
    apart) is a heading, not a row: the outline keeps 二、 and 三、, and 表二's rows are read
    as 表二's, not taken into 表三."""
    source = tmp_path / "report.txt"
    source.write_text(BARRED_PAGE % "", encoding="utf-8")
    document = read(source)
    assert [len(g.rows) for g in document.grids] == [4, 4]
    found = recognise(document)
    assert found.data["主动公开"]["行政规范性文件"] == {
        "本年制发件数": 5,
        "本年废止件数": 12,
        "现行有效件数": 8,
    }
    assert found.data["依申请公开"]["新收"]["总计"] == 1
    assert found.unplaced == []


def test_a_header_row_with_trailing_empty_cells_is_no_row_of_blanks(tmp_path: Path) -> None:
    """``自然人 | 法人或其他组织 | 总计 | |||||||`` is 表三's header, its empty cells the rest
    of the row: no 总计 line of blanks is made of it."""
    source = tmp_path / "report.txt"
    source.write_text(BARRED_PAGE.replace("总计 |%s", "总计 | |||||||"), encoding="utf-8")
    found = recognise(read(source))
    assert found.blanks == []
    assert "办理结果" not in found.data["依申请公开"]
    assert found.data["依申请公开"]["新收"]["总计"] == 1


def test_another_eras_columns_in_a_barred_table_are_listed_not_placed(tmp_path: Path) -> None:
    """A 2021 report printing the 2019 table's columns in a "|" table: no figure is put
    under a 2021 column by its position (本年新公开数量 is no 本年废止件数), nor under the one
    column a 2019 label resembles (处理决定数量); each row is listed with all its figures."""
    table = (
        "第二十条第(一)项 | |||\n"
        "信息内容 | 本年新 制作数量 | 本年新 公开数量 | 对外公开总数量 |\n"
        "规章 | 0 | 1 | 2 |\n"
        "第二十条第(五)项 | |||\n"
        "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n"
        "行政许可 | 3 | 4 | 5 |"
    )
    found = recognise(read(_copied_page(tmp_path, table)))
    assert found.data.get("主动公开", {}) == {}
    listed = [text for _where, text in found.unplaced]
    said = "印的是 2019 年版的栏目"
    assert any(t.startswith(f"表格行“规章”{said}") and t.endswith("：0 | 1 | 2") for t in listed)
    assert any(
        t.startswith(f"表格行“行政许可”{said}") and t.endswith("：3 | 4 | 5") for t in listed
    )


def test_a_report_pasted_on_one_line_is_read_by_its_inline_headings(tmp_path: Path) -> None:
    """A whole report on one line (一、概述 2016年以来… 二、…), as some pages give it: each
    numbered heading after a space starts a part, its words apart from the text after them."""
    source = tmp_path / "report.txt"
    source.write_text(
        "某镇2016年政府信息公开年度报告\n"
        "某镇人民政府2016年政府信息公开年度报告 特向社会公布本年度报告。 一、概述 2016年以来,"
        "我镇推进政务公开。 二、政府信息主动公开情况 (一)公开的主要内容: 2016年度共主动公开"
        "政府信息25条。 (二)公开形式 1、政务公开栏 2、公开信。 三、行政复议、诉讼和申诉情况 "
        "2016年度未接到有关政府信息公开方面的复议、诉讼和申诉。\n",
        encoding="utf-8",
    )
    found = recognise(read(source))
    assert found.data["概述"]["正文"] == "2016年以来,我镇推进政务公开。"
    assert found.data["主动公开"]["总数"] == 25
    assert "未接到" in found.data["行政复议和诉讼"]["正文"]
    assert found.unplaced == []


def test_a_topic_whose_figures_are_read_from_its_sentence_keeps_its_prose(
    tmp_path: Path,
) -> None:
    """总体情况's （一）主动公开情况 whose sentence gives the total and categories keeps that
    text as the topic's prose too: it is not listed as a part that could not be placed."""
    source = tmp_path / "report.txt"
    sentence = "全年共公开信息314条,其中,人员招录信息公开3条,财政预算、决算信息公开2条。"
    source.write_text(
        f"某街道办事处2022年政府信息公开工作年度报告\n一、总体情况\n(一)主动公开情况\n{sentence}\n"
        "(二)依申请公开情况\n全年新收政府信息公开申请数量0件。\n",
        encoding="utf-8",
    )
    found = recognise(read(source))
    proactive = found.data["总体情况"]["主动公开"]
    assert (proactive["总数"], proactive["正文"]) == (314, sentence)
    assert found.unplaced == []


def test_a_2007_report_states_its_cumulative_total_and_no_request_in_words(
    tmp_path: Path,
) -> None:
    """共整理、录入、发布14条主动公开政府信息 is the year's total, 主动公开政府信息累计20条 the
    cumulative one (never the total), and 未收到依申请公开政府信息 a 0 of requests received."""
    source = tmp_path / "report.txt"
    source.write_text(
        "某镇人民政府2009年政府信息公开工作年度报告\n一、概述\n"
        "截止2009年12月31日,我镇通过区政府信息公开系统主动公开政府信息累计20条。\n"
        "2009年共整理、录入、发布14条主动公开政府信息。\n"
        "二、依申请公开政府信息情况\n2009年、未收到依申请公开政府信息情况。\n",
        encoding="utf-8",
    )
    data = recognise(read(source)).data
    assert (data["主动公开"]["总数"], data["主动公开"]["历年累计"]) == (14, 20)
    assert data["依申请公开"]["收到申请"] == 0


def test_a_2007_township_says_no_request_no_fee_and_no_appeal_in_its_own_words(
    tmp_path: Path,
) -> None:
    """没有接到群众主动要求公开政府信息的申请, 政府信息公开没有收费 and 没有发生针对本单位有关
    政府信息公开事务的行政复议案、行政诉讼案和有关的申诉案 are 0s (a township's wording)."""
    source = tmp_path / "report.txt"
    source.write_text(
        "2018年某镇政府信息公开工作年度报告\n一、主动公开政府信息的情况\n公开了文件。\n"
        "二、政府信息依申请公开办理情况\n2018年度我镇没有接到群众主动要求公开政府信息的申请。\n"
        "三、依申请信息公开收费情况\n2018年度,我镇政府信息公开没有收费。\n"
        "四、复议、诉讼和申诉情况\n我镇2018年度,没有发生针对本单位有关政府信息公开事务的"
        "行政复议案、行政诉讼案和有关的申诉案。\n",
        encoding="utf-8",
    )
    data = recognise(read(source)).data
    assert data["依申请公开"]["收到申请"] == 0
    assert data["收费及减免"]["收费金额"] == 0
    appeals = data["行政复议和诉讼"]
    assert (appeals["行政复议"], appeals["行政诉讼"], appeals["申诉"]) == (0, 0, 0)


@pytest.mark.parametrize(
    ("sentence", "received"),
    [
        ("2018年度我镇没有接到群众主动要求公开政府信息的申请。", 0),
        ("本年度未收到公开政府信息的申请。", 0),
        ("本年度没有收到群众的政府信息公开申请。", 0),
        # about complaints or appeals over requests: no word on how many came
        ("全年未接到有关政府信息公开申请方面的投诉举报。", None),
        ("全年未收到对本机关政府信息公开申请答复不服的行政复议。", None),
        ("本年度没有收到针对政府信息公开申请处理的行政复议。", None),
        ("我镇未受理涉及政府信息公开的申请人投诉。", None),
    ],
)
def test_no_request_is_read_only_where_the_sentence_says_so(
    sentence: str, received: int | None, tmp_path: Path
) -> None:
    """A sentence saying no request came is a 0; one saying no complaint or appeal about
    requests came says nothing of their number: nothing is read from it."""
    source = tmp_path / "report.txt"
    source.write_text(
        f"2018年某镇政府信息公开工作年度报告\n一、概述\n二、依申请公开政府信息情况\n{sentence}\n",
        encoding="utf-8",
    )
    assert recognise(read(source)).data.get("依申请公开", {}).get("收到申请") == received


def test_import_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    """An existing output is kept unless --force is given; with it, it is replaced."""
    page = tmp_path / "report.html"
    page.write_text(PORTAL_PAGE, encoding="utf-8")
    out = tmp_path / "out.yaml"
    out.write_text("keep", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(page), "-o", str(out)])
    assert result.exit_code == 1
    assert out.read_text(encoding="utf-8") == "keep"
    result = CliRunner().invoke(main, ["import", str(page), "-o", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# 由 reportkit import")


# --- which report: year and unit from the title, or what the page says elsewhere -----------


def _page(*lines: str, title: str | None = None) -> Document:
    """A page read as its lines (one paragraph each)."""
    return Document(
        [Paragraph(text, Where(paragraph=i)) for i, text in enumerate(lines, start=1)], title
    )


@pytest.mark.parametrize(
    ("lines", "year", "unit"),
    [
        (["某镇人民政府2022年政府信息公开工作年度报告"], 2022, "某镇人民政府"),
        (["2022年度某县交通运输局政府信息公开工作年度报告"], 2022, "某县交通运输局"),
        (["某 县 人 民 政 府", "二〇二二年政府信息公开工作年度报告"], 2022, "某县人民政府"),
        (["二零一九年度某街道办事处政府信息公开工作年度报告"], 2019, "某街道办事处"),
        (["某区教育局", "2021年度", "政府信息公开工作年度报告"], 2021, "某区教育局"),
        (["某局关于2020年度政府信息公开工作的年度报告"], 2020, "某局"),
        (["某镇政府信息公开工作年度报告（2023年度）"], 2023, "某镇"),
        (["某市2009年度政务公开工作年度报告"], 2009, "某市"),
        (
            [
                "首页 > 政务公开 > 年度报告",
                "索引号：001/2023-00012",
                "发布机构：某市生态环境局",
                "2022年政府信息公开工作年度报告",
            ],
            2022,
            "某市生态环境局",
        ),
        (
            ["某市人民政府办公室关于公布", "某市2009年度政府信息公开工作年度报告的通知"],
            2009,
            "某市",
        ),
        (
            [
                "当前位置: 网站首页 -> 政务公开 -> 政府信息公开年报 -> 2020年政府信息公开年报 -> 正文",
                "某县人民政府2020年政府信息公开工作年度报告",
            ],
            2020,
            "某县人民政府",
        ),
        (["某县人民政府机关", "2020年政府信息公开工作年度报告"], 2020, "某县人民政府机关"),
    ],
)
def test_title_shapes_give_year_and_unit(lines: list[str], year: int, unit: str | None) -> None:
    """A title split over lines, spaced out, in 〇/零 numerals, with the unit before or after
    the year or the year in brackets gives its year and unit; navigation is never a unit nor
    a title (a breadcrumb ending in “2020年政府信息公开年报”), and a unit may be a 机关."""
    head = masthead(_page(*lines))
    assert (head.year, head.unit, head.at, head.titled) == (year, unit, len(lines) - 1, True)


def test_metadata_unit_is_taken_when_the_title_has_none() -> None:
    """Without a unit in the title, 发布机构 of the metadata is the unit, and said so."""
    head = masthead(
        _page(
            "索引号：001/2023-00012", "发布机构：某市生态环境局", "2022年政府信息公开工作年度报告"
        )
    )
    assert (head.year, head.unit) == (2022, "某市生态环境局")
    assert head.unit_from == "第2段的“发布机构”"


@pytest.mark.parametrize(
    ("lines", "year", "unit", "source"),
    [
        (
            [
                "索引号 | 公开方式 | 发布机构 |",
                "001/2010-00023 | 主动公开 | 某乡人民政府 |",
                "本报告中所列数据的统计期限自2009年1月1日起至2009年12月31日止。",
                "一、概述",
            ],
            2009,
            "某乡人民政府",
            "第3段的统计期限“2009年1月1日起至2009年12月31日”",
        ),
        (
            [
                "根据《条例》，现公布某县民政局(以下简称县民政局)2022年政府信息公开工作年度报告。",
                "一、总体情况",
            ],
            2022,
            "某县民政局",
            "第1段“现公布某县民政局(以下简称县民政局)2022年政府信息公开工作年度报告”",
        ),
        (
            ["某街道办事处政府信息公开工作年度报告", "一、总体情况", "2020年度我街办未接到申请。"],
            2020,
            "某街道办事处",
            "第3段“2020年度我街办未接到申请”",
        ),
        (
            ["一、总体情况", "2019年度，我局主动公开政府信息380条。", "《2019年度工作要点》"],
            2019,
            None,
            "第2段“2019年度,我局主动公开政府信息380条”",
        ),
        (
            [
                "按照《条例》要求,编制了某区发展和改革局2021年度政府信息公开工作年度报告。",
                "一、总体情况",
            ],
            2021,
            "某区发展和改革局",
            "第1段“编制了某区发展和改革局2021年度政府信息公开工作年度报告”",
        ),
        (
            [
                "一、总体情况",
                "根据《条例》的要求,某市某区某街道特编制2023年政府信息公开年度报告。",
                "(一)加大公开力度",
                "2023年度,主动公开政府信息47条。",
                "二、主动公开政府信息情况",
            ],
            2023,
            "某市某区某街道",
            "第2段“某市某区某街道特编制2023年政府信息公开年度报告”",
        ),
        (
            [
                "一、总体情况",
                "2023年,在区委、区政府的领导下,某街道办事处认真贯彻落实《条例》。",
                "2023年,通过政府门户网站,主动公开政府信息63条。",
                "二、主动公开政府信息情况",
                "与2022年相比,信息数量增加。",
            ],
            2023,
            None,
            "第2段“2023年,在区委、区政府的领导下,某街道办事处认真贯彻落实”",  # 《》 left out
        ),
    ],
)
def test_a_page_without_a_dated_title_names_where_its_year_came_from(
    lines: list[str], year: int, unit: str | None, source: str
) -> None:
    """No title with a year: the year of a sentence naming the report (also in the first
    section of a page that starts at 一、), of the statistics period or of the text's ××年度 or
    sentence-opening “××年,” is taken, with where it was; the unit only from a body's name
    (never 我局, nor a verb before it: 编制了)."""
    head = masthead(_page(*lines))
    assert (head.year, head.unit, head.year_from, head.titled) == (year, unit, source, False)


@pytest.mark.parametrize(
    ("lines", "year", "unit"),
    [
        (
            ["引言", "本报告是根据《条例》要求,由某市水务局编制的2008年度政府信息公开年度报告。"],
            2008,
            "某市水务局",
        ),
        (
            [
                "2016年政府信息公开工作年度报告",
                "本年度报告根据《条例》要求,由某区人民政府编制。全文包括概述。",
            ],
            2016,
            "某区人民政府",
        ),
        (
            [
                "2018年度政府信息公开年度报告",
                "本报告根据《条例》的要求,由某市住房和城乡建设局综合全年信息公开情况编制而成。",
            ],
            2018,
            "某市住房和城乡建设局",
        ),
        (["现向社会公布2009年度某某市政府信息公开年度报告。"], 2009, "某某市"),
        (["现向社会公布2009年度某某市人民政府信息公开年度报告。"], 2009, "某某市人民政府"),
        (
            [
                "2025年政府信息公开工作年度报告 ( 2026-01-30 )",
                "某市住房和城乡建设管理委员会",
                "2025年政府信息公开工作年度报告",
            ],
            2025,
            "某市住房和城乡建设管理委员会",
        ),
        (
            [
                "2016年政府信息公开年报 ( 2017-03-31 )",
                "2016某市住房和城乡建设管理委员会",
                "政府信息公开工作年度报告",
            ],
            2016,
            "某市住房和城乡建设管理委员会",
        ),
        (
            [
                "某镇人民政府",
                "关于报送《2011年政府信息公开年度报告》的报 告",
                "某县人民政府办公室:",
                "现上报我镇《2011年政府信息公开年度报告》。",
                "2011年政府信息公开年度报告",
            ],
            2011,
            "某镇人民政府",
        ),
        (
            [
                "标题: 某镇2011年政府信息公开工作年度报告",
                "索引号: 001/2012-00001",
                "某镇2011年政府信息公开工作年度报告",
            ],
            2011,
            "某镇",
        ),
        (["Page 8 - 某区信访局2022年政府信息公开工作年度报告", "P. 8"], 2022, "某区信访局"),
    ],
    ids=[
        "compiled-by-named",
        "compiled-by-no-year",
        "compiled-by-with-words",
        "a-city-by-its-name",
        "subject-takes-no-zhengfu",
        "portal-list-line",
        "year-glued-to-unit",
        "cover-letter",
        "metadata-label",
        "pdf-page-header",
    ],
)
def test_the_unit_printed_near_the_title_is_found(lines: list[str], year: int, unit: str) -> None:
    """由××编制(的……报告 / 而成), with a year or not, names the unit; a 市 may be named by its
    name; a portal's list line or a metadata copy above the page's own title, a cover letter's
    关于报送《……》 and a label (标题:, Page 8 -) never make the unit."""
    head = masthead(_page(*lines))
    assert (head.year, head.unit) == (year, unit)


@pytest.mark.parametrize(
    "lines",
    [
        ["一、总体情况", "2018年度我局……", "2019年度我局……"],
        ["本报告统计期限为2018年12月1日至2019年11月30日。", "一、总体情况"],
        ["首页 > 新闻", "今日新闻"],
        ["一、总体情况", "2022年,我局……", "2023年度我局……"],
        ["本报告所列数据截止日期为2021年1月15日。", "一、总体情况", "我局扎实推进政务公开。"],
    ],
    ids=[
        "two-years-named",
        "period-over-two-years",
        "no-year",
        "two-years-opening",
        "cutoff-early-in-a-year",
    ],
)
def test_a_page_whose_year_cannot_be_told_is_refused(lines: list[str]) -> None:
    """Two years named, a period over two years, or none: refused with the clear message."""
    with pytest.raises(NotImportable, match="找不到“××年政府信息公开工作年度报告”这样的标题"):
        masthead(_page(*lines))


def test_an_untitled_page_takes_its_year_from_the_day_its_figures_were_counted_to() -> None:
    """No title, the year only in 所列数据截止日期为2020年12月25日 (and in the title of a
    document in 《》): the report is 2020's, and the file says where the year came from."""
    head = masthead(
        _page(
            "本报告由“总体情况”等六部分组成。所列数据截止日期为2020年12月25日,电子版可在"
            "市政府网站下载。",
            "一、总体情况",
            "依据《2021年全市政务公开重点工作任务分工》,研究制定了实施方案。",
        )
    )
    assert head.year == 2020
    assert "数据截止日期" in head.year_from and not head.titled


@pytest.mark.parametrize(
    ("printed", "start", "end"),
    [
        ("统计期限自2021年1月1日起至2021年12月31日止", dt.date(2021, 1, 1), dt.date(2021, 12, 31)),
        ("内容涵盖2022年1月1日至12月31日期间的工作", dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
        ("统计期限自202111日起至20211230日止", dt.date(2021, 1, 1), dt.date(2021, 12, 30)),
        ("统计期限自2021111日起至20211231日止", None, dt.date(2021, 12, 31)),
    ],
)
def test_statistics_period_as_printed(printed: str, start: dt.date | None, end: dt.date) -> None:
    """The period's days are read as printed; digits whose 年 and 月 were lost are read when
    only one month and day fit (202111日 is 1月1日; 2021111日 could be 1月11日 or 11月1日)."""
    found = statistics_period(_page(printed).paragraphs)
    assert found is not None and found[:2] == (start, end)


def test_a_misprinted_period_is_imported_and_a_calendar_year_is_not(tmp_path: Path) -> None:
    """统计期限 is written only when the printed period is not the calendar year, with where."""
    body = "一、总体情况\n公开了文件。\n"
    source = tmp_path / "report.txt"
    for end, written in (("20211230日", True), ("2021年12月31日", False)):
        source.write_text(
            f"某镇2021年政府信息公开工作年度报告\n本报告中所列数据的统计期限自2021年1月1日起至{end}止。\n"
            + body,
            encoding="utf-8",
        )
        found = recognise(read(source))
        assert ("统计期限" in found.data) is written
    assert found.data.get("统计期限") is None


def test_the_unit_of_an_untitled_report_comes_from_its_sign_off(tmp_path: Path) -> None:
    """No title, no metadata: the sign-off's name is the unit, and the header says so."""
    source = tmp_path / "report.txt"
    source.write_text(
        "本报告中所列数据的统计期限自2009年1月1日起至2009年12月31日止。\n一、概述\n公开了文件。\n"
        "某乡人民政府\n2010年1月20日\n",
        encoding="utf-8",
    )
    found, text = import_report(source)
    assert found.data["单位"] == {"全称": "某乡人民政府", "层级": "乡镇"}
    assert "年度 2009 取自第1段的统计期限" in text
    assert "单位“某乡人民政府”取自落款署名" in text


def test_a_page_that_starts_at_its_first_section_is_imported_with_its_unit_to_fill(
    tmp_path: Path,
) -> None:
    """A page that starts at “一、总体情况” (no title, no period, no 年度) is read: the year
    from the sentence opening “2023年,”, said so; no unit is named, so it is left to fill in."""
    source = tmp_path / "report.txt"
    source.write_text(
        "一、总体情况\n2023年,通过政府门户网站,主动公开政府信息63条。\n"
        "二、主动公开政府信息情况\n第二十条第(一)项 |\n信息内容 | 本年制发件数 | 本年废止件数 | "
        "现行有效件数 |\n规章 | 0 | 0 | 0 |\n",
        encoding="utf-8",
    )
    found, text = import_report(source)
    assert found.data["年度"] == 2023 and found.data["单位"] == {"全称": None}
    assert "年度 2023 取自第2段“2023年,通过政府门户网站,主动公开政府信息63条”" in text
    assert "页面上没有写明发布报告的单位：单位全称留空待填写" in text


@pytest.mark.parametrize(
    ("signature", "level"),
    [
        ("某某县", "县级人民政府"),
        ("某某里街", "街道"),
        ("某某县人民政府机关", "县级人民政府"),
        ("某某县发展和改革局", "县级部门"),
        ("某某区", "县级人民政府"),
        ("前进区教育局", "县级部门"),
        ("某某市某某区人民政府办公室", "县级部门"),
        ("北京市水务局", "省级部门"),
        ("某某市教育局", None),
        ("某某市人民政府", None),
        ("某某经济开发区管理委员会", None),
        ("文教局", None),
    ],
)
def test_the_level_is_read_from_a_name_only_when_it_can_be_one_kind(
    signature: str, level: str | None, tmp_path: Path
) -> None:
    """A 县 named without 人民政府 (or with 机关) is the county's government, a …街 a 街道, a
    区's or 县's 局 or 办公室 a 县级部门 and 北京's a 省级部门; a 市 that may be a 地级市 or a
    县级市, a zone's 管委会 or a name without its place gives no level."""
    source = tmp_path / "report.txt"
    source.write_text(
        f"{signature}2020年政府信息公开工作年度报告\n一、总体情况\n公开了文件。\n",
        encoding="utf-8",
    )
    unit = recognise(read(source)).data["单位"]
    assert (unit["全称"], unit.get("层级")) == (signature, level)


@pytest.mark.parametrize(
    ("sentence", "total", "categories"),
    [
        (
            "我镇共在政务信息公开平台主动公开政府信息达18条,其中机构设置1条,领导分工4条,"
            "较好地完成了信息工作目标任务。",
            18,
            [("机构设置", 1), ("领导分工", 4)],
        ),
        (
            "全年主动公开政府信息643条，其中通知公告88条、建议提案8条。",
            643,
            [("通知公告", 88), ("建议提案", 8)],
        ),
        ("2021年度,主动公开政府信息380条,其中文件公开30条。", 380, None),
        ("截至年底累计主动公开政府信息5000条。", None, None),
        ("2021年度,共公开政府信息15条,在县政府网站发布工作动态38条。", 15, None),
        ("我镇主动公开的信息共计85条,包括:机构职能、乡镇文件、镇街动态等各类信息。", 85, None),
        ("2021年共整理、录入、发布14条主动公开政府信息。", 14, None),
        ("2020年共整理、录入、发布14条主动公开政府信息。", None, None),
        (
            "全年通过网站共公开信息314条,其中,人员招录信息公开3条,财政预算、决算信息公开2条。",
            314,
            [("人员招录信息公开", 3), ("财政预算、决算信息公开", 2)],
        ),
        ("截止2021年12月31日,我镇主动公开政府信息累计140条。", None, None),
        ("截至12月31日,共主动公开政府信息86条。", None, None),
        ("截至2021年12月31日,全年共主动公开政府信息86条。", 86, None),
        ("2021年共依申请公开政府信息3条。", None, None),
        ("2019年度,主动公开政府信息380条。", None, None),
        (
            "2020年主动公开政府信息28条，2021年主动公开政府信息31条，其中通知8条、公告3条。",
            31,
            [("通知", 8), ("公告", 3)],
        ),
        (
            "全年主动公开政府信息1,300条，其中规范性文件66条，占5%；工作动态1,234条，占95%。",
            1300,
            [("规范性文件", 66), ("工作动态", 1234)],
        ),
        ("全年主动公开政府信息1300条，其中规范性文件66条；工作动态1,23条。", 1300, None),
        (
            "2021年,通过县政府门户网站、县融媒体中心、县政务服务中心等平台主动公开政府信息"
            "6391条,其中概况类信息1105条;政务动态类信息2896条;政府文件、重大事件等民众关心的"
            "其他信息共计2004条。在县政府门户网站提供更便捷",
            6391,
            [
                ("概况类信息", 1105),
                ("政务动态类信息", 2896),
                ("政府文件、重大事件等民众关心的其他信息", 2004),
            ],
        ),
        (
            "2021年度本局及时发布工作动态、政策法规等相关内容,主动公开文件89条。主动公开的"
            "政府信息类别,主要包含行政许可类信息1条;重大建设项目信息63条;其他类信息9条。",
            89,
            [("行政许可类信息", 1), ("重大建设项目信息", 63), ("其他类信息", 9)],
        ),
        ("2021年,主动公开疫情防控数据、财政数据、应急管理等政府信息7074条。", 7074, None),
        (
            "全年通过政府网站等平台,依法、及时向社会公开政务要闻、便民服务等政府信息共计"
            "4891条,其中新制定行政规范性文件15件,清理并公开现行有效的行政规范性文件102件。",
            4891,
            None,
        ),
        (
            "2021年,通过“某区管理委员会”门户网站公开信息92条,其中乡街快讯板块79条,"
            "机构职能1条,文件通知12条。",
            92,
            [("乡街快讯板块", 79), ("机构职能", 1), ("文件通知", 12)],
        ),
        ("2021年度我镇主动公开政府信息数22条,其中线上信息公开15条。", 22, None),
        ("2021年主动公开的各类政府信息数量66件。2021年,全街共受理申请1件。", 66, None),
        (
            "2021年我乡通过政府门户网站主动公开信息138条。其中:概况3条,政策文件信息31条,"
            "工作动态信息80条,财政信息2条,其他信息22条。",
            138,
            [
                ("概况", 3),
                ("政策文件信息", 31),
                ("工作动态信息", 80),
                ("财政信息", 2),
                ("其他信息", 22),
            ],
        ),
        (
            "2021年,本街道主动公开政府信息47条,其中部门文件22件,通知公告16条,人事任免9条。",
            47,
            [("部门文件", 22), ("通知公告", 16), ("人事任免", 9)],
        ),
        (
            "2021年,主动公开信息497条,其中网站发布新闻类165条,教育通知类39条,教育服务类23篇,"
            "专题专栏10个,义务教育领域信息公开121篇等;微信公众号发布1135条。",
            497,
            None,
        ),
        ("截至2021年底,本镇累计公开信息5000条。", None, None),
        ("2020年,通过门户网站公开信息92条,其中通知79条,公告13条。", None, None),
        ("2021年,本机关依申请公开信息3条,不予公开信息2条。", None, None),
        ("2021年,我镇共发文96件,其中主动公开文件0件,不公开文件96件。", None, None),
        ("2021年,我处围绕群众关注的政府信息主动公开171条。", 171, None),
        (
            "2021年度共主动公开政府信息25条,在主动公开的信息中,工作动态信息5条,"
            "财政预决算信息19条,其他信息1条。",
            25,
            [("工作动态信息", 5), ("财政预决算信息", 19), ("其他信息", 1)],
        ),
    ],
    ids=[
        "after-a-place",
        "listed-with-dunhao",
        "one-category-only",
        "cumulative",
        "without-zhudong",
        "names-without-counts",
        "figure-first",
        "another-year",
        "list-after-qizhong-comma",
        "cumulative-after-the-words",
        "up-to-a-day",
        "up-to-a-day-all-year",
        "on-request",
        "another-year-before-the-clause",
        "last-year-first",
        "thousands-separated",
        "misprinted-separator",
        "long-lead-and-semicolons",
        "documents-and-categories-in-the-next-sentence",
        "kinds-named-before-the-word",
        "without-zhudong-kinds-named-and-subsets-in-another-unit",
        "without-zhudong-on-a-named-site",
        "figure-of-information-one-category",
        "figure-of-information-in-jian",
        "qizhong-after-a-full-stop",
        "categories-in-mixed-units",
        "open-list-in-mixed-units",
        "running-total-without-zhudong",
        "another-year-without-zhudong",
        "on-request-without-zhudong",
        "documents-among-those-issued",
        "information-then-the-verb",
        "categories-among-the-information",
    ],
)
def test_proactive_totals_in_the_words_clerks_write(
    sentence: str, total: int | None, categories: list[tuple[str, int]] | None, tmp_path: Path
) -> None:
    """The year's proactive total and its categories are read from the shapes clerks write;
    a lone category (a highlight, not the breakdown), names without counts, a cumulative
    figure, another year's (named in the clause or before it) and one 截至 a day (this year's
    or every year's?) are not; 1,234 is 1234 (its last digits were a category of their own)."""
    source = tmp_path / "report.txt"
    source.write_text(
        f"某镇2021年政府信息公开工作年度报告\n一、总体情况\n{sentence}\n", encoding="utf-8"
    )
    proactive = recognise(read(source)).data["总体情况"].get("主动公开", {})
    assert proactive.get("总数") == total
    listed = proactive.get("分类")
    assert (None if listed is None else [(c["名称"], c["条数"]) for c in listed]) == categories


def test_a_cell_that_is_no_figure_is_left_blank_but_not_called_printed_blank(
    tmp_path: Path,
) -> None:
    """A cell printed with something that is no figure (“2?”) is left blank to fill, listed as
    not placed and commented as such — not counted among the cells printed blank."""
    text = (
        "某镇人民政府2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
        "行政规范性文件\t2?\t0\t7\n规章\t0\t\t0\n"
    )
    source = tmp_path / "report.txt"
    source.write_text(text, encoding="utf-8")
    found, written = import_report(source)
    unread = ("主动公开", "行政规范性文件", "本年制发件数")
    assert datapath.get(found.data, unread) is None
    assert [path for path, _where in found.unread] == [unread]
    assert [path for path, _where in found.blanks] == [("主动公开", "规章", "本年废止件数")]
    assert "本年制发件数:  # 原表此格不是数字（第1个表格，第2行，第2列）" in written
    assert "原表中空白的格 1 处" in written


SIGNED_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>某镇2022年政府信息公开工作年度报告</title></head>
<body><main><article>
<h1>某镇人民政府<br>2022年政府信息公开工作年度报告</h1>
<dl class="meta"><div><dt>发布机构</dt><dd>某镇人民政府</dd></div>
<div><dt>成文日期</dt><dd>2023年1月18日</dd></div></dl>
<p>本报告由某镇人民政府编制。</p>
<h2>一、总体情况</h2><p>2022年，我镇扎实推进政务公开。</p>
%s
</article></main>
<footer><p>版权所有 某县人民政府</p><p>2023年1月1日</p></footer>
</body></html>
"""


def test_an_articles_footer_gives_the_sign_off_and_the_page_footer_is_left_out(
    tmp_path: Path,
) -> None:
    """The <footer> of the report's <article> is its sign-off (署名, 成文日期); the page's own
    <footer> (版权所有) is not read; the metadata lines (发布机构, 成文日期) are no 导语."""
    page = tmp_path / "report.html"
    signoff = "<footer><p>某镇党政办公室</p><p>2023年1月20日</p></footer>"
    page.write_text(SIGNED_PAGE % signoff, encoding="utf-8")
    found = recognise(read(page))
    assert found.data["落款"] == {"署名": "某镇党政办公室", "日期": dt.date(2023, 1, 20)}
    assert found.data["导语"] == "本报告由某镇人民政府编制。"
    assert "版权所有" not in repr(found.data) and found.unplaced == []


def test_without_a_sign_off_date_the_pages_written_date_is_taken(tmp_path: Path) -> None:
    """A page whose report ends with no date takes 落款.日期 from its 成文日期 metadata line."""
    page = tmp_path / "report.html"
    page.write_text(SIGNED_PAGE % "", encoding="utf-8")
    found = recognise(read(page))
    assert found.data["落款"] == {"日期": dt.date(2023, 1, 18)}
    assert found.data["导语"] == "本报告由某镇人民政府编制。"


@pytest.mark.parametrize(
    ("sentence", "received"),
    [
        ("全年共收到政府信息公开申请2件，较上年增加1件。", 2),
        ("2016年我镇共收到政府信息公开申请3件。", None),
        ("自《条例》实施以来，我镇累计共收到政府信息公开申请5件。", None),
        ("截至2017年底，共收到政府信息公开申请9件。", None),
    ],
    ids=["this-year", "another-year", "since-the-regulations", "up-to-year-end"],
)
def test_a_figure_in_words_is_read_only_when_it_is_the_years(
    sentence: str, received: int | None, tmp_path: Path
) -> None:
    """A count stated in words is this year's figure only: another year's or a running
    total (以来、累计、截至) is not put in the year's cell."""
    source = tmp_path / "report.txt"
    source.write_text(
        f"某镇2017年政府信息公开工作年度报告\n一、概述\n{sentence}\n", encoding="utf-8"
    )
    assert recognise(read(source)).data.get("依申请公开", {}).get("收到申请") == received


@pytest.mark.parametrize(
    ("sentence", "fee"),
    [
        ("2017年，我镇依申请公开政府信息收取费用12.5元。", Decimal("12.5")),
        ("2017年，我镇依申请公开政府信息收取费用..元。", None),
        ("2017年，我镇依申请公开政府信息收取费用1.2.3元。", None),
    ],
    ids=["amount", "points-only", "two-points"],
)
def test_a_misprinted_amount_in_words_is_left_unread(
    sentence: str, fee: Decimal | None, tmp_path: Path
) -> None:
    """An amount of money misprinted in a sentence (“..元”, “1.2.3元”) is not read, and no
    traceback: only digits with one decimal point make an amount."""
    source = tmp_path / "report.txt"
    source.write_text(
        f"某镇2017年政府信息公开工作年度报告\n一、概述\n{sentence}\n", encoding="utf-8"
    )
    assert recognise(read(source)).data.get("收费及减免", {}).get("收费金额") == fee


def test_no_appeal_said_beside_a_lawsuit_counted_puts_no_zero_for_it(tmp_path: Path) -> None:
    """“没有因…申请行政复议、但有提起行政诉讼2件的情况” gives no 0 lawsuits (it said 2)."""
    source = tmp_path / "report.txt"
    source.write_text(
        "某镇2017年政府信息公开工作年度报告\n一、概述\n"
        "2017年，我镇没有因政府信息公开申请行政复议、但有提起行政诉讼2件的情况。\n",
        encoding="utf-8",
    )
    appeals = recognise(read(source)).data.get("行政复议和诉讼", {})
    assert appeals.get("行政诉讼") in (None, 2)


@pytest.mark.parametrize(
    ("declared", "encoding"),
    [("gb2312", "gb18030"), ("gb2312", "utf-8"), ("gbk", "gb18030"), ("utf-8", "utf-8")],
    ids=["gbk-as-declared", "utf8-declared-gb2312", "gbk", "utf8"],
)
def test_a_page_is_read_in_the_encoding_it_is_in(
    declared: str, encoding: str, tmp_path: Path
) -> None:
    """A page declaring gb2312 is read as GBK — unless its bytes are UTF-8 (a portal template's
    stale declaration, which browsers overrule): it was garbled and refused as no report."""
    page = tmp_path / "report.html"
    text = PORTAL_PAGE.replace('<meta charset="utf-8">', f'<meta charset="{declared}">')
    page.write_bytes(text.encode(encoding))
    found = recognise(read(page))
    assert found.data["单位"]["全称"] == "某镇人民政府"
    assert found.data["总体情况"]["正文"] == "2022年，我镇扎实推进政务公开。"
