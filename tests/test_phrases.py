"""Default wording and number/date formatting."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from reportkit import phrases


@pytest.mark.parametrize(
    ("level", "n", "expected"),
    [
        (1, 1, "一、"),
        (1, 10, "十、"),
        (1, 11, "十一、"),
        (1, 20, "二十、"),
        (2, 3, "（三）"),
        (3, 2, "2."),
        (4, 5, "（5）"),
    ],
)
def test_heading_numbers(level: int, n: int, expected: str) -> None:
    """Heading ordinals follow GB/T 9704: 一、 （一） 1. （1）."""
    assert phrases.heading_number(level, n) == expected


@pytest.mark.parametrize(
    ("date", "expected"),
    [(dt.date(2018, 1, 20), "2018年1月20日"), (dt.date(2018, 10, 5), "2018年10月5日")],
)
def test_dates_have_no_leading_zeros(date: dt.date, expected: str) -> None:
    """Dates are written with Arabic numerals and no leading zeros."""
    assert phrases.format_date_zh(date) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (Decimal("13"), 0, "13%"),
        (Decimal("12.5"), 1, "12.5%"),
        (Decimal("7.25"), 2, "7.25%"),
        (None, 0, phrases.PENDING),
    ],
)
def test_percent_format(value: Decimal | None, decimals: int, expected: str) -> None:
    """Percentages print with the report's precision; an unknown one prints 【待填写】."""
    assert phrases.format_percent(value, decimals) == expected


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (
            lambda: phrases.applications_sentence("我镇", 2017, 0, [], None, []),
            "全年我镇未收到政府信息公开申请。",
        ),
        (
            lambda: phrases.fees_sentence("本街道", 2019, Decimal(0), Decimal(0)),
            "2019年，本街道依申请公开政府信息未收取任何费用。",
        ),
        (
            lambda: phrases.appeals_sentence("我镇", 2017, 0, 0, None),
            "2017年，我镇未发生因政府信息公开申请行政复议、提起行政诉讼的情况。",
        ),
        (
            lambda: phrases.appeals_sentence("我镇", 2017, 0, 0, 0),
            "2017年，我镇未发生因政府信息公开申请行政复议、提起行政诉讼和申诉的情况。",
        ),
        (
            lambda: phrases.appeals_sentence("本机关", 2017, 1, 2, None),
            "2017年，本机关因政府信息公开申请行政复议1件，提起行政诉讼2件。",
        ),
        (
            lambda: phrases.fees_sentence("我镇", 2017, Decimal("12.5"), Decimal(3)),
            "2017年，我镇依申请公开政府信息收取费用12.5元，减免费用3元。",
        ),
        (
            lambda: phrases.applications_sentence(
                "我局",
                2016,
                3,
                [("同意公开", 2), ("不予公开", 1), ("其他情形", 0)],
                3,
                [("属于国家秘密", 1)],
            ),
            "2016年，我局共收到政府信息公开申请3件，办结3件，其中同意公开2件，不予公开1件。"
            "不予公开的理由为：属于国家秘密1件。",
        ),
    ],
)
def test_sentences(call: object, expected: str) -> None:
    """Sentences are in the unit's own voice; nothing-happened cases use the default phrase."""
    assert callable(call)
    assert call() == expected


def test_proactive_sentence_with_shares() -> None:
    """The proactive statistics sentence lists each category with its count and share."""
    sentence = phrases.proactive_sentence(
        2017,
        "我镇",
        31,
        "条",
        [("规范性文件", 4, Decimal(13)), ("其他", 27, Decimal(87))],
        0,
        largest_remainder=False,
    )
    assert (
        sentence
        == "2017年，我镇共主动公开政府信息31条，其中规范性文件4条，占13%；其他27条，占87%。"
    )


def test_run_in_titles_end_with_a_stop() -> None:
    """A run-in heading gets a full stop unless it already ends with punctuation."""
    assert phrases.run_in_title("领导机制") == "领导机制。"
    assert phrases.run_in_title("领导机制：") == "领导机制："


def test_both_request_sentences_agree_on_nothing_happened() -> None:
    """Carried-in applications mean something happened, in 总体情况 and in section 三 alike."""
    brief = phrases.requests_brief(2023, "本街道", 0, 2, 2)
    full = phrases.requests_sentence(
        2023, "本街道", 0, 2, 2, [("予以公开", 2, Decimal(100))], 0, 0, largest_remainder=False
    )
    assert "未收到" not in brief and "未收到" not in full
    assert phrases.requests_brief(2023, "本街道", 0, 0, 0) == "全年本街道未收到政府信息公开申请。"


@pytest.mark.parametrize(
    ("decimals", "shares", "note"),
    [
        (0, ("33", "67"), "（各项占比按最大余数法取整，合计为100%。）"),
        (1, ("33.4", "66.6"), "（各项占比按最大余数法保留1位小数，合计为100%。）"),
        # shares given a decimal more to show they are not 0% or 100%: the note says so
        (0, ("0.4", "99.6"), "（各项占比按最大余数法保留1位小数，合计为100%。）"),
    ],
)
def test_largest_remainder_note_names_the_precision(
    decimals: int, shares: tuple[str, str], note: str
) -> None:
    """The note on largest-remainder shares says whole percent or how many decimals."""
    sentence = phrases.proactive_sentence(
        2017,
        "我镇",
        3,
        "条",
        [("甲", 1, Decimal(shares[0])), ("乙", 2, Decimal(shares[1]))],
        decimals,
        largest_remainder=True,
    )
    assert sentence.endswith(note)


@pytest.mark.parametrize(
    ("amount", "printed"),
    [
        (Decimal("0.125"), "0.125"),
        (Decimal("0.004"), "0.004"),
        (Decimal("1234.5"), "1234.5"),
        (Decimal(0), "0"),
    ],
)
def test_money_prints_as_given(amount: Decimal, printed: str) -> None:
    """An amount prints with its own decimals, never rounded away (0.004 is not 0)."""
    assert phrases.format_money(amount) == printed


@pytest.mark.parametrize(
    ("n", "expected"),
    [(99, "九十九"), (100, "一百"), (101, "一百零一"), (110, "一百一十"), (1001, "一千零一")],
)
def test_heading_numbers_beyond_ninety_nine(n: int, expected: str) -> None:
    """A hundred or more headings at one level are numbered on in Chinese, never an error."""
    assert phrases.heading_number(1, n) == f"{expected}、"
    assert phrases.heading_number(2, n) == f"（{expected}）"
