"""The documentation stays true: every command has help with an example and a README section."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from reportkit.cli import main
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_with_example(name: str) -> None:
    """Each command's --help explains it and shows an example invocation."""
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    command = main.commands[name]
    assert isinstance(command, click.Command) and command.help
    assert f"reportkit {name}" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_readme(name: str) -> None:
    """Each command has its own README section with an example."""
    assert f"### `reportkit {name}`" in README
    assert f"reportkit {name} " in README


def test_readme_quick_start_is_two_commands() -> None:
    """The quick start is exactly `make demo` and `make test`."""
    assert "make demo" in README and "make test" in README


def test_changelog_has_unreleased_section() -> None:
    """CHANGELOG.md keeps an Unreleased section for what is not yet released."""
    assert "## [Unreleased]" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_readme_lists_every_code() -> None:
    """README's table of checks is the one reportkit.codes gives (tools/codes_table.py)."""
    import importlib.util

    from reportkit.codes import RULES

    spec = importlib.util.spec_from_file_location("codes_table", ROOT / "tools" / "codes_table.py")
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.updated(README) == README, "run tools/codes_table.py update"
    assert all(f"| `{code}` |" in README for code in RULES)
