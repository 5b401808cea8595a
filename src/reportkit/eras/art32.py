"""The 2007 era (reports for 2008–2018): Art. 32 of the 2007 条例, free prose with counts.

A rendered report reads 一、概述 二、主动公开 三、依申请公开 四、收费及减免 五、行政复议和
行政诉讼 六、问题及改进 七、其他 — sections left empty are dropped and numbering closes up.
This module is the whole era: its models, its identities, its checks, the sentences its
context writes from the figures, and its :class:`~reportkit.eras.Era` record ``ERA``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, ClassVar

from pydantic import Field

from reportkit import datapath, outline, phrases
from reportkit.eras import Era, KeyedList, ProseFigure, era_of
from reportkit.eras.model import (
    Category,
    Count,
    Filling,
    Model,
    Prose,
    ReportBase,
    Section,
    UnitLevel,
    Yuan,
    cell,
    fill,
    section_node,
)
from reportkit.errors import Problem, Severity
from reportkit.i18n import N_, _
from reportkit.identities import Identity, sum_of
from reportkit.outline import Node

__all__ = [
    "ERA",
    "HEADINGS",
    "Appeals",
    "ApplicationResults",
    "Applications",
    "Category",
    "Fees",
    "Proactive",
    "RefusalReason",
    "Report2007",
]

HEADINGS: dict[str, str] = {
    # Default first-level headings, by data-file key (formats.md §1, 2007 era).
    "概述": "概述",
    "主动公开": "主动公开政府信息的情况",
    "依申请公开": "依申请公开政府信息和不予公开政府信息的情况",
    "收费及减免": "政府信息公开的收费及减免情况",
    "行政复议和诉讼": "因政府信息公开申请行政复议、提起行政诉讼的情况",
    "问题及改进": "政府信息公开工作存在的主要问题及改进情况",
    "其他事项": "其他需要报告的事项",
}


class Proactive(Model):
    """主动公开政府信息的情况。"""

    title: str | None = Field(
        None, alias="标题", min_length=1, description="本节标题；不填时用标准标题"
    )
    text: Prose | None = Field(None, alias="正文", description="本节开头的文字（在统计数字之前）")
    unit_word: str = Field(
        "条", alias="计量单位", min_length=1, description="信息的计量单位，默认“条”"
    )
    stats_title: str | None = Field(
        "公开数量",
        alias="数量标题",
        description="统计数字所在小节的标题；设为空（~）时统计数字直接写在本节开头",
    )
    categories: tuple[Category, ...] = Field(
        (), alias="分类", description="按类别统计的主动公开条数；占比自动计算"
    )
    total: Count | None = fill(
        alias="总数",
        kind=Filling.DERIVABLE,
        description="主动公开信息总条数；可不填（按分类合计），填写时须等于分类之和",
    )
    cumulative: Count | None = Field(
        None,
        alias="历年累计",
        description="历年累计主动公开的信息条数（可选，报告中印在本年总数之后）；不少于本年总数",
    )
    sections: tuple[Section, ...] = Field(
        (), alias="小节", description="统计数字之后的小节，如“公开内容”“公开形式”"
    )


class ApplicationResults(Model):
    """依申请公开的办理结果（件）。"""

    granted: Count | None = cell(alias="同意公开", description="同意公开的件数")
    partly: Count | None = cell(alias="部分公开", description="同意部分公开的件数")
    refused: Count | None = cell(alias="不予公开", description="不予公开的件数")
    not_held: Count | None = cell(alias="信息不存在", description="信息不存在的件数")
    not_ours: Count | None = cell(alias="非本机关掌握", description="非本机关掌握的件数")
    unclear: Count | None = cell(alias="申请内容不明确", description="申请内容不明确的件数")
    other: Count | None = cell(alias="其他", description="其他办理结果的件数")
    total: Count | None = fill(
        alias="总计",
        kind=Filling.DERIVABLE,
        description="已办结的件数；可不填（按各项合计），填写时须等于各项之和",
    )


class RefusalReason(Model):
    """不予公开的一项理由及其件数。"""

    reason: str | None = fill(
        alias="理由", min_length=1, description="不予公开的理由，如“属于国家秘密”"
    )
    count: Count | None = fill(alias="件数", description="因该理由不予公开的件数")


class Applications(Model):
    """依申请公开政府信息和不予公开政府信息的情况。"""

    title: str | None = Field(
        None, alias="标题", min_length=1, description="本节标题；不填时用标准标题"
    )
    received: Count | None = fill(alias="收到申请", description="本年收到的政府信息公开申请件数")
    cumulative: Count | None = Field(
        None,
        alias="历年累计",
        description="历年累计收到的申请件数（可选，报告中印在本年件数之后）；不少于本年收到申请",
    )
    results: ApplicationResults | None = Field(
        None, alias="办理结果", description="办理结果；收到申请为 0 时可不填"
    )
    refusal_reasons: tuple[RefusalReason, ...] = Field(
        (), alias="不予公开理由", description="不予公开的理由及件数；合计须等于“办理结果.不予公开”"
    )
    text: Prose | None = Field(None, alias="正文", description="补充说明；未收到申请时替代默认语句")
    sections: tuple[Section, ...] = Field((), alias="小节", description="下一级小节")


class Fees(Model):
    """政府信息公开的收费及减免情况（单位：元）。"""

    title: str | None = Field(
        None, alias="标题", min_length=1, description="本节标题；不填时用标准标题"
    )
    charged: Yuan | None = fill(
        alias="收费金额", description="依申请公开收取的费用（元，最多 2 位小数，精确到分）"
    )
    waived: Yuan | None = cell(
        alias="减免金额",
        description="减免的费用（元，最多 2 位小数，精确到分）",
        default=Decimal(0),
    )
    text: Prose | None = Field(None, alias="正文", description="补充说明；未收费时替代默认语句")


class Appeals(Model):
    """因政府信息公开申请行政复议、提起行政诉讼的情况（件）。"""

    title: str | None = Field(
        None, alias="标题", min_length=1, description="本节标题；不填时用标准标题"
    )
    reviews: Count | None = fill(alias="行政复议", description="因政府信息公开申请行政复议的件数")
    lawsuits: Count | None = fill(alias="行政诉讼", description="因政府信息公开提起行政诉讼的件数")
    complaints: Count | None = Field(
        None, alias="申诉", description="因政府信息公开提出申诉的件数；不填则报告中不提申诉"
    )
    text: Prose | None = Field(None, alias="正文", description="补充说明；均为 0 时替代默认语句")


class Report2007(ReportBase):
    """政府信息公开工作年度报告（2007 年条例，适用于 2008—2018 年度）。"""

    ERA: ClassVar[str] = "2007"

    overview: Section | None = Field(
        None, alias="概述", description="概述（基本情况：机构、机制、人员、目录、平台等）"
    )
    proactive: Proactive = Field(alias="主动公开", description="主动公开政府信息的情况")
    applications: Applications = Field(alias="依申请公开", description="依申请公开政府信息的情况")
    fees: Fees = Field(alias="收费及减免", description="收费及减免情况")
    appeals: Appeals = Field(alias="行政复议和诉讼", description="行政复议、行政诉讼情况")
    problems: Section | None = fill(
        alias="问题及改进", description="政府信息公开工作存在的主要问题及改进情况（必填）"
    )
    other: Section | None = Field(None, alias="其他事项", description="其他需要报告的事项")


# --- identities (formats.md §3): totals a clerk may leave out -------------------------------

PROACTIVE_TOTAL = ("主动公开", "总数")
RESULTS = ("依申请公开", "办理结果")
RESULT_KEYS = (
    "同意公开",
    "部分公开",
    "不予公开",
    "信息不存在",
    "非本机关掌握",
    "申请内容不明确",
    "其他",
)


def identities(data: Mapping[str, Any]) -> list[Identity]:
    """The identities of one report: list lengths decide which exist.

    Listed leaves first: 办理结果.总计 needs 不予公开, which may itself be the sum of the
    refusal reasons — :func:`reportkit.identities.complete` runs to a fixed point.
    """
    found: list[Identity] = []
    categories = datapath.get(data, ("主动公开", "分类")) or ()
    if categories:
        found.append(
            sum_of(
                N_("主动公开信息总数等于各分类条数之和"),
                PROACTIVE_TOTAL,
                [("主动公开", "分类", i, "条数") for i in range(len(categories))],
            )
        )
    found.append(
        sum_of(
            N_("办理结果总计等于各项办理结果之和"),
            (*RESULTS, "总计"),
            [(*RESULTS, key) for key in RESULT_KEYS],
        )
    )
    reasons = datapath.get(data, ("依申请公开", "不予公开理由")) or ()
    if reasons:
        found.append(
            sum_of(
                N_("不予公开件数等于各项不予公开理由的件数之和"),
                (*RESULTS, "不予公开"),
                [("依申请公开", "不予公开理由", i, "件数") for i in range(len(reasons))],
            )
        )
    return found


# --- checks of this era's own ----------------------------------------------------------------


def check_applications(report: ReportBase) -> list[Problem]:
    """Results are needed once applications came in, and cannot outnumber them."""
    assert isinstance(report, Report2007)
    section = report.applications
    results = section.results
    if results is None:
        if section.received or section.refusal_reasons:
            return [
                Problem(
                    _("收到了申请（或列了不予公开理由）时须填写办理结果"),
                    path=RESULTS,
                    code="unfilled",
                )
            ]
        return []
    if (
        results.total is not None
        and section.received is not None
        and results.total > section.received
    ):
        return [
            Problem(
                _(
                    "办结 {answered} 件，多于收到的申请 {received} 件，"
                    "请核对（2007 年版格式没有“上年结转”一项）"
                ).format(answered=results.total, received=section.received),
                path=(*RESULTS, "总计"),
                severity=Severity.WARNING,
                code="implausible",
            )
        ]
    return []


CUMULATIVE = "历年累计"
"""The key of a cumulative figure (历年累计) beside the year's, as 2007-era reports print it."""


def check_cumulative(report: ReportBase) -> list[Problem]:
    """A cumulative figure (历年累计) is at least the year's figure it includes."""
    assert isinstance(report, Report2007)
    pairs = (
        (report.proactive.cumulative, report.proactive.total, "主动公开", "总数"),
        (report.applications.cumulative, report.applications.received, "依申请公开", "收到申请"),
    )
    return [
        Problem(
            _("历年累计 {cumulative} 少于本年的“{key}” {year_figure}，累计数应包含本年").format(
                cumulative=cumulative, key=key, year_figure=year_figure
            ),
            path=(section, CUMULATIVE),
            code="cumulative",
        )
        for cumulative, year_figure, section, key in pairs
        if cumulative is not None and year_figure is not None and cumulative < year_figure
    ]


# --- the report in words: context for a template ---------------------------------------------


def _proactive(report: Report2007, headings: Mapping[str, str]) -> tuple[Node, dict[str, Any]]:
    section = report.proactive
    sentence, items = report.proactive_sentence(
        section.categories, section.total, section.unit_word, section.cumulative
    )
    node = Node(section.title or headings["主动公开"], outline.paragraphs(section.text))
    if section.stats_title:
        node.children.append(Node(section.stats_title, [sentence]))
    else:
        node.paras.append(sentence)
    node.children.extend(outline.from_section(s) for s in section.sections)
    figures = {
        "总数": section.total,
        CUMULATIVE: section.cumulative,
        "分类": [
            {
                "名称": name,
                "条数": count,
                "占比": phrases.format_percent(share, report.percent.decimals)
                if share is not None
                else None,
            }
            for name, count, share in items
        ],
    }
    return node, figures


_RESULT_LABELS: Sequence[tuple[str, str]] = (
    ("granted", "同意公开"),
    ("partly", "同意部分公开"),
    ("refused", "不予公开"),
    ("not_held", "信息不存在"),
    ("not_ours", "非本机关掌握"),
    ("unclear", "申请内容不明确"),
    ("other", "其他情形"),
)


def _applications(report: Report2007, headings: Mapping[str, str]) -> Node:
    section = report.applications
    results = section.results
    listed = [(label, getattr(results, attr)) for attr, label in _RESULT_LABELS] if results else []
    answered = results.total if results else None
    sentence = phrases.applications_sentence(
        report.voice_or_pending(),
        report.year,
        section.received,
        listed,
        answered,
        [(r.reason or phrases.PENDING, r.count) for r in section.refusal_reasons],
        cumulative=section.cumulative,
    )
    nothing = section.received == 0 and not answered
    node = Node(
        section.title or headings["依申请公开"],
        outline.prose_or_default(sentence, section.text, nothing),
    )
    node.children.extend(outline.from_section(s) for s in section.sections)
    return node


def _fees(report: Report2007, headings: Mapping[str, str]) -> Node:
    fees = report.fees
    voice = report.voice_or_pending()
    sentence = phrases.fees_sentence(voice, report.year, fees.charged, fees.waived)
    nothing = fees.charged == 0 and fees.waived == 0
    return Node(
        fees.title or headings["收费及减免"], outline.prose_or_default(sentence, fees.text, nothing)
    )


def _appeals(report: Report2007, headings: Mapping[str, str]) -> Node:
    appeals = report.appeals
    sentence = phrases.appeals_sentence(
        report.voice_or_pending(),
        report.year,
        appeals.reviews,
        appeals.lawsuits,
        appeals.complaints,
    )
    nothing = appeals.reviews == 0 and appeals.lawsuits == 0 and not appeals.complaints
    return Node(
        appeals.title or headings["行政复议和诉讼"],
        outline.prose_or_default(sentence, appeals.text, nothing),
    )


def context(report: ReportBase, data: Mapping[str, Any]) -> tuple[list[Node], dict[str, Any]]:
    """The report's sections, and the figures a template may print beside them."""
    assert isinstance(report, Report2007)
    headings = era_of(report).headings
    proactive, figures = _proactive(report, headings)
    sections = [
        outline.from_section(report.overview, headings["概述"]),
        proactive,
        _applications(report, headings),
        _fees(report, headings),
        _appeals(report, headings),
        section_node(report, "problems", headings["问题及改进"]),
        outline.from_section(report.other, headings["其他事项"]),
    ]
    return sections, {"figures": {"主动公开": figures}}


def summary_prose(government: bool) -> dict[str, Any]:
    """Placeholders for the prose an office writes in its summary: 【待填写：……】."""
    return {
        "概述": {"正文": phrases.placeholder("本地区政府信息公开工作概述")},
        "问题及改进": {"正文": phrases.placeholder("存在的主要问题及改进情况")},
    }


PROSE_FIGURES: dict[str, ProseFigure] = {
    # What the clerk's prose may state, and where this era's data holds it (reportkit.prose).
    "主动公开": ProseFigure("主动公开“总数”", (PROACTIVE_TOTAL,)),
    "新收": ProseFigure("依申请公开“收到申请”", (("依申请公开", "收到申请"),)),
    "办结": ProseFigure("办理结果“总计”", ((*RESULTS, "总计"),)),
    "予以公开": ProseFigure("办理结果“同意公开”", ((*RESULTS, "同意公开"),)),
    "部分公开": ProseFigure("办理结果“部分公开”", ((*RESULTS, "部分公开"),)),
    "不予公开": ProseFigure("办理结果“不予公开”", ((*RESULTS, "不予公开"),)),
    "收费": ProseFigure("收费及减免“收费金额”", (("收费及减免", "收费金额"),)),
    "减免": ProseFigure("收费及减免“减免金额”", (("收费及减免", "减免金额"),)),
    "行政复议": ProseFigure("行政复议和诉讼“行政复议”", (("行政复议和诉讼", "行政复议"),)),
    "行政诉讼": ProseFigure("行政复议和诉讼“行政诉讼”", (("行政复议和诉讼", "行政诉讼"),)),
}
"""Quantity named in prose → the cells of this era's data that hold it."""

INDICATORS: dict[str, tuple[str, ...]] = {
    # The statistical table many reports of the era append (附表), in the wording of the
    # national statistics of the 2007 条例's years; an indicator's numbering, a leading
    # “其中：” and spacing are ignored when matched.
    "主动公开政府信息数": PROACTIVE_TOTAL,
    "收到申请数": ("依申请公开", "收到申请"),
    "按时办结数": (*RESULTS, "总计"),
    "同意公开答复数": (*RESULTS, "同意公开"),
    "同意部分公开答复数": (*RESULTS, "部分公开"),
    "不同意公开答复数": (*RESULTS, "不予公开"),
    "信息不存在数": (*RESULTS, "信息不存在"),
    "非本机关职能范围数": (*RESULTS, "非本机关掌握"),
    "申请内容不明确数": (*RESULTS, "申请内容不明确"),
    "其他": (*RESULTS, "其他"),
    "依申请公开收费情况": ("收费及减免", "收费金额"),
    "依申请公开信息收取的费用": ("收费及减免", "收费金额"),
    "行政复议数量": ("行政复议和诉讼", "行政复议"),
    "申请行政复议数": ("行政复议和诉讼", "行政复议"),
    "行政诉讼数量": ("行政复议和诉讼", "行政诉讼"),
    "提起行政诉讼数": ("行政复议和诉讼", "行政诉讼"),
}
"""附表's indicator as printed → the cell of this era's data holding it."""

_MARCH_31 = (3, 31)

ERA = Era(
    model=Report2007,
    headings=HEADINGS,
    identities=identities,
    context=context,
    deadlines=dict.fromkeys(UnitLevel, _MARCH_31),  # 2007 条例 Art. 31: every body, March 31
    summary_prose=summary_prose,
    keyed_lists=(
        KeyedList(("主动公开", "分类"), "名称", "条数", PROACTIVE_TOTAL, "未分类"),
        KeyedList(
            ("依申请公开", "不予公开理由"), "理由", "件数", (*RESULTS, "不予公开"), "未列明理由"
        ),
    ),
    checks=(check_applications, check_cumulative),
    starter_lists=("分类",),
    prose_figures=PROSE_FIGURES,
    indicators=INDICATORS,
)
"""The 2007 era."""
