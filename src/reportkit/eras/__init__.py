"""What each era of the rules is: one :class:`Era` record per era, and the year → era registry.

An era is named after the year its rules were issued (formats.md §1): ``2007`` (Art. 32
of the 2007 条例, reports for 2008–2018), ``2019`` and ``2021`` (Art. 50 of the 2019
条例, the formats of 2019 and 2021). Everything the rest of reportkit asks about an
era — its model, identities, deadlines, tables, context builder, summary prose,
template and schema names — is a field of its record, defined in the era's own
module (:mod:`.art32` for 2007; :mod:`.era2019` and :mod:`.era2021`, which share
the Art. 50 outline of :mod:`.art50`).

**Only the era in use is imported.** The registry below names each era, its years and
where its record is; an era's module (and its pydantic models) is imported the first
time its record is asked for. This module itself imports nothing heavy, so the command
line can list the eras in ``--help`` without loading any.

Adding an era is one module that defines its ``ERA`` record and one :class:`Registration`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reportkit.i18n import _

if TYPE_CHECKING:
    from reportkit.datapath import Cell
    from reportkit.eras.model import ReportBase, UnitLevel
    from reportkit.errors import Problem
    from reportkit.identities import Identity
    from reportkit.outline import Node

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "REGISTRY",
    "CarryNote",
    "Continuity",
    "Era",
    "KeyedList",
    "ProseFigure",
    "Registration",
    "ScaledAmount",
    "Table",
    "all_eras",
    "describe_eras",
    "era_for_year",
    "era_names",
    "era_of",
    "get_era",
    "no_era_for_year",
    "registration",
    "registration_for_year",
    "unknown_era",
    "years_of",
]


@dataclass(frozen=True)
class Table:
    """A statistical table of an era: the report section that holds it and how it is shown."""

    section: str  # the data-file key of the section: "依申请公开"
    number: str  # 表一, 表二, 表三
    block: str  # the block kind a template prints it at: "table2"
    short: str  # a short name, for a workbook sheet: "依申请公开"
    corner: str = ""
    """What the official table prints above its row labels: 表一 信息内容, 表二 the 勾稽 note."""
    heading: str = ""
    """What it prints above all its figure columns: 表二 申请人情况."""
    across: bool = False
    """The table's lines are printed side by side as one row (表三): a workbook gives each
    unit a row under the official header."""

    @property
    def title(self) -> str:
        """The table's number and short name: 表二 依申请公开."""
        return f"{self.number} {self.short}"


@dataclass(frozen=True)
class CarryNote:
    """What a data file carried over from an earlier era's report says about one moved cell."""

    path: Cell  # the key the comment goes on, as a path in the new file
    comment: str  # the comment beside that key
    note: str  # the line in the file's header


@dataclass(frozen=True)
class KeyedList:
    """A list whose items each unit names itself (the 2007 era's categories): units are
    summed item by item, matched by name."""

    path: Cell  # the list: ("主动公开", "分类")
    name: str  # an item's name: "名称"
    count: str  # an item's figure: "条数"
    total: Cell  # the figure the items add up to: ("主动公开", "总数")
    unnamed: str  # the item that takes the total of a unit that lists no items


@dataclass(frozen=True)
class ScaledAmount:
    """An amount whose unit of money is stated beside it (the 2019 era's 采购总金额):
    brought to one unit before units are summed."""

    row: Cell  # the row holding both: ("主动公开", "政府集中采购")
    amount: str  # "采购总金额"
    unit: str  # "单位"
    scale: Mapping[str, int]  # unit → how many of the smallest unit it is


@dataclass(frozen=True)
class ProseFigure:
    """Where the data holds a quantity the clerk's prose may state (:mod:`reportkit.prose`
    names the quantities): the sum of some cells of the completed data."""

    label: str  # where a clerk finds it: 表二“（一）予以公开”的“总计”
    cells: tuple[Cell, ...]  # summed: 不予公开 is the sum of its reasons' rows


@dataclass(frozen=True)
class Continuity:
    """A row of Table 1 whose year-end figure follows from last year's: last year's
    ``in_force`` + this year's ``issued`` − this year's ``repealed`` = this year's ``in_force``."""

    row: Cell  # the row: ("主动公开", "规章")
    label: str  # as printed: 表一“规章”
    issued: str  # "本年制发件数"
    repealed: str  # "本年废止件数"
    in_force: str  # "现行有效件数"

    @property
    def key(self) -> str:
        """The row's key in ``上年参照.现行有效``: the row's own data-file key."""
        return str(self.row[-1])


@dataclass(frozen=True, eq=False)
class Era:
    """Everything reportkit knows about one era of the rules."""

    model: type[ReportBase]
    """The report model: the data file's outline, every field and its description."""
    headings: Mapping[str, str]
    """The wording of the outline: default first-level headings, by data-file key, in order."""
    identities: Callable[[Mapping[str, Any]], list[Identity]]
    """The identities that govern one report's data (list lengths decide some of them)."""
    context: Callable[[ReportBase, Mapping[str, Any]], tuple[list[Node], dict[str, Any]]]
    """The report's body as sections (:mod:`reportkit.outline`) and what else a template
    prints (tables, figures), from the report and its data dumped by alias."""
    deadlines: Mapping[UnitLevel, tuple[int, int]]
    """Kind of body → (month, day) of the year after the report year."""
    summary_prose: Callable[[bool], dict[str, Any]]
    """Placeholders for the prose of an upper-level office's summary data file, given whether
    the office publishes for a 人民政府 (which has more to write)."""
    tables: tuple[Table, ...] = ()
    """The statistical tables, in order (none in an era of free prose)."""
    keyed_lists: tuple[KeyedList, ...] = ()
    """Lists aggregated item by item, matched by the name each unit gives an item."""
    scaled_amounts: tuple[ScaledAmount, ...] = ()
    """Amounts whose unit of money each unit chooses, brought to one unit when aggregated."""
    checks: tuple[Callable[[ReportBase], list[Problem]], ...] = ()
    """Plausibility checks of the era's own (beyond identities, blanks and deadlines)."""
    regulations: Cell | None = None
    """Table 1's 规章 row, which a 乡镇 or 街道 leaves at 0."""
    carried_in: Cell | None = None
    """The row that should equal last year's :attr:`carried_over`."""
    carried_over: Cell | None = None
    """The row carried over into next year's report."""
    carried_from: Mapping[str, tuple[CarryNote, ...]] = field(default_factory=dict)
    """Earlier era → what a file carried over from that era's report is told."""
    deadline_key: str | None = None
    """The data-file key where a report states its own publication deadline, if it may."""
    starter_lists: tuple[str, ...] = ()
    """Keys of lists that a new, blank data file shows with one blank item to fill in."""
    prose_figures: Mapping[str, ProseFigure] = field(default_factory=dict)
    """Quantity named in prose (新收, 予以公开, 行政复议…) → the cells that hold it, for
    comparing the clerk's text with the tables; a quantity the era lacks is not compared."""
    continuity: tuple[Continuity, ...] = ()
    """Table 1's rows whose 现行有效 carries on from last year's (year-on-year check)."""
    topic_headings: Mapping[Cell, str] = field(default_factory=dict)
    """The default headings of the sub-topics under a first-level section, by data path:
    ("总体情况", "考核评议追责") → 工作考核、社会评议和责任追究结果情况."""
    indicators: Mapping[str, Cell] = field(default_factory=dict)
    """An era of free prose: the indicators (统计指标) of the statistical table its reports
    often append (附表: 统计指标 | 单位 | 统计数), as printed → the cell holding each."""

    @property
    def name(self) -> str:
        """The era's name: the year its rules were issued."""
        return self.model.ERA

    @property
    def years(self) -> tuple[int, int]:
        """The first and last report year the era governs."""
        return years_of(self.name)

    @property
    def template(self) -> str:
        """The file name of the era's shipped .docx template."""
        return f"era-{self.name}.docx"

    @property
    def schema(self) -> str:
        """The file name of the era's JSON Schema."""
        return f"era-{self.name}.schema.json"

    def table(self, section: str) -> Table | None:
        """The table held by ``section`` (a data-file key), if that section is a table."""
        return next((t for t in self.tables if t.section == section), None)

    def cell_label(self, cell: Cell) -> str:
        """A cell as the printed report names it (表二“（一）予以公开”行“总计”列), or its
        data-file path in quotes when it is no cell of a table."""
        table = self.table(str(cell[0])) if cell else None
        if table is not None:
            from reportkit.eras.tables import cell_label

            found = cell_label(self.model, table.number, table.section, cell)
            if found:
                return found
        from reportkit.errors import format_path

        return f"“{format_path(cell)}”"


@dataclass(frozen=True)
class Registration:
    """One era in the registry: its name, its report years and where its record is."""

    name: str
    first_year: int
    last_year: int
    record: str  # "module:attribute" of the Era record, imported on first use


FIRST_YEAR = 2008
"""The first report year under any era (the 2007 条例 took effect on 2008-05-01)."""
LAST_YEAR = 2100
"""The last report year a report model accepts: the newest era runs "from its year on"."""

REGISTRY: list[Registration] = [
    Registration("2007", FIRST_YEAR, 2018, "reportkit.eras.art32:ERA"),
    Registration("2019", 2019, 2020, "reportkit.eras.era2019:ERA"),
    Registration("2021", 2021, LAST_YEAR, "reportkit.eras.era2021:ERA"),
]
"""Every era, oldest first (formats.md §1). The test suite adds one to prove the claim above."""

_LOADED: dict[str, Era] = {}


def _load(entry: Registration) -> Era:
    era = _LOADED.get(entry.record)
    if era is None:
        module, _sep, attribute = entry.record.partition(":")
        # __import__ (the import statement's way), so that `python -X importtime` lists it.
        era = getattr(__import__(module, fromlist=[attribute]), attribute)
        if not isinstance(era, Era) or era.name != entry.name:  # a registry typo, not user input
            raise TypeError(f"{entry.record} is not the Era record of era {entry.name}")
        _LOADED[entry.record] = era
    return era


def era_names() -> list[str]:
    """The names of the eras, oldest first (no era module is imported)."""
    return [entry.name for entry in REGISTRY]


def registration(name: str) -> Registration | None:
    """The registry entry of the era called ``name``, if there is one."""
    return next((entry for entry in REGISTRY if entry.name == name), None)


def years_of(name: str) -> tuple[int, int]:
    """The first and last report year of the era called ``name``."""
    entry = registration(name)
    if entry is None:
        raise KeyError(name)
    return entry.first_year, entry.last_year


def registration_for_year(year: int) -> Registration | None:
    """The registry entry of the era that governs ``year`` (no era module is imported)."""
    return next((e for e in REGISTRY if e.first_year <= year <= e.last_year), None)


def no_era_for_year(year: int) -> str:
    """The message for a report year that no era governs, listing the years that have one."""
    return _("{year} 年度没有适用的报告格式（{eras}）").format(year=year, eras=describe_eras())


def unknown_era(name: str) -> str:
    """The message for an era that does not exist, listing those that do."""
    return _("没有 {era} 年版格式；可选：{eras}").format(era=name, eras=_("、").join(era_names()))


def get_era(name: str) -> Era:
    """The record of the era called ``name``; UsageError (with :func:`unknown_era`) if none."""
    entry = registration(name)
    if entry is None:
        from reportkit.errors import UsageError

        raise UsageError(unknown_era(name))
    return _load(entry)


def era_for_year(year: int) -> Era | None:
    """The era whose outline governs a report for ``year``, or None when none does (yet)."""
    entry = registration_for_year(year)
    return _load(entry) if entry is not None else None


def era_of(report: ReportBase) -> Era:
    """The era of a report (its model names it)."""
    return get_era(report.ERA)


def all_eras() -> list[Era]:
    """Every era's record, oldest first (imports every era)."""
    return [_load(entry) for entry in REGISTRY]


def describe_eras(entries: Sequence[Registration] | None = None) -> str:
    """The supported years and their eras, as a clerk reads them."""
    spans = []
    for entry in REGISTRY if entries is None else entries:
        first, last, era = entry.first_year, entry.last_year, entry.name
        if last == LAST_YEAR:
            span = _("{first} 年度起用 {era} 年版格式").format(first=first, era=era)
        else:
            span = _("{first}—{last} 年度用 {era} 年版格式").format(first=first, last=last, era=era)
        spans.append(span)
    return _("；").join(spans)
