"""Build hook: compile the gettext catalogues (.po → .mo) into the package at build time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogues(BuildHookInterface):  # type: ignore[misc]
    """Compile every src/reportkit/locale/*/LC_MESSAGES/*.po next to itself."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        locale = Path(self.root) / "src" / "reportkit" / "locale"
        for po in sorted(locale.glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as handle:
                catalogue = read_po(handle)
            with po.with_suffix(".mo").open("wb") as handle:
                write_mo(handle, catalogue)
            build_data.setdefault("artifacts", []).append(
                str(po.with_suffix(".mo").relative_to(self.root))
            )
