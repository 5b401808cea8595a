"""Hostile .docx templates for the hostile-input table: each built from a blank Word document,
one part changed (kept out of test_hostile.py so that its table stays a table)."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx

from tests.conftest import MINIMAL_2007

Case = Callable[[Path], list[str]]
Parts = dict[str, bytes]

_RELS = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + (
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
)
_TYPE = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def docx_bytes(*paragraphs: str, footer: str | None = None) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if footer is not None:
        document.sections[0].footer.paragraphs[0].text = footer
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def parts_of(blob: bytes) -> Parts:
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def zip_of(parts: Parts, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, blob in parts.items():
            archive.writestr(name, blob)
    return out.getvalue()


def with_method(blob: bytes, name: str, method: int) -> bytes:
    """``blob`` (a zip whose members are stored) with ``name`` said to be compressed by
    ``method``, in its local header and in the central directory."""
    data = bytearray(blob)
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        offset = archive.getinfo(name).header_offset
    struct.pack_into("<H", data, offset + 8, method)
    entry = data.find(b"PK\x01\x02")
    while entry >= 0:
        length = struct.unpack_from("<H", data, entry + 28)[0]
        if data[entry + 46 : entry + 46 + length] == name.encode():
            struct.pack_into("<H", data, entry + 10, method)
        entry = data.find(b"PK\x01\x02", entry + 1)
    return bytes(data)


def _command(blob: bytes, check: bool) -> Case:
    def case(folder: Path) -> list[str]:
        template = folder / "custom.docx"
        template.write_bytes(blob)
        if check:
            return ["check-template", str(template)]
        data = folder / "data.yaml"
        data.write_text(MINIMAL_2007, encoding="utf-8")
        return ["render", str(data), "--template", str(template), "-o", str(folder / "o.docx")]

    return case


def _command_lazy(build: Callable[[], bytes], check: bool) -> Case:
    return lambda folder: _command(build(), check)(folder)  # built when the row runs


def changed(change: Callable[[Parts], None], *, check: bool = False, **kwargs: str) -> Case:
    """Render with (or check) a blank template whose parts ``change`` alters."""

    def build() -> bytes:
        parts = parts_of(docx_bytes("{{ title_unit }}", **kwargs))
        change(parts)
        return zip_of(parts)

    return _command_lazy(build, check)


def raw(build: Callable[[], bytes], *, check: bool = False) -> Case:
    return _command_lazy(build, check)


def tags(*paragraphs: str, check: bool = False) -> Case:
    return _command_lazy(lambda: docx_bytes(*paragraphs), check)


def core_title(parts: Parts) -> None:
    parts["docProps/core.xml"] = parts["docProps/core.xml"].replace(
        b"<dc:title/>", b"<dc:title>{{ year </dc:title>"
    )


def footer_entity(parts: Parts) -> None:
    name = next(n for n in parts if n.startswith("word/footer"))
    parts[name] = parts[name].replace("页脚".encode(), "页脚&nbsp;".encode())


def malformed_body(parts: Parts) -> None:
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"</w:body>", b"</w:bod>")


def attached_template(parts: Parts) -> None:
    parts["word/_rels/settings.xml.rels"] = (
        _RELS + b'<Relationship Id="rId1" Type="' + _TYPE + b'attachedTemplate" '
        b'Target="http://example.com/t.dotx" TargetMode="External"/></Relationships>'
    )
    parts["word/settings.xml"] = parts["word/settings.xml"].replace(
        b"</w:settings>", b'<w:attachedTemplate r:id="rId1"/></w:settings>'
    )


def linked_image(parts: Parts) -> None:
    rels = "word/_rels/document.xml.rels"
    parts[rels] = parts[rels].replace(
        b"</Relationships>",
        b'<Relationship Id="rId99" Type="' + _TYPE + b'image" '
        b'Target="http://example.com/x.png" TargetMode="External"/></Relationships>',
    )


def macros(parts: Parts) -> None:
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 a macro"


def remote_field(parts: Parts) -> None:
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"<w:t>{{ title_unit }}</w:t>",
        b'<w:instrText xml:space="preserve"> INCLUDEPICTURE "http://example.com/x.png" \\d '
        b"</w:instrText>",
    )


def huge_part(parts: Parts) -> None:
    parts["word/media/huge.bin"] = bytes(65 * 2**20)  # deflates to some 64 kB


def excel_file() -> bytes:
    import openpyxl

    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    return out.getvalue()


def unsupported_method() -> bytes:
    stored = zip_of(parts_of(docx_bytes("{{ title_unit }}")), zipfile.ZIP_STORED)
    return with_method(stored, "word/styles.xml", 9)  # Deflate64: not in zipfile, not in Word
