"""Pieces every era's outline shares: units, sign-off, prose sections, field markers.

Data-file keys are Chinese (pydantic aliases); Python names are English. A field
the clerk must fill before the report is final is declared with :func:`fill`: it
may be left blank in a draft, and ``validate`` reports it as 未填写 otherwise.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic.fields import FieldInfo

from reportkit.eras import FIRST_YEAR, LAST_YEAR
from reportkit.i18n import _

__all__ = [
    "FILL_KEY",
    "MAX_COUNT",
    "MAX_MONEY",
    "PROSE_KEYS",
    "Count",
    "Filling",
    "Int",
    "Model",
    "Money",
    "PercentStyle",
    "Prose",
    "ReportBase",
    "Section",
    "Signoff",
    "Unit",
    "UnitLevel",
    "cell",
    "fill",
    "fill_kind",
]

PROSE_KEYS = ("正文", "导语")
"""The keys of free text a clerk writes (carried into next year, compared with last year's)."""

FILL_KEY = "x-fill"
"""JSON Schema keyword (and field marker) for a value the clerk must fill in."""


class Filling(StrEnum):
    """How a fill-in field may be satisfied."""

    REQUIRED = "required"  # the clerk types it
    DERIVABLE = "derivable"  # the clerk types it, or it is computed from its parts
    CELL = "cell"  # a table cell: left out it is 0, written blank it is still to fill


def cell(
    *,
    alias: str,
    description: str,
    default: int | Decimal = 0,
    extra: dict[str, Any] | None = None,
) -> Any:
    """A count in a statistical table: 0 when left out (a blank published cell means 0),
    but a key written with no value is a cell still to be filled in."""
    return Field(
        default,
        alias=alias,
        description=description,
        json_schema_extra={FILL_KEY: Filling.CELL.value, **(extra or {})},
    )


def fill(
    *,
    alias: str,
    description: str,
    kind: Filling = Filling.REQUIRED,
    **kwargs: Any,
) -> Any:
    """Declare a field that may be blank in a draft but must be filled in a final report."""
    return Field(
        None,
        alias=alias,
        description=description,
        json_schema_extra={FILL_KEY: kind.value},
        **kwargs,
    )


def fill_kind(info: FieldInfo) -> Filling | None:
    """The :class:`Filling` a field was declared with, or None for an ordinary field."""
    extra = info.json_schema_extra
    kind = extra.get(FILL_KEY) if isinstance(extra, dict) else None
    if isinstance(kind, str):
        return Filling(kind)
    return None


def _no_bool(value: object) -> object:
    # YAML's true/false would otherwise pass as 1/0 in a count.
    if isinstance(value, bool):
        raise ValueError(_("应为数字，不是是/否值"))
    return value


MAX_COUNT = 1_000_000_000
"""The largest count a report may give (a thousand million): more is a typing slip, and the
tables, sums and wording are only made for numbers of a sane size."""

MAX_MONEY = Decimal(10) ** 10
"""The largest amount of money (ten thousand million, in 元 or 万元)."""

Int = Annotated[int, BeforeValidator(_no_bool)]
"""A whole number that YAML's true/false is not (pydantic would read true as 1)."""

Count = Annotated[int, Field(ge=0, le=MAX_COUNT), BeforeValidator(_no_bool)]
"""A number of items, applications or cases: a non-negative whole number."""

Money = Annotated[
    Decimal,
    Field(ge=0, le=MAX_MONEY, decimal_places=4),
    BeforeValidator(_no_bool),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": int(MAX_MONEY)}),
]
"""An amount of money: a non-negative decimal (its unit is stated beside it)."""

Prose = Annotated[str, Field(min_length=1)]
"""Free text; blank lines separate paragraphs, a single line break stays a line break."""


def _schema_marks_fill(schema: dict[str, Any], cls: type[BaseModel]) -> None:
    """In the exported JSON Schema, a REQUIRED fill-in field is required and not null,
    so an editor flags it while the clerk types; in Python it stays optional."""
    properties = schema.get("properties", {})
    required = list(schema.get("required", []))
    for name, info in cls.model_fields.items():
        if fill_kind(info) is not Filling.REQUIRED:
            continue
        key = info.alias or name
        prop = properties.get(key, {})
        options = prop.get("anyOf")
        if options:
            kept = [o for o in options if o.get("type") != "null"]
            prop.pop("anyOf")
            if len(kept) == 1:
                prop.update(kept[0])
            else:
                prop["anyOf"] = kept
        prop.pop("default", None)
        if key not in required:
            required.append(key)
    if required:
        schema["required"] = required


class Model(BaseModel):
    """Base of every model: Chinese keys only, unknown keys refused, immutable."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=False,
        str_strip_whitespace=True,
        json_schema_extra=_schema_marks_fill,
    )


class UnitLevel(StrEnum):
    """The kind of body that publishes the report (decides deadlines and plausibility)."""

    PROVINCE_GOVERNMENT = "省级人民政府"
    CITY_GOVERNMENT = "市级人民政府"
    COUNTY_GOVERNMENT = "县级人民政府"
    TOWNSHIP = "乡镇"
    STREET = "街道"
    PROVINCE_DEPARTMENT = "省级部门"
    CITY_DEPARTMENT = "市级部门"
    COUNTY_DEPARTMENT = "县级部门"
    OTHER = "其他"

    @property
    def is_grassroots(self) -> bool:
        """A 乡镇 or 街道: makes no 规章, publishes on the county's date."""
        return self in (UnitLevel.TOWNSHIP, UnitLevel.STREET)

    @property
    def is_government(self) -> bool:
        """A 人民政府 (a township's included; a 街道办事处 is not one)."""
        return self in (
            UnitLevel.PROVINCE_GOVERNMENT,
            UnitLevel.CITY_GOVERNMENT,
            UnitLevel.COUNTY_GOVERNMENT,
            UnitLevel.TOWNSHIP,
        )


class Unit(Model):
    """单位：发布报告的机关。"""

    full_name: str | None = fill(
        alias="全称",
        description="机关全称，用于标题和落款，如“公主岭市双龙镇人民政府”",
        min_length=1,
    )
    short_name: str | None = fill(alias="简称", description="简称，如“双龙镇”", min_length=1)
    voice: str | None = fill(
        alias="自称",
        description="报告中机关的自称，如“我镇”“本街道”“本机关”，用于自动生成的语句",
        min_length=1,
    )
    level: UnitLevel | None = fill(
        alias="层级", description="机关层级：乡镇、街道、县级部门等，决定发布期限和合理性检查"
    )


class Signoff(Model):
    """落款：署名和成文日期。"""

    signature: str | None = Field(
        None, alias="署名", description="落款署名；不填时使用单位全称", min_length=1
    )
    date: dt.date | None = Field(
        None, alias="日期", description="成文（发布）日期，如 2018-01-20；晚于发布期限时给出警告"
    )


class PercentStyle(Model):
    """百分比：报告中占比的写法。"""

    decimals: Int = Field(
        0, alias="小数位", ge=0, le=2, description="百分比保留的小数位，默认 0（整数百分比）"
    )
    sum_to_100: bool = Field(
        False,
        alias="合计为百",
        description="为是时用最大余数法取整，使各项占比相加恰为 100%（报告中注明）",
    )


class Section(Model):
    """一节文字：标题、正文和下一级小节（层次序数自动编排）。"""

    title: str | None = Field(
        None, alias="标题", description="本节标题，不含序号（序号自动编排）", min_length=1
    )
    text: Prose | None = Field(None, alias="正文", description="本节正文；空行分段")
    sections: tuple[Section, ...] = Field((), alias="小节", description="下一级小节")

    @property
    def is_empty(self) -> bool:
        return self.text is None and all(s.is_empty and s.title is None for s in self.sections)


class ReportBase(Model):
    """Fields every era's report has, in the order a data file lists them."""

    ERA: ClassVar[str]

    year: Int = Field(
        alias="年度",
        ge=FIRST_YEAR,
        le=LAST_YEAR,
        description="报告年度，如 2017；决定适用的格式版本",
    )
    unit: Unit = Field(alias="单位", description="发布报告的机关")
    signoff: Signoff = Field(default_factory=Signoff, alias="落款", description="落款署名和日期")
    percent: PercentStyle = Field(
        default_factory=PercentStyle, alias="百分比", description="占比的写法"
    )
    title: str | None = Field(
        None,
        alias="标题",
        description="报告标题（第二行）；不填时为“××年政府信息公开工作年度报告”",
        min_length=1,
    )
    preface: Prose | None = Field(
        None, alias="导语", description="正文前的开头段落；不填时自动生成"
    )
    previous_file: str | None = Field(
        None,
        alias="上年数据",
        min_length=1,
        description="上年的数据文件（相对本文件的路径）；校验时比对，提示照抄上年的文字",
    )

    acknowledged: dict[str, Prose] = Field(
        default_factory=dict,
        alias="已核实",
        description=(
            "已核实的警告：检查代码 → 核实理由，如 late: 经批准延期发布。"
            "该代码的警告不再计入警告数（JSON 输出中仍列出，标明已核实）；错误不能核实，只能改正"
        ),
    )

    def voice_or_pending(self) -> str:
        """How the report names its unit in generated sentences (【待填写】 while blank)."""
        from reportkit.phrases import PENDING  # phrases loads babel: only when rendering

        return self.unit.voice or PENDING
