"""Year on year: this year's report checked against what it keeps of last year's.

What the checks need of last year's report travels inside this year's data file, as
``上年参照`` (:class:`~reportkit.eras.model.PreviousYear`): last year's year, Table 1's
现行有效 figures, Table 2's 结转下年度 and last year's texts. ``reportkit new --from``
writes it (:func:`reference_of`); an upper-level office checking the file needs nothing
else. When last year's data file itself is at hand (``validate --previous``, or the path
in ``上年数据``), its reference is made from it and takes precedence.

**The copied-text score** of a piece of prose is the share of its characters that lie
inside some run of :data:`SHINGLE` characters found anywhere in last year's texts. Before
comparing, both sides lose what every report shares (the mandated headings and the
statutory sentences, :data:`reportkit.eras.model.SHARED_WORDING`), punctuation and
spaces; each run of digits reads as one "#", so last year's sentence with this year's
figures put in is still last year's sentence. A text shorter than :data:`MIN_CHARS`
after that is not scored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reportkit import datapath
from reportkit.checks import prose_fields
from reportkit.datapath import Cell
from reportkit.eras import era_of
from reportkit.eras.model import SHARED_WORDING, PreviousYear, ReportBase
from reportkit.errors import Problem, Severity, format_path
from reportkit.i18n import _

__all__ = [
    "DEFAULT_THRESHOLD",
    "MIN_CHARS",
    "SHINGLE",
    "STATUTE_DATES",
    "YearMention",
    "check_carry_over",
    "check_continuity",
    "check_copied_text",
    "check_stale_years",
    "check_year_order",
    "compare",
    "copied_share",
    "reference_of",
    "stale_years",
]

DEFAULT_THRESHOLD = 50
"""A text more than this share (%) of which is last year's is warned (evaluators deduct)."""
SHINGLE = 8
"""The length of a run of characters that counts as found in last year's text."""
MIN_CHARS = 30
"""A text with fewer characters than this (boilerplate aside) is too short to score."""


def reference_of(report: ReportBase) -> PreviousYear:
    """What next year's checks need of ``report`` (its totals completed)."""
    era = era_of(report)
    data = report.model_dump(by_alias=True)
    in_force = {}
    for row in era.continuity:
        value = datapath.get(data, (*row.row, row.in_force))
        if datapath.is_figure(value):
            in_force[row.key] = value
    carried: dict[str, Any] = {}
    if era.carried_over is not None:
        found = datapath.get(data, era.carried_over)
        if isinstance(found, Mapping):
            carried = {k: v for k, v in found.items() if datapath.is_figure(v)}
    texts = {format_path(path): text for path, text in prose_fields(report)}
    return PreviousYear.model_validate(
        {"年度": report.year, "现行有效": in_force, "结转下年度": carried, "文字": texts}
    )


# --- the copied-text score ------------------------------------------------------------------

_SHARED = re.compile("|".join(f"(?:{pattern})" for pattern in SHARED_WORDING))
_DIGITS = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
_WORD = re.compile(r"[\w#]")


def _segments(text: str, headings: tuple[str, ...] = ()) -> list[str]:
    """``text`` as it is compared: shared wording cut out (each cut ends a segment),
    digits as "#", only letters, digits and CJK characters kept."""
    for heading in headings:
        text = text.replace(heading, "\x00")
    text = _SHARED.sub("\x00", text)
    text = _DIGITS.sub("#", text)
    out = []
    for part in text.split("\x00"):
        kept = "".join(_WORD.findall(part)).replace("_", "")
        if kept:
            out.append(kept)
    return out


def _shingles(segments: list[str]) -> set[str]:
    return {s[i : i + SHINGLE] for s in segments for i in range(len(s) - SHINGLE + 1)}


def copied_share(
    text: str, last: Mapping[str, str] | set[str], headings: tuple[str, ...] = ()
) -> float | None:
    """The share (0–1) of ``text`` found in last year's texts, or None when the text is too
    short to judge once shared wording is left out. ``last`` is last year's texts or their
    shingles (:func:`_shingles`)."""
    known = (
        last
        if isinstance(last, set)
        else _shingles([s for t in last.values() for s in _segments(t, headings)])
    )
    segments = _segments(text, headings)
    total = sum(len(s) for s in segments)
    if total < MIN_CHARS:
        return None
    covered = 0
    for segment in segments:
        hit = [False] * len(segment)
        for i in range(len(segment) - SHINGLE + 1):
            if segment[i : i + SHINGLE] in known:
                hit[i : i + SHINGLE] = [True] * SHINGLE
        covered += sum(hit)
    return covered / total


def _section(path: Cell) -> str:
    """A prose field's section as the clerk reads it: ``总体情况.主动公开`` (its 正文 left off)."""
    return format_path(path[:-1] if len(path) > 1 and path[-1] == "正文" else path)


def check_copied_text(
    report: ReportBase, reference: PreviousYear, source: str, threshold: int
) -> list[Problem]:
    """For each text of this year: a ``copied-text`` warning when it is word for word one
    of last year's, else a ``copied-share`` warning when more than ``threshold`` % of it is."""
    headings = tuple(era_of(report).headings.values())
    old = set(reference.texts.values())
    known = _shingles([s for t in old for s in _segments(t, headings)])
    problems = []
    for path, text in prose_fields(report):
        if text in old:
            problems.append(
                Problem(
                    _("与上年报告（{file}）中的文字完全相同，请按本年情况修改").format(file=source),
                    path=path,
                    severity=Severity.WARNING,
                    code="copied-text",
                )
            )
            continue
        share = copied_share(text, known, headings)
        if share is None:
            continue
        percent = round(share * 100)
        if percent > threshold:
            problems.append(
                Problem(
                    _(
                        "“{section}”有 {share}% 的文字与上年报告（{file}）相同"
                        "（不计各报告共有的标题和套话），超过 {threshold}%，请按本年情况修改"
                    ).format(
                        section=_section(path), share=percent, file=source, threshold=threshold
                    ),
                    path=path,
                    severity=Severity.WARNING,
                    code="copied-share",
                    details={"share": percent, "threshold": threshold},
                )
            )
    return problems


# --- figures that carry on from last year ---------------------------------------------------


def check_carry_over(report: ReportBase, reference: PreviousYear, source: str) -> list[Problem]:
    """A warning for each column where this year's 上年结转 differs from last year's 结转下年度
    (compared only when the reference is of the year before)."""
    era = era_of(report)
    if reference.year != report.year - 1 or era.carried_in is None:
        return []
    this_year = datapath.get(report.model_dump(by_alias=True), era.carried_in)
    last_year = reference.carried_over
    if not isinstance(this_year, Mapping) or not last_year:
        return []
    return [
        Problem(
            _("上年结转 {value} 件，与上年报告（{file}）的结转下年度 {carried} 件不一致").format(
                value=value, file=source, carried=last_year[key]
            ),
            path=(*era.carried_in, key),
            severity=Severity.WARNING,
            code="carry-over",
        )
        for key, value in this_year.items()
        if datapath.is_figure(value) and key in last_year and value != last_year[key]
    ]


def check_continuity(report: ReportBase, reference: PreviousYear, source: str) -> list[Problem]:
    """A warning for each row of Table 1 where last year's 现行有效 + this year's 本年制发 −
    本年废止 is not this year's 现行有效 (compared only with the year before)."""
    if reference.year != report.year - 1:
        return []
    data = report.model_dump(by_alias=True)
    problems = []
    for row in era_of(report).continuity:
        last = reference.in_force.get(row.key)
        issued, repealed, in_force = (
            datapath.get(data, (*row.row, column))
            for column in (row.issued, row.repealed, row.in_force)
        )
        if last is None or not all(datapath.is_figure(v) for v in (issued, repealed, in_force)):
            continue
        expected = last + issued - repealed
        if expected == in_force:
            continue
        problems.append(
            Problem(
                _(
                    "{row}：上年现行有效 {last} 件（{file}）+ 本年制发 {issued} 件 − 本年废止 "
                    "{repealed} 件 = {expected} 件，与本年现行有效 {in_force} 件不一致"
                ).format(
                    row=row.label,
                    last=last,
                    file=source,
                    issued=issued,
                    repealed=repealed,
                    expected=expected,
                    in_force=in_force,
                ),
                path=(*row.row, row.in_force),
                severity=Severity.WARNING,
                code="in-force-continuity",
                details={
                    "last": last,
                    "issued": issued,
                    "repealed": repealed,
                    "expected": expected,
                    "stated": in_force,
                },
            )
        )
    return problems


def check_year_order(year: int, last_year: int, source: str, path: Cell = ()) -> list[Problem]:
    """A warning when what is given as last year's report is not of an earlier year."""
    if last_year < year:
        return []
    return [
        Problem(
            _(
                "上年报告（{file}）是 {last} 年度的，不早于本报告的 {year} 年度：是否选错了文件？"
            ).format(file=source, last=last_year, year=year),
            path=path,
            severity=Severity.WARNING,
            code="previous-year",
        )
    ]


def compare(
    report: ReportBase,
    reference: PreviousYear,
    source: str,
    *,
    threshold: int | None = None,
    path: Cell = (),
) -> list[Problem]:
    """Every year-on-year check of ``report`` against last year's ``reference`` (named
    ``source`` in messages). ``threshold`` (%) overrides the reference's own, else 50."""
    order = check_year_order(report.year, reference.year, source, path)
    if order:
        return order
    if threshold is None:
        threshold = reference.copied_threshold or DEFAULT_THRESHOLD
    return [
        *check_copied_text(report, reference, source, threshold),
        *check_carry_over(report, reference, source),
        *check_continuity(report, reference, source),
    ]


# --- a year left over from last year's text ----------------------------------------------------

STATUTE_DATES = frozenset({(2007, 4, 5), (2008, 5, 1), (2019, 4, 3), (2019, 5, 15)})
"""The dates the 条例 was issued and took effect (2007, 2008) and revised (2019): cited
in every era, never a year left over."""

_SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
_Y = r"((?:19|20)[0-9]{2})"
_RANGE = re.compile(rf"{_Y}\s*年?\s*(?:[—–\-－~～]+|至|到)\s*{_Y}(?=\s*年)")
_YEAR = re.compile(rf"(?<![0-9０-９]){_Y}\s*年")
_ANY_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
"""What every year :data:`_RANGE` and :data:`_YEAR` find begins with."""
_DATE = re.compile(r"\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日")
_COMPARED = re.compile(r"(?:比|较|与|同|对比|相比|低于|高于|超过|对照)\s*$")
_SINCE = re.compile(r"^(?:度)?\s*(?:以来|起|开始|至今)")
_LAST_YEARS = re.compile(
    r"^(?:度)?\s*(?:相比|同比|同期|结转|(?:政府信息公开(?:工作)?)?(?:年度)?报告)"
)
_IN_FORCE = re.compile(r"^\s*(?:起)?\s*(?:施行|实施|生效|公布|颁布|印发)")


@dataclass(frozen=True)
class YearMention:
    """A past year named in a sentence of this year's text where nothing says why."""

    years: tuple[int, ...]
    sentence: str
    start: int  # where the sentence starts in the text


def _fine(text: str, match: re.Match[str], year: int) -> bool:
    """Whether the past year at ``match`` is said on purpose: a comparison, "since", last
    year's report or carried-over applications, last year's end, or the 条例's dates."""
    found = int(match[1])
    before, after = text[: match.start()], text[match.end() :]
    if _COMPARED.search(before) or _SINCE.match(after):
        return True
    if found == year - 1 and _LAST_YEARS.match(after):
        return True
    date = _DATE.match(after)
    if date:
        month, day = int(date[1]), int(date[2])
        if (found, month, day) in STATUTE_DATES or (found == year - 1 and (month, day) == (12, 31)):
            return True
        if _IN_FORCE.match(after[date.end() :]):
            return True
    return after.startswith("版")


def stale_years(text: str, year: int) -> list[YearMention]:
    """The sentences of ``text`` that name a year before ``year`` with nothing saying why
    (a later year is a target, 到2035年; a range through this year or next is a plan)."""
    out: list[YearMention] = []
    if _ANY_YEAR.search(text) is None:  # most texts name no year at all
        return out
    for sentence in _SENTENCE.finditer(text):
        body = sentence[0]
        covered: list[tuple[int, int]] = []
        stale: list[int] = []
        for span in _RANGE.finditer(body):
            covered.append(span.span())
            first, last = int(span[1]), int(span[2])
            if not (first <= year + 1 and last >= year) and not _COMPARED.search(
                body[: span.start()]
            ):
                stale.append(last)
        for match in _YEAR.finditer(body):
            if any(lo <= match.start() < hi for lo, hi in covered):
                continue
            found = int(match[1])
            if found < year and not _fine(body, match, year):
                stale.append(found)
        if stale:
            out.append(YearMention(tuple(dict.fromkeys(stale)), body.strip(), sentence.start()))
    return out


def _cut(sentence: str, width: int = 60) -> str:
    return sentence if len(sentence) <= width else sentence[: width - 1] + "…"


def check_stale_years(report: ReportBase) -> list[Problem]:
    """A warning for each sentence of the clerk's text naming a past year with nothing
    saying why: most often last year's text carried over and not brought up to date."""
    problems = []
    for path, text in prose_fields(report):
        for mention in stale_years(text, report.year):
            problems.append(
                Problem(
                    _(
                        "文中“{sentence}”写有 {years} 年，本报告是 {year} 年度的："
                        "是否沿用了往年的文字未改？"
                    ).format(
                        sentence=_cut(mention.sentence),
                        years=_("、").join(str(y) for y in mention.years),
                        year=report.year,
                    ),
                    path=path,
                    severity=Severity.WARNING,
                    code="stale-year",
                    details={"excerpt": mention.sentence[:12], "years": list(mention.years)},
                )
            )
    return problems
