"""2007 era: the cumulative (历年累计) figures printed beside the year's — optional, at least
the year's figure, and printed when given."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reportkit import phrases
from reportkit.context import build_context
from reportkit.loading import check_file, load
from tests.conftest import MINIMAL_2007

WriteYaml = Callable[..., Path]

WITH_CUMULATIVE = MINIMAL_2007.replace(
    "      条数: 2\n", "      条数: 2\n  历年累计: 120\n"
).replace("  收到申请: 0\n", "  收到申请: 0\n  历年累计: 7\n")


def _paragraphs(path: Path) -> list[str]:
    report, _warnings = load(path)
    blocks: list[dict[str, Any]] = build_context(report)["blocks"]
    return [b["text"] for b in blocks if b["kind"] == "p"]


def test_cumulative_figures_are_printed_beside_the_years(write_yaml: WriteYaml) -> None:
    """Given, each cumulative figure follows the year's in the generated sentence."""
    texts = _paragraphs(write_yaml(WITH_CUMULATIVE))
    assert "2017年，我镇共主动公开政府信息3条（历年累计120条），其中" in "".join(texts)
    assert "全年我镇未收到政府信息公开申请（历年累计7件）。" in texts


def test_without_cumulative_figures_nothing_is_said_of_them(write_yaml: WriteYaml) -> None:
    """Left out (they are optional), no 历年累计 is printed and nothing is to fill in."""
    path = write_yaml(MINIMAL_2007)
    assert check_file(path).problems == []
    assert not any("累计" in t for t in _paragraphs(path))


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            ("  历年累计: 120\n", "  历年累计: 2\n"),
            (("主动公开", "历年累计"), "历年累计 2 少于本年的“总数” 3，累计数应包含本年"),
        ),
        (
            ("  收到申请: 0\n  历年累计: 7\n", "  收到申请: 9\n  历年累计: 7\n"),
            (("依申请公开", "历年累计"), "历年累计 7 少于本年的“收到申请” 9，累计数应包含本年"),
        ),
    ],
)
def test_a_cumulative_figure_below_the_years_is_an_error(
    write_yaml: WriteYaml, edit: tuple[str, str], expected: tuple[tuple[str, ...], str]
) -> None:
    """A cumulative figure smaller than the year's figure it includes is an error there."""
    path = write_yaml(WITH_CUMULATIVE.replace(*edit))
    found = [(p.path, p.message) for p in check_file(path, draft=True).problems]
    assert expected in found
    assert [p.code for p in check_file(path).problems if p.path == expected[0]] == ["cumulative"]


@pytest.mark.parametrize(
    ("cumulative", "expected"),
    [
        (None, "2017年，我镇共主动公开政府信息31条。"),
        (1234, "2017年，我镇共主动公开政府信息31条（历年累计1234条）。"),
    ],
)
def test_proactive_sentence_with_a_cumulative_figure(cumulative: int | None, expected: str) -> None:
    """The proactive sentence names the cumulative figure only when there is one."""
    sentence = phrases.proactive_sentence(
        2017, "我镇", 31, "条", [], 0, largest_remainder=False, cumulative=cumulative
    )
    assert sentence == expected
