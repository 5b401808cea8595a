"""The exported JSON Schemas: committed, current, and what an editor needs."""

from __future__ import annotations

import json

import pytest

from reportkit.eras import era_names, get_era
from reportkit.schemas import schema_for, schema_text
from tests.conftest import ROOT


@pytest.mark.parametrize("era", era_names())
def test_committed_schema_is_current(era: str) -> None:
    """schema/ holds exactly what the models export; run `make schema` after changing a model."""
    committed = (ROOT / "schema" / get_era(era).schema).read_text(encoding="utf-8")
    assert committed == schema_text(era), "schema/ is stale: run `make schema`"


def test_schema_speaks_chinese_and_marks_fill_ins() -> None:
    """Keys and descriptions are Chinese; a figure to fill is required and not nullable."""
    schema = schema_for("2007")
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "年度" in schema["properties"]
    appeals = schema["$defs"]["Appeals"]
    assert "行政复议" in appeals["required"]
    assert appeals["properties"]["行政复议"]["type"] == "integer"
    assert appeals["properties"]["行政复议"]["minimum"] == 0
    assert "申诉" not in appeals["required"]
    assert appeals["additionalProperties"] is False
    assert json.loads(json.dumps(schema, ensure_ascii=False)) == schema
