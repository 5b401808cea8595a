"""Context → .docx through docxtpl. The only module that imports docxtpl.

docxtpl's defaults are never used: every template renders in reportkit's sandboxed Jinja
environment (:mod:`reportkit.sandbox`) with autoescaping (so ``&`` and ``<`` in a clerk's
text survive) and ``StrictUndefined`` (so a misspelled variable fails loudly instead of
printing nothing).

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
from jinja2 import (
    Template,
    TemplateError,
)
from lxml import etree

from reportkit.context import build_context
from reportkit.eras import get_era
from reportkit.errors import DataError, ReportkitError, TemplateProblem, UsageError, os_reason
from reportkit.i18n import N_, _
from reportkit.outputs import check_suffix, check_target, write_bytes_atomic
from reportkit.sandbox import Limits, TemplateLimit, _Sandbox, make_environment, template_problem

if TYPE_CHECKING:
    from reportkit.loading import Checked

__all__ = [
    "Limits",
    "PackageIssue",
    "PreparedTemplate",
    "TemplateLimit",
    "TemplatePackage",
    "default_template",
    "inspect_template",
    "make_environment",
    "prepared_template",
    "render_checked",
    "template_bytes",
    "template_problem",
    "template_variables",
]


# --- templates ---------------------------------------------------------------------------------
def default_template(era: str) -> bytes:
    """The shipped .docx template of an era (read from inside the installed package)."""
    resource = importlib.resources.files("reportkit") / "templates" / get_era(era).template
    if not resource.is_file():
        raise UsageError(_("没有 {era} 年版格式的模板").format(era=era))
    return resource.read_bytes()


def template_bytes(template: Path | bytes) -> bytes:
    if isinstance(template, bytes):
        return template
    if template.suffix.lower() != ".docx":
        raise UsageError(_("{path}: 模板应为 .docx 文件").format(path=template))
    try:
        return template.read_bytes()
    except OSError as exc:
        raise UsageError(
            _("{path}: 无法读取模板（{reason}）").format(path=template, reason=os_reason(exc))
        ) from None


def template_variables(template: Path | bytes) -> set[str]:
    """The variables a template uses that it does not define itself."""
    tpl = DocxTemplate(io.BytesIO(template_bytes(template)))
    return set(tpl.get_undeclared_template_variables(jinja_env=make_environment()))


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


# --- what a template package may hold -----------------------------------------------------------


_STRICT = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
"""The one way reportkit reads XML: strictly (never lxml's recover mode, which drops text)."""

_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_ATTACHED = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
_WORD_MAIN = ("wordprocessingml.document.main+xml", "wordprocessingml.template.main+xml")
_OTHER_KINDS = (
    ("spreadsheetml", N_("Excel 工作簿")),
    ("ms-excel", N_("Excel 工作簿")),
    ("presentationml", N_("PowerPoint 演示文稿")),
    ("macroEnabled", N_("含宏的 Word 文档（.docm）")),
)
_REMOTE_FIELDS = re.compile(r"\b(INCLUDEPICTURE|INCLUDETEXT|LINK|DDE|DDEAUTO|IMPORT)\b", re.I)
"""Field codes with which Word reads content from elsewhere when the report is opened."""


@dataclass(frozen=True)
class PackageIssue:
    """A problem of the template as a package (its zip, its XML, its links), as check-template
    lists it; an error makes render refuse the template."""

    message: str
    error: bool = True


@dataclass
class TemplatePackage:
    """A template's bytes as render uses them (anything stripped already stripped), and what
    was found."""

    data: bytes
    issues: list[PackageIssue]

    @property
    def errors(self) -> list[PackageIssue]:
        return [i for i in self.issues if i.error]


def _parse_strict(blob: bytes | str, what: str) -> Any:
    """The XML of ``what``, read strictly; TemplateProblem naming it when it is not XML."""
    try:
        root = etree.fromstring(blob, _STRICT)
    except etree.XMLSyntaxError as exc:
        raise TemplateProblem(
            _("模板的 {part} 不是合法的 XML（{error}）").format(part=what, error=exc)
        ) from None
    if root.getroottree().docinfo.doctype:
        raise TemplateProblem(
            _("模板的 {part} 含有 DOCTYPE 声明，Word 文档不会有").format(part=what)
        )
    return root


def inspect_template(source: bytes, limits: Limits | None = None) -> TemplatePackage:
    """What render would refuse or strip in the template ``source``, read from the zip directory
    first (sizes, compression) and then from every XML part, strictly.

    Refused: a file that is not a Word document, a package larger than the limit when inflated,
    parts compressed in a way Word does not write, XML that does not parse, macros, external
    links Word follows on opening, field codes that fetch content. Stripped (with a warning):
    the attached template (``attachedTemplate``) Word records for a document made from one.
    """
    limits = limits if limits is not None else Limits.from_environment()
    try:
        archive = zipfile.ZipFile(io.BytesIO(source))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        message = _("模板不是有效的 .docx 文件（无法作为 zip 压缩包打开：{error}）")
        return TemplatePackage(source, [PackageIssue(message.format(error=exc))])
    inflated = sum(info.file_size for info in infos)
    if inflated > limits.template_bytes:
        message = _("模板解压后有 {size:.0f} MB，超过了 {limit:g} MB 的上限") + _(
            "（如确信模板可信，可设置环境变量 {variable} 放宽此上限，见 README）"
        )
        return TemplatePackage(
            source,
            [
                PackageIssue(
                    message.format(
                        size=inflated / 2**20,
                        limit=limits.template_mb,
                        variable="REPORTKIT_TEMPLATE_MB",
                    )
                )
            ],
        )
    issues: list[PackageIssue] = []
    for info in infos:
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            issues.append(
                PackageIssue(
                    _("模板中的 {name} 使用了 Word 不使用的压缩方式（{method}），无法读取").format(
                        name=info.filename, method=info.compress_type
                    )
                )
            )
        elif info.flag_bits & 0x1:
            issues.append(
                PackageIssue(_("模板中的 {name} 已加密，无法读取").format(name=info.filename))
            )
    if issues:
        return TemplatePackage(source, issues)
    parts: dict[str, Any] = {}
    try:
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                parts[info.filename] = _parse_strict(archive.read(info), info.filename)
    except TemplateProblem as exc:
        return TemplatePackage(source, [PackageIssue(str(exc))])
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        message = _("模板不是有效的 .docx 文件（{error}）").format(error=exc)
        return TemplatePackage(source, [PackageIssue(message)])
    types = parts.get("[Content_Types].xml")
    kinds = [] if types is None else [e.get("ContentType", "") for e in types]
    if not any(k.endswith(_WORD_MAIN) for k in kinds):
        kind = next((label for key, label in _OTHER_KINDS if any(key in k for k in kinds)), None)
        message = (
            _("模板不是 Word 文档，而是{kind}；请在 Word 中另存为 .docx").format(kind=_(kind))
            if kind
            else _("模板不是 Word 文档（.docx 中没有 Word 正文）")
        )
        return TemplatePackage(source, [PackageIssue(message)])
    if any(name.lower().endswith("vbaproject.bin") for name in archive.namelist()):
        issues.append(
            PackageIssue(
                _(
                    "模板含有宏（vbaProject.bin），生成的报告不能带有宏；"
                    "请在 Word 中另存为“Word 文档（.docx）”"
                )
            )
        )
    stripped: dict[str, Any] = {}
    for name, root in parts.items():
        if name.endswith(".rels"):
            issues += _external_links(name, root, parts, stripped)
        elif name.startswith("word/"):
            issues += _remote_fields(name, root)
    if stripped and not any(i.error for i in issues):
        source = _replace_parts(archive, stripped)
    return TemplatePackage(source, issues)


def _external_links(
    name: str, rels: Any, parts: dict[str, Any], stripped: dict[str, Any]
) -> list[PackageIssue]:
    """The external targets of one relationships part: hyperlinks stay (Word opens them only
    when clicked), the attached template is stripped, anything else is refused."""
    issues = []
    folder, _slash, base = name.rpartition("_rels/")
    source = folder + base.removesuffix(".rels")
    for rel in list(rels):
        if rel.get("TargetMode") != "External" or rel.get("Type") == _HYPERLINK:
            continue
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        target = rel.get("Target", "")
        if rel.get("Type") == _ATTACHED and source in parts:
            rels.remove(rel)
            owner = parts[source]
            for element in owner.iter(f"{{{_W['w']}}}attachedTemplate"):
                element.getparent().remove(element)
            stripped[name], stripped[source] = rels, owner
            issues.append(
                PackageIssue(
                    _(
                        "模板附加了外部模板 {target}，Word 打开报告时会去读取它；生成的报告中已去掉"
                    ).format(target=target),
                    error=False,
                )
            )
            continue
        issues.append(
            PackageIssue(
                _(
                    "模板的 {part} 链接到外部地址 {target}（{kind}），Word 打开报告时会去读取它；"
                    "请删除该链接或改为嵌入"
                ).format(part=source, target=target, kind=kind)
            )
        )
    return issues


def _remote_fields(name: str, root: Any) -> list[PackageIssue]:
    """Field codes in a part of the document that make Word fetch content when it opens it."""
    instructions = "".join(root.itertext(f"{{{_W['w']}}}instrText", with_tail=False))
    instructions += " ".join(
        e.get(f"{{{_W['w']}}}instr", "") for e in root.iter(f"{{{_W['w']}}}fldSimple")
    )
    found = sorted({m.upper() for m in _REMOTE_FIELDS.findall(instructions)})
    if not found:
        return []
    return [
        PackageIssue(
            _(
                "模板的 {part} 含有从外部读取内容的域代码（{fields}），Word 打开报告时会去读取；"
                "请删除这些域，图片请直接插入"
            ).format(part=name, fields="、".join(found))
        )
    ]


def _replace_parts(archive: zipfile.ZipFile, replaced: Mapping[str, Any]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in archive.infolist():
            if info.filename in replaced:
                blob = etree.tostring(
                    replaced[info.filename], xml_declaration=True, encoding="UTF-8", standalone=True
                )
            else:
                blob = archive.read(info)
            package.writestr(info.filename, blob)
    return out.getvalue()


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


_LITERALS = {"{_{": "{{ '{{' }}", "}_}": "{{ '}}' }}", "{_%": "{{ '{%' }}", "%_}": "{{ '%}' }}"}
"""docxtpl's escapes for a literal tag in a template, as Jinja text."""
_LITERAL = re.compile("|".join(re.escape(k) for k in _LITERALS))


_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
"""A Jinja tag in a part's XML, once docxtpl has patched it (no XML markup inside)."""

_XML_ENTITY = re.compile(r"&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);")
_XML_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _xml_character(match: re.Match[str]) -> str:
    name = match.group(1)
    if name.startswith("#x"):
        return chr(int(name[2:], 16))
    if name.startswith("#"):
        return chr(int(name[1:]))
    return _XML_ENTITIES[name]


def _patched(tpl: DocxTemplate, xml: str) -> str:
    """A part's XML as Jinja source: docxtpl's patch (tags freed of Word's runs, its {%p %}
    tags…), then each tag's text as the template's author typed it. Word stores a tag's ``&``
    as ``&amp;`` (``"`` as ``&quot;``…); docxtpl turns back only ``&lt;`` and ``&gt;``, so
    ``{{ "R&D" }}`` would print ``R&amp;D`` once autoescaped."""
    return _TAG.sub(lambda m: _XML_ENTITY.sub(_xml_character, m.group()), tpl.patch_xml(xml))


def _failed(exc: BaseException, where: str = "") -> TemplateProblem:
    """Any other exception raised while a template renders, as a template problem (``where``:
    :meth:`_Sandbox.where`)."""
    return TemplateProblem(
        _("模板在生成报告时出错（{kind}：{error}）").format(kind=type(exc).__name__, error=exc)
        + where
    )


def _parse_rendered(xml: bytes | str, name: str, parser: Any = None) -> Any:
    """A rendered part read back strictly; TemplateProblem when the template made it unreadable
    (lxml's recover mode would silently drop the text after the fault)."""
    try:
        return etree.fromstring(xml, parser if parser is not None else _STRICT)
    except etree.XMLSyntaxError as exc:
        raise TemplateProblem(
            _("模板的 {part} 生成的内容不是合法的 XML（{error}）").format(part=name, error=exc)
        ) from None


def _fix_tables(tree: Any) -> None:
    """What docxtpl's ``fix_tables`` does, on a tree read strictly (it reads the XML in lxml's
    recover mode): a grid gains columns when a row has more cells than it has, scaled to keep
    the table's width, and loses those no row spans, their width shared among the rest."""
    w = "{" + _W["w"] + "}"
    for table in tree.iter(w + "tbl"):
        grid = table.find(w + "tblGrid")
        if grid is None:
            continue
        columns = grid.findall(w + "gridCol")
        rows = list(table.iter(w + "tr"))
        extra = max((len(row.findall(w + "tc")) - len(columns) for row in rows), default=0)
        width = sum(float(c.get(w + "w")) for c in columns if c.get(w + "w") is not None)
        if extra > 0 and width > 0:
            old_average, new_average = width / len(columns), width / (len(columns) + extra)
            for column in columns:  # (docxtpl's arithmetic, for the same widths)
                column.set(
                    w + "w", str(int(float(column.get(w + "w")) * new_average / old_average))
                )
            for _i in range(extra):
                etree.SubElement(grid, w + "gridCol", {w + "w": str(int(new_average))})
        columns = grid.findall(w + "gridCol")
        spans = []
        for row in rows:
            span = 0
            for cell in row.findall(w + "tc"):
                merged = cell.find(f"{w}tcPr/{w}gridSpan")
                span += int(merged.get(w + "val")) if merged is not None else 1
            spans.append(span)
        surplus = len(columns) - max(spans, default=0)
        if surplus > 0:
            removed = 0.0
            for column in columns[-surplus:]:
                removed += float(column.get(w + "w"))
                grid.remove(column)
            left = grid.findall(w + "gridCol")
            share = int(removed / len(left)) if left else 0
            for column in left:
                column.set(w + "w", str(int(float(column.get(w + "w")) + share)))


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

    def __init__(self, template: Path | bytes, limits: Limits | None = None) -> None:
        limits = limits if limits is not None else Limits.from_environment()
        package = inspect_template(template_bytes(template), limits)
        if package.errors:
            raise TemplateProblem("\n".join(i.message for i in package.errors))
        env = self._env = _Sandbox(limits)
        env.start()
        try:
            tpl = DocxTemplate(io.BytesIO(package.data))
            tpl.render_init()
        except (zipfile.BadZipFile, KeyError, ValueError) as exc:
            raise TemplateProblem(
                _("模板不是有效的 .docx 文件（{error}）").format(error=exc)
            ) from None
        self._tpl = tpl
        document = tpl.docx
        self._root = document._element
        # Per part that varies by report: how to make its bytes from a context.
        self._renderers: dict[str, Callable[[Mapping[str, Any]], bytes]] = {}
        try:
            body = self._compile(
                env, _patched(tpl, self._split_document(tpl)), document.part.partname.membername
            )
            self._renderers[document.part.partname.membername] = functools.partial(
                self._document, body
            )
            for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
                for _key, part in tpl.get_headers_footers(uri):
                    xml = tpl.get_part_xml(part)
                    encoding = tpl.get_headers_footers_encoding(xml)
                    compiled = self._compile(env, _patched(tpl, xml), part.partname.membername)
                    self._renderers[part.partname.membername] = functools.partial(
                        self._header_footer, compiled, encoding, part.partname.membername
                    )
            for part in document.part.package.parts:
                if part.content_type.endswith(".wordprocessingml.footnotes+xml"):
                    blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
                    compiled = self._compile(env, _patched(tpl, blob), part.partname.membername)
                    self._renderers[part.partname.membername] = functools.partial(
                        self._footnotes, compiled, part.partname.membername
                    )
            core = document.core_properties
            values = {name: getattr(core, name) for name in _CORE_PROPERTIES}
            if any("{" in value for value in values.values()):
                props = {
                    name: self._compile(env, value, f"docProps/core.xml ({name})")
                    for name, value in values.items()
                }
                element = core._element
                name = document.part.package._core_properties_part.partname.membername
                self._renderers[name] = lambda ctx: self._properties(element, props, ctx)
            else:  # constant: rendered once, as docxtpl would render it for every report
                for name, value in values.items():
                    if not _renders_as_itself(value):  # (most are plain text, or empty)
                        value = self._compile(env, value, f"docProps/core.xml ({name})").render({})
                    setattr(core, name, value)
        except TemplateError as exc:
            raise template_problem(exc, env.where(exc)) from None
        except ReportkitError:
            raise
        except Exception as exc:  # {{ 10**5000 }}, {{ 1/0 }}, a macro calling itself…
            raise _failed(exc, env.where(exc)) from None
        # Every other part is the same for every report: serialised and compressed once (by
        # python-docx's save, whose deflated bytes are what _Member.deflate would make).
        saved = io.BytesIO()
        document.save(saved)
        archive = saved.getvalue()
        self._members: list[_Member | str] = []
        with zipfile.ZipFile(saved) as saved_zip:
            for info in saved_zip.infolist():
                if info.filename in self._renderers:
                    self._members.append(info.filename)
                    continue
                member = _Member.from_zip(archive, info)
                if member is None:
                    member = _Member.deflate(info.filename, saved_zip.read(info.filename))
                self._members.append(member)

    @staticmethod
    def _compile(env: _Sandbox, xml: str, part: str) -> Template:
        # As DocxTemplate.render_xml_part: each paragraph on its own line, for Jinja's line numbers.
        xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)
        # docxtpl's way to write a literal {{ in a template ({_{ … }_}) is kept, but turned into
        # Jinja text here, where the template is compiled, rather than in the rendered output,
        # where it would also rewrite a {_{ in a clerk's text.
        return env.compile_part(_LITERAL.sub(lambda m: _LITERALS[m.group()], xml), part)

    def _render(self, template: Template, context: Mapping[str, Any]) -> str:
        # DocxTemplate.render_xml_part, after its compile step.
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", template.render(context))
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
        self, template: Template, encoding: str, name: str, context: Mapping[str, Any]
    ) -> bytes:
        # DocxTemplate.map_headers_footers_xml loads the rendered XML as a part, which saves
        # it re-serialised.
        xml = self._render(template, context).encode(encoding)
        return bytes(serialize_part_xml(_parse_rendered(xml, name, oxml_parser)))

    def _footnotes(self, template: Template, name: str, context: Mapping[str, Any]) -> bytes:
        xml = self._render(template, context).encode("utf-8")
        _parse_rendered(xml, name)
        return xml

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
            document = _parse_rendered(before + xml + after, "word/document.xml")
            tree = document.find("w:body", _W)
            if tree is not None and _grid_is_consistent(tree):
                self._number_drawings(tree)
                return bytes(etree.tostring(document, encoding="UTF-8", standalone=True))
            xml = self._body_tag + xml[len("<w:body>") :]
        tree = _parse_rendered(xml, "word/document.xml")
        _fix_tables(tree)
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
        self._env.start()
        try:
            for member in self._members:
                if isinstance(member, str):
                    member = _Member.deflate(member, self._renderers[member](context))
                members.append(member)
        except TemplateError as exc:
            raise template_problem(exc, self._env.where(exc)) from None
        except ReportkitError:
            raise
        except Exception as exc:  # {{ 10**5000 }}, {{ 1/0 }}, a macro calling itself…
            raise _failed(exc, self._env.where(exc)) from None
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
                _("{path}: 无法读取模板（{reason}）").format(path=template, reason=os_reason(exc))
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
