"""reportkit import of text copied from a page: tables one cell per line, text copied from a
PDF (wrapped lines, tables apart by spaces), and the page's attachment links."""

from __future__ import annotations

from pathlib import Path

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


def test_a_label_with_its_definition_does_not_end_a_table_copied_one_cell_per_line(
    tmp_path: Path,
) -> None:
    """A row label printed with its definition (规章:地方行政规章指…。 |), long and ending
    a sentence, is still one cell: its row is read by the words before the colon."""
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
    found = recognise(read(_copied_page(tmp_path, _stacked(rows, "ended"))))
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
