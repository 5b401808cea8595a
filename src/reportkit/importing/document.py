"""A published report as read from its file: paragraphs and tables in order, each placed.

Every reader (:mod:`reportkit.importing.readers`) turns its kind of file into a
:class:`Document`; the recogniser never sees the file itself. A table is a grid of cell
texts, merged cells repeated into every position they cover, as a reader of the printed
page would see them; a blank cell is the empty string.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from reportkit.i18n import _

__all__ = ["Document", "Grid", "Paragraph", "Where", "lays_out_page", "squash"]


@dataclass(frozen=True)
class Where:
    """Where something was in the source: a paragraph's number, or a table's, row's and
    column's (all counted from 1), and the page when the source has pages."""

    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    page: int | None = None
    skipped: int = 0
    """Columns left out at the table's left (a 序号 column): a cell's column counts them."""

    def cell(self, row: int, column: int | None = None) -> Where:
        """The place of a cell (or a whole row) of this table."""
        if column is None:
            return Where(table=self.table, row=row, page=self.page, skipped=self.skipped)
        return Where(table=self.table, row=row, column=column + self.skipped, page=self.page)

    def __str__(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(_("第{n}页").format(n=self.page))
        if self.table is not None:
            parts.append(_("第{n}个表格").format(n=self.table))
            if self.row is not None:
                parts.append(_("第{n}行").format(n=self.row))
            if self.column is not None:
                parts.append(_("第{n}列").format(n=self.column))
        elif self.paragraph is not None:
            parts.append(_("第{n}段").format(n=self.paragraph))
        return _("，").join(parts)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of text (a heading is a paragraph too)."""

    text: str
    where: Where


@dataclass(frozen=True)
class Grid:
    """One table: rows of cell texts.

    A ``stacked`` grid is a table copied from a page with each cell on a line of its own,
    where the rows were lost: each of its rows is one cell (``""`` a blank one), in reading
    order. The recogniser rebuilds its rows from the labels of the era's tables."""

    rows: tuple[tuple[str, ...], ...]
    where: Where
    stacked: bool = False


@dataclass
class Document:
    """Everything a reader found, in reading order."""

    blocks: list[Paragraph | Grid] = field(default_factory=list)
    title: str | None = None  # the page's own title (<title>), when the format has one

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def grids(self) -> list[Grid]:
        return [b for b in self.blocks if isinstance(b, Grid)]


_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=4096)  # a report's paragraphs and cells are squashed many times
def squash(text: str) -> str:
    """Text as compared with a label: full-width forms made half-width (NFKC), every kind
    of space and line break removed."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


_LAYOUT_CELL_CHARS = 200
"""A cell holding text this long over several paragraphs is a part of a page, not a figure
or a label (a label with its definition is one paragraph, and shorter)."""
_FIGURE_TEXT = re.compile(r"[0-9０-９][0-9０-９,，.．]*")


def lays_out_page(cells: list[tuple[str, int]], *, holds_table: bool, headed: bool) -> bool:
    """Whether a table of a page or a Word file lays the page out (its navigation beside the
    article, the article in a cell) rather than holding a table of the report, from its own
    cells (text, how many paragraphs): a cell holds a table; or, in a table with hardly a
    figure of its own (a report's table has many, and may have a title or a note row), a
    heading (``headed``) or a long text over several paragraphs."""
    if holds_table:
        return True
    if sum(1 for text, _paragraphs in cells if _FIGURE_TEXT.fullmatch(text.strip())) >= 3:
        return False
    return headed or any(
        paragraphs >= 2 and len(_SPACES.sub("", text)) > _LAYOUT_CELL_CHARS
        for text, paragraphs in cells
    )
