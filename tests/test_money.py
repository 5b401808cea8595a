"""Amounts of money: exact to the fen (分) in their unit — 2 decimals in 元, 6 in 万元 — and a
finer value refused with the allowed precision named, without hiding any other problem."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from reportkit import phrases
from reportkit.loading import check_file
from tests.conftest import MINIMAL_2007, STREET_2023, TOWN_2020

WriteYaml = Callable[..., Path]

STREET = STREET_2023.read_text(encoding="utf-8")
TOWN = TOWN_2020.read_text(encoding="utf-8")


def _street_fee(amount: str) -> str:
    return STREET.replace("    本年收费金额: 0", f"    本年收费金额: {amount}")


def _messages(path: Path, code: str) -> list[str]:
    return [str(p) for p in check_file(path).problems if p.code == code]


@pytest.mark.parametrize(
    ("text", "field"),
    [
        pytest.param(_street_fee("5949.088667"), "本年收费金额", id="2021-fee-wan-yuan-6"),
        pytest.param(
            STREET.replace("  信息处理费: 0", "  信息处理费: 59490886.67").replace(
                "未收取信息处理费", "收取信息处理费59490886.67元"
            ),
            "信息处理费",
            id="2021-processing-fee-yuan-2",
        ),
        pytest.param(
            TOWN.replace("    采购总金额: 38.5", "    采购总金额: 5949.088667"),
            "采购总金额",
            id="2019-procurement-wan-yuan-6",
        ),
        pytest.param(
            MINIMAL_2007.replace("  收费金额: 0", "  收费金额: 1234.56"),
            "收费金额",
            id="2007-fee-yuan-2",
        ),
    ],
)
def test_an_amount_exact_to_the_fen_is_accepted(
    write_yaml: WriteYaml, text: str, field: str
) -> None:
    """An amount with as many decimals as reach the fen in its unit validates with no error."""
    result = check_file(write_yaml(text))
    assert result.errors == [], [str(p) for p in result.errors]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            _street_fee("5949.0886671"),
            "主动公开.行政事业性收费.本年收费金额: 以万元计最多 6 位小数（精确到分）"
            "（现为 5949.0886671）",
            id="2021-fee-wan-yuan",
        ),
        pytest.param(
            STREET.replace("  信息处理费: 0", "  信息处理费: 12.345"),
            "其他事项.信息处理费: 以元计最多 2 位小数（精确到分）（现为 12.345）",
            id="2021-processing-fee-yuan",
        ),
        pytest.param(
            TOWN.replace("    采购总金额: 38.5", "    采购总金额: 38.505").replace(
                "    单位: 万元", "    单位: 元"
            ),
            "主动公开.政府集中采购.采购总金额: 以元计最多 2 位小数（精确到分）（现为 38.505）",
            id="2019-procurement-in-yuan",
        ),
        pytest.param(
            TOWN.replace("    采购总金额: 38.5", "    采购总金额: 38.1234567"),
            "主动公开.政府集中采购.采购总金额: 以万元计最多 6 位小数（精确到分）"
            "（现为 38.1234567）",
            id="2019-procurement-in-wan-yuan",
        ),
        pytest.param(
            MINIMAL_2007.replace("  收费金额: 0", "  收费金额: 0.001"),
            "收费及减免.收费金额: 以元计最多 2 位小数（精确到分）（现为 0.001）",
            id="2007-fee",
        ),
    ],
)
def test_an_amount_finer_than_the_fen_names_the_allowed_precision(
    write_yaml: WriteYaml, text: str, expected: str
) -> None:
    """An amount finer than the fen is one too-precise error naming the unit's precision."""
    messages = _messages(write_yaml(text), "too-precise")
    assert len(messages) == 1
    assert messages[0].split(": ", 1)[1] == expected


def test_trailing_zeros_are_no_extra_precision(write_yaml: WriteYaml) -> None:
    """12.5000 元 is 12.5 元: zeros after the last digit do not count as decimals."""
    path = write_yaml(MINIMAL_2007.replace("  收费金额: 0", "  收费金额: 12.5000"))
    assert check_file(path).errors == []


def test_a_too_precise_amount_hides_no_other_problem(write_yaml: WriteYaml) -> None:
    """With a too-precise fee, an identity error and (in a draft) a blank elsewhere are still
    reported in the same run, and the report is still built from the other figures."""
    text = _street_fee("5949.0886671").replace(
        "    予以公开: {自然人: 6, 商业企业: 1, 科研机构: 1, 总计: 8}",
        "    予以公开: {自然人: 6, 商业企业: 1, 科研机构: 1, 总计: 9}",
    )
    text = text.replace(
        "  行政强制:\n    本年处理决定数量: 2", "  行政强制:\n    本年处理决定数量:"
    )
    result = check_file(write_yaml(text), draft=True)
    codes = sorted(p.code for p in result.problems)
    assert codes == ["identity", "too-precise", "unfilled"]
    assert result.report is not None


def test_last_years_file_with_a_too_precise_amount_is_still_compared(
    write_yaml: WriteYaml,
) -> None:
    """Next year's file is compared with a last year's file whose fee is too precise: the
    carry-over check still finds last year's 结转下年度."""
    write_yaml(_street_fee("5949.0886671"), "2023.yaml")
    # last year carried 1 over; this file says 2 came in (the street's own figures)
    this_year = STREET.replace("年度: 2023", "年度: 2024").replace(
        "日期: 2024-01-22", "日期: 2025-01-22"
    )
    path = write_yaml(this_year, "2024.yaml")
    result = check_file(path, previous=path.parent / "2023.yaml")
    assert [p.code for p in result.problems if p.code.startswith("previous")] == []
    assert "carry-over" in {p.code for p in result.problems}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("5949.088667"), "5949.088667"),
        (Decimal("59490886.67"), "59490886.67"),
        (Decimal("1234.50"), "1234.5"),
        (Decimal("12"), "12"),
        (Decimal("0"), "0"),
        (None, "【待填写】"),
    ],
)
def test_amounts_print_to_the_fen_in_the_style_of_counts(
    value: Decimal | None, expected: str
) -> None:
    """An amount prints exactly as given, up to six decimals, with no thousands separator
    (counts have none either)."""
    assert phrases.format_money(value) == expected
