"""Imports point one way: the core never pulls in the CLI, click or docxtpl."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest


def _modules_after(code: str) -> set[str]:
    script = f"{code}\nimport sys\nsys.stderr.write('\\n'.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr  # a snippet that failed proves nothing
    return set(result.stderr.split())


def _imports(source: str, package: str) -> bool:
    return re.search(rf"^\s*(from|import) {package}\b", source, re.MULTILINE) is not None


@pytest.mark.parametrize(
    "module",
    [
        "reportkit",
        "reportkit.loading",
        "reportkit.context",
        "reportkit.identities",
        "reportkit.scaffold",
        "reportkit.schemas",
        "reportkit.batch",
        "reportkit.summary",
        "reportkit.workbook",
        "reportkit.pack",
    ],
)
def test_core_imports_neither_click_nor_docxtpl(module: str) -> None:
    """Importing the core leaves click and docxtpl (and the CLI) unloaded."""
    loaded = _modules_after(f"import {module}")
    assert "click" not in loaded
    assert "docxtpl" not in loaded
    assert "reportkit.cli" not in loaded


def test_cli_help_does_not_load_the_heavy_parts() -> None:
    """`reportkit --help` loads neither docxtpl, pydantic nor babel."""
    loaded = _modules_after(
        "from reportkit.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass"
    )
    assert {"docxtpl", "pydantic", "babel"}.isdisjoint(loaded)


@pytest.mark.parametrize(("package", "owner"), [("click", "cli.py"), ("docxtpl", "rendering.py")])
def test_one_module_imports_each_interface_library(package: str, owner: str) -> None:
    """click is imported only by cli.py, docxtpl only by rendering.py."""
    from tests.conftest import ROOT

    importers = {
        p.name
        for p in (ROOT / "src" / "reportkit").rglob("*.py")
        if _imports(p.read_text(encoding="utf-8"), package)
    }
    assert importers == {owner}
