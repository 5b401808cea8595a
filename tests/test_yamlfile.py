"""Parsing YAML: 1.2 core scalars, refused aliases and duplicate keys, placed problems."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportkit.yamlfile import (
    Locator,
    YamlProblem,
    dump,
    dump_data,
    may_hold_unusable,
    parse,
    strip_unusable,
    unusable,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: yes", {"a": "yes"}),  # YAML 1.1 would say True
        ("a: off", {"a": "off"}),
        ("a: true", {"a": True}),
        ("a: 8:30", {"a": "8:30"}),  # YAML 1.1 would say 510
        ("a: 010", {"a": 10}),  # YAML 1.1 would say 8
        ("a: 0o10", {"a": 8}),
        ("a: -3", {"a": -3}),
        ("a: 1.50", {"a": 1.5}),
        ("a: 2018-01-05", {"a": dt.date(2018, 1, 5)}),
        ("a: ~", {"a": None}),
        ("a:", {"a": None}),
        ("a: 31条", {"a": "31条"}),
        ("", None),
    ],
)
def test_scalars_follow_yaml_12(text: str, expected: object) -> None:
    """Scalars are read by YAML 1.2's core schema, the same as ruamel.yaml reads them."""
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("a: 1\na: 2\n", 2, 1, "字段“a”在同一层重复出现"),
        ("a: &x 1\nb: *x\n", 1, 4, "锚点和别名"),
        ("a:\n\tb: 1\n", 2, 1, "制表符（Tab）"),
        ("a: b: c\n", 1, 5, "冒号位置不对"),
        ('a: "x\nb: 2\n', 1, 4, "引号或括号中途结束"),
        ("a: [1, 2\nb: 3\n", 2, 2, "方括号"),
    ],
)
def test_problems_are_placed_and_explained(text: str, line: int, column: int, message: str) -> None:
    """Each mistake a clerk makes gets a Chinese explanation at its line and column."""
    with pytest.raises(YamlProblem) as info:
        parse(text)
    assert (info.value.line, info.value.column) == (line, column)
    assert message in info.value.message


def test_locator_places_keys_and_items() -> None:
    """The locator finds the line and column of a key or list item, or of its deepest parent."""
    locator = Locator("a:\n  b:\n    - x: 1\n    - x: 2\n")
    assert locator.locate(("a", "b", 1, "x")) == (4, 7)
    assert locator.locate(("a", "missing")) == (1, 1)
    assert locator.locate(()) == (None, None)


@pytest.mark.parametrize(
    ("path", "place"),
    [
        (("年度",), (1, 1)),
        (("2017",), (2, 1)),  # a key YAML reads as a number, named as text in a path
        (("表", "列", 2, "c"), (3, 22)),  # inside flow style
        (("用", "x"), (7, 1)),  # brought in by a merge: placed at the mapping's own key
        (("用", "<<"), (7, 1)),
        (("用", "z"), (9, 3)),
        (("项", -1), (10, 1)),
        (("项", 0), (10, 5)),
    ],
)
def test_locator_places_what_the_round_trip_parser_placed(
    path: tuple[str | int, ...], place: tuple[int, int]
) -> None:
    """Keys read as numbers, flow style, merges and out-of-range items are placed as the
    round-trip parser placed them (libyaml now composes the text)."""
    text = (
        "年度: 2017\n2017: x\n表: {行: 1, 列: [1, 2, {c: 3}]}\n基: &b\n  x: 1\n"
        "  y: 2\n用:\n  <<: *b\n  z: 2\n项: [a]\n"
    )
    assert Locator(text).locate(path) == place


def test_placing_a_problem_needs_no_round_trip_parser() -> None:
    """Checking a draft with blank fields places every problem without loading ruamel.yaml
    (the round-trip parser cost an import and an audit most of their time)."""
    script = (
        "import sys\n"
        "from reportkit.loading import check_text\n"
        "checked = check_text('年度: 2023\\n单位:\\n  全称: 示例镇人民政府\\n', 'x.yaml', draft=True)\n"
        "assert any(p.line for p in checked.problems), checked.problems\n"
        "assert 'ruamel.yaml' not in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_day_that_does_not_exist_stays_text() -> None:
    """2018-02-30 is no date: it is read as text, for validation to refuse with its field."""
    assert parse("a: 2018-02-30") == {"a": "2018-02-30"}


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("a: !!binary aGk=\n", 1, 4, "不能使用标签"),
        ("a: !!python/object:os.system x\n", 1, 4, "不能使用标签"),
        ("a: !!set {x}\n", 1, 4, "不能使用标签"),
        ("a: 1\n---\nb: 2\n", 2, 1, "第二份"),
        ("a: " + "[" * 200 + "]" * 200 + "\n", 1, 103, "嵌套层次过深"),
        ("? [1, 2]\n: x\n", 1, 3, "字段名应为文字"),
    ],
)
def test_what_a_data_file_never_needs_is_refused(
    text: str, line: int, column: int, message: str
) -> None:
    """Tags, several documents, absurd nesting and list keys are refused where they are written."""
    with pytest.raises(YamlProblem) as info:
        parse(text)
    assert (info.value.line, info.value.column) == (line, column)
    assert message in info.value.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a: >-\n  第一段\n\n  第二段\n",
            "第一段\n\n第二段",
        ),  # folded: a blank line is a new paragraph
        ("a: 第一段\n\n  第二段\n", "第一段\n\n第二段"),  # plain text folds the same way
        (
            "a: |-\n  第一行\n  第二行\n\n  第二段\n",
            "第一行\n第二行\n\n第二段",
        ),  # literal keeps its breaks
        ('a: "第一行\\n第二行"\n', "第一行\n第二行"),  # an escaped break stays a break
    ],
)
def test_blank_lines_separate_paragraphs_in_every_style(text: str, expected: str) -> None:
    """A blank line between paragraphs makes two paragraphs whichever YAML style the clerk used."""
    assert parse(text) == {"a": expected}


@pytest.mark.parametrize(
    "value",
    [
        *("0o17", "1e3", "~", "", "null", "yes", "on", "True", "1_000", "0x1F", "010", ".inf"),
        *(" lead", "trail ", "a: b", "- x", "#c", "a #b", "%p", "!t", "&a", "*a", "|", ">"),
        *("多行\n第二行", "多段\n\n第二段", "x\r\ny", "2018-02-30", "2023-01-05", "12.50"),
        *("\u3000全角空格", "'q'", '"d"'),
        Decimal("12.50"),
        Decimal("1E+1"),
        dt.date(2023, 1, 5),
        2**40,
        None,
        True,
        {"列表": [{"a": "x"}, 0]},
    ],
)
def test_data_dumped_for_reading_back_reads_as_the_file_writer_s(value: object) -> None:
    """dump_data (libyaml's emitter) writes what parse reads back exactly as it reads what
    dump writes: text YAML 1.2 would take for a number, null or date stays text."""
    assert parse(dump_data({"v": value})) == parse(dump({"v": value}))


def _texts(data: object) -> list[str]:
    if isinstance(data, dict):
        return [t for k, v in data.items() for t in (*_texts(k), *_texts(v))]
    if isinstance(data, list):
        return [t for item in data for t in _texts(item)]
    return [data] if isinstance(data, str) else []


@settings(max_examples=300, deadline=None)
@given(
    st.text(st.characters(codec="utf-8", exclude_characters="\\"), max_size=40),
    st.sampled_from(["{0}: |\n  {1}\n", "{0}: '{1}'\n", '{0}: "{1}"\n', "- {1}\n", "{0}: {1}\n"]),
)
def test_without_a_backslash_parsed_data_holds_no_unusable_character(
    text: str, layout: str
) -> None:
    """Only an escape makes a character no report may carry: text without a backslash,
    once stripped, parses to data without one (what normalise relies on to skip its search)."""
    source, _found = strip_unusable(layout.format("键" + text.replace("\n", " ")[:5], text))
    assert not may_hold_unusable(source)
    try:
        data = parse(source)
    except YamlProblem:
        return
    assert not any(unusable(t) for t in _texts(data))


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        st.one_of(
            st.characters(codec="utf-8"),
            st.sampled_from("\x07\ufdd0\ufffe\uffff\U0001fffe\U0010ffff\U00020000😀（："),
        ),
        max_size=30,
    )
)
def test_strip_unusable_removes_exactly_the_unusable_characters(text: str) -> None:
    """Whatever the text (other planes' noncharacters, an emoji or a rare character beyond the
    first plane, full-width punctuation): the characters UNUSABLE names go, each placed, and
    every other character stays."""
    stripped, found = strip_unusable(text)
    assert stripped == "".join(c for c in text if not unusable(c))
    assert [char for _line, _column, char in found] == unusable(text)


@pytest.mark.parametrize("escape", ["\\a", "\\x07", "\\e", "\\uFFFF", "\\0", "\\U0001FFFE"])
def test_an_escape_may_make_an_unusable_character(escape: str) -> None:
    """A double-quoted escape writes a character no report may carry; the text says so."""
    source = f'自称: "我{escape}镇"\n'
    assert may_hold_unusable(source)
    assert unusable(parse(source)["自称"])
