"""reportkit import and audit: text under the writer's own headings kept, figures printed with
words or signs, fees reported under another heading (survey 2, classes L, N and M)."""

from __future__ import annotations

from pathlib import Path

from reportkit.importing import import_report, read, recognise
from reportkit.office.audit import audit_file

OVERVIEW_2020 = """某市教育局2020年政府信息公开工作年度报告
一、总体情况
2020年，我局推进政务公开。
(一)加强组织领导。局高度重视信息公开工作，明确专人负责。
(二)健全工作制度。建立了网上信息公开审查制度。
(三)平台建设情况
在网站上专门开设“政务公开”栏目。
(四)强化工作落实。重点推进教育扶贫信息公开。
1、教育扶贫信息公开情况。以图片的形式及时向社会公开。
二、存在的主要问题及改进情况
没有。
"""


def test_sub_sections_under_the_writers_own_headings_join_the_overviews_text(
    tmp_path: Path,
) -> None:
    """总体情况's (一)加强组织领导 (no topic of the outline) is kept in 总体情况.正文 with its
    heading as printed, its sub-parts too, in print order; a topic heading still gets its
    topic; nothing is listed as not placed (such parts were listed, their text cut)."""
    source = tmp_path / "report.txt"
    source.write_text(OVERVIEW_2020, encoding="utf-8")
    found = recognise(read(source))
    overview = found.data["总体情况"]
    assert overview["正文"].split("\n\n") == [
        "2020年，我局推进政务公开。",
        "(一)加强组织领导。局高度重视信息公开工作，明确专人负责。",
        "(二)健全工作制度。建立了网上信息公开审查制度。",
        "(四)强化工作落实。重点推进教育扶贫信息公开。",
        "1、教育扶贫信息公开情况。以图片的形式及时向社会公开。",
    ]
    assert overview["平台建设"]["正文"] == "在网站上专门开设“政务公开”栏目。"
    assert found.unplaced == []


def test_a_section_no_mandated_section_encloses_is_listed_in_full(tmp_path: Path) -> None:
    """A first-level part of the writer's own (一、加强组织领导) is listed for the clerk with
    all its text over as many comment lines as it takes, never cut short."""
    long = "为确保条例的贯彻和实施，" * 12 + "做好依申请公开政府信息的有关工作。"
    source = tmp_path / "report.txt"
    source.write_text(
        "某市2009年政府信息公开工作年度报告\n一、加强组织领导\n"
        f"{long}\n二、主动公开政府信息情况\n共主动公开政府信息5条。\n",
        encoding="utf-8",
    )
    found, text = import_report(source)
    assert (found.unplaced[1][1]) == long
    header = "".join(
        line.strip().removeprefix("#").strip().removeprefix("第3段:").strip()
        for line in text.splitlines()
        if line.startswith("#   第3段") or line.startswith("#     ")
    )
    assert header == long


def _zhongyuan(cell: str, tmp_path: Path) -> Path:
    source = tmp_path / "report.txt"
    source.write_text(
        "某区教育局2020年政府信息公开工作年度报告\n一、总体情况\n我局推进政务公开。\n"
        "二、主动公开政府信息情况\n"
        "第二十条第(五)项 | ||||\n"
        "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 | |\n"
        f"行政许可 | 8 | {cell} | 18 | |\n"
        "其他对外管理服务事项 | 0 | 0 | 0 | |\n"
        "四、存在的主要问题及改进情况\n没有。\n",
        encoding="utf-8",
    )
    return source


def test_a_change_printed_with_a_word_or_signs_is_its_figure(tmp_path: Path) -> None:
    """本年增/减 printed 增10, 减3, +(0) -(0) or +(3)-(0) is read as 10, -3, 0, 3 and its row
    placed (the whole row was dropped as not a row of figures)."""
    for cell, value in (("增10", 10), ("减3", -3), ("+(0) -(0)", 0), ("+(3)-(0)", 3)):
        found = recognise(read(_zhongyuan(cell, tmp_path)))
        row = found.data["主动公开"]["行政许可"]
        assert row == {"上一年项目数量": 8, "本年增减": value, "处理决定数量": 18}, cell
        assert found.unplaced == [], cell


def test_a_change_that_cannot_be_read_leaves_its_cell_blank_not_its_row(tmp_path: Path) -> None:
    """+(2)-(1) (added and removed: no one figure) leaves 本年增减 blank and listed as no
    figure; the row's other figures are read."""
    found = recognise(read(_zhongyuan("+(2)-(1)", tmp_path)))
    row = found.data["主动公开"]["行政许可"]
    assert row == {"上一年项目数量": 8, "本年增减": None, "处理决定数量": 18}
    assert [p for p, _w in found.unread] == [("主动公开", "行政许可", "本年增减")]
    assert found.data["主动公开"]["其他对外管理服务事项"]["处理决定数量"] == 0


SHANGHAI_2012 = """上海市某区人民政府2012年政府信息公开工作年度报告
一、概述
2012年，本区继续扎实开展政府信息公开工作。
二、主动公开政府信息情况
本区2012年共主动公开政府信息20条。
三、依申请公开政府信息情况
(一)申请情况
2012年共收到政府信息公开申请0件。
(二)依申请收费及减免情况
本区未收取依申请公开费用。
四、政府信息公开类行政复议、行政诉讼和举报申诉情况
2012年未发生因政府信息公开申请行政复议、行政诉讼的情况。
五、存在的主要问题和改进措施
队伍建设有待加强。
"""
BEIJING_FEES = """四、人员和收支情况
(一)工作人员情况
本机关从事政府信息公开工作的全职人员共1名。
(二)收费情况
本区未收取依申请公开费用。
(三)减免情况
无。
"""


def test_fees_reported_under_another_heading_are_no_missing_section(tmp_path: Path) -> None:
    """A whole 2007-era report putting 收费及减免 under 依申请公开 (Shanghai) or in 人员和收支
    情况 (Beijing, whose 人员 text is kept) has no missing-section (both got an error)."""
    shanghai = tmp_path / "shanghai.txt"
    shanghai.write_text(SHANGHAI_2012, encoding="utf-8")
    beijing = tmp_path / "beijing.txt"
    beijing.write_text(
        SHANGHAI_2012.replace("上海市某区人民政府", "北京市某局")
        .replace("(二)依申请收费及减免情况\n本区未收取依申请公开费用。\n", "")
        .replace("四、政府", BEIJING_FEES + "五、政府")
        .replace("五、存在", "六、存在"),
        encoding="utf-8",
    )
    for report in (shanghai, beijing):
        assert [p.code for p in audit_file(report).findings] == [], report.name
    fees = recognise(read(beijing)).data["收费及减免"]
    assert fees["标题"] == "人员和收支情况"
    assert "全职人员共1名" in fees["正文"]


def test_a_mandated_section_reported_nowhere_is_still_missing(tmp_path: Path) -> None:
    """Without any heading on fees the same report is still missing 收费及减免."""
    report = tmp_path / "report.txt"
    report.write_text(
        SHANGHAI_2012.replace("(二)依申请收费及减免情况\n本区未收取依申请公开费用。\n", ""),
        encoding="utf-8",
    )
    found = [p.details.get("expected") for p in audit_file(report).findings]
    assert found == ["政府信息公开的收费及减免情况"]
