"""reportkit import of text copied from a page: tables one cell per line, text copied from a
PDF (wrapped lines, tables apart by spaces), and the page's attachment links."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportkit.importing import read, recognise
from reportkit.importing.document import Grid, Paragraph
from tests.test_importing import TABLE_ONE_2021, TABLE_TWO_2021, _copied_page, _stacked

BLANK = ["", "", "", "", "", "", ""]
"""表三's seven cells of a row printed blank."""

TABLE_TWO_ENDING_BLANK = [
    *TABLE_TWO_2021,
    ["二、上年结转政府信息公开申请数量", "0", "", "", "", "", "", "0"],
    ["三、本年度办理结果"],
    ["(一)予以公开", "3", "", "", "", "", "", "3"],
    ["(二)部分公开(区分处理的,只计这一情况,不计其他情形)", *BLANK],
    ["(三)不予公开"],
    ["1.属于国家秘密", *BLANK],
    ["2.其他法律行政法规禁止公开", *BLANK],
]


def test_rows_printed_blank_after_the_last_figure_stay_in_the_table(tmp_path: Path) -> None:
    """A table copied one cell per line ("|" after each cell) does not end at its last
    figure: the rows after it printed with empty cells are read as blanks (not 0, not
    prose), and its row labels numbered like headings (三、本年度办理结果, (一)予以公开) are
    not listed as parts of the report that cannot be placed."""
    table = _stacked([*TABLE_ONE_2021, *TABLE_TWO_ENDING_BLANK], "ended")
    found = recognise(read(_copied_page(tmp_path, table)))
    results = found.data["依申请公开"]["办理结果"]
    assert results["予以公开"]["总计"] == 3
    assert results["部分公开"] == dict.fromkeys(results["部分公开"])
    assert len(results["部分公开"]) == 7
    withheld = results["不予公开"]
    assert withheld["属于国家秘密"]["总计"] is None
    assert withheld["法律法规禁止公开"]["自然人"] is None
    blanks = {path for path, _where in found.blanks}
    assert ("依申请公开", "办理结果", "部分公开", "总计") in blanks
    assert ("依申请公开", "办理结果", "不予公开", "属于国家秘密", "自然人") in blanks
    assert "标题" not in found.data["依申请公开"]
    assert found.unplaced == []
    assert found.data["问题及改进"]["正文"] == "没有。"


@pytest.mark.parametrize("shape", ["ended", "pipes"])
def test_a_label_with_its_definition_does_not_end_a_table_copied_one_cell_per_line(
    shape: str, tmp_path: Path
) -> None:
    """A row label printed with its definition (规章:地方行政规章指…。), long and ending a
    sentence, is still one cell when "|" marks it as one (ending in "|", or between "|"
    lines): its row is read by the words before the colon."""
    rows = [
        TABLE_ONE_2021[0],
        TABLE_ONE_2021[1],
        [
            "规章:地方行政规章指各省、自治区、直辖市的人民政府和省、自治区的人民政府所在地的市"
            "以及设区市的人民政府根据宪法、法律和行政法规等制定和发布的规范性文件。",
            "1",
            "2",
            "3",
        ],
        ["行政规范性文件", "4", "5", "6"],
    ]
    found = recognise(read(_copied_page(tmp_path, _stacked(rows, shape))))
    proactive = found.data["主动公开"]
    assert proactive["规章"] == {"本年制发件数": 1, "本年废止件数": 2, "现行有效件数": 3}
    assert proactive["行政规范性文件"] == {"本年制发件数": 4, "本年废止件数": 5, "现行有效件数": 6}
    assert found.unplaced == []


def _blocks(path: Path) -> list[Paragraph | Grid]:
    return read(path).blocks


def test_a_header_cut_short_on_the_page_still_names_its_columns(tmp_path: Path) -> None:
    """A header whose cells the page cut short (本年新 | 本年新 | 对外公开总数量), each the
    start of its column's label in order, names those columns: the row is placed."""
    rows = [
        ["第二十条第(一)项"],
        ["信息内容", "本年新", "本年新", "对外公开总数量"],
        ["规章", "1", "2", "3"],
        ["规范性文件", "4", "5", "6"],
    ]
    source = _copied_page(tmp_path, _stacked(rows, "ended"))
    source.write_text(source.read_text("utf-8").replace("2021年", "2020年"), "utf-8")
    found = recognise(read(source))
    proactive = found.data["主动公开"]
    assert proactive["规章"] == {"本年新制作数量": 1, "本年新公开数量": 2, "对外公开总数量": 3}
    assert proactive["规范性文件"]["对外公开总数量"] == 6


def test_a_blank_row_whose_label_names_no_line_is_listed(tmp_path: Path) -> None:
    """A row printed blank after the figures whose label names no line of the table (a
    misprint) is listed as not placed, and the blank rows after it are still read."""
    rows = [
        *TABLE_ONE_2021,
        *TABLE_TWO_ENDING_BLANK[:-2],
        ["1.属于国家机密事项", *BLANK],
        ["2.其他法律行政法规禁止公开", *BLANK],
    ]
    found = recognise(read(_copied_page(tmp_path, _stacked(rows, "ended"))))
    withheld = found.data["依申请公开"]["办理结果"]["不予公开"]
    assert withheld["法律法规禁止公开"]["总计"] is None
    assert [t for _w, t in found.unplaced if t.startswith("无法确定")] == [
        "无法确定这一行数字属于哪些栏目：1.属于国家机密事项 |  |  |  |  |  |  |  | "
    ]


PDF_COPY = """某县交通运输局2021年政府信息公开工作年度报告
一、总体情况
2021年,我局认真贯彻落实《中华人民共和国政府信息公开条例》,
坚持以公开为常态、不公开为例外,依法做好政府信息公开工作。全年
通过门户网站主动公开政府信息128条,其中政策文件12条,工作动态
116条。依申请公开工作依法规范有序开展,办理工作按时完成。
二、主动公开政府信息情况
我局按照《条例》第二十条的规定,主动公开了各项规章、规范性文件
和行政许可、行政处罚等信息,具体情况如下表所示。
四、政府信息公开行政复议、行政诉讼情况
行政复议 行政诉讼
未经复议直接起诉 复议后起诉
结果 结果 其他 尚未 总
维持 纠正 结果 审结 计 结果 结果 其他 尚未 总 结果 结果 其他 尚未 总
维持 纠正 结果 审结 计 维持 纠正 结果 审结 计
0 1 0 0 1 0 0 0 0 0 2 0 0 0 2
五、存在的主要问题及改进情况
一是公开内容还不够丰富,政策解读形式较为单一,与公众的需求还存
在一定差距;二是信息发布的及时性有待提高。下一步,我局将进一步
加强培训,提高工作人员的业务能力,切实做到“应公开尽公开。”
努力提高信息公开工作的质量和水平。
P. 8
"""


def test_text_copied_from_a_pdf_is_read_in_paragraphs(tmp_path: Path) -> None:
    """Lines broken at the page's width in the middle of a sentence (a PDF's text copied) are
    joined into their paragraph; a heading, and the line after a sentence's end (…。” too),
    start a new one; a page number is left out; a figure broken from its words is read."""
    source = tmp_path / "report.txt"
    source.write_text(PDF_COPY, encoding="utf-8")
    texts = [b.text for b in _blocks(source) if isinstance(b, Paragraph)]
    assert texts[2] == (
        "2021年,我局认真贯彻落实《中华人民共和国政府信息公开条例》,坚持以公开为常态、"
        "不公开为例外,依法做好政府信息公开工作。全年通过门户网站主动公开政府信息128条,"
        "其中政策文件12条,工作动态116条。依申请公开工作依法规范有序开展,办理工作按时完成。"
    )
    assert texts[3] == "二、主动公开政府信息情况"
    assert texts[-2].startswith("一是公开内容还不够丰富,") and texts[-2].endswith("应公开尽公开。”")
    assert texts[-1] == "努力提高信息公开工作的质量和水平。"
    found = recognise(read(source))
    overview = found.data["总体情况"]["主动公开"]
    assert overview["总数"] == 128
    assert [c["条数"] for c in overview["分类"]] == [12, 116]
    assert found.data["问题及改进"]["正文"] == "\n\n".join(texts[-2:])
    assert found.unplaced == []


def test_a_table_copied_from_a_pdf_with_its_header_words_a_space_apart_is_read(
    tmp_path: Path,
) -> None:
    """A table copied from a PDF, its header's words a space apart above a row of figures
    a space apart, is one table: the row is read into the table its header names."""
    source = tmp_path / "report.txt"
    source.write_text(PDF_COPY, encoding="utf-8")
    found = recognise(read(source))
    appeals = found.data["行政复议和诉讼"]
    assert appeals["行政复议"] == {
        "结果维持": 0,
        "结果纠正": 1,
        "其他结果": 0,
        "尚未审结": 0,
        "总计": 1,
    }
    assert appeals["复议后起诉"]["结果维持"] == 2
    assert appeals["复议后起诉"]["总计"] == 2


def test_a_copy_with_an_empty_line_after_every_line_is_joined_at_a_figure_on_its_own(
    tmp_path: Path,
) -> None:
    """A document-sharing site's copy (an empty line after every line, a figure split from
    its words on a line of its own): the figure's line goes on from the one before, and a
    paragraph after a sentence's end stays apart."""
    lines = [
        "某市住房和城乡建设局2018年政府信息公开工作年度报告",
        "一、概述",
        "2018年,我局紧扣全市中心工作,不断加大信息公开力度,拓宽信息公开范围.",
        "二、主动公开政府信息情况",
        "通过门户网站及微博微信平台共计主动公开政府信息",
        "7435 条,其中行政规范性文件",
        "38 条,工作动态",
        "7397 条.",
        "三、依申请公开政府信息情况",
        "全年未收到政府信息公开申请.",
    ]
    source = tmp_path / "report.txt"
    source.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    texts = [b.text for b in _blocks(source) if isinstance(b, Paragraph)]
    assert texts[4] == (
        "通过门户网站及微博微信平台共计主动公开政府信息7435 条,其中行政规范性文件38 条,"
        "工作动态7397 条."
    )
    assert texts[2].endswith("拓宽信息公开范围.")
    assert texts[5] == "三、依申请公开政府信息情况"


def test_a_page_whose_lines_are_its_paragraphs_is_not_joined(tmp_path: Path) -> None:
    """A page copied from the web, each paragraph on one line, lines without a full stop
    among them (a title, a date, a table's cells one per line): no line is joined to another."""
    lines = [
        "某镇2021年政府信息公开工作年度报告",
        "发布时间:2022-01-18 来源:某镇",
        "一、总体情况",
        "2021年,我镇认真贯彻落实《条例》,全面推进政务公开工作,取得了较好成效。",
        "二、主动公开政府信息情况",
        "第二十条第(一)项",
        "信息内容",
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "规章",
        "0",
        "0",
        "0",
        "四、存在的主要问题及改进情况",
        "一是公开内容还不够丰富,",
        "二是公开形式还不够多样,",
        "三是队伍建设还需加强。",
    ]
    source = tmp_path / "report.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    texts = [b.text for b in _blocks(source) if isinstance(b, Paragraph)]
    assert texts[:4] == lines[:4]
    assert texts[-3:] == lines[-3:]


ATTACHED = """某镇2010年政府信息公开工作年度报告
一、概述
2010年,我镇认真贯彻落实《条例》,扎实推进政府信息公开工作。
二、复议、诉讼和申诉情况
我镇2010年度未发生有关政府信息公开的行政复议案、行政诉讼案。
%s"""


def test_a_pages_attachment_links_are_no_prose_of_the_report(tmp_path: Path) -> None:
    """The files a page offers after the report (年度报告.pdf, 附件：1.统计表.xls) and the
    page's words after them (its column's name) are left out of the last section's prose and
    listed as not placed."""
    source = tmp_path / "report.txt"
    tail = "某镇2010年政府信息公开工作年度报告.pdf\n附件：1.统计表.xls\n政府信息公开年报\n"
    source.write_text(ATTACHED % tail, encoding="utf-8")
    found = recognise(read(source))
    assert found.data["行政复议和诉讼"]["正文"] == (
        "我镇2010年度未发生有关政府信息公开的行政复议案、行政诉讼案。"
    )
    listed = [text for _where, text in found.unplaced]
    assert listed == [
        "页面上的附件链接等，不是报告正文：某镇2010年政府信息公开工作年度报告.pdf",
        "页面上的附件链接等，不是报告正文：附件：1.统计表.xls",
        "页面上的附件链接等，不是报告正文：政府信息公开年报",
    ]


def test_a_sign_off_after_an_attachment_link_is_kept(tmp_path: Path) -> None:
    """A sign-off after the attachment line (附件 before 落款, as official documents put it)
    is still the sign-off: only the link is left out."""
    source = tmp_path / "report.txt"
    source.write_text(
        ATTACHED % "附件：统计表.docx\n某镇人民政府\n2011年1月5日\n", encoding="utf-8"
    )
    found = recognise(read(source))
    assert found.data["落款"]["日期"].isoformat() == "2011-01-05"
    assert found.data["落款"]["署名"] == "某镇人民政府"
    assert [text for _where, text in found.unplaced] == [
        "页面上的附件链接等，不是报告正文：附件：统计表.docx"
    ]


def test_figures_one_per_line_in_text_copied_from_a_pdf_are_no_page_numbers(
    tmp_path: Path,
) -> None:
    """A lone number next to other figures (a table's cells one per line) is kept, never
    dropped as a page number; a lone number amid prose is the page number and is left out,
    and so is one written as a page number (P. 9) even next to a row of figures."""
    source = tmp_path / "report.txt"
    text = PDF_COPY.replace("P. 8", "8") + "规章\n0\n3\n0\nP. 9\n行政许可 1 2 3\n"
    source.write_text(text, encoding="utf-8")
    blocks = _blocks(source)
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert texts[-4:] == ["规章", "0", "3", "0"]
    assert "8" not in texts
    assert blocks[-1] == Grid((("行政许可", "1", "2", "3"),), blocks[-1].where)


def test_a_heading_of_a_pdf_copy_takes_no_count_from_the_next_line(tmp_path: Path) -> None:
    """A heading alone on its line stays apart from a paragraph beginning with a count (12
    个部门…); a heading with text run in after it (（一）公开内容 通过…共计发布信息) goes on
    into the count on the next line."""
    source = tmp_path / "report.txt"
    text = PDF_COPY.replace(
        "我局按照《条例》第二十条的规定,",
        "(一)公开内容 全局通过门户网站及微博微信平台共计主动公开信息\n"
        "7435 条,其中规范性文件38条。\n"
        "12 个科室按照《条例》第二十条的规定,",
    ).replace("二、主动公开政府信息情况\n", "二、主动公开政府信息情况\n12 个科室均指定专人负责。\n")
    source.write_text(text, encoding="utf-8")
    texts = [b.text for b in _blocks(source) if isinstance(b, Paragraph)]
    at = texts.index("二、主动公开政府信息情况")
    assert texts[at + 1] == "12 个科室均指定专人负责。"
    assert texts[at + 2] == (
        "(一)公开内容 全局通过门户网站及微博微信平台共计主动公开信息7435 条,其中规范性文件38条。"
    )


def test_a_blank_row_the_page_cuts_is_listed_not_lost(tmp_path: Path) -> None:
    """A page that stops within a row printed blank (four of its seven cells shown): the
    row is listed as not placed with what the page shows, not dropped and not filled."""
    rows = [*TABLE_ONE_2021, *TABLE_TWO_ENDING_BLANK]
    table = _stacked(rows, "ended") + "\n8.属于行政查询事项 |\n|\n|\n|\n|"
    source = tmp_path / "report.txt"
    source.write_text(
        "某镇人民政府2021年政府信息公开工作年度报告\n一、总体情况\n我镇扎实推进政务公开。\n"
        f"二、主动公开政府信息情况\n{table}\n",
        encoding="utf-8",
    )
    found = recognise(read(source))
    assert "属于行政查询事项" not in found.data["依申请公开"]["办理结果"]["不予公开"]
    assert [t for _w, t in found.unplaced] == [
        "无法确定这一行数字属于哪些栏目：8.属于行政查询事项 |  |  |  | "
    ]


def test_the_pages_of_a_pdfs_text_are_kept(tmp_path: Path) -> None:
    """Text copied from a PDF with a form feed between its pages (pdftotext's) is read as
    wrapped and keeps its pages: each paragraph says the page it is on."""
    source = tmp_path / "report.txt"
    first, second = PDF_COPY.split("四、政府信息公开行政复议")
    source.write_text(f"{first}\f四、政府信息公开行政复议{second}", encoding="utf-8")
    paragraphs = [b for b in _blocks(source) if isinstance(b, Paragraph)]
    assert paragraphs[2].text.endswith("办理工作按时完成。")
    assert paragraphs[2].where.page == 1
    assert paragraphs[-1].where.page == 2
