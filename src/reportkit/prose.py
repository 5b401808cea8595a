"""The clerk's prose checked against the tables: figures stated in words, and enumerations.

Real reports most often go wrong where the text repeats a figure the table holds ("予以公开
150件" beside a table of 163). :func:`find_claims` reads a piece of prose for the figures
it states of a known quantity (:data:`QUANTITIES`); :func:`check_prose` compares them with
the completed data, through the cells the report's era names for each quantity
(:attr:`reportkit.eras.Era.prose_figures`). A share stated right after a count ("占40%")
is checked against that count and the total handled.

**Conservative by design.** A number is a claim only when the words just before it name
one quantity unambiguously and nothing marks it as another year's, a change, an estimate
or a range ("同比增加5件", "上年", "60余条", "3至5件", "截至年底累计"). Whatever is
doubtful is left alone: a false alarm in a clerk's correct text costs more trust than a
miss. The sentences of real reports this is tested on are in tests/test_prose.py.

Enumerations (一是、二是…; 第一，第二…) are checked like section numbers: an ordinal skipped
or repeated is a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reportkit import datapath
from reportkit.checks import prose_fields
from reportkit.datapath import Cell
from reportkit.eras import ProseFigure, era_of
from reportkit.eras.model import ReportBase
from reportkit.errors import Problem, Severity
from reportkit.i18n import _

__all__ = [
    "OUTCOMES",
    "QUANTITIES",
    "Claim",
    "Enumeration",
    "Slip",
    "check_enumerations",
    "check_prose",
    "chinese_number",
    "compare",
    "find_claims",
    "find_enumeration_slips",
    "of_the_year",
    "year_before",
]

QUANTITIES = (
    "主动公开",  # 主动公开政府信息N条
    "新收",  # 新收/收到/受理…申请N件
    "上年结转",
    "办结",  # 办结/答复N件
    "予以公开",
    "部分公开",
    "予以公开及部分公开",  # 予以公开和部分公开共N件: the sum of the two
    "不予公开",
    "无法提供",
    "不予处理",
    "结转下年度",
    "行政复议",
    "行政诉讼",
    "规章制发",
    "规章废止",
    "规章现行有效",
    "规范性文件制发",
    "规范性文件废止",
    "规范性文件现行有效",
    "收费",  # 元
    "减免",  # 元
)
"""Every quantity a claim may name; an era maps those its data holds to cells."""

OUTCOMES = ("予以公开", "部分公开", "予以公开及部分公开", "不予公开", "无法提供", "不予处理")
"""Quantities whose share of the applications handled a report states (占N%)."""

# --- numbers ------------------------------------------------------------------------------

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
_CN = "零〇一二两三四五六七八九十"


def chinese_number(text: str) -> int | None:
    """A Chinese numeral from 零 to 九十九 (两 for 二), or None for anything else."""
    if text in _CN_DIGITS:
        return _CN_DIGITS[text]
    tens, sep, units = text.partition("十")
    if not sep or len(tens) > 1 or len(units) > 1:
        return None
    if (tens and tens not in _CN_DIGITS) or (units and units not in _CN_DIGITS):
        return None
    high = _CN_DIGITS[tens] if tens else 1
    low = _CN_DIGITS[units] if units else 0
    if high == 0 or (units and low == 0 and tens):  # 零十, 二十零
        return None
    return high * 10 + low


_NUMBER = (
    r"(?P<digits>[0-9０-９]{1,3}(?:,[0-9]{3})+(?:[.．][0-9０-９]+)?|[0-9０-９]+(?:[.．][0-9０-９]+)?)"
    rf"|(?P<cn>[{_CN}]{{1,3}})"
)
_TOKEN = re.compile(
    # The lookahead names every character a token can begin with: ``re`` then rejects any
    # other position at once rather than trying each branch there (4× faster over prose).
    rf"(?=[0-9０-９{_CN}百])"
    rf"(?:(?:{_NUMBER})\s*(?P<unit>万元|元|件|条|次|个|宗|份|起|%|％)|百分之(?P<pct>[0-9０-９]+(?:[.．][0-9]+)?|百))"
)
_COUNT_UNITS = frozenset("件条次个宗份起")
_APPLICATION_UNITS = frozenset("件次个宗起")  # applications are never counted in 条 (items)
_MONEY_UNITS = {"元": Decimal(1), "万元": Decimal(10000)}

# --- sentences and the words before a number ------------------------------------------------

_SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
_CLAUSE_BREAKS = "，,：:（）()[]【】"
_TITLE = re.compile(r"《[^》]*》|〔[^〕]*〕|\[[^\]]*\]")
_ASIDE = re.compile(r"[（(][^（）()0-9０-９。；]*[）)]")  # （检索费、复制费等）: read through
_YEAR = re.compile(r"((?:19|20)[0-9]{2})\s*年")

_NOT_THIS_YEAR = (
    "同比",
    "较",
    "比上年",
    "去年",
    "上一年",
    "上年",
    "增加",
    "减少",
    "增长",
    "下降",
    "上升",
    "提高",
    "降低",
    "环比",
    "平均",
    "每",
    "均为",
    "分别",
)
"""Words just before a number that make it another year's, a change, a share per item or an
average: never a claim about the year's figure."""
_RUNNING_TOTAL = ("历年", "截至", "截止", "至今", "以来", "年底", "年末", "成立")
"""Words anywhere before a number in its sentence that make it a running total."""
_ESTIMATE_BEFORE = ("近", "约", "超过", "逾", "不足", "不到", "第", "各")
_ESTIMATE_AFTER = ("余", "多", "以上", "以下", "左右", "以内", "上下")
_RANGE = "-－~～至到—"

_CARRIED_IN = ("上年结转", "上年度结转", "上一年度结转", "上一年结转", "结转上年", "上年度转入")
_CARRIED_OVER = ("结转下", "结转至下", "结转到下", "转入下", "结转")
_RECEIVED = ("新收", "收到", "受理", "接收", "接到", "收悉")
_ANSWERED = ("办结", "答复", "办理完毕", "处理完毕", "已办理", "办理")
_GRANTED = ("予以公开", "同意公开", "全部公开")
_PARTLY = ("部分公开",)
_REFUSED = ("不予公开",)
_UNAVAILABLE = ("无法提供",)
_NOT_PROCESSED = ("不予处理",)
_DOCUMENT_VERBS = {
    "制发": ("制发", "印发", "出台", "制定", "新制定"),
    "废止": ("废止",),
    "现行有效": ("现行有效", "现行"),  # 现行…制发的…共288件: in force, not issued
}
_APPLICATIONS = ("申请",)
_DISCLOSURE = ("信息公开", "依申请", "公开申请", "申请公开")


@dataclass(frozen=True)
class Claim:
    """A figure the prose states of one quantity: where it is, and a share stated with it."""

    quantity: str
    stated: Decimal
    start: int  # the number's place in the text
    end: int
    sentence: tuple[int, int]  # the sentence it is in: (start, end) in the text
    share: Decimal | None = None  # 占40% right after it
    share_decimals: int = 0


def _has(span: str, words: tuple[str, ...]) -> bool:
    return any(w in span for w in words)


def _without(span: str, words: tuple[str, ...]) -> str:
    for word in words:
        span = span.replace(word, "")
    return span


def _number(match: re.Match[str]) -> tuple[Decimal, int] | None:
    """The value of a token and its number of decimals (for a share)."""
    if match["pct"] is not None:
        text = match["pct"].translate(_FULL_WIDTH)
        return (Decimal(100), 0) if text == "百" else (Decimal(text), _decimals(text))
    if match["cn"] is not None:
        value = chinese_number(match["cn"])
        return None if value is None else (Decimal(value), 0)
    text = match["digits"].translate(_FULL_WIDTH).replace(",", "")
    return Decimal(text), _decimals(text)


def _decimals(text: str) -> int:
    return len(text.partition(".")[2])


def _clause_start(text: str, before: int, floor: int) -> int:
    """Where the clause holding position ``before`` begins (not before ``floor``)."""
    for i in range(before - 1, floor - 1, -1):
        if text[i] in _CLAUSE_BREAKS:
            return i + 1
    return floor


def _quantity(
    span: str, unit: str, sentence: str, before: str, applications: bool = False
) -> str | None:
    """The one quantity the words ``span`` just before a number name, or None (``before``
    is the sentence up to the number; ``applications``: the text is about applications)."""
    if unit in _MONEY_UNITS:
        if "行政事业性收费" in span:
            return None  # Table 1's fees a body charges in its work, not for disclosure
        if "减免" in span:
            return "减免"
        return "收费" if _has(span, ("收费", "收取", "费用", "信息处理费")) else None
    if unit not in _COUNT_UNITS:
        return None
    review, lawsuit = "复议" in span, _has(span, ("诉讼", "起诉"))
    if review or lawsuit:
        if review == lawsuit or not _has(sentence, _DISCLOSURE):
            return None  # both named, or appeals of the body's other work
        return "行政复议" if review else "行政诉讼"
    document = [d for d in ("规章", "规范性文件") if d in span]
    if document:
        verbs = [v for v, words in _DOCUMENT_VERBS.items() if _has(span, words)]
        if len(document) > 1 or len(verbs) != 1:
            return None
        return document[0] + verbs[0]
    found = set()
    if _has(span, _CARRIED_IN):
        found.add("上年结转")
    elif _has(span, _CARRIED_OVER):
        found.add("结转下年度")
    granted, partly = _has(span, _GRANTED), _has(span, _PARTLY)
    if granted and partly:
        found.add("予以公开及部分公开")
    elif granted:
        found.add("予以公开")
    elif partly:
        found.add("部分公开")
    for quantity, words in (
        ("不予公开", _REFUSED),
        ("无法提供", _UNAVAILABLE),
        ("不予处理", _NOT_PROCESSED),
    ):
        if _has(span, words):
            found.add(quantity)
    # 收到/办理 are said of letters, petitions and other applications too: only of
    # applications for information (or anything in the 依申请公开 section's text)
    disclosure = applications or (_has(sentence, ("公开", "信息")))
    if not found and _has(span, _RECEIVED) and _has(span, _APPLICATIONS) and disclosure:
        found.add("新收")
    if not found and _has(span, _ANSWERED) and _has(sentence, _APPLICATIONS) and disclosure:
        found.add("办结")
    if "主动公开" in span and "信息" in span and unit in "条件个":
        found.add("主动公开")
    if len(found) != 1:
        return None
    quantity = found.pop()
    if quantity != "主动公开" and unit not in _APPLICATION_UNITS:
        return None  # 不予公开信息数8条: items of information, not applications
    if quantity in ("主动公开", "新收", "办结") and "其中" in before:
        return None  # a breakdown: by channel, by kind, by applicant
    if quantity == "新收" and re.search(r"(?:含|包括)[^。；;]*结转", sentence):
        return None  # received including carried-over: not 新收 alone
    return quantity


_SHARE_GAP = re.compile(
    r"^[，,、（(\s]*(?:占(?:总数|全部|所有|总量)?(?:申请)?(?:的|比)?|占比为?)?$"
)


def _read_through(aside: re.Match[str]) -> str:
    """An aside without figures blanked, so the words before it reach the number after it
    (收取的费用（检索费、复制费等）为0元) — unless it names a quantity (（含无法提供）)."""
    words = aside.group()
    if _quantity(words, "件", words, "") or _has(words, ("公开", "申请", "结转", "复议", "诉讼")):
        return words
    return " " * len(words)


def find_claims(text: str, year: int, *, applications: bool = False) -> list[Claim]:
    """Every figure ``text`` states of a quantity in :data:`QUANTITIES`, with a share stated
    right after it; ``year`` is the report's, so sentences about other years are skipped.
    ``applications``: the text is the 依申请公开 section's, so "收到申请" needs no more."""
    claims: list[Claim] = []
    masked = _TITLE.sub(lambda m: " " * len(m.group()), text)
    masked = _ASIDE.sub(_read_through, masked)
    # Most texts state no figure and say no "none": nothing to read sentence by sentence.
    # (A figure found in a sentence is found in the whole text: the pattern looks no further.)
    if _TOKEN.search(masked) is None and not any(word in masked for word in _NOTHING_WORDS):
        return claims
    for sentence_match in _SENTENCE.finditer(masked):
        s_start, s_end = sentence_match.span()
        sentence = sentence_match.group()
        if any(int(y) != year for y in _YEAR.findall(sentence)):
            continue  # another year named: its figures may be that year's
        claims.extend(_sentence_claims(masked, s_start, s_end, applications))
        claims.extend(_nothing_claims(masked, s_start, s_end, applications))
    return claims


# "None" said in words: 未收到政府信息公开申请, 未收取任何费用, 没有发生…行政复议. Only
# plain wording is read: "未收到法人或者其他组织的申请" says nothing of natural persons.
_NO_APPLICATIONS = re.compile(
    r"(?:未|没有|无)(?:收到|接到|受理)过?(?:任何)?"
    r"(?:政府信息公开|依申请公开政府信息|依申请公开|政府信息|信息公开)?的?(?:申请|请求)"
)
_NO_FEES = re.compile(
    r"(?:未|没有)(?:对[^，,。；;]{0,12})?收取(?:过)?(?:任何)?(?:信息处理费|费用)(?![^，,。；;]*标准)"
)
_NO_APPEALS = re.compile(r"(?:未|没有|无)(?:发生|出现|产生|因)")
_NOTHING_WORDS = ("未", "没有", "无")
"""The words each of the three patterns above begins with: a sentence without one says none."""
_APPEAL_OUTCOME = ("纠", "败诉", "撤销", "违法", "维持", "判决", "结果", "被告", "案件")


def year_before(text: str, start: int) -> int | None:
    """The last year named (2016年) before ``start`` in its sentence, titles aside."""
    masked = _TITLE.sub(lambda m: " " * len(m.group()), text)
    begins = max((m.end() for m in _SENTENCE_END.finditer(masked, 0, start)), default=0)
    named = _YEAR.findall(masked, begins, start)
    return int(named[-1]) if named else None


_SENTENCE_END = re.compile(r"[。；;！!？?\n]")


def of_the_year(text: str, start: int, year: int) -> bool:
    """Whether the number at ``start`` in ``text`` can be a figure of ``year`` itself, read
    with the words :func:`find_claims` knows: the last year named before it in its sentence
    (titles aside) is ``year`` or none, nothing before it in the sentence makes it a running
    total (截至, 历年…) and nothing in its clause another year's figure, a change or a share
    (上年, 同比, 增加…)."""
    masked = _TITLE.sub(lambda m: " " * len(m.group()), text)
    sentence = next((s for s in _SENTENCE.finditer(masked) if s.start() <= start < s.end()), None)
    if sentence is None or year_before(text, start) not in (None, year):
        return False
    if _has(masked[sentence.start() : start], _RUNNING_TOTAL):
        return False
    clause = masked[_clause_start(masked, start, sentence.start()) : start]
    return not _has(_without(clause, _CARRIED_IN), _NOT_THIS_YEAR)


_COUNTED_IN_WORDS = re.compile(rf"[{_CN}]+[件条次个宗起]")
_CLAUSE = re.compile(r"[^，,；;。]+")


def _nothing_claims(text: str, s_start: int, s_end: int, applications: bool) -> Iterator[Claim]:
    """Claims of 0 said in words, in a sentence that states no figure."""
    sentence = text[s_start:s_end]
    if not any(word in sentence for word in _NOTHING_WORDS):
        return
    figures = _YEAR.sub("", sentence)
    if any(map(str.isdigit, figures)) or _COUNTED_IN_WORDS.search(figures):
        return
    for clause in _CLAUSE.finditer(sentence):
        words = clause.group()
        start = s_start + clause.start()
        where = (s_start, s_end)
        found = _NO_APPLICATIONS.search(words)
        if found and (applications or _has(words, ("公开", "信息"))):
            yield Claim("新收", Decimal(0), start + found.start(), start + found.end(), where)
        found = _NO_FEES.search(words)
        if found:
            yield Claim("收费", Decimal(0), start + found.start(), start + found.end(), where)
        found = _NO_APPEALS.search(words)
        if found and _has(words, _DISCLOSURE) and not _has(words, _APPEAL_OUTCOME):
            for quantity, word in (("行政复议", "复议"), ("行政诉讼", "诉讼")):
                if word in words[found.end() :]:
                    yield Claim(
                        quantity, Decimal(0), start + found.start(), start + found.end(), where
                    )


def _sentence_claims(text: str, s_start: int, s_end: int, applications: bool) -> Iterator[Claim]:
    sentence = text[s_start:s_end]
    previous_end = s_start
    last: Claim | None = None
    for match in _TOKEN.finditer(text, s_start, s_end):
        start, end = match.span()
        parsed = _number(match)
        gap = text[previous_end:start]
        previous_end = end
        unit = match["unit"] or "%"
        if parsed is None or _estimate(text, start, end, s_start, s_end):
            last = None
            continue
        value, decimals = parsed
        if unit in "%％":
            if last is not None and _SHARE_GAP.match(gap):
                yield Claim(
                    last.quantity, last.stated, last.start, last.end, last.sentence, value, decimals
                )
                last = None
            continue
        if last is not None:
            yield last
            last = None
        span = text[_clause_start(text, start, max(s_start, start - len(gap))) : start]
        if _has(_without(span, _CARRIED_IN), _NOT_THIS_YEAR):
            continue
        before = text[s_start:start]
        if _has(before, _RUNNING_TOTAL):
            continue
        quantity = _quantity(span, unit, sentence, before, applications)
        if quantity is None:
            continue
        last = Claim(
            quantity, value * _MONEY_UNITS.get(unit, Decimal(1)), start, end, (s_start, s_end)
        )
    if last is not None:
        yield last


def _estimate(text: str, start: int, end: int, floor: int, ceiling: int) -> bool:
    """Whether the number at start:end is approximate, a range's end or an ordinal."""
    before = text[max(floor, start - 2) : start]
    after = text[end : min(ceiling, end + 2)]
    if before and (before[-1] in _RANGE or before[-1].isdigit()):
        return True
    if any(before.endswith(w) for w in _ESTIMATE_BEFORE):
        return True
    if after and after[0] in _RANGE and re.match(r".[0-9０-９一二三四五六七八九十]", after):
        return True
    unitless = text[end : min(ceiling, end + 2)]
    return any(unitless.startswith(w) for w in _ESTIMATE_AFTER)


# --- comparing with the data ------------------------------------------------------------------


def _value(figure: ProseFigure, data: Mapping[str, Any]) -> Decimal | None:
    total = Decimal(0)
    for cell in figure.cells:
        value = datapath.get(data, cell)
        if not datapath.is_figure(value):
            return None
        total += Decimal(value)
    return total


def _values(figures: Mapping[str, ProseFigure], data: Mapping[str, Any]) -> dict[str, Decimal]:
    values = {q: v for q, f in figures.items() if (v := _value(f, data)) is not None}
    if "予以公开" in values and "部分公开" in values:
        values["予以公开及部分公开"] = values["予以公开"] + values["部分公开"]
    return values


def _share_fits(share: Decimal, decimals: int, count: Decimal, base: Decimal) -> bool:
    """Whether ``share`` (to ``decimals`` places) is ``count`` of ``base``, rounded either way."""
    if base <= 0:
        return False
    exact = count * 100 / base
    return abs(exact - share) < Decimal(1).scaleb(-decimals)


def _bases(values: Mapping[str, Decimal]) -> list[Decimal]:
    """What a report may state shares of: the applications handled, or those received
    (this year's, or with last year's carried over)."""
    bases = [values[q] for q in ("办结", "新收") if q in values]
    if "新收" in values and "上年结转" in values:
        bases.append(values["新收"] + values["上年结转"])
    return [b for b in bases if b]  # no share of nothing


@dataclass(frozen=True)
class Slip:
    """A claim that disagrees with the data: which figure (count or share) and both values."""

    claim: Claim
    code: str  # prose-figure or prose-percent
    table: Decimal  # the data's count (prose-figure) or the share it gives (prose-percent)


def compare(claims: list[Claim], values: Mapping[str, Decimal]) -> list[Slip]:
    """The claims that disagree with ``values`` (quantity → the data's figure); a quantity
    the data lacks is not compared."""
    slips = []
    for claim in claims:
        table = values.get(claim.quantity)
        if table is None:
            continue
        if claim.stated != table:
            slips.append(Slip(claim, "prose-figure", table))
        if claim.share is None or claim.quantity not in OUTCOMES:
            continue
        bases = _bases(values)
        if not bases or any(
            _share_fits(claim.share, claim.share_decimals, table, b) for b in bases
        ):
            continue
        if claim.stated != table and any(
            _share_fits(claim.share, claim.share_decimals, claim.stated, b) for b in bases
        ):
            continue  # the share follows the stated count, already reported
        expected = (table * 100 / bases[0]).quantize(Decimal(1).scaleb(-claim.share_decimals))
        slips.append(Slip(claim, "prose-percent", expected))
    return slips


def _quote(text: str, claim: Claim, width: int = 60) -> str:
    """The sentence of a claim, cut to about ``width`` characters around the figure."""
    s_start, s_end = claim.sentence
    sentence = text[s_start:s_end].strip()
    if len(sentence) <= width:
        return sentence
    lo = max(s_start, claim.start - width // 2)
    hi = min(s_end, lo + width)
    lo = max(s_start, hi - width)
    head = "……" if lo > s_start else ""
    tail = "……" if hi < s_end else ""
    return head + text[lo:hi].strip() + tail


def _figure(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else str(value)


def _message(text: str, slip: Slip, figure: ProseFigure) -> str:
    claim = slip.claim
    if slip.code == "prose-figure":
        return _("文中“{sentence}”写为 {stated}，与{label}的 {table} 不一致").format(
            sentence=_quote(text, claim),
            stated=_figure(claim.stated),
            label=figure.label,
            table=_figure(slip.table),
        )
    return _("文中“{sentence}”写占 {share}%，按{label}的数字应为 {expected}%").format(
        sentence=_quote(text, claim),
        share=_figure(claim.share) if claim.share is not None else "",
        label=figure.label,
        expected=slip.table,
    )


# --- enumerations ---------------------------------------------------------------------------

_ORDINALS = re.compile(
    rf"(?=[{_CN}第])"  # every character an ordinal begins with (a fast rejection, as in _TOKEN)
    rf"(?:^|(?<=[。；;，,：:、\s“（(]))(?:(?P<shi>[{_CN}]{{1,3}})是|第(?P<di>[{_CN}]{{1,3}})(?=[，,、：:]))"
)


@dataclass(frozen=True)
class Enumeration:
    """An ordinal out of sequence: what was written, and what the sequence expected."""

    found: str
    expected: str
    repeated: bool
    start: int


def find_enumeration_slips(text: str) -> list[Enumeration]:
    """Ordinals (一是、二是…; 第一，第二…) skipped or repeated. A list may start again at
    一 (two lists in one text); a list that does not start at 一 is left alone."""
    slips = []
    last: dict[str, int] = {}
    for match in _ORDINALS.finditer(text):
        family = "shi" if match["shi"] else "di"
        word = match[family]
        value = chinese_number(word)
        if value is None or value == 0:
            continue
        before = last.get(family)
        last[family] = value
        if value == 1 or before is None or value == before + 1:
            continue
        form = "{}是" if family == "shi" else "第{}"
        slips.append(
            Enumeration(
                form.format(_spell(value)),
                form.format(_spell(before + 1)),
                value <= before,
                match.start(),
            )
        )
    return slips


def _spell(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, units = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[units] if units else "")


def check_enumerations(path: Cell, text: str) -> list[Problem]:
    """A warning for each ordinal of an enumeration skipped or repeated in ``text``."""
    problems = []
    for slip in find_enumeration_slips(text):
        context = text[max(0, slip.start - 10) : slip.start + 12].strip()
        if slip.repeated:
            message = _("列举序号“{found}”重复（此处应为“{expected}”）：“……{context}……”")
        else:
            message = _("列举序号跳过了“{expected}”，直接写了“{found}”：“……{context}……”")
        problems.append(
            Problem(
                message.format(found=slip.found, expected=slip.expected, context=context),
                path=path,
                severity=Severity.WARNING,
                code="prose-enumeration",
            )
        )
    return problems


# --- the report ---------------------------------------------------------------------------------


def check_prose(report: ReportBase, data: Mapping[str, Any]) -> list[Problem]:
    """An error for each figure the prose states that the completed ``data`` contradicts,
    and a warning for each enumeration out of sequence, placed at the prose field."""
    figures = era_of(report).prose_figures
    values = _values(figures, data)
    combined = figures.get("予以公开"), figures.get("部分公开")
    if combined[0] is not None and combined[1] is not None:
        figures = {
            **figures,
            "予以公开及部分公开": ProseFigure(
                f"{combined[0].label}、{combined[1].label}",
                combined[0].cells + combined[1].cells,
            ),
        }
    problems = []
    for path, text in prose_fields(report):
        about = "依申请公开" in path
        for slip in compare(find_claims(text, report.year, applications=about), values):
            problems.append(
                Problem(
                    _message(text, slip, figures[slip.claim.quantity]),
                    path=path,
                    code=slip.code,
                    details={
                        "quantity": slip.claim.quantity,
                        "stated": _figure(slip.claim.stated)
                        if slip.code == "prose-figure"
                        else _figure(slip.claim.share or Decimal(0)),
                        "table": _figure(slip.table),
                    },
                )
            )
        problems.extend(check_enumerations(path, text))
    return problems
