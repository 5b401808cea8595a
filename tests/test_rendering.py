"""Rendering: the .docx read back with python-docx, its layout, and the template contract."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from pytest_regressions.file_regression import FileRegressionFixture

import reportkit
from reportkit.context import build_context
from reportkit.eras import era_names, get_era
from reportkit.eras.model import ReportBase
from reportkit.errors import TemplateProblem
from reportkit.loading import load
from reportkit.rendering import PreparedTemplate, default_template, template_variables
from tests.conftest import EXAMPLE_BY_ERA, MINIMAL_2007, SHUANGLONG, UNDATED_2007
from tests.docx_text import extract, open_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SEED_TEXT = (
    Path(__file__).resolve().parent / "fixtures" / "seed-2017-shuanglong.txt"
)  # the published seed report


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed") / "seed.docx"
    reportkit.render(SHUANGLONG, out)
    return out


def test_seed_golden_text(seed_docx: Path, file_regression: FileRegressionFixture) -> None:
    """The rendered seed's paragraphs (with styles) and table cells match the reviewed golden file."""
    file_regression.check(extract(seed_docx), extension=".txt")


def test_seed_title_and_numbers(seed_docx: Path) -> None:
    """Title lines, the computed 31 / 13% / 13% / 74%, and the six consecutive headings."""
    document = open_docx(seed_docx)
    texts = [p.text for p in document.paragraphs]
    assert texts[:2] == ["公主岭市双龙镇人民政府", "2017年政府信息公开工作年度报告"]
    assert (
        "2017年，我镇共主动公开政府信息31条，其中规范性文件4条，占13%；"
        "规划和完成情况类信息4条，占13%；与公众利益密切相关的信息23条，占74%。"
    ) in texts
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [h[: h.index("、") + 1] for h in headings] == [
        "一、",
        "二、",
        "三、",
        "四、",
        "五、",
        "六、",
    ]
    assert "全年我镇未收到政府信息公开申请。" in texts


def test_every_seed_paragraph_survives(seed_docx: Path) -> None:
    """Every substantive sentence of the seed report appears in the rendered document."""
    rendered = re.sub(r"\s", "", "".join(p.text for p in open_docx(seed_docx).paragraphs))
    seed = SEED_TEXT.read_text(encoding="utf-8")
    sentences = [
        s for s in re.split(r"[。；：\n]", re.sub(r"[ \t\u3000]", "", seed)) if len(s) >= 12
    ]
    # Sentences the seed states that reportkit words from the figures instead:
    reworded = (
        "我镇2017年共计公开信息31条",
        "全年我镇未收到政府信息公开申请的请求",
        "我镇政府信息依申请公开没有收费",
    )
    numbering = r"^[（(]?[0-9一二三四五六七八九十]+[）)]?[、.．]?"
    missing = [
        s
        for s in (re.sub(numbering, "", s) for s in sentences)
        if s not in rendered and not any(r in s for r in reworded)
    ]
    assert missing == []


def test_styles_set_east_asian_fonts(seed_docx: Path) -> None:
    """Every paragraph style used has a w:eastAsia font (else Word/WPS fall back to another face)."""
    document = open_docx(seed_docx)
    expected = {
        "Title": "方正小标宋简体",
        "Heading 1": "黑体",
        "Heading 2": "楷体_GB2312",
        "Normal": "仿宋_GB2312",
    }
    used = {p.style.name for p in document.paragraphs} | set(expected)
    for name in used:
        fonts = document.styles[name].element.find(f"{W}rPr/{W}rFonts")
        assert fonts is not None and fonts.get(f"{W}eastAsia"), name
        if name in expected:
            assert fonts.get(f"{W}eastAsia") == expected[name]


def test_page_layout_is_gbt_9704(seed_docx: Path) -> None:
    """A4 with margins 37/35/28/26 mm and odd/even page-number footers."""
    section = open_docx(seed_docx).sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert [
        round(m.mm)
        for m in (
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ] == [37, 35, 28, 26]
    with zipfile.ZipFile(seed_docx) as z:
        footers = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/footer")]
        settings = z.read("word/settings.xml").decode("utf-8")
    assert "evenAndOddHeaders" in settings
    assert len(footers) >= 2 and all("PAGE" in f and "—" in f for f in footers)


def test_special_characters_render_as_written(
    write_yaml: Callable[..., Path], tmp_path: Path
) -> None:
    """&, <, > and quotes in a clerk's text reach the document intact (docxtpl would drop them)."""
    text = 'A&B <公开> "引号" 与 ‘单引号’ & 5 > 3'
    data = write_yaml(MINIMAL_2007 + f"其他事项:\n  正文: '{text.replace(chr(39), chr(39) * 2)}'\n")
    out = tmp_path / "special.docx"
    reportkit.render(data, out)
    assert text in [p.text for p in open_docx(out).paragraphs]


@pytest.mark.parametrize("era", era_names())
def test_template_uses_only_context_variables(era: str) -> None:
    """Every variable the shipped template uses is in the context the era builds."""
    report, _ = load(EXAMPLE_BY_ERA[era])
    assert era == report.ERA
    assert template_variables(default_template(era)) <= set(build_context(report))


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        ("{{ titel_unit }}", "titel_unit"),  # misspelled: an error, not blank text
        ("{{ title_unit.__class__.__mro__[1].__subclasses__() }}", "不允许"),  # sandboxed
        ("{{ title_unit.__init__.__globals__ }}", "不允许"),
        ("{% for x in %}", "模板有错误"),
    ],
)
def test_bad_custom_templates_fail_clearly(tmp_path: Path, tag: str, message: str) -> None:
    """A custom template that misspells a variable, reaches for Python internals or does not
    parse fails with a clear message, and no output file is left."""
    import docx

    import reportkit.outputs

    template = tmp_path / "custom.docx"
    document = docx.Document()
    document.add_paragraph(tag)
    document.save(str(template))
    with pytest.raises(TemplateProblem, match=message):
        prepared = PreparedTemplate(template)
        reportkit.outputs.write_bytes_atomic(
            tmp_path / "out.docx", lambda out: prepared.render({"title_unit": "x"}, out)
        )
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize(
    ("signature", "style"),
    [("示例镇人民政府", "Signature"), ("某某省某某市某某区人力资源和社会保障局", "Signature Long")],
)
def test_signature_and_date(
    write_yaml: Callable[..., Path], tmp_path: Path, signature: str, style: str
) -> None:
    """The signature is centred over the date, or set right when too long to centre; the date has no leading zeros."""
    data = write_yaml(UNDATED_2007 + f"落款:\n  署名: {signature}\n  日期: 2018-01-05\n")
    out = tmp_path / "signed.docx"
    reportkit.render(data, out)
    paragraphs = open_docx(out).paragraphs
    signed = [p for p in paragraphs if p.style.name.startswith("Signature")]
    assert [(p.style.name, p.text.strip()) for p in signed] == [(style, signature)]
    assert paragraphs[-1].text == "2018年1月5日"
    assert paragraphs[-1].style.name == "Date"


@pytest.mark.parametrize("era", era_names())
def test_a_render_validates_once_and_dumps_once(
    era: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rendering a data file validates its report once and dumps it once; the dumped data,
    totals completed, is passed down to the context instead of being dumped again."""
    calls = {"validate": 0, "dump": 0}
    model = get_era(era).model
    validate, dump = model.model_validate, BaseModel.model_dump

    def counted_validate(data: Any, **kwargs: Any) -> Any:
        calls["validate"] += 1
        return validate(data, **kwargs)

    def counted_dump(self: BaseModel, **kwargs: Any) -> Any:
        if isinstance(self, ReportBase):
            calls["dump"] += 1
        return dump(self, **kwargs)

    monkeypatch.setattr(model, "model_validate", counted_validate)
    monkeypatch.setattr(BaseModel, "model_dump", counted_dump)
    reportkit.render(EXAMPLE_BY_ERA[era], tmp_path / "out.docx")
    assert calls == {"validate": 1, "dump": 1}
