"""reportkit import and audit: text under the writer's own headings kept, figures printed with
words or signs, fees reported under another heading (survey 2, classes L, N and M)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportkit.importing import import_report, read, recognise
from reportkit.importing.recognise import _proactive_sentence
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


@pytest.mark.parametrize(
    ("said", "total", "categories"),
    [
        (
            "全年在网站和微信平台公布信息202条,其中网站公布194条,微信公众号公布4条,"
            "人大代表建议2条,政协提案2条;新闻发布会2次,向社会开放会议2次。",
            202,
            [("网站公布", 194), ("微信公众号公布", 4), ("人大代表建议", 2), ("政协提案", 2)],
        ),
        ("通过门户网站发布各类政府信息共1458条,主要包括政策文件182件、动态850条等。", 1458, []),
        (
            "共计发布信息7435条,其中行政规范性文件38条,占0.51%;工作动态7397条,占99.49%。",
            7435,
            [("行政规范性文件", 38), ("工作动态", 7397)],
        ),
        (
            "我镇通过门户网站公开各类信息46条。其中工作动态类36条;计划总结类7条;其他类3条",
            46,
            [("工作动态类", 36), ("计划总结类", 7), ("其他类", 3)],
        ),
        ("2019年发布信息300条,2020年发布信息350条。", 350, []),
        (
            "通过中国成都门户网站和成都市住房和城乡建设局门户网站及微博微信平台共计发布信息7435条。",
            7435,
            [],
        ),
        ("累计发布信息5000条。", None, []),
        ("召开新闻发布会3次,发布政务微博21条,其中政策解读8条,占37%。", None, []),
    ],
    ids=[
        "announced",
        "open-list",
        "published",
        "no-stop",
        "two-years",
        "long-lead",
        "running",
        "weibo",
    ],
)
def test_a_proactive_total_published_or_announced_is_read(
    said: str, total: int | None, categories: list[tuple[str, int]]
) -> None:
    """发布/公布(各类)信息 states the total as 公开 does (after a lead of up to 60 characters),
    its list after 其中 read to the first other clause (before 新闻发布会2次) or to the
    paragraph's end without 。; an open list, another year's figure, a running total and
    发布政务微博 are no total or list."""
    stated = _proactive_sentence(said, 2020)
    assert (stated[0] if stated else None) == total
    assert [(c["名称"], c["条数"]) for c in (stated[3] if stated else [])] == categories


BEIJING_2008 = """北京市某局2008年政府信息公开工作年度报告
一、概述
2008年，我局开展政府信息公开工作。
二、政府信息主动公开情况
本局2008年共主动公开政府信息417条，其中全文电子化率达100%。
在主动公开的信息中，机构职能类信息37条，占总体的比例为9%；法规文件类信息71条，占总体的比例为17%；规划计划类信息5条，占总体的比例为1%；行政职责类信息248条，占总体的比例为59%；业务动态类信息56条，占总体的比例为14%。
三、政府信息依申请公开情况
本局2008年度共收到政府信息公开申请0件。
"""


def test_categories_listed_in_the_paragraph_after_the_total_and_their_shares(
    tmp_path: Path,
) -> None:
    """The total's 其中 taken by 全文电子化率 and its categories in the next paragraph (在主动
    公开的信息中，…): the categories are read, and the share 56/417 printed 14% is found
    wrong (13%) against the whole of the paragraph before; the right ones are not."""
    report = tmp_path / "report.txt"
    report.write_text(BEIJING_2008, encoding="utf-8")
    proactive = recognise(read(report)).data["主动公开"]
    assert proactive["总数"] == 417
    assert [c["条数"] for c in proactive["分类"]] == [37, 71, 5, 248, 56]
    shares = [p for p in audit_file(report).findings if p.code == "percentage"]
    assert [(p.details["found"], p.details["expected"], p.details["base"]) for p in shares] == [
        ("14%", "13%", 417)
    ]
