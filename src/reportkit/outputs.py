"""Writing output files safely: never over an existing file unless asked, always atomically."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from reportkit.errors import OutputError
from reportkit.i18n import _

__all__ = ["atomic_output", "check_target", "write_bytes_atomic", "write_text_atomic"]


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
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
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
