"""Property-based tests: any valid data renders; any bytes are handled without a traceback."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

import reportkit
from reportkit.cli import main
from reportkit.eras import art50
from tests.conftest import EXAMPLE_BY_ERA, MINIMAL_2007, STREET_2023, TOWN_2020
from tests.docx_text import extract, open_docx

RENDERS = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
counts = st.integers(min_value=0, max_value=99_999)
names = st.text(
    alphabet="规范性文件政策解读通知公告财政预算人事信息其他类", min_size=2, max_size=12
)


def _render_text(data: dict[str, Any]) -> tuple[str, list[str]]:
    """Write ``data``, validate and render it; the document's text and the warnings."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.yaml"
        with path.open("w", encoding="utf-8") as handle:
            YAML(typ="safe", pure=True).dump(data, handle)
        checked = reportkit.validate(path)
        assert checked.ok, [str(p) for p in checked.problems]
        out, _warnings = reportkit.render(path, Path(folder) / "out.docx")
        return extract(out), [str(p) for p in checked.warnings]


@RENDERS
@given(
    st.lists(st.tuples(names, counts), min_size=1, max_size=6, unique_by=lambda t: t[0]),
    counts,
    st.booleans(),
    st.integers(0, 2),
)
def test_any_2007_report_renders_its_counts(
    categories: list[tuple[str, int]], received: int, sum_to_100: bool, decimals: int
) -> None:
    """Any valid 2007-era data renders; every count is in the text; shares sum to 100 when asked."""
    data = YAML(typ="safe").load(MINIMAL_2007)
    data["主动公开"]["分类"] = [{"名称": n, "条数": c} for n, c in categories]
    data["依申请公开"] = {"收到申请": received, "办理结果": {"同意公开": received}}
    data["百分比"] = {"合计为百": sum_to_100, "小数位": decimals}
    text, _ = _render_text(data)
    total = sum(c for _, c in categories)
    if total == 0:
        assert "2017年，我镇未主动公开政府信息。" in text
        return
    assert f"共主动公开政府信息{total}条" in text
    for name, count in categories:
        assert f"{name}{count}条" in text
    assert ("合计为100%" in text) == sum_to_100


def _leaf_rows(node: Any) -> list[dict[str, Any]]:
    """Every Table 2 row mapping (a dict of the seven columns) under ``node``."""
    if not isinstance(node, dict):
        return []
    if any(not isinstance(v, dict) for v in node.values()):
        return [node]
    return [row for child in node.values() for row in _leaf_rows(child)]


COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
cells = st.lists(st.integers(0, 40), min_size=6, max_size=6)


@RENDERS
@given(st.sampled_from([TOWN_2020, STREET_2023]), st.data())
def test_any_table_report_renders_its_cells(example: Path, draw: st.DataObject) -> None:
    """Any balancing Table 2 and 3 (totals left out) validates, renders, and prints every cell."""
    data = YAML(typ="safe").load(example.read_text(encoding="utf-8"))
    table = copy.deepcopy(data[art50.APPLICATIONS])
    results = table["办理结果"]
    results.pop(art50.TOTAL, None)
    for row in _leaf_rows(results):
        row.clear()
        row.update(zip(COLUMNS, draw.draw(cells), strict=True))
    answered = [sum(row[c] for row in _leaf_rows(results)) for c in COLUMNS]
    carried_over = draw.draw(cells)
    carried_in = [
        min(x, a + o) for x, a, o in zip(draw.draw(cells), answered, carried_over, strict=True)
    ]
    received = [a + o - i for a, o, i in zip(answered, carried_over, carried_in, strict=True)]
    table["新收"] = dict(zip(COLUMNS, received, strict=True))
    table["上年结转"] = dict(zip(COLUMNS, carried_in, strict=True))
    table["结转下年度"] = dict(zip(COLUMNS, carried_over, strict=True))
    data[art50.APPLICATIONS] = table
    outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结"]
    data[art50.APPEALS] = {
        block: dict(
            zip(
                outcomes,
                draw.draw(st.lists(st.integers(0, 9), min_size=4, max_size=4)),
                strict=True,
            )
        )
        for block in ("行政复议", "未经复议直接起诉", "复议后起诉")
    }
    text, _ = _render_text(data)
    received_row = next(line for line in text.splitlines() if line.startswith("| 一、本年新收"))
    assert received_row.split(" | ")[1:] == [*map(str, received), f"{sum(received)} |"]
    appeals_row = text.splitlines()[
        next(i for i, line in enumerate(text.splitlines()) if line.startswith("| 结果维持")) + 1
    ]
    review = data[art50.APPEALS]["行政复议"]
    assert appeals_row.startswith("| " + " | ".join(str(review[o]) for o in outcomes))


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_never_crash_the_cli(content: bytes) -> None:
    """Whatever bytes a data file holds, validate exits 0 or 1 with a message, never a traceback."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.yaml"
        path.write_bytes(content)
        result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_text_never_crashes_the_cli(content: str) -> None:
    """Whatever UTF-8 text a data file holds, validate exits 0 or 1, never with a traceback."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.yaml"
        path.write_text(content, encoding="utf-8")
        result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )


def _blankable(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key of the data (inside list items too) a clerk could leave with no value."""
    found: list[tuple[Any, ...]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if path == () and key in ("年度", "已核实"):
                continue
            found.append((*path, key))
            found.extend(_blankable(value, (*path, key)))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            found.extend(_blankable(item, (*path, i)))
    return found


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    """The node at ``path``, or None when an earlier draw blanked or replaced a part above it
    (a 小节 list replaced by one sub-section has no item 1)."""
    for step in path:
        if data is None or (isinstance(data, list) and step >= len(data)):
            return None
        data = data[step]
    return data


@st.composite
def _with_blanks(draw: st.DrawFn, era: str) -> dict[str, Any]:
    """An example of ``era`` with some values left blank, some texts replaced by a titled but
    empty sub-section, and (Art. 50) perhaps a blank optional 考核评议追责 as `new` writes it."""
    data = YAML(typ="safe").load(EXAMPLE_BY_ERA[era].read_text(encoding="utf-8"))
    paths = _blankable(data)
    for path in draw(st.lists(st.sampled_from(paths), max_size=3, unique=True)):
        parent = _at(data, path[:-1])
        if not isinstance(parent, dict):
            continue  # inside a part blanked already
        if path[-1] == "正文" and draw(st.booleans()):
            parent["小节"] = [{"标题": "小标题"}]
        parent[path[-1]] = None
    if era != "2007" and isinstance(data.get("总体情况"), dict) and draw(st.booleans()):
        data["总体情况"]["考核评议追责"] = {"标题": None, "正文": None}
    return data


def _pending_in(path: Path) -> list[str]:
    """Every paragraph and table cell of a .docx that holds a placeholder."""
    document = open_docx(path)
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return [t for t in texts if "【待填写" in t]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(st.data())
@pytest.mark.parametrize("era", sorted(EXAMPLE_BY_ERA))
def test_what_validates_renders_without_a_placeholder(era: str, draw: st.DataObject) -> None:
    """In every era: a final check's errors are exactly a draft's 未填写 warnings, and data that
    validates renders (final, not draft) with no 【待填写】 in any paragraph or table cell."""
    data = draw.draw(_with_blanks(era))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.yaml"
        with path.open("w", encoding="utf-8") as handle:
            YAML(typ="safe", pure=True).dump(data, handle)
        draft = reportkit.validate(path, draft=True)
        assume(draft.ok)  # blanks that leave no report (年度…) or break the schema are not asked
        final = reportkit.validate(path)
        unfilled = [p.path for p in draft.warnings if p.code == "unfilled"]
        assert [p.path for p in final.errors] == unfilled
        if unfilled:
            return
        event("validates: rendered")
        out, _warnings = reportkit.render(path, Path(folder) / "out.docx")
        assert _pending_in(out) == []
