"""The Art. 50 outline that the 2019 and 2021 eras share: headings, 总体情况, Tables 2 and 3,
their identities, the sentences written from the tables, and :func:`art50_era`, which makes
an era's record from its report model (:mod:`.era2019`, :mod:`.era2021`).

**The tables** are declared with the table of labels (:mod:`.tables`): each row a field
titled with its official label, word for word as formats.md §2 prints it, in the official
order. The identities below are derived from the same declaration, so a row added to a
table is summed without being listed again.

**Data-file keys** are short words a clerk can type (``不予公开: {属于国家秘密: …}``): the
label without its number, shortened where it is long. Each field's description says what it
counts.

**Blank cells.** A blank cell in a published table means 0 (formats.md §3 item 5), and most
of Table 2 is zeros, so inside Tables 2 and 3 a cell, or a whole row, left out of the data
file is 0. The tables themselves are fill-in fields: a report without ``依申请公开`` or
``行政复议和诉讼`` is unfilled, not "none" — "nothing happened" is always written
(``新收: {总计: 0}``), never an omission. A ``总计`` cell is derivable: left out it is
computed through its identity, written it is checked. Table 1 has few figures, each a
separate fact, so every one of them must be filled (each era's module declares its own).

**Era differences are parameters.** Table 2's （六）其他处理 is one row in 2019 and three
sub-rows in 2021, so :class:`Results` is generic in it; the report outline
(:class:`Art50Report`) is generic in Table 1, Table 2 and 其他事项.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

from reportkit import datapath, outline, phrases
from reportkit.computations import percentages
from reportkit.eras import (
    CarryNote,
    Continuity,
    Era,
    KeyedList,
    ProseFigure,
    ScaledAmount,
    Table,
    era_of,
)
from reportkit.eras.introspect import fields, fields_by_alias, model_of
from reportkit.eras.model import (
    Category,
    Count,
    Date,
    Filling,
    Model,
    Prose,
    ReportBase,
    Section,
    UnitLevel,
    cell,
    fill,
    section_node,
)
from reportkit.eras.tables import (
    GROUP_KEY,
    Line,
    LineKind,
    Row,
    row,
    table_lines,
    table_model,
)
from reportkit.i18n import N_
from reportkit.identities import Identity, sum_of
from reportkit.outline import Node

__all__ = [
    "APPEALS",
    "APPLICATIONS",
    "CARRIED_IN",
    "CARRIED_OVER",
    "ERA_TABLES",
    "HEADINGS",
    "OVERVIEW_HEADINGS",
    "PROACTIVE",
    "PROACTIVE_OVERVIEW",
    "RECEIVED",
    "REGULATIONS",
    "RESULTS_TOTAL",
    "TOTAL",
    "AppealOutcomes",
    "Appeals",
    "Applicants",
    "Applications",
    "Art50Report",
    "NotProcessed",
    "OtherHandling",
    "Overview",
    "ProactiveOverview",
    "Refused",
    "ResultTotals",
    "Results",
    "Unavailable",
    "art50_era",
]

TOTAL = "总计"
"""The key of a derivable 总计 column (Tables 2 and 3) and of Table 2's （七）总计 row."""

HEADINGS: dict[str, str] = {
    # Default first-level headings, by data-file key (formats.md §1, Art. 50).
    "总体情况": "总体情况",
    "主动公开": "主动公开政府信息情况",
    "依申请公开": "收到和处理政府信息公开申请情况",
    "行政复议和诉讼": "政府信息公开行政复议、行政诉讼情况",
    "问题及改进": "存在的主要问题及改进情况",
    "其他事项": "其他需要报告的事项",
}

OVERVIEW_HEADINGS: dict[str, str] = {
    # Default sub-headings of 总体情况, by data-file key (as in 2021-era reports).
    "主动公开": "主动公开情况",
    "依申请公开": "依申请公开情况",
    "政府信息管理": "政府信息管理情况",
    "平台建设": "政府信息公开平台建设情况",
    "监督保障": "政府信息公开监督保障情况",
    "考核评议追责": "工作考核、社会评议和责任追究结果情况",
}


# --- Table 2: 收到和处理政府信息公开申请情况 ------------------------------------------------


def _organisation(alias: str, description: str) -> Any:
    """A column under the header 法人或其他组织."""
    return cell(alias=alias, description=description, extra={GROUP_KEY: "法人或其他组织"})


class Applicants(Row):
    """表二的一行：按申请人分列的件数。不写的格为 0；总计可不填，自动合计。"""

    natural_person: Count | None = cell(alias="自然人", description="自然人（件）")
    business: Count | None = _organisation("商业企业", "商业企业（件）")
    research: Count | None = _organisation("科研机构", "科研机构（件）")
    public_interest: Count | None = _organisation("社会公益组织", "社会公益组织（件）")
    legal_services: Count | None = _organisation("法律服务机构", "法律服务机构（件）")
    other: Count | None = _organisation("其他", "其他法人或其他组织（件）")
    total: Count | None = fill(
        alias=TOTAL,
        kind=Filling.DERIVABLE,
        description="本行合计（件）；可不填，自动合计；填写时须等于前六列之和",
    )


def _column_sum(alias: str) -> Any:
    return fill(
        alias=alias,
        kind=Filling.DERIVABLE,
        description=f"各项办理结果“{alias}”一列之和（件）；可不填，自动计算",
    )


class ResultTotals(Row):
    """表二（七）总计：每一格都是上面各项办理结果之和，可不填，自动计算。"""

    natural_person: Count | None = _column_sum("自然人")
    business: Count | None = _column_sum("商业企业")
    research: Count | None = _column_sum("科研机构")
    public_interest: Count | None = _column_sum("社会公益组织")
    legal_services: Count | None = _column_sum("法律服务机构")
    other: Count | None = _column_sum("其他")
    total: Count | None = _column_sum(TOTAL)


class Refused(Model):
    """（三）不予公开：按理由分列（官方表格没有小计行）。"""

    state_secret: Applicants = row("属于国家秘密", "属于国家秘密，不予公开", label="1.属于国家秘密")
    other_law: Applicants = row(
        "法律法规禁止公开",
        "其他法律、行政法规禁止公开，不予公开",
        label="2.其他法律行政法规禁止公开",
    )
    three_securities: Applicants = row(
        "危及三安全一稳定",
        "公开后可能危及国家安全、公共安全、经济安全、社会稳定，不予公开",
        label="3.危及“三安全一稳定”",
    )
    third_party: Applicants = row(
        "保护第三方合法权益",
        "涉及商业秘密、个人隐私等，公开会损害第三方合法权益，不予公开",
        label="4.保护第三方合法权益",
    )
    internal_affairs: Applicants = row(
        "属于三类内部事务信息",
        "属于人事管理、后勤管理、内部工作流程等内部事务信息，不予公开",
        label="5.属于三类内部事务信息",
    )
    process_information: Applicants = row(
        "属于四类过程性信息",
        "属于讨论记录、过程稿、磋商信函、请示报告等过程性信息，不予公开",
        label="6.属于四类过程性信息",
    )
    enforcement_files: Applicants = row(
        "属于行政执法案卷", "属于行政执法案卷信息，不予公开", label="7.属于行政执法案卷"
    )
    inquiry_matters: Applicants = row(
        "属于行政查询事项", "属于行政查询事项，不予公开", label="8.属于行政查询事项"
    )


class Unavailable(Model):
    """（四）无法提供：按原因分列。"""

    not_held: Applicants = row(
        "本机关不掌握", "本机关不掌握相关政府信息", label="1.本机关不掌握相关政府信息"
    )
    not_existing: Applicants = row(
        "没有现成信息", "没有现成信息，需要另行制作", label="2.没有现成信息需要另行制作"
    )
    still_unclear: Applicants = row(
        "补正后仍不明确", "经补正后申请内容仍不明确", label="3.补正后申请内容仍不明确"
    )


class NotProcessed(Model):
    """（五）不予处理：按原因分列。"""

    petitions: Applicants = row(
        "信访举报投诉类申请", "属于信访、举报、投诉类申请", label="1.信访举报投诉类申请"
    )
    repeated: Applicants = row("重复申请", "重复申请", label="2.重复申请")
    publications: Applicants = row(
        "要求提供公开出版物", "要求提供公开出版物", label="3.要求提供公开出版物"
    )
    mass_requests: Applicants = row(
        "大量反复申请", "无正当理由大量反复申请", label="4.无正当理由大量反复申请"
    )
    confirmations: Applicants = row(
        "要求确认或重新出具",
        "要求行政机关确认或重新出具已获取的信息",
        label="5.要求行政机关确认或重新出具已获取信息",
    )


class OtherHandling(Model):
    """（六）其他处理（2021 年版：分三项）。"""

    no_correction: Applicants = row(
        "逾期不补正",
        "申请人无正当理由逾期不补正，行政机关不再处理其申请",
        label="1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    )
    unpaid_fee: Applicants = row(
        "逾期未缴费",
        "申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其申请",
        label="2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    )
    other: Applicants = row("其他", "其他处理情形", label="3.其他")


OtherT = TypeVar("OtherT", bound=Model)
"""Table 2's （六）其他处理: one row (2019) or a group of rows (2021)."""


class Results(Model, Generic[OtherT]):
    """三、本年度办理结果：各项结果按申请人分列，（七）总计为各项之和。"""

    granted: Applicants = row("予以公开", "予以公开", label="（一）予以公开")
    partly_granted: Applicants = row(
        "部分公开",
        "部分公开（区分处理的，只计这一情形，不计其他情形）",
        label="（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    )
    refused: Refused = row("不予公开", "不予公开，按理由分列", label="（三）不予公开")
    unavailable: Unavailable = row("无法提供", "无法提供，按原因分列", label="（四）无法提供")
    not_processed: NotProcessed = row("不予处理", "不予处理，按原因分列", label="（五）不予处理")
    other: OtherT = row("其他处理", "其他处理", label="（六）其他处理")
    total: ResultTotals = row(
        TOTAL, "办理结果总计：各项办理结果之和；可不填，自动计算", label="（七）总计"
    )


ResultsT = TypeVar("ResultsT", bound=Model)
"""The era's :class:`Results`."""


class Applications(Model, Generic[ResultsT]):
    """收到和处理政府信息公开申请情况（表二）：各行按申请人分列的件数。"""

    title: str | None = Field(
        None, alias="标题", min_length=1, description="本节标题；不填时用标准标题"
    )
    text: Prose | None = Field(
        None, alias="正文", description="表格前的说明；不填时按表中数字自动生成"
    )
    received: Applicants = row(
        "新收", "本年新收的申请件数", label="一、本年新收政府信息公开申请数量", confirm=True
    )
    carried_in: Applicants = row(
        "上年结转",
        "上年结转的申请件数；应等于上年报告的“结转下年度”",
        label="二、上年结转政府信息公开申请数量",
    )
    results: ResultsT = row("办理结果", "本年度办理结果", label="三、本年度办理结果")
    carried_over: Applicants = row(
        "结转下年度", "结转下年度继续办理的件数", label="四、结转下年度继续办理"
    )


# --- Table 3: 政府信息公开行政复议、行政诉讼情况 --------------------------------------------


class AppealOutcomes(Row):
    """表三的一组：按结果分列的案件数。不写的格为 0；总计可不填，自动合计。"""

    upheld: Count | None = cell(alias="结果维持", description="结果维持（件）")
    corrected: Count | None = cell(alias="结果纠正", description="结果纠正（件）")
    other: Count | None = cell(alias="其他结果", description="其他结果（件）")
    pending: Count | None = cell(alias="尚未审结", description="尚未审结（件）")
    total: Count | None = fill(
        alias=TOTAL,
        kind=Filling.DERIVABLE,
        description="本组合计（件）；可不填，自动合计；填写时须等于前四项之和",
    )


class Appeals(Model):
    """政府信息公开行政复议、行政诉讼情况（表三）。"""

    title: str | None = Field(
        None, alias="标题", min_length=1, description="本节标题；不填时用标准标题"
    )
    text: Prose | None = Field(
        None, alias="正文", description="表格前的说明；不填时按表中数字自动生成"
    )
    review: AppealOutcomes = row("行政复议", "因政府信息公开申请行政复议的案件", confirm=True)
    direct_lawsuit: AppealOutcomes = row(
        "未经复议直接起诉", "未经复议直接提起行政诉讼的案件", group="行政诉讼"
    )
    lawsuit_after_review: AppealOutcomes = row(
        "复议后起诉", "经行政复议后提起行政诉讼的案件", group="行政诉讼"
    )


# --- the Art. 50 outline ------------------------------------------------------------------


def _topic(alias: str) -> Any:
    heading = OVERVIEW_HEADINGS[alias]
    return fill(alias=alias, description=f"{heading}；小节标题不填时用“{heading}”")


class ProactiveOverview(Section):
    """（一）主动公开情况：文字，以及（可选）本年主动公开的总条数和各类别的条数。"""

    total: Count | None = Field(
        None,
        alias="总数",
        description="本年主动公开政府信息的总条数（可选）；列了分类时可不填（按分类合计），"
        "填写时须等于分类之和",
    )
    categories: tuple[Category, ...] = Field(
        (),
        alias="分类",
        description="（可选）按类别的主动公开条数，如 {名称: 政策文件, 条数: 12}；占比自动计算",
    )

    @property
    def is_empty(self) -> bool:
        return super().is_empty and self.total is None and not self.categories


class Overview(Model):
    """一、总体情况：五个方面的工作情况（小标题不填时用标准小标题）。"""

    title: str | None = Field(
        None, alias="标题", min_length=1, description="本节标题；不填时用标准标题"
    )
    text: Prose | None = Field(None, alias="正文", description="本节开头的文字（在各小节之前）")
    proactive: ProactiveOverview | None = _topic("主动公开")
    requests: Section | None = _topic("依申请公开")
    management: Section | None = _topic("政府信息管理")
    platforms: Section | None = _topic("平台建设")
    oversight: Section | None = _topic("监督保障")
    assessment: Section | None = fill(
        alias="考核评议追责",
        kind=Filling.GOVERNMENT,
        description="工作考核、社会评议和责任追究结果情况（人民政府必须报告，列在监督保障之后）；"
        "不是人民政府的可留空，留空时报告中不印此小节",
    )


ProactiveT = TypeVar("ProactiveT", bound=Model)
ApplicationsT = TypeVar("ApplicationsT", bound=Model)
OtherMattersT = TypeVar("OtherMattersT", bound=Section)


class Art50Report(ReportBase, Generic[ProactiveT, ApplicationsT, OtherMattersT]):
    """The six headings of Art. 50 (2019 and 2021 eras); an era fills in its own tables."""

    deadline: Date | None = Field(
        None,
        alias="发布期限",
        description="本机关的发布期限，如 2021-02-10（乡镇、街道由县级人民政府确定）；"
        "不填时按机关层级取默认期限",
    )
    overview: Overview = Field(
        default_factory=Overview, alias="总体情况", description="一、总体情况"
    )
    proactive: ProactiveT | None = fill(
        alias="主动公开", description="二、主动公开政府信息情况（表一）"
    )
    applications: ApplicationsT | None = fill(
        alias="依申请公开",
        description="三、收到和处理政府信息公开申请情况（表二）；未收到申请时写“新收: {总计: 0}”",
    )
    appeals: Appeals | None = fill(
        alias="行政复议和诉讼",
        description="四、政府信息公开行政复议、行政诉讼情况（表三）；"
        "没有案件时写“行政复议: {总计: 0}”",
    )
    problems: Section | None = fill(alias="问题及改进", description="五、存在的主要问题及改进情况")
    other: OtherMattersT = row("其他事项", "六、其他需要报告的事项")


def _alias(model: type[BaseModel], name: str) -> str:
    return next(field.key for field in fields(model) if field.name == name)


PROACTIVE = _alias(Art50Report, "proactive")
APPLICATIONS = _alias(Art50Report, "applications")
APPEALS = _alias(Art50Report, "appeals")
REGULATIONS = (PROACTIVE, "规章")
"""Table 1's 规章 row (both eras name it so)."""
RECEIVED = (APPLICATIONS, _alias(Applications, "received"))
CARRIED_IN = (APPLICATIONS, _alias(Applications, "carried_in"))
RESULTS_KEY = _alias(Applications, "results")
RESULTS_TOTAL = (APPLICATIONS, RESULTS_KEY, _alias(Results, "total"))
CARRIED_OVER = (APPLICATIONS, _alias(Applications, "carried_over"))
PROACTIVE_OVERVIEW = (_alias(Art50Report, "overview"), _alias(Overview, "proactive"))
"""总体情况's 主动公开 (its text, and the optional 总数 and 分类 it publishes)."""
OVERVIEW_TOTAL = _alias(ProactiveOverview, "total")
CATEGORIES = _alias(ProactiveOverview, "categories")
COUNT = _alias(Category, "count")


# --- identities: every sum derived from the tables' declaration -----------------------------
#
# A row added to a table above is summed here without being listed again. The official
# tables have no subtotal rows (（三）不予公开 has none), so no identity names a cell the
# data file does not have.


def _row_totals(section: str, table: Sequence[Line], name: str) -> list[Identity]:
    """formats.md §3 items 3 and 4: a row's 总计 column is the sum of its other columns."""
    found = []
    for line in table:
        keys = [c.key for c in line.columns]
        if TOTAL not in keys:
            continue
        here = (section, *line.path)
        found.append(
            sum_of(
                name.format(line.label),  # the row as the official table labels it
                (*here, TOTAL),
                [(*here, k) for k in keys if k != TOTAL],
            )
        )
    return found


def _column_totals(section: str, table: Sequence[Line], name: str) -> list[Identity]:
    """formats.md §3 item 2: in every column, a 总计 row is the sum of the figure rows under
    its heading (groups such as （三）不予公开 contribute their rows; they have no subtotal)."""
    found = []
    for total in (line for line in table if line.kind is LineKind.TOTAL):
        heading = total.path[:-1]
        parts = [
            line
            for line in table
            if line.kind is LineKind.ROW and line.path[: len(heading)] == heading
        ]
        for column in total.columns:
            found.append(
                sum_of(
                    name.format(column.label),
                    (section, *total.path, column.key),
                    [(section, *p.path, column.key) for p in parts],
                )
            )
    return found


def _balance(table: Sequence[Line]) -> list[Identity]:
    """formats.md §3 item 1, Table 2's printed note: in every column, 一 + 二 = 三 + 四."""
    received = next(line for line in table if (APPLICATIONS, *line.path) == RECEIVED)
    return [
        Identity(
            name=f"表二“{column.label}”列：" + N_("第一项加第二项之和等于第三项加第四项之和"),
            left=((*RECEIVED, column.key), (*CARRIED_IN, column.key)),
            right=((*RESULTS_TOTAL, column.key), (*CARRIED_OVER, column.key)),
        )
        for column in received.columns
    ]


def _proactive_overview(data: Mapping[str, Any]) -> list[Identity]:
    """总体情况's 主动公开 categories add up to its 总数 (a common error in real reports)."""
    categories = datapath.get(data, (*PROACTIVE_OVERVIEW, CATEGORIES)) or ()
    if not categories:
        return []
    return [
        sum_of(
            N_("主动公开信息总数等于各分类条数之和"),
            (*PROACTIVE_OVERVIEW, OVERVIEW_TOTAL),
            [(*PROACTIVE_OVERVIEW, CATEGORIES, i, COUNT) for i in range(len(categories))],
        )
    ]


def _identities(report: type[BaseModel]) -> list[Identity]:
    """The identities of Tables 2 and 3 of a report model (fixed: the tables' shape is)."""
    table2 = table_lines(report, APPLICATIONS)
    table3 = table_lines(report, APPEALS)
    return [
        *_balance(table2),
        *_column_totals(
            APPLICATIONS, table2, "表二“{}”列：" + N_("办理结果总计等于各项办理结果之和")
        ),
        *_row_totals(APPLICATIONS, table2, "表二“{}”行：" + N_("总计等于各类申请人之和")),
        *_row_totals(APPEALS, table3, "表三“{}”：" + N_("总计等于各项结果之和")),
    ]


# --- the report in words: context for a template ---------------------------------------------


def _cell(value: object) -> str:
    """A table cell as printed: 0 prints as 0, a blank (draft) as 【待填写】."""
    if type(value) is int:  # most cells: a count
        return str(value)
    if value is None:
        return phrases.PENDING
    if isinstance(value, Decimal):
        return phrases.format_money(value)
    if isinstance(value, int):
        return str(value)
    return str(getattr(value, "value", value))


PROCESSING_FEE_TOPIC = "信息处理费"
"""What the clerk's 其他事项 text names when it states the fee itself (then the generated
fee sentence is left out: the fact is not printed twice; reportkit.prose checks its figure)."""

MONEY_UNIT_KEY = "单位"
"""Table 1 (2019): the unit of an amount is data but no column of the official table: the
amount is printed with its unit (and templates give the unit no column)."""


def _table1(report: type[BaseModel], data: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """Table 1 as row key → column key → printed cell (an amount carries its unit)."""
    out: dict[str, dict[str, str]] = {}
    for line in table_lines(report, PROACTIVE):
        if line.kind is LineKind.HEADING:
            continue
        row = datapath.get(data, (PROACTIVE, *line.path)) or {}
        cells = {c.key: _cell(row.get(c.key)) for c in line.columns}
        unit = row.get(MONEY_UNIT_KEY)
        if unit is not None:
            for column in line.columns:
                if column.key != MONEY_UNIT_KEY and isinstance(row.get(column.key), Decimal):
                    cells[column.key] += _cell(unit)  # the 2019 table names no unit: print it
        out[line.path[-1]] = cells
    return out


def _table2(report: type[BaseModel], data: Mapping[str, Any]) -> dict[str, Any]:
    """Table 2 as printable rows: label, depth, kind and the seven cells."""
    table = table_lines(report, APPLICATIONS)
    width = max(len(line.columns) for line in table)
    rows = []
    for line in table:
        if line.kind is LineKind.HEADING:
            cells = [""] * width
        else:
            row = datapath.get(data, (APPLICATIONS, *line.path)) or {}
            cells = [_cell(row.get(c.key)) for c in line.columns]
        rows.append(
            {"label": line.label, "depth": line.depth, "kind": line.kind.value, "cells": cells}
        )
    return {"rows": rows}


def _table3(report: type[BaseModel], data: Mapping[str, Any]) -> dict[str, Any]:
    """Table 3 as its one row of fifteen cells."""
    cells: list[str] = []
    for line in table_lines(report, APPEALS):
        if line.kind is LineKind.HEADING:
            continue
        row = datapath.get(data, (APPEALS, *line.path)) or {}
        cells.extend(_cell(row.get(c.key)) for c in line.columns)
    return {"cells": cells}


def _sum_cells(node: Any) -> int | None:
    """The 总计 of a Table 2 row, or the sum of the 总计 of a group of rows."""
    if node is None:
        return None
    if TOTAL in node and not isinstance(node[TOTAL], dict):
        value = node[TOTAL]
        return value if isinstance(value, int) else None
    parts = [_sum_cells(child) for child in node.values() if isinstance(child, dict)]
    if any(p is None for p in parts):
        return None
    return sum(p for p in parts if p is not None)


def _result_groups(report: type[BaseModel]) -> list[tuple[str, str]]:
    """(data-file key, label without its number) of each result group of Table 2."""
    results = fields_by_alias(table_model(report, APPLICATIONS))[RESULTS_KEY][1]
    model = model_of(results.annotation)[0]
    assert model is not None
    return [(key, key) for key in fields_by_alias(model) if key != TOTAL]


def _requests_sentences(report: ReportBase, data: Mapping[str, Any]) -> tuple[str, str]:
    """Table 2 in words: a brief sentence for 总体情况 and the full one for section 三."""
    table = data.get(APPLICATIONS) or {}
    results = table.get(RESULTS_KEY) or {}
    answered = _sum_cells(results.get(TOTAL))
    received = _sum_cells(table.get(RECEIVED[-1]))
    groups = _result_groups(type(report))
    counts = [_sum_cells(results.get(key)) for key, _label in groups]
    shares: list[Decimal | None] = [None] * len(counts)
    known = [c for c in counts if c is not None]
    if answered and len(known) == len(counts):
        shares = list(
            percentages(
                known, answered, report.percent.decimals, sum_to_100=report.percent.sum_to_100
            )
        )
    carried_in = _sum_cells(table.get(CARRIED_IN[-1]))
    carried_over = _sum_cells(table.get(CARRIED_OVER[-1]))
    voice = report.voice_or_pending()
    brief = phrases.requests_brief(report.year, voice, received, carried_in, answered, carried_over)
    labelled = [
        (label, n, share) for (_key, label), n, share in zip(groups, counts, shares, strict=True)
    ]
    return brief, phrases.requests_sentence(
        report.year,
        voice,
        received,
        carried_in,
        answered,
        labelled,
        carried_over,
        report.percent.decimals,
        largest_remainder=report.percent.sum_to_100,
    )


def _appeals_sentence(report: ReportBase, data: Mapping[str, Any]) -> tuple[str, bool]:
    table = data.get(APPEALS) or {}
    keys = [line.path[-1] for line in table_lines(type(report), APPEALS)]
    totals = [_sum_cells(table.get(k)) for k in keys]
    sentence = phrases.review_lawsuit_sentence(report.year, report.voice_or_pending(), *totals)
    return sentence, all(t == 0 for t in totals)


def _proactive_figures(report: Art50Report[Any, Any, Any]) -> tuple[str | None, dict[str, Any]]:
    """总体情况's 主动公开 figures in words (None when it states none), and as a template may
    print them: 总数 and each category with its count and share."""
    section = report.overview.proactive
    if section is None or (section.total is None and not section.categories):
        return None, {}
    total = section.total
    sentence, items = report.proactive_sentence(section.categories, total, "条")
    figures = {
        OVERVIEW_TOTAL: total,
        CATEGORIES: [
            {
                "名称": name,
                "条数": count,
                "占比": None
                if share is None
                else phrases.format_percent(share, report.percent.decimals),
            }
            for name, count, share in items
        ],
    }
    return sentence, figures


def _overview(report: Art50Report[Any, Any, Any], brief: str, headings: Mapping[str, str]) -> Node:
    overview = report.overview
    node = Node(overview.title or headings["总体情况"], outline.paragraphs(overview.text))
    for field in fields(Overview):
        if field.key not in OVERVIEW_HEADINGS:
            continue  # the title and the opening text
        # A blank fill-in topic prints 【待填写】; a blank optional one (考核评议追责 of a
        # body that is not a 人民政府) is left out: the rule find_unfilled checks by.
        child = section_node(
            overview,
            field.name,
            OVERVIEW_HEADINGS[field.key],
            government=report.by_government,
        )
        if field.key == "依申请公开":
            child.paras.insert(0, brief)
        proactive = overview.proactive
        if field.key == "主动公开" and proactive is not None:
            stated, _figures = _proactive_figures(report)
            if stated is not None and not outline.states(proactive.text, field.key):
                # the figures follow the clerk's account, unless it states them itself
                child.paras = [*outline.paragraphs(proactive.text), stated]
        node.children.append(child)
    return node


def _titled(section: Any, heading: str) -> str:
    return str(getattr(section, "title", None) or heading)


def context(report: ReportBase, data: Mapping[str, Any]) -> tuple[list[Node], dict[str, Any]]:
    """The report's six sections, and Tables 1–3 as printed cells."""
    assert isinstance(report, Art50Report)
    model = type(report)
    brief, requests = _requests_sentences(report, data)
    appeals_sentence, no_appeals = _appeals_sentence(report, data)
    proactive = report.proactive
    applications = report.applications
    appeals = report.appeals
    other = report.other
    headings = era_of(report).headings
    other_node = outline.from_section(other, headings["其他事项"])
    if hasattr(other, "processing_fees"):
        fee = other.processing_fees
        fee_sentence = phrases.processing_fee_sentence(report.year, report.voice_or_pending(), fee)
        other_node.paras = outline.prose_or_default(
            fee_sentence, other.text, fee == 0, topic=PROCESSING_FEE_TOPIC
        )
    if other_node.is_empty:
        other_node.paras = [phrases.NOTHING_ELSE]
    sections = [
        _overview(report, brief, headings),
        Node(
            _titled(proactive, headings["主动公开"]),
            outline.paragraphs(getattr(proactive, "text", None)),
            table="table1",
        ),
        Node(
            _titled(applications, headings["依申请公开"]),
            [requests, *outline.paragraphs(getattr(applications, "text", None))],
            table="table2",
        ),
        Node(
            _titled(appeals, headings["行政复议和诉讼"]),
            outline.prose_or_default(appeals_sentence, getattr(appeals, "text", None), no_appeals),
            table="table3",
        ),
        section_node(report, "problems", headings["问题及改进"]),
        other_node,
    ]
    tables: dict[str, Any] = {
        "t1": _table1(model, data),
        "t2": _table2(model, data),
        "t3": _table3(model, data),
    }
    # 总体情况's 主动公开 figures, for a template that prints them beside the text
    tables["figures"] = {"总体情况": {"主动公开": _proactive_figures(report)[1]}}
    return sections, tables


def summary_prose(government: bool) -> dict[str, Any]:
    """Placeholders for the prose an office writes in its summary: 【待填写：……】 (考核评议追责
    only for a 人民政府: Art. 50 (4))."""
    overview: dict[str, Any] = {"正文": phrases.placeholder("本地区政府信息公开工作总体情况")}
    for key, heading in OVERVIEW_HEADINGS.items():
        if key != "考核评议追责" or government:
            overview[key] = {"正文": phrases.placeholder(heading)}
    return {
        "总体情况": overview,
        "问题及改进": {"正文": phrases.placeholder("存在的主要问题及改进情况")},
    }


# --- deadlines and the era record ------------------------------------------------------------

_JANUARY_31 = (1, 31)
_MARCH_31 = (3, 31)

ARTICLE_49: Mapping[UnitLevel, tuple[int, int]] = {
    # 2019 条例 Art. 49: 县级以上人民政府部门 publish by January 31, and the government's own
    # report is published by March 31. Townships and streets are not named — the county sets
    # their date, which a report states in 发布期限 — so they default to January 31, as does
    # 其他 (most such bodies are departments or report to one).
    UnitLevel.PROVINCE_GOVERNMENT: _MARCH_31,
    UnitLevel.CITY_GOVERNMENT: _MARCH_31,
    UnitLevel.COUNTY_GOVERNMENT: _MARCH_31,
    UnitLevel.TOWNSHIP: _JANUARY_31,
    UnitLevel.STREET: _JANUARY_31,
    UnitLevel.PROVINCE_DEPARTMENT: _JANUARY_31,
    UnitLevel.CITY_DEPARTMENT: _JANUARY_31,
    UnitLevel.COUNTY_DEPARTMENT: _JANUARY_31,
    UnitLevel.OTHER: _JANUARY_31,
}
"""Kind of body → (month, day) of the year after the report year (formats.md §1)."""

ERA_TABLES = (
    Table(PROACTIVE, N_("表一"), "table1", "主动公开", corner="信息内容"),
    Table(
        APPLICATIONS,
        N_("表二"),
        "table2",
        "依申请公开",
        corner="（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        heading="申请人情况",
    ),
    Table(APPEALS, N_("表三"), "table3", "复议诉讼", across=True),
)
"""The three statistical tables of Art. 50 reports."""


_PROSE_ROWS: Mapping[str, tuple[str, ...]] = {
    # Quantity named in prose (reportkit.prose) → the Table 2 or 3 line (or group) holding it.
    "新收": (APPLICATIONS, _alias(Applications, "received")),
    "上年结转": CARRIED_IN,
    "办结": RESULTS_TOTAL,
    "予以公开": (APPLICATIONS, RESULTS_KEY, _alias(Results, "granted")),
    "部分公开": (APPLICATIONS, RESULTS_KEY, _alias(Results, "partly_granted")),
    "不予公开": (APPLICATIONS, RESULTS_KEY, _alias(Results, "refused")),
    "无法提供": (APPLICATIONS, RESULTS_KEY, _alias(Results, "unavailable")),
    "不予处理": (APPLICATIONS, RESULTS_KEY, _alias(Results, "not_processed")),
    "结转下年度": CARRIED_OVER,
    "行政复议": (APPEALS, _alias(Appeals, "review")),
    "行政诉讼": (
        APPEALS,
        _alias(Appeals, "direct_lawsuit"),
        _alias(Appeals, "lawsuit_after_review"),
    ),
}


def _prose_figures(report: type[BaseModel]) -> dict[str, ProseFigure]:
    """Where Tables 2 and 3 hold each quantity the prose may state: a row's 总计, the 总计 of
    every row of a group (（三）不予公开 has no subtotal), or of several rows (行政诉讼)."""
    lines = {
        (section, *line.path): line
        for section in (APPLICATIONS, APPEALS)
        for line in table_lines(report, section)
    }
    found = {}
    for quantity, where in _PROSE_ROWS.items():
        section, *keys = where
        heads = [(section, *keys)] if section == APPLICATIONS else [(section, k) for k in keys]
        rows = [
            path
            for head in heads
            for path, line in lines.items()
            if path[: len(head)] == head and line.kind is not LineKind.HEADING
        ]
        number = next(t.number for t in ERA_TABLES if t.section == section)
        # the label without its long parenthesis: （二）部分公开（区分处理的，……） → （二）部分公开
        label = "、".join(
            f"{number}“{lines[head].label[:1] + lines[head].label[1:].split('（')[0]}”"
            for head in heads
        )
        found[quantity] = ProseFigure(label, tuple((*path, TOTAL) for path in rows))
    return found


def art50_era(
    model: type[Art50Report[Any, Any, Any]],
    *,
    prose_figures: Mapping[str, ProseFigure] | None = None,
    scaled_amounts: tuple[ScaledAmount, ...] = (),
    keyed_lists: tuple[KeyedList, ...] = (),
    carried_from: Mapping[str, tuple[CarryNote, ...]] | None = None,
    checks: tuple[Any, ...] = (),
    continuity: tuple[Continuity, ...] = (),
) -> Era:
    """The record of an era whose outline is Art. 50's, with ``model``'s own tables (and
    ``prose_figures`` for what the era's own Table 1 and 其他事项 hold)."""
    declared: list[Identity] = []

    def identities(data: Mapping[str, Any]) -> list[Identity]:
        if not declared:  # derived from the model on first use, then kept
            declared.extend(_identities(model))
        return [*_proactive_overview(data), *declared]

    return Era(
        model=model,
        headings=HEADINGS,
        identities=identities,
        context=context,
        deadlines=ARTICLE_49,
        summary_prose=summary_prose,
        tables=ERA_TABLES,
        keyed_lists=keyed_lists,
        scaled_amounts=scaled_amounts,
        checks=checks,
        regulations=REGULATIONS,
        carried_in=CARRIED_IN,
        carried_over=CARRIED_OVER,
        carried_from=carried_from or {},
        deadline_key=_alias(Art50Report, "deadline"),
        topic_headings={("总体情况", key): title for key, title in OVERVIEW_HEADINGS.items()},
        prose_figures={
            **_prose_figures(model),
            "主动公开": ProseFigure(
                "总体情况“主动公开”“总数”", ((*PROACTIVE_OVERVIEW, OVERVIEW_TOTAL),)
            ),
            **(prose_figures or {}),
        },
        continuity=continuity,
    )
