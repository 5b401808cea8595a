"""Context → .docx through docxtpl. The only module that imports docxtpl.

docxtpl's defaults are never used: every template renders in a sandboxed Jinja
environment with autoescaping (so ``&`` and ``<`` in a clerk's text survive) and
``StrictUndefined`` (so a misspelled variable fails loudly instead of printing nothing).

**Prepared once, rendered many times.** ``DocxTemplate.render`` re-reads the .docx,
re-patches its XML and re-compiles the Jinja template for every report, and
re-compresses every part of the package on save — most of its time. A
:class:`PreparedTemplate` does docxtpl's own preparation once (the same
``patch_xml``), compiles the Jinja templates once, and compresses the parts that no
report changes once; each report then only renders the compiled templates, runs
docxtpl's own post-processing (``resolve_listing``, ``fix_tables``) and writes the
package. The parts it writes are those ``DocxTemplate.render`` + ``save`` write
(a test compares them). One prepared template per era is kept per process.
"""

from __future__ import annotations

import copy
import functools
import importlib.resources
import io
import re
import struct
import time
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import docx.oxml.ns
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import oxml_parser, serialize_part_xml
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, Template, TemplateError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from reportkit.context import build_context
from reportkit.eras import get_era
from reportkit.errors import DataError, TemplateProblem, UsageError
from reportkit.i18n import _
from reportkit.outputs import check_suffix, check_target, write_bytes_atomic

if TYPE_CHECKING:
    from reportkit.loading import Checked

__all__ = [
    "PreparedTemplate",
    "default_template",
    "make_environment",
    "prepared_template",
    "render_checked",
    "template_variables",
]


def make_environment() -> SandboxedEnvironment:
    """The Jinja environment every template renders in: sandboxed, autoescaped, strict."""
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


def default_template(era: str) -> bytes:
    """The shipped .docx template of an era (read from inside the installed package)."""
    resource = importlib.resources.files("reportkit") / "templates" / get_era(era).template
    if not resource.is_file():
        raise UsageError(_("没有 {era} 年版格式的模板").format(era=era))
    return resource.read_bytes()


def _template_bytes(template: Path | bytes) -> bytes:
    if isinstance(template, bytes):
        return template
    if template.suffix.lower() != ".docx":
        raise UsageError(_("{path}: 模板应为 .docx 文件").format(path=template))
    try:
        return template.read_bytes()
    except OSError as exc:
        raise UsageError(
            _("{path}: 无法读取模板（{reason}）").format(path=template, reason=exc.strerror)
        ) from None


def template_variables(template: Path | bytes) -> set[str]:
    """The variables a template uses that it does not define itself."""
    tpl = DocxTemplate(io.BytesIO(_template_bytes(template)))
    return set(tpl.get_undeclared_template_variables(jinja_env=make_environment()))


def _template_problem(exc: TemplateError) -> TemplateProblem:
    """A Jinja error as a sentence for whoever wrote the template."""
    if isinstance(exc, UndefinedError):
        return TemplateProblem(_("模板使用了数据中没有的变量：{error}").format(error=exc.message))
    if isinstance(exc, SecurityError):
        return TemplateProblem(_("模板试图访问不允许访问的内容，已拒绝：{error}").format(error=exc))
    line = getattr(exc, "lineno", None)
    if line:
        return TemplateProblem(
            _("模板有错误（第 {line} 行附近）：{error}").format(line=line, error=exc)
        )
    return TemplateProblem(_("模板有错误：{error}").format(error=exc))


# --- a .docx package written from parts, most of them compressed once ------------------------


@dataclass(frozen=True)
class _Member:
    """A part of the package, deflated: its name, CRC, sizes and compressed bytes."""

    name: bytes
    flags: int
    crc: int
    size: int
    data: bytes

    @classmethod
    def deflate(cls, name: str, blob: bytes) -> _Member:
        # zipfile's ZIP_DEFLATED, as python-docx saves: zlib level 6, raw deflate stream.
        packer = zlib.compressobj(6, zlib.DEFLATED, -15)
        flags = 0 if name.isascii() else 0x800  # bit 11: the name is UTF-8
        data = packer.compress(blob) + packer.flush()
        return cls(name.encode("utf-8"), flags, zlib.crc32(blob), len(blob), data)

    @classmethod
    def from_zip(cls, archive: bytes, info: zipfile.ZipInfo) -> _Member | None:
        """A member of a zip that zipfile deflated (as :meth:`deflate` would), its bytes taken as
        they are; None when it is stored some other way."""
        if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x9:  # encrypted, or
            return None  # sizes in a data descriptor
        start = info.header_offset
        name_length, extra_length = struct.unpack_from("<HH", archive, start + 26)
        start += 30 + name_length + extra_length
        data = archive[start : start + info.compress_size]
        flags = 0 if info.filename.isascii() else 0x800
        return cls(info.filename.encode("utf-8"), flags, info.CRC, info.file_size, data)


def _write_zip(members: list[_Member], out: BinaryIO) -> None:
    """A zip archive of already-deflated members (what zipfile writes, without recompressing)."""
    now = time.localtime()
    dos_time = (now.tm_hour << 11) | (now.tm_min << 5) | (now.tm_sec // 2)
    dos_date = ((now.tm_year - 1980) << 9) | (now.tm_mon << 5) | now.tm_mday
    offset = 0
    directory = []
    for m in members:
        header = struct.pack(
            "<IHHHHHIIIHH",
            0x04034B50,
            20,
            m.flags,
            8,
            dos_time,
            dos_date,
            m.crc,
            len(m.data),
            m.size,
            len(m.name),
            0,
        )
        out.write(header + m.name)
        out.write(m.data)
        directory.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                (3 << 8) | 20,  # made by: Unix, zip 2.0 (as zipfile writes)
                20,
                m.flags,
                8,
                dos_time,
                dos_date,
                m.crc,
                len(m.data),
                m.size,
                len(m.name),
                0,
                0,
                0,
                0,
                0o600 << 16,
                offset,
            )
            + m.name
        )
        offset += len(header) + len(m.name) + len(m.data)
    central = b"".join(directory)
    out.write(central)
    out.write(
        struct.pack(
            "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), offset, 0
        )
    )


# --- the prepared template --------------------------------------------------------------------


_LISTING = re.compile("[\t\a\n\f]")
"""What docxtpl's ``resolve_listing`` turns into tabs, paragraphs, line and page breaks."""
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)
"""A paragraph, as ``resolve_listing`` finds them."""
_W = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
_ROWS = etree.XPath(".//w:tr", namespaces=_W)
_GRID_COLUMNS = etree.XPath("count(w:tblGrid/w:gridCol)", namespaces=_W)
_ROW_CELLS = etree.XPath("count(w:tc)", namespaces=_W)
_ROW_SPAN = etree.XPath(
    "count(w:tc[not(w:tcPr/w:gridSpan)]) + sum(w:tc/w:tcPr/w:gridSpan/@w:val)", namespaces=_W
)
_TABLES = etree.XPath(".//w:tbl", namespaces=_W)
_DRAWINGS = etree.XPath(".//wp:docPr", namespaces=docx.oxml.ns.nsmap)


def _grid_is_consistent(tree: Any) -> bool:
    """Whether docxtpl's ``fix_tables`` would leave every table as it is: no row has more
    cells than the grid has columns, and the widest row spans them all."""
    for table in _TABLES(tree):
        if table.find("w:tblGrid", _W) is None:
            return False
        columns = _GRID_COLUMNS(table)
        rows = _ROWS(table)
        if any(_ROW_CELLS(row) > columns for row in rows):
            return False
        if max((_ROW_SPAN(row) for row in rows), default=0) < columns:
            return False
    return True


_CORE_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
"""The core properties docxtpl renders as templates (``DocxTemplate.render_properties``)."""


def _renders_as_itself(text: str) -> bool:
    """Whether ``text``, compiled by :meth:`PreparedTemplate._compile`, renders unchanged:
    no Jinja tag, no line break for Jinja to normalise or strip, no paragraph (which
    ``_compile`` puts on a line of its own)."""
    if "{" in text or "\r" in text or "<w:p" in text:
        return False
    return not text.endswith("\n")


class PreparedTemplate:
    """A .docx template read, patched and compiled once, to render many reports.

    Not for use by several threads at once (each process keeps its own).
    """

    def __init__(self, template: Path | bytes) -> None:
        source = _template_bytes(template)
        env = make_environment()
        try:
            tpl = DocxTemplate(io.BytesIO(source))
            tpl.render_init()
        except (zipfile.BadZipFile, KeyError, ValueError) as exc:
            raise UsageError(_("模板不是有效的 .docx 文件（{error}）").format(error=exc)) from None
        self._tpl = tpl
        document = tpl.docx
        self._root = document._element
        # Per part that varies by report: how to make its bytes from a context.
        self._renderers: dict[str, Callable[[Mapping[str, Any]], bytes]] = {}
        try:
            body = self._compile(env, tpl.patch_xml(self._split_document(tpl)))
            self._renderers[document.part.partname.membername] = functools.partial(
                self._document, body
            )
            for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
                for _key, part in tpl.get_headers_footers(uri):
                    xml = tpl.get_part_xml(part)
                    encoding = tpl.get_headers_footers_encoding(xml)
                    compiled = self._compile(env, tpl.patch_xml(xml))
                    self._renderers[part.partname.membername] = functools.partial(
                        self._header_footer, compiled, encoding
                    )
            for part in document.part.package.parts:
                if part.content_type.endswith(".wordprocessingml.footnotes+xml"):
                    blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
                    compiled = self._compile(env, tpl.patch_xml(blob))
                    self._renderers[part.partname.membername] = functools.partial(
                        self._footnotes, compiled
                    )
            core = document.core_properties
            values = {name: getattr(core, name) for name in _CORE_PROPERTIES}
            if any("{" in value for value in values.values()):
                props = {name: self._compile(env, value) for name, value in values.items()}
                element = core._element
                name = document.part.package._core_properties_part.partname.membername
                self._renderers[name] = lambda ctx: self._properties(element, props, ctx)
            else:  # constant: rendered once, as docxtpl would render it for every report
                for name, value in values.items():
                    if not _renders_as_itself(value):  # (most are plain text, or empty)
                        value = self._compile(env, value).render({})
                    setattr(core, name, value)
        except TemplateError as exc:
            raise _template_problem(exc) from None
        # Every other part is the same for every report: serialised and compressed once (by
        # python-docx's save, whose deflated bytes are what _Member.deflate would make).
        saved = io.BytesIO()
        document.save(saved)
        archive = saved.getvalue()
        self._members: list[_Member | str] = []
        with zipfile.ZipFile(saved) as package:
            for info in package.infolist():
                if info.filename in self._renderers:
                    self._members.append(info.filename)
                    continue
                member = _Member.from_zip(archive, info)
                if member is None:
                    member = _Member.deflate(info.filename, package.read(info.filename))
                self._members.append(member)

    @staticmethod
    def _compile(env: SandboxedEnvironment, xml: str) -> Template:
        # As DocxTemplate.render_xml_part: each paragraph on its own line, for Jinja's line numbers.
        return env.from_string(re.sub(r"<w:p([ >])", r"\n<w:p\1", xml))

    def _render(self, template: Template, context: Mapping[str, Any]) -> str:
        # DocxTemplate.render_xml_part, after its compile step.
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", template.render(context))
        xml = (
            xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        )
        if _LISTING.search(xml) is None:
            return xml  # resolve_listing would change nothing
        # resolve_listing works paragraph by paragraph: run it only where it has work to do.
        return _PARAGRAPH.sub(
            lambda m: (
                str(self._tpl.resolve_listing(m.group(0)))
                if _LISTING.search(m.group(0))
                else m.group(0)
            ),
            xml,
        )

    def _header_footer(
        self, template: Template, encoding: str, context: Mapping[str, Any]
    ) -> bytes:
        # DocxTemplate.map_headers_footers_xml loads the rendered XML as a part, which saves
        # it re-serialised.
        xml = self._render(template, context).encode(encoding)
        return bytes(serialize_part_xml(etree.fromstring(xml, oxml_parser)))

    def _footnotes(self, template: Template, context: Mapping[str, Any]) -> bytes:
        return self._render(template, context).encode("utf-8")

    def _split_document(self, tpl: DocxTemplate) -> str:
        """The body's XML to patch and compile; the document's XML around it is kept as text.

        DocxTemplate.render parses the rendered body on its own (``fix_tables``) and moves it
        into the document, which costs more than the rest of a render; parsing the document
        text around the rendered body gives the same tree at a fraction of the cost. When the
        body declares a namespace the document does not, docxtpl's way is taken instead.
        """
        whole = str(etree.tostring(self._root, encoding="unicode"))
        start, end = whole.find("<w:body>"), whole.rfind("</w:body>")
        standalone = str(tpl.get_xml())
        self._body_tag = standalone[: standalone.index(">") + 1]
        body = self._root.body
        inherited = all(self._root.nsmap.get(k) == v for k, v in body.nsmap.items())
        if start < 0 or end < 0 or not inherited:
            self._around: tuple[str, str] | None = None
            return standalone
        end += len("</w:body>")
        self._around = (whole[:start], whole[end:])
        return whole[start:end]

    def _document(self, body: Template, context: Mapping[str, Any]) -> bytes:
        # DocxTemplate.render: fix the tables, renumber drawings, put the body in the document.
        xml = self._render(body, context)
        if self._around is not None:
            before, after = self._around
            document = etree.fromstring(before + xml + after, parser=etree.XMLParser(recover=True))
            tree = document.find("w:body", _W)
            if tree is not None and _grid_is_consistent(tree):
                self._number_drawings(tree)
                return bytes(etree.tostring(document, encoding="UTF-8", standalone=True))
            xml = self._body_tag + xml[len("<w:body>") :]
        tree = self._tpl.fix_tables(xml)
        self._number_drawings(tree)
        self._root.replace(self._root.body, tree)
        return bytes(serialize_part_xml(self._root))

    @staticmethod
    def _number_drawings(body: Any) -> None:
        # DocxTemplate.fix_docpr_ids: drawing ids renumbered from 1001, in document order.
        for number, drawing in enumerate(_DRAWINGS(body), start=1001):
            drawing.attrib["id"] = str(number)

    @staticmethod
    def _properties(
        element: Any, props: Mapping[str, Template], context: Mapping[str, Any]
    ) -> bytes:
        core = CoreProperties(copy.deepcopy(element))
        for name, compiled in props.items():
            setattr(core, name, compiled.render(context))
        return bytes(serialize_part_xml(core._element))

    def render(self, context: Mapping[str, Any], out: BinaryIO) -> None:
        """Render ``context`` and write the .docx to ``out``."""
        members: list[_Member] = []
        try:
            for member in self._members:
                if isinstance(member, str):
                    member = _Member.deflate(member, self._renderers[member](context))
                members.append(member)
        except TemplateError as exc:
            raise _template_problem(exc) from None
        _write_zip(members, out)


_PREPARED: dict[object, PreparedTemplate] = {}


def prepared_template(era: str, template: Path | None = None) -> PreparedTemplate:
    """The era's shipped template (or ``template``), prepared once per process."""
    if template is None:
        key: object = era
    else:
        try:
            stat = template.stat()
        except OSError as exc:
            raise UsageError(
                _("{path}: 无法读取模板（{reason}）").format(path=template, reason=exc.strerror)
            ) from None
        key = (str(template.resolve()), stat.st_mtime_ns, stat.st_size)
    prepared = _PREPARED.get(key)
    if prepared is None:
        prepared = PreparedTemplate(default_template(era) if template is None else template)
        _PREPARED[key] = prepared
    return prepared


def render_checked(
    checked: Checked,
    path: Path,
    *,
    template: Path | None = None,
    force: bool = False,
    protect: tuple[Path, ...] = (),
) -> None:
    """Render a checked data file to ``path`` with its era's template (or ``template``).

    The one render path: a single ``render`` and a bulk render both come here. Nothing is
    written when the file has errors (DataError with every problem) or ``path`` may not be
    written; the .docx appears whole or not at all.
    """
    report = checked.report
    if report is None or checked.data is None or checked.errors:
        raise DataError(checked.problems, checked.file)
    check_suffix(path, [".docx"])
    check_target(path, force=force, protect=protect)
    prepared = prepared_template(report.ERA, template)
    context = build_context(report, checked.data)
    write_bytes_atomic(path, lambda handle: prepared.render(context, handle), force=force)
