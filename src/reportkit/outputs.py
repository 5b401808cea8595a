"""Writing output files safely: the one path by which reportkit writes a file.

Every command that writes (render, new, schema, aggregate, pack) comes here. An output
is written whole to a temporary file beside its target, then moved in:

* **never over a file without ``force``, even one that appeared meanwhile.** The target
  is checked before any work (:func:`check_target`), and the final step refuses
  atomically if the target exists by then: the temporary file is hard-linked to the
  final name (``link`` fails if the name exists; where a file system has no hard links,
  the name is claimed with ``O_CREAT | O_EXCL`` first). Two renders to one new output:
  exactly one succeeds, the other says so.
* **outputs that belong together are committed together** (:class:`OutputGroup`): all
  are written to temporary files first and moved in only when all are written. A
  failure (disk full, Ctrl-C) leaves every earlier file as it was and no temporary file.
* **files get the mode the user's umask gives** a new file (the temporary file is created
  with 0666, which the system reduces by the umask; not 0600 as ``tempfile.mkstemp`` gives).
* **a file is on the disk before it has its name** (``fsync``), so that a crash or a power
  cut never leaves an empty file under it. A bulk render defers this
  (``output_group(deferred=True)``) and syncs the files of several reports at once
  (:func:`commit_groups`): the system then writes them in one go, not one at a time.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportkit.errors import OutputError, UsageError, os_reason
from reportkit.i18n import _

__all__ = [
    "OutputGroup",
    "check_suffix",
    "check_target",
    "commit_groups",
    "make_folder",
    "output_group",
    "write_bytes_atomic",
    "write_text_atomic",
]

Data = bytes | Callable[[BinaryIO], None]
"""What to write: bytes, or a function that writes to a binary file."""


def make_folder(folder: Path) -> None:
    """Create an output folder (``-o 报告/``) and the folders above it that are missing;
    OutputError saying which part of the path is a file, or why the system refused."""
    if folder.is_dir():
        return
    for above in (folder, *folder.parents):
        if os.path.lexists(above) and not above.is_dir():
            raise OutputError(_("{path}: 这不是文件夹").format(path=above))
        if above.is_dir():
            break
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            _("{path}: 无法创建文件夹（{reason}）").format(path=folder, reason=os_reason(exc))
        ) from None


def check_suffix(path: Path, suffixes: Iterable[str]) -> None:
    """UsageError unless ``path`` ends with one of ``suffixes`` (``.docx``; ``.yaml``/``.yml``)."""
    allowed = tuple(suffixes)
    if path.suffix.lower() not in allowed:
        raise UsageError(
            _("{path}: 输出文件应以 {suffix} 结尾").format(path=path, suffix=" / ".join(allowed))
        )


_BINARY = getattr(os, "O_BINARY", 0)
"""No newline translation on Windows."""


_NAME_MAX = 255
"""The longest file name, in bytes, most file systems allow (ext4, NTFS in UTF-16 units)."""


def check_target(path: Path, *, force: bool, protect: tuple[Path, ...] = ()) -> None:
    """Refuse to write to ``path`` if it exists (without ``force``) or is one of ``protect``.

    Said before any work is done; the write itself refuses again, atomically, if the
    file appeared meanwhile.
    """
    size = len(os.fsencode(path.name))
    if size > _NAME_MAX:
        raise OutputError(
            _("{path}: 文件名过长（{size} 字节，上限 {limit} 字节），请用短一些的名字").format(
                path=path, size=size, limit=_NAME_MAX
            )
        )
    try:
        _check_target(path, force=force, protect=protect)
    except OSError as exc:  # a path the system cannot look at (too long in all, a loop …)
        raise OutputError(
            _("{path}: 无法写入这个位置（{reason}）").format(path=path, reason=os_reason(exc))
        ) from None


def _check_target(path: Path, *, force: bool, protect: tuple[Path, ...]) -> None:
    taken = os.path.lexists(path)  # lexists: a dangling link is a name taken too
    # A name nothing has yet is no input (an office's new outputs: no paths resolved).
    for guarded in protect if taken else ():
        with contextlib.suppress(OSError):
            if path.resolve() == guarded.resolve():
                raise OutputError(
                    _("{path}: 输出文件不能是输入文件本身，请用 -o 指定另一个文件名").format(
                        path=path
                    )
                )
    if taken and path.is_dir():
        raise OutputError(_("{path}: 这是一个文件夹，请给出输出文件名").format(path=path))
    if taken and not force:
        raise OutputError(_("{path}: 文件已存在；如需覆盖，请加 --force").format(path=path))
    parent = path.parent
    if not parent.exists():
        raise OutputError(_("{path}: 输出文件夹不存在").format(path=parent))
    if not parent.is_dir():
        raise OutputError(_("{path}: 这不是文件夹").format(path=parent))
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(_("{path}: 没有在此文件夹中写入的权限").format(path=parent))


@dataclass
class _Staged:
    path: Path
    tmp: str
    existed: bool


class _TargetAppeared(Exception):
    """The target exists at the final step (without force)."""

    def __init__(self, path: Path) -> None:
        self.path = path


def _place_new(tmp: str, path: Path) -> None:
    """Give ``tmp`` the name ``path`` only if that name is free (atomically)."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise _TargetAppeared(path) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # No hard links here (FAT, some network shares): claim the name, then fill it.
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            raise _TargetAppeared(path) from None
        os.replace(tmp, path)
    else:
        os.unlink(tmp)


def _temporary_name(name: str) -> str:
    """``.NAME.RANDOM.tmp``, with NAME shortened so that it (and its ``.old`` backup) still
    fits where ``name`` itself just fits (a long Chinese name: three bytes a character)."""
    tail = f".{secrets.token_hex(8)}.tmp"
    room = _NAME_MAX - len(".") - len(tail) - len(".old")
    while len(os.fsencode(name)) > room:
        name = name[:-1]
    return f".{name}{tail}"


class OutputGroup:
    """Outputs written to temporary files, then moved in together (see the module's text)."""

    def __init__(self, *, force: bool, synced: bool = True) -> None:
        self.force = force
        self.synced = synced
        """Each file is synced as it is written; False: :func:`commit_groups` syncs them."""
        self.current: Path | None = None
        """The output being written or moved in (named when that fails)."""
        self._staged: list[_Staged] = []

    def write(self, path: Path, data: Data) -> None:
        """Write ``data`` to a temporary file beside ``path``; it is moved in at the commit."""
        self.current = path
        # The name is chosen and recorded before the file is made, so that a signal arriving
        # at any moment (Ctrl-C, or the SIGTERM that stops a bulk render's worker) leaves
        # nothing behind: discard() removes it. 64 random bits: a clash is not to be
        # expected, and if it happens the other file is left alone (O_EXCL).
        tmp = os.path.join(path.parent, _temporary_name(path.name))
        self._staged.append(_Staged(path, tmp, os.path.lexists(path)))
        try:
            # 0666: the system takes the umask (or the folder's default ACL) off, as for any
            # new file; the file's mode is then final, with no chmod to journal
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o666)
        except FileExistsError:
            self._staged.pop()  # not ours to remove
            raise
        with os.fdopen(fd, "wb") as handle:
            if callable(data):
                data(handle)
            else:
                handle.write(data)
            handle.flush()
            if self.synced:
                os.fsync(handle.fileno())

    @property
    def written(self) -> list[tuple[Path, str]]:
        """(target, temporary file) of each output written so far."""
        return [(staged.path, staged.tmp) for staged in self._staged]

    def commit(self) -> None:
        """Move every written file to its name; on any failure, put back what was there."""
        placed: list[tuple[_Staged, str | None]] = []  # and the earlier file's backup
        backups: list[str] = []
        try:
            for staged in self._staged:
                self.current = staged.path
                backup = None
                if not self.force:
                    _place_new(staged.tmp, staged.path)
                else:
                    if staged.existed:
                        backup = staged.tmp + ".old"
                        try:
                            os.link(staged.path, backup)
                            backups.append(backup)
                        except OSError:
                            backup = None  # no hard links: the replace below is still atomic
                    os.replace(staged.tmp, staged.path)
                placed.append((staged, backup))
            self._staged = []  # every temporary file has its name: nothing left to discard
        except BaseException:
            for staged, backup in reversed(placed):  # undo: the earlier files come back
                with contextlib.suppress(OSError):
                    if backup is not None:
                        os.replace(backup, staged.path)
                    elif not staged.existed:
                        os.unlink(staged.path)
            raise
        finally:
            for backup in backups:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(backup)

    def discard(self) -> None:
        """Remove every temporary file still there."""
        for staged in self._staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(staged.tmp)

    def failure(self, path: Path, exc: OSError) -> OutputError:
        """The message for a write that failed (no file was changed)."""
        if isinstance(exc, PermissionError):
            return OutputError(
                _("{path}: 没有写入权限（文件是否正在 Word/WPS 中打开？）").format(path=path)
            )
        reason = os_reason(exc)
        if any(staged.existed for staged in self._staged):
            message = _("{path}: 写入失败（{reason}），原有文件未被改动")
        else:
            message = _("{path}: 写入失败（{reason}），未生成文件")
        return OutputError(message.format(path=path, reason=reason))


@contextlib.contextmanager
def _explained(group: OutputGroup) -> Iterator[None]:
    """What goes wrong writing or moving in ``group``'s files, as an OutputError a clerk
    can act on."""
    try:
        yield
    except _TargetAppeared as exc:
        raise OutputError(
            _("{path}: 生成期间已有同名文件出现，未覆盖；如需覆盖，请加 --force").format(
                path=exc.path
            )
        ) from None
    except OSError as exc:
        if group.current is None:  # failed outside a write: not ours to explain
            raise
        raise group.failure(group.current, exc) from None


@contextlib.contextmanager
def output_group(*, force: bool, deferred: bool = False) -> Iterator[OutputGroup]:
    """Outputs that appear together when the block completes, or not at all.

    Inside the block, ``group.write(path, data)`` each output. Without ``force`` the
    commit refuses (OutputError) if any target exists by then; with it, the earlier
    files are replaced. Errors become OutputError with a message a clerk can act on.

    ``deferred``: when the block completes the files are written but neither synced nor
    moved in; the caller passes the group to :func:`commit_groups`, or discards it. An
    error inside the block removes them, as always.
    """
    group = OutputGroup(force=force, synced=not deferred)
    kept = False
    try:
        with _explained(group):
            yield group
            if not deferred:
                group.commit()
        kept = deferred
    finally:
        if not kept:
            group.discard()


_SYNC_THREADS = 8
"""Files synced at the same time by :func:`commit_groups`."""


def _sync(tmp: str) -> OSError | None:
    try:
        fd = os.open(tmp, os.O_WRONLY | _BINARY)  # Windows syncs only a file open for writing
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        return exc
    return None


def commit_groups(groups: Sequence[OutputGroup]) -> list[OutputError | None]:
    """Sync the files of ``groups`` (written by ``output_group(deferred=True)``) all at once,
    then move each group's files in, all or none: for each group, None or the OutputError
    that kept its files out. Every temporary file is gone when this returns.

    Synced together, the system writes many files in one go: a bulk render spends a
    fraction of the time it would syncing them one by one.
    """
    tmps = [tmp for group in groups for _path, tmp in group.written]
    results: list[OutputError | None] = []
    try:
        # threads of this call only: none is left running when a bulk run forks its workers
        with ThreadPoolExecutor(max(1, min(_SYNC_THREADS, len(tmps)))) as pool:
            synced = dict(zip(tmps, pool.map(_sync, tmps), strict=True))
        for group in groups:
            try:
                with _explained(group):
                    for path, tmp in group.written:
                        group.current = path
                        if (error := synced[tmp]) is not None:
                            raise error
                    group.commit()
                results.append(None)
            except OutputError as exc:
                results.append(exc)
    finally:
        for group in groups:
            group.discard()
    return results


def write_bytes_atomic(path: Path, data: Data, *, force: bool = False) -> None:
    """Write ``data`` (bytes, or a function that writes to a binary file) atomically.

    Without ``force``, refuses (OutputError) if ``path`` exists when the file is moved in.
    """
    with output_group(force=force) as group:
        group.write(path, data)


def write_text_atomic(path: Path, text: str, *, force: bool = False) -> None:
    """Write UTF-8 ``text`` atomically (see :func:`write_bytes_atomic`)."""
    write_bytes_atomic(path, text.encode("utf-8"), force=force)
