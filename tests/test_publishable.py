"""What validates is publishable: no 【待填写】 and no unstated fact reaches a final report."""

from __future__ import annotations

from pathlib import Path

from reportkit.context import build_context
from reportkit.errors import Severity
from reportkit.loading import check_file, load
from tests.conftest import STREET_2023


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
