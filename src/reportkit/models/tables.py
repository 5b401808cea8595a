"""Pieces the 2019 and 2021 outlines share (条例 Art. 50): headings, 总体情况, Tables 2 and 3.

**The table of labels.** Each row of a table is a field whose ``title`` is its official
label, word for word as formats.md §2 prints it, declared here once and in the official
order. :func:`lines` reads a table model back as the printable list of rows (label, depth,
data path, columns) that templates print, and :mod:`reportkit.identities` derives the
table's sums from the same list. A label the official text words differently is changed in
one place.

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

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field
from pydantic.fields import FieldInfo

from reportkit.models.common import (
    Count,
    Filling,
    Model,
    Prose,
    ReportBase,
    Section,
    cell,
    fill,
    fill_kind,
)
from reportkit.models.introspect import model_of

__all__ = [
    "APPEALS",
    "APPLICATIONS",
    "CARRIED_IN",
    "CARRIED_OVER",
    "GROUP_KEY",
    "HEADINGS",
    "OVERVIEW_HEADINGS",
    "PROACTIVE",
    "RECEIVED",
    "REGULATIONS",
    "RESULTS_TOTAL",
    "TOTAL",
    "AppealOutcomes",
    "Appeals",
    "Applicants",
    "Applications",
    "Art50Report",
    "Column",
    "Line",
    "LineKind",
    "NotProcessed",
    "OtherHandling",
    "Overview",
    "Refused",
    "ResultTotals",
    "Results",
    "Row",
    "Unavailable",
    "columns",
    "lines",
    "row",
    "table_model",
]

GROUP_KEY = "x-group"
"""JSON Schema keyword (and field marker) for the header a row or column sits under."""

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


CONFIRM_KEY = "x-confirm"
"""Marks the row a new data file leaves blank, so that the clerk must state it (even as 0)."""


def row(
    alias: str,
    description: str,
    *,
    label: str | None = None,
    group: str | None = None,
    confirm: bool = False,
) -> Any:
    """Declare a row (or a group of rows) of a table, labelled as the official table prints it.

    Left out of the data file, the row takes its cells' defaults: 0 in Tables 2 and 3,
    unfilled in Table 1. A ``confirm`` row is written blank into a new data file.
    """
    extra: dict[str, Any] = {}
    if group:
        extra[GROUP_KEY] = group
    if confirm:
        extra[CONFIRM_KEY] = True
    return Field(
        default_factory=dict,
        validate_default=True,
        alias=alias,
        title=label or alias,
        description=description,
        json_schema_extra=extra or None,
    )


class Row(Model):
    """表格中的一行数字。"""


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


class Overview(Model):
    """一、总体情况：五个方面的工作情况（小标题不填时用标准小标题）。"""

    title: str | None = Field(
        None, alias="标题", min_length=1, description="本节标题；不填时用标准标题"
    )
    text: Prose | None = Field(None, alias="正文", description="本节开头的文字（在各小节之前）")
    proactive: Section | None = _topic("主动公开")
    requests: Section | None = _topic("依申请公开")
    management: Section | None = _topic("政府信息管理")
    platforms: Section | None = _topic("平台建设")
    oversight: Section | None = _topic("监督保障")
    assessment: Section | None = Field(
        None,
        alias="考核评议追责",
        description="工作考核、社会评议和责任追究结果情况（人民政府报告，列在监督保障之后）",
    )


ProactiveT = TypeVar("ProactiveT", bound=Model)
ApplicationsT = TypeVar("ApplicationsT", bound=Model)
OtherMattersT = TypeVar("OtherMattersT", bound=Section)


class Art50Report(ReportBase, Generic[ProactiveT, ApplicationsT, OtherMattersT]):
    """The six headings of Art. 50 (2019 and 2021 eras); an era fills in its own tables."""

    deadline: dt.date | None = Field(
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


# --- reading a table back: the printable table of labels ---------------------------------


class LineKind(StrEnum):
    """What a line of a table is."""

    HEADING = "heading"  # a label over other lines, no figures: 三、本年度办理结果
    ROW = "row"  # figures the clerk writes
    TOTAL = "total"  # figures every one of which is derivable: （七）总计


@dataclass(frozen=True)
class Column:
    """A column of a row: its data-file key, printed label and header group."""

    key: str
    label: str
    group: str | None
    derivable: bool


@dataclass(frozen=True)
class Line:
    """One line of a table as printed: label, depth of indentation, and where its figures are."""

    path: tuple[str, ...]  # data-file keys from the table's own key down to this line
    label: str
    depth: int
    kind: LineKind
    group: str | None = None
    columns: tuple[Column, ...] = ()


def _group(info: FieldInfo) -> str | None:
    extra = info.json_schema_extra
    if isinstance(extra, dict) and isinstance(extra.get(GROUP_KEY), str):
        return str(extra[GROUP_KEY])
    return None


def columns(model: type[Row]) -> tuple[Column, ...]:
    """The columns of a row model, in order."""
    return tuple(
        Column(
            key=info.alias or name,
            label=info.title or info.alias or name,
            group=_group(info),
            derivable=fill_kind(info) is Filling.DERIVABLE,
        )
        for name, info in model.model_fields.items()
    )


def lines(model: type[BaseModel]) -> tuple[Line, ...]:
    """Every line of a table model (Table 1, 2 or 3 of an era), in the official order."""
    found: list[Line] = []

    def walk(cls: type[BaseModel], path: tuple[str, ...], depth: int) -> None:
        for name, info in cls.model_fields.items():
            sub, _many = model_of(info.annotation)
            if sub is None:
                continue
            here = (*path, info.alias or name)
            label = info.title or here[-1]
            if issubclass(sub, Row):
                cols = columns(sub)
                kind = LineKind.TOTAL if all(c.derivable for c in cols) else LineKind.ROW
                found.append(Line(here, label, depth, kind, _group(info), cols))
            else:
                found.append(Line(here, label, depth, LineKind.HEADING, _group(info)))
                walk(sub, here, depth + 1)

    walk(model, (), 0)
    return tuple(found)


def table_model(report: type[BaseModel], key: str) -> type[BaseModel]:
    """The model of the section ``key`` (data-file key) of a report model."""
    for name, info in report.model_fields.items():
        if (info.alias or name) == key:
            found, _many = model_of(info.annotation)
            if found is not None:
                return found
    raise KeyError(key)


def _alias(model: type[BaseModel], name: str) -> str:
    return model.model_fields[name].alias or name


PROACTIVE = _alias(Art50Report, "proactive")
APPLICATIONS = _alias(Art50Report, "applications")
APPEALS = _alias(Art50Report, "appeals")
REGULATIONS = (PROACTIVE, "规章")
"""Table 1's 规章 row (both eras name it so)."""
RECEIVED = (APPLICATIONS, _alias(Applications, "received"))
CARRIED_IN = (APPLICATIONS, _alias(Applications, "carried_in"))
RESULTS_TOTAL = (APPLICATIONS, _alias(Applications, "results"), _alias(Results, "total"))
CARRIED_OVER = (APPLICATIONS, _alias(Applications, "carried_over"))
