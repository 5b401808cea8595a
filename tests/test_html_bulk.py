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
    under 2,000 sandbox steps (3,925 when each report printed the whole table markup)."""
    checked = check_file(STREET_2023)
    report = checked.report
    assert report is not None
    context = build_context(report, checked.data)
    render_html(report, context)
    steps = _steps(lambda: render_html(report, context))
    assert 0 < steps < 2000


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
