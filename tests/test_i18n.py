"""Messages in the user's language: Chinese by default, English with --lang en or the locale."""

from __future__ import annotations

import gettext
import importlib.resources
import importlib.util
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from reportkit import i18n
from reportkit.cli import main
from reportkit.office import batch
from tests.conftest import MINIMAL_2007, ROOT

LOCALE_VARIABLES = ("REPORTKIT_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(autouse=True)
def restore_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever language a test switches to, the next one starts with the language it found."""
    monkeypatch.setattr(i18n, "_language", i18n._language)
    monkeypatch.setattr(i18n, "_translations", i18n._translations)


@pytest.fixture
def no_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """An environment that asks for no language at all."""
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def _messages_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("messages", ROOT / "tools" / "messages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the catalogue -------------------------------------------------------------------------


def test_catalogue_is_complete_and_current() -> None:
    """Every message in the code has an English translation, and none is left over."""
    assert _messages_tool().problems() == [], "run tools/messages.py update, then translate"


def test_translations_keep_every_placeholder() -> None:
    """An English message has exactly the {placeholders} of its Chinese original."""
    for chinese, english in _messages_tool().translations().items():
        names = sorted(re.findall(r"\{(\w+)\}", chinese))
        assert sorted(re.findall(r"\{(\w+)\}", english)) == names, chinese


def test_installed_catalogue_is_compiled_from_the_po_file() -> None:
    """The .mo the package reads holds what the .po says (reinstall after editing the .po)."""
    mo = importlib.resources.files("reportkit") / "locale" / "en" / "LC_MESSAGES" / "reportkit.mo"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for chinese, english in _messages_tool().translations().items():
        assert compiled.gettext(chinese) == english, "run pip install -e . to recompile"


# --- choosing the language -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("environment", "language"),
    [
        ({}, "zh"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "C.UTF-8"}, "zh"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"REPORTKIT_LANG": "zh", "LANG": "en_US.UTF-8"}, "zh"),
        ({"REPORTKIT_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),
    ],
)
def test_language_from_environment(
    no_locale: None, monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], language: str
) -> None:
    """REPORTKIT_LANG wins, then the usual locale variables; anything but English is Chinese."""
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert i18n.language_from_environment() == language


def test_unknown_language_is_refused() -> None:
    """set_language accepts only the languages there are catalogues for."""
    with pytest.raises(ValueError, match="fr"):
        i18n.set_language("fr")


# --- validate in English -------------------------------------------------------------------

# Each case: a replacement in MINIMAL_2007, and the exact line `validate --lang en` prints.
BAD = [
    pytest.param(
        ("  自称: 我镇", '  自称: "我镇'),
        "data.yaml:5:7: the file ends inside quotes or brackets; "
        "check that quotes and brackets are paired",
        id="yaml-syntax",
    ),
    pytest.param(
        ("条数: 1", "条数: -1"),
        "data.yaml:10:7: 主动公开.分类[1].条数: should not be negative (found -1) "
        "(1 identities that use it will be checked once it is corrected)",
        id="negative-count",
    ),
    pytest.param(
        ("  自称: 我镇", "  自陈: 我镇"),
        "data.yaml:5:3: 单位.自陈: unknown key “自陈”; did you mean “自称”?",
        id="unknown-key-suggested",
    ),
    pytest.param(
        ("  分类:\n", "  总数: 5\n  分类:\n"),
        "data.yaml:8:3: 主动公开.总数: the total of proactively disclosed items equals the sum "
        "over the categories does not hold: "
        "“主动公开.总数” is 5, the sum of “主动公开.分类[1].条数”, “主动公开.分类[2].条数” is 3, "
        "a difference of 2",
        id="total-differs",
    ),
    pytest.param(
        ("  收到申请: 0", "  收到申请:"),
        "data.yaml:14:3: 依申请公开.收到申请: not filled in",
        id="unfilled",
    ),
    pytest.param(
        (
            "  全称: 示例镇人民政府\n  简称: 示例镇\n  自称: 我镇\n  层级: 乡镇",
            "  全称：示例镇人民政府",
        ),
        "data.yaml:2:1: 单位: should be a group of fields (one “key: value” per line) "
        "(found '全称：示例镇人民政府') (was the colon “:” typed as the Chinese colon “：”?)",
        id="chinese-colon",
    ),
]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in a fresh folder, so messages name data.yaml as a clerk would type it."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _validate(text: str, *options: str) -> tuple[int, str]:
    """Exit code and output of `reportkit [options] validate data.yaml` on ``text``."""
    Path("data.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, [*options, "validate", "data.yaml"])
    return result.exit_code, result.output


@pytest.mark.parametrize(("replace", "expected"), BAD)
def test_validate_in_english(here: Path, replace: tuple[str, str], expected: str) -> None:
    """--lang en: the problem in English, the field still in the clerk's own (Chinese) keys."""
    old, new = replace
    assert old in MINIMAL_2007
    code, output = _validate(MINIMAL_2007.replace(old, new, 1), "--lang", "en")
    assert code == 1
    assert output.splitlines() == [expected, "data.yaml: 1 error(s), 0 warning(s)"]


def test_valid_file_in_english(here: Path) -> None:
    """A valid file's summary line is English too."""
    code, output = _validate(MINIMAL_2007, "--lang", "en")
    assert code == 0
    assert output == "data.yaml: valid (2007 format, report year 2017, 0 warning(s))\n"


def test_environment_asks_for_english(
    here: Path, no_locale: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """REPORTKIT_LANG=en (or an English locale) gives English without --lang."""
    text = MINIMAL_2007.replace("条数: 1", "条数: -1")
    monkeypatch.setenv("REPORTKIT_LANG", "en")
    assert "should not be negative (found -1)" in _validate(text)[1]
    monkeypatch.delenv("REPORTKIT_LANG")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert "should not be negative (found -1)" in _validate(text)[1]


def test_lang_option_overrides_the_environment(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--lang zh gives Chinese even when the environment asks for English."""
    monkeypatch.setenv("REPORTKIT_LANG", "en")
    code, output = _validate(MINIMAL_2007.replace("条数: 1", "条数: -1"), "--lang", "zh")
    assert code == 1
    assert output.splitlines() == [
        "data.yaml:10:7: 主动公开.分类[1].条数: 应为非负数（现为 -1）"
        "（用到此项的 1 项勾稽关系待改正后核对）",
        "data.yaml: 发现 1 处错误，0 个警告",
    ]


def test_chinese_by_default(here: Path, no_locale: None) -> None:
    """With no language asked for anywhere, messages are Chinese."""
    code, output = _validate(MINIMAL_2007.replace("  收到申请: 0", "  收到申请:"))
    assert code == 1
    assert output.splitlines() == [
        "data.yaml:14:3: 依申请公开.收到申请: 未填写",
        "data.yaml: 发现 1 处错误，0 个警告",
    ]


def test_lang_applies_to_errors_caught_by_the_cli(tmp_path: Path) -> None:
    """A ReportkitError raised inside a command (caught in one place) is English too."""
    result = CliRunner().invoke(main, ["--lang", "en", "validate", str(tmp_path / "nowhere.yaml")])
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'nowhere.yaml'}: file not found\n"


def test_check_table_in_english(tmp_path: Path) -> None:
    """`check` prints its table headings, statuses and summary in English."""
    (tmp_path / "good.yaml").write_text(MINIMAL_2007, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(MINIMAL_2007.replace("条数: 1", "条数: -1"), "utf-8")
    result = CliRunner().invoke(main, ["--lang", "en", "check", str(tmp_path), "-j", "1"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].split() == [
        *("File", "Unit", "Year", "Format", "Errors", "Warnings", "Status", "First", "warning")
    ]
    assert lines[2].endswith("has errors") and lines[3].endswith("passed")
    assert "Files with errors:" in lines
    assert lines[-1] == "2 file(s): 1 passed (0 with warnings), 1 with errors"


def test_worker_processes_speak_the_same_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers started afresh (spawn, as on Windows) still give English messages."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL_2007.replace("条数: 1", "条数: -1"), encoding="utf-8")
    monkeypatch.setattr(batch, "MIN_PARALLEL", 1)
    monkeypatch.setattr(batch, "_pool_context", lambda: multiprocessing.get_context("spawn"))
    i18n.set_language("en")
    results = batch.check_files([bad] * 4, jobs=2)
    assert {r.errors[0].message.partition(" (")[0] for r in results} == {"should not be negative"}


def test_real_process_in_english(tmp_path: Path) -> None:
    """The installed program: `--lang en render` of a missing file says so in English, exit 2."""
    exe = shutil.which("reportkit", path=str(Path(sys.executable).parent)) or "reportkit"
    result = subprocess.run(
        [exe, "--lang", "en", "render", "missing.yaml"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )
    assert result.returncode == 2
    assert result.stderr == "missing.yaml: file not found\n"
