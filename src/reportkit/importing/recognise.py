"""From a read document to a data file's contents: what reportkit's own eras know, applied
backwards.

The title gives the year and the unit, the year the era; the era's outline names the
sections (matched by their words, whatever numbering a report uses — （一）, (一), 一、,
skipped or repeated numbers); the era's table of labels names every row and column of
every table (matched by label, never by position, full- and half-width alike). Sentences
reportkit itself writes from the figures are recognised by writing them again and left
out of the prose. **No figure is invented**: a cell printed blank stays blank (``None``,
still to fill), a printed 0 is 0, and what cannot be placed is listed with where it was.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel

from reportkit import datapath
from reportkit.eras import Era, era_for_year, no_era_for_year
from reportkit.eras.introspect import fields_by_alias, model_at
from reportkit.eras.tables import Line, LineKind, table_lines
from reportkit.errors import NotImportable
from reportkit.i18n import _
from reportkit.importing.document import Document, Grid, Paragraph, Where, squash

__all__ = ["Imported", "heading", "label", "recognise", "same_label"]

Path = tuple[str | int, ...]

_CN_DIGITS = {
    "〇": "0",
    "零": "0",
    "○": "0",
    "一": "1",
    "二": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
}
_YEAR = r"((?:19|20)[0-9]{2}|[〇零○一二三四五六七八九]{4})"
_TITLE = re.compile(
    rf"^(.*?){_YEAR}\s*年度?.{{0,12}}政府信息公开.{{0,8}}(?:年度报告|工作报告|年报)"
)
_DATE = re.compile(r"^([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日$")
_LEVEL1 = re.compile(r"^[一二三四五六七八九十]{1,3}\s*[、.．]\s*(.+)$")
_LEVEL2 = re.compile(r"^[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]\s*(.+)$")
_LEVEL3 = re.compile(r"^[0-9]{1,2}\s*[.．、]\s*(.+)$")
_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十0-9]+\)|[0-9]+[.、)])"
)
_QUOTES = re.compile(r"[“”\"'‘’/·]")
_VOICE = re.compile(
    r"(?:我|本)(?:街道|镇|乡|局|委|办|区|县|市|厅|中心|机关|院|署|部门|单位|政府|公司|站|所)"
)

SECTION_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("行政复议和诉讼", ("复议", "诉讼")),
    ("收费及减免", ("收费", "减免")),
    ("问题及改进", ("问题", "改进", "不足")),
    ("其他事项", ("其他",)),
    ("依申请公开", ("申请",)),
    ("主动公开", ("主动公开",)),
    ("总体情况", ("总体", "概述", "基本情况", "概况", "基本工作")),
    ("概述", ("概述", "基本情况", "概况", "基本工作", "总体")),
)
"""A first-level heading's words → the data-file key of its section (the first match wins;
only keys of the era's outline are tried)."""

TOPIC_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("考核评议追责", ("考核", "评议", "追究")),
    ("监督保障", ("监督", "保障")),
    ("平台建设", ("平台",)),
    ("政府信息管理", ("管理",)),
    ("依申请公开", ("申请",)),
    ("主动公开", ("主动公开",)),
)
"""A sub-heading's words → the key of a named sub-section (总体情况's topics)."""


@dataclass
class Imported:
    """What import found: the data (by data-file keys), where each part came from, the
    cells printed blank, and what could not be placed."""

    era: Era
    data: dict[str, Any]
    origins: dict[Path, str] = field(default_factory=dict)
    blanks: list[tuple[Path, str]] = field(default_factory=list)
    unplaced: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _Part:
    """A heading and what follows it up to the next heading of its level or above."""

    level: int
    title: str
    where: Where | None
    paras: list[Paragraph] = field(default_factory=list)
    children: list[_Part] = field(default_factory=list)


@functools.lru_cache(maxsize=8192)  # the same official labels are compared in every report
def label(text: str) -> str:
    """A label as compared: half-width, no spaces, quotes or leading number."""
    return _NUMBERING.sub("", _QUOTES.sub("", squash(text)))


def same_label(printed: str, official: str) -> bool:
    """Whether a printed label is the official one (its numbering, spacing, width and a
    shortened or lengthened wording aside)."""
    a, b = label(printed), label(official)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and (long.startswith(short) or long.endswith(short))


# --- title, year, unit, sign-off -------------------------------------------------------------


def _year(text: str) -> int:
    return int("".join(_CN_DIGITS.get(ch, ch) for ch in text))


def _title(document: Document) -> tuple[int, str | None, int]:
    """(year, unit, index of the title's last paragraph) from the report's title."""
    paragraphs = document.paragraphs
    for i, paragraph in enumerate(paragraphs[:20]):
        text = squash(paragraph.text)
        match = _TITLE.match(text)
        if match is None or len(text) > 80:
            continue
        unit = match.group(1).strip() or None
        if unit is None and i > 0:
            before = squash(paragraphs[i - 1].text)
            if before and len(before) <= 40 and not re.search(r"[。，；：]", before):
                unit = before
        return _year(match.group(2)), unit, i
    if document.title and (match := _TITLE.match(squash(document.title))):
        return _year(match.group(2)), match.group(1).strip() or None, -1
    raise NotImportable(
        _("找不到“××年政府信息公开工作年度报告”这样的标题：这不像一份政府信息公开工作年度报告")
    )


def _signoff(body: list[Paragraph], unit: str | None) -> tuple[dict[str, Any], int]:
    """落款 from the last paragraphs (a date, a signature before it), and how many they are."""
    found: dict[str, Any] = {}
    used = 0
    if body and (match := _DATE.match(squash(body[-1].text))):
        try:
            found["日期"] = dt.date(*(int(g) for g in match.groups()))
            used = 1
        except ValueError:
            return found, 0
        if len(body) >= 2:
            signature = body[-2].text.strip()
            if len(signature) <= 40 and not re.search(r"[。；：]", signature):
                used = 2
                if squash(signature) != squash(unit or ""):
                    found["署名"] = signature
    elif body and unit and squash(body[-1].text) == squash(unit):
        used = 1
    return found, used


def _level(unit: str | None) -> str | None:
    """The kind of body, when its name says it (乡镇, 街道, 县级人民政府)."""
    if not unit:
        return None
    if re.search(r"(?:镇|乡)(?:人民政府)?$", unit):
        return "乡镇"
    if re.search(r"街道(?:办事处)?$", unit):
        return "街道"
    if re.search(r"(?:县|区)人民政府$", unit):
        return "县级人民政府"
    return None


# --- outline ---------------------------------------------------------------------------------


def _heading(text: str) -> tuple[int, str, str] | None:
    """(level, title, text run in after the title) when a paragraph is a heading."""
    for level, pattern in ((1, _LEVEL1), (2, _LEVEL2), (3, _LEVEL3)):
        match = pattern.match(text.strip())
        if match is None:
            continue
        rest = match.group(1).strip()
        if level == 1 and (len(rest) > 40 or rest.endswith("。")):
            return None
        head, stop, tail = rest.partition("。")
        if stop and tail.strip() and len(head) <= 30:
            return level, head, tail.strip()
        if not stop and len(rest) <= 40 and not re.search("[；]" if level < 3 else "[，；]", rest):
            return level, rest, ""
        return None
    return None


def _outline(paragraphs: Sequence[Paragraph]) -> tuple[list[Paragraph], list[_Part]]:
    """The paragraphs before the first heading, and the tree of headed parts."""
    preface: list[Paragraph] = []
    top: list[_Part] = []
    stack: list[_Part] = []
    for paragraph in paragraphs:
        found = _heading(paragraph.text)
        if found is None or (found[0] > 1 and not stack):
            (stack[-1].paras if stack else preface).append(paragraph)
            continue
        level, title, rest = found
        part = _Part(level, title, paragraph.where)
        if rest:
            part.paras.append(Paragraph(rest, paragraph.where))
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].children if stack else top).append(part)
        stack.append(part)
    return preface, top


heading = _heading
"""(level, title, text run in after it) when a paragraph is a heading, else None."""


# --- tables ----------------------------------------------------------------------------------


def _figure(text: str) -> tuple[int | Decimal | None, str | None, bool]:
    """(value, unit of money, understood) of a printed cell; blank is (None, None, True)."""
    plain = squash(text).replace(",", "")
    if plain in ("", "-", "—", "/", "无", "——"):
        return None, None, True
    match = re.fullmatch(r"([-+]?[0-9]+(?:\.[0-9]+)?)(万元|元)?", plain)
    if match is None:
        return None, None, False
    number = match.group(1)
    try:
        value: int | Decimal = Decimal(number) if "." in number else int(number)
    except InvalidOperation:
        return None, None, False
    return value, match.group(2), True


def _is_data(cell: str) -> bool:
    value, _unit, ok = _figure(cell)
    return ok and value is not None


class _TableReader:
    """Reads the grids of one report into the tables of its era."""

    def __init__(self, era: Era, found: Imported) -> None:
        self.era = era
        self.found = found
        self.lines = {t.section: table_lines(era.model, t.section) for t in era.tables}

    def read(self, grids: Sequence[Grid]) -> None:
        current: str | None = None
        for grid in grids:
            section = self._which(grid) or current
            if section is None:
                text = " | ".join(c for c in grid.rows[0] if c) if grid.rows else ""
                self.found.unplaced.append(
                    (str(grid.where), _("不是年度报告的表格：{text}").format(text=text))
                )
                continue
            current = section
            self._grid(section, grid)

    def _which(self, grid: Grid) -> str | None:
        best, score = None, 0
        texts = {c for row in grid.rows for c in row if c and not _is_data(c)}
        for section, lines in self.lines.items():
            labels = {line.label for line in lines}
            labels |= {column.label for line in lines for column in line.columns}
            hits = sum(1 for t in texts if any(same_label(t, official) for official in labels))
            if hits > score:
                best, score = section, hits
        return best if score >= 2 else None

    def _match_line(self, lines: Sequence[Line], text: str, after: int) -> int | None:
        hits = [i for i, line in enumerate(lines) if same_label(text, line.label)]
        return next((i for i in hits if i >= after), hits[0] if hits else None)

    def _grid(self, section: str, grid: Grid) -> None:
        lines = self.lines[section]
        headers: list[tuple[str, ...]] = []
        after = 0
        last_was_data = False
        for r, row in enumerate(grid.rows, start=1):
            where = grid.where.cell(r)
            if not any(c.strip() for c in row):
                continue
            labelled = row[0] and not _is_data(row[0])
            figures_only = all(not c or _is_data(c) for c in row[1:])
            index = self._match_line(lines, row[0], after) if labelled and figures_only else None
            if index is not None:
                after = index + 1
                line = lines[index]
                if line.kind is not LineKind.HEADING:
                    self._row(section, line, row, headers, where)
                last_was_data = True
                continue
            if any(_is_data(c) for c in row):
                self._bare_row(section, lines, row, headers, where)
                last_was_data = True
                continue
            if last_was_data:
                headers = []
                last_was_data = False
            headers.append(row)

    def _column_at(self, headers: Sequence[tuple[str, ...]], wanted: str, first: int) -> int | None:
        for header in reversed(headers):  # the deepest header row names the columns
            for i in range(first, len(header)):
                if same_label(header[i], wanted):
                    return i
        return None

    def _row(
        self,
        section: str,
        line: Line,
        row: tuple[str, ...],
        headers: Sequence[tuple[str, ...]],
        where: Where,
    ) -> None:
        columns = [c for c in line.columns if c.key != _UNIT]
        placed = {c.key: self._column_at(headers, c.label, 1) for c in columns}
        if any(i is None or i >= len(row) for i in placed.values()):
            values = [c for c in row[1:]]
            if len(values) != len(columns):
                values = [c for c in values if c]  # a copied page drops empty cells
            if len(values) != len(columns):
                self.found.unplaced.append(
                    (
                        str(where),
                        _("表格行“{label}”的数字与表头对不上：{cells}").format(
                            label=row[0], cells=" | ".join(row[1:])
                        ),
                    )
                )
                return
            placed = {c.key: i + 1 for i, c in enumerate(columns)}
            row = (row[0], *values)
        for column in columns:
            i = placed[column.key]
            assert i is not None
            self._cell(section, line, column.key, row[i], where.cell(where.row or 0, i + 1))
        self.found.origins[(section, *line.path)] = str(where)

    def _bare_row(
        self,
        section: str,
        lines: Sequence[Line],
        row: tuple[str, ...],
        headers: Sequence[tuple[str, ...]],
        where: Where,
    ) -> None:
        """A row of figures without a label of its own (Table 3): each column named by the
        headers above it, or, failing that, the table's cells in the official order."""
        cells = [(line, column) for line in lines for column in line.columns if column.key != _UNIT]
        placed: dict[int, tuple[Line, str]] = {}
        for i in range(len(row)):
            texts = [h[i] for h in headers if i < len(h)]
            line = next((ln for ln in lines if any(same_label(t, ln.label) for t in texts)), None)
            column = None
            if line is not None:
                column = next(
                    (c for c in line.columns if any(same_label(t, c.label) for t in texts)), None
                )
            if line is not None and column is not None:
                placed[i] = (line, column.key)
        if len(placed) != len(cells):
            values = [i for i, c in enumerate(row) if c]
            if len(row) == len(cells):
                values = list(range(len(row)))
            if len(values) != len(cells):
                self.found.unplaced.append(
                    (
                        str(where),
                        _("无法确定这一行数字属于哪些栏目：{cells}").format(cells=" | ".join(row)),
                    )
                )
                return
            placed = {
                i: (line, column.key) for i, (line, column) in zip(values, cells, strict=True)
            }
        for i, (line, key) in placed.items():
            self._cell(section, line, key, row[i], where.cell(where.row or 0, i + 1))
            self.found.origins.setdefault((section, *line.path), str(where))

    def _cell(self, section: str, line: Line, key: str, text: str, where: Where) -> None:
        value, unit, ok = _figure(text)
        path: Path = (section, *line.path, key)
        if not ok:
            self.found.unplaced.append(
                (
                    str(where),
                    _("“{cell}”不是数字，未填入 {path}").format(
                        cell=text, path=".".join(map(str, path))
                    ),
                )
            )
            value = None
        datapath.put(self.found.data, path, value)
        if value is None:
            self.found.blanks.append((path, str(where)))
        if unit is not None and any(c.key == _UNIT for c in line.columns):
            datapath.put(self.found.data, (section, *line.path, _UNIT), unit)


_UNIT = "单位"
"""The data-file key of an amount's unit of money (printed with the amount, no column)."""


# --- figures stated in sentences ---------------------------------------------------------------


def _has(model: type[BaseModel], path: Path) -> bool:
    parent = model_at(model, path[:-1])
    return parent is not None and str(path[-1]) in fields_by_alias(parent)


def _proactive_home(model: type[BaseModel]) -> Path | None:
    for home in (("主动公开",), ("总体情况", "主动公开")):
        if _has(model, (*home, "分类")) and _has(model, (*home, "总数")):
            return home
    return None


def _sentence_figures(found: Imported, paragraphs: Sequence[Paragraph]) -> set[int]:
    """Figures that reportkit (and many clerks) state in words, where the era keeps them in
    the data; the indices of the paragraphs that stated them."""
    model = found.era.model
    used: set[int] = set()

    def put(path: Path, value: object, i: int) -> None:
        if _has(model, path) and datapath.get(found.data, path) is None:
            datapath.put(found.data, path, value)
            found.origins[path] = str(paragraphs[i].where)
            used.add(i)

    home = _proactive_home(model)
    for i, paragraph in enumerate(paragraphs):
        text = squash(paragraph.text)
        if home is not None:
            if m := re.search(
                r"共主动公开政府信息([0-9]+)(\D)(?:\(历年累计([0-9]+)\D\))?(?:,其中(.+?)。|。)",
                text,
            ):
                put((*home, "总数"), int(m.group(1)), i)
                if m.group(3):
                    put((*home, "历年累计"), int(m.group(3)), i)
                unit_word = m.group(2)
                items = []
                for item in (m.group(4) or "").split(";"):
                    if im := re.match(rf"^(.+?)([0-9]+){re.escape(unit_word)}(?:,占|$)", item):
                        items.append({"名称": im.group(1), "条数": int(im.group(2))})
                if items:
                    put((*home, "分类"), items, i)
                if unit_word != "条":
                    put((*home, "计量单位"), unit_word, i)
            elif re.search(r"未主动公开政府信息", text):
                put((*home, "总数"), 0, i)
        if m := re.search(r"共收到政府信息公开申请([0-9]+)件", text):
            put(("依申请公开", "收到申请"), int(m.group(1)), i)
        elif "未收到政府信息公开申请" in text:
            put(("依申请公开", "收到申请"), 0, i)
        if "依申请公开政府信息未收取任何费用" in text:
            put(("收费及减免", "收费金额"), 0, i)
        elif m := re.search(r"依申请公开政府信息收取费用([0-9.]+)元", text):
            put(("收费及减免", "收费金额"), Decimal(m.group(1)), i)
            if w := re.search(r"减免费用([0-9.]+)元", text):
                put(("收费及减免", "减免金额"), Decimal(w.group(1)), i)
        if m := re.search(
            r"因政府信息公开申请行政复议([0-9]+)件,提起行政诉讼([0-9]+)件(?:,申诉([0-9]+)件)?", text
        ):
            put(("行政复议和诉讼", "行政复议"), int(m.group(1)), i)
            put(("行政复议和诉讼", "行政诉讼"), int(m.group(2)), i)
            if m.group(3):
                put(("行政复议和诉讼", "申诉"), int(m.group(3)), i)
        elif m := re.search(
            r"(?:未发生|没有|未有)因政府信息公开(?:申请)?(行政复议[^。]*?)的?情况", text
        ):
            put(("行政复议和诉讼", "行政复议"), 0, i)
            if "诉讼" in m.group(1):
                put(("行政复议和诉讼", "行政诉讼"), 0, i)
            if "申诉" in m.group(1):
                put(("行政复议和诉讼", "申诉"), 0, i)
        if m := re.search(r"收取信息处理费([0-9.]+)元", text):
            put(("其他事项", "信息处理费"), Decimal(m.group(1)), i)
        elif "未收取信息处理费" in text:
            put(("其他事项", "信息处理费"), 0, i)
    return used


# --- sentences reportkit writes itself -----------------------------------------------------------


def _generated(data: dict[str, Any], era: Era) -> set[str]:
    """Every paragraph reportkit would write for ``data`` with no prose of the clerk's."""
    from reportkit import yamlfile
    from reportkit.context import build_context
    from reportkit.loading import check_text

    skeleton = dict(data)
    for key in era.headings:
        skeleton.setdefault(key, {})
    checked = check_text(yamlfile.dump_data(skeleton), "<import>", draft=True)
    if checked.report is None:
        return set()
    context = build_context(checked.report, checked.data)
    return {squash(b["text"]) for b in context["blocks"] if b.get("text")}


def _voice(data: dict[str, Any], era: Era, texts: Sequence[str]) -> tuple[str | None, set[str]]:
    """The unit's own word for itself (本街道, 我镇), chosen as the one with which most
    paragraphs are sentences reportkit writes; and those sentences."""
    counts = Counter(m for t in texts for m in _VOICE.findall(t))
    best: tuple[int, str | None, set[str]] = (0, None, set())
    squashed = {squash(t) for t in texts}
    for voice, _n in counts.most_common(3):
        trial = {**data, "单位": {**data.get("单位", {}), "自称": voice}}
        generated = _generated(trial, era)
        hits = len(generated & squashed)
        if hits > best[0]:
            best = (hits, voice, generated)
    if best[1] is None and counts:
        return counts.most_common(1)[0][0], set()
    return best[1], best[2]


# --- sections --------------------------------------------------------------------------------


def _default_title(info_description: str | None) -> str | None:
    if not info_description:
        return None
    quoted = re.findall(r"“([^”]+)”", info_description)
    return quoted[-1] if quoted else re.split(r"[（；]", info_description)[0]


def _key_for(
    title: str, choices: Sequence[str], words: Sequence[tuple[str, tuple[str, ...]]]
) -> str | None:
    text = squash(title)
    for key, keywords in words:
        if key in choices and any(w in text for w in keywords):
            return key
    return None


class _SectionReader:
    def __init__(self, era: Era, found: Imported, skip: set[str]) -> None:
        self.era = era
        self.found = found
        self.skip = skip

    def _kept(self, paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
        return [p for p in paragraphs if squash(p.text) not in self.skip and p.text != "【待填写】"]

    def read(self, parts: Sequence[_Part]) -> None:
        model = self.era.model
        for part in parts:
            key = _key_for(part.title, list(self.era.headings), SECTION_WORDS)
            if key is None or (key in self.found.data and self._has_prose(self.found.data[key])):
                self._unplaced(part)
                continue
            target = self.found.data.setdefault(key, {})
            sub = model_at(model, (key,))
            if sub is None:
                self._unplaced(part)
                continue
            self._fill(sub, (key,), part, target, self.era.headings[key])

    @staticmethod
    def _has_prose(node: Any) -> bool:
        return isinstance(node, dict) and any(k in node for k in ("正文", "小节"))

    def _unplaced(self, part: _Part) -> None:
        where = str(part.where) if part.where else ""
        self.found.unplaced.append(
            (where, _("无法归入报告的任何部分：{title}").format(title=part.title))
        )
        for paragraph in self._kept(part.paras):
            self.found.unplaced.append((str(paragraph.where), paragraph.text))
        for child in part.children:
            self._unplaced(child)

    def _fill(
        self,
        model: type[BaseModel],
        path: Path,
        part: _Part,
        target: dict[str, Any],
        default: str | None,
    ) -> None:
        known = fields_by_alias(model)
        if "标题" in known and (default is None or squash(part.title) != squash(default)):
            target["标题"] = part.title
        paras = self._kept(part.paras)
        children = list(part.children)
        # 2007: the proactive figures sit under a heading of their own (数量标题)
        if "数量标题" in known and "总数" in target:
            stated = next((c for c in children if not self._kept(c.paras) and not c.children), None)
            if stated is not None and len(self._kept(stated.paras)) < len(stated.paras):
                default_stats = known["数量标题"][1].default
                if squash(stated.title) != squash(str(default_stats)):
                    target["数量标题"] = stated.title
                children.remove(stated)
            elif len(self._kept(part.paras)) < len(part.paras):
                target["数量标题"] = None
        if paras:
            if "正文" in known:
                target["正文"] = "\n\n".join(p.text for p in paras)
                self.found.origins[(*path, "正文")] = _span(paras)
            else:
                for p in paras:
                    self.found.unplaced.append((str(p.where), p.text))
        topics = [k for k, _w in TOPIC_WORDS if k in known]
        listed: list[dict[str, Any]] = []
        for child in children:
            topic = _key_for(child.title, topics, TOPIC_WORDS) if topics else None
            if topic is not None and topic not in target:
                sub = model_at(model, (topic,))
                if sub is not None:
                    node = target.setdefault(topic, {})
                    self._fill(
                        sub,
                        (*path, topic),
                        child,
                        node,
                        _default_title(known[topic][1].description),
                    )
                    continue
            if "小节" in known:
                sub = model_at(model, ("小节",))
                if sub is not None:
                    node = {}
                    self._fill(sub, (*path, "小节", len(listed)), child, node, None)
                    listed.append(node)
                    continue
            self._unplaced(child)
        if listed:
            target["小节"] = listed


def _span(paragraphs: Sequence[Paragraph]) -> str:
    first, last = str(paragraphs[0].where), str(paragraphs[-1].where)
    return first if first == last else f"{first}—{last}"


# --- the whole -------------------------------------------------------------------------------


def recognise(document: Document) -> Imported:
    """The data of a published report, and where each part of it came from."""
    year, unit, title_at = _title(document)
    era = era_for_year(year)
    if era is None:
        raise NotImportable(no_era_for_year(year))
    paragraphs = document.paragraphs
    found = Imported(era, {"年度": year})
    found.origins[("年度",)] = str(paragraphs[title_at].where) if title_at >= 0 else _("网页标题")
    unit_node: dict[str, Any] = {"全称": unit}
    if (level := _level(unit)) is not None:
        unit_node["层级"] = level
    found.data["单位"] = unit_node
    body = paragraphs[title_at + 1 :]
    signoff, used = _signoff(body, unit)
    if used:
        body = body[:-used]
    if signoff:
        found.data["落款"] = signoff
    _TableReader(era, found).read(document.grids)
    _sentence_figures(found, body)
    voice, generated = _voice(found.data, era, [p.text for p in body])
    if voice is not None:
        unit_node["自称"] = voice
    preface, parts = _outline(body)
    if not parts and not document.grids:
        raise NotImportable(
            _(
                "找不到报告的任何部分（“一、总体情况”这样的标题）或表格：这不像一份政府信息公开工作年度报告"
            )
        )
    reader = _SectionReader(era, found, generated)
    kept = reader._kept(preface)
    if kept:
        found.data["导语"] = "\n\n".join(p.text for p in kept)
        found.origins[("导语",)] = _span(kept)
    reader.read(parts)
    return found
