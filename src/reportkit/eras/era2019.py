"""The 2019-era outline (reports for 2019–2020): Art. 50 of the 2019 条例 and the trial format
of 国办公开办函〔2019〕60号.

A rendered report reads 一、总体情况 二、主动公开（表一） 三、收到和处理申请（表二）
四、行政复议和行政诉讼（表三） 五、问题及改进 六、其他. What the 2021 era shares is declared
once in :mod:`reportkit.eras.art50`; this module holds what is the 2019 era's own: its
Table 1, and （六）其他处理 as a single row of Table 2.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, ClassVar

from pydantic import BeforeValidator, Field

from reportkit.eras import ScaledAmount
from reportkit.eras.art50 import (
    HEADINGS,
    Applicants,
    Applications,
    Art50Report,
    Results,
    art50_era,
)
from reportkit.eras.model import (
    MAX_COUNT,
    Count,
    Model,
    Money,
    Prose,
    Section,
    _no_bool,
    fill,
)
from reportkit.eras.tables import Row, row

__all__ = [
    "ERA",
    "HEADINGS",
    "Applications2019",
    "Change",
    "Documents",
    "FeeItems",
    "MoneyUnit",
    "Proactive2019",
    "Procurement",
    "Report2019",
    "Results2019",
    "ServiceItems",
]

Change = Annotated[int, Field(ge=-MAX_COUNT, le=MAX_COUNT), BeforeValidator(_no_bool)]
"""本年增/减: a whole number that may be negative."""


class MoneyUnit(StrEnum):
    """The unit of an amount of money that the 2019 table leaves unnamed."""

    YUAN = "元"
    TEN_THOUSAND_YUAN = "万元"


# --- Table 1: 主动公开政府信息情况 (2019 format) ------------------------------------------


class Documents(Row):
    """表一 第二十条第（一）项：规章、规范性文件的件数。"""

    made: Count | None = fill(alias="本年新制作数量", description="本年新制作的件数")
    published: Count | None = fill(alias="本年新公开数量", description="本年新公开的件数")
    public_total: Count | None = fill(alias="对外公开总数量", description="对外公开的总件数")


class ServiceItems(Row):
    """表一 第二十条第（五）（六）项：许可、处罚等事项的项目数和处理决定数。"""

    items_last_year: Count | None = fill(alias="上一年项目数量", description="上一年的项目数量")
    change: Change | None = fill(
        alias="本年增减", title="本年增/减", description="本年项目数的增减，减少时写负数，如 -2"
    )
    decisions: Count | None = fill(alias="处理决定数量", description="本年处理决定的数量")


class FeeItems(Row):
    """表一 第二十条第（八）项：行政事业性收费的项目数。"""

    items_last_year: Count | None = fill(alias="上一年项目数量", description="上一年的收费项目数量")
    change: Change | None = fill(
        alias="本年增减", title="本年增/减", description="本年收费项目数的增减，减少时写负数"
    )


class Procurement(Row):
    """表一 第二十条第（九）项：政府集中采购（金额的单位须写明）。"""

    projects: Count | None = fill(alias="采购项目数量", description="政府集中采购项目数量")
    amount: Money | None = fill(
        alias="采购总金额",
        description="采购总金额，单位见“单位”；精确到分：以元计最多 2 位小数，以万元计最多 6 位",
    )
    unit: MoneyUnit | None = fill(alias="单位", description="采购总金额的单位：元 或 万元")


class Proactive2019(Model):
    """二、主动公开政府信息情况（表一，2019 年版）：每一格都须填写，没有的写 0。"""

    title: str | None = Field(
        None, alias="标题", min_length=1, description="本节标题；不填时用标准标题"
    )
    text: Prose | None = Field(None, alias="正文", description="表格前的说明")
    regulations: Documents = row("规章", "规章", group="第二十条第（一）项")
    normative_documents: Documents = row("规范性文件", "规范性文件", group="第二十条第（一）项")
    licensing: ServiceItems = row("行政许可", "行政许可", group="第二十条第（五）项")
    other_services: ServiceItems = row(
        "其他对外管理服务事项", "其他对外管理服务事项", group="第二十条第（五）项"
    )
    penalties: ServiceItems = row("行政处罚", "行政处罚", group="第二十条第（六）项")
    coercion: ServiceItems = row("行政强制", "行政强制", group="第二十条第（六）项")
    fees: FeeItems = row("行政事业性收费", "行政事业性收费", group="第二十条第（八）项")
    procurement: Procurement = row("政府集中采购", "政府集中采购", group="第二十条第（九）项")


# --- Table 2: （六）其他处理 is one row ----------------------------------------------------


class Results2019(Results[Applicants]):
    """三、本年度办理结果（2019 年版：其他处理为一行）。"""


class Applications2019(Applications[Results2019]):
    """三、收到和处理政府信息公开申请情况（表二，2019 年版）。"""


class Report2019(Art50Report[Proactive2019, Applications2019, Section]):
    """政府信息公开工作年度报告（国办公开办函〔2019〕60号格式，适用于 2019—2020 年度）。"""

    ERA: ClassVar[str] = "2019"


ERA = art50_era(
    Report2019,
    scaled_amounts=(
        ScaledAmount(("主动公开", "政府集中采购"), "采购总金额", "单位", {"元": 1, "万元": 10000}),
    ),
)
"""The 2019 era."""
