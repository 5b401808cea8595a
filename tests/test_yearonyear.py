"""Year on year: 上年参照 in the data file, copied text, stale years, Table 1 continuity."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from reportkit import yearonyear
from reportkit.cli import main
from reportkit.loading import check_file, load
from reportkit.scaffold import scaffold
from tests.conftest import ROOT, STREET_2023


def _carried(tmp_path: Path, year: int = 2024, source: Path = STREET_2023) -> dict[str, Any]:
    """``new --year year --from source``, read back (round trip, comments kept)."""
    last, _ = load(source)
    return YAML(typ="rt").load(scaffold(year, previous=last, out_dir=tmp_path))  # type: ignore[no-any-return]


def _fill_street(data: dict[str, Any]) -> dict[str, Any]:
    """The blanks of a file carried over from the 2023 street example, filled as in 2023."""
    street = YAML(typ="safe").load(STREET_2023.read_text(encoding="utf-8"))
    for key in ("主动公开", "依申请公开", "行政复议和诉讼", "落款"):
        data[key] = street[key]
    data["落款"]["日期"] = f"{data['年度'] + 1}-01-20"
    data["其他事项"]["信息处理费"] = 0
    data["发布期限"] = None
    return data


def _write(tmp_path: Path, data: Any, name: str = "2024.yaml") -> Path:
    path = tmp_path / name
    with path.open("w", encoding="utf-8") as handle:
        YAML(typ="rt").dump(data, handle)
    return path


def _codes(path: Path, **options: Any) -> list[str]:
    result = check_file(path, **options)
    assert result.ok, [str(p) for p in result.errors]
    return [p.code for p in result.warnings]


# --- 1. what last year's report leaves in this year's file ----------------------------------


def test_new_from_writes_what_next_years_checks_need(tmp_path: Path) -> None:
    """new --from writes 上年参照: last year's year, Table 1's 现行有效, 结转下年度 and texts, and no path."""
    data = _carried(tmp_path)
    reference = data["上年参照"]
    assert reference["年度"] == 2023
    assert dict(reference["现行有效"]) == {"规章": 0, "行政规范性文件": 4}
    assert reference["结转下年度"]["自然人"] == 1
    street = YAML(typ="safe").load(STREET_2023.read_text(encoding="utf-8"))
    assert reference["文字"]["总体情况.主动公开.正文"] == street["总体情况"]["主动公开"]["正文"]
    assert "上年数据" not in data
    assert "已核实" not in data  # last year's acknowledgements are last year's


def test_reference_travels_with_the_file(tmp_path: Path) -> None:
    """A carried-over file moved where last year's file is not still warns of copied text."""
    office = tmp_path / "上级"
    office.mkdir()
    path = _write(office, _fill_street(_carried(tmp_path)))
    warnings = check_file(path).warnings
    copied = [p for p in warnings if p.code == "copied-text"]
    assert copied and all("2023 年度，上年参照" in p.message for p in copied)
    assert "previous-missing" not in [p.code for p in warnings]


def test_a_missing_previous_file_falls_back_on_the_reference(tmp_path: Path) -> None:
    """上年数据 naming a file that is not there is not warned when 上年参照 is there."""
    data = _fill_street(_carried(tmp_path))
    data["上年数据"] = "不存在.yaml"
    codes = _codes(_write(tmp_path, data))
    assert "copied-text" in codes and "previous-missing" not in codes


def test_previous_file_takes_precedence_over_the_reference(tmp_path: Path) -> None:
    """validate --previous compares with that file, not with the 上年参照 the file carries."""
    data = _fill_street(_carried(tmp_path))
    data["上年参照"]["文字"] = {"导语": "另一份报告的文字。"}
    path = _write(tmp_path, data)
    assert "copied-text" not in _codes(path)
    warned = check_file(path, previous=STREET_2023).warnings
    assert any(p.code == "copied-text" and "2023-example-street.yaml" in p.message for p in warned)


def test_schema_carries_the_reference() -> None:
    """The JSON Schema of every era describes 上年参照 and its parts."""
    for name in ("2007", "2019", "2021"):
        schema = json.loads((ROOT / "schema" / f"era-{name}.schema.json").read_text("utf-8"))
        assert "上年参照" in schema["properties"]
        text = json.dumps(schema, ensure_ascii=False)
        for key in ("现行有效", "结转下年度", "文字", "重复比例阈值"):
            assert f'"{key}"' in text


def test_reference_warnings_can_be_acknowledged(tmp_path: Path) -> None:
    """A copied-text warning from 上年参照 is acknowledged like any other (已核实)."""
    data = _fill_street(_carried(tmp_path))
    data["已核实"] = {"copied-text": "经领导审定，沿用上年表述"}
    result = check_file(_write(tmp_path, data))
    assert "copied-text" not in [p.code for p in result.warnings]
    assert any(p.code == "copied-text" for p in result.acknowledged)


def test_cli_validate_uses_the_reference(tmp_path: Path) -> None:
    """validate --format json lists the reference's warnings with their codes."""
    path = _write(tmp_path, _fill_street(_carried(tmp_path)))
    result = CliRunner().invoke(main, ["validate", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"copied-text"' in result.output


# --- 2. the copied-text score ------------------------------------------------------------------

LAST_OVERVIEW = (
    "2023年，本街道坚持以人民为中心的发展思想，按照区委、区政府关于政务公开工作的部署，"
    "以公开促落实、以公开促规范、以公开促服务，政府信息公开工作质量稳步提升。全年主动公开政府信息120条。"
)
PREFACE = (
    "本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发"
    "〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。"
    "本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        pytest.param(
            LAST_OVERVIEW.replace("2023", "2024").replace("120", "135"),
            100,
            100,
            id="last-years-text-new-figures",
        ),
        pytest.param(
            "2024年，本街道坚持以人民为中心的发展思想，按照区委、区政府关于政务公开工作的部署，"
            "以公开促落实。今年重点推进老旧小区改造信息公开，新设社区公示栏十二处，"
            "群众满意度明显提高，线上咨询量增长三成。",
            40,
            60,
            id="half-rewritten",
        ),
        pytest.param(
            "2024年，本街道聚焦基层政务公开标准化规范化建设，新设社区公示栏十二处，"
            "开通政策咨询热线，全年组织政策解读活动八场，群众满意度明显提高。",
            0,
            0,
            id="rewritten",
        ),
        pytest.param(
            LAST_OVERVIEW.replace("，", ", ").replace("、", " \n"),
            100,
            100,
            id="spacing-and-punctuation-aside",
        ),
    ],
)
def test_copied_share(text: str, low: int, high: int) -> None:
    """The share of a text found in last year's: digits, spaces and punctuation aside."""
    share = yearonyear.copied_share(text, {"总体情况.正文": LAST_OVERVIEW})
    assert share is not None and low <= round(share * 100) <= high


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(PREFACE.format(year=2024), id="statutory-preface"),
        pytest.param("本年度没有其他需要报告的事项。", id="nothing-to-report"),
        pytest.param("一、总体情况", id="a-heading"),
    ],
)
def test_shared_wording_is_not_scored(text: str) -> None:
    """What every report says (the statutory preface, headings, 无其他事项) is not scored."""
    last = {"导语": PREFACE.format(year=2023), "其他事项.正文": "本年度没有其他需要报告的事项。"}
    headings = ("总体情况", "主动公开政府信息情况")
    assert yearonyear.copied_share(text, last, headings) is None


def _street_with_overview(tmp_path: Path, overview: str, **reference: Any) -> Path:
    """A 2024 street report whose 总体情况 is ``overview``, last year's being LAST_OVERVIEW."""
    data = _fill_street(_carried(tmp_path))
    data["总体情况"]["正文"] = overview
    data["上年参照"]["文字"]["总体情况.正文"] = LAST_OVERVIEW
    data["上年参照"].update(reference)
    return _write(tmp_path, data)


HALF = (
    "2024年，本街道坚持以人民为中心的发展思想，按照区委、区政府关于政务公开工作的部署，"
    "以公开促落实。今年重点推进老旧小区改造信息公开，新设社区公示栏十二处，"
    "群众满意度明显提高，线上咨询量增长三成。"
)


def test_copied_share_above_the_threshold_is_warned(tmp_path: Path) -> None:
    """A text mostly last year's, figures changed, is warned naming the section and the share."""
    path = _street_with_overview(
        tmp_path, LAST_OVERVIEW.replace("2023", "2024").replace("120", "135")
    )
    found = [p for p in check_file(path).warnings if p.path == ("总体情况", "正文")]
    assert [p.code for p in found] == ["copied-share"]
    assert "“总体情况”有 100% 的文字与上年报告" in found[0].message
    assert "超过 50%" in found[0].message


def test_copied_share_below_the_threshold_is_not_warned(tmp_path: Path) -> None:
    """A text half rewritten (49%) is under the default 50%."""
    path = _street_with_overview(tmp_path, HALF)
    assert not [p for p in check_file(path).warnings if p.path == ("总体情况", "正文")]


@pytest.mark.parametrize(
    ("option", "in_file", "warned"),
    [(None, 40, True), (40, None, True), (60, 40, False), (None, None, False)],
    ids=["file-says-40", "option-says-40", "option-wins", "default-50"],
)
def test_threshold_is_settable(
    tmp_path: Path, option: int | None, in_file: int | None, warned: bool
) -> None:
    """The threshold comes from --copied-threshold, else 上年参照.重复比例阈值, else 50."""
    extra = {"重复比例阈值": in_file} if in_file is not None else {}
    path = _street_with_overview(tmp_path, HALF, **extra)
    codes = [
        p.code
        for p in check_file(path, copied_threshold=option).warnings
        if p.path == ("总体情况", "正文")
    ]
    assert codes == (["copied-share"] if warned else [])


def test_cli_copied_threshold_option(tmp_path: Path) -> None:
    """validate and check take --copied-threshold."""
    path = _street_with_overview(tmp_path, HALF)
    for command in (["validate"], ["check", "--format", "json"]):
        low = CliRunner().invoke(main, [*command, str(path), "--copied-threshold", "30"])
        assert low.exit_code == 0, low.output
        assert "copied-share" in low.output or "总体情况”有 49%" in low.output
        high = CliRunner().invoke(main, [*command, str(path)])
        assert "总体情况”有 49%" not in high.output and "copied-share" not in high.output


# --- 4. Table 1 continuity ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last_in_force", "issued", "repealed", "in_force", "warned"),
    [
        (3, 1, 0, 4, False),
        (3, 2, 1, 4, False),
        (3, 1, 0, 5, True),
        (4, 1, 1, 5, True),
    ],
    ids=["adds-up", "adds-up-with-repeal", "one-too-many", "repeal-forgotten"],
)
def test_in_force_carries_on_from_last_year(
    tmp_path: Path, last_in_force: int, issued: int, repealed: int, in_force: int, warned: bool
) -> None:
    """Last year's 现行有效 + 本年制发 − 本年废止 must be this year's 现行有效; else a warning
    with the three figures at the 现行有效件数 cell."""
    data = _fill_street(_carried(tmp_path))
    data["上年参照"]["现行有效"]["行政规范性文件"] = last_in_force
    row = data["主动公开"]["行政规范性文件"]
    row.update({"本年制发件数": issued, "本年废止件数": repealed, "现行有效件数": in_force})
    found = [
        p for p in check_file(_write(tmp_path, data)).warnings if p.code == "in-force-continuity"
    ]
    if not warned:
        assert found == []
        return
    [problem] = found
    assert problem.path == ("主动公开", "行政规范性文件", "现行有效件数")
    expected = last_in_force + issued - repealed
    assert (
        f"表一“行政规范性文件”：上年现行有效 {last_in_force} 件（2023 年度，上年参照）"
        f"+ 本年制发 {issued} 件 − 本年废止 {repealed} 件 = {expected} 件，"
        f"与本年现行有效 {in_force} 件不一致"
    ) == problem.message


def test_continuity_needs_the_year_before(tmp_path: Path) -> None:
    """A reference two years back is not compared for Table 1 (a year of changes is unknown)."""
    data = _fill_street(_carried(tmp_path))
    data["上年参照"]["年度"] = 2022
    data["上年参照"]["现行有效"]["行政规范性文件"] = 99
    assert "in-force-continuity" not in _codes(_write(tmp_path, data))


def test_continuity_from_last_years_file(tmp_path: Path) -> None:
    """validate --previous checks Table 1 against last year's file's 现行有效 too."""
    data = _fill_street(_carried(tmp_path))
    data["主动公开"]["行政规范性文件"]["现行有效件数"] = 7
    del data["上年参照"]
    path = _write(tmp_path, data)
    assert "in-force-continuity" not in _codes(path)
    found = [p for p in check_file(path, previous=STREET_2023).warnings]
    assert any(
        p.code == "in-force-continuity"
        and "上年现行有效 4 件（2023-example-street.yaml）" in p.message
        for p in found
    )


def test_carry_over_from_the_reference(tmp_path: Path) -> None:
    """This year's 上年结转 is compared with 上年参照.结转下年度, column by column."""
    data = _fill_street(_carried(tmp_path))
    data["上年参照"]["结转下年度"] = {"自然人": 2, "总计": 2}  # the street's 上年结转
    assert "carry-over" not in _codes(_write(tmp_path, data))
    data["上年参照"]["结转下年度"] = {"自然人": 1, "总计": 1}
    found = [p for p in check_file(_write(tmp_path, data)).warnings if p.code == "carry-over"]
    assert [p.path for p in found] == [
        ("依申请公开", "上年结转", "自然人"),
        ("依申请公开", "上年结转", "总计"),
    ]


# --- 3. a year left over from last year's text -------------------------------------------------

STALE_YEAR_SENTENCES = [
    # (report year, sentence, the stale years it names)
    (2025, "2024年，本街道坚持以人民为中心的发展思想。", (2024,)),
    (2025, "2025年，本街道坚持以人民为中心的发展思想。", ()),
    (2025, "本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。", (2024,)),
    (2025, "本报告所列数据的统计期限自2025年1月1日起至2025年12月31日止。", ()),
    (2025, "截至2024年12月31日，上年结转的2件申请均已办结。", ()),
    (2025, "《中华人民共和国政府信息公开条例》自2008年5月1日起施行。", ()),
    (2025, "修订后的《条例》自2019年5月15日起施行，本街道认真贯彻。", ()),
    (2025, "《条例》于2007年4月5日公布，本街道组织专题学习。", ()),
    (2025, "对照《法治政府建设实施纲要（2021—2025年）》，本街道逐项落实。", ()),
    (2025, "2019—2025年，本街道累计公开政策文件120件。", ()),
    (2025, "2019年至2025年，本街道持续推进政务公开标准化。", ()),
    (2025, "2019-2023年期间，本街道共建成公开专区三个。", (2023,)),
    (2025, "与2024年相比，收到申请数量增加5件。", ()),
    (2025, "申请数量较2024年有所下降。", ()),
    (2025, "2024年度报告中提出的问题已全部整改。", ()),
    (2025, "2023年度报告中提出的问题已全部整改。", (2023,)),
    (2025, "2024年度结转的申请已全部办结。", ()),
    (2025, "自2019年以来，本街道持续推进基层政务公开标准化。", ()),
    (2025, "到2035年，基本建成法治政府。", ()),
    (2025, "2026年，本街道将进一步加强政策解读。", ()),
    (2025, "按照国办公开办函〔2021〕30号的格式编制本报告。", ()),
    (2025, "按2021年版格式编制本报告。", ()),
    (2025, "全年主动公开政府信息2024条。", ()),
    (2025, "2024年全年共收到申请20件，2023年收到15件。", (2024, 2023)),
    (2024, "2023年，本街道政府信息公开工作仍存在以下不足。", (2023,)),
    (2018, "2017年，双龙镇深入贯彻落实《条例》。", (2017,)),
]


@pytest.mark.parametrize(("year", "sentence", "stale"), STALE_YEAR_SENTENCES)
def test_stale_years(year: int, sentence: str, stale: tuple[int, ...]) -> None:
    """A past year in a sentence is warned unless it is a comparison, "since", last year's
    report or end, a plan's range through this year, or the 条例's own dates."""
    found = yearonyear.stale_years(sentence, year)
    assert [m.years for m in found] == ([stale] if stale else [])


def test_stale_year_quotes_the_sentence_at_its_line(tmp_path: Path) -> None:
    """A carried sentence with last year's year is warned quoting it, at its own line of a
    literal block (file:line), and once per sentence."""
    data = _fill_street(_carried(tmp_path))
    data["问题及改进"]["正文"] = LiteralScalarString(
        "本街道政府信息公开工作仍存在以下不足。\n\n2023年，本街道政务公开专栏更新不够及时。"
    )
    path = _write(tmp_path, data)
    [found] = [
        p
        for p in check_file(path).warnings
        if p.path == ("问题及改进", "正文") and p.code == "stale-year"
    ]
    assert found.message == (
        "文中“2023年，本街道政务公开专栏更新不够及时。”写有 2023 年，本报告是 2024 年度的："
        "是否沿用了往年的文字未改？"
    )
    lines = path.read_text(encoding="utf-8").splitlines()
    assert found.line is not None and lines[found.line - 1].strip().startswith("2023年，本街道政务")


def test_examples_name_no_stale_year() -> None:
    """The examples (and the published seed) give no stale-year warning."""
    for data_file in sorted((ROOT / "examples").glob("*.yaml")):
        assert "stale-year" not in _codes(data_file), data_file


# --- 5. new --from: literal blocks, and last year's file of the wrong year ----------------------


def test_new_from_keeps_paragraphs_as_a_literal_block(tmp_path: Path) -> None:
    """Multi-paragraph text carried over is written as a literal block (|), read back the same."""
    last = YAML(typ="rt").load(STREET_2023.read_text(encoding="utf-8"))
    two = "本街道坚持以人民为中心的发展思想。\n\n全年组织专题培训三次。"
    last["总体情况"]["正文"] = LiteralScalarString(two)
    source = _write(tmp_path, last, "2023.yaml")
    out = tmp_path / "2024.yaml"
    result = CliRunner().invoke(
        main, ["new", "--year", "2024", "--from", str(source), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert (
        "  正文: |-\n    本街道坚持以人民为中心的发展思想。\n\n    全年组织专题培训三次。" in text
    )
    data = YAML(typ="safe").load(text)
    assert data["总体情况"]["正文"] == two
    assert data["上年参照"]["文字"]["总体情况.正文"] == two


@pytest.mark.parametrize("year", [2023, 2022])
def test_new_from_a_file_not_of_an_earlier_year_warns(tmp_path: Path, year: int) -> None:
    """new --from last year's file of the same or a later year warns (the file is still written)."""
    out = tmp_path / "new.yaml"
    result = CliRunner().invoke(
        main, ["new", "--year", str(year), "--from", str(STREET_2023), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert f"是 2023 年度的，不早于本报告的 {year} 年度：是否选错了文件？" in result.output
    assert out.exists()


def test_new_from_last_year_says_nothing_of_the_year(tmp_path: Path) -> None:
    """new --from the year before gives no warning of the year."""
    out = tmp_path / "new.yaml"
    result = CliRunner().invoke(
        main, ["new", "--year", "2024", "--from", str(STREET_2023), "-o", str(out)]
    )
    assert result.exit_code == 0 and "是否选错了文件" not in result.output


def test_validate_previous_of_the_same_year_warns_and_compares_nothing(tmp_path: Path) -> None:
    """validate --previous with a file of the same year warns once and makes no comparison."""
    result = check_file(STREET_2023, previous=STREET_2023)
    assert [p.code for p in result.warnings] == ["previous-year"]


def test_reference_of_a_later_year_warns(tmp_path: Path) -> None:
    """A 上年参照 whose 年度 is not earlier than the report's is warned at that line."""
    data = _fill_street(_carried(tmp_path))
    data["上年参照"]["年度"] = 2024
    result = check_file(_write(tmp_path, data))
    year = [p for p in result.warnings if p.code == "previous-year"]
    assert [p.path for p in year] == [("上年参照", "年度")]
    assert "copied-text" not in [p.code for p in result.warnings]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *"2023年 2022年 2016年 2019-2023年 比 上年 12月31日 以来 。 ； 工作 19 20 22 年 至".split(),  # noqa: SIM905
                *("2022 年", "12022年", "\n"),
            ]
        ),
        max_size=20,
    ).map("".join)
)
@example("1999年的工作。")  # a year of the 1900s
@example("2019-2022年规划。")
def test_texts_without_a_year_are_passed_over(text: str) -> None:
    """stale_years passes over a text in which no year can begin: reading every text
    sentence by sentence finds the same."""
    quick = yearonyear.stale_years(text, 2023)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(yearonyear, "_ANY_YEAR", re.compile(""))  # found in every text
        assert yearonyear.stale_years(text, 2023) == quick
