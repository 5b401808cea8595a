"""`reportkit pack`: what an office sends its units, enough on its own to fill, check and render."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from reportkit.cli import main
from reportkit.loading import check_file
from reportkit.office import pack
from reportkit.schemas import schema_text
from tests.conftest import STREET_2023
from tests.docx_text import open_docx


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2021 pack for 2024 reports, made by the command and unzipped."""
    where = tmp_path_factory.mktemp("pack")
    archive = where / "填报包.zip"
    result = CliRunner().invoke(
        main, ["pack", "--era", "2021", "--year", "2024", "-o", str(archive)]
    )
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(archive) as z:
        z.extractall(where / "out")
    (folder,) = (where / "out").iterdir()
    return folder


def test_pack_holds_schema_template_blank_file_and_instructions(unpacked: Path) -> None:
    """The pack is one folder named by its version, with the five files its manifest lists."""
    assert unpacked.name == f"reportkit-pack-{pack.pack_version('2021')}"
    names = {p.name for p in unpacked.iterdir()}
    assert names == {
        "era-2021.schema.json",
        "era-2021.docx",
        "blank-2024.yaml",
        "填报说明.txt",
        "pack.json",
    }
    manifest = json.loads((unpacked / "pack.json").read_text(encoding="utf-8"))
    assert manifest["pack"] == pack.pack_version("2021") and manifest["year"] == 2024
    assert set(manifest["files"]) == names - {"pack.json"}
    assert (unpacked / "era-2021.schema.json").read_text(encoding="utf-8") == schema_text("2021")
    instructions = (unpacked / "填报说明.txt").read_text(encoding="utf-8-sig")
    for step in ("reportkit validate", "reportkit render", "--template era-2021.docx"):
        assert step in instructions


def test_blank_file_points_to_the_schema_beside_it_and_records_the_pack(unpacked: Path) -> None:
    """The blank file's first line points an editor at the schema in the same folder; the
    second records the pack version."""
    lines = (unpacked / "blank-2024.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=era-2021.schema.json"
    assert lines[1].startswith(f"# reportkit-pack: {pack.pack_version('2021')}")


def _fill(value: Any, schema: dict[str, Any], defs: dict[str, Any]) -> Any:
    """Fill every blank of the blank file guided by nothing but the pack's schema."""
    if "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    options = [o for o in schema.get("anyOf", [schema]) if o.get("type") != "null"]
    schema = options[0] if options else schema
    if "$ref" in schema:
        return _fill(value, schema, defs)
    if isinstance(value, dict):
        props = schema.get("properties", {})
        return {k: _fill(v, props.get(k, {}), defs) for k, v in value.items()}
    if value is not None:
        return value
    if "enum" in schema:
        return schema["enum"][0] if "乡镇" not in schema["enum"] else "乡镇"
    kind = schema.get("type")
    if kind in ("integer", "number"):
        return 0
    if schema.get("format") == "date":
        return "2025-01-20"
    return "示例文字"


def test_a_unit_fills_validates_and_renders_with_the_pack_alone(
    unpacked: Path, tmp_path: Path
) -> None:
    """A copy of the blank file, filled using only the pack's schema, validates and renders with
    the pack's template."""
    schema = json.loads((unpacked / "era-2021.schema.json").read_text(encoding="utf-8"))
    blank = (unpacked / "blank-2024.yaml").read_text(encoding="utf-8")
    header = "".join(line + "\n" for line in blank.splitlines() if line.startswith("#"))
    filled = _fill(yaml.safe_load(blank), schema, schema.get("$defs", {}))
    filled["单位"]["全称"] = "示例镇人民政府"
    mine = unpacked / "示例镇.yaml"
    mine.write_text(
        header + yaml.safe_dump(filled, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    runner = CliRunner()
    checked = runner.invoke(main, ["validate", str(mine)])
    assert checked.exit_code == 0, checked.output
    assert "填报包" not in checked.output  # made from the current pack: no warning
    out = tmp_path / "示例镇.docx"
    rendered = runner.invoke(
        main, ["render", str(mine), "--template", str(unpacked / "era-2021.docx"), "-o", str(out)]
    )
    assert rendered.exit_code == 0, rendered.output
    assert open_docx(out).paragraphs[0].text == "示例镇人民政府"


def test_a_file_from_an_older_pack_is_warned(tmp_path: Path) -> None:
    """A file recording another pack version gets a warning on its pack line; it still passes."""
    text = STREET_2023.read_text(encoding="utf-8")
    old = tmp_path / "old.yaml"
    old.write_text("# reportkit-pack: 2021-00000000（reportkit 0.0.1）\n" + text, encoding="utf-8")
    result = check_file(old)
    assert result.ok
    (warning,) = result.warnings
    assert warning.code == "old-pack" and warning.line == 1
    assert pack.pack_version("2021") in warning.message
    current = tmp_path / "current.yaml"
    current.write_text(pack.pack_line("2021") + "\n" + text, encoding="utf-8")
    assert check_file(current).problems == []


def test_pack_version_follows_the_schema() -> None:
    """The version is the era and the first eight hex digits of the schema's SHA-256."""
    assert re.fullmatch(r"2021-[0-9a-f]{8}", pack.pack_version("2021"))
    assert pack.pack_version("2019") != pack.pack_version("2021")


def test_pack_is_reproducible_and_never_overwrites(tmp_path: Path) -> None:
    """The same era gives the same bytes; an existing file needs --force; an unknown era is a
    usage error."""
    assert pack.build_pack("2019") == pack.build_pack("2019")
    out = tmp_path / "p.zip"
    runner = CliRunner()
    assert runner.invoke(main, ["pack", "--era", "2019", "-o", str(out)]).exit_code == 0
    again = runner.invoke(main, ["pack", "--era", "2019", "-o", str(out)])
    assert again.exit_code == 1 and "已存在" in again.stderr
    assert runner.invoke(main, ["pack", "--era", "1999", "-o", str(out)]).exit_code == 2
    wrong_year = runner.invoke(main, ["pack", "--era", "2019", "--year", "2023", "-o", str(out)])
    assert wrong_year.exit_code == 2


@pytest.mark.parametrize(("year", "era"), [(2017, "2007"), (2020, "2019"), (2023, "2021")])
def test_pack_year_alone_chooses_the_era_as_new_does(year: int, era: str, tmp_path: Path) -> None:
    """`pack --year` without --era packs the era that governs the year (the one `new` uses),
    with the blank file of that year."""
    out = tmp_path / "p.zip"
    result = CliRunner().invoke(main, ["pack", "--year", str(year), "-o", str(out)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        manifest = json.loads(z.read(next(n for n in names if n.endswith("pack.json"))))
        blank = z.read(next(n for n in names if n.endswith(f"blank-{year}.yaml"))).decode()
    assert (manifest["era"], manifest["year"]) == (era, year)
    assert f"era-{era}.schema.json" in blank
    made = tmp_path / "new.yaml"
    assert CliRunner().invoke(main, ["new", "--year", str(year), "-o", str(made)]).exit_code == 0
    assert f"（{era} 年版格式" in made.read_text(encoding="utf-8")


def test_pack_needs_an_era_or_a_year_and_names_the_right_era(tmp_path: Path) -> None:
    """Without --era or --year pack is a usage error saying so; --era and a year of another
    era names the era that year uses."""
    out = tmp_path / "p.zip"
    neither = CliRunner().invoke(main, ["pack", "-o", str(out)])
    assert neither.exit_code == 2 and "--year" in neither.stderr
    wrong = CliRunner().invoke(main, ["pack", "--era", "2019", "--year", "2023", "-o", str(out)])
    assert wrong.exit_code == 2
    assert "2023 年度用 2021 年版格式" in wrong.stderr
    assert not out.exists()
