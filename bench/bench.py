"""The figures of issue 4, item 5, each beside its floor measured in the same run.

    python bench/bench.py -o docs/benchmarks.md          (what `make bench` runs)
    python bench/bench.py --quick                        (fewer files, to try things out)

It generates its own township data files (tests/townships.py: the 2023 example with
varied figures that still balance) in a temporary folder, and times:

(a) bulk render: reportkit's per-report time in one process (check, context, render,
    write) against docxtpl's own per-report time (fresh DocxTemplate, render, save) for
    the same reports; and reportkit with 2 worker processes against 1;
(b) `reportkit check` of 38,000 files on 2 processes, against a bare script that reads
    each file with libyaml's C loader and validates it with pydantic on 2 processes;
(c) `reportkit render` of one example, whole process, against a bare script that loads
    the same YAML with the C loader and renders the same template with docxtpl;
(d) `reportkit --help` against `python -c "import click"` (and the bare interpreter).

Timed commands run as separate processes, alternating with their floor so that both
see the same machine load. The package's bytecode is compiled first, as a wheel
install does (this workspace sets PYTHONDONTWRITEBYTECODE). Not part of `make test`:
the targets are for this benchmark, never for a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import io
import multiprocessing
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.townships import township_text  # noqa: E402

PYTHON = sys.executable
REPORTKIT = str(Path(PYTHON).parent / "reportkit")
EXAMPLE = ROOT / "examples" / "2023-example-street.yaml"


@dataclass
class Timing:
    """Several runs of one thing: seconds each."""

    runs: list[float]

    @property
    def min(self) -> float:
        return min(self.runs)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def max(self) -> float:
        return max(self.runs)

    def show(self, unit: str = "ms", per: int = 1) -> str:
        scale = {"ms": 1000.0, "s": 1.0}[unit]
        values = [v * scale / per for v in (self.min, self.median, self.max)]
        digits = 1 if unit == "ms" else 2
        return " / ".join(f"{v:.{digits}f}" for v in values) + f" {unit}"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONWARNINGS"] = "ignore"
    return env


def _run(command: Sequence[str], cwd: Path | None = None) -> float:
    """Wall-clock seconds of one process (its output discarded; failure is fatal)."""
    start = time.perf_counter()
    done = subprocess.run(
        command, cwd=cwd, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):  # check exits 1 when a file has errors
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr.decode()}")
    return elapsed


def _alternate(
    runs: int, first: Callable[[], float], second: Callable[[], float]
) -> tuple[Timing, Timing]:
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):
        a.append(first())
        b.append(second())
    return Timing(a), Timing(b)


# --- data ---------------------------------------------------------------------------------


def _write_one(job: tuple[int, str]) -> None:
    i, folder = job
    sub = Path(folder) / f"county-{i // 500:03d}"
    sub.mkdir(parents=True, exist_ok=True)
    (sub / f"town-{i:05d}.yaml").write_text(township_text(i), encoding="utf-8")


def generate(folder: Path, count: int) -> Path:
    """``count`` township files in county sub-folders of ``folder``, written by 2 processes."""
    folder.mkdir(parents=True)
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(_write_one, [(i, str(folder)) for i in range(count)], chunksize=200)
    return folder


# --- (a) bulk render --------------------------------------------------------------------------


def _docxtpl_per_report(files: list[Path], out: Path) -> float:
    """docxtpl's own way, with everything reportkit computes given to it: seconds a report."""
    from docxtpl import DocxTemplate

    from reportkit.context import build_context
    from reportkit.loading import load
    from reportkit.rendering import default_template, make_environment

    template = default_template("2021")
    contexts = [build_context(load(path)[0]) for path in files]
    start = time.perf_counter()
    for i, context in enumerate(contexts):
        tpl = DocxTemplate(io.BytesIO(template))
        tpl.render(context, jinja_env=make_environment(), autoescape=True)
        tpl.save(str(out / f"docxtpl-{i}.docx"))
    return (time.perf_counter() - start) / len(contexts)


def _reportkit_bulk(folder: Path, out: Path, jobs: int) -> float:
    """reportkit's bulk render in this process (jobs=1) or over workers: seconds in all."""
    from reportkit import batch, rendering

    rendering._PREPARED.clear()  # each run prepares its templates itself, as a fresh process does
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    pairs = batch.plan_outputs(batch.collect([folder]), out)
    start = time.perf_counter()
    results = batch.render_files(pairs, jobs=jobs)
    elapsed = time.perf_counter() - start
    assert all(r.ok for r in results), [r.error for r in results if not r.ok][:3]
    return elapsed


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def _ideal_speedup(work: int = 20_000_000) -> float:
    """The floor of a 2-worker speedup on this machine now: the same pure-CPU work done by one
    process, then split over two (what other load on the machine leaves to the benchmark)."""
    pool_context = multiprocessing.get_context("fork")
    with pool_context.Pool(1) as pool:
        start = time.perf_counter()
        pool.map(_spin, [work])
        one = time.perf_counter() - start
    with pool_context.Pool(2) as pool:
        start = time.perf_counter()
        pool.map(_spin, [work // 2, work // 2], chunksize=1)
        two = time.perf_counter() - start
    return one / two


# --- the report ---------------------------------------------------------------------------


def _machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = ", ".join(
        f"{name} {importlib.metadata.version(name)}"
        for name in ("docxtpl", "pydantic", "PyYAML", "click", "Jinja2", "lxml")
    )
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{platform.platform()}; {cpu}; {os.cpu_count()} cores; Python "
        f"{platform.python_version()}; {versions}. Load average at start: {load}."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, help="write the Markdown report here")
    parser.add_argument("--quick", action="store_true", help="fewer files and runs")
    args = parser.parse_args()
    quick = args.quick
    n_render, n_docxtpl, n_check = (60, 10, 2000) if quick else (300, 30, 38_000)
    runs_small, runs_big = (3, 1) if quick else (15, 3)

    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    started = dt.datetime.now().astimezone()
    machine = _machine()
    rows: list[tuple[str, str, str, str, str, str]] = []
    notes: list[str] = []
    tmp = Path(tempfile.mkdtemp(prefix="reportkit-bench-"))
    try:
        render_in = generate(tmp / "render-in", n_render)
        print(f"(a) bulk render of {n_render} files …", file=sys.stderr)
        sample = sorted(render_in.rglob("*.yaml"))[:n_docxtpl]
        docxtpl = Timing([_docxtpl_per_report(sample, tmp) for _ in range(3)])
        one = Timing([_reportkit_bulk(render_in, tmp / "out1", 1) for _ in range(3)])
        two_runs, ideal_runs = [], []
        for _ in range(3):
            two_runs.append(_reportkit_bulk(render_in, tmp / "out2", 2))
            ideal_runs.append(_ideal_speedup())
        two, ideal = Timing(two_runs), Timing(ideal_runs)
        ratio = docxtpl.median / (one.median / n_render)
        rows.append(
            (
                "(a) bulk render, per report, 1 process",
                "≥ 3× docxtpl's rate",
                f"{one.show(per=n_render)} ({ratio:.1f}× docxtpl)",
                f"docxtpl: {docxtpl.show()}",
                f"`batch.render_files(jobs=1)` over {n_render} files vs fresh "
                f"`DocxTemplate(...).render(ctx)` + `save` for {n_docxtpl} of them",
                "min / median / max of 3 runs",
            )
        )
        speedup = one.median / two.median
        rows.append(
            (
                "(a) bulk render, 2 workers vs 1",
                "≥ 1.8×",
                f"{speedup:.2f}× ({two.show('s')} for {n_render} files)",
                f"1 worker: {one.show('s')}; pure-CPU work split over 2 processes: "
                f"{ideal.min:.2f} / {ideal.median:.2f} / {ideal.max:.2f}×",
                f"`batch.render_files(jobs=2)` vs `jobs=1`, {n_render} files",
                "min / median / max of 3 runs",
            )
        )
        cli1, cli2 = _alternate(
            3,
            lambda: _run(
                [REPORTKIT, "render", str(render_in), "-o", str(tmp / "cli"), "--force", "-j", "1"]
            ),
            lambda: _run(
                [REPORTKIT, "render", str(render_in), "-o", str(tmp / "cli"), "--force", "-j", "2"]
            ),
        )
        rows.append(
            (
                "(a) `reportkit render DIR` whole process, -j 2 vs -j 1",
                "(context)",
                f"{cli1.median / cli2.median:.2f}× ({cli2.show('s')})",
                f"-j 1: {cli1.show('s')}",
                f"`reportkit render <{n_render} files> -o OUT --force -j 2` vs `-j 1`",
                "min / median / max of 3 runs",
            )
        )
        shutil.rmtree(tmp / "cli", ignore_errors=True)
        shutil.rmtree(tmp / "out1", ignore_errors=True)
        shutil.rmtree(tmp / "out2", ignore_errors=True)

        # (c) one render, whole process, against the bare script.
        print("(c) one render, whole process …", file=sys.stderr)
        context_file = tmp / "context.json"
        subprocess.run(
            [PYTHON, str(ROOT / "bench" / "dump_context.py"), str(EXAMPLE), str(context_file)],
            check=True,
            env=_env(),
        )
        template = ROOT / "src" / "reportkit" / "templates" / "era-2021.docx"
        bare = [
            PYTHON,
            str(ROOT / "bench" / "bare_render.py"),
            str(EXAMPLE),
            str(context_file),
            str(template),
            str(tmp / "bare.docx"),
        ]
        ours = [REPORTKIT, "render", str(EXAMPLE), "-o", str(tmp / "ours.docx"), "--force"]
        mine, floor = _alternate(runs_small, lambda: _run(ours), lambda: _run(bare))
        rows.append(
            (
                "(c) `reportkit render` one example, whole process",
                "≤ 1.3× bare script",
                f"{mine.show()} ({mine.median / floor.median:.2f}× bare)",
                f"bare script: {floor.show()}",
                f"`{' '.join(['reportkit', *ours[1:3]])} -o ours.docx --force` vs "
                "`python bench/bare_render.py` (C loader + DocxTemplate.render + save)",
                f"min / median / max of {runs_small} alternating runs",
            )
        )

        # (d) --help.
        print("(d) --help …", file=sys.stderr)
        helps, clicks = _alternate(
            runs_small * 2,
            lambda: _run([REPORTKIT, "--help"]),
            lambda: _run([PYTHON, "-c", "import click"]),
        )
        bare_python = Timing([_run([PYTHON, "-c", "pass"]) for _ in range(runs_small)])
        rows.append(
            (
                "(d) `reportkit --help`",
                "≤ 70 ms",
                helps.show(),
                f"`python -c 'import click'`: {clicks.show()}; `python -c pass`: "
                f"{bare_python.show()}",
                "`reportkit --help`",
                f"min / median / max of {runs_small * 2} alternating runs",
            )
        )

        # (b) check of many files on 2 cores.
        print(f"(b) generating {n_check} files …", file=sys.stderr)
        check_in = generate(tmp / "check-in", n_check)
        print(f"(b) check of {n_check} files …", file=sys.stderr)
        check_out = tmp / "check.txt"

        def run_check() -> float:
            with check_out.open("wb") as out:
                start = time.perf_counter()
                subprocess.run(
                    [REPORTKIT, "check", str(check_in), "-j", "2"], stdout=out, env=_env()
                )
                return time.perf_counter() - start

        floor_cmd = [PYTHON, str(ROOT / "bench" / "bare_check.py"), str(check_in), "2"]
        checks, floors = _alternate(runs_big, run_check, lambda: _run(floor_cmd))
        last = check_out.read_text(encoding="utf-8").strip().splitlines()[-1]
        notes.append(f"`reportkit check` of the {n_check} files said: {last}")
        rows.append(
            (
                f"(b) `reportkit check` of {n_check:,} files, 2 processes",
                "≤ 75 s",
                checks.show("s"),
                f"bare C loader + pydantic, 2 processes: {floors.show('s')}",
                f"`reportkit check <{n_check} files> -j 2 > check.txt`",
                f"min / median / max of {runs_big} alternating runs",
            )
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    lines = [
        "# Benchmarks",
        "",
        "Generated by `make bench` (`python bench/bench.py -o docs/benchmarks.md`); do not edit.",
        "Each figure stands beside its floor, measured in the same run; timed commands ran as",
        "separate processes alternating with their floor. Figures are wall-clock seconds or",
        "milliseconds: min / median / max. The targets are issue 4's; what is written here is",
        "what was measured, whether or not it reaches them.",
        "",
        f"- Run: {started:%Y-%m-%d %H:%M %Z}{' (--quick)' if quick else ''}",
        f"- Machine: {machine}",
        "- Data: township files generated from `examples/2023-example-street.yaml` with varied"
        " figures that balance (`tests/townships.py`).",
        "",
        "| figure | target | reached | floor, same run | command | runs |",
        "|---|---|---|---|---|---|",
        *(f"| {' | '.join(row)} |" for row in rows),
        "",
        *(f"- {note}" for note in notes),
        "",
    ]
    text = "\n".join(lines)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        print(text)
    print(textwrap.indent(text, "  "), file=sys.stderr)


if __name__ == "__main__":
    main()
