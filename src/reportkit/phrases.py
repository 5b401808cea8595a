"""Default wording and number/date formatting, in the unit's own voice. Pure functions.

Every sentence reportkit writes on the clerk's behalf is built here, so the wording
is in one place and can be reviewed (and later translated) as a whole.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

__all__ = [
    "CHINESE_NUMERALS",
    "MONEY_DECIMALS",
    "NOTHING_ELSE",
    "PENDING",
    "PLACEHOLDER_MARK",
    "appeals_sentence",
    "applications_sentence",
    "fees_sentence",
    "format_count",
    "format_date_zh",
    "format_money",
    "format_percent",
    "heading_number",
    "no_requests",
    "placeholder",
    "proactive_sentence",
    "processing_fee_sentence",
    "requests_brief",
    "requests_sentence",
    "review_lawsuit_sentence",
    "run_in_title",
]

LOCALE = "zh_CN"


@functools.cache
def _locale() -> Locale:
    from babel import Locale  # babel loads on the first figure formatted, not on import

    # Parsed once: babel parses a locale name anew on every call, which costs more than
    # the formatting itself when a batch renders thousands of reports.
    return Locale.parse(LOCALE)


# The figures of a report are whole counts, amounts with at most six decimals and shares
# already rounded: for those, what babel prints with the patterns used here is plain digits
# (no grouping, as reports write them; "." before decimals), written below without loading
# babel, whose import and locale data cost a single render more than everything else it
# formats. Any other value
# (negative, not finite, needing rounding, huge) still goes through babel.
_FAST_LIMIT = 10**15


def _plain_count(value: object) -> str | None:
    """``value`` as babel's ``0`` pattern prints it, when that is just its digits."""
    if type(value) is int and 0 <= value < _FAST_LIMIT:
        return str(value)
    return None


def _exact(value: object, places: int) -> bool:
    """Whether ``value`` is a non-negative finite Decimal that needs no rounding at ``places``."""
    if type(value) is not Decimal or not value.is_finite() or value.is_signed():
        return False
    exponent = value.as_tuple().exponent
    return isinstance(exponent, int) and exponent >= -places and value < _FAST_LIMIT


MONEY_DECIMALS = 6
"""The most decimals an amount has: the fen (分) in 万元."""

PLACEHOLDER_MARK = "【待填写"
"""How every placeholder begins; text holding it is not finished (reportkit.eras.model)."""

PENDING = f"{PLACEHOLDER_MARK}】"
"""Printed in a draft where a figure or text has not been filled in yet."""


def placeholder(what: str) -> str:
    """The text standing in for prose an office writes itself: 【待填写：总体情况】."""
    return f"{PLACEHOLDER_MARK}：{what}】"


CHINESE_NUMERALS = "一二三四五六七八九十"


def _chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 99 → 九十九, 100 → 一百, 101 → 一百零一,
    110 → 一百一十, 1000 → 一千; from 10000 on (no report has so many) the digits."""
    if not 1 <= n <= 9999:
        return str(n)
    if n < 100:
        tens, ones = divmod(n, 10)
        head = "" if tens == 0 else ("十" if tens == 1 else CHINESE_NUMERALS[tens - 1] + "十")
        return head + (CHINESE_NUMERALS[ones - 1] if ones else "")
    out = ""
    zero = False  # a 零 is owed for the places skipped
    for unit, value in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit, n = divmod(n, value)
        if digit:
            out += ("零" if zero else "") + CHINESE_NUMERALS[digit - 1] + unit
            zero = False
        elif out:
            zero = True
    return out


def heading_number(level: int, n: int) -> str:
    """The GB/T 9704 ordinal of the n-th heading at ``level``: 一、 （一） 1. （1）."""
    if level == 1:
        return f"{_chinese_number(n)}、"
    if level == 2:
        return f"（{_chinese_number(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


_END_PUNCTUATION = "。！？；：，、.!?;:"


def run_in_title(title: str) -> str:
    """A title that runs into its paragraph ends with a full stop: 领导机制 → 领导机制。"""
    return title if title[-1] in _END_PUNCTUATION else title + "。"


def format_count(value: int | None) -> str:
    """A count as printed in prose: 31, 1234 (no grouping, as reports write them)."""
    if value is None:
        return PENDING
    plain = _plain_count(value)
    if plain is not None:
        return plain
    from babel.numbers import format_decimal

    return format_decimal(value, format="0", locale=_locale())


def format_money(value: Decimal | None) -> str:
    """An amount as printed, exactly as given (to the fen: up to six decimals in 万元), in
    the style of counts — plain digits, no grouping: 0, 12.5, 5949.088667, 59490886.67."""
    if value is None:
        return PENDING
    if _exact(value, MONEY_DECIMALS):
        whole, _point, fraction = f"{value:f}".partition(".")
        fraction = fraction.rstrip("0")
        return f"{whole}.{fraction}" if fraction else whole
    from babel.numbers import format_decimal

    return format_decimal(value, format="0." + "#" * MONEY_DECIMALS, locale=_locale())


def _largest_remainder_note(decimals: int, shares: Sequence[Decimal | None] = ()) -> str:
    """The note under largest-remainder shares, at the precision they were given (more than
    the report's when a share needed it to show it is not 0% or 100%)."""
    for share in shares:
        exponent = share.as_tuple().exponent if share is not None else 0
        if isinstance(exponent, int):
            decimals = max(decimals, -exponent)
    how = "取整" if decimals == 0 else f"保留{decimals}位小数"
    return f"（各项占比按最大余数法{how}，合计为100%。）"


def format_percent(value: Decimal | None, decimals: int = 0) -> str:
    """An already-rounded percentage as printed: 13%, 12.5% — with at least ``decimals``
    decimals, and every decimal the share was given beyond them (0.4% is not 0%)."""
    if value is None:
        return PENDING
    exponent = value.normalize().as_tuple().exponent if value.is_finite() else 0
    decimals = max(decimals, -exponent if isinstance(exponent, int) else 0)
    if _exact(value, decimals):
        return f"{value:.{decimals}f}%"
    pattern = "0" if decimals == 0 else "0." + "0" * decimals
    from babel.numbers import format_decimal

    return format_decimal(value, format=pattern, locale=_locale()) + "%"


def format_date_zh(value: dt.date | None) -> str:
    """A date in GB/T 9704 form: Arabic numerals, no leading zeros — 2018年1月20日."""
    if value is None:
        return PENDING
    if isinstance(value, dt.date):  # babel's y年M月d日: the numbers as they are
        return f"{value.year}年{value.month}月{value.day}日"
    from babel.dates import format_date

    return format_date(value, format="y年M月d日", locale=_locale())


def proactive_sentence(
    year: int,
    voice: str,
    total: int | None,
    unit_word: str,
    items: Sequence[tuple[str, int | None, Decimal | None]],
    decimals: int,
    *,
    largest_remainder: bool,
    cumulative: int | None = None,
) -> str:
    """The statistics of proactive disclosure: total (and the cumulative figure beside it,
    when given), then each category with its share."""
    if total == 0:
        return f"{year}年，{voice}未主动公开政府信息{_cumulative(cumulative, unit_word)}。"
    head = f"{year}年，{voice}共主动公开政府信息{format_count(total)}{unit_word}"
    head += _cumulative(cumulative, unit_word)
    if not items:
        return head + "。"
    parts = [
        f"{name}{format_count(count)}{unit_word}，占{format_percent(share, decimals)}"
        for name, count, share in items
    ]
    sentence = head + "，其中" + "；".join(parts) + "。"
    if largest_remainder:
        sentence += _largest_remainder_note(decimals, [share for _n, _c, share in items])
    return sentence


def _cumulative(cumulative: int | None, unit_word: str) -> str:
    """The cumulative figure (历年累计) printed beside the year's: （历年累计1234条）."""
    if cumulative is None:
        return ""
    return f"（历年累计{format_count(cumulative)}{unit_word}）"


def applications_sentence(
    voice: str,
    year: int,
    received: int | None,
    results: Sequence[tuple[str, int]],
    answered: int | None,
    reasons: Sequence[tuple[str, int | None]],
    *,
    cumulative: int | None = None,
) -> str:
    """What happened to the applications received (with the cumulative count beside the
    year's, when given); the default phrase when there were none."""
    if received == 0 and not answered:
        return f"全年{voice}未收到政府信息公开申请{_cumulative(cumulative, '件')}。"
    sentence = f"{year}年，{voice}共收到政府信息公开申请{format_count(received)}件"
    sentence += _cumulative(cumulative, "件")
    if answered is not None and results:
        listed = "，".join(f"{label}{format_count(n)}件" for label, n in results if n)
        sentence += f"，办结{format_count(answered)}件"
        if listed:
            sentence += f"，其中{listed}"
    sentence += "。"
    if reasons:
        listed = "，".join(f"{reason}{format_count(n)}件" for reason, n in reasons)
        sentence += f"不予公开的理由为：{listed}。"
    return sentence


def fees_sentence(voice: str, year: int, charged: Decimal | None, waived: Decimal | None) -> str:
    """Fees charged and waived for applications; the default phrase when none were charged."""
    if charged == 0 and waived == 0:
        return f"{year}年，{voice}依申请公开政府信息未收取任何费用。"
    sentence = f"{year}年，{voice}依申请公开政府信息收取费用{format_money(charged)}元"
    if waived:
        sentence += f"，减免费用{format_money(waived)}元"
    return sentence + "。"


def appeals_sentence(
    voice: str, year: int, reviews: int | None, lawsuits: int | None, complaints: int | None
) -> str:
    """Reviews and lawsuits over disclosure; the default phrase when there were none."""
    with_complaints = complaints is not None
    if reviews == 0 and lawsuits == 0 and (complaints or 0) == 0:
        what = "行政复议、提起行政诉讼和申诉" if with_complaints else "行政复议、提起行政诉讼"
        return f"{year}年，{voice}未发生因政府信息公开申请{what}的情况。"
    sentence = (
        f"{year}年，{voice}因政府信息公开申请行政复议{format_count(reviews)}件，"
        f"提起行政诉讼{format_count(lawsuits)}件"
    )
    if with_complaints:
        sentence += f"，申诉{format_count(complaints)}件"
    return sentence + "。"


def requests_sentence(
    year: int,
    voice: str,
    received: int | None,
    carried_in: int | None,
    answered: int | None,
    groups: Sequence[tuple[str, int | None, Decimal | None]],
    carried_over: int | None,
    decimals: int,
    *,
    largest_remainder: bool,
) -> str:
    """Table 2 in words: received, carried in, answered with each result's share, carried over."""
    if no_requests(received, carried_in):
        return f"全年{voice}未收到政府信息公开申请。"
    sentence = f"{year}年，{voice}新收政府信息公开申请{format_count(received)}件"
    if carried_in:
        sentence += f"，上年结转{format_count(carried_in)}件"
    sentence += f"，办结{format_count(answered)}件"
    listed = [
        f"{label}{format_count(n)}件，占{format_percent(share, decimals)}"
        for label, n, share in groups
        if n
    ]
    if listed:
        sentence += "，其中" + "；".join(listed)
    if carried_over:
        sentence += f"；结转下年度继续办理{format_count(carried_over)}件"
    sentence += "。"
    if largest_remainder and listed:
        sentence += _largest_remainder_note(decimals, [share for _l, _n, share in groups])
    return sentence


def review_lawsuit_sentence(
    year: int, voice: str, reviews: int | None, direct: int | None, after_review: int | None
) -> str:
    """Table 3 in words; the default phrase when there were no cases."""
    if reviews == 0 and direct == 0 and after_review == 0:
        return f"{year}年，{voice}未发生政府信息公开行政复议、行政诉讼案件。"
    lawsuits = None if direct is None or after_review is None else direct + after_review
    return (
        f"{year}年，{voice}发生政府信息公开行政复议案件{format_count(reviews)}件，"
        f"行政诉讼案件{format_count(lawsuits)}件（其中未经复议直接起诉{format_count(direct)}件，"
        f"复议后起诉{format_count(after_review)}件）。"
    )


def processing_fee_sentence(year: int, voice: str, amount: Decimal | None) -> str:
    """信息处理费 collected (2021 era); the default phrase when none was."""
    if amount == 0:
        return "本年度未收取信息处理费。"
    return f"{year}年，{voice}共收取信息处理费{format_money(amount)}元。"


NOTHING_ELSE = "本年度无其他需要报告的事项。"


def no_requests(received: int | None, carried_in: int | None) -> bool:
    """Nothing to report in Table 2: none received this year and none carried in."""
    return received == 0 and carried_in == 0


def requests_brief(
    year: int,
    voice: str,
    received: int | None,
    carried_in: int | None,
    answered: int | None,
    carried_over: int | None = 0,
) -> str:
    """Table 2 in one short sentence, for the 依申请公开 part of 总体情况: what came in
    (new and carried over from last year), what was answered and what goes on to next year,
    so that 办结 beside a different 新收 is explained."""
    if no_requests(received, carried_in):
        return f"全年{voice}未收到政府信息公开申请。"
    sentence = f"{year}年，{voice}新收政府信息公开申请{format_count(received)}件"
    if carried_in:
        sentence += f"，上年结转{format_count(carried_in)}件"
    sentence += f"，办结{format_count(answered)}件"
    if carried_over:
        sentence += f"，结转下年度继续办理{format_count(carried_over)}件"
    return sentence + "，具体情况见第三部分。"
