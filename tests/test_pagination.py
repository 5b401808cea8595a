"""Table 2 breaks well in LibreOffice: read back from the PDF of every example and of a Table 2
with every row non-zero — no heading-only row ends a page, the repeated header never stands over
a lone last row, no header word wraps, and a wrapped row label goes on under its first line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from reportkit.eras import get_era
from reportkit.eras.tables import LineKind, table_lines
from reportkit.loading import check_file
from tests.conftest import EXAMPLE_BY_ERA, STREET_2023
from tests.pdf_pages import Line, pdf_lines, render_pdfs

FULL = "full-table2"


def _table2(era: str) -> Any:
    table = next(t for t in get_era(era).tables if t.block == "table2")
    return table.section, table_lines(get_era(era).model, table.section)


def _every_row_non_zero(folder: Path) -> Path:
    """The 2021 example with a four-digit figure in every cell of Table 2 (totals computed)."""
    yaml = YAML(typ="safe", pure=True)
    data = yaml.load(STREET_2023.read_text(encoding="utf-8"))
    section, lines = _table2("2021")
    rows = [line for line in lines if line.kind is LineKind.ROW]
    results = [line for line in rows if line.path[0] == "办理结果"]
    data[section] = {}
    for line in rows:
        kind = "result" if line in results else line.path[0]
        figure = {"result": 1012, "上年结转": 1005, "结转下年度": 1003}.get(
            kind, 1012 * len(results) + 1003 - 1005
        )
        cells = {c.key: figure for c in line.columns if c.key != "总计"}
        _put(data[section], line.path, cells)
    path = folder / f"{FULL}.yaml"
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    checked = check_file(path)
    assert checked.ok, [str(p) for p in checked.errors]
    return path


def _put(tree: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        tree = tree.setdefault(key, {})
    tree[path[-1]] = value


@pytest.fixture(scope="module")
def full_table(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _every_row_non_zero(tmp_path_factory.mktemp("full"))


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, full_table: Path) -> dict[str, list[Line]]:
    folder = tmp_path_factory.mktemp("pages")
    cases = {era: EXAMPLE_BY_ERA[era] for era in ("2019", "2021")}
    cases[FULL] = full_table
    pdfs = render_pdfs(list(cases.values()), folder)
    return {name: pdf_lines(pdf) for name, pdf in zip(cases, pdfs, strict=True)}


CASES = ["2019", "2021", FULL]
NUMBERS = re.compile(r"[\d\s]+$")


def _era(case: str) -> str:
    return "2021" if case == FULL else case


def _label_lines(lines: list[Line], label: str) -> list[Line]:
    """The line(s) that set ``label``: its first line, and those that continue it."""
    for i, line in enumerate(lines):
        if line.text.startswith(label[:6]):
            found = [line]
            for after in lines[i + 1 : i + 4]:
                rest = NUMBERS.sub("", after.text)
                if rest and rest != label and label.endswith(rest) and after.page == line.page:
                    found.append(after)
            return found
    raise AssertionError(f"{label} not found")


@pytest.mark.parametrize("case", CASES)
def test_no_heading_row_ends_a_page(case: str, pages: dict[str, list[Line]]) -> None:
    """A heading-only row (三、本年度办理结果, （三）不予公开…) has a row below it on its page."""
    lines = pages[case]
    _section, table = _table2(_era(case))
    for heading in (line for line in table if line.kind is LineKind.HEADING):
        first = _label_lines(lines, heading.label)[0]
        below = [
            line
            for line in lines
            if line.page == first.page and line.top > first.bottom and not line.text.startswith("—")
        ]
        assert below, f"{heading.label} ends page {first.page}"


@pytest.mark.parametrize("case", CASES)
def test_last_row_never_alone_under_the_header(case: str, pages: dict[str, list[Line]]) -> None:
    """The last row of Table 2 shares its page with the row before it."""
    _section, table = _table2(_era(case))
    last, before = table[-1], table[-2]
    assert _label_lines(pages[case], last.label)[0].page == (
        _label_lines(pages[case], before.label)[-1].page
    )


@pytest.mark.parametrize("case", CASES)
def test_header_words_stay_on_one_line(case: str, pages: dict[str, list[Line]]) -> None:
    """自然人 and every header word (two-character words of the longer labels) on one line."""
    _section, table = _table2(_era(case))
    text = "\n".join(line.text for line in pages[case])
    for column in table[0].columns:
        label = column.label
        words = [label] if len(label) <= 3 else [label[i : i + 2] for i in range(0, len(label), 2)]
        for word in words:
            assert word in text, (label, word)


@pytest.mark.parametrize("case", CASES)
def test_wrapped_labels_keep_their_indent(case: str, pages: dict[str, list[Line]]) -> None:
    """A row label that wraps goes on under its own first character, not at the cell's edge."""
    _section, table = _table2(_era(case))
    wrapped = 0
    for row in table:
        found = _label_lines(pages[case], row.label)
        for line in found[1:]:
            wrapped += 1
            assert abs(line.x0 - found[0].x0) < 1, (row.label, found)
    assert wrapped  # the long labels did wrap, so the rule was checked
