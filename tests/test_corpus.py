"""The corpus of published reports (tests/corpus/) is well-formed and its hand-checking adds up.

Each report has a hand-checked ``NAME.expected.yaml`` (the format is described in
tests/corpus/README.md): its year, unit, level and era, every printed figure keyed by
the data-file path of its era's schema (``null`` for a blank printed cell, absent for a
cell the report does not print or the stored page does not hold), and every error found
by hand with both values. These tests check the corpus itself, so that the importer and
the audit are measured against expectations that are at least self-consistent:

- every file SOURCES.md lists exists, and every file in the folder is listed;
- every expected file parses and names only keys its era's JSON Schema has;
- the figures break exactly the identities the expected errors list, with the same values
  (through ``reportkit.identities`` and the era's own declaration), and every error that
  arithmetic can check (a percentage, a total stated in the text, a late date, a township's
  规章) is true of the figures and dates it names.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from reportkit import datapath, identities
from reportkit.eras import get_era
from reportkit.eras.model import UnitLevel
from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "corpus"
SOURCES = CORPUS / "SOURCES.md"
EXPECTED_SUFFIX = ".expected.yaml"
KINDS = {"real partial", "real complete", "hand-made"}
ERROR_KINDS = {
    "identity",  # an identity broken: cell = its first left cell, found = the left side's sum
    "blank-total",  # a total printed blank whose parts are not all 0
    "percentage",  # a printed share that does not match its count and base
    "text-total",  # a figure stated in the text that contradicts the table (cell)
    "numbering",  # section numbers skipped or repeated
    "other-era",  # a heading or table of another era
    "missing-section",  # a mandated section absent
    "late",  # published after the deadline for the unit's level
    "period",  # the statistics period misprinted
    "township-regulations",  # a 乡镇 or 街道 reporting 规章
}
TEXT_KEYS = {"名称", "理由", "单位"}  # the only keys whose values are words, not figures


def _yaml() -> YAML:
    yaml = YAML(typ="safe", pure=True)
    return yaml


def _listed() -> list[str]:
    """The file names in SOURCES.md's table (first column)."""
    names = []
    for line in SOURCES.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells and "." in cells[0] and cells[0] != "file":
            names.append(cells[0])
    return names


def _reports() -> list[str]:
    return sorted(
        p.name
        for p in CORPUS.iterdir()
        if p.is_file()
        and p.name != SOURCES.name
        and not p.name.endswith(EXPECTED_SUFFIX)
        and p.name != "README.md"
    )


def _expected(name: str) -> dict[str, Any]:
    path = CORPUS / (Path(name).stem + EXPECTED_SUFFIX)
    data = _yaml().load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: not a mapping"
    return data


def _schema_paths(era: str) -> set[str]:
    """Every leaf key path of an era's JSON Schema, lists as ``[]``, free keys as ``*``."""
    schema = json.loads((ROOT / "schema" / get_era(era).schema).read_text(encoding="utf-8"))
    defs = schema.get("$defs", {})
    found: set[str] = set()

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = defs[node["$ref"].rsplit("/", 1)[-1]]
        return node

    def walk(node: dict[str, Any], path: tuple[str, ...], depth: int) -> None:
        node = resolve(node)
        if depth > 12:
            return
        for key in ("anyOf", "oneOf", "allOf"):
            for option in node.get(key, ()):
                walk(option, path, depth + 1)
        if "properties" in node:
            for key, sub in node["properties"].items():
                walk(sub, (*path, key), depth + 1)
        elif "items" in node:
            walk(node["items"], (*path, "[]"), depth + 1)
        elif not any(k in node for k in ("anyOf", "oneOf", "allOf")):
            found.add(".".join(path))

    walk(schema, (), 0)
    return found


def _cell(path: str) -> datapath.Cell:
    return tuple(int(step) if step.isdigit() else step for step in path.split("."))


def _pattern(path: str) -> str:
    return ".".join("[]" if step.isdigit() else step for step in path.split("."))


def _figure(value: Any) -> Any:
    """A figure as reportkit holds it: int, or Decimal for an amount (never float)."""
    if isinstance(value, float):
        return Decimal(str(value))
    return value


def _data(figures: dict[str, Any]) -> dict[str, Any]:
    """The figures as a data file's nested dict, printed blanks (null) read as 0."""
    data: dict[str, Any] = {}
    for path, value in figures.items():
        datapath.put(data, _cell(path), 0 if value is None else _figure(value))
    return data


REPORTS = _reports()


def test_sources_list_every_file_and_nothing_else() -> None:
    """Every report in the folder is listed in SOURCES.md once, and every listed file exists."""
    listed = _listed()
    assert len(listed) == len(set(listed)), "a file is listed twice in SOURCES.md"
    assert sorted(listed) == REPORTS


def test_corpus_spans_levels_eras_and_years() -> None:
    """At least 20 reports, every era, the four kinds of body, and nine years or more."""
    expected = [_expected(name) for name in REPORTS]
    assert len(expected) >= 20
    assert {e["era"] for e in expected} == {"2007", "2019", "2021"}
    levels = {e["level"] for e in expected}
    assert levels & {"乡镇", "街道"} and "县级部门" in levels and "县级人民政府" in levels
    assert levels & {"市级人民政府", "市级部门"}
    assert len({e["year"] for e in expected}) >= 9


def test_every_report_has_an_expected_file_and_no_stray_one() -> None:
    """Each report has exactly one expected file, and each expected file names a report."""
    stems = {Path(name).stem for name in REPORTS}
    expected = {p.name.removesuffix(EXPECTED_SUFFIX) for p in CORPUS.glob("*" + EXPECTED_SUFFIX)}
    assert expected == stems


@pytest.mark.parametrize("name", REPORTS)
def test_expected_file_is_well_formed(name: str) -> None:
    """Kind, year, era and level are right, and every figure is a key of its era's schema."""
    expected = _expected(name)
    assert expected["file"] == name
    assert expected["kind"] in KINDS
    assert isinstance(expected["truncated"], bool)
    year = expected["year"]
    era = get_era(expected["era"])
    first, last = era.years
    assert first <= year <= last, f"{year} is not a year of era {era.name}"
    assert expected["level"] in {level.value for level in UnitLevel}
    assert expected.get("unit") is None or isinstance(expected["unit"], str)
    figures_era = expected.get("figures_era", expected["era"])
    allowed = _schema_paths(figures_era)
    stated = expected.get("text_figures") or {}
    for path, value in [*(expected.get("figures") or {}).items(), *stated.items()]:
        assert _pattern(path) in allowed, f"{path}: not a key of era {figures_era}"
        if path.rsplit(".", 1)[-1] in TEXT_KEYS:
            assert isinstance(value, str), f"{path}: expected words"
        else:
            assert value is None or isinstance(value, int | float), f"{path}: {value!r}"
    for error in expected.get("errors") or ():
        assert error["kind"] in ERROR_KINDS, error
        assert error.get("where"), f"{error}: say where it is"
        assert "found" in error and "expected" in error, f"{error}: give both values"
        assert error["found"] != error["expected"], error


@pytest.mark.parametrize("name", REPORTS)
def test_figures_break_exactly_the_identities_listed(name: str) -> None:
    """The era's identities, run on the figures, fail exactly where the errors say, by as much.

    A blank part counts as 0; a total printed blank is no identity break but a ``blank-total``
    when its parts are not all 0.
    """
    expected = _expected(name)
    era = get_era(expected.get("figures_era", expected["era"]))
    figures = expected.get("figures") or {}
    data = _data(figures)
    declared = era.identities(data)
    found = set()
    for identity in declared:  # a blank total of blank or 0 parts is a 0, else a finding
        total = identity.total
        if total is not None and figures.get(_path(total), 0) is None:
            parts = sum(datapath.get(data, c) or 0 for c in identity.right)
            if parts:
                found.add((_path(total), None, parts))
                datapath.put(data, total, None)  # no identity through it is then checked
    found |= {
        (_path(v.identity.left[0]), v.left_value, v.right_value)
        for v in identities.check(data, declared)
    }
    listed = set()
    for error in expected.get("errors") or ():
        if error["kind"] in ("identity", "blank-total"):
            assert error["cell"] in figures, error
            listed.add((error["cell"], _figure(error["found"]), _figure(error["expected"])))
    assert found == listed


def _path(cell: datapath.Cell) -> str:
    return ".".join(map(str, cell))


def _share(count: int, base: int, places: int) -> Decimal:
    return (Decimal(count) * 100 / Decimal(base)).quantize(Decimal(1).scaleb(-places))


@pytest.mark.parametrize("name", REPORTS)
def test_arithmetic_errors_are_true(name: str) -> None:
    """Each percentage, text total, late date and township 规章 listed is wrong as it says."""
    expected = _expected(name)
    figures = expected.get("figures") or {}
    for error in expected.get("errors") or ():
        kind = error["kind"]
        if kind == "percentage":
            printed = Decimal(str(error["found"]).rstrip("%"))
            places = max(0, -printed.as_tuple().exponent)  # type: ignore[operator]
            share = _share(error["count"], error["base"], places)
            assert str(share) + "%" == error["expected"], error
            assert share != printed, error
        elif kind == "text-total":
            assert (expected.get("text_figures") or {})[error["cell"]] == error["found"], error
            assert figures[error["cell"]] == error["expected"], error
        elif kind == "late":
            era = get_era(expected["era"])
            month, day = era.deadlines[UnitLevel(expected["level"])]
            deadline = dt.date(expected["year"] + 1, month, day)
            assert error["expected"] == deadline, error
            assert error["found"] > deadline, error
        elif kind == "township-regulations":
            assert UnitLevel(expected["level"]).is_grassroots, error
            assert figures[error["cell"]] == error["found"] != 0, error


def _chinese_date(date: dt.date) -> str:
    """二〇一〇年一月十九日: how a formal notice prints a date."""
    digits = "〇一二三四五六七八九"

    def small(n: int) -> str:
        tens, ones = divmod(n, 10)
        return (
            (digits[tens] if tens > 1 else "")
            + ("十" if tens else "")
            + (digits[ones] if ones or not tens else "")
        )

    year = "".join(digits[int(d)] for d in str(date.year))
    return f"{year}年{small(date.month)}月{small(date.day)}日"


@pytest.mark.parametrize("name", REPORTS)
def test_stated_dates_and_units_appear_in_the_report(name: str) -> None:
    """The unit and the publication date expected are printed in the report's own text."""
    expected = _expected(name)
    text = (CORPUS / name).read_bytes().decode("utf-8")
    plain = re.sub(r"<[^>]+>|&nbsp;|\s+", "", text)
    if expected.get("unit"):
        assert expected["unit"] in plain, expected["unit"]
    published = expected.get("published")
    if published is not None:
        assert isinstance(published, dt.date)
        spellings = {
            published.isoformat(),
            _chinese_date(published),
            f"{published.year}年{published.month}月{published.day}日",
            f"{published.year}年{published.month:02d}月{published.day:02d}日",
        }
        assert any(s in plain for s in spellings), published
