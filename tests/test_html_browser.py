"""The HTML page in a real browser: axe-core finds nothing at WCAG 2.1 AA, and every figure the
browser shows, read through the header cells it is associated with, is the context's figure.

Headless Chromium and chromedriver from Debian's packages (``make office`` installs them);
skipped on a machine without them, required in CI. axe-core is vendored as a test fixture
(tests/fixtures/axe: version in its first line, MPL-2.0, see README.md there).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import reportkit
from reportkit.context import build_context
from reportkit.eras import get_era
from reportkit.eras.tables import LineKind, table_lines
from reportkit.loading import check_file
from tests.conftest import EXAMPLE_BY_ERA

AXE = Path(__file__).parent / "fixtures" / "axe" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is not installed; .ci/run installs it (make office)")
    pytest.skip(f"{what} is not installed on this machine (CI installs it: make office)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if chromium is None or driver_path is None:
        _missing("Chromium (chromium, chromium-driver)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("selenium (pip install -e '.[test]')")
    options = webdriver.ChromeOptions()
    options.binary_location = str(chromium)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument("--window-size=1280,1024")
    driver = webdriver.Chrome(service=Service(executable_path=str(driver_path)), options=options)
    driver.set_script_timeout(120)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each era's example rendered to its standalone page."""
    folder = tmp_path_factory.mktemp("html")
    return {
        era: reportkit.render(example, folder / f"{era}.html", to="html")[0]
        for era, example in EXAMPLE_BY_ERA.items()
    }


_CELLS = """
const text = (el) => el.innerText.replace(/\\s+/g, "");
return Array.from(document.querySelectorAll("table")).map((table) => ({
  kind: table.className,
  caption: table.caption ? text(table.caption) : "",
  cells: Array.from(table.querySelectorAll("td")).map((td) => ({
    text: text(td),
    headers: (td.getAttribute("headers") || "").split(/\\s+/).filter(Boolean).map(
      (id) => { const th = document.getElementById(id); return th ? text(th) : null; }),
  })),
}));
"""


@pytest.mark.parametrize("era", sorted(EXAMPLE_BY_ERA))
def test_axe_finds_no_wcag_aa_violation(browser: Any, pages: dict[str, Path], era: str) -> None:
    """axe-core reports zero violations at WCAG 2.1 AA on each example's page."""
    browser.get(pages[era].as_uri())
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(done, (e) => done({error: String(e)}));",
        WCAG_AA,
    )
    assert "error" not in result, result
    assert result["passes"], "axe ran no rule"  # it did look at the page
    violations = [
        (v["id"], v["help"], [n["html"][:120] for n in v["nodes"][:3]])
        for v in result["violations"]
    ]
    assert violations == []


def _plain(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("era", sorted(era for era in EXAMPLE_BY_ERA if get_era(era).tables))
def test_every_shown_cell_is_the_context_figure(
    browser: Any, pages: dict[str, Path], era: str
) -> None:
    """Each figure the browser shows, named by its associated row and column headers, equals
    the context's figure for that row and column; no figure is missing or extra."""
    checked = check_file(EXAMPLE_BY_ERA[era])
    assert checked.report is not None
    context = build_context(checked.report, checked.data)
    browser.get(pages[era].as_uri())
    tables = {t["kind"]: t for t in browser.execute_script(_CELLS)}
    record = get_era(era)
    assert sorted(tables) == sorted(t.block for t in record.tables)
    for table in record.tables:
        shown = tables[table.block]
        assert shown["caption"].startswith(table.number)
        lines = table_lines(record.model, table.section)
        expected: list[tuple[str, str, str]] = []  # (row label, column label, figure)
        if table.block == "table2":
            figure_rows = zip(lines, context["t2"]["rows"], strict=True)
            for line, printed in figure_rows:
                if line.kind is not LineKind.HEADING:
                    assert printed["label"] == line.label
                    expected += [
                        (line.label, c.label, v)
                        for c, v in zip(line.columns, printed["cells"], strict=True)
                    ]
        elif table.block == "table3":
            figures = iter(context["t3"]["cells"])
            for line in lines:
                if line.kind is not LineKind.HEADING:
                    expected += [(line.label, c.label, next(figures)) for c in line.columns]
        else:  # table1: an amount's unit of money is printed after it, not in a column
            units = {(*a.row, a.unit) for a in record.scaled_amounts}
            for line in lines:
                row = context["t1"].get(line.path[-1], {})
                expected += [
                    (line.label, c.label, row[c.key])
                    for c in line.columns
                    if (table.section, *line.path, c.key) not in units
                ]
        found = []
        for cell in shown["cells"]:
            assert None not in cell["headers"], cell  # every headers id names a cell
            line_label = next(
                label for label, _c, _v in expected if _plain(label) in cell["headers"]
            )
            column = next(
                c
                for label, c, _v in expected
                if label == line_label and _plain(c) in cell["headers"]
            )
            found.append((line_label, column, cell["text"]))
        assert sorted(found) == sorted((r, c, _plain(v)) for r, c, v in expected)


def test_text_grows_with_the_readers_font_size(browser: Any, pages: dict[str, Path]) -> None:
    """With the root font size doubled (a large-text mode), every text of the page, tables
    included, is set twice as large: no size is fixed."""
    browser.get(pages["2021"].as_uri())
    sizes = """
    return Array.from(document.querySelectorAll("h1, h2, h3, p, caption, th, td")).map(
      (e) => parseFloat(getComputedStyle(e).fontSize));
    """
    before = browser.execute_script(sizes)
    browser.execute_script("document.documentElement.style.fontSize = '200%';")
    after = browser.execute_script(sizes)
    assert len(before) == len(after) > 100
    assert all(b2 == pytest.approx(2 * b1) for b1, b2 in zip(before, after, strict=True))
