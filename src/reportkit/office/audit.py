"""``reportkit audit``: a published report checked as it was published.

The report is imported (:mod:`reportkit.importing`), then checked by the same rules as
``validate`` (identities, prose against the tables, deadline, 规章 of a 乡镇, the period,
last year's text) — never a second checker. What only a *published* report can get wrong
is added here: a 总计 printed blank whose parts are not all 0 (``blank-total``), first-level
headings numbered with a gap or twice (``numbering``), headings, outline sentences or table
headers of another era (``other-era``), a mandated section absent (``missing-section``), a
publication date after the deadline (``late``, from the page's 发布日期 as well as the
sign-off). Every finding names where it is in the source (paragraph, or table, row and
column, as the importer recorded it) and both values.

A figure the importer could not place is never read as 0: a statement in the text about a
cell that was not read from the source is left unchecked, and the result says how much of
the report could not be read.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from functools import partial
from pathlib import Path
from typing import Any

from reportkit import checks, datapath, identities, provenance, yearonyear
from reportkit.datapath import Cell
from reportkit.eras import Era, all_eras
from reportkit.eras.introspect import fields_by_alias, model_at
from reportkit.eras.model import Filling, ReportBase, fill_kind
from reportkit.eras.tables import table_lines
from reportkit.errors import (
    NotImportable,
    Problem,
    ReportkitError,
    Severity,
    format_path,
    internal_error,
)
from reportkit.i18n import _
from reportkit.importing import Document, Grid, Imported, Paragraph, read, recognise
from reportkit.importing.document import squash
from reportkit.importing.recognise import (
    ASSESSMENT_WORDS,
    SECTION_WORDS,
    heading,
    label,
    same_label,
)
from reportkit.importing.writing import AsRead, as_read, to_yaml_unannotated
from reportkit.loading import Checked, check_data, check_text
from reportkit.office.batch import run_all

__all__ = ["Audit", "audit_file", "audit_files", "audit_one", "collect_reports"]

REPORT_SUFFIXES = (".html", ".htm", ".docx", ".pdf", ".txt")
"""What a folder is searched for: the kinds of file import reads."""

_DROPPED = {"unfilled", "missing", "normalised", "stale-year"}
"""validate's codes that help a clerk draft, not an evaluator judge: what is still to type
(a published report's blanks are findings only where the figures require them:
``blank-total``, ``missing-section``), and an earlier year named in the text (in a published
report usually history: “我市于2008年4月成立”)."""

_STATED = {"prose-figure", "prose-percent"}
_SHARE_WHOLES = ("办结", "新收", "上年结转")
"""The quantities a stated share may be of (:func:`reportkit.prose.compare` tries each)."""

_CN = "〇一二三四五六七八九"
_DATED = (
    r"(?:日期|时间)\s*[:：|｜丨]?\s*"  # 发布日期: 2021-01-28, or its cell: 发布日期 | 2021-01-28
    r"([0-9]{4})\s*[-年/.]\s*([0-9]{1,2})\s*[-月/.]\s*([0-9]{1,2})"
)
_PUBLISHED = (
    re.compile(r"(?:发布|公开)" + _DATED),
    re.compile(r"(?:^|[|｜丨])(?=时间)" + _DATED),
    re.compile(r"(?:发文|成文)" + _DATED),
)
"""The dates a page prints, the one it was published on first: a 成文日期 printed before
it (metadata tables often do) is only when the report was written. A bare 时间: is read
only where it opens a line or a cell of the page's metadata (作者:… | 时间:2019-01-18). The
date may be the next cell of a metadata table (发布日期 | 2021-01-28)."""
_BARE_TIME = _PUBLISHED[1]
_BARE_TIME_PLAIN = re.compile(r"(?:^|[\s|｜丨])(?=时间)" + _DATED + r"(?=[\s|｜丨]|$)")
"""The same in a page's text with its tags made spaces: a whole element (or cell) of its
own, not the start of a sentence (时间：2022-02-15，我乡召开……)."""
_OUTLINE_SENTENCE = re.compile(r"报告.{0,20}(?:组成|包括|分为|由)")


@dataclass
class Audit:
    """One report's audit: what it is, its findings, and what could not be read."""

    file: str
    era: str | None = None
    year: int | None = None
    unit: str | None = None
    level: str | None = None
    published: dt.date | None = None
    deadline: dt.date | None = None
    """The publication deadline for the unit's level (or the one the report states)."""
    findings: list[Problem] = field(default_factory=list)
    unplaced: int = 0
    """How many parts of the report the importer could not place (their figures unchecked)."""
    failure: str | None = None
    """Why the file could not be audited at all (not a report, a PDF without text…)."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.findings if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.findings if not p.is_error]

    @property
    def late(self) -> bool:
        return any(p.code == "late" for p in self.findings)

    @property
    def copied(self) -> int | None:
        """The highest share (%) of a section's text found in last year's report, if compared."""
        shares = [p.details.get("share") for p in self.findings if p.code == "copied-share"]
        numbers = [int(s) for s in shares if isinstance(s, int | float | str)]
        return max(numbers) if numbers else None

    @property
    def failed(self) -> bool:
        return self.failure is not None or bool(self.errors)


def _origin(found: Imported, path: Sequence[Any]) -> str:
    """Where a data path came from in the source: its own origin, else its nearest part's."""
    path = tuple(path)
    for end in range(len(path), 0, -1):
        here = found.origins.get(path[:end])
        if here:
            return here
        here = found.origins.get((*path[:end], "正文"))
        if here:
            return here
    return ""


def _finding(
    imported: Imported, problem: Problem, name: str, where: str | None = None, **values: Any
) -> Problem:
    details = dict(problem.details)
    details["where"] = where if where is not None else _origin(imported, problem.path)
    details.update({k: v for k, v in values.items() if v is not None})
    return dataclasses.replace(problem, file=name, line=None, column=None, details=details)


# --- what validate already checks, as published -------------------------------------------


def _read_cells(found: Imported) -> set[Cell]:
    return {tuple(path) for path in found.origins}


def _unknown(found: Imported, declared: Sequence[identities.Identity]) -> list[Cell]:
    """The cells of the identities the published report did not give — a table or row the
    importer could not place, a cell printed with something that is no figure — and every
    total that would be worked out from one. Unknown, never 0 or blank: nothing that reads
    one is compared. A cell printed blank was read (as blank)."""
    blank = {tuple(p) for p, _w in found.blanks}
    cells = {cell for identity in declared for cell in identity.cells} - blank
    unread = {cell for cell in cells if not datapath.is_figure(datapath.get(found.data, cell))}
    return checks.tainted(declared, sorted(unread, key=str)) if unread else []


def _was_read(found: Imported, read_cells: set[Cell], cell: Cell) -> bool:
    """Whether the published report gave ``cell`` a figure: the importer notes where each table
    row came from (not each cell), so a cell counts as read when its row was and it holds one."""
    if cell not in read_cells and cell[:-1] not in read_cells:
        return False
    return datapath.is_figure(datapath.get(found.data, cell))


def _mandated_topic(found: Imported, path: Sequence[Any], text: str) -> bool:
    """Whether ``path`` is a sub-topic this body's report must have that it left out: one
    the model declares a 人民政府's (:attr:`Filling.GOVERNMENT`), in a 人民政府's report —
    validate calls it unfilled, a published report lacks it — and that the report's
    ``text`` does not report under another heading either."""
    cell = tuple(path)
    if cell not in found.era.topic_headings or any(w in text for w in ASSESSMENT_WORDS):
        return False
    parent = model_at(found.era.model, cell[:-1])
    entry = fields_by_alias(parent).get(str(cell[-1])) if parent is not None else None
    return entry is not None and fill_kind(entry[1]) is Filling.GOVERNMENT


def _sub_headings(node: Any, depth: int = 0) -> Iterable[str]:
    """The headings below the first level in imported data: each part's 标题, and the
    headings kept as lines of a section's 正文 (a part of the writer's own)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "标题" and depth > 0 and isinstance(value, str):
                yield value
            elif key == "正文" and isinstance(value, str):
                for line in value.split("\n"):
                    if (found := heading(line)) is not None:
                        yield found[1]
            else:
                yield from _sub_headings(value, depth + 1)
    elif isinstance(node, list):
        for item in node:
            yield from _sub_headings(item, depth)


def _reported_under_another(found: Imported, key: str) -> bool:
    """Whether a mandated section the report has no part of is reported under another
    heading all the same: a sub-heading elsewhere with its words (the 2007-era outlines of
    Beijing and Shanghai put 收费及减免 under 依申请公开 or 人员和收支情况)."""
    words = next((w for k, w in SECTION_WORDS if k == key), ())
    return any(w in squash(t) for t in _sub_headings(found.data) for w in words)


def _validate_findings(
    found: Imported,
    report: ReportBase | None,
    problems: Sequence[Problem],
    name: str,
    identity_findings: Sequence[Problem] | None = None,
    text: str = "",
) -> list[Problem]:
    """validate's problems as findings in the source; its identity problems replaced by
    ``identity_findings`` when given (those that read no unknown cell). ``text``: the
    report's whole text (a mandated topic may be reported under another heading)."""
    read_cells = _read_cells(found)
    blank = {tuple(p) for p, _w in found.blanks}
    out = []
    for p in problems:
        if p.code == "missing" and len(p.path) == 1 and p.path[0] in found.era.headings:
            if _reported_under_another(found, str(p.path[0])):
                continue
            section = found.era.headings[str(p.path[0])]
            out.append(
                _finding(
                    found,
                    dataclasses.replace(
                        p,
                        code="missing-section",
                        message=_("报告没有“{section}”这一部分（条例要求的内容）").format(
                            section=section
                        ),
                    ),
                    name,
                    where=_("全文"),
                    found=_("无此部分"),
                    expected=section,
                )
            )
            continue
        if p.code == "unfilled" and _mandated_topic(found, p.path, text):
            topic = found.era.topic_headings[tuple(p.path)]
            out.append(
                _finding(
                    found,
                    dataclasses.replace(
                        p,
                        code="missing-section",
                        severity=Severity.ERROR,
                        message=_(
                            "人民政府的报告没有“{topic}”（条例第五十条第（四）项要求的内容）"
                        ).format(topic=topic),
                    ),
                    name,
                    where=_("全文"),
                    found=_("无此部分"),
                    expected=topic,
                )
            )
            continue
        if p.code in _DROPPED:
            continue
        if p.code in _STATED:
            cells = _quantity_cells(found.era, str(p.details.get("quantity", "")))
            if cells and p.code == "prose-percent":  # a share of a whole: the whole read too
                cells += tuple(c for q in _SHARE_WHOLES for c in _quantity_cells(found.era, q))
            if not cells or any(not _read_or_summed(found, read_cells, blank, c) for c in cells):
                continue  # the table's cell was not read: nothing to compare the text with
            out.append(
                _finding(
                    found,
                    p,
                    name,
                    found=f"{p.details.get('stated')}%"
                    if p.code == "prose-percent"
                    else p.details.get("stated"),
                    expected=p.details.get("table"),
                    cell=format_path(cells[0]),
                )
            )
            continue
        if p.code == "identity" and identity_findings is not None:
            continue
        if p.code == "period":
            out.append(_finding(found, p, name, **_period_values(found)))
            continue
        out.append(_finding(found, p, name))
    out += [_finding(found, p, name) for p in identity_findings or ()]
    return out


def _period_values(found: Imported) -> dict[str, str]:
    """The misprinted end(s) of the statistics period as printed, and as the year has them."""
    period = found.data.get("统计期限") or {}
    year = int(found.data["年度"])
    wrong = [
        (printed, wanted)
        for printed, wanted in (
            (period.get("起"), dt.date(year, 1, 1)),
            (period.get("止"), dt.date(year, 12, 31)),
        )
        if isinstance(printed, dt.date) and printed != wanted
    ]
    if not wrong:
        return {}
    return {
        "found": " / ".join(p.isoformat() for p, _w in wrong),
        "expected": " / ".join(w.isoformat() for _p, w in wrong),
    }


def _one_per_row(findings: Sequence[Problem], code: str) -> list[Problem]:
    """One finding of ``code`` per table row (a row's cells are one mistake)."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for p in findings:
        if p.code == code:
            if p.path[:-1] in seen:
                continue
            seen.add(p.path[:-1])
        out.append(p)
    return out


def _quantity_cells(era: Era, quantity: str) -> tuple[Cell, ...]:
    """The cells the text's figure of ``quantity`` is compared with (予以公开及部分公开: the
    two rows', as validate sums them)."""
    if quantity == "予以公开及部分公开":
        granted, partly = _quantity_cells(era, "予以公开"), _quantity_cells(era, "部分公开")
        return granted + partly if granted and partly else ()
    figure = era.prose_figures.get(quantity)
    return tuple(figure.cells) if figure is not None else ()


def _read_or_summed(found: Imported, read_cells: set[Cell], blank: set[Cell], cell: Cell) -> bool:
    """Whether the table gives ``cell`` a figure: printed, or a 总计 printed blank whose parts
    were all printed, as figures or blank (nothing) — validate compared the text with their
    sum; the blank total itself is a ``blank-total``."""
    if cell not in blank:
        return _was_read(found, read_cells, cell)
    declared = found.era.identities(found.data)
    totals = {i.total for i in declared}
    return any(
        identity.total == cell
        and all(
            (c in blank and c not in totals) or _was_read(found, read_cells, c)
            for c in identity.right
        )
        for identity in declared
    )


def _broken(
    era: Era, data: Mapping[str, Any], unknown: Sequence[Cell] = ()
) -> list[dict[str, Any]]:
    """Every broken identity of the figures as printed (none reading an ``unknown`` cell),
    with both sides (for the evaluator)."""
    usable = [i for i in era.identities(data) if not checks.uses(i, unknown)]
    return [
        {
            "identity": v.identity.name,
            "cell": format_path(v.identity.left[0]),
            "left": str(v.left_value),
            "right": str(v.right_value),
        }
        for v in identities.check(data, usable)
    ]


def _as_printed(found: Imported) -> Imported:
    """The report's figures as an evaluator adds them up: a cell printed blank is nothing (0)
    where it is a part, and so is a blank total of such parts; a blank total of other figures
    stays blank (it is a ``blank-total``, and no identity through it is checked)."""
    data = _copied(found.data)
    blanks = {tuple(path) for path, _where in found.blanks}
    declared = found.era.identities(data)
    totals = {i.total for i in declared if i.total is not None}
    for cell in blanks - totals:
        datapath.put(data, cell, 0)
    settled = False
    while not settled:  # totals of totals: to a fixed point
        settled = True
        for identity in declared:
            total = identity.total
            if (
                total in blanks
                and datapath.get(data, total) is None
                and all(datapath.get(data, c) == 0 for c in identity.right)
            ):
                datapath.put(data, total, 0)
                settled = False
    return dataclasses.replace(found, data=data)


_KEPT = (str, int, bool, Decimal, float, dt.date, dt.datetime, type(None))
"""Values nothing changes in place: a copy of the data holds them as they are."""


def _copied(data: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of imported data (its dicts and lists copied, every other value kept as
    it is); :func:`copy.deepcopy` for data of any other kind, or sharing a container."""
    seen: set[int] = set()

    def copied(node: Any) -> Any:
        kind = type(node)
        if kind is dict or kind is list:
            if id(node) in seen:
                raise _Shared
            seen.add(id(node))
            if kind is dict:
                return {key: copied(value) for key, value in node.items()}
            return [copied(item) for item in node]
        if kind in _KEPT:
            return node
        raise _Shared

    try:
        out: dict[str, Any] = copied(data)
    except _Shared:
        return copy.deepcopy(data)
    return out


class _Shared(Exception):
    """Data :func:`_copied` leaves to :func:`copy.deepcopy`."""


def _blank_totals(
    found: Imported, data: Mapping[str, Any], name: str, unknown: Sequence[Cell] = ()
) -> list[Problem]:
    """A 总计 printed blank whose parts are not all 0: the figures require it (one finding
    per cell, though the cell totals both its row and its column; not said when a part was
    not read: what it requires is unknown)."""
    blanks = dict(found.blanks)
    out = []
    said: set[Cell] = set()
    for identity in found.era.identities(data):
        total = identity.total
        if total is None or total not in blanks or total in said or checks.uses(identity, unknown):
            continue
        parts = [datapath.get(data, c) for c in identity.right]
        figures = [p for p in parts if datapath.is_figure(p)]
        if not figures or not sum(figures):
            continue
        wanted = sum(figures)
        said.add(total)
        out.append(
            Problem(
                _("{cell}印为空白，按其各分项应为 {wanted}").format(
                    cell=found.era.cell_label(total), wanted=wanted
                ),
                path=total,
                code="blank-total",
                file=name,
                details={
                    "where": blanks[total],
                    "cell": format_path(total),
                    "found": None,
                    "expected": str(wanted),
                },
            )
        )
    return out


# --- what only a published report can get wrong -------------------------------------------


def _number(text: str) -> int | None:
    """一 → 1 … 十九 → 19 (a first-level heading's number)."""
    digits = {c: i for i, c in enumerate(_CN) if i}
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + digits.get(text[1:], 0) if len(text) == 2 else None
    if len(text) == 1:
        return digits.get(text)
    if len(text) == 2 and text[1] == "十":
        return digits.get(text[0], 0) * 10 or None
    if len(text) == 3 and text[1] == "十":
        return (digits.get(text[0], 0) * 10 + digits.get(text[2], 0)) or None
    return None


_LEVEL1_NUMBER = re.compile(r"^\s*([一二三四五六七八九十]{1,3})\s*[、.．]")


def _first_level(document: Document, era: Era) -> list[tuple[int, str, str]]:
    """(number, heading text, where) of each first-level heading, in order; a table's row
    label read as a line of text (三、本年度办理结果, or 三、本年度办 where a stored page is
    cut) is none."""
    rows = _table_labels(era)
    out = []
    for paragraph in document.paragraphs:
        found = heading(paragraph.text)
        if found is None or found[0] != 1 or _row_label(label(found[1]), rows):
            continue
        match = _LEVEL1_NUMBER.match(paragraph.text)
        number = _number(match.group(1)) if match else None
        if number is not None:
            out.append((number, paragraph.text.strip(), str(paragraph.where)))
    return out


def _row_label(text: str, rows: frozenset[str]) -> bool:
    """Whether a heading's words are a table's row label, or the start of one cut short."""
    return text in rows or (len(text) >= 4 and any(row.startswith(text) for row in rows))


def _numbering(headings: Sequence[tuple[int, str, str]], name: str) -> list[Problem]:
    """A first-level number repeated, or one skipped (each said once; the count resumes)."""
    out = []
    previous = 0
    for number, text, where in headings:
        if number == previous:
            message = _("一级标题“{text}”的序号与上一标题重复，应为“{wanted}、”").format(
                text=text, wanted=_CN_NUMBER(previous + 1)
            )
        elif number > previous + 1 and previous:
            message = _("一级标题“{text}”的序号跳过了“{wanted}、”").format(
                text=text, wanted=_CN_NUMBER(previous + 1)
            )
        else:
            previous = number
            continue
        out.append(
            Problem(
                message,
                code="numbering",
                file=name,
                severity=Severity.WARNING,
                details={
                    "where": where,
                    "found": _CN_NUMBER(number) + "、",
                    "expected": _CN_NUMBER(previous + 1) + "、",
                },
            )
        )
        previous = number
    return out


def _CN_NUMBER(n: int) -> str:
    tens, ones = divmod(n, 10)
    return (_CN[tens] if tens > 1 else "") + ("十" if tens else "") + (_CN[ones] if ones else "")


def _other_headings(era: Era) -> tuple[tuple[Era, str], ...]:
    """Other eras' first-level headings whose section this era's outline does not have."""
    return _foreign_headings(era, tuple(all_eras()))


@functools.cache  # per era (and set of eras registered), not per report
def _foreign_headings(era: Era, eras: tuple[Era, ...]) -> tuple[tuple[Era, str], ...]:
    return tuple(
        (other, text)
        for other in eras
        if other.name != era.name
        for key, text in other.headings.items()
        if key not in era.headings
    )


def _other_era(era: Era, document: Document, name: str) -> list[Problem]:
    """Headings, an outline sentence or table headers of another era's format."""
    out = []
    foreign = _other_headings(era)
    for paragraph in document.paragraphs:
        found = heading(paragraph.text)
        if found is not None and found[0] == 1:
            match = next((o for o in foreign if same_label(found[1], o[1])), None)
            if match is not None:
                out.append(
                    _era_problem(era, match[0], paragraph.text.strip(), str(paragraph.where), name)
                )
            continue
        text = squash(paragraph.text)
        if _OUTLINE_SENTENCE.search(text):
            named = [(o, t) for o, t in foreign if squash(t) in text]
            if named:
                other = named[0][0]
                quoted = next(s for s in text.split("。") if squash(named[0][1]) in s)[:80]
                out.append(_era_problem(era, other, quoted, str(paragraph.where), name))
    out += _other_era_tables(era, document.grids, document.paragraphs, name)
    return out


_LONG_LABEL = 6
"""Shorter labels (单位, 规范性文件) are common words of every era, no sign of one."""


@functools.cache  # per era, not per report
def _table_labels(era: Era) -> frozenset[str]:
    """The long labels (rows and columns) of the era's tables, as compared."""
    labels: set[str] = set()
    for table in era.tables:
        for line in table_lines(era.model, table.section):
            labels.add(label(line.label))
            labels.update(label(column.label) for column in line.columns)
    return frozenset(text for text in labels if len(text) >= _LONG_LABEL)


@functools.cache  # per era (and set of eras registered), not per report
def _foreign_labels(era: Era, eras: tuple[Era, ...]) -> tuple[tuple[Era, frozenset[str]], ...]:
    """Each other era and its table labels that this era's tables do not have."""
    own = _table_labels(era)
    return tuple((o, _table_labels(o) - own) for o in eras if o.name != era.name)


@functools.cache  # per era (and set of eras registered), not per report
def _any_foreign_label(others: tuple[tuple[Era, frozenset[str]], ...]) -> frozenset[str]:
    """Every label of :func:`_foreign_labels`, whichever era's."""
    return frozenset().union(*(labels for _other, labels in others))


def _other_era_tables(
    era: Era, grids: Iterable[Grid], paragraphs: Iterable[Paragraph], name: str
) -> list[Problem]:
    """The first table header of another era's table (said once: one table is one finding).
    Text copied from a page keeps no cell boundaries: a header can be a line of its own."""
    others = _foreign_labels(era, tuple(all_eras()))
    foreign = _any_foreign_label(others)
    out = []
    for paragraph in paragraphs:
        printed = label(paragraph.text)
        if printed not in foreign:
            continue
        other = next((o for o, labels in others if printed in labels), None)
        if printed and other is not None:
            where = str(paragraph.where)
            return [_era_problem(era, other, paragraph.text.strip(), where, name, table=True)]
    for grid in grids:
        for r, row in enumerate(grid.rows, start=1):
            for c, cell in enumerate(row, start=1):
                printed = label(cell)
                if printed not in foreign:
                    continue
                other = next((o for o, labels in others if printed in labels), None)
                if printed and other is not None:
                    where = str(grid.where.cell(r, c))
                    out.append(_era_problem(era, other, cell.strip(), where, name, table=True))
                    break
            else:
                continue
            break
    return out


def _said_once(findings: Sequence[Problem]) -> list[Problem]:
    """Another era's format is one finding per report, naming every place it shows (the
    outline sentence, each heading, a table header)."""
    if len(findings) < 2:
        return list(findings)
    first = findings[0]
    details = {
        **first.details,
        "where": "；".join(str(p.details["where"]) for p in findings),
        "found": " / ".join(str(p.details["found"]) for p in findings),
    }
    more = _("（另有 {n} 处同样的写法：{places}）").format(
        n=len(findings) - 1, places="；".join(str(p.details["found"]) for p in findings[1:])
    )
    return [dataclasses.replace(first, message=first.message + more, details=details)]


def _era_problem(
    era: Era, other: Era, text: str, where: str, name: str, *, table: bool = False
) -> Problem:
    template = (
        _("表格栏目“{text}”是 {other} 年版格式的，本报告应按 {era} 年版格式")
        if table
        else _("“{text}”是 {other} 年版格式的写法，本报告应按 {era} 年版格式")
    )
    return Problem(
        template.format(text=text, other=other.name, era=era.name),
        code="other-era",
        file=name,
        severity=Severity.WARNING,
        details={
            "where": where,
            "found": text,
            "expected": _("{era} 年版格式").format(era=era.name),
        },
    )


def _published(document: Document, source: Path) -> tuple[dt.date, str] | None:
    """The publication date a page prints (发布日期：…; else a bare 时间： of its metadata;
    else 成文日期) and where."""
    plain = None
    if source.suffix.lower() in (".html", ".htm", ".txt"):
        raw = source.read_bytes()[:200_000].decode("utf-8", errors="replace")
        plain = re.sub(r"<[^>]+>|&nbsp;", " ", raw)
    lines = [(squash(p.text), str(p.where)) for p in document.paragraphs[:40]]
    for grid in document.grids[:3]:  # a metadata table: 发布单位 | 区统计局 | 发布日期 | 2015-03-10
        rows = enumerate(grid.rows[:4], start=1)  # a few rows long
        lines += [("|".join(map(squash, row)), str(grid.where.cell(r))) for r, row in rows]
    for pattern in _PUBLISHED:
        for text, where in lines:
            if pattern is _BARE_TIME and (len(text) > 80 or re.search("[。,;]", text)):
                continue  # prose, not the page's metadata
            match = pattern.search(text)
            if match:
                date = _date(match)
                if date is not None:
                    return date, where
        if plain is not None:
            match = (_BARE_TIME_PLAIN if pattern is _BARE_TIME else pattern).search(plain)
            if match and (date := _date(match)) is not None:
                return date, _("页头“{text}”").format(text=match.group(0).strip())
    return None


def _date(match: re.Match[str]) -> dt.date | None:
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def _late(report: ReportBase, published: tuple[dt.date, str] | None, name: str) -> list[Problem]:
    """The publication date after the deadline for the unit's level (the 成文 date is
    checked by validate's own ``late``)."""
    if published is None:
        return []
    date, where = published
    deadline = checks.deadline_for(report)
    if date <= deadline:
        return []
    return [
        Problem(
            _("发布日期 {date} 晚于发布期限 {deadline}").format(
                date=date.isoformat(), deadline=deadline.isoformat()
            ),
            code="late",
            file=name,
            severity=Severity.WARNING,
            details={"where": where, "found": date.isoformat(), "expected": deadline.isoformat()},
        )
    ]


_COUNT = r"((?<![0-9.])[0-9]{1,3}(?:,[0-9]{3})+|(?<![0-9.])(?<![0-9],)[0-9]+)"
"""A count in squashed text, whole: 1,234 (thousands separated) or 1234, never its tail."""
_SHARE = re.compile(_COUNT + r"(件|条)[，,、(]?占[^0-9%，,。；;]{0,8}?([0-9]+(?:\.[0-9]+)?)%")
_FIGURE = re.compile(_COUNT + r"(件|条)")
_PARTS_AFTER = re.compile(r"[，,]?其中")
_TOTAL_BEFORE = re.compile(r"(?:共|全年|总计|合计|累计|总数)[^，,。；;0-9]{0,16}$")
_CLAUSE = re.compile(r"[，,。；;]")
_OF_THE_WHOLE = re.compile(r"在[^，,。；;0-9]{0,8}?信息中|其中")
"""A paragraph's opening that refers to the whole the paragraph before states."""


def _bases(text: str) -> list[tuple[int, int, str]]:
    """(position, value, unit) of each figure the text gives as a whole (共…86条，其中…)."""
    return [
        (m.start(), int(m.group(1).replace(",", "")), m.group(2))
        for m in _FIGURE.finditer(text)
        if _PARTS_AFTER.match(text, m.end())  # the text is squashed: its commas half-width
        or _TOTAL_BEFORE.search(text[max(0, m.start() - 16) : m.start()])
    ]


def _nearest_whole(
    text: str, shared: set[int], before: int, unit: str, count: int
) -> tuple[int, int, str] | None:
    """The nearest count before ``before`` that can be the whole a share is of (答复805件 in
    共受理859件；答复805件(含上年结转18件)。予以公开258件，占32.0%): of the same unit, not
    less than the share's count, neither a share's own count (one of the parts) nor said in
    brackets (an aside)."""
    for m in reversed(list(_FIGURE.finditer(text, 0, before))):
        value = int(m.group(1).replace(",", ""))
        if m.start() in shared or m.group(2) != unit or value < count:
            continue
        if text.count("(", 0, m.start()) > text.count(")", 0, m.start()):
            continue
        return m.start(), value, unit
    return None


def _shares(document: Document, name: str) -> list[Problem]:
    """Printed percentages against the counts and the whole the same paragraph gives (or the
    paragraph before, when this one opens 在…信息中 or 其中 and gives none): a share
    truncated instead of rounded, or wrong; shares of one whole not summing to ~100. The
    whole is the one the text marks (共…N条, N条，其中) and the nearest count before the
    share (:func:`_nearest_whole`); where those differ, a share is wrong only when it is
    wrong against both (said against the nearest)."""
    out = []
    previous = ""
    for paragraph in document.paragraphs:
        text, before = squash(paragraph.text), previous
        previous = text
        if "%" not in text:
            continue  # no share stated
        bases = _bases(text)
        if not bases and _OF_THE_WHOLE.match(text):
            # 在主动公开的信息中，A 37条，占9%…: of the whole the paragraph before states
            bases = [(-1, value, unit) for _at, value, unit in _bases(before)]
        shared = {m.start() for m in _SHARE.finditer(text)}
        groups: dict[int, list[tuple[int, Decimal, bool]]] = {}
        for match in _SHARE.finditer(text):
            count, unit = int(match.group(1).replace(",", "")), match.group(2)
            printed = Decimal(match.group(3))
            marked = next(
                (
                    b
                    for b in reversed(bases)
                    if b[0] < match.start() and b[2] == unit and b[1] >= count
                ),
                None,
            )
            nearest = _nearest_whole(text, shared, match.start(), unit, count)
            wholes = [b[1] for b in (nearest, marked) if b is not None]
            if not wholes or not all(wholes):
                continue
            places = max(0, -int(printed.as_tuple().exponent))
            step = Decimal(1).scaleb(-places)
            exact = Decimal(count) * 100 / Decimal(wholes[0])
            rounded = exact.quantize(step, rounding=ROUND_HALF_UP)
            wrong = all(
                (Decimal(count) * 100 / Decimal(w)).quantize(step, rounding=ROUND_HALF_UP)
                != printed
                for w in wholes
            )
            base = (0, wholes[0], unit)
            if len(set(wholes)) == 1:  # one whole: its shares may be summed
                groups.setdefault(base[1], []).append((count, printed, wrong))
            if not wrong:
                continue
            truncated = exact.quantize(step, rounding=ROUND_DOWN) == printed
            starts = [m.end() for m in _CLAUSE.finditer(text, 0, match.start())]
            quoted = text[starts[-1] if starts else 0 : match.end()]
            message = (
                _(
                    "文中“{quoted}”写占 {printed}%，{count}/{base} 应四舍五入为 {wanted}%"
                    "（原文截断了尾数）"
                )
                if truncated
                else _("文中“{quoted}”写占 {printed}%，按 {count}/{base} 应为 {wanted}%")
            )
            out.append(
                Problem(
                    message.format(
                        quoted=quoted, printed=printed, count=count, base=base[1], wanted=rounded
                    ),
                    code="percentage",
                    file=name,
                    details={
                        "where": str(paragraph.where),
                        "found": f"{printed}%",
                        "expected": f"{rounded}%",
                        "count": count,
                        "base": base[1],
                        "truncated": truncated,
                    },
                )
            )
        for whole, shares in groups.items():
            if len(shares) < 2 or any(w for _c, _p, w in shares):
                continue
            if sum(c for c, _p, _w in shares) != whole:
                continue  # not every part of the whole has its share printed
            total = sum((p for _c, p, _w in shares), Decimal(0))
            places = max(max(0, -int(p.as_tuple().exponent)) for _c, p, _w in shares)
            slack = Decimal(len(shares)) * Decimal(5).scaleb(-places - 1)
            if abs(total - 100) > slack:
                out.append(
                    Problem(
                        _("同一段中各部分的占比之和为 {total}%，不是 100%").format(total=total),
                        code="share-sum",
                        file=name,
                        severity=Severity.WARNING,
                        details={
                            "where": str(paragraph.where),
                            "found": f"{total}%",
                            "expected": "100%",
                        },
                    )
                )
    return out


# --- the whole ----------------------------------------------------------------------------


def _imported(path: Path) -> tuple[Document, Imported]:
    try:
        document = read(path)
        return document, recognise(document)
    except NotImportable as exc:
        if str(exc).startswith(f"{path}:"):
            raise
        raise NotImportable(f"{path}: {exc}") from None


def _checked(found: Imported, name: str) -> Checked:
    """validate's result for the data file import would write (its comments left out: they
    change no finding, and the order of the findings is the order of the parts).

    The file is not written when what reading it gives back is known without it
    (:func:`as_read`): its data is checked as it is, and the problems put in the order the
    text would place them — unless one would be placed by more than its path (a sentence
    it quotes), which only the text can tell."""
    read = as_read(found, name)
    if read is not None:
        checked = check_data(read.data, name, draft=True)
        if all(_placeable(read, p) for p in checked.problems):
            named = [
                p if p.file == name else dataclasses.replace(p, file=name) for p in checked.problems
            ]
            checked.problems = sorted(named, key=lambda p: _rank(read, p))
            checked.made_by = provenance.made_by(read.header)
            return checked
    return check_text(to_yaml_unannotated(found, name), name, draft=True)


def _placeable(read: AsRead, problem: Problem) -> bool:
    """Whether the text would place ``problem`` by its path alone."""
    if problem.line is not None or problem.column is not None:
        return False
    if not read.placeable(problem.path):
        return False
    excerpt = problem.details.get("excerpt")
    return not isinstance(excerpt, str) or read.place(problem.path) is None


def _rank(read: AsRead, problem: Problem) -> int:
    """Where the text would place ``problem``: the unplaced ones first (line 0)."""
    rank = read.place(problem.path)
    return -1 if rank is None else rank


def _identity_findings(
    found: Imported, checked: Checked, unknown: Sequence[Cell]
) -> list[Problem] | None:
    """The broken identities of the figures as printed, none reading an ``unknown`` cell
    (None without a report: validate's, of the parts that were read, stand)."""
    if checked.data is None:
        return None
    return checks.check_identities(
        found.era, checked.data, checked.computed, unknown, found.era.identities(checked.data)
    )


def audit_file(
    path: Path, *, previous: Path | None = None, copied_threshold: int | None = None
) -> Audit:
    """Import the published report at ``path`` and check it as published."""
    name = str(path)
    audit = Audit(name)
    try:
        document, found = _imported(path)
    except ReportkitError as exc:
        audit.failure = str(exc)
        return audit
    checked = _checked(_as_printed(found), name)
    report, problems, data = checked.report, checked.problems, checked.data
    audit.era, audit.year = found.era.name, int(found.data["年度"])
    unit = found.data.get("单位") or {}
    audit.unit, audit.level = unit.get("全称"), unit.get("层级")
    audit.unplaced = len(found.unplaced)
    unknown = _unknown(found, found.era.identities(data)) if data is not None else []
    whole = "".join(squash(p.text) for p in document.paragraphs)
    findings = _validate_findings(
        found, report, problems, name, _identity_findings(found, checked, unknown), whole
    )
    if data is not None:
        findings += _blank_totals(found, data, name, unknown)
        broken = _broken(found.era, data, unknown)
        findings = [
            dataclasses.replace(p, details={**p.details, "broken": broken})
            if p.code == "identity"
            else p
            for p in findings
        ]
    findings = _one_per_row(findings, "grassroots-regulations")
    stated = {str(p.details.get("found")) for p in findings if p.code == "prose-percent"}
    findings += [p for p in _shares(document, name) if p.details["found"] not in stated]
    findings += _numbering(_first_level(document, found.era), name)
    findings += _said_once(_other_era(found.era, document, name))
    published = _published(document, path)
    if published is not None:
        audit.published = published[0]
    if report is not None:
        audit.deadline = checks.deadline_for(report)
        findings += _late(report, published, name)
        if previous is not None:
            findings += _year_on_year(report, previous, copied_threshold, name)
    audit.findings = findings
    return audit


def _year_on_year(
    report: ReportBase, previous: Path, threshold: int | None, name: str
) -> list[Problem]:
    """Copied text and figures against last year's published report (imported too)."""
    try:
        _document, found = _imported(previous)
    except ReportkitError as exc:
        return [
            Problem(
                _("上年报告 {file} 无法读取，未能比对上年文字：{reason}").format(
                    file=previous, reason=exc
                ),
                code="previous-invalid",
                file=name,
                severity=Severity.WARNING,
                details={"where": str(previous)},
            )
        ]
    last = check_data(found.data, str(previous), draft=True).report  # its findings unused
    if last is None:
        return []
    compared = yearonyear.compare(
        report, yearonyear.reference_of(last), previous.name, threshold=threshold
    )
    if not any(p.code == "previous-year" for p in compared):
        compared += checks.check_copied_figures(report, last, previous.name)
    return [
        dataclasses.replace(p, file=name, details={"where": format_path(p.path), **p.details})
        for p in compared
    ]


def collect_reports(paths: Iterable[Path]) -> list[Path]:
    """The reports named, and those in the folders named (sorted, subfolders included)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in REPORT_SUFFIXES
                and not p.name.startswith(".")
            )
        else:
            out.append(path)
    return out


def audit_one(
    path: Path, *, previous: Path | None = None, copied_threshold: int | None = None
) -> Audit:
    """:func:`audit_file` that never raises: a bug met in one report is its failure."""
    try:
        return audit_file(path, previous=previous, copied_threshold=copied_threshold)
    except Exception as exc:  # a bug met in this report: the report fails, the run goes on
        return Audit(str(path), failure=f"{path}: {internal_error(exc)}")


def audit_files(
    paths: Sequence[Path],
    *,
    previous: Path | None = None,
    copied_threshold: int | None = None,
    jobs: int = 1,
    progress: Callable[[Audit], None] | None = None,
) -> list[Audit]:
    """Every report audited (over ``jobs`` processes), in the order given; one report that
    cannot be read never stops the others. Ctrl-C or SIGTERM: :class:`Interrupted`."""
    work = partial(audit_one, previous=previous, copied_threshold=copied_threshold)
    return run_all(work, paths, jobs=jobs, progress=progress)
