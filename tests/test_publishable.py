"""What validates is publishable: no 【待填写】 and no unstated fact reaches a final report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportkit.context import build_context
from reportkit.errors import Severity
from reportkit.loading import check_file, load
from reportkit.scaffold import scaffold
from tests.conftest import EXAMPLE_BY_ERA, MINIMAL_2007, STREET_2023


def _street(tmp_path: Path, old: str, new: str, name: str = "data.yaml") -> Path:
    """The 2023 example with ``old`` (which must be in it) replaced by ``new``."""
    text = STREET_2023.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _texts(context: dict[str, object]) -> list[str]:
    blocks = context["blocks"]
    assert isinstance(blocks, list)
    return [f"{b['number']}{b['title']}{b['text']}" for b in blocks]


# --- 1. one rule decides what prints 【待填写】 and what is unfilled ------------------------


def test_blank_optional_topic_is_left_out(tmp_path: Path) -> None:
    """考核评议追责 written blank (as `new` writes it) validates and is left out, not printed empty."""
    blank = "  考核评议追责:\n    标题:\n    正文:\n"
    path = _street(tmp_path, "\n主动公开:\n  规章:", f"{blank}\n主动公开:\n  规章:")
    report, warnings = load(path)
    texts = _texts(build_context(report))
    assert warnings == []
    assert not any("【待填写" in t for t in texts)
    assert not any("工作考核、社会评议和责任追究结果情况" in t for t in texts)


def test_a_governments_report_must_state_assessment_and_accountability(tmp_path: Path) -> None:
    """A 人民政府 (a township here) must report 工作考核、社会评议和责任追究结果情况 (条例
    Art. 50 (4)): left out it is 未填写, an error (a warning in a draft, which prints the
    heading with 【待填写】); the same file as a 街道's validates with the topic left out."""
    path = _street(tmp_path, "层级: 街道", "层级: 乡镇")
    errors = check_file(path).errors
    assert [(p.path, p.code) for p in errors] == [(("总体情况", "考核评议追责"), "unfilled")]
    draft = check_file(path, draft=True)
    assert draft.ok and [p.path for p in draft.warnings] == [("总体情况", "考核评议追责")]
    report, _warnings = load(path, draft=True)
    texts = _texts(build_context(report))
    heading = texts.index("（六）工作考核、社会评议和责任追究结果情况")
    assert texts[heading + 1] == "【待填写】"
    assert check_file(STREET_2023).ok  # the 街道 is not a 人民政府


def test_a_governments_summary_asks_for_assessment_and_accountability() -> None:
    """An office's summary for a 人民政府 has a placeholder for 考核评议追责; for a
    department, none (it is not that body's to report)."""
    from reportkit.eras import get_era

    era = get_era("2021")
    assert "考核评议追责" in era.summary_prose(True)["总体情况"]
    assert "考核评议追责" not in era.summary_prose(False)["总体情况"]


def test_titles_without_text_leave_a_required_section_unfilled(tmp_path: Path) -> None:
    """A required section holding only titled sub-sections with no text is 未填写 (it would
    print 【待填写】), an error in a final check and a warning in a draft."""
    text = STREET_2023.read_text(encoding="utf-8")
    start, end = text.index("问题及改进:"), text.index("其他事项:")
    path = tmp_path / "data.yaml"
    path.write_text(
        text[:start] + "问题及改进:\n  小节:\n    - 标题: 今后打算\n\n" + text[end:],
        encoding="utf-8",
    )
    assert [(p.path, p.code) for p in check_file(path).errors] == [(("问题及改进",), "unfilled")]
    draft = check_file(path, draft=True)
    assert draft.ok
    assert [(p.path, p.severity) for p in draft.warnings] == [(("问题及改进",), Severity.WARNING)]


def test_placeholder_left_in_prose_is_an_error(tmp_path: Path) -> None:
    """Prose still holding a placeholder (【待填写：……】) is an error, a warning in a draft."""
    topic = "  平台建设:\n    正文: >-\n"
    path = _street(tmp_path, topic, f"{topic}      【待填写：平台建设】\n")
    errors = check_file(path).errors
    assert [(p.path, p.code) for p in errors] == [(("总体情况", "平台建设", "正文"), "unfilled")]
    assert "【待填写：……】" in errors[0].message
    assert check_file(path, draft=True).ok


# --- 4. 成文日期 is required for a final report -------------------------------------------


@pytest.mark.parametrize("era", sorted(EXAMPLE_BY_ERA))
def test_a_report_without_a_date_is_unfilled(era: str, tmp_path: Path) -> None:
    """Without 落款.日期 a report of any era is 未填写 (an error; a warning in a draft, whose
    render prints 【待填写】 where the date goes)."""
    text = EXAMPLE_BY_ERA[era].read_text(encoding="utf-8")
    path = tmp_path / "undated.yaml"
    path.write_text(re.sub(r"\n  日期: [0-9-]+\n", "\n  日期:\n", text), encoding="utf-8")
    assert [(p.path, p.code) for p in check_file(path).errors] == [(("落款", "日期"), "unfilled")]
    report, warnings = load(path, draft=True)
    assert [p.path for p in warnings] == [("落款", "日期")]
    assert build_context(report)["date"] == "【待填写】"


def test_a_report_with_no_signoff_at_all_is_unfilled(tmp_path: Path) -> None:
    """A report that leaves 落款 out altogether is as undated as one that leaves 日期 blank."""
    path = _street(tmp_path, "落款:\n  日期: 2024-01-22\n", "")
    assert [(p.path, p.code) for p in check_file(path).errors] == [(("落款", "日期"), "unfilled")]


@pytest.mark.parametrize("year", [2017, 2020, 2023])
def test_new_file_asks_for_the_date(year: int, tmp_path: Path) -> None:
    """The file `new` writes has a blank 日期 whose comment says it must be filled; left blank,
    validation names it."""
    path = tmp_path / "new.yaml"
    path.write_text(scaffold(year, out_dir=tmp_path), encoding="utf-8")
    line = next(x for x in path.read_text(encoding="utf-8").splitlines() if "日期:" in x)
    assert line.split("#")[0].strip() == "日期:" and "必填" in line
    assert ("落款", "日期") in [p.path for p in check_file(path).errors]


# --- 5. the 2007 era's 问题及改进 is required -----------------------------------------------


def test_2007_problems_and_improvements_are_required(tmp_path: Path) -> None:
    """A 2007-era report without 问题及改进 is 未填写; a draft keeps the heading with 【待填写】."""
    path = tmp_path / "data.yaml"
    text = MINIMAL_2007.replace(
        "问题及改进:\n  正文: 信息公开内容还不够丰富，今后将进一步充实。\n", ""
    )
    path.write_text(text, encoding="utf-8")
    assert [(p.path, p.code) for p in check_file(path).errors] == [(("问题及改进",), "unfilled")]
    report, _warnings = load(path, draft=True)
    texts = _texts(build_context(report))
    at = texts.index("五、政府信息公开工作存在的主要问题及改进情况")
    assert texts[at + 1] == "【待填写】"
