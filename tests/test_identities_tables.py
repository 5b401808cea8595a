"""Tables 2 and 3 of the 2019 and 2021 eras: the identities of formats.md §3 items 1–4, the
totals computed from them, and the plausibility warnings of items 6, 7 and 9."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from reportkit import checks, datapath, identities, yearonyear
from reportkit.eras import era_for_year, get_era
from reportkit.eras.era2021 import Report2021
from reportkit.eras.model import ReportBase
from reportkit.errors import Severity
from reportkit.loading import check_file
from reportkit.yearonyear import reference_of

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TOWN = EXAMPLES / "2020-example-town.yaml"  # 2019 era, 乡镇
STREET = EXAMPLES / "2023-example-street.yaml"  # 2021 era, 街道
TABLES = ("依申请公开", "行政复议和诉讼")

Cell = tuple[str | int, ...]


def _report(path: Path) -> ReportBase:
    result = check_file(path)
    assert result.ok and result.problems == []
    assert result.report is not None
    return result.report


def _data(path: Path) -> tuple[str, dict[str, Any]]:
    report = _report(path)
    return report.ERA, report.model_dump(by_alias=True)


def _broken(era: str, data: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    found = identities.check(data, get_era(era).identities(data))
    return {v.identity.name: (v.left_value, v.right_value) for v in found}


def _set(data: dict[str, Any], cell: Cell, value: Any) -> None:
    node: Any = data
    for step in cell[:-1]:
        node = node[step]
    assert cell[-1] in node
    node[cell[-1]] = value


# --- the identities --------------------------------------------------------------------------


@pytest.mark.parametrize("path", [TOWN, STREET], ids=["2019", "2021"])
def test_examples_satisfy_every_identity(path: Path) -> None:
    """Both examples balance: no identity of Tables 2 and 3 is broken."""
    era, data = _data(path)
    assert _broken(era, data) == {}


@pytest.mark.parametrize(
    ("path", "cell", "value", "expected"),
    [
        pytest.param(
            STREET,
            ("依申请公开", "上年结转", "自然人"),
            3,
            {
                "表二“自然人”列：第一项加第二项之和等于第三项加第四项之和": (14 + 3, 15 + 1),
                "表二“二、上年结转政府信息公开申请数量”行：总计等于各类申请人之和": (2, 3),
            },
            id="item1-new-plus-carried-in-equals-results-plus-carried-over",
        ),
        pytest.param(
            STREET,
            ("依申请公开", "办理结果", "不予公开", "属于行政执法案卷", "法律服务机构"),
            2,
            {
                "表二“法律服务机构”列：办理结果总计等于各项办理结果之和": (2, 1 + 2),
                "表二“7.属于行政执法案卷”行：总计等于各类申请人之和": (1, 2),
            },
            id="item2-results-total-is-the-sum-of-every-result-row",
        ),
        pytest.param(
            STREET,
            ("依申请公开", "办理结果", "其他处理", "逾期未缴费", "自然人"),
            1,
            {
                "表二“自然人”列：办理结果总计等于各项办理结果之和": (15, 16),
                "表二“2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请”行：总计等于各类申请人之和": (
                    0,
                    1,
                ),
            },
            id="item2-counts-the-2021-other-handling-rows",
        ),
        pytest.param(
            TOWN,
            ("依申请公开", "办理结果", "部分公开", "总计"),
            2,
            {
                "表二“（二）部分公开（区分处理的，只计这一情形，不计其他情形）”行：总计等于各类申请人之和": (
                    2,
                    1,
                ),
                "表二“总计”列：办理结果总计等于各项办理结果之和": (12, 13),
            },
            id="item3-row-total-is-the-sum-of-the-six-columns",
        ),
        pytest.param(
            TOWN,
            ("依申请公开", "办理结果", "总计", "自然人"),
            10,
            {
                "表二“自然人”列：第一项加第二项之和等于第三项加第四项之和": (9 + 1, 10 + 1),
                "表二“自然人”列：办理结果总计等于各项办理结果之和": (10, 9),
                "表二“（七）总计”行：总计等于各类申请人之和": (12, 13),
            },
            id="item1-2-3-a-results-total-cell-is-in-three-identities",
        ),
        pytest.param(
            STREET,
            ("行政复议和诉讼", "复议后起诉", "尚未审结"),
            2,
            {"表三“复议后起诉”：总计等于各项结果之和": (1, 2)},
            id="item4-appeals-total-is-the-sum-of-the-four-outcomes",
        ),
    ],
)
def test_a_wrong_cell_breaks_exactly_the_identities_it_is_in(
    path: Path, cell: Cell, value: int, expected: dict[str, tuple[int, int]]
) -> None:
    """Changing one cell breaks the identities of its row and its column, each reported with
    its left and right values, and nothing else."""
    era, data = _data(path)
    _set(data, cell, value)
    assert _broken(era, data) == expected


@pytest.mark.parametrize(
    ("era", "rows", "results"),
    [("2019", 23, 19), ("2021", 25, 21)],
)
def test_one_identity_per_column_per_row_and_per_appeal_block(
    era: str, rows: int, results: int
) -> None:
    """Per Table 2 column one balance and one results total, per row one row total, per Table 3
    block one total; the results total adds every result row (2021 has two more)."""
    declared = get_era(era).identities({})
    assert len(declared) == 7 + 7 + rows + 3
    result_total = next(
        i for i in declared if i.name.endswith("列：办理结果总计等于各项办理结果之和")
    )
    assert len(result_total.right) == results


@pytest.mark.parametrize("path", [TOWN, STREET], ids=["2019", "2021"])
def test_identities_name_only_cells_the_table_has(path: Path) -> None:
    """No identity invents a cell: the official tables have no subtotal rows (不予公开 has none),
    so every cell an identity names is a figure of the data file."""
    era, data = _data(path)
    for identity in get_era(era).identities(data):
        for cell in identity.cells:
            value = datapath.get(data, cell)
            assert isinstance(value, int), (identity.name, cell)


# --- computing the totals a file leaves out -------------------------------------------------


def _load_yaml(path: Path) -> dict[str, Any]:
    data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _totals(node: Any, path: Cell) -> Iterator[tuple[Cell, Any]]:
    """Every 总计 cell written under ``node`` (each cell of the 总计 row included)."""
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key == "总计" and isinstance(value, dict):
            yield from (((*path, key, k), v) for k, v in value.items())
        elif key == "总计":
            yield (*path, key), value
        else:
            yield from _totals(value, (*path, key))


def _without_totals(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_totals(v) for k, v in node.items() if k != "总计"}
    return node


@pytest.mark.parametrize("path", [TOWN, STREET], ids=["2019", "2021"])
def test_complete_computes_back_every_total_the_example_writes(path: Path) -> None:
    """With every 总计 of Tables 2 and 3 deleted (row and column totals, the 总计 row and
    Table 3's totals), completing gives back exactly the totals the example writes."""
    raw = _load_yaml(path)
    written = dict(total for key in TABLES for total in _totals(raw[key], (key,)))
    assert ("依申请公开", "办理结果", "总计", "总计") in written
    stripped = {k: _without_totals(v) if k in TABLES else v for k, v in raw.items()}
    record = era_for_year(raw["年度"])
    assert record is not None
    model = record.model
    data = model.model_validate(stripped).model_dump(by_alias=True)
    assert all(datapath.get(data, cell) is None for cell in written)

    completed, computed = identities.complete(data, record.identities(data))

    assert {cell: datapath.get(completed, cell) for cell in written} == written
    assert completed == _report(path).model_dump(by_alias=True)
    assert computed.count(("依申请公开", "办理结果", "总计", "总计")) == 1
    assert _broken(model.ERA, completed) == {}


# --- plausibility ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "level", "cell", "value", "warned"),
    [
        (TOWN, "乡镇", "本年新制作数量", 2, True),
        (TOWN, "乡镇", "本年新制作数量", 0, False),
        (TOWN, "县级部门", "本年新制作数量", 2, False),
        (STREET, "街道", "现行有效件数", 2, True),
    ],
    ids=["township-2", "township-0", "county-department-2", "street-2"],
)
def test_a_township_or_street_reporting_regulations_is_warned(
    path: Path, level: str, cell: str, value: int, warned: bool
) -> None:
    """A 乡镇 or 街道 makes no 规章, so a non-zero 规章 figure is a warning at that cell."""
    raw = _load_yaml(path)
    raw["单位"]["层级"] = level
    raw["主动公开"]["规章"][cell] = value
    record = era_for_year(raw["年度"])
    assert record is not None
    report = record.model.model_validate(raw)
    problems = checks.check_grassroots_regulations(report, report.model_dump(by_alias=True))
    expected = [(("主动公开", "规章", cell), Severity.WARNING)] if warned else []
    assert [(p.path, p.severity) for p in problems] == expected


def _last_year(report: ReportBase, *, years_back: int = 1, **tables: Any) -> ReportBase:
    data = report.model_dump(by_alias=True)
    data["年度"] = report.year - years_back
    data["依申请公开"].update(tables)
    return type(report).model_validate(data)


@pytest.mark.parametrize(
    ("carried_over", "years_back", "warned"),
    [
        ({"自然人": 2, "总计": 2}, 1, []),
        ({"自然人": 1, "商业企业": 1, "总计": 2}, 1, ["自然人", "商业企业"]),
        ({"自然人": 1, "商业企业": 1, "总计": 2}, 2, []),
    ],
    ids=["matches", "differs", "not-the-year-before"],
)
def test_carried_in_must_match_last_years_carried_over(
    carried_over: dict[str, int], years_back: int, warned: list[str]
) -> None:
    """This year's 上年结转 is last year's 结转下年度, column by column; each differing column
    is a warning (the street's 上年结转 is 自然人 2, 总计 2)."""
    report = _report(STREET)
    previous = _last_year(report, years_back=years_back, 结转下年度=carried_over)
    problems = yearonyear.check_carry_over(report, reference_of(previous), "2022.yaml")
    assert [(p.path, p.severity) for p in problems] == [
        (("依申请公开", "上年结转", column), Severity.WARNING) for column in warned
    ]


def _zeroed(node: Any) -> Any:
    """``node`` with every count and amount set to 0."""
    if isinstance(node, dict):
        return {k: _zeroed(v) for k, v in node.items()}
    if isinstance(node, int | Decimal) and not isinstance(node, bool):
        return 0
    return node


def _same(data: dict[str, Any]) -> dict[str, Any]:
    return data


def _appeals_zeroed(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "行政复议和诉讼": _zeroed(data["行政复议和诉讼"])}


def _all_zeroed(data: dict[str, Any]) -> dict[str, Any]:
    return {**_zeroed(data), "年度": data["年度"]}


Change = Callable[[dict[str, Any]], dict[str, Any]]


@pytest.mark.parametrize(
    ("this_year", "last_year", "warned"),
    [
        (_same, _same, True),
        (_appeals_zeroed, _same, False),
        (_all_zeroed, _all_zeroed, False),
    ],
    ids=["identical", "one-table-differs", "nothing-but-zeros"],
)
def test_a_report_whose_every_figure_equals_last_years_is_warned(
    this_year: Change, last_year: Change, warned: bool
) -> None:
    """Every figure equal to last year's suggests a copied report, unless every one is 0."""
    data = _report(STREET).model_dump(by_alias=True)
    report = Report2021.model_validate(this_year(data))
    previous = Report2021.model_validate({**last_year(data), "年度": report.year - 1})
    problems = checks.check_copied_figures(report, previous, "2022.yaml")
    assert [p.code for p in problems] == (["copied-figures"] if warned else [])
