"""Pieces every era's outline shares: units, sign-off, prose sections, field markers.

Data-file keys are Chinese (pydantic aliases); Python names are English. A field
the clerk must fill before the report is final is declared with :func:`fill`: it
may be left blank in a draft, and ``validate`` reports it as 未填写 otherwise.

**What prints 【待填写】 is decided here, once.** A value is blank (:func:`is_blank`)
when it is None, or a section that would print no text. A blank fill-in field is what
a draft prints as 【待填写】 and what :func:`blank_fill_ins` reports; a blank optional
section is left out of the report (:func:`section_node`). Placeholder prose that an
office has not replaced yet (【待填写：……】, :func:`has_placeholder`) is blank too.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import types
import typing
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from reportkit import outline, phrases
from reportkit.computations import percentages
from reportkit.eras import FIRST_YEAR, LAST_YEAR
from reportkit.i18n import N_, _

__all__ = [
    "FILL_KEY",
    "MAX_COUNT",
    "MAX_MONEY",
    "MONEY_PLACES",
    "MONEY_PLACES_ERROR",
    "PROSE_KEYS",
    "SHARED_WORDING",
    "Category",
    "Count",
    "Date",
    "Filling",
    "Int",
    "Model",
    "Money",
    "PercentStyle",
    "Period",
    "PreviousYear",
    "Prose",
    "ReportBase",
    "Section",
    "Signoff",
    "TenThousandYuan",
    "Unit",
    "UnitLevel",
    "Yuan",
    "blank_fill_ins",
    "cell",
    "fen_places",
    "fill",
    "fill_kind",
    "fills_in",
    "has_placeholder",
    "is_blank",
    "levels_named",
    "money_places_message",
    "section_node",
    "too_fine",
]

PROSE_KEYS = ("正文", "导语")
"""The keys of free text a clerk writes (carried into next year, compared with last year's)."""

SHARED_WORDING: tuple[str, ...] = (
    # The statutory preface: 本报告根据《条例》和……要求编制 / 统计期限 / 电子版 / 联系方式.
    r"本报告(?:是)?(?:根据|依据|按照)[^。]{0,200}?(?:编制|制作|撰写)",
    r"本报告(?:中)?所列(?:的)?数据的?统计期限自[^。]{0,40}?止",
    r"本报告(?:的)?电子版[^。]{0,120}?(?:下载|查阅)",
    r"(?:如|若)对本报告有任何疑问[^。]{0,200}",
    r"《?中华人民共和国政府信息公开条例》?(?:（以下简称《条例》）)?",
    r"政府信息公开工作年度报告(?:格式)?",
    r"国办公开办函〔20[0-9]{2}〕[0-9]+号",
    r"本(?:年度|年)(?:没有|无)其他需要报告的事项",
)
"""Wording every report shares (regular expressions): left out when this year's text is
compared with last year's, with the era's headings (reportkit.yearonyear)."""

FILL_KEY = "x-fill"
"""JSON Schema keyword (and field marker) for a value the clerk must fill in."""


class Filling(StrEnum):
    """How a fill-in field may be satisfied."""

    REQUIRED = "required"  # the clerk types it
    DERIVABLE = "derivable"  # the clerk types it, or it is computed from its parts
    CELL = "cell"  # a table cell: left out it is 0, written blank it is still to fill
    # a 人民政府's report must fill it in (条例 Art. 50 (4): 工作考核、社会评议和责任追究
    # 结果情况); for any other body it is optional, left out of the report when blank
    GOVERNMENT = "government"


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

MONEY_PLACES: dict[str, int] = {N_("元"): 2, N_("万元"): 6}
"""Unit of money → the decimals that reach the fen (分): 59490886.67 元 is 5949.088667 万元."""

MONEY_PLACES_ERROR = "money_places"
"""The error kind of an amount finer than the fen in its unit (reportkit.loading words it)."""


def fen_places(unit: str) -> Callable[[Decimal], Decimal]:
    """A validator refusing an amount in ``unit`` finer than the fen (the message names the
    allowed precision; trailing zeros are no precision: 12.50 元 is 12.5 元)."""
    places = MONEY_PLACES[unit]

    def check(value: Decimal) -> Decimal:
        if too_fine(value, places):
            raise PydanticCustomError(
                MONEY_PLACES_ERROR,
                "at most {places} decimals in {unit}",
                {"places": places, "unit": unit},
            )
        return value

    return check


def money_places_message(unit: str, places: int) -> str:
    """What an amount finer than the fen is told: 以万元计最多 6 位小数（精确到分）."""
    return _("以{unit}计最多 {places} 位小数（精确到分）").format(unit=_(unit), places=places)


def too_fine(value: Decimal | int, places: int) -> bool:
    """Whether ``value`` has a non-zero digit beyond ``places`` decimals."""
    exponent = Decimal(value).normalize().as_tuple().exponent
    return isinstance(exponent, int) and exponent < -places


Yuan = Annotated[
    Decimal,
    Field(ge=0, le=MAX_MONEY),
    BeforeValidator(_no_bool),
    AfterValidator(fen_places("元")),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": int(MAX_MONEY)}),
]
"""An amount in 元: a non-negative decimal exact to the fen (at most 2 decimals)."""

TenThousandYuan = Annotated[
    Decimal,
    Field(ge=0, le=MAX_MONEY),
    BeforeValidator(_no_bool),
    AfterValidator(fen_places("万元")),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": int(MAX_MONEY)}),
]
"""An amount in 万元: a non-negative decimal exact to the fen (at most 6 decimals)."""

Money = TenThousandYuan
"""An amount whose unit (元 or 万元) is stated beside it: at most the 6 decimals of 万元
here; the era's check (:class:`~reportkit.eras.ScaledAmount`) holds it to its own unit's."""


def _no_number(value: object) -> object:
    # YAML reads 20240122 as a number (normalise reads it as that date when it is one), and
    # pydantic would read any number as seconds since 1970: 0 would pass as 1970-01-01.
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number or (isinstance(value, str) and value.strip().isdigit()):
        raise ValueError(
            _("应为日期，写作 2018-01-20、2018年1月20日 或 20180120（须是实有的日期）")
        )
    return value


Date = Annotated[dt.date, BeforeValidator(_no_number)]
"""A calendar date: 2018-01-20 (2018年1月20日 and 20180120 are read as it by normalise)."""

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


# --- the level a body's name says ------------------------------------------------------------

_PLACE = re.compile(
    r"[^省市区县旗盟乡镇]{1,13}?(?P<kind>自治区|特别行政区|自治州|自治县|自治旗|地区"
    r"|省|市|盟|区|县|旗)"
)
"""One place of the chain a body's name opens with (福州市 晋安区 ……); 州 alone is no
place's last character (福州市), only 自治州 is."""
_NOT_PLACES = frozenset(
    ["城市", "城乡", "社区", "市区", "郊区", "园区", "景区", "辖区", "小区", "片区"]
)
"""Words read as places by their last character that name none (城市管理局, 住房和城乡建设局)."""
_ZONE = re.compile(
    r"开发区|园区|示范区|试验区|实验区|保税区|工业区|高新区|合作区|功能区|经济区|新区管"
)
"""A zone's 管委会 is of no plain level (a 新区 that is a district is one: 浦东新区, 清新区)."""
_MUNICIPALITIES = frozenset(("北京市", "天津市", "上海市", "重庆市"))
_GOVERNMENT = frozenset(("", "人民政府", "人民政府机关", "政府"))
_DEPARTMENT = re.compile(r"(?:局|委员会|管委会|委|办公室|办公厅|厅|办|中心|署)$")
_PROVINCE, _CITY, _COUNTY = 0, 1, 2
_LEVELS = {
    True: (UnitLevel.PROVINCE_GOVERNMENT, UnitLevel.CITY_GOVERNMENT, UnitLevel.COUNTY_GOVERNMENT),
    False: (UnitLevel.PROVINCE_DEPARTMENT, UnitLevel.CITY_DEPARTMENT, UnitLevel.COUNTY_DEPARTMENT),
}


def levels_named(name: str | None) -> frozenset[UnitLevel]:
    """The levels a body's name allows: one when it says the level (前进区教育局: a 县级部门;
    上海市住房和城乡建设管理委员会: a 省级部门, 上海 being a 直辖市; 福州市晋安区: a 县级人民政府),
    two when a 市 may be a 地级市 or a 县级市 (成都市住房和城乡建设局), every level when the
    name says nothing of it (文教局, a 管委会 of a 开发区, a township's office)."""
    every = frozenset(UnitLevel)
    name = re.sub(r"[(（][^)）]*[)）]|\s", "", name or "")
    if not name:
        return every
    if re.search(r"(?:镇|乡)(?:人民政府)?$", name):
        return frozenset((UnitLevel.TOWNSHIP,))
    if re.search(r"街(?:道(?:办事处)?)?$", name):  # 佳荣里街: a 街道 named without 道
        return frozenset((UnitLevel.STREET,))
    places: list[tuple[str, str]] = []
    rest = name
    while (match := _PLACE.match(rest)) and match.group(0) not in _NOT_PLACES:
        places.append((match.group(0), match["kind"]))
        rest = rest[match.end() :]
    if not places and len(name) > 1 and name[0] in "省市区县":  # 区统计局: the writer's own
        places, rest = [(name[0], name[0])], name[1:]
    government = rest in _GOVERNMENT
    if not places or _ZONE.search(name) or not (government or _DEPARTMENT.search(rest)):
        return every
    place, kind = places[-1]
    parent = places[-2][1] if len(places) > 1 else None
    if kind in ("省", "自治区", "特别行政区") or place in _MUNICIPALITIES:
        found = {_PROVINCE}
    elif kind in ("自治州", "地区", "盟"):
        found = {_CITY}
    elif kind == "市":  # a 县级市 under a 市, 自治州, 地区 or 盟; under a province, either
        found = {_COUNTY} if parent in ("市", "自治州", "地区", "盟") else {_CITY, _COUNTY}
    else:
        found = {_COUNTY}
    return frozenset(_LEVELS[government][k] for k in found)


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
    date: Date | None = fill(
        alias="日期",
        description="成文（发布）日期，如 2018-01-20，正式报告必填；晚于发布期限时给出警告",
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
        """Whether the section would print no text: titles with nothing under them print
        nothing (the outline drops them), so they do not make a section filled."""
        return outline.from_section(self).is_empty


class PreviousYear(Model):
    """上年参照：逐年比对所需的上年报告内容，随数据文件一起报送（不依赖上年文件的路径）。"""

    year: int = Field(
        alias="年度",
        ge=FIRST_YEAR,
        le=LAST_YEAR,
        description="上年报告的年度；不早于本年度时，逐年比对给出警告",
    )
    in_force: dict[str, Count] = Field(
        default_factory=dict,
        alias="现行有效",
        description="上年表一各行的现行有效件数，如 规章: 0、行政规范性文件: 3；用于核对表一的衔接",
    )
    carried_over: dict[str, Count] = Field(
        default_factory=dict,
        alias="结转下年度",
        description="上年表二的“结转下年度”各列，用于核对本年的“上年结转”",
    )
    texts: dict[str, Prose] = Field(
        default_factory=dict,
        alias="文字",
        description="上年报告的各段文字，键为该段在上年数据文件中的位置（如 总体情况.正文）；"
        "用于计算本年文字与上年重复的比例",
    )
    copied_threshold: int | None = Field(
        None,
        alias="重复比例阈值",
        ge=1,
        le=100,
        description="一段文字与上年重复的比例（%）超过此值时给出警告，默认 50",
    )


class Period(Model):
    """统计期限：报告所列数据的起止日期（只在不是自然年度时填写）。"""

    start: dt.date = Field(alias="起", description="统计期限的第一天，如 2019-01-01")
    end: dt.date = Field(alias="止", description="统计期限的最后一天，如 2019-12-31")

    @model_validator(mode="after")
    def _in_order(self) -> Period:
        if self.end < self.start:
            raise ValueError(
                _("统计期限的止日期 {end} 早于起日期 {start}").format(
                    end=self.end.isoformat(), start=self.start.isoformat()
                )
            )
        return self

    def is_calendar_year(self, year: int) -> bool:
        """Whether the period is exactly the calendar year ``year``."""
        return (self.start, self.end) == (dt.date(year, 1, 1), dt.date(year, 12, 31))


class Category(Model):
    """主动公开信息的一个类别及其条数。"""

    name: str | None = fill(alias="名称", min_length=1, description="类别名称，如“规范性文件”")
    count: Count | None = fill(alias="条数", description="本年主动公开该类信息的条数")


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
    period: Period | None = Field(
        None,
        alias="统计期限",
        description="报告所列数据的统计期限，如 {起: 2019-01-01, 止: 2019-12-31}；"
        "不填即为报告年度的 1 月 1 日至 12 月 31 日，不是该自然年度时给出警告",
    )
    previous_file: str | None = Field(
        None,
        alias="上年数据",
        min_length=1,
        description="上年的数据文件（相对本文件的路径）；校验时比对，提示照抄上年的文字",
    )
    reference: PreviousYear | None = Field(
        None,
        alias="上年参照",
        description=(
            "逐年比对所需的上年内容（年度、表一现行有效件数、结转下年度、各段文字），"
            "由 reportkit new --from 写入；找得到上年数据文件时以上年文件为准"
        ),
    )

    acknowledged: dict[str, Prose] = Field(
        default_factory=dict,
        alias="已核实",
        description=(
            "已核实的警告：检查代码 → 核实理由，如 late: 经批准延期发布。"
            "该代码的警告不再计入警告数（JSON 输出中仍列出，标明已核实）；错误不能核实，只能改正"
        ),
    )

    @property
    def by_government(self) -> bool:
        """Whether a 人民政府 publishes the report (a township's included; unknown: no)."""
        level = self.unit.level
        return level is not None and level.is_government

    def proactive_sentence(
        self,
        categories: Sequence[Category],
        total: int | None,
        unit_word: str,
        cumulative: int | None = None,
    ) -> tuple[str, list[tuple[str, int | None, Decimal | None]]]:
        """The statistics of proactive disclosure in words, and each category as (name,
        count, share of the total): shares only when every category gives its count."""
        counts = [c.count for c in categories]
        shares: list[Decimal | None] = [None] * len(counts)
        known = [c for c in counts if c is not None]
        if total and len(known) == len(counts):
            shares = list(
                percentages(known, total, self.percent.decimals, sum_to_100=self.percent.sum_to_100)
            )
        items = [
            (c.name or phrases.PENDING, c.count, share)
            for c, share in zip(categories, shares, strict=True)
        ]
        sentence = phrases.proactive_sentence(
            self.year,
            self.voice_or_pending(),
            total,
            unit_word,
            items,
            self.percent.decimals,
            largest_remainder=self.percent.sum_to_100 and bool(items),
            cumulative=cumulative,
        )
        return sentence, items

    def voice_or_pending(self) -> str:
        """How the report names its unit in generated sentences (【待填写】 while blank)."""
        return self.unit.voice or phrases.PENDING


# --- blanks: the one rule of what prints 【待填写】 ---------------------------------------------


def has_placeholder(value: object) -> bool:
    """Whether ``value`` is text that still holds a placeholder (【待填写】 or 【待填写：……】)."""
    return isinstance(value, str) and phrases.PLACEHOLDER_MARK in value


def is_blank(value: object) -> bool:
    """Whether a value prints nothing of its own: None, or a section that would print no text.

    A blank fill-in field prints as 【待填写】 in a draft and is 未填写 otherwise; a blank
    optional section is left out of the report.
    """
    if value is None:
        return True
    return isinstance(value, Section) and value.is_empty


def fills_in(info: FieldInfo, *, government: bool) -> Filling | None:
    """The :class:`Filling` of a field in a report of a 人民政府 (``government``) or of
    another body: None when the field is optional there (GOVERNMENT's, for another body)."""
    kind = fill_kind(info)
    if kind is Filling.GOVERNMENT and not government:
        return None
    return kind


_FIGURE_TYPES = (int, Decimal, float, bool, dt.date, type(None))


def _only_figures(annotation: Any) -> bool:
    """Whether a field of this type can only hold figures or dates (never text or a model)."""
    if typing.get_origin(annotation) is Annotated:
        return _only_figures(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return all(_only_figures(arg) for arg in typing.get_args(annotation))
    return isinstance(annotation, type) and issubclass(annotation, _FIGURE_TYPES)


@functools.cache
def _fill_fields(
    cls: type[BaseModel], government: bool
) -> tuple[tuple[str, str, Filling | None, bool], ...]:
    """(attribute, data-file key, filling, holds only figures) of each field of ``cls`` that
    can be a blank fill-in or hold a placeholder: read once per model (a figure that is no
    fill-in is neither; a figure that is one is blank only when it is None)."""
    fields = (
        (
            name,
            info.alias or name,
            fills_in(info, government=government),
            _only_figures(info.annotation),
        )
        for name, info in cls.model_fields.items()
    )
    return tuple(field for field in fields if field[2] is not None or not field[3])


def blank_fill_ins(
    model: BaseModel, path: tuple[str | int, ...] = (), *, government: bool | None = None
) -> Iterator[tuple[tuple[str | int, ...], Filling | None]]:
    """(path, filling) of every fill-in field of ``model`` and its sub-models that is blank,
    and (path, None) of every text still holding a placeholder: what a draft prints as
    【待填写】, and nothing else does. ``government``: whether the report is a 人民政府's
    (told by ``model`` itself when it is a report)."""
    if government is None:
        government = isinstance(model, ReportBase) and model.by_government
    for name, key, kind, figures in _fill_fields(type(model), government):
        value = getattr(model, name)
        if figures:  # a fill-in figure: blank or given
            if value is None:
                yield (*path, key), kind
            continue
        here = (*path, key)
        if kind is not None and is_blank(value):
            yield here, kind
        elif has_placeholder(value):
            yield here, None
        elif isinstance(value, BaseModel):
            if _fill_fields(type(value), government):  # a row of figures holds neither
                yield from blank_fill_ins(value, here, government=government)
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from blank_fill_ins(item, (*here, i), government=government)


def section_node(
    owner: BaseModel, name: str, title: str, *, government: bool = False
) -> outline.Node:
    """The section ``owner.<name>`` as printed, under its own title or ``title``: a blank
    fill-in section keeps its heading with 【待填写】 (a draft; :func:`blank_fill_ins`
    reports it otherwise), a blank optional one is left out. ``government``: whether the
    report is a 人民政府's (:attr:`Filling.GOVERNMENT`)."""
    section = getattr(owner, name)
    node = outline.from_section(section, title)
    info = type(owner).model_fields[name]
    if is_blank(section) and fills_in(info, government=government) is not None:
        node.paras.append(phrases.PENDING)
    return node
