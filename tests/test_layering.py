"""Imports point one way: cli → office → core → eras → pure helpers; only the era in use loads."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from reportkit.eras import era_names
from tests.conftest import ROOT, SHUANGLONG

PACKAGE = ROOT / "src" / "reportkit"

LAYERS: dict[str, int] = {
    # Pure helpers: no era, no file format beyond their own, no output.
    "reportkit._version": 0,
    "reportkit.errors": 0,
    "reportkit.i18n": 0,
    "reportkit.computations": 0,
    "reportkit.phrases": 0,
    "reportkit.datapath": 0,
    "reportkit.outline": 0,
    "reportkit.identities": 0,
    "reportkit.yamlfile": 0,
    "reportkit.outputs": 0,
    "reportkit.codes": 0,
    "reportkit.characters": 0,
    # What each era is.
    "reportkit.eras": 1,
    # The core: file → checked report → context → document.
    "reportkit.normalise": 2,
    "reportkit.loading": 2,
    "reportkit.checks": 2,
    "reportkit.prose": 2,
    "reportkit.context": 2,
    "reportkit.rendering": 2,
    "reportkit.sandbox": 2,  # the Jinja environment of .docx templates and web pages alike
    "reportkit.publish": 2,  # the output formats beside rendering: docx, html, pdf
    "reportkit.schemas": 2,
    "reportkit.provenance": 2,
    "reportkit.scaffold": 2,
    "reportkit.yearonyear": 2,
    "reportkit.importing": 2,
    # The upper-level office's commands.
    "reportkit.office": 3,
    # The interfaces: the command line and what it shows, and the public API.
    "reportkit.console": 4,
    "reportkit.cli": 4,
    "reportkit": 4,
}
"""Each module's layer (a package's modules share its layer); a module imports only from its
own layer and those below."""

PACKAGES = ("reportkit.eras", "reportkit.office", "reportkit.publish", "reportkit.importing")
"""Packages whose modules all sit in the package's layer."""

ERA_MODULES = {
    "reportkit.eras.art32",
    "reportkit.eras.art50",
    "reportkit.eras.era2019",
    "reportkit.eras.era2021",
}
"""The modules of particular eras: only the registry (and other era modules) import them."""


def _layer(module: str) -> int:
    if module in LAYERS:
        return LAYERS[module]
    package = next((p for p in PACKAGES if module.startswith(p + ".")), None)
    if package is None:
        raise AssertionError(f"{module} has no layer: add it to LAYERS")
    return LAYERS[package]


def _module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported(source: str) -> set[str]:
    """Every reportkit module a source imports, at the top or inside a function (the package
    root itself aside: every submodule runs it, and it loads nothing until asked)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level:
            found.add(f"relative import {'.' * node.level}{node.module or ''}")
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if _is_module(full) else node.module)
    return {
        name
        for name in found
        if name.startswith("relative import") or name.startswith("reportkit.")
    }


def _violations(module: str, source: str) -> list[str]:
    """The imports of ``module`` that point upwards (to a higher layer)."""
    own = _layer(module)
    return [
        name
        for name in sorted(_imported(source))
        if name.startswith("relative import") or _layer(name) > own
    ]


def _is_module(name: str) -> bool:
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


@pytest.mark.parametrize(
    "path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_imports_point_down_the_layers(path: Path) -> None:
    """No module imports from a layer above its own (the core never imports office or cli)."""
    module = _module_name(path)
    assert _violations(module, path.read_text(encoding="utf-8")) == []


def test_the_layering_check_catches_a_core_module_importing_an_office_command() -> None:
    """The check above fails when a core module imports pack (or any office command)."""
    source = (PACKAGE / "loading.py").read_text(encoding="utf-8")
    assert _violations("reportkit.loading", source) == []
    broken = source + "\nfrom reportkit.office import pack\n"
    assert _violations("reportkit.loading", broken) == ["reportkit.office.pack"]
    lazily = source + "\ndef f():\n    import reportkit.office.pack\n"
    assert _violations("reportkit.loading", lazily) == ["reportkit.office.pack"]


def test_every_module_has_a_layer() -> None:
    """A new module is placed in a layer before it can be imported (the check itself refuses a
    module it does not know, and a relative import)."""
    for path in PACKAGE.rglob("*.py"):
        _layer(_module_name(path))
    with pytest.raises(AssertionError, match="has no layer"):
        _layer("reportkit.brand_new_module")
    assert _violations("reportkit.checks", "from . import loading\n") == ["relative import ."]


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(PACKAGE.rglob("*.py")) if "eras" not in p.relative_to(PACKAGE).parts],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_no_module_outside_eras_imports_a_particular_era(path: Path) -> None:
    """What differs between eras is asked of the Era record: outside eras/ no module imports
    the module of a particular era (only the registry loads them, when asked)."""
    assert _imported(path.read_text(encoding="utf-8")) & ERA_MODULES == set()


def _modules_after(code: str) -> set[str]:
    script = f"{code}\nimport sys\nsys.stderr.write('\\n'.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr  # a snippet that failed proves nothing
    return set(result.stderr.split())


@pytest.mark.parametrize(
    "module",
    [
        "reportkit",
        "reportkit.loading",
        "reportkit.context",
        "reportkit.identities",
        "reportkit.scaffold",
        "reportkit.schemas",
        "reportkit.office.batch",
        "reportkit.office.summary",
        "reportkit.office.workbook",
        "reportkit.office.pack",
    ],
)
def test_library_imports_neither_click_nor_docxtpl(module: str) -> None:
    """Importing the core or the office leaves click and docxtpl (and the CLI) unloaded."""
    loaded = _modules_after(f"import {module}")
    assert "click" not in loaded
    assert "docxtpl" not in loaded
    assert "reportkit.cli" not in loaded


def test_cli_help_does_not_load_the_heavy_parts() -> None:
    """`reportkit --help` loads neither docxtpl, pydantic nor babel, and no era."""
    loaded = _modules_after(
        "from reportkit.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass"
    )
    assert {"docxtpl", "pydantic", "babel"}.isdisjoint(loaded)
    assert {m for m in loaded if m.startswith("reportkit.eras.")} == set()


@pytest.mark.parametrize(
    "source",
    [str(SHUANGLONG), str(ROOT / "examples")],
    ids=["one file", "a folder"],
)
def test_web_pages_alone_load_nothing_of_docx(source: str, tmp_path: Path) -> None:
    """`render --to html` (a file, or a folder in bulk) renders in the sandbox without
    loading python-docx or docxtpl, which a .docx needs: a tenth of a second a process."""
    output = tmp_path / ("page.html" if source.endswith(".yaml") else "pages")
    if not source.endswith(".yaml"):
        output.mkdir()
    args = ["render", source, "--to", "html", "-o", str(output), "-j", "1"]
    loaded = _modules_after(
        "from reportkit.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit as exc:\n    assert not exc.code, exc.code"
    )
    assert "reportkit.sandbox" in loaded and "reportkit.publish.html" in loaded
    assert {"docx", "docxtpl", "reportkit.rendering"}.isdisjoint(loaded)


@pytest.mark.parametrize(
    "args",
    [
        ["validate", str(SHUANGLONG)],
        ["render", str(SHUANGLONG), "-o", "{tmp}/out.docx"],
        ["new", "--year", "2017", "-o", "{tmp}/2017.yaml"],
        ["new", "--year", "2018", "--from", str(SHUANGLONG), "-o", "{tmp}/2018.yaml"],
        ["pack", "--era", "2007", "-o", "{tmp}/pack.zip"],
        ["check", str(SHUANGLONG)],
    ],
    ids=["validate", "render", "new", "new-from", "pack", "check"],
)
def test_a_2007_file_loads_only_the_2007_era(args: list[str], tmp_path: Path) -> None:
    """Working on a 2007-era file imports no module of the Art. 50 eras."""
    args = [a.format(tmp=tmp_path) for a in args]
    loaded = _modules_after(
        "from reportkit.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit as exc:\n    assert not exc.code, exc.code"
    )
    eras = {m for m in loaded if m.startswith("reportkit.eras.")}
    assert "reportkit.eras.art32" in eras
    assert eras.isdisjoint(
        {"reportkit.eras.art50", "reportkit.eras.era2019", "reportkit.eras.era2021"}
    )


@pytest.mark.parametrize(("package", "owner"), [("click", "cli.py"), ("docxtpl", "rendering.py")])
def test_one_module_imports_each_interface_library(package: str, owner: str) -> None:
    """click is imported only by cli.py, docxtpl only by rendering.py."""
    importers = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(n.split(".")[0] == package for n in names):
                importers.add(path.name)
    assert importers == {owner}


def _strings(source: str) -> set[str]:
    """The string constants of a source, docstrings aside."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if id(node) not in docstrings
    }


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(PACKAGE.rglob("*.py")) if "eras" not in p.relative_to(PACKAGE).parts],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_no_era_is_named_outside_eras(path: Path) -> None:
    """Outside eras/ no code names an era ("2007", "2019", "2021"): what differs between eras
    is asked of the Era record, never decided by comparing an era's name."""
    assert _strings(path.read_text(encoding="utf-8")) & set(era_names()) == set()
