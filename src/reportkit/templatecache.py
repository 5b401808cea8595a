"""Compiled templates kept on disk, so that a new process need not compile them again.

Compiling the HTML page's templates takes a process about a tenth of a second, as long as
rendering thirty reports: each worker of a bulk render, and each ``reportkit render`` of one
file, would pay it. The compiled code is kept in the user's cache folder, one file per
template, named by a hash of everything its code depends on: the template's text and name,
the environment's settings, the code of the environment's class (:mod:`reportkit.rendering`'s
sandbox rewrites every template it compiles), and reportkit's, Jinja's and Python's
versions. A changed template or setting is a new name: a stale file is never read.

The cache only ever saves time. A file that cannot be read, written or understood is
compiled afresh; a folder another user could write into is not used at all (what is read
from it is run as code); ``REPORTKIT_CACHE=off`` turns the cache off, and
``REPORTKIT_CACHE=/some/folder`` puts it elsewhere.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import marshal
import os
import secrets
import sys
from collections.abc import Callable
from pathlib import Path
from types import CodeType
from typing import Any

__all__ = ["CACHE_VARIABLE", "cache_folder", "cached_compile"]

CACHE_VARIABLE = "REPORTKIT_CACHE"
"""Where compiled templates are kept (a folder), or ``off``; by default the user's cache."""

_OFF = frozenset({"", "0", "off", "no", "false"})

_SETTINGS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "is_async",
)
"""The settings of a Jinja environment that change the code a template compiles to."""


def _default_folder() -> Path:
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "reportkit" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "reportkit"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "reportkit"


def cache_folder() -> Path | None:
    """The folder compiled templates are kept in, or None when the cache is off."""
    setting = os.environ.get(CACHE_VARIABLE)
    if setting is not None:
        return None if setting.strip().lower() in _OFF else Path(setting) / "templates"
    try:
        return _default_folder() / "templates"
    except RuntimeError:  # no home folder to be found
        return None


@functools.cache
def _usable(folder: Path) -> bool:
    """Whether ``folder`` is there (made if need be) and only this user can write into it."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name != "posix":  # a Windows profile's folders are the user's own
            return folder.is_dir()
        info = folder.stat()
        return folder.is_dir() and info.st_uid == os.getuid() and not info.st_mode & 0o022
    except (OSError, RuntimeError):
        return False


@functools.cache
def _own_code(module: str) -> bytes:
    """What compiling depends on besides the environment's settings: reportkit's version and
    the text of ``module``, where the environment's class is (reportkit's sandbox rewrites
    each template it compiles)."""
    from reportkit._version import __version__

    digest = hashlib.sha256(__version__.encode())
    with contextlib.suppress(OSError, TypeError, AttributeError):
        digest.update(Path(sys.modules[module].__file__ or "").read_bytes())
    return digest.digest()


def _key(environment: Any, source: str, name: str | None, filename: str | None) -> str:
    import jinja2

    settings = [repr(getattr(environment, setting, None)) for setting in _SETTINGS]
    settings += [
        repr(bool(environment.autoescape)) if not callable(environment.autoescape) else "?",
        type(environment).__module__ + "." + type(environment).__qualname__,
        environment.code_generator_class.__qualname__,
        ",".join(sorted(environment.extensions)),
        repr(environment.finalize is not None),
        jinja2.__version__,
        sys.implementation.cache_tag or sys.version,
        importlib.util.MAGIC_NUMBER.hex(),  # the form of compiled code
        repr(name),
        repr(filename),
    ]
    digest = hashlib.sha256(_own_code(type(environment).__module__))
    digest.update("\0".join(settings).encode())
    digest.update(b"\0")
    digest.update(source.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _load(path: Path) -> CodeType | None:
    try:
        code = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return code if isinstance(code, CodeType) else None


def _store(path: Path, code: CodeType) -> None:
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    try:
        with open(tmp, "xb") as handle:
            handle.write(marshal.dumps(code))
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def cached_compile(
    environment: Any,
    source: str,
    name: str | None,
    filename: str | None,
    compile_: Callable[[], CodeType],
) -> CodeType:
    """The code of ``source`` as ``environment`` compiles it (``compile_``): read from the
    cache when it is there, else compiled and kept for the next process."""
    folder = cache_folder()
    if folder is None or not _usable(folder):
        return compile_()
    key = _key(environment, source, name, filename)
    path = folder / f"{key}.code"
    code = _load(path)
    if code is None:
        code = compile_()
        _store(path, code)
    return code
