"""The era registry: years → eras, one record per era, and adding an era without touching the rest."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportkit import eras
from reportkit.cli import main
from reportkit.eras.model import UnitLevel
from tests import extra_era
from tests.conftest import STREET_2023
from tests.docx_text import open_docx
from tests.test_templates import builder


@pytest.mark.parametrize(
    ("year", "era"),
    [
        (2007, None),
        (2008, "2007"),
        (2018, "2007"),
        (2019, "2019"),
        (2020, "2019"),
        (2021, "2021"),
        (2035, "2021"),
        (2100, "2021"),
        (2101, None),
    ],
)
def test_era_follows_from_the_year(year: int, era: str | None) -> None:
    """A report's era follows from its year alone (formats.md §1)."""
    found = eras.era_for_year(year)
    assert (found.name if found else None) == era


def test_each_record_is_its_registry_entry() -> None:
    """Every registered era loads as a record of that name, covering its registered years."""
    for entry in eras.REGISTRY:
        record = eras.get_era(entry.name)
        assert record.name == entry.name == record.model.ERA
        assert record.years == (entry.first_year, entry.last_year)
        assert set(record.deadlines) == set(UnitLevel)  # a deadline for every kind of body


def test_an_unknown_era_is_one_message() -> None:
    """Asking for an era that does not exist names the ones that do."""
    with pytest.raises(Exception, match="没有 1999 年版格式；可选：2007、2019、2021"):
        eras.get_era("1999")


def test_years_do_not_overlap() -> None:
    """No report year is claimed by two eras, and the eras follow each other without a gap."""
    spans = [(e.first_year, e.last_year) for e in eras.REGISTRY]
    assert all(a[1] + 1 == b[0] for a, b in itertools.pairwise(spans))


@pytest.fixture
def extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The test-only era registered for 2021 onward (in the 2021 era's place), and its
    template built by the same builder as the shipped ones; returns the template."""
    monkeypatch.setattr(eras, "REGISTRY", [*eras.REGISTRY[:-1], extra_era.REGISTRATION])
    template = tmp_path / eras.get_era(extra_era.NAME).template
    builder().build(eras.get_era(extra_era.NAME), template)
    return template


def _with_extra_row(tmp_path: Path, decisions: int) -> Path:
    text = STREET_2023.read_text(encoding="utf-8")
    text = text.replace(
        "\n依申请公开:",
        f"\n  {extra_era.EXTRA_ROW}:\n    本年处理决定数量: {decisions}\n依申请公开:",
        1,
    )
    path = tmp_path / "extra.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_new_era_validates_renders_and_exports_its_schema(extra: Path, tmp_path: Path) -> None:
    """An era defined by one module and one registry entry works end to end: its files
    validate (the new row is required), render with the new row in Table 1, and its JSON
    Schema names the new row."""
    runner = CliRunner()
    data = _with_extra_row(tmp_path, 37)

    validated = runner.invoke(main, ["validate", str(data)])
    assert validated.exit_code == 0, validated.output
    assert f"{extra_era.NAME} 年版格式" in validated.output

    missing = runner.invoke(main, ["validate", str(STREET_2023)])
    assert missing.exit_code == 1
    assert f"主动公开.{extra_era.EXTRA_ROW}.本年处理决定数量: 未填写" in missing.output

    out = tmp_path / "extra.docx"
    rendered = runner.invoke(main, ["render", str(data), "-o", str(out), "--template", str(extra)])
    assert rendered.exit_code == 0, rendered.output
    table1 = open_docx(out).tables[0]
    rows = [[c.text for c in r.cells] for r in table1.rows]  # a merged cell repeats its text
    assert set(rows[-3]) == {extra_era.EXTRA_GROUP}
    assert rows[-2][:2] == ["信息内容", "本年处理决定数量"]
    assert rows[-1][0] == extra_era.EXTRA_ROW and set(rows[-1][1:]) == {"37"}

    exported = runner.invoke(main, ["schema", "--era", extra_era.NAME])
    assert exported.exit_code == 0, exported.output
    schema = json.loads(exported.output)
    proactive = schema["$defs"]["ProactiveExtra"]["properties"]
    assert extra_era.EXTRA_ROW in proactive


def test_a_new_era_takes_its_years_and_leaves_the_others(extra: Path) -> None:
    """The new era governs the years of its entry; the other eras keep theirs."""
    assert eras.era_names() == ["2007", "2019", extra_era.NAME]
    assert [eras.era_for_year(y).name for y in (2018, 2020, 2021)] == [
        "2007",
        "2019",
        extra_era.NAME,
    ]  # type: ignore[union-attr]
