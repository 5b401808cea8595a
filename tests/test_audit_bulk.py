"""``reportkit audit`` in bulk: the fast data file it checks, and its workers (``-j``)."""

from __future__ import annotations

from typing import Any

import pytest

from reportkit import yamlfile
from reportkit.errors import NotImportable
from reportkit.importing import import_report
from reportkit.importing.writing import to_yaml_unannotated
from tests.test_corpus import CORPUS, REPORTS


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
