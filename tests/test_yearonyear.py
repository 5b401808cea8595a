"""Year on year: 上年参照 in the data file, copied text, stale years, Table 1 continuity."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from ruamel.yaml import YAML

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
    assert any(
        p.code == "copied-text" and "2023-example-street.yaml" in p.message for p in warned
    )


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
