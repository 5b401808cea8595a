"""Which report a page holds: its year and unit, from its title — or, where the page
prints no title that says them, from what the page states elsewhere, each source named.

Portals print a title in many shapes: after their navigation and a metadata block
(索引号, 发布机构, 发文日期), split over two or three lines, spaced out letter by letter,
with the year in figures or in 〇/零 numerals, 年 or 年度, the unit before the year or
after it, or no year at all (驼峰路街道办事处政府信息公开工作年度报告). Some pages keep no
title: the opening sentence names the report (现公布××2022年政府信息公开工作年度报告),
or only the statistics period says the year.

**Nothing is guessed.** The year is the title's, else the page's own ``<title>``'s, else
that of a sentence naming the report, else the statistics period's (when it is one
calendar year), else the year the text calls ××年度 (when it names one only); failing all,
the page is refused. The unit is the title's, else that of a sentence naming the report,
else the page's metadata (发布机构); the importer may still take it from the sign-off.
A unit taken from a sentence or metadata must read as the name of a body (ending 人民政府,
局, 镇, 街道办事处…), never 我局 or 本机关. Where each came from is returned with it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from reportkit.errors import NotImportable
from reportkit.i18n import _
from reportkit.importing.document import Document, Paragraph, Where, squash

__all__ = ["Masthead", "masthead", "statistics_period"]

_CN_DIGITS = str.maketrans("〇零○Oo一二三四五六七八九", "00000123456789")
_YEAR = r"((?:19|20)[0-9]{2}|[〇零○Oo一二][〇零○Oo一二三四五六七八九0-9]{3})"
_SUBJECT = r"(?:政府信息公开|政务公开|(?<!政府)(?<!政务)信息公开)"
_TITLE = re.compile(
    rf"^(?P<before>.*?)(?:关于)?{_YEAR}年(?:年?度)?(?P<after>.{{0,20}}?){_SUBJECT}"
    r".{0,8}?(?:年度报告|工作报告|年报)"
)
_TITLE_YEAR_AFTER = re.compile(
    rf"^(?P<before>.*?){_SUBJECT}(?:工作)?(?:年度报告|年报)[(\[【]{_YEAR}年?度?[)\]】]$"
)
_TITLE_NO_YEAR = re.compile(rf"^(?P<before>.+?){_SUBJECT}(?:工作)?年度报告$")
_NAMING = re.compile(
    rf"(?P<before>[^,;。]*?){_YEAR}年度?(?P<after>[^,;。]{{0,30}}?){_SUBJECT}(?:工作)?的?"
    r"(?:年度报告|工作报告|年报|情况报告|情况)"
)
_BODY = re.compile(
    r"^[\u4e00-\u9fff]{2,40}?(?:人民政府办公室|人民政府|政府办公室|办公室|办公厅|办事处|委员会|"
    r"管委会|管理委员会|局|委|厅|院|中心|镇|乡|街道|公司|站|所|队|馆|署|机关"
    r"|省|市|区|县|旗|盟|自治州)$"
)
"""The name of a body, or of a place whose government it is (长治市: a 市's report titled by
the city's name)."""
_BY = re.compile(r"由(?P<unit>[^,;。由]{2,60}?)(?:负责|组织|牵头)?编制(?:而成|完成)?")
"""由××编制(而成): the body that made the report (由北京市水务局编制的2008年度……年度报告)."""
_TITLE_LABEL = re.compile(r"^(?:标题|题目|文章标题|信息名称|名称)[:：]|^page[0-9]+[-—–:]", re.I)
"""A label before a title: a metadata line (标题: ……) or a PDF page's header (Page 8 - ……)."""
_QUOTED = re.compile(r"《(?P<title>[^》]*)》")
_LEAD_YEAR = re.compile(r"^((?:19|20)[0-9]{2})(?![0-9年])")
"""A year glued to a unit whose 年 was lost (2016上海市……委员会 / 政府信息公开工作年度报告)."""
_LOOK_AHEAD = 8
"""How many lines below a title the page's own printed title may follow (below a portal's
list line or a metadata copy of it)."""
_VERB = re.compile(
    r"^.*?(?:现|特|兹)?(?:向社会)?(?:公布|发布|汇总|印发|现将|特将|(?<!机构)编制(?!委)了?)"
)
_VERB_AFTER = re.compile(r"(?:现|特|兹)?(?:公布|发布|印发|(?<!机构)编制)了?$")
"""A verb after the unit's name (××街道特编制2023年……年度报告)."""
_ASIDE = re.compile(r"[(（][^)）]*[)）]")
_META_UNIT = ("发布机构", "发文机关", "发文单位", "发布单位", "公开主体", "信息来源", "来源")
_META_SPLIT = re.compile(r"\s*(?:\||\t|[ \u3000]{2,})\s*")
_BREADCRUMB = re.compile(r"首页|当前位置|您的位置|^.{0,40}(?:>|/|»).{0,40}(?:>|/|»)")
_NUMBERING = re.compile(r"^[一二三四五六七八九十]{1,3}\s*[、.．]")
_PERIOD = re.compile(
    r"(?:统计期|期限|期间|涵盖|数据)[^。]{0,20}?"
    r"(?P<a>(?:[0-9]{4}年?)?(?:[0-9]{1,2}月[0-9]{1,2}|[0-9]{2,4})日)(?:起)?"
    r"(?:至|到|—|-|~)"
    r"(?P<b>(?:[0-9]{4}年?)?(?:[0-9]{1,2}月[0-9]{1,2}|[0-9]{2,4})日)"
)
_CUTOFF = re.compile(
    r"(?:数据|统计)[^。]{0,12}?截[止至](?:日期|时间)?(?:为|到|至)?"
    r"(?P<y>[0-9]{4})年(?P<m>[0-9]{1,2})月(?:[0-9]{1,2}日)?"
)
"""所列数据截止日期为2020年12月25日: the day the figures were counted to."""
_DATE_PART = re.compile(
    r"^(?:(?P<y>[0-9]{4})年?)?(?:(?P<m>[0-9]{1,2})月(?P<d>[0-9]{1,2})|(?P<md>[0-9]{2,4}))日$"
)
_BOOK = re.compile(r"《[^》]*》")
_NAMED_YEAR = re.compile(r"([0-9]{4})年度|(?:^|[。;；])([0-9]{4})年[,，]")
"""××年度 anywhere, or ××年 opening a sentence (2023年,主动公开政府信息63条)."""
_SCAN = 40
"""How many paragraphs from the top a title, metadata or the opening is looked for in."""


@dataclass(frozen=True)
class Masthead:
    """The report's year and unit, where each came from, and the index of the last
    paragraph before the report's body (its title, or the metadata above it; -1: none)."""

    year: int
    unit: str | None
    at: int
    year_from: str
    unit_from: str | None = None
    titled: bool = True
    """Whether the year came from the title (printed in the report, or the page's own)."""


def _year(text: str) -> int:
    return int(text.translate(_CN_DIGITS))


def _quote(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "……"


def _body(name: str) -> str | None:
    """``name`` when it reads as the name of a body (never 我局, 本机关)."""
    name = _ASIDE.sub("", name).strip()
    if not name or name[0] in "我本该其" or not _BODY.match(name):
        return None
    return name


def _title_unit(before: str, after: str) -> str | None:
    unit = before.strip().removesuffix("关于").strip("【】[] ") or after.strip().removesuffix("的")
    if unit.endswith("人民"):  # 长治市人民政府信息公开……: the subject took its 政府
        unit += "政府"
    return unit or None


def _body_in(text: str) -> str | None:
    """The longest start of ``text`` that reads as a body's name (成都市住房和城乡建设局 of
    由成都市住房和城乡建设局综合全年信息公开情况编制而成)."""
    for end in range(len(text), 1, -1):
        if (unit := _body(text[:end])) is not None:
            return unit
    return None


def _match_title(text: str) -> tuple[int | None, str | None] | None:
    """(year, unit) of a title (the year None when it prints none), or None."""
    if len(text) > 80 or re.search(r"[。；]", text):
        return None
    if quoted := _QUOTED.search(text):  # 关于报送《2011年……年度报告》的报告: the one quoted
        return _match_title(quoted["title"])
    text = _TITLE_LABEL.sub("", text)
    if match := _TITLE.match(text):
        return _year(match.group(2)), _title_unit(match["before"], match["after"])
    if match := _TITLE_YEAR_AFTER.match(text):
        return _year(match.group(2)), _title_unit(match["before"], "")
    if match := _TITLE_NO_YEAR.match(text):
        if lead := _LEAD_YEAR.match(match["before"]):
            return _year(lead.group(1)), _title_unit(match["before"][lead.end() :], "")
        return None, _title_unit(match["before"], "")
    return None


def _short(text: str) -> bool:
    return bool(text) and len(text) <= 40 and not re.search(r"[。，；：,;:]", text)


def _title_ending(
    texts: Sequence[str], at: int, first: int = 0
) -> tuple[int | None, str | None] | None:
    """(year, unit) of a title whose last line is ``at``: that line alone or with one or two
    short lines above it (a title split over lines; none above ``first``), or None."""
    for span in (1, 2, 3):
        i = at - span + 1
        lines = texts[i : at + 1]
        if i < first or (span > 1 and not all(_short(t) for t in lines)):
            break
        if any(_BREADCRUMB.search(t) for t in lines):
            break  # navigation naming the report (…-> 2020年政府信息公开年报 -> 正文)
        found = _match_title("".join(lines))
        if found is None:
            continue
        year, unit = found
        if unit is not None and unit not in lines[-1]:
            unit = _body(unit)  # a line above the title's own: a body's name, or no unit
        if unit is None and i > 0:
            unit = _body(texts[i - 1])  # the unit on the line above (not the navigation)
        return year, unit
    return None


def _find_title(paragraphs: Sequence[Paragraph]) -> tuple[int, int | None, str | None] | None:
    """(index of the title's last line, year, unit): the first title in the opening
    lines, one line or two or three short ones in a row ending there (a title split over
    lines); a title with a year is preferred to one without. A dated title gives way to one
    of the same year a few short lines below it that names its unit as well or better: the
    page's own title under a portal's list line (2025年……年度报告 ( 2026-01-30 )) or under a
    metadata copy of it (标题: ……)."""
    texts = [squash(p.text) for p in paragraphs[:_SCAN]]
    bare: tuple[int, int | None, str | None] | None = None
    for at in range(len(texts)):
        found = _title_ending(texts, at)
        if found is None:
            continue
        year, unit = found
        if year is not None:
            return _printed_below(texts, at, year, unit)
        if bare is None and unit is not None:
            bare = (at, None, unit)
    return bare


def _printed_below(
    texts: Sequence[str], at: int, year: int, unit: str | None
) -> tuple[int, int | None, str | None]:
    """The title at ``at``, or the one of the same year below it that names the same unit
    or one where it named none (no prose, heading or other year in between)."""
    for below in range(at + 1, min(at + 1 + _LOOK_AHEAD, len(texts))):
        text = texts[below]
        if _NUMBERING.match(text) or len(text) > 80 or re.search(r"[。；]", text):
            break
        found = None if _meta_line(text) else _title_ending(texts, below, at + 1)
        if found is None:
            continue
        if found[0] not in (None, year):
            break
        if found[1] is not None and found[1] == (unit or found[1]):
            return below, year, found[1]
    return at, year, unit


def _meta_line(text: str) -> bool:
    return any(key in text for key in (*_META_UNIT, "索引号", "发布日期", "发文日期", "成文日期"))


def _metadata_unit(document: Document) -> tuple[str, str] | None:
    """(unit, where) from the page's metadata: 发布机构：X, or a row of labels (索引号 |
    发布机构 | …) above a row of values; a value that is no body's name is passed over."""
    rows: list[tuple[list[str], str]] = []
    for paragraph in document.paragraphs[:_SCAN]:
        rows.append((_META_SPLIT.split(paragraph.text.strip(" |\t")), str(paragraph.where)))
    for grid in document.grids[:3]:
        for r, row in enumerate(grid.rows, start=1):
            rows.append(([c.strip() for c in row], str(grid.where.cell(r))))
    for k, (cells, where) in enumerate(rows):
        for c, cell in enumerate(cells):
            key = squash(cell).rstrip(":：")
            value: str | None = None
            for name in _META_UNIT:
                if key == name:
                    if c + 1 < len(cells) and _body(squash(cells[c + 1])):
                        value = squash(cells[c + 1])  # 发布机构 | X
                    elif k + 1 < len(rows) and len(rows[k + 1][0]) == len(cells):
                        value = squash(rows[k + 1][0][c])  # a row of labels, then of values
                        where = rows[k + 1][1]
                elif key.startswith(name + ":") or key.startswith(name + "："):
                    value = key[len(name) + 1 :]
                if value is not None and _body(value):
                    return value, _("{where}的“{key}”").format(where=where, key=name)
                value = None
    return None


def _opening(paragraphs: Sequence[Paragraph]) -> list[tuple[int, Paragraph]]:
    """The paragraphs before the first first-level heading (the report's opening); on a
    page that starts at 一、 (nothing but navigation or metadata above it), those before the
    second: such a page opens in its first section (一、总体情况 / 根据……特编制……年度报告)."""
    out = []
    lead = True  # nothing but navigation, metadata or blank lines so far
    for i, paragraph in enumerate(paragraphs[:_SCAN]):
        text = squash(paragraph.text)
        if _NUMBERING.match(paragraph.text.strip()):
            if not lead:
                break
            lead = False
        elif text and not (
            _meta_line(text) or _BREADCRUMB.search(text) or _meta_values(paragraphs, i)
        ):
            lead = False
        out.append((i, paragraph))
    return out


def _naming_sentence(
    paragraphs: Sequence[Paragraph],
) -> tuple[int, str | None, str] | None:
    """(year, unit, where) from an opening sentence naming the report (现公布××2022年政府
    信息公开工作年度报告；汇总2021年度××的政务公开年度报告；由××编制的2008年度……年度报告):
    the first such sentence, or a later one of the same year that names the unit where the
    first names none (a cover letter's 附:2011年……年度报告 above the report's own)."""
    first: tuple[int, str | None, str] | None = None
    for _i, paragraph in _opening(paragraphs):
        text = squash(paragraph.text)
        if match := _NAMING.search(_BOOK.sub("", text)):
            before = _ASIDE.sub("", match["before"])
            if by := _BY.search(before):  # 由北京市水务局编制的2008年度……
                unit = _body_in(by["unit"])
            else:
                before = _VERB.sub("", _VERB_AFTER.sub("", before)).removeprefix("由")
                unit = _body(before) or _body(_title_unit("", match["after"]) or "")
            year = _year(match.group(2))
            if first is not None and (year != first[0] or unit is None):
                continue
            quoted = _quote(match.group(0))
            found = year, unit, _("{where}“{text}”").format(where=paragraph.where, text=quoted)
            if unit is not None:
                return found
            first = first or found
    return first


def _compiled_by(paragraphs: Sequence[Paragraph]) -> tuple[str, str] | None:
    """(unit, where) from an opening sentence saying who made the report, with no year in
    it (本年度报告……由静安区人民政府编制; ……由××委员会编制而成)."""
    for _i, paragraph in _opening(paragraphs):
        for sentence in re.split(r"[。;]", _BOOK.sub("", squash(paragraph.text))):
            by = _BY.search(sentence) if "报" in sentence else None
            if by and (unit := _body_in(_ASIDE.sub("", by["unit"]))) is not None:
                quoted = _quote(by.group(0))
                return unit, _("{where}“{text}”").format(where=paragraph.where, text=quoted)
    return None


def _date(part: str, year: int | None) -> dt.date | None:
    """A date of a period as printed; digits whose 年 and 月 were lost (202111日) are read
    when only one month and day fit them, else None."""
    match = _DATE_PART.match(part)
    if match is None:
        return None
    y = int(match["y"]) if match["y"] else year
    if y is None:
        return None
    if match["m"]:
        candidates = [(int(match["m"]), int(match["d"]))]
    elif match["y"]:
        digits = match["md"]
        candidates = [(int(digits[:k]), int(digits[k:])) for k in (1, 2) if digits[k:]]
    else:
        return None
    dates = []
    for month, day in candidates:
        try:
            dates.append(dt.date(y, month, day))
        except ValueError:
            continue
    return dates[0] if len(dates) == 1 else None


def statistics_period(
    paragraphs: Sequence[Paragraph],
) -> tuple[dt.date | None, dt.date | None, str, Where] | None:
    """The statistics period the opening states (统计期限自…至…止): (first day, last day,
    the words as printed, where); a day that cannot be told is None."""
    for paragraph in paragraphs[:_SCAN]:
        text = squash(paragraph.text)
        if match := _PERIOD.search(text):
            start = _date(match["a"], None)
            first_year = re.match(r"[0-9]{4}", match["a"])
            end = _date(match["b"], int(first_year.group(0)) if first_year else None)
            words = text[match.start("a") : match.end("b")]
            return start, end, words, paragraph.where
    return None


def _period_year(paragraphs: Sequence[Paragraph]) -> tuple[int, str] | None:
    """The year of a statistics period whose ends are printed in one year (2009年1月1日至
    2009年12月31日; even 202111日至20211230日, whose 年 and 月 were lost)."""
    found = statistics_period(paragraphs)
    if found is None:
        return None
    _start, _end, words, where = found
    years = set(re.findall(r"(?:^|至|到|—|-|~)([0-9]{4})", words))
    if len(years) != 1:
        return None
    return int(years.pop()), _("{where}的统计期限“{text}”").format(where=where, text=words)


def _cutoff_year(paragraphs: Sequence[Paragraph]) -> tuple[int, str] | None:
    """The year the figures were counted to (所列数据截止日期为2020年12月25日), when the day
    is late in that year (a day early in the next may be the publication, not the count)."""
    for paragraph in paragraphs[:_SCAN]:
        text = squash(paragraph.text)
        if (match := _CUTOFF.search(text)) and int(match["m"]) >= 10:
            words = text[match.start() : match.end()]
            return int(match["y"]), _("{where}的数据截止日期“{text}”").format(
                where=paragraph.where, text=words
            )
    return None


def _named_year(paragraphs: Sequence[Paragraph]) -> tuple[int, str] | None:
    """The year the text calls ××年度 (2019年度，主动公开政府信息380条) or opens a sentence
    with (2023年，通过门户网站……), when it names only one (titles of documents in 《》 left
    out)."""
    years: dict[int, str] = {}
    for paragraph in paragraphs[:_SCAN]:
        text = _BOOK.sub("", squash(paragraph.text))
        for match in _NAMED_YEAR.finditer(text):
            start = match.start(1) if match.group(1) else match.start(2)
            sentence = re.split(r"[。;]", text[start:])[0]
            years.setdefault(
                int(match.group(1) or match.group(2)),
                _("{where}“{text}”").format(where=paragraph.where, text=_quote(sentence)),
            )
    if len(years) != 1:
        return None
    return next(iter(years.items()))


def _body_start(paragraphs: Sequence[Paragraph]) -> int:
    """Without a title: the index of the last line of navigation or metadata at the top."""
    at = -1
    for i, paragraph in _opening(paragraphs):
        text = squash(paragraph.text)
        if _NUMBERING.match(paragraph.text.strip()):
            break
        if _meta_line(text) or _BREADCRUMB.search(text) or _meta_values(paragraphs, i):
            at = i
        elif len(text) > 40:
            break
    return at


def _meta_values(paragraphs: Sequence[Paragraph], i: int) -> bool:
    """A row of values under a row of metadata labels."""
    return i > 0 and _meta_line(squash(paragraphs[i - 1].text)) and "|" in paragraphs[i].text


def masthead(document: Document) -> Masthead:
    """The report's year and unit, and where each came from."""
    paragraphs = document.paragraphs
    title = _find_title(paragraphs)
    page = _match_title(squash(document.title)) if document.title else None
    at = title[0] if title is not None else _body_start(paragraphs)
    titled = True
    naming: tuple[int, str | None, str] | None = None
    year: tuple[int, str] | None
    if title is not None and title[1] is not None:
        year = title[1], str(paragraphs[at].where)
    elif page is not None and page[0] is not None:
        year = page[0], _("网页标题")
    else:
        titled = False
        naming = _naming_sentence(paragraphs)
        year = (naming[0], naming[2]) if naming is not None else None
        year = (
            year or _period_year(paragraphs) or _cutoff_year(paragraphs) or _named_year(paragraphs)
        )
    if year is None:
        raise NotImportable(
            _("找不到“××年政府信息公开工作年度报告”这样的标题：这不像一份政府信息公开工作年度报告")
        )
    unit: tuple[str, str] | None = None
    if title is not None and title[2] is not None:
        unit = title[2], str(paragraphs[at].where)
    elif page is not None and page[1] is not None:
        unit = page[1], _("网页标题")
    else:
        naming = naming or _naming_sentence(paragraphs)
        if naming is not None and naming[1] is not None:
            unit = naming[1], naming[2]
        else:
            unit = _compiled_by(paragraphs) or _metadata_unit(document)
    return Masthead(
        year[0], unit[0] if unit else None, at, year[1], unit[1] if unit else None, titled
    )
