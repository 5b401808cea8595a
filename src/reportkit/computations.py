"""Pure derived figures: shares of a total, rounded half-up or by largest remainder.

A share is never printed as a claim the counts contradict: a non-zero part never shows as
0%, nor a part short of the total as 100%. Where the report's precision would say so, that
share gets as many more decimals as it takes (3 of 800 is 0.4%, not 0%).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

__all__ = ["MAX_DECIMALS", "percent_half_up", "percent_largest_remainder", "percentages", "shows"]

_HUNDRED = Decimal(100)

MAX_DECIMALS = 6
"""The most decimals a share is given to show that it is neither 0% nor 100%."""


def _quantum(decimals: int) -> Decimal:
    return Decimal(1).scaleb(-decimals)


def percent_half_up(part: int, total: int, decimals: int = 0) -> Decimal:
    """``part / total`` as a percentage rounded half-up (4/31 → 13, 1/8 → 12.5 → 13)."""
    if total <= 0:
        raise ValueError("total must be positive")
    exact = Decimal(part) * _HUNDRED / Decimal(total)
    return exact.quantize(_quantum(decimals), rounding=ROUND_HALF_UP)


def percent_largest_remainder(parts: Sequence[int], total: int, decimals: int = 0) -> list[Decimal]:
    """Shares of ``total`` that add up to exactly 100 when ``parts`` sum to ``total``.

    Each share is first rounded down to the precision; the units still missing go,
    one each, to the shares with the largest remainders (ties: earlier part first).
    """
    if total <= 0:
        raise ValueError("total must be positive")
    quantum = _quantum(decimals)
    exact = [Decimal(p) * _HUNDRED / Decimal(total) for p in parts]
    floored = [e.quantize(quantum, rounding=ROUND_FLOOR) for e in exact]
    target = (Decimal(sum(parts)) * _HUNDRED / Decimal(total)).quantize(quantum, ROUND_HALF_UP)
    missing = int((target - sum(floored, Decimal(0))) / quantum)
    order = sorted(range(len(parts)), key=lambda i: (-(exact[i] - floored[i]), i))
    for i in order[: max(missing, 0)]:
        floored[i] += quantum
    return floored


def shows(part: int, total: int, share: Decimal) -> bool:
    """Whether ``share`` tells the truth about ``part``: not 0% when the part is not 0, not
    100% when the part is short of the total."""
    return (part == 0 or share != 0) and (part >= total or share != _HUNDRED)


def _visible_half_up(part: int, total: int, decimals: int) -> Decimal:
    share = percent_half_up(part, total, decimals)
    while not shows(part, total, share) and decimals < MAX_DECIMALS:
        decimals += 1
        share = percent_half_up(part, total, decimals)
    return share


def percentages(
    parts: Sequence[int], total: int, decimals: int = 0, *, sum_to_100: bool = False
) -> list[Decimal]:
    """The share of each part in ``total``, rounded as the report asks, each with the
    decimals it needs to show it is neither 0% (a part not 0) nor 100% (a part short of
    the total). Largest-remainder shares keep one precision, so they still add up to 100."""
    if not sum_to_100:
        return [_visible_half_up(p, total, decimals) for p in parts]
    shares = percent_largest_remainder(parts, total, decimals)
    while decimals < MAX_DECIMALS and not all(
        shows(p, total, s) for p, s in zip(parts, shares, strict=True)
    ):
        decimals += 1
        shares = percent_largest_remainder(parts, total, decimals)
    return shares
