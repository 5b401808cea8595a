"""The template context: numbered blocks, computed figures, default phrases."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pytest_regressions.data_regression import DataRegressionFixture

from reportkit.context import build_context
from reportkit.loading import load
from reportkit.outline import paragraphs
from tests.conftest import MINIMAL_2007, SHUANGLONG


def _context(path: Path, draft: bool = False) -> dict[str, Any]:
    report, _ = load(path, draft=draft)
    return build_context(report)


def test_seed_context(data_regression: DataRegressionFixture) -> None:
    """The seed report's whole context is reviewed as a golden file."""
    data_regression.check(_context(SHUANGLONG))


def test_seed_figures_and_shares() -> None:
    """31 items: 4 (13%), 4 (13%) and 23 (74%), computed from the counts alone."""
    figures = _context(SHUANGLONG)["figures"]["主动公开"]
    assert figures["总数"] == 31
    assert [(c["条数"], c["占比"]) for c in figures["分类"]] == [
        (4, "13%"),
        (4, "13%"),
        (23, "74%"),
    ]


def test_first_level_numbers_are_consecutive() -> None:
    """The seed skips and repeats section numbers; the rendered one counts 一 to 六."""
    numbers = [b["number"] for b in _context(SHUANGLONG)["blocks"] if b["kind"] == "h1"]
    assert numbers == ["一、", "二、", "三、", "四、", "五、", "六、"]


def test_empty_sections_are_dropped_and_numbering_closes_up(
    write_yaml: Callable[..., Path],
) -> None:
    """Without 概述 the report starts at 一、主动公开…, and 其他事项 stays out."""
    blocks = _context(write_yaml(MINIMAL_2007))["blocks"]
    headings = [(b["number"], b["title"]) for b in blocks if b["kind"] == "h1"]
    assert headings == [
        ("一、", "主动公开政府信息的情况"),
        ("二、", "依申请公开政府信息和不予公开政府信息的情况"),
        ("三、", "政府信息公开的收费及减免情况"),
        ("四、", "因政府信息公开申请行政复议、提起行政诉讼的情况"),
        ("五、", "政府信息公开工作存在的主要问题及改进情况"),
    ]


def test_default_phrases_in_the_units_voice(write_yaml: Callable[..., Path]) -> None:
    """Zero counts are worded by default phrases in the unit's own voice."""
    text = MINIMAL_2007.replace("自称: 我镇", "自称: 本镇")
    body = [b["text"] for b in _context(write_yaml(text))["blocks"] if b["kind"] == "p"]
    assert "全年本镇未收到政府信息公开申请。" in body
    assert "2017年，本镇依申请公开政府信息未收取任何费用。" in body
    assert "2017年，本镇未发生因政府信息公开申请行政复议、提起行政诉讼的情况。" in body


def test_user_prose_wins_over_the_default(write_yaml: Callable[..., Path]) -> None:
    """A clerk's own wording replaces the nothing-happened phrase."""
    text = MINIMAL_2007.replace("  收费金额: 0", "  收费金额: 0\n  正文: 本年度未收费。")
    body = [b["text"] for b in _context(write_yaml(text))["blocks"]]
    assert "本年度未收费。" in body
    assert not any("未收取任何费用" in t for t in body)


def test_largest_remainder_is_used_and_said(write_yaml: Callable[..., Path]) -> None:
    """With 合计为百 the shares add up to 100 and the report says how they were rounded."""
    text = (
        MINIMAL_2007.replace("条数: 1", "条数: 1")
        .replace("条数: 2", "条数: 1")
        .replace("  分类:\n", "  分类:\n    - 名称: 第三类\n      条数: 1\n")
        + "百分比:\n  合计为百: true\n"
    )
    context = _context(write_yaml(text))
    shares = [c["占比"] for c in context["figures"]["主动公开"]["分类"]]
    assert sorted(shares) == ["33%", "33%", "34%"]
    sentence = next(b["text"] for b in context["blocks"] if "共主动公开" in b["text"])
    assert sentence.endswith("（各项占比按最大余数法取整，合计为100%。）")


def test_draft_marks_what_is_missing(write_yaml: Callable[..., Path]) -> None:
    """In a draft an unfilled count prints as 【待填写】 instead of a number."""
    text = MINIMAL_2007.replace("  收到申请: 0", "  收到申请:")
    body = [b["text"] for b in _context(write_yaml(text), draft=True)["blocks"]]
    assert "2017年，我镇共收到政府信息公开申请【待填写】件。" in body


def test_paragraph_splitting() -> None:
    """Blank lines separate paragraphs; a single line break stays inside its paragraph."""
    assert paragraphs("甲\n乙\n\n丙\n \n丁") == ["甲\n乙", "丙", "丁"]
    assert paragraphs(None) == []


def test_no_block_has_a_leftover_placeholder() -> None:
    """Every block of the complete seed is fully worded (no 【待填写】, no None)."""
    for block in _context(SHUANGLONG)["blocks"]:
        assert set(block) == {"kind", "number", "title", "text"}
        assert not any("待填写" in v or re.search(r"\bNone\b", v) for v in block.values())
