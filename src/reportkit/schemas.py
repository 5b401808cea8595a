"""JSON Schema of each era's data file, generated from the models (what an office hands out)."""

from __future__ import annotations

import json
from typing import Any

from reportkit.eras import get_era

__all__ = ["schema_for", "schema_text"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def schema_for(era: str) -> dict[str, Any]:
    """The JSON Schema of an era's data file, keys and descriptions in Chinese."""
    record = get_era(era)
    schema = record.model.model_json_schema(by_alias=True)
    schema["title"] = f"政府信息公开工作年度报告数据文件（{era} 年版格式）"
    return {"$schema": DRAFT, **schema}


def schema_text(era: str) -> str:
    """The schema as the committed file holds it (stable key order, UTF-8, final newline)."""
    return json.dumps(schema_for(era), ensure_ascii=False, indent=2) + "\n"
