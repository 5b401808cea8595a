"""Shares of a total: half-up rounding and largest-remainder rounding."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportkit.computations import (
    percent_half_up,
    percent_largest_remainder,
    percentages,
    shows,
)


@pytest.mark.parametrize(
    ("part", "total", "decimals", "expected"),
    [
        (4, 31, 0, "13"),  # the seed report: 12.90 → 13
        (23, 31, 0, "74"),  # 74.19 → 74
        (1, 8, 0, "13"),  # 12.5 rounds half-up, not to even
        (1, 40, 0, "3"),  # 2.5 → 3 (banker's rounding would give 2)
        (1, 3, 1, "33.3"),
        (2, 3, 2, "66.67"),
        (0, 5, 0, "0"),
        (5, 5, 0, "100"),
    ],
)
def test_percent_half_up(part: int, total: int, decimals: int, expected: str) -> None:
    """A share is part/total in percent, rounded half-up to the chosen decimals."""
    assert percent_half_up(part, total, decimals) == Decimal(expected)


def test_percent_of_zero_total_is_refused() -> None:
    """A share of nothing is undefined, not 0%."""
    with pytest.raises(ValueError):
        percent_half_up(0, 0)


@pytest.mark.parametrize(
    ("parts", "decimals", "expected"),
    [
        ([1, 1, 1], 0, ["34", "33", "33"]),  # half-up would give 33+33+33 = 99
        ([4, 4, 23], 0, ["13", "13", "74"]),
        ([1, 1, 1], 1, ["33.4", "33.3", "33.3"]),
        # floors 4,9,14,19,23,28 (97); the three largest remainders (.81, .76, .57) get +1
        ([1, 2, 3, 4, 5, 6], 0, ["5", "9", "14", "19", "24", "29"]),
    ],
)
def test_largest_remainder(parts: list[int], decimals: int, expected: list[str]) -> None:
    """Largest-remainder shares add up to exactly 100 and differ from half-up only where needed."""
    shares = percent_largest_remainder(parts, sum(parts), decimals)
    assert shares == [Decimal(e) for e in expected]
    assert sum(shares) == 100


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=12), st.integers(0, 2)
)
def test_largest_remainder_always_sums_to_100(parts: list[int], decimals: int) -> None:
    """For any counts with a positive total, largest-remainder shares sum to 100 exactly."""
    total = sum(parts)
    if total == 0:
        return
    shares = percentages(parts, total, decimals, sum_to_100=True)
    assert sum(shares) == 100
    for share, part in zip(shares, parts, strict=True):
        exact = Decimal(part) * 100 / Decimal(total)
        assert abs(share - exact) < Decimal(1).scaleb(-decimals)


@pytest.mark.parametrize(
    ("parts", "decimals", "sum_to_100", "expected"),
    [
        ([3, 797], 0, False, ["0.4", "99.6"]),  # 0.375% is not 0%, 99.625% is not 100%
        ([1, 9999], 1, False, ["0.01", "99.99"]),  # 0.01% at one decimal would be 0.0%
        ([1, 1999], 0, False, ["0.1", "99.95"]),  # 0.05 rounds half-up to 0.1: not 0
        ([0, 800], 0, False, ["0", "100"]),  # a zero part is 0%; the whole is 100%
        ([4, 4, 23], 0, False, ["13", "13", "74"]),  # nothing to show: the report's precision
        ([3, 797], 0, True, ["0.4", "99.6"]),  # one precision for all, still summing to 100
        ([1, 999], 0, True, ["0.1", "99.9"]),  # largest remainder alone would give 0 and 100
        ([1, 1, 1], 0, True, ["34", "33", "33"]),
    ],
)
def test_a_share_never_prints_as_0_or_100_when_it_is_not(
    parts: list[int], decimals: int, sum_to_100: bool, expected: list[str]
) -> None:
    """A non-zero part that rounds to 0%, or a part short of the total that rounds to 100%,
    gets the decimals that show it; other shares keep the report's precision."""
    shares = percentages(parts, sum(parts), decimals, sum_to_100=sum_to_100)
    assert [str(s) for s in shares] == expected


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=12),
    st.integers(0, 2),
    st.booleans(),
)
def test_every_share_shows_its_part(parts: list[int], decimals: int, sum_to_100: bool) -> None:
    """For any counts, no share of a non-zero part is 0 and none short of the total is 100."""
    total = sum(parts)
    if total == 0:
        return
    shares = percentages(parts, total, decimals, sum_to_100=sum_to_100)
    assert all(shows(p, total, s) for p, s in zip(parts, shares, strict=True))
