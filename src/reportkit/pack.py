"""The pack an upper-level office sends to its units: schema, template, blank file, instructions.

A pack is versioned by the JSON Schema it carries: ``2021-1a2b3c4d`` is the era
and the first eight hex digits of the SHA-256 of that era's schema. The blank
data file in the pack carries the version in a comment line near its top::

    # reportkit-pack: 2021-1a2b3c4d（reportkit 0.1.0）

A clerk fills in a copy of that file, so every submission says which pack it was
made from; ``validate`` (and ``check``) warn when that is not the current pack of
the file's era — the data format may have changed since. A comment, not a data
key, because the models refuse unknown keys and an older reportkit must still read
a newer pack's file. Files without the line (not made from a pack) get no warning.
"""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path

from reportkit.errors import Problem, Severity, UsageError
from reportkit.i18n import _
from reportkit.models import ERA_YEARS, ERAS
from reportkit.schemas import schema_filename, schema_text

__all__ = [
    "INSTRUCTIONS",
    "MARKER",
    "blank_name",
    "build_pack",
    "default_year",
    "pack_line",
    "pack_problems",
    "pack_version",
]

MARKER = "reportkit-pack"
_LINE = re.compile(rf"^#\s*{MARKER}:\s*(\S+?)(?:（|\(|\s|$)", re.MULTILINE)
_HEAD = 4096
"""The marker is looked for in the file's first characters only (it is near the top)."""

INSTRUCTIONS = "填报说明.txt"
MANIFEST = "pack.json"


def _reportkit_version() -> str:
    from reportkit import __version__

    return __version__


@functools.cache
def pack_version(era: str) -> str:
    """The current pack version of an era: ``2021-1a2b3c4d`` (era and schema digest)."""
    digest = hashlib.sha256(schema_text(era).encode("utf-8")).hexdigest()
    return f"{era}-{digest[:8]}"


def pack_line(era: str) -> str:
    """The comment line that records the pack a data file was made from."""
    return f"# {MARKER}: {pack_version(era)}（reportkit {_reportkit_version()}）"


def pack_problems(text: str, era: str) -> list[Problem]:
    """A warning when the file was made from a pack other than the era's current one."""
    match = _LINE.search(text, 0, _HEAD)
    if match is None:
        return []
    made_from = match.group(1)
    current = pack_version(era)
    if made_from == current:
        return []
    line = text.count("\n", 0, match.start()) + 1
    return [
        Problem(
            _(
                "本文件由填报包 {made_from} 生成，当前 {era} 年版格式的填报包为 {current}："
                "数据格式可能已有变化，请向上级部门索取新的填报包，并按其中的空白文件核对各字段"
            ).format(made_from=made_from, era=era, current=current),
            severity=Severity.WARNING,
            line=line,
            column=1,
            code="old-pack",
        )
    ]


def _unknown_era(era: str) -> str:
    """The message for an era that does not exist, listing those that do."""
    return _("没有 {era} 年版格式；可选：{eras}").format(era=era, eras=_("、").join(ERAS))


def default_year(era: str) -> int:
    """The report year a pack is made for by default: the era's last year, or last year."""
    import datetime as dt

    last_year = dt.date.today().year - 1
    for first, last, name in ERA_YEARS:
        if name == era:
            return max(first, min(last, last_year))
    raise UsageError(_unknown_era(era))


def blank_name(year: int) -> str:
    """The blank data file's name in the pack."""
    return f"blank-{year}.yaml"


def _instructions(era: str, year: int, template: str, schema: str, blank: str) -> str:
    version = pack_version(era)
    return f"""政府信息公开工作年度报告填报说明
（填报包 {version}，{era} 年版格式，{year} 年度；由 reportkit {_reportkit_version()} 生成）

本填报包中的文件
  {blank}    空白数据文件：复制一份，改名为本单位名称（如 示例镇.yaml）后填写。
  {schema}    数据文件的格式说明（JSON Schema）。
  {template}    报告的 Word 模板。
  {INSTRUCTIONS}    本说明。

一、填写
  1. 用支持 YAML 的编辑器打开复制的数据文件，推荐 VS Code 并安装 “YAML” 插件：文件第一行
     指向同一文件夹中的 {schema}，编辑器会在输入时补全字段名、提示说明、标出错误。
     用记事本等编辑器也可以填写，保存时请选择 UTF-8 编码。
  2. 每个“字段: 值”的冒号后要有一个空格；缩进只用空格，不用 Tab。
  3. 表格中的数字为 0 时写 0；“总计”可以不填，由 reportkit 自动合计，填写了则必须与各项之和相等。
  4. 文字段落之间空一行。不要删改以“# {MARKER}:”开头的一行：它记录本文件来自哪个填报包。

二、校验
  reportkit validate 示例镇.yaml
  每个问题都会指出行号、字段和原因，例如“示例镇.yaml:14:7: 主动公开.规章.本年制发件数: 未填写”。
  校验通过后再报送。

三、生成 Word 文档（供本单位审核、发布）
  reportkit render 示例镇.yaml --template {template}
  生成 示例镇.docx，按 GB/T 9704《党政机关公文格式》排版，合计和占比自动计算。

四、报送
  把填好并校验通过的数据文件（.yaml）报送上级部门。上级部门用
  reportkit check 校验全部报送文件，用 reportkit aggregate 汇总。

安装 reportkit：向上级部门索取安装文件（wheel），用 pip install 安装（需 Python 3.11 及以上）。
"""


def build_pack(era: str, year: int | None = None) -> tuple[bytes, str]:
    """The pack of an era as a zip archive, and the name of its top folder.

    The archive is reproducible: the same reportkit and era give the same bytes.
    """
    import io
    import json
    import zipfile

    from reportkit.rendering import default_template
    from reportkit.scaffold import scaffold

    if era not in ERAS:
        raise UsageError(_unknown_era(era))
    year = year if year is not None else default_year(era)
    folder = f"{MARKER}-{pack_version(era)}"
    schema = schema_filename(era)
    template = f"era-{era}.docx"
    blank = blank_name(year)
    text = scaffold(year, out_dir=Path(folder), schema_path=Path(folder) / schema)
    first, rest = text.split("\n", 1)  # the schema line stays first, where editors look
    files: dict[str, bytes] = {
        INSTRUCTIONS: ("\ufeff" + _instructions(era, year, template, schema, blank)).encode(),
        blank: f"{first}\n{pack_line(era)}\n{rest}".encode(),
        schema: schema_text(era).encode("utf-8"),
        template: default_template(era),
    }
    manifest = {
        "pack": pack_version(era),
        "era": era,
        "year": year,
        "reportkit": _reportkit_version(),
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in files.items()},
    }
    files[MANIFEST] = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue(), folder
