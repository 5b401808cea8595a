"""Compiled templates kept on disk: a new process reads them instead of compiling; a stale,
broken or unsafe cache costs only the time of compiling."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import jinja2
import pytest

from reportkit import templatecache
from reportkit.context import build_context
from reportkit.loading import check_file
from reportkit.publish import html
from reportkit.rendering import make_environment
from tests.conftest import STREET_2023


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own, and the page's templates not yet compiled."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(templatecache.CACHE_VARIABLE, str(folder))
    html._templates.cache_clear()
    html._printed_layouts.cache_clear()
    yield folder / "templates"
    html._templates.cache_clear()
    html._printed_layouts.cache_clear()


def _page() -> str:
    checked = check_file(STREET_2023)
    assert checked.report is not None
    return html.render_html(checked.report, build_context(checked.report, checked.data))


def _not_compiled() -> mock._patch:
    """Jinja's compiler made to fail: what renders is read from the cache."""
    return mock.patch.object(
        jinja2.Environment, "_generate", side_effect=AssertionError("compiled again")
    )


def test_templates_compiled_once_are_read_back_and_render_the_same_page(cache: Path) -> None:
    fresh = _page()
    kept = sorted(cache.iterdir())
    assert len(kept) == 4  # the page, the article, the tables, the style it includes
    html._templates.cache_clear()
    html._printed_layouts.cache_clear()
    with _not_compiled():
        assert _page() == fresh
    assert sorted(cache.iterdir()) == kept


def test_a_new_process_reads_the_cache(cache: Path, tmp_path: Path) -> None:
    """`reportkit render --to html` in a second process compiles nothing."""
    out = tmp_path / "out"
    out.mkdir()
    arguments = ["render", str(STREET_2023), "--to", "html", "-o"]
    env = {**os.environ, templatecache.CACHE_VARIABLE: str(cache.parent)}
    first = "from reportkit.cli import main; main()"
    subprocess.run(
        [sys.executable, "-c", first, *arguments, str(out / "a.html")], env=env, check=True
    )
    kept = sorted(cache.iterdir())
    assert kept
    second = subprocess.run(
        [
            sys.executable,
            "-c",
            "import jinja2\n"
            "def refuse(*a, **k): raise SystemExit('compiled again')\n"
            "jinja2.Environment._generate = refuse\n"
            "from reportkit.cli import main; main()",
            *arguments,
            str(out / "b.html"),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    assert second.returncode == 0, second.stderr
    assert (out / "b.html").read_bytes() == (out / "a.html").read_bytes()
    assert sorted(cache.iterdir()) == kept


def test_a_changed_template_setting_or_sandbox_is_compiled_anew(cache: Path) -> None:
    environment = make_environment()
    source = "{{ a }}\n{% if a %}x{% endif %}\n"
    environment.from_string(source)
    assert len(list(cache.iterdir())) == 1
    environment.from_string(source + " ")  # another text
    assert len(list(cache.iterdir())) == 2
    environment.trim_blocks = True  # another setting: another code for the same text
    assert environment.from_string(source).render(a=1) == "1\nx"
    assert len(list(cache.iterdir())) == 3
    with mock.patch.object(templatecache, "_own_code", return_value=b"another sandbox"):
        environment.from_string(source)
    assert len(list(cache.iterdir())) == 4


def test_a_broken_cached_file_is_compiled_again_and_replaced(cache: Path) -> None:
    fresh = _page()
    for path in cache.iterdir():
        path.write_bytes(b"\xe3not code")
    html._templates.cache_clear()
    html._printed_layouts.cache_clear()
    assert _page() == fresh
    html._templates.cache_clear()
    html._printed_layouts.cache_clear()
    with _not_compiled():
        assert _page() == fresh  # what was broken was written anew


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_folder_others_can_write_into_is_not_used(cache: Path) -> None:
    """What is read from the cache is run: a folder another user could put a file in is
    left alone, and the page is still rendered."""
    cache.mkdir(parents=True)
    cache.chmod(0o777)
    templatecache._usable.cache_clear()
    try:
        fresh = _page()
        assert list(cache.iterdir()) == []
    finally:
        templatecache._usable.cache_clear()
    assert "<table" in fresh


@pytest.mark.parametrize("setting", ["off", "0", ""])
def test_the_cache_can_be_turned_off(setting: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(templatecache.CACHE_VARIABLE, setting)
    assert templatecache.cache_folder() is None
    environment = make_environment()
    assert environment.from_string("{{ a }}").render(a="<") == "&lt;"


def test_a_cache_that_cannot_be_made_costs_only_time(cache: Path) -> None:
    cache.parent.mkdir(parents=True)
    cache.write_text("a file where the folder would be", encoding="utf-8")
    templatecache._usable.cache_clear()
    try:
        assert "<table" in _page()
    finally:
        templatecache._usable.cache_clear()


def test_the_default_cache_is_the_users(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(templatecache.CACHE_VARIABLE)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path))
    folder = templatecache.cache_folder()
    assert folder is not None and folder.name == "templates"
    if sys.platform != "darwin":
        assert folder.is_relative_to(tmp_path)
