"""Generated text says only what is true: carry-overs named, no fact printed twice, untitled
items numbered, one number style, and shares that never round to a false 0% or 100%."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from reportkit import outline, phrases
from reportkit.context import build_context
from reportkit.loading import load
from tests.conftest import STREET_2023

WriteYaml = Callable[..., Path]

STREET = STREET_2023.read_text(encoding="utf-8")


def _paragraphs(path: Path) -> list[str]:
    report, _warnings = load(path)
    blocks: list[dict[str, Any]] = build_context(report)["blocks"]
    return [b["number"] + b["title"] + b["text"] for b in blocks if b["kind"] == "p"]


@pytest.mark.parametrize(
    ("received", "carried_in", "answered", "carried_over", "expected"),
    [
        (
            34,
            1,
            35,
            0,
            "2023年，本街道新收政府信息公开申请34件，上年结转1件，办结35件，具体情况见第三部分。",
        ),
        (
            34,
            0,
            33,
            1,
            "2023年，本街道新收政府信息公开申请34件，办结33件，结转下年度继续办理1件，"
            "具体情况见第三部分。",
        ),
        (
            20,
            2,
            21,
            1,
            "2023年，本街道新收政府信息公开申请20件，上年结转2件，办结21件，"
            "结转下年度继续办理1件，具体情况见第三部分。",
        ),
        (12, 0, 12, 0, "2023年，本街道新收政府信息公开申请12件，办结12件，具体情况见第三部分。"),
        (0, 0, 0, 0, "全年本街道未收到政府信息公开申请。"),
    ],
)
def test_brief_requests_sentence_names_the_carry_overs(
    received: int, carried_in: int, answered: int, carried_over: int, expected: str
) -> None:
    """The 总体情况 sentence names 上年结转 and 结转下年度 when there are any, so 办结 beside a
    different 新收 is explained."""
    sentence = phrases.requests_brief(2023, "本街道", received, carried_in, answered, carried_over)
    assert sentence == expected


def test_the_example_street_explains_answering_more_than_it_received() -> None:
    """The 2023 street example (新收 20, 办结 21) says where the 21st application came from."""
    texts = _paragraphs(STREET_2023)
    brief = next(t for t in texts if "具体情况见第三部分" in t)
    assert "上年结转2件" in brief and "结转下年度继续办理1件" in brief


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        pytest.param(
            "2023年，本街道共收取信息处理费120元。",
            ["2023年，本街道共收取信息处理费120元。"],
            id="clerk-states-the-fee",
        ),
        pytest.param(
            "本街道依申请公开工作规范有序。",
            ["2023年，本街道共收取信息处理费120元。", "本街道依申请公开工作规范有序。"],
            id="clerk-writes-of-something-else",
        ),
        pytest.param(
            "信息处理费的收取依照国办规定执行。",
            ["2023年，本街道共收取信息处理费120元。", "信息处理费的收取依照国办规定执行。"],
            id="clerk-names-the-fee-without-a-figure",
        ),
    ],
)
def test_the_fee_sentence_is_not_printed_twice(
    write_yaml: WriteYaml, text: str, printed: list[str]
) -> None:
    """When the clerk's 其他事项 text states the 信息处理费 itself, the generated fee sentence
    is left out (it used to print the same fact twice); otherwise it comes first."""
    data = STREET.replace("  信息处理费: 0", "  信息处理费: 120").replace(
        "    本街道认真落实上级政务公开工作要点部署的各项任务。2023年，本街道未收取信息处理费。",
        f"    {text}",
    )
    texts = _paragraphs(write_yaml(data))
    assert texts[-len(printed) :] == printed
    assert len([t for t in texts if "信息处理费" in t]) == len(
        [t for t in printed if "信息处理费" in t]
    )


def test_untitled_list_items_keep_their_numbers(write_yaml: WriteYaml) -> None:
    """Items of 问题及改进.小节 without 标题 are numbered like titled ones, before their text."""
    data = STREET.replace("    - 标题: 提升答复质量\n      正文:", "    - 正文:").replace(
        "    - 标题: 加强社区公开指导\n      正文:", "    - 正文:"
    )
    texts = _paragraphs(write_yaml(data))
    assert "（二）规范依申请公开答复文书，逐项说明答复依据和理由，必要时听取法律顾问意见。" in texts
    assert "（三）制定社区居务公开清单，定期开展指导检查，推动基层公开标准化、规范化。" in texts


def test_untitled_nodes_are_numbered_in_order() -> None:
    """flatten numbers titled and untitled nodes alike, consecutively."""
    nodes = [
        outline.Node("甲", ["一段"]),
        outline.Node(None, ["二段"]),
        outline.Node("丙", ["三段"]),
    ]
    blocks = outline.flatten(nodes, level=3)
    assert [(b["number"], b["title"], b["text"]) for b in blocks] == [
        ("1.", "甲。", "一段"),
        ("2.", "", "二段"),
        ("3.", "丙。", "三段"),
    ]


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        (phrases.format_count(12345), "12345"),
        (phrases.format_money(Decimal("12345.5")), "12345.5"),
        (phrases.format_money(Decimal("59490886.67")), "59490886.67"),
        (phrases.format_money(Decimal("5949.088667")), "5949.088667"),
    ],
)
def test_counts_and_amounts_share_one_number_style(printed: str, expected: str) -> None:
    """Counts and amounts alike print as plain digits, with no thousands separator."""
    assert printed == expected


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (Decimal("0.4"), 0, "0.4%"),
        (Decimal("99.6"), 0, "99.6%"),
        (Decimal("13"), 0, "13%"),
        (Decimal("12.5"), 1, "12.5%"),
        (Decimal("0.05"), 1, "0.05%"),
        (Decimal("13"), 1, "13.0%"),
    ],
)
def test_a_share_prints_every_decimal_it_was_given(
    value: Decimal, decimals: int, expected: str
) -> None:
    """A share prints at the report's precision or finer, never rounding a share given more
    decimals (to show it is not 0% or 100%) back to 0% or 100%."""
    assert phrases.format_percent(value, decimals) == expected


def test_a_small_share_prints_as_not_zero(write_yaml: WriteYaml) -> None:
    """部分公开 3 of 800 answered prints 占0.4%, not 占0%, in the generated sentence."""
    data = STREET.replace(
        "  新收: {自然人: 14, 商业企业: 3, 科研机构: 1, 法律服务机构: 2, 总计: 20}",
        "  新收: {自然人: 794, 商业企业: 3, 科研机构: 1, 法律服务机构: 2, 总计: 800}",
    ).replace(
        "    予以公开: {自然人: 6, 商业企业: 1, 科研机构: 1, 总计: 8}",
        "    予以公开: {自然人: 786, 商业企业: 1, 科研机构: 1, 总计: 788}",
    )
    data = "\n".join(
        line for line in data.splitlines() if not line.startswith("    总计: {自然人: 15")
    )
    texts = _paragraphs(write_yaml(data))
    sentence = next(t for t in texts if "其中予以公开" in t)
    assert "部分公开3件，占0.4%" in sentence
    assert "占0%" not in sentence and "占100%" not in sentence
