"""What clerks type: unambiguous values are normalised (and said so), the rest refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from reportkit.eras.art32 import Report2007
from reportkit.loading import check_file
from reportkit.normalise import normalise, normalise_year
from tests.conftest import MINIMAL_2007, UNDATED_2007


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("４", 4),  # full-width digit
        ("'12'", 12),  # a number written as text
        ("'1,234'", 1234),  # thousands separator
        ("31条", 31),  # with its measure word
        ("7 件", 7),
        ("３１条", 31),
        ("3.0", 3),  # a float that is a whole number
    ],
)
def test_counts_are_normalised(write_yaml: Callable[..., Path], typed: str, read: int) -> None:
    """A count typed in any unambiguous way is read as the number, with a warning that says so."""
    path = write_yaml(MINIMAL_2007.replace("  收到申请: 0", f"  收到申请: {typed}"))
    result = check_file(path)
    assert result.report is not None, [str(p) for p in result.problems]
    assert result.report.applications.received == read  # type: ignore[attr-defined]
    notes = [p for p in result.warnings if p.code == "normalised"]
    assert [(p.path, p.line) for p in notes] == [(("依申请公开", "收到申请"), 14)]
    assert f"读作 {read}" in notes[0].message


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("3.5", "应为整数，不能有小数（现为 3.5）"),
        ("很多", "应为整数（现为 '很多'）"),
        ("'1,23'", "应为整数（现为 '1,23'）"),  # not a thousands separator
        ("31万", "应为整数（现为 '31万'）"),
        ("-2", "应为非负数（现为 -2）"),
    ],
)
def test_ambiguous_counts_are_refused(
    write_yaml: Callable[..., Path], typed: str, message: str
) -> None:
    """Anything that could mean more than one number is refused with field and line."""
    result = check_file(write_yaml(MINIMAL_2007.replace("  收到申请: 0", f"  收到申请: {typed}")))
    assert [(p.line, p.message) for p in result.errors] == [(14, message)]


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("2018年1月5日", dt.date(2018, 1, 5)),
        ("2018.1.5", dt.date(2018, 1, 5)),
        ("2018/01/05", dt.date(2018, 1, 5)),
        ("2018-01-05", dt.date(2018, 1, 5)),
        ("２０１８年１月５日", dt.date(2018, 1, 5)),
    ],
)
def test_dates_in_chinese_forms(write_yaml: Callable[..., Path], typed: str, read: dt.date) -> None:
    """Dates in the usual Chinese and dotted forms are read as the same date."""
    result = check_file(write_yaml(UNDATED_2007 + f"落款:\n  日期: {typed}\n"))
    assert result.report is not None, [str(p) for p in result.problems]
    assert result.report.signoff.date == read


@pytest.mark.parametrize(
    "typed",
    [
        "2018-02-20",  # YAML's own date
        "'2018-02-20'",  # quoted: text, but the same date
        '"2018-02-20"',
        "2018年2月20日",
        "2018年02月20日",
        "'2018年2月20日'",
    ],
)
def test_usual_dates_are_read_without_a_warning(
    write_yaml: Callable[..., Path], typed: str
) -> None:
    """2018-02-20 (quoted or not) and 2018年2月20日 are how dates are written: no warning."""
    result = check_file(write_yaml(UNDATED_2007 + f"落款:\n  日期: {typed}\n"))
    assert result.report is not None, [str(p) for p in result.problems]
    assert result.report.signoff.date == dt.date(2018, 2, 20)
    assert result.problems == []


@pytest.mark.parametrize("typed", ["20180122", "'20180122'"])
def test_compact_date_is_read_as_that_date(write_yaml: Callable[..., Path], typed: str) -> None:
    """20180122 (a number to YAML, seconds since 1970 to pydantic) is read as 2018-01-22."""
    result = check_file(write_yaml(UNDATED_2007 + f"落款:\n  日期: {typed}\n"))
    assert result.report is not None, [str(p) for p in result.problems]
    assert result.report.signoff.date == dt.date(2018, 1, 22)
    assert [p.message for p in result.problems] == ["已将“20180122”读作 2018-01-22"]


@pytest.mark.parametrize("typed", ["20241322", "20240230", "0", "86400", "'20241322'", "2024.5"])
def test_number_that_is_no_date_is_refused(write_yaml: Callable[..., Path], typed: str) -> None:
    """A number that is no calendar date (not even 0, which pydantic reads as 1970-01-01) is
    refused with the forms a date may be written in."""
    result = check_file(write_yaml(UNDATED_2007 + f"落款:\n  日期: {typed}\n"))
    assert [(p.path, p.message.partition("（现为")[0]) for p in result.errors] == [
        (("落款", "日期"), "应为日期，写作 2018-01-20、2018年1月20日 或 20180120（须是实有的日期）")
    ]


@pytest.mark.parametrize("typed", ["2025-02-20 10:00", "2025-02-20 10:00:00", "2025-02-20T10:00"])
def test_date_with_a_time_is_refused(write_yaml: Callable[..., Path], typed: str) -> None:
    """A date with a time of day is refused in words (a pasted timestamp is not guessed at)."""
    result = check_file(write_yaml(UNDATED_2007 + f"落款:\n  日期: {typed}\n"))
    assert [(p.path, p.message.partition("（现为")[0]) for p in result.errors] == [
        (("落款", "日期"), "应为日期，不含时间，如 2018-01-20")
    ]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("20241322", "should be a date, written 2018-01-20, “2018年1月20日” or 20180120"),
        ("2025-02-20 10:00", "should be a date without a time of day, such as 2018-01-20"),
    ],
)
def test_date_messages_in_english(
    write_yaml: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, typed: str, message: str
) -> None:
    """With --lang en the date messages are English."""
    from reportkit import i18n

    monkeypatch.setattr(i18n, "_language", i18n._language)
    monkeypatch.setattr(i18n, "_translations", i18n._translations)
    monkeypatch.setattr(i18n, "_library", i18n._library)
    i18n.set_language("en")
    result = check_file(write_yaml(UNDATED_2007 + f"落款:\n  日期: {typed}\n"))
    assert [p.message.startswith(message) for p in result.errors] == [True], result.errors


@pytest.mark.parametrize("typed", ["2018年2月30日", "2018年13月1日", "去年年底"])
def test_impossible_dates_are_refused(write_yaml: Callable[..., Path], typed: str) -> None:
    """A date that does not exist is refused, not guessed."""
    result = check_file(write_yaml(UNDATED_2007 + f"落款:\n  日期: {typed}\n"))
    assert [p.path for p in result.errors] == [("落款", "日期")]


def test_money_with_a_unit_is_refused(write_yaml: Callable[..., Path]) -> None:
    """An amount with its unit is refused: 元 and 万元 differ ten-thousandfold."""
    result = check_file(write_yaml(MINIMAL_2007.replace("  收费金额: 0", "  收费金额: 12.5元")))
    assert [p.message for p in result.errors] == ["应为金额数字，不要写单位（现为 '12.5元'）"]


def test_amount_with_separators_is_read() -> None:
    """An amount typed with a thousands separator or full-width digits is read exactly."""
    data, notes = normalise(
        Report2007, {"收费及减免": {"收费金额": "1,234.50", "减免金额": "１２"}}
    )
    assert data["收费及减免"] == {"收费金额": Decimal("1234.50"), "减免金额": Decimal(12)}
    assert len(notes) == 2


def test_control_characters_are_removed() -> None:
    """Invisible control characters (which would corrupt the .docx) are removed, with a warning."""
    data, notes = normalise(
        Report2007, {"导语": "第一段\x07第二\x0c段\x00", "单位": {"自称": "我镇"}}
    )
    assert data["导语"] == "第一段第二段"
    assert [n.path for n in notes] == [("导语",)]


@pytest.mark.parametrize(
    ("typed", "year"),
    [
        (2017, 2017),
        ("2017", 2017),
        ("２０１７", 2017),
        ("2017年", 2017),
        ("十七", None),
        (True, None),
        (2017.5, None),
    ],
)
def test_year(typed: object, year: int | None) -> None:
    """The report year may be typed as text or with 年; anything else is not a year."""
    assert normalise_year(typed) == year


@pytest.mark.parametrize(
    ("typed", "read"), [("是", True), ("否", False), ("yes", True), ("true", True)]
)
def test_yes_and_no_in_chinese(write_yaml: Callable[..., Path], typed: str, read: bool) -> None:
    """A yes/no setting may be written 是 or 否, as the file's own comments say it."""
    result = check_file(write_yaml(MINIMAL_2007 + f"百分比:\n  合计为百: {typed}\n"))
    assert result.report is not None, [str(p) for p in result.problems]
    assert result.report.percent.sum_to_100 is read
