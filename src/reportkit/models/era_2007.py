"""The 2007-era outline (reports for 2008–2018): Art. 32 of the 2007 条例, free prose with counts.

A rendered report reads 一、概述 二、主动公开 三、依申请公开 四、收费及减免 五、行政复议和
行政诉讼 六、问题及改进 七、其他 — sections left empty are dropped and numbering closes up.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from pydantic import Field

from reportkit.models.common import (
    Count,
    Filling,
    Model,
    Money,
    Prose,
    ReportBase,
    Section,
    cell,
    fill,
)

__all__ = [
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


class Category(Model):
    """主动公开信息的一个类别及其条数。"""

    name: str | None = fill(alias="名称", min_length=1, description="类别名称，如“规范性文件”")
    count: Count | None = fill(alias="条数", description="本年主动公开该类信息的条数")


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
    charged: Money | None = fill(alias="收费金额", description="依申请公开收取的费用（元）")
    waived: Money | None = cell(
        alias="减免金额", description="减免的费用（元）", default=Decimal(0)
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
    problems: Section | None = Field(
        None, alias="问题及改进", description="存在的主要问题及改进情况"
    )
    other: Section | None = Field(None, alias="其他事项", description="其他需要报告的事项")
