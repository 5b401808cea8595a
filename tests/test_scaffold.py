"""`new --year`: starter files and files carried over from last year."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from reportkit.errors import UsageError
from reportkit.loading import check_file, load
from reportkit.scaffold import scaffold
from tests.conftest import SHUANGLONG


def _write(tmp_path: Path, text: str, name: str = "new.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_starter_lists_every_fill_in_field_as_unfilled(tmp_path: Path) -> None:
    """A fresh starter parses, names the year, and every figure to fill is reported as 未填写."""
    path = _write(tmp_path, scaffold(2016, out_dir=tmp_path))
    result = check_file(path)
    unfilled = {".".join(str(s) for s in p.path) for p in result.errors if p.code == "unfilled"}
    assert {
        "单位.全称",
        "依申请公开.收到申请",
        "收费及减免.收费金额",
        "行政复议和诉讼.行政复议",
    } <= unfilled
    assert all(p.code == "unfilled" for p in result.errors), [str(p) for p in result.errors]
    assert YAML(typ="safe").load(path.read_text(encoding="utf-8"))["年度"] == 2016


def test_starter_points_editors_at_the_schema(tmp_path: Path) -> None:
    """The first line tells yaml-language-server which schema checks the file."""
    schema = tmp_path / "schema" / "era-2007.schema.json"
    text = scaffold(2018, out_dir=tmp_path, schema_path=schema)
    assert text.splitlines()[0] == "# yaml-language-server: $schema=schema/era-2007.schema.json"


def test_carry_over_keeps_structure_and_blanks_figures(tmp_path: Path) -> None:
    """From last year: unit, category names and prose are kept; every figure is blank."""
    last, _ = load(SHUANGLONG)
    text = scaffold(2018, previous=last, out_dir=tmp_path)
    data = YAML(typ="safe").load(text)
    assert data["年度"] == 2018
    assert data["单位"]["全称"] == "公主岭市双龙镇人民政府"
    assert [c["名称"] for c in data["主动公开"]["分类"]] == [
        "规范性文件",
        "规划和完成情况类信息",
        "与公众利益密切相关的信息",
    ]
    assert [c["条数"] for c in data["主动公开"]["分类"]] == [None, None, None]
    assert data["依申请公开"]["收到申请"] is None
    assert data["概述"]["标题"] == "基本工作情况"
    assert "沿用上年文字" in text


def test_carried_over_file_filled_in_validates_and_warns_of_copied_text(tmp_path: Path) -> None:
    """Filling the figures of a carried-over file makes it valid; unchanged prose is warned."""
    last, _ = load(SHUANGLONG)
    text = scaffold(2018, previous=last, out_dir=tmp_path)
    path = _write(tmp_path, text)
    assert not check_file(path).ok
    yaml = YAML(typ="rt")
    data = yaml.load(path.read_text(encoding="utf-8"))
    for category, n in zip(data["主动公开"]["分类"], (5, 6, 30), strict=True):
        category["条数"] = n
    data["依申请公开"]["收到申请"] = 0
    data["收费及减免"]["收费金额"] = 0
    for key in ("行政复议", "行政诉讼", "申诉"):
        data["行政复议和诉讼"][key] = 0
    data["落款"]["日期"] = dt.date(2019, 3, 20)
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    result = check_file(path)
    assert result.ok, [str(p) for p in result.errors]
    copied = [p for p in result.warnings if p.code == "copied-text"]
    seed_lines = SHUANGLONG.read_text(encoding="utf-8").splitlines()
    texts = sum(1 for line in seed_lines if line.strip().startswith(("正文:", "导语:")))
    assert len(copied) == texts  # every text of the seed is still last year's
    assert all(p.line is not None for p in copied)


def test_year_without_an_era_is_refused(tmp_path: Path) -> None:
    """A year no supported outline governs is a usage error, not a broken file."""
    with pytest.raises(UsageError):
        scaffold(2007, out_dir=tmp_path)


@pytest.mark.parametrize(
    ("year", "era"), [(2018, "2007"), (2019, "2019"), (2020, "2019"), (2023, "2021")]
)
def test_new_picks_the_era_from_the_year(tmp_path: Path, year: int, era: str) -> None:
    """A starter for any year has that era's outline (its schema named in the header)."""
    text = scaffold(year, out_dir=tmp_path)
    assert f"（{era} 年版格式，era-{era}.schema.json）" in text
    path = _write(tmp_path, text)
    result = check_file(path)
    assert result.report is None or era == result.report.ERA
    assert {p.code for p in result.errors} == {"unfilled"}


def test_carry_2007_era_file_into_2019(tmp_path: Path) -> None:
    """From a 2007-era file into the 2019 era: the unit and the problems section carry, tables start fresh."""
    last, _ = load(SHUANGLONG)
    text = scaffold(2019, previous=last, out_dir=tmp_path)
    data = YAML(typ="safe").load(text)
    assert data["单位"]["全称"] == "公主岭市双龙镇人民政府"
    assert data["问题及改进"]["标题"] == "政府信息公开工作存在的主要问题和改进措施"
    assert "上年是 2007 年版格式，本年度适用 2019 年版" in text
    assert "“上年结转”已按上年报告" not in text  # a 2007-era report has no Table 2
    assert data["依申请公开"]["新收"]["自然人"] is None  # the row to state, even as 0
    assert data["依申请公开"]["上年结转"]["自然人"] == 0


def test_carry_2020_file_into_2021(tmp_path: Path) -> None:
    """From a 2020 file into the 2021 era: 上年结转 is last year's 结转下年度, and the 其他处理 change is said."""
    from tests.conftest import TOWN_2020

    last, _ = load(TOWN_2020)
    text = scaffold(2021, previous=last, out_dir=tmp_path)
    data = YAML(typ="safe").load(text)
    last_data = YAML(typ="safe").load(TOWN_2020.read_text(encoding="utf-8"))
    carried_over = last_data["依申请公开"]["结转下年度"]
    carried_in = data["依申请公开"]["上年结转"]
    assert {k: v for k, v in carried_in.items() if v and k != "总计"} == {
        k: v for k, v in carried_over.items() if k != "总计"
    }
    assert set(data["依申请公开"]["办理结果"]["其他处理"]) == {"逾期不补正", "逾期未缴费", "其他"}
    assert "2019 年版表二的“其他处理”一行，在 2021 年版中对应“其他处理 → 3.其他”" in text
    assert data["总体情况"]["主动公开"]["正文"] == last_data["总体情况"]["主动公开"]["正文"]
    assert data["主动公开"]["行政规范性文件"]["本年制发件数"] is None  # Table 1 is the 2021 one


def test_carry_within_the_2019_era_says_nothing_of_the_2021_table(tmp_path: Path) -> None:
    """From a 2019-era file into 2020 (the same era) nothing moved: no note about 其他处理, and
    上年结转 is still last year's 结转下年度 with its 总计 left to compute."""
    from tests.conftest import TOWN_2020

    last, _ = load(TOWN_2020)
    text = scaffold(2020, previous=last, out_dir=tmp_path)
    assert "其他处理" not in "".join(line for line in text.splitlines() if line.startswith("#"))
    assert "2021 年版分为三项" not in text
    data = YAML(typ="safe").load(text)
    assert data["依申请公开"]["上年结转"]["总计"] is None
    assert "# 已按上年报告的“结转下年度”填入" in text


def test_new_table_file_asks_for_the_first_row_of_each_table(tmp_path: Path) -> None:
    """A new 2021-era file leaves 新收 and 行政复议 blank: a forgotten table is an error, not zeros."""
    result = check_file(_write(tmp_path, scaffold(2023, out_dir=tmp_path)))
    unfilled = {p.path for p in result.errors if p.code == "unfilled"}
    assert ("依申请公开", "新收", "自然人") in unfilled
    assert ("行政复议和诉讼", "行政复议", "结果维持") in unfilled
    assert ("依申请公开", "上年结转", "自然人") not in unfilled  # other rows start at 0


def test_blank_cell_is_unfilled_but_a_missing_cell_is_zero(tmp_path: Path) -> None:
    """In a table, a key written with no value is still to fill; a key left out is 0."""
    from tests.conftest import STREET_2023

    text = STREET_2023.read_text(encoding="utf-8")
    blank = _write(
        tmp_path, text.replace("上年结转: {自然人: 2, 总计: 2}", "上年结转: {自然人: , 总计: 2}")
    )
    assert [(p.path, p.message) for p in check_file(blank).errors] == [
        (("依申请公开", "上年结转", "自然人"), "未填写")
    ]
    draft = check_file(blank, draft=True)
    assert draft.ok and [p.message for p in draft.warnings] == ["未填写"]


def test_paths_on_another_drive_are_written_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where no relative path exists (Windows: data on D:, Python on C:), the path is written whole."""
    import os

    def no_relative(path: object, start: object = None) -> str:
        raise ValueError("path is on mount 'C:', start on mount 'D:'")

    monkeypatch.setattr(os.path, "relpath", no_relative)
    schema = tmp_path / "schema" / "era-2007.schema.json"
    text = scaffold(2018, out_dir=tmp_path, schema_path=schema)
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={schema.resolve()}"


# --- guards found by the mutation run ---


@pytest.mark.parametrize(
    ("example", "changes", "year"),
    [
        pytest.param(
            "2020-example-town.yaml",
            [
                (
                    "新收: {自然人: 9, 商业企业: 2, 社会公益组织: 1, 总计: 12}",
                    "新收: {自然人: 11, 商业企业: 4, 社会公益组织: 1}",
                ),
                ("结转下年度: {自然人: 1, 总计: 1}", "结转下年度: {自然人: 3, 商业企业: 2}"),
            ],
            2021,
            id="2020-into-2021",
        ),
        pytest.param(
            "2023-example-street.yaml",
            [
                ("年度: 2023", "年度: 2022"),
                ("日期: 2024-01-22", "日期: 2023-01-20"),
                (
                    "新收: {自然人: 14, 商业企业: 3, 科研机构: 1, 法律服务机构: 2, 总计: 20}",
                    "新收: {自然人: 14, 商业企业: 5, 科研机构: 1, 法律服务机构: 2}",
                ),
                ("结转下年度: {自然人: 1, 总计: 1}", "结转下年度: {自然人: 1, 商业企业: 2}"),
            ],
            2023,
            id="2022-into-2023",
        ),
    ],
)
def test_new_from_last_year_carries_in_its_carried_over_not_its_carried_in(
    tmp_path: Path, example: str, changes: list[tuple[str, str]], year: int
) -> None:
    """`new --from` fills this year's 上年结转 with last year's 结转下年度, column by column,
    where last year's own 上年结转 differs from it."""
    from click.testing import CliRunner

    from reportkit.cli import main
    from tests.conftest import EXAMPLES

    text = (EXAMPLES / example).read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new, 1)
    last = tmp_path / "last.yaml"
    last.write_text(text, encoding="utf-8")
    assert check_file(last).ok, [str(p) for p in check_file(last).errors]
    out = tmp_path / "new.yaml"
    result = CliRunner().invoke(
        main, ["new", "--year", str(year), "--from", str(last), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output

    table2 = YAML(typ="safe").load(text)["依申请公开"]
    carried_over, carried_in = table2["结转下年度"], table2["上年结转"]
    columns = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert [carried_over.get(c, 0) for c in columns] != [carried_in.get(c, 0) for c in columns]
    new_row = YAML(typ="safe").load(out.read_text(encoding="utf-8"))["依申请公开"]["上年结转"]
    assert {c: new_row[c] for c in columns} == {c: carried_over.get(c, 0) for c in columns}
