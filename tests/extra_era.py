"""A test-only era: the 2021 era with one more row in Table 1 (行政裁决, an invented 条款).

This module and one registry entry (:data:`REGISTRATION`) are all it takes to add an era;
tests/test_eras.py proves that it validates, renders and exports its schema with no source
file of reportkit changed.
"""

from __future__ import annotations

from typing import ClassVar

from reportkit.eras import Registration
from reportkit.eras.art50 import Art50Report, art50_era
from reportkit.eras.era2021 import Applications2021, Decisions, OtherMatters, Proactive2021
from reportkit.eras.tables import row

NAME = "2021x"
EXTRA_ROW = "行政裁决"
EXTRA_GROUP = "第二十条第（十）项"


class ProactiveExtra(Proactive2021):
    """二、主动公开政府信息情况（表一，试验版）：2021 年版另加一行。"""

    adjudication: Decisions = row(EXTRA_ROW, EXTRA_ROW, group=EXTRA_GROUP)


class ReportExtra(Art50Report[ProactiveExtra, Applications2021, OtherMatters]):
    """政府信息公开工作年度报告（试验版格式）。"""

    ERA: ClassVar[str] = NAME


ERA = art50_era(ReportExtra)

REGISTRATION = Registration(NAME, 2021, 2100, "tests.extra_era:ERA")
"""Placed before the 2021 era in the registry, it governs reports from 2021 on."""
