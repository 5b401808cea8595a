"""Every problem reportkit reports carries a registered, stable code."""

from __future__ import annotations

import re
from pathlib import Path

from reportkit.codes import RULES
from reportkit.errors import Severity

SOURCE = Path(__file__).resolve().parent.parent / "src" / "reportkit"
CODE_LITERAL = re.compile(r"""\bcode=["']([a-z0-9-]+)["']""")


def _codes_in_source() -> dict[str, str]:
    found = {}
    for path in sorted(SOURCE.rglob("*.py")):
        for match in CODE_LITERAL.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(match.group(1), str(path.relative_to(SOURCE)))
    return found


def test_every_code_in_the_source_is_registered() -> None:
    """A problem code written anywhere in the package is declared in reportkit.codes."""
    found = _codes_in_source()
    assert found, "the pattern found no code at all"
    unknown = {code: where for code, where in found.items() if code not in RULES}
    assert not unknown


def test_codes_are_stable_words() -> None:
    """Codes are lower-case words joined by hyphens; each rule has a severity and an example."""
    for code, rule in RULES.items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code), code
        assert rule.severity in (Severity.ERROR, Severity.WARNING)
        assert rule.summary and rule.example
