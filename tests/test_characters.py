"""Hidden and look-alike characters: shown escaped, named, compared away; output never crashes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reportkit.characters import comparable, describe, shown
from tests.conftest import MINIMAL_2007


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("示例镇", "示例镇"),
        ("行一\n\t行二", "行一\n\t行二"),  # newline and tab are layout, not hidden
        ("\x1b]0;标题\x07", "\\u001b]0;标题\\u0007"),  # a terminal's title escape
        ("\x1b[2J", "\\u001b[2J"),  # clear screen
        ("\x9b31m", "\\u009b31m"),  # C1 control sequence introducer
        ("abc\u202etxt.exe", "abc\\u202etxt.exe"),  # right-to-left override
        ("年\u200b度", "年\\u200b度"),  # zero-width space
        ("\r覆盖", "\\u000d覆盖"),  # a carriage return would overwrite the line
        ("标\U000e0041签", "标\\U000e0041签"),  # a tag character
        ("😀", "😀"),
    ],
)
def test_shown_escapes_control_and_format_characters(text: str, expected: str) -> None:
    """Control and format characters are printed as \\u escapes; everything else as it is."""
    assert shown(text) == expected


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("示例镇人民政府", "示例\u200b镇人民政府"),
        ("示例镇人民政府", "示例镇人民政府\ufeff"),
        ("A镇人民政府", "Ａ镇人民政府"),
        ("自称", "⾃称"),
        ("示例镇 人民政府", "示例镇\u3000人民政府"),
    ],
)
def test_comparable_names_are_equal(one: str, other: str) -> None:
    """Names that differ only in hidden characters, width, look-alikes or spaces compare equal."""
    assert one != other
    assert comparable(one) == comparable(other)


def test_describe_names_hidden_and_look_alike_characters() -> None:
    """The description names each character by its code point and Unicode name."""
    assert describe("年\u200b度") == "含有看不见的字符 U+200B（ZERO WIDTH SPACE）"
    assert describe("⾃称") == "“⾃”是形似字符 U+2F83（KANGXI RADICAL SELF），应为“自”（U+81EA）"
    assert describe("自称") == ""


def test_output_the_console_cannot_encode_is_replaced(tmp_path: Path) -> None:
    """On a GBK console (Chinese Windows, output redirected) a character GBK lacks is printed as
    ?, never an UnicodeEncodeError; the command's exit code is its own."""
    path = tmp_path / "data.yaml"
    path.write_text(MINIMAL_2007.replace("自称: 我镇", "自称: 我镇\n  附注😀: x"), encoding="utf-8")
    command = [sys.executable, "-c", "from reportkit.cli import main; main()", "validate"]
    result = subprocess.run(
        [*command, str(path)],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "gbk", "REPORTKIT_LANG": "zh"},
        check=False,
    )
    out = result.stdout.decode("gbk")
    assert result.returncode == 1, result.stderr.decode("gbk", "replace")
    assert "未知字段“附注?”" in out
    assert b"Traceback" not in result.stderr
