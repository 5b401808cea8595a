"""What a clerk types reaches the report character for character; what a template may do is
bounded (issue 10: text never dropped, the sandbox's limits, active content kept out)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from reportkit.cli import main
from reportkit.errors import TemplateProblem, UsageError
from reportkit.rendering import Limits, PreparedTemplate
from tests import hostile_templates
from tests.conftest import MINIMAL_2007

LEGAL = "中文繁體𠀀😀👨‍👩‍👧&<>\"'&amp;&#x41;{_{ x }_}{{ x }}{% if %}{#c#}\t€\u00a0\u200b\u0085"
"""Every class of character a report may carry: CJK (and outside the BMP), emoji (a ZWJ
sequence), XML's special characters and entity-like text, Jinja- and docxtpl-like tags, tab."""
ILLEGAL = "\x00\x01\x07\x08\x0b\x0c\x0e\x1f\x7f\ufdd0\ufdef\ufffe\uffff\U0001fffe\U0010ffff"
"""The characters no report may carry: C0 controls, DEL, noncharacters."""


def _yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted string, every character but plain ASCII escaped."""
    plain = {chr(c) for c in range(0x20, 0x7F)} - {'"', "\\"}
    return '"' + "".join(c if c in plain else f"\\U{ord(c):08x}" for c in text) + '"'


def _render(tmp_path: Path, template: bytes | None, value: str) -> tuple[str, str]:
    data = tmp_path / "data.yaml"
    data.write_text(
        MINIMAL_2007.replace("示例镇人民政府", "").replace(
            "全称: ", "全称: " + _yaml_string(value)
        ),
        encoding="utf-8",
    )
    args = ["render", str(data), "-o", str(tmp_path / "out.docx")]
    if template is not None:
        (tmp_path / "t.docx").write_bytes(template)
        args += ["--template", str(tmp_path / "t.docx")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output + result.stderr
    document = docx.Document(str(tmp_path / "out.docx"))
    return "\n".join(p.text for p in document.paragraphs), result.stderr


@pytest.mark.parametrize(
    "template",
    [None, "{{ title_unit }}", "{{ title_unit|safe }}", "{{ title_unit|urlize }}"],
    ids=["shipped", "plain", "safe", "urlize"],
)
def test_every_legal_character_reaches_the_report(tmp_path: Path, template: str | None) -> None:
    """A value holding every class of character reaches the document unchanged, character for
    character (whatever filter the template uses); each XML-illegal one is removed and named."""
    mixed = "".join(a + b for a, b in zip(LEGAL, ILLEGAL.ljust(len(LEGAL), "\x07"), strict=True))
    blob = None if template is None else hostile_templates.docx_bytes(template)
    text, messages = _render(tmp_path, blob, "示例镇" + mixed + "人民政府")
    assert "示例镇" + LEGAL + "人民政府" in text
    named = messages.split("字符（", 1)[1].split("）", 1)[0].split("、")
    assert named == [f"U+{ord(c):04X}" for c in dict.fromkeys(ILLEGAL)]


def test_a_tag_in_the_template_escaped_docxtpl_s_way_still_prints() -> None:
    """`{_{ x }_}` written in a template prints as `{{ x }}` (docxtpl's escape), as before."""
    prepared = PreparedTemplate(hostile_templates.docx_bytes("{_{ x }_} {_% y %_}"))
    out = io.BytesIO()
    prepared.render({}, out)
    text = docx.Document(out).paragraphs[0].text
    assert text == "{{ x }} {% y %}"


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ('{{ "a&b" }}', "a&b"),
        ('{{ "x<y" }}', "x<y"),
        ("{{ 'x>y' }}", "x>y"),
        ("{{ '\"引号\"' }}", '"引号"'),
        ('{{ "&amp;" }}', "&amp;"),  # entity-like text typed in a string stays as typed
        ('{{ "R&D" if 2 > 1 and 1 < 2 }}', "R&D"),
        ("{% if 1 < 2 %}甲&乙{% endif %}", "甲&乙"),  # text outside a tag: as typed, as before
    ],
)
def test_a_string_literal_in_a_tag_prints_as_typed(typed: str, printed: str) -> None:
    """`{{ "a&b" }}` in a Word template prints a&b: the tag's &amp; (how Word stores & in its
    XML) is read as &, not escaped a second time into a&amp;b."""
    prepared = PreparedTemplate(hostile_templates.docx_bytes(typed))
    out = io.BytesIO()
    prepared.render({}, out)
    assert docx.Document(out).paragraphs[0].text == printed


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("{{ row.kind }}", "甲"),  # a key, read as an attribute
        ("{{ row['kind'] }}", "甲"),
        ("{{ row.items is callable }}", "True"),  # dict's own method, not the item "items"
        ("{{ row['items'] }}", "乙"),
        ("{{ row.get('kind') }}", "甲"),
        ("{{ row.missing is defined }}", "False"),
    ],
)
def test_a_context_dict_reads_as_jinja_reads_it(typed: str, printed: str) -> None:
    """`row.kind` gives the item, and `row.items` dict's method (as in Jinja itself): the
    short way to a dict's items changes nothing a template sees."""
    prepared = PreparedTemplate(hostile_templates.docx_bytes(typed))
    out = io.BytesIO()
    prepared.render({"row": {"kind": "甲", "items": "乙"}}, out)
    assert docx.Document(out).paragraphs[0].text == printed


@pytest.mark.parametrize("typed", ["{{ row.__class__ }}", "{{ row.__class__.__mro__ }}"])
def test_a_dict_s_internals_stay_out_of_reach(typed: str) -> None:
    """`row.__class__` is refused by the sandbox even when the dict has a key of that name."""
    prepared = PreparedTemplate(hostile_templates.docx_bytes(typed))
    with pytest.raises(TemplateProblem):
        prepared.render({"row": {"__class__": "x"}}, io.BytesIO())


def test_nested_loops_stop_at_the_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nested range(100000) loops stop at the render time limit with a message saying how to
    raise it, in render and check-template alike (instead of running for hours)."""
    monkeypatch.setenv("REPORTKIT_RENDER_SECONDS", "0.5")
    template = tmp_path / "loops.docx"
    template.write_bytes(
        hostile_templates.docx_bytes(
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
        )
    )
    data = tmp_path / "data.yaml"
    data.write_text(MINIMAL_2007, encoding="utf-8")
    for args in (
        ["render", str(data), "--template", str(template), "-o", str(tmp_path / "o.docx")],
        ["check-template", str(template)],
    ):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1
        assert "超过了 0.5 秒的时间上限" in result.output + result.stderr
        assert "REPORTKIT_RENDER_SECONDS" in result.output + result.stderr
        assert not (tmp_path / "o.docx").exists()


def test_output_size_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """A template whose loops output more than the output limit stops with a message."""
    monkeypatch.setenv("REPORTKIT_OUTPUT_MB", "0.01")
    prepared = PreparedTemplate(
        hostile_templates.docx_bytes("{% for i in range(100000) %}xxxxxxxx{% endfor %}")
    )
    with pytest.raises(TemplateProblem, match=re.escape("超过了 0.01 MB 的上限")):
        prepared.render({}, io.BytesIO())


def test_limits_are_raised_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A trusted template may repeat more when REPORTKIT_TEMPLATE_SIZE says so."""
    template = hostile_templates.docx_bytes("{{ 'x' * 2000000 }}")
    with pytest.raises(TemplateProblem, match="超过了上限 1000000"):
        PreparedTemplate(template).render({}, io.BytesIO())
    monkeypatch.setenv("REPORTKIT_TEMPLATE_SIZE", "3000000")
    PreparedTemplate(template).render({}, io.BytesIO())


def test_a_bad_limit_setting_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A limit set to something that is not a positive number is a usage error, named."""
    monkeypatch.setenv("REPORTKIT_RENDER_SECONDS", "forever")
    with pytest.raises(UsageError, match="REPORTKIT_RENDER_SECONDS 应为正数"):
        Limits.from_environment()


def test_the_attached_template_is_stripped(tmp_path: Path) -> None:
    """A report made with a template attached to an external .dotx carries no link to it."""
    parts = hostile_templates.parts_of(hostile_templates.docx_bytes("{{ title_unit }}"))
    hostile_templates.attached_template(parts)
    prepared = PreparedTemplate(hostile_templates.zip_of(parts))
    out = io.BytesIO()
    prepared.render({"title_unit": "示例镇"}, out)
    with zipfile.ZipFile(out) as report:
        everything = b"".join(report.read(name) for name in report.namelist())
    assert b"example.com" not in everything
    assert b"attachedTemplate" not in everything
