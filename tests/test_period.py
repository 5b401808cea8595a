"""统计期限: a statistical period stated when it is not the calendar year, and warned."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reportkit.loading import check_file
from tests.conftest import MINIMAL_2007, STREET_2023

WriteYaml = Callable[..., Path]


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        pytest.param("{起: 2017-01-01, 止: 2017-12-31}", [], id="the-calendar-year"),
        pytest.param(
            "{起: 2016-12-01, 止: 2017-11-30}",
            [
                (
                    "period",
                    "统计期限 2016-12-01 至 2017-11-30 不是 2017 年度（2017-01-01 至 2017-12-31），"
                    "请核对统计期限或报告年度",
                )
            ],
            id="another-twelve-months",
        ),
        pytest.param(
            "{起: 2017-12-31, 止: 2017-01-01}",
            [("invalid", "统计期限的止日期 2017-01-01 早于起日期 2017-12-31（现为 一组字段）")],
            id="ends-before-it-starts",
        ),
    ],
)
def test_a_period_other_than_the_calendar_year_is_warned(
    write_yaml: WriteYaml, period: str, expected: list[tuple[str, str]]
) -> None:
    """A stated period that is the report's calendar year passes; any other is a warning
    naming both dates; one that ends before it starts is an error."""
    path = write_yaml(MINIMAL_2007 + f"统计期限: {period}\n")
    problems = [(p.code, p.message) for p in check_file(path, draft=True).problems]
    assert [p for p in problems if p[0] != "unfilled"] == expected


def test_the_period_is_optional_in_every_era(write_yaml: WriteYaml) -> None:
    """An Art. 50 report may state its period too (and need not)."""
    text = STREET_2023.read_text(encoding="utf-8") + "统计期限: {起: 2023-01-01, 止: 2023-11-30}\n"
    result = check_file(write_yaml(text))
    assert [(p.code, p.path) for p in result.problems] == [("period", ("统计期限",))]
    assert check_file(STREET_2023).problems == []
