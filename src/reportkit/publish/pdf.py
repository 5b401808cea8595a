"""Rendered .docx → PDF through LibreOffice headless, in faces close to GB/T 9704's.

**Faces.** The templates name the official faces (方正小标宋简体, 仿宋_GB2312, 黑体,
楷体_GB2312, Times New Roman), which a free system lacks; LibreOffice would then set every
line in one sans fallback. ``fonts.conf`` beside this module maps each to the closest free
face from Debian's packages (``make office``): a Song face for title and body, Hei for 一、
headings, Kai for （一） headings, a Times-like face for numerals. It is given to LibreOffice
alone (``FONTCONFIG_FILE`` in its environment) and includes the machine's own settings, so
nothing else on the machine changes.

**One process per batch.** Starting LibreOffice costs more than converting a report, so a
batch of documents goes through one ``soffice --convert-to pdf`` with a private profile
(``-env:UserInstallation``): it neither touches the user's LibreOffice settings nor waits
for a LibreOffice the user has open. A document it cannot convert fails its own report only:
the others of the batch are converted (in a further run when it stopped on that one).

**Metadata.** Title and author (the unit) come from the .docx's core properties, which the
shipped templates fill; LibreOffice carries them into the PDF. The language is another
matter: LibreOffice writes the Latin-script language of the document as the PDF's /Lang,
and the templates set that to en-US (with zh-CN for Chinese), as Word does — with zh-CN
there, LibreOffice breaks digit runs across lines. So each PDF's catalog entry is set to
zh-CN after conversion: the same number of bytes, so no offset in the file moves.
"""

from __future__ import annotations

import contextlib
import importlib.resources
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from reportkit.errors import ConversionError
from reportkit.i18n import _

__all__ = ["PACKAGE", "convert", "declare_chinese", "find_soffice", "font_map"]

PACKAGE = "libreoffice-writer-nogui"
"""The Debian package that provides ``soffice`` (named in the message when it is missing)."""

SECONDS_PER_DOCUMENT = 60
"""How long a batch may take, per document, before the conversion is given up."""

POLL_SECONDS = 0.25
"""How often, while LibreOffice runs, the PDFs it has made so far are counted (for the
``progress`` of :func:`convert`)."""


def find_soffice() -> str:
    """The LibreOffice program, or ConversionError naming the package to install."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise ConversionError(
            _(
                "未找到 LibreOffice（soffice），无法生成 PDF：请先安装它"
                "（Debian/Ubuntu：apt-get install {package}），或只生成 .docx"
            ).format(package=PACKAGE)
        )
    return found


@contextlib.contextmanager
def font_map() -> Iterator[Path]:
    """The shipped fontconfig file, as a path on disk while the block runs."""
    resource = importlib.resources.files("reportkit.publish") / "fonts.conf"
    with importlib.resources.as_file(resource) as path:
        yield path


ATTEMPTS = 3
"""LibreOffice runs per batch at most: a run that leaves documents unconverted (it stopped on
one of them, or ran out of time) is followed by one for those left, the first of them put
last, while each run converts some."""


def convert(
    documents: Sequence[Path],
    out_dir: Path,
    progress: Callable[[int], None] | None = None,
) -> list[Path | ConversionError]:
    """Convert ``documents`` (.docx, distinct file names) to PDFs in ``out_dir`` through one
    LibreOffice process (more only when one leaves some unconverted: :data:`ATTEMPTS`); for
    each document, in the order given, its PDF or the ConversionError saying why there is none.
    A document LibreOffice cannot convert costs only its own report, never the batch's.

    ``progress``, when given, is told how many of the PDFs exist so far each time that number
    grows while LibreOffice runs (it converts one document after another, about half a second
    each: a batch of hundreds takes minutes)."""
    if not documents:
        return []
    program = find_soffice()
    stems = [d.stem for d in documents]
    assert len(set(stems)) == len(stems), "documents must have distinct names"
    pdfs = [out_dir / f"{stem}.pdf" for stem in stems]
    pending = list(range(len(documents)))
    counted = 0

    def count() -> None:
        nonlocal counted
        made = sum(pdf.is_file() for pdf in pdfs)
        if made > counted and progress is not None:
            counted = made
            progress(made)

    said = ""
    for attempt in range(ATTEMPTS):
        # A document that stopped LibreOffice last time goes last, so the others get through.
        order = pending[1:] + pending[:1] if attempt else pending
        said = _run(program, [documents[i] for i in order], out_dir, count)
        count()
        left = [i for i in pending if not _complete(pdfs[i])]
        for i in left:  # a PDF cut short when LibreOffice stopped: made again, or none
            pdfs[i].unlink(missing_ok=True)
        if not left or len(left) == len(pending):
            break
        pending = left
    failure = ConversionError(
        _("未能用 LibreOffice 转换为 PDF（{said}）").format(
            said=said.splitlines()[-1] if said else "?"
        )
    )
    made: list[Path | ConversionError] = []
    for pdf in pdfs:
        if _complete(pdf):
            declare_chinese(pdf)
            made.append(pdf)
        else:
            made.append(failure)
    return made


def _complete(pdf: Path) -> bool:
    """Whether ``pdf`` is a whole PDF: it ends with its end-of-file marker (a file LibreOffice
    was writing when it was stopped does not)."""
    try:
        with pdf.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - 1024))
            return b"%%EOF" in handle.read()
    except OSError:
        return False


def _run(
    program: str, documents: Sequence[Path], out_dir: Path, waiting: Callable[[], None]
) -> str:
    """One LibreOffice process converting ``documents`` into ``out_dir``; what it said.
    ``waiting`` is called every :data:`POLL_SECONDS` while it runs."""
    with tempfile.TemporaryDirectory(prefix="reportkit-office-") as profile, font_map() as fonts:
        env = {**os.environ, "FONTCONFIG_FILE": str(fonts)}
        env.pop("SAL_USE_VCLPLUGIN", None)
        command = [
            program,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(out_dir),
            *(str(d) for d in documents),
        ]
        process: subprocess.Popen[str] | None = None
        try:
            with _signals_held():  # a stop before Popen returns would leave it running
                process = subprocess.Popen(
                    command,
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                    start_new_session=True,  # its own process group: stopped whole, below
                    preexec_fn=_signals_released if _HOLDS_SIGNALS else None,
                )
            # (not ``with process``: on an interrupt it would wait for LibreOffice to end)
            out, err = _communicate(process, SECONDS_PER_DOCUMENT * len(documents), waiting)
        except subprocess.TimeoutExpired:
            assert process is not None
            _stop(process)
            return _("超时")
        except OSError as exc:
            return str(exc.strerror or exc)
        except BaseException:  # interrupted (Ctrl-C, SIGTERM): LibreOffice goes too
            if process is not None:
                _stop(process)
            raise
        return (err or out).strip()


def _communicate(
    process: subprocess.Popen[str], timeout: float, waiting: Callable[[], None]
) -> tuple[str, str]:
    """``process.communicate(timeout=timeout)``, in slices of :data:`POLL_SECONDS` with
    ``waiting()`` between them (a slice that times out loses none of the output)."""
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        try:
            return process.communicate(timeout=max(min(POLL_SECONDS, left), 0))
        except subprocess.TimeoutExpired:
            if left <= POLL_SECONDS:
                raise
        waiting()


_HELD = (signal.SIGINT, signal.SIGTERM)
_HOLDS_SIGNALS = hasattr(signal, "pthread_sigmask")


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM wait while the block runs (then arrive as usual)."""
    if not _HOLDS_SIGNALS:  # pragma: no cover - Windows
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _signals_released() -> None:
    """In LibreOffice's process, before it starts: the signals held here are its own again."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)


def _stop(process: subprocess.Popen[str]) -> None:
    """Kill LibreOffice and every process it started (soffice is a script starting
    soffice.bin: killing the script alone would leave the converter running)."""
    with contextlib.suppress(OSError):
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            process.kill()
    process.communicate()


_LATIN_LANG = b"/Lang(en-US)"
_CHINESE_LANG = b"/Lang(zh-CN)"


def declare_chinese(pdf: Path) -> None:
    """Set the PDF catalog's language to zh-CN where LibreOffice wrote the templates' Latin
    language (en-US). Both entries have the same length, so the cross-reference table stays
    true; a file with no such entry, or more than one, is left as it is."""
    data = pdf.read_bytes()
    if data.count(_LATIN_LANG) == 1:
        pdf.write_bytes(data.replace(_LATIN_LANG, _CHINESE_LANG))
