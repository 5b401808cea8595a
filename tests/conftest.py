"""Shared fixtures: the examples, and a way to write small data files inline."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHUANGLONG = EXAMPLES / "2017-shuanglong.yaml"
TOWN_2020 = EXAMPLES / "2020-example-town.yaml"
STREET_2023 = EXAMPLES / "2023-example-street.yaml"
EXAMPLE_BY_ERA = {"2007": SHUANGLONG, "2019": TOWN_2020, "2021": STREET_2023}
"""One whole, realistic example per era: each must validate and render."""

UNDATED_2007 = """\
年度: 2017
单位:
  全称: 示例镇人民政府
  简称: 示例镇
  自称: 我镇
  层级: 乡镇
主动公开:
  分类:
    - 名称: 规范性文件
      条数: 1
    - 名称: 其他信息
      条数: 2
依申请公开:
  收到申请: 0
收费及减免:
  收费金额: 0
行政复议和诉讼:
  行政复议: 0
  行政诉讼: 0
问题及改进:
  正文: 信息公开内容还不够丰富，今后将进一步充实。
"""
"""A small 2007-era report complete but for its date (a test adds 落款 as it needs)."""

MINIMAL_2007 = UNDATED_2007 + "落款:\n  日期: 2018-03-20\n"
"""A small, complete 2007-era report."""


@pytest.fixture(autouse=True)
def chinese_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test sees Chinese messages, whatever the machine's locale (tests of English set it)."""
    from reportkit.i18n import set_language

    monkeypatch.setenv("REPORTKIT_LANG", "zh")
    set_language("zh")


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a small data file (dedented) into a temporary folder and return its path."""

    def write(text: str, name: str = "data.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write
