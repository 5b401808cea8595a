"""The 2021-era outline (reports for 2021 onward): Art. 50 of the 2019 条例 and the format of
国办公开办函〔2021〕30号.

The six headings, 总体情况 and Tables 2 and 3 are the 2019 era's (declared once in
:mod:`reportkit.eras.art50`); this module holds what changed: Table 1, （六）其他处理
split into three rows, and 信息处理费 under 其他需要报告的事项.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from reportkit.eras import CarryNote, Continuity, ProseFigure
from reportkit.eras.art50 import (
    HEADINGS,
    Applications,
    Art50Report,
    OtherHandling,
    Results,
    art50_era,
)
from reportkit.eras.model import Count, Model, Prose, Section, TenThousandYuan, Yuan, fill
from reportkit.eras.tables import Row, row

__all__ = [
    "ERA",
    "HEADINGS",
    "Applications2021",
    "Decisions",
    "Documents",
    "FeeIncome",
    "OtherMatters",
    "Proactive2021",
    "Report2021",
    "Results2021",
]


# --- Table 1: 主动公开政府信息情况 (2021 format) ------------------------------------------


class Documents(Row):
    """表一 第二十条第（一）项：规章、行政规范性文件的件数。"""

    issued: Count | None = fill(alias="本年制发件数", description="本年制发的件数")
    repealed: Count | None = fill(alias="本年废止件数", description="本年废止的件数")
    in_force: Count | None = fill(alias="现行有效件数", description="年末现行有效的件数")


class Decisions(Row):
    """表一 第二十条第（五）（六）项：本年处理决定数量。"""

    decisions: Count | None = fill(alias="本年处理决定数量", description="本年作出处理决定的数量")


class FeeIncome(Row):
    """表一 第二十条第（八）项：行政事业性收费金额（万元）。"""

    amount: TenThousandYuan | None = fill(
        alias="本年收费金额",
        title="本年收费金额（单位：万元）",
        description="本年收费金额，单位：万元，如 1.25；最多 6 位小数（精确到分），如 5949.088667",
    )


class Proactive2021(Model):
    """二、主动公开政府信息情况（表一，2021 年版）：每一格都须填写，没有的写 0。"""

    title: str | None = Field(
        None, alias="标题", min_length=1, description="本节标题；不填时用标准标题"
    )
    text: Prose | None = Field(None, alias="正文", description="表格前的说明")
    regulations: Documents = row("规章", "规章", group="第二十条第（一）项")
    normative_documents: Documents = row(
        "行政规范性文件", "行政规范性文件", group="第二十条第（一）项"
    )
    licensing: Decisions = row("行政许可", "行政许可", group="第二十条第（五）项")
    penalties: Decisions = row("行政处罚", "行政处罚", group="第二十条第（六）项")
    coercion: Decisions = row("行政强制", "行政强制", group="第二十条第（六）项")
    fees: FeeIncome = row("行政事业性收费", "行政事业性收费", group="第二十条第（八）项")


# --- Table 2: （六）其他处理 in three rows ------------------------------------------------


class Results2021(Results[OtherHandling]):
    """三、本年度办理结果（2021 年版：其他处理分三项）。"""


class Applications2021(Applications[Results2021]):
    """三、收到和处理政府信息公开申请情况（表二，2021 年版）。"""


# --- 六、其他需要报告的事项 ---------------------------------------------------------------


class OtherMatters(Section):
    """六、其他需要报告的事项，含收取信息处理费的情况。"""

    processing_fees: Yuan | None = fill(
        alias="信息处理费",
        description="本年依《政府信息公开信息处理费管理办法》收取的信息处理费"
        "（元，最多 2 位小数）；未收取写 0",
    )

    @property
    def is_empty(self) -> bool:
        return super().is_empty and self.processing_fees is None


class Report2021(Art50Report[Proactive2021, Applications2021, OtherMatters]):
    """政府信息公开工作年度报告（国办公开办函〔2021〕30号格式，适用于 2021 年度起）。"""

    ERA: ClassVar[str] = "2021"


def _documents(row: str, label: str) -> dict[str, ProseFigure]:
    """Table 1's 规章 or 行政规范性文件 row: issued, repealed and in force, as prose names them."""
    return {
        f"{label}{verb}": ProseFigure(f"表一“{row}”“{column}”", (("主动公开", row, column),))
        for verb, column in (
            ("制发", "本年制发件数"),
            ("废止", "本年废止件数"),
            ("现行有效", "现行有效件数"),
        )
    }


PROSE_FIGURES = {
    **_documents("规章", "规章"),
    **_documents("行政规范性文件", "规范性文件"),
    "收费": ProseFigure("其他事项“信息处理费”", (("其他事项", "信息处理费"),)),
}
"""What the prose may state that Table 1 and 其他事项 of this era hold (reportkit.prose)."""

CONTINUITY = tuple(
    Continuity(("主动公开", key), f"表一“{key}”", "本年制发件数", "本年废止件数", "现行有效件数")
    for key in ("规章", "行政规范性文件")
)
"""Table 1's rows whose 现行有效件数 is last year's, plus 本年制发, minus 本年废止."""

ERA = art50_era(
    Report2021,
    prose_figures=PROSE_FIGURES,
    continuity=CONTINUITY,
    carried_from={
        "2019": (
            CarryNote(
                ("依申请公开", "办理结果", "其他处理", "其他"),
                "2019 年版的“其他处理”只有一行，2021 年版分为三项；"
                "上年的“其他处理”对应这里的“其他”",
                "2019 年版表二的“其他处理”一行，在 2021 年版中对应“其他处理 → 3.其他”。",
            ),
        )
    },
)
"""The 2021 era."""
