"""The outline of the report for each era of the rules, and the year → era registry."""

from __future__ import annotations

from reportkit.i18n import _
from reportkit.models.common import ReportBase
from reportkit.models.era_2007 import Report2007
from reportkit.models.era_2019 import Report2019
from reportkit.models.era_2021 import Report2021

__all__ = [
    "ERAS",
    "ERA_YEARS",
    "Report",
    "ReportBase",
    "describe_eras",
    "era_for_year",
    "model_for_era",
]

Report = Report2007 | Report2019 | Report2021
"""Any era's report model."""

ERAS: dict[str, type[ReportBase]] = {
    "2007": Report2007,
    "2019": Report2019,
    "2021": Report2021,
}
"""Era name → model; an era is named after the year its rules were issued."""

_LAST_YEAR = 2100  # the last 年度 ReportBase accepts: "2021 onward"

ERA_YEARS: tuple[tuple[int, int, str], ...] = (
    # first report year, last report year, era (formats.md §1)
    (2008, 2018, "2007"),
    (2019, 2020, "2019"),
    (2021, _LAST_YEAR, "2021"),
)


def era_for_year(year: int) -> str | None:
    """The era whose outline governs a report for ``year``, or None when none does (yet)."""
    for first, last, era in ERA_YEARS:
        if first <= year <= last:
            return era
    return None


def model_for_era(era: str) -> type[ReportBase]:
    """The report model of an era (KeyError for an unknown era)."""
    return ERAS[era]


def describe_eras() -> str:
    """The supported years and their eras, as a clerk reads them."""
    spans = []
    for first, last, era in ERA_YEARS:
        if last == _LAST_YEAR:
            span = _("{first} 年度起用 {era} 年版格式").format(first=first, era=era)
        else:
            span = _("{first}—{last} 年度用 {era} 年版格式").format(first=first, last=last, era=era)
        spans.append(span)
    return _("；").join(spans)
