"""``reportkit audit`` in bulk: the fast data file it checks, and its workers (``-j``)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from reportkit import yamlfile
from reportkit.errors import NotImportable
from reportkit.importing import import_report
from reportkit.importing.writing import to_yaml_unannotated
from reportkit.loading import check_data, check_text
from tests.test_corpus import CORPUS, REPORTS, ROOT


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every data path of ``node`` in the order the file gives them, with its value's type."""
    if isinstance(node, dict):
        return [p for key, sub in node.items() for p in [(*path, key), *_paths(sub, (*path, key))]]
    if isinstance(node, list):
        return [p for i, sub in enumerate(node) for p in [(*path, i), *_paths(sub, (*path, i))]]
    return [(*path, type(node).__name__)]


@pytest.mark.parametrize("name", REPORTS)
def test_unannotated_file_is_the_import_without_its_comments(name: str) -> None:
    """What audit checks is the data file import writes: the same header, the same data (same
    values, types and order of keys), only the comment on each part left out."""
    try:
        found, text = import_report(CORPUS / name)
    except NotImportable:
        pytest.skip("not importable")
    fast = to_yaml_unannotated(found, name)
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert [line for line in fast.splitlines() if line.startswith("#")] == header
    data = yamlfile.parse(fast)
    assert data == yamlfile.parse(text)
    assert _paths(data) == _paths(yamlfile.parse(text))


@pytest.mark.parametrize(
    "name", ["2023-example-street.yaml", "2020-example-town.yaml", "2017-shuanglong.yaml"]
)
def test_check_data_is_check_text_without_the_text(name: str) -> None:
    """check_data of a file's parsed data gives check_text's report, data and problems (the
    same checks), only not placed on lines."""
    text = (ROOT / "examples" / name).read_text(encoding="utf-8")
    data = yamlfile.parse(text)
    data["单位"]["全称"] = ""  # a problem to find
    data["总体情况"] = "一段话"
    fast = check_data(data, name, draft=True)
    slow = check_text(yamlfile.dump_data(data), name, draft=True)
    assert fast.report == slow.report and fast.data == slow.data
    assert fast.problems, "the damage is found"
    unplaced = [dataclasses.replace(p, line=None, column=None) for p in slow.problems]
    assert sorted(fast.problems, key=str) == sorted(unplaced, key=str)
