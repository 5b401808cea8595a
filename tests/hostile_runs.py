"""Builders for the hostile-input rows of batches, counting and hidden characters (issue 10).

Kept apart from tests/test_hostile.py so that its table only gains a block of rows.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from reportkit.cli import main
from tests.conftest import MINIMAL_2007

Case = Callable[[Path], list[str]]
UNIT = "示例镇人民政府"


def _unit(folder: Path, name: str, full_name: str) -> None:
    folder.mkdir(exist_ok=True)
    quoted = json.dumps(full_name, ensure_ascii=False)  # a JSON string is YAML double-quoted
    text = MINIMAL_2007.replace(f"全称: {UNIT}", f"全称: {quoted}")
    (folder / name).write_text(text, encoding="utf-8")


def units(*names: str) -> Callable[[Path], Path]:
    """A folder 报送/ with one data file per full name given."""

    def make(folder: Path) -> Path:
        data = folder / "报送"
        for i, full_name in enumerate(names):
            _unit(data, f"unit-{i}.yaml", full_name)
        return data

    return make


def aggregate(*names: str, extra: tuple[str, ...] = ()) -> Case:
    """``aggregate 报送/ -o 汇总`` over one file per unit name."""

    def case(folder: Path) -> list[str]:
        data = units(*names)(folder)
        return ["aggregate", str(data), "-o", str(folder / "汇总"), *extra]

    return case


def aggregate_twice(folder: Path) -> list[str]:
    """A summary written into the folder it sums, then the folder summed again."""
    data = units(UNIT, "东城镇人民政府")(folder)
    first = CliRunner().invoke(main, ["aggregate", str(data), "-o", str(data / "汇总")])
    assert first.exit_code == 0, first.output
    return ["aggregate", str(data), "-o", str(folder / "再次汇总")]


def validate_with(old: str, new: str) -> Case:
    """``validate`` of the minimal 2007 file with one line changed."""
    assert old in MINIMAL_2007, old

    def case(folder: Path) -> list[str]:
        path = folder / "data.yaml"
        path.write_text(MINIMAL_2007.replace(old, new, 1), encoding="utf-8")
        return ["validate", str(path)]

    return case


def render_with(extra: str, *, instead_of: str = "") -> Case:
    """``render`` of the minimal 2007 file with ``extra`` lines appended (in place of the
    lines ``instead_of``, when given)."""
    assert instead_of in MINIMAL_2007, instead_of

    def case(folder: Path) -> list[str]:
        path = folder / "data.yaml"
        path.write_text(MINIMAL_2007.replace(instead_of, "", 1) + extra, encoding="utf-8")
        return ["render", str(path), "-o", str(folder / "out.docx")]

    return case


PROBLEMS = "问题及改进:\n  正文: 信息公开内容还不够丰富，今后将进一步充实。\n"
"""The minimal file's 问题及改进, which HUNDRED_SECTIONS replaces."""

HUNDRED_SECTIONS = "问题及改进:\n  小节:\n" + "".join(
    f"    - 标题: 第{i}项\n      正文: 第{i}项改进。\n" for i in range(1, 101)
)
