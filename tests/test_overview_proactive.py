"""2019/2021 总体情况 主动公开: the optional categories with their counts and a stated total,
summed against it, printed in words, and compared with the clerk's prose."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reportkit.context import build_context
from reportkit.loading import check_file, load
from tests.conftest import STREET_2023, TOWN_2020

WriteYaml = Callable[..., Path]

STREET = STREET_2023.read_text(encoding="utf-8")
TOWN = TOWN_2020.read_text(encoding="utf-8")
ANCHOR = "  主动公开:\n    正文: >-\n"


def _with_figures(text: str, figures: str, prose: str | None = None) -> str:
    """``text`` (an Art. 50 example) with 总体情况.主动公开 given ``figures`` (YAML lines at
    the section's indentation), and its text replaced by ``prose`` when given."""
    assert ANCHOR in text
    head, _anchor, rest = text.partition(ANCHOR)
    old_text, newline, after = rest.partition("\n")
    body = f"      {prose}" if prose is not None else old_text
    return f"{head}  主动公开:\n{figures}    正文: >-\n{body}{newline}{after}"


FIGURES = """\
    总数: 90
    分类:
      - 名称: 政策文件
        条数: 30
      - 名称: 工作动态
        条数: 57
      - 名称: 人事信息
        条数: 3
"""


def _blocks(path: Path) -> list[str]:
    report, _warnings = load(path)
    blocks: list[dict[str, Any]] = build_context(report)["blocks"]
    return [b["number"] + b["title"] + b["text"] for b in blocks]


@pytest.mark.parametrize("example", [STREET, TOWN], ids=["2021", "2019"])
def test_categories_that_add_up_validate_and_print(write_yaml: WriteYaml, example: str) -> None:
    """Categories summing to 总数 validate with no problem, and 主动公开情况 prints them in
    words after the clerk's text, each with its share (3 of 90 is 3%)."""
    path = write_yaml(_with_figures(example, FIGURES))
    assert check_file(path).problems == []
    blocks = _blocks(path)
    at = blocks.index("（一）主动公开情况")
    assert blocks[at + 2].endswith(
        "共主动公开政府信息90条，其中政策文件30条，占33%；工作动态57条，占63%；人事信息3条，占3%。"
    )


def test_a_total_left_out_is_the_sum_of_the_categories(write_yaml: WriteYaml) -> None:
    """Without 总数, the categories' sum is the total (computed, as every other total)."""
    result = check_file(write_yaml(_with_figures(STREET, FIGURES.replace("    总数: 90\n", ""))))
    assert result.problems == []
    assert ("总体情况", "主动公开", "总数") in result.computed
    assert result.data is not None
    assert result.data["总体情况"]["主动公开"]["总数"] == 90


def test_categories_that_do_not_add_up_are_an_identity_error(write_yaml: WriteYaml) -> None:
    """Categories not adding up to the stated 总数 (a common error) give one identity error,
    placed at 总数 and saying both sides."""
    path = write_yaml(_with_figures(STREET, FIGURES.replace("总数: 90", "总数: 100")))
    errors = check_file(path).errors
    assert [p.code for p in errors] == ["identity"]
    assert errors[0].path == ("总体情况", "主动公开", "总数")
    assert errors[0].message == (
        "主动公开信息总数等于各分类条数之和不成立：“总体情况.主动公开.总数”为 100，"
        "“总体情况.主动公开.分类[1].条数”、“总体情况.主动公开.分类[2].条数”、"
        "“总体情况.主动公开.分类[3].条数”之和为 90，相差 10"
    )
    assert errors[0].line == _total_line(path)


def _total_line(path: Path) -> int:
    """The line of 总体情况.主动公开.总数 in ``path``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines.index("    总数: 100") + 1


@pytest.mark.parametrize(
    ("prose", "codes"),
    [
        ("2023年，本街道全年主动公开政府信息90条。", []),
        ("2023年，本街道全年主动公开政府信息95条。", ["prose-figure"]),
    ],
)
def test_the_prose_total_is_compared_with_the_stated_total(
    write_yaml: WriteYaml, prose: str, codes: list[str]
) -> None:
    """A 主动公开…N条 sentence in the prose is compared with 总数; when it states the total
    itself, the generated sentence is not printed beside it."""
    path = write_yaml(_with_figures(STREET, FIGURES, prose))
    assert [p.code for p in check_file(path).problems] == codes
    if not codes:
        assert not any("其中政策文件30条" in b for b in _blocks(path))


def test_a_category_without_a_count_is_unfilled(write_yaml: WriteYaml) -> None:
    """A category listed without its 条数 is to be filled, like every fill-in field."""
    path = write_yaml(_with_figures(STREET, FIGURES.replace("条数: 3\n", "条数:\n")))
    assert ("总体情况", "主动公开", "分类", 2, "条数") in [
        p.path for p in check_file(path).errors if p.code == "unfilled"
    ]
