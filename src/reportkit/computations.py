"""Pure derived figures: shares of a total, rounded half-up or by largest remainder."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

__all__ = ["percent_half_up", "percent_largest_remainder", "percentages"]

_HUNDRED = Decimal(100)


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


def percentages(
    parts: Sequence[int], total: int, decimals: int = 0, *, sum_to_100: bool = False
) -> list[Decimal]:
    """The share of each part in ``total``, rounded as the report asks."""
    if sum_to_100:
        return percent_largest_remainder(parts, total, decimals)
    return [percent_half_up(p, total, decimals) for p in parts]
