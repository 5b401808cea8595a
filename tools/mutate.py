"""A small mutation run over the core: does the test suite notice a deliberate bug?

    .venv/bin/python tools/mutate.py                  (what `make mutate` runs)
    .venv/bin/python tools/mutate.py -o docs/mutation.md
    .venv/bin/python tools/mutate.py -k deadline      (only the mutants whose name has "deadline")

Each mutant in tools/mutants.txt replaces one line of source text, written exactly once in
its file, with a small bug. For each, the repository's src/ and tests/ are copied into a
temporary folder, the bug is put into the copy (the working tree is never touched), and the
mutant's tests (or, when it names none, the whole suite) run against the copy. A mutant is
*killed* when a test fails, *survived* when every test passes; a mutant whose tests do not
pass on the unchanged source is *invalid* and left out of the score (killed / valid).

The mutants file, one block per mutant::

    # name: what the bug is
    file: src/reportkit/checks.py
    old: if date > deadline:
    new: if date >= deadline:
    tests: tests/test_models_tables.py
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "tools" / "mutants.txt"


@dataclass(frozen=True)
class Mutant:
    name: str
    file: str
    old: str
    new: str
    tests: tuple[str, ...]


def read_mutants(path: Path) -> list[Mutant]:
    """The mutants of ``path``; ValueError naming the block of one that is malformed."""
    mutants = []
    for number, block in enumerate(path.read_text(encoding="utf-8").split("\n\n"), 1):
        lines = [line for line in block.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if not lines[0].startswith("# "):
            raise ValueError(f"{path}: block {number} does not start with '# name'")
        fields = {}
        for line in lines[1:]:
            key, _sep, value = line.partition(": ")
            fields[key.strip()] = value
        missing = {"file", "old", "new"} - set(fields)
        if missing:
            raise ValueError(f"{path}: block {number} lacks {', '.join(sorted(missing))}")
        tests = tuple(fields.get("tests", "").split())
        mutants.append(
            Mutant(lines[0][2:].strip(), fields["file"], fields["old"], fields["new"], tests)
        )
    return mutants


def _copy_tree(into: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache")
    for name in ("src", "tests", "examples", "templates", "schema"):
        source = ROOT / name
        if source.is_symlink():
            (into / name).symlink_to(os.readlink(source))
        elif source.exists():
            shutil.copytree(source, into / name, ignore=ignore, symlinks=True)
    shutil.copy2(ROOT / "pyproject.toml", into / "pyproject.toml")


def _pytest(tests: tuple[str, ...], workspace: Path) -> tuple[int, float]:
    env = {**os.environ, "PYTHONPATH": str(workspace / "src"), "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]
    command += list(tests) or ["tests"]
    started = time.monotonic()
    result = subprocess.run(
        command, cwd=workspace, env=env, capture_output=True, text=True, timeout=600
    )
    return result.returncode, time.monotonic() - started


def run(mutant: Mutant, workspace: Path, baseline: dict[tuple[str, ...], int]) -> tuple[str, float]:
    """'killed' (a test failed), 'survived' (every test passed), or 'invalid': the old text
    is not in the file exactly once, or the mutant's tests do not pass without the bug."""
    target = workspace / mutant.file
    source = (ROOT / mutant.file).read_text(encoding="utf-8")
    if source.count(mutant.old) != 1:
        return "invalid", 0.0
    if mutant.tests not in baseline:
        baseline[mutant.tests] = _pytest(mutant.tests, workspace)[0]
    if baseline[mutant.tests] != 0:
        return "invalid", 0.0
    target.write_text(source.replace(mutant.old, mutant.new), encoding="utf-8")
    try:
        code, elapsed = _pytest(mutant.tests, workspace)
    finally:
        target.write_text(source, encoding="utf-8")
    # pytest exits 1 when a test failed; 2 when collection failed, which here means the bug
    # broke an import (noticed all the same). Anything else is not a verdict on the bug.
    if code == 0:
        return "survived", elapsed
    return ("killed" if code in (1, 2) else "invalid"), elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, help="write the results as Markdown here")
    parser.add_argument("-k", "--keyword", help="only mutants whose name contains this")
    args = parser.parse_args(argv)
    mutants = [m for m in read_mutants(MUTANTS) if not args.keyword or args.keyword in m.name]
    rows = []
    with tempfile.TemporaryDirectory(prefix="reportkit-mutate-") as folder:
        workspace = Path(folder)
        _copy_tree(workspace)
        baseline: dict[tuple[str, ...], int] = {}
        for mutant in mutants:
            outcome, seconds = run(mutant, workspace, baseline)
            rows.append((mutant, outcome, seconds))
            print(f"{outcome:9} {seconds:5.1f} s  {mutant.name}", flush=True)
    killed = sum(1 for _m, outcome, _s in rows if outcome == "killed")
    valid = sum(1 for _m, outcome, _s in rows if outcome != "invalid")
    print(f"score: {killed} of {valid} mutants killed")
    if args.output is not None:
        args.output.write_text(_markdown(rows, killed, valid), encoding="utf-8")
    invalid = [m.name for m, outcome, _s in rows if outcome == "invalid"]
    if invalid:
        print(
            "invalid (old text not found exactly once, or its tests fail without the bug): "
            + "; ".join(invalid),
            file=sys.stderr,
        )
    return 0 if killed == valid and not invalid else 1


def _markdown(rows: list[tuple[Mutant, str, float]], killed: int, valid: int) -> str:
    lines = [
        "# Mutation score",
        "",
        "Generated by `make mutate` (`python tools/mutate.py -o docs/mutation.md`); do not edit.",
        "Each mutant is one small deliberate bug in the core (tools/mutants.txt), put into a",
        "copy of the repository; it is *killed* when a test fails. A survivor is a bug the",
        "suite would let through: add a test for it.",
        "",
        f"**Score: {killed} of {valid} mutants killed.**",
        "",
        "| mutant | file | outcome | tests run |",
        "|---|---|---|---|",
    ]
    for mutant, outcome, _seconds in rows:
        tests = ", ".join(f"`{t}`" for t in mutant.tests) or "whole suite"
        lines.append(f"| {mutant.name} | `{mutant.file}` | {outcome} | {tests} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
