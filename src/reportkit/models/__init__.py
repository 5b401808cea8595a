"""The outline of the report for each era of the rules, and the year → era registry."""

from __future__ import annotations

from reportkit.models.common import ReportBase
from reportkit.models.era_2007 import Report2007

__all__ = ["ERAS", "Report", "ReportBase", "era_for_year", "model_for_era"]

Report = Report2007
"""Any era's report model (a union once later eras land)."""

ERAS: dict[str, type[ReportBase]] = {"2007": Report2007}
"""Era name → model; an era is named after the year its rules were issued."""

_ERA_YEARS: tuple[tuple[int, int, str], ...] = (
    # first report year, last report year, era (formats.md §1)
    (2008, 2018, "2007"),
)


def era_for_year(year: int) -> str | None:
    """The era whose outline governs a report for ``year``, or None when none does (yet)."""
    for first, last, era in _ERA_YEARS:
        if first <= year <= last:
            return era
    return None


def model_for_era(era: str) -> type[ReportBase]:
    """The report model of an era (KeyError for an unknown era)."""
    return ERAS[era]
