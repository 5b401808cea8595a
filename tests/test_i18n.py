"""Messages in the user's language: Chinese by default, English with --lang en or the locale."""

from __future__ import annotations

import datetime as dt
import gettext
import importlib.resources
import importlib.util
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Annotated, Any, Literal

import click
import pytest
from click.testing import CliRunner
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    FutureDate,
    PastDate,
    Strict,
    TypeAdapter,
    ValidationError,
)

from reportkit import i18n, loading
from reportkit.cli import main
from reportkit.eras import all_eras
from reportkit.eras.model import Count, UnitLevel
from reportkit.office import batch
from tests.conftest import MINIMAL_2007, ROOT

LOCALE_VARIABLES = ("REPORTKIT_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(autouse=True)
def restore_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever language a test switches to, the next one starts with the language it found."""
    monkeypatch.setattr(i18n, "_language", i18n._language)
    monkeypatch.setattr(i18n, "_translations", i18n._translations)
    monkeypatch.setattr(i18n, "_library", i18n._library)


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


def test_click_translations_use_only_the_placeholders_click_fills() -> None:
    """A Chinese click message uses only {placeholders} click passes (singular or plural)."""
    for english, chinese in _messages_tool().library_translations().items():
        ids = (english,) if isinstance(english, str) else english
        given = {name for text in ids for name in re.findall(r"\{(\w+)[^}]*\}", text)}
        assert set(re.findall(r"\{(\w+)[^}]*\}", chinese)) <= given, english
        assert re.findall(r"%\((\w+)\)s", chinese) == re.findall(r"%\((\w+)\)s", ids[0])


def test_installed_click_catalogue_is_compiled_from_the_po_file() -> None:
    """The Chinese click catalogue the package reads holds what click.po says."""
    mo = importlib.resources.files("reportkit") / "locale" / "zh" / "LC_MESSAGES" / "click.mo"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for english, chinese in _messages_tool().library_translations().items():
        if isinstance(english, str):
            assert compiled.gettext(english) == chinese, "run pip install -e . to recompile"
        else:
            assert compiled.ngettext(*english, 2) == chinese, "run pip install -e . to recompile"


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


# --- pydantic's errors in the user's words -------------------------------------------------


class _Group(BaseModel):
    """A group of fields as the models declare them (unknown keys refused)."""

    model_config = ConfigDict(extra="forbid")
    count: int = Field(alias="条数")


class _Attributes(_Group):
    """A group that could also be read from an object's attributes."""

    model_config = ConfigDict(from_attributes=True)


# Each error kind our fields can raise: a type that raises it, the input, and whether the input
# is JSON (date_parsing is raised only when a date is read strictly from text).
TRIGGERS: dict[str, tuple[Any, object, bool]] = {
    "int_type": (int, [1], False),
    "int_parsing": (int, "很多", False),
    "int_parsing_size": (int, "9" * 5000, False),
    "int_from_float": (int, 2.5, False),
    "float_type": (float, [1], False),
    "float_parsing": (float, "很多", False),
    "finite_number": (Decimal, float("nan"), False),
    "decimal_type": (Decimal, [1], False),
    "decimal_parsing": (Decimal, "十二万", False),
    "decimal_max_places": (Annotated[Decimal, Field(decimal_places=2)], Decimal("1.234"), False),
    "decimal_max_digits": (Annotated[Decimal, Field(max_digits=3)], Decimal("1234"), False),
    "decimal_whole_digits": (
        Annotated[Decimal, Field(max_digits=4, decimal_places=2)],
        Decimal("123.4"),
        False,
    ),
    "greater_than": (Annotated[int, Field(gt=0)], 0, False),
    "greater_than_equal": (Annotated[int, Field(ge=2008)], 2007, False),
    "less_than": (Annotated[int, Field(lt=3)], 3, False),
    "less_than_equal": (Annotated[int, Field(le=2)], 5, False),
    "multiple_of": (Annotated[int, Field(multiple_of=5)], 3, False),
    "string_type": (str, 3, False),
    "string_unicode": (str, b"\xff", False),
    "string_too_short": (Annotated[str, Field(min_length=1)], "", False),
    "string_too_long": (Annotated[str, Field(max_length=3)], "一二三四", False),
    "string_pattern_mismatch": (Annotated[str, Field(pattern=r"^\d+$")], "一", False),
    "date_type": (dt.date, [1], False),
    "date_parsing": (Annotated[dt.date, Strict()], '"2018-02-30"', True),
    "date_from_datetime_parsing": (dt.date, "明天", False),
    "date_from_datetime_inexact": (dt.date, "2018-01-20 10:00", False),
    "date_past": (PastDate, dt.date(2999, 1, 1), False),
    "date_future": (FutureDate, dt.date(2000, 1, 1), False),
    "bool_type": (bool, [1], False),
    "bool_parsing": (bool, "也许", False),
    "model_type": (_Group, 3, False),
    "model_attributes_type": (_Attributes, 3, False),
    "dict_type": (dict[str, int], 3, False),
    "tuple_type": (tuple[int, ...], 3, False),
    "list_type": (list[int], 3, False),
    "too_short": (Annotated[list[int], Field(min_length=1)], [], False),
    "too_long": (Annotated[list[int], Field(max_length=1)], [1, 2], False),
    "none_required": (None, 3, False),
    "enum": (UnitLevel, "镇", False),
    "literal_error": (Literal["县级部门", "其他"], "镇", False),
    "value_error": (Count, True, False),
    "missing": (_Group, {}, False),
    "extra_forbidden": (_Group, {"条数": 1, "件数": 2}, False),
}

# What each kind of core schema in our models can raise, and each constraint on it.
SCHEMA_KINDS: dict[str, set[str]] = {
    "int": {"int_type", "int_parsing", "int_parsing_size", "int_from_float", "finite_number"},
    "float": {"float_type", "float_parsing", "finite_number"},
    "decimal": {"decimal_type", "decimal_parsing", "finite_number"},
    "str": {"string_type", "string_unicode"},
    "date": {
        "date_type",
        "date_parsing",
        "date_from_datetime_parsing",
        "date_from_datetime_inexact",
    },
    "bool": {"bool_type", "bool_parsing"},
    "enum": {"enum"},
    "literal": {"literal_error"},
    "tuple": {"tuple_type"},
    "list": {"list_type"},
    "dict": {"dict_type"},
    "model": {"model_type", "model_attributes_type"},
    "model-fields": {"missing", "extra_forbidden", "model_attributes_type"},
    "function-before": {"value_error"},
    "function-after": {"value_error"},
    "none": {"none_required"},
}
# Wrappers that raise nothing of their own.
for _wrapper in ("default", "nullable", "definitions", "definition-ref", "model-field", "no-info"):
    SCHEMA_KINDS[_wrapper] = set()
CONSTRAINT_KINDS: dict[str, set[str]] = {
    "gt": {"greater_than"},
    "ge": {"greater_than_equal"},
    "lt": {"less_than"},
    "le": {"less_than_equal"},
    "multiple_of": {"multiple_of"},
    "decimal_places": {"decimal_max_places", "decimal_whole_digits"},
    "max_digits": {"decimal_max_digits", "decimal_whole_digits"},
}
LENGTH_KINDS = {
    ("str", "min_length"): "string_too_short",
    ("str", "max_length"): "string_too_long",
    ("str", "pattern"): "string_pattern_mismatch",
}


def _kinds_in(schema: object, found: set[str], unknown: set[str]) -> None:
    if isinstance(schema, list):
        for item in schema:
            _kinds_in(item, found, unknown)
        return
    if not isinstance(schema, dict):
        return
    kind = schema.get("type")
    if isinstance(kind, str) and kind in SCHEMA_KINDS:
        found |= SCHEMA_KINDS[kind]
        for key in schema:
            found |= CONSTRAINT_KINDS.get(key, set())
            if (kind, key) in LENGTH_KINDS:
                found.add(LENGTH_KINDS[kind, key])
            elif key in ("min_length", "max_length"):
                found.add("too_short" if key == "min_length" else "too_long")
    elif isinstance(kind, str):
        unknown.add(kind)
    for value in schema.values():
        _kinds_in(value, found, unknown)


def _error(kind: str) -> dict[str, Any]:
    annotation, value, is_json = TRIGGERS[kind]
    adapter: TypeAdapter[Any] = TypeAdapter(annotation)
    with pytest.raises(ValidationError) as caught:
        if is_json:
            adapter.validate_json(str(value))
        else:
            adapter.validate_python(value)
    errors = [e for e in caught.value.errors() if e["type"] == kind]
    assert errors, f"{kind} not raised: {caught.value.errors()}"
    return dict(errors[0])


def _message(kind: str) -> str:
    """What the clerk reads for the error, without the value found (the clerk's own)."""
    problem = loading._translate(_error(kind), _Group, "data.yaml")
    return re.split(r"（现为 | \(found ", problem.message)[0]


def test_every_error_our_models_can_raise_is_in_the_table() -> None:
    """Each kind of error the eras' models can raise has a trigger below (so it is tested)."""
    found: set[str] = set()
    unknown: set[str] = set()
    for era in all_eras():
        _kinds_in(era.model.__pydantic_core_schema__, found, unknown)
    assert not unknown, "new field types: add the errors they raise to SCHEMA_KINDS"
    assert found <= set(TRIGGERS), sorted(found - set(TRIGGERS))


@pytest.mark.parametrize("kind", sorted(TRIGGERS))
def test_pydantic_error_in_chinese(kind: str) -> None:
    """No word of pydantic's English reaches a Chinese message, whatever the error."""
    message = _message(kind)
    assert message
    assert not re.search(r"[A-Za-z]", message), message


@pytest.mark.parametrize("kind", sorted(TRIGGERS))
def test_pydantic_error_in_english(kind: str) -> None:
    """With --lang en the same error is English (the user's own choices stay as typed)."""
    i18n.set_language("en")
    message = _message(kind)
    assert re.search(r"[A-Za-z]{3}", message), message
    assert not re.search(r"[\u4e00-\u9fff]", re.sub(r"“[^”]*”", "", message)), message


def test_unforeseen_error_is_not_english() -> None:
    """An error kind no field of ours raises today is still said in Chinese."""
    error = {"type": "url_parsing", "loc": ("网址",), "msg": "Input should be a valid URL"}
    assert loading._translate({**error, "input": "某处"}, _Group, "d").message == (
        "值的类型或格式不对（现为 '某处'）"
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "zh",
            "data.yaml:6:3: 单位.层级: 应为“省级人民政府”、“市级人民政府”、“县级人民政府”、“乡镇”、"
            "“街道”、“省级部门”、“市级部门”、“县级部门”或“其他”之一（现为 '村'）",
        ),
        (
            "en",
            "data.yaml:6:3: 单位.层级: should be one of “省级人民政府”, “市级人民政府”, "
            "“县级人民政府”, “乡镇”, “街道”, “省级部门”, “市级部门”, “县级部门” or “其他” (found '村')",
        ),
    ],
)
def test_choices_in_the_users_words(here: Path, language: str, expected: str) -> None:
    """A value outside its choices names them quoted as the clerk types them, joined in words."""
    code, output = _validate(MINIMAL_2007.replace("层级: 乡镇", "层级: 村"), "--lang", language)
    assert code == 1
    assert output.splitlines()[0] == expected


# --- click's own words and the help follow --lang ------------------------------------------


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), prog_name="reportkit")
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["validate", "--nope"],
            [
                "用法： reportkit validate [OPTIONS] FILES...",
                "运行“reportkit validate --help”查看帮助。",
                "",
                "错误：没有选项 '--nope'。",
            ],
        ),
        (
            ["--lang", "en", "validate", "--nope"],
            [
                "Usage: reportkit validate [OPTIONS] FILES...",
                "Try 'reportkit validate --help' for help.",
                "",
                "Error: No such option '--nope'.",
            ],
        ),
        (["validate"], ["错误：缺少参数 'FILES...'."]),
        (["--lang=en", "validate"], ["Error: Missing argument 'FILES...'."]),
        (["--nope", "--lang", "en"], ["Error: No such option '--nope'."]),  # before --lang
        (["check", "--format", "xml", "x"], ["错误：'--format' 的值无效：'xml' 不在可选值之中："]),
        (["--lang", "en", "new", "--year", "abc"], ["Error: Invalid value for '--year': 'abc'"]),
        (["check-template", "."], ["错误：'TEMPLATE' 的值无效：文件 '.' 是文件夹。"]),
        (
            ["--lang", "en", "check-template", "."],
            ["Error: Invalid value for 'TEMPLATE': File '.' is a directory."],
        ),
    ],
)
def test_usage_errors_follow_lang(args: list[str], expected: list[str]) -> None:
    """click's usage errors (Usage:, Try … for help, No such option, Missing argument,
    Invalid value) are Chinese, or English with --lang en, whatever the order of options."""
    code, output = _run(*args)
    assert code == 2
    lines = output.splitlines()
    if len(expected) > 1:
        assert lines == expected
    else:
        assert lines[-1].startswith(expected[0]), lines[-1]


@pytest.mark.parametrize(
    "args",
    [
        ["schema", "-o", "{f}/sub/x.json"],
        ["new", "--year", "2023", "-o", "{f}/x.yaml"],
        ["pack", "--year", "2023", "-o", "{f}/x.zip"],
        ["aggregate", "{examples}", "-o", "{f}/x.yaml"],
        ["import", "{examples}/2017-shuanglong.yaml", "-o", "{f}/x.yaml"],
        ["render", "{examples}", "-o", "{f}/sub"],
    ],
    ids=lambda args: args[0],
)
@pytest.mark.parametrize(
    ("language", "expected"), [("zh", "这不是文件夹"), ("en", "this is not a folder")]
)
def test_an_output_folder_under_a_file_is_said_in_one_language(
    tmp_path: Path, args: list[str], language: str, expected: str
) -> None:
    """-o through a path where a file stands instead of a folder: every command says so wholly
    in the run's language (schema and render once said "无法访问（Not a directory）")."""
    blocker = tmp_path / "f"
    blocker.write_text("", encoding="utf-8")
    filled = [a.format(f=blocker, examples=ROOT / "examples") for a in args]
    result = CliRunner().invoke(main, ["--lang", language, *filled])
    assert result.exit_code == 1
    assert f"{blocker}: {expected}" in result.output.splitlines(), result.output
    assert sorted(tmp_path.iterdir()) == [blocker]


def test_usage_error_follows_the_environment(
    no_locale: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no --lang, REPORTKIT_LANG (or the locale) decides the language of a usage error."""
    monkeypatch.setenv("REPORTKIT_LANG", "en")
    assert _run("validate", "--nope")[1].splitlines()[-1] == "Error: No such option '--nope'."
    monkeypatch.setenv("REPORTKIT_LANG", "zh")
    assert _run("validate", "--nope")[1].splitlines()[-1] == "错误：没有选项 '--nope'。"


def test_help_in_chinese() -> None:
    """`validate --help`: click's headings and the help of the command and its options, in Chinese."""
    code, output = _run("validate", "--help")
    assert code == 0
    assert output.startswith("用法： reportkit validate [OPTIONS] FILES...\n")
    assert "校验数据文件，列出每一处问题" in output
    assert "\n选项:\n" in output
    assert "草稿：未填写的项目只给出警告。" in output
    assert "显示此帮助并退出。" in output
    assert not re.search(r"Usage|Options|Show this", output)


def test_help_in_english() -> None:
    """`--lang en validate --help`: the same help, wholly in English."""
    code, output = _run("--lang", "en", "validate", "--help")
    assert code == 0
    assert output.startswith("Usage: reportkit validate [OPTIONS] FILES...\n")
    assert "Check data files and list every problem" in output
    assert "\nOptions:\n" in output
    flowing = " ".join(output.split())  # click wraps option help to the terminal's width
    assert "Draft: items not filled in are only warned about." in flowing
    assert "Show this message and exit." in flowing
    # Chinese only in quoted data-file keys: none in the words of the help.
    assert not re.search(r"[\u4e00-\u9fff]", re.sub(r"“[^”]*”", "", output)), output


@pytest.mark.parametrize("name", ["", *sorted(main.commands)])
def test_every_help_text_has_english(name: str) -> None:
    """Each command's docstring and each option's help has an English translation."""
    i18n.set_language("en")
    command = main.commands[name] if name else main
    context = click.Context(command, info_name=name or "reportkit")
    texts = [command.help or ""] + [
        record[1] for p in command.get_params(context) if (record := p.get_help_record(context))
    ]
    for text in texts:
        words = re.sub(r"“[^”]*”|【[^】]*】|reportkit .*|<[^>]*>", "", text)
        assert not re.search(r"[\u4e00-\u9fff]", words), text
