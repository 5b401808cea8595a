"""Shares of a total: half-up rounding and largest-remainder rounding."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportkit.computations import percent_half_up, percent_largest_remainder, percentages


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
