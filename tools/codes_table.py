"""Keep README's table of checks and codes in step with reportkit.codes.

.venv/bin/python tools/codes_table.py update   # rewrite the table between the markers
.venv/bin/python tools/codes_table.py check    # exit 1 if README's table is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

from reportkit.codes import RULES
from reportkit.errors import Severity

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- codes:start -->", "<!-- codes:end -->"


def table() -> str:
    """The Markdown table of every rule: code, severity, what it checks, an example."""
    rows = ["| 代码 | 类别 | 检查什么 | 提示示例 |", "| --- | --- | --- | --- |"]
    for rule in RULES.values():
        kind = "错误" if rule.severity is Severity.ERROR else "警告"
        example = rule.example.replace("|", "\\|")
        rows.append(f"| `{rule.code}` | {kind} | {rule.summary} | {example} |")
    return "\n".join(rows)


def updated(text: str) -> str:
    """``text`` (README) with the table between the markers replaced by the current one."""
    head, start, rest = text.partition(START)
    _old, end, tail = rest.partition(END)
    if not start or not end:
        raise SystemExit(f"README.md lacks the markers {START} … {END}")
    return f"{head}{START}\n{table()}\n{END}{tail}"


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    if argv[1:] == ["update"]:
        README.write_text(updated(text), encoding="utf-8")
        return 0
    if argv[1:] == ["check"]:
        if updated(text) != text:
            print("README.md's table of codes is out of date: run tools/codes_table.py update")
            return 1
        print("README.md's table of codes is current")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
