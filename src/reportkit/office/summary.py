"""Many units' checked files → the office's own summary data file.

The office picks the units to add up (those without errors, of one year), the
figures are summed by :func:`reportkit.office.aggregate.aggregate` (the leaves are
added, every total is computed through the declared identities), and the result
is written as an ordinary data file of the era: it validates and renders like
any unit's report. Its unit is the office; its prose is left as placeholders
that the office replaces with its own words before publishing.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ruamel.yaml.comments import CommentedMap

from reportkit import provenance, yamlfile
from reportkit.characters import comparable, describe
from reportkit.eras import Era, get_era
from reportkit.eras.introspect import fields_by_alias
from reportkit.eras.model import UnitLevel
from reportkit.errors import DataError, PartialError, UsageError, format_path, internal_error
from reportkit.i18n import _
from reportkit.loading import Checked, check_text
from reportkit.office.aggregate import Aggregate, aggregate
from reportkit.office.batch import FileCheck
from reportkit.phrases import placeholder

__all__ = ["Compilation", "Excluded", "Office", "summarise"]


@dataclass(frozen=True)
class Office:
    """The office publishing the summary: the 单位 of the summary data file."""

    full_name: str | None = None
    short_name: str | None = None
    voice: str | None = None
    level: str | None = None

    def unit(self) -> dict[str, str]:
        name = self.full_name or placeholder("汇总单位全称")
        return {
            "全称": name,
            "简称": self.short_name or self.full_name or placeholder("汇总单位简称"),
            "自称": self.voice or "本地区",
            "层级": self.level or "县级人民政府",
        }


@dataclass(frozen=True)
class Excluded:
    """A file left out of the sum, and why."""

    check: FileCheck
    reason: str

    @property
    def line(self) -> str:
        """The file, its unit when it could be read, and why it was left out, in one line."""
        unit = _("（{unit}）").format(unit=self.check.unit) if self.check.unit else ""
        return _("未计入 {file}{unit}：{reason}").format(
            file=self.check.file, unit=unit, reason=self.reason
        )


@dataclass
class Compilation:
    """The outcome of summing one year's files: what was added up, what was not, and the
    summary data file."""

    year: int
    era: Era
    included: list[FileCheck]
    excluded: list[Excluded]
    aggregate: Aggregate
    text: str = ""
    checked: Checked | None = None
    results: list[FileCheck] = field(default_factory=list)
    """Every file's check result, included or not, in the order given."""

    @property
    def missed(self) -> list[Excluded]:
        """The units' files left out (an earlier summary in the folder is left out as a
        matter of course, not missed)."""
        return _missed(self.excluded)


def _missed(excluded: list[Excluded]) -> list[Excluded]:
    return [e for e in excluded if e.check.made_by != "aggregate"]


def _select(
    results: Sequence[FileCheck], year: int | None
) -> tuple[int, Era, list[FileCheck], list[Excluded]]:
    """The year summed, its era, the files added up and the files left out (with reasons)."""
    excluded: list[Excluded] = []
    valid: list[FileCheck] = []
    for result in results:
        if result.made_by == "aggregate":  # an earlier summary in the same folder
            excluded.append(
                Excluded(result, _("是 reportkit aggregate 生成的汇总数据文件，不是单位的报告"))
            )
        elif result.errors:
            first = result.errors[0]
            where = f"{format_path(first.path)}: " if first.path else ""
            count = len(result.errors)
            more = _("（共 {count} 处错误）").format(count=count) if count > 1 else ""
            status = result.status.text
            if first.message.startswith(status):  # "YAML 格式错误：…" says it already
                reason = f"{where}{first.message}{more}"
            else:
                reason = _("{status}：{where}{message}{more}").format(
                    status=status, where=where, message=first.message, more=more
                )
            excluded.append(Excluded(result, reason))
        elif result.data is None or result.year is None or result.era is None:
            excluded.append(Excluded(result, _("未能读出报告数据")))
        else:
            valid.append(result)
    if not valid:
        raise UsageError(_("没有可以汇总的数据文件：每个文件都有错误，请先用 reportkit check 查看"))
    if year is None:
        years = Counter(r.year for r in valid)
        if len(years) > 1:
            counts = _("，").join(
                _("{year} 年度 {count} 个").format(year=y, count=n)
                for y, n in sorted(years.items())
                if y
            )
            raise UsageError(
                _("这些文件属于不同年度（{counts}），请用 --year 指定汇总哪一年度").format(
                    counts=counts
                )
            )
        year = int(next(iter(years)) or 0)
    chosen = [r for r in valid if r.year == year]
    for result in valid:
        if result.year != year:
            excluded.append(
                Excluded(
                    result,
                    _("是 {found} 年度的报告，不是 {year} 年度").format(
                        found=result.year, year=year
                    ),
                )
            )
    if not chosen:
        raise UsageError(_("没有 {year} 年度的数据文件可以汇总").format(year=year))
    era = get_era(str(chosen[0].era))

    # The same unit twice would be counted twice: none of its files is added up. Names are
    # compared as a reader sees them: ＡＢ镇 is AB镇, 示例\u200b镇 is 示例镇.
    def same(result: FileCheck) -> str:
        return comparable(result.unit or "")

    names = Counter(same(r) for r in chosen)
    kept = []
    twice: list[Excluded] = []
    for result in chosen:
        if names[same(result)] > 1:
            others = _("、").join(
                r.file for r in chosen if same(r) == same(result) and r is not result
            )
            reason = _("与 {others} 是同一单位（全称“{unit}”），都未计入").format(
                others=others, unit=result.unit
            )
            hidden = describe(result.unit or "")
            twice.append(Excluded(result, f"{reason}（{hidden}）" if hidden else reason))
        else:
            kept.append(result)
    excluded.extend(twice)
    if not kept:  # which files, and the hidden character that made two names one
        lines = "".join(f"\n{e.line}" for e in twice)
        raise UsageError(_("没有可以汇总的数据文件：每个单位都提交了不止一个文件") + lines)
    order = {id(r): i for i, r in enumerate(results)}
    excluded.sort(key=lambda e: order[id(e.check)])
    return year, era, kept, excluded


def _sum(era: Era, included: list[FileCheck], excluded: list[Excluded]) -> Aggregate:
    """The sum of the included files; a file that trips a bug is moved to ``excluded``.

    Only when the whole sum fails is each file tried alone, to find the ones to blame.
    """
    with contextlib.suppress(Exception):  # each file is tried alone below, the cause said
        return aggregate(era, [r.data for r in included if r.data is not None])
    kept = []
    for result in included:
        try:
            aggregate(era, [result.data or {}])
        except Exception as exc:
            excluded.append(Excluded(result, internal_error(exc)))
        else:
            kept.append(result)
    if not kept:
        raise UsageError(_("没有可以汇总的数据文件：每个文件汇总时都出错，请报告此问题"))
    included[:] = kept
    return aggregate(era, [r.data for r in kept if r.data is not None])


def _merge(into: dict[str, Any], data: Mapping[str, Any]) -> None:
    for key, value in data.items():
        if isinstance(value, Mapping) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def _plain(value: Any) -> Any:
    """A dumped value as the YAML file shows it; a row of figures on one line."""
    if isinstance(value, Mapping):
        converted = ((k, _plain(v)) for k, v in value.items() if v is not None)
        node = CommentedMap((k, v) for k, v in converted if v != [] and v != {})
        if node and all(isinstance(v, int | Decimal) for v in node.values()):
            node.fa.set_flow_style()
        return node
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _document(era: Era, year: int, office: Office, figures: Mapping[str, Any]) -> dict[str, Any]:
    """The summary data file's content, in the order the era's model lists its fields."""
    unit = office.unit()
    government = unit["层级"] in {level.value for level in UnitLevel if level.is_government}
    data: dict[str, Any] = {"年度": year, "单位": unit, **era.summary_prose(government)}
    _merge(data, figures)
    model = era.model
    dumped = model.model_validate(data).model_dump(by_alias=True, exclude_none=True)
    by_key = fields_by_alias(model)
    for key in ("落款", "百分比"):  # at their defaults: left out, as a clerk's file would
        default = by_key[key][1].get_default(call_default_factory=True)
        if dumped.get(key) == default.model_dump(by_alias=True, exclude_none=True):
            dumped.pop(key)
    return dumped


def _dated(document: CommentedMap, year: int) -> CommentedMap:
    """``document`` with a blank 成文日期 after 单位 for the office to fill (a draft prints
    【待填写】 there; validate names it until it is filled)."""
    signoff = document.get("落款")
    if not isinstance(signoff, CommentedMap):
        signoff = CommentedMap()
        document.insert(list(document).index("单位") + 1, "落款", signoff)
    if signoff.get("日期") is None:
        signoff["日期"] = None
        signoff.yaml_add_eol_comment(f"成文日期，正式报告必填，如 {year + 1}-01-20", "日期")
    return document


def summarise(
    results: Sequence[FileCheck],
    *,
    office: Office,
    year: int | None = None,
    name: str = "summary.yaml",
    allow_partial: bool = False,
) -> Compilation:
    """Add up the files without errors of one year (``year``, or the only one there is).

    Files with errors, of another year, or a second file of the same unit are left out:
    PartialError naming each with its reason, unless ``allow_partial``, when the summary
    is made of the rest and its header lists them. The summary data file is checked like
    any other; an error in it is a bug in reportkit, raised as DataError.
    """
    year, era, included, excluded = _select(results, year)
    summed = _sum(era, included, excluded)
    order = {id(r): i for i, r in enumerate(results)}
    excluded.sort(key=lambda e: order[id(e.check)])
    # An earlier summary in the folder is left out as a matter of course, not a unit missed.
    missed = _missed(excluded)
    if missed and not allow_partial:
        lines = [e.line for e in excluded]
        lines.append(
            _(
                "{count} 个文件未能计入，未生成汇总。请改正后重新运行；确需只汇总其余 {units} "
                "个单位时加 --allow-partial（汇总文件中会列出未计入的文件和单位）。"
            ).format(count=len(missed), units=len(included))
        )
        raise PartialError("\n".join(lines))
    header = [
        provenance.summary_line(year, len(included)),
        f"{year} 年度政府信息公开工作年度报告汇总数据（{era.name} 年版格式，{era.schema}），"
        "由 reportkit aggregate 生成；再次汇总时不计入。",
        f"表格中的数字为 {len(included)} 个单位之和，“总计”按各单位报告的同一套勾稽关系计算。",
    ]
    if missed:
        header.append(
            f"部分汇总：另有 {len(missed)} 个文件未计入，本汇总不含这些单位的数字"
            "（原因也见同名 .xlsx 的“校验结果”工作表）："
        )
        header.extend(f"  {e.line}" for e in missed)
    header.extend(f"  {e.line}" for e in excluded if e not in missed)
    header.append(
        "请把【待填写：……】处换成本级的文字，在“落款”下填写成文日期，"
        "再运行 reportkit validate 本文件 检查、reportkit render 本文件 生成报告。"
    )
    text = yamlfile.dump(_dated(_plain(_document(era, year, office, summed.data)), year), header)
    # A draft until the office writes its prose and dates it: checked as one (its blanks are
    # warnings here, errors when the office validates or renders the finished file).
    checked = check_text(text, name, draft=True)
    if not checked.ok:
        raise DataError(checked.problems, name)
    return Compilation(year, era, included, excluded, summed, text, checked, results=list(results))
