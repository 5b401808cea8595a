"""Writing output files safely: never over an existing file unless asked, always atomically."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from reportkit.errors import OutputError
from reportkit.i18n import _

__all__ = ["atomic_output", "check_target", "write_bytes_atomic", "write_text_atomic"]

_BINARY = getattr(os, "O_BINARY", 0)
"""No newline translation on Windows."""


def check_target(path: Path, *, force: bool, protect: tuple[Path, ...] = ()) -> None:
    """Refuse to write to ``path`` if it exists (without ``force``) or is one of ``protect``."""
    for guarded in protect:
        with contextlib.suppress(OSError):
            if path.resolve() == guarded.resolve():
                raise OutputError(
                    _("{path}: 输出文件不能是输入文件本身，请用 -o 指定另一个文件名").format(
                        path=path
                    )
                )
    if path.is_dir():
        raise OutputError(_("{path}: 这是一个文件夹，请给出输出文件名").format(path=path))
    if path.exists() and not force:
        raise OutputError(_("{path}: 文件已存在；如需覆盖，请加 --force").format(path=path))
    if not path.parent.exists():
        raise OutputError(_("{path}: 输出文件夹不存在").format(path=path.parent))


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """A binary file that appears at ``path`` only if the block completes without error.

    The data goes to a temporary file beside ``path`` and is renamed over it at the
    end, so an interrupted or failed write leaves any existing file untouched and
    no partial file behind.
    """
    # The name is chosen before the file is made, and the file is made inside the block that
    # removes it: a signal arriving at any moment (Ctrl-C, or the SIGTERM that stops a bulk
    # render's worker) leaves nothing behind. 64 random bits: a clash is not to be expected,
    # and if it happens the other file is left alone.
    name = os.path.join(path.parent, f".{path.name}.{secrets.token_hex(8)}.tmp")
    tmp: str | None = name  # what to remove on the way out
    try:
        try:
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o600)
        except FileExistsError:
            tmp = None
            raise
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(name, 0o644)
        os.replace(name, path)
    except BaseException:
        if tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        raise


def write_bytes_atomic(path: Path, data: bytes | Callable[[BinaryIO], None]) -> None:
    """Write ``data`` (bytes, or a function that writes to a binary file) atomically."""
    try:
        with atomic_output(path) as handle:
            if callable(data):
                data(handle)
            else:
                handle.write(data)
    except PermissionError:
        raise OutputError(
            _("{path}: 没有写入权限（文件是否正在 Word/WPS 中打开？）").format(path=path)
        ) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputError(
            _("{path}: 写入失败（{reason}），原有文件未被改动").format(path=path, reason=reason)
        ) from None


def write_text_atomic(path: Path, text: str) -> None:
    """Write UTF-8 ``text`` atomically."""
    write_bytes_atomic(path, text.encode("utf-8"))
