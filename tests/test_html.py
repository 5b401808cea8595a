"""`render --to`: the table of output formats, outputs written together, and the HTML page —
the .docx's outline, numbering and cells, semantic headings and tables, nothing but text."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from lxml import html
from pytest_regressions.file_regression import FileRegressionFixture

import reportkit
from reportkit import publish
from reportkit.cli import main
from reportkit.context import build_context
from reportkit.errors import TemplateProblem, UsageError
from reportkit.loading import check_file
from reportkit.publish import html as page_templates
from reportkit.publish.html import render_html
from tests.conftest import EXAMPLE_BY_ERA, MINIMAL_2007, STREET_2023, TOWN_2020
from tests.docx_text import open_docx

# --- the formats ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "formats"),
    [
        ("docx", ("docx",)),
        ("html", ("html",)),
        ("docx,html", ("docx", "html")),
        ("html,docx", ("html", "docx")),
        (" HTML , docx ,", ("html", "docx")),
        ("html,html", ("html",)),
    ],
)
def test_formats_are_read_in_the_order_given(text: str, formats: tuple[str, ...]) -> None:
    """--to reads comma-separated names, any case and spacing, each once, in the order given."""
    assert publish.parse_formats(text) == formats


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("doc", "未知的输出格式 “doc”；可用的格式：docx, html, pdf（可用逗号组合，如 docx,html）"),
        ("docx;html", "未知的输出格式 “docx;html”"),
        (",", "请给出输出格式：docx, html, pdf"),
    ],
)
def test_an_unknown_format_names_the_formats_there_are(text: str, message: str) -> None:
    """An unknown or empty --to is a usage error that lists the formats."""
    with pytest.raises(UsageError) as caught:
        publish.parse_formats(text)
    assert str(caught.value).startswith(message)


def test_each_output_is_named_after_the_target_with_its_suffix() -> None:
    """-o 报告.docx with --to docx,html names 报告.docx and 报告.html; another suffix stays."""
    assert publish.outputs_for(Path("out/报告.docx"), ["docx", "html"]) == {
        "docx": Path("out/报告.docx"),
        "html": Path("out/报告.html"),
    }
    assert publish.outputs_for(Path("2023.v2"), ["html"]) == {"html": Path("2023.v2.html")}


def test_cli_writes_every_format_beside_the_data(tmp_path: Path) -> None:
    """`render FILE --to docx,html` writes FILE.docx and FILE.html and names both."""
    data = tmp_path / "2023.yaml"
    data.write_bytes(STREET_2023.read_bytes())
    result = CliRunner().invoke(main, ["render", str(data), "--to", "docx,html"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2023.docx", "2023.html", "2023.yaml"]
    assert f"已生成 {tmp_path / '2023.docx'}" in result.output
    assert f"已生成 {tmp_path / '2023.html'}" in result.output


def test_cli_default_is_docx_alone(tmp_path: Path) -> None:
    """Without --to, render writes the .docx only, as before."""
    data = tmp_path / "2023.yaml"
    data.write_bytes(STREET_2023.read_bytes())
    assert CliRunner().invoke(main, ["render", str(data)]).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2023.docx", "2023.yaml"]


def test_cli_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    """--to pdf (not yet a format) exits 2 with a message listing the formats; nothing written."""
    data = tmp_path / "2023.yaml"
    data.write_bytes(STREET_2023.read_bytes())
    result = CliRunner().invoke(main, ["render", str(data), "--to", "docx,odt"])
    assert result.exit_code == 2
    assert "未知的输出格式 “odt”；可用的格式：docx, html" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2023.yaml"]


def test_fragment_without_html_is_a_usage_error(tmp_path: Path) -> None:
    """--fragment with no html among the formats is refused, naming --to html."""
    result = CliRunner().invoke(main, ["render", str(STREET_2023), "--fragment"])
    assert result.exit_code == 2
    assert "--fragment 只用于 HTML 输出，请同时给出 --to html" in result.output


def test_output_name_must_have_a_requested_suffix(tmp_path: Path) -> None:
    """-o x.txt with --to docx,html is refused before any work, naming both suffixes."""
    result = CliRunner().invoke(
        main, ["render", str(STREET_2023), "--to", "docx,html", "-o", str(tmp_path / "x.txt")]
    )
    assert result.exit_code == 2
    assert "x.txt: 输出文件应以 .docx / .html 结尾" in result.output


def test_bulk_render_writes_every_format_of_every_file(tmp_path: Path) -> None:
    """A folder rendered with --to docx,html -j 2 gets both files for each data file."""
    folder = tmp_path / "in"
    folder.mkdir()
    for era, example in EXAMPLE_BY_ERA.items():
        (folder / f"{era}.yaml").write_bytes(example.read_bytes())
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["render", str(folder), "-o", str(out), "--to", "docx,html", "-j", "2"]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{era}.{suffix}" for era in EXAMPLE_BY_ERA for suffix in ("docx", "html")
    )


# --- all or nothing ---------------------------------------------------------------------------


def test_an_existing_output_stops_every_output(tmp_path: Path) -> None:
    """When the .html exists (no --force), the .docx is not written either."""
    data = tmp_path / "2023.yaml"
    data.write_bytes(STREET_2023.read_bytes())
    (tmp_path / "2023.html").write_text("old", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(data), "--to", "docx,html"])
    assert result.exit_code == 1
    assert "2023.html: 文件已存在；如需覆盖，请加 --force" in result.output
    assert not (tmp_path / "2023.docx").exists()
    assert (tmp_path / "2023.html").read_text(encoding="utf-8") == "old"


def test_a_failing_format_leaves_no_output_of_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the second format fails, the first (already produced) is not moved in: no file,
    no temporary file; an earlier .docx stays as it was (with --force)."""

    def fail(_job: publish.Job) -> bytes:
        raise TemplateProblem("模板有错误：测试")

    monkeypatch.setitem(publish.FORMATS, "html", publish.OutputFormat("html", ".html", fail))
    data = tmp_path / "2023.yaml"
    data.write_bytes(STREET_2023.read_bytes())
    with pytest.raises(TemplateProblem):
        reportkit.render(data, to="docx,html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2023.yaml"]
    (tmp_path / "2023.docx").write_bytes(b"earlier")
    with pytest.raises(TemplateProblem):
        reportkit.render(data, to="docx,html", force=True)
    assert (tmp_path / "2023.docx").read_bytes() == b"earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2023.docx", "2023.yaml"]


# --- the page ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Each era's example as .docx and .html, from one render."""
    folder = tmp_path_factory.mktemp("pages")
    out = {}
    for era, example in EXAMPLE_BY_ERA.items():
        docx_path, _warnings = reportkit.render(example, folder / f"{era}.docx", to="docx,html")
        out[era] = (docx_path, docx_path.with_suffix(".html"))
    return out


def _page(path: Path) -> Any:
    return html.fromstring(path.read_bytes(), parser=html.HTMLParser(encoding="utf-8"))


def _text(element: Any) -> str:
    return "".join(element.itertext()).strip()


def _grid(table: Any) -> list[list[str]]:
    """A table's rows with every spanned cell repeated, as python-docx reads a .docx table."""
    grid: list[list[str]] = []
    pending: dict[tuple[int, int], str] = {}  # (row, column) taken by a rowspan above
    for r, row in enumerate(table.iter("tr")):
        cells: list[str] = []
        column = 0
        for cell in row:
            while (r, column) in pending:
                cells.append(pending.pop((r, column)))
                column += 1
            text = _text(cell)
            for _ in range(int(cell.get("colspan", "1"))):
                for below in range(1, int(cell.get("rowspan", "1"))):
                    pending[(r + below, column)] = text
                cells.append(text)
                column += 1
        while (r, column) in pending:
            cells.append(pending.pop((r, column)))
            column += 1
        grid.append(cells)
    return grid


@pytest.mark.parametrize("era", sorted(EXAMPLE_BY_ERA))
def test_headings_follow_the_docx_outline_and_numbering(
    era: str, rendered: dict[str, tuple[Path, Path]]
) -> None:
    """h1 is the title; h2, h3, h4 are the .docx's Heading 1, 2, 3 — same text, same order."""
    docx_path, page_path = rendered[era]
    document = open_docx(docx_path)
    levels = {"Heading 1": "h2", "Heading 2": "h3", "Heading 3": "h4"}
    expected = [
        (levels[p.style.name], p.text) for p in document.paragraphs if p.style.name in levels
    ]
    article = _page(page_path).find(".//article")
    found = [(e.tag, _text(e)) for e in article if e.tag in ("h2", "h3", "h4")]
    assert found == expected
    assert [e.tag for e in article.iter("h1")] == ["h1"]
    titles = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert _text(article.find("h1")) == "".join(titles)


@pytest.mark.parametrize("era", sorted(EXAMPLE_BY_ERA))
def test_paragraphs_are_the_docx_paragraphs(
    era: str, rendered: dict[str, tuple[Path, Path]]
) -> None:
    """The body paragraphs (and the signature and date) read as in the .docx, in order."""
    docx_path, page_path = rendered[era]
    document = open_docx(docx_path)
    skip = {"Title", "Heading 1", "Heading 2", "Heading 3"}
    expected = [p.text.strip() for p in document.paragraphs if p.style.name not in skip]
    article = _page(page_path).find(".//article")
    found = [_text(p) for p in article.iter("p")]
    assert found == [text for text in expected if text]


@pytest.mark.parametrize("era", sorted(era for era in EXAMPLE_BY_ERA if era != "2007"))
def test_every_table_shows_the_docx_cells(era: str, rendered: dict[str, tuple[Path, Path]]) -> None:
    """Each table's grid of cells equals the .docx table's (a Table 2 heading line spans the
    row where the .docx leaves seven cells blank; the .docx indents labels with spaces)."""
    docx_path, page_path = rendered[era]
    tables = _page(page_path).findall(".//table")
    docx_tables = open_docx(docx_path).tables
    assert len(tables) == len(docx_tables) == 3
    for table, docx_table in zip(tables, docx_tables, strict=True):
        expected = []
        for row in docx_table.rows:
            cells = [c.text.lstrip("\u3000") for c in row.cells]
            if cells[0] and not any(cells[1:]):
                cells = [cells[0]] * len(cells)  # a heading line
            expected.append(cells)
        assert _grid(table) == expected


@pytest.mark.parametrize("era", ["2019", "2021"])
def test_table2_cells_name_three_levels_of_column_header(
    era: str, rendered: dict[str, tuple[Path, Path]]
) -> None:
    """Every figure of Table 2 names, by headers, its row, the heading lines above it, and its
    column's headers down from 申请人情况 (法人或其他组织 for the five in between)."""
    page = _page(rendered[era][1])
    table = page.find(".//table[@class='table2']")
    ids = {e.get("id"): _text(e) for e in table.iter("th")}
    named = {}
    for row in table.iter("tr"):
        for td in row.iter("td"):
            names = [ids[i] for i in td.get("headers").split()]
            named.setdefault(names[0], []).append(names[1:])
    refused = named["4.保护第三方合法权益"]
    assert refused[0] == ["三、本年度办理结果", "（三）不予公开", "自然人", "申请人情况"]
    assert refused[1] == [
        "三、本年度办理结果",
        "（三）不予公开",
        "商业企业",
        "法人或其他组织",
        "申请人情况",
    ]
    assert refused[6] == ["三、本年度办理结果", "（三）不予公开", "总计", "申请人情况"]
    assert named["一、本年新收政府信息公开申请数量"][0] == ["自然人", "申请人情况"]
    note = table.find(".//thead/tr/th")
    assert _text(note) == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


@pytest.mark.parametrize("era", ["2019", "2021"])
def test_every_table_has_a_caption_and_only_header_cells_as_th(
    era: str, rendered: dict[str, tuple[Path, Path]]
) -> None:
    """Each table has a <caption> with its number; figures are <td>, labels <th> with an id."""
    page = _page(rendered[era][1])
    captions = [_text(t.find("caption")) for t in page.iter("table")]
    assert [c[:2] for c in captions] == ["表一", "表二", "表三"]
    for table in page.iter("table"):
        assert all(th.get("id") for th in table.iter("th"))
        assert all(re.fullmatch(r"-?[\d.]+(万元|元)?", _text(td)) for td in table.iter("td"))


def test_the_page_is_a_portal_page_without_script(
    rendered: dict[str, tuple[Path, Path]],
) -> None:
    """lang zh-CN; title, unit and 成文日期 as <meta> and shown; no script; relative font sizes;
    print CSS for A4."""
    source = rendered["2021"][1].read_text(encoding="utf-8")
    page = _page(rendered["2021"][1])
    assert page.get("lang") == "zh-CN"
    meta = {m.get("name"): m.get("content") for m in page.iter("meta") if m.get("name")}
    assert meta["ArticleTitle"] == "示例街道办事处2023年政府信息公开工作年度报告"
    assert meta["ContentSource"] == "示例街道办事处"
    assert meta["PubDate"] == "2024-01-22"
    assert page.findtext(".//title") == meta["ArticleTitle"]
    shown = {_text(dt): _text(dd) for dt, dd in zip(page.iter("dt"), page.iter("dd"), strict=True)}
    assert shown == {"发布机构": "示例街道办事处", "成文日期": "2024年1月22日"}
    assert "<script" not in source.lower() and " on" not in re.sub(
        r"\s+", " ", "".join(f" {name}" for e in page.iter() for name in e.attrib)
    )
    style = page.findtext(".//style")
    screen = style.split("@media print")[0]
    assert re.findall(r"font-size:\s*[^;]+", screen)
    assert all(
        re.fullmatch(r"font-size:\s*[\d.]+(rem|em|%)", s)
        for s in re.findall(r"font-size:\s*[^;}]+", screen)
    )
    assert "px" not in style
    assert re.search(r"@media print\s*{\s*@page\s*{\s*size:\s*A4", style)


def test_a_report_without_a_date_shows_none(tmp_path: Path) -> None:
    """A draft that states no 成文日期 yet: no PubDate and no <time>; the date shows as 【待填写】
    as in the draft .docx."""
    undated = tmp_path / "undated.yaml"
    text = EXAMPLE_BY_ERA["2007"].read_text(encoding="utf-8")
    undated.write_text(re.sub(r"\n  日期: [0-9-]+\n", "\n  日期:\n", text), encoding="utf-8")
    docx_path, _warnings = reportkit.render(
        undated, tmp_path / "undated.docx", to="docx,html", draft=True
    )
    page = _page(docx_path.with_suffix(".html"))
    assert "PubDate" not in {m.get("name") for m in page.iter("meta")}
    assert [_text(dt) for dt in page.iter("dt")] == ["发布机构", "成文日期"]
    assert [_text(dd) for dd in page.iter("dd")][-1] == "【待填写】"
    assert list(page.iter("time")) == []


def test_fragment_is_just_the_article(tmp_path: Path) -> None:
    """--fragment writes one <article lang="zh-CN"> with no page, style, meta or script."""
    out = tmp_path / "article.html"
    result = CliRunner().invoke(
        main, ["render", str(TOWN_2020), "--to", "html", "--fragment", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.lstrip().startswith('<article class="reportkit-report" lang="zh-CN">')
    assert text.rstrip().endswith("</article>")
    for tag in ("<html", "<head", "<style", "<meta", "<script", "<dl"):
        assert tag not in text
    article = html.fragment_fromstring(text)
    assert [t.tag for t in article.iter("table")] == ["table"] * 3


def test_clerks_text_is_escaped_and_keeps_its_line_breaks(
    write_yaml: Callable[..., Path], tmp_path: Path
) -> None:
    """&, < and template-like text print as written; a line break inside a paragraph is <br>."""
    data = write_yaml(
        MINIMAL_2007 + "其他事项:\n  正文: |-\n    A&B <script>x</script> {{ y }}\n    第二行\n"
    )
    out, _ = reportkit.render(data, tmp_path / "out.html", to="html")
    source = out.read_text(encoding="utf-8")
    assert "A&amp;B &lt;script&gt;x&lt;/script&gt; {{ y }}<br>第二行" in source
    assert "<script" not in source


def test_golden_page_text(
    rendered: dict[str, tuple[Path, Path]], file_regression: FileRegressionFixture
) -> None:
    """The text and table cells of every example's page match the reviewed golden file."""
    lines: list[str] = []
    for era in sorted(rendered):
        article = _page(rendered[era][1]).find(".//article")
        lines.append(f"===== {era}")
        for element in article.iter("h1", "h2", "h3", "h4", "p", "dt", "dd", "caption", "tr"):
            if element.tag == "tr":
                lines.append("| " + " | ".join(_text(c) for c in element) + " |")
            else:
                lines.append(f"[{element.tag}] {_text(element)}")
    file_regression.check("\n".join(lines) + "\n", extension=".txt")


def test_templates_render_in_the_sandbox_strictly() -> None:
    """The HTML templates run in reportkit's sandbox: autoescaped, and a variable missing from
    the context is an error naming it, never an empty string."""
    checked = check_file(STREET_2023)
    assert checked.report is not None
    context = build_context(checked.report, checked.data)
    environment = page_templates._templates()["page.html.j2"].environment
    assert isinstance(environment, SandboxedEnvironment)
    assert environment.autoescape is True and environment.undefined is StrictUndefined
    del context["signature"]
    with pytest.raises(TemplateProblem) as caught:
        render_html(checked.report, context)
    assert "signature" in str(caught.value)
