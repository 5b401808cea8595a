"""The HTML page in a bulk render: what every report of an era shares is printed once per era."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest

from reportkit import rendering
from reportkit.context import build_context
from reportkit.errors import TemplateProblem
from reportkit.loading import check_file
from reportkit.publish.html import render_html
from tests.conftest import STREET_2023


def _steps(render: Callable[[], object]) -> int:
    """How many times the sandbox checked its clock while ``render`` ran."""
    ticks = 0
    tick = rendering._Sandbox.tick

    def counted(self: rendering._Sandbox) -> None:
        nonlocal ticks
        ticks += 1
        tick(self)

    with mock.patch.object(rendering._Sandbox, "tick", counted):
        render()
    return ticks


def test_a_second_report_prints_only_its_own_figures() -> None:
    """Once an era's header rows, labels and cell openings are printed, a 2021-era page takes
    under 600 sandbox steps (3,925 when each report printed the whole table markup; about
    820 when the template walked Table 2's rows and each figure of Table 1 itself)."""
    checked = check_file(STREET_2023)
    report = checked.report
    assert report is not None
    context = build_context(report, checked.data)
    render_html(report, context)
    steps = _steps(lambda: render_html(report, context))
    assert 0 < steps < 600


def test_a_row_with_more_figures_than_cells_is_a_template_problem() -> None:
    """A Table 2 row with a figure more than the era's columns is a TemplateProblem that says
    so, never a figure dropped or an internal error."""
    checked = check_file(STREET_2023)
    assert checked.report is not None
    context = copy.deepcopy(build_context(checked.report, checked.data))
    context["t2"]["rows"][0]["cells"].append("9")
    with pytest.raises(TemplateProblem) as caught:
        render_html(checked.report, context)
    assert "8 figures for 7 cells" in str(caught.value)


def test_an_era_first_met_late_in_a_long_run_is_printed_in_time() -> None:
    """The first report of an era met after the previous report's time limit has passed still
    renders: the clock starts before the era's shared markup is printed."""
    from reportkit.publish import html as page_templates

    checked = check_file(STREET_2023)
    report = checked.report
    assert report is not None
    context = build_context(report, checked.data)
    render_html(report, context)
    environment: Any = page_templates._templates()["page.html.j2"].environment
    environment.deadline = 0.0  # the previous report's clock ran out long ago
    page_templates._printed_layouts.cache_clear()
    assert "<table" in render_html(report, context)


def test_a_table2_with_a_row_more_than_the_era_is_a_template_problem() -> None:
    """A Table 2 with more rows than the era's table has lines is a TemplateProblem that says
    so, never a row dropped."""
    checked = check_file(STREET_2023)
    assert checked.report is not None
    context = copy.deepcopy(build_context(checked.report, checked.data))
    rows = context["t2"]["rows"]
    rows.append(copy.deepcopy(rows[-1]))
    with pytest.raises(TemplateProblem) as caught:
        render_html(checked.report, context)
    assert f"{len(rows)} rows for {len(rows) - 1} lines" in str(caught.value)


def test_a_figure_that_is_not_digits_is_escaped_in_every_table() -> None:
    """Digits go into a cell as they are; any other figure text (a unit, a draft's blank, or
    markup a context should never hold) is escaped, in each of the three tables."""
    checked = check_file(STREET_2023)
    assert checked.report is not None
    context = copy.deepcopy(build_context(checked.report, checked.data))
    row1 = next(iter(context["t1"].values()))
    row1[next(iter(row1))] = "<i>1</i>"
    figures = next(r for r in context["t2"]["rows"] if r["kind"] != "heading")["cells"]
    figures[0] = "2&3"
    figures[1] = "４5"  # a full-width digit: no markup either way
    context["t3"]["cells"][0] = '"4"'
    page = render_html(checked.report, context)
    assert ">&lt;i&gt;1&lt;/i&gt;</td>" in page
    assert ">2&amp;3</td>" in page and ">４5</td>" in page
    assert ">&#34;4&#34;</td>" in page
    assert "<i>" not in page


def test_a_table1_row_without_a_column_figure_is_a_template_problem() -> None:
    """A Table 1 row missing one of its columns' figures names the column, as a variable the
    template uses and the data lacks."""
    checked = check_file(STREET_2023)
    assert checked.report is not None
    context = copy.deepcopy(build_context(checked.report, checked.data))
    row = next(iter(context["t1"].values()))
    column = next(iter(row))
    del row[column]
    with pytest.raises(TemplateProblem) as caught:
        render_html(checked.report, context)
    assert "模板使用了数据中没有的变量" in str(caught.value) and column in str(caught.value)
